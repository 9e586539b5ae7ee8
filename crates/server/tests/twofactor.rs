//! `teilhabe user reset-2fa` for a person who lost their device.
#![allow(clippy::unwrap_used)] // a test or tool stops at its first unexpected error

mod common;

use common::{assert_help, demo_db, teilhabe};
use teilhabe_domain::totp;
use teilhabe_store::{Clock, DbOptions, Store};

const EMAIL: &str = "mobilitaet@musterstadt.example";

async fn open(db: &str) -> Store {
    // The key file the binary uses for this database (`<db>.key`).
    let key = teilhabe_store::keys::InstanceKey::for_database(db, None).unwrap();
    Store::open(db, &DbOptions { max_connections: 1 }, Clock::System, key)
        .await
        .unwrap()
}

#[tokio::test]
async fn reset_2fa_removes_the_second_factor_and_is_audited() {
    assert_help(&[&["user", "reset-2fa"]]);
    let dir = tempfile::tempdir().unwrap();
    let db = demo_db(dir.path());
    {
        let store = open(&db).await;
        let tenant = store.tenants().all().await.unwrap().remove(0);
        let user = store
            .accounts()
            .user_by_email(&tenant, EMAIL)
            .await
            .unwrap()
            .unwrap();
        let actor = store.actor_of(&user).await.unwrap();
        let secret = store.twofactor().start(&tenant, &actor).await.unwrap();
        let bytes = totp::base32_decode(&secret).unwrap();
        let now = u64::try_from(store.now() / 1000).unwrap();
        let code = totp::code_at(&bytes, now, totp::DIGITS);
        // A step boundary between computing and checking is within the
        // one step of drift that is accepted.
        store
            .twofactor()
            .confirm(&tenant, &actor, &code)
            .await
            .unwrap();
        assert!(store.twofactor().enabled(&tenant, user.id).await.unwrap());
        store.db.close().await;
    }
    let (ok, out) = teilhabe(
        &db,
        &[
            "user",
            "reset-2fa",
            "--email",
            "niemand@musterstadt.example",
        ],
    );
    assert!(!ok && out.contains("no account with e-mail"), "{out}");
    let (ok, out) = teilhabe(&db, &["user", "reset-2fa", "--email", EMAIL]);
    assert!(
        ok && out.contains("two-factor authentication of mobilitaet@musterstadt.example removed"),
        "{out}"
    );
    let (ok, out) = teilhabe(&db, &["user", "reset-2fa", "--email", EMAIL]);
    assert!(ok && out.contains("nothing changed"), "{out}");
    let store = open(&db).await;
    let tenant = store.tenants().all().await.unwrap().remove(0);
    let user = store
        .accounts()
        .user_by_email(&tenant, EMAIL)
        .await
        .unwrap()
        .unwrap();
    assert!(!store.twofactor().enabled(&tenant, user.id).await.unwrap());
    let n: serde_json::Value = store
        .db
        .one_as(
            "SELECT COUNT(*) AS n FROM audit_log WHERE action = 'twofactor.reset'",
            &[],
        )
        .await
        .unwrap();
    assert_eq!(n["n"], 1, "one reset audited (the second changed nothing)");
    let (ok, out) = teilhabe(&db, &["audit", "verify"]);
    assert!(ok && out.contains("musterstadt: ok"), "{out}");
}
