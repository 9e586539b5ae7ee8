//! Participatory budgeting (issue 5): budgets of a process, their ballot
//! types, the allocation rule, ballot validation with the limit named in
//! the error, voter age and receipt codes. The allocation itself is the
//! pure crate `teilhabe-budget`; storage and tally live in the store.

use crate::FieldErrors;
use serde::{Deserialize, Serialize};
use std::collections::{HashMap, HashSet};

/// How a voter fills in the ballot of one budget.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum BallotKind {
    /// Tick up to `limit` projects.
    Approval,
    /// Tick projects whose costs together stay within the budget.
    Knapsack,
    /// Distribute up to `limit` points over the projects.
    Cumulative,
    /// Rank up to `limit` projects (first place gets the most points).
    Ranking,
}

impl BallotKind {
    pub const ALL: [BallotKind; 4] = [
        BallotKind::Approval,
        BallotKind::Knapsack,
        BallotKind::Cumulative,
        BallotKind::Ranking,
    ];
    pub fn as_str(self) -> &'static str {
        match self {
            BallotKind::Approval => "approval",
            BallotKind::Knapsack => "knapsack",
            BallotKind::Cumulative => "cumulative",
            BallotKind::Ranking => "ranking",
        }
    }
    pub fn parse(s: &str) -> Option<BallotKind> {
        Self::ALL.into_iter().find(|k| k.as_str() == s)
    }
    /// Whether the ballot type needs a number (projects, points or ranks).
    pub fn needs_limit(self) -> bool {
        !matches!(self, BallotKind::Knapsack)
    }
    /// Pabulib `vote_type` of the ballots.
    pub fn pabulib_vote_type(self) -> &'static str {
        match self {
            BallotKind::Approval | BallotKind::Knapsack => "approval",
            BallotKind::Cumulative => "cumulative",
            BallotKind::Ranking => "ordinal",
        }
    }
}

/// The published allocation rule (names as in `teilhabe pb tally --rule`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum AllocationRule {
    #[serde(rename = "greedy")]
    Greedy,
    #[serde(rename = "mes")]
    Mes,
    #[serde(rename = "mes-add1")]
    MesAdd1,
    #[serde(rename = "mes-add1-greedy")]
    MesAdd1Greedy,
}

impl AllocationRule {
    pub const ALL: [AllocationRule; 4] = [
        AllocationRule::Greedy,
        AllocationRule::Mes,
        AllocationRule::MesAdd1,
        AllocationRule::MesAdd1Greedy,
    ];
    pub fn as_str(self) -> &'static str {
        match self {
            AllocationRule::Greedy => "greedy",
            AllocationRule::Mes => "mes",
            AllocationRule::MesAdd1 => "mes-add1",
            AllocationRule::MesAdd1Greedy => "mes-add1-greedy",
        }
    }
    pub fn parse(s: &str) -> Option<AllocationRule> {
        Self::ALL.into_iter().find(|r| r.as_str() == s)
    }
}

/// Largest budget and project cost in euros (a sanity bound, not a policy).
pub const MAX_AMOUNT: i64 = 1_000_000_000_000;
pub const NAME_MAX: usize = 120;
pub const DISTRICT_MAX: usize = 80;

/// A budget's settings as entered by staff (raw form values).
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct BudgetInput {
    pub name: String,
    /// Empty for the city-wide budget.
    #[serde(default)]
    pub district: String,
    /// Whole euros.
    pub amount: String,
    pub ballot_kind: String,
    #[serde(default)]
    pub ballot_limit: String,
    pub rule: String,
    #[serde(default)]
    pub min_age: String,
}

/// Validated settings of a budget.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct BudgetSettings {
    pub name: String,
    pub district: String,
    pub amount: i64,
    pub ballot_kind: BallotKind,
    /// Projects (approval), points (cumulative) or ranks (ranking); none for knapsack.
    pub ballot_limit: Option<i64>,
    pub rule: AllocationRule,
    /// 0 = no age limit.
    pub min_age: i64,
}

/// Parses a whole number as people type it: "150.000", "150000", "1 000".
pub fn parse_amount(s: &str) -> Option<i64> {
    let t: String = s
        .trim()
        .trim_end_matches('€')
        .trim()
        .chars()
        .filter(|c| !matches!(c, '.' | ' ' | '\u{a0}' | '\''))
        .collect();
    if t.is_empty() || !t.chars().all(|c| c.is_ascii_digit()) || t.len() > 15 {
        return None;
    }
    t.parse().ok()
}

fn range(e: &mut FieldErrors, field: &'static str, s: &str, min: i64, max: i64) -> Option<i64> {
    match parse_amount(s) {
        Some(v) if (min..=max).contains(&v) => Some(v),
        Some(_) => {
            e.add_with(
                field,
                "error-number-range",
                vec![("min", min.to_string()), ("max", max.to_string())],
            );
            None
        }
        None => {
            e.add(field, "error-number");
            None
        }
    }
}

impl BudgetInput {
    pub fn validate(&self) -> Result<BudgetSettings, FieldErrors> {
        let mut e = FieldErrors::new();
        e.text("name", &self.name, 3, NAME_MAX);
        e.optional_text("district", &self.district, DISTRICT_MAX);
        let amount = range(&mut e, "amount", &self.amount, 1, MAX_AMOUNT);
        let kind = BallotKind::parse(&self.ballot_kind);
        if kind.is_none() {
            e.add("ballot_kind", "error-invalid-choice");
        }
        let limit = match kind {
            Some(k) if k.needs_limit() => {
                if self.ballot_limit.trim().is_empty() {
                    e.add("ballot_limit", "error-required");
                    None
                } else {
                    range(&mut e, "ballot_limit", &self.ballot_limit, 1, 100)
                }
            }
            _ => None,
        };
        let rule = AllocationRule::parse(&self.rule);
        if rule.is_none() {
            e.add("rule", "error-invalid-choice");
        }
        let min_age = if self.min_age.trim().is_empty() {
            Some(0)
        } else {
            range(&mut e, "min_age", &self.min_age, 0, 120)
        };
        e.into_result()?;
        match (amount, kind, rule, min_age) {
            (Some(amount), Some(ballot_kind), Some(rule), Some(min_age)) => Ok(BudgetSettings {
                name: self.name.trim().to_string(),
                district: self.district.trim().to_string(),
                amount,
                ballot_kind,
                ballot_limit: limit,
                rule,
                min_age,
            }),
            _ => {
                let mut e = FieldErrors::new();
                e.add("amount", "error-number");
                Err(e)
            }
        }
    }
}

/// One entry of a ballot: a project (its id in the budget) and, for
/// cumulative ballots, the points given. Ranking ballots are in rank order.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct BallotChoice {
    pub project: i64,
    #[serde(default = "one")]
    pub points: i64,
}

fn one() -> i64 {
    1
}

/// Checks a ballot against its budget. `costs` holds the projects on the
/// ballot (feasible ones) with their cost. The error names the limit, so
/// the voter knows what to change: "at most 5 projects", "at most
/// 150000 €, your choice costs 180000 €".
pub fn validate_ballot(
    settings: &BudgetSettings,
    costs: &HashMap<i64, i64>,
    choices: &[BallotChoice],
) -> Result<(), FieldErrors> {
    let mut e = FieldErrors::new();
    if choices.is_empty() {
        e.add("ballot", "error-ballot-empty");
        return Err(e);
    }
    let mut seen = HashSet::new();
    for c in choices {
        if !costs.contains_key(&c.project) {
            e.add("ballot", "error-ballot-unknown-project");
            return Err(e);
        }
        if !seen.insert(c.project) {
            e.add("ballot", "error-ballot-duplicate");
            return Err(e);
        }
    }
    let limit = settings.ballot_limit.unwrap_or(0);
    let n = choices.len() as i64;
    match settings.ballot_kind {
        BallotKind::Approval => {
            if n > limit {
                e.add_with(
                    "ballot",
                    "error-ballot-too-many-projects",
                    vec![("max", limit.to_string()), ("chosen", n.to_string())],
                );
            }
        }
        BallotKind::Knapsack => {
            let total: i64 = choices.iter().map(|c| costs[&c.project]).sum();
            if total > settings.amount {
                e.add_with(
                    "ballot",
                    "error-ballot-over-budget",
                    vec![
                        ("max_eur", settings.amount.to_string()),
                        ("chosen_eur", total.to_string()),
                    ],
                );
            }
        }
        BallotKind::Cumulative => {
            if choices.iter().any(|c| c.points < 1) {
                e.add("ballot", "error-ballot-points-positive");
            } else {
                let total: i64 = choices.iter().map(|c| c.points).sum();
                if total > limit {
                    e.add_with(
                        "ballot",
                        "error-ballot-too-many-points",
                        vec![("max", limit.to_string()), ("chosen", total.to_string())],
                    );
                }
            }
        }
        BallotKind::Ranking => {
            if n > limit {
                e.add_with(
                    "ballot",
                    "error-ballot-too-many-ranks",
                    vec![("max", limit.to_string()), ("chosen", n.to_string())],
                );
            }
        }
    }
    e.into_result()
}

/// Encodes a ballot for storage: "12:1,7:1" (project:points, in order).
pub fn encode_ballot(choices: &[BallotChoice]) -> String {
    choices
        .iter()
        .map(|c| format!("{}:{}", c.project, c.points))
        .collect::<Vec<_>>()
        .join(",")
}

/// Decodes a stored ballot; malformed parts are skipped.
pub fn decode_ballot(s: &str) -> Vec<BallotChoice> {
    s.split(',')
        .filter_map(|p| {
            let (a, b) = p.split_once(':')?;
            Some(BallotChoice {
                project: a.trim().parse().ok()?,
                points: b.trim().parse().ok()?,
            })
        })
        .collect()
}

/// Age in whole years on `today` of a person born on `birth`.
pub fn age_on(birth: time::Date, today: time::Date) -> i64 {
    let mut age = today.year() as i64 - birth.year() as i64;
    if (today.month() as u8, today.day()) < (birth.month() as u8, birth.day()) {
        age -= 1;
    }
    age
}

/// Checks the minimum age with the birth date the voter confirms on the
/// ballot ("YYYY-MM-DD"); the date itself is not stored.
pub fn check_age(min_age: i64, birth_date: &str, today: time::Date) -> Result<(), FieldErrors> {
    if min_age <= 0 {
        return Ok(());
    }
    let mut e = FieldErrors::new();
    // The date field sends ISO dates; typed by hand it may be German.
    let parsed = time::Date::parse(
        birth_date.trim(),
        time::macros::format_description!("[year]-[month]-[day]"),
    )
    .or_else(|_| {
        time::Date::parse(
            birth_date.trim(),
            time::macros::format_description!("[day].[month].[year]"),
        )
    });
    match parsed {
        Ok(b) if b <= today => {
            if age_on(b, today) < min_age {
                e.add_with(
                    "birth_date",
                    "error-ballot-too-young",
                    vec![("min", min_age.to_string())],
                );
            }
        }
        _ => e.add("birth_date", "error-birth-date"),
    }
    e.into_result()
}

/// Receipt codes: 12 characters from an alphabet without look-alikes, shown
/// as three groups ("K7QM-3XPA-9RTD"). 60 bits: not guessable.
pub const RECEIPT_ALPHABET: &[u8] = b"23456789ABCDEFGHJKLMNPQRSTUVWXYZ";

/// Formats 12 random values (0..32) as a receipt code.
pub fn receipt_code(random: &[u8; 12]) -> String {
    let mut s = String::with_capacity(14);
    for (i, b) in random.iter().enumerate() {
        if i > 0 && i % 4 == 0 {
            s.push('-');
        }
        s.push(RECEIPT_ALPHABET[(*b as usize) % RECEIPT_ALPHABET.len()] as char);
    }
    s
}

/// The public hash of a receipt code: SHA-256 hex of the code in upper
/// case without separators, so "k7qm 3xpa 9rtd" checks the same.
pub fn receipt_hash(code: &str) -> String {
    use sha2::{Digest, Sha256};
    let norm: String = code
        .chars()
        .filter(|c| c.is_ascii_alphanumeric())
        .map(|c| c.to_ascii_uppercase())
        .collect();
    hex::encode(Sha256::digest(norm.as_bytes()))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn settings(kind: BallotKind, limit: Option<i64>) -> BudgetSettings {
        BudgetSettings {
            name: "Gesamtstadt".into(),
            district: String::new(),
            amount: 100_000,
            ballot_kind: kind,
            ballot_limit: limit,
            rule: AllocationRule::Mes,
            min_age: 0,
        }
    }

    fn costs() -> HashMap<i64, i64> {
        [(1, 60_000), (2, 50_000), (3, 30_000), (4, 10_000)]
            .into_iter()
            .collect()
    }

    fn ch(ids: &[i64]) -> Vec<BallotChoice> {
        ids.iter()
            .map(|&p| BallotChoice {
                project: p,
                points: 1,
            })
            .collect()
    }

    #[test]
    fn approval_names_the_maximum() {
        let s = settings(BallotKind::Approval, Some(2));
        assert!(validate_ballot(&s, &costs(), &ch(&[1, 2])).is_ok());
        let e = validate_ballot(&s, &costs(), &ch(&[1, 2, 3])).unwrap_err();
        let f = e.get("ballot").unwrap();
        assert_eq!(f.key, "error-ballot-too-many-projects");
        assert_eq!(
            f.args,
            vec![("max", "2".to_string()), ("chosen", "3".to_string())]
        );
    }

    #[test]
    fn knapsack_names_budget_and_total() {
        let s = settings(BallotKind::Knapsack, None);
        assert!(validate_ballot(&s, &costs(), &ch(&[1, 3, 4])).is_ok());
        let e = validate_ballot(&s, &costs(), &ch(&[1, 2])).unwrap_err();
        let f = e.get("ballot").unwrap();
        assert_eq!(f.key, "error-ballot-over-budget");
        assert_eq!(
            f.args,
            vec![
                ("max_eur", "100000".to_string()),
                ("chosen_eur", "110000".to_string())
            ]
        );
    }

    #[test]
    fn cumulative_and_ranking_limits() {
        let s = settings(BallotKind::Cumulative, Some(5));
        let mut b = ch(&[1, 2]);
        b[0].points = 3;
        b[1].points = 2;
        assert!(validate_ballot(&s, &costs(), &b).is_ok());
        b[1].points = 3;
        assert_eq!(
            validate_ballot(&s, &costs(), &b).unwrap_err().0[0].key,
            "error-ballot-too-many-points"
        );
        b[1].points = 0;
        assert_eq!(
            validate_ballot(&s, &costs(), &b).unwrap_err().0[0].key,
            "error-ballot-points-positive"
        );
        let r = settings(BallotKind::Ranking, Some(2));
        assert_eq!(
            validate_ballot(&r, &costs(), &ch(&[3, 1, 2]))
                .unwrap_err()
                .0[0]
                .key,
            "error-ballot-too-many-ranks"
        );
    }

    #[test]
    fn unknown_duplicate_and_empty() {
        let s = settings(BallotKind::Approval, Some(3));
        let key = |b: &[i64]| validate_ballot(&s, &costs(), &ch(b)).unwrap_err().0[0].key;
        assert_eq!(key(&[]), "error-ballot-empty");
        assert_eq!(key(&[9]), "error-ballot-unknown-project");
        assert_eq!(key(&[1, 1]), "error-ballot-duplicate");
    }

    #[test]
    fn settings_validation() {
        let ok = BudgetInput {
            name: "Gesamtstadt".into(),
            amount: "500.000".into(),
            ballot_kind: "approval".into(),
            ballot_limit: "5".into(),
            rule: "mes-add1-greedy".into(),
            ..Default::default()
        };
        let s = ok.validate().unwrap();
        assert_eq!(s.amount, 500_000);
        assert_eq!(s.ballot_limit, Some(5));
        let bad = BudgetInput {
            name: "X".into(),
            amount: "viel".into(),
            ballot_kind: "approval".into(),
            ballot_limit: String::new(),
            rule: "lottery".into(),
            min_age: "200".into(),
            ..Default::default()
        };
        let e = bad.validate().unwrap_err();
        for f in ["name", "amount", "ballot_limit", "rule", "min_age"] {
            assert!(e.get(f).is_some(), "{f}: {e}");
        }
    }

    #[test]
    fn ballots_round_trip_and_ages() {
        let b = vec![
            BallotChoice {
                project: 12,
                points: 3,
            },
            BallotChoice {
                project: 7,
                points: 1,
            },
        ];
        assert_eq!(decode_ballot(&encode_ballot(&b)), b);
        let today = time::macros::date!(2026 - 11 - 27);
        assert_eq!(age_on(time::macros::date!(2010 - 11 - 27), today), 16);
        assert_eq!(age_on(time::macros::date!(2010 - 11 - 28), today), 15);
        assert!(check_age(16, "2010-11-27", today).is_ok());
        assert!(check_age(16, "27.11.2010", today).is_ok());
        assert_eq!(
            check_age(16, "2010-11-28", today).unwrap_err().0[0].key,
            "error-ballot-too-young"
        );
        assert_eq!(
            check_age(16, "gestern", today).unwrap_err().0[0].key,
            "error-birth-date"
        );
        assert!(check_age(0, "", today).is_ok());
    }

    #[test]
    fn receipts_hash_normalised() {
        let c = receipt_code(&[0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 31]);
        assert_eq!(c, "2345-6789-ABCZ");
        assert_eq!(receipt_hash(&c), receipt_hash("2345 6789 abcz"));
        assert_eq!(receipt_hash(&c).len(), 64);
    }
}
