//! The JSON API of the data council: the public part of an entry's
//! reviews (reasons; once closed, result, counts, recommendation and the
//! administration's answer), and for council members and staff (API token)
//! the open reviews and a review with its internal discussion and votes.

use super::Problem;
use crate::ctx::Ctx;
use crate::error::{AppError, AppResult};
use crate::params::rfc3339_ms;
use crate::AppState;
use axum::extract::Path;
use axum::Json;
use serde::Serialize;
use teilhabe_domain::permission::{decide, Action, Target};
use teilhabe_store::council::{CouncilOverride, CouncilReview, ReviewDetail};
use utoipa::{OpenApi, ToSchema};
use utoipa_axum::router::OpenApiRouter;
use utoipa_axum::routes;

pub(crate) fn router() -> OpenApiRouter<AppState> {
    OpenApiRouter::with_openapi(Doc::openapi())
        .routes(routes!(entry_reviews))
        .routes(routes!(open_reviews))
        .routes(routes!(review_detail))
}

#[derive(OpenApi)]
#[openapi(
    components(schemas(ApiEntryReviews, ApiCouncilReview, ApiReviewReason, ApiVoteCounts, ApiAnswer, ApiOverride, ApiReviewDetail, ApiCouncilComment, ApiCouncilVote)),
    tags((name = "council", description = "The data council (Datenbeirat): reviews of register entries, published recommendations and the administration's answers. The discussion and individual votes are internal (council members and staff, with an API token)."))
)]
struct Doc;

/// Why a review was asked for.
#[derive(Serialize, ToSchema)]
pub struct ApiReviewReason {
    /// created_with_risk, risk_raised, status_changed, material_field_changed or manual.
    pub kind: String,
    /// The risk category, status or field concerned, or the administration's reason.
    pub detail: String,
    /// The entry version that triggered it.
    pub version: i64,
    /// RFC 3339.
    pub created_at: String,
}

/// Votes of a closed review.
#[derive(Serialize, ToSchema)]
pub struct ApiVoteCounts {
    pub approve: i64,
    pub approve_with_conditions: i64,
    pub reject: i64,
    pub abstain: i64,
}

/// The administration's public answer to a recommendation.
#[derive(Serialize, ToSchema)]
pub struct ApiAnswer {
    /// followed, partly_followed or not_followed.
    pub response: String,
    pub reasons: String,
    /// RFC 3339.
    pub answered_at: String,
}

/// A review. While it is open only its reasons are public; once closed,
/// the result, the counts, the rule applied and the recommendation.
#[derive(Serialize, ToSchema)]
pub struct ApiCouncilReview {
    pub id: i64,
    pub entry_slug: String,
    pub entry_title: String,
    /// open or closed.
    pub status: String,
    /// Asked for by a rule (blocks "operational" while open), not only by staff.
    pub required: bool,
    /// The entry version when the review was opened.
    pub version: i64,
    /// RFC 3339.
    pub opened_at: String,
    pub reasons: Vec<ApiReviewReason>,
    /// RFC 3339; closed reviews only.
    pub closed_at: Option<String>,
    /// approve, approve_with_conditions, reject, no_decision_quorum,
    /// no_decision_abstentions or no_decision_majority; closed reviews only.
    pub outcome: Option<String>,
    pub votes: Option<ApiVoteCounts>,
    /// The quorum in force when the review was closed.
    pub quorum: Option<i64>,
    /// simple or two_thirds.
    pub majority: Option<String>,
    pub recommendation: Option<String>,
    pub answer: Option<ApiAnswer>,
    /// The public page.
    pub url: String,
}

/// An admin set the entry to operational while a required review was open.
#[derive(Serialize, ToSchema)]
pub struct ApiOverride {
    pub review_id: i64,
    pub version: i64,
    pub justification: String,
    /// The admin's pseudonym, as in the audit trail.
    pub admin: String,
    /// RFC 3339.
    pub created_at: String,
}

/// The council's part of a register entry.
#[derive(Serialize, ToSchema)]
pub struct ApiEntryReviews {
    /// Open review first, then closed ones, newest first.
    pub reviews: Vec<ApiCouncilReview>,
    pub overrides: Vec<ApiOverride>,
}

/// A contribution to the internal discussion.
#[derive(Serialize, ToSchema)]
pub struct ApiCouncilComment {
    pub id: i64,
    pub author: String,
    /// Written by a council member (else by staff).
    pub by_member: bool,
    pub body: String,
    /// RFC 3339.
    pub created_at: String,
}

/// A member's vote (internal).
#[derive(Serialize, ToSchema)]
pub struct ApiCouncilVote {
    pub member: String,
    /// approve, approve_with_conditions, reject or abstain.
    pub vote: String,
    pub conditions: String,
    /// RFC 3339.
    pub updated_at: String,
}

/// A review with its internal discussion and votes (members and staff).
#[derive(Serialize, ToSchema)]
pub struct ApiReviewDetail {
    pub review: ApiCouncilReview,
    pub comments: Vec<ApiCouncilComment>,
    pub votes: Vec<ApiCouncilVote>,
    /// The result if the review were closed now.
    pub result_now: String,
}

fn review_json(r: &CouncilReview) -> ApiCouncilReview {
    let closed = !r.is_open();
    ApiCouncilReview {
        id: r.id,
        entry_slug: r.entry_slug.clone(),
        entry_title: r.entry_title.clone(),
        status: r.status.clone(),
        required: r.required,
        version: r.version,
        opened_at: rfc3339_ms(r.opened_at),
        reasons: r
            .reasons
            .iter()
            .map(|x| ApiReviewReason {
                kind: x.kind.clone(),
                detail: x.detail.clone(),
                version: x.version,
                created_at: rfc3339_ms(x.created_at),
            })
            .collect(),
        closed_at: r.closed_at.map(rfc3339_ms),
        outcome: r.outcome.clone(),
        votes: closed.then_some(ApiVoteCounts {
            approve: r.approve,
            approve_with_conditions: r.approve_with_conditions,
            reject: r.reject,
            abstain: r.abstain,
        }),
        quorum: r.quorum,
        majority: r.majority.clone(),
        recommendation: r.recommendation.clone(),
        answer: match (&r.response, &r.response_text, r.responded_at) {
            (Some(resp), Some(text), Some(at)) => Some(ApiAnswer {
                response: resp.clone(),
                reasons: text.clone(),
                answered_at: rfc3339_ms(at),
            }),
            _ => None,
        },
        url: format!("/data-register/{}#council", r.entry_slug),
    }
}

fn override_json(o: &CouncilOverride) -> ApiOverride {
    ApiOverride {
        review_id: o.review_id,
        version: o.version,
        justification: o.justification.clone(),
        admin: o.admin.clone(),
        created_at: rfc3339_ms(o.created_at),
    }
}

/// The council's public part of an entry: its reviews (an open one with
/// its reasons; closed ones with result, counts, recommendation and
/// answer) and admin overrides.
#[utoipa::path(get, path = "/register/{slug}/reviews", tag = "council", params(("slug" = String, Path)), responses((status = 200, body = ApiEntryReviews), (status = 404, body = Problem, content_type = "application/problem+json")))]
async fn entry_reviews(ctx: Ctx, Path(slug): Path<String>) -> AppResult<Json<ApiEntryReviews>> {
    let store = &ctx.state.store;
    let entry = store.register().entry(&ctx.tenant, &slug).await?;
    let reviews = store.council().entry_reviews(&ctx.tenant, entry.id).await?;
    let overrides = store.council().overrides(&ctx.tenant, entry.id).await?;
    Ok(Json(ApiEntryReviews {
        reviews: reviews.iter().map(review_json).collect(),
        overrides: overrides.iter().map(override_json).collect(),
    }))
}

/// Open reviews, oldest first (council members and staff).
#[utoipa::path(get, path = "/council/reviews", tag = "council", security(("token" = ["read"])), responses((status = 200, body = Vec<ApiCouncilReview>), (status = 401, body = Problem, content_type = "application/problem+json"), (status = 403, body = Problem, content_type = "application/problem+json")))]
async fn open_reviews(ctx: Ctx) -> AppResult<Json<Vec<ApiCouncilReview>>> {
    let reviews = ctx
        .state
        .store
        .council()
        .open_reviews(&ctx.tenant, &ctx.actor)
        .await?;
    Ok(Json(reviews.iter().map(review_json).collect()))
}

/// A review with its internal discussion and the members' votes
/// (council members and staff).
#[utoipa::path(get, path = "/council/reviews/{id}", tag = "council", params(("id" = i64, Path)), security(("token" = ["read"])), responses((status = 200, body = ApiReviewDetail), (status = 400, body = Problem, content_type = "application/problem+json"), (status = 401, body = Problem, content_type = "application/problem+json"), (status = 403, body = Problem, content_type = "application/problem+json"), (status = 404, body = Problem, content_type = "application/problem+json")))]
async fn review_detail(ctx: Ctx, Path(id): Path<String>) -> AppResult<Json<ApiReviewDetail>> {
    let id: i64 = id
        .parse()
        .ok()
        .filter(|v| *v > 0)
        .ok_or_else(|| AppError::BadRequest("error-id", format!("id: {id}")))?;
    decide(
        &ctx.actor,
        Action::ViewCouncilReviews,
        &Target::Municipality,
    )?;
    let d: ReviewDetail = ctx
        .state
        .store
        .council()
        .review(&ctx.tenant, &ctx.actor, id)
        .await?;
    Ok(Json(ApiReviewDetail {
        review: review_json(&d.review),
        comments: d
            .comments
            .iter()
            .map(|c| ApiCouncilComment {
                id: c.id,
                author: c.author_name.clone(),
                by_member: c.by_member,
                body: c.body.clone(),
                created_at: rfc3339_ms(c.created_at),
            })
            .collect(),
        votes: d
            .votes
            .iter()
            .map(|v| ApiCouncilVote {
                member: v.member_name.clone(),
                vote: v.vote.clone(),
                conditions: v.conditions.clone(),
                updated_at: rfc3339_ms(v.updated_at),
            })
            .collect(),
        result_now: d.would_be,
    }))
}
