//! The municipality's settings (admins): its profile (name, public base
//! URL, colours, contact, regional key, open-data id), host names, logo,
//! departments (create, rename, merge), answer deadline, categories and
//! legal texts; and `/brand.css`, the stylesheet with its colours (a
//! route, not inline styles: the CSP forbids those).

use crate::ctx::{Ctx, Post, Upload};
use crate::error::{AppError, AppResult};
use crate::render::{error_map, form_result, page_with_status, see_other, with_notice};
use crate::AppState;
use axum::extract::{Path, State};
use axum::http::{header, HeaderValue, StatusCode};
use axum::response::IntoResponse;
use axum::routing::{get, post};
use axum::Router;
use serde::{Deserialize, Serialize};
use teilhabe_domain::permission::{decide, Action, Target};
use teilhabe_domain::FieldErrors;
use teilhabe_store::municipality::Profile;
use teilhabe_store::{StoreError, Tenant};

pub fn routes() -> Router<AppState> {
    Router::new()
        .route("/admin/settings", get(settings).post(save_settings))
        .route("/admin/settings/profile", post(save_profile))
        .route("/admin/settings/hosts", post(add_host))
        .route("/admin/settings/hosts/remove", post(remove_host))
        .route(
            "/admin/settings/logo",
            post(upload_logo).layer(axum::extract::DefaultBodyLimit::max(
                teilhabe_store::processes::IMAGE_MAX_BYTES + 64 * 1024,
            )),
        )
        .route("/admin/settings/logo/remove", post(remove_logo))
        .route("/admin/departments", post(create_department))
        .route("/admin/departments/{id}/rename", post(rename_department))
        .route("/admin/departments/{id}/merge", post(merge_department))
        .route("/brand.css", get(brand_css))
}

/// The version of the brand stylesheet, so that a change of colours is
/// fetched at once (`/brand.css?v=…` in base.html).
pub(crate) fn brand_version(t: &Tenant) -> Option<String> {
    if t.brand_primary.is_empty() && t.brand_secondary.is_empty() {
        return None;
    }
    Some(format!(
        "{}{}",
        t.brand_primary.trim_start_matches('#'),
        t.brand_secondary.trim_start_matches('#')
    ))
}

/// The municipality's colours as CSS custom properties: the main colour
/// for links and buttons, the second for the header.
async fn brand_css(ctx: Ctx) -> AppResult {
    let t = &ctx.tenant;
    let mut css = String::from(":root {");
    for (var, value) in [
        ("--accent", &t.brand_primary),
        ("--accent-dark", &t.brand_secondary),
    ] {
        // Stored values are checked `#rrggbb`; anything else is left out.
        if let Some(c) = teilhabe_domain::municipality::normalise_colour(value) {
            css.push_str(&format!(" {var}: {c};"));
        }
    }
    css.push_str(" }\n");
    let mut r = css.into_response();
    r.headers_mut().insert(
        header::CONTENT_TYPE,
        HeaderValue::from_static("text/css; charset=utf-8"),
    );
    r.headers_mut().insert(
        header::CACHE_CONTROL,
        HeaderValue::from_static("public, max-age=300"),
    );
    Ok(r)
}

/// Which form of the page a refusal belongs to, with what was entered.
enum Again<'a> {
    None,
    Settings(&'a SettingsForm, &'a FieldErrors),
    Profile(&'a ProfileForm, &'a FieldErrors),
    Hosts(&'a FieldErrors),
    Logo(&'a FieldErrors),
    Departments(Option<i64>, &'a FieldErrors),
}

async fn settings_page(ctx: &Ctx, again: Again<'_>, status: StatusCode) -> AppResult {
    decide(
        &ctx.actor,
        Action::ManageMunicipality,
        &Target::Municipality,
    )?;
    let tenants = ctx.state.store.tenants();
    let departments = tenants.departments(&ctx.tenant).await?;
    let hosts = tenants.hosts(&ctx.tenant).await?;
    let t = &ctx.tenant;
    let mut form = minijinja::context! { answer_deadline_days => t.answer_deadline_days.to_string(), categories => t.categories.join("\n"), contact_email => t.contact_email, imprint => t.imprint, privacy => t.privacy, accessibility => t.accessibility };
    let mut profile = minijinja::Value::from_serialize(ProfileForm::of(t));
    let none = std::collections::BTreeMap::new();
    let (
        mut settings_errors,
        mut profile_errors,
        mut host_errors,
        mut logo_errors,
        mut dept_errors,
    ) = (none.clone(), none.clone(), none.clone(), none.clone(), none);
    let mut dept_error_id = None;
    match again {
        Again::None => {}
        Again::Settings(f, e) => {
            form = minijinja::Value::from_serialize(f);
            settings_errors = error_map(ctx, e);
        }
        Again::Profile(f, e) => {
            profile = minijinja::Value::from_serialize(f);
            profile_errors = error_map(ctx, &local_ratios(ctx, e));
        }
        Again::Hosts(e) => host_errors = error_map(ctx, e),
        Again::Logo(e) => logo_errors = error_map(ctx, e),
        Again::Departments(id, e) => {
            dept_errors = error_map(ctx, e);
            dept_error_id = id;
        }
    }
    page_with_status(
        ctx,
        "admin/settings.html",
        minijinja::context! {
            form, profile, departments, hosts,
            logo => t.logo_image_id,
            errors => settings_errors, profile_errors, host_errors, logo_errors, dept_errors, dept_error_id,
        },
        status,
    )
}

/// Contrast ratios ("4.5:1") with the decimal comma in German ("4,5:1").
fn local_ratios(ctx: &Ctx, e: &FieldErrors) -> FieldErrors {
    let mut e = e.clone();
    if ctx.lang == crate::i18n::Lang::De {
        for err in &mut e.0 {
            for (k, v) in &mut err.args {
                if matches!(*k, "ratio" | "min") && v.ends_with(":1") {
                    *v = v.replace('.', ",");
                }
            }
        }
    }
    e
}

async fn settings(ctx: Ctx) -> AppResult {
    settings_page(&ctx, Again::None, StatusCode::OK).await
}

/// After a change: the page again (with the municipality reloaded) and a
/// notice.
fn saved(ctx: &Ctx, anchor: &str) -> String {
    ctx.state.forget_tenants();
    with_notice(&format!("/admin/settings{anchor}"), "notice-saved")
}

#[derive(Deserialize, Serialize)]
struct SettingsForm {
    #[serde(default)]
    answer_deadline_days: String,
    #[serde(default)]
    categories: String,
    #[serde(default)]
    contact_email: String,
    #[serde(default)]
    imprint: String,
    #[serde(default)]
    privacy: String,
    #[serde(default)]
    accessibility: String,
}

async fn save_settings(Post { ctx, form, .. }: Post<SettingsForm>) -> AppResult {
    decide(&ctx.actor, Action::ManageUsers, &Target::Municipality)?;
    let days = form.answer_deadline_days.trim().parse::<i64>().unwrap_or(0);
    let result = ctx
        .state
        .store
        .tenants()
        .update_settings(
            &ctx.tenant,
            &teilhabe_store::tenant::TenantSettings {
                answer_deadline_days: days,
                categories: form.categories.clone(),
                contact_email: form.contact_email.trim().to_string(),
                imprint: form.imprint.clone(),
                privacy: form.privacy.clone(),
                accessibility: form.accessibility.clone(),
            },
        )
        .await;
    match result {
        Ok(()) => Ok(see_other(&saved(&ctx, ""))),
        Err(StoreError::Invalid(e)) => {
            settings_page(
                &ctx,
                Again::Settings(&form, &e),
                StatusCode::UNPROCESSABLE_ENTITY,
            )
            .await
        }
        Err(e) => Err(e.into()),
    }
}

#[derive(Deserialize, Serialize, Default)]
struct ProfileForm {
    #[serde(default)]
    name: String,
    #[serde(default)]
    base_url: String,
    #[serde(default)]
    brand_primary: String,
    #[serde(default)]
    brand_secondary: String,
    #[serde(default)]
    contact_address: String,
    #[serde(default)]
    contact_phone: String,
    #[serde(default)]
    ars: String,
    #[serde(default)]
    contributor_id: String,
}

impl ProfileForm {
    fn of(t: &Tenant) -> ProfileForm {
        let p = Profile::of(t);
        ProfileForm {
            name: p.name,
            base_url: p.base_url,
            brand_primary: p.brand_primary,
            brand_secondary: p.brand_secondary,
            contact_address: p.contact_address,
            contact_phone: p.contact_phone,
            ars: p.ars,
            contributor_id: p.contributor_id,
        }
    }
}

async fn save_profile(Post { ctx, form, .. }: Post<ProfileForm>) -> AppResult {
    decide(
        &ctx.actor,
        Action::ManageMunicipality,
        &Target::Municipality,
    )?;
    let profile = Profile {
        name: form.name.clone(),
        base_url: form.base_url.clone(),
        brand_primary: form.brand_primary.clone(),
        brand_secondary: form.brand_secondary.clone(),
        contact_address: form.contact_address.clone(),
        contact_phone: form.contact_phone.clone(),
        ars: form.ars.clone(),
        contributor_id: form.contributor_id.clone(),
    };
    let result = ctx
        .state
        .store
        .tenants()
        .update_profile(&ctx.tenant, &ctx.actor, &profile)
        .await;
    form_result(
        result,
        |_| saved(&ctx, ""),
        async |e, status| settings_page(&ctx, Again::Profile(&form, e), status).await,
    )
    .await
}

#[derive(Deserialize)]
struct HostForm {
    #[serde(default)]
    host: String,
}

async fn add_host(Post { ctx, form, .. }: Post<HostForm>) -> AppResult {
    change_host(&ctx, &form.host, true).await
}

async fn remove_host(Post { ctx, form, .. }: Post<HostForm>) -> AppResult {
    change_host(&ctx, &form.host, false).await
}

/// Adds or removes a host name; errors come back on the hosts form.
async fn change_host(ctx: &Ctx, host: &str, add: bool) -> AppResult {
    decide(
        &ctx.actor,
        Action::ManageMunicipality,
        &Target::Municipality,
    )?;
    let tenants = ctx.state.store.tenants();
    let result = if add {
        tenants.add_host(&ctx.tenant, &ctx.actor, host).await
    } else {
        tenants.remove_host(&ctx.tenant, &ctx.actor, host).await
    };
    form_result(
        result,
        |_| saved(ctx, "#hosts-heading"),
        async |e, status| settings_page(ctx, Again::Hosts(e), status).await,
    )
    .await
}

/// Uploads the logo (multipart: `_csrf`, `logo`); the permission is
/// decided before the body is read.
async fn upload_logo(
    State(state): State<AppState>,
    ctx: Ctx,
    req: axum::extract::Request,
) -> AppResult {
    decide(
        &ctx.actor,
        Action::ManageMunicipality,
        &Target::Municipality,
    )?;
    let mut upload = Upload::read(&ctx, &state, req).await?;
    let data = upload.take("logo");
    let result = ctx
        .state
        .store
        .tenants()
        .set_logo(&ctx.tenant, &ctx.actor, Some(&data))
        .await;
    form_result(
        result,
        |_| saved(&ctx, "#logo-heading"),
        async |e, status| settings_page(&ctx, Again::Logo(e), status).await,
    )
    .await
}

#[derive(Deserialize)]
struct Empty {}

async fn remove_logo(Post { ctx, .. }: Post<Empty>) -> AppResult {
    decide(
        &ctx.actor,
        Action::ManageMunicipality,
        &Target::Municipality,
    )?;
    ctx.state
        .store
        .tenants()
        .set_logo(&ctx.tenant, &ctx.actor, None)
        .await?;
    Ok(see_other(&saved(&ctx, "#logo-heading")))
}

#[derive(Deserialize)]
struct DepartmentForm {
    #[serde(default)]
    name: String,
}

async fn create_department(Post { ctx, form, .. }: Post<DepartmentForm>) -> AppResult {
    decide(&ctx.actor, Action::ManageUsers, &Target::Municipality)?;
    let result = ctx
        .state
        .store
        .create_department(&ctx.tenant, &form.name)
        .await;
    form_result(
        result,
        |_| with_notice("/admin/settings", "notice-saved"),
        async |e, status| settings_page(&ctx, Again::Departments(None, e), status).await,
    )
    .await
}

fn department_id(id: &str) -> Result<i64, AppError> {
    id.parse().map_err(|_| AppError::NotFound)
}

async fn rename_department(
    Path(id): Path<String>,
    Post { ctx, form, .. }: Post<DepartmentForm>,
) -> AppResult {
    decide(
        &ctx.actor,
        Action::ManageMunicipality,
        &Target::Municipality,
    )?;
    let id = department_id(&id)?;
    let result = ctx
        .state
        .store
        .tenants()
        .rename_department(&ctx.tenant, &ctx.actor, id, &form.name)
        .await;
    form_result(
        result,
        |_| saved(&ctx, "#dept-heading"),
        async |e, status| settings_page(&ctx, Again::Departments(Some(id), e), status).await,
    )
    .await
}

#[derive(Deserialize)]
struct MergeForm {
    #[serde(default)]
    merge_into: String,
}

async fn merge_department(
    Path(id): Path<String>,
    Post { ctx, form, .. }: Post<MergeForm>,
) -> AppResult {
    decide(
        &ctx.actor,
        Action::ManageMunicipality,
        &Target::Municipality,
    )?;
    let id = department_id(&id)?;
    let Ok(into) = form.merge_into.trim().parse::<i64>() else {
        let mut e = FieldErrors::new();
        e.add("merge_into", "error-required");
        return settings_page(
            &ctx,
            Again::Departments(Some(id), &e),
            StatusCode::UNPROCESSABLE_ENTITY,
        )
        .await;
    };
    let result = ctx
        .state
        .store
        .tenants()
        .merge_departments(&ctx.tenant, &ctx.actor, id, into)
        .await;
    form_result(
        result,
        |_| saved(&ctx, "#dept-heading"),
        async |e, status| settings_page(&ctx, Again::Departments(Some(id), e), status).await,
    )
    .await
}
