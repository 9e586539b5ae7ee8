//! `/admin/harvest`: the catalogs harvested into this one (admins): the
//! sources with their last run and its result, a form to add one, and per
//! source "run now" and "remove". The rules and the run are in the store
//! (`store.catalog()`, `catalog::harvest`).

use crate::ctx::{Ctx, Post};
use crate::error::{AppError, AppResult};
use crate::module::{BoxFuture, HostRef, Section};
use crate::render::{error_map, form_result, page_with_status, see_other, with_notice};
use crate::AppState;
use axum::extract::Path;
use axum::http::StatusCode;
use axum::routing::{get, post};
use axum::Router;
use serde::{Deserialize, Serialize};
use teilhabe_domain::permission::{decide, Action, Target};
use teilhabe_domain::FieldErrors;
use teilhabe_store::catalog::harvest::{HarvestNet, HarvestResult, HarvestSource};

pub(super) fn routes() -> Router<AppState> {
    Router::new()
        .route("/admin/harvest", get(index).post(add))
        .route("/admin/harvest/{id}/run", post(run))
        .route("/admin/harvest/{id}/remove", post(remove))
}

/// On a harvested dataset's page: "übernommen aus <source>".
pub(super) const SECTION: Section = Section {
    host: crate::module::Host::DatasetPage,
    template: "catalog/harvest_origin.html",
    load: origin_section,
};

fn origin_section<'a>(
    ctx: &'a Ctx,
    of: HostRef<'a>,
) -> BoxFuture<'a, AppResult<Option<minijinja::Value>>> {
    Box::pin(async move {
        let HostRef::Dataset(d) = of else {
            return Ok(None);
        };
        let Some(source_id) = d.harvest_source_id else {
            return Ok(None);
        };
        let source = ctx
            .state
            .store
            .catalog()
            .harvest_source(&ctx.tenant, source_id)
            .await?;
        Ok(Some(minijinja::context! {
            harvest_origin => minijinja::context! { title => source.title, url => source.url },
        }))
    })
}

/// A source as the page shows it, with its last result.
#[derive(Serialize)]
struct SourceView {
    source: HarvestSource,
    result: Option<HarvestResult>,
}

#[derive(Deserialize, Default, Serialize)]
struct SourceForm {
    /// ckan | dcat
    #[serde(default)]
    kind: String,
    #[serde(default)]
    title: String,
    #[serde(default)]
    url: String,
    #[serde(default)]
    department_id: String,
}

async fn harvest_page(
    ctx: &Ctx,
    form: &SourceForm,
    errors: Option<&FieldErrors>,
    status: StatusCode,
) -> AppResult {
    decide(&ctx.actor, Action::ManageHarvesting, &Target::Municipality)?;
    let sources: Vec<SourceView> = ctx
        .state
        .store
        .catalog()
        .harvest_sources(&ctx.tenant)
        .await?
        .into_iter()
        .map(|s| SourceView {
            result: s.result(),
            source: s,
        })
        .collect();
    let departments = ctx.state.store.tenants().departments(&ctx.tenant).await?;
    page_with_status(
        ctx,
        "catalog/harvest_admin.html",
        minijinja::context! {
            sources, departments, form,
            errors => errors.map(|e| error_map(ctx, e)).unwrap_or_default(),
        },
        status,
    )
}

async fn index(ctx: Ctx) -> AppResult {
    harvest_page(&ctx, &SourceForm::default(), None, StatusCode::OK).await
}

async fn add(Post { ctx, form, .. }: Post<SourceForm>) -> AppResult {
    decide(&ctx.actor, Action::ManageHarvesting, &Target::Municipality)?;
    let department_id = match form.department_id.trim() {
        "" => None,
        d => match d.parse::<i64>() {
            Ok(d) => Some(d),
            Err(_) => {
                let mut e = FieldErrors::new();
                e.add("department_id", "error-invalid-choice");
                return harvest_page(&ctx, &form, Some(&e), StatusCode::UNPROCESSABLE_ENTITY).await;
            }
        },
    };
    let result = ctx
        .state
        .store
        .catalog()
        .add_harvest_source(
            &ctx.tenant,
            &ctx.actor,
            if form.kind.is_empty() {
                "ckan"
            } else {
                form.kind.as_str()
            },
            &form.url,
            &form.title,
            department_id,
        )
        .await;
    form_result(
        result,
        |_| with_notice("/admin/harvest", "notice-saved"),
        async |e, status| harvest_page(&ctx, &form, Some(e), status).await,
    )
    .await
}

#[derive(Deserialize)]
struct Empty {}

#[derive(Deserialize)]
struct RunForm {
    #[serde(default)]
    full: String,
}

async fn run(Path(id): Path<i64>, Post { ctx, form, .. }: Post<RunForm>) -> AppResult {
    decide(&ctx.actor, Action::ManageHarvesting, &Target::Municipality)?;
    ctx.state
        .store
        .catalog()
        .harvest(
            &ctx.tenant,
            &ctx.actor,
            id,
            form.full == "1",
            &HarvestNet::from_env(),
        )
        .await?;
    Ok(see_other(&with_notice(
        &format!("/admin/harvest#source-{id}"),
        "notice-saved",
    )))
}

async fn remove(Path(id): Path<i64>, Post { ctx, .. }: Post<Empty>) -> AppResult {
    decide(&ctx.actor, Action::ManageHarvesting, &Target::Municipality)?;
    ctx.state
        .store
        .catalog()
        .remove_harvest_source(&ctx.tenant, &ctx.actor, id)
        .await
        .map_err(AppError::from)?;
    Ok(see_other(&with_notice("/admin/harvest", "notice-saved")))
}
