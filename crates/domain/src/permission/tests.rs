use super::*;
use crate::opinion::Voters;
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
