//! The staff page: settings, seed statements, moderation, paper
//! questionnaires and the Polis export.

use super::{map_page, MapPage, StatementForm};
use crate::ctx::{Ctx, Post};
use crate::error::{AppError, AppResult};
use crate::render::{error_map, form_result, page_with_status, see_other, with_notice};
use axum::extract::Path;
use axum::http::{header, HeaderValue, StatusCode};
use axum::response::IntoResponse;
use serde::Deserialize;
use teilhabe_domain::opinion::{parse_settings, Moderation, OpinionVote, StatementState, Voters};
use teilhabe_domain::permission::Action;
use teilhabe_domain::FieldErrors;
use teilhabe_store::opinion::Statement;
use teilhabe_store::StoreError;

pub(super) async fn manage_page(ctx: Ctx, Path(slug): Path<String>) -> AppResult {
    let page = map_page(&ctx, &slug, Some(Action::ModerateStatements)).await?;
    render_manage(&ctx, &page, None, "", StatusCode::OK).await
}

/// The staff page (`page` loaded for moderating statements).
async fn render_manage(
    ctx: &Ctx,
    MapPage { process, map, can }: &MapPage,
    errors: Option<&FieldErrors>,
    draft: &str,
    status: StatusCode,
) -> AppResult {
    let store = &ctx.state.store;
    let (can_configure, can_record) = (can.configure, can.record);
    let statements = store
        .opinion()
        .statements(&ctx.tenant, map, true, None)
        .await?;
    let shown: Vec<&Statement> = statements
        .iter()
        .filter(|s| s.state.shown(map.settings.moderation))
        .collect();
    let stored = store.opinion().result(process.id).await?;
    let form_enabled = process.phases.iter().any(|p| {
        p.forms
            .contains(&teilhabe_domain::process::Form::OpinionMap)
    });
    let errs = errors.map(|e| error_map(ctx, e)).unwrap_or_default();
    page_with_status(
        ctx,
        "opinion/manage.html",
        minijinja::context! {
            process, map, statements, shown, stored, can_record, can_configure, form_enabled,
            errors => errs, draft,
            voters_options => Voters::ALL.iter().map(|v| v.as_str()).collect::<Vec<_>>(),
            moderation_options => Moderation::ALL.iter().map(|v| v.as_str()).collect::<Vec<_>>(),
            votes => OpinionVote::ALL.iter().map(|v| v.as_str()).collect::<Vec<_>>(),
            files => ["comments.csv", "votes.csv", "participants-votes.csv", "summary.csv"],
        },
        status,
    )
}

/// The staff page again, with the errors of a refused form (422).
async fn manage_with_errors(ctx: &Ctx, slug: &str, errors: &FieldErrors, draft: &str) -> AppResult {
    let page = map_page(ctx, slug, Some(Action::ModerateStatements)).await?;
    render_manage(
        ctx,
        &page,
        Some(errors),
        draft,
        StatusCode::UNPROCESSABLE_ENTITY,
    )
    .await
}

#[derive(Deserialize)]
pub(super) struct SettingsForm {
    #[serde(default)]
    voters: String,
    #[serde(default)]
    participant_statements: String,
    #[serde(default)]
    moderation: String,
}

pub(super) async fn save_settings(
    Path(slug): Path<String>,
    Post { ctx, form, .. }: Post<SettingsForm>,
) -> AppResult {
    let store = &ctx.state.store;
    let settings = match parse_settings(
        &form.voters,
        form.participant_statements == "1",
        &form.moderation,
    ) {
        Ok(s) => s,
        Err(e) => return manage_with_errors(&ctx, &slug, &e, "").await,
    };
    store
        .opinion()
        .save_settings(&ctx.tenant, &ctx.actor, &slug, &settings)
        .await?;
    Ok(see_other(&with_notice(
        &format!("/processes/{slug}/opinion/manage"),
        "notice-saved",
    )))
}

pub(super) async fn add_seed(
    Path(slug): Path<String>,
    Post { ctx, form, .. }: Post<StatementForm>,
) -> AppResult {
    let store = &ctx.state.store;
    let result = store
        .opinion()
        .add_seed_statement(&ctx.tenant, &ctx.actor, &slug, &form.body)
        .await;
    form_result(
        result,
        |_| {
            with_notice(
                &format!("/processes/{slug}/opinion/manage#statements"),
                "notice-opinion-statement-added",
            )
        },
        async |e, _| manage_with_errors(&ctx, &slug, e, &form.body).await,
    )
    .await
}

#[derive(Deserialize)]
pub(super) struct ModerateForm {
    state: String,
}

pub(super) async fn moderate(
    Path(id): Path<i64>,
    Post { ctx, form, .. }: Post<ModerateForm>,
) -> AppResult {
    let state = StatementState::parse(&form.state)
        .ok_or_else(|| AppError::BadRequest("error-invalid-choice", form.state.clone()))?;
    let store = &ctx.state.store;
    let slug = store
        .opinion()
        .moderate_statement(&ctx.tenant, &ctx.actor, id, state)
        .await?;
    Ok(see_other(&with_notice(
        &format!("/processes/{slug}/opinion/manage#statements"),
        "notice-saved",
    )))
}

#[derive(Deserialize)]
pub(super) struct PaperForm {
    #[serde(default)]
    label: String,
}

/// A paper questionnaire: `label` plus one `vote-<statement id>` field per
/// statement (empty = no answer on paper).
pub(super) async fn record_paper(
    Path(slug): Path<String>,
    Post { ctx, form, pairs }: Post<PaperForm>,
) -> AppResult {
    let store = &ctx.state.store;
    let mut votes = Vec::new();
    let mut errors = FieldErrors::new();
    for (k, v) in &pairs {
        let Some(id) = k.strip_prefix("vote-") else {
            continue;
        };
        if v.is_empty() {
            continue;
        }
        match (id.parse::<i64>(), OpinionVote::parse(v)) {
            (Ok(id), Some(vote)) => votes.push((id, vote)),
            _ => errors.add("votes", "error-opinion-vote"),
        }
    }
    let result = match errors.into_result() {
        Ok(()) => {
            store
                .opinion()
                .record_questionnaire(&ctx.tenant, &ctx.actor, &slug, &form.label, &votes)
                .await
        }
        Err(e) => Err(StoreError::Invalid(e)),
    };
    form_result(
        result,
        |_| {
            with_notice(
                &format!("/processes/{slug}/opinion/manage#paper"),
                "notice-opinion-paper-recorded",
            )
        },
        async |e, _| manage_with_errors(&ctx, &slug, e, "").await,
    )
    .await
}

pub(super) async fn export_file(ctx: Ctx, Path((slug, file)): Path<(String, String)>) -> AppResult {
    let store = &ctx.state.store;
    let MapPage { process, map, .. } =
        map_page(&ctx, &slug, Some(Action::ManageOpinionMap)).await?;
    if !map.exists {
        return Err(AppError::NotFound);
    }
    let files = store.opinion().polis_files(&ctx.tenant, &process).await?;
    let (name, bytes) = files
        .into_iter()
        .find(|(n, _)| *n == file)
        .ok_or(AppError::NotFound)?;
    let mut r = bytes.into_response();
    r.headers_mut().insert(
        header::CONTENT_TYPE,
        HeaderValue::from_static("text/csv; charset=utf-8"),
    );
    if let Ok(v) = HeaderValue::from_str(&format!(
        "attachment; filename=\"{}-{}\"",
        process.slug, name
    )) {
        r.headers_mut().insert(header::CONTENT_DISPOSITION, v);
    }
    Ok(r)
}
