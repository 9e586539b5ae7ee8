//! Indicator states with hand-computed least-squares projections.
#![allow(clippy::unwrap_used)] // a test or tool stops at its first unexpected error

use teilhabe_domain::goals::{
    least_squares, summarize, DatedValue, Direction, Indicator, IndicatorState, Measurement,
};
use time::macros::date;
use time::Date;

fn m(d: Date, v: f64) -> Measurement {
    Measurement {
        date: d,
        value: v,
        note: String::new(),
    }
}

// Baseline 2025-01-01 (day 0); target date 2025-04-11 is day 100.
fn ind(direction: Direction, target: f64, measurements: Vec<Measurement>) -> Indicator {
    Indicator {
        key: "k".into(),
        name: "Test".into(),
        unit: "%".into(),
        direction,
        baseline: DatedValue {
            date: date!(2025 - 01 - 01),
            value: 10.0,
        },
        target: DatedValue {
            date: date!(2025 - 04 - 11),
            value: target,
        },
        data_source: "Test".into(),
        measurements,
    }
}

const TODAY: Date = date!(2025 - 02 - 01);

#[test]
fn least_squares_by_hand() {
    // (0,1) (10,3) (20,2): mean x 10, mean y 2, Sxx 200, Sxy 10 → slope 0.05, intercept 1.5.
    let (a, b) = least_squares(&[(0.0, 1.0), (10.0, 3.0), (20.0, 2.0)]).unwrap();
    assert!((b - 0.05).abs() < 1e-12 && (a - 1.5).abs() < 1e-12);
    assert!(least_squares(&[(5.0, 1.0), (5.0, 2.0)]).is_none());
    assert!(least_squares(&[(5.0, 1.0)]).is_none());
}

#[test]
fn no_data() {
    let a = ind(Direction::HigherIsBetter, 30.0, vec![]).assess(TODAY);
    assert_eq!(a.state, IndicatorState::NoData);
    assert!(a.projection.is_none());
}

#[test]
fn on_track_exactly_reaching_the_target() {
    // Days 0, 10, 20 with 10, 12, 14: slope 0.2/day, intercept 10 → 30 at day 100.
    let i = ind(
        Direction::HigherIsBetter,
        30.0,
        vec![
            m(date!(2025 - 01 - 21), 14.0),
            m(date!(2025 - 01 - 01), 10.0),
            m(date!(2025 - 01 - 11), 12.0),
        ],
    );
    let a = i.assess(TODAY);
    let p = a.projection.unwrap();
    assert!((p.slope_per_day - 0.2).abs() < 1e-12);
    assert!((p.intercept - 10.0).abs() < 1e-12);
    assert!((p.at_target - 30.0).abs() < 1e-9);
    assert_eq!(a.state, IndicatorState::OnTrack);
    assert_eq!(a.latest.unwrap().value, 14.0);
    // A target of 30.5 is not reached by the same line.
    let mut j = i.clone();
    j.target.value = 30.5;
    assert_eq!(j.assess(TODAY).state, IndicatorState::OffTrack);
}

#[test]
fn noisy_measurements() {
    // Values 1, 3, 2 at days 0, 10, 20 → 1.5 + 0.05 * 100 = 6.5 at the target date.
    let pts = vec![
        m(date!(2025 - 01 - 01), 1.0),
        m(date!(2025 - 01 - 11), 3.0),
        m(date!(2025 - 01 - 21), 2.0),
    ];
    let on = ind(Direction::HigherIsBetter, 6.0, pts.clone());
    assert!((on.projection().unwrap().at_target - 6.5).abs() < 1e-9);
    assert_eq!(on.assess(TODAY).state, IndicatorState::OnTrack);
    assert_eq!(
        ind(Direction::HigherIsBetter, 7.0, pts).assess(TODAY).state,
        IndicatorState::OffTrack
    );
}

#[test]
fn lower_is_better() {
    // 20, 18, 17 at days 0, 10, 20: Sxy = -10*1.6667 + 10*(-1.3333) = -30 → slope -0.15;
    // mean y 18.3333, intercept 18.3333 + 1.5 = 19.8333 → 4.8333 at day 100.
    let pts = vec![
        m(date!(2025 - 01 - 01), 20.0),
        m(date!(2025 - 01 - 11), 18.0),
        m(date!(2025 - 01 - 21), 17.0),
    ];
    let on = ind(Direction::LowerIsBetter, 5.0, pts.clone());
    let p = on.projection().unwrap();
    assert!((p.slope_per_day + 0.15).abs() < 1e-12);
    assert!((p.at_target - 4.833_333_333).abs() < 1e-6);
    assert_eq!(on.assess(TODAY).state, IndicatorState::OnTrack);
    assert_eq!(
        ind(Direction::LowerIsBetter, 4.5, pts).assess(TODAY).state,
        IndicatorState::OffTrack
    );
}

#[test]
fn achieved_when_the_latest_measurement_meets_the_target() {
    let i = ind(
        Direction::HigherIsBetter,
        12.0,
        vec![
            m(date!(2025 - 01 - 01), 10.0),
            m(date!(2025 - 01 - 11), 12.5),
        ],
    );
    assert_eq!(i.assess(TODAY).state, IndicatorState::Achieved);
    // Even after the target date.
    assert_eq!(
        i.assess(date!(2026 - 01 - 01)).state,
        IndicatorState::Achieved
    );
    // Met earlier but not by the latest value: not achieved.
    let j = ind(
        Direction::HigherIsBetter,
        12.0,
        vec![
            m(date!(2025 - 01 - 01), 13.0),
            m(date!(2025 - 01 - 11), 11.0),
        ],
    );
    assert_ne!(j.assess(TODAY).state, IndicatorState::Achieved);
}

#[test]
fn past_target_date_is_off_track() {
    let i = ind(
        Direction::HigherIsBetter,
        30.0,
        vec![
            m(date!(2025 - 01 - 01), 10.0),
            m(date!(2025 - 01 - 11), 12.0),
            m(date!(2025 - 01 - 21), 14.0),
        ],
    );
    assert_eq!(
        i.assess(date!(2025 - 04 - 11)).state,
        IndicatorState::OnTrack
    );
    assert_eq!(
        i.assess(date!(2025 - 04 - 12)).state,
        IndicatorState::OffTrack
    );
}

#[test]
fn single_measurement_is_projected_from_the_baseline() {
    // Baseline (0, 10) and (10, 12): slope 0.2 → 30 at day 100.
    let i = ind(
        Direction::HigherIsBetter,
        30.0,
        vec![m(date!(2025 - 01 - 11), 12.0)],
    );
    assert!((i.projection().unwrap().at_target - 30.0).abs() < 1e-9);
    assert_eq!(i.assess(TODAY).state, IndicatorState::OnTrack);
    // Only a measurement on the baseline date: no line, off track.
    let j = ind(
        Direction::HigherIsBetter,
        30.0,
        vec![m(date!(2025 - 01 - 01), 12.0)],
    );
    assert!(j.projection().is_none());
    assert_eq!(j.assess(TODAY).state, IndicatorState::OffTrack);
}

#[test]
fn goal_summary() {
    use IndicatorState::*;
    assert_eq!(summarize(&[]).overall, NoData);
    assert_eq!(summarize(&[NoData, NoData]).overall, NoData);
    assert_eq!(summarize(&[Achieved, Achieved]).overall, Achieved);
    assert_eq!(summarize(&[Achieved, OnTrack, NoData]).overall, OnTrack);
    let s = summarize(&[Achieved, OnTrack, OffTrack, NoData]);
    assert_eq!(s.overall, OffTrack);
    assert_eq!(
        (s.achieved, s.on_track, s.off_track, s.no_data),
        (1, 1, 1, 1)
    );
}
