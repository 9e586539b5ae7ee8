//! The public register of data uses and algorithms: the list with filters
//! and search, the entry page (plain language first, technical fields
//! below), the version history and the diff between two versions; and the
//! staff form that saves a new version. Fields, groups, labels and checks
//! come from the `teilhabe-register` crate's catalogue.

use crate::ctx::{Ctx, Post};
use crate::error::{AppError, AppResult};
use crate::module::{self, Host, HostRef};
use crate::render::{self, error_map, form_result, page, page_with_status, with_notice};
use crate::AppState;
use axum::extract::{Path, Query};
use axum::http::StatusCode;
use axum::routing::get;
use axum::Router;
use serde::{Deserialize, Serialize};
use teilhabe_domain::permission::{decide, Action, Target};
use teilhabe_domain::register::fields::{
    fields_in, value_label_key, ALGORITHM_TYPES, DOMAINS, RISK_CATEGORIES, STATUSES,
};
use teilhabe_domain::register::{FieldKind, FieldSpec, Group, RegisterEntry, Requirement, FIELDS};
use teilhabe_domain::FieldErrors;
use teilhabe_register::diff::{diff_entries, ChangeKind, SegmentKind};
use teilhabe_store::register::{EntryRights, RegisterFilter, RegisterRights, RegisterSummary};
use teilhabe_store::tenant::DepartmentChoice;

pub fn routes() -> Router<AppState> {
    Router::new()
        .route("/data-register", get(list).post(create))
        .route("/data-register/new", get(new_form))
        .route("/data-register/{slug}", get(entry_page))
        .route("/data-register/{slug}/edit", get(edit_form).post(save))
        .route("/data-register/{slug}/versions", get(versions))
        .route("/data-register/{slug}/diff", get(diff))
}

/// A choice value with the Fluent key of its label.
#[derive(Serialize)]
struct Choice {
    value: &'static str,
    label_key: String,
}

fn choices(field: &str, values: &'static [&'static str]) -> Vec<Choice> {
    values
        .iter()
        .map(|v| Choice {
            value: v,
            label_key: value_label_key(field, v),
        })
        .collect()
}

/// One field as a form or the entry page shows it.
#[derive(Serialize)]
struct FieldView {
    name: &'static str,
    label_key: &'static str,
    help_key: &'static str,
    /// text, long, email, phone, url, date, uuid, choice, const
    kind: &'static str,
    required: bool,
    /// Required for high-risk systems only.
    high_risk: bool,
    /// Shown as radio buttons (few values) instead of a select.
    radios: bool,
    choices: Vec<Choice>,
    value: String,
    /// Label key of the value of a choice field.
    value_key: Option<String>,
}

#[derive(Serialize)]
struct GroupView {
    id: &'static str,
    label_key: &'static str,
    plain: bool,
    fields: Vec<FieldView>,
}

fn kind_name(k: FieldKind) -> &'static str {
    match k {
        FieldKind::Text => "text",
        FieldKind::LongText => "long",
        FieldKind::Email => "email",
        FieldKind::Phone => "phone",
        FieldKind::Url => "url",
        FieldKind::Date => "date",
        FieldKind::Uuid => "uuid",
        FieldKind::Choice(_) => "choice",
        FieldKind::Const(_) => "const",
    }
}

fn field_view(spec: &'static FieldSpec, entry: &RegisterEntry) -> FieldView {
    let value = entry.get(spec.name).to_string();
    let choice_values = spec.choices().unwrap_or(&[]);
    FieldView {
        name: spec.name,
        label_key: spec.label_key,
        help_key: spec.help_key,
        kind: kind_name(spec.kind),
        required: spec.requirement == Requirement::Required,
        high_risk: spec.requirement == Requirement::HighRisk,
        radios: !choice_values.is_empty() && choice_values.len() <= 4,
        choices: choices(spec.name, choice_values),
        value_key: (spec.choices().is_some() && !value.is_empty())
            .then(|| value_label_key(spec.name, &value)),
        value,
    }
}

/// The catalogue's groups in page order; `form` leaves out managed fields,
/// the entry page leaves out empty ones.
fn groups(entry: &RegisterEntry, form: bool) -> Vec<GroupView> {
    Group::ALL
        .iter()
        .map(|g| GroupView {
            id: g.id(),
            label_key: g.label_key(),
            plain: g.is_plain_language(),
            fields: fields_in(*g)
                .filter(|f| {
                    if form {
                        !f.managed
                    } else {
                        !entry.get(f.name).is_empty()
                    }
                })
                .map(|f| field_view(f, entry))
                .collect(),
        })
        .filter(|g| !g.fields.is_empty())
        .collect()
}

/// The catalogue fields of a posted form (managed fields are ignored; the
/// store sets them).
fn entry_from_pairs(pairs: &[(String, String)]) -> RegisterEntry {
    let mut entry = RegisterEntry::new();
    for spec in FIELDS.iter().filter(|f| !f.managed) {
        if let Some((_, v)) = pairs.iter().find(|(k, _)| k == spec.name) {
            entry.set(spec.name, v.replace("\r\n", "\n"));
        }
    }
    entry
}

/// Translated errors with the label key of each field, in form order
/// (anything else, which should not happen, is still shown).
fn error_views(ctx: &Ctx, fe: &FieldErrors) -> Vec<render::ErrorView> {
    let label = |f: &str| match f {
        "department_id" => "dataregister-department".to_string(),
        "change_note" => "dataregister-change-note".to_string(),
        "override_justification" => "council-field-override_justification".to_string(),
        f => format!("register-field-{f}"),
    };
    let mut order: Vec<&str> = vec!["department_id"];
    order.extend(FIELDS.iter().map(|f| f.name));
    order.push("override_justification");
    order.push("change_note");
    render::error_views(ctx, fe, &order, label)
}

#[derive(Deserialize, Default)]
struct EntryForm {
    #[serde(default)]
    department_id: String,
    #[serde(default)]
    change_note: String,
    #[serde(default)]
    base_version: String,
    #[serde(default)]
    override_justification: String,
}

/// What the form page needs besides the entry.
struct FormPage<'a> {
    action: String,
    entry: &'a RegisterEntry,
    summary: Option<&'a RegisterSummary>,
    department_id: Option<i64>,
    change_note: &'a str,
    /// The admin's justification for overriding an open council review.
    override_justification: &'a str,
    base_version: i64,
    errors: Option<&'a FieldErrors>,
    status: StatusCode,
}

impl<'a> FormPage<'a> {
    /// The form as first shown.
    fn new(
        action: String,
        entry: &'a RegisterEntry,
        summary: Option<&'a RegisterSummary>,
        department_id: Option<i64>,
        base_version: i64,
    ) -> Self {
        FormPage {
            action,
            entry,
            summary,
            department_id,
            change_note: "",
            override_justification: "",
            base_version,
            errors: None,
            status: StatusCode::OK,
        }
    }

    /// The form again with a submission's notes and errors.
    fn failed(self, form: &'a EntryForm, errors: &'a FieldErrors, status: StatusCode) -> Self {
        FormPage {
            change_note: &form.change_note,
            override_justification: &form.override_justification,
            errors: Some(errors),
            status,
            ..self
        }
    }
}

/// The departments the visitor may choose on a register or goal form.
pub(crate) async fn department_choice(ctx: &Ctx) -> Result<DepartmentChoice, AppError> {
    Ok(ctx
        .state
        .store
        .tenants()
        .departments_for(&ctx.tenant, &ctx.actor)
        .await?)
}

async fn form_page(ctx: &Ctx, f: FormPage<'_>) -> AppResult {
    let choice = department_choice(ctx).await?;
    let errors = f.errors.map(|e| error_views(ctx, e)).unwrap_or_default();
    let messages = f.errors.map(|e| error_map(ctx, e)).unwrap_or_default();
    page_with_status(
        ctx,
        "register/form.html",
        minijinja::context! {
            action => f.action,
            entry => f.summary,
            groups => groups(f.entry, true),
            departments => choice.departments,
            department_id => f.department_id,
            may_leave_department => choice.may_leave_empty,
            change_note => f.change_note,
            override_justification => f.override_justification,
            council_open_review => crate::pages::council::open_required_review(ctx, f.summary).await?,
            base_version => f.base_version,
            errors,
            messages,
        },
        f.status,
    )
}

async fn new_form(ctx: Ctx) -> AppResult {
    decide(
        &ctx.actor,
        Action::CreateRegisterEntry,
        &Target::Municipality,
    )?;
    let choice = department_choice(&ctx).await?;
    let own = choice.departments.first();
    let mut entry = RegisterEntry::new()
        .with("organization", ctx.tenant.name.clone())
        .with("status", "planned");
    if let Some(d) = own {
        entry.set("department", d.name.clone());
    }
    let action = "/data-register".to_string();
    form_page(
        &ctx,
        FormPage::new(action, &entry, None, own.map(|d| d.id), 0),
    )
    .await
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

async fn create(Post { ctx, form, pairs }: Post<EntryForm>) -> AppResult {
    let department_id = parse_department(&form.department_id)?;
    let entry = entry_from_pairs(&pairs);
    let result = ctx
        .state
        .store
        .register()
        .create_entry(
            &ctx.tenant,
            &ctx.actor,
            department_id,
            entry.clone(),
            &form.change_note,
        )
        .await;
    form_result(
        result,
        |e| {
            with_notice(
                &format!("/data-register/{}", e.slug),
                "notice-register-saved",
            )
        },
        async |fe, status| {
            let page = FormPage::new("/data-register".into(), &entry, None, department_id, 0);
            form_page(&ctx, page.failed(&form, fe, status)).await
        },
    )
    .await
}

async fn edit_form(ctx: Ctx, Path(slug): Path<String>) -> AppResult {
    let store = &ctx.state.store;
    let summary = store
        .register()
        .entry_for(&ctx.tenant, &ctx.actor, &slug, Action::EditRegisterEntry)
        .await?;
    let current = store
        .register()
        .version(&ctx.tenant, summary.id, summary.current_version)
        .await?;
    let action = format!("/data-register/{slug}/edit");
    let (department, version) = (summary.department_id, summary.current_version);
    let page = FormPage::new(action, &current.entry, Some(&summary), department, version);
    form_page(&ctx, page).await
}

async fn save(Path(slug): Path<String>, Post { ctx, form, pairs }: Post<EntryForm>) -> AppResult {
    let store = &ctx.state.store;
    let summary = store
        .register()
        .entry_for(&ctx.tenant, &ctx.actor, &slug, Action::EditRegisterEntry)
        .await?;
    let base_version = form.base_version.trim().parse::<i64>().map_err(|_| {
        AppError::BadRequest("error-id", format!("base_version: {}", form.base_version))
    })?;
    let entry = entry_from_pairs(&pairs);
    let result = store
        .register()
        .save_version_with_override(
            &ctx.tenant,
            &ctx.actor,
            &slug,
            base_version,
            entry.clone(),
            &form.change_note,
            Some(form.override_justification.as_str()).filter(|j| !j.trim().is_empty()),
        )
        .await;
    form_result(
        result,
        |_| with_notice(&format!("/data-register/{slug}"), "notice-register-saved"),
        async |fe, status| {
            let action = format!("/data-register/{slug}/edit");
            let page = FormPage::new(
                action,
                &entry,
                Some(&summary),
                summary.department_id,
                base_version,
            );
            form_page(&ctx, page.failed(&form, fe, status)).await
        },
    )
    .await
}

/// The list's filters, shared by the page and the JSON API.
#[derive(Deserialize, Default, utoipa::IntoParams)]
#[into_params(parameter_in = Query)]
pub(crate) struct ListQuery {
    /// Department id (the list of all departments when absent or empty).
    #[serde(default)]
    #[param(value_type = Option<i64>)]
    department: String,
    /// Lifecycle status (planned, design, development, pilot, evaluation, operational, retired).
    #[serde(default)]
    #[param(schema_with = status_choice)]
    status: String,
    /// Risk category (minimal risk, limited risk, high risk, unacceptable).
    #[serde(default)]
    #[param(schema_with = risk_choice)]
    risk_category: String,
    /// Domain (catalogue value).
    #[serde(default)]
    #[param(schema_with = domain_choice)]
    domain: String,
    /// Algorithm type (catalogue value).
    #[serde(default)]
    #[param(schema_with = algorithm_choice)]
    algorithm_type: String,
    /// Free text; every word must occur.
    #[serde(default)]
    #[param(max_length = 200)]
    q: String,
}

/// A filter that takes one of the catalogue's `values` (or is empty).
fn choice(values: &[&'static str]) -> utoipa::openapi::Object {
    let values: Vec<&str> = std::iter::once("").chain(values.iter().copied()).collect();
    utoipa::openapi::ObjectBuilder::new()
        .schema_type(utoipa::openapi::Type::String)
        .enum_values(Some(values))
        .build()
}

fn status_choice() -> utoipa::openapi::Object {
    choice(STATUSES)
}

fn risk_choice() -> utoipa::openapi::Object {
    choice(RISK_CATEGORIES)
}

fn domain_choice() -> utoipa::openapi::Object {
    choice(DOMAINS)
}

fn algorithm_choice() -> utoipa::openapi::Object {
    choice(ALGORITHM_TYPES)
}

impl ListQuery {
    /// The store's filter; unknown catalogue values and overlong searches
    /// are refused with the field named.
    pub(crate) fn filter(&self) -> Result<RegisterFilter, AppError> {
        if self.q.chars().count() > 200 {
            return Err(AppError::BadRequest("error-search-too-long", String::new()));
        }
        Ok(RegisterFilter {
            department_id: parse_department(&self.department)?,
            status: allowed(&self.status, STATUSES, "status")?,
            risk_category: allowed(&self.risk_category, RISK_CATEGORIES, "risk_category")?,
            domain: allowed(&self.domain, DOMAINS, "domain")?,
            algorithm_type: allowed(&self.algorithm_type, ALGORITHM_TYPES, "algorithm_type")?,
            q: self.q.trim().to_string(),
        })
    }
}

/// A filter value must be one of the catalogue's values (or empty).
fn allowed(value: &str, values: &[&str], name: &str) -> Result<String, AppError> {
    if value.is_empty() || values.contains(&value) {
        Ok(value.to_string())
    } else {
        Err(AppError::BadRequest(
            "error-invalid-choice",
            format!("{name}: {value}"),
        ))
    }
}

async fn list(ctx: Ctx, Query(q): Query<ListQuery>) -> AppResult {
    let filter = q.filter()?;
    let store = &ctx.state.store;
    let entries = store.register().entries(&ctx.tenant, &filter).await?;
    let departments = store.tenants().departments(&ctx.tenant).await?;
    // What the reader may do was decided by the store.
    let can = RegisterRights::decide(&ctx.actor);
    let filtered = filter.department_id.is_some()
        || !(filter.status.is_empty()
            && filter.risk_category.is_empty()
            && filter.domain.is_empty()
            && filter.algorithm_type.is_empty()
            && filter.q.is_empty());
    page(
        &ctx,
        "register/list.html",
        minijinja::context! {
            entries,
            departments,
            filtered,
            can_create => can.create,
            can_import => can.import,
            f => minijinja::context! {
                department => filter.department_id,
                status => filter.status,
                risk_category => filter.risk_category,
                domain => filter.domain,
                algorithm_type => filter.algorithm_type,
                q => filter.q,
            },
            statuses => choices("status", STATUSES),
            risks => choices("risk_category", RISK_CATEGORIES),
            domains => choices("domain", DOMAINS),
            algorithm_types => choices("algorithm_type", ALGORITHM_TYPES),
        },
    )
}

fn parse_version(s: Option<&str>, name: &str) -> Result<Option<i64>, AppError> {
    match s.map(str::trim) {
        None | Some("") => Ok(None),
        Some(t) => match t.parse::<i64>() {
            Ok(v) if v >= 1 => Ok(Some(v)),
            _ => Err(AppError::BadRequest("error-id", format!("{name}: {t}"))),
        },
    }
}

#[derive(Deserialize, Default)]
struct VersionQuery {
    version: Option<String>,
}

async fn entry_page(
    ctx: Ctx,
    Path(slug): Path<String>,
    Query(q): Query<VersionQuery>,
) -> AppResult {
    let store = &ctx.state.store;
    let summary = store.register().entry(&ctx.tenant, &slug).await?;
    let version =
        parse_version(q.version.as_deref(), "version")?.unwrap_or(summary.current_version);
    let shown = store
        .register()
        .version(&ctx.tenant, summary.id, version)
        .await?;
    let can_edit = EntryRights::decide(&ctx.actor, &summary).edit;
    let all = groups(&shown.entry, false);
    let (plain, technical): (Vec<_>, Vec<_>) = all.into_iter().partition(|g| g.plain);
    // Properties of an imported record outside the catalogue (e.g. the
    // supplier), shown under their own names.
    let extra: Vec<(String, String)> = shown
        .entry
        .extra
        .iter()
        .map(|(k, v)| {
            let text = match v {
                serde_json::Value::String(s) => s.clone(),
                other => other.to_string(),
            };
            (k.clone(), text)
        })
        .collect();
    let of = HostRef::RegisterEntry(&summary);
    let body = module::sections(&ctx, Host::RegisterEntryBody, of).await?;
    let end = module::sections(&ctx, Host::RegisterEntry, of).await?;
    page(
        &ctx,
        "register/entry.html",
        minijinja::context! {
            body_sections => body.templates,
            sections => end.templates,
            entry => summary,
            shown_version => shown.version,
            shown_at => shown.created_at,
            is_current => shown.version == summary.current_version,
            plain,
            technical,
            extra,
            can_edit,
            status_key => value_label_key("status", &summary.status),
            risk_key => value_label_key("risk_category", &summary.risk_category),
            ..minijinja::value::merge_maps([body.values, end.values])
        },
    )
}

async fn versions(ctx: Ctx, Path(slug): Path<String>) -> AppResult {
    let store = &ctx.state.store;
    let summary = store.register().entry(&ctx.tenant, &slug).await?;
    let list: Vec<_> = store
        .register()
        .versions(&ctx.tenant, summary.id)
        .await?
        .into_iter()
        .map(|v| {
            minijinja::context! {
                version => v.version,
                author => v.author,
                change_note => v.change_note,
                created_at => v.created_at,
                status_key => value_label_key("status", v.entry.get("status")),
            }
        })
        .collect();
    page(
        &ctx,
        "register/versions.html",
        minijinja::context! { entry => summary, versions => list },
    )
}

#[derive(Deserialize, Default)]
struct DiffQuery {
    from: Option<String>,
    to: Option<String>,
}

#[derive(Serialize)]
struct ChangeView {
    field: String,
    label_key: String,
    kind: &'static str,
    /// The field's kind (text, long, date, choice, ...), for display.
    field_kind: &'static str,
    old: Option<String>,
    new: Option<String>,
    old_key: Option<String>,
    new_key: Option<String>,
    /// (equal|inserted|deleted, text) runs for long texts.
    words: Option<Vec<(&'static str, String)>>,
}

async fn diff(ctx: Ctx, Path(slug): Path<String>, Query(q): Query<DiffQuery>) -> AppResult {
    let store = &ctx.state.store;
    let summary = store.register().entry(&ctx.tenant, &slug).await?;
    let to = parse_version(q.to.as_deref(), "to")?.unwrap_or(summary.current_version);
    let from = parse_version(q.from.as_deref(), "from")?.unwrap_or((to - 1).max(1));
    let old = store
        .register()
        .version(&ctx.tenant, summary.id, from)
        .await?;
    let new = store
        .register()
        .version(&ctx.tenant, summary.id, to)
        .await?;
    let changes: Vec<ChangeView> = diff_entries(&old.entry, &new.entry)
        .into_iter()
        .map(|c| {
            let spec = teilhabe_domain::register::fields::field(&c.field);
            let choice = spec.and_then(|f| f.choices()).is_some();
            let key = |v: &Option<String>| {
                v.as_ref()
                    .filter(|_| choice)
                    .map(|v| value_label_key(&c.field, v))
            };
            ChangeView {
                label_key: c
                    .label_key
                    .map(str::to_string)
                    .unwrap_or_else(|| c.field.clone()),
                kind: match c.kind {
                    ChangeKind::Added => "added",
                    ChangeKind::Removed => "removed",
                    ChangeKind::Changed => "changed",
                },
                field_kind: spec.map(|f| kind_name(f.kind)).unwrap_or("text"),
                old_key: key(&c.old),
                new_key: key(&c.new),
                words: c.words.map(|ws| {
                    ws.into_iter()
                        .map(|s| {
                            (
                                match s.kind {
                                    SegmentKind::Equal => "equal",
                                    SegmentKind::Inserted => "inserted",
                                    SegmentKind::Deleted => "deleted",
                                },
                                s.text,
                            )
                        })
                        .collect()
                }),
                field: c.field,
                old: c.old,
                new: c.new,
            }
        })
        .collect();
    let numbers: Vec<i64> = (1..=summary.current_version).collect();
    page(
        &ctx,
        "register/diff.html",
        minijinja::context! {
            entry => summary,
            from,
            to,
            from_note => old.change_note,
            to_note => new.change_note,
            from_at => old.created_at,
            to_at => new.created_at,
            changes,
            numbers,
        },
    )
}

/// The data register's pages (with import and export) and API.
pub const MODULE: crate::module::WebModule = crate::module::WebModule {
    name: "register",
    pages: || routes().merge(super::register_exchange::routes()),
    api: Some(crate::api::register::router),
    sections: &[],
};
