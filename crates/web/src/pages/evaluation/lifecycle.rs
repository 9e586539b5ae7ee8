//! Participation along the lifecycle: the sections on the entry and
//! process pages, linking and unlinking processes, and a new process
//! opened for an entry.

use super::Empty;
use crate::ctx::{Ctx, Post};
use crate::error::{AppError, AppResult};
use crate::pages::admin::{
    add_store_errors, process_form_for, submit_process_form, PhaseView, ProcessFormAt,
    ProcessFormView,
};
use crate::render::{error_map, form_result, page_with_status, see_other, with_notice};
use axum::extract::Path;
use axum::http::StatusCode;
use serde::{Deserialize, Serialize};
use teilhabe_domain::permission::{decide, Action, Target};
use teilhabe_domain::process::{Form, ProcessStatus};
use teilhabe_domain::register::fields::{value_label_key, STATUSES};
use teilhabe_store::evaluation::{may_link, EvaluationRights};
use teilhabe_store::processes::{Process, ProcessInput};
use teilhabe_store::register::RegisterSummary;

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

/// Data for `evaluation/lifecycle_part.html` on the entry page.
pub async fn entry_part(ctx: &Ctx, entry: &RegisterSummary) -> Result<EntryPart, AppError> {
    let store = &ctx.state.store;
    let links = store
        .evaluations()
        .entry_processes(&ctx.tenant, &ctx.actor, entry.id)
        .await?;
    let evaluated = store.evaluations().evaluated_processes(&ctx.tenant).await?;
    let can_link = may_link(&ctx.actor, entry);
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

/// Data for `evaluation/process_part.html` on the process page (one
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
        can_evaluate: EvaluationRights::decide(&ctx.actor, process).evaluate,
        closed: process.status == ProcessStatus::Closed,
    })
}

#[derive(Deserialize)]
pub(super) struct ProcessField {
    #[serde(default)]
    process: String,
}

pub(super) async fn link(
    Path(slug): Path<String>,
    Post { ctx, form, .. }: Post<ProcessField>,
) -> AppResult {
    let store = &ctx.state.store;
    let result = store
        .evaluations()
        .link_process(&ctx.tenant, &ctx.actor, &slug, &form.process)
        .await;
    form_result(
        result,
        |_| {
            with_notice(
                &format!("/data-register/{slug}#lifecycle"),
                "notice-lifecycle-linked",
            )
        },
        async |e, status| {
            let entry = store.register().entry(&ctx.tenant, &slug).await?;
            let part = entry_part(&ctx, &entry).await?;
            page_with_status(
                &ctx,
                "evaluation/lifecycle_link.html",
                minijinja::context! {
                    entry, lifecycle => part, chosen => form.process,
                    errors => error_map(&ctx, e),
                },
                status,
            )
        },
    )
    .await
}

pub(super) async fn unlink(
    Path(slug): Path<String>,
    Post { ctx, form, .. }: Post<ProcessField>,
) -> AppResult {
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

pub(super) async fn new_process(ctx: Ctx, Path(slug): Path<String>) -> AppResult {
    let entry = ctx
        .state
        .store
        .register()
        .entry_for(&ctx.tenant, &ctx.actor, &slug, Action::LinkRegisterProcess)
        .await?;
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

pub(super) async fn create_process(
    Path(slug): Path<String>,
    Post { ctx, pairs, .. }: Post<Empty>,
) -> AppResult {
    let store = &ctx.state.store;
    let entry = store
        .register()
        .entry_for(&ctx.tenant, &ctx.actor, &slug, Action::LinkRegisterProcess)
        .await?;
    let save = async |input: &ProcessInput| {
        store
            .evaluations()
            .create_process_for_entry(&ctx.tenant, &ctx.actor, &slug, input)
            .await
    };
    let at = ProcessFormAt {
        action: &format!("/data-register/{slug}/processes/new"),
        from_entry: Some((&entry.slug, &entry.title)),
        notice: "notice-lifecycle-process-created",
        merge: add_store_errors,
    };
    submit_process_form(&ctx, &pairs, at, save).await
}
