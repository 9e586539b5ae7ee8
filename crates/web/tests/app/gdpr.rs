//! GDPR self-service over HTTP: the data page and JSON export hold the
//! person's own items and nobody else's; deleting the account ends the
//! log-in and leaves the proposals as by "gelöschtes Konto"; the privacy
//! page and the retention page show the periods.

use crate::common::{Session, TestApp, PASSWORD};
use axum::http::{header, StatusCode};

fn header_of(r: &crate::common::Resp, name: header::HeaderName) -> String {
    r.headers
        .get(name)
        .and_then(|v| v.to_str().ok())
        .unwrap_or("")
        .to_string()
}

#[tokio::test]
async fn export_holds_the_persons_items_and_not_others() {
    let app = TestApp::new().await;
    let own = app
        .proposal("citizen", "Mein eigener Vorschlag zur Bank")
        .await;
    app.proposal("citizen2", "Ein fremder Vorschlag zum Brunnen")
        .await;
    let mut s = app.login("citizen").await;
    let r = app.get(&mut s, "/profile/export.json").await;
    assert_eq!(r.status, StatusCode::OK, "{}", r.body);
    assert!(header_of(&r, header::CONTENT_DISPOSITION).starts_with("attachment;"));
    assert_eq!(header_of(&r, header::CACHE_CONTROL), "no-store");
    let j = r.json();
    assert_eq!(j["account"]["email"], "citizen@musterstadt.example");
    let proposals = j["proposals"].as_array().unwrap();
    assert_eq!(proposals.len(), 1);
    assert_eq!(proposals[0]["id"], own);
    assert_eq!(proposals[0]["title"], "Mein eigener Vorschlag zur Bank");
    assert!(!r.body.contains("fremder Vorschlag") && !r.body.contains("citizen2@"));
    assert!(!r.body.contains("password") && !r.body.contains("token_hash"));
    assert_eq!(j["sessions"], 1);

    let r = app.get(&mut s, "/profile/data").await;
    assert_eq!(r.status, StatusCode::OK);
    assert_eq!(header_of(&r, header::CACHE_CONTROL), "no-store");
    assert!(r.body.contains("Mein eigener Vorschlag zur Bank"));
    assert!(r.body.contains("citizen@musterstadt.example"));
    assert!(!r.body.contains("fremder Vorschlag"));
    assert!(r.body.contains("href=\"/profile/export.json\""));

    // Not signed in: no data.
    let r = app
        .get(&mut Session::default(), "/profile/export.json")
        .await;
    assert_ne!(r.status, StatusCode::OK);
    assert!(!r.body.contains("citizen@"));
}

#[tokio::test]
async fn deletion_ends_the_login_and_keeps_the_proposal_as_deleted_account() {
    let app = TestApp::new().await;
    let id = app.proposal("citizen", "Ein Vorschlag, der bleibt").await;
    let mut s = app.login("citizen").await;
    let r = app.get(&mut s, "/profile/delete").await;
    assert_eq!(r.status, StatusCode::OK);
    assert!(r.body.contains("name=\"password\""));

    // A wrong password: the form again with the message, nothing deleted.
    let r = app
        .post(
            &mut s,
            "/profile/delete",
            &[("password", "falsch-falsch"), ("contributions", "keep")],
        )
        .await;
    assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(r.body.contains("Das Passwort stimmt nicht."), "{}", r.body);
    // A choice that does not exist.
    let r = app
        .post(
            &mut s,
            "/profile/delete",
            &[("password", PASSWORD), ("contributions", "alles")],
        )
        .await;
    assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(
        app.count("SELECT COUNT(*) AS n FROM users WHERE deleted_at IS NOT NULL")
            .await,
        0
    );

    let r = app
        .post(
            &mut s,
            "/profile/delete",
            &[("password", PASSWORD), ("contributions", "keep")],
        )
        .await;
    assert_eq!(r.status, StatusCode::SEE_OTHER, "{}", r.body);
    assert_eq!(r.location(), "/?notice=notice-account-deleted");
    // The session is gone, log-in fails.
    let r = app.get(&mut s, "/profile").await;
    assert_ne!(r.status, StatusCode::OK);
    let mut fresh = Session::default();
    let r = app
        .post(
            &mut fresh,
            "/login",
            &[
                ("email", "citizen@musterstadt.example"),
                ("password", PASSWORD),
                ("next", "/"),
            ],
        )
        .await;
    assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY);
    // The proposal stays, by "gelöschtes Konto".
    let r = app
        .get(&mut Session::default(), &format!("/proposals/{id}"))
        .await;
    assert_eq!(r.status, StatusCode::OK);
    assert!(r.body.contains("Ein Vorschlag, der bleibt"));
    assert!(r.body.contains("gelöschtes Konto"), "{}", r.body);
    assert!(!r.body.contains("Test citizen<") && !r.body.contains("Test citizen "));
    // Hiding the kept proposal notifies nobody: the account is gone.
    let moderator = app.actor("moderator").await;
    app.store
        .moderation()
        .hide(
            &app.tenant,
            &moderator,
            teilhabe_store::moderation::Content::Proposal(id),
            "Beleidigender Inhalt im Vorschlag.",
        )
        .await
        .unwrap();
    let user = app.users["citizen"];
    assert_eq!(
        app.count(&format!(
            "SELECT COUNT(*) AS n FROM notifications WHERE user_id = {user}"
        ))
        .await,
        0
    );
    assert_eq!(
        app.count("SELECT COUNT(*) AS n FROM notifications WHERE kind = 'hidden'")
            .await,
        0
    );
    assert_eq!(
        app.count("SELECT COUNT(*) AS n FROM audit_log WHERE action = 'user.deleted'")
            .await,
        1
    );
}

#[tokio::test]
async fn the_last_admin_is_told_to_hand_over_first() {
    let app = TestApp::new().await;
    let mut s = app.login("admin").await;
    let r = app.get(&mut s, "/profile/delete").await;
    assert_eq!(r.status, StatusCode::OK);
    assert!(r.body.contains("letzte Administratorin"));
    assert!(!r.body.contains("name=\"password\""));
    let r = app
        .post(
            &mut s,
            "/profile/delete",
            &[("password", PASSWORD), ("contributions", "keep")],
        )
        .await;
    assert_eq!(r.status, StatusCode::CONFLICT);
    assert!(r.body.contains("letzte Administratorin"));
    // Staff see who takes over their department.
    let mut s = app.login("staff").await;
    let r = app.get(&mut s, "/profile/delete").await;
    assert!(r.body.contains("Mobilität"), "{}", r.body);
}

#[tokio::test]
async fn privacy_and_retention_pages_show_the_periods() {
    let app = TestApp::new().await;
    let mut s = Session::default();
    let r = app.get(&mut s, "/datenschutz").await;
    assert_eq!(r.status, StatusCode::OK);
    assert!(r.body.contains("Speicherdauer"));
    // Generated from what is stored: accounts exist, so do their sessions
    // periods; mails were never queued, so no mail row.
    assert!(r.body.contains("Konto: E-Mail-Adresse"));
    assert!(!r.body.contains("E-Mails an Sie"));
    app.store
        .mail()
        .queue(&app.tenant, "x@example.org", "s", "b")
        .await
        .unwrap();
    let r = app.get(&mut s, "/datenschutz").await;
    assert!(r.body.contains("E-Mails an Sie") && r.body.contains("nach dem Versand 30 Tage"));

    let mut admin = app.login("admin").await;
    let r = app.get(&mut admin, "/admin/retention").await;
    assert_eq!(r.status, StatusCode::OK);
    assert!(r.body.contains("90 Tage") && r.body.contains("30 Tage") && r.body.contains("14 Tage"));
}
