use super::*;
use crate::opinion::Voters;
use crate::process::{ProcessRules, ProcessStatus};
use Action as A;

const OK: Decision = Ok(());
const FORBIDDEN: Decision = Err(Denied::Forbidden);
const LOGIN: Decision = Err(Denied::LoginRequired);
const NOT_OPEN: Decision = Err(Denied::NotOpen);
const NOT_FOUND: Decision = Err(Denied::NotFound);
const VERIFY: Decision = Err(Denied::VerificationRequired);

/// Checks every `(actor, action, target, expected)` case of a table and
/// names the one that fails.
#[track_caller]
fn expect(cases: &[(&Actor, Action, &Target<'_>, Decision)]) {
    for (i, (actor, action, target, want)) in cases.iter().enumerate() {
        assert_eq!(
            decide(actor, *action, target),
            *want,
            "case {i}: {action:?} by {actor:?} on {target:?}"
        );
    }
}

fn process(forms: &[Form]) -> ProcessFacts {
    ProcessFacts {
        status: ProcessStatus::Published,
        department_id: Some(1),
        active_forms: forms.to_vec(),
        rules: ProcessRules::default(),
    }
}

fn process_in(status: ProcessStatus, forms: &[Form]) -> ProcessFacts {
    ProcessFacts {
        status,
        ..process(forms)
    }
}

/// An account with these roles, in no department, not verified.
fn account(id: i64, roles: &[Role]) -> Actor {
    Actor {
        user_id: Some(id),
        roles: roles.to_vec(),
        ..Actor::default()
    }
}

fn citizen(id: i64) -> Actor {
    account(id, &[Role::Citizen])
}

fn verified_citizen(id: i64) -> Actor {
    Actor {
        verified: true,
        ..citizen(id)
    }
}

fn admin() -> Actor {
    account(9, &[Role::Admin])
}

fn moderator() -> Actor {
    account(7, &[Role::Citizen, Role::Moderator])
}

fn staff(dept: i64) -> Actor {
    Actor {
        user_id: Some(50),
        roles: vec![Role::Citizen, Role::Staff],
        departments: vec![dept],
        verified: false,
        unconfirmed: false,
    }
}

fn contribution(process: &ProcessFacts, author_id: i64, hidden: bool) -> Target<'_> {
    Target::Contribution {
        process,
        author_id: Some(author_id),
        hidden,
    }
}

fn entry(department_id: Option<i64>) -> Target<'static> {
    Target::RegisterEntry { department_id }
}

const M: Target<'static> = Target::Municipality;

#[test]
fn visitors_read_but_must_log_in_to_contribute() {
    let p = process(&Form::ALL);
    let visitor = Actor::visitor();
    expect(&[
        (&visitor, A::ViewProcess, &Target::Process(&p), OK),
        (&visitor, A::CreateProposal, &Target::Process(&p), LOGIN),
    ]);
}

#[test]
fn phase_decides_which_forms_are_open() {
    let p = process(&[Form::Comments]);
    let c = contribution(&p, 2, false);
    expect(&[
        (&citizen(1), A::Comment, &c, OK),
        (&citizen(1), A::Support, &c, NOT_OPEN),
        (
            &citizen(1),
            A::CreateProposal,
            &Target::Process(&p),
            NOT_OPEN,
        ),
    ]);
}

#[test]
fn verification_required_per_form() {
    let mut p = process(&Form::ALL);
    p.rules.supports_require_verification = true;
    let c = contribution(&p, 2, false);
    expect(&[
        (&citizen(1), A::Support, &c, VERIFY),
        (&citizen(1), A::Comment, &c, OK),
        (&verified_citizen(1), A::Support, &c, OK),
    ]);
}

#[test]
fn staff_answer_only_in_their_department() {
    let p = process(&Form::ALL);
    let c = contribution(&p, 2, false);
    expect(&[
        (&staff(1), A::AnswerProposal, &c, OK),
        (&staff(2), A::AnswerProposal, &c, FORBIDDEN),
        (&citizen(1), A::AnswerProposal, &c, FORBIDDEN),
        (&admin(), A::AnswerProposal, &c, OK),
    ]);
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
    let visitor = Actor::visitor();
    expect(&[(&visitor, A::VoteOpinion, &map(&p, &settings), OK)]);
    settings.voters = Voters::Citizens;
    expect(&[
        (&visitor, A::VoteOpinion, &map(&p, &settings), LOGIN),
        (&citizen(1), A::VoteOpinion, &map(&p, &settings), OK),
    ]);
    settings.voters = Voters::Verified;
    expect(&[(&citizen(1), A::VoteOpinion, &map(&p, &settings), VERIFY)]);
    settings.voters = Voters::Anyone;
    settings.participant_statements = false;
    expect(&[(
        &citizen(1),
        A::SubmitStatement,
        &map(&p, &settings),
        FORBIDDEN,
    )]);
    let closed = process(&[Form::Comments]);
    let t = map(&closed, &settings);
    expect(&[
        (&citizen(1), A::VoteOpinion, &t, NOT_OPEN),
        (&staff(1), A::ManageOpinionMap, &t, OK),
        (&moderator(), A::ModerateStatements, &t, OK),
        (&moderator(), A::ManageOpinionMap, &t, FORBIDDEN),
        (&staff(2), A::ManageOpinionMap, &t, FORBIDDEN),
    ]);
}

#[test]
fn drafts_are_hidden_from_the_public() {
    let p = process_in(ProcessStatus::Draft, &Form::ALL);
    let t = Target::Process(&p);
    expect(&[
        (&citizen(1), A::ViewProcess, &t, NOT_FOUND),
        (&staff(1), A::ViewProcess, &t, OK),
        (&staff(2), A::ViewProcess, &t, NOT_FOUND),
    ]);
}

#[test]
fn only_authors_edit_and_only_while_open() {
    let p = process(&Form::ALL);
    let closed = process(&[Form::Comments]);
    expect(&[
        (
            &citizen(1),
            A::EditProposal,
            &contribution(&p, 1, false),
            OK,
        ),
        (
            &citizen(3),
            A::EditProposal,
            &contribution(&p, 1, false),
            FORBIDDEN,
        ),
        (
            &citizen(1),
            A::EditProposal,
            &contribution(&closed, 1, false),
            NOT_OPEN,
        ),
    ]);
}

#[test]
fn hidden_contributions_take_no_supports() {
    let p = process(&Form::ALL);
    expect(&[(
        &citizen(1),
        A::Support,
        &contribution(&p, 2, true),
        NOT_OPEN,
    )]);
}

#[test]
fn moderation_and_admin_pages() {
    expect(&[
        (&moderator(), A::Moderate, &M, OK),
        (&citizen(1), A::Moderate, &M, FORBIDDEN),
        (&staff(1), A::ManageUsers, &M, FORBIDDEN),
        (&moderator(), A::ViewAdmin, &M, OK),
    ]);
}

#[test]
fn ballots_need_verification_and_the_voting_form() {
    let p = process(&[Form::BudgetVoting]);
    let t = Target::Process(&p);
    let closed = process(&[Form::Comments]);
    expect(&[
        (&citizen(1), A::CastBallot, &t, VERIFY),
        (&verified_citizen(1), A::CastBallot, &t, OK),
        (
            &verified_citizen(1),
            A::CastBallot,
            &Target::Process(&closed),
            NOT_OPEN,
        ),
        (&staff(1), A::ManageBudget, &t, OK),
        (&staff(2), A::ManageBudget, &t, FORBIDDEN),
    ]);
}

#[test]
fn register_entries_are_edited_by_their_department() {
    let e = entry(Some(1));
    let orphan = entry(None);
    expect(&[
        (&staff(1), A::EditRegisterEntry, &e, OK),
        (&staff(2), A::EditRegisterEntry, &e, FORBIDDEN),
        (&Actor::visitor(), A::EditRegisterEntry, &e, LOGIN),
        (&citizen(1), A::CreateRegisterEntry, &M, FORBIDDEN),
        (&staff(2), A::CreateRegisterEntry, &M, OK),
        (&admin(), A::EditRegisterEntry, &orphan, OK),
        (&staff(1), A::EditRegisterEntry, &orphan, FORBIDDEN),
    ]);
}

#[test]
fn data_council_rights() {
    let e = entry(Some(1));
    let member = account(70, &[Role::Citizen, Role::Council]);
    let admin = account(1, &[Role::Admin]);
    expect(&[
        // Internal: members and staff see reviews; citizens and visitors not.
        (&member, A::ViewCouncilReviews, &M, OK),
        (&staff(2), A::ViewCouncilReviews, &M, OK),
        (&citizen(3), A::ViewCouncilReviews, &M, FORBIDDEN),
        (&Actor::visitor(), A::ViewCouncilReviews, &M, LOGIN),
        // Only members vote and close; the department's staff may comment.
        (&member, A::DeliberateCouncilReview, &e, OK),
        (&staff(1), A::DeliberateCouncilReview, &e, FORBIDDEN),
        (&admin, A::DeliberateCouncilReview, &e, FORBIDDEN),
        (&citizen(3), A::DeliberateCouncilReview, &e, FORBIDDEN),
        (&member, A::CommentCouncilReview, &e, OK),
        (&staff(1), A::CommentCouncilReview, &e, OK),
        (&staff(2), A::CommentCouncilReview, &e, FORBIDDEN),
        // Settings and overrides: admins only.
        (&admin, A::ManageCouncil, &M, OK),
        (&member, A::ManageCouncil, &M, FORBIDDEN),
        (&admin, A::OverrideCouncilReview, &e, OK),
        (&staff(1), A::OverrideCouncilReview, &e, FORBIDDEN),
    ]);
    // The department requests reviews and answers recommendations.
    for action in [A::RequestCouncilReview, A::AnswerCouncilRecommendation] {
        expect(&[
            (&staff(1), action, &e, OK),
            (&admin, action, &e, OK),
            (&staff(2), action, &e, FORBIDDEN),
            (&member, action, &e, FORBIDDEN),
        ]);
    }
}

#[test]
fn register_questions_are_asked_by_anyone_signed_in_and_answered_by_the_department() {
    let e = entry(Some(1));
    for action in [A::AskRegisterQuestion, A::Follow, A::Report] {
        expect(&[
            (&Actor::visitor(), action, &e, LOGIN),
            (&citizen(1), action, &e, OK),
            (&staff(2), action, &e, OK),
        ]);
    }
    // Moderators hide, but do not answer.
    let moderator = account(8, &[Role::Moderator]);
    let answer = A::AnswerRegisterQuestion;
    expect(&[
        (&staff(1), A::RecordOffline, &e, OK),
        (&staff(2), A::RecordOffline, &e, FORBIDDEN),
        (&citizen(1), A::RecordOffline, &e, FORBIDDEN),
        (&staff(1), answer, &e, OK),
        (&staff(2), answer, &e, FORBIDDEN),
        (&citizen(1), answer, &e, FORBIDDEN),
        (&Actor::visitor(), answer, &e, LOGIN),
        (&admin(), answer, &entry(None), OK),
        (&staff(1), answer, &entry(None), FORBIDDEN),
        (&moderator, answer, &e, FORBIDDEN),
        (&moderator, A::Moderate, &M, OK),
    ]);
}

#[test]
fn goals_are_managed_by_their_department() {
    let goal = Target::Goal {
        department_id: Some(1),
    };
    let orphan = Target::Goal {
        department_id: None,
    };
    expect(&[
        (&staff(1), A::ManageGoals, &goal, OK),
        (&staff(2), A::ManageGoals, &goal, FORBIDDEN),
        (&citizen(1), A::ManageGoals, &goal, FORBIDDEN),
        (&Actor::visitor(), A::ManageGoals, &goal, LOGIN),
        (&staff(2), A::CreateGoal, &M, OK),
        (&citizen(1), A::CreateGoal, &M, FORBIDDEN),
        (&admin(), A::ManageGoals, &orphan, OK),
        (&Actor::administrator(), A::ManageGoals, &goal, OK),
        (&staff(1), A::ManageGoals, &orphan, FORBIDDEN),
        // Managing a goal is not editing a register entry, and back.
        (&staff(1), A::ManageGoals, &M, FORBIDDEN),
    ]);
}

#[test]
fn lifecycle_links_and_evaluations_belong_to_the_department() {
    let e = entry(Some(1));
    let closed = process_in(ProcessStatus::Closed, &[]);
    let t = Target::Process(&closed);
    // A draft of another department stays invisible.
    let draft = process_in(ProcessStatus::Draft, &[]);
    expect(&[
        (&staff(1), A::LinkRegisterProcess, &e, OK),
        (&staff(2), A::LinkRegisterProcess, &e, FORBIDDEN),
        (&citizen(3), A::LinkRegisterProcess, &e, FORBIDDEN),
        (&Actor::visitor(), A::LinkRegisterProcess, &e, LOGIN),
        (&staff(1), A::EvaluateProcess, &t, OK),
        (&staff(2), A::EvaluateProcess, &t, FORBIDDEN),
        (&Actor::visitor(), A::EvaluateProcess, &t, LOGIN),
        (
            &staff(2),
            A::EvaluateProcess,
            &Target::Process(&draft),
            NOT_FOUND,
        ),
    ]);
}

#[test]
fn wrong_target_is_refused() {
    expect(&[(&citizen(1), A::Support, &M, FORBIDDEN)]);
}

#[test]
fn the_command_line_administrator_needs_no_account_but_visitors_do() {
    expect(&[
        (&Actor::administrator(), A::CreateRegisterEntry, &M, OK),
        (&Actor::visitor(), A::CreateRegisterEntry, &M, LOGIN),
    ]);
}

#[test]
fn an_unconfirmed_address_may_not_contribute_but_keeps_other_reasons() {
    let open = process(&Form::ALL);
    let t = Target::Process(&open);
    let closed = process(&[]);
    let tc = Target::Process(&closed);
    let new = Actor {
        unconfirmed: true,
        ..citizen(5)
    };
    const CONFIRM: Decision = Err(Denied::ConfirmationRequired);
    expect(&[
        (&citizen(5), A::CreateProposal, &t, OK),
        (&new, A::CreateProposal, &t, CONFIRM),
        // A refusal for another reason keeps that reason.
        (&new, A::CreateProposal, &tc, NOT_OPEN),
        // Reading and the account itself stay allowed.
        (&new, A::ViewProcess, &t, OK),
        (&new, A::ViewProfile, &M, OK),
        (&new, A::RedeemVerificationCode, &M, OK),
    ]);
    assert!(A::Support.contributes() && A::Comment.contributes());
    assert!(A::CastBallot.contributes() && A::AskRegisterQuestion.contributes());
    assert!(!A::ViewProfile.contributes() && !A::AnswerProposal.contributes());
}

#[test]
fn dataset_questions_are_asked_by_anyone_signed_in_and_answered_by_the_department() {
    let d = Target::Dataset {
        department_id: Some(1),
    };
    let ask = A::AskDatasetQuestion;
    let answer = A::AnswerDatasetQuestion;
    expect(&[
        (&Actor::visitor(), ask, &d, LOGIN),
        (&citizen(1), ask, &d, OK),
        (&staff(2), ask, &d, OK),
        (&staff(1), answer, &d, OK),
        (&staff(2), answer, &d, FORBIDDEN),
        (&citizen(1), answer, &d, FORBIDDEN),
        (&Actor::visitor(), answer, &d, LOGIN),
        (&admin(), answer, &d, OK),
    ]);
    assert!(ask.contributes() && !answer.contributes());
}
