//! What the evaluation counts of the core (`crate::foundation::MODULE`):
//! proposals, comments and supports of a process, per person and channel.
//! Hidden (moderated) proposals and comments, and comments on hidden
//! proposals, are not counted.

use super::Proposals;
use crate::{params, Result, Tenant};
use serde::Deserialize;
use teilhabe_domain::evaluation::{Contribution, ContributionForm, Person};
use teilhabe_domain::proposal::Channel;

/// Contributions of one form by one person and channel.
#[derive(Deserialize)]
struct PersonCount {
    person_id: Option<i64>,
    channel: String,
    n: i64,
}

impl Proposals<'_> {
    /// The core's contributions to a process.
    pub(crate) async fn contributions(
        &self,
        tenant: &Tenant,
        process_id: i64,
    ) -> Result<Vec<Contribution>> {
        let mut out = Vec::new();
        for (form, sql) in [
            (ContributionForm::Proposal, "SELECT author_id AS person_id, channel, COUNT(*) AS n FROM proposals WHERE process_id = $1 AND municipality_id = $2 AND hidden_at IS NULL GROUP BY author_id, channel"),
            (ContributionForm::Comment, "SELECT c.author_id AS person_id, c.channel, COUNT(*) AS n FROM comments c JOIN proposals pr ON pr.id = c.proposal_id WHERE pr.process_id = $1 AND c.municipality_id = $2 AND c.hidden_at IS NULL AND pr.hidden_at IS NULL GROUP BY c.author_id, c.channel"),
            (ContributionForm::Support, "SELECT user_id AS person_id, channel, COUNT(*) AS n FROM supports WHERE process_id = $1 AND municipality_id = $2 GROUP BY user_id, channel"),
        ] {
            let rows: Vec<PersonCount> = self
                .store
                .db
                .all_as(sql, params![process_id, tenant.id])
                .await?;
            out.extend(rows.into_iter().map(|r| {
                let channel = Channel::stored(&r.channel);
                Contribution {
                    form,
                    person: Person::of(r.person_id, channel),
                    channel,
                    count: r.n,
                }
            }));
        }
        Ok(out)
    }
}
