//! Per-request context: municipality (by host), signed-in user and their
//! permissions, language, CSRF binding. Built once per request in a
//! constant number of statements (0 for visitors with a cached
//! municipality, 2 with a session).

use crate::csrf;
use crate::error::AppError;
use crate::i18n::Lang;
use crate::AppState;
use axum::body::Bytes;
use axum::extract::{FromRequest, FromRequestParts, Request};
use axum::http::request::Parts;
use axum::http::{header, HeaderMap};
use cookie::Cookie;
use serde::de::DeserializeOwned;
use teilhabe_domain::Actor;
use teilhabe_store::accounts::{TokenAuth, User};
use teilhabe_store::processes::Process;
use teilhabe_store::proposals::ProposalDetail;
use teilhabe_store::Tenant;

pub const SESSION_COOKIE: &str = "th_session";
pub const NONCE_COOKIE: &str = "th_csrf";
pub const LANG_COOKIE: &str = "th_lang";
/// The pseudonymous browser id of a visitor who votes on an opinion map.
pub const VOTER_COOKIE: &str = "th_voter";

#[derive(Clone)]
pub struct Ctx {
    pub state: AppState,
    pub tenant: Tenant,
    pub user: Option<User>,
    pub actor: Actor,
    pub lang: Lang,
    pub session_token: Option<String>,
    /// The anonymous CSRF binding; `fresh` when it must be set as a cookie.
    pub nonce: String,
    pub nonce_fresh: bool,
    pub path: String,
    pub client: String,
    /// Authenticated with an API token (no CSRF needed: no cookies involved).
    pub via_token: bool,
    /// The visitor's opinion-map browser id, if they have voted before.
    pub voter_cookie: Option<String>,
}

fn cookies(headers: &HeaderMap) -> Vec<Cookie<'static>> {
    headers
        .get_all(header::COOKIE)
        .iter()
        .filter_map(|v| v.to_str().ok())
        .flat_map(|s| {
            Cookie::split_parse(s.to_string())
                .filter_map(Result::ok)
                .collect::<Vec<_>>()
        })
        .collect()
}

pub(crate) fn cookie(headers: &HeaderMap, name: &str) -> Option<String> {
    cookies(headers)
        .into_iter()
        .find(|c| c.name() == name)
        .map(|c| c.value().to_string())
}

impl Ctx {
    pub async fn build(state: &AppState, parts: &Parts) -> Result<Ctx, AppError> {
        let headers = &parts.headers;
        let host = headers
            .get(header::HOST)
            .and_then(|h| h.to_str().ok())
            .unwrap_or("localhost")
            .to_string();
        let tenant = crate::tenants::tenant_for(state, &host).await?;
        let mut user = None;
        let mut actor = Actor::visitor();
        let mut session_token = None;
        let mut via_token = false;
        if let Some(auth) = headers
            .get(header::AUTHORIZATION)
            .and_then(|h| h.to_str().ok())
        {
            let (u, a) = bearer(state, parts, &tenant, auth).await?;
            user = Some(u);
            actor = a;
            via_token = true;
        } else if let Some(tok) = cookie(headers, SESSION_COOKIE) {
            if let Some((u, a)) = state.store.accounts().session_actor(&tenant, &tok).await? {
                user = Some(u);
                actor = a;
                session_token = Some(tok);
            }
        }
        if user.is_some() {
            crate::pages::twofactor::guard(state, &tenant, &actor, parts.uri.path(), via_token)
                .await?;
        }
        let lang = cookie(headers, LANG_COOKIE)
            .and_then(|l| Lang::parse(&l))
            .or_else(|| user.as_ref().and_then(|u| Lang::parse(&u.locale)))
            .unwrap_or_else(|| {
                Lang::from_accept_language(
                    headers
                        .get(header::ACCEPT_LANGUAGE)
                        .and_then(|h| h.to_str().ok())
                        .unwrap_or(""),
                )
            });
        let (nonce, nonce_fresh) = match cookie(headers, NONCE_COOKIE) {
            Some(n) if n.len() == 64 => (n, false),
            _ => (teilhabe_store::random_token(), true),
        };
        let voter_cookie =
            cookie(headers, VOTER_COOKIE).filter(|v| csrf::voter_id_valid(&state.csrf_secret, v));
        let client = client_address(state, parts);
        let path = parts
            .uri
            .path_and_query()
            .map(|p| p.as_str().to_string())
            .unwrap_or_else(|| "/".into());
        Ok(Ctx {
            state: state.clone(),
            tenant,
            user,
            actor,
            lang,
            session_token,
            nonce,
            nonce_fresh,
            path,
            client,
            via_token,
            voter_cookie,
        })
    }

    fn binding(&self) -> &str {
        self.session_token.as_deref().unwrap_or(&self.nonce)
    }

    pub fn csrf_token(&self) -> String {
        csrf::issue(
            &self.state.csrf_secret,
            self.binding(),
            self.state.store.now(),
        )
    }

    pub fn check_csrf(&self, token: &str) -> Result<(), AppError> {
        if self.via_token {
            return Ok(());
        }
        csrf::check(
            &self.state.csrf_secret,
            self.binding(),
            token,
            self.state.store.now(),
        )
        .map_err(|e| match e {
            csrf::CsrfError::Invalid => AppError::CsrfInvalid,
            csrf::CsrfError::Expired => AppError::CsrfExpired,
        })
    }

    pub fn t(&self, key: &str) -> String {
        self.state.i18n.t(self.lang, key, &[])
    }

    pub fn user_id(&self) -> Option<i64> {
        self.user.as_ref().map(|u| u.id)
    }

    /// The process `slug` as this request's actor may see it.
    pub async fn process(&self, slug: &str) -> Result<Process, AppError> {
        Ok(self
            .state
            .store
            .processes()
            .get(&self.tenant, &self.actor, slug)
            .await?)
    }

    /// The process `slug` for a form page of `action` (refused unless
    /// the actor may do it).
    pub async fn process_for(
        &self,
        slug: &str,
        action: teilhabe_domain::permission::Action,
    ) -> Result<Process, AppError> {
        Ok(self
            .state
            .store
            .processes()
            .get_for(&self.tenant, &self.actor, slug, action)
            .await?)
    }

    /// A proposal with its process, comments and what the actor may do.
    pub async fn proposal(&self, id: i64) -> Result<ProposalDetail, AppError> {
        Ok(self
            .state
            .store
            .proposals()
            .get(&self.tenant, &self.actor, id)
            .await?)
    }

    /// The signed-in person's id, or `LoginRequired`.
    pub fn signed_in(&self) -> Result<i64, AppError> {
        self.user_id()
            .ok_or(AppError::Denied(teilhabe_domain::Denied::LoginRequired))
    }

    /// Refuses when the client exceeded a rate limit.
    pub fn limit(
        &self,
        limiter: &governor::DefaultKeyedRateLimiter<String>,
        key: &str,
    ) -> Result<(), AppError> {
        self.state.limits.note_check();
        limiter
            .check_key(&format!("{}:{key}", self.client))
            .map_err(|_| AppError::RateLimited)
    }
}

/// The person behind an API token, for `/api` routes only: a page route
/// refuses a bearer token (pages rely on cookies and CSRF tokens, and
/// token creation is a page, so a token cannot mint tokens). A missing,
/// unknown, revoked or expired token is a 401 with `WWW-Authenticate`; a
/// valid token without the scope the route needs (`api::scope_for`) is
/// a 403.
async fn bearer(
    state: &AppState,
    parts: &Parts,
    tenant: &Tenant,
    auth: &str,
) -> Result<(User, Actor), AppError> {
    let path = parts
        .extensions
        .get::<axum::extract::OriginalUri>()
        .map(|u| u.0.path().to_string())
        .unwrap_or_else(|| parts.uri.path().to_string());
    let Some(api_path) = path
        .strip_prefix("/api")
        .filter(|p| p.is_empty() || p.starts_with('/'))
    else {
        return Err(AppError::Unauthorized("error-token-page-route"));
    };
    let token = auth
        .strip_prefix("Bearer ")
        .ok_or(AppError::Unauthorized("error-auth-header"))?;
    match state
        .store
        .accounts()
        .token_auth(tenant, token.trim())
        .await?
    {
        TokenAuth::Valid {
            user,
            actor,
            scopes,
        } => {
            let need = crate::api::scope_for(&parts.method, api_path);
            if !scopes.iter().any(|s| s == need) {
                return Err(AppError::TokenScope(need));
            }
            Ok((user, actor))
        }
        TokenAuth::Expired => Err(AppError::Unauthorized("error-token-expired")),
        TokenAuth::Unknown => Err(AppError::Unauthorized("error-token-invalid")),
    }
}

fn client_address(state: &AppState, parts: &Parts) -> String {
    let socket = parts
        .extensions
        .get::<axum::extract::ConnectInfo<std::net::SocketAddr>>()
        .map(|c| c.0.ip());
    crate::limits::client_address(
        &parts.headers,
        socket,
        state.config.trust_proxy,
        state.config.proxy_hops,
    )
}

impl FromRequestParts<AppState> for Ctx {
    type Rejection = AppError;
    async fn from_request_parts(
        parts: &mut Parts,
        state: &AppState,
    ) -> Result<Self, Self::Rejection> {
        Ctx::build(state, parts).await
    }
}

/// A posted HTML form: the context, the CSRF check, and the fields.
/// Unknown fields are ignored (browsers send buttons' names); bad
/// encodings and missing fields give a clear 400.
pub struct Post<T> {
    pub ctx: Ctx,
    pub form: T,
    /// All fields as sent, for forms with repeated names.
    pub pairs: Vec<(String, String)>,
}

/// Reads a posted body (size-limited) and builds the context; a content
/// type not starting with `expected` is an `error-content-type` 400.
async fn read_posted(
    req: Request,
    state: &AppState,
    expected: &str,
) -> Result<(Ctx, Bytes), AppError> {
    let ct = req
        .headers()
        .get(header::CONTENT_TYPE)
        .and_then(|h| h.to_str().ok())
        .unwrap_or("")
        .to_string();
    let (parts, body) = req.into_parts();
    let bytes = axum::body::to_bytes(body, state.config.max_body_bytes)
        .await
        .map_err(|_| AppError::PayloadTooLarge)?;
    let ctx = Ctx::build(state, &parts).await?;
    if !ct.starts_with(expected) {
        return Err(AppError::BadRequest("error-content-type", ct));
    }
    Ok((ctx, bytes))
}

impl<T: DeserializeOwned + Send> FromRequest<AppState> for Post<T> {
    type Rejection = AppError;
    async fn from_request(req: Request, state: &AppState) -> Result<Self, Self::Rejection> {
        let (ctx, bytes) = read_posted(req, state, "application/x-www-form-urlencoded").await?;
        let pairs: Vec<(String, String)> = form_urlencoded_pairs(&bytes)?;
        let token = pairs
            .iter()
            .find(|(k, _)| k == "_csrf")
            .map(|(_, v)| v.as_str())
            .unwrap_or("");
        ctx.check_csrf(token)?;
        let form = serde_urlencoded::from_bytes::<T>(&bytes)
            .map_err(|e| AppError::BadRequest("error-form-fields", e.to_string()))?;
        Ok(Post { ctx, form, pairs })
    }
}

/// Decodes form pairs, refusing invalid UTF-8 instead of replacing it.
fn form_urlencoded_pairs(bytes: &[u8]) -> Result<Vec<(String, String)>, AppError> {
    std::str::from_utf8(bytes).map_err(|_| AppError::BadRequest("error-utf8", String::new()))?;
    let raw: Vec<(String, String)> = serde_urlencoded::from_bytes(bytes)
        .map_err(|e| AppError::BadRequest("error-form-fields", e.to_string()))?;
    // Percent-encoded invalid UTF-8 decodes to U+FFFD; refuse it too.
    if raw
        .iter()
        .any(|(k, v)| k.contains('\u{FFFD}') || v.contains('\u{FFFD}'))
    {
        return Err(AppError::BadRequest("error-utf8", String::new()));
    }
    Ok(raw)
}

/// A JSON request body for the API: UTF-8, size-limited, unknown fields
/// refused (types use `deny_unknown_fields`), errors as problem+json.
pub struct ApiJson<T>(pub Ctx, pub T);

impl<T: DeserializeOwned + Send> FromRequest<AppState> for ApiJson<T> {
    type Rejection = AppError;
    async fn from_request(req: Request, state: &AppState) -> Result<Self, Self::Rejection> {
        let (ctx, bytes) = read_posted(req, state, "application/json").await?;
        if !ctx.via_token {
            // Browsers cannot send Authorization headers cross-site without
            // CORS, but they can send cookies: the API accepts only tokens
            // for writes, so it needs no CSRF tokens.
            return Err(AppError::Denied(teilhabe_domain::Denied::LoginRequired));
        }
        std::str::from_utf8(&bytes)
            .map_err(|_| AppError::BadRequest("error-utf8", String::new()))?;
        let mut value = serde_json::from_slice::<serde_json::Value>(&bytes)
            .map_err(|e| AppError::BadRequest("error-json", e.to_string()))?;
        integral_numbers(&mut value);
        let v = serde_json::from_value::<T>(value)
            .map_err(|e| AppError::BadRequest("error-json", e.to_string()))?;
        Ok(ApiJson(ctx, v))
    }
}

/// JSON does not tell `3` from `3.0`, and JSON Schema counts both as an
/// integer; serde refuses `3.0` for an integer field. A number without a
/// fraction (within the range of i64) is read as the integer it is, so
/// every body the OpenAPI document admits parses.
fn integral_numbers(v: &mut serde_json::Value) {
    use serde_json::Value;
    match v {
        Value::Number(n) if !n.is_i64() && !n.is_u64() => {
            if let Some(f) = n.as_f64() {
                // 2^63 as f64: the first value outside i64.
                const LIMIT: f64 = 9_223_372_036_854_775_808.0;
                if f.fract() == 0.0 && (-LIMIT..LIMIT).contains(&f) {
                    *v = Value::from(f as i64);
                }
            }
        }
        Value::Array(items) => items.iter_mut().for_each(integral_numbers),
        Value::Object(map) => map.values_mut().for_each(integral_numbers),
        _ => {}
    }
}

/// A multipart form (file uploads), read only after the handler has
/// decided the permission, so nobody else's upload is ever read. The CSRF
/// token (`_csrf`) is checked on reading; fields are kept by name (the
/// last value wins), with the file name of file fields.
pub struct Upload {
    fields: std::collections::HashMap<String, Vec<u8>>,
    file_names: std::collections::HashMap<String, String>,
}

impl Upload {
    pub async fn read(ctx: &Ctx, state: &AppState, req: Request) -> Result<Upload, AppError> {
        use axum::http::StatusCode;
        let too_large_or_bad = |status: StatusCode, text: String| {
            if status == StatusCode::PAYLOAD_TOO_LARGE {
                AppError::PayloadTooLarge
            } else {
                AppError::BadRequest("error-multipart", text)
            }
        };
        let mut multipart = axum::extract::Multipart::from_request(req, state)
            .await
            .map_err(|e| AppError::BadRequest("error-multipart", e.body_text()))?;
        let mut upload = Upload {
            fields: Default::default(),
            file_names: Default::default(),
        };
        loop {
            let field = match multipart.next_field().await {
                Ok(Some(f)) => f,
                Ok(None) => break,
                Err(e) => return Err(too_large_or_bad(e.status(), e.body_text())),
            };
            let name = field.name().unwrap_or("").to_string();
            if let Some(f) = field.file_name() {
                upload.file_names.insert(name.clone(), f.to_string());
            }
            let bytes = field
                .bytes()
                .await
                .map_err(|e| too_large_or_bad(e.status(), e.body_text()))?;
            upload.fields.insert(name, bytes.to_vec());
        }
        ctx.check_csrf(&upload.lossy("_csrf"))?;
        Ok(upload)
    }

    /// The bytes of a field (empty when it is missing).
    pub fn bytes(&self, name: &str) -> &[u8] {
        self.fields.get(name).map(Vec::as_slice).unwrap_or_default()
    }

    /// Takes a field's bytes out of the form.
    pub fn take(&mut self, name: &str) -> Vec<u8> {
        self.fields.remove(name).unwrap_or_default()
    }

    /// A text field; invalid UTF-8 is a clear error.
    pub fn text(&self, name: &str) -> Result<String, AppError> {
        String::from_utf8(self.bytes(name).to_vec())
            .map_err(|_| AppError::BadRequest("error-utf8", String::new()))
    }

    /// A text field, invalid bytes replaced (for notes and tokens).
    pub fn lossy(&self, name: &str) -> String {
        String::from_utf8_lossy(self.bytes(name)).into_owned()
    }

    /// The uploaded file name of a file field (empty when there is none).
    pub fn file_name(&self, name: &str) -> String {
        self.file_names.get(name).cloned().unwrap_or_default()
    }
}

#[cfg(test)]
mod tests {
    use super::integral_numbers;
    use serde_json::json;

    #[test]
    fn numbers_without_a_fraction_are_read_as_integers() {
        let mut v =
            json!({"points": 11631.0, "choices": [{"project": -3.0}, 2.5], "big": 1e300, "n": 7});
        integral_numbers(&mut v);
        assert_eq!(
            v,
            json!({"points": 11631, "choices": [{"project": -3}, 2.5], "big": 1e300, "n": 7})
        );
        assert!(v["points"].is_i64());
        // What serde refused before ("expected i64") now fits.
        let points: i64 = serde_json::from_value(v["points"].clone()).unwrap_or_default();
        assert_eq!(points, 11631);
    }
}
