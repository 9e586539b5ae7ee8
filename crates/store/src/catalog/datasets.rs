//! Creating and editing datasets; one dataset, the list, the versions.

use super::{
    ckan_name, search_text, Catalog, DatasetRecord, DatasetVersion, NewDataset, DATASET_COLS,
    DATASET_FROM,
};
use crate::register::new_uuid;
use crate::{params, Result, StoreError, Tenant, Write, P};
use serde::Deserialize;
use teilhabe_domain::catalog::DatasetDraft;
use teilhabe_domain::permission::{decide, Action, Target};
use teilhabe_domain::{Actor, FieldErrors};

#[derive(Deserialize)]
struct VersionRow {
    version: i64,
    dataset_json: String,
    author_id: Option<i64>,
    change_note: String,
    created_at: i64,
}

impl Catalog<'_> {
    /// Staff of the chosen department (or an admin; only admins may leave
    /// the department empty) describe a new dataset of their own.
    pub async fn create(
        &self,
        tenant: &Tenant,
        actor: &Actor,
        department_id: Option<i64>,
        draft: DatasetDraft,
    ) -> Result<DatasetRecord> {
        decide(actor, Action::CreateDataset, &Target::Municipality)?;
        decide(
            actor,
            Action::ManageDataset,
            &Target::Dataset { department_id },
        )?;
        self.check_department(tenant, department_id).await?;
        draft.validate()?;
        let mut w = self.store.write(tenant).await?;
        let id = self
            .insert(&mut w, actor, &NewDataset::own(department_id, draft))
            .await?;
        w.commit().await?;
        self.by_id(tenant, id).await
    }

    /// A new dataset in `w` (its row, its first version and the audit
    /// entry), for every origin: staff, a closed process, a harvest. The
    /// caller has decided and validated. Returns its id.
    pub(crate) async fn insert(
        &self,
        w: &mut Write<'_>,
        actor: &Actor,
        new: &NewDataset,
    ) -> Result<i64> {
        let tenant_id = w.tenant().id;
        let base = if new.name.is_empty() {
            ckan_name(&new.draft.title)
        } else {
            ckan_name(&new.name)
        };
        let name = free_name(w, &base).await?;
        let d = &new.draft;
        let now = w.now;
        let id = w
            .insert(
                "INSERT INTO datasets (municipality_id, department_id, name, identifier, title, description, keywords, themes, temporal_start, temporal_end, accrual_periodicity, contact_name, contact_email, landing_page, access_rights, origin, process_id, origin_ref, harvest_source_id, suppression_threshold, version, search_text, issued_at, modified_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17, $18, $19, $20, 1, $21, $22, $22) RETURNING id",
                params![
                    tenant_id,
                    new.department_id,
                    name.as_str(),
                    new_uuid(),
                    d.title.trim(),
                    d.description.trim(),
                    json(&d.keywords),
                    json(&d.themes),
                    non_empty(&d.temporal_start),
                    non_empty(&d.temporal_end),
                    d.accrual_periodicity.as_str(),
                    d.contact_name.trim(),
                    d.contact_email.trim(),
                    d.landing_page.trim(),
                    d.access_rights.as_str(),
                    new.origin.as_str(),
                    new.process_id,
                    new.origin_ref.as_str(),
                    new.harvest_source_id,
                    new.suppression_threshold,
                    search_text(d),
                    now
                ],
            )
            .await?;
        insert_version(w, actor, id, 1, d, "").await?;
        super::preview::index(w, id, d).await?;
        w.audit(
            actor,
            "dataset.created",
            format!("dataset:{id}"),
            serde_json::json!({ "name": name, "title": d.title.trim(), "origin": new.origin.as_str() }),
        );
        Ok(id)
    }

    /// Saves a new version of a dataset's description (and moves it to
    /// another department if `department_id` differs: the actor must run
    /// both). Nothing is written if the description did not change.
    pub async fn update(
        &self,
        tenant: &Tenant,
        actor: &Actor,
        dataset_id: i64,
        department_id: Option<i64>,
        draft: DatasetDraft,
        change_note: &str,
    ) -> Result<DatasetRecord> {
        let current = self.by_id(tenant, dataset_id).await?;
        decide(actor, Action::ManageDataset, &current.target())?;
        if department_id != current.department_id {
            decide(
                actor,
                Action::ManageDataset,
                &Target::Dataset { department_id },
            )?;
            self.check_department(tenant, department_id).await?;
        }
        draft.validate()?;
        let mut errors = FieldErrors::new();
        errors.optional_text("change_note", change_note, 500);
        errors.into_result()?;
        if draft == current.draft() && department_id == current.department_id {
            return Ok(current);
        }
        let mut w = self.store.write(tenant).await?;
        let version = current.version + 1;
        self.save_version(&mut w, actor, &current, department_id, &draft, change_note)
            .await?;
        w.audit(
            actor,
            "dataset.updated",
            format!("dataset:{dataset_id}"),
            serde_json::json!({ "name": current.name, "version": version, "note": change_note.trim() }),
        );
        w.commit().await?;
        self.by_id(tenant, dataset_id).await
    }

    /// Writes `draft` as the next version of `current` in `w` (no audit
    /// entry: the caller records what happened).
    pub(crate) async fn save_version(
        &self,
        w: &mut Write<'_>,
        actor: &Actor,
        current: &DatasetRecord,
        department_id: Option<i64>,
        draft: &DatasetDraft,
        change_note: &str,
    ) -> Result<()> {
        let version = current.version + 1;
        let now = w.now;
        let changed = w
            .exec(
                "UPDATE datasets SET department_id = $1, title = $2, description = $3, keywords = $4, themes = $5, temporal_start = $6, temporal_end = $7, accrual_periodicity = $8, contact_name = $9, contact_email = $10, landing_page = $11, access_rights = $12, search_text = $13, version = $14, modified_at = $15 WHERE id = $16 AND version = $17",
                params![
                    department_id,
                    draft.title.trim(),
                    draft.description.trim(),
                    json(&draft.keywords),
                    json(&draft.themes),
                    non_empty(&draft.temporal_start),
                    non_empty(&draft.temporal_end),
                    draft.accrual_periodicity.as_str(),
                    draft.contact_name.trim(),
                    draft.contact_email.trim(),
                    draft.landing_page.trim(),
                    draft.access_rights.as_str(),
                    search_text(draft),
                    version,
                    now,
                    current.id,
                    current.version
                ],
            )
            .await?;
        if changed == 0 {
            // Someone saved in between: their version stays, this one is
            // refused rather than silently overwriting it.
            return Err(StoreError::Conflict("catalog-error-changed-meanwhile"));
        }
        super::preview::index(w, current.id, draft).await?;
        insert_version(w, actor, current.id, version, draft, change_note).await
    }

    /// Withdraws a dataset (`withdraw`) or brings it back: a withdrawn
    /// dataset leaves the catalog, its exports and the search, and its
    /// page and files answer only its staff. The reason is public in the
    /// audit log. Doing what is already done writes nothing.
    pub async fn set_withdrawn(
        &self,
        tenant: &Tenant,
        actor: &Actor,
        dataset_id: i64,
        withdraw: bool,
        reason: &str,
    ) -> Result<DatasetRecord> {
        let current = self.by_id(tenant, dataset_id).await?;
        decide(actor, Action::ManageDataset, &current.target())?;
        if withdraw {
            let mut e = FieldErrors::new();
            e.text("reason", reason, 10, 500);
            e.into_result()?;
        }
        if current.withdrawn_at.is_some() == withdraw {
            return Ok(current);
        }
        let mut w = self.store.write(tenant).await?;
        let now = w.now;
        w.exec(
            "UPDATE datasets SET withdrawn_at = $1, modified_at = $2 WHERE id = $3",
            params![withdraw.then_some(now), now, dataset_id],
        )
        .await?;
        let (action, details) = if withdraw {
            (
                "dataset.withdrawn",
                serde_json::json!({ "name": current.name, "reason": reason.trim() }),
            )
        } else {
            (
                "dataset.restored",
                serde_json::json!({ "name": current.name }),
            )
        };
        w.audit(actor, action, format!("dataset:{dataset_id}"), details);
        w.commit().await?;
        self.by_id(tenant, dataset_id).await
    }

    /// Marks a dataset as changed now (a distribution was added, edited
    /// or removed), for `modified` and harvesters' incremental runs.
    pub(crate) async fn touch(w: &mut Write<'_>, dataset_id: i64) -> Result<()> {
        let now = w.now;
        w.exec(
            "UPDATE datasets SET modified_at = $1 WHERE id = $2",
            params![now, dataset_id],
        )
        .await?;
        Ok(())
    }

    async fn check_department(&self, tenant: &Tenant, department_id: Option<i64>) -> Result<()> {
        if let Some(d) = department_id {
            if !self.store.tenants().has_department(tenant, d).await? {
                let mut e = FieldErrors::new();
                e.add("department_id", "error-invalid-choice");
                return Err(e.into());
            }
        }
        Ok(())
    }

    /// One dataset by its CKAN name.
    pub async fn by_name(&self, tenant: &Tenant, name: &str) -> Result<DatasetRecord> {
        self.fetch(tenant, "ds.name", name.into()).await
    }

    /// One dataset by its id.
    pub async fn by_id(&self, tenant: &Tenant, id: i64) -> Result<DatasetRecord> {
        self.fetch(tenant, "ds.id", id.into()).await
    }

    /// One dataset by its `dct:identifier`.
    pub async fn by_identifier(&self, tenant: &Tenant, identifier: &str) -> Result<DatasetRecord> {
        self.fetch(tenant, "ds.identifier", identifier.into()).await
    }

    /// One dataset by name, for someone who may do `action` on it.
    pub async fn by_name_for(
        &self,
        tenant: &Tenant,
        actor: &Actor,
        name: &str,
        action: Action,
    ) -> Result<DatasetRecord> {
        let d = self.by_name(tenant, name).await?;
        decide(actor, action, &d.target())?;
        Ok(d)
    }

    async fn fetch(&self, tenant: &Tenant, key: &'static str, value: P) -> Result<DatasetRecord> {
        self.store
            .db
            .opt_as(
                &format!("SELECT {DATASET_COLS} FROM {DATASET_FROM} WHERE ds.municipality_id = $1 AND {key} = $2"),
                &[tenant.id.into(), value],
            )
            .await?
            .ok_or(StoreError::NotFound)
    }

    /// Every dataset of the municipality that is not withdrawn, newest
    /// change first.
    pub async fn all(&self, tenant: &Tenant) -> Result<Vec<DatasetRecord>> {
        Ok(self
            .store
            .db
            .all_as(
                &format!("SELECT {DATASET_COLS} FROM {DATASET_FROM} WHERE ds.municipality_id = $1 AND ds.withdrawn_at IS NULL ORDER BY ds.modified_at DESC, ds.id DESC"),
                params![tenant.id],
            )
            .await?)
    }

    /// All versions of a dataset, newest first.
    pub async fn versions(&self, tenant: &Tenant, dataset_id: i64) -> Result<Vec<DatasetVersion>> {
        let rows: Vec<VersionRow> = self
            .store
            .db
            .all_as(
                "SELECT version, dataset_json, author_id, change_note, created_at FROM dataset_versions WHERE municipality_id = $1 AND dataset_id = $2 ORDER BY version DESC",
                params![tenant.id, dataset_id],
            )
            .await?;
        rows.into_iter()
            .map(|r| {
                Ok(DatasetVersion {
                    version: r.version,
                    draft: serde_json::from_str(&r.dataset_json)
                        .map_err(|e| StoreError::internal("dataset version", e))?,
                    author_id: r.author_id,
                    change_note: r.change_note,
                    created_at: r.created_at,
                })
            })
            .collect()
    }
}

async fn insert_version(
    w: &mut Write<'_>,
    actor: &Actor,
    dataset_id: i64,
    version: i64,
    draft: &DatasetDraft,
    change_note: &str,
) -> Result<()> {
    let tenant_id = w.tenant().id;
    let now = w.now;
    let snapshot =
        serde_json::to_string(draft).map_err(|e| StoreError::internal("dataset version", e))?;
    w.exec(
        "INSERT INTO dataset_versions (dataset_id, version, municipality_id, dataset_json, author_id, change_note, created_at) VALUES ($1, $2, $3, $4, $5, $6, $7)",
        params![dataset_id, version, tenant_id, snapshot, actor.user_id, change_note.trim(), now],
    )
    .await?;
    Ok(())
}

/// Names the catalog's own pages use below `/daten/`.
const RESERVED_NAMES: &[&str] = &["neu", "anfragen", "feed"];

/// The first of `base`, `base-2`, … no dataset of the municipality has
/// (also withdrawn ones: a name is never reused).
async fn free_name(w: &mut Write<'_>, base: &str) -> Result<String> {
    let municipality = w.tenant().id;
    let mut name = base.to_string();
    let mut n = 1;
    if RESERVED_NAMES.contains(&name.as_str()) {
        n = 2;
        name = format!("{base}-{n}");
    }
    while w
        .opt(
            "SELECT id FROM datasets WHERE municipality_id = $1 AND name = $2",
            params![municipality, name.as_str()],
        )
        .await?
        .is_some()
    {
        n += 1;
        name = format!("{base}-{n}");
    }
    Ok(name)
}

fn json(v: &[String]) -> String {
    serde_json::to_string(v).unwrap_or_else(|_| "[]".to_string())
}

fn non_empty(v: &Option<String>) -> Option<String> {
    v.as_ref()
        .map(|s| s.trim().to_string())
        .filter(|s| !s.is_empty())
}
