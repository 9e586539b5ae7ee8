use crate::{params, Result, Store, StoreError};
use serde::Serialize;

/// What an admin edits about the municipality.
#[derive(Debug, Clone, Default)]
pub struct TenantSettings {
    pub answer_deadline_days: i64,
    /// One proposal category per line.
    pub categories: String,
    pub contact_email: String,
    pub imprint: String,
    pub privacy: String,
    pub accessibility: String,
}

/// A municipality: every row belongs to one.
#[derive(Debug, Clone, Serialize)]
pub struct Tenant {
    pub id: i64,
    pub slug: String,
    pub name: String,
    #[serde(skip)]
    pub audit_secret: String,
    pub answer_deadline_days: i64,
    pub categories: Vec<String>,
    pub contact_email: String,
    pub imprint: String,
    pub privacy: String,
    pub accessibility: String,
}

#[derive(Debug, Clone, Serialize)]
pub struct Department {
    pub id: i64,
    pub name: String,
}

const TENANT_COLS: &str =
    "id, slug, name, audit_secret, answer_deadline_days, categories, contact_email, imprint, privacy, accessibility";

fn tenant_from(r: &crate::Row) -> Result<Tenant> {
    Ok(Tenant {
        id: r.i64("id")?,
        slug: r.str("slug")?,
        name: r.str("name")?,
        audit_secret: r.str("audit_secret")?,
        answer_deadline_days: r.i64("answer_deadline_days")?,
        categories: r
            .str("categories")?
            .lines()
            .map(str::trim)
            .filter(|s| !s.is_empty())
            .map(String::from)
            .collect(),
        contact_email: r.str("contact_email")?,
        imprint: r.str("imprint")?,
        privacy: r.str("privacy")?,
        accessibility: r.str("accessibility")?,
    })
}

impl Store {
    /// The municipality served under a host name (without port). With a
    /// single municipality, every host name serves it, so a fresh install
    /// works on localhost without configuration.
    pub async fn tenant_for_host(&self, host: &str) -> Result<Option<Tenant>> {
        let host = host.split(':').next().unwrap_or("").to_ascii_lowercase();
        let sql = format!(
            "SELECT {TENANT_COLS} FROM municipalities WHERE id = (SELECT municipality_id FROM municipality_hosts WHERE host = $1)"
        );
        if let Some(r) = self.db.opt(&sql, params![host]).await? {
            return Ok(Some(tenant_from(&r)?));
        }
        let rows = self
            .db
            .all(
                &format!("SELECT {TENANT_COLS} FROM municipalities ORDER BY id LIMIT 2"),
                &[],
            )
            .await?;
        if rows.len() == 1 {
            return Ok(Some(tenant_from(&rows[0])?));
        }
        Ok(None)
    }

    pub async fn tenant_by_slug(&self, slug: &str) -> Result<Tenant> {
        let sql = format!("SELECT {TENANT_COLS} FROM municipalities WHERE slug = $1");
        let r = self
            .db
            .opt(&sql, params![slug])
            .await?
            .ok_or(StoreError::NotFound)?;
        tenant_from(&r)
    }

    pub async fn tenants(&self) -> Result<Vec<Tenant>> {
        let rows = self
            .db
            .all(
                &format!("SELECT {TENANT_COLS} FROM municipalities ORDER BY id"),
                &[],
            )
            .await?;
        rows.iter().map(tenant_from).collect()
    }

    /// Creates a municipality with its host names.
    pub async fn create_tenant(&self, slug: &str, name: &str, hosts: &[&str]) -> Result<Tenant> {
        let mut tx = self.db.begin().await?;
        let id = tx
            .insert(
                "INSERT INTO municipalities (slug, name, audit_secret, created_at) VALUES ($1, $2, $3, $4) RETURNING id",
                params![slug, name, crate::random_token(), self.now()],
            )
            .await?;
        for h in hosts {
            tx.exec(
                "INSERT INTO municipality_hosts (host, municipality_id) VALUES ($1, $2)",
                params![h.to_ascii_lowercase(), id],
            )
            .await?;
        }
        tx.commit().await?;
        let sql = format!("SELECT {TENANT_COLS} FROM municipalities WHERE id = $1");
        tenant_from(&self.db.one(&sql, params![id]).await?)
    }

    /// Settings an admin edits: deadline, categories, legal texts.
    pub async fn update_tenant_settings(
        &self,
        tenant: &Tenant,
        settings: &TenantSettings,
    ) -> Result<()> {
        let TenantSettings {
            answer_deadline_days: deadline_days,
            categories,
            contact_email,
            imprint,
            privacy,
            accessibility,
        } = settings;
        let deadline_days = *deadline_days;
        let mut e = teilhabe_domain::FieldErrors::new();
        if !(1..=365).contains(&deadline_days) {
            e.add("answer_deadline_days", "error-deadline-range");
        }
        e.optional_text("categories", categories, 2000);
        if !contact_email.is_empty()
            && !teilhabe_domain::validation::is_plausible_email(contact_email)
        {
            e.add("contact_email", "error-email");
        }
        e.into_result()?;
        self.db
            .exec(
                "UPDATE municipalities SET answer_deadline_days = $1, categories = $2, contact_email = $3, imprint = $4, privacy = $5, accessibility = $6 WHERE id = $7",
                params![deadline_days, categories, contact_email, imprint, privacy, accessibility, tenant.id],
            )
            .await?;
        Ok(())
    }

    pub async fn departments(&self, tenant: &Tenant) -> Result<Vec<Department>> {
        let rows = self
            .db
            .all(
                "SELECT id, name FROM departments WHERE municipality_id = $1 ORDER BY name",
                params![tenant.id],
            )
            .await?;
        rows.iter()
            .map(|r| {
                Ok(Department {
                    id: r.i64("id")?,
                    name: r.str("name")?,
                })
            })
            .collect()
    }

    pub async fn create_department(&self, tenant: &Tenant, name: &str) -> Result<i64> {
        let mut e = teilhabe_domain::FieldErrors::new();
        e.text("name", name, 2, 120);
        e.into_result()?;
        let mut tx = self.db.begin().await?;
        let id = tx
            .insert(
                "INSERT INTO departments (municipality_id, name) VALUES ($1, $2) RETURNING id",
                params![tenant.id, name.trim()],
            )
            .await
            .map_err(|e| {
                if e.is_unique_violation() {
                    StoreError::Conflict("error-department-exists")
                } else {
                    e.into()
                }
            })?;
        tx.commit().await?;
        Ok(id)
    }
}
