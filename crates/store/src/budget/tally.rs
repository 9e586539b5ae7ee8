//! The tally: the budget's rule (and greedy for comparison) run by the pure
//! crate `teilhabe-budget` on the Pabulib election of a budget, with an
//! explanation per project of why it was or was not selected.

use super::{AnonymousBallot, Budget, BudgetProject};
use crate::{Result, StoreError};
use serde::{Deserialize, Serialize};
use std::collections::HashMap;
use teilhabe_budget::pb::{Election, VoteType};
use teilhabe_budget::rules::{self, GreedyNote, MesNote, Rule};
use teilhabe_domain::budget::{AllocationRule, BallotChoice, BallotKind};

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

fn rule_of(r: AllocationRule) -> Rule {
    match r {
        AllocationRule::Greedy => Rule::Greedy,
        AllocationRule::Mes => Rule::Mes,
        AllocationRule::MesAdd1 => Rule::MesAdd1,
        AllocationRule::MesAdd1Greedy => Rule::MesAdd1Greedy,
    }
}

/// The tally cannot fail on stored data (ballots are validated when cast);
/// should it, nothing is written, staff see a generic error and the cause
/// is logged.
fn budget_err(e: teilhabe_budget::Error) -> StoreError {
    StoreError::internal("budget tally failed", e)
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
