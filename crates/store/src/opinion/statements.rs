//! Statements: participants add them, staff or moderators accept or reject
//! them, and voters see the shown ones with their own votes (the ballot).

use super::manage::{bump, OpinionMap};
use super::votes::{participant, VoterId};
use super::OpinionMaps;
use crate::{params, Result, StoreError, Tenant};
use serde::{Deserialize, Serialize};
use teilhabe_domain::opinion::{validate_statement, Moderation, OpinionVote, StatementState};
use teilhabe_domain::permission::{decide, Action, Target};
use teilhabe_domain::Actor;

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

const STATEMENT_COLS: &str = "s.id, s.external_id, s.body, s.origin, s.state, s.agree_count, s.disagree_count, s.pass_count, s.created_at";

/// A statement with the viewing participant's vote (`NULL`: none).
#[derive(Deserialize)]
struct StatementRow {
    id: i64,
    external_id: Option<String>,
    body: String,
    origin: String,
    state: String,
    agree_count: i64,
    disagree_count: i64,
    pass_count: i64,
    created_at: i64,
    vote: Option<i64>,
}

impl From<StatementRow> for Statement {
    fn from(r: StatementRow) -> Self {
        Statement {
            id: r.id,
            external_id: r.external_id,
            body: r.body,
            origin: r.origin,
            state: StatementState::parse(&r.state).unwrap_or(StatementState::Pending),
            agree_count: r.agree_count,
            disagree_count: r.disagree_count,
            pass_count: r.pass_count,
            created_at: r.created_at,
            my_vote: r.vote.and_then(OpinionVote::from_value),
        }
    }
}

#[derive(Deserialize)]
struct ModeratedRow {
    process_id: i64,
    state: String,
}

/// The states voters see under a moderation mode, as an SQL list.
pub(super) fn shown_states(m: Moderation) -> &'static str {
    match m {
        Moderation::Pre => "('accepted')",
        Moderation::Post => "('accepted', 'pending')",
    }
}

impl OpinionMaps<'_> {
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
        let (process, map) = self.process_map(tenant, actor, slug).await?;
        let facts = process.facts();
        decide(actor, Action::SubmitStatement, &map.target(&facts))?;
        if !map.exists {
            return Err(StoreError::Conflict("error-opinion-not-set-up"));
        }
        validate_statement(body)?;
        let mut w = self.store.write(tenant).await?;
        let now = w.now;
        let participant = participant(&mut w, tenant.id, process.id, voter, now).await?;
        let id = w
            .insert(
                "INSERT INTO opinion_statements (municipality_id, process_id, body, origin, author_participant_id, author_user_id, state, created_at) VALUES ($1, $2, $3, 'participant', $4, $5, $6, $7) RETURNING id",
                params![tenant.id, process.id, body.trim(), participant, actor.user_id, StatementState::INITIAL.as_str(), now],
            )
            .await?;
        w.audit(
            actor,
            "opinion.statement_submitted",
            format!("opinion_statement:{id}"),
            serde_json::json!({"process": process.id, "body": body.trim()}),
        );
        w.commit().await?;
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
            .store
            .db
            .opt_as::<ModeratedRow>(
                "SELECT process_id, state FROM opinion_statements WHERE municipality_id = $1 AND id = $2",
                params![tenant.id, statement_id],
            )
            .await?
            .ok_or(StoreError::NotFound)?;
        let process = self.store.processes().by_id(tenant, r.process_id).await?;
        let map = self.map(tenant, process.id).await?;
        let facts = process.facts();
        decide(actor, Action::ViewProcess, &Target::Process(&facts))?;
        decide(actor, Action::ModerateStatements, &map.target(&facts))?;
        let mut w = self.store.write(tenant).await?;
        let now = w.now;
        w.exec(
            "UPDATE opinion_statements SET state = $1, moderated_at = $2, moderated_by = $3 WHERE id = $4",
            params![state.as_str(), now, actor.user_id, statement_id],
        )
        .await?;
        bump(&mut w, process.id, now).await?;
        w.audit(
            actor,
            "opinion.statement_moderated",
            format!("opinion_statement:{statement_id}"),
            serde_json::json!({"from": r.state, "to": state.as_str()}),
        );
        w.commit().await?;
        Ok(process.slug)
    }

    /// All statements of a map, for staff (every state) or voters (the
    /// shown ones), with the participant's votes when given.
    pub async fn statements(
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
            .store
            .db
            .all_as::<StatementRow>(
                &format!("SELECT {STATEMENT_COLS}, v.vote FROM opinion_statements s LEFT JOIN opinion_votes v ON v.statement_id = s.id AND v.participant_id = $3 WHERE s.municipality_id = $1 AND s.process_id = $2 {filter} ORDER BY s.id"),
                params![tenant.id, map.process_id, participant.unwrap_or(-1)],
            )
            .await?;
        Ok(rows.into_iter().map(Statement::from).collect())
    }

    /// The voting page's state for one participant.
    pub async fn ballot(
        &self,
        tenant: &Tenant,
        map: &OpinionMap,
        voter: Option<&VoterId>,
    ) -> Result<Ballot> {
        let participant = match voter {
            Some(v) => self.participant_id(map.process_id, v).await?,
            None => None,
        };
        let statements = self.statements(tenant, map, false, participant).await?;
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
}
