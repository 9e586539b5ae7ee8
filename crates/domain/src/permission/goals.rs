//! Impact goals: any staff member opens the form; the goal's department
//! manages the goal, its indicators, links and measurements.

use super::{signed_in_and, Action, Actor, Decision, Target};

pub(super) fn decide(actor: &Actor, action: Action, target: &Target<'_>) -> Option<Decision> {
    use Action::*;
    Some(match (action, target) {
        (CreateGoal, Target::Municipality) => signed_in_and(actor, actor.is_staff()),
        (ManageGoals, Target::Goal { department_id }) => {
            signed_in_and(actor, actor.runs(*department_id))
        }
        _ => return None,
    })
}
