//! Data requests (issue #13): the list `/daten/anfragen` (open and
//! answered, with status and due date, filtered by status), a request's
//! page `/daten/anfragen/{id}` with the public answer and the staff answer
//! form, the form `/daten/anfragen/neu` for residents and
//! `/daten/anfragen/erfassen` for staff recording one that came on paper
//! or by phone, and the open requests in the staff inbox. Rules and
//! permissions live in the store (`store.catalog()` requests).

use crate::ctx::{Ctx, Post};
use crate::error::AppResult;
use crate::module::{BoxFuture, HostRef};
use crate::params::parse_id;
use crate::render::{error_views, form_result, page, page_with_status, with_notice, ErrorView};
use crate::AppState;
use axum::extract::{Path, Query};
use axum::http::StatusCode;
use axum::routing::{get, post};
use axum::Router;
use serde::{Deserialize, Serialize};
use teilhabe_domain::permission::{decide, Action, Target};
use teilhabe_domain::proposal::Channel;
use teilhabe_domain::FieldErrors;
use teilhabe_store::catalog::requests::{DataRequest, RequestFilter, RequestRights};
use teilhabe_store::proposals::Offline;

pub(super) fn routes() -> Router<AppState> {
    Router::new()
        .route("/daten/anfragen", get(list).post(ask))
        .route("/daten/anfragen/neu", get(ask_form))
        .route("/daten/anfragen/erfassen", get(record_form).post(record))
        .route("/daten/anfragen/{id}", get(show))
        .route("/daten/anfragen/{id}/antwort", post(answer))
}

/// The list's filters, in the order of the filter links.
const FILTERS: [&str; 7] = [
    "all",
    "open",
    "overdue",
    "answered",
    "published",
    "planned",
    "refused",
];

#[derive(Deserialize, Default)]
struct ListQuery {
    #[serde(default)]
    status: String,
}

async fn list(ctx: Ctx, Query(q): Query<ListQuery>) -> AppResult {
    let store = &ctx.state.store;
    let status = if FILTERS.contains(&q.status.as_str()) {
        q.status.as_str()
    } else {
        "all"
    };
    let items = store
        .catalog()
        .requests(&ctx.tenant, RequestFilter::parse(status))
        .await?;
    let can = RequestRights::decide(&ctx.actor);
    page(
        &ctx,
        "catalog/requests_list.html",
        minijinja::context! {
            items,
            status,
            filters => FILTERS,
            can,
            signed_in => ctx.actor.is_logged_in(),
            deadline_days => store.questions().objection_deadline_days(&ctx.tenant).await?,
        },
    )
}

/// The fields of the request form, kept for a re-render.
#[derive(Deserialize, Serialize, Default)]
struct AskForm {
    #[serde(default)]
    channel: String,
    #[serde(default)]
    offline_name: String,
    #[serde(default)]
    request_title: String,
    #[serde(default)]
    request_what: String,
    #[serde(default)]
    request_why: String,
}

/// The fields of the answer form.
#[derive(Deserialize, Serialize, Default)]
struct AnswerForm {
    #[serde(default)]
    request_status: String,
    #[serde(default)]
    request_dataset: String,
    #[serde(default)]
    request_planned_for: String,
    #[serde(default)]
    request_answer: String,
    #[serde(default)]
    request_department: String,
}

const ASK_FIELDS: [&str; 5] = [
    "channel",
    "offline_name",
    "request_title",
    "request_what",
    "request_why",
];
const ANSWER_FIELDS: [&str; 5] = [
    "request_status",
    "request_dataset",
    "request_planned_for",
    "request_department",
    "request_answer",
];

/// The error summary's lines: the label of each field.
fn summary(ctx: &Ctx, errors: Option<&FieldErrors>, order: &[&str]) -> Vec<ErrorView> {
    errors
        .map(|e| {
            error_views(ctx, e, order, |f| {
                match f {
                    "channel" | "offline_name" => return format!("field-{f}"),
                    "request_planned_for" => "catalog-request-planned-for-label",
                    "request_answer" => "catalog-request-answer-text",
                    "request_what" => "catalog-request-what",
                    "request_why" => "catalog-request-why",
                    "request_status" => "catalog-request-status",
                    "request_dataset" => "catalog-request-dataset",
                    "request_department" => "catalog-request-department",
                    _ => "catalog-request-title",
                }
                .to_string()
            })
        })
        .unwrap_or_default()
}

fn offline_channels() -> Vec<&'static str> {
    Channel::OFFLINE.iter().map(|c| c.as_str()).collect()
}

/// The request form: `mode` is `ask` or `record`.
async fn form_page(
    ctx: &Ctx,
    mode: &'static str,
    form: &AskForm,
    errors: Option<&FieldErrors>,
    status: StatusCode,
) -> AppResult {
    let deadline_days = ctx
        .state
        .store
        .questions()
        .objection_deadline_days(&ctx.tenant)
        .await?;
    page_with_status(
        ctx,
        "catalog/requests_form.html",
        minijinja::context! {
            mode,
            form,
            errors => errors.map(|e| crate::render::error_map(ctx, e)).unwrap_or_default(),
            summary => summary(ctx, errors, &ASK_FIELDS),
            offline_channels => offline_channels(),
            deadline_days,
        },
        status,
    )
}

async fn ask_form(ctx: Ctx) -> AppResult {
    decide(&ctx.actor, Action::RequestData, &Target::Municipality)?;
    form_page(&ctx, "ask", &AskForm::default(), None, StatusCode::OK).await
}

async fn record_form(ctx: Ctx) -> AppResult {
    decide(&ctx.actor, Action::AnswerDataRequest, &Target::Municipality)?;
    let form = AskForm {
        channel: "paper".into(),
        ..AskForm::default()
    };
    form_page(&ctx, "record", &form, None, StatusCode::OK).await
}

/// After asking or recording: to the new request, or the form again.
async fn after_submit(
    ctx: &Ctx,
    mode: &'static str,
    form: &AskForm,
    result: Result<DataRequest, teilhabe_store::StoreError>,
    notice: &'static str,
) -> AppResult {
    form_result(
        result,
        |r| with_notice(&format!("/daten/anfragen/{}", r.id), notice),
        async |e, status| form_page(ctx, mode, form, Some(e), status).await,
    )
    .await
}

async fn ask(Post { ctx, form, .. }: Post<AskForm>) -> AppResult {
    decide(&ctx.actor, Action::RequestData, &Target::Municipality)?;
    ctx.limit(&ctx.state.limits.contribute, "contribute")?;
    let result = ctx
        .state
        .store
        .catalog()
        .ask_for_data(
            &ctx.tenant,
            &ctx.actor,
            &form.request_title,
            &form.request_what,
            &form.request_why,
        )
        .await;
    after_submit(&ctx, "ask", &form, result, "notice-catalog-request-asked").await
}

async fn record(Post { ctx, form, .. }: Post<AskForm>) -> AppResult {
    // An unknown channel is reported with the other fields.
    let offline = Offline {
        channel: Channel::parse(&form.channel).unwrap_or(Channel::Online),
        name: form.offline_name.clone(),
    };
    let result = ctx
        .state
        .store
        .catalog()
        .record_request(
            &ctx.tenant,
            &ctx.actor,
            &offline,
            &form.request_title,
            &form.request_what,
            &form.request_why,
        )
        .await;
    after_submit(&ctx, "record", &form, result, "notice-offline-recorded").await
}

/// A request's page, with the answer form for staff (`form` and `errors`
/// after a failed answer).
async fn request_page(
    ctx: &Ctx,
    id: i64,
    form: Option<&AnswerForm>,
    errors: Option<&FieldErrors>,
    status: StatusCode,
) -> AppResult {
    let store = &ctx.state.store;
    let r = store.catalog().request(&ctx.tenant, id).await?;
    let can = RequestRights::decide(&ctx.actor);
    let (datasets, departments) = if can.answer && !r.hidden {
        (
            store.catalog().all(&ctx.tenant).await?,
            store.tenants().departments(&ctx.tenant).await?,
        )
    } else {
        (Vec::new(), Vec::new())
    };
    let first = AnswerForm {
        request_status: if r.status == "open" {
            String::new()
        } else {
            r.status.clone()
        },
        request_dataset: r.dataset_name.clone().unwrap_or_default(),
        request_planned_for: r.planned_for.clone().unwrap_or_default(),
        request_answer: r.answer.clone(),
        request_department: r.department_id.map(|d| d.to_string()).unwrap_or_default(),
    };
    page_with_status(
        ctx,
        "catalog/requests_page.html",
        minijinja::context! {
            r,
            can,
            form => form.unwrap_or(&first),
            errors => errors.map(|e| crate::render::error_map(ctx, e)).unwrap_or_default(),
            summary => summary(ctx, errors, &ANSWER_FIELDS),
            datasets => datasets.iter().map(|d| minijinja::context! { name => d.name, title => d.title }).collect::<Vec<_>>(),
            departments,
            statuses => ["published", "planned", "refused"],
            today => store.clock.today().to_string(),
        },
        status,
    )
}

async fn show(ctx: Ctx, Path(id): Path<String>) -> AppResult {
    let id = parse_id(&id)?;
    request_page(&ctx, id, None, None, StatusCode::OK).await
}

async fn answer(Path(id): Path<String>, Post { ctx, form, .. }: Post<AnswerForm>) -> AppResult {
    let id = parse_id(&id)?;
    decide(&ctx.actor, Action::AnswerDataRequest, &Target::Municipality)?;
    let department = match form.request_department.trim() {
        "" => Ok(None),
        d => d.parse::<i64>().map(Some).map_err(|_| {
            let mut e = FieldErrors::new();
            e.add("request_department", "error-invalid-choice");
            e
        }),
    };
    let result = match department {
        Ok(department) => ctx
            .state
            .store
            .catalog()
            .answer_request(
                &ctx.tenant,
                &ctx.actor,
                id,
                &form.request_status,
                &form.request_dataset,
                &form.request_planned_for,
                &form.request_answer,
                department,
            )
            .await
            .map(|_| ()),
        Err(e) => Err(e.into()),
    };
    form_result(
        result,
        |_| {
            with_notice(
                &format!("/daten/anfragen/{id}"),
                "notice-catalog-request-answered",
            )
        },
        async |e, status| request_page(&ctx, id, Some(&form), Some(e), status).await,
    )
    .await
}

/// Open data requests in the staff inbox (`data_requests`,
/// `data_requests_overdue` for `catalog/requests_inbox.html`), the one due
/// first first.
pub(super) fn inbox_section<'a>(
    ctx: &'a Ctx,
    of: HostRef<'a>,
) -> BoxFuture<'a, AppResult<Option<minijinja::Value>>> {
    Box::pin(async move {
        let HostRef::Staff = of else {
            return Ok(None);
        };
        if !RequestRights::decide(&ctx.actor).answer {
            return Ok(None);
        }
        let data_requests = ctx
            .state
            .store
            .catalog()
            .open_requests(&ctx.tenant, &ctx.actor)
            .await?;
        let data_requests_overdue = data_requests.iter().filter(|r| r.overdue).count();
        Ok(Some(
            minijinja::context! { data_requests, data_requests_overdue },
        ))
    })
}
