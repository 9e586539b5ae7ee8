//! Sign-up: a visitor creates a citizen account.

use super::passwords::{hash_password, validate_password};
use super::{Accounts, User};
use crate::{Result, Tenant};
use teilhabe_domain::validation::is_plausible_email;
use teilhabe_domain::FieldErrors;

/// New account data as entered.
#[derive(Debug, Clone, Default)]
pub struct Signup {
    pub email: String,
    pub display_name: String,
    pub password: String,
    pub password_confirm: String,
    pub locale: String,
}

impl Accounts<'_> {
    pub async fn signup(&self, tenant: &Tenant, form: &Signup) -> Result<User> {
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
}
