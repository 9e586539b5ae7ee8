//! The exports of a published budget: anonymized ballots (numbered in an
//! order of content, never of casting) and the Pabulib election.

use super::{election_of, Budget, Budgets, Which};
use crate::{params, Result, StoreError, Tenant};
use serde::Serialize;
use teilhabe_budget::pb::Election;
use teilhabe_domain::budget::{decode_ballot, BallotChoice};
use teilhabe_domain::Actor;

/// Anonymized ballots of a budget, for the exports.
#[derive(Debug, Clone, Serialize)]
pub struct AnonymousBallot {
    /// Sequential number in a content order, not in order of casting.
    pub voter: usize,
    pub channel: String,
    pub choices: Vec<BallotChoice>,
}

#[derive(serde::Deserialize)]
struct BallotRow {
    channel: String,
    choices: String,
    receipt_hash: Option<String>,
}

impl Budgets<'_> {
    /// The counted ballots of a budget without voter identity, numbered in
    /// an order of content (not of casting), and their receipt hashes.
    pub(super) async fn anonymous_ballots(
        &self,
        budget_id: i64,
    ) -> Result<(Vec<AnonymousBallot>, Vec<String>)> {
        let rows: Vec<BallotRow> = self
            .store
            .db
            .all_as(
                "SELECT channel, choices, receipt_hash FROM budget_ballots WHERE budget_id = $1 ORDER BY choices, channel, receipt_hash",
                params![budget_id],
            )
            .await?;
        let mut hashes = Vec::new();
        let mut ballots = Vec::with_capacity(rows.len());
        for (i, r) in rows.into_iter().enumerate() {
            if let Some(h) = r.receipt_hash {
                hashes.push(h);
            }
            ballots.push(AnonymousBallot {
                voter: i + 1,
                channel: r.channel,
                choices: decode_ballot(&r.choices),
            });
        }
        hashes.sort();
        Ok((ballots, hashes))
    }

    /// The published budget as a Pabulib election with anonymized ballots
    /// (readable by pabutools), plus the ballots for CSV/JSON exports.
    pub async fn export(
        &self,
        tenant: &Tenant,
        actor: &Actor,
        budget_id: i64,
    ) -> Result<(Budget, Election, Vec<AnonymousBallot>)> {
        let (budget, _) = self.budget_and_process(tenant, actor, budget_id).await?;
        if budget.published_at.is_none() {
            return Err(StoreError::Conflict("error-budget-no-results"));
        }
        let projects = self.projects_of(budget_id, Which::Feasible).await?;
        let (ballots, _) = self.anonymous_ballots(budget_id).await?;
        let e = election_of(&budget, &projects, &ballots, &tenant.name)?;
        Ok((budget, e, ballots))
    }
}
