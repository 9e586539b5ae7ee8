//! The goal form: create a goal, edit its text, department and links.

use super::{error_views, parse_opt_id, split, Failed, GOAL_FIELDS};
use crate::ctx::{Ctx, Post};
use crate::error::{AppError, AppResult};
use crate::pages::register::department_choice;
use crate::render::{error_map, form_result, page_with_status, with_notice};
use axum::extract::Path;
use serde::Deserialize;
use teilhabe_domain::goals::input::GoalDraft;
use teilhabe_domain::permission::{decide, Action, Target};
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

/// The form for a new goal (`slug` `None`) or to edit one, with `input`
/// and, after a failed submission, its errors and status.
async fn goal_form(
    ctx: &Ctx,
    slug: Option<&str>,
    input: &GoalInput,
    failed: Failed<'_>,
) -> AppResult {
    let (errors, status) = split(failed);
    let action = match slug {
        Some(slug) => format!("/goals/{slug}/edit"),
        None => "/goals".to_string(),
    };
    let store = &ctx.state.store;
    let choice = department_choice(ctx).await?;
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
    let messages = errors.map(|e| error_map(ctx, e)).unwrap_or_default();
    let errors = errors
        .map(|e| error_views(ctx, e, GOAL_FIELDS, "field-"))
        .unwrap_or_default();
    page_with_status(
        ctx,
        "goals/form.html",
        minijinja::context! {
            action,
            slug,
            statement => input.draft.statement,
            description => input.draft.description,
            department_id => input.department_id,
            process_ids => input.process_ids,
            entry_ids => input.entry_ids,
            departments => choice.departments,
            may_leave_department => choice.may_leave_empty,
            processes,
            entries,
            errors,
            messages,
        },
        status,
    )
}

pub(super) async fn new_form(ctx: Ctx) -> AppResult {
    decide(&ctx.actor, Action::CreateGoal, &Target::Municipality)?;
    let choice = department_choice(&ctx).await?;
    let own = choice.departments.first();
    let input = GoalInput {
        department_id: own.map(|d| d.id),
        ..GoalInput::default()
    };
    goal_form(&ctx, None, &input, None).await
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
        async |fe, status| goal_form(&ctx, None, &input, Some((fe, status))).await,
    )
    .await
}

pub(super) async fn edit_form(ctx: Ctx, Path(slug): Path<String>) -> AppResult {
    let store = &ctx.state.store;
    let g = store
        .goals()
        .record_to_manage(&ctx.tenant, &ctx.actor, &slug)
        .await?;
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
    goal_form(&ctx, Some(&slug), &input, None).await
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
        async |fe, status| goal_form(&ctx, Some(&slug), &input, Some((fe, status))).await,
    )
    .await
}
