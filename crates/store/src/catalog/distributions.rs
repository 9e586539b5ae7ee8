//! A dataset's distributions: an uploaded file (kept with its size and
//! SHA-256) or a link; editing their description, removing them, and the
//! file's bytes for the download.

use super::{Catalog, DistributionRecord, DISTRIBUTION_COLS};
use crate::{params, Result, StoreError, Tenant};
use serde::Deserialize;
use sha2::{Digest, Sha256};
use teilhabe_domain::catalog::vocab::media_type;
use teilhabe_domain::catalog::{DistributionDraft, DistributionKind, FILE_MAX_BYTES};
use teilhabe_domain::permission::{decide, Action};
use teilhabe_domain::{Actor, FieldErrors};

/// An uploaded file.
#[derive(Debug, Clone)]
pub struct Upload {
    pub file_name: String,
    pub bytes: Vec<u8>,
}

/// A file's bytes with what the download needs.
#[derive(Debug, Clone, Deserialize)]
pub struct FileContent {
    pub file_name: String,
    pub media_type: String,
    pub sha256: String,
    pub content: Vec<u8>,
}

impl Catalog<'_> {
    /// The distributions of a dataset, in their order.
    pub async fn distributions(
        &self,
        tenant: &Tenant,
        dataset_id: i64,
    ) -> Result<Vec<DistributionRecord>> {
        Ok(self
            .store
            .db
            .all_as(
                &format!("SELECT {DISTRIBUTION_COLS} FROM distributions WHERE municipality_id = $1 AND dataset_id = $2 ORDER BY position, id"),
                params![tenant.id, dataset_id],
            )
            .await?)
    }

    /// One distribution by id.
    pub async fn distribution(&self, tenant: &Tenant, id: i64) -> Result<DistributionRecord> {
        self.store
            .db
            .opt_as(
                &format!("SELECT {DISTRIBUTION_COLS} FROM distributions WHERE municipality_id = $1 AND id = $2"),
                params![tenant.id, id],
            )
            .await?
            .ok_or(StoreError::NotFound)
    }

    /// The bytes of an uploaded file (not found for a link).
    pub async fn file(&self, tenant: &Tenant, distribution_id: i64) -> Result<FileContent> {
        self.store
            .db
            .opt_as(
                "SELECT file_name, media_type, sha256, content FROM distributions WHERE municipality_id = $1 AND id = $2 AND kind = 'file' AND content IS NOT NULL",
                params![tenant.id, distribution_id],
            )
            .await?
            .ok_or(StoreError::NotFound)
    }

    /// Adds a distribution to a dataset: with `upload`, a file (its
    /// format must fit its name's extension unless staff chose another);
    /// without, a link (`draft.access_url`).
    pub async fn add_distribution(
        &self,
        tenant: &Tenant,
        actor: &Actor,
        dataset_id: i64,
        draft: &DistributionDraft,
        upload: Option<Upload>,
    ) -> Result<DistributionRecord> {
        let dataset = self.by_id(tenant, dataset_id).await?;
        decide(actor, Action::ManageDataset, &dataset.target())?;
        let kind = if upload.is_some() {
            DistributionKind::File
        } else {
            DistributionKind::Link
        };
        draft.validate(kind)?;
        if let Some(u) = &upload {
            check_upload(u)?;
        }
        let mut w = self.store.write(tenant).await?;
        let id = self
            .insert_distribution(&mut w, dataset_id, draft, upload.as_ref())
            .await?;
        w.audit(
            actor,
            "distribution.added",
            format!("dataset:{dataset_id}"),
            serde_json::json!({ "distribution": id, "title": draft.title.trim(), "kind": kind.as_str() }),
        );
        w.commit().await?;
        self.distribution(tenant, id).await
    }

    /// Writes a distribution in `w` (the caller decided, validated and
    /// records the audit entry). Returns its id.
    pub(crate) async fn insert_distribution(
        &self,
        w: &mut crate::Write<'_>,
        dataset_id: i64,
        draft: &DistributionDraft,
        upload: Option<&Upload>,
    ) -> Result<i64> {
        let tenant_id = w.tenant().id;
        let now = w.now;
        let position: i64 = w
            .opt(
                "SELECT COUNT(*) AS n FROM distributions WHERE dataset_id = $1",
                params![dataset_id],
            )
            .await?
            .map(|r| r.i64("n"))
            .transpose()?
            .unwrap_or(0);
        let preview = upload.and_then(|u| super::preview::computed(&draft.format, &u.bytes));
        let (kind, file_name, media, size, sha, content) = match upload {
            Some(u) => (
                DistributionKind::File,
                u.file_name.trim().to_string(),
                media_type(&draft.format).to_string(),
                Some(u.bytes.len() as i64),
                hex::encode(Sha256::digest(&u.bytes)),
                Some(u.bytes.clone()),
            ),
            None => (
                DistributionKind::Link,
                String::new(),
                String::new(),
                None,
                String::new(),
                None,
            ),
        };
        let id = w
            .insert(
                "INSERT INTO distributions (municipality_id, dataset_id, kind, title, description, format, license, access_url, file_name, media_type, byte_size, sha256, content, position, created_at, modified_at, preview) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $15, $16) RETURNING id",
                params![
                    tenant_id,
                    dataset_id,
                    kind.as_str(),
                    draft.title.trim(),
                    draft.description.trim(),
                    draft.format.as_str(),
                    draft.license.as_str(),
                    if kind == DistributionKind::Link { draft.access_url.trim() } else { "" },
                    file_name,
                    media,
                    size,
                    sha,
                    content,
                    position,
                    now,
                    preview
                ],
            )
            .await?;
        Self::touch(w, dataset_id).await?;
        Ok(id)
    }

    /// Changes a distribution's description (title, format, licence, and
    /// a link's address); a file's bytes stay.
    pub async fn update_distribution(
        &self,
        tenant: &Tenant,
        actor: &Actor,
        distribution_id: i64,
        draft: &DistributionDraft,
    ) -> Result<DistributionRecord> {
        let current = self.distribution(tenant, distribution_id).await?;
        let dataset = self.by_id(tenant, current.dataset_id).await?;
        decide(actor, Action::ManageDataset, &dataset.target())?;
        let kind = if current.kind == "file" {
            DistributionKind::File
        } else {
            DistributionKind::Link
        };
        draft.validate(kind)?;
        let mut w = self.store.write(tenant).await?;
        let now = w.now;
        w.exec(
            "UPDATE distributions SET title = $1, description = $2, format = $3, license = $4, access_url = $5, media_type = CASE WHEN kind = 'file' THEN $6 ELSE media_type END, modified_at = $7 WHERE id = $8",
            params![
                draft.title.trim(),
                draft.description.trim(),
                draft.format.as_str(),
                draft.license.as_str(),
                if kind == DistributionKind::Link { draft.access_url.trim() } else { "" },
                media_type(&draft.format),
                now,
                distribution_id
            ],
        )
        .await?;
        Self::touch(&mut w, dataset.id).await?;
        w.audit(
            actor,
            "distribution.updated",
            format!("dataset:{}", dataset.id),
            serde_json::json!({ "distribution": distribution_id, "title": draft.title.trim() }),
        );
        w.commit().await?;
        self.distribution(tenant, distribution_id).await
    }

    /// Removes a distribution (and its file).
    pub async fn remove_distribution(
        &self,
        tenant: &Tenant,
        actor: &Actor,
        distribution_id: i64,
    ) -> Result<()> {
        let current = self.distribution(tenant, distribution_id).await?;
        let dataset = self.by_id(tenant, current.dataset_id).await?;
        decide(actor, Action::ManageDataset, &dataset.target())?;
        let mut w = self.store.write(tenant).await?;
        w.exec(
            "DELETE FROM distributions WHERE id = $1",
            params![distribution_id],
        )
        .await?;
        Self::touch(&mut w, dataset.id).await?;
        w.audit(
            actor,
            "distribution.removed",
            format!("dataset:{}", dataset.id),
            serde_json::json!({ "distribution": distribution_id, "title": current.title, "sha256": current.sha256 }),
        );
        w.commit().await
    }
}

/// An upload must have a name with an allowed extension, not be empty
/// and not be larger than [`FILE_MAX_BYTES`].
fn check_upload(u: &Upload) -> Result<()> {
    let mut e = FieldErrors::new();
    if teilhabe_domain::catalog::vocab::file_type_for_name(&u.file_name).is_none() {
        e.add("file", "catalog-error-file-type");
    } else if u.bytes.is_empty() {
        e.add("file", "catalog-error-file-empty");
    } else if u.bytes.len() > FILE_MAX_BYTES {
        e.add_with(
            "file",
            "catalog-error-file-too-large",
            vec![("max", (FILE_MAX_BYTES / (1024 * 1024)).to_string())],
        );
    }
    e.into_result()?;
    Ok(())
}
