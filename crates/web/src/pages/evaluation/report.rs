//! The evaluation of a closed process: the public page (any revision),
//! the staff preview and the publication of a (corrected) revision.

use super::{form_rows, formatted, published, Published, RevisionQuery};
use crate::ctx::{Ctx, Post};
use crate::error::AppResult;
use crate::render::{error_map, form_result, page, page_with_status, with_notice};
use axum::extract::{Path, Query};
use axum::http::StatusCode;
use serde::Deserialize;
use teilhabe_domain::FieldErrors;
use teilhabe_store::evaluation::EvaluationRights;

pub(super) async fn evaluation_page(
    ctx: Ctx,
    Path(slug): Path<String>,
    Query(q): Query<RevisionQuery>,
) -> AppResult {
    let Published {
        asked: revision,
        process,
        evaluation,
        revisions,
    } = published(&ctx, &slug, &q).await?;
    let can_evaluate = EvaluationRights::decide(&ctx.actor, &process).publish;
    let latest = revisions.first().map(|r| r.revision).unwrap_or(1);
    let f = &evaluation.snapshot.figures;
    page(
        &ctx,
        "evaluation/report.html",
        minijinja::context! {
            process, fmt => formatted(ctx.lang, &evaluation.snapshot), snap => evaluation.snapshot,
            forms => form_rows(f), evaluation, revisions, latest, can_evaluate,
            query => revision.map(|r| format!("?revision={r}")).unwrap_or_default(),
        },
    )
}

#[derive(Deserialize, Default)]
pub(super) struct PublishForm {
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
        "evaluation/edit.html",
        minijinja::context! {
            process => draft.process, fmt => formatted(ctx.lang, &draft.preview), snap => draft.preview,
            forms => form_rows(f), latest => draft.latest,
            form => minijinja::context! { lessons => form.lessons, correction_note => form.correction_note },
            errors => errors.map(|e| error_map(ctx, e)).unwrap_or_default(),
        },
        status,
    )
}

pub(super) async fn edit_page(ctx: Ctx, Path(slug): Path<String>) -> AppResult {
    // Re-publishing starts from the published text.
    let process = ctx.process(&slug).await?;
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

pub(super) async fn publish(
    Path(slug): Path<String>,
    Post { ctx, form, .. }: Post<PublishForm>,
) -> AppResult {
    let result = ctx
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
        .await;
    form_result(
        result,
        |_| {
            with_notice(
                &format!("/processes/{slug}/evaluation"),
                "notice-evaluation-published",
            )
        },
        async |e, status| edit_form(&ctx, &slug, &form, Some(e), status).await,
    )
    .await
}
