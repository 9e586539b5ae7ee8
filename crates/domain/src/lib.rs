//! Pure types and rules of teilhabe. No I/O lives here: storage, web and
//! analysis crates depend on this one, never the other way round.
//!
//! User-facing messages are returned as i18n keys (see `crates/web/locales`),
//! so the rules stay language-neutral and testable.

pub mod audit;
pub mod budget;
pub mod catalog;
pub mod council;
pub mod evaluation;
pub mod goals;
pub mod municipality;
pub mod opinion;
pub mod permission;
pub mod process;
pub mod proposal;
pub mod questions;
pub mod register;
pub mod role;
pub mod spreadsheet;
pub mod totp;
pub mod validation;

pub use permission::{Action, Actor, Decision, Denied, Target};
pub use role::Role;
pub use validation::{FieldError, FieldErrors};
