//! Questions and objections on register entries through the web: the
//! form with per-field errors, the public list with answers and
//! corrections, overdue objections on the entry page and first in the
//! staff inbox, hiding, following, the deadline setting and the API.

use crate::common::{Resp, Session, TestApp};
use axum::http::StatusCode;
use serde_json::json;

/// The first sample entry, kept by the test department.
async fn entry(app: &TestApp) -> String {
    let first = teilhabe_register::sample::sample_entries().remove(0);
    app.create_entry(Some(app.dept), first).await.slug
}

async fn ask(app: &TestApp, who: &str, slug: &str, kind: &str, aspect: &str, text: &str) -> i64 {
    let a = app.actor(who).await;
    app.store
        .questions()
        .ask(&app.tenant, &a, slug, kind, aspect, text)
        .await
        .unwrap()
        .id
}

/// The entry's public page.
async fn entry_page(app: &TestApp, s: &mut Session, slug: &str) -> Resp {
    app.get(s, &format!("/data-register/{slug}")).await
}

/// Posts an answer (or its correction) to a question on the entry.
async fn answer(app: &TestApp, s: &mut Session, slug: &str, id: i64, text: &str) -> Resp {
    let path = format!("/data-register/{slug}/questions/{id}/answer");
    app.post(s, &path, &[("answer", text)]).await
}

#[tokio::test]
async fn the_form_names_every_bad_field_and_writes_nothing() {
    let app = TestApp::new().await;
    let slug = entry(&app).await;
    let mut citizen = app.login("citizen").await;
    let page = entry_page(&app, &mut citizen, &slug).await;
    assert_eq!(page.status, StatusCode::OK);
    assert!(page.body.contains("Fragen und Einwände"));
    assert!(page.body.contains(r#"name="question_text""#));
    let r = app
        .post(
            &mut citizen,
            &format!("/data-register/{slug}/questions"),
            &[
                ("question_kind", "objection"),
                ("question_aspect", ""),
                ("question_text", "kurz"),
            ],
        )
        .await;
    assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(r.body.contains("error-summary"), "{}", r.body);
    assert!(r.body.contains(r##"href="#question_aspect""##));
    assert!(r.body.contains(r##"href="#question_text""##));
    assert!(r.body.contains(r#"id="question_text-error""#));
    // What was typed stays, the objection stays chosen.
    assert!(r.body.contains(">kurz</textarea>"));
    assert!(r.body.contains(r#"value="objection" checked"#));
    let r = app
        .post(
            &mut citizen,
            &format!("/data-register/{slug}/questions"),
            &[
                ("question_kind", "objection"),
                ("question_aspect", "farbe"),
                ("question_text", "Die Begründung ist lang genug."),
            ],
        )
        .await;
    assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(r.body.contains(r#"id="question_aspect-error""#));
    assert_eq!(
        app.count("SELECT COUNT(*) AS n FROM register_questions")
            .await,
        0
    );

    // Visitors are sent to the login page.
    let mut visitor = Session::default();
    let r = app
        .get(
            &mut visitor,
            &format!("/data-register/{slug}/questions/new"),
        )
        .await;
    assert_eq!(r.status, StatusCode::SEE_OTHER);
    assert!(r.location().starts_with("/login"));
}

#[tokio::test]
async fn asked_answered_and_corrected_in_public() {
    let app = TestApp::new().await;
    let slug = entry(&app).await;
    let mut citizen = app.login("citizen").await;
    let r = app
        .post(
            &mut citizen,
            &format!("/data-register/{slug}/questions"),
            &[
                ("question_kind", "objection"),
                ("question_aspect", "data"),
                (
                    "question_text",
                    "Warum werden die Daten zwei Jahre lang gespeichert?",
                ),
            ],
        )
        .await;
    assert_eq!(r.status, StatusCode::SEE_OTHER, "{}", r.body);
    assert!(r
        .location()
        .contains("notice=notice-register-objection-filed"));
    let id = app
        .count("SELECT MAX(id) AS n FROM register_questions")
        .await;
    assert!(r.location().ends_with(&format!("#question-{id}")));
    let page = entry_page(&app, &mut citizen, &slug).await;
    assert!(page
        .body
        .contains("Warum werden die Daten zwei Jahre lang gespeichert?"));
    assert!(page.body.contains("Einwand: Welche Daten"), "aspect label");
    assert!(page.body.contains("Antwort fällig bis"));
    assert!(page.body.contains("Noch keine Antwort."));
    // No answer form for citizens.
    assert!(!page.body.contains(&format!("/questions/{id}/answer")));

    // Another department may not answer.
    let mut other = app.login("other_staff").await;
    let r = answer(
        &app,
        &mut other,
        &slug,
        id,
        "Eine Antwort vom falschen Amt.",
    )
    .await;
    assert_eq!(r.status, StatusCode::FORBIDDEN);

    let mut staff = app.login("staff").await;
    let page = entry_page(&app, &mut staff, &slug).await;
    assert!(page.body.contains(&format!("/questions/{id}/answer")));
    let r = answer(&app, &mut staff, &slug, id, "zu kurz").await;
    assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(r.body.contains(r#"id="answer-error""#));
    assert!(
        r.body.contains("Warum werden die Daten"),
        "the question is shown"
    );
    let r = answer(
        &app,
        &mut staff,
        &slug,
        id,
        "Die Daten werden nach 90 Tagen gelöscht.",
    )
    .await;
    assert_eq!(r.status, StatusCode::SEE_OTHER);
    let page = entry_page(&app, &mut citizen, &slug).await;
    assert!(page
        .body
        .contains("Die Daten werden nach 90 Tagen gelöscht."));
    assert!(page.body.contains("beantwortet am"));
    assert!(!page.body.contains("korrigiert am"));
    // The asker was notified.
    let n = app
        .count(&format!(
            "SELECT COUNT(*) AS n FROM notifications WHERE user_id = {} AND kind = 'register_answer_own'",
            app.users["citizen"]
        ))
        .await;
    assert_eq!(n, 1);

    // The answer form of a correction starts with the published text.
    let form = app
        .get(
            &mut staff,
            &format!("/data-register/{slug}/questions/{id}/answer"),
        )
        .await;
    assert!(form
        .body
        .contains(">Die Daten werden nach 90 Tagen gelöscht.</textarea>"));
    let r = answer(
        &app,
        &mut staff,
        &slug,
        id,
        "Die Daten werden nach 30 Tagen gelöscht.",
    )
    .await;
    assert_eq!(r.status, StatusCode::SEE_OTHER);
    let page = entry_page(&app, &mut citizen, &slug).await;
    assert!(page
        .body
        .contains("Die Daten werden nach 30 Tagen gelöscht."));
    assert!(page.body.contains("korrigiert am"));
}

#[tokio::test]
async fn overdue_objections_show_on_the_entry_and_first_in_the_inbox() {
    let app = TestApp::new().await;
    let slug = entry(&app).await;
    let question = ask(
        &app,
        "citizen",
        &slug,
        "question",
        "",
        "Wer wertet die Daten aus?",
    )
    .await;
    let objection = ask(
        &app,
        "citizen2",
        &slug,
        "objection",
        "who_decides",
        "Über meine Daten entscheidet niemand mit Namen.",
    )
    .await;
    app.store.clock.advance_days(31);
    let mut staff = app.login("staff").await;
    let page = entry_page(&app, &mut staff, &slug).await;
    assert!(page.body.contains("überfällig seit"), "{}", page.body);
    assert!(page.body.contains("1 Antwort überfällig"));

    let inbox = app.get(&mut staff, "/inbox").await;
    assert_eq!(inbox.status, StatusCode::OK);
    assert!(inbox.body.contains("Fragen und Einwände im Datenregister"));
    let o = inbox
        .body
        .find(&format!("/questions/{objection}/answer"))
        .expect("objection in inbox");
    let q = inbox
        .body
        .find(&format!("/questions/{question}/answer"))
        .expect("question in inbox");
    assert!(o < q, "the overdue objection comes first");
    assert!(inbox.body.contains("überfällig seit"));
    assert!(inbox.body.contains("keine Frist"));

    // Staff of another department do not see them.
    let mut other = app.login("other_staff").await;
    let inbox = app.get(&mut other, "/inbox").await;
    assert!(!inbox
        .body
        .contains(&format!("/questions/{objection}/answer")));
    assert!(inbox.body.contains("Keine offenen Fragen oder Einwände."));
}

#[tokio::test]
async fn moderators_hide_and_a_placeholder_with_the_reason_stays() {
    let app = TestApp::new().await;
    let slug = entry(&app).await;
    let id = ask(
        &app,
        "citizen",
        &slug,
        "question",
        "",
        "Ein beleidigender Satz über das Amt.",
    )
    .await;
    // A citizen reports it; the moderators' queue shows it with a hide form.
    let mut reporter = app.login("citizen2").await;
    let page = entry_page(&app, &mut reporter, &slug).await;
    assert!(page.body.contains(&format!("/questions/{id}/report")));
    let r = app
        .post(
            &mut reporter,
            &format!("/data-register/{slug}/questions/{id}/report"),
            &[("reason", "")],
        )
        .await;
    assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(r.body.contains(r#"id="reason-error""#));
    let r = app
        .post(
            &mut reporter,
            &format!("/data-register/{slug}/questions/{id}/report"),
            &[("reason", "Beleidigend")],
        )
        .await;
    assert_eq!(r.status, StatusCode::SEE_OTHER);
    let mut moderator = app.login("moderator").await;
    let queue = app.get(&mut moderator, "/moderation").await;
    assert_eq!(queue.status, StatusCode::OK);
    assert!(queue.body.contains("Ein beleidigender Satz über das Amt."));
    assert!(queue
        .body
        .contains(&format!("/data-register/{slug}/questions/{id}/hide")));
    let r = app
        .post(
            &mut moderator,
            &format!("/data-register/{slug}/questions/{id}/hide"),
            &[("reason", "x")],
        )
        .await;
    assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(r.body.contains(r#"id="reason-error""#));
    let r = app
        .post(
            &mut moderator,
            &format!("/data-register/{slug}/questions/{id}/hide"),
            &[("reason", "Beleidigung")],
        )
        .await;
    assert_eq!(r.status, StatusCode::SEE_OTHER);
    let queue = app.get(&mut moderator, "/moderation").await;
    assert!(queue
        .body
        .contains("Keine offenen Meldungen zu Fragen und Einwänden."));
    let mut visitor = Session::default();
    let page = entry_page(&app, &mut visitor, &slug).await;
    assert!(!page.body.contains("Ein beleidigender Satz"));
    assert!(page.body.contains("Begründung: Beleidigung"));
    // The login link instead of the form.
    assert!(page.body.contains("/login?next=/data-register/"));
    assert!(!page.body.contains(r#"name="question_text""#));
}

#[tokio::test]
async fn following_toggles_and_is_shown() {
    let app = TestApp::new().await;
    let slug = entry(&app).await;
    let mut citizen = app.login("citizen").await;
    let page = entry_page(&app, &mut citizen, &slug).await;
    assert!(page.body.contains(r#"name="follow" value="1""#));
    for _ in 0..2 {
        let r = app
            .post(
                &mut citizen,
                &format!("/data-register/{slug}/follow"),
                &[("follow", "1")],
            )
            .await;
        assert_eq!(r.status, StatusCode::SEE_OTHER);
    }
    let page = entry_page(&app, &mut citizen, &slug).await;
    assert!(page.body.contains(r#"name="follow" value="0""#));
    assert!(page.body.contains("Nicht mehr folgen"));
    assert_eq!(
        app.count("SELECT COUNT(*) AS n FROM follows WHERE target_kind = 'register_entry'")
            .await,
        1
    );
    let r = app
        .post(
            &mut citizen,
            &format!("/data-register/{slug}/follow"),
            &[("follow", "ja")],
        )
        .await;
    assert_eq!(r.status, StatusCode::BAD_REQUEST);
    let r = app
        .post(
            &mut citizen,
            &format!("/data-register/{slug}/follow"),
            &[("follow", "0")],
        )
        .await;
    assert_eq!(r.status, StatusCode::SEE_OTHER);
    assert_eq!(
        app.count("SELECT COUNT(*) AS n FROM follows WHERE target_kind = 'register_entry'")
            .await,
        0
    );
}

#[tokio::test]
async fn the_admin_sets_the_objection_deadline() {
    let app = TestApp::new().await;
    let slug = entry(&app).await;
    let mut admin = app.login("admin").await;
    let settings = app.get(&mut admin, "/admin/settings").await;
    assert!(settings.body.contains("/admin/objection-deadline"));
    let form = app.get(&mut admin, "/admin/objection-deadline").await;
    assert!(form.body.contains(r#"value="30""#));
    for bad in ["0", "400", "dreißig"] {
        let r = app
            .post(
                &mut admin,
                "/admin/objection-deadline",
                &[("objection_deadline_days", bad)],
            )
            .await;
        assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY, "{bad}");
        assert!(r.body.contains(r#"id="objection_deadline_days-error""#));
    }
    let r = app
        .post(
            &mut admin,
            "/admin/objection-deadline",
            &[("objection_deadline_days", "14")],
        )
        .await;
    assert_eq!(r.status, StatusCode::SEE_OTHER);
    let mut citizen = app.login("citizen").await;
    let page = entry_page(&app, &mut citizen, &slug).await;
    assert!(page.body.contains("innerhalb von 14 Tagen"));
}

#[tokio::test]
async fn the_api_lists_asks_and_answers() {
    let app = TestApp::new().await;
    let slug = entry(&app).await;
    let citizen = app.token("citizen").await;
    let r = app
        .api(
            "POST",
            &format!("/api/register/{slug}/questions"),
            Some(&citizen),
            Some(json!({"kind": "objection", "aspect": "", "text": "kurz"})),
        )
        .await;
    assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY);
    let problem = r.json().to_string();
    assert!(
        problem.contains("\"aspect\"") && problem.contains("\"text\""),
        "{problem}"
    );
    let r = app
        .api(
            "POST",
            &format!("/api/register/{slug}/questions"),
            Some(&citizen),
            Some(json!({"kind": "objection", "aspect": "risks", "text": "Das Risiko der Diskriminierung ist nicht bewertet."})),
        )
        .await;
    assert_eq!(r.status, StatusCode::CREATED, "{}", r.body);
    let created = r.json();
    let id = created["id"].as_i64().unwrap();
    assert_eq!(created["kind"], "objection");
    assert!(created["deadline"].as_str().unwrap().starts_with('2'));
    assert_eq!(created["overdue"], false);
    let staff = app.token("staff").await;
    let r = app
        .api(
            "POST",
            &format!("/api/register/{slug}/questions/{id}/answer"),
            Some(&citizen),
            Some(json!({"answer": "Eine Antwort ohne Berechtigung."})),
        )
        .await;
    assert_eq!(r.status, StatusCode::FORBIDDEN);
    let r = app
        .api(
            "POST",
            &format!("/api/register/{slug}/questions/{id}/answer"),
            Some(&staff),
            Some(json!({"answer": "Das Risiko wird im nächsten Bericht bewertet."})),
        )
        .await;
    assert_eq!(r.status, StatusCode::OK, "{}", r.body);
    let list = app
        .api(
            "GET",
            &format!("/api/register/{slug}/questions"),
            None,
            None,
        )
        .await
        .json();
    assert_eq!(list.as_array().unwrap().len(), 1);
    assert_eq!(
        list[0]["answer"],
        "Das Risiko wird im nächsten Bericht bewertet."
    );
    assert_eq!(
        list[0]["url"],
        format!("/data-register/{slug}#question-{id}")
    );
    let doc = app.api("GET", "/api/openapi.json", None, None).await.json();
    assert!(doc["paths"]["/api/register/{slug}/questions"]["post"].is_object());
    assert!(doc["paths"]["/api/register/{slug}/questions/{id}/answer"]["post"].is_object());
}

#[tokio::test]
async fn staff_record_a_letter_and_it_shows_its_channel() {
    let app = TestApp::new().await;
    let slug = entry(&app).await;
    let mut staff = app.login("staff").await;
    let page = entry_page(&app, &mut staff, &slug).await;
    assert!(page
        .body
        .contains(&format!("/data-register/{slug}/questions/record")));
    let form = app
        .get(
            &mut staff,
            &format!("/data-register/{slug}/questions/record"),
        )
        .await;
    assert_eq!(form.status, StatusCode::OK);
    assert!(form.body.contains(r#"name="channel""#));
    let r = app
        .post(
            &mut staff,
            &format!("/data-register/{slug}/questions/record"),
            &[
                ("channel", "brieftaube"),
                ("question_kind", "objection"),
                ("question_aspect", ""),
                ("question_text", "Ein Einwand, der per Brief kam."),
            ],
        )
        .await;
    assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(r.body.contains(r#"id="channel-error""#));
    assert!(r.body.contains(r#"id="question_aspect-error""#));
    let r = app
        .post(
            &mut staff,
            &format!("/data-register/{slug}/questions/record"),
            &[
                ("channel", "paper"),
                ("offline_name", "Herr K."),
                ("question_kind", "objection"),
                ("question_aspect", "why"),
                ("question_text", "Ein Einwand, der per Brief kam."),
            ],
        )
        .await;
    assert_eq!(r.status, StatusCode::SEE_OTHER, "{}", r.body);
    let mut visitor = Session::default();
    let page = entry_page(&app, &mut visitor, &slug).await;
    assert!(page.body.contains("Ein Einwand, der per Brief kam."));
    assert!(page.body.contains("Papier"));
    assert!(page.body.contains("Herr K."));
    // Citizens see no recording link.
    let mut citizen = app.login("citizen").await;
    let page = entry_page(&app, &mut citizen, &slug).await;
    assert!(!page.body.contains("/questions/record"));
}

/// The profile lists the person's own questions and objections with the
/// state of the answer, and only theirs; without any the section is left
/// out.
#[tokio::test]
async fn the_profile_lists_ones_own_questions_and_their_answers() {
    let app = TestApp::new().await;
    let slug = entry(&app).await;
    let mut citizen = app.login("citizen").await;
    let profile = app.get(&mut citizen, "/profile").await;
    assert_eq!(profile.status, StatusCode::OK);
    assert!(!profile.body.contains("Ihre Fragen und Einwände"));

    let asked = ask(
        &app,
        "citizen",
        &slug,
        "question",
        "",
        "Wer sieht die Daten dieses Einsatzes?",
    )
    .await;
    ask(
        &app,
        "citizen",
        &slug,
        "objection",
        "data",
        "Die Speicherdauer ist mir zu lang.",
    )
    .await;
    ask(
        &app,
        "other_staff",
        &slug,
        "question",
        "",
        "Eine Frage von jemand anderem.",
    )
    .await;
    let mut staff = app.login("staff").await;
    let r = answer(&app, &mut staff, &slug, asked, "Nur die zuständige Stelle.").await;
    assert_eq!(r.status, StatusCode::SEE_OTHER, "{}", r.body);

    let profile = app.get(&mut citizen, "/profile").await;
    let body = &profile.body;
    assert!(
        body.contains("Ihre Fragen und Einwände im Datenregister"),
        "{body}"
    );
    assert!(body.contains(&format!("/data-register/{slug}#question-{asked}")));
    assert!(body.contains("beantwortet am"), "the answered question");
    assert!(
        body.contains("Einwand: Welche Daten"),
        "the objection with its aspect"
    );
    assert!(
        body.contains("Antwort fällig bis"),
        "the open objection's deadline"
    );
    // Newest first: the objection before the answered question.
    let objection_at = body.find("Einwand: Welche Daten").unwrap();
    let answered_at = body.find("beantwortet am").unwrap();
    assert!(objection_at < answered_at);
    let other_id = app
        .count("SELECT MAX(id) AS n FROM register_questions")
        .await;
    assert!(
        !body.contains(&format!("#question-{other_id}")),
        "not someone else's"
    );
}
