//! Ballot secrecy: the stored voter key of a budget ballot is an HMAC of
//! the person (`u:<user id>`) under the ballot key derived from the
//! instance key file (`crate::keys`). The database alone (or a backup)
//! does not tell whose ballot a row is; with the key file, the store can
//! still find a person's own ballot, keep one ballot per person and let
//! them replace it until the budget is closed.

use super::Budgets;
use crate::{params, Result, Tenant};
use serde::{Deserialize, Serialize};
use std::collections::HashMap;
use teilhabe_domain::budget::{decode_ballot, BallotChoice};

/// A person's own ballot, as shown to them (profile, data export).
#[derive(Debug, Clone, Serialize)]
pub struct OwnBallot {
    pub budget_id: i64,
    pub budget_name: String,
    pub process_id: i64,
    pub channel: String,
    pub choices: Vec<BallotChoice>,
    pub created_at: i64,
    pub updated_at: i64,
}

#[derive(Deserialize)]
struct OwnBallotRow {
    budget_id: i64,
    budget_name: String,
    process_id: i64,
    channel: String,
    choices: String,
    created_at: i64,
    updated_at: i64,
}

#[derive(Deserialize)]
struct KeyRow {
    voter_key: String,
}

#[derive(Deserialize)]
struct UserRow {
    id: i64,
}

impl Budgets<'_> {
    /// The stored voter key of an account.
    pub fn voter_key(&self, user_id: i64) -> String {
        self.store.key().voter_key(&format!("u:{user_id}"))
    }

    /// The ballots an account cast in a municipality, found through its
    /// keyed voter key (the store's one lookup of a person's ballots).
    pub async fn ballots_of(&self, tenant: &Tenant, user_id: i64) -> Result<Vec<OwnBallot>> {
        let rows: Vec<OwnBallotRow> = self
            .store
            .db
            .all_as(
                "SELECT bb.budget_id, b.name AS budget_name, bb.process_id, bb.channel, bb.choices, bb.created_at, bb.updated_at FROM budget_ballots bb JOIN budgets b ON b.id = bb.budget_id WHERE bb.municipality_id = $1 AND bb.voter_key = $2 ORDER BY bb.budget_id",
                params![tenant.id, self.voter_key(user_id)],
            )
            .await?;
        Ok(rows
            .into_iter()
            .map(|r| OwnBallot {
                budget_id: r.budget_id,
                budget_name: r.budget_name,
                process_id: r.process_id,
                channel: r.channel,
                choices: decode_ballot(&r.choices),
                created_at: r.created_at,
                updated_at: r.updated_at,
            })
            .collect())
    }

    /// The stored voter keys of every account of a municipality, mapped
    /// back to the account (for the evaluation's count of persons).
    pub(super) async fn voters_of(&self, municipality_id: i64) -> Result<HashMap<String, i64>> {
        let users: Vec<UserRow> = self
            .store
            .db
            .all_as(
                "SELECT id FROM users WHERE municipality_id = $1",
                params![municipality_id],
            )
            .await?;
        Ok(users
            .into_iter()
            .map(|u| (self.voter_key(u.id), u.id))
            .collect())
    }

    /// Rewrites voter keys stored in plain form (`u:<id>`, `demo:<n>`, as
    /// written before keys existed) to their HMAC, once; run at every open
    /// and then finds nothing. Paper keys (`paper:<sheet>`) name a sheet,
    /// not a person, and stay.
    pub(crate) async fn rekey_ballots(&self) -> Result<()> {
        for table in ["budget_ballots", "budget_voter_districts"] {
            let rows: Vec<KeyRow> = self
                .store
                .db
                .all_as(
                    &format!("SELECT DISTINCT voter_key FROM {table} WHERE voter_key LIKE 'u:%' OR voter_key LIKE 'demo:%'"),
                    params![],
                )
                .await?;
            if rows.is_empty() {
                continue;
            }
            let mut tx = self.store.db.begin().await?;
            for r in rows {
                let key = self.store.key().voter_key(&r.voter_key);
                tx.exec(
                    &format!("UPDATE {table} SET voter_key = $1 WHERE voter_key = $2"),
                    params![key.as_str(), r.voter_key.as_str()],
                )
                .await?;
            }
            tx.commit().await?;
            tracing::info!(table, "budget voter keys rewritten to their keyed hash");
        }
        Ok(())
    }
}
