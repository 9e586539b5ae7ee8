//! Participatory budgeting pages (issue 5): the budgets of a process, the
//! ballot (works without JavaScript; a small script updates the remaining
//! money live), the receipt, the results with an SVG chart and a table,
//! the exports, and the staff pages for setup, review, paper ballots and
//! publication.

use crate::ctx::{Ctx, Post};
use crate::error::{AppError, AppResult};
use crate::i18n::{format_int, Lang};
use crate::render::{page, page_with_status, see_other, with_notice};
use crate::AppState;
use axum::extract::{Path, Query};
use axum::http::{header, HeaderValue, StatusCode};
use axum::response::{IntoResponse, Response};
use axum::routing::{get, post};
use axum::Router;
use serde::{Deserialize, Serialize};
use teilhabe_domain::budget::{
    parse_amount, receipt_hash, AllocationRule, BallotChoice, BallotKind, BudgetInput,
};
use teilhabe_domain::permission::{decide, Action, Target};
use teilhabe_domain::process::Form;
use teilhabe_domain::FieldErrors;
use teilhabe_store::budget::{
    BudgetDetail, BudgetResults, GreedyExplanation, MesExplanation, ResultProject,
};
use teilhabe_store::StoreError;

pub const BUDGET_JS: &str = include_str!("../../static/budget.js");

pub fn routes() -> Router<AppState> {
    Router::new()
        .route("/static/budget.js", get(script))
        .route(
            "/processes/{slug}/budgets",
            get(overview).post(create_budget),
        )
        .route("/processes/{slug}/budgets/manage", get(manage))
        .route("/budgets/{id}", get(ballot_page))
        .route("/budgets/{id}/ballot", post(cast))
        .route("/budgets/{id}/results", get(results))
        .route("/budgets/{id}/export/{format}", get(export))
        .route("/budgets/{id}/settings", post(update_budget))
        .route("/budgets/{id}/projects", post(add_project))
        .route("/budget-projects/{id}/review", post(review))
        .route("/budgets/{id}/publish", post(publish))
        .route("/budgets/{id}/paper", get(paper_page).post(paper_entry))
}

async fn script() -> Response {
    let mut r = BUDGET_JS.into_response();
    r.headers_mut().insert(
        header::CONTENT_TYPE,
        HeaderValue::from_static("text/javascript; charset=utf-8"),
    );
    r.headers_mut().insert(
        header::CACHE_CONTROL,
        HeaderValue::from_static("public, max-age=3600"),
    );
    r
}

/// Field errors translated; amounts (`*_eur` arguments) in the language's
/// number format, so the limit reads "150.000 €".
pub fn error_texts(ctx: &Ctx, fe: &FieldErrors) -> Vec<(String, String)> {
    fe.0.iter()
        .map(|e| {
            let args: Vec<(&str, String)> = e
                .args
                .iter()
                .map(|(k, v)| {
                    if k.ends_with("_eur") {
                        (*k, euro(v.parse().unwrap_or(0), ctx.lang))
                    } else {
                        (*k, v.clone())
                    }
                })
                .collect();
            (
                e.field.to_string(),
                ctx.state.i18n.t(ctx.lang, e.key, &args),
            )
        })
        .collect()
}

fn euro(v: i64, lang: Lang) -> String {
    format!("{}\u{a0}€", format_int(v, lang))
}

async fn overview(ctx: Ctx, Path(slug): Path<String>) -> AppResult {
    let (process, budgets) = ctx
        .state
        .store
        .budgets(&ctx.tenant, &ctx.actor, &slug)
        .await?;
    let facts = process.facts();
    let can_manage = decide(&ctx.actor, Action::ManageBudget, &Target::Process(&facts)).is_ok();
    page(
        &ctx,
        "budget_overview.html",
        minijinja::context! {
            process, budgets, can_manage,
            voting_open => facts.form_open(Form::BudgetVoting),
        },
    )
}

/// The ballot as entered: from the form's repeated fields.
fn choices_from(
    kind: BallotKind,
    pairs: &[(String, String)],
) -> Result<Vec<BallotChoice>, FieldErrors> {
    let mut e = FieldErrors::new();
    let mut out = Vec::new();
    match kind {
        BallotKind::Approval | BallotKind::Knapsack => {
            for (k, v) in pairs {
                if k == "project" {
                    match v.trim().parse() {
                        Ok(project) => out.push(BallotChoice { project, points: 1 }),
                        Err(_) => e.add("ballot", "error-ballot-unknown-project"),
                    }
                }
            }
        }
        BallotKind::Cumulative => {
            for (k, v) in pairs {
                if let Some(id) = k.strip_prefix("points_") {
                    let v = v.trim();
                    if v.is_empty() || v == "0" {
                        continue;
                    }
                    match (id.parse(), v.parse::<i64>()) {
                        (Ok(project), Ok(points)) if (0..=1000).contains(&points) => {
                            if points > 0 {
                                out.push(BallotChoice { project, points })
                            }
                        }
                        _ => e.add("ballot", "error-ballot-points-positive"),
                    }
                }
            }
        }
        BallotKind::Ranking => {
            let mut ranked: Vec<(i64, i64)> = Vec::new();
            for (k, v) in pairs {
                if let Some(id) = k.strip_prefix("rank_") {
                    let v = v.trim();
                    if v.is_empty() {
                        continue;
                    }
                    match (id.parse::<i64>(), v.parse::<i64>()) {
                        (Ok(project), Ok(rank)) if (1..=100).contains(&rank) => {
                            ranked.push((rank, project))
                        }
                        _ => e.add("ballot", "error-ballot-rank"),
                    }
                }
            }
            ranked.sort();
            if ranked.windows(2).any(|w| w[0].0 == w[1].0) {
                e.add("ballot", "error-ballot-rank-twice");
            }
            out = ranked
                .into_iter()
                .map(|(_, project)| BallotChoice { project, points: 1 })
                .collect();
        }
    }
    if e.is_empty() {
        Ok(out)
    } else {
        // One message per problem is enough.
        e.0.dedup_by(|a, b| a.key == b.key);
        Err(e)
    }
}

#[derive(Serialize)]
struct ProjectRow {
    id: i64,
    proposal_id: i64,
    title: String,
    body: String,
    cost: i64,
    cost_text: String,
    chosen: bool,
    points: i64,
    rank: i64,
    feasible: Option<bool>,
    review_reason: String,
}

#[allow(clippy::too_many_arguments)] // the page's state, each needed once
fn render_ballot(
    ctx: &Ctx,
    d: &BudgetDetail,
    choices: &[BallotChoice],
    errors: Vec<(String, String)>,
    recalculated: bool,
    birth_date: &str,
    status: StatusCode,
) -> AppResult {
    let facts = d.process.facts();
    let can_vote = decide(&ctx.actor, Action::CastBallot, &Target::Process(&facts));
    let voting_open = facts.form_open(Form::BudgetVoting) && d.budget.published_at.is_none();
    let projects: Vec<ProjectRow> = d
        .projects
        .iter()
        .filter(|p| p.feasible == Some(true))
        .map(|p| {
            let pos = choices.iter().position(|c| c.project == p.id);
            ProjectRow {
                id: p.id,
                proposal_id: p.proposal_id,
                title: p.title.clone(),
                body: p.body.chars().take(280).collect(),
                cost: p.cost,
                cost_text: euro(p.cost, ctx.lang),
                chosen: pos.is_some(),
                points: pos.map(|i| choices[i].points).unwrap_or(0),
                rank: pos.map(|i| i as i64 + 1).unwrap_or(0),
                feasible: p.feasible,
                review_reason: p.review_reason.clone(),
            }
        })
        .collect();
    let chosen_cost: i64 = projects.iter().filter(|p| p.chosen).map(|p| p.cost).sum();
    let chosen_points: i64 = choices.iter().map(|c| c.points).sum();
    let not_feasible: Vec<ProjectRow> = d
        .projects
        .iter()
        .filter(|p| p.feasible == Some(false))
        .map(|p| ProjectRow {
            id: p.id,
            proposal_id: p.proposal_id,
            title: p.title.clone(),
            body: String::new(),
            cost: p.cost,
            cost_text: euro(p.cost, ctx.lang),
            chosen: false,
            points: 0,
            rank: 0,
            feasible: p.feasible,
            review_reason: p.review_reason.clone(),
        })
        .collect();
    let b = &d.budget;
    let remaining = b.amount - chosen_cost;
    page_with_status(
        ctx,
        "budget_vote.html",
        minijinja::context! {
            budget => b, process => d.process, projects, not_feasible,
            amount_text => euro(b.amount, ctx.lang),
            chosen_cost_text => euro(chosen_cost, ctx.lang),
            remaining, remaining_text => euro(remaining.abs(), ctx.lang),
            chosen_count => choices.len(), chosen_points,
            limit => b.ballot_limit.unwrap_or(0),
            kind => b.ballot_kind.as_str(),
            voting_open,
            can_vote => can_vote.is_ok(),
            vote_denied => can_vote.err().map(|e| e.message_key()),
            has_ballot => d.my_ballot.is_some(),
            other_district => d.other_district,
            errors, recalculated, birth_date,
            ranks => (1..=b.ballot_limit.unwrap_or(0)).collect::<Vec<_>>(),
        },
        status,
    )
}

async fn ballot_page(ctx: Ctx, Path(id): Path<i64>) -> AppResult {
    let d = ctx
        .state
        .store
        .budget_detail(&ctx.tenant, &ctx.actor, id)
        .await?;
    let mine = d.my_ballot.clone().unwrap_or_default();
    render_ballot(&ctx, &d, &mine, Vec::new(), false, "", StatusCode::OK)
}

#[derive(Deserialize, Default)]
struct CastForm {
    #[serde(default)]
    action: String,
    #[serde(default)]
    birth_date: String,
}

async fn cast(Path(id): Path<i64>, Post { ctx, form, pairs }: Post<CastForm>) -> AppResult {
    let store = &ctx.state.store;
    let d = store.budget_detail(&ctx.tenant, &ctx.actor, id).await?;
    decide(
        &ctx.actor,
        Action::CastBallot,
        &Target::Process(&d.process.facts()),
    )?;
    let choices = match choices_from(d.budget.ballot_kind, &pairs) {
        Ok(c) => c,
        Err(e) => {
            return render_ballot(
                &ctx,
                &d,
                &[],
                error_texts(&ctx, &e),
                false,
                &form.birth_date,
                StatusCode::UNPROCESSABLE_ENTITY,
            )
        }
    };
    if form.action == "recalc" {
        // Without JavaScript: the same page with the remaining money and
        // the limits checked, nothing saved.
        let costs = d
            .projects
            .iter()
            .filter(|p| p.feasible == Some(true))
            .map(|p| (p.id, p.cost))
            .collect();
        let errors = if choices.is_empty() {
            Vec::new()
        } else {
            teilhabe_domain::budget::validate_ballot(&d.budget.settings(), &costs, &choices)
                .err()
                .map(|e| error_texts(&ctx, &e))
                .unwrap_or_default()
        };
        return render_ballot(
            &ctx,
            &d,
            &choices,
            errors,
            true,
            &form.birth_date,
            StatusCode::OK,
        );
    }
    ctx.limit(&ctx.state.limits.contribute, "contribute")?;
    match store
        .cast_ballot(&ctx.tenant, &ctx.actor, id, &choices, &form.birth_date)
        .await
    {
        Ok(receipt) => {
            let mut r = page(
                &ctx,
                "budget_receipt.html",
                minijinja::context! { budget => d.budget, process => d.process, receipt },
            )?;
            // The code is shown once: not kept by the browser or a proxy.
            r.headers_mut()
                .insert(header::CACHE_CONTROL, HeaderValue::from_static("no-store"));
            Ok(r)
        }
        Err(StoreError::Invalid(e)) => render_ballot(
            &ctx,
            &d,
            &choices,
            error_texts(&ctx, &e),
            false,
            &form.birth_date,
            StatusCode::UNPROCESSABLE_ENTITY,
        ),
        Err(e) => Err(e.into()),
    }
}

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
struct ReceiptQuery {
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

async fn results(ctx: Ctx, Path(id): Path<i64>, Query(q): Query<ReceiptQuery>) -> AppResult {
    let r = ctx
        .state
        .store
        .budget_results(&ctx.tenant, &ctx.actor, id)
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
        "budget_results.html",
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

fn csv_field(s: &str) -> String {
    // Cells that a spreadsheet would run as a formula are prefixed.
    let s = if s.starts_with(['=', '+', '-', '@']) {
        format!("'{s}")
    } else {
        s.to_string()
    };
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

async fn export(ctx: Ctx, Path((id, format)): Path<(i64, String)>) -> AppResult {
    let store = &ctx.state.store;
    let name = format!("teilhabe-budget-{id}");
    match format.as_str() {
        "pb" => {
            let (_, election, _) = store.budget_export(&ctx.tenant, &ctx.actor, id).await?;
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
            let r = store.budget_results(&ctx.tenant, &ctx.actor, id).await?;
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
            let (_, _, ballots) = store.budget_export(&ctx.tenant, &ctx.actor, id).await?;
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
            let r = store.budget_results(&ctx.tenant, &ctx.actor, id).await?;
            let (_, _, ballots) = store.budget_export(&ctx.tenant, &ctx.actor, id).await?;
            let mut doc = result_json(&r);
            doc["ballots"] = serde_json::to_value(&ballots).unwrap_or_default();
            Ok(download(
                serde_json::to_vec_pretty(&doc).unwrap_or_default(),
                "application/json",
                format!("{name}.json"),
            ))
        }
        _ => Err(AppError::NotFound),
    }
}

// ---- Staff pages ----

#[derive(Deserialize, Default)]
struct BudgetForm {
    #[serde(default)]
    name: String,
    #[serde(default)]
    district: String,
    #[serde(default)]
    amount: String,
    #[serde(default)]
    ballot_kind: String,
    #[serde(default)]
    ballot_limit: String,
    #[serde(default)]
    rule: String,
    #[serde(default)]
    min_age: String,
}

impl BudgetForm {
    fn input(&self) -> BudgetInput {
        BudgetInput {
            name: self.name.clone(),
            district: self.district.clone(),
            amount: self.amount.clone(),
            ballot_kind: self.ballot_kind.clone(),
            ballot_limit: self.ballot_limit.clone(),
            rule: self.rule.clone(),
            min_age: self.min_age.clone(),
        }
    }
}

async fn manage(ctx: Ctx, Path(slug): Path<String>) -> AppResult {
    let store = &ctx.state.store;
    let (process, budgets) = store.budgets(&ctx.tenant, &ctx.actor, &slug).await?;
    decide(
        &ctx.actor,
        Action::ManageBudget,
        &Target::Process(&process.facts()),
    )?;
    let mut details = Vec::new();
    for b in &budgets {
        let d = store.budget_detail(&ctx.tenant, &ctx.actor, b.id).await?;
        details.push(minijinja::context! {
            budget => d.budget,
            amount_text => euro(b.amount, ctx.lang),
            projects => d.projects.iter().map(|p| minijinja::context!{ p => p, cost_text => euro(p.cost, ctx.lang) }).collect::<Vec<_>>(),
            on_ballot => d.projects.iter().map(|p| p.proposal_id).collect::<Vec<_>>(),
        });
    }
    let (proposals, _) = store
        .proposals()
        .list(
            &ctx.tenant,
            &process,
            &teilhabe_store::proposals::ListFilter {
                per_page: 100,
                page: 1,
                ..Default::default()
            },
            None,
        )
        .await?;
    let voting_open = process.facts().form_open(Form::BudgetVoting);
    page(
        &ctx,
        "budget_manage.html",
        minijinja::context! {
            process, budgets => details, proposals => proposals.items, voting_open,
            kinds => BallotKind::ALL.iter().map(|k| k.as_str()).collect::<Vec<_>>(),
            rules => AllocationRule::ALL.iter().map(|r| r.as_str()).collect::<Vec<_>>(),
        },
    )
}

async fn create_budget(
    Path(slug): Path<String>,
    Post { ctx, form, .. }: Post<BudgetForm>,
) -> AppResult {
    ctx.state
        .store
        .create_budget(&ctx.tenant, &ctx.actor, &slug, &form.input())
        .await?;
    Ok(see_other(&with_notice(
        &format!("/processes/{slug}/budgets/manage"),
        "notice-budget-saved",
    )))
}

async fn process_slug(ctx: &Ctx, budget_id: i64) -> Result<String, AppError> {
    Ok(ctx
        .state
        .store
        .budget_detail(&ctx.tenant, &ctx.actor, budget_id)
        .await?
        .process
        .slug)
}

async fn update_budget(Path(id): Path<i64>, Post { ctx, form, .. }: Post<BudgetForm>) -> AppResult {
    ctx.state
        .store
        .update_budget(&ctx.tenant, &ctx.actor, id, &form.input())
        .await?;
    let slug = process_slug(&ctx, id).await?;
    Ok(see_other(&with_notice(
        &format!("/processes/{slug}/budgets/manage#budget-{id}"),
        "notice-budget-saved",
    )))
}

#[derive(Deserialize, Default)]
struct ProjectForm {
    #[serde(default)]
    proposal_id: String,
    #[serde(default)]
    cost: String,
}

fn cost_of(s: &str) -> Result<i64, AppError> {
    parse_amount(s).ok_or_else(|| {
        let mut e = FieldErrors::new();
        e.add("cost", "error-number");
        AppError::Invalid(e)
    })
}

async fn add_project(Path(id): Path<i64>, Post { ctx, form, .. }: Post<ProjectForm>) -> AppResult {
    let proposal: i64 = form.proposal_id.trim().parse().map_err(|_| {
        let mut e = FieldErrors::new();
        e.add("proposal_id", "error-invalid-choice");
        AppError::Invalid(e)
    })?;
    let cost = cost_of(&form.cost)?;
    ctx.state
        .store
        .add_budget_project(&ctx.tenant, &ctx.actor, id, proposal, cost)
        .await?;
    let slug = process_slug(&ctx, id).await?;
    Ok(see_other(&with_notice(
        &format!("/processes/{slug}/budgets/manage#budget-{id}"),
        "notice-budget-project-added",
    )))
}

#[derive(Deserialize, Default)]
struct ReviewForm {
    #[serde(default)]
    feasible: String,
    #[serde(default)]
    review_reason: String,
    #[serde(default)]
    cost: String,
}

async fn review(Path(id): Path<i64>, Post { ctx, form, .. }: Post<ReviewForm>) -> AppResult {
    let feasible = match form.feasible.as_str() {
        "1" => true,
        "0" => false,
        _ => {
            let mut e = FieldErrors::new();
            e.add("feasible", "error-invalid-choice");
            return Err(AppError::Invalid(e));
        }
    };
    let cost = cost_of(&form.cost)?;
    let p = ctx
        .state
        .store
        .review_budget_project(
            &ctx.tenant,
            &ctx.actor,
            id,
            feasible,
            &form.review_reason,
            cost,
        )
        .await?;
    let slug = process_slug(&ctx, p.budget_id).await?;
    Ok(see_other(&with_notice(
        &format!("/processes/{slug}/budgets/manage#project-{id}"),
        "notice-budget-reviewed",
    )))
}

#[derive(Deserialize, Default)]
struct PublishForm {
    #[serde(default)]
    answer: String,
}

async fn publish(Path(id): Path<i64>, Post { ctx, form, .. }: Post<PublishForm>) -> AppResult {
    ctx.state
        .store
        .publish_budget(&ctx.tenant, &ctx.actor, id, &form.answer)
        .await?;
    Ok(see_other(&with_notice(
        &format!("/budgets/{id}/results"),
        "notice-budget-published",
    )))
}

async fn paper_page(ctx: Ctx, Path(id): Path<i64>) -> AppResult {
    paper_render(&ctx, id, None, Vec::new(), StatusCode::OK).await
}

async fn paper_render(
    ctx: &Ctx,
    id: i64,
    outcome: Option<&str>,
    errors: Vec<(String, String)>,
    status: StatusCode,
) -> AppResult {
    let store = &ctx.state.store;
    let sheets = store.paper_sheets(&ctx.tenant, &ctx.actor, id).await?;
    let d = store.budget_detail(&ctx.tenant, &ctx.actor, id).await?;
    let projects: Vec<_> = d
        .projects
        .iter()
        .filter(|p| p.feasible == Some(true))
        .map(|p| minijinja::context! { id => p.id, title => p.title, cost_text => euro(p.cost, ctx.lang) })
        .collect();
    let mismatches = sheets
        .iter()
        .filter(|s| s.status == teilhabe_store::budget::PaperOutcome::Mismatch)
        .count();
    page_with_status(
        ctx,
        "budget_paper.html",
        minijinja::context! {
            budget => d.budget, process => d.process, projects, sheets, mismatches,
            kind => d.budget.ballot_kind.as_str(),
            ranks => (1..=d.budget.ballot_limit.unwrap_or(0)).collect::<Vec<_>>(),
            outcome, errors,
        },
        status,
    )
}

#[derive(Deserialize, Default)]
struct PaperForm {
    #[serde(default)]
    sheet: String,
}

async fn paper_entry(Path(id): Path<i64>, Post { ctx, form, pairs }: Post<PaperForm>) -> AppResult {
    let store = &ctx.state.store;
    let d = store.budget_detail(&ctx.tenant, &ctx.actor, id).await?;
    decide(
        &ctx.actor,
        Action::RecordOffline,
        &Target::Process(&d.process.facts()),
    )?;
    let result = match choices_from(d.budget.ballot_kind, &pairs) {
        Ok(choices) => {
            store
                .enter_paper_ballot(&ctx.tenant, &ctx.actor, id, &form.sheet, &choices)
                .await
        }
        Err(e) => Err(StoreError::Invalid(e)),
    };
    match result {
        Ok(outcome) => {
            let key = match outcome {
                teilhabe_store::budget::PaperOutcome::Pending => "budget-paper-pending",
                teilhabe_store::budget::PaperOutcome::Counted => "budget-paper-counted",
                teilhabe_store::budget::PaperOutcome::Mismatch => "budget-paper-mismatch",
            };
            paper_render(&ctx, id, Some(key), Vec::new(), StatusCode::OK).await
        }
        Err(StoreError::Invalid(e)) => {
            let errors = error_texts(&ctx, &e);
            paper_render(&ctx, id, None, errors, StatusCode::UNPROCESSABLE_ENTITY).await
        }
        Err(e) => Err(e.into()),
    }
}
