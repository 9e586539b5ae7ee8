//! Issue #12, audit chain anchoring, on both backends: someone with write
//! access to the database who rewrites entries and recomputes every hash
//! and the head gets past the chain check, but not past a signed
//! checkpoint; PostgreSQL refuses TRUNCATE of the log, and a role without
//! ownership cannot drop its triggers.
#![allow(clippy::unwrap_used)] // a test or tool stops at its first unexpected error

use teilhabe_domain::audit::entry_hash;
use teilhabe_store::checkpoints::{check_published, signature_valid};
use teilhabe_store::Store;
use teilhabe_testkit::{assert_chain_unbroken, backend, count, Fixture, TestDb};

#[derive(serde::Deserialize)]
struct Entry {
    seq: i64,
    at_ms: i64,
    actor: String,
    action: String,
    target: String,
    details: String,
}

/// Rewrites entry `seq`'s actor and recomputes every later hash and the
/// head, as an attacker with full database access could.
async fn rewrite(store: &Store, municipality: i64, seq: i64) {
    let off = if store.db.is_postgres() {
        "ALTER TABLE audit_log DISABLE TRIGGER audit_log_no_change"
    } else {
        "DROP TRIGGER audit_log_no_update"
    };
    store.db.exec(off, &[]).await.unwrap();
    let rows: Vec<Entry> = store
        .db
        .all_as(
            "SELECT seq, at_ms, actor, action, target, details FROM audit_log WHERE municipality_id = $1 ORDER BY seq",
            teilhabe_store::params![municipality],
        )
        .await
        .unwrap();
    let mut prev = teilhabe_domain::audit::GENESIS.to_string();
    for mut e in rows {
        if e.seq == seq {
            e.actor = "p-jemandanders".into();
        }
        let hash = entry_hash(
            &prev, e.seq, e.at_ms, &e.actor, &e.action, &e.target, &e.details,
        );
        store
            .db
            .exec(
                "UPDATE audit_log SET actor = $1, prev_hash = $2, hash = $3 WHERE municipality_id = $4 AND seq = $5",
                teilhabe_store::params![e.actor.as_str(), prev.as_str(), hash.as_str(), municipality, e.seq],
            )
            .await
            .unwrap();
        prev = hash;
    }
    store
        .db
        .exec(
            "UPDATE audit_heads SET hash = $1 WHERE municipality_id = $2",
            teilhabe_store::params![prev.as_str(), municipality],
        )
        .await
        .unwrap();
}

#[tokio::test]
async fn a_rewritten_chain_with_recomputed_hashes_fails_against_a_checkpoint() {
    let db = TestDb::new().await;
    let store = db.store().await;
    let fx = Fixture::new(&store).await;
    let t = &fx.tenant;
    fx.citizens(3).await;
    let audit = store.audit();
    let cp = audit
        .checkpoint(t)
        .await
        .unwrap()
        .expect("a first checkpoint");
    let (seq, hash) = audit.head(t).await.unwrap().unwrap();
    assert_eq!((cp.seq, cp.hash.clone()), (seq, hash.clone()));
    // Nothing new: no second checkpoint of the same head.
    assert!(audit.checkpoint(t).await.unwrap().is_none());
    fx.actor("neu@t.example", &[]).await;
    assert!(audit.checkpoint(t).await.unwrap().is_some());
    // Published with the key that verifies them; all agree with the chain.
    let published = audit.published(t, 100).await.unwrap();
    assert_eq!(published.checkpoints.len(), 2);
    assert_eq!(published.public_key, store.key().public_key_hex());
    for c in &published.checkpoints {
        assert!(signature_valid(&published.public_key, &t.slug, c));
    }
    assert_eq!(
        audit.check_stored_checkpoints(t).await.unwrap(),
        Vec::<String>::new()
    );
    assert!(audit
        .compare(t, &[(seq, hash.clone())])
        .await
        .unwrap()
        .is_empty());

    // The attack: entry 2 rewritten, every hash and the head recomputed.
    rewrite(&store, t.id, 2).await;
    let v = audit.verify(t).await.unwrap();
    assert!(
        v.first_break.is_none() && !v.head_mismatch,
        "the chain alone cannot tell"
    );
    // The checkpoints can.
    let problems = audit.check_stored_checkpoints(t).await.unwrap();
    assert_eq!(problems.len(), 2, "{problems:?}");
    assert!(
        problems[0].contains("was rewritten up to this entry"),
        "{problems:?}"
    );
    let m = audit.compare(t, &[(seq, hash.clone())]).await.unwrap();
    assert_eq!(m.len(), 1);
    assert_eq!(m[0].seq, seq);
    assert_ne!(m[0].found.as_deref(), Some(hash.as_str()));
    // A saved copy of the published checkpoints tells the same.
    let problems = check_published(&audit, t, &published).await.unwrap();
    assert_eq!(problems.len(), 2, "{problems:?}");
    // A forged checkpoint (right key claimed, signature not made with it)
    // is refused, not trusted.
    let mut forged = published.clone();
    forged.checkpoints[0].hash = audit.head(t).await.unwrap().unwrap().1;
    let problems = check_published(&audit, t, &forged).await.unwrap();
    assert!(
        problems
            .iter()
            .any(|p| p.contains("signature is not valid")),
        "{problems:?}"
    );
    // An entry cut from the end is named as missing.
    let beyond = audit.compare(t, &[(seq + 100, hash)]).await.unwrap();
    assert_eq!(beyond[0].found, None);
    assert!(beyond[0].to_string().contains("is missing"));
}

#[tokio::test]
async fn postgres_refuses_truncate_and_a_restricted_role_cannot_drop_the_triggers() {
    if backend() != "postgres" {
        return;
    }
    let db = TestDb::new().await;
    let store = db.store().await;
    let fx = Fixture::new(&store).await;
    let before = count(&store, "SELECT COUNT(*) AS n FROM audit_log").await;
    assert!(before > 0);
    for table in ["audit_log", "audit_checkpoints"] {
        let e = store
            .db
            .exec(&format!("TRUNCATE {table}"), &[])
            .await
            .unwrap_err();
        assert!(e.to_string().contains("append-only"), "{e}");
    }
    assert_eq!(
        count(&store, "SELECT COUNT(*) AS n FROM audit_log").await,
        before
    );
    // The role the README documents for the application, with exactly
    // its grants: the application runs with it (migrations applied, so
    // `Store::open` needs no DDL), appends to the log, and can neither
    // change, remove, truncate nor drop or disable a trigger.
    let role = format!("app_{}", &fx.tenant.audit_secret[..8]);
    store
        .db
        .exec(&format!("CREATE ROLE {role} LOGIN"), &[])
        .await
        .unwrap();
    for grant in [
        "GRANT SELECT, INSERT, UPDATE, DELETE ON ALL TABLES IN SCHEMA public TO {role}",
        "GRANT USAGE, SELECT ON ALL SEQUENCES IN SCHEMA public TO {role}",
        "REVOKE UPDATE, DELETE, TRUNCATE ON audit_log, audit_checkpoints FROM {role}",
        "REVOKE TRUNCATE ON ALL TABLES IN SCHEMA public FROM {role}",
    ] {
        store
            .db
            .exec(&grant.replace("{role}", &role), &[])
            .await
            .unwrap();
    }
    let url = db.url.replacen("://postgres@", &format!("://{role}@"), 1);
    assert_ne!(url, db.url, "the test server's admin user is postgres");
    let app = Store::open(
        &url,
        &teilhabe_store::DbOptions { max_connections: 2 },
        store.clock.clone(),
        teilhabe_store::keys::InstanceKey::fixed_for_tests(),
    )
    .await
    .unwrap();
    app.create_department(&fx.tenant, "Amt C").await.unwrap();
    let hash = teilhabe_store::accounts::hash_password("ein-langes-passwort").unwrap();
    app.create_user_with_hash(&fx.tenant, "app@t.example", "App", &hash, "de", &[])
        .await
        .unwrap();
    app.audit().checkpoint(&fx.tenant).await.unwrap().unwrap();
    for (sql, refusal) in [
        (
            "DROP TRIGGER audit_log_no_change ON audit_log",
            "must be owner",
        ),
        ("ALTER TABLE audit_log DISABLE TRIGGER ALL", "must be owner"),
        ("TRUNCATE audit_log", "permission denied"),
        ("TRUNCATE audit_checkpoints", "permission denied"),
        ("DELETE FROM audit_log", "permission denied"),
        ("UPDATE audit_log SET actor = ''", "permission denied"),
        ("CREATE TABLE t (x BIGINT)", "permission denied"),
    ] {
        let e = app.db.exec(sql, &[]).await.unwrap_err();
        assert!(e.to_string().contains(refusal), "{sql}: {e}");
    }
    app.db.close().await;
    assert!(count(&store, "SELECT COUNT(*) AS n FROM audit_log").await > before);
    assert_chain_unbroken(&store, &fx.tenant).await;
    store
        .db
        .exec(&format!("DROP OWNED BY {role}"), &[])
        .await
        .unwrap();
    store
        .db
        .exec(&format!("DROP ROLE {role}"), &[])
        .await
        .unwrap();
}
