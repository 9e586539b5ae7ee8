//! Participation processes: their phases and forms, editing and images
//! (following them: `store.follows()`). `store.processes()` holds the use cases; creating a process
//! (`Store::create_process`) stays on the store, since every feature's
//! setup uses it.

mod images;
mod manage;

pub use images::{sniff_image, strip_metadata, IMAGE_MAX_BYTES};
pub(crate) use manage::{check_new_process, insert_process};

use crate::Result;
use serde::{Deserialize, Serialize};
use std::str::FromStr;
use teilhabe_domain::process::{Form, ProcessFacts, ProcessRules, ProcessStatus};
use teilhabe_domain::validation::slugify;
use teilhabe_domain::FieldErrors;

crate::service!(
    Processes,
    processes,
    "Participation processes: listing, editing and images."
);

#[derive(Debug, Clone, Serialize)]
pub struct Phase {
    pub id: i64,
    pub position: i64,
    pub title: String,
    pub starts_on: String,
    pub ends_on: String,
    pub forms: Vec<Form>,
    pub active: bool,
}

#[derive(Debug, Clone, Serialize)]
pub struct Process {
    pub id: i64,
    pub slug: String,
    pub title: String,
    pub summary: String,
    pub body: String,
    pub department_id: Option<i64>,
    pub department: Option<String>,
    pub area: String,
    pub image_url: Option<String>,
    pub image_alt: String,
    pub status: ProcessStatus,
    pub active_phase_id: Option<i64>,
    pub rules: ProcessRules,
    pub proposal_count: i64,
    pub created_at: i64,
    pub updated_at: i64,
    pub phases: Vec<Phase>,
}

impl Process {
    pub fn active_phase(&self) -> Option<&Phase> {
        self.phases.iter().find(|p| p.active)
    }
    /// Whether any phase (not only the active one) opens this form.
    pub fn offers(&self, form: Form) -> bool {
        self.phases.iter().any(|p| p.forms.contains(&form))
    }
    pub fn facts(&self) -> ProcessFacts {
        ProcessFacts {
            status: self.status,
            department_id: self.department_id,
            active_forms: self
                .active_phase()
                .map(|p| p.forms.clone())
                .unwrap_or_default(),
            rules: self.rules.clone(),
        }
    }
}

/// The reader's rights on a process page (see [`Processes::page`]):
/// the page shows buttons and forms by these facts and decides nothing.
#[derive(Debug, Clone, Default, Serialize)]
pub struct ProcessRights {
    /// Submitting a proposal.
    pub propose: bool,
    /// Why submitting is refused (an i18n key), if it is.
    pub propose_denied: Option<&'static str>,
    /// Editing the process (and seeing its channel statistics).
    pub edit: bool,
    /// Recording contributions that came by paper, phone or in person.
    pub record: bool,
}

impl ProcessRights {
    /// Decides every action of the process page for `actor`.
    pub fn decide(actor: &teilhabe_domain::Actor, process: &Process) -> Self {
        use teilhabe_domain::permission::{decide, Action, Target};
        let facts = process.facts();
        let may = |a: Action| decide(actor, a, &Target::Process(&facts));
        let propose = may(Action::CreateProposal);
        ProcessRights {
            propose: propose.is_ok(),
            propose_denied: propose.err().map(|d| d.message_key()),
            edit: may(Action::EditProcess).is_ok(),
            record: may(Action::RecordOffline).is_ok(),
        }
    }
}

/// A phase as entered in the process form.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct PhaseInput {
    pub title: String,
    pub starts_on: String,
    pub ends_on: String,
    pub forms: Vec<Form>,
}

/// A process as entered in the admin form.
#[derive(Debug, Clone, Default)]
pub struct ProcessInput {
    pub title: String,
    pub slug: String,
    pub summary: String,
    pub body: String,
    pub department_id: Option<i64>,
    pub area: String,
    pub image_url: String,
    pub status: String,
    pub rules: ProcessRules,
    pub phases: Vec<PhaseInput>,
    /// Index into `phases` of the active one.
    pub active_phase: Option<usize>,
}

fn parse_date(s: &str) -> Option<time::Date> {
    time::Date::parse(
        s.trim(),
        time::macros::format_description!("[year]-[month]-[day]"),
    )
    .ok()
}

impl ProcessInput {
    pub fn validate(&self) -> Result<(ProcessStatus, String), FieldErrors> {
        let mut e = FieldErrors::new();
        e.text("title", &self.title, 5, 150);
        e.text("summary", &self.summary, 10, 500);
        e.text("body", &self.body, 0, 50_000);
        e.optional_text("area", &self.area, 120);
        let slug = if self.slug.trim().is_empty() {
            slugify(&self.title)
        } else {
            self.slug.trim().to_string()
        };
        if slug.is_empty()
            || slug.len() > 80
            || !slug
                .chars()
                .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-')
        {
            e.add("slug", "error-slug");
        }
        let url = self.image_url.trim();
        if !(url.is_empty() || url.starts_with("https://") || url.starts_with('/')) {
            e.add("image_url", "error-url");
        }
        let status = ProcessStatus::from_str(&self.status).unwrap_or_else(|_| {
            e.add("status", "error-invalid-choice");
            ProcessStatus::Draft
        });
        if self.department_id.is_none() {
            e.add("department_id", "error-required");
        }
        if self.phases.is_empty() {
            e.add("phases", "error-phase-required");
        }
        for p in &self.phases {
            if p.title.trim().is_empty() || p.title.chars().count() > 120 {
                e.add("phases", "error-phase-title");
                break;
            }
            match (parse_date(&p.starts_on), parse_date(&p.ends_on)) {
                (Some(a), Some(b)) if a <= b => {}
                (Some(_), Some(_)) => {
                    e.add("phases", "error-phase-dates-order");
                    break;
                }
                _ => {
                    e.add("phases", "error-phase-dates");
                    break;
                }
            }
        }
        if let Some(i) = self.active_phase {
            if i >= self.phases.len() {
                e.add("active_phase", "error-invalid-choice");
            }
        }
        if let Some(l) = self.rules.support_limit {
            if l == 0 || l > 1000 {
                e.add_with(
                    "support_limit",
                    "error-number-range",
                    vec![("min", "1".into()), ("max", "1000".into())],
                );
            }
        }
        e.into_result().map(|_| (status, slug))
    }
}

pub(crate) const PROCESS_COLS: &str = "p.id, p.slug, p.title, p.summary, p.body, p.department_id, d.name AS department, p.area, p.image_url, p.image_alt, p.status, p.active_phase_id, p.proposals_require_verification, p.supports_require_verification, p.comments_require_verification, p.support_limit, p.proposal_count, p.created_at, p.updated_at";

/// A `processes` row as selected by [`PROCESS_COLS`].
#[derive(Deserialize)]
pub(crate) struct ProcessRow {
    id: i64,
    slug: String,
    title: String,
    summary: String,
    body: String,
    department_id: Option<i64>,
    department: Option<String>,
    area: String,
    image_url: Option<String>,
    image_alt: String,
    status: String,
    active_phase_id: Option<i64>,
    proposals_require_verification: bool,
    supports_require_verification: bool,
    comments_require_verification: bool,
    support_limit: Option<i64>,
    proposal_count: i64,
    created_at: i64,
    updated_at: i64,
}

impl From<ProcessRow> for Process {
    fn from(r: ProcessRow) -> Process {
        Process {
            id: r.id,
            slug: r.slug,
            title: r.title,
            summary: r.summary,
            body: r.body,
            department_id: r.department_id,
            department: r.department,
            area: r.area,
            image_url: r.image_url,
            image_alt: r.image_alt,
            status: ProcessStatus::from_str(&r.status).unwrap_or(ProcessStatus::Draft),
            active_phase_id: r.active_phase_id,
            rules: ProcessRules {
                proposals_require_verification: r.proposals_require_verification,
                supports_require_verification: r.supports_require_verification,
                comments_require_verification: r.comments_require_verification,
                support_limit: r.support_limit.map(|v| v as u32),
            },
            proposal_count: r.proposal_count,
            created_at: r.created_at,
            updated_at: r.updated_at,
            phases: Vec::new(),
        }
    }
}

/// A `phases` row.
#[derive(Deserialize)]
pub(crate) struct PhaseRow {
    id: i64,
    process_id: i64,
    position: i64,
    title: String,
    starts_on: String,
    ends_on: String,
    forms: String,
}

impl PhaseRow {
    fn into_phase(self, active: Option<i64>) -> Phase {
        Phase {
            id: self.id,
            position: self.position,
            title: self.title,
            starts_on: self.starts_on,
            ends_on: self.ends_on,
            forms: Form::parse_list(&self.forms),
            active: Some(self.id) == active,
        }
    }
}
