//! The data-use register's formats, as pure functions without I/O (its
//! rules, the field catalogue and the entry, are in
//! `teilhabe_domain::register`):
//!
//! - [`diff`]: field- and word-level diff between two versions;
//! - [`exchange`]: ATS 0.3.1 JSON export/import, Dutch Publicatiestandaard
//!   1.0 export;
//! - [`sample`]: demo data for Musterstadt.
//!
//! The texts of field labels, help texts and error keys are in the web
//! crate's `locales/<lang>/register.ftl`.

pub mod diff;
pub mod exchange;
pub mod sample;
