//! Participation along the lifecycle of a register entry, and the
//! evaluation of closed processes (issue #3).
//!
//! - Staff of an entry's department open a participatory process for the
//!   entry (a new one, pre-filled, or an existing one). The link keeps the
//!   entry's lifecycle status at that moment, so the entry page shows its
//!   participation history by phase; the process page links back.
//! - When a process is closed, staff of its department publish an
//!   evaluation: the figures computed here (see
//!   `teilhabe_domain::evaluation` for the counting rules) frozen as a JSON
//!   snapshot, with their lessons learned. A correction is a new revision;
//!   earlier revisions stay readable.

use crate::audit::{actor_label, append};
use crate::processes::{insert_process, Process, ProcessInput};
use crate::register::{notify_entry_followers, RegisterSummary};
use crate::{params, Result, Store, StoreError, Tenant, Tx};
use serde::{Deserialize, Serialize};
use std::collections::{BTreeSet, HashMap};
use std::str::FromStr;
use teilhabe_domain::audit::AuditEvent;
use teilhabe_domain::evaluation::{
    check_can_evaluate, compute, validate_publication, Contribution, ContributionForm, Facts,
    Figures, Person, ProposalFact,
};
use teilhabe_domain::permission::{decide, Action, Target};
use teilhabe_domain::process::{ProcessFacts, ProcessRules, ProcessStatus};
use teilhabe_domain::proposal::{Channel, ProposalStatus};
use teilhabe_domain::{Actor, FieldErrors};

/// A process held for a register entry, with both sides' names.
#[derive(Debug, Clone, Serialize)]
pub struct LifecycleLink {
    pub entry_id: i64,
    pub entry_slug: String,
    pub entry_title: String,
    pub process_id: i64,
    pub process_slug: String,
    pub process_title: String,
    pub process_status: ProcessStatus,
    /// The entry's lifecycle status when the process was linked.
    pub lifecycle_status: String,
    /// The entry's version at that time.
    pub entry_version: i64,
    /// Who linked it (pseudonym, as in the audit trail).
    pub linked_by: String,
    pub created_at: i64,
}

/// A linked impact goal as it stood at publication.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct EvaluationGoal {
    pub title: String,
    pub slug: String,
    /// achieved, on_track, off_track or no_data.
    pub state: String,
    pub indicators: Vec<EvaluationIndicator>,
}

/// One indicator of a linked goal at publication.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct EvaluationIndicator {
    pub name: String,
    pub unit: String,
    pub state: String,
    pub latest: Option<f64>,
    pub target: f64,
}

/// What an evaluation freezes at publication.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct EvaluationSnapshot {
    pub process_slug: String,
    pub process_title: String,
    pub department: Option<String>,
    /// Start of the first phase and end of the last (YYYY-MM-DD).
    pub period_start: Option<String>,
    pub period_end: Option<String>,
    /// When the figures were computed (Unix ms).
    pub computed_at: i64,
    pub answer_deadline_days: i64,
    pub figures: Figures,
    /// The impact goals linked to the process and their indicators' state
    /// at publication; they come from the impact-goal module.
    #[serde(default)]
    pub goals: Vec<EvaluationGoal>,
}

/// One published revision of an evaluation.
#[derive(Debug, Clone, Serialize)]
pub struct Evaluation {
    pub process_id: i64,
    pub revision: i64,
    /// Markdown.
    pub lessons: String,
    /// What a correction changed (empty for the first publication).
    pub correction_note: String,
    pub snapshot: EvaluationSnapshot,
    /// Pseudonym, as in the audit trail.
    pub published_by: String,
    pub published_at: i64,
}

/// A revision in the history list.
#[derive(Debug, Clone, Serialize)]
pub struct EvaluationRevision {
    pub revision: i64,
    pub correction_note: String,
    pub published_by: String,
    pub published_at: i64,
}

/// A register entry a process was held for.
#[derive(Debug, Clone, Serialize)]
pub struct EntryRef {
    pub slug: String,
    pub title: String,
    /// The entry's lifecycle status when the process was linked.
    pub lifecycle_status: String,
}

/// What the process page shows about lifecycle and evaluation.
#[derive(Debug, Clone, Default, Serialize)]
pub struct ProcessLifecycle {
    pub entries: Vec<EntryRef>,
    /// Latest published revision and its time.
    pub evaluation: Option<(i64, i64)>,
}

/// What the staff page shows before publishing.
#[derive(Debug, Clone, Serialize)]
pub struct EvaluationDraft {
    pub process: Process,
    /// The figures as they would be frozen now.
    pub preview: EvaluationSnapshot,
    pub latest: Option<Evaluation>,
}

const LINK_COLS: &str = "l.entry_id, e.slug AS entry_slug, e.title AS entry_title, l.process_id, p.slug AS process_slug, p.title AS process_title, p.status AS process_status, p.department_id AS process_department, l.lifecycle_status, l.entry_version, l.linked_by, l.created_at";
const LINK_FROM: &str = "register_process_links l JOIN register_entries e ON e.id = l.entry_id JOIN processes p ON p.id = l.process_id";

fn link_from(tenant: &Tenant, r: &crate::Row) -> Result<(LifecycleLink, Option<i64>)> {
    Ok((
        LifecycleLink {
            entry_id: r.i64("entry_id")?,
            entry_slug: r.str("entry_slug")?,
            entry_title: r.str("entry_title")?,
            process_id: r.i64("process_id")?,
            process_slug: r.str("process_slug")?,
            process_title: r.str("process_title")?,
            process_status: ProcessStatus::from_str(&r.str("process_status")?)
                .unwrap_or(ProcessStatus::Draft),
            lifecycle_status: r.str("lifecycle_status")?,
            entry_version: r.i64("entry_version")?,
            linked_by: actor_label(tenant, r.opt_i64("linked_by")?),
            created_at: r.i64("created_at")?,
        },
        r.opt_i64("process_department")?,
    ))
}

/// Whether the actor may see a linked process (drafts only for its staff).
fn visible(actor: &Actor, status: ProcessStatus, department_id: Option<i64>) -> bool {
    let facts = ProcessFacts {
        status,
        department_id,
        active_forms: Vec::new(),
        rules: ProcessRules::default(),
    };
    decide(actor, Action::ViewProcess, &Target::Process(&facts)).is_ok()
}

fn evaluation_from(tenant: &Tenant, r: &crate::Row) -> Result<Evaluation> {
    let snapshot: EvaluationSnapshot = serde_json::from_str(&r.str("snapshot")?)
        .map_err(|e| StoreError::Analysis(format!("stored evaluation: {e}")))?;
    Ok(Evaluation {
        process_id: r.i64("process_id")?,
        revision: r.i64("revision")?,
        lessons: r.str("lessons")?,
        correction_note: r.str("correction_note")?,
        snapshot,
        published_by: actor_label(tenant, r.opt_i64("published_by")?),
        published_at: r.i64("published_at")?,
    })
}

/// The person behind a row with an optional account and a channel:
/// offline rows without account count one person each.
fn person(user: Option<i64>, channel: Channel) -> Person {
    match user {
        Some(id) => Person::Account(id),
        None if channel == Channel::Online => Person::Anonymous("online".into()),
        None => Person::Offline(None),
    }
}

fn channel_of(r: &crate::Row) -> Result<Channel> {
    Ok(Channel::parse(&r.str("channel")?).unwrap_or(Channel::Online))
}

impl Store {
    /// Processes held for an entry that the actor may see, oldest first.
    pub async fn entry_processes(
        &self,
        tenant: &Tenant,
        actor: &Actor,
        entry_id: i64,
    ) -> Result<Vec<LifecycleLink>> {
        let rows = self
            .db
            .all(
                &format!("SELECT {LINK_COLS} FROM {LINK_FROM} WHERE l.municipality_id = $1 AND l.entry_id = $2 ORDER BY l.created_at, l.id"),
                params![tenant.id, entry_id],
            )
            .await?;
        let mut out = Vec::new();
        for r in &rows {
            let (link, dept) = link_from(tenant, r)?;
            if visible(actor, link.process_status, dept) {
                out.push(link);
            }
        }
        Ok(out)
    }

    /// Register entries a process was held for (entries are public).
    pub async fn process_entries(
        &self,
        tenant: &Tenant,
        process_id: i64,
    ) -> Result<Vec<LifecycleLink>> {
        let rows = self
            .db
            .all(
                &format!("SELECT {LINK_COLS} FROM {LINK_FROM} WHERE l.municipality_id = $1 AND l.process_id = $2 ORDER BY e.title, l.id"),
                params![tenant.id, process_id],
            )
            .await?;
        rows.iter()
            .map(|r| link_from(tenant, r).map(|(l, _)| l))
            .collect()
    }

    /// Ids of the processes with a published evaluation.
    pub async fn evaluated_processes(&self, tenant: &Tenant) -> Result<BTreeSet<i64>> {
        self.db
            .all(
                "SELECT DISTINCT process_id FROM process_evaluations WHERE municipality_id = $1",
                params![tenant.id],
            )
            .await?
            .iter()
            .map(|r| Ok(r.i64("process_id")?))
            .collect()
    }

    /// For the process page, in one statement: the register entries the
    /// process was held for (by title) and its latest published
    /// evaluation (revision and time), if any.
    pub async fn process_lifecycle(
        &self,
        tenant: &Tenant,
        process_id: i64,
    ) -> Result<ProcessLifecycle> {
        let rows = self
            .db
            .all(
                "SELECT e.slug AS entry_slug, e.title AS entry_title, l.lifecycle_status, (SELECT MAX(pe.revision) FROM process_evaluations pe WHERE pe.process_id = p.id) AS revision, (SELECT MAX(pe.published_at) FROM process_evaluations pe WHERE pe.process_id = p.id) AS published_at FROM processes p LEFT JOIN register_process_links l ON l.process_id = p.id LEFT JOIN register_entries e ON e.id = l.entry_id WHERE p.municipality_id = $1 AND p.id = $2 ORDER BY e.title, l.id",
                params![tenant.id, process_id],
            )
            .await?;
        let mut out = ProcessLifecycle::default();
        for r in &rows {
            if let (Some(revision), Some(at)) = (r.opt_i64("revision")?, r.opt_i64("published_at")?)
            {
                out.evaluation = Some((revision, at));
            }
            if let (Some(slug), Some(title), Some(status)) = (
                r.opt_str("entry_slug")?,
                r.opt_str("entry_title")?,
                r.opt_str("lifecycle_status")?,
            ) {
                out.entries.push(EntryRef {
                    slug,
                    title,
                    lifecycle_status: status,
                });
            }
        }
        Ok(out)
    }

    /// Processes the actor could link to the entry: visible and not yet
    /// linked, newest first.
    pub async fn linkable_processes(
        &self,
        tenant: &Tenant,
        actor: &Actor,
        entry_id: i64,
    ) -> Result<Vec<Process>> {
        let linked: BTreeSet<i64> = self
            .db
            .all(
                "SELECT process_id FROM register_process_links WHERE municipality_id = $1 AND entry_id = $2",
                params![tenant.id, entry_id],
            )
            .await?
            .iter()
            .map(|r| r.i64("process_id"))
            .collect::<std::result::Result<_, _>>()?;
        let mut all = self.processes().list(tenant, actor, None).await?;
        all.retain(|p| !linked.contains(&p.id));
        Ok(all)
    }

    async fn entry_for_linking(
        &self,
        tenant: &Tenant,
        actor: &Actor,
        entry_slug: &str,
    ) -> Result<RegisterSummary> {
        let entry = self.register().entry(tenant, entry_slug).await?;
        decide(actor, Action::LinkRegisterProcess, &entry.target())?;
        Ok(entry)
    }

    /// Links an existing process to an entry in the entry's current
    /// lifecycle phase. An unknown or invisible process is a field error;
    /// a process already linked is refused (`error-lifecycle-already-linked`).
    pub async fn link_process(
        &self,
        tenant: &Tenant,
        actor: &Actor,
        entry_slug: &str,
        process_slug: &str,
    ) -> Result<LifecycleLink> {
        let entry = self.entry_for_linking(tenant, actor, entry_slug).await?;
        let process = match process_slug.trim() {
            "" => None,
            s => match self.processes().get(tenant, actor, s).await {
                Ok(p) => Some(p),
                Err(StoreError::NotFound) => None,
                Err(e) => return Err(e),
            },
        };
        let Some(process) = process else {
            let mut e = FieldErrors::new();
            if process_slug.trim().is_empty() {
                e.add("process", "error-required");
            } else {
                e.add("process", "error-invalid-choice");
            }
            return Err(e.into());
        };
        let now = self.now();
        let mut tx = self.db.begin().await?;
        Self::insert_link(&mut tx, tenant, actor, &entry, &process, now).await?;
        tx.commit().await?;
        self.link(tenant, entry.id, process.id).await
    }

    /// Creates a new process for an entry and links it, in one
    /// transaction: both are written, or neither.
    pub async fn create_process_for_entry(
        &self,
        tenant: &Tenant,
        actor: &Actor,
        entry_slug: &str,
        input: &ProcessInput,
    ) -> Result<Process> {
        let entry = self.entry_for_linking(tenant, actor, entry_slug).await?;
        decide(actor, Action::CreateProcess, &Target::Municipality)?;
        let (status, slug) = input.validate()?;
        if !actor.runs(input.department_id) {
            let mut e = FieldErrors::new();
            e.add("department_id", "error-not-your-department");
            return Err(e.into());
        }
        let now = self.now();
        let mut tx = self.db.begin().await?;
        let id = insert_process(&mut tx, tenant, actor, input, status, &slug, now).await?;
        let process = Process {
            id,
            slug: slug.clone(),
            title: input.title.trim().to_string(),
            summary: input.summary.trim().to_string(),
            body: input.body.clone(),
            department_id: input.department_id,
            department: None,
            area: input.area.clone(),
            image_url: None,
            image_alt: String::new(),
            status,
            active_phase_id: None,
            rules: input.rules.clone(),
            proposal_count: 0,
            created_at: now,
            updated_at: now,
            phases: Vec::new(),
        };
        Self::insert_link(&mut tx, tenant, actor, &entry, &process, now).await?;
        tx.commit().await?;
        self.processes().by_id(tenant, id).await
    }

    async fn insert_link(
        tx: &mut Tx,
        tenant: &Tenant,
        actor: &Actor,
        entry: &RegisterSummary,
        process: &Process,
        now: i64,
    ) -> Result<()> {
        if tx
            .opt(
                "SELECT 1 AS x FROM register_process_links WHERE entry_id = $1 AND process_id = $2",
                params![entry.id, process.id],
            )
            .await?
            .is_some()
        {
            return Err(StoreError::Conflict("error-lifecycle-already-linked"));
        }
        tx.exec(
            "INSERT INTO register_process_links (municipality_id, entry_id, process_id, lifecycle_status, entry_version, linked_by, created_at) VALUES ($1, $2, $3, $4, $5, $6, $7)",
            params![tenant.id, entry.id, process.id, entry.status.as_str(), entry.current_version, actor.user_id, now],
        )
        .await
        .map_err(|e| {
            if e.is_unique_violation() {
                StoreError::Conflict("error-lifecycle-already-linked")
            } else {
                e.into()
            }
        })?;
        append(
            tx,
            tenant,
            now,
            AuditEvent::new(
                actor_label(tenant, actor.user_id),
                "register.process_linked",
                format!("register_entry:{}", entry.id),
                serde_json::json!({
                    "process": process.id,
                    "process_slug": process.slug,
                    "lifecycle_status": entry.status,
                    "version": entry.current_version,
                }),
            ),
        )
        .await?;
        // Followers hear of participation they can take part in; a draft
        // is not public yet.
        if process.status.is_public() {
            notify_entry_followers(
                tx,
                tenant,
                now,
                actor.user_id,
                "register_participation",
                entry.id,
                &entry.title,
                &format!("/processes/{}", process.slug),
            )
            .await?;
        }
        Ok(())
    }

    async fn link(&self, tenant: &Tenant, entry_id: i64, process_id: i64) -> Result<LifecycleLink> {
        let r = self
            .db
            .opt(
                &format!("SELECT {LINK_COLS} FROM {LINK_FROM} WHERE l.municipality_id = $1 AND l.entry_id = $2 AND l.process_id = $3"),
                params![tenant.id, entry_id, process_id],
            )
            .await?
            .ok_or(StoreError::NotFound)?;
        link_from(tenant, &r).map(|(l, _)| l)
    }

    /// Removes a link (a process linked by mistake). Audited; refused with
    /// `error-lifecycle-not-linked` when there is no such link.
    pub async fn unlink_process(
        &self,
        tenant: &Tenant,
        actor: &Actor,
        entry_slug: &str,
        process_slug: &str,
    ) -> Result<()> {
        let entry = self.entry_for_linking(tenant, actor, entry_slug).await?;
        let now = self.now();
        let mut tx = self.db.begin().await?;
        let row = tx
            .opt(
                "SELECT l.id, l.process_id, l.lifecycle_status FROM register_process_links l JOIN processes p ON p.id = l.process_id WHERE l.municipality_id = $1 AND l.entry_id = $2 AND p.slug = $3",
                params![tenant.id, entry.id, process_slug.trim()],
            )
            .await?
            .ok_or(StoreError::Conflict("error-lifecycle-not-linked"))?;
        tx.exec(
            "DELETE FROM register_process_links WHERE id = $1",
            params![row.i64("id")?],
        )
        .await?;
        append(
            &mut tx,
            tenant,
            now,
            AuditEvent::new(
                actor_label(tenant, actor.user_id),
                "register.process_unlinked",
                format!("register_entry:{}", entry.id),
                serde_json::json!({
                    "process": row.i64("process_id")?,
                    "process_slug": process_slug.trim(),
                    "lifecycle_status": row.str("lifecycle_status")?,
                }),
            ),
        )
        .await?;
        tx.commit().await?;
        Ok(())
    }

    /// The participation figures of a process as of now (see
    /// `teilhabe_domain::evaluation` for what is counted how).
    pub async fn evaluation_figures(&self, tenant: &Tenant, process_id: i64) -> Result<Figures> {
        let (t, p) = (tenant.id, process_id);
        let mut contributions = Vec::new();
        let mut push = |form, person, channel, count| {
            contributions.push(Contribution {
                form,
                person,
                channel,
                count,
            })
        };
        // Proposals, one by one: their answer facts are needed too.
        let proposal_rows = self
            .db
            .all(
                "SELECT id, author_id, channel, status, created_at, answered_at FROM proposals WHERE process_id = $1 AND municipality_id = $2 AND hidden_at IS NULL",
                params![p, t],
            )
            .await?;
        let since = proposal_rows
            .iter()
            .map(|r| r.i64("created_at"))
            .collect::<std::result::Result<Vec<_>, _>>()?
            .into_iter()
            .min();
        let first_answers = match since {
            Some(since) => self.first_answers(tenant, since).await?,
            None => HashMap::new(),
        };
        let mut proposals = Vec::new();
        for r in &proposal_rows {
            let channel = channel_of(r)?;
            push(
                ContributionForm::Proposal,
                person(r.opt_i64("author_id")?, channel),
                channel,
                1,
            );
            let id = r.i64("id")?;
            proposals.push(ProposalFact {
                status: ProposalStatus::from_str(&r.str("status")?)
                    .unwrap_or(ProposalStatus::Submitted),
                created_at: r.i64("created_at")?,
                first_answer_at: first_answers
                    .get(&id)
                    .copied()
                    .or(r.opt_i64("answered_at")?),
            });
        }
        // Comments and supports: counted per person and channel.
        for (form, sql) in [
            (ContributionForm::Comment, "SELECT c.author_id AS person_id, c.channel, COUNT(*) AS n FROM comments c JOIN proposals pr ON pr.id = c.proposal_id WHERE pr.process_id = $1 AND c.municipality_id = $2 AND c.hidden_at IS NULL AND pr.hidden_at IS NULL GROUP BY c.author_id, c.channel"),
            (ContributionForm::Support, "SELECT user_id AS person_id, channel, COUNT(*) AS n FROM supports WHERE process_id = $1 AND municipality_id = $2 GROUP BY user_id, channel"),
        ] {
            for r in self.db.all(sql, params![p, t]).await? {
                let channel = channel_of(&r)?;
                push(
                    form,
                    person(r.opt_i64("person_id")?, channel),
                    channel,
                    r.i64("n")?,
                );
            }
        }
        // Opinion-map participants are people (an account, a browser, an
        // imported voter or a numbered paper questionnaire).
        let opinion_person = |pid: i64, user: Option<i64>, channel: Channel| match user {
            Some(id) => Person::Account(id),
            None if channel == Channel::Online => Person::Anonymous(format!("o:{pid}")),
            None => Person::Offline(Some(format!("o:{pid}"))),
        };
        for r in self
            .db
            .all(
                "SELECT v.participant_id, v.channel, op.user_id, COUNT(*) AS n FROM opinion_votes v JOIN opinion_participants op ON op.id = v.participant_id WHERE v.process_id = $1 AND v.municipality_id = $2 GROUP BY v.participant_id, v.channel, op.user_id",
                params![p, t],
            )
            .await?
        {
            let channel = channel_of(&r)?;
            push(
                ContributionForm::OpinionVote,
                opinion_person(r.i64("participant_id")?, r.opt_i64("user_id")?, channel),
                channel,
                r.i64("n")?,
            );
        }
        for r in self
            .db
            .all(
                "SELECT s.author_participant_id, COALESCE(s.author_user_id, op.user_id) AS user_id, COALESCE(op.channel, 'online') AS channel, COUNT(*) AS n FROM opinion_statements s LEFT JOIN opinion_participants op ON op.id = s.author_participant_id WHERE s.process_id = $1 AND s.municipality_id = $2 AND s.origin = 'participant' AND s.state <> 'rejected' GROUP BY s.author_participant_id, COALESCE(s.author_user_id, op.user_id), COALESCE(op.channel, 'online')",
                params![p, t],
            )
            .await?
        {
            let channel = channel_of(&r)?;
            let who = match (r.opt_i64("user_id")?, r.opt_i64("author_participant_id")?) {
                (Some(u), _) => Person::Account(u),
                (None, Some(pid)) => opinion_person(pid, None, channel),
                (None, None) => person(None, channel),
            };
            push(
                ContributionForm::OpinionStatement,
                who,
                channel,
                r.i64("n")?,
            );
        }
        // Ballots: `u:<user>` online, `paper:<sheet>` from paper sheets.
        for r in self
            .db
            .all(
                "SELECT voter_key, channel, COUNT(*) AS n FROM budget_ballots WHERE process_id = $1 AND municipality_id = $2 GROUP BY voter_key, channel",
                params![p, t],
            )
            .await?
        {
            let channel = channel_of(&r)?;
            let key = r.str("voter_key")?;
            let who = match key.strip_prefix("u:").and_then(|u| u.parse::<i64>().ok()) {
                Some(u) => Person::Account(u),
                None if channel == Channel::Online => Person::Anonymous(key),
                None => Person::Offline(Some(key)),
            };
            push(ContributionForm::BudgetBallot, who, channel, r.i64("n")?);
        }
        let accounts: Vec<i64> = contributions
            .iter()
            .filter_map(|c| match c.person {
                Person::Account(id) => Some(id),
                _ => None,
            })
            .collect::<BTreeSet<_>>()
            .into_iter()
            .collect();
        let mut verified = BTreeSet::new();
        for chunk in accounts.chunks(500) {
            let mut p: Vec<crate::P> = vec![t.into()];
            let mut marks = Vec::new();
            for id in chunk {
                p.push((*id).into());
                marks.push(format!("${}", p.len()));
            }
            let sql = format!(
                "SELECT id FROM users WHERE municipality_id = $1 AND verified_at IS NOT NULL AND id IN ({})",
                marks.join(", ")
            );
            for r in self.db.all(&sql, &p).await? {
                verified.insert(r.i64("id")?);
            }
        }
        Ok(compute(&Facts {
            contributions,
            proposals,
            verified_accounts: verified,
            answer_deadline_days: tenant.answer_deadline_days,
            now: self.now(),
        }))
    }

    /// The first public written answer of each proposal answered since
    /// `since` (Unix ms), from the audit trail (`proposals.answered_at`
    /// holds the latest one).
    async fn first_answers(&self, tenant: &Tenant, since: i64) -> Result<HashMap<i64, i64>> {
        let rows = self
            .db
            .all(
                "SELECT target, at_ms, details FROM audit_log WHERE municipality_id = $1 AND action = 'proposal.answered' AND at_ms >= $2 ORDER BY seq",
                params![tenant.id, since],
            )
            .await?;
        let mut out = HashMap::new();
        for r in &rows {
            let Some(id) = r
                .str("target")?
                .strip_prefix("proposal:")
                .and_then(|s| s.parse::<i64>().ok())
            else {
                continue;
            };
            let details: serde_json::Value =
                serde_json::from_str(&r.str("details")?).unwrap_or_default();
            let answered = details
                .get("answer")
                .and_then(|a| a.as_str())
                .is_some_and(|a| !a.trim().is_empty());
            if answered {
                out.entry(id).or_insert(r.i64("at_ms")?);
            }
        }
        Ok(out)
    }

    /// The impact goals linked to a process with their indicators' state
    /// as of now. Goals and indicators come from the impact-goal module.
    pub async fn evaluation_goals(
        &self,
        tenant: &Tenant,
        process_id: i64,
    ) -> Result<Vec<EvaluationGoal>> {
        let goals = self.goals_for_process(tenant, process_id).await?;
        Ok(goals
            .into_iter()
            .map(|g| EvaluationGoal {
                title: g.goal.statement.clone(),
                slug: g.goal.slug.clone(),
                state: g.summary.overall.as_str().to_string(),
                indicators: g
                    .indicators
                    .iter()
                    .map(|i| EvaluationIndicator {
                        name: i.indicator.name.clone(),
                        unit: i.indicator.unit.clone(),
                        state: i.state.as_str().to_string(),
                        latest: i.latest.as_ref().map(|m| m.value),
                        target: i.indicator.target_value,
                    })
                    .collect(),
            })
            .collect())
    }

    /// Everything an evaluation would freeze now.
    pub async fn evaluation_snapshot(
        &self,
        tenant: &Tenant,
        process: &Process,
    ) -> Result<EvaluationSnapshot> {
        Ok(EvaluationSnapshot {
            process_slug: process.slug.clone(),
            process_title: process.title.clone(),
            department: process.department.clone(),
            period_start: process.phases.first().map(|p| p.starts_on.clone()),
            period_end: process.phases.last().map(|p| p.ends_on.clone()),
            computed_at: self.now(),
            answer_deadline_days: tenant.answer_deadline_days,
            figures: self.evaluation_figures(tenant, process.id).await?,
            goals: self.evaluation_goals(tenant, process.id).await?,
        })
    }

    async fn evaluable(&self, tenant: &Tenant, actor: &Actor, slug: &str) -> Result<Process> {
        let process = self.processes().get(tenant, actor, slug).await?;
        decide(
            actor,
            Action::EvaluateProcess,
            &Target::Process(&process.facts()),
        )?;
        check_can_evaluate(process.status).map_err(StoreError::Conflict)?;
        Ok(process)
    }

    /// The staff's page before publishing: the figures as of now and the
    /// latest published revision, if any. Only for closed processes.
    pub async fn evaluation_draft(
        &self,
        tenant: &Tenant,
        actor: &Actor,
        slug: &str,
    ) -> Result<EvaluationDraft> {
        let process = self.evaluable(tenant, actor, slug).await?;
        let preview = self.evaluation_snapshot(tenant, &process).await?;
        let latest = self.evaluation_revision(tenant, process.id, None).await?;
        Ok(EvaluationDraft {
            process,
            preview,
            latest,
        })
    }

    /// Publishes the evaluation of a closed process: the figures are
    /// computed and frozen now, with the lessons learned. A later call
    /// publishes a corrected revision (with a note saying what changed);
    /// earlier revisions stay.
    pub async fn publish_evaluation(
        &self,
        tenant: &Tenant,
        actor: &Actor,
        slug: &str,
        lessons: &str,
        correction_note: &str,
    ) -> Result<Evaluation> {
        let process = self.evaluable(tenant, actor, slug).await?;
        let latest = self.latest_revision_number(tenant, process.id).await?;
        validate_publication(lessons, correction_note, latest > 0)?;
        let snapshot = self.evaluation_snapshot(tenant, &process).await?;
        let json = serde_json::to_string(&snapshot)
            .map_err(|e| StoreError::Analysis(format!("evaluation as JSON: {e}")))?;
        let now = self.now();
        let revision = latest + 1;
        let mut tx = self.db.begin().await?;
        tx.exec(
            "INSERT INTO process_evaluations (municipality_id, process_id, revision, lessons, correction_note, snapshot, published_by, published_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8)",
            params![tenant.id, process.id, revision, lessons.trim(), correction_note.trim(), json.as_str(), actor.user_id, now],
        )
        .await
        // Two publications at the same moment: the second is refused.
        .map_err(|e| {
            if e.is_unique_violation() {
                StoreError::Conflict("error-evaluation-stale")
            } else {
                e.into()
            }
        })?;
        append(
            &mut tx,
            tenant,
            now,
            AuditEvent::new(
                actor_label(tenant, actor.user_id),
                "process.evaluation_published",
                format!("process:{}", process.id),
                serde_json::json!({
                    "revision": revision,
                    "correction_note": correction_note.trim(),
                    "participants": snapshot.figures.participants,
                    "contributions": snapshot.figures.contributions,
                    // The hash of the stored snapshot ties the log to it.
                    "sha256": crate::token_hash(&json),
                }),
            ),
        )
        .await?;
        tx.exec(
            "INSERT INTO notifications (municipality_id, user_id, kind, title, link, created_at) SELECT $1, f.user_id, 'evaluation_published', $2, $3, $4 FROM follows f WHERE f.target_kind = 'process' AND f.target_id = $5 AND f.user_id <> $6",
            params![tenant.id, process.title.as_str(), format!("/processes/{}/evaluation", process.slug), now, process.id, actor.user_id.unwrap_or(0)],
        )
        .await?;
        tx.commit().await?;
        self.evaluation_revision(tenant, process.id, Some(revision))
            .await?
            .ok_or(StoreError::NotFound)
    }

    async fn latest_revision_number(&self, tenant: &Tenant, process_id: i64) -> Result<i64> {
        let r = self
            .db
            .one(
                "SELECT COALESCE(MAX(revision), 0) AS n FROM process_evaluations WHERE municipality_id = $1 AND process_id = $2",
                params![tenant.id, process_id],
            )
            .await?;
        Ok(r.i64("n")?)
    }

    /// One revision (`None`: the latest) of a process's evaluation.
    pub async fn evaluation_revision(
        &self,
        tenant: &Tenant,
        process_id: i64,
        revision: Option<i64>,
    ) -> Result<Option<Evaluation>> {
        let r = self
            .db
            .opt(
                "SELECT process_id, revision, lessons, correction_note, snapshot, published_by, published_at FROM process_evaluations WHERE municipality_id = $1 AND process_id = $2 AND ($3 = 0 OR revision = $3) ORDER BY revision DESC LIMIT 1",
                params![tenant.id, process_id, revision.unwrap_or(0)],
            )
            .await?;
        r.map(|r| evaluation_from(tenant, &r)).transpose()
    }

    /// All published revisions, newest first.
    pub async fn evaluation_revisions(
        &self,
        tenant: &Tenant,
        process_id: i64,
    ) -> Result<Vec<EvaluationRevision>> {
        let rows = self
            .db
            .all(
                "SELECT revision, correction_note, published_by, published_at FROM process_evaluations WHERE municipality_id = $1 AND process_id = $2 ORDER BY revision DESC",
                params![tenant.id, process_id],
            )
            .await?;
        rows.iter()
            .map(|r| {
                Ok(EvaluationRevision {
                    revision: r.i64("revision")?,
                    correction_note: r.str("correction_note")?,
                    published_by: actor_label(tenant, r.opt_i64("published_by")?),
                    published_at: r.i64("published_at")?,
                })
            })
            .collect()
    }

    /// The published evaluation of a process the actor may see (`None`:
    /// the latest revision), with the list of revisions. Not found when
    /// nothing (or no such revision) is published.
    pub async fn published_evaluation(
        &self,
        tenant: &Tenant,
        actor: &Actor,
        slug: &str,
        revision: Option<i64>,
    ) -> Result<(Process, Evaluation, Vec<EvaluationRevision>)> {
        let process = self.processes().get(tenant, actor, slug).await?;
        let evaluation = self
            .evaluation_revision(tenant, process.id, revision)
            .await?
            .ok_or(StoreError::NotFound)?;
        let revisions = self.evaluation_revisions(tenant, process.id).await?;
        Ok((process, evaluation, revisions))
    }
}
