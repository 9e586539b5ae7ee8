//! What the analysis left for the results page: the stored result (or the
//! failure of the last run) and the participation over time.

use super::OpinionMaps;
use crate::{params, Result, StoreError};
use serde::{Deserialize, Serialize};

/// The stored analysis of a map (see [`AnalysisResult`]), with the latest
/// failure if the last run failed.
#[derive(Debug, Clone, Serialize)]
pub struct StoredResult {
    pub revision: i64,
    pub votes_covered: i64,
    pub computed_at: Option<i64>,
    pub result: Option<AnalysisResult>,
    pub error: Option<String>,
    pub error_at: Option<i64>,
    /// The map revision the failed run looked at.
    pub error_revision: Option<i64>,
}

impl StoredResult {
    /// Whether a newer analysis is still to come for a map at `revision`
    /// (false after a failed run at that revision: it is retried only
    /// after the next change).
    pub fn pending(&self, revision: i64) -> bool {
        self.revision < revision && self.error_revision.is_none_or(|e| e < revision)
    }
}

/// The analysis as stored: participants by database id, statements by
/// database id, shares as fractions 0..1.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
pub struct AnalysisResult {
    /// False: not enough votes yet to find groups (see `participants_required`).
    pub grouped: bool,
    pub participants_in_analysis: usize,
    pub participants_required: usize,
    pub votes_covered: usize,
    pub k: usize,
    /// Every participant with a position: (participant id, x, y, group).
    pub points: Vec<(i64, f64, f64, Option<usize>)>,
    pub groups: Vec<GroupResult>,
    pub consensus: Vec<SharedStatement>,
    pub divisive: Vec<DivisiveStatement>,
}

#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
pub struct Shares {
    pub agree: f64,
    pub disagree: f64,
    pub pass: f64,
    pub votes: u64,
}

impl From<teilhabe_opinion::repness::Shares> for Shares {
    fn from(s: teilhabe_opinion::repness::Shares) -> Self {
        Shares {
            agree: finite(s.agree),
            disagree: finite(s.disagree),
            pass: finite(s.pass),
            votes: s.votes,
        }
    }
}

/// NaN and infinities (no votes) as 0, so the JSON stays valid.
pub(super) fn finite(x: f64) -> f64 {
    if x.is_finite() {
        x
    } else {
        0.0
    }
}

#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
pub struct GroupResult {
    pub id: usize,
    pub size: usize,
    pub representative: Vec<RepresentativeStatement>,
}

#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
pub struct RepresentativeStatement {
    pub statement_id: i64,
    /// "agree" or "disagree": how the group stands out.
    pub direction: String,
    pub inside: Shares,
    pub outside: Shares,
}

#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
pub struct SharedStatement {
    pub statement_id: i64,
    pub direction: String,
    /// Shares per group.
    pub groups: Vec<Shares>,
}

#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
pub struct DivisiveStatement {
    pub statement_id: i64,
    pub agreeing_group: usize,
    pub disagreeing_group: usize,
    pub groups: Vec<Shares>,
}

/// Votes per day (UTC), for "participation over time".
#[derive(Debug, Clone, Serialize)]
pub struct DayCount {
    /// Start of the day, ms since the epoch.
    pub day: i64,
    pub votes: i64,
    pub participants: i64,
}

const DAY_MS: i64 = 86_400_000;

/// The stored row of [`StoredResult`], the result still as JSON.
#[derive(Deserialize)]
struct ResultRow {
    revision: i64,
    votes_covered: i64,
    computed_at: Option<i64>,
    result: Option<String>,
    error: Option<String>,
    error_at: Option<i64>,
    error_revision: Option<i64>,
}

/// Votes or new participants of one day (days since the epoch).
#[derive(Deserialize)]
struct DayRow {
    day: i64,
    n: i64,
}

impl OpinionMaps<'_> {
    /// Votes and new participants per day.
    pub async fn timeline(&self, process_id: i64) -> Result<Vec<DayCount>> {
        let votes = self
            .store
            .db
            .all_as::<DayRow>(
                &format!("SELECT created_at / {DAY_MS} AS day, COUNT(*) AS n FROM opinion_votes WHERE process_id = $1 GROUP BY created_at / {DAY_MS} ORDER BY day"),
                params![process_id],
            )
            .await?;
        let people = self
            .store
            .db
            .all_as::<DayRow>(
                &format!("SELECT created_at / {DAY_MS} AS day, COUNT(*) AS n FROM opinion_participants WHERE process_id = $1 GROUP BY created_at / {DAY_MS}"),
                params![process_id],
            )
            .await?;
        let mut by_day: std::collections::BTreeMap<i64, (i64, i64)> = Default::default();
        for r in &votes {
            by_day.entry(r.day).or_default().0 = r.n;
        }
        for r in &people {
            by_day.entry(r.day).or_default().1 = r.n;
        }
        Ok(by_day
            .into_iter()
            .map(|(d, (v, p))| DayCount {
                day: d * DAY_MS,
                votes: v,
                participants: p,
            })
            .collect())
    }

    /// The stored analysis, if any run happened.
    pub async fn result(&self, process_id: i64) -> Result<Option<StoredResult>> {
        let Some(r) = self
            .store
            .db
            .opt_as::<ResultRow>(
                "SELECT revision, votes_covered, computed_at, result, error, error_at, error_revision FROM opinion_results WHERE process_id = $1",
                params![process_id],
            )
            .await?
        else {
            return Ok(None);
        };
        let result = match r.result {
            Some(json) => Some(
                serde_json::from_str(&json)
                    .map_err(|e| StoreError::internal("stored opinion result", e))?,
            ),
            None => None,
        };
        Ok(Some(StoredResult {
            revision: r.revision,
            votes_covered: r.votes_covered,
            computed_at: r.computed_at,
            result,
            error: r.error,
            error_at: r.error_at,
            error_revision: r.error_revision,
        }))
    }
}
