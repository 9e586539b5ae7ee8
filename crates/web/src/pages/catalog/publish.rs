//! Participation results as open data in the web layer: the section on a
//! participation dataset's page that says where the data come from, that
//! no person is named and under which threshold counts are suppressed;
//! and the administrators' catalog settings page with that threshold
//! (`/daten/einstellungen`).

use crate::ctx::{Ctx, Post};
use crate::error::AppResult;
use crate::module::{BoxFuture, HostRef};
use crate::render::{error_map, form_result, page_with_status, with_notice};
use crate::AppState;
use axum::http::StatusCode;
use axum::routing::get;
use axum::Router;
use serde::{Deserialize, Serialize};
use teilhabe_domain::permission::{decide, Action, Target};
use teilhabe_domain::FieldErrors;

pub(super) fn routes() -> Router<AppState> {
    Router::new().route("/daten/einstellungen", get(settings).post(save_settings))
}

/// The section on `/daten/{name}` of a participation result: its process
/// and the suppression threshold (none for other datasets).
pub(super) fn result_section<'a>(
    ctx: &'a Ctx,
    of: HostRef<'a>,
) -> BoxFuture<'a, AppResult<Option<minijinja::Value>>> {
    Box::pin(async move {
        let HostRef::Dataset(d) = of else {
            return Ok(None);
        };
        if d.origin != "participation" {
            return Ok(None);
        }
        let process = ctx
            .state
            .store
            .catalog()
            .result_process(&ctx.tenant, d)
            .await?;
        Ok(Some(minijinja::context! {
            publish_threshold => d.suppression_threshold,
            publish_process => process.map(|(slug, title)| minijinja::context! { slug, title }),
        }))
    })
}

#[derive(Deserialize, Serialize, Default)]
struct SettingsForm {
    #[serde(default)]
    suppression_threshold: String,
}

async fn settings(ctx: Ctx) -> AppResult {
    let current = ctx.state.store.catalog().settings(&ctx.tenant).await?;
    let form = SettingsForm {
        suppression_threshold: current.suppression_threshold.to_string(),
    };
    settings_page(&ctx, &form, &FieldErrors::new(), StatusCode::OK).await
}

async fn settings_page(
    ctx: &Ctx,
    form: &SettingsForm,
    errors: &FieldErrors,
    status: StatusCode,
) -> AppResult {
    decide(
        &ctx.actor,
        Action::ManageMunicipality,
        &Target::Municipality,
    )?;
    use teilhabe_store::catalog::publish::SUPPRESSION_THRESHOLD_RANGE as RANGE;
    page_with_status(
        ctx,
        "catalog/publish_settings.html",
        minijinja::context! {
            form, errors => error_map(ctx, errors),
            min => RANGE.start(), max => RANGE.end(),
        },
        status,
    )
}

async fn save_settings(Post { ctx, form, .. }: Post<SettingsForm>) -> AppResult {
    decide(
        &ctx.actor,
        Action::ManageMunicipality,
        &Target::Municipality,
    )?;
    let value = form.suppression_threshold.trim();
    let result = match value.parse::<i64>() {
        Ok(n) => {
            ctx.state
                .store
                .catalog()
                .set_suppression_threshold(&ctx.tenant, &ctx.actor, n)
                .await
        }
        Err(_) => {
            let mut e = FieldErrors::new();
            e.add("suppression_threshold", "error-number");
            Err(e.into())
        }
    };
    form_result(
        result,
        |_| with_notice("/daten/einstellungen", "notice-saved"),
        async |e, status| settings_page(&ctx, &form, e, status).await,
    )
    .await
}
