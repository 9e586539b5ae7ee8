//! The register of data uses and algorithms (issue #3): entries and their
//! versions. Every save adds a version with the whole entry as JSON (the
//! `teilhabe-register` crate's `RegisterEntry`); no version is ever
//! changed, so the public history and diffs show exactly what was
//! published when. The entry row keeps what lists and filters need.
//!
//! Entries are public in every lifecycle status: the register exists so
//! that planned uses can be discussed before they are built.

use crate::audit::{actor_label, append};
use crate::{params, Result, Store, StoreError, Tenant, Tx};
use serde::Serialize;
use teilhabe_domain::audit::AuditEvent;
use teilhabe_domain::permission::{decide, Action, Target};
use teilhabe_domain::validation::slugify;
use teilhabe_domain::{Actor, FieldErrors};
use teilhabe_register::{RegisterEntry, FIELDS};

/// Longest change note, in characters.
pub const MAX_NOTE_CHARS: usize = 500;

/// An entry as lists and the entry page show it (current version).
#[derive(Debug, Clone, Serialize)]
pub struct RegisterSummary {
    pub id: i64,
    pub slug: String,
    pub department_id: Option<i64>,
    pub department_name: Option<String>,
    pub current_version: i64,
    pub status: String,
    pub risk_category: String,
    pub domain: String,
    pub algorithm_type: String,
    pub title: String,
    pub summary: String,
    pub created_at: i64,
    pub updated_at: i64,
}

impl RegisterSummary {
    pub fn target(&self) -> Target<'static> {
        Target::RegisterEntry {
            department_id: self.department_id,
        }
    }
}

/// One saved version.
#[derive(Debug, Clone, Serialize)]
pub struct RegisterVersion {
    pub version: i64,
    pub entry: RegisterEntry,
    /// The author's pseudonym, as in the audit trail.
    pub author: String,
    pub change_note: String,
    pub created_at: i64,
}

/// What an import did.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct RegisterImportSummary {
    pub created: usize,
    pub updated: usize,
    pub unchanged: usize,
    /// (record number, department name) of new entries kept by the
    /// administration because no department of that name exists (an
    /// existing entry keeps its department).
    pub unknown_departments: Vec<(usize, String)>,
}

/// Filters of the public list; empty strings mean "any".
#[derive(Debug, Clone, Default)]
pub struct RegisterFilter {
    pub department_id: Option<i64>,
    pub status: String,
    pub risk_category: String,
    pub domain: String,
    pub algorithm_type: String,
    /// Free text; every word must occur in some field.
    pub q: String,
}

const SUMMARY_COLS: &str = "e.id, e.slug, e.department_id, d.name AS department_name, e.current_version, e.status, e.risk_category, e.domain, e.algorithm_type, e.title, e.summary, e.created_at, e.updated_at";

fn summary_from(r: &crate::Row) -> Result<RegisterSummary> {
    Ok(RegisterSummary {
        id: r.i64("id")?,
        slug: r.str("slug")?,
        department_id: r.opt_i64("department_id")?,
        department_name: r.opt_str("department_name")?,
        current_version: r.i64("current_version")?,
        status: r.str("status")?,
        risk_category: r.str("risk_category")?,
        domain: r.str("domain")?,
        algorithm_type: r.str("algorithm_type")?,
        title: r.str("title")?,
        summary: r.str("summary")?,
        created_at: r.i64("created_at")?,
        updated_at: r.i64("updated_at")?,
    })
}

/// A random (version 4) UUID for a new entry's `uuid` field.
fn new_uuid() -> String {
    use rand::RngCore;
    let mut b = [0u8; 16];
    rand::thread_rng().fill_bytes(&mut b);
    b[6] = (b[6] & 0x0f) | 0x40;
    b[8] = (b[8] & 0x3f) | 0x80;
    let h = hex::encode(b);
    format!(
        "{}-{}-{}-{}-{}",
        &h[0..8],
        &h[8..12],
        &h[12..16],
        &h[16..20],
        &h[20..32]
    )
}

/// The lower-cased text of every field, for the list's search.
fn search_text(entry: &RegisterEntry) -> String {
    FIELDS
        .iter()
        .map(|f| entry.get(f.name))
        .filter(|v| !v.is_empty())
        .collect::<Vec<_>>()
        .join("\n")
        .to_lowercase()
}

/// Removes what the system sets (standard version, language, UUID,
/// publication and change dates) from a submitted entry.
fn without_managed(mut entry: RegisterEntry) -> RegisterEntry {
    for f in FIELDS.iter().filter(|f| f.managed) {
        entry.values.remove(f.name);
    }
    entry
}

fn check_note(note: &str, required: bool) -> Result<(), FieldErrors> {
    let mut e = FieldErrors::new();
    if required && note.trim().is_empty() {
        e.add("change_note", "error-required");
    } else if note.trim().chars().count() > MAX_NOTE_CHARS {
        e.add_with(
            "change_note",
            "error-too-long",
            vec![("max", MAX_NOTE_CHARS.to_string())],
        );
    }
    e.into_result()
}

impl Store {
    /// The public list, filtered, ordered by title.
    pub async fn register_entries(
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
        let rows = self.db.all(&sql, &p).await?;
        rows.iter().map(summary_from).collect()
    }

    /// One entry by its slug.
    pub async fn register_entry(&self, tenant: &Tenant, slug: &str) -> Result<RegisterSummary> {
        let r = self
            .db
            .opt(
                &format!("SELECT {SUMMARY_COLS} FROM register_entries e LEFT JOIN departments d ON d.id = e.department_id WHERE e.municipality_id = $1 AND e.slug = $2"),
                params![tenant.id, slug],
            )
            .await?
            .ok_or(StoreError::NotFound)?;
        summary_from(&r)
    }

    /// All versions of an entry, newest first.
    pub async fn register_versions(
        &self,
        tenant: &Tenant,
        entry_id: i64,
    ) -> Result<Vec<RegisterVersion>> {
        let rows = self
            .db
            .all(
                "SELECT version, entry_json, author_id, change_note, created_at FROM register_versions WHERE municipality_id = $1 AND entry_id = $2 ORDER BY version DESC",
                params![tenant.id, entry_id],
            )
            .await?;
        rows.iter().map(|r| version_from(tenant, r)).collect()
    }

    /// One version of an entry.
    pub async fn register_version(
        &self,
        tenant: &Tenant,
        entry_id: i64,
        version: i64,
    ) -> Result<RegisterVersion> {
        let r = self
            .db
            .opt(
                "SELECT version, entry_json, author_id, change_note, created_at FROM register_versions WHERE municipality_id = $1 AND entry_id = $2 AND version = $3",
                params![tenant.id, entry_id, version],
            )
            .await?
            .ok_or(StoreError::NotFound)?;
        version_from(tenant, &r)
    }

    /// Staff of the responsible department (or an admin) register a new
    /// data use; without a department only admins may keep it. The system fills the managed fields (UUID, standard
    /// version, language, dates); the entry must then pass the catalogue's
    /// validation, or nothing is written. Returns the new entry.
    pub async fn create_register_entry(
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
            if !self
                .tenants()
                .departments(tenant)
                .await?
                .iter()
                .any(|x| x.id == d)
            {
                errors.add("department_id", "error-invalid-choice");
            }
        }
        let mut entry = without_managed(entry);
        entry.set("uuid", new_uuid());
        entry.stamp(self.clock.today());
        if let Err(e) = entry.validate() {
            errors.0.extend(e.0);
        }
        if let Err(e) = check_note(change_note, false) {
            errors.0.extend(e.0);
        }
        errors.into_result()?;
        let now = self.now();
        let mut tx = self.db.begin().await?;
        let (id, slug) =
            Self::insert_entry_row(&mut tx, tenant, department_id, &entry, now).await?;
        Self::insert_version(
            &mut tx,
            tenant,
            actor,
            id,
            1,
            &entry,
            change_note,
            now,
            "register.entry_created",
        )
        .await?;
        crate::council::after_register_save(&mut tx, tenant, actor, id, 1, None, &entry, now)
            .await?;
        tx.commit().await?;
        self.register_entry(tenant, &slug).await
    }

    /// Saves a new version of an entry. `base_version` is the version the
    /// form was opened on: if someone saved in between, the save is refused
    /// (`error-register-stale`) instead of silently undoing their change.
    /// The managed fields come from the current version; the change note is
    /// required. Returns the new version number.
    pub async fn save_register_version(
        &self,
        tenant: &Tenant,
        actor: &Actor,
        slug: &str,
        base_version: i64,
        entry: RegisterEntry,
        change_note: &str,
    ) -> Result<i64> {
        self.save_register_version_with_override(
            tenant,
            actor,
            slug,
            base_version,
            entry,
            change_note,
            None,
        )
        .await
    }

    /// [`Store::save_register_version`] with an admin's public
    /// justification for setting the entry to operational while a required
    /// data-council review is open (see `council::check_operational`).
    #[allow(clippy::too_many_arguments)]
    pub async fn save_register_version_with_override(
        &self,
        tenant: &Tenant,
        actor: &Actor,
        slug: &str,
        base_version: i64,
        entry: RegisterEntry,
        change_note: &str,
        override_justification: Option<&str>,
    ) -> Result<i64> {
        let current = self.register_entry(tenant, slug).await?;
        decide(actor, Action::EditRegisterEntry, &current.target())?;
        let previous = self
            .register_version(tenant, current.id, current.current_version)
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
        entry.stamp(self.clock.today());
        let mut errors = FieldErrors::new();
        if let Err(e) = entry.validate() {
            errors.0.extend(e.0);
        }
        if let Err(e) = check_note(change_note, true) {
            errors.0.extend(e.0);
        }
        let overridden = crate::council::check_operational(
            self,
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
        let now = self.now();
        let mut tx = self.db.begin().await?;
        let version = base_version + 1;
        // The version check and the update are one statement, so two saves
        // on the same version cannot both win.
        let updated = tx
            .exec(
                "UPDATE register_entries SET current_version = $1, status = $2, risk_category = $3, domain = $4, algorithm_type = $5, title = $6, summary = $7, search_text = $8, updated_at = $9 WHERE id = $10 AND current_version = $11",
                params![
                    version,
                    entry.get("status"),
                    entry.get("risk_category"),
                    entry.get("domain"),
                    entry.get("algorithm_type"),
                    entry.get("name"),
                    entry.get("description_short"),
                    search_text(&entry),
                    now,
                    current.id,
                    base_version
                ],
            )
            .await?;
        if updated != 1 {
            return Err(StoreError::Conflict("error-register-stale"));
        }
        Self::insert_version(
            &mut tx,
            tenant,
            actor,
            current.id,
            version,
            &entry,
            change_note,
            now,
            "register.version_saved",
        )
        .await?;
        if let (Some(review), Some(j)) = (overridden, override_justification) {
            crate::council::record_override(
                &mut tx, tenant, actor, current.id, review, version, j, now,
            )
            .await?;
        }
        crate::council::after_register_save(
            &mut tx,
            tenant,
            actor,
            current.id,
            version,
            Some(&previous.entry),
            &entry,
            now,
        )
        .await?;
        notify_entry_followers(
            &mut tx,
            tenant,
            now,
            actor.user_id,
            "register_version",
            current.id,
            entry.get("name"),
            &format!("/data-register/{}", current.slug),
        )
        .await?;
        tx.commit().await?;
        Ok(version)
    }

    /// The current version of every entry, ordered by title: the register
    /// as exchanged with other registers (ATS or NL export).
    pub async fn register_current_entries(&self, tenant: &Tenant) -> Result<Vec<RegisterEntry>> {
        let rows = self
            .db
            .all(
                "SELECT v.version, v.entry_json, v.author_id, v.change_note, v.created_at FROM register_entries e JOIN register_versions v ON v.entry_id = e.id AND v.version = e.current_version WHERE e.municipality_id = $1 ORDER BY e.title, e.id",
                params![tenant.id],
            )
            .await?;
        rows.iter()
            .map(|r| version_from(tenant, r).map(|v| v.entry))
            .collect()
    }

    /// Imports entries from another register (ATS 0.3.1 records, already
    /// converted and validated by `teilhabe_register::exchange::import_ats`),
    /// all in one transaction: an error anywhere writes nothing.
    ///
    /// A record whose `uuid` is already in this register becomes a new
    /// version of that entry (or is left alone when nothing changed); any
    /// other record becomes a new entry that keeps its UUID, so that the
    /// next import of the same file updates instead of duplicating (a record
    /// without a UUID cannot be recognised and is always new). The
    /// responsible department is found by the record's `department` name;
    /// records of unknown departments are kept by the administration (and
    /// listed in the summary). Only admins import.
    pub async fn import_register(
        &self,
        tenant: &Tenant,
        actor: &Actor,
        entries: Vec<RegisterEntry>,
        change_note: &str,
    ) -> Result<RegisterImportSummary> {
        decide(actor, Action::CreateRegisterEntry, &Target::Municipality)?;
        decide(
            actor,
            Action::EditRegisterEntry,
            &Target::RegisterEntry {
                department_id: None,
            },
        )?;
        check_note(change_note, true)?;
        // Duplicate UUIDs in one file cannot both be "the" entry.
        let mut seen = std::collections::HashMap::new();
        let mut errors = FieldErrors::new();
        for (i, e) in entries.iter().enumerate() {
            let uuid = e.get("uuid").trim().to_lowercase();
            if uuid.is_empty() {
                continue;
            }
            if let Some(first) = seen.insert(uuid.clone(), i + 1) {
                errors.add_with(
                    "uuid",
                    "error-register-import-duplicate-uuid",
                    vec![
                        ("record", (i + 1).to_string()),
                        ("first", first.to_string()),
                        ("value", uuid),
                    ],
                );
            }
        }
        errors.into_result()?;
        let departments = self.tenants().departments(tenant).await?;
        let today = self.clock.today();
        let now = self.now();
        let mut summary = RegisterImportSummary::default();
        // The UUIDs of the register as it is: uuid -> (id, version, entry).
        // Each update below names the version it replaces, so a save in
        // between fails the import instead of being undone by it.
        let mut existing = std::collections::HashMap::new();
        for r in self
            .db
            .all(
                "SELECT e.id, e.current_version, v.entry_json FROM register_entries e JOIN register_versions v ON v.entry_id = e.id AND v.version = e.current_version WHERE e.municipality_id = $1",
                params![tenant.id],
            )
            .await?
        {
            let entry: RegisterEntry = serde_json::from_str(&r.str("entry_json")?)
                .map_err(|e| StoreError::Analysis(format!("stored register version: {e}")))?;
            existing.insert(
                entry.get("uuid").to_lowercase(),
                (r.i64("id")?, r.i64("current_version")?, entry),
            );
        }
        // The data council's block: no record may set an entry to
        // operational while a required review is open (the command line
        // and the import page offer no override).
        let mut blocked = FieldErrors::new();
        for (i, incoming) in entries.iter().enumerate() {
            let uuid = incoming.get("uuid").trim().to_lowercase();
            if let Some((id, _, previous)) = existing.get(&uuid) {
                let mut e = FieldErrors::new();
                crate::council::check_operational(
                    self, tenant, actor, *id, previous, incoming, None, &mut e,
                )
                .await?;
                for mut err in e.0 {
                    err.args.push(("record", (i + 1).to_string()));
                    blocked.0.push(err);
                }
            }
        }
        blocked.into_result()?;
        let mut tx = self.db.begin().await?;
        for (i, incoming) in entries.into_iter().enumerate() {
            let uuid = incoming.get("uuid").trim().to_lowercase();
            let department_name = incoming.get("department").trim().to_string();
            let department_id = departments
                .iter()
                .find(|d| d.name.trim().eq_ignore_ascii_case(&department_name))
                .map(|d| d.id);
            let mut entry = without_managed(incoming.clone());
            match existing.get(&uuid) {
                Some((id, version, previous)) => {
                    for f in FIELDS.iter().filter(|f| f.managed) {
                        entry.set(f.name, previous.get(f.name));
                    }
                    if entry.values == previous.values && entry.extra == previous.extra {
                        summary.unchanged += 1;
                        continue;
                    }
                    entry.stamp(today);
                    let next = version + 1;
                    let updated = tx.exec(
                        "UPDATE register_entries SET current_version = $1, status = $2, risk_category = $3, domain = $4, algorithm_type = $5, title = $6, summary = $7, search_text = $8, updated_at = $9 WHERE id = $10 AND current_version = $11",
                        params![
                            next,
                            entry.get("status"),
                            entry.get("risk_category"),
                            entry.get("domain"),
                            entry.get("algorithm_type"),
                            entry.get("name"),
                            entry.get("description_short"),
                            search_text(&entry),
                            now,
                            *id,
                            *version
                        ],
                    )
                    .await?;
                    if updated != 1 {
                        return Err(StoreError::Conflict("error-register-stale"));
                    }
                    Self::insert_version(
                        &mut tx,
                        tenant,
                        actor,
                        *id,
                        next,
                        &entry,
                        change_note,
                        now,
                        "register.version_imported",
                    )
                    .await?;
                    crate::council::after_register_save(
                        &mut tx,
                        tenant,
                        actor,
                        *id,
                        next,
                        Some(previous),
                        &entry,
                        now,
                    )
                    .await?;
                    summary.updated += 1;
                }
                None => {
                    if department_id.is_none() {
                        summary.unknown_departments.push((i + 1, department_name));
                    }
                    let keep = teilhabe_register::entry::is_uuid(&uuid);
                    entry.set("uuid", if keep { uuid } else { new_uuid() });
                    entry.stamp(today);
                    let (id, _slug) =
                        Self::insert_entry_row(&mut tx, tenant, department_id, &entry, now).await?;
                    Self::insert_version(
                        &mut tx,
                        tenant,
                        actor,
                        id,
                        1,
                        &entry,
                        change_note,
                        now,
                        "register.entry_imported",
                    )
                    .await?;
                    crate::council::after_register_save(
                        &mut tx, tenant, actor, id, 1, None, &entry, now,
                    )
                    .await?;
                    summary.created += 1;
                }
            }
        }
        tx.commit().await?;
        Ok(summary)
    }

    /// The list row of a new entry, with a free slug from its name.
    async fn insert_entry_row(
        tx: &mut Tx,
        tenant: &Tenant,
        department_id: Option<i64>,
        entry: &RegisterEntry,
        now: i64,
    ) -> Result<(i64, String)> {
        let base = match slugify(entry.get("name")).as_str() {
            // Paths of the register's own pages are not entry names.
            "" | "new" | "export" | "import" => "eintrag".to_string(),
            s => s.to_string(),
        };
        let mut slug = base.clone();
        let mut n = 1;
        while tx
            .opt(
                "SELECT id FROM register_entries WHERE municipality_id = $1 AND slug = $2",
                params![tenant.id, slug.as_str()],
            )
            .await?
            .is_some()
        {
            n += 1;
            slug = format!("{base}-{n}");
        }
        let id = tx
            .insert(
                "INSERT INTO register_entries (municipality_id, department_id, slug, current_version, status, risk_category, domain, algorithm_type, title, summary, search_text, created_at, updated_at) VALUES ($1, $2, $3, 1, $4, $5, $6, $7, $8, $9, $10, $11, $11) RETURNING id",
                params![
                    tenant.id,
                    department_id,
                    slug.as_str(),
                    entry.get("status"),
                    entry.get("risk_category"),
                    entry.get("domain"),
                    entry.get("algorithm_type"),
                    entry.get("name"),
                    entry.get("description_short"),
                    search_text(entry),
                    now
                ],
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

    #[allow(clippy::too_many_arguments)]
    async fn insert_version(
        tx: &mut Tx,
        tenant: &Tenant,
        actor: &Actor,
        entry_id: i64,
        version: i64,
        entry: &RegisterEntry,
        change_note: &str,
        now: i64,
        action: &str,
    ) -> Result<()> {
        let json = serde_json::to_string(entry)
            .map_err(|e| StoreError::Analysis(format!("register entry as JSON: {e}")))?;
        tx.exec(
            "INSERT INTO register_versions (entry_id, municipality_id, version, entry_json, author_id, change_note, created_at) VALUES ($1, $2, $3, $4, $5, $6, $7)",
            params![entry_id, tenant.id, version, json.as_str(), actor.user_id, change_note.trim(), now],
        )
        .await?;
        append(
            tx,
            tenant,
            now,
            AuditEvent::new(
                actor_label(tenant, actor.user_id),
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
            ),
        )
        .await?;
        Ok(())
    }
}

/// Notifies everyone following a register entry (follows with
/// `target_kind = 'register_entry'`), except the actor, in one statement.
/// `kind` names the notification text (`notification-{kind}`).
#[allow(clippy::too_many_arguments)] // the event's fields, each needed once
pub(crate) async fn notify_entry_followers(
    tx: &mut Tx,
    tenant: &Tenant,
    now: i64,
    actor: Option<i64>,
    kind: &str,
    entry_id: i64,
    title: &str,
    link: &str,
) -> Result<()> {
    tx.exec(
        "INSERT INTO notifications (municipality_id, user_id, kind, title, link, created_at) SELECT $1, f.user_id, $2, $3, $4, $5 FROM follows f WHERE f.target_kind = 'register_entry' AND f.target_id = $6 AND f.user_id <> $7",
        params![tenant.id, kind, title, link, now, entry_id, actor.unwrap_or(0)],
    )
    .await?;
    Ok(())
}

fn version_from(tenant: &Tenant, r: &crate::Row) -> Result<RegisterVersion> {
    let entry: RegisterEntry = serde_json::from_str(&r.str("entry_json")?)
        .map_err(|e| StoreError::Analysis(format!("stored register version: {e}")))?;
    Ok(RegisterVersion {
        version: r.i64("version")?,
        entry,
        author: actor_label(tenant, r.opt_i64("author_id")?),
        change_note: r.str("change_note")?,
        created_at: r.i64("created_at")?,
    })
}
