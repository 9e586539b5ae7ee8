//! Rules of the opinion map (Polis-style statements and votes): who may
//! vote, how participant statements are moderated, what a statement and a
//! vote may be.

use crate::validation::FieldErrors;
use serde::{Deserialize, Serialize};

/// Statements are short, as in Polis, so that they can be read one at a
/// time and voted on quickly.
pub const STATEMENT_MIN: usize = 10;
pub const STATEMENT_MAX: usize = 300;

/// Who may vote on an opinion map.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Voters {
    /// Anyone; visitors get a pseudonymous browser id (a cookie).
    Anyone,
    /// Logged-in citizens.
    Citizens,
    /// Verified residents.
    Verified,
}

impl Voters {
    pub const ALL: [Voters; 3] = [Voters::Anyone, Voters::Citizens, Voters::Verified];
    pub fn as_str(self) -> &'static str {
        match self {
            Voters::Anyone => "anyone",
            Voters::Citizens => "citizens",
            Voters::Verified => "verified",
        }
    }
    pub fn parse(s: &str) -> Option<Voters> {
        Self::ALL.into_iter().find(|v| v.as_str() == s)
    }
}

/// When participant statements become visible to voters.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Moderation {
    /// Shown only after staff accepted them.
    Pre,
    /// Shown at once; staff may reject them afterwards.
    Post,
}

impl Moderation {
    pub const ALL: [Moderation; 2] = [Moderation::Pre, Moderation::Post];
    pub fn as_str(self) -> &'static str {
        match self {
            Moderation::Pre => "pre",
            Moderation::Post => "post",
        }
    }
    pub fn parse(s: &str) -> Option<Moderation> {
        Self::ALL.into_iter().find(|v| v.as_str() == s)
    }
}

/// Moderation state of a statement. Maps one to one onto Polis's
/// `moderated` column (1, 0, -1), so exports round-trip.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum StatementState {
    Accepted,
    Pending,
    Rejected,
}

impl StatementState {
    pub const ALL: [StatementState; 3] = [Self::Accepted, Self::Pending, Self::Rejected];
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Accepted => "accepted",
            Self::Pending => "pending",
            Self::Rejected => "rejected",
        }
    }
    pub fn parse(s: &str) -> Option<StatementState> {
        Self::ALL.into_iter().find(|v| v.as_str() == s)
    }
    pub fn polis_moderated(self) -> i8 {
        match self {
            Self::Accepted => 1,
            Self::Pending => 0,
            Self::Rejected => -1,
        }
    }
    pub fn from_polis(moderated: i8) -> StatementState {
        match moderated {
            1.. => Self::Accepted,
            0 => Self::Pending,
            _ => Self::Rejected,
        }
    }
    /// Whether voters see the statement under the map's moderation mode.
    pub fn shown(self, moderation: Moderation) -> bool {
        matches!(
            (self, moderation),
            (Self::Accepted, _) | (Self::Pending, Moderation::Post)
        )
    }
    /// A participant's new statement waits for staff in both modes; under
    /// post-moderation it is shown while it waits.
    pub const INITIAL: StatementState = StatementState::Pending;
}

/// The settings staff choose for an opinion map.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct OpinionSettings {
    pub voters: Voters,
    /// Participants may add statements of their own.
    pub participant_statements: bool,
    pub moderation: Moderation,
}

impl Default for OpinionSettings {
    fn default() -> Self {
        OpinionSettings {
            voters: Voters::Anyone,
            participant_statements: true,
            moderation: Moderation::Pre,
        }
    }
}

/// A vote on a statement, as Polis exports it: 1 agree, -1 disagree, 0 pass.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum OpinionVote {
    Agree,
    Disagree,
    Pass,
}

impl OpinionVote {
    pub const ALL: [OpinionVote; 3] = [Self::Agree, Self::Disagree, Self::Pass];
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Agree => "agree",
            Self::Disagree => "disagree",
            Self::Pass => "pass",
        }
    }
    pub fn value(self) -> i64 {
        match self {
            Self::Agree => 1,
            Self::Disagree => -1,
            Self::Pass => 0,
        }
    }
    pub fn from_value(v: i64) -> Option<OpinionVote> {
        match v {
            1 => Some(Self::Agree),
            -1 => Some(Self::Disagree),
            0 => Some(Self::Pass),
            _ => None,
        }
    }
    /// Accepts the names ("agree") and the Polis numbers ("1", "-1", "0").
    pub fn parse(s: &str) -> Option<OpinionVote> {
        let s = s.trim();
        Self::ALL
            .into_iter()
            .find(|v| v.as_str() == s)
            .or_else(|| s.parse::<i64>().ok().and_then(Self::from_value))
    }
}

/// Checks a statement's text.
pub fn validate_statement(body: &str) -> Result<(), FieldErrors> {
    let mut e = FieldErrors::new();
    e.text("body", body, STATEMENT_MIN, STATEMENT_MAX);
    if body.contains(['\n', '\r']) {
        e.add("body", "error-statement-one-line");
    }
    e.into_result()
}

/// Parses the settings form; every invalid field is named.
pub fn parse_settings(
    voters: &str,
    participant_statements: bool,
    moderation: &str,
) -> Result<OpinionSettings, FieldErrors> {
    let mut e = FieldErrors::new();
    let v = Voters::parse(voters);
    if v.is_none() {
        e.add("voters", "error-invalid-choice");
    }
    let m = Moderation::parse(moderation);
    if m.is_none() {
        e.add("moderation", "error-invalid-choice");
    }
    e.into_result()?;
    Ok(OpinionSettings {
        voters: v.unwrap_or(Voters::Anyone),
        participant_statements,
        moderation: m.unwrap_or(Moderation::Pre),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn votes_parse_names_and_polis_numbers() {
        assert_eq!(OpinionVote::parse("agree"), Some(OpinionVote::Agree));
        assert_eq!(OpinionVote::parse("-1"), Some(OpinionVote::Disagree));
        assert_eq!(OpinionVote::parse("0"), Some(OpinionVote::Pass));
        assert_eq!(OpinionVote::parse("2"), None);
        assert_eq!(OpinionVote::parse("yes"), None);
    }

    #[test]
    fn moderation_decides_what_voters_see() {
        let s = StatementState::INITIAL;
        assert!(!s.shown(Moderation::Pre));
        assert!(s.shown(Moderation::Post));
        assert!(!StatementState::Rejected.shown(Moderation::Post));
        for st in StatementState::ALL {
            assert_eq!(StatementState::from_polis(st.polis_moderated()), st);
        }
    }

    #[test]
    fn statements_are_short_single_lines() {
        assert!(validate_statement("Mehr Bäume in der Innenstadt pflanzen.").is_ok());
        let e = validate_statement("zu kurz").unwrap_err();
        assert_eq!(e.0[0].key, "error-too-short");
        let e = validate_statement(&"x".repeat(STATEMENT_MAX + 1)).unwrap_err();
        assert_eq!(e.0[0].key, "error-too-long");
        let e = validate_statement("Erste Zeile\nzweite Zeile").unwrap_err();
        assert_eq!(e.0[0].key, "error-statement-one-line");
    }

    #[test]
    fn settings_name_every_invalid_field() {
        let e = parse_settings("everyone", true, "later").unwrap_err();
        assert_eq!(e.0.len(), 2);
        let s = parse_settings("verified", false, "post").unwrap();
        assert_eq!(s.voters, Voters::Verified);
        assert_eq!(s.moderation, Moderation::Post);
    }
}
