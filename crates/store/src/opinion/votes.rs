//! Votes: who a voter is, the online vote (queued for the group-commit
//! writer in `vote_commit.rs`), and [`put_vote`], the one way a vote is
//! written with the counters of statement, participant and map.

use super::statements::shown_states;
use super::{IdRow, OpinionMaps};
use crate::{params, Result, StoreError, Tenant, Tx};
use serde::Deserialize;
use teilhabe_domain::opinion::OpinionVote;
use teilhabe_domain::permission::{decide, Action};
use teilhabe_domain::{Actor, FieldErrors};

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

#[derive(Deserialize)]
struct VoteRow {
    vote: i64,
}

fn vote_column(v: OpinionVote) -> &'static str {
    match v {
        OpinionVote::Agree => "agree_count",
        OpinionVote::Disagree => "disagree_count",
        OpinionVote::Pass => "pass_count",
    }
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
    let sql = format!("SELECT id FROM opinion_participants WHERE process_id = $1 AND {col} = $2");
    if let Some(r) = tx
        .opt_as::<IdRow>(&sql, &[process_id.into(), key.clone()])
        .await?
    {
        return Ok(r.id);
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
    Ok(tx
        .one_as::<IdRow>(&sql, &[process_id.into(), key])
        .await?
        .id)
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
        .opt_as::<VoteRow>(
            "SELECT vote FROM opinion_votes WHERE participant_id = $1 AND statement_id = $2",
            params![participant, statement_id],
        )
        .await?
        .and_then(|r| OpinionVote::from_value(r.vote));
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

impl OpinionMaps<'_> {
    /// The id of a voter's participant row, if they have one.
    pub async fn participant_id(&self, process_id: i64, voter: &VoterId) -> Result<Option<i64>> {
        let (col, key) = voter.column();
        Ok(self
            .store
            .db
            .opt_as::<IdRow>(
                &format!(
                    "SELECT id FROM opinion_participants WHERE process_id = $1 AND {col} = $2"
                ),
                &[process_id.into(), key],
            )
            .await?
            .map(|r| r.id))
    }

    /// A vote, or a changed vote, written by the group-commit writer
    /// (`vote_commit.rs`). Only stores the vote and the counters; the
    /// analysis runs later in the background ([`OpinionMaps::run_due_analyses`]).
    pub async fn vote(
        &self,
        tenant: &Tenant,
        actor: &Actor,
        slug: &str,
        voter: &VoterId,
        statement_id: i64,
        vote: OpinionVote,
    ) -> Result<()> {
        let (process, map) = self.process_map(tenant, actor, slug).await?;
        let facts = process.facts();
        decide(actor, Action::VoteOpinion, &map.target(&facts))?;
        let shown = self
            .store
            .db
            .opt_as::<IdRow>(
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
        self.store
            .votes
            .submit(super::vote_commit::VoteJob {
                municipality_id: tenant.id,
                process_id: process.id,
                voter: voter.clone(),
                statement_id,
                vote,
                now: self.store.now(),
            })
            .await
    }
}
