//! Typed errors of the crate.

use std::fmt;

/// Section of a `.pb` file, used to locate parse errors.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize)]
pub enum Section {
    /// Before the first section header.
    Preamble,
    /// `META`
    Meta,
    /// `PROJECTS`
    Projects,
    /// `VOTES`
    Votes,
}

impl fmt::Display for Section {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            Section::Preamble => "before META",
            Section::Meta => "META",
            Section::Projects => "PROJECTS",
            Section::Votes => "VOTES",
        })
    }
}

/// Why a `.pb` file was rejected.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum ParseErrorKind {
    #[error("row outside of any section (expected META, PROJECTS or VOTES)")]
    RowOutsideSection,
    #[error("section {0} appears twice")]
    DuplicateSection(&'static str),
    #[error("section {0} is missing")]
    MissingSection(&'static str),
    #[error("META row needs a key and a value")]
    MetaRowTooShort,
    #[error("missing budget (META key `budget`)")]
    MissingBudget,
    #[error("missing vote type (META key `vote_type`)")]
    MissingVoteType,
    #[error("unsupported vote type `{0}` (approval, choose-1, cumulative, scoring, ordinal)")]
    UnknownVoteType(String),
    #[error("missing column `{0}` in the header")]
    MissingColumn(&'static str),
    #[error("{field} is not a number: `{value}`")]
    NotANumber { field: &'static str, value: String },
    #[error("{field} must not be negative: `{value}`")]
    Negative { field: &'static str, value: String },
    #[error("{field} has too many decimal places: `{value}`")]
    TooPrecise { field: &'static str, value: String },
    #[error("{field} is too large: `{value}`")]
    TooLarge { field: &'static str, value: String },
    #[error("empty project id")]
    EmptyProjectId,
    #[error("duplicate project id `{0}`")]
    DuplicateProjectId(String),
    #[error("duplicate voter id `{0}`")]
    DuplicateVoterId(String),
    #[error("unknown project `{0}` in a vote")]
    UnknownProject(String),
    #[error("project `{0}` appears twice in one vote")]
    DuplicateProjectInVote(String),
    #[error("{votes} projects in `vote` but {points} values in `points`")]
    PointsMismatch { votes: usize, points: usize },
    #[error("row has {found} fields, the header has {expected}")]
    WrongFieldCount { expected: usize, found: usize },
    #[error("invalid CSV: {0}")]
    Csv(String),
    #[error("META `{key}` is not a number: `{value}`")]
    BadMeta { key: &'static str, value: String },
}

/// Errors of the crate.
#[derive(Debug, thiserror::Error)]
pub enum Error {
    /// A malformed `.pb` file.
    #[error("{section} section, line {line}: {kind}")]
    Parse {
        section: Section,
        line: u64,
        kind: ParseErrorKind,
    },
    /// Reading a file failed.
    #[error("cannot read {path}: {source}")]
    Read {
        path: String,
        #[source]
        source: std::io::Error,
    },
    /// Writing output failed.
    #[error("cannot write output: {0}")]
    Write(#[from] std::io::Error),
    /// Writing CSV failed.
    #[error("cannot write .pb: {0}")]
    WriteCsv(#[from] csv::Error),
    /// JSON output failed.
    #[error("cannot write JSON: {0}")]
    Json(#[from] serde_json::Error),
    /// The election is valid but outside what the rules support.
    #[error("unsupported election: {0}")]
    Unsupported(String),
}

impl Error {
    pub(crate) fn parse(section: Section, line: u64, kind: ParseErrorKind) -> Self {
        Error::Parse {
            section,
            line,
            kind,
        }
    }

    /// Line number of a parse error.
    pub fn line(&self) -> Option<u64> {
        match self {
            Error::Parse { line, .. } => Some(*line),
            _ => None,
        }
    }

    /// Section of a parse error.
    pub fn section(&self) -> Option<Section> {
        match self {
            Error::Parse { section, .. } => Some(*section),
            _ => None,
        }
    }

    /// Reason of a parse error.
    pub fn kind(&self) -> Option<&ParseErrorKind> {
        match self {
            Error::Parse { kind, .. } => Some(kind),
            _ => None,
        }
    }
}

/// A vote that was read differently from how it is written, as pabutools 1.2.3 reads it.
///
/// Today the only case: a vote names the same project more than once. An approval
/// (or choose-1) ballot is a set, so the project counts once; an ordinal ballot keeps
/// the project at its first position; a cumulative or scoring ballot keeps the
/// project at its first position with the points of its LAST occurrence (not the sum).
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct Warning {
    /// Line of the vote in the file (1-based).
    pub line: u64,
    /// `voter_id` of the vote.
    pub voter: String,
    /// The project named more than once.
    pub project: String,
}

impl fmt::Display for Warning {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "VOTES section, line {}: voter `{}` names project `{}` more than once; read once, as pabutools does",
            self.line, self.voter, self.project
        )
    }
}
