//! Following a process or proposal (notifications about it).

use super::Processes;
use crate::{params, Result, StoreError, Tenant};
use serde::Deserialize;
use teilhabe_domain::permission::{decide, Action, Target};
use teilhabe_domain::Actor;

#[derive(Deserialize)]
struct ProcessIdRow {
    process_id: i64,
}

impl Processes<'_> {
    pub async fn follow(
        &self,
        tenant: &Tenant,
        actor: &Actor,
        kind: &str,
        target_id: i64,
        follow: bool,
    ) -> Result<()> {
        let process = match kind {
            "process" => self.by_id(tenant, target_id).await?,
            "proposal" => {
                let r: ProcessIdRow = self
                    .store
                    .db
                    .opt_as(
                        "SELECT process_id FROM proposals WHERE id = $1 AND municipality_id = $2",
                        params![target_id, tenant.id],
                    )
                    .await?
                    .ok_or(StoreError::NotFound)?;
                self.by_id(tenant, r.process_id).await?
            }
            _ => return Err(StoreError::NotFound),
        };
        decide(actor, Action::Follow, &Target::Process(&process.facts()))?;
        let user = actor
            .user_id
            .ok_or(StoreError::Denied(teilhabe_domain::Denied::LoginRequired))?;
        if follow {
            self.store.db
                .exec(
                    "INSERT INTO follows (municipality_id, user_id, target_kind, target_id, created_at) VALUES ($1, $2, $3, $4, $5) ON CONFLICT DO NOTHING",
                    params![tenant.id, user, kind, target_id, self.store.now()],
                )
                .await?;
        } else {
            self.store.db
                .exec("DELETE FROM follows WHERE user_id = $1 AND target_kind = $2 AND target_id = $3", params![user, kind, target_id])
                .await?;
        }
        Ok(())
    }

    pub async fn is_following(
        &self,
        user_id: Option<i64>,
        kind: &str,
        target_id: i64,
    ) -> Result<bool> {
        let Some(u) = user_id else { return Ok(false) };
        Ok(self
            .store
            .db
            .opt("SELECT 1 AS x FROM follows WHERE user_id = $1 AND target_kind = $2 AND target_id = $3", params![u, kind, target_id])
            .await?
            .is_some())
    }
}
