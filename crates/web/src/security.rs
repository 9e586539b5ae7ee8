//! Web hardening: local redirect targets and the security headers every
//! response carries.

use crate::AppState;
use axum::extract::{Request, State};
use axum::http::{header, HeaderValue};
use axum::middleware::Next;
use axum::response::Response;

/// Longest accepted redirect target.
const MAX_LOCAL_PATH: usize = 2000;

/// A redirect target from a parameter (`back`, `next`, ...): a local path
/// (with query and fragment) or "/" for anything else, so no parameter can
/// send a browser to another site. Accepted are printable ASCII without
/// space, `\`, quotes, `<>`, `` ` ``, `{}`, `|` and `^`; refused are `//`
/// and `/\` at the start or anywhere in the path, also when they only
/// appear after percent-decoding (`%2F%2F`, `%5C`, `%09`, `%252F`...),
/// since browsers drop tabs and newlines and read `\` as `/`.
pub fn local_path(p: Option<&str>) -> String {
    match p {
        Some(p) if is_local_path(p) => p.to_string(),
        _ => "/".to_string(),
    }
}

/// Whether `p` is a safe local redirect target (see `local_path`).
pub fn is_local_path(p: &str) -> bool {
    if p.len() > MAX_LOCAL_PATH || !p.starts_with('/') || !p.bytes().all(allowed) {
        return false;
    }
    // Check the text and each of up to three decoding stages: a target
    // may be decoded again by a later redirect.
    let mut text = p.to_string();
    for _ in 0..4 {
        if !plain_path_safe(&text) {
            return false;
        }
        match percent_decode(&text) {
            Some(d) if d == text => return true,
            Some(d) => text = d,
            None => return false,
        }
    }
    // Still encoded after three rounds: nothing a real page links to.
    false
}

fn allowed(b: u8) -> bool {
    b.is_ascii_graphic() && !b"\\\"'<>`{}|^".contains(&b)
}

/// A (possibly decoded) target: no control characters, no backslash, and
/// no empty path segment (`//`) before the query.
fn plain_path_safe(t: &str) -> bool {
    if t.chars().any(|c| c.is_control() || c == '\\') {
        return false;
    }
    if !t.starts_with('/') {
        return false;
    }
    let path = t.split(['?', '#']).next().unwrap_or("");
    !path.contains("//")
}

/// Percent-decodes `s`; `None` for a malformed escape or invalid UTF-8.
fn percent_decode(s: &str) -> Option<String> {
    let b = s.as_bytes();
    let mut out = Vec::with_capacity(b.len());
    let mut i = 0;
    while i < b.len() {
        if b[i] == b'%' {
            let hex = s.get(i + 1..i + 3)?;
            out.push(u8::from_str_radix(hex, 16).ok()?);
            i += 3;
        } else {
            out.push(b[i]);
            i += 1;
        }
    }
    String::from_utf8(out).ok()
}

/// Content-Security-Policy of every response: only this site's own files,
/// no inline scripts or styles, no framing.
pub const CSP: &str = "default-src 'self'; img-src 'self' data:; frame-ancestors 'none'; form-action 'self'; base-uri 'none'; object-src 'none'";

/// Adds the security headers to every response (pages, API, errors,
/// cached pages): CSP, nosniff, referrer policy, no framing, HSTS with
/// `--secure-cookies`, and `Cache-Control: no-store` on personal
/// responses (a request with a session, voter cookie or API token, or a
/// response that sets a cookie) unless the handler chose a cache policy
/// for a public file itself.
pub async fn headers(State(state): State<AppState>, req: Request, next: Next) -> Response {
    let personal = is_personal(&req);
    let mut resp = next.run(req).await;
    let secure = state.config.secure_cookies;
    let h = resp.headers_mut();
    h.insert(
        header::CONTENT_SECURITY_POLICY,
        HeaderValue::from_static(CSP),
    );
    h.insert(
        header::X_CONTENT_TYPE_OPTIONS,
        HeaderValue::from_static("nosniff"),
    );
    h.insert(
        header::REFERRER_POLICY,
        HeaderValue::from_static("strict-origin-when-cross-origin"),
    );
    h.insert(header::X_FRAME_OPTIONS, HeaderValue::from_static("DENY"));
    if secure {
        h.insert(
            header::STRICT_TRANSPORT_SECURITY,
            HeaderValue::from_static("max-age=31536000"),
        );
    }
    let sets_cookie = h.contains_key(header::SET_COOKIE);
    if (personal || sets_cookie) && !h.contains_key(header::CACHE_CONTROL) {
        h.insert(header::CACHE_CONTROL, HeaderValue::from_static("no-store"));
    }
    resp
}

fn is_personal(req: &Request) -> bool {
    let h = req.headers();
    if h.contains_key(header::AUTHORIZATION) {
        return true;
    }
    h.get_all(header::COOKIE)
        .iter()
        .filter_map(|v| v.to_str().ok())
        .flat_map(|s| s.split(';'))
        .filter_map(|c| c.split_once('=').map(|(k, _)| k.trim()))
        .any(|k| k == crate::ctx::SESSION_COOKIE || k == crate::ctx::VOTER_COOKIE)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn local_paths_pass() {
        for p in [
            "/",
            "/processes/radwege",
            "/proposals/12?notice=notice-reported",
            "/data-register/baeume#questions",
            "/search?q=rad%20weg&page=2",
            "/search?q=http://example.org",
            "/processes/stra%C3%9Fe",
            "/login?next=%2Fprofile",
        ] {
            assert_eq!(local_path(Some(p)), p, "{p}");
        }
    }

    #[test]
    fn attacks_are_refused() {
        for p in [
            "",
            "evil.example",
            "https://evil.example/",
            "//evil.example",
            "///evil.example",
            "/\\evil.example",
            "\\\\evil.example",
            "/\t/evil.example",
            "/\n/evil.example",
            "/\r/evil.example",
            "/%09/evil.example",
            "/%0a/evil.example",
            "/%0D/evil.example",
            "/%00/evil.example",
            "/%5Cevil.example",
            "/%5cevil.example",
            "/%2F/evil.example",
            "/%2f%2fevil.example",
            "%2F%2Fevil.example",
            "/%252F/evil.example",
            "/%25252F/evil.example",
            "/%2525252F/evil.example",
            "/a/..//evil.example",
            "/ /evil.example",
            "/x\u{a0}",
            "/caf\u{e9}",
            "/%zz",
            "/%ff",
            "/\"><script>",
            "javascript:alert(1)",
            "/\u{2028}/evil.example",
        ] {
            assert_eq!(local_path(Some(p)), "/", "{p:?} must be refused");
        }
        assert_eq!(local_path(None), "/");
        let long = format!("/{}", "a".repeat(MAX_LOCAL_PATH));
        assert_eq!(local_path(Some(&long)), "/");
    }
}
