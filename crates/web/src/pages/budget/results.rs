//! The published result: a chart and a table, each project with a sentence
//! per stage of the rule on why it was or was not selected, and the check
//! of a receipt code.

use super::euro;
use crate::ctx::Ctx;
use crate::error::AppResult;
use crate::i18n::{format_int, Lang};
use crate::render::page;
use axum::extract::{Path, Query};
use serde::{Deserialize, Serialize};
use teilhabe_domain::budget::{receipt_hash, AllocationRule, BallotKind};
use teilhabe_store::budget::{BudgetResults, GreedyExplanation, MesExplanation, ResultProject};

/// One sentence per stage of the rule: why the project was or was not
/// selected, in the visitor's language.
pub fn explain(ctx: &Ctx, p: &ResultProject) -> String {
    let t = |k: &str, a: &[(&str, String)]| ctx.state.i18n.t(ctx.lang, k, a);
    let e = |v: f64| euro_cents(v, ctx.lang);
    let n = |v: u32| format_int(v as i64, ctx.lang);
    let mut parts = Vec::new();
    match &p.mes {
        Some(MesExplanation::Selected { step, payments }) => {
            let groups: Vec<String> = payments
                .iter()
                .take(4)
                .map(|(amount, voters, whole)| {
                    let key = if *whole && amount.abs() < 0.005 {
                        "budget-why-paid-nothing"
                    } else if *whole {
                        "budget-why-paid-all"
                    } else {
                        "budget-why-paid"
                    };
                    t(key, &[("count", n(*voters)), ("amount", e(*amount))])
                })
                .collect();
            let mut list = groups.join(", ");
            if payments.len() > 4 {
                list.push_str(", ");
                list.push_str(&t(
                    "budget-why-paid-more",
                    &[("count", (payments.len() - 4).to_string())],
                ));
            }
            parts.push(t(
                "budget-why-mes-selected",
                &[("step", step.to_string()), ("payments", list)],
            ));
        }
        Some(MesExplanation::SelectedFree) => parts.push(t("budget-why-mes-free", &[])),
        Some(MesExplanation::Unaffordable {
            after,
            supporters_money,
        }) => parts.push(match after {
            Some(a) => t(
                "budget-why-mes-unaffordable-after",
                &[("after", a.clone()), ("money", e(*supporters_money))],
            ),
            None => t(
                "budget-why-mes-unaffordable",
                &[("money", e(*supporters_money))],
            ),
        }),
        Some(MesExplanation::NoSupporters) => parts.push(t("budget-why-no-supporters", &[])),
        None => {}
    }
    // After equal shares, greedy only fills up what is left.
    let fill = p.mes.is_some();
    match &p.greedy {
        Some(GreedyExplanation::Selected {
            step,
            remaining_after,
        }) => parts.push(t(
            if fill {
                "budget-why-fill-selected"
            } else {
                "budget-why-greedy-selected"
            },
            &[
                ("step", step.to_string()),
                ("left", euro(*remaining_after, ctx.lang)),
            ],
        )),
        Some(GreedyExplanation::DidNotFit { remaining, after }) => parts.push(match after {
            Some(a) => t(
                if fill {
                    "budget-why-fill-no-fit-after"
                } else {
                    "budget-why-greedy-no-fit-after"
                },
                &[("left", euro(*remaining, ctx.lang)), ("after", a.clone())],
            ),
            None => t(
                if fill {
                    "budget-why-fill-no-fit"
                } else {
                    "budget-why-greedy-no-fit"
                },
                &[("left", euro(*remaining, ctx.lang))],
            ),
        }),
        None => {}
    }
    parts.join(" ")
}

/// An amount in euros with cents where it has any: "1.234,56 €", "94 €".
fn euro_cents(v: f64, lang: Lang) -> String {
    let cents = (v * 100.0).round() as i64;
    if cents % 100 == 0 {
        return euro(cents / 100, lang);
    }
    let sep = if lang == Lang::De { ',' } else { '.' };
    format!(
        "{}{sep}{:02}\u{a0}€",
        format_int(cents / 100, lang),
        (cents % 100).abs()
    )
}

#[derive(Serialize)]
struct Bar {
    title: String,
    /// Points (cumulative) or positional points (ranking).
    score: i64,
    /// The title shortened for the chart (the table has it in full).
    label: String,
    votes: i64,
    cost_text: String,
    selected: bool,
    greedy_selected: bool,
    why: String,
    proposal_id: i64,
    y: i64,
    width: i64,
}

#[derive(Deserialize)]
pub(super) struct ReceiptQuery {
    receipt: Option<String>,
}

fn results_context(ctx: &Ctx, r: &BudgetResults) -> (Vec<Bar>, i64) {
    let max = r
        .result
        .projects
        .iter()
        .map(|p| p.votes)
        .max()
        .unwrap_or(0)
        .max(1);
    let bars = r
        .result
        .projects
        .iter()
        .enumerate()
        .map(|(i, p)| Bar {
            title: p.title.clone(),
            score: p.score,
            label: if p.title.chars().count() > 90 {
                format!("{}…", p.title.chars().take(89).collect::<String>())
            } else {
                p.title.clone()
            },
            votes: p.votes,
            cost_text: euro(p.cost, ctx.lang),
            selected: p.selected,
            greedy_selected: p.greedy_selected,
            why: explain(ctx, p),
            proposal_id: p.proposal_id,
            y: i as i64 * 34,
            width: p.votes * 400 / max,
        })
        .collect::<Vec<_>>();
    let height = bars.len() as i64 * 34 + 10;
    (bars, height)
}

pub(super) async fn results(
    ctx: Ctx,
    Path(id): Path<i64>,
    Query(q): Query<ReceiptQuery>,
) -> AppResult {
    let r = ctx
        .state
        .store
        .budgets()
        .results(&ctx.tenant, &ctx.actor, id)
        .await?;
    let (bars, chart_height) = results_context(&ctx, &r);
    let check = q.receipt.filter(|s| !s.trim().is_empty()).map(|code| {
        if code.chars().count() > 40 {
            return (code.chars().take(40).collect::<String>(), false);
        }
        let found = r.result.receipt_hashes.contains(&receipt_hash(&code));
        (code, found)
    });
    let differs = r.result.rule != AllocationRule::Greedy
        && r.result
            .projects
            .iter()
            .any(|p| p.selected != p.greedy_selected);
    page(
        &ctx,
        "budget/results.html",
        minijinja::context! {
            budget => r.budget, process => r.process, result => r.result,
            bars, chart_height, turnout => r.turnout,
            amount_text => euro(r.result.amount, ctx.lang),
            total_text => euro(r.result.total_cost, ctx.lang),
            unspent_text => euro(r.result.amount - r.result.total_cost, ctx.lang),
            greedy_total_text => euro(r.result.greedy_total_cost, ctx.lang),
            share_text => r.result.voter_share.map(|s| euro(s.round() as i64, ctx.lang)),
            rule => r.result.rule.as_str(),
            show_score => matches!(r.result.ballot_kind, BallotKind::Cumulative | BallotKind::Ranking),
            differs,
            check_code => check.as_ref().map(|c| c.0.clone()),
            check_found => check.map(|c| c.1),
        },
    )
}
