//! Budgets of a process and their projects: staff create and change
//! budgets, put proposals on the ballot and review them; everybody sees a
//! budget with its reviewed projects and their own ballot.

use super::{ballot_count, invalid, BudgetRow, Budgets, Which, BUDGET_COLS};
use crate::processes::Process;
use crate::{params, Result, StoreError, Tenant, Tx};
use serde::Serialize;
use teilhabe_domain::budget::{decode_ballot, BallotChoice, BudgetInput, BudgetSettings};
use teilhabe_domain::permission::{decide, Action, Target};
use teilhabe_domain::process::Form;
use teilhabe_domain::proposal::ProposalStatus;
use teilhabe_domain::{Actor, FieldErrors};

#[derive(Debug, Clone, Serialize)]
pub struct Budget {
    pub id: i64,
    pub process_id: i64,
    /// Name, district, amount and the voting rules; their fields read as
    /// the budget's own (`budget.amount`) and serialize flat.
    #[serde(flatten)]
    pub settings: BudgetSettings,
    pub published_at: Option<i64>,
    pub ballot_count: i64,
}

impl std::ops::Deref for Budget {
    type Target = BudgetSettings;
    fn deref(&self) -> &BudgetSettings {
        &self.settings
    }
}

impl Budget {
    pub fn settings(&self) -> BudgetSettings {
        self.settings.clone()
    }
    pub fn is_citywide(&self) -> bool {
        self.district.is_empty()
    }
}

#[derive(Debug, Clone, Serialize)]
pub struct BudgetProject {
    pub id: i64,
    pub budget_id: i64,
    pub proposal_id: i64,
    pub title: String,
    pub body: String,
    pub cost: i64,
    /// None: not reviewed yet.
    pub feasible: Option<bool>,
    pub review_reason: String,
    pub proposal_status: ProposalStatus,
}

/// A budget with its process and projects (all for staff; reviewed ones,
/// feasible or not, for everybody else).
#[derive(Debug, Clone, Serialize)]
pub struct BudgetDetail {
    pub budget: Budget,
    pub process: Process,
    pub projects: Vec<BudgetProject>,
    /// The viewer's current ballot, if any.
    pub my_ballot: Option<Vec<BallotChoice>>,
    /// A budget of another district of the process the viewer voted in.
    pub other_district: Option<String>,
    /// The viewer manages the budget (staff of the process); decided here,
    /// pages only read it.
    pub can_manage: bool,
    /// The viewer may cast a ballot in the process now; if not,
    /// `vote_denied` says why (an i18n key).
    pub can_vote: bool,
    pub vote_denied: Option<&'static str>,
}

/// The viewer's ballots in a process, with the district of each budget.
#[derive(serde::Deserialize)]
struct MyBallotRow {
    budget_id: i64,
    choices: String,
    district: String,
}

#[derive(serde::Deserialize)]
struct BudgetIdRow {
    budget_id: i64,
}

impl Budgets<'_> {
    /// The budgets of a process, each with its number of ballots.
    pub async fn of_process(
        &self,
        tenant: &Tenant,
        actor: &Actor,
        slug: &str,
    ) -> Result<(Process, Vec<Budget>)> {
        let process = self.store.processes().get(tenant, actor, slug).await?;
        let rows: Vec<BudgetRow> = self
            .store
            .db
            .all_as(
                &format!("SELECT {BUDGET_COLS} FROM budgets b WHERE b.process_id = $1 AND b.municipality_id = $2 ORDER BY b.district <> '', b.district, b.id"),
                params![process.id, tenant.id],
            )
            .await?;
        let list = rows.into_iter().map(Into::into).collect();
        Ok((process, list))
    }

    /// The budgets of a process for its pages, with whether the actor
    /// manages them (decided here, pages only read it); with `need`,
    /// refused unless the actor may do that action on the process.
    pub async fn of_process_page(
        &self,
        tenant: &Tenant,
        actor: &Actor,
        slug: &str,
        need: Option<Action>,
    ) -> Result<(Process, Vec<Budget>, bool)> {
        let (process, budgets) = self.of_process(tenant, actor, slug).await?;
        let facts = process.facts();
        if let Some(action) = need {
            decide(actor, action, &Target::Process(&facts))?;
        }
        let can_manage = decide(actor, Action::ManageBudget, &Target::Process(&facts)).is_ok();
        Ok((process, budgets, can_manage))
    }

    /// Staff create a budget of their process.
    pub async fn create(
        &self,
        tenant: &Tenant,
        actor: &Actor,
        slug: &str,
        input: &BudgetInput,
    ) -> Result<Budget> {
        let process = self.store.processes().get(tenant, actor, slug).await?;
        decide(
            actor,
            Action::ManageBudget,
            &Target::Process(&process.facts()),
        )?;
        let s = input.validate()?;
        let mut w = self.store.write(tenant).await?;
        let now = w.now;
        let id = w
            .insert(
                "INSERT INTO budgets (municipality_id, process_id, name, district, amount, ballot_kind, ballot_limit, rule, min_age, created_at, updated_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $10) RETURNING id",
                params![tenant.id, process.id, s.name.as_str(), s.district.as_str(), s.amount, s.ballot_kind.as_str(), s.ballot_limit, s.rule.as_str(), s.min_age, now],
            )
            .await?;
        w.audit(
            actor,
            "budget.created",
            format!("budget:{id}"),
            serde_json::json!({"process": process.id, "name": s.name, "district": s.district, "amount": s.amount, "ballot_kind": s.ballot_kind.as_str(), "ballot_limit": s.ballot_limit, "rule": s.rule.as_str(), "min_age": s.min_age}),
        );
        w.commit().await?;
        self.budget_row(tenant, id).await
    }

    /// Staff change a budget. Amount, ballot type, limit, rule and minimum
    /// age are fixed once voting is open or the first ballot exists.
    pub async fn update(
        &self,
        tenant: &Tenant,
        actor: &Actor,
        id: i64,
        input: &BudgetInput,
    ) -> Result<Budget> {
        let (b, process) = self.budget_and_process(tenant, actor, id).await?;
        let facts = process.facts();
        decide(actor, Action::ManageBudget, &Target::Process(&facts))?;
        let s = input.validate()?;
        let old = b.settings();
        let rules_change = (s.amount, s.ballot_kind, s.ballot_limit, s.rule, s.min_age)
            != (
                old.amount,
                old.ballot_kind,
                old.ballot_limit,
                old.rule,
                old.min_age,
            );
        let mut w = self.store.write(tenant).await?;
        let now = w.now;
        if rules_change {
            check_unlocked(&mut w, id, &b, &process).await?;
        }
        w.exec(
            "UPDATE budgets SET name = $1, district = $2, amount = $3, ballot_kind = $4, ballot_limit = $5, rule = $6, min_age = $7, updated_at = $8 WHERE id = $9",
            params![s.name.as_str(), s.district.as_str(), s.amount, s.ballot_kind.as_str(), s.ballot_limit, s.rule.as_str(), s.min_age, now, id],
        )
        .await?;
        w.audit(
            actor,
            "budget.updated",
            format!("budget:{id}"),
            serde_json::json!({"name": s.name, "district": s.district, "amount": s.amount, "ballot_kind": s.ballot_kind.as_str(), "ballot_limit": s.ballot_limit, "rule": [old.rule.as_str(), s.rule.as_str()], "min_age": s.min_age}),
        );
        w.commit().await?;
        self.budget_row(tenant, id).await
    }

    /// A budget with its projects (all for staff, feasible ones for
    /// everybody else) and the viewer's ballot.
    /// A budget's detail for a form of `action` (casting a ballot,
    /// recording a paper ballot): refused unless the actor may do it.
    pub async fn detail_for(
        &self,
        tenant: &Tenant,
        actor: &Actor,
        id: i64,
        action: Action,
    ) -> Result<BudgetDetail> {
        let d = self.detail(tenant, actor, id).await?;
        decide(actor, action, &Target::Process(&d.process.facts()))?;
        Ok(d)
    }

    pub async fn detail(&self, tenant: &Tenant, actor: &Actor, id: i64) -> Result<BudgetDetail> {
        let (budget, process) = self.budget_and_process(tenant, actor, id).await?;
        let facts = process.facts();
        let staff = decide(actor, Action::ManageBudget, &Target::Process(&facts)).is_ok();
        let vote = decide(actor, Action::CastBallot, &Target::Process(&facts));
        let projects = self
            .projects_of(id, if staff { Which::All } else { Which::Reviewed })
            .await?;
        let (my_ballot, other_district) = match actor.user_id {
            Some(u) => {
                let rows: Vec<MyBallotRow> = self
                    .store
                    .db
                    .all_as(
                        "SELECT bb.budget_id, bb.choices, b.district FROM budget_ballots bb JOIN budgets b ON b.id = bb.budget_id WHERE bb.process_id = $1 AND bb.voter_key = $2",
                        params![process.id, self.voter_key(u)],
                    )
                    .await?;
                let mine = rows
                    .iter()
                    .find(|r| r.budget_id == id)
                    .map(|r| decode_ballot(&r.choices));
                let other = if budget.is_citywide() {
                    None
                } else {
                    rows.into_iter()
                        .map(|r| r.district)
                        .find(|d| !d.is_empty() && *d != budget.district)
                };
                (mine, other)
            }
            None => (None, None),
        };
        Ok(BudgetDetail {
            budget,
            process,
            projects,
            my_ballot,
            other_district,
            can_manage: staff,
            can_vote: vote.is_ok(),
            vote_denied: vote.err().map(|e| e.message_key()),
        })
    }

    /// Staff put a proposal of the process on a budget's ballot with a
    /// first cost estimate; it still needs the review. Not while voting is
    /// open or once ballots exist.
    pub async fn add_project(
        &self,
        tenant: &Tenant,
        actor: &Actor,
        budget_id: i64,
        proposal_id: i64,
        cost: i64,
    ) -> Result<i64> {
        let (b, process) = self.managed(tenant, actor, budget_id).await?;
        if !(1..=teilhabe_domain::budget::MAX_AMOUNT).contains(&cost) {
            return Err(invalid("cost", "error-number"));
        }
        let mut w = self.store.write(tenant).await?;
        let now = w.now;
        check_unlocked(&mut w, budget_id, &b, &process).await?;
        let found = w
            .opt(
                "SELECT id FROM proposals WHERE id = $1 AND process_id = $2 AND hidden_at IS NULL",
                params![proposal_id, process.id],
            )
            .await?;
        if found.is_none() {
            return Err(invalid(
                "proposal_id",
                "error-budget-proposal-not-in-process",
            ));
        }
        let id = w
            .insert(
                "INSERT INTO budget_projects (municipality_id, budget_id, proposal_id, cost, created_at) VALUES ($1, $2, $3, $4, $5) RETURNING id",
                params![tenant.id, budget_id, proposal_id, cost, now],
            )
            .await
            .map_err(|e| {
                if e.is_unique_violation() {
                    StoreError::Conflict("error-budget-project-exists")
                } else {
                    e.into()
                }
            })?;
        w.audit(
            actor,
            "budget.project_added",
            format!("budget:{budget_id}"),
            serde_json::json!({"project": id, "proposal": proposal_id, "cost": cost}),
        );
        w.commit().await?;
        Ok(id)
    }

    /// Staff review a project: feasible or not, with a public reason and
    /// the cost estimate. Not while voting is open or once ballots exist.
    pub async fn review_project(
        &self,
        tenant: &Tenant,
        actor: &Actor,
        project_id: i64,
        feasible: bool,
        reason: &str,
        cost: i64,
    ) -> Result<BudgetProject> {
        let budget_id = self
            .store
            .db
            .opt_as::<BudgetIdRow>(
                "SELECT budget_id FROM budget_projects WHERE id = $1 AND municipality_id = $2",
                params![project_id, tenant.id],
            )
            .await?
            .ok_or(StoreError::NotFound)?
            .budget_id;
        let (b, process) = self.managed(tenant, actor, budget_id).await?;
        let mut e = FieldErrors::new();
        e.text("review_reason", reason, 5, 2000);
        if !(1..=teilhabe_domain::budget::MAX_AMOUNT).contains(&cost) {
            e.add("cost", "error-number");
        } else if feasible && cost > b.amount {
            e.add_with(
                "cost",
                "error-budget-cost-over",
                vec![("max_eur", b.amount.to_string())],
            );
        }
        e.into_result()?;
        let mut w = self.store.write(tenant).await?;
        let now = w.now;
        check_unlocked(&mut w, budget_id, &b, &process).await?;
        w.exec(
            "UPDATE budget_projects SET feasible = $1, review_reason = $2, cost = $3, reviewed_at = $4 WHERE id = $5",
            params![feasible as i64, reason.trim(), cost, now, project_id],
        )
        .await?;
        w.audit(
            actor,
            "budget.project_reviewed",
            format!("budget:{budget_id}"),
            serde_json::json!({"project": project_id, "feasible": feasible, "reason": reason.trim(), "cost": cost}),
        );
        w.commit().await?;
        self.projects_of(budget_id, Which::All)
            .await?
            .into_iter()
            .find(|p| p.id == project_id)
            .ok_or(StoreError::NotFound)
    }
}

/// What is voted on may still change: the budget has no ballots, is not
/// published, and voting is not open (the ballot does not change under
/// the voters' feet).
async fn check_unlocked(tx: &mut Tx, budget_id: i64, b: &Budget, process: &Process) -> Result<()> {
    if ballot_count(tx, budget_id).await? > 0 || b.published_at.is_some() {
        return Err(StoreError::Conflict("error-budget-locked"));
    }
    if process.facts().form_open(Form::BudgetVoting) {
        return Err(StoreError::Conflict("error-budget-voting-open"));
    }
    Ok(())
}
