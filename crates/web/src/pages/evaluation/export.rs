//! The published evaluation as CSV (one figure a line) and JSON (the
//! API's document).

use super::{published, Published, RevisionQuery};
use crate::ctx::Ctx;
use crate::error::{AppError, AppResult};
use axum::extract::{Path, Query};
use axum::http::{header, HeaderValue};
use axum::response::{IntoResponse, Response};
use teilhabe_domain::evaluation::ContributionForm;
use teilhabe_store::evaluation::Evaluation;

/// One CSV field, quoted when needed (RFC 4180).
fn csv_field(s: &str) -> String {
    if s.contains([',', '"', '\n', '\r']) {
        format!("\"{}\"", s.replace('"', "\"\""))
    } else {
        s.to_string()
    }
}

fn decimal(v: Option<f64>, decimals: usize) -> String {
    v.map(|v| format!("{v:.decimals$}")).unwrap_or_default()
}

/// The evaluation as CSV: `figure,label,channel,value`, one figure per
/// line (per channel for the channel table), decimal point, ISO dates;
/// labels in the visitor's language.
fn evaluation_csv(ctx: &Ctx, ev: &Evaluation) -> String {
    let label = |key: &str| ctx.t(&format!("evaluation-fig-{key}"));
    let s = &ev.snapshot;
    let f = &s.figures;
    let mut rows: Vec<[String; 4]> = Vec::new();
    let mut row = |key: &str, label: String, channel: &str, value: String| {
        rows.push([key.to_string(), label, channel.to_string(), value]);
    };
    row(
        "process",
        ctx.t("evaluation-fig-process"),
        "",
        s.process_title.clone(),
    );
    row(
        "revision",
        ctx.t("evaluation-fig-revision"),
        "",
        ev.revision.to_string(),
    );
    row(
        "published_on",
        ctx.t("evaluation-fig-published_on"),
        "",
        teilhabe_store::date_of(ev.published_at).to_string(),
    );
    row(
        "answer_deadline_days",
        label("answer_deadline_days"),
        "",
        s.answer_deadline_days.to_string(),
    );
    for (key, v) in [
        ("participants", f.participants),
        ("participants_accounts", f.participants_accounts),
        ("participants_anonymous", f.participants_anonymous),
        ("participants_offline", f.participants_offline),
        ("verified_accounts", f.verified_accounts),
    ] {
        row(key, label(key), "", v.to_string());
    }
    row(
        "verified_share",
        label("verified_share"),
        "",
        decimal(f.verified_share, 4),
    );
    row(
        "contributions",
        label("contributions"),
        "",
        f.contributions.to_string(),
    );
    for form in ContributionForm::ALL {
        let key = form.as_str();
        row(
            key,
            ctx.t(&format!("evaluation-form-{key}")),
            "",
            f.by_form.get(form).to_string(),
        );
    }
    for c in &f.by_channel {
        let ch = c.channel.as_str();
        for form in ContributionForm::ALL {
            let key = form.as_str();
            row(
                key,
                ctx.t(&format!("evaluation-form-{key}")),
                ch,
                c.forms.get(form).to_string(),
            );
        }
        row(
            "contributions",
            label("contributions"),
            ch,
            c.total.to_string(),
        );
    }
    row(
        "offline_share",
        label("offline_share"),
        "",
        decimal(f.offline_share, 4),
    );
    row(
        "proposals_answered",
        label("proposals_answered"),
        "",
        f.proposals_answered.to_string(),
    );
    row(
        "median_answer_days",
        label("median_answer_days"),
        "",
        decimal(f.median_answer_days, 1),
    );
    for (key, v) in [
        ("answered_within_deadline", f.answered_within_deadline),
        ("answered_late", f.answered_late),
        ("awaiting_answer", f.awaiting_answer),
        ("overdue", f.overdue),
        ("proposals_accepted", f.proposals_accepted),
        ("proposals_implemented", f.proposals_implemented),
        ("proposals_rejected", f.proposals_rejected),
    ] {
        row(key, label(key), "", v.to_string());
    }
    for g in &s.goals {
        row("goal_state", g.title.clone(), "", g.state.clone());
        for i in &g.indicators {
            row("indicator_state", i.name.clone(), "", i.state.clone());
            row("indicator_latest", i.name.clone(), "", decimal(i.latest, 4));
            row(
                "indicator_target",
                i.name.clone(),
                "",
                decimal(Some(i.target), 4),
            );
        }
    }
    let mut out = String::from("figure,label,channel,value\r\n");
    for r in rows {
        out.push_str(&r.iter().map(|v| csv_field(v)).collect::<Vec<_>>().join(","));
        out.push_str("\r\n");
    }
    out
}

fn download(body: String, content_type: &'static str, filename: &str) -> Response {
    let mut r = body.into_response();
    r.headers_mut()
        .insert(header::CONTENT_TYPE, HeaderValue::from_static(content_type));
    if let Ok(v) = HeaderValue::from_str(&format!("attachment; filename=\"{filename}\"")) {
        r.headers_mut().insert(header::CONTENT_DISPOSITION, v);
    }
    r
}

pub(super) async fn export_csv(
    ctx: Ctx,
    Path(slug): Path<String>,
    Query(q): Query<RevisionQuery>,
) -> AppResult {
    let p = published(&ctx, &slug, &q).await?;
    let name = format!(
        "{}-auswertung-{}.csv",
        p.process.slug, p.evaluation.revision
    );
    let csv = evaluation_csv(&ctx, &p.evaluation);
    Ok(download(csv, "text/csv; charset=utf-8", &name))
}

pub(super) async fn export_json(
    ctx: Ctx,
    Path(slug): Path<String>,
    Query(q): Query<RevisionQuery>,
) -> AppResult {
    let Published {
        process,
        evaluation,
        revisions,
        ..
    } = published(&ctx, &slug, &q).await?;
    let doc = crate::api::ApiEvaluation::from(&evaluation, &revisions)?;
    let body = serde_json::to_string_pretty(&doc).map_err(|e| AppError::Internal(e.to_string()))?;
    Ok(download(
        body,
        "application/json",
        &format!("{}-auswertung-{}.json", process.slug, evaluation.revision),
    ))
}
