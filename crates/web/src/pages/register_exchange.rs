//! The register as files: public downloads of the whole register as
//! Eurocities ATS 0.3.1 or Dutch Algoritmeregister 1.0 JSON, and the
//! admins' import of an ATS file from another register. The import shows
//! every error with its record and field and writes nothing, or writes
//! every record (see `Store::import_register`).

use crate::ctx::{Ctx, Upload};
use crate::error::{AppError, AppResult};
use crate::render::page_with_status;
use crate::AppState;
use axum::extract::State;
use axum::http::{header, HeaderValue, StatusCode};
use axum::response::{IntoResponse, Response};
use axum::routing::get;
use axum::Router;
use serde::Serialize;
use teilhabe_domain::permission::{decide, Action, Target};
use teilhabe_domain::register::RegisterEntry;
use teilhabe_domain::FieldError;
use teilhabe_register::exchange::{export_ats_string, export_nl, import_ats, ImportErrors};
use teilhabe_store::register::RegisterImportSummary;
use teilhabe_store::StoreError;

/// Largest import file (about 2,000 entries).
pub const IMPORT_MAX_BYTES: usize = 8 * 1024 * 1024;

pub fn routes() -> Router<AppState> {
    Router::new()
        .route("/data-register/export/ats.json", get(export_ats))
        .route("/data-register/export/nl.json", get(export_nl_file))
        .route(
            "/data-register/import",
            get(import_form)
                .post(import)
                .layer(axum::extract::DefaultBodyLimit::max(
                    IMPORT_MAX_BYTES + 64 * 1024,
                )),
        )
}

fn download(json: String, filename: &str) -> Response {
    let mut r = json.into_response();
    let h = r.headers_mut();
    h.insert(
        header::CONTENT_TYPE,
        HeaderValue::from_static("application/json; charset=utf-8"),
    );
    if let Ok(v) = HeaderValue::from_str(&format!("attachment; filename=\"{filename}\"")) {
        h.insert(header::CONTENT_DISPOSITION, v);
    }
    r
}

/// The current version of every entry.
async fn current_entries(ctx: &Ctx) -> Result<Vec<RegisterEntry>, AppError> {
    Ok(ctx
        .state
        .store
        .register()
        .current_entries(&ctx.tenant)
        .await?)
}

/// The whole register, current versions, as ATS 0.3.1 records.
async fn export_ats(ctx: Ctx) -> AppResult {
    let entries = current_entries(&ctx).await?;
    Ok(download(
        export_ats_string(&entries),
        &format!("{}-register-ats-0.3.1.json", ctx.tenant.slug),
    ))
}

/// The whole register as Algoritmeregister Publicatiestandaard 1.0 records.
async fn export_nl_file(ctx: Ctx) -> AppResult {
    let entries = current_entries(&ctx).await?;
    let nl = export_nl(&entries);
    let json = serde_json::to_string_pretty(&nl.records)
        .map_err(|e| AppError::Internal(format!("NL export: {e}")))?;
    Ok(download(
        json + "\n",
        &format!("{}-algoritmeregister-1.0.json", ctx.tenant.slug),
    ))
}

/// One import error as the page lists it.
#[derive(Serialize)]
struct ErrorRow {
    record: Option<usize>,
    field: String,
    label_key: Option<String>,
    message: String,
}

fn error_rows(ctx: &Ctx, errors: &ImportErrors) -> Vec<ErrorRow> {
    let i18n = &ctx.state.i18n;
    errors
        .0
        .iter()
        .map(|e| {
            let label = format!("register-field-{}", e.field);
            ErrorRow {
                record: e.record,
                field: e.field.clone(),
                label_key: (!e.field.is_empty() && i18n.has(ctx.lang, &label)).then_some(label),
                message: i18n.t(ctx.lang, e.key, &e.args),
            }
        })
        .collect()
}

/// The record an import error found against the register names (its
/// `record` argument, counted from 1), if any.
pub fn record_of(e: &FieldError) -> Option<&str> {
    e.args
        .iter()
        .find(|(k, _)| *k == "record")
        .map(|(_, v)| v.as_str())
}

fn may_import(ctx: &Ctx) -> Result<(), AppError> {
    decide(
        &ctx.actor,
        Action::CreateRegisterEntry,
        &Target::Municipality,
    )?;
    decide(
        &ctx.actor,
        Action::EditRegisterEntry,
        &Target::RegisterEntry {
            department_id: None,
        },
    )?;
    Ok(())
}

fn import_page(
    ctx: &Ctx,
    errors: Option<Vec<ErrorRow>>,
    summary: Option<&RegisterImportSummary>,
    note: &str,
    status: StatusCode,
) -> AppResult {
    page_with_status(
        ctx,
        "register/import.html",
        minijinja::context! {
            csrf => ctx.csrf_token(),
            errors => errors,
            summary => summary,
            note => note,
            max_mb => IMPORT_MAX_BYTES / (1024 * 1024),
        },
        status,
    )
}

async fn import_form(ctx: Ctx) -> AppResult {
    may_import(&ctx)?;
    import_page(&ctx, None, None, "", StatusCode::OK)
}

/// Reads the multipart form (`_csrf`, `file`, `note`) after the
/// permission check.
async fn import(State(state): State<AppState>, ctx: Ctx, req: axum::extract::Request) -> AppResult {
    may_import(&ctx)?;
    let mut upload = Upload::read(&ctx, &state, req).await?;
    let note = upload.lossy("note");
    let data = upload.take("file");
    let file_error = |key: &'static str| {
        Some(vec![ErrorRow {
            record: None,
            field: String::new(),
            label_key: None,
            message: ctx.t(key),
        }])
    };
    if data.is_empty() {
        let errors = file_error("error-register-import-no-file");
        return import_page(&ctx, errors, None, &note, StatusCode::UNPROCESSABLE_ENTITY);
    }
    let Ok(text) = String::from_utf8(data) else {
        let errors = file_error("error-utf8");
        return import_page(&ctx, errors, None, &note, StatusCode::UNPROCESSABLE_ENTITY);
    };
    let entries = match import_ats(&text) {
        Ok(entries) => entries,
        Err(errors) => {
            let rows = Some(error_rows(&ctx, &errors));
            return import_page(&ctx, rows, None, &note, StatusCode::UNPROCESSABLE_ENTITY);
        }
    };
    match ctx
        .state
        .store
        .register()
        .import(&ctx.tenant, &ctx.actor, entries, &note)
        .await
    {
        Ok(summary) => import_page(&ctx, None, Some(&summary), "", StatusCode::OK),
        Err(StoreError::Invalid(fe)) => {
            let i18n = &ctx.state.i18n;
            let rows =
                fe.0.iter()
                    .map(|e| ErrorRow {
                        record: record_of(e).and_then(|r| r.parse().ok()),
                        field: e.field.to_string(),
                        label_key: match e.field {
                            "change_note" => Some("dataregister-change-note".to_string()),
                            f => Some(format!("register-field-{f}")),
                        },
                        message: i18n.t(ctx.lang, e.key, &e.args),
                    })
                    .collect();
            import_page(
                &ctx,
                Some(rows),
                None,
                &note,
                StatusCode::UNPROCESSABLE_ENTITY,
            )
        }
        Err(e) => Err(e.into()),
    }
}
