//! Rate limits behind a trusted proxy, the per-account login back-off,
//! pruning of limiter state, and the bounded municipality cache.

use crate::common::{config, Resp, Session, TestApp, PASSWORD};
use axum::http::StatusCode;
use teilhabe_web::Config;

async fn login_from(app: &TestApp, xff: &str, email: &str, password: &str) -> Resp {
    let mut s = Session::default();
    let token = app.csrf_for(&mut s).await;
    let body = serde_urlencoded::to_string([
        ("_csrf", token.as_str()),
        ("email", email),
        ("password", password),
        ("next", "/"),
    ])
    .unwrap();
    app.request(
        &mut s,
        "POST",
        "/login",
        Some("application/x-www-form-urlencoded"),
        body.into_bytes(),
        &[("x-forwarded-for", xff)],
    )
    .await
}

#[tokio::test]
async fn rotating_forwarded_for_does_not_escape_the_login_limit() {
    let app = TestApp::with_config(Config {
        trust_proxy: true,
        login_per_minute: 3,
        ..config()
    })
    .await;
    // The client writes whatever it likes on the left; the proxy appends
    // the real address on the right.
    let mut statuses = Vec::new();
    for i in 0..6 {
        let xff = format!("10.{i}.{i}.{i}, 198.51.100.{i}, 203.0.113.7");
        let r = login_from(&app, &xff, &format!("nobody{i}@example.org"), "falsch").await;
        statuses.push(r.status);
    }
    assert_eq!(
        statuses,
        [
            StatusCode::UNPROCESSABLE_ENTITY,
            StatusCode::UNPROCESSABLE_ENTITY,
            StatusCode::UNPROCESSABLE_ENTITY,
            StatusCode::TOO_MANY_REQUESTS,
            StatusCode::TOO_MANY_REQUESTS,
            StatusCode::TOO_MANY_REQUESTS,
        ]
    );
    // Another real address has its own quota.
    let r = login_from(
        &app,
        "10.0.0.1, 203.0.113.8",
        "nobody@example.org",
        "falsch",
    )
    .await;
    assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY);
}

#[tokio::test]
async fn proxy_hops_pick_the_entry_of_the_outer_proxy() {
    let app = TestApp::with_config(Config {
        trust_proxy: true,
        proxy_hops: 2,
        login_per_minute: 2,
        ..config()
    })
    .await;
    // Two proxies: the outer one wrote 203.0.113.9, the inner one the
    // outer proxy's address; the client rotates the leftmost entry.
    let mut last = StatusCode::OK;
    for i in 0..3 {
        let xff = format!("192.0.2.{i}, 203.0.113.9, 10.0.0.2");
        last = login_from(&app, &xff, &format!("n{i}@example.org"), "falsch")
            .await
            .status;
    }
    assert_eq!(last, StatusCode::TOO_MANY_REQUESTS);
}

#[tokio::test]
async fn the_account_limit_holds_from_many_addresses_and_says_when() {
    let app = TestApp::with_config(Config {
        trust_proxy: true,
        ..config()
    })
    .await;
    let email = "citizen@musterstadt.example";
    for i in 0..teilhabe_web::limits::FREE_FAILURES {
        let r = login_from(&app, &format!("198.51.100.{i}"), email, "falsch-falsch").await;
        assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY, "attempt {i}");
    }
    // Even the right password from a new address waits now.
    let r = login_from(&app, "203.0.113.50", email, PASSWORD).await;
    assert_eq!(r.status, StatusCode::TOO_MANY_REQUESTS);
    assert_eq!(r.headers.get("retry-after").unwrap(), "30");
    assert!(
        r.body.contains("zu viele falsche Anmeldungen") && r.body.contains("noch einmal"),
        "{}",
        r.body
    );
    // The form is shown again with the address kept.
    assert!(r.body.contains(r#"name="password""#));
    assert!(r.body.contains(r#"value="citizen@musterstadt.example""#));
    // The upper-case spelling is the same account.
    let r = login_from(
        &app,
        "203.0.113.51",
        " CITIZEN@musterstadt.example",
        PASSWORD,
    )
    .await;
    assert_eq!(r.status, StatusCode::TOO_MANY_REQUESTS);
    // Other accounts are not affected.
    let r = login_from(
        &app,
        "203.0.113.52",
        "verified@musterstadt.example",
        PASSWORD,
    )
    .await;
    assert_eq!(r.status, StatusCode::SEE_OTHER);
    // After the wait the right password works and clears the count.
    app.store.clock.advance_days(1);
    let r = login_from(&app, "203.0.113.53", email, PASSWORD).await;
    assert_eq!(r.status, StatusCode::SEE_OTHER);
    assert_eq!(
        app.state
            .limits
            .accounts
            .wait_ms(app.tenant.id, email, app.store.now()),
        None
    );
    let r = login_from(&app, "203.0.113.54", email, "falsch-falsch").await;
    assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY);
}

#[tokio::test]
async fn limiter_state_is_pruned() {
    let app = TestApp::with_config(Config {
        // One cell per millisecond: a key is back to a full quota at once.
        login_per_minute: 60_000,
        ..config()
    })
    .await;
    let limits = &app.state.limits;
    limits.prune();
    for i in 0..500 {
        assert!(limits
            .login
            .check_key(&format!("198.51.100.{i}:login"))
            .is_ok());
    }
    assert_eq!(limits.keys(), 500);
    tokio::time::sleep(std::time::Duration::from_millis(50)).await;
    // Pruning runs by itself every 1024 checks.
    for _ in 0..1024 {
        limits.note_check();
    }
    assert_eq!(limits.keys(), 0);
}

#[tokio::test]
async fn random_hosts_keep_the_cache_bounded() {
    let app = TestApp::new().await;
    let mut s = Session::default();
    for i in 0..(teilhabe_web::tenants::MAX_HOSTS * 3) {
        let host = format!("x{i}.random.example");
        let r = app
            .request(&mut s, "GET", "/", None, Vec::new(), &[("host", &host)])
            .await;
        // Without --strict-hosts the only municipality answers every host.
        assert_eq!(r.status, StatusCode::OK);
    }
    let (hosts, tenants) = app.state.tenants.sizes();
    assert!(hosts <= teilhabe_web::tenants::MAX_HOSTS, "{hosts} hosts");
    assert_eq!(tenants, 1);
}

#[tokio::test]
async fn strict_hosts_refuse_unknown_hosts() {
    let app = TestApp::with_config(Config {
        strict_hosts: true,
        ..config()
    })
    .await;
    let mut s = Session::default();
    let r = app.get(&mut s, "/").await;
    assert_eq!(r.status, StatusCode::OK);
    let r = app
        .request(
            &mut s,
            "GET",
            "/",
            None,
            Vec::new(),
            &[("host", "LOCALHOST:8080")],
        )
        .await;
    assert_eq!(r.status, StatusCode::OK);
    for i in 0..100 {
        let host = format!("x{i}.random.example");
        let r = app
            .request(&mut s, "GET", "/", None, Vec::new(), &[("host", &host)])
            .await;
        assert_eq!(r.status, StatusCode::MISDIRECTED_REQUEST);
        assert!(r.body.contains("keine Gemeinde eingerichtet"), "{}", r.body);
    }
    let r = app
        .request(
            &mut s,
            "GET",
            "/api/processes",
            None,
            Vec::new(),
            &[("host", "evil.example"), ("accept", "application/json")],
        )
        .await;
    assert_eq!(r.status, StatusCode::MISDIRECTED_REQUEST);
    assert!(r.json()["type"]
        .as_str()
        .unwrap()
        .ends_with("/unknown-host"));
    // Unknown hosts are not remembered.
    assert_eq!(app.state.tenants.sizes(), (1, 1));
}
