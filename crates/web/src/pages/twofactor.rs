//! Two-factor authentication: the setup on the profile (QR code as SVG
//! from its own URL, the secret as text, a first code to confirm, the
//! recovery codes shown once), turning it off, the log-in's second step
//! and the administrator's policy per role. Works without JavaScript.
//!
//! Between password and code the person holds no session, only the
//! cookie of a pending log-in ([`PENDING_COOKIE`], five minutes; the store
//! keeps only its hash, so a database reader cannot skip the password).

use crate::ctx::{cookie, Ctx, Post};
use crate::error::{AppError, AppResult};
use crate::module::{BoxFuture, Host, HostRef, Section, WebModule};
use crate::render::{error_map, page, page_with_status, see_other, set_cookie, with_notice};
use crate::AppState;
use axum::extract::Query;
use axum::http::{header, HeaderMap, HeaderValue, StatusCode};
use axum::response::{IntoResponse, Response};
use axum::routing::{get, post};
use axum::Router;
use serde::Deserialize;
use std::str::FromStr;
use teilhabe_domain::permission::{decide, Action, Target};
use teilhabe_domain::{totp, Denied, Role};
use teilhabe_store::accounts::User;
use teilhabe_store::twofactor::POLICY_ROLES;
use teilhabe_store::StoreError;

/// The cookie of a pending log-in between password and second factor.
pub const PENDING_COOKIE: &str = "th_2fa";
/// The setup page (reachable while the policy forces the setup).
pub const SETUP_PATH: &str = "/profile/twofactor";

pub const MODULE: WebModule = WebModule {
    name: "twofactor",
    pages: routes,
    api: None,
    sections: &[Section {
        host: Host::Profile,
        template: "twofactor/profile_part.html",
        load: profile_section,
    }],
};

fn routes() -> Router<AppState> {
    Router::new()
        .route("/login/code", get(code_form).post(code))
        .route("/profile/twofactor", get(setup))
        .route("/profile/twofactor/start", post(start))
        .route("/profile/twofactor/qr.svg", get(qr))
        .route("/profile/twofactor/confirm", post(confirm))
        .route("/profile/twofactor/disable", post(disable))
        .route("/admin/twofactor", get(policy_form).post(policy_save))
}

// ---- the log-in's second step ----

/// The pending log-in's token from its cookie.
fn pending_token(headers: &HeaderMap) -> Option<String> {
    cookie(headers, PENDING_COOKIE).filter(|t| !t.is_empty())
}

/// Whether the browser holds an unexpired pending log-in.
async fn pending(ctx: &Ctx, headers: &HeaderMap) -> AppResult<bool> {
    let Some(token) = pending_token(headers) else {
        return Ok(false);
    };
    Ok(ctx
        .state
        .store
        .twofactor()
        .pending_user(&ctx.tenant, &token)
        .await?
        .is_some())
}

/// After a correct password: when the account has a second factor, no
/// session yet but the pending cookie and a redirect to the code form;
/// otherwise `None` (the caller opens the session).
pub(crate) async fn second_step(ctx: &Ctx, user: &User, to: &str) -> AppResult<Option<Response>> {
    if !ctx
        .state
        .store
        .twofactor()
        .enabled(&ctx.tenant, user.id)
        .await?
    {
        return Ok(None);
    }
    let value = ctx
        .state
        .store
        .twofactor()
        .begin(&ctx.tenant, user.id)
        .await?;
    let mut r = see_other(&format!(
        "/login/code?next={}",
        crate::render::urlencode(to)
    ));
    set_cookie(&mut r, &ctx.state, PENDING_COOKIE, &value, None);
    Ok(Some(r))
}

#[derive(Deserialize, Default)]
struct NextQuery {
    next: Option<String>,
}

async fn code_form(ctx: Ctx, headers: HeaderMap, Query(q): Query<NextQuery>) -> AppResult {
    if !pending(&ctx, &headers).await? {
        return Err(AppError::Conflict("error-twofactor-pending-expired"));
    }
    page(
        &ctx,
        "twofactor/login_code.html",
        minijinja::context! { next => super::local_path(q.next.as_deref()) },
    )
}

#[derive(Deserialize)]
struct CodeForm {
    #[serde(default)]
    otp: String,
    #[serde(default)]
    next: String,
}

async fn code(headers: HeaderMap, Post { ctx, form, .. }: Post<CodeForm>) -> AppResult {
    ctx.limit(&ctx.state.limits.login, "login-code")?;
    let token =
        pending_token(&headers).ok_or(AppError::Conflict("error-twofactor-pending-expired"))?;
    let tf = ctx.state.store.twofactor();
    let user = tf
        .pending_user(&ctx.tenant, &token)
        .await?
        .ok_or(AppError::Conflict("error-twofactor-pending-expired"))?;
    // Also per account, so many addresses cannot share one account's tries.
    ctx.state
        .limits
        .login
        .check_key(&format!("twofactor-user:{}:{user}", ctx.tenant.id))
        .map_err(|_| AppError::RateLimited)?;
    let next = super::local_path(Some(&form.next));
    match tf.check_login(&ctx.tenant, &token, &form.otp).await {
        Ok(user) => {
            let mut r = super::account::start_session(&ctx, user, &next).await?;
            set_cookie(&mut r, &ctx.state, PENDING_COOKIE, "", Some(0));
            Ok(r)
        }
        Err(StoreError::Invalid(e)) => page_with_status(
            &ctx,
            "twofactor/login_code.html",
            minijinja::context! { next, errors => error_map(&ctx, &e) },
            StatusCode::UNPROCESSABLE_ENTITY,
        ),
        Err(e) => Err(e.into()),
    }
}

// ---- the policy's guard ----

/// Paths a person may still open while a role forces the setup.
fn allowed_before_setup(path: &str) -> bool {
    path == SETUP_PATH
        || path.starts_with("/profile/twofactor/")
        || path == "/logout"
        || path.starts_with("/static/")
        || path.starts_with("/lang/")
        || matches!(
            path,
            "/health" | "/impressum" | "/datenschutz" | "/barrierefreiheit"
        )
}

/// Refuses every request but the setup's while a role of the signed-in
/// person requires two-factor authentication and it is not on; API
/// tokens are refused altogether then (the setup needs the browser).
pub(crate) async fn guard(
    state: &AppState,
    tenant: &teilhabe_store::Tenant,
    actor: &teilhabe_domain::Actor,
    path: &str,
    via_token: bool,
) -> Result<(), AppError> {
    if !via_token && allowed_before_setup(path) {
        return Ok(());
    }
    if state
        .store
        .twofactor()
        .setup_required(tenant, actor)
        .await?
    {
        return Err(AppError::TwoFactorRequired);
    }
    Ok(())
}

// ---- setup on the profile ----

fn signed_in_user(ctx: &Ctx) -> AppResult<&User> {
    ctx.user
        .as_ref()
        .ok_or(AppError::Denied(Denied::LoginRequired))
}

/// The setup page: its state, optionally with just-made recovery codes or
/// a form's errors.
async fn setup_page(
    ctx: &Ctx,
    codes: Option<Vec<String>>,
    form: &str,
    errors: Option<&teilhabe_domain::FieldErrors>,
    status: StatusCode,
) -> AppResult {
    let user = signed_in_user(ctx)?;
    let tf = ctx.state.store.twofactor();
    let state = tf.status(&ctx.tenant, user.id).await?;
    let required = tf.required_for(&ctx.tenant, &ctx.actor).await?;
    let secret = state
        .pending_secret
        .as_deref()
        .map(|s| totp::grouped(s, " "));
    page_with_status(
        ctx,
        "twofactor/setup.html",
        minijinja::context! { tf => state, secret, required, codes, form, errors => errors.map(|e| error_map(ctx, e)).unwrap_or_default() },
        status,
    )
}

async fn setup(ctx: Ctx) -> AppResult {
    setup_page(&ctx, None, "", None, StatusCode::OK).await
}

#[derive(Deserialize)]
struct Empty {}

async fn start(Post { ctx, .. }: Post<Empty>) -> AppResult {
    signed_in_user(&ctx)?;
    ctx.state
        .store
        .twofactor()
        .start(&ctx.tenant, &ctx.actor)
        .await?;
    Ok(see_other(&format!("{SETUP_PATH}#confirm")))
}

/// The QR code of the pending secret, as an SVG of its own (no script, no
/// style attribute), never cached.
async fn qr(ctx: Ctx) -> AppResult {
    let user = signed_in_user(&ctx)?;
    let state = ctx
        .state
        .store
        .twofactor()
        .status(&ctx.tenant, user.id)
        .await?;
    let secret = state.pending_secret.ok_or(AppError::NotFound)?;
    let uri = totp::otpauth_uri(&ctx.tenant.name, &user.email, &secret);
    let code =
        qrcode::QrCode::new(uri.as_bytes()).map_err(|e| AppError::internal("QR code", &e))?;
    let svg = code
        .render::<qrcode::render::svg::Color>()
        .min_dimensions(240, 240)
        .build();
    let mut r = svg.into_response();
    let h = r.headers_mut();
    h.insert(
        header::CONTENT_TYPE,
        HeaderValue::from_static("image/svg+xml"),
    );
    h.insert(header::CACHE_CONTROL, HeaderValue::from_static("no-store"));
    Ok(r)
}

#[derive(Deserialize)]
struct ConfirmForm {
    #[serde(default)]
    otp: String,
}

async fn confirm(Post { ctx, form, .. }: Post<ConfirmForm>) -> AppResult {
    signed_in_user(&ctx)?;
    ctx.limit(&ctx.state.limits.login, "twofactor-confirm")?;
    match ctx
        .state
        .store
        .twofactor()
        .confirm(&ctx.tenant, &ctx.actor, &form.otp)
        .await
    {
        // Shown once, in the answer to this POST (never stored in plain).
        Ok(codes) => setup_page(&ctx, Some(codes), "", None, StatusCode::OK).await,
        Err(StoreError::Invalid(e)) => {
            setup_page(
                &ctx,
                None,
                "confirm",
                Some(&e),
                StatusCode::UNPROCESSABLE_ENTITY,
            )
            .await
        }
        Err(e) => Err(e.into()),
    }
}

#[derive(Deserialize)]
struct DisableForm {
    #[serde(default)]
    password: String,
    #[serde(default)]
    otp: String,
}

async fn disable(Post { ctx, form, .. }: Post<DisableForm>) -> AppResult {
    signed_in_user(&ctx)?;
    ctx.limit(&ctx.state.limits.login, "twofactor-disable")?;
    match ctx
        .state
        .store
        .twofactor()
        .disable(&ctx.tenant, &ctx.actor, &form.password, &form.otp)
        .await
    {
        Ok(()) => Ok(see_other(&with_notice(SETUP_PATH, "notice-twofactor-off"))),
        Err(StoreError::Invalid(e)) => {
            setup_page(
                &ctx,
                None,
                "disable",
                Some(&e),
                StatusCode::UNPROCESSABLE_ENTITY,
            )
            .await
        }
        Err(e) => Err(e.into()),
    }
}

/// The profile's section: whether two-factor authentication is on.
fn profile_section<'a>(
    ctx: &'a Ctx,
    of: HostRef<'a>,
) -> BoxFuture<'a, AppResult<Option<minijinja::Value>>> {
    Box::pin(async move {
        let (HostRef::Profile, Some(user)) = (of, ctx.user.as_ref()) else {
            return Ok(None);
        };
        let twofactor = ctx
            .state
            .store
            .twofactor()
            .status(&ctx.tenant, user.id)
            .await?;
        Ok(Some(minijinja::context! { twofactor }))
    })
}

// ---- the administrator's policy ----

async fn policy_form(ctx: Ctx) -> AppResult {
    decide(&ctx.actor, Action::ManageUsers, &Target::Municipality)?;
    let required = ctx.state.store.twofactor().policy(&ctx.tenant).await?;
    let roles: Vec<minijinja::Value> = POLICY_ROLES
        .iter()
        .map(|r| minijinja::context! { role => r.as_str(), required => required.contains(r) })
        .collect();
    page(&ctx, "twofactor/admin.html", minijinja::context! { roles })
}

async fn policy_save(Post { ctx, pairs, .. }: Post<Empty>) -> AppResult {
    decide(&ctx.actor, Action::ManageUsers, &Target::Municipality)?;
    let mut roles = Vec::new();
    for (k, v) in &pairs {
        if k == "role" {
            let role = Role::from_str(v)
                .ok()
                .filter(|r| POLICY_ROLES.contains(r))
                .ok_or(AppError::BadRequest("error-invalid-choice", v.clone()))?;
            roles.push(role);
        }
    }
    ctx.state
        .store
        .twofactor()
        .set_policy(&ctx.tenant, &ctx.actor, &roles)
        .await?;
    Ok(see_other(&with_notice("/admin/twofactor", "notice-saved")))
}
