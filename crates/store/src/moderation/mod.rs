//! Moderation of what people write, whatever it is written on: reports by
//! anyone signed in, hiding with a public reason, dismissing reports, and
//! the moderators' queue of open reports. `store.moderation()` holds the
//! use cases; [`Content`] says what is reported or hidden, and knows its
//! table, its permission target, its notification and its audit entry.
//!
//! Two behaviours differ by kind and are kept as they were:
//! - a hidden register question cannot be reported again
//!   (`error-already-hidden`); a hidden proposal or comment can;
//! - hiding a proposal or comment also takes it out of the search index
//!   (register questions are not indexed).
//!
//! Reports are private: neither reporting nor dismissing is in the public
//! audit trail; hiding is.

mod queue;

pub use queue::{Queue, Report};

use crate::follows::notify_user;
use crate::search::{self, Kind};
use crate::{params, Result, StoreError, Tenant};
use serde::Deserialize;
use teilhabe_domain::permission::{decide, Action, Target};
use teilhabe_domain::questions as rules;
use teilhabe_domain::{Actor, Denied, FieldErrors};

crate::service!(
    Moderation,
    moderation,
    "Moderation: reports, hiding with a public reason, dismissing, the queue."
);

/// Something written that can be reported and hidden.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Content {
    Proposal(i64),
    Comment(i64),
    /// Question or objection `id` on the register entry with id `entry`.
    RegisterQuestion {
        entry: i64,
        id: i64,
    },
}

impl Content {
    /// A proposal or comment as named in the report and hide forms
    /// (`kind` is `proposal` or `comment`); anything else is not found.
    pub fn contribution(kind: &str, id: i64) -> Result<Content> {
        match kind {
            "proposal" => Ok(Content::Proposal(id)),
            "comment" => Ok(Content::Comment(id)),
            _ => Err(StoreError::NotFound),
        }
    }

    /// `reports.target_kind`.
    pub fn kind(self) -> &'static str {
        match self {
            Content::Proposal(_) => "proposal",
            Content::Comment(_) => "comment",
            Content::RegisterQuestion { .. } => "register_question",
        }
    }

    pub fn id(self) -> i64 {
        match self {
            Content::Proposal(id) | Content::Comment(id) => id,
            Content::RegisterQuestion { id, .. } => id,
        }
    }

    /// The table, and the column naming what it was written on.
    fn table(self) -> (&'static str, &'static str) {
        match self {
            Content::Proposal(_) => ("proposals", "id"),
            Content::Comment(_) => ("comments", "proposal_id"),
            Content::RegisterQuestion { .. } => ("register_questions", "entry_id"),
        }
    }

    fn audit_action(self) -> &'static str {
        match self {
            Content::Proposal(_) => "proposal.hidden",
            Content::Comment(_) => "comment.hidden",
            Content::RegisterQuestion { .. } => "register.question_hidden",
        }
    }

    fn search_kind(self) -> Option<Kind> {
        match self {
            Content::Proposal(_) => Some(Kind::Proposal),
            Content::Comment(_) => Some(Kind::Comment),
            Content::RegisterQuestion { .. } => None,
        }
    }
}

/// What a piece of content was written on, as one use case needs it.
struct Context {
    /// The proposal or register entry id (the `table` column's value).
    parent: i64,
    /// Its title, for the author's notification.
    title: String,
    /// Where the content is shown.
    link: String,
    /// Hidden already (register questions refuse a report then).
    hidden: bool,
    /// Extra audit details of hiding.
    entry: Option<i64>,
}

#[derive(Deserialize)]
struct ParentRow {
    proposal_id: i64,
}

#[derive(Deserialize)]
struct HideRow {
    author_id: Option<i64>,
    hidden_at: Option<i64>,
}

#[derive(Deserialize)]
struct HiddenRow {
    hidden_at: Option<i64>,
}

impl Moderation<'_> {
    /// Reads what `target` was written on and decides `action` on it.
    async fn context(
        &self,
        tenant: &Tenant,
        actor: &Actor,
        target: Content,
        action: Option<Action>,
    ) -> Result<Context> {
        let store = self.store;
        match target {
            Content::Proposal(_) | Content::Comment(_) => {
                let proposal_id = match target {
                    Content::Comment(id) => {
                        store
                            .db
                            .opt_as::<ParentRow>(
                                "SELECT proposal_id FROM comments WHERE id = $1 AND municipality_id = $2",
                                params![id, tenant.id],
                            )
                            .await?
                            .ok_or(StoreError::NotFound)?
                            .proposal_id
                    }
                    _ => target.id(),
                };
                let p = store.proposals().row(tenant, proposal_id).await?;
                if let Some(action) = action {
                    let process = store.processes().by_id(tenant, p.process_id).await?;
                    decide(
                        actor,
                        action,
                        &Target::Contribution {
                            process: &process.facts(),
                            author_id: p.author_id,
                            hidden: p.hidden,
                        },
                    )?;
                }
                let link = match target {
                    Content::Comment(id) => format!("/proposals/{proposal_id}#comment-{id}"),
                    _ => format!("/proposals/{proposal_id}"),
                };
                Ok(Context {
                    parent: proposal_id,
                    title: p.title,
                    link,
                    hidden: false,
                    entry: None,
                })
            }
            Content::RegisterQuestion { entry, id } => {
                let e = store.register().entry_by_id(tenant, entry).await?;
                let mut hidden = false;
                if let Some(action) = action {
                    decide(actor, action, &e.target())?;
                    actor
                        .user_id
                        .ok_or(StoreError::Denied(Denied::LoginRequired))?;
                    hidden = store
                        .db
                        .opt_as::<HiddenRow>(
                            "SELECT hidden_at FROM register_questions WHERE municipality_id = $1 AND entry_id = $2 AND id = $3",
                            params![tenant.id, entry, id],
                        )
                        .await?
                        .ok_or(StoreError::NotFound)?
                        .hidden_at
                        .is_some();
                }
                Ok(Context {
                    parent: e.id,
                    link: format!("/data-register/{}#question-{id}", e.slug),
                    title: e.title,
                    hidden,
                    entry: Some(e.id),
                })
            }
        }
    }

    /// Anyone signed in reports content to the moderators (private: no
    /// audit entry). Reporting twice gives two reports.
    pub async fn report(
        &self,
        tenant: &Tenant,
        actor: &Actor,
        target: Content,
        reason: &str,
    ) -> Result<()> {
        let c = self
            .context(tenant, actor, target, Some(Action::Report))
            .await?;
        if c.hidden {
            return Err(StoreError::Conflict("error-already-hidden"));
        }
        let mut e = FieldErrors::new();
        e.text("reason", reason, 5, 1000);
        e.into_result()?;
        let user = actor
            .user_id
            .ok_or(StoreError::Denied(Denied::LoginRequired))?;
        self.store.db
            .exec(
                "INSERT INTO reports (municipality_id, reporter_id, target_kind, target_id, reason, created_at) VALUES ($1, $2, $3, $4, $5, $6)",
                params![tenant.id, user, target.kind(), target.id(), reason.trim(), self.store.now()],
            )
            .await?;
        Ok(())
    }

    /// A moderator hides content with a public reason. The placeholder
    /// with the reason stays, the author is notified, open reports on it
    /// close. Returns what it was written on (the proposal or entry id).
    pub async fn hide(
        &self,
        tenant: &Tenant,
        actor: &Actor,
        target: Content,
        reason: &str,
    ) -> Result<i64> {
        decide(actor, Action::Moderate, &Target::Municipality)?;
        rules::validate_hide_reason(reason)?;
        let c = self.context(tenant, actor, target, None).await?;
        let (table, parent_col) = target.table();
        let id = target.id();
        let mut w = self.store.write(tenant).await?;
        let now = w.now;
        let row = w
            .opt_as::<HideRow>(
                &format!("SELECT author_id, hidden_at FROM {table} WHERE id = $1 AND municipality_id = $2 AND {parent_col} = $3"),
                params![id, tenant.id, c.parent],
            )
            .await?
            .ok_or(StoreError::NotFound)?;
        if row.hidden_at.is_some() {
            return Err(StoreError::Conflict("error-already-hidden"));
        }
        let n = w
            .exec(
                &format!("UPDATE {table} SET hidden_at = $1, hidden_reason = $2 WHERE id = $3 AND hidden_at IS NULL"),
                params![now, reason.trim(), id],
            )
            .await?;
        if n != 1 {
            return Err(StoreError::Conflict("error-already-hidden"));
        }
        // Open reports on it are settled by hiding it.
        w.exec(
            "UPDATE reports SET resolved_at = $1, resolution = 'hidden' WHERE target_kind = $2 AND target_id = $3 AND resolved_at IS NULL",
            params![now, target.kind(), id],
        )
        .await?;
        if let Some(kind) = target.search_kind() {
            search::remove(&mut w, kind, id).await?;
        }
        if let Some(a) = row.author_id {
            notify_user(&mut w, tenant, now, a, "hidden", &c.title, &c.link).await?;
        }
        let details = match c.entry {
            Some(entry) => serde_json::json!({ "entry": entry, "reason": reason.trim() }),
            None => serde_json::json!({ "reason": reason.trim() }),
        };
        w.audit(
            actor,
            target.audit_action(),
            format!("{}:{id}", target.kind()),
            details,
        );
        w.commit().await?;
        Ok(c.parent)
    }

    /// A moderator closes a report without hiding anything (any kind).
    pub async fn dismiss(&self, tenant: &Tenant, actor: &Actor, report_id: i64) -> Result<()> {
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn forms_name_proposals_and_comments_only() {
        assert_eq!(
            Content::contribution("proposal", 3).unwrap(),
            Content::Proposal(3)
        );
        assert_eq!(
            Content::contribution("comment", 4).unwrap(),
            Content::Comment(4)
        );
        assert!(matches!(
            Content::contribution("register_question", 5),
            Err(StoreError::NotFound)
        ));
    }

    #[test]
    fn each_kind_keeps_its_report_kind_and_audit_action() {
        let q = Content::RegisterQuestion { entry: 1, id: 2 };
        assert_eq!((q.kind(), q.id()), ("register_question", 2));
        assert_eq!(q.audit_action(), "register.question_hidden");
        assert!(q.search_kind().is_none());
        assert_eq!(Content::Comment(7).audit_action(), "comment.hidden");
        assert_eq!(Content::Proposal(7).table(), ("proposals", "id"));
    }
}
