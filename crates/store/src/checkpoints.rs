//! Signed checkpoints of the audit chain. Someone with write access to the
//! database can drop the append-only triggers, rewrite entries and
//! recompute every hash and the head: the chain alone still verifies. A
//! checkpoint is the pair (sequence number, hash) of the chain at one
//! moment, signed with the instance's Ed25519 key, which lives in the key
//! file outside the database (`crate::keys`). Once published (the
//! `/audit/checkpoints` page and API) and kept by others, it proves what
//! the chain looked like up to that entry: a rewritten chain has another
//! hash there, and a new signature needs the key.

use crate::audit::Audit;
use crate::{params, Result, StoreError, Tenant};
use ed25519_dalek::{Signature, Signer, VerifyingKey};
use serde::{Deserialize, Serialize};

/// One signed checkpoint, as stored and published.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Checkpoint {
    pub seq: i64,
    pub hash: String,
    pub at_ms: i64,
    /// Ed25519 signature (hex) of [`signed_text`].
    pub signature: String,
}

/// A municipality's checkpoints with the key that signed them, as the API
/// publishes them and `teilhabe audit verify --checkpoints FILE` reads them.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct Published {
    pub municipality: String,
    /// The Ed25519 public key (hex) that verifies every signature.
    pub public_key: String,
    /// Newest first.
    pub checkpoints: Vec<Checkpoint>,
}

/// The exact text a checkpoint's signature covers.
pub fn signed_text(municipality: &str, seq: i64, hash: &str, at_ms: i64) -> String {
    format!("teilhabe-audit-checkpoint/v1\n{municipality}\n{seq}\n{hash}\n{at_ms}")
}

/// Whether `c` is signed by `public_key` (hex) for `municipality`.
pub fn signature_valid(public_key: &str, municipality: &str, c: &Checkpoint) -> bool {
    let key = hex::decode(public_key)
        .ok()
        .and_then(|b| <[u8; 32]>::try_from(b).ok())
        .and_then(|b| VerifyingKey::from_bytes(&b).ok());
    let sig = hex::decode(&c.signature)
        .ok()
        .and_then(|b| <[u8; 64]>::try_from(b).ok())
        .map(|b| Signature::from_bytes(&b));
    match (key, sig) {
        (Some(k), Some(s)) => k
            .verify_strict(
                signed_text(municipality, c.seq, &c.hash, c.at_ms).as_bytes(),
                &s,
            )
            .is_ok(),
        _ => false,
    }
}

#[derive(Deserialize)]
struct CheckpointRow {
    seq: i64,
    hash: String,
    at_ms: i64,
    signature: String,
}

#[derive(Deserialize)]
struct HashRow {
    hash: String,
}

/// Where the chain and an expected (seq, hash) disagree.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Mismatch {
    pub seq: i64,
    pub expected: String,
    /// The stored hash at `seq`, or `None` if the entry is missing.
    pub found: Option<String>,
}

impl std::fmt::Display for Mismatch {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match &self.found {
            Some(h) => write!(
                f,
                "entry {} has hash {h}, but the checkpoint says {}: the log was rewritten up to this entry",
                self.seq, self.expected
            ),
            None => write!(
                f,
                "entry {} is missing, but the checkpoint says it had hash {}: the log was cut",
                self.seq, self.expected
            ),
        }
    }
}

impl Audit<'_> {
    /// Signs the current head unless the newest checkpoint already has it;
    /// the new checkpoint, if any.
    pub async fn checkpoint(&self, tenant: &Tenant) -> Result<Option<Checkpoint>> {
        let Some((seq, hash)) = self.head(tenant).await? else {
            return Ok(None);
        };
        if let Some(last) = self.checkpoints(tenant, 1).await?.into_iter().next() {
            if last.seq >= seq {
                return Ok(None);
            }
        }
        let at_ms = self.store.now();
        let key = self.store.key();
        let signature = hex::encode(
            key.signing_key()
                .sign(signed_text(&tenant.slug, seq, &hash, at_ms).as_bytes())
                .to_bytes(),
        );
        self.store
            .db
            .exec(
                "INSERT INTO audit_checkpoints (municipality_id, seq, hash, at_ms, public_key, signature) VALUES ($1, $2, $3, $4, $5, $6) ON CONFLICT (municipality_id, seq) DO NOTHING",
                params![tenant.id, seq, hash.as_str(), at_ms, key.public_key_hex(), signature.as_str()],
            )
            .await?;
        Ok(Some(Checkpoint {
            seq,
            hash,
            at_ms,
            signature,
        }))
    }

    /// [`Self::checkpoint`] for every municipality (the background job);
    /// how many checkpoints were made.
    pub async fn checkpoint_all(&self) -> Result<usize> {
        let mut n = 0;
        for t in self.store.tenants().all().await? {
            if self.checkpoint(&t).await?.is_some() {
                n += 1;
            }
        }
        Ok(n)
    }

    /// The newest `limit` checkpoints, newest first.
    pub async fn checkpoints(&self, tenant: &Tenant, limit: i64) -> Result<Vec<Checkpoint>> {
        let rows: Vec<CheckpointRow> = self
            .store
            .db
            .all_as(
                "SELECT seq, hash, at_ms, signature FROM audit_checkpoints WHERE municipality_id = $1 ORDER BY seq DESC LIMIT $2",
                params![tenant.id, limit],
            )
            .await?;
        Ok(rows
            .into_iter()
            .map(|r| Checkpoint {
                seq: r.seq,
                hash: r.hash,
                at_ms: r.at_ms,
                signature: r.signature,
            })
            .collect())
    }

    /// The checkpoints as published, with this instance's public key.
    pub async fn published(&self, tenant: &Tenant, limit: i64) -> Result<Published> {
        Ok(Published {
            municipality: tenant.slug.clone(),
            public_key: self.store.key().public_key_hex(),
            checkpoints: self.checkpoints(tenant, limit).await?,
        })
    }

    /// Compares the stored hashes with expected (seq, hash) pairs (from
    /// checkpoints or `--expect`); every disagreement. Together with an
    /// intact chain ([`Self::verify`]), a matching hash at `seq` proves
    /// that entries 1 to `seq` are unchanged.
    pub async fn compare(
        &self,
        tenant: &Tenant,
        expected: &[(i64, String)],
    ) -> Result<Vec<Mismatch>> {
        let mut out = Vec::new();
        for (seq, hash) in expected {
            let found: Option<HashRow> = self
                .store
                .db
                .opt_as(
                    "SELECT hash FROM audit_log WHERE municipality_id = $1 AND seq = $2",
                    params![tenant.id, *seq],
                )
                .await?;
            let found = found.map(|r| r.hash);
            if found.as_deref() != Some(hash.as_str()) {
                out.push(Mismatch {
                    seq: *seq,
                    expected: hash.clone(),
                    found,
                });
            }
        }
        Ok(out)
    }

    /// Checks the stored checkpoints: each must be signed by this
    /// instance's key and match the chain. The problems found, as text.
    pub async fn check_stored_checkpoints(&self, tenant: &Tenant) -> Result<Vec<String>> {
        let published = self.published(tenant, i64::MAX).await?;
        check_published(self, tenant, &published).await
    }
}

/// Checks published checkpoints (from a file or the API) against the chain
/// of `tenant`: the key must be this instance's, every signature valid,
/// every hash the stored one. The problems found, as text.
pub async fn check_published(
    audit: &Audit<'_>,
    tenant: &Tenant,
    published: &Published,
) -> Result<Vec<String>> {
    let mut problems = Vec::new();
    let own = audit.store.key().public_key_hex();
    if published.public_key != own {
        problems.push(format!(
            "the checkpoints are signed by the key {}, but this instance's key is {own}",
            published.public_key
        ));
        return Ok(problems);
    }
    let mut expected = Vec::new();
    for c in &published.checkpoints {
        if signature_valid(&published.public_key, &tenant.slug, c) {
            expected.push((c.seq, c.hash.clone()));
        } else {
            problems.push(format!(
                "checkpoint at entry {}: the signature is not valid",
                c.seq
            ));
        }
    }
    for m in audit.compare(tenant, &expected).await? {
        problems.push(m.to_string());
    }
    Ok(problems)
}

/// A `SEQ:HASH` argument.
pub fn parse_expect(s: &str) -> Result<(i64, String)> {
    let bad =
        || StoreError::invariant("--expect wants SEQ:HASH (an entry number and its 64-digit hash)");
    let (seq, hash) = s.split_once(':').ok_or_else(bad)?;
    let seq: i64 = seq.trim().parse().map_err(|_| bad())?;
    let hash = hash.trim().to_ascii_lowercase();
    if seq < 1 || hash.len() != 64 || !hash.chars().all(|c| c.is_ascii_hexdigit()) {
        return Err(bad());
    }
    Ok((seq, hash))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::keys::InstanceKey;

    #[test]
    fn signatures_verify_only_for_their_content_and_key() {
        let key = InstanceKey::fixed_for_tests();
        let sign = |seq: i64, hash: &str| Checkpoint {
            seq,
            hash: hash.into(),
            at_ms: 5,
            signature: hex::encode(
                key.signing_key()
                    .sign(signed_text("musterstadt", seq, hash, 5).as_bytes())
                    .to_bytes(),
            ),
        };
        let pk = key.public_key_hex();
        let c = sign(3, "ab");
        assert!(signature_valid(&pk, "musterstadt", &c));
        assert!(!signature_valid(&pk, "anderstadt", &c));
        let mut changed = c.clone();
        changed.hash = "ac".into();
        assert!(!signature_valid(&pk, "musterstadt", &changed));
        let other = InstanceKey::from_bytes([1u8; 32]).public_key_hex();
        assert!(!signature_valid(&other, "musterstadt", &c));
        assert!(!signature_valid("zz", "musterstadt", &c));
    }

    #[test]
    fn expect_arguments() {
        let h = "a".repeat(64);
        assert_eq!(parse_expect(&format!("12:{h}")).ok(), Some((12, h.clone())));
        assert!(parse_expect("12").is_err());
        assert!(parse_expect(&format!("0:{h}")).is_err());
        assert!(parse_expect("3:abc").is_err());
    }
}
