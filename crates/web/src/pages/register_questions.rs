//! Questions and objections on register entries: the section of the entry
//! page (list with public answers, follow button, the form to ask or
//! object, staff answer and moderator hide forms), the form pages that
//! show a submission's errors, and the admin setting of the objection
//! deadline. Rules and permissions live in the store and the register
//! crate; the handlers parse, call one service and render.

use super::moderation::{self, FollowForm};
use crate::ctx::{Ctx, Post};
use crate::error::{AppError, AppResult};
use crate::module::{BoxFuture, Host, HostRef, Section, WebModule};
use crate::params::parse_id;
use crate::render::{error_map, form_result, page_with_status, with_notice};
use crate::AppState;
use axum::extract::{Path, Query};
use axum::http::StatusCode;
use axum::routing::{get, post};
use axum::Router;
use serde::{Deserialize, Serialize};
use teilhabe_domain::permission::{decide, Action, Target};
use teilhabe_domain::proposal::Channel;
use teilhabe_domain::questions::{aspect_label_key, aspects};
use teilhabe_domain::FieldErrors;
use teilhabe_store::follows::Followed;
use teilhabe_store::moderation::Content;
use teilhabe_store::questions::{Offline, QuestionCounts, QuestionRights, RegisterQuestion};
use teilhabe_store::register::RegisterSummary;
use teilhabe_store::StoreError;

pub fn routes() -> Router<AppState> {
    Router::new()
        .route("/data-register/{slug}/questions", post(ask))
        .route("/data-register/{slug}/questions/new", get(ask_form))
        .route(
            "/data-register/{slug}/questions/record",
            get(record_form).post(record),
        )
        .route(
            "/data-register/{slug}/questions/{id}/answer",
            get(answer_form).post(answer),
        )
        .route(
            "/data-register/{slug}/questions/{id}/hide",
            get(hide_form).post(hide),
        )
        .route(
            "/data-register/{slug}/questions/{id}/report",
            get(report_form).post(report),
        )
        .route("/data-register/{slug}/follow", post(follow))
        .route(
            "/admin/objection-deadline",
            get(deadline_form).post(save_deadline),
        )
}

#[derive(Serialize)]
struct Aspect {
    value: &'static str,
    label_key: &'static str,
}

fn aspect_choices() -> Vec<Aspect> {
    aspects()
        .into_iter()
        .map(|a| Aspect {
            value: a,
            label_key: aspect_label_key(a),
        })
        .collect()
}

/// What the entry page's questions section needs (`register_questions` in
/// `register/entry.html`, rendered by `questions/part.html`).
pub(crate) async fn section(ctx: &Ctx, entry: &RegisterSummary) -> AppResult<minijinja::Value> {
    let store = &ctx.state.store;
    let items = store.questions().of_entry(&ctx.tenant, entry.id).await?;
    let counts = QuestionCounts::of(&items);
    let can = QuestionRights::decide(&ctx.actor, entry);
    let followed = Followed::RegisterEntry(entry.id);
    let following = store
        .follows()
        .is_following(ctx.user_id(), followed)
        .await?;
    Ok(minijinja::context! {
        items,
        counts,
        following,
        followers => store.follows().followers(followed).await?,
        signed_in => ctx.actor.is_logged_in(),
        can_ask => can.ask,
        can_answer => can.answer,
        can_moderate => can.moderate,
        can_report => can.report,
        can_record => can.record,
        offline_channels => offline_channels(),
        deadline_days => store.questions().objection_deadline_days(&ctx.tenant).await?,
        aspects => aspect_choices(),
    })
}

fn offline_channels() -> Vec<&'static str> {
    Channel::OFFLINE.iter().map(|c| c.as_str()).collect()
}

/// The fields of the ask form (and of staff recording one that came on
/// paper, by phone, ...), kept for a re-render.
#[derive(Deserialize, Serialize, Default)]
struct AskForm {
    #[serde(default)]
    channel: String,
    #[serde(default)]
    offline_name: String,
    #[serde(default)]
    question_kind: String,
    #[serde(default)]
    question_aspect: String,
    #[serde(default)]
    question_text: String,
}

#[derive(Deserialize, Serialize, Default)]
struct AnswerForm {
    #[serde(default)]
    answer: String,
}

#[derive(Deserialize, Serialize, Default)]
struct HideForm {
    #[serde(default)]
    reason: String,
}

/// The form page: `mode` is `ask`, `record`, `answer`, `hide` or `report`.
struct FormPage<'a, F: Serialize> {
    mode: &'static str,
    entry: &'a RegisterSummary,
    question: Option<&'a RegisterQuestion>,
    form: &'a F,
    errors: Option<&'a FieldErrors>,
    status: StatusCode,
}

impl<'a, F: Serialize> FormPage<'a, F> {
    /// The form as first shown.
    fn new(
        mode: &'static str,
        entry: &'a RegisterSummary,
        question: Option<&'a RegisterQuestion>,
        form: &'a F,
    ) -> Self {
        FormPage {
            mode,
            entry,
            question,
            form,
            errors: None,
            status: StatusCode::OK,
        }
    }

    /// The form again with the errors of a submission.
    fn failed(self, errors: &'a FieldErrors, status: StatusCode) -> Self {
        FormPage {
            errors: Some(errors),
            status,
            ..self
        }
    }
}

/// After asking or recording: to the new question on the entry page, or
/// the form again with its errors.
async fn after_submit(
    ctx: &Ctx,
    entry: &RegisterSummary,
    mode: &'static str,
    form: &AskForm,
    result: Result<RegisterQuestion, StoreError>,
    notice: impl FnOnce(&RegisterQuestion) -> &'static str,
) -> AppResult {
    form_result(
        result,
        |q| {
            with_notice(
                &format!("/data-register/{}#question-{}", entry.slug, q.id),
                notice(&q),
            )
        },
        async |e, status| {
            form_page(
                ctx,
                FormPage::new(mode, entry, None, form).failed(e, status),
            )
            .await
        },
    )
    .await
}

/// After an answer, hide or report: back to the question on the entry
/// page, or the form again with its errors.
async fn after_question<F: Serialize>(
    ctx: &Ctx,
    entry: &RegisterSummary,
    id: i64,
    mode: &'static str,
    form: &F,
    result: Result<(), StoreError>,
    notice: &str,
) -> AppResult {
    form_result(
        result,
        |_| {
            with_notice(
                &format!("/data-register/{}#question-{id}", entry.slug),
                notice,
            )
        },
        async |e, status| {
            let q = ctx
                .state
                .store
                .questions()
                .get(&ctx.tenant, entry.id, id)
                .await?;
            form_page(
                ctx,
                FormPage::new(mode, entry, Some(&q), form).failed(e, status),
            )
            .await
        },
    )
    .await
}

async fn form_page<F: Serialize>(ctx: &Ctx, p: FormPage<'_, F>) -> AppResult {
    let deadline_days = ctx
        .state
        .store
        .questions()
        .objection_deadline_days(&ctx.tenant)
        .await?;
    page_with_status(
        ctx,
        "questions/form.html",
        minijinja::context! {
            mode => p.mode,
            entry => p.entry,
            question => p.question,
            form => p.form,
            errors => p.errors.map(|e| error_map(ctx, e)).unwrap_or_default(),
            aspects => aspect_choices(),
            offline_channels => offline_channels(),
            deadline_days,
        },
        p.status,
    )
}

#[derive(Deserialize, Default)]
struct KindQuery {
    kind: Option<String>,
}

async fn ask_form(ctx: Ctx, Path(slug): Path<String>, Query(q): Query<KindQuery>) -> AppResult {
    let entry = ctx
        .state
        .store
        .register()
        .entry_for(&ctx.tenant, &ctx.actor, &slug, Action::AskRegisterQuestion)
        .await?;
    let kind = match q.kind.as_deref() {
        Some("objection") => "objection",
        _ => "question",
    };
    let form = AskForm {
        question_kind: kind.to_string(),
        ..AskForm::default()
    };
    form_page(&ctx, FormPage::new("ask", &entry, None, &form)).await
}

async fn ask(Path(slug): Path<String>, Post { ctx, form, .. }: Post<AskForm>) -> AppResult {
    let store = &ctx.state.store;
    let entry = store
        .register()
        .entry_for(&ctx.tenant, &ctx.actor, &slug, Action::AskRegisterQuestion)
        .await?;
    ctx.limit(&ctx.state.limits.contribute, "contribute")?;
    let result = store
        .questions()
        .ask(
            &ctx.tenant,
            &ctx.actor,
            &slug,
            &form.question_kind,
            &form.question_aspect,
            &form.question_text,
        )
        .await;
    after_submit(&ctx, &entry, "ask", &form, result, |q| {
        if q.kind == "objection" {
            "notice-register-objection-filed"
        } else {
            "notice-register-question-asked"
        }
    })
    .await
}

async fn record_form(ctx: Ctx, Path(slug): Path<String>) -> AppResult {
    let entry = ctx
        .state
        .store
        .register()
        .entry_for(&ctx.tenant, &ctx.actor, &slug, Action::RecordOffline)
        .await?;
    let form = AskForm {
        question_kind: "objection".into(),
        channel: "paper".into(),
        ..AskForm::default()
    };
    form_page(&ctx, FormPage::new("record", &entry, None, &form)).await
}

async fn record(Path(slug): Path<String>, Post { ctx, form, .. }: Post<AskForm>) -> AppResult {
    let store = &ctx.state.store;
    let entry = store.register().entry(&ctx.tenant, &slug).await?;
    // The service refuses those who may not record (before any check).
    // An unknown channel is reported with the other fields.
    let offline = Offline {
        channel: Channel::parse(&form.channel).unwrap_or(Channel::Online),
        name: form.offline_name.clone(),
    };
    let result = store
        .questions()
        .record(
            &ctx.tenant,
            &ctx.actor,
            &slug,
            &offline,
            &form.question_kind,
            &form.question_aspect,
            &form.question_text,
        )
        .await;
    after_submit(&ctx, &entry, "record", &form, result, |_| {
        "notice-offline-recorded"
    })
    .await
}

/// The form on one question (`answer`, `hide` or `report`): for whom
/// `action` is allowed on `on(entry)`, not for a hidden question
/// (`hidden_error`); `form` gives its first values.
async fn question_form<F: Serialize>(
    ctx: &Ctx,
    (slug, id): (&str, &str),
    mode: &'static str,
    (action, on): (Action, fn(&RegisterSummary) -> Target<'static>),
    hidden_error: &'static str,
    form: impl FnOnce(&RegisterQuestion) -> F,
) -> AppResult {
    let store = &ctx.state.store;
    let entry = store.register().entry(&ctx.tenant, slug).await?;
    decide(&ctx.actor, action, &on(&entry))?;
    let q = store
        .questions()
        .get(&ctx.tenant, entry.id, parse_id(id)?)
        .await?;
    if q.hidden {
        return Err(AppError::Conflict(hidden_error));
    }
    let form = form(&q);
    form_page(ctx, FormPage::new(mode, &entry, Some(&q), &form)).await
}

async fn answer_form(ctx: Ctx, Path((slug, id)): Path<(String, String)>) -> AppResult {
    // A second answer corrects the first: the form starts with it.
    question_form(
        &ctx,
        (&slug, &id),
        "answer",
        (Action::AnswerRegisterQuestion, RegisterSummary::target),
        "error-register-question-hidden",
        |q| AnswerForm {
            answer: q.answer.clone().unwrap_or_default(),
        },
    )
    .await
}

async fn answer(
    Path((slug, id)): Path<(String, String)>,
    Post { ctx, form, .. }: Post<AnswerForm>,
) -> AppResult {
    let store = &ctx.state.store;
    let entry = store.register().entry(&ctx.tenant, &slug).await?;
    let id = parse_id(&id)?;
    let result = store
        .questions()
        .answer(&ctx.tenant, &ctx.actor, &slug, id, &form.answer)
        .await
        .map(|_| ());
    after_question(&ctx, &entry, id, "answer", &form, result, "notice-answered").await
}

async fn hide_form(ctx: Ctx, Path((slug, id)): Path<(String, String)>) -> AppResult {
    question_form(
        &ctx,
        (&slug, &id),
        "hide",
        (Action::Moderate, |_| Target::Municipality),
        "error-already-hidden",
        |_| HideForm::default(),
    )
    .await
}

async fn hide(
    Path((slug, id)): Path<(String, String)>,
    Post { ctx, form, .. }: Post<HideForm>,
) -> AppResult {
    let store = &ctx.state.store;
    let entry = store.register().entry(&ctx.tenant, &slug).await?;
    let id = parse_id(&id)?;
    let target = Content::RegisterQuestion {
        entry: entry.id,
        id,
    };
    let result = moderation::hide(&ctx, target, &form.reason)
        .await
        .map(|_| ());
    after_question(&ctx, &entry, id, "hide", &form, result, "notice-hidden").await
}

async fn report_form(ctx: Ctx, Path((slug, id)): Path<(String, String)>) -> AppResult {
    question_form(
        &ctx,
        (&slug, &id),
        "report",
        (Action::Report, RegisterSummary::target),
        "error-already-hidden",
        |_| HideForm::default(),
    )
    .await
}

async fn report(
    Path((slug, id)): Path<(String, String)>,
    Post { ctx, form, .. }: Post<HideForm>,
) -> AppResult {
    let store = &ctx.state.store;
    let entry = store
        .register()
        .entry_for(&ctx.tenant, &ctx.actor, &slug, Action::Report)
        .await?;
    ctx.limit(&ctx.state.limits.contribute, "contribute")?;
    let id = parse_id(&id)?;
    let target = Content::RegisterQuestion {
        entry: entry.id,
        id,
    };
    let result = moderation::report(&ctx, target, &form.reason).await;
    after_question(&ctx, &entry, id, "report", &form, result, "notice-reported").await
}

async fn follow(Path(slug): Path<String>, Post { ctx, form, .. }: Post<FollowForm>) -> AppResult {
    let on = form.on(true)?;
    let entry = ctx.state.store.register().entry(&ctx.tenant, &slug).await?;
    let back = format!("/data-register/{slug}#questions");
    moderation::follow(&ctx, Followed::RegisterEntry(entry.id), on, &back).await
}

#[derive(Deserialize, Serialize, Default)]
struct DeadlineForm {
    #[serde(default)]
    objection_deadline_days: String,
}

async fn deadline_page(
    ctx: &Ctx,
    form: &DeadlineForm,
    errors: Option<&FieldErrors>,
    status: StatusCode,
) -> AppResult {
    page_with_status(
        ctx,
        "admin/objection_deadline.html",
        minijinja::context! {
            form,
            errors => errors.map(|e| error_map(ctx, e)).unwrap_or_default(),
        },
        status,
    )
}

async fn deadline_form(ctx: Ctx) -> AppResult {
    decide(&ctx.actor, Action::ManageUsers, &Target::Municipality)?;
    let days = ctx
        .state
        .store
        .questions()
        .objection_deadline_days(&ctx.tenant)
        .await?;
    let form = DeadlineForm {
        objection_deadline_days: days.to_string(),
    };
    deadline_page(&ctx, &form, None, StatusCode::OK).await
}

async fn save_deadline(Post { ctx, form, .. }: Post<DeadlineForm>) -> AppResult {
    decide(&ctx.actor, Action::ManageUsers, &Target::Municipality)?;
    let result = match form.objection_deadline_days.trim().parse::<i64>() {
        Ok(days) => {
            ctx.state
                .store
                .questions()
                .set_objection_deadline_days(&ctx.tenant, &ctx.actor, days)
                .await
        }
        Err(_) => {
            let mut e = FieldErrors::new();
            e.add("objection_deadline_days", "error-number");
            Err(StoreError::Invalid(e))
        }
    };
    form_result(
        result,
        |_| with_notice("/admin/objection-deadline", "notice-saved"),
        async |e, status| deadline_page(&ctx, &form, Some(e), status).await,
    )
    .await
}

/// Questions and objections: pages, API, the section of a register entry
/// and the parts of the staff inbox and the moderation queue.
pub const MODULE: WebModule = WebModule {
    name: "questions",
    pages: routes,
    api: Some(crate::api::questions::router),
    sections: &[
        Section {
            host: Host::RegisterEntry,
            template: "questions/part.html",
            load: entry_section,
        },
        Section {
            host: Host::StaffInbox,
            template: "questions/inbox_part.html",
            load: inbox_section,
        },
    ],
};

crate::section_loader!(
    /// `register_questions` for `questions/part.html`.
    fn entry_section: RegisterEntry => register_questions = section
);

/// Open questions and objections on the department's register entries
/// (`register`, `register_overdue` for `inbox_register_part.html`).
fn inbox_section<'a>(
    ctx: &'a Ctx,
    of: HostRef<'a>,
) -> BoxFuture<'a, AppResult<Option<minijinja::Value>>> {
    let _ = of;
    Box::pin(async move {
        let register = ctx
            .state
            .store
            .questions()
            .inbox(&ctx.tenant, &ctx.actor)
            .await?;
        let register_overdue = register.iter().filter(|i| i.question.overdue).count();
        Ok(Some(minijinja::context! { register, register_overdue }))
    })
}
