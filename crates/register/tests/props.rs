//! Property test of the ATS JSON import (issue #12): an export with random
//! edits, or JSON of any shape with the catalogue's field names, never
//! makes the import panic; it returns entries or errors that each name a
//! key (and record and field where there is one). Accepted entries export
//! again. Bounded (256 cases a property).
#![allow(clippy::unwrap_used)] // a test or tool stops at its first unexpected error

use proptest::prelude::*;
use serde_json::{Map, Value};
use teilhabe_register::exchange::{export_ats_string, import_ats, to_ats_record};
use teilhabe_register::sample::sample_entries;

/// Bytes that matter to JSON.
const NASTY: &[u8] = b"{}[]\",:\\ -0123456789.eEtfnul\xc3\xff\x00";

fn mutated(seed: String) -> impl Strategy<Value = Vec<u8>> {
    let byte = prop_oneof![prop::sample::select(NASTY.to_vec()), any::<u8>()];
    prop::collection::vec((any::<prop::sample::Index>(), 0u8..4, byte), 0..8).prop_map(
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

/// Any JSON value: leaves of every type, arrays and objects nested.
fn json(keys: Vec<String>) -> impl Strategy<Value = Value> {
    let leaf = prop_oneof![
        Just(Value::Null),
        any::<bool>().prop_map(Value::Bool),
        any::<i64>().prop_map(Value::from),
        any::<f64>().prop_map(Value::from),
        ".{0,40}".prop_map(Value::String),
        prop::sample::select(vec![
            "high",
            "minimal",
            "operational",
            "de",
            "2026-01-01",
            ""
        ])
        .prop_map(|s| Value::String(s.to_string())),
    ];
    leaf.prop_recursive(3, 48, 8, move |inner| {
        let keys = keys.clone();
        prop_oneof![
            prop::collection::vec(inner.clone(), 0..6).prop_map(Value::Array),
            prop::collection::vec((prop::sample::select(keys), inner), 0..12)
                .prop_map(|kv| Value::Object(kv.into_iter().collect::<Map<_, _>>())),
        ]
    })
}

fn check(text: &str) {
    match import_ats(text) {
        Ok(entries) => {
            let again = export_ats_string(&entries);
            assert!(
                import_ats(&again).is_ok(),
                "accepted but its own export is refused"
            );
        }
        Err(errors) => {
            assert!(!errors.0.is_empty(), "an error without problems");
            assert!(errors.0.iter().all(|e| !e.key.is_empty()));
            assert!(!errors.to_string().trim().is_empty());
        }
    }
}

fn catalogue_keys() -> Vec<String> {
    let mut keys: Vec<String> = to_ats_record(&sample_entries()[0])
        .keys()
        .cloned()
        .collect();
    keys.push("aiact_risk_category".into());
    keys.push("unknown_extra".into());
    keys
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 256, failure_persistence: None, ..ProptestConfig::default() })]

    #[test]
    fn a_mutated_export_imports_or_names_its_errors(
        bytes in mutated(export_ats_string(&sample_entries()[..2]))
    ) {
        check(&String::from_utf8_lossy(&bytes));
    }

    #[test]
    fn json_of_any_shape_imports_or_names_its_errors(value in json(catalogue_keys())) {
        check(&value.to_string());
        check(&Value::Array(vec![value]).to_string());
    }
}
