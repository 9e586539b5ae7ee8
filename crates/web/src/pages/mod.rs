//! HTML pages. Each handler: parse, call one service, render.

mod account;
mod admin;
mod audit;
pub mod budget;
pub mod catalog;
pub mod council;
pub mod evaluation;
pub mod goals;
pub mod moderation;
pub mod opinion;
pub mod participation;
mod privacy;
pub mod register;
pub mod register_exchange;
pub mod register_questions;
pub(crate) mod settings;
mod signup;
pub mod twofactor;

use crate::ctx::Ctx;
use crate::error::{AppError, AppResult};
use crate::i18n::Lang;
use crate::render::{lang_cookie_response, page};
use crate::AppState;
use axum::extract::{Path, Query, State};
use axum::http::{header, HeaderValue};
use axum::response::{IntoResponse, Response};
use axum::routing::get;
use axum::Router;
use serde::Deserialize;
use teilhabe_domain::process::ProcessStatus;

pub const STYLE_CSS: &str = include_str!("../../static/style.css");

/// The core pages and every module's pages (`crate::module::MODULES`).
pub fn routes() -> Router<AppState> {
    let core = Router::new()
        .route("/", get(home))
        .route("/health", get(|| async { "ok" }))
        .route("/ready", get(ready))
        .route("/static/style.css", get(style))
        .route("/lang/{code}", get(switch_lang))
        .route("/processes", get(processes))
        .route("/search", get(search))
        .route("/audit", get(audit))
        .route(
            "/impressum",
            get(|ctx: Ctx| async move { legal(ctx, "imprint") }),
        )
        .route(
            "/barrierefreiheit",
            get(|ctx: Ctx| async move { legal(ctx, "accessibility") }),
        )
        .merge(participation::routes())
        .merge(moderation::routes())
        .merge(account::routes())
        .merge(privacy::routes())
        .merge(signup::routes())
        .merge(admin::routes())
        .merge(settings::routes())
        .merge(audit::routes());
    crate::module::MODULES
        .iter()
        .fold(core, |r, m| r.merge((m.pages)()))
}

pub async fn not_found(ctx: Result<Ctx, AppError>) -> AppResult {
    ctx?;
    Err(AppError::NotFound)
}

async fn style() -> Response {
    static_file(STYLE_CSS, "text/css; charset=utf-8")
}

/// A file compiled into the binary, cacheable for an hour.
pub(crate) fn static_file(body: &'static str, content_type: &'static str) -> Response {
    let mut r = body.into_response();
    r.headers_mut()
        .insert(header::CONTENT_TYPE, HeaderValue::from_static(content_type));
    r.headers_mut().insert(
        header::CACHE_CONTROL,
        HeaderValue::from_static("public, max-age=3600"),
    );
    r
}

#[derive(Deserialize)]
struct Back {
    back: Option<String>,
}

pub use crate::security::local_path;

async fn switch_lang(
    State(state): State<AppState>,
    Path(code): Path<String>,
    Query(q): Query<Back>,
) -> AppResult {
    let lang = Lang::parse(&code).ok_or(AppError::NotFound)?;
    Ok(lang_cookie_response(
        &state,
        lang,
        &local_path(q.back.as_deref()),
    ))
}

async fn home(ctx: Ctx) -> AppResult {
    let store = &ctx.state.store;
    let processes = store
        .processes()
        .list(&ctx.tenant, &ctx.actor, Some(ProcessStatus::Published))
        .await?;
    let answers = store.proposals().latest_answers(&ctx.tenant, 5).await?;
    page(
        &ctx,
        "home.html",
        minijinja::context! { processes, answers },
    )
}

#[derive(Deserialize)]
struct StatusFilter {
    status: Option<String>,
}

async fn processes(ctx: Ctx, Query(q): Query<StatusFilter>) -> AppResult {
    let status = match q.status.as_deref() {
        None | Some("") => None,
        Some(s) => Some(s.parse::<ProcessStatus>().map_err(AppError::Invalid)?),
    };
    let list = ctx
        .state
        .store
        .processes()
        .list(&ctx.tenant, &ctx.actor, status)
        .await?;
    page(
        &ctx,
        "processes.html",
        minijinja::context! { processes => list, status => q.status.unwrap_or_default() },
    )
}

#[derive(Deserialize)]
struct SearchQuery {
    q: Option<String>,
    page: Option<i64>,
}

async fn search(ctx: Ctx, Query(q): Query<SearchQuery>) -> AppResult {
    let text = q.q.unwrap_or_default();
    if text.chars().count() > 200 {
        return Err(AppError::BadRequest("error-search-too-long", String::new()));
    }
    let results = ctx
        .state
        .store
        .search()
        .query(&ctx.tenant, &text, crate::params::page_number(q.page)?, 20)
        .await?;
    let pages = results.pages();
    page(
        &ctx,
        "search.html",
        minijinja::context! { q => text, results, pages },
    )
}

#[derive(Deserialize)]
struct PageQuery {
    page: Option<i64>,
}

async fn audit(ctx: Ctx, Query(q): Query<PageQuery>) -> AppResult {
    let entries = ctx
        .state
        .store
        .audit()
        .page(&ctx.tenant, crate::params::page_number(q.page)?, 50)
        .await?;
    let head = ctx.state.store.audit().head(&ctx.tenant).await?;
    let pages = entries.pages();
    page(
        &ctx,
        "audit.html",
        minijinja::context! { entries, pages, head_seq => head.as_ref().map(|h| h.0), head_hash => head.map(|h| h.1), public_key => ctx.state.store.key().public_key_hex() },
    )
}

fn legal(ctx: Ctx, which: &str) -> AppResult {
    let text = match which {
        "imprint" => &ctx.tenant.imprint,
        _ => &ctx.tenant.accessibility,
    }
    .clone();
    page(&ctx, "legal.html", minijinja::context! { which, text })
}

/// Readiness for a load balancer: 200 when the database answers a cheap
/// query, else 503 with a short JSON body (`/health` only says the process
/// is alive).
async fn ready(State(state): State<AppState>) -> Response {
    let (status, body) = match state.store.db.all("SELECT 1 AS one", &[]).await {
        Ok(_) => (
            axum::http::StatusCode::OK,
            serde_json::json!({ "status": "ready" }),
        ),
        Err(e) => {
            tracing::warn!(error = %e, "readiness check: the database does not answer");
            (
                axum::http::StatusCode::SERVICE_UNAVAILABLE,
                serde_json::json!({ "status": "unavailable", "reason": "database unreachable" }),
            )
        }
    };
    let mut resp = (status, axum::Json(body)).into_response();
    resp.headers_mut()
        .insert(header::CACHE_CONTROL, HeaderValue::from_static("no-store"));
    resp
}
pub(crate) use settings::brand_version;
