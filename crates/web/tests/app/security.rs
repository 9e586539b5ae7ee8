//! Web hardening: open-redirect attempts on every redirect parameter and
//! the security headers on every page route.

use crate::common::{config, Resp, Session, TestApp, PASSWORD};
use axum::http::{header, StatusCode};

/// Redirect targets that would leave the site in some browser (or after
/// one more decoding step); every redirect parameter must answer them
/// with a local fallback.
pub const ATTACKS: &[&str] = &[
    "//evil.example",
    "///evil.example",
    "/\\evil.example",
    "\\\\evil.example",
    "/\t/evil.example",
    "/\n/evil.example",
    "/%09/evil.example",
    "/%0a/evil.example",
    "/%5Cevil.example",
    "/%2F%2Fevil.example",
    "/%2f/evil.example",
    "/%252F%252Fevil.example",
    "https://evil.example/",
    "http:/\\evil.example",
    "evil.example",
    " //evil.example",
];

fn query(name: &str, value: &str) -> String {
    serde_urlencoded::to_string([(name, value)]).unwrap()
}

#[tokio::test]
async fn language_switch_stays_on_the_site() {
    let app = TestApp::new().await;
    let mut s = Session::default();
    for attack in ATTACKS {
        let r = app
            .get(&mut s, &format!("/lang/de?{}", query("back", attack)))
            .await;
        assert_eq!(r.status, StatusCode::SEE_OTHER, "{attack:?}");
        assert_eq!(r.location(), "/", "{attack:?}");
    }
    // The raw form of the reported attack, not re-encoded by the test.
    let r = app.get(&mut s, "/lang/de?back=/%09/evil.example").await;
    assert_eq!(r.location(), "/");
    // A local path is kept.
    let r = app
        .get(&mut s, "/lang/en?back=%2Fprocesses%3Fstatus%3Dpublished")
        .await;
    assert_eq!(r.location(), "/processes?status=published");
}

#[tokio::test]
async fn login_next_stays_on_the_site() {
    let app = TestApp::new().await;
    for attack in ATTACKS {
        let mut s = Session::default();
        // The form carries only a local target.
        let r = app
            .get(&mut s, &format!("/login?{}", query("next", attack)))
            .await;
        assert_eq!(r.status, StatusCode::OK);
        // minijinja escapes "/" as "&#x2f;".
        assert!(
            r.body.contains(r#"name="next" value="&#x2f;""#),
            "{attack:?}: form keeps the target"
        );
        // A posted target is checked again.
        let r = app
            .post(
                &mut s,
                "/login",
                &[
                    ("email", "citizen@musterstadt.example"),
                    ("password", PASSWORD),
                    ("next", attack),
                ],
            )
            .await;
        assert_eq!(r.status, StatusCode::SEE_OTHER, "{attack:?}");
        assert_eq!(r.location(), "/?notice=notice-logged-in", "{attack:?}");
    }
    let mut s = Session::default();
    let r = app
        .post(
            &mut s,
            "/login",
            &[
                ("email", "citizen@musterstadt.example"),
                ("password", PASSWORD),
                ("next", "/processes/radwege"),
            ],
        )
        .await;
    assert_eq!(r.location(), "/processes/radwege?notice=notice-logged-in");
}

#[tokio::test]
async fn report_back_stays_on_the_site() {
    let app = TestApp::new().await;
    let mut s = app.login("citizen2").await;
    let id = app.proposal("citizen", "Ein Vorschlag zum Melden").await;
    for attack in ATTACKS {
        let r = app
            .post(
                &mut s,
                "/report",
                &[
                    ("kind", "proposal"),
                    ("id", &id.to_string()),
                    ("reason", "Test der Meldung"),
                    ("back", attack),
                ],
            )
            .await;
        assert_eq!(r.status, StatusCode::SEE_OTHER, "{attack:?}: {}", r.body);
        assert_eq!(r.location(), "/?notice=notice-reported", "{attack:?}");
    }
}

#[tokio::test]
async fn login_required_redirect_keeps_a_local_next() {
    let app = TestApp::new().await;
    let mut s = Session::default();
    let r = app.get(&mut s, "/profile").await;
    assert_eq!(r.location(), "/login?next=%2Fprofile");
    // A POST takes the target from the Referer: a crafted one gives "/".
    let token = app.csrf_for(&mut s).await;
    let body = serde_urlencoded::to_string([("_csrf", token.as_str())]).unwrap();
    for referer in [
        "http://localhost//evil.example",
        "http://localhost/\\evil.example",
    ] {
        let r = app
            .request(
                &mut s,
                "POST",
                "/profile/password",
                Some("application/x-www-form-urlencoded"),
                body.clone().into_bytes(),
                &[("referer", referer)],
            )
            .await;
        assert_eq!(r.location(), "/login?next=%2F", "{referer}");
    }
}

/// What is wrong with the security headers of a response; `personal`
/// when the request carried a session or token.
pub fn header_problems(r: &Resp, personal: bool) -> Vec<String> {
    let get = |h: &str| r.headers.get(h).and_then(|v| v.to_str().ok());
    let mut out = Vec::new();
    let csp = get("content-security-policy").unwrap_or("");
    for part in [
        "default-src 'self'",
        "frame-ancestors 'none'",
        "form-action 'self'",
        "base-uri 'none'",
        "object-src 'none'",
    ] {
        if !csp.contains(part) {
            out.push(format!("CSP without {part}: {csp:?}"));
        }
    }
    if csp.contains("unsafe-inline") || csp.contains("unsafe-eval") {
        out.push(format!("CSP allows inline code: {csp}"));
    }
    for (h, v) in [
        ("x-content-type-options", "nosniff"),
        ("x-frame-options", "DENY"),
        ("referrer-policy", "strict-origin-when-cross-origin"),
    ] {
        if get(h) != Some(v) {
            out.push(format!("{h}: {:?}", get(h)));
        }
    }
    let cache = get("cache-control").unwrap_or("");
    let public_file = cache.starts_with("public");
    if personal && !public_file && cache != "no-store" {
        out.push(format!("personal response with cache-control {cache:?}"));
    }
    out
}

/// Every GET page route, its `{parameters}` filled with values of the
/// fixture (or a number, which gives a 404 that must carry them too).
fn page_routes(app: &TestApp, proposal: i64) -> Vec<String> {
    let routes: Vec<String> = crate::permissions::routes_in_source()
        .into_iter()
        .filter(|(m, p)| m == "GET" && !p.starts_with("/api"))
        .map(|(_, p)| p)
        .collect();
    assert!(routes.len() > 30, "only {} page routes", routes.len());
    let re = regex_lite::Regex::new(r"\{[^}]+\}").unwrap();
    routes
        .into_iter()
        .map(|p| {
            let p = p.replace(
                "/processes/{slug}",
                &format!("/processes/{}", app.process_slug),
            );
            let p = p.replace("/proposals/{id}", &format!("/proposals/{proposal}"));
            let p = p.replace("/lang/{code}", "/lang/en");
            re.replace_all(&p, "1").into_owned()
        })
        .collect()
}

#[tokio::test]
async fn every_page_route_carries_the_security_headers() {
    let app = TestApp::new().await;
    let proposal = app.proposal("citizen", "Ein Vorschlag für den Test").await;
    let paths = page_routes(&app, proposal);
    let mut failures = Vec::new();
    for role in ["visitor", "citizen", "admin"] {
        let mut s = if role == "visitor" {
            Session::default()
        } else {
            app.login(role).await
        };
        for path in &paths {
            let r = app.get(&mut s, path).await;
            for p in header_problems(&r, role != "visitor") {
                failures.push(format!("{role} GET {path} ({}): {p}", r.status));
            }
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

#[tokio::test]
async fn personal_pages_are_not_stored_and_hsts_follows_secure_cookies() {
    let app = TestApp::new().await;
    let mut s = app.login("citizen").await;
    // The page that shows a new API token once.
    let r = app
        .post(&mut s, "/profile/tokens", &[("name", "Test")])
        .await;
    assert_eq!(r.headers.get("cache-control").unwrap(), "no-store");
    assert!(r.headers.get("strict-transport-security").is_none());
    let r = app.get(&mut s, "/profile").await;
    assert_eq!(r.headers.get("cache-control").unwrap(), "no-store");
    // API answers to a token are personal too.
    let token = app.token("citizen").await;
    let r = app.api("GET", "/api/processes", Some(&token), None).await;
    assert_eq!(r.headers.get("cache-control").unwrap(), "no-store");
    assert!(header_problems(&r, true).is_empty());

    let app = TestApp::with_config(teilhabe_web::Config {
        secure_cookies: true,
        ..config()
    })
    .await;
    let mut s = Session::default();
    let r = app.get(&mut s, "/").await;
    let hsts = r.headers.get(header::STRICT_TRANSPORT_SECURITY).unwrap();
    assert!(hsts.to_str().unwrap().starts_with("max-age="));
}
