//! The data-use register's rules: the field catalogue (Eurocities ATS
//! 0.3.1 + AI Act Annex VIII C) and the entry (lifecycle status, risk
//! category, the data council's review rules, validation).

pub mod entry;
pub mod fields;

pub use entry::{RegisterEntry, ReviewRequirement, ReviewTrigger, RiskCategory, Status};
pub use fields::{FieldKind, FieldSpec, Group, Requirement, FIELDS};
