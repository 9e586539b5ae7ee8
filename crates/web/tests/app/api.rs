//! The JSON API with token authentication, problem+json errors and the
//! OpenAPI document.

use crate::common::TestApp;
use axum::http::StatusCode;
use serde_json::json;

#[tokio::test]
async fn citizens_and_staff_act_through_the_api() {
    let app = TestApp::new().await;
    let citizen = app.token("citizen").await;
    let r = app.api("POST", "/api/processes/radwege/proposals", Some(&citizen), Some(json!({"title": "Radweg über die API", "body": "Eine ausreichend lange Begründung über die API.", "category": "Verkehr"}))).await;
    assert_eq!(r.status, StatusCode::CREATED, "{}", r.body);
    let id = r.json()["id"].as_i64().unwrap();
    let r = app
        .api(
            "POST",
            &format!("/api/proposals/{id}/support"),
            Some(&app.token("verified").await),
            None,
        )
        .await;
    assert_eq!(r.json()["support_count"], 1);
    let r = app
        .api(
            "POST",
            &format!("/api/proposals/{id}/comments"),
            Some(&citizen),
            Some(json!({"body": "Ergänzung zum Vorschlag."})),
        )
        .await;
    assert_eq!(r.status, StatusCode::CREATED);
    let staff = app.token("staff").await;
    let r = app
        .api(
            "POST",
            &format!("/api/proposals/{id}/answer"),
            Some(&staff),
            Some(
                json!({"status": "accepted", "answer": "Wird in den Radverkehrsplan aufgenommen."}),
            ),
        )
        .await;
    assert_eq!(r.status, StatusCode::OK, "{}", r.body);
    assert_eq!(r.json()["status"], "accepted");
    let r = app
        .api("GET", &format!("/api/proposals/{id}"), None, None)
        .await;
    let j = r.json();
    assert_eq!(j["proposal"]["support_count"], 1);
    assert_eq!(j["comments"][0]["body"], "Ergänzung zum Vorschlag.");
    // Pagination.
    for i in 0..3 {
        app.proposal("citizen2", &format!("Weiterer Vorschlag Nummer {i}"))
            .await;
    }
    let r = app
        .api(
            "GET",
            "/api/processes/radwege/proposals?per_page=2&page=2&sort=oldest",
            None,
            None,
        )
        .await;
    let j = r.json();
    assert_eq!(j["total"], 4);
    assert_eq!(j["items"].as_array().unwrap().len(), 2);
    assert_eq!(j["page"], 2);
}

#[tokio::test]
async fn api_errors_are_problem_json_with_fields() {
    let app = TestApp::new().await;
    let citizen = app.token("citizen").await;
    // Validation: each field with its reason.
    let r = app
        .api(
            "POST",
            "/api/processes/radwege/proposals",
            Some(&citizen),
            Some(json!({"title": "x", "body": ""})),
        )
        .await;
    assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(r.headers["content-type"], "application/problem+json");
    let j = r.json();
    assert_eq!(j["status"], 422);
    let fields: Vec<&str> = j["errors"]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| e["field"].as_str().unwrap())
        .collect();
    assert_eq!(fields, vec!["title", "body"]);
    // Unknown fields are refused, not ignored.
    let r = app.api("POST", "/api/processes/radwege/proposals", Some(&citizen), Some(json!({"title": "Ein Titel hier", "body": "Eine ausreichend lange Begründung.", "admin": true}))).await;
    assert_eq!(r.status, StatusCode::BAD_REQUEST);
    assert!(r.json()["detail"]
        .as_str()
        .unwrap()
        .contains("unknown field"));
    // No token, bad token, wrong role.
    let r = app
        .api(
            "POST",
            "/api/processes/radwege/proposals",
            None,
            Some(json!({"title": "Ein Titel hier", "body": "Eine ausreichend lange Begründung."})),
        )
        .await;
    assert_eq!(r.status, StatusCode::UNAUTHORIZED);
    assert_eq!(
        r.json()["type"],
        "https://teilhabe.dev/problems/login-required"
    );
    let r = app
        .api("GET", "/api/processes", Some("th_falsch"), None)
        .await;
    assert_eq!(r.status, StatusCode::BAD_REQUEST);
    let id = app
        .proposal("citizen2", "Ein Vorschlag zum Beantworten")
        .await;
    let r = app
        .api(
            "POST",
            &format!("/api/proposals/{id}/answer"),
            Some(&citizen),
            Some(json!({"status": "accepted", "answer": "Darf ich nicht."})),
        )
        .await;
    assert_eq!(r.status, StatusCode::FORBIDDEN);
    // Ids and unknown paths.
    assert_eq!(
        app.api("GET", "/api/proposals/abc", None, None)
            .await
            .status,
        StatusCode::BAD_REQUEST
    );
    assert_eq!(
        app.api("GET", "/api/proposals/0", None, None).await.status,
        StatusCode::BAD_REQUEST
    );
    let r = app.api("GET", "/api/proposals/424242", None, None).await;
    assert_eq!(r.status, StatusCode::NOT_FOUND);
    assert_eq!(r.json()["status"], 404);
    assert_eq!(
        app.api("GET", "/api/nichts", None, None).await.status,
        StatusCode::NOT_FOUND
    );
    // Invalid JSON.
    let mut s = crate::common::Session::default();
    let auth = format!("Bearer {citizen}");
    let r = app
        .request(
            &mut s,
            "POST",
            "/api/processes/radwege/proposals",
            Some("application/json"),
            b"{nope".to_vec(),
            &[("authorization", &auth)],
        )
        .await;
    assert_eq!(r.status, StatusCode::BAD_REQUEST);
    assert_eq!(r.headers["content-type"], "application/problem+json");
}

#[tokio::test]
async fn openapi_document_matches_the_routes() {
    let app = TestApp::new().await;
    let r = app.api("GET", "/api/openapi.json", None, None).await;
    let doc = r.json();
    assert_eq!(doc["openapi"], "3.1.0");
    let paths = doc["paths"].as_object().unwrap();
    // `api.rs` and the register parts' `api_*.rs` modules it merges.
    let dir = concat!(env!("CARGO_MANIFEST_DIR"), "/src");
    let mut routes = Vec::new();
    for f in std::fs::read_dir(dir).unwrap() {
        let name = f.unwrap().file_name().to_string_lossy().to_string();
        if name == "api.rs" || (name.starts_with("api_") && name.ends_with(".rs")) {
            let src = std::fs::read_to_string(format!("{dir}/{name}")).unwrap();
            routes.extend(crate::common::routes_in(&src, "/api"));
        }
    }
    let mut n = 0;
    for (method, path) in routes {
        if path == "/api/openapi.json" {
            continue;
        }
        n += 1;
        let m = method.to_lowercase();
        assert!(
            paths.get(&path).and_then(|p| p.get(&m)).is_some(),
            "{m} {path} is not in the OpenAPI document"
        );
    }
    assert!(n >= 11, "only {n} API operations found in the source");
    let documented: usize = paths.values().map(|p| p.as_object().unwrap().len()).sum();
    assert_eq!(
        documented, n,
        "the document lists operations that the router does not have"
    );
}
