//! What the DCAT-AP.de export (`/catalog.ttl`, `.rdf`, `.jsonld`) reads:
//! one page of the published datasets by id ascending, each with its
//! distributions, the total count, and what the catalog says about the
//! municipality. Three queries per page whatever its size (count,
//! datasets, their distributions), never one per dataset.
//!
//! Published means not withdrawn and not harvested from another catalog:
//! harvested datasets are the other catalog's to publish, and GovData
//! would otherwise receive them twice.

use super::{
    Catalog, DatasetRecord, DistributionRecord, DATASET_COLS, DATASET_FROM, DISTRIBUTION_COLS,
};
use crate::{page_window, params, Result, Tenant};
use std::collections::HashMap;

/// The datasets the export publishes (alias `ds`).
const PUBLISHED: &str =
    "ds.municipality_id = $1 AND ds.withdrawn_at IS NULL AND ds.origin <> 'harvested'";

/// The municipality as the catalog's publisher.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CatalogPublisher {
    pub name: String,
    /// Regional key (ARS), 12 digits or "".
    pub ars: String,
    /// `dcatde:contributorID` (an IRI below `http://dcat-ap.de/def/contributors/`) or "".
    pub contributor_id: String,
    /// The general contact address or "".
    pub contact_email: String,
    /// Its own public base URL or "" (the web layer then uses the server's).
    pub base_url: String,
}

impl CatalogPublisher {
    pub fn of(t: &Tenant) -> Self {
        CatalogPublisher {
            name: t.name.clone(),
            ars: t.ars.trim().to_string(),
            contributor_id: t.contributor_id.trim().to_string(),
            contact_email: t.contact_email.trim().to_string(),
            base_url: t.base_url.clone(),
        }
    }
}

/// A dataset with its distributions, in their order.
#[derive(Debug, Clone)]
pub struct ExportedDataset {
    pub dataset: DatasetRecord,
    pub distributions: Vec<DistributionRecord>,
}

/// One page of the export.
#[derive(Debug, Clone)]
pub struct ExportPage {
    pub publisher: CatalogPublisher,
    pub datasets: Vec<ExportedDataset>,
    /// Published datasets in all.
    pub total: i64,
    pub page: i64,
    pub per_page: i64,
}

#[derive(serde::Deserialize)]
struct CountRow {
    n: i64,
}

impl Catalog<'_> {
    /// Page `page` (from 1) of the published datasets by id ascending,
    /// `per_page` to a page (clamped like every list, see
    /// [`crate::page_window`]). A page past the end has no datasets.
    pub async fn export_page(
        &self,
        tenant: &Tenant,
        page: i64,
        per_page: i64,
    ) -> Result<ExportPage> {
        let (page, per_page, offset) = page_window(page, per_page);
        let db = &self.store.db;
        let total = db
            .one_as::<CountRow>(
                &format!("SELECT COUNT(*) AS n FROM datasets ds WHERE {PUBLISHED}"),
                params![tenant.id],
            )
            .await?
            .n;
        let datasets: Vec<DatasetRecord> = db
            .all_as(
                &format!("SELECT {DATASET_COLS} FROM {DATASET_FROM} WHERE {PUBLISHED} ORDER BY ds.id LIMIT $2 OFFSET $3"),
                params![tenant.id, per_page, offset],
            )
            .await?;
        let mut by_dataset: HashMap<i64, Vec<DistributionRecord>> = HashMap::new();
        if let (Some(first), Some(last)) = (datasets.first(), datasets.last()) {
            let rows: Vec<DistributionRecord> = db
                .all_as(
                    &format!("SELECT {DISTRIBUTION_COLS} FROM distributions WHERE municipality_id = $1 AND dataset_id BETWEEN $2 AND $3 ORDER BY dataset_id, position, id"),
                    params![tenant.id, first.id, last.id],
                )
                .await?;
            for r in rows {
                by_dataset.entry(r.dataset_id).or_default().push(r);
            }
        }
        let datasets = datasets
            .into_iter()
            .map(|d| ExportedDataset {
                distributions: by_dataset.remove(&d.id).unwrap_or_default(),
                dataset: d,
            })
            .collect();
        Ok(ExportPage {
            publisher: CatalogPublisher::of(tenant),
            datasets,
            total,
            page,
            per_page,
        })
    }
}
