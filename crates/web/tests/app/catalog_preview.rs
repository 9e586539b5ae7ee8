//! The open data catalog's previews, feed and search on the web: the
//! dataset page's preview section shows a stored CSV as an accessible
//! table with German numbers and dates, the Atom feed parses back with
//! `atom_syndication` (entries, absolute links), and the site search finds
//! datasets.

use crate::common::*;
use teilhabe_domain::catalog::{DatasetDraft, DistributionDraft};
use teilhabe_store::catalog::distributions::Upload;
use teilhabe_store::catalog::DatasetRecord;
use teilhabe_web::i18n::Lang;
use teilhabe_web::module::{sections, Host, HostRef};
use teilhabe_web::Ctx;

fn draft(title: &str, description: &str, keyword: &str) -> DatasetDraft {
    DatasetDraft {
        title: title.into(),
        description: description.into(),
        keywords: vec![keyword.into()],
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

async fn dataset(app: &TestApp, title: &str, description: &str, keyword: &str) -> DatasetRecord {
    let staff = app.actor("staff").await;
    app.store
        .catalog()
        .create(
            &app.tenant,
            &staff,
            Some(app.dept),
            draft(title, description, keyword),
        )
        .await
        .unwrap()
}

/// A visitor's request context, as the dataset page has it.
fn visitor(app: &TestApp) -> Ctx {
    Ctx {
        state: app.state.clone(),
        tenant: app.tenant.clone(),
        user: None,
        actor: teilhabe_domain::Actor::visitor(),
        lang: Lang::De,
        session_token: None,
        nonce: String::new(),
        nonce_fresh: false,
        path: "/daten".into(),
        client: "test".into(),
        via_token: false,
        voter_cookie: None,
    }
}

#[tokio::test]
async fn the_dataset_page_section_shows_the_preview_table() {
    let app = TestApp::new().await;
    let d = dataset(
        &app,
        "Radverkehrszählung",
        "Zählungen an den Zählstellen der Innenstadt.",
        "Radverkehr",
    )
    .await;
    let staff = app.actor("staff").await;
    // Latin-1, semicolons, decimal commas, German dates, an empty cell.
    let csv = b"Z\xe4hlstelle;Datum;Anzahl;Anteil\nHauptstra\xdfe;31.12.2024;1.234;12,5\nAm Markt;02.01.2025;87;\n".to_vec();
    app.store
        .catalog()
        .add_distribution(
            &app.tenant,
            &staff,
            d.id,
            &DistributionDraft {
                title: "Zählungen 2024".into(),
                description: String::new(),
                format: "CSV".into(),
                license: "dl-by-de/2.0".into(),
                access_url: String::new(),
            },
            Some(Upload {
                file_name: "zaehlung.csv".into(),
                bytes: csv,
            }),
        )
        .await
        .unwrap();
    // A ragged file: no table, the line that is wrong.
    app.store
        .catalog()
        .add_distribution(
            &app.tenant,
            &staff,
            d.id,
            &DistributionDraft {
                title: "Zählungen kaputt".into(),
                description: String::new(),
                format: "CSV".into(),
                license: "dl-by-de/2.0".into(),
                access_url: String::new(),
            },
            Some(Upload {
                file_name: "kaputt.csv".into(),
                bytes: b"a;b\n1;2\n3;4;5\n".to_vec(),
            }),
        )
        .await
        .unwrap();
    let ctx = visitor(&app);
    let s = sections(&ctx, Host::DatasetPage, HostRef::Dataset(&d))
        .await
        .unwrap();
    assert!(s.templates.contains(&"catalog/preview_part.html"));
    let resp = teilhabe_web::render::page(&ctx, "catalog/preview_part.html", s.values).unwrap();
    let bytes = http_body_util::BodyExt::collect(resp.into_body())
        .await
        .unwrap()
        .to_bytes();
    let html = String::from_utf8_lossy(&bytes);
    // An accessible table: caption, column and row headers.
    assert!(html.contains("<caption"), "{html}");
    assert!(html.contains("<th scope=\"col\">Zählstelle</th>"), "{html}");
    assert!(html.contains("<th scope=\"row\">Anzahl</th>"), "{html}");
    assert!(html.contains("<td>Hauptstraße</td>"), "{html}");
    // Types and figures in German format.
    assert!(html.contains("Ganze Zahl"), "{html}");
    assert!(html.contains("Dezimalzahl"), "{html}");
    assert!(html.contains("<td>1.234</td>"), "max of Anzahl: {html}");
    assert!(html.contains("<td>660,5</td>"), "mean of Anzahl: {html}");
    assert!(html.contains("<td>12,5</td>"), "{html}");
    assert!(html.contains("31.12.2024"), "{html}");
    assert!(html.contains("02.01.2025"), "{html}");
    // Row count and how the file was read.
    assert!(html.contains("2 Zeilen"), "{html}");
    assert!(html.contains("Windows-1252"), "{html}");
    assert!(html.contains("Semikolon"), "{html}");
    assert!(
        html.contains("Zeile 3: Die Zeile hat 3 statt 2 Felder."),
        "{html}"
    );
    assert!(!html.contains("style="), "no inline styles (CSP)");

    // A dataset without a previewable file has no section.
    let other = dataset(&app, "Leerer Datensatz", "Noch ohne Dateien hier.", "leer").await;
    let s = sections(&ctx, Host::DatasetPage, HostRef::Dataset(&other))
        .await
        .unwrap();
    let html = teilhabe_web::render::page(&ctx, "catalog/preview_part.html", s.values).unwrap();
    let bytes = http_body_util::BodyExt::collect(html.into_body())
        .await
        .unwrap()
        .to_bytes();
    assert!(!String::from_utf8_lossy(&bytes).contains("<table"));
}

#[tokio::test]
async fn the_atom_feed_lists_new_datasets_with_absolute_links() {
    let app = TestApp::new().await;
    let a = dataset(
        &app,
        "Baumkataster",
        "Alle Straßenbäume mit Art und Pflanzjahr.",
        "Stadtgrün",
    )
    .await;
    let b = dataset(
        &app,
        "Hitzemessungen",
        "Temperaturen an acht Messpunkten.",
        "Hitze",
    )
    .await;
    let mut s = Session::default();
    let r = app.get(&mut s, "/daten/feed.atom").await;
    assert_eq!(r.status, 200);
    assert_eq!(
        r.headers.get("content-type").unwrap(),
        "application/atom+xml; charset=utf-8"
    );
    let feed = atom_syndication::Feed::read_from(r.body.as_bytes()).unwrap();
    let base = app.state.base_url_for(&app.tenant);
    let base = base.trim_end_matches('/');
    assert!(
        feed.title.value.starts_with("Neue Datensätze"),
        "{}",
        feed.title.value
    );
    assert!(feed
        .links
        .iter()
        .any(|l| l.rel == "self" && l.href == format!("{base}/daten/feed.atom")));
    let titles: Vec<&str> = feed
        .entries
        .iter()
        .map(|e| e.title.value.as_str())
        .collect();
    assert_eq!(
        titles,
        vec!["Hitzemessungen", "Baumkataster"],
        "newest first"
    );
    for (e, d) in feed.entries.iter().zip([&b, &a]) {
        assert_eq!(e.id, format!("urn:uuid:{}", d.identifier));
        assert_eq!(e.links[0].href, format!("{base}/daten/{}", d.name));
        assert!(e.links[0].href.starts_with("http"));
        assert_eq!(e.summary.as_ref().unwrap().value, d.description, "summary");
        assert!(e.categories.iter().any(|c| c.term == "TRAN"));
    }
    assert!(feed.entries[1]
        .categories
        .iter()
        .any(|c| c.term == "Stadtgrün"));
}

#[tokio::test]
async fn the_site_search_finds_datasets() {
    let app = TestApp::new().await;
    let d = dataset(
        &app,
        "Parkraumbelegung",
        "Belegung der Parkhäuser im Viertelstundentakt.",
        "Parken",
    )
    .await;
    let mut s = Session::default();
    for q in ["Viertelstundentakt", "Parken"] {
        let r = app.get(&mut s, &format!("/search?q={q}")).await;
        assert!(r.body.contains("Parkraumbelegung"), "{q}: {}", r.body);
        assert!(r.body.contains("Datensatz"), "type label: {}", r.body);
        // minijinja escapes "/" in attributes as &#x2f;
        assert!(
            r.body.contains(&format!("&#x2f;daten&#x2f;{}", d.name)),
            "{}",
            r.body
        );
    }
}
