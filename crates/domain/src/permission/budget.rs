//! Participatory budgets: only verified residents vote (issue 5), whatever
//! the process's other rules; staff of the department run it.

use super::{participate, signed_in_and, Action, Actor, Decision, Target};
use crate::process::Form;

pub(super) fn decide(actor: &Actor, action: Action, target: &Target<'_>) -> Option<Decision> {
    use Action::*;
    Some(match (action, target) {
        (CastBallot, Target::Process(p)) => participate(actor, p, Form::BudgetVoting, true),
        (ManageBudget, Target::Process(p)) => signed_in_and(actor, actor.runs(p.department_id)),
        _ => return None,
    })
}
