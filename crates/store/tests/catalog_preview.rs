//! The catalog's previews, feed list and search in the store: a stored
//! CSV or GeoJSON file keeps its table preview (a broken one the reason
//! with its line), other files none; the newest datasets come first; the
//! site search finds datasets by a word of their description, a keyword
//! and, after an edit, the new title. Runs on SQLite, or PostgreSQL via
//! the testkit.
#![allow(clippy::unwrap_used)] // a test or tool stops at its first unexpected error

use teilhabe_domain::catalog::preview::{ColumnType, Delimiter, Encoding, StoredPreview};
use teilhabe_domain::catalog::{DatasetDraft, DistributionDraft};
use teilhabe_store::catalog::distributions::Upload;
use teilhabe_testkit::{Fixture, TestDb};

fn draft(title: &str) -> DatasetDraft {
    DatasetDraft {
        title: title.into(),
        description: "Baumkataster mit Standorten und Pflanzjahren der Straßenbäume.".into(),
        keywords: vec!["Stadtgrün".into(), "Klimaanpassung".into()],
        themes: vec!["ENVI".into()],
        temporal_start: None,
        temporal_end: None,
        accrual_periodicity: "ANNUAL".into(),
        contact_name: "Grünflächenamt".into(),
        contact_email: "gruen@musterstadt.example".into(),
        landing_page: String::new(),
        access_rights: "PUBLIC".into(),
    }
}

fn file(format: &str) -> DistributionDraft {
    DistributionDraft {
        title: format!("Bäume ({format})"),
        description: String::new(),
        format: format.into(),
        license: "dl-by-de/2.0".into(),
        access_url: String::new(),
    }
}

#[tokio::test]
async fn a_stored_file_keeps_its_preview() {
    let db = TestDb::new().await;
    let fx = Fixture::new(&db.store().await).await;
    let catalog = fx.store.catalog();
    let d = catalog
        .create(&fx.tenant, &fx.staff, Some(fx.dept), draft("Baumkataster"))
        .await
        .unwrap();
    // Latin-1, semicolons, decimal commas, an empty cell.
    let csv = b"Baumart;H\xf6he;Pflanzdatum\nLinde;12,5;01.04.1998\nEiche;;15.10.2001\n".to_vec();
    let add = |format: &'static str, name: &'static str, bytes: Vec<u8>| {
        let catalog = fx.store.catalog();
        let (tenant, staff) = (&fx.tenant, &fx.staff);
        async move {
            catalog
                .add_distribution(
                    tenant,
                    staff,
                    d.id,
                    &file(format),
                    Some(Upload {
                        file_name: name.into(),
                        bytes,
                    }),
                )
                .await
                .unwrap()
        }
    };
    let c = add("CSV", "baeume.csv", csv).await;
    let g = add(
        "GEOJSON",
        "baeume.geojson",
        br#"{"type":"FeatureCollection","features":[{"type":"Feature","geometry":null,"properties":{"art":"Linde"}}]}"#.to_vec(),
    )
    .await;
    let broken = add("CSV", "kaputt.csv", b"a;b\n1;2\n3\n".to_vec()).await;
    add("PDF", "bericht.pdf", b"%PDF-1.4".to_vec()).await;
    catalog
        .add_distribution(
            &fx.tenant,
            &fx.staff,
            d.id,
            &DistributionDraft {
                access_url: "https://geo.musterstadt.example/wms".into(),
                ..file("WMS_SRVC")
            },
            None,
        )
        .await
        .unwrap();

    let previews = catalog.previews(&fx.tenant, d.id).await.unwrap();
    let ids: Vec<i64> = previews.iter().map(|p| p.distribution_id).collect();
    assert_eq!(ids, vec![c.id, g.id, broken.id], "PDF and link have none");
    let StoredPreview::Table(t) = &previews[0].preview else {
        panic!("CSV preview: {:?}", previews[0].preview);
    };
    assert_eq!(t.encoding, Encoding::Windows1252);
    assert_eq!(t.delimiter, Some(Delimiter::Semicolon));
    assert_eq!(t.row_count, 2);
    assert_eq!(t.columns[1].name, "Höhe");
    assert_eq!(t.columns[1].kind, ColumnType::Decimal);
    assert_eq!((t.columns[1].values, t.columns[1].empty), (1, 1));
    assert_eq!(t.columns[2].kind, ColumnType::Date);
    let StoredPreview::Table(gt) = &previews[1].preview else {
        panic!("GeoJSON preview");
    };
    assert_eq!(gt.rows, vec![vec!["Linde".to_string()]]);
    let StoredPreview::Failed(e) = &previews[2].preview else {
        panic!("broken CSV has no table");
    };
    assert_eq!(e.key, "catalog-preview-error-fields");
    assert_eq!(e.line, Some(3));
}

#[tokio::test]
async fn newest_datasets_and_search() {
    let db = TestDb::new().await;
    let fx = Fixture::new(&db.store().await).await;
    let catalog = fx.store.catalog();
    let search = fx.store.search();
    let a = catalog
        .create(
            &fx.tenant,
            &fx.staff,
            Some(fx.dept),
            draft("Baumbestand Süd"),
        )
        .await
        .unwrap();
    let mut other = draft("Hitzemessungen Innenstadt");
    other.description = "Temperaturen an acht Messpunkten im Sommer.".into();
    other.keywords = vec!["Hitze".into()];
    let b = catalog
        .create(&fx.tenant, &fx.staff, Some(fx.dept), other)
        .await
        .unwrap();
    let newest = catalog.newest(&fx.tenant, 50).await.unwrap();
    let names: Vec<&str> = newest.iter().map(|d| d.name.as_str()).collect();
    assert_eq!(names, vec![b.name.as_str(), a.name.as_str()]);
    assert_eq!(catalog.newest(&fx.tenant, 1).await.unwrap().len(), 1);

    // A word of the description, and a keyword.
    for q in ["Pflanzjahren", "Klimaanpassung"] {
        let hits = search.query(&fx.tenant, q, 1, 20).await.unwrap();
        assert_eq!(hits.total, 1, "{q}");
        let h = &hits.items[0];
        assert_eq!(h.title, "Baumbestand Süd");
        assert_eq!(h.link, format!("/daten/{}", a.name));
        assert_eq!(serde_json::to_value(h.kind).unwrap(), "dataset");
    }
    // An edited title is found by the new one, no longer by the old one.
    catalog
        .update(
            &fx.tenant,
            &fx.staff,
            a.id,
            Some(fx.dept),
            draft("Straßenbaumkataster Nord"),
            "Titel präzisiert",
        )
        .await
        .unwrap();
    let hits = search.query(&fx.tenant, "Nord", 1, 20).await.unwrap();
    assert_eq!(hits.total, 1);
    assert_eq!(hits.items[0].title, "Straßenbaumkataster Nord");
    assert_eq!(hits.items[0].link, format!("/daten/{}", a.name));
    assert_eq!(
        search.query(&fx.tenant, "Süd", 1, 20).await.unwrap().total,
        0
    );
}
