//! The second step of a log-in: a code from the app or a recovery code.

use super::setup::{recovery_matches, step_i64, unix_seconds};
use super::{secret_bytes, wrong_code, Row, TwoFactor};
use crate::audit::actor_label;
use crate::{params, Result, Tenant};
use teilhabe_domain::{totp, Actor};

impl TwoFactor<'_> {
    /// Whether the account logs in with a second factor.
    pub async fn enabled(&self, tenant: &Tenant, user_id: i64) -> Result<bool> {
        let row: Option<Row> = self
            .store
            .db
            .opt_as(
                "SELECT secret, enabled_at, last_step FROM twofactor WHERE user_id = $1 AND municipality_id = $2",
                params![user_id, tenant.id],
            )
            .await?;
        Ok(row.is_some_and(|r| r.enabled_at.is_some()))
    }

    /// Checks the second factor of a log-in: a code of the current step
    /// (or one either side) not used before, or an unused recovery code,
    /// which is then used up (audited). A wrong code is a field error on
    /// `code`.
    pub async fn check_login(&self, tenant: &Tenant, user_id: i64, code: &str) -> Result<()> {
        let mut w = self.store.write(tenant).await?;
        let row: Row = w
            .opt_as(
                "SELECT secret, enabled_at, last_step FROM twofactor WHERE user_id = $1 AND municipality_id = $2",
                params![user_id, tenant.id],
            )
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
            w.commit().await?;
            return Ok(());
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
            w.commit().await?;
            return Ok(());
        }
        Err(wrong_code())
    }
}
