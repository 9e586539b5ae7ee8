//! Storage and services of teilhabe. Each public service method is one use
//! case and one transaction: it checks permissions with the domain's
//! evaluator, validates, writes the change together with its audit entry,
//! and commits, or writes nothing at all.
//!
//! Error policy: services return [`StoreError`]; the web layer maps each
//! variant to an HTTP status and a page or problem+json document.

pub mod accounts;
pub mod audit;
mod batch;
pub mod budget;
pub mod catalog;
pub mod checkpoints;
pub mod council;
pub mod db;
pub mod demo;
pub mod evaluation;
pub mod follows;
pub mod foundation;
pub mod goals;
pub mod keys;
pub mod mail;
pub mod moderation;
pub mod module;
pub mod municipality;
pub mod opinion;
pub mod processes;
pub mod proposals;
pub mod questions;
pub mod register;
pub mod search;
pub mod tenant;
pub mod twofactor;
use opinion::vote_commit;
pub mod write;

/// Declares a feature's service handle: `service!(Budgets, budgets, "...")`
/// gives `store.budgets()`, whose methods are that feature's use cases
/// (`store.budgets().cast_ballot(..)`), each in the feature's own folder.
macro_rules! service {
    ($name:ident, $handle:ident, $doc:literal) => {
        #[doc = $doc]
        #[derive(Clone, Copy)]
        pub struct $name<'s> {
            pub(crate) store: &'s $crate::Store,
        }

        impl $crate::Store {
            #[doc = $doc]
            pub fn $handle(&self) -> $name<'_> {
                $name { store: self }
            }
        }
    };
}
pub(crate) use service;

pub use db::{Db, DbError, DbOptions, Row, Tx, P};
pub use tenant::Tenant;
pub use write::Write;

use std::sync::atomic::{AtomicI64, Ordering};
use std::sync::Arc;
use teilhabe_domain::{Denied, FieldErrors};

#[derive(Debug, thiserror::Error)]
pub enum StoreError {
    #[error(transparent)]
    Db(#[from] DbError),
    #[error("invalid input: {0}")]
    Invalid(FieldErrors),
    #[error("not allowed: {0:?}")]
    Denied(Denied),
    #[error("not found")]
    NotFound,
    /// A rule of the use case refuses the action (an i18n key says which).
    #[error("conflict: {0}")]
    Conflict(&'static str),
    /// An analysis (e.g. of an opinion map) could not be computed or read.
    #[error("analysis failed: {0}")]
    Analysis(String),
    /// Something failed that the person cannot fix and that is no rule of
    /// the use case: serialisation, a background writer gone, a broken
    /// invariant. `what` says what was being done; `source` keeps the cause
    /// for the log (the person only sees a generic message).
    #[error("internal error: {what}")]
    Internal {
        what: &'static str,
        #[source]
        source: Option<Box<dyn std::error::Error + Send + Sync>>,
    },
}

impl StoreError {
    /// An internal failure caused by `source` while doing `what`.
    pub fn internal(
        what: &'static str,
        source: impl Into<Box<dyn std::error::Error + Send + Sync>>,
    ) -> Self {
        StoreError::Internal {
            what,
            source: Some(source.into()),
        }
    }

    /// An internal failure without an underlying error (a broken invariant).
    pub fn invariant(what: &'static str) -> Self {
        StoreError::Internal { what, source: None }
    }

    /// The error and all its causes, outermost first, joined by ": ", for
    /// the log.
    pub fn chain(&self) -> String {
        error_chain(self)
    }
}

/// An error and its `source()` chain as one line, for the log.
pub fn error_chain(e: &(dyn std::error::Error + 'static)) -> String {
    let mut out = e.to_string();
    let mut cur = e.source();
    while let Some(s) = cur {
        let t = s.to_string();
        // `#[error(transparent)]` and "{0}" wrappers repeat their cause.
        if !out.ends_with(&t) {
            out.push_str(": ");
            out.push_str(&t);
        }
        cur = s.source();
    }
    out
}

impl From<FieldErrors> for StoreError {
    fn from(e: FieldErrors) -> Self {
        StoreError::Invalid(e)
    }
}

impl From<Denied> for StoreError {
    fn from(d: Denied) -> Self {
        match d {
            Denied::NotFound => StoreError::NotFound,
            d => StoreError::Denied(d),
        }
    }
}

impl From<sqlx::Error> for StoreError {
    fn from(e: sqlx::Error) -> Self {
        StoreError::Db(DbError::Sqlx(e))
    }
}

pub type Result<T, E = StoreError> = std::result::Result<T, E>;

/// The time source. Tests fix and advance it to control deadlines exactly;
/// nothing in this crate reads the system clock directly.
#[derive(Clone, Debug)]
pub enum Clock {
    System,
    Fixed(Arc<AtomicI64>),
}

impl Clock {
    pub fn fixed(ms: i64) -> Self {
        Clock::Fixed(Arc::new(AtomicI64::new(ms)))
    }
    pub fn now_ms(&self) -> i64 {
        match self {
            #[allow(clippy::disallowed_methods)]
            Clock::System => std::time::SystemTime::now()
                .duration_since(std::time::UNIX_EPOCH)
                .map(|d| d.as_millis() as i64)
                .unwrap_or(0),
            Clock::Fixed(v) => v.load(Ordering::SeqCst),
        }
    }
    /// Moves a fixed clock forward (no effect on the system clock).
    pub fn advance_days(&self, days: i64) {
        if let Clock::Fixed(v) = self {
            v.fetch_add(days * 86_400_000, Ordering::SeqCst);
        }
    }
    pub fn today(&self) -> time::Date {
        date_of(self.now_ms())
    }
}

pub fn date_of(ms: i64) -> time::Date {
    time::OffsetDateTime::from_unix_timestamp(ms.div_euclid(1000))
        .map(|t| t.date())
        .unwrap_or(time::Date::MIN)
}

#[derive(Clone)]
pub struct Store {
    pub db: Db,
    pub clock: Clock,
    supports: proposals::group_commit::SupportWriter,
    votes: vote_commit::VoteWriter,
    /// The instance key from the key file (outside the database).
    key: Arc<keys::InstanceKey>,
}

impl Store {
    /// Opens and migrates the database with its instance key (the key file,
    /// see [`keys`]). A key that does not belong to the database is refused;
    /// ballot keys written before keys existed are rewritten once.
    pub async fn open(
        url: &str,
        opts: &DbOptions,
        clock: Clock,
        key: keys::InstanceKey,
    ) -> Result<Store> {
        let db = Db::connect(url, opts).await?;
        db.migrate().await?;
        let supports = proposals::group_commit::start(db.clone());
        let votes = vote_commit::start(db.clone());
        let store = Store {
            db,
            clock,
            supports,
            votes,
            key: Arc::new(key),
        };
        store.check_key().await?;
        store.budgets().rekey_ballots().await?;
        Ok(store)
    }

    /// The instance key (ballot keys, checkpoint signatures).
    pub fn key(&self) -> &keys::InstanceKey {
        &self.key
    }

    /// Records the key's public half on first open; refuses another key.
    async fn check_key(&self) -> Result<()> {
        #[derive(serde::Deserialize)]
        struct KeyRow {
            public_key: String,
        }
        let mine = self.key.public_key_hex();
        self.db
            .exec(
                "INSERT INTO instance_key (public_key, created_at) SELECT $1, $2 WHERE NOT EXISTS (SELECT 1 FROM instance_key)",
                params![mine.as_str(), self.now()],
            )
            .await?;
        let rows: Vec<KeyRow> = self
            .db
            .all_as("SELECT public_key FROM instance_key", params![])
            .await?;
        if rows.iter().any(|r| r.public_key == mine) {
            Ok(())
        } else {
            Err(StoreError::invariant(
                "the key file does not belong to this database, which was first opened with another key: give the key file that belongs to it (--key-file)",
            ))
        }
    }

    /// The same store on another clock (the demo dates its contributions).
    pub fn with_clock(&self, clock: Clock) -> Store {
        Store {
            clock,
            ..self.clone()
        }
    }

    pub fn now(&self) -> i64 {
        self.clock.now_ms()
    }

    /// A secret shared by all app instances (for CSRF tokens), created on
    /// first use and kept in the database.
    pub async fn instance_secret(&self, name: &str) -> Result<String> {
        #[derive(serde::Deserialize)]
        struct SecretRow {
            value: String,
        }
        if let Some(r) = self
            .db
            .opt_as::<SecretRow>(
                "SELECT value FROM instance_secrets WHERE name = $1",
                params![name],
            )
            .await?
        {
            return Ok(r.value);
        }
        let value = random_token();
        self.db
            .exec(
                "INSERT INTO instance_secrets (name, value) VALUES ($1, $2) ON CONFLICT (name) DO NOTHING",
                params![name, value.as_str()],
            )
            .await?;
        let r: SecretRow = self
            .db
            .one_as(
                "SELECT value FROM instance_secrets WHERE name = $1",
                params![name],
            )
            .await?;
        Ok(r.value)
    }
}

/// 32 random bytes as hex: session ids, tokens, codes' secrets.
pub fn random_token() -> String {
    use rand::RngCore;
    let mut b = [0u8; 32];
    rand::thread_rng().fill_bytes(&mut b);
    hex::encode(b)
}

/// Tokens are stored only as hashes, so a database leak exposes no login.
pub fn token_hash(token: &str) -> String {
    use sha2::{Digest, Sha256};
    hex::encode(Sha256::digest(token.as_bytes()))
}

/// The largest page number a list accepts (web refuses more with
/// "error-page"; the store clamps, so no offset can overflow).
pub const MAX_PAGE: i64 = 100_000;
/// The largest page size a list accepts.
pub const MAX_PER_PAGE: i64 = 100;

/// Page number and size clamped into 1..=[`MAX_PAGE`] and
/// 1..=[`MAX_PER_PAGE`], and the row offset of that page: the one place
/// that computes `(page - 1) * per_page`, so it cannot overflow (a
/// negative or wrapped OFFSET is an error on PostgreSQL).
pub fn page_window(page: i64, per_page: i64) -> (i64, i64, i64) {
    let page = page.clamp(1, MAX_PAGE);
    let per_page = per_page.clamp(1, MAX_PER_PAGE);
    (page, per_page, (page - 1) * per_page)
}

/// One page of a list.
#[derive(Debug, Clone, serde::Serialize)]
pub struct Page<T> {
    pub items: Vec<T>,
    pub total: i64,
    pub page: i64,
    pub per_page: i64,
}

impl<T> Page<T> {
    pub fn pages(&self) -> i64 {
        ((self.total + self.per_page - 1) / self.per_page).max(1)
    }
}

#[cfg(test)]
mod page_tests {
    use super::{page_window, MAX_PAGE, MAX_PER_PAGE};

    #[test]
    fn page_windows_are_clamped_and_cannot_overflow() {
        assert_eq!(page_window(1, 20), (1, 20, 0));
        assert_eq!(page_window(3, 50), (3, 50, 100));
        assert_eq!(page_window(0, 0), (1, 1, 0));
        assert_eq!(page_window(i64::MIN, i64::MIN), (1, 1, 0));
        let (page, per_page, offset) = page_window(i64::MAX, i64::MAX);
        assert_eq!((page, per_page), (MAX_PAGE, MAX_PER_PAGE));
        assert_eq!(offset, (MAX_PAGE - 1) * MAX_PER_PAGE);
    }
}
