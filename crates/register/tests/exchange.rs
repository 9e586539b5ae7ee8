//! ATS 0.3.1 export/import and NL export.
#![allow(clippy::unwrap_used)] // a test or tool stops at its first unexpected error

use serde_json::{json, Value};
use teilhabe_register::exchange::{export_ats, export_ats_string, export_nl, import_ats};
use teilhabe_register::sample::sample_entries;

#[test]
fn ats_round_trip_is_lossless() {
    let entries = sample_entries();
    let json = export_ats_string(&entries);
    let back = import_ats(&json).unwrap();
    assert_eq!(back, entries);
    assert_eq!(export_ats_string(&back), json);
}

#[test]
fn ats_records_have_lang_de_and_version() {
    let mut entries = sample_entries();
    entries[0].values.remove("lang");
    let v = export_ats(&entries);
    let records = v.as_array().unwrap();
    assert_eq!(records.len(), 12);
    for r in records {
        assert_eq!(r["lang"], "de");
        assert_eq!(r["standard_version"], "0.3.1");
        // Empty optional fields are left out, not written as "".
        assert!(r.as_object().unwrap().values().all(|v| v != ""));
    }
    // The high-risk sample carries its AI Act fields as extra properties.
    let high = records
        .iter()
        .find(|r| r["risk_category"] == "high risk")
        .unwrap();
    assert!(high["aiact_eu_database_url"]
        .as_str()
        .unwrap()
        .starts_with("https://"));
}

#[test]
fn the_standards_example_record_imports() {
    let path = concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/../../testdata/algorithm-register/eurocities-ats-0.3.1/example-record.json"
    );
    let entries = import_ats(&std::fs::read_to_string(path).unwrap()).unwrap();
    assert_eq!(entries.len(), 1);
    assert_eq!(entries[0].get("name"), "Parkraum-Prognose Innenstadt");
}

#[test]
fn import_reports_every_error_with_record_and_field_and_yields_nothing() {
    let good = export_ats(&sample_entries()[..1])[0].clone();
    let mut missing = good.clone();
    missing.as_object_mut().unwrap().remove("name");
    missing.as_object_mut().unwrap().remove("goal");
    let mut bad = good.clone();
    bad["contact_email"] = json!("kein-mail");
    bad["status"] = json!("aktiv");
    bad["publication_date"] = json!("2025-1-5");
    bad["area"] = json!(42);
    let file = Value::Array(vec![
        good.clone(),
        missing,
        good.clone(),
        bad,
        json!("text"),
    ]);
    let errors = import_ats(&file.to_string()).unwrap_err();
    let got: Vec<(Option<usize>, &str, &str)> = errors
        .0
        .iter()
        .map(|e| (e.record, e.field.as_str(), e.key))
        .collect();
    assert_eq!(
        got,
        vec![
            (Some(2), "name", "error-required"),
            (Some(2), "goal", "error-required"),
            (Some(4), "area", "error-not-text"),
            (Some(4), "status", "error-invalid-choice"),
            (Some(4), "contact_email", "error-email"),
            (Some(4), "publication_date", "error-date"),
            (Some(5), "", "error-ats-not-object"),
        ]
    );
    assert_eq!(errors.for_record(4).count(), 4);
    let text = errors.to_string();
    assert!(
        text.contains("record 2, field name: error-required"),
        "{text}"
    );
}

#[test]
fn import_rejects_broken_files() {
    let e = import_ats("[{\"name\": ").unwrap_err();
    assert_eq!(e.0[0].key, "error-json");
    assert_eq!(e.0[0].record, None);
    assert_eq!(
        import_ats("42").unwrap_err().0[0].key,
        "error-ats-not-array"
    );
    assert_eq!(import_ats("[]").unwrap(), vec![]);
}

#[test]
fn import_keeps_unknown_properties() {
    let mut rec = export_ats(&sample_entries()[..1])[0].clone();
    rec["x_city_code"] = json!({"ags": "09162000"});
    let entries = import_ats(&Value::Array(vec![rec]).to_string()).unwrap();
    assert_eq!(entries[0].extra["x_city_code"]["ags"], "09162000");
    assert_eq!(export_ats(&entries)[0]["x_city_code"]["ags"], "09162000");
}

#[test]
fn nl_export_maps_required_fields() {
    let entries = sample_entries();
    let nl = export_nl(&entries);
    let records = nl.records.as_array().unwrap();
    assert_eq!(records.len(), 12);
    let required = [
        "name",
        "description_short",
        "organization",
        "theme",
        "status",
        "start_date",
        "contact",
        "publication_category",
        "purpose_and_impact",
        "considerations",
        "human_intervention",
        "risk_management",
        "impact_assessments",
        "data",
        "technical_operation",
        "supplier",
        "language",
        "schema",
    ];
    for r in records {
        for k in required {
            assert!(r.get(k).is_some(), "{k} missing in {}", r["name"]);
        }
        assert_eq!(r["language"], "nld");
        assert_eq!(r["schema"], "1.0.0");
        assert!(r["start_date"].as_str().unwrap().len() == 7);
    }
    let parking = &records[0];
    assert_eq!(parking["status"], "In gebruik");
    assert_eq!(parking["theme"], json!(["Verkeer en vervoer"]));
    assert_eq!(
        parking["publication_category"],
        "Overige algoritmes (Categorie C)"
    );
    assert_eq!(parking["start_date"], "2024-03");
    assert!(parking["purpose_and_impact"]
        .as_str()
        .unwrap()
        .starts_with("Ziel: Weniger Verkehr"));
    let retired = records
        .iter()
        .find(|r| r["status"] == "Buiten gebruik")
        .unwrap();
    assert_eq!(retired["end_date"], "2024-03");
    assert_eq!(
        retired["publication_category"],
        "Hoog-risico AI-systeem (Categorie A)"
    );
    assert!(nl.warnings.is_empty(), "{:?}", nl.warnings);
}

#[test]
fn nl_export_shortens_and_warns() {
    let mut e = sample_entries().remove(0);
    e.set("name", "N".repeat(150));
    e.extra.remove("supplier");
    let nl = export_nl(&[e]);
    let name = nl.records[0]["name"].as_str().unwrap();
    assert_eq!(name.chars().count(), 99);
    assert!(name.ends_with('…'));
    let fields: Vec<&str> = nl.warnings.iter().map(|w| w.field).collect();
    assert_eq!(fields, vec!["name", "supplier"]);
}
