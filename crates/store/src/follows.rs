//! Following something to hear about it: a process, a proposal or a
//! register entry. `store.follows()` holds the use cases; [`Followed`] says
//! what is followed and knows its permission check. Following is private,
//! so it is not in the public audit trail. [`notify`] is the one fan-out
//! of notifications to followers (inside the caller's transaction).

use crate::{params, Result, StoreError, Tenant, Tx, Write, P};
use serde::Deserialize;
use teilhabe_domain::permission::{decide, Action, Target};
use teilhabe_domain::{Actor, Denied};

crate::service!(
    Follows,
    follows,
    "Following processes, proposals and register entries; notifying followers."
);

/// Something that can be followed.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Followed {
    Process(i64),
    Proposal(i64),
    RegisterEntry(i64),
}

impl Followed {
    /// `follows.target_kind`.
    pub fn kind(self) -> &'static str {
        match self {
            Followed::Process(_) => "process",
            Followed::Proposal(_) => "proposal",
            Followed::RegisterEntry(_) => "register_entry",
        }
    }

    pub fn id(self) -> i64 {
        match self {
            Followed::Process(id) | Followed::Proposal(id) | Followed::RegisterEntry(id) => id,
        }
    }
}

#[derive(Deserialize)]
struct ProcessIdRow {
    process_id: i64,
}

#[derive(Deserialize)]
struct CountRow {
    n: i64,
}

impl Follows<'_> {
    /// Decides `Follow` on what `target` is: a proposal is followed under
    /// its process's rules.
    async fn check(&self, tenant: &Tenant, actor: &Actor, target: Followed) -> Result<()> {
        let store = self.store;
        match target {
            Followed::Process(_) | Followed::Proposal(_) => {
                let process_id = match target {
                    Followed::Proposal(id) => {
                        store
                            .db
                            .opt_as::<ProcessIdRow>(
                                "SELECT process_id FROM proposals WHERE id = $1 AND municipality_id = $2",
                                params![id, tenant.id],
                            )
                            .await?
                            .ok_or(StoreError::NotFound)?
                            .process_id
                    }
                    _ => target.id(),
                };
                let process = store.processes().by_id(tenant, process_id).await?;
                decide(actor, Action::Follow, &Target::Process(&process.facts()))?;
            }
            Followed::RegisterEntry(id) => {
                let entry = store.register().entry_by_id(tenant, id).await?;
                decide(actor, Action::Follow, &entry.target())?;
            }
        }
        Ok(())
    }

    /// Follow (`on`) or stop following; repeating either is harmless.
    pub async fn follow(
        &self,
        tenant: &Tenant,
        actor: &Actor,
        target: Followed,
        on: bool,
    ) -> Result<()> {
        self.check(tenant, actor, target).await?;
        let user = actor
            .user_id
            .ok_or(StoreError::Denied(Denied::LoginRequired))?;
        let db = &self.store.db;
        if on {
            db.exec(
                "INSERT INTO follows (municipality_id, user_id, target_kind, target_id, created_at) VALUES ($1, $2, $3, $4, $5) ON CONFLICT DO NOTHING",
                params![tenant.id, user, target.kind(), target.id(), self.store.now()],
            )
            .await?;
        } else {
            db.exec(
                "DELETE FROM follows WHERE user_id = $1 AND target_kind = $2 AND target_id = $3",
                params![user, target.kind(), target.id()],
            )
            .await?;
        }
        Ok(())
    }

    /// Whether `user_id` follows `target` (never for visitors).
    pub async fn is_following(&self, user_id: Option<i64>, target: Followed) -> Result<bool> {
        let Some(u) = user_id else { return Ok(false) };
        Ok(self
            .store
            .db
            .opt(
                "SELECT 1 AS x FROM follows WHERE user_id = $1 AND target_kind = $2 AND target_id = $3",
                params![u, target.kind(), target.id()],
            )
            .await?
            .is_some())
    }

    /// How many people follow `target`.
    pub async fn followers(&self, target: Followed) -> Result<i64> {
        Ok(self
            .store
            .db
            .one_as::<CountRow>(
                "SELECT COUNT(*) AS n FROM follows WHERE target_kind = $1 AND target_id = $2",
                params![target.kind(), target.id()],
            )
            .await?
            .n)
    }
}

/// Notifies everyone following any of `targets`, except the actor, once
/// each, in one statement whatever the number of followers. `kind` names
/// the notification text (`notification-{kind}`).
#[allow(clippy::too_many_arguments)] // the event's fields, each needed once
pub(crate) async fn notify(
    w: &mut Write<'_>,
    actor: Option<i64>,
    targets: &[Followed],
    kind: &str,
    title: &str,
    link: &str,
) -> Result<()> {
    let (tenant, now) = (w.tenant(), w.now);
    let mut p: Vec<P> = vec![
        tenant.id.into(),
        kind.into(),
        title.into(),
        link.into(),
        now.into(),
        actor.unwrap_or(0).into(),
    ];
    let mut any = Vec::new();
    for t in targets {
        p.push(t.kind().into());
        p.push(t.id().into());
        any.push(format!(
            "(f.target_kind = ${} AND f.target_id = ${})",
            p.len() - 1,
            p.len()
        ));
    }
    if any.is_empty() {
        return Ok(());
    }
    w.exec(
        &format!(
            "INSERT INTO notifications (municipality_id, user_id, kind, title, link, created_at) SELECT DISTINCT $1, f.user_id, $2, $3, $4, $5 FROM follows f WHERE ({}) AND f.user_id <> $6",
            any.join(" OR ")
        ),
        &p,
    )
    .await?;
    Ok(())
}

/// One notification for one person (inside the caller's transaction).
pub(crate) async fn notify_user(
    tx: &mut Tx,
    tenant: &Tenant,
    now: i64,
    user: i64,
    kind: &str,
    title: &str,
    link: &str,
) -> Result<()> {
    tx.exec(
        // A deleted account (the author of a kept contribution) gets none.
        "INSERT INTO notifications (municipality_id, user_id, kind, title, link, created_at) SELECT $1, id, $3, $4, $5, $6 FROM users WHERE id = $2 AND deleted_at IS NULL",
        params![tenant.id, user, kind, title, link, now],
    )
    .await?;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::Followed;

    #[test]
    fn target_kinds_are_the_stored_ones() {
        assert_eq!(Followed::Process(1).kind(), "process");
        assert_eq!(Followed::Proposal(2).kind(), "proposal");
        assert_eq!(Followed::RegisterEntry(3).kind(), "register_entry");
        assert_eq!(Followed::RegisterEntry(3).id(), 3);
    }
}
