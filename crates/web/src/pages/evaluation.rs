//! Participation along the lifecycle of a register entry (open a new
//! process for an entry, link or unlink an existing one; the sections on
//! the entry and process pages) and the evaluation of a closed process
//! (staff preview and publication, the public page, CSV and JSON).

use super::admin::{parse_process_form, process_form_for, PhaseView, ProcessFormView};
use crate::ctx::{Ctx, Post};
use crate::error::{AppError, AppResult};
use crate::i18n::Lang;
use crate::render::{error_map, page, page_with_status, see_other, with_notice};
use crate::AppState;
use axum::extract::{Path, Query};
use axum::http::{header, HeaderValue, StatusCode};
use axum::response::{IntoResponse, Response};
use axum::routing::{get, post};
use axum::Router;
use serde::{Deserialize, Serialize};
use teilhabe_domain::evaluation::{ContributionForm, Figures};
use teilhabe_domain::permission::{decide, Action, Target};
use teilhabe_domain::process::{Form, ProcessStatus};
use teilhabe_domain::FieldErrors;
use teilhabe_register::chart::{format_number, NumberFormat};
use teilhabe_register::fields::{value_label_key, STATUSES};
use teilhabe_store::evaluation::{Evaluation, EvaluationSnapshot};
use teilhabe_store::processes::Process;
use teilhabe_store::register::RegisterSummary;
use teilhabe_store::StoreError;

pub fn routes() -> Router<AppState> {
    Router::new()
        .route("/data-register/{slug}/processes", post(link))
        .route(
            "/data-register/{slug}/processes/new",
            get(new_process).post(create_process),
        )
        .route("/data-register/{slug}/processes/remove", post(unlink))
        .route(
            "/processes/{slug}/evaluation",
            get(evaluation_page).post(publish),
        )
        .route("/processes/{slug}/evaluation/edit", get(edit_page))
        .route("/processes/{slug}/evaluation.csv", get(export_csv))
        .route("/processes/{slug}/evaluation.json", get(export_json))
}

// ---------------------------------------------------------------------
// Participation along the lifecycle

#[derive(Serialize)]
struct LinkView {
    process_slug: String,
    process_title: String,
    process_status: &'static str,
    linked_at: i64,
    entry_version: i64,
    evaluated: bool,
}

#[derive(Serialize)]
struct PhaseGroup {
    status: String,
    label_key: String,
    links: Vec<LinkView>,
}

#[derive(Serialize)]
struct Linkable {
    slug: String,
    title: String,
    status: &'static str,
}

/// The entry page's section "participation along the lifecycle".
#[derive(Serialize)]
pub struct EntryPart {
    phases: Vec<PhaseGroup>,
    can_link: bool,
    linkable: Vec<Linkable>,
    current_label_key: String,
}

/// Data for `register_lifecycle_part.html` on the entry page.
pub async fn entry_part(ctx: &Ctx, entry: &RegisterSummary) -> Result<EntryPart, AppError> {
    let store = &ctx.state.store;
    let links = store
        .evaluations()
        .entry_processes(&ctx.tenant, &ctx.actor, entry.id)
        .await?;
    let evaluated = store.evaluations().evaluated_processes(&ctx.tenant).await?;
    let can_link = decide(&ctx.actor, Action::LinkRegisterProcess, &entry.target()).is_ok();
    // Lifecycle order; a status outside the catalogue (from an older
    // version) comes last under its own name.
    let mut order: Vec<String> = STATUSES.iter().map(|s| s.to_string()).collect();
    for l in &links {
        if !order.contains(&l.lifecycle_status) {
            order.push(l.lifecycle_status.clone());
        }
    }
    let phases = order
        .into_iter()
        .filter_map(|status| {
            let group: Vec<LinkView> = links
                .iter()
                .filter(|l| l.lifecycle_status == status)
                .map(|l| LinkView {
                    process_slug: l.process_slug.clone(),
                    process_title: l.process_title.clone(),
                    process_status: l.process_status.as_str(),
                    linked_at: l.created_at,
                    entry_version: l.entry_version,
                    evaluated: evaluated.contains(&l.process_id),
                })
                .collect();
            (!group.is_empty()).then(|| PhaseGroup {
                label_key: value_label_key("status", &status),
                status,
                links: group,
            })
        })
        .collect();
    let linkable = if can_link {
        store
            .evaluations()
            .linkable_processes(&ctx.tenant, &ctx.actor, entry.id)
            .await?
            .into_iter()
            .map(|p| Linkable {
                slug: p.slug,
                title: p.title,
                status: p.status.as_str(),
            })
            .collect()
    } else {
        Vec::new()
    };
    Ok(EntryPart {
        phases,
        can_link,
        linkable,
        current_label_key: value_label_key("status", &entry.status),
    })
}

#[derive(Serialize)]
struct EntryLinkView {
    slug: String,
    title: String,
    label_key: String,
}

/// The process page's section: register entries it was held for, and its
/// evaluation.
#[derive(Serialize)]
pub struct ProcessPart {
    entries: Vec<EntryLinkView>,
    /// Latest published revision and when.
    evaluation: Option<PublishedView>,
    can_evaluate: bool,
    closed: bool,
}

#[derive(Serialize)]
struct PublishedView {
    revision: i64,
    published_at: i64,
}

/// Data for `evaluation_process_part.html` on the process page (one
/// statement).
pub async fn process_part(ctx: &Ctx, process: &Process) -> Result<ProcessPart, AppError> {
    let lifecycle = ctx
        .state
        .store
        .evaluations()
        .process_lifecycle(&ctx.tenant, process.id)
        .await?;
    Ok(ProcessPart {
        entries: lifecycle
            .entries
            .into_iter()
            .map(|e| EntryLinkView {
                label_key: value_label_key("status", &e.lifecycle_status),
                slug: e.slug,
                title: e.title,
            })
            .collect(),
        evaluation: lifecycle
            .evaluation
            .map(|(revision, published_at)| PublishedView {
                revision,
                published_at,
            }),
        can_evaluate: decide(
            &ctx.actor,
            Action::EvaluateProcess,
            &Target::Process(&process.facts()),
        )
        .is_ok(),
        closed: process.status == ProcessStatus::Closed,
    })
}

#[derive(Deserialize)]
struct ProcessField {
    #[serde(default)]
    process: String,
}

async fn link(Path(slug): Path<String>, Post { ctx, form, .. }: Post<ProcessField>) -> AppResult {
    let store = &ctx.state.store;
    match store
        .evaluations()
        .link_process(&ctx.tenant, &ctx.actor, &slug, &form.process)
        .await
    {
        Ok(_) => Ok(see_other(&with_notice(
            &format!("/data-register/{slug}#lifecycle"),
            "notice-lifecycle-linked",
        ))),
        Err(StoreError::Invalid(e)) => {
            let entry = store.register_entry(&ctx.tenant, &slug).await?;
            let part = entry_part(&ctx, &entry).await?;
            page_with_status(
                &ctx,
                "register_lifecycle_link.html",
                minijinja::context! {
                    entry, lifecycle => part, chosen => form.process,
                    errors => error_map(&ctx, &e),
                },
                StatusCode::UNPROCESSABLE_ENTITY,
            )
        }
        Err(e) => Err(e.into()),
    }
}

async fn unlink(Path(slug): Path<String>, Post { ctx, form, .. }: Post<ProcessField>) -> AppResult {
    ctx.state
        .store
        .evaluations()
        .unlink_process(&ctx.tenant, &ctx.actor, &slug, &form.process)
        .await?;
    Ok(see_other(&with_notice(
        &format!("/data-register/{slug}#lifecycle"),
        "notice-lifecycle-unlinked",
    )))
}

/// The process form pre-filled from the entry: title and summary name the
/// entry and its phase, the description links to it, one four-week phase
/// with proposals, comments and supports starts today.
fn prefilled(ctx: &Ctx, entry: &RegisterSummary) -> ProcessFormView {
    let i18n = &ctx.state.i18n;
    let phase = i18n.t(ctx.lang, &value_label_key("status", &entry.status), &[]);
    let args = [("entry", entry.title.clone()), ("phase", phase)];
    let title: String = i18n.t(ctx.lang, "lifecycle-prefill-title", &args);
    let title = if title.chars().count() > 150 {
        format!("{}…", title.chars().take(149).collect::<String>())
    } else {
        title
    };
    let summary: String = i18n.t(ctx.lang, "lifecycle-prefill-summary", &args);
    let summary = if summary.chars().count() > 500 {
        format!("{}…", summary.chars().take(499).collect::<String>())
    } else {
        summary
    };
    let body = format!(
        "{}\n\n{}\n\n[{}](/data-register/{})",
        i18n.t(ctx.lang, "lifecycle-prefill-body", &args),
        entry.summary,
        i18n.t(ctx.lang, "lifecycle-prefill-link", &args),
        entry.slug
    );
    let today = ctx.state.store.clock.today();
    let end = today + time::Duration::days(28);
    ProcessFormView {
        title,
        summary,
        body,
        department_id: entry.department_id,
        status: ProcessStatus::Draft.as_str().into(),
        active_phase: Some(0),
        phases: vec![PhaseView {
            title: i18n.t(ctx.lang, "lifecycle-prefill-phase", &args),
            starts_on: today.to_string(),
            ends_on: end.to_string(),
            forms: [Form::Proposals, Form::Comments, Form::Supports]
                .iter()
                .map(|f| f.as_str())
                .collect(),
        }],
        ..Default::default()
    }
}

async fn new_process(ctx: Ctx, Path(slug): Path<String>) -> AppResult {
    let entry = ctx.state.store.register_entry(&ctx.tenant, &slug).await?;
    decide(&ctx.actor, Action::LinkRegisterProcess, &entry.target())?;
    decide(&ctx.actor, Action::CreateProcess, &Target::Municipality)?;
    let view = prefilled(&ctx, &entry);
    process_form_for(
        &ctx,
        view,
        &format!("/data-register/{slug}/processes/new"),
        None,
        StatusCode::OK,
        Some((&entry.slug, &entry.title)),
    )
    .await
}

#[derive(Deserialize)]
struct Empty {}

async fn create_process(
    Path(slug): Path<String>,
    Post { ctx, pairs, .. }: Post<Empty>,
) -> AppResult {
    let store = &ctx.state.store;
    let entry = store.register_entry(&ctx.tenant, &slug).await?;
    decide(&ctx.actor, Action::LinkRegisterProcess, &entry.target())?;
    let (input, view, mut errors) = parse_process_form(&pairs);
    let result = if errors.is_empty() {
        store
            .evaluations()
            .create_process_for_entry(&ctx.tenant, &ctx.actor, &slug, &input)
            .await
    } else {
        Err(StoreError::Invalid(FieldErrors::new()))
    };
    match result {
        Ok(p) => Ok(see_other(&with_notice(
            &format!("/processes/{}", p.slug),
            "notice-lifecycle-process-created",
        ))),
        Err(StoreError::Invalid(e)) => {
            errors.0.extend(e.0);
            if let Err(more) = input.validate() {
                errors.0.extend(
                    more.0
                        .into_iter()
                        .filter(|m| errors.get(m.field).is_none())
                        .collect::<Vec<_>>(),
                );
            }
            process_form_for(
                &ctx,
                view,
                &format!("/data-register/{slug}/processes/new"),
                Some(&errors),
                StatusCode::UNPROCESSABLE_ENTITY,
                Some((&entry.slug, &entry.title)),
            )
            .await
        }
        Err(e) => Err(e.into()),
    }
}

// ---------------------------------------------------------------------
// Evaluation

fn number_format(lang: Lang) -> NumberFormat {
    match lang {
        Lang::De => NumberFormat::German,
        _ => NumberFormat::English,
    }
}

/// Numbers that need decimals, formatted for the page's language.
#[derive(Serialize)]
struct Formatted {
    median_answer_days: Option<String>,
    /// Per goal, per indicator: latest value and target.
    goals: Vec<Vec<IndicatorValues>>,
}

#[derive(Serialize)]
struct IndicatorValues {
    latest: Option<String>,
    target: String,
}

fn formatted(lang: Lang, s: &EvaluationSnapshot) -> Formatted {
    let nf = number_format(lang);
    Formatted {
        median_answer_days: s
            .figures
            .median_answer_days
            .map(|d| format_number(d, 1, nf)),
        goals: s
            .goals
            .iter()
            .map(|g| {
                g.indicators
                    .iter()
                    .map(|i| IndicatorValues {
                        latest: i.latest.map(|v| format_number(v, 2, nf)),
                        target: format_number(i.target, 2, nf),
                    })
                    .collect()
            })
            .collect(),
    }
}

#[derive(Serialize)]
struct FormRow {
    form: &'static str,
    count: i64,
}

fn form_rows(f: &Figures) -> Vec<FormRow> {
    ContributionForm::ALL
        .iter()
        .map(|form| FormRow {
            form: form.as_str(),
            count: f.by_form.get(*form),
        })
        .collect()
}

#[derive(Deserialize, Default)]
struct RevisionQuery {
    revision: Option<String>,
}

fn parse_revision(q: &RevisionQuery) -> Result<Option<i64>, AppError> {
    match q.revision.as_deref().map(str::trim) {
        None | Some("") => Ok(None),
        Some(t) => match t.parse::<i64>() {
            Ok(v) if v >= 1 => Ok(Some(v)),
            _ => Err(AppError::BadRequest("error-id", format!("revision: {t}"))),
        },
    }
}

async fn evaluation_page(
    ctx: Ctx,
    Path(slug): Path<String>,
    Query(q): Query<RevisionQuery>,
) -> AppResult {
    let revision = parse_revision(&q)?;
    let (process, evaluation, revisions) = ctx
        .state
        .store
        .evaluations()
        .published(&ctx.tenant, &ctx.actor, &slug, revision)
        .await?;
    let can_evaluate = decide(
        &ctx.actor,
        Action::EvaluateProcess,
        &Target::Process(&process.facts()),
    )
    .is_ok()
        && process.status == ProcessStatus::Closed;
    let latest = revisions.first().map(|r| r.revision).unwrap_or(1);
    let f = &evaluation.snapshot.figures;
    page(
        &ctx,
        "evaluation.html",
        minijinja::context! {
            process, fmt => formatted(ctx.lang, &evaluation.snapshot), snap => evaluation.snapshot,
            forms => form_rows(f), evaluation, revisions, latest, can_evaluate,
            query => revision.map(|r| format!("?revision={r}")).unwrap_or_default(),
        },
    )
}

#[derive(Deserialize, Default)]
struct PublishForm {
    #[serde(default)]
    lessons: String,
    #[serde(default)]
    correction_note: String,
}

async fn edit_form(
    ctx: &Ctx,
    slug: &str,
    form: &PublishForm,
    errors: Option<&FieldErrors>,
    status: StatusCode,
) -> AppResult {
    let draft = ctx
        .state
        .store
        .evaluations()
        .draft(&ctx.tenant, &ctx.actor, slug)
        .await?;
    let f = &draft.preview.figures;
    page_with_status(
        ctx,
        "evaluation_edit.html",
        minijinja::context! {
            process => draft.process, fmt => formatted(ctx.lang, &draft.preview), snap => draft.preview,
            forms => form_rows(f), latest => draft.latest,
            form => minijinja::context! { lessons => form.lessons, correction_note => form.correction_note },
            errors => errors.map(|e| error_map(ctx, e)).unwrap_or_default(),
        },
        status,
    )
}

async fn edit_page(ctx: Ctx, Path(slug): Path<String>) -> AppResult {
    // Re-publishing starts from the published text.
    let process = ctx
        .state
        .store
        .process(&ctx.tenant, &ctx.actor, &slug)
        .await?;
    let latest = ctx
        .state
        .store
        .evaluations()
        .revision(&ctx.tenant, process.id, None)
        .await?;
    let form = PublishForm {
        lessons: latest.map(|e| e.lessons).unwrap_or_default(),
        correction_note: String::new(),
    };
    edit_form(&ctx, &slug, &form, None, StatusCode::OK).await
}

async fn publish(Path(slug): Path<String>, Post { ctx, form, .. }: Post<PublishForm>) -> AppResult {
    match ctx
        .state
        .store
        .evaluations()
        .publish(
            &ctx.tenant,
            &ctx.actor,
            &slug,
            &form.lessons,
            &form.correction_note,
        )
        .await
    {
        Ok(_) => Ok(see_other(&with_notice(
            &format!("/processes/{slug}/evaluation"),
            "notice-evaluation-published",
        ))),
        Err(StoreError::Invalid(e)) => {
            edit_form(
                &ctx,
                &slug,
                &form,
                Some(&e),
                StatusCode::UNPROCESSABLE_ENTITY,
            )
            .await
        }
        Err(e) => Err(e.into()),
    }
}

/// One CSV field, quoted when needed (RFC 4180).
fn csv_field(s: &str) -> String {
    if s.contains([',', '"', '\n', '\r']) {
        format!("\"{}\"", s.replace('"', "\"\""))
    } else {
        s.to_string()
    }
}

fn decimal(v: Option<f64>, decimals: usize) -> String {
    v.map(|v| format!("{v:.decimals$}")).unwrap_or_default()
}

/// The evaluation as CSV: `figure,label,channel,value`, one figure per
/// line (per channel for the channel table), decimal point, ISO dates;
/// labels in the visitor's language.
fn evaluation_csv(ctx: &Ctx, ev: &Evaluation) -> String {
    let label = |key: &str| ctx.t(&format!("evaluation-fig-{key}"));
    let s = &ev.snapshot;
    let f = &s.figures;
    let mut rows: Vec<[String; 4]> = Vec::new();
    let mut row = |key: &str, label: String, channel: &str, value: String| {
        rows.push([key.to_string(), label, channel.to_string(), value]);
    };
    row(
        "process",
        ctx.t("evaluation-fig-process"),
        "",
        s.process_title.clone(),
    );
    row(
        "revision",
        ctx.t("evaluation-fig-revision"),
        "",
        ev.revision.to_string(),
    );
    row(
        "published_on",
        ctx.t("evaluation-fig-published_on"),
        "",
        teilhabe_store::date_of(ev.published_at).to_string(),
    );
    row(
        "answer_deadline_days",
        label("answer_deadline_days"),
        "",
        s.answer_deadline_days.to_string(),
    );
    for (key, v) in [
        ("participants", f.participants),
        ("participants_accounts", f.participants_accounts),
        ("participants_anonymous", f.participants_anonymous),
        ("participants_offline", f.participants_offline),
        ("verified_accounts", f.verified_accounts),
    ] {
        row(key, label(key), "", v.to_string());
    }
    row(
        "verified_share",
        label("verified_share"),
        "",
        decimal(f.verified_share, 4),
    );
    row(
        "contributions",
        label("contributions"),
        "",
        f.contributions.to_string(),
    );
    for form in ContributionForm::ALL {
        let key = form.as_str();
        row(
            key,
            ctx.t(&format!("evaluation-form-{key}")),
            "",
            f.by_form.get(form).to_string(),
        );
    }
    for c in &f.by_channel {
        let ch = c.channel.as_str();
        for form in ContributionForm::ALL {
            let key = form.as_str();
            row(
                key,
                ctx.t(&format!("evaluation-form-{key}")),
                ch,
                c.forms.get(form).to_string(),
            );
        }
        row(
            "contributions",
            label("contributions"),
            ch,
            c.total.to_string(),
        );
    }
    row(
        "offline_share",
        label("offline_share"),
        "",
        decimal(f.offline_share, 4),
    );
    row(
        "proposals_answered",
        label("proposals_answered"),
        "",
        f.proposals_answered.to_string(),
    );
    row(
        "median_answer_days",
        label("median_answer_days"),
        "",
        decimal(f.median_answer_days, 1),
    );
    for (key, v) in [
        ("answered_within_deadline", f.answered_within_deadline),
        ("answered_late", f.answered_late),
        ("awaiting_answer", f.awaiting_answer),
        ("overdue", f.overdue),
        ("proposals_accepted", f.proposals_accepted),
        ("proposals_implemented", f.proposals_implemented),
        ("proposals_rejected", f.proposals_rejected),
    ] {
        row(key, label(key), "", v.to_string());
    }
    for g in &s.goals {
        row("goal_state", g.title.clone(), "", g.state.clone());
        for i in &g.indicators {
            row("indicator_state", i.name.clone(), "", i.state.clone());
            row("indicator_latest", i.name.clone(), "", decimal(i.latest, 4));
            row(
                "indicator_target",
                i.name.clone(),
                "",
                decimal(Some(i.target), 4),
            );
        }
    }
    let mut out = String::from("figure,label,channel,value\r\n");
    for r in rows {
        out.push_str(&r.iter().map(|v| csv_field(v)).collect::<Vec<_>>().join(","));
        out.push_str("\r\n");
    }
    out
}

fn download(body: String, content_type: &'static str, filename: &str) -> Response {
    let mut r = body.into_response();
    r.headers_mut()
        .insert(header::CONTENT_TYPE, HeaderValue::from_static(content_type));
    if let Ok(v) = HeaderValue::from_str(&format!("attachment; filename=\"{filename}\"")) {
        r.headers_mut().insert(header::CONTENT_DISPOSITION, v);
    }
    r
}

async fn export_csv(
    ctx: Ctx,
    Path(slug): Path<String>,
    Query(q): Query<RevisionQuery>,
) -> AppResult {
    let revision = parse_revision(&q)?;
    let (process, evaluation, _) = ctx
        .state
        .store
        .evaluations()
        .published(&ctx.tenant, &ctx.actor, &slug, revision)
        .await?;
    Ok(download(
        evaluation_csv(&ctx, &evaluation),
        "text/csv; charset=utf-8",
        &format!("{}-auswertung-{}.csv", process.slug, evaluation.revision),
    ))
}

async fn export_json(
    ctx: Ctx,
    Path(slug): Path<String>,
    Query(q): Query<RevisionQuery>,
) -> AppResult {
    let revision = parse_revision(&q)?;
    let (process, evaluation, revisions) = ctx
        .state
        .store
        .evaluations()
        .published(&ctx.tenant, &ctx.actor, &slug, revision)
        .await?;
    let doc = crate::api_evaluation::ApiEvaluation::from(&evaluation, &revisions)?;
    let body = serde_json::to_string_pretty(&doc).map_err(|e| AppError::Internal(e.to_string()))?;
    Ok(download(
        body,
        "application/json",
        &format!("{}-auswertung-{}.json", process.slug, evaluation.revision),
    ))
}
