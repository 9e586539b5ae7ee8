//! Opinion maps (issue #4): statements, votes, moderation, paper
//! questionnaires, the background analysis and the Polis import/export.
//! The use cases are methods of [`OpinionMaps`] (`store.opinion()`), one
//! file per group:
//!
//! - `manage.rs`: the map and its settings, seed statements;
//! - `statements.rs`: participants' statements, moderation, the ballot;
//! - `votes.rs`: voters, online votes (written by `vote_commit.rs`, the
//!   group-commit writer) and the one way a vote changes the counters;
//! - `paper.rs`: paper questionnaires;
//! - `results.rs`: the stored analysis and the participation timeline;
//! - `analysis.rs`: the background analysis job;
//! - `export.rs`, `import.rs`: Polis's CSV format out and in;
//! - `contributions.rs`: what a process's evaluation counts of its maps.
//!
//! Votes are deliberately not written to the public audit log: the log names
//! actors by pseudonym, and a pseudonym that also authored a public proposal
//! would reveal how that person voted. Settings, statements, moderation,
//! paper questionnaires and imports are audited.

mod analysis;
mod contributions;
pub(crate) mod demo;
mod export;
mod import;
mod manage;
mod paper;
mod results;
mod statements;
pub(crate) mod vote_commit;
mod votes;

pub use analysis::analysis_settings;
pub use import::ImportSummary;
pub use manage::{OpinionMap, OpinionRights};
pub use results::{
    AnalysisResult, DayCount, DivisiveStatement, GroupResult, RepresentativeStatement,
    SharedStatement, Shares, StoredResult,
};
pub use statements::{Ballot, Statement};
pub use votes::VoterId;

/// The opinion module in the store's manifest (`crate::module::MODULES`).
pub const MODULE: crate::module::StoreModule = {
    use crate::module::{Job, Migration, StoreModule};
    StoreModule {
        name: "opinion",
        migrations: &[
            Migration {
                version: 4,
                description: "opinion maps",
                sqlite: include_str!("migrations/sqlite/0004_opinion.sql"),
                postgres: include_str!("migrations/postgres/0004_opinion.sql"),
            },
            Migration {
                version: 12,
                description: "opinion: Polis xid of imported participants",
                sqlite: include_str!("migrations/sqlite/0012_opinion_xid.sql"),
                postgres: include_str!("migrations/postgres/0012_opinion_xid.sql"),
            },
        ],
        demo: Some(|s, d| Box::pin(demo::load(s, d))),
        jobs: &[Job {
            // Rerun the analysis of maps with new votes once they have been
            // quiet for 3 s, at the latest 30 s after the last run.
            name: "opinion analysis",
            every: std::time::Duration::from_secs(2),
            run: |s| {
                Box::pin(async move {
                    s.opinion()
                        .run_due_analyses(3_000, 30_000)
                        .await
                        .map(|_| ())
                })
            },
        }],
        contributions: Some(|s, t, p| {
            Box::pin(async move { s.opinion().contributions(t, p).await })
        }),
    }
};

crate::service!(
    OpinionMaps,
    opinion,
    "Opinion maps: settings, statements and moderation, votes, paper questionnaires, the analysis and the Polis import/export."
);

/// A row that is just an id.
#[derive(serde::Deserialize)]
struct IdRow {
    id: i64,
}
