//! Two-factor authentication: setup on the profile, the log-in's second
//! step with a code or a recovery code (each once), turning it off, and
//! the administrator's policy that forces the setup (pages and API).

use crate::common::{Resp, Row, Session, TestApp, ALL, LOGGED_IN, PASSWORD};
use axum::http::StatusCode;
use teilhabe_domain::totp;

/// The rows of the permission matrix for the two-factor routes.
pub fn permission_rows() -> Vec<Row> {
    let p = |s: &str| s.to_string();
    let otp = || vec![("otp", p("000000"))];
    vec![
        // Without the pending cookie of a password step: 409 for everyone.
        ("GET", "/login/code", p("/login/code"), vec![], ALL),
        ("POST", "/login/code", p("/login/code"), otp(), ALL),
        (
            "GET",
            "/profile/twofactor",
            p("/profile/twofactor"),
            vec![],
            LOGGED_IN,
        ),
        (
            "POST",
            "/profile/twofactor/start",
            p("/profile/twofactor/start"),
            vec![],
            LOGGED_IN,
        ),
        // After the start row: the pending secret's QR code.
        (
            "GET",
            "/profile/twofactor/qr.svg",
            p("/profile/twofactor/qr.svg"),
            vec![],
            LOGGED_IN,
        ),
        // A wrong code: 422.
        (
            "POST",
            "/profile/twofactor/confirm",
            p("/profile/twofactor/confirm"),
            otp(),
            LOGGED_IN,
        ),
        // Not on: 409.
        (
            "POST",
            "/profile/twofactor/disable",
            p("/profile/twofactor/disable"),
            otp(),
            LOGGED_IN,
        ),
        (
            "GET",
            "/admin/twofactor",
            p("/admin/twofactor"),
            vec![],
            &["admin"],
        ),
        (
            "POST",
            "/admin/twofactor",
            p("/admin/twofactor"),
            vec![],
            &["admin"],
        ),
    ]
}

fn now_s(app: &TestApp) -> u64 {
    u64::try_from(app.store.now() / 1000).unwrap()
}

/// The code of `secret` now, as an app would show it.
fn code_now(app: &TestApp, secret: &[u8]) -> String {
    totp::code_at(secret, now_s(app), totp::DIGITS)
}

/// Posts a form with the CSRF token of `page`.
async fn post_from(
    app: &TestApp,
    s: &mut Session,
    page: &str,
    path: &str,
    fields: &[(&str, &str)],
) -> Resp {
    let token = app.get(s, page).await.csrf();
    app.post_with_token(s, path, &token, fields).await
}

/// Starts and confirms the setup for the session's person; returns the
/// secret and the recovery codes shown.
async fn set_up(app: &TestApp, s: &mut Session) -> (Vec<u8>, Vec<String>) {
    let r = post_from(
        app,
        s,
        "/profile/twofactor",
        "/profile/twofactor/start",
        &[],
    )
    .await;
    assert_eq!(r.status, StatusCode::SEE_OTHER, "{}", r.body);
    let page = app.get(s, "/profile/twofactor").await;
    assert_eq!(page.status, StatusCode::OK);
    assert!(page
        .body
        .contains(r#"<img src="/profile/twofactor/qr.svg""#));
    let re = regex_lite::Regex::new(r#"<code id="twofactor-secret">([A-Z2-7 ]+)</code>"#).unwrap();
    let grouped = re.captures(&page.body).expect("secret as text")[1].to_string();
    assert!(grouped.contains(' '), "grouped for reading: {grouped}");
    let secret = totp::base32_decode(&grouped).unwrap();
    assert_eq!(secret.len(), 20);
    let code = code_now(app, &secret);
    let token = page.csrf();
    let r = app
        .post_with_token(s, "/profile/twofactor/confirm", &token, &[("otp", &code)])
        .await;
    assert_eq!(r.status, StatusCode::OK, "{}", r.body);
    let re = regex_lite::Regex::new(
        r"<li><code>([A-Z2-7]{4}-[A-Z2-7]{4}-[A-Z2-7]{4}-[A-Z2-7]{4})</code></li>",
    )
    .unwrap();
    let codes: Vec<String> = re
        .captures_iter(&r.body)
        .map(|c| c[1].to_string())
        .collect();
    assert_eq!(codes.len(), 10, "ten recovery codes shown once");
    (secret, codes)
}

/// Logs out and in with the password; returns the answer to the password.
async fn password_step(app: &TestApp, s: &mut Session, name: &str) -> Resp {
    if s.cookies.contains_key("th_session") {
        let r = post_from(app, s, "/", "/logout", &[]).await;
        assert_eq!(r.status, StatusCode::SEE_OTHER);
    }
    let email = format!("{name}@musterstadt.example");
    post_from(
        app,
        s,
        "/login",
        "/login",
        &[
            ("email", &email),
            ("password", PASSWORD),
            ("next", "/inbox"),
        ],
    )
    .await
}

async fn audits(app: &TestApp, action: &str) -> i64 {
    app.count(&format!(
        "SELECT COUNT(*) AS n FROM audit_log WHERE action = '{action}'"
    ))
    .await
}

#[tokio::test]
async fn setup_then_login_with_a_code_wrong_codes_and_recovery_codes_once() {
    let app = TestApp::new().await;
    let mut s = app.login("staff").await;
    let profile = app.get(&mut s, "/profile").await;
    assert!(profile.body.contains("Zwei-Faktor-Anmeldung einrichten"));

    // The QR code only exists while a setup waits for its first code.
    assert_eq!(
        app.get(&mut s, "/profile/twofactor/qr.svg").await.status,
        StatusCode::NOT_FOUND
    );
    let r = post_from(
        &app,
        &mut s,
        "/profile/twofactor",
        "/profile/twofactor/start",
        &[],
    )
    .await;
    assert_eq!(r.status, StatusCode::SEE_OTHER);
    let svg = app.get(&mut s, "/profile/twofactor/qr.svg").await;
    assert_eq!(svg.status, StatusCode::OK);
    assert_eq!(svg.headers["content-type"], "image/svg+xml");
    assert!(
        svg.body.contains("<svg") && svg.body.contains("<path"),
        "{}",
        &svg.body[..svg.body.len().min(300)]
    );
    assert!(
        !svg.body.contains("style") && !svg.body.contains("script"),
        "no styles or scripts for the CSP"
    );

    // A wrong first code is refused next to the field, nothing is on.
    let page = app.get(&mut s, "/profile/twofactor").await;
    let re = regex_lite::Regex::new(r#"<code id="twofactor-secret">([A-Z2-7 ]+)</code>"#).unwrap();
    let secret = totp::base32_decode(&re.captures(&page.body).unwrap()[1]).unwrap();
    let right = code_now(&app, &secret);
    let wrong = if right == "123456" {
        "654321"
    } else {
        "123456"
    };
    let r = app
        .post_with_token(
            &mut s,
            "/profile/twofactor/confirm",
            &page.csrf(),
            &[("otp", wrong)],
        )
        .await;
    assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(r.body.contains("Dieser Code stimmt nicht"), "{}", r.body);
    assert_eq!(audits(&app, "twofactor.enabled").await, 0);

    // Restarting makes a new secret; the setup then confirms.
    let (secret, codes) = set_up(&app, &mut s).await;
    assert_eq!(audits(&app, "twofactor.enabled").await, 1);
    assert_eq!(
        app.count("SELECT COUNT(*) AS n FROM twofactor_recovery WHERE used_at IS NULL")
            .await,
        10
    );
    for c in &codes {
        let plain = totp::normalize_recovery(c);
        assert_eq!(app.count(&format!("SELECT COUNT(*) AS n FROM twofactor_recovery WHERE code_hash = '{plain}' OR code_hash = '{c}'")).await, 0, "stored hashed");
    }
    let again = app.get(&mut s, "/profile/twofactor").await;
    assert!(
        again.body.contains("ist eingeschaltet") && !again.body.contains(&codes[0]),
        "codes are shown once"
    );

    // The password alone gives no session, only the second step.
    let r = password_step(&app, &mut s, "staff").await;
    assert_eq!(r.status, StatusCode::SEE_OTHER);
    assert!(
        r.location().starts_with("/login/code?next="),
        "{}",
        r.location()
    );
    assert!(!s.cookies.contains_key("th_session") && s.cookies.contains_key("th_2fa"));
    // The pending log-in is kept as a hash only (a database reader cannot
    // use it to skip the password).
    let pending = s.cookies["th_2fa"].clone();
    let rows =
        |v: String| format!("SELECT COUNT(*) AS n FROM twofactor_pending WHERE token_hash = '{v}'");
    assert_eq!(
        app.count(&rows(teilhabe_store::token_hash(&pending))).await,
        1
    );
    assert_eq!(app.count(&rows(pending.clone())).await, 0);
    assert_eq!(
        app.get(&mut s, "/inbox").await.status,
        StatusCode::SEE_OTHER,
        "not signed in yet"
    );
    let form = app.get(&mut s, &r.location()).await;
    assert_eq!(form.status, StatusCode::OK);
    assert!(
        form.body
            .contains(r#"name="next" value="&#x2f;inbox?notice=notice-logged-in""#),
        "{}",
        form.body
    );
    // The code that confirmed the setup was used in this step already.
    let used = code_now(&app, &secret);
    let r = app
        .post_with_token(
            &mut s,
            "/login/code",
            &form.csrf(),
            &[("otp", &used), ("next", "/inbox")],
        )
        .await;
    assert_eq!(
        r.status,
        StatusCode::UNPROCESSABLE_ENTITY,
        "a code is never used twice"
    );
    assert!(r.body.contains("Dieser Code stimmt nicht"));
    assert!(!s.cookies.contains_key("th_session"));

    // A later step: the pending cookie has expired meanwhile.
    app.store.clock.advance_days(1);
    let fresh = code_now(&app, &secret);
    let r = post_from(&app, &mut s, "/login", "/login/code", &[("otp", &fresh)]).await;
    assert_eq!(r.status, StatusCode::CONFLICT, "expired second step");
    assert!(r.body.contains("Die Anmeldung ist abgelaufen."));
    let r = password_step(&app, &mut s, "staff").await;
    let form = app.get(&mut s, &r.location()).await;
    let r = app
        .post_with_token(
            &mut s,
            "/login/code",
            &form.csrf(),
            &[("otp", wrong_for(&fresh)), ("next", "/inbox")],
        )
        .await;
    assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY);
    let r = app
        .post_with_token(
            &mut s,
            "/login/code",
            &form.csrf(),
            &[("otp", &fresh), ("next", "/inbox")],
        )
        .await;
    assert_eq!(r.status, StatusCode::SEE_OTHER, "{}", r.body);
    assert_eq!(r.location(), "/inbox");
    assert!(s.cookies.contains_key("th_session") && !s.cookies.contains_key("th_2fa"));
    assert_eq!(
        app.count("SELECT COUNT(*) AS n FROM twofactor_pending")
            .await,
        0,
        "the pending log-in is over"
    );
    assert_eq!(app.get(&mut s, "/inbox").await.status, StatusCode::OK);

    // A recovery code works once (any case, with or without dashes).
    let r = password_step(&app, &mut s, "staff").await;
    let form = app.get(&mut s, &r.location()).await;
    let typed = codes[0].to_lowercase().replace('-', " ");
    let r = app
        .post_with_token(
            &mut s,
            "/login/code",
            &form.csrf(),
            &[("otp", &typed), ("next", "/")],
        )
        .await;
    assert_eq!(r.status, StatusCode::SEE_OTHER, "{}", r.body);
    assert!(s.cookies.contains_key("th_session"));
    assert_eq!(audits(&app, "twofactor.recovery_used").await, 1);
    let r = password_step(&app, &mut s, "staff").await;
    let form = app.get(&mut s, &r.location()).await;
    let r = app
        .post_with_token(&mut s, "/login/code", &form.csrf(), &[("otp", &codes[0])])
        .await;
    assert_eq!(
        r.status,
        StatusCode::UNPROCESSABLE_ENTITY,
        "a recovery code works once"
    );
    let r = app
        .post_with_token(&mut s, "/login/code", &form.csrf(), &[("otp", &codes[1])])
        .await;
    assert_eq!(r.status, StatusCode::SEE_OTHER);
    let page = app.get(&mut s, "/profile/twofactor").await;
    assert!(
        page.body.contains("Unbenutzte Wiederherstellungscodes: 8."),
        "{}",
        page.body
    );

    // Turning it off needs the password and a code.
    let r = app
        .post_with_token(
            &mut s,
            "/profile/twofactor/disable",
            &page.csrf(),
            &[("password", "falsch-falsch"), ("otp", &codes[2])],
        )
        .await;
    assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(r.body.contains("href=\"#password\""), "{}", r.body);
    let r = app
        .post_with_token(
            &mut s,
            "/profile/twofactor/disable",
            &page.csrf(),
            &[("password", PASSWORD), ("otp", "000000")],
        )
        .await;
    assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(audits(&app, "twofactor.disabled").await, 0);
    let r = app
        .post_with_token(
            &mut s,
            "/profile/twofactor/disable",
            &page.csrf(),
            &[("password", PASSWORD), ("otp", &codes[2])],
        )
        .await;
    assert_eq!(r.status, StatusCode::SEE_OTHER, "{}", r.body);
    assert_eq!(audits(&app, "twofactor.disabled").await, 1);
    assert_eq!(
        app.count("SELECT COUNT(*) AS n FROM twofactor_recovery")
            .await,
        0
    );
    let r = password_step(&app, &mut s, "staff").await;
    assert_eq!(
        r.location(),
        "/inbox?notice=notice-logged-in",
        "the password alone again"
    );
}

/// A six-digit code other than `code`.
fn wrong_for(code: &str) -> &'static str {
    if code == "111111" {
        "222222"
    } else {
        "111111"
    }
}

#[tokio::test]
async fn the_policy_forces_the_setup_before_anything_else_on_pages_and_api() {
    let app = TestApp::new().await;
    let mut admin = app.login("admin").await;
    let page = app.get(&mut admin, "/admin/twofactor").await;
    assert_eq!(page.status, StatusCode::OK);
    let r = app
        .post_with_token(
            &mut admin,
            "/admin/twofactor",
            &page.csrf(),
            &[("role", "citizen")],
        )
        .await;
    assert_eq!(
        r.status,
        StatusCode::BAD_REQUEST,
        "the citizen role cannot be required"
    );
    let r = app
        .post_with_token(
            &mut admin,
            "/admin/twofactor",
            &page.csrf(),
            &[("role", "moderator")],
        )
        .await;
    assert_eq!(r.status, StatusCode::SEE_OTHER);
    assert_eq!(audits(&app, "twofactor.policy").await, 1);
    assert!(app
        .get(&mut admin, "/admin/twofactor")
        .await
        .body
        .contains(r#"value="moderator" checked"#));

    // Other roles are not affected.
    let mut citizen = app.login("citizen").await;
    assert_eq!(
        app.get(&mut citizen, "/profile").await.status,
        StatusCode::OK
    );
    assert_eq!(app.get(&mut admin, "/admin").await.status, StatusCode::OK);

    // The moderator is sent to the setup from every page, and the API
    // refuses their token with a reason.
    let token = app.token("moderator").await;
    let mut m = app.login("moderator").await;
    for path in ["/", "/moderation", "/profile", "/processes/radwege"] {
        let r = app.get(&mut m, path).await;
        assert_eq!(r.status, StatusCode::SEE_OTHER, "{path}");
        assert_eq!(
            r.location(),
            "/profile/twofactor?notice=notice-twofactor-required",
            "{path}"
        );
    }
    let page = app.get(&mut m, "/profile/twofactor").await;
    assert_eq!(page.status, StatusCode::OK);
    assert!(page
        .body
        .contains("Für Ihre Rolle ist die Zwei-Faktor-Anmeldung Pflicht."));
    let r = app
        .post_with_token(&mut m, "/notifications/read", &page.csrf(), &[])
        .await;
    assert_eq!(
        r.location(),
        "/profile/twofactor?notice=notice-twofactor-required",
        "no writes either"
    );
    let r = app.api("GET", "/api/audit", Some(&token), None).await;
    assert_eq!(r.status, StatusCode::FORBIDDEN);
    assert_eq!(
        r.json()["type"],
        "https://teilhabe.dev/problems/twofactor-required"
    );

    // Once set up, everything works again; it cannot be turned off.
    let (_, codes) = set_up(&app, &mut m).await;
    assert_eq!(app.get(&mut m, "/moderation").await.status, StatusCode::OK);
    assert_eq!(
        app.api("GET", "/api/audit", Some(&token), None)
            .await
            .status,
        StatusCode::OK
    );
    let page = app.get(&mut m, "/profile/twofactor").await;
    assert!(!page.body.contains("/profile/twofactor/disable"));
    let r = app
        .post_with_token(
            &mut m,
            "/profile/twofactor/disable",
            &page.csrf(),
            &[("password", PASSWORD), ("otp", &codes[0])],
        )
        .await;
    assert_eq!(r.status, StatusCode::CONFLICT);

    // An administrator's reset (the CLI's use case): the moderator logs in
    // with the password and must set it up again.
    let id = app.users["moderator"];
    let reset = app
        .store
        .twofactor()
        .reset(&app.tenant, &teilhabe_domain::Actor::administrator(), id)
        .await
        .unwrap();
    assert!(reset);
    assert_eq!(audits(&app, "twofactor.reset").await, 1);
    let citizen_actor = app.actor("citizen").await;
    assert!(
        app.store
            .twofactor()
            .reset(&app.tenant, &citizen_actor, id)
            .await
            .is_err(),
        "admins only"
    );
    let mut m = app.login("moderator").await;
    assert_eq!(
        app.get(&mut m, "/moderation").await.location(),
        "/profile/twofactor?notice=notice-twofactor-required"
    );
}

#[tokio::test]
async fn the_code_step_is_rate_limited_and_a_password_reset_does_not_skip_it() {
    let app = TestApp::with_config(teilhabe_web::Config {
        login_per_minute: 3,
        ..crate::common::config()
    })
    .await;
    let mut s = app.login("council").await;
    let (secret, _) = set_up(&app, &mut s).await;
    let r = password_step(&app, &mut s, "council").await;
    let form = app.get(&mut s, &r.location()).await;
    let right = code_now(&app, &secret);
    let mut statuses = Vec::new();
    for _ in 0..4 {
        let r = app
            .post_with_token(
                &mut s,
                "/login/code",
                &form.csrf(),
                &[("otp", wrong_for(&right))],
            )
            .await;
        statuses.push(r.status);
    }
    assert_eq!(&statuses[..3], &[StatusCode::UNPROCESSABLE_ENTITY; 3]);
    assert_eq!(statuses[3], StatusCode::TOO_MANY_REQUESTS);
    assert!(!s.cookies.contains_key("th_session"));

    // A reset link from the mail sets the password, but the code is
    // still asked for before a session starts.
    let user = app
        .store
        .accounts()
        .start_password_reset(&app.tenant, "council@musterstadt.example")
        .await
        .unwrap()
        .unwrap();
    // The mail sender makes the link's token when it sends the mail.
    let token = app
        .store
        .accounts()
        .issue_mail_token(
            app.tenant.id,
            user.id,
            teilhabe_store::accounts::MailToken::Reset,
        )
        .await
        .unwrap();
    let mut other = Session::default();
    let page = app
        .get(&mut other, &format!("/password/reset?token={token}"))
        .await;
    let r = app
        .post_with_token(
            &mut other,
            "/password/reset",
            &page.csrf(),
            &[
                ("token", &token),
                ("password", "ein-neues-passwort"),
                ("password_confirm", "ein-neues-passwort"),
            ],
        )
        .await;
    assert_eq!(r.status, StatusCode::SEE_OTHER, "{}", r.body);
    assert!(
        r.location().starts_with("/login/code?next="),
        "{}",
        r.location()
    );
    assert!(!other.cookies.contains_key("th_session") && other.cookies.contains_key("th_2fa"));
}
