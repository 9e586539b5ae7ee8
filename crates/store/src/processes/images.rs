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

/// The image without its metadata: EXIF (camera, time, GPS position), XMP,
/// IPTC, comments and text chunks are removed, the picture's own data is
/// kept byte for byte (no re-encoding, no quality loss). `None` when the
/// file does not parse as `kind` (one of [`sniff_image`]'s types).
pub fn strip_metadata(kind: &str, data: &[u8]) -> Option<Vec<u8>> {
    use img_parts::jpeg::{markers, Jpeg};
    use img_parts::png::Png;
    use img_parts::riff::{RiffChunk, RiffContent};
    use img_parts::webp::WebP;
    use img_parts::Bytes;
    let bytes = Bytes::copy_from_slice(data);
    let out = match kind {
        "image/jpeg" => {
            let mut jpeg = Jpeg::from_bytes(bytes).ok()?;
            // Kept: APP0 (JFIF), APP2 (colour profile), APP14 (Adobe colour
            // transform), which a decoder needs; APP1 is EXIF and XMP, APP13
            // IPTC, the others vendor data, COM free text.
            jpeg.segments_mut().retain(|s| {
                !matches!(
                    s.marker(),
                    markers::APP1 | markers::APP3..=markers::APP13 | markers::APP15 | markers::COM
                )
            });
            jpeg.encoder().bytes()
        }
        "image/png" => {
            let mut png = Png::from_bytes(bytes).ok()?;
            png.chunks_mut()
                .retain(|c| !matches!(&c.kind(), b"eXIf" | b"tEXt" | b"zTXt" | b"iTXt" | b"tIME"));
            png.encoder().bytes()
        }
        "image/webp" => {
            let mut webp = WebP::from_bytes(bytes).ok()?;
            webp.remove_chunks_by_id(*b"EXIF");
            webp.remove_chunks_by_id(*b"XMP ");
            // The extended header announces EXIF (0x08) and XMP (0x04).
            for c in webp.chunks_mut().iter_mut() {
                if c.id() != *b"VP8X" {
                    continue;
                }
                if let Some(d) = c.content().data() {
                    let mut flags = d.to_vec();
                    if let Some(f) = flags.first_mut() {
                        *f &= !0x0C;
                    }
                    *c = RiffChunk::new(*b"VP8X", RiffContent::Data(flags.into()));
                }
            }
            webp.encoder().bytes()
        }
        _ => return None,
    };
    Some(out.to_vec())
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
        // What is stored and served: the image without its metadata (an
        // uploaded photo's EXIF may carry where and when it was taken).
        let mut clean = None;
        if data.is_empty() {
            e.add("image", "error-required");
        } else if data.len() > IMAGE_MAX_BYTES {
            e.add_with("image", "error-image-too-large", vec![("max", "2".into())]);
        } else {
            match kind {
                None => e.add("image", "error-image-type"),
                Some(k) => {
                    clean = strip_metadata(k, data);
                    if clean.is_none() {
                        e.add("image", "error-image-broken");
                    }
                }
            }
        }
        e.text("image_alt", alt, 3, 200);
        e.into_result()?;
        let data = clean.unwrap_or_default();
        let mut w = self.store.write(tenant).await?;
        let now = w.now;
        let id = w
            .insert(
                "INSERT INTO images (municipality_id, content_type, data, created_at) VALUES ($1, $2, $3, $4) RETURNING id",
                params![tenant.id, kind.unwrap_or("application/octet-stream"), data.clone(), now],
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

    /// An uploaded image: (content type, bytes, public). An image is shown
    /// only to who may see the process that shows it (an image of a draft
    /// only to its staff, and then not public for caches); one that no
    /// process shows any more is not found.
    pub async fn image(
        &self,
        tenant: &Tenant,
        actor: &Actor,
        id: i64,
    ) -> Result<(String, Vec<u8>, bool)> {
        #[derive(serde::Deserialize)]
        struct ImageRow {
            content_type: String,
            data: Vec<u8>,
        }
        // The municipality's logo is public; any other image is seen by
        // whoever may see the process that shows it.
        let public = if tenant.logo_image_id == Some(id) {
            true
        } else {
            let process = self
                .fetch(tenant, "p.image_url", format!("/images/{id}").into())
                .await?;
            decide(
                actor,
                Action::ViewProcess,
                &Target::Process(&process.facts()),
            )?;
            process.status.is_public()
        };
        let r: ImageRow = self
            .store
            .db
            .opt_as(
                "SELECT content_type, data FROM images WHERE id = $1 AND municipality_id = $2",
                params![id, tenant.id],
            )
            .await?
            .ok_or(StoreError::NotFound)?;
        Ok((r.content_type, r.data, public))
    }
}

#[cfg(test)]
mod tests {
    use super::{sniff_image, strip_metadata};

    fn testdata(name: &str) -> Vec<u8> {
        let dir = concat!(env!("CARGO_MANIFEST_DIR"), "/../../testdata/images/");
        std::fs::read(format!("{dir}{name}")).unwrap_or_default()
    }

    fn contains(hay: &[u8], needle: &[u8]) -> bool {
        hay.windows(needle.len()).any(|w| w == needle)
    }

    #[test]
    fn a_photo_loses_its_gps_position_and_keeps_its_picture() {
        let photo = testdata("gps.jpg");
        assert!(contains(&photo, b"Exif\0\0") && contains(&photo, b"Mustermann"));
        let clean = strip_metadata("image/jpeg", &photo);
        // Exactly the photo without its APP1 (EXIF with GPS, XMP) and
        // comment segments: quantisation, frame, tables and scan unchanged.
        assert_eq!(clean, Some(testdata("gps-stripped.jpg")));
        let clean = clean.unwrap_or_default();
        for gone in [&b"Exif"[..], b"GPSLatitude", b"Mustermann", b"xmpmeta"] {
            assert!(!contains(&clean, gone), "{}", String::from_utf8_lossy(gone));
        }
        assert_eq!(sniff_image(&clean), Some("image/jpeg"));
        // Stripping again changes nothing.
        assert_eq!(strip_metadata("image/jpeg", &clean), Some(clean));
    }

    #[test]
    fn png_text_and_exif_chunks_are_removed() {
        let png = testdata("text.png");
        assert!(contains(&png, b"eXIf") && contains(&png, b"tEXt"));
        assert_eq!(
            strip_metadata("image/png", &png),
            Some(testdata("tiny.png"))
        );
        let tiny = testdata("tiny.png");
        assert_eq!(strip_metadata("image/png", &tiny), Some(tiny));
    }

    #[test]
    fn a_file_that_only_starts_like_an_image_is_refused() {
        let fake_png = [&b"\x89PNG\r\n\x1a\n"[..], &[7u8; 100][..]].concat();
        assert_eq!(strip_metadata("image/png", &fake_png), None);
        assert_eq!(strip_metadata("image/jpeg", b"\xFF\xD8\xFF\xE1\xFF"), None);
        assert_eq!(
            strip_metadata("image/webp", b"RIFF\x10\0\0\0WEBPVP8X"),
            None
        );
        assert_eq!(strip_metadata("image/gif", b"GIF89a"), None);
    }
}
