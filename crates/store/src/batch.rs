//! The batching core of the group-commit writers (supports in
//! `proposals/group_commit.rs`, opinion votes in `opinion/vote_commit.rs`).
//! Concurrent jobs queue here; one writer task takes everything waiting (up
//! to the writer's maximum) and hands the batch to the writer's function,
//! which writes it in one transaction. Each caller gets its answer only
//! after that function returned, that is after the commit: durable when
//! answered.

use crate::{Db, Result, StoreError};
use std::future::Future;
use std::pin::Pin;
use tokio::sync::{mpsc, oneshot};

/// Writes one batch and returns one answer per job, in the jobs' order.
pub(crate) type WriteBatch<J, R> =
    for<'a> fn(&'a Db, &'a [J]) -> Pin<Box<dyn Future<Output = Vec<Result<R>>> + Send + 'a>>;

/// What a writer is called in its internal errors.
pub(crate) struct Names {
    pub stopped: &'static str,
    pub dropped: &'static str,
}

type Queued<J, R> = (J, oneshot::Sender<Result<R>>);

pub(crate) struct Batcher<J, R> {
    queue: mpsc::Sender<Queued<J, R>>,
    names: &'static Names,
}

impl<J, R> Clone for Batcher<J, R> {
    fn clone(&self) -> Self {
        Batcher {
            queue: self.queue.clone(),
            names: self.names,
        }
    }
}

impl<J: Send + Sync + 'static, R: Send + 'static> Batcher<J, R> {
    pub fn start(db: Db, max_batch: usize, names: &'static Names, write: WriteBatch<J, R>) -> Self {
        let (queue, mut rx) = mpsc::channel::<Queued<J, R>>(4096);
        tokio::spawn(async move {
            while let Some(first) = rx.recv().await {
                let mut batch = vec![first];
                while batch.len() < max_batch {
                    match rx.try_recv() {
                        Ok(j) => batch.push(j),
                        Err(_) => break,
                    }
                }
                let (jobs, replies): (Vec<J>, Vec<_>) = batch.into_iter().unzip();
                let mut answers = write(&db, &jobs).await.into_iter();
                for reply in replies {
                    let answer = answers.next().unwrap_or_else(|| {
                        Err(StoreError::invariant("a batched job got no answer"))
                    });
                    let _ = reply.send(answer);
                }
            }
        });
        Batcher { queue, names }
    }

    /// Queues the job and waits until its batch is committed (or failed).
    pub async fn submit(&self, job: J) -> Result<R> {
        let (tx, rx) = oneshot::channel();
        self.queue
            .send((job, tx))
            .await
            .map_err(|e| StoreError::internal(self.names.stopped, e.to_string()))?;
        rx.await
            .map_err(|e| StoreError::internal(self.names.dropped, e))?
    }
}
