//! The JSON API: the same read model and citizen/staff actions as the
//! pages, authenticated with API tokens (`Authorization: Bearer th_...`,
//! created on the profile page). Errors are RFC 9457 problem+json. The
//! OpenAPI 3.1 document is generated from these handlers' annotations and
//! served at `/api/openapi.json`.

use crate::ctx::{ApiJson, Ctx};
use crate::error::{AppError, AppResult};
use crate::pages::participation::ListQuery;
use crate::AppState;
use axum::extract::{Path, Query};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use axum::routing::{get, post};
use axum::{Json, Router};
use serde::{Deserialize, Serialize};
use teilhabe_domain::process::ProcessStatus;
use teilhabe_domain::proposal::ProposalDraft;
use teilhabe_store::processes::Process;
use teilhabe_store::proposals::{Comment, Proposal};
use utoipa::{IntoParams, OpenApi, ToSchema};

pub fn routes() -> Router<AppState> {
    Router::new()
        .route("/openapi.json", get(openapi))
        .route("/processes", get(list_processes))
        .route("/processes/{slug}", get(get_process))
        .route(
            "/processes/{slug}/proposals",
            get(list_proposals).post(create_proposal),
        )
        .route("/proposals/{id}", get(get_proposal))
        .route(
            "/proposals/{id}/support",
            post(support).delete(withdraw_support),
        )
        .route("/proposals/{id}/comments", post(create_comment))
        .route("/proposals/{id}/answer", post(answer))
        .route("/processes/{slug}/opinion", get(get_opinion))
        .route("/processes/{slug}/opinion/votes", post(vote_opinion))
        .route("/search", get(search))
        .route("/audit", get(audit))
        .route("/processes/{slug}/budgets", get(list_budgets))
        .route("/budgets/{id}", get(get_budget))
        .route("/budgets/{id}/ballot", post(cast_ballot))
        .route("/budgets/{id}/results", get(budget_results))
        // Each part of the register keeps its routes in its own module.
        .merge(crate::api_register::routes())
        .merge(crate::api_council::routes())
        .merge(crate::api_questions::routes())
        .merge(crate::api_goals::routes())
        .merge(crate::api_evaluation::routes())
        .fallback(|| async { AppError::NotFound })
}

#[derive(OpenApi)]
#[openapi(
    info(title = "teilhabe API", description = "Participatory processes, proposals, supports, comments, answers, opinion maps, participatory budgets (ballots and results) and the public audit log of a municipality. Reads are public; writes need an API token created on the profile page (`Authorization: Bearer th_...`). Errors are `application/problem+json` (RFC 9457)."),
    paths(list_processes, get_process, list_proposals, create_proposal, get_proposal, support, withdraw_support, create_comment, answer, get_opinion, vote_opinion, search, audit, list_budgets, get_budget, cast_ballot, budget_results),
    components(schemas(ApiBudgetSummary, ApiBudget, ApiBudgetProject, ApiBallotChoice, NewBallot, ApiReceipt, ApiBudgetResult, ApiResultProject, ApiTurnout, ApiProcess, ApiPhase, ApiProposal, ApiComment, ApiProgressNote, ApiProposalDetail, ProposalPage, NewProposal, NewComment, NewAnswer, SupportResult, SearchHit, SearchPage, AuditEntry, AuditPage, Problem, ProblemField, ApiOpinionMap, ApiStatement, ApiOpinionAnalysis, ApiOpinionGroup, ApiRepresentative, ApiSharedStatement, NewOpinionVote, OpinionVoteResult)),
    modifiers(&SecurityAddon),
    tags((name = "processes"), (name = "proposals"), (name = "opinion"), (name = "search"), (name = "audit"), (name = "budgets"))
)]
pub struct ApiDoc;

struct SecurityAddon;
impl utoipa::Modify for SecurityAddon {
    fn modify(&self, openapi: &mut utoipa::openapi::OpenApi) {
        use utoipa::openapi::security::{HttpAuthScheme, HttpBuilder, SecurityScheme};
        let components = openapi.components.get_or_insert_with(Default::default);
        components.add_security_scheme(
            "token",
            SecurityScheme::Http(HttpBuilder::new().scheme(HttpAuthScheme::Bearer).build()),
        );
    }
}

/// The whole OpenAPI document: this module's paths plus each register
/// part's fragment (one line per `api_*` module).
pub fn openapi_document() -> utoipa::openapi::OpenApi {
    let mut doc = ApiDoc::openapi();
    for part in [
        crate::api_register::RegisterApiDoc::openapi(),
        crate::api_council::CouncilApiDoc::openapi(),
        crate::api_questions::QuestionsApiDoc::openapi(),
        crate::api_goals::GoalsApiDoc::openapi(),
        crate::api_evaluation::EvaluationApiDoc::openapi(),
    ] {
        doc.merge(part);
    }
    doc
}

/// The OpenAPI document of this API.
async fn openapi() -> Response {
    let mut r = Json(openapi_document()).into_response();
    r.headers_mut().insert(
        axum::http::header::CACHE_CONTROL,
        axum::http::HeaderValue::from_static("public, max-age=300"),
    );
    r
}

/// An error (RFC 9457).
#[derive(Serialize, ToSchema)]
pub struct Problem {
    #[serde(rename = "type")]
    pub type_: String,
    pub title: String,
    pub status: u16,
    pub detail: Option<String>,
    pub errors: Option<Vec<ProblemField>>,
}

/// One invalid field.
#[derive(Serialize, ToSchema)]
pub struct ProblemField {
    pub field: String,
    pub reason: String,
    pub code: String,
}

#[derive(Serialize, ToSchema)]
pub struct ApiPhase {
    pub title: String,
    pub starts_on: String,
    pub ends_on: String,
    /// Participation forms open in this phase: proposals, supports, comments.
    pub forms: Vec<String>,
    pub active: bool,
}

#[derive(Serialize, ToSchema)]
pub struct ApiProcess {
    pub slug: String,
    pub title: String,
    pub summary: String,
    /// Markdown.
    pub body: String,
    pub department: Option<String>,
    pub area: String,
    /// draft, published, closed or archived.
    pub status: String,
    pub proposal_count: i64,
    pub phases: Vec<ApiPhase>,
    pub supports_require_verification: bool,
    pub support_limit: Option<u32>,
}

impl From<&Process> for ApiProcess {
    fn from(p: &Process) -> Self {
        ApiProcess {
            slug: p.slug.clone(),
            title: p.title.clone(),
            summary: p.summary.clone(),
            body: p.body.clone(),
            department: p.department.clone(),
            area: p.area.clone(),
            status: p.status.as_str().into(),
            proposal_count: p.proposal_count,
            phases: p
                .phases
                .iter()
                .map(|ph| ApiPhase {
                    title: ph.title.clone(),
                    starts_on: ph.starts_on.clone(),
                    ends_on: ph.ends_on.clone(),
                    forms: ph.forms.iter().map(|f| f.as_str().to_string()).collect(),
                    active: ph.active,
                })
                .collect(),
            supports_require_verification: p.rules.supports_require_verification,
            support_limit: p.rules.support_limit,
        }
    }
}

#[derive(Serialize, ToSchema)]
pub struct ApiProposal {
    pub id: i64,
    pub title: String,
    pub body: String,
    pub category: String,
    pub latitude: Option<f64>,
    pub longitude: Option<f64>,
    pub author: String,
    /// online, paper, phone, office or meeting.
    pub channel: String,
    /// submitted, in_review, accepted, rejected, in_implementation or done.
    pub status: String,
    pub answer: Option<String>,
    /// Unix milliseconds.
    pub answered_at: Option<i64>,
    pub progress: i64,
    pub support_count: i64,
    pub comment_count: i64,
    pub hidden: bool,
    pub hidden_reason: Option<String>,
    pub created_at: i64,
    /// Unanswered past the municipality's deadline.
    pub overdue: bool,
}

impl From<&Proposal> for ApiProposal {
    fn from(p: &Proposal) -> Self {
        // Hidden contributions keep their place but not their content.
        let (title, body) = if p.hidden {
            (String::new(), String::new())
        } else {
            (p.title.clone(), p.body.clone())
        };
        ApiProposal {
            id: p.id,
            title,
            body,
            category: p.category.clone(),
            latitude: p.latitude,
            longitude: p.longitude,
            author: p.author_name.clone(),
            channel: p.channel.as_str().into(),
            status: p.status.as_str().into(),
            answer: p.answer.clone(),
            answered_at: p.answered_at,
            progress: p.progress,
            support_count: p.support_count,
            comment_count: p.comment_count,
            hidden: p.hidden,
            hidden_reason: p.hidden_reason.clone(),
            created_at: p.created_at,
            overdue: p.overdue,
        }
    }
}

#[derive(Serialize, ToSchema)]
pub struct ApiComment {
    pub id: i64,
    pub parent_id: Option<i64>,
    pub author: String,
    pub channel: String,
    pub body: String,
    pub hidden: bool,
    pub hidden_reason: Option<String>,
    pub created_at: i64,
}

impl From<&Comment> for ApiComment {
    fn from(c: &Comment) -> Self {
        ApiComment {
            id: c.id,
            parent_id: c.parent_id,
            author: c.author_name.clone(),
            channel: c.channel.as_str().into(),
            body: if c.hidden {
                String::new()
            } else {
                c.body.clone()
            },
            hidden: c.hidden,
            hidden_reason: c.hidden_reason.clone(),
            created_at: c.created_at,
        }
    }
}

#[derive(Serialize, ToSchema)]
pub struct ApiProgressNote {
    pub percent: i64,
    pub note: String,
    pub noted_on: String,
}

#[derive(Serialize, ToSchema)]
pub struct ApiProposalDetail {
    pub proposal: ApiProposal,
    pub process: String,
    /// Thread order: each reply follows its parent.
    pub comments: Vec<ApiComment>,
    pub progress_notes: Vec<ApiProgressNote>,
}

#[derive(Serialize, ToSchema)]
pub struct ProposalPage {
    pub items: Vec<ApiProposal>,
    pub total: i64,
    pub page: i64,
    pub per_page: i64,
}

#[derive(Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct NewProposal {
    pub title: String,
    pub body: String,
    #[serde(default)]
    pub category: String,
    pub latitude: Option<f64>,
    pub longitude: Option<f64>,
}

#[derive(Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct NewComment {
    pub body: String,
    pub parent_id: Option<i64>,
}

#[derive(Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct NewAnswer {
    pub status: String,
    #[serde(default)]
    pub answer: String,
    pub progress: Option<i64>,
    #[serde(default)]
    pub note: String,
}

#[derive(Serialize, ToSchema)]
pub struct SupportResult {
    pub support_count: i64,
}

#[derive(Serialize, ToSchema)]
pub struct SearchHit {
    /// process, proposal or comment.
    pub kind: String,
    pub id: i64,
    pub title: String,
    pub snippet: String,
    pub link: String,
}

#[derive(Serialize, ToSchema)]
pub struct SearchPage {
    pub items: Vec<SearchHit>,
    pub total: i64,
    pub page: i64,
    pub per_page: i64,
}

#[derive(Serialize, ToSchema)]
pub struct AuditEntry {
    pub seq: i64,
    pub at_ms: i64,
    /// A pseudonym, never a name.
    pub actor: String,
    pub action: String,
    pub target: String,
    /// The exact JSON text that was hashed.
    pub details: String,
    pub prev_hash: String,
    pub hash: String,
}

#[derive(Serialize, ToSchema)]
pub struct AuditPage {
    pub items: Vec<AuditEntry>,
    pub total: i64,
    pub page: i64,
    pub per_page: i64,
    pub head_hash: Option<String>,
}

#[derive(Deserialize, IntoParams)]
pub struct PageParams {
    /// Page number, from 1.
    pub page: Option<i64>,
}

#[derive(Deserialize, IntoParams)]
pub struct ProposalParams {
    pub status: Option<String>,
    pub category: Option<String>,
    pub channel: Option<String>,
    /// newest, oldest, most_supported or most_commented.
    pub sort: Option<String>,
    pub page: Option<i64>,
    /// 1 to 100, default 20.
    pub per_page: Option<i64>,
}

#[derive(Deserialize, IntoParams)]
pub struct SearchParams {
    pub q: String,
    pub page: Option<i64>,
}

/// Public processes (drafts only for their staff).
#[utoipa::path(get, path = "/api/processes", tag = "processes", responses((status = 200, body = Vec<ApiProcess>)))]
async fn list_processes(ctx: Ctx) -> AppResult<Json<Vec<ApiProcess>>> {
    let list = ctx
        .state
        .store
        .processes()
        .list(&ctx.tenant, &ctx.actor, None)
        .await?;
    Ok(Json(
        list.iter()
            .filter(|p| p.status != ProcessStatus::Draft || ctx.actor.runs(p.department_id))
            .map(ApiProcess::from)
            .collect(),
    ))
}

/// One process with its phases.
#[utoipa::path(get, path = "/api/processes/{slug}", tag = "processes", params(("slug" = String, Path)), responses((status = 200, body = ApiProcess), (status = 404, body = Problem, content_type = "application/problem+json")))]
async fn get_process(ctx: Ctx, Path(slug): Path<String>) -> AppResult<Json<ApiProcess>> {
    let p = ctx
        .state
        .store
        .processes()
        .get(&ctx.tenant, &ctx.actor, &slug)
        .await?;
    Ok(Json(ApiProcess::from(&p)))
}

/// A page of a process's proposals.
#[utoipa::path(get, path = "/api/processes/{slug}/proposals", tag = "proposals", params(("slug" = String, Path), ProposalParams), responses((status = 200, body = ProposalPage), (status = 400, body = Problem, content_type = "application/problem+json"), (status = 404, body = Problem, content_type = "application/problem+json")))]
async fn list_proposals(
    ctx: Ctx,
    Path(slug): Path<String>,
    Query(q): Query<ListQuery>,
) -> AppResult<Json<ProposalPage>> {
    let p = ctx
        .state
        .store
        .processes()
        .get(&ctx.tenant, &ctx.actor, &slug)
        .await?;
    let (page, _) = ctx
        .state
        .store
        .proposals()
        .list(&ctx.tenant, &p, &q.filter()?, None)
        .await?;
    Ok(Json(ProposalPage {
        items: page.items.iter().map(ApiProposal::from).collect(),
        total: page.total,
        page: page.page,
        per_page: page.per_page,
    }))
}

/// Submits a proposal (citizens, while the proposals form is open).
#[utoipa::path(post, path = "/api/processes/{slug}/proposals", tag = "proposals", params(("slug" = String, Path)), request_body = NewProposal, security(("token" = [])), responses((status = 201, body = ApiProposal), (status = 401, body = Problem, content_type = "application/problem+json"), (status = 403, body = Problem, content_type = "application/problem+json"), (status = 409, body = Problem, content_type = "application/problem+json"), (status = 422, body = Problem, content_type = "application/problem+json")))]
async fn create_proposal(
    Path(slug): Path<String>,
    ApiJson(ctx, body): ApiJson<NewProposal>,
) -> AppResult<(StatusCode, Json<ApiProposal>)> {
    ctx.limit(&ctx.state.limits.contribute, "contribute")?;
    let draft = ProposalDraft {
        title: body.title,
        body: body.body,
        category: body.category,
        latitude: body.latitude,
        longitude: body.longitude,
    };
    let p = ctx
        .state
        .store
        .proposals()
        .create(&ctx.tenant, &ctx.actor, &slug, &draft, None)
        .await?;
    Ok((StatusCode::CREATED, Json(ApiProposal::from(&p))))
}

/// A proposal with comments and implementation progress.
#[utoipa::path(get, path = "/api/proposals/{id}", tag = "proposals", params(("id" = i64, Path)), responses((status = 200, body = ApiProposalDetail), (status = 404, body = Problem, content_type = "application/problem+json")))]
async fn get_proposal(ctx: Ctx, Path(id): Path<String>) -> AppResult<Json<ApiProposalDetail>> {
    let id = parse_id(&id)?;
    let d = ctx
        .state
        .store
        .proposals()
        .get(&ctx.tenant, &ctx.actor, id)
        .await?;
    Ok(Json(ApiProposalDetail {
        proposal: ApiProposal::from(&d.proposal),
        process: d.process.slug.clone(),
        comments: d.comments.iter().map(ApiComment::from).collect(),
        progress_notes: d
            .progress_notes
            .iter()
            .map(|n| ApiProgressNote {
                percent: n.percent,
                note: n.note.clone(),
                noted_on: n.noted_on.clone(),
            })
            .collect(),
    }))
}

/// Ids in paths must be positive integers; anything else is a clear 400.
fn parse_id(s: &str) -> Result<i64, AppError> {
    match s.parse::<i64>() {
        Ok(v) if v > 0 => Ok(v),
        _ => Err(AppError::BadRequest(
            "error-id",
            s.chars().take(40).collect(),
        )),
    }
}

#[derive(Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct NoBody {}

/// Supports a proposal (one per person).
#[utoipa::path(post, path = "/api/proposals/{id}/support", tag = "proposals", params(("id" = i64, Path)), security(("token" = [])), responses((status = 200, body = SupportResult), (status = 409, body = Problem, content_type = "application/problem+json")))]
async fn support(ctx: Ctx, Path(id): Path<String>) -> AppResult<Json<SupportResult>> {
    require_token(&ctx)?;
    ctx.limit(&ctx.state.limits.contribute, "contribute")?;
    let n = ctx
        .state
        .store
        .proposals()
        .support(&ctx.tenant, &ctx.actor, parse_id(&id)?, None)
        .await?;
    Ok(Json(SupportResult { support_count: n }))
}

/// Withdraws one's support.
#[utoipa::path(delete, path = "/api/proposals/{id}/support", tag = "proposals", params(("id" = i64, Path)), security(("token" = [])), responses((status = 200, body = SupportResult), (status = 409, body = Problem, content_type = "application/problem+json")))]
async fn withdraw_support(ctx: Ctx, Path(id): Path<String>) -> AppResult<Json<SupportResult>> {
    require_token(&ctx)?;
    let n = ctx
        .state
        .store
        .proposals()
        .withdraw_support(&ctx.tenant, &ctx.actor, parse_id(&id)?)
        .await?;
    Ok(Json(SupportResult { support_count: n }))
}

/// Writes without a JSON body still need a token: cookies are not accepted
/// for API writes, so no CSRF token is needed.
fn require_token(ctx: &Ctx) -> Result<(), AppError> {
    if ctx.via_token {
        Ok(())
    } else {
        Err(AppError::Denied(teilhabe_domain::Denied::LoginRequired))
    }
}

/// Comments on a proposal, optionally as a reply.
#[utoipa::path(post, path = "/api/proposals/{id}/comments", tag = "proposals", params(("id" = i64, Path)), request_body = NewComment, security(("token" = [])), responses((status = 201, body = ApiComment), (status = 422, body = Problem, content_type = "application/problem+json")))]
async fn create_comment(
    Path(id): Path<String>,
    ApiJson(ctx, body): ApiJson<NewComment>,
) -> AppResult<(StatusCode, Json<ApiComment>)> {
    ctx.limit(&ctx.state.limits.contribute, "contribute")?;
    let id = parse_id(&id)?;
    let cid = ctx
        .state
        .store
        .proposals()
        .comment(
            &ctx.tenant,
            &ctx.actor,
            id,
            body.parent_id,
            &body.body,
            None,
        )
        .await?;
    let d = ctx
        .state
        .store
        .proposals()
        .get(&ctx.tenant, &ctx.actor, id)
        .await?;
    let c = d
        .comments
        .iter()
        .find(|c| c.id == cid)
        .ok_or(AppError::NotFound)?;
    Ok((StatusCode::CREATED, Json(ApiComment::from(c))))
}

/// Staff set status, public answer and progress.
#[utoipa::path(post, path = "/api/proposals/{id}/answer", tag = "proposals", params(("id" = i64, Path)), request_body = NewAnswer, security(("token" = [])), responses((status = 200, body = ApiProposal), (status = 403, body = Problem, content_type = "application/problem+json"), (status = 422, body = Problem, content_type = "application/problem+json")))]
async fn answer(
    Path(id): Path<String>,
    ApiJson(ctx, body): ApiJson<NewAnswer>,
) -> AppResult<Json<ApiProposal>> {
    let p = ctx
        .state
        .store
        .proposals()
        .answer(
            &ctx.tenant,
            &ctx.actor,
            parse_id(&id)?,
            &body.status,
            &body.answer,
            body.progress,
            &body.note,
        )
        .await?;
    Ok(Json(ApiProposal::from(&p)))
}

/// Full-text search over processes, proposals and comments.
#[utoipa::path(get, path = "/api/search", tag = "search", params(SearchParams), responses((status = 200, body = SearchPage)))]
async fn search(ctx: Ctx, Query(q): Query<SearchParams>) -> AppResult<Json<SearchPage>> {
    if q.q.chars().count() > 200 {
        return Err(AppError::BadRequest("error-search-too-long", String::new()));
    }
    let r = ctx
        .state
        .store
        .search()
        .query(&ctx.tenant, &q.q, q.page.unwrap_or(1).max(1), 20)
        .await?;
    let strip = |s: &str| {
        s.replace(
            [
                teilhabe_store::search::MARK_START,
                teilhabe_store::search::MARK_END,
            ],
            "",
        )
    };
    Ok(Json(SearchPage {
        items: r
            .items
            .iter()
            .map(|h| SearchHit {
                kind: format!("{:?}", h.kind).to_lowercase(),
                id: h.id,
                title: h.title.clone(),
                snippet: strip(&h.snippet),
                link: h.link.clone(),
            })
            .collect(),
        total: r.total,
        page: r.page,
        per_page: r.per_page,
    }))
}

/// The audit log, newest first, with the current head hash.
#[utoipa::path(get, path = "/api/audit", tag = "audit", params(PageParams), responses((status = 200, body = AuditPage)))]
async fn audit(ctx: Ctx, Query(q): Query<PageParams>) -> AppResult<Json<AuditPage>> {
    let page = ctx
        .state
        .store
        .audit()
        .page(&ctx.tenant, q.page.unwrap_or(1), 100)
        .await?;
    let head = ctx.state.store.audit().head(&ctx.tenant).await?;
    Ok(Json(AuditPage {
        items: page
            .items
            .into_iter()
            .map(|e| AuditEntry {
                seq: e.seq,
                at_ms: e.at_ms,
                actor: e.actor,
                action: e.action,
                target: e.target,
                details: e.details,
                prev_hash: e.prev_hash,
                hash: e.hash,
            })
            .collect(),
        total: page.total,
        page: page.page,
        per_page: page.per_page,
        head_hash: head.map(|h| h.1),
    }))
}

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
#[utoipa::path(get, path = "/api/processes/{slug}/opinion", tag = "opinion", params(("slug" = String, Path)), responses((status = 200, body = ApiOpinionMap), (status = 404, body = Problem, content_type = "application/problem+json")))]
async fn get_opinion(ctx: Ctx, Path(slug): Path<String>) -> AppResult<Json<ApiOpinionMap>> {
    let store = &ctx.state.store;
    let (process, map) = store
        .process_opinion_map(&ctx.tenant, &ctx.actor, &slug)
        .await?;
    if !map.exists {
        return Err(AppError::NotFound);
    }
    let statements = store
        .opinion_statements(&ctx.tenant, &map, false, None)
        .await?;
    let stored = store.opinion_result(process.id).await?;
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
#[utoipa::path(post, path = "/api/processes/{slug}/opinion/votes", tag = "opinion", params(("slug" = String, Path)), request_body = NewOpinionVote, security(("token" = [])), responses((status = 200, body = OpinionVoteResult), (status = 401, body = Problem, content_type = "application/problem+json"), (status = 403, body = Problem, content_type = "application/problem+json"), (status = 409, body = Problem, content_type = "application/problem+json"), (status = 422, body = Problem, content_type = "application/problem+json")))]
async fn vote_opinion(
    Path(slug): Path<String>,
    ApiJson(ctx, body): ApiJson<NewOpinionVote>,
) -> AppResult<Json<OpinionVoteResult>> {
    let vote = teilhabe_domain::opinion::OpinionVote::parse(&body.vote).ok_or_else(|| {
        let mut e = teilhabe_domain::FieldErrors::new();
        e.add("vote", "error-opinion-vote");
        AppError::Invalid(e)
    })?;
    let user = ctx
        .user_id()
        .ok_or(AppError::Denied(teilhabe_domain::Denied::LoginRequired))?;
    let voter = teilhabe_store::opinion::VoterId::User(user);
    let store = &ctx.state.store;
    store
        .vote_opinion(
            &ctx.tenant,
            &ctx.actor,
            &slug,
            &voter,
            body.statement_id,
            vote,
        )
        .await?;
    let (_, map) = store
        .process_opinion_map(&ctx.tenant, &ctx.actor, &slug)
        .await?;
    let ballot = store
        .opinion_ballot(&ctx.tenant, &map, Some(&voter))
        .await?;
    Ok(Json(OpinionVoteResult {
        statement_id: body.statement_id,
        vote: vote.as_str().into(),
        voted: ballot.voted,
        total: ballot.total,
    }))
}

// ---- Participatory budgeting ----

/// A budget of a process with the projects on its ballot.
#[derive(Serialize, ToSchema)]
pub struct ApiBudget {
    pub id: i64,
    pub process: String,
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
    pub id: i64,
    pub name: String,
    /// Empty for the city-wide budget.
    pub district: String,
    pub amount: i64,
    pub ballot_kind: String,
    pub ballot_limit: Option<i64>,
    pub rule: String,
    pub ballots: i64,
    pub published: bool,
}

/// The participatory budgets of a process.
#[utoipa::path(get, path = "/api/processes/{slug}/budgets", tag = "budgets", params(("slug" = String, Path)), responses((status = 200, body = [ApiBudgetSummary]), (status = 404, body = Problem, content_type = "application/problem+json")))]
async fn list_budgets(
    ctx: Ctx,
    Path(slug): Path<String>,
) -> AppResult<Json<Vec<ApiBudgetSummary>>> {
    let (_, budgets) = ctx
        .state
        .store
        .budgets(&ctx.tenant, &ctx.actor, &slug)
        .await?;
    Ok(Json(
        budgets
            .iter()
            .map(|b| ApiBudgetSummary {
                id: b.id,
                name: b.name.clone(),
                district: b.district.clone(),
                amount: b.amount,
                ballot_kind: b.ballot_kind.as_str().into(),
                ballot_limit: b.ballot_limit,
                rule: b.rule.as_str().into(),
                ballots: b.ballot_count,
                published: b.published_at.is_some(),
            })
            .collect(),
    ))
}

/// A budget with the feasible projects on its ballot.
#[utoipa::path(get, path = "/api/budgets/{id}", tag = "budgets", params(("id" = i64, Path)), responses((status = 200, body = ApiBudget), (status = 404, body = Problem, content_type = "application/problem+json")))]
async fn get_budget(ctx: Ctx, Path(id): Path<String>) -> AppResult<Json<ApiBudget>> {
    let d = ctx
        .state
        .store
        .budget_detail(
            &ctx.tenant,
            &teilhabe_domain::Actor::visitor(),
            parse_id(&id)?,
        )
        .await?;
    let b = &d.budget;
    Ok(Json(ApiBudget {
        id: b.id,
        process: d.process.slug.clone(),
        name: b.name.clone(),
        district: b.district.clone(),
        amount: b.amount,
        ballot_kind: b.ballot_kind.as_str().into(),
        ballot_limit: b.ballot_limit,
        rule: b.rule.as_str().into(),
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
#[utoipa::path(post, path = "/api/budgets/{id}/ballot", tag = "budgets", params(("id" = i64, Path)), request_body = NewBallot, security(("token" = [])), responses((status = 201, body = ApiReceipt), (status = 401, body = Problem, content_type = "application/problem+json"), (status = 403, body = Problem, content_type = "application/problem+json"), (status = 409, body = Problem, content_type = "application/problem+json"), (status = 422, body = Problem, content_type = "application/problem+json")))]
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
#[utoipa::path(get, path = "/api/budgets/{id}/results", tag = "budgets", params(("id" = i64, Path)), responses((status = 200, body = ApiBudgetResult), (status = 404, body = Problem, content_type = "application/problem+json"), (status = 409, body = Problem, content_type = "application/problem+json")))]
async fn budget_results(ctx: Ctx, Path(id): Path<String>) -> AppResult<Json<ApiBudgetResult>> {
    let r = ctx
        .state
        .store
        .budget_results(&ctx.tenant, &ctx.actor, parse_id(&id)?)
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
