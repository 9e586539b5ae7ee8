//! The signed checkpoints of the audit log as a page (`/audit/checkpoints`):
//! the public key and the signed (entry, hash) pairs, newest first.

use crate::ctx::Ctx;
use crate::error::AppResult;
use crate::render::page;
use crate::AppState;
use axum::routing::get;
use axum::Router;

pub fn routes() -> Router<AppState> {
    Router::new().route("/audit/checkpoints", get(checkpoints))
}

async fn checkpoints(ctx: Ctx) -> AppResult {
    let published = ctx
        .state
        .store
        .audit()
        .published(&ctx.tenant, crate::api::audit::LIMIT)
        .await?;
    page(
        &ctx,
        "audit_checkpoints.html",
        minijinja::context! { published },
    )
}
