//! Reading and writing Pabulib `.pb` files (META, PROJECTS, VOTES).
//!
//! Ballots are stored compactly: one flat array of project indices (and one of
//! points for cumulative and scoring ballots) with offsets per voter, so memory
//! is proportional to the number of votes.

use std::collections::{HashMap, HashSet};
use std::hash::BuildHasher;
use std::io::Write;
use std::path::Path;

use crate::decimal::{format_scaled, Decimal, DecimalError, MAX_SCALE};
use crate::error::{Error, ParseErrorKind as K, Section, Warning};

/// Ballot type of an election (META `vote_type`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum VoteType {
    Approval,
    Choose1,
    Cumulative,
    Scoring,
    Ordinal,
}

impl VoteType {
    fn parse(s: &str) -> Option<VoteType> {
        Some(match s {
            "approval" => VoteType::Approval,
            "choose-1" => VoteType::Choose1,
            "cumulative" => VoteType::Cumulative,
            "scoring" => VoteType::Scoring,
            "ordinal" => VoteType::Ordinal,
            _ => return None,
        })
    }

    /// Name as in META `vote_type`.
    pub fn as_str(&self) -> &'static str {
        match self {
            VoteType::Approval => "approval",
            VoteType::Choose1 => "choose-1",
            VoteType::Cumulative => "cumulative",
            VoteType::Scoring => "scoring",
            VoteType::Ordinal => "ordinal",
        }
    }

    /// Whether ballots carry points.
    pub fn has_points(&self) -> bool {
        matches!(self, VoteType::Cumulative | VoteType::Scoring)
    }
}

/// One project of the PROJECTS section.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Project {
    /// `project_id` (first column).
    pub id: String,
    /// Cost in units of `10^-money_scale` currency units.
    pub cost: i128,
    /// All columns as read (trimmed), in the order of [`Election::project_header`].
    pub fields: Vec<String>,
}

/// Many short strings in one buffer.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct StrArena {
    buf: String,
    ends: Vec<u32>,
}

impl StrArena {
    pub fn push(&mut self, s: &str) {
        self.buf.push_str(s);
        self.ends.push(self.buf.len() as u32);
    }
    pub fn get(&self, i: usize) -> &str {
        let start = if i == 0 { 0 } else { self.ends[i - 1] as usize };
        &self.buf[start..self.ends[i] as usize]
    }
    pub fn len(&self) -> usize {
        self.ends.len()
    }
    pub fn is_empty(&self) -> bool {
        self.ends.is_empty()
    }
}

/// All ballots: flat arrays with one offset per voter.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Ballots {
    offsets: Vec<u32>,
    items: Vec<u32>,
    points: Vec<i64>,
}

impl Ballots {
    fn new() -> Self {
        Ballots {
            offsets: vec![0],
            items: Vec::new(),
            points: Vec::new(),
        }
    }
    /// Number of ballots (voters), empty ballots included.
    pub fn len(&self) -> usize {
        self.offsets.len() - 1
    }
    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }
    /// Projects (indices) of ballot `i`, in ballot order (ranking order for ordinal ballots).
    pub fn projects(&self, i: usize) -> &[u32] {
        &self.items[self.offsets[i] as usize..self.offsets[i + 1] as usize]
    }
    /// Points of ballot `i` (scaled by `points_scale`), empty unless cumulative or scoring.
    pub fn points(&self, i: usize) -> &[i64] {
        if self.points.is_empty() {
            return &[];
        }
        &self.points[self.offsets[i] as usize..self.offsets[i + 1] as usize]
    }
    /// Total number of (voter, project) entries.
    pub fn num_entries(&self) -> usize {
        self.items.len()
    }
    /// Appends a ballot (`points` empty or as long as `projects`).
    pub fn push(&mut self, projects: &[u32], points: &[i64]) {
        self.items.extend_from_slice(projects);
        self.points.extend_from_slice(points);
        self.offsets.push(self.items.len() as u32);
    }
}

/// A participatory-budgeting election read from a `.pb` file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Election {
    /// META key/value pairs in file order.
    pub meta: Vec<(String, String)>,
    pub vote_type: VoteType,
    /// Number of decimal places of all money amounts (budget, costs).
    pub money_scale: u32,
    /// Budget limit in units of `10^-money_scale`.
    pub budget: i128,
    pub project_header: Vec<String>,
    pub projects: Vec<Project>,
    /// Number of decimal places of all points.
    pub points_scale: u32,
    pub vote_header: Vec<String>,
    pub ballots: Ballots,
    pub voter_ids: StrArena,
    /// Other VOTES columns (age, sex, ...): (header index, values).
    pub voter_extra: Vec<(usize, StrArena)>,
}

fn num_err(
    section: Section,
    line: u64,
    field: &'static str,
    value: &str,
    e: DecimalError,
) -> Error {
    let value = value.to_string();
    Error::parse(
        section,
        line,
        match e {
            DecimalError::NotANumber => K::NotANumber { field, value },
            DecimalError::TooPrecise => K::TooPrecise { field, value },
            DecimalError::TooLarge => K::TooLarge { field, value },
        },
    )
}

impl Election {
    /// Reads a `.pb` file as pabutools does (see [`Election::parse`]).
    pub fn from_path(path: impl AsRef<Path>) -> Result<Election, Error> {
        Ok(Election::from_path_with(path, false)?.0)
    }

    /// Reads a `.pb` file; returns the votes read differently from how they are
    /// written, or with `strict` refuses them (see [`Election::parse_with`]).
    pub fn from_path_with(
        path: impl AsRef<Path>,
        strict: bool,
    ) -> Result<(Election, Vec<Warning>), Error> {
        let path = path.as_ref();
        let bytes = std::fs::read(path).map_err(|source| Error::Read {
            path: path.display().to_string(),
            source,
        })?;
        Election::parse_with(&bytes, strict)
    }

    /// Parses the contents of a `.pb` file (UTF-8, optional BOM, CRLF or LF) as
    /// pabutools 1.2.3 does: a project named twice in one vote counts once
    /// (see [`Warning`]); the warnings are dropped.
    pub fn parse(bytes: &[u8]) -> Result<Election, Error> {
        Ok(Election::parse_with(bytes, false)?.0)
    }

    /// Parses a `.pb` file and returns a [`Warning`] for every vote that names a
    /// project more than once; with `strict` such a vote is an error
    /// ([`ParseErrorKind::DuplicateProjectInVote`](crate::ParseErrorKind)).
    pub fn parse_with(bytes: &[u8], strict: bool) -> Result<(Election, Vec<Warning>), Error> {
        let bytes = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes);
        let mut rdr = csv::ReaderBuilder::new()
            .delimiter(b';')
            .has_headers(false)
            .flexible(true)
            .from_reader(bytes);
        let mut rec = csv::StringRecord::new();
        let mut section = Section::Preamble;
        let mut seen = [false; 3];
        let mut header: Option<Vec<String>> = None;
        let mut meta: Vec<(String, String)> = Vec::new();
        let mut meta_line = 0u64;
        let mut meta_lines: Vec<u64> = Vec::new();
        let mut project_header: Vec<String> = Vec::new();
        let mut raw_costs: Vec<(Decimal, u64)> = Vec::new();
        let mut projects: Vec<Project> = Vec::new();
        let mut project_index: HashMap<String, u32> = HashMap::new();
        let mut vote_header: Vec<String> = Vec::new();
        let mut vote_cols = (0usize, usize::MAX, usize::MAX);
        let mut vote_type: Option<VoteType> = None;
        let mut ballots = Ballots::new();
        let mut points_scale = 0u32;
        let mut voter_ids = StrArena::default();
        let mut voter_extra: Vec<(usize, StrArena)> = Vec::new();
        // voter id hash -> first voter with it (ids are compared on collision)
        let mut voter_seen: HashMap<u64, u32> = HashMap::new();
        let mut voter_seen_slow: HashSet<String> = HashSet::new();
        let hasher = std::collections::hash_map::RandomState::new();
        let mut cur_items: Vec<u32> = Vec::new();
        let mut cur_points: Vec<i64> = Vec::new();
        // (position of a repeated project in the vote, position of its first occurrence)
        let mut cur_repeats: Vec<(usize, usize)> = Vec::new();
        let mut warnings: Vec<Warning> = Vec::new();
        let mut last_line = 1u64;
        let mut lines = LineCounter::new(bytes);

        loop {
            match rdr.read_record(&mut rec) {
                Ok(true) => {}
                Ok(false) => break,
                Err(e) => {
                    let line = e
                        .position()
                        .map(|p| lines.line_of(p.byte() as usize))
                        .unwrap_or(last_line);
                    return Err(Error::parse(section, line, K::Csv(e.to_string())));
                }
            }
            let line = match rec.position() {
                Some(p) => lines.line_of(p.byte() as usize),
                None => last_line,
            };
            last_line = line;
            if rec.is_empty() || (rec.len() == 1 && rec[0].trim().is_empty()) {
                continue;
            }
            let first = rec[0].trim();
            let new_section = if first.eq_ignore_ascii_case("meta") {
                Some((Section::Meta, 0, "META"))
            } else if first.eq_ignore_ascii_case("projects") {
                Some((Section::Projects, 1, "PROJECTS"))
            } else if first.eq_ignore_ascii_case("votes") {
                Some((Section::Votes, 2, "VOTES"))
            } else {
                None
            };
            if let Some((s, i, name)) = new_section {
                if seen[i] {
                    return Err(Error::parse(s, line, K::DuplicateSection(name)));
                }
                if s == Section::Votes {
                    // vote type must be known before reading votes
                    let vt = meta_value(&meta, "vote_type").ok_or_else(|| {
                        Error::parse(Section::Meta, meta_line, K::MissingVoteType)
                    })?;
                    vote_type = Some(VoteType::parse(vt).ok_or_else(|| {
                        Error::parse(Section::Meta, meta_line, K::UnknownVoteType(vt.to_string()))
                    })?);
                }
                if s == Section::Meta {
                    meta_line = line;
                }
                seen[i] = true;
                section = s;
                header = None;
                continue;
            }
            let Some(h) = &header else {
                if section == Section::Preamble {
                    return Err(Error::parse(section, line, K::RowOutsideSection));
                }
                let mut h: Vec<String> = rec.iter().map(|f| f.trim().to_string()).collect();
                match section {
                    Section::Projects => {
                        if !h.iter().any(|c| c == "cost") {
                            return Err(Error::parse(section, line, K::MissingColumn("cost")));
                        }
                        project_header = h.clone();
                    }
                    Section::Votes => {
                        let vote = h
                            .iter()
                            .position(|c| c == "vote")
                            .ok_or_else(|| Error::parse(section, line, K::MissingColumn("vote")))?;
                        let id = h.iter().position(|c| c == "voter_id").unwrap_or(0);
                        // ordinal and approval files may have a `points` column too: pabutools
                        // ignores it, we keep it as an extra column
                        let with_points = vote_type.is_some_and(|v| v.has_points());
                        let points = h
                            .iter()
                            .position(|c| c == "points" && with_points)
                            .unwrap_or(usize::MAX);
                        if with_points && points == usize::MAX {
                            return Err(Error::parse(section, line, K::MissingColumn("points")));
                        }
                        // Without a `voter_id` column the first column holds the ids; it
                        // is named so in what we write, and cannot be the ballot itself.
                        if h.get(id).is_some_and(|c| c != "voter_id") {
                            if id == vote || id == points {
                                return Err(Error::parse(
                                    section,
                                    line,
                                    K::MissingColumn("voter_id"),
                                ));
                            }
                            h[id] = "voter_id".to_string();
                        }
                        vote_cols = (id, vote, points);
                        voter_extra = (0..h.len())
                            .filter(|&i| i != id && i != vote && i != points)
                            .map(|i| (i, StrArena::default()))
                            .collect();
                        vote_header = h.clone();
                    }
                    _ => {}
                }
                header = Some(h);
                continue;
            };
            if rec.len() > h.len() {
                return Err(Error::parse(
                    section,
                    line,
                    K::WrongFieldCount {
                        expected: h.len(),
                        found: rec.len(),
                    },
                ));
            }
            match section {
                Section::Preamble => return Err(Error::parse(section, line, K::RowOutsideSection)),
                Section::Meta => {
                    if rec.len() < 2 {
                        return Err(Error::parse(section, line, K::MetaRowTooShort));
                    }
                    meta.push((first.to_string(), rec[1].trim().to_string()));
                    meta_lines.push(line);
                }
                Section::Projects => {
                    let fields: Vec<String> = (0..h.len())
                        .map(|i| rec.get(i).unwrap_or("").trim().to_string())
                        .collect();
                    let id = fields[0].clone();
                    if id.is_empty() {
                        return Err(Error::parse(section, line, K::EmptyProjectId));
                    }
                    let ci = h.iter().position(|c| c == "cost").unwrap_or(1);
                    let cost_s = &fields[ci];
                    let cost = Decimal::parse(cost_s)
                        .map_err(|e| num_err(section, line, "cost", cost_s, e))?;
                    if cost.mantissa < 0 {
                        return Err(Error::parse(
                            section,
                            line,
                            K::Negative {
                                field: "cost",
                                value: cost_s.clone(),
                            },
                        ));
                    }
                    if project_index
                        .insert(id.clone(), projects.len() as u32)
                        .is_some()
                    {
                        return Err(Error::parse(section, line, K::DuplicateProjectId(id)));
                    }
                    raw_costs.push((cost, line));
                    projects.push(Project {
                        id,
                        cost: 0,
                        fields,
                    });
                }
                Section::Votes => {
                    let vt = vote_type.unwrap_or(VoteType::Approval);
                    let (idc, vc, pc) = vote_cols;
                    let id = rec.get(idc).unwrap_or("").trim();
                    let h = hasher.hash_one(id);
                    let index = voter_ids.len() as u32;
                    let duplicate = match voter_seen.entry(h) {
                        std::collections::hash_map::Entry::Vacant(v) => {
                            v.insert(index);
                            false
                        }
                        std::collections::hash_map::Entry::Occupied(o) => {
                            voter_ids.get(*o.get() as usize) == id
                                || !voter_seen_slow.insert(id.to_string())
                        }
                    };
                    if duplicate {
                        return Err(Error::parse(
                            section,
                            line,
                            K::DuplicateVoterId(id.to_string()),
                        ));
                    }
                    cur_items.clear();
                    cur_points.clear();
                    cur_repeats.clear();
                    let vote = rec.get(vc).unwrap_or("").trim();
                    for name in vote.split(',') {
                        let name = name.trim();
                        if name.is_empty() {
                            continue;
                        }
                        let Some(&p) = project_index.get(name) else {
                            return Err(Error::parse(
                                section,
                                line,
                                K::UnknownProject(name.to_string()),
                            ));
                        };
                        if let Some(first) = cur_items.iter().position(|&q| q == p) {
                            if strict {
                                return Err(Error::parse(
                                    section,
                                    line,
                                    K::DuplicateProjectInVote(name.to_string()),
                                ));
                            }
                            cur_repeats.push((cur_items.len(), first));
                            // one warning per vote and project, however often it is repeated
                            if !warnings
                                .iter()
                                .rev()
                                .take_while(|w| w.line == line)
                                .any(|w| w.project == name)
                            {
                                warnings.push(Warning {
                                    line,
                                    voter: id.to_string(),
                                    project: name.to_string(),
                                });
                            }
                        }
                        cur_items.push(p);
                    }
                    if vt.has_points() {
                        let pts = rec.get(pc).unwrap_or("").trim();
                        for v in pts.split(',') {
                            let v = v.trim();
                            if v.is_empty() {
                                continue;
                            }
                            let d = Decimal::parse(v)
                                .map_err(|e| num_err(section, line, "points", v, e))?;
                            if d.mantissa < 0 {
                                return Err(Error::parse(
                                    section,
                                    line,
                                    K::Negative {
                                        field: "points",
                                        value: v.to_string(),
                                    },
                                ));
                            }
                            if d.scale > points_scale {
                                let f = 10i64.pow(d.scale - points_scale);
                                for x in ballots.points.iter_mut() {
                                    *x = x.saturating_mul(f);
                                }
                                for x in cur_points.iter_mut() {
                                    *x = x.saturating_mul(f);
                                }
                                points_scale = d.scale;
                            }
                            let scaled = i64::try_from(d.scaled(points_scale)).map_err(|_| {
                                num_err(section, line, "points", v, DecimalError::TooLarge)
                            })?;
                            cur_points.push(scaled);
                        }
                        if cur_points.len() != cur_items.len() {
                            return Err(Error::parse(
                                section,
                                line,
                                K::PointsMismatch {
                                    votes: cur_items.len(),
                                    points: cur_points.len(),
                                },
                            ));
                        }
                    }
                    drop_repeats(&mut cur_items, &mut cur_points, &cur_repeats);
                    ballots.push(&cur_items, &cur_points);
                    voter_ids.push(id);
                    for (col, arena) in voter_extra.iter_mut() {
                        arena.push(rec.get(*col).unwrap_or("").trim());
                    }
                }
            }
        }
        for (i, name) in [(0, "META"), (1, "PROJECTS"), (2, "VOTES")] {
            if !seen[i] {
                return Err(Error::parse(
                    Section::Preamble,
                    last_line,
                    K::MissingSection(name),
                ));
            }
        }
        let budget_s = meta_value(&meta, "budget")
            .ok_or_else(|| Error::parse(Section::Meta, meta_line, K::MissingBudget))?;
        let budget_line = meta
            .iter()
            .position(|(k, _)| k == "budget")
            .and_then(|i| meta_lines.get(i).copied())
            .unwrap_or(meta_line);
        let budget = Decimal::parse(budget_s)
            .map_err(|e| num_err(Section::Meta, budget_line, "budget", budget_s, e))?;
        if budget.mantissa < 0 {
            return Err(Error::parse(
                Section::Meta,
                budget_line,
                K::Negative {
                    field: "budget",
                    value: budget_s.to_string(),
                },
            ));
        }
        let vote_type = match vote_type {
            Some(v) => v,
            None => return Err(Error::parse(Section::Meta, meta_line, K::MissingVoteType)),
        };
        let money_scale = raw_costs
            .iter()
            .map(|(d, _)| d.scale)
            .chain(std::iter::once(budget.scale))
            .max()
            .unwrap_or(0)
            .min(MAX_SCALE);
        for (p, (d, _)) in projects.iter_mut().zip(&raw_costs) {
            p.cost = d.scaled(money_scale);
        }
        let election = Election {
            meta,
            vote_type,
            money_scale,
            budget: budget.scaled(money_scale),
            project_header,
            projects,
            points_scale,
            vote_header,
            ballots,
            voter_ids,
            voter_extra,
        };
        Ok((election, warnings))
    }

    /// A META value.
    pub fn meta(&self, key: &str) -> Option<&str> {
        meta_value(&self.meta, key)
    }

    /// Number of voters (ballots), empty ballots included.
    pub fn num_voters(&self) -> usize {
        self.ballots.len()
    }

    /// Formats an amount given in units of `10^-money_scale`.
    pub fn format_money(&self, v: i128) -> String {
        format_scaled(v, self.money_scale)
    }

    /// Index of a project id.
    pub fn project_index(&self, id: &str) -> Option<usize> {
        self.projects.iter().position(|p| p.id == id)
    }

    /// Value of a PROJECTS column for project `i`.
    pub fn project_field(&self, i: usize, column: &str) -> Option<&str> {
        let c = self.project_header.iter().position(|h| h == column)?;
        self.projects.get(i)?.fields.get(c).map(|s| s.as_str())
    }

    /// Writes the election as a `.pb` file (LF line endings, `;` separated, CSV quoting).
    pub fn write(&self, out: impl Write) -> Result<(), Error> {
        let mut w = csv::WriterBuilder::new()
            .delimiter(b';')
            .flexible(true)
            .quote_style(csv::QuoteStyle::Necessary)
            .from_writer(out);
        w.write_record(["META"])?;
        w.write_record(["key", "value"])?;
        for (k, v) in &self.meta {
            w.write_record([k, v])?;
        }
        w.write_record(["PROJECTS"])?;
        w.write_record(&self.project_header)?;
        let cost_col = self.project_header.iter().position(|c| c == "cost");
        for p in &self.projects {
            let mut fields = p.fields.clone();
            if let Some(c) = cost_col {
                fields[c] = self.format_money(p.cost);
            }
            if let Some(f) = fields.first_mut() {
                f.clone_from(&p.id);
            }
            w.write_record(&fields)?;
        }
        w.write_record(["VOTES"])?;
        let header: Vec<String> = if self.vote_header.is_empty() {
            let mut h = vec!["voter_id".to_string(), "vote".to_string()];
            if self.vote_type.has_points() {
                h.push("points".to_string());
            }
            h
        } else {
            self.vote_header.clone()
        };
        w.write_record(&header)?;
        let mut row: Vec<String> = vec![String::new(); header.len()];
        for v in 0..self.num_voters() {
            for (i, col) in header.iter().enumerate() {
                row[i] = match col.as_str() {
                    "voter_id" => self.voter_ids.get(v).to_string(),
                    "vote" => join(
                        self.ballots
                            .projects(v)
                            .iter()
                            .map(|&p| self.projects[p as usize].id.as_str()),
                    ),
                    "points" if self.vote_type.has_points() => join(
                        self.ballots
                            .points(v)
                            .iter()
                            .map(|&x| format_scaled(i128::from(x), self.points_scale)),
                    ),
                    _ => self
                        .voter_extra
                        .iter()
                        .find(|(c, _)| *c == i)
                        .map(|(_, a)| a.get(v).to_string())
                        .unwrap_or_default(),
                };
            }
            w.write_record(&row)?;
        }
        w.flush()?;
        Ok(())
    }

    /// Builds an election from parts (e.g. for exporting ballots collected by the platform).
    ///
    /// `costs` and `budget` are in units of `10^-money_scale`; `ballots` hold project indices and
    /// (cumulative/scoring only) points scaled by `10^points_scale`.
    #[allow(clippy::too_many_arguments)]
    pub fn from_parts(
        meta: Vec<(String, String)>,
        vote_type: VoteType,
        money_scale: u32,
        budget: i128,
        projects: Vec<(String, i128)>,
        points_scale: u32,
        ballots: &[(String, Vec<u32>, Vec<i64>)],
    ) -> Result<Election, Error> {
        let mut b = Ballots::new();
        let mut ids = StrArena::default();
        for (id, items, pts) in ballots {
            if items.iter().any(|&p| p as usize >= projects.len())
                || (vote_type.has_points() && pts.len() != items.len())
            {
                return Err(Error::Unsupported(format!("invalid ballot of voter {id}")));
            }
            b.push(items, if vote_type.has_points() { pts } else { &[] });
            ids.push(id);
        }
        let mut meta = meta;
        if !meta.iter().any(|(k, _)| k == "vote_type") {
            meta.push(("vote_type".into(), vote_type.as_str().into()));
        }
        if !meta.iter().any(|(k, _)| k == "budget") {
            meta.push(("budget".into(), format_scaled(budget, money_scale)));
        }
        Ok(Election {
            meta,
            vote_type,
            money_scale,
            budget,
            project_header: vec!["project_id".into(), "cost".into()],
            projects: projects
                .into_iter()
                .map(|(id, cost)| Project {
                    fields: vec![id.clone(), format_scaled(cost, money_scale)],
                    id,
                    cost,
                })
                .collect(),
            points_scale,
            vote_header: Vec::new(),
            ballots: b,
            voter_ids: ids,
            voter_extra: Vec::new(),
        })
    }
}

/// Reads a vote that names projects more than once as pabutools 1.2.3 does (its
/// ballots are dicts/sets): each project stays at its first position; points
/// (cumulative, scoring) are those of its last occurrence. `repeats` holds
/// (position of a repetition, position of the first occurrence), ascending.
fn drop_repeats(items: &mut Vec<u32>, points: &mut Vec<i64>, repeats: &[(usize, usize)]) {
    if !points.is_empty() {
        for &(at, first) in repeats {
            points[first] = points[at];
        }
    }
    for &(at, _) in repeats.iter().rev() {
        items.remove(at);
        if !points.is_empty() {
            points.remove(at);
        }
    }
}

/// Line numbers (1-based) from byte offsets, counted incrementally.
struct LineCounter<'a> {
    bytes: &'a [u8],
    pos: usize,
    line: u64,
}

impl<'a> LineCounter<'a> {
    fn new(bytes: &'a [u8]) -> Self {
        LineCounter {
            bytes,
            pos: 0,
            line: 1,
        }
    }

    fn line_of(&mut self, mut offset: usize) -> u64 {
        // a record may be reported as starting at the `\n` of the previous CRLF
        while offset < self.bytes.len()
            && (self.bytes[offset] == b'\n' || self.bytes[offset] == b'\r')
        {
            offset += 1;
        }
        let offset = offset.min(self.bytes.len());
        if offset < self.pos {
            self.pos = 0;
            self.line = 1;
        }
        self.line += self.bytes[self.pos..offset]
            .iter()
            .filter(|&&b| b == b'\n')
            .count() as u64;
        self.pos = offset;
        self.line
    }
}

fn join<S: AsRef<str>>(it: impl Iterator<Item = S>) -> String {
    let mut s = String::new();
    for (i, x) in it.enumerate() {
        if i > 0 {
            s.push(',');
        }
        s.push_str(x.as_ref());
    }
    s
}

fn meta_value<'a>(meta: &'a [(String, String)], key: &str) -> Option<&'a str> {
    meta.iter().find(|(k, _)| k == key).map(|(_, v)| v.as_str())
}
