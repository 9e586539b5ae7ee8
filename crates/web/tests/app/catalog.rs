//! The open data catalog through its pages: staff create and edit a
//! dataset through the forms (a new version with its note; a stale form
//! is refused with the input kept), bad input names every field and keeps
//! what was typed, files are uploaded and downloaded with their headers
//! (ETag from the SHA-256, 304, attachment, nosniff), a file of another
//! dataset is not found, facets narrow the list, and others are refused.

use crate::common::{Resp, Row, Session, TestApp, ALL};
use axum::http::StatusCode;
use teilhabe_domain::catalog::{DatasetDraft, DistributionDraft};
use teilhabe_store::catalog::distributions::Upload;

pub struct CatalogFx {
    /// A dataset of the staff's department with a CSV file and a link.
    pub name: String,
    pub file: i64,
    /// A link removed in the permission matrix.
    pub doomed: i64,
    pub dept: i64,
}

pub fn draft(title: &str) -> DatasetDraft {
    DatasetDraft {
        title: title.into(),
        description: "Stündliche Zählungen an zwölf Zählstellen.".into(),
        keywords: vec!["Verkehr".into()],
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

fn link(title: &str) -> DistributionDraft {
    DistributionDraft {
        title: title.into(),
        description: String::new(),
        format: "WMS_SRVC".into(),
        license: "dl-by-de/2.0".into(),
        access_url: "https://geo.musterstadt.example/wms".into(),
    }
}

pub async fn setup(app: &TestApp) -> CatalogFx {
    let staff = app.actor("staff").await;
    let catalog = app.store.catalog();
    let d = catalog
        .create(&app.tenant, &staff, Some(app.dept), draft("Radzählung"))
        .await
        .unwrap();
    let csv = DistributionDraft {
        title: "Zählung (CSV)".into(),
        format: "CSV".into(),
        access_url: String::new(),
        ..link("")
    };
    let file = catalog
        .add_distribution(
            &app.tenant,
            &staff,
            d.id,
            &csv,
            Some(Upload {
                file_name: "zählung 2025.csv".into(),
                bytes: b"stelle;anzahl\nA;12\n".to_vec(),
            }),
        )
        .await
        .unwrap()
        .id;
    let doomed = catalog
        .add_distribution(&app.tenant, &staff, d.id, &link("Zum Entfernen"), None)
        .await
        .unwrap()
        .id;
    CatalogFx {
        name: d.name,
        file,
        doomed,
        dept: app.dept,
    }
}

/// The catalog's rows of the permission matrix: everyone reads and
/// downloads; any staff member opens the new-dataset form; staff of the
/// dataset's department and admins write (incomplete forms are a 422 or,
/// for the upload sent as a plain form, a 400: allowed).
pub fn permission_rows(fx: &CatalogFx) -> Vec<Row> {
    const STAFF: &[&str] = &["staff", "admin"];
    let s = |v: &str| v.to_string();
    let d = |tail: &str| format!("/daten/{}{tail}", fx.name);
    let dept = fx.dept.to_string();
    vec![
        ("GET", "/daten", s("/daten"), vec![], ALL),
        ("GET", "/daten/{name}", d(""), vec![], ALL),
        (
            "GET",
            "/daten/neu",
            s("/daten/neu"),
            vec![],
            &["staff", "other_staff", "admin"],
        ),
        (
            "POST",
            "/daten/neu",
            s("/daten/neu"),
            vec![("department_id", dept), ("title", s("Daten {unique}"))],
            STAFF,
        ),
        (
            "GET",
            "/daten/{name}/bearbeiten",
            d("/bearbeiten"),
            vec![],
            STAFF,
        ),
        (
            "GET",
            "/daten/{name}/zurueckziehen",
            d("/zurueckziehen"),
            vec![],
            STAFF,
        ),
        // Without a reason: the form again (422), so the row's dataset
        // stays in the catalog for the rows after it.
        (
            "POST",
            "/daten/{name}/zurueckziehen",
            d("/zurueckziehen"),
            vec![("reason", s(""))],
            STAFF,
        ),
        // Restoring a dataset that is not withdrawn changes nothing.
        (
            "POST",
            "/daten/{name}/wiederherstellen",
            d("/wiederherstellen"),
            vec![],
            STAFF,
        ),
        (
            "POST",
            "/daten/{name}/bearbeiten",
            d("/bearbeiten"),
            vec![
                ("base_version", s("1")),
                ("department_id", fx.dept.to_string()),
                ("title", s("{unique}")),
            ],
            STAFF,
        ),
        (
            "GET",
            "/daten/{name}/dateien/neu",
            d("/dateien/neu"),
            vec![],
            STAFF,
        ),
        (
            "POST",
            "/daten/{name}/dateien/neu",
            d("/dateien/neu"),
            vec![("title", s("{unique}"))],
            STAFF,
        ),
        (
            "GET",
            "/daten/{name}/dateien/{id}",
            d(&format!("/dateien/{}", fx.file)),
            vec![],
            ALL,
        ),
        (
            "GET",
            "/daten/{name}/dateien/{id}/bearbeiten",
            d(&format!("/dateien/{}/bearbeiten", fx.file)),
            vec![],
            STAFF,
        ),
        (
            "POST",
            "/daten/{name}/dateien/{id}/bearbeiten",
            d(&format!("/dateien/{}/bearbeiten", fx.file)),
            vec![("title", s("x"))],
            STAFF,
        ),
        (
            "GET",
            "/daten/{name}/dateien/{id}/entfernen",
            d(&format!("/dateien/{}/entfernen", fx.file)),
            vec![],
            STAFF,
        ),
        // Removing is idempotent: the admin finds it removed by staff.
        (
            "POST",
            "/daten/{name}/dateien/{id}/entfernen",
            d(&format!("/dateien/{}/entfernen", fx.doomed)),
            vec![],
            STAFF,
        ),
    ]
}

/// The fields of a complete dataset form.
fn dataset_fields(dept: i64, title: &str) -> Vec<(&'static str, String)> {
    vec![
        ("department_id", dept.to_string()),
        ("title", title.into()),
        (
            "description",
            "Alle Straßenbäume mit Art, Pflanzjahr und Standort.".into(),
        ),
        ("keywords", "Bäume, Grün, bäume".into()),
        ("themes", "ENVI".into()),
        ("themes", "REGI".into()),
        ("temporal_start", "2020-01-01".into()),
        ("temporal_end", "".into()),
        ("accrual_periodicity", "ANNUAL".into()),
        ("contact_name", "Grünflächenamt".into()),
        ("contact_email", "gruen@musterstadt.example".into()),
        ("landing_page", "".into()),
        ("access_rights", "PUBLIC".into()),
    ]
}

/// A page's HTML with the template's escaped slashes and ampersands back.
fn html(r: &Resp) -> String {
    r.body.replace("&#x2f;", "/").replace("&amp;", "&")
}

async fn post_fields(app: &TestApp, s: &mut Session, path: &str, f: &[(&str, String)]) -> Resp {
    let refs: Vec<(&str, &str)> = f.iter().map(|(k, v)| (*k, v.as_str())).collect();
    app.post(s, path, &refs).await
}

#[tokio::test]
async fn staff_create_and_edit_a_dataset_through_the_forms() {
    let app = TestApp::new().await;
    let mut staff = app.login("staff").await;
    // The form offers the municipality's contact and the vocabularies.
    let form = app.get(&mut staff, "/daten/neu").await;
    assert_eq!(form.status, StatusCode::OK);
    assert!(form
        .body
        .contains(&format!("value=\"{}\"", app.tenant.contact_email)));
    assert!(form.body.contains("value=\"ENVI\""));
    assert!(form.body.contains("Umwelt"));

    let r = post_fields(
        &app,
        &mut staff,
        "/daten/neu",
        &dataset_fields(app.dept, "Straßenbäume"),
    )
    .await;
    assert_eq!(r.status, StatusCode::SEE_OTHER, "{}", r.body);
    assert!(r.location().starts_with("/daten/strassenbaeume"));
    let page = app.get(&mut staff, "/daten/strassenbaeume").await;
    assert_eq!(page.status, StatusCode::OK);
    for text in [
        "Straßenbäume",
        "Umwelt",
        "Regionen und Städte",
        "Bäume, Grün",
        "jährlich",
        "Grünflächenamt",
        "Öffentlich",
        "01.01.2020",
        "Version 1",
    ] {
        assert!(page.body.contains(text), "{text} missing on the page");
    }
    // Anyone reads it, and it is in the list.
    let mut visitor = Session::default();
    let list = app.get(&mut visitor, "/daten").await;
    assert!(list.body.contains("/daten/strassenbaeume"));
    // The list leads on: data requests, the feed, the machine-readable
    // catalog and the CKAN interface.
    for link in [
        "/daten/anfragen",
        "/daten/feed.atom",
        "/catalog.ttl",
        "/api/3/action/package_search",
    ] {
        let escaped = link.replace('/', "&#x2f;");
        assert!(
            list.body.contains(link) || list.body.contains(&escaped),
            "{link} missing on /daten"
        );
    }

    // Editing saves version 2 with its note.
    let edit = app
        .get(&mut staff, "/daten/strassenbaeume/bearbeiten")
        .await;
    assert!(edit.body.contains("name=\"base_version\" value=\"1\""));
    assert!(edit.body.contains("value=\"Bäume, Grün\""));
    let mut f = dataset_fields(app.dept, "Straßenbäume und Standorte");
    f.push(("base_version", "1".into()));
    f.push(("change_note", "Standorte ergänzt".into()));
    let r = post_fields(&app, &mut staff, "/daten/strassenbaeume/bearbeiten", &f).await;
    assert_eq!(r.status, StatusCode::SEE_OTHER, "{}", r.body);
    let page = app.get(&mut staff, "/daten/strassenbaeume").await;
    assert!(page.body.contains("Straßenbäume und Standorte"));
    assert!(page.body.contains("Version 2"));
    assert!(page.body.contains("Standorte ergänzt"));

    // A form opened before that save is refused, the input kept.
    let mut stale = dataset_fields(app.dept, "Alte Fassung der Bäume");
    stale.push(("base_version", "1".into()));
    stale.push(("change_note", "von gestern".into()));
    let r = post_fields(&app, &mut staff, "/daten/strassenbaeume/bearbeiten", &stale).await;
    assert_eq!(r.status, StatusCode::CONFLICT);
    assert!(r.body.contains("inzwischen geändert"));
    assert!(r.body.contains("value=\"Alte Fassung der Bäume\""));
    assert!(r.body.contains("von gestern"));
    assert!(r.body.contains("name=\"base_version\" value=\"2\""));
    let d = app
        .store
        .catalog()
        .by_name(&app.tenant, "strassenbaeume")
        .await
        .unwrap();
    assert_eq!(d.version, 2);
    assert_eq!(d.title, "Straßenbäume und Standorte");
}

#[tokio::test]
async fn bad_input_names_every_field_and_keeps_the_input() {
    let app = TestApp::new().await;
    let mut staff = app.login("staff").await;
    let f = vec![
        ("department_id", app.dept.to_string()),
        ("title", "X".to_string()),
        ("description", "kurz".to_string()),
        ("keywords", "Gut, Noch gut".to_string()),
        ("temporal_start", "2025-05-01".to_string()),
        ("temporal_end", "2024-01-01".to_string()),
        ("accrual_periodicity", "ANNUAL".to_string()),
        ("contact_name", "Amt".to_string()),
        ("contact_email", "keine-adresse".to_string()),
        ("landing_page", "javascript:alert(1)".to_string()),
        ("access_rights", "PUBLIC".to_string()),
    ];
    let r = post_fields(&app, &mut staff, "/daten/neu", &f).await;
    assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY);
    for field in [
        "title",
        "description",
        "themes",
        "temporal_end",
        "contact_email",
        "landing_page",
    ] {
        assert!(
            r.body.contains(&format!("id=\"{field}-error\"")),
            "{field} not named"
        );
        assert!(r.body.contains(&format!("href=\"#field-{field}\"")));
    }
    assert!(r.body.contains("Bitte wählen Sie mindestens ein Thema."));
    assert!(r.body.contains("Das Ende liegt vor dem Beginn."));
    assert!(r.body.contains("value=\"Gut, Noch gut\""));
    assert!(r.body.contains("value=\"keine-adresse\""));
    assert!(r.body.contains("value=\"2025-05-01\""));
    assert_eq!(app.count("SELECT COUNT(*) AS n FROM datasets").await, 0);

    // A link without an address and a file of the wrong kind.
    let fx = setup(&app).await;
    let token = app.csrf_for(&mut staff).await;
    let path = format!("/daten/{}/dateien/neu", fx.name);
    let r = app
        .post_multipart(
            &mut staff,
            &path,
            "text/plain",
            &[
                ("_csrf", None, token.as_bytes()),
                ("kind", None, b"link"),
                ("access_url", None, b"ftp://x"),
                ("title", None, b"Kartendienst"),
                ("format", None, b"WMS_SRVC"),
                ("license", None, b"dl-by-de/2.0"),
            ],
        )
        .await;
    assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(r.body.contains("id=\"access_url-error\""));
    assert!(r.body.contains("value=\"Kartendienst\""));
    assert!(html(&r).contains("value=\"ftp://x\""));
    let r = app
        .post_multipart(
            &mut staff,
            &path,
            "application/octet-stream",
            &[
                ("_csrf", None, token.as_bytes()),
                ("kind", None, b"file"),
                ("file", Some("programm.exe"), b"MZ"),
                ("title", None, b"Programm"),
                ("format", None, b""),
                ("license", None, b"dl-by-de/2.0"),
            ],
        )
        .await;
    assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(r.body.contains("id=\"file-error\""));
    assert!(r.body.contains("Diese Dateiart geht nicht."));
    assert_eq!(
        app.count("SELECT COUNT(*) AS n FROM distributions").await,
        2,
        "only the fixture's two"
    );
}

#[tokio::test]
async fn files_are_uploaded_and_downloaded_with_their_headers() {
    let app = TestApp::new().await;
    let fx = setup(&app).await;
    let mut staff = app.login("staff").await;
    let token = app.csrf_for(&mut staff).await;
    let bytes = b"{\"baeume\": 12}";
    let r = app
        .post_multipart(
            &mut staff,
            &format!("/daten/{}/dateien/neu", fx.name),
            "application/json",
            &[
                ("_csrf", None, token.as_bytes()),
                ("kind", None, b"file"),
                ("file", Some("Bäume Übersicht.json"), bytes),
                ("title", None, b""),
                ("format", None, b""),
                ("license", None, b"cc-by/4.0"),
            ],
        )
        .await;
    assert_eq!(r.status, StatusCode::SEE_OTHER, "{}", r.body);
    let id = app.count("SELECT MAX(id) AS n FROM distributions").await;
    let dist = app
        .store
        .catalog()
        .distribution(&app.tenant, id)
        .await
        .unwrap();
    // The format came from the extension, the title from the file name.
    assert_eq!(dist.format, "JSON");
    assert_eq!(dist.title, "Bäume Übersicht.json");
    let page = app.get(&mut staff, &format!("/daten/{}", fx.name)).await;
    assert!(page
        .body
        .contains(&format!("<code class=\"checksum\">{}</code>", dist.sha256)));
    assert!(page.body.contains("14 Bytes"));
    assert!(page.body.contains("Creative Commons Namensnennung 4.0"));
    assert!(html(&page).contains("href=\"http://dcat-ap.de/def/licenses/cc-by/4.0\""));

    let mut visitor = Session::default();
    let path = format!("/daten/{}/dateien/{id}", fx.name);
    let r = app.get(&mut visitor, &path).await;
    assert_eq!(r.status, StatusCode::OK);
    assert_eq!(r.body.as_bytes(), bytes);
    let h = |name: &str| r.headers.get(name).unwrap().to_str().unwrap().to_string();
    assert_eq!(h("content-type"), "application/json");
    assert_eq!(
        h("content-disposition"),
        "attachment; filename*=UTF-8''B%C3%A4ume%20%C3%9Cbersicht.json"
    );
    assert_eq!(h("x-content-type-options"), "nosniff");
    let etag = h("etag");
    assert_eq!(etag, format!("\"{}\"", dist.sha256));
    // A cached copy with that ETag is still good.
    let r = app
        .request(
            &mut visitor,
            "GET",
            &path,
            None,
            Vec::new(),
            &[("if-none-match", &etag)],
        )
        .await;
    assert_eq!(r.status, StatusCode::NOT_MODIFIED);
    assert!(r.body.is_empty());
    let r = app
        .request(
            &mut visitor,
            "GET",
            &path,
            None,
            Vec::new(),
            &[("if-none-match", "\"0000\"")],
        )
        .await;
    assert_eq!(r.status, StatusCode::OK);

    // The file under another dataset's name, and a link: not found.
    let staff_actor = app.actor("staff").await;
    let other = app
        .store
        .catalog()
        .create(
            &app.tenant,
            &staff_actor,
            Some(app.dept),
            draft("Andere Daten"),
        )
        .await
        .unwrap();
    let r = app
        .get(&mut visitor, &format!("/daten/{}/dateien/{id}", other.name))
        .await;
    assert_eq!(r.status, StatusCode::NOT_FOUND);
    let r = app
        .get(
            &mut visitor,
            &format!("/daten/{}/dateien/{}", fx.name, fx.doomed),
        )
        .await;
    assert_eq!(r.status, StatusCode::NOT_FOUND);

    // A withdrawn dataset's file is gone for visitors, not for its staff.
    let set_withdrawn = |value: Option<i64>| {
        let store = app.store.clone();
        let name = fx.name.clone();
        async move {
            store
                .db
                .exec(
                    "UPDATE datasets SET withdrawn_at = $1 WHERE name = $2",
                    teilhabe_store::params![value, name],
                )
                .await
                .unwrap();
        }
    };
    set_withdrawn(Some(1)).await;
    assert_eq!(
        app.get(&mut visitor, &path).await.status,
        StatusCode::NOT_FOUND
    );
    assert_eq!(app.get(&mut staff, &path).await.status, StatusCode::OK);
    set_withdrawn(None).await;
    assert_eq!(app.get(&mut visitor, &path).await.status, StatusCode::OK);

    // A file larger than an ordinary form's body limit is taken too.
    let mut big = b"nr;wert\n".to_vec();
    while big.len() < 300 * 1024 {
        big.extend_from_slice(b"12345;67890\n");
    }
    let r = app
        .post_multipart(
            &mut staff,
            &format!("/daten/{}/dateien/neu", fx.name),
            "text/csv",
            &[
                ("_csrf", None, token.as_bytes()),
                ("kind", None, b"file"),
                ("file", Some("gross.csv"), &big),
                ("title", None, b"Lange Reihe"),
                ("format", None, b""),
                ("license", None, b"dl-by-de/2.0"),
            ],
        )
        .await;
    assert_eq!(r.status, StatusCode::SEE_OTHER, "{}", r.body);
    let big_id = app.count("SELECT MAX(id) AS n FROM distributions").await;
    let r = app
        .get(
            &mut visitor,
            &format!("/daten/{}/dateien/{big_id}", fx.name),
        )
        .await;
    assert_eq!(r.body.len(), big.len());

    // Removing asks first, then removes.
    let confirm = app
        .get(
            &mut staff,
            &format!("/daten/{}/dateien/{id}/entfernen", fx.name),
        )
        .await;
    assert!(confirm.body.contains("Ja, entfernen"));
    let r = app
        .post(
            &mut staff,
            &format!("/daten/{}/dateien/{id}/entfernen", fx.name),
            &[],
        )
        .await;
    assert_eq!(r.status, StatusCode::SEE_OTHER);
    assert_eq!(
        app.get(&mut visitor, &path).await.status,
        StatusCode::NOT_FOUND
    );
    // A file of another dataset is not removed through this one.
    let r = app
        .post(
            &mut staff,
            &format!("/daten/{}/dateien/{}/entfernen", other.name, fx.file),
            &[],
        )
        .await;
    assert_eq!(r.status, StatusCode::NOT_FOUND);
    assert!(app
        .store
        .catalog()
        .distribution(&app.tenant, fx.file)
        .await
        .is_ok());
}

#[tokio::test]
async fn facets_narrow_the_list() {
    let app = TestApp::new().await;
    let fx = setup(&app).await;
    let admin = app.actor("admin").await;
    let trees = DatasetDraft {
        themes: vec!["ENVI".into()],
        ..draft("Baumkataster")
    };
    app.store
        .catalog()
        .create(&app.tenant, &admin, Some(app.other_dept), trees)
        .await
        .unwrap();
    let mut visitor = Session::default();
    let all = app.get(&mut visitor, "/daten").await;
    assert!(all.body.contains("2 Datensätze gefunden."));
    assert!(html(&all).contains("href=\"/daten?theme=ENVI\""));
    assert!(html(&all).contains("href=\"/daten?format=CSV\""));
    let envi = app.get(&mut visitor, "/daten?theme=ENVI").await;
    assert!(envi.body.contains("1 Datensatz gefunden."));
    assert!(envi.body.contains("Baumkataster"));
    assert!(!envi.body.contains(&format!("/daten/{}\"", fx.name)));
    // The chosen value links to the list without it.
    assert!(envi.body.contains("aria-current=\"true\""));
    let csv = app
        .get(&mut visitor, "/daten?format=CSV&q=radz%C3%A4hlung")
        .await;
    assert!(csv.body.contains("1 Datensatz gefunden."));
    assert!(csv.body.contains(&format!("/daten/{}\"", fx.name)));
    let none = app.get(&mut visitor, "/daten?theme=ENVI&format=CSV").await;
    assert!(none.body.contains("Zu Ihrer Suche passt kein Datensatz."));
    // Unknown codes and pages are bad requests, not empty lists.
    assert_eq!(
        app.get(&mut visitor, "/daten?theme=XXXX").await.status,
        StatusCode::BAD_REQUEST
    );
    assert_eq!(
        app.get(&mut visitor, "/daten?page=0").await.status,
        StatusCode::BAD_REQUEST
    );
}

#[tokio::test]
async fn other_departments_and_citizens_are_refused() {
    let app = TestApp::new().await;
    let fx = setup(&app).await;
    for who in ["other_staff", "citizen"] {
        let mut s = app.login(who).await;
        let mut f = dataset_fields(app.dept, "Fremde Änderung");
        f.push(("base_version", "1".into()));
        let r = post_fields(&app, &mut s, &format!("/daten/{}/bearbeiten", fx.name), &f).await;
        assert_eq!(r.status, StatusCode::FORBIDDEN, "{who}");
        let r = app
            .post(
                &mut s,
                &format!("/daten/{}/dateien/{}/entfernen", fx.name, fx.file),
                &[],
            )
            .await;
        assert_eq!(r.status, StatusCode::FORBIDDEN, "{who}");
        // other_staff may open the form but not file it under our department.
        let r = post_fields(
            &app,
            &mut s,
            "/daten/neu",
            &dataset_fields(app.dept, "Fremd"),
        )
        .await;
        assert_eq!(r.status, StatusCode::FORBIDDEN, "{who}");
    }
    let d = app
        .store
        .catalog()
        .by_name(&app.tenant, &fx.name)
        .await
        .unwrap();
    assert_eq!(d.version, 1);
    assert_eq!(app.count("SELECT COUNT(*) AS n FROM datasets").await, 1);
    assert_eq!(
        app.count("SELECT COUNT(*) AS n FROM distributions").await,
        2
    );
    // Citizens see no staff links on the page.
    let mut citizen = app.login("citizen").await;
    let page = app.get(&mut citizen, &format!("/daten/{}", fx.name)).await;
    assert!(!page.body.contains("/bearbeiten"));
    assert!(!page.body.contains("/daten/neu"));
}

/// The statement counter of the store around one page view.
async fn statements(app: &TestApp, s: &mut Session, path: &str) -> u64 {
    let before = app.store.db.statement_count();
    let r = app.get(s, path).await;
    assert_eq!(r.status, StatusCode::OK, "{path}");
    app.store.db.statement_count() - before
}

#[tokio::test]
async fn the_catalog_and_a_dataset_page_run_a_fixed_number_of_statements() {
    let app = TestApp::new().await;
    let fx = setup(&app).await;
    let mut visitor = Session::default();
    let dataset = format!("/daten/{}", fx.name);
    // A first request fills the caches (tenant, settings).
    app.get(&mut visitor, "/daten").await;
    let list_small = statements(&app, &mut visitor, "/daten").await;
    let page_small = statements(&app, &mut visitor, &dataset).await;
    // Ten more datasets, each with a file, and more links on the one.
    let staff = app.actor("staff").await;
    let catalog = app.store.catalog();
    for i in 0..10 {
        let d = catalog
            .create(
                &app.tenant,
                &staff,
                Some(app.dept),
                draft(&format!("Reihe {i}")),
            )
            .await
            .unwrap();
        catalog
            .add_distribution(&app.tenant, &staff, d.id, &link("Dienst"), None)
            .await
            .unwrap();
        let own = catalog.by_name(&app.tenant, &fx.name).await.unwrap();
        catalog
            .add_distribution(
                &app.tenant,
                &staff,
                own.id,
                &link(&format!("Dienst {i}")),
                None,
            )
            .await
            .unwrap();
    }
    assert_eq!(statements(&app, &mut visitor, "/daten").await, list_small);
    assert_eq!(statements(&app, &mut visitor, &dataset).await, page_small);
}

#[tokio::test]
async fn staff_withdraw_a_dataset_with_a_reason_and_restore_it() {
    let app = TestApp::new().await;
    let staff_actor = app.actor("staff").await;
    let d = app
        .store
        .catalog()
        .create(
            &app.tenant,
            &staff_actor,
            Some(app.dept),
            draft("Alte Zählstellen"),
        )
        .await
        .unwrap();
    let page = format!("/daten/{}", d.name);
    let mut staff = app.login("staff").await;
    let mut visitor = Session::default();
    // Another department's staff may not.
    let mut other = app.login("other_staff").await;
    let r = app.get(&mut other, &format!("{page}/zurueckziehen")).await;
    assert_eq!(r.status, StatusCode::FORBIDDEN);

    // Too short a reason: the confirmation again with the message.
    let r = post_fields(
        &app,
        &mut staff,
        &format!("{page}/zurueckziehen"),
        &[("reason", "weg".into())],
    )
    .await;
    assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(r.body.contains("mindestens 10 Zeichen"), "{}", r.body);
    assert!(r.body.contains(">weg</textarea>"));
    assert_eq!(app.get(&mut visitor, &page).await.status, StatusCode::OK);

    let reason = "Die Zählstellen sind abgebaut.";
    let r = post_fields(
        &app,
        &mut staff,
        &format!("{page}/zurueckziehen"),
        &[("reason", reason.into())],
    )
    .await;
    assert_eq!(r.status, StatusCode::SEE_OTHER);
    assert_eq!(
        app.get(&mut visitor, &page).await.status,
        StatusCode::NOT_FOUND
    );
    assert!(!app.get(&mut visitor, "/daten").await.body.contains(&d.name));
    let own = app.get(&mut staff, &page).await;
    assert_eq!(own.status, StatusCode::OK);
    assert!(own.body.contains("/wiederherstellen") || own.body.contains("&#x2f;wiederherstellen"));
    assert_eq!(
        app.count("SELECT COUNT(*) AS n FROM audit_log WHERE action = 'dataset.withdrawn'")
            .await,
        1
    );

    let r = post_fields(&app, &mut staff, &format!("{page}/wiederherstellen"), &[]).await;
    assert_eq!(r.status, StatusCode::SEE_OTHER);
    assert_eq!(app.get(&mut visitor, &page).await.status, StatusCode::OK);
    assert_eq!(
        app.count("SELECT COUNT(*) AS n FROM audit_log WHERE action = 'dataset.restored'")
            .await,
        1
    );
}
