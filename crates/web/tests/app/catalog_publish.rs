//! The catalog's settings page (participation results as open data): the
//! suppression threshold, changed by administrators; bad input is named on
//! the form and changes nothing.

use crate::common::TestApp;
use axum::http::StatusCode;

#[tokio::test]
async fn admins_set_the_suppression_threshold_and_bad_input_is_named() {
    let app = TestApp::new().await;
    let mut admin = app.login("admin").await;
    let page = app.get(&mut admin, "/daten/einstellungen").await;
    assert_eq!(page.status, StatusCode::OK);
    assert!(page.body.contains("value=\"5\""), "{}", page.body);
    for (value, message) in [
        ("1", "Bitte eine Zahl von 2 bis 100 eingeben."),
        ("fünf", "Bitte eine Zahl eingeben."),
    ] {
        let r = app
            .post(
                &mut admin,
                "/daten/einstellungen",
                &[("suppression_threshold", value)],
            )
            .await;
        assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY, "{}", r.body);
        assert!(r.body.contains(message), "{}", r.body);
        assert!(r.body.contains("aria-invalid=\"true\""));
    }
    let settings = app.store.catalog().settings(&app.tenant).await.unwrap();
    assert_eq!(settings.suppression_threshold, 5);
    let r = app
        .post(
            &mut admin,
            "/daten/einstellungen",
            &[("suppression_threshold", "8")],
        )
        .await;
    assert_eq!(r.status, StatusCode::SEE_OTHER, "{}", r.body);
    let settings = app.store.catalog().settings(&app.tenant).await.unwrap();
    assert_eq!(settings.suppression_threshold, 8);
    let page = app.get(&mut admin, "/daten/einstellungen").await;
    assert!(page.body.contains("value=\"8\""), "{}", page.body);
}
