//! Staff answers: status, public answer and implementation progress.

use super::{notify_followers, Proposal, Proposals};
use crate::{params, Result, Tenant};
use std::str::FromStr;
use teilhabe_domain::permission::{decide, Action, Target};
use teilhabe_domain::proposal::{validate_status_change, ProposalStatus};
use teilhabe_domain::{Actor, FieldErrors};

impl Proposals<'_> {
    /// Staff set the status, the public answer and implementation progress.
    #[allow(clippy::too_many_arguments)] // the answer form's four fields
    pub async fn answer(
        &self,
        tenant: &Tenant,
        actor: &Actor,
        id: i64,
        status: &str,
        answer: &str,
        progress: Option<i64>,
        note: &str,
    ) -> Result<Proposal> {
        let p = self.row(tenant, id).await?;
        let process = self.store.processes().by_id(tenant, p.process_id).await?;
        decide(
            actor,
            Action::AnswerProposal,
            &Target::Contribution {
                process: &process.facts(),
                author_id: p.author_id,
                hidden: p.hidden,
            },
        )?;
        let next = ProposalStatus::from_str(status)?;
        validate_status_change(p.status, next, answer, progress)?;
        let mut e = FieldErrors::new();
        e.optional_text("note", note, 2000);
        if progress.is_some() && !next.tracks_progress() && progress != Some(p.progress) {
            e.add("progress", "error-progress-status");
        }
        e.into_result()?;
        let mut w = self.store.write(tenant).await?;
        let now = w.now;
        let answer_text = answer.trim();
        let new_answer = if answer_text.is_empty() {
            p.answer.clone()
        } else {
            Some(answer_text.to_string())
        };
        let answered_at = if answer_text.is_empty() {
            p.answered_at
        } else {
            Some(now)
        };
        let progress = progress.unwrap_or(p.progress);
        w.exec(
            "UPDATE proposals SET status = $1, answer = $2, answered_at = $3, progress = $4, updated_at = $5 WHERE id = $6",
            params![next.as_str(), new_answer, answered_at, progress, now, id],
        )
        .await?;
        if !note.trim().is_empty() || progress != p.progress {
            let today = crate::date_of(now).to_string();
            w.exec(
                "INSERT INTO progress_notes (municipality_id, proposal_id, percent, note, noted_on, author_id, created_at) VALUES ($1, $2, $3, $4, $5, $6, $7)",
                params![tenant.id, id, progress, note.trim(), today, actor.user_id, now],
            )
            .await?;
        }
        let kind = if next != p.status {
            "status_changed"
        } else if !answer_text.is_empty() {
            "answered"
        } else {
            "progress"
        };
        notify_followers(&mut w, actor.user_id, kind, id, p.process_id, &p.title).await?;
        w.audit(actor, "proposal.answered", format!("proposal:{id}"), serde_json::json!({"status": [p.status.as_str(), next.as_str()], "answer": answer_text, "progress": progress}));
        w.commit().await?;
        self.row(tenant, id).await
    }
}
