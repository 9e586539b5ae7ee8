//! The JSON API of the register of data uses and algorithms: entries and
//! their versions, public like the pages. Each part of the register
//! (council, questions, goals, evaluation) keeps its handlers and its
//! OpenAPI fragment in its own `api_*` module; `api.rs` merges them.

use super::Problem;
use crate::ctx::Ctx;
use crate::error::{AppError, AppResult};
use crate::pages::register::ListQuery;
use crate::params::rfc3339_ms;
use crate::AppState;
use axum::extract::{Path, Query};
use axum::Json;
use serde::Serialize;
use serde_json::{Map, Value};
use teilhabe_register::exchange::to_ats_record;
use teilhabe_store::register::{RegisterSummary, RegisterVersion};
use utoipa::{OpenApi, ToSchema};
use utoipa_axum::router::OpenApiRouter;
use utoipa_axum::routes;

pub(crate) fn router() -> OpenApiRouter<AppState> {
    OpenApiRouter::with_openapi(Doc::openapi())
        .routes(routes!(list_entries))
        .routes(routes!(get_entry))
        .routes(routes!(list_versions))
        .routes(routes!(get_version))
}

#[derive(OpenApi)]
#[openapi(
    components(schemas(ApiRegisterEntry, ApiRegisterVersion, ApiVersionSummary)),
    tags((name = "register", description = "The register of data uses and algorithms (Eurocities ATS 0.3.1 fields plus AI Act Annex VIII C under `aiact_`)"))
)]
struct Doc;

/// An entry in lists: the columns the register's filters use.
#[derive(Serialize, ToSchema)]
pub struct ApiRegisterEntry {
    pub slug: String,
    /// The entry's name (ATS `name`).
    pub title: String,
    /// ATS `description_short`.
    pub summary: String,
    pub department: Option<String>,
    /// planned, design, development, pilot, evaluation, operational or retired.
    pub status: String,
    /// minimal, limited, high or unacceptable.
    pub risk_category: String,
    pub domain: String,
    pub algorithm_type: String,
    pub current_version: i64,
    /// RFC 3339.
    pub created_at: String,
    /// RFC 3339.
    pub updated_at: String,
    /// The public page.
    pub url: String,
}

impl ApiRegisterEntry {
    fn from(e: &RegisterSummary) -> Self {
        ApiRegisterEntry {
            slug: e.slug.clone(),
            title: e.title.clone(),
            summary: e.summary.clone(),
            department: e.department_name.clone(),
            status: e.status.clone(),
            risk_category: e.risk_category.clone(),
            domain: e.domain.clone(),
            algorithm_type: e.algorithm_type.clone(),
            current_version: e.current_version,
            created_at: rfc3339_ms(e.created_at),
            updated_at: rfc3339_ms(e.updated_at),
            url: format!("/data-register/{}", e.slug),
        }
    }
}

/// One version: who saved it, why, and every field as an ATS 0.3.1
/// record (plus the `aiact_` fields).
#[derive(Serialize, ToSchema)]
pub struct ApiRegisterVersion {
    pub slug: String,
    pub version: i64,
    /// The author's pseudonym, as in the audit trail.
    pub author: String,
    pub change_note: String,
    /// RFC 3339.
    pub created_at: String,
    /// The record: field name → value.
    #[schema(value_type = Object)]
    pub record: Map<String, Value>,
}

/// A version in the history list, without its fields.
#[derive(Serialize, ToSchema)]
pub struct ApiVersionSummary {
    pub version: i64,
    pub author: String,
    pub change_note: String,
    /// RFC 3339.
    pub created_at: String,
}

fn version_json(slug: &str, v: &RegisterVersion) -> ApiRegisterVersion {
    ApiRegisterVersion {
        slug: slug.to_string(),
        version: v.version,
        author: v.author.clone(),
        change_note: v.change_note.clone(),
        created_at: rfc3339_ms(v.created_at),
        record: to_ats_record(&v.entry),
    }
}

/// The register, filtered like the public list, ordered by title.
#[utoipa::path(get, path = "/register", tag = "register", params(ListQuery), responses((status = 200, body = Vec<ApiRegisterEntry>), (status = 400, body = Problem, content_type = "application/problem+json")))]
async fn list_entries(
    ctx: Ctx,
    Query(q): Query<ListQuery>,
) -> AppResult<Json<Vec<ApiRegisterEntry>>> {
    let filter = q.filter()?;
    let entries = ctx
        .state
        .store
        .register()
        .entries(&ctx.tenant, &filter)
        .await?;
    Ok(Json(entries.iter().map(ApiRegisterEntry::from).collect()))
}

/// The current version of an entry.
#[utoipa::path(get, path = "/register/{slug}", tag = "register", params(("slug" = String, Path)), responses((status = 200, body = ApiRegisterVersion), (status = 404, body = Problem, content_type = "application/problem+json")))]
async fn get_entry(ctx: Ctx, Path(slug): Path<String>) -> AppResult<Json<ApiRegisterVersion>> {
    let store = &ctx.state.store;
    let entry = store.register().entry(&ctx.tenant, &slug).await?;
    let v = store
        .register()
        .version(&ctx.tenant, entry.id, entry.current_version)
        .await?;
    Ok(Json(version_json(&entry.slug, &v)))
}

/// The history of an entry, newest first.
#[utoipa::path(get, path = "/register/{slug}/versions", tag = "register", params(("slug" = String, Path)), responses((status = 200, body = Vec<ApiVersionSummary>), (status = 404, body = Problem, content_type = "application/problem+json")))]
async fn list_versions(
    ctx: Ctx,
    Path(slug): Path<String>,
) -> AppResult<Json<Vec<ApiVersionSummary>>> {
    let store = &ctx.state.store;
    let entry = store.register().entry(&ctx.tenant, &slug).await?;
    let versions = store.register().versions(&ctx.tenant, entry.id).await?;
    Ok(Json(
        versions
            .iter()
            .map(|v| ApiVersionSummary {
                version: v.version,
                author: v.author.clone(),
                change_note: v.change_note.clone(),
                created_at: rfc3339_ms(v.created_at),
            })
            .collect(),
    ))
}

/// One version of an entry, as it was published.
#[utoipa::path(get, path = "/register/{slug}/versions/{version}", tag = "register", params(("slug" = String, Path), ("version" = i64, Path)), responses((status = 200, body = ApiRegisterVersion), (status = 400, body = Problem, content_type = "application/problem+json"), (status = 404, body = Problem, content_type = "application/problem+json")))]
async fn get_version(
    ctx: Ctx,
    Path((slug, version)): Path<(String, String)>,
) -> AppResult<Json<ApiRegisterVersion>> {
    let version: i64 = version
        .parse()
        .ok()
        .filter(|v| *v > 0)
        .ok_or_else(|| AppError::BadRequest("error-id", format!("version: {version}")))?;
    let store = &ctx.state.store;
    let entry = store.register().entry(&ctx.tenant, &slug).await?;
    let v = store
        .register()
        .version(&ctx.tenant, entry.id, version)
        .await?;
    Ok(Json(version_json(&entry.slug, &v)))
}
