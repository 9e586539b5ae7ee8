//! Resident verification: one-time codes (imported or generated for
//! printed letters) that a citizen redeems to become a verified resident.

use super::Accounts;
use crate::{params, token_hash, Result, StoreError, Tenant};
use argon2::password_hash::{PasswordHash, PasswordHasher, PasswordVerifier, SaltString};
use argon2::{Algorithm, Argon2, Params, Version};
use serde::Deserialize;
use teilhabe_domain::{Actor, FieldErrors};

/// How codes are stored. A code is typed without the user id, so it must
/// be found by its value; codes are short (an imported one may have only 8
/// characters, about 41 bits), so an unsalted SHA-256 of all codes could be
/// reversed from a database copy in hours. Each code is therefore stored as
///
/// - `code_index`: the first 4 hex digits (16 bits) of an HMAC-SHA256 keyed
///   with the instance secret `verification-codes`. It finds the few
///   candidate rows; being short it tells little about the code even to
///   someone who also has the secret;
/// - `code_hash`: an Argon2id hash with a salt of its own. Light parameters
///   (1 MiB, 2 passes: about a millisecond), since thousands are made at
///   once for letters and a code is used once; still, trying every 8-character
///   code against one row costs that for each guess, not a SHA-256.
///
/// Rows from before (no index) keep their SHA-256 and are still accepted.
struct CodeHasher {
    key: Vec<u8>,
    argon: Argon2<'static>,
}

impl CodeHasher {
    async fn new(store: &crate::Store) -> Result<CodeHasher> {
        let key = store
            .instance_secret("verification-codes")
            .await?
            .into_bytes();
        let params = Params::new(1024, 2, 1, None)
            .map_err(|e| StoreError::internal("code hash parameters", e.to_string()))?;
        Ok(CodeHasher {
            key,
            argon: Argon2::new(Algorithm::Argon2id, Version::V0x13, params),
        })
    }

    /// The lookup index of a normalised code.
    fn index(&self, code: &str) -> Result<String> {
        use hmac::{Hmac, Mac};
        let mut mac = <Hmac<sha2::Sha256> as Mac>::new_from_slice(&self.key)
            .map_err(|e| StoreError::internal("code index key", e.to_string()))?;
        mac.update(code.as_bytes());
        let full = hex::encode(mac.finalize().into_bytes());
        Ok(full[..4].to_string())
    }

    fn hash(&self, code: &str) -> Result<String> {
        let salt = SaltString::generate(&mut argon2::password_hash::rand_core::OsRng);
        self.argon
            .hash_password(code.as_bytes(), &salt)
            .map(|h| h.to_string())
            .map_err(|e| StoreError::internal("hashing a code", e.to_string()))
    }

    fn verify(&self, code: &str, hash: &str) -> bool {
        PasswordHash::new(hash)
            .map(|h| self.argon.verify_password(code.as_bytes(), &h).is_ok())
            .unwrap_or(false)
    }
}

#[derive(Deserialize)]
struct CandidateRow {
    id: i64,
    code_hash: String,
    code_index: Option<String>,
}

#[derive(Deserialize)]
struct VerifiedRow {
    verified_at: Option<i64>,
}

#[derive(Deserialize)]
struct BatchRow {
    batch: String,
    total: i64,
    used: i64,
}

impl Accounts<'_> {
    /// Stores one-time codes (hashed). Codes are normalised: upper case,
    /// without spaces and dashes, so "ab12-cd34" and "AB12CD34" match.
    /// Rejects the whole batch, writing nothing, if any line is invalid.
    pub async fn import_verification_codes(
        &self,
        tenant: &Tenant,
        by: i64,
        batch: &str,
        csv_text: &str,
    ) -> Result<usize> {
        let mut codes = Vec::new();
        let mut errors: Vec<String> = Vec::new();
        let mut rdr = csv::ReaderBuilder::new()
            .has_headers(false)
            .flexible(true)
            .from_reader(csv_text.as_bytes());
        for (i, rec) in rdr.records().enumerate() {
            let line = i + 1;
            match rec {
                Ok(rec) => {
                    let raw = rec.get(0).unwrap_or("").trim();
                    if raw.is_empty() || (line == 1 && raw.eq_ignore_ascii_case("code")) {
                        continue;
                    }
                    let code = normalize_code(raw);
                    if code.len() < 8
                        || code.len() > 64
                        || !code.chars().all(|c| c.is_ascii_alphanumeric())
                    {
                        errors.push(format!("{line}"));
                    } else {
                        codes.push(code);
                    }
                }
                Err(_) => errors.push(format!("{line}")),
            }
        }
        if !errors.is_empty() {
            let mut e = FieldErrors::new();
            e.add_with(
                "codes",
                "error-codes-invalid-lines",
                vec![("lines", errors.join(", "))],
            );
            return Err(e.into());
        }
        if codes.is_empty() {
            let mut e = FieldErrors::new();
            e.add("codes", "error-required");
            return Err(e.into());
        }
        self.store_codes(tenant, by, batch, &codes).await?;
        Ok(codes.len())
    }

    /// Generates `n` new codes (for printed letters) and returns them in clear.
    pub async fn generate_verification_codes(
        &self,
        tenant: &Tenant,
        by: i64,
        batch: &str,
        n: usize,
    ) -> Result<Vec<String>> {
        if n == 0 || n > 5000 {
            let mut e = FieldErrors::new();
            e.add_with(
                "count",
                "error-number-range",
                vec![("min", "1".into()), ("max", "5000".into())],
            );
            return Err(e.into());
        }
        use rand::Rng;
        // No 0/O/1/I: codes are typed from paper.
        const ALPHABET: &[u8] = b"ABCDEFGHJKLMNPQRSTUVWXYZ23456789";
        let codes: Vec<String> = {
            // The thread-local generator must not live across an await.
            let mut rng = rand::thread_rng();
            (0..n)
                .map(|_| {
                    (0..12)
                        .map(|_| ALPHABET[rng.gen_range(0..ALPHABET.len())] as char)
                        .collect()
                })
                .collect()
        };
        self.store_codes(tenant, by, batch, &codes).await?;
        Ok(codes)
    }

    async fn store_codes(
        &self,
        tenant: &Tenant,
        by: i64,
        batch: &str,
        codes: &[String],
    ) -> Result<()> {
        let mut e = FieldErrors::new();
        e.text("batch", batch, 1, 80);
        e.into_result()?;
        let hasher = std::sync::Arc::new(CodeHasher::new(self.store).await?);
        let mut seen = std::collections::HashSet::new();
        if !codes.iter().all(|c| seen.insert(c.as_str())) {
            return Err(StoreError::Conflict("error-code-duplicate"));
        }
        // Thousands of slow hashes: off the async workers.
        let (h, owned) = (hasher.clone(), codes.to_vec());
        let rows: Vec<(String, String, String)> = tokio::task::spawn_blocking(move || {
            owned
                .into_iter()
                .map(|c| {
                    let (index, hash) = (h.index(&c)?, h.hash(&c)?);
                    Ok((c, index, hash))
                })
                .collect::<Result<Vec<_>>>()
        })
        .await
        .map_err(|e| StoreError::internal("hashing codes", e.to_string()))??;
        let mut w = self.store.write(tenant).await?;
        let now = w.now;
        for (c, index, hash) in &rows {
            // Salted hashes cannot be unique in the table: a code already
            // stored is found by its index and checked against each hash.
            let known: Vec<CandidateRow> = w
                .all_as(
                    "SELECT id, code_hash, code_index FROM verification_codes WHERE municipality_id = $1 AND (code_index = $2 OR (code_index IS NULL AND code_hash = $3))",
                    params![tenant.id, index.as_str(), token_hash(c)],
                )
                .await?;
            if known
                .iter()
                .any(|k| k.code_index.is_none() || hasher.verify(c, &k.code_hash))
            {
                return Err(StoreError::Conflict("error-code-duplicate"));
            }
            w.exec(
                "INSERT INTO verification_codes (municipality_id, code_hash, code_index, batch, created_at) VALUES ($1, $2, $3, $4, $5)",
                params![tenant.id, hash.as_str(), index.as_str(), batch.trim(), now],
            )
            .await?;
        }
        w.audit(
            &Actor {
                user_id: Some(by),
                ..Actor::default()
            },
            "verification.codes_added",
            format!("batch:{}", batch.trim()),
            serde_json::json!({"count": codes.len()}),
        );
        w.commit().await?;
        Ok(())
    }

    /// A citizen redeems a code and becomes a verified resident.
    pub async fn redeem_code(&self, tenant: &Tenant, user_id: i64, code: &str) -> Result<()> {
        let code = normalize_code(code);
        // Before the transaction: the secret may be created on first use.
        let hasher = CodeHasher::new(self.store).await?;
        let mut w = self.store.write(tenant).await?;
        let now = w.now;
        let u: VerifiedRow = w
            .one_as(
                "SELECT verified_at FROM users WHERE id = $1",
                params![user_id],
            )
            .await?;
        if u.verified_at.is_some() {
            return Err(StoreError::Conflict("error-already-verified"));
        }
        let candidates: Vec<CandidateRow> = w
            .all_as(
                "SELECT id, code_hash, code_index FROM verification_codes WHERE municipality_id = $1 AND used_at IS NULL AND (code_index = $2 OR (code_index IS NULL AND code_hash = $3))",
                params![tenant.id, hasher.index(&code)?, token_hash(&code)],
            )
            .await?;
        let found = candidates
            .iter()
            .find(|k| k.code_index.is_none() || hasher.verify(&code, &k.code_hash));
        let n = match found {
            Some(k) => {
                w.exec(
                    "UPDATE verification_codes SET used_at = $1, used_by = $2 WHERE id = $3 AND used_at IS NULL",
                    params![now, user_id, k.id],
                )
                .await?
            }
            None => 0,
        };
        if n == 0 {
            let mut e = FieldErrors::new();
            e.add("code", "error-code-invalid");
            return Err(e.into());
        }
        w.exec(
            "UPDATE users SET verified_at = $1 WHERE id = $2",
            params![now, user_id],
        )
        .await?;
        let by = Actor {
            user_id: Some(user_id),
            ..Actor::default()
        };
        w.audit(&by, "user.verified", "user", serde_json::json!({}));
        w.commit().await?;
        Ok(())
    }

    /// (batch, total, used) per batch.
    pub async fn code_batches(&self, tenant: &Tenant) -> Result<Vec<(String, i64, i64)>> {
        let rows: Vec<BatchRow> = self
            .store
            .db
            .all_as(
                "SELECT batch, COUNT(*) AS total, COUNT(used_at) AS used, MIN(created_at) AS created FROM verification_codes WHERE municipality_id = $1 GROUP BY batch ORDER BY created DESC",
                params![tenant.id],
            )
            .await?;
        Ok(rows
            .into_iter()
            .map(|r| (r.batch, r.total, r.used))
            .collect())
    }
}

pub fn normalize_code(code: &str) -> String {
    code.chars()
        .filter(|c| !c.is_whitespace() && *c != '-')
        .collect::<String>()
        .to_uppercase()
}
