//! The public pages of voting: the budgets of a process, the ballot (works
//! without JavaScript: "recalculate" shows the remaining money) and the
//! receipt after casting.

use super::{error_texts, euro};
use crate::ctx::{Ctx, Post};
use crate::error::AppResult;
use crate::render::{page, page_with_status};
use axum::extract::Path;
use axum::http::{header, HeaderValue, StatusCode};
use serde::{Deserialize, Serialize};
use teilhabe_domain::budget::{BallotChoice, BallotKind};
use teilhabe_domain::permission::Action;
use teilhabe_domain::process::Form;
use teilhabe_domain::FieldErrors;
use teilhabe_store::budget::BudgetDetail;
use teilhabe_store::StoreError;

pub(super) async fn overview(ctx: Ctx, Path(slug): Path<String>) -> AppResult {
    // Whether the reader manages the budgets was decided by the service.
    let (process, budgets, can_manage) = ctx
        .state
        .store
        .budgets()
        .of_process_page(&ctx.tenant, &ctx.actor, &slug, None)
        .await?;
    let facts = process.facts();
    page(
        &ctx,
        "budget/overview.html",
        minijinja::context! {
            process, budgets, can_manage,
            voting_open => facts.form_open(Form::BudgetVoting),
        },
    )
}

/// The ballot as entered: from the form's repeated fields.
pub(super) fn choices_from(
    kind: BallotKind,
    pairs: &[(String, String)],
) -> Result<Vec<BallotChoice>, FieldErrors> {
    let mut e = FieldErrors::new();
    let mut out = Vec::new();
    match kind {
        BallotKind::Approval | BallotKind::Knapsack => {
            for (k, v) in pairs {
                if k == "project" {
                    match v.trim().parse() {
                        Ok(project) => out.push(BallotChoice { project, points: 1 }),
                        Err(_) => e.add("ballot", "error-ballot-unknown-project"),
                    }
                }
            }
        }
        BallotKind::Cumulative => {
            for (k, v) in pairs {
                if let Some(id) = k.strip_prefix("points_") {
                    let v = v.trim();
                    if v.is_empty() || v == "0" {
                        continue;
                    }
                    match (id.parse(), v.parse::<i64>()) {
                        (Ok(project), Ok(points)) if (0..=1000).contains(&points) => {
                            if points > 0 {
                                out.push(BallotChoice { project, points })
                            }
                        }
                        _ => e.add("ballot", "error-ballot-points-positive"),
                    }
                }
            }
        }
        BallotKind::Ranking => {
            let mut ranked: Vec<(i64, i64)> = Vec::new();
            for (k, v) in pairs {
                if let Some(id) = k.strip_prefix("rank_") {
                    let v = v.trim();
                    if v.is_empty() {
                        continue;
                    }
                    match (id.parse::<i64>(), v.parse::<i64>()) {
                        (Ok(project), Ok(rank)) if (1..=100).contains(&rank) => {
                            ranked.push((rank, project))
                        }
                        _ => e.add("ballot", "error-ballot-rank"),
                    }
                }
            }
            ranked.sort();
            if ranked.windows(2).any(|w| w[0].0 == w[1].0) {
                e.add("ballot", "error-ballot-rank-twice");
            }
            out = ranked
                .into_iter()
                .map(|(_, project)| BallotChoice { project, points: 1 })
                .collect();
        }
    }
    if e.is_empty() {
        Ok(out)
    } else {
        // One message per problem is enough.
        e.0.dedup_by(|a, b| a.key == b.key);
        Err(e)
    }
}

#[derive(Serialize)]
struct ProjectRow {
    id: i64,
    proposal_id: i64,
    title: String,
    body: String,
    cost: i64,
    cost_text: String,
    chosen: bool,
    points: i64,
    rank: i64,
    feasible: Option<bool>,
    review_reason: String,
}

#[allow(clippy::too_many_arguments)] // the page's state, each needed once
fn render_ballot(
    ctx: &Ctx,
    d: &BudgetDetail,
    choices: &[BallotChoice],
    errors: Vec<(String, String)>,
    recalculated: bool,
    birth_date: &str,
    status: StatusCode,
) -> AppResult {
    let facts = d.process.facts();
    let voting_open = facts.form_open(Form::BudgetVoting) && d.budget.published_at.is_none();
    let projects: Vec<ProjectRow> = d
        .projects
        .iter()
        .filter(|p| p.feasible == Some(true))
        .map(|p| {
            let pos = choices.iter().position(|c| c.project == p.id);
            ProjectRow {
                id: p.id,
                proposal_id: p.proposal_id,
                title: p.title.clone(),
                body: p.body.chars().take(280).collect(),
                cost: p.cost,
                cost_text: euro(p.cost, ctx.lang),
                chosen: pos.is_some(),
                points: pos.map(|i| choices[i].points).unwrap_or(0),
                rank: pos.map(|i| i as i64 + 1).unwrap_or(0),
                feasible: p.feasible,
                review_reason: p.review_reason.clone(),
            }
        })
        .collect();
    let chosen_cost: i64 = projects.iter().filter(|p| p.chosen).map(|p| p.cost).sum();
    let chosen_points: i64 = choices.iter().map(|c| c.points).sum();
    let not_feasible: Vec<ProjectRow> = d
        .projects
        .iter()
        .filter(|p| p.feasible == Some(false))
        .map(|p| ProjectRow {
            id: p.id,
            proposal_id: p.proposal_id,
            title: p.title.clone(),
            body: String::new(),
            cost: p.cost,
            cost_text: euro(p.cost, ctx.lang),
            chosen: false,
            points: 0,
            rank: 0,
            feasible: p.feasible,
            review_reason: p.review_reason.clone(),
        })
        .collect();
    let b = &d.budget;
    let remaining = b.amount - chosen_cost;
    page_with_status(
        ctx,
        "budget/vote.html",
        minijinja::context! {
            budget => b, process => d.process, projects, not_feasible,
            amount_text => euro(b.amount, ctx.lang),
            chosen_cost_text => euro(chosen_cost, ctx.lang),
            remaining, remaining_text => euro(remaining.abs(), ctx.lang),
            chosen_count => choices.len(), chosen_points,
            limit => b.ballot_limit.unwrap_or(0),
            kind => b.ballot_kind.as_str(),
            voting_open,
            can_vote => d.can_vote,
            vote_denied => d.vote_denied,
            has_ballot => d.my_ballot.is_some(),
            other_district => d.other_district,
            errors, recalculated, birth_date,
            ranks => (1..=b.ballot_limit.unwrap_or(0)).collect::<Vec<_>>(),
        },
        status,
    )
}

pub(super) async fn ballot_page(ctx: Ctx, Path(id): Path<i64>) -> AppResult {
    let d = ctx
        .state
        .store
        .budgets()
        .detail(&ctx.tenant, &ctx.actor, id)
        .await?;
    let mine = d.my_ballot.clone().unwrap_or_default();
    render_ballot(&ctx, &d, &mine, Vec::new(), false, "", StatusCode::OK)
}

#[derive(Deserialize, Default)]
pub(super) struct CastForm {
    #[serde(default)]
    action: String,
    #[serde(default)]
    birth_date: String,
}

pub(super) async fn cast(
    Path(id): Path<i64>,
    Post { ctx, form, pairs }: Post<CastForm>,
) -> AppResult {
    let store = &ctx.state.store;
    let d = store
        .budgets()
        .detail_for(&ctx.tenant, &ctx.actor, id, Action::CastBallot)
        .await?;
    let choices = match choices_from(d.budget.ballot_kind, &pairs) {
        Ok(c) => c,
        Err(e) => {
            return render_ballot(
                &ctx,
                &d,
                &[],
                error_texts(&ctx, &e),
                false,
                &form.birth_date,
                StatusCode::UNPROCESSABLE_ENTITY,
            )
        }
    };
    if form.action == "recalc" {
        // Without JavaScript: the same page with the remaining money and
        // the limits checked, nothing saved.
        let costs = d
            .projects
            .iter()
            .filter(|p| p.feasible == Some(true))
            .map(|p| (p.id, p.cost))
            .collect();
        let errors = if choices.is_empty() {
            Vec::new()
        } else {
            teilhabe_domain::budget::validate_ballot(&d.budget.settings(), &costs, &choices)
                .err()
                .map(|e| error_texts(&ctx, &e))
                .unwrap_or_default()
        };
        return render_ballot(
            &ctx,
            &d,
            &choices,
            errors,
            true,
            &form.birth_date,
            StatusCode::OK,
        );
    }
    ctx.limit(&ctx.state.limits.contribute, "contribute")?;
    match store
        .budgets()
        .cast_ballot(&ctx.tenant, &ctx.actor, id, &choices, &form.birth_date)
        .await
    {
        Ok(receipt) => {
            let mut r = page(
                &ctx,
                "budget/receipt.html",
                minijinja::context! { budget => d.budget, process => d.process, receipt },
            )?;
            // The code is shown once: not kept by the browser or a proxy.
            r.headers_mut()
                .insert(header::CACHE_CONTROL, HeaderValue::from_static("no-store"));
            Ok(r)
        }
        Err(StoreError::Invalid(e)) => render_ballot(
            &ctx,
            &d,
            &choices,
            error_texts(&ctx, &e),
            false,
            &form.birth_date,
            StatusCode::UNPROCESSABLE_ENTITY,
        ),
        Err(e) => Err(e.into()),
    }
}
