//! The catalog's part in previews, the feed and the search: the table
//! preview of a file is computed once when the file is stored
//! (`insert_distribution`) and read back here; the newest datasets for
//! the Atom feed; a dataset's words in the site search (on creation and
//! on each new version).

use super::{Catalog, DatasetRecord, DATASET_COLS, DATASET_FROM};
use crate::search::{self, Kind};
use crate::{params, Result, Tenant, Write};
use serde::Deserialize;
use teilhabe_domain::catalog::preview::{preview_file, StoredPreview};
use teilhabe_domain::catalog::DatasetDraft;

/// The stored preview of one file of a dataset.
#[derive(Debug, Clone)]
pub struct FilePreview {
    pub distribution_id: i64,
    pub title: String,
    pub file_name: String,
    pub format: String,
    pub preview: StoredPreview,
}

#[derive(Deserialize)]
struct PreviewRow {
    id: i64,
    title: String,
    file_name: String,
    format: String,
    preview: String,
}

/// The preview of a file as stored (JSON), `None` for a format without
/// preview.
pub(crate) fn computed(format: &str, bytes: &[u8]) -> Option<String> {
    preview_file(format, bytes).and_then(|p| serde_json::to_string(&p).ok())
}

/// Puts a dataset's title, description and keywords into the site search
/// (replacing what was there).
pub(crate) async fn index(w: &mut Write<'_>, dataset_id: i64, d: &DatasetDraft) -> Result<()> {
    let tenant_id = w.tenant().id;
    let body = format!("{}\n{}", d.description.trim(), d.keywords.join(" "));
    search::index(
        w,
        tenant_id,
        Kind::Dataset,
        dataset_id,
        None,
        d.title.trim(),
        &body,
    )
    .await
}

impl Catalog<'_> {
    /// The previews of a dataset's files, in the distributions' order
    /// (files without a preview, or whose format was changed to one
    /// without, are left out).
    pub async fn previews(&self, tenant: &Tenant, dataset_id: i64) -> Result<Vec<FilePreview>> {
        let rows: Vec<PreviewRow> = self
            .store
            .db
            .all_as(
                "SELECT id, title, file_name, format, preview FROM distributions WHERE municipality_id = $1 AND dataset_id = $2 AND kind = 'file' AND preview IS NOT NULL AND format IN ('CSV', 'JSON', 'GEOJSON') ORDER BY position, id",
                params![tenant.id, dataset_id],
            )
            .await?;
        Ok(rows
            .into_iter()
            .filter_map(|r| {
                let preview = serde_json::from_str(&r.preview).ok()?;
                Some(FilePreview {
                    distribution_id: r.id,
                    title: r.title,
                    file_name: r.file_name,
                    format: r.format,
                    preview,
                })
            })
            .collect())
    }

    /// The `limit` newest datasets (by issue date) that are not withdrawn.
    pub async fn newest(&self, tenant: &Tenant, limit: i64) -> Result<Vec<DatasetRecord>> {
        Ok(self
            .store
            .db
            .all_as(
                &format!("SELECT {DATASET_COLS} FROM {DATASET_FROM} WHERE ds.municipality_id = $1 AND ds.withdrawn_at IS NULL ORDER BY ds.issued_at DESC, ds.id DESC LIMIT $2"),
                params![tenant.id, limit],
            )
            .await?)
    }
}
