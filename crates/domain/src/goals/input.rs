//! Checks of what staff type into the forms of impact goals, indicators
//! and measurements, and the platform computations an indicator can be
//! fed from. Pure: the store calls these before it writes anything.

use crate::goals::csv::{parse_flexible_date, parse_number};
use crate::goals::{DatedValue, Direction, Indicator, Measurement};
use crate::validation::FieldErrors;
use serde::Serialize;

/// Longest goal statement, in characters.
pub const MAX_STATEMENT: usize = 300;
/// Longest goal description.
pub const MAX_DESCRIPTION: usize = 5_000;
/// Longest indicator name.
pub const MAX_NAME: usize = 200;
/// Longest unit.
pub const MAX_UNIT: usize = 40;
/// Longest indicator key.
pub const MAX_KEY: usize = 60;
/// Longest data source text.
pub const MAX_SOURCE: usize = 500;
/// Longest measurement note.
pub const MAX_NOTE: usize = 500;

/// A value the platform computes from its own data.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Computation {
    /// Proposals, comments and supports (not hidden), in one process or in
    /// all processes, counted up to the day of the measurement.
    Contributions,
    /// Share (%) of proposals whose answer was due that were answered
    /// within the municipality's answer deadline.
    AnswersWithinDeadline,
    /// Verified participants: verified accounts (all) or verified people
    /// who contributed to the process.
    VerifiedParticipants,
    /// Share (%) of data requests of the open data catalog whose answer
    /// was due that were answered within their deadline.
    DataRequestsWithinDeadline,
}

impl Computation {
    pub const ALL: [Computation; 4] = [
        Computation::Contributions,
        Computation::AnswersWithinDeadline,
        Computation::VerifiedParticipants,
        Computation::DataRequestsWithinDeadline,
    ];
    pub fn as_str(self) -> &'static str {
        match self {
            Computation::Contributions => "contributions",
            Computation::AnswersWithinDeadline => "answers_within_deadline",
            Computation::VerifiedParticipants => "verified_participants",
            Computation::DataRequestsWithinDeadline => "data_requests_within_deadline",
        }
    }
    pub fn parse(s: &str) -> Option<Computation> {
        Computation::ALL.into_iter().find(|c| c.as_str() == s)
    }
    /// Fluent key of the label (`goal-computation-contributions`).
    pub fn label_key(self) -> String {
        format!("goal-computation-{}", self.as_str())
    }
}

impl Direction {
    pub fn as_str(self) -> &'static str {
        match self {
            Direction::HigherIsBetter => "higher_is_better",
            Direction::LowerIsBetter => "lower_is_better",
        }
    }
    pub fn parse(s: &str) -> Option<Direction> {
        match s {
            "higher_is_better" => Some(Direction::HigherIsBetter),
            "lower_is_better" => Some(Direction::LowerIsBetter),
            _ => None,
        }
    }
}

/// A number typed by a person: `1234.5`, `1234,5` or `1.234,5`.
pub fn parse_value(s: &str) -> Option<f64> {
    let s = s.trim();
    if s.contains(',') {
        parse_number(s, true)
    } else {
        // `1.234` alone is read as one point two three four, as typed.
        parse_number(s, false)
    }
}

fn text(
    e: &mut FieldErrors,
    field: &'static str,
    value: &str,
    required: bool,
    max: usize,
) -> String {
    let v = value.trim();
    if required && v.is_empty() {
        e.add(field, "error-required");
    } else if v.chars().count() > max {
        e.add_with(field, "error-too-long", vec![("max", max.to_string())]);
    }
    v.to_string()
}

/// The form of a goal.
#[derive(Debug, Clone, Default)]
pub struct GoalDraft {
    pub statement: String,
    pub description: String,
}

/// A checked goal form.
#[derive(Debug, Clone, PartialEq)]
pub struct GoalSpec {
    pub statement: String,
    pub description: String,
}

impl GoalDraft {
    pub fn validate(&self) -> Result<GoalSpec, FieldErrors> {
        let mut e = FieldErrors::new();
        let statement = text(&mut e, "statement", &self.statement, true, MAX_STATEMENT);
        let description = text(
            &mut e,
            "description",
            &self.description,
            false,
            MAX_DESCRIPTION,
        );
        e.into_result()?;
        Ok(GoalSpec {
            statement,
            description,
        })
    }
}

/// The form of an indicator, as typed.
#[derive(Debug, Clone, Default)]
pub struct IndicatorDraft {
    pub key: String,
    pub name: String,
    pub unit: String,
    pub direction: String,
    pub baseline_value: String,
    pub baseline_date: String,
    pub target_value: String,
    pub target_date: String,
    pub data_source: String,
    /// Empty for values entered by staff, else a [`Computation`].
    pub computation: String,
}

/// A checked indicator form: the indicator (still without measurements)
/// and where its values come from. Reads as the [`Indicator`] it derefs to
/// (`spec.key`, `spec.baseline`, ...).
#[derive(Debug, Clone, PartialEq)]
pub struct IndicatorSpec {
    pub indicator: Indicator,
    pub computation: Option<Computation>,
}

impl std::ops::Deref for IndicatorSpec {
    type Target = Indicator;
    fn deref(&self) -> &Indicator {
        &self.indicator
    }
}

fn number(e: &mut FieldErrors, field: &'static str, s: &str) -> Option<f64> {
    if s.trim().is_empty() {
        e.add(field, "error-required");
        return None;
    }
    let v = parse_value(s);
    if v.is_none() {
        e.add_with(field, "error-number", vec![("value", s.trim().to_string())]);
    }
    v
}

fn date(e: &mut FieldErrors, field: &'static str, s: &str) -> Option<time::Date> {
    if s.trim().is_empty() {
        e.add(field, "error-required");
        return None;
    }
    let d = parse_flexible_date(s);
    if d.is_none() {
        e.add_with(field, "error-date", vec![("value", s.trim().to_string())]);
    }
    d
}

/// Is `key` usable in CSV files and URLs: lower-case letters, digits and
/// `-`, starting with a letter or digit?
pub fn is_indicator_key(key: &str) -> bool {
    !key.is_empty()
        && !key.starts_with('-')
        && key
            .chars()
            .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-')
}

impl IndicatorDraft {
    pub fn validate(&self) -> Result<IndicatorSpec, FieldErrors> {
        let mut e = FieldErrors::new();
        let key = text(&mut e, "key", &self.key, true, MAX_KEY);
        if !key.is_empty() && key.chars().count() <= MAX_KEY && !is_indicator_key(&key) {
            e.add_with(
                "key",
                "error-indicator-key",
                vec![("value", key.to_string())],
            );
        }
        let name = text(&mut e, "name", &self.name, true, MAX_NAME);
        let unit = text(&mut e, "unit", &self.unit, true, MAX_UNIT);
        let direction = match Direction::parse(self.direction.trim()) {
            Some(d) => Some(d),
            None => {
                if self.direction.trim().is_empty() {
                    e.add("direction", "error-required");
                } else {
                    e.add_with(
                        "direction",
                        "error-invalid-choice",
                        vec![
                            ("value", self.direction.trim().to_string()),
                            ("allowed", "higher_is_better, lower_is_better".into()),
                        ],
                    );
                }
                None
            }
        };
        let bv = number(&mut e, "baseline_value", &self.baseline_value);
        let bd = date(&mut e, "baseline_date", &self.baseline_date);
        let tv = number(&mut e, "target_value", &self.target_value);
        let td = date(&mut e, "target_date", &self.target_date);
        if let (Some(b), Some(t)) = (bd, td) {
            if t <= b {
                e.add("target_date", "error-target-before-baseline");
            }
        }
        if let (Some(b), Some(t), Some(d)) = (bv, tv, direction) {
            // A target that is already met by the baseline is no goal.
            if d.meets(b, t) {
                e.add("target_value", "error-target-not-better");
            }
        }
        let data_source = text(&mut e, "data_source", &self.data_source, true, MAX_SOURCE);
        let computation = match self.computation.trim() {
            "" | "manual" => None,
            c => match Computation::parse(c) {
                Some(c) => Some(c),
                None => {
                    e.add_with(
                        "computation",
                        "error-invalid-choice",
                        vec![
                            ("value", c.to_string()),
                            (
                                "allowed",
                                Computation::ALL
                                    .iter()
                                    .map(|c| c.as_str())
                                    .collect::<Vec<_>>()
                                    .join(", "),
                            ),
                        ],
                    );
                    None
                }
            },
        };
        e.into_result()?;
        match (direction, bv, bd, tv, td) {
            (Some(direction), Some(bv), Some(bd), Some(tv), Some(td)) => Ok(IndicatorSpec {
                indicator: Indicator {
                    key,
                    name,
                    unit,
                    direction,
                    baseline: DatedValue {
                        date: bd,
                        value: bv,
                    },
                    target: DatedValue {
                        date: td,
                        value: tv,
                    },
                    data_source,
                    measurements: Vec::new(),
                },
                computation,
            }),
            // Every `None` above added an error.
            _ => Err(FieldErrors::new()),
        }
    }
}

/// One measurement typed into the form.
#[derive(Debug, Clone, Default)]
pub struct MeasurementDraft {
    pub date: String,
    pub value: String,
    pub note: String,
}

impl MeasurementDraft {
    /// Checks the form; a date after `today` is refused
    /// (`error-date-future`).
    pub fn validate(&self, today: time::Date) -> Result<Measurement, FieldErrors> {
        let mut e = FieldErrors::new();
        let d = date(&mut e, "date", &self.date);
        if let Some(d) = d {
            if d > today {
                e.add_with(
                    "date",
                    "error-date-future",
                    vec![("value", self.date.trim().to_string())],
                );
            }
        }
        let v = number(&mut e, "value", &self.value);
        let note = text(&mut e, "note", &self.note, false, MAX_NOTE);
        e.into_result()?;
        match (d, v) {
            (Some(date), Some(value)) => Ok(Measurement { date, value, note }),
            _ => Err(FieldErrors::new()),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn draft() -> IndicatorDraft {
        IndicatorDraft {
            key: "parksuchzeit".into(),
            name: "Durchschnittliche Parksuchzeit".into(),
            unit: "Minuten".into(),
            direction: "lower_is_better".into(),
            baseline_value: "11,5".into(),
            baseline_date: "2024-01-01".into(),
            target_value: "6".into(),
            target_date: "31.12.2027".into(),
            data_source: "Parkleitsystem".into(),
            computation: String::new(),
        }
    }

    fn keys(e: &FieldErrors) -> Vec<(&str, &str)> {
        e.0.iter().map(|x| (x.field, x.key)).collect()
    }

    #[test]
    fn a_valid_indicator_reads_german_numbers_and_dates() {
        let s = draft().validate().unwrap();
        assert_eq!(s.baseline.value, 11.5);
        assert_eq!(s.target.date.to_string(), "2027-12-31");
        assert_eq!(s.direction, Direction::LowerIsBetter);
        assert_eq!(s.computation, None);
    }

    #[test]
    fn every_bad_field_is_named() {
        let d = IndicatorDraft {
            key: "Park Zeit".into(),
            name: String::new(),
            unit: "x".repeat(41),
            direction: "sideways".into(),
            baseline_value: "viel".into(),
            baseline_date: "2024-02-30".into(),
            target_value: String::new(),
            target_date: "morgen".into(),
            data_source: " ".into(),
            computation: "magic".into(),
        };
        let e = d.validate().unwrap_err();
        assert_eq!(
            keys(&e),
            vec![
                ("key", "error-indicator-key"),
                ("name", "error-required"),
                ("unit", "error-too-long"),
                ("direction", "error-invalid-choice"),
                ("baseline_value", "error-number"),
                ("baseline_date", "error-date"),
                ("target_value", "error-required"),
                ("target_date", "error-date"),
                ("data_source", "error-required"),
                ("computation", "error-invalid-choice"),
            ]
        );
    }

    #[test]
    fn target_must_lie_after_the_baseline_and_be_better() {
        let mut d = draft();
        d.target_date = "2023-12-31".into();
        d.target_value = "12".into();
        let e = d.validate().unwrap_err();
        assert_eq!(
            keys(&e),
            vec![
                ("target_date", "error-target-before-baseline"),
                ("target_value", "error-target-not-better"),
            ]
        );
    }

    #[test]
    fn computations_parse_and_round_trip() {
        for c in Computation::ALL {
            assert_eq!(Computation::parse(c.as_str()), Some(c));
        }
        let mut d = draft();
        d.computation = "verified_participants".into();
        assert_eq!(
            d.validate().unwrap().computation,
            Some(Computation::VerifiedParticipants)
        );
        assert!(is_indicator_key("modal-split-2"));
        assert!(!is_indicator_key("-x"));
        assert!(!is_indicator_key("Ä"));
    }

    #[test]
    fn goals_and_measurements_are_checked() {
        let e = GoalDraft {
            statement: "  ".into(),
            description: "x".repeat(MAX_DESCRIPTION + 1),
        }
        .validate()
        .unwrap_err();
        assert_eq!(
            keys(&e),
            vec![
                ("statement", "error-required"),
                ("description", "error-too-long")
            ]
        );
        let today = crate::register::entry::parse_date("2026-11-27").unwrap();
        let m = MeasurementDraft {
            date: "01.03.2026".into(),
            value: "1.234,5".into(),
            note: "Zählung".into(),
        }
        .validate(today)
        .unwrap();
        assert_eq!(m.value, 1234.5);
        assert_eq!(m.date.to_string(), "2026-03-01");
        let e = MeasurementDraft {
            date: String::new(),
            value: "NaN".into(),
            note: String::new(),
        }
        .validate(today)
        .unwrap_err();
        assert_eq!(
            keys(&e),
            vec![("date", "error-required"), ("value", "error-number")]
        );
        let e = MeasurementDraft {
            date: "2026-11-28".into(),
            value: "1".into(),
            note: String::new(),
        }
        .validate(today)
        .unwrap_err();
        assert_eq!(keys(&e), vec![("date", "error-date-future")]);
    }
}
