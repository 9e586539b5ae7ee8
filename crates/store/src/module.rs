//! The store's module manifest: every participation module (and the core
//! it builds on) declares here what the store must know of it, in one
//! `pub const MODULE: StoreModule` in its folder's `mod.rs`:
//!
//! - its migrations (one SQL file per backend, next to its code in
//!   `<module>/migrations/{sqlite,postgres}/`), which `db/migrate.rs`
//!   collects from all modules, sorted by version;
//! - its demo loader, which [`crate::demo::load`] calls in the order of
//!   [`MODULES`] with the demo's shared [`Demo`] context;
//! - its background jobs, which the server runs at their interval;
//! - what it contributes to a process's evaluation (the participation it
//!   counts), which [`contributions`] gathers from all modules.
//!
//! Adding a module to the store is a new folder plus one line in
//! [`MODULES`].

use crate::demo::Demo;
use crate::{Result, Store, Tenant};
use std::future::Future;
use std::pin::Pin;
use std::time::Duration;
use teilhabe_domain::evaluation::Contribution;

/// A boxed future that may move between threads (a job runs on the
/// runtime's workers).
pub type BoxFuture<'a, T> = Pin<Box<dyn Future<Output = T> + Send + 'a>>;

/// One migration of one module, the same change for both backends. The
/// version is global (sqlx applies them in version order and keeps a
/// checksum of each applied file, so a file never changes once released).
#[derive(Debug)]
pub struct Migration {
    pub version: i64,
    pub description: &'static str,
    pub sqlite: &'static str,
    pub postgres: &'static str,
}

/// Loads a module's part of the demo municipality, written through the
/// normal services on the demo's clock (`Demo::at` moves it).
pub type DemoLoader = for<'a> fn(&'a Store, &'a Demo) -> BoxFuture<'a, Result<()>>;

/// A background job: `run` once now and then every `every` (the server
/// logs an error and tries again at the next interval).
pub struct Job {
    pub name: &'static str,
    pub every: Duration,
    pub run: for<'a> fn(&'a Store) -> BoxFuture<'a, Result<()>>,
}

/// A module's contributions to a process (tenant, process id) as of now,
/// for the process's evaluation (see `teilhabe_domain::evaluation` for
/// what is counted how).
pub type ContributionsLoader =
    for<'a> fn(&'a Store, &'a Tenant, i64) -> BoxFuture<'a, Result<Vec<Contribution>>>;

/// What the store knows of a module.
pub struct StoreModule {
    pub name: &'static str,
    /// Its migrations; empty for a module without tables of its own.
    pub migrations: &'static [Migration],
    /// Its part of the demo, if any.
    pub demo: Option<DemoLoader>,
    pub jobs: &'static [Job],
    /// What the evaluation counts of it, if anything.
    pub contributions: Option<ContributionsLoader>,
}

/// Every module, core first; demo data loads in this order.
pub const MODULES: &[&StoreModule] = &[
    &crate::foundation::MODULE,
    &crate::opinion::MODULE,
    &crate::budget::MODULE,
    &crate::register::MODULE,
    &crate::council::MODULE,
    &crate::questions::MODULE,
    &crate::goals::MODULE,
    &crate::evaluation::MODULE,
    &crate::catalog::MODULE,
    &crate::twofactor::MODULE,
];

/// The migrations of all modules, sorted by version.
pub fn migrations() -> Vec<&'static Migration> {
    let mut all: Vec<&'static Migration> =
        MODULES.iter().flat_map(|m| m.migrations.iter()).collect();
    all.sort_by_key(|m| m.version);
    all
}

/// The background jobs of all modules, in module order.
pub fn jobs() -> impl Iterator<Item = &'static Job> {
    MODULES.iter().flat_map(|m| m.jobs.iter())
}

/// The contributions of all modules to a process, in module order.
pub async fn contributions(
    store: &Store,
    tenant: &Tenant,
    process_id: i64,
) -> Result<Vec<Contribution>> {
    let mut all = Vec::new();
    for load in MODULES.iter().filter_map(|m| m.contributions) {
        all.extend(load(store, tenant, process_id).await?);
    }
    Ok(all)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Modules that have no tables of their own (none today); any other
    /// module must bring at least one migration.
    const WITHOUT_MIGRATIONS: &[&str] = &[];

    #[test]
    fn versions_are_unique_and_contiguous_from_one() {
        let versions: Vec<i64> = migrations().iter().map(|m| m.version).collect();
        let expected: Vec<i64> = (1..=versions.len() as i64).collect();
        assert_eq!(versions, expected, "migration versions must be 1, 2, 3, …");
    }

    #[test]
    fn every_module_has_migrations_or_says_why_not() {
        for m in MODULES {
            assert!(
                !m.migrations.is_empty() || WITHOUT_MIGRATIONS.contains(&m.name),
                "module {} has no migrations; list it in WITHOUT_MIGRATIONS if that is intended",
                m.name
            );
        }
    }

    #[test]
    fn module_names_are_unique_and_sql_is_present() {
        let mut names: Vec<&str> = MODULES.iter().map(|m| m.name).collect();
        names.sort_unstable();
        names.dedup();
        assert_eq!(names.len(), MODULES.len());
        for m in migrations() {
            assert!(!m.sqlite.trim().is_empty(), "{} sqlite", m.version);
            assert!(!m.postgres.trim().is_empty(), "{} postgres", m.version);
            assert!(!m.description.is_empty());
        }
    }
}
