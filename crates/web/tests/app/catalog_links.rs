//! Links of the open data catalog through the web: staff link datasets to
//! a register entry ("Gelesene Datensätze") and unlink them, managers name
//! an indicator's source dataset on the goal page, the process page lists
//! the datasets it produced, residents ask on a dataset (errors on the
//! form page), the question is in the inbox of both departments' staff,
//! and staff answer it. Plus this part's rows of the permission matrix.

use crate::common::{Row, TestApp, LOGGED_IN};
use crate::goals::GoalsFx;
use axum::http::StatusCode;
use teilhabe_domain::catalog::DatasetDraft;
use teilhabe_store::catalog::DatasetRecord;

fn draft(title: &str) -> DatasetDraft {
    DatasetDraft {
        title: title.into(),
        description: "Monatliche Zählungen an zwölf Zählstellen.".into(),
        keywords: vec!["Rad".into()],
        themes: vec!["TRAN".into()],
        temporal_start: None,
        temporal_end: None,
        accrual_periodicity: "MONTHLY".into(),
        contact_name: "Amt für Mobilität".into(),
        contact_email: "mobil@musterstadt.example".into(),
        landing_page: String::new(),
        access_rights: "PUBLIC".into(),
    }
}

/// A dataset of `dept`, created by the admin.
pub async fn dataset(app: &TestApp, dept: i64, title: &str) -> DatasetRecord {
    let admin = app.actor("admin").await;
    app.store
        .catalog()
        .create(&app.tenant, &admin, Some(dept), draft(title))
        .await
        .unwrap()
}

#[tokio::test]
async fn staff_link_datasets_on_the_register_entry() {
    let app = TestApp::new().await;
    let d = dataset(&app, app.other_dept, "Radverkehrszählungen").await;
    let first = teilhabe_register::sample::sample_entries().remove(0);
    let slug = app.create_entry(Some(app.dept), first).await.slug;
    let page = format!("/data-register/{slug}");

    // Everyone sees the section; only the entry's staff get the form.
    let mut visitor = Default::default();
    let r = app.get(&mut visitor, &page).await;
    assert!(r.body.contains("Gelesene Datensätze"));
    assert!(!r.body.contains("name=\"dataset_id\""));
    let mut staff = app.login("staff").await;
    let r = app.get(&mut staff, &page).await;
    assert!(r.body.contains("name=\"dataset_id\""));
    assert!(r.body.contains("Radverkehrszählungen"));

    let id = d.id.to_string();
    let r = app
        .post(
            &mut staff,
            &format!("{page}/datensaetze"),
            &[("dataset_id", &id)],
        )
        .await;
    assert_eq!(r.status, StatusCode::SEE_OTHER);
    assert!(r.location().contains("notice=notice-catalog-links-linked"));
    let r = app.get(&mut visitor, &page).await;
    assert!(r.body.contains(&format!("href=\"/daten/{}\"", d.name)));
    // The other department may not link to our entry.
    let mut other = app.login("other_staff").await;
    let r = app
        .post(
            &mut other,
            &format!("{page}/datensaetze"),
            &[("dataset_id", &id)],
        )
        .await;
    assert_eq!(r.status, StatusCode::FORBIDDEN);
    // Linking twice is refused with a message.
    let r = app
        .post(
            &mut staff,
            &format!("{page}/datensaetze"),
            &[("dataset_id", &id)],
        )
        .await;
    assert_eq!(r.status, StatusCode::CONFLICT);
    assert!(r.body.contains("schon verknüpft"), "{}", r.body);
    // A bad id is a bad request.
    let r = app
        .post(
            &mut staff,
            &format!("{page}/datensaetze"),
            &[("dataset_id", "x")],
        )
        .await;
    assert_eq!(r.status, StatusCode::BAD_REQUEST);

    let r = app
        .post(
            &mut staff,
            &format!("{page}/datensaetze/{id}/entfernen"),
            &[],
        )
        .await;
    assert_eq!(r.status, StatusCode::SEE_OTHER);
    let r = app.get(&mut visitor, &page).await;
    assert!(!r.body.contains(&format!("href=\"/daten/{}\"", d.name)));
    assert_eq!(
        app.count(
            "SELECT COUNT(*) AS n FROM audit_log WHERE action LIKE 'catalog.entry_dataset_%'"
        )
        .await,
        2
    );
}

#[tokio::test]
async fn managers_name_an_indicators_source_on_the_goal_page() {
    let app = TestApp::new().await;
    let goals = crate::goals::setup(&app).await;
    let d = dataset(&app, app.other_dept, "Radwegekataster").await;
    let page = format!("/goals/{}", goals.slug);
    let mut visitor = Default::default();
    let r = app.get(&mut visitor, &page).await;
    assert!(r.body.contains("Datenquellen der Indikatoren"));
    assert!(r.body.contains("Kein Datensatz angegeben"));
    assert!(!r.body.contains("name=\"dataset_id\""));
    let mut staff = app.login("staff").await;
    let r = app.get(&mut staff, &page).await;
    assert!(r.body.contains("name=\"dataset_id\""));
    let path = format!("{page}/indicators/{}/datensatz", goals.indicator);
    let r = app
        .post(&mut staff, &path, &[("dataset_id", &d.id.to_string())])
        .await;
    assert_eq!(r.status, StatusCode::SEE_OTHER);
    let r = app.get(&mut visitor, &page).await;
    assert!(r.body.contains(&format!(
        "<a href=\"/daten/{}\">Radwegekataster</a>",
        d.name
    )));
    // The dataset's department does not manage the goal.
    let mut other = app.login("other_staff").await;
    let r = app.post(&mut other, &path, &[("dataset_id", "")]).await;
    assert_eq!(r.status, StatusCode::FORBIDDEN);
    // Cleared by an empty choice.
    let r = app.post(&mut staff, &path, &[("dataset_id", "")]).await;
    assert_eq!(r.status, StatusCode::SEE_OTHER);
    let r = app.get(&mut visitor, &page).await;
    assert!(!r.body.contains(&format!("/daten/{}", d.name)));
}

#[tokio::test]
async fn the_process_page_lists_the_datasets_it_produced() {
    let app = TestApp::new().await;
    let d = dataset(&app, app.dept, "Vorschläge zum Radverkehr").await;
    let page = format!("/processes/{}", app.process_slug);
    let mut visitor = Default::default();
    let r = app.get(&mut visitor, &page).await;
    assert!(!r.body.contains("Daten aus diesem Verfahren"));
    // Publishing a process's results sets `process_id` (publish part).
    app.store
        .db
        .exec(
            "UPDATE datasets SET process_id = $1 WHERE id = $2",
            teilhabe_store::params![app.process_id, d.id],
        )
        .await
        .unwrap();
    let r = app.get(&mut visitor, &page).await;
    assert!(r.body.contains("Daten aus diesem Verfahren"));
    assert!(r.body.contains(&format!("href=\"/daten/{}\"", d.name)));
}

#[tokio::test]
async fn a_question_on_a_dataset_reaches_both_departments_and_is_answered() {
    let app = TestApp::new().await;
    // The dataset is the other department's; our department's entry reads it.
    let d = dataset(&app, app.other_dept, "Luftqualität").await;
    let first = teilhabe_register::sample::sample_entries().remove(0);
    let entry = app.create_entry(Some(app.dept), first).await;
    let admin = app.actor("admin").await;
    app.store
        .catalog()
        .link_entry(&app.tenant, &admin, &entry.slug, d.id)
        .await
        .unwrap();
    let ask = format!("/daten/{}/fragen", d.name);

    // A visitor is sent to log in.
    let mut visitor = Default::default();
    let r = app
        .post(
            &mut visitor,
            &ask,
            &[
                ("question_kind", "question"),
                ("question_text", "Wie oft wird gemessen?"),
            ],
        )
        .await;
    assert_eq!(r.status, StatusCode::SEE_OTHER);
    assert!(r.location().starts_with("/login"));
    // Bad input: the form again with each message, nothing written.
    let mut citizen = app.login("citizen").await;
    let r = app
        .post(
            &mut citizen,
            &ask,
            &[("question_kind", "complaint"), ("question_text", "kurz")],
        )
        .await;
    assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(r.body.contains("id=\"question_text-error\""), "{}", r.body);
    assert!(r.body.contains("id=\"question_kind-error\""));
    assert!(r.body.contains(">kurz</textarea>"));
    assert_eq!(
        app.count("SELECT COUNT(*) AS n FROM dataset_questions")
            .await,
        0
    );

    let r = app
        .post(
            &mut citizen,
            &ask,
            &[
                ("question_kind", "objection"),
                (
                    "question_text",
                    "Die Messstelle am Markt steht zu nah an der Straße.",
                ),
            ],
        )
        .await;
    assert_eq!(r.status, StatusCode::SEE_OTHER);
    let id = app
        .count("SELECT MAX(id) AS n FROM dataset_questions")
        .await;
    assert!(r
        .location()
        .starts_with(&format!("/daten/{}?notice=", d.name)));
    assert!(r.location().ends_with(&format!("#frage-{id}")));

    // In the inbox of both departments, with its deadline.
    for who in ["staff", "other_staff", "admin"] {
        let mut s = app.login(who).await;
        let r = app.get(&mut s, "/inbox").await;
        assert!(
            r.body.contains("Offene Fragen und Einwände zu Datensätzen"),
            "{who}"
        );
        assert!(
            r.body.contains(&format!("/daten/{}#frage-{id}", d.name)),
            "{who}"
        );
        assert!(r.body.contains("Antwort fällig bis"), "{who}");
    }

    // The answer: a third party may not, the data use's staff may; an
    // empty answer is shown on the form page.
    let path = format!("/daten/{}/fragen/{id}/antwort", d.name);
    let r = app
        .post(
            &mut citizen,
            &path,
            &[("answer", "Eine Antwort ohne Recht.")],
        )
        .await;
    assert_eq!(r.status, StatusCode::FORBIDDEN);
    let mut staff = app.login("staff").await;
    let r = app.post(&mut staff, &path, &[("answer", "")]).await;
    assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(r.body.contains("id=\"answer-error\""));
    assert!(r.body.contains("Die Messstelle am Markt"));
    let r = app
        .post(
            &mut staff,
            &path,
            &[("answer", "Die Messstelle wird im Frühjahr versetzt.")],
        )
        .await;
    assert_eq!(r.status, StatusCode::SEE_OTHER);
    assert!(r
        .location()
        .contains("notice=notice-catalog-links-answered"));
    let mut s = app.login("other_staff").await;
    let r = app.get(&mut s, "/inbox").await;
    assert!(!r.body.contains(&format!("#frage-{id}")));
    // The asker's data export holds the question.
    let export = app
        .store
        .accounts()
        .export(&app.tenant, app.users["citizen"])
        .await
        .unwrap();
    assert_eq!(export.dataset_questions.len(), 1);
    assert_eq!(export.dataset_questions[0].dataset_title, "Luftqualität");
}

/// This part's rows of the permission matrix (permissions.rs).
pub async fn permission_rows(app: &TestApp, goals: &GoalsFx, register_slug: &str) -> Vec<Row> {
    let d = dataset(app, app.dept, "Datensatz für den Rollentest").await;
    let c2 = app.actor("citizen2").await;
    let q = app
        .store
        .catalog()
        .ask(
            &app.tenant,
            &c2,
            &d.name,
            "question",
            "Eine Frage zum Beantworten im Rollentest.",
        )
        .await
        .unwrap()
        .id;
    let f = |pairs: &[(&'static str, &str)]| {
        pairs
            .iter()
            .map(|(k, v)| (*k, v.to_string()))
            .collect::<Vec<_>>()
    };
    let id = d.id.to_string();
    vec![
        (
            "POST",
            "/daten/{name}/fragen",
            format!("/daten/{}/fragen", d.name),
            f(&[
                ("question_kind", "question"),
                ("question_text", "Frage {unique} zum Datensatz"),
            ]),
            LOGGED_IN,
        ),
        (
            "POST",
            "/daten/{name}/fragen/{id}/antwort",
            format!("/daten/{}/fragen/{q}/antwort", d.name),
            f(&[("answer", "Antwort {unique} der Verwaltung")]),
            &["staff", "admin"],
        ),
        (
            "POST",
            "/data-register/{slug}/datensaetze",
            format!("/data-register/{register_slug}/datensaetze"),
            f(&[("dataset_id", &id)]),
            &["staff", "admin"],
        ),
        (
            "POST",
            "/data-register/{slug}/datensaetze/{id}/entfernen",
            format!("/data-register/{register_slug}/datensaetze/{id}/entfernen"),
            vec![],
            &["staff", "admin"],
        ),
        (
            "POST",
            "/goals/{slug}/indicators/{id}/datensatz",
            format!(
                "/goals/{}/indicators/{}/datensatz",
                goals.slug, goals.indicator
            ),
            f(&[("dataset_id", &id)]),
            &["staff", "admin"],
        ),
    ]
}
