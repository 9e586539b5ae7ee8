//! The indicator form: define, edit and delete a goal's indicators.

use super::{
    delete_then_back, error_views, parse_id, parse_opt_id, split, Empty, Failed, INDICATOR_FIELDS,
};
use crate::ctx::{Ctx, Post};
use crate::error::{AppError, AppResult};
use crate::render::{error_map, form_result, page_with_status, with_notice};
use axum::extract::Path;
use serde::Deserialize;
use teilhabe_domain::goals::input::{Computation, IndicatorDraft};
use teilhabe_store::goals::{IndicatorInput, StoredIndicator};

pub(super) async fn delete_indicator(
    Path((slug, id)): Path<(String, String)>,
    Post { ctx, .. }: Post<Empty>,
) -> AppResult {
    let goals = ctx.state.store.goals();
    let notices = [
        "notice-indicator-deleted",
        "notice-indicator-already-deleted",
    ];
    delete_then_back(&slug, &id, notices, async |id| {
        goals
            .delete_indicator(&ctx.tenant, &ctx.actor, &slug, id)
            .await
    })
    .await
}

#[derive(Deserialize, Default)]
pub(super) struct IndicatorForm {
    #[serde(default)]
    key: String,
    #[serde(default)]
    name: String,
    #[serde(default)]
    unit: String,
    #[serde(default)]
    direction: String,
    #[serde(default)]
    baseline_value: String,
    #[serde(default)]
    baseline_date: String,
    #[serde(default)]
    target_value: String,
    #[serde(default)]
    target_date: String,
    #[serde(default)]
    data_source: String,
    #[serde(default)]
    computation: String,
    #[serde(default)]
    computation_process_id: String,
}

impl IndicatorForm {
    fn of(i: &StoredIndicator) -> Self {
        IndicatorForm {
            key: i.key.clone(),
            name: i.name.clone(),
            unit: i.unit.clone(),
            direction: i.direction.clone(),
            baseline_value: i.baseline_value.to_string(),
            baseline_date: i.baseline_date.clone(),
            target_value: i.target_value.to_string(),
            target_date: i.target_date.clone(),
            data_source: i.data_source.clone(),
            computation: i.computation.clone(),
            computation_process_id: i
                .computation_process_id
                .map(|p| p.to_string())
                .unwrap_or_default(),
        }
    }
    fn input(&self) -> Result<IndicatorInput, AppError> {
        Ok(IndicatorInput {
            draft: IndicatorDraft {
                key: self.key.clone(),
                name: self.name.clone(),
                unit: self.unit.clone(),
                direction: self.direction.clone(),
                baseline_value: self.baseline_value.clone(),
                baseline_date: self.baseline_date.clone(),
                target_value: self.target_value.clone(),
                target_date: self.target_date.clone(),
                data_source: self.data_source.clone(),
                computation: self.computation.clone(),
            },
            computation_process_id: parse_opt_id(
                &self.computation_process_id,
                "computation_process_id",
            )?,
        })
    }
}

/// The form for a new indicator (`id` `None`) or to edit one, with
/// `form`'s values and, after a failed submission, its errors.
async fn indicator_form(
    ctx: &Ctx,
    slug: &str,
    id: Option<i64>,
    form: &IndicatorForm,
    failed: Failed<'_>,
) -> AppResult {
    let (errors, status) = split(failed);
    let editing = id.is_some();
    let action = match id {
        Some(id) => format!("/goals/{slug}/indicators/{id}/edit"),
        None => format!("/goals/{slug}/indicators"),
    };
    let g = ctx
        .state
        .store
        .goals()
        .record_to_manage(&ctx.tenant, &ctx.actor, slug)
        .await?;
    let processes: Vec<_> = ctx
        .state
        .store
        .processes()
        .list(&ctx.tenant, &ctx.actor, None)
        .await?
        .into_iter()
        .map(|p| minijinja::context! { id => p.id.to_string(), title => p.title })
        .collect();
    let computations: Vec<_> = Computation::ALL
        .iter()
        .map(|c| minijinja::context! { value => c.as_str(), label_key => c.label_key() })
        .collect();
    let list = errors
        .map(|e| error_views(ctx, e, INDICATOR_FIELDS, "field-"))
        .unwrap_or_default();
    let messages = errors.map(|e| error_map(ctx, e)).unwrap_or_default();
    page_with_status(
        ctx,
        "goals/indicator_form.html",
        minijinja::context! {
            goal => minijinja::context! { slug => g.slug, statement => g.statement },
            action,
            editing,
            f => minijinja::context! {
                key => form.key, name => form.name, unit => form.unit,
                direction => form.direction, baseline_value => form.baseline_value,
                baseline_date => form.baseline_date, target_value => form.target_value,
                target_date => form.target_date, data_source => form.data_source,
                computation => form.computation, computation_process_id => form.computation_process_id,
            },
            processes,
            computations,
            errors => list,
            messages,
        },
        status,
    )
}

pub(super) async fn new_indicator(ctx: Ctx, Path(slug): Path<String>) -> AppResult {
    let form = IndicatorForm {
        direction: "higher_is_better".into(),
        ..Default::default()
    };
    indicator_form(&ctx, &slug, None, &form, None).await
}

pub(super) async fn create_indicator(
    Path(slug): Path<String>,
    Post { ctx, form, .. }: Post<IndicatorForm>,
) -> AppResult {
    let input = form.input()?;
    let result = ctx
        .state
        .store
        .goals()
        .create_indicator(&ctx.tenant, &ctx.actor, &slug, &input)
        .await;
    form_result(
        result,
        |i| {
            with_notice(
                &format!("/goals/{slug}/manage#indicator-{}", i.id),
                "notice-indicator-saved",
            )
        },
        async |fe, status| indicator_form(&ctx, &slug, None, &form, Some((fe, status))).await,
    )
    .await
}

pub(super) async fn edit_indicator(
    ctx: Ctx,
    Path((slug, id)): Path<(String, String)>,
) -> AppResult {
    let id = parse_id(&id)?;
    let g = ctx
        .state
        .store
        .goals()
        .record_to_manage(&ctx.tenant, &ctx.actor, &slug)
        .await?;
    let i = ctx
        .state
        .store
        .goals()
        .indicator(&ctx.tenant, &g, id)
        .await?;
    indicator_form(&ctx, &slug, Some(id), &IndicatorForm::of(&i), None).await
}

pub(super) async fn save_indicator(
    Path((slug, id)): Path<(String, String)>,
    Post { ctx, form, .. }: Post<IndicatorForm>,
) -> AppResult {
    let id = parse_id(&id)?;
    let input = form.input()?;
    let result = ctx
        .state
        .store
        .goals()
        .update_indicator(&ctx.tenant, &ctx.actor, &slug, id, &input)
        .await;
    form_result(
        result,
        |_| {
            with_notice(
                &format!("/goals/{slug}/manage#indicator-{id}"),
                "notice-indicator-saved",
            )
        },
        async |fe, status| indicator_form(&ctx, &slug, Some(id), &form, Some((fe, status))).await,
    )
    .await
}
