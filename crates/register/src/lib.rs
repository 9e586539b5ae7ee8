//! The data-use register's formats, as pure functions without I/O (its
//! rules, the field catalogue and the entry, are in
//! `teilhabe_domain::register`):
//!
//! - [`diff`]: field- and word-level diff between two versions;
//! - [`exchange`]: ATS 0.3.1 JSON export/import, Dutch Publicatiestandaard
//!   1.0 export;
//! - [`sample`]: demo data for Musterstadt.
//!
//! Translations of every label, help text and error key are in
//! `locales/de.ftl` and `locales/en.ftl` ([`LOCALE_DE`], [`LOCALE_EN`]).

pub mod diff;
pub mod exchange;
pub mod sample;

/// German translations (Fluent) of field labels, help texts, values and
/// error keys.
pub const LOCALE_DE: &str = include_str!("../locales/de.ftl");
/// English translations, same keys as [`LOCALE_DE`].
pub const LOCALE_EN: &str = include_str!("../locales/en.ftl");
