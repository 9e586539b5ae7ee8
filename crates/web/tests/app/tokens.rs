//! API tokens: scopes, expiry, revocation on password change and reset,
//! refusal on page routes, last use (issue #12).

use crate::common::{Session, TestApp, PASSWORD};
use axum::http::StatusCode;
use serde_json::json;
use teilhabe_store::accounts::NewToken;

fn proposal() -> serde_json::Value {
    json!({"title": "Radweg über die API", "body": "Eine ausreichend lange Begründung über die API."})
}

async fn token_with(app: &TestApp, who: &str, scopes: &[&str], days: i64) -> String {
    app.store
        .accounts()
        .create_api_token_with(
            &app.tenant,
            app.users[who],
            &NewToken {
                name: "Test".into(),
                scopes: scopes.iter().map(|s| s.to_string()).collect(),
                days,
            },
        )
        .await
        .unwrap()
}

fn advance_ms(app: &TestApp, ms: i64) {
    match &app.store.clock {
        teilhabe_store::Clock::Fixed(v) => {
            v.fetch_add(ms, std::sync::atomic::Ordering::SeqCst);
        }
        teilhabe_store::Clock::System => panic!("tests run on a fixed clock"),
    }
}

fn www_authenticate(r: &crate::common::Resp) -> String {
    r.headers
        .get("www-authenticate")
        .map(|v| v.to_str().unwrap().to_string())
        .unwrap_or_default()
}

#[tokio::test]
async fn a_token_writes_only_within_its_scopes() {
    let app = TestApp::new().await;
    let goals_only = token_with(&app, "citizen", &["write:goals"], 90).await;
    let path = "/api/processes/radwege/proposals";
    let r = app
        .api("POST", path, Some(&goals_only), Some(proposal()))
        .await;
    assert_eq!(r.status, StatusCode::FORBIDDEN, "{}", r.body);
    assert_eq!(r.headers["content-type"], "application/problem+json");
    assert_eq!(
        r.json()["type"],
        "https://teilhabe.dev/problems/token-scope"
    );
    assert!(r.json()["detail"]
        .as_str()
        .unwrap()
        .contains("write:proposals"));
    assert!(www_authenticate(&r).contains("insufficient_scope"));
    assert_eq!(
        app.count("SELECT COUNT(*) AS n FROM proposals WHERE title = 'Radweg über die API'")
            .await,
        0
    );
    // Without any token a write is 401 and names the scheme.
    let r = app.api("POST", path, None, Some(proposal())).await;
    assert_eq!(r.status, StatusCode::UNAUTHORIZED);
    assert_eq!(www_authenticate(&r), "Bearer realm=\"teilhabe\"");
    // Reading is always in scope.
    let r = app
        .api("GET", "/api/processes", Some(&goals_only), None)
        .await;
    assert_eq!(r.status, StatusCode::OK);
    let writer = token_with(&app, "citizen", &["write:proposals"], 90).await;
    let r = app.api("POST", path, Some(&writer), Some(proposal())).await;
    assert_eq!(r.status, StatusCode::CREATED, "{}", r.body);
    // Another module's write is still refused for this token.
    let r = app
        .api(
            "POST",
            "/api/processes/zukunft-innenstadt/opinion/votes",
            Some(&writer),
            Some(json!({"statement_id": 1, "vote": 1})),
        )
        .await;
    assert_eq!(r.status, StatusCode::FORBIDDEN);
    assert!(r.json()["detail"]
        .as_str()
        .unwrap()
        .contains("write:opinion"));
    // An unknown scope or expiry is refused with its field named.
    let bad = app
        .store
        .accounts()
        .create_api_token_with(
            &app.tenant,
            app.users["citizen"],
            &NewToken {
                name: "x".into(),
                scopes: vec!["write:everything".into()],
                days: 5000,
            },
        )
        .await
        .unwrap_err();
    let text = format!("{bad:?}");
    assert!(text.contains("error-token-scope-unknown") && text.contains("error-token-days"));
}

#[tokio::test]
async fn an_expired_token_is_unauthorized() {
    let app = TestApp::new().await;
    let t = token_with(&app, "citizen", &["write:proposals"], 7).await;
    assert_eq!(
        app.api("GET", "/api/processes", Some(&t), None)
            .await
            .status,
        StatusCode::OK
    );
    app.store.clock.advance_days(8);
    let r = app.api("GET", "/api/processes", Some(&t), None).await;
    assert_eq!(r.status, StatusCode::UNAUTHORIZED);
    assert_eq!(
        r.json()["type"],
        "https://teilhabe.dev/problems/token-expired"
    );
    assert!(www_authenticate(&r).contains("invalid_token"));
    // A malformed header is a 401 too, naming the request as invalid.
    let mut s = Session::default();
    let r = app
        .request(
            &mut s,
            "GET",
            "/api/processes",
            None,
            Vec::new(),
            &[
                ("authorization", "Basic abc"),
                ("accept", "application/json"),
            ],
        )
        .await;
    assert_eq!(r.status, StatusCode::UNAUTHORIZED);
    assert!(www_authenticate(&r).contains("invalid_request"));
}

#[tokio::test]
async fn a_password_change_or_reset_revokes_every_token() {
    let app = TestApp::new().await;
    let t = app.token("citizen").await;
    let mut s = app.login("citizen").await;
    let r = app
        .post(
            &mut s,
            "/profile/password",
            &[
                ("current_password", PASSWORD),
                ("new_password", "noch-besseres-passwort"),
                ("new_password_confirm", "noch-besseres-passwort"),
            ],
        )
        .await;
    assert_eq!(r.status, StatusCode::SEE_OTHER, "{}", r.body);
    let r = app.api("GET", "/api/processes", Some(&t), None).await;
    assert_eq!(r.status, StatusCode::UNAUTHORIZED);
    assert!(www_authenticate(&r).contains("invalid_token"));
    // A reset does the same.
    let t = app.token("citizen2").await;
    let mut v = Session::default();
    app.post(
        &mut v,
        "/password/forgot",
        &[("email", "citizen2@musterstadt.example")],
    )
    .await;
    let mails = app.store.mail().outbox(&app.tenant, 10).await.unwrap();
    let sent = teilhabe_web::jobs::outgoing(&app.state, &mails[0])
        .await
        .unwrap();
    let token = sent
        .lines()
        .find_map(|l| l.split("token=").nth(1))
        .unwrap()
        .trim()
        .to_string();
    let r = app
        .post(
            &mut v,
            "/password/reset",
            &[
                ("token", &token),
                ("password", "frisches-passwort"),
                ("password_confirm", "frisches-passwort"),
            ],
        )
        .await;
    assert_eq!(r.status, StatusCode::SEE_OTHER, "{}", r.body);
    assert_eq!(
        app.api("GET", "/api/processes", Some(&t), None)
            .await
            .status,
        StatusCode::UNAUTHORIZED
    );
    // Both are in the audit log.
    for action in ["user.password_changed", "user.password_reset"] {
        assert_eq!(
            app.count(&format!(
                "SELECT COUNT(*) AS n FROM audit_log WHERE action = '{action}'"
            ))
            .await,
            1,
            "{action}"
        );
    }
}

#[tokio::test]
async fn pages_refuse_tokens_so_a_token_cannot_mint_tokens() {
    let app = TestApp::new().await;
    let t = app.token("citizen").await;
    let auth = format!("Bearer {t}");
    let mut s = Session::default();
    let r = app
        .request(
            &mut s,
            "POST",
            "/profile/tokens",
            Some("application/x-www-form-urlencoded"),
            b"name=mehr".to_vec(),
            &[("authorization", &auth)],
        )
        .await;
    assert_eq!(r.status, StatusCode::UNAUTHORIZED);
    assert!(www_authenticate(&r).contains("invalid_request"));
    let r = app
        .request(
            &mut s,
            "GET",
            "/profile",
            None,
            Vec::new(),
            &[("authorization", &auth)],
        )
        .await;
    assert_eq!(r.status, StatusCode::UNAUTHORIZED);
    assert_eq!(
        app.count("SELECT COUNT(*) AS n FROM api_tokens").await,
        1,
        "no token was minted"
    );
}

#[tokio::test]
async fn the_profile_creates_a_token_once_and_shows_scope_expiry_and_last_use() {
    let app = TestApp::new().await;
    let mut s = app.login("citizen").await;
    let r = app
        .post(
            &mut s,
            "/profile/tokens",
            &[
                ("name", "Mein Skript"),
                ("scopes", "write:proposals"),
                ("scopes", "write:goals"),
                ("days", "30"),
            ],
        )
        .await;
    assert_eq!(r.status, StatusCode::CREATED, "{}", r.body);
    assert_eq!(r.headers["cache-control"], "no-store");
    let token = r
        .body
        .split("<code>")
        .find_map(|c| c.split("</code>").next().filter(|t| t.starts_with("th_")))
        .unwrap()
        .to_string();
    let page = app.get(&mut s, "/profile").await.body;
    assert!(!page.contains(&token), "shown only once");
    assert!(page.contains("read write:proposals write:goals"));
    assert!(page.contains("Zuletzt benutzt: noch nie"));
    let created = app.store.now();
    let expires: i64 = app
        .count("SELECT expires_at AS n FROM api_tokens WHERE name = 'Mein Skript'")
        .await;
    assert_eq!(expires, created + 30 * 86_400_000);
    app.store.clock.advance_days(1);
    assert_eq!(
        app.api("GET", "/api/processes", Some(&token), None)
            .await
            .status,
        StatusCode::OK
    );
    let used = app
        .count("SELECT last_used_at AS n FROM api_tokens WHERE name = 'Mein Skript'")
        .await;
    assert_eq!(used, app.store.now());
    let page = app.get(&mut s, "/profile").await.body;
    assert!(!page.contains("noch nie"), "last use shown");
    // Within a minute a use is not written again; after it, it is.
    let last_use = || async {
        app.count("SELECT last_used_at AS n FROM api_tokens WHERE name = 'Mein Skript'")
            .await
    };
    advance_ms(&app, 30_000);
    app.api("GET", "/api/processes", Some(&token), None).await;
    assert_eq!(last_use().await, used, "not written within a minute");
    advance_ms(&app, 31_000);
    app.api("GET", "/api/processes", Some(&token), None).await;
    assert_eq!(last_use().await, app.store.now());
    // A bad choice is named on the form.
    let r = app
        .post(
            &mut s,
            "/profile/tokens",
            &[("name", "x"), ("scopes", "write:alles"), ("days", "12")],
        )
        .await;
    assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(r.body.contains("Diese Berechtigung gibt es nicht"));
    assert!(r
        .body
        .contains("Wählen Sie eine der angebotenen Laufzeiten"));
}

#[tokio::test]
async fn the_openapi_document_names_the_scope_each_write_needs() {
    let doc = serde_json::to_value(teilhabe_web::api::openapi_document()).unwrap();
    let scheme = &doc["components"]["securitySchemes"]["token"];
    assert_eq!(scheme["scheme"], "bearer");
    let about = scheme["description"].as_str().unwrap();
    for scope in teilhabe_store::accounts::TOKEN_SCOPES {
        assert!(
            about.contains(&format!("`{scope}`")),
            "{scope} undocumented"
        );
    }
    let mut writes = 0;
    for (path, item) in doc["paths"].as_object().unwrap() {
        for (method, op) in item.as_object().unwrap() {
            let Some(sec) = op["security"].as_array() else {
                continue;
            };
            let declared: Vec<&str> = sec
                .iter()
                .filter_map(|r| r["token"].as_array())
                .flatten()
                .filter_map(|s| s.as_str())
                .collect();
            let m = axum::http::Method::from_bytes(method.to_uppercase().as_bytes()).unwrap();
            let need = teilhabe_web::api::scope_for(&m, path.trim_start_matches("/api"));
            assert_eq!(declared, vec![need], "{method} {path}");
            if need != "read" {
                writes += 1;
            }
        }
    }
    assert!(writes >= 10, "only {writes} write operations found");
}

#[tokio::test]
async fn the_development_sender_writes_links_to_a_file_and_blanks_the_outbox() {
    let app = TestApp::new().await;
    let mut s = Session::default();
    app.post(
        &mut s,
        "/password/forgot",
        &[("email", "citizen@musterstadt.example")],
    )
    .await;
    let dir = std::env::temp_dir().join(format!("teilhabe-mail-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let file = dir.join("mail.txt");
    let _ = std::fs::remove_file(&file);
    let n = teilhabe_web::jobs::send_to_file(&app.state, &file)
        .await
        .unwrap();
    assert_eq!(n, 1);
    let text = std::fs::read_to_string(&file).unwrap();
    assert!(text.contains("To: citizen@musterstadt.example"));
    let token = text
        .lines()
        .find_map(|l| l.split("/password/reset?token=").nth(1))
        .unwrap()
        .trim()
        .to_string();
    assert_eq!(token.len(), 64);
    let outbox = app.store.mail().outbox(&app.tenant, 10).await.unwrap();
    assert!(outbox[0].sent_at.is_some() && outbox[0].body.is_empty());
    // The link in the file works.
    let r = app
        .post(
            &mut s,
            "/password/reset",
            &[
                ("token", &token),
                ("password", "frisches-passwort"),
                ("password_confirm", "frisches-passwort"),
            ],
        )
        .await;
    assert_eq!(r.status, StatusCode::SEE_OTHER, "{}", r.body);
    std::fs::remove_dir_all(&dir).unwrap();
}
