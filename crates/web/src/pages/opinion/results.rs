//! The results: the opinion groups as a server-rendered SVG map with a
//! text alternative, what each group stands for, consensus and divisive
//! statements, and participation over time.

use super::{has_map, map_page, voter_of, MapPage};
use crate::ctx::Ctx;
use crate::error::{AppError, AppResult};
use crate::render::page;
use axum::extract::Path;
use serde::Serialize;
use teilhabe_store::opinion::{AnalysisResult, Statement, StoredResult};

/// Colours for groups A–E: the Okabe–Ito palette, distinguishable with
/// common colour-vision deficiencies; each group also has its own marker
/// shape, so colour is never the only cue.
const GROUP_COLOURS: [&str; 5] = ["#0072B2", "#D55E00", "#009E73", "#CC79A7", "#8C6D00"];
const MAP_W: f64 = 640.0;
const MAP_H: f64 = 400.0;
const PAD: f64 = 24.0;
/// At most this many points are drawn (every n-th participant beyond);
/// groups' sizes and the text alternative always count everyone.
const MAX_POINTS: usize = 3000;

#[derive(Serialize)]
struct Bar {
    x: f64,
    y: f64,
    w: f64,
    h: f64,
}

#[derive(Serialize)]
struct Point {
    x: f64,
    y: f64,
    group: Option<usize>,
    me: bool,
}

#[derive(Serialize)]
struct GroupView {
    id: usize,
    letter: String,
    colour: &'static str,
    size: usize,
    share: f64,
    label_x: f64,
    label_y: f64,
    representative: Vec<RepView>,
}

#[derive(Serialize)]
struct RepView {
    body: String,
    direction: String,
    inside: f64,
    outside: f64,
    votes: u64,
}

#[derive(Serialize)]
struct SharedView {
    body: String,
    direction: String,
    groups: Vec<(String, f64)>,
}

fn letter(g: usize) -> String {
    ((b'A' + (g as u8).min(25)) as char).to_string()
}

/// Scales PCA positions into the SVG's box; y grows downwards in SVG.
fn layout(
    result: &AnalysisResult,
    me: Option<i64>,
    bodies: &std::collections::HashMap<i64, String>,
) -> (Vec<Point>, Vec<GroupView>, usize) {
    let pts = &result.points;
    let (mut min_x, mut max_x, mut min_y, mut max_y) = (f64::MAX, f64::MIN, f64::MAX, f64::MIN);
    for p in pts {
        min_x = min_x.min(p.1);
        max_x = max_x.max(p.1);
        min_y = min_y.min(p.2);
        max_y = max_y.max(p.2);
    }
    let span_x = (max_x - min_x).max(1e-9);
    let span_y = (max_y - min_y).max(1e-9);
    let sx = |x: f64| PAD + (x - min_x) / span_x * (MAP_W - 2.0 * PAD);
    let sy = |y: f64| MAP_H - PAD - (y - min_y) / span_y * (MAP_H - 2.0 * PAD);
    let step = pts.len().div_ceil(MAX_POINTS).max(1);
    let mut points: Vec<Point> = pts
        .iter()
        .enumerate()
        .filter(|(i, p)| i % step == 0 || Some(p.0) == me)
        .map(|(_, p)| Point {
            x: (sx(p.1) * 10.0).round() / 10.0,
            y: (sy(p.2) * 10.0).round() / 10.0,
            group: p.3,
            me: Some(p.0) == me,
        })
        .collect();
    // The participant's own point last, so it is drawn on top.
    points.sort_by_key(|p| p.me);
    let drawn = points.len();
    let total: usize = result.groups.iter().map(|g| g.size).sum::<usize>().max(1);
    let groups = result
        .groups
        .iter()
        .map(|g| {
            let members: Vec<_> = pts.iter().filter(|p| p.3 == Some(g.id)).collect();
            let n = members.len().max(1) as f64;
            let cx = members.iter().map(|p| p.1).sum::<f64>() / n;
            let cy = members.iter().map(|p| p.2).sum::<f64>() / n;
            GroupView {
                id: g.id,
                letter: letter(g.id),
                colour: GROUP_COLOURS[g.id % GROUP_COLOURS.len()],
                size: g.size,
                share: g.size as f64 / total as f64,
                label_x: sx(cx).clamp(40.0, MAP_W - 40.0),
                label_y: sy(cy).clamp(20.0, MAP_H - 12.0),
                representative: g
                    .representative
                    .iter()
                    .map(|r| RepView {
                        body: bodies.get(&r.statement_id).cloned().unwrap_or_default(),
                        direction: r.direction.clone(),
                        inside: if r.direction == "agree" {
                            r.inside.agree
                        } else {
                            r.inside.disagree
                        },
                        outside: if r.direction == "agree" {
                            r.outside.agree
                        } else {
                            r.outside.disagree
                        },
                        votes: r.inside.votes,
                    })
                    .collect(),
            }
        })
        .collect();
    (points, groups, drawn)
}

pub(super) async fn results_page(ctx: Ctx, Path(slug): Path<String>) -> AppResult {
    let store = &ctx.state.store;
    let MapPage { process, map, can } = map_page(&ctx, &slug, None).await?;
    if !has_map(&process, &map) {
        return Err(AppError::NotFound);
    }
    let (can_manage, can_vote) = (can.moderate, can.vote);
    let stored: Option<StoredResult> = store.opinion().result(process.id).await?;
    let me = match voter_of(&ctx) {
        Some(v) => store.opinion().participant_id(process.id, &v).await?,
        None => None,
    };
    let statements = store
        .opinion()
        .statements(&ctx.tenant, &map, false, None)
        .await?;
    let bodies: std::collections::HashMap<i64, String> =
        statements.iter().map(|s| (s.id, s.body.clone())).collect();
    let timeline = store.opinion().timeline(process.id).await?;
    let max_day = timeline.iter().map(|d| d.votes).max().unwrap_or(0).max(1) as f64;
    let bar_w = 640.0 / timeline.len().max(1) as f64;
    let bars: Vec<Bar> = timeline
        .iter()
        .enumerate()
        .map(|(i, d)| {
            let h = (110.0 * d.votes as f64 / max_day * 10.0).round() / 10.0;
            Bar {
                x: (i as f64 * bar_w * 10.0).round() / 10.0 + 1.0,
                y: 118.0 - h,
                w: (bar_w - 2.0).max(1.0),
                h,
            }
        })
        .collect();
    let result = stored.as_ref().and_then(|s| s.result.as_ref());
    let (points, groups, drawn) = match result {
        Some(r) if r.grouped => layout(r, me, &bodies),
        _ => (Vec::new(), Vec::new(), 0),
    };
    let my_group = result.and_then(|r| {
        let me = me?;
        r.points.iter().find(|p| p.0 == me).and_then(|p| p.3)
    });
    let group_letters: Vec<String> = groups.iter().map(|g| g.letter.clone()).collect();
    let shared = |list: Vec<(i64, String, Vec<f64>)>| -> Vec<SharedView> {
        list.into_iter()
            .map(|(id, direction, shares)| SharedView {
                body: bodies.get(&id).cloned().unwrap_or_default(),
                direction,
                groups: group_letters.iter().cloned().zip(shares).collect(),
            })
            .collect()
    };
    let consensus = shared(
        result
            .map(|r| {
                r.consensus
                    .iter()
                    .map(|c| {
                        let shares = c
                            .groups
                            .iter()
                            .map(|s| {
                                if c.direction == "agree" {
                                    s.agree
                                } else {
                                    s.disagree
                                }
                            })
                            .collect();
                        (c.statement_id, c.direction.clone(), shares)
                    })
                    .collect()
            })
            .unwrap_or_default(),
    );
    let divisive = shared(
        result
            .map(|r| {
                r.divisive
                    .iter()
                    .map(|d| {
                        (
                            d.statement_id,
                            "agree".to_string(),
                            d.groups.iter().map(|s| s.agree).collect(),
                        )
                    })
                    .collect()
            })
            .unwrap_or_default(),
    );
    let mut by_votes: Vec<&Statement> = statements.iter().collect();
    by_votes.sort_by_key(|s| std::cmp::Reverse(s.votes()));
    let pending = match &stored {
        Some(s) => s.pending(map.revision),
        None => map.revision > 0 && map.vote_count > 0,
    };
    page(
        &ctx,
        "opinion/results.html",
        minijinja::context! {
            process, map, stored, result, points, groups, drawn,
            my_group => my_group.map(letter),
            consensus, divisive, statements => by_votes,
            timeline, bars, pending, can_manage, can_vote,
            width => MAP_W, height => MAP_H,
        },
    )
}
