//! Participatory budgets: ballots and published results.

use super::Problem;
use crate::ctx::{ApiJson, Ctx};
use crate::error::AppResult;
use crate::params::parse_id;
use axum::extract::Path;
use axum::http::StatusCode;
use axum::Json;
use serde::{Deserialize, Serialize};
use teilhabe_store::budget::Budget;
use utoipa::{OpenApi, ToSchema};
use utoipa_axum::router::OpenApiRouter;
use utoipa_axum::routes;

pub(crate) fn router() -> OpenApiRouter<crate::AppState> {
    OpenApiRouter::with_openapi(Doc::openapi())
        .routes(routes!(list_budgets))
        .routes(routes!(get_budget))
        .routes(routes!(cast_ballot))
        .routes(routes!(budget_results))
}

#[derive(OpenApi)]
#[openapi(tags((name = "budgets")))]
struct Doc;

/// What a budget is, in the list and in the detail.
#[derive(Serialize, ToSchema)]
pub struct ApiBudgetTerms {
    pub id: i64,
    pub name: String,
    /// Empty for the city-wide budget.
    pub district: String,
    /// Whole euros.
    pub amount: i64,
    /// approval, knapsack, cumulative or ranking.
    pub ballot_kind: String,
    /// Projects (approval), points (cumulative) or places (ranking).
    pub ballot_limit: Option<i64>,
    /// greedy, mes, mes-add1 or mes-add1-greedy.
    pub rule: String,
}

impl ApiBudgetTerms {
    fn of(b: &Budget) -> Self {
        ApiBudgetTerms {
            id: b.id,
            name: b.name.clone(),
            district: b.district.clone(),
            amount: b.amount,
            ballot_kind: b.ballot_kind.as_str().into(),
            ballot_limit: b.ballot_limit,
            rule: b.rule.as_str().into(),
        }
    }
}

/// A budget of a process with the projects on its ballot.
#[derive(Serialize, ToSchema)]
pub struct ApiBudget {
    #[serde(flatten)]
    pub terms: ApiBudgetTerms,
    pub process: String,
    pub min_age: i64,
    pub voting_open: bool,
    pub published: bool,
    pub projects: Vec<ApiBudgetProject>,
}

#[derive(Serialize, ToSchema)]
pub struct ApiBudgetProject {
    /// Use this id in ballots.
    pub id: i64,
    pub proposal_id: i64,
    pub title: String,
    pub cost: i64,
    /// The administration's public review.
    pub review_reason: String,
}

#[derive(Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct ApiBallotChoice {
    pub project: i64,
    /// Points on cumulative ballots; ignored otherwise (default 1).
    #[serde(default = "one_point")]
    pub points: i64,
}

fn one_point() -> i64 {
    1
}

/// A ballot: projects in order (the order is the ranking on ranking ballots).
#[derive(Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct NewBallot {
    pub choices: Vec<ApiBallotChoice>,
    /// YYYY-MM-DD, only when the budget has a minimum age; not stored.
    #[serde(default)]
    pub birth_date: String,
}

/// The receipt of a ballot; the code is returned only here.
#[derive(Serialize, ToSchema)]
pub struct ApiReceipt {
    pub receipt_code: String,
    /// SHA-256 (hex) of the code, as listed in the published result.
    pub receipt_hash: String,
    /// An earlier ballot of this person was replaced.
    pub replaced: bool,
}

#[derive(Serialize, ToSchema)]
pub struct ApiResultProject {
    pub project_id: i64,
    pub proposal_id: i64,
    pub title: String,
    pub cost: i64,
    pub votes: i64,
    pub score: i64,
    pub selected: bool,
    pub selected_by_greedy: bool,
    /// Why it was or was not selected, in the request's language.
    pub explanation: String,
}

#[derive(Serialize, ToSchema)]
pub struct ApiTurnout {
    pub budget: String,
    pub district: String,
    pub channel: String,
    pub ballots: i64,
}

/// The published result of a budget.
#[derive(Serialize, ToSchema)]
pub struct ApiBudgetResult {
    pub budget_id: i64,
    pub rule: String,
    pub amount: i64,
    pub voters: i64,
    /// Project ids in order of selection.
    pub selected: Vec<i64>,
    pub total_cost: i64,
    /// Each voter's share under equal shares (euros).
    pub voter_share: Option<f64>,
    /// Selected projects first, in order of selection.
    pub projects: Vec<ApiResultProject>,
    /// SHA-256 of the receipt codes of the counted online ballots.
    pub receipt_hashes: Vec<String>,
    pub turnout: Vec<ApiTurnout>,
}

/// A budget of a process, as listed.
#[derive(Serialize, ToSchema)]
pub struct ApiBudgetSummary {
    #[serde(flatten)]
    pub terms: ApiBudgetTerms,
    pub ballots: i64,
    pub published: bool,
}

/// The participatory budgets of a process.
#[utoipa::path(get, path = "/processes/{slug}/budgets", tag = "budgets", params(("slug" = String, Path)), responses((status = 200, body = [ApiBudgetSummary]), (status = 404, body = Problem, content_type = "application/problem+json")))]
async fn list_budgets(
    ctx: Ctx,
    Path(slug): Path<String>,
) -> AppResult<Json<Vec<ApiBudgetSummary>>> {
    let (_, budgets) = ctx
        .state
        .store
        .budgets()
        .of_process(&ctx.tenant, &ctx.actor, &slug)
        .await?;
    Ok(Json(
        budgets
            .iter()
            .map(|b| ApiBudgetSummary {
                terms: ApiBudgetTerms::of(b),
                ballots: b.ballot_count,
                published: b.published_at.is_some(),
            })
            .collect(),
    ))
}

/// A budget with the feasible projects on its ballot.
#[utoipa::path(get, path = "/budgets/{id}", tag = "budgets", params(("id" = i64, Path)), responses((status = 200, body = ApiBudget), (status = 404, body = Problem, content_type = "application/problem+json")))]
async fn get_budget(ctx: Ctx, Path(id): Path<String>) -> AppResult<Json<ApiBudget>> {
    let d = ctx
        .state
        .store
        .budgets()
        .detail(
            &ctx.tenant,
            &teilhabe_domain::Actor::visitor(),
            parse_id(&id)?,
        )
        .await?;
    let b = &d.budget;
    Ok(Json(ApiBudget {
        terms: ApiBudgetTerms::of(b),
        process: d.process.slug.clone(),
        min_age: b.min_age,
        voting_open: d
            .process
            .facts()
            .form_open(teilhabe_domain::process::Form::BudgetVoting)
            && b.published_at.is_none(),
        published: b.published_at.is_some(),
        projects: d
            .projects
            .iter()
            .filter(|p| p.feasible == Some(true))
            .map(|p| ApiBudgetProject {
                id: p.id,
                proposal_id: p.proposal_id,
                title: p.title.clone(),
                cost: p.cost,
                review_reason: p.review_reason.clone(),
            })
            .collect(),
    }))
}

/// Casts or replaces the caller's ballot (verified residents, while voting
/// is open). A ballot over the limits is refused with the limit named.
#[utoipa::path(post, path = "/budgets/{id}/ballot", tag = "budgets", params(("id" = i64, Path)), request_body = NewBallot, security(("token" = ["write:budgets"])), responses((status = 201, body = ApiReceipt), (status = 401, body = Problem, content_type = "application/problem+json"), (status = 403, body = Problem, content_type = "application/problem+json"), (status = 409, body = Problem, content_type = "application/problem+json"), (status = 422, body = Problem, content_type = "application/problem+json")))]
async fn cast_ballot(
    Path(id): Path<String>,
    ApiJson(ctx, body): ApiJson<NewBallot>,
) -> AppResult<(StatusCode, Json<ApiReceipt>)> {
    ctx.limit(&ctx.state.limits.contribute, "contribute")?;
    let choices: Vec<teilhabe_domain::budget::BallotChoice> = body
        .choices
        .iter()
        .map(|c| teilhabe_domain::budget::BallotChoice {
            project: c.project,
            points: c.points,
        })
        .collect();
    let r = ctx
        .state
        .store
        .budgets()
        .cast_ballot(
            &ctx.tenant,
            &ctx.actor,
            parse_id(&id)?,
            &choices,
            &body.birth_date,
        )
        .await?;
    Ok((
        StatusCode::CREATED,
        Json(ApiReceipt {
            receipt_code: r.code,
            receipt_hash: r.hash,
            replaced: r.replaced,
        }),
    ))
}

/// The published result with an explanation per project.
#[utoipa::path(get, path = "/budgets/{id}/results", tag = "budgets", params(("id" = i64, Path)), responses((status = 200, body = ApiBudgetResult), (status = 404, body = Problem, content_type = "application/problem+json"), (status = 409, body = Problem, content_type = "application/problem+json")))]
async fn budget_results(ctx: Ctx, Path(id): Path<String>) -> AppResult<Json<ApiBudgetResult>> {
    let r = ctx
        .state
        .store
        .budgets()
        .results(&ctx.tenant, &ctx.actor, parse_id(&id)?)
        .await?;
    Ok(Json(ApiBudgetResult {
        budget_id: r.budget.id,
        rule: r.result.rule.as_str().into(),
        amount: r.result.amount,
        voters: r.result.voters,
        selected: r.result.selected.clone(),
        total_cost: r.result.total_cost,
        voter_share: r.result.voter_share,
        projects: r
            .result
            .projects
            .iter()
            .map(|p| ApiResultProject {
                project_id: p.project_id,
                proposal_id: p.proposal_id,
                title: p.title.clone(),
                cost: p.cost,
                votes: p.votes,
                score: p.score,
                selected: p.selected,
                selected_by_greedy: p.greedy_selected,
                explanation: crate::pages::budget::explain(&ctx, p),
            })
            .collect(),
        receipt_hashes: r.result.receipt_hashes.clone(),
        turnout: r
            .turnout
            .iter()
            .map(|t| ApiTurnout {
                budget: t.budget.clone(),
                district: t.district.clone(),
                channel: t.channel.clone(),
                ballots: t.ballots,
            })
            .collect(),
    }))
}
