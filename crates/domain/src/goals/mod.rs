//! Impact goals (Wirkungsziele), indicators, measurements, and the state of
//! an indicator computed from its measurements.

pub mod csv;
pub mod input;

use serde::{Deserialize, Serialize};
use time::Date;

/// Which way is good.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Direction {
    HigherIsBetter,
    LowerIsBetter,
}

impl Direction {
    /// Is `value` at least as good as `target`?
    pub fn meets(self, value: f64, target: f64) -> bool {
        match self {
            Direction::HigherIsBetter => value >= target,
            Direction::LowerIsBetter => value <= target,
        }
    }
}

/// A value at a date (baseline, target, measurement).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct DatedValue {
    pub date: Date,
    pub value: f64,
}

/// One measurement of an indicator.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Measurement {
    pub date: Date,
    pub value: f64,
    /// Free note ("Zählung ohne Sonntage").
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub note: String,
}

/// A measurable indicator of an impact goal.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Indicator {
    /// Stable key (used in CSV files).
    pub key: String,
    pub name: String,
    /// Unit shown after values ("%", "Fahrten/Tag").
    pub unit: String,
    pub direction: Direction,
    pub baseline: DatedValue,
    pub target: DatedValue,
    /// Free text or a link.
    pub data_source: String,
    pub measurements: Vec<Measurement>,
}

/// State of an indicator.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum IndicatorState {
    /// The latest measurement meets the target.
    Achieved,
    /// The linear projection reaches the target by its date.
    OnTrack,
    /// It does not, or the target date has passed.
    OffTrack,
    /// No measurements.
    NoData,
}

impl IndicatorState {
    pub fn as_str(self) -> &'static str {
        match self {
            IndicatorState::Achieved => "achieved",
            IndicatorState::OnTrack => "on_track",
            IndicatorState::OffTrack => "off_track",
            IndicatorState::NoData => "no_data",
        }
    }
    /// Fluent key of the label (`indicator-state-on_track`).
    pub fn label_key(self) -> &'static str {
        match self {
            IndicatorState::Achieved => "indicator-state-achieved",
            IndicatorState::OnTrack => "indicator-state-on_track",
            IndicatorState::OffTrack => "indicator-state-off_track",
            IndicatorState::NoData => "indicator-state-no_data",
        }
    }
}

/// A least-squares line through measurements: `value = intercept + slope *
/// days`, with `days` counted from `origin`.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Projection {
    pub origin: Date,
    pub slope_per_day: f64,
    pub intercept: f64,
    /// The line's value at the target date.
    pub at_target: f64,
}

impl Projection {
    /// The line's value at `date`.
    pub fn value_at(&self, date: Date) -> f64 {
        self.intercept + self.slope_per_day * days_between(self.origin, date)
    }
}

/// The computed state of an indicator with what it was computed from.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Assessment {
    pub state: IndicatorState,
    /// The latest measurement, if any.
    pub latest: Option<Measurement>,
    /// The projection, when there are measurements at two or more dates.
    pub projection: Option<Projection>,
}

fn days_between(a: Date, b: Date) -> f64 {
    (b - a).whole_days() as f64
}

/// Ordinary least squares over `(x, y)`; `None` when all `x` are equal.
pub fn least_squares(points: &[(f64, f64)]) -> Option<(f64, f64)> {
    let n = points.len() as f64;
    if points.len() < 2 {
        return None;
    }
    let mx = points.iter().map(|p| p.0).sum::<f64>() / n;
    let my = points.iter().map(|p| p.1).sum::<f64>() / n;
    let sxx: f64 = points.iter().map(|p| (p.0 - mx) * (p.0 - mx)).sum();
    if sxx == 0.0 {
        return None;
    }
    let sxy: f64 = points.iter().map(|p| (p.0 - mx) * (p.1 - my)).sum();
    let slope = sxy / sxx;
    Some((my - slope * mx, slope))
}

impl Indicator {
    /// Measurements sorted by date.
    pub fn sorted_measurements(&self) -> Vec<Measurement> {
        let mut m = self.measurements.clone();
        m.sort_by_key(|x| x.date);
        m
    }

    /// The least-squares line through the measurements (days counted from
    /// the baseline date). With measurements at one date only, the baseline
    /// is added as a second point; `None` when that still gives one date
    /// (or there are no measurements).
    pub fn projection(&self) -> Option<Projection> {
        let origin = self.baseline.date;
        let mut pts: Vec<(f64, f64)> = self
            .measurements
            .iter()
            .map(|m| (days_between(origin, m.date), m.value))
            .collect();
        let first = pts.first().map(|p| p.0);
        if !pts.is_empty() && pts.iter().all(|p| Some(p.0) == first) {
            // One measurement date only: the baseline is the second point.
            pts.push((0.0, self.baseline.value));
        }
        let (intercept, slope_per_day) = least_squares(&pts)?;
        let mut p = Projection {
            origin,
            slope_per_day,
            intercept,
            at_target: 0.0,
        };
        p.at_target = p.value_at(self.target.date);
        Some(p)
    }

    /// The state as of `today`:
    /// - no measurements → no data;
    /// - the latest measurement meets the target → achieved;
    /// - the target date is before `today` → off track;
    /// - the least-squares line through the measurements reaches the
    ///   target at the target date → on track, otherwise off track (also
    ///   off track when no line can be drawn, see [`Indicator::projection`]).
    pub fn assess(&self, today: Date) -> Assessment {
        let sorted = self.sorted_measurements();
        let Some(latest) = sorted.last().cloned() else {
            return Assessment {
                state: IndicatorState::NoData,
                latest: None,
                projection: None,
            };
        };
        let projection = self.projection();
        let state = if self.direction.meets(latest.value, self.target.value) {
            IndicatorState::Achieved
        } else if today > self.target.date {
            IndicatorState::OffTrack
        } else {
            match &projection {
                Some(p) if self.direction.meets(p.at_target, self.target.value) => {
                    IndicatorState::OnTrack
                }
                _ => IndicatorState::OffTrack,
            }
        };
        Assessment {
            state,
            latest: Some(latest),
            projection,
        }
    }
}

/// An impact goal (Wirkungsziel).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Goal {
    pub statement: String,
    pub department: String,
    /// Ids of linked participatory processes (the store's ids).
    #[serde(default)]
    pub process_ids: Vec<String>,
    /// Ids of linked register entries.
    #[serde(default)]
    pub entry_ids: Vec<String>,
    pub indicators: Vec<Indicator>,
}

/// The state of a goal over its indicators.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct GoalSummary {
    pub achieved: usize,
    pub on_track: usize,
    pub off_track: usize,
    pub no_data: usize,
    /// Ignoring indicators without data: off track if any is off track,
    /// achieved if all are achieved, on track otherwise; no data when no
    /// indicator has data.
    pub overall: IndicatorState,
}

/// Summarises indicator states into a goal state.
pub fn summarize(states: &[IndicatorState]) -> GoalSummary {
    let count = |s: IndicatorState| states.iter().filter(|x| **x == s).count();
    let (achieved, on_track, off_track, no_data) = (
        count(IndicatorState::Achieved),
        count(IndicatorState::OnTrack),
        count(IndicatorState::OffTrack),
        count(IndicatorState::NoData),
    );
    let overall = if achieved + on_track + off_track == 0 {
        IndicatorState::NoData
    } else if off_track > 0 {
        IndicatorState::OffTrack
    } else if on_track == 0 {
        IndicatorState::Achieved
    } else {
        IndicatorState::OnTrack
    };
    GoalSummary {
        achieved,
        on_track,
        off_track,
        no_data,
        overall,
    }
}

impl Goal {
    /// Summary of the goal's indicators as of `today`.
    pub fn summary(&self, today: Date) -> GoalSummary {
        let states: Vec<IndicatorState> = self
            .indicators
            .iter()
            .map(|i| i.assess(today).state)
            .collect();
        summarize(&states)
    }
}
