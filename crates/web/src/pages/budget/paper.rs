//! Paper ballots: staff enter each sheet; the page lists the sheets with
//! their entries and flags those whose two entries differ.

use super::ballot::choices_from;
use super::{error_texts, euro};
use crate::ctx::{Ctx, Post};
use crate::error::AppResult;
use crate::render::page_with_status;
use axum::extract::Path;
use axum::http::StatusCode;
use serde::Deserialize;
use teilhabe_domain::permission::Action;
use teilhabe_store::StoreError;

pub(super) async fn paper_page(ctx: Ctx, Path(id): Path<i64>) -> AppResult {
    paper_render(&ctx, id, None, Vec::new(), StatusCode::OK).await
}

async fn paper_render(
    ctx: &Ctx,
    id: i64,
    outcome: Option<&str>,
    errors: Vec<(String, String)>,
    status: StatusCode,
) -> AppResult {
    let store = &ctx.state.store;
    let sheets = store
        .budgets()
        .paper_sheets(&ctx.tenant, &ctx.actor, id)
        .await?;
    let d = store.budgets().detail(&ctx.tenant, &ctx.actor, id).await?;
    let projects: Vec<_> = d
        .projects
        .iter()
        .filter(|p| p.feasible == Some(true))
        .map(|p| minijinja::context! { id => p.id, title => p.title, cost_text => euro(p.cost, ctx.lang) })
        .collect();
    let mismatches = sheets
        .iter()
        .filter(|s| s.status == teilhabe_store::budget::PaperOutcome::Mismatch)
        .count();
    page_with_status(
        ctx,
        "budget/paper.html",
        minijinja::context! {
            budget => d.budget, process => d.process, projects, sheets, mismatches,
            kind => d.budget.ballot_kind.as_str(),
            ranks => (1..=d.budget.ballot_limit.unwrap_or(0)).collect::<Vec<_>>(),
            outcome, errors,
        },
        status,
    )
}

#[derive(Deserialize, Default)]
pub(super) struct PaperForm {
    #[serde(default)]
    sheet: String,
}

pub(super) async fn paper_entry(
    Path(id): Path<i64>,
    Post { ctx, form, pairs }: Post<PaperForm>,
) -> AppResult {
    let store = &ctx.state.store;
    let d = store
        .budgets()
        .detail_for(&ctx.tenant, &ctx.actor, id, Action::RecordOffline)
        .await?;
    let result = match choices_from(d.budget.ballot_kind, &pairs) {
        Ok(choices) => {
            store
                .budgets()
                .enter_paper_ballot(&ctx.tenant, &ctx.actor, id, &form.sheet, &choices)
                .await
        }
        Err(e) => Err(StoreError::Invalid(e)),
    };
    match result {
        Ok(outcome) => {
            let key = match outcome {
                teilhabe_store::budget::PaperOutcome::Pending => "budget-paper-pending",
                teilhabe_store::budget::PaperOutcome::Counted => "budget-paper-counted",
                teilhabe_store::budget::PaperOutcome::Mismatch => "budget-paper-mismatch",
            };
            paper_render(&ctx, id, Some(key), Vec::new(), StatusCode::OK).await
        }
        Err(StoreError::Invalid(e)) => {
            let errors = error_texts(&ctx, &e);
            paper_render(&ctx, id, None, errors, StatusCode::UNPROCESSABLE_ENTITY).await
        }
        Err(e) => Err(e.into()),
    }
}
