//! Indicators computed from the platform's own data: contributions,
//! answers within the deadline, verified participants, data requests
//! answered within their deadline. One value per
//! indicator and month, replaced during the month by the latest
//! computation; staff can update at once, a periodic job does it daily.

use super::{Goals, StoredIndicator, INDICATOR_COLS};
use crate::{params, Result, StoreError, Tenant};
use serde::Deserialize;
use teilhabe_domain::goals::input::Computation;
use teilhabe_domain::goals::Measurement;
use teilhabe_domain::permission::{decide, Action};
use teilhabe_domain::Actor;

const DAY_MS: i64 = 86_400_000;

#[derive(Deserialize)]
struct Contributions {
    proposals: i64,
    comments: i64,
    supports: i64,
}

#[derive(Deserialize)]
struct Answers {
    due: i64,
    in_time: i64,
}

#[derive(Deserialize)]
struct Count {
    n: i64,
}

/// A computed value of this month that a new one replaces.
#[derive(Deserialize)]
struct Earlier {
    measured_on: String,
    value: f64,
}

impl Goals<'_> {
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
        let db = &self.store.db;
        let p = process_id.unwrap_or(0);
        match computation {
            Computation::Contributions => {
                let r: Contributions = db
                    .one_as(
                        "SELECT (SELECT COUNT(*) FROM proposals p WHERE p.municipality_id = $1 AND p.hidden_at IS NULL AND ($2 = 0 OR p.process_id = $2) AND p.created_at <= $3) AS proposals, (SELECT COUNT(*) FROM comments c JOIN proposals p ON p.id = c.proposal_id WHERE c.municipality_id = $1 AND c.hidden_at IS NULL AND p.hidden_at IS NULL AND ($2 = 0 OR p.process_id = $2) AND c.created_at <= $3) AS comments, (SELECT COUNT(*) FROM supports s WHERE s.municipality_id = $1 AND ($2 = 0 OR s.process_id = $2) AND s.created_at <= $3) AS supports",
                        params![tenant.id, p, now],
                    )
                    .await?;
                Ok(Some((r.proposals + r.comments + r.supports) as f64))
            }
            Computation::AnswersWithinDeadline => {
                // Overdue after `deadline` whole days (as on the proposal
                // pages), so in time means answered before day deadline + 1.
                let window = (tenant.answer_deadline_days + 1) * DAY_MS;
                let r: Answers = db
                    .one_as(
                        "SELECT COUNT(*) AS due, COALESCE(SUM(CASE WHEN answered_at IS NOT NULL AND answered_at <= $3 AND answered_at - created_at < $4 THEN 1 ELSE 0 END), 0) AS in_time FROM proposals WHERE municipality_id = $1 AND hidden_at IS NULL AND ($2 = 0 OR process_id = $2) AND created_at <= $3 AND ((answered_at IS NOT NULL AND answered_at <= $3) OR (status IN ('submitted', 'in_review') AND $3 - created_at >= $4))",
                        params![tenant.id, p, now, window],
                    )
                    .await?;
                if r.due == 0 {
                    return Ok(None);
                }
                let share = r.in_time as f64 * 100.0 / r.due as f64;
                Ok(Some((share * 10.0).round() / 10.0))
            }
            Computation::DataRequestsWithinDeadline => {
                // Municipality-wide: data requests belong to no process.
                let r = self.store.catalog().requests_in_time(tenant, now).await?;
                if r.due == 0 {
                    return Ok(None);
                }
                let share = r.in_time as f64 * 100.0 / r.due as f64;
                Ok(Some((share * 10.0).round() / 10.0))
            }
            Computation::VerifiedParticipants => {
                let r: Count = if process_id.is_none() {
                    db.one_as(
                        "SELECT COUNT(*) AS n FROM users WHERE municipality_id = $1 AND verified_at IS NOT NULL AND verified_at <= $2",
                        params![tenant.id, now],
                    )
                    .await?
                } else {
                    db.one_as(
                        "SELECT COUNT(*) AS n FROM users u WHERE u.municipality_id = $1 AND u.verified_at IS NOT NULL AND u.verified_at <= $3 AND (EXISTS (SELECT 1 FROM proposals p WHERE p.author_id = u.id AND p.process_id = $2 AND p.hidden_at IS NULL) OR EXISTS (SELECT 1 FROM supports s WHERE s.user_id = u.id AND s.process_id = $2) OR EXISTS (SELECT 1 FROM comments c JOIN proposals p ON p.id = c.proposal_id WHERE c.author_id = u.id AND p.process_id = $2 AND c.hidden_at IS NULL))",
                        params![tenant.id, p, now],
                    )
                    .await?
                };
                Ok(Some(r.n as f64))
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
        // The value, its row and the audit entry share one instant.
        let mut w = self.store.write(tenant).await?;
        let Some(value) = self
            .computed_value(tenant, c, indicator.computation_process_id, w.now)
            .await?
        else {
            return Ok(None);
        };
        let today = self.store.clock.today();
        let month = format!("{:04}-{:02}-", today.year(), u8::from(today.month()));
        let removed: Vec<Earlier> = w
            .all_as(
                "SELECT measured_on, value FROM measurements WHERE indicator_id = $1 AND source = 'computed' AND measured_on LIKE $2 AND measured_on <> $3",
                params![indicator.id, format!("{month}%"), today.to_string()],
            )
            .await?;
        w.exec(
            "DELETE FROM measurements WHERE indicator_id = $1 AND source = 'computed' AND measured_on LIKE $2 AND measured_on <> $3",
            params![indicator.id, format!("{month}%"), today.to_string()],
        )
        .await?;
        let m = Measurement {
            date: today,
            value,
            note: String::new(),
        };
        let old = Self::put_measurement(&mut w, actor, indicator.id, &m, "computed").await?;
        let replaced: Vec<serde_json::Value> = removed
            .iter()
            .map(|r| serde_json::json!([r.measured_on, r.value]))
            .collect();
        w.audit(
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
        );
        w.commit().await?;
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
        let goal = self.record(tenant, goal_slug).await?;
        decide(actor, Action::ManageGoals, &goal.target())?;
        let indicator = self.indicator(tenant, &goal, indicator_id).await?;
        self.record_computed(tenant, actor, &indicator).await
    }

    /// The periodic job: every computed indicator of every municipality
    /// without a computed value today gets one. Returns how many were
    /// stored.
    pub async fn run_computed_indicators(&self) -> Result<usize> {
        let today = self.store.clock.today().to_string();
        let system = Actor::administrator();
        let mut stored = 0;
        for tenant in self.store.tenants().all().await? {
            let indicators: Vec<StoredIndicator> = self
                .store
                .db
                .all_as(
                    &format!("SELECT {INDICATOR_COLS} FROM indicators i WHERE i.municipality_id = $1 AND i.computation <> '' AND NOT EXISTS (SELECT 1 FROM measurements m WHERE m.indicator_id = i.id AND m.source = 'computed' AND m.measured_on = $2) ORDER BY i.id"),
                    params![tenant.id, today.as_str()],
                )
                .await?;
            for indicator in &indicators {
                if self
                    .record_computed(&tenant, &system, indicator)
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
