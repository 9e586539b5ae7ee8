//! Process images: uploaded, sniffed, stored in the database.

use super::Processes;
use crate::{params, Result, StoreError, Tenant};
use teilhabe_domain::permission::{decide, Action, Target};
use teilhabe_domain::{Actor, FieldErrors};

/// Largest accepted image upload.
pub const IMAGE_MAX_BYTES: usize = 2 * 1024 * 1024;

/// The image's type from its first bytes; the declared type is not trusted.
pub fn sniff_image(data: &[u8]) -> Option<&'static str> {
    if data.starts_with(b"\x89PNG\r\n\x1a\n") {
        Some("image/png")
    } else if data.starts_with(&[0xFF, 0xD8, 0xFF]) {
        Some("image/jpeg")
    } else if data.len() > 12 && &data[..4] == b"RIFF" && &data[8..12] == b"WEBP" {
        Some("image/webp")
    } else {
        None
    }
}

impl Processes<'_> {
    /// Stores an uploaded image for a process and shows it on the process
    /// page, with its alternative text. Audited.
    pub async fn set_image(
        &self,
        tenant: &Tenant,
        actor: &Actor,
        slug: &str,
        data: &[u8],
        alt: &str,
    ) -> Result<i64> {
        let process = self.get(tenant, actor, slug).await?;
        decide(
            actor,
            Action::EditProcess,
            &Target::Process(&process.facts()),
        )?;
        let mut e = FieldErrors::new();
        let kind = sniff_image(data);
        if data.is_empty() {
            e.add("image", "error-required");
        } else if data.len() > IMAGE_MAX_BYTES {
            e.add_with("image", "error-image-too-large", vec![("max", "2".into())]);
        } else if kind.is_none() {
            e.add("image", "error-image-type");
        }
        e.text("image_alt", alt, 3, 200);
        e.into_result()?;
        let mut w = self.store.write(tenant).await?;
        let now = w.now;
        let id = w
            .insert(
                "INSERT INTO images (municipality_id, content_type, data, created_at) VALUES ($1, $2, $3, $4) RETURNING id",
                params![tenant.id, kind.unwrap_or("application/octet-stream"), data.to_vec(), now],
            )
            .await?;
        w.exec(
            "UPDATE processes SET image_url = $1, image_alt = $2, updated_at = $3 WHERE id = $4",
            params![format!("/images/{id}"), alt.trim(), now, process.id],
        )
        .await?;
        w.audit(
            actor,
            "process.image_set",
            format!("process:{}", process.id),
            serde_json::json!({"image": id, "bytes": data.len()}),
        );
        w.commit().await?;
        Ok(id)
    }

    /// An uploaded image: (content type, bytes).
    pub async fn image(&self, tenant: &Tenant, id: i64) -> Result<(String, Vec<u8>)> {
        #[derive(serde::Deserialize)]
        struct ImageRow {
            content_type: String,
            data: Vec<u8>,
        }
        let r: ImageRow = self
            .store
            .db
            .opt_as(
                "SELECT content_type, data FROM images WHERE id = $1 AND municipality_id = $2",
                params![id, tenant.id],
            )
            .await?
            .ok_or(StoreError::NotFound)?;
        Ok((r.content_type, r.data))
    }
}
