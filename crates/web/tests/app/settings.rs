//! The municipality's settings page (issue #11): the profile with its
//! checks (WCAG contrast with the ratio, a taken host, the regional key),
//! hosts, logo, departments, `/brand.css`, the page of an address without
//! a municipality, and mails linking to the municipality's own address.

use crate::common::{Session, TestApp};
use axum::http::StatusCode;

const PROFILE: &[(&str, &str)] = &[
    ("name", "Musterstadt"),
    ("base_url", "https://beteiligung.musterstadt.example/"),
    ("brand_primary", "#1D4E89"),
    ("brand_secondary", "#003a63"),
    ("contact_address", "Rathausplatz 1\n12345 Musterstadt"),
    ("contact_phone", "+49 123 4567"),
    ("ars", "091620000000"),
    (
        "contributor_id",
        "http://dcat-ap.de/def/contributors/stadtMusterstadt",
    ),
];

fn with(changes: &[(&'static str, &'static str)]) -> Vec<(&'static str, &'static str)> {
    PROFILE
        .iter()
        .map(|(k, v)| {
            changes
                .iter()
                .find(|(c, _)| c == k)
                .map_or((*k, *v), |(_, w)| (*k, *w))
        })
        .collect()
}

#[tokio::test]
async fn profile_errors_are_shown_on_the_form_and_nothing_is_saved() {
    let app = TestApp::new().await;
    let mut admin = app.login("admin").await;
    let r = app
        .post(
            &mut admin,
            "/admin/settings/profile",
            &with(&[
                ("brand_primary", "#ffcc00"),
                ("brand_secondary", "#777777"),
                ("ars", "12345"),
                ("contributor_id", "https://example.org/x"),
                ("base_url", "ftp://x"),
            ]),
        )
        .await;
    assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY, "{}", r.body);
    // The contrast message states the ratio and the minimum.
    assert!(
        r.body
            .contains("Der Kontrast ist zu gering: 1,3:1 gegen Weiß oder den hellen Hintergrund. Nötig sind mindestens 4,5:1"),
        "{}",
        r.body
    );
    assert!(
        r.body.contains("Der Kontrast ist zu gering: 4,1:1"),
        "{}",
        r.body
    );
    assert!(
        r.body.contains("Der Regionalschlüssel hat 12 Ziffern"),
        "{}",
        r.body
    );
    assert!(
        r.body.contains(
            "id=\"contributor_id-error\">Die Kennung beginnt mit http:&#x2f;&#x2f;dcat-ap.de"
        ),
        "{}",
        r.body
    );
    assert!(r.body.contains("id=\"base_url-error\""), "{}", r.body);
    // What was entered stays in the form.
    assert!(r.body.contains("value=\"#ffcc00\""), "{}", r.body);
    let t = app.store.tenants().by_slug("musterstadt").await.unwrap();
    assert_eq!((t.brand_primary.as_str(), t.ars.as_str()), ("", ""));

    // Valid: saved, normalised, and the colours are served as a stylesheet.
    let r = app
        .post(&mut admin, "/admin/settings/profile", PROFILE)
        .await;
    assert_eq!(r.status, StatusCode::SEE_OTHER, "{}", r.body);
    let t = app.store.tenants().by_slug("musterstadt").await.unwrap();
    assert_eq!(t.brand_primary, "#1d4e89");
    assert_eq!(t.base_url, "https://beteiligung.musterstadt.example");
    assert_eq!(t.ars, "091620000000");
    let home = app.get(&mut Session::default(), "/").await;
    assert!(
        home.body
            .contains("<link rel=\"stylesheet\" href=\"/brand.css?v=1d4e89003a63\">"),
        "{}",
        home.body
    );
    let css = app.get(&mut Session::default(), "/brand.css").await;
    assert_eq!(css.status, StatusCode::OK);
    assert_eq!(css.headers["content-type"], "text/css; charset=utf-8");
    assert_eq!(
        css.body,
        ":root { --accent: #1d4e89; --accent-dark: #003a63; }\n"
    );
    // The change is in the audit trail.
    assert_eq!(
        app.count(
            "SELECT COUNT(*) AS n FROM audit_log WHERE action = 'municipality.profile_saved'"
        )
        .await,
        1
    );
}

#[tokio::test]
async fn without_colours_there_is_no_brand_stylesheet() {
    let app = TestApp::new().await;
    let home = app.get(&mut Session::default(), "/").await;
    assert!(!home.body.contains("/brand.css"), "{}", home.body);
    let css = app.get(&mut Session::default(), "/brand.css").await;
    assert_eq!(css.body, ":root { }\n");
}

#[tokio::test]
async fn hosts_taken_by_another_municipality_are_refused() {
    let app = TestApp::new().await;
    app.store
        .create_tenant("nachbarort", "Nachbarort", &["nachbarort.example"])
        .await
        .unwrap();
    let mut admin = app.login("admin").await;
    let r = app
        .post(
            &mut admin,
            "/admin/settings/hosts",
            &[("host", "Nachbarort.example")],
        )
        .await;
    assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY, "{}", r.body);
    assert!(
        r.body
            .contains("Der Hostname nachbarort.example gehört schon zu einer anderen Kommune."),
        "{}",
        r.body
    );
    let r = app
        .post(
            &mut admin,
            "/admin/settings/hosts",
            &[("host", "https://x.example/")],
        )
        .await;
    assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY, "{}", r.body);
    assert!(r.body.contains("ist kein Hostname"), "{}", r.body);
    // A new one is added; the last one cannot be removed.
    let r = app
        .post(
            &mut admin,
            "/admin/settings/hosts",
            &[("host", "beteiligung.musterstadt.example")],
        )
        .await;
    assert_eq!(r.status, StatusCode::SEE_OTHER, "{}", r.body);
    let hosts = app.store.tenants().hosts(&app.tenant).await.unwrap();
    assert_eq!(hosts, ["beteiligung.musterstadt.example", "localhost"]);
    let r = app
        .post(
            &mut admin,
            "/admin/settings/hosts/remove",
            &[("host", "beteiligung.musterstadt.example")],
        )
        .await;
    assert_eq!(r.status, StatusCode::SEE_OTHER, "{}", r.body);
    let r = app
        .post(
            &mut admin,
            "/admin/settings/hosts/remove",
            &[("host", "localhost")],
        )
        .await;
    assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY, "{}", r.body);
    assert!(
        r.body
            .contains("Der letzte Hostname kann nicht entfernt werden"),
        "{}",
        r.body
    );
}

#[tokio::test]
async fn logo_upload_shows_it_in_the_header() {
    let app = TestApp::new().await;
    let mut admin = app.login("admin").await;
    let csrf = app.csrf_for(&mut admin).await;
    let r = app
        .post_multipart(
            &mut admin,
            "/admin/settings/logo",
            "text/plain",
            &[
                ("_csrf", None, csrf.as_bytes()),
                ("logo", Some("logo.txt"), b"not an image"),
            ],
        )
        .await;
    assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY, "{}", r.body);
    assert!(r.body.contains("PNG, JPEG oder WebP"), "{}", r.body);
    // A file that only starts like a PNG is refused: it could not have
    // its metadata removed.
    let fake = b"\x89PNG\r\n\x1a\n0000000000000000";
    let r = app
        .post_multipart(
            &mut admin,
            "/admin/settings/logo",
            "image/png",
            &[
                ("_csrf", None, csrf.as_bytes()),
                ("logo", Some("logo.png"), fake),
            ],
        )
        .await;
    assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY, "{}", r.body);
    let png: &[u8] = include_bytes!("../../../../testdata/images/text.png");
    let r = app
        .post_multipart(
            &mut admin,
            "/admin/settings/logo",
            "image/png",
            &[
                ("_csrf", None, csrf.as_bytes()),
                ("logo", Some("logo.png"), png),
            ],
        )
        .await;
    assert_eq!(r.status, StatusCode::SEE_OTHER, "{}", r.body);
    let t = app.store.tenants().by_slug("musterstadt").await.unwrap();
    let id = t.logo_image_id.unwrap();
    let home = app.get(&mut Session::default(), "/").await;
    assert!(
        home.body.contains(&format!(
            "<img src=\"/images/{id}\" alt=\"\" class=\"brand-logo\">"
        )),
        "{}",
        home.body
    );
    let img = app
        .get(&mut Session::default(), &format!("/images/{id}"))
        .await;
    assert_eq!(img.headers["content-type"], "image/png");
}

#[tokio::test]
async fn departments_are_renamed_and_merged() {
    let app = TestApp::new().await;
    let mut admin = app.login("admin").await;
    let path = format!("/admin/departments/{}/rename", app.other_dept);
    let r = app.post(&mut admin, &path, &[("name", "")]).await;
    assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY, "{}", r.body);
    assert!(
        r.body
            .contains(&format!("id=\"rename-{}-error\"", app.other_dept)),
        "{}",
        r.body
    );
    let r = app
        .post(&mut admin, &path, &[("name", "Amt für Umwelt")])
        .await;
    assert_eq!(r.status, StatusCode::SEE_OTHER, "{}", r.body);
    let merge = format!("/admin/departments/{}/merge", app.other_dept);
    let r = app
        .post(
            &mut admin,
            &merge,
            &[("merge_into", &app.other_dept.to_string())],
        )
        .await;
    assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY, "{}", r.body);
    assert!(r.body.contains("nicht mit sich selbst"), "{}", r.body);
    let r = app
        .post(&mut admin, &merge, &[("merge_into", &app.dept.to_string())])
        .await;
    assert_eq!(r.status, StatusCode::SEE_OTHER, "{}", r.body);
    let names: Vec<String> = app
        .store
        .tenants()
        .departments(&app.tenant)
        .await
        .unwrap()
        .into_iter()
        .map(|d| d.name)
        .collect();
    assert!(!names.contains(&"Amt für Umwelt".to_string()), "{names:?}");
    assert_eq!(names.len(), 1, "{names:?}");
}

#[tokio::test]
async fn reset_mails_link_to_the_municipalitys_own_address() {
    let app = TestApp::new().await;
    let mut admin = app.login("admin").await;
    let r = app
        .post(&mut admin, "/admin/settings/profile", PROFILE)
        .await;
    assert_eq!(r.status, StatusCode::SEE_OTHER, "{}", r.body);
    let mut visitor = Session::default();
    let email = "citizen@musterstadt.example";
    let r = app
        .post(&mut visitor, "/password/forgot", &[("email", email)])
        .await;
    assert!(
        r.status.is_redirection() || r.status.is_success(),
        "{}",
        r.body
    );
    // The link is made when the mail is sent: send it as the sender does.
    let mails = app.store.mail().outbox(&app.tenant, 10).await.unwrap();
    let reset = mails
        .iter()
        .find(|m| m.kind.as_deref() == Some("reset"))
        .expect("a reset mail is queued");
    let body = teilhabe_web::jobs::outgoing(&app.state, reset)
        .await
        .unwrap();
    assert!(
        body.contains("https://beteiligung.musterstadt.example/password/reset?token="),
        "{body}"
    );
}

#[tokio::test]
async fn an_address_without_a_municipality_says_how_to_create_one() {
    let app = TestApp::new().await;
    let r = app
        .request(
            &mut Session::default(),
            "GET",
            "/",
            None,
            Vec::new(),
            &[("host", "unbekannt.example"), ("accept", "text/html")],
        )
        .await;
    // Two municipalities would make an unknown host ambiguous; with one,
    // every host serves it (a fresh install on localhost).
    assert_eq!(r.status, StatusCode::OK);
    app.store
        .create_tenant("nachbarort", "Nachbarort", &["nachbarort.example"])
        .await
        .unwrap();
    let r = app
        .request(
            &mut Session::default(),
            "GET",
            "/processes",
            None,
            Vec::new(),
            &[("host", "fremd.example"), ("accept", "text/html")],
        )
        .await;
    assert_eq!(r.status, StatusCode::NOT_FOUND);
    assert!(r.body.contains("<html lang=\"de\">"), "{}", r.body);
    assert!(
        r.body.contains("Noch keine Kommune eingerichtet"),
        "{}",
        r.body
    );
    assert!(
        r.body.contains("teilhabe municipality create --name"),
        "{}",
        r.body
    );
    assert!(r.body.contains("lang=\"en\""), "{}", r.body);
    assert!(
        !r.body.contains("<script") && !r.body.contains("style="),
        "{}",
        r.body
    );
}

#[tokio::test]
async fn digests_link_to_the_municipalitys_own_address() {
    let app = TestApp::new().await;
    let mut admin = app.login("admin").await;
    let r = app
        .post(&mut admin, "/admin/settings/profile", PROFILE)
        .await;
    assert_eq!(r.status, StatusCode::SEE_OTHER, "{}", r.body);
    let proposal = app.proposal("citizen2", "Bank am Spielplatz").await;
    app.store
        .accounts()
        .set_preferences(&app.tenant, app.users["citizen"], "de", "daily")
        .await
        .unwrap();
    let citizen = app.actor("citizen").await;
    app.store
        .follows()
        .follow(
            &app.tenant,
            &citizen,
            teilhabe_store::follows::Followed::Process(app.process_id),
            true,
        )
        .await
        .unwrap();
    let staff = app.actor("staff").await;
    app.store
        .proposals()
        .answer(&app.tenant, &staff, proposal, "in_review", "", None, "")
        .await
        .unwrap();
    app.store.clock.advance_days(1);
    teilhabe_web::jobs::send_digests(&app.state).await.unwrap();
    let mails = app.store.mail().outbox(&app.tenant, 100).await.unwrap();
    let digest = mails
        .iter()
        .find(|m| m.recipient == "citizen@musterstadt.example")
        .expect("a digest");
    assert!(
        digest.body.contains(&format!(
            "https://beteiligung.musterstadt.example/proposals/{proposal}"
        )) && digest
            .body
            .contains("https://beteiligung.musterstadt.example/profile"),
        "{}",
        digest.body
    );
    assert!(!digest.body.contains("http://localhost"), "{}", digest.body);
}
