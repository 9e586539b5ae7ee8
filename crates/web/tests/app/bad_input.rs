//! Bad input gets a clear 4xx, never a 500, and writes nothing.

use crate::common::{config, Resp, Session, TestApp};
use axum::http::StatusCode;

/// Posts a raw form body (not encoded by the test).
async fn post_raw(app: &TestApp, s: &mut Session, path: &str, body: Vec<u8>) -> Resp {
    let form = Some("application/x-www-form-urlencoded");
    app.request(s, "POST", path, form, body, &[]).await
}

/// A GET as if the browser asked for another host name.
async fn get_on_host(app: &TestApp, s: &mut Session, path: &str, host: &str) -> Resp {
    app.request(s, "GET", path, None, Vec::new(), &[("host", host)])
        .await
}

/// A login of the citizen with a wrong password.
async fn wrong_login(app: &TestApp, s: &mut Session) -> Resp {
    let fields = [
        ("email", "citizen@musterstadt.example"),
        ("password", "falsch-falsch"),
    ];
    app.post(s, "/login", &fields).await
}

#[tokio::test]
async fn missing_expired_or_foreign_csrf_tokens_are_refused() {
    let app = TestApp::new().await;
    let id = app.proposal("citizen2", "Ein Vorschlag für den Test").await;
    let mut s = app.login("citizen").await;
    let r = app
        .post_with_token(&mut s, &format!("/proposals/{id}/support"), "", &[])
        .await;
    assert_eq!(r.status, StatusCode::FORBIDDEN);
    assert!(r.body.contains("Das Formular ist ungültig"));
    // A token from another session does not work here.
    let mut other = app.login("verified").await;
    let foreign = app.csrf_for(&mut other).await;
    assert_eq!(
        app.post_with_token(&mut s, &format!("/proposals/{id}/support"), &foreign, &[])
            .await
            .status,
        StatusCode::FORBIDDEN
    );
    // A token older than 12 hours has expired, with its own message.
    let token = app.csrf_for(&mut s).await;
    app.store.clock.advance_days(1);
    let r = app
        .post_with_token(&mut s, &format!("/proposals/{id}/support"), &token, &[])
        .await;
    assert_eq!(r.status, StatusCode::FORBIDDEN);
    assert!(r.body.contains("abgelaufen"), "{}", r.body);
    assert_eq!(app.count("SELECT COUNT(*) AS n FROM supports").await, 0);
}

#[tokio::test]
async fn malformed_requests_get_clear_4xx() {
    let app = TestApp::new().await;
    let mut s = app.login("citizen").await;
    let token = app.csrf_for(&mut s).await;
    // Invalid UTF-8, raw and percent-encoded.
    let mut body = format!("_csrf={token}&body=").into_bytes();
    body.extend_from_slice(&[0xff, 0xfe]);
    let r = post_raw(&app, &mut s, "/report", body).await;
    assert_eq!(r.status, StatusCode::BAD_REQUEST);
    assert!(r.body.contains("kein UTF-8"));
    let r = post_raw(
        &app,
        &mut s,
        "/report",
        format!("_csrf={token}&kind=proposal&id=1&reason=%FF%FE").into_bytes(),
    )
    .await;
    assert_eq!(r.status, StatusCode::BAD_REQUEST);
    // Oversized bodies.
    let big = format!("_csrf={token}&body={}", "a".repeat(300 * 1024));
    let r = post_raw(&app, &mut s, "/proposals/1/comments", big.into_bytes()).await;
    assert_eq!(r.status, StatusCode::PAYLOAD_TOO_LARGE);
    // Wrong types in fields and ids.
    let r = app
        .post(
            &mut s,
            "/report",
            &[("kind", "proposal"), ("id", "abc"), ("reason", "Grund")],
        )
        .await;
    assert_eq!(r.status, StatusCode::BAD_REQUEST);
    for path in [
        "/proposals/99999999",
        "/proposals/-1",
        "/processes/gibt-es-nicht",
        "/proposals/1x",
    ] {
        let r = app.get(&mut s, path).await;
        assert!(
            r.status == StatusCode::NOT_FOUND || r.status == StatusCode::BAD_REQUEST,
            "{path}: {}",
            r.status
        );
    }
    let r = app.get(&mut s, "/proposals/99999999999999999999999").await;
    assert!(r.status.is_client_error(), "{}", r.status);
    // Bad list parameters.
    assert_eq!(
        app.get(&mut s, "/processes/radwege?per_page=1000")
            .await
            .status,
        StatusCode::BAD_REQUEST
    );
    assert_eq!(
        app.get(&mut s, "/processes/radwege?status=unbekannt")
            .await
            .status,
        StatusCode::UNPROCESSABLE_ENTITY
    );
    assert_eq!(
        app.get(&mut s, "/processes/radwege?sort=zufall")
            .await
            .status,
        StatusCode::BAD_REQUEST
    );
    assert_eq!(
        app.get(&mut s, &format!("/search?q={}", "x".repeat(300)))
            .await
            .status,
        StatusCode::BAD_REQUEST
    );
    // Wrong content type.
    let r = app
        .request(
            &mut s,
            "POST",
            "/report",
            Some("text/plain"),
            b"hallo".to_vec(),
            &[],
        )
        .await;
    assert_eq!(r.status, StatusCode::BAD_REQUEST);
    // Search syntax characters are text, not query syntax.
    let r = app.get(&mut s, "/search?q=%22rad*%20OR%20(NEAR").await;
    assert_eq!(r.status, StatusCode::OK);
    // Open redirects are refused.
    let r = app.get(&mut s, "/lang/en?back=//evil.example").await;
    assert_eq!(r.location(), "/");
}

#[tokio::test]
async fn a_failed_write_leaves_nothing_behind() {
    let app = TestApp::new().await;
    let mut s = app.login("citizen").await;
    let audit_before = app.store.audit().head(&app.tenant).await.unwrap();
    let r = app
        .post(
            &mut s,
            "/processes/radwege/proposals",
            &[
                ("title", "Ok Titel"),
                ("body", "zu kurz"),
                ("latitude", "95"),
                ("confirmed", "1"),
            ],
        )
        .await;
    assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(r.body.contains("mindestens 15 Zeichen"));
    assert!(r.body.contains("Breiten- und Längengrad zusammen"));
    assert_eq!(app.count("SELECT COUNT(*) AS n FROM proposals").await, 0);
    assert_eq!(
        app.store.audit().head(&app.tenant).await.unwrap(),
        audit_before,
        "no audit entry for a refused write"
    );
}

#[tokio::test]
async fn login_attempts_are_rate_limited() {
    let app = TestApp::with_config(teilhabe_web::Config {
        login_per_minute: 3,
        ..config()
    })
    .await;
    let mut s = Session::default();
    let mut statuses = Vec::new();
    for _ in 0..5 {
        let r = wrong_login(&app, &mut s).await;
        statuses.push(r.status);
    }
    assert_eq!(&statuses[..3], &[StatusCode::UNPROCESSABLE_ENTITY; 3]);
    assert_eq!(statuses[4], StatusCode::TOO_MANY_REQUESTS);
    let r = wrong_login(&app, &mut s).await;
    assert!(r.headers.contains_key("retry-after"));
    assert!(r.body.contains("Zu viele Versuche"));
}

#[tokio::test]
async fn the_audit_log_is_append_only_and_tampering_is_found() {
    let app = TestApp::new().await;
    app.proposal("citizen", "Vorschlag für das Protokoll").await;
    app.proposal("citizen", "Noch ein Vorschlag fürs Protokoll")
        .await;
    let v = app.store.audit().verify(&app.tenant).await.unwrap();
    assert!(v.first_break.is_none() && !v.head_mismatch);
    // The database refuses edits.
    assert!(app
        .store
        .db
        .exec("UPDATE audit_log SET actor = 'x' WHERE seq = 2", &[])
        .await
        .is_err());
    assert!(app
        .store
        .db
        .exec("DELETE FROM audit_log WHERE seq = 2", &[])
        .await
        .is_err());
    // Someone with database access disables the guard and edits an entry.
    let disable = if app.store.db.is_postgres() {
        "ALTER TABLE audit_log DISABLE TRIGGER audit_log_no_change"
    } else {
        "DROP TRIGGER audit_log_no_update"
    };
    app.store.db.exec(disable, &[]).await.unwrap();
    app.store
        .db
        .exec(
            "UPDATE audit_log SET details = '{\"title\":\"gefälscht\"}' WHERE seq = 3",
            &[],
        )
        .await
        .unwrap();
    let v = app.store.audit().verify(&app.tenant).await.unwrap();
    assert_eq!(v.first_break.as_ref().map(|b| b.0), Some(3), "{v:?}");
}

#[tokio::test]
async fn municipalities_are_separated_by_host() {
    let app = TestApp::new().await;
    let other = app
        .store
        .create_tenant("nachbarstadt", "Nachbarstadt", &["nachbarstadt.example"])
        .await
        .unwrap();
    app.proposal("citizen", "Nur in Musterstadt sichtbar").await;
    let mut s = Session::default();
    let r = get_on_host(&app, &mut s, "/", "nachbarstadt.example").await;
    assert_eq!(r.status, StatusCode::OK);
    assert!(r.body.contains("Mitreden in Nachbarstadt"));
    let r = get_on_host(&app, &mut s, "/processes/radwege", "nachbarstadt.example").await;
    assert_eq!(
        r.status,
        StatusCode::NOT_FOUND,
        "another municipality's process"
    );
    let r = get_on_host(&app, &mut s, "/", "unbekannt.example").await;
    assert_eq!(r.status, StatusCode::NOT_FOUND);
    assert_eq!(
        app.store
            .tenants()
            .for_host("nachbarstadt.example:443")
            .await
            .unwrap()
            .unwrap()
            .id,
        other.id
    );
    assert_eq!(
        app.store
            .tenants()
            .for_host("localhost")
            .await
            .unwrap()
            .unwrap()
            .id,
        app.tenant.id
    );
    assert!(
        app.store
            .tenants()
            .for_host("unbekannt.example")
            .await
            .unwrap()
            .is_none(),
        "with two municipalities, unknown hosts get none"
    );
    let anon = teilhabe_domain::Actor::visitor();
    assert!(app
        .store
        .processes()
        .list(&other, &anon, None)
        .await
        .unwrap()
        .is_empty());
    assert!(app
        .store
        .search()
        .query(&other, "sichtbar", 1, 10)
        .await
        .unwrap()
        .items
        .is_empty());
    // A Musterstadt login does not work in Nachbarstadt.
    assert!(app
        .store
        .accounts()
        .authenticate(
            &other,
            "citizen@musterstadt.example",
            crate::common::PASSWORD
        )
        .await
        .is_err());
}
