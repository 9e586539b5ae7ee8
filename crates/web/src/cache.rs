//! A micro-cache for anonymous page views. Visitors' pages are the same for
//! everyone with the same language, so under load the server renders each
//! one at most once per TTL (default 1 s) instead of once per request.
//! Anything personal or marked `Cache-Control: no-store` bypasses it:
//! requests with a session cookie, an
//! opinion-map voter cookie or an API
//! token, responses that set cookies or carry a CSRF token, and every
//! status but 200. Any write on this instance clears the cache at once;
//! other instances sharing the database see changes after the TTL.

use crate::AppState;
use axum::body::{Body, Bytes};
use axum::extract::{Request, State};
use axum::http::{header, HeaderMap, Method, StatusCode};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};
use std::collections::HashMap;
use std::sync::RwLock;
use std::time::{Duration, Instant};

const MAX_ENTRIES: usize = 2_000;
const MAX_BODY: usize = 512 * 1024;

pub struct PageCache {
    ttl: Duration,
    entries: RwLock<HashMap<String, (Instant, HeaderMap, Bytes)>>,
}

impl PageCache {
    pub fn new(ttl: Duration) -> Self {
        PageCache {
            ttl,
            entries: RwLock::new(HashMap::new()),
        }
    }

    pub fn clear(&self) {
        if let Ok(mut m) = self.entries.write() {
            m.clear();
        }
    }
}

fn key(req: &Request) -> Option<String> {
    let h = req.headers();
    if req.method() != Method::GET || h.contains_key(header::AUTHORIZATION) {
        return None;
    }
    let cookies = h
        .get(header::COOKIE)
        .and_then(|v| v.to_str().ok())
        .unwrap_or("");
    if cookies.contains(crate::ctx::SESSION_COOKIE) || cookies.contains(crate::ctx::VOTER_COOKIE) {
        return None;
    }
    let lang = cookies
        .split(';')
        .map(str::trim)
        .find(|c| c.starts_with("th_lang="))
        .unwrap_or("");
    let accept = h
        .get(header::ACCEPT_LANGUAGE)
        .and_then(|v| v.to_str().ok())
        .unwrap_or("");
    let wants = h
        .get(header::ACCEPT)
        .and_then(|v| v.to_str().ok())
        .unwrap_or("");
    let host = h
        .get(header::HOST)
        .and_then(|v| v.to_str().ok())
        .unwrap_or("");
    Some(format!("{host}\n{}\n{lang}\n{accept}\n{wants}", req.uri()))
}

pub async fn micro_cache(State(state): State<AppState>, req: Request, next: Next) -> Response {
    let cache = &state.page_cache;
    if req.method() != Method::GET && req.method() != Method::HEAD {
        // The CKAN Action API only reads (pages/catalog/ckan.rs); its
        // clients POST their queries, which must not empty the cache.
        let path = req.uri().path();
        if path.starts_with("/api/3/action/") || path.starts_with("/api/action/") {
            return next.run(req).await;
        }
        // A write may change any page: forget them all.
        let resp = next.run(req).await;
        cache.clear();
        return resp;
    }
    if cache.ttl.is_zero() {
        return next.run(req).await;
    }
    let Some(k) = key(&req) else {
        return next.run(req).await;
    };
    if let Ok(m) = cache.entries.read() {
        if let Some((at, headers, body)) = m.get(&k) {
            if at.elapsed() < cache.ttl {
                let mut r = (StatusCode::OK, Body::from(body.clone())).into_response();
                *r.headers_mut() = headers.clone();
                return r;
            }
        }
    }
    let resp = next.run(req).await;
    // `no-store` (e.g. `/ready`) must reflect this moment, not the last one.
    let no_store = resp
        .headers()
        .get(header::CACHE_CONTROL)
        .is_some_and(|v| v.as_bytes().starts_with(b"no-store"));
    if resp.status() != StatusCode::OK
        || resp.headers().contains_key(header::SET_COOKIE)
        || no_store
    {
        return resp;
    }
    // Only bodies of known, modest size are buffered for the cache.
    let size = axum::body::HttpBody::size_hint(resp.body()).exact();
    if size.is_none_or(|n| n as usize > MAX_BODY) {
        return resp;
    }
    let (parts, body) = resp.into_parts();
    let Ok(bytes) = axum::body::to_bytes(body, MAX_BODY).await else {
        // Cannot happen for a body of exact, checked size; answer honestly.
        return StatusCode::INTERNAL_SERVER_ERROR.into_response();
    };
    // Forms carry a CSRF token bound to one visitor: never share those.
    let personal = bytes.windows(12).any(|w| w == b"name=\"_csrf\"");
    if !personal {
        if let Ok(mut m) = cache.entries.write() {
            if m.len() >= MAX_ENTRIES {
                m.clear();
            }
            m.insert(k, (Instant::now(), parts.headers.clone(), bytes.clone()));
        }
    }
    Response::from_parts(parts, Body::from(bytes))
}
