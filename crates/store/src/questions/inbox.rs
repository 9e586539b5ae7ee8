//! The staff inbox of open questions and objections, and a person's own
//! questions and objections (on their profile).

use super::{QuestionRow, Questions, RegisterInboxItem, COLS};
use crate::{Result, Tenant, P};
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

/// Which questions [`Questions::with_entries`] reads.
enum Which {
    /// Unanswered and not hidden (the staff inbox).
    Open,
    /// Asked by this account (its profile).
    AskedBy(i64),
}

impl Questions<'_> {
    /// Open (unanswered, not hidden) questions and objections on entries
    /// of the actor's departments (all for admins): overdue first, then
    /// objections by deadline, then questions oldest first.
    pub async fn inbox(&self, tenant: &Tenant, actor: &Actor) -> Result<Vec<RegisterInboxItem>> {
        decide(actor, Action::ViewInbox, &Target::Municipality)?;
        let items: Vec<RegisterInboxItem> = self
            .with_entries(tenant, Which::Open)
            .await?
            .into_iter()
            .filter(|(department, _)| actor.runs(*department))
            .map(|(_, item)| item)
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

    /// The questions and objections the signed-in `actor` asked, newest
    /// first, with their entries (answered, open and hidden alike: it is
    /// their own record).
    pub async fn asked_by(&self, tenant: &Tenant, actor: &Actor) -> Result<Vec<RegisterInboxItem>> {
        let Some(user_id) = actor.user_id else {
            return Ok(Vec::new());
        };
        let mut items: Vec<RegisterInboxItem> = self
            .with_entries(tenant, Which::AskedBy(user_id))
            .await?
            .into_iter()
            .map(|(_, item)| item)
            .collect();
        items.reverse();
        Ok(items)
    }

    /// The questions `which` names, with their entries and the entry's
    /// department, oldest first.
    async fn with_entries(
        &self,
        tenant: &Tenant,
        which: Which,
    ) -> Result<Vec<(Option<i64>, RegisterInboxItem)>> {
        let (filter, args): (&str, Vec<P>) = match which {
            Which::Open => (
                "q.answered_at IS NULL AND q.hidden_at IS NULL",
                vec![tenant.id.into()],
            ),
            Which::AskedBy(user_id) => ("q.author_id = $2", vec![tenant.id.into(), user_id.into()]),
        };
        let sql = format!("SELECT {COLS}, e.slug AS entry_slug, e.title AS entry_title, e.department_id, d.name AS department_name FROM register_questions q LEFT JOIN users u ON u.id = q.author_id JOIN register_entries e ON e.id = q.entry_id LEFT JOIN departments d ON d.id = e.department_id WHERE q.municipality_id = $1 AND {filter} ORDER BY q.id");
        let rows = self.store.db.all_as::<InboxRow>(&sql, &args).await?;
        let now = self.store.now();
        Ok(rows
            .into_iter()
            .map(|r| {
                (
                    r.department_id,
                    RegisterInboxItem {
                        question: r.question.shown(now),
                        entry_slug: r.entry_slug,
                        entry_title: r.entry_title,
                        department_name: r.department_name,
                    },
                )
            })
            .collect())
    }
}
