//! Log-in, sessions and the actor behind a session cookie or API token.

use super::passwords::verify_password;
use super::{Accounts, User, UserRow, SESSION_DAYS, USER_COLS};
use crate::{params, random_token, token_hash, Result, StoreError, Tenant};
use serde::Deserialize;
use teilhabe_domain::{Actor, FieldErrors};

#[derive(Deserialize)]
struct HashRow {
    password_hash: String,
}

impl Accounts<'_> {
    /// Checks e-mail and password. The same error for an unknown address and
    /// a wrong password, so the form does not reveal who has an account.
    pub async fn authenticate(&self, tenant: &Tenant, email: &str, password: &str) -> Result<User> {
        let r = self
            .store
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
        if !verify_password(password, &r.to::<HashRow>()?.password_hash) {
            return Err(bad());
        }
        Ok(r.to::<UserRow>()?.into())
    }

    /// Starts a session; returns the cookie token (only its hash is stored).
    pub async fn create_session(&self, tenant: &Tenant, user_id: i64) -> Result<String> {
        let token = random_token();
        let now = self.store.now();
        self.store
            .db
            .exec(
                "INSERT INTO sessions (id, municipality_id, user_id, created_at, expires_at) VALUES ($1, $2, $3, $4, $5)",
                params![token_hash(&token), tenant.id, user_id, now, now + SESSION_DAYS * 86_400_000],
            )
            .await?;
        Ok(token)
    }

    pub async fn end_session(&self, token: &str) -> Result<()> {
        self.store
            .db
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
        let r: Option<UserRow> = self
            .store
            .db
            .opt_as(
                &format!("SELECT {USER_COLS} FROM sessions s JOIN users u ON u.id = s.user_id WHERE s.id = $1 AND s.municipality_id = $2 AND s.expires_at > $3"),
                params![token_hash(token), tenant.id, self.store.now()],
            )
            .await?;
        self.with_actor(r).await
    }

    async fn with_actor(&self, r: Option<UserRow>) -> Result<Option<(User, Actor)>> {
        match r {
            Some(r) => {
                let user = User::from(r);
                let actor = self.store.actor_of(&user).await?;
                Ok(Some((user, actor)))
            }
            None => Ok(None),
        }
    }
}
