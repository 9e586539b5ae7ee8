//! The register as exchanged with other registers: the current version of
//! every entry (ATS or NL export) and the import of ATS records.

use super::entries::{insert_version, update_entry_row};
use super::{
    check_note, new_uuid, parse_entry, without_managed, Register, RegisterImportSummary,
    UnknownDepartments, VersionRow,
};
use crate::{params, Result, Tenant};
use serde::Deserialize;
use std::collections::HashMap;
use teilhabe_domain::permission::{decide, Action, Target};
use teilhabe_domain::register::{RegisterEntry, FIELDS};
use teilhabe_domain::{Actor, FieldErrors};

/// An entry's current version, for matching imported records by UUID.
#[derive(Deserialize)]
struct CurrentRow {
    id: i64,
    current_version: i64,
    entry_json: String,
}

impl Register<'_> {
    /// The current version of every entry, ordered by title: the register
    /// as exchanged with other registers (ATS or NL export).
    pub async fn current_entries(&self, tenant: &Tenant) -> Result<Vec<RegisterEntry>> {
        self.store
            .db
            .all_as::<VersionRow>(
                "SELECT v.version, v.entry_json, v.author_id, v.change_note, v.created_at FROM register_entries e JOIN register_versions v ON v.entry_id = e.id AND v.version = e.current_version WHERE e.municipality_id = $1 ORDER BY e.title, e.id",
                params![tenant.id],
            )
            .await?
            .into_iter()
            .map(|r| r.into_version(tenant).map(|v| v.entry))
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
    pub async fn import(
        &self,
        tenant: &Tenant,
        actor: &Actor,
        entries: Vec<RegisterEntry>,
        change_note: &str,
    ) -> Result<RegisterImportSummary> {
        self.import_with(
            tenant,
            actor,
            entries,
            change_note,
            UnknownDepartments::Keep,
        )
        .await
    }

    /// [`Self::import`] with a choice for new entries whose department
    /// does not exist yet: kept by the administration, created (listed in
    /// `created_departments`), or refused (every such record is an error
    /// and nothing is written).
    pub async fn import_with(
        &self,
        tenant: &Tenant,
        actor: &Actor,
        entries: Vec<RegisterEntry>,
        change_note: &str,
        unknown: UnknownDepartments,
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
        let mut seen = HashMap::new();
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
        let departments = self.store.tenants().departments(tenant).await?;
        let today = self.store.clock.today();
        let mut summary = RegisterImportSummary::default();
        // The UUIDs of the register as it is: uuid -> (id, version, entry).
        // Each update below names the version it replaces, so a save in
        // between fails the import instead of being undone by it.
        let mut existing = HashMap::new();
        for r in self
            .store
            .db
            .all_as::<CurrentRow>(
                "SELECT e.id, e.current_version, v.entry_json FROM register_entries e JOIN register_versions v ON v.entry_id = e.id AND v.version = e.current_version WHERE e.municipality_id = $1",
                params![tenant.id],
            )
            .await?
        {
            let entry = parse_entry(&r.entry_json)?;
            existing.insert(
                entry.get("uuid").to_lowercase(),
                (r.id, r.current_version, entry),
            );
        }
        let known = |name: &str| {
            departments
                .iter()
                .any(|d| d.name.trim().eq_ignore_ascii_case(name))
        };
        // New entries whose department is not there yet.
        let missing: Vec<(usize, String)> = entries
            .iter()
            .enumerate()
            .filter(|(_, e)| !existing.contains_key(&e.get("uuid").trim().to_lowercase()))
            .map(|(i, e)| (i + 1, e.get("department").trim().to_string()))
            .filter(|(_, name)| !name.is_empty() && !known(name))
            .collect();
        if unknown == UnknownDepartments::Strict && !missing.is_empty() {
            let mut e = FieldErrors::new();
            for (record, name) in &missing {
                e.add_with(
                    "department",
                    "error-register-import-unknown-department",
                    vec![("record", record.to_string()), ("value", name.clone())],
                );
            }
            return Err(e.into());
        }
        // The data council's block: no record may set an entry to
        // operational while a required review is open (the command line
        // and the import page offer no override).
        let council = self.store.council();
        let mut blocked = FieldErrors::new();
        for (i, incoming) in entries.iter().enumerate() {
            let uuid = incoming.get("uuid").trim().to_lowercase();
            if let Some((id, _, previous)) = existing.get(&uuid) {
                let mut e = FieldErrors::new();
                council
                    .check_operational(tenant, actor, *id, previous, incoming, None, &mut e)
                    .await?;
                for mut err in e.0 {
                    err.args.push(("record", (i + 1).to_string()));
                    blocked.0.push(err);
                }
            }
        }
        blocked.into_result()?;
        let mut w = self.store.write(tenant).await?;
        let mut departments = departments;
        if unknown == UnknownDepartments::Create {
            for (_, name) in &missing {
                if departments
                    .iter()
                    .any(|d| d.name.trim().eq_ignore_ascii_case(name))
                {
                    continue;
                }
                let mut e = FieldErrors::new();
                e.text("department", name, 2, 120);
                e.into_result()?;
                let id = w
                    .insert(
                        "INSERT INTO departments (municipality_id, name) VALUES ($1, $2) RETURNING id",
                        params![tenant.id, name.as_str()],
                    )
                    .await?;
                w.audit(
                    actor,
                    "department.created",
                    format!("department:{id}"),
                    serde_json::json!({"name": name, "by": "register import"}),
                );
                departments.push(crate::tenant::Department {
                    id,
                    name: name.clone(),
                });
                summary.created_departments.push(name.clone());
            }
        }
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
                    update_entry_row(&mut w, *id, *version, &entry).await?;
                    insert_version(
                        &mut w,
                        actor,
                        *id,
                        next,
                        &entry,
                        change_note,
                        "register.version_imported",
                    )
                    .await?;
                    council
                        .after_register_save(&mut w, actor, *id, next, Some(previous), &entry)
                        .await?;
                    summary.updated += 1;
                }
                None => {
                    if department_id.is_none() {
                        summary.unknown_departments.push((i + 1, department_name));
                    }
                    let keep = teilhabe_domain::register::entry::is_uuid(&uuid);
                    entry.set("uuid", if keep { uuid } else { new_uuid() });
                    entry.stamp(today);
                    self.insert_entry(
                        &mut w,
                        actor,
                        department_id,
                        &entry,
                        change_note,
                        "register.entry_imported",
                    )
                    .await?;
                    summary.created += 1;
                }
            }
        }
        w.commit().await?;
        Ok(summary)
    }
}
