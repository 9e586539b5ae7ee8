//! The data-use register of teilhabe and its impact goals, as pure
//! functions without I/O:
//!
//! - [`fields`]: the field catalogue (Eurocities ATS 0.3.1 + AI Act
//!   Annex VIII C under `aiact_`), grouped for plain-language pages;
//! - [`entry`]: the entry, lifecycle status, risk category, the data
//!   council's review rules, validation;
//! - [`council`]: the data council's decision rule (quorum, majority)
//!   and settings;
//! - [`diff`]: field- and word-level diff between two versions;
//! - [`exchange`]: ATS 0.3.1 JSON export/import, Dutch Publicatiestandaard
//!   1.0 export;
//! - [`indicators`]: impact goals, indicators, measurements, states;
//! - [`goal_input`]: checks of goal, indicator and measurement forms,
//!   platform computations;
//! - [`measurements_csv`]: CSV import/export of measurements;
//! - [`chart`]: accessible SVG line chart of an indicator;
//! - [`questions`]: citizens' questions and objections (deadline, overdue,
//!   inbox order);
//! - [`sample`]: demo data for Musterstadt.
//!
//! Translations of every label, help text and error key are in
//! `locales/de.ftl` and `locales/en.ftl` ([`LOCALE_DE`], [`LOCALE_EN`]).

pub mod chart;
pub mod council;
pub mod diff;
pub mod entry;
pub mod exchange;
pub mod fields;
pub mod goal_input;
pub mod indicators;
pub mod measurements_csv;
pub mod questions;
pub mod sample;

pub use entry::{RegisterEntry, ReviewRequirement, ReviewTrigger, RiskCategory, Status};
pub use fields::{FieldKind, FieldSpec, Group, Requirement, FIELDS};
pub use indicators::{Direction, Goal, Indicator, IndicatorState, Measurement};

/// German translations (Fluent) of field labels, help texts, values and
/// error keys.
pub const LOCALE_DE: &str = include_str!("../locales/de.ftl");
/// English translations, same keys as [`LOCALE_DE`].
pub const LOCALE_EN: &str = include_str!("../locales/en.ftl");
