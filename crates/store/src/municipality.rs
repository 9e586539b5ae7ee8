//! Setting up and administering a municipality (issue #11): creating one
//! for real (not the demo), its host names, its profile (name, public base
//! URL, logo, brand colours, contact, regional key, open-data contributor
//! id) and its departments (rename, merge). Every change is audited.

use crate::tenant::{TenantRow, Tenants, TENANT_COLS};
use crate::{params, Result, Store, StoreError, Tenant};
use teilhabe_domain::municipality as rules;
use teilhabe_domain::permission::{decide, Action, Target};
use teilhabe_domain::{Actor, FieldErrors};

/// A new municipality as the set-up command gives it.
#[derive(Debug, Clone, Default)]
pub struct NewMunicipality {
    pub slug: String,
    pub name: String,
    pub hosts: Vec<String>,
}

/// What an admin edits about the municipality's identity.
#[derive(Debug, Clone, Default)]
pub struct Profile {
    pub name: String,
    pub base_url: String,
    pub brand_primary: String,
    pub brand_secondary: String,
    pub contact_address: String,
    pub contact_phone: String,
    pub ars: String,
    pub contributor_id: String,
}

impl Profile {
    /// The profile as it is stored now.
    pub fn of(t: &Tenant) -> Profile {
        Profile {
            name: t.name.clone(),
            base_url: t.base_url.clone(),
            brand_primary: t.brand_primary.clone(),
            brand_secondary: t.brand_secondary.clone(),
            contact_address: t.contact_address.clone(),
            contact_phone: t.contact_phone.clone(),
            ars: t.ars.clone(),
            contributor_id: t.contributor_id.clone(),
        }
    }
}

/// What a department merge moved: table and column, rows.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct MergeSummary {
    pub moved: Vec<(&'static str, u64)>,
}

/// Every column that references a department (the store test
/// `municipality::department_columns_are_all_listed` walks the schema and
/// fails if one is missing here). `role_grants` keys staff roles by
/// department, so a merge drops grants the target already has.
pub const DEPARTMENT_COLUMNS: &[(&str, &str)] = &[
    ("processes", "department_id"),
    ("register_entries", "department_id"),
    ("goals", "department_id"),
    ("datasets", "department_id"),
    ("data_requests", "department_id"),
    ("harvest_sources", "department_id"),
    ("role_grants", "department_id"),
];

fn host_taken(e: &mut FieldErrors, field: &'static str, host: &str) {
    e.add_with(field, "error-host-taken", vec![("host", host.to_string())]);
}

impl Store {
    /// Creates a municipality (the `municipality create` command): checks
    /// the slug, name and host names, and refuses a taken slug or host.
    pub async fn create_municipality(&self, m: &NewMunicipality) -> Result<Tenant> {
        let mut e = FieldErrors::new();
        e.text("name", &m.name, 2, 120);
        if !rules::is_valid_slug(&m.slug) {
            e.add("slug", "error-municipality-slug");
        } else if self
            .db
            .opt(
                "SELECT id FROM municipalities WHERE slug = $1",
                params![m.slug.as_str()],
            )
            .await?
            .is_some()
        {
            e.add_with(
                "slug",
                "error-municipality-slug-taken",
                vec![("slug", m.slug.to_string())],
            );
        }
        let mut hosts = Vec::new();
        if m.hosts.is_empty() {
            e.add("host", "error-required");
        }
        for h in &m.hosts {
            match rules::normalise_host(h) {
                None => e.add_with("host", "error-host-format", vec![("host", h.clone())]),
                Some(h) if self.host_owner(&h).await?.is_some() => host_taken(&mut e, "host", &h),
                Some(h) if !hosts.contains(&h) => hosts.push(h),
                Some(_) => {}
            }
        }
        e.into_result()?;
        let refs: Vec<&str> = hosts.iter().map(String::as_str).collect();
        let tenant = self
            .create_tenant(&m.slug, m.name.trim(), &refs)
            .await
            .map_err(|e| match e {
                StoreError::Db(d) if d.is_unique_violation() => {
                    StoreError::Conflict("error-municipality-taken")
                }
                e => e,
            })?;
        let mut w = self.write(&tenant).await?;
        w.audit_system(
            "municipality.created",
            format!("municipality:{}", tenant.id),
            serde_json::json!({"slug": tenant.slug, "hosts": hosts}),
        );
        w.commit().await?;
        Ok(tenant)
    }

    /// The municipality a host name belongs to.
    async fn host_owner(&self, host: &str) -> Result<Option<i64>> {
        Ok(self
            .db
            .opt(
                "SELECT municipality_id FROM municipality_hosts WHERE host = $1",
                params![host],
            )
            .await?
            .map(|r| r.i64("municipality_id"))
            .transpose()?)
    }
}

impl Tenants<'_> {
    /// The municipality again, as stored now.
    pub async fn reload(&self, tenant: &Tenant) -> Result<Tenant> {
        let sql = format!("SELECT {TENANT_COLS} FROM municipalities WHERE id = $1");
        Ok(self
            .store
            .db
            .one_as::<TenantRow>(&sql, params![tenant.id])
            .await?
            .into())
    }

    /// The host names the municipality is served under, sorted.
    pub async fn hosts(&self, tenant: &Tenant) -> Result<Vec<String>> {
        Ok(self
            .store
            .db
            .all(
                "SELECT host FROM municipality_hosts WHERE municipality_id = $1 ORDER BY host",
                params![tenant.id],
            )
            .await?
            .iter()
            .map(|r| r.str("host"))
            .collect::<std::result::Result<_, _>>()?)
    }

    /// Adds a host name; one taken by another municipality is refused.
    pub async fn add_host(&self, tenant: &Tenant, actor: &Actor, host: &str) -> Result<()> {
        decide(actor, Action::ManageMunicipality, &Target::Municipality)?;
        let mut e = FieldErrors::new();
        let Some(h) = rules::normalise_host(host) else {
            e.add_with(
                "host",
                "error-host-format",
                vec![("host", host.to_string())],
            );
            return Err(e.into());
        };
        match self.store.host_owner(&h).await? {
            Some(id) if id == tenant.id => return Ok(()),
            Some(_) => {
                host_taken(&mut e, "host", &h);
                return Err(e.into());
            }
            None => {}
        }
        let mut w = self.store.write(tenant).await?;
        w.exec(
            "INSERT INTO municipality_hosts (host, municipality_id) VALUES ($1, $2)",
            params![h.clone(), tenant.id],
        )
        .await
        .map_err(|d| {
            if d.is_unique_violation() {
                let mut e = FieldErrors::new();
                host_taken(&mut e, "host", &h);
                StoreError::Invalid(e)
            } else {
                d.into()
            }
        })?;
        w.audit(
            actor,
            "municipality.host_added",
            format!("municipality:{}", tenant.id),
            serde_json::json!({"host": h}),
        );
        w.commit().await
    }

    /// Removes a host name of this municipality (not its last one).
    pub async fn remove_host(&self, tenant: &Tenant, actor: &Actor, host: &str) -> Result<()> {
        decide(actor, Action::ManageMunicipality, &Target::Municipality)?;
        let h = host.trim().to_ascii_lowercase();
        let hosts = self.hosts(tenant).await?;
        let mut e = FieldErrors::new();
        if !hosts.contains(&h) {
            e.add_with("remove_host", "error-host-unknown", vec![("host", h)]);
            return Err(e.into());
        }
        if hosts.len() == 1 {
            e.add("remove_host", "error-host-last");
            return Err(e.into());
        }
        let mut w = self.store.write(tenant).await?;
        w.exec(
            "DELETE FROM municipality_hosts WHERE host = $1 AND municipality_id = $2",
            params![h.clone(), tenant.id],
        )
        .await?;
        w.audit(
            actor,
            "municipality.host_removed",
            format!("municipality:{}", tenant.id),
            serde_json::json!({"host": h}),
        );
        w.commit().await
    }

    /// Saves the municipality's profile. Every field is checked; colours
    /// need WCAG AA contrast (the message names the ratio).
    pub async fn update_profile(&self, tenant: &Tenant, actor: &Actor, p: &Profile) -> Result<()> {
        decide(actor, Action::ManageMunicipality, &Target::Municipality)?;
        let mut e = FieldErrors::new();
        e.text("name", &p.name, 2, 120);
        let base_url = rules::normalise_base_url(&p.base_url).unwrap_or_else(|| {
            e.add("base_url", "error-base-url");
            String::new()
        });
        rules::check_brand_colour(&mut e, "brand_primary", &p.brand_primary);
        rules::check_brand_colour(&mut e, "brand_secondary", &p.brand_secondary);
        e.optional_text("contact_address", &p.contact_address, 500);
        e.optional_text("contact_phone", &p.contact_phone, 60);
        let ars = p.ars.trim();
        if !ars.is_empty() && !rules::is_valid_ars(ars) {
            e.add("ars", "error-ars");
        }
        let contributor = p.contributor_id.trim();
        if !contributor.is_empty() && !rules::is_valid_contributor_id(contributor) {
            e.add_with(
                "contributor_id",
                "error-contributor-id",
                vec![("prefix", rules::CONTRIBUTOR_PREFIX.to_string())],
            );
        }
        e.into_result()?;
        let colour = |c: &str| rules::normalise_colour(c).unwrap_or_default();
        let mut w = self.store.write(tenant).await?;
        w.exec(
            "UPDATE municipalities SET name = $1, base_url = $2, brand_primary = $3, brand_secondary = $4, contact_address = $5, contact_phone = $6, ars = $7, contributor_id = $8 WHERE id = $9",
            params![
                p.name.trim(),
                base_url.clone(),
                colour(&p.brand_primary),
                colour(&p.brand_secondary),
                p.contact_address.trim(),
                p.contact_phone.trim(),
                ars,
                contributor,
                tenant.id
            ],
        )
        .await?;
        w.audit(
            actor,
            "municipality.profile_saved",
            format!("municipality:{}", tenant.id),
            serde_json::json!({
                "name": p.name.trim(),
                "base_url": base_url,
                "brand": [colour(&p.brand_primary), colour(&p.brand_secondary)],
                "ars": ars,
                "contributor_id": contributor,
            }),
        );
        w.commit().await
    }

    /// Stores an uploaded logo (PNG, JPEG or WebP, at most 2 MB) as the
    /// municipality's; `None` removes it.
    pub async fn set_logo(
        &self,
        tenant: &Tenant,
        actor: &Actor,
        data: Option<&[u8]>,
    ) -> Result<()> {
        decide(actor, Action::ManageMunicipality, &Target::Municipality)?;
        let mut e = FieldErrors::new();
        let kind = data.map(crate::processes::sniff_image);
        if let Some(d) = data {
            if d.is_empty() {
                e.add("logo", "error-required");
            } else if d.len() > crate::processes::IMAGE_MAX_BYTES {
                e.add_with("logo", "error-image-too-large", vec![("max", "2".into())]);
            } else if kind.flatten().is_none() {
                e.add("logo", "error-image-type");
            }
        }
        // Like process images, a logo is stored without its metadata.
        let clean = match (data, kind.flatten()) {
            (Some(d), Some(kind)) => match crate::processes::strip_metadata(kind, d) {
                Some(clean) => Some((kind, clean)),
                None => {
                    e.add("logo", "error-image-broken");
                    None
                }
            },
            _ => None,
        };
        e.into_result()?;
        let mut w = self.store.write(tenant).await?;
        let now = w.now;
        let id = match clean {
            Some((kind, clean)) => Some(
                w.insert(
                    "INSERT INTO images (municipality_id, content_type, data, created_at) VALUES ($1, $2, $3, $4) RETURNING id",
                    params![tenant.id, kind, clean, now],
                )
                .await?,
            ),
            None => None,
        };
        w.exec(
            "UPDATE municipalities SET logo_image_id = $1 WHERE id = $2",
            params![id, tenant.id],
        )
        .await?;
        w.audit(
            actor,
            "municipality.logo_set",
            format!("municipality:{}", tenant.id),
            serde_json::json!({"image": id}),
        );
        w.commit().await
    }

    /// Renames a department; a name another department has is refused.
    pub async fn rename_department(
        &self,
        tenant: &Tenant,
        actor: &Actor,
        id: i64,
        name: &str,
    ) -> Result<()> {
        decide(actor, Action::ManageMunicipality, &Target::Municipality)?;
        let mut e = FieldErrors::new();
        e.text("name", name, 2, 120);
        e.into_result()?;
        if !self.has_department(tenant, id).await? {
            return Err(StoreError::NotFound);
        }
        let mut w = self.store.write(tenant).await?;
        w.exec(
            "UPDATE departments SET name = $1 WHERE id = $2 AND municipality_id = $3",
            params![name.trim(), id, tenant.id],
        )
        .await
        .map_err(|d| {
            if d.is_unique_violation() {
                StoreError::Conflict("error-department-exists")
            } else {
                d.into()
            }
        })?;
        w.audit(
            actor,
            "department.renamed",
            format!("department:{id}"),
            serde_json::json!({"name": name.trim()}),
        );
        w.commit().await
    }

    /// Merges department `from` into `into`: every row that references
    /// `from` ([`DEPARTMENT_COLUMNS`]) moves to `into`, then `from` is
    /// deleted. One transaction, audited.
    pub async fn merge_departments(
        &self,
        tenant: &Tenant,
        actor: &Actor,
        from: i64,
        into: i64,
    ) -> Result<MergeSummary> {
        decide(actor, Action::ManageMunicipality, &Target::Municipality)?;
        if from == into {
            let mut e = FieldErrors::new();
            e.add("merge_into", "error-merge-same");
            return Err(e.into());
        }
        if !self.has_department(tenant, from).await? || !self.has_department(tenant, into).await? {
            return Err(StoreError::NotFound);
        }
        let mut w = self.store.write(tenant).await?;
        // A staff grant the target department already has would collide
        // with the moved one (the key is user, role, department).
        w.exec(
            "DELETE FROM role_grants WHERE municipality_id = $1 AND department_id = $2 AND EXISTS (SELECT 1 FROM role_grants g WHERE g.user_id = role_grants.user_id AND g.role = role_grants.role AND g.department_id = $3)",
            params![tenant.id, from, into],
        )
        .await?;
        let mut summary = MergeSummary::default();
        for (table, column) in DEPARTMENT_COLUMNS {
            let n = w
                .exec(
                    &format!("UPDATE {table} SET {column} = $1 WHERE {column} = $2 AND municipality_id = $3"),
                    params![into, from, tenant.id],
                )
                .await?;
            summary.moved.push((table, n));
        }
        w.exec(
            "DELETE FROM departments WHERE id = $1 AND municipality_id = $2",
            params![from, tenant.id],
        )
        .await?;
        let moved: serde_json::Map<String, serde_json::Value> = summary
            .moved
            .iter()
            .map(|(t, n)| (t.to_string(), (*n).into()))
            .collect();
        w.audit(
            actor,
            "department.merged",
            format!("department:{from}"),
            serde_json::json!({"into": into, "moved": moved}),
        );
        w.commit().await?;
        Ok(summary)
    }
}
