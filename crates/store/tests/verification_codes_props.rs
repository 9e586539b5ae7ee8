//! Property test of the verification-code CSV import (issue #12): any
//! text - code lines with random separators, quotes, spaces, dashes and
//! other characters, or random bytes - is either imported whole or
//! refused with a field error (the bad lines named) or a conflict, never
//! a panic or an internal error, and a refused import writes nothing.
//! Bounded (256 cases a property), on the test database (PostgreSQL when
//! `TEILHABE_TEST_POSTGRES_URL` is set).
#![allow(clippy::unwrap_used)] // a test or tool stops at its first unexpected error

use proptest::prelude::*;
use proptest::test_runner::{Config, TestRunner};
use teilhabe_store::{Store, StoreError, Tenant};
use teilhabe_testkit::{Fixture, TestDb};

fn code_lines() -> impl Strategy<Value = String> {
    let cell = prop_oneof![
        "[A-Za-z0-9]{8,12}",
        "[A-Z0-9]{4}-[A-Z0-9]{4}",
        "[a-z0-9 ]{6,14}",
        "[A-Za-z0-9]{1,7}",
        "[A-Za-z0-9]{65,70}",
        Just("code".to_string()),
        Just(String::new()),
        Just("\"AB12,CD34\"".to_string()),
        Just("\"unclosed".to_string()),
        Just("ÄÖÜ12345".to_string()),
        ".{0,12}",
    ];
    let line = prop::collection::vec(cell, 1..3).prop_map(|cells| cells.join(","));
    let end = prop::sample::select(vec!["\n", "\r\n", "\r"]);
    prop::collection::vec((line, end), 0..10)
        .prop_map(|lines| lines.into_iter().map(|(l, e)| l + e).collect())
}

fn run(strategy: impl Strategy<Value = String>) {
    let rt = tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .unwrap();
    let (_db, store, tenant, admin): (TestDb, Store, Tenant, i64) = rt.block_on(async {
        let db = TestDb::new().await;
        let store = db.store().await;
        let fx = Fixture::new(&store).await;
        let admin = fx.admin.user_id.unwrap();
        (db, store, fx.tenant.clone(), admin)
    });
    let count = |store: &Store| {
        rt.block_on(
            store
                .db
                .one("SELECT COUNT(*) AS n FROM verification_codes", &[]),
        )
        .unwrap()
        .i64("n")
        .unwrap()
    };
    let mut runner = TestRunner::new(Config {
        cases: 256,
        failure_persistence: None,
        ..Config::default()
    });
    let batch = std::cell::Cell::new(0);
    runner
        .run(&strategy, |text| {
            batch.set(batch.get() + 1);
            let before = count(&store);
            let imported = rt.block_on(store.accounts().import_verification_codes(
                &tenant,
                admin,
                &format!("Stapel {}", batch.get()),
                &text,
            ));
            let after = count(&store);
            match imported {
                Ok(n) => {
                    prop_assert!(n > 0);
                    prop_assert_eq!(after - before, n as i64);
                }
                Err(StoreError::Invalid(fe)) => {
                    prop_assert!(!fe.0.is_empty());
                    prop_assert_eq!(after, before, "a refused import wrote codes");
                }
                Err(StoreError::Conflict(key)) => {
                    prop_assert_eq!(key, "error-code-duplicate");
                    prop_assert_eq!(after, before, "a refused import wrote codes");
                }
                Err(e) => prop_assert!(false, "unexpected {:?} for {:?}", e, text),
            }
            Ok(())
        })
        .unwrap();
}

#[test]
fn code_lines_import_whole_or_name_their_errors() {
    run(code_lines());
}

#[test]
fn random_text_imports_whole_or_names_its_errors() {
    run(".{0,200}");
}
