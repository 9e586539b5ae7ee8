//! The public catalog: the filtered, paged list of datasets and the facet
//! counts under the current filter. A fixed number of queries whatever
//! the page holds (the list, its total, the page's formats, and one query
//! per facet).

use super::{Catalog, DatasetRecord, DATASET_COLS, DATASET_FROM};
use crate::{Page, Result, Tenant, P};
use serde::Serialize;
use std::collections::BTreeMap;
use teilhabe_domain::catalog::vocab::{FILE_TYPES, LICENSES, THEMES};

/// Datasets on one page of the catalog.
pub const PER_PAGE: i64 = 20;

/// What the reader narrowed the catalog to (empty or `None`: all).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct CatalogFilter {
    /// Free text; every word must occur in title, description or keywords.
    pub q: String,
    /// EU data-theme code.
    pub theme: String,
    pub department_id: Option<i64>,
    /// EU file-type code of any of the dataset's distributions.
    pub format: String,
    /// Licence code of any of the dataset's distributions.
    pub license: String,
    /// A register entry (data use) that reads the dataset.
    pub data_use: Option<i64>,
    pub page: i64,
}

impl CatalogFilter {
    /// Whether anything but the page narrows the list.
    pub fn is_narrowed(&self) -> bool {
        !(self.q.trim().is_empty()
            && self.theme.is_empty()
            && self.department_id.is_none()
            && self.format.is_empty()
            && self.license.is_empty()
            && self.data_use.is_none())
    }
}

/// A dataset as the catalog's list shows it.
#[derive(Debug, Clone, Serialize)]
pub struct DatasetCard {
    #[serde(flatten)]
    pub dataset: DatasetRecord,
    pub theme_codes: Vec<String>,
    /// The file-type codes of its distributions, each once, in order.
    pub formats: Vec<String>,
}

/// One value of a facet and how many datasets of the current list have it.
#[derive(Debug, Clone, Serialize, PartialEq, Eq)]
pub struct FacetValue {
    /// The code or id the filter takes.
    pub value: String,
    /// A name to show where the value is not a vocabulary code
    /// (departments, data uses); empty otherwise.
    pub name: String,
    pub count: i64,
}

/// The facets of the current list; values without datasets are left out.
#[derive(Debug, Clone, Default, Serialize)]
pub struct Facets {
    pub themes: Vec<FacetValue>,
    pub departments: Vec<FacetValue>,
    pub formats: Vec<FacetValue>,
    pub licenses: Vec<FacetValue>,
    pub data_uses: Vec<FacetValue>,
}

/// One page of the catalog with its facets.
#[derive(Debug, Clone, Serialize)]
pub struct CatalogPage {
    pub datasets: Page<DatasetCard>,
    pub facets: Facets,
}

/// `WHERE` conditions and their parameters for a filter (`$1` is the
/// municipality).
fn conditions(tenant: &Tenant, f: &CatalogFilter) -> (String, Vec<P>) {
    let mut sql = String::from("ds.municipality_id = $1 AND ds.withdrawn_at IS NULL");
    let mut p: Vec<P> = vec![tenant.id.into()];
    // `words` keeps letters and digits only, so no LIKE wildcards.
    for w in crate::search::words(&f.q) {
        p.push(format!("%{w}%").into());
        sql.push_str(&format!(" AND ds.search_text LIKE ${}", p.len()));
    }
    if !f.theme.is_empty() {
        // Only a known code (letters) reaches the LIKE; others match nothing.
        let code = THEMES.get(&f.theme).map(|t| t.code).unwrap_or("-");
        p.push(format!("%\"{code}\"%").into());
        sql.push_str(&format!(" AND ds.themes LIKE ${}", p.len()));
    }
    if let Some(d) = f.department_id {
        p.push(d.into());
        sql.push_str(&format!(" AND ds.department_id = ${}", p.len()));
    }
    if !f.format.is_empty() {
        p.push(f.format.as_str().into());
        sql.push_str(&format!(
            " AND EXISTS (SELECT 1 FROM distributions x WHERE x.dataset_id = ds.id AND x.format = ${})",
            p.len()
        ));
    }
    if !f.license.is_empty() {
        p.push(f.license.as_str().into());
        sql.push_str(&format!(
            " AND EXISTS (SELECT 1 FROM distributions x WHERE x.dataset_id = ds.id AND x.license = ${})",
            p.len()
        ));
    }
    if let Some(e) = f.data_use {
        p.push(e.into());
        sql.push_str(&format!(
            " AND EXISTS (SELECT 1 FROM register_entry_datasets r WHERE r.dataset_id = ds.id AND r.entry_id = ${})",
            p.len()
        ));
    }
    (sql, p)
}

impl Catalog<'_> {
    /// One page of the catalog under `f` (newest change first) and the
    /// facet counts of everything `f` lets through.
    pub async fn browse(&self, tenant: &Tenant, f: &CatalogFilter) -> Result<CatalogPage> {
        let db = &self.store.db;
        let (page, per_page, offset) = crate::page_window(f.page, PER_PAGE);
        let (cond, p) = conditions(tenant, f);
        let total = db
            .one(
                &format!("SELECT COUNT(*) AS n FROM {DATASET_FROM} WHERE {cond}"),
                &p,
            )
            .await?
            .i64("n")?;
        let rows: Vec<DatasetRecord> = db
            .all_as(
                &format!("SELECT {DATASET_COLS} FROM {DATASET_FROM} WHERE {cond} ORDER BY ds.modified_at DESC, ds.id DESC LIMIT {per_page} OFFSET {offset}"),
                &p,
            )
            .await?;
        // The formats of the page's datasets, in one query.
        let mut formats: BTreeMap<i64, Vec<String>> = BTreeMap::new();
        if !rows.is_empty() {
            let ids: Vec<String> = rows.iter().map(|d| d.id.to_string()).collect();
            for r in db
                .all(
                    &format!("SELECT dataset_id, format FROM distributions WHERE municipality_id = $1 AND dataset_id IN ({}) ORDER BY position, id", ids.join(", ")),
                    &[tenant.id.into()],
                )
                .await?
            {
                let list = formats.entry(r.i64("dataset_id")?).or_default();
                let code = r.str("format")?;
                if !list.contains(&code) {
                    list.push(code);
                }
            }
        }
        let items = rows
            .into_iter()
            .map(|d| DatasetCard {
                theme_codes: d.theme_list(),
                formats: formats.remove(&d.id).unwrap_or_default(),
                dataset: d,
            })
            .collect();
        let facets = self.facets(&cond, &p).await?;
        Ok(CatalogPage {
            datasets: Page {
                items,
                total,
                page,
                per_page,
            },
            facets,
        })
    }

    async fn facets(&self, cond: &str, p: &[P]) -> Result<Facets> {
        let db = &self.store.db;
        // Themes are a JSON list per dataset: counted here, in vocabulary
        // order.
        let mut themes: BTreeMap<String, i64> = BTreeMap::new();
        for r in db
            .all(
                &format!("SELECT ds.themes FROM {DATASET_FROM} WHERE {cond}"),
                p,
            )
            .await?
        {
            let list: Vec<String> = serde_json::from_str(&r.str("themes")?).unwrap_or_default();
            for t in list {
                *themes.entry(t).or_default() += 1;
            }
        }
        let themes = THEMES
            .terms
            .iter()
            .filter_map(|t| {
                themes.get(t.code).map(|n| FacetValue {
                    value: t.code.to_string(),
                    name: String::new(),
                    count: *n,
                })
            })
            .collect();
        let departments = db
            .all(
                &format!("SELECT ds.department_id, d.name AS name, COUNT(*) AS n FROM {DATASET_FROM} WHERE {cond} AND ds.department_id IS NOT NULL GROUP BY ds.department_id, d.name ORDER BY d.name"),
                p,
            )
            .await?
            .into_iter()
            .map(|r| {
                Ok(FacetValue {
                    value: r.i64("department_id")?.to_string(),
                    name: r.str("name")?,
                    count: r.i64("n")?,
                })
            })
            .collect::<Result<Vec<_>>>()?;
        let of_distributions = |column: &str| {
            format!("SELECT dist.{column} AS value, COUNT(DISTINCT ds.id) AS n FROM {DATASET_FROM} JOIN distributions dist ON dist.dataset_id = ds.id WHERE {cond} GROUP BY dist.{column}")
        };
        let counted = |rows: Vec<crate::db::Row>| -> Result<BTreeMap<String, i64>> {
            rows.into_iter()
                .map(|r| Ok((r.str("value")?, r.i64("n")?)))
                .collect()
        };
        let formats = counted(db.all(&of_distributions("format"), p).await?)?;
        let licenses = counted(db.all(&of_distributions("license"), p).await?)?;
        let in_order = |terms: &[teilhabe_domain::catalog::vocab::Term],
                        counts: &BTreeMap<String, i64>| {
            terms
                .iter()
                .filter_map(|t| {
                    counts.get(t.code).map(|n| FacetValue {
                        value: t.code.to_string(),
                        name: String::new(),
                        count: *n,
                    })
                })
                .collect::<Vec<_>>()
        };
        let data_uses = db
            .all(
                &format!("SELECT r.entry_id, e.title AS name, COUNT(DISTINCT ds.id) AS n FROM {DATASET_FROM} JOIN register_entry_datasets r ON r.dataset_id = ds.id JOIN register_entries e ON e.id = r.entry_id WHERE {cond} GROUP BY r.entry_id, e.title ORDER BY e.title"),
                p,
            )
            .await?
            .into_iter()
            .map(|r| {
                Ok(FacetValue {
                    value: r.i64("entry_id")?.to_string(),
                    name: r.str("name")?,
                    count: r.i64("n")?,
                })
            })
            .collect::<Result<Vec<_>>>()?;
        Ok(Facets {
            themes,
            departments,
            formats: in_order(FILE_TYPES.terms, &formats),
            licenses: in_order(LICENSES.terms, &licenses),
            data_uses,
        })
    }
}

/// Where a dataset comes from, with names to show.
#[derive(Debug, Clone, Default, Serialize)]
pub struct OriginInfo {
    /// own | participation | harvested
    pub kind: String,
    /// The process a participation result comes from (slug, title).
    pub process_slug: String,
    pub process_title: String,
    /// The catalog a harvested dataset comes from (title, address).
    pub source_title: String,
    pub source_url: String,
}

impl Catalog<'_> {
    /// The origin of `d` with the process's or the harvest source's name.
    pub async fn origin(&self, tenant: &Tenant, d: &DatasetRecord) -> Result<OriginInfo> {
        let db = &self.store.db;
        let mut o = OriginInfo {
            kind: d.origin.clone(),
            ..Default::default()
        };
        if let Some(p) = d.process_id {
            if let Some(r) = db
                .opt(
                    "SELECT slug, title FROM processes WHERE municipality_id = $1 AND id = $2",
                    crate::params![tenant.id, p],
                )
                .await?
            {
                o.process_slug = r.str("slug")?;
                o.process_title = r.str("title")?;
            }
        }
        if let Some(s) = d.harvest_source_id {
            if let Some(r) = db
                .opt(
                    "SELECT title, url FROM harvest_sources WHERE municipality_id = $1 AND id = $2",
                    crate::params![tenant.id, s],
                )
                .await?
            {
                o.source_title = r.str("title")?;
                o.source_url = r.str("url")?;
            }
        }
        Ok(o)
    }
}
