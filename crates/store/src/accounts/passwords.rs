//! Password hashing, changing a password and resetting a forgotten one.

use super::{Accounts, User, PASSWORD_MIN};
use crate::{params, random_token, token_hash, Result, StoreError, Tenant};
use argon2::password_hash::{PasswordHash, PasswordHasher, PasswordVerifier, SaltString};
use argon2::Argon2;
use serde::Deserialize;
use teilhabe_domain::FieldErrors;

const RESET_MINUTES: i64 = 60;

pub fn hash_password(password: &str) -> Result<String> {
    let salt = SaltString::generate(&mut argon2::password_hash::rand_core::OsRng);
    Argon2::default()
        .hash_password(password.as_bytes(), &salt)
        .map(|h| h.to_string())
        .map_err(|e| StoreError::internal("hashing a password", e.to_string()))
}

pub(crate) fn verify_password(password: &str, hash: &str) -> bool {
    PasswordHash::new(hash)
        .map(|h| {
            Argon2::default()
                .verify_password(password.as_bytes(), &h)
                .is_ok()
        })
        .unwrap_or(false)
}

pub(super) fn validate_password(e: &mut FieldErrors, field: &'static str, password: &str) {
    if password.chars().count() < PASSWORD_MIN {
        e.add_with(
            field,
            "error-password-short",
            vec![("min", PASSWORD_MIN.to_string())],
        );
    } else if password.len() > 1000 {
        e.add_with(field, "error-too-long", vec![("max", "1000".into())]);
    }
}

#[derive(Deserialize)]
struct HashRow {
    password_hash: String,
}

#[derive(Deserialize)]
struct ResetRow {
    user_id: i64,
}

impl Accounts<'_> {
    pub async fn change_password(
        &self,
        tenant: &Tenant,
        user_id: i64,
        current: &str,
        new: &str,
        confirm: &str,
    ) -> Result<()> {
        let r: HashRow = self
            .store
            .db
            .one_as(
                "SELECT password_hash FROM users WHERE id = $1 AND municipality_id = $2",
                params![user_id, tenant.id],
            )
            .await?;
        let mut e = FieldErrors::new();
        if !verify_password(current, &r.password_hash) {
            e.add("current_password", "error-password-wrong");
        }
        validate_password(&mut e, "new_password", new);
        if new != confirm {
            e.add("new_password_confirm", "error-password-mismatch");
        }
        e.into_result()?;
        let hash = hash_password(new)?;
        let mut w = self.store.write(tenant).await?;
        w.exec(
            "UPDATE users SET password_hash = $1 WHERE id = $2",
            params![hash, user_id],
        )
        .await?;
        // Other devices are logged out: a changed password ends old sessions.
        w.exec("DELETE FROM sessions WHERE user_id = $1", params![user_id])
            .await?;
        w.commit().await?;
        Ok(())
    }

    /// Creates a reset token for the address, if it has an account. The
    /// caller queues the mail; the answer to the visitor is the same either
    /// way, so the form does not reveal who has an account.
    pub async fn start_password_reset(
        &self,
        tenant: &Tenant,
        email: &str,
    ) -> Result<Option<(User, String)>> {
        let Some(user) = self.user_by_email(tenant, email).await? else {
            return Ok(None);
        };
        let token = random_token();
        self.store
            .db
            .exec(
                "INSERT INTO password_resets (token_hash, municipality_id, user_id, expires_at) VALUES ($1, $2, $3, $4)",
                params![token_hash(&token), tenant.id, user.id, self.store.now() + RESET_MINUTES * 60_000],
            )
            .await?;
        Ok(Some((user, token)))
    }

    pub async fn finish_password_reset(
        &self,
        tenant: &Tenant,
        token: &str,
        new: &str,
        confirm: &str,
    ) -> Result<User> {
        let mut e = FieldErrors::new();
        validate_password(&mut e, "password", new);
        if new != confirm {
            e.add("password_confirm", "error-password-mismatch");
        }
        e.into_result()?;
        let mut w = self.store.write(tenant).await?;
        let now = w.now;
        let r: ResetRow = w
            .opt_as(
                "SELECT user_id FROM password_resets WHERE token_hash = $1 AND municipality_id = $2 AND used_at IS NULL AND expires_at > $3",
                params![token_hash(token), tenant.id, now],
            )
            .await?
            .ok_or(StoreError::Conflict("error-reset-token-invalid"))?;
        let user_id = r.user_id;
        let hash = hash_password(new)?;
        w.exec(
            "UPDATE users SET password_hash = $1 WHERE id = $2",
            params![hash, user_id],
        )
        .await?;
        w.exec(
            "UPDATE password_resets SET used_at = $1 WHERE token_hash = $2",
            params![now, token_hash(token)],
        )
        .await?;
        w.exec("DELETE FROM sessions WHERE user_id = $1", params![user_id])
            .await?;
        w.commit().await?;
        self.user(tenant, user_id).await
    }
}
