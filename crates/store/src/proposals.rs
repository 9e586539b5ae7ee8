use crate::audit::{actor_label, append};
use crate::processes::Process;
use crate::search::{self, Kind};
use crate::{params, Page, Result, Store, StoreError, Tenant, Tx};
use serde::Serialize;
use std::collections::HashSet;
use std::str::FromStr;
use teilhabe_domain::audit::AuditEvent;
use teilhabe_domain::permission::{decide, Action, Target};
use teilhabe_domain::process::{Form, ProcessFacts, ProcessRules, ProcessStatus};
use teilhabe_domain::proposal::{
    self, validate_status_change, Channel, ProposalDraft, ProposalStatus,
};
use teilhabe_domain::{Actor, Denied, FieldErrors};

#[derive(Debug, Clone, Serialize)]
pub struct Proposal {
    pub id: i64,
    pub process_id: i64,
    pub author_id: Option<i64>,
    pub author_name: String,
    pub channel: Channel,
    pub title: String,
    pub body: String,
    pub category: String,
    pub latitude: Option<f64>,
    pub longitude: Option<f64>,
    pub status: ProposalStatus,
    pub answer: Option<String>,
    pub answered_at: Option<i64>,
    pub progress: i64,
    pub support_count: i64,
    pub comment_count: i64,
    pub hidden: bool,
    pub hidden_reason: Option<String>,
    pub created_at: i64,
    pub updated_at: i64,
    /// Still unanswered after the municipality's deadline.
    pub overdue: bool,
    pub days_waiting: i64,
}

#[derive(Debug, Clone, Serialize)]
pub struct Comment {
    pub id: i64,
    pub parent_id: Option<i64>,
    pub author_id: Option<i64>,
    pub author_name: String,
    pub channel: Channel,
    pub body: String,
    pub hidden: bool,
    pub hidden_reason: Option<String>,
    pub created_at: i64,
    pub depth: usize,
}

#[derive(Debug, Clone, Serialize)]
pub struct ProgressNote {
    pub percent: i64,
    pub note: String,
    pub noted_on: String,
}

#[derive(Debug, Clone, Serialize)]
pub struct ProposalDetail {
    pub proposal: Proposal,
    pub process: Process,
    /// Depth-first order: each reply follows its parent.
    pub comments: Vec<Comment>,
    pub progress_notes: Vec<ProgressNote>,
    pub supported: bool,
    pub following: bool,
}

/// Sort orders of the proposal list.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, serde::Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Sort {
    #[default]
    Newest,
    Oldest,
    MostSupported,
    MostCommented,
}

impl Sort {
    fn sql(self) -> &'static str {
        match self {
            Sort::Newest => "p.created_at DESC, p.id DESC",
            Sort::Oldest => "p.created_at ASC, p.id ASC",
            Sort::MostSupported => "p.support_count DESC, p.id DESC",
            Sort::MostCommented => "p.comment_count DESC, p.id DESC",
        }
    }
}

#[derive(Debug, Clone, Default)]
pub struct ListFilter {
    pub status: Option<ProposalStatus>,
    pub category: Option<String>,
    pub channel: Option<Channel>,
    pub sort: Sort,
    pub page: i64,
    pub per_page: i64,
}

/// Who an offline contribution came from, as recorded by staff.
#[derive(Debug, Clone)]
pub struct Offline {
    pub channel: Channel,
    pub name: String,
}

const PROPOSAL_COLS: &str = "p.id, p.process_id, p.author_id, COALESCE(u.display_name, p.offline_name) AS author_name, p.channel, p.title, p.body, p.category, p.latitude, p.longitude, p.status, p.answer, p.answered_at, p.progress, p.support_count, p.comment_count, p.hidden_at, p.hidden_reason, p.created_at, p.updated_at";

fn proposal_from(r: &crate::Row, now: i64, deadline_days: i64) -> Result<Proposal> {
    let status = ProposalStatus::from_str(&r.str("status")?).unwrap_or(ProposalStatus::Submitted);
    let created_at = r.i64("created_at")?;
    Ok(Proposal {
        id: r.i64("id")?,
        process_id: r.i64("process_id")?,
        author_id: r.opt_i64("author_id")?,
        author_name: r.str("author_name")?,
        channel: Channel::parse(&r.str("channel")?).unwrap_or(Channel::Online),
        title: r.str("title")?,
        body: r.str("body")?,
        category: r.str("category")?,
        latitude: r.opt_f64("latitude")?,
        longitude: r.opt_f64("longitude")?,
        status,
        answer: r.opt_str("answer")?,
        answered_at: r.opt_i64("answered_at")?,
        progress: r.i64("progress")?,
        support_count: r.i64("support_count")?,
        comment_count: r.i64("comment_count")?,
        hidden: r.opt_i64("hidden_at")?.is_some(),
        hidden_reason: r.opt_str("hidden_reason")?,
        created_at,
        updated_at: r.i64("updated_at")?,
        overdue: proposal::is_overdue(status, created_at, now, deadline_days),
        days_waiting: proposal::days_waiting(created_at, now),
    })
}

fn comment_from(r: &crate::Row) -> Result<Comment> {
    Ok(Comment {
        id: r.i64("id")?,
        parent_id: r.opt_i64("parent_id")?,
        author_id: r.opt_i64("author_id")?,
        author_name: r.str("author_name")?,
        channel: Channel::parse(&r.str("channel")?).unwrap_or(Channel::Online),
        body: r.str("body")?,
        hidden: r.opt_i64("hidden_at")?.is_some(),
        hidden_reason: r.opt_str("hidden_reason")?,
        created_at: r.i64("created_at")?,
        depth: 0,
    })
}

/// Orders comments as a thread: roots by time, each followed by its replies.
pub fn thread(mut flat: Vec<Comment>) -> Vec<Comment> {
    flat.sort_by_key(|c| c.id);
    // Children per parent, in id order; one pass instead of a scan per node.
    let mut children: std::collections::HashMap<Option<i64>, Vec<usize>> =
        std::collections::HashMap::new();
    for (i, c) in flat.iter().enumerate() {
        children.entry(c.parent_id).or_default().push(i);
    }
    let mut out = Vec::with_capacity(flat.len());
    // Depth-first with an explicit stack: a long reply chain cannot overflow it.
    let mut stack: Vec<(usize, usize)> = children
        .get(&None)
        .map(|v| v.iter().rev().map(|&i| (i, 0)).collect())
        .unwrap_or_default();
    while let Some((i, depth)) = stack.pop() {
        let mut c = flat[i].clone();
        c.depth = depth.min(6);
        if let Some(kids) = children.get(&Some(c.id)) {
            stack.extend(kids.iter().rev().map(|&k| (k, depth + 1)));
        }
        out.push(c);
    }
    out
}

/// Notifies everyone following the proposal or its process, except the
/// actor, in one statement whatever the number of followers.
#[allow(clippy::too_many_arguments)] // the event's fields, each needed once
pub(crate) async fn notify_followers(
    tx: &mut Tx,
    tenant: &Tenant,
    now: i64,
    actor: Option<i64>,
    kind: &str,
    proposal_id: i64,
    process_id: i64,
    title: &str,
) -> Result<()> {
    tx.exec(
        "INSERT INTO notifications (municipality_id, user_id, kind, title, link, created_at) SELECT DISTINCT $1, f.user_id, $2, $3, $4, $5 FROM follows f WHERE ((f.target_kind = 'proposal' AND f.target_id = $6) OR (f.target_kind = 'process' AND f.target_id = $7)) AND f.user_id <> $8",
        params![tenant.id, kind, title, format!("/proposals/{proposal_id}"), now, proposal_id, process_id, actor.unwrap_or(0)],
    )
    .await?;
    Ok(())
}

async fn notify_user(
    tx: &mut Tx,
    tenant: &Tenant,
    now: i64,
    user: i64,
    kind: &str,
    title: &str,
    link: &str,
) -> Result<()> {
    tx.exec(
        "INSERT INTO notifications (municipality_id, user_id, kind, title, link, created_at) VALUES ($1, $2, $3, $4, $5, $6)",
        params![tenant.id, user, kind, title, link, now],
    )
    .await?;
    Ok(())
}

/// Who a contribution is from: the person acting online, or a person
/// without an account recorded by staff from an offline channel.
/// Returns (person, channel, offline name, recorded by).
fn contributor(
    actor: &Actor,
    offline: &Option<Offline>,
) -> (Option<i64>, Channel, Option<String>, Option<i64>) {
    match offline {
        Some(o) => (
            None,
            o.channel,
            Some(o.name.trim().to_string()).filter(|s| !s.is_empty()),
            actor.user_id,
        ),
        None => (actor.user_id, Channel::Online, None, None),
    }
}

fn check_offline(offline: &Option<Offline>) -> Result<()> {
    if let Some(o) = offline {
        let mut e = FieldErrors::new();
        if o.channel == Channel::Online {
            e.add("channel", "error-invalid-choice");
        }
        e.optional_text("offline_name", &o.name, 80);
        e.into_result()?;
    }
    Ok(())
}

impl Store {
    /// One page of a process's proposals, in three statements whatever the
    /// page size: count, page, and the viewer's supports among them.
    pub async fn proposals(
        &self,
        tenant: &Tenant,
        process: &Process,
        filter: &ListFilter,
        viewer: Option<i64>,
    ) -> Result<(Page<Proposal>, HashSet<i64>)> {
        let page = filter.page.max(1);
        let per_page = filter.per_page.clamp(1, 100);
        let status = filter.status.map(|s| s.as_str()).unwrap_or("");
        let category = filter.category.clone().unwrap_or_default();
        let channel = filter.channel.map(|c| c.as_str()).unwrap_or("");
        let where_ = "p.process_id = $1 AND p.municipality_id = $2 AND ($3 = '' OR p.status = $3) AND ($4 = '' OR p.category = $4) AND ($5 = '' OR p.channel = $5)";
        let total = self
            .db
            .one(
                &format!("SELECT COUNT(*) AS n FROM proposals p WHERE {where_}"),
                params![process.id, tenant.id, status, category.as_str(), channel],
            )
            .await?
            .i64("n")?;
        let rows = self
            .db
            .all(
                &format!("SELECT {PROPOSAL_COLS} FROM proposals p LEFT JOIN users u ON u.id = p.author_id WHERE {where_} ORDER BY {} LIMIT $6 OFFSET $7", filter.sort.sql()),
                params![process.id, tenant.id, status, category.as_str(), channel, per_page, (page - 1) * per_page],
            )
            .await?;
        let now = self.now();
        let items: Vec<Proposal> = rows
            .iter()
            .map(|r| proposal_from(r, now, tenant.answer_deadline_days))
            .collect::<Result<_>>()?;
        let mut supported = HashSet::new();
        if let (Some(u), false) = (viewer, items.is_empty()) {
            let rows = self
                .db
                .all(
                    "SELECT proposal_id FROM supports WHERE user_id = $1 AND process_id = $2",
                    params![u, process.id],
                )
                .await?;
            supported = rows
                .iter()
                .filter_map(|r| r.i64("proposal_id").ok())
                .collect();
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

    async fn proposal_row(&self, tenant: &Tenant, id: i64) -> Result<Proposal> {
        let r = self
            .db
            .opt(&format!("SELECT {PROPOSAL_COLS} FROM proposals p LEFT JOIN users u ON u.id = p.author_id WHERE p.id = $1 AND p.municipality_id = $2"), params![id, tenant.id])
            .await?
            .ok_or(StoreError::NotFound)?;
        proposal_from(&r, self.now(), tenant.answer_deadline_days)
    }

    /// A proposal with its process, comment thread and progress notes, in a
    /// constant number of statements whatever the number of comments.
    pub async fn proposal(
        &self,
        tenant: &Tenant,
        actor: &Actor,
        id: i64,
    ) -> Result<ProposalDetail> {
        let proposal = self.proposal_row(tenant, id).await?;
        let process = self.process_by_id(tenant, proposal.process_id).await?;
        decide(
            actor,
            Action::ViewProcess,
            &Target::Process(&process.facts()),
        )?;
        let rows = self
            .db
            .all(
                "SELECT c.id, c.parent_id, c.author_id, COALESCE(u.display_name, c.offline_name) AS author_name, c.channel, c.body, c.hidden_at, c.hidden_reason, c.created_at FROM comments c LEFT JOIN users u ON u.id = c.author_id WHERE c.proposal_id = $1 ORDER BY c.id",
                params![id],
            )
            .await?;
        let comments = thread(rows.iter().map(comment_from).collect::<Result<_>>()?);
        let notes = self
            .db
            .all("SELECT percent, note, noted_on FROM progress_notes WHERE proposal_id = $1 ORDER BY noted_on DESC, id DESC", params![id])
            .await?
            .iter()
            .map(|r| Ok(ProgressNote { percent: r.i64("percent")?, note: r.str("note")?, noted_on: r.str("noted_on")? }))
            .collect::<Result<Vec<_>>>()?;
        let (supported, following) = match actor.user_id {
            Some(u) => {
                let r = self
                    .db
                    .one(
                        "SELECT (SELECT COUNT(*) FROM supports WHERE proposal_id = $1 AND user_id = $2) AS s, (SELECT COUNT(*) FROM follows WHERE target_kind = 'proposal' AND target_id = $1 AND user_id = $2) AS f",
                        params![id, u],
                    )
                    .await?;
                (r.i64("s")? > 0, r.i64("f")? > 0)
            }
            None => (false, false),
        };
        Ok(ProposalDetail {
            proposal,
            process,
            comments,
            progress_notes: notes,
            supported,
            following,
        })
    }

    /// A citizen submits a proposal, or staff record one from an offline
    /// channel on behalf of a person without an account.
    pub async fn create_proposal(
        &self,
        tenant: &Tenant,
        actor: &Actor,
        process_slug: &str,
        draft: &ProposalDraft,
        offline: Option<Offline>,
    ) -> Result<Proposal> {
        let process = self.process(tenant, actor, process_slug).await?;
        let facts = process.facts();
        if offline.is_some() {
            decide(actor, Action::RecordOffline, &Target::Process(&facts))?;
        } else {
            decide(actor, Action::CreateProposal, &Target::Process(&facts))?;
        }
        check_offline(&offline)?;
        draft.validate(&tenant.categories)?;
        let now = self.now();
        let (author, channel, name, recorded_by) = contributor(actor, &offline);
        let mut tx = self.db.begin().await?;
        let id = tx
            .insert(
                "INSERT INTO proposals (municipality_id, process_id, author_id, channel, offline_name, recorded_by, title, body, category, latitude, longitude, created_at, updated_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $12) RETURNING id",
                params![tenant.id, process.id, author, channel.as_str(), name, recorded_by, draft.title.trim(), draft.body.trim(), draft.category.as_str(), draft.latitude, draft.longitude, now],
            )
            .await?;
        tx.exec(
            "UPDATE processes SET proposal_count = proposal_count + 1 WHERE id = $1",
            params![process.id],
        )
        .await?;
        if let Some(u) = author {
            // Authors follow their own proposal, so they hear of its answer.
            tx.exec(
                "INSERT INTO follows (municipality_id, user_id, target_kind, target_id, created_at) VALUES ($1, $2, 'proposal', $3, $4) ON CONFLICT DO NOTHING",
                params![tenant.id, u, id, now],
            )
            .await?;
        }
        search::index(
            &mut tx,
            tenant.id,
            Kind::Proposal,
            id,
            Some(process.id),
            draft.title.trim(),
            draft.body.trim(),
        )
        .await?;
        append(&mut tx, tenant, now, AuditEvent::new(actor_label(tenant, actor.user_id), "proposal.created", format!("proposal:{id}"), serde_json::json!({"process": process.id, "channel": channel.as_str(), "title": draft.title.trim()}))).await?;
        tx.commit().await?;
        self.proposal_row(tenant, id).await
    }

    /// The author edits their proposal while proposals are open.
    pub async fn edit_proposal(
        &self,
        tenant: &Tenant,
        actor: &Actor,
        id: i64,
        draft: &ProposalDraft,
    ) -> Result<Proposal> {
        let p = self.proposal_row(tenant, id).await?;
        let process = self.process_by_id(tenant, p.process_id).await?;
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
        let now = self.now();
        let mut tx = self.db.begin().await?;
        tx.exec(
            "UPDATE proposals SET title = $1, body = $2, category = $3, latitude = $4, longitude = $5, updated_at = $6 WHERE id = $7",
            params![draft.title.trim(), draft.body.trim(), draft.category.as_str(), draft.latitude, draft.longitude, now, id],
        )
        .await?;
        search::index(
            &mut tx,
            tenant.id,
            Kind::Proposal,
            id,
            Some(p.process_id),
            draft.title.trim(),
            draft.body.trim(),
        )
        .await?;
        append(
            &mut tx,
            tenant,
            now,
            AuditEvent::new(
                actor_label(tenant, actor.user_id),
                "proposal.edited",
                format!("proposal:{id}"),
                serde_json::json!({"title": [p.title, draft.title.trim()]}),
            ),
        )
        .await?;
        tx.commit().await?;
        self.proposal_row(tenant, id).await
    }

    /// What the permission check of a support needs, in one statement:
    /// the proposal's author and visibility, its process's rules and the
    /// forms of the active phase. Supports are the hottest write path.
    async fn contribution_facts(
        &self,
        tenant: &Tenant,
        id: i64,
    ) -> Result<(ProcessFacts, Option<i64>, bool, i64)> {
        let r = self
            .db
            .opt(
                "SELECT p.author_id, p.hidden_at, p.process_id, pr.status, pr.department_id, pr.proposals_require_verification, pr.supports_require_verification, pr.comments_require_verification, pr.support_limit, ph.forms FROM proposals p JOIN processes pr ON pr.id = p.process_id LEFT JOIN phases ph ON ph.id = pr.active_phase_id WHERE p.id = $1 AND p.municipality_id = $2",
                params![id, tenant.id],
            )
            .await?
            .ok_or(StoreError::NotFound)?;
        let facts = ProcessFacts {
            status: ProcessStatus::from_str(&r.str("status")?).unwrap_or(ProcessStatus::Draft),
            department_id: r.opt_i64("department_id")?,
            active_forms: r
                .opt_str("forms")?
                .map(|f| Form::parse_list(&f))
                .unwrap_or_default(),
            rules: ProcessRules {
                proposals_require_verification: r.bool("proposals_require_verification")?,
                supports_require_verification: r.bool("supports_require_verification")?,
                comments_require_verification: r.bool("comments_require_verification")?,
                support_limit: r.opt_i64("support_limit")?.map(|v| v as u32),
            },
        };
        Ok((
            facts,
            r.opt_i64("author_id")?,
            r.opt_i64("hidden_at")?.is_some(),
            r.i64("process_id")?,
        ))
    }

    /// Supports a proposal (one per person; the database enforces it even
    /// under concurrent requests) or records an offline support.
    pub async fn support(
        &self,
        tenant: &Tenant,
        actor: &Actor,
        id: i64,
        offline: Option<Offline>,
    ) -> Result<i64> {
        let (facts, author_id, hidden, process_id) = self.contribution_facts(tenant, id).await?;
        let target = Target::Contribution {
            process: &facts,
            author_id,
            hidden,
        };
        if offline.is_some() {
            decide(actor, Action::RecordOffline, &target)?;
            if hidden {
                return Err(StoreError::Denied(Denied::NotOpen));
            }
        } else {
            decide(actor, Action::Support, &target)?;
        }
        check_offline(&offline)?;
        let (user, channel, name, recorded_by) = contributor(actor, &offline);
        // Written by the group-commit writer: durable when this returns.
        self.supports
            .submit(crate::group_commit::SupportJob {
                municipality_id: tenant.id,
                process_id,
                proposal_id: id,
                user_id: user,
                channel: channel.as_str(),
                offline_name: name,
                recorded_by,
                limit: facts.rules.support_limit,
                now: self.now(),
                actor: actor_label(tenant, actor.user_id),
                reply: tokio::sync::oneshot::channel().0,
            })
            .await
    }

    /// Withdraws one's own support while supports are open.
    pub async fn withdraw_support(&self, tenant: &Tenant, actor: &Actor, id: i64) -> Result<i64> {
        let (facts, author_id, hidden, _) = self.contribution_facts(tenant, id).await?;
        decide(
            actor,
            Action::Support,
            &Target::Contribution {
                process: &facts,
                author_id,
                hidden,
            },
        )?;
        let user = actor
            .user_id
            .ok_or(StoreError::Denied(Denied::LoginRequired))?;
        let now = self.now();
        let mut tx = self.db.begin().await?;
        let n = tx
            .exec(
                "DELETE FROM supports WHERE proposal_id = $1 AND user_id = $2",
                params![id, user],
            )
            .await?;
        if n == 0 {
            return Err(StoreError::Conflict("error-not-supported"));
        }
        let count = tx.one("UPDATE proposals SET support_count = support_count - 1 WHERE id = $1 RETURNING support_count", params![id]).await?.i64("support_count")?;
        append(
            &mut tx,
            tenant,
            now,
            AuditEvent::new(
                actor_label(tenant, actor.user_id),
                "support.withdrawn",
                format!("proposal:{id}"),
                serde_json::json!({}),
            ),
        )
        .await?;
        tx.commit().await?;
        Ok(count)
    }

    /// Comments on a proposal, optionally as a reply; or records an offline comment.
    pub async fn comment(
        &self,
        tenant: &Tenant,
        actor: &Actor,
        proposal_id: i64,
        parent_id: Option<i64>,
        body: &str,
        offline: Option<Offline>,
    ) -> Result<i64> {
        let p = self.proposal_row(tenant, proposal_id).await?;
        let process = self.process_by_id(tenant, p.process_id).await?;
        let facts = process.facts();
        let target = Target::Contribution {
            process: &facts,
            author_id: p.author_id,
            hidden: p.hidden,
        };
        if offline.is_some() {
            decide(actor, Action::RecordOffline, &target)?;
        } else {
            decide(actor, Action::Comment, &target)?;
        }
        check_offline(&offline)?;
        let mut e = FieldErrors::new();
        e.text("body", body, 2, proposal::COMMENT_MAX);
        e.into_result()?;
        let now = self.now();
        let mut tx = self.db.begin().await?;
        let parent_author = match parent_id {
            Some(pid) => {
                let r = tx
                    .opt(
                        "SELECT author_id FROM comments WHERE id = $1 AND proposal_id = $2",
                        params![pid, proposal_id],
                    )
                    .await?
                    .ok_or_else(|| {
                        let mut e = FieldErrors::new();
                        e.add("parent_id", "error-parent-comment");
                        StoreError::Invalid(e)
                    })?;
                r.opt_i64("author_id")?
            }
            None => None,
        };
        let (author, channel, name, recorded_by) = contributor(actor, &offline);
        let id = tx
            .insert(
                "INSERT INTO comments (municipality_id, proposal_id, parent_id, author_id, channel, offline_name, recorded_by, body, created_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9) RETURNING id",
                params![tenant.id, proposal_id, parent_id, author, channel.as_str(), name, recorded_by, body.trim(), now],
            )
            .await?;
        tx.exec(
            "UPDATE proposals SET comment_count = comment_count + 1 WHERE id = $1",
            params![proposal_id],
        )
        .await?;
        search::index(
            &mut tx,
            tenant.id,
            Kind::Comment,
            id,
            Some(p.process_id),
            &p.title,
            body.trim(),
        )
        .await?;
        if let Some(pa) = parent_author.filter(|pa| Some(*pa) != actor.user_id) {
            notify_user(
                &mut tx,
                tenant,
                now,
                pa,
                "reply",
                &p.title,
                &format!("/proposals/{proposal_id}#comment-{id}"),
            )
            .await?;
        }
        append(&mut tx, tenant, now, AuditEvent::new(actor_label(tenant, actor.user_id), "comment.created", format!("comment:{id}"), serde_json::json!({"proposal": proposal_id, "parent": parent_id, "channel": channel.as_str()}))).await?;
        tx.commit().await?;
        Ok(id)
    }

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
        let p = self.proposal_row(tenant, id).await?;
        let process = self.process_by_id(tenant, p.process_id).await?;
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
        let now = self.now();
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
        let mut tx = self.db.begin().await?;
        tx.exec(
            "UPDATE proposals SET status = $1, answer = $2, answered_at = $3, progress = $4, updated_at = $5 WHERE id = $6",
            params![next.as_str(), new_answer, answered_at, progress, now, id],
        )
        .await?;
        if !note.trim().is_empty() || progress != p.progress {
            let today = crate::date_of(now).to_string();
            tx.exec(
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
        notify_followers(
            &mut tx,
            tenant,
            now,
            actor.user_id,
            kind,
            id,
            p.process_id,
            &p.title,
        )
        .await?;
        append(
            &mut tx,
            tenant,
            now,
            AuditEvent::new(
                actor_label(tenant, actor.user_id),
                "proposal.answered",
                format!("proposal:{id}"),
                serde_json::json!({"status": [p.status.as_str(), next.as_str()], "answer": answer_text, "progress": progress}),
            ),
        )
        .await?;
        tx.commit().await?;
        self.proposal_row(tenant, id).await
    }

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
        let p = self.proposal_row(tenant, proposal_id).await?;
        let process = self.process_by_id(tenant, p.process_id).await?;
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
        self.db
            .exec(
                "INSERT INTO reports (municipality_id, reporter_id, target_kind, target_id, reason, created_at) VALUES ($1, $2, $3, $4, $5, $6)",
                params![tenant.id, user, kind, id, reason.trim(), self.now()],
            )
            .await?;
        Ok(())
    }

    async fn contribution_proposal(&self, tenant: &Tenant, kind: &str, id: i64) -> Result<i64> {
        match kind {
            "proposal" => Ok(id),
            "comment" => Ok(self
                .db
                .opt(
                    "SELECT proposal_id FROM comments WHERE id = $1 AND municipality_id = $2",
                    params![id, tenant.id],
                )
                .await?
                .ok_or(StoreError::NotFound)?
                .i64("proposal_id")?),
            _ => Err(StoreError::NotFound),
        }
    }

    /// Open reports on proposals and comments with the reported text,
    /// oldest first (reports on register questions: `open_register_reports`).
    pub async fn open_reports(&self, tenant: &Tenant, actor: &Actor) -> Result<Vec<Report>> {
        decide(actor, Action::Moderate, &Target::Municipality)?;
        let rows = self
            .db
            .all(
                "SELECT r.id, r.target_kind, r.target_id, r.reason, r.created_at, COALESCE(p.title, c.body) AS excerpt, COALESCE(p.id, c.proposal_id) AS proposal_id, COALESCE(p.hidden_at, c.hidden_at) AS hidden_at FROM reports r LEFT JOIN proposals p ON r.target_kind = 'proposal' AND p.id = r.target_id LEFT JOIN comments c ON r.target_kind = 'comment' AND c.id = r.target_id WHERE r.municipality_id = $1 AND r.resolved_at IS NULL AND r.target_kind IN ('proposal', 'comment') ORDER BY r.id",
                params![tenant.id],
            )
            .await?;
        rows.iter()
            .map(|r| {
                Ok(Report {
                    id: r.i64("id")?,
                    target_kind: r.str("target_kind")?,
                    target_id: r.i64("target_id")?,
                    reason: r.str("reason")?,
                    created_at: r.i64("created_at")?,
                    excerpt: r.str("excerpt")?,
                    proposal_id: r.opt_i64("proposal_id")?.unwrap_or(0),
                    hidden: r.opt_i64("hidden_at")?.is_some(),
                })
            })
            .collect()
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
        let p = self.proposal_row(tenant, proposal_id).await?;
        let now = self.now();
        let mut tx = self.db.begin().await?;
        let (table, skind) = if kind == "proposal" {
            ("proposals", Kind::Proposal)
        } else {
            ("comments", Kind::Comment)
        };
        let author = tx
            .opt(&format!("SELECT author_id FROM {table} WHERE id = $1 AND municipality_id = $2 AND hidden_at IS NULL"), params![id, tenant.id])
            .await?
            .ok_or(StoreError::Conflict("error-already-hidden"))?
            .opt_i64("author_id")?;
        tx.exec(
            &format!("UPDATE {table} SET hidden_at = $1, hidden_reason = $2 WHERE id = $3"),
            params![now, reason.trim(), id],
        )
        .await?;
        tx.exec(
            "UPDATE reports SET resolved_at = $1, resolution = 'hidden' WHERE target_kind = $2 AND target_id = $3 AND resolved_at IS NULL",
            params![now, kind, id],
        )
        .await?;
        search::remove(&mut tx, skind, id).await?;
        if let Some(a) = author {
            let link = if kind == "proposal" {
                format!("/proposals/{id}")
            } else {
                format!("/proposals/{proposal_id}#comment-{id}")
            };
            notify_user(&mut tx, tenant, now, a, "hidden", &p.title, &link).await?;
        }
        append(
            &mut tx,
            tenant,
            now,
            AuditEvent::new(
                actor_label(tenant, actor.user_id),
                &format!("{kind}.hidden"),
                format!("{kind}:{id}"),
                serde_json::json!({"reason": reason.trim()}),
            ),
        )
        .await?;
        tx.commit().await?;
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
            .db
            .exec("UPDATE reports SET resolved_at = $1, resolution = 'dismissed' WHERE id = $2 AND municipality_id = $3 AND resolved_at IS NULL", params![self.now(), report_id, tenant.id])
            .await?;
        if n == 0 {
            return Err(StoreError::NotFound);
        }
        Ok(())
    }

    /// Contributions awaiting an answer in the actor's departments (all for
    /// admins), oldest first.
    pub async fn inbox(&self, tenant: &Tenant, actor: &Actor) -> Result<Vec<InboxItem>> {
        decide(actor, Action::ViewInbox, &Target::Municipality)?;
        let rows = self
            .db
            .all(
                &format!("SELECT {PROPOSAL_COLS}, pr.title AS process_title, pr.department_id FROM proposals p LEFT JOIN users u ON u.id = p.author_id JOIN processes pr ON pr.id = p.process_id WHERE p.municipality_id = $1 AND p.status IN ('submitted', 'in_review') AND p.hidden_at IS NULL ORDER BY p.created_at ASC, p.id ASC"),
                params![tenant.id],
            )
            .await?;
        let now = self.now();
        let mut out = Vec::new();
        for r in &rows {
            if actor.runs(r.opt_i64("department_id")?) {
                out.push(InboxItem {
                    proposal: proposal_from(r, now, tenant.answer_deadline_days)?,
                    process_title: r.str("process_title")?,
                });
            }
        }
        Ok(out)
    }

    /// The most recently answered proposals of public processes (home page).
    pub async fn latest_answers(&self, tenant: &Tenant, limit: i64) -> Result<Vec<InboxItem>> {
        let rows = self
            .db
            .all(
                &format!("SELECT {PROPOSAL_COLS}, pr.title AS process_title FROM proposals p LEFT JOIN users u ON u.id = p.author_id JOIN processes pr ON pr.id = p.process_id WHERE p.municipality_id = $1 AND p.answered_at IS NOT NULL AND p.hidden_at IS NULL AND pr.status <> 'draft' ORDER BY p.answered_at DESC LIMIT $2"),
                params![tenant.id, limit],
            )
            .await?;
        let now = self.now();
        rows.iter()
            .map(|r| {
                Ok(InboxItem {
                    proposal: proposal_from(r, now, tenant.answer_deadline_days)?,
                    process_title: r.str("process_title")?,
                })
            })
            .collect()
    }

    /// Contributions per channel in a process: (channel, proposals, comments, supports).
    pub async fn channel_stats(
        &self,
        tenant: &Tenant,
        process_id: i64,
    ) -> Result<Vec<ChannelStat>> {
        let rows = self
            .db
            .all(
                "SELECT channel, SUM(pr) AS proposals, SUM(co) AS comments, SUM(su) AS supports FROM (SELECT channel, 1 AS pr, 0 AS co, 0 AS su FROM proposals WHERE process_id = $1 AND municipality_id = $2 UNION ALL SELECT c.channel, 0, 1, 0 FROM comments c JOIN proposals p ON p.id = c.proposal_id WHERE p.process_id = $1 AND c.municipality_id = $2 UNION ALL SELECT channel, 0, 0, 1 FROM supports WHERE process_id = $1 AND municipality_id = $2) t GROUP BY channel ORDER BY channel",
                params![process_id, tenant.id],
            )
            .await?;
        rows.iter()
            .map(|r| {
                Ok(ChannelStat {
                    channel: Channel::parse(&r.str("channel")?).unwrap_or(Channel::Online),
                    proposals: r.i64("proposals")?,
                    comments: r.i64("comments")?,
                    supports: r.i64("supports")?,
                })
            })
            .collect()
    }
}

#[derive(Debug, Clone, Serialize)]
pub struct ChannelStat {
    pub channel: Channel,
    pub proposals: i64,
    pub comments: i64,
    pub supports: i64,
}

#[derive(Debug, Clone, Serialize)]
pub struct InboxItem {
    pub proposal: Proposal,
    pub process_title: String,
}

#[derive(Debug, Clone, Serialize)]
pub struct Report {
    pub id: i64,
    pub target_kind: String,
    pub target_id: i64,
    pub reason: String,
    pub created_at: i64,
    pub excerpt: String,
    pub proposal_id: i64,
    pub hidden: bool,
}

#[cfg(test)]
mod tests {
    use super::*;

    fn c(id: i64, parent: Option<i64>) -> Comment {
        Comment {
            id,
            parent_id: parent,
            author_id: None,
            author_name: String::new(),
            channel: Channel::Online,
            body: String::new(),
            hidden: false,
            hidden_reason: None,
            created_at: 0,
            depth: 0,
        }
    }

    #[test]
    fn replies_follow_their_parent() {
        let t = thread(vec![
            c(1, None),
            c(2, None),
            c(3, Some(1)),
            c(4, Some(3)),
            c(5, Some(2)),
        ]);
        let order: Vec<_> = t.iter().map(|c| (c.id, c.depth)).collect();
        assert_eq!(order, vec![(1, 0), (3, 1), (4, 2), (2, 0), (5, 1)]);
    }
}
