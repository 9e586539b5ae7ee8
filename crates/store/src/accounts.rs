use crate::audit::{actor_label, append};
use crate::{params, random_token, token_hash, Result, Store, StoreError, Tenant};
use argon2::password_hash::{PasswordHash, PasswordHasher, PasswordVerifier, SaltString};
use argon2::Argon2;
use serde::Serialize;
use std::str::FromStr;
use teilhabe_domain::audit::AuditEvent;
use teilhabe_domain::validation::is_plausible_email;
use teilhabe_domain::{Actor, FieldErrors, Role};

pub const PASSWORD_MIN: usize = 10;
pub const SESSION_DAYS: i64 = 14;
const RESET_MINUTES: i64 = 60;

#[derive(Debug, Clone, Serialize)]
pub struct User {
    pub id: i64,
    pub email: String,
    pub display_name: String,
    pub locale: String,
    pub digest: String,
    pub verified: bool,
    pub created_at: i64,
}

#[derive(Debug, Clone, Serialize)]
pub struct Grant {
    pub role: Role,
    pub department_id: Option<i64>,
    pub department: Option<String>,
}

#[derive(Debug, Clone, Serialize)]
pub struct UserWithRoles {
    pub user: User,
    pub grants: Vec<Grant>,
}

#[derive(Debug, Clone, Serialize)]
pub struct Notification {
    pub id: i64,
    pub kind: String,
    pub title: String,
    pub link: String,
    pub created_at: i64,
    pub read: bool,
}

#[derive(Debug, Clone, Serialize)]
pub struct ApiToken {
    pub id: i64,
    pub name: String,
    pub created_at: i64,
    pub last_used_at: Option<i64>,
}

const USER_COLS: &str =
    "u.id, u.email, u.display_name, u.locale, u.digest, u.verified_at, u.created_at";

fn user_from(r: &crate::Row) -> Result<User> {
    Ok(User {
        id: r.i64("id")?,
        email: r.str("email")?,
        display_name: r.str("display_name")?,
        locale: r.str("locale")?,
        digest: r.str("digest")?,
        verified: r.opt_i64("verified_at")?.is_some(),
        created_at: r.i64("created_at")?,
    })
}

/// A role grant row (role, department_id, department name); grants of
/// roles this version does not know are skipped rather than failing.
fn grant_from(r: &crate::Row) -> Option<Grant> {
    let role = Role::from_str(&r.str("role").ok()?).ok()?;
    let d = r.i64("department_id").ok()?;
    Some(Grant {
        role,
        department_id: (d != 0).then_some(d),
        department: r.opt_str("name").ok()?,
    })
}

pub fn hash_password(password: &str) -> Result<String> {
    let salt = SaltString::generate(&mut argon2::password_hash::rand_core::OsRng);
    Argon2::default()
        .hash_password(password.as_bytes(), &salt)
        .map(|h| h.to_string())
        .map_err(|_| StoreError::Conflict("error-password-hash"))
}

fn verify_password(password: &str, hash: &str) -> bool {
    PasswordHash::new(hash)
        .map(|h| {
            Argon2::default()
                .verify_password(password.as_bytes(), &h)
                .is_ok()
        })
        .unwrap_or(false)
}

fn validate_password(e: &mut FieldErrors, field: &'static str, password: &str) {
    if password.chars().count() < PASSWORD_MIN {
        e.add_with(
            field,
            "error-password-short",
            vec![("min", PASSWORD_MIN.to_string())],
        );
    } else if password.len() > 1000 {
        e.add_with(field, "error-too-long", vec![("max", "1000".into())]);
    }
}

/// New account data as entered.
#[derive(Debug, Clone, Default)]
pub struct Registration {
    pub email: String,
    pub display_name: String,
    pub password: String,
    pub password_confirm: String,
    pub locale: String,
}

impl Store {
    pub async fn signup(&self, tenant: &Tenant, reg: &Registration) -> Result<User> {
        let email = reg.email.trim().to_lowercase();
        let mut e = FieldErrors::new();
        if !is_plausible_email(&email) {
            e.add("email", "error-email");
        }
        e.text("display_name", &reg.display_name, 2, 60);
        validate_password(&mut e, "password", &reg.password);
        if reg.password != reg.password_confirm {
            e.add("password_confirm", "error-password-mismatch");
        }
        e.into_result()?;
        let hash = hash_password(&reg.password)?;
        self.create_user_with_hash(
            tenant,
            &email,
            reg.display_name.trim(),
            &hash,
            &reg.locale,
            &[],
        )
        .await
    }

    /// Creates an account with a precomputed hash (the demo reuses one).
    pub async fn create_user_with_hash(
        &self,
        tenant: &Tenant,
        email: &str,
        display_name: &str,
        hash: &str,
        locale: &str,
        roles: &[(Role, Option<i64>)],
    ) -> Result<User> {
        let now = self.now();
        let locale = if locale == "en" { "en" } else { "de" };
        let mut tx = self.db.begin().await?;
        let id = tx
            .insert(
                "INSERT INTO users (municipality_id, email, display_name, password_hash, locale, created_at) VALUES ($1, $2, $3, $4, $5, $6) RETURNING id",
                params![tenant.id, email.to_lowercase(), display_name, hash, locale, now],
            )
            .await
            .map_err(|e| {
                if e.is_unique_violation() {
                    let mut fe = FieldErrors::new();
                    fe.add("email", "error-email-taken");
                    StoreError::Invalid(fe)
                } else {
                    e.into()
                }
            })?;
        tx.exec(
            "INSERT INTO role_grants (municipality_id, user_id, role, department_id, granted_at) VALUES ($1, $2, 'citizen', 0, $3)",
            params![tenant.id, id, now],
        )
        .await?;
        for (role, dept) in roles {
            if *role != Role::Citizen {
                tx.exec(
                    "INSERT INTO role_grants (municipality_id, user_id, role, department_id, granted_at) VALUES ($1, $2, $3, $4, $5)",
                    params![tenant.id, id, role.as_str(), dept.unwrap_or(0), now],
                )
                .await?;
            }
        }
        append(&mut tx, tenant, now, AuditEvent::new(actor_label(tenant, Some(id)), "user.registered", format!("user:{}", actor_label(tenant, Some(id))), serde_json::json!({"roles": roles.iter().map(|r| r.0.as_str()).collect::<Vec<_>>()}))).await?;
        tx.commit().await?;
        self.user(tenant, id).await
    }

    pub async fn user(&self, tenant: &Tenant, id: i64) -> Result<User> {
        let r = self
            .db
            .opt(
                &format!(
                    "SELECT {USER_COLS} FROM users u WHERE u.id = $1 AND u.municipality_id = $2"
                ),
                params![id, tenant.id],
            )
            .await?
            .ok_or(StoreError::NotFound)?;
        user_from(&r)
    }

    pub async fn user_by_email(&self, tenant: &Tenant, email: &str) -> Result<Option<User>> {
        let r = self
            .db
            .opt(
                &format!(
                    "SELECT {USER_COLS} FROM users u WHERE u.municipality_id = $1 AND u.email = $2"
                ),
                params![tenant.id, email.trim().to_lowercase()],
            )
            .await?;
        r.as_ref().map(user_from).transpose()
    }

    /// Checks e-mail and password. The same error for an unknown address and
    /// a wrong password, so the form does not reveal who has an account.
    pub async fn authenticate(&self, tenant: &Tenant, email: &str, password: &str) -> Result<User> {
        let r = self
            .db
            .opt(
                &format!("SELECT {USER_COLS}, u.password_hash FROM users u WHERE u.municipality_id = $1 AND u.email = $2"),
                params![tenant.id, email.trim().to_lowercase()],
            )
            .await?;
        let bad = || {
            let mut e = FieldErrors::new();
            e.add("email", "error-login-failed");
            StoreError::Invalid(e)
        };
        let Some(r) = r else {
            // Spend the same time as a real check against timing probes.
            let _ = verify_password(password, "$argon2id$v=19$m=19456,t=2,p=1$c29tZXNhbHRzb21lc2FsdA$3Eq2tBpwWy7IIb0S5ZdDjvNh0RF+cIQZc7zp9tnpwc8");
            return Err(bad());
        };
        if !verify_password(password, &r.str("password_hash")?) {
            return Err(bad());
        }
        user_from(&r)
    }

    /// Starts a session; returns the cookie token (only its hash is stored).
    pub async fn create_session(&self, tenant: &Tenant, user_id: i64) -> Result<String> {
        let token = random_token();
        let now = self.now();
        self.db
            .exec(
                "INSERT INTO sessions (id, municipality_id, user_id, created_at, expires_at) VALUES ($1, $2, $3, $4, $5)",
                params![token_hash(&token), tenant.id, user_id, now, now + SESSION_DAYS * 86_400_000],
            )
            .await?;
        Ok(token)
    }

    pub async fn end_session(&self, token: &str) -> Result<()> {
        self.db
            .exec(
                "DELETE FROM sessions WHERE id = $1",
                params![token_hash(token)],
            )
            .await?;
        Ok(())
    }

    /// The user and actor behind a session cookie, in two statements.
    pub async fn session_actor(
        &self,
        tenant: &Tenant,
        token: &str,
    ) -> Result<Option<(User, Actor)>> {
        let r = self
            .db
            .opt(
                &format!("SELECT {USER_COLS} FROM sessions s JOIN users u ON u.id = s.user_id WHERE s.id = $1 AND s.municipality_id = $2 AND s.expires_at > $3"),
                params![token_hash(token), tenant.id, self.now()],
            )
            .await?;
        match r {
            Some(r) => {
                let user = user_from(&r)?;
                let actor = self.actor_of(&user).await?;
                Ok(Some((user, actor)))
            }
            None => Ok(None),
        }
    }

    /// The user and actor behind an API token.
    pub async fn token_actor(&self, tenant: &Tenant, token: &str) -> Result<Option<(User, Actor)>> {
        let r = self
            .db
            .opt(
                &format!("SELECT {USER_COLS} FROM api_tokens t JOIN users u ON u.id = t.user_id WHERE t.token_hash = $1 AND t.municipality_id = $2"),
                params![token_hash(token), tenant.id],
            )
            .await?;
        match r {
            Some(r) => {
                let user = user_from(&r)?;
                let actor = self.actor_of(&user).await?;
                Ok(Some((user, actor)))
            }
            None => Ok(None),
        }
    }

    pub async fn actor_of(&self, user: &User) -> Result<Actor> {
        let rows = self
            .db
            .all(
                "SELECT role, department_id FROM role_grants WHERE user_id = $1",
                params![user.id],
            )
            .await?;
        let mut actor = Actor {
            user_id: Some(user.id),
            verified: user.verified,
            ..Actor::default()
        };
        for r in rows {
            if let Ok(role) = Role::from_str(&r.str("role")?) {
                if !actor.roles.contains(&role) {
                    actor.roles.push(role);
                }
                if role == Role::Staff {
                    actor.departments.push(r.i64("department_id")?);
                }
            }
        }
        Ok(actor)
    }

    pub async fn grants(&self, tenant: &Tenant, user_id: i64) -> Result<Vec<Grant>> {
        let rows = self
            .db
            .all(
                "SELECT g.role, g.department_id, d.name FROM role_grants g LEFT JOIN departments d ON d.id = g.department_id WHERE g.user_id = $1 AND g.municipality_id = $2 ORDER BY g.role",
                params![user_id, tenant.id],
            )
            .await?;
        Ok(rows.iter().filter_map(grant_from).collect())
    }

    /// All accounts with their roles, for the admin's user list (two statements).
    pub async fn users_with_roles(
        &self,
        tenant: &Tenant,
        query: &str,
        limit: i64,
    ) -> Result<Vec<UserWithRoles>> {
        let like = format!("%{}%", query.trim().to_lowercase());
        let rows = self
            .db
            .all(
                &format!("SELECT {USER_COLS} FROM users u WHERE u.municipality_id = $1 AND (u.email LIKE $2 OR LOWER(u.display_name) LIKE $2) ORDER BY u.id LIMIT $3"),
                params![tenant.id, like, limit],
            )
            .await?;
        let users = rows.iter().map(user_from).collect::<Result<Vec<_>>>()?;
        let grants = self
            .db
            .all(
                "SELECT g.user_id, g.role, g.department_id, d.name FROM role_grants g LEFT JOIN departments d ON d.id = g.department_id WHERE g.municipality_id = $1",
                params![tenant.id],
            )
            .await?;
        Ok(users
            .into_iter()
            .map(|user| {
                let gs = grants
                    .iter()
                    .filter(|g| g.i64("user_id").ok() == Some(user.id))
                    .filter_map(grant_from)
                    .collect();
                UserWithRoles { user, grants: gs }
            })
            .collect())
    }

    /// Grants or revokes a role (staff needs a department). Audited.
    pub async fn set_role(
        &self,
        tenant: &Tenant,
        by: Option<i64>,
        user_id: i64,
        role: Role,
        department_id: Option<i64>,
        grant: bool,
    ) -> Result<()> {
        if role == Role::Staff && department_id.is_none() {
            let mut e = FieldErrors::new();
            e.add("department_id", "error-staff-needs-department");
            return Err(e.into());
        }
        if role == Role::Citizen {
            return Err(StoreError::Conflict("error-citizen-role-fixed"));
        }
        self.user(tenant, user_id).await?;
        if let Some(d) = department_id {
            self.db
                .opt(
                    "SELECT id FROM departments WHERE id = $1 AND municipality_id = $2",
                    params![d, tenant.id],
                )
                .await?
                .ok_or_else(|| {
                    let mut e = FieldErrors::new();
                    e.add("department_id", "error-invalid-choice");
                    StoreError::Invalid(e)
                })?;
        }
        let dept = if role == Role::Staff {
            department_id.unwrap_or(0)
        } else {
            0
        };
        let now = self.now();
        let mut tx = self.db.begin().await?;
        let changed = if grant {
            tx.exec(
                "INSERT INTO role_grants (municipality_id, user_id, role, department_id, granted_at) VALUES ($1, $2, $3, $4, $5) ON CONFLICT DO NOTHING",
                params![tenant.id, user_id, role.as_str(), dept, now],
            )
            .await?
        } else {
            tx.exec(
                "DELETE FROM role_grants WHERE user_id = $1 AND role = $2 AND department_id = $3 AND municipality_id = $4",
                params![user_id, role.as_str(), dept, tenant.id],
            )
            .await?
        };
        if changed > 0 {
            append(
                &mut tx,
                tenant,
                now,
                AuditEvent::new(
                    actor_label(tenant, by),
                    if grant {
                        "role.granted"
                    } else {
                        "role.revoked"
                    },
                    format!("user:{}", actor_label(tenant, Some(user_id))),
                    serde_json::json!({"role": role.as_str(), "department_id": department_id}),
                ),
            )
            .await?;
        }
        tx.commit().await?;
        Ok(())
    }

    pub async fn change_password(
        &self,
        tenant: &Tenant,
        user_id: i64,
        current: &str,
        new: &str,
        confirm: &str,
    ) -> Result<()> {
        let r = self
            .db
            .one(
                "SELECT password_hash FROM users WHERE id = $1 AND municipality_id = $2",
                params![user_id, tenant.id],
            )
            .await?;
        let mut e = FieldErrors::new();
        if !verify_password(current, &r.str("password_hash")?) {
            e.add("current_password", "error-password-wrong");
        }
        validate_password(&mut e, "new_password", new);
        if new != confirm {
            e.add("new_password_confirm", "error-password-mismatch");
        }
        e.into_result()?;
        let hash = hash_password(new)?;
        let mut tx = self.db.begin().await?;
        tx.exec(
            "UPDATE users SET password_hash = $1 WHERE id = $2",
            params![hash, user_id],
        )
        .await?;
        // Other devices are logged out: a changed password ends old sessions.
        tx.exec("DELETE FROM sessions WHERE user_id = $1", params![user_id])
            .await?;
        tx.commit().await?;
        Ok(())
    }

    /// Creates a reset token for the address, if it has an account. The
    /// caller queues the mail; the answer to the visitor is the same either
    /// way, so the form does not reveal who has an account.
    pub async fn start_password_reset(
        &self,
        tenant: &Tenant,
        email: &str,
    ) -> Result<Option<(User, String)>> {
        let Some(user) = self.user_by_email(tenant, email).await? else {
            return Ok(None);
        };
        let token = random_token();
        self.db
            .exec(
                "INSERT INTO password_resets (token_hash, municipality_id, user_id, expires_at) VALUES ($1, $2, $3, $4)",
                params![token_hash(&token), tenant.id, user.id, self.now() + RESET_MINUTES * 60_000],
            )
            .await?;
        Ok(Some((user, token)))
    }

    pub async fn finish_password_reset(
        &self,
        tenant: &Tenant,
        token: &str,
        new: &str,
        confirm: &str,
    ) -> Result<User> {
        let mut e = FieldErrors::new();
        validate_password(&mut e, "password", new);
        if new != confirm {
            e.add("password_confirm", "error-password-mismatch");
        }
        e.into_result()?;
        let now = self.now();
        let mut tx = self.db.begin().await?;
        let r = tx
            .opt(
                "SELECT user_id FROM password_resets WHERE token_hash = $1 AND municipality_id = $2 AND used_at IS NULL AND expires_at > $3",
                params![token_hash(token), tenant.id, now],
            )
            .await?
            .ok_or(StoreError::Conflict("error-reset-token-invalid"))?;
        let user_id = r.i64("user_id")?;
        let hash = hash_password(new)?;
        tx.exec(
            "UPDATE users SET password_hash = $1 WHERE id = $2",
            params![hash, user_id],
        )
        .await?;
        tx.exec(
            "UPDATE password_resets SET used_at = $1 WHERE token_hash = $2",
            params![now, token_hash(token)],
        )
        .await?;
        tx.exec("DELETE FROM sessions WHERE user_id = $1", params![user_id])
            .await?;
        tx.commit().await?;
        self.user(tenant, user_id).await
    }

    pub async fn set_preferences(
        &self,
        tenant: &Tenant,
        user_id: i64,
        locale: &str,
        digest: &str,
    ) -> Result<()> {
        let mut e = FieldErrors::new();
        if !["de", "en"].contains(&locale) {
            e.add("locale", "error-invalid-choice");
        }
        if !["none", "daily", "weekly"].contains(&digest) {
            e.add("digest", "error-invalid-choice");
        }
        e.into_result()?;
        self.db
            .exec(
                "UPDATE users SET locale = $1, digest = $2 WHERE id = $3 AND municipality_id = $4",
                params![locale, digest, user_id, tenant.id],
            )
            .await?;
        Ok(())
    }

    // --- API tokens -------------------------------------------------------

    /// Returns the token once; only its hash is kept.
    pub async fn create_api_token(
        &self,
        tenant: &Tenant,
        user_id: i64,
        name: &str,
    ) -> Result<String> {
        let mut e = FieldErrors::new();
        e.text("name", name, 1, 80);
        e.into_result()?;
        let token = format!("th_{}", random_token());
        self.db
            .exec(
                "INSERT INTO api_tokens (municipality_id, user_id, name, token_hash, created_at) VALUES ($1, $2, $3, $4, $5)",
                params![tenant.id, user_id, name.trim(), token_hash(&token), self.now()],
            )
            .await?;
        Ok(token)
    }

    pub async fn api_tokens(&self, tenant: &Tenant, user_id: i64) -> Result<Vec<ApiToken>> {
        let rows = self
            .db
            .all("SELECT id, name, created_at, last_used_at FROM api_tokens WHERE user_id = $1 AND municipality_id = $2 ORDER BY id", params![user_id, tenant.id])
            .await?;
        rows.iter()
            .map(|r| {
                Ok(ApiToken {
                    id: r.i64("id")?,
                    name: r.str("name")?,
                    created_at: r.i64("created_at")?,
                    last_used_at: r.opt_i64("last_used_at")?,
                })
            })
            .collect()
    }

    pub async fn revoke_api_token(
        &self,
        tenant: &Tenant,
        user_id: i64,
        token_id: i64,
    ) -> Result<()> {
        let n = self
            .db
            .exec(
                "DELETE FROM api_tokens WHERE id = $1 AND user_id = $2 AND municipality_id = $3",
                params![token_id, user_id, tenant.id],
            )
            .await?;
        if n == 0 {
            return Err(StoreError::NotFound);
        }
        Ok(())
    }

    // --- Resident verification -------------------------------------------

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
        let now = self.now();
        let mut tx = self.db.begin().await?;
        for c in codes {
            tx.exec(
                "INSERT INTO verification_codes (municipality_id, code_hash, batch, created_at) VALUES ($1, $2, $3, $4)",
                params![tenant.id, token_hash(c), batch.trim(), now],
            )
            .await
            .map_err(|e| if e.is_unique_violation() { StoreError::Conflict("error-code-duplicate") } else { e.into() })?;
        }
        append(
            &mut tx,
            tenant,
            now,
            AuditEvent::new(
                actor_label(tenant, Some(by)),
                "verification.codes_added",
                format!("batch:{}", batch.trim()),
                serde_json::json!({"count": codes.len()}),
            ),
        )
        .await?;
        tx.commit().await?;
        Ok(())
    }

    /// A citizen redeems a code and becomes a verified resident.
    pub async fn redeem_code(&self, tenant: &Tenant, user_id: i64, code: &str) -> Result<()> {
        let code = normalize_code(code);
        let now = self.now();
        let mut tx = self.db.begin().await?;
        let u = tx
            .one(
                "SELECT verified_at FROM users WHERE id = $1",
                params![user_id],
            )
            .await?;
        if u.opt_i64("verified_at")?.is_some() {
            return Err(StoreError::Conflict("error-already-verified"));
        }
        let n = tx
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
        tx.exec(
            "UPDATE users SET verified_at = $1 WHERE id = $2",
            params![now, user_id],
        )
        .await?;
        append(
            &mut tx,
            tenant,
            now,
            AuditEvent::new(
                actor_label(tenant, Some(user_id)),
                "user.verified",
                format!("user:{}", actor_label(tenant, Some(user_id))),
                serde_json::json!({}),
            ),
        )
        .await?;
        tx.commit().await?;
        Ok(())
    }

    /// (batch, total, used) per batch.
    pub async fn code_batches(&self, tenant: &Tenant) -> Result<Vec<(String, i64, i64)>> {
        let rows = self
            .db
            .all(
                "SELECT batch, COUNT(*) AS total, COUNT(used_at) AS used, MIN(created_at) AS created FROM verification_codes WHERE municipality_id = $1 GROUP BY batch ORDER BY created DESC",
                params![tenant.id],
            )
            .await?;
        rows.iter()
            .map(|r| Ok((r.str("batch")?, r.i64("total")?, r.i64("used")?)))
            .collect()
    }

    // --- Notifications ----------------------------------------------------

    pub async fn notifications(
        &self,
        tenant: &Tenant,
        user_id: i64,
        limit: i64,
    ) -> Result<Vec<Notification>> {
        let rows = self
            .db
            .all(
                "SELECT id, kind, title, link, created_at, read_at FROM notifications WHERE user_id = $1 AND municipality_id = $2 ORDER BY id DESC LIMIT $3",
                params![user_id, tenant.id, limit],
            )
            .await?;
        rows.iter()
            .map(|r| {
                Ok(Notification {
                    id: r.i64("id")?,
                    kind: r.str("kind")?,
                    title: r.str("title")?,
                    link: r.str("link")?,
                    created_at: r.i64("created_at")?,
                    read: r.opt_i64("read_at")?.is_some(),
                })
            })
            .collect()
    }

    pub async fn unread_count(&self, user_id: i64) -> Result<i64> {
        Ok(self
            .db
            .one(
                "SELECT COUNT(*) AS n FROM notifications WHERE user_id = $1 AND read_at IS NULL",
                params![user_id],
            )
            .await?
            .i64("n")?)
    }

    pub async fn mark_notifications_read(&self, tenant: &Tenant, user_id: i64) -> Result<()> {
        self.db
            .exec("UPDATE notifications SET read_at = $1 WHERE user_id = $2 AND municipality_id = $3 AND read_at IS NULL", params![self.now(), user_id, tenant.id])
            .await?;
        Ok(())
    }
}

pub fn normalize_code(code: &str) -> String {
    code.chars()
        .filter(|c| !c.is_whitespace() && *c != '-')
        .collect::<String>()
        .to_uppercase()
}
