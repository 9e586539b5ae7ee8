//! API tokens: shown once, kept only as hashes.

use super::{Accounts, ApiToken};
use crate::{params, random_token, token_hash, Result, StoreError, Tenant};
use teilhabe_domain::FieldErrors;

impl Accounts<'_> {
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
        self.store
            .db
            .exec(
                "INSERT INTO api_tokens (municipality_id, user_id, name, token_hash, created_at) VALUES ($1, $2, $3, $4, $5)",
                params![tenant.id, user_id, name.trim(), token_hash(&token), self.store.now()],
            )
            .await?;
        Ok(token)
    }

    pub async fn api_tokens(&self, tenant: &Tenant, user_id: i64) -> Result<Vec<ApiToken>> {
        Ok(self
            .store
            .db
            .all_as("SELECT id, name, created_at, last_used_at FROM api_tokens WHERE user_id = $1 AND municipality_id = $2 ORDER BY id", params![user_id, tenant.id])
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
}
