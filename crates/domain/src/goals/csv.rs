//! CSV import and export of indicator measurements.
//!
//! Format: a header line `indicator,date,value,note` (`note` optional,
//! columns in any order, names case-insensitive), one measurement per line.
//! A header with `;` instead of `,` switches to the German spreadsheet
//! dialect: `;` separates columns and values may use a decimal comma
//! (`1.234,5`). Dates are `2026-11-27` or `27.11.2026`.

use crate::goals::Measurement;
use crate::validation::{write_import_problem, write_import_problems};
use serde::Serialize;
use time::Date;

/// One imported line.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct MeasurementRow {
    /// The indicator's key.
    pub indicator: String,
    pub measurement: Measurement,
}

/// A problem on one line: line number (the header is line 1), column name
/// (empty when the whole line is meant), i18n key and arguments.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct CsvError {
    pub line: u64,
    pub column: String,
    pub key: &'static str,
    pub args: Vec<(&'static str, String)>,
}

impl std::fmt::Display for CsvError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let place = format!("line {}", self.line);
        write_import_problem(f, &place, ("column", &self.column), self.key, &self.args)
    }
}

/// Every problem of a CSV import; an import with errors yields nothing.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct CsvErrors(pub Vec<CsvError>);

impl std::fmt::Display for CsvErrors {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write_import_problems(f, &self.0)
    }
}

impl std::error::Error for CsvErrors {}

fn err(line: u64, column: &str, key: &'static str, args: Vec<(&'static str, String)>) -> CsvError {
    CsvError {
        line,
        column: column.to_string(),
        key,
        args,
    }
}

/// Parses a date `YYYY-MM-DD` or `DD.MM.YYYY`.
pub fn parse_flexible_date(s: &str) -> Option<Date> {
    let s = s.trim();
    if let Some(d) = crate::register::entry::parse_date(s) {
        return Some(d);
    }
    let parts: Vec<&str> = s.split('.').collect();
    if parts.len() == 3
        && parts[2].len() == 4
        && (1..=2).contains(&parts[0].len())
        && (1..=2).contains(&parts[1].len())
    {
        let iso = format!("{}-{:0>2}-{:0>2}", parts[2], parts[1], parts[0]);
        return crate::register::entry::parse_date(&iso);
    }
    None
}

/// Parses a finite number; with `decimal_comma`, `1.234,5` and `1234,5`
/// are accepted too (and `.` alone is a thousands separator).
pub fn parse_number(s: &str, decimal_comma: bool) -> Option<f64> {
    let s = s.trim();
    if s.is_empty() {
        return None;
    }
    let normalised = if decimal_comma {
        s.replace('.', "").replace(',', ".")
    } else {
        s.to_string()
    };
    if !normalised
        .chars()
        .all(|c| c.is_ascii_digit() || matches!(c, '.' | '-' | '+' | 'e' | 'E'))
    {
        return None;
    }
    normalised.parse::<f64>().ok().filter(|v| v.is_finite())
}

/// Imports measurements. `known_indicators`, when given, lists the valid
/// indicator keys. Either every line is valid and all rows are returned,
/// or every problem is reported and nothing is returned.
///
/// Keys: `error-csv` (unreadable CSV), `error-csv-empty`,
/// `error-csv-missing-column` (header), `error-csv-field-count`,
/// `error-required`, `error-date`, `error-number`,
/// `error-unknown-indicator`, `error-csv-duplicate`.
pub fn import_measurements_csv(
    input: &str,
    known_indicators: Option<&[&str]>,
) -> Result<Vec<MeasurementRow>, CsvErrors> {
    import(input, known_indicators, None)
}

/// Like [`import_measurements_csv`], and a date after `latest` (usually
/// today) is an error too (`error-date-future`): a value cannot have been
/// measured yet, and a mistyped year would bend the trend.
pub fn import_measurements_csv_until(
    input: &str,
    known_indicators: Option<&[&str]>,
    latest: Date,
) -> Result<Vec<MeasurementRow>, CsvErrors> {
    import(input, known_indicators, Some(latest))
}

fn import(
    input: &str,
    known_indicators: Option<&[&str]>,
    latest: Option<Date>,
) -> Result<Vec<MeasurementRow>, CsvErrors> {
    let input = input.strip_prefix('\u{feff}').unwrap_or(input);
    let header_line = input.lines().next().unwrap_or("");
    let semicolon = header_line.contains(';');
    let mut rdr = csv::ReaderBuilder::new()
        .delimiter(if semicolon { b';' } else { b',' })
        .has_headers(false)
        .flexible(true)
        .from_reader(input.as_bytes());
    let mut errors = Vec::new();
    let mut records = rdr.records();
    let header = match records.next() {
        None => return Err(CsvErrors(vec![err(1, "", "error-csv-empty", Vec::new())])),
        Some(Err(e)) => {
            let line = e.position().map(|p| p.line()).unwrap_or(1);
            return Err(CsvErrors(vec![err(
                line,
                "",
                "error-csv",
                vec![("reason", e.to_string())],
            )]));
        }
        Some(Ok(h)) => h,
    };
    let col = |name: &str| {
        header
            .iter()
            .position(|h| h.trim().eq_ignore_ascii_case(name))
    };
    let (ci, cd, cv, cn) = (col("indicator"), col("date"), col("value"), col("note"));
    for (name, c) in [("indicator", ci), ("date", cd), ("value", cv)] {
        if c.is_none() {
            errors.push(err(
                1,
                name,
                "error-csv-missing-column",
                vec![("column", name.to_string())],
            ));
        }
    }
    let (Some(ci), Some(cd), Some(cv)) = (ci, cd, cv) else {
        return Err(CsvErrors(errors));
    };
    let mut rows: Vec<(u64, MeasurementRow)> = Vec::new();
    for rec in records {
        let rec = match rec {
            Ok(r) => r,
            Err(e) => {
                let line = e.position().map(|p| p.line()).unwrap_or(0);
                errors.push(err(line, "", "error-csv", vec![("reason", e.to_string())]));
                continue;
            }
        };
        let line = rec.position().map(|p| p.line()).unwrap_or(0);
        if rec.iter().all(|f| f.trim().is_empty()) {
            continue; // blank line
        }
        if rec.len() != header.len() {
            errors.push(err(
                line,
                "",
                "error-csv-field-count",
                vec![
                    ("expected", header.len().to_string()),
                    ("found", rec.len().to_string()),
                ],
            ));
            continue;
        }
        let get = |i: usize| rec.get(i).unwrap_or("").trim();
        let before = errors.len();
        let indicator = get(ci).to_string();
        if indicator.is_empty() {
            errors.push(err(line, "indicator", "error-required", Vec::new()));
        } else if let Some(known) = known_indicators {
            if !known.contains(&indicator.as_str()) {
                errors.push(err(
                    line,
                    "indicator",
                    "error-unknown-indicator",
                    vec![("value", indicator.clone())],
                ));
            }
        }
        let date = if get(cd).is_empty() {
            errors.push(err(line, "date", "error-required", Vec::new()));
            None
        } else {
            let d = parse_flexible_date(get(cd));
            match d {
                None => errors.push(err(
                    line,
                    "date",
                    "error-date",
                    vec![("value", get(cd).to_string())],
                )),
                Some(d) if latest.is_some_and(|l| d > l) => errors.push(err(
                    line,
                    "date",
                    "error-date-future",
                    vec![("value", get(cd).to_string())],
                )),
                Some(_) => {}
            }
            d
        };
        let value = if get(cv).is_empty() {
            errors.push(err(line, "value", "error-required", Vec::new()));
            None
        } else {
            let v = parse_number(get(cv), semicolon);
            if v.is_none() {
                errors.push(err(
                    line,
                    "value",
                    "error-number",
                    vec![("value", get(cv).to_string())],
                ));
            }
            v
        };
        let note = cn.map(get).unwrap_or("").to_string();
        if errors.len() > before {
            continue;
        }
        let (Some(date), Some(value)) = (date, value) else {
            continue;
        };
        if let Some((first, _)) = rows
            .iter()
            .find(|(_, r)| r.indicator == indicator && r.measurement.date == date)
        {
            errors.push(err(
                line,
                "date",
                "error-csv-duplicate",
                vec![("line", first.to_string()), ("value", date.to_string())],
            ));
            continue;
        }
        rows.push((
            line,
            MeasurementRow {
                indicator,
                measurement: Measurement { date, value, note },
            },
        ));
    }
    if errors.is_empty() {
        Ok(rows.into_iter().map(|(_, r)| r).collect())
    } else {
        Err(CsvErrors(errors))
    }
}

/// Exports measurements as `indicator,date,value,note` with ISO dates and
/// a decimal point; [`import_measurements_csv`] reads it back.
pub fn export_measurements_csv(rows: &[MeasurementRow]) -> String {
    let mut w = csv::WriterBuilder::new().from_writer(Vec::new());
    let mut write = || -> Result<Vec<u8>, Box<dyn std::error::Error>> {
        w.write_record(["indicator", "date", "value", "note"])?;
        for r in rows {
            w.write_record([
                r.indicator.as_str(),
                &r.measurement.date.to_string(),
                &r.measurement.value.to_string(),
                r.measurement.note.as_str(),
            ])?;
        }
        w.flush()?;
        Ok(w.get_ref().clone())
    };
    // Writing into memory cannot fail; the data is text.
    write()
        .ok()
        .and_then(|b| String::from_utf8(b).ok())
        .unwrap_or_default()
}

#[cfg(test)]
mod until_tests {
    use super::*;

    #[test]
    fn dates_after_the_latest_day_are_errors() {
        let latest = crate::register::entry::parse_date("2026-11-27").unwrap();
        let csv = "indicator,date,value\na,2026-11-27,1\na,2062-11-01,2\n";
        let e = import_measurements_csv_until(csv, None, latest).unwrap_err();
        assert_eq!(e.0.len(), 1);
        assert_eq!((e.0[0].line, e.0[0].key), (3, "error-date-future"));
        assert_eq!(import_measurements_csv(csv, None).unwrap().len(), 2);
    }
}
