//! The list, one entry and its versions; creating an entry and saving a
//! new version of it.

use super::{
    check_note, new_uuid, notify_entry_followers, search_text, without_managed, Register,
    RegisterFilter, RegisterSummary, RegisterVersion, VersionRow, SUMMARY_COLS,
};
use crate::{params, Result, StoreError, Tenant, Write, P};
use teilhabe_domain::permission::{decide, Action, Target};
use teilhabe_domain::register::{RegisterEntry, FIELDS};
use teilhabe_domain::validation::slugify;
use teilhabe_domain::{Actor, FieldErrors};

impl Register<'_> {
    /// A new entry in `w`: its list row, its first version (recorded as
    /// `action`) and the data council's part. Returns (id, slug).
    pub(super) async fn insert_entry(
        &self,
        w: &mut Write<'_>,
        actor: &Actor,
        department_id: Option<i64>,
        entry: &RegisterEntry,
        change_note: &str,
        action: &str,
    ) -> Result<(i64, String)> {
        let (id, slug) = insert_entry_row(w, department_id, entry).await?;
        insert_version(w, actor, id, 1, entry, change_note, action).await?;
        self.store
            .council()
            .after_register_save(w, actor, id, 1, None, entry)
            .await?;
        Ok((id, slug))
    }

    /// The public list, filtered, ordered by title.
    pub async fn entries(
        &self,
        tenant: &Tenant,
        f: &RegisterFilter,
    ) -> Result<Vec<RegisterSummary>> {
        let words = crate::search::words(&f.q);
        let mut sql = format!(
            "SELECT {SUMMARY_COLS} FROM register_entries e LEFT JOIN departments d ON d.id = e.department_id WHERE e.municipality_id = $1 AND ($2 = 0 OR e.department_id = $2) AND ($3 = '' OR e.status = $3) AND ($4 = '' OR e.risk_category = $4) AND ($5 = '' OR e.domain = $5) AND ($6 = '' OR e.algorithm_type = $6)"
        );
        let mut p: Vec<crate::P> = vec![
            tenant.id.into(),
            f.department_id.unwrap_or(0).into(),
            f.status.as_str().into(),
            f.risk_category.as_str().into(),
            f.domain.as_str().into(),
            f.algorithm_type.as_str().into(),
        ];
        // `words` keeps letters and digits only, so no LIKE wildcards.
        for w in &words {
            p.push(format!("%{w}%").into());
            sql.push_str(&format!(" AND e.search_text LIKE ${}", p.len()));
        }
        sql.push_str(" ORDER BY e.title, e.id");
        Ok(self.store.db.all_as(&sql, &p).await?)
    }

    /// One entry by its slug.
    pub async fn entry(&self, tenant: &Tenant, slug: &str) -> Result<RegisterSummary> {
        self.fetch(tenant, "e.slug", slug.into()).await
    }

    /// One entry by its slug, for someone who may do `action` on it (a
    /// form about the entry); others are refused.
    pub async fn entry_for(
        &self,
        tenant: &Tenant,
        actor: &Actor,
        slug: &str,
        action: Action,
    ) -> Result<RegisterSummary> {
        let entry = self.entry(tenant, slug).await?;
        decide(actor, action, &entry.target())?;
        Ok(entry)
    }

    /// One entry by its id.
    pub async fn entry_by_id(&self, tenant: &Tenant, id: i64) -> Result<RegisterSummary> {
        self.fetch(tenant, "e.id", id.into()).await
    }

    /// One entry by a key column (`e.slug` or `e.id`).
    async fn fetch(&self, tenant: &Tenant, key: &'static str, value: P) -> Result<RegisterSummary> {
        self.store
            .db
            .opt_as(
                &format!("SELECT {SUMMARY_COLS} FROM register_entries e LEFT JOIN departments d ON d.id = e.department_id WHERE e.municipality_id = $1 AND {key} = $2"),
                &[tenant.id.into(), value],
            )
            .await?
            .ok_or(StoreError::NotFound)
    }

    /// All versions of an entry, newest first.
    pub async fn versions(&self, tenant: &Tenant, entry_id: i64) -> Result<Vec<RegisterVersion>> {
        self.store
            .db
            .all_as::<VersionRow>(
                "SELECT version, entry_json, author_id, change_note, created_at FROM register_versions WHERE municipality_id = $1 AND entry_id = $2 ORDER BY version DESC",
                params![tenant.id, entry_id],
            )
            .await?
            .into_iter()
            .map(|r| r.into_version(tenant))
            .collect()
    }

    /// One version of an entry.
    pub async fn version(
        &self,
        tenant: &Tenant,
        entry_id: i64,
        version: i64,
    ) -> Result<RegisterVersion> {
        self.store
            .db
            .opt_as::<VersionRow>(
                "SELECT version, entry_json, author_id, change_note, created_at FROM register_versions WHERE municipality_id = $1 AND entry_id = $2 AND version = $3",
                params![tenant.id, entry_id, version],
            )
            .await?
            .ok_or(StoreError::NotFound)?
            .into_version(tenant)
    }

    /// Staff of the responsible department (or an admin) register a new
    /// data use; without a department only admins may keep it. The system fills the managed fields (UUID, standard
    /// version, language, dates); the entry must then pass the catalogue's
    /// validation, or nothing is written. Returns the new entry.
    pub async fn create_entry(
        &self,
        tenant: &Tenant,
        actor: &Actor,
        department_id: Option<i64>,
        entry: RegisterEntry,
        change_note: &str,
    ) -> Result<RegisterSummary> {
        decide(actor, Action::CreateRegisterEntry, &Target::Municipality)?;
        decide(
            actor,
            Action::EditRegisterEntry,
            &Target::RegisterEntry { department_id },
        )?;
        let mut errors = FieldErrors::new();
        // No department: kept by the administration (only admins get here,
        // `decide` refuses staff).
        if let Some(d) = department_id {
            if !self.store.tenants().has_department(tenant, d).await? {
                errors.add("department_id", "error-invalid-choice");
            }
        }
        let mut entry = without_managed(entry);
        entry.set("uuid", new_uuid());
        entry.stamp(self.store.clock.today());
        if let Err(e) = entry.validate() {
            errors.0.extend(e.0);
        }
        if let Err(e) = check_note(change_note, false) {
            errors.0.extend(e.0);
        }
        errors.into_result()?;
        let mut w = self.store.write(tenant).await?;
        let (_, slug) = self
            .insert_entry(
                &mut w,
                actor,
                department_id,
                &entry,
                change_note,
                "register.entry_created",
            )
            .await?;
        w.commit().await?;
        self.entry(tenant, &slug).await
    }

    /// Saves a new version of an entry. `base_version` is the version the
    /// form was opened on: if someone saved in between, the save is refused
    /// (`error-register-stale`) instead of silently undoing their change.
    /// The managed fields come from the current version; the change note is
    /// required. Returns the new version number.
    pub async fn save_version(
        &self,
        tenant: &Tenant,
        actor: &Actor,
        slug: &str,
        base_version: i64,
        entry: RegisterEntry,
        change_note: &str,
    ) -> Result<i64> {
        self.save_version_with_override(tenant, actor, slug, base_version, entry, change_note, None)
            .await
    }

    /// [`Register::save_version`] with an admin's public justification for
    /// setting the entry to operational while a required data-council
    /// review is open (see `Council::check_operational`).
    #[allow(clippy::too_many_arguments)]
    pub async fn save_version_with_override(
        &self,
        tenant: &Tenant,
        actor: &Actor,
        slug: &str,
        base_version: i64,
        entry: RegisterEntry,
        change_note: &str,
        override_justification: Option<&str>,
    ) -> Result<i64> {
        let current = self.entry(tenant, slug).await?;
        decide(actor, Action::EditRegisterEntry, &current.target())?;
        let previous = self
            .version(tenant, current.id, current.current_version)
            .await?;
        let mut entry = without_managed(entry);
        // Foreign ATS properties (from an import) have no form field; they
        // stay as they were.
        if entry.extra.is_empty() {
            entry.extra = previous.entry.extra.clone();
        }
        for f in FIELDS.iter().filter(|f| f.managed) {
            entry.set(f.name, previous.entry.get(f.name));
        }
        entry.stamp(self.store.clock.today());
        let mut errors = FieldErrors::new();
        if let Err(e) = entry.validate() {
            errors.0.extend(e.0);
        }
        if let Err(e) = check_note(change_note, true) {
            errors.0.extend(e.0);
        }
        let overridden = self
            .store
            .council()
            .check_operational(
                tenant,
                actor,
                current.id,
                &previous.entry,
                &entry,
                override_justification,
                &mut errors,
            )
            .await?;
        errors.into_result()?;
        let mut w = self.store.write(tenant).await?;
        let version = base_version + 1;
        // The version check and the update are one statement, so two saves
        // on the same version cannot both win.
        update_entry_row(&mut w, current.id, base_version, &entry).await?;
        insert_version(
            &mut w,
            actor,
            current.id,
            version,
            &entry,
            change_note,
            "register.version_saved",
        )
        .await?;
        let council = self.store.council();
        if let (Some(review), Some(j)) = (overridden, override_justification) {
            council
                .record_override(&mut w, actor, current.id, review, version, j)
                .await?;
        }
        council
            .after_register_save(
                &mut w,
                actor,
                current.id,
                version,
                Some(&previous.entry),
                &entry,
            )
            .await?;
        notify_entry_followers(
            &mut w,
            actor.user_id,
            "register_version",
            current.id,
            entry.get("name"),
            &format!("/data-register/{}", current.slug),
        )
        .await?;
        w.commit().await?;
        Ok(version)
    }
}

/// The columns of the list row that come from the current version, in the
/// order the insert and the update name them (status .. search_text).
fn listed_values(entry: &RegisterEntry) -> [P; 7] {
    [
        P::from(entry.get("status")),
        P::from(entry.get("risk_category")),
        P::from(entry.get("domain")),
        P::from(entry.get("algorithm_type")),
        P::from(entry.get("name")),
        P::from(entry.get("description_short")),
        P::from(search_text(entry)),
    ]
}

/// Makes `entry` the current version `base_version + 1` of the list row,
/// if the row is still at `base_version` (else `error-register-stale`).
pub(super) async fn update_entry_row(
    w: &mut Write<'_>,
    id: i64,
    base_version: i64,
    entry: &RegisterEntry,
) -> Result<()> {
    let now = w.now;
    let updated = w
        .exec(
            "UPDATE register_entries SET current_version = $1, status = $2, risk_category = $3, domain = $4, algorithm_type = $5, title = $6, summary = $7, search_text = $8, updated_at = $9 WHERE id = $10 AND current_version = $11",
            &[
                &[P::from(base_version + 1)][..],
                &listed_values(entry),
                &[P::from(now), P::from(id), P::from(base_version)],
            ]
            .concat(),
        )
        .await?;
    if updated != 1 {
        return Err(StoreError::Conflict("error-register-stale"));
    }
    Ok(())
}

/// The list row of a new entry, with a free slug from its name.
async fn insert_entry_row(
    w: &mut Write<'_>,
    department_id: Option<i64>,
    entry: &RegisterEntry,
) -> Result<(i64, String)> {
    let tenant = w.tenant();
    let now = w.now;
    let base = match slugify(entry.get("name")).as_str() {
        // Paths of the register's own pages are not entry names.
        "" | "new" | "export" | "import" => "eintrag".to_string(),
        s => s.to_string(),
    };
    let slug = w.free_slug("register_entries", &base).await?;
    let id = w
        .insert(
            "INSERT INTO register_entries (municipality_id, department_id, slug, current_version, status, risk_category, domain, algorithm_type, title, summary, search_text, created_at, updated_at) VALUES ($1, $2, $3, 1, $4, $5, $6, $7, $8, $9, $10, $11, $11) RETURNING id",
            &[
                &[P::from(tenant.id), P::from(department_id), P::from(slug.as_str())][..],
                &listed_values(entry),
                &[P::from(now)],
            ]
            .concat(),
        )
        .await
        // Two entries of the same name created at the same moment on
        // PostgreSQL: the second is refused, not given a wrong slug.
        .map_err(|e| {
            if e.is_unique_violation() {
                StoreError::Conflict("error-register-slug-taken")
            } else {
                e.into()
            }
        })?;
    Ok((id, slug))
}

/// Stores a version and records `action` in the audit trail.
pub(super) async fn insert_version(
    w: &mut Write<'_>,
    actor: &Actor,
    entry_id: i64,
    version: i64,
    entry: &RegisterEntry,
    change_note: &str,
    action: &str,
) -> Result<()> {
    let tenant = w.tenant();
    let now = w.now;
    let json = serde_json::to_string(entry)
        .map_err(|e| StoreError::internal("register entry as JSON", e))?;
    w.exec(
        "INSERT INTO register_versions (entry_id, municipality_id, version, entry_json, author_id, change_note, created_at) VALUES ($1, $2, $3, $4, $5, $6, $7)",
        params![entry_id, tenant.id, version, json.as_str(), actor.user_id, change_note.trim(), now],
    )
    .await?;
    w.audit(
        actor,
        action,
        format!("register_entry:{entry_id}"),
        serde_json::json!({
            "version": version,
            "name": entry.get("name"),
            "status": entry.get("status"),
            "risk_category": entry.get("risk_category"),
            "note": change_note.trim(),
            // The hash of the stored JSON ties the log to the version.
            "sha256": crate::token_hash(&json),
        }),
    );
    Ok(())
}
