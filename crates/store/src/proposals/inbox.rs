//! The staff inbox, the latest answers and contributions per channel.

use super::{ChannelStat, InboxItem, ProposalRow, Proposals, PROPOSAL_COLS};
use crate::{params, Result, Tenant};
use serde::Deserialize;
use teilhabe_domain::permission::{decide, Action, Target};
use teilhabe_domain::proposal::Channel;
use teilhabe_domain::Actor;

/// The process columns an inbox row has besides the proposal's.
#[derive(Deserialize)]
struct InboxExtraRow {
    process_title: String,
    #[serde(default)]
    department_id: Option<i64>,
}

#[derive(Deserialize)]
struct ChannelRow {
    channel: String,
    proposals: i64,
    comments: i64,
    supports: i64,
}

impl Proposals<'_> {
    /// Contributions awaiting an answer in the actor's departments (all for
    /// admins), oldest first.
    pub async fn inbox(&self, tenant: &Tenant, actor: &Actor) -> Result<Vec<InboxItem>> {
        decide(actor, Action::ViewInbox, &Target::Municipality)?;
        let rows = self
            .store
            .db
            .all(
                &format!("SELECT {PROPOSAL_COLS}, pr.title AS process_title, pr.department_id FROM proposals p LEFT JOIN users u ON u.id = p.author_id JOIN processes pr ON pr.id = p.process_id WHERE p.municipality_id = $1 AND p.status IN ('submitted', 'in_review') AND p.hidden_at IS NULL ORDER BY p.created_at ASC, p.id ASC"),
                params![tenant.id],
            )
            .await?;
        let now = self.store.now();
        let mut out = Vec::new();
        for r in &rows {
            let extra: InboxExtraRow = r.to()?;
            if actor.runs(extra.department_id) {
                out.push(InboxItem {
                    proposal: r
                        .to::<ProposalRow>()?
                        .into_proposal(now, tenant.answer_deadline_days),
                    process_title: extra.process_title,
                });
            }
        }
        Ok(out)
    }

    /// The most recently answered proposals of public processes (home page).
    pub async fn latest_answers(&self, tenant: &Tenant, limit: i64) -> Result<Vec<InboxItem>> {
        let rows = self
            .store
            .db
            .all(
                &format!("SELECT {PROPOSAL_COLS}, pr.title AS process_title FROM proposals p LEFT JOIN users u ON u.id = p.author_id JOIN processes pr ON pr.id = p.process_id WHERE p.municipality_id = $1 AND p.answered_at IS NOT NULL AND p.hidden_at IS NULL AND pr.status <> 'draft' ORDER BY p.answered_at DESC LIMIT $2"),
                params![tenant.id, limit],
            )
            .await?;
        let now = self.store.now();
        rows.iter()
            .map(|r| {
                Ok(InboxItem {
                    proposal: r
                        .to::<ProposalRow>()?
                        .into_proposal(now, tenant.answer_deadline_days),
                    process_title: r.to::<InboxExtraRow>()?.process_title,
                })
            })
            .collect()
    }

    /// Contributions per channel in a process: (channel, proposals, comments, supports).
    pub async fn channel_stats(
        &self,
        tenant: &Tenant,
        process_id: i64,
    ) -> Result<Vec<ChannelStat>> {
        let rows: Vec<ChannelRow> = self
            .store
            .db
            .all_as(
                "SELECT channel, SUM(pr) AS proposals, SUM(co) AS comments, SUM(su) AS supports FROM (SELECT channel, 1 AS pr, 0 AS co, 0 AS su FROM proposals WHERE process_id = $1 AND municipality_id = $2 UNION ALL SELECT c.channel, 0, 1, 0 FROM comments c JOIN proposals p ON p.id = c.proposal_id WHERE p.process_id = $1 AND c.municipality_id = $2 UNION ALL SELECT channel, 0, 0, 1 FROM supports WHERE process_id = $1 AND municipality_id = $2) t GROUP BY channel ORDER BY channel",
                params![process_id, tenant.id],
            )
            .await?;
        Ok(rows
            .into_iter()
            .map(|r| ChannelStat {
                channel: Channel::stored(&r.channel),
                proposals: r.proposals,
                comments: r.comments,
                supports: r.supports,
            })
            .collect())
    }
}
