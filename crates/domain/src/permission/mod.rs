//! The one permission evaluator. Every route asks [`decide`]; nothing else
//! in the code base grants or refuses an action. A test in the web crate
//! walks every route with every role against this table.
//!
//! Security reasoning, so nobody "simplifies" a check away:
//! - Staff rights are scoped to the department that runs the process; a
//!   staff member of another department may read but not answer or edit.
//! - Verification is checked per action and per process, because a
//!   municipality may open comments to everyone but restrict supports to
//!   residents.
//! - Drafts are visible only to staff of the department and admins: a
//!   draft may contain text the administration has not yet agreed on.
//!
//! The rules live in one file per use case: [`decide`] asks each in turn,
//! and each answers only for its own actions (`None` for the others):
//! processes and contributions (`processes.rs`), accounts and
//! administration (`admin.rs`), participatory budgets (`budget.rs`),
//! opinion maps (`opinion.rs`), the register with its questions
//! (`register.rs`), the data council (`council.rs`), impact goals
//! (`goals.rs`) and evaluations (`evaluation.rs`). No action/target pair is
//! answered by two files, so the order of asking does not matter.

mod admin;
mod budget;
mod catalog;
mod council;
mod evaluation;
mod goals;
mod opinion;
mod processes;
mod register;
#[cfg(test)]
mod tests;

use crate::opinion::OpinionSettings;
use crate::process::{Form, ProcessFacts};
use crate::role::Role;
use serde::Serialize;

/// Who is acting. `user_id` is `None` for visitors.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Actor {
    pub user_id: Option<i64>,
    pub roles: Vec<Role>,
    /// Departments in which this actor holds the staff role.
    pub departments: Vec<i64>,
    pub verified: bool,
    /// A new account whose e-mail address is not yet confirmed: it may
    /// read and set up its account, but not contribute
    /// ([`Action::contributes`]).
    pub unconfirmed: bool,
}

impl Actor {
    pub fn visitor() -> Self {
        Self::default()
    }
    /// The command line and imports act with an administrator's rights,
    /// without an account.
    pub fn administrator() -> Self {
        Actor {
            user_id: None,
            roles: vec![Role::Admin],
            departments: Vec::new(),
            verified: true,
            unconfirmed: false,
        }
    }
    pub fn is_logged_in(&self) -> bool {
        self.user_id.is_some()
    }
    pub fn has(&self, role: Role) -> bool {
        self.roles.contains(&role)
    }
    pub fn is_admin(&self) -> bool {
        self.has(Role::Admin)
    }
    pub fn is_staff(&self) -> bool {
        self.has(Role::Staff) || self.is_admin()
    }
    /// Staff of the given department, or an admin.
    pub fn runs(&self, department_id: Option<i64>) -> bool {
        self.is_admin()
            || (self.has(Role::Staff)
                && department_id.is_some_and(|d| self.departments.contains(&d)))
    }
}

/// Everything a person can try to do.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Action {
    ViewProcess,
    CreateProcess,
    EditProcess,
    CreateProposal,
    EditProposal,
    Support,
    Comment,
    /// Set status, public answer and implementation progress.
    AnswerProposal,
    /// Record a contribution on behalf of a person without an account.
    RecordOffline,
    Report,
    Moderate,
    Follow,
    ViewInbox,
    ViewProfile,
    RedeemVerificationCode,
    ManageVerificationCodes,
    ManageUsers,
    ViewOutbox,
    ViewAdmin,
    /// Edit the municipality itself: name, hosts, base URL, logo, colours,
    /// departments, legal texts, contact, regional key (admins).
    ManageMunicipality,
    /// Vote on an opinion map's statements.
    VoteOpinion,
    /// Add a statement to an opinion map.
    SubmitStatement,
    /// Change an opinion map's settings, write seed statements, export it.
    ManageOpinionMap,
    /// Accept or reject opinion-map statements.
    ModerateStatements,
    /// Cast or replace one's ballot in a participatory budget (verified residents).
    CastBallot,
    /// Set up budgets, review and cost projects, publish results.
    ManageBudget,
    /// Open the form for a new register entry (staff of any department).
    CreateRegisterEntry,
    /// Create or save a new version of a register entry of a department.
    EditRegisterEntry,
    /// Open a participatory process for a register entry, or link or
    /// unlink an existing one (staff of the entry's department).
    LinkRegisterProcess,
    /// Write and publish the evaluation of a process (staff of its department).
    EvaluateProcess,
    /// Open the form for a new impact goal (staff of any department).
    CreateGoal,
    /// Create or edit an impact goal of a department, its indicators and
    /// links, and enter, import or compute its measurements.
    ManageGoals,
    /// See the data council's reviews with their internal discussion and
    /// votes (council members, staff, admins).
    ViewCouncilReviews,
    /// Write in a review's internal discussion: council members, and staff
    /// of the entry's department (to answer the council's questions).
    CommentCouncilReview,
    /// Vote on a review and close it with the recommendation (members only).
    DeliberateCouncilReview,
    /// Ask the council to review an entry, and answer its published
    /// recommendation (staff of the entry's department, admins).
    RequestCouncilReview,
    AnswerCouncilRecommendation,
    /// Set the council's quorum, majority rule and material fields.
    ManageCouncil,
    /// Set an entry to operational while a required review is open, with a
    /// public justification (admins).
    OverrideCouncilReview,
    /// Ask a question about or file an objection to a register entry.
    AskRegisterQuestion,
    /// Answer (or correct the answer to) a question or objection on a
    /// register entry: staff of the entry's department or admins.
    AnswerRegisterQuestion,
    /// Open the form for a new dataset of the open data catalog (staff).
    CreateDataset,
    /// Create or edit a dataset of a department, its distributions and
    /// links (staff of the department, admins).
    ManageDataset,
    /// Ask the municipality to publish a dataset (signed-in residents).
    RequestData,
    /// Answer a data request publicly (staff, admins).
    AnswerDataRequest,
    /// Add, change and run the catalogs harvested into this one (admins).
    ManageHarvesting,
    /// Ask a question about or file an objection to a dataset (signed-in
    /// residents, like on a register entry).
    AskDatasetQuestion,
    /// Answer (or correct the answer to) a question or objection on a
    /// dataset: staff of the dataset's department or admins. Staff of a
    /// data use that reads the dataset answer too (the store checks
    /// `AnswerRegisterQuestion` on each such entry).
    AnswerDatasetQuestion,
}

impl Action {
    /// A citizen's contribution: refused until the account's e-mail
    /// address is confirmed, so that sign-ups without a reachable address
    /// cannot propose, comment, support, vote or ask.
    pub fn contributes(self) -> bool {
        matches!(
            self,
            Action::CreateProposal
                | Action::EditProposal
                | Action::Support
                | Action::Comment
                | Action::Report
                | Action::VoteOpinion
                | Action::SubmitStatement
                | Action::CastBallot
                | Action::AskRegisterQuestion
                | Action::RequestData
                | Action::AskDatasetQuestion
        )
    }
}

/// What the action is about.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Target<'a> {
    /// The municipality as a whole (admin pages, inbox, profile).
    Municipality,
    /// A process, for process-level actions and for creating proposals.
    Process(&'a ProcessFacts),
    /// A proposal or comment with its author, inside its process.
    Contribution {
        process: &'a ProcessFacts,
        author_id: Option<i64>,
        /// Staff may no longer change a contribution that was hidden.
        hidden: bool,
    },
    /// A process's opinion map with its settings.
    OpinionMap {
        process: &'a ProcessFacts,
        settings: &'a OpinionSettings,
    },
    /// A register entry (data use or algorithm) and its responsible
    /// department. Entries are public; only editing is decided.
    RegisterEntry { department_id: Option<i64> },
    /// An impact goal and its responsible department. Goals are public;
    /// only managing them is decided.
    Goal { department_id: Option<i64> },
    /// A dataset of the open data catalog and its responsible department.
    /// Datasets are public; only managing them is decided.
    Dataset { department_id: Option<i64> },
}

/// Why an action was refused. Each maps to an HTTP status and a message
/// that tells the person what they can do next.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Denied {
    /// Log in first (401, or a redirect to the login page).
    LoginRequired,
    /// The role does not allow it (403).
    Forbidden,
    /// Verified residents only; the person can redeem a code (403).
    VerificationRequired,
    /// The process or its current phase does not accept this (409).
    NotOpen,
    /// Not visible to this person (404, so drafts do not leak).
    NotFound,
    /// The account's e-mail address is not confirmed yet; the person can
    /// follow the mailed link or ask for a new one (403).
    ConfirmationRequired,
}

impl Denied {
    pub fn message_key(self) -> &'static str {
        match self {
            Denied::LoginRequired => "denied-login-required",
            Denied::Forbidden => "denied-forbidden",
            Denied::VerificationRequired => "denied-verification-required",
            Denied::NotOpen => "denied-not-open",
            Denied::NotFound => "denied-not-found",
            Denied::ConfirmationRequired => "denied-confirmation-required",
        }
    }
}

pub type Decision = Result<(), Denied>;

/// An account is needed, except for [`Actor::administrator`]: the command
/// line acts for the municipality without one (and the web never builds an
/// admin actor without an account).
fn login(actor: &Actor) -> Decision {
    if actor.is_logged_in() || actor.is_admin() {
        Ok(())
    } else {
        Err(Denied::LoginRequired)
    }
}

fn need(ok: bool, denied: Denied) -> Decision {
    if ok {
        Ok(())
    } else {
        Err(denied)
    }
}

/// A citizen action on an open form: logged in, form open in the active
/// phase, verified if the process requires it for this form.
fn participate(
    actor: &Actor,
    process: &ProcessFacts,
    form: Form,
    needs_verification: bool,
) -> Decision {
    if !process.status.is_public() {
        return Err(Denied::NotFound);
    }
    login(actor)?;
    need(process.form_open(form), Denied::NotOpen)?;
    need(
        !needs_verification || actor.verified,
        Denied::VerificationRequired,
    )
}

/// Logged in (or the command-line administrator), and `allowed` by role.
fn signed_in_and(actor: &Actor, allowed: bool) -> Decision {
    login(actor)?;
    need(allowed, Denied::Forbidden)
}

/// The one entry point: may `actor` do `action` on `target`?
pub fn decide(actor: &Actor, action: Action, target: &Target<'_>) -> Decision {
    processes::decide(actor, action, target)
        .or_else(|| admin::decide(actor, action, target))
        .or_else(|| budget::decide(actor, action, target))
        .or_else(|| opinion::decide(actor, action, target))
        .or_else(|| register::decide(actor, action, target))
        .or_else(|| evaluation::decide(actor, action, target))
        .or_else(|| council::decide(actor, action, target))
        .or_else(|| goals::decide(actor, action, target))
        .or_else(|| catalog::decide(actor, action, target))
        // An action asked about the wrong kind of target is a programming
        // error; refusing is the safe answer.
        .unwrap_or(Err(Denied::Forbidden))
        // Only what would be allowed is refused for an unconfirmed address,
        // so every other refusal keeps its own reason.
        .and_then(|()| {
            need(
                !(actor.unconfirmed && action.contributes()),
                Denied::ConfirmationRequired,
            )
        })
}
