//! Staff pages: create and change budgets, put proposals on the ballot,
//! review them, and publish the result.

use super::euro;
use crate::ctx::{Ctx, Post};
use crate::error::{AppError, AppResult};
use crate::render::{page, see_other, with_notice};
use axum::extract::Path;
use serde::Deserialize;
use teilhabe_domain::budget::{parse_amount, AllocationRule, BallotKind, BudgetInput};
use teilhabe_domain::permission::Action;
use teilhabe_domain::process::Form;
use teilhabe_domain::FieldErrors;

#[derive(Deserialize, Default)]
pub(super) struct BudgetForm {
    #[serde(default)]
    name: String,
    #[serde(default)]
    district: String,
    #[serde(default)]
    amount: String,
    #[serde(default)]
    ballot_kind: String,
    #[serde(default)]
    ballot_limit: String,
    #[serde(default)]
    rule: String,
    #[serde(default)]
    min_age: String,
}

impl BudgetForm {
    fn input(&self) -> BudgetInput {
        BudgetInput {
            name: self.name.clone(),
            district: self.district.clone(),
            amount: self.amount.clone(),
            ballot_kind: self.ballot_kind.clone(),
            ballot_limit: self.ballot_limit.clone(),
            rule: self.rule.clone(),
            min_age: self.min_age.clone(),
        }
    }
}

pub(super) async fn manage(ctx: Ctx, Path(slug): Path<String>) -> AppResult {
    let store = &ctx.state.store;
    let (process, budgets, _) = store
        .budgets()
        .of_process_page(&ctx.tenant, &ctx.actor, &slug, Some(Action::ManageBudget))
        .await?;
    let mut details = Vec::new();
    for b in &budgets {
        let d = store
            .budgets()
            .detail(&ctx.tenant, &ctx.actor, b.id)
            .await?;
        details.push(minijinja::context! {
            budget => d.budget,
            amount_text => euro(b.amount, ctx.lang),
            projects => d.projects.iter().map(|p| minijinja::context!{ p => p, cost_text => euro(p.cost, ctx.lang) }).collect::<Vec<_>>(),
            on_ballot => d.projects.iter().map(|p| p.proposal_id).collect::<Vec<_>>(),
        });
    }
    let (proposals, _) = store
        .proposals()
        .list(
            &ctx.tenant,
            &process,
            &teilhabe_store::proposals::ListFilter {
                per_page: 100,
                page: 1,
                ..Default::default()
            },
            None,
        )
        .await?;
    let voting_open = process.facts().form_open(Form::BudgetVoting);
    page(
        &ctx,
        "budget/manage.html",
        minijinja::context! {
            process, budgets => details, proposals => proposals.items, voting_open,
            kinds => BallotKind::ALL.iter().map(|k| k.as_str()).collect::<Vec<_>>(),
            rules => AllocationRule::ALL.iter().map(|r| r.as_str()).collect::<Vec<_>>(),
        },
    )
}

pub(super) async fn create_budget(
    Path(slug): Path<String>,
    Post { ctx, form, .. }: Post<BudgetForm>,
) -> AppResult {
    ctx.state
        .store
        .budgets()
        .create(&ctx.tenant, &ctx.actor, &slug, &form.input())
        .await?;
    Ok(see_other(&with_notice(
        &format!("/processes/{slug}/budgets/manage"),
        "notice-budget-saved",
    )))
}

async fn process_slug(ctx: &Ctx, budget_id: i64) -> Result<String, AppError> {
    Ok(ctx
        .state
        .store
        .budgets()
        .detail(&ctx.tenant, &ctx.actor, budget_id)
        .await?
        .process
        .slug)
}

pub(super) async fn update_budget(
    Path(id): Path<i64>,
    Post { ctx, form, .. }: Post<BudgetForm>,
) -> AppResult {
    ctx.state
        .store
        .budgets()
        .update(&ctx.tenant, &ctx.actor, id, &form.input())
        .await?;
    let slug = process_slug(&ctx, id).await?;
    Ok(see_other(&with_notice(
        &format!("/processes/{slug}/budgets/manage#budget-{id}"),
        "notice-budget-saved",
    )))
}

#[derive(Deserialize, Default)]
pub(super) struct ProjectForm {
    #[serde(default)]
    proposal_id: String,
    #[serde(default)]
    cost: String,
}

fn cost_of(s: &str) -> Result<i64, AppError> {
    parse_amount(s).ok_or_else(|| {
        let mut e = FieldErrors::new();
        e.add("cost", "error-number");
        AppError::Invalid(e)
    })
}

pub(super) async fn add_project(
    Path(id): Path<i64>,
    Post { ctx, form, .. }: Post<ProjectForm>,
) -> AppResult {
    let proposal: i64 = form.proposal_id.trim().parse().map_err(|_| {
        let mut e = FieldErrors::new();
        e.add("proposal_id", "error-invalid-choice");
        AppError::Invalid(e)
    })?;
    let cost = cost_of(&form.cost)?;
    ctx.state
        .store
        .budgets()
        .add_project(&ctx.tenant, &ctx.actor, id, proposal, cost)
        .await?;
    let slug = process_slug(&ctx, id).await?;
    Ok(see_other(&with_notice(
        &format!("/processes/{slug}/budgets/manage#budget-{id}"),
        "notice-budget-project-added",
    )))
}

#[derive(Deserialize, Default)]
pub(super) struct ReviewForm {
    #[serde(default)]
    feasible: String,
    #[serde(default)]
    review_reason: String,
    #[serde(default)]
    cost: String,
}

pub(super) async fn review(
    Path(id): Path<i64>,
    Post { ctx, form, .. }: Post<ReviewForm>,
) -> AppResult {
    let feasible = match form.feasible.as_str() {
        "1" => true,
        "0" => false,
        _ => {
            let mut e = FieldErrors::new();
            e.add("feasible", "error-invalid-choice");
            return Err(AppError::Invalid(e));
        }
    };
    let cost = cost_of(&form.cost)?;
    let p = ctx
        .state
        .store
        .budgets()
        .review_project(
            &ctx.tenant,
            &ctx.actor,
            id,
            feasible,
            &form.review_reason,
            cost,
        )
        .await?;
    let slug = process_slug(&ctx, p.budget_id).await?;
    Ok(see_other(&with_notice(
        &format!("/processes/{slug}/budgets/manage#project-{id}"),
        "notice-budget-reviewed",
    )))
}

#[derive(Deserialize, Default)]
pub(super) struct PublishForm {
    #[serde(default)]
    answer: String,
}

pub(super) async fn publish(
    Path(id): Path<i64>,
    Post { ctx, form, .. }: Post<PublishForm>,
) -> AppResult {
    ctx.state
        .store
        .budgets()
        .publish(&ctx.tenant, &ctx.actor, id, &form.answer)
        .await?;
    Ok(see_other(&with_notice(
        &format!("/budgets/{id}/results"),
        "notice-budget-published",
    )))
}
