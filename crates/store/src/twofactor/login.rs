//! The second step of a log-in: a code from the app or a recovery code.

use super::setup::{recovery_matches, step_i64, unix_seconds};
use super::{secret_bytes, wrong_code, Row, TwoFactor};
use crate::audit::actor_label;
use crate::{params, random_token, token_hash, Result, StoreError, Tenant};
use serde::Deserialize;
use teilhabe_domain::{totp, Actor};

/// How long the second step may take after the password.
pub const PENDING_MS: i64 = 5 * 60_000;

#[derive(Deserialize)]
struct PendingRow {
    user_id: i64,
}

impl TwoFactor<'_> {
    /// Whether the account logs in with a second factor.
    pub async fn enabled(&self, tenant: &Tenant, user_id: i64) -> Result<bool> {
        let row: Option<Row> = self.row(tenant, user_id).await?;
        Ok(row.is_some_and(|r| r.enabled_at.is_some()))
    }

    /// After a correct password: a pending log-in of `user_id`, valid for
    /// [`PENDING_MS`]; returns its token for a cookie (only the hash is
    /// stored, so a database reader cannot skip the password).
    pub async fn begin(&self, tenant: &Tenant, user_id: i64) -> Result<String> {
        let token = random_token();
        let mut w = self.store.write(tenant).await?;
        let now = w.now;
        // Expired ones of anybody go (the table stays small).
        w.exec(
            "DELETE FROM twofactor_pending WHERE expires_at <= $1",
            params![now],
        )
        .await?;
        w.exec(
            "INSERT INTO twofactor_pending (token_hash, municipality_id, user_id, expires_at) VALUES ($1, $2, $3, $4)",
            params![token_hash(&token), tenant.id, user_id, now + PENDING_MS],
        )
        .await?;
        w.commit().await?;
        Ok(token)
    }

    /// The account of an unexpired pending log-in.
    pub async fn pending_user(&self, tenant: &Tenant, token: &str) -> Result<Option<i64>> {
        let r: Option<PendingRow> = self
            .store
            .db
            .opt_as(
                "SELECT user_id FROM twofactor_pending WHERE token_hash = $1 AND municipality_id = $2 AND expires_at > $3",
                params![token_hash(token), tenant.id, self.store.now()],
            )
            .await?;
        Ok(r.map(|r| r.user_id))
    }

    /// Checks the second factor of the pending log-in `pending`: a code of
    /// the current step (or one either side) not used before, or an unused
    /// recovery code, which is then used up (audited). Returns the account,
    /// and the pending log-in is over. A wrong code is a field error on
    /// `otp`; an unknown or expired pending log-in a conflict.
    pub async fn check_login(&self, tenant: &Tenant, pending: &str, code: &str) -> Result<i64> {
        let mut w = self.store.write(tenant).await?;
        let now = w.now;
        let user_id = w
            .opt_as::<PendingRow>(
                "SELECT user_id FROM twofactor_pending WHERE token_hash = $1 AND municipality_id = $2 AND expires_at > $3",
                params![token_hash(pending), tenant.id, now],
            )
            .await?
            .ok_or(StoreError::Conflict("error-twofactor-pending-expired"))?
            .user_id;
        let row: Row = w
            .opt_as(super::ROW_SQL, params![user_id, tenant.id])
            .await?
            .filter(|r: &Row| r.enabled_at.is_some())
            .ok_or_else(wrong_code)?;
        let last = u64::try_from(row.last_step).unwrap_or(0);
        if let Some(step) =
            totp::verify(&secret_bytes(&row.secret)?, code, unix_seconds(w.now), last)
        {
            // Only if no other log-in took this step meanwhile.
            let n = w
                .exec(
                    "UPDATE twofactor SET last_step = $1 WHERE user_id = $2 AND last_step < $1",
                    params![step_i64(step), user_id],
                )
                .await?;
            if n == 0 {
                return Err(wrong_code());
            }
            end_pending(&mut w, pending).await?;
            w.commit().await?;
            return Ok(user_id);
        }
        if recovery_matches(&mut w, tenant, user_id, code).await? {
            let actor = Actor {
                user_id: Some(user_id),
                ..Actor::default()
            };
            w.audit(
                &actor,
                "twofactor.recovery_used",
                format!("user:{}", actor_label(tenant, Some(user_id))),
                serde_json::json!({}),
            );
            end_pending(&mut w, pending).await?;
            w.commit().await?;
            return Ok(user_id);
        }
        Err(wrong_code())
    }
}

async fn end_pending(w: &mut crate::Write<'_>, pending: &str) -> Result<()> {
    w.exec(
        "DELETE FROM twofactor_pending WHERE token_hash = $1",
        params![token_hash(pending)],
    )
    .await?;
    Ok(())
}
