//! Creating and editing goals with their department and links to
//! processes and register entries.

use super::{short_slug, GoalInput, GoalRecord, Goals, IdRow};
use crate::{params, Result, StoreError, Tenant, Tx};
use std::collections::BTreeSet;
use teilhabe_domain::goals::input::GoalSpec;
use teilhabe_domain::permission::{decide, Action, Target};
use teilhabe_domain::{Actor, FieldErrors};

impl Goals<'_> {
    /// The checked goal form; with `into_department`, the actor must also
    /// manage goals in the form's department (a new goal, or a goal moved
    /// there).
    async fn checked(
        &self,
        tenant: &Tenant,
        actor: &Actor,
        input: &GoalInput,
        into_department: bool,
    ) -> Result<GoalSpec> {
        if into_department {
            decide(
                actor,
                Action::ManageGoals,
                &Target::Goal {
                    department_id: input.department_id,
                },
            )?;
        }
        self.check_input(tenant, input).await?;
        Ok(input.draft.validate()?)
    }

    /// Checks the department and the linked processes and entries.
    async fn check_input(&self, tenant: &Tenant, input: &GoalInput) -> Result<()> {
        let mut errors = match input.draft.validate() {
            Ok(_) => FieldErrors::new(),
            Err(e) => e,
        };
        if let Some(d) = input.department_id {
            if !self.store.tenants().has_department(tenant, d).await? {
                errors.add("department_id", "error-invalid-choice");
            }
        }
        let known = |table: &str| format!("SELECT id FROM {table} WHERE municipality_id = $1");
        let processes: Vec<IdRow> = self
            .store
            .db
            .all_as(&known("processes"), params![tenant.id])
            .await?;
        let processes: BTreeSet<i64> = processes.into_iter().map(|r| r.id).collect();
        if input.process_ids.iter().any(|p| !processes.contains(p)) {
            errors.add("process_ids", "error-invalid-choice");
        }
        let entries: Vec<IdRow> = self
            .store
            .db
            .all_as(&known("register_entries"), params![tenant.id])
            .await?;
        let entries: BTreeSet<i64> = entries.into_iter().map(|r| r.id).collect();
        if input.entry_ids.iter().any(|e| !entries.contains(e)) {
            errors.add("entry_ids", "error-invalid-choice");
        }
        errors.into_result()?;
        Ok(())
    }

    async fn write_links(
        tx: &mut Tx,
        tenant: &Tenant,
        goal_id: i64,
        input: &GoalInput,
    ) -> Result<()> {
        tx.exec(
            "DELETE FROM goal_processes WHERE goal_id = $1",
            params![goal_id],
        )
        .await?;
        tx.exec(
            "DELETE FROM goal_register_entries WHERE goal_id = $1",
            params![goal_id],
        )
        .await?;
        let processes: BTreeSet<i64> = input.process_ids.iter().copied().collect();
        for p in processes {
            tx.exec(
                "INSERT INTO goal_processes (goal_id, process_id, municipality_id) VALUES ($1, $2, $3)",
                params![goal_id, p, tenant.id],
            )
            .await?;
        }
        let entries: BTreeSet<i64> = input.entry_ids.iter().copied().collect();
        for e in entries {
            tx.exec(
                "INSERT INTO goal_register_entries (goal_id, entry_id, municipality_id) VALUES ($1, $2, $3)",
                params![goal_id, e, tenant.id],
            )
            .await?;
        }
        Ok(())
    }

    /// Staff of the chosen department (or an admin; only admins may leave
    /// the department empty) create a goal with its links.
    pub async fn create(
        &self,
        tenant: &Tenant,
        actor: &Actor,
        input: &GoalInput,
    ) -> Result<GoalRecord> {
        decide(actor, Action::CreateGoal, &Target::Municipality)?;
        let spec = self.checked(tenant, actor, input, true).await?;
        let base = match short_slug(&spec.statement).as_str() {
            "" | "new" => "ziel".to_string(),
            s => s.to_string(),
        };
        let mut w = self.store.write(tenant).await?;
        let slug = w.free_slug("goals", &base).await?;
        let now = w.now;
        let id = w
            .insert(
                "INSERT INTO goals (municipality_id, department_id, slug, statement, description, created_at, updated_at) VALUES ($1, $2, $3, $4, $5, $6, $6) RETURNING id",
                params![tenant.id, input.department_id, slug.as_str(), spec.statement.as_str(), spec.description.as_str(), now],
            )
            .await
            .map_err(|e| {
                if e.is_unique_violation() {
                    StoreError::Conflict("error-goal-slug-taken")
                } else {
                    e.into()
                }
            })?;
        Self::write_links(&mut w, tenant, id, input).await?;
        w.audit(
            actor,
            "goal.created",
            format!("goal:{id}"),
            serde_json::json!({
                "statement": spec.statement,
                "department_id": input.department_id,
                "processes": input.process_ids,
                "register_entries": input.entry_ids,
            }),
        );
        w.commit().await?;
        self.record(tenant, &slug).await
    }

    /// Edits a goal's text, department and links. Moving a goal to another
    /// department needs the right to manage goals there too.
    pub async fn update(
        &self,
        tenant: &Tenant,
        actor: &Actor,
        slug: &str,
        input: &GoalInput,
    ) -> Result<()> {
        let goal = self.record(tenant, slug).await?;
        decide(actor, Action::ManageGoals, &goal.target())?;
        let moved = input.department_id != goal.department_id;
        let spec = self.checked(tenant, actor, input, moved).await?;
        let mut w = self.store.write(tenant).await?;
        let now = w.now;
        w.exec(
            "UPDATE goals SET statement = $1, description = $2, department_id = $3, updated_at = $4 WHERE id = $5",
            params![spec.statement.as_str(), spec.description.as_str(), input.department_id, now, goal.id],
        )
        .await?;
        Self::write_links(&mut w, tenant, goal.id, input).await?;
        w.audit(
            actor,
            "goal.updated",
            format!("goal:{}", goal.id),
            serde_json::json!({
                "statement": spec.statement,
                "previous_statement": goal.statement,
                "department_id": input.department_id,
                "processes": input.process_ids,
                "register_entries": input.entry_ids,
            }),
        );
        w.commit().await?;
        Ok(())
    }
}
