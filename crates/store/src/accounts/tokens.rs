//! API tokens: shown once, kept only as hashes. A token has scopes
//! (`read` always, `write:<module>` as chosen), an expiry and a last use;
//! a password change or reset revokes all of a person's tokens.

use super::{Accounts, ApiToken, User, UserRow, USER_COLS};
use crate::{params, random_token, token_hash, Result, StoreError, Tenant};
use serde::Deserialize;
use teilhabe_domain::{Actor, FieldErrors};

/// Every scope a token can have: reading as the person, and writing per
/// API module (the path prefixes in the web crate's `api::scope_for`).
pub const TOKEN_SCOPES: &[&str] = &[
    "read",
    "write:proposals",
    "write:opinion",
    "write:budgets",
    "write:goals",
    "write:questions",
];

/// Expiry a token gets unless another is chosen.
pub const TOKEN_DEFAULT_DAYS: i64 = 90;
/// The expiries offered (days).
pub const TOKEN_DAYS: &[i64] = &[7, 30, 90, 365];

/// Last use is written at most this often per token, so reads stay cheap.
const LAST_USE_EVERY_MS: i64 = 60_000;

/// A new token as chosen on the profile page.
#[derive(Debug, Clone)]
pub struct NewToken {
    pub name: String,
    pub scopes: Vec<String>,
    pub days: i64,
}

/// What a bearer token is worth.
// Made once per request and matched at once: the size does not matter.
#[allow(clippy::large_enum_variant)]
#[derive(Debug, Clone)]
pub enum TokenAuth {
    Valid {
        user: User,
        actor: Actor,
        scopes: Vec<String>,
    },
    /// Known but past its expiry.
    Expired,
    /// Unknown: never issued, revoked, or of another municipality.
    Unknown,
}

#[derive(Deserialize)]
struct TokenRow {
    #[serde(flatten)]
    user: UserRow,
    token_id: i64,
    scopes: String,
    expires_at: i64,
    last_used_at: Option<i64>,
}

impl Accounts<'_> {
    /// A token with every scope and the default expiry (tests, scripts).
    /// Returns the token once; only its hash is kept.
    pub async fn create_api_token(
        &self,
        tenant: &Tenant,
        user_id: i64,
        name: &str,
    ) -> Result<String> {
        let all = NewToken {
            name: name.to_string(),
            scopes: TOKEN_SCOPES.iter().map(|s| s.to_string()).collect(),
            days: TOKEN_DEFAULT_DAYS,
        };
        self.create_api_token_with(tenant, user_id, &all).await
    }

    /// Creates a token with the chosen scopes and expiry; returns it once.
    pub async fn create_api_token_with(
        &self,
        tenant: &Tenant,
        user_id: i64,
        new: &NewToken,
    ) -> Result<String> {
        let mut e = FieldErrors::new();
        e.text("name", &new.name, 1, 80);
        if new
            .scopes
            .iter()
            .any(|s| !TOKEN_SCOPES.contains(&s.as_str()))
        {
            e.add("scopes", "error-token-scope-unknown");
        }
        if !TOKEN_DAYS.contains(&new.days) {
            e.add("days", "error-token-days");
        }
        e.into_result()?;
        // `read` is always granted; the order follows TOKEN_SCOPES.
        let scopes: Vec<&str> = TOKEN_SCOPES
            .iter()
            .copied()
            .filter(|s| *s == "read" || new.scopes.iter().any(|n| n == s))
            .collect();
        let token = format!("th_{}", random_token());
        let mut w = self.store.write(tenant).await?;
        let now = w.now;
        w.exec(
            "INSERT INTO api_tokens (municipality_id, user_id, name, token_hash, created_at, scopes, expires_at) VALUES ($1, $2, $3, $4, $5, $6, $7)",
            params![tenant.id, user_id, new.name.trim(), token_hash(&token), now, scopes.join(" "), now + new.days * 86_400_000],
        )
        .await?;
        w.audit(
            &Actor {
                user_id: Some(user_id),
                ..Actor::default()
            },
            "token.created",
            format!("user:{}", crate::audit::actor_label(tenant, Some(user_id))),
            serde_json::json!({"scopes": scopes, "days": new.days}),
        );
        w.commit().await?;
        Ok(token)
    }

    pub async fn api_tokens(&self, tenant: &Tenant, user_id: i64) -> Result<Vec<ApiToken>> {
        Ok(self
            .store
            .db
            .all_as("SELECT id, name, created_at, last_used_at, scopes, expires_at FROM api_tokens WHERE user_id = $1 AND municipality_id = $2 ORDER BY id", params![user_id, tenant.id])
            .await?)
    }

    pub async fn revoke_api_token(
        &self,
        tenant: &Tenant,
        user_id: i64,
        token_id: i64,
    ) -> Result<()> {
        let n = self
            .store
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

    /// The person, actor and scopes behind a bearer token. Records the
    /// use at most once a minute per token (one extra statement then).
    pub async fn token_auth(&self, tenant: &Tenant, token: &str) -> Result<TokenAuth> {
        let now = self.store.now();
        let r: Option<TokenRow> = self
            .store
            .db
            .opt_as(
                &format!("SELECT {USER_COLS}, t.id AS token_id, t.scopes, t.expires_at, t.last_used_at FROM api_tokens t JOIN users u ON u.id = t.user_id WHERE t.token_hash = $1 AND t.municipality_id = $2"),
                params![token_hash(token), tenant.id],
            )
            .await?;
        let Some(r) = r else {
            return Ok(TokenAuth::Unknown);
        };
        if r.expires_at <= now {
            return Ok(TokenAuth::Expired);
        }
        if r.last_used_at
            .is_none_or(|t| now - t >= LAST_USE_EVERY_MS || t > now)
        {
            self.store
                .db
                .exec(
                    "UPDATE api_tokens SET last_used_at = $1 WHERE id = $2",
                    params![now, r.token_id],
                )
                .await?;
        }
        let user = User::from(r.user);
        let actor = self.store.actor_of(&user).await?;
        Ok(TokenAuth::Valid {
            user,
            actor,
            scopes: r.scopes.split(' ').map(str::to_string).collect(),
        })
    }
}
