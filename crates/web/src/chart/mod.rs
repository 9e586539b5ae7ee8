//! A server-rendered SVG line chart of an indicator: baseline, target,
//! measurements and the least-squares projection, with `<title>`/`<desc>`
//! and a data table as text alternative.
//!
//! The SVG is written by hand: the chart is one fixed layout (two axes, one
//! series, three markers), which takes a few hundred lines, while the
//! plotting crates (plotters and friends) pull in font and image stacks and
//! several minutes of compile time on our build machines, and do not emit
//! the `<title>`/`<desc>`/`role` markup screen readers need.

use crate::render::escape;
use serde::Serialize;
use std::fmt::Write;
use teilhabe_domain::goals::{Direction, Indicator};
use time::Date;

/// Number and date format.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub enum NumberFormat {
    /// `1.234,5` and `27.11.2026`.
    German,
    /// `1,234.5` and `2026-11-27`.
    English,
}

/// Formats `v` with at most `max_decimals` decimals (trailing zeros
/// dropped) and thousands separators.
pub fn format_number(v: f64, max_decimals: usize, fmt: NumberFormat) -> String {
    let (thousands, decimal) = match fmt {
        NumberFormat::German => ('.', ','),
        NumberFormat::English => (',', '.'),
    };
    // Half away from zero (1.25 → 1.3), as people round, not half-even.
    let factor = 10f64.powi(max_decimals.min(15) as i32);
    let rounded = (v.abs() * factor).round() / factor;
    let s = format!("{:.*}", max_decimals, rounded);
    let (int, frac) = match s.split_once('.') {
        Some((i, f)) => (i.to_string(), f.trim_end_matches('0').to_string()),
        None => (s.clone(), String::new()),
    };
    let mut grouped = String::new();
    for (i, c) in int.chars().enumerate() {
        if i > 0 && (int.len() - i) % 3 == 0 {
            grouped.push(thousands);
        }
        grouped.push(c);
    }
    let negative =
        v < 0.0 && (grouped.chars().any(|c| c.is_ascii_digit() && c != '0') || !frac.is_empty());
    let mut out = String::new();
    if negative {
        out.push('−');
    }
    out.push_str(&grouped);
    if !frac.is_empty() {
        out.push(decimal);
        out.push_str(&frac);
    }
    out
}

/// `27.11.2026` (German) or `2026-11-27` (English).
pub fn format_date(d: Date, fmt: NumberFormat) -> String {
    match fmt {
        NumberFormat::German => format!("{:02}.{:02}.{}", d.day(), u8::from(d.month()), d.year()),
        NumberFormat::English => d.to_string(),
    }
}

/// Texts of the chart (translated by the caller; German and English
/// defaults provided).
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ChartLabels {
    pub baseline: String,
    pub target: String,
    pub measurement: String,
    pub projection: String,
    pub date: String,
    pub value: String,
    pub kind: String,
    /// "higher is better" / "lower is better".
    pub higher_is_better: String,
    pub lower_is_better: String,
}

impl ChartLabels {
    pub fn german() -> Self {
        Self {
            baseline: "Ausgangswert".into(),
            target: "Zielwert".into(),
            measurement: "Messwert".into(),
            projection: "Trend (Prognose)".into(),
            date: "Datum".into(),
            value: "Wert".into(),
            kind: "Art".into(),
            higher_is_better: "höher ist besser".into(),
            lower_is_better: "niedriger ist besser".into(),
        }
    }
    pub fn english() -> Self {
        Self {
            baseline: "Baseline".into(),
            target: "Target".into(),
            measurement: "Measurement".into(),
            projection: "Trend (projection)".into(),
            date: "Date".into(),
            value: "Value".into(),
            kind: "Kind".into(),
            higher_is_better: "higher is better".into(),
            lower_is_better: "lower is better".into(),
        }
    }
}

/// Chart options.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ChartOptions {
    pub width: u32,
    pub height: u32,
    pub format: NumberFormat,
    pub labels: ChartLabels,
    /// Maximum decimals of shown values.
    pub decimals: usize,
    /// Prefix of the element ids (`title`/`desc`), unique per page.
    pub id_prefix: String,
}

impl ChartOptions {
    pub fn german() -> Self {
        Self {
            width: 640,
            height: 320,
            format: NumberFormat::German,
            labels: ChartLabels::german(),
            decimals: 1,
            id_prefix: "chart".into(),
        }
    }
    pub fn english() -> Self {
        Self {
            format: NumberFormat::English,
            labels: ChartLabels::english(),
            ..Self::german()
        }
    }
}

/// The text alternative: a table of every plotted value.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct DataTable {
    pub caption: String,
    /// Column headings: kind, date, value.
    pub headers: Vec<String>,
    /// Rows of formatted cells, in date order: baseline, measurements,
    /// projection at the target date (if any), target.
    pub rows: Vec<Vec<String>>,
}

/// A rendered chart.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Chart {
    /// A complete `<svg>` element, ready to inline into HTML.
    pub svg: String,
    pub table: DataTable,
    /// The plain-text summary also used as `<desc>`.
    pub summary: String,
}

/// "Nice" tick step for a range split into about `n` parts.
fn nice_step(range: f64, n: f64) -> f64 {
    if range <= 0.0 || !range.is_finite() {
        return 1.0;
    }
    let raw = range / n;
    let mag = 10f64.powf(raw.log10().floor());
    let f = raw / mag;
    let nice = if f <= 1.0 {
        1.0
    } else if f <= 2.0 {
        2.0
    } else if f <= 5.0 {
        5.0
    } else {
        10.0
    };
    nice * mag
}

/// Renders the chart of `indicator`.
pub fn render_chart(indicator: &Indicator, opts: &ChartOptions) -> Chart {
    let fmt = opts.format;
    let l = &opts.labels;
    let num = |v: f64| {
        let n = format_number(v, opts.decimals, fmt);
        if indicator.unit.is_empty() {
            n
        } else {
            format!("{n} {}", indicator.unit)
        }
    };
    let measurements = indicator.sorted_measurements();
    let projection = indicator.projection();

    // Data table.
    let mut rows: Vec<(Date, u8, Vec<String>)> = Vec::new();
    rows.push((
        indicator.baseline.date,
        0,
        vec![
            l.baseline.clone(),
            format_date(indicator.baseline.date, fmt),
            num(indicator.baseline.value),
        ],
    ));
    for m in &measurements {
        rows.push((
            m.date,
            1,
            vec![
                l.measurement.clone(),
                format_date(m.date, fmt),
                num(m.value),
            ],
        ));
    }
    if let Some(p) = &projection {
        rows.push((
            indicator.target.date,
            2,
            vec![
                l.projection.clone(),
                format_date(indicator.target.date, fmt),
                num(p.at_target),
            ],
        ));
    }
    rows.push((
        indicator.target.date,
        3,
        vec![
            l.target.clone(),
            format_date(indicator.target.date, fmt),
            num(indicator.target.value),
        ],
    ));
    rows.sort_by_key(|r| (r.0, r.1));
    let direction = match indicator.direction {
        Direction::HigherIsBetter => &l.higher_is_better,
        Direction::LowerIsBetter => &l.lower_is_better,
    };
    let mut summary = format!(
        "{}: {} {} ({}), {} {} ({}), {direction}.",
        indicator.name,
        l.baseline,
        num(indicator.baseline.value),
        format_date(indicator.baseline.date, fmt),
        l.target,
        num(indicator.target.value),
        format_date(indicator.target.date, fmt),
    );
    if let Some(last) = measurements.last() {
        let _ = write!(
            summary,
            " {}: {} ({}).",
            l.measurement,
            num(last.value),
            format_date(last.date, fmt)
        );
    }
    if let Some(p) = &projection {
        let _ = write!(
            summary,
            " {}: {} ({}).",
            l.projection,
            num(p.at_target),
            format_date(indicator.target.date, fmt)
        );
    }
    let table = DataTable {
        caption: indicator.name.clone(),
        headers: vec![l.kind.clone(), l.date.clone(), l.value.clone()],
        rows: rows.into_iter().map(|r| r.2).collect(),
    };

    // Scales.
    let mut dates = vec![indicator.baseline.date, indicator.target.date];
    dates.extend(measurements.iter().map(|m| m.date));
    let (Some(&d0), Some(&d1)) = (dates.iter().min(), dates.iter().max()) else {
        return Chart {
            svg: String::new(),
            table,
            summary,
        };
    };
    let mut values = vec![indicator.baseline.value, indicator.target.value];
    values.extend(measurements.iter().map(|m| m.value));
    if let Some(p) = &projection {
        values.push(p.at_target);
        if let Some(first) = measurements.first() {
            values.push(p.value_at(first.date));
        }
    }
    let vmin = values.iter().copied().fold(f64::INFINITY, f64::min);
    let vmax = values.iter().copied().fold(f64::NEG_INFINITY, f64::max);
    let step = nice_step(vmax - vmin, 5.0);
    let mut lo = (vmin / step).floor() * step;
    let mut hi = (vmax / step).ceil() * step;
    if hi <= lo {
        lo -= step;
        hi += step;
    }
    let (w, h) = (opts.width as f64, opts.height as f64);
    let (ml, mr, mt, mb) = (64.0, 16.0, 16.0, 56.0);
    let span_days = ((d1 - d0).whole_days().max(1)) as f64;
    let x = |d: Date| ml + (d - d0).whole_days() as f64 / span_days * (w - ml - mr);
    let y = |v: f64| mt + (hi - v) / (hi - lo) * (h - mt - mb);

    let id = escape(&opts.id_prefix);
    let mut s = String::new();
    let _ = write!(
        s,
        r#"<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {w} {h}" width="{w}" height="{h}" role="img" aria-labelledby="{id}-title {id}-desc" class="indicator-chart" font-family="sans-serif" font-size="12">"#
    );
    let _ = write!(
        s,
        r#"<title id="{id}-title">{}</title><desc id="{id}-desc">{}</desc>"#,
        escape(&indicator.name),
        escape(&summary)
    );
    // Y grid and labels.
    let mut v = lo;
    let mut guard = 0;
    while v <= hi + step / 2.0 && guard < 50 {
        let yy = y(v);
        let _ = write!(
            s,
            r##"<line x1="{ml:.1}" y1="{yy:.1}" x2="{:.1}" y2="{yy:.1}" stroke="#ddd"/><text x="{:.1}" y="{:.1}" text-anchor="end">{}</text>"##,
            w - mr,
            ml - 6.0,
            yy + 4.0,
            escape(&format_number(v, opts.decimals.max(decimals_of(step)), fmt))
        );
        v += step;
        guard += 1;
    }
    // X axis: first, last and up to three dates between.
    let _ = write!(
        s,
        r##"<line x1="{ml:.1}" y1="{:.1}" x2="{:.1}" y2="{:.1}" stroke="#333"/>"##,
        h - mb,
        w - mr,
        h - mb
    );
    for i in 0..=4 {
        let d = d0
            .checked_add(time::Duration::days(
                (span_days * i as f64 / 4.0).round() as i64
            ))
            .unwrap_or(d1);
        let anchor = match i {
            0 => "start",
            4 => "end",
            _ => "middle",
        };
        let _ = write!(
            s,
            r##"<text x="{:.1}" y="{:.1}" text-anchor="{anchor}">{}</text>"##,
            x(d),
            h - mb + 16.0,
            format_date(d, fmt)
        );
    }
    // Target line (dashed) and marker.
    let (tx, ty) = (x(indicator.target.date), y(indicator.target.value));
    let _ = write!(
        s,
        r##"<g class="target"><line x1="{ml:.1}" y1="{ty:.1}" x2="{:.1}" y2="{ty:.1}" stroke="#1a7f37" stroke-dasharray="6 4"/><path d="M{:.1} {:.1} l6 6 l-6 6 l-6 -6 z" fill="#1a7f37"><title>{}: {} ({})</title></path></g>"##,
        w - mr,
        tx,
        ty - 6.0,
        escape(&l.target),
        escape(&num(indicator.target.value)),
        format_date(indicator.target.date, fmt)
    );
    // Baseline marker (square).
    let (bx, by) = (x(indicator.baseline.date), y(indicator.baseline.value));
    let _ = write!(
        s,
        r##"<g class="baseline"><rect x="{:.1}" y="{:.1}" width="10" height="10" fill="#555"><title>{}: {} ({})</title></rect></g>"##,
        bx - 5.0,
        by - 5.0,
        escape(&l.baseline),
        escape(&num(indicator.baseline.value)),
        format_date(indicator.baseline.date, fmt)
    );
    // Projection (dotted) from the first measurement to the target date.
    if let (Some(p), Some(first)) = (&projection, measurements.first()) {
        let _ = write!(
            s,
            r##"<g class="projection"><line x1="{:.1}" y1="{:.1}" x2="{:.1}" y2="{:.1}" stroke="#b35900" stroke-width="2" stroke-dasharray="2 4"><title>{}: {} ({})</title></line></g>"##,
            x(first.date),
            y(p.value_at(first.date)),
            tx,
            y(p.at_target),
            escape(&l.projection),
            escape(&num(p.at_target)),
            format_date(indicator.target.date, fmt)
        );
    }
    // Measurements: line and dots.
    if !measurements.is_empty() {
        let pts: Vec<String> = measurements
            .iter()
            .map(|m| format!("{:.1},{:.1}", x(m.date), y(m.value)))
            .collect();
        let _ = write!(
            s,
            r##"<g class="measurements"><polyline points="{}" fill="none" stroke="#0550ae" stroke-width="2"/>"##,
            pts.join(" ")
        );
        for m in &measurements {
            let _ = write!(
                s,
                r##"<circle cx="{:.1}" cy="{:.1}" r="3.5" fill="#0550ae" data-date="{}" data-value="{}"><title>{}: {} ({})</title></circle>"##,
                x(m.date),
                y(m.value),
                m.date,
                m.value,
                escape(&l.measurement),
                escape(&num(m.value)),
                format_date(m.date, fmt)
            );
        }
        s.push_str("</g>");
    }
    // Legend: shapes and line styles, not colour alone.
    let ly = h - 14.0;
    let legend = [
        (
            "measurement",
            r##"<line x1="0" y1="0" x2="18" y2="0" stroke="#0550ae" stroke-width="2"/>"##,
            &l.measurement,
        ),
        (
            "projection",
            r##"<line x1="0" y1="0" x2="18" y2="0" stroke="#b35900" stroke-width="2" stroke-dasharray="2 4"/>"##,
            &l.projection,
        ),
        (
            "target",
            r##"<line x1="0" y1="0" x2="18" y2="0" stroke="#1a7f37" stroke-dasharray="6 4"/>"##,
            &l.target,
        ),
        (
            "baseline",
            r##"<rect x="4" y="-5" width="10" height="10" fill="#555"/>"##,
            &l.baseline,
        ),
    ];
    let _ = write!(s, r#"<g class="legend" aria-hidden="true">"#);
    let mut lx = ml;
    for (_, shape, text) in legend {
        let _ = write!(
            s,
            r#"<g transform="translate({lx:.1} {ly:.1})">{shape}<text x="24" y="4">{}</text></g>"#,
            escape(text)
        );
        lx += 34.0 + text.chars().count() as f64 * 6.5;
    }
    s.push_str("</g></svg>");
    Chart {
        svg: s,
        table,
        summary,
    }
}

fn decimals_of(step: f64) -> usize {
    if step >= 1.0 {
        0
    } else {
        (-step.log10().floor()) as usize
    }
}

/// The data table as an HTML `<table>` (escaped), for pages that do not
/// build their own.
pub fn table_html(table: &DataTable) -> String {
    let mut s = String::from("<table class=\"chart-data\">");
    let _ = write!(
        s,
        "<caption>{}</caption><thead><tr>",
        escape(&table.caption)
    );
    for h in &table.headers {
        let _ = write!(s, "<th scope=\"col\">{}</th>", escape(h));
    }
    s.push_str("</tr></thead><tbody>");
    for r in &table.rows {
        s.push_str("<tr>");
        for (i, c) in r.iter().enumerate() {
            if i == 0 {
                let _ = write!(s, "<th scope=\"row\">{}</th>", escape(c));
            } else {
                let _ = write!(s, "<td>{}</td>", escape(c));
            }
        }
        s.push_str("</tr>");
    }
    s.push_str("</tbody></table>");
    s
}

#[cfg(test)]
mod tests;
