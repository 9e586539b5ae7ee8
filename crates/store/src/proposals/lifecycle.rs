//! The proposal list and detail, submitting and editing a proposal.

use super::comments::{thread, CommentRow};
use super::{
    check_offline, contributor, Comment, CountRow, ListFilter, Offline, ProgressNote, Proposal,
    ProposalDetail, ProposalRow, Proposals, PROPOSAL_COLS,
};
use crate::processes::Process;
use crate::search::{self, Kind};
use crate::{params, Page, Result, StoreError, Tenant, Tx};
use serde::Deserialize;
use std::collections::HashSet;
use teilhabe_domain::permission::{decide, Action, Target};
use teilhabe_domain::proposal::ProposalDraft;
use teilhabe_domain::Actor;

#[derive(Deserialize)]
struct ProposalIdRow {
    proposal_id: i64,
}

/// Whether the viewer supports and follows the proposal.
#[derive(Deserialize)]
struct MineRow {
    s: i64,
    f: i64,
}

impl Proposals<'_> {
    /// One page of a process's proposals, in three statements whatever the
    /// page size: count, page, and the viewer's supports among them.
    pub async fn list(
        &self,
        tenant: &Tenant,
        process: &Process,
        filter: &ListFilter,
        viewer: Option<i64>,
    ) -> Result<(Page<Proposal>, HashSet<i64>)> {
        let (page, per_page, offset) = crate::page_window(filter.page, filter.per_page);
        let status = filter.status.map(|s| s.as_str()).unwrap_or("");
        let category = filter.category.clone().unwrap_or_default();
        let channel = filter.channel.map(|c| c.as_str()).unwrap_or("");
        let where_ = "p.process_id = $1 AND p.municipality_id = $2 AND ($3 = '' OR p.status = $3) AND ($4 = '' OR p.category = $4) AND ($5 = '' OR p.channel = $5)";
        let total = self
            .store
            .db
            .one_as::<CountRow>(
                &format!("SELECT COUNT(*) AS n FROM proposals p WHERE {where_}"),
                params![process.id, tenant.id, status, category.as_str(), channel],
            )
            .await?
            .n;
        let rows: Vec<ProposalRow> = self
            .store
            .db
            .all_as(
                &format!("SELECT {PROPOSAL_COLS} FROM proposals p LEFT JOIN users u ON u.id = p.author_id WHERE {where_} ORDER BY {} LIMIT $6 OFFSET $7", filter.sort.sql()),
                params![process.id, tenant.id, status, category.as_str(), channel, per_page, offset],
            )
            .await?;
        let now = self.store.now();
        let items: Vec<Proposal> = rows
            .into_iter()
            .map(|r| r.into_proposal(now, tenant.answer_deadline_days))
            .collect();
        let mut supported = HashSet::new();
        if let (Some(u), false) = (viewer, items.is_empty()) {
            let rows: Vec<ProposalIdRow> = self
                .store
                .db
                .all_as(
                    "SELECT proposal_id FROM supports WHERE user_id = $1 AND process_id = $2",
                    params![u, process.id],
                )
                .await?;
            supported = rows.into_iter().map(|r| r.proposal_id).collect();
        }
        Ok((
            Page {
                items,
                total,
                page,
                per_page,
            },
            supported,
        ))
    }

    pub(crate) async fn row(&self, tenant: &Tenant, id: i64) -> Result<Proposal> {
        let r: ProposalRow = self
            .store
            .db
            .opt_as(&format!("SELECT {PROPOSAL_COLS} FROM proposals p LEFT JOIN users u ON u.id = p.author_id WHERE p.id = $1 AND p.municipality_id = $2"), params![id, tenant.id])
            .await?
            .ok_or(StoreError::NotFound)?;
        Ok(r.into_proposal(self.store.now(), tenant.answer_deadline_days))
    }

    /// A proposal's detail for a form of `action` on it (editing):
    /// refused unless the actor may do it.
    pub async fn get_for(
        &self,
        tenant: &Tenant,
        actor: &Actor,
        id: i64,
        action: Action,
    ) -> Result<ProposalDetail> {
        let d = self.get(tenant, actor, id).await?;
        let target = Target::Contribution {
            process: &d.process.facts(),
            author_id: d.proposal.author_id,
            hidden: d.proposal.hidden,
        };
        decide(actor, action, &target)?;
        Ok(d)
    }

    /// A proposal with its process, comment thread and progress notes, in a
    /// constant number of statements whatever the number of comments.
    pub async fn get(&self, tenant: &Tenant, actor: &Actor, id: i64) -> Result<ProposalDetail> {
        let proposal = self.row(tenant, id).await?;
        let process = self
            .store
            .processes()
            .by_id(tenant, proposal.process_id)
            .await?;
        decide(
            actor,
            Action::ViewProcess,
            &Target::Process(&process.facts()),
        )?;
        let rows: Vec<CommentRow> = self
            .store
            .db
            .all_as(
                "SELECT c.id, c.parent_id, c.author_id, COALESCE(u.display_name, c.offline_name) AS author_name, c.channel, c.body, c.hidden_at, c.hidden_reason, c.created_at FROM comments c LEFT JOIN users u ON u.id = c.author_id WHERE c.proposal_id = $1 ORDER BY c.id",
                params![id],
            )
            .await?;
        let comments = thread(rows.into_iter().map(Comment::from).collect());
        let notes: Vec<ProgressNote> = self
            .store
            .db
            .all_as("SELECT percent, note, noted_on FROM progress_notes WHERE proposal_id = $1 ORDER BY noted_on DESC, id DESC", params![id])
            .await?;
        let (supported, following) = match actor.user_id {
            Some(u) => {
                let r: MineRow = self
                    .store
                    .db
                    .one_as(
                        "SELECT (SELECT COUNT(*) FROM supports WHERE proposal_id = $1 AND user_id = $2) AS s, (SELECT COUNT(*) FROM follows WHERE target_kind = 'proposal' AND target_id = $1 AND user_id = $2) AS f",
                        params![id, u],
                    )
                    .await?;
                (r.s > 0, r.f > 0)
            }
            None => (false, false),
        };
        let can = super::ProposalRights::decide(actor, &proposal, &process);
        Ok(ProposalDetail {
            proposal,
            process,
            comments,
            progress_notes: notes,
            supported,
            following,
            can,
        })
    }

    /// A citizen submits a proposal, or staff record one from an offline
    /// channel on behalf of a person without an account.
    pub async fn create(
        &self,
        tenant: &Tenant,
        actor: &Actor,
        process_slug: &str,
        draft: &ProposalDraft,
        offline: Option<Offline>,
    ) -> Result<Proposal> {
        let process = self
            .store
            .processes()
            .get(tenant, actor, process_slug)
            .await?;
        let facts = process.facts();
        if offline.is_some() {
            decide(actor, Action::RecordOffline, &Target::Process(&facts))?;
        } else {
            decide(actor, Action::CreateProposal, &Target::Process(&facts))?;
        }
        check_offline(&offline)?;
        draft.validate(&tenant.categories)?;
        let (author, channel, name, recorded_by) = contributor(actor, &offline);
        let mut w = self.store.write(tenant).await?;
        let now = w.now;
        let id = w
            .insert(
                "INSERT INTO proposals (municipality_id, process_id, author_id, channel, offline_name, recorded_by, title, body, category, latitude, longitude, created_at, updated_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $12) RETURNING id",
                params![tenant.id, process.id, author, channel.as_str(), name, recorded_by, draft.title.trim(), draft.body.trim(), draft.category.as_str(), draft.latitude, draft.longitude, now],
            )
            .await?;
        w.exec(
            "UPDATE processes SET proposal_count = proposal_count + 1 WHERE id = $1",
            params![process.id],
        )
        .await?;
        if let Some(u) = author {
            // Authors follow their own proposal, so they hear of its answer.
            w.exec(
                "INSERT INTO follows (municipality_id, user_id, target_kind, target_id, created_at) VALUES ($1, $2, 'proposal', $3, $4) ON CONFLICT DO NOTHING",
                params![tenant.id, u, id, now],
            )
            .await?;
        }
        index(&mut w, tenant, id, process.id, draft).await?;
        w.audit(actor, "proposal.created", format!("proposal:{id}"), serde_json::json!({"process": process.id, "channel": channel.as_str(), "title": draft.title.trim()}));
        w.commit().await?;
        self.row(tenant, id).await
    }

    /// The author edits their proposal while proposals are open.
    pub async fn edit(
        &self,
        tenant: &Tenant,
        actor: &Actor,
        id: i64,
        draft: &ProposalDraft,
    ) -> Result<Proposal> {
        let p = self.row(tenant, id).await?;
        let process = self.store.processes().by_id(tenant, p.process_id).await?;
        decide(
            actor,
            Action::EditProposal,
            &Target::Contribution {
                process: &process.facts(),
                author_id: p.author_id,
                hidden: p.hidden,
            },
        )?;
        if !p.status.awaits_answer() {
            return Err(StoreError::Conflict("error-proposal-answered"));
        }
        draft.validate(&tenant.categories)?;
        let mut w = self.store.write(tenant).await?;
        let now = w.now;
        w.exec(
            "UPDATE proposals SET title = $1, body = $2, category = $3, latitude = $4, longitude = $5, updated_at = $6 WHERE id = $7",
            params![draft.title.trim(), draft.body.trim(), draft.category.as_str(), draft.latitude, draft.longitude, now, id],
        )
        .await?;
        index(&mut w, tenant, id, p.process_id, draft).await?;
        w.audit(
            actor,
            "proposal.edited",
            format!("proposal:{id}"),
            serde_json::json!({"title": [p.title, draft.title.trim()]}),
        );
        w.commit().await?;
        self.row(tenant, id).await
    }
}

/// A proposal's search entry, from its draft.
async fn index(
    tx: &mut Tx,
    tenant: &Tenant,
    id: i64,
    process_id: i64,
    draft: &ProposalDraft,
) -> Result<()> {
    search::index(
        tx,
        tenant.id,
        Kind::Proposal,
        id,
        Some(process_id),
        draft.title.trim(),
        draft.body.trim(),
    )
    .await
}
