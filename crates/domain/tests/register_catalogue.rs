//! The field catalogue against the ATS 0.3.1 schema file, and the review
//! rules (their texts are checked in the web crate's i18n tests).
#![allow(clippy::unwrap_used)] // a test or tool stops at its first unexpected error

use std::collections::BTreeSet;
use teilhabe_domain::register::entry::{
    required_review, review_triggers, ReviewRequirement, ReviewTrigger,
};
use teilhabe_domain::register::fields::{
    ats_fields, field, fields_in, FieldKind, Group, Requirement, FIELDS,
};
use teilhabe_domain::register::{RegisterEntry, RiskCategory, Status};

fn ats_schema() -> serde_json::Value {
    let path = concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/../../testdata/algorithm-register/eurocities-ats-0.3.1/ats-0.3.1.schema.json"
    );
    serde_json::from_str(&std::fs::read_to_string(path).unwrap()).unwrap()
}

#[test]
fn catalogue_has_the_49_ats_fields_and_29_required() {
    let schema = ats_schema();
    let props = schema["properties"].as_object().unwrap();
    let required: BTreeSet<&str> = schema["required"]
        .as_array()
        .unwrap()
        .iter()
        .map(|v| v.as_str().unwrap())
        .collect();
    assert_eq!(props.len(), 49);
    assert_eq!(required.len(), 29);
    let ours: BTreeSet<&str> = ats_fields().map(|f| f.name).collect();
    let theirs: BTreeSet<&str> = props.keys().map(|k| k.as_str()).collect();
    assert_eq!(ours, theirs);
    let ours_required: BTreeSet<&str> = FIELDS
        .iter()
        .filter(|f| f.is_required())
        .map(|f| f.name)
        .collect();
    assert_eq!(ours_required, required);
    // Every enum matches; formats map to our kinds.
    for (name, p) in props {
        let spec = field(name).unwrap();
        if let Some(values) = p.get("enum") {
            let theirs: Vec<&str> = values
                .as_array()
                .unwrap()
                .iter()
                .map(|v| v.as_str().unwrap())
                .collect();
            assert_eq!(spec.choices().unwrap(), theirs.as_slice(), "{name}");
        }
        match p.get("format").and_then(|f| f.as_str()) {
            Some("email") => assert_eq!(spec.kind, FieldKind::Email, "{name}"),
            Some("uri") => assert_eq!(spec.kind, FieldKind::Url, "{name}"),
            Some("date") => assert_eq!(spec.kind, FieldKind::Date, "{name}"),
            Some("uuid") => assert_eq!(spec.kind, FieldKind::Uuid, "{name}"),
            _ => {}
        }
        if let Some(c) = p.get("const") {
            assert!(
                matches!(spec.kind, FieldKind::Const(v) if v == c.as_str().unwrap()),
                "{name}"
            );
        }
    }
}

#[test]
fn aiact_fields_are_prefixed_and_required_for_high_risk() {
    let aiact: Vec<_> = FIELDS.iter().filter(|f| !f.ats).collect();
    assert!(aiact.len() >= 6);
    for f in &aiact {
        assert!(f.name.starts_with("aiact_"), "{}", f.name);
        assert_eq!(f.group, Group::AiAct);
    }
    for name in [
        "aiact_deployer_contact",
        "aiact_eu_database_url",
        "aiact_fria_summary",
        "aiact_dpia_summary",
    ] {
        assert_eq!(
            field(name).unwrap().requirement,
            Requirement::HighRisk,
            "{name}"
        );
    }
}

#[test]
fn plain_language_groups_come_first() {
    let mut seen_technical = false;
    for f in FIELDS {
        if !f.group.is_plain_language() {
            seen_technical = true;
        } else {
            assert!(
                !seen_technical,
                "{} is plain language but after technical fields",
                f.name
            );
        }
    }
    for g in [
        Group::What,
        Group::Why,
        Group::Data,
        Group::WhoDecides,
        Group::Objection,
    ] {
        assert!(fields_in(g).count() > 0, "{g:?}");
    }
    assert_eq!(
        fields_in(Group::Objection).next().unwrap().name,
        "objection_procedure"
    );
    let names: BTreeSet<&str> = FIELDS.iter().map(|f| f.name).collect();
    assert_eq!(names.len(), FIELDS.len(), "duplicate field names");
}

#[test]
fn review_rules() {
    assert_eq!(
        required_review(RiskCategory::Minimal),
        ReviewRequirement::None
    );
    assert_eq!(
        required_review(RiskCategory::Limited),
        ReviewRequirement::DataCouncil
    );
    assert_eq!(
        required_review(RiskCategory::High),
        ReviewRequirement::DataCouncil
    );
    assert_eq!(
        required_review(RiskCategory::Unacceptable),
        ReviewRequirement::DataCouncilProhibited
    );
    let review_on_entry: Vec<Status> = Status::ALL
        .into_iter()
        .filter(|s| s.entering_requires_review())
        .collect();
    assert_eq!(review_on_entry, vec![Status::Pilot, Status::Operational]);

    let minimal = RegisterEntry::new()
        .with("risk_category", "minimal risk")
        .with("status", "design");
    assert!(review_triggers(None, &minimal, &[]).is_empty());
    let limited = minimal.clone().with("risk_category", "limited risk");
    assert_eq!(
        review_triggers(None, &limited, &[]),
        vec![ReviewTrigger::CreatedWithRisk {
            risk: RiskCategory::Limited
        }]
    );
    // Minimal → limited raises; design → pilot changes status; material field.
    let next = limited
        .clone()
        .with("status", "pilot")
        .with("source_data", "neu");
    let t = review_triggers(Some(&minimal), &next, &["source_data", "goal"]);
    assert_eq!(
        t,
        vec![
            ReviewTrigger::RiskRaised {
                from: Some(RiskCategory::Minimal),
                to: RiskCategory::Limited
            },
            ReviewTrigger::StatusChanged {
                from: Some(Status::Design),
                to: Status::Pilot
            },
            ReviewTrigger::MaterialFieldChanged {
                field: "source_data".into()
            },
        ]
    );
    // Pilot → evaluation: no trigger; evaluation → operational: trigger.
    let eval = next.clone().with("status", "evaluation");
    assert!(review_triggers(Some(&next), &eval, &[]).is_empty());
    let op = eval.clone().with("status", "operational");
    assert_eq!(review_triggers(Some(&eval), &op, &[]).len(), 1);
    assert!(teilhabe_domain::register::entry::may_become_operational(
        false, false
    ));
    assert!(!teilhabe_domain::register::entry::may_become_operational(
        true, false
    ));
    assert!(teilhabe_domain::register::entry::may_become_operational(
        true, true
    ));
}
