//! Privacy self-service (DSGVO Art. 15, 17, 20) and the privacy page: a
//! signed-in person sees and downloads all data about themselves
//! (`/profile/data`, `/profile/export.json`) and deletes their account
//! (`/profile/delete`); admins see the retention periods
//! (`/admin/retention`); `/datenschutz` is generated from what the
//! instance stores, with the municipality's own text (controller,
//! contact) on top.

use crate::ctx::{Ctx, Post, SESSION_COOKIE};
use crate::error::{AppError, AppResult};
use crate::render::{error_map, page, page_with_status, see_other, set_cookie, with_notice};
use crate::AppState;
use axum::http::{header, HeaderValue, StatusCode};
use axum::response::{IntoResponse, Response};
use axum::routing::get;
use axum::Router;
use serde::Deserialize;
use teilhabe_domain::permission::{decide, Action, Target};
use teilhabe_domain::{FieldErrors, Role};
use teilhabe_store::accounts::{Contributions, Retention};
use teilhabe_store::StoreError;

pub fn routes() -> Router<AppState> {
    Router::new()
        .route("/profile/data", get(data))
        .route("/profile/export.json", get(export_json))
        .route("/profile/delete", get(delete_form).post(delete))
        .route("/admin/retention", get(retention))
        .route("/datenschutz", get(privacy))
}

/// Personal pages are never kept by a browser or proxy cache.
fn no_store(mut r: Response) -> Response {
    r.headers_mut()
        .insert(header::CACHE_CONTROL, HeaderValue::from_static("no-store"));
    r
}

fn me(ctx: &Ctx) -> Result<i64, AppError> {
    decide(&ctx.actor, Action::ViewProfile, &Target::Municipality)?;
    ctx.signed_in()
}

async fn data(ctx: Ctx) -> AppResult {
    let user = me(&ctx)?;
    let export = ctx.state.store.accounts().export(&ctx.tenant, user).await?;
    Ok(no_store(page(
        &ctx,
        "privacy/data.html",
        minijinja::context! { export },
    )?))
}

async fn export_json(ctx: Ctx) -> AppResult {
    let user = me(&ctx)?;
    let export = ctx.state.store.accounts().export(&ctx.tenant, user).await?;
    let mut r = axum::Json(export).into_response();
    let name = format!(
        "attachment; filename=\"teilhabe-{}-meine-daten.json\"",
        ctx.tenant.slug
    );
    if let Ok(v) = HeaderValue::from_str(&name) {
        r.headers_mut().insert(header::CONTENT_DISPOSITION, v);
    }
    Ok(no_store(r))
}

/// The deletion form, with the errors of a failed attempt.
async fn delete_page(
    ctx: &Ctx,
    errors: Option<&FieldErrors>,
    conflict: Option<&str>,
    status: StatusCode,
) -> AppResult {
    let user = me(ctx)?;
    let accounts = ctx.state.store.accounts();
    let last_admin = accounts.is_last_admin(&ctx.tenant, user).await?;
    let handover = accounts.handover(&ctx.tenant, user).await?;
    let is_admin = ctx.actor.has(Role::Admin);
    Ok(no_store(page_with_status(
        ctx,
        "privacy/delete.html",
        minijinja::context! {
            last_admin, handover, is_admin,
            conflict => conflict.map(|k| ctx.t(k)),
            errors => errors.map(|e| error_map(ctx, e)).unwrap_or_default(),
        },
        status,
    )?))
}

async fn delete_form(ctx: Ctx) -> AppResult {
    delete_page(&ctx, None, None, StatusCode::OK).await
}

#[derive(Deserialize)]
struct DeleteForm {
    #[serde(default)]
    password: String,
    #[serde(default)]
    contributions: String,
}

async fn delete(Post { ctx, form, .. }: Post<DeleteForm>) -> AppResult {
    let user = me(&ctx)?;
    ctx.limit(&ctx.state.limits.login, "delete-account")?;
    let Some(choice) = Contributions::parse(&form.contributions) else {
        let mut e = FieldErrors::new();
        e.add("contributions", "error-invalid-choice");
        return delete_page(&ctx, Some(&e), None, StatusCode::UNPROCESSABLE_ENTITY).await;
    };
    match ctx
        .state
        .store
        .accounts()
        .delete(&ctx.tenant, user, &form.password, choice)
        .await
    {
        Ok(()) => {
            let mut r = see_other(&with_notice("/", "notice-account-deleted"));
            set_cookie(&mut r, &ctx.state, SESSION_COOKIE, "", Some(0));
            Ok(r)
        }
        Err(StoreError::Invalid(e)) => {
            delete_page(&ctx, Some(&e), None, StatusCode::UNPROCESSABLE_ENTITY).await
        }
        Err(StoreError::Conflict(k)) => {
            delete_page(&ctx, None, Some(k), StatusCode::CONFLICT).await
        }
        Err(e) => Err(e.into()),
    }
}

async fn retention(ctx: Ctx) -> AppResult {
    decide(&ctx.actor, Action::ManageUsers, &Target::Municipality)?;
    let retention = ctx.state.store.accounts().retention(&ctx.tenant).await?;
    page(
        &ctx,
        "privacy/retention.html",
        minijinja::context! {
            retention,
            session_days => Retention::SESSION_DAYS,
            reset_minutes => Retention::RESET_MINUTES,
        },
    )
}

async fn privacy(ctx: Ctx) -> AppResult {
    let retention = ctx.state.store.accounts().retention(&ctx.tenant).await?;
    let stored = ctx
        .state
        .store
        .accounts()
        .stored_categories(&ctx.tenant)
        .await?;
    page(
        &ctx,
        "privacy/privacy.html",
        minijinja::context! {
            text => ctx.tenant.privacy,
            retention,
            stored,
            session_days => Retention::SESSION_DAYS,
            reset_minutes => Retention::RESET_MINUTES,
        },
    )
}
