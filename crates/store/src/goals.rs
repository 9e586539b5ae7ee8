//! Impact goals (Wirkungsziele) with indicators and measurements (issue
//! #3). Staff of the goal's department (or admins) create and edit goals,
//! link processes and register entries, define indicators and enter,
//! import or compute measurements; every change is audited in the same
//! transaction. States come from the `teilhabe-register` crate's
//! `Indicator::assess` as of the store's clock.
//!
//! Computed indicators take their values from the platform's own data
//! (contributions, answers within the deadline, verified participants);
//! [`Store::run_computed_indicators`] stores one value per indicator and
//! month, replaced during the month by the latest computation.

use crate::audit::{actor_label, append};
use crate::{params, Result, Store, StoreError, Tenant, Tx};
use serde::Serialize;
use std::collections::BTreeSet;
use teilhabe_domain::audit::AuditEvent;
use teilhabe_domain::permission::{decide, Action, Target};
use teilhabe_domain::validation::slugify;
use teilhabe_domain::{Actor, FieldErrors};
use teilhabe_register::goal_input::{Computation, GoalDraft, IndicatorDraft, MeasurementDraft};
use teilhabe_register::indicators::{summarize, DatedValue, GoalSummary, IndicatorState};
use teilhabe_register::measurements_csv::{
    export_measurements_csv, import_measurements_csv_until, CsvErrors, MeasurementRow,
};
use teilhabe_register::{Direction, Indicator, Measurement};
use time::Date;

const DAY_MS: i64 = 86_400_000;

/// A goal's own columns.
#[derive(Debug, Clone, Serialize)]
pub struct GoalRecord {
    pub id: i64,
    pub slug: String,
    pub statement: String,
    pub description: String,
    pub department_id: Option<i64>,
    pub department_name: Option<String>,
    pub created_at: i64,
    pub updated_at: i64,
}

impl GoalRecord {
    pub fn target(&self) -> Target<'static> {
        Target::Goal {
            department_id: self.department_id,
        }
    }
}

/// An indicator as stored (dates ISO `YYYY-MM-DD`).
#[derive(Debug, Clone, Serialize)]
pub struct StoredIndicator {
    pub id: i64,
    pub goal_id: i64,
    pub key: String,
    pub name: String,
    pub unit: String,
    /// `higher_is_better` or `lower_is_better`.
    pub direction: String,
    pub baseline_value: f64,
    pub baseline_date: String,
    pub target_value: f64,
    pub target_date: String,
    pub data_source: String,
    /// Empty for values entered by staff, else a computation's name.
    pub computation: String,
    pub computation_process_id: Option<i64>,
    pub position: i64,
}

/// One stored measurement.
#[derive(Debug, Clone, Serialize)]
pub struct StoredMeasurement {
    pub id: i64,
    pub indicator_id: i64,
    /// ISO date.
    pub date: String,
    pub value: f64,
    /// manual, csv or computed.
    pub source: String,
    pub note: String,
    pub created_at: i64,
}

/// An indicator with its measurements (oldest first) and its state.
#[derive(Debug, Clone, Serialize)]
pub struct IndicatorData {
    pub indicator: StoredIndicator,
    pub measurements: Vec<StoredMeasurement>,
    pub state: IndicatorState,
    pub latest: Option<StoredMeasurement>,
    /// The linear projection's value at the target date, if there is one.
    pub projected_at_target: Option<f64>,
}

impl IndicatorData {
    /// The crate's model, for charts and assessment.
    pub fn model(&self) -> Indicator {
        model_of(&self.indicator, &self.measurements)
    }
}

/// A linked process or register entry.
#[derive(Debug, Clone, Serialize)]
pub struct Linked {
    pub id: i64,
    pub slug: String,
    pub title: String,
}

/// A goal with everything the pages show.
#[derive(Debug, Clone, Serialize)]
pub struct GoalData {
    pub goal: GoalRecord,
    pub indicators: Vec<IndicatorData>,
    pub summary: GoalSummary,
    /// Linked public processes.
    pub processes: Vec<Linked>,
    pub entries: Vec<Linked>,
}

/// What the goal form submits.
#[derive(Debug, Clone, Default)]
pub struct GoalInput {
    pub draft: GoalDraft,
    pub department_id: Option<i64>,
    pub process_ids: Vec<i64>,
    pub entry_ids: Vec<i64>,
}

/// What the indicator form submits.
#[derive(Debug, Clone, Default)]
pub struct IndicatorInput {
    pub draft: IndicatorDraft,
    /// For computed indicators: one process, or all when `None`.
    pub computation_process_id: Option<i64>,
}

/// The outcome of a CSV import.
#[derive(Debug, Clone, Serialize, PartialEq, Eq)]
pub struct ImportReport {
    pub added: usize,
    pub replaced: usize,
}

fn parse_iso(s: &str) -> Date {
    teilhabe_register::entry::parse_date(s).unwrap_or(Date::MIN)
}

fn model_of(i: &StoredIndicator, ms: &[StoredMeasurement]) -> Indicator {
    Indicator {
        key: i.key.clone(),
        name: i.name.clone(),
        unit: i.unit.clone(),
        direction: Direction::parse(&i.direction).unwrap_or(Direction::HigherIsBetter),
        baseline: DatedValue {
            date: parse_iso(&i.baseline_date),
            value: i.baseline_value,
        },
        target: DatedValue {
            date: parse_iso(&i.target_date),
            value: i.target_value,
        },
        data_source: i.data_source.clone(),
        measurements: ms
            .iter()
            .map(|m| Measurement {
                date: parse_iso(&m.date),
                value: m.value,
                note: m.note.clone(),
            })
            .collect(),
    }
}

const GOAL_COLS: &str = "g.id, g.slug, g.statement, g.description, g.department_id, d.name AS department_name, g.created_at, g.updated_at";
const INDICATOR_COLS: &str = "i.id, i.goal_id, i.key, i.name, i.unit, i.direction, i.baseline_value, i.baseline_date, i.target_value, i.target_date, i.data_source, i.computation, i.computation_process_id, i.position";
const MEASUREMENT_COLS: &str =
    "m.id, m.indicator_id, m.measured_on, m.value, m.source, m.note, m.created_at";

fn goal_from(r: &crate::Row) -> Result<GoalRecord> {
    Ok(GoalRecord {
        id: r.i64("id")?,
        slug: r.str("slug")?,
        statement: r.str("statement")?,
        description: r.str("description")?,
        department_id: r.opt_i64("department_id")?,
        department_name: r.opt_str("department_name")?,
        created_at: r.i64("created_at")?,
        updated_at: r.i64("updated_at")?,
    })
}

fn indicator_from(r: &crate::Row) -> Result<StoredIndicator> {
    Ok(StoredIndicator {
        id: r.i64("id")?,
        goal_id: r.i64("goal_id")?,
        key: r.str("key")?,
        name: r.str("name")?,
        unit: r.str("unit")?,
        direction: r.str("direction")?,
        baseline_value: r.f64("baseline_value")?,
        baseline_date: r.str("baseline_date")?,
        target_value: r.f64("target_value")?,
        target_date: r.str("target_date")?,
        data_source: r.str("data_source")?,
        computation: r.str("computation")?,
        computation_process_id: r.opt_i64("computation_process_id")?,
        position: r.i64("position")?,
    })
}

fn measurement_from(r: &crate::Row) -> Result<StoredMeasurement> {
    Ok(StoredMeasurement {
        id: r.i64("id")?,
        indicator_id: r.i64("indicator_id")?,
        date: r.str("measured_on")?,
        value: r.f64("value")?,
        source: r.str("source")?,
        note: r.str("note")?,
        created_at: r.i64("created_at")?,
    })
}

/// The goal's address: its statement as a slug, cut after a whole word
/// to at most 60 characters.
fn short_slug(statement: &str) -> String {
    let full = slugify(statement);
    if full.len() <= 60 {
        return full;
    }
    let head = &full[..60];
    match head.rfind('-') {
        Some(i) if i > 0 => head[..i].to_string(),
        _ => head.to_string(),
    }
}

/// `(1, 2, 3)` for an SQL `IN`; ids are numbers, so nothing to escape.
fn id_list(ids: &[i64]) -> String {
    let list: Vec<String> = ids.iter().map(i64::to_string).collect();
    format!("({})", list.join(", "))
}

fn audit_event(
    tenant: &Tenant,
    actor: &Actor,
    action: &str,
    target: String,
    details: serde_json::Value,
) -> AuditEvent {
    AuditEvent::new(actor_label(tenant, actor.user_id), action, target, details)
}

impl Store {
    /// Goals with indicators, measurements and states; `ids` = `None`
    /// loads every goal of the municipality. Ordered by statement.
    async fn load_goals(&self, tenant: &Tenant, ids: Option<&[i64]>) -> Result<Vec<GoalData>> {
        if ids.is_some_and(|i| i.is_empty()) {
            return Ok(Vec::new());
        }
        let only = |col: &str| match ids {
            Some(ids) => format!(" AND {col} IN {}", id_list(ids)),
            None => String::new(),
        };
        let goals = self
            .db
            .all(
                &format!("SELECT {GOAL_COLS} FROM goals g LEFT JOIN departments d ON d.id = g.department_id WHERE g.municipality_id = $1{} ORDER BY g.statement, g.id", only("g.id")),
                params![tenant.id],
            )
            .await?;
        let indicators = self
            .db
            .all(
                &format!("SELECT {INDICATOR_COLS} FROM indicators i WHERE i.municipality_id = $1{} ORDER BY i.goal_id, i.position, i.id", only("i.goal_id")),
                params![tenant.id],
            )
            .await?;
        let measurements = self
            .db
            .all(
                &format!("SELECT {MEASUREMENT_COLS} FROM measurements m JOIN indicators i ON i.id = m.indicator_id WHERE m.municipality_id = $1{} ORDER BY m.indicator_id, m.measured_on", only("i.goal_id")),
                params![tenant.id],
            )
            .await?;
        let processes = self
            .db
            .all(
                &format!("SELECT l.goal_id, p.id, p.slug, p.title FROM goal_processes l JOIN processes p ON p.id = l.process_id WHERE l.municipality_id = $1 AND p.status <> 'draft'{} ORDER BY p.title", only("l.goal_id")),
                params![tenant.id],
            )
            .await?;
        let entries = self
            .db
            .all(
                &format!("SELECT l.goal_id, e.id, e.slug, e.title FROM goal_register_entries l JOIN register_entries e ON e.id = l.entry_id WHERE l.municipality_id = $1{} ORDER BY e.title", only("l.goal_id")),
                params![tenant.id],
            )
            .await?;
        let measurements: Vec<StoredMeasurement> = measurements
            .iter()
            .map(measurement_from)
            .collect::<Result<_>>()?;
        let indicators: Vec<StoredIndicator> = indicators
            .iter()
            .map(indicator_from)
            .collect::<Result<_>>()?;
        let linked = |rows: &[crate::Row], goal: i64| -> Result<Vec<Linked>> {
            let mut out = Vec::new();
            for r in rows.iter().filter(|r| r.i64("goal_id").ok() == Some(goal)) {
                out.push(Linked {
                    id: r.i64("id")?,
                    slug: r.str("slug")?,
                    title: r.str("title")?,
                });
            }
            Ok(out)
        };
        let today = self.clock.today();
        let mut out = Vec::new();
        for g in &goals {
            let goal = goal_from(g)?;
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
                processes: linked(&processes, goal.id)?,
                entries: linked(&entries, goal.id)?,
                summary: summarize(&states),
                indicators: list,
                goal,
            });
        }
        Ok(out)
    }

    /// Every goal of the municipality with its state (the dashboard).
    pub async fn goals(&self, tenant: &Tenant) -> Result<Vec<GoalData>> {
        self.load_goals(tenant, None).await
    }

    /// One goal by its slug.
    pub async fn goal(&self, tenant: &Tenant, slug: &str) -> Result<GoalData> {
        let id = self.goal_record(tenant, slug).await?.id;
        self.load_goals(tenant, Some(&[id]))
            .await?
            .pop()
            .ok_or(StoreError::NotFound)
    }

    /// Just the goal's row (for permission checks).
    pub async fn goal_record(&self, tenant: &Tenant, slug: &str) -> Result<GoalRecord> {
        let r = self
            .db
            .opt(
                &format!("SELECT {GOAL_COLS} FROM goals g LEFT JOIN departments d ON d.id = g.department_id WHERE g.municipality_id = $1 AND g.slug = $2"),
                params![tenant.id, slug],
            )
            .await?
            .ok_or(StoreError::NotFound)?;
        goal_from(&r)
    }

    /// The goals linked to a process, with their assessed states.
    pub async fn goals_for_process(
        &self,
        tenant: &Tenant,
        process_id: i64,
    ) -> Result<Vec<GoalData>> {
        let ids = self
            .ids(
                "SELECT goal_id AS id FROM goal_processes WHERE municipality_id = $1 AND process_id = $2",
                tenant,
                process_id,
            )
            .await?;
        self.load_goals(tenant, Some(&ids)).await
    }

    /// The goals linked to a register entry, with their assessed states.
    pub async fn goals_for_register_entry(
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
        self.load_goals(tenant, Some(&ids)).await
    }

    /// The ids of the processes (drafts too) and register entries linked to
    /// a goal, for its form.
    pub async fn goal_links(&self, tenant: &Tenant, goal_id: i64) -> Result<(Vec<i64>, Vec<i64>)> {
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
        self.db
            .all(sql, params![tenant.id, id])
            .await?
            .iter()
            .map(|r| Ok(r.i64("id")?))
            .collect()
    }

    /// Checks the department and the linked processes and entries.
    async fn check_goal_input(&self, tenant: &Tenant, input: &GoalInput) -> Result<()> {
        let mut errors = match input.draft.validate() {
            Ok(_) => FieldErrors::new(),
            Err(e) => e,
        };
        if let Some(d) = input.department_id {
            if !self
                .tenants()
                .departments(tenant)
                .await?
                .iter()
                .any(|x| x.id == d)
            {
                errors.add("department_id", "error-invalid-choice");
            }
        }
        let known = |table: &str| format!("SELECT id FROM {table} WHERE municipality_id = $1");
        let processes: BTreeSet<i64> = self
            .db
            .all(&known("processes"), params![tenant.id])
            .await?
            .iter()
            .filter_map(|r| r.i64("id").ok())
            .collect();
        if input.process_ids.iter().any(|p| !processes.contains(p)) {
            errors.add("process_ids", "error-invalid-choice");
        }
        let entries: BTreeSet<i64> = self
            .db
            .all(&known("register_entries"), params![tenant.id])
            .await?
            .iter()
            .filter_map(|r| r.i64("id").ok())
            .collect();
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
    pub async fn create_goal(
        &self,
        tenant: &Tenant,
        actor: &Actor,
        input: &GoalInput,
    ) -> Result<GoalRecord> {
        decide(actor, Action::CreateGoal, &Target::Municipality)?;
        decide(
            actor,
            Action::ManageGoals,
            &Target::Goal {
                department_id: input.department_id,
            },
        )?;
        self.check_goal_input(tenant, input).await?;
        let spec = input.draft.validate()?;
        let now = self.now();
        let base = match short_slug(&spec.statement).as_str() {
            "" | "new" => "ziel".to_string(),
            s => s.to_string(),
        };
        let mut tx = self.db.begin().await?;
        let mut slug = base.clone();
        let mut n = 1;
        while tx
            .opt(
                "SELECT id FROM goals WHERE municipality_id = $1 AND slug = $2",
                params![tenant.id, slug.as_str()],
            )
            .await?
            .is_some()
        {
            n += 1;
            slug = format!("{base}-{n}");
        }
        let id = tx
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
        Self::write_links(&mut tx, tenant, id, input).await?;
        append(
            &mut tx,
            tenant,
            now,
            audit_event(
                tenant,
                actor,
                "goal.created",
                format!("goal:{id}"),
                serde_json::json!({
                    "statement": spec.statement,
                    "department_id": input.department_id,
                    "processes": input.process_ids,
                    "register_entries": input.entry_ids,
                }),
            ),
        )
        .await?;
        tx.commit().await?;
        self.goal_record(tenant, &slug).await
    }

    /// Edits a goal's text, department and links. Moving a goal to another
    /// department needs the right to manage goals there too.
    pub async fn update_goal(
        &self,
        tenant: &Tenant,
        actor: &Actor,
        slug: &str,
        input: &GoalInput,
    ) -> Result<()> {
        let goal = self.goal_record(tenant, slug).await?;
        decide(actor, Action::ManageGoals, &goal.target())?;
        if input.department_id != goal.department_id {
            decide(
                actor,
                Action::ManageGoals,
                &Target::Goal {
                    department_id: input.department_id,
                },
            )?;
        }
        self.check_goal_input(tenant, input).await?;
        let spec = input.draft.validate()?;
        let now = self.now();
        let mut tx = self.db.begin().await?;
        tx.exec(
            "UPDATE goals SET statement = $1, description = $2, department_id = $3, updated_at = $4 WHERE id = $5",
            params![spec.statement.as_str(), spec.description.as_str(), input.department_id, now, goal.id],
        )
        .await?;
        Self::write_links(&mut tx, tenant, goal.id, input).await?;
        append(
            &mut tx,
            tenant,
            now,
            audit_event(
                tenant,
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
            ),
        )
        .await?;
        tx.commit().await?;
        Ok(())
    }

    /// One indicator of a goal (404 if it belongs to another goal).
    pub async fn goal_indicator(
        &self,
        tenant: &Tenant,
        goal: &GoalRecord,
        indicator_id: i64,
    ) -> Result<StoredIndicator> {
        let r = self
            .db
            .opt(
                &format!("SELECT {INDICATOR_COLS} FROM indicators i WHERE i.municipality_id = $1 AND i.goal_id = $2 AND i.id = $3"),
                params![tenant.id, goal.id, indicator_id],
            )
            .await?
            .ok_or(StoreError::NotFound)?;
        indicator_from(&r)
    }

    /// Checks an indicator form; `except` is the indicator being edited
    /// (its own key is not a clash).
    async fn check_indicator(
        &self,
        tenant: &Tenant,
        goal: &GoalRecord,
        input: &IndicatorInput,
        except: Option<i64>,
    ) -> Result<teilhabe_register::goal_input::IndicatorSpec> {
        let spec = input.draft.validate();
        let mut errors = spec.as_ref().err().cloned().unwrap_or_default();
        let key = input.draft.key.trim();
        if !key.is_empty()
            && self
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
        let goal = self.goal_record(tenant, goal_slug).await?;
        decide(actor, Action::ManageGoals, &goal.target())?;
        let spec = self.check_indicator(tenant, &goal, input, None).await?;
        let process = spec.computation.and(input.computation_process_id);
        let now = self.now();
        let mut tx = self.db.begin().await?;
        let position = tx
            .one(
                "SELECT COALESCE(MAX(position), 0) + 1 AS n FROM indicators WHERE goal_id = $1",
                params![goal.id],
            )
            .await?
            .i64("n")?;
        let id = tx
            .insert(
                "INSERT INTO indicators (municipality_id, goal_id, key, name, unit, direction, baseline_value, baseline_date, target_value, target_date, data_source, computation, computation_process_id, position, created_at, updated_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $15) RETURNING id",
                params![
                    tenant.id,
                    goal.id,
                    spec.key.as_str(),
                    spec.name.as_str(),
                    spec.unit.as_str(),
                    spec.direction.as_str(),
                    spec.baseline.value,
                    spec.baseline.date.to_string(),
                    spec.target.value,
                    spec.target.date.to_string(),
                    spec.data_source.as_str(),
                    spec.computation.map(|c| c.as_str()).unwrap_or(""),
                    process,
                    position,
                    now
                ],
            )
            .await
            .map_err(|e| {
                if e.is_unique_violation() {
                    StoreError::Conflict("error-indicator-key-taken")
                } else {
                    e.into()
                }
            })?;
        append(
            &mut tx,
            tenant,
            now,
            audit_event(
                tenant,
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
            ),
        )
        .await?;
        tx.commit().await?;
        let stored = self.goal_indicator(tenant, &goal, id).await?;
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
        let goal = self.goal_record(tenant, goal_slug).await?;
        decide(actor, Action::ManageGoals, &goal.target())?;
        let old = self.goal_indicator(tenant, &goal, indicator_id).await?;
        let spec = self
            .check_indicator(tenant, &goal, input, Some(old.id))
            .await?;
        let process = spec.computation.and(input.computation_process_id);
        let now = self.now();
        let mut tx = self.db.begin().await?;
        tx.exec(
            "UPDATE indicators SET key = $1, name = $2, unit = $3, direction = $4, baseline_value = $5, baseline_date = $6, target_value = $7, target_date = $8, data_source = $9, computation = $10, computation_process_id = $11, updated_at = $12 WHERE id = $13",
            params![
                spec.key.as_str(),
                spec.name.as_str(),
                spec.unit.as_str(),
                spec.direction.as_str(),
                spec.baseline.value,
                spec.baseline.date.to_string(),
                spec.target.value,
                spec.target.date.to_string(),
                spec.data_source.as_str(),
                spec.computation.map(|c| c.as_str()).unwrap_or(""),
                process,
                now,
                old.id
            ],
        )
        .await
        .map_err(|e| {
            if e.is_unique_violation() {
                StoreError::Conflict("error-indicator-key-taken")
            } else {
                e.into()
            }
        })?;
        append(
            &mut tx,
            tenant,
            now,
            audit_event(
                tenant,
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
            ),
        )
        .await?;
        tx.commit().await?;
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
        let goal = self.goal_record(tenant, goal_slug).await?;
        decide(actor, Action::ManageGoals, &goal.target())?;
        let old = match self.goal_indicator(tenant, &goal, indicator_id).await {
            Ok(i) => i,
            Err(StoreError::NotFound) => return Ok(false),
            Err(e) => return Err(e),
        };
        let now = self.now();
        let mut tx = self.db.begin().await?;
        let removed = tx
            .exec(
                "DELETE FROM measurements WHERE indicator_id = $1",
                params![old.id],
            )
            .await?;
        tx.exec("DELETE FROM indicators WHERE id = $1", params![old.id])
            .await?;
        append(
            &mut tx,
            tenant,
            now,
            audit_event(
                tenant,
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
            ),
        )
        .await?;
        tx.commit().await?;
        Ok(true)
    }

    /// Writes one value for an indicator and day, replacing an earlier
    /// value of that day; returns the replaced value.
    async fn put_measurement(
        tx: &mut Tx,
        tenant: &Tenant,
        actor: &Actor,
        indicator_id: i64,
        m: &Measurement,
        source: &str,
        now: i64,
    ) -> Result<Option<f64>> {
        let day = m.date.to_string();
        let old = tx
            .opt(
                "SELECT value FROM measurements WHERE indicator_id = $1 AND measured_on = $2",
                params![indicator_id, day.as_str()],
            )
            .await?
            .map(|r| r.f64("value"))
            .transpose()?;
        tx.exec(
            "DELETE FROM measurements WHERE indicator_id = $1 AND measured_on = $2",
            params![indicator_id, day.as_str()],
        )
        .await?;
        tx.exec(
            "INSERT INTO measurements (municipality_id, indicator_id, measured_on, value, source, note, entered_by, created_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8)",
            params![tenant.id, indicator_id, day.as_str(), m.value, source, m.note.as_str(), actor.user_id, now],
        )
        .await?;
        Ok(old)
    }

    /// Staff enter one measurement; a value for the same day is replaced
    /// (the audit entry keeps the old value). Returns the replaced value.
    pub async fn add_measurement(
        &self,
        tenant: &Tenant,
        actor: &Actor,
        goal_slug: &str,
        indicator_id: i64,
        draft: &MeasurementDraft,
    ) -> Result<Option<f64>> {
        let goal = self.goal_record(tenant, goal_slug).await?;
        decide(actor, Action::ManageGoals, &goal.target())?;
        let indicator = self.goal_indicator(tenant, &goal, indicator_id).await?;
        let m = draft.validate(self.clock.today())?;
        let now = self.now();
        let mut tx = self.db.begin().await?;
        let old =
            Self::put_measurement(&mut tx, tenant, actor, indicator.id, &m, "manual", now).await?;
        append(
            &mut tx,
            tenant,
            now,
            audit_event(
                tenant,
                actor,
                "goal.measurement_entered",
                format!("indicator:{}", indicator.id),
                serde_json::json!({
                    "date": m.date.to_string(),
                    "value": m.value,
                    "replaced": old,
                    "note": m.note,
                }),
            ),
        )
        .await?;
        tx.commit().await?;
        Ok(old)
    }

    /// Deletes one measurement of a goal's indicator. Deleting is
    /// idempotent: a measurement that is already gone gives `false`.
    pub async fn delete_measurement(
        &self,
        tenant: &Tenant,
        actor: &Actor,
        goal_slug: &str,
        measurement_id: i64,
    ) -> Result<bool> {
        let goal = self.goal_record(tenant, goal_slug).await?;
        decide(actor, Action::ManageGoals, &goal.target())?;
        let Some(r) = self
            .db
            .opt(
                &format!("SELECT {MEASUREMENT_COLS} FROM measurements m JOIN indicators i ON i.id = m.indicator_id WHERE m.municipality_id = $1 AND i.goal_id = $2 AND m.id = $3"),
                params![tenant.id, goal.id, measurement_id],
            )
            .await?
        else {
            return Ok(false);
        };
        let m = measurement_from(&r)?;
        let now = self.now();
        let mut tx = self.db.begin().await?;
        tx.exec("DELETE FROM measurements WHERE id = $1", params![m.id])
            .await?;
        append(
            &mut tx,
            tenant,
            now,
            audit_event(
                tenant,
                actor,
                "goal.measurement_deleted",
                format!("indicator:{}", m.indicator_id),
                serde_json::json!({ "date": m.date, "value": m.value, "source": m.source }),
            ),
        )
        .await?;
        tx.commit().await?;
        Ok(true)
    }

    /// Imports measurements of a goal's indicators from CSV (the crate's
    /// format, indicator keys of this goal). All or nothing: with any bad
    /// line, every problem is returned and nothing is written. Values for
    /// days that already have one replace them.
    pub async fn import_goal_measurements(
        &self,
        tenant: &Tenant,
        actor: &Actor,
        goal_slug: &str,
        csv: &str,
    ) -> Result<Result<ImportReport, CsvErrors>> {
        let goal = self.goal(tenant, goal_slug).await?;
        decide(actor, Action::ManageGoals, &goal.goal.target())?;
        let keys: Vec<&str> = goal
            .indicators
            .iter()
            .map(|i| i.indicator.key.as_str())
            .collect();
        let rows = match import_measurements_csv_until(csv, Some(&keys), self.clock.today()) {
            Ok(rows) => rows,
            Err(e) => return Ok(Err(e)),
        };
        let now = self.now();
        let mut report = ImportReport {
            added: 0,
            replaced: 0,
        };
        let mut tx = self.db.begin().await?;
        for r in &rows {
            let id = goal
                .indicators
                .iter()
                .find(|i| i.indicator.key == r.indicator)
                .map(|i| i.indicator.id)
                .ok_or(StoreError::NotFound)?;
            match Self::put_measurement(&mut tx, tenant, actor, id, &r.measurement, "csv", now)
                .await?
            {
                Some(_) => report.replaced += 1,
                None => report.added += 1,
            }
        }
        append(
            &mut tx,
            tenant,
            now,
            audit_event(
                tenant,
                actor,
                "goal.measurements_imported",
                format!("goal:{}", goal.goal.id),
                serde_json::json!({
                    "added": report.added,
                    "replaced": report.replaced,
                    "sha256": crate::token_hash(csv),
                }),
            ),
        )
        .await?;
        tx.commit().await?;
        Ok(Ok(report))
    }

    /// All measurements of a goal as CSV (`indicator,date,value,note`).
    pub async fn export_goal_measurements(
        &self,
        tenant: &Tenant,
        goal_slug: &str,
    ) -> Result<String> {
        let goal = self.goal(tenant, goal_slug).await?;
        let rows: Vec<MeasurementRow> = goal
            .indicators
            .iter()
            .flat_map(|i| {
                i.model().measurements.into_iter().map(|m| MeasurementRow {
                    indicator: i.indicator.key.clone(),
                    measurement: m,
                })
            })
            .collect();
        Ok(export_measurements_csv(&rows))
    }

    /// The value of a computation on the platform's data as of `now`, for
    /// one process or all; `None` when there is nothing to compute a
    /// share of.
    pub async fn computed_value(
        &self,
        tenant: &Tenant,
        computation: Computation,
        process_id: Option<i64>,
        now: i64,
    ) -> Result<Option<f64>> {
        let p = process_id.unwrap_or(0);
        match computation {
            Computation::Contributions => {
                let r = self
                    .db
                    .one(
                        "SELECT (SELECT COUNT(*) FROM proposals p WHERE p.municipality_id = $1 AND p.hidden_at IS NULL AND ($2 = 0 OR p.process_id = $2) AND p.created_at <= $3) AS proposals, (SELECT COUNT(*) FROM comments c JOIN proposals p ON p.id = c.proposal_id WHERE c.municipality_id = $1 AND c.hidden_at IS NULL AND p.hidden_at IS NULL AND ($2 = 0 OR p.process_id = $2) AND c.created_at <= $3) AS comments, (SELECT COUNT(*) FROM supports s WHERE s.municipality_id = $1 AND ($2 = 0 OR s.process_id = $2) AND s.created_at <= $3) AS supports",
                        params![tenant.id, p, now],
                    )
                    .await?;
                Ok(Some(
                    (r.i64("proposals")? + r.i64("comments")? + r.i64("supports")?) as f64,
                ))
            }
            Computation::AnswersWithinDeadline => {
                // Overdue after `deadline` whole days (as on the proposal
                // pages), so in time means answered before day deadline + 1.
                let window = (tenant.answer_deadline_days + 1) * DAY_MS;
                let r = self
                    .db
                    .one(
                        "SELECT COUNT(*) AS due, COALESCE(SUM(CASE WHEN answered_at IS NOT NULL AND answered_at <= $3 AND answered_at - created_at < $4 THEN 1 ELSE 0 END), 0) AS in_time FROM proposals WHERE municipality_id = $1 AND hidden_at IS NULL AND ($2 = 0 OR process_id = $2) AND created_at <= $3 AND ((answered_at IS NOT NULL AND answered_at <= $3) OR (status IN ('submitted', 'in_review') AND $3 - created_at >= $4))",
                        params![tenant.id, p, now, window],
                    )
                    .await?;
                let due = r.i64("due")?;
                if due == 0 {
                    return Ok(None);
                }
                let share = r.i64("in_time")? as f64 * 100.0 / due as f64;
                Ok(Some((share * 10.0).round() / 10.0))
            }
            Computation::VerifiedParticipants => {
                let r = if process_id.is_none() {
                    self.db
                        .one(
                            "SELECT COUNT(*) AS n FROM users WHERE municipality_id = $1 AND verified_at IS NOT NULL AND verified_at <= $2",
                            params![tenant.id, now],
                        )
                        .await?
                } else {
                    self.db
                        .one(
                            "SELECT COUNT(*) AS n FROM users u WHERE u.municipality_id = $1 AND u.verified_at IS NOT NULL AND u.verified_at <= $3 AND (EXISTS (SELECT 1 FROM proposals p WHERE p.author_id = u.id AND p.process_id = $2 AND p.hidden_at IS NULL) OR EXISTS (SELECT 1 FROM supports s WHERE s.user_id = u.id AND s.process_id = $2) OR EXISTS (SELECT 1 FROM comments c JOIN proposals p ON p.id = c.proposal_id WHERE c.author_id = u.id AND p.process_id = $2 AND c.hidden_at IS NULL))",
                            params![tenant.id, p, now],
                        )
                        .await?
                };
                Ok(Some(r.i64("n")? as f64))
            }
        }
    }

    /// Stores today's value of a computed indicator as this month's
    /// measurement (an earlier computed value of the same month is
    /// replaced). Returns the value, `None` when nothing could be computed.
    async fn record_computed(
        &self,
        tenant: &Tenant,
        actor: &Actor,
        indicator: &StoredIndicator,
    ) -> Result<Option<f64>> {
        let Some(c) = Computation::parse(&indicator.computation) else {
            return Err(StoreError::Conflict("error-indicator-not-computed"));
        };
        let now = self.now();
        let Some(value) = self
            .computed_value(tenant, c, indicator.computation_process_id, now)
            .await?
        else {
            return Ok(None);
        };
        let today = self.clock.today();
        let month = format!("{:04}-{:02}-", today.year(), u8::from(today.month()));
        let mut tx = self.db.begin().await?;
        let removed = tx
            .all(
                "SELECT measured_on, value FROM measurements WHERE indicator_id = $1 AND source = 'computed' AND measured_on LIKE $2 AND measured_on <> $3",
                params![indicator.id, format!("{month}%"), today.to_string()],
            )
            .await?;
        tx.exec(
            "DELETE FROM measurements WHERE indicator_id = $1 AND source = 'computed' AND measured_on LIKE $2 AND measured_on <> $3",
            params![indicator.id, format!("{month}%"), today.to_string()],
        )
        .await?;
        let m = Measurement {
            date: today,
            value,
            note: String::new(),
        };
        let old = Self::put_measurement(&mut tx, tenant, actor, indicator.id, &m, "computed", now)
            .await?;
        let replaced: Vec<serde_json::Value> = removed
            .iter()
            .filter_map(|r| {
                Some(serde_json::json!([
                    r.str("measured_on").ok()?,
                    r.f64("value").ok()?
                ]))
            })
            .collect();
        append(
            &mut tx,
            tenant,
            now,
            audit_event(
                tenant,
                actor,
                "goal.measurement_computed",
                format!("indicator:{}", indicator.id),
                serde_json::json!({
                    "computation": c.as_str(),
                    "process": indicator.computation_process_id,
                    "date": today.to_string(),
                    "value": value,
                    "replaced": old,
                    "earlier_this_month": replaced,
                }),
            ),
        )
        .await?;
        tx.commit().await?;
        Ok(Some(value))
    }

    /// Staff's "update now" of a computed indicator.
    pub async fn compute_indicator(
        &self,
        tenant: &Tenant,
        actor: &Actor,
        goal_slug: &str,
        indicator_id: i64,
    ) -> Result<Option<f64>> {
        let goal = self.goal_record(tenant, goal_slug).await?;
        decide(actor, Action::ManageGoals, &goal.target())?;
        let indicator = self.goal_indicator(tenant, &goal, indicator_id).await?;
        self.record_computed(tenant, actor, &indicator).await
    }

    /// The periodic job: every computed indicator of every municipality
    /// without a computed value today gets one. Returns how many were
    /// stored.
    pub async fn run_computed_indicators(&self) -> Result<usize> {
        let today = self.clock.today().to_string();
        let system = Actor::administrator();
        let mut stored = 0;
        for tenant in self.tenants().all().await? {
            let rows = self
                .db
                .all(
                    &format!("SELECT {INDICATOR_COLS} FROM indicators i WHERE i.municipality_id = $1 AND i.computation <> '' AND NOT EXISTS (SELECT 1 FROM measurements m WHERE m.indicator_id = i.id AND m.source = 'computed' AND m.measured_on = $2) ORDER BY i.id"),
                    params![tenant.id, today.as_str()],
                )
                .await?;
            for r in &rows {
                let indicator = indicator_from(r)?;
                if self
                    .record_computed(&tenant, &system, &indicator)
                    .await?
                    .is_some()
                {
                    stored += 1;
                }
            }
        }
        Ok(stored)
    }
}
