//! The moderators' queue: open reports with the reported text, oldest
//! first, in one query for every kind of content.

use super::Moderation;
use crate::{params, Result, Tenant};
use serde::{Deserialize, Serialize};
use teilhabe_domain::permission::{decide, Action, Target};
use teilhabe_domain::Actor;

/// Which reports a queue shows.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Queue {
    /// Reports on proposals and comments.
    Contributions,
    /// Reports on questions and objections in the data register.
    RegisterQuestions,
}

impl Queue {
    fn kinds(self) -> (&'static str, &'static str) {
        match self {
            Queue::Contributions => ("proposal", "comment"),
            Queue::RegisterQuestions => ("register_question", "register_question"),
        }
    }
}

/// An open report with the reported text (moderators see it even when
/// it is hidden).
#[derive(Debug, Clone, Serialize)]
pub struct Report {
    pub id: i64,
    /// `proposal`, `comment` or `register_question`.
    pub target_kind: String,
    pub target_id: i64,
    pub reason: String,
    pub created_at: i64,
    pub excerpt: String,
    pub hidden: bool,
    /// Where the reported text is shown.
    pub link: String,
    /// Fluent key of the badge naming what it is.
    pub badge: String,
    /// The proposal of a proposal or comment (0 otherwise).
    pub proposal_id: i64,
    /// The register entry of a question (empty otherwise).
    pub entry_slug: String,
    pub entry_title: String,
}

#[derive(Deserialize)]
struct ReportRow {
    id: i64,
    target_kind: String,
    target_id: i64,
    reason: String,
    created_at: i64,
    excerpt: Option<String>,
    proposal_id: Option<i64>,
    hidden_at: Option<i64>,
    question_kind: Option<String>,
    slug: Option<String>,
    title: Option<String>,
}

impl From<ReportRow> for Report {
    fn from(r: ReportRow) -> Report {
        let proposal_id = r.proposal_id.unwrap_or(0);
        let entry_slug = r.slug.unwrap_or_default();
        let (link, badge) = match r.target_kind.as_str() {
            "register_question" => (
                format!("/data-register/{entry_slug}#question-{}", r.target_id),
                format!("rq-kind-{}", r.question_kind.unwrap_or_default()),
            ),
            "comment" => (
                format!("/proposals/{proposal_id}#comment-{}", r.target_id),
                "kind-comment".to_string(),
            ),
            other => (format!("/proposals/{proposal_id}"), format!("kind-{other}")),
        };
        Report {
            id: r.id,
            target_kind: r.target_kind,
            target_id: r.target_id,
            reason: r.reason,
            created_at: r.created_at,
            excerpt: r.excerpt.unwrap_or_default(),
            hidden: r.hidden_at.is_some(),
            link,
            badge,
            proposal_id,
            entry_slug,
            entry_title: r.title.unwrap_or_default(),
        }
    }
}

impl Moderation<'_> {
    /// Open reports of one queue, oldest first (moderators only).
    pub async fn open_reports(
        &self,
        tenant: &Tenant,
        actor: &Actor,
        queue: Queue,
    ) -> Result<Vec<Report>> {
        decide(actor, Action::Moderate, &Target::Municipality)?;
        let (a, b) = queue.kinds();
        let rows: Vec<ReportRow> = self
            .store
            .db
            .all_as(
                "SELECT r.id, r.target_kind, r.target_id, r.reason, r.created_at, COALESCE(p.title, c.body, q.body) AS excerpt, COALESCE(p.id, c.proposal_id) AS proposal_id, COALESCE(p.hidden_at, c.hidden_at, q.hidden_at) AS hidden_at, q.kind AS question_kind, e.slug, e.title FROM reports r LEFT JOIN proposals p ON r.target_kind = 'proposal' AND p.id = r.target_id LEFT JOIN comments c ON r.target_kind = 'comment' AND c.id = r.target_id LEFT JOIN register_questions q ON r.target_kind = 'register_question' AND q.id = r.target_id LEFT JOIN register_entries e ON e.id = q.entry_id WHERE r.municipality_id = $1 AND r.resolved_at IS NULL AND r.target_kind IN ($2, $3) ORDER BY r.id",
                params![tenant.id, a, b],
            )
            .await?;
        Ok(rows.into_iter().map(Report::from).collect())
    }
}
