//! Users and their roles.

use super::{Accounts, Grant, User, UserRow, UserWithRoles, USER_COLS};
use crate::audit::actor_label;
use crate::{params, Result, Store, StoreError, Tenant};
use serde::Deserialize;
use std::str::FromStr;
use teilhabe_domain::{Actor, FieldErrors, Role};

/// A role grant row (role, department_id, department name).
#[derive(Deserialize)]
struct GrantRow {
    #[serde(default)]
    user_id: i64,
    role: String,
    department_id: i64,
    name: Option<String>,
}

/// Grants of roles this version does not know are skipped rather than
/// failing.
fn grant_from(r: &crate::Row) -> Option<(i64, Grant)> {
    let g: GrantRow = r.to().ok()?;
    let role = Role::from_str(&g.role).ok()?;
    Some((
        g.user_id,
        Grant {
            role,
            department_id: (g.department_id != 0).then_some(g.department_id),
            department: g.name,
        },
    ))
}

#[derive(Deserialize)]
struct RoleRow {
    role: String,
    department_id: i64,
}

impl Store {
    /// Creates an account with a precomputed hash (the demo reuses one).
    /// Its address counts as confirmed: the operator, the demo or a test
    /// vouches for it. Sign-up on the web uses [`Accounts::register`].
    pub async fn create_user_with_hash(
        &self,
        tenant: &Tenant,
        email: &str,
        display_name: &str,
        hash: &str,
        locale: &str,
        roles: &[(Role, Option<i64>)],
    ) -> Result<User> {
        self.create_user(tenant, email, display_name, hash, locale, roles, true)
            .await
    }

    #[allow(clippy::too_many_arguments)]
    pub(crate) async fn create_user(
        &self,
        tenant: &Tenant,
        email: &str,
        display_name: &str,
        hash: &str,
        locale: &str,
        roles: &[(Role, Option<i64>)],
        confirmed: bool,
    ) -> Result<User> {
        let locale = if locale == "en" { "en" } else { "de" };
        let mut w = self.write(tenant).await?;
        let now = w.now;
        let id = w
            .insert(
                "INSERT INTO users (municipality_id, email, display_name, password_hash, locale, created_at, email_confirmed_at) VALUES ($1, $2, $3, $4, $5, $6, $7) RETURNING id",
                params![tenant.id, email.to_lowercase(), display_name, hash, locale, now, confirmed.then_some(now)],
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
        w.exec(
            "INSERT INTO role_grants (municipality_id, user_id, role, department_id, granted_at) VALUES ($1, $2, 'citizen', 0, $3)",
            params![tenant.id, id, now],
        )
        .await?;
        for (role, dept) in roles {
            if *role != Role::Citizen {
                w.exec(
                    "INSERT INTO role_grants (municipality_id, user_id, role, department_id, granted_at) VALUES ($1, $2, $3, $4, $5)",
                    params![tenant.id, id, role.as_str(), dept.unwrap_or(0), now],
                )
                .await?;
            }
        }
        w.audit(
            &Actor {
                user_id: Some(id),
                ..Actor::default()
            },
            "user.registered",
            format!("user:{}", actor_label(tenant, Some(id))),
            serde_json::json!({"roles": roles.iter().map(|r| r.0.as_str()).collect::<Vec<_>>()}),
        );
        w.commit().await?;
        self.accounts().user(tenant, id).await
    }

    pub async fn actor_of(&self, user: &User) -> Result<Actor> {
        let rows: Vec<RoleRow> = self
            .db
            .all_as(
                "SELECT role, department_id FROM role_grants WHERE user_id = $1",
                params![user.id],
            )
            .await?;
        let mut actor = Actor {
            user_id: Some(user.id),
            verified: user.verified,
            unconfirmed: !user.confirmed,
            ..Actor::default()
        };
        for r in rows {
            if let Ok(role) = Role::from_str(&r.role) {
                if !actor.roles.contains(&role) {
                    actor.roles.push(role);
                }
                if role == Role::Staff {
                    actor.departments.push(r.department_id);
                }
            }
        }
        Ok(actor)
    }
}

impl Accounts<'_> {
    pub async fn user(&self, tenant: &Tenant, id: i64) -> Result<User> {
        let r: UserRow = self
            .store
            .db
            .opt_as(
                &format!(
                    "SELECT {USER_COLS} FROM users u WHERE u.id = $1 AND u.municipality_id = $2"
                ),
                params![id, tenant.id],
            )
            .await?
            .ok_or(StoreError::NotFound)?;
        Ok(r.into())
    }

    pub async fn user_by_email(&self, tenant: &Tenant, email: &str) -> Result<Option<User>> {
        let r: Option<UserRow> = self
            .store
            .db
            .opt_as(
                &format!(
                    "SELECT {USER_COLS} FROM users u WHERE u.municipality_id = $1 AND u.email = $2"
                ),
                params![tenant.id, email.trim().to_lowercase()],
            )
            .await?;
        Ok(r.map(User::from))
    }

    pub async fn grants(&self, tenant: &Tenant, user_id: i64) -> Result<Vec<Grant>> {
        let rows = self
            .store
            .db
            .all(
                "SELECT g.role, g.department_id, d.name FROM role_grants g LEFT JOIN departments d ON d.id = g.department_id WHERE g.user_id = $1 AND g.municipality_id = $2 ORDER BY g.role",
                params![user_id, tenant.id],
            )
            .await?;
        Ok(rows.iter().filter_map(grant_from).map(|(_, g)| g).collect())
    }

    /// All accounts with their roles, for the admin's user list (two statements).
    pub async fn users_with_roles(
        &self,
        tenant: &Tenant,
        query: &str,
        limit: i64,
    ) -> Result<Vec<UserWithRoles>> {
        let like = format!("%{}%", query.trim().to_lowercase());
        let users: Vec<UserRow> = self
            .store
            .db
            .all_as(
                &format!("SELECT {USER_COLS} FROM users u WHERE u.municipality_id = $1 AND (u.email LIKE $2 OR LOWER(u.display_name) LIKE $2) ORDER BY u.id LIMIT $3"),
                params![tenant.id, like, limit],
            )
            .await?;
        let grants: Vec<(i64, Grant)> = self
            .store
            .db
            .all(
                "SELECT g.user_id, g.role, g.department_id, d.name FROM role_grants g LEFT JOIN departments d ON d.id = g.department_id WHERE g.municipality_id = $1",
                params![tenant.id],
            )
            .await?
            .iter()
            .filter_map(grant_from)
            .collect();
        Ok(users
            .into_iter()
            .map(|user| {
                let user = User::from(user);
                let gs = grants
                    .iter()
                    .filter(|(u, _)| *u == user.id)
                    .map(|(_, g)| g.clone())
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
            self.store
                .db
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
        let mut w = self.store.write(tenant).await?;
        let now = w.now;
        let changed = if grant {
            w.exec(
                "INSERT INTO role_grants (municipality_id, user_id, role, department_id, granted_at) VALUES ($1, $2, $3, $4, $5) ON CONFLICT DO NOTHING",
                params![tenant.id, user_id, role.as_str(), dept, now],
            )
            .await?
        } else {
            w.exec(
                "DELETE FROM role_grants WHERE user_id = $1 AND role = $2 AND department_id = $3 AND municipality_id = $4",
                params![user_id, role.as_str(), dept, tenant.id],
            )
            .await?
        };
        if changed > 0 {
            w.audit(
                &Actor {
                    user_id: by,
                    ..Actor::default()
                },
                if grant {
                    "role.granted"
                } else {
                    "role.revoked"
                },
                format!("user:{}", actor_label(tenant, Some(user_id))),
                serde_json::json!({"role": role.as_str(), "department_id": department_id}),
            );
        }
        w.commit().await?;
        Ok(())
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
        self.store
            .db
            .exec(
                "UPDATE users SET locale = $1, digest = $2 WHERE id = $3 AND municipality_id = $4",
                params![locale, digest, user_id, tenant.id],
            )
            .await?;
        Ok(())
    }
}
