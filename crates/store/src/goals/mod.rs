//! Impact goals (Wirkungsziele) with indicators and measurements (issue
//! #3). Staff of the goal's department (or admins) create and edit goals,
//! link processes and register entries, define indicators and enter,
//! import or compute measurements; every change is audited in the same
//! transaction. States come from the `teilhabe-register` crate's
//! `Indicator::assess` as of the store's clock.
//!
//! Computed indicators take their values from the platform's own data
//! (contributions, answers within the deadline, verified participants);
//! [`Goals::run_computed_indicators`] stores one value per indicator and
//! month, replaced during the month by the latest computation.
//!
//! The use cases, on `store.goals()`:
//! - `read`: goals with indicators, measurements and states, by slug, for
//!   a process or a register entry;
//! - `manage`: create and edit goals and their links;
//! - `indicators`: define, edit and delete indicators;
//! - `measurements`: enter, delete, import and export measurements;
//! - `computed`: values computed from the platform's own data;
//! - `demo`: the demo municipality's goals.

mod computed;
pub(crate) mod demo;
mod indicators;
mod manage;
mod measurements;
mod read;

use serde::{Deserialize, Serialize};
use teilhabe_domain::goals::input::{GoalDraft, IndicatorDraft};
use teilhabe_domain::goals::{DatedValue, GoalSummary, IndicatorState};
use teilhabe_domain::goals::{Direction, Indicator, Measurement};
use teilhabe_domain::permission::Target;
use teilhabe_domain::validation::slugify;
use time::Date;

/// The goals module in the store's manifest (`crate::module::MODULES`).
pub const MODULE: crate::module::StoreModule = {
    use crate::module::{Job, Migration, StoreModule};
    StoreModule {
        name: "goals",
        migrations: &[Migration {
            version: 9,
            description: "goals",
            sqlite: include_str!("migrations/sqlite/0009_goals.sql"),
            postgres: include_str!("migrations/postgres/0009_goals.sql"),
        }],
        demo: Some(|s, d| Box::pin(demo::load(s, d))),
        jobs: &[Job {
            // One value per computed indicator and day at most (the month's
            // value is replaced by the latest).
            name: "computed indicators",
            every: std::time::Duration::from_secs(3600),
            run: |s| Box::pin(async move { s.goals().run_computed_indicators().await.map(|_| ()) }),
        }],
    }
};

crate::service!(
    Goals,
    goals,
    "Impact goals: goals, indicators, measurements and computed values."
);

/// A goal's own columns.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct GoalRecord {
    pub id: i64,
    pub slug: String,
    pub statement: String,
    pub description: String,
    pub department_id: Option<i64>,
    pub department_name: Option<String>,
    pub created_at: i64,
    pub updated_at: i64,
}

impl GoalRecord {
    pub fn target(&self) -> Target<'static> {
        Target::Goal {
            department_id: self.department_id,
        }
    }
}

/// What the reader may do with goals (decided here; the pages read it).
#[derive(Debug, Clone, Copy, Default, Serialize)]
pub struct GoalRights {
    /// Open the form for a new goal.
    pub create: bool,
    /// Manage the goal at hand (edit it, its indicators and values).
    pub manage: bool,
}

impl GoalRights {
    /// The rights on the dashboard (`goal` `None`) or on one goal.
    pub fn decide(actor: &teilhabe_domain::Actor, goal: Option<&GoalRecord>) -> Self {
        use teilhabe_domain::permission::{decide, Action};
        GoalRights {
            create: decide(actor, Action::CreateGoal, &Target::Municipality).is_ok(),
            manage: goal.is_some_and(|g| decide(actor, Action::ManageGoals, &g.target()).is_ok()),
        }
    }
}

/// An indicator as stored (dates ISO `YYYY-MM-DD`).
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct StoredIndicator {
    pub id: i64,
    pub goal_id: i64,
    pub key: String,
    pub name: String,
    pub unit: String,
    /// `higher_is_better` or `lower_is_better`.
    pub direction: String,
    pub baseline_value: f64,
    pub baseline_date: String,
    pub target_value: f64,
    pub target_date: String,
    pub data_source: String,
    /// Empty for values entered by staff, else a computation's name.
    pub computation: String,
    pub computation_process_id: Option<i64>,
    pub position: i64,
}

/// One stored measurement.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct StoredMeasurement {
    pub id: i64,
    pub indicator_id: i64,
    /// ISO date (the column `measured_on`).
    #[serde(rename(deserialize = "measured_on"))]
    pub date: String,
    pub value: f64,
    /// manual, csv or computed.
    pub source: String,
    pub note: String,
    pub created_at: i64,
}

/// An indicator with its measurements (oldest first) and its state.
#[derive(Debug, Clone, Serialize)]
pub struct IndicatorData {
    pub indicator: StoredIndicator,
    pub measurements: Vec<StoredMeasurement>,
    pub state: IndicatorState,
    pub latest: Option<StoredMeasurement>,
    /// The linear projection's value at the target date, if there is one.
    pub projected_at_target: Option<f64>,
}

impl IndicatorData {
    /// The crate's model, for charts and assessment.
    pub fn model(&self) -> Indicator {
        model_of(&self.indicator, &self.measurements)
    }
}

/// A linked process or register entry.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct Linked {
    pub id: i64,
    pub slug: String,
    pub title: String,
}

/// A goal with everything the pages show.
#[derive(Debug, Clone, Serialize)]
pub struct GoalData {
    pub goal: GoalRecord,
    pub indicators: Vec<IndicatorData>,
    pub summary: GoalSummary,
    /// Linked public processes.
    pub processes: Vec<Linked>,
    pub entries: Vec<Linked>,
}

/// What the goal form submits.
#[derive(Debug, Clone, Default)]
pub struct GoalInput {
    pub draft: GoalDraft,
    pub department_id: Option<i64>,
    pub process_ids: Vec<i64>,
    pub entry_ids: Vec<i64>,
}

/// What the indicator form submits.
#[derive(Debug, Clone, Default)]
pub struct IndicatorInput {
    pub draft: IndicatorDraft,
    /// For computed indicators: one process, or all when `None`.
    pub computation_process_id: Option<i64>,
}

/// The outcome of a CSV import.
#[derive(Debug, Clone, Serialize, PartialEq, Eq)]
pub struct ImportReport {
    pub added: usize,
    pub replaced: usize,
}

/// A row that is just an id.
#[derive(Deserialize)]
struct IdRow {
    id: i64,
}

fn parse_iso(s: &str) -> Date {
    teilhabe_domain::register::entry::parse_date(s).unwrap_or(Date::MIN)
}

fn model_of(i: &StoredIndicator, ms: &[StoredMeasurement]) -> Indicator {
    Indicator {
        key: i.key.clone(),
        name: i.name.clone(),
        unit: i.unit.clone(),
        direction: Direction::parse(&i.direction).unwrap_or(Direction::HigherIsBetter),
        baseline: DatedValue {
            date: parse_iso(&i.baseline_date),
            value: i.baseline_value,
        },
        target: DatedValue {
            date: parse_iso(&i.target_date),
            value: i.target_value,
        },
        data_source: i.data_source.clone(),
        measurements: ms
            .iter()
            .map(|m| Measurement {
                date: parse_iso(&m.date),
                value: m.value,
                note: m.note.clone(),
            })
            .collect(),
    }
}

const GOAL_COLS: &str = "g.id, g.slug, g.statement, g.description, g.department_id, d.name AS department_name, g.created_at, g.updated_at";
const INDICATOR_COLS: &str = "i.id, i.goal_id, i.key, i.name, i.unit, i.direction, i.baseline_value, i.baseline_date, i.target_value, i.target_date, i.data_source, i.computation, i.computation_process_id, i.position";
const MEASUREMENT_COLS: &str =
    "m.id, m.indicator_id, m.measured_on, m.value, m.source, m.note, m.created_at";

/// The goal's address: its statement as a slug, cut after a whole word
/// to at most 60 characters.
fn short_slug(statement: &str) -> String {
    let full = slugify(statement);
    if full.len() <= 60 {
        return full;
    }
    let head = &full[..60];
    match head.rfind('-') {
        Some(i) if i > 0 => head[..i].to_string(),
        _ => head.to_string(),
    }
}

/// `(1, 2, 3)` for an SQL `IN`; ids are numbers, so nothing to escape.
fn id_list(ids: &[i64]) -> String {
    let list: Vec<String> = ids.iter().map(i64::to_string).collect();
    format!("({})", list.join(", "))
}
