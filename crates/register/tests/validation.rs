//! Validation of register entries.
#![allow(clippy::unwrap_used)] // a test or tool stops at its first unexpected error

use teilhabe_domain::register::entry::{validate_named, RegisterEntry};
use teilhabe_domain::register::fields::FIELDS;
use teilhabe_register::sample::sample_entries;

fn valid() -> RegisterEntry {
    sample_entries().into_iter().next().unwrap()
}

#[test]
fn every_sample_entry_is_valid_and_all_categories_and_statuses_occur() {
    let entries = sample_entries();
    assert_eq!(entries.len(), 12);
    for e in &entries {
        assert_eq!(e.validate(), Ok(()), "{}", e.get("name"));
    }
    for r in teilhabe_domain::register::RiskCategory::ALL {
        assert!(
            entries.iter().any(|e| e.risk_category() == Some(r)),
            "{r:?}"
        );
    }
    for s in teilhabe_domain::register::Status::ALL {
        assert!(entries.iter().any(|e| e.status() == Some(s)), "{s:?}");
    }
}

#[test]
fn empty_entry_names_each_of_the_29_required_fields() {
    let errors = RegisterEntry::new().validate().unwrap_err();
    let required: Vec<&str> = FIELDS
        .iter()
        .filter(|f| f.is_required())
        .map(|f| f.name)
        .collect();
    assert_eq!(required.len(), 29);
    for name in &required {
        let e = errors
            .get(name)
            .unwrap_or_else(|| panic!("{name} not reported"));
        assert_eq!(e.key, "error-required");
    }
    assert_eq!(errors.0.len(), 29, "{errors}");
}

#[test]
fn whitespace_only_counts_as_missing() {
    let mut e = valid();
    e.values.insert("goal".into(), "   ".into());
    let errors = e.validate().unwrap_err();
    assert_eq!(errors.0.len(), 1);
    assert_eq!(errors.get("goal").unwrap().key, "error-required");
}

#[test]
fn high_risk_requires_the_ai_act_fields() {
    let e = valid().with("risk_category", "high risk");
    let errors = e.validate().unwrap_err();
    let fields: Vec<&str> = errors.0.iter().map(|e| e.field).collect();
    assert_eq!(
        fields,
        vec![
            "aiact_deployer_name",
            "aiact_deployer_address",
            "aiact_deployer_contact",
            "aiact_eu_database_url",
            "aiact_fria_summary",
            "aiact_dpia_summary"
        ]
    );
    assert!(errors.0.iter().all(|e| e.key == "error-required"));
}

#[test]
fn bad_values_are_rejected_with_field_and_reason() {
    let e = valid()
        .with("contact_email", "algorithmen(at)musterstadt.de")
        .with("contact_phone", "call me")
        .with("website", "www.musterstadt.de")
        .with("DPIA_url", "https://exa mple.org")
        .with("publication_date", "2025-02-30")
        .with("revision_date", "01.03.2026")
        .with("status", "in Betrieb")
        .with("domain", "traffic")
        .with("risk_category", "high")
        .with("algorithm_type", "AI")
        .with("type", "predictive ")
        .with("uuid", "1234")
        .with("standard_version", "0.3.0");
    let errors = e.validate().unwrap_err();
    let key = |f: &str| errors.get(f).map(|e| e.key).unwrap_or("none");
    assert_eq!(key("contact_email"), "error-email");
    assert_eq!(key("contact_phone"), "error-phone");
    assert_eq!(key("website"), "error-url");
    assert_eq!(key("DPIA_url"), "error-url");
    assert_eq!(key("publication_date"), "error-date");
    assert_eq!(key("revision_date"), "error-date");
    assert_eq!(key("status"), "error-invalid-choice");
    assert_eq!(key("domain"), "error-invalid-choice");
    assert_eq!(key("risk_category"), "error-invalid-choice");
    assert_eq!(key("algorithm_type"), "error-invalid-choice");
    assert_eq!(key("uuid"), "error-uuid");
    assert_eq!(key("standard_version"), "error-invalid-choice");
    // Values are trimmed: "predictive " is fine.
    assert_eq!(key("type"), "none");
    let status = errors.get("status").unwrap();
    assert!(status
        .args
        .iter()
        .any(|(k, v)| *k == "allowed" && v.contains("operational")));
    assert_eq!(errors.0.len(), 12, "{errors}");
}

#[test]
fn cross_field_rules() {
    let e = valid()
        .with("publication_date", "2025-06-01")
        .with("last_change_date", "2025-05-01");
    assert_eq!(
        e.validate()
            .unwrap_err()
            .get("last_change_date")
            .unwrap()
            .key,
        "error-date-before"
    );
    let e = valid()
        .with("risk_category", "unacceptable")
        .with("status", "operational");
    assert_eq!(
        e.validate().unwrap_err().get("status").unwrap().key,
        "error-register-prohibited"
    );
    let e = valid()
        .with("risk_category", "unacceptable")
        .with("status", "retired");
    assert_eq!(e.validate(), Ok(()));
}

#[test]
fn single_field_checks_and_stamp() {
    assert!(validate_named("contact_email", "a@b.de").is_ok());
    assert_eq!(
        validate_named("contact_email", "a@b").unwrap_err().0[0].key,
        "error-email"
    );
    assert!(validate_named("website", "").is_ok());
    let mut e = valid();
    e.values.remove("publication_date");
    e.values.remove("revision_date");
    e.values.remove("lang");
    e.stamp(time::macros::date!(2026 - 02 - 28));
    assert_eq!(e.get("publication_date"), "2026-02-28");
    assert_eq!(e.get("last_change_date"), "2026-02-28");
    assert_eq!(e.get("revision_date"), "2027-02-28");
    assert_eq!(e.get("lang"), "de");
    assert_eq!(e.get("standard_version"), "0.3.1");
    assert_eq!(e.validate(), Ok(()));
}
