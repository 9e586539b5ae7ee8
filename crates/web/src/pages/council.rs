//! The data council (Datenbeirat): the council's inbox of open reviews,
//! the review page with the internal discussion and the votes, closing
//! with the recommendation, the administration's answer, the staff's
//! request for a review, and the admin's council settings. The public part
//! (result, counts, recommendation, answer, overrides) is a section of the
//! register entry page ([`entry_section`]).

use crate::ctx::{Ctx, Post};
use crate::error::{AppError, AppResult};
use crate::module::{Host, Section, WebModule};
use crate::params::parse_id;
use crate::render::{self, error_map, form_result, page, page_with_status, with_notice};
use crate::AppState;
use axum::extract::Path;
use axum::http::StatusCode;
use axum::routing::{get, post};
use axum::Router;
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;
use teilhabe_domain::council::{MajorityRule, Response, Vote};
use teilhabe_domain::permission::{decide, Action, Target};
use teilhabe_domain::register::fields::value_label_key;
use teilhabe_domain::register::FIELDS;
use teilhabe_domain::{FieldErrors, Role};
use teilhabe_store::council::{CouncilReview, EntryCouncilRights};
use teilhabe_store::register::RegisterSummary;
use teilhabe_store::StoreError;

pub fn routes() -> Router<AppState> {
    Router::new()
        .route("/council", get(inbox))
        .route("/council/reviews/{id}", get(review))
        .route("/council/reviews/{id}/comments", post(comment))
        .route("/council/reviews/{id}/vote", post(vote))
        .route("/council/reviews/{id}/close", post(close))
        .route("/council/reviews/{id}/answer", post(answer))
        .route(
            "/data-register/{slug}/council-review",
            get(request_form).post(request),
        )
        .route("/admin/council", get(settings).post(save_settings))
}

/// A reason with the Fluent key of its kind and the label key of what it
/// names (risk, status or field), for display.
#[derive(Serialize)]
struct ReasonView {
    kind_key: String,
    /// Label key of the risk, status or field, or `None` for a staff reason.
    detail_key: Option<String>,
    detail: String,
    version: i64,
    created_at: i64,
}

fn reason_views(r: &CouncilReview) -> Vec<ReasonView> {
    r.reasons
        .iter()
        .map(|x| ReasonView {
            kind_key: format!("council-reason-{}", x.kind),
            detail_key: match x.kind.as_str() {
                "created_with_risk" | "risk_raised" => {
                    Some(value_label_key("risk_category", &x.detail))
                }
                "status_changed" => Some(value_label_key("status", &x.detail)),
                "material_field_changed" => Some(format!("register-field-{}", x.detail)),
                _ => None,
            },
            detail: x.detail.clone(),
            version: x.version,
            created_at: x.created_at,
        })
        .collect()
}

/// A review as the templates show it.
#[derive(Serialize)]
struct ReviewView<'a> {
    #[serde(flatten)]
    review: &'a CouncilReview,
    reasons: Vec<ReasonView>,
    outcome_key: Option<String>,
    response_key: Option<String>,
    majority_key: Option<String>,
    total: i64,
}

fn review_view(r: &CouncilReview) -> ReviewView<'_> {
    ReviewView {
        reasons: reason_views(r),
        outcome_key: r.outcome.as_ref().map(|o| format!("council-outcome-{o}")),
        response_key: r.response.as_ref().map(|o| format!("council-response-{o}")),
        majority_key: r.majority.as_ref().map(|o| format!("council-majority-{o}")),
        total: r.approve + r.approve_with_conditions + r.reject + r.abstain,
        review: r,
    }
}

/// Translated errors of one form, in the order they were found, for the
/// error summary (`council-field-<name>` labels).
fn error_views(ctx: &Ctx, fe: &FieldErrors) -> Vec<render::ErrorView> {
    let order: Vec<&str> = fe.0.iter().map(|e| e.field).collect();
    render::error_views(ctx, fe, &order, |f| format!("council-field-{f}"))
}

/// The council's pages are for those who may see its reviews; others
/// are refused (403) before any service is asked (the services would
/// answer them "not found").
fn council_only(ctx: &Ctx) -> Result<(), AppError> {
    Ok(decide(
        &ctx.actor,
        Action::ViewCouncilReviews,
        &Target::Municipality,
    )?)
}

async fn inbox(ctx: Ctx) -> AppResult {
    council_only(&ctx)?;
    let store = &ctx.state.store;
    let open = store
        .council()
        .open_reviews(&ctx.tenant, &ctx.actor)
        .await?;
    let closed = store
        .council()
        .closed_reviews(&ctx.tenant, &ctx.actor)
        .await?;
    let rules = store.council().rules(&ctx.tenant).await?;
    let open: Vec<_> = open.iter().map(review_view).collect();
    let closed: Vec<_> = closed.iter().map(review_view).collect();
    let awaiting_answer = closed
        .iter()
        .filter(|r| r.review.response.is_none())
        .count();
    page(
        &ctx,
        "council/inbox.html",
        minijinja::context! {
            open,
            closed,
            awaiting_answer,
            quorum => rules.quorum,
            majority_key => format!("council-majority-{}", rules.majority.as_str()),
            is_member => ctx.actor.has(Role::Council),
        },
    )
}

/// What a failed form on the review page brings back.
#[derive(Default)]
struct Failed<'a> {
    form: &'a str,
    errors: Option<&'a FieldErrors>,
    values: BTreeMap<&'static str, String>,
}

async fn review_page(ctx: &Ctx, id: i64, failed: Failed<'_>, status: StatusCode) -> AppResult {
    council_only(ctx)?;
    let store = &ctx.state.store;
    let d = store.council().review(&ctx.tenant, &ctx.actor, id).await?;
    let me = ctx.actor.user_id;
    let my_vote = d.votes.iter().find(|v| Some(v.user_id) == me);
    let votes: Vec<_> = d
        .votes
        .iter()
        .map(|v| {
            minijinja::context! {
                member_name => v.member_name,
                vote_key => format!("council-vote-{}", v.vote),
                conditions => v.conditions,
                updated_at => v.updated_at,
            }
        })
        .collect();
    let errors = failed
        .errors
        .map(|e| error_views(ctx, e))
        .unwrap_or_default();
    let messages = failed.errors.map(|e| error_map(ctx, e)).unwrap_or_default();
    let mut values = failed.values;
    if failed.form != "vote" {
        if let Some(v) = my_vote {
            values.insert("vote", v.vote.clone());
            values.insert("conditions", v.conditions.clone());
        }
    }
    page_with_status(
        ctx,
        "council/review.html",
        minijinja::context! {
            r => review_view(&d.review),
            comments => d.comments,
            votes,
            tally => d.tally,
            would_be_key => format!("council-outcome-{}", d.would_be),
            quorum => d.rules.quorum,
            majority_key => format!("council-majority-{}", d.rules.majority.as_str()),
            vote_choices => Vote::ALL.iter().map(|v| (v.as_str(), format!("council-vote-{}", v.as_str()))).collect::<Vec<_>>(),
            response_choices => Response::ALL.iter().map(|v| (v.as_str(), format!("council-response-{}", v.as_str()))).collect::<Vec<_>>(),
            // What the reader may do was decided by the service (`d.can`).
            can_comment => d.can.comment,
            can_vote => d.can.vote,
            can_answer => d.can.answer,
            has_voted => my_vote.is_some(),
            form => failed.form,
            errors,
            messages,
            values,
        },
        status,
    )
}

async fn review(ctx: Ctx, Path(id): Path<String>) -> AppResult {
    let id = parse_id(&id)?;
    review_page(&ctx, id, Failed::default(), StatusCode::OK).await
}

/// A form of the review page: runs `call` with the review's id, then
/// redirects to the review on success or re-renders it with the form's
/// errors and `values` on invalid input. Outsiders are refused before the
/// call (403; the services answer them "not found").
async fn review_form<T>(
    ctx: &Ctx,
    id: &str,
    form: &str,
    notice: &str,
    values: BTreeMap<&'static str, String>,
    call: impl AsyncFnOnce(i64) -> Result<T, StoreError>,
) -> AppResult {
    let id = parse_id(id)?;
    council_only(ctx)?;
    form_result(
        call(id).await,
        |_| with_notice(&format!("/council/reviews/{id}#{form}"), notice),
        async |fe, status| {
            review_page(
                ctx,
                id,
                Failed {
                    form,
                    errors: Some(fe),
                    values,
                },
                status,
            )
            .await
        },
    )
    .await
}

#[derive(Deserialize, Default)]
struct CommentForm {
    #[serde(default)]
    body: String,
}

async fn comment(Path(id): Path<String>, Post { ctx, form, .. }: Post<CommentForm>) -> AppResult {
    let values = BTreeMap::from([("body", form.body.clone())]);
    let council = ctx.state.store.council();
    review_form(
        &ctx,
        &id,
        "discussion",
        "notice-council-comment",
        values,
        async |id| {
            council
                .add_comment(&ctx.tenant, &ctx.actor, id, &form.body)
                .await
        },
    )
    .await
}

#[derive(Deserialize, Default)]
struct VoteForm {
    #[serde(default)]
    vote: String,
    #[serde(default)]
    conditions: String,
}

async fn vote(Path(id): Path<String>, Post { ctx, form, .. }: Post<VoteForm>) -> AppResult {
    let values = BTreeMap::from([
        ("vote", form.vote.clone()),
        ("conditions", form.conditions.clone()),
    ]);
    let council = ctx.state.store.council();
    review_form(
        &ctx,
        &id,
        "vote",
        "notice-council-vote",
        values,
        async |id| {
            council
                .cast_vote(&ctx.tenant, &ctx.actor, id, &form.vote, &form.conditions)
                .await
        },
    )
    .await
}

#[derive(Deserialize, Default)]
struct CloseForm {
    #[serde(default)]
    recommendation: String,
}

async fn close(Path(id): Path<String>, Post { ctx, form, .. }: Post<CloseForm>) -> AppResult {
    let values = BTreeMap::from([("recommendation", form.recommendation.clone())]);
    let council = ctx.state.store.council();
    review_form(
        &ctx,
        &id,
        "close",
        "notice-council-closed",
        values,
        async |id| {
            council
                .close_review(&ctx.tenant, &ctx.actor, id, &form.recommendation)
                .await
        },
    )
    .await
}

#[derive(Deserialize, Default)]
struct AnswerForm {
    #[serde(default)]
    response: String,
    #[serde(default)]
    response_text: String,
}

async fn answer(Path(id): Path<String>, Post { ctx, form, .. }: Post<AnswerForm>) -> AppResult {
    let values = BTreeMap::from([
        ("response", form.response.clone()),
        ("response_text", form.response_text.clone()),
    ]);
    let council = ctx.state.store.council();
    review_form(
        &ctx,
        &id,
        "answer",
        "notice-council-answered",
        values,
        async |id| {
            council
                .answer_recommendation(
                    &ctx.tenant,
                    &ctx.actor,
                    id,
                    &form.response,
                    &form.response_text,
                )
                .await
        },
    )
    .await
}

async fn request_page(
    ctx: &Ctx,
    entry: &RegisterSummary,
    reason: &str,
    errors: Option<&FieldErrors>,
    status: StatusCode,
) -> AppResult {
    let open = open_review(ctx, entry, |_| true).await?;
    page_with_status(
        ctx,
        "council/request.html",
        minijinja::context! {
            entry,
            open,
            reason,
            errors => errors.map(|e| error_views(ctx, e)).unwrap_or_default(),
            messages => errors.map(|e| error_map(ctx, e)).unwrap_or_default(),
        },
        status,
    )
}

async fn request_form(ctx: Ctx, Path(slug): Path<String>) -> AppResult {
    let entry = ctx
        .state
        .store
        .register()
        .entry_for(&ctx.tenant, &ctx.actor, &slug, Action::RequestCouncilReview)
        .await?;
    request_page(&ctx, &entry, "", None, StatusCode::OK).await
}

#[derive(Deserialize, Default)]
struct RequestForm {
    #[serde(default)]
    reason: String,
}

async fn request(Path(slug): Path<String>, Post { ctx, form, .. }: Post<RequestForm>) -> AppResult {
    let store = &ctx.state.store;
    let entry = store.register().entry(&ctx.tenant, &slug).await?;
    let result = store
        .council()
        .request_review(&ctx.tenant, &ctx.actor, &slug, &form.reason)
        .await;
    form_result(
        result,
        |_| {
            with_notice(
                &format!("/data-register/{slug}#council"),
                "notice-council-requested",
            )
        },
        async |fe, status| request_page(&ctx, &entry, &form.reason, Some(fe), status).await,
    )
    .await
}

/// The fields a council may mark as material (everything people fill in).
fn material_choices(selected: &[String]) -> Vec<minijinja::Value> {
    FIELDS
        .iter()
        .filter(|f| !f.managed)
        .map(|f| {
            minijinja::context! {
                name => f.name,
                label_key => f.label_key,
                checked => selected.iter().any(|s| s == f.name),
            }
        })
        .collect()
}

/// The settings form (its callers made sure the visitor may manage the
/// council: the GET handler, or the service refusing the POST).
async fn settings_page(
    ctx: &Ctx,
    quorum: String,
    majority: String,
    material: Vec<String>,
    errors: Option<&FieldErrors>,
    status: StatusCode,
) -> AppResult {
    page_with_status(
        ctx,
        "council/settings.html",
        minijinja::context! {
            quorum,
            majority,
            majorities => MajorityRule::ALL.iter().map(|m| (m.as_str(), format!("council-majority-{}", m.as_str()))).collect::<Vec<_>>(),
            fields => material_choices(&material),
            errors => errors.map(|e| error_views(ctx, e)).unwrap_or_default(),
            messages => errors.map(|e| error_map(ctx, e)).unwrap_or_default(),
        },
        status,
    )
}

async fn settings(ctx: Ctx) -> AppResult {
    decide(&ctx.actor, Action::ManageCouncil, &Target::Municipality)?;
    let rules = ctx.state.store.council().rules(&ctx.tenant).await?;
    settings_page(
        &ctx,
        rules.quorum.to_string(),
        rules.majority.as_str().to_string(),
        rules.material_fields,
        None,
        StatusCode::OK,
    )
    .await
}

#[derive(Deserialize, Default)]
struct SettingsForm {
    #[serde(default)]
    quorum: String,
    #[serde(default)]
    majority: String,
}

/// The service refuses those who may not manage the council (before it
/// checks the values).
async fn save_settings(Post { ctx, form, pairs }: Post<SettingsForm>) -> AppResult {
    let material: Vec<String> = pairs
        .iter()
        .filter(|(k, _)| k == "material_fields")
        .map(|(_, v)| v.clone())
        .collect();
    let result = ctx
        .state
        .store
        .council()
        .update_rules(
            &ctx.tenant,
            &ctx.actor,
            &form.quorum,
            &form.majority,
            &material,
        )
        .await;
    form_result(
        result,
        |_| with_notice("/admin/council", "notice-saved"),
        async |fe, status| {
            settings_page(&ctx, form.quorum, form.majority, material, Some(fe), status).await
        },
    )
    .await
}

/// The council's public section of a register entry page: the open
/// review (that it runs and why, not the discussion), every published
/// result with counts, recommendation and the administration's answer,
/// and admin overrides. Staff and members also get links to act.
pub(crate) async fn entry_section(
    ctx: &Ctx,
    entry: &RegisterSummary,
) -> Result<minijinja::Value, AppError> {
    let store = &ctx.state.store;
    let reviews = store.council().entry_reviews(&ctx.tenant, entry.id).await?;
    let overrides = store.council().overrides(&ctx.tenant, entry.id).await?;
    let can = EntryCouncilRights::decide(&ctx.actor, entry);
    let (open, closed): (Vec<_>, Vec<_>) = reviews.iter().partition(|r| r.is_open());
    Ok(minijinja::context! {
        open => open.first().map(|r| review_view(r)),
        published => closed.iter().map(|r| review_view(r)).collect::<Vec<_>>(),
        overrides,
        internal => can.internal,
        can_answer => can.answer,
        can_request => can.request,
    })
}

/// For the edit form: the open required review that would block
/// "operational" (admins see the override field while there is one).
pub(crate) async fn open_required_review(
    ctx: &Ctx,
    entry: Option<&RegisterSummary>,
) -> Result<Option<i64>, AppError> {
    match entry {
        Some(entry) => open_review(ctx, entry, |r| r.required).await,
        None => Ok(None),
    }
}

/// The id of the entry's open review, if there is one that `pick`s.
async fn open_review(
    ctx: &Ctx,
    entry: &RegisterSummary,
    pick: impl Fn(&CouncilReview) -> bool,
) -> Result<Option<i64>, AppError> {
    Ok(ctx
        .state
        .store
        .council()
        .entry_reviews(&ctx.tenant, entry.id)
        .await?
        .into_iter()
        .find(|r| r.is_open() && pick(r))
        .map(|r| r.id))
}

/// The data council's pages, API and its section of a register entry.
pub const MODULE: WebModule = WebModule {
    name: "council",
    pages: routes,
    api: Some(crate::api::council::router),
    sections: &[Section {
        host: Host::RegisterEntry,
        template: "council/entry_part.html",
        load: entry_section_of,
    }],
};

crate::section_loader!(
    /// `council` for `council/entry_part.html`.
    fn entry_section_of: RegisterEntry => council = entry_section
);
