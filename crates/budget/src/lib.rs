//! Participatory budgeting for teilhabe: Pabulib `.pb` files and allocation
//! rules (greedy, Method of Equal Shares and its completions) whose results are
//! identical to pabutools 1.2.x, with an explanation for every project.
//!
//! ```no_run
//! use teilhabe_budget::{Election, Rule, tally};
//! let e = Election::from_path("testdata/pabulib/France_Toulouse_2019.pb")?;
//! let outcome = tally(&e, Rule::MesAdd1Greedy)?;
//! println!("{:?}", outcome.selected_ids_sorted(&e));
//! # Ok::<(), teilhabe_budget::Error>(())
//! ```

pub mod cli;
pub mod decimal;
pub mod error;
pub mod official;
pub mod pb;
pub mod report;
pub mod rules;

pub use error::{Error, ParseErrorKind, Section, Warning};
pub use pb::{Election, VoteType};
pub use rules::{tally, tally_prepared, Outcome, Prepared, Rule};
