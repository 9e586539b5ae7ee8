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
    // An unknown token is unauthenticated (RFC 6750), not a bad request.
    assert_eq!(r.status, StatusCode::UNAUTHORIZED);
    assert_eq!(r.headers["content-type"], "application/problem+json");
    assert!(r.headers["www-authenticate"]
        .to_str()
        .unwrap()
        .contains("error=\"invalid_token\""));
    assert_eq!(
        r.json()["type"],
        "https://teilhabe.dev/problems/token-invalid"
    );
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
async fn openapi_document_describes_every_operation() {
    // Routes and document come from the same `#[utoipa::path]`
    // declarations, so what is left to check is that the served document is
    // that one and that each operation is described well enough for a client.
    let app = TestApp::new().await;
    let r = app.api("GET", "/api/openapi.json", None, None).await;
    let doc = r.json();
    assert_eq!(doc["openapi"], "3.1.0");
    assert_eq!(
        doc,
        serde_json::to_value(teilhabe_web::api::openapi_document()).unwrap()
    );
    let tags: Vec<&str> = doc["tags"]
        .as_array()
        .unwrap()
        .iter()
        .map(|t| t["name"].as_str().unwrap())
        .collect();
    let paths = doc["paths"].as_object().unwrap();
    let mut n = 0;
    for (path, item) in paths {
        assert!(path.starts_with("/api/"), "{path} is not under /api");
        let params: Vec<&str> = path
            .split('/')
            .filter_map(|s| s.strip_prefix('{').and_then(|s| s.strip_suffix('}')))
            .collect();
        for (method, op) in item.as_object().unwrap() {
            n += 1;
            let tag = op["tags"][0].as_str().unwrap_or_default();
            assert!(
                tags.contains(&tag),
                "{method} {path}: tag '{tag}' is not listed"
            );
            assert!(
                op["responses"].as_object().is_some_and(|r| !r.is_empty()),
                "{method} {path} has no responses"
            );
            for p in &params {
                let declared = op["parameters"]
                    .as_array()
                    .is_some_and(|ps| ps.iter().any(|x| x["name"] == *p && x["in"] == "path"));
                assert!(
                    declared,
                    "{method} {path}: path parameter {p} is not declared"
                );
            }
            // And every parameter said to be in the path is in the path
            // (filters are query parameters).
            for x in op["parameters"].as_array().into_iter().flatten() {
                if x["in"] == "path" {
                    let name = x["name"].as_str().unwrap_or_default();
                    assert!(
                        params.contains(&name),
                        "{method} {path}: {name} is declared in the path but is not"
                    );
                }
            }
            if method != "get" {
                assert!(
                    op["security"].to_string().contains("token"),
                    "{method} {path} writes but does not say it needs a token"
                );
            }
        }
    }
    assert!(n >= 31, "only {n} API operations in the document");
}

/// What the framework refuses before a handler runs, a method a route does
/// not have, a refused token and a page number out of range all answer
/// like every other API error: the right status and problem+json.
#[tokio::test]
async fn framework_errors_methods_tokens_and_pages_are_problem_json() {
    let app = TestApp::new().await;
    let problem = |r: &crate::common::Resp, status: StatusCode, what: &str| {
        assert_eq!(r.status, status, "{what}: {}", r.body);
        assert_eq!(
            r.headers["content-type"], "application/problem+json",
            "{what}"
        );
        assert_eq!(r.json()["status"], status.as_u16(), "{what}");
    };
    // A path value that is no number, text that is no UTF-8, a number
    // too large, a query value that does not parse.
    for path in [
        "/api/register/x/versions/9223372036854775808",
        "/api/processes/%ff%fe",
        "/api/processes/%ff%fe/proposals",
        "/api/audit?page=abc",
        "/api/search?q=rad&page=1.5",
    ] {
        let r = app.api("GET", path, None, None).await;
        assert!(r.status.is_client_error(), "{path}: {}", r.status);
        assert_eq!(
            r.headers["content-type"], "application/problem+json",
            "{path}"
        );
    }
    // Page numbers out of range: 400, never an overflowing offset.
    for path in [
        "/api/audit?page=9223372036854775807",
        "/api/audit?page=0",
        "/api/search?q=rad&page=9223372036854775807",
        "/api/search?q=rad&page=-5",
        "/api/processes/radwege/proposals?page=9223372036854775807",
    ] {
        let r = app.api("GET", path, None, None).await;
        problem(&r, StatusCode::BAD_REQUEST, path);
        assert_eq!(r.json()["type"], "https://teilhabe.dev/problems/page");
    }
    let mut s = crate::common::Session::default();
    for path in [
        "/audit?page=9223372036854775807",
        "/search?q=rad&page=9223372036854775807",
    ] {
        let r = app.get(&mut s, path).await;
        assert_eq!(r.status, StatusCode::BAD_REQUEST, "{path}");
        assert!(r.body.contains("Seitenzahl"), "{path}");
    }
    assert_eq!(
        app.get(&mut s, "/audit?page=2").await.status,
        StatusCode::OK
    );
    // A method the route does not have: 405 with the allowed ones.
    let r = app.api("DELETE", "/api/processes", None, None).await;
    problem(&r, StatusCode::METHOD_NOT_ALLOWED, "DELETE /api/processes");
    assert!(r.headers["allow"].to_str().unwrap().contains("GET"));
    // A malformed Authorization header: 401 like a wrong token.
    let r = app
        .request(
            &mut s,
            "GET",
            "/api/processes",
            None,
            Vec::new(),
            &[
                ("authorization", "Basic YTpi"),
                ("accept", "application/json"),
            ],
        )
        .await;
    problem(&r, StatusCode::UNAUTHORIZED, "Basic auth");
    assert_eq!(
        r.json()["type"],
        "https://teilhabe.dev/problems/auth-header"
    );
    // The proposal list's filters are query parameters in the document.
    let doc = app.api("GET", "/api/openapi.json", None, None).await.json();
    let params = doc["paths"]["/api/processes/{slug}/proposals"]["get"]["parameters"]
        .as_array()
        .unwrap()
        .clone();
    for name in ["status", "category", "channel", "sort", "page", "per_page"] {
        let p = params.iter().find(|p| p["name"] == name).unwrap();
        assert_eq!(p["in"], "query", "{name}");
        assert_eq!(p["required"], false, "{name}");
    }
    let register = doc["paths"]["/api/register"]["get"]["parameters"]
        .as_array()
        .unwrap()
        .clone();
    let department = register.iter().find(|p| p["name"] == "department").unwrap();
    assert!(department["schema"].to_string().contains("integer"));
}
