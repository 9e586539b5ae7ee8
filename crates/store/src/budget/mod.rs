//! Participatory budgeting services (issue 5): budgets of a process,
//! projects (proposals reviewed and costed by staff), ballots with receipt
//! codes, paper ballots with double entry, the tally with the pure crate
//! `teilhabe-budget`, and the exports (.pb, CSV, JSON).
//!
//! Secrecy: a ballot row holds a keyed hash of who voted (to allow one
//! ballot per person and replacing it; `secrecy`), which the database
//! alone cannot link to an account; the audit log records only that a
//! ballot was cast, by nobody named, never its content; exports and
//! results carry no voter identity.
//!
//! The use cases are methods of `Budgets` (`store.budgets()`), one file
//! per group: `manage` (budgets and their projects), `ballots` (online
//! voting), `paper` (paper ballots), `tally` (the rule, pure),
//! `results` (publication and the public result), `export` (anonymized
//! ballots and the Pabulib election), `contributions` (what a process's
//! evaluation counts) and the demo data.

mod ballots;
mod contributions;
pub(crate) mod demo;
mod export;
mod manage;
mod paper;
mod results;
mod secrecy;
mod tally;

pub use ballots::Receipt;
pub use export::AnonymousBallot;
pub use manage::{Budget, BudgetDetail, BudgetProject};
pub use paper::{PaperOutcome, PaperSheet};
pub use results::{BudgetResults, Turnout};
pub use secrecy::OwnBallot;
pub use tally::{
    election_of, tally, GreedyExplanation, MesExplanation, ResultProject, TallyResult,
};

use crate::processes::Process;
use crate::{params, Result, StoreError, Tenant, Tx};
use teilhabe_domain::budget::{AllocationRule, BallotKind, BudgetSettings};
use teilhabe_domain::permission::{decide, Action, Target};
use teilhabe_domain::proposal::ProposalStatus;
use teilhabe_domain::{Actor, FieldErrors};

/// The budget module in the store's manifest (`crate::module::MODULES`).
pub const MODULE: crate::module::StoreModule = {
    use crate::module::{Migration, StoreModule};
    StoreModule {
        name: "budget",
        migrations: &[Migration {
            version: 5,
            description: "budget",
            sqlite: include_str!("migrations/sqlite/0005_budget.sql"),
            postgres: include_str!("migrations/postgres/0005_budget.sql"),
        }],
        demo: Some(|s, d| Box::pin(demo::load(s, d))),
        jobs: &[],
        contributions: Some(|s, t, p| {
            Box::pin(async move { s.budgets().contributions(t, p).await })
        }),
    }
};

crate::service!(
    Budgets,
    budgets,
    "Participatory budgets: setup and review by staff, online and paper ballots, publication of the result, exports."
);

/// Which projects of a budget: all (staff), reviewed (the public: feasible
/// ones and the others with their public reason), feasible (the ballot).
#[derive(Clone, Copy)]
enum Which {
    All = 0,
    Reviewed = 1,
    Feasible = 2,
}

const BUDGET_COLS: &str = "b.id, b.process_id, b.name, b.district, b.amount, b.ballot_kind, b.ballot_limit, b.rule, b.min_age, b.published_at, (SELECT COUNT(*) FROM budget_ballots bb WHERE bb.budget_id = b.id) AS ballot_count";

/// A row of [`BUDGET_COLS`]; unknown ballot kinds and rules read as the
/// defaults.
#[derive(serde::Deserialize)]
struct BudgetRow {
    id: i64,
    process_id: i64,
    name: String,
    district: String,
    amount: i64,
    ballot_kind: String,
    ballot_limit: Option<i64>,
    rule: String,
    min_age: i64,
    published_at: Option<i64>,
    ballot_count: i64,
}

impl From<BudgetRow> for Budget {
    fn from(r: BudgetRow) -> Budget {
        Budget {
            id: r.id,
            process_id: r.process_id,
            settings: BudgetSettings {
                name: r.name,
                district: r.district,
                amount: r.amount,
                ballot_kind: BallotKind::parse(&r.ballot_kind).unwrap_or(BallotKind::Approval),
                ballot_limit: r.ballot_limit,
                rule: AllocationRule::parse(&r.rule).unwrap_or(AllocationRule::MesAdd1Greedy),
                min_age: r.min_age,
            },
            published_at: r.published_at,
            ballot_count: r.ballot_count,
        }
    }
}

/// A project with its proposal's title, body and status.
#[derive(serde::Deserialize)]
struct ProjectRow {
    id: i64,
    budget_id: i64,
    proposal_id: i64,
    title: String,
    body: String,
    cost: i64,
    feasible: Option<bool>,
    review_reason: String,
    status: String,
}

impl From<ProjectRow> for BudgetProject {
    fn from(r: ProjectRow) -> BudgetProject {
        BudgetProject {
            id: r.id,
            budget_id: r.budget_id,
            proposal_id: r.proposal_id,
            title: r.title,
            body: r.body,
            cost: r.cost,
            feasible: r.feasible,
            review_reason: r.review_reason,
            proposal_status: r.status.parse().unwrap_or(ProposalStatus::Submitted),
        }
    }
}

#[derive(serde::Deserialize)]
struct Count {
    n: i64,
}

fn invalid(field: &'static str, key: &'static str) -> StoreError {
    let mut e = FieldErrors::new();
    e.add(field, key);
    StoreError::Invalid(e)
}

fn json_err(e: serde_json::Error) -> StoreError {
    StoreError::internal("budget result not readable", e)
}

impl Budgets<'_> {
    async fn budget_row(&self, tenant: &Tenant, id: i64) -> Result<Budget> {
        let r: BudgetRow = self
            .store
            .db
            .opt_as(
                &format!(
                    "SELECT {BUDGET_COLS} FROM budgets b WHERE b.id = $1 AND b.municipality_id = $2"
                ),
                params![id, tenant.id],
            )
            .await?
            .ok_or(StoreError::NotFound)?;
        Ok(r.into())
    }

    /// A budget and its process, if the actor may see the process.
    async fn budget_and_process(
        &self,
        tenant: &Tenant,
        actor: &Actor,
        id: i64,
    ) -> Result<(Budget, Process)> {
        let b = self.budget_row(tenant, id).await?;
        let p = self.store.processes().by_id(tenant, b.process_id).await?;
        decide(actor, Action::ViewProcess, &Target::Process(&p.facts()))?;
        Ok((b, p))
    }

    /// A budget and its process, if the actor may manage the budget.
    async fn managed(&self, tenant: &Tenant, actor: &Actor, id: i64) -> Result<(Budget, Process)> {
        let (b, p) = self.budget_and_process(tenant, actor, id).await?;
        decide(actor, Action::ManageBudget, &Target::Process(&p.facts()))?;
        Ok((b, p))
    }

    async fn projects_of(&self, budget_id: i64, which: Which) -> Result<Vec<BudgetProject>> {
        let rows: Vec<ProjectRow> = self
            .store
            .db
            .all_as(
                "SELECT bp.id, bp.budget_id, bp.proposal_id, bp.cost, bp.feasible, bp.review_reason, p.title, p.body, p.status FROM budget_projects bp JOIN proposals p ON p.id = bp.proposal_id WHERE bp.budget_id = $1 AND ($2 = 0 OR ($2 = 1 AND bp.feasible IS NOT NULL) OR bp.feasible = 1) ORDER BY p.title, bp.id",
                params![budget_id, which as i64],
            )
            .await?;
        Ok(rows.into_iter().map(Into::into).collect())
    }
}

async fn ballot_count(tx: &mut Tx, budget_id: i64) -> Result<i64> {
    let c: Count = tx
        .one_as(
            "SELECT COUNT(*) AS n FROM budget_ballots WHERE budget_id = $1",
            params![budget_id],
        )
        .await?;
    Ok(c.n)
}
