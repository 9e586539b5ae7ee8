//! Password hashing, changing a password and resetting a forgotten one.

use super::{Accounts, User, PASSWORD_MIN};
use crate::{params, random_token, token_hash, Result, StoreError, Tenant};
use argon2::password_hash::{PasswordHash, PasswordHasher, PasswordVerifier, SaltString};
use argon2::Argon2;
use serde::Deserialize;
use teilhabe_domain::FieldErrors;

pub(super) const RESET_MINUTES: i64 = 60;
const CONFIRM_MINUTES: i64 = 7 * 24 * 60;

/// What a mailed single-use token is for.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum MailToken {
    Reset,
    Confirm,
}

impl MailToken {
    pub fn as_str(self) -> &'static str {
        match self {
            MailToken::Reset => "reset",
            MailToken::Confirm => "confirm",
        }
    }
}

/// Records a password change or reset (the person as a pseudonym).
fn audit_password(w: &mut crate::Write<'_>, tenant: &Tenant, user_id: i64, action: &str) {
    w.audit(
        &teilhabe_domain::Actor {
            user_id: Some(user_id),
            ..teilhabe_domain::Actor::default()
        },
        action,
        format!("user:{}", crate::audit::actor_label(tenant, Some(user_id))),
        serde_json::json!({}),
    );
}

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
        // ...and every API token: a token must not outlive the password
        // it was created under.
        w.exec(
            "DELETE FROM api_tokens WHERE user_id = $1",
            params![user_id],
        )
        .await?;
        audit_password(&mut w, tenant, user_id, "user.password_changed");
        w.commit().await?;
        Ok(())
    }

    /// The account of the address, if there is one, for a reset mail. No
    /// token is created here: the mail is queued by kind and user
    /// (`mail().queue_link`) and the sender creates the token when it
    /// sends, so the outbox never holds a usable link. The answer to the
    /// visitor is the same either way, so the form does not reveal who has
    /// an account.
    pub async fn start_password_reset(&self, tenant: &Tenant, email: &str) -> Result<Option<User>> {
        self.user_by_email(tenant, email).await
    }

    /// Creates a single-use token for a mailed link (`purpose` `reset`,
    /// valid an hour, or `confirm`, valid a week) and returns it; only its
    /// hash is kept. Called by the mail sender right before sending.
    pub async fn issue_mail_token(
        &self,
        municipality_id: i64,
        user_id: i64,
        purpose: MailToken,
    ) -> Result<String> {
        let token = random_token();
        let minutes = match purpose {
            MailToken::Reset => RESET_MINUTES,
            MailToken::Confirm => CONFIRM_MINUTES,
        };
        self.store
            .db
            .exec(
                "INSERT INTO password_resets (token_hash, municipality_id, user_id, expires_at, purpose) VALUES ($1, $2, $3, $4, $5)",
                params![token_hash(&token), municipality_id, user_id, self.store.now() + minutes * 60_000, purpose.as_str()],
            )
            .await?;
        Ok(token)
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
                "SELECT user_id FROM password_resets WHERE token_hash = $1 AND municipality_id = $2 AND used_at IS NULL AND expires_at > $3 AND purpose = 'reset'",
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
        w.exec(
            "DELETE FROM api_tokens WHERE user_id = $1",
            params![user_id],
        )
        .await?;
        // Whoever could read the reset mail controls the address: it is
        // confirmed now.
        w.exec(
            "UPDATE users SET email_confirmed_at = $1 WHERE id = $2 AND email_confirmed_at IS NULL",
            params![now, user_id],
        )
        .await?;
        audit_password(&mut w, tenant, user_id, "user.password_reset");
        w.commit().await?;
        self.user(tenant, user_id).await
    }
}
