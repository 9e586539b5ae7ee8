//! Login, sign-up, password reset, profile, verification, API tokens.

use super::local_path;
use crate::ctx::{Ctx, Post, SESSION_COOKIE};
use crate::error::{AppError, AppResult};
use crate::module::{Host, HostRef};
use crate::render::{error_map, page, page_with_status, see_other, set_cookie, with_notice};
use crate::AppState;
use axum::extract::{Path, Query};
use axum::http::StatusCode;
use axum::routing::{get, post};
use axum::Router;
use serde::Deserialize;
use teilhabe_domain::permission::{decide, Action, Target};
use teilhabe_domain::FieldErrors;
use teilhabe_store::accounts::{
    MailToken, NewToken, User, SESSION_DAYS, TOKEN_DAYS, TOKEN_DEFAULT_DAYS, TOKEN_SCOPES,
};
use teilhabe_store::StoreError;

pub fn routes() -> Router<AppState> {
    Router::new()
        .route("/login", get(login_form).post(login))
        .route("/logout", post(logout))
        .route("/password/forgot", get(forgot_form).post(forgot))
        .route("/password/reset", get(reset_form).post(reset))
        .route("/profile", get(profile))
        .route("/profile/password", post(change_password))
        .route("/profile/preferences", post(preferences))
        .route("/profile/verify", post(verify))
        .route("/profile/tokens", post(create_token))
        .route("/profile/tokens/{id}/revoke", post(revoke_token))
        .route("/notifications/read", post(mark_read))
}

#[derive(Deserialize, Default)]
struct NextQuery {
    next: Option<String>,
}

async fn login_form(ctx: Ctx, Query(q): Query<NextQuery>) -> AppResult {
    page(
        &ctx,
        "login.html",
        minijinja::context! { next => local_path(q.next.as_deref()), email => "" },
    )
}

#[derive(Deserialize)]
struct LoginForm {
    #[serde(default)]
    email: String,
    #[serde(default)]
    password: String,
    #[serde(default)]
    next: String,
}

/// Opens a new session for `user` and redirects to `to` with its cookie.
pub(crate) async fn start_session(ctx: &Ctx, user: i64, to: &str) -> AppResult {
    let token = ctx
        .state
        .store
        .accounts()
        .create_session(&ctx.tenant, user)
        .await?;
    let mut r = see_other(to);
    set_cookie(
        &mut r,
        &ctx.state,
        SESSION_COOKIE,
        &token,
        Some(SESSION_DAYS),
    );
    Ok(r)
}

async fn login(Post { ctx, form, .. }: Post<LoginForm>) -> AppResult {
    ctx.limit(&ctx.state.limits.login, "login")?;
    let next = local_path(Some(&form.next));
    let backoff = &ctx.state.limits.accounts;
    let now = ctx.state.store.now();
    if let Some(wait) = backoff.wait_ms(ctx.tenant.id, &form.email, now) {
        let form = minijinja::context! { next, email => form.email };
        return crate::limits::account_locked(&ctx, wait, "login.html", form);
    }
    let result = ctx
        .state
        .store
        .accounts()
        .authenticate(&ctx.tenant, &form.email, &form.password)
        .await;
    match &result {
        Ok(_) => backoff.succeeded(ctx.tenant.id, &form.email),
        Err(StoreError::Invalid(_)) => backoff.failed(ctx.tenant.id, &form.email, now),
        Err(_) => {}
    }
    let to = with_notice(&next, "notice-logged-in");
    session_or_form(
        &ctx,
        result,
        &to,
        "login.html",
        minijinja::context! { next, email => form.email },
    )
    .await
}

/// After a use case that signs someone in: a new session and a redirect
/// to `to`, or the form `template` again (with `form`) and its errors.
async fn session_or_form(
    ctx: &Ctx,
    result: Result<User, StoreError>,
    to: &str,
    template: &str,
    form: minijinja::Value,
) -> AppResult {
    match result {
        // With a second factor, the code comes first.
        Ok(user) => match super::twofactor::second_step(ctx, &user, to).await? {
            Some(r) => Ok(r),
            None => start_session(ctx, user.id, to).await,
        },
        Err(StoreError::Invalid(e)) => page_with_status(
            ctx,
            template,
            minijinja::context! { errors => error_map(ctx, &e), ..form },
            StatusCode::UNPROCESSABLE_ENTITY,
        ),
        Err(e) => Err(e.into()),
    }
}

async fn logout(Post { ctx, .. }: Post<Empty>) -> AppResult {
    if let Some(t) = &ctx.session_token {
        ctx.state.store.accounts().end_session(t).await?;
    }
    let mut r = see_other(&with_notice("/", "notice-logged-out"));
    set_cookie(&mut r, &ctx.state, SESSION_COOKIE, "", Some(0));
    Ok(r)
}

#[derive(Deserialize)]
pub(super) struct Empty {}

async fn forgot_form(ctx: Ctx) -> AppResult {
    page(&ctx, "forgot.html", minijinja::context! {})
}

#[derive(Deserialize)]
struct ForgotForm {
    #[serde(default)]
    email: String,
}

async fn forgot(Post { ctx, form, .. }: Post<ForgotForm>) -> AppResult {
    ctx.limit(&ctx.state.limits.login, "forgot")?;
    if let Some(user) = ctx
        .state
        .store
        .accounts()
        .start_password_reset(&ctx.tenant, &form.email)
        .await?
    {
        super::signup::queue_link_mail(&ctx, &user, MailToken::Reset).await?;
    }
    // The same answer whether or not the address has an account.
    page(&ctx, "forgot.html", minijinja::context! { sent => true })
}

#[derive(Deserialize)]
struct TokenQuery {
    token: Option<String>,
}

async fn reset_form(ctx: Ctx, Query(q): Query<TokenQuery>) -> AppResult {
    page(
        &ctx,
        "reset.html",
        minijinja::context! { token => q.token.unwrap_or_default() },
    )
}

#[derive(Deserialize)]
struct ResetForm {
    #[serde(default)]
    token: String,
    #[serde(default)]
    password: String,
    #[serde(default)]
    password_confirm: String,
}

async fn reset(Post { ctx, form, .. }: Post<ResetForm>) -> AppResult {
    ctx.limit(&ctx.state.limits.login, "reset")?;
    let result = ctx
        .state
        .store
        .accounts()
        .finish_password_reset(
            &ctx.tenant,
            &form.token,
            &form.password,
            &form.password_confirm,
        )
        .await;
    match result {
        Err(StoreError::Conflict(k)) => page_with_status(
            &ctx,
            "reset.html",
            minijinja::context! { token => form.token, token_error => ctx.t(k) },
            StatusCode::CONFLICT,
        ),
        result => {
            session_or_form(
                &ctx,
                result,
                &with_notice("/profile", "notice-password-changed"),
                "reset.html",
                minijinja::context! { token => form.token },
            )
            .await
        }
    }
}

/// The profile page, optionally with one form's errors or a new API token.
async fn render_profile(
    ctx: &Ctx,
    form: &str,
    errors: Option<&FieldErrors>,
    new_token: Option<String>,
    status: StatusCode,
) -> AppResult {
    decide(&ctx.actor, Action::ViewProfile, &Target::Municipality)?;
    let user = ctx
        .user
        .as_ref()
        .ok_or(AppError::Denied(teilhabe_domain::Denied::LoginRequired))?;
    let store = &ctx.state.store;
    let notifications = store
        .accounts()
        .notifications(&ctx.tenant, user.id, 50)
        .await?;
    let tokens = store.accounts().api_tokens(&ctx.tenant, user.id).await?;
    let grants = store.accounts().grants(&ctx.tenant, user.id).await?;
    let sections = crate::module::sections(ctx, Host::Profile, HostRef::Profile).await?;
    page_with_status(
        ctx,
        "profile.html",
        minijinja::context! { me => user, notifications, tokens, grants, new_token, form, token_scopes => TOKEN_SCOPES, token_days => TOKEN_DAYS, token_default_days => TOKEN_DEFAULT_DAYS, errors => errors.map(|e| error_map(ctx, e)).unwrap_or_default(), sections => sections.templates, ..sections.values },
        status,
    )
}

async fn profile(ctx: Ctx) -> AppResult {
    render_profile(&ctx, "", None, None, StatusCode::OK).await
}

/// Runs a profile action; validation errors re-render the profile with
/// the messages next to the form that caused them.
async fn profile_action(
    ctx: &Ctx,
    form: &str,
    result: Result<(), StoreError>,
    notice: &str,
) -> AppResult {
    match result {
        Ok(()) => Ok(see_other(&with_notice("/profile", notice))),
        Err(StoreError::Invalid(e)) => {
            render_profile(ctx, form, Some(&e), None, StatusCode::UNPROCESSABLE_ENTITY).await
        }
        Err(e) => Err(e.into()),
    }
}

#[derive(Deserialize)]
struct PasswordForm {
    #[serde(default)]
    current_password: String,
    #[serde(default)]
    new_password: String,
    #[serde(default)]
    new_password_confirm: String,
}

async fn change_password(Post { ctx, form, .. }: Post<PasswordForm>) -> AppResult {
    let user = ctx.signed_in()?;
    let r = ctx
        .state
        .store
        .accounts()
        .change_password(
            &ctx.tenant,
            user,
            &form.current_password,
            &form.new_password,
            &form.new_password_confirm,
        )
        .await;
    if r.is_ok() {
        // Other sessions ended; this one continues with a fresh session.
        return start_session(
            &ctx,
            user,
            &with_notice("/profile", "notice-password-changed"),
        )
        .await;
    }
    profile_action(&ctx, "password", r, "notice-password-changed").await
}

#[derive(Deserialize)]
struct PreferencesForm {
    #[serde(default)]
    locale: String,
    #[serde(default)]
    digest: String,
}

async fn preferences(Post { ctx, form, .. }: Post<PreferencesForm>) -> AppResult {
    let user = ctx.signed_in()?;
    let r = ctx
        .state
        .store
        .accounts()
        .set_preferences(&ctx.tenant, user, &form.locale, &form.digest)
        .await;
    let mut resp = profile_action(&ctx, "preferences", r, "notice-saved").await?;
    if let Some(l) = crate::i18n::Lang::parse(&form.locale) {
        set_cookie(
            &mut resp,
            &ctx.state,
            crate::ctx::LANG_COOKIE,
            l.code(),
            Some(365),
        );
    }
    Ok(resp)
}

#[derive(Deserialize)]
struct VerifyForm {
    #[serde(default)]
    code: String,
}

async fn verify(Post { ctx, form, .. }: Post<VerifyForm>) -> AppResult {
    decide(
        &ctx.actor,
        Action::RedeemVerificationCode,
        &Target::Municipality,
    )?;
    ctx.limit(&ctx.state.limits.login, "verify")?;
    let user = ctx.signed_in()?;
    let r = ctx
        .state
        .store
        .accounts()
        .redeem_code(&ctx.tenant, user, &form.code)
        .await;
    profile_action(&ctx, "verify", r, "notice-verified").await
}

#[derive(Deserialize)]
struct TokenForm {
    #[serde(default)]
    name: String,
    #[serde(default)]
    days: String,
}

async fn create_token(Post { ctx, form, pairs }: Post<TokenForm>) -> AppResult {
    let user = ctx.signed_in()?;
    let new = NewToken {
        name: form.name.clone(),
        scopes: pairs
            .iter()
            .filter(|(k, _)| k == "scopes")
            .map(|(_, v)| v.clone())
            .collect(),
        // An unreadable choice is refused by the store with its message.
        days: if form.days.trim().is_empty() {
            TOKEN_DEFAULT_DAYS
        } else {
            form.days.trim().parse().unwrap_or(-1)
        },
    };
    match ctx
        .state
        .store
        .accounts()
        .create_api_token_with(&ctx.tenant, user, &new)
        .await
    {
        // Shown once, on this page; only its hash is stored.
        Ok(token) => {
            let mut r =
                render_profile(&ctx, "tokens", None, Some(token), StatusCode::CREATED).await?;
            // The token is in this page: no cache may keep it.
            r.headers_mut().insert(
                axum::http::header::CACHE_CONTROL,
                axum::http::HeaderValue::from_static("no-store"),
            );
            Ok(r)
        }
        Err(StoreError::Invalid(e)) => {
            render_profile(
                &ctx,
                "tokens",
                Some(&e),
                None,
                StatusCode::UNPROCESSABLE_ENTITY,
            )
            .await
        }
        Err(e) => Err(e.into()),
    }
}

async fn revoke_token(Path(id): Path<i64>, Post { ctx, .. }: Post<Empty>) -> AppResult {
    let user = ctx.signed_in()?;
    ctx.state
        .store
        .accounts()
        .revoke_api_token(&ctx.tenant, user, id)
        .await?;
    Ok(see_other(&with_notice("/profile", "notice-token-revoked")))
}

async fn mark_read(Post { ctx, .. }: Post<Empty>) -> AppResult {
    let user = ctx.signed_in()?;
    ctx.state
        .store
        .accounts()
        .mark_notifications_read(&ctx.tenant, user)
        .await?;
    Ok(see_other(&with_notice("/profile", "notice-saved")))
}
