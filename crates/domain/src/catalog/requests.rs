//! Data requests (issue #13): a resident asks for a dataset to be
//! published; staff answer publicly: published (in a dataset of the
//! catalog), planned (by a date not in the past) or refused (with a
//! reason). Pure rules; the store applies them. The answer deadline is
//! the municipality's objection deadline (`crate::questions`).

use crate::FieldErrors;
use serde::Serialize;

/// Lengths in characters.
pub const TITLE_MIN: usize = 5;
pub const TITLE_MAX: usize = 150;
pub const WHAT_MIN: usize = 10;
pub const WHAT_MAX: usize = 4000;
pub const WHY_MAX: usize = 4000;
/// Shortest and longest public answer; a refusal's reason is the answer.
pub const ANSWER_MIN: usize = 10;
pub const REFUSAL_MIN: usize = 30;
pub const ANSWER_MAX: usize = 8000;

/// How a request was answered (`open` until then).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum RequestStatus {
    Open,
    Published,
    Planned,
    Refused,
}

impl RequestStatus {
    pub const ANSWERS: [RequestStatus; 3] = [Self::Published, Self::Planned, Self::Refused];
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Open => "open",
            Self::Published => "published",
            Self::Planned => "planned",
            Self::Refused => "refused",
        }
    }
    pub fn parse(s: &str) -> Option<Self> {
        [Self::Open, Self::Published, Self::Planned, Self::Refused]
            .into_iter()
            .find(|x| x.as_str() == s)
    }
}

/// Checks a request. Error fields: `request_title`, `request_what`,
/// `request_why`.
pub fn validate_request(title: &str, what: &str, why: &str) -> Result<(), FieldErrors> {
    let mut e = FieldErrors::new();
    e.text("request_title", title, TITLE_MIN, TITLE_MAX);
    e.text("request_what", what, WHAT_MIN, WHAT_MAX);
    e.optional_text("request_why", why, WHY_MAX);
    e.into_result()
}

/// A checked answer.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Answer {
    /// Published in the dataset with this catalog name.
    Published {
        dataset: String,
    },
    /// Planned for this date (ISO `YYYY-MM-DD`).
    Planned {
        date: time::Date,
    },
    Refused,
}

impl Answer {
    pub fn status(&self) -> RequestStatus {
        match self {
            Answer::Published { .. } => RequestStatus::Published,
            Answer::Planned { .. } => RequestStatus::Planned,
            Answer::Refused => RequestStatus::Refused,
        }
    }
}

/// Checks an answer given on `today`: `status` is the raw form value;
/// published needs a dataset name (the store checks it exists), planned a
/// date not before today, refused a reason of at least
/// [`REFUSAL_MIN`] characters. Error fields: `request_status`,
/// `request_dataset`, `request_planned_for`, `request_answer`.
pub fn validate_answer(
    status: &str,
    dataset: &str,
    planned_for: &str,
    text: &str,
    today: time::Date,
) -> Result<Answer, FieldErrors> {
    let mut e = FieldErrors::new();
    let parsed = RequestStatus::parse(status).filter(|s| *s != RequestStatus::Open);
    let answer = match parsed {
        None => {
            e.add_with(
                "request_status",
                "error-invalid-choice",
                vec![
                    ("value", status.to_string()),
                    ("allowed", "published, planned, refused".to_string()),
                ],
            );
            None
        }
        Some(RequestStatus::Published) => {
            let name = dataset.trim();
            if name.is_empty() {
                e.add("request_dataset", "error-required");
                None
            } else {
                Some(Answer::Published {
                    dataset: name.to_string(),
                })
            }
        }
        Some(RequestStatus::Planned) => {
            let fmt = time::macros::format_description!("[year]-[month]-[day]");
            match time::Date::parse(planned_for.trim(), &fmt) {
                Err(_) if planned_for.trim().is_empty() => {
                    e.add("request_planned_for", "error-required");
                    None
                }
                Err(_) => {
                    e.add("request_planned_for", "catalog-request-error-date");
                    None
                }
                Ok(d) if d < today => {
                    e.add("request_planned_for", "catalog-request-error-date-past");
                    None
                }
                Ok(d) => Some(Answer::Planned { date: d }),
            }
        }
        Some(_) => Some(Answer::Refused),
    };
    let min = if parsed == Some(RequestStatus::Refused) {
        REFUSAL_MIN
    } else {
        ANSWER_MIN
    };
    e.text("request_answer", text, min, ANSWER_MAX);
    e.into_result()?;
    answer.ok_or_else(FieldErrors::new)
}

/// Answered within the deadline: answered at or before `due_at`.
pub fn answered_in_time(due_at: i64, answered_at: Option<i64>) -> bool {
    answered_at.is_some_and(|a| a <= due_at)
}

#[cfg(test)]
mod tests {
    use super::*;
    use time::macros::date;

    const TODAY: time::Date = date!(2026 - 03 - 10);
    const TEXT: &str = "Die Daten stehen jetzt im Katalog.";

    #[test]
    fn a_request_needs_title_and_what() {
        assert!(validate_request("Baumkataster", "Alle Straßenbäume mit Art.", "").is_ok());
        let e = validate_request("", "kurz", "").unwrap_err();
        assert_eq!(e.get("request_title").unwrap().key, "error-required");
        assert_eq!(e.get("request_what").unwrap().key, "error-too-short");
        let e = validate_request("Titel", "Genug Text hier.", &"x".repeat(WHY_MAX + 1));
        assert_eq!(
            e.unwrap_err().get("request_why").unwrap().key,
            "error-too-long"
        );
    }

    #[test]
    fn each_answer_kind_has_its_own_field() {
        assert_eq!(
            validate_answer("published", " baeume ", "", TEXT, TODAY),
            Ok(Answer::Published {
                dataset: "baeume".into()
            })
        );
        let e = validate_answer("published", "", "", TEXT, TODAY).unwrap_err();
        assert_eq!(e.get("request_dataset").unwrap().key, "error-required");
        assert_eq!(
            validate_answer("planned", "", "2026-03-10", TEXT, TODAY),
            Ok(Answer::Planned { date: TODAY })
        );
        let e = validate_answer("planned", "", "2026-03-09", TEXT, TODAY).unwrap_err();
        assert_eq!(
            e.get("request_planned_for").unwrap().key,
            "catalog-request-error-date-past"
        );
        let e = validate_answer("planned", "", "10.03.2026", TEXT, TODAY).unwrap_err();
        assert_eq!(
            e.get("request_planned_for").unwrap().key,
            "catalog-request-error-date"
        );
        let e = validate_answer("open", "", "", TEXT, TODAY).unwrap_err();
        assert_eq!(e.get("request_status").unwrap().key, "error-invalid-choice");
    }

    #[test]
    fn a_refusal_needs_a_longer_reason() {
        let short = "Geht leider nicht.";
        assert!(validate_answer("published", "x", "", short, TODAY).is_ok());
        let e = validate_answer("refused", "", "", short, TODAY).unwrap_err();
        assert_eq!(e.get("request_answer").unwrap().key, "error-too-short");
        let reason = "Die Daten enthalten Angaben über einzelne Personen.";
        assert_eq!(
            validate_answer("refused", "", "", reason, TODAY),
            Ok(Answer::Refused)
        );
    }

    #[test]
    fn in_time_means_answered_by_the_due_date() {
        assert!(answered_in_time(10, Some(10)));
        assert!(!answered_in_time(10, Some(11)));
        assert!(!answered_in_time(10, None));
    }
}
