//! Processes, proposals (supports, comments, answers), search and the audit log.

use super::{require_token, Problem};
use crate::ctx::{ApiJson, Ctx};
use crate::error::{AppError, AppResult};
use crate::pages::participation::ListQuery;
use crate::params::parse_id;
use axum::extract::{Path, Query};
use axum::http::StatusCode;
use axum::Json;
use serde::{Deserialize, Serialize};
use teilhabe_domain::proposal::ProposalDraft;
use teilhabe_store::processes::Process;
use teilhabe_store::proposals::{Comment, Proposal};
use utoipa::{IntoParams, OpenApi, ToSchema};
use utoipa_axum::router::OpenApiRouter;
use utoipa_axum::routes;

pub(super) fn router() -> OpenApiRouter<crate::AppState> {
    OpenApiRouter::with_openapi(Doc::openapi())
        .routes(routes!(list_processes))
        .routes(routes!(get_process))
        .routes(routes!(list_proposals, create_proposal))
        .routes(routes!(get_proposal))
        .routes(routes!(support, withdraw_support))
        .routes(routes!(create_comment))
        .routes(routes!(answer))
        .routes(routes!(search))
        .routes(routes!(audit))
}

#[derive(OpenApi)]
#[openapi(tags((name = "processes"), (name = "proposals"), (name = "search"), (name = "audit")))]
struct Doc;

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

/// An entry of the audit log served exactly as stored and hashed (the
/// domain's entry), so clients can recompute the chain; its schema is
/// described here.
#[derive(Serialize)]
#[serde(transparent)]
pub struct AuditEntry(teilhabe_domain::audit::AuditEntry);

impl utoipa::PartialSchema for AuditEntry {
    fn schema() -> utoipa::openapi::RefOr<utoipa::openapi::schema::Schema> {
        use utoipa::openapi::schema::{KnownFormat, ObjectBuilder, SchemaFormat, Type};
        let number = || {
            ObjectBuilder::new()
                .schema_type(Type::Integer)
                .format(Some(SchemaFormat::KnownFormat(KnownFormat::Int64)))
        };
        let text = |about: Option<&str>| {
            ObjectBuilder::new()
                .schema_type(Type::String)
                .description(about)
        };
        let fields = [
            ("seq", number()),
            ("at_ms", number()),
            (
                "actor",
                text(Some("A pseudonym per person and kind of action (never a name), \"system\", or empty for residents' countable events (supports, ballots, verifications), which name nobody.")),
            ),
            ("action", text(None)),
            ("target", text(None)),
            (
                "details",
                text(Some("The exact JSON text that was hashed.")),
            ),
            ("prev_hash", text(None)),
            ("hash", text(None)),
        ];
        fields
            .into_iter()
            .fold(ObjectBuilder::new(), |o, (name, schema)| {
                o.property(name, schema).required(name)
            })
            .into()
    }
}

impl ToSchema for AuditEntry {}

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
    #[param(minimum = 1, maximum = 100000)]
    pub page: Option<i64>,
}

#[derive(Deserialize, IntoParams)]
pub struct SearchParams {
    #[param(max_length = 200)]
    pub q: String,
    /// Page number, from 1.
    #[param(minimum = 1, maximum = 100000)]
    pub page: Option<i64>,
}

/// Public processes (drafts only for their staff).
#[utoipa::path(get, path = "/processes", tag = "processes", responses((status = 200, body = Vec<ApiProcess>)))]
async fn list_processes(ctx: Ctx) -> AppResult<Json<Vec<ApiProcess>>> {
    // The service lists only what the actor may see (drafts for their staff).
    let list = ctx
        .state
        .store
        .processes()
        .list(&ctx.tenant, &ctx.actor, None)
        .await?;
    Ok(Json(list.iter().map(ApiProcess::from).collect()))
}

/// One process with its phases.
#[utoipa::path(get, path = "/processes/{slug}", tag = "processes", params(("slug" = String, Path)), responses((status = 200, body = ApiProcess), (status = 404, body = Problem, content_type = "application/problem+json")))]
async fn get_process(ctx: Ctx, Path(slug): Path<String>) -> AppResult<Json<ApiProcess>> {
    let p = ctx.process(&slug).await?;
    Ok(Json(ApiProcess::from(&p)))
}

/// A page of a process's proposals.
#[utoipa::path(get, path = "/processes/{slug}/proposals", tag = "proposals", params(("slug" = String, Path), ListQuery), responses((status = 200, body = ProposalPage), (status = 400, body = Problem, content_type = "application/problem+json"), (status = 404, body = Problem, content_type = "application/problem+json")))]
async fn list_proposals(
    ctx: Ctx,
    Path(slug): Path<String>,
    Query(q): Query<ListQuery>,
) -> AppResult<Json<ProposalPage>> {
    let p = ctx.process(&slug).await?;
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
#[utoipa::path(post, path = "/processes/{slug}/proposals", tag = "proposals", params(("slug" = String, Path)), request_body = NewProposal, security(("token" = ["write:proposals"])), responses((status = 201, body = ApiProposal), (status = 401, body = Problem, content_type = "application/problem+json"), (status = 403, body = Problem, content_type = "application/problem+json"), (status = 409, body = Problem, content_type = "application/problem+json"), (status = 422, body = Problem, content_type = "application/problem+json")))]
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
#[utoipa::path(get, path = "/proposals/{id}", tag = "proposals", params(("id" = i64, Path)), responses((status = 200, body = ApiProposalDetail), (status = 404, body = Problem, content_type = "application/problem+json")))]
async fn get_proposal(ctx: Ctx, Path(id): Path<String>) -> AppResult<Json<ApiProposalDetail>> {
    let id = parse_id(&id)?;
    let d = ctx.proposal(id).await?;
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

/// Supports a proposal (one per person).
#[utoipa::path(post, path = "/proposals/{id}/support", tag = "proposals", params(("id" = i64, Path)), security(("token" = ["write:proposals"])), responses((status = 200, body = SupportResult), (status = 409, body = Problem, content_type = "application/problem+json")))]
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
#[utoipa::path(delete, path = "/proposals/{id}/support", tag = "proposals", params(("id" = i64, Path)), security(("token" = ["write:proposals"])), responses((status = 200, body = SupportResult), (status = 409, body = Problem, content_type = "application/problem+json")))]
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

/// Comments on a proposal, optionally as a reply.
#[utoipa::path(post, path = "/proposals/{id}/comments", tag = "proposals", params(("id" = i64, Path)), request_body = NewComment, security(("token" = ["write:proposals"])), responses((status = 201, body = ApiComment), (status = 422, body = Problem, content_type = "application/problem+json")))]
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
    let d = ctx.proposal(id).await?;
    let c = d
        .comments
        .iter()
        .find(|c| c.id == cid)
        .ok_or(AppError::NotFound)?;
    Ok((StatusCode::CREATED, Json(ApiComment::from(c))))
}

/// Staff set status, public answer and progress.
#[utoipa::path(post, path = "/proposals/{id}/answer", tag = "proposals", params(("id" = i64, Path)), request_body = NewAnswer, security(("token" = ["write:proposals"])), responses((status = 200, body = ApiProposal), (status = 403, body = Problem, content_type = "application/problem+json"), (status = 422, body = Problem, content_type = "application/problem+json")))]
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
#[utoipa::path(get, path = "/search", tag = "search", params(SearchParams), responses((status = 200, body = SearchPage)))]
async fn search(ctx: Ctx, Query(q): Query<SearchParams>) -> AppResult<Json<SearchPage>> {
    if q.q.chars().count() > 200 {
        return Err(AppError::BadRequest("error-search-too-long", String::new()));
    }
    let r = ctx
        .state
        .store
        .search()
        .query(&ctx.tenant, &q.q, crate::params::page_number(q.page)?, 20)
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
#[utoipa::path(get, path = "/audit", tag = "audit", params(PageParams), responses((status = 200, body = AuditPage)))]
async fn audit(ctx: Ctx, Query(q): Query<PageParams>) -> AppResult<Json<AuditPage>> {
    let page = ctx
        .state
        .store
        .audit()
        .page(&ctx.tenant, crate::params::page_number(q.page)?, 100)
        .await?;
    let head = ctx.state.store.audit().head(&ctx.tenant).await?;
    Ok(Json(AuditPage {
        items: page.items.into_iter().map(AuditEntry).collect(),
        total: page.total,
        page: page.page,
        per_page: page.per_page,
        head_hash: head.map(|h| h.1),
    }))
}
