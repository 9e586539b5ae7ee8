use crate::FieldErrors;
use serde::{Deserialize, Serialize};
use std::str::FromStr;

/// Accountability status of a proposal.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ProposalStatus {
    Submitted,
    InReview,
    Accepted,
    Rejected,
    InImplementation,
    Done,
}

impl ProposalStatus {
    pub const ALL: [ProposalStatus; 6] = [
        Self::Submitted,
        Self::InReview,
        Self::Accepted,
        Self::Rejected,
        Self::InImplementation,
        Self::Done,
    ];
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Submitted => "submitted",
            Self::InReview => "in_review",
            Self::Accepted => "accepted",
            Self::Rejected => "rejected",
            Self::InImplementation => "in_implementation",
            Self::Done => "done",
        }
    }

    /// Statuses a proposal may move to from this one. Reopening a rejected
    /// proposal goes through review again, so that it is answered anew.
    pub fn next(self) -> &'static [ProposalStatus] {
        use ProposalStatus::*;
        match self {
            Submitted => &[InReview, Accepted, Rejected],
            InReview => &[Submitted, Accepted, Rejected],
            Accepted => &[InImplementation, Done, Rejected],
            Rejected => &[InReview],
            InImplementation => &[Accepted, Done],
            Done => &[InImplementation],
        }
    }

    /// A decision must be explained to the public.
    pub fn requires_answer(self) -> bool {
        matches!(self, Self::Accepted | Self::Rejected)
    }

    /// Still waiting for the administration's answer.
    pub fn awaits_answer(self) -> bool {
        matches!(self, Self::Submitted | Self::InReview)
    }

    /// Implementation progress applies.
    pub fn tracks_progress(self) -> bool {
        matches!(self, Self::Accepted | Self::InImplementation | Self::Done)
    }
}

impl FromStr for ProposalStatus {
    type Err = FieldErrors;
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        Self::ALL
            .into_iter()
            .find(|v| v.as_str() == s)
            .ok_or_else(|| {
                let mut e = FieldErrors::new();
                e.add("status", "error-invalid-choice");
                e
            })
    }
}

/// How a contribution reached the municipality. Offline ones are entered by
/// staff and count like online ones (DESIGN.md, "Nobody left out").
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Channel {
    Online,
    Paper,
    Phone,
    Office,
    Meeting,
}

impl Channel {
    pub const ALL: [Channel; 5] = [
        Self::Online,
        Self::Paper,
        Self::Phone,
        Self::Office,
        Self::Meeting,
    ];
    pub const OFFLINE: [Channel; 4] = [Self::Paper, Self::Phone, Self::Office, Self::Meeting];
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Online => "online",
            Self::Paper => "paper",
            Self::Phone => "phone",
            Self::Office => "office",
            Self::Meeting => "meeting",
        }
    }
    pub fn parse(s: &str) -> Option<Channel> {
        Self::ALL.into_iter().find(|c| c.as_str() == s)
    }
    /// A channel as stored; anything unknown was written before channels
    /// existed and counts as online.
    pub fn stored(s: &str) -> Channel {
        Self::parse(s).unwrap_or(Self::Online)
    }
}

pub const TITLE_MIN: usize = 5;
pub const TITLE_MAX: usize = 150;
pub const BODY_MIN: usize = 15;
pub const BODY_MAX: usize = 10_000;
pub const COMMENT_MAX: usize = 5_000;
pub const ANSWER_MIN: usize = 20;
pub const ANSWER_MAX: usize = 10_000;

/// A proposal as submitted, before it is stored.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct ProposalDraft {
    pub title: String,
    pub body: String,
    pub category: String,
    pub latitude: Option<f64>,
    pub longitude: Option<f64>,
}

impl ProposalDraft {
    pub fn validate(&self, categories: &[String]) -> Result<(), FieldErrors> {
        let mut e = FieldErrors::new();
        e.text("title", &self.title, TITLE_MIN, TITLE_MAX);
        e.text("body", &self.body, BODY_MIN, BODY_MAX);
        if !self.category.is_empty() && !categories.iter().any(|c| c == &self.category) {
            e.add("category", "error-invalid-choice");
        }
        match (self.latitude, self.longitude) {
            (None, None) => {}
            (Some(lat), Some(lon)) => {
                if !(-90.0..=90.0).contains(&lat) || !lat.is_finite() {
                    e.add("latitude", "error-latitude");
                }
                if !(-180.0..=180.0).contains(&lon) || !lon.is_finite() {
                    e.add("longitude", "error-longitude");
                }
            }
            (None, Some(_)) => e.add("latitude", "error-coordinates-pair"),
            (Some(_), None) => e.add("longitude", "error-coordinates-pair"),
        }
        e.into_result()
    }
}

/// A status change by staff, checked against the current status.
pub fn validate_status_change(
    current: ProposalStatus,
    next: ProposalStatus,
    answer: &str,
    progress: Option<i64>,
) -> Result<(), FieldErrors> {
    let mut e = FieldErrors::new();
    if next != current && !current.next().contains(&next) {
        e.add("status", "error-status-transition");
    }
    if next.requires_answer() && next != current {
        e.text("answer", answer, ANSWER_MIN, ANSWER_MAX);
    } else {
        e.optional_text("answer", answer, ANSWER_MAX);
    }
    if let Some(p) = progress {
        if !(0..=100).contains(&p) {
            e.add("progress", "error-percent");
        }
    }
    e.into_result()
}

/// Whole days a contribution has waited for an answer.
pub fn days_waiting(created_ms: i64, now_ms: i64) -> i64 {
    ((now_ms - created_ms).max(0)) / 86_400_000
}

/// Overdue when still unanswered after the municipality's deadline.
pub fn is_overdue(
    status: ProposalStatus,
    created_ms: i64,
    now_ms: i64,
    deadline_days: i64,
) -> bool {
    status.awaits_answer() && days_waiting(created_ms, now_ms) > deadline_days
}

#[cfg(test)]
mod tests {
    use super::*;

    fn draft() -> ProposalDraft {
        ProposalDraft {
            title: "Radweg an der Hauptstraße".into(),
            body: "Ein durchgehender, geschützter Radweg zwischen Bahnhof und Rathaus.".into(),
            category: "Verkehr".into(),
            latitude: Some(51.5),
            longitude: Some(7.4),
        }
    }

    #[test]
    fn valid_draft_passes() {
        assert!(draft().validate(&["Verkehr".into()]).is_ok());
    }

    #[test]
    fn every_bad_field_is_named() {
        let d = ProposalDraft {
            title: "Ab".into(),
            body: "".into(),
            category: "Unbekannt".into(),
            latitude: Some(91.0),
            longitude: None,
        };
        let e = d.validate(&["Verkehr".into()]).unwrap_err();
        let fields: Vec<_> = e.0.iter().map(|f| f.field).collect();
        assert_eq!(fields, vec!["title", "body", "category", "longitude"]);
        let d = ProposalDraft {
            latitude: Some(91.0),
            longitude: Some(200.0),
            ..draft()
        };
        let e = d.validate(&["Verkehr".into()]).unwrap_err();
        assert_eq!(e.0.len(), 2);
    }

    #[test]
    fn accepting_or_rejecting_needs_an_answer() {
        use ProposalStatus::*;
        assert!(validate_status_change(Submitted, Accepted, "", None).is_err());
        assert!(validate_status_change(Submitted, Rejected, "zu kurz", None).is_err());
        assert!(validate_status_change(
            Submitted,
            Rejected,
            "Die Straße gehört dem Land, nicht der Stadt.",
            None
        )
        .is_ok());
        assert!(validate_status_change(Submitted, InReview, "", None).is_ok());
    }

    #[test]
    fn transitions_follow_the_lifecycle() {
        use ProposalStatus::*;
        let e = validate_status_change(Submitted, Done, "", None).unwrap_err();
        assert_eq!(e.0[0].key, "error-status-transition");
        assert!(validate_status_change(Accepted, InImplementation, "", Some(40)).is_ok());
        assert!(validate_status_change(Accepted, InImplementation, "", Some(140)).is_err());
    }

    #[test]
    fn overdue_after_deadline_only_while_unanswered() {
        let day = 86_400_000;
        assert!(!is_overdue(ProposalStatus::Submitted, 0, 30 * day, 30));
        assert!(is_overdue(ProposalStatus::Submitted, 0, 31 * day, 30));
        assert!(!is_overdue(ProposalStatus::Accepted, 0, 31 * day, 30));
        assert_eq!(days_waiting(0, 31 * day + 5), 31);
    }
}
