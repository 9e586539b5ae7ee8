//! Measurements: entered by staff, deleted, imported from and exported to
//! CSV. One value per indicator and day; a later value replaces it.

use super::{Goals, ImportReport, StoredMeasurement, MEASUREMENT_COLS};
use crate::{params, Result, StoreError, Tenant, Write};
use serde::Deserialize;
use teilhabe_domain::goals::csv::{
    export_measurements_csv, import_measurements_csv_until, CsvErrors, MeasurementRow,
};
use teilhabe_domain::goals::input::MeasurementDraft;
use teilhabe_domain::goals::Measurement;
use teilhabe_domain::permission::{decide, Action};
use teilhabe_domain::Actor;

impl Goals<'_> {
    /// Writes one value for an indicator and day, replacing an earlier
    /// value of that day; returns the replaced value.
    pub(super) async fn put_measurement(
        w: &mut Write<'_>,
        actor: &Actor,
        indicator_id: i64,
        m: &Measurement,
        source: &str,
    ) -> Result<Option<f64>> {
        #[derive(Deserialize)]
        struct Old {
            value: f64,
        }
        let day = m.date.to_string();
        let old = w
            .opt_as::<Old>(
                "SELECT value FROM measurements WHERE indicator_id = $1 AND measured_on = $2",
                params![indicator_id, day.as_str()],
            )
            .await?
            .map(|r| r.value);
        w.exec(
            "DELETE FROM measurements WHERE indicator_id = $1 AND measured_on = $2",
            params![indicator_id, day.as_str()],
        )
        .await?;
        let (tenant, now) = (w.tenant(), w.now);
        w.exec(
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
        let goal = self.record(tenant, goal_slug).await?;
        decide(actor, Action::ManageGoals, &goal.target())?;
        let indicator = self.indicator(tenant, &goal, indicator_id).await?;
        let m = draft.validate(self.store.clock.today())?;
        let mut w = self.store.write(tenant).await?;
        let old = Self::put_measurement(&mut w, actor, indicator.id, &m, "manual").await?;
        w.audit(
            actor,
            "goal.measurement_entered",
            format!("indicator:{}", indicator.id),
            serde_json::json!({
                "date": m.date.to_string(),
                "value": m.value,
                "replaced": old,
                "note": m.note,
            }),
        );
        w.commit().await?;
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
        let goal = self.record(tenant, goal_slug).await?;
        decide(actor, Action::ManageGoals, &goal.target())?;
        let Some(m) = self
            .store
            .db
            .opt_as::<StoredMeasurement>(
                &format!("SELECT {MEASUREMENT_COLS} FROM measurements m JOIN indicators i ON i.id = m.indicator_id WHERE m.municipality_id = $1 AND i.goal_id = $2 AND m.id = $3"),
                params![tenant.id, goal.id, measurement_id],
            )
            .await?
        else {
            return Ok(false);
        };
        let mut w = self.store.write(tenant).await?;
        w.exec("DELETE FROM measurements WHERE id = $1", params![m.id])
            .await?;
        w.audit(
            actor,
            "goal.measurement_deleted",
            format!("indicator:{}", m.indicator_id),
            serde_json::json!({ "date": m.date, "value": m.value, "source": m.source }),
        );
        w.commit().await?;
        Ok(true)
    }

    /// Imports measurements of a goal's indicators from CSV (the crate's
    /// format, indicator keys of this goal). All or nothing: with any bad
    /// line, every problem is returned and nothing is written. Values for
    /// days that already have one replace them.
    pub async fn import_measurements(
        &self,
        tenant: &Tenant,
        actor: &Actor,
        goal_slug: &str,
        csv: &str,
    ) -> Result<Result<ImportReport, CsvErrors>> {
        let goal = self.get(tenant, goal_slug).await?;
        decide(actor, Action::ManageGoals, &goal.goal.target())?;
        let keys: Vec<&str> = goal
            .indicators
            .iter()
            .map(|i| i.indicator.key.as_str())
            .collect();
        let rows = match import_measurements_csv_until(csv, Some(&keys), self.store.clock.today()) {
            Ok(rows) => rows,
            Err(e) => return Ok(Err(e)),
        };
        let mut report = ImportReport {
            added: 0,
            replaced: 0,
        };
        let mut w = self.store.write(tenant).await?;
        for r in &rows {
            let id = goal
                .indicators
                .iter()
                .find(|i| i.indicator.key == r.indicator)
                .map(|i| i.indicator.id)
                .ok_or(StoreError::NotFound)?;
            match Self::put_measurement(&mut w, actor, id, &r.measurement, "csv").await? {
                Some(_) => report.replaced += 1,
                None => report.added += 1,
            }
        }
        w.audit(
            actor,
            "goal.measurements_imported",
            format!("goal:{}", goal.goal.id),
            serde_json::json!({
                "added": report.added,
                "replaced": report.replaced,
                "sha256": crate::token_hash(csv),
            }),
        );
        w.commit().await?;
        Ok(Ok(report))
    }

    /// All measurements of a goal as CSV (`indicator,date,value,note`).
    pub async fn export_measurements(&self, tenant: &Tenant, goal_slug: &str) -> Result<String> {
        let goal = self.get(tenant, goal_slug).await?;
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
}
