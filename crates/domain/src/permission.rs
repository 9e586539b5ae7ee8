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

use crate::opinion::{OpinionSettings, Voters};
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
}

impl Denied {
    pub fn message_key(self) -> &'static str {
        match self {
            Denied::LoginRequired => "denied-login-required",
            Denied::Forbidden => "denied-forbidden",
            Denied::VerificationRequired => "denied-verification-required",
            Denied::NotOpen => "denied-not-open",
            Denied::NotFound => "denied-not-found",
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

pub fn decide(actor: &Actor, action: Action, target: &Target<'_>) -> Decision {
    use Action::*;
    match (action, target) {
        (ViewProcess, Target::Process(p))
        | (ViewProcess, Target::Contribution { process: p, .. }) => need(
            p.status.is_public() || actor.runs(p.department_id),
            Denied::NotFound,
        ),
        (CreateProcess, Target::Municipality) => {
            login(actor)?;
            need(actor.is_staff(), Denied::Forbidden)
        }
        (EditProcess, Target::Process(p)) => {
            login(actor)?;
            need(actor.runs(p.department_id), Denied::Forbidden)
        }
        (CreateProposal, Target::Process(p)) => participate(
            actor,
            p,
            Form::Proposals,
            p.rules.proposals_require_verification,
        ),
        (
            EditProposal,
            Target::Contribution {
                process,
                author_id,
                hidden,
            },
        ) => {
            login(actor)?;
            need(!hidden, Denied::NotOpen)?;
            let own = author_id.is_some() && *author_id == actor.user_id;
            need(own, Denied::Forbidden)?;
            need(process.form_open(Form::Proposals), Denied::NotOpen)
        }
        (
            Support,
            Target::Contribution {
                process, hidden, ..
            },
        ) => {
            need(!hidden, Denied::NotOpen)?;
            participate(
                actor,
                process,
                Form::Supports,
                process.rules.supports_require_verification,
            )
        }
        (
            Comment,
            Target::Contribution {
                process, hidden, ..
            },
        ) => {
            need(!hidden, Denied::NotOpen)?;
            participate(
                actor,
                process,
                Form::Comments,
                process.rules.comments_require_verification,
            )
        }
        (AnswerProposal, Target::Contribution { process, .. }) => {
            login(actor)?;
            need(actor.runs(process.department_id), Denied::Forbidden)
        }
        (RecordOffline, Target::Process(p))
        | (RecordOffline, Target::Contribution { process: p, .. }) => {
            // Offline entries are recorded whatever the phase allows online:
            // a paper form handed in on the last day still counts.
            login(actor)?;
            need(actor.runs(p.department_id), Denied::Forbidden)?;
            need(p.status.is_open(), Denied::NotOpen)
        }
        (Report, Target::Contribution { process, .. }) => {
            need(process.status.is_public(), Denied::NotFound)?;
            login(actor)
        }
        (Moderate, Target::Contribution { .. }) | (Moderate, Target::Municipality) => {
            login(actor)?;
            need(
                actor.has(Role::Moderator) || actor.is_admin(),
                Denied::Forbidden,
            )
        }
        (Follow, Target::Process(p)) | (Follow, Target::Contribution { process: p, .. }) => {
            need(p.status.is_public(), Denied::NotFound)?;
            login(actor)
        }
        (ViewInbox, Target::Municipality) => {
            login(actor)?;
            need(actor.is_staff(), Denied::Forbidden)
        }
        (ViewProfile, Target::Municipality) | (RedeemVerificationCode, Target::Municipality) => {
            login(actor)
        }
        (ManageVerificationCodes, Target::Municipality)
        | (ManageUsers, Target::Municipality)
        | (ViewOutbox, Target::Municipality) => {
            login(actor)?;
            need(actor.is_admin(), Denied::Forbidden)
        }
        (ViewAdmin, Target::Municipality) => {
            login(actor)?;
            need(
                actor.is_staff() || actor.has(Role::Moderator),
                Denied::Forbidden,
            )
        }
        // Participatory budgets: only verified residents vote (issue 5),
        // whatever the process's other rules; staff of the department run it.
        (CastBallot, Target::Process(p)) => participate(actor, p, Form::BudgetVoting, true),
        (ManageBudget, Target::Process(p)) => {
            login(actor)?;
            need(actor.runs(p.department_id), Denied::Forbidden)
        }
        // An action asked about the wrong kind of target is a programming
        // error; refusing is the safe answer.
        (VoteOpinion, Target::OpinionMap { process, settings }) => {
            opinion_participant(actor, process, settings)
        }
        (SubmitStatement, Target::OpinionMap { process, settings }) => {
            opinion_participant(actor, process, settings)?;
            need(settings.participant_statements, Denied::Forbidden)
        }
        (ManageOpinionMap, Target::OpinionMap { process, .. }) => {
            need(
                process.status.is_public() || actor.runs(process.department_id),
                Denied::NotFound,
            )?;
            login(actor)?;
            need(actor.runs(process.department_id), Denied::Forbidden)
        }
        (ModerateStatements, Target::OpinionMap { process, .. }) => {
            need(
                process.status.is_public() || actor.runs(process.department_id),
                Denied::NotFound,
            )?;
            login(actor)?;
            need(
                actor.runs(process.department_id) || actor.has(Role::Moderator),
                Denied::Forbidden,
            )
        }
        (CreateRegisterEntry, Target::Municipality) => {
            login(actor)?;
            need(actor.is_staff(), Denied::Forbidden)
        }
        (EditRegisterEntry, Target::RegisterEntry { department_id })
        | (LinkRegisterProcess, Target::RegisterEntry { department_id }) => {
            login(actor)?;
            need(actor.runs(*department_id), Denied::Forbidden)
        }
        (EvaluateProcess, Target::Process(p)) => {
            need(
                p.status.is_public() || actor.runs(p.department_id),
                Denied::NotFound,
            )?;
            login(actor)?;
            need(actor.runs(p.department_id), Denied::Forbidden)
        }
        // The data council. The internal discussion is not public: visitors
        // and citizens are refused (the pages answer 404 to them).
        (ViewCouncilReviews, Target::Municipality) => {
            login(actor)?;
            need(
                actor.has(Role::Council) || actor.is_staff(),
                Denied::Forbidden,
            )
        }
        (CommentCouncilReview, Target::RegisterEntry { department_id }) => {
            login(actor)?;
            need(
                actor.has(Role::Council) || actor.runs(*department_id),
                Denied::Forbidden,
            )
        }
        (DeliberateCouncilReview, Target::RegisterEntry { .. }) => {
            login(actor)?;
            need(actor.has(Role::Council), Denied::Forbidden)
        }
        (RequestCouncilReview, Target::RegisterEntry { department_id })
        | (AnswerCouncilRecommendation, Target::RegisterEntry { department_id }) => {
            login(actor)?;
            need(actor.runs(*department_id), Denied::Forbidden)
        }
        (ManageCouncil, Target::Municipality)
        | (OverrideCouncilReview, Target::RegisterEntry { .. }) => {
            login(actor)?;
            need(actor.is_admin(), Denied::Forbidden)
        }
        // Register entries are public in every status: anyone signed in
        // may ask, object and follow; only the responsible department
        // answers, and moderators hide abuse (`Moderate` on the municipality).
        (AskRegisterQuestion, Target::RegisterEntry { .. })
        | (Follow, Target::RegisterEntry { .. })
        | (Report, Target::RegisterEntry { .. }) => login(actor),
        (AnswerRegisterQuestion, Target::RegisterEntry { department_id })
        | (RecordOffline, Target::RegisterEntry { department_id }) => {
            login(actor)?;
            need(actor.runs(*department_id), Denied::Forbidden)
        }
        (CreateGoal, Target::Municipality) => {
            login(actor)?;
            need(actor.is_staff(), Denied::Forbidden)
        }
        (ManageGoals, Target::Goal { department_id }) => {
            login(actor)?;
            need(actor.runs(*department_id), Denied::Forbidden)
        }
        _ => Err(Denied::Forbidden),
    }
}

/// Voting on an opinion map: the map must be open in the active phase; the
/// map's settings say whether visitors (with a pseudonymous browser id),
/// logged-in citizens or verified residents may take part.
fn opinion_participant(
    actor: &Actor,
    process: &ProcessFacts,
    settings: &OpinionSettings,
) -> Decision {
    if !process.status.is_public() {
        return Err(Denied::NotFound);
    }
    match settings.voters {
        Voters::Anyone => {}
        Voters::Citizens => login(actor)?,
        Voters::Verified => {
            login(actor)?;
            need(actor.verified, Denied::VerificationRequired)?;
        }
    }
    need(process.form_open(Form::OpinionMap), Denied::NotOpen)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::process::{ProcessRules, ProcessStatus};

    fn process(forms: &[Form]) -> ProcessFacts {
        ProcessFacts {
            status: ProcessStatus::Published,
            department_id: Some(1),
            active_forms: forms.to_vec(),
            rules: ProcessRules::default(),
        }
    }

    fn citizen(id: i64) -> Actor {
        Actor {
            user_id: Some(id),
            roles: vec![Role::Citizen],
            ..Actor::default()
        }
    }

    fn staff(dept: i64) -> Actor {
        Actor {
            user_id: Some(50),
            roles: vec![Role::Citizen, Role::Staff],
            departments: vec![dept],
            verified: false,
        }
    }

    #[test]
    fn visitors_read_but_must_log_in_to_contribute() {
        let p = process(&Form::ALL);
        assert_eq!(
            decide(&Actor::visitor(), Action::ViewProcess, &Target::Process(&p)),
            Ok(())
        );
        assert_eq!(
            decide(
                &Actor::visitor(),
                Action::CreateProposal,
                &Target::Process(&p)
            ),
            Err(Denied::LoginRequired)
        );
    }

    #[test]
    fn phase_decides_which_forms_are_open() {
        let p = process(&[Form::Comments]);
        let c = Target::Contribution {
            process: &p,
            author_id: Some(2),
            hidden: false,
        };
        assert_eq!(decide(&citizen(1), Action::Comment, &c), Ok(()));
        assert_eq!(
            decide(&citizen(1), Action::Support, &c),
            Err(Denied::NotOpen)
        );
        assert_eq!(
            decide(&citizen(1), Action::CreateProposal, &Target::Process(&p)),
            Err(Denied::NotOpen)
        );
    }

    #[test]
    fn verification_required_per_form() {
        let mut p = process(&Form::ALL);
        p.rules.supports_require_verification = true;
        let c = Target::Contribution {
            process: &p,
            author_id: Some(2),
            hidden: false,
        };
        assert_eq!(
            decide(&citizen(1), Action::Support, &c),
            Err(Denied::VerificationRequired)
        );
        assert_eq!(decide(&citizen(1), Action::Comment, &c), Ok(()));
        let verified = Actor {
            verified: true,
            ..citizen(1)
        };
        assert_eq!(decide(&verified, Action::Support, &c), Ok(()));
    }

    #[test]
    fn staff_answer_only_in_their_department() {
        let p = process(&Form::ALL);
        let c = Target::Contribution {
            process: &p,
            author_id: Some(2),
            hidden: false,
        };
        assert_eq!(decide(&staff(1), Action::AnswerProposal, &c), Ok(()));
        assert_eq!(
            decide(&staff(2), Action::AnswerProposal, &c),
            Err(Denied::Forbidden)
        );
        assert_eq!(
            decide(&citizen(1), Action::AnswerProposal, &c),
            Err(Denied::Forbidden)
        );
        let admin = Actor {
            user_id: Some(9),
            roles: vec![Role::Admin],
            ..Actor::default()
        };
        assert_eq!(decide(&admin, Action::AnswerProposal, &c), Ok(()));
    }

    #[test]
    fn opinion_map_settings_decide_who_votes() {
        let p = process(&[Form::OpinionMap]);
        let mut settings = OpinionSettings::default();
        fn map<'a>(p: &'a ProcessFacts, s: &'a OpinionSettings) -> Target<'a> {
            Target::OpinionMap {
                process: p,
                settings: s,
            }
        }
        assert_eq!(
            decide(&Actor::visitor(), Action::VoteOpinion, &map(&p, &settings)),
            Ok(())
        );
        settings.voters = Voters::Citizens;
        assert_eq!(
            decide(&Actor::visitor(), Action::VoteOpinion, &map(&p, &settings)),
            Err(Denied::LoginRequired)
        );
        assert_eq!(
            decide(&citizen(1), Action::VoteOpinion, &map(&p, &settings)),
            Ok(())
        );
        settings.voters = Voters::Verified;
        assert_eq!(
            decide(&citizen(1), Action::VoteOpinion, &map(&p, &settings)),
            Err(Denied::VerificationRequired)
        );
        settings.voters = Voters::Anyone;
        settings.participant_statements = false;
        assert_eq!(
            decide(&citizen(1), Action::SubmitStatement, &map(&p, &settings)),
            Err(Denied::Forbidden)
        );
        let closed = process(&[Form::Comments]);
        let t = Target::OpinionMap {
            process: &closed,
            settings: &settings,
        };
        assert_eq!(
            decide(&citizen(1), Action::VoteOpinion, &t),
            Err(Denied::NotOpen)
        );
        assert_eq!(decide(&staff(1), Action::ManageOpinionMap, &t), Ok(()));
        let moderator = Actor {
            user_id: Some(7),
            roles: vec![Role::Citizen, Role::Moderator],
            ..Actor::default()
        };
        assert_eq!(decide(&moderator, Action::ModerateStatements, &t), Ok(()));
        assert_eq!(
            decide(&moderator, Action::ManageOpinionMap, &t),
            Err(Denied::Forbidden)
        );
        assert_eq!(
            decide(&staff(2), Action::ManageOpinionMap, &t),
            Err(Denied::Forbidden)
        );
    }

    #[test]
    fn drafts_are_hidden_from_the_public() {
        let mut p = process(&Form::ALL);
        p.status = ProcessStatus::Draft;
        assert_eq!(
            decide(&citizen(1), Action::ViewProcess, &Target::Process(&p)),
            Err(Denied::NotFound)
        );
        assert_eq!(
            decide(&staff(1), Action::ViewProcess, &Target::Process(&p)),
            Ok(())
        );
        assert_eq!(
            decide(&staff(2), Action::ViewProcess, &Target::Process(&p)),
            Err(Denied::NotFound)
        );
    }

    #[test]
    fn only_authors_edit_and_only_while_open() {
        let p = process(&Form::ALL);
        let own = Target::Contribution {
            process: &p,
            author_id: Some(1),
            hidden: false,
        };
        assert_eq!(decide(&citizen(1), Action::EditProposal, &own), Ok(()));
        assert_eq!(
            decide(&citizen(3), Action::EditProposal, &own),
            Err(Denied::Forbidden)
        );
        let closed = process(&[Form::Comments]);
        let own_closed = Target::Contribution {
            process: &closed,
            author_id: Some(1),
            hidden: false,
        };
        assert_eq!(
            decide(&citizen(1), Action::EditProposal, &own_closed),
            Err(Denied::NotOpen)
        );
    }

    #[test]
    fn hidden_contributions_take_no_supports() {
        let p = process(&Form::ALL);
        let hidden = Target::Contribution {
            process: &p,
            author_id: Some(2),
            hidden: true,
        };
        assert_eq!(
            decide(&citizen(1), Action::Support, &hidden),
            Err(Denied::NotOpen)
        );
    }

    #[test]
    fn moderation_and_admin_pages() {
        let moderator = Actor {
            user_id: Some(7),
            roles: vec![Role::Citizen, Role::Moderator],
            ..Actor::default()
        };
        assert_eq!(
            decide(&moderator, Action::Moderate, &Target::Municipality),
            Ok(())
        );
        assert_eq!(
            decide(&citizen(1), Action::Moderate, &Target::Municipality),
            Err(Denied::Forbidden)
        );
        assert_eq!(
            decide(&staff(1), Action::ManageUsers, &Target::Municipality),
            Err(Denied::Forbidden)
        );
        assert_eq!(
            decide(&moderator, Action::ViewAdmin, &Target::Municipality),
            Ok(())
        );
    }

    #[test]
    fn ballots_need_verification_and_the_voting_form() {
        let p = process(&[Form::BudgetVoting]);
        let t = Target::Process(&p);
        assert_eq!(
            decide(&citizen(1), Action::CastBallot, &t),
            Err(Denied::VerificationRequired)
        );
        let verified = Actor {
            verified: true,
            ..citizen(1)
        };
        assert_eq!(decide(&verified, Action::CastBallot, &t), Ok(()));
        let closed = process(&[Form::Comments]);
        assert_eq!(
            decide(&verified, Action::CastBallot, &Target::Process(&closed)),
            Err(Denied::NotOpen)
        );
        assert_eq!(decide(&staff(1), Action::ManageBudget, &t), Ok(()));
        assert_eq!(
            decide(&staff(2), Action::ManageBudget, &t),
            Err(Denied::Forbidden)
        );
    }

    #[test]
    fn register_entries_are_edited_by_their_department() {
        let entry = Target::RegisterEntry {
            department_id: Some(1),
        };
        assert_eq!(decide(&staff(1), Action::EditRegisterEntry, &entry), Ok(()));
        assert_eq!(
            decide(&staff(2), Action::EditRegisterEntry, &entry),
            Err(Denied::Forbidden)
        );
        assert_eq!(
            decide(&Actor::visitor(), Action::EditRegisterEntry, &entry),
            Err(Denied::LoginRequired)
        );
        assert_eq!(
            decide(
                &citizen(1),
                Action::CreateRegisterEntry,
                &Target::Municipality
            ),
            Err(Denied::Forbidden)
        );
        assert_eq!(
            decide(
                &staff(2),
                Action::CreateRegisterEntry,
                &Target::Municipality
            ),
            Ok(())
        );
        let admin = Actor {
            user_id: Some(9),
            roles: vec![Role::Admin],
            ..Actor::default()
        };
        let orphan = Target::RegisterEntry {
            department_id: None,
        };
        assert_eq!(decide(&admin, Action::EditRegisterEntry, &orphan), Ok(()));
        assert_eq!(
            decide(&staff(1), Action::EditRegisterEntry, &orphan),
            Err(Denied::Forbidden)
        );
    }

    #[test]
    fn data_council_rights() {
        let entry = Target::RegisterEntry {
            department_id: Some(1),
        };
        let member = Actor {
            user_id: Some(70),
            roles: vec![Role::Citizen, Role::Council],
            ..Actor::default()
        };
        let admin = Actor {
            user_id: Some(1),
            roles: vec![Role::Admin],
            ..Actor::default()
        };
        let m = Target::Municipality;
        // Internal: members and staff see reviews; citizens and visitors not.
        assert_eq!(decide(&member, Action::ViewCouncilReviews, &m), Ok(()));
        assert_eq!(decide(&staff(2), Action::ViewCouncilReviews, &m), Ok(()));
        assert_eq!(
            decide(&citizen(3), Action::ViewCouncilReviews, &m),
            Err(Denied::Forbidden)
        );
        assert_eq!(
            decide(&Actor::visitor(), Action::ViewCouncilReviews, &m),
            Err(Denied::LoginRequired)
        );
        // Only members vote and close; the department's staff may comment.
        assert_eq!(
            decide(&member, Action::DeliberateCouncilReview, &entry),
            Ok(())
        );
        for a in [staff(1), admin.clone(), citizen(3)] {
            assert_eq!(
                decide(&a, Action::DeliberateCouncilReview, &entry),
                Err(Denied::Forbidden)
            );
        }
        assert_eq!(
            decide(&member, Action::CommentCouncilReview, &entry),
            Ok(())
        );
        assert_eq!(
            decide(&staff(1), Action::CommentCouncilReview, &entry),
            Ok(())
        );
        assert_eq!(
            decide(&staff(2), Action::CommentCouncilReview, &entry),
            Err(Denied::Forbidden)
        );
        // The department requests reviews and answers recommendations.
        for action in [
            Action::RequestCouncilReview,
            Action::AnswerCouncilRecommendation,
        ] {
            assert_eq!(decide(&staff(1), action, &entry), Ok(()));
            assert_eq!(decide(&admin, action, &entry), Ok(()));
            assert_eq!(decide(&staff(2), action, &entry), Err(Denied::Forbidden));
            assert_eq!(decide(&member, action, &entry), Err(Denied::Forbidden));
        }
        // Settings and overrides: admins only.
        assert_eq!(decide(&admin, Action::ManageCouncil, &m), Ok(()));
        assert_eq!(
            decide(&member, Action::ManageCouncil, &m),
            Err(Denied::Forbidden)
        );
        assert_eq!(
            decide(&admin, Action::OverrideCouncilReview, &entry),
            Ok(())
        );
        assert_eq!(
            decide(&staff(1), Action::OverrideCouncilReview, &entry),
            Err(Denied::Forbidden)
        );
    }

    #[test]
    fn register_questions_are_asked_by_anyone_signed_in_and_answered_by_the_department() {
        let entry = Target::RegisterEntry {
            department_id: Some(1),
        };
        for action in [Action::AskRegisterQuestion, Action::Follow, Action::Report] {
            assert_eq!(
                decide(&Actor::visitor(), action, &entry),
                Err(Denied::LoginRequired)
            );
            assert_eq!(decide(&citizen(1), action, &entry), Ok(()));
            assert_eq!(decide(&staff(2), action, &entry), Ok(()));
        }
        let record = Action::RecordOffline;
        assert_eq!(decide(&staff(1), record, &entry), Ok(()));
        assert_eq!(decide(&staff(2), record, &entry), Err(Denied::Forbidden));
        assert_eq!(decide(&citizen(1), record, &entry), Err(Denied::Forbidden));
        let answer = Action::AnswerRegisterQuestion;
        assert_eq!(decide(&staff(1), answer, &entry), Ok(()));
        assert_eq!(decide(&staff(2), answer, &entry), Err(Denied::Forbidden));
        assert_eq!(decide(&citizen(1), answer, &entry), Err(Denied::Forbidden));
        assert_eq!(
            decide(&Actor::visitor(), answer, &entry),
            Err(Denied::LoginRequired)
        );
        let admin = Actor {
            user_id: Some(9),
            roles: vec![Role::Admin],
            ..Actor::default()
        };
        let orphan = Target::RegisterEntry {
            department_id: None,
        };
        assert_eq!(decide(&admin, answer, &orphan), Ok(()));
        assert_eq!(decide(&staff(1), answer, &orphan), Err(Denied::Forbidden));
        // Moderators hide, but do not answer.
        let moderator = Actor {
            user_id: Some(8),
            roles: vec![Role::Moderator],
            ..Actor::default()
        };
        assert_eq!(decide(&moderator, answer, &entry), Err(Denied::Forbidden));
        assert_eq!(
            decide(&moderator, Action::Moderate, &Target::Municipality),
            Ok(())
        );
    }

    #[test]
    fn goals_are_managed_by_their_department() {
        let goal = Target::Goal {
            department_id: Some(1),
        };
        assert_eq!(decide(&staff(1), Action::ManageGoals, &goal), Ok(()));
        assert_eq!(
            decide(&staff(2), Action::ManageGoals, &goal),
            Err(Denied::Forbidden)
        );
        assert_eq!(
            decide(&citizen(1), Action::ManageGoals, &goal),
            Err(Denied::Forbidden)
        );
        assert_eq!(
            decide(&Actor::visitor(), Action::ManageGoals, &goal),
            Err(Denied::LoginRequired)
        );
        assert_eq!(
            decide(&staff(2), Action::CreateGoal, &Target::Municipality),
            Ok(())
        );
        assert_eq!(
            decide(&citizen(1), Action::CreateGoal, &Target::Municipality),
            Err(Denied::Forbidden)
        );
        let admin = Actor {
            user_id: Some(9),
            roles: vec![Role::Admin],
            ..Actor::default()
        };
        let orphan = Target::Goal {
            department_id: None,
        };
        assert_eq!(decide(&admin, Action::ManageGoals, &orphan), Ok(()));
        assert_eq!(
            decide(&Actor::administrator(), Action::ManageGoals, &goal),
            Ok(())
        );
        assert_eq!(
            decide(&staff(1), Action::ManageGoals, &orphan),
            Err(Denied::Forbidden)
        );
        // Managing a goal is not editing a register entry, and back.
        assert_eq!(
            decide(&staff(1), Action::ManageGoals, &Target::Municipality),
            Err(Denied::Forbidden)
        );
    }

    #[test]
    fn lifecycle_links_and_evaluations_belong_to_the_department() {
        let entry = Target::RegisterEntry {
            department_id: Some(1),
        };
        assert_eq!(
            decide(&staff(1), Action::LinkRegisterProcess, &entry),
            Ok(())
        );
        assert_eq!(
            decide(&staff(2), Action::LinkRegisterProcess, &entry),
            Err(Denied::Forbidden)
        );
        assert_eq!(
            decide(&citizen(3), Action::LinkRegisterProcess, &entry),
            Err(Denied::Forbidden)
        );
        assert_eq!(
            decide(&Actor::visitor(), Action::LinkRegisterProcess, &entry),
            Err(Denied::LoginRequired)
        );
        let mut closed = process(&[]);
        closed.status = ProcessStatus::Closed;
        let t = Target::Process(&closed);
        assert_eq!(decide(&staff(1), Action::EvaluateProcess, &t), Ok(()));
        assert_eq!(
            decide(&staff(2), Action::EvaluateProcess, &t),
            Err(Denied::Forbidden)
        );
        assert_eq!(
            decide(&Actor::visitor(), Action::EvaluateProcess, &t),
            Err(Denied::LoginRequired)
        );
        // A draft of another department stays invisible.
        let mut draft = process(&[]);
        draft.status = ProcessStatus::Draft;
        assert_eq!(
            decide(&staff(2), Action::EvaluateProcess, &Target::Process(&draft)),
            Err(Denied::NotFound)
        );
    }

    #[test]
    fn wrong_target_is_refused() {
        assert_eq!(
            decide(&citizen(1), Action::Support, &Target::Municipality),
            Err(Denied::Forbidden)
        );
    }

    #[test]
    fn the_command_line_administrator_needs_no_account_but_visitors_do() {
        let cli = Actor::administrator();
        assert_eq!(
            decide(&cli, Action::CreateRegisterEntry, &Target::Municipality),
            Ok(())
        );
        assert_eq!(
            decide(
                &Actor::visitor(),
                Action::CreateRegisterEntry,
                &Target::Municipality
            ),
            Err(Denied::LoginRequired)
        );
    }
}
