//! Retention: what the platform keeps only for a while. A background job
//! ([`JOB`], in the core's manifest) purges, in every municipality,
//! expired sessions, used or expired password-reset tokens, sent mails
//! older than the municipality's `retention_mail_days` and read
//! notifications older than its `retention_notification_days`.

use super::{Accounts, SESSION_DAYS};
use crate::module::Job;
use crate::{params, Result, Tenant};
use serde::{Deserialize, Serialize};
use std::time::Duration;

/// A municipality's retention periods (days).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct Retention {
    /// Sent mails are deleted from the outbox after this many days.
    pub retention_mail_days: i64,
    /// Read notifications are deleted after this many days.
    pub retention_notification_days: i64,
}

impl Retention {
    /// Sessions end after this many days (fixed).
    pub const SESSION_DAYS: i64 = SESSION_DAYS;
    /// A password-reset link is valid this many minutes (fixed).
    pub const RESET_MINUTES: i64 = super::passwords::RESET_MINUTES;
}

/// What one purge deleted.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize)]
pub struct Purged {
    pub sessions: u64,
    pub password_resets: u64,
    pub mails: u64,
    pub notifications: u64,
}

/// The hourly retention job of the core.
pub const JOB: Job = Job {
    name: "retention",
    every: Duration::from_secs(3600),
    run: |s| {
        Box::pin(async move {
            for tenant in s.tenants().all().await? {
                s.accounts().purge(&tenant).await?;
            }
            Ok(())
        })
    },
};

const DAY_MS: i64 = 86_400_000;

/// The categories of personal data the privacy page can name, each with
/// the query that says whether the municipality stores any.
const CATEGORIES: &[(&str, &str)] = &[
    ("account", "SELECT COUNT(*) AS n FROM users WHERE municipality_id = $1"),
    ("sessions", "SELECT COUNT(*) AS n FROM sessions WHERE municipality_id = $1"),
    ("contributions", "SELECT (SELECT COUNT(*) FROM proposals WHERE municipality_id = $1) + (SELECT COUNT(*) FROM comments WHERE municipality_id = $1) AS n"),
    ("supports", "SELECT COUNT(*) AS n FROM supports WHERE municipality_id = $1"),
    ("opinion", "SELECT COUNT(*) AS n FROM opinion_participants WHERE municipality_id = $1"),
    ("budget", "SELECT COUNT(*) AS n FROM budget_ballots WHERE municipality_id = $1"),
    ("questions", "SELECT COUNT(*) AS n FROM register_questions WHERE municipality_id = $1"),
    ("offline", "SELECT (SELECT COUNT(*) FROM proposals WHERE municipality_id = $1 AND offline_name IS NOT NULL) + (SELECT COUNT(*) FROM supports WHERE municipality_id = $1 AND offline_name IS NOT NULL) AS n"),
    ("verification", "SELECT COUNT(*) AS n FROM users WHERE municipality_id = $1 AND verified_at IS NOT NULL"),
    ("notifications", "SELECT (SELECT COUNT(*) FROM notifications WHERE municipality_id = $1) + (SELECT COUNT(*) FROM follows WHERE municipality_id = $1) AS n"),
    ("mail", "SELECT COUNT(*) AS n FROM outbox WHERE municipality_id = $1"),
    ("tokens", "SELECT COUNT(*) AS n FROM api_tokens WHERE municipality_id = $1"),
    ("audit", "SELECT COUNT(*) AS n FROM audit_log WHERE municipality_id = $1"),
];

#[derive(Deserialize)]
struct CountRow {
    n: i64,
}

impl Accounts<'_> {
    /// The municipality's retention periods.
    pub async fn retention(&self, tenant: &Tenant) -> Result<Retention> {
        Ok(self
            .store
            .db
            .one_as(
                "SELECT retention_mail_days, retention_notification_days FROM municipalities WHERE id = $1",
                params![tenant.id],
            )
            .await?)
    }

    /// The categories of personal data stored in `tenant` now (keys of
    /// [`CATEGORIES`], in its order), for the privacy page. One counting
    /// statement per category.
    pub async fn stored_categories(&self, tenant: &Tenant) -> Result<Vec<&'static str>> {
        let mut out = Vec::new();
        for (key, sql) in CATEGORIES {
            let r: CountRow = self.store.db.one_as(sql, params![tenant.id]).await?;
            if r.n > 0 {
                out.push(*key);
            }
        }
        Ok(out)
    }

    /// Deletes what is past its retention period in `tenant` (see the
    /// module documentation); returns what was deleted.
    pub async fn purge(&self, tenant: &Tenant) -> Result<Purged> {
        let r = self.retention(tenant).await?;
        let mut w = self.store.write(tenant).await?;
        let now = w.now;
        let t = tenant.id;
        let sessions = w
            .exec(
                "DELETE FROM sessions WHERE municipality_id = $1 AND expires_at <= $2",
                params![t, now],
            )
            .await?;
        let password_resets = w
            .exec(
                "DELETE FROM password_resets WHERE municipality_id = $1 AND (used_at IS NOT NULL OR expires_at <= $2)",
                params![t, now],
            )
            .await?;
        let mails = w
            .exec(
                "DELETE FROM outbox WHERE municipality_id = $1 AND sent_at IS NOT NULL AND sent_at < $2",
                params![t, now - r.retention_mail_days * DAY_MS],
            )
            .await?;
        let notifications = w
            .exec(
                "DELETE FROM notifications WHERE municipality_id = $1 AND read_at IS NOT NULL AND read_at < $2",
                params![t, now - r.retention_notification_days * DAY_MS],
            )
            .await?;
        w.commit().await?;
        Ok(Purged {
            sessions,
            password_resets,
            mails,
            notifications,
        })
    }
}
