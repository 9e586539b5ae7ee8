//! Exchange of the register with other registers: an ATS import is all
//! or nothing, recognises entries by UUID (new version, or nothing when
//! unchanged), keeps the source's UUID for new entries, and finds the
//! department by name. Runs on SQLite, or PostgreSQL via the testkit.
#![allow(clippy::unwrap_used)] // a test or tool stops at its first unexpected error

use teilhabe_domain::{Actor, Denied, Role};
use teilhabe_register::exchange::{export_ats_string, import_ats};
use teilhabe_register::sample::sample_entries;
use teilhabe_store::register::RegisterFilter;
use teilhabe_store::{Store, StoreError, Tenant};
use teilhabe_testkit::TestDb;

async fn tenant_with(store: &Store, departments: &[&str]) -> Tenant {
    let tenant = store.create_tenant("t", "T", &[]).await.unwrap();
    for d in departments {
        store.create_department(&tenant, d).await.unwrap();
    }
    tenant
}

async fn count(store: &Store, sql: &str) -> i64 {
    store.db.one(sql, &[]).await.unwrap().i64("n").unwrap()
}

#[tokio::test]
async fn import_creates_then_recognises_entries_by_uuid() {
    let db = TestDb::new().await;
    let store = db.store().await;
    let t = tenant_with(&store, &["Sozialamt"]).await;
    let admin = Actor::administrator();
    let samples = sample_entries();
    let file = export_ats_string(&samples);

    let first = store
        .register()
        .import(&t, &admin, import_ats(&file).unwrap(), "Import")
        .await
        .unwrap();
    assert_eq!((first.created, first.updated, first.unchanged), (12, 0, 0));
    // Only "Sozialamt" exists: its entries belong to it, the others are
    // kept by the administration and named in the summary.
    let social = samples
        .iter()
        .filter(|e| e.get("department") == "Sozialamt")
        .count();
    assert!(social > 0);
    assert_eq!(first.unknown_departments.len(), 12 - social);
    let listed = store
        .register()
        .entries(&t, &RegisterFilter::default())
        .await
        .unwrap();
    assert_eq!(
        listed
            .iter()
            .filter(|e| e.department_name.as_deref() == Some("Sozialamt"))
            .count(),
        social
    );
    // Imported entries go to the data council like created ones: one
    // review for each entry the review rules select.
    let reviewed = samples
        .iter()
        .filter(|e| !teilhabe_domain::register::entry::review_triggers(None, e, &[]).is_empty())
        .count() as i64;
    assert!(reviewed > 0);
    assert_eq!(
        count(&store, "SELECT COUNT(*) AS n FROM council_reviews").await,
        reviewed
    );
    // The source's UUIDs are kept.
    let exported = store.register().current_entries(&t).await.unwrap();
    let mut ours: Vec<_> = exported.iter().map(|e| e.get("uuid").to_string()).collect();
    let mut theirs: Vec<_> = samples.iter().map(|e| e.get("uuid").to_string()).collect();
    ours.sort();
    theirs.sort();
    assert_eq!(ours, theirs);

    // The same file again changes nothing.
    let again = store
        .register()
        .import(&t, &admin, import_ats(&file).unwrap(), "Import")
        .await
        .unwrap();
    assert_eq!((again.created, again.updated, again.unchanged), (0, 0, 12));
    assert_eq!(
        count(&store, "SELECT COUNT(*) AS n FROM register_versions").await,
        12
    );

    // A changed record becomes version 2 of its entry, not a new entry.
    let mut changed = samples.clone();
    changed[0].set("status", "retired");
    changed[0].set("description_short", "Wurde abgeschaltet.");
    let third = store
        .register()
        .import(
            &t,
            &admin,
            import_ats(&export_ats_string(&changed)).unwrap(),
            "Abgleich",
        )
        .await
        .unwrap();
    assert_eq!((third.created, third.updated, third.unchanged), (0, 1, 11));
    let slug = listed
        .iter()
        .find(|e| e.title == changed[0].get("name"))
        .unwrap()
        .slug
        .clone();
    let entry = store.register().entry(&t, &slug).await.unwrap();
    assert_eq!(entry.current_version, 2);
    assert_eq!(entry.status, "retired");
    let versions = store.register().versions(&t, entry.id).await.unwrap();
    assert_eq!(versions[0].change_note, "Abgleich");
    assert_eq!(versions[1].entry.get("status"), samples[0].get("status"));
    // Each imported version is in the audit trail.
    assert_eq!(
        count(
            &store,
            "SELECT COUNT(*) AS n FROM audit_log WHERE action IN ('register.entry_imported', 'register.version_imported')"
        )
        .await,
        13
    );
}

#[tokio::test]
async fn an_import_with_a_duplicate_uuid_writes_nothing() {
    let db = TestDb::new().await;
    let store = db.store().await;
    let t = tenant_with(&store, &[]).await;
    let mut entries = sample_entries();
    let uuid = entries[0].get("uuid").to_string();
    entries[3].set("uuid", uuid.clone());
    let err = store
        .register()
        .import(
            &t,
            &Actor::administrator(),
            import_ats(&export_ats_string(&entries)).unwrap(),
            "Import",
        )
        .await
        .unwrap_err();
    match err {
        StoreError::Invalid(fe) => {
            assert_eq!(fe.0.len(), 1);
            assert_eq!(fe.0[0].field, "uuid");
            assert_eq!(fe.0[0].key, "error-register-import-duplicate-uuid");
            assert!(fe.0[0].args.iter().any(|(k, v)| *k == "record" && v == "4"));
        }
        other => panic!("expected a field error, got {other:?}"),
    }
    assert_eq!(
        count(&store, "SELECT COUNT(*) AS n FROM register_entries").await,
        0
    );
}

#[tokio::test]
async fn only_admins_import() {
    let db = TestDb::new().await;
    let store = db.store().await;
    let t = tenant_with(&store, &["Amt A"]).await;
    let dept = store.tenants().departments(&t).await.unwrap()[0].id;
    let hash = teilhabe_store::accounts::hash_password("passwort-passwort").unwrap();
    let u = store
        .create_user_with_hash(
            &t,
            "s@t.example",
            "S",
            &hash,
            "de",
            &[(Role::Staff, Some(dept))],
        )
        .await
        .unwrap();
    let staff = store.actor_of(&u).await.unwrap();
    let err = store
        .register()
        .import(
            &t,
            &staff,
            import_ats(&export_ats_string(&sample_entries())).unwrap(),
            "Import",
        )
        .await
        .unwrap_err();
    assert!(matches!(err, StoreError::Denied(Denied::Forbidden)));
    assert!(matches!(
        store
            .register()
            .import(&t, &Actor::visitor(), Vec::new(), "Import")
            .await
            .unwrap_err(),
        StoreError::Denied(Denied::LoginRequired)
    ));
}
