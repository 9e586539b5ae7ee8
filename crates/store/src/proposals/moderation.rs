//! Moderation: reports by anyone logged in, hiding with a public reason,
//! dismissing reports.

use super::{notify_user, Proposals, Report};
use crate::search::{self, Kind};
use crate::{params, Result, StoreError, Tenant};
use serde::Deserialize;
use teilhabe_domain::permission::{decide, Action, Target};
use teilhabe_domain::{Actor, Denied, FieldErrors};

#[derive(Deserialize)]
struct ProposalIdRow {
    proposal_id: i64,
}

#[derive(Deserialize)]
struct AuthorRow {
    author_id: Option<i64>,
}

/// An open report with the reported text (NULL shown as "").
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
}

impl Proposals<'_> {
    /// Anyone logged in reports a proposal or comment to the moderators.
    pub async fn report(
        &self,
        tenant: &Tenant,
        actor: &Actor,
        kind: &str,
        id: i64,
        reason: &str,
    ) -> Result<()> {
        let proposal_id = self.contribution_proposal(tenant, kind, id).await?;
        let p = self.row(tenant, proposal_id).await?;
        let process = self.store.processes().by_id(tenant, p.process_id).await?;
        decide(
            actor,
            Action::Report,
            &Target::Contribution {
                process: &process.facts(),
                author_id: p.author_id,
                hidden: p.hidden,
            },
        )?;
        let mut e = FieldErrors::new();
        e.text("reason", reason, 5, 1000);
        e.into_result()?;
        let user = actor
            .user_id
            .ok_or(StoreError::Denied(Denied::LoginRequired))?;
        self.store.db
            .exec(
                "INSERT INTO reports (municipality_id, reporter_id, target_kind, target_id, reason, created_at) VALUES ($1, $2, $3, $4, $5, $6)",
                params![tenant.id, user, kind, id, reason.trim(), self.store.now()],
            )
            .await?;
        Ok(())
    }

    async fn contribution_proposal(&self, tenant: &Tenant, kind: &str, id: i64) -> Result<i64> {
        match kind {
            "proposal" => Ok(id),
            "comment" => Ok(self
                .store
                .db
                .opt_as::<ProposalIdRow>(
                    "SELECT proposal_id FROM comments WHERE id = $1 AND municipality_id = $2",
                    params![id, tenant.id],
                )
                .await?
                .ok_or(StoreError::NotFound)?
                .proposal_id),
            _ => Err(StoreError::NotFound),
        }
    }

    /// Open reports on proposals and comments with the reported text,
    /// oldest first (reports on register questions: `open_register_reports`).
    pub async fn open_reports(&self, tenant: &Tenant, actor: &Actor) -> Result<Vec<Report>> {
        decide(actor, Action::Moderate, &Target::Municipality)?;
        let rows: Vec<ReportRow> = self
            .store
            .db
            .all_as(
                "SELECT r.id, r.target_kind, r.target_id, r.reason, r.created_at, COALESCE(p.title, c.body) AS excerpt, COALESCE(p.id, c.proposal_id) AS proposal_id, COALESCE(p.hidden_at, c.hidden_at) AS hidden_at FROM reports r LEFT JOIN proposals p ON r.target_kind = 'proposal' AND p.id = r.target_id LEFT JOIN comments c ON r.target_kind = 'comment' AND c.id = r.target_id WHERE r.municipality_id = $1 AND r.resolved_at IS NULL AND r.target_kind IN ('proposal', 'comment') ORDER BY r.id",
                params![tenant.id],
            )
            .await?;
        Ok(rows
            .into_iter()
            .map(|r| Report {
                id: r.id,
                target_kind: r.target_kind,
                target_id: r.target_id,
                reason: r.reason,
                created_at: r.created_at,
                excerpt: r.excerpt.unwrap_or_default(),
                proposal_id: r.proposal_id.unwrap_or(0),
                hidden: r.hidden_at.is_some(),
            })
            .collect())
    }

    /// A moderator hides a proposal or comment with a public reason. The
    /// placeholder stays, the author is notified, open reports on it close.
    pub async fn hide(
        &self,
        tenant: &Tenant,
        actor: &Actor,
        kind: &str,
        id: i64,
        reason: &str,
    ) -> Result<i64> {
        decide(actor, Action::Moderate, &Target::Municipality)?;
        let mut e = FieldErrors::new();
        e.text("reason", reason, 5, 500);
        e.into_result()?;
        let proposal_id = self.contribution_proposal(tenant, kind, id).await?;
        let p = self.row(tenant, proposal_id).await?;
        let mut w = self.store.write(tenant).await?;
        let now = w.now;
        let (table, skind) = if kind == "proposal" {
            ("proposals", Kind::Proposal)
        } else {
            ("comments", Kind::Comment)
        };
        let author = w
            .opt_as::<AuthorRow>(&format!("SELECT author_id FROM {table} WHERE id = $1 AND municipality_id = $2 AND hidden_at IS NULL"), params![id, tenant.id])
            .await?
            .ok_or(StoreError::Conflict("error-already-hidden"))?
            .author_id;
        w.exec(
            &format!("UPDATE {table} SET hidden_at = $1, hidden_reason = $2 WHERE id = $3"),
            params![now, reason.trim(), id],
        )
        .await?;
        w.exec(
            "UPDATE reports SET resolved_at = $1, resolution = 'hidden' WHERE target_kind = $2 AND target_id = $3 AND resolved_at IS NULL",
            params![now, kind, id],
        )
        .await?;
        search::remove(&mut w, skind, id).await?;
        if let Some(a) = author {
            let link = if kind == "proposal" {
                format!("/proposals/{id}")
            } else {
                format!("/proposals/{proposal_id}#comment-{id}")
            };
            notify_user(&mut w, tenant, now, a, "hidden", &p.title, &link).await?;
        }
        w.audit(
            actor,
            &format!("{kind}.hidden"),
            format!("{kind}:{id}"),
            serde_json::json!({"reason": reason.trim()}),
        );
        w.commit().await?;
        Ok(proposal_id)
    }

    /// A moderator closes a report without hiding anything.
    pub async fn dismiss_report(
        &self,
        tenant: &Tenant,
        actor: &Actor,
        report_id: i64,
    ) -> Result<()> {
        decide(actor, Action::Moderate, &Target::Municipality)?;
        let n = self
            .store
            .db
            .exec("UPDATE reports SET resolved_at = $1, resolution = 'dismissed' WHERE id = $2 AND municipality_id = $3 AND resolved_at IS NULL", params![self.store.now(), report_id, tenant.id])
            .await?;
        if n == 0 {
            return Err(StoreError::NotFound);
        }
        Ok(())
    }
}
