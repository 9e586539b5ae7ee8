//! Reading and writing Polis export folders (comments.csv, votes.csv,
//! participants-votes.csv, summary.csv).
//!
//! Facts about these files: in votes.csv 1 = agree, -1 = disagree, 0 = pass;
//! a voter may vote on a comment more than once and the latest vote (by
//! timestamp) counts; `moderated` -1 in comments.csv means moderated out;
//! participants-votes.csv's `group-id` holds Polis's own groups.
//!
//! Variants read: participants-votes.csv with or without `xid` after
//! `participant` (exports since 2021) and with comment columns named `<id>` or
//! `comment-<id>`; comments.csv with or without `is-meta`; votes.csv with
//! `timestamp` or (database dumps) `modified`, in milliseconds or (Polis's
//! current server export) seconds; summary.csv with any keys.

use std::collections::{BTreeMap, BTreeSet, HashMap};
use std::fs::File;
use std::path::{Path, PathBuf};

use crate::analysis::Outcome;
use crate::error::{Error, RowProblem};
use crate::matrix::{Conversation, Vote, VoteMatrix};

/// The columns of participants-votes.csv before one column per statement.
const PARTICIPANTS_VOTES_FIXED: [&str; 6] = [
    "participant",
    "group-id",
    "n-comments",
    "n-votes",
    "n-agree",
    "n-disagree",
];

/// A statement (Polis "comment").
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Comment {
    /// Comment id.
    pub id: String,
    /// Creation time, milliseconds since the Unix epoch.
    pub timestamp: i64,
    /// Creation time as text (kept from the import when present).
    pub datetime: String,
    /// Author's participant id.
    pub author_id: String,
    /// Polis moderation state: -1 moderated out, 0 unmoderated, 1 accepted.
    pub moderated: i8,
    /// The statement text.
    pub body: String,
}

/// One row of votes.csv. Comment and voter are indices into
/// [`PolisExport::comments`] and [`PolisExport::voters`]; the `datetime`
/// column is not kept (it is written from the timestamp, in UTC).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct VoteRecord {
    /// Milliseconds since the Unix epoch.
    pub timestamp: i64,
    /// Index of the comment voted on in `comments`.
    pub comment: u32,
    /// Index of the voter in `voters`.
    pub voter: u32,
    /// The vote.
    pub vote: Vote,
}

/// A Polis export folder in memory.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct PolisExport {
    /// Comments, in file order.
    pub comments: Vec<Comment>,
    /// Voter ids, in order of first appearance in votes.csv.
    pub voters: Vec<String>,
    /// All vote rows, including superseded ones, in file order (exact duplicate rows dropped).
    pub votes: Vec<VoteRecord>,
    /// Polis's groups from participants-votes.csv: participant id → group-id (`None` if blank).
    pub polis_groups: BTreeMap<String, Option<usize>>,
    /// summary.csv as key/value pairs (empty if absent).
    pub summary: Vec<(String, String)>,
    /// Polis's external ids from participants-votes.csv's `xid` column:
    /// participant id → xid (often empty); `None` if the file has no `xid`
    /// column. Written back on export when present.
    pub xids: Option<BTreeMap<String, String>>,
    /// comments.csv's `is-meta` column: ids of the comments marked meta;
    /// `None` if the file has no such column. Written back on export when
    /// present; the analysis does not use it.
    pub meta_comments: Option<BTreeSet<String>>,
    /// Non-fatal findings, e.g. exact duplicate rows, naming file and line.
    pub warnings: Vec<String>,
}

fn io_err(file: &Path, source: std::io::Error) -> Error {
    Error::Io {
        file: file.to_path_buf(),
        source,
    }
}

fn csv_err(file: &Path, e: csv::Error) -> Error {
    let line = e.position().map(|p| p.line()).unwrap_or(0);
    match e.kind() {
        csv::ErrorKind::Io(_) => Error::Io {
            file: file.to_path_buf(),
            source: std::io::Error::other(e.to_string()),
        },
        _ => Error::row(file, line, RowProblem::Malformed(e.to_string())),
    }
}

struct Table {
    file: PathBuf,
    headers: Vec<String>,
    reader: csv::Reader<File>,
}

impl Table {
    fn open(file: &Path) -> Result<Table, Error> {
        let f = File::open(file).map_err(|e| io_err(file, e))?;
        let mut reader = csv::ReaderBuilder::new().has_headers(true).from_reader(f);
        let headers = reader
            .headers()
            .map_err(|e| csv_err(file, e))?
            .iter()
            .map(|h| h.trim().to_string())
            .collect();
        Ok(Table {
            file: file.to_path_buf(),
            headers,
            reader,
        })
    }

    fn col(&self, name: &str) -> Result<usize, Error> {
        self.headers
            .iter()
            .position(|h| h == name)
            .ok_or_else(|| Error::row(&self.file, 1, RowProblem::MissingColumn(name.into())))
    }

    /// Iterate records with their 1-based line numbers.
    fn rows(&mut self) -> impl Iterator<Item = Result<(u64, csv::StringRecord), Error>> + '_ {
        let file = self.file.clone();
        self.reader.records().map(move |r| {
            let r = r.map_err(|e| csv_err(&file, e))?;
            let line = r.position().map(|p| p.line()).unwrap_or(0);
            Ok((line, r))
        })
    }
}

fn field(r: &csv::StringRecord, i: usize) -> &str {
    r.get(i).map(str::trim).unwrap_or("")
}

fn int(file: &Path, line: u64, column: &str, value: &str) -> Result<i64, Error> {
    value.parse::<i64>().map_err(|_| {
        Error::row(
            file,
            line,
            RowProblem::NotANumber {
                column: column.into(),
                value: value.into(),
            },
        )
    })
}

fn parse_vote(file: &Path, line: u64, value: &str) -> Result<Vote, Error> {
    let v = value
        .parse::<f64>()
        .map_err(|_| Error::row(file, line, RowProblem::VoteOutOfRange(value.into())))?;
    if v.fract() != 0.0 {
        return Err(Error::row(
            file,
            line,
            RowProblem::VoteOutOfRange(value.into()),
        ));
    }
    Vote::from_value(v as i64)
        .ok_or_else(|| Error::row(file, line, RowProblem::VoteOutOfRange(value.into())))
}

/// Sort key for ids: numeric ids numerically, others after them by text.
fn id_key(id: &str) -> (u8, u64, &str) {
    match id.parse::<u64>() {
        Ok(n) => (0, n, id),
        Err(_) => (1, 0, id),
    }
}

impl PolisExport {
    /// Read a Polis export folder. comments.csv and votes.csv are required;
    /// participants-votes.csv and summary.csv are read when present. Any bad
    /// row is an error naming file and line; nothing partial is returned.
    pub fn load(dir: &Path) -> Result<PolisExport, Error> {
        let mut out = PolisExport::default();
        out.load_comments(&dir.join("comments.csv"))?;
        out.load_votes(&dir.join("votes.csv"))?;
        out.seconds_to_ms();
        let pv = dir.join("participants-votes.csv");
        if pv.exists() {
            out.load_participants_votes(&pv)?;
        }
        let summary = dir.join("summary.csv");
        if summary.exists() {
            out.load_summary(&summary)?;
        }
        Ok(out)
    }

    /// Polis's current server export writes `timestamp` in seconds, older
    /// exports (and the open data) in milliseconds. A file whose timestamps are
    /// all below 10^11 (1973 in milliseconds, the year 5138 in seconds) is read
    /// as seconds, so that all timestamps are milliseconds from here on.
    fn seconds_to_ms(&mut self) {
        const MS_FLOOR: i64 = 100_000_000_000;
        if self.comments.iter().all(|c| c.timestamp.abs() < MS_FLOOR) {
            for c in &mut self.comments {
                c.timestamp *= 1000;
            }
        }
        if self.votes.iter().all(|v| v.timestamp.abs() < MS_FLOOR) {
            for v in &mut self.votes {
                v.timestamp *= 1000;
            }
        }
    }

    fn load_comments(&mut self, file: &Path) -> Result<(), Error> {
        let mut t = Table::open(file)?;
        let c_ts = t.col("timestamp")?;
        let c_dt = t.col("datetime").ok();
        let c_id = t.col("comment-id")?;
        let c_author = t.col("author-id").ok();
        let c_mod = t.col("moderated")?;
        let c_body = t.col("comment-body").ok();
        let c_meta = t.col("is-meta").ok();
        let mut meta_comments = BTreeSet::new();
        let mut seen: HashMap<String, u64> = HashMap::new();
        let file = t.file.clone();
        for row in t.rows() {
            let (line, r) = row?;
            let id = field(&r, c_id).to_string();
            if id.is_empty() {
                return Err(Error::row(
                    &file,
                    line,
                    RowProblem::Malformed("empty comment-id".into()),
                ));
            }
            if let Some(&first_line) = seen.get(&id) {
                return Err(Error::row(
                    &file,
                    line,
                    RowProblem::Duplicate {
                        what: format!("comment-id {id}"),
                        first_line,
                    },
                ));
            }
            seen.insert(id.clone(), line);
            if let Some(c) = c_meta {
                if flag(&file, line, field(&r, c))? {
                    meta_comments.insert(id.clone());
                }
            }
            let moderated = int(&file, line, "moderated", field(&r, c_mod))?;
            if !(-1..=1).contains(&moderated) {
                return Err(Error::row(
                    &file,
                    line,
                    RowProblem::Malformed(format!("moderated {moderated} outside -1..1")),
                ));
            }
            self.comments.push(Comment {
                id,
                timestamp: int(&file, line, "timestamp", field(&r, c_ts))?,
                datetime: c_dt.map(|c| field(&r, c).to_string()).unwrap_or_default(),
                author_id: c_author
                    .map(|c| field(&r, c).to_string())
                    .unwrap_or_default(),
                moderated: moderated as i8,
                body: c_body
                    .map(|c| r.get(c).unwrap_or("").to_string())
                    .unwrap_or_default(),
            });
        }
        self.meta_comments = c_meta.map(|_| meta_comments);
        Ok(())
    }

    fn load_votes(&mut self, file: &Path) -> Result<(), Error> {
        let known: HashMap<&str, u32> = self
            .comments
            .iter()
            .enumerate()
            .map(|(i, c)| (c.id.as_str(), i as u32))
            .collect();
        let mut t = Table::open(file)?;
        let c_ts = t
            .col("timestamp")
            .or_else(|e| t.col("modified").map_err(|_| e))?;
        let c_cid = t.col("comment-id")?;
        let c_vid = t.col("voter-id")?;
        let c_vote = t.col("vote")?;
        let file = t.file.clone();
        let mut voter_index: HashMap<String, u32> = HashMap::new();
        let mut voters: Vec<String> = Vec::new();
        // (voter, comment, timestamp) → (line, vote)
        let mut seen: HashMap<(u32, u32, i64), (u64, Vote)> = HashMap::new();
        let mut votes = Vec::new();
        let mut warnings = Vec::new();
        for row in t.rows() {
            let (line, r) = row?;
            let comment_id = field(&r, c_cid);
            let Some(&comment) = known.get(comment_id) else {
                return Err(Error::row(
                    &file,
                    line,
                    RowProblem::UnknownComment(comment_id.to_string()),
                ));
            };
            let voter_id = field(&r, c_vid);
            if voter_id.is_empty() {
                return Err(Error::row(
                    &file,
                    line,
                    RowProblem::Malformed("empty voter-id".into()),
                ));
            }
            let timestamp = int(&file, line, "timestamp", field(&r, c_ts))?;
            let vote = parse_vote(&file, line, field(&r, c_vote))?;
            let voter = match voter_index.get(voter_id) {
                Some(&v) => v,
                None => {
                    let v = voters.len() as u32;
                    voter_index.insert(voter_id.to_string(), v);
                    voters.push(voter_id.to_string());
                    v
                }
            };
            let key = (voter, comment, timestamp);
            if let Some(&(first_line, first_vote)) = seen.get(&key) {
                if first_vote != vote {
                    return Err(Error::row(
                        &file,
                        line,
                        RowProblem::Duplicate {
                            what: format!(
                                "voter {voter_id}, comment {comment_id} and timestamp but a different vote"
                            ),
                            first_line,
                        },
                    ));
                }
                warnings.push(format!(
                    "{}:{line}: exact duplicate of line {first_line}, ignored",
                    file.display()
                ));
                continue;
            }
            seen.insert(key, (line, vote));
            votes.push(VoteRecord {
                timestamp,
                comment,
                voter,
                vote,
            });
        }
        self.voters = voters;
        self.votes = votes;
        self.warnings.extend(warnings);
        Ok(())
    }

    fn load_participants_votes(&mut self, file: &Path) -> Result<(), Error> {
        let known: HashMap<&str, ()> = self.comments.iter().map(|c| (c.id.as_str(), ())).collect();
        let mut t = Table::open(file)?;
        let c_p = t.col("participant")?;
        let c_g = t.col("group-id")?;
        let c_xid = t.col("xid").ok();
        let mut vote_cols = Vec::new();
        for (i, h) in t.headers.iter().enumerate() {
            if h == "xid" || PARTICIPANTS_VOTES_FIXED.contains(&h.as_str()) {
                continue;
            }
            // newer exports name the columns `comment-<id>`
            let id = h.strip_prefix("comment-").unwrap_or(h);
            if !known.contains_key(h.as_str()) && !known.contains_key(id) {
                return Err(Error::row(
                    &t.file,
                    1,
                    RowProblem::UnknownComment(h.clone()),
                ));
            }
            vote_cols.push(i);
        }
        let file = t.file.clone();
        let mut first: HashMap<String, u64> = HashMap::new();
        let mut groups = BTreeMap::new();
        let mut xids = BTreeMap::new();
        for row in t.rows() {
            let (line, r) = row?;
            let p = field(&r, c_p).to_string();
            if let Some(&first_line) = first.get(&p) {
                return Err(Error::row(
                    &file,
                    line,
                    RowProblem::Duplicate {
                        what: format!("participant {p}"),
                        first_line,
                    },
                ));
            }
            first.insert(p.clone(), line);
            let g = field(&r, c_g);
            let g = if g.is_empty() {
                None
            } else {
                let v = int(&file, line, "group-id", g)?;
                Some(usize::try_from(v).map_err(|_| {
                    Error::row(
                        &file,
                        line,
                        RowProblem::NotANumber {
                            column: "group-id".into(),
                            value: g.into(),
                        },
                    )
                })?)
            };
            for &c in &vote_cols {
                let v = field(&r, c);
                if !v.is_empty() {
                    parse_vote(&file, line, v)?;
                }
            }
            if let Some(c) = c_xid {
                xids.insert(p.clone(), field(&r, c).to_string());
            }
            groups.insert(p, g);
        }
        self.polis_groups = groups;
        self.xids = c_xid.map(|_| xids);
        Ok(())
    }

    fn load_summary(&mut self, file: &Path) -> Result<(), Error> {
        let f = File::open(file).map_err(|e| io_err(file, e))?;
        let mut reader = csv::ReaderBuilder::new()
            .has_headers(false)
            .flexible(true)
            .from_reader(f);
        for r in reader.records() {
            let r = r.map_err(|e| csv_err(file, e))?;
            let key = r.get(0).unwrap_or("").to_string();
            let value = r.iter().skip(1).collect::<Vec<_>>().join(",");
            self.summary.push((key, value));
        }
        Ok(())
    }

    /// Build the vote matrix: one row per voter (sorted by id), one column
    /// per comment (sorted by id); each voter's latest vote per comment wins
    /// (ties in timestamp: the later row).
    pub fn conversation(&self) -> Result<Conversation, Error> {
        let mut order: Vec<usize> = (0..self.comments.len()).collect();
        order.sort_by(|&a, &b| id_key(&self.comments[a].id).cmp(&id_key(&self.comments[b].id)));
        let mut col = vec![0u32; self.comments.len()];
        for (j, &c) in order.iter().enumerate() {
            col[c] = j as u32;
        }
        let mut per_voter: Vec<Vec<(u32, i64, usize, Vote)>> = vec![Vec::new(); self.voters.len()];
        for (k, v) in self.votes.iter().enumerate() {
            let (Some(&j), Some(list)) = (
                col.get(v.comment as usize),
                per_voter.get_mut(v.voter as usize),
            ) else {
                return Err(Error::Invalid(format!(
                    "vote record {k} refers to an unknown comment or voter"
                )));
            };
            list.push((j, v.timestamp, k, v.vote));
        }
        let mut voter_order: Vec<usize> = (0..self.voters.len()).collect();
        voter_order.sort_by(|&a, &b| id_key(&self.voters[a]).cmp(&id_key(&self.voters[b])));
        let mut mat = VoteMatrix::with_capacity(order.len(), voter_order.len(), self.votes.len());
        let mut row = Vec::new();
        for &v in &voter_order {
            let list = &mut per_voter[v];
            // Sorted by statement, then time, then file order: the last entry
            // of each statement is the latest vote.
            list.sort_unstable_by_key(|e| (e.0, e.1, e.2));
            row.clear();
            for (idx, e) in list.iter().enumerate() {
                if list.get(idx + 1).is_some_and(|n| n.0 == e.0) {
                    continue;
                }
                row.push((e.0, e.3));
            }
            mat.push_row(&mut row)?;
        }
        Conversation::new(
            mat,
            voter_order
                .iter()
                .map(|&v| self.voters[v].clone())
                .collect(),
            order.iter().map(|&c| self.comments[c].id.clone()).collect(),
            order
                .iter()
                .map(|&c| self.comments[c].moderated == -1)
                .collect(),
        )
    }

    /// Write the folder in Polis's CSV format. With an analysis outcome of
    /// `conv` (built by [`PolisExport::conversation`]), `group-id` holds our
    /// groups; otherwise the imported Polis groups are written back.
    pub fn write(
        &self,
        dir: &Path,
        analysis: Option<(&Conversation, &Outcome)>,
    ) -> Result<(), Error> {
        std::fs::create_dir_all(dir).map_err(|e| io_err(dir, e))?;
        for (name, bytes) in self.csv_files(analysis)? {
            let file = dir.join(name);
            std::fs::write(&file, bytes).map_err(|e| io_err(&file, e))?;
        }
        Ok(())
    }

    /// The four files of [`PolisExport::write`] in memory, as
    /// `(file name, content)`: comments.csv, votes.csv,
    /// participants-votes.csv, summary.csv.
    pub fn csv_files(
        &self,
        analysis: Option<(&Conversation, &Outcome)>,
    ) -> Result<Vec<(&'static str, Vec<u8>)>, Error> {
        let dir = Path::new("");
        let mut out: Vec<(&'static str, Vec<u8>)> = Vec::with_capacity(4);
        let conv = self.conversation()?;
        let mut comments: Vec<&Comment> = self.comments.iter().collect();
        comments.sort_by(|a, b| id_key(&a.id).cmp(&id_key(&b.id)));

        // Raw counts include superseded votes, as in Polis's comments.csv.
        let mut raw: HashMap<&str, (u64, u64)> = HashMap::new();
        for v in &self.votes {
            let Some(c) = self.comments.get(v.comment as usize) else {
                continue;
            };
            let e = raw.entry(c.id.as_str()).or_default();
            match v.vote {
                Vote::Agree => e.0 += 1,
                Vote::Disagree => e.1 += 1,
                Vote::Pass => {}
            }
        }
        let file = dir.join("comments.csv");
        let mut w = writer();
        // `is-meta` only when it was imported
        let header_len = if self.meta_comments.is_some() { 9 } else { 8 };
        write_row(
            &file,
            &mut w,
            &[
                "timestamp",
                "datetime",
                "comment-id",
                "author-id",
                "agrees",
                "disagrees",
                "moderated",
                "comment-body",
                "is-meta",
            ][..header_len],
        )?;
        for c in &comments {
            let (a, d) = raw.get(c.id.as_str()).copied().unwrap_or_default();
            let is_meta = self.meta_comments.as_ref().map(|m| m.contains(&c.id));
            write_row(
                &file,
                &mut w,
                &[
                    &c.timestamp.to_string(),
                    &datetime_or(&c.datetime, c.timestamp),
                    &c.id,
                    &c.author_id,
                    &a.to_string(),
                    &d.to_string(),
                    &c.moderated.to_string(),
                    &c.body,
                    &is_meta.unwrap_or_default().to_string(),
                ][..header_len],
            )?;
        }
        out.push(("comments.csv", finish(&file, w)?));

        let file = dir.join("votes.csv");
        let mut w = writer();
        write_row(
            &file,
            &mut w,
            &["timestamp", "datetime", "comment-id", "voter-id", "vote"],
        )?;
        for v in &self.votes {
            let comment = self
                .comments
                .get(v.comment as usize)
                .map(|c| c.id.as_str())
                .unwrap_or("");
            let voter = self
                .voters
                .get(v.voter as usize)
                .map(String::as_str)
                .unwrap_or("");
            write_row(
                &file,
                &mut w,
                &[
                    &v.timestamp.to_string(),
                    &datetime_or("", v.timestamp),
                    comment,
                    voter,
                    &v.vote.value().to_string(),
                ],
            )?;
        }
        out.push(("votes.csv", finish(&file, w)?));

        // Groups: ours if given (and matching), else Polis's.
        let ours: Option<HashMap<&str, usize>> = match analysis {
            Some((c, Outcome::Groups(a))) => Some(
                c.participant_ids
                    .iter()
                    .zip(&a.group_of)
                    .filter_map(|(p, g)| g.map(|g| (p.as_str(), g)))
                    .collect(),
            ),
            Some((_, Outcome::NotEnoughVotes(_))) => Some(HashMap::new()),
            None => None,
        };
        let group_of = |p: &str| -> Option<usize> {
            match &ours {
                Some(m) => m.get(p).copied(),
                None => self.polis_groups.get(p).copied().flatten(),
            }
        };
        let mut authored: HashMap<&str, usize> = HashMap::new();
        for c in &comments {
            *authored.entry(c.author_id.as_str()).or_default() += 1;
        }
        let file = dir.join("participants-votes.csv");
        let mut w = writer();
        let mut header: Vec<String> = PARTICIPANTS_VOTES_FIXED
            .iter()
            .map(|s| s.to_string())
            .collect();
        if self.xids.is_some() {
            header.insert(1, "xid".to_string());
        }
        header.extend(conv.statement_ids.iter().cloned());
        write_row(&file, &mut w, &header)?;
        for (i, p) in conv.participant_ids.iter().enumerate() {
            let (cols, vals) = conv.votes.row(i);
            let mut cells = vec![String::new(); conv.statement_ids.len()];
            for (&c, &v) in cols.iter().zip(vals) {
                cells[c as usize] = v.to_string();
            }
            let mut rec = vec![
                p.clone(),
                group_of(p).map(|g| g.to_string()).unwrap_or_default(),
                authored.get(p.as_str()).copied().unwrap_or(0).to_string(),
                cols.len().to_string(),
                vals.iter().filter(|&&v| v == 1).count().to_string(),
                vals.iter().filter(|&&v| v == -1).count().to_string(),
            ];
            if let Some(xids) = &self.xids {
                rec.insert(1, xids.get(p).cloned().unwrap_or_default());
            }
            rec.extend(cells);
            write_row(&file, &mut w, &rec)?;
        }
        out.push(("participants-votes.csv", finish(&file, w)?));

        let file = dir.join("summary.csv");
        let mut w = csv::WriterBuilder::new()
            .flexible(true)
            .from_writer(Vec::new());
        let in_conv = match analysis {
            Some((_, Outcome::Groups(a))) => a.participants_in_analysis,
            Some((_, Outcome::NotEnoughVotes(n))) => n.participants_in_analysis,
            None => self.polis_groups.values().filter(|g| g.is_some()).count(),
        };
        let n_groups = match analysis {
            Some((_, Outcome::Groups(a))) => a.k,
            Some((_, Outcome::NotEnoughVotes(_))) => 0,
            None => {
                let mut g: Vec<usize> = self.polis_groups.values().flatten().copied().collect();
                g.sort_unstable();
                g.dedup();
                g.len()
            }
        };
        let computed: Vec<(&str, String)> = vec![
            ("voters", conv.participant_ids.len().to_string()),
            ("voters-in-conv", in_conv.to_string()),
            ("commenters", authored.len().to_string()),
            ("comments", comments.len().to_string()),
            ("groups", n_groups.to_string()),
        ];
        let mut rows: Vec<(String, String)> = self.summary.clone();
        for (k, v) in computed {
            match rows.iter_mut().find(|(key, _)| key == k) {
                Some(slot) => slot.1 = v,
                None => rows.push((k.to_string(), v)),
            }
        }
        for (k, v) in rows {
            w.write_record([k.as_str(), v.as_str()])
                .map_err(|e| csv_err(&file, e))?;
        }
        out.push(("summary.csv", finish(&file, w)?));
        Ok(out)
    }
}

fn writer() -> csv::Writer<Vec<u8>> {
    csv::Writer::from_writer(Vec::new())
}

fn write_row<S: AsRef<[u8]>>(
    file: &Path,
    w: &mut csv::Writer<Vec<u8>>,
    rec: &[S],
) -> Result<(), Error> {
    w.write_record(rec).map_err(|e| csv_err(file, e))
}

fn finish(file: &Path, w: csv::Writer<Vec<u8>>) -> Result<Vec<u8>, Error> {
    w.into_inner()
        .map_err(|e| io_err(file, std::io::Error::other(e.to_string())))
}

/// A true/false cell (`is-meta`): true, false, t, f, 1, 0 or empty (false).
fn flag(file: &Path, line: u64, value: &str) -> Result<bool, Error> {
    match value.to_ascii_lowercase().as_str() {
        "true" | "t" | "1" => Ok(true),
        "false" | "f" | "0" | "" => Ok(false),
        _ => Err(Error::row(
            file,
            line,
            RowProblem::Malformed(format!("is-meta `{value}` is not true or false")),
        )),
    }
}

fn datetime_or(existing: &str, ms: i64) -> String {
    if !existing.is_empty() {
        return existing.to_string();
    }
    let fmt = time::macros::format_description!(
        "[weekday repr:short] [month repr:short] [day] [hour]:[minute]:[second] UTC [year]"
    );
    time::OffsetDateTime::from_unix_timestamp_nanos(i128::from(ms) * 1_000_000)
        .ok()
        .and_then(|t| t.format(fmt).ok())
        .unwrap_or_default()
}
