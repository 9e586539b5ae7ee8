//! Issue #12: the audit page names nobody on residents' countable events
//! and shows the public key; the signed checkpoints are a page and an API
//! document that verify with that key.

use crate::common::{Session, TestApp};
use axum::http::StatusCode;
use teilhabe_store::checkpoints::{signature_valid, Checkpoint};

#[tokio::test]
async fn checkpoints_are_published_with_the_public_key_and_supports_name_nobody() {
    let app = TestApp::new().await;
    let id = app
        .proposal("citizen", "Vorschlag für die Kontrollpunkte")
        .await;
    let support = app
        .store
        .proposals()
        .support(&app.tenant, &app.actor("citizen2").await, id, None)
        .await;
    assert!(support.is_ok(), "{support:?}");
    let mut s = Session::default();
    let key = app.store.key().public_key_hex();
    let page = app.get(&mut s, "/audit").await;
    assert_eq!(page.status, StatusCode::OK);
    assert!(
        page.body.contains(&key),
        "the audit page shows the public key"
    );
    assert!(page.body.contains("niemand genannt"), "{}", page.body);
    // No checkpoint yet, then one, on the page and in the API.
    let empty = app.get(&mut s, "/audit/checkpoints").await;
    assert!(empty.body.contains("Noch keine Kontrollpunkte"));
    let made = app.store.audit().checkpoint(&app.tenant).await.unwrap();
    let made = made.expect("a checkpoint of the head");
    let page = app.get(&mut s, "/audit/checkpoints").await;
    assert_eq!(page.status, StatusCode::OK);
    assert!(page.body.contains(&made.hash) && page.body.contains(&key));
    let api = app.get(&mut s, "/api/audit/checkpoints").await;
    assert_eq!(api.status, StatusCode::OK);
    let j = api.json();
    assert_eq!(j["public_key"], key.as_str());
    assert_eq!(j["municipality"], app.tenant.slug.as_str());
    let c: Checkpoint = serde_json::from_value(j["checkpoints"][0].clone()).unwrap();
    assert_eq!(c, made);
    assert!(signature_valid(&key, &app.tenant.slug, &c));
}
