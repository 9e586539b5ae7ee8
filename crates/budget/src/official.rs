//! The official result carried by a `.pb` file.

use serde::Serialize;

use crate::pb::Election;

/// What the file says about the official result.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Official {
    /// META `rule` (e.g. `greedy`, `greedy-threshold`, `unknown`).
    pub rule: Option<String>,
    /// META `min_project_score_threshold`: projects below it were not eligible
    /// officially; pabutools (and the rules here) ignore it.
    pub min_project_score_threshold: Option<String>,
    /// Projects marked in the PROJECTS column `selected` (value other than 0),
    /// in file order, if the column exists.
    pub selected: Option<Vec<usize>>,
}

impl Official {
    /// Reads the official result from an election.
    pub fn of(e: &Election) -> Official {
        let col = e.project_header.iter().position(|c| c == "selected");
        Official {
            rule: e.meta("rule").map(str::to_string),
            min_project_score_threshold: e.meta("min_project_score_threshold").map(str::to_string),
            selected: col.map(|c| {
                (0..e.projects.len())
                    .filter(|&p| {
                        let v = e.projects[p].fields.get(c).map(|s| s.trim()).unwrap_or("");
                        !v.is_empty() && v != "0" && !v.eq_ignore_ascii_case("none")
                    })
                    .collect()
            }),
        }
    }

    /// Total cost of the officially selected projects.
    pub fn total_cost(&self, e: &Election) -> Option<i128> {
        self.selected
            .as_ref()
            .map(|s| s.iter().map(|&p| e.projects[p].cost).sum())
    }
}

/// The official rule recomputed from the ballots, for META `rule` `greedy` and
/// `greedy-threshold`: projects by total score (ties: id), only those with a
/// score of at least META `min_project_score_threshold`, each taken if it fits.
/// `None` for other rules.
pub fn recompute(e: &Election, prep: &crate::rules::Prepared) -> Option<Vec<usize>> {
    let rule = e.meta("rule")?;
    if rule != "greedy" && rule != "greedy-threshold" {
        return None;
    }
    let threshold: i128 = match e.meta("min_project_score_threshold") {
        Some(t) => crate::decimal::Decimal::parse(t)
            .ok()?
            .scaled(e.points_scale),
        None => i128::MIN,
    };
    let scores = prep.total_scores();
    let mut order: Vec<usize> = (0..e.projects.len()).collect();
    order.sort_by(|&a, &b| {
        scores[b]
            .cmp(&scores[a])
            .then(e.projects[a].id.cmp(&e.projects[b].id))
    });
    let mut remaining = e.budget;
    let mut sel = Vec::new();
    for p in order {
        if scores[p] >= threshold && e.projects[p].cost <= remaining {
            remaining -= e.projects[p].cost;
            sel.push(p);
        }
    }
    Some(sel)
}
