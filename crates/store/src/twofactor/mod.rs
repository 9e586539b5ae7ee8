//! Two-factor authentication (TOTP, RFC 6238) for accounts: setting it up
//! and confirming it with a first code (`setup.rs`), the second step of a
//! log-in with a code or a one-time recovery code (`login.rs`), and the
//! roles a municipality requires it for, with an administrator's reset
//! (`policy.rs`). The code rules are `teilhabe_domain::totp`.
//!
//! The secret is stored in plain base32 (see the migration): a database
//! reader alone could compute codes, but still needs the password.

mod login;
mod policy;
mod setup;

pub use login::PENDING_MS;

use serde::{Deserialize, Serialize};
use teilhabe_domain::Role;

crate::service!(
    TwoFactor,
    twofactor,
    "Two-factor authentication: setup, the log-in's second step, recovery codes and the policy per role."
);

pub const MODULE: crate::module::StoreModule = crate::module::StoreModule {
    name: "twofactor",
    migrations: &[crate::module::Migration {
        version: 17,
        description: "twofactor",
        sqlite: include_str!("migrations/sqlite/0017_twofactor.sql"),
        postgres: include_str!("migrations/postgres/0017_twofactor.sql"),
    }],
    demo: None,
    jobs: &[],
    contributions: None,
};

/// The roles an administrator can require two-factor authentication for.
pub const POLICY_ROLES: [Role; 4] = [Role::Staff, Role::Moderator, Role::Council, Role::Admin];

/// An account's two-factor state.
#[derive(Debug, Clone, Serialize)]
pub struct Status {
    pub enabled: bool,
    /// The secret (base32) while the setup waits for its first code.
    pub pending_secret: Option<String>,
    /// Recovery codes not used yet.
    pub recovery_left: i64,
}

/// A `twofactor` row.
#[derive(Deserialize)]
pub(crate) struct Row {
    pub secret: String,
    pub enabled_at: Option<i64>,
    pub last_step: i64,
}

/// An account's two-factor row, read by every step (inside a write, too).
pub(crate) const ROW_SQL: &str =
    "SELECT secret, enabled_at, last_step FROM twofactor WHERE user_id = $1 AND municipality_id = $2";

impl TwoFactor<'_> {
    /// The account's two-factor row, if it has started the setup.
    pub(crate) async fn row(
        &self,
        tenant: &crate::Tenant,
        user_id: i64,
    ) -> crate::Result<Option<Row>> {
        Ok(self
            .store
            .db
            .opt_as(ROW_SQL, crate::params![user_id, tenant.id])
            .await?)
    }
}

/// The secret's bytes; a stored secret that does not decode is a broken
/// invariant.
pub(crate) fn secret_bytes(secret: &str) -> crate::Result<Vec<u8>> {
    teilhabe_domain::totp::base32_decode(secret)
        .ok_or_else(|| crate::StoreError::internal("two-factor secret", "not base32".to_string()))
}

/// The field error of a wrong code.
pub(crate) fn wrong_code() -> crate::StoreError {
    let mut e = teilhabe_domain::FieldErrors::new();
    e.add("otp", "error-twofactor-code-wrong");
    crate::StoreError::Invalid(e)
}
