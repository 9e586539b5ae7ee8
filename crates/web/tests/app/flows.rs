//! Citizen and staff flows through the HTML forms.

use crate::common::{Resp, Session, TestApp};
use axum::http::StatusCode;

/// The id of a proposal from its page's address ("/proposals/7?notice=…").
fn proposal_id(location: &str) -> i64 {
    location
        .trim_start_matches("/proposals/")
        .split('?')
        .next()
        .unwrap()
        .parse()
        .unwrap()
}

#[tokio::test]
async fn citizen_submits_after_seeing_similar_proposals_then_staff_answers() {
    let app = TestApp::new().await;
    app.proposal("citizen2", "Radweg an der Hauptstraße verbreitern")
        .await;
    let mut s = app.login("citizen").await;
    let fields = [
        ("title", "Sicherer Radweg Hauptstraße"),
        (
            "body",
            "Die Hauptstraße braucht einen geschützten Radweg zwischen Bahnhof und Markt.",
        ),
        ("category", "Verkehr"),
        ("latitude", "51,5"),
        ("longitude", "7,46"),
    ];
    // First submission shows similar proposals and writes nothing.
    let r = app
        .post(&mut s, "/processes/radwege/proposals", &fields)
        .await;
    assert_eq!(r.status, StatusCode::OK);
    assert!(r.body.contains("Gibt es das schon?"), "{}", r.body);
    assert!(r.body.contains("Radweg an der Hauptstraße verbreitern"));
    assert!(
        r.body.contains("value=\"Sicherer Radweg Hauptstraße\""),
        "entered values are kept"
    );
    assert_eq!(app.count("SELECT COUNT(*) AS n FROM proposals").await, 1);
    // Confirming submits.
    let mut confirmed = fields.to_vec();
    confirmed.push(("confirmed", "1"));
    let r = app
        .post(&mut s, "/processes/radwege/proposals", &confirmed)
        .await;
    assert_eq!(r.status, StatusCode::SEE_OTHER, "{}", r.body);
    let loc = r.location();
    assert!(loc.starts_with("/proposals/"), "{loc}");
    let id = proposal_id(&loc);
    let page = app.get(&mut s, &loc).await;
    assert!(
        page.body.contains("Ihr Vorschlag ist eingereicht"),
        "confirmation notice"
    );
    assert!(
        page.body.contains("51,50000, 7,46000"),
        "German coordinates"
    );
    assert_eq!(app.count("SELECT COUNT(*) AS n FROM proposals").await, 2);
    assert_eq!(
        app.count("SELECT proposal_count AS n FROM processes").await,
        2
    );

    // Staff must justify a rejection; without text nothing changes.
    let mut staff = app.login("staff").await;
    let r = app
        .post(
            &mut staff,
            &format!("/proposals/{id}/answer"),
            &[("status", "rejected"), ("answer", "Nein.")],
        )
        .await;
    assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(r.body.contains("mindestens 20 Zeichen"), "{}", r.body);
    assert_eq!(
        app.count(&format!(
            "SELECT COUNT(*) AS n FROM proposals WHERE id = {id} AND status = 'submitted'"
        ))
        .await,
        1
    );
    let r = app
        .post(
            &mut staff,
            &format!("/proposals/{id}/answer"),
            &[
                ("status", "accepted"),
                ("answer", "Wir nehmen den Radweg in die Planung 2027 auf."),
            ],
        )
        .await;
    assert_eq!(r.status, StatusCode::SEE_OTHER, "{}", r.body);
    let page = app.get(&mut s, &format!("/proposals/{id}")).await;
    assert!(page
        .body
        .contains("Wir nehmen den Radweg in die Planung 2027 auf."));
    assert!(page.body.contains("Angenommen"));
    // The author follows their proposal and was notified.
    let profile = app.get(&mut s, "/profile").await;
    assert!(
        profile
            .body
            .contains("Neuer Stand bei „Sicherer Radweg Hauptstraße“"),
        "{}",
        profile.body
    );
    // Progress is tracked with a dated note.
    let r = app
        .post(
            &mut staff,
            &format!("/proposals/{id}/answer"),
            &[
                ("status", "in_implementation"),
                ("progress", "30"),
                ("note", "Planung beauftragt"),
            ],
        )
        .await;
    assert_eq!(r.status, StatusCode::SEE_OTHER);
    let page = app.get(&mut s, &format!("/proposals/{id}")).await;
    assert!(
        page.body.contains("Planung beauftragt") && page.body.contains("27.11.2026"),
        "{}",
        page.body
    );
    let v = app.store.audit().verify(&app.tenant).await.unwrap();
    assert!(v.first_break.is_none());
}

#[tokio::test]
async fn supports_are_one_per_person_withdrawable_and_counted() {
    let app = TestApp::new().await;
    let id = app.proposal("citizen2", "Fahrradbügel am Bahnhof").await;
    let mut s = app.login("citizen").await;
    let r = app
        .post(&mut s, &format!("/proposals/{id}/support"), &[])
        .await;
    assert_eq!(r.status, StatusCode::SEE_OTHER);
    let r = app
        .post(&mut s, &format!("/proposals/{id}/support"), &[])
        .await;
    assert_eq!(r.status, StatusCode::CONFLICT);
    assert!(r.body.contains("unterstützen diesen Vorschlag bereits"));
    assert_eq!(
        app.count(&format!(
            "SELECT support_count AS n FROM proposals WHERE id = {id}"
        ))
        .await,
        1
    );
    let page = app.get(&mut s, &format!("/proposals/{id}")).await;
    assert!(page.body.contains("Unterstützung zurückziehen"));
    let r = app
        .post(&mut s, &format!("/proposals/{id}/unsupport"), &[])
        .await;
    assert_eq!(r.status, StatusCode::SEE_OTHER);
    assert_eq!(
        app.count(&format!(
            "SELECT support_count AS n FROM proposals WHERE id = {id}"
        ))
        .await,
        0
    );
    assert_eq!(app.count("SELECT COUNT(*) AS n FROM supports").await, 0);
}

#[tokio::test]
async fn support_limit_and_verification_are_enforced() {
    let app = TestApp::new().await;
    let a = app
        .proposal("citizen2", "Erster Vorschlag zum Radweg")
        .await;
    let b = app
        .proposal("citizen2", "Zweiter Vorschlag zum Radweg")
        .await;
    app.store
        .db
        .exec(
            "UPDATE processes SET support_limit = 1, supports_require_verification = 1",
            &[],
        )
        .await
        .unwrap();
    let mut unverified = app.login("citizen").await;
    let r = app
        .post(&mut unverified, &format!("/proposals/{a}/support"), &[])
        .await;
    assert_eq!(r.status, StatusCode::FORBIDDEN);
    assert!(
        r.body.contains("bestätigte Einwohnerinnen und Einwohner"),
        "{}",
        r.body
    );
    let mut verified = app.login("verified").await;
    assert_eq!(
        app.post(&mut verified, &format!("/proposals/{a}/support"), &[])
            .await
            .status,
        StatusCode::SEE_OTHER
    );
    let r = app
        .post(&mut verified, &format!("/proposals/{b}/support"), &[])
        .await;
    assert_eq!(r.status, StatusCode::CONFLICT);
    assert!(r
        .body
        .contains("Unterstützungen in dieser Beteiligung aufgebraucht"));
}

#[tokio::test]
async fn verification_code_makes_a_verified_resident_once() {
    let app = TestApp::new().await;
    let codes = app
        .store
        .accounts()
        .generate_verification_codes(&app.tenant, app.users["admin"], "Brief", 2)
        .await
        .unwrap();
    let mut s = app.login("citizen").await;
    let r = app
        .post(&mut s, "/profile/verify", &[("code", "FALSCHERCODE")])
        .await;
    assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(r.body.contains("ungültig oder schon eingelöst"));
    let typed = format!("{}-{} ", codes[0][..4].to_lowercase(), &codes[0][4..]);
    let r = app
        .post(&mut s, "/profile/verify", &[("code", &typed)])
        .await;
    assert_eq!(r.status, StatusCode::SEE_OTHER, "{}", r.body);
    assert!(
        app.store
            .accounts()
            .user(&app.tenant, app.users["citizen"])
            .await
            .unwrap()
            .verified
    );
    // The same code cannot be used by someone else.
    let mut other = app.login("citizen2").await;
    let r = app
        .post(&mut other, "/profile/verify", &[("code", &codes[0])])
        .await;
    assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY);
}

#[tokio::test]
async fn code_import_rejects_bad_lines_and_writes_nothing() {
    let app = TestApp::new().await;
    let mut admin = app.login("admin").await;
    let before = app
        .count("SELECT COUNT(*) AS n FROM verification_codes")
        .await;
    let r = app
        .post(
            &mut admin,
            "/admin/verification/import",
            &[
                ("batch", "Import"),
                (
                    "codes",
                    "code\nABCD2345EFGH\nzu-kurz\nGUT5678GUT5678\nmit leer zeichen!",
                ),
            ],
        )
        .await;
    assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(
        r.body.contains("Ungültige Codes in Zeile 3, 5"),
        "{}",
        r.body
    );
    assert_eq!(
        app.count("SELECT COUNT(*) AS n FROM verification_codes")
            .await,
        before
    );
    let r = app
        .post(
            &mut admin,
            "/admin/verification/import",
            &[
                ("batch", "Import"),
                ("codes", "code\nABCD2345EFGH\nGUT5678GUT5678\n"),
            ],
        )
        .await;
    assert_eq!(r.status, StatusCode::SEE_OTHER);
    assert_eq!(
        app.count("SELECT COUNT(*) AS n FROM verification_codes")
            .await,
        before + 2
    );
    // Printable letters for a generated batch.
    let r = app
        .post(
            &mut admin,
            "/admin/verification/generate",
            &[("batch", "Brief März"), ("count", "3")],
        )
        .await;
    assert_eq!(r.status, StatusCode::OK);
    assert_eq!(r.body.matches("class=\"letter\"").count(), 3);
}

#[tokio::test]
async fn threaded_comments_notify_the_parent_author() {
    let app = TestApp::new().await;
    let id = app.proposal("citizen2", "Tempo 30 vor der Schule").await;
    let mut a = app.login("citizen").await;
    let r = app
        .post(
            &mut a,
            &format!("/proposals/{id}/comments"),
            &[("body", "Sehr gute Idee, bitte schnell umsetzen.")],
        )
        .await;
    assert_eq!(r.status, StatusCode::SEE_OTHER);
    let cid: i64 = r
        .location()
        .split("#comment-")
        .nth(1)
        .unwrap()
        .parse()
        .unwrap();
    let mut b = app.login("verified").await;
    let r = app
        .post(
            &mut b,
            &format!("/proposals/{id}/comments"),
            &[
                ("body", "Da stimme ich zu."),
                ("parent_id", &cid.to_string()),
            ],
        )
        .await;
    assert_eq!(r.status, StatusCode::SEE_OTHER);
    let page = app.get(&mut a, &format!("/proposals/{id}")).await;
    let first = page.body.find("Sehr gute Idee").unwrap();
    let reply = page.body.find("Da stimme ich zu.").unwrap();
    assert!(reply > first);
    assert!(page.body.contains("comment depth-1"));
    assert_eq!(
        app.count(&format!(
            "SELECT comment_count AS n FROM proposals WHERE id = {id}"
        ))
        .await,
        2
    );
    let profile = app.get(&mut a, "/profile").await;
    assert!(profile.body.contains("Neue Antwort auf Ihren Kommentar"));
    // Empty comments are refused with the field named.
    let r = app
        .post(
            &mut a,
            &format!("/proposals/{id}/comments"),
            &[("body", " ")],
        )
        .await;
    assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(r.body.contains("Bitte ausfüllen"));
}

#[tokio::test]
async fn offline_contributions_count_and_are_marked() {
    let app = TestApp::new().await;
    let mut staff = app.login("staff").await;
    let r = app
        .post(
            &mut staff,
            "/processes/radwege/proposals",
            &[
                ("channel", "paper"),
                ("offline_name", "Frau K."),
                ("title", "Bank an der Bushaltestelle"),
                (
                    "body",
                    "Eingereicht auf Papier beim Bürgerdialog im Rathaus.",
                ),
                ("confirmed", "1"),
            ],
        )
        .await;
    assert_eq!(r.status, StatusCode::SEE_OTHER, "{}", r.body);
    let id = proposal_id(&r.location());
    // Several offline supporters.
    for n in 1..=2 {
        let path = format!("/proposals/{id}/support");
        let r = app.post(&mut staff, &path, &[("channel", "phone")]).await;
        assert_eq!(r.status, StatusCode::SEE_OTHER, "offline supporter {n}");
    }
    assert_eq!(
        app.count(&format!(
            "SELECT support_count AS n FROM proposals WHERE id = {id}"
        ))
        .await,
        2
    );
    let page = app
        .get(&mut Session::default(), &format!("/proposals/{id}"))
        .await;
    assert!(
        page.body.contains("Papier") && page.body.contains("Frau K."),
        "channel and name shown"
    );
    let process = app.get(&mut staff, "/processes/radwege").await;
    assert!(process.body.contains("Beiträge nach Kanal"));
    // A citizen cannot record offline contributions.
    let mut citizen = app.login("citizen").await;
    let r = app
        .post(
            &mut citizen,
            &format!("/proposals/{id}/support"),
            &[("channel", "paper")],
        )
        .await;
    assert_eq!(r.status, StatusCode::FORBIDDEN);
}

#[tokio::test]
async fn moderators_hide_with_a_public_reason_and_the_author_is_told() {
    let app = TestApp::new().await;
    let id = app.proposal("citizen", "Beleidigender Titel hier").await;
    let mut reporter = app.login("citizen2").await;
    let r = app
        .post(
            &mut reporter,
            "/report",
            &[
                ("kind", "proposal"),
                ("id", &id.to_string()),
                ("reason", "Beleidigung"),
                ("back", &format!("/proposals/{id}")),
            ],
        )
        .await;
    assert_eq!(r.status, StatusCode::SEE_OTHER);
    let mut m = app.login("moderator").await;
    let q = app.get(&mut m, "/moderation").await;
    assert!(q.body.contains("Beleidigender Titel hier"));
    let r = app
        .post(
            &mut m,
            "/moderation/hide",
            &[
                ("kind", "proposal"),
                ("id", &id.to_string()),
                ("reason", "Verstößt gegen die Netiquette"),
            ],
        )
        .await;
    assert_eq!(r.status, StatusCode::SEE_OTHER);
    let page = app
        .get(&mut Session::default(), &format!("/proposals/{id}"))
        .await;
    assert!(page.body.contains("Verstößt gegen die Netiquette"));
    assert!(
        !page.body.contains("Beleidigender Titel hier"),
        "content is hidden"
    );
    let list = app.get(&mut Session::default(), "/processes/radwege").await;
    assert!(
        list.body.contains("von der Moderation ausgeblendet"),
        "placeholder stays in the list"
    );
    let search = app
        .get(&mut Session::default(), "/search?q=Beleidigender")
        .await;
    assert!(
        search.body.contains("0 Treffer"),
        "hidden content leaves the search index"
    );
    let mut author = app.login("citizen").await;
    assert!(app
        .get(&mut author, "/profile")
        .await
        .body
        .contains("wurde ausgeblendet"));
    assert_eq!(
        app.count("SELECT COUNT(*) AS n FROM reports WHERE resolved_at IS NULL")
            .await,
        0
    );
}

#[tokio::test]
async fn signup_login_logout_and_password_change() {
    let app = TestApp::new().await;
    let mut s = Session::default();
    // Every invalid field is named at once; values are kept.
    let r = app
        .post(
            &mut s,
            "/signup",
            &[
                ("email", "kein-at"),
                ("display_name", "A"),
                ("password", "kurz"),
                ("password_confirm", "anders"),
            ],
        )
        .await;
    assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY);
    for msg in [
        "gültige E-Mail-Adresse",
        "mindestens 2 Zeichen",
        "mindestens 10 Zeichen",
        "stimmen nicht überein",
        "Datenschutzhinweise",
    ] {
        assert!(r.body.contains(msg), "missing '{msg}'");
    }
    assert!(r.body.contains("value=\"kein-at\""));
    let r = app
        .post(
            &mut s,
            "/signup",
            &[
                ("email", "Neu@Musterstadt.example"),
                ("display_name", "Neue Person"),
                ("password", "ein-gutes-passwort"),
                ("password_confirm", "ein-gutes-passwort"),
                ("privacy", "1"),
            ],
        )
        .await;
    // Nobody is signed in by a sign-up: the address is confirmed first.
    assert_eq!(r.status, StatusCode::OK, "{}", r.body);
    assert!(r.body.contains("Wir haben Ihnen eine E-Mail geschickt"));
    assert!(!s.cookies.contains_key("th_session"));
    // A taken address gets the same answer, and its owner a note by mail.
    let r2 = app
        .post(
            &mut s,
            "/signup",
            &[
                ("email", "citizen@musterstadt.example"),
                ("display_name", "Doppelt"),
                ("password", "ein-gutes-passwort"),
                ("password_confirm", "ein-gutes-passwort"),
                ("privacy", "1"),
            ],
        )
        .await;
    assert_eq!(r2.status, r.status);
    assert_eq!(r2.body, r.body, "same answer for a taken address");
    assert!(!r2.body.contains("schon ein Konto"));
    let mails = app.store.mail().outbox(&app.tenant, 10).await.unwrap();
    assert!(
        mails[0].recipient == "citizen@musterstadt.example"
            && mails[0]
                .body
                .contains("jemand wollte mit Ihrer E-Mail-Adresse")
            && mails[0].kind.is_none()
    );
    // Signing up again with the new, still unconfirmed address: the same
    // answer, no second account, a fresh confirmation mail.
    let r3 = app
        .post(
            &mut s,
            "/signup",
            &[
                ("email", "neu@musterstadt.example"),
                ("display_name", "Doppelt"),
                ("password", "ein-gutes-passwort"),
                ("password_confirm", "ein-gutes-passwort"),
                ("privacy", "1"),
            ],
        )
        .await;
    assert_eq!(r3.body, r.body);
    assert_eq!(
        app.count("SELECT COUNT(*) AS n FROM users WHERE email = 'neu@musterstadt.example'")
            .await,
        1
    );
    let mails = app.store.mail().outbox(&app.tenant, 10).await.unwrap();
    let mine: Vec<_> = mails
        .iter()
        .filter(|m| m.recipient == "neu@musterstadt.example")
        .collect();
    assert_eq!(mine.len(), 2);
    assert!(mine.iter().all(|m| m.kind.as_deref() == Some("confirm")));
    let confirm = mine[1];
    assert!(
        !confirm.body.contains("token="),
        "no live link in the outbox"
    );
    let sent = teilhabe_web::jobs::outgoing(&app.state, confirm)
        .await
        .unwrap();
    let link = sent
        .lines()
        .find(|l| l.contains("/signup/confirm?token="))
        .unwrap()
        .trim()
        .to_string();
    let token = link.split("token=").nth(1).unwrap();
    // Signed in but unconfirmed: reading works, contributing does not.
    let mut s = Session::default();
    assert_eq!(
        app.post(
            &mut s,
            "/login",
            &[
                ("email", "neu@musterstadt.example"),
                ("password", "ein-gutes-passwort")
            ]
        )
        .await
        .status,
        StatusCode::SEE_OTHER
    );
    let profile = app.get(&mut s, "/profile").await;
    assert!(profile.body.contains("neu@musterstadt.example"));
    assert!(profile.body.contains("action=\"/signup/resend\""));
    let r = app
        .post(
            &mut s,
            &format!(
                "/proposals/{}/support",
                app.proposal("citizen2", "Ein Vorschlag für Neue").await
            ),
            &[],
        )
        .await;
    assert_eq!(r.status, StatusCode::FORBIDDEN, "{}", r.body);
    assert!(r
        .body
        .contains("Bitte bestätigen Sie zuerst Ihre E-Mail-Adresse"));
    assert!(
        r.body.contains("action=\"/signup/resend\""),
        "a resend button"
    );
    let r = app
        .post(&mut s, "/signup/confirm", &[("token", token)])
        .await;
    assert_eq!(r.status, StatusCode::SEE_OTHER, "{}", r.body);
    assert!(!app
        .get(&mut s, "/profile")
        .await
        .body
        .contains("action=\"/signup/resend\""));
    // A link works once.
    let r = app
        .post(&mut s, "/signup/confirm", &[("token", token)])
        .await;
    assert_eq!(r.status, StatusCode::CONFLICT);
    // Password change ends other sessions.
    let mut other_device = Session::default();
    assert_eq!(
        app.post(
            &mut other_device,
            "/login",
            &[
                ("email", "neu@musterstadt.example"),
                ("password", "ein-gutes-passwort")
            ]
        )
        .await
        .status,
        StatusCode::SEE_OTHER
    );
    let r = app
        .post(
            &mut s,
            "/profile/password",
            &[
                ("current_password", "ein-gutes-passwort"),
                ("new_password", "noch-besseres-passwort"),
                ("new_password_confirm", "noch-besseres-passwort"),
            ],
        )
        .await;
    assert_eq!(r.status, StatusCode::SEE_OTHER, "{}", r.body);
    assert_eq!(
        app.get(&mut other_device, "/profile").await.status,
        StatusCode::SEE_OTHER,
        "old session ended"
    );
    assert_eq!(
        app.get(&mut s, "/profile").await.status,
        StatusCode::OK,
        "this session continues"
    );
    let r = app.post(&mut s, "/logout", &[]).await;
    assert_eq!(r.status, StatusCode::SEE_OTHER);
    assert_eq!(
        app.get(&mut s, "/profile").await.status,
        StatusCode::SEE_OTHER
    );
    let mut fresh = Session::default();
    let r = app
        .post(
            &mut fresh,
            "/login",
            &[
                ("email", "neu@musterstadt.example"),
                ("password", "ein-gutes-passwort"),
            ],
        )
        .await;
    assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(r
        .body
        .contains("E-Mail-Adresse oder Passwort stimmen nicht"));
}

#[tokio::test]
async fn password_reset_by_mailed_token() {
    let app = TestApp::new().await;
    let mut s = Session::default();
    let r = app
        .post(
            &mut s,
            "/password/forgot",
            &[("email", "citizen@musterstadt.example")],
        )
        .await;
    assert_eq!(r.status, StatusCode::OK);
    let unknown = app
        .post(
            &mut s,
            "/password/forgot",
            &[("email", "niemand@musterstadt.example")],
        )
        .await;
    assert_eq!(unknown.body, r.body, "same answer for unknown addresses");
    let mails = app.store.mail().outbox(&app.tenant, 10).await.unwrap();
    assert_eq!(mails.len(), 1);
    // The outbox holds no usable link, and neither does the admin's view
    // of it; the link is made when the mail is sent.
    assert!(!mails[0].body.contains("token="), "{}", mails[0].body);
    assert!(mails[0].body.contains(teilhabe_store::mail::LINK_MARK));
    let mut admin = app.login("admin").await;
    let page = app.get(&mut admin, "/admin/outbox").await;
    assert!(page.body.contains("Link wird erst beim Versand erzeugt"));
    assert!(!page.body.contains("token="));
    assert_eq!(
        app.count("SELECT COUNT(*) AS n FROM password_resets").await,
        0,
        "no token exists before the mail is sent"
    );
    let sent = teilhabe_web::jobs::outgoing(&app.state, &mails[0])
        .await
        .unwrap();
    // Sending blanks the stored body.
    app.store.mail().mark(mails[0].id, None).await.unwrap();
    let stored = app.store.mail().outbox(&app.tenant, 10).await.unwrap();
    assert_eq!(stored[0].body, "");
    assert!(app
        .get(&mut admin, "/admin/outbox")
        .await
        .body
        .contains("Inhalt nach dem Versand gelöscht"));
    let link = sent
        .lines()
        .find(|l| l.contains("/password/reset?token="))
        .unwrap()
        .trim()
        .to_string();
    let path = &link[link.find("/password").unwrap()..];
    let token = path.split("token=").nth(1).unwrap();
    let r = app
        .post(
            &mut s,
            "/password/reset",
            &[
                ("token", token),
                ("password", "frisches-passwort"),
                ("password_confirm", "frisches-passwort"),
            ],
        )
        .await;
    assert_eq!(r.status, StatusCode::SEE_OTHER, "{}", r.body);
    // A token works once.
    let mut t = Session::default();
    let r = app
        .post(
            &mut t,
            "/password/reset",
            &[
                ("token", token),
                ("password", "anderes-passwort"),
                ("password_confirm", "anderes-passwort"),
            ],
        )
        .await;
    assert_eq!(r.status, StatusCode::CONFLICT);
    assert!(r.body.contains("ungültig oder abgelaufen"));
}

#[tokio::test]
async fn followers_get_one_digest_mail_not_one_per_event() {
    let app = TestApp::new().await;
    let a = app.proposal("citizen2", "Beleuchtung am Radweg").await;
    let b = app.proposal("citizen2", "Markierung am Radweg").await;
    app.store
        .accounts()
        .set_preferences(&app.tenant, app.users["citizen"], "de", "daily")
        .await
        .unwrap();
    let citizen = app.actor("citizen").await;
    app.store
        .follows()
        .follow(
            &app.tenant,
            &citizen,
            teilhabe_store::follows::Followed::Process(app.process_id),
            true,
        )
        .await
        .unwrap();
    let staff = app.actor("staff").await;
    app.store
        .proposals()
        .answer(&app.tenant, &staff, a, "in_review", "", None, "")
        .await
        .unwrap();
    app.store
        .proposals()
        .answer(
            &app.tenant,
            &staff,
            b,
            "rejected",
            "Das liegt nicht in der Zuständigkeit der Stadt.",
            None,
            "",
        )
        .await
        .unwrap();
    let before = app
        .store
        .mail()
        .outbox(&app.tenant, 100)
        .await
        .unwrap()
        .len();
    // Not due yet: the account is younger than a day.
    teilhabe_web::jobs::send_digests(&app.state).await.unwrap();
    app.store.clock.advance_days(1);
    let n = teilhabe_web::jobs::send_digests(&app.state).await.unwrap();
    let mails = app.store.mail().outbox(&app.tenant, 100).await.unwrap();
    let mine: Vec<_> = mails
        .iter()
        .filter(|m| m.recipient == "citizen@musterstadt.example")
        .collect();
    assert_eq!(mine.len(), 1, "one digest for two events");
    assert!(
        mine[0].body.contains("Beleuchtung am Radweg")
            && mine[0].body.contains("Markierung am Radweg")
    );
    assert!(n >= 1 && mails.len() > before);
    // Nothing new: no second mail.
    app.store.clock.advance_days(2);
    teilhabe_web::jobs::send_digests(&app.state).await.unwrap();
    let again = app.store.mail().outbox(&app.tenant, 100).await.unwrap();
    assert_eq!(
        again
            .iter()
            .filter(|m| m.recipient == "citizen@musterstadt.example")
            .count(),
        1
    );
}

#[tokio::test]
async fn overdue_answers_are_marked_publicly_and_in_the_inbox() {
    let app = TestApp::new().await;
    let id = app
        .proposal("citizen", "Alter Vorschlag ohne Antwort")
        .await;
    app.store.clock.advance_days(31);
    let page = app
        .get(&mut Session::default(), &format!("/proposals/{id}"))
        .await;
    assert!(page.body.contains("Antwort überfällig"));
    let mut staff = app.login("staff").await;
    let inbox = app.get(&mut staff, "/inbox").await;
    assert!(
        inbox.body.contains("Alter Vorschlag ohne Antwort") && inbox.body.contains("overdue-row")
    );
    // Staff of another department do not see it in their inbox.
    let mut other = app.login("other_staff").await;
    assert!(!app
        .get(&mut other, "/inbox")
        .await
        .body
        .contains("Alter Vorschlag ohne Antwort"));
}

#[tokio::test]
async fn admin_creates_a_process_with_phases_and_gets_field_errors() {
    let app = TestApp::new().await;
    let mut staff = app.login("staff").await;
    let dept = app.dept.to_string();
    let r = app
        .post(
            &mut staff,
            "/admin/processes",
            &[
                ("title", "Kurz"),
                ("summary", ""),
                ("department_id", &dept),
                ("status", "draft"),
                ("phase_title_0", "Phase"),
                ("phase_start_0", "2026-12-10"),
                ("phase_end_0", "2026-12-01"),
            ],
        )
        .await;
    assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(
        r.body.contains("mindestens 5 Zeichen")
            && r.body.contains("nicht enden, bevor sie beginnt"),
        "{}",
        r.body
    );
    assert!(r.body.contains("value=\"Kurz\""));
    let r = app
        .post(
            &mut staff,
            "/admin/processes",
            &[
                ("title", "Spielplatz Lindenpark"),
                ("summary", "Wie soll der neue Spielplatz aussehen?"),
                ("body", "Text"),
                ("department_id", &dept),
                ("status", "draft"),
                ("phase_title_0", "Ideen"),
                ("phase_start_0", "2026-11-01"),
                ("phase_end_0", "2026-12-31"),
                ("phase_form_0", "proposals"),
                ("phase_form_0", "comments"),
                ("active_phase", "0"),
            ],
        )
        .await;
    assert_eq!(r.status, StatusCode::SEE_OTHER, "{}", r.body);
    assert_eq!(
        r.location(),
        "/processes/spielplatz-lindenpark?notice=notice-saved"
    );
    // Drafts are invisible to the public.
    assert_eq!(
        app.get(&mut Session::default(), "/processes/spielplatz-lindenpark")
            .await
            .status,
        StatusCode::NOT_FOUND
    );
    let page = app
        .get(&mut staff, "/processes/spielplatz-lindenpark")
        .await;
    assert!(page.body.contains("Vorschläge einreichen, Kommentieren"));
    // Staff cannot create processes for another department.
    let other = app.other_dept.to_string();
    let r = app
        .post(
            &mut staff,
            "/admin/processes",
            &[
                ("title", "Fremdes Amt Prozess"),
                ("summary", "Eine Zusammenfassung."),
                ("department_id", &other),
                ("status", "draft"),
                ("phase_title_0", "A"),
                ("phase_start_0", "2026-11-01"),
                ("phase_end_0", "2026-11-02"),
            ],
        )
        .await;
    assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(r.body.contains("eigenen Amts"));
}

/// An admin grants a user the staff role of a department (its id, or "").
async fn grant_staff(app: &TestApp, admin: &mut Session, user: &str, dept: &str) -> Resp {
    let fields = [
        ("user_id", user),
        ("role", "staff"),
        ("department_id", dept),
        ("grant", "1"),
    ];
    app.post(admin, "/admin/users/role", &fields).await
}

#[tokio::test]
async fn roles_are_granted_by_admins_and_audited() {
    let app = TestApp::new().await;
    let mut admin = app.login("admin").await;
    let uid = app.users["citizen"].to_string();
    let dept = app.dept.to_string();
    let r = grant_staff(&app, &mut admin, &uid, "").await;
    assert_eq!(
        r.status,
        StatusCode::UNPROCESSABLE_ENTITY,
        "staff needs a department"
    );
    let r = grant_staff(&app, &mut admin, &uid, &dept).await;
    assert_eq!(r.status, StatusCode::SEE_OTHER);
    assert!(app.actor("citizen").await.runs(Some(app.dept)));
    let log = app.store.audit().page(&app.tenant, 1, 5).await.unwrap();
    assert_eq!(log.items[0].action, "role.granted");
    assert!(
        !log.items[0].details.contains("citizen@"),
        "no personal data in the log"
    );
}

/// Posts the image form of "radwege" as staff, with the CSRF token if given.
async fn upload_image(
    app: &TestApp,
    staff: &mut Session,
    token: Option<&str>,
    (file, bytes): (&str, &[u8]),
    alt: &str,
) -> Resp {
    let mut fields = vec![
        ("image", Some(file), bytes),
        ("image_alt", None, alt.as_bytes()),
    ];
    if let Some(t) = token {
        fields.insert(0, ("_csrf", None, t.as_bytes()));
    }
    let path = "/admin/processes/radwege/image";
    app.post_multipart(staff, path, "application/octet-stream", &fields)
        .await
}

#[tokio::test]
async fn staff_upload_a_process_image_with_alternative_text() {
    let app = TestApp::new().await;
    let mut staff = app.login("staff").await;
    let token = app.csrf_for(&mut staff).await;
    let t = Some(token.as_str());
    let png = include_bytes!("../../../../testdata/images/tiny.png").to_vec();
    // Not an image: refused with the field named, nothing stored.
    let exe = ("x.exe", &b"MZ\x90\x00 not an image"[..]);
    let r = upload_image(&app, &mut staff, t, exe, "Radweg").await;
    assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(r.body.contains("PNG, JPEG oder WebP"), "{}", r.body);
    // An image without alternative text is refused too.
    let r = upload_image(&app, &mut staff, t, ("radweg.png", &png), "").await;
    assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(app.count("SELECT COUNT(*) AS n FROM images").await, 0);
    // Too large: a clear 413.
    let big = [&png[..], &vec![0u8; 3 * 1024 * 1024][..]].concat();
    let r = upload_image(&app, &mut staff, t, ("gross.png", &big), "Gross").await;
    assert_eq!(r.status, StatusCode::PAYLOAD_TOO_LARGE);
    // Without the CSRF token: refused.
    let r = upload_image(&app, &mut staff, None, ("radweg.png", &png), "Ein Radweg").await;
    assert_eq!(r.status, StatusCode::FORBIDDEN);
    let alt = "Ein geschützter Radweg an der Hauptstraße";
    let r = upload_image(&app, &mut staff, t, ("radweg.png", &png), alt).await;
    assert_eq!(r.status, StatusCode::SEE_OTHER, "{}", r.body);
    let page = app.get(&mut Session::default(), "/processes/radwege").await;
    assert!(
        page.body
            .contains("alt=\"Ein geschützter Radweg an der Hauptstraße\""),
        "{}",
        page.body
    );
    let id = app.count("SELECT MAX(id) AS n FROM images").await;
    let img = app
        .get(&mut Session::default(), &format!("/images/{id}"))
        .await;
    assert_eq!(img.status, StatusCode::OK);
    assert_eq!(img.headers["content-type"], "image/png");
    assert_eq!(
        app.get(&mut Session::default(), "/images/999").await.status,
        StatusCode::NOT_FOUND
    );
}

/// An uploaded photo is stored and served without its metadata (the GPS
/// position in its EXIF); a file that only starts like an image is refused
/// with a clear message; an image of a draft is only for its staff.
#[tokio::test]
async fn uploaded_images_lose_their_metadata_and_drafts_keep_theirs_private() {
    let app = TestApp::new().await;
    let mut staff = app.login("staff").await;
    let token = app.csrf_for(&mut staff).await;
    let t = Some(token.as_str());
    let fake = [&b"\x89PNG\r\n\x1a\n"[..], &[7u8; 100][..]].concat();
    let r = upload_image(&app, &mut staff, t, ("kaputt.png", &fake), "Ein Radweg").await;
    assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(r.body.contains("beschädigt"), "{}", r.body);
    assert_eq!(app.count("SELECT COUNT(*) AS n FROM images").await, 0);

    let photo = include_bytes!("../../../../testdata/images/gps.jpg");
    let r = upload_image(&app, &mut staff, t, ("foto.jpg", photo), "Ein Radweg").await;
    assert_eq!(r.status, StatusCode::SEE_OTHER, "{}", r.body);
    let id = app.count("SELECT MAX(id) AS n FROM images").await;
    let path = format!("/images/{id}");
    let img = app.get(&mut Session::default(), &path).await;
    assert_eq!(img.status, StatusCode::OK);
    assert_eq!(img.headers["content-type"], "image/jpeg");
    let cache = img.headers["cache-control"].to_str().unwrap();
    assert!(cache.starts_with("public"), "{cache}");
    let stripped = include_bytes!("../../../../testdata/images/gps-stripped.jpg");
    assert_eq!(img.body, String::from_utf8_lossy(stripped));
    for gone in ["Exif", "Mustermann", "GPSLatitude"] {
        assert!(!img.body.contains(gone), "{gone}");
    }

    // The same process as a draft: its image is gone for the public and
    // private for its staff.
    app.store
        .db
        .exec(
            "UPDATE processes SET status = 'draft' WHERE slug = 'radwege'",
            &[],
        )
        .await
        .unwrap();
    let r = app.get(&mut Session::default(), &path).await;
    assert_eq!(r.status, StatusCode::NOT_FOUND);
    let mut citizen = app.login("citizen").await;
    assert_eq!(
        app.get(&mut citizen, &path).await.status,
        StatusCode::NOT_FOUND
    );
    let r = app.get(&mut staff, &path).await;
    assert_eq!(r.status, StatusCode::OK);
    assert_eq!(r.headers["cache-control"], "private, no-store");
}
