//! The public pages: the dashboard of all goals, one goal with a chart
//! and a data table per indicator, and the CSV download of its
//! measurements.

use super::{cards, csv_response, line, IndicatorLine};
use crate::chart::{render_chart, table_html, ChartOptions};
use crate::ctx::Ctx;
use crate::error::AppResult;
use crate::i18n::Lang;
use crate::module::{Host, HostRef};
use crate::render::page;
use axum::extract::Path;
use serde::Serialize;
use teilhabe_domain::goals::IndicatorState;
use teilhabe_store::goals::GoalRights;

pub(super) async fn dashboard(ctx: Ctx) -> AppResult {
    let goals = ctx.state.store.goals().all(&ctx.tenant).await?;
    let list = cards(&ctx, &goals);
    let count = |s: IndicatorState| goals.iter().filter(|g| g.summary.overall == s).count();
    let can_create = GoalRights::decide(&ctx.actor, None).create;
    page(
        &ctx,
        "goals/list.html",
        minijinja::context! {
            goals => list,
            can_create,
            totals => minijinja::context! {
                achieved => count(IndicatorState::Achieved),
                on_track => count(IndicatorState::OnTrack),
                off_track => count(IndicatorState::OffTrack),
                no_data => count(IndicatorState::NoData),
            },
        },
    )
}

#[derive(Serialize)]
struct ChartView {
    line: IndicatorLine,
    svg: String,
    table: String,
    summary: String,
}

pub(super) async fn goal_page(ctx: Ctx, Path(slug): Path<String>) -> AppResult {
    let g = ctx.state.store.goals().get(&ctx.tenant, &slug).await?;
    let can_manage = GoalRights::decide(&ctx.actor, Some(&g.goal)).manage;
    let charts: Vec<ChartView> = g
        .indicators
        .iter()
        .map(|i| {
            let mut opts = if ctx.lang == Lang::De {
                ChartOptions::german()
            } else {
                ChartOptions::english()
            };
            opts.id_prefix = format!("chart-{}", i.indicator.id);
            opts.decimals = 2;
            let chart = render_chart(&i.model(), &opts);
            ChartView {
                line: line(&ctx, i),
                svg: chart.svg,
                table: table_html(&chart.table),
                summary: chart.summary,
            }
        })
        .collect();
    let card = cards(&ctx, std::slice::from_ref(&g)).pop();
    let sections = crate::module::sections(&ctx, Host::GoalPage, HostRef::Goal(&g)).await?;
    page(
        &ctx,
        "goals/goal.html",
        minijinja::context! {
            goal => card,
            charts,
            processes => g.processes,
            entries => g.entries,
            can_manage,
            sections => sections.templates,
            ..sections.values
        },
    )
}

/// All measurements of a goal as CSV, in the import's format (the page
/// and the API).
pub(crate) async fn export_csv(ctx: Ctx, Path(slug): Path<String>) -> AppResult {
    let csv = ctx
        .state
        .store
        .goals()
        .export_measurements(&ctx.tenant, &slug)
        .await?;
    Ok(csv_response(&slug, csv))
}
