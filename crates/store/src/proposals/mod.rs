//! Proposals and everything around them: the list and detail, submitting
//! and editing, supports (group-committed), comments and their threads,
//! staff answers and progress, reports and hiding, the staff inbox, and
//! what a process's evaluation counts of them (`contributions.rs`).
//! `store.proposals()` holds the use cases.

mod answers;
mod comments;
mod contributions;
pub(crate) mod group_commit;
mod inbox;
mod lifecycle;
mod supports;

pub use comments::thread;

pub(crate) use crate::follows::notify_user;
use crate::processes::Process;
use crate::{Result, Write};
use serde::{Deserialize, Serialize};
use std::str::FromStr;
use teilhabe_domain::proposal::{self, Channel, ProposalStatus};
use teilhabe_domain::{Actor, FieldErrors};

crate::service!(
    Proposals,
    proposals,
    "Proposals: submitting, supports, comments, answers, moderation, the inbox."
);

#[derive(Debug, Clone, Serialize)]
pub struct Proposal {
    pub id: i64,
    pub process_id: i64,
    pub author_id: Option<i64>,
    pub author_name: String,
    pub channel: Channel,
    pub title: String,
    pub body: String,
    pub category: String,
    pub latitude: Option<f64>,
    pub longitude: Option<f64>,
    pub status: ProposalStatus,
    pub answer: Option<String>,
    pub answered_at: Option<i64>,
    pub progress: i64,
    pub support_count: i64,
    pub comment_count: i64,
    pub hidden: bool,
    pub hidden_reason: Option<String>,
    pub created_at: i64,
    pub updated_at: i64,
    /// Still unanswered after the municipality's deadline.
    pub overdue: bool,
    pub days_waiting: i64,
}

#[derive(Debug, Clone, Serialize)]
pub struct Comment {
    pub id: i64,
    pub parent_id: Option<i64>,
    pub author_id: Option<i64>,
    pub author_name: String,
    pub channel: Channel,
    pub body: String,
    pub hidden: bool,
    pub hidden_reason: Option<String>,
    pub created_at: i64,
    pub depth: usize,
}

#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct ProgressNote {
    pub percent: i64,
    pub note: String,
    pub noted_on: String,
}

#[derive(Debug, Clone, Serialize)]
pub struct ProposalDetail {
    pub proposal: Proposal,
    pub process: Process,
    /// Depth-first order: each reply follows its parent.
    pub comments: Vec<Comment>,
    pub progress_notes: Vec<ProgressNote>,
    pub supported: bool,
    pub following: bool,
    /// What the reader may do here, decided by the service: the page shows
    /// buttons and forms by these facts and decides nothing itself.
    pub can: ProposalRights,
}

/// The reader's rights on a proposal's page (see [`ProposalDetail::can`]).
#[derive(Debug, Clone, Default, Serialize)]
pub struct ProposalRights {
    pub support: bool,
    /// Why supporting is refused (an i18n key), if it is.
    pub support_denied: Option<&'static str>,
    pub comment: bool,
    /// Why commenting is refused (an i18n key), if it is.
    pub comment_denied: Option<&'static str>,
    /// Editing: allowed and the proposal still awaits its answer.
    pub edit: bool,
    pub answer: bool,
    pub record: bool,
    pub report: bool,
    pub moderate: bool,
}

impl ProposalRights {
    /// Decides every action of the proposal page for `actor`.
    pub fn decide(
        actor: &teilhabe_domain::Actor,
        proposal: &Proposal,
        process: &crate::processes::Process,
    ) -> Self {
        use teilhabe_domain::permission::{decide, Action, Target};
        let facts = process.facts();
        let target = Target::Contribution {
            process: &facts,
            author_id: proposal.author_id,
            hidden: proposal.hidden,
        };
        let may = |a: Action| decide(actor, a, &target);
        let (support, comment) = (may(Action::Support), may(Action::Comment));
        ProposalRights {
            support: support.is_ok(),
            support_denied: support.err().map(|e| e.message_key()),
            comment: comment.is_ok(),
            comment_denied: comment.err().map(|e| e.message_key()),
            edit: may(Action::EditProposal).is_ok() && proposal.status.awaits_answer(),
            answer: may(Action::AnswerProposal).is_ok(),
            record: may(Action::RecordOffline).is_ok(),
            report: may(Action::Report).is_ok(),
            moderate: may(Action::Moderate).is_ok(),
        }
    }
}

/// Sort orders of the proposal list.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, serde::Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Sort {
    #[default]
    Newest,
    Oldest,
    MostSupported,
    MostCommented,
}

impl Sort {
    fn sql(self) -> &'static str {
        match self {
            Sort::Newest => "p.created_at DESC, p.id DESC",
            Sort::Oldest => "p.created_at ASC, p.id ASC",
            Sort::MostSupported => "p.support_count DESC, p.id DESC",
            Sort::MostCommented => "p.comment_count DESC, p.id DESC",
        }
    }
}

#[derive(Debug, Clone, Default)]
pub struct ListFilter {
    pub status: Option<ProposalStatus>,
    pub category: Option<String>,
    pub channel: Option<Channel>,
    pub sort: Sort,
    pub page: i64,
    pub per_page: i64,
}

/// Who an offline contribution came from, as recorded by staff.
#[derive(Debug, Clone)]
pub struct Offline {
    pub channel: Channel,
    pub name: String,
}

#[derive(Debug, Clone, Serialize)]
pub struct ChannelStat {
    pub channel: Channel,
    pub proposals: i64,
    pub comments: i64,
    pub supports: i64,
}

#[derive(Debug, Clone, Serialize)]
pub struct InboxItem {
    pub proposal: Proposal,
    pub process_title: String,
}

pub(crate) const PROPOSAL_COLS: &str = "p.id, p.process_id, p.author_id, COALESCE(u.display_name, p.offline_name) AS author_name, p.channel, p.title, p.body, p.category, p.latitude, p.longitude, p.status, p.answer, p.answered_at, p.progress, p.support_count, p.comment_count, p.hidden_at, p.hidden_reason, p.created_at, p.updated_at";

/// A `proposals` row as selected by [`PROPOSAL_COLS`]. The author's name
/// is NULL for an anonymous offline proposal and shown as "".
#[derive(Deserialize)]
pub(crate) struct ProposalRow {
    id: i64,
    process_id: i64,
    author_id: Option<i64>,
    author_name: Option<String>,
    channel: String,
    title: String,
    body: String,
    category: String,
    latitude: Option<f64>,
    longitude: Option<f64>,
    status: String,
    answer: Option<String>,
    answered_at: Option<i64>,
    progress: i64,
    support_count: i64,
    comment_count: i64,
    hidden_at: Option<i64>,
    hidden_reason: Option<String>,
    created_at: i64,
    updated_at: i64,
}

impl ProposalRow {
    /// The proposal as of `now`, overdue after the municipality's deadline.
    fn into_proposal(self, now: i64, deadline_days: i64) -> Proposal {
        let status = ProposalStatus::from_str(&self.status).unwrap_or(ProposalStatus::Submitted);
        let created_at = self.created_at;
        Proposal {
            id: self.id,
            process_id: self.process_id,
            author_id: self.author_id,
            author_name: self.author_name.unwrap_or_default(),
            channel: Channel::stored(&self.channel),
            title: self.title,
            body: self.body,
            category: self.category,
            latitude: self.latitude,
            longitude: self.longitude,
            status,
            answer: self.answer,
            answered_at: self.answered_at,
            progress: self.progress,
            support_count: self.support_count,
            comment_count: self.comment_count,
            hidden: self.hidden_at.is_some(),
            hidden_reason: self.hidden_reason,
            created_at,
            updated_at: self.updated_at,
            overdue: proposal::is_overdue(status, created_at, now, deadline_days),
            days_waiting: proposal::days_waiting(created_at, now),
        }
    }
}

#[derive(Deserialize)]
struct CountRow {
    n: i64,
}

/// Notifies everyone following the proposal or its process, except the
/// actor, in one statement whatever the number of followers.
#[allow(clippy::too_many_arguments)] // the event's fields, each needed once
pub(crate) async fn notify_followers(
    w: &mut Write<'_>,
    actor: Option<i64>,
    kind: &str,
    proposal_id: i64,
    process_id: i64,
    title: &str,
) -> Result<()> {
    use crate::follows::{notify, Followed};
    notify(
        w,
        actor,
        &[
            Followed::Proposal(proposal_id),
            Followed::Process(process_id),
        ],
        kind,
        title,
        &format!("/proposals/{proposal_id}"),
    )
    .await
}

/// Who a contribution is from: the person acting online, or a person
/// without an account recorded by staff from an offline channel.
/// Returns (person, channel, offline name, recorded by).
fn contributor(
    actor: &Actor,
    offline: &Option<Offline>,
) -> (Option<i64>, Channel, Option<String>, Option<i64>) {
    match offline {
        Some(o) => (
            None,
            o.channel,
            Some(o.name.trim().to_string()).filter(|s| !s.is_empty()),
            actor.user_id,
        ),
        None => (actor.user_id, Channel::Online, None, None),
    }
}

fn check_offline(offline: &Option<Offline>) -> Result<()> {
    if let Some(o) = offline {
        let mut e = FieldErrors::new();
        if o.channel == Channel::Online {
            e.add("channel", "error-invalid-choice");
        }
        e.optional_text("offline_name", &o.name, 80);
        e.into_result()?;
    }
    Ok(())
}
