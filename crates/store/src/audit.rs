//! The audit log: a hash chain per municipality. Use cases append to it
//! through [`crate::Write`]; `store.audit()` reads and verifies it.

use crate::{params, Page, Result, Tenant, Tx};
use serde::Deserialize;
use teilhabe_domain::audit::{
    chain, event_actor, pseudonym, AuditEntry, AuditEvent, ChainError, ChainVerifier,
};

crate::service!(
    Audit,
    audit,
    "The audit log: its pages, its head and the verification of its chain."
);

/// The newest entry of a chain.
#[derive(Deserialize)]
struct HeadRow {
    seq: i64,
    hash: String,
}

/// A person's stable pseudonym, as pages show staff (an evaluation's
/// publisher, a register entry's author) and as older log entries and
/// role changes' targets name them.
pub fn actor_label(tenant: &Tenant, user_id: Option<i64>) -> String {
    match user_id {
        Some(id) => pseudonym(&tenant.audit_secret, id),
        None => "system".to_string(),
    }
}

/// Who did `action`, as the public log records it: "system" for the
/// platform, nobody for residents' countable events, otherwise a
/// pseudonym per kind of action ([`event_actor`]).
pub fn event_label(tenant: &Tenant, user_id: Option<i64>, action: &str) -> String {
    match user_id {
        Some(id) => event_actor(&tenant.audit_secret, id, action),
        None => "system".to_string(),
    }
}

/// Appends an event inside the caller's transaction, so the change and its
/// log entry are committed together or not at all. On PostgreSQL the head
/// row is locked, so concurrent app instances extend one chain in order; on
/// SQLite the transaction already holds the write lock (BEGIN IMMEDIATE).
pub(crate) async fn append(
    tx: &mut Tx,
    tenant: &Tenant,
    at_ms: i64,
    event: AuditEvent,
) -> Result<()> {
    let head_sql = if tx.is_postgres() {
        "SELECT seq, hash FROM audit_heads WHERE municipality_id = $1 FOR UPDATE"
    } else {
        "SELECT seq, hash FROM audit_heads WHERE municipality_id = $1"
    };
    let head: Option<HeadRow> = tx.opt_as(head_sql, params![tenant.id]).await?;
    let entry = chain(
        head.as_ref().map(|h| (h.hash.as_str(), h.seq)),
        at_ms,
        &event,
    );
    tx.exec(
        "INSERT INTO audit_log (municipality_id, seq, at_ms, actor, action, target, details, prev_hash, hash) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)",
        params![tenant.id, entry.seq, entry.at_ms, entry.actor.as_str(), entry.action.as_str(), entry.target.as_str(), entry.details.as_str(), entry.prev_hash.as_str(), entry.hash.as_str()],
    )
    .await?;
    if head.is_some() {
        tx.exec(
            "UPDATE audit_heads SET seq = $1, hash = $2 WHERE municipality_id = $3",
            params![entry.seq, entry.hash.as_str(), tenant.id],
        )
        .await?;
    } else {
        tx.exec(
            "INSERT INTO audit_heads (municipality_id, seq, hash) VALUES ($1, $2, $3)",
            params![tenant.id, entry.seq, entry.hash.as_str()],
        )
        .await?;
    }
    Ok(())
}

/// An `audit_log` row.
#[derive(Deserialize)]
struct EntryRow {
    seq: i64,
    at_ms: i64,
    actor: String,
    action: String,
    target: String,
    details: String,
    prev_hash: String,
    hash: String,
}

impl From<EntryRow> for AuditEntry {
    fn from(r: EntryRow) -> AuditEntry {
        AuditEntry {
            seq: r.seq,
            at_ms: r.at_ms,
            actor: r.actor,
            action: r.action,
            target: r.target,
            details: r.details,
            prev_hash: r.prev_hash,
            hash: r.hash,
        }
    }
}

/// Result of checking a municipality's chain.
#[derive(Debug, Clone, serde::Serialize)]
pub struct Verification {
    pub entries: i64,
    pub head: String,
    /// The first entry that does not match, with the reason.
    pub first_break: Option<(i64, String)>,
    /// The stored head row disagrees with the last entry (truncated log).
    pub head_mismatch: bool,
}

impl Audit<'_> {
    /// Newest first.
    pub async fn page(
        &self,
        tenant: &Tenant,
        page: i64,
        per_page: i64,
    ) -> Result<Page<AuditEntry>> {
        let (page, per_page, offset) = crate::page_window(page, per_page);
        let head = self.head(tenant).await?;
        let total = head.as_ref().map(|h| h.0).unwrap_or(0);
        let rows: Vec<EntryRow> = self
            .store
            .db
            .all_as(
                "SELECT seq, at_ms, actor, action, target, details, prev_hash, hash FROM audit_log WHERE municipality_id = $1 ORDER BY seq DESC LIMIT $2 OFFSET $3",
                params![tenant.id, per_page, offset],
            )
            .await?;
        let items = rows.into_iter().map(AuditEntry::from).collect();
        Ok(Page {
            items,
            total,
            page,
            per_page,
        })
    }

    /// (sequence number, hash) of the newest entry.
    pub async fn head(&self, tenant: &Tenant) -> Result<Option<(i64, String)>> {
        let r: Option<HeadRow> = self
            .store
            .db
            .opt_as(
                "SELECT seq, hash FROM audit_heads WHERE municipality_id = $1",
                params![tenant.id],
            )
            .await?;
        Ok(r.map(|h| (h.seq, h.hash)))
    }

    /// Walks the whole chain in batches and names the first broken entry.
    pub async fn verify(&self, tenant: &Tenant) -> Result<Verification> {
        let mut v = ChainVerifier::default();
        let mut after = 0i64;
        let mut first_break: Option<ChainError> = None;
        'outer: loop {
            let rows: Vec<EntryRow> = self
                .store
                .db
                .all_as(
                    "SELECT seq, at_ms, actor, action, target, details, prev_hash, hash FROM audit_log WHERE municipality_id = $1 AND seq > $2 ORDER BY seq LIMIT 5000",
                    params![tenant.id, after],
                )
                .await?;
            if rows.is_empty() {
                break;
            }
            for r in rows {
                let e = AuditEntry::from(r);
                after = e.seq;
                if let Err(err) = v.push(&e) {
                    first_break = Some(err);
                    break 'outer;
                }
            }
        }
        let head = self.head(tenant).await?;
        let head_mismatch = first_break.is_none()
            && match &head {
                Some((seq, hash)) => *seq != v.count() || hash != v.head(),
                None => v.count() != 0,
            };
        Ok(Verification {
            entries: v.count(),
            head: v.head().to_string(),
            first_break: first_break.map(|e| (e.seq(), e.to_string())),
            head_mismatch,
        })
    }
}
