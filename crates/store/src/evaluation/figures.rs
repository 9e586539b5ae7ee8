//! The participation figures of a process and its linked impact goals as
//! of now: what an evaluation freezes at publication.

use super::{EvaluationGoal, EvaluationIndicator, EvaluationSnapshot, Evaluations};
use crate::processes::Process;
use crate::{module, params, Result, Tenant};
use serde::Deserialize;
use std::collections::{BTreeSet, HashMap};
use std::str::FromStr;
use teilhabe_domain::evaluation::{compute, Facts, Figures, Person, ProposalFact};
use teilhabe_domain::proposal::ProposalStatus;

/// A proposal with its answer facts.
#[derive(Deserialize)]
struct ProposalRow {
    id: i64,
    status: String,
    created_at: i64,
    answered_at: Option<i64>,
}

#[derive(Deserialize)]
struct IdRow {
    id: i64,
}

/// An answer in the audit trail.
#[derive(Deserialize)]
struct AnswerEvent {
    target: String,
    at_ms: i64,
    details: String,
}

impl Evaluations<'_> {
    /// The participation figures of a process as of now (see
    /// `teilhabe_domain::evaluation` for what is counted how).
    pub async fn figures(&self, tenant: &Tenant, process_id: i64) -> Result<Figures> {
        let db = &self.store.db;
        let (t, p) = (tenant.id, process_id);
        // What each module contributes, in module order.
        let contributions = module::contributions(self.store, tenant, process_id).await?;
        // The proposals' answer facts: the evaluation's own rule.
        let proposal_rows: Vec<ProposalRow> = db
            .all_as(
                "SELECT id, status, created_at, answered_at FROM proposals WHERE process_id = $1 AND municipality_id = $2 AND hidden_at IS NULL",
                params![p, t],
            )
            .await?;
        let since = proposal_rows.iter().map(|r| r.created_at).min();
        let first_answers = match since {
            Some(since) => self.first_answers(tenant, since).await?,
            None => HashMap::new(),
        };
        let proposals: Vec<ProposalFact> = proposal_rows
            .iter()
            .map(|r| ProposalFact {
                status: ProposalStatus::from_str(&r.status).unwrap_or(ProposalStatus::Submitted),
                created_at: r.created_at,
                first_answer_at: first_answers.get(&r.id).copied().or(r.answered_at),
            })
            .collect();
        let accounts: Vec<i64> = contributions
            .iter()
            .filter_map(|c| match c.person {
                Person::Account(id) => Some(id),
                _ => None,
            })
            .collect::<BTreeSet<_>>()
            .into_iter()
            .collect();
        let mut verified = BTreeSet::new();
        for chunk in accounts.chunks(500) {
            let mut p: Vec<crate::P> = vec![t.into()];
            let mut marks = Vec::new();
            for id in chunk {
                p.push((*id).into());
                marks.push(format!("${}", p.len()));
            }
            let sql = format!(
                "SELECT id FROM users WHERE municipality_id = $1 AND verified_at IS NOT NULL AND id IN ({})",
                marks.join(", ")
            );
            for r in db.all_as::<IdRow>(&sql, &p).await? {
                verified.insert(r.id);
            }
        }
        Ok(compute(&Facts {
            contributions,
            proposals,
            verified_accounts: verified,
            answer_deadline_days: tenant.answer_deadline_days,
            now: self.store.now(),
        }))
    }

    /// The first public written answer of each proposal answered since
    /// `since` (Unix ms), from the audit trail (`proposals.answered_at`
    /// holds the latest one).
    async fn first_answers(&self, tenant: &Tenant, since: i64) -> Result<HashMap<i64, i64>> {
        let rows: Vec<AnswerEvent> = self
            .store
            .db
            .all_as(
                "SELECT target, at_ms, details FROM audit_log WHERE municipality_id = $1 AND action = 'proposal.answered' AND at_ms >= $2 ORDER BY seq",
                params![tenant.id, since],
            )
            .await?;
        let mut out = HashMap::new();
        for r in &rows {
            let Some(id) = r
                .target
                .strip_prefix("proposal:")
                .and_then(|s| s.parse::<i64>().ok())
            else {
                continue;
            };
            let details: serde_json::Value = serde_json::from_str(&r.details).unwrap_or_default();
            let answered = details
                .get("answer")
                .and_then(|a| a.as_str())
                .is_some_and(|a| !a.trim().is_empty());
            if answered {
                out.entry(id).or_insert(r.at_ms);
            }
        }
        Ok(out)
    }

    /// The impact goals linked to a process with their indicators' state
    /// as of now. Goals and indicators come from the impact-goal module.
    pub async fn goals(&self, tenant: &Tenant, process_id: i64) -> Result<Vec<EvaluationGoal>> {
        let goals = self.store.goals().for_process(tenant, process_id).await?;
        Ok(goals
            .into_iter()
            .map(|g| EvaluationGoal {
                title: g.goal.statement.clone(),
                slug: g.goal.slug.clone(),
                state: g.summary.overall.as_str().to_string(),
                indicators: g
                    .indicators
                    .iter()
                    .map(|i| EvaluationIndicator {
                        name: i.indicator.name.clone(),
                        unit: i.indicator.unit.clone(),
                        state: i.state.as_str().to_string(),
                        latest: i.latest.as_ref().map(|m| m.value),
                        target: i.indicator.target_value,
                    })
                    .collect(),
            })
            .collect())
    }

    /// Everything an evaluation would freeze now.
    pub async fn snapshot(&self, tenant: &Tenant, process: &Process) -> Result<EvaluationSnapshot> {
        Ok(EvaluationSnapshot {
            process_slug: process.slug.clone(),
            process_title: process.title.clone(),
            department: process.department.clone(),
            period_start: process.phases.first().map(|p| p.starts_on.clone()),
            period_end: process.phases.last().map(|p| p.ends_on.clone()),
            computed_at: self.store.now(),
            answer_deadline_days: tenant.answer_deadline_days,
            figures: self.figures(tenant, process.id).await?,
            goals: self.goals(tenant, process.id).await?,
        })
    }
}
