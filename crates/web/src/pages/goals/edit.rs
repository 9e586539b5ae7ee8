//! The goal form: create a goal, edit its text, department and links.

use super::{error_views, parse_opt_id, GOAL_FIELDS};
use crate::ctx::{Ctx, Post};
use crate::error::{AppError, AppResult};
use crate::render::{error_map, form_result, page_with_status, with_notice};
use axum::extract::Path;
use axum::http::StatusCode;
use serde::Deserialize;
use teilhabe_domain::goals::input::GoalDraft;
use teilhabe_domain::permission::{decide, Action, Target};
use teilhabe_domain::FieldErrors;
use teilhabe_store::goals::GoalInput;

#[derive(Deserialize, Default)]
pub(super) struct GoalForm {
    #[serde(default)]
    statement: String,
    #[serde(default)]
    description: String,
    #[serde(default)]
    department_id: String,
}

fn ids_of(pairs: &[(String, String)], name: &str) -> Result<Vec<i64>, AppError> {
    pairs
        .iter()
        .filter(|(k, _)| k == name)
        .map(|(_, v)| {
            v.trim()
                .parse::<i64>()
                .map_err(|_| AppError::BadRequest("error-id", format!("{name}: {v}")))
        })
        .collect()
}

struct GoalFormPage<'a> {
    action: String,
    slug: Option<&'a str>,
    input: &'a GoalInput,
    errors: Option<&'a FieldErrors>,
    status: StatusCode,
}

async fn goal_form(ctx: &Ctx, f: GoalFormPage<'_>) -> AppResult {
    let store = &ctx.state.store;
    let departments: Vec<_> = store
        .tenants()
        .departments(&ctx.tenant)
        .await?
        .into_iter()
        .filter(|d| ctx.actor.runs(Some(d.id)))
        .collect();
    let processes: Vec<_> = store
        .processes()
        .list(&ctx.tenant, &ctx.actor, None)
        .await?
        .into_iter()
        .map(|p| minijinja::context! { id => p.id, title => p.title, status => p.status.as_str() })
        .collect();
    let entries: Vec<_> = store
        .register()
        .entries(&ctx.tenant, &Default::default())
        .await?
        .into_iter()
        .map(|e| minijinja::context! { id => e.id, title => e.title })
        .collect();
    let errors = f
        .errors
        .map(|e| error_views(ctx, e, GOAL_FIELDS, "field-"))
        .unwrap_or_default();
    let messages = f.errors.map(|e| error_map(ctx, e)).unwrap_or_default();
    page_with_status(
        ctx,
        "goals/form.html",
        minijinja::context! {
            action => f.action,
            slug => f.slug,
            statement => f.input.draft.statement,
            description => f.input.draft.description,
            department_id => f.input.department_id,
            process_ids => f.input.process_ids,
            entry_ids => f.input.entry_ids,
            departments,
            may_leave_department => ctx.actor.is_admin(),
            processes,
            entries,
            errors,
            messages,
        },
        f.status,
    )
}

pub(super) async fn new_form(ctx: Ctx) -> AppResult {
    decide(&ctx.actor, Action::CreateGoal, &Target::Municipality)?;
    let own = ctx
        .state
        .store
        .tenants()
        .departments(&ctx.tenant)
        .await?
        .into_iter()
        .find(|d| ctx.actor.runs(Some(d.id)));
    let input = GoalInput {
        department_id: own.map(|d| d.id),
        ..GoalInput::default()
    };
    goal_form(
        &ctx,
        GoalFormPage {
            action: "/goals".into(),
            slug: None,
            input: &input,
            errors: None,
            status: StatusCode::OK,
        },
    )
    .await
}

fn goal_input(form: &GoalForm, pairs: &[(String, String)]) -> Result<GoalInput, AppError> {
    Ok(GoalInput {
        draft: GoalDraft {
            statement: form.statement.clone(),
            description: form.description.replace("\r\n", "\n"),
        },
        department_id: parse_opt_id(&form.department_id, "department_id")?,
        process_ids: ids_of(pairs, "process_ids")?,
        entry_ids: ids_of(pairs, "entry_ids")?,
    })
}

pub(super) async fn create(Post { ctx, form, pairs }: Post<GoalForm>) -> AppResult {
    let input = goal_input(&form, &pairs)?;
    let result = ctx
        .state
        .store
        .goals()
        .create(&ctx.tenant, &ctx.actor, &input)
        .await;
    form_result(
        result,
        |g| with_notice(&format!("/goals/{}/manage", g.slug), "notice-goal-saved"),
        async |fe, status| {
            goal_form(
                &ctx,
                GoalFormPage {
                    action: "/goals".into(),
                    slug: None,
                    input: &input,
                    errors: Some(fe),
                    status,
                },
            )
            .await
        },
    )
    .await
}

pub(super) async fn edit_form(ctx: Ctx, Path(slug): Path<String>) -> AppResult {
    let store = &ctx.state.store;
    let g = store.goals().record(&ctx.tenant, &slug).await?;
    decide(&ctx.actor, Action::ManageGoals, &g.target())?;
    // Links to drafts are kept (the public pages leave drafts out).
    let (process_ids, entry_ids) = store.goals().links(&ctx.tenant, g.id).await?;
    let input = GoalInput {
        draft: GoalDraft {
            statement: g.statement.clone(),
            description: g.description.clone(),
        },
        department_id: g.department_id,
        process_ids,
        entry_ids,
    };
    goal_form(
        &ctx,
        GoalFormPage {
            action: format!("/goals/{slug}/edit"),
            slug: Some(&slug),
            input: &input,
            errors: None,
            status: StatusCode::OK,
        },
    )
    .await
}

pub(super) async fn save(
    Path(slug): Path<String>,
    Post { ctx, form, pairs }: Post<GoalForm>,
) -> AppResult {
    let input = goal_input(&form, &pairs)?;
    let result = ctx
        .state
        .store
        .goals()
        .update(&ctx.tenant, &ctx.actor, &slug, &input)
        .await;
    form_result(
        result,
        |()| with_notice(&format!("/goals/{slug}"), "notice-goal-saved"),
        async |fe, status| {
            goal_form(
                &ctx,
                GoalFormPage {
                    action: format!("/goals/{slug}/edit"),
                    slug: Some(&slug),
                    input: &input,
                    errors: Some(fe),
                    status,
                },
            )
            .await
        },
    )
    .await
}
