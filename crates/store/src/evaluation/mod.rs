//! Participation along the lifecycle of a register entry, and the
//! evaluation of closed processes (issue #3).
//!
//! - Staff of an entry's department open a participatory process for the
//!   entry (a new one, pre-filled, or an existing one). The link keeps the
//!   entry's lifecycle status at that moment, so the entry page shows its
//!   participation history by phase; the process page links back.
//! - When a process is closed, staff of its department publish an
//!   evaluation: the figures computed here (see
//!   `teilhabe_domain::evaluation` for the counting rules) frozen as a JSON
//!   snapshot, with their lessons learned. A correction is a new revision;
//!   earlier revisions stay readable.
//!
//! The use cases, on `store.evaluations()`:
//! - `lifecycle`: linking processes to register entries, both directions;
//! - `figures`: the participation figures and linked goals as of now;
//! - `publish`: publishing, correcting and reading evaluations;
//! - `demo`: the demo municipality's links and evaluation.

pub(crate) mod demo;
mod figures;
mod lifecycle;
mod publish;

use crate::audit::actor_label;
use crate::processes::Process;
use crate::Tenant;
use serde::{Deserialize, Serialize};
use std::str::FromStr;
use teilhabe_domain::evaluation::{Figures, Person};
use teilhabe_domain::permission::{decide, Action, Target};
use teilhabe_domain::process::{ProcessFacts, ProcessRules, ProcessStatus};
use teilhabe_domain::proposal::Channel;
use teilhabe_domain::Actor;

/// What the reader may do about a process's evaluation and a register
/// entry's processes (decided here; the pages read it).
#[derive(Debug, Clone, Copy, Default, Serialize)]
pub struct EvaluationRights {
    /// Write the evaluation: the process's staff.
    pub evaluate: bool,
    /// Publish it now: the process's staff, once it is closed.
    pub publish: bool,
}

impl EvaluationRights {
    pub fn decide(actor: &Actor, process: &Process) -> Self {
        let facts = process.facts();
        let evaluate = decide(actor, Action::EvaluateProcess, &Target::Process(&facts)).is_ok();
        EvaluationRights {
            evaluate,
            publish: evaluate && process.status == ProcessStatus::Closed,
        }
    }
}

/// Whether the reader may open or link processes for a register entry.
pub fn may_link(actor: &Actor, entry: &crate::register::RegisterSummary) -> bool {
    decide(actor, Action::LinkRegisterProcess, &entry.target()).is_ok()
}

/// The evaluation module in the store's manifest (`crate::module::MODULES`).
pub const MODULE: crate::module::StoreModule = {
    use crate::module::{Migration, StoreModule};
    StoreModule {
        name: "evaluation",
        migrations: &[Migration {
            version: 10,
            description: "evaluation",
            sqlite: include_str!("migrations/sqlite/0010_evaluation.sql"),
            postgres: include_str!("migrations/postgres/0010_evaluation.sql"),
        }],
        demo: Some(|s, d| Box::pin(demo::load(s, d))),
        jobs: &[],
    }
};

crate::service!(
    Evaluations,
    evaluations,
    "Participation along a register entry's lifecycle and the evaluation of closed processes."
);

/// A process held for a register entry, with both sides' names.
#[derive(Debug, Clone, Serialize)]
pub struct LifecycleLink {
    pub entry_id: i64,
    pub entry_slug: String,
    pub entry_title: String,
    pub process_id: i64,
    pub process_slug: String,
    pub process_title: String,
    pub process_status: ProcessStatus,
    /// The entry's lifecycle status when the process was linked.
    pub lifecycle_status: String,
    /// The entry's version at that time.
    pub entry_version: i64,
    /// Who linked it (pseudonym, as in the audit trail).
    pub linked_by: String,
    pub created_at: i64,
}

/// A linked impact goal as it stood at publication.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct EvaluationGoal {
    pub title: String,
    pub slug: String,
    /// achieved, on_track, off_track or no_data.
    pub state: String,
    pub indicators: Vec<EvaluationIndicator>,
}

/// One indicator of a linked goal at publication.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct EvaluationIndicator {
    pub name: String,
    pub unit: String,
    pub state: String,
    pub latest: Option<f64>,
    pub target: f64,
}

/// What an evaluation freezes at publication.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct EvaluationSnapshot {
    pub process_slug: String,
    pub process_title: String,
    pub department: Option<String>,
    /// Start of the first phase and end of the last (YYYY-MM-DD).
    pub period_start: Option<String>,
    pub period_end: Option<String>,
    /// When the figures were computed (Unix ms).
    pub computed_at: i64,
    pub answer_deadline_days: i64,
    pub figures: Figures,
    /// The impact goals linked to the process and their indicators' state
    /// at publication; they come from the impact-goal module.
    #[serde(default)]
    pub goals: Vec<EvaluationGoal>,
}

/// One published revision of an evaluation.
#[derive(Debug, Clone, Serialize)]
pub struct Evaluation {
    pub process_id: i64,
    pub revision: i64,
    /// Markdown.
    pub lessons: String,
    /// What a correction changed (empty for the first publication).
    pub correction_note: String,
    pub snapshot: EvaluationSnapshot,
    /// Pseudonym, as in the audit trail.
    pub published_by: String,
    pub published_at: i64,
}

/// A revision in the history list.
#[derive(Debug, Clone, Serialize)]
pub struct EvaluationRevision {
    pub revision: i64,
    pub correction_note: String,
    pub published_by: String,
    pub published_at: i64,
}

/// A register entry a process was held for.
#[derive(Debug, Clone, Serialize)]
pub struct EntryRef {
    pub slug: String,
    pub title: String,
    /// The entry's lifecycle status when the process was linked.
    pub lifecycle_status: String,
}

/// What the process page shows about lifecycle and evaluation.
#[derive(Debug, Clone, Default, Serialize)]
pub struct ProcessLifecycle {
    pub entries: Vec<EntryRef>,
    /// Latest published revision and its time.
    pub evaluation: Option<(i64, i64)>,
}

/// What the staff page shows before publishing.
#[derive(Debug, Clone, Serialize)]
pub struct EvaluationDraft {
    pub process: Process,
    /// The figures as they would be frozen now.
    pub preview: EvaluationSnapshot,
    pub latest: Option<Evaluation>,
}

/// A link with both sides' names, as `lifecycle` reads it.
#[derive(Deserialize)]
struct LinkRow {
    entry_id: i64,
    entry_slug: String,
    entry_title: String,
    process_id: i64,
    process_slug: String,
    process_title: String,
    process_status: String,
    process_department: Option<i64>,
    lifecycle_status: String,
    entry_version: i64,
    linked_by: Option<i64>,
    created_at: i64,
}

impl LinkRow {
    /// The link and the process's department.
    fn into_link(self, tenant: &Tenant) -> (LifecycleLink, Option<i64>) {
        (
            LifecycleLink {
                entry_id: self.entry_id,
                entry_slug: self.entry_slug,
                entry_title: self.entry_title,
                process_id: self.process_id,
                process_slug: self.process_slug,
                process_title: self.process_title,
                process_status: ProcessStatus::from_str(&self.process_status)
                    .unwrap_or(ProcessStatus::Draft),
                lifecycle_status: self.lifecycle_status,
                entry_version: self.entry_version,
                linked_by: actor_label(tenant, self.linked_by),
                created_at: self.created_at,
            },
            self.process_department,
        )
    }
}

/// Whether the actor may see a linked process (drafts only for its staff).
fn visible(actor: &Actor, status: ProcessStatus, department_id: Option<i64>) -> bool {
    let facts = ProcessFacts {
        status,
        department_id,
        active_forms: Vec::new(),
        rules: ProcessRules::default(),
    };
    decide(actor, Action::ViewProcess, &Target::Process(&facts)).is_ok()
}

/// A stored revision of an evaluation.
#[derive(Deserialize)]
struct EvaluationRow {
    process_id: i64,
    revision: i64,
    lessons: String,
    correction_note: String,
    snapshot: String,
    published_by: Option<i64>,
    published_at: i64,
}

impl EvaluationRow {
    fn into_evaluation(self, tenant: &Tenant) -> crate::Result<Evaluation> {
        let snapshot: EvaluationSnapshot = serde_json::from_str(&self.snapshot)
            .map_err(|e| crate::StoreError::internal("stored evaluation", e))?;
        Ok(Evaluation {
            process_id: self.process_id,
            revision: self.revision,
            lessons: self.lessons,
            correction_note: self.correction_note,
            snapshot,
            published_by: actor_label(tenant, self.published_by),
            published_at: self.published_at,
        })
    }
}

/// The person behind a row with an optional account and a channel:
/// offline rows without account count one person each.
fn person(user: Option<i64>, channel: Channel) -> Person {
    match user {
        Some(id) => Person::Account(id),
        None if channel == Channel::Online => Person::Anonymous("online".into()),
        None => Person::Offline(None),
    }
}

fn channel_of(channel: &str) -> Channel {
    Channel::parse(channel).unwrap_or(Channel::Online)
}
