//! Walks every route with every role and asserts allowed or refused. The
//! route list is read from the router's source, so a new route without a
//! row here fails this test.

use crate::common::{Row, Session, TestApp, ALL, LOGGED_IN};
use axum::http::StatusCode;
use std::collections::BTreeSet;

pub(crate) fn routes_in_source() -> BTreeSet<(String, String)> {
    let dir = concat!(env!("CARGO_MANIFEST_DIR"), "/src");
    let mut out = BTreeSet::new();
    // Every file below the pages module, so a new module's routes need rows too.
    fn rust_files(dir: &std::path::Path, out: &mut Vec<std::path::PathBuf>) {
        for e in std::fs::read_dir(dir).unwrap() {
            let p = e.unwrap().path();
            if p.is_dir() {
                rust_files(&p, out);
            } else if p.extension().is_some_and(|x| x == "rs") {
                out.push(p);
            }
        }
    }
    let mut files = Vec::new();
    rust_files(std::path::Path::new(&format!("{dir}/pages")), &mut files);
    for path in &files {
        let src = std::fs::read_to_string(path).unwrap();
        out.extend(crate::common::routes_in(&src, ""));
    }
    // The API: every operation of the OpenAPI document (routes and document
    // come from the same declarations), plus undocumented plain routes.
    let doc = serde_json::to_value(teilhabe_web::api::openapi_document()).unwrap();
    for (path, item) in doc["paths"].as_object().unwrap() {
        for method in item.as_object().unwrap().keys() {
            out.insert((method.to_uppercase(), path.clone()));
        }
    }
    let api_mod = std::fs::read_to_string(format!("{dir}/api/mod.rs")).unwrap();
    out.extend(crate::common::routes_in(&api_mod, "/api"));
    // Guard against a parser that silently finds nothing.
    assert!(
        out.len() > 60,
        "only {} routes found in the source",
        out.len()
    );
    out
}

#[tokio::test]
async fn every_route_with_every_role() {
    let app = TestApp::new().await;
    let own = app
        .proposal("citizen", "Eigener Vorschlag zum Testen")
        .await;
    let target = app.proposal("citizen2", "Vorschlag zum Unterstützen").await;
    let c2 = app.actor("citizen2").await;
    let comment = app
        .store
        .proposals()
        .comment(
            &app.tenant,
            &c2,
            target,
            None,
            "Ein Kommentar zum Melden.",
            None,
        )
        .await
        .unwrap();
    let admin_actor = app.actor("admin").await;
    let png = include_bytes!("../../../../testdata/images/tiny.png");
    let image = app
        .store
        .processes()
        .set_image(
            &app.tenant,
            &admin_actor,
            "radwege",
            png,
            "Ein Radweg mit Bäumen",
        )
        .await
        .unwrap();
    let image_url = format!("/images/{image}");
    let statement = app
        .store
        .opinion()
        .add_seed_statement(
            &app.tenant,
            &admin_actor,
            "radwege",
            "Radwege sollen baulich vom Autoverkehr getrennt sein.",
        )
        .await
        .unwrap();
    let statement = statement.to_string();
    let first = teilhabe_register::sample::sample_entries().remove(0);
    let register_slug = app.create_entry(Some(app.dept), first).await.slug;
    let reg = |tail: &str| format!("/data-register/{register_slug}{tail}");
    // Questions on the entry: one to answer, one to hide.
    let mut asked = Vec::new();
    for text in [
        "Eine Frage zum Beantworten im Test.",
        "Eine Frage zum Ausblenden im Test.",
    ] {
        asked.push(
            app.store
                .questions()
                .ask(&app.tenant, &c2, &register_slug, "question", "", text)
                .await
                .unwrap()
                .id,
        );
    }
    let rq = |id: i64, tail: &str| format!("/data-register/{register_slug}/questions/{id}{tail}");
    let api_reg = |tail: &str| format!("/api/register/{register_slug}{tail}");
    let api_rq = |tail: &str| format!("/api/register/{register_slug}/questions{tail}");
    let p = |s: &str| s.to_string();
    let f = |pairs: &[(&'static str, &str)]| {
        pairs
            .iter()
            .map(|(k, v)| (*k, v.to_string()))
            .collect::<Vec<_>>()
    };
    let dept = app.dept.to_string();
    let rows: Vec<Row> = vec![
        ("GET", "/", p("/"), vec![], ALL),
        ("GET", "/health", p("/health"), vec![], ALL),
        ("GET", "/ready", p("/ready"), vec![], ALL),
        (
            "GET",
            "/static/style.css",
            p("/static/style.css"),
            vec![],
            ALL,
        ),
        (
            "GET",
            "/lang/{code}",
            p("/lang/en?back=/processes"),
            vec![],
            ALL,
        ),
        ("GET", "/processes", p("/processes"), vec![], ALL),
        ("GET", "/search", p("/search?q=radweg"), vec![], ALL),
        ("GET", "/catalog.ttl", p("/catalog.ttl"), vec![], ALL),
        ("GET", "/catalog.rdf", p("/catalog.rdf"), vec![], ALL),
        ("GET", "/catalog.jsonld", p("/catalog.jsonld"), vec![], ALL),
        ("GET", "/audit", p("/audit"), vec![], ALL),
        (
            "GET",
            "/audit/checkpoints",
            p("/audit/checkpoints"),
            vec![],
            ALL,
        ),
        ("GET", "/impressum", p("/impressum"), vec![], ALL),
        ("GET", "/datenschutz", p("/datenschutz"), vec![], ALL),
        // The open data catalog's Atom feed of new datasets: public.
        (
            "GET",
            "/daten/feed.atom",
            p("/daten/feed.atom"),
            vec![],
            ALL,
        ),
        (
            "GET",
            "/barrierefreiheit",
            p("/barrierefreiheit"),
            vec![],
            ALL,
        ),
        (
            "GET",
            "/processes/{slug}",
            p("/processes/radwege"),
            vec![],
            ALL,
        ),
        (
            "GET",
            "/processes/{slug}/proposals/new",
            p("/processes/radwege/proposals/new"),
            vec![],
            LOGGED_IN,
        ),
        (
            "POST",
            "/processes/{slug}/proposals",
            p("/processes/radwege/proposals"),
            f(&[
                ("title", "Neuer Vorschlag im Test"),
                ("body", "Eine Begründung, die lang genug ist."),
                ("confirmed", "1"),
            ]),
            LOGGED_IN,
        ),
        (
            "POST",
            "/processes/{slug}/follow",
            p("/processes/radwege/follow"),
            f(&[("follow", "1")]),
            LOGGED_IN,
        ),
        (
            "GET",
            "/proposals/{id}",
            format!("/proposals/{target}"),
            vec![],
            ALL,
        ),
        (
            "GET",
            "/proposals/{id}/edit",
            format!("/proposals/{own}/edit"),
            vec![],
            &["citizen"],
        ),
        (
            "POST",
            "/proposals/{id}/edit",
            format!("/proposals/{own}/edit"),
            f(&[
                ("title", "Geänderter eigener Vorschlag"),
                ("body", "Eine geänderte, ausreichend lange Begründung."),
            ]),
            &["citizen"],
        ),
        (
            "POST",
            "/proposals/{id}/support",
            format!("/proposals/{target}/support"),
            vec![],
            LOGGED_IN,
        ),
        (
            "POST",
            "/proposals/{id}/unsupport",
            format!("/proposals/{target}/unsupport"),
            vec![],
            LOGGED_IN,
        ),
        (
            "POST",
            "/proposals/{id}/comments",
            format!("/proposals/{target}/comments"),
            f(&[("body", "Ein Kommentar aus dem Rollentest.")]),
            LOGGED_IN,
        ),
        (
            "POST",
            "/proposals/{id}/follow",
            format!("/proposals/{target}/follow"),
            f(&[("follow", "1")]),
            LOGGED_IN,
        ),
        (
            "POST",
            "/proposals/{id}/answer",
            format!("/proposals/{target}/answer"),
            f(&[("status", "in_review")]),
            &["staff", "admin"],
        ),
        (
            "POST",
            "/report",
            p("/report"),
            f(&[
                ("kind", "comment"),
                ("id", &comment.to_string()),
                ("reason", "Test der Meldung"),
            ]),
            LOGGED_IN,
        ),
        (
            "GET",
            "/moderation",
            p("/moderation"),
            vec![],
            &["moderator", "admin"],
        ),
        (
            "POST",
            "/moderation/hide",
            p("/moderation/hide"),
            f(&[
                ("kind", "comment"),
                ("id", &comment.to_string()),
                ("reason", "Ausblenden im Test"),
            ]),
            &["moderator", "admin"],
        ),
        (
            "POST",
            "/moderation/dismiss",
            p("/moderation/dismiss"),
            f(&[("report_id", "{report}")]),
            &["moderator", "admin"],
        ),
        (
            "GET",
            "/inbox",
            p("/inbox"),
            vec![],
            &["staff", "other_staff", "admin"],
        ),
        ("GET", "/login", p("/login"), vec![], ALL),
        (
            "POST",
            "/login",
            p("/login"),
            f(&[("email", "x@y.de"), ("password", "falsch-falsch")]),
            ALL,
        ),
        ("POST", "/logout", p("/logout"), vec![], ALL),
        ("GET", "/signup", p("/signup"), vec![], ALL),
        (
            "POST",
            "/signup",
            p("/signup"),
            f(&[("email", "rolle@musterstadt.example")]),
            ALL,
        ),
        (
            "GET",
            "/signup/confirm",
            p("/signup/confirm?token=abc"),
            vec![],
            ALL,
        ),
        (
            "POST",
            "/signup/confirm",
            p("/signup/confirm"),
            f(&[("token", "abc")]),
            ALL,
        ),
        (
            "POST",
            "/signup/resend",
            p("/signup/resend"),
            vec![],
            LOGGED_IN,
        ),
        (
            "GET",
            "/password/forgot",
            p("/password/forgot"),
            vec![],
            ALL,
        ),
        (
            "POST",
            "/password/forgot",
            p("/password/forgot"),
            f(&[("email", "niemand@musterstadt.example")]),
            ALL,
        ),
        (
            "GET",
            "/password/reset",
            p("/password/reset?token=abc"),
            vec![],
            ALL,
        ),
        (
            "POST",
            "/password/reset",
            p("/password/reset"),
            f(&[
                ("token", "abc"),
                ("password", "ein-neues-passwort"),
                ("password_confirm", "ein-neues-passwort"),
            ]),
            ALL,
        ),
        ("GET", "/profile", p("/profile"), vec![], LOGGED_IN),
        (
            "GET",
            "/profile/data",
            p("/profile/data"),
            vec![],
            LOGGED_IN,
        ),
        (
            "GET",
            "/profile/export.json",
            p("/profile/export.json"),
            vec![],
            LOGGED_IN,
        ),
        (
            "GET",
            "/profile/delete",
            p("/profile/delete"),
            vec![],
            LOGGED_IN,
        ),
        (
            "POST",
            "/profile/delete",
            p("/profile/delete"),
            f(&[("password", "falsch"), ("contributions", "keep")]),
            LOGGED_IN,
        ),
        (
            "GET",
            "/admin/retention",
            p("/admin/retention"),
            vec![],
            &["admin"],
        ),
        (
            "POST",
            "/profile/password",
            p("/profile/password"),
            f(&[("current_password", "falsch")]),
            LOGGED_IN,
        ),
        (
            "POST",
            "/profile/preferences",
            p("/profile/preferences"),
            f(&[("locale", "de"), ("digest", "weekly")]),
            LOGGED_IN,
        ),
        (
            "POST",
            "/profile/verify",
            p("/profile/verify"),
            f(&[("code", "UNBEKANNT1")]),
            LOGGED_IN,
        ),
        (
            "POST",
            "/profile/tokens",
            p("/profile/tokens"),
            f(&[("name", "Rollentest")]),
            LOGGED_IN,
        ),
        (
            "POST",
            "/profile/tokens/{id}/revoke",
            p("/profile/tokens/{own_token}/revoke"),
            vec![],
            LOGGED_IN,
        ),
        (
            "POST",
            "/notifications/read",
            p("/notifications/read"),
            vec![],
            LOGGED_IN,
        ),
        (
            "GET",
            "/admin",
            p("/admin"),
            vec![],
            &["staff", "other_staff", "moderator", "admin"],
        ),
        (
            "GET",
            "/admin/processes/new",
            p("/admin/processes/new"),
            vec![],
            &["staff", "other_staff", "admin"],
        ),
        (
            "POST",
            "/admin/processes",
            p("/admin/processes"),
            f(&[
                ("title", "Ein neuer Prozess"),
                ("summary", "Zusammenfassung des Prozesses."),
                ("department_id", &dept),
                ("status", "draft"),
                ("slug", "{unique}"),
                ("phase_title_0", "Phase"),
                ("phase_start_0", "2026-11-01"),
                ("phase_end_0", "2026-11-30"),
            ]),
            &["staff", "other_staff", "admin"],
        ),
        (
            "GET",
            "/admin/processes/{slug}/edit",
            p("/admin/processes/radwege/edit"),
            vec![],
            &["staff", "admin"],
        ),
        (
            "POST",
            "/admin/processes/{slug}/edit",
            p("/admin/processes/radwege/edit"),
            f(&[
                ("title", "Radwege in Musterstadt"),
                ("slug", "radwege"),
                ("summary", "Wo fehlen sichere Radwege in der Stadt?"),
                ("department_id", &dept),
                // As the form sends it back: the process keeps its image.
                ("image_url", &image_url),
                ("status", "published"),
                ("phase_title_0", "Vorschläge"),
                ("phase_start_0", "2026-11-01"),
                ("phase_end_0", "2026-12-31"),
                ("phase_form_0", "proposals"),
                ("phase_form_0", "supports"),
                ("phase_form_0", "comments"),
                ("active_phase", "0"),
            ]),
            &["staff", "admin"],
        ),
        // Sent as a plain form here, so allowed roles get a 400 for the
        // missing file; the permission is decided before the body is read.
        (
            "POST",
            "/admin/processes/{slug}/image",
            p("/admin/processes/radwege/image"),
            vec![],
            &["staff", "admin"],
        ),
        (
            "GET",
            "/images/{id}",
            format!("/images/{image}"),
            vec![],
            ALL,
        ),
        ("GET", "/admin/users", p("/admin/users"), vec![], &["admin"]),
        (
            "POST",
            "/admin/users/role",
            p("/admin/users/role"),
            f(&[
                ("user_id", &app.users["council"].to_string()),
                ("role", "moderator"),
                ("grant", "1"),
            ]),
            &["admin"],
        ),
        (
            "GET",
            "/admin/verification",
            p("/admin/verification"),
            vec![],
            &["admin"],
        ),
        (
            "POST",
            "/admin/verification/import",
            p("/admin/verification/import"),
            f(&[("batch", "Rollentest"), ("codes", "{unique_code}")]),
            &["admin"],
        ),
        (
            "POST",
            "/admin/verification/generate",
            p("/admin/verification/generate"),
            f(&[("batch", "Rollentest"), ("count", "2")]),
            &["admin"],
        ),
        (
            "GET",
            "/admin/outbox",
            p("/admin/outbox"),
            vec![],
            &["admin"],
        ),
        (
            "GET",
            "/admin/settings",
            p("/admin/settings"),
            vec![],
            &["admin"],
        ),
        (
            "POST",
            "/admin/settings",
            p("/admin/settings"),
            f(&[
                ("answer_deadline_days", "30"),
                ("categories", "Verkehr\nGrün"),
                ("contact_email", "kontakt@musterstadt.example"),
            ]),
            &["admin"],
        ),
        // The catalog's settings (participation results): admins only.
        (
            "GET",
            "/daten/einstellungen",
            p("/daten/einstellungen"),
            vec![],
            &["admin"],
        ),
        (
            "POST",
            "/daten/einstellungen",
            p("/daten/einstellungen"),
            f(&[("suppression_threshold", "5")]),
            &["admin"],
        ),
        (
            "POST",
            "/admin/departments",
            p("/admin/departments"),
            f(&[("name", "{unique}")]),
            &["admin"],
        ),
        // Municipality settings (issue #11): invalid input answers 422
        // (allowed) without changing the fixture.
        (
            "POST",
            "/admin/settings/profile",
            p("/admin/settings/profile"),
            f(&[("name", "")]),
            &["admin"],
        ),
        (
            "POST",
            "/admin/settings/hosts",
            p("/admin/settings/hosts"),
            f(&[("host", "not a host")]),
            &["admin"],
        ),
        (
            "POST",
            "/admin/settings/hosts/remove",
            p("/admin/settings/hosts/remove"),
            f(&[("host", "unknown.example")]),
            &["admin"],
        ),
        // Sent as a plain form, so the admin gets a 400 for the missing
        // file; the permission is decided before the body is read.
        (
            "POST",
            "/admin/settings/logo",
            p("/admin/settings/logo"),
            vec![],
            &["admin"],
        ),
        (
            "POST",
            "/admin/settings/logo/remove",
            p("/admin/settings/logo/remove"),
            vec![],
            &["admin"],
        ),
        (
            "POST",
            "/admin/departments/{id}/rename",
            format!("/admin/departments/{dept}/rename"),
            f(&[("name", "")]),
            &["admin"],
        ),
        (
            "POST",
            "/admin/departments/{id}/merge",
            format!("/admin/departments/{dept}/merge"),
            f(&[("merge_into", &dept)]),
            &["admin"],
        ),
        ("GET", "/brand.css", p("/brand.css"), vec![], ALL),
        // Opinion map: anyone votes (the fixture's default settings);
        // staff of the department configure, moderators moderate.
        (
            "GET",
            "/static/opinion.js",
            p("/static/opinion.js"),
            vec![],
            ALL,
        ),
        (
            "GET",
            "/processes/{slug}/opinion",
            p("/processes/radwege/opinion"),
            vec![],
            ALL,
        ),
        (
            "POST",
            "/processes/{slug}/opinion/vote",
            p("/processes/radwege/opinion/vote"),
            f(&[("statement_id", &statement), ("vote", "agree")]),
            ALL,
        ),
        (
            "POST",
            "/processes/{slug}/opinion/statements",
            p("/processes/radwege/opinion/statements"),
            f(&[("body", "Aussage {unique} für den Test")]),
            ALL,
        ),
        (
            "GET",
            "/processes/{slug}/opinion/results",
            p("/processes/radwege/opinion/results"),
            vec![],
            ALL,
        ),
        (
            "GET",
            "/processes/{slug}/opinion/manage",
            p("/processes/radwege/opinion/manage"),
            vec![],
            &["staff", "moderator", "admin"],
        ),
        (
            "POST",
            "/processes/{slug}/opinion/settings",
            p("/processes/radwege/opinion/settings"),
            f(&[
                ("voters", "anyone"),
                ("participant_statements", "1"),
                ("moderation", "pre"),
            ]),
            &["staff", "admin"],
        ),
        (
            "POST",
            "/processes/{slug}/opinion/seed",
            p("/processes/radwege/opinion/seed"),
            f(&[("body", "Aussage {unique} der Verwaltung")]),
            &["staff", "admin"],
        ),
        (
            "POST",
            "/processes/{slug}/opinion/paper",
            p("/processes/radwege/opinion/paper"),
            f(&[("label", "{unique}"), ("vote-{statement}", "agree")]),
            &["staff", "admin"],
        ),
        (
            "GET",
            "/processes/{slug}/opinion/export/{file}",
            p("/processes/radwege/opinion/export/votes.csv"),
            vec![],
            &["staff", "admin"],
        ),
        (
            "POST",
            "/opinion-statements/{id}/moderate",
            format!("/opinion-statements/{statement}/moderate"),
            f(&[("state", "accepted")]),
            &["staff", "moderator", "admin"],
        ),
        // Register of data uses: public reading; staff of the entry's
        // department and admins write (an incomplete form is a 422, which
        // counts as allowed here).
        ("GET", "/data-register", p("/data-register"), vec![], ALL),
        (
            "POST",
            "/data-register",
            p("/data-register"),
            f(&[("department_id", &dept), ("name", "Eintrag {unique}")]),
            &["staff", "admin"],
        ),
        (
            "GET",
            "/data-register/new",
            p("/data-register/new"),
            vec![],
            &["staff", "other_staff", "admin"],
        ),
        ("GET", "/data-register/{slug}", reg(""), vec![], ALL),
        (
            "GET",
            "/data-register/{slug}/edit",
            reg("/edit"),
            vec![],
            &["staff", "admin"],
        ),
        (
            "POST",
            "/data-register/{slug}/edit",
            reg("/edit"),
            f(&[("base_version", "1"), ("change_note", "{unique}")]),
            &["staff", "admin"],
        ),
        (
            "GET",
            "/data-register/{slug}/versions",
            reg("/versions"),
            vec![],
            ALL,
        ),
        (
            "GET",
            "/data-register/{slug}/diff",
            reg("/diff?from=1&to=1"),
            vec![],
            ALL,
        ),
        // The register as files: public downloads; only admins import
        // (sent as a plain form, so admins get a 400 for the missing file;
        // the permission is decided before the body is read).
        (
            "GET",
            "/data-register/export/ats.json",
            p("/data-register/export/ats.json"),
            vec![],
            ALL,
        ),
        (
            "GET",
            "/data-register/export/nl.json",
            p("/data-register/export/nl.json"),
            vec![],
            ALL,
        ),
        (
            "GET",
            "/data-register/import",
            p("/data-register/import"),
            vec![],
            &["admin"],
        ),
        (
            "POST",
            "/data-register/import",
            p("/data-register/import"),
            vec![],
            &["admin"],
        ),
        // Questions and objections: anyone signed in asks and follows;
        // the entry's department and admins answer; moderators hide.
        (
            "POST",
            "/data-register/{slug}/questions",
            reg("/questions"),
            f(&[
                ("question_kind", "question"),
                ("question_text", "Frage {unique} zum Eintrag"),
            ]),
            LOGGED_IN,
        ),
        (
            "GET",
            "/data-register/{slug}/questions/record",
            reg("/questions/record"),
            vec![],
            &["staff", "admin"],
        ),
        (
            "POST",
            "/data-register/{slug}/questions/record",
            reg("/questions/record"),
            f(&[
                ("channel", "paper"),
                ("question_kind", "question"),
                ("question_text", "Brief {unique} zum Eintrag"),
            ]),
            &["staff", "admin"],
        ),
        (
            "GET",
            "/data-register/{slug}/questions/new",
            reg("/questions/new?kind=objection"),
            vec![],
            LOGGED_IN,
        ),
        (
            "GET",
            "/data-register/{slug}/questions/{id}/answer",
            rq(asked[0], "/answer"),
            vec![],
            &["staff", "admin"],
        ),
        (
            "POST",
            "/data-register/{slug}/questions/{id}/answer",
            rq(asked[0], "/answer"),
            f(&[("answer", "Antwort {unique} der Verwaltung")]),
            &["staff", "admin"],
        ),
        (
            "GET",
            "/data-register/{slug}/questions/{id}/hide",
            rq(asked[1], "/hide"),
            vec![],
            &["moderator", "admin"],
        ),
        (
            "POST",
            "/data-register/{slug}/questions/{id}/hide",
            rq(asked[1], "/hide"),
            f(&[("reason", "Grund {unique}")]),
            &["moderator", "admin"],
        ),
        (
            "GET",
            "/data-register/{slug}/questions/{id}/report",
            rq(asked[0], "/report"),
            vec![],
            LOGGED_IN,
        ),
        (
            "POST",
            "/data-register/{slug}/questions/{id}/report",
            rq(asked[0], "/report"),
            f(&[("reason", "Meldung {unique}")]),
            LOGGED_IN,
        ),
        (
            "POST",
            "/data-register/{slug}/follow",
            reg("/follow"),
            f(&[("follow", "1")]),
            LOGGED_IN,
        ),
        (
            "GET",
            "/admin/objection-deadline",
            p("/admin/objection-deadline"),
            vec![],
            &["admin"],
        ),
        (
            "POST",
            "/admin/objection-deadline",
            p("/admin/objection-deadline"),
            f(&[("objection_deadline_days", "30")]),
            &["admin"],
        ),
        // API: tokens instead of sessions; visitors read.
        (
            "GET",
            "/api/openapi.json",
            p("/api/openapi.json"),
            vec![],
            ALL,
        ),
        // The CKAN Action API (catalog/ckan.rs): read-only, open to all.
        (
            "GET",
            "/api/3/action/{name}",
            p("/api/3/action/package_list"),
            vec![],
            ALL,
        ),
        (
            "POST",
            "/api/3/action/{name}",
            p("/api/3/action/status_show"),
            f(&[("json", "{}")]),
            ALL,
        ),
        (
            "GET",
            "/api/action/{name}",
            p("/api/action/organization_list"),
            vec![],
            ALL,
        ),
        (
            "POST",
            "/api/action/{name}",
            p("/api/action/package_search"),
            f(&[("json", r#"{"rows":1}"#)]),
            ALL,
        ),
        ("GET", "/api/processes", p("/api/processes"), vec![], ALL),
        (
            "GET",
            "/api/processes/{slug}",
            p("/api/processes/radwege"),
            vec![],
            ALL,
        ),
        (
            "GET",
            "/api/processes/{slug}/proposals",
            p("/api/processes/radwege/proposals"),
            vec![],
            ALL,
        ),
        (
            "POST",
            "/api/processes/{slug}/proposals",
            p("/api/processes/radwege/proposals"),
            f(&[(
                "json",
                r#"{"title":"Vorschlag über die API","body":"Eine Begründung über die API, lang genug."}"#,
            )]),
            LOGGED_IN,
        ),
        (
            "GET",
            "/api/proposals/{id}",
            format!("/api/proposals/{target}"),
            vec![],
            ALL,
        ),
        (
            "POST",
            "/api/proposals/{id}/support",
            format!("/api/proposals/{target}/support"),
            vec![],
            LOGGED_IN,
        ),
        (
            "DELETE",
            "/api/proposals/{id}/support",
            format!("/api/proposals/{target}/support"),
            vec![],
            LOGGED_IN,
        ),
        (
            "POST",
            "/api/proposals/{id}/comments",
            format!("/api/proposals/{target}/comments"),
            f(&[("json", r#"{"body":"Kommentar über die API."}"#)]),
            LOGGED_IN,
        ),
        (
            "POST",
            "/api/proposals/{id}/answer",
            format!("/api/proposals/{target}/answer"),
            f(&[("json", r#"{"status":"in_review"}"#)]),
            &["staff", "admin"],
        ),
        (
            "GET",
            "/api/processes/{slug}/opinion",
            p("/api/processes/radwege/opinion"),
            vec![],
            ALL,
        ),
        (
            "POST",
            "/api/processes/{slug}/opinion/votes",
            p("/api/processes/radwege/opinion/votes"),
            f(&[(
                "json",
                &format!(r#"{{"statement_id":{statement},"vote":"agree"}}"#),
            )]),
            LOGGED_IN,
        ),
        ("GET", "/api/search", p("/api/search?q=radweg"), vec![], ALL),
        // The register's entries and versions: public reads.
        ("GET", "/api/register", p("/api/register"), vec![], ALL),
        ("GET", "/api/register/{slug}", api_reg(""), vec![], ALL),
        (
            "GET",
            "/api/register/{slug}/versions",
            api_reg("/versions"),
            vec![],
            ALL,
        ),
        (
            "GET",
            "/api/register/{slug}/versions/{version}",
            api_reg("/versions/1"),
            vec![],
            ALL,
        ),
        ("GET", "/api/audit", p("/api/audit"), vec![], ALL),
        (
            "GET",
            "/api/audit/checkpoints",
            p("/api/audit/checkpoints"),
            vec![],
            ALL,
        ),
        (
            "GET",
            "/api/register/{slug}/questions",
            api_rq(""),
            vec![],
            ALL,
        ),
        (
            "POST",
            "/api/register/{slug}/questions",
            api_rq(""),
            f(&[(
                "json",
                r#"{"kind":"objection","aspect":"data","text":"Ein Einwand über die API, lang genug."}"#,
            )]),
            LOGGED_IN,
        ),
        (
            "POST",
            "/api/register/{slug}/questions/{id}/answer",
            api_rq(&format!("/{}/answer", asked[0])),
            f(&[(
                "json",
                r#"{"answer":"Eine Antwort über die API, lang genug."}"#,
            )]),
            &["staff", "admin"],
        ),
    ];
    let budgets = crate::budget::setup(&app).await;
    let mut rows = rows;
    rows.extend(crate::budget::permission_rows(&budgets));
    let goals = crate::goals::setup(&app).await;
    rows.extend(crate::goals::permission_rows(&goals));
    rows.extend(crate::catalog_links::permission_rows(&app, &goals, &register_slug).await);
    rows.extend(crate::council::permission_rows(&app).await);
    let evaluation = crate::evaluation::setup(&app).await;
    rows.extend(crate::evaluation::permission_rows(&evaluation));
    rows.extend(crate::twofactor::permission_rows());
    rows.extend(crate::catalog_requests::permission_rows(&app).await);
    let catalog = crate::catalog::setup(&app).await;
    rows.extend(crate::catalog::permission_rows(&catalog));
    let harvest_source = crate::catalog_harvest::setup(&app).await;
    rows.extend(crate::catalog_harvest::permission_rows(harvest_source));

    // Every registered route has a row.
    let covered: BTreeSet<(String, String)> = rows
        .iter()
        .map(|r| (r.0.to_string(), r.1.to_string()))
        .collect();
    let missing: Vec<_> = routes_in_source().difference(&covered).cloned().collect();
    assert!(
        missing.is_empty(),
        "routes without a permission row: {missing:?}"
    );

    let mut failures = Vec::new();
    let mut counter = 0;
    for &role in ALL {
        let mut session = if role == "visitor" {
            Session::default()
        } else {
            app.login(role).await
        };
        let token = if role == "visitor" {
            None
        } else {
            Some(app.token(role).await)
        };
        for (method, route, path, fields, allowed) in &rows {
            counter += 1;
            let unique = format!("rollentest-{counter}");
            let code = format!("ROLLE{counter:06}CODE");
            let mut path = path.clone();
            if path.contains("{own_token}") {
                let t = match role {
                    "visitor" => 999_999,
                    r => {
                        app.store
                            .accounts()
                            .create_api_token(&app.tenant, app.users[r], "revoke-me")
                            .await
                            .unwrap();
                        app.store
                            .accounts()
                            .api_tokens(&app.tenant, app.users[r])
                            .await
                            .unwrap()
                            .last()
                            .unwrap()
                            .id
                    }
                };
                path = path.replace("{own_token}", &t.to_string());
            }
            let mut fields: Vec<(String, String)> = fields
                .iter()
                .map(|(k, v)| {
                    (
                        k.replace("{statement}", &statement),
                        v.replace("{unique}", &unique)
                            .replace("{unique_code}", &code),
                    )
                })
                .collect();
            if fields.iter().any(|(_, v)| v == "{report}") {
                let reporter = app.actor("citizen2").await;
                app.store
                    .moderation()
                    .report(
                        &app.tenant,
                        &reporter,
                        teilhabe_store::moderation::Content::Proposal(target),
                        "Zum Schließen im Test",
                    )
                    .await
                    .unwrap();
                let id = app.count("SELECT MAX(id) AS n FROM reports").await;
                for f in fields.iter_mut() {
                    if f.1 == "{report}" {
                        f.1 = id.to_string();
                    }
                }
            }
            let r = if route.starts_with("/api/") {
                let json = fields
                    .iter()
                    .find(|(k, _)| k == "json")
                    .map(|(_, v)| serde_json::from_str(v).unwrap());
                app.api(method, &path, token.as_deref(), json).await
            } else if *method == "GET" {
                app.get(&mut session, &path).await
            } else {
                let refs: Vec<(&str, &str)> = fields
                    .iter()
                    .map(|(k, v)| (k.as_str(), v.as_str()))
                    .collect();
                let r = app.post(&mut session, &path, &refs).await;
                if *route == "/logout" && role != "visitor" {
                    session = app.login(role).await;
                }
                r
            };
            // Every answer carries the security headers (security.rs).
            for problem in crate::security::header_problems(&r, role != "visitor") {
                failures.push(format!("{role:>11} {method} {path}: {problem}"));
            }
            let login_redirect =
                r.status == StatusCode::SEE_OTHER && r.location().starts_with("/login");
            let refused = matches!(
                r.status,
                StatusCode::FORBIDDEN | StatusCode::UNAUTHORIZED | StatusCode::NOT_FOUND
            ) || login_redirect
                || r.status.is_server_error();
            let should = allowed.contains(&role);
            if should == refused {
                failures.push(format!(
                    "{role:>11} {method} {path}: got {} {} (expected {})",
                    r.status,
                    r.location(),
                    if should { "allowed" } else { "refused" }
                ));
            }
            if !should && role == "visitor" && !route.starts_with("/api/") && !login_redirect {
                failures.push(format!(
                    "{role:>11} {method} {path}: visitors should be sent to the login page, got {}",
                    r.status
                ));
            }
            if !should && role != "visitor" && r.status != StatusCode::FORBIDDEN {
                failures.push(format!(
                    "{role:>11} {method} {path}: expected 403, got {}",
                    r.status
                ));
            }
        }
    }
    assert!(
        failures.is_empty(),
        "{} permission mismatches:\n{}",
        failures.len(),
        failures.join("\n")
    );
}
