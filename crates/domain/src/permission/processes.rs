//! Processes and their contributions: viewing, creating and editing
//! processes, proposing, supporting, commenting, answering, recording
//! contributions handed in offline, reporting, moderating and following.

use super::{login, need, participate, signed_in_and, Action, Actor, Decision, Denied, Target};
use crate::process::{Form, ProcessFacts};
use crate::role::Role;

pub(super) fn decide(actor: &Actor, action: Action, target: &Target<'_>) -> Option<Decision> {
    use Action::*;
    Some(match (action, target) {
        (ViewProcess, Target::Process(p))
        | (ViewProcess, Target::Contribution { process: p, .. }) => need(
            p.status.is_public() || actor.runs(p.department_id),
            Denied::NotFound,
        ),
        (CreateProcess, Target::Municipality) => signed_in_and(actor, actor.is_staff()),
        (EditProcess, Target::Process(p)) => signed_in_and(actor, actor.runs(p.department_id)),
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
        ) => edit_proposal(actor, process, *author_id, *hidden),
        (
            Support | Comment,
            Target::Contribution {
                process, hidden, ..
            },
        ) => {
            // Never on a hidden contribution, else as the phase allows.
            let (form, verification_required) = if action == Support {
                (Form::Supports, process.rules.supports_require_verification)
            } else {
                (Form::Comments, process.rules.comments_require_verification)
            };
            need(!hidden, Denied::NotOpen)
                .and_then(|()| participate(actor, process, form, verification_required))
        }
        (AnswerProposal, Target::Contribution { process, .. }) => {
            signed_in_and(actor, actor.runs(process.department_id))
        }
        (RecordOffline, Target::Process(p))
        | (RecordOffline, Target::Contribution { process: p, .. }) => {
            // Offline entries are recorded whatever the phase allows online:
            // a paper form handed in on the last day still counts.
            signed_in_and(actor, actor.runs(p.department_id))
                .and_then(|()| need(p.status.is_open(), Denied::NotOpen))
        }
        (Report, Target::Contribution { process, .. }) => {
            need(process.status.is_public(), Denied::NotFound).and_then(|()| login(actor))
        }
        (Moderate, Target::Contribution { .. }) | (Moderate, Target::Municipality) => {
            signed_in_and(actor, actor.has(Role::Moderator) || actor.is_admin())
        }
        (Follow, Target::Process(p)) | (Follow, Target::Contribution { process: p, .. }) => {
            need(p.status.is_public(), Denied::NotFound).and_then(|()| login(actor))
        }
        _ => return None,
    })
}

/// Only the author edits a proposal, only while proposals are open, and
/// never once it was hidden.
fn edit_proposal(
    actor: &Actor,
    process: &ProcessFacts,
    author_id: Option<i64>,
    hidden: bool,
) -> Decision {
    login(actor)?;
    need(!hidden, Denied::NotOpen)?;
    let own = author_id.is_some() && author_id == actor.user_id;
    need(own, Denied::Forbidden)?;
    need(process.form_open(Form::Proposals), Denied::NotOpen)
}
