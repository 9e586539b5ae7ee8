//! Following a register entry.

use super::Questions;
use crate::{params, Result, StoreError, Tenant};
use serde::Deserialize;
use teilhabe_domain::permission::{decide, Action};
use teilhabe_domain::{Actor, Denied};

#[derive(Deserialize)]
struct CountRow {
    n: i64,
}

impl Questions<'_> {
    /// Follow (`on`) or stop following an entry; repeating either is
    /// harmless. Followers hear of new versions, answers and the data
    /// council's recommendations. Following is private, so it is not in
    /// the public audit trail (as for processes and proposals).
    pub async fn follow(&self, tenant: &Tenant, actor: &Actor, slug: &str, on: bool) -> Result<()> {
        let entry = self.store.register().entry(tenant, slug).await?;
        decide(actor, Action::Follow, &entry.target())?;
        let user = actor
            .user_id
            .ok_or(StoreError::Denied(Denied::LoginRequired))?;
        if on {
            self.store
                .db
                .exec(
                    "INSERT INTO follows (municipality_id, user_id, target_kind, target_id, created_at) VALUES ($1, $2, 'register_entry', $3, $4) ON CONFLICT DO NOTHING",
                    params![tenant.id, user, entry.id, self.store.now()],
                )
                .await?;
        } else {
            self.store
                .db
                .exec(
                    "DELETE FROM follows WHERE user_id = $1 AND target_kind = 'register_entry' AND target_id = $2",
                    params![user, entry.id],
                )
                .await?;
        }
        Ok(())
    }

    /// How many people follow an entry.
    pub async fn followers(&self, entry_id: i64) -> Result<i64> {
        Ok(self
            .store
            .db
            .one_as::<CountRow>(
                "SELECT COUNT(*) AS n FROM follows WHERE target_kind = 'register_entry' AND target_id = $1",
                params![entry_id],
            )
            .await?
            .n)
    }
}
