//! Group commit for opinion-map votes. People vote every few seconds, so
//! votes are the opinion map's most frequent write. Concurrent votes queue
//! here; one writer task takes everything waiting (up to 256), writes each
//! vote with the same statements as a single vote would (participant, vote
//! upsert, counters) inside one transaction and commits once, so one fsync
//! makes the whole batch durable. Each caller hears back after the commit.
//! If the batch fails, every vote is retried in a transaction of its own,
//! so one bad vote cannot take the others down.

use super::votes::{participant, put_vote, VoterId};
use crate::{Db, Result, StoreError};
use teilhabe_domain::opinion::OpinionVote;
use tokio::sync::{mpsc, oneshot};

const MAX_BATCH: usize = 256;

pub(crate) struct VoteJob {
    pub municipality_id: i64,
    pub process_id: i64,
    pub voter: VoterId,
    pub statement_id: i64,
    pub vote: OpinionVote,
    pub now: i64,
    pub reply: Option<oneshot::Sender<Result<()>>>,
}

#[derive(Clone)]
pub(crate) struct VoteWriter {
    queue: mpsc::Sender<VoteJob>,
}

impl VoteWriter {
    pub fn start(db: Db) -> VoteWriter {
        let (queue, mut rx) = mpsc::channel::<VoteJob>(4096);
        tokio::spawn(async move {
            while let Some(first) = rx.recv().await {
                let mut batch = vec![first];
                while batch.len() < MAX_BATCH {
                    match rx.try_recv() {
                        Ok(j) => batch.push(j),
                        Err(_) => break,
                    }
                }
                write_batch(&db, batch).await;
            }
        });
        VoteWriter { queue }
    }

    pub async fn submit(&self, mut job: VoteJob) -> Result<()> {
        let (tx, rx) = oneshot::channel();
        job.reply = Some(tx);
        self.queue
            .send(job)
            .await
            .map_err(|e| StoreError::internal("the vote writer has stopped", e.to_string()))?;
        rx.await
            .map_err(|e| StoreError::internal("the vote writer dropped the vote", e))?
    }
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

async fn write_batch(db: &Db, mut batch: Vec<VoteJob>) {
    let together = async {
        let mut tx = db.begin().await?;
        for job in &batch {
            write_one(&mut tx, job).await?;
        }
        tx.commit().await?;
        Result::<()>::Ok(())
    }
    .await;
    if together.is_ok() {
        for job in &mut batch {
            if let Some(r) = job.reply.take() {
                let _ = r.send(Ok(()));
            }
        }
        return;
    }
    // The batch rolled back: each vote on its own, each caller gets its answer.
    for job in &mut batch {
        let alone = async {
            let mut tx = db.begin().await?;
            write_one(&mut tx, job).await?;
            tx.commit().await?;
            Result::<()>::Ok(())
        }
        .await;
        if let Err(e) = &alone {
            tracing::warn!(error = %e, "opinion vote failed");
        }
        if let Some(r) = job.reply.take() {
            let _ = r.send(alone);
        }
    }
}
