//! Deleting one's own account (DSGVO Art. 17).
//!
//! The `users` row stays, emptied of personal data and marked with
//! `deleted_at`, so that everything that counts it keeps counting:
//! supports, opinion votes and budget ballots stay (their totals and the
//! evaluation do not change), and the audit chain stays valid (its rows
//! hold pseudonyms of the account id only; with the account emptied, a
//! pseudonym leads to no person any more). What identifies the person is
//! erased: e-mail, name, password hash, sessions, API tokens, reset
//! tokens, notifications, follows, roles, the link to a verification code
//! and mails in the outbox addressed to them.
//!
//! Public contributions either stay, shown by "gelöschtes Konto"
//! ([`DELETED_NAME`]), or are removed: proposals, comments and questions
//! or objections on the register are then hidden with an emptied text
//! (like moderation hides them: the placeholder keeps counts and replies
//! in place). Opinion-map statements always stay, since other people
//! voted on them and the map's analysis rests on those votes.

use super::passwords::verify_password;
use super::Accounts;
use crate::audit::actor_label;
use crate::search::{self, Kind};
use crate::{params, random_token, Result, StoreError, Tenant};
use serde::Deserialize;
use teilhabe_domain::{Actor, FieldErrors, Role};

/// The name a deleted account's contributions are shown under.
pub const DELETED_NAME: &str = "gelöschtes Konto";

/// The hidden reason of contributions removed with their account.
pub const REMOVED_REASON: &str = "Beitrag mit dem Konto gelöscht";

/// What happens to the public contributions of a deleted account.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Contributions {
    /// They stay, shown as by "gelöschtes Konto".
    Keep,
    /// Proposals, comments and register questions are hidden and emptied.
    Remove,
}

impl Contributions {
    pub fn parse(s: &str) -> Option<Self> {
        match s {
            "keep" => Some(Self::Keep),
            "remove" => Some(Self::Remove),
            _ => None,
        }
    }

    pub fn as_str(self) -> &'static str {
        match self {
            Self::Keep => "keep",
            Self::Remove => "remove",
        }
    }
}

/// Who takes over from a staff member who deletes their account: per
/// department, the other staff members (empty: an admin must assign one).
#[derive(Debug, Clone, serde::Serialize)]
pub struct Handover {
    pub department: String,
    pub others: Vec<String>,
}

#[derive(Deserialize)]
struct DeleteRow {
    email: String,
    password_hash: String,
}

#[derive(Deserialize)]
struct IdRow {
    id: i64,
}

#[derive(Deserialize)]
struct HandoverRow {
    department: String,
    other: Option<String>,
}

impl Accounts<'_> {
    /// Whether `user_id` is the only admin left (then they cannot delete
    /// their account).
    pub async fn is_last_admin(&self, tenant: &Tenant, user_id: i64) -> Result<bool> {
        let admins: Vec<IdRow> = self
            .store
            .db
            .all_as(
                "SELECT user_id AS id FROM role_grants WHERE municipality_id = $1 AND role = $2",
                params![tenant.id, Role::Admin.as_str()],
            )
            .await?;
        Ok(admins.len() == 1 && admins[0].id == user_id)
    }

    /// For a staff member: their departments and who else works in each.
    pub async fn handover(&self, tenant: &Tenant, user_id: i64) -> Result<Vec<Handover>> {
        let rows: Vec<HandoverRow> = self
            .store
            .db
            .all_as(
                "SELECT d.name AS department, u.display_name AS other FROM role_grants g JOIN departments d ON d.id = g.department_id LEFT JOIN role_grants o ON o.department_id = g.department_id AND o.role = g.role AND o.user_id <> g.user_id LEFT JOIN users u ON u.id = o.user_id WHERE g.municipality_id = $1 AND g.user_id = $2 AND g.role = $3 ORDER BY d.name, u.display_name",
                params![tenant.id, user_id, Role::Staff.as_str()],
            )
            .await?;
        let mut out: Vec<Handover> = Vec::new();
        for r in rows {
            if out.last().map(|h| &h.department) != Some(&r.department) {
                out.push(Handover {
                    department: r.department.clone(),
                    others: Vec::new(),
                });
            }
            if let (Some(h), Some(o)) = (out.last_mut(), r.other) {
                h.others.push(o);
            }
        }
        Ok(out)
    }

    /// Deletes the account of `user_id` after checking its password (see
    /// the module documentation for what is erased and what stays).
    /// Audited as `user.deleted` with the choice only.
    pub async fn delete(
        &self,
        tenant: &Tenant,
        user_id: i64,
        password: &str,
        contributions: Contributions,
    ) -> Result<()> {
        let row: DeleteRow = self
            .store
            .db
            .opt_as(
                "SELECT email, password_hash FROM users WHERE id = $1 AND municipality_id = $2 AND deleted_at IS NULL",
                params![user_id, tenant.id],
            )
            .await?
            .ok_or(StoreError::NotFound)?;
        if !verify_password(password, &row.password_hash) {
            let mut e = FieldErrors::new();
            e.add("password", "error-delete-password-wrong");
            return Err(e.into());
        }
        if self.is_last_admin(tenant, user_id).await? {
            return Err(StoreError::Conflict("error-delete-last-admin"));
        }
        let mut w = self.store.write(tenant).await?;
        let now = w.now;
        let t = tenant.id;
        let placeholder = format!("deleted-{}@invalid", &random_token()[..24]);
        w.exec(
            "UPDATE users SET email = $1, display_name = $2, password_hash = '', locale = 'de', digest = 'none', last_digest_at = NULL, deleted_at = $3 WHERE id = $4 AND municipality_id = $5",
            params![placeholder.as_str(), DELETED_NAME, now, user_id, t],
        )
        .await?;
        for table in [
            "sessions",
            "api_tokens",
            "password_resets",
            "notifications",
            "follows",
            "role_grants",
            "twofactor",
            "twofactor_recovery",
            "twofactor_pending",
        ] {
            w.exec(
                &format!("DELETE FROM {table} WHERE user_id = $1 AND municipality_id = $2"),
                params![user_id, t],
            )
            .await?;
        }
        w.exec(
            "UPDATE verification_codes SET used_by = NULL WHERE used_by = $1 AND municipality_id = $2",
            params![user_id, t],
        )
        .await?;
        w.exec(
            "DELETE FROM outbox WHERE recipient = $1 AND municipality_id = $2",
            params![row.email.as_str(), t],
        )
        .await?;
        let mut removed = 0;
        if contributions == Contributions::Remove {
            for (table, kind) in [
                ("proposals", Some(Kind::Proposal)),
                ("comments", Some(Kind::Comment)),
                ("register_questions", None),
                ("dataset_questions", None),
                ("data_requests", None),
            ] {
                let ids: Vec<IdRow> = w
                    .all_as(
                        &format!("SELECT id FROM {table} WHERE author_id = $1 AND municipality_id = $2 AND hidden_at IS NULL"),
                        params![user_id, t],
                    )
                    .await?;
                w.exec(
                    &format!("UPDATE {table} SET hidden_at = $1, hidden_reason = $2, body = '' WHERE author_id = $3 AND municipality_id = $4 AND hidden_at IS NULL"),
                    params![now, REMOVED_REASON, user_id, t],
                )
                .await?;
                if let Some(kind) = kind {
                    for r in &ids {
                        search::remove(&mut w, kind, r.id).await?;
                    }
                }
                removed += ids.len();
            }
        }
        if contributions == Contributions::Remove {
            // A data request's title and reasons are the person's words too.
            w.exec(
                "UPDATE data_requests SET title = '', reason = '' WHERE author_id = $1 AND municipality_id = $2",
                params![user_id, t],
            )
            .await?;
        }
        w.audit(
            &Actor {
                user_id: Some(user_id),
                ..Actor::default()
            },
            "user.deleted",
            format!("user:{}", actor_label(tenant, Some(user_id))),
            serde_json::json!({"contributions": contributions.as_str(), "removed": removed}),
        );
        w.commit().await?;
        Ok(())
    }
}
