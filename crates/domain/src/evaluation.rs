//! The evaluation of a closed participatory process (issue #3): the
//! participation figures the platform computes from its own records, and
//! the rules for publishing them with the staff's lessons learned.
//!
//! The store gathers the raw facts (who contributed what, by which
//! channel, when each proposal was first answered); [`compute`] turns them
//! into [`Figures`]. At publication the figures are frozen in a snapshot,
//! so a published evaluation never changes when data changes later.
//!
//! Counting rules, so that the numbers can be explained to a council:
//! - A participant is a distinct account, a distinct pseudonymous visitor
//!   (opinion map without login, an imported voter), or a person reached
//!   offline. Offline contributions carry no identity, so each counts as
//!   one person unless it has its own key (a numbered paper questionnaire
//!   or ballot sheet): an upper bound, said so on the page.
//! - The verified share is the share of participating accounts that are
//!   verified residents.
//! - Hidden (moderated) proposals and comments are not counted.
//! - The answer time of a proposal is from its submission to its first
//!   public written answer; an answer is late when it took more whole days
//!   than the municipality's answer deadline. Proposals still waiting are
//!   overdue under the same rule at the time of computation.

use crate::process::ProcessStatus;
use crate::proposal::{days_waiting, Channel, ProposalStatus};
use crate::FieldErrors;
use serde::{Deserialize, Serialize};
use std::collections::BTreeSet;

/// Shortest and longest lessons-learned text, in characters.
pub const LESSONS_MIN: usize = 20;
pub const LESSONS_MAX: usize = 20_000;
/// Longest correction note of a re-published evaluation.
pub const CORRECTION_MAX: usize = 500;

const DAY_MS: f64 = 86_400_000.0;

/// Only a closed process can be evaluated: while it runs the figures are
/// not final. Returns the i18n key of the refusal.
pub fn check_can_evaluate(status: ProcessStatus) -> Result<(), &'static str> {
    if status == ProcessStatus::Closed {
        Ok(())
    } else {
        Err("error-evaluation-not-closed")
    }
}

/// The staff's text: lessons learned are required; a correction (every
/// publication after the first) needs a note saying what was corrected.
pub fn validate_publication(
    lessons: &str,
    correction_note: &str,
    is_correction: bool,
) -> Result<(), FieldErrors> {
    let mut e = FieldErrors::new();
    e.text("lessons", lessons, LESSONS_MIN, LESSONS_MAX);
    if is_correction {
        e.text("correction_note", correction_note, 5, CORRECTION_MAX);
    } else {
        e.optional_text("correction_note", correction_note, CORRECTION_MAX);
    }
    e.into_result()
}

/// Who made a contribution.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
pub enum Person {
    /// A platform account (user id).
    Account(i64),
    /// A pseudonymous online participant without account (a key unique
    /// within the process).
    Anonymous(String),
    /// A person reached offline: with a key (questionnaire or ballot sheet
    /// number) they are counted once; without, each contribution counts
    /// as one person.
    Offline(Option<String>),
}

impl Person {
    /// The person behind a row with an optional account and a channel:
    /// offline rows without an account count one person each.
    pub fn of(user: Option<i64>, channel: crate::proposal::Channel) -> Person {
        match user {
            Some(id) => Person::Account(id),
            None if channel == crate::proposal::Channel::Online => {
                Person::Anonymous("online".into())
            }
            None => Person::Offline(None),
        }
    }
}

/// The participation forms whose contributions are counted.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ContributionForm {
    Proposal,
    Comment,
    Support,
    OpinionVote,
    OpinionStatement,
    BudgetBallot,
}

impl ContributionForm {
    pub const ALL: [ContributionForm; 6] = [
        Self::Proposal,
        Self::Comment,
        Self::Support,
        Self::OpinionVote,
        Self::OpinionStatement,
        Self::BudgetBallot,
    ];
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Proposal => "proposals",
            Self::Comment => "comments",
            Self::Support => "supports",
            Self::OpinionVote => "opinion_votes",
            Self::OpinionStatement => "opinion_statements",
            Self::BudgetBallot => "budget_ballots",
        }
    }
}

/// `count` contributions of one form by one person through one channel.
#[derive(Debug, Clone, PartialEq)]
pub struct Contribution {
    pub form: ContributionForm,
    pub person: Person,
    pub channel: Channel,
    pub count: i64,
}

/// A proposal's accountability facts.
#[derive(Debug, Clone, PartialEq)]
pub struct ProposalFact {
    pub status: ProposalStatus,
    pub created_at: i64,
    /// The first public written answer, if any.
    pub first_answer_at: Option<i64>,
}

/// Everything [`compute`] needs.
#[derive(Debug, Clone, Default)]
pub struct Facts {
    pub contributions: Vec<Contribution>,
    pub proposals: Vec<ProposalFact>,
    /// Accounts among the participants that are verified residents.
    pub verified_accounts: BTreeSet<i64>,
    pub answer_deadline_days: i64,
    /// The time of computation (Unix ms), for still-waiting proposals.
    pub now: i64,
}

/// Contributions per form.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct FormCounts {
    pub proposals: i64,
    pub comments: i64,
    pub supports: i64,
    pub opinion_votes: i64,
    pub opinion_statements: i64,
    pub budget_ballots: i64,
}

impl FormCounts {
    fn add(&mut self, form: ContributionForm, n: i64) {
        match form {
            ContributionForm::Proposal => self.proposals += n,
            ContributionForm::Comment => self.comments += n,
            ContributionForm::Support => self.supports += n,
            ContributionForm::OpinionVote => self.opinion_votes += n,
            ContributionForm::OpinionStatement => self.opinion_statements += n,
            ContributionForm::BudgetBallot => self.budget_ballots += n,
        }
    }
    pub fn get(&self, form: ContributionForm) -> i64 {
        match form {
            ContributionForm::Proposal => self.proposals,
            ContributionForm::Comment => self.comments,
            ContributionForm::Support => self.supports,
            ContributionForm::OpinionVote => self.opinion_votes,
            ContributionForm::OpinionStatement => self.opinion_statements,
            ContributionForm::BudgetBallot => self.budget_ballots,
        }
    }
    pub fn total(&self) -> i64 {
        ContributionForm::ALL.iter().map(|f| self.get(*f)).sum()
    }
}

/// Contributions of one channel.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ChannelCounts {
    pub channel: Channel,
    #[serde(flatten)]
    pub forms: FormCounts,
    pub total: i64,
}

/// The participation figures of a process.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct Figures {
    /// All participants: accounts + anonymous + offline.
    pub participants: i64,
    pub participants_accounts: i64,
    pub participants_anonymous: i64,
    pub participants_offline: i64,
    /// Participating accounts that are verified residents.
    pub verified_accounts: i64,
    /// `verified_accounts / participants_accounts`; none without accounts.
    pub verified_share: Option<f64>,
    /// All contributions.
    pub contributions: i64,
    pub by_form: FormCounts,
    /// Channels with at least one contribution, online first.
    pub by_channel: Vec<ChannelCounts>,
    /// Share of contributions that came through an offline channel.
    pub offline_share: Option<f64>,
    pub proposals_answered: i64,
    /// Median days from submission to the first written answer.
    pub median_answer_days: Option<f64>,
    pub answered_within_deadline: i64,
    pub answered_late: i64,
    /// Proposals still waiting for an answer.
    pub awaiting_answer: i64,
    /// Of those, the ones waiting longer than the deadline.
    pub overdue: i64,
    /// Accepted, in implementation or done.
    pub proposals_accepted: i64,
    /// Done.
    pub proposals_implemented: i64,
    pub proposals_rejected: i64,
}

/// The median of the values (mean of the middle two for an even count).
pub fn median(values: &mut [f64]) -> Option<f64> {
    if values.is_empty() {
        return None;
    }
    values.sort_by(|a, b| a.total_cmp(b));
    let n = values.len();
    Some(if n % 2 == 1 {
        values[n / 2]
    } else {
        (values[n / 2 - 1] + values[n / 2]) / 2.0
    })
}

fn share(part: i64, whole: i64) -> Option<f64> {
    (whole > 0).then(|| part as f64 / whole as f64)
}

/// Computes the figures from the facts.
pub fn compute(facts: &Facts) -> Figures {
    let mut accounts = BTreeSet::new();
    let mut anonymous = BTreeSet::new();
    let mut offline_keyed = BTreeSet::new();
    let mut offline_unkeyed = 0i64;
    let mut by_form = FormCounts::default();
    let mut channels: Vec<ChannelCounts> = Channel::ALL
        .iter()
        .map(|c| ChannelCounts {
            channel: *c,
            forms: FormCounts::default(),
            total: 0,
        })
        .collect();
    for c in facts.contributions.iter().filter(|c| c.count > 0) {
        match &c.person {
            Person::Account(id) => {
                accounts.insert(*id);
            }
            Person::Anonymous(k) => {
                anonymous.insert(k.clone());
            }
            Person::Offline(Some(k)) => {
                offline_keyed.insert(k.clone());
            }
            Person::Offline(None) => offline_unkeyed += c.count,
        }
        by_form.add(c.form, c.count);
        if let Some(ch) = channels.iter_mut().find(|x| x.channel == c.channel) {
            ch.forms.add(c.form, c.count);
            ch.total += c.count;
        }
    }
    channels.retain(|c| c.total > 0);
    let contributions = by_form.total();
    let offline_contributions: i64 = channels
        .iter()
        .filter(|c| c.channel != Channel::Online)
        .map(|c| c.total)
        .sum();
    let verified = accounts
        .iter()
        .filter(|id| facts.verified_accounts.contains(id))
        .count() as i64;
    let participants_offline = offline_keyed.len() as i64 + offline_unkeyed;

    let deadline = facts.answer_deadline_days;
    let mut answer_days = Vec::new();
    let (mut late, mut within, mut awaiting, mut overdue) = (0, 0, 0, 0);
    let (mut accepted, mut implemented, mut rejected) = (0, 0, 0);
    for p in &facts.proposals {
        if let Some(at) = p.first_answer_at {
            answer_days.push((at - p.created_at).max(0) as f64 / DAY_MS);
            if days_waiting(p.created_at, at) > deadline {
                late += 1;
            } else {
                within += 1;
            }
        }
        if p.status.awaits_answer() {
            awaiting += 1;
            if p.first_answer_at.is_none() && days_waiting(p.created_at, facts.now) > deadline {
                overdue += 1;
            }
        }
        match p.status {
            ProposalStatus::Accepted | ProposalStatus::InImplementation => accepted += 1,
            ProposalStatus::Done => {
                accepted += 1;
                implemented += 1;
            }
            ProposalStatus::Rejected => rejected += 1,
            _ => {}
        }
    }
    Figures {
        participants: accounts.len() as i64 + anonymous.len() as i64 + participants_offline,
        participants_accounts: accounts.len() as i64,
        participants_anonymous: anonymous.len() as i64,
        participants_offline,
        verified_accounts: verified,
        verified_share: share(verified, accounts.len() as i64),
        contributions,
        by_form,
        by_channel: channels,
        offline_share: share(offline_contributions, contributions),
        proposals_answered: answer_days.len() as i64,
        median_answer_days: median(&mut answer_days),
        answered_within_deadline: within,
        answered_late: late,
        awaiting_answer: awaiting,
        overdue,
        proposals_accepted: accepted,
        proposals_implemented: implemented,
        proposals_rejected: rejected,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const DAY: i64 = 86_400_000;

    fn c(form: ContributionForm, person: Person, channel: Channel, count: i64) -> Contribution {
        Contribution {
            form,
            person,
            channel,
            count,
        }
    }

    #[test]
    fn only_closed_processes_are_evaluated() {
        assert!(check_can_evaluate(ProcessStatus::Closed).is_ok());
        for s in [
            ProcessStatus::Draft,
            ProcessStatus::Published,
            ProcessStatus::Archived,
        ] {
            assert_eq!(check_can_evaluate(s), Err("error-evaluation-not-closed"));
        }
    }

    #[test]
    fn lessons_are_required_and_corrections_need_a_note() {
        let e = validate_publication("", "", false).unwrap_err();
        assert_eq!(e.0[0].field, "lessons");
        assert_eq!(e.0[0].key, "error-required");
        let e = validate_publication("zu kurz", "", false).unwrap_err();
        assert_eq!(e.0[0].key, "error-too-short");
        let lessons = "Die Beteiligung vor Ort hat viele Menschen erreicht.";
        assert!(validate_publication(lessons, "", false).is_ok());
        let e = validate_publication(lessons, "", true).unwrap_err();
        assert_eq!(e.0[0].field, "correction_note");
        assert!(validate_publication(lessons, "Zahl der Beiträge korrigiert.", true).is_ok());
        let long = "x".repeat(LESSONS_MAX + 1);
        let e = validate_publication(&long, "", false).unwrap_err();
        assert_eq!(e.0[0].key, "error-too-long");
    }

    #[test]
    fn median_of_odd_and_even_counts() {
        assert_eq!(median(&mut []), None);
        assert_eq!(median(&mut [5.0, 1.0, 3.0]), Some(3.0));
        assert_eq!(median(&mut [4.0, 1.0, 3.0, 10.0]), Some(3.5));
    }

    #[test]
    fn participants_are_distinct_people_and_offline_ones_are_counted() {
        use ContributionForm::*;
        let facts = Facts {
            contributions: vec![
                c(Proposal, Person::Account(1), Channel::Online, 2),
                c(Comment, Person::Account(1), Channel::Online, 3),
                c(Support, Person::Account(2), Channel::Online, 1),
                c(Support, Person::Account(3), Channel::Online, 1),
                c(
                    OpinionVote,
                    Person::Anonymous("o:7".into()),
                    Channel::Online,
                    12,
                ),
                c(OpinionVote, Person::Account(2), Channel::Online, 5),
                c(Proposal, Person::Offline(None), Channel::Paper, 1),
                c(Proposal, Person::Offline(None), Channel::Phone, 1),
                c(
                    OpinionVote,
                    Person::Offline(Some("q:1".into())),
                    Channel::Paper,
                    4,
                ),
                c(
                    BudgetBallot,
                    Person::Offline(Some("paper:A1".into())),
                    Channel::Paper,
                    1,
                ),
                c(BudgetBallot, Person::Account(3), Channel::Online, 1),
                c(OpinionStatement, Person::Account(1), Channel::Online, 1),
                // Nothing counted for empty groups.
                c(Comment, Person::Account(99), Channel::Office, 0),
            ],
            verified_accounts: [2, 3, 50].into_iter().collect(),
            ..Facts::default()
        };
        let f = compute(&facts);
        assert_eq!(f.participants_accounts, 3);
        assert_eq!(f.participants_anonymous, 1);
        // Two unkeyed offline proposals, questionnaire 1, ballot sheet A1.
        assert_eq!(f.participants_offline, 4);
        assert_eq!(f.participants, 8);
        assert_eq!(f.verified_accounts, 2);
        assert_eq!(f.verified_share, Some(2.0 / 3.0));
        assert_eq!(
            f.by_form,
            FormCounts {
                proposals: 4,
                comments: 3,
                supports: 2,
                opinion_votes: 21,
                opinion_statements: 1,
                budget_ballots: 2,
            }
        );
        assert_eq!(f.contributions, 33);
        let channels: Vec<_> = f.by_channel.iter().map(|c| (c.channel, c.total)).collect();
        assert_eq!(
            channels,
            vec![
                (Channel::Online, 26),
                (Channel::Paper, 6),
                (Channel::Phone, 1)
            ]
        );
        assert_eq!(f.by_channel[1].forms.opinion_votes, 4);
        assert_eq!(f.offline_share, Some(7.0 / 33.0));
    }

    #[test]
    fn answer_times_deadlines_and_outcomes() {
        let now = 1_000 * DAY;
        let p = |status, created: i64, answer: Option<i64>| ProposalFact {
            status,
            created_at: created,
            first_answer_at: answer,
        };
        use ProposalStatus::*;
        let facts = Facts {
            proposals: vec![
                p(Accepted, 0, Some(2 * DAY)),
                p(Rejected, 0, Some(10 * DAY)),
                p(Done, 0, Some(31 * DAY)),
                p(InImplementation, 0, Some(30 * DAY + DAY / 2)),
                // Waiting 40 days: overdue; waiting 5 days: not yet.
                p(Submitted, now - 40 * DAY, None),
                p(InReview, now - 5 * DAY, None),
            ],
            answer_deadline_days: 30,
            now,
            ..Facts::default()
        };
        let f = compute(&facts);
        assert_eq!(f.proposals_answered, 4);
        // 2, 10, 30.5, 31 days: median (10 + 30.5) / 2.
        assert_eq!(f.median_answer_days, Some(20.25));
        // 31 whole days is late; 30.5 days is 30 whole days, in time.
        assert_eq!((f.answered_within_deadline, f.answered_late), (3, 1));
        assert_eq!((f.awaiting_answer, f.overdue), (2, 1));
        assert_eq!(
            (
                f.proposals_accepted,
                f.proposals_implemented,
                f.proposals_rejected
            ),
            (3, 1, 1)
        );
        assert_eq!(f.participants, 0);
        assert_eq!(f.verified_share, None);
        assert_eq!(f.offline_share, None);
    }
}
