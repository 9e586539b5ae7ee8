//! Impact goals through the pages and the API: the public dashboard and
//! goal page (SVG chart with a data table), linked goals on process and
//! register pages, the staff forms with per-field errors, the CSV upload
//! that lists every bad line and writes nothing, and the permission rows.

use crate::common::{Resp, Row, Session, TestApp, ALL};
use axum::http::StatusCode;
use teilhabe_domain::goals::input::{GoalDraft, IndicatorDraft, MeasurementDraft};
use teilhabe_domain::Actor;
use teilhabe_store::goals::{GoalInput, IndicatorInput};

pub struct GoalsFx {
    /// A goal of department 1 ("Mobilität").
    pub slug: String,
    pub indicator: i64,
    pub computed: i64,
    /// An indicator deleted in the permission matrix.
    pub doomed: i64,
    /// A measurement of that goal, deleted by staff in the matrix.
    pub measurement: i64,
    pub entry_slug: String,
}

/// An indicator of the fixture's goal, in % from 2026 to 2027: what the
/// three indicators differ in are the parameters; `computed` is the
/// computation and its process, if the values are computed.
fn indicator_input(
    key: &str,
    name: &str,
    (baseline, target): (&str, &str),
    computed: Option<(&str, i64)>,
) -> IndicatorInput {
    let (computation, process) = computed.unzip();
    IndicatorInput {
        draft: IndicatorDraft {
            key: key.into(),
            name: name.into(),
            unit: "%".into(),
            direction: "higher_is_better".into(),
            baseline_value: baseline.into(),
            baseline_date: "2026-01-01".into(),
            target_value: target.into(),
            target_date: "2027-01-01".into(),
            data_source: "https://musterstadt.example/radwegekataster".into(),
            computation: computation.unwrap_or("").into(),
        },
        computation_process_id: process,
    }
}

/// Creates an indicator of a goal through the service; its id.
async fn create_indicator(app: &TestApp, admin: &Actor, goal: &str, input: &IndicatorInput) -> i64 {
    app.store
        .goals()
        .create_indicator(&app.tenant, admin, goal, input)
        .await
        .unwrap()
        .id
}

pub async fn setup(app: &TestApp) -> GoalsFx {
    let admin = app.actor("admin").await;
    let t = &app.tenant;
    let second = teilhabe_register::sample::sample_entries().remove(1);
    let entry_slug = app.create_entry(Some(app.dept), second).await.slug;
    let entry_id = app.store.register().entry(t, &entry_slug).await.unwrap().id;
    let make = |statement: &str, department: Option<i64>| GoalInput {
        draft: GoalDraft {
            statement: statement.into(),
            description: "Damit **alle** sicher Rad fahren.".into(),
        },
        department_id: department,
        process_ids: vec![app.process_id],
        entry_ids: vec![entry_id],
    };
    let goal = app
        .store
        .goals()
        .create(
            t,
            &admin,
            &make("Sicher Rad fahren in Musterstadt", Some(app.dept)),
        )
        .await
        .unwrap();
    let radwege = indicator_input("radwege", "Anteil sicherer Radwege", ("20", "45"), None);
    let indicator = create_indicator(app, &admin, &goal.slug, &radwege).await;
    for (d, v) in [
        ("2026-03-01", "25"),
        ("2026-06-01", "31,5"),
        ("2026-09-01", "38"),
    ] {
        app.store
            .goals()
            .add_measurement(
                t,
                &admin,
                &goal.slug,
                indicator,
                &MeasurementDraft {
                    date: d.into(),
                    value: v.into(),
                    note: String::new(),
                },
            )
            .await
            .unwrap();
    }
    let computed = indicator_input(
        "beitraege",
        "Beiträge im Verfahren",
        ("0", "1000"),
        Some(("contributions", app.process_id)),
    );
    let computed = create_indicator(app, &admin, &goal.slug, &computed).await;
    let doomed = indicator_input(
        "wird-geloescht",
        "Eine Kennzahl zum Löschen",
        ("20", "45"),
        None,
    );
    let doomed = create_indicator(app, &admin, &goal.slug, &doomed).await;
    let measurement = app
        .store
        .goals()
        .get(t, &goal.slug)
        .await
        .unwrap()
        .indicators[0]
        .measurements[0]
        .id;
    GoalsFx {
        slug: goal.slug,
        indicator,
        computed,
        doomed,
        measurement,
        entry_slug,
    }
}

/// The goal routes' rows of the permission matrix: public reading; staff of
/// the goal's department and admins manage (incomplete forms are a 422 or
/// a 400, which count as allowed).
pub fn permission_rows(fx: &GoalsFx) -> Vec<Row> {
    const STAFF: &[&str] = &["staff", "admin"];
    let s = |v: &str| v.to_string();
    let g = |tail: &str| format!("/goals/{}{tail}", fx.slug);
    let (i, c) = (fx.indicator, fx.computed);
    vec![
        ("GET", "/goals", s("/goals"), vec![], ALL),
        (
            "POST",
            "/goals",
            s("/goals"),
            vec![("statement", s("Ziel {unique}")), ("department_id", s("1"))],
            STAFF,
        ),
        (
            "GET",
            "/goals/new",
            s("/goals/new"),
            vec![],
            &["staff", "other_staff", "admin"],
        ),
        ("GET", "/goals/{slug}", g(""), vec![], ALL),
        ("GET", "/goals/{slug}/edit", g("/edit"), vec![], STAFF),
        (
            "POST",
            "/goals/{slug}/edit",
            g("/edit"),
            vec![
                ("statement", s("Sicher Rad fahren in Musterstadt")),
                ("department_id", s("1")),
            ],
            STAFF,
        ),
        ("GET", "/goals/{slug}/manage", g("/manage"), vec![], STAFF),
        (
            "GET",
            "/goals/{slug}/measurements.csv",
            g("/measurements.csv"),
            vec![],
            ALL,
        ),
        // Not multipart: a 400 for those allowed, refused before reading.
        ("POST", "/goals/{slug}/import", g("/import"), vec![], STAFF),
        (
            "POST",
            "/goals/{slug}/indicators",
            g("/indicators"),
            vec![("name", s("Kennzahl {unique}"))],
            STAFF,
        ),
        (
            "GET",
            "/goals/{slug}/indicators/new",
            g("/indicators/new"),
            vec![],
            STAFF,
        ),
        (
            "GET",
            "/goals/{slug}/indicators/{id}/edit",
            g(&format!("/indicators/{i}/edit")),
            vec![],
            STAFF,
        ),
        (
            "POST",
            "/goals/{slug}/indicators/{id}/edit",
            g(&format!("/indicators/{i}/edit")),
            vec![("name", s(""))],
            STAFF,
        ),
        (
            "POST",
            "/goals/{slug}/indicators/{id}/measurements",
            g(&format!("/indicators/{i}/measurements")),
            vec![("date", s("2026-10-01")), ("value", s("40"))],
            STAFF,
        ),
        (
            "POST",
            "/goals/{slug}/indicators/{id}/compute",
            g(&format!("/indicators/{c}/compute")),
            vec![],
            STAFF,
        ),
        (
            "POST",
            "/goals/{slug}/indicators/{id}/delete",
            g(&format!("/indicators/{}/delete", fx.doomed)),
            vec![],
            STAFF,
        ),
        // Deleting is idempotent: the admin finds it deleted by staff.
        (
            "POST",
            "/goals/{slug}/measurements/{id}/delete",
            g(&format!("/measurements/{}/delete", fx.measurement)),
            vec![],
            STAFF,
        ),
        ("GET", "/api/goals", s("/api/goals"), vec![], ALL),
        (
            "GET",
            "/api/goals/{slug}",
            format!("/api{}", g("")),
            vec![],
            ALL,
        ),
        (
            "GET",
            "/api/goals/{slug}/indicators/{id}",
            format!("/api{}", g(&format!("/indicators/{i}"))),
            vec![],
            ALL,
        ),
        (
            "GET",
            "/api/goals/{slug}/measurements.csv",
            format!("/api{}", g("/measurements.csv")),
            vec![],
            ALL,
        ),
        (
            "POST",
            "/api/goals/{slug}/indicators/{id}/measurements",
            format!("/api{}", g(&format!("/indicators/{i}/measurements"))),
            vec![("json", s(r#"{"date":"2026-10-15","value":41.5}"#))],
            STAFF,
        ),
    ]
}

/// Posts a measurement of the fixture's indicator.
async fn post_measurement(
    app: &TestApp,
    s: &mut Session,
    fx: &GoalsFx,
    fields: &[(&str, &str)],
) -> Resp {
    let path = format!(
        "/goals/{}/indicators/{}/measurements",
        fx.slug, fx.indicator
    );
    app.post(s, &path, fields).await
}

#[tokio::test]
async fn the_dashboard_and_the_goal_page_read_without_javascript() {
    let app = TestApp::new().await;
    let fx = setup(&app).await;
    let mut visitor = Session::default();
    let r = app.get(&mut visitor, "/goals").await;
    assert_eq!(r.status, StatusCode::OK);
    assert!(r.body.contains("Sicher Rad fahren in Musterstadt"));
    assert!(
        r.body.contains(r#"href="/goals">Wirkungsziele</a>"#),
        "in the navigation"
    );
    // State in words with a shape, not colour alone; the latest value in
    // German format.
    assert!(r.body.contains("auf Kurs"), "{}", r.body);
    assert!(r.body.contains("38 %"));
    assert!(r.body.contains("01.09.2026"));

    let r = app.get(&mut visitor, &format!("/goals/{}", fx.slug)).await;
    assert_eq!(r.status, StatusCode::OK);
    assert!(r.body.contains("<svg"));
    assert!(r.body.contains(r#"role="img""#));
    assert!(r.body.contains(&format!("chart-{}", fx.indicator)));
    // The data table is the text alternative, with every measurement.
    assert!(r.body.contains("<table"));
    assert!(r.body.contains("<caption"));
    assert!(r.body.contains("31,5"));
    // Links to the process and the register entry, and a link as source.
    assert!(r.body.contains(r#"href="/processes/radwege""#));
    assert!(r
        .body
        .contains(&format!(r#"href="/data-register/{}""#, fx.entry_slug)));
    assert!(r
        .body
        .contains(r#"radwegekataster" rel="nofollow noopener">"#));
    assert!(r.body.contains("Wird von der Plattform berechnet"));
    assert!(!r.body.contains("/manage"), "no staff links for visitors");

    // The process page and the register entry show the goal with its state.
    for page in [
        "/processes/radwege".to_string(),
        format!("/data-register/{}", fx.entry_slug),
    ] {
        let r = app.get(&mut visitor, &page).await;
        assert_eq!(r.status, StatusCode::OK);
        assert!(
            r.body.contains(&format!(r#"href="/goals/{}""#, fx.slug)),
            "{page}"
        );
        assert!(r.body.contains("goal-state state-"), "{page}");
    }

    // The export is CSV in the import's format.
    let r = app
        .get(
            &mut visitor,
            &format!("/goals/{}/measurements.csv", fx.slug),
        )
        .await;
    assert_eq!(r.status, StatusCode::OK);
    assert!(r.body.starts_with("indicator,date,value,note\n"));
    assert!(r.body.contains("radwege,2026-06-01,31.5,"));

    // English numbers and dates for English visitors.
    let r = app.get(&mut visitor, "/lang/en?back=/goals").await;
    assert_eq!(r.status, StatusCode::SEE_OTHER);
    let r = app.get(&mut visitor, "/goals").await;
    assert!(r.body.contains("On track"));
    assert!(r.body.contains("2026-09-01"));
    let r = app.get(&mut visitor, "/goals/unbekannt").await;
    assert_eq!(r.status, StatusCode::NOT_FOUND);
}

/// Posts a CSV file of measurements to a goal's import form.
async fn upload_csv(app: &TestApp, s: &mut Session, path: &str, token: &str, csv: &str) -> Resp {
    let fields = [
        ("_csrf", None, token.as_bytes()),
        ("file", Some("messwerte.csv"), csv.as_bytes()),
    ];
    app.post_multipart(s, path, "text/csv", &fields).await
}

#[tokio::test]
async fn csv_upload_lists_every_bad_line_and_writes_nothing() {
    let app = TestApp::new().await;
    let fx = setup(&app).await;
    let mut staff = app.login("staff").await;
    let before = app.count("SELECT COUNT(*) AS n FROM measurements").await;
    let token = app.csrf_for(&mut staff).await;
    let csv = "indicator,date,value,note\nradwege,2026-10-01,39,\nradwege,2026-13-01,40,\nparken,2026-10-01,5,\nradwege,2026-11-01,viel,\n";
    let path = format!("/goals/{}/import", fx.slug);
    let r = upload_csv(&app, &mut staff, &path, &token, csv).await;
    assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(r.body.contains("Die Datei enthält 3 Fehler."), "{}", r.body);
    assert!(r.body.contains("Es wurde nichts gespeichert"));
    for line in [
        "<td>3</td><td>date</td>",
        "<td>4</td><td>indicator</td>",
        "<td>5</td><td>value</td>",
    ] {
        assert!(r.body.contains(line), "{line}");
    }
    assert!(r.body.contains("Unbekannter Indikator „parken“"));
    assert!(r.body.contains("Bitte eine Zahl eingeben."));
    assert_eq!(
        app.count("SELECT COUNT(*) AS n FROM measurements").await,
        before
    );

    // A good file: imported, one value replaced, counted on the page.
    let good = "indicator;date;value\nradwege;01.10.2026;39,5\nradwege;01.09.2026;37\n";
    let r = upload_csv(&app, &mut staff, &path, &token, good).await;
    assert_eq!(r.status, StatusCode::SEE_OTHER, "{}", r.body);
    let r = app.get(&mut staff, &r.location()).await;
    assert!(r.body.contains("1 neue Messwerte, 1 ersetzt"), "{}", r.body);
    assert_eq!(
        app.count("SELECT COUNT(*) AS n FROM measurements").await,
        before + 1
    );

    // Another department's staff may not upload.
    let mut other = app.login("other_staff").await;
    let token = app.csrf_for(&mut other).await;
    let r = upload_csv(&app, &mut other, &path, &token, good).await;
    assert_eq!(r.status, StatusCode::FORBIDDEN);
}

#[tokio::test]
async fn staff_forms_name_every_bad_field() {
    let app = TestApp::new().await;
    let fx = setup(&app).await;
    let mut staff = app.login("staff").await;
    let r = app.get(&mut staff, "/goals/new").await;
    assert_eq!(r.status, StatusCode::OK);
    assert!(r.body.contains(r#"name="process_ids""#));
    let r = app
        .post(
            &mut staff,
            "/goals",
            &[("statement", " "), ("department_id", "1")],
        )
        .await;
    assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(r.body.contains("error-summary"));
    assert!(
        r.body
            .contains(r##"href="#field-statement">Ziel: Bitte ausfüllen."##),
        "{}",
        r.body
    );
    let r = app
        .post(
            &mut staff,
            "/goals",
            &[
                ("statement", "Mehr Grün in der Innenstadt"),
                ("department_id", "1"),
                ("process_ids", "1"),
            ],
        )
        .await;
    assert_eq!(r.status, StatusCode::SEE_OTHER);
    assert!(r
        .location()
        .starts_with("/goals/mehr-gruen-in-der-innenstadt/manage"));

    // Indicator form: every field with its label and reason.
    let r = app
        .post(
            &mut staff,
            "/goals/mehr-gruen-in-der-innenstadt/indicators",
            &[
                ("name", "Baumkronen"),
                ("key", "Bäume"),
                ("unit", "%"),
                ("direction", "higher_is_better"),
                ("baseline_value", "20"),
                ("baseline_date", "2026-01-01"),
                ("target_value", "zehn"),
                ("target_date", "2025-01-01"),
                ("data_source", "Luftbild"),
            ],
        )
        .await;
    assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY);
    for text in [
        r##"href="#field-key">Kurzname: „Bäume“ geht als Kurzname nicht"##,
        r##"href="#field-target_value">Zielwert: Bitte eine Zahl eingeben."##,
        r##"href="#field-target_date">Zieldatum: Das Zieldatum muss nach dem Datum des Ausgangswerts liegen."##,
    ] {
        assert!(r.body.contains(text), "{text}\n{}", r.body);
    }
    assert!(r.body.contains(r#"value="Baumkronen""#), "input kept");

    // A bad measurement re-renders the manage page with the error at the
    // indicator's form.
    let r = post_measurement(
        &app,
        &mut staff,
        &fx,
        &[("date", "gestern"), ("value", "12")],
    )
    .await;
    assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY);
    let id = format!("m{}-date", fx.indicator);
    assert!(
        r.body.contains(&format!(
            r##"href="#{id}">Datum: „gestern“ ist kein gültiges Datum."##
        )),
        "{}",
        r.body
    );
    assert!(r.body.contains(&format!(r#"id="{id}-error""#)));
    let r = post_measurement(
        &app,
        &mut staff,
        &fx,
        &[
            ("date", "2026-11-01"),
            ("value", "44,5"),
            ("note", "Zählung Herbst"),
        ],
    )
    .await;
    assert_eq!(r.status, StatusCode::SEE_OTHER);
    let g = app.store.goals().get(&app.tenant, &fx.slug).await.unwrap();
    assert_eq!(g.indicators[0].latest.as_ref().unwrap().value, 44.5);

    // The edit page offers deleting the indicator with its values.
    let edit = format!("/goals/{}/indicators/{}/edit", fx.slug, fx.doomed);
    let r = app.get(&mut staff, &edit).await;
    assert!(r
        .body
        .contains("„Eine Kennzahl zum Löschen“ mit allen Messwerten löschen"));
    let r = app
        .post(
            &mut staff,
            &format!("/goals/{}/indicators/{}/delete", fx.slug, fx.doomed),
            &[],
        )
        .await;
    assert_eq!(r.status, StatusCode::SEE_OTHER);
    assert!(r.location().contains("notice-indicator-deleted"));
    assert_eq!(
        app.get(&mut staff, &edit).await.status,
        StatusCode::NOT_FOUND
    );

    // "Update now" stores a computed value.
    let r = app
        .post(
            &mut staff,
            &format!("/goals/{}/indicators/{}/compute", fx.slug, fx.computed),
            &[],
        )
        .await;
    assert_eq!(r.status, StatusCode::SEE_OTHER);
    assert!(r.location().contains("notice-measurement-computed"));
}

#[tokio::test]
async fn the_api_lists_goals_and_takes_measurements_from_staff() {
    let app = TestApp::new().await;
    let fx = setup(&app).await;
    let r = app.api("GET", "/api/goals", None, None).await;
    assert_eq!(r.status, StatusCode::OK);
    let goals = r.json();
    let g = goals
        .as_array()
        .unwrap()
        .iter()
        .find(|g| g["slug"] == fx.slug.as_str())
        .unwrap();
    assert_eq!(g["indicators"][0]["state"], "on_track");
    assert_eq!(g["processes"][0]["slug"], "radwege");

    let path = format!(
        "/api/goals/{}/indicators/{}/measurements",
        fx.slug, fx.indicator
    );
    let body = serde_json::json!({"date": "2026-10-01", "value": 40.5});
    let r = app.api("POST", &path, None, Some(body.clone())).await;
    assert_eq!(r.status, StatusCode::UNAUTHORIZED);
    let other = app.token("other_staff").await;
    let r = app
        .api("POST", &path, Some(&other), Some(body.clone()))
        .await;
    assert_eq!(r.status, StatusCode::FORBIDDEN);
    let staff = app.token("staff").await;
    let r = app
        .api(
            "POST",
            &path,
            Some(&staff),
            Some(serde_json::json!({"date": "1.1.", "value": 1})),
        )
        .await;
    assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(r.body.contains("\"field\":\"date\""), "{}", r.body);
    let r = app.api("POST", &path, Some(&staff), Some(body)).await;
    assert_eq!(r.status, StatusCode::CREATED, "{}", r.body);
    assert_eq!(r.json()["indicator"]["measurements"][3]["value"], 40.5);
    assert_eq!(r.json()["replaced"], serde_json::Value::Null);

    let r = app
        .api(
            "GET",
            &format!("/api/goals/{}/indicators/{}", fx.slug, fx.indicator),
            None,
            None,
        )
        .await;
    assert_eq!(r.json()["measurement_count"], 4);
    let r = app.api("GET", "/api/openapi.json", None, None).await;
    assert!(
        r.json()["paths"]["/api/goals/{slug}/indicators/{id}/measurements"]["post"].is_object()
    );
}
