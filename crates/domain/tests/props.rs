//! Property test of the measurement CSV import (issue #12): a CSV with
//! random edits, or rows built from the format's pieces in any dialect,
//! never makes the import panic; it returns every row or errors that each
//! name a line and a key. Accepted rows export and import again. Bounded
//! (256 cases a property).
#![allow(clippy::unwrap_used)] // a test or tool stops at its first unexpected error

use proptest::prelude::*;
use teilhabe_domain::goals::csv::{
    export_measurements_csv, import_measurements_csv, import_measurements_csv_until,
};
use time::macros::date;

const SEED: &str = "indicator,date,value,note\nparksuchzeit,2025-01-01,11.5,\nparksuchzeit,2025-02-01,11.2,\"Zählung, ohne Sonntage\"\n\nmodal-split,01.02.2025,38,\n";
const GERMAN: &str =
    "\u{feff}Indicator;Date;Value\nbesucher;27.11.2026;1.234,5\nbesucher;28.11.2026;17\n";

/// Bytes that matter to the format.
const NASTY: &[u8] = b",;.\n\r\"\t -0123456789eE:\xc3\xff\x00";

fn mutated(seed: &'static str) -> impl Strategy<Value = Vec<u8>> {
    let byte = prop_oneof![prop::sample::select(NASTY.to_vec()), any::<u8>()];
    prop::collection::vec((any::<prop::sample::Index>(), 0u8..5, byte), 0..10).prop_map(
        move |edits| {
            let mut b = seed.as_bytes().to_vec();
            for (at, kind, byte) in edits {
                let i = at.index(b.len().max(1)).min(b.len());
                match kind {
                    0 if i < b.len() => b[i] = byte,
                    1 => b.insert(i, byte),
                    2 if i < b.len() => {
                        b.remove(i);
                    }
                    3 => b.truncate(i),
                    _ => {
                        let start = b[..i]
                            .iter()
                            .rposition(|&c| c == b'\n')
                            .map_or(0, |p| p + 1);
                        let end = b[i..]
                            .iter()
                            .position(|&c| c == b'\n')
                            .map_or(b.len(), |p| i + p + 1);
                        let line = b[start..end].to_vec();
                        b.splice(start..start, line);
                    }
                }
            }
            b
        },
    )
}

/// A header and rows of plausible and implausible cells.
fn rows() -> impl Strategy<Value = String> {
    let cell = prop::sample::select(vec![
        "parksuchzeit",
        "modal-split",
        "",
        "2025-01-01",
        "31.12.2025",
        "2025-13-01",
        "29.02.2025",
        "1.234,5",
        "1,5",
        "-2.5",
        "NaN",
        "inf",
        "1e308",
        "1e309",
        "99999999999999999999",
        "\"a,b\"",
        "\"",
        "Zählung",
        "0",
    ]);
    let sep = prop::sample::select(vec![",", ";", "\t"]);
    (
        sep,
        prop::collection::vec(prop::collection::vec(cell, 0..6), 0..12),
    )
        .prop_map(|(sep, rows)| {
            let mut out = format!("indicator{sep}date{sep}value{sep}note\n");
            for r in rows {
                out.push_str(&r.join(sep));
                out.push('\n');
            }
            out
        })
}

fn check(text: &str) {
    let known = ["parksuchzeit", "modal-split", "besucher"];
    for result in [
        import_measurements_csv(text, None),
        import_measurements_csv(text, Some(&known)),
        import_measurements_csv_until(text, Some(&known), date!(2026 - 12 - 31)),
    ] {
        match result {
            Ok(rows) => {
                for r in &rows {
                    assert!(r.measurement.value.is_finite());
                }
                let again = export_measurements_csv(&rows);
                let back = import_measurements_csv(&again, None);
                assert!(
                    back.is_ok(),
                    "accepted but its own export is refused: {back:?}"
                );
            }
            Err(errors) => {
                assert!(!errors.0.is_empty(), "an error without problems");
                assert!(errors.0.iter().all(|e| !e.key.is_empty()));
            }
        }
    }
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 256, failure_persistence: None, ..ProptestConfig::default() })]

    #[test]
    fn a_mutated_csv_imports_or_names_its_lines(bytes in mutated(SEED)) {
        check(&String::from_utf8_lossy(&bytes));
    }

    #[test]
    fn a_mutated_spreadsheet_export_imports_or_names_its_lines(bytes in mutated(GERMAN)) {
        check(&String::from_utf8_lossy(&bytes));
    }

    #[test]
    fn rows_of_any_cells_import_or_name_their_lines(text in rows()) {
        check(&text);
    }
}
