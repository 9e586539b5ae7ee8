//! Admin area: processes, users and roles, verification codes, outbox,
//! municipality settings.

use crate::ctx::{Ctx, Post, Upload};
use crate::error::{AppError, AppResult};
use crate::render::{error_map, form_result, page, page_with_status, see_other, with_notice};
use crate::AppState;
use axum::extract::{Path, Query, State};
use axum::http::StatusCode;
use axum::routing::{get, post};
use axum::Router;
use serde::Deserialize;
use std::str::FromStr;
use teilhabe_domain::permission::{decide, Action, Target};
use teilhabe_domain::process::{Form, ProcessRules, ProcessStatus};
use teilhabe_domain::{FieldErrors, Role};
use teilhabe_store::processes::{PhaseInput, Process, ProcessInput};
use teilhabe_store::StoreError;

pub fn routes() -> Router<AppState> {
    Router::new()
        .route("/admin", get(index))
        .route("/admin/processes/new", get(new_process))
        .route("/admin/processes", post(create_process))
        .route(
            "/admin/processes/{slug}/edit",
            get(edit_process).post(update_process),
        )
        .route(
            "/admin/processes/{slug}/image",
            post(upload_image).layer(axum::extract::DefaultBodyLimit::max(
                teilhabe_store::processes::IMAGE_MAX_BYTES + 64 * 1024,
            )),
        )
        .route("/images/{id}", get(image))
        .route("/admin/users", get(users))
        .route("/admin/users/role", post(set_role))
        .route("/admin/verification", get(verification))
        .route("/admin/verification/import", post(import_codes))
        .route("/admin/verification/generate", post(generate_codes))
        .route("/admin/outbox", get(outbox))
}

async fn index(ctx: Ctx) -> AppResult {
    let processes = ctx
        .state
        .store
        .processes()
        .run_by(&ctx.tenant, &ctx.actor)
        .await?;
    page(&ctx, "admin/index.html", minijinja::context! { processes })
}

/// Values of the process form, as entered, for re-rendering.
#[derive(serde::Serialize, Default)]
pub(crate) struct ProcessFormView {
    pub(crate) title: String,
    pub(crate) slug: String,
    pub(crate) summary: String,
    pub(crate) body: String,
    pub(crate) department_id: Option<i64>,
    pub(crate) area: String,
    pub(crate) image_url: String,
    pub(crate) status: String,
    pub(crate) proposals_require_verification: bool,
    pub(crate) supports_require_verification: bool,
    pub(crate) comments_require_verification: bool,
    pub(crate) support_limit: String,
    pub(crate) active_phase: Option<usize>,
    pub(crate) phases: Vec<PhaseView>,
}

#[derive(serde::Serialize, Default, Clone)]
pub(crate) struct PhaseView {
    pub(crate) title: String,
    pub(crate) starts_on: String,
    pub(crate) ends_on: String,
    pub(crate) forms: Vec<&'static str>,
}

fn view_of(p: &Process) -> ProcessFormView {
    ProcessFormView {
        title: p.title.clone(),
        slug: p.slug.clone(),
        summary: p.summary.clone(),
        body: p.body.clone(),
        department_id: p.department_id,
        area: p.area.clone(),
        image_url: p.image_url.clone().unwrap_or_default(),
        status: p.status.as_str().into(),
        proposals_require_verification: p.rules.proposals_require_verification,
        supports_require_verification: p.rules.supports_require_verification,
        comments_require_verification: p.rules.comments_require_verification,
        support_limit: p
            .rules
            .support_limit
            .map(|l| l.to_string())
            .unwrap_or_default(),
        active_phase: p.phases.iter().position(|ph| ph.active),
        phases: p
            .phases
            .iter()
            .map(|ph| PhaseView {
                title: ph.title.clone(),
                starts_on: ph.starts_on.clone(),
                ends_on: ph.ends_on.clone(),
                forms: ph.forms.iter().map(|f| f.as_str()).collect(),
            })
            .collect(),
    }
}

/// Reads the process form. Phases come as numbered rows
/// (`phase_title_0`, `phase_start_0`, `phase_end_0`, `phase_form_0`...);
/// rows left completely empty are skipped.
/// The errors to show on a refused new process: the form's own, the
/// store's, and every other field the input's validation names (a form
/// error stops the store early, so its checks would otherwise stay unseen).
pub(crate) fn add_store_errors(errors: &mut FieldErrors, store: FieldErrors, input: &ProcessInput) {
    errors.0.extend(store.0);
    if let Err(more) = input.validate() {
        let unseen: Vec<_> = more
            .0
            .into_iter()
            .filter(|m| errors.get(m.field).is_none())
            .collect();
        errors.0.extend(unseen);
    }
}

fn parse_process_form(pairs: &[(String, String)]) -> (ProcessInput, ProcessFormView, FieldErrors) {
    let get = |k: &str| {
        pairs
            .iter()
            .find(|(n, _)| n == k)
            .map(|(_, v)| v.clone())
            .unwrap_or_default()
    };
    let all = |k: &str| {
        pairs
            .iter()
            .filter(|(n, _)| n == k)
            .map(|(_, v)| v.clone())
            .collect::<Vec<_>>()
    };
    let mut errors = FieldErrors::new();
    let department_id = match get("department_id").trim() {
        "" => None,
        d => match d.parse::<i64>() {
            Ok(v) => Some(v),
            Err(_) => {
                errors.add("department_id", "error-invalid-choice");
                None
            }
        },
    };
    let support_limit_raw = get("support_limit");
    let support_limit = match support_limit_raw.trim() {
        "" => None,
        s => match s.parse::<u32>() {
            Ok(v) => Some(v),
            Err(_) => {
                errors.add_with(
                    "support_limit",
                    "error-number-range",
                    vec![("min", "1".into()), ("max", "1000".into())],
                );
                None
            }
        },
    };
    let mut phases = Vec::new();
    let mut views = Vec::new();
    let mut active_phase = None;
    let chosen_active = get("active_phase");
    for i in 0..20 {
        let title = get(&format!("phase_title_{i}"));
        let start = get(&format!("phase_start_{i}"));
        let end = get(&format!("phase_end_{i}"));
        let forms: Vec<Form> = all(&format!("phase_form_{i}"))
            .iter()
            .filter_map(|f| Form::parse(f))
            .collect();
        if title.trim().is_empty() && start.trim().is_empty() && end.trim().is_empty() {
            continue;
        }
        if chosen_active == i.to_string() {
            active_phase = Some(phases.len());
        }
        views.push(PhaseView {
            title: title.clone(),
            starts_on: start.clone(),
            ends_on: end.clone(),
            forms: forms.iter().map(|f| f.as_str()).collect(),
        });
        phases.push(PhaseInput {
            title,
            starts_on: start,
            ends_on: end,
            forms,
        });
    }
    let input = ProcessInput {
        title: get("title"),
        slug: get("slug"),
        summary: get("summary"),
        body: get("body"),
        department_id,
        area: get("area"),
        image_url: get("image_url"),
        status: get("status"),
        rules: ProcessRules {
            proposals_require_verification: get("proposals_require_verification") == "1",
            supports_require_verification: get("supports_require_verification") == "1",
            comments_require_verification: get("comments_require_verification") == "1",
            support_limit,
        },
        phases,
        active_phase,
    };
    let view = ProcessFormView {
        title: input.title.clone(),
        slug: input.slug.clone(),
        summary: input.summary.clone(),
        body: input.body.clone(),
        department_id,
        area: input.area.clone(),
        image_url: input.image_url.clone(),
        status: input.status.clone(),
        proposals_require_verification: input.rules.proposals_require_verification,
        supports_require_verification: input.rules.supports_require_verification,
        comments_require_verification: input.rules.comments_require_verification,
        support_limit: support_limit_raw,
        active_phase,
        phases: views,
    };
    (input, view, errors)
}

async fn process_form(
    ctx: &Ctx,
    view: ProcessFormView,
    action: &str,
    errors: Option<&FieldErrors>,
    status: StatusCode,
) -> AppResult {
    process_form_for(ctx, view, action, errors, status, None).await
}

/// The process form; `from_entry` (slug, title) when the process is
/// opened for a register entry (`pages::evaluation`).
pub(crate) async fn process_form_for(
    ctx: &Ctx,
    view: ProcessFormView,
    action: &str,
    errors: Option<&FieldErrors>,
    status: StatusCode,
    from_entry: Option<(&str, &str)>,
) -> AppResult {
    let departments = ctx
        .state
        .store
        .tenants()
        .departments_for(&ctx.tenant, &ctx.actor)
        .await?
        .departments;
    let mut rows = view.phases.clone();
    rows.resize(view.phases.len() + 2, PhaseView::default());
    page_with_status(
        ctx,
        "admin/process_form.html",
        minijinja::context! {
            form => view, rows, action, departments,
            from_entry => from_entry.map(|(slug, title)| minijinja::context! { slug, title }),
            statuses => ProcessStatus::ALL.iter().map(|s| s.as_str()).collect::<Vec<_>>(),
            forms => Form::ALL.iter().map(|f| f.as_str()).collect::<Vec<_>>(),
            errors => errors.map(|e| error_map(ctx, e)).unwrap_or_default(),
        },
        status,
    )
}

async fn new_process(ctx: Ctx) -> AppResult {
    decide(&ctx.actor, Action::CreateProcess, &Target::Municipality)?;
    let view = ProcessFormView {
        status: "draft".into(),
        ..Default::default()
    };
    process_form(&ctx, view, "/admin/processes", None, StatusCode::OK).await
}

async fn create_process(Post { ctx, pairs, .. }: Post<Empty>) -> AppResult {
    decide(&ctx.actor, Action::CreateProcess, &Target::Municipality)?;
    let save = async |input: &ProcessInput| {
        ctx.state
            .store
            .create_process(&ctx.tenant, &ctx.actor, input)
            .await
    };
    let at = ProcessFormAt {
        action: "/admin/processes",
        from_entry: None,
        notice: "notice-saved",
        merge: add_store_errors,
    };
    submit_process_form(&ctx, &pairs, at, save).await
}

/// Where a submitted process form goes and what it says.
pub(crate) struct ProcessFormAt<'a> {
    /// The form's own address, to show it again.
    pub action: &'a str,
    /// The register entry (slug, title) a new process is opened for.
    pub from_entry: Option<(&'a str, &'a str)>,
    /// The notice on the process page after saving.
    pub notice: &'a str,
    /// Joins the store's errors to the form's own.
    pub merge: fn(&mut FieldErrors, FieldErrors, &ProcessInput),
}

/// Parses a submitted process form and saves it with `save` unless the
/// form itself has errors; then the process page, or the form again with
/// every error.
pub(crate) async fn submit_process_form(
    ctx: &Ctx,
    pairs: &[(String, String)],
    at: ProcessFormAt<'_>,
    save: impl AsyncFnOnce(&ProcessInput) -> Result<Process, StoreError>,
) -> AppResult {
    let (input, view, mut errors) = parse_process_form(pairs);
    let result = if errors.is_empty() {
        save(&input).await
    } else {
        Err(StoreError::Invalid(FieldErrors::new()))
    };
    match result {
        Ok(p) => Ok(see_other(&with_notice(
            &format!("/processes/{}", p.slug),
            at.notice,
        ))),
        Err(StoreError::Invalid(e)) => {
            (at.merge)(&mut errors, e, &input);
            process_form_for(
                ctx,
                view,
                at.action,
                Some(&errors),
                StatusCode::UNPROCESSABLE_ENTITY,
                at.from_entry,
            )
            .await
        }
        Err(e) => Err(e.into()),
    }
}

async fn edit_process(ctx: Ctx, Path(slug): Path<String>) -> AppResult {
    let p = ctx.process_for(&slug, Action::EditProcess).await?;
    process_form(
        &ctx,
        view_of(&p),
        &format!("/admin/processes/{slug}/edit"),
        None,
        StatusCode::OK,
    )
    .await
}

async fn update_process(
    Path(slug): Path<String>,
    Post { ctx, pairs, .. }: Post<Empty>,
) -> AppResult {
    let save = async |input: &ProcessInput| {
        ctx.state
            .store
            .processes()
            .update(&ctx.tenant, &ctx.actor, &slug, input)
            .await
    };
    let at = ProcessFormAt {
        action: &format!("/admin/processes/{slug}/edit"),
        from_entry: None,
        notice: "notice-saved",
        merge: |errors, store, _| errors.0.extend(store.0),
    };
    submit_process_form(&ctx, &pairs, at, save).await
}

#[derive(Deserialize)]
struct Empty {}

#[derive(Deserialize)]
struct UserQuery {
    q: Option<String>,
}

async fn users(ctx: Ctx, Query(q): Query<UserQuery>) -> AppResult {
    decide(&ctx.actor, Action::ManageUsers, &Target::Municipality)?;
    let list = ctx
        .state
        .store
        .accounts()
        .users_with_roles(&ctx.tenant, q.q.as_deref().unwrap_or(""), 200)
        .await?;
    let departments = ctx.state.store.tenants().departments(&ctx.tenant).await?;
    page(
        &ctx,
        "admin/users.html",
        minijinja::context! { users => list, departments, q => q.q.unwrap_or_default(), roles => ["staff", "moderator", "council", "admin"] },
    )
}

#[derive(Deserialize)]
struct RoleForm {
    user_id: i64,
    role: String,
    #[serde(default)]
    department_id: String,
    #[serde(default)]
    grant: String,
}

async fn set_role(Post { ctx, form, .. }: Post<RoleForm>) -> AppResult {
    decide(&ctx.actor, Action::ManageUsers, &Target::Municipality)?;
    let role = Role::from_str(&form.role).map_err(|_| {
        AppError::BadRequest("error-invalid-choice", format!("role: {}", form.role))
    })?;
    let dept = match form.department_id.trim() {
        "" | "0" => None,
        d => Some(
            d.parse::<i64>()
                .map_err(|_| AppError::BadRequest("error-number", format!("department_id: {d}")))?,
        ),
    };
    ctx.state
        .store
        .accounts()
        .set_role(
            &ctx.tenant,
            ctx.user_id(),
            form.user_id,
            role,
            dept,
            form.grant == "1",
        )
        .await?;
    Ok(see_other(&with_notice("/admin/users", "notice-saved")))
}

/// The person importing or generating verification codes (refused
/// unless they may manage them).
fn code_manager(ctx: &Ctx) -> Result<i64, AppError> {
    decide(
        &ctx.actor,
        Action::ManageVerificationCodes,
        &Target::Municipality,
    )?;
    Ok(ctx.user_id().unwrap_or(0))
}

async fn verification_page(
    ctx: &Ctx,
    errors: Option<&FieldErrors>,
    status: StatusCode,
) -> AppResult {
    decide(
        &ctx.actor,
        Action::ManageVerificationCodes,
        &Target::Municipality,
    )?;
    let batches = ctx.state.store.accounts().code_batches(&ctx.tenant).await?;
    page_with_status(
        ctx,
        "admin/verification.html",
        minijinja::context! { batches, errors => errors.map(|e| error_map(ctx, e)).unwrap_or_default() },
        status,
    )
}

async fn verification(ctx: Ctx) -> AppResult {
    verification_page(&ctx, None, StatusCode::OK).await
}

#[derive(Deserialize)]
struct ImportForm {
    #[serde(default)]
    batch: String,
    #[serde(default)]
    codes: String,
}

async fn import_codes(Post { ctx, form, .. }: Post<ImportForm>) -> AppResult {
    let by = code_manager(&ctx)?;
    let result = ctx
        .state
        .store
        .accounts()
        .import_verification_codes(&ctx.tenant, by, &form.batch, &form.codes)
        .await;
    form_result(
        result,
        |_| with_notice("/admin/verification", "notice-codes-imported"),
        async |e, status| verification_page(&ctx, Some(e), status).await,
    )
    .await
}

#[derive(Deserialize)]
struct GenerateForm {
    #[serde(default)]
    batch: String,
    #[serde(default)]
    count: String,
}

async fn generate_codes(Post { ctx, form, .. }: Post<GenerateForm>) -> AppResult {
    let by = code_manager(&ctx)?;
    let count: usize = form.count.trim().parse().unwrap_or(0);
    match ctx
        .state
        .store
        .accounts()
        .generate_verification_codes(&ctx.tenant, by, &form.batch, count)
        .await
    {
        // The codes exist in clear only on this printable page.
        Ok(codes) => page(
            &ctx,
            "admin/letters.html",
            minijinja::context! { codes, batch => form.batch, base_url => ctx.state.base_url_for(&ctx.tenant) },
        ),
        Err(StoreError::Invalid(e)) => {
            verification_page(&ctx, Some(&e), StatusCode::UNPROCESSABLE_ENTITY).await
        }
        Err(e) => Err(e.into()),
    }
}

async fn outbox(ctx: Ctx) -> AppResult {
    decide(&ctx.actor, Action::ViewOutbox, &Target::Municipality)?;
    let mut mails = ctx.state.store.mail().outbox(&ctx.tenant, 200).await?;
    // A mail with a secret link holds only a mark: say what goes there.
    // (The outbox never has the link; a sent one's body is blank.)
    let note = format!("[{}]", ctx.t("outbox-link-note"));
    for m in &mut mails {
        if m.kind.is_some() {
            m.body = if m.sent_at.is_some() {
                ctx.t("outbox-body-blanked")
            } else {
                m.body.replace(teilhabe_store::mail::LINK_MARK, &note)
            };
        }
    }
    page(&ctx, "admin/outbox.html", minijinja::context! { mails })
}

/// Uploads a process image (multipart form with `_csrf`, `image`, `image_alt`).
/// Permission is decided before the body is read.
async fn upload_image(
    State(state): State<AppState>,
    Path(slug): Path<String>,
    ctx: Ctx,
    req: axum::extract::Request,
) -> AppResult {
    let p = ctx.process_for(&slug, Action::EditProcess).await?;
    let mut upload = Upload::read(&ctx, &state, req).await?;
    let alt = upload.text("image_alt")?;
    let data = upload.take("image");
    let result = ctx
        .state
        .store
        .processes()
        .set_image(&ctx.tenant, &ctx.actor, &slug, &data, &alt)
        .await;
    form_result(
        result,
        |_| with_notice(&format!("/processes/{slug}"), "notice-saved"),
        async |e, status| {
            process_form(
                &ctx,
                view_of(&p),
                &format!("/admin/processes/{slug}/edit"),
                Some(e),
                status,
            )
            .await
        },
    )
    .await
}

/// An uploaded image; immutable under its id, so it may be cached long.
async fn image(ctx: Ctx, Path(id): Path<String>) -> AppResult {
    let id: i64 = id.parse().map_err(|_| AppError::NotFound)?;
    let (content_type, data, public) = ctx
        .state
        .store
        .processes()
        .image(&ctx.tenant, &ctx.actor, id)
        .await?;
    let mut r = axum::response::IntoResponse::into_response(data);
    if let Ok(v) = axum::http::HeaderValue::from_str(&content_type) {
        r.headers_mut().insert(axum::http::header::CONTENT_TYPE, v);
    }
    r.headers_mut().insert(
        axum::http::header::CACHE_CONTROL,
        // An image of a draft is for its staff only: no shared cache.
        axum::http::HeaderValue::from_static(if public {
            "public, max-age=31536000, immutable"
        } else {
            "private, no-store"
        }),
    );
    r.headers_mut().insert(
        "x-content-type-options",
        axum::http::HeaderValue::from_static("nosniff"),
    );
    Ok(r)
}
