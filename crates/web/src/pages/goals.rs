//! Impact goals (Wirkungsziele): the public dashboard, the goal page with
//! an accessible SVG chart and a data table per indicator, and the staff
//! pages to create and edit goals and indicators, enter, import, export
//! and compute measurements. Rules and checks live in the store and the
//! `teilhabe-register` crate; these handlers parse, call, render.

use crate::ctx::{Ctx, Post, Upload};
use crate::error::{AppError, AppResult};
use crate::i18n::Lang;
use crate::render::{error_map, page, page_with_status, see_other, with_notice};
use crate::AppState;
use axum::extract::{Path, Query, State};
use axum::http::{header, HeaderValue, StatusCode};
use axum::response::{IntoResponse, Response};
use axum::routing::{get, post};
use axum::Router;
use serde::{Deserialize, Serialize};
use teilhabe_domain::permission::{decide, Action, Target};
use teilhabe_domain::FieldErrors;
use teilhabe_register::chart::{
    format_date, format_number, render_chart, table_html, ChartOptions, NumberFormat,
};
use teilhabe_register::goal_input::{Computation, GoalDraft, IndicatorDraft, MeasurementDraft};
use teilhabe_register::indicators::IndicatorState;
use teilhabe_register::measurements_csv::CsvErrors;
use teilhabe_store::goals::{GoalData, GoalInput, IndicatorData, IndicatorInput, StoredIndicator};
use teilhabe_store::StoreError;

pub fn routes() -> Router<AppState> {
    Router::new()
        .route("/goals", get(dashboard).post(create))
        .route("/goals/new", get(new_form))
        .route("/goals/{slug}", get(goal_page))
        .route("/goals/{slug}/edit", get(edit_form).post(save))
        .route("/goals/{slug}/manage", get(manage))
        .route("/goals/{slug}/measurements.csv", get(export_csv))
        .route("/goals/{slug}/import", post(import_csv))
        .route("/goals/{slug}/indicators", post(create_indicator))
        .route("/goals/{slug}/indicators/new", get(new_indicator))
        .route(
            "/goals/{slug}/indicators/{id}/edit",
            get(edit_indicator).post(save_indicator),
        )
        .route(
            "/goals/{slug}/indicators/{id}/measurements",
            post(add_measurement),
        )
        .route("/goals/{slug}/indicators/{id}/compute", post(compute))
        .route(
            "/goals/{slug}/indicators/{id}/delete",
            post(delete_indicator),
        )
        .route(
            "/goals/{slug}/measurements/{id}/delete",
            post(delete_measurement),
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
    match teilhabe_register::entry::parse_date(iso) {
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

async fn dashboard(ctx: Ctx) -> AppResult {
    let goals = ctx.state.store.goals().all(&ctx.tenant).await?;
    let list = cards(&ctx, &goals);
    let count = |s: IndicatorState| goals.iter().filter(|g| g.summary.overall == s).count();
    let can_create = decide(&ctx.actor, Action::CreateGoal, &Target::Municipality).is_ok();
    page(
        &ctx,
        "goals.html",
        minijinja::context! {
            goals => list,
            can_create,
            totals => minijinja::context! {
                achieved => count(IndicatorState::Achieved),
                on_track => count(IndicatorState::OnTrack),
                off_track => count(IndicatorState::OffTrack),
                no_data => count(IndicatorState::NoData),
            },
        },
    )
}

#[derive(Serialize)]
struct ChartView {
    line: IndicatorLine,
    svg: String,
    table: String,
    summary: String,
}

async fn goal_page(ctx: Ctx, Path(slug): Path<String>) -> AppResult {
    let g = ctx.state.store.goals().get(&ctx.tenant, &slug).await?;
    let can_manage = decide(&ctx.actor, Action::ManageGoals, &g.goal.target()).is_ok();
    let charts: Vec<ChartView> = g
        .indicators
        .iter()
        .map(|i| {
            let mut opts = if ctx.lang == Lang::De {
                ChartOptions::german()
            } else {
                ChartOptions::english()
            };
            opts.id_prefix = format!("chart-{}", i.indicator.id);
            opts.decimals = 2;
            let chart = render_chart(&i.model(), &opts);
            ChartView {
                line: line(&ctx, i),
                svg: chart.svg,
                table: table_html(&chart.table),
                summary: chart.summary,
            }
        })
        .collect();
    let card = cards(&ctx, std::slice::from_ref(&g)).pop();
    page(
        &ctx,
        "goal.html",
        minijinja::context! {
            goal => card,
            charts,
            processes => g.processes,
            entries => g.entries,
            can_manage,
        },
    )
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
    let messages = error_map(ctx, fe);
    let mut out: Vec<ErrorView> = Vec::new();
    let mut names: Vec<&str> = order.to_vec();
    for f in messages.keys() {
        if !names.contains(&f.as_str()) {
            names.push(f);
        }
    }
    for f in names {
        if let Some(m) = messages.get(f) {
            out.push(ErrorView {
                id: format!("{id_prefix}{f}"),
                label_key: format!("goal-field-{f}"),
                message: m.clone(),
            });
        }
    }
    out
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

#[derive(Deserialize, Default)]
struct GoalForm {
    #[serde(default)]
    statement: String,
    #[serde(default)]
    description: String,
    #[serde(default)]
    department_id: String,
}

fn parse_opt_id(s: &str, name: &str) -> Result<Option<i64>, AppError> {
    match s.trim() {
        "" => Ok(None),
        t => t
            .parse::<i64>()
            .map(Some)
            .map_err(|_| AppError::BadRequest("error-id", format!("{name}: {t}"))),
    }
}

fn ids_of(pairs: &[(String, String)], name: &str) -> Result<Vec<i64>, AppError> {
    pairs
        .iter()
        .filter(|(k, _)| k == name)
        .map(|(_, v)| {
            v.trim()
                .parse::<i64>()
                .map_err(|_| AppError::BadRequest("error-id", format!("{name}: {v}")))
        })
        .collect()
}

fn parse_id(s: &str) -> Result<i64, AppError> {
    match s.parse::<i64>() {
        Ok(v) if v > 0 => Ok(v),
        _ => Err(AppError::NotFound),
    }
}

struct GoalFormPage<'a> {
    action: String,
    slug: Option<&'a str>,
    input: &'a GoalInput,
    errors: Option<&'a FieldErrors>,
    status: StatusCode,
}

async fn goal_form(ctx: &Ctx, f: GoalFormPage<'_>) -> AppResult {
    let store = &ctx.state.store;
    let departments: Vec<_> = store
        .departments(&ctx.tenant)
        .await?
        .into_iter()
        .filter(|d| ctx.actor.runs(Some(d.id)))
        .collect();
    let processes: Vec<_> = store
        .processes(&ctx.tenant, &ctx.actor, None)
        .await?
        .into_iter()
        .map(|p| minijinja::context! { id => p.id, title => p.title, status => p.status.as_str() })
        .collect();
    let entries: Vec<_> = store
        .register_entries(&ctx.tenant, &Default::default())
        .await?
        .into_iter()
        .map(|e| minijinja::context! { id => e.id, title => e.title })
        .collect();
    let errors = f
        .errors
        .map(|e| error_views(ctx, e, GOAL_FIELDS, "field-"))
        .unwrap_or_default();
    let messages = f.errors.map(|e| error_map(ctx, e)).unwrap_or_default();
    page_with_status(
        ctx,
        "goal_form.html",
        minijinja::context! {
            action => f.action,
            slug => f.slug,
            statement => f.input.draft.statement,
            description => f.input.draft.description,
            department_id => f.input.department_id,
            process_ids => f.input.process_ids,
            entry_ids => f.input.entry_ids,
            departments,
            may_leave_department => ctx.actor.is_admin(),
            processes,
            entries,
            errors,
            messages,
        },
        f.status,
    )
}

async fn new_form(ctx: Ctx) -> AppResult {
    decide(&ctx.actor, Action::CreateGoal, &Target::Municipality)?;
    let own = ctx
        .state
        .store
        .departments(&ctx.tenant)
        .await?
        .into_iter()
        .find(|d| ctx.actor.runs(Some(d.id)));
    let input = GoalInput {
        department_id: own.map(|d| d.id),
        ..GoalInput::default()
    };
    goal_form(
        &ctx,
        GoalFormPage {
            action: "/goals".into(),
            slug: None,
            input: &input,
            errors: None,
            status: StatusCode::OK,
        },
    )
    .await
}

fn goal_input(form: &GoalForm, pairs: &[(String, String)]) -> Result<GoalInput, AppError> {
    Ok(GoalInput {
        draft: GoalDraft {
            statement: form.statement.clone(),
            description: form.description.replace("\r\n", "\n"),
        },
        department_id: parse_opt_id(&form.department_id, "department_id")?,
        process_ids: ids_of(pairs, "process_ids")?,
        entry_ids: ids_of(pairs, "entry_ids")?,
    })
}

async fn create(Post { ctx, form, pairs }: Post<GoalForm>) -> AppResult {
    let input = goal_input(&form, &pairs)?;
    match ctx
        .state
        .store
        .goals()
        .create(&ctx.tenant, &ctx.actor, &input)
        .await
    {
        Ok(g) => Ok(see_other(&with_notice(
            &format!("/goals/{}/manage", g.slug),
            "notice-goal-saved",
        ))),
        Err(StoreError::Invalid(fe)) => {
            goal_form(
                &ctx,
                GoalFormPage {
                    action: "/goals".into(),
                    slug: None,
                    input: &input,
                    errors: Some(&fe),
                    status: StatusCode::UNPROCESSABLE_ENTITY,
                },
            )
            .await
        }
        Err(e) => Err(e.into()),
    }
}

async fn edit_form(ctx: Ctx, Path(slug): Path<String>) -> AppResult {
    let store = &ctx.state.store;
    let g = store.goals().record(&ctx.tenant, &slug).await?;
    decide(&ctx.actor, Action::ManageGoals, &g.target())?;
    // Links to drafts are kept (the public pages leave drafts out).
    let (process_ids, entry_ids) = store.goals().links(&ctx.tenant, g.id).await?;
    let input = GoalInput {
        draft: GoalDraft {
            statement: g.statement.clone(),
            description: g.description.clone(),
        },
        department_id: g.department_id,
        process_ids,
        entry_ids,
    };
    goal_form(
        &ctx,
        GoalFormPage {
            action: format!("/goals/{slug}/edit"),
            slug: Some(&slug),
            input: &input,
            errors: None,
            status: StatusCode::OK,
        },
    )
    .await
}

async fn save(Path(slug): Path<String>, Post { ctx, form, pairs }: Post<GoalForm>) -> AppResult {
    let input = goal_input(&form, &pairs)?;
    match ctx
        .state
        .store
        .goals()
        .update(&ctx.tenant, &ctx.actor, &slug, &input)
        .await
    {
        Ok(()) => Ok(see_other(&with_notice(
            &format!("/goals/{slug}"),
            "notice-goal-saved",
        ))),
        Err(StoreError::Invalid(fe)) => {
            goal_form(
                &ctx,
                GoalFormPage {
                    action: format!("/goals/{slug}/edit"),
                    slug: Some(&slug),
                    input: &input,
                    errors: Some(&fe),
                    status: StatusCode::UNPROCESSABLE_ENTITY,
                },
            )
            .await
        }
        Err(e) => Err(e.into()),
    }
}

/// Errors shown on the manage page: of one indicator's measurement form,
/// or of the CSV import.
#[derive(Default)]
struct ManageErrors<'a> {
    indicator: Option<i64>,
    measurement: Option<&'a FieldErrors>,
    draft: Option<&'a MeasurementDraft>,
    csv: Option<&'a CsvErrors>,
    csv_text_name: Option<String>,
    /// After an import: values added and replaced.
    imported: Option<(u32, u32)>,
}

#[derive(Serialize)]
struct CsvErrorView {
    line: u64,
    column: String,
    message: String,
}

#[derive(Serialize)]
struct MeasurementView {
    id: i64,
    date: String,
    value: String,
    source: String,
    note: String,
}

async fn manage_page(ctx: &Ctx, slug: &str, e: ManageErrors<'_>, status: StatusCode) -> AppResult {
    let g = ctx.state.store.goals().get(&ctx.tenant, slug).await?;
    decide(&ctx.actor, Action::ManageGoals, &g.goal.target())?;
    let indicators: Vec<_> = g
        .indicators
        .iter()
        .map(|i| {
            let mine = e.indicator == Some(i.indicator.id);
            let prefix = format!("m{}-", i.indicator.id);
            let errors = if mine {
                e.measurement
                    .map(|fe| error_views(ctx, fe, MEASUREMENT_FIELDS, &prefix))
                    .unwrap_or_default()
            } else {
                Vec::new()
            };
            let messages = if mine {
                e.measurement.map(|fe| error_map(ctx, fe)).unwrap_or_default()
            } else {
                Default::default()
            };
            let draft = if mine { e.draft.cloned() } else { None }.unwrap_or_default();
            let measurements: Vec<MeasurementView> = i
                .measurements
                .iter()
                .rev()
                .map(|m| MeasurementView {
                    id: m.id,
                    date: day(ctx, &m.date),
                    value: num(ctx, m.value),
                    source: m.source.clone(),
                    note: m.note.clone(),
                })
                .collect();
            minijinja::context! {
                line => line(ctx, i),
                computed => !i.indicator.computation.is_empty(),
                measurements,
                errors,
                messages,
                draft => minijinja::context! { date => draft.date, value => draft.value, note => draft.note },
            }
        })
        .collect();
    let csv_errors: Vec<CsvErrorView> = e
        .csv
        .map(|errs| {
            errs.0
                .iter()
                .map(|x| {
                    let args: Vec<(&str, String)> =
                        x.args.iter().map(|(k, v)| (*k, v.clone())).collect();
                    CsvErrorView {
                        line: x.line,
                        column: x.column.clone(),
                        message: ctx.state.i18n.t(ctx.lang, x.key, &args),
                    }
                })
                .collect()
        })
        .unwrap_or_default();
    let card = cards(ctx, std::slice::from_ref(&g)).pop();
    let keys: Vec<String> = g
        .indicators
        .iter()
        .map(|i| i.indicator.key.clone())
        .collect();
    page_with_status(
        ctx,
        "goal_manage.html",
        minijinja::context! {
            goal => card,
            indicators,
            csv_errors,
            csv_file => e.csv_text_name,
            imported => e.imported,
            keys,
        },
        status,
    )
}

#[derive(Deserialize, Default)]
struct ImportedQuery {
    added: Option<u32>,
    replaced: Option<u32>,
}

async fn manage(ctx: Ctx, Path(slug): Path<String>, Query(q): Query<ImportedQuery>) -> AppResult {
    let e = ManageErrors {
        imported: q.added.map(|a| (a, q.replaced.unwrap_or(0))),
        ..Default::default()
    };
    manage_page(&ctx, &slug, e, StatusCode::OK).await
}

#[derive(Deserialize, Default)]
struct MeasurementForm {
    #[serde(default)]
    date: String,
    #[serde(default)]
    value: String,
    #[serde(default)]
    note: String,
}

async fn add_measurement(
    Path((slug, id)): Path<(String, String)>,
    Post { ctx, form, .. }: Post<MeasurementForm>,
) -> AppResult {
    let id = parse_id(&id)?;
    let draft = MeasurementDraft {
        date: form.date,
        value: form.value,
        note: form.note,
    };
    match ctx
        .state
        .store
        .goals()
        .add_measurement(&ctx.tenant, &ctx.actor, &slug, id, &draft)
        .await
    {
        Ok(None) => Ok(see_other(&with_notice(
            &format!("/goals/{slug}/manage#indicator-{id}"),
            "notice-measurement-saved",
        ))),
        Ok(Some(_)) => Ok(see_other(&with_notice(
            &format!("/goals/{slug}/manage#indicator-{id}"),
            "notice-measurement-replaced",
        ))),
        Err(StoreError::Invalid(fe)) => {
            manage_page(
                &ctx,
                &slug,
                ManageErrors {
                    indicator: Some(id),
                    measurement: Some(&fe),
                    draft: Some(&draft),
                    ..Default::default()
                },
                StatusCode::UNPROCESSABLE_ENTITY,
            )
            .await
        }
        Err(e) => Err(e.into()),
    }
}

#[derive(Deserialize, Default)]
struct Empty {}

async fn delete_measurement(
    Path((slug, id)): Path<(String, String)>,
    Post { ctx, .. }: Post<Empty>,
) -> AppResult {
    let id = parse_id(&id)?;
    let deleted = ctx
        .state
        .store
        .goals()
        .delete_measurement(&ctx.tenant, &ctx.actor, &slug, id)
        .await?;
    Ok(see_other(&with_notice(
        &format!("/goals/{slug}/manage"),
        if deleted {
            "notice-measurement-deleted"
        } else {
            "notice-measurement-already-deleted"
        },
    )))
}

async fn delete_indicator(
    Path((slug, id)): Path<(String, String)>,
    Post { ctx, .. }: Post<Empty>,
) -> AppResult {
    let id = parse_id(&id)?;
    let deleted = ctx
        .state
        .store
        .goals()
        .delete_indicator(&ctx.tenant, &ctx.actor, &slug, id)
        .await?;
    Ok(see_other(&with_notice(
        &format!("/goals/{slug}/manage"),
        if deleted {
            "notice-indicator-deleted"
        } else {
            "notice-indicator-already-deleted"
        },
    )))
}

async fn compute(
    Path((slug, id)): Path<(String, String)>,
    Post { ctx, .. }: Post<Empty>,
) -> AppResult {
    let id = parse_id(&id)?;
    let v = ctx
        .state
        .store
        .goals()
        .compute_indicator(&ctx.tenant, &ctx.actor, &slug, id)
        .await?;
    let notice = if v.is_some() {
        "notice-measurement-computed"
    } else {
        "notice-measurement-nothing-to-compute"
    };
    Ok(see_other(&with_notice(
        &format!("/goals/{slug}/manage#indicator-{id}"),
        notice,
    )))
}

/// CSV upload (multipart: `_csrf`, `file`). Permission is decided before
/// the body is read; the import writes everything or nothing.
async fn import_csv(
    State(state): State<AppState>,
    Path(slug): Path<String>,
    ctx: Ctx,
    req: axum::extract::Request,
) -> AppResult {
    let g = ctx.state.store.goals().record(&ctx.tenant, &slug).await?;
    decide(&ctx.actor, Action::ManageGoals, &g.target())?;
    let mut upload = Upload::read(&ctx, &state, req).await?;
    let file_name = upload.file_name("file");
    let data = upload.take("file");
    let Ok(text) = String::from_utf8(data) else {
        let errs = CsvErrors(vec![teilhabe_register::measurements_csv::CsvError {
            line: 1,
            column: String::new(),
            key: "error-csv-encoding",
            args: Vec::new(),
        }]);
        return manage_page(
            &ctx,
            &slug,
            ManageErrors {
                csv: Some(&errs),
                csv_text_name: Some(file_name),
                ..Default::default()
            },
            StatusCode::UNPROCESSABLE_ENTITY,
        )
        .await;
    };
    match ctx
        .state
        .store
        .goals()
        .import_measurements(&ctx.tenant, &ctx.actor, &slug, &text)
        .await?
    {
        Ok(report) => Ok(see_other(&format!(
            "/goals/{slug}/manage?notice=notice-measurements-imported&added={}&replaced={}",
            report.added, report.replaced
        ))),
        Err(errs) => {
            manage_page(
                &ctx,
                &slug,
                ManageErrors {
                    csv: Some(&errs),
                    csv_text_name: Some(file_name),
                    ..Default::default()
                },
                StatusCode::UNPROCESSABLE_ENTITY,
            )
            .await
        }
    }
}

/// All measurements of a goal as CSV, in the import's format.
async fn export_csv(ctx: Ctx, Path(slug): Path<String>) -> AppResult {
    let csv = ctx
        .state
        .store
        .goals()
        .export_measurements(&ctx.tenant, &slug)
        .await?;
    Ok(csv_response(&slug, csv))
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

#[derive(Deserialize, Default)]
struct IndicatorForm {
    #[serde(default)]
    key: String,
    #[serde(default)]
    name: String,
    #[serde(default)]
    unit: String,
    #[serde(default)]
    direction: String,
    #[serde(default)]
    baseline_value: String,
    #[serde(default)]
    baseline_date: String,
    #[serde(default)]
    target_value: String,
    #[serde(default)]
    target_date: String,
    #[serde(default)]
    data_source: String,
    #[serde(default)]
    computation: String,
    #[serde(default)]
    computation_process_id: String,
}

impl IndicatorForm {
    fn of(i: &StoredIndicator) -> Self {
        IndicatorForm {
            key: i.key.clone(),
            name: i.name.clone(),
            unit: i.unit.clone(),
            direction: i.direction.clone(),
            baseline_value: i.baseline_value.to_string(),
            baseline_date: i.baseline_date.clone(),
            target_value: i.target_value.to_string(),
            target_date: i.target_date.clone(),
            data_source: i.data_source.clone(),
            computation: i.computation.clone(),
            computation_process_id: i
                .computation_process_id
                .map(|p| p.to_string())
                .unwrap_or_default(),
        }
    }
    fn input(&self) -> Result<IndicatorInput, AppError> {
        Ok(IndicatorInput {
            draft: IndicatorDraft {
                key: self.key.clone(),
                name: self.name.clone(),
                unit: self.unit.clone(),
                direction: self.direction.clone(),
                baseline_value: self.baseline_value.clone(),
                baseline_date: self.baseline_date.clone(),
                target_value: self.target_value.clone(),
                target_date: self.target_date.clone(),
                data_source: self.data_source.clone(),
                computation: self.computation.clone(),
            },
            computation_process_id: parse_opt_id(
                &self.computation_process_id,
                "computation_process_id",
            )?,
        })
    }
}

async fn indicator_form(
    ctx: &Ctx,
    slug: &str,
    action: String,
    form: &IndicatorForm,
    editing: bool,
    errors: Option<&FieldErrors>,
    status: StatusCode,
) -> AppResult {
    let g = ctx.state.store.goals().record(&ctx.tenant, slug).await?;
    decide(&ctx.actor, Action::ManageGoals, &g.target())?;
    let processes: Vec<_> = ctx
        .state
        .store
        .processes(&ctx.tenant, &ctx.actor, None)
        .await?
        .into_iter()
        .map(|p| minijinja::context! { id => p.id.to_string(), title => p.title })
        .collect();
    let computations: Vec<_> = Computation::ALL
        .iter()
        .map(|c| minijinja::context! { value => c.as_str(), label_key => c.label_key() })
        .collect();
    let list = errors
        .map(|e| error_views(ctx, e, INDICATOR_FIELDS, "field-"))
        .unwrap_or_default();
    let messages = errors.map(|e| error_map(ctx, e)).unwrap_or_default();
    page_with_status(
        ctx,
        "goal_indicator_form.html",
        minijinja::context! {
            goal => minijinja::context! { slug => g.slug, statement => g.statement },
            action,
            editing,
            f => minijinja::context! {
                key => form.key, name => form.name, unit => form.unit,
                direction => form.direction, baseline_value => form.baseline_value,
                baseline_date => form.baseline_date, target_value => form.target_value,
                target_date => form.target_date, data_source => form.data_source,
                computation => form.computation, computation_process_id => form.computation_process_id,
            },
            processes,
            computations,
            errors => list,
            messages,
        },
        status,
    )
}

async fn new_indicator(ctx: Ctx, Path(slug): Path<String>) -> AppResult {
    let form = IndicatorForm {
        direction: "higher_is_better".into(),
        ..Default::default()
    };
    indicator_form(
        &ctx,
        &slug,
        format!("/goals/{slug}/indicators"),
        &form,
        false,
        None,
        StatusCode::OK,
    )
    .await
}

async fn create_indicator(
    Path(slug): Path<String>,
    Post { ctx, form, .. }: Post<IndicatorForm>,
) -> AppResult {
    let input = form.input()?;
    match ctx
        .state
        .store
        .goals()
        .create_indicator(&ctx.tenant, &ctx.actor, &slug, &input)
        .await
    {
        Ok(i) => Ok(see_other(&with_notice(
            &format!("/goals/{slug}/manage#indicator-{}", i.id),
            "notice-indicator-saved",
        ))),
        Err(StoreError::Invalid(fe)) => {
            indicator_form(
                &ctx,
                &slug,
                format!("/goals/{slug}/indicators"),
                &form,
                false,
                Some(&fe),
                StatusCode::UNPROCESSABLE_ENTITY,
            )
            .await
        }
        Err(e) => Err(e.into()),
    }
}

async fn edit_indicator(ctx: Ctx, Path((slug, id)): Path<(String, String)>) -> AppResult {
    let id = parse_id(&id)?;
    let g = ctx.state.store.goals().record(&ctx.tenant, &slug).await?;
    decide(&ctx.actor, Action::ManageGoals, &g.target())?;
    let i = ctx
        .state
        .store
        .goals()
        .indicator(&ctx.tenant, &g, id)
        .await?;
    indicator_form(
        &ctx,
        &slug,
        format!("/goals/{slug}/indicators/{id}/edit"),
        &IndicatorForm::of(&i),
        true,
        None,
        StatusCode::OK,
    )
    .await
}

async fn save_indicator(
    Path((slug, id)): Path<(String, String)>,
    Post { ctx, form, .. }: Post<IndicatorForm>,
) -> AppResult {
    let id = parse_id(&id)?;
    let input = form.input()?;
    match ctx
        .state
        .store
        .goals()
        .update_indicator(&ctx.tenant, &ctx.actor, &slug, id, &input)
        .await
    {
        Ok(()) => Ok(see_other(&with_notice(
            &format!("/goals/{slug}/manage#indicator-{id}"),
            "notice-indicator-saved",
        ))),
        Err(StoreError::Invalid(fe)) => {
            indicator_form(
                &ctx,
                &slug,
                format!("/goals/{slug}/indicators/{id}/edit"),
                &form,
                true,
                Some(&fe),
                StatusCode::UNPROCESSABLE_ENTITY,
            )
            .await
        }
        Err(e) => Err(e.into()),
    }
}

/// The goals section of a process page (`goals_part.html`).
pub async fn for_process(ctx: &Ctx, process_id: i64) -> Result<Vec<GoalCard>, AppError> {
    let goals = ctx
        .state
        .store
        .goals()
        .for_process(&ctx.tenant, process_id)
        .await?;
    Ok(cards(ctx, &goals))
}

/// The goals section of a register entry page (`goals_part.html`).
pub async fn for_register_entry(ctx: &Ctx, entry_id: i64) -> Result<Vec<GoalCard>, AppError> {
    let goals = ctx
        .state
        .store
        .goals()
        .for_register_entry(&ctx.tenant, entry_id)
        .await?;
    Ok(cards(ctx, &goals))
}
