//! The queries behind the CKAN Action API (`/api/3/action/…`): the
//! search of `package_search` (clauses of `teilhabe_domain::catalog::solr`
//! turned into SQL, paged, sorted, with facet counts), the distributions
//! of a page of datasets in one query (no query per dataset), the names
//! for `package_list`, the tags, and departments as CKAN organisations.
//! Withdrawn datasets are not part of the API.

use super::{Catalog, DatasetRecord, DistributionRecord, DATASET_COLS, DATASET_FROM};
use crate::{params, Result, Tenant, P};
use serde::Deserialize;
use std::collections::{BTreeMap, BTreeSet, HashMap};
use teilhabe_domain::catalog::solr::{Clause, Field, SortKey, Value};
use teilhabe_domain::catalog::vocab::{FILE_TYPES, LICENSES, THEMES};

/// A department as a CKAN organisation.
#[derive(Debug, Clone)]
pub struct Organization {
    pub department_id: i64,
    /// The CKAN name (from the department's name; unique).
    pub name: String,
    pub title: String,
    pub package_count: i64,
}

/// What `package_search` asks for.
#[derive(Debug, Clone, Default)]
pub struct SearchQuery {
    /// `q` and `fq` together: all must hold.
    pub clauses: Vec<Clause>,
    pub sort: Vec<(SortKey, bool)>,
    pub start: i64,
    pub rows: i64,
    /// Facet fields: organization, groups, tags, res_format, license_id.
    pub facet_fields: Vec<String>,
}

/// One page of results.
#[derive(Debug, Clone, Default)]
pub struct SearchPage {
    pub count: i64,
    pub datasets: Vec<DatasetRecord>,
    /// The distributions of `datasets`, by dataset id.
    pub distributions: HashMap<i64, Vec<DistributionRecord>>,
    /// The municipality's departments as organisations (the search reads
    /// them for `organization:`; the package dicts name them).
    pub organizations: Vec<Organization>,
    /// Per asked facet field, the values and how many datasets have them
    /// (most first, then by value).
    pub facets: Vec<(String, Vec<(String, i64)>)>,
}

/// The facet fields `package_search` can count.
pub const FACET_FIELDS: &[&str] = &["organization", "groups", "tags", "res_format", "license_id"];

#[derive(Deserialize)]
struct FacetRow {
    department_id: Option<i64>,
    themes: String,
    keywords: String,
}

#[derive(Deserialize)]
struct ValueCount {
    value: String,
    n: i64,
}

impl Catalog<'_> {
    /// The municipality's departments as CKAN organisations, by name,
    /// with the number of datasets each has.
    pub async fn organizations(&self, tenant: &Tenant) -> Result<Vec<Organization>> {
        let departments = self.store.tenants().departments(tenant).await?;
        let counts: Vec<(i64, i64)> = self
            .store
            .db
            .all(
                "SELECT department_id, COUNT(*) AS n FROM datasets WHERE municipality_id = $1 AND withdrawn_at IS NULL AND department_id IS NOT NULL GROUP BY department_id",
                params![tenant.id],
            )
            .await?
            .iter()
            .map(|r| Ok((r.i64("department_id")?, r.i64("n")?)))
            .collect::<std::result::Result<_, crate::DbError>>()?;
        let counts: HashMap<i64, i64> = counts.into_iter().collect();
        let mut taken = BTreeSet::new();
        let mut out = Vec::new();
        for d in departments {
            let mut name = super::ckan_name(&d.name);
            if !taken.insert(name.clone()) {
                name = format!("{name}-{}", d.id);
                taken.insert(name.clone());
            }
            out.push(Organization {
                department_id: d.id,
                name,
                title: d.name,
                package_count: counts.get(&d.id).copied().unwrap_or(0),
            });
        }
        out.sort_by(|a, b| a.name.cmp(&b.name));
        Ok(out)
    }

    /// The names of the datasets, by name (`package_list`).
    pub async fn package_names(
        &self,
        tenant: &Tenant,
        limit: Option<i64>,
        offset: i64,
    ) -> Result<Vec<String>> {
        let rows = self
            .store
            .db
            .all(
                "SELECT name FROM datasets WHERE municipality_id = $1 AND withdrawn_at IS NULL ORDER BY name LIMIT $2 OFFSET $3",
                params![tenant.id, limit.unwrap_or(i64::MAX), offset],
            )
            .await?;
        Ok(rows
            .iter()
            .map(|r| r.str("name"))
            .collect::<std::result::Result<_, _>>()?)
    }

    /// Every keyword of the datasets, sorted (`tag_list`).
    pub async fn tags(&self, tenant: &Tenant) -> Result<Vec<String>> {
        let rows = self
            .store
            .db
            .all(
                "SELECT keywords FROM datasets WHERE municipality_id = $1 AND withdrawn_at IS NULL",
                params![tenant.id],
            )
            .await?;
        let mut tags = BTreeSet::new();
        for r in rows {
            let list: Vec<String> = serde_json::from_str(&r.str("keywords")?).unwrap_or_default();
            tags.extend(list);
        }
        Ok(tags.into_iter().collect())
    }

    /// How many datasets each theme has, by theme code (`group_list`).
    pub async fn theme_counts(&self, tenant: &Tenant) -> Result<HashMap<String, i64>> {
        let rows = self
            .store
            .db
            .all(
                "SELECT themes FROM datasets WHERE municipality_id = $1 AND withdrawn_at IS NULL",
                params![tenant.id],
            )
            .await?;
        let mut out = HashMap::new();
        for r in rows {
            let list: Vec<String> = serde_json::from_str(&r.str("themes")?).unwrap_or_default();
            for t in list {
                *out.entry(t).or_insert(0) += 1;
            }
        }
        Ok(out)
    }

    /// The distributions of several datasets in one query, by dataset id.
    pub async fn distributions_of(
        &self,
        tenant: &Tenant,
        dataset_ids: &[i64],
    ) -> Result<HashMap<i64, Vec<DistributionRecord>>> {
        let mut out: HashMap<i64, Vec<DistributionRecord>> = HashMap::new();
        for chunk in dataset_ids.chunks(500) {
            let mut p: Vec<P> = vec![tenant.id.into()];
            let marks: Vec<String> = chunk
                .iter()
                .map(|id| {
                    p.push((*id).into());
                    format!("${}", p.len())
                })
                .collect();
            let rows: Vec<DistributionRecord> = self
                .store
                .db
                .all_as(
                    &format!(
                        "SELECT {} FROM distributions WHERE municipality_id = $1 AND dataset_id IN ({}) ORDER BY position, id",
                        super::DISTRIBUTION_COLS,
                        marks.join(", ")
                    ),
                    &p,
                )
                .await?;
            for r in rows {
                out.entry(r.dataset_id).or_default().push(r);
            }
        }
        Ok(out)
    }

    /// `package_search`: the datasets all clauses hold for, one page in
    /// the asked order (ties by id), their distributions and the facets.
    pub async fn search(&self, tenant: &Tenant, query: &SearchQuery) -> Result<SearchPage> {
        let orgs = self.organizations(tenant).await?;
        let mut p: Vec<P> = vec![tenant.id.into()];
        let mut sql_where = String::from("ds.municipality_id = $1 AND ds.withdrawn_at IS NULL");
        for c in &query.clauses {
            let cond = condition(c, &orgs, &mut p);
            if c.negated {
                sql_where.push_str(&format!(" AND NOT ({cond})"));
            } else {
                sql_where.push_str(&format!(" AND ({cond})"));
            }
        }
        let count = self
            .store
            .db
            .one(
                &format!("SELECT COUNT(*) AS n FROM datasets ds WHERE {sql_where}"),
                &p,
            )
            .await?
            .i64("n")?;
        let mut order: Vec<String> = query
            .sort
            .iter()
            .map(|(k, desc)| {
                let col = match k {
                    SortKey::Id => "ds.identifier",
                    SortKey::Name => "ds.name",
                    SortKey::Title => "ds.title",
                    SortKey::MetadataModified => "ds.modified_at",
                    SortKey::MetadataCreated => "ds.issued_at",
                };
                format!("{col} {}", if *desc { "DESC" } else { "ASC" })
            })
            .collect();
        order.push("ds.id ASC".into());
        let datasets: Vec<DatasetRecord> = if query.rows > 0 && query.start < count {
            let mut page_p = p.clone();
            page_p.push(query.rows.into());
            page_p.push(query.start.into());
            let n = page_p.len();
            self.store
                .db
                .all_as(
                    &format!(
                        "SELECT {DATASET_COLS} FROM {DATASET_FROM} WHERE {sql_where} ORDER BY {} LIMIT ${} OFFSET ${n}",
                        order.join(", "),
                        n - 1
                    ),
                    &page_p,
                )
                .await?
        } else {
            Vec::new()
        };
        let ids: Vec<i64> = datasets.iter().map(|d| d.id).collect();
        let distributions = self.distributions_of(tenant, &ids).await?;
        let facets = if query.facet_fields.is_empty() {
            Vec::new()
        } else {
            self.ckan_facets(&sql_where, &p, &orgs, &query.facet_fields)
                .await?
        };
        Ok(SearchPage {
            organizations: orgs,
            count,
            datasets,
            distributions,
            facets,
        })
    }

    async fn ckan_facets(
        &self,
        sql_where: &str,
        p: &[P],
        orgs: &[Organization],
        fields: &[String],
    ) -> Result<Vec<(String, Vec<(String, i64)>)>> {
        let mut counts: BTreeMap<&str, HashMap<String, i64>> = BTreeMap::new();
        if fields
            .iter()
            .any(|f| matches!(f.as_str(), "organization" | "groups" | "tags"))
        {
            let rows: Vec<FacetRow> = self
                .store
                .db
                .all_as(
                    &format!("SELECT ds.department_id, ds.themes, ds.keywords FROM datasets ds WHERE {sql_where}"),
                    p,
                )
                .await?;
            let org_name: HashMap<i64, &str> = orgs
                .iter()
                .map(|o| (o.department_id, o.name.as_str()))
                .collect();
            for r in rows {
                if let Some(name) = r.department_id.and_then(|d| org_name.get(&d)) {
                    *counts
                        .entry("organization")
                        .or_default()
                        .entry(name.to_string())
                        .or_insert(0) += 1;
                }
                let themes: Vec<String> = serde_json::from_str(&r.themes).unwrap_or_default();
                for t in themes {
                    *counts
                        .entry("groups")
                        .or_default()
                        .entry(t.to_lowercase())
                        .or_insert(0) += 1;
                }
                let tags: BTreeSet<String> = serde_json::from_str::<Vec<String>>(&r.keywords)
                    .unwrap_or_default()
                    .into_iter()
                    .collect();
                for t in tags {
                    *counts.entry("tags").or_default().entry(t).or_insert(0) += 1;
                }
            }
        }
        for (field, col) in [("res_format", "format"), ("license_id", "license")] {
            if !fields.iter().any(|f| f == field) {
                continue;
            }
            let rows: Vec<ValueCount> = self
                .store
                .db
                .all_as(
                    &format!("SELECT x.{col} AS value, COUNT(DISTINCT x.dataset_id) AS n FROM distributions x WHERE x.dataset_id IN (SELECT ds.id FROM datasets ds WHERE {sql_where}) GROUP BY x.{col}"),
                    p,
                )
                .await?;
            let m = counts.entry(field).or_default();
            for r in rows {
                let value = if field == "license_id" {
                    LICENSES.iri(&r.value)
                } else {
                    r.value
                };
                *m.entry(value).or_insert(0) += r.n;
            }
        }
        Ok(fields
            .iter()
            .map(|f| {
                let mut items: Vec<(String, i64)> = counts
                    .get(f.as_str())
                    .map(|m| m.iter().map(|(k, v)| (k.clone(), *v)).collect())
                    .unwrap_or_default();
                items.sort_by(|a, b| b.1.cmp(&a.1).then_with(|| a.0.cmp(&b.0)));
                (f.clone(), items)
            })
            .collect())
    }
}

/// `value` for a `LIKE` pattern, `%`, `_` and `\` escaped (with
/// `ESCAPE '\'`).
fn like_escape(value: &str) -> String {
    let mut s = String::with_capacity(value.len());
    for c in value.chars() {
        if matches!(c, '%' | '_' | '\\') {
            s.push('\\');
        }
        s.push(c);
    }
    s
}

fn push(p: &mut Vec<P>, v: impl Into<P>) -> String {
    p.push(v.into());
    format!("${}", p.len())
}

/// The SQL condition of one clause (without its negation), on `ds`.
fn condition(c: &Clause, orgs: &[Organization], p: &mut Vec<P>) -> String {
    const NONE: &str = "1 = 0";
    let text = match &c.value {
        Value::Text(t) => t.as_str(),
        Value::Range {
            from,
            to,
            inclusive,
        } => {
            let col = if c.field == Field::MetadataCreated {
                "ds.issued_at"
            } else {
                "ds.modified_at"
            };
            let (ge, le) = if *inclusive { (">=", "<=") } else { (">", "<") };
            let mut parts = Vec::new();
            if let Some(f) = from {
                parts.push(format!("{col} {ge} {}", push(p, *f)));
            }
            if let Some(t) = to {
                parts.push(format!("{col} {le} {}", push(p, *t)));
            }
            if parts.is_empty() {
                return "1 = 1".into();
            }
            return parts.join(" AND ");
        }
    };
    match c.field {
        Field::Text => {
            let pattern = format!("%{}%", like_escape(&text.to_lowercase()));
            format!("ds.search_text LIKE {} ESCAPE '\\'", push(p, pattern))
        }
        Field::Name => format!("ds.name = {}", push(p, text.to_string())),
        Field::Id => format!("ds.identifier = {}", push(p, text.to_string())),
        Field::Organization => {
            let ids: Vec<String> = orgs
                .iter()
                .filter(|o| o.name == text)
                .map(|o| o.department_id.to_string())
                .collect();
            if ids.is_empty() {
                NONE.into()
            } else {
                format!("ds.department_id IN ({})", ids.join(", "))
            }
        }
        Field::Groups => match THEMES.code_of(text) {
            Some(code) => format!(
                "ds.themes LIKE {} ESCAPE '\\'",
                push(p, format!("%\"{code}\"%"))
            ),
            None => NONE.into(),
        },
        Field::Tags => {
            let quoted = serde_json::to_string(text).unwrap_or_default();
            format!(
                "ds.keywords LIKE {} ESCAPE '\\'",
                push(p, format!("%{}%", like_escape(&quoted)))
            )
        }
        Field::ResFormat => {
            let code = FILE_TYPES
                .code_of(text)
                .map(str::to_string)
                .unwrap_or_else(|| text.to_uppercase());
            format!(
                "EXISTS (SELECT 1 FROM distributions x WHERE x.dataset_id = ds.id AND x.format = {})",
                push(p, code)
            )
        }
        Field::LicenseId => match LICENSES.code_of(text) {
            Some(code) => format!(
                "EXISTS (SELECT 1 FROM distributions x WHERE x.dataset_id = ds.id AND x.license = {})",
                push(p, code.to_string())
            ),
            None => NONE.into(),
        },
        // Dates always come as ranges from the parser.
        Field::MetadataModified | Field::MetadataCreated => NONE.into(),
    }
}
