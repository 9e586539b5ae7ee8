//! The register of data uses and algorithms: entries are edited and linked
//! to processes by their department; questions and objections on them.

use super::{login, signed_in_and, Action, Actor, Decision, Target};

pub(super) fn decide(actor: &Actor, action: Action, target: &Target<'_>) -> Option<Decision> {
    use Action::*;
    Some(match (action, target) {
        (CreateRegisterEntry, Target::Municipality) => signed_in_and(actor, actor.is_staff()),
        (EditRegisterEntry, Target::RegisterEntry { department_id })
        | (LinkRegisterProcess, Target::RegisterEntry { department_id }) => {
            signed_in_and(actor, actor.runs(*department_id))
        }
        // Register entries are public in every status: anyone signed in
        // may ask, object and follow; only the responsible department
        // answers, and moderators hide abuse (`Moderate` on the municipality).
        (AskRegisterQuestion, Target::RegisterEntry { .. })
        | (Follow, Target::RegisterEntry { .. })
        | (Report, Target::RegisterEntry { .. }) => login(actor),
        (AnswerRegisterQuestion, Target::RegisterEntry { department_id })
        | (RecordOffline, Target::RegisterEntry { department_id }) => {
            signed_in_and(actor, actor.runs(*department_id))
        }
        _ => return None,
    })
}
