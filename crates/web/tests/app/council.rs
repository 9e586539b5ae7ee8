//! The data council on the web: the inbox and review pages for members and
//! staff (not for citizens, also not in the API), discussion, votes,
//! closing and the administration's answer through the forms, the public
//! section on the entry page, the operational block on the edit form with
//! the admin's override, the settings page, and clear errors on bad input.

use crate::common::{sample, Row, Session, TestApp, ALL};
use axum::http::StatusCode;
use teilhabe_domain::register::{RegisterEntry, FIELDS};

/// A limited-risk pilot of department 1: the council reviews it from its
/// creation. Returns (slug, review id).
pub async fn entry_with_review(app: &TestApp, name: &str) -> (String, i64) {
    let e = app
        .create_entry(Some(app.dept), sample(name).with("status", "pilot"))
        .await;
    let id = app
        .store
        .council()
        .entry_reviews(&app.tenant, e.id)
        .await
        .unwrap()[0]
        .id;
    (e.slug, id)
}

/// The fixture has one council member; three more make a quorum of 3.
async fn more_members(app: &TestApp) -> Vec<teilhabe_domain::Actor> {
    let hash = teilhabe_store::accounts::hash_password("passwort-passwort").unwrap();
    let mut out = Vec::new();
    for i in 2..=3 {
        let u = app
            .store
            .create_user_with_hash(
                &app.tenant,
                &format!("beirat{i}@musterstadt.example"),
                &format!("Beiratsmitglied {i}"),
                &hash,
                "de",
                &[(teilhabe_domain::Role::Council, None)],
            )
            .await
            .unwrap();
        out.push(app.store.actor_of(&u).await.unwrap());
    }
    out
}

fn form_pairs(entry: &RegisterEntry) -> Vec<(&'static str, String)> {
    FIELDS
        .iter()
        .filter(|f| !f.managed)
        .map(|f| (f.name, entry.get(f.name).to_string()))
        .collect()
}

#[tokio::test]
async fn members_discuss_vote_and_publish_and_the_department_answers() {
    let app = TestApp::new().await;
    let (slug, id) = entry_with_review(&app, "Hitzewarnung").await;
    let review = format!("/council/reviews/{id}");
    let mut council = app.login("council").await;
    // The navigation leads council members to their inbox.
    let home = app.get(&mut council, "/").await;
    assert!(home.body.contains("href=\"/council\""));
    let inbox = app.get(&mut council, "/council").await;
    assert_eq!(inbox.status, StatusCode::OK);
    assert!(inbox.body.contains("Hitzewarnung"));
    assert!(
        inbox
            .body
            .contains("Neuer Eintrag mit Risikostufe: Begrenztes Risiko")
            || inbox.body.contains("Neuer Eintrag mit Risikostufe")
    );
    assert!(inbox.body.contains(&review));
    // Discussion: an empty contribution is refused with the field named.
    let r = app
        .post(
            &mut council,
            &format!("{review}/comments"),
            &[("body", " ")],
        )
        .await;
    assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(r.body.contains("error-summary"));
    assert!(r.body.contains("href=\"#body\""), "{}", r.body);
    let r = app
        .post(
            &mut council,
            &format!("{review}/comments"),
            &[("body", "Welche Wetterdaten werden genutzt?")],
        )
        .await;
    assert_eq!(r.status, StatusCode::SEE_OTHER);
    let mut staff = app.login("staff").await;
    let r = app
        .post(
            &mut staff,
            &format!("{review}/comments"),
            &[("body", "Nur die Vorhersage des Wetterdienstes.")],
        )
        .await;
    assert_eq!(r.status, StatusCode::SEE_OTHER);
    // Votes: conditions are required for a conditional vote.
    let r = app
        .post(
            &mut council,
            &format!("{review}/vote"),
            &[("vote", "approve_with_conditions"), ("conditions", "")],
        )
        .await;
    assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(
        r.body.contains("href=\"#conditions\">Bedingungen: Bitte"),
        "{}",
        r.body
    );
    let r = app
        .post(
            &mut council,
            &format!("{review}/vote"),
            &[
                ("vote", "approve_with_conditions"),
                ("conditions", "Bedingung: Löschung nach einem Sommer."),
            ],
        )
        .await;
    assert_eq!(r.status, StatusCode::SEE_OTHER);
    for m in more_members(&app).await {
        app.store
            .council()
            .cast_vote(&app.tenant, &m, id, "approve", "")
            .await
            .unwrap();
    }
    let page = app.get(&mut council, &review).await;
    assert!(page.body.contains("Welche Wetterdaten werden genutzt?"));
    assert!(page.body.contains("Bedingung: Löschung nach einem Sommer."));
    assert!(
        page.body.contains("Stand jetzt: Zustimmung"),
        "{}",
        page.body
    );
    // Internal while open: the public entry page says a review runs, no more.
    let mut visitor = Session::default();
    let public = app
        .get(&mut visitor, &format!("/data-register/{slug}"))
        .await;
    assert!(public
        .body
        .contains("Der Datenbeirat prüft diesen Eintrag seit"));
    assert!(!public.body.contains("Welche Wetterdaten"));
    assert!(!public.body.contains("Löschung nach einem Sommer"));
    // Closing needs the recommendation; then it is public.
    let r = app
        .post(
            &mut council,
            &format!("{review}/close"),
            &[("recommendation", "")],
        )
        .await;
    assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(r.body.contains("href=\"#recommendation\""));
    let r = app
        .post(
            &mut council,
            &format!("{review}/close"),
            &[(
                "recommendation",
                "Der Beirat stimmt zu, wenn die Daten nach 30 Tagen gelöscht werden.",
            )],
        )
        .await;
    assert_eq!(r.status, StatusCode::SEE_OTHER);
    let public = app
        .get(&mut visitor, &format!("/data-register/{slug}"))
        .await;
    assert!(public.body.contains("Empfehlung des Beirats"));
    assert!(public.body.contains("nach 30 Tagen gelöscht"));
    assert!(public.body.contains("Zustimmung"));
    assert!(public
        .body
        .contains("Die Antwort der Verwaltung auf diese Empfehlung steht noch aus."));
    assert!(
        !public.body.contains("Welche Wetterdaten"),
        "the discussion stays internal"
    );
    // Voting after closing is refused with a clear conflict.
    let r = app
        .post(
            &mut council,
            &format!("{review}/vote"),
            &[("vote", "reject")],
        )
        .await;
    assert_eq!(r.status, StatusCode::CONFLICT);
    assert!(r.body.contains("bereits abgeschlossen"));
    // The department answers with reasons (both fields required).
    let r = app
        .post(
            &mut staff,
            &format!("{review}/answer"),
            &[("response", ""), ("response_text", "")],
        )
        .await;
    assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(r.body.contains("href=\"#response\"") && r.body.contains("href=\"#response_text\""));
    let r = app
        .post(
            &mut staff,
            &format!("{review}/answer"),
            &[
                ("response", "followed"),
                ("response_text", "Die Daten werden nach 30 Tagen gelöscht."),
            ],
        )
        .await;
    assert_eq!(r.status, StatusCode::SEE_OTHER);
    let public = app
        .get(&mut visitor, &format!("/data-register/{slug}"))
        .await;
    assert!(public.body.contains("Antwort der Verwaltung"));
    assert!(public.body.contains("Der Empfehlung gefolgt"));
    // The same through the public API.
    let api = app
        .api("GET", &format!("/api/register/{slug}/reviews"), None, None)
        .await;
    assert_eq!(api.status, StatusCode::OK);
    let j = api.json();
    let r0 = &j["reviews"][0];
    assert_eq!(r0["status"], "closed");
    assert_eq!(r0["outcome"], "approve");
    assert_eq!(r0["votes"]["approve"], 2);
    assert_eq!(r0["votes"]["approve_with_conditions"], 1);
    assert_eq!(r0["answer"]["response"], "followed");
    assert!(r0["opened_at"].as_str().unwrap().starts_with("2026-11-27T"));
    assert!(!api.body.contains("Welche Wetterdaten"));
    assert!(
        !api.body.contains("Löschung nach einem Sommer"),
        "individual votes are internal"
    );
}

#[tokio::test]
async fn the_discussion_is_closed_to_citizens_and_visitors() {
    let app = TestApp::new().await;
    let (_, id) = entry_with_review(&app, "Hitzewarnung").await;
    app.store
        .council()
        .add_comment(
            &app.tenant,
            &app.actor("council").await,
            id,
            "Intern: Bedenken zur Datenquelle.",
        )
        .await
        .unwrap();
    let mut citizen = app.login("citizen").await;
    for path in ["/council".to_string(), format!("/council/reviews/{id}")] {
        let r = app.get(&mut citizen, &path).await;
        assert_eq!(r.status, StatusCode::FORBIDDEN, "{path}");
        assert!(!r.body.contains("Bedenken zur Datenquelle"));
        let mut visitor = Session::default();
        let r = app.get(&mut visitor, &path).await;
        assert_eq!(r.status, StatusCode::SEE_OTHER);
        assert!(r.location().starts_with("/login"));
    }
    let token = app.token("citizen").await;
    for path in [
        "/api/council/reviews".to_string(),
        format!("/api/council/reviews/{id}"),
    ] {
        let r = app.api("GET", &path, Some(&token), None).await;
        assert_eq!(r.status, StatusCode::FORBIDDEN, "{path}");
        let r = app.api("GET", &path, None, None).await;
        assert_eq!(r.status, StatusCode::UNAUTHORIZED, "{path}");
        assert!(r.headers["content-type"]
            .to_str()
            .unwrap()
            .contains("problem+json"));
    }
    // Members and staff read it through the API too.
    let token = app.token("council").await;
    let r = app
        .api(
            "GET",
            &format!("/api/council/reviews/{id}"),
            Some(&token),
            None,
        )
        .await;
    assert_eq!(r.status, StatusCode::OK);
    assert_eq!(
        r.json()["comments"][0]["body"],
        "Intern: Bedenken zur Datenquelle."
    );
    assert_eq!(r.json()["result_now"], "no_decision_quorum");
    let r = app
        .api(
            "GET",
            "/api/council/reviews",
            Some(&app.token("other_staff").await),
            None,
        )
        .await;
    assert_eq!(r.status, StatusCode::OK);
    assert_eq!(r.json()[0]["id"], id);
    let r = app
        .api("GET", "/api/council/reviews/abc", Some(&token), None)
        .await;
    assert_eq!(r.status, StatusCode::BAD_REQUEST);
    // The OpenAPI document lists the council's paths.
    let doc = app.api("GET", "/api/openapi.json", None, None).await.json();
    for p in [
        "/api/register/{slug}/reviews",
        "/api/council/reviews",
        "/api/council/reviews/{id}",
    ] {
        assert!(doc["paths"][p].is_object(), "{p} missing");
    }
}

#[tokio::test]
async fn operational_is_blocked_on_the_form_unless_an_admin_justifies_it() {
    let app = TestApp::new().await;
    let (slug, id) = entry_with_review(&app, "Hitzewarnung").await;
    let edit = format!("/data-register/{slug}/edit");
    let operational = sample("Hitzewarnung").with("status", "operational");
    let mut fields = form_pairs(&operational);
    fields.push(("base_version", "1".into()));
    fields.push(("change_note", "Regelbetrieb".into()));
    let refs: Vec<(&str, &str)> = fields.iter().map(|(k, v)| (*k, v.as_str())).collect();
    // Staff: refused on the status field, naming the open review; no
    // override field for them.
    let mut staff = app.login("staff").await;
    let form = app.get(&mut staff, &edit).await;
    assert!(!form.body.contains("override_justification"));
    let r = app.post(&mut staff, &edit, &refs).await;
    assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(
        r.body.contains(&format!(
            "Der Datenbeirat prüft diesen Eintrag noch (Prüfung Nr. {id})"
        )),
        "{}",
        r.body
    );
    assert!(r.body.contains("href=\"#field-status\""));
    // Staff cannot smuggle an override in.
    let mut with = refs.clone();
    with.push(("override_justification", "Eilt."));
    let r = app.post(&mut staff, &edit, &with).await;
    assert_eq!(r.status, StatusCode::FORBIDDEN);
    // The admin sees the field and overrides with a public justification.
    let mut admin = app.login("admin").await;
    let form = app.get(&mut admin, &edit).await;
    assert!(form.body.contains("id=\"field-override_justification\""));
    let r = app.post(&mut admin, &edit, &refs).await;
    assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY);
    let mut with = refs.clone();
    with.push((
        "override_justification",
        "Die Hitzewelle beginnt morgen; der Beirat tagt erst nächste Woche.",
    ));
    let r = app.post(&mut admin, &edit, &with).await;
    assert_eq!(r.status, StatusCode::SEE_OTHER, "{}", r.body);
    let mut visitor = Session::default();
    let public = app
        .get(&mut visitor, &format!("/data-register/{slug}"))
        .await;
    assert!(public.body.contains("Ausnahme ohne Empfehlung des Beirats"));
    assert!(public.body.contains("Die Hitzewelle beginnt morgen"));
    assert_eq!(
        app.count(
            "SELECT COUNT(*) AS n FROM audit_log WHERE action = 'council.operational_override'"
        )
        .await,
        1
    );
}

#[tokio::test]
async fn staff_request_reviews_and_admins_set_the_rules() {
    let app = TestApp::new().await;
    let slug = app
        .create_entry(Some(app.dept), sample("Baumgesundheit"))
        .await
        .slug;
    let mut staff = app.login("staff").await;
    let entry = app.get(&mut staff, &format!("/data-register/{slug}")).await;
    assert!(entry
        .body
        .contains("Der Datenbeirat hat diesen Eintrag bisher nicht geprüft."));
    assert!(entry
        .body
        .contains(&format!("/data-register/{slug}/council-review")));
    let path = format!("/data-register/{slug}/council-review");
    assert_eq!(app.get(&mut staff, &path).await.status, StatusCode::OK);
    let r = app.post(&mut staff, &path, &[("reason", "")]).await;
    assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(r.body.contains("href=\"#reason\""));
    let r = app
        .post(
            &mut staff,
            &path,
            &[("reason", "Wir wollen künftig Satellitenbilder nutzen.")],
        )
        .await;
    assert_eq!(r.status, StatusCode::SEE_OTHER);
    let mut council = app.login("council").await;
    let inbox = app.get(&mut council, "/council").await;
    assert!(inbox.body.contains("Satellitenbilder"));
    assert!(inbox.body.contains("Auf Wunsch der Verwaltung"));
    // Settings: admins only, every field checked.
    let mut admin_s = app.login("admin").await;
    let page = app.get(&mut admin_s, "/admin/council").await;
    assert_eq!(page.status, StatusCode::OK);
    assert!(page
        .body
        .contains("name=\"material_fields\" value=\"source_data\" checked"));
    let r = app
        .post(
            &mut admin_s,
            "/admin/council",
            &[
                ("quorum", "null"),
                ("majority", "alle"),
                ("material_fields", "uuid"),
            ],
        )
        .await;
    assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(r
        .body
        .contains("Bitte eine ganze Zahl von 1 bis 99 eingeben"));
    assert!(r.body.contains("href=\"#majority\""));
    assert!(r.body.contains("„uuid“ ist kein Feld des Registers"));
    let r = app
        .post(
            &mut admin_s,
            "/admin/council",
            &[
                ("quorum", "5"),
                ("majority", "two_thirds"),
                ("material_fields", "goal"),
                ("material_fields", "source_data"),
            ],
        )
        .await;
    assert_eq!(r.status, StatusCode::SEE_OTHER);
    let rules = app.store.council().rules(&app.tenant).await.unwrap();
    assert_eq!(rules.quorum, 5);
    assert_eq!(rules.material(), vec!["goal", "source_data"]);
    let inbox = app.get(&mut council, "/council").await;
    assert!(inbox
        .body
        .contains("mindestens 5 abgegebene Stimmen, Zweidrittelmehrheit"));
    // English works too.
    let en = app.get(&mut council, "/lang/en?back=/council").await;
    assert_eq!(en.status, StatusCode::SEE_OTHER);
    let inbox = app.get(&mut council, "/council").await;
    assert!(inbox.body.contains("Data council: reviews"));
}

/// Rows for the permission matrix (see permissions.rs).
pub async fn permission_rows(app: &TestApp) -> Vec<Row> {
    const INTERNAL: &[&str] = &["staff", "other_staff", "council", "admin"];
    let (slug, open) = entry_with_review(app, "Hitzewarnung").await;
    // A closed review waiting for the answer.
    let (_, closed) = entry_with_review(app, "Übersetzungshilfe").await;
    app.store
        .council()
        .close_review(
            &app.tenant,
            &app.actor("council").await,
            closed,
            "Keine Einwände.",
        )
        .await
        .unwrap();
    let f = |pairs: &[(&'static str, &str)]| {
        pairs
            .iter()
            .map(|(k, v)| (*k, v.to_string()))
            .collect::<Vec<_>>()
    };
    let r = |tail: &str| format!("/council/reviews/{open}{tail}");
    vec![
        ("GET", "/council", "/council".into(), vec![], INTERNAL),
        ("GET", "/council/reviews/{id}", r(""), vec![], INTERNAL),
        (
            "POST",
            "/council/reviews/{id}/comments",
            r("/comments"),
            f(&[("body", "{unique}")]),
            &["staff", "council", "admin"],
        ),
        (
            "POST",
            "/council/reviews/{id}/vote",
            r("/vote"),
            f(&[("vote", "abstain")]),
            &["council"],
        ),
        // An empty recommendation (422) so the review stays open.
        (
            "POST",
            "/council/reviews/{id}/close",
            r("/close"),
            f(&[("recommendation", "")]),
            &["council"],
        ),
        (
            "POST",
            "/council/reviews/{id}/answer",
            format!("/council/reviews/{closed}/answer"),
            f(&[("response", ""), ("response_text", "")]),
            &["staff", "admin"],
        ),
        (
            "GET",
            "/data-register/{slug}/council-review",
            format!("/data-register/{slug}/council-review"),
            vec![],
            &["staff", "admin"],
        ),
        (
            "POST",
            "/data-register/{slug}/council-review",
            format!("/data-register/{slug}/council-review"),
            f(&[("reason", "{unique}")]),
            &["staff", "admin"],
        ),
        (
            "GET",
            "/admin/council",
            "/admin/council".into(),
            vec![],
            &["admin"],
        ),
        (
            "POST",
            "/admin/council",
            "/admin/council".into(),
            f(&[("quorum", "3"), ("majority", "simple")]),
            &["admin"],
        ),
        (
            "GET",
            "/api/register/{slug}/reviews",
            format!("/api/register/{slug}/reviews"),
            vec![],
            ALL,
        ),
        (
            "GET",
            "/api/council/reviews",
            "/api/council/reviews".into(),
            vec![],
            INTERNAL,
        ),
        (
            "GET",
            "/api/council/reviews/{id}",
            format!("/api/council/reviews/{open}"),
            vec![],
            INTERNAL,
        ),
    ]
}
