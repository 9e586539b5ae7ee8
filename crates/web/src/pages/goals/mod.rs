//! Impact goals (Wirkungsziele): the public dashboard, the goal page with
//! an accessible SVG chart and a data table per indicator, and the staff
//! pages to create and edit goals and indicators, enter, import, export
//! and compute measurements. Rules and checks live in the store and the
//! `teilhabe-register` crate; these handlers parse, call, render.
//!
//! - `view`: the dashboard, a goal's page and its CSV download;
//! - `edit`: the goal form (create, edit);
//! - `manage`: the staff page of a goal's measurements (enter, delete,
//!   compute, import);
//! - `indicators`: the indicator form (create, edit, delete).
//!
//! This file holds the routes and what the parts share: cards, lines,
//! number and date formats, error lists and id parsing.

mod edit;
mod indicators;
mod manage;
mod view;

use crate::chart::{format_date, format_number, NumberFormat};
pub(crate) use view::export_csv;

use crate::ctx::Ctx;
use crate::error::{AppError, AppResult};
use crate::i18n::Lang;
use crate::module::{BoxFuture, Host, HostRef, Section, WebModule};
use crate::params::parse_id;
use crate::render;
use crate::render::{see_other, with_notice};
use crate::AppState;
use axum::http::{header, HeaderValue, StatusCode};
use axum::response::{IntoResponse, Response};
use axum::routing::{get, post};
use axum::Router;
use serde::{Deserialize, Serialize};
use teilhabe_domain::goals::input::Computation;
use teilhabe_domain::FieldErrors;
use teilhabe_store::goals::{GoalData, IndicatorData};

pub fn routes() -> Router<AppState> {
    Router::new()
        .route("/goals", get(view::dashboard).post(edit::create))
        .route("/goals/new", get(edit::new_form))
        .route("/goals/{slug}", get(view::goal_page))
        .route("/goals/{slug}/edit", get(edit::edit_form).post(edit::save))
        .route("/goals/{slug}/manage", get(manage::manage))
        .route("/goals/{slug}/measurements.csv", get(view::export_csv))
        .route("/goals/{slug}/import", post(manage::import_csv))
        .route(
            "/goals/{slug}/indicators",
            post(indicators::create_indicator),
        )
        .route(
            "/goals/{slug}/indicators/new",
            get(indicators::new_indicator),
        )
        .route(
            "/goals/{slug}/indicators/{id}/edit",
            get(indicators::edit_indicator).post(indicators::save_indicator),
        )
        .route(
            "/goals/{slug}/indicators/{id}/measurements",
            post(manage::add_measurement),
        )
        .route(
            "/goals/{slug}/indicators/{id}/compute",
            post(manage::compute),
        )
        .route(
            "/goals/{slug}/indicators/{id}/delete",
            post(indicators::delete_indicator),
        )
        .route(
            "/goals/{slug}/measurements/{id}/delete",
            post(manage::delete_measurement),
        )
}

fn number_format(lang: Lang) -> NumberFormat {
    if lang == Lang::De {
        NumberFormat::German
    } else {
        NumberFormat::English
    }
}

/// A value with up to two decimals in the visitor's format.
fn num(ctx: &Ctx, v: f64) -> String {
    format_number(v, 2, number_format(ctx.lang))
}

/// An ISO date in the visitor's format.
fn day(ctx: &Ctx, iso: &str) -> String {
    match teilhabe_domain::register::entry::parse_date(iso) {
        Some(d) => format_date(d, number_format(ctx.lang)),
        None => iso.to_string(),
    }
}

/// One indicator as cards and lists show it.
#[derive(Serialize)]
pub struct IndicatorLine {
    id: i64,
    key: String,
    name: String,
    unit: String,
    state: &'static str,
    state_key: &'static str,
    direction_key: String,
    baseline: String,
    baseline_date: String,
    target: String,
    target_date: String,
    latest: Option<String>,
    latest_date: Option<String>,
    projected: Option<String>,
    data_source: String,
    /// The data source is a link.
    source_is_url: bool,
    computation_key: Option<String>,
    computation_process: Option<i64>,
    count: usize,
}

/// A goal as the dashboard and linked pages show it.
#[derive(Serialize)]
pub struct GoalCard {
    slug: String,
    statement: String,
    description: String,
    department: Option<String>,
    state: &'static str,
    state_key: &'static str,
    achieved: usize,
    on_track: usize,
    off_track: usize,
    no_data: usize,
    indicators: Vec<IndicatorLine>,
}

fn line(ctx: &Ctx, i: &IndicatorData) -> IndicatorLine {
    let x = &i.indicator;
    IndicatorLine {
        id: x.id,
        key: x.key.clone(),
        name: x.name.clone(),
        unit: x.unit.clone(),
        state: i.state.as_str(),
        state_key: i.state.label_key(),
        direction_key: format!("goal-direction-{}", x.direction),
        baseline: num(ctx, x.baseline_value),
        baseline_date: day(ctx, &x.baseline_date),
        target: num(ctx, x.target_value),
        target_date: day(ctx, &x.target_date),
        latest: i.latest.as_ref().map(|m| num(ctx, m.value)),
        latest_date: i.latest.as_ref().map(|m| day(ctx, &m.date)),
        projected: i
            .projected_at_target
            .map(|v| format_number(v, 1, number_format(ctx.lang))),
        source_is_url: x.data_source.starts_with("https://")
            || x.data_source.starts_with("http://"),
        data_source: x.data_source.clone(),
        computation_key: Computation::parse(&x.computation).map(|c| c.label_key()),
        computation_process: x.computation_process_id,
        count: i.measurements.len(),
    }
}

/// Cards of goals (the dashboard, and the goals linked to a process or a
/// register entry).
pub fn cards(ctx: &Ctx, goals: &[GoalData]) -> Vec<GoalCard> {
    goals
        .iter()
        .map(|g| GoalCard {
            slug: g.goal.slug.clone(),
            statement: g.goal.statement.clone(),
            description: g.goal.description.clone(),
            department: g.goal.department_name.clone(),
            state: g.summary.overall.as_str(),
            state_key: g.summary.overall.label_key(),
            achieved: g.summary.achieved,
            on_track: g.summary.on_track,
            off_track: g.summary.off_track,
            no_data: g.summary.no_data,
            indicators: g.indicators.iter().map(|i| line(ctx, i)).collect(),
        })
        .collect()
}

/// A translated error with the label of its field, in form order.
#[derive(Serialize)]
struct ErrorView {
    /// The id of the input (`field-statement`).
    id: String,
    label_key: String,
    message: String,
}

fn error_views(ctx: &Ctx, fe: &FieldErrors, order: &[&str], id_prefix: &str) -> Vec<ErrorView> {
    render::error_views(ctx, fe, order, |f| format!("goal-field-{f}"))
        .into_iter()
        .map(|e| ErrorView {
            id: format!("{id_prefix}{}", e.field),
            label_key: e.label_key,
            message: e.message,
        })
        .collect()
}

const GOAL_FIELDS: &[&str] = &[
    "statement",
    "description",
    "department_id",
    "process_ids",
    "entry_ids",
];
const INDICATOR_FIELDS: &[&str] = &[
    "key",
    "name",
    "unit",
    "direction",
    "baseline_value",
    "baseline_date",
    "target_value",
    "target_date",
    "data_source",
    "computation",
    "computation_process_id",
];
const MEASUREMENT_FIELDS: &[&str] = &["date", "value", "note"];

fn parse_opt_id(s: &str, name: &str) -> Result<Option<i64>, AppError> {
    match s.trim() {
        "" => Ok(None),
        t => t
            .parse::<i64>()
            .map(Some)
            .map_err(|_| AppError::BadRequest("error-id", format!("{name}: {t}"))),
    }
}

#[derive(Deserialize, Default)]
pub(super) struct Empty {}

/// A form page after a failed submission: its errors and status (`None`:
/// the form as first shown).
type Failed<'a> = Option<(&'a FieldErrors, StatusCode)>;

/// The errors and status of a form page.
fn split(failed: Failed<'_>) -> (Option<&FieldErrors>, StatusCode) {
    match failed {
        Some((e, status)) => (Some(e), status),
        None => (None, StatusCode::OK),
    }
}

/// Deletes the thing with the path's `id` by `delete` (true: deleted,
/// false: it was gone already) and goes back to the goal's manage page
/// with `notices[0]` or `notices[1]`.
async fn delete_then_back(
    slug: &str,
    id: &str,
    notices: [&str; 2],
    delete: impl AsyncFnOnce(i64) -> Result<bool, teilhabe_store::StoreError>,
) -> AppResult {
    let deleted = delete(parse_id(id)?).await?;
    let notice = if deleted { notices[0] } else { notices[1] };
    Ok(see_other(&with_notice(
        &format!("/goals/{slug}/manage"),
        notice,
    )))
}

/// A CSV download named after the goal.
pub fn csv_response(slug: &str, csv: String) -> Response {
    let mut r = csv.into_response();
    r.headers_mut().insert(
        header::CONTENT_TYPE,
        HeaderValue::from_static("text/csv; charset=utf-8"),
    );
    if let Ok(v) = HeaderValue::from_str(&format!("attachment; filename=\"messwerte-{slug}.csv\""))
    {
        r.headers_mut().insert(header::CONTENT_DISPOSITION, v);
    }
    r
}

/// The goals section of a process page (`goals/part.html`).
pub async fn for_process(ctx: &Ctx, process_id: i64) -> Result<Vec<GoalCard>, AppError> {
    let goals = ctx
        .state
        .store
        .goals()
        .for_process(&ctx.tenant, process_id)
        .await?;
    Ok(cards(ctx, &goals))
}

/// The goals section of a register entry page (`goals/part.html`).
pub async fn for_register_entry(ctx: &Ctx, entry_id: i64) -> Result<Vec<GoalCard>, AppError> {
    let goals = ctx
        .state
        .store
        .goals()
        .for_register_entry(&ctx.tenant, entry_id)
        .await?;
    Ok(cards(ctx, &goals))
}

/// Impact goals: pages, API, and the linked goals on a process page and a
/// register entry.
pub const MODULE: WebModule = WebModule {
    name: "goals",
    pages: routes,
    api: Some(crate::api::goals::router),
    sections: &[
        Section {
            host: Host::ProcessPage,
            template: "goals/part.html",
            load: linked_section,
        },
        Section {
            host: Host::RegisterEntryBody,
            template: "goals/part.html",
            load: linked_section,
        },
    ],
};

/// `linked_goals` for `goals_part.html`.
fn linked_section<'a>(
    ctx: &'a Ctx,
    of: HostRef<'a>,
) -> BoxFuture<'a, AppResult<Option<minijinja::Value>>> {
    Box::pin(async move {
        let linked_goals = match of {
            HostRef::Process(p) => for_process(ctx, p.id).await?,
            HostRef::RegisterEntry(e) => for_register_entry(ctx, e.id).await?,
            HostRef::Staff | HostRef::Profile | HostRef::Dataset(_) | HostRef::Goal(_) => {
                return Ok(None)
            }
        };
        Ok(Some(minijinja::context! { linked_goals }))
    })
}
