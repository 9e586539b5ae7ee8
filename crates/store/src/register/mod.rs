//! The register of data uses and algorithms (issue #3): entries and their
//! versions. Every save adds a version with the whole entry as JSON (the
//! `teilhabe-register` crate's `RegisterEntry`); no version is ever
//! changed, so the public history and diffs show exactly what was
//! published when. The entry row keeps what lists and filters need.
//!
//! Entries are public in every lifecycle status: the register exists so
//! that planned uses can be discussed before they are built.
//!
//! - `entries.rs`: the list, one entry, its versions,
//!   creating an entry and saving a new version.
//! - `exchange.rs`: the register as exchanged with other
//!   registers (export of the current versions, import of ATS records).

pub(crate) mod demo;
mod entries;
mod exchange;

use crate::audit::actor_label;
use crate::{Result, StoreError, Tenant, Write};
use serde::{Deserialize, Serialize};
use teilhabe_domain::permission::{decide, Action, Target};
use teilhabe_domain::register::{RegisterEntry, FIELDS};
use teilhabe_domain::Actor;
use teilhabe_domain::FieldErrors;

/// The register module in the store's manifest (`crate::module::MODULES`).
pub const MODULE: crate::module::StoreModule = {
    use crate::module::{Migration, StoreModule};
    StoreModule {
        name: "register",
        migrations: &[Migration {
            version: 6,
            description: "register",
            sqlite: include_str!("migrations/sqlite/0006_register.sql"),
            postgres: include_str!("migrations/postgres/0006_register.sql"),
        }],
        demo: Some(|s, d| Box::pin(demo::load(s, d))),
        jobs: &[],
        contributions: None,
    }
};

crate::service!(
    Register,
    register,
    "The register of data uses: entries, versions, exchange with other registers."
);

/// Longest change note, in characters.
pub const MAX_NOTE_CHARS: usize = 500;

/// An entry as lists and the entry page show it (current version).
#[derive(Debug, Clone, Serialize, Deserialize)]
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

/// What the reader may do on the register's list (decided here; the
/// pages read it).
#[derive(Debug, Clone, Copy, Default, Serialize)]
pub struct RegisterRights {
    /// Create entries.
    pub create: bool,
    /// Import a file from another register: who may create entries and
    /// edit every entry (admins).
    pub import: bool,
}

impl RegisterRights {
    pub fn decide(actor: &Actor) -> Self {
        let create = decide(actor, Action::CreateRegisterEntry, &Target::Municipality).is_ok();
        RegisterRights {
            create,
            import: create
                && decide(
                    actor,
                    Action::EditRegisterEntry,
                    &Target::RegisterEntry {
                        department_id: None,
                    },
                )
                .is_ok(),
        }
    }
}

/// What the reader may do with one entry.
#[derive(Debug, Clone, Copy, Default, Serialize)]
pub struct EntryRights {
    /// Save a new version.
    pub edit: bool,
}

impl EntryRights {
    pub fn decide(actor: &Actor, entry: &RegisterSummary) -> Self {
        EntryRights {
            edit: decide(actor, Action::EditRegisterEntry, &entry.target()).is_ok(),
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
    /// Departments the import created ([`UnknownDepartments::Create`]).
    pub created_departments: Vec<String>,
}

/// What an import does with a new entry whose department does not exist.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum UnknownDepartments {
    /// The entry is kept by the administration (listed in the summary).
    #[default]
    Keep,
    /// The department is created.
    Create,
    /// Every such record is an error; nothing is written.
    Strict,
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

/// A stored version as read (`version, entry_json, author_id,
/// change_note, created_at`).
#[derive(Deserialize)]
struct VersionRow {
    version: i64,
    entry_json: String,
    author_id: Option<i64>,
    change_note: String,
    created_at: i64,
}

impl VersionRow {
    fn into_version(self, tenant: &Tenant) -> Result<RegisterVersion> {
        Ok(RegisterVersion {
            version: self.version,
            entry: parse_entry(&self.entry_json)?,
            author: actor_label(tenant, self.author_id),
            change_note: self.change_note,
            created_at: self.created_at,
        })
    }
}

/// A stored version's JSON as an entry.
fn parse_entry(json: &str) -> Result<RegisterEntry> {
    serde_json::from_str(json).map_err(|e| StoreError::internal("stored register version", e))
}

/// A random (version 4) UUID for a new entry's `uuid` field.
/// A random (version 4) UUID, for `dct:identifier`-like ids.
pub(crate) fn new_uuid() -> String {
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

/// Notifies everyone following a register entry (follows with
/// `target_kind = 'register_entry'`), except the actor, in one statement.
/// `kind` names the notification text (`notification-{kind}`).
#[allow(clippy::too_many_arguments)] // the event's fields, each needed once
pub(crate) async fn notify_entry_followers(
    w: &mut Write<'_>,
    actor: Option<i64>,
    kind: &str,
    entry_id: i64,
    title: &str,
    link: &str,
) -> Result<()> {
    use crate::follows::{notify, Followed};
    notify(
        w,
        actor,
        &[Followed::RegisterEntry(entry_id)],
        kind,
        title,
        link,
    )
    .await
}

#[cfg(test)]
mod tests {
    use super::*;
    use teilhabe_domain::Role;

    fn signed_in(roles: &[Role], departments: &[i64]) -> Actor {
        Actor {
            user_id: Some(1),
            roles: roles.to_vec(),
            departments: departments.to_vec(),
            verified: true,
            unconfirmed: false,
        }
    }

    fn entry_of(department_id: Option<i64>) -> RegisterSummary {
        RegisterSummary {
            id: 1,
            slug: "e".into(),
            department_id,
            department_name: None,
            current_version: 1,
            status: "planned".into(),
            risk_category: String::new(),
            domain: String::new(),
            algorithm_type: String::new(),
            title: "E".into(),
            summary: String::new(),
            created_at: 0,
            updated_at: 0,
        }
    }

    /// The list's and an entry's rights as the pages showed them when they
    /// decided themselves: create for staff, import for admins only, edit
    /// for the entry's department and admins.
    #[test]
    fn register_rights_follow_roles_and_departments() {
        let entry = entry_of(Some(7));
        let cases = [
            ("visitor", Actor::visitor(), false, false, false),
            (
                "citizen",
                signed_in(&[Role::Citizen], &[]),
                false,
                false,
                false,
            ),
            (
                "own staff",
                signed_in(&[Role::Staff], &[7]),
                true,
                false,
                true,
            ),
            (
                "other staff",
                signed_in(&[Role::Staff], &[8]),
                true,
                false,
                false,
            ),
            ("admin", signed_in(&[Role::Admin], &[]), true, true, true),
        ];
        for (who, actor, create, import, edit) in cases {
            let list = RegisterRights::decide(&actor);
            assert_eq!((list.create, list.import), (create, import), "{who}");
            assert_eq!(EntryRights::decide(&actor, &entry).edit, edit, "{who}");
        }
    }
}
