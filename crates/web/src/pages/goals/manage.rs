//! The staff page of a goal's measurements: enter, replace, delete and
//! compute values, and import them from CSV (all or nothing).

use super::{
    cards, day, delete_then_back, error_views, line, num, parse_id, Empty, MEASUREMENT_FIELDS,
};
use crate::ctx::{Ctx, Post, Upload};
use crate::error::AppResult;
use crate::render::{error_map, form_result, page_with_status, see_other, with_notice};
use crate::AppState;
use axum::extract::{Path, Query, State};
use axum::http::StatusCode;
use serde::{Deserialize, Serialize};
use teilhabe_domain::goals::csv::CsvErrors;
use teilhabe_domain::goals::input::MeasurementDraft;
use teilhabe_domain::FieldErrors;

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
    let g = ctx
        .state
        .store
        .goals()
        .get_to_manage(&ctx.tenant, &ctx.actor, slug)
        .await?;
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
                .map(|x| CsvErrorView {
                    line: x.line,
                    column: x.column.clone(),
                    message: ctx.state.i18n.t(ctx.lang, x.key, &x.args),
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
        "goals/manage.html",
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
pub(super) struct ImportedQuery {
    added: Option<u32>,
    replaced: Option<u32>,
}

pub(super) async fn manage(
    ctx: Ctx,
    Path(slug): Path<String>,
    Query(q): Query<ImportedQuery>,
) -> AppResult {
    let e = ManageErrors {
        imported: q.added.map(|a| (a, q.replaced.unwrap_or(0))),
        ..Default::default()
    };
    manage_page(&ctx, &slug, e, StatusCode::OK).await
}

#[derive(Deserialize, Default)]
pub(super) struct MeasurementForm {
    #[serde(default)]
    date: String,
    #[serde(default)]
    value: String,
    #[serde(default)]
    note: String,
}

pub(super) async fn add_measurement(
    Path((slug, id)): Path<(String, String)>,
    Post { ctx, form, .. }: Post<MeasurementForm>,
) -> AppResult {
    let id = parse_id(&id)?;
    let draft = MeasurementDraft {
        date: form.date,
        value: form.value,
        note: form.note,
    };
    let result = ctx
        .state
        .store
        .goals()
        .add_measurement(&ctx.tenant, &ctx.actor, &slug, id, &draft)
        .await;
    form_result(
        result,
        |replaced| {
            with_notice(
                &format!("/goals/{slug}/manage#indicator-{id}"),
                if replaced.is_some() {
                    "notice-measurement-replaced"
                } else {
                    "notice-measurement-saved"
                },
            )
        },
        async |fe, status| {
            manage_page(
                &ctx,
                &slug,
                ManageErrors {
                    indicator: Some(id),
                    measurement: Some(fe),
                    draft: Some(&draft),
                    ..Default::default()
                },
                status,
            )
            .await
        },
    )
    .await
}

pub(super) async fn delete_measurement(
    Path((slug, id)): Path<(String, String)>,
    Post { ctx, .. }: Post<Empty>,
) -> AppResult {
    let goals = ctx.state.store.goals();
    let notices = [
        "notice-measurement-deleted",
        "notice-measurement-already-deleted",
    ];
    delete_then_back(&slug, &id, notices, async |id| {
        goals
            .delete_measurement(&ctx.tenant, &ctx.actor, &slug, id)
            .await
    })
    .await
}

pub(super) async fn compute(
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
pub(super) async fn import_csv(
    State(state): State<AppState>,
    Path(slug): Path<String>,
    ctx: Ctx,
    req: axum::extract::Request,
) -> AppResult {
    // Refuses those who may not manage the goal.
    ctx.state
        .store
        .goals()
        .record_to_manage(&ctx.tenant, &ctx.actor, &slug)
        .await?;
    let mut upload = Upload::read(&ctx, &state, req).await?;
    let file_name = upload.file_name("file");
    let data = upload.take("file");
    let errs = match String::from_utf8(data) {
        Err(_) => CsvErrors(vec![teilhabe_domain::goals::csv::CsvError {
            line: 1,
            column: String::new(),
            key: "error-csv-encoding",
            args: Vec::new(),
        }]),
        Ok(text) => match ctx
            .state
            .store
            .goals()
            .import_measurements(&ctx.tenant, &ctx.actor, &slug, &text)
            .await?
        {
            Ok(report) => {
                return Ok(see_other(&format!(
                    "/goals/{slug}/manage?notice=notice-measurements-imported&added={}&replaced={}",
                    report.added, report.replaced
                )))
            }
            Err(errs) => errs,
        },
    };
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
