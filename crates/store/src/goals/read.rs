//! Reading goals: with their indicators, measurements, assessed states
//! and links, for the dashboard, a goal's page, a process or a register
//! entry.

use super::{
    id_list, model_of, GoalData, GoalRecord, Goals, IdRow, IndicatorData, Linked, StoredIndicator,
    StoredMeasurement, GOAL_COLS, INDICATOR_COLS, MEASUREMENT_COLS,
};
use crate::{params, Result, StoreError, Tenant};
use serde::Deserialize;
use teilhabe_domain::goals::{summarize, IndicatorState};

/// A linked process or entry with the goal it belongs to.
#[derive(Deserialize)]
struct LinkRow {
    goal_id: i64,
    #[serde(flatten)]
    linked: Linked,
}

impl Goals<'_> {
    /// Goals with indicators, measurements and states; `ids` = `None`
    /// loads every goal of the municipality. Ordered by statement.
    async fn load(&self, tenant: &Tenant, ids: Option<&[i64]>) -> Result<Vec<GoalData>> {
        if ids.is_some_and(|i| i.is_empty()) {
            return Ok(Vec::new());
        }
        let db = &self.store.db;
        let only = |col: &str| match ids {
            Some(ids) => format!(" AND {col} IN {}", id_list(ids)),
            None => String::new(),
        };
        let goals: Vec<GoalRecord> = db
            .all_as(
                &format!("SELECT {GOAL_COLS} FROM goals g LEFT JOIN departments d ON d.id = g.department_id WHERE g.municipality_id = $1{} ORDER BY g.statement, g.id", only("g.id")),
                params![tenant.id],
            )
            .await?;
        let indicators: Vec<StoredIndicator> = db
            .all_as(
                &format!("SELECT {INDICATOR_COLS} FROM indicators i WHERE i.municipality_id = $1{} ORDER BY i.goal_id, i.position, i.id", only("i.goal_id")),
                params![tenant.id],
            )
            .await?;
        let measurements: Vec<StoredMeasurement> = db
            .all_as(
                &format!("SELECT {MEASUREMENT_COLS} FROM measurements m JOIN indicators i ON i.id = m.indicator_id WHERE m.municipality_id = $1{} ORDER BY m.indicator_id, m.measured_on", only("i.goal_id")),
                params![tenant.id],
            )
            .await?;
        let processes: Vec<LinkRow> = db
            .all_as(
                &format!("SELECT l.goal_id, p.id, p.slug, p.title FROM goal_processes l JOIN processes p ON p.id = l.process_id WHERE l.municipality_id = $1 AND p.status <> 'draft'{} ORDER BY p.title", only("l.goal_id")),
                params![tenant.id],
            )
            .await?;
        let entries: Vec<LinkRow> = db
            .all_as(
                &format!("SELECT l.goal_id, e.id, e.slug, e.title FROM goal_register_entries l JOIN register_entries e ON e.id = l.entry_id WHERE l.municipality_id = $1{} ORDER BY e.title", only("l.goal_id")),
                params![tenant.id],
            )
            .await?;
        let linked = |rows: &[LinkRow], goal: i64| -> Vec<Linked> {
            rows.iter()
                .filter(|r| r.goal_id == goal)
                .map(|r| r.linked.clone())
                .collect()
        };
        let today = self.store.clock.today();
        let mut out = Vec::new();
        for goal in goals {
            let mut list = Vec::new();
            for i in indicators.iter().filter(|i| i.goal_id == goal.id) {
                let ms: Vec<StoredMeasurement> = measurements
                    .iter()
                    .filter(|m| m.indicator_id == i.id)
                    .cloned()
                    .collect();
                let a = model_of(i, &ms).assess(today);
                list.push(IndicatorData {
                    indicator: i.clone(),
                    latest: ms.last().cloned(),
                    measurements: ms,
                    state: a.state,
                    projected_at_target: a.projection.map(|p| p.at_target),
                });
            }
            let states: Vec<IndicatorState> = list.iter().map(|i| i.state).collect();
            out.push(GoalData {
                processes: linked(&processes, goal.id),
                entries: linked(&entries, goal.id),
                summary: summarize(&states),
                indicators: list,
                goal,
            });
        }
        Ok(out)
    }

    /// Every goal of the municipality with its state (the dashboard).
    pub async fn all(&self, tenant: &Tenant) -> Result<Vec<GoalData>> {
        self.load(tenant, None).await
    }

    /// One goal by its slug.
    pub async fn get(&self, tenant: &Tenant, slug: &str) -> Result<GoalData> {
        let id = self.record(tenant, slug).await?.id;
        self.load(tenant, Some(&[id]))
            .await?
            .pop()
            .ok_or(StoreError::NotFound)
    }

    /// A goal with its data, for those who may manage it (the staff
    /// pages); others are refused.
    pub async fn get_to_manage(
        &self,
        tenant: &Tenant,
        actor: &teilhabe_domain::Actor,
        slug: &str,
    ) -> Result<GoalData> {
        let g = self.get(tenant, slug).await?;
        may_manage(actor, &g.goal)?;
        Ok(g)
    }

    /// Just the goal's row, for those who may manage it (the staff
    /// forms); others are refused.
    pub async fn record_to_manage(
        &self,
        tenant: &Tenant,
        actor: &teilhabe_domain::Actor,
        slug: &str,
    ) -> Result<GoalRecord> {
        let g = self.record(tenant, slug).await?;
        may_manage(actor, &g)?;
        Ok(g)
    }

    /// Just the goal's row (for permission checks).
    pub async fn record(&self, tenant: &Tenant, slug: &str) -> Result<GoalRecord> {
        self.store
            .db
            .opt_as(
                &format!("SELECT {GOAL_COLS} FROM goals g LEFT JOIN departments d ON d.id = g.department_id WHERE g.municipality_id = $1 AND g.slug = $2"),
                params![tenant.id, slug],
            )
            .await?
            .ok_or(StoreError::NotFound)
    }

    /// The goals linked to a process, with their assessed states.
    pub async fn for_process(&self, tenant: &Tenant, process_id: i64) -> Result<Vec<GoalData>> {
        let ids = self
            .ids(
                "SELECT goal_id AS id FROM goal_processes WHERE municipality_id = $1 AND process_id = $2",
                tenant,
                process_id,
            )
            .await?;
        self.load(tenant, Some(&ids)).await
    }

    /// The goals linked to a register entry, with their assessed states.
    pub async fn for_register_entry(
        &self,
        tenant: &Tenant,
        entry_id: i64,
    ) -> Result<Vec<GoalData>> {
        let ids = self
            .ids(
                "SELECT goal_id AS id FROM goal_register_entries WHERE municipality_id = $1 AND entry_id = $2",
                tenant,
                entry_id,
            )
            .await?;
        self.load(tenant, Some(&ids)).await
    }

    /// The ids of the processes (drafts too) and register entries linked to
    /// a goal, for its form.
    pub async fn links(&self, tenant: &Tenant, goal_id: i64) -> Result<(Vec<i64>, Vec<i64>)> {
        let processes = self
            .ids(
                "SELECT process_id AS id FROM goal_processes WHERE municipality_id = $1 AND goal_id = $2 ORDER BY process_id",
                tenant,
                goal_id,
            )
            .await?;
        let entries = self
            .ids(
                "SELECT entry_id AS id FROM goal_register_entries WHERE municipality_id = $1 AND goal_id = $2 ORDER BY entry_id",
                tenant,
                goal_id,
            )
            .await?;
        Ok((processes, entries))
    }

    async fn ids(&self, sql: &str, tenant: &Tenant, id: i64) -> Result<Vec<i64>> {
        let rows: Vec<IdRow> = self.store.db.all_as(sql, params![tenant.id, id]).await?;
        Ok(rows.into_iter().map(|r| r.id).collect())
    }

    /// One indicator of a goal (404 if it belongs to another goal).
    pub async fn indicator(
        &self,
        tenant: &Tenant,
        goal: &GoalRecord,
        indicator_id: i64,
    ) -> Result<StoredIndicator> {
        self.store
            .db
            .opt_as(
                &format!("SELECT {INDICATOR_COLS} FROM indicators i WHERE i.municipality_id = $1 AND i.goal_id = $2 AND i.id = $3"),
                params![tenant.id, goal.id, indicator_id],
            )
            .await?
            .ok_or(StoreError::NotFound)
    }
}

/// Refuses who may not manage the goal.
fn may_manage(actor: &teilhabe_domain::Actor, goal: &GoalRecord) -> Result<()> {
    use teilhabe_domain::permission::{decide, Action};
    Ok(decide(actor, Action::ManageGoals, &goal.target())?)
}
