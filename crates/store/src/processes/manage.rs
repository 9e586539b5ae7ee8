//! Listing, creating and editing processes with their phases.

use super::{PhaseRow, Process, ProcessInput, ProcessRights, ProcessRow, Processes, PROCESS_COLS};
use crate::audit::{append, event_label};
use crate::{params, Result, Store, StoreError, Tenant};
use teilhabe_domain::audit::AuditEvent;
use teilhabe_domain::permission::{decide, Action, Target};
use teilhabe_domain::process::{Form, ProcessStatus};
use teilhabe_domain::{Actor, FieldErrors};

impl Store {
    /// Creates a process (staff of the chosen department, or an admin).
    pub async fn create_process(
        &self,
        tenant: &Tenant,
        actor: &Actor,
        input: &ProcessInput,
    ) -> Result<Process> {
        let (status, slug) = check_new_process(actor, input)?;
        let mut w = self.write(tenant).await?;
        let now = w.now;
        let id = insert_process(&mut w, tenant, actor, input, status, &slug, now).await?;
        w.commit().await?;
        self.processes().by_id(tenant, id).await
    }
}

/// Checks the form of a new process: the actor may create processes (see
/// [`check_form`] for the rest). Returns the status and slug.
pub(crate) fn check_new_process(
    actor: &Actor,
    input: &ProcessInput,
) -> Result<(ProcessStatus, String)> {
    decide(actor, Action::CreateProcess, &Target::Municipality)?;
    check_form(actor, input)
}

/// Checks a process form: its fields, and that its department is one the
/// actor runs. Returns the status and slug.
fn check_form(actor: &Actor, input: &ProcessInput) -> Result<(ProcessStatus, String)> {
    let checked = input.validate()?;
    if !actor.runs(input.department_id) {
        let mut e = FieldErrors::new();
        e.add("department_id", "error-not-your-department");
        return Err(e.into());
    }
    Ok(checked)
}

impl Processes<'_> {
    /// Processes visible to the actor (drafts only for their staff), with
    /// their phases, in two statements whatever their number.
    pub async fn list(
        &self,
        tenant: &Tenant,
        actor: &Actor,
        status: Option<ProcessStatus>,
    ) -> Result<Vec<Process>> {
        let rows: Vec<ProcessRow> = self
            .store
            .db
            .all_as(
                &format!("SELECT {PROCESS_COLS} FROM processes p LEFT JOIN departments d ON d.id = p.department_id WHERE p.municipality_id = $1 AND ($2 = '' OR p.status = $2) ORDER BY p.created_at DESC"),
                params![tenant.id, status.map(|s| s.as_str()).unwrap_or("")],
            )
            .await?;
        let mut list: Vec<Process> = rows.into_iter().map(Process::from).collect();
        list.retain(|p| decide(actor, Action::ViewProcess, &Target::Process(&p.facts())).is_ok());
        let phases: Vec<PhaseRow> = self
            .store
            .db
            .all_as(
                "SELECT id, process_id, position, title, starts_on, ends_on, forms FROM phases WHERE municipality_id = $1 ORDER BY process_id, position",
                params![tenant.id],
            )
            .await?;
        // Phases grouped by process, each group in position order.
        let mut by_process: std::collections::HashMap<i64, Vec<PhaseRow>> =
            std::collections::HashMap::new();
        for r in phases {
            by_process.entry(r.process_id).or_default().push(r);
        }
        for p in &mut list {
            for r in by_process.remove(&p.id).unwrap_or_default() {
                p.phases.push(r.into_phase(p.active_phase_id));
            }
        }
        Ok(list)
    }

    /// The processes of the administration page: those the actor runs
    /// (refused unless the actor may see that page).
    pub async fn run_by(&self, tenant: &Tenant, actor: &Actor) -> Result<Vec<Process>> {
        decide(actor, Action::ViewAdmin, &Target::Municipality)?;
        let mut list = self.list(tenant, actor, None).await?;
        list.retain(|p| actor.runs(p.department_id));
        Ok(list)
    }

    /// One process by slug, if the actor may see it (404 otherwise).
    pub async fn get(&self, tenant: &Tenant, actor: &Actor, slug: &str) -> Result<Process> {
        let p = self.fetch(tenant, "p.slug", slug.into()).await?;
        decide(actor, Action::ViewProcess, &Target::Process(&p.facts()))?;
        Ok(p)
    }

    /// One process by slug, if the actor may see it and do `action` on it
    /// (a form page: editing the process, submitting a proposal).
    pub async fn get_for(
        &self,
        tenant: &Tenant,
        actor: &Actor,
        slug: &str,
        action: Action,
    ) -> Result<Process> {
        let p = self.get(tenant, actor, slug).await?;
        decide(actor, action, &Target::Process(&p.facts()))?;
        Ok(p)
    }

    /// One process by slug with what the actor may do on its page.
    pub async fn page(
        &self,
        tenant: &Tenant,
        actor: &Actor,
        slug: &str,
    ) -> Result<(Process, ProcessRights)> {
        let p = self.get(tenant, actor, slug).await?;
        let can = ProcessRights::decide(actor, &p);
        Ok((p, can))
    }

    pub(crate) async fn by_id(&self, tenant: &Tenant, id: i64) -> Result<Process> {
        self.fetch(tenant, "p.id", id.into()).await
    }

    /// One process with its phases, by a key column (`p.slug` or `p.id`).
    pub(super) async fn fetch(
        &self,
        tenant: &Tenant,
        key: &'static str,
        value: crate::P,
    ) -> Result<Process> {
        let r: ProcessRow = self
            .store
            .db
            .opt_as(
                &format!("SELECT {PROCESS_COLS} FROM processes p LEFT JOIN departments d ON d.id = p.department_id WHERE p.municipality_id = $1 AND {key} = $2"),
                &[tenant.id.into(), value],
            )
            .await?
            .ok_or(StoreError::NotFound)?;
        let mut p = Process::from(r);
        self.load_phases(&mut p).await?;
        Ok(p)
    }

    async fn load_phases(&self, p: &mut Process) -> Result<()> {
        let rows: Vec<PhaseRow> = self
            .store
            .db
            .all_as("SELECT id, process_id, position, title, starts_on, ends_on, forms FROM phases WHERE process_id = $1 ORDER BY position", params![p.id])
            .await?;
        p.phases = rows
            .into_iter()
            .map(|r| r.into_phase(p.active_phase_id))
            .collect();
        Ok(())
    }

    /// Replaces a process's fields and phases. The phases are written anew
    /// (with new ids); the active one is chosen again by its position in
    /// the form, so it survives an edit.
    pub async fn update(
        &self,
        tenant: &Tenant,
        actor: &Actor,
        slug: &str,
        input: &ProcessInput,
    ) -> Result<Process> {
        let current = self.get(tenant, actor, slug).await?;
        decide(
            actor,
            Action::EditProcess,
            &Target::Process(&current.facts()),
        )?;
        let (status, new_slug) = check_form(actor, input)?;
        let mut w = self.store.write(tenant).await?;
        let now = w.now;
        w.exec(
            "UPDATE processes SET slug = $1, title = $2, summary = $3, body = $4, department_id = $5, area = $6, image_url = $7, status = $8, proposals_require_verification = $9, supports_require_verification = $10, comments_require_verification = $11, support_limit = $12, updated_at = $13, active_phase_id = NULL WHERE id = $14",
            params![new_slug.as_str(), input.title.trim(), input.summary.trim(), input.body.as_str(), input.department_id, input.area.trim(), non_empty(&input.image_url), status.as_str(), input.rules.proposals_require_verification, input.rules.supports_require_verification, input.rules.comments_require_verification, input.rules.support_limit.map(|v| v as i64), now, current.id],
        )
        .await
        .map_err(slug_taken)?;
        w.exec(
            "DELETE FROM phases WHERE process_id = $1",
            params![current.id],
        )
        .await?;
        write_phases(&mut w, tenant, current.id, input).await?;
        crate::search::index(
            &mut w,
            tenant.id,
            crate::search::Kind::Process,
            current.id,
            Some(current.id),
            &input.title,
            &format!("{} {}", input.summary, input.body),
        )
        .await?;
        let mut changes = serde_json::Map::new();
        if current.status != status {
            changes.insert(
                "status".into(),
                serde_json::json!([current.status.as_str(), status.as_str()]),
            );
        }
        if current.title != input.title.trim() {
            changes.insert(
                "title".into(),
                serde_json::json!([current.title, input.title.trim()]),
            );
        }
        let old_active = current.active_phase().map(|p| p.position);
        let new_active = input.active_phase.map(|i| i as i64);
        if old_active != new_active {
            changes.insert(
                "active_phase".into(),
                serde_json::json!([old_active, new_active]),
            );
        }
        w.audit(
            actor,
            "process.updated",
            format!("process:{}", current.id),
            serde_json::Value::Object(changes),
        );
        w.commit().await?;
        self.by_id(tenant, current.id).await
    }
}

fn non_empty(s: &str) -> Option<String> {
    let t = s.trim();
    (!t.is_empty()).then(|| t.to_string())
}

fn slug_taken(e: crate::DbError) -> StoreError {
    if e.is_unique_violation() {
        let mut fe = FieldErrors::new();
        fe.add("slug", "error-slug-taken");
        StoreError::Invalid(fe)
    } else {
        e.into()
    }
}

/// Writes a validated new process with its phases, search entry and audit
/// entry inside the caller's transaction (for services that create a
/// process together with something else). Returns its id.
pub(crate) async fn insert_process(
    tx: &mut crate::Tx,
    tenant: &Tenant,
    actor: &Actor,
    input: &ProcessInput,
    status: ProcessStatus,
    slug: &str,
    now: i64,
) -> Result<i64> {
    let id = tx
        .insert(
            "INSERT INTO processes (municipality_id, slug, title, summary, body, department_id, area, image_url, status, proposals_require_verification, supports_require_verification, comments_require_verification, support_limit, created_at, updated_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $14) RETURNING id",
            params![tenant.id, slug, input.title.trim(), input.summary.trim(), input.body.as_str(), input.department_id, input.area.trim(), non_empty(&input.image_url), status.as_str(), input.rules.proposals_require_verification, input.rules.supports_require_verification, input.rules.comments_require_verification, input.rules.support_limit.map(|v| v as i64), now],
        )
        .await
        .map_err(slug_taken)?;
    write_phases(tx, tenant, id, input).await?;
    crate::search::index(
        tx,
        tenant.id,
        crate::search::Kind::Process,
        id,
        Some(id),
        &input.title,
        &format!("{} {}", input.summary, input.body),
    )
    .await?;
    append(
        tx,
        tenant,
        now,
        AuditEvent::new(
            event_label(tenant, actor.user_id, "process.created"),
            "process.created",
            format!("process:{id}"),
            serde_json::json!({"title": input.title.trim(), "status": status.as_str()}),
        ),
    )
    .await?;
    Ok(id)
}

async fn write_phases(
    tx: &mut crate::Tx,
    tenant: &Tenant,
    process_id: i64,
    input: &ProcessInput,
) -> Result<()> {
    let mut active_id = None;
    for (i, p) in input.phases.iter().enumerate() {
        let id = tx
            .insert(
                "INSERT INTO phases (municipality_id, process_id, position, title, starts_on, ends_on, forms) VALUES ($1, $2, $3, $4, $5, $6, $7) RETURNING id",
                params![tenant.id, process_id, i as i64, p.title.trim(), p.starts_on.trim(), p.ends_on.trim(), Form::join(&p.forms)],
            )
            .await?;
        if input.active_phase == Some(i) {
            active_id = Some(id);
        }
    }
    tx.exec(
        "UPDATE processes SET active_phase_id = $1 WHERE id = $2",
        params![active_id, process_id],
    )
    .await?;
    Ok(())
}
