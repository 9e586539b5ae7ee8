//! The core every module builds on: municipalities and their hosts,
//! accounts and roles, processes and proposals, comments, supports, the
//! audit chain, search, images and the mail outbox (the folders
//! `tenant`, `accounts`, `processes`, `proposals`, `audit`, `search`,
//! `mail`); its job is the retention purge (`accounts/retention.rs`).
//! Its migrations stay in `crates/store/migrations/`; its demo part is the
//! four processes with their proposals (`demo/processes.rs`), loaded
//! first, after the demo's municipality, departments and accounts.

use crate::module::{Migration, StoreModule};

pub const MODULE: StoreModule = StoreModule {
    name: "foundation",
    migrations: &[
        Migration {
            version: 1,
            description: "foundation",
            sqlite: include_str!("../migrations/sqlite/0001_foundation.sql"),
            postgres: include_str!("../migrations/postgres/0001_foundation.sql"),
        },
        Migration {
            version: 2,
            description: "images",
            sqlite: include_str!("../migrations/sqlite/0002_images.sql"),
            postgres: include_str!("../migrations/postgres/0002_images.sql"),
        },
        Migration {
            version: 3,
            description: "outbox claims",
            sqlite: include_str!("../migrations/sqlite/0003_outbox_claims.sql"),
            postgres: include_str!("../migrations/postgres/0003_outbox_claims.sql"),
        },
        Migration {
            version: 11,
            description: "text keys not null",
            sqlite: include_str!("../migrations/sqlite/0011_text_keys_not_null.sql"),
            postgres: include_str!("../migrations/postgres/0011_text_keys_not_null.sql"),
        },
        Migration {
            version: 13,
            description: "municipality administration",
            sqlite: include_str!("../migrations/sqlite/0013_municipality_admin.sql"),
            postgres: include_str!("../migrations/postgres/0013_municipality_admin.sql"),
        },
        Migration {
            version: 14,
            description: "privacy",
            sqlite: include_str!("../migrations/sqlite/0014_privacy.sql"),
            postgres: include_str!("../migrations/postgres/0014_privacy.sql"),
        },
        Migration {
            version: 15,
            description: "accounts security",
            sqlite: include_str!("../migrations/sqlite/0015_accounts_security.sql"),
            postgres: include_str!("../migrations/postgres/0015_accounts_security.sql"),
        },
        Migration {
            version: 16,
            description: "audit checkpoints",
            sqlite: include_str!("../migrations/sqlite/0016_audit_checkpoints.sql"),
            postgres: include_str!("../migrations/postgres/0016_audit_checkpoints.sql"),
        },
    ],
    demo: Some(|s, d| Box::pin(crate::demo::processes::load(s, d))),
    jobs: &[
        crate::accounts::RETENTION_JOB,
        crate::module::Job {
            name: "audit checkpoints",
            every: std::time::Duration::from_secs(15 * 60),
            run: |s| Box::pin(async move { s.audit().checkpoint_all().await.map(|_| ()) }),
        },
    ],
    contributions: Some(|s, t, p| Box::pin(async move { s.proposals().contributions(t, p).await })),
};
