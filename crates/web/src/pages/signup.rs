//! Sign-up and confirming the e-mail address. The answer to a sign-up is
//! the same whether or not the address already has an account: a new
//! account gets a confirmation link by mail, an existing one a note that
//! someone tried to register with it. Until the link is used, the account
//! can sign in and read but not contribute (`Denied::ConfirmationRequired`).

use super::account::Empty;
use crate::ctx::{Ctx, Post};
use crate::error::AppResult;
use crate::i18n::Lang;
use crate::render::{error_map, page, page_with_status, see_other, with_notice};
use crate::AppState;
use axum::extract::Query;
use axum::http::StatusCode;
use axum::routing::{get, post};
use axum::Router;
use serde::Deserialize;
use teilhabe_domain::FieldErrors;
use teilhabe_store::accounts::{MailToken, Registration, Signup, User};
use teilhabe_store::StoreError;

pub fn routes() -> Router<AppState> {
    Router::new()
        .route("/signup", get(signup_form).post(signup))
        .route("/signup/confirm", get(confirm_form).post(confirm))
        .route("/signup/resend", post(resend))
}

async fn signup_form(ctx: Ctx) -> AppResult {
    page(&ctx, "signup.html", minijinja::context! {})
}

#[derive(Deserialize)]
struct SignupForm {
    #[serde(default)]
    email: String,
    #[serde(default)]
    display_name: String,
    #[serde(default)]
    password: String,
    #[serde(default)]
    password_confirm: String,
    #[serde(default)]
    privacy: String,
}

async fn signup(Post { ctx, form, .. }: Post<SignupForm>) -> AppResult {
    ctx.limit(&ctx.state.limits.signup, "signup")?;
    let reg = Signup {
        email: form.email.clone(),
        display_name: form.display_name.clone(),
        password: form.password.clone(),
        password_confirm: form.password_confirm.clone(),
        locale: ctx.lang.code().into(),
    };
    let result = if form.privacy != "1" {
        let mut e = FieldErrors::new();
        e.add("privacy", "error-privacy-consent");
        // Report the other fields' problems in the same round.
        if let Err(StoreError::Invalid(more)) = validate_only(&reg) {
            e.0.extend(more.0);
        }
        Err(StoreError::Invalid(e))
    } else {
        ctx.state.store.accounts().register(&ctx.tenant, &reg).await
    };
    match result {
        // A new account, or one whose address was never confirmed (the
        // first mail lost): a confirmation link.
        Ok(Registration::Created(user)) => queue_link_mail(&ctx, &user, MailToken::Confirm).await?,
        Ok(Registration::Taken(user)) if !user.confirmed => {
            queue_link_mail(&ctx, &user, MailToken::Confirm).await?
        }
        Ok(Registration::Taken(user)) => {
            let lang = Lang::parse(&user.locale).unwrap_or(ctx.lang);
            let i = &ctx.state.i18n;
            let subject = i.t(
                lang,
                "mail-taken-subject",
                &[("municipality", ctx.tenant.name.clone())],
            );
            let body = i.t(
                lang,
                "mail-taken-body",
                &[
                    ("name", user.display_name.clone()),
                    (
                        "link",
                        format!("{}/password/forgot", ctx.state.config.base_url),
                    ),
                ],
            );
            ctx.state
                .store
                .mail()
                .queue(&ctx.tenant, &user.email, &subject, &body)
                .await?;
        }
        Err(StoreError::Invalid(e)) => {
            return page_with_status(
                &ctx,
                "signup.html",
                minijinja::context! { errors => error_map(&ctx, &e), form => minijinja::context!{ email => form.email, display_name => form.display_name } },
                StatusCode::UNPROCESSABLE_ENTITY,
            )
        }
        Err(e) => return Err(e.into()),
    }
    // The same page whether the address was new or taken; nobody is
    // signed in here.
    page(&ctx, "signup_sent.html", minijinja::context! {})
}

fn validate_only(reg: &Signup) -> Result<(), StoreError> {
    let mut e = FieldErrors::new();
    if !teilhabe_domain::validation::is_plausible_email(reg.email.trim()) {
        e.add("email", "error-email");
    }
    e.text("display_name", &reg.display_name, 2, 60);
    if reg.password.chars().count() < teilhabe_store::accounts::PASSWORD_MIN {
        e.add_with(
            "password",
            "error-password-short",
            vec![("min", teilhabe_store::accounts::PASSWORD_MIN.to_string())],
        );
    }
    if reg.password != reg.password_confirm {
        e.add("password_confirm", "error-password-mismatch");
    }
    e.into_result().map_err(StoreError::Invalid)
}

/// Queues a mail with a secret link (address confirmation or password
/// reset) in the person's language; the outbox holds only a mark where the
/// link goes, and the sender makes the link when it sends (`jobs::outgoing`).
pub(super) async fn queue_link_mail(
    ctx: &Ctx,
    user: &User,
    purpose: MailToken,
) -> Result<(), StoreError> {
    let (subject_key, body_key) = match purpose {
        MailToken::Confirm => ("mail-confirm-subject", "mail-confirm-body"),
        MailToken::Reset => ("mail-reset-subject", "mail-reset-body"),
    };
    let lang = Lang::parse(&user.locale).unwrap_or(ctx.lang);
    let i = &ctx.state.i18n;
    let subject = i.t(
        lang,
        subject_key,
        &[("municipality", ctx.tenant.name.clone())],
    );
    let body = i.t(
        lang,
        body_key,
        &[
            ("name", user.display_name.clone()),
            ("link", teilhabe_store::mail::LINK_MARK.into()),
        ],
    );
    ctx.state
        .store
        .mail()
        .queue_link(&ctx.tenant, purpose, user.id, &user.email, &subject, &body)
        .await
}

#[derive(Deserialize)]
struct TokenQuery {
    token: Option<String>,
}

/// The link opens a page with a button: a mail scanner that follows links
/// does not confirm anything.
async fn confirm_form(ctx: Ctx, Query(q): Query<TokenQuery>) -> AppResult {
    page(
        &ctx,
        "signup_confirm.html",
        minijinja::context! { token => q.token.unwrap_or_default() },
    )
}

#[derive(Deserialize)]
struct ConfirmForm {
    #[serde(default)]
    token: String,
}

async fn confirm(Post { ctx, form, .. }: Post<ConfirmForm>) -> AppResult {
    ctx.limit(&ctx.state.limits.login, "confirm")?;
    match ctx
        .state
        .store
        .accounts()
        .confirm_email(&ctx.tenant, form.token.trim())
        .await
    {
        Ok(_) => {
            let to = if ctx.user.is_some() {
                "/profile"
            } else {
                "/login"
            };
            Ok(see_other(&with_notice(to, "notice-email-confirmed")))
        }
        Err(StoreError::Conflict(k)) => page_with_status(
            &ctx,
            "signup_confirm.html",
            minijinja::context! { token => form.token, token_error => ctx.t(k) },
            StatusCode::CONFLICT,
        ),
        Err(e) => Err(e.into()),
    }
}

/// A new confirmation mail for the signed-in, unconfirmed person.
async fn resend(Post { ctx, .. }: Post<Empty>) -> AppResult {
    ctx.signed_in()?;
    ctx.limit(&ctx.state.limits.signup, "resend")?;
    if let Some(user) = ctx.user.as_ref().filter(|u| !u.confirmed) {
        queue_link_mail(&ctx, user, MailToken::Confirm).await?;
        return Ok(see_other(&with_notice(
            "/profile",
            "notice-confirmation-sent",
        )));
    }
    Ok(see_other("/profile"))
}
