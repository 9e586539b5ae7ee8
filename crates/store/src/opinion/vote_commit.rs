//! Group commit for opinion-map votes. People vote every few seconds, so
//! votes are the opinion map's most frequent write. Concurrent votes queue
//! in the batching core (`crate::batch`, up to 256 a batch); the batch
//! writes each vote with the same statements as a single vote would
//! (participant, vote upsert, counters) inside one transaction and commits
//! once, so one fsync makes the whole batch durable. Each caller hears back
//! after the commit. If the batch fails, every vote is retried in a
//! transaction of its own, so one bad vote cannot take the others down.

use super::votes::{participant, put_vote, VoterId};
use crate::batch::{Batcher, Names};
use crate::{Db, Result};
use teilhabe_domain::opinion::OpinionVote;

const MAX_BATCH: usize = 256;

pub(crate) struct VoteJob {
    pub municipality_id: i64,
    pub process_id: i64,
    pub voter: VoterId,
    pub statement_id: i64,
    pub vote: OpinionVote,
    pub now: i64,
}

pub(crate) type VoteWriter = Batcher<VoteJob, ()>;

static NAMES: Names = Names {
    stopped: "the vote writer has stopped",
    dropped: "the vote writer dropped the vote",
};

pub(crate) fn start(db: Db) -> VoteWriter {
    Batcher::start(db, MAX_BATCH, &NAMES, |db, jobs| {
        Box::pin(write_batch(db, jobs))
    })
}

async fn write_one(tx: &mut crate::Tx, job: &VoteJob) -> Result<()> {
    let participant =
        participant(tx, job.municipality_id, job.process_id, &job.voter, job.now).await?;
    put_vote(
        tx,
        job.municipality_id,
        job.process_id,
        participant,
        job.statement_id,
        job.vote,
        "online",
        job.now,
    )
    .await
}

/// Writes `jobs` in one transaction.
async fn write_all(db: &Db, jobs: &[VoteJob]) -> Result<()> {
    let mut tx = db.begin().await?;
    for job in jobs {
        write_one(&mut tx, job).await?;
    }
    tx.commit().await?;
    Ok(())
}

async fn write_batch(db: &Db, batch: &[VoteJob]) -> Vec<Result<()>> {
    if write_all(db, batch).await.is_ok() {
        return batch.iter().map(|_| Ok(())).collect();
    }
    // The batch rolled back: each vote on its own, each caller gets its answer.
    let mut answers = Vec::with_capacity(batch.len());
    for job in batch {
        let alone = write_all(db, std::slice::from_ref(job)).await;
        if let Err(e) = &alone {
            tracing::warn!(error = %e, "opinion vote failed");
        }
        answers.push(alone);
    }
    answers
}
