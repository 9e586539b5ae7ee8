//! Municipalities (tenants) and their departments. `store.tenants()`
//! finds and edits them; creating a municipality or a department stays on
//! the store (`Store::create_tenant`, `Store::create_department`), since
//! every feature's setup uses them.

use crate::{params, Result, Store, StoreError};
use serde::{Deserialize, Serialize};

crate::service!(
    Tenants,
    tenants,
    "Municipalities: found by host or slug, their settings and departments."
);

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
    /// Public base URL of this municipality's mails ("" = the server's).
    pub base_url: String,
    /// Uploaded logo (an image id, served at `/images/ID`).
    pub logo_image_id: Option<i64>,
    /// Brand colours `#rrggbb` ("" = the default colours).
    pub brand_primary: String,
    pub brand_secondary: String,
    pub contact_address: String,
    pub contact_phone: String,
    /// Regional key (Amtlicher Regionalschlüssel), 12 digits or "".
    pub ars: String,
    /// Open-data contributor id (DCAT-AP.de) or "".
    pub contributor_id: String,
}

#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct Department {
    pub id: i64,
    pub name: String,
}

/// The departments someone may file a record (register entry, goal)
/// under: their own, every one for an admin, who may also leave it empty.
#[derive(Debug, Clone, Default, Serialize)]
pub struct DepartmentChoice {
    pub departments: Vec<Department>,
    pub may_leave_empty: bool,
}

pub(crate) const TENANT_COLS: &str =
    "id, slug, name, audit_secret, answer_deadline_days, categories, contact_email, imprint, privacy, accessibility, base_url, logo_image_id, brand_primary, brand_secondary, contact_address, contact_phone, ars, contributor_id";

#[derive(Deserialize)]
pub(crate) struct TenantRow {
    id: i64,
    slug: String,
    name: String,
    audit_secret: String,
    answer_deadline_days: i64,
    categories: String,
    contact_email: String,
    imprint: String,
    privacy: String,
    accessibility: String,
    base_url: String,
    logo_image_id: Option<i64>,
    brand_primary: String,
    brand_secondary: String,
    contact_address: String,
    contact_phone: String,
    ars: String,
    contributor_id: String,
}

impl From<TenantRow> for Tenant {
    fn from(r: TenantRow) -> Tenant {
        Tenant {
            id: r.id,
            slug: r.slug,
            name: r.name,
            audit_secret: r.audit_secret,
            answer_deadline_days: r.answer_deadline_days,
            categories: r
                .categories
                .lines()
                .map(str::trim)
                .filter(|s| !s.is_empty())
                .map(String::from)
                .collect(),
            contact_email: r.contact_email,
            imprint: r.imprint,
            privacy: r.privacy,
            accessibility: r.accessibility,
            base_url: r.base_url,
            logo_image_id: r.logo_image_id,
            brand_primary: r.brand_primary,
            brand_secondary: r.brand_secondary,
            contact_address: r.contact_address,
            contact_phone: r.contact_phone,
            ars: r.ars,
            contributor_id: r.contributor_id,
        }
    }
}

impl Store {
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
        Ok(self.db.one_as::<TenantRow>(&sql, params![id]).await?.into())
    }

    pub async fn create_department(&self, tenant: &Tenant, name: &str) -> Result<i64> {
        let mut e = teilhabe_domain::FieldErrors::new();
        e.text("name", name, 2, 120);
        e.into_result()?;
        let mut w = self.write(tenant).await?;
        let id = w
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
        w.commit().await?;
        Ok(id)
    }
}

impl Tenants<'_> {
    /// The municipality served under a host name (without port). With a
    /// single municipality, every host name serves it, so a fresh install
    /// works on localhost without configuration.
    pub async fn for_host(&self, host: &str) -> Result<Option<Tenant>> {
        let host = host.split(':').next().unwrap_or("").to_ascii_lowercase();
        let sql = format!(
            "SELECT {TENANT_COLS} FROM municipalities WHERE id = (SELECT municipality_id FROM municipality_hosts WHERE host = $1)"
        );
        if let Some(r) = self
            .store
            .db
            .opt_as::<TenantRow>(&sql, params![host])
            .await?
        {
            return Ok(Some(r.into()));
        }
        let mut rows: Vec<TenantRow> = self
            .store
            .db
            .all_as(
                &format!("SELECT {TENANT_COLS} FROM municipalities ORDER BY id LIMIT 2"),
                &[],
            )
            .await?;
        if rows.len() == 1 {
            return Ok(rows.pop().map(Tenant::from));
        }
        Ok(None)
    }

    /// The municipality of a configured host name only (no single
    /// municipality fallback), for `--strict-hosts`.
    /// `host` is the bare name, without port.
    pub async fn for_configured_host(&self, host: &str) -> Result<Option<Tenant>> {
        let host = host.to_ascii_lowercase();
        let sql = format!(
            "SELECT {TENANT_COLS} FROM municipalities WHERE id = (SELECT municipality_id FROM municipality_hosts WHERE host = $1)"
        );
        let row = self
            .store
            .db
            .opt_as::<TenantRow>(&sql, params![host])
            .await?;
        Ok(row.map(Tenant::from))
    }

    /// The municipality with this id (for work that carries only the id,
    /// such as an outbox mail).
    pub async fn by_id(&self, id: i64) -> Result<Tenant> {
        let sql = format!("SELECT {TENANT_COLS} FROM municipalities WHERE id = $1");
        let r: TenantRow = self
            .store
            .db
            .opt_as(&sql, params![id])
            .await?
            .ok_or(StoreError::NotFound)?;
        Ok(r.into())
    }

    pub async fn by_slug(&self, slug: &str) -> Result<Tenant> {
        let sql = format!("SELECT {TENANT_COLS} FROM municipalities WHERE slug = $1");
        let r: TenantRow = self
            .store
            .db
            .opt_as(&sql, params![slug])
            .await?
            .ok_or(StoreError::NotFound)?;
        Ok(r.into())
    }

    pub async fn all(&self) -> Result<Vec<Tenant>> {
        let rows: Vec<TenantRow> = self
            .store
            .db
            .all_as(
                &format!("SELECT {TENANT_COLS} FROM municipalities ORDER BY id"),
                &[],
            )
            .await?;
        Ok(rows.into_iter().map(Tenant::from).collect())
    }

    /// Settings an admin edits: deadline, categories, legal texts.
    pub async fn update_settings(&self, tenant: &Tenant, settings: &TenantSettings) -> Result<()> {
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
        self.store
            .db
            .exec(
                "UPDATE municipalities SET answer_deadline_days = $1, categories = $2, contact_email = $3, imprint = $4, privacy = $5, accessibility = $6 WHERE id = $7",
                params![deadline_days, categories, contact_email, imprint, privacy, accessibility, tenant.id],
            )
            .await?;
        Ok(())
    }

    /// The departments `actor` may choose on a form (see [`DepartmentChoice`]).
    pub async fn departments_for(
        &self,
        tenant: &Tenant,
        actor: &teilhabe_domain::Actor,
    ) -> Result<DepartmentChoice> {
        let departments = self.departments(tenant).await?;
        Ok(DepartmentChoice {
            departments: departments
                .into_iter()
                .filter(|d| actor.runs(Some(d.id)))
                .collect(),
            may_leave_empty: actor.is_admin(),
        })
    }

    pub async fn departments(&self, tenant: &Tenant) -> Result<Vec<Department>> {
        Ok(self
            .store
            .db
            .all_as(
                "SELECT id, name FROM departments WHERE municipality_id = $1 ORDER BY name",
                params![tenant.id],
            )
            .await?)
    }

    /// Whether `id` is one of the municipality's departments.
    pub async fn has_department(&self, tenant: &Tenant, id: i64) -> Result<bool> {
        Ok(self.departments(tenant).await?.iter().any(|d| d.id == id))
    }
}
