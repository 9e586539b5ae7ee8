//! The register as files on the web: public ATS and NL downloads, and the
//! admins' import page, which lists every error with record and field and
//! writes nothing, or reports what it created and updated.

use crate::common::{Resp, Session, TestApp};
use axum::http::StatusCode;
use teilhabe_register::exchange::export_ats_string;
use teilhabe_register::sample::sample_entries;

#[tokio::test]
async fn visitors_download_the_register_as_ats_and_nl() {
    let app = TestApp::new().await;
    for e in sample_entries().into_iter().take(3) {
        app.create_entry(None, e).await;
    }
    let mut visitor = Session::default();
    let r = app.get(&mut visitor, "/data-register").await;
    assert!(r.body.contains("/data-register/export/ats.json"));
    assert!(
        !r.body.contains("/data-register/import"),
        "visitors see no import"
    );
    let r = app
        .get(&mut visitor, "/data-register/export/ats.json")
        .await;
    assert_eq!(r.status, StatusCode::OK);
    assert!(r.headers["content-disposition"]
        .to_str()
        .unwrap()
        .contains("attachment"));
    let records = r.json();
    assert_eq!(records.as_array().unwrap().len(), 3);
    assert!(records
        .as_array()
        .unwrap()
        .iter()
        .all(|x| x["lang"] == "de"));
    let r = app.get(&mut visitor, "/data-register/export/nl.json").await;
    assert_eq!(r.status, StatusCode::OK);
    assert_eq!(r.json().as_array().unwrap().len(), 3);
}

/// Posts the admins' register import form: the file (name and content), if
/// any, and the note.
async fn import(
    app: &TestApp,
    admin: &mut Session,
    token: &str,
    file: Option<(&str, &[u8])>,
    note: &str,
) -> Resp {
    let mut fields = vec![("_csrf", None, token.as_bytes())];
    if let Some((name, content)) = file {
        fields.push(("file", Some(name), content));
    }
    fields.push(("note", None, note.as_bytes()));
    let (path, octets) = ("/data-register/import", "application/octet-stream");
    app.post_multipart(admin, path, octets, &fields).await
}

#[tokio::test]
async fn an_import_with_errors_lists_them_and_writes_nothing() {
    let app = TestApp::new().await;
    let mut admin = app.login("admin").await;
    let token = app.csrf_for(&mut admin).await;
    let mut entries = sample_entries();
    entries[1].set("status", "in use");
    entries[4].set("contact_email", "keine-adresse");
    let file = export_ats_string(&entries);
    let file = Some(("register.json", file.as_bytes()));
    let r = import(&app, &mut admin, &token, file, "Abgleich").await;
    assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY, "{}", r.body);
    assert!(r.body.contains("2 Fehler"), "{}", r.body);
    // Record numbers and field names in the table.
    assert!(r.body.contains("<td>2</td>") && r.body.contains("<code>status</code>"));
    assert!(r.body.contains("<td>5</td>") && r.body.contains("<code>contact_email</code>"));
    assert_eq!(
        app.count("SELECT COUNT(*) AS n FROM register_entries")
            .await,
        0
    );

    // Not JSON at all: one error for the whole file.
    let file = Some(("x.json", &b"{ kein json"[..]));
    let r = import(&app, &mut admin, &token, file, "Abgleich").await;
    assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(r.body.contains("ganze Datei"), "{}", r.body);
}

#[tokio::test]
async fn a_valid_import_reports_new_and_changed_entries() {
    let app = TestApp::new().await;
    let mut admin = app.login("admin").await;
    let token = app.csrf_for(&mut admin).await;
    let file = export_ats_string(&sample_entries());
    let file = Some(("register.json", file.as_bytes()));
    let note = "Übernahme aus dem Landesregister";
    let r = import(&app, &mut admin, &token, file, note).await;
    assert_eq!(r.status, StatusCode::OK, "{}", r.body);
    assert!(r.body.contains("12 neue Einträge"), "{}", r.body);
    assert_eq!(
        app.count("SELECT COUNT(*) AS n FROM register_entries")
            .await,
        12
    );
    // The same file again: nothing new.
    let r = import(&app, &mut admin, &token, file, note).await;
    assert!(r.body.contains("12 Einträge unverändert"), "{}", r.body);
    assert_eq!(
        app.count("SELECT COUNT(*) AS n FROM register_versions")
            .await,
        12
    );
    // Without a file: a clear message.
    let r = import(&app, &mut admin, &token, None, "x").await;
    assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(r.body.contains("Bitte wählen Sie eine Datei aus."));
}
