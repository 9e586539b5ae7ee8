//! The open data catalog in the store: staff of a dataset's department
//! create and edit it (others write nothing), every change is a version
//! with its audit entry, distributions keep a file's size and SHA-256 or
//! a link, and bad input names its fields. Runs on SQLite, or PostgreSQL
//! via the testkit.
#![allow(clippy::unwrap_used)] // a test or tool stops at its first unexpected error

use teilhabe_domain::catalog::{DatasetDraft, DistributionDraft};
use teilhabe_domain::Denied;
use teilhabe_store::catalog::distributions::Upload;
use teilhabe_store::StoreError;
use teilhabe_testkit::{assert_chain_unbroken, Fixture, TestDb};

pub fn draft(title: &str) -> DatasetDraft {
    DatasetDraft {
        title: title.into(),
        description: "Stündliche Zählungen an zwölf Zählstellen.".into(),
        keywords: vec!["Verkehr".into(), "Rad".into()],
        themes: vec!["TRAN".into()],
        temporal_start: Some("2024-01-01".into()),
        temporal_end: None,
        accrual_periodicity: "MONTHLY".into(),
        contact_name: "Amt für Mobilität".into(),
        contact_email: "mobil@musterstadt.example".into(),
        landing_page: String::new(),
        access_rights: "PUBLIC".into(),
    }
}

fn csv_distribution() -> DistributionDraft {
    DistributionDraft {
        title: "Zählungen 2024 (CSV)".into(),
        description: String::new(),
        format: "CSV".into(),
        license: "dl-by-de/2.0".into(),
        access_url: String::new(),
    }
}

#[tokio::test]
async fn staff_create_and_edit_datasets_with_versions_and_audit() {
    let db = TestDb::new().await;
    let fx = Fixture::new(&db.store().await).await;
    let catalog = fx.store.catalog();
    let d = catalog
        .create(
            &fx.tenant,
            &fx.staff,
            Some(fx.dept),
            draft("Radverkehrszählung Ö-Straße"),
        )
        .await
        .unwrap();
    assert_eq!(d.name, "radverkehrszaehlung-oe-strasse");
    assert_eq!(d.version, 1);
    assert_eq!(d.theme_list(), vec!["TRAN"]);
    // The same title again gets the next free name.
    let twin = catalog
        .create(
            &fx.tenant,
            &fx.staff,
            Some(fx.dept),
            draft("Radverkehrszählung Ö-Straße"),
        )
        .await
        .unwrap();
    assert_eq!(twin.name, "radverkehrszaehlung-oe-strasse-2");
    // Names of the catalog's own pages (`/daten/neu`, `/daten/anfragen`)
    // are never given to a dataset.
    for (title, name) in [("Neu", "neu-2"), ("Anfragen", "anfragen-2")] {
        let d = catalog
            .create(&fx.tenant, &fx.staff, Some(fx.dept), draft(title))
            .await
            .unwrap();
        assert_eq!(d.name, name);
    }

    let mut changed = draft("Radverkehrszählung Ö-Straße");
    changed.themes.push("ENVI".into());
    let v2 = catalog
        .update(
            &fx.tenant,
            &fx.staff,
            d.id,
            Some(fx.dept),
            changed.clone(),
            "Umwelt ergänzt",
        )
        .await
        .unwrap();
    assert_eq!(v2.version, 2);
    assert_eq!(
        v2.identifier, d.identifier,
        "dct:identifier stays across versions"
    );
    let versions = catalog.versions(&fx.tenant, d.id).await.unwrap();
    assert_eq!(versions.len(), 2);
    assert_eq!(versions[0].draft, changed);
    assert_eq!(versions[0].change_note, "Umwelt ergänzt");
    // Saving the same description again writes no version.
    let same = catalog
        .update(&fx.tenant, &fx.staff, d.id, Some(fx.dept), changed, "")
        .await
        .unwrap();
    assert_eq!(same.version, 2);
    assert_eq!(fx.audited("dataset.created").await, 4);
    assert_eq!(fx.audited("dataset.updated").await, 1);

    // Staff of another department and citizens change nothing.
    let refused = catalog
        .update(
            &fx.tenant,
            &fx.other_staff,
            d.id,
            Some(fx.dept),
            draft("Fremd"),
            "",
        )
        .await;
    assert!(
        matches!(refused, Err(StoreError::Denied(Denied::Forbidden))),
        "{refused:?}"
    );
    let refused = catalog
        .create(&fx.tenant, &fx.citizen, Some(fx.dept), draft("Bürger"))
        .await;
    assert!(
        matches!(refused, Err(StoreError::Denied(Denied::Forbidden))),
        "{refused:?}"
    );
    assert_chain_unbroken(&fx.store, &fx.tenant).await;
}

#[tokio::test]
async fn invalid_datasets_name_every_field_and_write_nothing() {
    let db = TestDb::new().await;
    let fx = Fixture::new(&db.store().await).await;
    let bad = DatasetDraft {
        title: "X".into(),
        themes: vec![],
        accrual_periodicity: "OFT".into(),
        ..draft("egal")
    };
    match fx
        .store
        .catalog()
        .create(&fx.tenant, &fx.staff, Some(fx.dept), bad)
        .await
    {
        Err(StoreError::Invalid(e)) => {
            assert_eq!(e.get("title").unwrap().key, "error-too-short");
            assert_eq!(e.get("themes").unwrap().key, "catalog-error-theme-required");
            assert_eq!(
                e.get("accrual_periodicity").unwrap().key,
                "error-invalid-choice"
            );
        }
        other => panic!("expected field errors, got {other:?}"),
    }
    assert!(fx.store.catalog().all(&fx.tenant).await.unwrap().is_empty());
    assert_eq!(fx.audited("dataset.created").await, 0);
}

#[tokio::test]
async fn files_keep_size_and_sha256_and_links_their_address() {
    let db = TestDb::new().await;
    let fx = Fixture::new(&db.store().await).await;
    let catalog = fx.store.catalog();
    let d = catalog
        .create(&fx.tenant, &fx.staff, Some(fx.dept), draft("Zählstellen"))
        .await
        .unwrap();
    let bytes = b"stelle;anzahl\nA;12\n".to_vec();
    let file = catalog
        .add_distribution(
            &fx.tenant,
            &fx.staff,
            d.id,
            &csv_distribution(),
            Some(Upload {
                file_name: "zaehlung.csv".into(),
                bytes: bytes.clone(),
            }),
        )
        .await
        .unwrap();
    assert_eq!(file.byte_size, Some(bytes.len() as i64));
    // sha256 of the bytes above, computed with `sha256sum`.
    assert_eq!(
        file.sha256,
        "dd4e6057cbaa443b9e590b889afa813b4ec43e9fe1c1a816882ae034fd9865c3"
    );
    let content = catalog.file(&fx.tenant, file.id).await.unwrap();
    assert_eq!(content.content, bytes);
    assert_eq!(content.media_type, "text/csv");

    let link = DistributionDraft {
        title: "Zählstellen als WMS".into(),
        format: "WMS_SRVC".into(),
        access_url: "https://geo.musterstadt.example/wms".into(),
        ..csv_distribution()
    };
    let l = catalog
        .add_distribution(&fx.tenant, &fx.staff, d.id, &link, None)
        .await
        .unwrap();
    assert_eq!(l.kind, "link");
    assert!(matches!(
        catalog.file(&fx.tenant, l.id).await,
        Err(StoreError::NotFound)
    ));

    // A file of a type the catalog does not take, and an empty one.
    for (name, body, key) in [
        ("programm.exe", b"MZ".to_vec(), "catalog-error-file-type"),
        ("leer.csv", Vec::new(), "catalog-error-file-empty"),
    ] {
        let r = catalog
            .add_distribution(
                &fx.tenant,
                &fx.staff,
                d.id,
                &csv_distribution(),
                Some(Upload {
                    file_name: name.into(),
                    bytes: body,
                }),
            )
            .await;
        match r {
            Err(StoreError::Invalid(e)) => assert_eq!(e.get("file").unwrap().key, key),
            other => panic!("{name}: expected a field error, got {other:?}"),
        }
    }
    assert_eq!(
        catalog.distributions(&fx.tenant, d.id).await.unwrap().len(),
        2
    );
    catalog
        .remove_distribution(&fx.tenant, &fx.staff, l.id)
        .await
        .unwrap();
    assert_eq!(
        catalog.distributions(&fx.tenant, d.id).await.unwrap().len(),
        1
    );
    assert_chain_unbroken(&fx.store, &fx.tenant).await;
}

/// The facet values of one facet as (value, count).
fn counts(values: &[teilhabe_store::catalog::browse::FacetValue]) -> Vec<(String, i64)> {
    values.iter().map(|v| (v.value.clone(), v.count)).collect()
}

#[tokio::test]
async fn the_catalog_filters_pages_and_counts_facets_under_the_filter() {
    use teilhabe_store::catalog::browse::{CatalogFilter, PER_PAGE};
    let db = TestDb::new().await;
    let fx = Fixture::new(&db.store().await).await;
    let catalog = fx.store.catalog();
    // Traffic (own department, CSV under dl-by-de), trees (other
    // department, environment, a GeoJSON under cc-by) and a budget
    // without distributions.
    let traffic = catalog
        .create(&fx.tenant, &fx.staff, Some(fx.dept), draft("Radzählung"))
        .await
        .unwrap();
    catalog
        .add_distribution(
            &fx.tenant,
            &fx.staff,
            traffic.id,
            &csv_distribution(),
            Some(Upload {
                file_name: "rad.csv".into(),
                bytes: b"a;b\n1;2\n".to_vec(),
            }),
        )
        .await
        .unwrap();
    let trees_draft = DatasetDraft {
        description: "Alle Straßenbäume mit Art und Pflanzjahr.".into(),
        keywords: vec!["Baumkataster".into()],
        themes: vec!["ENVI".into(), "REGI".into()],
        ..draft("Straßenbäume")
    };
    let trees = catalog
        .create(
            &fx.tenant,
            &fx.other_staff,
            Some(fx.other_dept),
            trees_draft,
        )
        .await
        .unwrap();
    let geo = DistributionDraft {
        title: "Bäume (GeoJSON)".into(),
        format: "GEOJSON".into(),
        license: "cc-by/4.0".into(),
        access_url: "https://geo.musterstadt.example/baeume.geojson".into(),
        ..csv_distribution()
    };
    catalog
        .add_distribution(&fx.tenant, &fx.other_staff, trees.id, &geo, None)
        .await
        .unwrap();
    let budget_draft = DatasetDraft {
        description: "Der Haushaltsplan als Tabelle je Produkt.".into(),
        keywords: vec![],
        themes: vec!["GOVE".into(), "ECON".into()],
        ..draft("Haushaltsplan")
    };
    catalog
        .create(&fx.tenant, &fx.admin, Some(fx.dept), budget_draft)
        .await
        .unwrap();
    // A data use reads the trees.
    let entry = fx.entry(teilhabe_testkit::sample("")).await;
    fx.store
        .db
        .exec(
            "INSERT INTO register_entry_datasets (entry_id, dataset_id, municipality_id) VALUES ($1, $2, $3)",
            &[entry.id.into(), trees.id.into(), fx.tenant.id.into()],
        )
        .await
        .unwrap();

    let all = catalog
        .browse(&fx.tenant, &CatalogFilter::default())
        .await
        .unwrap();
    assert_eq!(all.datasets.total, 3);
    assert_eq!(all.datasets.items.len(), 3);
    assert_eq!(
        counts(&all.facets.themes),
        vec![
            ("ECON".into(), 1),
            ("ENVI".into(), 1),
            ("GOVE".into(), 1),
            ("REGI".into(), 1),
            ("TRAN".into(), 1)
        ]
    );
    let mut departments = counts(&all.facets.departments);
    departments.sort();
    let mut expected = vec![(fx.dept.to_string(), 2), (fx.other_dept.to_string(), 1)];
    expected.sort();
    assert_eq!(departments, expected);
    assert_eq!(
        counts(&all.facets.formats),
        vec![("CSV".into(), 1), ("GEOJSON".into(), 1)]
    );
    assert_eq!(
        counts(&all.facets.licenses),
        vec![("dl-by-de/2.0".into(), 1), ("cc-by/4.0".into(), 1)]
    );
    assert_eq!(
        counts(&all.facets.data_uses),
        vec![(entry.id.to_string(), 1)]
    );
    assert_eq!(all.facets.data_uses[0].name, entry.title);
    let card = all
        .datasets
        .items
        .iter()
        .find(|c| c.dataset.id == traffic.id)
        .unwrap();
    assert_eq!(card.formats, vec!["CSV"]);

    let names = |p: &teilhabe_store::catalog::browse::CatalogPage| {
        let mut v: Vec<String> = p
            .datasets
            .items
            .iter()
            .map(|c| c.dataset.title.clone())
            .collect();
        v.sort();
        v
    };
    let by = async |f: CatalogFilter| catalog.browse(&fx.tenant, &f).await.unwrap();
    // Each filter narrows the list, and the facets count what is left.
    let envi = by(CatalogFilter {
        theme: "ENVI".into(),
        ..Default::default()
    })
    .await;
    assert_eq!(names(&envi), vec!["Straßenbäume"]);
    assert_eq!(
        counts(&envi.facets.themes),
        vec![("ENVI".into(), 1), ("REGI".into(), 1)]
    );
    assert_eq!(counts(&envi.facets.formats), vec![("GEOJSON".into(), 1)]);
    let own_dept = by(CatalogFilter {
        department_id: Some(fx.dept),
        ..Default::default()
    })
    .await;
    assert_eq!(names(&own_dept), vec!["Haushaltsplan", "Radzählung"]);
    assert!(own_dept.facets.data_uses.is_empty());
    assert_eq!(
        names(
            &by(CatalogFilter {
                format: "CSV".into(),
                ..Default::default()
            })
            .await
        ),
        vec!["Radzählung"]
    );
    assert_eq!(
        names(
            &by(CatalogFilter {
                license: "cc-by/4.0".into(),
                ..Default::default()
            })
            .await
        ),
        vec!["Straßenbäume"]
    );
    assert_eq!(
        names(
            &by(CatalogFilter {
                data_use: Some(entry.id),
                ..Default::default()
            })
            .await
        ),
        vec!["Straßenbäume"]
    );
    // Words must all occur (title, description or keywords, any case).
    assert_eq!(
        names(
            &by(CatalogFilter {
                q: "baumkataster PFLANZJAHR".into(),
                ..Default::default()
            })
            .await
        ),
        vec!["Straßenbäume"]
    );
    let none = by(CatalogFilter {
        q: "baumkataster haushalt".into(),
        ..Default::default()
    })
    .await;
    assert_eq!(none.datasets.total, 0);
    assert!(none.facets.themes.is_empty() && none.facets.formats.is_empty());
    // An unknown theme matches nothing (and is no LIKE pattern).
    assert_eq!(
        by(CatalogFilter {
            theme: "%".into(),
            ..Default::default()
        })
        .await
        .datasets
        .total,
        0
    );

    // Pages: PER_PAGE datasets each, the total over all of them.
    for i in 0..PER_PAGE {
        catalog
            .create(
                &fx.tenant,
                &fx.staff,
                Some(fx.dept),
                draft(&format!("Messreihe {i}")),
            )
            .await
            .unwrap();
    }
    let first = by(CatalogFilter::default()).await;
    assert_eq!(first.datasets.total, PER_PAGE + 3);
    assert_eq!(first.datasets.items.len() as i64, PER_PAGE);
    assert_eq!(first.datasets.pages(), 2);
    let second = by(CatalogFilter {
        page: 2,
        ..Default::default()
    })
    .await;
    assert_eq!(second.datasets.items.len(), 3);
    assert_eq!(second.datasets.page, 2);
    let on_first: Vec<i64> = first.datasets.items.iter().map(|c| c.dataset.id).collect();
    assert!(second
        .datasets
        .items
        .iter()
        .all(|c| !on_first.contains(&c.dataset.id)));
}
