//! The JSON API of participation along the lifecycle and of process
//! evaluations: the processes held for a register entry (by lifecycle
//! phase) and the published evaluation of a process (frozen figures,
//! lessons learned, revisions). Public like the pages.

use super::Problem;
use crate::ctx::Ctx;
use crate::error::{AppError, AppResult};
use crate::params::rfc3339_ms;
use crate::AppState;
use axum::extract::{Path, Query};
use axum::Json;
use serde::{Deserialize, Serialize};
use teilhabe_store::evaluation::{Evaluation, EvaluationRevision};
use utoipa::{IntoParams, OpenApi, ToSchema};
use utoipa_axum::router::OpenApiRouter;
use utoipa_axum::routes;

pub(crate) fn router() -> OpenApiRouter<AppState> {
    OpenApiRouter::with_openapi(Doc::openapi())
        .routes(routes!(entry_processes))
        .routes(routes!(evaluation))
}

#[derive(OpenApi)]
#[openapi(
    components(schemas(ApiLifecycleLink, ApiEvaluation, ApiEvaluationRevision, ApiFigures, ApiFormCounts, ApiChannelCounts, ApiEvaluationGoal, ApiEvaluationIndicator)),
    tags((name = "evaluation", description = "Participation along the lifecycle of register entries, and the published evaluations of closed processes"))
)]
struct Doc;

/// A process held for a register entry.
#[derive(Serialize, ToSchema)]
pub struct ApiLifecycleLink {
    pub process_slug: String,
    pub process_title: String,
    /// draft (only for its staff), published, closed or archived.
    pub process_status: String,
    /// The entry's lifecycle status when the process was linked: planned,
    /// design, development, pilot, evaluation, operational or retired.
    pub lifecycle_status: String,
    /// The entry's version at that time.
    pub entry_version: i64,
    /// RFC 3339.
    pub linked_at: String,
    /// The process page.
    pub url: String,
}

/// Contributions per participation form.
#[derive(Serialize, Deserialize, ToSchema)]
pub struct ApiFormCounts {
    pub proposals: i64,
    pub comments: i64,
    pub supports: i64,
    pub opinion_votes: i64,
    pub opinion_statements: i64,
    pub budget_ballots: i64,
}

/// Contributions of one channel.
#[derive(Serialize, Deserialize, ToSchema)]
pub struct ApiChannelCounts {
    /// online, paper, phone, office or meeting.
    pub channel: String,
    #[serde(flatten)]
    pub forms: ApiFormCounts,
    pub total: i64,
}

/// The participation figures as frozen at publication.
#[derive(Serialize, Deserialize, ToSchema)]
pub struct ApiFigures {
    /// Accounts + anonymous online participants + people reached offline.
    pub participants: i64,
    pub participants_accounts: i64,
    /// Pseudonymous online participants without account (opinion map).
    pub participants_anonymous: i64,
    /// Offline contributions without a key count one person each (an upper bound).
    pub participants_offline: i64,
    /// Participating accounts that are verified residents.
    pub verified_accounts: i64,
    /// 0..1; null without participating accounts.
    pub verified_share: Option<f64>,
    pub contributions: i64,
    pub by_form: ApiFormCounts,
    /// Channels with contributions, online first.
    pub by_channel: Vec<ApiChannelCounts>,
    /// 0..1 of all contributions.
    pub offline_share: Option<f64>,
    /// Proposals with a public written answer.
    pub proposals_answered: i64,
    /// Median days from submission to the first written answer.
    pub median_answer_days: Option<f64>,
    pub answered_within_deadline: i64,
    pub answered_late: i64,
    pub awaiting_answer: i64,
    /// Waiting longer than the answer deadline at publication.
    pub overdue: i64,
    /// Accepted, in implementation or done.
    pub proposals_accepted: i64,
    /// Done.
    pub proposals_implemented: i64,
    pub proposals_rejected: i64,
}

/// An indicator of a linked impact goal at publication.
#[derive(Serialize, Deserialize, ToSchema)]
pub struct ApiEvaluationIndicator {
    pub name: String,
    pub unit: String,
    /// achieved, on_track, off_track or no_data.
    pub state: String,
    pub latest: Option<f64>,
    pub target: f64,
}

/// A linked impact goal at publication.
#[derive(Serialize, Deserialize, ToSchema)]
pub struct ApiEvaluationGoal {
    pub title: String,
    pub slug: String,
    /// achieved, on_track, off_track or no_data.
    pub state: String,
    pub indicators: Vec<ApiEvaluationIndicator>,
}

/// A published revision in the history.
#[derive(Serialize, ToSchema)]
pub struct ApiEvaluationRevision {
    pub revision: i64,
    /// What the correction changed (empty for the first publication).
    pub correction_note: String,
    /// Pseudonym, as in the audit trail.
    pub published_by: String,
    /// RFC 3339.
    pub published_at: String,
}

/// A published evaluation of a closed process.
#[derive(Serialize, ToSchema)]
pub struct ApiEvaluation {
    pub process_slug: String,
    pub process_title: String,
    pub department: Option<String>,
    /// Start of the first phase (YYYY-MM-DD).
    pub period_start: Option<String>,
    /// End of the last phase (YYYY-MM-DD).
    pub period_end: Option<String>,
    pub revision: i64,
    /// RFC 3339.
    pub published_at: String,
    pub published_by: String,
    /// When the figures were computed (RFC 3339).
    pub computed_at: String,
    pub answer_deadline_days: i64,
    /// The staff's lessons learned (Markdown).
    pub lessons: String,
    pub correction_note: String,
    pub figures: ApiFigures,
    /// Linked impact goals and their state at publication.
    pub goals: Vec<ApiEvaluationGoal>,
    /// All published revisions, newest first.
    pub revisions: Vec<ApiEvaluationRevision>,
    /// The public page.
    pub url: String,
}

/// The same fields under the same names: converted through JSON.
fn convert<A: Serialize, B: serde::de::DeserializeOwned>(a: &A) -> Result<B, AppError> {
    serde_json::to_value(a)
        .and_then(serde_json::from_value)
        .map_err(|e| AppError::Internal(format!("evaluation JSON: {e}")))
}

impl ApiEvaluation {
    pub fn from(ev: &Evaluation, revisions: &[EvaluationRevision]) -> Result<Self, AppError> {
        let s = &ev.snapshot;
        Ok(ApiEvaluation {
            process_slug: s.process_slug.clone(),
            process_title: s.process_title.clone(),
            department: s.department.clone(),
            period_start: s.period_start.clone(),
            period_end: s.period_end.clone(),
            revision: ev.revision,
            published_at: rfc3339_ms(ev.published_at),
            published_by: ev.published_by.clone(),
            computed_at: rfc3339_ms(s.computed_at),
            answer_deadline_days: s.answer_deadline_days,
            lessons: ev.lessons.clone(),
            correction_note: ev.correction_note.clone(),
            figures: convert(&s.figures)?,
            goals: convert(&s.goals)?,
            revisions: revisions
                .iter()
                .map(|r| ApiEvaluationRevision {
                    revision: r.revision,
                    correction_note: r.correction_note.clone(),
                    published_by: r.published_by.clone(),
                    published_at: rfc3339_ms(r.published_at),
                })
                .collect(),
            url: format!("/processes/{}/evaluation", s.process_slug),
        })
    }
}

/// The processes held for a register entry, oldest first, each with the
/// entry's lifecycle status at the time. Drafts only for their staff.
#[utoipa::path(get, path = "/register/{slug}/processes", tag = "evaluation", params(("slug" = String, Path)), responses((status = 200, body = Vec<ApiLifecycleLink>), (status = 404, body = Problem, content_type = "application/problem+json")))]
async fn entry_processes(
    ctx: Ctx,
    Path(slug): Path<String>,
) -> AppResult<Json<Vec<ApiLifecycleLink>>> {
    let store = &ctx.state.store;
    let entry = store.register().entry(&ctx.tenant, &slug).await?;
    let links = store
        .evaluations()
        .entry_processes(&ctx.tenant, &ctx.actor, entry.id)
        .await?;
    Ok(Json(
        links
            .into_iter()
            .map(|l| ApiLifecycleLink {
                url: format!("/processes/{}", l.process_slug),
                process_slug: l.process_slug,
                process_title: l.process_title,
                process_status: l.process_status.as_str().to_string(),
                lifecycle_status: l.lifecycle_status,
                entry_version: l.entry_version,
                linked_at: rfc3339_ms(l.created_at),
            })
            .collect(),
    ))
}

#[derive(Deserialize, IntoParams)]
pub struct RevisionParam {
    /// A published revision (default: the latest).
    revision: Option<i64>,
}

/// The published evaluation of a process (the latest revision, or the one
/// asked for). 404 while none is published.
#[utoipa::path(get, path = "/processes/{slug}/evaluation", tag = "evaluation", params(("slug" = String, Path), RevisionParam), responses((status = 200, body = ApiEvaluation), (status = 400, body = Problem, content_type = "application/problem+json"), (status = 404, body = Problem, content_type = "application/problem+json")))]
async fn evaluation(
    ctx: Ctx,
    Path(slug): Path<String>,
    Query(q): Query<RevisionParam>,
) -> AppResult<Json<ApiEvaluation>> {
    if let Some(r) = q.revision.filter(|r| *r < 1) {
        return Err(AppError::BadRequest("error-id", format!("revision: {r}")));
    }
    let (_, ev, revisions) = ctx
        .state
        .store
        .evaluations()
        .published(&ctx.tenant, &ctx.actor, &slug, q.revision)
        .await?;
    Ok(Json(ApiEvaluation::from(&ev, &revisions)?))
}
