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
