//! The data council. The internal discussion is not public: visitors and
//! citizens are refused (the pages answer 404 to them).

use super::{signed_in_and, Action, Actor, Decision, Target};
use crate::role::Role;

pub(super) fn decide(actor: &Actor, action: Action, target: &Target<'_>) -> Option<Decision> {
    use Action::*;
    Some(match (action, target) {
        (ViewCouncilReviews, Target::Municipality) => {
            signed_in_and(actor, actor.has(Role::Council) || actor.is_staff())
        }
        (CommentCouncilReview, Target::RegisterEntry { department_id }) => signed_in_and(
            actor,
            actor.has(Role::Council) || actor.runs(*department_id),
        ),
        (DeliberateCouncilReview, Target::RegisterEntry { .. }) => {
            signed_in_and(actor, actor.has(Role::Council))
        }
        (RequestCouncilReview, Target::RegisterEntry { department_id })
        | (AnswerCouncilRecommendation, Target::RegisterEntry { department_id }) => {
            signed_in_and(actor, actor.runs(*department_id))
        }
        (ManageCouncil, Target::Municipality)
        | (OverrideCouncilReview, Target::RegisterEntry { .. }) => {
            signed_in_and(actor, actor.is_admin())
        }
        _ => return None,
    })
}
