//! Moderation: hiding an abusive question or objection, reports by
//! anyone signed in, and the moderators' list of open reports.

use super::{link, notify_user, Questions, RegisterReport};
use crate::{params, Result, StoreError, Tenant};
use serde::Deserialize;
use teilhabe_domain::permission::{decide, Action, Target};
use teilhabe_domain::{Actor, Denied, FieldErrors};
use teilhabe_register::questions as rules;

#[derive(Deserialize)]
struct HideRow {
    author_id: Option<i64>,
    hidden_at: Option<i64>,
}

#[derive(Deserialize)]
struct ReportRow {
    id: i64,
    target_id: i64,
    reason: String,
    created_at: i64,
    kind: String,
    body: String,
    hidden_at: Option<i64>,
    slug: String,
    title: String,
}

impl Questions<'_> {
    /// A moderator hides an abusive question or objection with a public
    /// reason; a placeholder with the reason stays, the author is told.
    pub async fn hide(
        &self,
        tenant: &Tenant,
        actor: &Actor,
        slug: &str,
        id: i64,
        reason: &str,
    ) -> Result<()> {
        decide(actor, Action::Moderate, &Target::Municipality)?;
        let entry = self.store.register().entry(tenant, slug).await?;
        rules::validate_hide_reason(reason)?;
        let mut w = self.store.write(tenant).await?;
        let now = w.now;
        let row = w
            .opt_as::<HideRow>(
                "SELECT author_id, hidden_at FROM register_questions WHERE municipality_id = $1 AND entry_id = $2 AND id = $3",
                params![tenant.id, entry.id, id],
            )
            .await?
            .ok_or(StoreError::NotFound)?;
        if row.hidden_at.is_some() {
            return Err(StoreError::Conflict("error-already-hidden"));
        }
        let author = row.author_id;
        let n = w
            .exec(
                "UPDATE register_questions SET hidden_at = $1, hidden_reason = $2 WHERE id = $3 AND hidden_at IS NULL",
                params![now, reason.trim(), id],
            )
            .await?;
        if n != 1 {
            return Err(StoreError::Conflict("error-already-hidden"));
        }
        // Open reports on it are settled by hiding it.
        w.exec(
            "UPDATE reports SET resolved_at = $1, resolution = 'hidden' WHERE target_kind = 'register_question' AND target_id = $2 AND resolved_at IS NULL",
            params![now, id],
        )
        .await?;
        if let Some(a) = author {
            notify_user(
                &mut w,
                tenant,
                now,
                a,
                "hidden",
                &entry.title,
                &link(&entry, id),
            )
            .await?;
        }
        w.audit(
            actor,
            "register.question_hidden",
            format!("register_question:{id}"),
            serde_json::json!({ "entry": entry.id, "reason": reason.trim() }),
        );
        w.commit().await?;
        Ok(())
    }

    /// Anyone signed in reports a question or objection to the moderators
    /// (private, like reports on proposals and comments).
    pub async fn report(
        &self,
        tenant: &Tenant,
        actor: &Actor,
        slug: &str,
        id: i64,
        reason: &str,
    ) -> Result<()> {
        let entry = self.store.register().entry(tenant, slug).await?;
        decide(actor, Action::Report, &entry.target())?;
        let user = actor
            .user_id
            .ok_or(StoreError::Denied(Denied::LoginRequired))?;
        let q = self.get(tenant, entry.id, id).await?;
        if q.hidden {
            return Err(StoreError::Conflict("error-already-hidden"));
        }
        let mut e = FieldErrors::new();
        e.text("reason", reason, 5, 1000);
        e.into_result()?;
        self.store
            .db
            .exec(
                "INSERT INTO reports (municipality_id, reporter_id, target_kind, target_id, reason, created_at) VALUES ($1, $2, 'register_question', $3, $4, $5)",
                params![tenant.id, user, id, reason.trim(), self.store.now()],
            )
            .await?;
        Ok(())
    }

    /// Open reports on questions and objections, oldest first (moderators).
    pub async fn open_reports(
        &self,
        tenant: &Tenant,
        actor: &Actor,
    ) -> Result<Vec<RegisterReport>> {
        decide(actor, Action::Moderate, &Target::Municipality)?;
        Ok(self
            .store
            .db
            .all_as::<ReportRow>(
                "SELECT r.id, r.target_id, r.reason, r.created_at, q.kind, q.body, q.hidden_at, e.slug, e.title FROM reports r JOIN register_questions q ON q.id = r.target_id JOIN register_entries e ON e.id = q.entry_id WHERE r.municipality_id = $1 AND r.target_kind = 'register_question' AND r.resolved_at IS NULL ORDER BY r.id",
                params![tenant.id],
            )
            .await?
            .into_iter()
            .map(|r| RegisterReport {
                id: r.id,
                question_id: r.target_id,
                kind: r.kind,
                excerpt: r.body,
                reason: r.reason,
                created_at: r.created_at,
                hidden: r.hidden_at.is_some(),
                entry_slug: r.slug,
                entry_title: r.title,
            })
            .collect())
    }
}
