//! Staff forms for a dataset's description: `/daten/neu` and
//! `/daten/{name}/bearbeiten` (a new version with a change note; refused
//! with the form kept when someone saved in between).

use super::choices;
use crate::ctx::{Ctx, Post};
use crate::error::{AppError, AppResult};
use crate::render::{self, error_map, form_result, page_with_status, with_notice};
use crate::AppState;
use axum::extract::Path;
use axum::http::StatusCode;
use axum::routing::get;
use axum::Router;
use serde::Deserialize;
use teilhabe_domain::catalog::vocab::{ACCESS_RIGHTS, FREQUENCIES, THEMES};
use teilhabe_domain::catalog::DatasetDraft;
use teilhabe_domain::permission::{decide, Action, Target};
use teilhabe_domain::FieldErrors;
use teilhabe_store::catalog::DatasetRecord;
use teilhabe_store::StoreError;

pub(super) fn routes() -> Router<AppState> {
    Router::new()
        .route("/daten/neu", get(new_form).post(create))
        .route("/daten/{name}/bearbeiten", get(edit_form).post(save))
}

/// The fields in form order, for the error summary.
const ORDER: &[&str] = &[
    "base_version",
    "department_id",
    "title",
    "description",
    "keywords",
    "themes",
    "temporal_start",
    "temporal_end",
    "accrual_periodicity",
    "contact_name",
    "contact_email",
    "landing_page",
    "access_rights",
    "change_note",
];

/// The form as posted (themes come as repeated fields, see `pairs`).
#[derive(Deserialize, Default)]
struct DatasetForm {
    #[serde(default)]
    department_id: String,
    #[serde(default)]
    title: String,
    #[serde(default)]
    description: String,
    #[serde(default)]
    keywords: String,
    #[serde(default)]
    temporal_start: String,
    #[serde(default)]
    temporal_end: String,
    #[serde(default)]
    accrual_periodicity: String,
    #[serde(default)]
    contact_name: String,
    #[serde(default)]
    contact_email: String,
    #[serde(default)]
    landing_page: String,
    #[serde(default)]
    access_rights: String,
    #[serde(default)]
    change_note: String,
    #[serde(default)]
    base_version: String,
}

fn optional(s: &str) -> Option<String> {
    Some(s.trim().to_string()).filter(|s| !s.is_empty())
}

impl DatasetForm {
    fn draft(&self, pairs: &[(String, String)]) -> DatasetDraft {
        DatasetDraft {
            title: self.title.clone(),
            description: self.description.replace("\r\n", "\n"),
            keywords: DatasetDraft::keywords_from(&self.keywords),
            themes: pairs
                .iter()
                .filter(|(k, _)| k == "themes")
                .map(|(_, v)| v.clone())
                .collect(),
            temporal_start: optional(&self.temporal_start),
            temporal_end: optional(&self.temporal_end),
            accrual_periodicity: self.accrual_periodicity.clone(),
            contact_name: self.contact_name.clone(),
            contact_email: self.contact_email.clone(),
            landing_page: self.landing_page.clone(),
            access_rights: self.access_rights.clone(),
        }
    }
}

fn parse_department(s: &str) -> Result<Option<i64>, AppError> {
    match s.trim() {
        "" => Ok(None),
        t => t
            .parse::<i64>()
            .map(Some)
            .map_err(|_| AppError::BadRequest("error-id", format!("department_id: {t}"))),
    }
}

/// What the form shows: the description, who keeps it, the notes.
struct FormPage<'a> {
    dataset: Option<&'a DatasetRecord>,
    draft: &'a DatasetDraft,
    /// The keywords as typed (kept as they were on a failed submission).
    keywords: String,
    department_id: Option<i64>,
    base_version: i64,
    change_note: &'a str,
    errors: Option<&'a FieldErrors>,
    status: StatusCode,
}

fn label(field: &str) -> String {
    format!("catalog-field-{}", field.replace('_', "-"))
}

async fn form_page(ctx: &Ctx, f: FormPage<'_>) -> AppResult {
    let choice = crate::pages::register::department_choice(ctx).await?;
    let errors = f
        .errors
        .map(|e| render::error_views(ctx, e, ORDER, label))
        .unwrap_or_default();
    let messages = f.errors.map(|e| error_map(ctx, e)).unwrap_or_default();
    let action = match f.dataset {
        Some(d) => format!("/daten/{}/bearbeiten", d.name),
        None => "/daten/neu".to_string(),
    };
    page_with_status(
        ctx,
        "catalog/pages_form.html",
        minijinja::context! {
            action,
            dataset => f.dataset,
            v => f.draft,
            keywords => f.keywords,
            departments => choice.departments,
            may_leave_department => choice.may_leave_empty,
            department_id => f.department_id,
            base_version => f.base_version,
            change_note => f.change_note,
            themes => choices(&THEMES),
            frequencies => choices(&FREQUENCIES),
            access_rights => choices(&ACCESS_RIGHTS),
            errors,
            messages,
        },
        f.status,
    )
}

async fn new_form(ctx: Ctx) -> AppResult {
    decide(&ctx.actor, Action::CreateDataset, &Target::Municipality)?;
    let choice = crate::pages::register::department_choice(&ctx).await?;
    let draft = DatasetDraft {
        accrual_periodicity: "IRREG".into(),
        access_rights: "PUBLIC".into(),
        // The municipality's contact from its settings.
        contact_name: ctx.tenant.name.clone(),
        contact_email: ctx.tenant.contact_email.clone(),
        ..Default::default()
    };
    let page = FormPage {
        dataset: None,
        draft: &draft,
        keywords: String::new(),
        department_id: choice.departments.first().map(|d| d.id),
        base_version: 0,
        change_note: "",
        errors: None,
        status: StatusCode::OK,
    };
    form_page(&ctx, page).await
}

async fn create(Post { ctx, form, pairs }: Post<DatasetForm>) -> AppResult {
    decide(&ctx.actor, Action::CreateDataset, &Target::Municipality)?;
    let department_id = parse_department(&form.department_id)?;
    let draft = form.draft(&pairs);
    let result = ctx
        .state
        .store
        .catalog()
        .create(&ctx.tenant, &ctx.actor, department_id, draft.clone())
        .await;
    form_result(
        result,
        |d| with_notice(&format!("/daten/{}", d.name), "notice-catalog-saved"),
        async |fe, status| {
            let page = FormPage {
                dataset: None,
                draft: &draft,
                keywords: form.keywords.clone(),
                department_id,
                base_version: 0,
                change_note: "",
                errors: Some(fe),
                status,
            };
            form_page(&ctx, page).await
        },
    )
    .await
}

async fn edit_form(ctx: Ctx, Path(name): Path<String>) -> AppResult {
    let d = ctx
        .state
        .store
        .catalog()
        .by_name_for(&ctx.tenant, &ctx.actor, &name, Action::ManageDataset)
        .await?;
    let draft = d.draft();
    let page = FormPage {
        dataset: Some(&d),
        draft: &draft,
        keywords: draft.keywords.join(", "),
        department_id: d.department_id,
        base_version: d.version,
        change_note: "",
        errors: None,
        status: StatusCode::OK,
    };
    form_page(&ctx, page).await
}

async fn save(Path(name): Path<String>, Post { ctx, form, pairs }: Post<DatasetForm>) -> AppResult {
    let catalog = ctx.state.store.catalog();
    let d = catalog
        .by_name_for(&ctx.tenant, &ctx.actor, &name, Action::ManageDataset)
        .await?;
    let base_version = form.base_version.trim().parse::<i64>().map_err(|_| {
        AppError::BadRequest("error-id", format!("base_version: {}", form.base_version))
    })?;
    let department_id = parse_department(&form.department_id)?;
    let draft = form.draft(&pairs);
    let result = if base_version != d.version {
        // Someone saved since this form was opened: their version stays.
        Err(StoreError::Conflict("catalog-error-changed-meanwhile"))
    } else {
        catalog
            .update(
                &ctx.tenant,
                &ctx.actor,
                d.id,
                department_id,
                draft.clone(),
                &form.change_note,
            )
            .await
    };
    // On a conflict the form keeps what was typed and now builds on the
    // newest version, so saving again is a decision, not an accident.
    let conflict = matches!(result, Err(StoreError::Conflict(_)));
    let again = async |fe: &FieldErrors, status| {
        let page = FormPage {
            dataset: Some(&d),
            draft: &draft,
            keywords: form.keywords.clone(),
            department_id,
            base_version: if conflict { d.version } else { base_version },
            change_note: &form.change_note,
            errors: Some(fe),
            status,
        };
        form_page(&ctx, page).await
    };
    match result {
        Err(StoreError::Conflict(key)) => {
            let mut fe = FieldErrors::new();
            fe.add("base_version", key);
            again(&fe, StatusCode::CONFLICT).await
        }
        other => {
            form_result(
                other,
                |d| with_notice(&format!("/daten/{}", d.name), "notice-catalog-saved"),
                again,
            )
            .await
        }
    }
}
