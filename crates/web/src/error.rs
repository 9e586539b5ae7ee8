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
            AppError::CsrfInvalid | AppError::CsrfExpired => StatusCode::FORBIDDEN,
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
            AppError::Denied(Denied::NotOpen) => "not-open",
            AppError::Conflict(k) => return k.trim_start_matches("error-").to_string(),
            AppError::Invalid(_) => "validation",
            AppError::BadRequest(k, _) => return k.trim_start_matches("error-").to_string(),
            AppError::PayloadTooLarge => "payload-too-large",
            AppError::RateLimited => "rate-limited",
            AppError::CsrfInvalid => "csrf-invalid",
            AppError::CsrfExpired => "csrf-expired",
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
            StoreError::Db(e) => {
                tracing::error!(error = %e, "database error");
                AppError::Internal(e.to_string())
            }
            StoreError::Analysis(e) => {
                tracing::error!(error = %e, "analysis error");
                AppError::Internal(e)
            }
        }
    }
}

impl From<Denied> for AppError {
    fn from(d: Denied) -> Self {
        AppError::Denied(d)
    }
}

impl From<minijinja::Error> for AppError {
    fn from(e: minijinja::Error) -> Self {
        tracing::error!(error = %e, "template error");
        AppError::Internal(e.to_string())
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
