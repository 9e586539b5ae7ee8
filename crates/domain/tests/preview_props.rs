//! Property test of the file preview (issue #13): a CSV, JSON or GeoJSON
//! file with random edits, or random bytes, never makes the preview
//! panic; it returns a table whose rows and statistics agree with its row
//! count, or an error with an i18n key (and the line, where there is
//! one). Bounded (256 cases a property).
#![allow(clippy::unwrap_used)] // a test or tool stops at its first unexpected error

use proptest::prelude::*;
use teilhabe_domain::catalog::preview::{
    preview_csv, preview_file, preview_json, Preview, PreviewError, StoredPreview, PREVIEW_ROWS,
    STATS_ROWS,
};

const CSV: &str = "\u{feff}Zählstelle;Datum;Anzahl;Anteil;Gesperrt\nHauptstraße;31.12.2024;1.234;12,5;nein\n\"Am Markt; Süd\";2025-01-01;87;;ja\n\nBahnhof;15.01.2025;2.001;7,25;\n";
const JSON: &str = r#"{"stand":"2025-01-01","daten":[{"ort":"Linde","wert":1.5,"ok":true},{"ort":"Eiche","wert":null},{"neu":"x"}]}"#;
const GEOJSON: &str = r#"{"type":"FeatureCollection","features":[{"type":"Feature","geometry":{"type":"Point","coordinates":[9.1,48.7]},"properties":{"art":"Linde","hoehe":12.5}},{"type":"Feature","geometry":null,"properties":null}]}"#;

/// Bytes that matter to the formats.
const NASTY: &[u8] = b",;.\n\r\"\t -0123456789{}[]:\xc3\xff\xef\xbb\xbf\x00";

fn mutated(seed: &'static str) -> impl Strategy<Value = Vec<u8>> {
    let byte = prop_oneof![prop::sample::select(NASTY.to_vec()), any::<u8>()];
    prop::collection::vec((any::<prop::sample::Index>(), 0u8..4, byte), 0..10).prop_map(
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
                    _ => b.truncate(i),
                }
            }
            b
        },
    )
}

fn check(result: Result<Preview, PreviewError>, lines: usize) {
    match result {
        Ok(p) => {
            assert_eq!(p.rows.len() as u64, p.row_count.min(PREVIEW_ROWS as u64));
            let counted = p.row_count.min(STATS_ROWS);
            for c in &p.columns {
                assert_eq!(c.values + c.empty, counted, "column {}", c.name);
                assert!(c.distinct <= c.values);
                if let (Some(min), Some(max)) = (c.min, c.max) {
                    assert!(min <= max);
                }
            }
            for r in &p.rows {
                assert_eq!(r.len(), p.columns.len());
            }
        }
        Err(e) => {
            assert!(e.key.starts_with("catalog-preview-error-"), "{e}");
            if let Some(l) = e.line {
                assert!(l >= 1 && l as usize <= lines + 1, "{e} of {lines} lines");
            }
        }
    }
}

fn lines(b: &[u8]) -> usize {
    b.iter().filter(|&&c| c == b'\n' || c == b'\r').count() + 1
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 256, failure_persistence: None, ..ProptestConfig::default() })]

    #[test]
    fn a_mutated_csv_previews_or_names_its_line(bytes in mutated(CSV)) {
        check(preview_csv(&bytes), lines(&bytes));
    }

    #[test]
    fn a_mutated_json_previews_or_names_its_line(bytes in mutated(JSON)) {
        check(preview_json(&bytes), lines(&bytes));
    }

    #[test]
    fn a_mutated_geojson_previews_or_names_its_line(bytes in mutated(GEOJSON)) {
        check(preview_json(&bytes), lines(&bytes));
    }

    #[test]
    fn any_bytes_give_a_preview_or_an_error(bytes in prop::collection::vec(any::<u8>(), 0..300)) {
        for format in ["CSV", "JSON", "GEOJSON"] {
            match preview_file(format, &bytes) {
                Some(StoredPreview::Table(p)) => check(Ok(p), lines(&bytes)),
                Some(StoredPreview::Failed(e)) => check(Err(e), lines(&bytes)),
                None => panic!("{format} has a preview"),
            }
        }
    }
}
