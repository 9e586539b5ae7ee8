//! The links of the catalog's datasets: on the dataset page what the data
//! is used for (data uses with the council's recommendation, indicators
//! with their goals) and residents' questions and objections; on a
//! register entry the datasets it reads (staff link and unlink); on the
//! process page the datasets it produced; on the goal page each
//! indicator's source dataset (managers set it); in the staff inbox the
//! open questions on datasets. Rules live in `store.catalog()`.

use crate::ctx::{Ctx, Post};
use crate::error::AppResult;
use crate::module::{BoxFuture, HostRef};
use crate::params::parse_id;
use crate::render::{error_map, form_result, page_with_status, see_other, with_notice};
use crate::AppState;
use axum::extract::Path;
use axum::http::StatusCode;
use axum::routing::post;
use axum::Router;
use serde::{Deserialize, Serialize};
use teilhabe_domain::permission::{decide, Action, Target};
use teilhabe_domain::FieldErrors;
use teilhabe_store::catalog::DatasetRecord;
use teilhabe_store::goals::GoalData;
use teilhabe_store::processes::Process;
use teilhabe_store::register::RegisterSummary;

pub(super) fn routes() -> Router<AppState> {
    Router::new()
        .route("/daten/{name}/fragen", post(ask))
        .route("/daten/{name}/fragen/{id}/antwort", post(answer))
        .route("/data-register/{slug}/datensaetze", post(link))
        .route(
            "/data-register/{slug}/datensaetze/{id}/entfernen",
            post(unlink),
        )
        .route(
            "/goals/{slug}/indicators/{id}/datensatz",
            post(set_indicator),
        )
}

/// A dataset to choose in a select.
#[derive(Serialize)]
struct Choice {
    id: i64,
    title: String,
}

async fn choices(ctx: &Ctx, except: &[i64]) -> AppResult<Vec<Choice>> {
    Ok(ctx
        .state
        .store
        .catalog()
        .all(&ctx.tenant)
        .await?
        .into_iter()
        .filter(|d| !except.contains(&d.id))
        .map(|d| Choice {
            id: d.id,
            title: d.title,
        })
        .collect())
}

/// `catalog_links` for `catalog/links_dataset.html`: data uses,
/// indicators, questions and what the reader may do.
async fn dataset_section(ctx: &Ctx, d: &DatasetRecord) -> AppResult<minijinja::Value> {
    let store = &ctx.state.store;
    let catalog = store.catalog();
    let uses = catalog.data_uses(&ctx.tenant, d.id).await?;
    let indicators = catalog.indicators_using(&ctx.tenant, d.id).await?;
    let questions = catalog.questions(&ctx.tenant, d.id).await?;
    let can_answer = catalog.may_answer(&ctx.tenant, &ctx.actor, d).await?;
    Ok(minijinja::context! {
        dataset_name => d.name,
        uses, indicators, questions, can_answer,
        can_ask => decide(&ctx.actor, Action::AskDatasetQuestion, &d.target()).is_ok(),
        signed_in => ctx.actor.is_logged_in(),
        deadline_days => store.questions().objection_deadline_days(&ctx.tenant).await?,
    })
}

/// `entry_datasets` for `catalog/links_entry.html`: the datasets an entry
/// reads, and for its staff the datasets to add.
async fn entry_section(ctx: &Ctx, e: &RegisterSummary) -> AppResult<minijinja::Value> {
    let datasets = ctx
        .state
        .store
        .catalog()
        .entry_datasets(&ctx.tenant, e.id)
        .await?;
    let can_edit = decide(&ctx.actor, Action::EditRegisterEntry, &e.target()).is_ok();
    let linked: Vec<i64> = datasets.iter().map(|d| d.id).collect();
    let choices = if can_edit {
        choices(ctx, &linked).await?
    } else {
        Vec::new()
    };
    Ok(minijinja::context! { datasets, can_edit, choices })
}

crate::section_loader!(
    /// `catalog_links` on the dataset page.
    fn dataset_loader: Dataset => catalog_links = dataset_section
);

crate::section_loader!(
    /// `entry_datasets` on a register entry.
    fn entry_loader: RegisterEntry => entry_datasets = entry_section
);

/// `process_datasets` on the process page; no section without any.
pub(super) fn process_loader<'a>(
    ctx: &'a Ctx,
    of: HostRef<'a>,
) -> BoxFuture<'a, AppResult<Option<minijinja::Value>>> {
    Box::pin(async move {
        let HostRef::Process(p) = of else {
            return Ok(None);
        };
        let p: &Process = p;
        let process_datasets = ctx
            .state
            .store
            .catalog()
            .process_datasets(&ctx.tenant, p.id)
            .await?;
        if process_datasets.is_empty() {
            return Ok(None);
        }
        Ok(Some(minijinja::context! { process_datasets }))
    })
}

/// One indicator of the goal page with its source dataset.
#[derive(Serialize)]
struct IndicatorRow {
    id: i64,
    name: String,
    dataset: Option<teilhabe_store::catalog::links::IndicatorSource>,
}

/// `indicator_sources` on the goal page: each indicator's source dataset
/// and, for managers, the datasets to choose.
pub(super) fn goal_loader<'a>(
    ctx: &'a Ctx,
    of: HostRef<'a>,
) -> BoxFuture<'a, AppResult<Option<minijinja::Value>>> {
    Box::pin(async move {
        let HostRef::Goal(g) = of else {
            return Ok(None);
        };
        let g: &GoalData = g;
        if g.indicators.is_empty() {
            return Ok(None);
        }
        let mut sources = ctx
            .state
            .store
            .catalog()
            .indicator_sources(&ctx.tenant, g.goal.id)
            .await?;
        let rows: Vec<IndicatorRow> = g
            .indicators
            .iter()
            .map(|i| IndicatorRow {
                id: i.indicator.id,
                name: i.indicator.name.clone(),
                dataset: sources
                    .iter()
                    .position(|s| s.indicator_id == i.indicator.id)
                    .map(|p| sources.swap_remove(p)),
            })
            .collect();
        let can_manage = decide(&ctx.actor, Action::ManageGoals, &g.goal.target()).is_ok();
        let choices = if can_manage {
            choices(ctx, &[]).await?
        } else {
            Vec::new()
        };
        Ok(Some(minijinja::context! {
            indicator_sources => minijinja::context! {
                goal_slug => g.goal.slug, rows, can_manage, choices,
            }
        }))
    })
}

/// `dataset_questions` (open ones the reader answers for) and
/// `dataset_questions_overdue` in the staff inbox.
pub(super) fn inbox_loader<'a>(
    ctx: &'a Ctx,
    of: HostRef<'a>,
) -> BoxFuture<'a, AppResult<Option<minijinja::Value>>> {
    Box::pin(async move {
        let HostRef::Staff = of else {
            return Ok(None);
        };
        if decide(&ctx.actor, Action::ViewInbox, &Target::Municipality).is_err() {
            return Ok(None);
        }
        let dataset_questions = ctx
            .state
            .store
            .catalog()
            .question_inbox(&ctx.tenant, &ctx.actor)
            .await?;
        let dataset_questions_overdue = dataset_questions
            .iter()
            .filter(|i| i.question.overdue)
            .count();
        Ok(Some(minijinja::context! {
            dataset_questions, dataset_questions_overdue
        }))
    })
}

pub(super) fn dataset_section_loader<'a>(
    ctx: &'a Ctx,
    of: HostRef<'a>,
) -> BoxFuture<'a, AppResult<Option<minijinja::Value>>> {
    dataset_loader(ctx, of)
}

pub(super) fn entry_section_loader<'a>(
    ctx: &'a Ctx,
    of: HostRef<'a>,
) -> BoxFuture<'a, AppResult<Option<minijinja::Value>>> {
    entry_loader(ctx, of)
}

#[derive(Deserialize, Serialize, Default)]
struct AskForm {
    #[serde(default)]
    question_kind: String,
    #[serde(default)]
    question_text: String,
}

#[derive(Deserialize, Serialize, Default)]
struct AnswerForm {
    #[serde(default)]
    answer: String,
}

/// The question form again with its errors (ask or answer).
fn form_page<F: Serialize>(
    ctx: &Ctx,
    mode: &str,
    dataset: &DatasetRecord,
    question: Option<&teilhabe_store::catalog::questions::DatasetQuestion>,
    form: &F,
    errors: &FieldErrors,
    status: StatusCode,
) -> AppResult {
    page_with_status(
        ctx,
        "catalog/links_question_form.html",
        minijinja::context! {
            mode, dataset, question, form,
            errors => error_map(ctx, errors),
        },
        status,
    )
}

async fn ask(Path(name): Path<String>, Post { ctx, form, .. }: Post<AskForm>) -> AppResult {
    let catalog = ctx.state.store.catalog();
    let dataset = catalog
        .by_name_for(&ctx.tenant, &ctx.actor, &name, Action::AskDatasetQuestion)
        .await?;
    ctx.limit(&ctx.state.limits.contribute, "contribute")?;
    let result = catalog
        .ask(
            &ctx.tenant,
            &ctx.actor,
            &name,
            &form.question_kind,
            &form.question_text,
        )
        .await;
    form_result(
        result,
        |q| {
            with_notice(
                &format!("/daten/{}#frage-{}", dataset.name, q.id),
                if q.kind == "objection" {
                    "notice-register-objection-filed"
                } else {
                    "notice-register-question-asked"
                },
            )
        },
        async |e, status| form_page(&ctx, "ask", &dataset, None, &form, e, status),
    )
    .await
}

async fn answer(
    Path((name, id)): Path<(String, String)>,
    Post { ctx, form, .. }: Post<AnswerForm>,
) -> AppResult {
    let catalog = ctx.state.store.catalog();
    let dataset = catalog.by_name(&ctx.tenant, &name).await?;
    let id = parse_id(&id)?;
    let result = catalog
        .answer(&ctx.tenant, &ctx.actor, &name, id, &form.answer)
        .await;
    form_result(
        result,
        |q| {
            with_notice(
                &format!("/daten/{}#frage-{}", dataset.name, q.id),
                "notice-catalog-links-answered",
            )
        },
        async |e, status| {
            let q = catalog.question(&ctx.tenant, dataset.id, id).await?;
            form_page(&ctx, "answer", &dataset, Some(&q), &form, e, status)
        },
    )
    .await
}

#[derive(Deserialize, Default)]
struct DatasetChoice {
    #[serde(default)]
    dataset_id: String,
}

async fn link(Path(slug): Path<String>, Post { ctx, form, .. }: Post<DatasetChoice>) -> AppResult {
    let id = parse_id(&form.dataset_id)?;
    ctx.state
        .store
        .catalog()
        .link_entry(&ctx.tenant, &ctx.actor, &slug, id)
        .await?;
    Ok(see_other(&with_notice(
        &format!("/data-register/{slug}#datensaetze"),
        "notice-catalog-links-linked",
    )))
}

async fn unlink(
    Path((slug, id)): Path<(String, String)>,
    Post { ctx, .. }: Post<DatasetChoice>,
) -> AppResult {
    let id = parse_id(&id)?;
    ctx.state
        .store
        .catalog()
        .unlink_entry(&ctx.tenant, &ctx.actor, &slug, id)
        .await?;
    Ok(see_other(&with_notice(
        &format!("/data-register/{slug}#datensaetze"),
        "notice-catalog-links-unlinked",
    )))
}

async fn set_indicator(
    Path((slug, id)): Path<(String, String)>,
    Post { ctx, form, .. }: Post<DatasetChoice>,
) -> AppResult {
    let id = parse_id(&id)?;
    let dataset = match form.dataset_id.trim() {
        "" => None,
        raw => Some(parse_id(raw)?),
    };
    ctx.state
        .store
        .catalog()
        .set_indicator_dataset(&ctx.tenant, &ctx.actor, &slug, id, dataset)
        .await?;
    Ok(see_other(&with_notice(
        &format!("/goals/{slug}#datenquellen"),
        "notice-catalog-links-source-set",
    )))
}
