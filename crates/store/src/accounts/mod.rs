//! Accounts: users and their roles, sessions and log-in, sign-up, API
//! tokens, passwords and their reset, resident verification codes and
//! notifications, the data export, deleting an account and the retention
//! purge. `store.accounts()` holds the use cases; creating a user
//! with a precomputed hash (`Store::create_user_with_hash`) and an
//! account's actor (`Store::actor_of`) stay on the store, since every
//! feature's setup uses them.

mod deletion;
mod export;
mod notifications;
mod passwords;
mod retention;
mod sessions;
mod signup;
mod tokens;
mod users;
mod verification;

pub use deletion::{Contributions, Handover, DELETED_NAME, REMOVED_REASON};
pub use export::DataExport;
pub(crate) use passwords::verify_password;
pub use passwords::{hash_password, MailToken};
pub use retention::{Purged, Retention, JOB as RETENTION_JOB};
pub use signup::{Registration, Signup};
pub use tokens::{NewToken, TokenAuth, TOKEN_DAYS, TOKEN_DEFAULT_DAYS, TOKEN_SCOPES};
pub use verification::normalize_code;

use serde::{Deserialize, Serialize};
use teilhabe_domain::Role;

crate::service!(
    Accounts,
    accounts,
    "Accounts: users, roles, sessions, sign-up, tokens, passwords, verification, notifications."
);

pub const PASSWORD_MIN: usize = 10;
pub const SESSION_DAYS: i64 = 14;

#[derive(Debug, Clone, Serialize)]
pub struct User {
    pub id: i64,
    pub email: String,
    pub display_name: String,
    pub locale: String,
    pub digest: String,
    pub verified: bool,
    /// The e-mail address was confirmed by the mailed link (accounts from
    /// before confirmation count as confirmed).
    pub confirmed: bool,
    pub created_at: i64,
}

#[derive(Debug, Clone, Serialize)]
pub struct Grant {
    pub role: Role,
    pub department_id: Option<i64>,
    pub department: Option<String>,
}

#[derive(Debug, Clone, Serialize)]
pub struct UserWithRoles {
    pub user: User,
    pub grants: Vec<Grant>,
}

#[derive(Debug, Clone, Serialize)]
pub struct Notification {
    pub id: i64,
    pub kind: String,
    pub title: String,
    pub link: String,
    pub created_at: i64,
    pub read: bool,
}

#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct ApiToken {
    pub id: i64,
    pub name: String,
    pub created_at: i64,
    pub last_used_at: Option<i64>,
    /// Space-separated, e.g. `read write:proposals`.
    pub scopes: String,
    pub expires_at: i64,
}

pub(crate) const USER_COLS: &str =
    "u.id, u.email, u.display_name, u.locale, u.digest, u.verified_at, u.created_at, u.email_confirmed_at";

/// A `users` row as selected by [`USER_COLS`].
#[derive(Deserialize)]
pub(crate) struct UserRow {
    pub id: i64,
    pub email: String,
    pub display_name: String,
    pub locale: String,
    pub digest: String,
    pub verified_at: Option<i64>,
    pub created_at: i64,
    pub email_confirmed_at: Option<i64>,
}

impl From<UserRow> for User {
    fn from(r: UserRow) -> User {
        User {
            id: r.id,
            email: r.email,
            display_name: r.display_name,
            locale: r.locale,
            digest: r.digest,
            verified: r.verified_at.is_some(),
            confirmed: r.email_confirmed_at.is_some(),
            created_at: r.created_at,
        }
    }
}

/// A `notifications` row.
#[derive(Deserialize)]
pub(crate) struct NotificationRow {
    pub id: i64,
    pub kind: String,
    pub title: String,
    pub link: String,
    pub created_at: i64,
    pub read_at: Option<i64>,
}

impl From<NotificationRow> for Notification {
    fn from(r: NotificationRow) -> Notification {
        Notification {
            id: r.id,
            kind: r.kind,
            title: r.title,
            link: r.link,
            created_at: r.created_at,
            read: r.read_at.is_some(),
        }
    }
}
