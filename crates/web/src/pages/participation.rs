//! Processes, proposals, supports, comments, answers, inbox (reports,
//! hiding and the follow buttons' code: `moderation.rs`).

use super::moderation::{follow, FollowForm};
use crate::ctx::{Ctx, Post};
use crate::error::{AppError, AppResult};
use crate::module::{self, Host, HostRef};
use crate::render::{form_result, page, page_with_status, see_other, with_notice};
use crate::AppState;
use axum::extract::{Path, Query};
use axum::http::StatusCode;
use axum::routing::{get, post};
use axum::Router;
use serde::Deserialize;
use teilhabe_domain::permission::Action;
use teilhabe_domain::process::Form;
use teilhabe_domain::proposal::{Channel, ProposalDraft, ProposalStatus};
use teilhabe_store::follows::Followed;
use teilhabe_store::proposals::{ListFilter, Offline, Sort};
use teilhabe_store::StoreError;

pub fn routes() -> Router<AppState> {
    Router::new()
        .route("/processes/{slug}", get(process_page))
        .route("/processes/{slug}/proposals/new", get(new_proposal))
        .route("/processes/{slug}/proposals", post(create_proposal))
        .route("/processes/{slug}/follow", post(follow_process))
        .route("/proposals/{id}", get(proposal_page))
        .route(
            "/proposals/{id}/edit",
            get(edit_proposal_form).post(edit_proposal),
        )
        .route("/proposals/{id}/support", post(support))
        .route("/proposals/{id}/unsupport", post(unsupport))
        .route("/proposals/{id}/comments", post(comment))
        .route("/proposals/{id}/follow", post(follow_proposal))
        .route("/proposals/{id}/answer", post(answer))
        .route("/inbox", get(inbox))
}

/// The filter of a process's proposals (the page and the API).
#[derive(Deserialize, Default, utoipa::IntoParams)]
#[into_params(parameter_in = Query)]
pub struct ListQuery {
    #[param(schema_with = status_schema)]
    pub status: Option<String>,
    pub category: Option<String>,
    #[param(schema_with = channel_schema)]
    pub channel: Option<String>,
    /// newest, oldest, most_supported or most_commented.
    #[param(schema_with = sort_schema)]
    pub sort: Option<String>,
    /// Page number, from 1.
    #[param(minimum = 1, maximum = 100000)]
    pub page: Option<i64>,
    /// 1 to 100, default 20.
    #[param(minimum = 1, maximum = 100)]
    pub per_page: Option<i64>,
}

/// A text parameter that takes one of `values` (or is empty: no filter).
fn choice(values: impl IntoIterator<Item = &'static str>) -> utoipa::openapi::Object {
    let values: Vec<&str> = std::iter::once("").chain(values).collect();
    utoipa::openapi::ObjectBuilder::new()
        .schema_type(utoipa::openapi::Type::String)
        .enum_values(Some(values))
        .build()
}

fn status_schema() -> utoipa::openapi::Object {
    choice(ProposalStatus::ALL.map(ProposalStatus::as_str))
}

fn channel_schema() -> utoipa::openapi::Object {
    choice(Channel::ALL.map(Channel::as_str))
}

fn sort_schema() -> utoipa::openapi::Object {
    choice(["newest", "oldest", "most_supported", "most_commented"])
}

impl ListQuery {
    pub fn filter(&self) -> Result<ListFilter, AppError> {
        let status = match self.status.as_deref() {
            None | Some("") => None,
            Some(s) => Some(s.parse::<ProposalStatus>().map_err(AppError::Invalid)?),
        };
        let channel = match self.channel.as_deref() {
            None | Some("") => None,
            Some(c) => Some(Channel::parse(c).ok_or(AppError::BadRequest(
                "error-invalid-choice",
                format!("channel: {c}"),
            ))?),
        };
        let sort = match self.sort.as_deref() {
            None | Some("") | Some("newest") => Sort::Newest,
            Some("oldest") => Sort::Oldest,
            Some("most_supported") => Sort::MostSupported,
            Some("most_commented") => Sort::MostCommented,
            Some(s) => {
                return Err(AppError::BadRequest(
                    "error-invalid-choice",
                    format!("sort: {s}"),
                ))
            }
        };
        let per_page = self.per_page.unwrap_or(20);
        if !(1..=100).contains(&per_page) {
            return Err(AppError::BadRequest("error-per-page", String::new()));
        }
        let page = crate::params::page_number(self.page)?;
        Ok(ListFilter {
            status,
            category: self.category.clone().filter(|c| !c.is_empty()),
            channel,
            sort,
            page,
            per_page,
        })
    }
}

async fn process_page(ctx: Ctx, Path(slug): Path<String>, Query(q): Query<ListQuery>) -> AppResult {
    let store = &ctx.state.store;
    // What the reader may do was decided by the service (`can`).
    let (process, can) = store
        .processes()
        .page(&ctx.tenant, &ctx.actor, &slug)
        .await?;
    let filter = q.filter()?;
    let (proposals, supported) = store
        .proposals()
        .list(&ctx.tenant, &process, &filter, ctx.user_id())
        .await?;
    let facts = process.facts();
    let following = store
        .follows()
        .is_following(ctx.user_id(), Followed::Process(process.id))
        .await?;
    let channels = if can.edit {
        store
            .proposals()
            .channel_stats(&ctx.tenant, process.id)
            .await?
    } else {
        Vec::new()
    };
    let supports_open = facts.form_open(Form::Supports);
    let pages = proposals.pages();
    let of = HostRef::Process(&process);
    let phase_sections = module::sections(&ctx, Host::ProcessPhases, of).await?;
    let sections = module::sections(&ctx, Host::ProcessPage, of).await?;
    page(
        &ctx,
        "process.html",
        minijinja::context! {
            phase_sections => phase_sections.templates,
            sections => sections.templates,
            process, proposals, pages, supported => supported.into_iter().collect::<Vec<_>>(),
            can_propose => can.propose,
            propose_denied => can.propose_denied,
            proposals_open => facts.form_open(Form::Proposals),
            supports_open,
            can_edit => can.edit, can_record => can.record, following, channels,
            categories => ctx.tenant.categories,
            statuses => ProposalStatus::ALL.iter().map(|s| s.as_str()).collect::<Vec<_>>(),
            offline_channels => Channel::OFFLINE.iter().map(|c| c.as_str()).collect::<Vec<_>>(),
            q => minijinja::context!{ status => q.status, category => q.category, channel => q.channel, sort => q.sort, per_page => q.per_page },
            ..minijinja::value::merge_maps([phase_sections.values, sections.values])
        },
    )
}

#[derive(Deserialize, Default)]
struct ProposalForm {
    #[serde(default)]
    title: String,
    #[serde(default)]
    body: String,
    #[serde(default)]
    category: String,
    #[serde(default)]
    latitude: String,
    #[serde(default)]
    longitude: String,
    /// "1" after the similar-proposals review step.
    #[serde(default)]
    confirmed: String,
    /// Staff recording an offline proposal.
    #[serde(default)]
    channel: String,
    #[serde(default)]
    offline_name: String,
}

/// Parses "51,5" and "51.5"; empty means none; anything else is an error.
fn parse_coord(s: &str, field: &'static str, e: &mut teilhabe_domain::FieldErrors) -> Option<f64> {
    let t = s.trim();
    if t.is_empty() {
        return None;
    }
    match t.replace(',', ".").parse::<f64>() {
        Ok(v) if v.is_finite() => Some(v),
        _ => {
            e.add(field, "error-number");
            None
        }
    }
}

impl ProposalForm {
    fn draft(&self) -> Result<ProposalDraft, teilhabe_domain::FieldErrors> {
        let mut e = teilhabe_domain::FieldErrors::new();
        let latitude = parse_coord(&self.latitude, "latitude", &mut e);
        let longitude = parse_coord(&self.longitude, "longitude", &mut e);
        let d = ProposalDraft {
            title: self.title.clone(),
            body: self.body.clone(),
            category: self.category.clone(),
            latitude,
            longitude,
        };
        e.into_result().map(|_| d)
    }
}

fn proposal_form_page(
    ctx: &Ctx,
    process: &teilhabe_store::processes::Process,
    form: &ProposalForm,
    errors: Option<&teilhabe_domain::FieldErrors>,
    similar: Vec<teilhabe_store::search::Hit>,
    action: &str,
    status: StatusCode,
) -> AppResult {
    let errs = errors
        .map(|fe| crate::render::error_map(ctx, fe))
        .unwrap_or_default();
    page_with_status(
        ctx,
        "proposal_form.html",
        minijinja::context! {
            process, action, errors => errs, similar,
            form => minijinja::context!{ title => form.title, body => form.body, category => form.category, latitude => form.latitude, longitude => form.longitude, channel => form.channel, offline_name => form.offline_name },
            categories => ctx.tenant.categories,
        },
        status,
    )
}

async fn new_proposal(ctx: Ctx, Path(slug): Path<String>) -> AppResult {
    let process = ctx.process_for(&slug, Action::CreateProposal).await?;
    proposal_form_page(
        &ctx,
        &process,
        &ProposalForm::default(),
        None,
        Vec::new(),
        &format!("/processes/{slug}/proposals"),
        StatusCode::OK,
    )
}

fn offline_of(channel: &str, name: &str) -> Result<Option<Offline>, AppError> {
    if channel.is_empty() || channel == "online" {
        return Ok(None);
    }
    let channel = Channel::parse(channel).ok_or(AppError::BadRequest(
        "error-invalid-choice",
        format!("channel: {channel}"),
    ))?;
    Ok(Some(Offline {
        channel,
        name: name.to_string(),
    }))
}

async fn create_proposal(
    Path(slug): Path<String>,
    Post { ctx, form, .. }: Post<ProposalForm>,
) -> AppResult {
    let store = &ctx.state.store;
    let process = ctx.process(&slug).await?;
    let offline = offline_of(&form.channel, &form.offline_name)?;
    let action = format!("/processes/{slug}/proposals");
    // The form again, with errors or with similar proposals to review.
    let again = |errors: Option<&teilhabe_domain::FieldErrors>, similar, status| {
        proposal_form_page(&ctx, &process, &form, errors, similar, &action, status)
    };
    // Validate before the review step, so the person fixes errors first.
    let draft = match form
        .draft()
        .and_then(|d| d.validate(&ctx.tenant.categories).map(|_| d))
    {
        Ok(d) => d,
        Err(e) => return again(Some(&e), Vec::new(), StatusCode::UNPROCESSABLE_ENTITY),
    };
    if form.confirmed != "1" {
        let similar = store
            .search()
            .similar_proposals(
                &ctx.tenant,
                process.id,
                &format!("{} {}", draft.title, draft.body),
                5,
            )
            .await?;
        if !similar.is_empty() {
            return again(None, similar, StatusCode::OK);
        }
    }
    ctx.limit(&ctx.state.limits.contribute, "contribute")?;
    let result = store
        .proposals()
        .create(&ctx.tenant, &ctx.actor, &slug, &draft, offline)
        .await;
    form_result(
        result,
        |p| with_notice(&format!("/proposals/{}", p.id), "notice-proposal-created"),
        async |e, status| again(Some(e), Vec::new(), status),
    )
    .await
}

async fn edit_proposal_form(ctx: Ctx, Path(id): Path<i64>) -> AppResult {
    let d = ctx
        .state
        .store
        .proposals()
        .get_for(&ctx.tenant, &ctx.actor, id, Action::EditProposal)
        .await?;
    let p = &d.proposal;
    let form = ProposalForm {
        title: p.title.clone(),
        body: p.body.clone(),
        category: p.category.clone(),
        latitude: p.latitude.map(|v| v.to_string()).unwrap_or_default(),
        longitude: p.longitude.map(|v| v.to_string()).unwrap_or_default(),
        confirmed: "1".into(),
        ..ProposalForm::default()
    };
    proposal_form_page(
        &ctx,
        &d.process,
        &form,
        None,
        Vec::new(),
        &format!("/proposals/{id}/edit"),
        StatusCode::OK,
    )
}

async fn edit_proposal(
    Path(id): Path<i64>,
    Post { ctx, form, .. }: Post<ProposalForm>,
) -> AppResult {
    let store = &ctx.state.store;
    let d = ctx.proposal(id).await?;
    let action = format!("/proposals/{id}/edit");
    let result = match form.draft() {
        Ok(draft) => {
            store
                .proposals()
                .edit(&ctx.tenant, &ctx.actor, id, &draft)
                .await
        }
        Err(e) => Err(StoreError::Invalid(e)),
    };
    form_result(
        result,
        |_| with_notice(&format!("/proposals/{id}"), "notice-proposal-edited"),
        async |e, status| {
            proposal_form_page(
                &ctx,
                &d.process,
                &form,
                Some(e),
                Vec::new(),
                &action,
                status,
            )
        },
    )
    .await
}

async fn proposal_page(ctx: Ctx, Path(id): Path<i64>) -> AppResult {
    let d = ctx.proposal(id).await?;
    let facts = d.process.facts();
    // What the reader may do was decided by the service (`d.can`).
    let can = &d.can;
    page(
        &ctx,
        "proposal.html",
        minijinja::context! {
            d,
            can_support => can.support,
            support_denied => can.support_denied,
            supports_open => facts.form_open(Form::Supports),
            can_comment => can.comment,
            comment_denied => can.comment_denied,
            comments_open => facts.form_open(Form::Comments),
            can_edit => can.edit,
            can_answer => can.answer,
            can_record => can.record,
            can_report => can.report,
            can_moderate => can.moderate,
            next_statuses => d.proposal.status.next().iter().map(|s| s.as_str()).collect::<Vec<_>>(),
            offline_channels => Channel::OFFLINE.iter().map(|c| c.as_str()).collect::<Vec<_>>(),
            deadline_days => ctx.tenant.answer_deadline_days,
        },
    )
}

#[derive(Deserialize, Default)]
struct SupportForm {
    #[serde(default)]
    channel: String,
    #[serde(default)]
    offline_name: String,
}

async fn support(Path(id): Path<i64>, Post { ctx, form, .. }: Post<SupportForm>) -> AppResult {
    ctx.limit(&ctx.state.limits.contribute, "contribute")?;
    let offline = offline_of(&form.channel, &form.offline_name)?;
    let notice = if offline.is_some() {
        "notice-offline-recorded"
    } else {
        "notice-supported"
    };
    ctx.state
        .store
        .proposals()
        .support(&ctx.tenant, &ctx.actor, id, offline)
        .await?;
    Ok(see_other(&with_notice(&format!("/proposals/{id}"), notice)))
}

#[derive(Deserialize)]
struct Empty {}

async fn unsupport(Path(id): Path<i64>, Post { ctx, .. }: Post<Empty>) -> AppResult {
    ctx.state
        .store
        .proposals()
        .withdraw_support(&ctx.tenant, &ctx.actor, id)
        .await?;
    Ok(see_other(&with_notice(
        &format!("/proposals/{id}"),
        "notice-support-withdrawn",
    )))
}

#[derive(Deserialize)]
struct CommentForm {
    #[serde(default)]
    body: String,
    parent_id: Option<String>,
    #[serde(default)]
    channel: String,
    #[serde(default)]
    offline_name: String,
}

async fn comment(Path(id): Path<i64>, Post { ctx, form, .. }: Post<CommentForm>) -> AppResult {
    ctx.limit(&ctx.state.limits.contribute, "contribute")?;
    let parent = match form.parent_id.as_deref().map(str::trim) {
        None | Some("") => None,
        Some(p) => Some(
            p.parse::<i64>()
                .map_err(|_| AppError::BadRequest("error-number", format!("parent_id: {p}")))?,
        ),
    };
    let offline = offline_of(&form.channel, &form.offline_name)?;
    let cid = ctx
        .state
        .store
        .proposals()
        .comment(&ctx.tenant, &ctx.actor, id, parent, &form.body, offline)
        .await?;
    Ok(see_other(&with_notice(
        &format!("/proposals/{id}#comment-{cid}"),
        "notice-commented",
    )))
}

async fn follow_process(
    Path(slug): Path<String>,
    Post { ctx, form, .. }: Post<FollowForm>,
) -> AppResult {
    let p = ctx.process(&slug).await?;
    let on = form.on(false)?;
    follow(
        &ctx,
        Followed::Process(p.id),
        on,
        &format!("/processes/{slug}"),
    )
    .await
}

async fn follow_proposal(
    Path(id): Path<i64>,
    Post { ctx, form, .. }: Post<FollowForm>,
) -> AppResult {
    let on = form.on(false)?;
    follow(
        &ctx,
        Followed::Proposal(id),
        on,
        &format!("/proposals/{id}"),
    )
    .await
}

#[derive(Deserialize)]
struct AnswerForm {
    status: String,
    #[serde(default)]
    answer: String,
    #[serde(default)]
    progress: String,
    #[serde(default)]
    note: String,
}

async fn answer(Path(id): Path<i64>, Post { ctx, form, .. }: Post<AnswerForm>) -> AppResult {
    let progress = match form.progress.trim() {
        "" => None,
        p => Some(p.parse::<i64>().map_err(|_| {
            let mut e = teilhabe_domain::FieldErrors::new();
            e.add("progress", "error-percent");
            AppError::Invalid(e)
        })?),
    };
    ctx.state
        .store
        .proposals()
        .answer(
            &ctx.tenant,
            &ctx.actor,
            id,
            &form.status,
            &form.answer,
            progress,
            &form.note,
        )
        .await?;
    Ok(see_other(&with_notice(
        &format!("/proposals/{id}"),
        "notice-answered",
    )))
}

async fn inbox(ctx: Ctx) -> AppResult {
    let items = ctx
        .state
        .store
        .proposals()
        .inbox(&ctx.tenant, &ctx.actor)
        .await?;
    let overdue = items.iter().filter(|i| i.proposal.overdue).count();
    let sections = module::sections(&ctx, Host::StaffInbox, HostRef::Staff).await?;
    page(
        &ctx,
        "inbox.html",
        minijinja::context! { items, overdue, deadline_days => ctx.tenant.answer_deadline_days, sections => sections.templates, ..sections.values },
    )
}
