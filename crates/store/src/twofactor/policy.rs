//! Which roles must use two-factor authentication, and an administrator's
//! reset for a person who lost their device.

use super::{setup::remove, TwoFactor, POLICY_ROLES};
use crate::audit::actor_label;
use crate::{params, Result, Tenant};
use serde::Deserialize;
use std::str::FromStr;
use teilhabe_domain::permission::{decide, Action, Target};
use teilhabe_domain::{Actor, Role};

#[derive(Deserialize)]
struct RoleRow {
    role: String,
}

impl TwoFactor<'_> {
    /// The roles that require two-factor authentication.
    pub async fn policy(&self, tenant: &Tenant) -> Result<Vec<Role>> {
        let rows: Vec<RoleRow> = self
            .store
            .db
            .all_as(
                "SELECT role FROM twofactor_required WHERE municipality_id = $1 ORDER BY role",
                params![tenant.id],
            )
            .await?;
        Ok(roles_of(rows))
    }

    /// Sets the roles that require two-factor authentication (an
    /// administrator's decision; the citizen role cannot be required).
    pub async fn set_policy(&self, tenant: &Tenant, actor: &Actor, roles: &[Role]) -> Result<()> {
        decide(actor, Action::ManageUsers, &Target::Municipality)?;
        let roles: Vec<Role> = POLICY_ROLES
            .into_iter()
            .filter(|r| roles.contains(r))
            .collect();
        let mut w = self.store.write(tenant).await?;
        w.exec(
            "DELETE FROM twofactor_required WHERE municipality_id = $1",
            params![tenant.id],
        )
        .await?;
        for r in &roles {
            w.exec(
                "INSERT INTO twofactor_required (municipality_id, role) VALUES ($1, $2)",
                params![tenant.id, r.as_str()],
            )
            .await?;
        }
        w.audit(
            actor,
            "twofactor.policy",
            "municipality",
            serde_json::json!({"roles": roles.iter().map(|r| r.as_str()).collect::<Vec<_>>()}),
        );
        w.commit().await?;
        Ok(())
    }

    /// Whether a role of `actor` requires two-factor authentication
    /// (whether or not it is set up).
    pub async fn required_for(&self, tenant: &Tenant, actor: &Actor) -> Result<bool> {
        if !actor.roles.iter().any(|r| POLICY_ROLES.contains(r)) {
            return Ok(false);
        }
        let required = self.policy(tenant).await?;
        Ok(actor.roles.iter().any(|r| required.contains(r)))
    }

    /// Whether `actor` must set up two-factor authentication before doing
    /// anything else: a role of theirs requires it and it is not on. No
    /// statement for people without such a role, one otherwise.
    pub async fn setup_required(&self, tenant: &Tenant, actor: &Actor) -> Result<bool> {
        let Some(user_id) = actor.user_id else {
            return Ok(false);
        };
        if !actor.roles.iter().any(|r| POLICY_ROLES.contains(r)) {
            return Ok(false);
        }
        // The required roles, but only while the person has no second factor.
        let rows: Vec<RoleRow> = self
            .store
            .db
            .all_as(
                "SELECT role FROM twofactor_required WHERE municipality_id = $1 AND NOT EXISTS (SELECT 1 FROM twofactor t WHERE t.user_id = $2 AND t.enabled_at IS NOT NULL)",
                params![tenant.id, user_id],
            )
            .await?;
        let required = roles_of(rows);
        Ok(actor.roles.iter().any(|r| required.contains(r)))
    }

    /// Removes a person's second factor (lost device), so they log in with
    /// the password alone and set it up again. Returns whether there was
    /// one. Audited as `twofactor.reset`.
    pub async fn reset(&self, tenant: &Tenant, actor: &Actor, user_id: i64) -> Result<bool> {
        decide(actor, Action::ManageUsers, &Target::Municipality)?;
        let mut w = self.store.write(tenant).await?;
        let found = remove(&mut w, user_id).await? > 0;
        if found {
            w.audit(
                actor,
                "twofactor.reset",
                format!("user:{}", actor_label(tenant, Some(user_id))),
                serde_json::json!({}),
            );
        }
        w.commit().await?;
        Ok(found)
    }
}

/// Known roles of rows (unknown names are skipped).
fn roles_of(rows: Vec<RoleRow>) -> Vec<Role> {
    rows.iter()
        .filter_map(|r| Role::from_str(&r.role).ok())
        .collect()
}
