//! Defining, editing and deleting a goal's indicators.

use super::{GoalRecord, Goals, IndicatorInput, StoredIndicator};
use crate::{params, DbError, Result, StoreError, Tenant, P};
use serde::Deserialize;
use teilhabe_domain::goals::input::IndicatorSpec;
use teilhabe_domain::permission::{decide, Action};
use teilhabe_domain::Actor;

impl Goals<'_> {
    /// Checks an indicator form; `except` is the indicator being edited
    /// (its own key is not a clash).
    async fn check_indicator(
        &self,
        tenant: &Tenant,
        goal: &GoalRecord,
        input: &IndicatorInput,
        except: Option<i64>,
    ) -> Result<IndicatorSpec> {
        let spec = input.draft.validate();
        let mut errors = spec.as_ref().err().cloned().unwrap_or_default();
        let key = input.draft.key.trim();
        if !key.is_empty()
            && self
                .store
                .db
                .opt(
                    "SELECT id FROM indicators WHERE goal_id = $1 AND key = $2 AND id <> $3",
                    params![goal.id, key, except.unwrap_or(0)],
                )
                .await?
                .is_some()
        {
            errors.add("key", "error-indicator-key-taken");
        }
        if let Some(p) = input.computation_process_id {
            if self
                .store
                .db
                .opt(
                    "SELECT id FROM processes WHERE municipality_id = $1 AND id = $2",
                    params![tenant.id, p],
                )
                .await?
                .is_none()
            {
                errors.add("computation_process_id", "error-invalid-choice");
            }
        }
        errors.into_result()?;
        Ok(spec?)
    }

    /// Adds an indicator to a goal. A computed indicator gets its first
    /// value at once.
    pub async fn create_indicator(
        &self,
        tenant: &Tenant,
        actor: &Actor,
        goal_slug: &str,
        input: &IndicatorInput,
    ) -> Result<StoredIndicator> {
        #[derive(Deserialize)]
        struct Next {
            n: i64,
        }
        let goal = self.record(tenant, goal_slug).await?;
        decide(actor, Action::ManageGoals, &goal.target())?;
        let spec = self.check_indicator(tenant, &goal, input, None).await?;
        let process = spec.computation.and(input.computation_process_id);
        let mut w = self.store.write(tenant).await?;
        let now = w.now;
        let position = w
            .one_as::<Next>(
                "SELECT COALESCE(MAX(position), 0) + 1 AS n FROM indicators WHERE goal_id = $1",
                params![goal.id],
            )
            .await?
            .n;
        let id = w
            .insert(
                "INSERT INTO indicators (municipality_id, goal_id, key, name, unit, direction, baseline_value, baseline_date, target_value, target_date, data_source, computation, computation_process_id, position, created_at, updated_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $15) RETURNING id",
                &[
                    &[P::from(tenant.id), P::from(goal.id)][..],
                    &indicator_values(&spec, process),
                    &[P::from(position), P::from(now)],
                ]
                .concat(),
            )
            .await
            .map_err(key_taken)?;
        w.audit(
            actor,
            "goal.indicator_created",
            format!("indicator:{id}"),
            serde_json::json!({
                "goal": goal.id,
                "key": spec.key,
                "name": spec.name,
                "direction": spec.direction.as_str(),
                "baseline": [spec.baseline.date.to_string(), spec.baseline.value],
                "target": [spec.target.date.to_string(), spec.target.value],
                "computation": spec.computation.map(|c| c.as_str()),
                "process": process,
            }),
        );
        w.commit().await?;
        let stored = self.indicator(tenant, &goal, id).await?;
        if spec.computation.is_some() {
            self.compute_indicator(tenant, actor, goal_slug, id).await?;
        }
        Ok(stored)
    }

    /// Edits an indicator; its measurements stay.
    pub async fn update_indicator(
        &self,
        tenant: &Tenant,
        actor: &Actor,
        goal_slug: &str,
        indicator_id: i64,
        input: &IndicatorInput,
    ) -> Result<()> {
        let goal = self.record(tenant, goal_slug).await?;
        decide(actor, Action::ManageGoals, &goal.target())?;
        let old = self.indicator(tenant, &goal, indicator_id).await?;
        let spec = self
            .check_indicator(tenant, &goal, input, Some(old.id))
            .await?;
        let process = spec.computation.and(input.computation_process_id);
        let mut w = self.store.write(tenant).await?;
        let now = w.now;
        w.exec(
            "UPDATE indicators SET key = $1, name = $2, unit = $3, direction = $4, baseline_value = $5, baseline_date = $6, target_value = $7, target_date = $8, data_source = $9, computation = $10, computation_process_id = $11, updated_at = $12 WHERE id = $13",
            &[
                &indicator_values(&spec, process)[..],
                &[P::from(now), P::from(old.id)],
            ]
            .concat(),
        )
        .await
        .map_err(key_taken)?;
        w.audit(
            actor,
            "goal.indicator_updated",
            format!("indicator:{}", old.id),
            serde_json::json!({
                "goal": goal.id,
                "key": spec.key,
                "name": spec.name,
                "baseline": [spec.baseline.date.to_string(), spec.baseline.value],
                "target": [spec.target.date.to_string(), spec.target.value],
                "previous_target": [old.target_date, old.target_value],
                "computation": spec.computation.map(|c| c.as_str()),
                "process": process,
            }),
        );
        w.commit().await?;
        Ok(())
    }

    /// Deletes an indicator with all its measurements (the audit entry
    /// keeps its definition and how many values went). Idempotent: an
    /// indicator that is already gone gives `false`.
    pub async fn delete_indicator(
        &self,
        tenant: &Tenant,
        actor: &Actor,
        goal_slug: &str,
        indicator_id: i64,
    ) -> Result<bool> {
        let goal = self.record(tenant, goal_slug).await?;
        decide(actor, Action::ManageGoals, &goal.target())?;
        let old = match self.indicator(tenant, &goal, indicator_id).await {
            Ok(i) => i,
            Err(StoreError::NotFound) => return Ok(false),
            Err(e) => return Err(e),
        };
        let mut w = self.store.write(tenant).await?;
        let removed = w
            .exec(
                "DELETE FROM measurements WHERE indicator_id = $1",
                params![old.id],
            )
            .await?;
        w.exec("DELETE FROM indicators WHERE id = $1", params![old.id])
            .await?;
        w.audit(
            actor,
            "goal.indicator_deleted",
            format!("indicator:{}", old.id),
            serde_json::json!({
                "goal": goal.id,
                "key": old.key,
                "name": old.name,
                "baseline": [old.baseline_date, old.baseline_value],
                "target": [old.target_date, old.target_value],
                "measurements": removed,
            }),
        );
        w.commit().await?;
        Ok(true)
    }
}

/// An indicator's own columns, in the order both the insert and the update
/// name them (key .. computation_process_id).
fn indicator_values(spec: &IndicatorSpec, process: Option<i64>) -> [P; 11] {
    [
        P::from(spec.key.as_str()),
        P::from(spec.name.as_str()),
        P::from(spec.unit.as_str()),
        P::from(spec.direction.as_str()),
        P::from(spec.baseline.value),
        P::from(spec.baseline.date.to_string()),
        P::from(spec.target.value),
        P::from(spec.target.date.to_string()),
        P::from(spec.data_source.as_str()),
        P::from(spec.computation.map(|c| c.as_str()).unwrap_or("")),
        P::from(process),
    ]
}

/// A second indicator with the same key in the goal is the person's
/// conflict, any other failure ours.
fn key_taken(e: DbError) -> StoreError {
    if e.is_unique_violation() {
        StoreError::Conflict("error-indicator-key-taken")
    } else {
        e.into()
    }
}
