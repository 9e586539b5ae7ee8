//! Administering a municipality in the store (issue #11): creating one
//! with checked hosts and slug, the profile's checks (WCAG contrast,
//! regional key, contributor id) writing nothing when refused, hosts, and
//! merging departments: every row that references the department moves,
//! nothing else changes, and the audit chain stays valid. Runs on SQLite,
//! or PostgreSQL via the testkit.
#![allow(clippy::unwrap_used)] // a test or tool stops at its first unexpected error

use std::collections::BTreeSet;
use teilhabe_domain::goals::input::GoalDraft;
use teilhabe_domain::process::Form;
use teilhabe_domain::{Denied, Role};
use teilhabe_register::sample::sample_entries;
use teilhabe_store::goals::GoalInput;
use teilhabe_store::municipality::{NewMunicipality, Profile, DEPARTMENT_COLUMNS};
use teilhabe_store::{Store, StoreError};
use teilhabe_testkit::{assert_chain_unbroken, count, Fixture, TestDb};

fn keys(e: &StoreError) -> Vec<(&'static str, &'static str)> {
    match e {
        StoreError::Invalid(fe) => fe.0.iter().map(|f| (f.field, f.key)).collect(),
        e => panic!("not a validation error: {e:?}"),
    }
}

#[tokio::test]
async fn creating_refuses_taken_hosts_and_slugs() {
    let db = TestDb::new().await;
    let store = db.store().await;
    let new = |slug: &str, hosts: &[&str]| NewMunicipality {
        slug: slug.into(),
        name: "Stadt".into(),
        hosts: hosts.iter().map(|h| h.to_string()).collect(),
    };
    let a = store
        .create_municipality(&new("stadt-a", &["A.example", "a.example"]))
        .await
        .unwrap();
    assert_eq!(store.tenants().hosts(&a).await.unwrap(), ["a.example"]);
    let e = store
        .create_municipality(&new("stadt-a", &["a.example", "x y", "b.example"]))
        .await
        .unwrap_err();
    assert_eq!(
        keys(&e),
        [
            ("slug", "error-municipality-slug-taken"),
            ("host", "error-host-taken"),
            ("host", "error-host-format"),
        ]
    );
    let e = store.create_municipality(&new("B", &[])).await.unwrap_err();
    assert_eq!(
        keys(&e),
        [
            ("slug", "error-municipality-slug"),
            ("host", "error-required")
        ]
    );
    assert_eq!(store.tenants().all().await.unwrap().len(), 1);
    assert_chain_unbroken(&store, &a).await;
}

async fn profile_of(store: &Store, fx: &Fixture) -> Profile {
    Profile::of(&store.tenants().reload(&fx.tenant).await.unwrap())
}

#[tokio::test]
async fn the_profile_is_checked_and_a_refusal_writes_nothing() {
    let db = TestDb::new().await;
    let store = db.store().await;
    let fx = Fixture::new(&store).await;
    let good = Profile {
        name: "Stadt T".into(),
        base_url: "https://t.example/".into(),
        brand_primary: "#00528A".into(),
        brand_secondary: "#003a63".into(),
        contact_address: "Rathausplatz 1".into(),
        contact_phone: "0123 456".into(),
        ars: "091620000000".into(),
        contributor_id: "http://dcat-ap.de/def/contributors/stadtT".into(),
    };
    // Staff may not; an admin may.
    let e = store
        .tenants()
        .update_profile(&fx.tenant, &fx.staff, &good)
        .await
        .unwrap_err();
    assert!(matches!(e, StoreError::Denied(Denied::Forbidden)), "{e:?}");
    let bad = Profile {
        brand_primary: "#ffcc00".into(),
        brand_secondary: "#7a7a7a".into(),
        ars: "991620000000".into(),
        contributor_id: "http://dcat-ap.de/def/contributors/a b".into(),
        base_url: "javascript:alert(1)".into(),
        ..good.clone()
    };
    let e = store
        .tenants()
        .update_profile(&fx.tenant, &fx.admin, &bad)
        .await
        .unwrap_err();
    assert_eq!(
        keys(&e),
        [
            ("base_url", "error-base-url"),
            ("brand_primary", "error-colour-contrast"),
            ("brand_secondary", "error-colour-contrast"),
            ("ars", "error-ars"),
            ("contributor_id", "error-contributor-id"),
        ]
    );
    let StoreError::Invalid(fe) = &e else {
        unreachable!()
    };
    assert_eq!(fe.0[1].args[0], ("ratio", "1.3:1".to_string()));
    assert_eq!(profile_of(&store, &fx).await.ars, "");
    assert_eq!(fx.audited("municipality.profile_saved").await, 0);

    store
        .tenants()
        .update_profile(&fx.tenant, &fx.admin, &good)
        .await
        .unwrap();
    let p = profile_of(&store, &fx).await;
    assert_eq!(
        (
            p.base_url.as_str(),
            p.brand_primary.as_str(),
            p.name.as_str()
        ),
        ("https://t.example", "#00528a", "Stadt T")
    );
    assert_eq!(fx.audited("municipality.profile_saved").await, 1);
    assert_chain_unbroken(&store, &fx.tenant).await;
}

#[tokio::test]
async fn hosts_are_added_and_removed_but_never_shared() {
    let db = TestDb::new().await;
    let store = db.store().await;
    let fx = Fixture::new(&store).await;
    store
        .create_tenant("other", "Other", &["other.example"])
        .await
        .unwrap();
    let tenants = store.tenants();
    let e = tenants
        .add_host(&fx.tenant, &fx.admin, "OTHER.example")
        .await
        .unwrap_err();
    assert_eq!(keys(&e), [("host", "error-host-taken")]);
    tenants
        .add_host(&fx.tenant, &fx.admin, "t.example")
        .await
        .unwrap();
    tenants
        .add_host(&fx.tenant, &fx.admin, "www.t.example")
        .await
        .unwrap();
    tenants
        .remove_host(&fx.tenant, &fx.admin, "t.example")
        .await
        .unwrap();
    let e = tenants
        .remove_host(&fx.tenant, &fx.admin, "www.t.example")
        .await
        .unwrap_err();
    assert_eq!(keys(&e), [("remove_host", "error-host-last")]);
    assert_eq!(tenants.hosts(&fx.tenant).await.unwrap(), ["www.t.example"]);
    let found = tenants.for_host("www.t.example:8080").await.unwrap();
    assert_eq!(found.map(|t| t.id), Some(fx.tenant.id));
}

/// Every (table, column) of the schema named `department_id`.
async fn department_columns_in_schema(store: &Store) -> BTreeSet<(String, String)> {
    let sql = if store.db.is_postgres() {
        "SELECT table_name::text AS t FROM information_schema.columns WHERE column_name = 'department_id' AND table_schema = current_schema()"
    } else {
        "SELECT m.name AS t FROM sqlite_master m JOIN pragma_table_info(m.name) c WHERE m.type = 'table' AND c.name = 'department_id'"
    };
    store
        .db
        .all(sql, &[])
        .await
        .unwrap()
        .iter()
        .map(|r| (r.str("t").unwrap(), "department_id".to_string()))
        .collect()
}

#[tokio::test]
async fn department_columns_are_all_listed() {
    let db = TestDb::new().await;
    let store = db.store().await;
    let listed: BTreeSet<(String, String)> = DEPARTMENT_COLUMNS
        .iter()
        .map(|(t, c)| (t.to_string(), c.to_string()))
        .collect();
    assert_eq!(department_columns_in_schema(&store).await, listed);
}

#[tokio::test]
async fn merging_moves_every_reference_then_deletes_the_department() {
    let db = TestDb::new().await;
    let store = db.store().await;
    let fx = Fixture::new(&store).await;
    let (from, into) = (fx.other_dept, fx.dept);
    // Rows of the department to be merged, in every referencing table.
    let process = fx.open_process("Ein Verfahren", "verfahren", &Form::ALL);
    let input = teilhabe_store::processes::ProcessInput {
        department_id: Some(from),
        ..process
    };
    store
        .create_process(&fx.tenant, &fx.admin, &input)
        .await
        .unwrap();
    store
        .register()
        .create_entry(
            &fx.tenant,
            &fx.admin,
            Some(from),
            sample_entries().remove(0),
            "",
        )
        .await
        .unwrap();
    store
        .goals()
        .create(
            &fx.tenant,
            &fx.admin,
            &GoalInput {
                draft: GoalDraft {
                    statement: "Weniger Lärm in der Innenstadt".into(),
                    description: "Warum dieses Ziel wichtig ist.".into(),
                },
                department_id: Some(from),
                process_ids: vec![],
                entry_ids: vec![],
            },
        )
        .await
        .unwrap();
    store
        .catalog()
        .create(
            &fx.tenant,
            &fx.admin,
            Some(from),
            teilhabe_domain::catalog::DatasetDraft {
                title: "Lärmmessungen".into(),
                description: "Messwerte der Lärmmessstellen.".into(),
                themes: vec!["ENVI".into()],
                accrual_periodicity: "MONTHLY".into(),
                contact_name: "Umweltamt".into(),
                contact_email: "umwelt@t.example".into(),
                access_rights: "PUBLIC".into(),
                ..Default::default()
            },
        )
        .await
        .unwrap();
    // A data request assigned to the department and a harvest source it
    // keeps (written directly: only the reference matters here).
    for sql in [
        format!("INSERT INTO data_requests (municipality_id, title, body, department_id, due_at, created_at) VALUES ({}, 'Baumkataster', 'Bitte veröffentlichen', {from}, 0, 0)", fx.tenant.id),
        format!("INSERT INTO harvest_sources (municipality_id, kind, url, title, department_id, created_at) VALUES ({}, 'ckan', 'https://daten.example', 'Kreis', {from}, 0)", fx.tenant.id),
    ] {
        store.db.exec(&sql, &[]).await.unwrap();
    }
    // Someone on staff of both: the grant for `from` would collide.
    fx.actor(
        "both@t.example",
        &[(Role::Staff, Some(from)), (Role::Staff, Some(into))],
    )
    .await;
    let referencing = |table: &str, dept: i64| {
        format!("SELECT COUNT(*) AS n FROM {table} WHERE department_id = {dept}")
    };
    let mut before = Vec::new();
    for (table, _) in DEPARTMENT_COLUMNS {
        let n = count(&store, &referencing(table, from)).await;
        assert!(n > 0, "no row of {table} references the department");
        before.push((*table, n, count(&store, &referencing(table, into)).await));
    }

    // Refused: by staff, into itself, into another municipality's.
    let tenants = store.tenants();
    let e = tenants
        .merge_departments(&fx.tenant, &fx.staff, from, into)
        .await
        .unwrap_err();
    assert!(matches!(e, StoreError::Denied(_)), "{e:?}");
    let e = tenants
        .merge_departments(&fx.tenant, &fx.admin, from, from)
        .await
        .unwrap_err();
    assert_eq!(keys(&e), [("merge_into", "error-merge-same")]);
    let other = store.create_tenant("o", "O", &[]).await.unwrap();
    let foreign = store
        .create_department(&other, "Fremdes Amt")
        .await
        .unwrap();
    let e = tenants
        .merge_departments(&fx.tenant, &fx.admin, from, foreign)
        .await
        .unwrap_err();
    assert!(matches!(e, StoreError::NotFound), "{e:?}");

    let summary = tenants
        .merge_departments(&fx.tenant, &fx.admin, from, into)
        .await
        .unwrap();
    for (table, n_from, n_into) in before {
        assert_eq!(count(&store, &referencing(table, from)).await, 0, "{table}");
        // The colliding staff grant of `both` is dropped, not duplicated.
        let moved = if table == "role_grants" {
            n_from - 1
        } else {
            n_from
        };
        assert_eq!(
            count(&store, &referencing(table, into)).await,
            n_into + moved,
            "{table}"
        );
        let reported = summary.moved.iter().find(|(t, _)| *t == table).unwrap().1;
        assert_eq!(reported as i64, moved, "{table}");
    }
    let names: Vec<String> = tenants
        .departments(&fx.tenant)
        .await
        .unwrap()
        .into_iter()
        .map(|d| d.name)
        .collect();
    assert_eq!(names, ["Amt A"]);
    // Staff of the merged department now work in the other one.
    let moved_staff = store
        .accounts()
        .user_by_email(&fx.tenant, "other@t.example")
        .await
        .unwrap()
        .unwrap();
    let actor = store.actor_of(&moved_staff).await.unwrap();
    assert!(actor.runs(Some(into)));
    assert!(!actor.runs(Some(from)));
    let both = store.actor_of(&both_user(&store, &fx).await).await.unwrap();
    assert!(both.runs(Some(into)) && !both.runs(Some(from)));
    assert_eq!(fx.audited("department.merged").await, 1);
    // The other municipality's department is untouched.
    let theirs = store.tenants().departments(&other).await.unwrap();
    assert_eq!(theirs.len(), 1);
    assert_chain_unbroken(&store, &fx.tenant).await;
}

async fn both_user(store: &Store, fx: &Fixture) -> teilhabe_store::accounts::User {
    store
        .accounts()
        .user_by_email(&fx.tenant, "both@t.example")
        .await
        .unwrap()
        .unwrap()
}

#[tokio::test]
async fn register_import_creates_unknown_departments_or_refuses_them_strictly() {
    use teilhabe_register::exchange::{export_ats_string, import_ats};
    use teilhabe_store::register::UnknownDepartments;
    let db = TestDb::new().await;
    let store = db.store().await;
    let fx = Fixture::new(&store).await;
    let file = export_ats_string(&sample_entries());
    let records = || import_ats(&file).unwrap();
    let mut wanted: Vec<String> = sample_entries()
        .iter()
        .map(|e| e.get("department").trim().to_string())
        .filter(|d| !d.is_empty())
        .collect();
    wanted.sort();
    wanted.dedup();
    assert!(wanted.len() > 1);

    let register = store.register();
    let e = register
        .import_with(
            &fx.tenant,
            &fx.admin,
            records(),
            "Import",
            UnknownDepartments::Strict,
        )
        .await
        .unwrap_err();
    let StoreError::Invalid(fe) = e else {
        panic!("not a validation error")
    };
    assert_eq!(fe.0.len(), sample_entries().len());
    assert_eq!(fe.0[0].key, "error-register-import-unknown-department");
    assert_eq!(fe.0[0].args[0], ("record", "1".to_string()));
    assert_eq!(
        count(&store, "SELECT COUNT(*) AS n FROM register_entries").await,
        0
    );
    assert_eq!(
        store.tenants().departments(&fx.tenant).await.unwrap().len(),
        2
    );

    let summary = register
        .import_with(
            &fx.tenant,
            &fx.admin,
            records(),
            "Import",
            UnknownDepartments::Create,
        )
        .await
        .unwrap();
    let mut created = summary.created_departments.clone();
    created.sort();
    assert_eq!(created, wanted);
    assert!(summary.unknown_departments.is_empty());
    let entries = register
        .entries(
            &fx.tenant,
            &teilhabe_store::register::RegisterFilter::default(),
        )
        .await
        .unwrap();
    assert!(entries.iter().all(|e| e.department_name.is_some()));
    assert_eq!(fx.audited("department.created").await, wanted.len() as i64);
    assert_chain_unbroken(&store, &fx.tenant).await;
}
