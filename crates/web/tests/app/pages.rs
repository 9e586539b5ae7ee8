//! Pages: content, language, formats, and the constant number of SQL
//! statements per page whatever the number of items.

use crate::common::{Session, TestApp};
use axum::http::StatusCode;
use teilhabe_domain::Actor;

/// A comment on a proposal through the service.
async fn comment(app: &TestApp, author: &Actor, proposal: i64, parent: Option<i64>, text: &str) {
    app.store
        .proposals()
        .comment(&app.tenant, author, proposal, parent, text, None)
        .await
        .unwrap();
}

#[tokio::test]
async fn main_pages_render_in_german_and_english() {
    let app = TestApp::new().await;
    let id = app
        .proposal("citizen", "Fahrradstraße Schillerstraße")
        .await;
    let mut s = Session::default();
    for path in [
        "/",
        "/processes",
        "/processes/radwege",
        &format!("/proposals/{id}"),
        "/search?q=fahrrad",
        "/audit",
        "/impressum",
        "/datenschutz",
        "/barrierefreiheit",
        "/login",
        "/signup",
    ] {
        let r = app.get(&mut s, path).await;
        assert_eq!(r.status, StatusCode::OK, "{path}");
        assert!(
            r.body.contains("<html lang=\"de\">") && r.body.contains("Zum Inhalt springen"),
            "{path}"
        );
        assert!(
            !r.body.contains("error-") && !r.body.contains("field-"),
            "{path} shows a raw i18n key"
        );
    }
    let r = app.get(&mut s, "/lang/en?back=/processes/radwege").await;
    assert_eq!(r.location(), "/processes/radwege");
    let r = app.get(&mut s, "/processes/radwege").await;
    assert!(r.body.contains("<html lang=\"en\">") && r.body.contains("Skip to content"));
    assert!(r.body.contains("Timeline") && r.body.contains("Please log in to take part."));
    // Accept-Language picks English for a first visit.
    let mut fresh = Session::default();
    let r = app
        .request(
            &mut fresh,
            "GET",
            "/",
            None,
            Vec::new(),
            &[("accept-language", "en-GB,en;q=0.8")],
        )
        .await;
    assert!(r.body.contains("Have your say"));
}

#[tokio::test]
async fn search_finds_proposals_and_comments() {
    let app = TestApp::new().await;
    let id = app
        .proposal("citizen", "Lastenrad Stellplätze am Markt")
        .await;
    let c = app.actor("citizen2").await;
    comment(&app, &c, id, None, "Auch für Kinderanhänger wichtig.").await;
    let mut s = Session::default();
    let r = app.get(&mut s, "/search?q=lastenrad").await;
    assert!(r.body.contains("Lastenrad Stellplätze am Markt"));
    assert!(r.body.contains("<mark>"));
    let r = app.get(&mut s, "/search?q=Kinderanh").await;
    // minijinja escapes "/" in attributes as &#x2f;
    assert!(
        r.body
            .contains(&format!("&#x2f;proposals&#x2f;{id}#comment-")),
        "{}",
        r.body
    );
    let r = app.get(&mut s, "/search?q=radwege").await;
    assert!(
        r.body.contains("&#x2f;processes&#x2f;radwege"),
        "processes are found too"
    );
}

/// The statement counter of the store, around one request.
async fn statements(app: &TestApp, s: &mut Session, path: &str) -> u64 {
    let before = app.store.db.statement_count();
    let r = app.get(s, path).await;
    assert_eq!(r.status, StatusCode::OK, "{path}");
    app.store.db.statement_count() - before
}

#[tokio::test]
async fn pages_run_a_constant_number_of_statements() {
    let app = TestApp::new().await;
    let mut visitor = Session::default();
    let mut citizen = app.login("citizen").await;
    let first = app
        .proposal("citizen2", "Der erste Vorschlag der Liste")
        .await;
    let c2 = app.actor("citizen2").await;
    comment(&app, &c2, first, None, "Ein einziger Kommentar.").await;
    // Warm the municipality cache.
    app.get(&mut visitor, "/").await;
    let list_small = statements(&app, &mut visitor, "/processes/radwege?per_page=50").await;
    let list_small_user = statements(&app, &mut citizen, "/processes/radwege?per_page=50").await;
    let page_small = statements(&app, &mut visitor, &format!("/proposals/{first}")).await;
    let page_small_user = statements(&app, &mut citizen, &format!("/proposals/{first}")).await;
    let verified = app.actor("verified").await;
    for i in 0..49 {
        let id = app
            .proposal("citizen2", &format!("Vorschlag Nummer {i} für die Liste"))
            .await;
        app.store
            .proposals()
            .support(&app.tenant, &verified, id, None)
            .await
            .unwrap();
    }
    for i in 0..19 {
        let parent = if i % 2 == 0 {
            None
        } else {
            Some(app.count("SELECT MAX(id) AS n FROM comments").await)
        };
        comment(&app, &c2, first, parent, &format!("Kommentar Nummer {i}.")).await;
    }
    assert_eq!(
        statements(&app, &mut visitor, "/processes/radwege?per_page=50").await,
        list_small,
        "list page, visitor"
    );
    assert_eq!(
        statements(&app, &mut citizen, "/processes/radwege?per_page=50").await,
        list_small_user,
        "list page, citizen"
    );
    assert_eq!(
        statements(&app, &mut visitor, &format!("/proposals/{first}")).await,
        page_small,
        "proposal page, visitor"
    );
    assert_eq!(
        statements(&app, &mut citizen, &format!("/proposals/{first}")).await,
        page_small_user,
        "proposal page, citizen"
    );
    let r = app
        .get(&mut visitor, "/processes/radwege?per_page=50")
        .await;
    assert_eq!(r.body.matches("class=\"proposal-item\"").count(), 50);
    // The figures quoted in the README (the process page's seventh: the
    // datasets the process produced, catalog links).
    assert_eq!(
        (list_small, page_small),
        (7, 5),
        "statements: list page, proposal page"
    );
}

#[tokio::test]
async fn the_visitor_page_cache_never_shares_personal_pages_and_clears_on_writes() {
    let app = TestApp::with_config(teilhabe_web::Config {
        page_cache_ms: 60_000,
        ..crate::common::config()
    })
    .await;
    let mut visitor = Session::default();
    let first = app.get(&mut visitor, "/processes/radwege").await;
    assert!(first.body.contains("Keine Vorschläge gefunden"));
    // A write behind the web layer's back (another instance, the CLI) is
    // seen after the TTL, not at once: the page really is cached.
    app.proposal("citizen2", "Vorschlag aus einer anderen Instanz")
        .await;
    assert!(!app
        .get(&mut visitor, "/processes/radwege")
        .await
        .body
        .contains("Vorschlag aus einer anderen Instanz"));
    // Logged-in people always get fresh, personal pages.
    let mut citizen = app.login("citizen").await;
    let page = app.get(&mut citizen, "/processes/radwege").await;
    assert!(
        page.body.contains("Vorschlag aus einer anderen Instanz")
            && page.body.contains("Mein Konto (Test citizen)")
    );
    // A write through this instance clears the cache at once.
    let r = app
        .post(
            &mut citizen,
            "/processes/radwege/follow",
            &[("follow", "1")],
        )
        .await;
    assert_eq!(r.status, StatusCode::SEE_OTHER);
    let fresh = app.get(&mut visitor, "/processes/radwege").await;
    assert!(fresh.body.contains("Vorschlag aus einer anderen Instanz"));
    assert!(
        !fresh.body.contains("Mein Konto"),
        "a logged-in page was never stored for visitors"
    );
    // Pages with a form token are never shared between visitors.
    let mut a = Session::default();
    let mut b = Session::default();
    let ta = app.get(&mut a, "/login").await.csrf();
    let tb = app.get(&mut b, "/login").await.csrf();
    assert_ne!(ta, tb);
}

#[tokio::test]
async fn every_module_has_a_name_and_the_templates_of_its_sections() {
    let app = TestApp::new().await;
    let mut names = std::collections::BTreeSet::new();
    for m in teilhabe_web::module::MODULES {
        assert!(names.insert(m.name), "two modules named {}", m.name);
        for s in m.sections {
            assert!(
                app.state.templates.get_template(s.template).is_ok(),
                "{}: no template {}",
                m.name,
                s.template
            );
        }
    }
}
