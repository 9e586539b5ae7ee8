//! Resident verification: one-time codes (imported or generated for
//! printed letters) that a citizen redeems to become a verified resident.

use super::Accounts;
use crate::{params, token_hash, Result, StoreError, Tenant};
use serde::Deserialize;
use teilhabe_domain::{Actor, FieldErrors};

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
        let mut w = self.store.write(tenant).await?;
        let now = w.now;
        for c in codes {
            w.exec(
                "INSERT INTO verification_codes (municipality_id, code_hash, batch, created_at) VALUES ($1, $2, $3, $4)",
                params![tenant.id, token_hash(c), batch.trim(), now],
            )
            .await
            .map_err(|e| if e.is_unique_violation() { StoreError::Conflict("error-code-duplicate") } else { e.into() })?;
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
        let n = w
            .exec(
                "UPDATE verification_codes SET used_at = $1, used_by = $2 WHERE municipality_id = $3 AND code_hash = $4 AND used_at IS NULL",
                params![now, user_id, tenant.id, token_hash(&code)],
            )
            .await?;
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
