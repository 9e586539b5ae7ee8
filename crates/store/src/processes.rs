use crate::audit::{actor_label, append};
use crate::{params, Result, Store, StoreError, Tenant};
use serde::Serialize;
use std::str::FromStr;
use teilhabe_domain::audit::AuditEvent;
use teilhabe_domain::permission::{decide, Action, Target};
use teilhabe_domain::process::{Form, ProcessFacts, ProcessRules, ProcessStatus};
use teilhabe_domain::validation::slugify;
use teilhabe_domain::{Actor, FieldErrors};

#[derive(Debug, Clone, Serialize)]
pub struct Phase {
    pub id: i64,
    pub position: i64,
    pub title: String,
    pub starts_on: String,
    pub ends_on: String,
    pub forms: Vec<Form>,
    pub active: bool,
}

#[derive(Debug, Clone, Serialize)]
pub struct Process {
    pub id: i64,
    pub slug: String,
    pub title: String,
    pub summary: String,
    pub body: String,
    pub department_id: Option<i64>,
    pub department: Option<String>,
    pub area: String,
    pub image_url: Option<String>,
    pub image_alt: String,
    pub status: ProcessStatus,
    pub active_phase_id: Option<i64>,
    pub rules: ProcessRules,
    pub proposal_count: i64,
    pub created_at: i64,
    pub updated_at: i64,
    pub phases: Vec<Phase>,
}

impl Process {
    pub fn active_phase(&self) -> Option<&Phase> {
        self.phases.iter().find(|p| p.active)
    }
    /// Whether any phase (not only the active one) opens this form.
    pub fn offers(&self, form: Form) -> bool {
        self.phases.iter().any(|p| p.forms.contains(&form))
    }
    pub fn facts(&self) -> ProcessFacts {
        ProcessFacts {
            status: self.status,
            department_id: self.department_id,
            active_forms: self
                .active_phase()
                .map(|p| p.forms.clone())
                .unwrap_or_default(),
            rules: self.rules.clone(),
        }
    }
}

/// A phase as entered in the process form.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct PhaseInput {
    pub title: String,
    pub starts_on: String,
    pub ends_on: String,
    pub forms: Vec<Form>,
}

/// A process as entered in the admin form.
#[derive(Debug, Clone, Default)]
pub struct ProcessInput {
    pub title: String,
    pub slug: String,
    pub summary: String,
    pub body: String,
    pub department_id: Option<i64>,
    pub area: String,
    pub image_url: String,
    pub status: String,
    pub rules: ProcessRules,
    pub phases: Vec<PhaseInput>,
    /// Index into `phases` of the active one.
    pub active_phase: Option<usize>,
}

fn parse_date(s: &str) -> Option<time::Date> {
    time::Date::parse(
        s.trim(),
        time::macros::format_description!("[year]-[month]-[day]"),
    )
    .ok()
}

impl ProcessInput {
    pub fn validate(&self) -> Result<(ProcessStatus, String), FieldErrors> {
        let mut e = FieldErrors::new();
        e.text("title", &self.title, 5, 150);
        e.text("summary", &self.summary, 10, 500);
        e.text("body", &self.body, 0, 50_000);
        e.optional_text("area", &self.area, 120);
        let slug = if self.slug.trim().is_empty() {
            slugify(&self.title)
        } else {
            self.slug.trim().to_string()
        };
        if slug.is_empty()
            || slug.len() > 80
            || !slug
                .chars()
                .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-')
        {
            e.add("slug", "error-slug");
        }
        let url = self.image_url.trim();
        if !(url.is_empty() || url.starts_with("https://") || url.starts_with('/')) {
            e.add("image_url", "error-url");
        }
        let status = ProcessStatus::from_str(&self.status).unwrap_or_else(|_| {
            e.add("status", "error-invalid-choice");
            ProcessStatus::Draft
        });
        if self.department_id.is_none() {
            e.add("department_id", "error-required");
        }
        if self.phases.is_empty() {
            e.add("phases", "error-phase-required");
        }
        for p in &self.phases {
            if p.title.trim().is_empty() || p.title.chars().count() > 120 {
                e.add("phases", "error-phase-title");
                break;
            }
            match (parse_date(&p.starts_on), parse_date(&p.ends_on)) {
                (Some(a), Some(b)) if a <= b => {}
                (Some(_), Some(_)) => {
                    e.add("phases", "error-phase-dates-order");
                    break;
                }
                _ => {
                    e.add("phases", "error-phase-dates");
                    break;
                }
            }
        }
        if let Some(i) = self.active_phase {
            if i >= self.phases.len() {
                e.add("active_phase", "error-invalid-choice");
            }
        }
        if let Some(l) = self.rules.support_limit {
            if l == 0 || l > 1000 {
                e.add_with(
                    "support_limit",
                    "error-number-range",
                    vec![("min", "1".into()), ("max", "1000".into())],
                );
            }
        }
        e.into_result().map(|_| (status, slug))
    }
}

const PROCESS_COLS: &str = "p.id, p.slug, p.title, p.summary, p.body, p.department_id, d.name AS department, p.area, p.image_url, p.image_alt, p.status, p.active_phase_id, p.proposals_require_verification, p.supports_require_verification, p.comments_require_verification, p.support_limit, p.proposal_count, p.created_at, p.updated_at";

fn process_from(r: &crate::Row) -> Result<Process> {
    Ok(Process {
        id: r.i64("id")?,
        slug: r.str("slug")?,
        title: r.str("title")?,
        summary: r.str("summary")?,
        body: r.str("body")?,
        department_id: r.opt_i64("department_id")?,
        department: r.opt_str("department")?,
        area: r.str("area")?,
        image_url: r.opt_str("image_url")?,
        image_alt: r.str("image_alt")?,
        status: ProcessStatus::from_str(&r.str("status")?).unwrap_or(ProcessStatus::Draft),
        active_phase_id: r.opt_i64("active_phase_id")?,
        rules: ProcessRules {
            proposals_require_verification: r.bool("proposals_require_verification")?,
            supports_require_verification: r.bool("supports_require_verification")?,
            comments_require_verification: r.bool("comments_require_verification")?,
            support_limit: r.opt_i64("support_limit")?.map(|v| v as u32),
        },
        proposal_count: r.i64("proposal_count")?,
        created_at: r.i64("created_at")?,
        updated_at: r.i64("updated_at")?,
        phases: Vec::new(),
    })
}

fn phase_from(r: &crate::Row, active: Option<i64>) -> Result<Phase> {
    let id = r.i64("id")?;
    Ok(Phase {
        id,
        position: r.i64("position")?,
        title: r.str("title")?,
        starts_on: r.str("starts_on")?,
        ends_on: r.str("ends_on")?,
        forms: Form::parse_list(&r.str("forms")?),
        active: Some(id) == active,
    })
}

impl Store {
    /// Processes visible to the actor (drafts only for their staff), with
    /// their phases, in two statements whatever their number.
    pub async fn processes(
        &self,
        tenant: &Tenant,
        actor: &Actor,
        status: Option<ProcessStatus>,
    ) -> Result<Vec<Process>> {
        let rows = self
            .db
            .all(
                &format!("SELECT {PROCESS_COLS} FROM processes p LEFT JOIN departments d ON d.id = p.department_id WHERE p.municipality_id = $1 AND ($2 = '' OR p.status = $2) ORDER BY p.created_at DESC"),
                params![tenant.id, status.map(|s| s.as_str()).unwrap_or("")],
            )
            .await?;
        let mut list: Vec<Process> = rows.iter().map(process_from).collect::<Result<_>>()?;
        list.retain(|p| decide(actor, Action::ViewProcess, &Target::Process(&p.facts())).is_ok());
        let phases = self
            .db
            .all(
                "SELECT id, process_id, position, title, starts_on, ends_on, forms FROM phases WHERE municipality_id = $1 ORDER BY process_id, position",
                params![tenant.id],
            )
            .await?;
        for p in &mut list {
            for r in phases
                .iter()
                .filter(|r| r.i64("process_id").ok() == Some(p.id))
            {
                p.phases.push(phase_from(r, p.active_phase_id)?);
            }
        }
        Ok(list)
    }

    /// One process by slug, if the actor may see it (404 otherwise).
    pub async fn process(&self, tenant: &Tenant, actor: &Actor, slug: &str) -> Result<Process> {
        let p = self.fetch_process(tenant, "p.slug", slug.into()).await?;
        decide(actor, Action::ViewProcess, &Target::Process(&p.facts()))?;
        Ok(p)
    }

    pub(crate) async fn process_by_id(&self, tenant: &Tenant, id: i64) -> Result<Process> {
        self.fetch_process(tenant, "p.id", id.into()).await
    }

    /// One process with its phases, by a key column (`p.slug` or `p.id`).
    async fn fetch_process(
        &self,
        tenant: &Tenant,
        key: &'static str,
        value: crate::P,
    ) -> Result<Process> {
        let r = self
            .db
            .opt(
                &format!("SELECT {PROCESS_COLS} FROM processes p LEFT JOIN departments d ON d.id = p.department_id WHERE p.municipality_id = $1 AND {key} = $2"),
                &[tenant.id.into(), value],
            )
            .await?
            .ok_or(StoreError::NotFound)?;
        let mut p = process_from(&r)?;
        self.load_phases(&mut p).await?;
        Ok(p)
    }

    async fn load_phases(&self, p: &mut Process) -> Result<()> {
        let rows = self
            .db
            .all("SELECT id, process_id, position, title, starts_on, ends_on, forms FROM phases WHERE process_id = $1 ORDER BY position", params![p.id])
            .await?;
        p.phases = rows
            .iter()
            .map(|r| phase_from(r, p.active_phase_id))
            .collect::<Result<_>>()?;
        Ok(())
    }

    /// Creates a process (staff of the chosen department, or an admin).
    pub async fn create_process(
        &self,
        tenant: &Tenant,
        actor: &Actor,
        input: &ProcessInput,
    ) -> Result<Process> {
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
        tx.commit().await?;
        self.process_by_id(tenant, id).await
    }

    /// Replaces a process's fields and phases. Phases keep their ids where
    /// the position stays, so the active phase survives an edit.
    pub async fn update_process(
        &self,
        tenant: &Tenant,
        actor: &Actor,
        slug: &str,
        input: &ProcessInput,
    ) -> Result<Process> {
        let current = self.process(tenant, actor, slug).await?;
        decide(
            actor,
            Action::EditProcess,
            &Target::Process(&current.facts()),
        )?;
        let (status, new_slug) = input.validate()?;
        if !actor.runs(input.department_id) {
            let mut e = FieldErrors::new();
            e.add("department_id", "error-not-your-department");
            return Err(e.into());
        }
        let now = self.now();
        let mut tx = self.db.begin().await?;
        tx.exec(
            "UPDATE processes SET slug = $1, title = $2, summary = $3, body = $4, department_id = $5, area = $6, image_url = $7, status = $8, proposals_require_verification = $9, supports_require_verification = $10, comments_require_verification = $11, support_limit = $12, updated_at = $13, active_phase_id = NULL WHERE id = $14",
            params![new_slug.as_str(), input.title.trim(), input.summary.trim(), input.body.as_str(), input.department_id, input.area.trim(), non_empty(&input.image_url), status.as_str(), input.rules.proposals_require_verification, input.rules.supports_require_verification, input.rules.comments_require_verification, input.rules.support_limit.map(|v| v as i64), now, current.id],
        )
        .await
        .map_err(slug_taken)?;
        tx.exec(
            "DELETE FROM phases WHERE process_id = $1",
            params![current.id],
        )
        .await?;
        write_phases(&mut tx, tenant, current.id, input).await?;
        crate::search::index(
            &mut tx,
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
        append(
            &mut tx,
            tenant,
            now,
            AuditEvent::new(
                actor_label(tenant, actor.user_id),
                "process.updated",
                format!("process:{}", current.id),
                serde_json::Value::Object(changes),
            ),
        )
        .await?;
        tx.commit().await?;
        self.process_by_id(tenant, current.id).await
    }

    pub async fn follow(
        &self,
        tenant: &Tenant,
        actor: &Actor,
        kind: &str,
        target_id: i64,
        follow: bool,
    ) -> Result<()> {
        let process = match kind {
            "process" => self.process_by_id(tenant, target_id).await?,
            "proposal" => {
                let r = self
                    .db
                    .opt(
                        "SELECT process_id FROM proposals WHERE id = $1 AND municipality_id = $2",
                        params![target_id, tenant.id],
                    )
                    .await?
                    .ok_or(StoreError::NotFound)?;
                self.process_by_id(tenant, r.i64("process_id")?).await?
            }
            _ => return Err(StoreError::NotFound),
        };
        decide(actor, Action::Follow, &Target::Process(&process.facts()))?;
        let user = actor
            .user_id
            .ok_or(StoreError::Denied(teilhabe_domain::Denied::LoginRequired))?;
        if follow {
            self.db
                .exec(
                    "INSERT INTO follows (municipality_id, user_id, target_kind, target_id, created_at) VALUES ($1, $2, $3, $4, $5) ON CONFLICT DO NOTHING",
                    params![tenant.id, user, kind, target_id, self.now()],
                )
                .await?;
        } else {
            self.db
                .exec("DELETE FROM follows WHERE user_id = $1 AND target_kind = $2 AND target_id = $3", params![user, kind, target_id])
                .await?;
        }
        Ok(())
    }

    pub async fn is_following(
        &self,
        user_id: Option<i64>,
        kind: &str,
        target_id: i64,
    ) -> Result<bool> {
        let Some(u) = user_id else { return Ok(false) };
        Ok(self
            .db
            .opt("SELECT 1 AS x FROM follows WHERE user_id = $1 AND target_kind = $2 AND target_id = $3", params![u, kind, target_id])
            .await?
            .is_some())
    }
}

/// Largest accepted image upload.
pub const IMAGE_MAX_BYTES: usize = 2 * 1024 * 1024;

/// The image's type from its first bytes; the declared type is not trusted.
pub fn sniff_image(data: &[u8]) -> Option<&'static str> {
    if data.starts_with(b"\x89PNG\r\n\x1a\n") {
        Some("image/png")
    } else if data.starts_with(&[0xFF, 0xD8, 0xFF]) {
        Some("image/jpeg")
    } else if data.len() > 12 && &data[..4] == b"RIFF" && &data[8..12] == b"WEBP" {
        Some("image/webp")
    } else {
        None
    }
}

impl Store {
    /// Stores an uploaded image for a process and shows it on the process
    /// page, with its alternative text. Audited.
    pub async fn set_process_image(
        &self,
        tenant: &Tenant,
        actor: &Actor,
        slug: &str,
        data: &[u8],
        alt: &str,
    ) -> Result<i64> {
        let process = self.process(tenant, actor, slug).await?;
        decide(
            actor,
            Action::EditProcess,
            &Target::Process(&process.facts()),
        )?;
        let mut e = FieldErrors::new();
        let kind = sniff_image(data);
        if data.is_empty() {
            e.add("image", "error-required");
        } else if data.len() > IMAGE_MAX_BYTES {
            e.add_with("image", "error-image-too-large", vec![("max", "2".into())]);
        } else if kind.is_none() {
            e.add("image", "error-image-type");
        }
        e.text("image_alt", alt, 3, 200);
        e.into_result()?;
        let now = self.now();
        let mut tx = self.db.begin().await?;
        let id = tx
            .insert(
                "INSERT INTO images (municipality_id, content_type, data, created_at) VALUES ($1, $2, $3, $4) RETURNING id",
                params![tenant.id, kind.unwrap_or("application/octet-stream"), data.to_vec(), now],
            )
            .await?;
        tx.exec(
            "UPDATE processes SET image_url = $1, image_alt = $2, updated_at = $3 WHERE id = $4",
            params![format!("/images/{id}"), alt.trim(), now, process.id],
        )
        .await?;
        append(
            &mut tx,
            tenant,
            now,
            AuditEvent::new(
                actor_label(tenant, actor.user_id),
                "process.image_set",
                format!("process:{}", process.id),
                serde_json::json!({"image": id, "bytes": data.len()}),
            ),
        )
        .await?;
        tx.commit().await?;
        Ok(id)
    }

    /// An uploaded image: (content type, bytes).
    pub async fn image(&self, tenant: &Tenant, id: i64) -> Result<(String, Vec<u8>)> {
        let r = self
            .db
            .opt(
                "SELECT content_type, data FROM images WHERE id = $1 AND municipality_id = $2",
                params![id, tenant.id],
            )
            .await?
            .ok_or(StoreError::NotFound)?;
        Ok((r.str("content_type")?, r.bytes("data")?))
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
            actor_label(tenant, actor.user_id),
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
