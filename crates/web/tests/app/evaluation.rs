//! Participation along the lifecycle of a register entry (new process
//! pre-filled from the entry, linking, unlinking, the sections on the entry
//! and process pages) and the evaluation of a closed process (preview,
//! publication, public page, CSV and JSON, corrections, bad input).

use crate::common::{Resp, Row, Session, TestApp, ALL};
use axum::http::StatusCode;
use teilhabe_domain::process::{Form, ProcessRules};
use teilhabe_store::processes::{PhaseInput, ProcessInput};

pub struct EvalFx {
    /// A register entry of department 1 ("planned"), linked to "radwege".
    pub entry: String,
    /// A closed process of department 1 with one proposal and a published
    /// evaluation.
    pub closed: String,
}

pub const CLOSED: &str = "abgeschlossen";
const LESSONS: &str = "Die Sprechstunde im Rathaus hat Menschen ohne Internet erreicht.";

fn closed_input(app: &TestApp, status: &str) -> ProcessInput {
    ProcessInput {
        title: "Abgeschlossene Beteiligung".into(),
        slug: CLOSED.into(),
        summary: "Eine Beteiligung, die schon beendet ist.".into(),
        body: String::new(),
        department_id: Some(app.dept),
        area: String::new(),
        image_url: String::new(),
        status: status.into(),
        rules: ProcessRules::default(),
        phases: vec![PhaseInput {
            title: "Vorschläge".into(),
            starts_on: "2026-10-01".into(),
            ends_on: "2026-11-20".into(),
            forms: Form::ALL.to_vec(),
        }],
        active_phase: Some(0),
    }
}

/// A closed process with one answered and one offline proposal, and its
/// published evaluation; a planned register entry linked to "radwege".
pub async fn setup(app: &TestApp) -> EvalFx {
    let staff = app.actor("staff").await;
    let citizen = app.actor("verified").await;
    let t = &app.tenant;
    let s = &app.store;
    s.create_process(t, &staff, &closed_input(app, "published"))
        .await
        .unwrap();
    let draft = |title: &str| teilhabe_domain::proposal::ProposalDraft {
        title: title.into(),
        body: "Eine ausführliche Begründung für den Vorschlag.".into(),
        category: String::new(),
        latitude: None,
        longitude: None,
    };
    let p = s
        .proposals()
        .create(t, &citizen, CLOSED, &draft("Mehr Bänke am Markt"), None)
        .await
        .unwrap();
    s.proposals()
        .create(
            t,
            &staff,
            CLOSED,
            &draft("Brief: Ampel am Bahnhof"),
            Some(teilhabe_store::proposals::Offline {
                channel: teilhabe_domain::proposal::Channel::Paper,
                name: String::new(),
            }),
        )
        .await
        .unwrap();
    s.clock.advance_days(3);
    s.proposals()
        .answer(
            t,
            &staff,
            p.id,
            "accepted",
            "Wir stellen im Frühjahr zehn neue Bänke auf.",
            None,
            "",
        )
        .await
        .unwrap();
    s.processes()
        .update(t, &staff, CLOSED, &closed_input(app, "closed"))
        .await
        .unwrap();
    s.evaluations()
        .publish(t, &staff, CLOSED, LESSONS, "")
        .await
        .unwrap();
    let mut entry = teilhabe_register::sample::sample_entries().remove(0);
    entry.set("status", "planned");
    let entry = app.create_entry(Some(app.dept), entry).await.slug;
    s.evaluations()
        .link_process(t, &staff, &entry, &app.process_slug)
        .await
        .unwrap();
    EvalFx {
        entry,
        closed: CLOSED.into(),
    }
}

/// Rows of the permission matrix for this part's routes.
pub fn permission_rows(fx: &EvalFx) -> Vec<Row> {
    const STAFF: &[&str] = &["staff", "admin"];
    let e = |tail: &str| format!("/data-register/{}{tail}", fx.entry);
    let c = |tail: &str| format!("/processes/{}{tail}", fx.closed);
    let v = |s: &str| s.to_string();
    vec![
        // Linking "radwege" again is a 409 (allowed, already linked);
        // removing a link that is gone is a 409 too.
        (
            "POST",
            "/data-register/{slug}/processes",
            e("/processes"),
            vec![("process", v("radwege"))],
            STAFF,
        ),
        (
            "GET",
            "/data-register/{slug}/processes/new",
            e("/processes/new"),
            vec![],
            STAFF,
        ),
        (
            "POST",
            "/data-register/{slug}/processes/new",
            e("/processes/new"),
            vec![("title", v("Zu kurz"))],
            STAFF,
        ),
        (
            "POST",
            "/data-register/{slug}/processes/remove",
            e("/processes/remove"),
            vec![("process", v("gibt-es-nicht"))],
            STAFF,
        ),
        (
            "GET",
            "/processes/{slug}/evaluation",
            c("/evaluation"),
            vec![],
            ALL,
        ),
        (
            "POST",
            "/processes/{slug}/evaluation",
            c("/evaluation"),
            vec![("lessons", v("zu kurz"))],
            STAFF,
        ),
        (
            "GET",
            "/processes/{slug}/evaluation/edit",
            c("/evaluation/edit"),
            vec![],
            STAFF,
        ),
        (
            "GET",
            "/processes/{slug}/evaluation.csv",
            c("/evaluation.csv"),
            vec![],
            ALL,
        ),
        (
            "GET",
            "/processes/{slug}/evaluation.json",
            c("/evaluation.json"),
            vec![],
            ALL,
        ),
        (
            "GET",
            "/api/register/{slug}/processes",
            format!("/api/register/{}/processes", fx.entry),
            vec![],
            ALL,
        ),
        (
            "GET",
            "/api/processes/{slug}/evaluation",
            format!("/api/processes/{}/evaluation", fx.closed),
            vec![],
            ALL,
        ),
    ]
}

fn process_fields(dept: &str, title: &str) -> Vec<(&'static str, String)> {
    vec![
        ("title", title.to_string()),
        ("slug", String::new()),
        (
            "summary",
            "Reden Sie mit über die Parkraumsensoren in der Innenstadt.".into(),
        ),
        ("body", String::new()),
        ("department_id", dept.to_string()),
        ("status", "published".into()),
        ("phase_title_0", "Hinweise".into()),
        ("phase_start_0", "2026-11-27".into()),
        ("phase_end_0", "2026-12-24".into()),
        ("phase_form_0", "proposals".into()),
        ("phase_form_0", "comments".into()),
        ("active_phase", "0".into()),
    ]
}

fn refs<'a>(p: &'a [(&'static str, String)]) -> Vec<(&'static str, &'a str)> {
    p.iter().map(|(k, v)| (*k, v.as_str())).collect()
}

/// Posts the entry page's form that links a process ("processes") or
/// unlinks it ("processes/remove").
async fn link_form(
    app: &TestApp,
    s: &mut Session,
    entry_path: &str,
    action: &str,
    process: &str,
) -> Resp {
    let path = format!("{entry_path}/{action}");
    app.post(s, &path, &[("process", process)]).await
}

#[tokio::test]
async fn staff_hold_participation_along_the_lifecycle_of_an_entry() {
    let app = TestApp::new().await;
    let fx = setup(&app).await;
    let entry_path = format!("/data-register/{}", fx.entry);
    let mut visitor = Session::default();
    let page = app.get(&mut visitor, &entry_path).await;
    assert_eq!(page.status, StatusCode::OK);
    // The participation history, grouped by phase, without staff controls.
    assert!(page
        .body
        .contains("Beteiligung in den Phasen dieser Datennutzung"));
    assert!(page.body.contains("Phase „geplant“"), "{}", page.body);
    assert!(page.body.contains(r#"href="/processes/radwege""#));
    assert!(!page.body.contains("Verknüpfung entfernen"));
    assert!(!page.body.contains("/processes/new"));

    let mut staff = app.login("staff").await;
    let page = app.get(&mut staff, &entry_path).await;
    assert!(page.body.contains("Verknüpfung entfernen"));
    assert!(page.body.contains(&format!("{entry_path}/processes/new")));
    // The new-process form is pre-filled from the entry.
    let form = app
        .get(&mut staff, &format!("{entry_path}/processes/new"))
        .await;
    assert_eq!(form.status, StatusCode::OK);
    let entry = app
        .store
        .register()
        .entry(&app.tenant, &fx.entry)
        .await
        .unwrap();
    assert!(form
        .body
        .contains(&format!("value=\"Beteiligung: {}\"", entry.title)));
    assert!(form.body.contains("Phase „geplant“"));
    // The description links to the entry (Markdown, escaped in the textarea).
    assert!(form
        .body
        .contains("[Alle Angaben im Register der Datennutzungen]"));
    assert!(form.body.contains(&fx.entry));

    // Bad input: the form again with the fields named, nothing written.
    let processes = app.count("SELECT COUNT(*) AS n FROM processes").await;
    let dept = app.dept.to_string();
    let bad = process_fields(&dept, "Kurz");
    let r = app
        .post(
            &mut staff,
            &format!("{entry_path}/processes/new"),
            &refs(&bad),
        )
        .await;
    assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(r.body.contains("error-summary") && r.body.contains(r##"href="#title""##));
    assert_eq!(
        app.count("SELECT COUNT(*) AS n FROM processes").await,
        processes
    );

    // The entry goes into pilot; the new process belongs to that phase.
    let admin = app.actor("admin").await;
    let v1 = app
        .store
        .register()
        .version(&app.tenant, entry.id, 1)
        .await
        .unwrap();
    app.store
        .register()
        .save_version(
            &app.tenant,
            &admin,
            &fx.entry,
            1,
            v1.entry.with("status", "pilot"),
            "Testbetrieb beginnt.",
        )
        .await
        .unwrap();
    let good = process_fields(&dept, "Parkraumsensoren im Testbetrieb");
    let r = app
        .post(
            &mut staff,
            &format!("{entry_path}/processes/new"),
            &refs(&good),
        )
        .await;
    assert_eq!(r.status, StatusCode::SEE_OTHER, "{}", r.body);
    let slug = "parkraumsensoren-im-testbetrieb";
    assert!(r.location().starts_with(&format!("/processes/{slug}")));
    let page = app.get(&mut visitor, &entry_path).await;
    let planned = page.body.find("Phase „geplant“").unwrap();
    let pilot = page
        .body
        .find("Phase „im Test (Pilot)“")
        .expect("pilot phase");
    assert!(planned < pilot);
    assert!(page.body.contains(&format!(r#"href="/processes/{slug}""#)));
    // The process page links back to the entry, with the phase.
    let p = app.get(&mut visitor, &format!("/processes/{slug}")).await;
    assert!(p.body.contains("Zu welcher Datennutzung?"));
    assert!(p.body.contains(&format!(r#"href="{entry_path}""#)));

    // The API lists both, with their phases.
    let api = app
        .api(
            "GET",
            &format!("/api/register/{}/processes", fx.entry),
            None,
            None,
        )
        .await;
    assert_eq!(api.status, StatusCode::OK);
    let list = api.json();
    let phases: Vec<(&str, &str)> = list
        .as_array()
        .unwrap()
        .iter()
        .map(|l| {
            (
                l["process_slug"].as_str().unwrap(),
                l["lifecycle_status"].as_str().unwrap(),
            )
        })
        .collect();
    assert_eq!(phases, vec![("radwege", "planned"), (slug, "pilot")]);
    assert!(list[0]["linked_at"].as_str().unwrap().starts_with("2026-"));

    // Linking: a missing choice re-renders the form; a repeat is a 409.
    let r = link_form(&app, &mut staff, &entry_path, "processes", "").await;
    assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(r.body.contains("error-summary") && r.body.contains("Beteiligung"));
    assert!(r.body.contains(r#"aria-invalid="true""#));
    let r = link_form(&app, &mut staff, &entry_path, "processes", "radwege").await;
    assert_eq!(r.status, StatusCode::CONFLICT);
    assert!(r.body.contains("schon verknüpft"));
    // Another department may not link or unlink.
    let mut other = app.login("other_staff").await;
    let r = link_form(&app, &mut other, &entry_path, "processes/remove", "radwege").await;
    assert_eq!(r.status, StatusCode::FORBIDDEN);
    // Removing is audited.
    let r = link_form(&app, &mut staff, &entry_path, "processes/remove", "radwege").await;
    assert_eq!(r.status, StatusCode::SEE_OTHER);
    let page = app.get(&mut visitor, &entry_path).await;
    assert!(!page.body.contains(r#"href="/processes/radwege""#));
    assert_eq!(
        app.count("SELECT COUNT(*) AS n FROM audit_log WHERE action = 'register.process_unlinked'")
            .await,
        1
    );
    let r = link_form(&app, &mut staff, &entry_path, "processes", "radwege").await;
    assert_eq!(r.status, StatusCode::SEE_OTHER);
}

#[tokio::test]
async fn evaluations_are_published_for_closed_processes_and_exported() {
    let app = TestApp::new().await;
    let fx = setup(&app).await;
    let mut staff = app.login("staff").await;
    let mut visitor = Session::default();

    // An open process cannot be evaluated: a clear message.
    let r = app
        .get(&mut staff, "/processes/radwege/evaluation/edit")
        .await;
    assert_eq!(r.status, StatusCode::CONFLICT);
    assert!(r
        .body
        .contains("erst möglich, wenn die Beteiligung abgeschlossen ist"));
    let r = app
        .post(
            &mut staff,
            "/processes/radwege/evaluation",
            &[("lessons", LESSONS)],
        )
        .await;
    assert_eq!(r.status, StatusCode::CONFLICT);
    // Nothing published there yet: not found for everyone.
    let r = app.get(&mut visitor, "/processes/radwege/evaluation").await;
    assert_eq!(r.status, StatusCode::NOT_FOUND);
    let r = app
        .api("GET", "/api/processes/radwege/evaluation", None, None)
        .await;
    assert_eq!(r.status, StatusCode::NOT_FOUND);

    // The published evaluation of the closed process.
    let path = format!("/processes/{}/evaluation", fx.closed);
    let page = app.get(&mut visitor, &path).await;
    assert_eq!(page.status, StatusCode::OK, "{}", page.body);
    assert!(page.body.contains("Auswertung: Abgeschlossene Beteiligung"));
    assert!(page.body.contains(LESSONS));
    assert!(page.body.contains("Wer hat mitgemacht?"));
    assert!(page.body.contains("Teilnehmende insgesamt</th><td>2</td>"));
    assert!(page
        .body
        .contains("Vorschläge mit schriftlicher Antwort</th><td>1</td>"));
    // Median 3 days, German number format.
    assert!(page.body.contains("3 Tage"), "{}", page.body);
    assert!(page
        .body
        .contains("angenommen (auch in Umsetzung oder umgesetzt)</th><td>1</td>"));
    assert!(page.body.contains(&format!(r#"href="{path}.csv""#)));
    let process_page = app
        .get(&mut visitor, &format!("/processes/{}", fx.closed))
        .await;
    assert!(process_page.body.contains(&format!(r#"href="{path}""#)));
    // Linked to a register entry, the entry page links to the evaluation.
    let admin = app.actor("admin").await;
    app.store
        .evaluations()
        .link_process(&app.tenant, &admin, &fx.entry, &fx.closed)
        .await
        .unwrap();
    let entry_page = app
        .get(&mut visitor, &format!("/data-register/{}", fx.entry))
        .await;
    assert!(entry_page.body.contains(&format!(r#"href="{path}""#)));

    // CSV: one figure per line, the channel table per channel.
    let csv = app.get(&mut visitor, &format!("{path}.csv")).await;
    assert_eq!(csv.status, StatusCode::OK);
    assert!(csv.headers["content-type"]
        .to_str()
        .unwrap()
        .starts_with("text/csv"));
    let mut reader = csv::ReaderBuilder::new().from_reader(csv.body.as_bytes());
    assert_eq!(
        reader.headers().unwrap().iter().collect::<Vec<_>>(),
        vec!["figure", "label", "channel", "value"]
    );
    let rows: Vec<Vec<String>> = reader
        .records()
        .map(|r| r.unwrap().iter().map(String::from).collect())
        .collect();
    let value = |figure: &str, channel: &str| {
        rows.iter()
            .find(|r| r[0] == figure && r[2] == channel)
            .map(|r| r[3].clone())
            .unwrap_or_else(|| panic!("no row {figure}/{channel}"))
    };
    assert_eq!(value("participants", ""), "2");
    assert_eq!(value("proposals", ""), "2");
    assert_eq!(value("proposals", "paper"), "1");
    assert_eq!(value("verified_share", ""), "1.0000");
    assert_eq!(value("median_answer_days", ""), "3.0");
    assert_eq!(value("revision", ""), "1");

    // JSON (download and API) with the same figures.
    let json = app.get(&mut visitor, &format!("{path}.json")).await;
    assert_eq!(json.status, StatusCode::OK);
    let doc: serde_json::Value = serde_json::from_str(&json.body).unwrap();
    assert_eq!(doc["figures"]["participants"], 2);
    assert_eq!(doc["figures"]["by_form"]["proposals"], 2);
    assert_eq!(doc["lessons"], LESSONS);
    let api = app
        .api(
            "GET",
            &format!("/api/processes/{}/evaluation", fx.closed),
            None,
            None,
        )
        .await;
    assert_eq!(api.status, StatusCode::OK);
    let a = api.json();
    assert_eq!(a["figures"], doc["figures"]);
    assert_eq!(a["revision"], 1);
    assert!(a["published_at"].as_str().unwrap().starts_with("2026-"));

    let r = app
        .api(
            "GET",
            &format!("/api/processes/{}/evaluation?revision=0", fx.closed),
            None,
            None,
        )
        .await;
    assert_eq!(r.status, StatusCode::BAD_REQUEST);
    assert_eq!(r.headers["content-type"], "application/problem+json");
    // In English, with English number formats.
    let mut english = Session::default();
    app.get(&mut english, "/lang/en?back=/").await;
    let page = app.get(&mut english, &path).await;
    assert!(page.body.contains("Evaluation: Abgeschlossene Beteiligung"));
    assert!(page.body.contains("Who took part?"));
    assert!(page.body.contains("3 days"));
    let csv = app.get(&mut english, &format!("{path}.csv")).await;
    assert!(csv.body.contains("participants,Participants in total,,2"));

    // The staff page: preview and form; bad input re-renders with errors.
    let edit = app.get(&mut staff, &format!("{path}/edit")).await;
    assert_eq!(edit.status, StatusCode::OK);
    assert!(edit.body.contains("Vorschau der Zahlen"));
    assert!(edit.body.contains("Was wurde korrigiert?"));
    let r = app
        .post(
            &mut staff,
            &path,
            &[("lessons", ""), ("correction_note", "")],
        )
        .await;
    assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(r.body.contains("error-summary"));
    assert!(r.body.contains(r##"href="#lessons""##));
    assert!(r.body.contains(r##"href="#correction_note""##));
    assert!(r.body.contains(r#"id="lessons-error""#));
    // A correction: revision 2; revision 1 stays readable.
    let r = app
        .post(
            &mut staff,
            &path,
            &[
                (
                    "lessons",
                    "Papierformulare haben sich bewährt; wir bieten sie wieder an.",
                ),
                ("correction_note", "Lehren ergänzt."),
            ],
        )
        .await;
    assert_eq!(r.status, StatusCode::SEE_OTHER, "{}", r.body);
    let page = app.get(&mut visitor, &path).await;
    assert!(page.body.contains("Korrektur: Lehren ergänzt."));
    assert!(page.body.contains("Papierformulare haben sich bewährt"));
    let old = app.get(&mut visitor, &format!("{path}?revision=1")).await;
    assert!(old.body.contains(LESSONS));
    assert!(old.body.contains("Sie sehen Fassung 1"));
    let r = app.get(&mut visitor, &format!("{path}?revision=abc")).await;
    assert_eq!(r.status, StatusCode::BAD_REQUEST);
    let r = app.get(&mut visitor, &format!("{path}?revision=9")).await;
    assert_eq!(r.status, StatusCode::NOT_FOUND);
    assert_eq!(
        app.count(
            "SELECT COUNT(*) AS n FROM audit_log WHERE action = 'process.evaluation_published'"
        )
        .await,
        2
    );
    // Another department may not publish.
    let mut other = app.login("other_staff").await;
    let r = app
        .post(
            &mut other,
            &path,
            &[("lessons", LESSONS), ("correction_note", "x")],
        )
        .await;
    assert_eq!(r.status, StatusCode::FORBIDDEN);
}
