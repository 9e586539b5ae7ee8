//! `/admin/harvest`: admins add a CKAN catalog, run it and remove it; a
//! run that cannot reach the catalog (loopback is refused by default)
//! shows why on the page; bad input names its field.

use crate::common::{Row, TestApp};
use axum::http::StatusCode;
use teilhabe_domain::Actor;

/// A source on loopback (refused by the default network setting, so a
/// run fails fast without the network).
pub async fn setup(app: &TestApp) -> i64 {
    app.store
        .catalog()
        .add_harvest_source(
            &app.tenant,
            &Actor::administrator(),
            "ckan",
            "http://127.0.0.1:9",
            "Kreisportal",
            Some(app.dept),
        )
        .await
        .unwrap()
        .id
}

pub fn permission_rows(source: i64) -> Vec<Row> {
    let p = |s: &str| s.to_string();
    vec![
        (
            "GET",
            "/admin/harvest",
            p("/admin/harvest"),
            vec![],
            &["admin"],
        ),
        (
            "POST",
            "/admin/harvest",
            p("/admin/harvest"),
            vec![
                ("title", p("Rollentest-Katalog")),
                ("url", p("https://ckan.example")),
            ],
            &["admin"],
        ),
        (
            "POST",
            "/admin/harvest/{id}/run",
            format!("/admin/harvest/{source}/run"),
            vec![],
            &["admin"],
        ),
        (
            "POST",
            "/admin/harvest/{id}/remove",
            format!("/admin/harvest/{source}/remove"),
            vec![],
            &["admin"],
        ),
    ]
}

#[tokio::test]
async fn admins_add_run_and_remove_a_harvest_source() {
    let app = TestApp::new().await;
    let mut admin = app.login("admin").await;
    let page = app.get(&mut admin, "/admin/harvest").await;
    assert_eq!(page.status, StatusCode::OK);
    assert!(page.body.contains("Noch keine Kataloge eingetragen."));

    // Bad input: named on the form, nothing written.
    let bad = app
        .post(
            &mut admin,
            "/admin/harvest",
            &[("title", "Kreisportal"), ("url", "ftp://ckan.example")],
        )
        .await;
    assert_eq!(bad.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(bad.body.contains(r#"id="url-error""#), "{}", bad.body);
    assert!(bad.body.contains(r#"value="Kreisportal""#));
    assert_eq!(
        app.count("SELECT COUNT(*) AS n FROM harvest_sources").await,
        0
    );

    let dept = app.dept.to_string();
    let ok = app
        .post(
            &mut admin,
            "/admin/harvest",
            &[
                ("title", "Kreisportal"),
                ("url", "http://127.0.0.1:9/"),
                ("department_id", &dept),
            ],
        )
        .await;
    assert_eq!(ok.status, StatusCode::SEE_OTHER);
    let id: i64 = app.count("SELECT MAX(id) AS n FROM harvest_sources").await;

    // Run now: loopback is refused by default, and the page says so.
    let run = app
        .post(&mut admin, &format!("/admin/harvest/{id}/run"), &[])
        .await;
    assert_eq!(run.status, StatusCode::SEE_OTHER);
    let page = app.get(&mut admin, "/admin/harvest").await;
    assert!(page.body.contains("Kreisportal"));
    assert!(
        page.body.contains("Der Katalog war nicht erreichbar"),
        "{}",
        page.body
    );
    assert!(page.body.contains("Neu: 0."));

    // Staff may not run or remove it.
    let mut staff = app.login("staff").await;
    let refused = app
        .post(&mut staff, &format!("/admin/harvest/{id}/remove"), &[])
        .await;
    assert_eq!(refused.status, StatusCode::FORBIDDEN);

    let gone = app
        .post(&mut admin, &format!("/admin/harvest/{id}/remove"), &[])
        .await;
    assert_eq!(gone.status, StatusCode::SEE_OTHER);
    assert_eq!(
        app.count("SELECT COUNT(*) AS n FROM harvest_sources").await,
        0
    );
}
