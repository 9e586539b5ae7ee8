//! Publication and the public result: staff count a budget after voting
//! closed (the result is frozen, the selected proposals are accepted); the
//! result is then public with the turnout by budget and channel.

use super::{ballot_count, json_err, tally, Budget, Budgets, TallyResult, Which};
use crate::processes::Process;
use crate::{params, Result, StoreError, Tenant};
use serde::Serialize;
use teilhabe_domain::permission::{decide, Action, Target};
use teilhabe_domain::process::Form;
use teilhabe_domain::{Actor, FieldErrors};

#[derive(Debug, Clone, Serialize)]
pub struct Turnout {
    pub budget: String,
    pub district: String,
    pub channel: String,
    pub ballots: i64,
}

#[derive(Debug, Clone, Serialize)]
pub struct BudgetResults {
    pub budget: Budget,
    pub process: Process,
    pub result: TallyResult,
    pub turnout: Vec<Turnout>,
}

#[derive(serde::Deserialize)]
struct ResultRow {
    result: Option<String>,
}

#[derive(serde::Deserialize)]
struct TurnoutRow {
    name: String,
    district: String,
    channel: String,
    n: i64,
}

impl Budgets<'_> {
    /// Staff count a budget after voting closed: the rule runs on the
    /// ballots, the result is frozen and public, and the selected projects'
    /// proposals are accepted with `answer` and continue in the
    /// implementation tracking.
    pub async fn publish(
        &self,
        tenant: &Tenant,
        actor: &Actor,
        budget_id: i64,
        answer: &str,
    ) -> Result<TallyResult> {
        let (b, process) = self.budget_and_process(tenant, actor, budget_id).await?;
        let facts = process.facts();
        decide(actor, Action::ManageBudget, &Target::Process(&facts))?;
        if facts.form_open(Form::BudgetVoting) {
            return Err(StoreError::Conflict("error-budget-voting-open"));
        }
        if b.published_at.is_some() {
            return Err(StoreError::Conflict("error-budget-published"));
        }
        let mut e = FieldErrors::new();
        e.text("answer", answer, 5, 2000);
        e.into_result()?;
        let projects = self.projects_of(budget_id, Which::Feasible).await?;
        let (ballots, hashes) = self.anonymous_ballots(budget_id).await?;
        if ballots.is_empty() {
            return Err(StoreError::Conflict("error-budget-no-ballots"));
        }
        let result = tally(&b, &projects, &ballots, hashes)?;
        let mut w = self.store.write(tenant).await?;
        let now = w.now;
        // Nothing may have changed since the ballots were read.
        if ballot_count(&mut w, budget_id).await? != ballots.len() as i64 {
            return Err(StoreError::Conflict("error-budget-changed"));
        }
        let n = w
            .exec(
                "UPDATE budgets SET result = $1, published_at = $2, updated_at = $2 WHERE id = $3 AND published_at IS NULL",
                params![serde_json::to_string(&result).map_err(json_err)?, now, budget_id],
            )
            .await?;
        if n == 0 {
            return Err(StoreError::Conflict("error-budget-published"));
        }
        // Winners continue in the implementation tracking: accepted with
        // the public answer; their followers hear of it.
        for p in result.projects.iter().filter(|p| p.selected) {
            let n = w
                .exec(
                    "UPDATE proposals SET status = 'accepted', answer = $1, answered_at = $2, updated_at = $2 WHERE id = $3 AND status IN ('submitted', 'in_review')",
                    params![answer.trim(), now, p.proposal_id],
                )
                .await?;
            if n > 0 {
                crate::proposals::notify_followers(
                    &mut w,
                    actor.user_id,
                    "status_changed",
                    p.proposal_id,
                    process.id,
                    &p.title,
                )
                .await?;
            }
        }
        w.audit(
            actor,
            "budget.published",
            format!("budget:{budget_id}"),
            serde_json::json!({"rule": b.rule.as_str(), "voters": result.voters, "selected": result.selected, "total_cost": result.total_cost, "receipts": result.receipt_hashes.len()}),
        );
        w.commit().await?;
        Ok(result)
    }

    /// The published result of a budget with turnout by budget and channel.
    pub async fn results(
        &self,
        tenant: &Tenant,
        actor: &Actor,
        budget_id: i64,
    ) -> Result<BudgetResults> {
        let (budget, process) = self.budget_and_process(tenant, actor, budget_id).await?;
        let r: ResultRow = self
            .store
            .db
            .one_as(
                "SELECT result FROM budgets WHERE id = $1",
                params![budget_id],
            )
            .await?;
        let result: TallyResult = match r.result {
            Some(s) => serde_json::from_str(&s).map_err(json_err)?,
            None => return Err(StoreError::Conflict("error-budget-no-results")),
        };
        let rows: Vec<TurnoutRow> = self
            .store
            .db
            .all_as(
                "SELECT b.name, b.district, bb.channel, COUNT(*) AS n FROM budgets b JOIN budget_ballots bb ON bb.budget_id = b.id WHERE b.process_id = $1 GROUP BY b.id, b.name, b.district, bb.channel ORDER BY b.district, b.name, bb.channel",
                params![process.id],
            )
            .await?;
        let turnout = rows
            .into_iter()
            .map(|r| Turnout {
                budget: r.name,
                district: r.district,
                channel: r.channel,
                ballots: r.n,
            })
            .collect();
        Ok(BudgetResults {
            budget,
            process,
            result,
            turnout,
        })
    }
}
