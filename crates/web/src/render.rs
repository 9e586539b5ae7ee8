//! Templates (minijinja, embedded at build time), filters for German and
//! English formats, Markdown rendering with sanitising, and the middleware
//! that renders errors as pages or problem+json.

use crate::ctx::{Ctx, LANG_COOKIE, NONCE_COOKIE};
use crate::error::{AppError, ErrorInfo};
use crate::i18n::{format_date, format_datetime, format_int, format_iso_date, Lang};
use crate::AppState;
use axum::body::Body;
use axum::extract::{Request, State};
use axum::http::{header, HeaderValue, StatusCode};
use axum::middleware::Next;
use axum::response::{Html, IntoResponse, Redirect, Response};
use minijinja::value::{Kwargs, Value};
use minijinja::{Environment, State as MjState};
use serde::Serialize;

fn lang_of(state: &MjState) -> Lang {
    state
        .lookup("lang")
        .and_then(|v| v.as_str().and_then(Lang::parse))
        .unwrap_or(Lang::De)
}

/// Markdown to HTML, sanitised: raw HTML and script URLs are removed.
pub fn markdown(src: &str) -> String {
    let parser = pulldown_cmark::Parser::new_ext(
        src,
        pulldown_cmark::Options::ENABLE_TABLES | pulldown_cmark::Options::ENABLE_STRIKETHROUGH,
    );
    let mut html = String::new();
    pulldown_cmark::html::push_html(&mut html, parser);
    ammonia::Builder::default()
        .link_rel(Some("noopener noreferrer nofollow"))
        .clean(&html)
        .to_string()
}

/// Escapes text for HTML and XML (SVG) content and attribute values.
pub(crate) fn escape(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#x27;"),
            c => out.push(c),
        }
    }
    out
}

pub fn environment() -> Environment<'static> {
    let mut env = Environment::new();
    // Every file under `templates/`, embedded at build time (see build.rs),
    // named by its path there ("admin/users.html"). A broken template
    // fails the template test, so the panic here cannot reach production.
    minijinja_embed::load_templates!(&mut env);
    env.set_undefined_behavior(minijinja::UndefinedBehavior::Chainable);
    // `t` is registered per state (see `page`), as it needs the bundles.
    env.add_filter("date", |state: &MjState, ms: i64| {
        format_date(ms, lang_of(state))
    });
    env.add_filter("datetime", |state: &MjState, ms: i64| {
        format_datetime(ms, lang_of(state))
    });
    env.add_filter("isodate", |state: &MjState, s: String| {
        format_iso_date(&s, lang_of(state))
    });
    env.add_filter("num", |state: &MjState, n: i64| {
        format_int(n, lang_of(state))
    });
    // A share 0..1 as a whole percentage: "80 %" in German, "80%" in English.
    env.add_filter("pct", |state: &MjState, share: f64| {
        let p = if share.is_finite() {
            (share * 100.0).round() as i64
        } else {
            0
        };
        match lang_of(state) {
            Lang::De => format!("{p}\u{a0}%"),
            _ => format!("{p}%"),
        }
    });
    env.add_filter("markdown", |s: String| {
        Value::from_safe_string(markdown(&s))
    });
    env.add_filter("highlight", |s: String| {
        let e = escape(&s)
            .replace(teilhabe_store::search::MARK_START, "<mark>")
            .replace(teilhabe_store::search::MARK_END, "</mark>");
        Value::from_safe_string(e)
    });
    env.add_filter("paragraphs", |s: String| {
        let html: String = s
            .split("\n\n")
            .filter(|p| !p.trim().is_empty())
            .map(|p| format!("<p>{}</p>", escape(p.trim()).replace('\n', "<br>")))
            .collect();
        Value::from_safe_string(html)
    });
    env.add_filter("urlencode", |s: String| urlencode(&s));
    env.add_filter("coord", |state: &MjState, v: f64| {
        let s = format!("{v:.5}");
        if lang_of(state) == Lang::De {
            s.replace('.', ",")
        } else {
            s
        }
    });
    env
}

/// Renders a page with the common context (user, language, CSRF token...).
pub fn page<S: Serialize>(ctx: &Ctx, name: &str, data: S) -> Result<Response, AppError> {
    page_with_status(ctx, name, data, StatusCode::OK)
}

pub fn page_with_status<S: Serialize>(
    ctx: &Ctx,
    name: &str,
    data: S,
    status: StatusCode,
) -> Result<Response, AppError> {
    let csrf = ctx.csrf_token();
    let base = minijinja::context! {
        lang => ctx.lang.code(),
        other_lang => if ctx.lang == Lang::De { "en" } else { "de" },
        user => ctx.user,
        is_staff => ctx.actor.is_staff(),
        is_admin => ctx.actor.is_admin(),
        is_council => ctx.actor.has(teilhabe_domain::Role::Council),
        is_moderator => ctx.actor.has(teilhabe_domain::Role::Moderator) || ctx.actor.is_admin(),
        tenant => minijinja::context!{ name => ctx.tenant.name, contact_email => ctx.tenant.contact_email, logo => ctx.tenant.logo_image_id, brand => crate::pages::brand_version(&ctx.tenant) },
        csrf => csrf,
        path => ctx.path,
        notice => notice_of(&ctx.path),
    };
    let i18n = ctx.state.clone();
    let lang = ctx.lang;
    let tmpl = ctx.state.templates.get_template(name)?;
    let mut env_state_ctx = minijinja::context! { ..base, ..Value::from_serialize(&data) };
    // `t(key, name=value...)` translates with arguments.
    let t = Value::from_function(
        move |key: String, kwargs: Kwargs| -> Result<String, minijinja::Error> {
            let args: Vec<(String, String)> = kwargs
                .args()
                .map(|k| {
                    let v: Value = kwargs.get(k).unwrap_or(Value::UNDEFINED);
                    (
                        k.to_string(),
                        if let Some(s) = v.as_str() {
                            s.to_string()
                        } else {
                            v.to_string()
                        },
                    )
                })
                .collect();
            let refs: Vec<(&str, String)> =
                args.iter().map(|(k, v)| (k.as_str(), v.clone())).collect();
            Ok(i18n.i18n.t(lang, &key, &refs))
        },
    );
    env_state_ctx = minijinja::context! { t => t, ..env_state_ctx };
    let html = tmpl.render(env_state_ctx)?;
    let has_form = html.contains("name=\"_csrf\"");
    let mut resp = (status, Html(html)).into_response();
    if ctx.nonce_fresh && ctx.session_token.is_none() && has_form {
        set_cookie(&mut resp, &ctx.state, NONCE_COOKIE, &ctx.nonce, None);
    }
    Ok(resp)
}

/// The `notice` query parameter of a redirect target, if it names a notice.
fn notice_of(path: &str) -> Option<String> {
    let query = path.split_once('?')?.1;
    serde_urlencoded::from_str::<Vec<(String, String)>>(query)
        .ok()?
        .into_iter()
        .find(|(k, v)| k == "notice" && v.starts_with("notice-") && v.len() < 60)
        .map(|(_, v)| v)
}

pub fn set_cookie(
    resp: &mut Response,
    state: &AppState,
    name: &str,
    value: &str,
    max_age_days: Option<i64>,
) {
    let mut c = cookie::Cookie::build((name.to_string(), value.to_string()))
        .path("/")
        .http_only(true)
        .same_site(cookie::SameSite::Lax)
        .secure(state.config.secure_cookies);
    if let Some(d) = max_age_days {
        c = c.max_age(cookie::time::Duration::days(d));
    }
    if let Ok(v) = HeaderValue::from_str(&c.build().to_string()) {
        resp.headers_mut().append(header::SET_COOKIE, v);
    }
}

/// Redirect after a successful POST (303, so the browser GETs the target).
pub fn see_other(to: &str) -> Response {
    Redirect::to(to).into_response()
}

/// Appends `?notice=KEY` so the next page can confirm what happened.
pub fn with_notice(to: &str, key: &str) -> String {
    let sep = if to.contains('?') { '&' } else { '?' };
    match to.split_once('#') {
        Some((a, frag)) => format!("{a}{sep}notice={key}#{frag}"),
        None => format!("{to}{sep}notice={key}"),
    }
}

#[derive(Serialize)]
struct Problem<'a> {
    #[serde(rename = "type")]
    type_: String,
    title: String,
    status: u16,
    #[serde(skip_serializing_if = "Option::is_none")]
    detail: Option<String>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    errors: Vec<ProblemField<'a>>,
}

#[derive(Serialize)]
struct ProblemField<'a> {
    field: &'a str,
    reason: String,
    code: &'a str,
}

/// A 4xx that no handler made: axum's extractors (path, query, JSON body)
/// answer bad input with a short `text/plain` reason and no [`ErrorInfo`];
/// pages and forms that answer 4xx themselves send HTML or JSON.
fn is_framework_rejection(resp: &Response) -> bool {
    resp.status().is_client_error()
        && resp
            .headers()
            .get(header::CONTENT_TYPE)
            .and_then(|h| h.to_str().ok())
            .is_none_or(|t| t.starts_with("text/plain"))
}

/// `Allow` with a 405, kept from the router (`www_authenticate` adds the
/// header of a refused API token).
fn protocol_headers(r: &mut Response, info: &AppError, allow: Option<HeaderValue>) {
    if let (AppError::MethodNotAllowed, Some(a)) = (info, allow) {
        r.headers_mut().insert(header::ALLOW, a);
    }
}

/// Turns [`ErrorInfo`] responses into pages or problem+json.
pub async fn render_errors(State(state): State<AppState>, req: Request, next: Next) -> Response {
    let wants_json = req.uri().path().starts_with("/api/")
        || req
            .headers()
            .get(header::ACCEPT)
            .and_then(|h| h.to_str().ok())
            .is_some_and(|a| a.contains("application/json") && !a.contains("text/html"));
    let is_get = req.method() == axum::http::Method::GET;
    let path = req
        .uri()
        .path_and_query()
        .map(|p| p.as_str().to_string())
        .unwrap_or_default();
    let referer = req
        .headers()
        .get(header::REFERER)
        .and_then(|h| h.to_str().ok())
        .map(str::to_string);
    // Keep what the error page needs; the context (with its database
    // lookups) is built only when there is an error to render.
    let (method, uri, headers) = (
        req.method().clone(),
        req.uri().clone(),
        req.headers().clone(),
    );
    let resp = next.run(req).await;
    let allow = resp.headers().get(header::ALLOW).cloned();
    // Body-limit rejections from axum come as plain 413s.
    let info = match resp.extensions().get::<ErrorInfo>() {
        Some(i) => i.0.clone(),
        None if resp.status() == StatusCode::PAYLOAD_TOO_LARGE => AppError::PayloadTooLarge,
        None if resp.status() == StatusCode::METHOD_NOT_ALLOWED => AppError::MethodNotAllowed,
        None if is_framework_rejection(&resp) => {
            let status = resp.status();
            let reason = axum::body::to_bytes(resp.into_body(), 2048)
                .await
                .map(|b| String::from_utf8_lossy(&b).chars().take(300).collect())
                .unwrap_or_default();
            AppError::Malformed(status, reason)
        }
        None => return resp,
    };
    if let AppError::Internal(cause) = &info {
        // The only place internal failures are logged: with their cause,
        // which the person does not see.
        tracing::error!(%method, path = %uri.path(), error = %cause, "internal error");
    }
    let mut rebuilt = Request::new(());
    *rebuilt.method_mut() = method;
    *rebuilt.uri_mut() = uri;
    *rebuilt.headers_mut() = headers;
    let (parts, ()) = rebuilt.into_parts();
    let ctx = Ctx::build(&state, &parts).await.ok();
    let lang = ctx.as_ref().map(|c| c.lang).unwrap_or(Lang::De);
    let status = info.status();
    if wants_json {
        let mut errors = Vec::new();
        let detail = match &info {
            AppError::Invalid(fe) => {
                for e in &fe.0 {
                    errors.push(ProblemField {
                        field: e.field,
                        reason: state.i18n.t(lang, e.key, &e.args),
                        code: e.key,
                    });
                }
                None
            }
            AppError::BadRequest(_, d) | AppError::Malformed(_, d) if !d.is_empty() => {
                Some(d.clone())
            }
            AppError::TokenScope(scope) => Some(format!("scope: {scope}")),
            _ => None,
        };
        let p = Problem {
            type_: format!("https://teilhabe.dev/problems/{}", info.type_slug()),
            title: state.i18n.t(lang, info.title_key(), &[]),
            status: status.as_u16(),
            detail,
            errors,
        };
        let mut r = (status, serde_json::to_string(&p).unwrap_or_default()).into_response();
        r.headers_mut().insert(
            header::CONTENT_TYPE,
            HeaderValue::from_static("application/problem+json"),
        );
        if matches!(info, AppError::RateLimited) {
            r.headers_mut()
                .insert(header::RETRY_AFTER, HeaderValue::from_static("60"));
        }
        www_authenticate(&info, &mut r);
        protocol_headers(&mut r, &info, allow);
        return r;
    }
    if let AppError::TwoFactorRequired = info {
        let to = crate::pages::twofactor::SETUP_PATH;
        return Redirect::to(&with_notice(to, "notice-twofactor-required")).into_response();
    }
    if let AppError::Denied(teilhabe_domain::Denied::LoginRequired) = info {
        let back = if is_get {
            path
        } else {
            referer
                .and_then(|r| {
                    r.find("://")
                        .and_then(|i| r[i + 3..].find('/').map(|j| r[i + 3 + j..].to_string()))
                })
                .unwrap_or_else(|| "/".into())
        };
        let to = format!(
            "/login?next={}",
            urlencode(&crate::security::local_path(Some(&back)))
        );
        return Redirect::to(&to).into_response();
    }
    if matches!(info, AppError::NoMunicipality) {
        return no_municipality(&state, status);
    }
    let Some(ctx) = ctx else {
        let mut r = (status, Html(format!("<!doctype html><html lang=\"de\"><head><meta charset=\"utf-8\"><title>{0}</title></head><body><main><h1>{0}</h1></main></body></html>", escape(&state.i18n.t(lang, info.title_key(), &[]))))).into_response();
        www_authenticate(&info, &mut r);
        return r;
    };
    let field_errors: Vec<String> = match &info {
        AppError::Invalid(fe) => {
            fe.0.iter()
                .map(|e| {
                    format!(
                        "{}: {}",
                        state.i18n.t(lang, &format!("field-{}", e.field), &[]),
                        state.i18n.t(lang, e.key, &e.args)
                    )
                })
                .collect()
        }
        _ => Vec::new(),
    };
    let data = minijinja::context! {
        status => status.as_u16(),
        title_key => info.title_key(),
        help => {
            let key = format!("{}-help", info.title_key());
            if state.i18n.has(lang, &key) { state.i18n.t(lang, &key, &[]) } else { state.i18n.t(lang, "error-generic-help", &[]) }
        },
        field_errors => field_errors,
        verification => matches!(info, AppError::Denied(teilhabe_domain::Denied::VerificationRequired)),
        confirmation => matches!(info, AppError::Denied(teilhabe_domain::Denied::ConfirmationRequired)),
    };
    match page_with_status(&ctx, "error.html", data, status) {
        Ok(mut r) => {
            if matches!(info, AppError::RateLimited) {
                r.headers_mut()
                    .insert(header::RETRY_AFTER, HeaderValue::from_static("60"));
            }
            protocol_headers(&mut r, &info, allow);
            r
        }
        Err(_) => (
            status,
            Body::from(state.i18n.t(lang, info.title_key(), &[])),
        )
            .into_response(),
    }
}

/// The page of an address without a municipality: in German and English,
/// with the command that creates one (a fresh installation shows it on
/// every page until a municipality exists).
fn no_municipality(state: &AppState, status: StatusCode) -> Response {
    let texts = |lang| {
        minijinja::context! {
            title => state.i18n.t(lang, "no-municipality-page-title", &[]),
            lead => state.i18n.t(lang, "no-municipality-page-lead", &[]),
            how => state.i18n.t(lang, "no-municipality-page-how", &[]),
            more => state.i18n.t(lang, "no-municipality-page-more", &[]),
        }
    };
    let command = "teilhabe municipality create --name \"Stadt Beispielheim\" \\\n  --host beteiligung.beispielheim.de \\\n  --admin-email it@beispielheim.de --admin-password-file passwort.txt";
    let html = state
        .templates
        .get_template("no_municipality.html")
        .and_then(|t| {
            t.render(minijinja::context! { de => texts(Lang::De), en => texts(Lang::En), command })
        });
    match html {
        Ok(html) => (status, Html(html)).into_response(),
        Err(_) => (
            status,
            state.i18n.t(Lang::De, "no-municipality-page-title", &[]),
        )
            .into_response(),
    }
}

/// RFC 6750: a refused bearer token says why, and a missing scope names it.
fn www_authenticate(info: &AppError, r: &mut Response) {
    let value = match info {
        AppError::Unauthorized("error-auth-header" | "error-token-page-route") => {
            "Bearer realm=\"teilhabe\", error=\"invalid_request\"".to_string()
        }
        AppError::Unauthorized(_) => {
            "Bearer realm=\"teilhabe\", error=\"invalid_token\"".to_string()
        }
        AppError::TokenScope(scope) => {
            format!("Bearer realm=\"teilhabe\", error=\"insufficient_scope\", scope=\"{scope}\"")
        }
        // No credentials at all: say which scheme would do.
        AppError::Denied(teilhabe_domain::Denied::LoginRequired) => {
            "Bearer realm=\"teilhabe\"".to_string()
        }
        _ => return,
    };
    if let Ok(v) = HeaderValue::from_str(&value) {
        r.headers_mut().insert(header::WWW_AUTHENTICATE, v);
    }
}

pub fn urlencode(s: &str) -> String {
    serde_urlencoded::to_string([("x", s)])
        .map(|e| e[2..].to_string())
        .unwrap_or_default()
}

/// The language switch sets a cookie and goes back.
pub fn lang_cookie_response(state: &AppState, lang: Lang, back: &str) -> Response {
    let mut r = see_other(back);
    set_cookie(&mut r, state, LANG_COOKIE, lang.code(), Some(365));
    r
}

/// Field errors translated for a form: field name -> message.
pub fn error_map(
    ctx: &Ctx,
    fe: &teilhabe_domain::FieldErrors,
) -> std::collections::BTreeMap<String, String> {
    fe.0.iter()
        .map(|e| {
            (
                e.field.to_string(),
                ctx.state.i18n.t(ctx.lang, e.key, &e.args),
            )
        })
        .collect()
}

/// One line of a form's error summary: the field, the Fluent key of its
/// label and the translated message.
#[derive(Serialize)]
pub struct ErrorView {
    pub field: String,
    pub label_key: String,
    pub message: String,
}

/// The errors of a form for its summary, one per field: the fields named
/// in `order` first, in that order, then any other (by name), each
/// labelled with `label(field)`.
pub fn error_views(
    ctx: &Ctx,
    fe: &teilhabe_domain::FieldErrors,
    order: &[&str],
    label: impl Fn(&str) -> String,
) -> Vec<ErrorView> {
    let messages = error_map(ctx, fe);
    let mut names: Vec<&str> = Vec::new();
    for f in order
        .iter()
        .copied()
        .chain(messages.keys().map(String::as_str))
    {
        if !names.contains(&f) {
            names.push(f);
        }
    }
    names
        .into_iter()
        .filter_map(|f| {
            messages.get(f).map(|m| ErrorView {
                field: f.to_string(),
                label_key: label(f),
                message: m.clone(),
            })
        })
        .collect()
}

/// How a form POST ends, written once for every form: on success a 303
/// redirect to `done(value)` (with its notice); on
/// [`StoreError::Invalid`](teilhabe_store::StoreError::Invalid) the same
/// form again, rendered by `again(errors, 422)` with the submitted values
/// and the messages next to their fields; any other error as usual (an
/// error page or problem+json).
pub async fn form_result<T>(
    result: Result<T, teilhabe_store::StoreError>,
    done: impl FnOnce(T) -> String,
    again: impl AsyncFnOnce(&teilhabe_domain::FieldErrors, StatusCode) -> Result<Response, AppError>,
) -> Result<Response, AppError> {
    match result {
        Ok(v) => Ok(see_other(&done(v))),
        Err(teilhabe_store::StoreError::Invalid(fe)) => {
            again(&fe, StatusCode::UNPROCESSABLE_ENTITY).await
        }
        Err(e) => Err(e.into()),
    }
}

#[cfg(test)]
mod props {
    //! Property test of the Markdown rendering (issue #12): any text -
    //! Markdown pieces, raw HTML and script URLs in any order - renders
    //! without a panic, and nothing that runs script comes out. Bounded
    //! (256 cases a property).
    use super::markdown;
    use proptest::prelude::*;

    fn pieces() -> impl Strategy<Value = String> {
        let piece = prop::sample::select(vec![
            "# ",
            "## ",
            "- ",
            "1. ",
            "> ",
            "```",
            "`",
            "*",
            "_",
            "~~",
            "|",
            "---",
            "\n",
            "\n\n",
            "[a](",
            ")",
            "![b](",
            "javascript:alert(1)",
            "JaVaScRiPt:",
            "data:text/html,x",
            "<script>alert(1)</script>",
            "<img src=x onerror=alert(1)>",
            "<a href=\"",
            "\">",
            "<iframe>",
            "<svg onload=alert(1)>",
            "&#106;avascript:",
            "<!--",
            "-->",
            "\\",
            "Text ",
            "äöü ",
            "\u{0}",
            "\u{202e}",
            "| a | b |\n|---|---|\n",
            "<",
            ">",
            "\"",
            "'",
        ]);
        prop::collection::vec(piece, 0..40).prop_map(|p| p.concat())
    }

    /// The attributes of a tag's text (`a href="x" title='y'`) as (name,
    /// value), the tag's name left out.
    fn attributes(tag: &str) -> Vec<(String, String)> {
        let mut out: Vec<(String, String)> = Vec::new();
        let (mut word, mut value, mut quote) = (String::new(), None::<String>, None);
        for c in tag.chars().chain([' ']) {
            match (quote, value.as_mut(), c) {
                (Some(q), _, c) if c == q => quote = None,
                (Some(_), Some(v), c) => v.push(c),
                (Some(_), None, _) => {}
                (None, Some(v), '"' | '\'') if v.is_empty() => quote = Some(c),
                (None, None, '=') => value = Some(String::new()),
                (None, _, c) if c.is_whitespace() => {
                    if !word.is_empty() {
                        out.push((std::mem::take(&mut word), value.take().unwrap_or_default()));
                    }
                    value = None;
                }
                (None, Some(v), c) => v.push(c),
                (None, None, c) => word.push(c),
            }
        }
        out.into_iter().skip(1).collect()
    }

    /// Text `<` comes out escaped, so every `<` starts a real tag: none may
    /// be a script or frame, carry an event handler or a script URL.
    fn check(src: &str) {
        let html = markdown(src).to_ascii_lowercase();
        for tag in html.split('<').skip(1) {
            let tag = tag.split('>').next().unwrap_or_default();
            let name = tag.split_whitespace().next().unwrap_or_default();
            assert!(
                !["script", "iframe", "svg", "object", "embed", "style"].contains(&name),
                "<{tag}> from {src:?}"
            );
            for (attr, value) in attributes(tag) {
                assert!(!attr.starts_with("on"), "<{tag}> from {src:?}");
                let url: String = value
                    .chars()
                    .filter(|c| !c.is_whitespace() && !c.is_control())
                    .collect();
                for bad in ["javascript:", "data:", "vbscript:", "&#"] {
                    assert!(!url.starts_with(bad), "<{tag}> from {src:?}");
                }
            }
        }
    }

    proptest! {
        #![proptest_config(ProptestConfig { cases: 256, failure_persistence: None, ..ProptestConfig::default() })]

        #[test]
        fn markdown_pieces_render_without_script(src in pieces()) {
            check(&src);
        }

        #[test]
        fn any_text_renders(src in ".{0,300}") {
            check(&src);
        }
    }
}
