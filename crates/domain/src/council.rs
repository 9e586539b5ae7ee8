//! The data council's (Datenbeirat) decision rule: how the votes of a
//! review become its result, and the council's settings.
//!
//! The rule, in plain words:
//!
//! 1. **Quorum**: at least `quorum` members must have voted; abstentions
//!    count as taking part. Fewer votes → no decision (quorum missed).
//! 2. Only the votes *for* (approve, approve with conditions) and
//!    *against* (reject) decide; abstentions are left out. No such votes
//!    → no decision.
//! 3. **Majority** of those votes: simple (more than half) or two thirds
//!    (at least two thirds).
//!    - The votes for reach the majority → approval. If the unconditional
//!      approvals reach it on their own, the result is *approve*; otherwise
//!      the conditional votes were needed, and the result is *approve with
//!      conditions*.
//!    - Else the rejections reach the majority → *reject*.
//!    - Else (a tie, or neither side has two thirds) → no decision.
//!
//! A review without a decision is still published with its counts and the
//! council's written recommendation, so a tie is visible as such.

use crate::register::fields::field;
use crate::FieldErrors;
use serde::{Deserialize, Serialize};

/// Most members a council may require for its quorum.
pub const MAX_QUORUM: u32 = 99;

/// One member's vote.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Vote {
    Approve,
    /// Approve, under conditions that the member writes down.
    ApproveWithConditions,
    Reject,
    Abstain,
}

impl Vote {
    pub const ALL: [Vote; 4] = [
        Vote::Approve,
        Vote::ApproveWithConditions,
        Vote::Reject,
        Vote::Abstain,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            Vote::Approve => "approve",
            Vote::ApproveWithConditions => "approve_with_conditions",
            Vote::Reject => "reject",
            Vote::Abstain => "abstain",
        }
    }

    pub fn parse(s: &str) -> Option<Vote> {
        Vote::ALL.into_iter().find(|v| v.as_str() == s)
    }

    /// A vote with conditions must say which.
    pub fn needs_conditions(self) -> bool {
        self == Vote::ApproveWithConditions
    }
}

/// Which majority of the deciding votes (for and against) is needed.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, Default)]
#[serde(rename_all = "snake_case")]
pub enum MajorityRule {
    /// More than half.
    #[default]
    Simple,
    /// At least two thirds.
    TwoThirds,
}

impl MajorityRule {
    pub const ALL: [MajorityRule; 2] = [MajorityRule::Simple, MajorityRule::TwoThirds];

    pub fn as_str(self) -> &'static str {
        match self {
            MajorityRule::Simple => "simple",
            MajorityRule::TwoThirds => "two_thirds",
        }
    }

    pub fn parse(s: &str) -> Option<MajorityRule> {
        MajorityRule::ALL.into_iter().find(|v| v.as_str() == s)
    }

    /// Does `part` of `total` deciding votes reach this majority?
    pub fn reached(self, part: u32, total: u32) -> bool {
        if total == 0 {
            return false;
        }
        match self {
            MajorityRule::Simple => part * 2 > total,
            MajorityRule::TwoThirds => part * 3 >= total * 2,
        }
    }
}

/// The votes of one review, counted.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
pub struct Tally {
    pub approve: u32,
    pub approve_with_conditions: u32,
    pub reject: u32,
    pub abstain: u32,
}

impl Tally {
    pub fn of(votes: impl IntoIterator<Item = Vote>) -> Tally {
        let mut t = Tally::default();
        for v in votes {
            match v {
                Vote::Approve => t.approve += 1,
                Vote::ApproveWithConditions => t.approve_with_conditions += 1,
                Vote::Reject => t.reject += 1,
                Vote::Abstain => t.abstain += 1,
            }
        }
        t
    }

    /// Everyone who voted, abstentions included (for the quorum).
    pub fn cast(&self) -> u32 {
        self.approve + self.approve_with_conditions + self.reject + self.abstain
    }

    /// The votes for and against (for the majority).
    pub fn deciding(&self) -> u32 {
        self.approve + self.approve_with_conditions + self.reject
    }
}

/// Why a review ended without a decision.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum NoDecision {
    /// Fewer members voted than the quorum requires.
    QuorumMissed,
    /// Everyone abstained.
    OnlyAbstentions,
    /// Neither side reached the majority (a tie, or short of two thirds).
    NoMajority,
}

/// The result of a closed review.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Outcome {
    Approve,
    ApproveWithConditions,
    Reject,
    NoDecision(NoDecision),
}

impl Outcome {
    /// Stored and API value: `approve`, `approve_with_conditions`,
    /// `reject`, `no_decision_quorum`, `no_decision_abstentions`,
    /// `no_decision_majority`.
    pub fn as_str(self) -> &'static str {
        match self {
            Outcome::Approve => "approve",
            Outcome::ApproveWithConditions => "approve_with_conditions",
            Outcome::Reject => "reject",
            Outcome::NoDecision(NoDecision::QuorumMissed) => "no_decision_quorum",
            Outcome::NoDecision(NoDecision::OnlyAbstentions) => "no_decision_abstentions",
            Outcome::NoDecision(NoDecision::NoMajority) => "no_decision_majority",
        }
    }

    pub fn parse(s: &str) -> Option<Outcome> {
        [
            Outcome::Approve,
            Outcome::ApproveWithConditions,
            Outcome::Reject,
            Outcome::NoDecision(NoDecision::QuorumMissed),
            Outcome::NoDecision(NoDecision::OnlyAbstentions),
            Outcome::NoDecision(NoDecision::NoMajority),
        ]
        .into_iter()
        .find(|o| o.as_str() == s)
    }

    pub fn is_decision(self) -> bool {
        !matches!(self, Outcome::NoDecision(_))
    }
}

/// A municipality's council settings.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct CouncilRules {
    /// Least number of members who must vote (abstentions count).
    pub quorum: u32,
    pub majority: MajorityRule,
    /// Register fields whose change asks the council for a review.
    pub material_fields: Vec<String>,
}

impl Default for CouncilRules {
    /// Three members, simple majority, and the fields that change what a
    /// system does with people's data: the data it uses, its model, and
    /// how people can intervene.
    fn default() -> Self {
        CouncilRules {
            quorum: 3,
            majority: MajorityRule::Simple,
            material_fields: vec![
                "source_data".into(),
                "methods_and_models".into(),
                "human_intervention".into(),
            ],
        }
    }
}

impl CouncilRules {
    /// The result of a review with these votes. See the module docs.
    pub fn decide(&self, t: &Tally) -> Outcome {
        if t.cast() < self.quorum.max(1) {
            return Outcome::NoDecision(NoDecision::QuorumMissed);
        }
        let total = t.deciding();
        if total == 0 {
            return Outcome::NoDecision(NoDecision::OnlyAbstentions);
        }
        let favour = t.approve + t.approve_with_conditions;
        if self.majority.reached(favour, total) {
            if self.majority.reached(t.approve, total) {
                Outcome::Approve
            } else {
                Outcome::ApproveWithConditions
            }
        } else if self.majority.reached(t.reject, total) {
            Outcome::Reject
        } else {
            Outcome::NoDecision(NoDecision::NoMajority)
        }
    }

    /// The material fields as `&str`, for
    /// [`crate::register::entry::review_triggers`].
    pub fn material(&self) -> Vec<&str> {
        self.material_fields.iter().map(String::as_str).collect()
    }

    /// Parses and checks the settings form: `quorum` a whole number from 1
    /// to [`MAX_QUORUM`], `majority` one of the rules, every material field
    /// a field of the catalogue that people fill in (not a managed one).
    pub fn parse(quorum: &str, majority: &str, material: &[String]) -> Result<Self, FieldErrors> {
        let mut errors = FieldErrors::new();
        let q = match quorum.trim().parse::<u32>() {
            Ok(q) if (1..=MAX_QUORUM).contains(&q) => q,
            _ => {
                errors.add_with(
                    "quorum",
                    "error-council-quorum",
                    vec![
                        ("value", quorum.trim().to_string()),
                        ("max", MAX_QUORUM.to_string()),
                    ],
                );
                0
            }
        };
        let m = MajorityRule::parse(majority.trim());
        if m.is_none() {
            errors.add_with(
                "majority",
                "error-invalid-choice",
                vec![
                    ("value", majority.trim().to_string()),
                    ("allowed", "simple, two_thirds".to_string()),
                ],
            );
        }
        let mut fields: Vec<String> = Vec::new();
        for f in material {
            let f = f.trim();
            match field(f) {
                Some(spec) if !spec.managed => {
                    if !fields.iter().any(|x| x == f) {
                        fields.push(f.to_string());
                    }
                }
                _ => errors.add_with(
                    "material_fields",
                    "error-council-unknown-field",
                    vec![("value", f.to_string())],
                ),
            }
        }
        errors.into_result()?;
        Ok(CouncilRules {
            quorum: q,
            majority: m.unwrap_or_default(),
            material_fields: fields,
        })
    }
}

/// How the administration answers a published recommendation.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Response {
    Followed,
    PartlyFollowed,
    NotFollowed,
}

impl Response {
    pub const ALL: [Response; 3] = [
        Response::Followed,
        Response::PartlyFollowed,
        Response::NotFollowed,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            Response::Followed => "followed",
            Response::PartlyFollowed => "partly_followed",
            Response::NotFollowed => "not_followed",
        }
    }

    pub fn parse(s: &str) -> Option<Response> {
        Response::ALL.into_iter().find(|v| v.as_str() == s)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn rules(quorum: u32, majority: MajorityRule) -> CouncilRules {
        CouncilRules {
            quorum,
            majority,
            material_fields: vec![],
        }
    }

    fn t(approve: u32, cond: u32, reject: u32, abstain: u32) -> Tally {
        Tally {
            approve,
            approve_with_conditions: cond,
            reject,
            abstain,
        }
    }

    #[test]
    fn quorum_counts_abstentions_too() {
        let r = rules(3, MajorityRule::Simple);
        assert_eq!(
            r.decide(&t(2, 0, 0, 0)),
            Outcome::NoDecision(NoDecision::QuorumMissed)
        );
        assert_eq!(r.decide(&t(2, 0, 0, 1)), Outcome::Approve);
        // A quorum of 0 is treated as 1: nobody voting is never a decision.
        assert_eq!(
            rules(0, MajorityRule::Simple).decide(&Tally::default()),
            Outcome::NoDecision(NoDecision::QuorumMissed)
        );
    }

    #[test]
    fn simple_majority_of_deciding_votes() {
        let r = rules(1, MajorityRule::Simple);
        assert_eq!(r.decide(&t(3, 0, 2, 5)), Outcome::Approve);
        assert_eq!(r.decide(&t(1, 0, 3, 0)), Outcome::Reject);
        // Tie → no decision.
        assert_eq!(
            r.decide(&t(1, 1, 2, 0)),
            Outcome::NoDecision(NoDecision::NoMajority)
        );
        assert_eq!(
            r.decide(&t(0, 0, 0, 4)),
            Outcome::NoDecision(NoDecision::OnlyAbstentions)
        );
    }

    #[test]
    fn conditions_when_the_conditional_votes_were_needed() {
        let r = rules(1, MajorityRule::Simple);
        // 2 approve + 2 with conditions of 5: for wins, approve alone does not.
        assert_eq!(r.decide(&t(2, 2, 1, 0)), Outcome::ApproveWithConditions);
        // 3 approve of 5 is a majority on its own.
        assert_eq!(r.decide(&t(3, 1, 1, 0)), Outcome::Approve);
        assert_eq!(r.decide(&t(0, 1, 0, 0)), Outcome::ApproveWithConditions);
    }

    #[test]
    fn two_thirds() {
        let r = rules(1, MajorityRule::TwoThirds);
        assert_eq!(r.decide(&t(2, 0, 1, 0)), Outcome::Approve); // exactly 2/3
        assert_eq!(
            r.decide(&t(3, 0, 2, 0)),
            Outcome::NoDecision(NoDecision::NoMajority)
        ); // 60 %
        assert_eq!(r.decide(&t(1, 3, 1, 0)), Outcome::ApproveWithConditions);
        assert_eq!(r.decide(&t(1, 0, 4, 2)), Outcome::Reject);
    }

    #[test]
    fn tally_and_names_round_trip() {
        let tally = Tally::of([Vote::Approve, Vote::Reject, Vote::Abstain, Vote::Approve]);
        assert_eq!(tally, t(2, 0, 1, 1));
        assert_eq!((tally.cast(), tally.deciding()), (4, 3));
        for v in Vote::ALL {
            assert_eq!(Vote::parse(v.as_str()), Some(v));
        }
        for o in [
            Outcome::Approve,
            Outcome::NoDecision(NoDecision::QuorumMissed),
            Outcome::NoDecision(NoDecision::NoMajority),
        ] {
            assert_eq!(Outcome::parse(o.as_str()), Some(o));
        }
        assert!(!Outcome::NoDecision(NoDecision::NoMajority).is_decision());
        assert_eq!(
            Response::parse("partly_followed"),
            Some(Response::PartlyFollowed)
        );
        assert_eq!(Vote::parse("yes"), None);
    }

    #[test]
    fn settings_are_checked_field_by_field() {
        let ok = CouncilRules::parse(
            "4",
            "two_thirds",
            &["source_data".into(), "source_data".into()],
        )
        .unwrap();
        assert_eq!(ok.quorum, 4);
        assert_eq!(ok.majority, MajorityRule::TwoThirds);
        assert_eq!(ok.material_fields, vec!["source_data".to_string()]);
        let err = CouncilRules::parse("0", "most", &["uuid".into(), "nope".into()]).unwrap_err();
        let fields: Vec<&str> = err.0.iter().map(|e| e.field).collect();
        assert_eq!(
            fields,
            vec!["quorum", "majority", "material_fields", "material_fields"]
        );
        assert!(CouncilRules::parse("abc", "simple", &[]).is_err());
        assert!(CouncilRules::parse("100", "simple", &[]).is_err());
        // The defaults are valid catalogue fields.
        let d = CouncilRules::default();
        assert!(CouncilRules::parse(&d.quorum.to_string(), "simple", &d.material_fields).is_ok());
    }
}
