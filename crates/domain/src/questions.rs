//! Questions and objections of citizens on a register entry: what a valid
//! submission is, when an objection's answer is due, when it is overdue,
//! and the order of the staff inbox. Pure functions; the store applies them.

use crate::register::fields::Group;
use crate::FieldErrors;
use serde::Serialize;

/// One day in milliseconds (the store's clock unit).
pub const DAY_MS: i64 = 86_400_000;
/// Default answer deadline for objections, in days.
pub const DEFAULT_OBJECTION_DEADLINE_DAYS: i64 = 30;
/// Allowed range of the deadline setting, in days.
pub const OBJECTION_DEADLINE_RANGE: std::ops::RangeInclusive<i64> = 1..=365;
/// Shortest question or objection text, in characters.
pub const MIN_BODY_CHARS: usize = 10;
/// Longest question or objection text, in characters.
pub const MAX_BODY_CHARS: usize = 4000;
/// Shortest and longest public answer, in characters.
pub const MIN_ANSWER_CHARS: usize = 10;
pub const MAX_ANSWER_CHARS: usize = 8000;
/// Shortest and longest public reason for hiding.
pub const MIN_HIDE_REASON_CHARS: usize = 5;
pub const MAX_HIDE_REASON_CHARS: usize = 500;

/// What a citizen submits.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum QuestionKind {
    /// A question; answered publicly, no deadline.
    Question,
    /// An objection to the data use; answered publicly within the deadline.
    Objection,
}

impl QuestionKind {
    pub fn parse(s: &str) -> Option<Self> {
        match s {
            "question" => Some(QuestionKind::Question),
            "objection" => Some(QuestionKind::Objection),
            _ => None,
        }
    }
    pub fn as_str(self) -> &'static str {
        match self {
            QuestionKind::Question => "question",
            QuestionKind::Objection => "objection",
        }
    }
}

/// The parts of an entry an objection can be about: the catalogue's
/// groups (what, why, which data, …) and "other".
pub fn aspects() -> Vec<&'static str> {
    let mut v: Vec<&'static str> = Group::ALL.iter().map(|g| g.id()).collect();
    v.push("other");
    v
}

/// The Fluent key of an aspect's label (the group's heading).
pub fn aspect_label_key(aspect: &str) -> &'static str {
    Group::ALL
        .iter()
        .find(|g| g.id() == aspect)
        .map(|g| g.label_key())
        .unwrap_or("register-question-aspect-other")
}

/// Checks a question or objection. `kind` is the raw form value, so an
/// unknown kind is reported like any other field. Objections need an
/// aspect; questions ignore it. Error fields: `question_kind`,
/// `question_aspect`, `question_text`.
pub fn validate_submission(
    kind: &str,
    aspect: &str,
    body: &str,
) -> Result<QuestionKind, FieldErrors> {
    let mut e = FieldErrors::new();
    let parsed = QuestionKind::parse(kind);
    if parsed.is_none() {
        e.add_with(
            "question_kind",
            "error-invalid-choice",
            vec![
                ("value", kind.to_string()),
                ("allowed", "question, objection".to_string()),
            ],
        );
    }
    if parsed == Some(QuestionKind::Objection) {
        let aspect = aspect.trim();
        if aspect.is_empty() {
            e.add("question_aspect", "error-required");
        } else if !aspects().contains(&aspect) {
            e.add_with(
                "question_aspect",
                "error-invalid-choice",
                vec![
                    ("value", aspect.to_string()),
                    ("allowed", aspects().join(", ")),
                ],
            );
        }
    }
    e.text("question_text", body, MIN_BODY_CHARS, MAX_BODY_CHARS);
    e.into_result()?;
    Ok(parsed.unwrap_or(QuestionKind::Question))
}

/// Checks a public answer (first answer or correction).
pub fn validate_answer(answer: &str) -> Result<(), FieldErrors> {
    let mut e = FieldErrors::new();
    e.text("answer", answer, MIN_ANSWER_CHARS, MAX_ANSWER_CHARS);
    e.into_result()
}

/// Checks a moderator's public reason for hiding.
pub fn validate_hide_reason(reason: &str) -> Result<(), FieldErrors> {
    let mut e = FieldErrors::new();
    e.text(
        "reason",
        reason,
        MIN_HIDE_REASON_CHARS,
        MAX_HIDE_REASON_CHARS,
    );
    e.into_result()
}

/// Checks the deadline setting.
pub fn validate_deadline_days(days: i64) -> Result<(), FieldErrors> {
    let mut e = FieldErrors::new();
    if !OBJECTION_DEADLINE_RANGE.contains(&days) {
        e.add_with(
            "objection_deadline_days",
            "error-deadline-range",
            vec![
                ("min", OBJECTION_DEADLINE_RANGE.start().to_string()),
                ("max", OBJECTION_DEADLINE_RANGE.end().to_string()),
            ],
        );
    }
    e.into_result()
}

/// When the answer to a submission filed at `filed_ms` is due: objections
/// `deadline_days` later, questions never. Fixed at filing, so a later
/// change of the setting does not move existing deadlines.
pub fn deadline(kind: QuestionKind, filed_ms: i64, deadline_days: i64) -> Option<i64> {
    match kind {
        QuestionKind::Objection => Some(filed_ms + deadline_days * DAY_MS),
        QuestionKind::Question => None,
    }
}

/// Overdue: unanswered, not hidden, and the deadline has passed.
pub fn is_overdue(deadline_ms: Option<i64>, answered: bool, hidden: bool, now_ms: i64) -> bool {
    !answered && !hidden && deadline_ms.is_some_and(|d| now_ms > d)
}

/// The inbox order of open submissions, given as (deadline, filed,
/// overdue): overdue ones first (longest overdue first), then objections
/// by deadline, then questions oldest first. Returns the indices in order.
pub fn inbox_order(items: &[(Option<i64>, i64, bool)]) -> Vec<usize> {
    let mut idx: Vec<usize> = (0..items.len()).collect();
    idx.sort_by_key(|&i| {
        let (deadline, filed, overdue) = items[i];
        let rank = match (overdue, deadline) {
            (true, _) => 0,
            (false, Some(_)) => 1,
            (false, None) => 2,
        };
        (rank, deadline.unwrap_or(i64::MAX), filed, i)
    });
    idx
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_question_needs_only_a_text() {
        assert_eq!(
            validate_submission("question", "", "Welche Daten werden gespeichert?"),
            Ok(QuestionKind::Question)
        );
        let e = validate_submission("question", "", "  ").unwrap_err();
        assert_eq!(e.get("question_text").unwrap().key, "error-required");
        let e = validate_submission("question", "", "Warum?").unwrap_err();
        assert_eq!(e.get("question_text").unwrap().key, "error-too-short");
        let long = "x".repeat(MAX_BODY_CHARS + 1);
        let e = validate_submission("question", "", &long).unwrap_err();
        assert_eq!(e.get("question_text").unwrap().key, "error-too-long");
    }

    #[test]
    fn an_objection_names_its_aspect() {
        let reasons = "Die Daten werden zu lange gespeichert.";
        assert_eq!(
            validate_submission("objection", "data", reasons),
            Ok(QuestionKind::Objection)
        );
        assert_eq!(
            validate_submission("objection", "other", reasons),
            Ok(QuestionKind::Objection)
        );
        let e = validate_submission("objection", "", reasons).unwrap_err();
        assert_eq!(e.get("question_aspect").unwrap().key, "error-required");
        let e = validate_submission("objection", "colour", reasons).unwrap_err();
        assert_eq!(
            e.get("question_aspect").unwrap().key,
            "error-invalid-choice"
        );
        // Every error at once.
        let e = validate_submission("objection", "", "").unwrap_err();
        assert!(e.get("question_aspect").is_some() && e.get("question_text").is_some());
    }

    #[test]
    fn an_unknown_kind_is_a_field_error() {
        let e = validate_submission("complaint", "", "Ein langer genug Text.").unwrap_err();
        assert_eq!(e.get("question_kind").unwrap().key, "error-invalid-choice");
    }

    #[test]
    fn only_objections_have_a_deadline() {
        assert_eq!(deadline(QuestionKind::Objection, 0, 30), Some(30 * DAY_MS));
        assert_eq!(
            deadline(QuestionKind::Objection, 5, 14),
            Some(5 + 14 * DAY_MS)
        );
        assert_eq!(deadline(QuestionKind::Question, 0, 30), None);
    }

    #[test]
    fn overdue_after_the_deadline_until_answered_or_hidden() {
        let d = Some(30 * DAY_MS);
        assert!(!is_overdue(d, false, false, 30 * DAY_MS));
        assert!(is_overdue(d, false, false, 30 * DAY_MS + 1));
        assert!(!is_overdue(d, true, false, 40 * DAY_MS));
        assert!(!is_overdue(d, false, true, 40 * DAY_MS));
        assert!(!is_overdue(None, false, false, 400 * DAY_MS));
    }

    #[test]
    fn deadline_setting_range() {
        assert!(validate_deadline_days(1).is_ok());
        assert!(validate_deadline_days(365).is_ok());
        assert!(validate_deadline_days(0).is_err());
        assert!(validate_deadline_days(366).is_err());
    }

    #[test]
    fn inbox_puts_overdue_first_then_deadlines_then_questions() {
        let items = [
            (None, 1, false),      // 0: old question
            (Some(50), 20, false), // 1: objection due at 50
            (Some(10), 0, true),   // 2: overdue since 10
            (Some(40), 10, false), // 3: objection due at 40
            (Some(5), 0, true),    // 4: overdue since 5
            (None, 0, false),      // 5: older question
        ];
        assert_eq!(inbox_order(&items), vec![4, 2, 3, 1, 5, 0]);
    }

    #[test]
    fn answers_and_hide_reasons_have_bounds() {
        assert!(validate_answer("Die Daten werden nach 30 Tagen gelöscht.").is_ok());
        assert_eq!(
            validate_answer("").unwrap_err().get("answer").unwrap().key,
            "error-required"
        );
        assert!(validate_hide_reason("Beleidigung").is_ok());
        assert!(validate_hide_reason("x").is_err());
    }

    #[test]
    fn aspects_are_the_groups_and_other() {
        let a = aspects();
        assert_eq!(a.first(), Some(&"what"));
        assert_eq!(a.last(), Some(&"other"));
        assert_eq!(aspect_label_key("data"), "register-group-data");
        assert_eq!(aspect_label_key("other"), "register-question-aspect-other");
    }
}
