//! The `teilhabe opinion analyze` command.

use std::collections::BTreeMap;
use std::io::Write;
use std::path::PathBuf;

use serde_json::{json, Value};

use crate::analysis::{analyze, Outcome, Settings};
use crate::error::Error;
use crate::matrix::Conversation;
use crate::polis::PolisExport;

/// Output format.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum Format {
    /// Machine-readable JSON.
    Json,
    /// A plain-text table for people.
    Table,
}

/// Arguments of `teilhabe opinion analyze`.
#[derive(Debug, Clone, PartialEq, Eq, clap::Args)]
pub struct AnalyzeArgs {
    /// A Polis export folder (comments.csv, votes.csv, ...).
    #[arg(long, value_name = "DIR")]
    pub polis: PathBuf,
    /// Output format.
    #[arg(long, value_enum, default_value_t = Format::Json)]
    pub format: Format,
    /// Seed for the random choices of k-means and the PCA.
    #[arg(long, default_value_t = 0)]
    pub seed: u64,
    /// Votes a participant needs to be placed in a group.
    #[arg(long, default_value_t = 7)]
    pub min_votes: usize,
}

/// Read the Polis folder, analyse it and print the result to `out`.
pub fn run_analyze(args: &AnalyzeArgs, out: &mut impl Write) -> Result<(), Error> {
    let export = PolisExport::load(&args.polis)?;
    let conv = export.conversation()?;
    let settings = Settings {
        seed: args.seed,
        min_votes: args.min_votes,
        ..Settings::default()
    };
    let outcome = analyze(&conv, &settings)?;
    match args.format {
        Format::Json => {
            let v = to_json(&conv, &outcome);
            serde_json::to_writer_pretty(&mut *out, &v)?;
            writeln!(out).map_err(Error::Output)
        }
        Format::Table => write_table(&conv, &export, &outcome, out).map_err(Error::Output),
    }
}

/// The JSON form of an outcome: `participants_in_analysis`, `k`, `groups`
/// (participant id → group), `consensus` and `representative` (group →
/// statement ids), plus details.
pub fn to_json(conv: &Conversation, outcome: &Outcome) -> Value {
    match outcome {
        Outcome::NotEnoughVotes(n) => json!({
            "status": "not_enough_votes",
            "message": n.message,
            "participants_in_analysis": n.participants_in_analysis,
            "participants_required": n.participants_required,
            "votes_covered": n.votes_covered,
            "k": 0,
            "groups": {},
            "consensus": [],
            "representative": {},
            "divisive": [],
        }),
        Outcome::Groups(a) => {
            let sid = |s: usize| conv.statement_ids.get(s).cloned().unwrap_or_default();
            let groups: serde_json::Map<String, Value> = conv
                .participant_ids
                .iter()
                .zip(&a.group_of)
                .filter_map(|(p, g)| g.map(|g| (p.clone(), json!(g))))
                .collect();
            let representative: BTreeMap<String, Vec<String>> = a
                .groups
                .iter()
                .map(|g| {
                    (
                        g.id.to_string(),
                        g.representative.iter().map(|r| sid(r.statement)).collect(),
                    )
                })
                .collect();
            let rep_detail: Vec<Value> = a
                .groups
                .iter()
                .map(|g| {
                    json!({
                        "group": g.id,
                        "size": g.size,
                        "center": g.center,
                        "statements": g.representative.iter().map(|r| json!({
                            "comment_id": sid(r.statement),
                            "repful_for": r.repful_for,
                            "repness": r.repness,
                            "repness_test": r.repness_test,
                            "p_success": r.p_success,
                            "p_test": r.p_test,
                            "inside": r.inside,
                            "outside": r.outside,
                            "best_agree": r.best_agree,
                        })).collect::<Vec<_>>(),
                    })
                })
                .collect();
            json!({
                "status": "groups",
                "participants_in_analysis": a.participants_in_analysis,
                "votes_covered": a.votes_covered,
                "k": a.k,
                "silhouette_by_k": a.silhouette_by_k.iter().map(|(k, s)| json!({"k": k, "silhouette": s})).collect::<Vec<_>>(),
                "explained_variance": a.pca.explained,
                "groups": groups,
                "consensus": a.consensus.iter().map(|c| sid(c.statement)).collect::<Vec<_>>(),
                "consensus_detail": a.consensus.iter().map(|c| json!({
                    "comment_id": sid(c.statement),
                    "direction": c.direction,
                    "score": c.score,
                    "groups": c.groups,
                })).collect::<Vec<_>>(),
                "representative": representative,
                "representative_detail": rep_detail,
                "divisive": a.divisive.iter().map(|d| sid(d.statement)).collect::<Vec<_>>(),
                "divisive_detail": a.divisive.iter().map(|d| json!({
                    "comment_id": sid(d.statement),
                    "spread": d.spread,
                    "agreeing_group": d.agreeing_group,
                    "disagreeing_group": d.disagreeing_group,
                    "groups": d.groups,
                })).collect::<Vec<_>>(),
            })
        }
    }
}

fn short(text: &str, n: usize) -> String {
    let t: String = text.chars().filter(|c| !c.is_control()).take(n).collect();
    if text.chars().count() > n {
        format!("{t}…")
    } else {
        t
    }
}

fn write_table(
    conv: &Conversation,
    export: &PolisExport,
    outcome: &Outcome,
    out: &mut impl Write,
) -> std::io::Result<()> {
    let body = |s: usize| -> String {
        let id = conv.statement_ids.get(s).map(String::as_str).unwrap_or("");
        let text = export
            .comments
            .iter()
            .find(|c| c.id == id)
            .map(|c| c.body.as_str())
            .unwrap_or("");
        format!("#{id} {}", short(text, 70))
    };
    match outcome {
        Outcome::NotEnoughVotes(n) => writeln!(
            out,
            "{} ({} participants in the analysis, {} required)",
            n.message, n.participants_in_analysis, n.participants_required
        ),
        Outcome::Groups(a) => {
            writeln!(
                out,
                "participants in analysis: {}   groups: {}   votes: {}",
                a.participants_in_analysis, a.k, a.votes_covered
            )?;
            for g in &a.groups {
                writeln!(out, "\ngroup {} ({} participants)", g.id, g.size)?;
                writeln!(
                    out,
                    "  {:<8} {:>9} {:>9}  statement",
                    "for", "in group", "others"
                )?;
                for r in &g.representative {
                    let (i, o) = match r.repful_for {
                        crate::repness::Direction::Agree => (r.inside.agree, r.outside.agree),
                        crate::repness::Direction::Disagree => {
                            (r.inside.disagree, r.outside.disagree)
                        }
                    };
                    writeln!(
                        out,
                        "  {:<8} {:>8.0}% {:>8.0}%  {}",
                        format!("{:?}", r.repful_for).to_lowercase(),
                        i * 100.0,
                        o * 100.0,
                        body(r.statement)
                    )?;
                }
            }
            writeln!(out, "\nconsensus")?;
            for c in &a.consensus {
                writeln!(
                    out,
                    "  {:<8} {}",
                    format!("{:?}", c.direction).to_lowercase(),
                    body(c.statement)
                )?;
            }
            writeln!(out, "\ndivisive")?;
            for d in &a.divisive {
                writeln!(
                    out,
                    "  group {} agrees, group {} disagrees: {}",
                    d.agreeing_group,
                    d.disagreeing_group,
                    body(d.statement)
                )?;
            }
            Ok(())
        }
    }
}
