//! Moderation and following, the same for everything people write or
//! follow: one report, one hide and one follow code path (the routes of
//! register questions and of processes call into it with their
//! [`Content`] or [`Followed`]), and the moderators' queue with every
//! kind of report, rendered by one template macro.

use super::local_path;
use crate::ctx::{Ctx, Post};
use crate::error::{AppError, AppResult};
use crate::render::{page, see_other, with_notice};
use crate::AppState;
use axum::response::Response;
use axum::routing::{get, post};
use axum::Router;
use serde::Deserialize;
use teilhabe_store::follows::Followed;
use teilhabe_store::moderation::{Content, Queue};
use teilhabe_store::StoreError;

pub fn routes() -> Router<AppState> {
    Router::new()
        .route("/report", post(report_contribution))
        .route("/moderation", get(queue))
        .route("/moderation/hide", post(hide_contribution))
        .route("/moderation/dismiss", post(dismiss))
}

/// Reports `target` (callers rate-limit first, like every contribution).
pub(crate) async fn report(ctx: &Ctx, target: Content, reason: &str) -> Result<(), StoreError> {
    ctx.state
        .store
        .moderation()
        .report(&ctx.tenant, &ctx.actor, target, reason)
        .await
}

/// Hides `target`; returns what it was written on (proposal or entry id).
pub(crate) async fn hide(ctx: &Ctx, target: Content, reason: &str) -> Result<i64, StoreError> {
    ctx.state
        .store
        .moderation()
        .hide(&ctx.tenant, &ctx.actor, target, reason)
        .await
}

/// The follow button's form: `follow` is `1` to follow, `0` to stop.
#[derive(Deserialize)]
pub(crate) struct FollowForm {
    #[serde(default)]
    follow: String,
}

impl FollowForm {
    /// Whether to follow. Strict forms refuse anything but `1` and `0`
    /// (register entries); the others take anything but `1` as `0`.
    pub(crate) fn on(&self, strict: bool) -> AppResult<bool> {
        match self.follow.as_str() {
            "1" => Ok(true),
            "0" => Ok(false),
            other if strict => Err(AppError::BadRequest(
                "error-form-fields",
                format!("follow: {other}"),
            )),
            _ => Ok(false),
        }
    }
}

/// Follows or stops following `target`, then back to `back`.
pub(crate) async fn follow(
    ctx: &Ctx,
    target: Followed,
    on: bool,
    back: &str,
) -> AppResult<Response> {
    ctx.state
        .store
        .follows()
        .follow(&ctx.tenant, &ctx.actor, target, on)
        .await?;
    Ok(see_other(&with_notice(
        back,
        if on {
            "notice-following"
        } else {
            "notice-unfollowed"
        },
    )))
}

#[derive(Deserialize)]
struct ReportForm {
    kind: String,
    id: i64,
    #[serde(default)]
    reason: String,
    #[serde(default)]
    back: String,
}

async fn report_contribution(Post { ctx, form, .. }: Post<ReportForm>) -> AppResult {
    ctx.limit(&ctx.state.limits.contribute, "contribute")?;
    report(
        &ctx,
        Content::contribution(&form.kind, form.id)?,
        &form.reason,
    )
    .await?;
    Ok(see_other(&with_notice(
        &local_path(Some(&form.back)),
        "notice-reported",
    )))
}

async fn queue(ctx: Ctx) -> AppResult {
    let moderation = ctx.state.store.moderation();
    let reports = moderation
        .open_reports(&ctx.tenant, &ctx.actor, Queue::Contributions)
        .await?;
    let register_reports = moderation
        .open_reports(&ctx.tenant, &ctx.actor, Queue::RegisterQuestions)
        .await?;
    page(
        &ctx,
        "moderation.html",
        minijinja::context! { reports, register_reports },
    )
}

#[derive(Deserialize)]
struct HideForm {
    kind: String,
    id: i64,
    #[serde(default)]
    reason: String,
}

async fn hide_contribution(Post { ctx, form, .. }: Post<HideForm>) -> AppResult {
    let proposal_id = match Content::contribution(&form.kind, form.id) {
        Ok(target) => hide(&ctx, target, &form.reason).await?,
        // Who may not moderate hears that first, as for a known kind.
        Err(e) => {
            teilhabe_domain::permission::decide(
                &ctx.actor,
                teilhabe_domain::permission::Action::Moderate,
                &teilhabe_domain::permission::Target::Municipality,
            )?;
            teilhabe_domain::questions::validate_hide_reason(&form.reason)
                .map_err(AppError::Invalid)?;
            return Err(e.into());
        }
    };
    Ok(see_other(&with_notice(
        &format!("/proposals/{proposal_id}"),
        "notice-hidden",
    )))
}

#[derive(Deserialize)]
struct DismissForm {
    report_id: i64,
}

async fn dismiss(Post { ctx, form, .. }: Post<DismissForm>) -> AppResult {
    ctx.state
        .store
        .moderation()
        .dismiss(&ctx.tenant, &ctx.actor, form.report_id)
        .await?;
    Ok(see_other(&with_notice(
        "/moderation",
        "notice-report-dismissed",
    )))
}
