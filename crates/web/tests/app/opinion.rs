//! The opinion map as people use it: staff set it up, visitors vote one
//! statement at a time (no JavaScript), statements are moderated, the
//! background analysis publishes groups, paper questionnaires count, and
//! bad input gets a clear answer that writes nothing.

use crate::common::{Resp, Session, TestApp};
use axum::http::StatusCode;
use teilhabe_domain::opinion::OpinionVote;
use teilhabe_domain::Actor;
use teilhabe_store::opinion::VoterId;

async fn seed(app: &TestApp, staff: &mut Session, bodies: &[&str]) -> Vec<i64> {
    for b in bodies {
        let r = app
            .post(staff, "/processes/radwege/opinion/seed", &[("body", b)])
            .await;
        assert_eq!(r.status, StatusCode::SEE_OTHER, "{}", r.body);
    }
    let (_, map) = app
        .store
        .opinion()
        .process_map(&app.tenant, &Actor::visitor(), "radwege")
        .await
        .unwrap();
    app.store
        .opinion()
        .statements(&app.tenant, &map, true, None)
        .await
        .unwrap()
        .iter()
        .map(|s| s.id)
        .collect()
}

/// Votes on a statement of "radwege" through the form.
async fn vote(app: &TestApp, s: &mut Session, statement: &str, vote: &str) -> Resp {
    let fields = [("statement_id", statement), ("vote", vote)];
    app.post(s, "/processes/radwege/opinion/vote", &fields)
        .await
}

/// A vote through the service by the anonymous browser "b{person}".
async fn browser_vote(app: &TestApp, person: usize, statement: i64, vote: OpinionVote) {
    let voter = VoterId::Browser(format!("b{person}"));
    app.store
        .opinion()
        .vote(
            &app.tenant,
            &Actor::visitor(),
            "radwege",
            &voter,
            statement,
            vote,
        )
        .await
        .unwrap();
}

#[tokio::test]
async fn visitors_vote_one_statement_at_a_time_and_can_change_votes() {
    let app = TestApp::new().await;
    let mut staff = app.login("staff").await;
    let r = app
        .post(
            &mut staff,
            "/processes/radwege/opinion/settings",
            &[
                ("voters", "anyone"),
                ("participant_statements", "1"),
                ("moderation", "pre"),
            ],
        )
        .await;
    assert_eq!(r.status, StatusCode::SEE_OTHER);
    let ids = seed(
        &app,
        &mut staff,
        &[
            "Radwege sollen baulich getrennt sein.",
            "Tempo 30 in allen Wohnstraßen.",
        ],
    )
    .await;
    assert_eq!(ids.len(), 2);

    let mut visitor = Session::default();
    let page = app.get(&mut visitor, "/processes/radwege/opinion").await;
    assert_eq!(page.status, StatusCode::OK);
    assert!(page.body.contains("Aussage 1 von 2"), "{}", page.body);
    assert!(page.body.contains("Radwege sollen baulich getrennt sein."));
    let token = page.csrf();
    let r = app
        .post_with_token(
            &mut visitor,
            "/processes/radwege/opinion/vote",
            &token,
            &[("statement_id", &ids[0].to_string()), ("vote", "agree")],
        )
        .await;
    assert_eq!(r.status, StatusCode::SEE_OTHER);
    assert!(visitor.cookies.contains_key("th_voter"), "browser id set");
    let page = app.get(&mut visitor, &r.location()).await;
    assert!(page.body.contains("Ihre Stimme ist gespeichert."));
    assert!(page.body.contains("Aussage 2 von 2"));
    assert!(page.body.contains("Tempo 30 in allen Wohnstraßen."));
    app.post_with_token(
        &mut visitor,
        "/processes/radwege/opinion/vote",
        &page.csrf(),
        &[("statement_id", &ids[1].to_string()), ("vote", "pass")],
    )
    .await;
    let page = app.get(&mut visitor, "/processes/radwege/opinion").await;
    assert!(page.body.contains("alle Aussagen bewertet"));
    assert!(page.body.contains("Ihre Stimmen (2)"));
    // Change the first vote: the page shows the earlier vote, the counters move.
    let page = app
        .get(
            &mut visitor,
            &format!("/processes/radwege/opinion?statement={}", ids[0]),
        )
        .await;
    assert!(page.body.contains("Ihre bisherige Stimme"));
    app.post_with_token(
        &mut visitor,
        "/processes/radwege/opinion/vote",
        &page.csrf(),
        &[("statement_id", &ids[0].to_string()), ("vote", "disagree")],
    )
    .await;
    assert_eq!(
        app.count("SELECT COUNT(*) AS n FROM opinion_votes").await,
        2
    );
    assert_eq!(
        app.count("SELECT disagree_count + 10 * agree_count AS n FROM opinion_statements WHERE body LIKE 'Radwege%'")
            .await,
        1
    );
    // The process page links to the opinion map.
    let p = app.get(&mut visitor, "/processes/radwege").await;
    assert!(p.body.contains("/processes/radwege/opinion"));
}

#[tokio::test]
async fn statements_are_moderated_before_they_are_shown() {
    let app = TestApp::new().await;
    let mut staff = app.login("staff").await;
    seed(&app, &mut staff, &["Radwege sollen baulich getrennt sein."]).await;
    let mut citizen = app.login("citizen").await;
    let r = app
        .post(
            &mut citizen,
            "/processes/radwege/opinion/statements",
            &[("body", "Mehr Abstellplätze für Lastenräder.")],
        )
        .await;
    assert_eq!(r.status, StatusCode::SEE_OTHER);
    let page = app.get(&mut citizen, &r.location()).await;
    assert!(page.body.contains("wird geprüft"), "{}", page.body);
    assert!(!page.body.contains("Lastenräder"));
    // A moderator (not staff of the department) may moderate but not configure.
    let mut moderator = app.login("moderator").await;
    let manage = app
        .get(&mut moderator, "/processes/radwege/opinion/manage")
        .await;
    assert_eq!(manage.status, StatusCode::OK);
    assert!(manage.body.contains("Lastenräder"));
    assert!(!manage.body.contains("/opinion/settings"));
    let id = app
        .count("SELECT id AS n FROM opinion_statements WHERE body LIKE 'Mehr Abstell%'")
        .await;
    let r = app
        .post(
            &mut moderator,
            &format!("/opinion-statements/{id}/moderate"),
            &[("state", "accepted")],
        )
        .await;
    assert_eq!(r.status, StatusCode::SEE_OTHER);
    let page = app.get(&mut citizen, "/processes/radwege/opinion").await;
    assert!(page.body.contains("von 2"), "{}", page.body);
    // Rejected statements disappear again.
    app.post(
        &mut moderator,
        &format!("/opinion-statements/{id}/moderate"),
        &[("state", "rejected")],
    )
    .await;
    let page = app.get(&mut citizen, "/processes/radwege/opinion").await;
    assert!(page.body.contains("von 1"));
}

#[tokio::test]
async fn results_show_groups_after_the_background_analysis() {
    let app = TestApp::new().await;
    let mut staff = app.login("staff").await;
    let bodies: Vec<String> = (0..8)
        .map(|i| format!("Aussage Nummer {i} zum Radverkehr"))
        .collect();
    let refs: Vec<&str> = bodies.iter().map(String::as_str).collect();
    let ids = seed(&app, &mut staff, &refs).await;

    let mut visitor = Session::default();
    let r = app
        .get(&mut visitor, "/processes/radwege/opinion/results")
        .await;
    assert_eq!(r.status, StatusCode::OK);
    assert!(r.body.contains("Es gibt noch keine Auswertung"));

    // Too few participants: a clear "not enough votes yet".
    for person in 0..3 {
        for &s in &ids {
            browser_vote(&app, person, s, OpinionVote::Agree).await;
        }
    }
    app.store.opinion().run_due_analyses(0, 0).await.unwrap();
    let r = app
        .get(&mut visitor, "/processes/radwege/opinion/results")
        .await;
    assert!(r.body.contains("Noch nicht genug Stimmen"), "{}", r.body);
    assert!(!r.body.contains("NaN"));

    // Two planted groups; this browser votes with the first.
    let page = app.get(&mut visitor, "/processes/radwege/opinion").await;
    let token = page.csrf();
    for (j, &s) in ids.iter().enumerate() {
        let vote = if j < 4 { "agree" } else { "disagree" };
        app.post_with_token(
            &mut visitor,
            "/processes/radwege/opinion/vote",
            &token,
            &[("statement_id", &s.to_string()), ("vote", vote)],
        )
        .await;
    }
    for person in 0..30 {
        for (j, &s) in ids.iter().enumerate() {
            let first = person % 2 == 0;
            let vote = if first == (j < 4) {
                OpinionVote::Agree
            } else {
                OpinionVote::Disagree
            };
            browser_vote(&app, person, s, vote).await;
        }
    }
    // Votes do not wait for the analysis: the page says an update is pending.
    let r = app
        .get(&mut visitor, "/processes/radwege/opinion/results")
        .await;
    assert!(r.body.contains("Auswertung wird in Kürze aktualisiert"));
    assert_eq!(app.store.opinion().run_due_analyses(0, 0).await.unwrap(), 1);
    let r = app
        .get(&mut visitor, "/processes/radwege/opinion/results")
        .await;
    assert!(r.body.contains("<svg"), "{}", r.body);
    assert!(r.body.contains("2 Meinungsgruppen"));
    assert!(r.body.contains("Sie gehören zu Gruppe"));
    let votes = app.count("SELECT COUNT(*) AS n FROM opinion_votes").await;
    assert!(r.body.contains(&format!("Auswertung mit {votes} Stimmen")));
    assert!(r.body.contains("Was die Gruppen ausmacht"));
    assert!(!r.body.contains("NaN"));
    // The JSON API gives the same analysis.
    let j = app
        .api("GET", "/api/processes/radwege/opinion", None, None)
        .await
        .json();
    assert_eq!(j["analysis"]["k"], 2);
    assert_eq!(j["analysis"]["votes_covered"], votes);
}

#[tokio::test]
async fn staff_see_a_failed_analysis_and_export_polis_files() {
    let app = TestApp::new().await;
    let mut staff = app.login("staff").await;
    let ids = seed(&app, &mut staff, &["Radwege sollen baulich getrennt sein."]).await;
    // Paper questionnaire: counted with its channel.
    let r = app
        .post(
            &mut staff,
            "/processes/radwege/opinion/paper",
            &[("label", "A-17"), (&format!("vote-{}", ids[0]), "disagree")],
        )
        .await;
    assert_eq!(r.status, StatusCode::SEE_OTHER, "{}", r.body);
    assert_eq!(
        app.count("SELECT COUNT(*) AS n FROM opinion_votes WHERE channel = 'paper' AND vote = -1")
            .await,
        1
    );
    let r = app
        .get(&mut staff, "/processes/radwege/opinion/export/votes.csv")
        .await;
    assert_eq!(r.status, StatusCode::OK);
    assert!(r
        .body
        .starts_with("timestamp,datetime,comment-id,voter-id,vote"));
    assert_eq!(r.body.lines().count(), 2);
    let r = app
        .get(&mut staff, "/processes/radwege/opinion/export/comments.csv")
        .await;
    assert!(r.body.contains("Radwege sollen baulich getrennt sein."));
    let r = app
        .get(&mut staff, "/processes/radwege/opinion/export/secrets.csv")
        .await;
    assert_eq!(r.status, StatusCode::NOT_FOUND);

    // A failed run: votes still count, staff see the error, visitors do not.
    let process = app.process_id;
    app.store
        .db
        .exec(
            "INSERT INTO opinion_results (process_id, municipality_id, error, error_at, error_revision) VALUES ($1, $2, 'kaputt: Testfehler', 1, 99)",
            &[process.into(), app.tenant.id.into()],
        )
        .await
        .unwrap();
    let r = app
        .get(&mut staff, "/processes/radwege/opinion/results")
        .await;
    assert!(r.body.contains("kaputt: Testfehler"));
    assert!(r.body.contains("Alle Stimmen sind gespeichert"));
    assert!(
        !r.body.contains("in Kürze aktualisiert"),
        "no promise after a failure"
    );
    let mut visitor = Session::default();
    let r = app
        .get(&mut visitor, "/processes/radwege/opinion/results")
        .await;
    assert!(!r.body.contains("kaputt"));
}

#[tokio::test]
async fn bad_opinion_input_is_refused_and_writes_nothing() {
    let app = TestApp::new().await;
    let mut staff = app.login("staff").await;
    let ids = seed(&app, &mut staff, &["Radwege sollen baulich getrennt sein."]).await;
    let id = ids[0].to_string();
    let mut citizen = app.login("citizen").await;
    // Too short, and more than one line: 422 with the message at the field.
    let r = app
        .post(
            &mut citizen,
            "/processes/radwege/opinion/statements",
            &[("body", "kurz")],
        )
        .await;
    assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(r.body.contains("mindestens 10 Zeichen"), "{}", r.body);
    assert!(r.body.contains(r#"aria-invalid="true""#));
    let r = app
        .post(
            &mut citizen,
            "/processes/radwege/opinion/statements",
            &[("body", "Erste Zeile der Aussage\nund eine zweite")],
        )
        .await;
    assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(r.body.contains("in eine Zeile"));
    // Votes outside agree/disagree/pass, and unknown statements.
    let r = vote(&app, &mut citizen, &id, "2").await;
    assert_eq!(r.status, StatusCode::BAD_REQUEST);
    let r = vote(&app, &mut citizen, "999999", "agree").await;
    assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(r.body.contains("gibt es in diesem Meinungsbild nicht"));
    // Settings with invalid choices name the fields.
    let r = app
        .post(
            &mut staff,
            "/processes/radwege/opinion/settings",
            &[("voters", "everyone"), ("moderation", "never")],
        )
        .await;
    assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(r.body.contains("Wer darf abstimmen?"));
    // A paper questionnaire without a number or with a bad vote.
    let r = app
        .post(
            &mut staff,
            "/processes/radwege/opinion/paper",
            &[("label", ""), (&format!("vote-{id}"), "yes")],
        )
        .await;
    assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY);
    // The API: problem+json with the field.
    let token = app.token("citizen").await;
    let r = app
        .api(
            "POST",
            "/api/processes/radwege/opinion/votes",
            Some(&token),
            Some(serde_json::json!({"statement_id": ids[0], "vote": "maybe"})),
        )
        .await;
    assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(r.json()["errors"][0]["field"], "vote");
    assert_eq!(
        app.count("SELECT COUNT(*) AS n FROM opinion_votes").await,
        0
    );
    assert_eq!(
        app.count("SELECT COUNT(*) AS n FROM opinion_statements")
            .await,
        1
    );
    // A valid API vote works.
    let r = app
        .api(
            "POST",
            "/api/processes/radwege/opinion/votes",
            Some(&token),
            Some(serde_json::json!({"statement_id": ids[0], "vote": "agree"})),
        )
        .await;
    assert_eq!(r.status, StatusCode::OK, "{}", r.body);
    assert_eq!(r.json()["voted"], 1);
}

#[tokio::test]
async fn verified_only_maps_refuse_unverified_voters() {
    let app = TestApp::new().await;
    let mut staff = app.login("staff").await;
    let ids = seed(&app, &mut staff, &["Radwege sollen baulich getrennt sein."]).await;
    app.post(
        &mut staff,
        "/processes/radwege/opinion/settings",
        &[("voters", "verified"), ("moderation", "post")],
    )
    .await;
    let id = ids[0].to_string();
    let mut citizen = app.login("citizen").await;
    let page = app.get(&mut citizen, "/processes/radwege/opinion").await;
    assert!(page.body.contains("bestätigen"), "{}", page.body);
    let r = vote(&app, &mut citizen, &id, "agree").await;
    assert_eq!(r.status, StatusCode::FORBIDDEN);
    let mut visitor = Session::default();
    let r = vote(&app, &mut visitor, &id, "agree").await;
    assert!(r.location().starts_with("/login"));
    let mut verified = app.login("verified").await;
    let r = vote(&app, &mut verified, &id, "agree").await;
    assert_eq!(r.status, StatusCode::SEE_OTHER);
    assert_eq!(
        app.count("SELECT COUNT(*) AS n FROM opinion_votes").await,
        1
    );
    // Participant statements are off here: no form, and posting is refused.
    app.post(
        &mut staff,
        "/processes/radwege/opinion/settings",
        &[("voters", "verified"), ("moderation", "post")],
    )
    .await;
    let r = app
        .post(
            &mut verified,
            "/processes/radwege/opinion/statements",
            &[("body", "Eine Aussage, die nicht erlaubt ist.")],
        )
        .await;
    assert_eq!(r.status, StatusCode::FORBIDDEN);
}

#[tokio::test]
async fn new_anonymous_voters_are_rate_limited_per_client() {
    let app = TestApp::with_config(teilhabe_web::Config {
        contributions_per_minute: 2,
        ..crate::common::config()
    })
    .await;
    let mut staff = app.login("staff").await;
    let ids = seed(&app, &mut staff, &["Radwege sollen baulich getrennt sein."]).await;
    let id = ids[0].to_string();
    let mut statuses = Vec::new();
    for _ in 0..4 {
        // A script that drops its cookie to look like a new person each time.
        let mut s = Session::default();
        let r = vote(&app, &mut s, &id, "agree").await;
        statuses.push(r.status);
    }
    assert_eq!(statuses[0], StatusCode::SEE_OTHER);
    assert_eq!(statuses[3], StatusCode::TOO_MANY_REQUESTS);
    // Made-up browser ids do not get around it: they are signed.
    let mut s = Session::default();
    s.cookies.insert("th_voter".into(), "a".repeat(64));
    let r = vote(&app, &mut s, &id, "agree").await;
    assert_eq!(r.status, StatusCode::TOO_MANY_REQUESTS);
    // A voter with an issued browser id keeps voting.
    let mut s = Session::default();
    s.cookies.insert(
        "th_voter".into(),
        teilhabe_web::csrf::issue_voter_id(&app.state.csrf_secret),
    );
    let r = vote(&app, &mut s, &id, "pass").await;
    assert_eq!(r.status, StatusCode::SEE_OTHER);
}
