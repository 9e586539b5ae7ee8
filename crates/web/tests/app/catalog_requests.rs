//! Data requests of the open data catalog through the web: a resident
//! asks (the form names every bad field, keeps the input, 422), the list
//! with status and due date and its filters, the request page with the
//! public answer, staff answering and correcting, the author's
//! notification, the staff inbox, and the permission rows.

use crate::common::{Row, Session, TestApp, ALL, LOGGED_IN};
use axum::http::StatusCode;

async fn request(app: &TestApp, who: &str, title: &str) -> i64 {
    let a = app.actor(who).await;
    app.store
        .catalog()
        .ask_for_data(
            &app.tenant,
            &a,
            title,
            "Alle Straßenbäume mit Art und Pflanzjahr.",
            "",
        )
        .await
        .unwrap()
        .id
}

#[tokio::test]
async fn a_resident_asks_and_bad_input_is_shown_on_the_form() {
    let app = TestApp::new().await;
    let mut citizen = app.login("citizen").await;
    let form = app.get(&mut citizen, "/daten/anfragen/neu").await;
    assert_eq!(form.status, StatusCode::OK);
    assert!(form.body.contains(r#"name="request_what""#));
    let r = app
        .post(
            &mut citizen,
            "/daten/anfragen",
            &[
                ("request_title", "Bäume"),
                ("request_what", "kurz"),
                ("request_why", "Für eine Karte"),
            ],
        )
        .await;
    assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(r.body.contains("error-summary"), "{}", r.body);
    assert!(r.body.contains(r##"href="#request_what""##));
    assert!(r.body.contains("Welche Daten?: "), "labelled summary");
    assert!(r.body.contains(r#"id="request_what-error""#));
    // What was typed stays.
    assert!(r.body.contains(r#"value="Bäume""#));
    assert!(r.body.contains(">Für eine Karte</textarea>"));
    assert_eq!(
        app.count("SELECT COUNT(*) AS n FROM data_requests").await,
        0
    );

    let r = app
        .post(
            &mut citizen,
            "/daten/anfragen",
            &[
                ("request_title", "Baumkataster"),
                ("request_what", "Alle Straßenbäume mit Art und Pflanzjahr."),
                ("request_why", ""),
            ],
        )
        .await;
    assert_eq!(r.status, StatusCode::SEE_OTHER, "{}", r.body);
    let to = r.location();
    assert!(to.starts_with("/daten/anfragen/"), "{to}");
    let page = app.get(&mut citizen, &to).await;
    assert_eq!(page.status, StatusCode::OK);
    assert!(page.body.contains("Baumkataster"));
    assert!(page.body.contains("Antwort bis"));
    assert!(
        !page.body.contains(r#"name="request_answer""#),
        "no answer form for residents"
    );

    // Visitors see the list and are sent to log in for the form.
    let mut visitor = Session::default();
    let list = app.get(&mut visitor, "/daten/anfragen").await;
    assert_eq!(list.status, StatusCode::OK);
    assert!(list.body.contains("Baumkataster"));
    let r = app.get(&mut visitor, "/daten/anfragen/neu").await;
    assert!(r.location().starts_with("/login"), "{}", r.status);
}

#[tokio::test]
async fn staff_answer_on_the_request_page_and_the_author_is_notified() {
    let app = TestApp::new().await;
    let id = request(&app, "citizen", "Baumkataster").await;
    let other = request(&app, "citizen2", "Parkhausbelegung").await;
    let mut staff = app.login("staff").await;
    // The staff inbox lists the open requests.
    let inbox = app.get(&mut staff, "/inbox").await;
    assert!(
        inbox.body.contains("Offene Datenanfragen"),
        "{}",
        inbox.body
    );
    assert!(inbox
        .body
        .contains(&format!("/daten/anfragen/{id}#antwort")));
    let path = format!("/daten/anfragen/{id}");
    let page = app.get(&mut staff, &path).await;
    assert!(page.body.contains(r#"name="request_answer""#));
    // A planned date in the past: 422 on the request page, input kept.
    let r = app
        .post(
            &mut staff,
            &format!("{path}/antwort"),
            &[
                ("request_status", "planned"),
                ("request_planned_for", "2000-01-01"),
                ("request_answer", "Kommt im nächsten Jahr."),
            ],
        )
        .await;
    assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(r.body.contains(r##"href="#request_planned_for""##));
    assert!(r.body.contains("Vergangenheit"));
    assert!(r.body.contains(r#"value="planned" checked"#));
    assert!(r.body.contains(">Kommt im nächsten Jahr.</textarea>"));
    let reason = "Die Daten enthalten Angaben zu einzelnen Personen.";
    let r = app
        .post(
            &mut staff,
            &format!("{path}/antwort"),
            &[("request_status", "refused"), ("request_answer", reason)],
        )
        .await;
    assert_eq!(r.status, StatusCode::SEE_OTHER, "{}", r.body);
    let mut visitor = Session::default();
    let public = app.get(&mut visitor, &path).await;
    assert!(public.body.contains("Abgelehnt"));
    assert!(public.body.contains(reason));
    assert!(!public.body.contains("korrigiert"));
    // The correction is shown as such.
    let r = app
        .post(
            &mut staff,
            &format!("{path}/antwort"),
            &[
                ("request_status", "refused"),
                (
                    "request_answer",
                    "Die Daten enthalten Angaben zu einzelnen Menschen.",
                ),
            ],
        )
        .await;
    assert_eq!(r.status, StatusCode::SEE_OTHER, "{}", r.body);
    let public = app.get(&mut visitor, &path).await;
    assert!(public.body.contains("Antwort korrigiert am"));
    let n = app
        .count(&format!(
            "SELECT COUNT(*) AS n FROM notifications WHERE user_id = {} AND kind LIKE 'data_request_%'",
            app.users["citizen"]
        ))
        .await;
    assert_eq!(n, 2);
    // Filters: the answered one under "refused", the other under "open".
    let refused = app
        .get(&mut visitor, "/daten/anfragen?status=refused")
        .await;
    assert!(refused.body.contains("Baumkataster") && !refused.body.contains("Parkhausbelegung"));
    let open = app.get(&mut visitor, "/daten/anfragen?status=open").await;
    assert!(open.body.contains("Parkhausbelegung") && !open.body.contains("Baumkataster"));
    let inbox = app.get(&mut staff, "/inbox").await;
    assert!(!inbox
        .body
        .contains(&format!("/daten/anfragen/{id}#antwort")));
    assert!(inbox
        .body
        .contains(&format!("/daten/anfragen/{other}#antwort")));
    // Residents may not answer.
    let mut citizen = app.login("citizen").await;
    let r = app
        .post(
            &mut citizen,
            &format!("{path}/antwort"),
            &[("request_status", "refused"), ("request_answer", reason)],
        )
        .await;
    assert_eq!(r.status, StatusCode::FORBIDDEN);
}

/// The rows of the permission matrix: anyone reads, signed-in people ask,
/// staff record and answer.
pub async fn permission_rows(app: &TestApp) -> Vec<Row> {
    let id = request(app, "citizen", "Anfrage für die Rechtetabelle").await;
    let p = |s: &str| s.to_string();
    let f = |pairs: &[(&'static str, &str)]| -> Vec<(&'static str, String)> {
        pairs.iter().map(|(k, v)| (*k, v.to_string())).collect()
    };
    const STAFF: &[&str] = &["staff", "other_staff", "admin"];
    vec![
        (
            "GET",
            "/daten/anfragen",
            p("/daten/anfragen?status=open"),
            vec![],
            ALL,
        ),
        (
            "GET",
            "/daten/anfragen/{id}",
            format!("/daten/anfragen/{id}"),
            vec![],
            ALL,
        ),
        (
            "GET",
            "/daten/anfragen/neu",
            p("/daten/anfragen/neu"),
            vec![],
            LOGGED_IN,
        ),
        (
            "POST",
            "/daten/anfragen",
            p("/daten/anfragen"),
            f(&[
                ("request_title", "Anfrage {unique}"),
                ("request_what", "Daten zu {unique}, bitte."),
            ]),
            LOGGED_IN,
        ),
        (
            "GET",
            "/daten/anfragen/erfassen",
            p("/daten/anfragen/erfassen"),
            vec![],
            STAFF,
        ),
        (
            "POST",
            "/daten/anfragen/erfassen",
            p("/daten/anfragen/erfassen"),
            f(&[
                ("channel", "phone"),
                ("request_title", "Anruf {unique}"),
                ("request_what", "Daten zu {unique}, bitte."),
            ]),
            STAFF,
        ),
        (
            "POST",
            "/daten/anfragen/{id}/antwort",
            format!("/daten/anfragen/{id}/antwort"),
            f(&[
                ("request_status", "refused"),
                (
                    "request_answer",
                    "Abgelehnt ({unique}): die Daten gibt es nicht.",
                ),
            ]),
            STAFF,
        ),
    ]
}
