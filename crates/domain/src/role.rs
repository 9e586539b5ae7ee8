use serde::{Deserialize, Serialize};
use std::fmt;
use std::str::FromStr;

/// The roles of DESIGN.md. A person can hold several; "citizen" is what
/// every registered account is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Role {
    Citizen,
    /// Staff of one department (the department is stored with the grant).
    Staff,
    Moderator,
    Council,
    Admin,
}

impl Role {
    pub const ALL: [Role; 5] = [
        Role::Citizen,
        Role::Staff,
        Role::Moderator,
        Role::Council,
        Role::Admin,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            Role::Citizen => "citizen",
            Role::Staff => "staff",
            Role::Moderator => "moderator",
            Role::Council => "council",
            Role::Admin => "admin",
        }
    }
}

impl fmt::Display for Role {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

#[derive(Debug, thiserror::Error, PartialEq, Eq)]
#[error("unknown role '{0}' (expected citizen, staff, moderator, council or admin)")]
pub struct UnknownRole(pub String);

impl FromStr for Role {
    type Err = UnknownRole;
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        Role::ALL
            .into_iter()
            .find(|r| r.as_str() == s)
            .ok_or_else(|| UnknownRole(s.to_string()))
    }
}
