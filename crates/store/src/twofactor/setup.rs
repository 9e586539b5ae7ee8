//! Setting up two-factor authentication and turning it off.

use super::{secret_bytes, wrong_code, Row, Status, TwoFactor};
use crate::audit::actor_label;
use crate::{params, token_hash, Result, StoreError, Tenant};
use rand::RngCore;
use serde::Deserialize;
use teilhabe_domain::totp;
use teilhabe_domain::{Actor, Denied, FieldErrors};

#[derive(Deserialize)]
struct CountRow {
    n: i64,
}

impl TwoFactor<'_> {
    /// The account's two-factor state.
    pub async fn status(&self, tenant: &Tenant, user_id: i64) -> Result<Status> {
        let row: Option<Row> = self.row(tenant, user_id).await?;
        let Some(row) = row else {
            return Ok(Status {
                enabled: false,
                pending_secret: None,
                recovery_left: 0,
            });
        };
        if row.enabled_at.is_none() {
            return Ok(Status {
                enabled: false,
                pending_secret: Some(row.secret),
                recovery_left: 0,
            });
        }
        let left: CountRow = self
            .store
            .db
            .one_as(
                "SELECT COUNT(*) AS n FROM twofactor_recovery WHERE user_id = $1 AND municipality_id = $2 AND used_at IS NULL",
                params![user_id, tenant.id],
            )
            .await?;
        Ok(Status {
            enabled: true,
            pending_secret: None,
            recovery_left: left.n,
        })
    }

    /// Starts (or restarts) the setup with a new secret, returned in
    /// base32. Refused while two-factor authentication is on.
    pub async fn start(&self, tenant: &Tenant, actor: &Actor) -> Result<String> {
        let user_id = actor.user_id.ok_or(Denied::LoginRequired)?;
        let mut bytes = [0u8; 20];
        rand::thread_rng().fill_bytes(&mut bytes);
        let secret = totp::base32_encode(&bytes);
        let mut w = self.store.write(tenant).await?;
        let now = w.now;
        let row: Option<Row> = w
            .opt_as(super::ROW_SQL, params![user_id, tenant.id])
            .await?;
        if row.is_some_and(|r| r.enabled_at.is_some()) {
            return Err(StoreError::Conflict("error-twofactor-already-on"));
        }
        w.exec("DELETE FROM twofactor WHERE user_id = $1", params![user_id])
            .await?;
        w.exec(
            "INSERT INTO twofactor (user_id, municipality_id, secret, created_at) VALUES ($1, $2, $3, $4)",
            params![user_id, tenant.id, secret.clone(), now],
        )
        .await?;
        w.commit().await?;
        Ok(secret)
    }

    /// Finishes the setup with a first code from the app: turns two-factor
    /// authentication on and returns the ten recovery codes (shown once;
    /// only their hashes are kept).
    pub async fn confirm(&self, tenant: &Tenant, actor: &Actor, code: &str) -> Result<Vec<String>> {
        let user_id = actor.user_id.ok_or(Denied::LoginRequired)?;
        let mut w = self.store.write(tenant).await?;
        let now = w.now;
        let row: Row = w
            .opt_as(super::ROW_SQL, params![user_id, tenant.id])
            .await?
            .filter(|r: &Row| r.enabled_at.is_none())
            .ok_or(StoreError::Conflict("error-twofactor-not-started"))?;
        let step = totp::verify(&secret_bytes(&row.secret)?, code, unix_seconds(now), 0)
            .ok_or_else(wrong_code)?;
        w.exec(
            "UPDATE twofactor SET enabled_at = $1, last_step = $2 WHERE user_id = $3",
            params![now, step_i64(step), user_id],
        )
        .await?;
        let codes = new_recovery_codes(&mut w, tenant, user_id).await?;
        w.audit(
            actor,
            "twofactor.enabled",
            format!("user:{}", actor_label(tenant, Some(user_id))),
            serde_json::json!({}),
        );
        w.commit().await?;
        Ok(codes)
    }

    /// Turns two-factor authentication off, with the password and a code
    /// (or a recovery code). Refused while a role of the person requires it.
    pub async fn disable(
        &self,
        tenant: &Tenant,
        actor: &Actor,
        password: &str,
        code: &str,
    ) -> Result<()> {
        let user_id = actor.user_id.ok_or(Denied::LoginRequired)?;
        if self.required_for(tenant, actor).await? {
            return Err(StoreError::Conflict("error-twofactor-required-by-role"));
        }
        let mut e = FieldErrors::new();
        if !password_matches(self.store, tenant, user_id, password).await? {
            e.add("password", "error-password-wrong");
        }
        let mut w = self.store.write(tenant).await?;
        let row: Row = w
            .opt_as(super::ROW_SQL, params![user_id, tenant.id])
            .await?
            .filter(|r: &Row| r.enabled_at.is_some())
            .ok_or(StoreError::Conflict("error-twofactor-not-on"))?;
        let code_ok = totp::verify(
            &secret_bytes(&row.secret)?,
            code,
            unix_seconds(w.now),
            u64::try_from(row.last_step).unwrap_or(0),
        )
        .is_some()
            || recovery_matches(&mut w, tenant, user_id, code).await?;
        if !code_ok {
            e.add("otp", "error-twofactor-code-wrong");
        }
        e.into_result()?;
        remove(&mut w, user_id).await?;
        w.audit(
            actor,
            "twofactor.disabled",
            format!("user:{}", actor_label(tenant, Some(user_id))),
            serde_json::json!({}),
        );
        w.commit().await?;
        Ok(())
    }
}

#[derive(Deserialize)]
struct HashRow {
    password_hash: String,
}

/// Whether `password` is the person's password.
async fn password_matches(
    store: &crate::Store,
    tenant: &Tenant,
    user_id: i64,
    password: &str,
) -> Result<bool> {
    let r: HashRow = store
        .db
        .one_as(
            "SELECT password_hash FROM users WHERE id = $1 AND municipality_id = $2",
            params![user_id, tenant.id],
        )
        .await?;
    Ok(crate::accounts::verify_password(password, &r.password_hash))
}

/// Seconds since the epoch of a store time (milliseconds).
pub(crate) fn unix_seconds(ms: i64) -> u64 {
    u64::try_from(ms / 1000).unwrap_or(0)
}

/// A step as stored (steps of real times fit easily).
pub(crate) fn step_i64(step: u64) -> i64 {
    i64::try_from(step).unwrap_or(i64::MAX)
}

/// Replaces the person's recovery codes with ten new ones; returns them
/// grouped for reading.
async fn new_recovery_codes(
    w: &mut crate::Write<'_>,
    tenant: &Tenant,
    user_id: i64,
) -> Result<Vec<String>> {
    w.exec(
        "DELETE FROM twofactor_recovery WHERE user_id = $1",
        params![user_id],
    )
    .await?;
    let mut codes = Vec::new();
    for _ in 0..totp::RECOVERY_CODES {
        let mut bytes = [0u8; 10];
        rand::thread_rng().fill_bytes(&mut bytes);
        let code = totp::recovery_code(&bytes);
        w.exec(
            "INSERT INTO twofactor_recovery (municipality_id, user_id, code_hash) VALUES ($1, $2, $3)",
            params![tenant.id, user_id, token_hash(&code)],
        )
        .await?;
        codes.push(totp::grouped(&code, "-"));
    }
    Ok(codes)
}

/// Whether `typed` is an unused recovery code of the person; if so it is
/// marked used (in the caller's unit of work).
pub(crate) async fn recovery_matches(
    w: &mut crate::Write<'_>,
    tenant: &Tenant,
    user_id: i64,
    typed: &str,
) -> Result<bool> {
    let code = totp::normalize_recovery(typed);
    if code.len() != 16 {
        return Ok(false);
    }
    let now = w.now;
    let n = w
        .exec(
            "UPDATE twofactor_recovery SET used_at = $1 WHERE user_id = $2 AND municipality_id = $3 AND code_hash = $4 AND used_at IS NULL",
            params![now, user_id, tenant.id, token_hash(&code)],
        )
        .await?;
    Ok(n > 0)
}

/// Removes the person's secret, recovery codes and pending log-ins.
pub(crate) async fn remove(w: &mut crate::Write<'_>, user_id: i64) -> Result<u64> {
    w.exec(
        "DELETE FROM twofactor_pending WHERE user_id = $1",
        params![user_id],
    )
    .await?;
    w.exec(
        "DELETE FROM twofactor_recovery WHERE user_id = $1",
        params![user_id],
    )
    .await?;
    Ok(
        w.exec("DELETE FROM twofactor WHERE user_id = $1", params![user_id])
            .await?,
    )
}
