//! A register entry, its lifecycle status, risk category and the review
//! rules of the data council, and the validation of an entry.

use crate::register::fields::{field, FieldKind, FieldSpec, Requirement, ATS_VERSION, FIELDS};
use crate::validation::{is_plausible_email, FieldErrors};
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;
use time::Date;

/// Upper bound for any single field, in characters.
pub const MAX_FIELD_CHARS: usize = 20_000;

/// One version of a register entry: the raw text of each catalogue field
/// (keyed by [`FieldSpec::name`]; an absent key means empty), plus any
/// further properties of an imported ATS record that are not in our
/// catalogue (kept so that they survive export).
///
/// Values are kept as typed-in text so that a form can be redisplayed with
/// its errors; [`RegisterEntry::validate`] checks them and the typed
/// accessors ([`RegisterEntry::status`], ...) read them.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct RegisterEntry {
    pub values: BTreeMap<String, String>,
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub extra: BTreeMap<String, serde_json::Value>,
}

impl RegisterEntry {
    pub fn new() -> Self {
        Self::default()
    }

    /// The trimmed value of a field, `""` when absent.
    pub fn get(&self, name: &str) -> &str {
        self.values.get(name).map(|s| s.trim()).unwrap_or("")
    }

    /// Sets a field; an empty (after trimming) value removes it.
    pub fn set(&mut self, name: &str, value: impl Into<String>) {
        let value = value.into();
        if value.trim().is_empty() {
            self.values.remove(name);
        } else {
            self.values.insert(name.to_string(), value);
        }
    }

    /// Builder form of [`RegisterEntry::set`].
    pub fn with(mut self, name: &str, value: impl Into<String>) -> Self {
        self.set(name, value);
        self
    }

    pub fn status(&self) -> Option<Status> {
        Status::parse(self.get("status"))
    }

    pub fn risk_category(&self) -> Option<RiskCategory> {
        RiskCategory::parse(self.get("risk_category"))
    }

    /// Fills the system-managed fields before a save: `standard_version`,
    /// `lang` (default `de`), `publication_date` (first save), and
    /// `last_change_date` (every save); `revision_date` defaults to one
    /// year after `today`. The `uuid` is left to the caller.
    pub fn stamp(&mut self, today: Date) {
        self.set("standard_version", ATS_VERSION);
        if self.get("lang").is_empty() {
            self.set("lang", "de");
        }
        if self.get("publication_date").is_empty() {
            self.set("publication_date", today.to_string());
        }
        self.set("last_change_date", today.to_string());
        if self.get("revision_date").is_empty() {
            let next = today.replace_year(today.year() + 1).unwrap_or(today);
            self.set("revision_date", next.to_string());
        }
    }

    /// Checks every field; all problems at once. See [`validate_field`].
    pub fn validate(&self) -> Result<(), FieldErrors> {
        let mut errors = FieldErrors::new();
        let high_risk = self.risk_category() == Some(RiskCategory::High);
        for spec in FIELDS {
            let value = self.get(spec.name);
            if value.is_empty() {
                let required = match spec.requirement {
                    Requirement::Required => true,
                    Requirement::HighRisk => high_risk,
                    Requirement::Optional => false,
                };
                if required {
                    errors.add(spec.name, "error-required");
                }
                continue;
            }
            validate_field(spec, value, &mut errors);
        }
        // Cross-field rules.
        if let (Some(p), Some(c)) = (
            parse_date(self.get("publication_date")),
            parse_date(self.get("last_change_date")),
        ) {
            if c < p {
                errors.add_with(
                    "last_change_date",
                    "error-date-before",
                    vec![("other", "publication_date".to_string())],
                );
            }
        }
        if self.risk_category() == Some(RiskCategory::Unacceptable)
            && self.status().is_some_and(|s| s.is_in_use())
        {
            errors.add("status", "error-register-prohibited");
        }
        errors.into_result()
    }
}

/// Checks one non-empty value against its field's kind and records an
/// error with the field name and an i18n key:
/// `error-email`, `error-phone`, `error-url`, `error-date`, `error-uuid`,
/// `error-invalid-choice`, `error-too-long`.
pub fn validate_field(spec: &FieldSpec, value: &str, errors: &mut FieldErrors) {
    if value.chars().count() > MAX_FIELD_CHARS {
        errors.add_with(
            spec.name,
            "error-too-long",
            vec![("max", MAX_FIELD_CHARS.to_string())],
        );
        return;
    }
    let ok = match spec.kind {
        FieldKind::Text | FieldKind::LongText => true,
        FieldKind::Email => is_plausible_email(value),
        FieldKind::Phone => is_plausible_phone(value),
        FieldKind::Url => is_http_url(value),
        FieldKind::Date => parse_date(value).is_some(),
        FieldKind::Uuid => is_uuid(value),
        FieldKind::Choice(values) => values.contains(&value),
        FieldKind::Const(c) => value == c,
    };
    if ok {
        return;
    }
    match spec.kind {
        FieldKind::Email => errors.add(spec.name, "error-email"),
        FieldKind::Phone => errors.add(spec.name, "error-phone"),
        FieldKind::Url => errors.add(spec.name, "error-url"),
        FieldKind::Date => {
            errors.add_with(spec.name, "error-date", vec![("value", value.to_string())])
        }
        FieldKind::Uuid => errors.add(spec.name, "error-uuid"),
        FieldKind::Choice(values) => errors.add_with(
            spec.name,
            "error-invalid-choice",
            vec![("value", value.to_string()), ("allowed", values.join(", "))],
        ),
        FieldKind::Const(c) => errors.add_with(
            spec.name,
            "error-invalid-choice",
            vec![("value", value.to_string()), ("allowed", c.to_string())],
        ),
        FieldKind::Text | FieldKind::LongText => {}
    }
}

/// Validates a single field by name (for inline form checks). Unknown
/// names are accepted.
pub fn validate_named(name: &str, value: &str) -> Result<(), FieldErrors> {
    let mut errors = FieldErrors::new();
    if let Some(spec) = field(name) {
        let v = value.trim();
        if !v.is_empty() {
            validate_field(spec, v, &mut errors);
        }
    }
    errors.into_result()
}

/// An ISO date `YYYY-MM-DD` that exists in the calendar.
pub fn parse_date(s: &str) -> Option<Date> {
    let b = s.as_bytes();
    if b.len() != 10 || b[4] != b'-' || b[7] != b'-' {
        return None;
    }
    let num = |r: std::ops::Range<usize>| -> Option<u32> {
        let part = s.get(r)?;
        if part.bytes().all(|c| c.is_ascii_digit()) {
            part.parse().ok()
        } else {
            None
        }
    };
    let y = num(0..4)? as i32;
    let m = time::Month::try_from(u8::try_from(num(5..7)?).ok()?).ok()?;
    let d = u8::try_from(num(8..10)?).ok()?;
    Date::from_calendar_date(y, m, d).ok()
}

/// An absolute `http` or `https` URL with a host and no whitespace.
pub fn is_http_url(s: &str) -> bool {
    let rest = if let Some(r) = s.strip_prefix("https://") {
        r
    } else if let Some(r) = s.strip_prefix("http://") {
        r
    } else {
        return false;
    };
    let host = rest.split(['/', '?', '#']).next().unwrap_or("");
    let host = host.rsplit('@').next().unwrap_or("");
    let host_name = host.split(':').next().unwrap_or("");
    !host_name.is_empty()
        && !s
            .chars()
            .any(|c| c.is_whitespace() || c.is_control() || c == '"' || c == '<' || c == '>')
        && host_name
            .chars()
            .all(|c| c.is_alphanumeric() || c == '.' || c == '-' || c == '[' || c == ']')
        && !host_name.starts_with('.')
        && !host_name.ends_with('.')
}

/// A UUID in the canonical `8-4-4-4-12` hex form.
pub fn is_uuid(s: &str) -> bool {
    let parts: Vec<&str> = s.split('-').collect();
    let lens = [8, 4, 4, 4, 12];
    parts.len() == 5
        && parts
            .iter()
            .zip(lens)
            .all(|(p, n)| p.len() == n && p.bytes().all(|c| c.is_ascii_hexdigit()))
}

/// A telephone number: digits with `+ ( ) / - .` and spaces, 5 to 20 digits.
pub fn is_plausible_phone(s: &str) -> bool {
    let digits = s.chars().filter(char::is_ascii_digit).count();
    (5..=20).contains(&digits)
        && s.chars()
            .all(|c| c.is_ascii_digit() || matches!(c, '+' | '(' | ')' | '/' | '-' | '.' | ' '))
}

/// Lifecycle status (ATS 0.3.1 `status`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Status {
    Planned,
    Design,
    Development,
    Pilot,
    Evaluation,
    Operational,
    Retired,
}

impl Status {
    pub const ALL: [Status; 7] = [
        Status::Planned,
        Status::Design,
        Status::Development,
        Status::Pilot,
        Status::Evaluation,
        Status::Operational,
        Status::Retired,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            Status::Planned => "planned",
            Status::Design => "design",
            Status::Development => "development",
            Status::Pilot => "pilot",
            Status::Evaluation => "evaluation",
            Status::Operational => "operational",
            Status::Retired => "retired",
        }
    }

    pub fn parse(s: &str) -> Option<Status> {
        Status::ALL.into_iter().find(|x| x.as_str() == s)
    }

    /// Entering this status requires a data-council review (pilot,
    /// operational).
    pub fn entering_requires_review(self) -> bool {
        matches!(self, Status::Pilot | Status::Operational)
    }

    /// The system affects real people in this status (pilot, evaluation,
    /// operational).
    pub fn is_in_use(self) -> bool {
        matches!(
            self,
            Status::Pilot | Status::Evaluation | Status::Operational
        )
    }
}

/// Risk category (ATS 0.3.1 `risk_category`, following the AI Act tiers).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum RiskCategory {
    Minimal,
    Limited,
    High,
    Unacceptable,
}

impl RiskCategory {
    pub const ALL: [RiskCategory; 4] = [
        RiskCategory::Minimal,
        RiskCategory::Limited,
        RiskCategory::High,
        RiskCategory::Unacceptable,
    ];

    /// The ATS value (`"high risk"`).
    pub fn as_str(self) -> &'static str {
        match self {
            RiskCategory::Minimal => "minimal risk",
            RiskCategory::Limited => "limited risk",
            RiskCategory::High => "high risk",
            RiskCategory::Unacceptable => "unacceptable",
        }
    }

    pub fn parse(s: &str) -> Option<RiskCategory> {
        RiskCategory::ALL.into_iter().find(|x| x.as_str() == s)
    }

    /// The review this category requires.
    pub fn required_review(self) -> ReviewRequirement {
        required_review(self)
    }
}

/// What review a risk category requires.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ReviewRequirement {
    /// Minimal risk: staff may still ask the council manually.
    None,
    /// Limited risk or higher: the data council reviews.
    DataCouncil,
    /// Unacceptable: the council reviews, and the system must not be in use
    /// (AI Act art. 5); validation rejects pilot/evaluation/operational.
    DataCouncilProhibited,
}

/// "Limited risk or higher requires a data-council review."
pub fn required_review(risk: RiskCategory) -> ReviewRequirement {
    match risk {
        RiskCategory::Minimal => ReviewRequirement::None,
        RiskCategory::Limited | RiskCategory::High => ReviewRequirement::DataCouncil,
        RiskCategory::Unacceptable => ReviewRequirement::DataCouncilProhibited,
    }
}

/// Why a data-council review is requested automatically.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "reason", rename_all = "snake_case")]
pub enum ReviewTrigger {
    /// A new entry with risk category limited or higher.
    CreatedWithRisk { risk: RiskCategory },
    /// The risk category rose to limited or higher.
    RiskRaised {
        from: Option<RiskCategory>,
        to: RiskCategory,
    },
    /// The status changed to pilot or operational.
    StatusChanged { from: Option<Status>, to: Status },
    /// A field the council marked as material changed.
    MaterialFieldChanged { field: String },
}

/// The automatic review triggers of a save: `old` is the previous version
/// (`None` for a new entry), `material` the fields the council marked as
/// material. An empty result means no automatic review.
pub fn review_triggers(
    old: Option<&RegisterEntry>,
    new: &RegisterEntry,
    material: &[&str],
) -> Vec<ReviewTrigger> {
    let mut out = Vec::new();
    let needs =
        |r: Option<RiskCategory>| r.is_some_and(|r| required_review(r) != ReviewRequirement::None);
    match old {
        None => {
            if let Some(risk) = new.risk_category().filter(|r| needs(Some(*r))) {
                out.push(ReviewTrigger::CreatedWithRisk { risk });
            }
            if let Some(to) = new.status().filter(|s| s.entering_requires_review()) {
                out.push(ReviewTrigger::StatusChanged { from: None, to });
            }
        }
        Some(old) => {
            let (from, to) = (old.risk_category(), new.risk_category());
            if let Some(to) = to {
                if needs(Some(to)) && from.is_none_or(|f| f < to) {
                    out.push(ReviewTrigger::RiskRaised { from, to });
                }
            }
            let (from, to) = (old.status(), new.status());
            if let Some(to) = to {
                if to.entering_requires_review() && from != Some(to) {
                    out.push(ReviewTrigger::StatusChanged { from, to });
                }
            }
            for f in material {
                if old.get(f) != new.get(f) {
                    out.push(ReviewTrigger::MaterialFieldChanged {
                        field: f.to_string(),
                    });
                }
            }
        }
    }
    out
}

/// May the entry be set to operational? Not while a required review is
/// open, unless an admin overrides (with a public justification, which the
/// caller records in the audit trail).
pub fn may_become_operational(review_open: bool, admin_override: bool) -> bool {
    !review_open || admin_override
}
