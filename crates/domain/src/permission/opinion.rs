//! Opinion maps: voting and submitting statements as the map's settings
//! allow, managing the map and moderating its statements.

use super::{login, need, signed_in_and, Action, Actor, Decision, Denied, Target};
use crate::opinion::{OpinionSettings, Voters};
use crate::process::{Form, ProcessFacts};
use crate::role::Role;

pub(super) fn decide(actor: &Actor, action: Action, target: &Target<'_>) -> Option<Decision> {
    use Action::*;
    Some(match (action, target) {
        (VoteOpinion, Target::OpinionMap { process, settings }) => {
            opinion_participant(actor, process, settings)
        }
        (SubmitStatement, Target::OpinionMap { process, settings }) => {
            opinion_participant(actor, process, settings)
                .and_then(|()| need(settings.participant_statements, Denied::Forbidden))
        }
        (ManageOpinionMap, Target::OpinionMap { process, .. }) => need(
            process.status.is_public() || actor.runs(process.department_id),
            Denied::NotFound,
        )
        .and_then(|()| signed_in_and(actor, actor.runs(process.department_id))),
        (ModerateStatements, Target::OpinionMap { process, .. }) => need(
            process.status.is_public() || actor.runs(process.department_id),
            Denied::NotFound,
        )
        .and_then(|()| {
            signed_in_and(
                actor,
                actor.runs(process.department_id) || actor.has(Role::Moderator),
            )
        }),
        _ => return None,
    })
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
