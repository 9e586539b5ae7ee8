//! Participation along a register entry's lifecycle: staff of the entry's
//! department open a process for it (new or existing); the link keeps the
//! entry's lifecycle status and version at that moment.

use super::{visible, EntryRef, Evaluations, LifecycleLink, LinkRow, ProcessLifecycle};
use crate::processes::{check_new_process, insert_process, Process, ProcessInput};
use crate::register::{notify_entry_followers, RegisterSummary};
use crate::{params, Result, StoreError, Tenant, Write};
use serde::Deserialize;
use std::collections::BTreeSet;
use teilhabe_domain::permission::{decide, Action};
use teilhabe_domain::{Actor, FieldErrors};

const LINK_COLS: &str = "l.entry_id, e.slug AS entry_slug, e.title AS entry_title, l.process_id, p.slug AS process_slug, p.title AS process_title, p.status AS process_status, p.department_id AS process_department, l.lifecycle_status, l.entry_version, l.linked_by, l.created_at";
const LINK_FROM: &str = "register_process_links l JOIN register_entries e ON e.id = l.entry_id JOIN processes p ON p.id = l.process_id";

/// One row of the process page's lifecycle query: an entry (if any) and
/// the latest evaluation (if any).
#[derive(Deserialize)]
struct LifecycleRow {
    entry_slug: Option<String>,
    entry_title: Option<String>,
    lifecycle_status: Option<String>,
    revision: Option<i64>,
    published_at: Option<i64>,
}

#[derive(Deserialize)]
struct ProcessIdRow {
    process_id: i64,
}

/// The link to remove.
#[derive(Deserialize)]
struct LinkedRow {
    id: i64,
    process_id: i64,
    lifecycle_status: String,
}

impl Evaluations<'_> {
    /// Processes held for an entry that the actor may see, oldest first.
    pub async fn entry_processes(
        &self,
        tenant: &Tenant,
        actor: &Actor,
        entry_id: i64,
    ) -> Result<Vec<LifecycleLink>> {
        let rows: Vec<LinkRow> = self
            .store
            .db
            .all_as(
                &format!("SELECT {LINK_COLS} FROM {LINK_FROM} WHERE l.municipality_id = $1 AND l.entry_id = $2 ORDER BY l.created_at, l.id"),
                params![tenant.id, entry_id],
            )
            .await?;
        Ok(rows
            .into_iter()
            .map(|r| r.into_link(tenant))
            .filter(|(link, dept)| visible(actor, link.process_status, *dept))
            .map(|(link, _)| link)
            .collect())
    }

    /// Register entries a process was held for (entries are public).
    pub async fn process_entries(
        &self,
        tenant: &Tenant,
        process_id: i64,
    ) -> Result<Vec<LifecycleLink>> {
        let rows: Vec<LinkRow> = self
            .store
            .db
            .all_as(
                &format!("SELECT {LINK_COLS} FROM {LINK_FROM} WHERE l.municipality_id = $1 AND l.process_id = $2 ORDER BY e.title, l.id"),
                params![tenant.id, process_id],
            )
            .await?;
        Ok(rows.into_iter().map(|r| r.into_link(tenant).0).collect())
    }

    /// Ids of the processes with a published evaluation.
    pub async fn evaluated_processes(&self, tenant: &Tenant) -> Result<BTreeSet<i64>> {
        let rows: Vec<ProcessIdRow> = self
            .store
            .db
            .all_as(
                "SELECT DISTINCT process_id FROM process_evaluations WHERE municipality_id = $1",
                params![tenant.id],
            )
            .await?;
        Ok(rows.into_iter().map(|r| r.process_id).collect())
    }

    /// For the process page, in one statement: the register entries the
    /// process was held for (by title) and its latest published
    /// evaluation (revision and time), if any.
    pub async fn process_lifecycle(
        &self,
        tenant: &Tenant,
        process_id: i64,
    ) -> Result<ProcessLifecycle> {
        let rows: Vec<LifecycleRow> = self
            .store
            .db
            .all_as(
                "SELECT e.slug AS entry_slug, e.title AS entry_title, l.lifecycle_status, (SELECT MAX(pe.revision) FROM process_evaluations pe WHERE pe.process_id = p.id) AS revision, (SELECT MAX(pe.published_at) FROM process_evaluations pe WHERE pe.process_id = p.id) AS published_at FROM processes p LEFT JOIN register_process_links l ON l.process_id = p.id LEFT JOIN register_entries e ON e.id = l.entry_id WHERE p.municipality_id = $1 AND p.id = $2 ORDER BY e.title, l.id",
                params![tenant.id, process_id],
            )
            .await?;
        let mut out = ProcessLifecycle::default();
        for r in rows {
            if let (Some(revision), Some(at)) = (r.revision, r.published_at) {
                out.evaluation = Some((revision, at));
            }
            if let (Some(slug), Some(title), Some(status)) =
                (r.entry_slug, r.entry_title, r.lifecycle_status)
            {
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
        let rows: Vec<ProcessIdRow> = self
            .store
            .db
            .all_as(
                "SELECT process_id FROM register_process_links WHERE municipality_id = $1 AND entry_id = $2",
                params![tenant.id, entry_id],
            )
            .await?;
        let linked: BTreeSet<i64> = rows.into_iter().map(|r| r.process_id).collect();
        let mut all = self.store.processes().list(tenant, actor, None).await?;
        all.retain(|p| !linked.contains(&p.id));
        Ok(all)
    }

    async fn entry_for_linking(
        &self,
        tenant: &Tenant,
        actor: &Actor,
        entry_slug: &str,
    ) -> Result<RegisterSummary> {
        let entry = self.store.register().entry(tenant, entry_slug).await?;
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
            s => match self.store.processes().get(tenant, actor, s).await {
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
        let mut w = self.store.write(tenant).await?;
        Self::insert_link(&mut w, actor, &entry, &process).await?;
        w.commit().await?;
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
        let (status, slug) = check_new_process(actor, input)?;
        let mut w = self.store.write(tenant).await?;
        let now = w.now;
        let id = insert_process(&mut w, tenant, actor, input, status, &slug, now).await?;
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
        Self::insert_link(&mut w, actor, &entry, &process).await?;
        w.commit().await?;
        self.store.processes().by_id(tenant, id).await
    }

    async fn insert_link(
        w: &mut Write<'_>,
        actor: &Actor,
        entry: &RegisterSummary,
        process: &Process,
    ) -> Result<()> {
        let (tenant, now) = (w.tenant(), w.now);
        if w.opt(
            "SELECT 1 AS x FROM register_process_links WHERE entry_id = $1 AND process_id = $2",
            params![entry.id, process.id],
        )
        .await?
        .is_some()
        {
            return Err(StoreError::Conflict("error-lifecycle-already-linked"));
        }
        w.exec(
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
        w.audit(
            actor,
            "register.process_linked",
            format!("register_entry:{}", entry.id),
            serde_json::json!({
                "process": process.id,
                "process_slug": process.slug,
                "lifecycle_status": entry.status,
                "version": entry.current_version,
            }),
        );
        // Followers hear of participation they can take part in; a draft
        // is not public yet.
        if process.status.is_public() {
            notify_entry_followers(
                w,
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
        let r: LinkRow = self
            .store
            .db
            .opt_as(
                &format!("SELECT {LINK_COLS} FROM {LINK_FROM} WHERE l.municipality_id = $1 AND l.entry_id = $2 AND l.process_id = $3"),
                params![tenant.id, entry_id, process_id],
            )
            .await?
            .ok_or(StoreError::NotFound)?;
        Ok(r.into_link(tenant).0)
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
        let mut w = self.store.write(tenant).await?;
        let row: LinkedRow = w
            .opt_as(
                "SELECT l.id, l.process_id, l.lifecycle_status FROM register_process_links l JOIN processes p ON p.id = l.process_id WHERE l.municipality_id = $1 AND l.entry_id = $2 AND p.slug = $3",
                params![tenant.id, entry.id, process_slug.trim()],
            )
            .await?
            .ok_or(StoreError::Conflict("error-lifecycle-not-linked"))?;
        w.exec(
            "DELETE FROM register_process_links WHERE id = $1",
            params![row.id],
        )
        .await?;
        w.audit(
            actor,
            "register.process_unlinked",
            format!("register_entry:{}", entry.id),
            serde_json::json!({
                "process": row.process_id,
                "process_slug": process_slug.trim(),
                "lifecycle_status": row.lifecycle_status,
            }),
        );
        w.commit().await?;
        Ok(())
    }
}
