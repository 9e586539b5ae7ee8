//! Staff withdraw a dataset (after a confirmation page with a reason that
//! the audit log shows) and bring it back.

use crate::ctx::{Ctx, Post};
use crate::error::{AppError, AppResult};
use crate::render::{self, error_map, form_result, page_with_status, see_other, with_notice};
use crate::AppState;
use axum::extract::Path;
use axum::http::StatusCode;
use axum::routing::{get, post};
use axum::Router;
use serde::Deserialize;
use teilhabe_domain::permission::Action;
use teilhabe_domain::FieldErrors;
use teilhabe_store::catalog::DatasetRecord;

pub(super) fn routes() -> Router<AppState> {
    Router::new()
        .route("/daten/{name}/zurueckziehen", get(confirm).post(withdraw))
        .route("/daten/{name}/wiederherstellen", post(restore))
}

async fn managed(ctx: &Ctx, name: &str) -> Result<DatasetRecord, AppError> {
    Ok(ctx
        .state
        .store
        .catalog()
        .by_name_for(&ctx.tenant, &ctx.actor, name, Action::ManageDataset)
        .await?)
}

async fn confirm_page(
    ctx: &Ctx,
    d: &DatasetRecord,
    reason: &str,
    errors: Option<&FieldErrors>,
    status: StatusCode,
) -> AppResult {
    let summary = errors
        .map(|e| {
            render::error_views(ctx, e, &["reason"], |_| {
                "catalog-withdraw-reason".to_string()
            })
        })
        .unwrap_or_default();
    let messages = errors.map(|e| error_map(ctx, e)).unwrap_or_default();
    page_with_status(
        ctx,
        "catalog/pages_withdraw.html",
        minijinja::context! { d, reason, errors => summary, messages },
        status,
    )
}

async fn confirm(ctx: Ctx, Path(name): Path<String>) -> AppResult {
    let d = managed(&ctx, &name).await?;
    confirm_page(&ctx, &d, "", None, StatusCode::OK).await
}

#[derive(Deserialize)]
struct WithdrawForm {
    #[serde(default)]
    reason: String,
}

async fn withdraw(
    Path(name): Path<String>,
    Post { ctx, form, .. }: Post<WithdrawForm>,
) -> AppResult {
    let d = managed(&ctx, &name).await?;
    let result = ctx
        .state
        .store
        .catalog()
        .set_withdrawn(&ctx.tenant, &ctx.actor, d.id, true, &form.reason)
        .await;
    form_result(
        result,
        |d| with_notice(&format!("/daten/{}", d.name), "notice-catalog-withdrawn"),
        async |fe, status| confirm_page(&ctx, &d, &form.reason, Some(fe), status).await,
    )
    .await
}

#[derive(Deserialize)]
struct Empty {}

async fn restore(Path(name): Path<String>, Post { ctx, .. }: Post<Empty>) -> AppResult {
    let d = managed(&ctx, &name).await?;
    ctx.state
        .store
        .catalog()
        .set_withdrawn(&ctx.tenant, &ctx.actor, d.id, false, "")
        .await?;
    Ok(see_other(&with_notice(
        &format!("/daten/{}", d.name),
        "notice-catalog-restored",
    )))
}
