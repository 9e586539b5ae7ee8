//! The SVG chart and its text alternative.

use super::{format_date, format_number, render_chart, table_html, ChartOptions, NumberFormat};
use teilhabe_domain::goals::{DatedValue, Direction, Indicator, Measurement};
use teilhabe_register::sample::sample_goals;
use time::macros::date;

fn indicator() -> Indicator {
    Indicator {
        key: "besuche".into(),
        name: "Besuche im Bürgerbüro <Innenstadt>".into(),
        unit: "Besuche".into(),
        direction: Direction::HigherIsBetter,
        baseline: DatedValue {
            date: date!(2025 - 01 - 01),
            value: 1000.0,
        },
        target: DatedValue {
            date: date!(2026 - 11 - 27),
            value: 2000.0,
        },
        data_source: "Zählung".into(),
        measurements: vec![
            Measurement {
                date: date!(2025 - 03 - 01),
                value: 1234.5,
                note: String::new(),
            },
            Measurement {
                date: date!(2025 - 02 - 01),
                value: 1100.0,
                note: String::new(),
            },
            Measurement {
                date: date!(2025 - 04 - 01),
                value: 1300.25,
                note: String::new(),
            },
        ],
    }
}

#[test]
fn german_and_english_formats() {
    assert_eq!(format_number(1234.5, 1, NumberFormat::German), "1.234,5");
    assert_eq!(format_number(1234.5, 1, NumberFormat::English), "1,234.5");
    assert_eq!(
        format_number(1234567.0, 2, NumberFormat::German),
        "1.234.567"
    );
    assert_eq!(format_number(-0.25, 2, NumberFormat::German), "−0,25");
    assert_eq!(format_number(-0.001, 1, NumberFormat::German), "0");
    assert_eq!(format_number(999.96, 1, NumberFormat::German), "1.000");
    assert_eq!(
        format_date(date!(2026 - 11 - 27), NumberFormat::German),
        "27.11.2026"
    );
    assert_eq!(
        format_date(date!(2026 - 11 - 27), NumberFormat::English),
        "2026-11-27"
    );
}

#[test]
fn svg_has_accessible_title_and_every_point() {
    let chart = render_chart(&indicator(), &ChartOptions::german());
    let svg = &chart.svg;
    assert!(svg.starts_with("<svg xmlns=\"http://www.w3.org/2000/svg\""));
    assert!(svg.ends_with("</svg>"));
    assert!(svg.contains(r#"role="img""#));
    assert!(svg.contains(r#"aria-labelledby="chart-title chart-desc""#));
    assert!(
        svg.contains(r#"<title id="chart-title">Besuche im Bürgerbüro &lt;Innenstadt&gt;</title>"#),
        "{svg}"
    );
    assert!(svg.contains(r#"<desc id="chart-desc">"#));
    assert!(
        chart
            .summary
            .contains("Ausgangswert 1.000 Besuche (01.01.2025)"),
        "{}",
        chart.summary
    );
    assert!(
        chart
            .summary
            .contains("Zielwert 2.000 Besuche (27.11.2026)"),
        "{}",
        chart.summary
    );
    // One circle per measurement, in date order, with its data.
    let circles: Vec<&str> = svg
        .match_indices("<circle")
        .map(|(i, _)| &svg[i..])
        .collect();
    assert_eq!(circles.len(), 3);
    assert!(circles[0].contains(r#"data-date="2025-02-01" data-value="1100""#));
    assert!(circles[1].contains(r#"data-date="2025-03-01" data-value="1234.5""#));
    assert!(circles[2].contains(r#"data-date="2025-04-01" data-value="1300.25""#));
    assert!(svg.contains("<title>Messwert: 1.234,5 Besuche (01.03.2025)</title>"));
    assert!(svg.contains(r#"class="baseline""#));
    assert!(svg.contains(r#"class="target""#));
    assert!(svg.contains(r#"class="projection""#));
    assert!(svg.contains("27.11.2026"));
    // Well-formed enough: every opened <g> closes.
    assert_eq!(svg.matches("<g").count(), svg.matches("</g>").count());
}

#[test]
fn data_table_lists_all_values() {
    let chart = render_chart(&indicator(), &ChartOptions::german());
    let t = &chart.table;
    assert_eq!(t.headers, vec!["Art", "Datum", "Wert"]);
    let kinds: Vec<&str> = t.rows.iter().map(|r| r[0].as_str()).collect();
    assert_eq!(
        kinds,
        vec![
            "Ausgangswert",
            "Messwert",
            "Messwert",
            "Messwert",
            "Trend (Prognose)",
            "Zielwert"
        ]
    );
    assert_eq!(
        t.rows[0],
        vec!["Ausgangswert", "01.01.2025", "1.000 Besuche"]
    );
    assert_eq!(t.rows[2], vec!["Messwert", "01.03.2025", "1.234,5 Besuche"]);
    assert_eq!(t.rows[3][2], "1.300,3 Besuche");
    let html = table_html(t);
    assert!(html.contains("<caption>Besuche im Bürgerbüro &lt;Innenstadt&gt;</caption>"));
    assert!(
        html.contains("<th scope=\"row\">Zielwert</th><td>27.11.2026</td><td>2.000 Besuche</td>")
    );
    let en = render_chart(&indicator(), &ChartOptions::english());
    assert_eq!(
        en.table.rows[2],
        vec!["Measurement", "2025-03-01", "1,234.5 Besuche"]
    );
}

#[test]
fn chart_without_measurements() {
    let mut i = indicator();
    i.measurements.clear();
    let chart = render_chart(&i, &ChartOptions::german());
    assert!(!chart.svg.contains("<circle"));
    assert!(!chart.svg.contains("class=\"projection\""));
    assert_eq!(chart.table.rows.len(), 2);
}

// Renders the sample goals' charts to $REGISTER_CHART_DIR (when set) for a
// visual check; always checks that every sample chart renders.
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
