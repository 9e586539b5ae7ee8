//! Human-readable explanations, JSON and table output of an outcome.

use std::io::Write;

use serde_json::{json, Value};

use crate::error::Error;
use crate::official::Official;
use crate::pb::Election;
use crate::rules::{GreedyNote, MesNote, Outcome};

/// Money amount as a JSON number (integer when whole).
pub fn money_json(e: &Election, v: i128) -> Value {
    let s = e.format_money(v);
    if let Ok(i) = s.parse::<i64>() {
        Value::from(i)
    } else {
        s.parse::<f64>()
            .map(Value::from)
            .unwrap_or(Value::String(s))
    }
}

fn name(e: &Election, p: usize) -> String {
    format!("`{}`", e.projects[p].id)
}

fn money(e: &Election, v: i128) -> String {
    e.format_money(v)
}

fn money_f(v: f64) -> String {
    if (v - v.round()).abs() < 0.005 {
        format!("{:.0}", v)
    } else {
        format!("{:.2}", v)
    }
}

/// Why project `p` was selected or not, in one or two sentences.
pub fn explain(e: &Election, o: &Outcome, p: usize) -> String {
    let x = &o.projects[p];
    let mut parts = Vec::new();
    match &x.mes {
        Some(MesNote::Selected { step, payments, .. }) => {
            let mut s = format!("selected by equal shares as project #{step}: ");
            let descr: Vec<String> = payments
                .iter()
                .map(|g| {
                    if g.whole_share && g.amount == 0.0 {
                        format!("{} supporter(s) had nothing left", g.voters)
                    } else if g.whole_share {
                        format!(
                            "{} supporter(s) paid all they had left ({} each)",
                            g.voters,
                            money_f(g.amount)
                        )
                    } else {
                        format!("{} supporter(s) paid {} each", g.voters, money_f(g.amount))
                    }
                })
                .take(6)
                .collect();
            s.push_str(&descr.join(", "));
            if payments.len() > 6 {
                s.push_str(&format!(", and {} more payment groups", payments.len() - 6));
            }
            parts.push(s);
        }
        Some(MesNote::SelectedFree) => {
            parts.push("selected: it costs nothing and has supporters".into())
        }
        Some(MesNote::Unaffordable {
            after,
            supporters_money,
        }) => {
            let when = match after {
                Some(q) => format!("after {} was bought", name(e, *q)),
                None => "from the start".to_string(),
            };
            parts.push(format!(
                "not selected by equal shares: {when}, its supporters' remaining shares ({}) were too small for its cost ({})",
                money_f(*supporters_money),
                money(e, e.projects[p].cost)
            ));
        }
        Some(MesNote::NoSupporters) => {
            parts.push("no voter supported it (not considered by equal shares)".into())
        }
        None => {}
    }
    match &x.greedy {
        Some(GreedyNote::Selected {
            step,
            remaining_after,
        }) => parts.push(format!(
            "selected by greedy{} as project #{step} (score {}); {} left afterwards",
            if x.mes.is_some() { " completion" } else { "" },
            x.score,
            money(e, *remaining_after)
        )),
        Some(GreedyNote::DidNotFit { remaining, after }) => {
            let when = match after {
                Some(q) => format!(" after {}", name(e, *q)),
                None => String::new(),
            };
            parts.push(format!(
                "not selected by greedy{}: its cost ({}) did not fit the remaining budget ({}){when}",
                if x.mes.is_some() { " completion" } else { "" },
                money(e, e.projects[p].cost),
                money(e, *remaining),
            ));
        }
        None => {}
    }
    parts.join("; then ")
}

/// JSON document of an outcome.
pub fn to_json(e: &Election, o: &Outcome, file: Option<&str>) -> Value {
    let official = Official::of(e);
    let projects: Vec<Value> = (0..e.projects.len())
        .map(|p| {
            let x = &o.projects[p];
            let mut v = json!({
                "id": e.projects[p].id,
                "cost": money_json(e, e.projects[p].cost),
                "score": x.score,
                "selected": x.selected,
                "reason": explain(e, o, p),
            });
            if let Some(n) = e.project_field(p, "name") {
                v["name"] = Value::from(n);
            }
            if let Some(m) = &x.mes {
                v["mes"] = serde_json::to_value(m).unwrap_or(Value::Null);
            }
            if let Some(g) = &x.greedy {
                v["greedy"] = serde_json::to_value(g).unwrap_or(Value::Null);
            }
            v
        })
        .collect();
    let mut doc = json!({
        "file": file,
        "rule": o.rule.as_str(),
        "rule_description": o.rule.describe(),
        "vote_type": e.vote_type.as_str(),
        "budget": money_json(e, e.budget),
        "voters": e.num_voters(),
        "selected": o.selected.iter().map(|&p| e.projects[p].id.as_str()).collect::<Vec<_>>(),
        "total_cost": money_json(e, o.total_cost),
        "unspent": money_json(e, e.budget - o.total_cost),
        "projects": projects,
    });
    if let Some(m) = &o.mes {
        doc["mes"] = serde_json::to_value(m).unwrap_or(Value::Null);
    }
    let recomputed = crate::rules::Prepared::new(e)
        .ok()
        .and_then(|prep| crate::official::recompute(e, &prep));
    doc["official"] = json!({
        "recomputed": recomputed.as_ref().map(|s| s.iter().map(|&p| e.projects[p].id.as_str()).collect::<Vec<_>>()),
        "recomputed_matches_file": match (&recomputed, &official.selected) {
            (Some(r), Some(s)) => {
                let mut r = r.clone();
                r.sort_unstable();
                Some(r == *s)
            }
            _ => None,
        },
        "rule": official.rule,
        "min_project_score_threshold": official.min_project_score_threshold,
        "selected": official.selected.as_ref().map(|s| s.iter().map(|&p| e.projects[p].id.as_str()).collect::<Vec<_>>()),
        "total_cost": official.total_cost(e).map(|c| money_json(e, c)),
    });
    doc
}

/// Readable table of an outcome.
pub fn write_table(
    e: &Election,
    o: &Outcome,
    file: Option<&str>,
    out: &mut impl Write,
) -> Result<(), Error> {
    if let Some(f) = file {
        writeln!(out, "file:      {f}")?;
    }
    writeln!(
        out,
        "rule:      {} - {}",
        o.rule.as_str(),
        o.rule.describe()
    )?;
    writeln!(
        out,
        "ballots:   {} ({})",
        e.num_voters(),
        e.vote_type.as_str()
    )?;
    writeln!(out, "budget:    {}", money(e, e.budget))?;
    writeln!(
        out,
        "selected:  {} of {} projects, total cost {}, unspent {}",
        o.selected.len(),
        e.projects.len(),
        money(e, o.total_cost),
        money(e, e.budget - o.total_cost)
    )?;
    if let Some(m) = &o.mes {
        writeln!(
            out,
            "shares:    {} per voter ({} one-unit increments, {} MES runs)",
            money_f(m.voter_share),
            m.increments,
            m.runs
        )?;
    }
    let official = Official::of(e);
    if let Some(sel) = &official.selected {
        let ours: std::collections::BTreeSet<usize> = o.selected.iter().copied().collect();
        let theirs: std::collections::BTreeSet<usize> = sel.iter().copied().collect();
        let only_ours: Vec<String> = ours
            .difference(&theirs)
            .map(|&p| e.projects[p].id.clone())
            .collect();
        let only_official: Vec<String> = theirs
            .difference(&ours)
            .map(|&p| e.projects[p].id.clone())
            .collect();
        writeln!(
            out,
            "official:  rule {}{}: {} projects, total cost {}; only here: [{}]; only official: [{}]",
            official.rule.as_deref().unwrap_or("?"),
            official
                .min_project_score_threshold
                .as_deref()
                .map(|t| format!(" (min score {t}, ignored here)"))
                .unwrap_or_default(),
            sel.len(),
            money(e, official.total_cost(e).unwrap_or(0)),
            only_ours.join(", "),
            only_official.join(", ")
        )?;
    }
    if let Some(r) = crate::rules::Prepared::new(e)
        .ok()
        .and_then(|prep| crate::official::recompute(e, &prep))
    {
        let mut ids: Vec<&str> = r.iter().map(|&p| e.projects[p].id.as_str()).collect();
        ids.sort_unstable();
        let matches = official.selected.as_ref().map(|s| {
            let mut r = r.clone();
            r.sort_unstable();
            r == *s
        });
        writeln!(
            out,
            "           official rule recomputed from the ballots: {} projects{}",
            r.len(),
            match matches {
                Some(true) => ", same as the file's `selected` column",
                Some(false) => ", differs from the file's `selected` column",
                None => "",
            }
        )?;
    }
    writeln!(out)?;
    let mut order: Vec<usize> = o.selected.clone();
    let mut rest: Vec<usize> = (0..e.projects.len())
        .filter(|p| !o.projects[*p].selected)
        .collect();
    rest.sort_by(|&a, &b| {
        o.projects[b]
            .score
            .cmp(&o.projects[a].score)
            .then(e.projects[a].id.cmp(&e.projects[b].id))
    });
    order.extend(rest);
    let idw = e
        .projects
        .iter()
        .map(|p| p.id.chars().count())
        .max()
        .unwrap_or(2)
        .max(2);
    let costw = e
        .projects
        .iter()
        .map(|p| money(e, p.cost).len())
        .max()
        .unwrap_or(4)
        .max(4);
    writeln!(
        out,
        "  {:<idw$}  {:>costw$}  {:>8}  {:<3}  why",
        "id", "cost", "score", "sel"
    )?;
    for p in order {
        let x = &o.projects[p];
        writeln!(
            out,
            "  {:<idw$}  {:>costw$}  {:>8}  {:<3}  {}",
            e.projects[p].id,
            money(e, e.projects[p].cost),
            x.score,
            if x.selected { "yes" } else { "no" },
            explain(e, o, p)
        )?;
    }
    Ok(())
}
