//! The JSON API: the same read model and citizen/staff actions as the
//! pages, authenticated with API tokens (`Authorization: Bearer th_...`,
//! created on the profile page). Errors are RFC 9457 problem+json.
//!
//! Each handler is declared once, by its `#[utoipa::path]` annotation: the
//! feature modules below return an [`OpenApiRouter`] built with
//! `routes!(..)`, which yields both the axum routes and the OpenAPI 3.1
//! document served at `/api/openapi.json`. Paths in the annotations are
//! relative to `/api`.

pub(crate) mod audit;
pub(crate) mod budget;
mod conformance;
pub(crate) mod council;
pub(crate) mod evaluation;
pub(crate) mod goals;
pub(crate) mod opinion;
mod processes;
pub(crate) mod questions;
pub(crate) mod register;

pub use evaluation::ApiEvaluation;

use crate::ctx::Ctx;
use crate::error::AppError;
use crate::AppState;
use axum::response::{IntoResponse, Response};
use axum::routing::get;
use axum::{Json, Router};
use serde::{Deserialize, Serialize};
use std::sync::OnceLock;
use utoipa::{OpenApi, ToSchema};
use utoipa_axum::router::OpenApiRouter;

/// The core API and every module's API (`crate::module::MODULES`), each
/// with its routes and their documentation.
fn declared() -> OpenApiRouter<AppState> {
    let mut api = OpenApiRouter::new()
        .route("/openapi.json", get(openapi))
        .merge(processes::router())
        .merge(audit::router());
    for m in crate::module::MODULES {
        if let Some(router) = m.api {
            api = api.merge(router());
        }
    }
    api.fallback(|| async { AppError::NotFound })
}

/// The API's routes, to be nested under `/api`.
pub fn routes() -> Router<AppState> {
    declared().split_for_parts().0
}

#[derive(OpenApi)]
#[openapi(
    info(title = "teilhabe API", description = "Participatory processes, proposals, supports, comments, answers, opinion maps, participatory budgets (ballots and results), the register of data uses with its data council, questions and objections, impact goals, evaluations and the public audit log of a municipality. Reads are public; writes need an API token created on the profile page (`Authorization: Bearer th_...`). Errors are `application/problem+json` (RFC 9457)."),
    components(schemas(Problem, ProblemField)),
    modifiers(&SecurityAddon)
)]
struct ApiDoc;

/// The token scheme's documentation: scopes, expiry, revocation.
const TOKEN_SCHEME_DOC: &str = "An API token (`th_...`) created on the profile page, sent as `Authorization: Bearer th_...`. Only `/api` accepts tokens; page routes refuse them. Each token has scopes: `read` (always; reads as the person) and, as chosen, `write:proposals` (proposals, supports, comments, answers), `write:opinion` (opinion-map votes), `write:budgets` (ballots), `write:goals` (measurements), `write:questions` (register questions and answers); each operation's security requirement names the scope it needs. A token expires after the chosen 7, 30, 90 (default) or 365 days and is revoked by a password change or reset. A missing scope is 403 (`token-scope`); an unknown, revoked or expired token is 401 with `WWW-Authenticate`.";

struct SecurityAddon;
impl utoipa::Modify for SecurityAddon {
    fn modify(&self, openapi: &mut utoipa::openapi::OpenApi) {
        use utoipa::openapi::security::{HttpAuthScheme, HttpBuilder, SecurityScheme};
        let components = openapi.components.get_or_insert_with(Default::default);
        components.add_security_scheme(
            "token",
            SecurityScheme::Http(
                HttpBuilder::new()
                    .scheme(HttpAuthScheme::Bearer)
                    .description(Some(TOKEN_SCHEME_DOC))
                    .build(),
            ),
        );
    }
}

/// The whole OpenAPI document, generated from the same declarations as
/// the routes (built once).
pub fn openapi_document() -> utoipa::openapi::OpenApi {
    static DOC: OnceLock<utoipa::openapi::OpenApi> = OnceLock::new();
    DOC.get_or_init(|| {
        let mut doc = OpenApiRouter::with_openapi(ApiDoc::openapi())
            .nest("/api", declared())
            .split_for_parts()
            .1;
        conformance::apply(&mut doc);
        doc
    })
    .clone()
}

/// The OpenAPI document of this API.
async fn openapi() -> Response {
    let mut r = Json(openapi_document()).into_response();
    r.headers_mut().insert(
        axum::http::header::CACHE_CONTROL,
        axum::http::HeaderValue::from_static("public, max-age=300"),
    );
    r
}

/// An error (RFC 9457).
#[derive(Serialize, ToSchema)]
pub struct Problem {
    #[serde(rename = "type")]
    pub type_: String,
    pub title: String,
    pub status: u16,
    pub detail: Option<String>,
    pub errors: Option<Vec<ProblemField>>,
}

/// One invalid field.
#[derive(Serialize, ToSchema)]
pub struct ProblemField {
    pub field: String,
    pub reason: String,
    pub code: String,
}

#[derive(Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct NoBody {}

/// The token scope a request to an API path (without `/api`) needs:
/// `read` for reads, `write:<module>` for writes, by the path's module.
/// The list of scopes is `teilhabe_store::accounts::TOKEN_SCOPES`.
pub fn scope_for(method: &axum::http::Method, path: &str) -> &'static str {
    use axum::http::Method;
    if [Method::GET, Method::HEAD, Method::OPTIONS].contains(method) {
        return "read";
    }
    let first = path.trim_start_matches('/').split('/').next().unwrap_or("");
    match first {
        "budgets" => "write:budgets",
        "goals" => "write:goals",
        "register" => "write:questions",
        "processes" if path.split('/').nth(3) == Some("opinion") => "write:opinion",
        "processes" | "proposals" => "write:proposals",
        // No write route elsewhere: the router answers 404 or 405.
        _ => "read",
    }
}

/// Writes without a JSON body still need a token: cookies are not accepted
/// for API writes, so no CSRF token is needed.
pub(crate) fn require_token(ctx: &Ctx) -> Result<(), AppError> {
    if ctx.via_token {
        Ok(())
    } else {
        Err(AppError::Denied(teilhabe_domain::Denied::LoginRequired))
    }
}
