//! The background analysis: a job finds the maps whose votes changed and
//! analyses each one away from the request path, storing the result (or,
//! for staff, the failure).

use super::export::Loaded;
use super::results::{
    finite, AnalysisResult, DivisiveStatement, GroupResult, RepresentativeStatement,
    SharedStatement,
};
use super::OpinionMaps;
use crate::{params, Result, StoreError};
use serde::Deserialize;
use teilhabe_opinion::{analyze, Outcome, Settings};

/// The settings of every analysis run, so the stored result, the export
/// and the CLI agree.
pub fn analysis_settings() -> Settings {
    Settings::default()
}

/// A map whose analysis is due.
#[derive(Deserialize)]
struct DueRow {
    process_id: i64,
    municipality_id: i64,
}

#[derive(Deserialize)]
struct RevisionRow {
    revision: i64,
}

impl OpinionMaps<'_> {
    /// Reruns the analysis of every map whose votes changed: once the map
    /// has been quiet for `quiet_ms`, or at the latest `max_wait_ms` after
    /// the previous run, so a busy map is still refreshed. A failed run is
    /// retried only after further changes. Returns the number of runs.
    pub async fn run_due_analyses(&self, quiet_ms: i64, max_wait_ms: i64) -> Result<usize> {
        let now = self.store.now();
        let due = self
            .store
            .db
            .all_as::<DueRow>(
                "SELECT m.process_id, m.municipality_id FROM opinion_maps m LEFT JOIN opinion_results r ON r.process_id = m.process_id WHERE m.revision > COALESCE(r.revision, -1) AND m.revision > COALESCE(r.error_revision, -1) AND (COALESCE(m.last_change_at, 0) <= $1 OR COALESCE(r.computed_at, 0) <= $2)",
                params![now - quiet_ms, now - max_wait_ms],
            )
            .await?;
        let mut runs = 0;
        for r in &due {
            self.analyze(r.municipality_id, r.process_id).await?;
            runs += 1;
        }
        Ok(runs)
    }

    /// Analyses one map now and stores the result (or the error, for staff).
    pub async fn analyze(&self, municipality_id: i64, process_id: i64) -> Result<()> {
        let revision = self
            .store
            .db
            .one_as::<RevisionRow>(
                "SELECT revision FROM opinion_maps WHERE process_id = $1",
                params![process_id],
            )
            .await?
            .revision;
        let loaded = self.load_export(municipality_id, process_id).await?;
        let outcome = tokio::task::spawn_blocking(
            move || -> std::result::Result<(Loaded, AnalysisResult), String> {
                let conv = loaded.export.conversation().map_err(|e| e.to_string())?;
                let outcome = analyze(&conv, &analysis_settings()).map_err(|e| e.to_string())?;
                let result = to_result(&loaded, &conv, &outcome);
                Ok((loaded, result))
            },
        )
        .await
        .unwrap_or_else(|e| Err(format!("the analysis stopped: {e}")));
        let now = self.store.now();
        match outcome {
            Ok((_, result)) => {
                let json = serde_json::to_string(&result)
                    .map_err(|e| StoreError::internal("opinion result as JSON", e))?;
                // Only move forward: an older run finishing late must not
                // overwrite a newer result (several instances may run jobs).
                self.store
                    .db
                    .exec(
                        "INSERT INTO opinion_results (process_id, municipality_id, revision, votes_covered, computed_at, result) VALUES ($1, $2, $3, $4, $5, $6) ON CONFLICT (process_id) DO UPDATE SET revision = excluded.revision, votes_covered = excluded.votes_covered, computed_at = excluded.computed_at, result = excluded.result, error = NULL, error_at = NULL, error_revision = NULL WHERE opinion_results.revision <= excluded.revision",
                        params![process_id, municipality_id, revision, result.votes_covered as i64, now, json],
                    )
                    .await?;
            }
            Err(message) => {
                tracing::warn!(process_id, error = %message, "opinion analysis failed");
                self.store
                    .db
                    .exec(
                        "INSERT INTO opinion_results (process_id, municipality_id, error, error_at, error_revision) VALUES ($1, $2, $3, $4, $5) ON CONFLICT (process_id) DO UPDATE SET error = excluded.error, error_at = excluded.error_at, error_revision = excluded.error_revision",
                        params![process_id, municipality_id, message, now, revision],
                    )
                    .await?;
            }
        }
        Ok(())
    }
}

fn to_result(
    loaded: &Loaded,
    conv: &teilhabe_opinion::Conversation,
    outcome: &Outcome,
) -> AnalysisResult {
    let statement = |j: usize| -> i64 {
        conv.statement_ids
            .get(j)
            .and_then(|s| loaded.statement_db_ids.get(s))
            .copied()
            .unwrap_or(0)
    };
    match outcome {
        Outcome::NotEnoughVotes(n) => AnalysisResult {
            grouped: false,
            participants_in_analysis: n.participants_in_analysis,
            participants_required: n.participants_required,
            votes_covered: n.votes_covered,
            k: 0,
            points: Vec::new(),
            groups: Vec::new(),
            consensus: Vec::new(),
            divisive: Vec::new(),
        },
        Outcome::Groups(a) => AnalysisResult {
            grouped: true,
            participants_in_analysis: a.participants_in_analysis,
            participants_required: analysis_settings().min_participants,
            votes_covered: a.votes_covered,
            k: a.k,
            points: conv
                .participant_ids
                .iter()
                .enumerate()
                .filter_map(|(i, p)| {
                    let [x, y] = a.positions.get(i).copied().flatten()?;
                    let id = *loaded.participant_db_ids.get(p)?;
                    Some((
                        id,
                        finite(x),
                        finite(y),
                        a.group_of.get(i).copied().flatten(),
                    ))
                })
                .collect(),
            groups: a
                .groups
                .iter()
                .map(|g| GroupResult {
                    id: g.id,
                    size: g.size,
                    representative: g
                        .representative
                        .iter()
                        .map(|r| RepresentativeStatement {
                            statement_id: statement(r.statement),
                            direction: direction(r.repful_for),
                            inside: r.inside.into(),
                            outside: r.outside.into(),
                        })
                        .collect(),
                })
                .collect(),
            consensus: a
                .consensus
                .iter()
                .map(|c| SharedStatement {
                    statement_id: statement(c.statement),
                    direction: direction(c.direction),
                    groups: c.groups.iter().map(|&s| s.into()).collect(),
                })
                .collect(),
            divisive: a
                .divisive
                .iter()
                .map(|d| DivisiveStatement {
                    statement_id: statement(d.statement),
                    agreeing_group: d.agreeing_group,
                    disagreeing_group: d.disagreeing_group,
                    groups: d.groups.iter().map(|&s| s.into()).collect(),
                })
                .collect(),
        },
    }
}

fn direction(d: teilhabe_opinion::repness::Direction) -> String {
    match d {
        teilhabe_opinion::repness::Direction::Agree => "agree".into(),
        teilhabe_opinion::repness::Direction::Disagree => "disagree".into(),
    }
}
