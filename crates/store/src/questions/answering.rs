//! Staff answer a question or objection publicly, or correct the answer.

use super::{link, notify_user, Questions, RegisterQuestion};
use crate::register::notify_entry_followers;
use crate::{params, Result, StoreError, Tenant};
use serde::Deserialize;
use teilhabe_domain::permission::{decide, Action};
use teilhabe_domain::questions as rules;
use teilhabe_domain::{Actor, FieldErrors};

/// What answering needs to know of the question.
#[derive(Deserialize)]
struct AnswerRow {
    kind: String,
    author_id: Option<i64>,
    answer: Option<String>,
    deadline_at: Option<i64>,
    hidden_at: Option<i64>,
}

impl Questions<'_> {
    /// Staff of the entry's department (or an admin) answer publicly; a
    /// second call corrects the published answer (shown as corrected,
    /// both texts in the audit trail). The asker and the entry's
    /// followers are notified.
    pub async fn answer(
        &self,
        tenant: &Tenant,
        actor: &Actor,
        slug: &str,
        id: i64,
        answer: &str,
    ) -> Result<RegisterQuestion> {
        let entry = self.store.register().entry(tenant, slug).await?;
        decide(actor, Action::AnswerRegisterQuestion, &entry.target())?;
        let row = self
            .store
            .db
            .opt_as::<AnswerRow>(
                "SELECT kind, author_id, answer, answered_at, deadline_at, hidden_at FROM register_questions WHERE municipality_id = $1 AND entry_id = $2 AND id = $3",
                params![tenant.id, entry.id, id],
            )
            .await?
            .ok_or(StoreError::NotFound)?;
        if row.hidden_at.is_some() {
            return Err(StoreError::Conflict("error-register-question-hidden"));
        }
        rules::validate_answer(answer)?;
        let answer = answer.trim().replace("\r\n", "\n");
        let previous = row.answer;
        if previous.as_deref() == Some(answer.as_str()) {
            let mut e = FieldErrors::new();
            e.add("answer", "error-register-answer-unchanged");
            return Err(e.into());
        }
        let author = row.author_id;
        let deadline = row.deadline_at;
        let mut w = self.store.write(tenant).await?;
        let now = w.now;
        // Each update names the state it expects, so two staff members
        // answering at once cannot both write a "first" answer.
        let (updated, action, kind, details) = match &previous {
            None => (
                w.exec(
                    "UPDATE register_questions SET answer = $1, answered_at = $2, answered_by = $3 WHERE id = $4 AND answered_at IS NULL AND hidden_at IS NULL",
                    params![answer.as_str(), now, actor.user_id, id],
                )
                .await?,
                "register.question_answered",
                "register_answer",
                serde_json::json!({
                    "entry": entry.id,
                    "kind": row.kind,
                    "answer": answer,
                    "within_deadline": deadline.map(|d| now <= d),
                }),
            ),
            Some(old) => (
                w.exec(
                    "UPDATE register_questions SET answer = $1, answer_corrected_at = $2 WHERE id = $3 AND answer = $4 AND hidden_at IS NULL",
                    params![answer.as_str(), now, id, old.as_str()],
                )
                .await?,
                "register.answer_corrected",
                "register_answer_corrected",
                serde_json::json!({
                    "entry": entry.id,
                    "kind": row.kind,
                    "previous": old,
                    "answer": answer,
                }),
            ),
        };
        if updated != 1 {
            return Err(StoreError::Conflict("error-register-question-stale"));
        }
        w.audit(actor, action, format!("register_question:{id}"), details);
        let link = link(&entry, id);
        notify_entry_followers(&mut w, actor.user_id, kind, entry.id, &entry.title, &link).await?;
        // The asker hears of it directly, unless they follow the entry and
        // were just notified as a follower.
        if let Some(a) = author.filter(|a| Some(*a) != actor.user_id) {
            let follows = w
                .opt(
                    "SELECT 1 AS x FROM follows WHERE user_id = $1 AND target_kind = 'register_entry' AND target_id = $2",
                    params![a, entry.id],
                )
                .await?
                .is_some();
            if !follows {
                notify_user(
                    &mut w,
                    tenant,
                    now,
                    a,
                    &format!("{kind}_own"),
                    &entry.title,
                    &link,
                )
                .await?;
            }
        }
        w.commit().await?;
        self.get(tenant, entry.id, id).await
    }
}
