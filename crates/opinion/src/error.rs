//! Typed errors of the opinion crate.

use std::path::PathBuf;

/// What is wrong with one row of a CSV file.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum RowProblem {
    /// The row could not be parsed as CSV, or has the wrong number of fields.
    #[error("malformed row: {0}")]
    Malformed(String),
    /// A required column is missing from the header.
    #[error("missing column `{0}` in header")]
    MissingColumn(String),
    /// A field that must be a number is not.
    #[error("field `{column}` is not a valid number: {value:?}")]
    NotANumber {
        /// Column name.
        column: String,
        /// The offending text.
        value: String,
    },
    /// A vote refers to a comment that comments.csv does not list.
    #[error("unknown comment id {0}")]
    UnknownComment(String),
    /// A vote value other than -1, 0 or 1.
    #[error("vote {0} outside -1..1")]
    VoteOutOfRange(String),
    /// The same record appears twice.
    #[error("duplicate row (same {what} as line {first_line})")]
    Duplicate {
        /// What makes the two rows the same.
        what: String,
        /// Line of the first occurrence.
        first_line: u64,
    },
}

/// Errors of the opinion crate.
#[derive(Debug, thiserror::Error)]
pub enum Error {
    /// A problem with one row of an input file, naming file and line.
    #[error("{}:{line}: {problem}", file.display())]
    Row {
        /// The file.
        file: PathBuf,
        /// 1-based line number in the file.
        line: u64,
        /// What is wrong.
        problem: RowProblem,
    },
    /// A file could not be read or written.
    #[error("{}: {source}", file.display())]
    Io {
        /// The file.
        file: PathBuf,
        /// The underlying error.
        source: std::io::Error,
    },
    /// Writing output failed.
    #[error("cannot write output: {0}")]
    Output(std::io::Error),
    /// Serialising JSON failed.
    #[error("cannot serialise JSON: {0}")]
    Json(#[from] serde_json::Error),
    /// Settings or input shapes that cannot be analysed.
    #[error("invalid input: {0}")]
    Invalid(String),
}

impl Error {
    pub(crate) fn row(file: &std::path::Path, line: u64, problem: RowProblem) -> Self {
        Error::Row {
            file: file.to_path_buf(),
            line,
            problem,
        }
    }
}
