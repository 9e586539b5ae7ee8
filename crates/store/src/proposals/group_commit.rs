//! Group commit for supports, the platform's most frequent write. Concurrent
//! supports queue in the batching core (`crate::batch`, up to 512 a batch);
//! the batch is written in one transaction and committed once, so a single
//! fsync makes a whole batch durable. Each caller gets its answer only
//! after that commit.
//!
//! Supports are inserted with multi-row statements that skip duplicates
//! instead of failing (so one duplicate does not spoil the batch), and each
//! proposal's counter is raised once per batch. Supports under a per-person
//! limit are checked and inserted one by one, since each must see the
//! person's earlier supports. If the batch's transaction fails, every
//! support of it is retried in a transaction of its own, so one failing
//! support cannot fail the others. The audit entries of the batch are chained
//! in memory from the head read at the start of the transaction and written
//! with one statement per municipality; the head row is locked (PostgreSQL)
//! or the write lock is held (SQLite), so the chain stays linear even with
//! several app instances.

use crate::batch::{Batcher, Names};
use crate::db::multi_row_sql;
use crate::{params, Db, DbError, Result, StoreError, Tx, P};
use std::collections::HashMap;
use teilhabe_domain::audit::{chain, AuditEvent};

const MAX_BATCH: usize = 512;

pub(crate) struct SupportJob {
    pub municipality_id: i64,
    pub process_id: i64,
    pub proposal_id: i64,
    pub user_id: Option<i64>,
    pub channel: &'static str,
    pub offline_name: Option<String>,
    pub recorded_by: Option<i64>,
    pub limit: Option<u32>,
    pub now: i64,
    pub actor: String,
}

pub(crate) type SupportWriter = Batcher<SupportJob, i64>;

static NAMES: Names = Names {
    stopped: "the support writer has stopped",
    dropped: "the support writer dropped the support",
};

pub(crate) fn start(db: Db) -> SupportWriter {
    Batcher::start(db, MAX_BATCH, &NAMES, |db, jobs| {
        Box::pin(write_batch(db, jobs))
    })
}

const INSERT_SUPPORTS: &str = "INSERT INTO supports (municipality_id, process_id, proposal_id, user_id, channel, offline_name, recorded_by, created_at) VALUES ";

/// A job's eight values for `INSERT_SUPPORTS`, in its column order.
fn support_values(j: &SupportJob) -> [P; 8] {
    [
        P::from(j.municipality_id),
        P::from(j.process_id),
        P::from(j.proposal_id),
        P::from(j.user_id),
        P::from(j.channel),
        P::from(j.offline_name.clone()),
        P::from(j.recorded_by),
        P::from(j.now),
    ]
}

#[derive(serde::Deserialize)]
struct Count {
    n: i64,
}

#[derive(serde::Deserialize)]
struct SupportCount {
    support_count: i64,
}

/// A support the multi-row insert wrote (duplicates do not come back).
#[derive(serde::Deserialize)]
struct Inserted {
    proposal_id: i64,
    user_id: Option<i64>,
}

/// What one job ended with, before the commit decides whether it stands.
enum Outcome {
    Counted(i64),
    Refused(&'static str),
}

async fn write_batch(db: &Db, batch: &[SupportJob]) -> Vec<Result<i64>> {
    match try_batch(db, batch).await {
        Ok(outcomes) => outcomes.into_iter().map(answer).collect(),
        Err(e) if batch.len() == 1 => vec![Err(failed(&e))],
        Err(e) => {
            // Nothing of the batch was committed. One bad support must not
            // take the others down: each is retried in a transaction of its
            // own, as opinion votes are, and each caller hears its own end.
            tracing::warn!(error = %e, n = batch.len(), "support batch failed; retrying one by one");
            let mut answers = Vec::with_capacity(batch.len());
            for job in batch {
                answers.push(match try_batch(db, std::slice::from_ref(job)).await {
                    Ok(mut outcomes) => outcomes.pop().map(answer).unwrap_or_else(|| {
                        Err(StoreError::invariant("a retried support got no answer"))
                    }),
                    Err(e) => Err(failed(&e)),
                });
            }
            answers
        }
    }
}

fn answer(outcome: Outcome) -> Result<i64> {
    match outcome {
        Outcome::Counted(n) => Ok(n),
        Outcome::Refused(k) => Err(StoreError::Conflict(k)),
    }
}

/// The caller's error for a support whose transaction failed (logged).
fn failed(e: &StoreError) -> StoreError {
    let msg = e.to_string();
    tracing::error!(error = %msg, "support failed");
    StoreError::Db(DbError::Batch(msg))
}

async fn try_batch(db: &Db, batch: &[SupportJob]) -> Result<Vec<Outcome>> {
    let mut tx = db.begin().await?;
    let mut decided: Vec<Option<std::result::Result<(), &'static str>>> = vec![None; batch.len()];
    // Supports with a per-person limit, one by one: each must see the
    // person's earlier supports, including those earlier in this batch.
    for (i, job) in batch.iter().enumerate() {
        let (Some(u), Some(limit)) = (job.user_id, job.limit) else {
            continue;
        };
        let used = tx
            .one_as::<Count>(
                "SELECT COUNT(*) AS n FROM supports WHERE user_id = $1 AND process_id = $2",
                params![u, job.process_id],
            )
            .await?
            .n;
        if used >= limit as i64 {
            decided[i] = Some(Err("error-support-limit"));
            continue;
        }
        let sql = format!(
            "{INSERT_SUPPORTS}($1, $2, $3, $4, $5, $6, $7, $8) ON CONFLICT DO NOTHING RETURNING id"
        );
        let inserted = tx.opt(&sql, &support_values(job)).await?;
        decided[i] = Some(if inserted.is_some() {
            Ok(())
        } else {
            Err("error-already-supported")
        });
    }
    // All others in multi-row inserts; the rows that come back were new,
    // the others were duplicates (also duplicates within this batch).
    let rest: Vec<usize> = (0..batch.len()).filter(|&i| decided[i].is_none()).collect();
    for chunk in rest.chunks(100) {
        let mut sql = multi_row_sql(
            INSERT_SUPPORTS,
            "($1, $2, $3, $4, $5, $6, $7, $8)",
            8,
            chunk.len(),
        );
        let mut values: Vec<P> = Vec::with_capacity(chunk.len() * 8);
        for &i in chunk {
            values.extend(support_values(&batch[i]));
        }
        sql.push_str(" ON CONFLICT DO NOTHING RETURNING proposal_id, user_id");
        let mut returned: HashMap<(i64, Option<i64>), usize> = HashMap::new();
        for r in tx.all_as::<Inserted>(&sql, &values).await? {
            *returned.entry((r.proposal_id, r.user_id)).or_default() += 1;
        }
        for &i in chunk {
            let key = (batch[i].proposal_id, batch[i].user_id);
            decided[i] = Some(match returned.get_mut(&key) {
                Some(n) if *n > 0 => {
                    *n -= 1;
                    Ok(())
                }
                _ => Err("error-already-supported"),
            });
        }
    }
    // Counters: one statement per proposal.
    let mut added: std::collections::BTreeMap<i64, i64> = std::collections::BTreeMap::new();
    for (i, job) in batch.iter().enumerate() {
        if matches!(decided[i], Some(Ok(()))) {
            *added.entry(job.proposal_id).or_default() += 1;
        }
    }
    let mut counts: HashMap<i64, i64> = HashMap::new();
    for (proposal, n) in &added {
        let c = tx
            .one_as::<SupportCount>("UPDATE proposals SET support_count = support_count + $1 WHERE id = $2 RETURNING support_count", params![*n, *proposal])
            .await?;
        counts.insert(*proposal, c.support_count);
    }
    // Audit entries in the order the supports arrived.
    let mut heads: HashMap<i64, (String, i64)> = HashMap::new();
    let mut entries: HashMap<i64, Vec<teilhabe_domain::audit::AuditEntry>> = HashMap::new();
    let mut outcomes = Vec::with_capacity(batch.len());
    for (i, job) in batch.iter().enumerate() {
        match decided[i] {
            Some(Ok(())) => {}
            Some(Err(k)) => {
                outcomes.push(Outcome::Refused(k));
                continue;
            }
            None => {
                return Err(StoreError::invariant(
                    "a support in the batch was not decided",
                ))
            }
        }
        let head = match heads.entry(job.municipality_id) {
            std::collections::hash_map::Entry::Occupied(o) => o.into_mut(),
            std::collections::hash_map::Entry::Vacant(v) => {
                v.insert(read_head(&mut tx, job.municipality_id).await?)
            }
        };
        let prev = (head.1 > 0).then_some((head.0.as_str(), head.1));
        let event = AuditEvent::new(
            job.actor.clone(),
            "support.added",
            format!("proposal:{}", job.proposal_id),
            serde_json::json!({"channel": job.channel}),
        );
        let entry = chain(prev, job.now, &event);
        *head = (entry.hash.clone(), entry.seq);
        entries.entry(job.municipality_id).or_default().push(entry);
        outcomes.push(Outcome::Counted(
            counts.get(&job.proposal_id).copied().unwrap_or(0),
        ));
    }
    for (municipality, list) in &entries {
        write_entries(&mut tx, *municipality, list).await?;
        let (hash, seq) = &heads[municipality];
        let had_head = list.first().map(|e| e.seq > 1).unwrap_or(true);
        if had_head {
            tx.exec(
                "UPDATE audit_heads SET seq = $1, hash = $2 WHERE municipality_id = $3",
                params![*seq, hash.as_str(), *municipality],
            )
            .await?;
        } else {
            tx.exec(
                "INSERT INTO audit_heads (municipality_id, seq, hash) VALUES ($1, $2, $3)",
                params![*municipality, *seq, hash.as_str()],
            )
            .await?;
        }
    }
    tx.commit().await?;
    Ok(outcomes)
}

/// The newest (hash, seq) of a municipality's chain, locked on PostgreSQL
/// so that other instances append after this batch.
async fn read_head(tx: &mut Tx, municipality: i64) -> Result<(String, i64)> {
    let sql = if tx.is_postgres() {
        "SELECT seq, hash FROM audit_heads WHERE municipality_id = $1 FOR UPDATE"
    } else {
        "SELECT seq, hash FROM audit_heads WHERE municipality_id = $1"
    };
    #[derive(serde::Deserialize)]
    struct Head {
        seq: i64,
        hash: String,
    }
    Ok(match tx.opt_as::<Head>(sql, params![municipality]).await? {
        Some(h) => (h.hash, h.seq),
        None => (teilhabe_domain::audit::GENESIS.to_string(), 0),
    })
}

/// One multi-row insert per 100 entries (well under both backends' limits
/// on bound parameters).
async fn write_entries(
    tx: &mut Tx,
    municipality: i64,
    list: &[teilhabe_domain::audit::AuditEntry],
) -> Result<()> {
    for chunk in list.chunks(100) {
        let sql = multi_row_sql(
            "INSERT INTO audit_log (municipality_id, seq, at_ms, actor, action, target, details, prev_hash, hash) VALUES ",
            "($1, $2, $3, $4, $5, $6, $7, $8, $9)",
            9,
            chunk.len(),
        );
        let mut params: Vec<P> = Vec::with_capacity(chunk.len() * 9);
        for e in chunk {
            params.extend([
                P::from(municipality),
                P::from(e.seq),
                P::from(e.at_ms),
                P::from(e.actor.as_str()),
                P::from(e.action.as_str()),
                P::from(e.target.as_str()),
                P::from(e.details.as_str()),
                P::from(e.prev_hash.as_str()),
                P::from(e.hash.as_str()),
            ]);
        }
        tx.exec(&sql, &params).await?;
    }
    Ok(())
}
