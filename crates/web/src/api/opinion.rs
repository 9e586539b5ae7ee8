//! Opinion maps: statements, votes and the published analysis.

use super::Problem;
use crate::ctx::{ApiJson, Ctx};
use crate::error::{AppError, AppResult};
use axum::extract::Path;
use axum::Json;
use serde::{Deserialize, Serialize};
use utoipa::{OpenApi, ToSchema};
use utoipa_axum::router::OpenApiRouter;
use utoipa_axum::routes;

pub(crate) fn router() -> OpenApiRouter<crate::AppState> {
    OpenApiRouter::with_openapi(Doc::openapi())
        .routes(routes!(get_opinion))
        .routes(routes!(vote_opinion))
}

#[derive(OpenApi)]
#[openapi(tags((name = "opinion")))]
struct Doc;

/// A process's opinion map.
#[derive(Serialize, ToSchema)]
pub struct ApiOpinionMap {
    /// Who may vote: anyone, citizens, verified.
    pub voters: String,
    pub participant_statements: bool,
    /// pre or post
    pub moderation: String,
    /// Whether voting is open in the active phase.
    pub open: bool,
    pub participant_count: i64,
    pub vote_count: i64,
    /// Statements shown to voters.
    pub statements: Vec<ApiStatement>,
    /// The latest analysis (computed in the background after new votes).
    pub analysis: Option<ApiOpinionAnalysis>,
}

#[derive(Serialize, ToSchema)]
pub struct ApiStatement {
    pub id: i64,
    pub body: String,
    pub agree: i64,
    pub disagree: i64,
    pub pass: i64,
}

#[derive(Serialize, ToSchema)]
pub struct ApiOpinionAnalysis {
    /// Votes the analysis covers ("as of N votes").
    pub votes_covered: i64,
    /// When it was computed (ms since the epoch).
    pub computed_at: Option<i64>,
    /// False while there are not enough votes for groups.
    pub grouped: bool,
    pub participants_in_analysis: usize,
    pub participants_required: usize,
    pub k: usize,
    pub groups: Vec<ApiOpinionGroup>,
    pub consensus: Vec<ApiSharedStatement>,
    pub divisive: Vec<ApiSharedStatement>,
}

#[derive(Serialize, ToSchema)]
pub struct ApiOpinionGroup {
    /// 0-based; shown as A, B, C...
    pub id: usize,
    pub size: usize,
    pub representative: Vec<ApiRepresentative>,
}

#[derive(Serialize, ToSchema)]
pub struct ApiRepresentative {
    pub statement_id: i64,
    /// agree or disagree: how the group stands out.
    pub direction: String,
    pub agree_inside: f64,
    pub disagree_inside: f64,
    pub agree_outside: f64,
    pub disagree_outside: f64,
}

#[derive(Serialize, ToSchema)]
pub struct ApiSharedStatement {
    pub statement_id: i64,
    /// Consensus: agree or disagree; divisive: agree (shares are agreement).
    pub direction: String,
    /// Share per group (0..1).
    pub shares: Vec<f64>,
}

#[derive(Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct NewOpinionVote {
    pub statement_id: i64,
    /// agree, disagree or pass
    pub vote: String,
}

#[derive(Serialize, ToSchema)]
pub struct OpinionVoteResult {
    pub statement_id: i64,
    pub vote: String,
    /// Statements this account has voted on / shown in total.
    pub voted: usize,
    pub total: usize,
}

/// An opinion map: settings, counts, statements and the latest analysis.
#[utoipa::path(get, path = "/processes/{slug}/opinion", tag = "opinion", params(("slug" = String, Path)), responses((status = 200, body = ApiOpinionMap), (status = 404, body = Problem, content_type = "application/problem+json")))]
async fn get_opinion(ctx: Ctx, Path(slug): Path<String>) -> AppResult<Json<ApiOpinionMap>> {
    let store = &ctx.state.store;
    let (process, map) = store
        .opinion()
        .process_map(&ctx.tenant, &ctx.actor, &slug)
        .await?;
    if !map.exists {
        return Err(AppError::NotFound);
    }
    let statements = store
        .opinion()
        .statements(&ctx.tenant, &map, false, None)
        .await?;
    let stored = store.opinion().result(process.id).await?;
    let analysis = stored.and_then(|s| {
        let r = s.result?;
        let shared = |id: i64, direction: &str, shares: Vec<f64>| ApiSharedStatement {
            statement_id: id,
            direction: direction.to_string(),
            shares,
        };
        Some(ApiOpinionAnalysis {
            votes_covered: s.votes_covered,
            computed_at: s.computed_at,
            grouped: r.grouped,
            participants_in_analysis: r.participants_in_analysis,
            participants_required: r.participants_required,
            k: r.k,
            groups: r
                .groups
                .iter()
                .map(|g| ApiOpinionGroup {
                    id: g.id,
                    size: g.size,
                    representative: g
                        .representative
                        .iter()
                        .map(|x| ApiRepresentative {
                            statement_id: x.statement_id,
                            direction: x.direction.clone(),
                            agree_inside: x.inside.agree,
                            disagree_inside: x.inside.disagree,
                            agree_outside: x.outside.agree,
                            disagree_outside: x.outside.disagree,
                        })
                        .collect(),
                })
                .collect(),
            consensus: r
                .consensus
                .iter()
                .map(|c| {
                    let shares = c
                        .groups
                        .iter()
                        .map(|g| {
                            if c.direction == "agree" {
                                g.agree
                            } else {
                                g.disagree
                            }
                        })
                        .collect();
                    shared(c.statement_id, &c.direction, shares)
                })
                .collect(),
            divisive: r
                .divisive
                .iter()
                .map(|d| {
                    shared(
                        d.statement_id,
                        "agree",
                        d.groups.iter().map(|g| g.agree).collect(),
                    )
                })
                .collect(),
        })
    });
    Ok(Json(ApiOpinionMap {
        voters: map.settings.voters.as_str().into(),
        participant_statements: map.settings.participant_statements,
        moderation: map.settings.moderation.as_str().into(),
        open: process
            .facts()
            .form_open(teilhabe_domain::process::Form::OpinionMap),
        participant_count: map.participant_count,
        vote_count: map.vote_count,
        statements: statements
            .iter()
            .map(|s| ApiStatement {
                id: s.id,
                body: s.body.clone(),
                agree: s.agree_count,
                disagree: s.disagree_count,
                pass: s.pass_count,
            })
            .collect(),
        analysis,
    }))
}

/// Votes on a statement of an opinion map (or changes the vote). Only
/// stores the vote; the analysis follows in the background.
#[utoipa::path(post, path = "/processes/{slug}/opinion/votes", tag = "opinion", params(("slug" = String, Path)), request_body = NewOpinionVote, security(("token" = ["write:opinion"])), responses((status = 200, body = OpinionVoteResult), (status = 401, body = Problem, content_type = "application/problem+json"), (status = 403, body = Problem, content_type = "application/problem+json"), (status = 409, body = Problem, content_type = "application/problem+json"), (status = 422, body = Problem, content_type = "application/problem+json")))]
async fn vote_opinion(
    Path(slug): Path<String>,
    ApiJson(ctx, body): ApiJson<NewOpinionVote>,
) -> AppResult<Json<OpinionVoteResult>> {
    let vote = teilhabe_domain::opinion::OpinionVote::parse(&body.vote).ok_or_else(|| {
        let mut e = teilhabe_domain::FieldErrors::new();
        e.add("vote", "error-opinion-vote");
        AppError::Invalid(e)
    })?;
    let voter = teilhabe_store::opinion::VoterId::User(ctx.signed_in()?);
    crate::pages::opinion::cast_vote(&ctx, &slug, &voter, body.statement_id, vote).await?;
    let store = &ctx.state.store;
    let (_, map) = store
        .opinion()
        .process_map(&ctx.tenant, &ctx.actor, &slug)
        .await?;
    let ballot = store
        .opinion()
        .ballot(&ctx.tenant, &map, Some(&voter))
        .await?;
    Ok(Json(OpinionVoteResult {
        statement_id: body.statement_id,
        vote: vote.as_str().into(),
        voted: ballot.voted,
        total: ballot.total,
    }))
}
