//! Error policy of the web layer: handlers return [`AppError`]; it becomes
//! an [`ErrorInfo`] in the response's extensions, and the `render_errors`
//! middleware turns that into a helpful HTML page (in the visitor's
//! language) or an RFC 9457 `application/problem+json` document for the
//! API. One type, two renderings, so both always agree.

use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use teilhabe_domain::{Denied, FieldErrors};
use teilhabe_store::StoreError;

#[derive(Debug, Clone)]
pub enum AppError {
    NotFound,
    Denied(Denied),
    Conflict(&'static str),
    Invalid(FieldErrors),
    BadRequest(&'static str, String),
    PayloadTooLarge,
    RateLimited,
    CsrfInvalid,
    CsrfExpired,
    NoMunicipality,
    /// A `Host` not configured for any municipality (`--strict-hosts`).
    UnknownHost,
    /// A bearer token that is missing its scheme, unknown, revoked,
    /// expired, or sent to a page route: 401 with `WWW-Authenticate`.
    Unauthorized(&'static str),
    /// A valid API token without the scope the route needs: 403.
    TokenScope(&'static str),
    /// A role of the person requires two-factor authentication and it is
    /// not set up: pages redirect to the setup, the API refuses (403).
    TwoFactorRequired,
    /// The route exists, the method does not (405, with `Allow`).
    MethodNotAllowed,
    /// The framework refused the request before a handler ran: a path or
    /// query value that does not parse, a JSON body that does not fit
    /// (its status: 400, 415, 422, ...), with the framework's reason.
    Malformed(StatusCode, String),
    /// A failure the person cannot fix (database, I/O, serialisation, a
    /// broken invariant): 500 with a generic message. The text is the
    /// cause with its chain, for the log only (`render_errors` logs it);
    /// it is never shown.
    Internal(String),
}

/// What the error middleware needs to render the answer.
#[derive(Debug, Clone)]
pub struct ErrorInfo(pub AppError);

impl AppError {
    pub fn status(&self) -> StatusCode {
        match self {
            AppError::NotFound | AppError::NoMunicipality => StatusCode::NOT_FOUND,
            AppError::Denied(Denied::LoginRequired) => StatusCode::UNAUTHORIZED,
            AppError::Denied(Denied::NotFound) => StatusCode::NOT_FOUND,
            AppError::Denied(Denied::NotOpen) => StatusCode::CONFLICT,
            AppError::Denied(_) => StatusCode::FORBIDDEN,
            AppError::Conflict(_) => StatusCode::CONFLICT,
            AppError::Invalid(_) => StatusCode::UNPROCESSABLE_ENTITY,
            AppError::BadRequest(..) => StatusCode::BAD_REQUEST,
            AppError::PayloadTooLarge => StatusCode::PAYLOAD_TOO_LARGE,
            AppError::RateLimited => StatusCode::TOO_MANY_REQUESTS,
            AppError::CsrfInvalid | AppError::CsrfExpired | AppError::TwoFactorRequired => {
                StatusCode::FORBIDDEN
            }
            AppError::UnknownHost => StatusCode::MISDIRECTED_REQUEST,
            AppError::Unauthorized(_) => StatusCode::UNAUTHORIZED,
            AppError::TokenScope(_) => StatusCode::FORBIDDEN,
            AppError::MethodNotAllowed => StatusCode::METHOD_NOT_ALLOWED,
            AppError::Malformed(status, _) => *status,
            AppError::Internal(_) => StatusCode::INTERNAL_SERVER_ERROR,
        }
    }

    /// i18n key of the title shown to people.
    pub fn title_key(&self) -> &'static str {
        match self {
            AppError::NotFound | AppError::Denied(Denied::NotFound) => "error-not-found-title",
            AppError::NoMunicipality => "error-no-municipality-title",
            AppError::Denied(d) => d.message_key(),
            AppError::Conflict(k) => k,
            AppError::Invalid(_) => "error-invalid-title",
            AppError::BadRequest(k, _) => k,
            AppError::PayloadTooLarge => "error-too-large",
            AppError::RateLimited => "error-rate-limited",
            AppError::CsrfInvalid => "error-csrf-invalid",
            AppError::CsrfExpired => "error-csrf-expired",
            AppError::UnknownHost => "security-unknown-host-title",
            AppError::Unauthorized(k) => k,
            AppError::TokenScope(_) => "error-token-scope",
            AppError::TwoFactorRequired => "error-twofactor-setup-required",
            AppError::MethodNotAllowed => "error-method",
            AppError::Malformed(status, _) => match status.as_u16() {
                415 => "error-malformed-media-type",
                422 => "error-malformed-body",
                _ => "error-malformed-request",
            },
            AppError::Internal(_) => "error-internal",
        }
    }

    /// A stable machine-readable type for problem+json.
    pub fn type_slug(&self) -> String {
        let s = match self {
            AppError::NotFound | AppError::Denied(Denied::NotFound) => "not-found",
            AppError::NoMunicipality => "no-municipality",
            AppError::Denied(Denied::LoginRequired) => "login-required",
            AppError::Denied(Denied::Forbidden) => "forbidden",
            AppError::Denied(Denied::VerificationRequired) => "verification-required",
            AppError::Denied(Denied::ConfirmationRequired) => "confirmation-required",
            AppError::Denied(Denied::NotOpen) => "not-open",
            AppError::Conflict(k) => return k.trim_start_matches("error-").to_string(),
            AppError::Invalid(_) => "validation",
            AppError::BadRequest(k, _) => return k.trim_start_matches("error-").to_string(),
            AppError::PayloadTooLarge => "payload-too-large",
            AppError::RateLimited => "rate-limited",
            AppError::CsrfInvalid => "csrf-invalid",
            AppError::CsrfExpired => "csrf-expired",
            AppError::UnknownHost => "unknown-host",
            AppError::Unauthorized(k) => return k.trim_start_matches("error-").to_string(),
            AppError::TokenScope(_) => "token-scope",
            AppError::TwoFactorRequired => "twofactor-required",
            AppError::MethodNotAllowed => "method",
            AppError::Malformed(..) => "malformed-request",
            AppError::Internal(_) => "internal",
        };
        s.to_string()
    }
}

impl From<StoreError> for AppError {
    fn from(e: StoreError) -> Self {
        match e {
            StoreError::NotFound => AppError::NotFound,
            StoreError::Denied(d) => AppError::Denied(d),
            StoreError::Invalid(f) => AppError::Invalid(f),
            StoreError::Conflict(k) => AppError::Conflict(k),
            e @ (StoreError::Db(_) | StoreError::Analysis(_) | StoreError::Internal { .. }) => {
                AppError::Internal(e.chain())
            }
        }
    }
}

impl AppError {
    /// An internal failure caused by `e` while doing `what` (logged with
    /// its chain by `render_errors`, shown as a generic 500).
    pub fn internal(what: &str, e: &(dyn std::error::Error + 'static)) -> Self {
        AppError::Internal(format!("{what}: {}", teilhabe_store::error_chain(e)))
    }
}

impl From<Denied> for AppError {
    fn from(d: Denied) -> Self {
        AppError::Denied(d)
    }
}

impl From<minijinja::Error> for AppError {
    fn from(e: minijinja::Error) -> Self {
        AppError::internal("template", &e)
    }
}

impl IntoResponse for AppError {
    fn into_response(self) -> Response {
        let mut r = self.status().into_response();
        r.extensions_mut().insert(ErrorInfo(self));
        r
    }
}

pub type AppResult<T = Response> = Result<T, AppError>;

#[cfg(test)]
mod tests {
    use super::*;
    use crate::{AppState, Config};
    use axum::body::Body;
    use axum::http::{header, Request};
    use axum::routing::get;
    use axum::Router;
    use http_body_util::BodyExt;
    use std::sync::{Arc, Mutex};
    use teilhabe_testkit::TestDb;
    use tower::ServiceExt;

    const CAUSE: &str = "disk sector 4711 unreadable";

    fn failing() -> AppResult {
        let io = std::io::Error::other(CAUSE);
        Err(StoreError::internal("reading the budget", io).into())
    }

    #[test]
    fn internal_store_errors_are_500_not_conflict() {
        let e: AppError = StoreError::internal("x", std::io::Error::other(CAUSE)).into();
        assert_eq!(e.status(), StatusCode::INTERNAL_SERVER_ERROR);
        assert_eq!(e.title_key(), "error-internal");
        assert_eq!(e.type_slug(), "internal");
        // The cause is kept (for the log) with its chain.
        let AppError::Internal(cause) = e else {
            panic!("not internal")
        };
        assert_eq!(cause, format!("internal error: x: {CAUSE}"));
        let e: AppError = StoreError::invariant("broken").into();
        assert_eq!(e.status(), StatusCode::INTERNAL_SERVER_ERROR);
        // Real rule conflicts stay 409.
        let e: AppError = StoreError::Conflict("error-already-hidden").into();
        assert_eq!(e.status(), StatusCode::CONFLICT);
    }

    /// Log lines written while the test runs.
    #[derive(Clone, Default)]
    struct Log(Arc<Mutex<Vec<u8>>>);
    impl std::io::Write for Log {
        fn write(&mut self, b: &[u8]) -> std::io::Result<usize> {
            self.0.lock().unwrap().extend_from_slice(b);
            Ok(b.len())
        }
        fn flush(&mut self) -> std::io::Result<()> {
            Ok(())
        }
    }

    #[tokio::test]
    async fn internal_errors_answer_500_generically_and_log_the_cause() {
        let log = Log::default();
        let writer = log.clone();
        let subscriber = tracing_subscriber::fmt()
            .with_writer(move || writer.clone())
            .with_ansi(false)
            .finish();
        let _guard = tracing::subscriber::set_default(subscriber);

        let db = TestDb::new().await;
        let store = db.store().await;
        store
            .create_tenant("musterstadt", "Musterstadt", &["localhost"])
            .await
            .unwrap();
        let state = AppState::new(store, Config::default()).await.unwrap();
        let app = Router::new()
            .route("/boom", get(|| async { failing() }))
            .route("/api/boom", get(|| async { failing() }))
            .layer(axum::middleware::from_fn_with_state(
                state.clone(),
                crate::render::render_errors,
            ))
            .with_state(state);
        let call = |path: &'static str| {
            let app = app.clone();
            async move {
                let r = app
                    .oneshot(
                        Request::get(path)
                            .header(header::HOST, "localhost")
                            .header(header::ACCEPT, "text/html")
                            .body(Body::empty())
                            .unwrap(),
                    )
                    .await
                    .unwrap();
                let status = r.status();
                let ct = r.headers()[header::CONTENT_TYPE]
                    .to_str()
                    .unwrap()
                    .to_string();
                let body = r.into_body().collect().await.unwrap().to_bytes();
                (status, ct, String::from_utf8(body.to_vec()).unwrap())
            }
        };

        let (status, ct, html) = call("/boom").await;
        assert_eq!(status, StatusCode::INTERNAL_SERVER_ERROR);
        assert!(ct.starts_with("text/html"), "{ct}");
        assert!(
            html.contains("Ein interner Fehler ist aufgetreten"),
            "{html}"
        );
        assert!(!html.contains(CAUSE) && !html.contains("budget"), "{html}");

        let (status, ct, json) = call("/api/boom").await;
        assert_eq!(status, StatusCode::INTERNAL_SERVER_ERROR);
        assert_eq!(ct, "application/problem+json");
        let p: serde_json::Value = serde_json::from_str(&json).unwrap();
        assert_eq!(p["type"], "https://teilhabe.dev/problems/internal");
        assert_eq!(p["status"], 500);
        assert!(p.get("detail").is_none(), "{json}");
        assert!(!json.contains(CAUSE) && !json.contains("budget"), "{json}");

        let logged = String::from_utf8(log.0.lock().unwrap().clone()).unwrap();
        let lines: Vec<&str> = logged
            .lines()
            .filter(|l| l.contains("internal error"))
            .collect();
        assert_eq!(lines.len(), 2, "{logged}");
        for (line, path) in lines.iter().zip(["/boom", "/api/boom"]) {
            assert!(line.contains("ERROR"), "{line}");
            assert!(line.contains(&format!("path={path}")), "{line}");
            assert!(
                line.contains(&format!("reading the budget: {CAUSE}")),
                "{line}"
            );
        }
    }
}
