//! Greedy by total score (pabutools `greedy_utilitarian_welfare` with
//! satisfaction score x cost).

use serde::Serialize;

use super::{Prepared, ProjectExplanation};

/// The greedy stage of a project.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(tag = "result", rename_all = "kebab-case")]
pub enum GreedyNote {
    /// Taken as the `step`-th project of the greedy stage.
    Selected {
        step: usize,
        /// Budget left after taking it (scaled units).
        remaining_after: i128,
    },
    /// Did not fit into the remaining budget.
    DidNotFit {
        /// Budget left when it was its turn (scaled units).
        remaining: i128,
        /// Last project taken before its turn (if any).
        after: Option<usize>,
    },
}

/// Greedy completion of `initial`; returns the newly selected projects in order.
pub(crate) fn greedy(
    prep: &Prepared,
    initial: &[usize],
    notes: &mut [ProjectExplanation],
) -> Vec<usize> {
    let np = prep.num_projects();
    let mut taken = vec![false; np];
    for &p in initial {
        taken[p] = true;
    }
    // satisfaction density = total (score x cost) / cost = total score
    let density = |p: usize| -> i128 {
        if prep.cost[p] > 0 && prep.total_score[p] > 0 {
            prep.total_score[p]
        } else {
            0
        }
    };
    let mut order: Vec<usize> = (0..np).filter(|&p| !taken[p]).collect();
    order.sort_by(|&a, &b| {
        density(b)
            .cmp(&density(a))
            .then(prep.rank[a].cmp(&prep.rank[b]))
    });
    let mut remaining = prep.budget - initial.iter().map(|&p| prep.cost[p]).sum::<i128>();
    let mut last = initial.last().copied();
    let mut sel = Vec::new();
    for p in order {
        if prep.cost[p] <= remaining {
            remaining -= prep.cost[p];
            sel.push(p);
            notes[p].greedy = Some(GreedyNote::Selected {
                step: sel.len(),
                remaining_after: remaining,
            });
            last = Some(p);
        } else {
            notes[p].greedy = Some(GreedyNote::DidNotFit {
                remaining,
                after: last,
            });
        }
    }
    sel
}
