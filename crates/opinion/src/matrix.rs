//! A sparse, memory-lean participant × statement vote matrix.
//!
//! Rows are participants, columns are statements. Each stored cell is a vote:
//! `1` agree, `-1` disagree, `0` pass; missing cells are "not voted". The
//! layout is compressed sparse rows (CSR): per vote one `u32` statement index
//! and one `i8` value, five bytes in total.

use crate::error::Error;

/// A vote on a statement.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, serde::Serialize, serde::Deserialize)]
pub enum Vote {
    /// Agree (+1).
    Agree,
    /// Disagree (-1).
    Disagree,
    /// Pass (0): seen, but no opinion.
    Pass,
}

impl Vote {
    /// The numeric value: +1, -1 or 0.
    pub fn value(self) -> i8 {
        match self {
            Vote::Agree => 1,
            Vote::Disagree => -1,
            Vote::Pass => 0,
        }
    }

    /// Parse a numeric vote value.
    pub fn from_value(v: i64) -> Option<Vote> {
        match v {
            1 => Some(Vote::Agree),
            -1 => Some(Vote::Disagree),
            0 => Some(Vote::Pass),
            _ => None,
        }
    }
}

/// Sparse vote matrix in CSR layout.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct VoteMatrix {
    n_statements: usize,
    row_ptr: Vec<usize>,
    cols: Vec<u32>,
    vals: Vec<i8>,
}

impl VoteMatrix {
    /// An empty matrix with `n_statements` columns and no participants.
    pub fn new(n_statements: usize) -> Self {
        VoteMatrix {
            n_statements,
            row_ptr: vec![0],
            cols: Vec::new(),
            vals: Vec::new(),
        }
    }

    /// Like [`VoteMatrix::new`], reserving room for `participants` rows and `votes` votes.
    pub fn with_capacity(n_statements: usize, participants: usize, votes: usize) -> Self {
        let mut row_ptr = Vec::with_capacity(participants + 1);
        row_ptr.push(0);
        VoteMatrix {
            n_statements,
            row_ptr,
            cols: Vec::with_capacity(votes),
            vals: Vec::with_capacity(votes),
        }
    }

    /// Append a participant row. `votes` holds (statement index, vote); it is
    /// sorted here; a statement appearing twice keeps the later entry.
    pub fn push_row(&mut self, votes: &mut [(u32, Vote)]) -> Result<(), Error> {
        votes.sort_by_key(|&(s, _)| s);
        let start = self.cols.len();
        for &(s, v) in votes.iter() {
            if s as usize >= self.n_statements {
                return Err(Error::Invalid(format!(
                    "statement index {s} out of range (matrix has {} statements)",
                    self.n_statements
                )));
            }
            if self.cols.len() > start && self.cols.last() == Some(&s) {
                if let Some(last) = self.vals.last_mut() {
                    *last = v.value();
                }
                continue;
            }
            self.cols.push(s);
            self.vals.push(v.value());
        }
        self.row_ptr.push(self.cols.len());
        Ok(())
    }

    /// Append a row whose statement indices are already strictly increasing and
    /// in range; values must be -1, 0 or 1 (others are clamped). Used by
    /// generators that build very large matrices.
    pub fn push_sorted_row(&mut self, cols: &[u32], vals: &[i8]) -> Result<(), Error> {
        if cols.len() != vals.len() {
            return Err(Error::Invalid(
                "row columns and values differ in length".into(),
            ));
        }
        let mut prev: Option<u32> = None;
        for &c in cols {
            if c as usize >= self.n_statements || prev.is_some_and(|p| p >= c) {
                return Err(Error::Invalid(
                    "row statement indices must be increasing and in range".into(),
                ));
            }
            prev = Some(c);
        }
        self.cols.extend_from_slice(cols);
        self.vals.extend(vals.iter().map(|v| (*v).clamp(-1, 1)));
        self.row_ptr.push(self.cols.len());
        Ok(())
    }

    /// Number of participants (rows).
    pub fn n_participants(&self) -> usize {
        self.row_ptr.len() - 1
    }

    /// Number of statements (columns).
    pub fn n_statements(&self) -> usize {
        self.n_statements
    }

    /// Total number of stored votes.
    pub fn n_votes(&self) -> usize {
        self.cols.len()
    }

    /// The votes of participant `i`: statement indices and values, sorted by statement.
    /// Returns empty slices for an out-of-range index.
    pub fn row(&self, i: usize) -> (&[u32], &[i8]) {
        match (self.row_ptr.get(i), self.row_ptr.get(i + 1)) {
            (Some(&a), Some(&b)) => (&self.cols[a..b], &self.vals[a..b]),
            _ => (&[], &[]),
        }
    }

    /// Number of votes cast by participant `i`.
    pub fn row_len(&self, i: usize) -> usize {
        self.row(i).0.len()
    }

    /// The vote of participant `i` on statement `s`, if any.
    pub fn get(&self, i: usize, s: u32) -> Option<Vote> {
        let (c, v) = self.row(i);
        c.binary_search(&s)
            .ok()
            .and_then(|k| Vote::from_value(i64::from(v[k])))
    }

    /// Approximate heap memory used, in bytes.
    pub fn heap_bytes(&self) -> usize {
        self.row_ptr.capacity() * std::mem::size_of::<usize>()
            + self.cols.capacity() * 4
            + self.vals.capacity()
    }
}

/// A conversation ready for analysis: the vote matrix with labels and the
/// statements moderated out.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Conversation {
    /// Votes, participants × statements.
    pub votes: VoteMatrix,
    /// Label of each participant row (e.g. the Polis voter id).
    pub participant_ids: Vec<String>,
    /// Label of each statement column (e.g. the Polis comment id).
    pub statement_ids: Vec<String>,
    /// `true` for statements moderated out; they are ignored by the analysis.
    pub moderated_out: Vec<bool>,
}

impl Conversation {
    /// Build a conversation, checking that the labels match the matrix shape.
    pub fn new(
        votes: VoteMatrix,
        participant_ids: Vec<String>,
        statement_ids: Vec<String>,
        moderated_out: Vec<bool>,
    ) -> Result<Self, Error> {
        if participant_ids.len() != votes.n_participants() {
            return Err(Error::Invalid(format!(
                "{} participant ids for {} matrix rows",
                participant_ids.len(),
                votes.n_participants()
            )));
        }
        if statement_ids.len() != votes.n_statements()
            || moderated_out.len() != votes.n_statements()
        {
            return Err(Error::Invalid(format!(
                "{} statement ids and {} moderation flags for {} matrix columns",
                statement_ids.len(),
                moderated_out.len(),
                votes.n_statements()
            )));
        }
        Ok(Conversation {
            votes,
            participant_ids,
            statement_ids,
            moderated_out,
        })
    }
}

/// Builds a [`Conversation`] from votes in any order, e.g. rows read from a
/// database: the latest vote (by timestamp, then by insertion order) of each
/// participant on each statement counts. Participants and statements keep the
/// order in which they were first seen.
#[derive(Debug, Clone, Default)]
pub struct ConversationBuilder {
    statements: std::collections::HashMap<String, u32>,
    statement_ids: Vec<String>,
    moderated_out: Vec<bool>,
    participants: std::collections::HashMap<String, u32>,
    participant_ids: Vec<String>,
    votes: Vec<(u32, u32, i64, Vote)>,
}

impl ConversationBuilder {
    /// An empty builder.
    pub fn new() -> Self {
        Self::default()
    }

    /// Declare a statement (optional for statements that receive votes) and
    /// whether it is moderated out. Declaring it again updates the flag.
    pub fn statement(&mut self, id: &str, moderated_out: bool) -> &mut Self {
        let j = self.statement_index(id);
        self.moderated_out[j as usize] = moderated_out;
        self
    }

    fn statement_index(&mut self, id: &str) -> u32 {
        if let Some(&j) = self.statements.get(id) {
            return j;
        }
        let j = self.statement_ids.len() as u32;
        self.statements.insert(id.to_string(), j);
        self.statement_ids.push(id.to_string());
        self.moderated_out.push(false);
        j
    }

    /// Record a vote; `timestamp` orders repeated votes (later wins).
    pub fn vote(
        &mut self,
        participant: &str,
        statement: &str,
        vote: Vote,
        timestamp: i64,
    ) -> &mut Self {
        let j = self.statement_index(statement);
        let i = match self.participants.get(participant) {
            Some(&i) => i,
            None => {
                let i = self.participant_ids.len() as u32;
                self.participants.insert(participant.to_string(), i);
                self.participant_ids.push(participant.to_string());
                i
            }
        };
        self.votes.push((i, j, timestamp, vote));
        self
    }

    /// The conversation.
    pub fn build(mut self) -> Result<Conversation, Error> {
        // Stable sort: equal timestamps keep insertion order, so the later insert wins.
        self.votes.sort_by_key(|&(i, j, t, _)| (i, j, t));
        let mut mat = VoteMatrix::with_capacity(
            self.statement_ids.len(),
            self.participant_ids.len(),
            self.votes.len(),
        );
        let mut row: Vec<(u32, Vote)> = Vec::new();
        let mut k = 0;
        for i in 0..self.participant_ids.len() as u32 {
            row.clear();
            while k < self.votes.len() && self.votes[k].0 == i {
                let (_, j, _, v) = self.votes[k];
                if row.last().is_some_and(|&(lj, _)| lj == j) {
                    row.pop();
                }
                row.push((j, v));
                k += 1;
            }
            mat.push_row(&mut row)?;
        }
        Conversation::new(
            mat,
            self.participant_ids,
            self.statement_ids,
            self.moderated_out,
        )
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn builder_keeps_latest_vote() {
        let mut b = ConversationBuilder::new();
        b.statement("s1", false).statement("s2", true);
        b.vote("p1", "s1", Vote::Agree, 5)
            .vote("p2", "s2", Vote::Pass, 1)
            .vote("p1", "s1", Vote::Disagree, 3)
            .vote("p1", "s3", Vote::Agree, 1)
            .vote("p1", "s1", Vote::Pass, 5);
        let c = b.build().unwrap();
        assert_eq!(c.participant_ids, vec!["p1", "p2"]);
        assert_eq!(c.statement_ids, vec!["s1", "s2", "s3"]);
        assert_eq!(c.moderated_out, vec![false, true, false]);
        assert_eq!(c.votes.get(0, 0), Some(Vote::Pass));
        assert_eq!(c.votes.get(0, 2), Some(Vote::Agree));
        assert_eq!(c.votes.get(1, 1), Some(Vote::Pass));
        assert_eq!(c.votes.get(1, 0), None);
        assert_eq!(c.votes.n_votes(), 3);
    }
}
