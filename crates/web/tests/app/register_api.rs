//! The register's JSON API: the list with the page's filters, an entry's
//! current version as an ATS record, its history and any old version;
//! bad filters and versions are problem+json; the OpenAPI document lists
//! the routes.

use crate::common::{sample, TestApp};
use axum::http::StatusCode;

async fn create(app: &TestApp, name: &str) -> String {
    app.create_entry(None, sample(name)).await.slug
}

#[tokio::test]
async fn entries_and_versions_are_readable_as_json() {
    let app = TestApp::new().await;
    let slug = create(&app, "Vorprüfung von Wohngeldanträgen").await;
    create(&app, "Parkraumsensoren").await;
    let admin = app.actor("admin").await;
    let v1 = app
        .store
        .register()
        .version(
            &app.tenant,
            app.store
                .register()
                .entry(&app.tenant, &slug)
                .await
                .unwrap()
                .id,
            1,
        )
        .await
        .unwrap();
    let mut changed = v1.entry.clone();
    changed.set("status", "retired");
    app.store
        .register()
        .save_version(&app.tenant, &admin, &slug, 1, changed, "Abgeschaltet.")
        .await
        .unwrap();

    let all = app.api("GET", "/api/register", None, None).await;
    assert_eq!(all.status, StatusCode::OK, "{}", all.body);
    assert_eq!(all.json().as_array().unwrap().len(), 2);
    let retired = app
        .api("GET", "/api/register?status=retired", None, None)
        .await
        .json();
    assert_eq!(retired.as_array().unwrap().len(), 1);
    assert_eq!(retired[0]["slug"], slug.as_str());
    assert_eq!(retired[0]["current_version"], 2);
    assert_eq!(retired[0]["url"], format!("/data-register/{slug}"));

    let current = app
        .api("GET", &format!("/api/register/{slug}"), None, None)
        .await
        .json();
    assert_eq!(current["version"], 2);
    assert_eq!(current["record"]["status"], "retired");
    assert_eq!(current["record"]["standard_version"], "0.3.1");
    assert_eq!(current["change_note"], "Abgeschaltet.");
    // Times are RFC 3339, in this century.
    let created = current["created_at"].as_str().unwrap();
    assert!(
        created.starts_with("20") && created.contains('T'),
        "{created}"
    );
    assert!(retired[0]["updated_at"].as_str().unwrap().starts_with("20"));

    let history = app
        .api("GET", &format!("/api/register/{slug}/versions"), None, None)
        .await
        .json();
    let numbers: Vec<i64> = history
        .as_array()
        .unwrap()
        .iter()
        .map(|v| v["version"].as_i64().unwrap())
        .collect();
    assert_eq!(numbers, vec![2, 1]);
    let old = app
        .api(
            "GET",
            &format!("/api/register/{slug}/versions/1"),
            None,
            None,
        )
        .await
        .json();
    assert_eq!(old["record"]["status"], v1.entry.get("status"));
}

#[tokio::test]
async fn bad_filters_and_versions_are_problems() {
    let app = TestApp::new().await;
    let slug = create(&app, "Parkraumsensoren").await;
    let r = app
        .api("GET", "/api/register?status=bogus", None, None)
        .await;
    assert_eq!(r.status, StatusCode::BAD_REQUEST);
    assert!(r.body.contains("status"), "{}", r.body);
    for (path, status) in [
        (
            format!("/api/register/{slug}/versions/0"),
            StatusCode::BAD_REQUEST,
        ),
        (
            format!("/api/register/{slug}/versions/x"),
            StatusCode::BAD_REQUEST,
        ),
        (
            format!("/api/register/{slug}/versions/9"),
            StatusCode::NOT_FOUND,
        ),
        (
            "/api/register/gibt-es-nicht".to_string(),
            StatusCode::NOT_FOUND,
        ),
    ] {
        let r = app.api("GET", &path, None, None).await;
        assert_eq!(r.status, status, "{path}: {}", r.body);
        assert!(
            r.body.contains("\"status\""),
            "{path}: not problem+json: {}",
            r.body
        );
    }
}

#[tokio::test]
async fn the_openapi_document_lists_the_register_routes() {
    let app = TestApp::new().await;
    let doc = app.api("GET", "/api/openapi.json", None, None).await.json();
    for path in [
        "/api/register",
        "/api/register/{slug}",
        "/api/register/{slug}/versions",
        "/api/register/{slug}/versions/{version}",
    ] {
        assert!(doc["paths"][path]["get"].is_object(), "{path} missing");
    }
    // The processes part is still there after the merge.
    assert!(doc["paths"]["/api/processes"]["get"].is_object());
}
