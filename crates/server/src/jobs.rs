//! The server's background jobs and their graceful stop.
//!
//! The jobs the store's modules declare (`teilhabe_store::module::MODULES`:
//! opinion-map analyses every 2 seconds when votes changed, computed
//! indicators every hour); digest mails every 10 minutes; the outbox is
//! sent every 30 seconds when SMTP is configured.
//!
//! Each job runs, then waits for its interval or for the stop signal,
//! whichever comes first. A run in progress is never cut short by the
//! signal: [`Jobs::shutdown`] waits for the current runs to end, up to a
//! limit, and only then aborts what is still running.

use anyhow::Result;
use std::future::Future;
use std::time::Duration;
use tokio::task::JoinSet;
use tokio_util::sync::CancellationToken;

/// The running background jobs.
pub struct Jobs {
    stop: CancellationToken,
    tasks: JoinSet<()>,
}

impl Jobs {
    /// Starts every job: the store modules' jobs, then the web layer's; the
    /// SMTP sender only with an SMTP URL.
    pub fn spawn(state: teilhabe_web::AppState, smtp_url: Option<String>, from: String) -> Jobs {
        let mut jobs = Jobs {
            stop: CancellationToken::new(),
            tasks: JoinSet::new(),
        };
        // The store modules' jobs (opinion analyses, computed indicators, …).
        for job in teilhabe_store::module::jobs() {
            let s = state.clone();
            jobs.every(job.name, job.every, move || {
                let s = s.clone();
                async move {
                    if let Err(e) = (job.run)(&s.store).await {
                        tracing::warn!(job = job.name, error = %e, "background job failed");
                    }
                }
            });
        }
        let s = state.clone();
        jobs.every("mail digest", Duration::from_secs(600), move || {
            let s = s.clone();
            async move {
                if let Err(e) = teilhabe_web::jobs::send_digests(&s).await {
                    tracing::warn!(error = %e, "digest run failed");
                }
            }
        });
        let Some(url) = smtp_url else {
            tracing::info!("no SMTP configured: mails stay in the outbox (admin area)");
            return jobs;
        };
        // Development: `file:PATH` appends every mail, links included, to
        // a file instead of sending it.
        if let Some(path) = url.strip_prefix("file:") {
            let path = std::path::PathBuf::from(path);
            tracing::warn!(path = %path.display(), "mail goes to a file (development only)");
            jobs.every("mail to file", Duration::from_secs(5), move || {
                let (s, path) = (state.clone(), path.clone());
                async move {
                    if let Err(e) = teilhabe_web::jobs::send_to_file(&s, &path).await {
                        tracing::warn!(error = %e, "writing mail to the file failed");
                    }
                }
            });
            return jobs;
        }
        use lettre::{AsyncSmtpTransport, Tokio1Executor};
        let transport = match AsyncSmtpTransport::<Tokio1Executor>::from_url(&url) {
            Ok(t) => t.build(),
            Err(e) => {
                tracing::error!(error = %e, "invalid SMTP URL; mails stay in the outbox");
                return jobs;
            }
        };
        jobs.every("mail sending", Duration::from_secs(30), move || {
            send_mail(state.clone(), transport.clone(), from.clone())
        });
        jobs
    }

    /// Runs `run` now and then every `interval` until the stop signal.
    fn every<F, Fut>(&mut self, name: &'static str, interval: Duration, mut run: F)
    where
        F: FnMut() -> Fut + Send + 'static,
        Fut: Future<Output = ()> + Send + 'static,
    {
        let stop = self.stop.clone();
        self.tasks.spawn(async move {
            loop {
                run().await;
                tokio::select! {
                    _ = stop.cancelled() => break,
                    _ = tokio::time::sleep(interval) => {}
                }
            }
            tracing::debug!(job = name, "background job stopped");
        });
    }

    /// Tells every job to stop and waits until their current runs are
    /// done, at most `limit`; jobs still running then are aborted.
    pub async fn shutdown(mut self, limit: Duration) {
        self.stop.cancel();
        let all_done = async { while self.tasks.join_next().await.is_some() {} };
        if tokio::time::timeout(limit, all_done).await.is_err() {
            tracing::warn!(
                limit_secs = limit.as_secs(),
                "background jobs did not finish in time; aborting them"
            );
            self.tasks.abort_all();
            while self.tasks.join_next().await.is_some() {}
        } else {
            tracing::info!("background jobs stopped");
        }
    }
}

/// One run of the SMTP sender: claims up to 50 mails and sends them.
async fn send_mail(
    state: teilhabe_web::AppState,
    transport: lettre::AsyncSmtpTransport<lettre::Tokio1Executor>,
    from: String,
) {
    use lettre::{AsyncTransport, Message};
    match state.store.mail().claim(50, 300_000).await {
        Ok(mails) => {
            for m in mails {
                // A mail with a secret link gets its token only now.
                let body = teilhabe_web::jobs::outgoing(&state, &m).await;
                let msg = (|| -> Result<Message> {
                    Ok(Message::builder()
                        .from(from.parse()?)
                        .to(m.recipient.parse()?)
                        .subject(m.subject.clone())
                        .body(body?)?)
                })();
                let result = match msg {
                    Ok(msg) => transport
                        .send(msg)
                        .await
                        .map(|_| ())
                        .map_err(|e| e.to_string()),
                    Err(e) => Err(e.to_string()),
                };
                let _ = state
                    .store
                    .mail()
                    .mark(m.id, result.as_ref().err().map(String::as_str))
                    .await;
            }
        }
        Err(e) => tracing::warn!(error = %e, "reading the outbox failed"),
    }
}

/// Resolves on Ctrl-C (SIGINT) or SIGTERM and says which it was.
pub async fn shutdown_signal() -> &'static str {
    let ctrl_c = async {
        if tokio::signal::ctrl_c().await.is_err() {
            std::future::pending::<()>().await;
        }
    };
    #[cfg(unix)]
    let term = async {
        match tokio::signal::unix::signal(tokio::signal::unix::SignalKind::terminate()) {
            Ok(mut s) => {
                s.recv().await;
            }
            Err(_) => std::future::pending::<()>().await,
        }
    };
    #[cfg(not(unix))]
    let term = std::future::pending::<()>();
    tokio::select! {
        _ = ctrl_c => "Ctrl-C",
        _ = term => "SIGTERM",
    }
}
