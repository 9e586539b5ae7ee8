//! Opinion map pages: voting one statement at a time, adding statements,
//! the results (server-rendered SVG map), and the staff page (settings,
//! seed statements, moderation, paper questionnaires, export).

use crate::ctx::{Ctx, Post, VOTER_COOKIE};
use crate::error::{AppError, AppResult};
use crate::render::{error_map, page, page_with_status, see_other, set_cookie, with_notice};
use crate::AppState;
use axum::extract::{Path, Query};
use axum::http::{header, HeaderValue, StatusCode};
use axum::response::{IntoResponse, Response};
use axum::routing::{get, post};
use axum::Router;
use serde::{Deserialize, Serialize};
use teilhabe_domain::opinion::{parse_settings, Moderation, OpinionVote, StatementState, Voters};
use teilhabe_domain::permission::{decide, Action, Target};
use teilhabe_domain::FieldErrors;
use teilhabe_store::opinion::{AnalysisResult, OpinionMap, Statement, StoredResult, VoterId};
use teilhabe_store::processes::Process;
use teilhabe_store::StoreError;

pub const OPINION_JS: &str = include_str!("../../static/opinion.js");

pub fn routes() -> Router<AppState> {
    Router::new()
        .route("/static/opinion.js", get(script))
        .route("/processes/{slug}/opinion", get(vote_page))
        .route("/processes/{slug}/opinion/vote", post(vote))
        .route(
            "/processes/{slug}/opinion/statements",
            post(submit_statement),
        )
        .route("/processes/{slug}/opinion/results", get(results_page))
        .route("/processes/{slug}/opinion/manage", get(manage_page))
        .route("/processes/{slug}/opinion/settings", post(save_settings))
        .route("/processes/{slug}/opinion/seed", post(add_seed))
        .route("/processes/{slug}/opinion/paper", post(record_paper))
        .route("/processes/{slug}/opinion/export/{file}", get(export_file))
        .route("/opinion-statements/{id}/moderate", post(moderate))
}

async fn script() -> Response {
    let mut r = OPINION_JS.into_response();
    r.headers_mut().insert(
        header::CONTENT_TYPE,
        HeaderValue::from_static("text/javascript; charset=utf-8"),
    );
    r.headers_mut().insert(
        header::CACHE_CONTROL,
        HeaderValue::from_static("public, max-age=3600"),
    );
    r
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

fn with_voter_cookie(mut resp: Response, ctx: &Ctx, new_cookie: Option<String>) -> Response {
    if let Some(token) = new_cookie {
        set_cookie(&mut resp, &ctx.state, VOTER_COOKIE, &token, Some(365));
    }
    resp
}

#[derive(Deserialize, Default)]
struct VoteQuery {
    /// Show this statement (to change a vote) instead of the next one.
    statement: Option<i64>,
}

async fn vote_page(ctx: Ctx, Path(slug): Path<String>, Query(q): Query<VoteQuery>) -> AppResult {
    let (process, map) = ctx
        .state
        .store
        .opinion()
        .process_map(&ctx.tenant, &ctx.actor, &slug)
        .await?;
    render_vote_page(&ctx, &process, &map, q.statement, "", None, StatusCode::OK).await
}

#[allow(clippy::too_many_arguments)]
async fn render_vote_page(
    ctx: &Ctx,
    process: &Process,
    map: &OpinionMap,
    chosen: Option<i64>,
    draft: &str,
    errors: Option<&FieldErrors>,
    status: StatusCode,
) -> AppResult {
    let store = &ctx.state.store;
    if !has_map(process, map) {
        return Err(AppError::NotFound);
    }
    let facts = process.facts();
    let target = map.target(&facts);
    let can_vote = decide(&ctx.actor, Action::VoteOpinion, &target);
    let can_submit = decide(&ctx.actor, Action::SubmitStatement, &target).is_ok();
    let can_manage = decide(&ctx.actor, Action::ModerateStatements, &target).is_ok();
    let voter = voter_of(ctx);
    let ballot = store
        .opinion()
        .ballot(&ctx.tenant, map, voter.as_ref())
        .await?;
    let current = match chosen {
        Some(id) => Some(
            ballot
                .statements
                .iter()
                .find(|s| s.id == id)
                .cloned()
                .ok_or(AppError::NotFound)?,
        ),
        None => ballot.next.clone(),
    };
    let position = current
        .as_ref()
        .map(|c| {
            if c.my_vote.is_some() {
                ballot.voted
            } else {
                ballot.voted + 1
            }
        })
        .unwrap_or(ballot.voted);
    let voted: Vec<&Statement> = ballot
        .statements
        .iter()
        .filter(|s| s.my_vote.is_some())
        .collect();
    let errs = errors.map(|e| error_map(ctx, e)).unwrap_or_default();
    page_with_status(
        ctx,
        "opinion_vote.html",
        minijinja::context! {
            process, map, current, position,
            total => ballot.total, voted_count => ballot.voted, voted,
            can_vote => can_vote.is_ok(),
            vote_denied => can_vote.err().map(|d| d.message_key()),
            can_submit, can_manage, draft, errors => errs,
            pre_moderation => map.settings.moderation == Moderation::Pre,
            votes => OpinionVote::ALL.iter().map(|v| v.as_str()).collect::<Vec<_>>(),
        },
        status,
    )
}

#[derive(Deserialize)]
struct VoteForm {
    statement_id: i64,
    vote: String,
    /// Where to go next: the results page after the last statement, or back
    /// to the voting page.
    #[serde(default)]
    back: String,
}

async fn vote(Path(slug): Path<String>, Post { ctx, form, .. }: Post<VoteForm>) -> AppResult {
    let vote = OpinionVote::parse(&form.vote)
        .ok_or_else(|| AppError::BadRequest("error-opinion-vote", form.vote.clone()))?;
    let (voter, new_cookie) = voter_or_new(&ctx);
    if new_cookie.is_some() {
        // Votes themselves are not limited (people vote quickly), but new
        // anonymous identities are, so a script cannot vote as a crowd.
        ctx.limit(&ctx.state.limits.contribute, "opinion-voter")?;
    }
    ctx.state
        .store
        .opinion()
        .vote(
            &ctx.tenant,
            &ctx.actor,
            &slug,
            &voter,
            form.statement_id,
            vote,
        )
        .await?;
    let to = if form.back == "list" {
        format!("/processes/{slug}/opinion#my-votes")
    } else {
        format!("/processes/{slug}/opinion")
    };
    Ok(with_voter_cookie(
        see_other(&with_notice(&to, "notice-opinion-voted")),
        &ctx,
        new_cookie,
    ))
}

#[derive(Deserialize)]
struct StatementForm {
    #[serde(default)]
    body: String,
}

async fn submit_statement(
    Path(slug): Path<String>,
    Post { ctx, form, .. }: Post<StatementForm>,
) -> AppResult {
    let store = &ctx.state.store;
    let (process, map) = store
        .opinion()
        .process_map(&ctx.tenant, &ctx.actor, &slug)
        .await?;
    ctx.limit(&ctx.state.limits.contribute, "contribute")?;
    let (voter, new_cookie) = voter_or_new(&ctx);
    match store
        .opinion()
        .submit_statement(&ctx.tenant, &ctx.actor, &slug, &voter, &form.body)
        .await
    {
        Ok(_) => {
            let notice = if map.settings.moderation == Moderation::Pre {
                "notice-opinion-statement-pending"
            } else {
                "notice-opinion-statement-added"
            };
            Ok(with_voter_cookie(
                see_other(&with_notice(&format!("/processes/{slug}/opinion"), notice)),
                &ctx,
                new_cookie,
            ))
        }
        Err(StoreError::Invalid(e)) => {
            render_vote_page(
                &ctx,
                &process,
                &map,
                None,
                &form.body,
                Some(&e),
                StatusCode::UNPROCESSABLE_ENTITY,
            )
            .await
        }
        Err(e) => Err(e.into()),
    }
}

/// Colours for groups A–E: the Okabe–Ito palette, distinguishable with
/// common colour-vision deficiencies; each group also has its own marker
/// shape, so colour is never the only cue.
const GROUP_COLOURS: [&str; 5] = ["#0072B2", "#D55E00", "#009E73", "#CC79A7", "#8C6D00"];
const MAP_W: f64 = 640.0;
const MAP_H: f64 = 400.0;
const PAD: f64 = 24.0;
/// At most this many points are drawn (every n-th participant beyond);
/// groups' sizes and the text alternative always count everyone.
const MAX_POINTS: usize = 3000;

#[derive(Serialize)]
struct Bar {
    x: f64,
    y: f64,
    w: f64,
    h: f64,
}

#[derive(Serialize)]
struct Point {
    x: f64,
    y: f64,
    group: Option<usize>,
    me: bool,
}

#[derive(Serialize)]
struct GroupView {
    id: usize,
    letter: String,
    colour: &'static str,
    size: usize,
    share: f64,
    label_x: f64,
    label_y: f64,
    representative: Vec<RepView>,
}

#[derive(Serialize)]
struct RepView {
    body: String,
    direction: String,
    inside: f64,
    outside: f64,
    votes: u64,
}

#[derive(Serialize)]
struct SharedView {
    body: String,
    direction: String,
    groups: Vec<(String, f64)>,
}

fn letter(g: usize) -> String {
    ((b'A' + (g as u8).min(25)) as char).to_string()
}

/// Scales PCA positions into the SVG's box; y grows downwards in SVG.
fn layout(
    result: &AnalysisResult,
    me: Option<i64>,
    bodies: &std::collections::HashMap<i64, String>,
) -> (Vec<Point>, Vec<GroupView>, usize) {
    let pts = &result.points;
    let (mut min_x, mut max_x, mut min_y, mut max_y) = (f64::MAX, f64::MIN, f64::MAX, f64::MIN);
    for p in pts {
        min_x = min_x.min(p.1);
        max_x = max_x.max(p.1);
        min_y = min_y.min(p.2);
        max_y = max_y.max(p.2);
    }
    let span_x = (max_x - min_x).max(1e-9);
    let span_y = (max_y - min_y).max(1e-9);
    let sx = |x: f64| PAD + (x - min_x) / span_x * (MAP_W - 2.0 * PAD);
    let sy = |y: f64| MAP_H - PAD - (y - min_y) / span_y * (MAP_H - 2.0 * PAD);
    let step = pts.len().div_ceil(MAX_POINTS).max(1);
    let mut points: Vec<Point> = pts
        .iter()
        .enumerate()
        .filter(|(i, p)| i % step == 0 || Some(p.0) == me)
        .map(|(_, p)| Point {
            x: (sx(p.1) * 10.0).round() / 10.0,
            y: (sy(p.2) * 10.0).round() / 10.0,
            group: p.3,
            me: Some(p.0) == me,
        })
        .collect();
    // The participant's own point last, so it is drawn on top.
    points.sort_by_key(|p| p.me);
    let drawn = points.len();
    let total: usize = result.groups.iter().map(|g| g.size).sum::<usize>().max(1);
    let groups = result
        .groups
        .iter()
        .map(|g| {
            let members: Vec<_> = pts.iter().filter(|p| p.3 == Some(g.id)).collect();
            let n = members.len().max(1) as f64;
            let cx = members.iter().map(|p| p.1).sum::<f64>() / n;
            let cy = members.iter().map(|p| p.2).sum::<f64>() / n;
            GroupView {
                id: g.id,
                letter: letter(g.id),
                colour: GROUP_COLOURS[g.id % GROUP_COLOURS.len()],
                size: g.size,
                share: g.size as f64 / total as f64,
                label_x: sx(cx).clamp(40.0, MAP_W - 40.0),
                label_y: sy(cy).clamp(20.0, MAP_H - 12.0),
                representative: g
                    .representative
                    .iter()
                    .map(|r| RepView {
                        body: bodies.get(&r.statement_id).cloned().unwrap_or_default(),
                        direction: r.direction.clone(),
                        inside: if r.direction == "agree" {
                            r.inside.agree
                        } else {
                            r.inside.disagree
                        },
                        outside: if r.direction == "agree" {
                            r.outside.agree
                        } else {
                            r.outside.disagree
                        },
                        votes: r.inside.votes,
                    })
                    .collect(),
            }
        })
        .collect();
    (points, groups, drawn)
}

async fn results_page(ctx: Ctx, Path(slug): Path<String>) -> AppResult {
    let store = &ctx.state.store;
    let (process, map) = store
        .opinion()
        .process_map(&ctx.tenant, &ctx.actor, &slug)
        .await?;
    if !has_map(&process, &map) {
        return Err(AppError::NotFound);
    }
    let facts = process.facts();
    let can_manage = decide(&ctx.actor, Action::ModerateStatements, &map.target(&facts)).is_ok();
    let can_vote = decide(&ctx.actor, Action::VoteOpinion, &map.target(&facts)).is_ok();
    let stored: Option<StoredResult> = store.opinion().result(process.id).await?;
    let me = match voter_of(&ctx) {
        Some(v) => store.opinion().participant_id(process.id, &v).await?,
        None => None,
    };
    let statements = store
        .opinion()
        .statements(&ctx.tenant, &map, false, None)
        .await?;
    let bodies: std::collections::HashMap<i64, String> =
        statements.iter().map(|s| (s.id, s.body.clone())).collect();
    let timeline = store.opinion().timeline(process.id).await?;
    let max_day = timeline.iter().map(|d| d.votes).max().unwrap_or(0).max(1) as f64;
    let bar_w = 640.0 / timeline.len().max(1) as f64;
    let bars: Vec<Bar> = timeline
        .iter()
        .enumerate()
        .map(|(i, d)| {
            let h = (110.0 * d.votes as f64 / max_day * 10.0).round() / 10.0;
            Bar {
                x: (i as f64 * bar_w * 10.0).round() / 10.0 + 1.0,
                y: 118.0 - h,
                w: (bar_w - 2.0).max(1.0),
                h,
            }
        })
        .collect();
    let result = stored.as_ref().and_then(|s| s.result.as_ref());
    let (points, groups, drawn) = match result {
        Some(r) if r.grouped => layout(r, me, &bodies),
        _ => (Vec::new(), Vec::new(), 0),
    };
    let my_group = result.and_then(|r| {
        let me = me?;
        r.points.iter().find(|p| p.0 == me).and_then(|p| p.3)
    });
    let group_letters: Vec<String> = groups.iter().map(|g| g.letter.clone()).collect();
    let shared = |list: Vec<(i64, String, Vec<f64>)>| -> Vec<SharedView> {
        list.into_iter()
            .map(|(id, direction, shares)| SharedView {
                body: bodies.get(&id).cloned().unwrap_or_default(),
                direction,
                groups: group_letters.iter().cloned().zip(shares).collect(),
            })
            .collect()
    };
    let consensus = shared(
        result
            .map(|r| {
                r.consensus
                    .iter()
                    .map(|c| {
                        let shares = c
                            .groups
                            .iter()
                            .map(|s| {
                                if c.direction == "agree" {
                                    s.agree
                                } else {
                                    s.disagree
                                }
                            })
                            .collect();
                        (c.statement_id, c.direction.clone(), shares)
                    })
                    .collect()
            })
            .unwrap_or_default(),
    );
    let divisive = shared(
        result
            .map(|r| {
                r.divisive
                    .iter()
                    .map(|d| {
                        (
                            d.statement_id,
                            "agree".to_string(),
                            d.groups.iter().map(|s| s.agree).collect(),
                        )
                    })
                    .collect()
            })
            .unwrap_or_default(),
    );
    let mut by_votes: Vec<&Statement> = statements.iter().collect();
    by_votes.sort_by_key(|s| std::cmp::Reverse(s.votes()));
    let pending = match &stored {
        Some(s) => s.pending(map.revision),
        None => map.revision > 0 && map.vote_count > 0,
    };
    page(
        &ctx,
        "opinion_results.html",
        minijinja::context! {
            process, map, stored, result, points, groups, drawn,
            my_group => my_group.map(letter),
            consensus, divisive, statements => by_votes,
            timeline, bars, pending, can_manage, can_vote,
            width => MAP_W, height => MAP_H,
        },
    )
}

async fn manage_page(ctx: Ctx, Path(slug): Path<String>) -> AppResult {
    let store = &ctx.state.store;
    let (process, map) = store
        .opinion()
        .process_map(&ctx.tenant, &ctx.actor, &slug)
        .await?;
    render_manage(&ctx, &process, &map, None, "", StatusCode::OK).await
}

async fn render_manage(
    ctx: &Ctx,
    process: &Process,
    map: &OpinionMap,
    errors: Option<&FieldErrors>,
    draft: &str,
    status: StatusCode,
) -> AppResult {
    let store = &ctx.state.store;
    let facts = process.facts();
    decide(&ctx.actor, Action::ModerateStatements, &map.target(&facts))?;
    let can_configure = decide(&ctx.actor, Action::ManageOpinionMap, &map.target(&facts)).is_ok();
    let can_record = decide(&ctx.actor, Action::RecordOffline, &Target::Process(&facts)).is_ok();
    let statements = store
        .opinion()
        .statements(&ctx.tenant, map, true, None)
        .await?;
    let shown: Vec<&Statement> = statements
        .iter()
        .filter(|s| s.state.shown(map.settings.moderation))
        .collect();
    let stored = store.opinion().result(process.id).await?;
    let form_enabled = process.phases.iter().any(|p| {
        p.forms
            .contains(&teilhabe_domain::process::Form::OpinionMap)
    });
    let errs = errors.map(|e| error_map(ctx, e)).unwrap_or_default();
    page_with_status(
        ctx,
        "opinion_manage.html",
        minijinja::context! {
            process, map, statements, shown, stored, can_record, can_configure, form_enabled,
            errors => errs, draft,
            voters_options => Voters::ALL.iter().map(|v| v.as_str()).collect::<Vec<_>>(),
            moderation_options => Moderation::ALL.iter().map(|v| v.as_str()).collect::<Vec<_>>(),
            votes => OpinionVote::ALL.iter().map(|v| v.as_str()).collect::<Vec<_>>(),
            files => ["comments.csv", "votes.csv", "participants-votes.csv", "summary.csv"],
        },
        status,
    )
}

/// The staff page again, with the errors of a refused form (422).
async fn manage_with_errors(ctx: &Ctx, slug: &str, errors: &FieldErrors, draft: &str) -> AppResult {
    let (process, map) = ctx
        .state
        .store
        .opinion()
        .process_map(&ctx.tenant, &ctx.actor, slug)
        .await?;
    render_manage(
        ctx,
        &process,
        &map,
        Some(errors),
        draft,
        StatusCode::UNPROCESSABLE_ENTITY,
    )
    .await
}

#[derive(Deserialize)]
struct SettingsForm {
    #[serde(default)]
    voters: String,
    #[serde(default)]
    participant_statements: String,
    #[serde(default)]
    moderation: String,
}

async fn save_settings(
    Path(slug): Path<String>,
    Post { ctx, form, .. }: Post<SettingsForm>,
) -> AppResult {
    let store = &ctx.state.store;
    let settings = match parse_settings(
        &form.voters,
        form.participant_statements == "1",
        &form.moderation,
    ) {
        Ok(s) => s,
        Err(e) => return manage_with_errors(&ctx, &slug, &e, "").await,
    };
    store
        .opinion()
        .save_settings(&ctx.tenant, &ctx.actor, &slug, &settings)
        .await?;
    Ok(see_other(&with_notice(
        &format!("/processes/{slug}/opinion/manage"),
        "notice-saved",
    )))
}

async fn add_seed(
    Path(slug): Path<String>,
    Post { ctx, form, .. }: Post<StatementForm>,
) -> AppResult {
    let store = &ctx.state.store;
    match store
        .opinion()
        .add_seed_statement(&ctx.tenant, &ctx.actor, &slug, &form.body)
        .await
    {
        Ok(_) => Ok(see_other(&with_notice(
            &format!("/processes/{slug}/opinion/manage#statements"),
            "notice-opinion-statement-added",
        ))),
        Err(StoreError::Invalid(e)) => manage_with_errors(&ctx, &slug, &e, &form.body).await,
        Err(e) => Err(e.into()),
    }
}

#[derive(Deserialize)]
struct ModerateForm {
    state: String,
}

async fn moderate(Path(id): Path<i64>, Post { ctx, form, .. }: Post<ModerateForm>) -> AppResult {
    let state = StatementState::parse(&form.state)
        .ok_or_else(|| AppError::BadRequest("error-invalid-choice", form.state.clone()))?;
    let store = &ctx.state.store;
    let slug = store
        .opinion()
        .moderate_statement(&ctx.tenant, &ctx.actor, id, state)
        .await?;
    Ok(see_other(&with_notice(
        &format!("/processes/{slug}/opinion/manage#statements"),
        "notice-saved",
    )))
}

#[derive(Deserialize)]
struct PaperForm {
    #[serde(default)]
    label: String,
}

/// A paper questionnaire: `label` plus one `vote-<statement id>` field per
/// statement (empty = no answer on paper).
async fn record_paper(
    Path(slug): Path<String>,
    Post { ctx, form, pairs }: Post<PaperForm>,
) -> AppResult {
    let store = &ctx.state.store;
    let mut votes = Vec::new();
    let mut errors = FieldErrors::new();
    for (k, v) in &pairs {
        let Some(id) = k.strip_prefix("vote-") else {
            continue;
        };
        if v.is_empty() {
            continue;
        }
        match (id.parse::<i64>(), OpinionVote::parse(v)) {
            (Ok(id), Some(vote)) => votes.push((id, vote)),
            _ => errors.add("votes", "error-opinion-vote"),
        }
    }
    let result = match errors.into_result() {
        Ok(()) => {
            store
                .opinion()
                .record_questionnaire(&ctx.tenant, &ctx.actor, &slug, &form.label, &votes)
                .await
        }
        Err(e) => Err(StoreError::Invalid(e)),
    };
    match result {
        Ok(_) => Ok(see_other(&with_notice(
            &format!("/processes/{slug}/opinion/manage#paper"),
            "notice-opinion-paper-recorded",
        ))),
        Err(StoreError::Invalid(e)) => manage_with_errors(&ctx, &slug, &e, "").await,
        Err(e) => Err(e.into()),
    }
}

async fn export_file(ctx: Ctx, Path((slug, file)): Path<(String, String)>) -> AppResult {
    let store = &ctx.state.store;
    let (process, map) = store
        .opinion()
        .process_map(&ctx.tenant, &ctx.actor, &slug)
        .await?;
    let facts = process.facts();
    decide(&ctx.actor, Action::ManageOpinionMap, &map.target(&facts))?;
    if !map.exists {
        return Err(AppError::NotFound);
    }
    let files = store.opinion().polis_files(&ctx.tenant, &process).await?;
    let (name, bytes) = files
        .into_iter()
        .find(|(n, _)| *n == file)
        .ok_or(AppError::NotFound)?;
    let mut r = bytes.into_response();
    r.headers_mut().insert(
        header::CONTENT_TYPE,
        HeaderValue::from_static("text/csv; charset=utf-8"),
    );
    if let Ok(v) = HeaderValue::from_str(&format!(
        "attachment; filename=\"{}-{}\"",
        process.slug, name
    )) {
        r.headers_mut().insert(header::CONTENT_DISPOSITION, v);
    }
    Ok(r)
}
