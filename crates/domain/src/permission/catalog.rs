//! The open data catalog: any staff member opens the form for a dataset;
//! the dataset's department (or an admin) edits it and its distributions.
//! Residents ask for data to be published; staff answer those requests.
//! Residents ask questions on a dataset; its department answers them.

use super::{login, signed_in_and, Action, Actor, Decision, Target};

pub(super) fn decide(actor: &Actor, action: Action, target: &Target<'_>) -> Option<Decision> {
    use Action::*;
    Some(match (action, target) {
        (CreateDataset, Target::Municipality) => signed_in_and(actor, actor.is_staff()),
        (ManageDataset, Target::Dataset { department_id })
        | (AnswerDatasetQuestion, Target::Dataset { department_id }) => {
            signed_in_and(actor, actor.runs(*department_id))
        }
        (RequestData, Target::Municipality) => login(actor),
        // Datasets are public: anyone signed in asks or objects.
        (AskDatasetQuestion, Target::Dataset { .. }) => login(actor),
        (AnswerDataRequest, Target::Municipality) => signed_in_and(actor, actor.is_staff()),
        (ManageHarvesting, Target::Municipality) => signed_in_and(actor, actor.is_admin()),
        _ => return None,
    })
}
