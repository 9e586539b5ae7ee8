//! Sign-up: a visitor creates a citizen account and confirms its e-mail
//! address by a mailed link before contributing.

use super::passwords::{hash_password, validate_password};
use super::{Accounts, User};
use crate::audit::actor_label;
use crate::{params, token_hash, Result, StoreError, Tenant};
use serde::Deserialize;
use teilhabe_domain::validation::is_plausible_email;
use teilhabe_domain::{Actor, FieldErrors};

/// New account data as entered.
#[derive(Debug, Clone, Default)]
pub struct Signup {
    pub email: String,
    pub display_name: String,
    pub password: String,
    pub password_confirm: String,
    pub locale: String,
}

/// What a web sign-up did. The visitor sees the same answer for both; the
/// caller mails the address accordingly.
#[derive(Debug, Clone)]
pub enum Registration {
    /// A new, unconfirmed account: mail it the confirmation link.
    Created(User),
    /// The address already has this account: tell its owner that someone
    /// tried to register with it (nothing was changed).
    Taken(User),
}

#[derive(Deserialize)]
struct ConfirmRow {
    user_id: i64,
}

fn validate(form: &Signup) -> Result<String> {
    let email = form.email.trim().to_lowercase();
    let mut e = FieldErrors::new();
    if !is_plausible_email(&email) {
        e.add("email", "error-email");
    }
    e.text("display_name", &form.display_name, 2, 60);
    validate_password(&mut e, "password", &form.password);
    if form.password != form.password_confirm {
        e.add("password_confirm", "error-password-mismatch");
    }
    e.into_result()?;
    Ok(email)
}

impl Accounts<'_> {
    /// Creates a confirmed account (the command line: the operator vouches
    /// for the address). A taken address is an error naming the field.
    pub async fn signup(&self, tenant: &Tenant, form: &Signup) -> Result<User> {
        let email = validate(form)?;
        let hash = hash_password(&form.password)?;
        self.store
            .create_user_with_hash(
                tenant,
                &email,
                form.display_name.trim(),
                &hash,
                &form.locale,
                &[],
            )
            .await
    }

    /// Web sign-up. Does not reveal whether the address has an account:
    /// both outcomes take a password hash's time, and the caller answers
    /// the same way; a new account is unconfirmed until its link is used.
    pub async fn register(&self, tenant: &Tenant, form: &Signup) -> Result<Registration> {
        let email = validate(form)?;
        let hash = hash_password(&form.password)?;
        if let Some(user) = self.user_by_email(tenant, &email).await? {
            return Ok(Registration::Taken(user));
        }
        let created = self
            .store
            .create_user(
                tenant,
                &email,
                form.display_name.trim(),
                &hash,
                &form.locale,
                &[],
                false,
            )
            .await;
        match created {
            Ok(user) => Ok(Registration::Created(user)),
            // Registered meanwhile by a parallel request: the same answer.
            Err(StoreError::Invalid(_)) => match self.user_by_email(tenant, &email).await? {
                Some(user) => Ok(Registration::Taken(user)),
                None => Err(StoreError::Conflict("error-email-taken")),
            },
            Err(e) => Err(e),
        }
    }

    /// Confirms the address behind a mailed `confirm` token (single use).
    pub async fn confirm_email(&self, tenant: &Tenant, token: &str) -> Result<User> {
        let mut w = self.store.write(tenant).await?;
        let now = w.now;
        let r: ConfirmRow = w
            .opt_as(
                "SELECT user_id FROM password_resets WHERE token_hash = $1 AND municipality_id = $2 AND used_at IS NULL AND expires_at > $3 AND purpose = 'confirm'",
                params![token_hash(token), tenant.id, now],
            )
            .await?
            .ok_or(StoreError::Conflict("error-confirm-token-invalid"))?;
        w.exec(
            "UPDATE password_resets SET used_at = $1 WHERE token_hash = $2",
            params![now, token_hash(token)],
        )
        .await?;
        w.exec(
            "UPDATE users SET email_confirmed_at = $1 WHERE id = $2 AND email_confirmed_at IS NULL",
            params![now, r.user_id],
        )
        .await?;
        w.audit(
            &Actor {
                user_id: Some(r.user_id),
                ..Actor::default()
            },
            "user.email_confirmed",
            format!("user:{}", actor_label(tenant, Some(r.user_id))),
            serde_json::json!({}),
        );
        w.commit().await?;
        self.user(tenant, r.user_id).await
    }
}
