//! The register of data uses: staff create and edit entries (each save a
//! new version), the public list with filters and search, the entry page,
//! the history and the diff; bad input on forms and query strings.

use crate::common::{sample, Resp, Session, TestApp};
use axum::http::StatusCode;
use teilhabe_domain::register::{RegisterEntry, FIELDS};

/// A sample entry by (part of) its name.
/// The form fields of an entry (managed fields are set by the system).
fn pairs(entry: &RegisterEntry) -> Vec<(&'static str, String)> {
    FIELDS
        .iter()
        .filter(|f| !f.managed)
        .map(|f| (f.name, entry.get(f.name).to_string()))
        .collect()
}

fn refs<'a>(p: &'a [(&'static str, String)]) -> Vec<(&'static str, &'a str)> {
    p.iter().map(|(k, v)| (*k, v.as_str())).collect()
}

async fn count(app: &TestApp, sql: &str) -> i64 {
    app.count(sql).await
}

/// Creates an entry through the service as an admin.
async fn create(app: &TestApp, name: &str, department: Option<i64>) -> String {
    app.create_entry(department, sample(name)).await.slug
}

/// Posts the edit form of an entry.
async fn save_edit(
    app: &TestApp,
    s: &mut Session,
    slug: &str,
    fields: &[(&'static str, String)],
) -> Resp {
    let path = format!("/data-register/{slug}/edit");
    app.post(s, &path, &refs(fields)).await
}

fn base_version(body: &str) -> String {
    let re = regex_lite::Regex::new(r#"name="base_version" value="(\d+)""#).unwrap();
    re.captures(body).unwrap()[1].to_string()
}

#[tokio::test]
async fn staff_create_and_edit_entries_and_every_save_is_a_version() {
    let app = TestApp::new().await;
    let mut staff = app.login("staff").await;
    let form = app.get(&mut staff, "/data-register/new").await;
    assert_eq!(form.status, StatusCode::OK);
    // German labels and help texts of the catalogue, groups in page order
    // (plain language first), required marks, choice fields as widgets.
    let what = form.body.find("Was ist das?").expect("group what");
    let risks = form
        .body
        .find("<legend>Risiken</legend>")
        .expect("group risks");
    assert!(what < risks);
    assert!(form.body.contains("Risikostufe") && form.body.contains("Pflichtfeld"));
    assert!(form.body.contains(r#"type="radio" name="risk_category""#));
    assert!(form
        .body
        .contains(r#"<select id="field-domain" name="domain""#));
    assert!(!form.body.contains("register-field-") && !form.body.contains("register-help-"));

    let entry = sample("Parkraumsensoren");
    let mut fields = pairs(&entry);
    let dept = app.dept.to_string();
    fields.push(("department_id", dept.clone()));
    fields.push(("change_note", "Erstfassung.".into()));
    let r = app.post(&mut staff, "/data-register", &refs(&fields)).await;
    assert_eq!(r.status, StatusCode::SEE_OTHER, "{}", r.body);
    let slug = "parkraumsensoren-und-parkleitsystem-innenstadt";
    assert!(r
        .location()
        .starts_with(&format!("/data-register/{slug}?notice=")));

    let mut visitor = Session::default();
    let page = app
        .get(&mut visitor, &format!("/data-register/{slug}"))
        .await;
    assert_eq!(page.status, StatusCode::OK);
    assert!(page
        .body
        .contains("Parkraumsensoren und Parkleitsystem Innenstadt"));
    // Plain language first, the technical fields below.
    let why = page.body.find("Warum?").unwrap();
    let objection = page.body.find("Fragen und Widerspruch").unwrap();
    let technical = page.body.find("Technische Angaben").unwrap();
    assert!(why < objection && objection < technical);
    assert!(page.body.contains("Version 1"));
    assert!(!page.body.contains("dataregister-") && !page.body.contains("register-value-"));
    // Visitors do not get an edit link.
    assert!(!page.body.contains("/edit\""));

    // Edit: a second version with a note; the first stays as it was.
    let edit = app
        .get(&mut staff, &format!("/data-register/{slug}/edit"))
        .await;
    assert_eq!(edit.status, StatusCode::OK);
    assert_eq!(base_version(&edit.body), "1");
    let mut fields = pairs(&entry);
    for f in fields.iter_mut() {
        if f.0 == "description_short" {
            f.1 = f.1.replace("zwei Stunden", "drei Stunden");
        }
        if f.0 == "status" {
            f.1 = "evaluation".into();
        }
    }
    fields.push(("base_version", "1".into()));
    fields.push((
        "change_note",
        "Prognose auf drei Stunden verlängert.".into(),
    ));
    let r = save_edit(&app, &mut staff, slug, &fields).await;
    assert_eq!(r.status, StatusCode::SEE_OTHER, "{}", r.body);
    assert_eq!(
        count(&app, "SELECT COUNT(*) AS n FROM register_versions").await,
        2
    );
    assert_eq!(
        count(
            &app,
            "SELECT COUNT(*) AS n FROM audit_log WHERE action LIKE 'register.%'"
        )
        .await,
        2
    );

    let versions = app
        .get(&mut visitor, &format!("/data-register/{slug}/versions"))
        .await;
    assert_eq!(versions.status, StatusCode::OK);
    assert!(versions
        .body
        .contains("Prognose auf drei Stunden verlängert."));
    assert!(versions.body.contains("Erstfassung."));
    assert!(versions.body.contains("2 Versionen"));

    let old = app
        .get(&mut visitor, &format!("/data-register/{slug}?version=1"))
        .await;
    assert!(old.body.contains("zwei Stunden") && old.body.contains("Sie sehen Version 1"));

    let diff = app
        .get(
            &mut visitor,
            &format!("/data-register/{slug}/diff?from=1&to=2"),
        )
        .await;
    assert_eq!(diff.status, StatusCode::OK);
    // Word level for long texts, labels for choice values.
    assert!(diff.body.contains("drei</ins>"), "{}", diff.body);
    assert!(diff.body.contains("zwei</del>"));
    assert!(diff.body.contains("<h2 id=\"change-status\">"));
    assert!(!diff.body.contains("dataregister-") && !diff.body.contains("register-value-"));
    // The same version twice: no differences.
    let same = app
        .get(
            &mut visitor,
            &format!("/data-register/{slug}/diff?from=2&to=2"),
        )
        .await;
    assert!(same.body.contains("keine Unterschiede"));

    // In English, the catalogue's English labels.
    let r = app
        .get(
            &mut visitor,
            &format!("/lang/en?back=/data-register/{slug}"),
        )
        .await;
    let en = app.get(&mut visitor, &r.location()).await;
    assert!(en.body.contains("Technical details") && en.body.contains("Risk category"));
}

#[tokio::test]
async fn invalid_entries_name_every_field_and_write_nothing() {
    let app = TestApp::new().await;
    let mut staff = app.login("staff").await;
    let mut fields = pairs(&sample("Parkraumsensoren"));
    for f in fields.iter_mut() {
        match f.0 {
            "name" => f.1.clear(),
            "contact_email" => f.1 = "keine-adresse".into(),
            "domain" => f.1 = "weltraum".into(),
            "revision_date" => f.1 = "2026-02-30".into(),
            _ => {}
        }
    }
    let dept = app.dept.to_string();
    fields.push(("department_id", dept));
    let r = app.post(&mut staff, "/data-register", &refs(&fields)).await;
    assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(r.body.contains("error-summary"));
    for field in ["name", "contact_email", "domain", "revision_date"] {
        assert!(
            r.body.contains(&format!("href=\"#field-{field}\"")),
            "{field} missing in the summary"
        );
        assert!(r.body.contains(&format!("id=\"{field}-error\"")), "{field}");
    }
    assert!(r.body.contains("aria-invalid=\"true\""));
    // What was typed is still there.
    assert!(r.body.contains("keine-adresse"));
    assert_eq!(
        count(&app, "SELECT COUNT(*) AS n FROM register_entries").await,
        0
    );
    assert_eq!(
        count(
            &app,
            "SELECT COUNT(*) AS n FROM audit_log WHERE action LIKE 'register.%'"
        )
        .await,
        0
    );

    // A high-risk entry needs the AI Act fields.
    let mut fields = pairs(&sample("Parkraumsensoren"));
    for f in fields.iter_mut() {
        if f.0 == "risk_category" {
            f.1 = "high risk".into();
        }
    }
    fields.push(("department_id", app.dept.to_string()));
    let r = app.post(&mut staff, "/data-register", &refs(&fields)).await;
    assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(r.body.contains("href=\"#field-aiact_eu_database_url\""));

    // Edits need a change note, and a save on an old version is refused.
    let slug = create(&app, "Parkraumsensoren", Some(app.dept)).await;
    let mut fields = pairs(&sample("Parkraumsensoren"));
    fields.push(("base_version", "1".into()));
    let r = save_edit(&app, &mut staff, &slug, &fields).await;
    assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(r.body.contains("href=\"#field-change_note\""));
    fields.push(("change_note", "Erste Änderung.".into()));
    let r = save_edit(&app, &mut staff, &slug, &fields).await;
    assert_eq!(r.status, StatusCode::SEE_OTHER);
    let r = save_edit(&app, &mut staff, &slug, &fields).await;
    assert_eq!(r.status, StatusCode::CONFLICT);
    let mut bad = fields.clone();
    bad.retain(|f| f.0 != "base_version");
    bad.push(("base_version", "zwei".into()));
    let r = save_edit(&app, &mut staff, &slug, &bad).await;
    assert_eq!(r.status, StatusCode::BAD_REQUEST);
    assert_eq!(
        count(&app, "SELECT COUNT(*) AS n FROM register_versions").await,
        2
    );

    // Staff cannot create entries for another department.
    let mut fields = pairs(&sample("Parkraumsensoren"));
    fields.push(("department_id", app.other_dept.to_string()));
    let r = app.post(&mut staff, "/data-register", &refs(&fields)).await;
    assert_eq!(r.status, StatusCode::FORBIDDEN);
}

#[tokio::test]
async fn the_public_list_filters_and_searches() {
    let app = TestApp::new().await;
    create(&app, "Parkraumsensoren", Some(app.dept)).await;
    create(&app, "Adaptive Ampelsteuerung", Some(app.dept)).await;
    create(&app, "Risikobewertung bei Sozialleistungen", None).await;
    create(&app, "Kita-Plätzen", Some(app.other_dept)).await;
    let mut s = Session::default();
    let names = [
        "Parkraumsensoren",
        "Adaptive Ampelsteuerung",
        "Risikobewertung",
        "Kita-Plätzen",
    ];
    let shown =
        |body: &str| -> Vec<&str> { names.iter().copied().filter(|n| body.contains(n)).collect() };
    // The list runs the same number of statements however many entries.
    app.get(&mut s, "/data-register").await;
    let before = app.store.db.statement_count();
    app.get(&mut s, "/data-register?status=pilot").await;
    let one = app.store.db.statement_count() - before;
    let before = app.store.db.statement_count();
    let all = app.get(&mut s, "/data-register").await;
    assert_eq!(app.store.db.statement_count() - before, one);
    assert_eq!(all.status, StatusCode::OK);
    assert_eq!(shown(&all.body).len(), 4);
    assert!(all.body.contains("4 Einträge"));
    for (query, expected) in [
        ("risk_category=high+risk", vec!["Risikobewertung"]),
        ("status=pilot", vec!["Adaptive Ampelsteuerung"]),
        (
            "domain=traffic+and+transportation",
            vec!["Parkraumsensoren", "Adaptive Ampelsteuerung"],
        ),
        ("algorithm_type=hybrid", vec!["Adaptive Ampelsteuerung"]),
        (
            &format!("department={}", app.dept),
            vec!["Parkraumsensoren", "Adaptive Ampelsteuerung"],
        ),
        (
            &format!("department={}&status=operational", app.dept),
            vec!["Parkraumsensoren"],
        ),
        // Full text over every field, any case, German words.
        ("q=GR%C3%9CNPHASEN", vec!["Adaptive Ampelsteuerung"]),
        ("q=parkh%C3%A4user+app", vec!["Parkraumsensoren"]),
        ("q=nirgendwo+vorhanden", vec![]),
    ] {
        let r = app.get(&mut s, &format!("/data-register?{query}")).await;
        assert_eq!(r.status, StatusCode::OK, "{query}");
        // Filter selects also list names of departments, not of entries.
        let list = r.body.split("role=\"status\"").nth(1).unwrap_or("");
        assert_eq!(shown(list), expected, "{query}");
    }
    // Unknown filter values are refused, not ignored.
    for query in [
        "status=kaputt",
        "risk_category=high",
        "domain=weltraum",
        "algorithm_type=magic",
        "department=abc",
    ] {
        let r = app.get(&mut s, &format!("/data-register?{query}")).await;
        assert_eq!(r.status, StatusCode::BAD_REQUEST, "{query}");
    }
    let long = "a".repeat(201);
    let r = app.get(&mut s, &format!("/data-register?q={long}")).await;
    assert_eq!(r.status, StatusCode::BAD_REQUEST);
}

#[tokio::test]
async fn history_and_diff_refuse_bad_versions() {
    let app = TestApp::new().await;
    let slug = create(&app, "Chatbot", None).await;
    let mut s = Session::default();
    for (path, status) in [
        (
            format!("/data-register/{slug}/diff?from=abc"),
            StatusCode::BAD_REQUEST,
        ),
        (
            format!("/data-register/{slug}/diff?from=0&to=1"),
            StatusCode::BAD_REQUEST,
        ),
        (
            format!("/data-register/{slug}/diff?from=1&to=9"),
            StatusCode::NOT_FOUND,
        ),
        (
            format!("/data-register/{slug}?version=7"),
            StatusCode::NOT_FOUND,
        ),
        (
            format!("/data-register/{slug}?version=-1"),
            StatusCode::BAD_REQUEST,
        ),
        (
            "/data-register/gibt-es-nicht".to_string(),
            StatusCode::NOT_FOUND,
        ),
        (
            "/data-register/gibt-es-nicht/versions".to_string(),
            StatusCode::NOT_FOUND,
        ),
        (format!("/data-register/{slug}/diff"), StatusCode::OK),
        (format!("/data-register/{slug}/versions"), StatusCode::OK),
    ] {
        let r = app.get(&mut s, &path).await;
        assert_eq!(r.status, status, "{path}");
    }
    // Properties outside the catalogue (the sample's supplier) are shown.
    let page = app.get(&mut s, &format!("/data-register/{slug}")).await;
    assert!(page.body.contains("<code>supplier</code>"), "{}", page.body);
    // An entry without a department is edited by admins only.
    let mut staff = app.login("staff").await;
    let r = app
        .get(&mut staff, &format!("/data-register/{slug}/edit"))
        .await;
    assert_eq!(r.status, StatusCode::FORBIDDEN);
    let mut admin = app.login("admin").await;
    let r = app
        .get(&mut admin, &format!("/data-register/{slug}/edit"))
        .await;
    assert_eq!(r.status, StatusCode::OK);
}
