//! The JSON API of questions and objections on register entries: the
//! public list with answers, deadlines and overdue state; asking or
//! objecting and answering with an API token (like comments and answers
//! on proposals).

use super::Problem;
use crate::ctx::{ApiJson, Ctx};
use crate::error::{AppError, AppResult};
use crate::params::parse_id;
use crate::params::rfc3339_ms;
use crate::AppState;
use axum::extract::Path;
use axum::http::StatusCode;
use axum::Json;
use serde::{Deserialize, Serialize};
use teilhabe_store::questions::RegisterQuestion;
use teilhabe_store::StoreError;
use utoipa::{OpenApi, ToSchema};
use utoipa_axum::router::OpenApiRouter;
use utoipa_axum::routes;

pub(crate) fn router() -> OpenApiRouter<AppState> {
    OpenApiRouter::with_openapi(Doc::openapi())
        .routes(routes!(list_questions, ask))
        .routes(routes!(answer))
}

#[derive(OpenApi)]
#[openapi(
    components(schemas(ApiRegisterQuestion, NewRegisterQuestion, NewRegisterAnswer)),
    tags((name = "register-questions", description = "Questions and objections of citizens on register entries, answered publicly by the responsible department; objections have an answer deadline"))
)]
struct Doc;

/// A question or objection with its public answer. Hidden ones carry only
/// the moderators' reason.
#[derive(Serialize, ToSchema)]
pub struct ApiRegisterQuestion {
    pub id: i64,
    /// `question` or `objection`.
    pub kind: String,
    /// Objections: the part of the entry objected to (`what`, `why`,
    /// `data`, `who_decides`, `objection`, `risks`, `algorithm`,
    /// `oversight`, `aiact`, `metadata` or `other`); empty for questions.
    pub aspect: String,
    pub text: String,
    /// The asker's display name (or the name staff recorded).
    pub author: String,
    /// `online`, or `paper`, `phone`, `office`, `meeting` when staff
    /// recorded it for a person without an account.
    pub channel: String,
    /// The entry's version when it was asked.
    pub entry_version: i64,
    /// RFC 3339.
    pub created_at: String,
    /// Objections: when the answer is due (RFC 3339).
    pub deadline: Option<String>,
    /// Unanswered after the deadline.
    pub overdue: bool,
    pub answer: Option<String>,
    /// RFC 3339.
    pub answered_at: Option<String>,
    /// Set when the answer was corrected after publication (RFC 3339).
    pub answer_corrected_at: Option<String>,
    /// An objection answered after its deadline.
    pub answered_late: bool,
    pub hidden: bool,
    pub hidden_reason: Option<String>,
    /// The public page, at this question.
    pub url: String,
}

impl ApiRegisterQuestion {
    fn from(slug: &str, q: &RegisterQuestion) -> Self {
        ApiRegisterQuestion {
            id: q.id,
            kind: q.kind.clone(),
            aspect: q.aspect.clone(),
            text: q.body.clone(),
            author: q.author_name.clone(),
            channel: q.channel.clone(),
            entry_version: q.entry_version,
            created_at: rfc3339_ms(q.created_at),
            deadline: q.deadline_at.map(rfc3339_ms),
            overdue: q.overdue,
            answer: q.answer.clone(),
            answered_at: q.answered_at.map(rfc3339_ms),
            answer_corrected_at: q.answer_corrected_at.map(rfc3339_ms),
            answered_late: q.answered_late,
            hidden: q.hidden,
            hidden_reason: q.hidden_reason.clone(),
            url: format!("/data-register/{slug}#question-{}", q.id),
        }
    }
}

/// A question (`kind = "question"`) or an objection (`kind = "objection"`,
/// with `aspect`).
#[derive(Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct NewRegisterQuestion {
    pub kind: String,
    #[serde(default)]
    pub aspect: String,
    /// The question, or the reasons for the objection (10 to 4000 characters).
    pub text: String,
}

/// A public answer; answering again corrects the published answer.
#[derive(Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct NewRegisterAnswer {
    pub answer: String,
}

/// The store names the form's fields (`question_text`, ...); problem
/// documents name this API's fields.
fn api_fields(e: StoreError) -> AppError {
    match e {
        StoreError::Invalid(mut fe) => {
            for f in fe.0.iter_mut() {
                f.field = match f.field {
                    "question_kind" => "kind",
                    "question_aspect" => "aspect",
                    "question_text" => "text",
                    other => other,
                };
            }
            AppError::Invalid(fe)
        }
        other => other.into(),
    }
}

/// Questions and objections on an entry, oldest first, with answers.
#[utoipa::path(get, path = "/register/{slug}/questions", tag = "register-questions", params(("slug" = String, Path)), responses((status = 200, body = Vec<ApiRegisterQuestion>), (status = 404, body = Problem, content_type = "application/problem+json")))]
async fn list_questions(
    ctx: Ctx,
    Path(slug): Path<String>,
) -> AppResult<Json<Vec<ApiRegisterQuestion>>> {
    let store = &ctx.state.store;
    let entry = store.register().entry(&ctx.tenant, &slug).await?;
    let items = store.questions().of_entry(&ctx.tenant, entry.id).await?;
    Ok(Json(
        items
            .iter()
            .map(|q| ApiRegisterQuestion::from(&entry.slug, q))
            .collect(),
    ))
}

/// Asks a question or files an objection (objections get an answer
/// deadline from the municipality's setting).
#[utoipa::path(post, path = "/register/{slug}/questions", tag = "register-questions", params(("slug" = String, Path)), request_body = NewRegisterQuestion, security(("token" = ["write:questions"])), responses((status = 201, body = ApiRegisterQuestion), (status = 401, body = Problem, content_type = "application/problem+json"), (status = 404, body = Problem, content_type = "application/problem+json"), (status = 422, body = Problem, content_type = "application/problem+json"), (status = 429, body = Problem, content_type = "application/problem+json")))]
async fn ask(
    Path(slug): Path<String>,
    ApiJson(ctx, body): ApiJson<NewRegisterQuestion>,
) -> AppResult<(StatusCode, Json<ApiRegisterQuestion>)> {
    ctx.limit(&ctx.state.limits.contribute, "contribute")?;
    let q = ctx
        .state
        .store
        .questions()
        .ask(
            &ctx.tenant,
            &ctx.actor,
            &slug,
            &body.kind,
            &body.aspect,
            &body.text,
        )
        .await
        .map_err(api_fields)?;
    Ok((
        StatusCode::CREATED,
        Json(ApiRegisterQuestion::from(&slug, &q)),
    ))
}

/// Staff of the entry's department (or an admin) answer publicly, or
/// correct their answer.
#[utoipa::path(post, path = "/register/{slug}/questions/{id}/answer", tag = "register-questions", params(("slug" = String, Path), ("id" = i64, Path)), request_body = NewRegisterAnswer, security(("token" = ["write:questions"])), responses((status = 200, body = ApiRegisterQuestion), (status = 403, body = Problem, content_type = "application/problem+json"), (status = 409, body = Problem, content_type = "application/problem+json"), (status = 422, body = Problem, content_type = "application/problem+json")))]
async fn answer(
    Path((slug, id)): Path<(String, String)>,
    ApiJson(ctx, body): ApiJson<NewRegisterAnswer>,
) -> AppResult<Json<ApiRegisterQuestion>> {
    let q = ctx
        .state
        .store
        .questions()
        .answer(&ctx.tenant, &ctx.actor, &slug, parse_id(&id)?, &body.answer)
        .await?;
    Ok(Json(ApiRegisterQuestion::from(&slug, &q)))
}
