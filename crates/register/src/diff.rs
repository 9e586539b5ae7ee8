//! A readable, field-level diff between two versions of an entry; long
//! text fields also get a word-level diff (via the `similar` crate).

use serde::Serialize;
use similar::{ChangeTag, TextDiff};
use teilhabe_domain::register::entry::RegisterEntry;
use teilhabe_domain::register::fields::{field, FieldKind, FIELDS};

/// What happened to a field between two versions.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum ChangeKind {
    Added,
    Removed,
    Changed,
}

/// One piece of a word-level diff.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum SegmentKind {
    Equal,
    Inserted,
    Deleted,
}

/// A run of text that is unchanged, inserted or deleted (whitespace
/// included, so concatenating the equal+deleted runs gives the old text and
/// equal+inserted the new one).
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Segment {
    pub kind: SegmentKind,
    pub text: String,
}

/// One changed field.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct FieldChange {
    pub field: String,
    /// Fluent key of the field label (`None` for fields outside the catalogue).
    pub label_key: Option<&'static str>,
    pub kind: ChangeKind,
    pub old: Option<String>,
    pub new: Option<String>,
    /// Word-level diff, for changed long-text fields only.
    pub words: Option<Vec<Segment>>,
}

/// Field-level diff from `old` to `new`, in catalogue order (fields outside
/// the catalogue, from `extra`, last, by name). Values are compared after
/// trimming; an empty value counts as absent.
pub fn diff_entries(old: &RegisterEntry, new: &RegisterEntry) -> Vec<FieldChange> {
    let mut out = Vec::new();
    for spec in FIELDS {
        let (a, b) = (old.get(spec.name), new.get(spec.name));
        if let Some(change) = change(spec.name, a, b, spec.kind == FieldKind::LongText) {
            out.push(change);
        }
    }
    let mut names: Vec<&String> = old
        .values
        .keys()
        .chain(new.values.keys())
        .filter(|n| field(n).is_none())
        .collect();
    let extra_names: Vec<&String> = old.extra.keys().chain(new.extra.keys()).collect();
    names.extend(extra_names);
    names.sort();
    names.dedup();
    for name in names {
        let a = old
            .values
            .get(name.as_str())
            .map(|s| s.trim().to_string())
            .or_else(|| old.extra.get(name.as_str()).map(json_text))
            .unwrap_or_default();
        let b = new
            .values
            .get(name.as_str())
            .map(|s| s.trim().to_string())
            .or_else(|| new.extra.get(name.as_str()).map(json_text))
            .unwrap_or_default();
        if let Some(change) = change(name, &a, &b, false) {
            out.push(change);
        }
    }
    out
}

fn json_text(v: &serde_json::Value) -> String {
    match v {
        serde_json::Value::String(s) => s.trim().to_string(),
        other => other.to_string(),
    }
}

fn change(name: &str, a: &str, b: &str, long: bool) -> Option<FieldChange> {
    let kind = match (a.is_empty(), b.is_empty()) {
        (true, true) => return None,
        (true, false) => ChangeKind::Added,
        (false, true) => ChangeKind::Removed,
        (false, false) if a == b => return None,
        (false, false) => ChangeKind::Changed,
    };
    let opt = |s: &str| (!s.is_empty()).then(|| s.to_string());
    Some(FieldChange {
        field: name.to_string(),
        label_key: field(name).map(|f| f.label_key),
        kind,
        old: opt(a),
        new: opt(b),
        words: (long && kind == ChangeKind::Changed).then(|| word_diff(a, b)),
    })
}

/// Word-level diff of two texts; neighbouring runs of the same kind are
/// merged.
pub fn word_diff(old: &str, new: &str) -> Vec<Segment> {
    let diff = TextDiff::from_words(old, new);
    let mut out: Vec<Segment> = Vec::new();
    for c in diff.iter_all_changes() {
        let kind = match c.tag() {
            ChangeTag::Equal => SegmentKind::Equal,
            ChangeTag::Insert => SegmentKind::Inserted,
            ChangeTag::Delete => SegmentKind::Deleted,
        };
        match out.last_mut() {
            Some(last) if last.kind == kind => last.text.push_str(c.value()),
            _ => out.push(Segment {
                kind,
                text: c.value().to_string(),
            }),
        }
    }
    out
}
