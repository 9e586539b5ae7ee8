//! Questions and objections of citizens on register entries, their public
//! answers, the staff inbox of open ones,
//! and the municipality's answer deadline for objections (issue #3).
//! Reporting and hiding them is in `store.moderation()`, following an
//! entry in `store.follows()`.
//!
//! Rules (what is valid, when an answer is due, inbox order) are in
//! `teilhabe_domain::questions`; every change here is one transaction
//! with its audit entry and notifications.
//!
//! Files: `asking.rs` (list, ask online, record what came on
//! paper), `answering.rs` (answer and correct),
//! `inbox.rs` (open ones for
//! staff) and `settings.rs` (the objection deadline).

mod answering;
mod asking;
pub(crate) mod demo;
mod inbox;
mod settings;

pub(crate) use crate::follows::notify_user;
use crate::register::RegisterSummary;
use serde::{Deserialize, Serialize};
use teilhabe_domain::questions::{self as rules, aspect_label_key};

pub use crate::proposals::Offline;

/// What the reader may do in the questions part of a register entry
/// (decided here; the pages read it).
#[derive(Debug, Clone, Copy, Default, Serialize)]
pub struct QuestionRights {
    pub ask: bool,
    pub answer: bool,
    pub moderate: bool,
    pub report: bool,
    /// Record a question or objection that came on paper, by phone, ...
    pub record: bool,
}

impl QuestionRights {
    pub fn decide(actor: &teilhabe_domain::Actor, entry: &RegisterSummary) -> Self {
        use teilhabe_domain::permission::{decide, Action, Target};
        let target = entry.target();
        let may = |a: Action| decide(actor, a, &target).is_ok();
        QuestionRights {
            ask: may(Action::AskRegisterQuestion),
            answer: may(Action::AnswerRegisterQuestion),
            moderate: decide(actor, Action::Moderate, &Target::Municipality).is_ok(),
            report: may(Action::Report),
            record: may(Action::RecordOffline),
        }
    }
}

/// The questions module in the store's manifest (`crate::module::MODULES`).
pub const MODULE: crate::module::StoreModule = {
    use crate::module::{Migration, StoreModule};
    StoreModule {
        name: "questions",
        migrations: &[Migration {
            version: 8,
            description: "register questions",
            sqlite: include_str!("migrations/sqlite/0008_register_questions.sql"),
            postgres: include_str!("migrations/postgres/0008_register_questions.sql"),
        }],
        demo: Some(|s, d| Box::pin(demo::load(s, d))),
        jobs: &[],
        contributions: None,
    }
};

crate::service!(
    Questions,
    questions,
    "Questions and objections on register entries: asking, answers, the inbox."
);

/// A question or objection as the entry page, the inbox and the API show it.
/// Hidden ones keep only the moderator's reason: text, aspect, author and
/// answer are left out.
#[derive(Debug, Clone, Serialize)]
pub struct RegisterQuestion {
    pub id: i64,
    pub entry_id: i64,
    /// `question` or `objection`.
    pub kind: String,
    /// Objections: the part of the entry objected to (group id or `other`).
    pub aspect: String,
    /// Fluent key of the aspect's label; empty for questions.
    pub aspect_label_key: String,
    pub body: String,
    pub author_id: Option<i64>,
    pub author_name: String,
    /// `online`, or how it reached the administration (`paper`, `phone`,
    /// `office`, `meeting`) when staff recorded it.
    pub channel: String,
    /// The entry's version when it was asked.
    pub entry_version: i64,
    pub created_at: i64,
    /// Objections: when the answer is due.
    pub deadline_at: Option<i64>,
    /// Unanswered past the deadline.
    pub overdue: bool,
    pub answer: Option<String>,
    pub answered_at: Option<i64>,
    /// Set when the published answer was corrected later.
    pub answer_corrected_at: Option<i64>,
    /// An objection answered after its deadline.
    pub answered_late: bool,
    pub hidden: bool,
    pub hidden_reason: Option<String>,
}

/// An open question or objection in the staff inbox.
#[derive(Debug, Clone, Serialize)]
pub struct RegisterInboxItem {
    pub question: RegisterQuestion,
    pub entry_slug: String,
    pub entry_title: String,
    pub department_name: Option<String>,
}

/// What the entry page needs besides the list: counts for the heading.
#[derive(Debug, Clone, Default, Serialize)]
pub struct QuestionCounts {
    pub questions: usize,
    pub objections: usize,
    pub open: usize,
    pub overdue: usize,
}

impl QuestionCounts {
    pub fn of(items: &[RegisterQuestion]) -> Self {
        let visible = items.iter().filter(|q| !q.hidden);
        let mut c = QuestionCounts::default();
        for q in visible {
            if q.kind == "objection" {
                c.objections += 1;
            } else {
                c.questions += 1;
            }
            if q.answered_at.is_none() {
                c.open += 1;
            }
            if q.overdue {
                c.overdue += 1;
            }
        }
        c
    }
}

const COLS: &str = "q.id, q.entry_id, q.kind, q.aspect, q.body, q.author_id, COALESCE(u.display_name, q.offline_name) AS author_name, q.channel, q.entry_version, q.created_at, q.deadline_at, q.answer, q.answered_at, q.answer_corrected_at, q.hidden_at, q.hidden_reason";

/// The part of a question's row that hiding and the deadline act on,
/// shared by questions on register entries and on datasets.
#[derive(Deserialize)]
pub(crate) struct ContentRow {
    body: String,
    author_id: Option<i64>,
    author_name: Option<String>,
    deadline_at: Option<i64>,
    answer: Option<String>,
    answered_at: Option<i64>,
    answer_corrected_at: Option<i64>,
    hidden_at: Option<i64>,
    hidden_reason: Option<String>,
}

/// [`ContentRow`] as shown at a moment: a hidden question keeps only its
/// reason; overdue and late follow the deadline rules.
pub(crate) struct Shown {
    pub body: String,
    pub author_id: Option<i64>,
    pub author_name: String,
    pub deadline_at: Option<i64>,
    pub overdue: bool,
    pub answer: Option<String>,
    pub answered_at: Option<i64>,
    pub answer_corrected_at: Option<i64>,
    pub answered_late: bool,
    pub hidden: bool,
    pub hidden_reason: Option<String>,
}

impl ContentRow {
    pub(crate) fn shown(self, now: i64) -> Shown {
        let hidden = self.hidden_at.is_some();
        let (answered_at, deadline_at) = (self.answered_at, self.deadline_at);
        let visible = |v| if hidden { None } else { v };
        Shown {
            body: if hidden { String::new() } else { self.body },
            author_id: visible(self.author_id),
            author_name: if hidden {
                String::new()
            } else {
                self.author_name.unwrap_or_default()
            },
            deadline_at,
            overdue: rules::is_overdue(deadline_at, answered_at.is_some(), hidden, now),
            answer: if hidden { None } else { self.answer },
            answered_at: visible(answered_at),
            answer_corrected_at: visible(self.answer_corrected_at),
            answered_late: !hidden
                && matches!((answered_at, deadline_at), (Some(a), Some(d)) if a > d),
            hidden,
            hidden_reason: self.hidden_reason,
        }
    }
}

/// A question's row as read with [`COLS`].
#[derive(Deserialize)]
struct QuestionRow {
    id: i64,
    entry_id: i64,
    kind: String,
    aspect: String,
    channel: String,
    entry_version: i64,
    created_at: i64,
    #[serde(flatten)]
    content: ContentRow,
}

impl QuestionRow {
    /// The question as shown at `now`; a hidden one without its content.
    fn shown(self, now: i64) -> RegisterQuestion {
        let c = self.content.shown(now);
        let kind = self.kind;
        let aspect = if c.hidden { String::new() } else { self.aspect };
        RegisterQuestion {
            id: self.id,
            entry_id: self.entry_id,
            aspect_label_key: if kind == "objection" && !c.hidden {
                aspect_label_key(&aspect).to_string()
            } else {
                String::new()
            },
            kind,
            aspect,
            body: c.body,
            author_id: c.author_id,
            author_name: c.author_name,
            channel: self.channel,
            entry_version: self.entry_version,
            created_at: self.created_at,
            deadline_at: c.deadline_at,
            overdue: c.overdue,
            answer: c.answer,
            answered_at: c.answered_at,
            answer_corrected_at: c.answer_corrected_at,
            answered_late: c.answered_late,
            hidden: c.hidden,
            hidden_reason: c.hidden_reason,
        }
    }
}

fn link(entry: &RegisterSummary, question_id: i64) -> String {
    format!("/data-register/{}#question-{question_id}", entry.slug)
}
