use serde::{Deserialize, Serialize};
use std::str::FromStr;

/// Lifecycle of a participatory process.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ProcessStatus {
    Draft,
    Published,
    Closed,
    Archived,
}

impl ProcessStatus {
    pub const ALL: [ProcessStatus; 4] =
        [Self::Draft, Self::Published, Self::Closed, Self::Archived];
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Draft => "draft",
            Self::Published => "published",
            Self::Closed => "closed",
            Self::Archived => "archived",
        }
    }
    /// Visible to the public (drafts are only for staff).
    pub fn is_public(self) -> bool {
        !matches!(self, Self::Draft)
    }
    /// Accepts contributions at all (further limited by the active phase).
    pub fn is_open(self) -> bool {
        matches!(self, Self::Published)
    }
}

impl FromStr for ProcessStatus {
    type Err = crate::validation::FieldErrors;
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        Self::ALL
            .into_iter()
            .find(|v| v.as_str() == s)
            .ok_or_else(|| {
                let mut e = crate::FieldErrors::new();
                e.add("status", "error-invalid-choice");
                e
            })
    }
}

/// A participation form that a phase can enable. Modules of later issues
/// (opinion map, budgeting, register consultation) add variants here and
/// their own pages; the core only needs to know whether a form is active.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Form {
    /// Submitting new proposals.
    Proposals,
    /// Supporting proposals.
    Supports,
    /// Commenting on proposals.
    Comments,
    /// Voting on the statements of the process's opinion map (and adding
    /// statements, if the map allows it).
    OpinionMap,
    /// Casting ballots in the participatory budgets of the process.
    BudgetVoting,
}

impl Form {
    pub const ALL: [Form; 5] = [
        Form::Proposals,
        Form::Supports,
        Form::Comments,
        Form::OpinionMap,
        Form::BudgetVoting,
    ];
    pub fn as_str(self) -> &'static str {
        match self {
            Form::Proposals => "proposals",
            Form::Supports => "supports",
            Form::Comments => "comments",
            Form::OpinionMap => "opinion_map",
            Form::BudgetVoting => "budget_voting",
        }
    }
    pub fn parse(s: &str) -> Option<Form> {
        Self::ALL.into_iter().find(|f| f.as_str() == s)
    }
    /// Parses a comma-separated list as stored in the database; unknown
    /// names (from a newer version) are ignored rather than failing a page.
    pub fn parse_list(s: &str) -> Vec<Form> {
        s.split(',').filter_map(|p| Form::parse(p.trim())).collect()
    }
    pub fn join(forms: &[Form]) -> String {
        forms
            .iter()
            .map(|f| f.as_str())
            .collect::<Vec<_>>()
            .join(",")
    }
}

/// Per-process rules for contributions.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct ProcessRules {
    pub proposals_require_verification: bool,
    pub supports_require_verification: bool,
    pub comments_require_verification: bool,
    /// Maximum supports one person may give inside this process; `None` = unlimited.
    pub support_limit: Option<u32>,
}

/// What the permission evaluator needs to know about a process.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ProcessFacts {
    pub status: ProcessStatus,
    pub department_id: Option<i64>,
    pub active_forms: Vec<Form>,
    pub rules: ProcessRules,
}

impl ProcessFacts {
    pub fn form_open(&self, form: Form) -> bool {
        self.status.is_open() && self.active_forms.contains(&form)
    }
}
