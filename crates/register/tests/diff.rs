//! Field- and word-level diff between two versions.
#![allow(clippy::unwrap_used)] // a test or tool stops at its first unexpected error

use teilhabe_register::diff::{diff_entries, word_diff, ChangeKind, SegmentKind};
use teilhabe_register::sample::sample_entries;

#[test]
fn identical_versions_have_no_changes() {
    let e = sample_entries().remove(0);
    assert!(diff_entries(&e, &e.clone()).is_empty());
}

#[test]
fn added_removed_and_changed_fields() {
    let old = sample_entries().remove(0);
    let new = old
        .clone()
        .with("status", "retired")
        .with("remark", "Wird 2026 ersetzt.")
        .with("contact_phone", "")
        .with(
            "goal",
            "Weniger Verkehr durch die Suche nach einem freien Parkplatz in der Altstadt.",
        );
    let changes = diff_entries(&old, &new);
    let summary: Vec<(&str, ChangeKind)> =
        changes.iter().map(|c| (c.field.as_str(), c.kind)).collect();
    // Catalogue order: status, remark (What), goal (Why), contact_phone (Objection).
    assert_eq!(
        summary,
        vec![
            ("status", ChangeKind::Changed),
            ("remark", ChangeKind::Added),
            ("goal", ChangeKind::Changed),
            ("contact_phone", ChangeKind::Removed),
        ]
    );
    let status = &changes[0];
    assert_eq!(status.old.as_deref(), Some("operational"));
    assert_eq!(status.new.as_deref(), Some("retired"));
    assert!(status.words.is_none(), "choice fields get no word diff");
    assert_eq!(status.label_key, Some("register-field-status"));
    assert_eq!(changes[1].old, None);
    assert_eq!(changes[3].new, None);

    let words = changes[2].words.as_ref().unwrap();
    let inserted: String = words
        .iter()
        .filter(|s| s.kind == SegmentKind::Inserted)
        .map(|s| s.text.as_str())
        .collect();
    let deleted: String = words
        .iter()
        .filter(|s| s.kind == SegmentKind::Deleted)
        .map(|s| s.text.as_str())
        .collect();
    assert!(inserted.contains("freien"), "{words:?}");
    assert!(inserted.contains("Altstadt."), "{words:?}");
    assert!(
        deleted.contains("Innenstadt.") && deleted.contains("Abgase"),
        "{words:?}"
    );
}

#[test]
fn word_diff_reassembles_both_texts() {
    let (a, b) = (
        "Die Ampel schaltet nach festen Zeiten.",
        "Die Ampel schaltet nach dem Verkehr und festen Mindestzeiten.",
    );
    let segs = word_diff(a, b);
    let old: String = segs
        .iter()
        .filter(|s| s.kind != SegmentKind::Inserted)
        .map(|s| s.text.as_str())
        .collect();
    let new: String = segs
        .iter()
        .filter(|s| s.kind != SegmentKind::Deleted)
        .map(|s| s.text.as_str())
        .collect();
    assert_eq!(old, a);
    assert_eq!(new, b);
    assert!(segs
        .iter()
        .any(|s| s.kind == SegmentKind::Equal && s.text.starts_with("Die Ampel")));
}

#[test]
fn extra_properties_are_diffed_too() {
    let old = sample_entries().remove(0);
    let mut new = old.clone();
    new.extra
        .insert("supplier".into(), serde_json::json!("Neue Firma GmbH"));
    let changes = diff_entries(&old, &new);
    assert_eq!(changes.len(), 1);
    assert_eq!(changes[0].field, "supplier");
    assert_eq!(changes[0].label_key, None);
    assert_eq!(changes[0].new.as_deref(), Some("Neue Firma GmbH"));
}
