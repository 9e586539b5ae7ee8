//! The audit trail: an append-only log whose entries are hash-chained per
//! municipality. Each entry's hash covers its own content and the previous
//! entry's hash, so changing, removing or reordering any stored entry breaks
//! every hash after it, and `teilhabe audit verify` names the first break.
//!
//! Personal data never enters the log: actors appear as pseudonyms derived
//! with a per-municipality secret (see [`pseudonym`]).

use serde::Serialize;
use sha2::{Digest, Sha256};

/// The hash that the first entry of a chain links to.
pub const GENESIS: &str = "0000000000000000000000000000000000000000000000000000000000000000";

/// One log entry as stored. `details` is the exact JSON text that was hashed.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct AuditEntry {
    pub seq: i64,
    pub at_ms: i64,
    pub actor: String,
    pub action: String,
    pub target: String,
    pub details: String,
    pub prev_hash: String,
    pub hash: String,
}

impl AuditEntry {
    /// The hash the entry's content and link give ([`entry_hash`]); an
    /// intact entry stores exactly this.
    pub fn computed_hash(&self) -> String {
        entry_hash(
            &self.prev_hash,
            self.seq,
            self.at_ms,
            &self.actor,
            &self.action,
            &self.target,
            &self.details,
        )
    }
}

/// The content of an entry before it is chained.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AuditEvent {
    pub actor: String,
    pub action: String,
    pub target: String,
    pub details: serde_json::Value,
}

impl AuditEvent {
    pub fn new(
        actor: impl Into<String>,
        action: &str,
        target: impl Into<String>,
        details: serde_json::Value,
    ) -> Self {
        Self {
            actor: actor.into(),
            action: action.to_string(),
            target: target.into(),
            details,
        }
    }
}

/// Hash of an entry: SHA-256 over a JSON array of all fields, so that field
/// boundaries are unambiguous (no "ab"+"c" == "a"+"bc" collisions).
pub fn entry_hash(
    prev_hash: &str,
    seq: i64,
    at_ms: i64,
    actor: &str,
    action: &str,
    target: &str,
    details: &str,
) -> String {
    let canonical =
        serde_json::json!([prev_hash, seq, at_ms, actor, action, target, details]).to_string();
    hex::encode(Sha256::digest(canonical.as_bytes()))
}

/// Chains an event after `prev` (or after [`GENESIS`] for the first entry).
pub fn chain(prev: Option<(&str, i64)>, at_ms: i64, event: &AuditEvent) -> AuditEntry {
    let (prev_hash, prev_seq) = prev.unwrap_or((GENESIS, 0));
    let seq = prev_seq + 1;
    // serde_json's default map is ordered by key: the text is canonical.
    let details = event.details.to_string();
    let hash = entry_hash(
        prev_hash,
        seq,
        at_ms,
        &event.actor,
        &event.action,
        &event.target,
        &details,
    );
    AuditEntry {
        seq,
        at_ms,
        actor: event.actor.clone(),
        action: event.action.clone(),
        target: event.target.clone(),
        details,
        prev_hash: prev_hash.to_string(),
        hash,
    }
}

/// Where a chain stops matching.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum ChainError {
    #[error("entry {seq}: sequence number out of order (expected {expected})")]
    Sequence { seq: i64, expected: i64 },
    #[error("entry {seq}: previous hash does not match entry {}", seq - 1)]
    Link { seq: i64 },
    #[error("entry {seq}: content does not match its hash")]
    Content { seq: i64 },
}

impl ChainError {
    pub fn seq(&self) -> i64 {
        match self {
            ChainError::Sequence { seq, .. }
            | ChainError::Link { seq }
            | ChainError::Content { seq } => *seq,
        }
    }
}

/// Incremental verifier, so that a long chain is checked while it streams
/// from the database instead of being loaded whole.
#[derive(Debug, Clone)]
pub struct ChainVerifier {
    prev_hash: String,
    next_seq: i64,
}

impl Default for ChainVerifier {
    fn default() -> Self {
        Self {
            prev_hash: GENESIS.to_string(),
            next_seq: 1,
        }
    }
}

impl ChainVerifier {
    pub fn push(&mut self, e: &AuditEntry) -> Result<(), ChainError> {
        if e.seq != self.next_seq {
            return Err(ChainError::Sequence {
                seq: e.seq,
                expected: self.next_seq,
            });
        }
        if e.prev_hash != self.prev_hash {
            return Err(ChainError::Link { seq: e.seq });
        }
        if e.computed_hash() != e.hash {
            return Err(ChainError::Content { seq: e.seq });
        }
        self.prev_hash = e.hash.clone();
        self.next_seq += 1;
        Ok(())
    }
    /// The head hash after the entries pushed so far.
    pub fn head(&self) -> &str {
        &self.prev_hash
    }
    pub fn count(&self) -> i64 {
        self.next_seq - 1
    }
}

/// Residents' actions whose entry alone is enough to check a count (a
/// support, a ballot, a verification, an anonymous statement): recorded
/// without any actor, so that nothing links them to each other or to a
/// named author's entries.
pub const UNATTRIBUTED: &[&str] = &[
    "support.added",
    "support.withdrawn",
    "budget.ballot_cast",
    "budget.ballot_replaced",
    "user.registered",
    "user.verified",
    "opinion.statement_submitted",
    "opinion.vote_cast",
];

/// Whether `action` is recorded without an actor ([`UNATTRIBUTED`]).
pub fn unattributed(action: &str) -> bool {
    UNATTRIBUTED.contains(&action)
}

/// The actor of a person's event in the public log: nobody for
/// [`UNATTRIBUTED`] actions, otherwise a pseudonym that differs per kind
/// of action (`proposal.created`, `comment.created`, ...), so the author
/// of a public proposal cannot be followed to their other kinds of
/// actions. Entries written before this rule keep their stable
/// pseudonyms (and their hashes).
pub fn event_actor(secret: &str, user_id: i64, action: &str) -> String {
    if unattributed(action) {
        return String::new();
    }
    let mut h = Sha256::new();
    h.update(secret.as_bytes());
    h.update(b":user:");
    h.update(user_id.to_string().as_bytes());
    h.update(b":action:");
    h.update(action.as_bytes());
    format!("p-{}", &hex::encode(h.finalize())[..12])
}

/// A stable pseudonym for a user in the public log: the same person is
/// recognisable across entries, but not identifiable without the secret.
pub fn pseudonym(secret: &str, user_id: i64) -> String {
    let mut h = Sha256::new();
    h.update(secret.as_bytes());
    h.update(b":user:");
    h.update(user_id.to_string().as_bytes());
    format!("p-{}", &hex::encode(h.finalize())[..12])
}

#[cfg(test)]
mod tests {
    use super::*;

    fn log(n: usize) -> Vec<AuditEntry> {
        let mut out: Vec<AuditEntry> = Vec::new();
        for i in 0..n {
            let ev = AuditEvent::new(
                "p-abc",
                "proposal.created",
                format!("proposal:{i}"),
                serde_json::json!({"title": format!("T{i}")}),
            );
            let prev = out.last().map(|e| (e.hash.as_str(), e.seq));
            let entry = chain(prev, 1_000 + i as i64, &ev);
            out.push(entry);
        }
        out
    }

    fn verify(entries: &[AuditEntry]) -> Result<(), ChainError> {
        let mut v = ChainVerifier::default();
        entries.iter().try_for_each(|e| v.push(e))
    }

    #[test]
    fn intact_chain_verifies() {
        let l = log(5);
        assert_eq!(verify(&l), Ok(()));
        assert_eq!(l[0].prev_hash, GENESIS);
        assert_eq!(l[3].prev_hash, l[2].hash);
    }

    #[test]
    fn edited_content_is_found() {
        let mut l = log(5);
        l[2].details = r#"{"title":"changed"}"#.into();
        assert_eq!(verify(&l), Err(ChainError::Content { seq: 3 }));
    }

    #[test]
    fn recomputed_hash_breaks_the_next_link() {
        let mut l = log(5);
        l[2].actor = "p-other".into();
        l[2].hash = l[2].computed_hash();
        assert_eq!(verify(&l), Err(ChainError::Link { seq: 4 }));
    }

    #[test]
    fn removed_entry_is_found() {
        let mut l = log(5);
        l.remove(1);
        assert_eq!(
            verify(&l),
            Err(ChainError::Sequence {
                seq: 3,
                expected: 2
            })
        );
    }

    #[test]
    fn event_actors_differ_per_action_and_citizen_events_have_none() {
        let a = event_actor("s", 1, "proposal.created");
        assert_eq!(a, event_actor("s", 1, "proposal.created"));
        assert!(a.starts_with("p-") && a.len() == 14);
        assert_ne!(a, event_actor("s", 1, "comment.created"));
        assert_ne!(a, event_actor("s", 2, "proposal.created"));
        assert_ne!(a, pseudonym("s", 1));
        for action in ["support.added", "budget.ballot_cast", "user.verified"] {
            assert_eq!(event_actor("s", 1, action), "");
        }
    }

    #[test]
    fn pseudonyms_are_stable_and_secret_dependent() {
        assert_eq!(pseudonym("s", 1), pseudonym("s", 1));
        assert_ne!(pseudonym("s", 1), pseudonym("s", 2));
        assert_ne!(pseudonym("s", 1), pseudonym("t", 1));
    }
}
