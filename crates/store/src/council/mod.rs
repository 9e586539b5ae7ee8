//! The data council (Datenbeirat, issue #3): review requests on register
//! entries, the internal discussion, votes, the published result with the
//! council's recommendation, the administration's public answer, and the
//! rule that an entry may not become operational while a required review
//! is open (unless an admin overrides it with a public justification).
//!
//! - A review is opened automatically inside the transaction that saves an
//!   entry, when `teilhabe_domain::register::entry::review_triggers` finds a reason
//!   (risk limited or higher on creation, risk raised, status changed to
//!   pilot or operational, a material field changed); such a review is
//!   *required*. Staff of the responsible department may also ask for a
//!   review of any entry, with a reason (not required, unless a rule adds
//!   a reason later). An entry has at most one open review: new reasons
//!   join it.
//! - The discussion and the individual votes are internal: council
//!   members and staff see them, nobody else (404 for citizens and
//!   visitors). The result, the counts and the recommendation are public
//!   once a member closes the review.
//! - The result follows from the council's rule
//!   (`teilhabe_domain::council::CouncilRules::decide`), with the rule in
//!   force at closing stored next to the counts.
//!
//! Files: `settings.rs` (the council's rules),
//! `requests.rs` (reviews opened by register saves and by
//! staff, the operational block and its override), `reviews.rs`
//! (inbox, review pages, the entry's public part) and
//! `deliberation.rs` (discussion, votes, closing, the
//! administration's answer).

mod deliberation;
pub(crate) mod demo;
mod requests;
mod reviews;
mod settings;

use crate::{Result, StoreError};
use serde::{Deserialize, Serialize};
use teilhabe_domain::council::{CouncilRules, MajorityRule, Tally};
use teilhabe_domain::permission::{decide, Action, Target};
use teilhabe_domain::register::ReviewTrigger;
use teilhabe_domain::{Actor, Denied, FieldErrors};

/// The council module in the store's manifest (`crate::module::MODULES`).
pub const MODULE: crate::module::StoreModule = {
    use crate::module::{Migration, StoreModule};
    StoreModule {
        name: "council",
        migrations: &[Migration {
            version: 7,
            description: "council",
            sqlite: include_str!("migrations/sqlite/0007_council.sql"),
            postgres: include_str!("migrations/postgres/0007_council.sql"),
        }],
        // The council's demo work is woven into the register's demo.
        demo: None,
        jobs: &[],
    }
};

crate::service!(
    Council,
    council,
    "The data council: reviews of register entries, discussion, votes, recommendations."
);

/// Longest comment, recommendation, reason, conditions or justification.
pub const MAX_TEXT_CHARS: usize = 10_000;

/// Why a review was asked for.
#[derive(Debug, Clone, Serialize)]
pub struct ReviewReason {
    /// created_with_risk, risk_raised, status_changed,
    /// material_field_changed, manual
    pub kind: String,
    /// The risk category, status or field concerned, or the staff's reason.
    pub detail: String,
    /// The entry version that triggered it.
    pub version: i64,
    pub created_at: i64,
}

/// A review as the inbox, the review page and the entry page show it.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct CouncilReview {
    pub id: i64,
    pub entry_id: i64,
    pub entry_slug: String,
    pub entry_title: String,
    pub department_id: Option<i64>,
    pub department_name: Option<String>,
    pub status: String,
    pub required: bool,
    pub version: i64,
    pub opened_at: i64,
    pub closed_at: Option<i64>,
    pub outcome: Option<String>,
    pub approve: i64,
    pub approve_with_conditions: i64,
    pub reject: i64,
    pub abstain: i64,
    pub quorum: Option<i64>,
    pub majority: Option<String>,
    pub recommendation: Option<String>,
    pub response: Option<String>,
    pub response_text: Option<String>,
    pub responded_at: Option<i64>,
    /// Filled from the reasons table, not from the review's row.
    #[serde(skip_deserializing)]
    pub reasons: Vec<ReviewReason>,
}

impl CouncilReview {
    pub fn is_open(&self) -> bool {
        self.status == "open"
    }
    pub fn target(&self) -> Target<'static> {
        Target::RegisterEntry {
            department_id: self.department_id,
        }
    }
}

/// One contribution to the internal discussion.
#[derive(Debug, Clone, Serialize)]
pub struct CouncilComment {
    pub id: i64,
    pub author_name: String,
    /// Whether the author is a council member (else staff).
    pub by_member: bool,
    pub body: String,
    pub created_at: i64,
}

/// One member's vote (internal while the review is open).
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct CouncilVote {
    pub user_id: i64,
    pub member_name: String,
    pub vote: String,
    pub conditions: String,
    pub updated_at: i64,
}

/// A review with its discussion and votes, for members and staff.
#[derive(Debug, Clone, Serialize)]
pub struct ReviewDetail {
    pub review: CouncilReview,
    pub comments: Vec<CouncilComment>,
    pub votes: Vec<CouncilVote>,
    /// Counted so far (the result if it were closed now).
    pub tally: Tally,
    pub would_be: String,
    pub rules: CouncilRules,
    /// What the reader may do on the review page.
    pub can: ReviewRights,
}

/// What the reader may do on a review's page (see [`ReviewDetail::can`]).
#[derive(Debug, Clone, Copy, Default, Serialize)]
pub struct ReviewRights {
    /// Write in the discussion of the open review.
    pub comment: bool,
    /// Vote on (and close) the open review.
    pub vote: bool,
    /// Answer the recommendation of the closed, unanswered review.
    pub answer: bool,
}

impl ReviewRights {
    pub fn decide(actor: &Actor, review: &CouncilReview) -> Self {
        let may = |a: Action| decide(actor, a, &review.target()).is_ok();
        let open = review.is_open();
        ReviewRights {
            comment: open && may(Action::CommentCouncilReview),
            vote: open && may(Action::DeliberateCouncilReview),
            answer: !open && review.response.is_none() && may(Action::AnswerCouncilRecommendation),
        }
    }
}

/// What the reader may do in the council's part of a register entry.
#[derive(Debug, Clone, Copy, Default, Serialize)]
pub struct EntryCouncilRights {
    /// Sees the council's internal pages (links to the reviews).
    pub internal: bool,
    /// Answers the entry's recommendations.
    pub answer: bool,
    /// Asks the council for a review of the entry.
    pub request: bool,
}

impl EntryCouncilRights {
    pub fn decide(actor: &Actor, entry: &crate::register::RegisterSummary) -> Self {
        let target = entry.target();
        EntryCouncilRights {
            internal: decide(actor, Action::ViewCouncilReviews, &Target::Municipality).is_ok(),
            answer: decide(actor, Action::AnswerCouncilRecommendation, &target).is_ok(),
            request: decide(actor, Action::RequestCouncilReview, &target).is_ok(),
        }
    }
}

/// An admin set an entry to operational while a required review was open.
#[derive(Debug, Clone, Serialize)]
pub struct CouncilOverride {
    pub review_id: i64,
    pub version: i64,
    pub justification: String,
    /// The admin's pseudonym, as in the audit trail.
    pub admin: String,
    pub created_at: i64,
}

const REVIEW_COLS: &str = "r.id, r.entry_id, e.slug AS entry_slug, e.title AS entry_title, e.department_id, d.name AS department_name, r.status, r.required, r.version, r.opened_at, r.closed_at, r.outcome, r.approve, r.approve_with_conditions, r.reject, r.abstain, r.quorum, r.majority, r.recommendation, r.response, r.response_text, r.responded_at";
const REVIEW_FROM: &str = "council_reviews r JOIN register_entries e ON e.id = r.entry_id LEFT JOIN departments d ON d.id = e.department_id";

/// A row's id.
#[derive(Deserialize)]
struct IdRow {
    id: i64,
}

/// The council's settings as stored.
#[derive(Deserialize)]
struct SettingsRow {
    quorum: i64,
    majority: String,
    material_fields: String,
}

const SETTINGS_SQL: &str =
    "SELECT quorum, majority, material_fields FROM council_settings WHERE municipality_id = $1";

fn rules_from(r: Option<SettingsRow>) -> Result<CouncilRules> {
    let Some(r) = r else {
        return Ok(CouncilRules::default());
    };
    Ok(CouncilRules {
        quorum: r.quorum.clamp(1, i64::from(u32::MAX)) as u32,
        majority: MajorityRule::parse(&r.majority).unwrap_or_default(),
        material_fields: serde_json::from_str(&r.material_fields)
            .map_err(|e| StoreError::internal("council material fields", e))?,
    })
}

fn text(field: &'static str, value: &str, errors: &mut FieldErrors) {
    let v = value.trim();
    if v.is_empty() {
        errors.add(field, "error-required");
    } else if v.chars().count() > MAX_TEXT_CHARS {
        errors.add_with(
            field,
            "error-too-long",
            vec![("max", MAX_TEXT_CHARS.to_string())],
        );
    }
}

/// A review trigger as (kind, detail) for storage.
fn reason_of(t: &ReviewTrigger) -> (&'static str, String) {
    match t {
        ReviewTrigger::CreatedWithRisk { risk } => ("created_with_risk", risk.as_str().into()),
        ReviewTrigger::RiskRaised { to, .. } => ("risk_raised", to.as_str().into()),
        ReviewTrigger::StatusChanged { to, .. } => ("status_changed", to.as_str().into()),
        ReviewTrigger::MaterialFieldChanged { field } => ("material_field_changed", field.clone()),
    }
}

/// The audit target of a review.
fn review_target(review_id: i64) -> String {
    format!("council_review:{review_id}")
}

/// Outsiders learn nothing about internal reviews: visitors are asked to
/// log in, signed-in people without the right get "not found".
fn insider(actor: &Actor) -> Result<()> {
    match decide(actor, Action::ViewCouncilReviews, &Target::Municipality) {
        Ok(()) => Ok(()),
        Err(Denied::LoginRequired) => Err(StoreError::Denied(Denied::LoginRequired)),
        Err(_) => Err(StoreError::NotFound),
    }
}
