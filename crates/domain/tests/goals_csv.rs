//! CSV import/export of measurements.
#![allow(clippy::unwrap_used)] // a test or tool stops at its first unexpected error

use teilhabe_domain::goals::csv::{export_measurements_csv, import_measurements_csv, parse_number};
use time::macros::date;

#[test]
fn imports_valid_csv() {
    let csv = "indicator,date,value,note\nparksuchzeit,2025-01-01,11.5,\nparksuchzeit,2025-02-01,11.2,\"Zählung, ohne Sonntage\"\n\nmodal-split,01.02.2025,38,\n";
    let rows = import_measurements_csv(csv, Some(&["parksuchzeit", "modal-split"])).unwrap();
    assert_eq!(rows.len(), 3);
    assert_eq!(rows[1].measurement.date, date!(2025 - 02 - 01));
    assert_eq!(rows[1].measurement.value, 11.2);
    assert_eq!(rows[1].measurement.note, "Zählung, ohne Sonntage");
    assert_eq!(rows[2].indicator, "modal-split");
    assert_eq!(rows[2].measurement.date, date!(2025 - 02 - 01));
}

#[test]
fn german_spreadsheet_dialect() {
    let csv = "\u{feff}Indicator;Date;Value\nbesucher;27.11.2026;1.234,5\nbesucher;28.11.2026;17\n";
    let rows = import_measurements_csv(csv, None).unwrap();
    assert_eq!(rows[0].measurement.value, 1234.5);
    assert_eq!(rows[0].measurement.date, date!(2026 - 11 - 27));
    assert_eq!(rows[1].measurement.value, 17.0);
    assert_eq!(parse_number("1,5", false), None);
    assert_eq!(parse_number("NaN", false), None);
    assert_eq!(parse_number("-2.5", false), Some(-2.5));
}

#[test]
fn reports_every_error_with_line_and_column_and_yields_nothing() {
    let csv = "indicator,date,value,note\n\
               parksuchzeit,2025-01-01,11.5,\n\
               parksuchzeit,2025-13-01,11.2,\n\
               ,2025-03-01,zwölf,\n\
               unbekannt,2025-04-01,10,\n\
               parksuchzeit,2025-05-01\n\
               parksuchzeit,2025-01-01,9,Doppelt\n\
               parksuchzeit,,,\n";
    let errors = import_measurements_csv(csv, Some(&["parksuchzeit"])).unwrap_err();
    let got: Vec<(u64, &str, &str)> = errors
        .0
        .iter()
        .map(|e| (e.line, e.column.as_str(), e.key))
        .collect();
    assert_eq!(
        got,
        vec![
            (3, "date", "error-date"),
            (4, "indicator", "error-required"),
            (4, "value", "error-number"),
            (5, "indicator", "error-unknown-indicator"),
            (6, "", "error-csv-field-count"),
            (7, "date", "error-csv-duplicate"),
            (8, "date", "error-required"),
            (8, "value", "error-required"),
        ]
    );
    let dup = &errors.0[5];
    assert!(dup.args.contains(&("line", "2".to_string())));
    assert!(errors
        .to_string()
        .contains("line 4, column value: error-number value=zwölf"));
}

#[test]
fn header_problems() {
    let e = import_measurements_csv("datum,wert\n2025-01-01,3\n", None).unwrap_err();
    let cols: Vec<&str> = e.0.iter().map(|e| e.column.as_str()).collect();
    assert_eq!(cols, vec!["indicator", "date", "value"]);
    assert!(e
        .0
        .iter()
        .all(|e| e.line == 1 && e.key == "error-csv-missing-column"));
    assert_eq!(
        import_measurements_csv("", None).unwrap_err().0[0].key,
        "error-csv-empty"
    );
}

#[test]
fn export_round_trip() {
    let csv = "indicator,date,value,note\na,2025-01-01,1.5,\"mit, Komma\"\nb,2025-02-01,-3,\n";
    let rows = import_measurements_csv(csv, None).unwrap();
    let out = export_measurements_csv(&rows);
    assert_eq!(out, csv);
    assert_eq!(import_measurements_csv(&out, None).unwrap(), rows);
}
