//! Opinion map pages: voting one statement at a time, adding statements
//! (`vote.rs`), the results with a server-rendered SVG map (`results.rs`),
//! and the staff page: settings, seed statements, moderation, paper
//! questionnaires, export (`manage.rs`).

mod manage;
mod results;
mod vote;

use crate::ctx::{Ctx, VOTER_COOKIE};
use crate::error::AppResult;
use crate::module::{Host, HostRef, Section, SectionFuture, WebModule};
use crate::render::set_cookie;
use crate::AppState;
use axum::response::Response;
use axum::routing::{get, post};
use axum::Router;
use serde::Deserialize;
use teilhabe_domain::permission::Action;
use teilhabe_domain::process::Form;
use teilhabe_store::opinion::{OpinionMap, OpinionRights, VoterId};
use teilhabe_store::processes::Process;

pub const OPINION_JS: &str = include_str!("../../../static/opinion.js");

pub fn routes() -> Router<AppState> {
    Router::new()
        .route("/static/opinion.js", get(script))
        .route("/processes/{slug}/opinion", get(vote::vote_page))
        .route("/processes/{slug}/opinion/vote", post(vote::vote))
        .route(
            "/processes/{slug}/opinion/statements",
            post(vote::submit_statement),
        )
        .route(
            "/processes/{slug}/opinion/results",
            get(results::results_page),
        )
        .route("/processes/{slug}/opinion/manage", get(manage::manage_page))
        .route(
            "/processes/{slug}/opinion/settings",
            post(manage::save_settings),
        )
        .route("/processes/{slug}/opinion/seed", post(manage::add_seed))
        .route(
            "/processes/{slug}/opinion/paper",
            post(manage::record_paper),
        )
        .route(
            "/processes/{slug}/opinion/export/{file}",
            get(manage::export_file),
        )
        .route("/opinion-statements/{id}/moderate", post(manage::moderate))
}

async fn script() -> Response {
    super::static_file(OPINION_JS, "text/javascript; charset=utf-8")
}

/// The process, its opinion map and what the reader may do there.
struct MapPage {
    process: Process,
    map: OpinionMap,
    can: OpinionRights,
}

/// Loads a [`MapPage`]; with `need`, refused unless the reader may do
/// that action.
async fn map_page(ctx: &Ctx, slug: &str, need: Option<Action>) -> AppResult<MapPage> {
    let (process, map, can) = ctx
        .state
        .store
        .opinion()
        .map_page(&ctx.tenant, &ctx.actor, slug, need)
        .await?;
    Ok(MapPage { process, map, can })
}

/// A process has an opinion map once staff set one up or a phase enables it.
fn has_map(process: &Process, map: &OpinionMap) -> bool {
    map.exists
        || process.phases.iter().any(|p| {
            p.forms
                .contains(&teilhabe_domain::process::Form::OpinionMap)
        })
}

/// The voter behind a request: the account if logged in, else the browser
/// id cookie (created on the first vote).
fn voter_of(ctx: &Ctx) -> Option<VoterId> {
    match ctx.user_id() {
        Some(id) => Some(VoterId::User(id)),
        None => ctx.voter_cookie.clone().map(VoterId::Browser),
    }
}

/// Like [`voter_of`], creating a browser id for a first-time visitor; the
/// second value is the cookie to set.
fn voter_or_new(ctx: &Ctx) -> (VoterId, Option<String>) {
    match voter_of(ctx) {
        Some(v) => (v, None),
        None => {
            let token = crate::csrf::issue_voter_id(&ctx.state.csrf_secret);
            (VoterId::Browser(token.clone()), Some(token))
        }
    }
}

/// Stores `voter`'s vote on a statement of the process's opinion map (the
/// page and the API).
pub(crate) async fn cast_vote(
    ctx: &Ctx,
    slug: &str,
    voter: &VoterId,
    statement_id: i64,
    vote: teilhabe_domain::opinion::OpinionVote,
) -> AppResult<()> {
    ctx.state
        .store
        .opinion()
        .vote(&ctx.tenant, &ctx.actor, slug, voter, statement_id, vote)
        .await?;
    Ok(())
}

fn with_voter_cookie(mut resp: Response, ctx: &Ctx, new_cookie: Option<String>) -> Response {
    if let Some(token) = new_cookie {
        set_cookie(&mut resp, &ctx.state, VOTER_COOKIE, &token, Some(365));
    }
    resp
}

#[derive(Deserialize)]
pub(super) struct StatementForm {
    #[serde(default)]
    body: String,
}

/// The opinion map's pages and API.
pub const MODULE: WebModule = WebModule {
    name: "opinion",
    pages: routes,
    api: Some(crate::api::opinion::router),
    sections: &[Section {
        host: Host::ProcessPage,
        template: "opinion/process_part.html",
        load: process_section,
    }],
};

/// `has_opinion_map` and `opinion_open` for `opinion_process_part.html`.
fn process_section<'a>(_: &'a Ctx, of: HostRef<'a>) -> SectionFuture<'a> {
    Box::pin(async move {
        let HostRef::Process(process) = of else {
            return Ok(None);
        };
        Ok(Some(minijinja::context! {
            has_opinion_map => process.offers(Form::OpinionMap),
            opinion_open => process.facts().form_open(Form::OpinionMap),
        }))
    })
}
