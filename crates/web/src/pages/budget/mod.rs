//! Participatory budgeting pages (issue 5): the budgets of a process, the
//! ballot (works without JavaScript; a small script updates the remaining
//! money live), the receipt, the results with an SVG chart and a table,
//! the exports, and the staff pages for setup, review, paper ballots and
//! publication.
//!
//! One file per page group: `ballot` (overview, ballot, receipt),
//! `results` (the result with its explanations), `export` (downloads),
//! `manage` (staff setup, review and publication) and `paper` (paper
//! ballots).

mod ballot;
mod export;
mod manage;
mod paper;
mod results;

pub use export::result_json;
pub use results::explain;

use crate::ctx::Ctx;
use crate::i18n::{format_int, Lang};
use crate::module::{Host, HostRef, Section, SectionFuture, WebModule};
use crate::AppState;
use axum::response::Response;
use axum::routing::{get, post};
use axum::Router;
use teilhabe_domain::FieldErrors;

pub const BUDGET_JS: &str = include_str!("../../../static/budget.js");

pub fn routes() -> Router<AppState> {
    Router::new()
        .route("/static/budget.js", get(script))
        .route(
            "/processes/{slug}/budgets",
            get(ballot::overview).post(manage::create_budget),
        )
        .route("/processes/{slug}/budgets/manage", get(manage::manage))
        .route("/budgets/{id}", get(ballot::ballot_page))
        .route("/budgets/{id}/ballot", post(ballot::cast))
        .route("/budgets/{id}/results", get(results::results))
        .route("/budgets/{id}/export/{format}", get(export::export))
        .route("/budgets/{id}/settings", post(manage::update_budget))
        .route("/budgets/{id}/projects", post(manage::add_project))
        .route("/budget-projects/{id}/review", post(manage::review))
        .route("/budgets/{id}/publish", post(manage::publish))
        .route(
            "/budgets/{id}/paper",
            get(paper::paper_page).post(paper::paper_entry),
        )
}

async fn script() -> Response {
    super::static_file(BUDGET_JS, "text/javascript; charset=utf-8")
}

/// Field errors translated; amounts (`*_eur` arguments) in the language's
/// number format, so the limit reads "150.000 €".
pub fn error_texts(ctx: &Ctx, fe: &FieldErrors) -> Vec<(String, String)> {
    fe.0.iter()
        .map(|e| {
            let args: Vec<(&str, String)> = e
                .args
                .iter()
                .map(|(k, v)| {
                    if k.ends_with("_eur") {
                        (*k, euro(v.parse().unwrap_or(0), ctx.lang))
                    } else {
                        (*k, v.clone())
                    }
                })
                .collect();
            (
                e.field.to_string(),
                ctx.state.i18n.t(ctx.lang, e.key, &args),
            )
        })
        .collect()
}

fn euro(v: i64, lang: Lang) -> String {
    format!("{}\u{a0}€", format_int(v, lang))
}

/// Participatory budgeting's pages and API.
pub const MODULE: WebModule = WebModule {
    name: "budget",
    pages: routes,
    api: Some(crate::api::budget::router),
    sections: &[Section {
        host: Host::ProcessPhases,
        template: "budget/process_part.html",
        load: process_section,
    }],
};

/// The link to the budgets (`budget_process_part.html` reads the process).
fn process_section<'a>(_: &'a Ctx, of: HostRef<'a>) -> SectionFuture<'a> {
    Box::pin(async move { Ok(matches!(of, HostRef::Process(_)).then(|| minijinja::context! {})) })
}
