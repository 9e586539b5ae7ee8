//! Renders the sample goals' charts to $REGISTER_CHART_DIR (when set) for a
//! visual check; always checks that every sample chart renders.
#![allow(clippy::unwrap_used)] // a test or tool stops at its first unexpected error

use teilhabe_register::chart::{render_chart, ChartOptions};
use teilhabe_register::sample::sample_goals;

#[test]
fn every_sample_indicator_renders() {
    let dir = std::env::var("REGISTER_CHART_DIR").ok();
    for g in sample_goals() {
        for i in &g.indicators {
            let c = render_chart(i, &ChartOptions::german());
            assert!(c.svg.contains("<title id=\"chart-title\">"));
            assert_eq!(
                c.table.rows.len(),
                i.measurements.len() + 2 + usize::from(!i.measurements.is_empty())
            );
            if let Some(d) = &dir {
                std::fs::write(format!("{d}/{}.svg", i.key), &c.svg).unwrap();
            }
        }
    }
}
