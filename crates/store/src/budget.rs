//! Participatory budgeting services (issue 5): budgets of a process,
//! projects (proposals reviewed and costed by staff), ballots with receipt
//! codes, paper ballots with double entry, the tally with the pure crate
//! `teilhabe-budget`, and the exports (.pb, CSV, JSON).
//!
//! Secrecy: a ballot row holds who voted (to allow one ballot per person
//! and replacing it) but the audit log records only that a ballot was
//! cast, never its content; exports and results carry no voter identity.

use crate::audit::{actor_label, append};
use crate::processes::Process;
use crate::{params, Result, Store, StoreError, Tenant, Tx};
use serde::{Deserialize, Serialize};
use std::collections::{BTreeMap, HashMap};
use teilhabe_budget::pb::{Election, VoteType};
use teilhabe_budget::rules::{self, GreedyNote, MesNote, Rule};
use teilhabe_domain::audit::AuditEvent;
use teilhabe_domain::budget::{
    check_age, decode_ballot, encode_ballot, receipt_code, receipt_hash, validate_ballot,
    AllocationRule, BallotChoice, BallotKind, BudgetInput, BudgetSettings,
};
use teilhabe_domain::permission::{decide, Action, Target};
use teilhabe_domain::process::Form;
use teilhabe_domain::proposal::ProposalStatus;
use teilhabe_domain::{Actor, Denied, FieldErrors};

#[derive(Debug, Clone, Serialize)]
pub struct Budget {
    pub id: i64,
    pub process_id: i64,
    pub name: String,
    pub district: String,
    pub amount: i64,
    pub ballot_kind: BallotKind,
    pub ballot_limit: Option<i64>,
    pub rule: AllocationRule,
    pub min_age: i64,
    pub published_at: Option<i64>,
    pub ballot_count: i64,
}

impl Budget {
    pub fn settings(&self) -> BudgetSettings {
        BudgetSettings {
            name: self.name.clone(),
            district: self.district.clone(),
            amount: self.amount,
            ballot_kind: self.ballot_kind,
            ballot_limit: self.ballot_limit,
            rule: self.rule,
            min_age: self.min_age,
        }
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
}

/// What the voter gets back: the receipt code, shown once.
#[derive(Debug, Clone, Serialize)]
pub struct Receipt {
    pub code: String,
    pub hash: String,
    pub replaced: bool,
}

/// What happened to a paper-ballot entry.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum PaperOutcome {
    /// First entry of the sheet: waiting for the second staff member.
    Pending,
    /// Two entries by different staff members match: the ballot counts.
    Counted,
    /// The entries differ: flagged, not counted until two match.
    Mismatch,
}

#[derive(Debug, Clone, Serialize)]
pub struct PaperSheet {
    pub sheet: String,
    pub status: PaperOutcome,
    /// (staff name, ballot as project titles) per entry.
    pub entries: Vec<(String, Vec<String>)>,
}

/// Why a project was or was not selected, per stage of the rule.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum MesExplanation {
    Selected {
        step: usize,
        /// (amount each paid in euros, supporters, paid all they had left)
        payments: Vec<(f64, u32, bool)>,
    },
    SelectedFree,
    Unaffordable {
        /// Title of the project after whose purchase it became unaffordable.
        after: Option<String>,
        supporters_money: f64,
    },
    NoSupporters,
}

#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum GreedyExplanation {
    Selected {
        step: usize,
        remaining_after: i64,
    },
    DidNotFit {
        remaining: i64,
        after: Option<String>,
    },
}

#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
pub struct ResultProject {
    pub project_id: i64,
    pub proposal_id: i64,
    pub title: String,
    pub cost: i64,
    /// Total score: approvals, points or positional points.
    pub score: i64,
    /// Ballots that chose the project.
    pub votes: i64,
    pub selected: bool,
    /// Would have been selected by greedy (shown when the rule is not greedy).
    pub greedy_selected: bool,
    pub mes: Option<MesExplanation>,
    pub greedy: Option<GreedyExplanation>,
}

/// The frozen result of a budget, stored when staff publish it.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
pub struct TallyResult {
    pub rule: AllocationRule,
    pub ballot_kind: BallotKind,
    pub amount: i64,
    pub voters: i64,
    pub total_cost: i64,
    pub greedy_total_cost: i64,
    /// Project ids in order of selection.
    pub selected: Vec<i64>,
    /// Each voter's share of the budget under equal shares (euros).
    pub voter_share: Option<f64>,
    /// Selected first, in order of selection; then the others by score.
    pub projects: Vec<ResultProject>,
    /// SHA-256 of the receipt codes of the counted ballots, sorted.
    pub receipt_hashes: Vec<String>,
}

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

/// Anonymized ballots of a budget, for the exports.
#[derive(Debug, Clone, Serialize)]
pub struct AnonymousBallot {
    /// Sequential number in a content order, not in order of casting.
    pub voter: usize,
    pub channel: String,
    pub choices: Vec<BallotChoice>,
}

/// Which projects of a budget: all (staff), reviewed (the public: feasible
/// ones and the others with their public reason), feasible (the ballot).
#[derive(Clone, Copy)]
enum Which {
    All = 0,
    Reviewed = 1,
    Feasible = 2,
}

const BUDGET_COLS: &str = "b.id, b.process_id, b.name, b.district, b.amount, b.ballot_kind, b.ballot_limit, b.rule, b.min_age, b.published_at, (SELECT COUNT(*) FROM budget_ballots bb WHERE bb.budget_id = b.id) AS ballot_count";

fn budget_from(r: &crate::Row) -> Result<Budget> {
    Ok(Budget {
        id: r.i64("id")?,
        process_id: r.i64("process_id")?,
        name: r.str("name")?,
        district: r.str("district")?,
        amount: r.i64("amount")?,
        ballot_kind: BallotKind::parse(&r.str("ballot_kind")?).unwrap_or(BallotKind::Approval),
        ballot_limit: r.opt_i64("ballot_limit")?,
        rule: AllocationRule::parse(&r.str("rule")?).unwrap_or(AllocationRule::MesAdd1Greedy),
        min_age: r.i64("min_age")?,
        published_at: r.opt_i64("published_at")?,
        ballot_count: r.i64("ballot_count")?,
    })
}

fn project_from(r: &crate::Row) -> Result<BudgetProject> {
    Ok(BudgetProject {
        id: r.i64("id")?,
        budget_id: r.i64("budget_id")?,
        proposal_id: r.i64("proposal_id")?,
        title: r.str("title")?,
        body: r.str("body")?,
        cost: r.i64("cost")?,
        feasible: r.opt_i64("feasible")?.map(|v| v != 0),
        review_reason: r.str("review_reason")?,
        proposal_status: r
            .str("status")?
            .parse()
            .unwrap_or(ProposalStatus::Submitted),
    })
}

fn rule_of(r: AllocationRule) -> Rule {
    match r {
        AllocationRule::Greedy => Rule::Greedy,
        AllocationRule::Mes => Rule::Mes,
        AllocationRule::MesAdd1 => Rule::MesAdd1,
        AllocationRule::MesAdd1Greedy => Rule::MesAdd1Greedy,
    }
}

fn invalid(field: &'static str, key: &'static str) -> StoreError {
    let mut e = FieldErrors::new();
    e.add(field, key);
    StoreError::Invalid(e)
}

/// The tally cannot fail on stored data (ballots are validated when cast);
/// should it, nothing is written and staff see this message.
fn budget_err(e: teilhabe_budget::Error) -> StoreError {
    tracing::error!(error = %e, "budget tally failed");
    StoreError::Conflict("error-budget-tally")
}

fn json_err(e: serde_json::Error) -> StoreError {
    tracing::error!(error = %e, "budget result not readable");
    StoreError::Conflict("error-budget-tally")
}

/// Builds the Pabulib election of a budget from its feasible projects and
/// ballots. Project ids are the budget-project ids; voter ids are 1..n.
pub fn election_of(
    budget: &Budget,
    projects: &[BudgetProject],
    ballots: &[AnonymousBallot],
    unit: &str,
) -> Result<Election> {
    let index: HashMap<i64, u32> = projects
        .iter()
        .enumerate()
        .map(|(i, p)| (p.id, i as u32))
        .collect();
    let vote_type = match budget.ballot_kind {
        BallotKind::Approval | BallotKind::Knapsack => VoteType::Approval,
        BallotKind::Cumulative => VoteType::Cumulative,
        BallotKind::Ranking => VoteType::Ordinal,
    };
    let rows: Vec<(String, Vec<u32>, Vec<i64>)> = ballots
        .iter()
        .map(|b| {
            let chosen: Vec<&BallotChoice> = b
                .choices
                .iter()
                .filter(|c| index.contains_key(&c.project))
                .collect();
            (
                b.voter.to_string(),
                chosen
                    .iter()
                    .map(|c| index[&c.project])
                    .collect::<Vec<u32>>(),
                chosen.iter().map(|c| c.points).collect::<Vec<i64>>(),
            )
        })
        .filter(|(_, p, _)| !p.is_empty())
        .collect();
    let mut meta: Vec<(String, String)> = vec![
        (
            "description".into(),
            format!("{unit}: {}", budget.name.replace(';', ",")),
        ),
        ("country".into(), "Germany".into()),
        ("unit".into(), unit.replace(';', ",")),
        ("instance".into(), budget.name.replace(';', ",")),
        ("district".into(), budget.district.replace(';', ",")),
        ("num_projects".into(), projects.len().to_string()),
        ("num_votes".into(), rows.len().to_string()),
        ("budget".into(), budget.amount.to_string()),
        (
            "vote_type".into(),
            budget.ballot_kind.pabulib_vote_type().into(),
        ),
        ("rule".into(), budget.rule.as_str().into()),
        ("currency".into(), "EUR".into()),
    ];
    match (budget.ballot_kind, budget.ballot_limit) {
        (BallotKind::Approval | BallotKind::Ranking, Some(l)) => {
            meta.push(("max_length".into(), l.to_string()))
        }
        (BallotKind::Cumulative, Some(l)) => meta.push(("max_sum_points".into(), l.to_string())),
        (BallotKind::Knapsack, _) => meta.push(("max_sum_cost".into(), budget.amount.to_string())),
        _ => {}
    }
    let mut e = Election::from_parts(
        meta,
        vote_type,
        0,
        budget.amount as i128,
        projects
            .iter()
            .map(|p| (p.id.to_string(), p.cost as i128))
            .collect(),
        0,
        &rows,
    )
    .map_err(budget_err)?;
    e.project_header.push("name".into());
    for (p, bp) in e.projects.iter_mut().zip(projects) {
        p.fields
            .push(bp.title.replace(['\n', '\r'], " ").trim().to_string());
    }
    Ok(e)
}

/// Display amounts of explanations, rounded to cents (the selection itself
/// is exact), so the stored result reads back identically.
fn cents(v: f64) -> f64 {
    (v * 100.0).round() / 100.0
}

/// Runs the budget's rule (and greedy for comparison) on the election.
pub fn tally(
    budget: &Budget,
    projects: &[BudgetProject],
    ballots: &[AnonymousBallot],
    receipt_hashes: Vec<String>,
) -> Result<TallyResult> {
    let e = election_of(budget, projects, ballots, "")?;
    let prep = rules::Prepared::new(&e).map_err(budget_err)?;
    let outcome = rules::tally_prepared(&prep, rule_of(budget.rule)).map_err(budget_err)?;
    let greedy = rules::tally_prepared(&prep, Rule::Greedy).map_err(budget_err)?;
    let title = |i: usize| projects[i].title.clone();
    let mut votes: HashMap<i64, i64> = HashMap::new();
    for b in ballots {
        for c in &b.choices {
            *votes.entry(c.project).or_default() += 1;
        }
    }
    let mut list: Vec<ResultProject> = projects
        .iter()
        .enumerate()
        .map(|(i, p)| {
            let x = &outcome.projects[i];
            ResultProject {
                project_id: p.id,
                proposal_id: p.proposal_id,
                title: p.title.clone(),
                cost: p.cost,
                score: x.score as i64,
                votes: votes.get(&p.id).copied().unwrap_or(0),
                selected: x.selected,
                greedy_selected: greedy.projects[i].selected,
                mes: x.mes.as_ref().map(|m| match m {
                    MesNote::Selected { step, payments, .. } => MesExplanation::Selected {
                        step: *step,
                        payments: payments
                            .iter()
                            .map(|g| (cents(g.amount), g.voters, g.whole_share))
                            .collect(),
                    },
                    MesNote::SelectedFree => MesExplanation::SelectedFree,
                    MesNote::Unaffordable {
                        after,
                        supporters_money,
                    } => MesExplanation::Unaffordable {
                        after: after.map(title),
                        supporters_money: cents(*supporters_money),
                    },
                    MesNote::NoSupporters => MesExplanation::NoSupporters,
                }),
                greedy: x.greedy.as_ref().map(|g| match g {
                    GreedyNote::Selected {
                        step,
                        remaining_after,
                    } => GreedyExplanation::Selected {
                        step: *step,
                        remaining_after: *remaining_after as i64,
                    },
                    GreedyNote::DidNotFit { remaining, after } => GreedyExplanation::DidNotFit {
                        remaining: *remaining as i64,
                        after: after.map(title),
                    },
                }),
            }
        })
        .collect();
    let order: HashMap<usize, usize> = outcome
        .selected
        .iter()
        .enumerate()
        .map(|(k, &p)| (p, k))
        .collect();
    let mut idx: Vec<usize> = (0..list.len()).collect();
    idx.sort_by_key(|&i| {
        (
            order.get(&i).copied().unwrap_or(usize::MAX),
            -list[i].score,
            list[i].project_id,
        )
    });
    let mut sorted = Vec::with_capacity(list.len());
    let mut taken: Vec<Option<ResultProject>> = list.drain(..).map(Some).collect();
    for i in idx {
        if let Some(p) = taken[i].take() {
            sorted.push(p);
        }
    }
    Ok(TallyResult {
        rule: budget.rule,
        ballot_kind: budget.ballot_kind,
        amount: budget.amount,
        voters: e.num_voters() as i64,
        total_cost: outcome.total_cost as i64,
        greedy_total_cost: greedy.total_cost as i64,
        selected: outcome.selected.iter().map(|&i| projects[i].id).collect(),
        voter_share: outcome.mes.as_ref().map(|m| cents(m.voter_share)),
        projects: sorted,
        receipt_hashes,
    })
}

impl Store {
    async fn budget_row(&self, tenant: &Tenant, id: i64) -> Result<Budget> {
        let r = self
            .db
            .opt(
                &format!(
                    "SELECT {BUDGET_COLS} FROM budgets b WHERE b.id = $1 AND b.municipality_id = $2"
                ),
                params![id, tenant.id],
            )
            .await?
            .ok_or(StoreError::NotFound)?;
        budget_from(&r)
    }

    /// A budget and its process, if the actor may see the process.
    async fn budget_and_process(
        &self,
        tenant: &Tenant,
        actor: &Actor,
        id: i64,
    ) -> Result<(Budget, Process)> {
        let b = self.budget_row(tenant, id).await?;
        let p = self.processes().by_id(tenant, b.process_id).await?;
        decide(actor, Action::ViewProcess, &Target::Process(&p.facts()))?;
        Ok((b, p))
    }

    async fn projects_of(&self, budget_id: i64, which: Which) -> Result<Vec<BudgetProject>> {
        let rows = self
            .db
            .all(
                "SELECT bp.id, bp.budget_id, bp.proposal_id, bp.cost, bp.feasible, bp.review_reason, p.title, p.body, p.status FROM budget_projects bp JOIN proposals p ON p.id = bp.proposal_id WHERE bp.budget_id = $1 AND ($2 = 0 OR ($2 = 1 AND bp.feasible IS NOT NULL) OR bp.feasible = 1) ORDER BY p.title, bp.id",
                params![budget_id, which as i64],
            )
            .await?;
        rows.iter().map(project_from).collect()
    }

    /// The budgets of a process, each with its number of ballots.
    pub async fn budgets(
        &self,
        tenant: &Tenant,
        actor: &Actor,
        slug: &str,
    ) -> Result<(Process, Vec<Budget>)> {
        let process = self.processes().get(tenant, actor, slug).await?;
        let rows = self
            .db
            .all(
                &format!("SELECT {BUDGET_COLS} FROM budgets b WHERE b.process_id = $1 AND b.municipality_id = $2 ORDER BY b.district <> '', b.district, b.id"),
                params![process.id, tenant.id],
            )
            .await?;
        let list = rows.iter().map(budget_from).collect::<Result<_>>()?;
        Ok((process, list))
    }

    /// Staff create a budget of their process.
    pub async fn create_budget(
        &self,
        tenant: &Tenant,
        actor: &Actor,
        slug: &str,
        input: &BudgetInput,
    ) -> Result<Budget> {
        let process = self.processes().get(tenant, actor, slug).await?;
        decide(
            actor,
            Action::ManageBudget,
            &Target::Process(&process.facts()),
        )?;
        let s = input.validate()?;
        let now = self.now();
        let mut tx = self.db.begin().await?;
        let id = tx
            .insert(
                "INSERT INTO budgets (municipality_id, process_id, name, district, amount, ballot_kind, ballot_limit, rule, min_age, created_at, updated_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $10) RETURNING id",
                params![tenant.id, process.id, s.name.as_str(), s.district.as_str(), s.amount, s.ballot_kind.as_str(), s.ballot_limit, s.rule.as_str(), s.min_age, now],
            )
            .await?;
        append(
            &mut tx,
            tenant,
            now,
            AuditEvent::new(
                actor_label(tenant, actor.user_id),
                "budget.created",
                format!("budget:{id}"),
                serde_json::json!({"process": process.id, "name": s.name, "district": s.district, "amount": s.amount, "ballot_kind": s.ballot_kind.as_str(), "ballot_limit": s.ballot_limit, "rule": s.rule.as_str(), "min_age": s.min_age}),
            ),
        )
        .await?;
        tx.commit().await?;
        self.budget_row(tenant, id).await
    }

    /// Staff change a budget. Amount, ballot type, limit, rule and minimum
    /// age are fixed once voting is open or the first ballot exists.
    pub async fn update_budget(
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
        let now = self.now();
        let mut tx = self.db.begin().await?;
        if rules_change {
            let n = ballot_count(&mut tx, id).await?;
            if n > 0 || b.published_at.is_some() {
                return Err(StoreError::Conflict("error-budget-locked"));
            }
            if facts.form_open(Form::BudgetVoting) {
                return Err(StoreError::Conflict("error-budget-voting-open"));
            }
        }
        tx.exec(
            "UPDATE budgets SET name = $1, district = $2, amount = $3, ballot_kind = $4, ballot_limit = $5, rule = $6, min_age = $7, updated_at = $8 WHERE id = $9",
            params![s.name.as_str(), s.district.as_str(), s.amount, s.ballot_kind.as_str(), s.ballot_limit, s.rule.as_str(), s.min_age, now, id],
        )
        .await?;
        append(
            &mut tx,
            tenant,
            now,
            AuditEvent::new(
                actor_label(tenant, actor.user_id),
                "budget.updated",
                format!("budget:{id}"),
                serde_json::json!({"name": s.name, "district": s.district, "amount": s.amount, "ballot_kind": s.ballot_kind.as_str(), "ballot_limit": s.ballot_limit, "rule": [old.rule.as_str(), s.rule.as_str()], "min_age": s.min_age}),
            ),
        )
        .await?;
        tx.commit().await?;
        self.budget_row(tenant, id).await
    }

    /// A budget with its projects (all for staff, feasible ones for
    /// everybody else) and the viewer's ballot.
    pub async fn budget_detail(
        &self,
        tenant: &Tenant,
        actor: &Actor,
        id: i64,
    ) -> Result<BudgetDetail> {
        let (budget, process) = self.budget_and_process(tenant, actor, id).await?;
        let staff = decide(
            actor,
            Action::ManageBudget,
            &Target::Process(&process.facts()),
        )
        .is_ok();
        let projects = self
            .projects_of(id, if staff { Which::All } else { Which::Reviewed })
            .await?;
        let (my_ballot, other_district) = match actor.user_id {
            Some(u) => {
                let rows = self
                    .db
                    .all(
                        "SELECT bb.budget_id, bb.choices, b.district FROM budget_ballots bb JOIN budgets b ON b.id = bb.budget_id WHERE bb.process_id = $1 AND bb.voter_key = $2",
                        params![process.id, format!("u:{u}")],
                    )
                    .await?;
                let mine = rows
                    .iter()
                    .find(|r| r.i64("budget_id").ok() == Some(id))
                    .map(|r| r.str("choices").map(|c| decode_ballot(&c)))
                    .transpose()?;
                let other = if budget.is_citywide() {
                    None
                } else {
                    rows.iter()
                        .filter_map(|r| r.str("district").ok())
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
        })
    }

    /// Staff put a proposal of the process on a budget's ballot with a
    /// first cost estimate; it still needs the review. Not while voting is
    /// open or once ballots exist.
    pub async fn add_budget_project(
        &self,
        tenant: &Tenant,
        actor: &Actor,
        budget_id: i64,
        proposal_id: i64,
        cost: i64,
    ) -> Result<i64> {
        let (b, process) = self.budget_and_process(tenant, actor, budget_id).await?;
        decide(
            actor,
            Action::ManageBudget,
            &Target::Process(&process.facts()),
        )?;
        if !(1..=teilhabe_domain::budget::MAX_AMOUNT).contains(&cost) {
            return Err(invalid("cost", "error-number"));
        }
        let now = self.now();
        let mut tx = self.db.begin().await?;
        if ballot_count(&mut tx, budget_id).await? > 0 || b.published_at.is_some() {
            return Err(StoreError::Conflict("error-budget-locked"));
        }
        // The ballot does not change under the voters' feet.
        if process.facts().form_open(Form::BudgetVoting) {
            return Err(StoreError::Conflict("error-budget-voting-open"));
        }
        let found = tx
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
        let id = tx
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
        append(
            &mut tx,
            tenant,
            now,
            AuditEvent::new(
                actor_label(tenant, actor.user_id),
                "budget.project_added",
                format!("budget:{budget_id}"),
                serde_json::json!({"project": id, "proposal": proposal_id, "cost": cost}),
            ),
        )
        .await?;
        tx.commit().await?;
        Ok(id)
    }

    /// Staff review a project: feasible or not, with a public reason and
    /// the cost estimate. Not while voting is open or once ballots exist.
    pub async fn review_budget_project(
        &self,
        tenant: &Tenant,
        actor: &Actor,
        project_id: i64,
        feasible: bool,
        reason: &str,
        cost: i64,
    ) -> Result<BudgetProject> {
        let r = self
            .db
            .opt(
                "SELECT budget_id FROM budget_projects WHERE id = $1 AND municipality_id = $2",
                params![project_id, tenant.id],
            )
            .await?
            .ok_or(StoreError::NotFound)?;
        let budget_id = r.i64("budget_id")?;
        let (b, process) = self.budget_and_process(tenant, actor, budget_id).await?;
        decide(
            actor,
            Action::ManageBudget,
            &Target::Process(&process.facts()),
        )?;
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
        let now = self.now();
        let mut tx = self.db.begin().await?;
        if ballot_count(&mut tx, budget_id).await? > 0 || b.published_at.is_some() {
            return Err(StoreError::Conflict("error-budget-locked"));
        }
        // The ballot does not change under the voters' feet.
        if process.facts().form_open(Form::BudgetVoting) {
            return Err(StoreError::Conflict("error-budget-voting-open"));
        }
        tx.exec(
            "UPDATE budget_projects SET feasible = $1, review_reason = $2, cost = $3, reviewed_at = $4 WHERE id = $5",
            params![feasible as i64, reason.trim(), cost, now, project_id],
        )
        .await?;
        append(
            &mut tx,
            tenant,
            now,
            AuditEvent::new(
                actor_label(tenant, actor.user_id),
                "budget.project_reviewed",
                format!("budget:{budget_id}"),
                serde_json::json!({"project": project_id, "feasible": feasible, "reason": reason.trim(), "cost": cost}),
            ),
        )
        .await?;
        tx.commit().await?;
        self.projects_of(budget_id, Which::All)
            .await?
            .into_iter()
            .find(|p| p.id == project_id)
            .ok_or(StoreError::NotFound)
    }

    /// What an online and a paper ballot check alike: the budget is visible,
    /// the action (casting, or recording a paper ballot) is allowed, results
    /// are not yet published, and the choices fit the ballot's limits.
    /// Returns the budget, its process and the acting account.
    async fn ballot_checked(
        &self,
        tenant: &Tenant,
        actor: &Actor,
        budget_id: i64,
        action: Action,
        choices: &[BallotChoice],
    ) -> Result<(Budget, Process, i64)> {
        let (b, process) = self.budget_and_process(tenant, actor, budget_id).await?;
        decide(actor, action, &Target::Process(&process.facts()))?;
        if b.published_at.is_some() {
            return Err(StoreError::Denied(Denied::NotOpen));
        }
        let user = actor
            .user_id
            .ok_or(StoreError::Denied(Denied::LoginRequired))?;
        let projects = self.projects_of(budget_id, Which::Feasible).await?;
        let costs: HashMap<i64, i64> = projects.iter().map(|p| (p.id, p.cost)).collect();
        validate_ballot(&b.settings(), &costs, choices)?;
        Ok((b, process, user))
    }

    /// A verified resident casts or replaces their ballot while voting is
    /// open. One ballot per person and budget, enforced by the database;
    /// a district budget only if the person has not voted in another
    /// district of the process. Returns the new receipt code (shown once).
    pub async fn cast_ballot(
        &self,
        tenant: &Tenant,
        actor: &Actor,
        budget_id: i64,
        choices: &[BallotChoice],
        birth_date: &str,
    ) -> Result<Receipt> {
        let (b, process, user) = self
            .ballot_checked(tenant, actor, budget_id, Action::CastBallot, choices)
            .await?;
        check_age(b.min_age, birth_date, self.clock.today())?;
        let code = {
            use rand::Rng;
            let mut r = [0u8; 12];
            let mut rng = rand::thread_rng();
            for x in r.iter_mut() {
                *x = rng.gen_range(0..32);
            }
            receipt_code(&r)
        };
        let hash = receipt_hash(&code);
        let key = format!("u:{user}");
        let now = self.now();
        let mut tx = self.db.begin().await?;
        if !b.is_citywide() {
            // The first district ballot binds the person to its district;
            // the key decides between simultaneous ballots.
            tx.exec(
                "INSERT INTO budget_voter_districts (municipality_id, process_id, voter_key, district) VALUES ($1, $2, $3, $4) ON CONFLICT (process_id, voter_key) DO NOTHING",
                params![tenant.id, process.id, key.as_str(), b.district.as_str()],
            )
            .await?;
            let bound = tx
                .one(
                    "SELECT district FROM budget_voter_districts WHERE process_id = $1 AND voter_key = $2",
                    params![process.id, key.as_str()],
                )
                .await?
                .str("district")?;
            if bound != b.district {
                return Err(StoreError::Conflict("error-ballot-other-district"));
            }
        }
        let replaced = tx
            .opt(
                "SELECT id FROM budget_ballots WHERE budget_id = $1 AND voter_key = $2",
                params![budget_id, key.as_str()],
            )
            .await?
            .is_some();
        // Insert or replace in one statement: two simultaneous submissions
        // of the same person leave exactly one ballot (the later one).
        tx.exec(
                "INSERT INTO budget_ballots (municipality_id, budget_id, process_id, voter_key, channel, choices, receipt_hash, created_at, updated_at) VALUES ($1, $2, $3, $4, 'online', $5, $6, $7, $7) ON CONFLICT (budget_id, voter_key) DO UPDATE SET choices = excluded.choices, receipt_hash = excluded.receipt_hash, updated_at = excluded.updated_at",
                params![tenant.id, budget_id, process.id, key.as_str(), encode_ballot(choices), hash.as_str(), now],
            )
            .await?;
        append(
            &mut tx,
            tenant,
            now,
            AuditEvent::new(
                actor_label(tenant, actor.user_id),
                if replaced {
                    "budget.ballot_replaced"
                } else {
                    "budget.ballot_cast"
                },
                format!("budget:{budget_id}"),
                serde_json::json!({"channel": "online"}),
            ),
        )
        .await?;
        tx.commit().await?;
        Ok(Receipt {
            code,
            hash,
            replaced,
        })
    }

    /// Staff enter a paper ballot. The first entry of a sheet waits for a
    /// second one by another staff member; when two entries match, the
    /// ballot counts; when they differ, the sheet is flagged.
    pub async fn enter_paper_ballot(
        &self,
        tenant: &Tenant,
        actor: &Actor,
        budget_id: i64,
        sheet: &str,
        choices: &[BallotChoice],
    ) -> Result<PaperOutcome> {
        let (_, process, staff) = self
            .ballot_checked(tenant, actor, budget_id, Action::RecordOffline, choices)
            .await?;
        let sheet = sheet.trim();
        let mut e = FieldErrors::new();
        e.text("sheet", sheet, 1, 40);
        e.into_result()?;
        let encoded = encode_ballot(choices);
        let now = self.now();
        let mut tx = self.db.begin().await?;
        tx.exec(
            "INSERT INTO budget_paper_entries (municipality_id, budget_id, sheet, entered_by, choices, created_at) VALUES ($1, $2, $3, $4, $5, $6)",
            params![tenant.id, budget_id, sheet, staff, encoded.as_str(), now],
        )
        .await
        .map_err(|e| {
            if e.is_unique_violation() {
                StoreError::Conflict("error-paper-already-entered")
            } else {
                e.into()
            }
        })?;
        let others = tx
            .all(
                "SELECT choices FROM budget_paper_entries WHERE budget_id = $1 AND sheet = $2 AND entered_by <> $3",
                params![budget_id, sheet, staff],
            )
            .await?;
        let outcome = if others.is_empty() {
            PaperOutcome::Pending
        } else if others
            .iter()
            .any(|r| r.str("choices").ok().as_deref() == Some(encoded.as_str()))
        {
            let key = format!("paper:{sheet}");
            tx.exec(
                "INSERT INTO budget_ballots (municipality_id, budget_id, process_id, voter_key, channel, choices, receipt_hash, created_at, updated_at) VALUES ($1, $2, $3, $4, 'paper', $5, NULL, $6, $6) ON CONFLICT (budget_id, voter_key) DO NOTHING",
                params![tenant.id, budget_id, process.id, key, encoded.as_str(), now],
            )
            .await?;
            PaperOutcome::Counted
        } else {
            PaperOutcome::Mismatch
        };
        append(
            &mut tx,
            tenant,
            now,
            AuditEvent::new(
                actor_label(tenant, actor.user_id),
                "budget.paper_entered",
                format!("budget:{budget_id}"),
                serde_json::json!({"sheet": sheet, "outcome": outcome}),
            ),
        )
        .await?;
        tx.commit().await?;
        Ok(outcome)
    }

    /// Paper sheets of a budget with their entries: counted, pending and
    /// mismatched (the list staff work through).
    pub async fn paper_sheets(
        &self,
        tenant: &Tenant,
        actor: &Actor,
        budget_id: i64,
    ) -> Result<Vec<PaperSheet>> {
        let (_, process) = self.budget_and_process(tenant, actor, budget_id).await?;
        decide(
            actor,
            Action::ManageBudget,
            &Target::Process(&process.facts()),
        )?;
        let titles: HashMap<i64, String> = self
            .projects_of(budget_id, Which::All)
            .await?
            .into_iter()
            .map(|p| (p.id, p.title))
            .collect();
        let rows = self
            .db
            .all(
                "SELECT e.sheet, e.choices, u.display_name, (SELECT COUNT(*) FROM budget_ballots bb WHERE bb.budget_id = e.budget_id AND bb.voter_key = 'paper:' || e.sheet) AS counted FROM budget_paper_entries e JOIN users u ON u.id = e.entered_by WHERE e.budget_id = $1 ORDER BY e.sheet, e.id",
                params![budget_id],
            )
            .await?;
        let mut sheets: BTreeMap<String, (bool, Vec<(String, String)>)> = BTreeMap::new();
        for r in &rows {
            let s = sheets.entry(r.str("sheet")?).or_default();
            s.0 = r.i64("counted")? > 0;
            s.1.push((r.str("display_name")?, r.str("choices")?));
        }
        Ok(sheets
            .into_iter()
            .map(|(sheet, (counted, entries))| {
                let status = if counted {
                    PaperOutcome::Counted
                } else if entries.len() < 2 {
                    PaperOutcome::Pending
                } else {
                    PaperOutcome::Mismatch
                };
                PaperSheet {
                    sheet,
                    status,
                    entries: entries
                        .into_iter()
                        .map(|(who, c)| {
                            let names = decode_ballot(&c)
                                .iter()
                                .map(|c| {
                                    let t = titles.get(&c.project).cloned().unwrap_or_default();
                                    if c.points != 1 {
                                        format!("{t} ({})", c.points)
                                    } else {
                                        t
                                    }
                                })
                                .collect();
                            (who, names)
                        })
                        .collect(),
                }
            })
            .collect())
    }

    /// The counted ballots of a budget without voter identity, numbered in
    /// an order of content (not of casting), and their receipt hashes.
    async fn anonymous_ballots(
        &self,
        budget_id: i64,
    ) -> Result<(Vec<AnonymousBallot>, Vec<String>)> {
        let rows = self
            .db
            .all(
                "SELECT channel, choices, receipt_hash FROM budget_ballots WHERE budget_id = $1 ORDER BY choices, channel, receipt_hash",
                params![budget_id],
            )
            .await?;
        let mut hashes = Vec::new();
        let mut ballots = Vec::with_capacity(rows.len());
        for (i, r) in rows.iter().enumerate() {
            if let Some(h) = r.opt_str("receipt_hash")? {
                hashes.push(h);
            }
            ballots.push(AnonymousBallot {
                voter: i + 1,
                channel: r.str("channel")?,
                choices: decode_ballot(&r.str("choices")?),
            });
        }
        hashes.sort();
        Ok((ballots, hashes))
    }

    /// Staff count a budget after voting closed: the rule runs on the
    /// ballots, the result is frozen and public, and the selected projects'
    /// proposals are accepted with `answer` and continue in the
    /// implementation tracking.
    pub async fn publish_budget(
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
        let now = self.now();
        let mut tx = self.db.begin().await?;
        // Nothing may have changed since the ballots were read.
        if ballot_count(&mut tx, budget_id).await? != ballots.len() as i64 {
            return Err(StoreError::Conflict("error-budget-changed"));
        }
        let n = tx
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
            let n = tx
                .exec(
                    "UPDATE proposals SET status = 'accepted', answer = $1, answered_at = $2, updated_at = $2 WHERE id = $3 AND status IN ('submitted', 'in_review')",
                    params![answer.trim(), now, p.proposal_id],
                )
                .await?;
            if n > 0 {
                crate::proposals::notify_followers(
                    &mut tx,
                    tenant,
                    now,
                    actor.user_id,
                    "status_changed",
                    p.proposal_id,
                    process.id,
                    &p.title,
                )
                .await?;
            }
        }
        append(
            &mut tx,
            tenant,
            now,
            AuditEvent::new(
                actor_label(tenant, actor.user_id),
                "budget.published",
                format!("budget:{budget_id}"),
                serde_json::json!({"rule": b.rule.as_str(), "voters": result.voters, "selected": result.selected, "total_cost": result.total_cost, "receipts": result.receipt_hashes.len()}),
            ),
        )
        .await?;
        tx.commit().await?;
        Ok(result)
    }

    /// The published result of a budget with turnout by budget and channel.
    pub async fn budget_results(
        &self,
        tenant: &Tenant,
        actor: &Actor,
        budget_id: i64,
    ) -> Result<BudgetResults> {
        let (budget, process) = self.budget_and_process(tenant, actor, budget_id).await?;
        let r = self
            .db
            .one(
                "SELECT result FROM budgets WHERE id = $1",
                params![budget_id],
            )
            .await?;
        let result: TallyResult = match r.opt_str("result")? {
            Some(s) => serde_json::from_str(&s).map_err(json_err)?,
            None => return Err(StoreError::Conflict("error-budget-no-results")),
        };
        let rows = self
            .db
            .all(
                "SELECT b.name, b.district, bb.channel, COUNT(*) AS n FROM budgets b JOIN budget_ballots bb ON bb.budget_id = b.id WHERE b.process_id = $1 GROUP BY b.id, b.name, b.district, bb.channel ORDER BY b.district, b.name, bb.channel",
                params![process.id],
            )
            .await?;
        let turnout = rows
            .iter()
            .map(|r| {
                Ok(Turnout {
                    budget: r.str("name")?,
                    district: r.str("district")?,
                    channel: r.str("channel")?,
                    ballots: r.i64("n")?,
                })
            })
            .collect::<Result<_>>()?;
        Ok(BudgetResults {
            budget,
            process,
            result,
            turnout,
        })
    }

    /// The published budget as a Pabulib election with anonymized ballots
    /// (readable by pabutools), plus the ballots for CSV/JSON exports.
    pub async fn budget_export(
        &self,
        tenant: &Tenant,
        actor: &Actor,
        budget_id: i64,
    ) -> Result<(Budget, Election, Vec<AnonymousBallot>)> {
        let (budget, _) = self.budget_and_process(tenant, actor, budget_id).await?;
        if budget.published_at.is_none() {
            return Err(StoreError::Conflict("error-budget-no-results"));
        }
        let projects = self.projects_of(budget_id, Which::Feasible).await?;
        let (ballots, _) = self.anonymous_ballots(budget_id).await?;
        let e = election_of(&budget, &projects, &ballots, &tenant.name)?;
        Ok((budget, e, ballots))
    }
}

async fn ballot_count(tx: &mut Tx, budget_id: i64) -> Result<i64> {
    Ok(tx
        .one(
            "SELECT COUNT(*) AS n FROM budget_ballots WHERE budget_id = $1",
            params![budget_id],
        )
        .await?
        .i64("n")?)
}
