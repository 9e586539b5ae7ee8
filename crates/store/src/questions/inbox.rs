//! The staff inbox of open questions and objections.

use super::{QuestionRow, Questions, RegisterInboxItem, COLS};
use crate::{params, Result, Tenant};
use serde::Deserialize;
use teilhabe_domain::permission::{decide, Action, Target};
use teilhabe_domain::questions as rules;
use teilhabe_domain::Actor;

/// A question with its entry.
#[derive(Deserialize)]
struct InboxRow {
    #[serde(flatten)]
    question: QuestionRow,
    entry_slug: String,
    entry_title: String,
    department_id: Option<i64>,
    department_name: Option<String>,
}

impl Questions<'_> {
    /// Open (unanswered, not hidden) questions and objections on entries
    /// of the actor's departments (all for admins): overdue first, then
    /// objections by deadline, then questions oldest first.
    pub async fn inbox(&self, tenant: &Tenant, actor: &Actor) -> Result<Vec<RegisterInboxItem>> {
        decide(actor, Action::ViewInbox, &Target::Municipality)?;
        let rows = self
            .store
            .db
            .all_as::<InboxRow>(
                &format!("SELECT {COLS}, e.slug AS entry_slug, e.title AS entry_title, e.department_id, d.name AS department_name FROM register_questions q LEFT JOIN users u ON u.id = q.author_id JOIN register_entries e ON e.id = q.entry_id LEFT JOIN departments d ON d.id = e.department_id WHERE q.municipality_id = $1 AND q.answered_at IS NULL AND q.hidden_at IS NULL ORDER BY q.id"),
                params![tenant.id],
            )
            .await?;
        let now = self.store.now();
        let items: Vec<RegisterInboxItem> = rows
            .into_iter()
            .filter(|r| actor.runs(r.department_id))
            .map(|r| RegisterInboxItem {
                question: r.question.shown(now),
                entry_slug: r.entry_slug,
                entry_title: r.entry_title,
                department_name: r.department_name,
            })
            .collect();
        let keys: Vec<_> = items
            .iter()
            .map(|i| {
                (
                    i.question.deadline_at,
                    i.question.created_at,
                    i.question.overdue,
                )
            })
            .collect();
        let order = rules::inbox_order(&keys);
        let mut slots: Vec<Option<RegisterInboxItem>> = items.into_iter().map(Some).collect();
        Ok(order.into_iter().filter_map(|i| slots[i].take()).collect())
    }
}
