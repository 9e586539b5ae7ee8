//! Accounts and administration: the staff inbox, one's profile and
//! verification code, user and code management, the outbox, admin pages.

use super::{login, signed_in_and, Action, Actor, Decision, Target};
use crate::role::Role;

pub(super) fn decide(actor: &Actor, action: Action, target: &Target<'_>) -> Option<Decision> {
    use Action::*;
    Some(match (action, target) {
        (ViewInbox, Target::Municipality) => signed_in_and(actor, actor.is_staff()),
        (ViewProfile, Target::Municipality) | (RedeemVerificationCode, Target::Municipality) => {
            login(actor)
        }
        (ManageVerificationCodes, Target::Municipality)
        | (ManageUsers, Target::Municipality)
        | (ManageMunicipality, Target::Municipality)
        | (ViewOutbox, Target::Municipality) => signed_in_and(actor, actor.is_admin()),
        (ViewAdmin, Target::Municipality) => {
            signed_in_and(actor, actor.is_staff() || actor.has(Role::Moderator))
        }
        _ => return None,
    })
}
