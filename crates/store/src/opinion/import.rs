//! Importing a Polis export into an empty map, all or nothing. The demo
//! loads its conversation the same way.

use super::manage::ensure_map;
use super::OpinionMaps;
use crate::{params, Result, StoreError, Tenant};
use serde::{Deserialize, Serialize};
use std::collections::HashMap;
use teilhabe_domain::opinion::StatementState;
use teilhabe_domain::Actor;
use teilhabe_opinion::{PolisExport, Vote};

/// What an import wrote.
#[derive(Debug, Clone, Serialize)]
pub struct ImportSummary {
    pub statements: usize,
    pub participants: usize,
    pub votes: usize,
    pub superseded_votes: usize,
}

#[derive(Deserialize)]
struct CountRow {
    n: i64,
}

#[derive(Deserialize)]
struct ParticipantRow {
    id: i64,
    external_id: Option<String>,
}

impl OpinionMaps<'_> {
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
            .process_map(tenant, &Actor::administrator(), slug)
            .await?;
        let mut w = self.store.write(tenant).await?;
        let now = w.now;
        let existing = w
            .one_as::<CountRow>(
                "SELECT COUNT(*) AS n FROM opinion_statements WHERE process_id = $1",
                params![process.id],
            )
            .await?
            .n;
        if existing > 0 {
            return Err(StoreError::Conflict("error-opinion-import-not-empty"));
        }
        ensure_map(&mut w, tenant, process.id, now).await?;

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
            let mut sql = String::from("INSERT INTO opinion_participants (municipality_id, process_id, external_id, channel, created_at, polis_xid) VALUES ");
            let mut ps: Vec<crate::P> = Vec::with_capacity(chunk.len() * 6);
            for (i, name) in chunk.iter().enumerate() {
                if i > 0 {
                    sql.push_str(", ");
                }
                let b = i * 6;
                let row: Vec<String> = (1..=6).map(|j| format!("${}", b + j)).collect();
                sql.push_str(&format!("({})", row.join(", ")));
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
                    // Polis's xid, where the export has that column
                    // (authors who never voted have none: '').
                    export
                        .xids
                        .as_ref()
                        .map(|x| x.get(name).cloned().unwrap_or_default())
                        .into(),
                ]);
            }
            w.exec(&sql, &ps).await?;
        }
        let by_name: HashMap<String, i64> = w
            .all_as::<ParticipantRow>(
                "SELECT id, external_id FROM opinion_participants WHERE process_id = $1",
                params![process.id],
            )
            .await?
            .into_iter()
            .map(|r| (r.external_id.unwrap_or_default(), r.id))
            .collect();
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
            comment_db[i] = w
                .insert(
                    "INSERT INTO opinion_statements (municipality_id, process_id, external_id, body, origin, author_participant_id, state, agree_count, disagree_count, pass_count, created_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11) RETURNING id",
                    params![tenant.id, process.id, c.id.as_str(), c.body.as_str(), origin, author_of.get(c.author_id.as_str()).copied(), state.as_str(), a, d, p, c.timestamp],
                )
                .await?;
        }
        for (&voter, &n) in &per_voter {
            w.exec(
                "UPDATE opinion_participants SET vote_count = $1 WHERE id = $2",
                params![n, voter_db[voter as usize]],
            )
            .await?;
        }
        let mut rows: Vec<_> = latest.iter().collect();
        rows.sort_by_key(|(k, _)| **k);
        let mut written = 0;
        for chunk in rows.chunks(500) {
            // updated_at is created_at: the seventh value twice.
            let sql = crate::db::multi_row_sql(
                "INSERT INTO opinion_votes (participant_id, statement_id, process_id, municipality_id, vote, channel, created_at, updated_at) VALUES ",
                "($1, $2, $3, $4, $5, $6, $7, $7)",
                7,
                chunk.len(),
            );
            let mut ps: Vec<crate::P> = Vec::with_capacity(chunk.len() * 7);
            for ((voter, comment), (ts, _, vote)) in chunk {
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
            w.exec(&sql, &ps).await?;
            written += chunk.len();
            progress(written);
        }
        let last = export
            .votes
            .iter()
            .map(|v| v.timestamp)
            .max()
            .unwrap_or(now);
        w.exec(
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
        w.audit_system(
            "opinion.imported",
            format!("process:{}", process.id),
            serde_json::json!({"statements": summary.statements, "participants": summary.participants, "votes": summary.votes, "last_vote_at": last}),
        );
        w.commit().await?;
        Ok(summary)
    }
}
