//! Downloads of a published budget: the Pabulib election (.pb), the result
//! as CSV and JSON, and the anonymized ballots.

use super::results::explain;
use crate::ctx::Ctx;
use crate::error::{AppError, AppResult};
use axum::extract::Path;
use axum::http::{header, HeaderValue};
use axum::response::{IntoResponse, Response};
use teilhabe_store::budget::BudgetResults;

fn csv_field(s: &str) -> String {
    // Cells that a spreadsheet would run as a formula are prefixed.
    let s = teilhabe_domain::spreadsheet::defuse(s);
    format!("\"{}\"", s.replace('"', "\"\""))
}

fn download(body: Vec<u8>, content_type: &'static str, name: String) -> Response {
    let mut r = body.into_response();
    r.headers_mut()
        .insert(header::CONTENT_TYPE, HeaderValue::from_static(content_type));
    if let Ok(v) = HeaderValue::from_str(&format!("attachment; filename=\"{name}\"")) {
        r.headers_mut().insert(header::CONTENT_DISPOSITION, v);
    }
    r
}

/// The result as the JSON of the exports and the API.
pub fn result_json(r: &BudgetResults) -> serde_json::Value {
    serde_json::json!({
        "budget": {
            "id": r.budget.id, "name": r.budget.name, "district": r.budget.district,
            "amount": r.budget.amount, "currency": "EUR",
            "ballot_kind": r.budget.ballot_kind.as_str(), "ballot_limit": r.budget.ballot_limit,
            "rule": r.budget.rule.as_str(), "published_at": r.budget.published_at,
        },
        "voters": r.result.voters,
        "selected": r.result.selected,
        "total_cost": r.result.total_cost,
        "unspent": r.result.amount - r.result.total_cost,
        "voter_share": r.result.voter_share,
        "projects": r.result.projects,
        "receipt_hashes": r.result.receipt_hashes,
        "turnout": r.turnout,
    })
}

pub(super) async fn export(ctx: Ctx, Path((id, format)): Path<(i64, String)>) -> AppResult {
    let store = &ctx.state.store;
    let name = format!("teilhabe-budget-{id}");
    match format.as_str() {
        "pb" => {
            let (_, election, _) = store.budgets().export(&ctx.tenant, &ctx.actor, id).await?;
            let mut out = Vec::new();
            election
                .write(&mut out)
                .map_err(|e| AppError::Internal(e.to_string()))?;
            Ok(download(
                out,
                "text/plain; charset=utf-8",
                format!("{name}.pb"),
            ))
        }
        "csv" => {
            let r = store.budgets().results(&ctx.tenant, &ctx.actor, id).await?;
            let mut s = String::from("project_id;proposal_id;title;cost;votes;score;selected;selected_by_greedy;explanation\n");
            for p in &r.result.projects {
                s.push_str(&format!(
                    "{};{};{};{};{};{};{};{};{}\n",
                    p.project_id,
                    p.proposal_id,
                    csv_field(&p.title),
                    p.cost,
                    p.votes,
                    p.score,
                    p.selected as u8,
                    p.greedy_selected as u8,
                    csv_field(&explain(&ctx, p))
                ));
            }
            Ok(download(
                s.into_bytes(),
                "text/csv; charset=utf-8",
                format!("{name}.csv"),
            ))
        }
        "ballots.csv" => {
            let (_, _, ballots) = store.budgets().export(&ctx.tenant, &ctx.actor, id).await?;
            let mut s = String::from("voter;channel;project_id;points;position\n");
            for b in &ballots {
                for (i, c) in b.choices.iter().enumerate() {
                    s.push_str(&format!(
                        "{};{};{};{};{}\n",
                        b.voter,
                        b.channel,
                        c.project,
                        c.points,
                        i + 1
                    ));
                }
            }
            Ok(download(
                s.into_bytes(),
                "text/csv; charset=utf-8",
                format!("{name}-ballots.csv"),
            ))
        }
        "json" => {
            let r = store.budgets().results(&ctx.tenant, &ctx.actor, id).await?;
            let (_, _, ballots) = store.budgets().export(&ctx.tenant, &ctx.actor, id).await?;
            let mut doc = result_json(&r);
            doc["ballots"] = serde_json::to_value(&ballots)
                .map_err(|e| AppError::internal("budget ballots as JSON", &e))?;
            Ok(download(
                serde_json::to_vec_pretty(&doc)
                    .map_err(|e| AppError::internal("budget export as JSON", &e))?,
                "application/json",
                format!("{name}.json"),
            ))
        }
        _ => Err(AppError::NotFound),
    }
}
