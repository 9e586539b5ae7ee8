//! Opinion maps (issue #4): statements, votes, moderation, paper
//! questionnaires, the background analysis and the Polis import/export.
//!
//! Votes are deliberately not written to the public audit log: the log names
//! actors by pseudonym, and a pseudonym that also authored a public proposal
//! would reveal how that person voted. Settings, statements, moderation,
//! paper questionnaires and imports are audited.

use crate::audit::{actor_label, append};
use crate::processes::Process;
use crate::{params, Result, Store, StoreError, Tenant, Tx};
use serde::{Deserialize, Serialize};
use std::collections::HashMap;
use teilhabe_domain::audit::AuditEvent;
use teilhabe_domain::opinion::{
    validate_statement, Moderation, OpinionSettings, OpinionVote, StatementState, Voters,
};
use teilhabe_domain::permission::{decide, Action, Target};
use teilhabe_domain::process::ProcessFacts;
use teilhabe_domain::{Actor, FieldErrors};
use teilhabe_opinion::polis::{Comment as PolisComment, VoteRecord};
use teilhabe_opinion::{analyze, Outcome, PolisExport, Settings, Vote};

/// How a participant is recognised: an account, or (for visitors, when the
/// map lets anyone vote) a random browser id kept in a cookie. Only its
/// SHA-256 is stored.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum VoterId {
    User(i64),
    Browser(String),
}

impl VoterId {
    fn column(&self) -> (&'static str, crate::P) {
        match self {
            VoterId::User(id) => ("user_id", (*id).into()),
            VoterId::Browser(token) => ("browser_key", crate::token_hash(token).into()),
        }
    }
}

/// An opinion map's settings and counters.
#[derive(Debug, Clone, Serialize)]
pub struct OpinionMap {
    pub process_id: i64,
    /// False until staff save settings or add a statement.
    pub exists: bool,
    pub settings: OpinionSettings,
    pub revision: i64,
    pub vote_count: i64,
    pub participant_count: i64,
}

impl OpinionMap {
    pub fn target<'a>(&'a self, facts: &'a ProcessFacts) -> Target<'a> {
        Target::OpinionMap {
            process: facts,
            settings: &self.settings,
        }
    }
}

#[derive(Debug, Clone, Serialize)]
pub struct Statement {
    pub id: i64,
    pub external_id: Option<String>,
    pub body: String,
    /// seed (staff), participant, import
    pub origin: String,
    pub state: StatementState,
    pub agree_count: i64,
    pub disagree_count: i64,
    pub pass_count: i64,
    pub created_at: i64,
    /// The viewing participant's vote, where asked for.
    pub my_vote: Option<OpinionVote>,
}

impl Statement {
    pub fn votes(&self) -> i64 {
        self.agree_count + self.disagree_count + self.pass_count
    }
}

/// What the voting page needs: the statements shown to voters with this
/// participant's votes, and which one to show next.
#[derive(Debug, Clone, Serialize)]
pub struct Ballot {
    pub participant_id: Option<i64>,
    pub statements: Vec<Statement>,
    pub total: usize,
    pub voted: usize,
    /// The next statement without a vote (fewest votes first, so new
    /// statements catch up), or `None` when all are voted on.
    pub next: Option<Statement>,
}

/// The stored analysis of a map (see [`AnalysisResult`]), with the latest
/// failure if the last run failed.
#[derive(Debug, Clone, Serialize)]
pub struct StoredResult {
    pub revision: i64,
    pub votes_covered: i64,
    pub computed_at: Option<i64>,
    pub result: Option<AnalysisResult>,
    pub error: Option<String>,
    pub error_at: Option<i64>,
    /// The map revision the failed run looked at.
    pub error_revision: Option<i64>,
}

impl StoredResult {
    /// Whether a newer analysis is still to come for a map at `revision`
    /// (false after a failed run at that revision: it is retried only
    /// after the next change).
    pub fn pending(&self, revision: i64) -> bool {
        self.revision < revision && self.error_revision.is_none_or(|e| e < revision)
    }
}

/// The analysis as stored: participants by database id, statements by
/// database id, shares as fractions 0..1.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
pub struct AnalysisResult {
    /// False: not enough votes yet to find groups (see `participants_required`).
    pub grouped: bool,
    pub participants_in_analysis: usize,
    pub participants_required: usize,
    pub votes_covered: usize,
    pub k: usize,
    /// Every participant with a position: (participant id, x, y, group).
    pub points: Vec<(i64, f64, f64, Option<usize>)>,
    pub groups: Vec<GroupResult>,
    pub consensus: Vec<SharedStatement>,
    pub divisive: Vec<DivisiveStatement>,
}

#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
pub struct Shares {
    pub agree: f64,
    pub disagree: f64,
    pub pass: f64,
    pub votes: u64,
}

impl From<teilhabe_opinion::repness::Shares> for Shares {
    fn from(s: teilhabe_opinion::repness::Shares) -> Self {
        Shares {
            agree: finite(s.agree),
            disagree: finite(s.disagree),
            pass: finite(s.pass),
            votes: s.votes,
        }
    }
}

fn finite(x: f64) -> f64 {
    if x.is_finite() {
        x
    } else {
        0.0
    }
}

#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
pub struct GroupResult {
    pub id: usize,
    pub size: usize,
    pub representative: Vec<RepresentativeStatement>,
}

#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
pub struct RepresentativeStatement {
    pub statement_id: i64,
    /// "agree" or "disagree": how the group stands out.
    pub direction: String,
    pub inside: Shares,
    pub outside: Shares,
}

#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
pub struct SharedStatement {
    pub statement_id: i64,
    pub direction: String,
    /// Shares per group.
    pub groups: Vec<Shares>,
}

#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
pub struct DivisiveStatement {
    pub statement_id: i64,
    pub agreeing_group: usize,
    pub disagreeing_group: usize,
    pub groups: Vec<Shares>,
}

/// Votes per day (UTC), for "participation over time".
#[derive(Debug, Clone, Serialize)]
pub struct DayCount {
    /// Start of the day, ms since the epoch.
    pub day: i64,
    pub votes: i64,
    pub participants: i64,
}

/// What an import wrote.
#[derive(Debug, Clone, Serialize)]
pub struct ImportSummary {
    pub statements: usize,
    pub participants: usize,
    pub votes: usize,
    pub superseded_votes: usize,
}

/// The settings of every analysis run, so the stored result, the export
/// and the CLI agree.
pub fn analysis_settings() -> Settings {
    Settings::default()
}

const DAY_MS: i64 = 86_400_000;
const MAP_COLS: &str =
    "process_id, voters, participant_statements, moderation, revision, vote_count, participant_count";
const STATEMENT_COLS: &str = "s.id, s.external_id, s.body, s.origin, s.state, s.agree_count, s.disagree_count, s.pass_count, s.created_at";

fn map_from(r: &crate::Row) -> Result<OpinionMap> {
    Ok(OpinionMap {
        process_id: r.i64("process_id")?,
        exists: true,
        settings: OpinionSettings {
            voters: Voters::parse(&r.str("voters")?).unwrap_or(Voters::Citizens),
            participant_statements: r.bool("participant_statements")?,
            moderation: Moderation::parse(&r.str("moderation")?).unwrap_or(Moderation::Pre),
        },
        revision: r.i64("revision")?,
        vote_count: r.i64("vote_count")?,
        participant_count: r.i64("participant_count")?,
    })
}

fn statement_from(r: &crate::Row) -> Result<Statement> {
    Ok(Statement {
        id: r.i64("id")?,
        external_id: r.opt_str("external_id")?,
        body: r.str("body")?,
        origin: r.str("origin")?,
        state: StatementState::parse(&r.str("state")?).unwrap_or(StatementState::Pending),
        agree_count: r.i64("agree_count")?,
        disagree_count: r.i64("disagree_count")?,
        pass_count: r.i64("pass_count")?,
        created_at: r.i64("created_at")?,
        my_vote: None,
    })
}

fn vote_column(v: OpinionVote) -> &'static str {
    match v {
        OpinionVote::Agree => "agree_count",
        OpinionVote::Disagree => "disagree_count",
        OpinionVote::Pass => "pass_count",
    }
}

fn shown_states(m: Moderation) -> &'static str {
    match m {
        Moderation::Pre => "('accepted')",
        Moderation::Post => "('accepted', 'pending')",
    }
}

impl Store {
    /// A process's opinion map (default settings if staff have not set one up).
    pub async fn opinion_map(&self, tenant: &Tenant, process_id: i64) -> Result<OpinionMap> {
        let r = self
            .db
            .opt(
                &format!("SELECT {MAP_COLS} FROM opinion_maps WHERE municipality_id = $1 AND process_id = $2"),
                params![tenant.id, process_id],
            )
            .await?;
        match r {
            Some(r) => map_from(&r),
            None => Ok(OpinionMap {
                process_id,
                exists: false,
                settings: OpinionSettings::default(),
                revision: 0,
                vote_count: 0,
                participant_count: 0,
            }),
        }
    }

    /// The process (visible to the actor) and its opinion map.
    pub async fn process_opinion_map(
        &self,
        tenant: &Tenant,
        actor: &Actor,
        slug: &str,
    ) -> Result<(Process, OpinionMap)> {
        let process = self.processes().get(tenant, actor, slug).await?;
        let map = self.opinion_map(tenant, process.id).await?;
        Ok((process, map))
    }

    /// Creates the map row with default settings if it is missing.
    async fn ensure_map(tx: &mut Tx, tenant: &Tenant, process_id: i64, now: i64) -> Result<()> {
        let d = OpinionSettings::default();
        tx.exec(
            "INSERT INTO opinion_maps (process_id, municipality_id, voters, participant_statements, moderation, created_at, updated_at) VALUES ($1, $2, $3, $4, $5, $6, $6) ON CONFLICT (process_id) DO NOTHING",
            params![process_id, tenant.id, d.voters.as_str(), d.participant_statements, d.moderation.as_str(), now],
        )
        .await?;
        Ok(())
    }

    /// Staff save who may vote, whether participants add statements, and
    /// the moderation mode.
    pub async fn save_opinion_settings(
        &self,
        tenant: &Tenant,
        actor: &Actor,
        slug: &str,
        settings: &OpinionSettings,
    ) -> Result<()> {
        let (process, map) = self.process_opinion_map(tenant, actor, slug).await?;
        let facts = process.facts();
        decide(actor, Action::ManageOpinionMap, &map.target(&facts))?;
        let now = self.now();
        let mut tx = self.db.begin().await?;
        Self::ensure_map(&mut tx, tenant, process.id, now).await?;
        tx.exec(
            "UPDATE opinion_maps SET voters = $1, participant_statements = $2, moderation = $3, revision = revision + 1, updated_at = $4 WHERE process_id = $5",
            params![settings.voters.as_str(), settings.participant_statements, settings.moderation.as_str(), now, process.id],
        )
        .await?;
        append(
            &mut tx,
            tenant,
            now,
            AuditEvent::new(
                actor_label(tenant, actor.user_id),
                "opinion.settings_changed",
                format!("process:{}", process.id),
                serde_json::json!({"voters": settings.voters.as_str(), "participant_statements": settings.participant_statements, "moderation": settings.moderation.as_str()}),
            ),
        )
        .await?;
        tx.commit().await?;
        Ok(())
    }

    /// Staff write a seed statement; it is accepted at once.
    pub async fn add_seed_statement(
        &self,
        tenant: &Tenant,
        actor: &Actor,
        slug: &str,
        body: &str,
    ) -> Result<i64> {
        let (process, map) = self.process_opinion_map(tenant, actor, slug).await?;
        let facts = process.facts();
        decide(actor, Action::ManageOpinionMap, &map.target(&facts))?;
        validate_statement(body)?;
        let now = self.now();
        let mut tx = self.db.begin().await?;
        Self::ensure_map(&mut tx, tenant, process.id, now).await?;
        let id = tx
            .insert(
                "INSERT INTO opinion_statements (municipality_id, process_id, body, origin, author_user_id, state, created_at, moderated_at, moderated_by) VALUES ($1, $2, $3, 'seed', $4, 'accepted', $5, $5, $4) RETURNING id",
                params![tenant.id, process.id, body.trim(), actor.user_id, now],
            )
            .await?;
        Self::bump(&mut tx, process.id, now).await?;
        append(
            &mut tx,
            tenant,
            now,
            AuditEvent::new(
                actor_label(tenant, actor.user_id),
                "opinion.statement_added",
                format!("opinion_statement:{id}"),
                serde_json::json!({"process": process.id, "origin": "seed", "body": body.trim()}),
            ),
        )
        .await?;
        tx.commit().await?;
        Ok(id)
    }

    async fn bump(tx: &mut Tx, process_id: i64, now: i64) -> Result<()> {
        tx.exec(
            "UPDATE opinion_maps SET revision = revision + 1, last_change_at = $1 WHERE process_id = $2",
            params![now, process_id],
        )
        .await?;
        Ok(())
    }

    /// The participant row of a voter, created on first use. Concurrent
    /// first votes of one person meet at the unique index.
    pub(crate) async fn participant(
        tx: &mut Tx,
        municipality_id: i64,
        process_id: i64,
        voter: &VoterId,
        now: i64,
    ) -> Result<i64> {
        let (col, key) = voter.column();
        let sql =
            format!("SELECT id FROM opinion_participants WHERE process_id = $1 AND {col} = $2");
        if let Some(r) = tx.opt(&sql, &[process_id.into(), key.clone()]).await? {
            return Ok(r.i64("id")?);
        }
        let inserted = tx
            .exec(
                &format!("INSERT INTO opinion_participants (municipality_id, process_id, {col}, channel, created_at) VALUES ($1, $2, $3, 'online', $4) ON CONFLICT DO NOTHING"),
                &[municipality_id.into(), process_id.into(), key.clone(), now.into()],
            )
            .await?;
        if inserted > 0 {
            tx.exec(
                "UPDATE opinion_maps SET participant_count = participant_count + 1 WHERE process_id = $1",
                params![process_id],
            )
            .await?;
        }
        Ok(tx.one(&sql, &[process_id.into(), key]).await?.i64("id")?)
    }

    /// The id of a voter's participant row, if they have one.
    pub async fn participant_id(&self, process_id: i64, voter: &VoterId) -> Result<Option<i64>> {
        let (col, key) = voter.column();
        Ok(self
            .db
            .opt(
                &format!(
                    "SELECT id FROM opinion_participants WHERE process_id = $1 AND {col} = $2"
                ),
                &[process_id.into(), key],
            )
            .await?
            .map(|r| r.i64("id"))
            .transpose()?)
    }

    /// A participant adds a statement; it waits for moderation (under
    /// post-moderation it is shown meanwhile).
    pub async fn submit_statement(
        &self,
        tenant: &Tenant,
        actor: &Actor,
        slug: &str,
        voter: &VoterId,
        body: &str,
    ) -> Result<i64> {
        let (process, map) = self.process_opinion_map(tenant, actor, slug).await?;
        let facts = process.facts();
        decide(actor, Action::SubmitStatement, &map.target(&facts))?;
        if !map.exists {
            return Err(StoreError::Conflict("error-opinion-not-set-up"));
        }
        validate_statement(body)?;
        let now = self.now();
        let mut tx = self.db.begin().await?;
        let participant = Self::participant(&mut tx, tenant.id, process.id, voter, now).await?;
        let id = tx
            .insert(
                "INSERT INTO opinion_statements (municipality_id, process_id, body, origin, author_participant_id, author_user_id, state, created_at) VALUES ($1, $2, $3, 'participant', $4, $5, $6, $7) RETURNING id",
                params![tenant.id, process.id, body.trim(), participant, actor.user_id, StatementState::INITIAL.as_str(), now],
            )
            .await?;
        append(
            &mut tx,
            tenant,
            now,
            AuditEvent::new(
                actor_label(tenant, actor.user_id),
                "opinion.statement_submitted",
                format!("opinion_statement:{id}"),
                serde_json::json!({"process": process.id, "body": body.trim()}),
            ),
        )
        .await?;
        tx.commit().await?;
        Ok(id)
    }

    /// Staff or moderators accept or reject a statement.
    pub async fn moderate_statement(
        &self,
        tenant: &Tenant,
        actor: &Actor,
        statement_id: i64,
        state: StatementState,
    ) -> Result<String> {
        let r = self
            .db
            .opt(
                "SELECT process_id, state FROM opinion_statements WHERE municipality_id = $1 AND id = $2",
                params![tenant.id, statement_id],
            )
            .await?
            .ok_or(StoreError::NotFound)?;
        let process = self.processes().by_id(tenant, r.i64("process_id")?).await?;
        let map = self.opinion_map(tenant, process.id).await?;
        let facts = process.facts();
        decide(actor, Action::ViewProcess, &Target::Process(&facts))?;
        decide(actor, Action::ModerateStatements, &map.target(&facts))?;
        let now = self.now();
        let mut tx = self.db.begin().await?;
        tx.exec(
            "UPDATE opinion_statements SET state = $1, moderated_at = $2, moderated_by = $3 WHERE id = $4",
            params![state.as_str(), now, actor.user_id, statement_id],
        )
        .await?;
        Self::bump(&mut tx, process.id, now).await?;
        append(
            &mut tx,
            tenant,
            now,
            AuditEvent::new(
                actor_label(tenant, actor.user_id),
                "opinion.statement_moderated",
                format!("opinion_statement:{statement_id}"),
                serde_json::json!({"from": r.str("state")?, "to": state.as_str()}),
            ),
        )
        .await?;
        tx.commit().await?;
        Ok(process.slug)
    }

    /// All statements of a map, for staff (every state) or voters (the
    /// shown ones), with the participant's votes when given.
    pub async fn opinion_statements(
        &self,
        tenant: &Tenant,
        map: &OpinionMap,
        all_states: bool,
        participant: Option<i64>,
    ) -> Result<Vec<Statement>> {
        let filter = if all_states {
            String::new()
        } else {
            format!("AND s.state IN {}", shown_states(map.settings.moderation))
        };
        let rows = self
            .db
            .all(
                &format!("SELECT {STATEMENT_COLS}, v.vote FROM opinion_statements s LEFT JOIN opinion_votes v ON v.statement_id = s.id AND v.participant_id = $3 WHERE s.municipality_id = $1 AND s.process_id = $2 {filter} ORDER BY s.id"),
                params![tenant.id, map.process_id, participant.unwrap_or(-1)],
            )
            .await?;
        rows.iter()
            .map(|r| {
                let mut s = statement_from(r)?;
                s.my_vote = r.opt_i64("vote")?.and_then(OpinionVote::from_value);
                Ok(s)
            })
            .collect()
    }

    /// The voting page's state for one participant.
    pub async fn opinion_ballot(
        &self,
        tenant: &Tenant,
        map: &OpinionMap,
        voter: Option<&VoterId>,
    ) -> Result<Ballot> {
        let participant = match voter {
            Some(v) => self.participant_id(map.process_id, v).await?,
            None => None,
        };
        let statements = self
            .opinion_statements(tenant, map, false, participant)
            .await?;
        let voted = statements.iter().filter(|s| s.my_vote.is_some()).count();
        let next = statements
            .iter()
            .filter(|s| s.my_vote.is_none())
            .min_by_key(|s| (s.votes(), s.id))
            .cloned();
        Ok(Ballot {
            participant_id: participant,
            total: statements.len(),
            voted,
            next,
            statements,
        })
    }

    /// A vote, or a changed vote, written by the group-commit writer
    /// (`vote_commit.rs`). Only stores the vote and the counters; the
    /// analysis runs later in the background ([`Store::run_due_opinion_analyses`]).
    pub async fn vote_opinion(
        &self,
        tenant: &Tenant,
        actor: &Actor,
        slug: &str,
        voter: &VoterId,
        statement_id: i64,
        vote: OpinionVote,
    ) -> Result<()> {
        let (process, map) = self.process_opinion_map(tenant, actor, slug).await?;
        let facts = process.facts();
        decide(actor, Action::VoteOpinion, &map.target(&facts))?;
        let shown = self
            .db
            .opt(
                &format!("SELECT id FROM opinion_statements WHERE id = $1 AND process_id = $2 AND state IN {}", shown_states(map.settings.moderation)),
                params![statement_id, process.id],
            )
            .await?;
        if shown.is_none() {
            return Err(StoreError::Invalid({
                let mut e = FieldErrors::new();
                e.add("statement", "error-opinion-unknown-statement");
                e
            }));
        }
        self.votes
            .submit(crate::vote_commit::VoteJob {
                municipality_id: tenant.id,
                process_id: process.id,
                voter: voter.clone(),
                statement_id,
                vote,
                now: self.now(),
                reply: None,
            })
            .await
    }

    /// Writes one vote and keeps the counters of statement, participant and
    /// map in step with the rows.
    #[allow(clippy::too_many_arguments)]
    pub(crate) async fn put_vote(
        tx: &mut Tx,
        municipality_id: i64,
        process_id: i64,
        participant: i64,
        statement_id: i64,
        vote: OpinionVote,
        channel: &str,
        now: i64,
    ) -> Result<()> {
        let old = tx
            .opt(
                "SELECT vote FROM opinion_votes WHERE participant_id = $1 AND statement_id = $2",
                params![participant, statement_id],
            )
            .await?
            .map(|r| r.i64("vote"))
            .transpose()?
            .and_then(OpinionVote::from_value);
        if old == Some(vote) {
            return Ok(());
        }
        match old {
            Some(old) => {
                tx.exec(
                    "UPDATE opinion_votes SET vote = $1, channel = $2, updated_at = $3 WHERE participant_id = $4 AND statement_id = $5",
                    params![vote.value(), channel, now, participant, statement_id],
                )
                .await?;
                tx.exec(
                    &format!(
                        "UPDATE opinion_statements SET {old_col} = {old_col} - 1, {new_col} = {new_col} + 1 WHERE id = $1",
                        old_col = vote_column(old),
                        new_col = vote_column(vote)
                    ),
                    params![statement_id],
                )
                .await?;
                tx.exec(
                    "UPDATE opinion_maps SET revision = revision + 1, last_change_at = $1 WHERE process_id = $2",
                    params![now, process_id],
                )
                .await?;
            }
            None => {
                tx.exec(
                    "INSERT INTO opinion_votes (participant_id, statement_id, process_id, municipality_id, vote, channel, created_at, updated_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $7)",
                    params![participant, statement_id, process_id, municipality_id, vote.value(), channel, now],
                )
                .await?;
                tx.exec(
                    &format!(
                        "UPDATE opinion_statements SET {c} = {c} + 1 WHERE id = $1",
                        c = vote_column(vote)
                    ),
                    params![statement_id],
                )
                .await?;
                tx.exec(
                    "UPDATE opinion_participants SET vote_count = vote_count + 1 WHERE id = $1",
                    params![participant],
                )
                .await?;
                tx.exec(
                    "UPDATE opinion_maps SET revision = revision + 1, vote_count = vote_count + 1, last_change_at = $1 WHERE process_id = $2",
                    params![now, process_id],
                )
                .await?;
            }
        }
        Ok(())
    }

    /// Staff enter a paper questionnaire: the questionnaire's number
    /// identifies the participant, so entering it again corrects it.
    pub async fn record_questionnaire(
        &self,
        tenant: &Tenant,
        actor: &Actor,
        slug: &str,
        label: &str,
        votes: &[(i64, OpinionVote)],
    ) -> Result<i64> {
        let (process, map) = self.process_opinion_map(tenant, actor, slug).await?;
        let facts = process.facts();
        decide(actor, Action::RecordOffline, &Target::Process(&facts))?;
        let mut e = FieldErrors::new();
        e.text("label", label, 1, 40);
        if votes.is_empty() {
            e.add("votes", "error-opinion-no-votes");
        }
        e.into_result()?;
        if !map.exists {
            return Err(StoreError::Conflict("error-opinion-not-set-up"));
        }
        let known: std::collections::HashSet<i64> = self
            .opinion_statements(tenant, &map, false, None)
            .await?
            .iter()
            .map(|s| s.id)
            .collect();
        if votes.iter().any(|(s, _)| !known.contains(s)) {
            let mut e = FieldErrors::new();
            e.add("votes", "error-opinion-unknown-statement");
            return Err(e.into());
        }
        let label = format!("paper-{}", label.trim());
        let now = self.now();
        let mut tx = self.db.begin().await?;
        let existing = tx
            .opt(
                "SELECT id, channel FROM opinion_participants WHERE process_id = $1 AND external_id = $2",
                params![process.id, label.as_str()],
            )
            .await?;
        let participant = match existing {
            Some(r) if r.str("channel")? == "paper" => r.i64("id")?,
            Some(_) => return Err(StoreError::Conflict("error-opinion-label-taken")),
            None => {
                let id = tx
                    .insert(
                        "INSERT INTO opinion_participants (municipality_id, process_id, external_id, channel, recorded_by, created_at) VALUES ($1, $2, $3, 'paper', $4, $5) RETURNING id",
                        params![tenant.id, process.id, label.as_str(), actor.user_id, now],
                    )
                    .await?;
                tx.exec(
                    "UPDATE opinion_maps SET participant_count = participant_count + 1 WHERE process_id = $1",
                    params![process.id],
                )
                .await?;
                id
            }
        };
        for &(statement, vote) in votes {
            Self::put_vote(
                &mut tx,
                tenant.id,
                process.id,
                participant,
                statement,
                vote,
                "paper",
                now,
            )
            .await?;
        }
        append(
            &mut tx,
            tenant,
            now,
            AuditEvent::new(
                actor_label(tenant, actor.user_id),
                "opinion.questionnaire_recorded",
                format!("process:{}", process.id),
                serde_json::json!({"questionnaire": label, "votes": votes.len()}),
            ),
        )
        .await?;
        tx.commit().await?;
        Ok(participant)
    }

    /// Votes and new participants per day.
    pub async fn opinion_timeline(&self, process_id: i64) -> Result<Vec<DayCount>> {
        let votes = self
            .db
            .all(
                &format!("SELECT created_at / {DAY_MS} AS day, COUNT(*) AS n FROM opinion_votes WHERE process_id = $1 GROUP BY created_at / {DAY_MS} ORDER BY day"),
                params![process_id],
            )
            .await?;
        let people = self
            .db
            .all(
                &format!("SELECT created_at / {DAY_MS} AS day, COUNT(*) AS n FROM opinion_participants WHERE process_id = $1 GROUP BY created_at / {DAY_MS}"),
                params![process_id],
            )
            .await?;
        let mut by_day: std::collections::BTreeMap<i64, (i64, i64)> = Default::default();
        for r in &votes {
            by_day.entry(r.i64("day")?).or_default().0 = r.i64("n")?;
        }
        for r in &people {
            by_day.entry(r.i64("day")?).or_default().1 = r.i64("n")?;
        }
        Ok(by_day
            .into_iter()
            .map(|(d, (v, p))| DayCount {
                day: d * DAY_MS,
                votes: v,
                participants: p,
            })
            .collect())
    }

    /// The stored analysis, if any run happened.
    pub async fn opinion_result(&self, process_id: i64) -> Result<Option<StoredResult>> {
        let Some(r) = self
            .db
            .opt(
                "SELECT revision, votes_covered, computed_at, result, error, error_at, error_revision FROM opinion_results WHERE process_id = $1",
                params![process_id],
            )
            .await?
        else {
            return Ok(None);
        };
        let result = match r.opt_str("result")? {
            Some(json) => Some(
                serde_json::from_str(&json)
                    .map_err(|e| StoreError::Analysis(format!("stored opinion result: {e}")))?,
            ),
            None => None,
        };
        Ok(Some(StoredResult {
            revision: r.i64("revision")?,
            votes_covered: r.i64("votes_covered")?,
            computed_at: r.opt_i64("computed_at")?,
            result,
            error: r.opt_str("error")?,
            error_at: r.opt_i64("error_at")?,
            error_revision: r.opt_i64("error_revision")?,
        }))
    }

    /// Reruns the analysis of every map whose votes changed: once the map
    /// has been quiet for `quiet_ms`, or at the latest `max_wait_ms` after
    /// the previous run, so a busy map is still refreshed. A failed run is
    /// retried only after further changes. Returns the number of runs.
    pub async fn run_due_opinion_analyses(&self, quiet_ms: i64, max_wait_ms: i64) -> Result<usize> {
        let now = self.now();
        let due = self
            .db
            .all(
                "SELECT m.process_id, m.municipality_id FROM opinion_maps m LEFT JOIN opinion_results r ON r.process_id = m.process_id WHERE m.revision > COALESCE(r.revision, -1) AND m.revision > COALESCE(r.error_revision, -1) AND (COALESCE(m.last_change_at, 0) <= $1 OR COALESCE(r.computed_at, 0) <= $2)",
                params![now - quiet_ms, now - max_wait_ms],
            )
            .await?;
        let mut runs = 0;
        for r in &due {
            self.analyze_opinion_map(r.i64("municipality_id")?, r.i64("process_id")?)
                .await?;
            runs += 1;
        }
        Ok(runs)
    }

    /// Analyses one map now and stores the result (or the error, for staff).
    pub async fn analyze_opinion_map(&self, municipality_id: i64, process_id: i64) -> Result<()> {
        let revision = self
            .db
            .one(
                "SELECT revision FROM opinion_maps WHERE process_id = $1",
                params![process_id],
            )
            .await?
            .i64("revision")?;
        let loaded = self.load_export(municipality_id, process_id).await?;
        let outcome = tokio::task::spawn_blocking(
            move || -> std::result::Result<(Loaded, AnalysisResult), String> {
                let conv = loaded.export.conversation().map_err(|e| e.to_string())?;
                let outcome = analyze(&conv, &analysis_settings()).map_err(|e| e.to_string())?;
                let result = to_result(&loaded, &conv, &outcome);
                Ok((loaded, result))
            },
        )
        .await
        .unwrap_or_else(|e| Err(format!("the analysis stopped: {e}")));
        let now = self.now();
        match outcome {
            Ok((_, result)) => {
                let json = serde_json::to_string(&result)
                    .map_err(|e| StoreError::Analysis(e.to_string()))?;
                // Only move forward: an older run finishing late must not
                // overwrite a newer result (several instances may run jobs).
                self.db
                    .exec(
                        "INSERT INTO opinion_results (process_id, municipality_id, revision, votes_covered, computed_at, result) VALUES ($1, $2, $3, $4, $5, $6) ON CONFLICT (process_id) DO UPDATE SET revision = excluded.revision, votes_covered = excluded.votes_covered, computed_at = excluded.computed_at, result = excluded.result, error = NULL, error_at = NULL, error_revision = NULL WHERE opinion_results.revision <= excluded.revision",
                        params![process_id, municipality_id, revision, result.votes_covered as i64, now, json],
                    )
                    .await?;
            }
            Err(message) => {
                tracing::warn!(process_id, error = %message, "opinion analysis failed");
                self.db
                    .exec(
                        "INSERT INTO opinion_results (process_id, municipality_id, error, error_at, error_revision) VALUES ($1, $2, $3, $4, $5) ON CONFLICT (process_id) DO UPDATE SET error = excluded.error, error_at = excluded.error_at, error_revision = excluded.error_revision",
                        params![process_id, municipality_id, message, now, revision],
                    )
                    .await?;
            }
        }
        Ok(())
    }

    /// The map as a Polis export: statements as comments, current votes,
    /// participants as voters. Imported statements and participants keep
    /// their Polis ids; others get the next free numbers, so Polis tools
    /// (which expect integer ids) can read the files.
    async fn load_export(&self, municipality_id: i64, process_id: i64) -> Result<Loaded> {
        let statements = self
            .db
            .all(
                "SELECT id, external_id, body, state, created_at, author_participant_id FROM opinion_statements WHERE municipality_id = $1 AND process_id = $2 ORDER BY id",
                params![municipality_id, process_id],
            )
            .await?;
        let participants = self
            .db
            .all(
                "SELECT id, external_id FROM opinion_participants WHERE municipality_id = $1 AND process_id = $2 ORDER BY id",
                params![municipality_id, process_id],
            )
            .await?;
        let votes = self
            .db
            .all(
                "SELECT participant_id, statement_id, vote, updated_at FROM opinion_votes WHERE process_id = $1 ORDER BY updated_at, participant_id, statement_id",
                params![process_id],
            )
            .await?;
        let participant_ids: Vec<(i64, Option<String>)> = participants
            .iter()
            .map(|r| {
                Ok((
                    r.i64("id")?,
                    r.opt_str("external_id")?
                        .filter(|e| !e.starts_with("paper-")),
                ))
            })
            .collect::<Result<_>>()?;
        let voter_names = export_ids(&participant_ids);
        let statement_ids: Vec<(i64, Option<String>)> = statements
            .iter()
            .map(|r| Ok((r.i64("id")?, r.opt_str("external_id")?)))
            .collect::<Result<_>>()?;
        let comment_names = export_ids(&statement_ids);
        let voter_index: HashMap<i64, u32> = participant_ids
            .iter()
            .enumerate()
            .map(|(i, (id, _))| (*id, i as u32))
            .collect();
        let comment_index: HashMap<i64, u32> = statement_ids
            .iter()
            .enumerate()
            .map(|(i, (id, _))| (*id, i as u32))
            .collect();
        // Statements without a participant as author (seed statements of the
        // administration) get one id after all participants, as Polis gives
        // the owner's id; it casts no votes.
        let administration = voter_names
            .iter()
            .filter_map(|v| v.parse::<u64>().ok())
            .max()
            .map_or(0, |m| m + 1)
            .to_string();
        let mut export = PolisExport {
            voters: voter_names.clone(),
            ..PolisExport::default()
        };
        for (r, name) in statements.iter().zip(&comment_names) {
            let state = StatementState::parse(&r.str("state")?).unwrap_or(StatementState::Pending);
            let author = r
                .opt_i64("author_participant_id")?
                .and_then(|p| voter_index.get(&p))
                .map(|&i| voter_names[i as usize].clone())
                .unwrap_or_else(|| administration.clone());
            export.comments.push(PolisComment {
                id: name.clone(),
                timestamp: r.i64("created_at")?,
                datetime: String::new(),
                author_id: author,
                moderated: state.polis_moderated(),
                body: r.str("body")?,
            });
        }
        for r in &votes {
            let (Some(&voter), Some(&comment)) = (
                voter_index.get(&r.i64("participant_id")?),
                comment_index.get(&r.i64("statement_id")?),
            ) else {
                continue;
            };
            let vote = Vote::from_value(r.i64("vote")?).unwrap_or(Vote::Pass);
            export.votes.push(VoteRecord {
                timestamp: r.i64("updated_at")?,
                comment,
                voter,
                vote,
            });
        }
        Ok(Loaded {
            export,
            participant_db_ids: voter_names
                .into_iter()
                .zip(participant_ids.iter().map(|(id, _)| *id))
                .collect(),
            statement_db_ids: comment_names
                .into_iter()
                .zip(statement_ids.iter().map(|(id, _)| *id))
                .collect(),
        })
    }

    /// The map in Polis's CSV format (comments.csv, votes.csv,
    /// participants-votes.csv with our groups, summary.csv).
    pub async fn polis_files(
        &self,
        tenant: &Tenant,
        process: &Process,
    ) -> Result<Vec<(&'static str, Vec<u8>)>> {
        let mut loaded = self.load_export(tenant.id, process.id).await?;
        loaded.export.summary = vec![
            ("topic".into(), process.title.clone()),
            ("url".into(), format!("/processes/{}/opinion", process.slug)),
        ];
        tokio::task::spawn_blocking(move || {
            let conv = loaded.export.conversation()?;
            let outcome = analyze(&conv, &analysis_settings())?;
            loaded.export.csv_files(Some((&conv, &outcome)))
        })
        .await
        .map_err(|e| StoreError::Analysis(e.to_string()))?
        .map_err(|e| StoreError::Analysis(e.to_string()))
    }

    /// Imports a Polis export into a process's (empty) opinion map, in one
    /// transaction: statements with their moderation, participants, and each
    /// participant's latest vote per statement. `progress` is called with
    /// the number of votes written so far.
    pub async fn import_polis(
        &self,
        tenant: &Tenant,
        slug: &str,
        export: &PolisExport,
        progress: impl FnMut(usize),
    ) -> Result<ImportSummary> {
        self.import_conversation(tenant, slug, export, "import", "import", progress)
            .await
    }

    /// The import, with the origin recorded for statements and the channel
    /// for participants and votes (the demo loads "seed"/"online").
    pub(crate) async fn import_conversation(
        &self,
        tenant: &Tenant,
        slug: &str,
        export: &PolisExport,
        origin: &str,
        channel: &str,
        mut progress: impl FnMut(usize),
    ) -> Result<ImportSummary> {
        let (process, _) = self
            .process_opinion_map(tenant, &Actor::administrator(), slug)
            .await?;
        let now = self.now();
        let mut tx = self.db.begin().await?;
        let existing = tx
            .one(
                "SELECT COUNT(*) AS n FROM opinion_statements WHERE process_id = $1",
                params![process.id],
            )
            .await?
            .i64("n")?;
        if existing > 0 {
            return Err(StoreError::Conflict("error-opinion-import-not-empty"));
        }
        Self::ensure_map(&mut tx, tenant, process.id, now).await?;

        // Latest vote per (voter, comment): by timestamp, then file order.
        let mut latest: HashMap<(u32, u32), (i64, usize, Vote)> = HashMap::new();
        for (k, v) in export.votes.iter().enumerate() {
            let e = latest
                .entry((v.voter, v.comment))
                .or_insert((v.timestamp, k, v.vote));
            if (v.timestamp, k) >= (e.0, e.1) {
                *e = (v.timestamp, k, v.vote);
            }
        }
        let superseded = export.votes.len() - latest.len();
        let mut first_vote: HashMap<u32, i64> = HashMap::new();
        for v in &export.votes {
            let e = first_vote.entry(v.voter).or_insert(v.timestamp);
            *e = (*e).min(v.timestamp);
        }

        // Authors who never voted are participants too (Polis makes authors
        // vote on their own statement, other sources may not).
        let mut people: Vec<String> = export.voters.clone();
        {
            let mut known: std::collections::HashSet<String> = people.iter().cloned().collect();
            for c in &export.comments {
                if !c.author_id.is_empty() && known.insert(c.author_id.clone()) {
                    people.push(c.author_id.clone());
                }
            }
        }
        for (c, chunk) in people.chunks(400).enumerate() {
            let mut sql = String::from("INSERT INTO opinion_participants (municipality_id, process_id, external_id, channel, created_at) VALUES ");
            let mut ps: Vec<crate::P> = Vec::with_capacity(chunk.len() * 5);
            for (i, name) in chunk.iter().enumerate() {
                if i > 0 {
                    sql.push_str(", ");
                }
                let b = i * 5;
                sql.push_str(&format!(
                    "(${}, ${}, ${}, ${}, ${})",
                    b + 1,
                    b + 2,
                    b + 3,
                    b + 4,
                    b + 5
                ));
                let since = first_vote
                    .get(&((c * 400 + i) as u32))
                    .copied()
                    .unwrap_or(now);
                ps.extend([
                    tenant.id.into(),
                    process.id.into(),
                    name.clone().into(),
                    channel.into(),
                    since.into(),
                ]);
            }
            tx.exec(&sql, &ps).await?;
        }
        let by_name: HashMap<String, i64> = tx
            .all(
                "SELECT id, external_id FROM opinion_participants WHERE process_id = $1",
                params![process.id],
            )
            .await?
            .iter()
            .map(|r| Ok((r.str("external_id")?, r.i64("id")?)))
            .collect::<Result<_>>()?;
        let voter_db: Vec<i64> = people.iter().map(|n| by_name[n]).collect();

        let mut counts: HashMap<u32, [i64; 3]> = HashMap::new();
        let mut per_voter: HashMap<u32, i64> = HashMap::new();
        for (&(voter, comment), &(_, _, vote)) in &latest {
            let c = counts.entry(comment).or_default();
            c[match vote {
                Vote::Agree => 0,
                Vote::Disagree => 1,
                Vote::Pass => 2,
            }] += 1;
            *per_voter.entry(voter).or_default() += 1;
        }
        let author_of: HashMap<&str, i64> = people
            .iter()
            .zip(&voter_db)
            .map(|(n, &id)| (n.as_str(), id))
            .collect();
        let mut comment_db = vec![0i64; export.comments.len()];
        for (i, c) in export.comments.iter().enumerate() {
            let [a, d, p] = counts.get(&(i as u32)).copied().unwrap_or_default();
            let state = StatementState::from_polis(c.moderated);
            comment_db[i] = tx
                .insert(
                    "INSERT INTO opinion_statements (municipality_id, process_id, external_id, body, origin, author_participant_id, state, agree_count, disagree_count, pass_count, created_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11) RETURNING id",
                    params![tenant.id, process.id, c.id.as_str(), c.body.as_str(), origin, author_of.get(c.author_id.as_str()).copied(), state.as_str(), a, d, p, c.timestamp],
                )
                .await?;
        }
        for (&voter, &n) in &per_voter {
            tx.exec(
                "UPDATE opinion_participants SET vote_count = $1 WHERE id = $2",
                params![n, voter_db[voter as usize]],
            )
            .await?;
        }
        let mut rows: Vec<_> = latest.iter().collect();
        rows.sort_by_key(|(k, _)| **k);
        let mut written = 0;
        for chunk in rows.chunks(500) {
            let mut sql = String::from("INSERT INTO opinion_votes (participant_id, statement_id, process_id, municipality_id, vote, channel, created_at, updated_at) VALUES ");
            let mut ps: Vec<crate::P> = Vec::with_capacity(chunk.len() * 7);
            for (i, ((voter, comment), (ts, _, vote))) in chunk.iter().enumerate() {
                if i > 0 {
                    sql.push_str(", ");
                }
                let b = i * 7;
                sql.push_str(&format!(
                    "(${}, ${}, ${}, ${}, ${}, ${}, ${}, ${})",
                    b + 1,
                    b + 2,
                    b + 3,
                    b + 4,
                    b + 5,
                    b + 6,
                    b + 7,
                    b + 7
                ));
                ps.extend([
                    voter_db[*voter as usize].into(),
                    comment_db[*comment as usize].into(),
                    process.id.into(),
                    tenant.id.into(),
                    i64::from(vote.value()).into(),
                    channel.into(),
                    (*ts).into(),
                ]);
            }
            tx.exec(&sql, &ps).await?;
            written += chunk.len();
            progress(written);
        }
        let last = export
            .votes
            .iter()
            .map(|v| v.timestamp)
            .max()
            .unwrap_or(now);
        tx.exec(
            "UPDATE opinion_maps SET vote_count = $1, participant_count = $2, revision = revision + 1, last_change_at = $3 WHERE process_id = $4",
            params![latest.len() as i64, people.len() as i64, now, process.id],
        )
        .await?;
        let summary = ImportSummary {
            statements: export.comments.len(),
            participants: people.len(),
            votes: latest.len(),
            superseded_votes: superseded,
        };
        append(
            &mut tx,
            tenant,
            now,
            AuditEvent::new(
                "system".to_string(),
                "opinion.imported",
                format!("process:{}", process.id),
                serde_json::json!({"statements": summary.statements, "participants": summary.participants, "votes": summary.votes, "last_vote_at": last}),
            ),
        )
        .await?;
        tx.commit().await?;
        Ok(summary)
    }
}

/// A map loaded as a Polis export, with the way back to database ids.
struct Loaded {
    export: PolisExport,
    participant_db_ids: HashMap<String, i64>,
    statement_db_ids: HashMap<String, i64>,
}

/// Export ids: an imported row keeps its Polis id; others get the next
/// integers after the largest numeric id.
fn export_ids(rows: &[(i64, Option<String>)]) -> Vec<String> {
    // Polis ids are non-negative integers; other external ids (none come
    // from Polis) are numbered like rows without one.
    let polis_id = |e: &Option<String>| -> Option<String> {
        e.as_deref()
            .filter(|e| e.parse::<u64>().is_ok())
            .map(str::to_string)
    };
    let mut next = rows
        .iter()
        .filter_map(|(_, e)| polis_id(e)?.parse::<u64>().ok())
        .max()
        .map_or(0, |m| m + 1);
    let taken: std::collections::HashSet<String> =
        rows.iter().filter_map(|(_, e)| polis_id(e)).collect();
    rows.iter()
        .map(|(_, e)| match polis_id(e) {
            Some(e) => e,
            None => {
                while taken.contains(next.to_string().as_str()) {
                    next += 1;
                }
                let id = next.to_string();
                next += 1;
                id
            }
        })
        .collect()
}

fn to_result(
    loaded: &Loaded,
    conv: &teilhabe_opinion::Conversation,
    outcome: &Outcome,
) -> AnalysisResult {
    let statement = |j: usize| -> i64 {
        conv.statement_ids
            .get(j)
            .and_then(|s| loaded.statement_db_ids.get(s))
            .copied()
            .unwrap_or(0)
    };
    match outcome {
        Outcome::NotEnoughVotes(n) => AnalysisResult {
            grouped: false,
            participants_in_analysis: n.participants_in_analysis,
            participants_required: n.participants_required,
            votes_covered: n.votes_covered,
            k: 0,
            points: Vec::new(),
            groups: Vec::new(),
            consensus: Vec::new(),
            divisive: Vec::new(),
        },
        Outcome::Groups(a) => AnalysisResult {
            grouped: true,
            participants_in_analysis: a.participants_in_analysis,
            participants_required: analysis_settings().min_participants,
            votes_covered: a.votes_covered,
            k: a.k,
            points: conv
                .participant_ids
                .iter()
                .enumerate()
                .filter_map(|(i, p)| {
                    let [x, y] = a.positions.get(i).copied().flatten()?;
                    let id = *loaded.participant_db_ids.get(p)?;
                    Some((
                        id,
                        finite(x),
                        finite(y),
                        a.group_of.get(i).copied().flatten(),
                    ))
                })
                .collect(),
            groups: a
                .groups
                .iter()
                .map(|g| GroupResult {
                    id: g.id,
                    size: g.size,
                    representative: g
                        .representative
                        .iter()
                        .map(|r| RepresentativeStatement {
                            statement_id: statement(r.statement),
                            direction: direction(r.repful_for),
                            inside: r.inside.into(),
                            outside: r.outside.into(),
                        })
                        .collect(),
                })
                .collect(),
            consensus: a
                .consensus
                .iter()
                .map(|c| SharedStatement {
                    statement_id: statement(c.statement),
                    direction: direction(c.direction),
                    groups: c.groups.iter().map(|&s| s.into()).collect(),
                })
                .collect(),
            divisive: a
                .divisive
                .iter()
                .map(|d| DivisiveStatement {
                    statement_id: statement(d.statement),
                    agreeing_group: d.agreeing_group,
                    disagreeing_group: d.disagreeing_group,
                    groups: d.groups.iter().map(|&s| s.into()).collect(),
                })
                .collect(),
        },
    }
}

fn direction(d: teilhabe_opinion::repness::Direction) -> String {
    match d {
        teilhabe_opinion::repness::Direction::Agree => "agree".into(),
        teilhabe_opinion::repness::Direction::Disagree => "disagree".into(),
    }
}

#[cfg(test)]
mod tests {
    use super::export_ids;

    #[test]
    fn export_ids_keep_polis_ids_and_continue_after_them() {
        let rows = vec![
            (10, Some("0".to_string())),
            (11, None),
            (12, Some("7".to_string())),
            (13, None),
        ];
        assert_eq!(export_ids(&rows), vec!["0", "8", "7", "9"]);
        assert_eq!(export_ids(&[(1, None), (2, None)]), vec!["0", "1"]);
        let odd = vec![(1, Some("demo-4".to_string())), (2, Some("3".to_string()))];
        assert_eq!(export_ids(&odd), vec!["4", "3"]);
    }
}
