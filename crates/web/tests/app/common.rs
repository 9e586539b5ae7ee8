//! TestApp: the real router over a fresh database (SQLite, or PostgreSQL
//! when TEILHABE_TEST_POSTGRES_URL is set), driven with `oneshot` like a
//! browser: cookies, CSRF tokens from the rendered forms, redirects.
#![allow(dead_code)]

use axum::body::Body;
use axum::http::{header, Request, StatusCode};
use http_body_util::BodyExt;
use std::collections::HashMap;
use teilhabe_domain::process::{Form, ProcessRules};
use teilhabe_domain::{Actor, Role};
use teilhabe_store::processes::{PhaseInput, ProcessInput};
use teilhabe_store::{Store, Tenant};
use teilhabe_testkit::TestDb;
use teilhabe_web::{AppState, Config};
use tower::ServiceExt;

pub const PASSWORD: &str = "test-passwort-1";

/// A row of the permission matrix (permissions.rs): (method, route as
/// registered, concrete path, form fields, roles allowed).
pub type Row = (
    &'static str,
    &'static str,
    String,
    Vec<(&'static str, String)>,
    &'static [&'static str],
);

/// Every role of the permission matrix; "visitor" is not logged in.
pub const ALL: &[&str] = &[
    "visitor",
    "citizen",
    "verified",
    "staff",
    "other_staff",
    "moderator",
    "council",
    "admin",
];

/// Every role but the visitor.
pub const LOGGED_IN: &[&str] = match ALL.split_first() {
    Some((_, rest)) => rest,
    None => &[],
};

pub struct TestApp {
    pub db: TestDb,
    pub store: Store,
    pub state: AppState,
    pub router: axum::Router,
    pub tenant: Tenant,
    pub dept: i64,
    pub other_dept: i64,
    pub users: HashMap<&'static str, i64>,
    pub process_slug: String,
    pub process_id: i64,
}

pub struct Resp {
    pub status: StatusCode,
    pub headers: axum::http::HeaderMap,
    pub body: String,
}

impl Resp {
    pub fn location(&self) -> String {
        self.headers
            .get(header::LOCATION)
            .and_then(|v| v.to_str().ok())
            .unwrap_or("")
            .to_string()
    }
    pub fn json(&self) -> serde_json::Value {
        serde_json::from_str(&self.body).unwrap_or_else(|e| panic!("not JSON ({e}): {}", self.body))
    }
    pub fn csrf(&self) -> String {
        let re = regex_lite::Regex::new(r#"name="_csrf" value="([^"]+)""#).unwrap();
        re.captures(&self.body)
            .map(|c| c[1].to_string())
            .unwrap_or_else(|| {
                panic!(
                    "no CSRF token in page:\n{}",
                    &self.body[..self.body.len().min(500)]
                )
            })
    }
}

/// A browser session: its cookies.
#[derive(Clone, Default)]
pub struct Session {
    pub cookies: HashMap<String, String>,
}

impl Session {
    fn header(&self) -> String {
        self.cookies
            .iter()
            .map(|(k, v)| format!("{k}={v}"))
            .collect::<Vec<_>>()
            .join("; ")
    }
    fn absorb(&mut self, headers: &axum::http::HeaderMap) {
        for v in headers.get_all(header::SET_COOKIE) {
            let s = v.to_str().unwrap_or("");
            let pair = s.split(';').next().unwrap_or("");
            if let Some((k, v)) = pair.split_once('=') {
                if v.is_empty() {
                    self.cookies.remove(k);
                } else {
                    self.cookies.insert(k.to_string(), v.to_string());
                }
            }
        }
    }
}

pub fn config() -> Config {
    // No page cache: tests write through the store and read at once.
    Config {
        page_cache_ms: 0,
        login_per_minute: 1000,
        signup_per_hour: 1000,
        contributions_per_minute: 1000,
        ..Config::default()
    }
}

impl TestApp {
    pub async fn new() -> TestApp {
        Self::with_config(config()).await
    }

    /// Fixture: Musterstadt with two departments, one account per role and
    /// one open process ("radwege") of department 1 with all forms active.
    pub async fn with_config(config: Config) -> TestApp {
        let db = TestDb::new().await;
        let store = db.store().await;
        let tenant = store
            .create_tenant("musterstadt", "Musterstadt", &["localhost"])
            .await
            .unwrap();
        store
            .tenants()
            .update_settings(
                &tenant,
                &teilhabe_store::tenant::TenantSettings {
                    answer_deadline_days: 30,
                    categories: "Verkehr\nGrün".into(),
                    contact_email: "kontakt@musterstadt.example".into(),
                    imprint: "Impressum".into(),
                    privacy: "Datenschutz".into(),
                    accessibility: "Barrierefreiheit".into(),
                },
            )
            .await
            .unwrap();
        let tenant = store.tenants().by_slug("musterstadt").await.unwrap();
        let dept = store.create_department(&tenant, "Mobilität").await.unwrap();
        let other_dept = store
            .create_department(&tenant, "Grünflächen")
            .await
            .unwrap();
        // One hash for all: argon2 is slow in debug builds.
        let hash = teilhabe_store::accounts::hash_password(PASSWORD).unwrap();
        let mut users = HashMap::new();
        for (name, roles) in [
            ("citizen", vec![]),
            ("verified", vec![]),
            ("citizen2", vec![]),
            ("staff", vec![(Role::Staff, Some(dept))]),
            ("other_staff", vec![(Role::Staff, Some(other_dept))]),
            ("moderator", vec![(Role::Moderator, None)]),
            ("council", vec![(Role::Council, None)]),
            ("admin", vec![(Role::Admin, None)]),
        ] {
            let u = store
                .create_user_with_hash(
                    &tenant,
                    &format!("{name}@musterstadt.example"),
                    &format!("Test {name}"),
                    &hash,
                    "de",
                    &roles,
                )
                .await
                .unwrap();
            users.insert(name, u.id);
        }
        let codes = store
            .accounts()
            .generate_verification_codes(&tenant, users["admin"], "Test", 3)
            .await
            .unwrap();
        store
            .accounts()
            .redeem_code(&tenant, users["verified"], &codes[0])
            .await
            .unwrap();
        let admin = actor(&store, &tenant, users["admin"]).await;
        let input = ProcessInput {
            title: "Radwege in Musterstadt".into(),
            slug: "radwege".into(),
            summary: "Wo fehlen sichere Radwege in der Stadt?".into(),
            body: "Sammeln Sie **Vorschläge**.".into(),
            department_id: Some(dept),
            area: "Stadt".into(),
            image_url: String::new(),
            status: "published".into(),
            rules: ProcessRules::default(),
            phases: vec![PhaseInput {
                title: "Vorschläge".into(),
                starts_on: "2026-11-01".into(),
                ends_on: "2026-12-31".into(),
                forms: Form::ALL.to_vec(),
            }],
            active_phase: Some(0),
        };
        let p = store.create_process(&tenant, &admin, &input).await.unwrap();
        let state = AppState::new(store.clone(), config).await.unwrap();
        let router = teilhabe_web::router(state.clone());
        TestApp {
            db,
            store,
            state,
            router,
            tenant,
            dept,
            other_dept,
            users,
            process_slug: p.slug,
            process_id: p.id,
        }
    }

    pub async fn actor(&self, name: &str) -> Actor {
        actor(&self.store, &self.tenant, self.users[name]).await
    }

    pub async fn request(
        &self,
        s: &mut Session,
        method: &str,
        path: &str,
        content_type: Option<&str>,
        body: Vec<u8>,
        extra: &[(&str, &str)],
    ) -> Resp {
        let mut b = Request::builder().method(method).uri(path);
        if !extra.iter().any(|(k, _)| k.eq_ignore_ascii_case("host")) {
            b = b.header(header::HOST, "localhost");
        }
        if !s.cookies.is_empty() {
            b = b.header(header::COOKIE, s.header());
        }
        if let Some(ct) = content_type {
            b = b.header(header::CONTENT_TYPE, ct);
        }
        for (k, v) in extra {
            b = b.header(*k, *v);
        }
        let resp = self
            .router
            .clone()
            .oneshot(b.body(Body::from(body)).unwrap())
            .await
            .unwrap();
        let status = resp.status();
        let headers = resp.headers().clone();
        s.absorb(&headers);
        let bytes = resp.into_body().collect().await.unwrap().to_bytes();
        Resp {
            status,
            headers,
            body: String::from_utf8_lossy(&bytes).into_owned(),
        }
    }

    pub async fn get(&self, s: &mut Session, path: &str) -> Resp {
        self.request(s, "GET", path, None, Vec::new(), &[]).await
    }

    /// Posts a form with the CSRF token of a page the session can see.
    pub async fn post(&self, s: &mut Session, path: &str, fields: &[(&str, &str)]) -> Resp {
        let token = self.csrf_for(s).await;
        self.post_with_token(s, path, &token, fields).await
    }

    pub async fn post_with_token(
        &self,
        s: &mut Session,
        path: &str,
        token: &str,
        fields: &[(&str, &str)],
    ) -> Resp {
        let mut all: Vec<(&str, &str)> = vec![("_csrf", token)];
        all.extend_from_slice(fields);
        let body = serde_urlencoded::to_string(&all).unwrap();
        self.request(
            s,
            "POST",
            path,
            Some("application/x-www-form-urlencoded"),
            body.into_bytes(),
            &[],
        )
        .await
    }

    /// Posts a multipart form (see `multipart`).
    pub async fn post_multipart(
        &self,
        s: &mut Session,
        path: &str,
        file_type: &str,
        fields: &[(&str, Option<&str>, &[u8])],
    ) -> Resp {
        let (ct, body) = multipart(file_type, fields);
        self.request(s, "POST", path, Some(&ct), body, &[]).await
    }

    pub async fn csrf_for(&self, s: &mut Session) -> String {
        let page = if s.cookies.contains_key("th_session") {
            "/"
        } else {
            "/login"
        };
        self.get(s, page).await.csrf()
    }

    pub async fn login(&self, name: &str) -> Session {
        let mut s = Session::default();
        let r = self
            .post(
                &mut s,
                "/login",
                &[
                    ("email", &format!("{name}@musterstadt.example")),
                    ("password", PASSWORD),
                    ("next", "/"),
                ],
            )
            .await;
        assert_eq!(
            r.status,
            StatusCode::SEE_OTHER,
            "login of {name} failed: {}",
            r.body
        );
        assert!(s.cookies.contains_key("th_session"));
        s
    }

    pub async fn api(
        &self,
        method: &str,
        path: &str,
        token: Option<&str>,
        json: Option<serde_json::Value>,
    ) -> Resp {
        let mut s = Session::default();
        let auth = token.map(|t| format!("Bearer {t}"));
        let mut extra: Vec<(&str, &str)> = vec![("accept", "application/json")];
        if let Some(a) = &auth {
            extra.push(("authorization", a));
        }
        let (ct, body) = match json {
            Some(j) => (Some("application/json"), j.to_string().into_bytes()),
            None => (None, Vec::new()),
        };
        self.request(&mut s, method, path, ct, body, &extra).await
    }

    pub async fn token(&self, name: &str) -> String {
        self.store
            .accounts()
            .create_api_token(&self.tenant, self.users[name], "test")
            .await
            .unwrap()
    }

    /// Creates a proposal through the service as the given user.
    pub async fn proposal(&self, author: &str, title: &str) -> i64 {
        let a = self.actor(author).await;
        let draft = teilhabe_domain::proposal::ProposalDraft {
            title: title.into(),
            body: format!("{title}: eine ausführliche Begründung für den Vorschlag."),
            category: "Verkehr".into(),
            latitude: None,
            longitude: None,
        };
        self.store
            .proposals()
            .create(&self.tenant, &a, &self.process_slug, &draft, None)
            .await
            .unwrap()
            .id
    }

    /// Creates a register entry through the service as the admin.
    pub async fn create_entry(
        &self,
        department: Option<i64>,
        entry: teilhabe_domain::register::RegisterEntry,
    ) -> teilhabe_store::register::RegisterSummary {
        let admin = self.actor("admin").await;
        self.store
            .register()
            .create_entry(&self.tenant, &admin, department, entry, "")
            .await
            .unwrap()
    }

    pub async fn count(&self, sql: &str) -> i64 {
        self.store.db.one(sql, &[]).await.unwrap().i64("n").unwrap()
    }
}

/// A multipart/form-data body and its content type: a field with a file
/// name is a file of the type `file_type`.
pub fn multipart(file_type: &str, fields: &[(&str, Option<&str>, &[u8])]) -> (String, Vec<u8>) {
    let boundary = "teilhabe-test-boundary";
    let mut body = Vec::new();
    for (name, filename, value) in fields {
        body.extend_from_slice(format!("--{boundary}\r\n").as_bytes());
        match filename {
            Some(f) => body.extend_from_slice(format!("Content-Disposition: form-data; name=\"{name}\"; filename=\"{f}\"\r\nContent-Type: {file_type}\r\n\r\n").as_bytes()),
            None => body.extend_from_slice(format!("Content-Disposition: form-data; name=\"{name}\"\r\n\r\n").as_bytes()),
        }
        body.extend_from_slice(value);
        body.extend_from_slice(b"\r\n");
    }
    body.extend_from_slice(format!("--{boundary}--\r\n").as_bytes());
    (format!("multipart/form-data; boundary={boundary}"), body)
}

/// The sample register entry whose name contains `name`.
pub fn sample(name: &str) -> teilhabe_domain::register::RegisterEntry {
    teilhabe_register::sample::sample_entries()
        .into_iter()
        .find(|e| e.get("name").contains(name))
        .unwrap_or_else(|| panic!("no sample entry {name}"))
}

pub async fn actor(store: &Store, tenant: &Tenant, id: i64) -> Actor {
    store
        .actor_of(&store.accounts().user(tenant, id).await.unwrap())
        .await
        .unwrap()
}

/// (METHOD, path) of every `.route(...)` in a router source file, however
/// rustfmt wrapped the lines. `prefix` is the nest path ("/api").
pub fn routes_in(src: &str, prefix: &str) -> Vec<(String, String)> {
    let path_re = regex_lite::Regex::new(r#"^\(\s*"([^"]+)""#).unwrap();
    let methods = regex_lite::Regex::new(r"\b(get|post|delete)\(").unwrap();
    let mut out = Vec::new();
    let chunks: Vec<&str> = src.split(".route(").collect();
    for chunk in chunks.iter().skip(1) {
        let chunk = format!("({chunk}");
        // The route's text ends where the next builder call starts.
        let end = [".fallback(", ".merge(", ".nest(", ".layer(", "\n}"]
            .iter()
            .filter_map(|m| chunk.find(m))
            .min()
            .unwrap_or(chunk.len());
        let body = &chunk[..end];
        let Some(c) = path_re.captures(body) else {
            continue;
        };
        for m in methods.captures_iter(&body[c[0].len()..]) {
            out.push((m[1].to_uppercase(), format!("{prefix}{}", &c[1])));
        }
    }
    out
}
