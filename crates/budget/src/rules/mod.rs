//! Allocation rules, computed exactly as pabutools 1.2.x computes them.
//!
//! * score of a project on a ballot: approval 1, cumulative/scoring its points,
//!   ordinal `max_length - position` (0-based position).
//! * [`Rule::Greedy`]: projects by total score (ties: project id as string), each
//!   taken if it still fits.
//! * [`Rule::Mes`]: Method of Equal Shares with cost satisfaction (approval) or
//!   score satisfaction (cumulative, scoring, ordinal).
//! * [`Rule::MesAdd1`]: MES where every voter's share is raised by one currency
//!   unit per round until the outcome is exhaustive or would overspend.
//! * [`Rule::MesAdd1Greedy`]: MES-add1 completed by greedy.

mod greedy;
mod mes;

use serde::Serialize;

use crate::error::Error;
use crate::pb::{Election, VoteType};

pub use greedy::GreedyNote;
pub use mes::{MesNote, PaymentGroup};

/// A rule.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, clap::ValueEnum)]
#[serde(rename_all = "kebab-case")]
pub enum Rule {
    /// Greedy by total score.
    Greedy,
    /// Method of Equal Shares.
    Mes,
    /// MES with the add1 budget-increment completion.
    #[value(name = "mes-add1")]
    MesAdd1,
    /// MES-add1 completed by greedy (equalshares.net default).
    #[value(name = "mes-add1-greedy")]
    MesAdd1Greedy,
}

impl Rule {
    /// All rules.
    pub const ALL: [Rule; 4] = [Rule::Greedy, Rule::Mes, Rule::MesAdd1, Rule::MesAdd1Greedy];

    /// Command-line name.
    pub fn as_str(&self) -> &'static str {
        match self {
            Rule::Greedy => "greedy",
            Rule::Mes => "mes",
            Rule::MesAdd1 => "mes-add1",
            Rule::MesAdd1Greedy => "mes-add1-greedy",
        }
    }

    /// Parses a command-line name.
    pub fn parse(s: &str) -> Option<Rule> {
        Rule::ALL.into_iter().find(|r| r.as_str() == s)
    }

    /// The rule in plain language.
    pub fn describe(&self) -> &'static str {
        match self {
            Rule::Greedy => "Projects are taken in order of their total score (approvals or points); a project that no longer fits into the remaining budget is skipped.",
            Rule::Mes => "Method of Equal Shares: every voter gets an equal share of the budget; a project is bought by its supporters, who split its cost as equally as their remaining shares allow; the project whose supporters pay the least per unit of satisfaction is bought first. Projects whose supporters cannot pay for them any more are not selected.",
            Rule::MesAdd1 => "Method of Equal Shares, repeated with each voter's share raised by one currency unit per round as long as the result does not exceed the budget and still leaves money for some supported project.",
            Rule::MesAdd1Greedy => "Method of Equal Shares with the add1 completion, after which the remaining budget is filled greedily by total score.",
        }
    }
}

/// Why a project was or was not selected.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ProjectExplanation {
    /// Project index.
    pub project: usize,
    pub selected: bool,
    /// Total score (approvals, points or positional points).
    pub score: i128,
    /// The MES stage (MES rules only).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub mes: Option<MesNote>,
    /// The greedy stage (greedy and the greedy completion).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub greedy: Option<GreedyNote>,
}

/// Summary of the MES stage.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct MesSummary {
    /// Each voter's share in the run that produced the outcome (currency units).
    pub voter_share: f64,
    /// The same, exactly, as a fraction `numerator/denominator` of scaled units.
    pub voter_share_exact: String,
    /// Number of one-unit increments (add1) applied.
    pub increments: u64,
    /// Number of MES runs computed.
    pub runs: u64,
}

/// The outcome of a rule with explanations.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Outcome {
    pub rule: Rule,
    /// Selected project indices in the order of selection.
    pub selected: Vec<usize>,
    /// Total cost (scaled by `money_scale`).
    pub total_cost: i128,
    /// One per project, in file order.
    pub projects: Vec<ProjectExplanation>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub mes: Option<MesSummary>,
}

impl Outcome {
    /// Selected project ids, sorted as strings.
    pub fn selected_ids_sorted<'a>(&self, e: &'a Election) -> Vec<&'a str> {
        let mut v: Vec<&str> = self
            .selected
            .iter()
            .map(|&p| e.projects[p].id.as_str())
            .collect();
        v.sort_unstable();
        v
    }
}

/// Rule-independent data derived from an election: per project its supporters
/// (voter index and score), compact CSR arrays.
#[derive(Debug, Clone)]
pub struct Prepared {
    pub(crate) n: usize,
    pub(crate) budget: i128,
    pub(crate) cost: Vec<i128>,
    /// Rank of the project id in string order (tie-breaking).
    pub(crate) rank: Vec<u32>,
    pub(crate) off: Vec<usize>,
    pub(crate) voters: Vec<u32>,
    /// Score of the voter for the project (may be <= 0 for long ordinal ballots).
    pub(crate) score: Vec<i64>,
    pub(crate) total_score: Vec<i128>,
    pub(crate) approval: bool,
    pub(crate) money_unit: i128,
}

impl Prepared {
    /// Derives the supporter lists from an election.
    pub fn new(e: &Election) -> Result<Prepared, Error> {
        let np = e.projects.len();
        let n = e.num_voters();
        let max_length: i64 = match e.vote_type {
            VoteType::Ordinal => match e.meta("max_length") {
                Some(v) => v.trim().parse().map_err(|_| {
                    Error::Unsupported(format!("META max_length is not an integer: `{v}`"))
                })?,
                None => (0..n)
                    .map(|v| e.ballots.projects(v).len())
                    .max()
                    .unwrap_or(0) as i64,
            },
            _ => 0,
        };
        let mut count = vec![0usize; np + 1];
        for v in 0..n {
            for &p in e.ballots.projects(v) {
                count[p as usize + 1] += 1;
            }
        }
        for i in 0..np {
            count[i + 1] += count[i];
        }
        let off = count.clone();
        let mut fill = count;
        let total = e.ballots.num_entries();
        let mut voters = vec![0u32; total];
        let mut score = vec![0i64; total];
        for v in 0..n {
            let items = e.ballots.projects(v);
            let pts = e.ballots.points(v);
            for (pos, &p) in items.iter().enumerate() {
                let s = match e.vote_type {
                    VoteType::Approval | VoteType::Choose1 => 1,
                    VoteType::Cumulative | VoteType::Scoring => pts.get(pos).copied().unwrap_or(0),
                    VoteType::Ordinal => max_length - pos as i64,
                };
                let slot = &mut fill[p as usize];
                voters[*slot] = v as u32;
                score[*slot] = s;
                *slot += 1;
            }
        }
        let total_score = (0..np)
            .map(|p| {
                score[off[p]..off[p + 1]]
                    .iter()
                    .map(|&s| i128::from(s))
                    .sum()
            })
            .collect();
        let mut order: Vec<usize> = (0..np).collect();
        order.sort_by(|&a, &b| e.projects[a].id.cmp(&e.projects[b].id));
        let mut rank = vec![0u32; np];
        for (r, &p) in order.iter().enumerate() {
            rank[p] = r as u32;
        }
        Ok(Prepared {
            n,
            budget: e.budget,
            cost: e.projects.iter().map(|p| p.cost).collect(),
            rank,
            off,
            voters,
            score,
            total_score,
            approval: matches!(e.vote_type, VoteType::Approval | VoteType::Choose1),
            money_unit: 10i128.pow(e.money_scale),
        })
    }

    /// Total score per project (approvals, points or positional points).
    pub fn total_scores(&self) -> &[i128] {
        &self.total_score
    }

    pub(crate) fn num_projects(&self) -> usize {
        self.cost.len()
    }
}

/// Runs a rule on an election.
pub fn tally(e: &Election, rule: Rule) -> Result<Outcome, Error> {
    let prep = Prepared::new(e)?;
    tally_prepared(&prep, rule)
}

/// Runs a rule on prepared data (see [`Prepared::new`]).
pub fn tally_prepared(prep: &Prepared, rule: Rule) -> Result<Outcome, Error> {
    let np = prep.num_projects();
    let mut projects: Vec<ProjectExplanation> = (0..np)
        .map(|p| ProjectExplanation {
            project: p,
            selected: false,
            score: prep.total_score[p],
            mes: None,
            greedy: None,
        })
        .collect();
    let (selected, mes_summary) = match rule {
        Rule::Greedy => {
            let sel = greedy::greedy(prep, &[], &mut projects);
            (sel, None)
        }
        Rule::Mes | Rule::MesAdd1 | Rule::MesAdd1Greedy => {
            let add1 = rule != Rule::Mes;
            let (mut sel, summary) = mes::mes(prep, add1, &mut projects)?;
            if rule == Rule::MesAdd1Greedy && !exhaustive(prep, &sel, 0..np) {
                let more = greedy::greedy(prep, &sel, &mut projects);
                sel.extend(more);
            }
            (sel, Some(summary))
        }
    };
    for &p in &selected {
        projects[p].selected = true;
    }
    let total_cost = selected.iter().map(|&p| prep.cost[p]).sum();
    Ok(Outcome {
        rule,
        selected,
        total_cost,
        projects,
        mes: mes_summary,
    })
}

/// pabutools' `Instance.is_exhaustive(selection, available_projects)`.
pub(crate) fn exhaustive(
    prep: &Prepared,
    sel: &[usize],
    available: impl Iterator<Item = usize>,
) -> bool {
    let cost: i128 = sel.iter().map(|&p| prep.cost[p]).sum();
    let mut in_sel = vec![false; prep.num_projects()];
    for &p in sel {
        in_sel[p] = true;
    }
    for p in available {
        if !in_sel[p] && cost + prep.cost[p] <= prep.budget {
            return false;
        }
    }
    true
}
