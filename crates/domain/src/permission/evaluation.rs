//! Evaluations of processes: written and published by the process's
//! department; a draft process's evaluation stays hidden from others.

use super::{need, signed_in_and, Action, Actor, Decision, Denied, Target};

pub(super) fn decide(actor: &Actor, action: Action, target: &Target<'_>) -> Option<Decision> {
    use Action::*;
    Some(match (action, target) {
        (EvaluateProcess, Target::Process(p)) => need(
            p.status.is_public() || actor.runs(p.department_id),
            Denied::NotFound,
        )
        .and_then(|()| signed_in_and(actor, actor.runs(p.department_id))),
        _ => return None,
    })
}
