//! The sample goals of Musterstadt show every indicator state.

use teilhabe_domain::goals::IndicatorState;
use teilhabe_register::sample::sample_goals;
use time::macros::date;

#[test]
fn sample_goals_have_mixed_states() {
    let goals = sample_goals();
    assert_eq!(goals.len(), 5);
    let today = date!(2026 - 01 - 15);
    let mut states = Vec::new();
    for g in &goals {
        assert!((2..=3).contains(&g.indicators.len()));
        for i in &g.indicators {
            states.push(i.assess(today).state);
        }
    }
    for s in [
        IndicatorState::Achieved,
        IndicatorState::OnTrack,
        IndicatorState::OffTrack,
        IndicatorState::NoData,
    ] {
        assert!(states.contains(&s), "{s:?} missing: {states:?}");
    }
    let overall: Vec<IndicatorState> = goals.iter().map(|g| g.summary(today).overall).collect();
    assert!(
        overall.contains(&IndicatorState::OnTrack) && overall.contains(&IndicatorState::OffTrack),
        "{overall:?}"
    );
}
