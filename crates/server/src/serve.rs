//! `teilhabe serve`: the web server with its connection limits (header,
//! request and body timeouts), graceful shutdown, and the log format.

use crate::{jobs, load_demo, open, print_logins, DbArgs};
use anyhow::{Context, Result};
use axum::extract::ConnectInfo;
use axum::http::StatusCode;
use clap::Args;
use hyper_util::rt::{TokioIo, TokioTimer};
use std::future::Future;
use std::net::SocketAddr;
use std::pin::Pin;
use std::task::{Context as TaskContext, Poll};
use std::time::Duration;
use tower::ServiceExt;

#[derive(Args)]
pub struct ServeArgs {
    /// Address and port to listen on
    #[arg(long, env = "TEILHABE_BIND", default_value = "127.0.0.1:8080")]
    bind: String,
    /// Public base URL used in e-mails (default: http://BIND)
    #[arg(long, env = "TEILHABE_BASE_URL")]
    base_url: Option<String>,
    /// Load the demo municipality first if the database is empty
    #[arg(long, env = "TEILHABE_DEMO")]
    demo: bool,
    /// Mark cookies Secure (set when served over HTTPS)
    #[arg(long, env = "TEILHABE_SECURE_COOKIES")]
    secure_cookies: bool,
    /// Trust X-Forwarded-For from a reverse proxy for rate limits (the
    /// entry the proxy appended, see --proxy-hops)
    #[arg(long, env = "TEILHABE_TRUST_PROXY")]
    trust_proxy: bool,
    /// SMTP server URL for outgoing mail, e.g. smtps://user:pass@mail.example:465
    /// or smtp://localhost:25; without it mail stays in the outbox (admin area);
    /// file:PATH appends mails with their links to a file (development only)
    #[arg(long, env = "TEILHABE_SMTP_URL")]
    smtp_url: Option<String>,
    /// Sender address of outgoing mail
    #[arg(long, env = "TEILHABE_MAIL_FROM", default_value = "teilhabe@localhost")]
    mail_from: String,
    /// Login attempts per minute and client address
    #[arg(long, env = "TEILHABE_LOGIN_PER_MINUTE", default_value_t = 10)]
    login_per_minute: u32,
    /// Milliseconds for which anonymous page views are reused under load (0 = off)
    #[arg(long, env = "TEILHABE_PAGE_CACHE_MS", default_value_t = 1000)]
    page_cache_ms: u64,
    /// Contributions (proposals, comments, supports) per minute and client
    #[arg(long, env = "TEILHABE_CONTRIBUTIONS_PER_MINUTE", default_value_t = 30)]
    contributions_per_minute: u32,
    /// Seconds a client has to send a request's headers; an idle keep-alive
    /// connection is closed after the same time (0 = no limit)
    #[arg(long, env = "TEILHABE_HEADER_TIMEOUT", default_value_t = 10)]
    header_timeout: u64,
    /// Seconds for a whole request, body included: slower requests are
    /// answered 408 (0 = no limit)
    #[arg(long, env = "TEILHABE_REQUEST_TIMEOUT", default_value_t = 30)]
    request_timeout: u64,
    #[command(flatten)]
    hardening: crate::hardening::HardeningArgs,
}

/// Seconds as a limit; 0 means none.
fn limit(secs: u64) -> Option<Duration> {
    (secs > 0).then(|| Duration::from_secs(secs))
}

pub async fn serve(db: &DbArgs, args: ServeArgs) -> Result<()> {
    let store = open(db).await?;
    if args.demo && store.tenants().all().await?.is_empty() {
        load_demo(&store).await?;
    } else if args.demo {
        print_logins();
    }
    let addr: SocketAddr = args
        .bind
        .parse()
        .with_context(|| format!("invalid --bind address '{}'", args.bind))?;
    let base_url = args
        .base_url
        .clone()
        .unwrap_or_else(|| format!("http://{addr}"));
    let mut config = teilhabe_web::Config {
        base_url: base_url.clone(),
        secure_cookies: args.secure_cookies,
        trust_proxy: args.trust_proxy,
        login_per_minute: args.login_per_minute,
        contributions_per_minute: args.contributions_per_minute,
        page_cache_ms: args.page_cache_ms,
        ..teilhabe_web::Config::default()
    };
    args.hardening.apply(&mut config);
    let state = teilhabe_web::AppState::new(store.clone(), config).await?;
    let jobs = jobs::Jobs::spawn(state.clone(), args.smtp_url.clone(), args.mail_from.clone());
    let request_timeout = limit(args.request_timeout);
    let mut app = teilhabe_web::router(state);
    if let Some(t) = request_timeout {
        app = app.layer(tower_http::timeout::TimeoutLayer::with_status_code(
            StatusCode::REQUEST_TIMEOUT,
            t,
        ));
    }
    let listener = tokio::net::TcpListener::bind(addr)
        .await
        .with_context(|| format!("cannot listen on {addr}"))?;
    println!("teilhabe is running at {base_url}  (stop with Ctrl+C)");

    let mut http = hyper::server::conn::http1::Builder::new();
    // The header timeout also ends idle keep-alive connections: hyper waits
    // for the next request's headers under the same timer.
    http.timer(TokioTimer::new())
        .header_read_timeout(limit(args.header_timeout));
    let graceful = hyper_util::server::graceful::GracefulShutdown::new();
    let mut signal = std::pin::pin!(jobs::shutdown_signal());
    loop {
        let (stream, remote) = tokio::select! {
            accepted = listener.accept() => match accepted {
                Ok(a) => a,
                Err(e) => {
                    // Out of file handles and the like: wait, do not spin.
                    tracing::warn!(error = %e, "accepting a connection failed");
                    tokio::time::sleep(Duration::from_millis(100)).await;
                    continue;
                }
            },
            signal = &mut signal => {
                tracing::info!(signal, "shutdown requested: finishing requests in flight");
                break;
            }
        };
        let app = app.clone();
        let service = hyper::service::service_fn(move |req: hyper::Request<_>| {
            let mut req = req.map(|body| match request_timeout {
                // A body that stops arriving ends the request like a slow one.
                Some(t) => axum::body::Body::new(StallTimeout::new(body, t)),
                None => axum::body::Body::new(body),
            });
            req.extensions_mut().insert(ConnectInfo(remote));
            app.clone().oneshot(req)
        });
        let conn = graceful.watch(http.serve_connection(TokioIo::new(stream), service));
        tokio::spawn(async move {
            if let Err(e) = conn.await {
                tracing::debug!(error = %e, %remote, "connection ended with an error");
            }
        });
    }
    // Stop accepting, then let every open connection finish its request.
    drop(listener);
    let grace = request_timeout.unwrap_or(Duration::from_secs(30)) + Duration::from_secs(5);
    if tokio::time::timeout(grace, graceful.shutdown())
        .await
        .is_err()
    {
        tracing::warn!("connections still open after {grace:?}: closing them");
    }
    jobs.shutdown(Duration::from_secs(10)).await;
    store.db.close().await;
    tracing::info!("shutdown complete");
    Ok(())
}

/// A request body that fails once no data arrived for `timeout`. Unlike
/// tower-http's `TimeoutBody` it passes on the body's size hint (the
/// declared Content-Length), so that nothing behind it sees less than
/// without it.
struct StallTimeout<B> {
    body: B,
    timeout: Duration,
    sleep: Option<Pin<Box<tokio::time::Sleep>>>,
}

impl<B> StallTimeout<B> {
    fn new(body: B, timeout: Duration) -> Self {
        StallTimeout {
            body,
            timeout,
            sleep: None,
        }
    }
}

impl<B> hyper::body::Body for StallTimeout<B>
where
    B: hyper::body::Body + Unpin,
    B::Error: Into<axum::BoxError>,
{
    type Data = B::Data;
    type Error = axum::BoxError;

    fn poll_frame(
        mut self: Pin<&mut Self>,
        cx: &mut TaskContext<'_>,
    ) -> Poll<Option<Result<hyper::body::Frame<B::Data>, axum::BoxError>>> {
        let this = &mut *self;
        if let Poll::Ready(frame) = Pin::new(&mut this.body).poll_frame(cx) {
            this.sleep = None;
            return Poll::Ready(frame.map(|f| f.map_err(Into::into)));
        }
        let timeout = this.timeout;
        let sleep = this
            .sleep
            .get_or_insert_with(|| Box::pin(tokio::time::sleep(timeout)));
        match sleep.as_mut().poll(cx) {
            Poll::Ready(()) => Poll::Ready(Some(Err("the request body stopped arriving".into()))),
            Poll::Pending => Poll::Pending,
        }
    }

    fn is_end_stream(&self) -> bool {
        self.body.is_end_stream()
    }

    fn size_hint(&self) -> hyper::body::SizeHint {
        self.body.size_hint()
    }
}

/// How log lines are written to standard error.
#[derive(Clone, Copy, clap::ValueEnum)]
pub enum LogFormat {
    /// Human-readable lines
    Text,
    /// One JSON object per line (for journald, Loki, Elasticsearch, ...)
    Json,
}

/// Sets up logging: the filter from TEILHABE_LOG, the format from
/// `--log-format` / TEILHABE_LOG_FORMAT.
pub fn init_logging(format: LogFormat) {
    let filter = tracing_subscriber::EnvFilter::try_from_env("TEILHABE_LOG")
        .unwrap_or_else(|_| "info,sqlx=warn".into());
    let builder = tracing_subscriber::fmt()
        .with_env_filter(filter)
        .with_writer(std::io::stderr);
    match format {
        LogFormat::Text => builder.init(),
        LogFormat::Json => builder.json().flatten_event(true).init(),
    }
}
