//! The JSON API of impact goals (Wirkungsziele): goals with their
//! indicators and states, an indicator with its measurements, the CSV
//! export, and entering a measurement with a staff token. Public like the
//! pages; writes need the right to manage the goal's department.

use super::Problem;
use crate::ctx::{ApiJson, Ctx};
use crate::error::{AppError, AppResult};
use crate::params::parse_id;
use crate::AppState;
use axum::extract::Path;
use axum::http::StatusCode;
use axum::response::Response;
use axum::Json;
use serde::{Deserialize, Serialize};
use teilhabe_domain::goals::input::MeasurementDraft;
use teilhabe_store::goals::{GoalData, IndicatorData, Linked, StoredMeasurement};
use utoipa::{OpenApi, ToSchema};
use utoipa_axum::router::OpenApiRouter;
use utoipa_axum::routes;

pub(crate) fn router() -> OpenApiRouter<AppState> {
    OpenApiRouter::with_openapi(Doc::openapi())
        .routes(routes!(list_goals))
        .routes(routes!(get_goal))
        .routes(routes!(export_csv))
        .routes(routes!(get_indicator))
        .routes(routes!(add_measurement))
}

#[derive(OpenApi)]
#[openapi(
    components(schemas(ApiGoal, ApiIndicator, ApiMeasurement, ApiLink, ApiGoalSummary, NewMeasurement, MeasurementSaved)),
    tags((name = "goals", description = "Impact goals (Wirkungsziele) with indicators, measurements and their computed state"))
)]
struct Doc;

/// A linked process or register entry.
#[derive(Serialize, ToSchema)]
pub struct ApiLink {
    pub slug: String,
    pub title: String,
    /// The public page.
    pub url: String,
}

/// How many indicators are in each state, and the goal's overall state.
#[derive(Serialize, ToSchema)]
pub struct ApiGoalSummary {
    /// achieved, on_track, off_track or no_data.
    pub state: String,
    pub achieved: usize,
    pub on_track: usize,
    pub off_track: usize,
    pub no_data: usize,
}

/// One measurement.
#[derive(Serialize, ToSchema)]
pub struct ApiMeasurement {
    pub id: i64,
    /// ISO date (YYYY-MM-DD).
    pub date: String,
    pub value: f64,
    /// manual, csv or computed.
    pub source: String,
    pub note: String,
}

/// An indicator with its state; `measurements` only on the indicator's
/// own resource.
#[derive(Serialize, ToSchema)]
pub struct ApiIndicator {
    pub id: i64,
    /// Short name used in CSV files.
    pub key: String,
    pub name: String,
    pub unit: String,
    /// higher_is_better or lower_is_better.
    pub direction: String,
    pub baseline_value: f64,
    pub baseline_date: String,
    pub target_value: f64,
    pub target_date: String,
    pub data_source: String,
    /// Empty for values entered by staff; else contributions,
    /// answers_within_deadline or verified_participants.
    pub computation: String,
    /// achieved, on_track, off_track or no_data.
    pub state: String,
    pub latest: Option<ApiMeasurement>,
    /// The linear trend's value at the target date.
    pub projected_at_target: Option<f64>,
    pub measurement_count: usize,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub measurements: Option<Vec<ApiMeasurement>>,
}

/// An impact goal.
#[derive(Serialize, ToSchema)]
pub struct ApiGoal {
    pub slug: String,
    pub statement: String,
    pub description: String,
    pub department: Option<String>,
    pub summary: ApiGoalSummary,
    pub indicators: Vec<ApiIndicator>,
    pub processes: Vec<ApiLink>,
    pub register_entries: Vec<ApiLink>,
    /// The public page.
    pub url: String,
}

fn measurement(m: &StoredMeasurement) -> ApiMeasurement {
    ApiMeasurement {
        id: m.id,
        date: m.date.clone(),
        value: m.value,
        source: m.source.clone(),
        note: m.note.clone(),
    }
}

fn indicator(i: &IndicatorData, with_measurements: bool) -> ApiIndicator {
    let x = &i.indicator;
    ApiIndicator {
        id: x.id,
        key: x.key.clone(),
        name: x.name.clone(),
        unit: x.unit.clone(),
        direction: x.direction.clone(),
        baseline_value: x.baseline_value,
        baseline_date: x.baseline_date.clone(),
        target_value: x.target_value,
        target_date: x.target_date.clone(),
        data_source: x.data_source.clone(),
        computation: x.computation.clone(),
        state: i.state.as_str().into(),
        latest: i.latest.as_ref().map(measurement),
        projected_at_target: i.projected_at_target,
        measurement_count: i.measurements.len(),
        measurements: with_measurements.then(|| i.measurements.iter().map(measurement).collect()),
    }
}

fn links(list: &[Linked], base: &str) -> Vec<ApiLink> {
    list.iter()
        .map(|l| ApiLink {
            slug: l.slug.clone(),
            title: l.title.clone(),
            url: format!("{base}/{}", l.slug),
        })
        .collect()
}

fn goal(g: &GoalData) -> ApiGoal {
    ApiGoal {
        slug: g.goal.slug.clone(),
        statement: g.goal.statement.clone(),
        description: g.goal.description.clone(),
        department: g.goal.department_name.clone(),
        summary: ApiGoalSummary {
            state: g.summary.overall.as_str().into(),
            achieved: g.summary.achieved,
            on_track: g.summary.on_track,
            off_track: g.summary.off_track,
            no_data: g.summary.no_data,
        },
        indicators: g.indicators.iter().map(|i| indicator(i, false)).collect(),
        processes: links(&g.processes, "/processes"),
        register_entries: links(&g.entries, "/data-register"),
        url: format!("/goals/{}", g.goal.slug),
    }
}

/// Every impact goal with its indicators' states (the dashboard).
#[utoipa::path(get, path = "/goals", tag = "goals", responses((status = 200, body = Vec<ApiGoal>)))]
async fn list_goals(ctx: Ctx) -> AppResult<Json<Vec<ApiGoal>>> {
    let goals = ctx.state.store.goals().all(&ctx.tenant).await?;
    Ok(Json(goals.iter().map(goal).collect()))
}

/// One goal with its indicators, states and links.
#[utoipa::path(get, path = "/goals/{slug}", tag = "goals", params(("slug" = String, Path)), responses((status = 200, body = ApiGoal), (status = 404, body = Problem, content_type = "application/problem+json")))]
async fn get_goal(ctx: Ctx, Path(slug): Path<String>) -> AppResult<Json<ApiGoal>> {
    let g = ctx.state.store.goals().get(&ctx.tenant, &slug).await?;
    Ok(Json(goal(&g)))
}

/// One indicator with all its measurements (oldest first).
#[utoipa::path(get, path = "/goals/{slug}/indicators/{id}", tag = "goals", params(("slug" = String, Path), ("id" = i64, Path)), responses((status = 200, body = ApiIndicator), (status = 400, body = Problem, content_type = "application/problem+json"), (status = 404, body = Problem, content_type = "application/problem+json")))]
async fn get_indicator(
    ctx: Ctx,
    Path((slug, id)): Path<(String, String)>,
) -> AppResult<Json<ApiIndicator>> {
    let id = parse_id(&id)?;
    Ok(Json(indicator_of(&ctx, &slug, id).await?))
}

/// The goal's indicator with all its measurements.
async fn indicator_of(ctx: &Ctx, slug: &str, id: i64) -> Result<ApiIndicator, AppError> {
    let g = ctx.state.store.goals().get(&ctx.tenant, slug).await?;
    let i = g
        .indicators
        .iter()
        .find(|i| i.indicator.id == id)
        .ok_or(AppError::NotFound)?;
    Ok(indicator(i, true))
}

/// A measurement to enter.
#[derive(Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct NewMeasurement {
    /// ISO date (YYYY-MM-DD) or DD.MM.YYYY.
    pub date: String,
    pub value: f64,
    #[serde(default)]
    pub note: String,
}

/// The saved measurement; `replaced` is the earlier value of that day.
#[derive(Serialize, ToSchema)]
pub struct MeasurementSaved {
    pub indicator: ApiIndicator,
    pub replaced: Option<f64>,
}

/// Enters a measurement (staff of the goal's department or admins). A
/// value for a day that already has one replaces it.
#[utoipa::path(post, path = "/goals/{slug}/indicators/{id}/measurements", tag = "goals", params(("slug" = String, Path), ("id" = i64, Path)), request_body = NewMeasurement, security(("token" = ["write:goals"])), responses((status = 201, body = MeasurementSaved), (status = 401, body = Problem, content_type = "application/problem+json"), (status = 403, body = Problem, content_type = "application/problem+json"), (status = 404, body = Problem, content_type = "application/problem+json"), (status = 422, body = Problem, content_type = "application/problem+json")))]
async fn add_measurement(
    Path((slug, id)): Path<(String, String)>,
    ApiJson(ctx, body): ApiJson<NewMeasurement>,
) -> AppResult<(StatusCode, Json<MeasurementSaved>)> {
    let id = parse_id(&id)?;
    let draft = MeasurementDraft {
        date: body.date,
        value: body.value.to_string(),
        note: body.note,
    };
    let replaced = ctx
        .state
        .store
        .goals()
        .add_measurement(&ctx.tenant, &ctx.actor, &slug, id, &draft)
        .await?;
    Ok((
        StatusCode::CREATED,
        Json(MeasurementSaved {
            indicator: indicator_of(&ctx, &slug, id).await?,
            replaced,
        }),
    ))
}

/// All measurements of a goal as CSV (`indicator,date,value,note`), the
/// format the staff import reads.
#[utoipa::path(get, path = "/goals/{slug}/measurements.csv", tag = "goals", params(("slug" = String, Path)), responses((status = 200, body = String, content_type = "text/csv"), (status = 404, body = Problem, content_type = "application/problem+json")))]
async fn export_csv(ctx: Ctx, path: Path<String>) -> AppResult<Response> {
    crate::pages::goals::export_csv(ctx, path).await
}
