//! Participation along the lifecycle of a register entry (open a new
//! process for an entry, link or unlink an existing one; the sections on
//! the entry and process pages) and the evaluation of a closed process
//! (staff preview and publication, the public page, CSV and JSON).
//!
//! - `lifecycle`: the entry and process page sections, linking and the
//!   new process for an entry;
//! - `report`: the public evaluation page, the staff preview and
//!   publication;
//! - `export`: the evaluation as CSV and JSON.
//!
//! This file holds the routes and the figures' formatting that the parts
//! share.

mod export;
mod lifecycle;
mod report;

pub use lifecycle::{entry_part, process_part, EntryPart, ProcessPart};

use crate::chart::{format_number, NumberFormat};
use crate::ctx::Ctx;
use crate::error::AppError;
use crate::i18n::Lang;
use crate::module::{Host, Section, WebModule};
use crate::AppState;
use axum::routing::{get, post};
use axum::Router;
use serde::{Deserialize, Serialize};
use teilhabe_domain::evaluation::{ContributionForm, Figures};
use teilhabe_store::evaluation::{Evaluation, EvaluationRevision, EvaluationSnapshot};
use teilhabe_store::processes::Process;

pub fn routes() -> Router<AppState> {
    Router::new()
        .route("/data-register/{slug}/processes", post(lifecycle::link))
        .route(
            "/data-register/{slug}/processes/new",
            get(lifecycle::new_process).post(lifecycle::create_process),
        )
        .route(
            "/data-register/{slug}/processes/remove",
            post(lifecycle::unlink),
        )
        .route(
            "/processes/{slug}/evaluation",
            get(report::evaluation_page).post(report::publish),
        )
        .route("/processes/{slug}/evaluation/edit", get(report::edit_page))
        .route("/processes/{slug}/evaluation.csv", get(export::export_csv))
        .route(
            "/processes/{slug}/evaluation.json",
            get(export::export_json),
        )
}

#[derive(Deserialize)]
pub(super) struct Empty {}

fn number_format(lang: Lang) -> NumberFormat {
    match lang {
        Lang::De => NumberFormat::German,
        _ => NumberFormat::English,
    }
}

/// Numbers that need decimals, formatted for the page's language.
#[derive(Serialize)]
struct Formatted {
    median_answer_days: Option<String>,
    /// Per goal, per indicator: latest value and target.
    goals: Vec<Vec<IndicatorValues>>,
}

#[derive(Serialize)]
struct IndicatorValues {
    latest: Option<String>,
    target: String,
}

fn formatted(lang: Lang, s: &EvaluationSnapshot) -> Formatted {
    let nf = number_format(lang);
    Formatted {
        median_answer_days: s
            .figures
            .median_answer_days
            .map(|d| format_number(d, 1, nf)),
        goals: s
            .goals
            .iter()
            .map(|g| {
                g.indicators
                    .iter()
                    .map(|i| IndicatorValues {
                        latest: i.latest.map(|v| format_number(v, 2, nf)),
                        target: format_number(i.target, 2, nf),
                    })
                    .collect()
            })
            .collect(),
    }
}

#[derive(Serialize)]
struct FormRow {
    form: &'static str,
    count: i64,
}

fn form_rows(f: &Figures) -> Vec<FormRow> {
    ContributionForm::ALL
        .iter()
        .map(|form| FormRow {
            form: form.as_str(),
            count: f.by_form.get(*form),
        })
        .collect()
}

#[derive(Deserialize, Default)]
pub(super) struct RevisionQuery {
    revision: Option<String>,
}

/// A published evaluation as the public page and the downloads show it:
/// the revision asked for (`None`: the latest), its process, the
/// evaluation and every published revision.
struct Published {
    asked: Option<i64>,
    process: Process,
    evaluation: Evaluation,
    revisions: Vec<EvaluationRevision>,
}

async fn published(ctx: &Ctx, slug: &str, q: &RevisionQuery) -> Result<Published, AppError> {
    let asked = parse_revision(q)?;
    let (process, evaluation, revisions) = ctx
        .state
        .store
        .evaluations()
        .published(&ctx.tenant, &ctx.actor, slug, asked)
        .await?;
    Ok(Published {
        asked,
        process,
        evaluation,
        revisions,
    })
}

fn parse_revision(q: &RevisionQuery) -> Result<Option<i64>, AppError> {
    match q.revision.as_deref().map(str::trim) {
        None | Some("") => Ok(None),
        Some(t) => match t.parse::<i64>() {
            Ok(v) if v >= 1 => Ok(Some(v)),
            _ => Err(AppError::BadRequest("error-id", format!("revision: {t}"))),
        },
    }
}

/// Evaluation and the lifecycle links: pages, API, the evaluation section
/// of a process page and the lifecycle section of a register entry.
pub const MODULE: WebModule = WebModule {
    name: "evaluation",
    pages: routes,
    api: Some(crate::api::evaluation::router),
    sections: &[
        Section {
            host: Host::ProcessPage,
            template: "evaluation/process_part.html",
            load: process_section,
        },
        Section {
            host: Host::RegisterEntry,
            template: "evaluation/lifecycle_part.html",
            load: entry_section,
        },
    ],
};

crate::section_loader!(
    /// `evaluation_part` for `evaluation/process_part.html`.
    fn process_section: Process => evaluation_part = process_part
);

crate::section_loader!(
    /// `lifecycle` for `evaluation/lifecycle_part.html`.
    fn entry_section: RegisterEntry => lifecycle = entry_part
);
