//! A dataset's distributions: staff add a file (multipart upload) or a
//! link, edit and remove them (removal after a confirmation page); anyone
//! downloads a file at `/daten/{name}/dateien/{id}`.

use super::choices;
use crate::ctx::{Ctx, Post, Upload as Multipart};
use crate::error::{AppError, AppResult};
use crate::render::{self, error_map, form_result, page, page_with_status, see_other, with_notice};
use crate::AppState;
use axum::body::Body;
use axum::extract::{Path, State};
use axum::http::{header, HeaderMap, HeaderValue, StatusCode};
use axum::response::{IntoResponse, Response};
use axum::routing::get;
use axum::Router;
use serde::Deserialize;
use teilhabe_domain::catalog::vocab::{file_type_for_name, DEFAULT_LICENSE, FILE_TYPES, LICENSES};
use teilhabe_domain::catalog::{DistributionDraft, DistributionKind, FILE_MAX_BYTES};
use teilhabe_domain::permission::Action;
use teilhabe_domain::FieldErrors;
use teilhabe_store::catalog::distributions::Upload;
use teilhabe_store::catalog::{DatasetRecord, DistributionRecord};
use teilhabe_store::StoreError;

pub(super) fn routes() -> Router<AppState> {
    Router::new()
        .route(
            "/daten/{name}/dateien/neu",
            get(add_form)
                .post(add)
                .layer(axum::extract::DefaultBodyLimit::max(
                    FILE_MAX_BYTES + 64 * 1024,
                )),
        )
        .route("/daten/{name}/dateien/{id}", get(download))
        .route(
            "/daten/{name}/dateien/{id}/bearbeiten",
            get(edit_form).post(save),
        )
        .route(
            "/daten/{name}/dateien/{id}/entfernen",
            get(remove_form).post(remove),
        )
}

const ORDER: &[&str] = &[
    "kind",
    "file",
    "access_url",
    "title",
    "description",
    "format",
    "license",
];

fn label(field: &str) -> String {
    format!("catalog-dist-field-{}", field.replace('_', "-"))
}

/// What the distribution form shows.
struct FormPage<'a> {
    dataset: &'a DatasetRecord,
    /// The distribution being edited (none: a new one).
    current: Option<&'a DistributionRecord>,
    draft: &'a DistributionDraft,
    /// file | link (a new one: what was chosen).
    kind: &'a str,
    errors: Option<&'a FieldErrors>,
    status: StatusCode,
}

async fn form_page(ctx: &Ctx, f: FormPage<'_>) -> AppResult {
    let errors = f
        .errors
        .map(|e| render::error_views(ctx, e, ORDER, label))
        .unwrap_or_default();
    let messages = f.errors.map(|e| error_map(ctx, e)).unwrap_or_default();
    let action = match f.current {
        Some(c) => format!("/daten/{}/dateien/{}/bearbeiten", f.dataset.name, c.id),
        None => format!("/daten/{}/dateien/neu", f.dataset.name),
    };
    page_with_status(
        ctx,
        "catalog/pages_distribution_form.html",
        minijinja::context! {
            action,
            d => f.dataset,
            current => f.current,
            v => f.draft,
            kind => f.kind,
            formats => choices(&FILE_TYPES),
            licenses => choices(&LICENSES),
            max_mb => FILE_MAX_BYTES / (1024 * 1024),
            errors,
            messages,
        },
        f.status,
    )
}

async fn managed(ctx: &Ctx, name: &str) -> Result<DatasetRecord, AppError> {
    Ok(ctx
        .state
        .store
        .catalog()
        .by_name_for(&ctx.tenant, &ctx.actor, name, Action::ManageDataset)
        .await?)
}

/// The distribution `id` of the dataset `d` (another dataset's: not found).
async fn of_dataset(ctx: &Ctx, d: &DatasetRecord, id: i64) -> Result<DistributionRecord, AppError> {
    let dist = ctx
        .state
        .store
        .catalog()
        .distribution(&ctx.tenant, id)
        .await?;
    if dist.dataset_id != d.id {
        return Err(AppError::NotFound);
    }
    Ok(dist)
}

async fn add_form(ctx: Ctx, Path(name): Path<String>) -> AppResult {
    let d = managed(&ctx, &name).await?;
    let draft = DistributionDraft {
        license: DEFAULT_LICENSE.into(),
        ..Default::default()
    };
    let page = FormPage {
        dataset: &d,
        current: None,
        draft: &draft,
        kind: "file",
        errors: None,
        status: StatusCode::OK,
    };
    form_page(&ctx, page).await
}

/// Adds a file or a link (multipart: `_csrf`, `kind`, `file`,
/// `access_url`, `title`, `description`, `format`, `license`); the
/// permission is decided before the body is read. An empty format takes
/// the file's extension.
async fn add(
    State(state): State<AppState>,
    ctx: Ctx,
    Path(name): Path<String>,
    req: axum::extract::Request,
) -> AppResult {
    let d = managed(&ctx, &name).await?;
    let mut form = Multipart::read(&ctx, &state, req).await?;
    let kind = if form.lossy("kind") == "link" {
        "link"
    } else {
        "file"
    };
    let file_name = form.file_name("file");
    let mut draft = DistributionDraft {
        title: form.text("title")?,
        description: form.text("description")?.replace("\r\n", "\n"),
        format: form.text("format")?,
        license: form.text("license")?,
        access_url: if kind == "link" {
            form.text("access_url")?
        } else {
            String::new()
        },
    };
    if draft.format.is_empty() && kind == "file" {
        draft.format = file_type_for_name(&file_name).unwrap_or("").to_string();
    }
    if draft.title.trim().is_empty() && kind == "file" && !file_name.is_empty() {
        draft.title = file_name.clone();
    }
    let upload = (kind == "file").then(|| Upload {
        file_name: file_name.clone(),
        bytes: form.take("file"),
    });
    let result = match file_problem(kind, &file_name) {
        // No file, or one of a kind not allowed: said as such, with the
        // other fields' faults (an empty format waits for the file).
        Some(key) => {
            let check = DistributionDraft {
                format: if draft.format.is_empty() {
                    "CSV".into()
                } else {
                    draft.format.clone()
                },
                ..draft.clone()
            };
            let mut fe = check
                .validate(DistributionKind::File)
                .err()
                .unwrap_or_default();
            fe.add("file", key);
            Err(StoreError::Invalid(fe))
        }
        None => {
            ctx.state
                .store
                .catalog()
                .add_distribution(&ctx.tenant, &ctx.actor, d.id, &draft, upload)
                .await
        }
    };
    form_result(
        result,
        |_| {
            with_notice(
                &format!("/daten/{name}#dateien"),
                "notice-catalog-file-added",
            )
        },
        async |fe, status| {
            let page = FormPage {
                dataset: &d,
                current: None,
                draft: &draft,
                kind,
                errors: Some(fe),
                status,
            };
            form_page(&ctx, page).await
        },
    )
    .await
}

/// What is wrong with the chosen file before anything else is checked.
fn file_problem(kind: &str, file_name: &str) -> Option<&'static str> {
    if kind != "file" {
        None
    } else if file_name.is_empty() {
        Some("error-required")
    } else if file_type_for_name(file_name).is_none() {
        Some("catalog-error-file-type")
    } else {
        None
    }
}

async fn edit_form(ctx: Ctx, Path((name, id)): Path<(String, String)>) -> AppResult {
    let id = crate::params::parse_id(&id)?;
    let d = managed(&ctx, &name).await?;
    let dist = of_dataset(&ctx, &d, id).await?;
    let draft = DistributionDraft {
        title: dist.title.clone(),
        description: dist.description.clone(),
        format: dist.format.clone(),
        license: dist.license.clone(),
        access_url: dist.access_url.clone(),
    };
    let page = FormPage {
        dataset: &d,
        current: Some(&dist),
        draft: &draft,
        kind: &dist.kind,
        errors: None,
        status: StatusCode::OK,
    };
    form_page(&ctx, page).await
}

#[derive(Deserialize, Default)]
struct DistributionForm {
    #[serde(default)]
    title: String,
    #[serde(default)]
    description: String,
    #[serde(default)]
    format: String,
    #[serde(default)]
    license: String,
    #[serde(default)]
    access_url: String,
}

async fn save(
    Path((name, id)): Path<(String, String)>,
    Post { ctx, form, .. }: Post<DistributionForm>,
) -> AppResult {
    let id = crate::params::parse_id(&id)?;
    let d = managed(&ctx, &name).await?;
    let dist = of_dataset(&ctx, &d, id).await?;
    let draft = DistributionDraft {
        title: form.title,
        description: form.description.replace("\r\n", "\n"),
        format: form.format,
        license: form.license,
        access_url: form.access_url,
    };
    let result = ctx
        .state
        .store
        .catalog()
        .update_distribution(&ctx.tenant, &ctx.actor, id, &draft)
        .await;
    form_result(
        result,
        |_| with_notice(&format!("/daten/{name}#dateien"), "notice-catalog-saved"),
        async |fe, status| {
            let page = FormPage {
                dataset: &d,
                current: Some(&dist),
                draft: &draft,
                kind: &dist.kind,
                errors: Some(fe),
                status,
            };
            form_page(&ctx, page).await
        },
    )
    .await
}

async fn remove_form(ctx: Ctx, Path((name, id)): Path<(String, String)>) -> AppResult {
    let id = crate::params::parse_id(&id)?;
    let d = managed(&ctx, &name).await?;
    let dist = of_dataset(&ctx, &d, id).await?;
    page(
        &ctx,
        "catalog/pages_distribution_remove.html",
        minijinja::context! { d, dist },
    )
}

#[derive(Deserialize)]
struct Empty {}

async fn remove(
    Path((name, id)): Path<(String, String)>,
    Post { ctx, .. }: Post<Empty>,
) -> AppResult {
    let id = crate::params::parse_id(&id)?;
    let d = managed(&ctx, &name).await?;
    match of_dataset(&ctx, &d, id).await {
        // Removed already (a second click, a colleague): done all the same.
        Err(AppError::NotFound) if !exists(&ctx, id).await? => {
            return Ok(see_other(&with_notice(
                &format!("/daten/{name}#dateien"),
                "notice-catalog-file-removed",
            )));
        }
        other => other?,
    };
    ctx.state
        .store
        .catalog()
        .remove_distribution(&ctx.tenant, &ctx.actor, id)
        .await?;
    Ok(see_other(&with_notice(
        &format!("/daten/{name}#dateien"),
        "notice-catalog-file-removed",
    )))
}

/// Whether a distribution `id` exists in the municipality (any dataset).
async fn exists(ctx: &Ctx, id: i64) -> Result<bool, AppError> {
    match ctx
        .state
        .store
        .catalog()
        .distribution(&ctx.tenant, id)
        .await
    {
        Ok(_) => Ok(true),
        Err(StoreError::NotFound) => Ok(false),
        Err(e) => Err(e.into()),
    }
}

/// `filename*=UTF-8''…` (RFC 5987): every byte outside the attribute
/// characters percent-encoded.
fn content_disposition(file_name: &str) -> String {
    let mut enc = String::new();
    for b in file_name.bytes() {
        if b.is_ascii_alphanumeric() || b"!#$&+-.^_`|~".contains(&b) {
            enc.push(b as char);
        } else {
            enc.push_str(&format!("%{b:02X}"));
        }
    }
    format!("attachment; filename*=UTF-8''{enc}")
}

/// Whether `If-None-Match` names `etag` (or is `*`).
fn not_modified(headers: &HeaderMap, etag: &str) -> bool {
    headers
        .get_all(header::IF_NONE_MATCH)
        .iter()
        .filter_map(|v| v.to_str().ok())
        .flat_map(|v| v.split(','))
        .map(|t| t.trim().trim_start_matches("W/"))
        .any(|t| t == etag || t == "*")
}

/// The bytes of an uploaded file, as an attachment with its media type;
/// the ETag is its SHA-256, so a cached copy is answered with 304.
async fn download(
    ctx: Ctx,
    Path((name, id)): Path<(String, String)>,
    headers: HeaderMap,
) -> AppResult {
    let id = crate::params::parse_id(&id)?;
    let catalog = ctx.state.store.catalog();
    let d = catalog.by_name(&ctx.tenant, &name).await?;
    // A withdrawn dataset's files go with its page: only its staff see them.
    if d.withdrawn_at.is_some()
        && !teilhabe_store::catalog::DatasetRights::decide(&ctx.actor, Some(&d)).manage
    {
        return Err(AppError::NotFound);
    }
    of_dataset(&ctx, &d, id).await?;
    let file = catalog.file(&ctx.tenant, id).await?;
    let etag = format!("\"{}\"", file.sha256);
    let mut resp = if not_modified(&headers, &etag) {
        StatusCode::NOT_MODIFIED.into_response()
    } else {
        let mut r = Response::new(Body::from(file.content));
        let media = HeaderValue::from_str(&file.media_type)
            .unwrap_or(HeaderValue::from_static("application/octet-stream"));
        r.headers_mut().insert(header::CONTENT_TYPE, media);
        if let Ok(v) = HeaderValue::from_str(&content_disposition(&file.file_name)) {
            r.headers_mut().insert(header::CONTENT_DISPOSITION, v);
        }
        r
    };
    let h = resp.headers_mut();
    if let Ok(v) = HeaderValue::from_str(&etag) {
        h.insert(header::ETAG, v);
    }
    h.insert(
        header::X_CONTENT_TYPE_OPTIONS,
        HeaderValue::from_static("nosniff"),
    );
    h.insert(
        header::CACHE_CONTROL,
        HeaderValue::from_static("public, no-cache"),
    );
    Ok(resp)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn file_names_are_encoded_for_the_header() {
        assert_eq!(
            content_disposition("Zählung 2025.csv"),
            "attachment; filename*=UTF-8''Z%C3%A4hlung%202025.csv"
        );
        assert_eq!(
            content_disposition("a\"b;c.csv"),
            "attachment; filename*=UTF-8''a%22b%3Bc.csv"
        );
    }

    #[test]
    fn if_none_match_lists_and_weak_tags_match() {
        let mut h = HeaderMap::new();
        h.insert(
            header::IF_NONE_MATCH,
            HeaderValue::from_static("\"x\", W/\"abc\""),
        );
        assert!(not_modified(&h, "\"abc\""));
        assert!(!not_modified(&h, "\"abd\""));
        assert!(!not_modified(&HeaderMap::new(), "\"abc\""));
    }
}
