//! What the evaluation counts of the budgets of a process: ballots per
//! voter and channel.

use super::Budgets;
use crate::{params, Result, Tenant};
use serde::Deserialize;
use teilhabe_domain::evaluation::{Contribution, ContributionForm, Person};
use teilhabe_domain::proposal::Channel;

/// Budget ballots of one voter and channel.
#[derive(Deserialize)]
struct BallotCount {
    voter_key: String,
    channel: String,
    n: i64,
}

impl Budgets<'_> {
    /// The budgets' contributions to a process. A voter is the keyed hash
    /// of `u:<user>` online (mapped back to the account with the key),
    /// `paper:<sheet>` from paper sheets.
    pub(crate) async fn contributions(
        &self,
        tenant: &Tenant,
        process_id: i64,
    ) -> Result<Vec<Contribution>> {
        let rows: Vec<BallotCount> = self.store
        .db
        .all_as(
            "SELECT voter_key, channel, COUNT(*) AS n FROM budget_ballots WHERE process_id = $1 AND municipality_id = $2 GROUP BY voter_key, channel",
            params![process_id, tenant.id],
        )
        .await?;
        let accounts = self.voters_of(tenant.id).await?;
        Ok(rows
            .into_iter()
            .map(|r| {
                let channel = Channel::stored(&r.channel);
                let key = r.voter_key;
                let person = match accounts.get(&key) {
                    Some(u) => Person::Account(*u),
                    None if channel == Channel::Online => Person::Anonymous(key),
                    None => Person::Offline(Some(key)),
                };
                Contribution {
                    form: ContributionForm::BudgetBallot,
                    person,
                    channel,
                    count: r.n,
                }
            })
            .collect())
    }
}
