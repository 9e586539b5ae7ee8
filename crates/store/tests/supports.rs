//! Supports under concurrency go through the group-commit writer: every
//! caller gets the right answer, duplicates are refused one by one, the
//! counters equal the rows and the audit chain stays linear.
#![allow(clippy::unwrap_used)] // a test or tool stops at its first unexpected error

use teilhabe_domain::process::{Form, ProcessRules};
use teilhabe_domain::proposal::ProposalDraft;
use teilhabe_store::processes::{PhaseInput, ProcessInput};
use teilhabe_store::StoreError;
use teilhabe_testkit::{Fixture, TestDb};

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn concurrent_supports_with_duplicates_and_limits() {
    let db = TestDb::new().await;
    let store = db.store().await;
    let fx = Fixture::new(&store).await;
    let (tenant, dept, admin) = (fx.tenant.clone(), fx.dept, fx.admin.clone());
    let input = ProcessInput {
        title: "Beteiligung mit Limit".into(),
        slug: "p".into(),
        summary: "Eine Zusammenfassung.".into(),
        department_id: Some(dept),
        status: "published".into(),
        rules: ProcessRules {
            support_limit: Some(3),
            ..ProcessRules::default()
        },
        phases: vec![PhaseInput {
            title: "Offen".into(),
            starts_on: "2026-01-01".into(),
            ends_on: "2026-12-31".into(),
            forms: Form::ALL.to_vec(),
        }],
        active_phase: Some(0),
        ..ProcessInput::default()
    };
    store.create_process(&tenant, &admin, &input).await.unwrap();
    let mut proposals = Vec::new();
    for i in 0..5 {
        let d = ProposalDraft {
            title: format!("Vorschlag {i} zum Testen"),
            body: "Eine ausreichend lange Begründung.".into(),
            ..Default::default()
        };
        proposals.push(
            store
                .proposals()
                .create(&tenant, &admin, "p", &d, None)
                .await
                .unwrap()
                .id,
        );
    }
    let actors = fx.citizens(20).await;
    // Every user tries every proposal twice, all at once.
    let mut tasks = Vec::new();
    for a in &actors {
        for &p in &proposals {
            for _ in 0..2 {
                let (s, t, a) = (store.clone(), tenant.clone(), a.clone());
                tasks.push(tokio::spawn(async move {
                    s.proposals().support(&t, &a, p, None).await
                }));
            }
        }
    }
    let (mut ok, mut dup, mut limit) = (0, 0, 0);
    for t in tasks {
        match t.await.unwrap() {
            Ok(_) => ok += 1,
            Err(StoreError::Conflict("error-already-supported")) => dup += 1,
            Err(StoreError::Conflict("error-support-limit")) => limit += 1,
            Err(e) => panic!("unexpected {e:?}"),
        }
    }
    // Each user: 3 supports (the limit), the rest refused for one reason or the other.
    assert_eq!(ok, 20 * 3);
    assert_eq!(ok + dup + limit, 20 * 5 * 2);
    let rows = store
        .db
        .one("SELECT COUNT(*) AS n FROM supports", &[])
        .await
        .unwrap()
        .i64("n")
        .unwrap();
    assert_eq!(rows, ok);
    let drift = store.db.one("SELECT COUNT(*) AS n FROM proposals p WHERE p.support_count <> (SELECT COUNT(*) FROM supports s WHERE s.proposal_id = p.id)", &[]).await.unwrap().i64("n").unwrap();
    assert_eq!(drift, 0);
    let v = store.audit().verify(&tenant).await.unwrap();
    assert!(v.first_break.is_none() && !v.head_mismatch, "{v:?}");
    let logged = store
        .db
        .one(
            "SELECT COUNT(*) AS n FROM audit_log WHERE action = 'support.added'",
            &[],
        )
        .await
        .unwrap()
        .i64("n")
        .unwrap();
    assert_eq!(logged, ok);

    // Without a limit the batch path inserts many rows per statement.
    let open = ProcessInput {
        title: "Beteiligung ohne Limit".into(),
        slug: "q".into(),
        rules: ProcessRules::default(),
        ..input.clone()
    };
    store.create_process(&tenant, &admin, &open).await.unwrap();
    let mut free = Vec::new();
    for i in 0..4 {
        let d = ProposalDraft {
            title: format!("Freier Vorschlag {i} zum Testen"),
            body: "Eine ausreichend lange Begründung.".into(),
            ..Default::default()
        };
        free.push(
            store
                .proposals()
                .create(&tenant, &admin, "q", &d, None)
                .await
                .unwrap()
                .id,
        );
    }
    let mut tasks = Vec::new();
    for a in &actors {
        for &p in &free {
            for _ in 0..3 {
                let (s, t, a) = (store.clone(), tenant.clone(), a.clone());
                tasks.push(tokio::spawn(async move {
                    s.proposals().support(&t, &a, p, None).await
                }));
            }
        }
    }
    // Offline supports have no person: all of them count.
    for _ in 0..10 {
        let (s, t, a) = (store.clone(), tenant.clone(), admin.clone());
        let p = free[0];
        tasks.push(tokio::spawn(async move {
            s.proposals()
                .support(
                    &t,
                    &a,
                    p,
                    Some(teilhabe_store::proposals::Offline {
                        channel: teilhabe_domain::proposal::Channel::Paper,
                        name: String::new(),
                    }),
                )
                .await
        }));
    }
    let (mut ok2, mut dup2) = (0, 0);
    for t in tasks {
        match t.await.unwrap() {
            Ok(n) => {
                assert!(n >= 1);
                ok2 += 1
            }
            Err(StoreError::Conflict("error-already-supported")) => dup2 += 1,
            Err(e) => panic!("unexpected {e:?}"),
        }
    }
    assert_eq!(ok2, 20 * 4 + 10);
    assert_eq!(dup2, 20 * 4 * 2);
    let first = store
        .db
        .one(
            "SELECT support_count AS n FROM proposals WHERE id = $1",
            teilhabe_store::params![free[0]],
        )
        .await
        .unwrap()
        .i64("n")
        .unwrap();
    assert_eq!(first, 30);
    let drift = store.db.one("SELECT COUNT(*) AS n FROM proposals p WHERE p.support_count <> (SELECT COUNT(*) FROM supports s WHERE s.proposal_id = p.id)", &[]).await.unwrap().i64("n").unwrap();
    assert_eq!(drift, 0);
    let v = store.audit().verify(&tenant).await.unwrap();
    assert!(v.first_break.is_none() && !v.head_mismatch, "{v:?}");
}

/// One support that the database refuses (here a trigger standing in for
/// any failure of one row) fails alone: the others queued with it in the
/// same group commit are retried one by one and all count.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn one_failing_support_does_not_fail_its_batch() {
    let db = TestDb::new().await;
    let store = db.store().await;
    let fx = Fixture::new(&store).await;
    let (tenant, admin) = (fx.tenant.clone(), fx.admin.clone());
    let input = fx.open_process(
        "Beteiligung mit Fehler",
        "p",
        &[Form::Proposals, Form::Supports],
    );
    store.create_process(&tenant, &admin, &input).await.unwrap();
    let d = ProposalDraft {
        title: "Vorschlag zum Unterstützen".into(),
        body: "Eine ausreichend lange Begründung.".into(),
        ..Default::default()
    };
    let proposals = store.proposals();
    let proposal = proposals.create(&tenant, &admin, "p", &d, None);
    let proposal = proposal.await.unwrap().id;
    let actors = fx.citizens(60).await;
    let bad = actors[30].user_id.unwrap();
    let trigger = if store.db.is_postgres() {
        vec![
            format!("CREATE FUNCTION refuse_support() RETURNS trigger LANGUAGE plpgsql AS $f$ BEGIN IF NEW.user_id = {bad} THEN RAISE EXCEPTION 'refused by the test'; END IF; RETURN NEW; END $f$"),
            "CREATE TRIGGER refuse_support BEFORE INSERT ON supports FOR EACH ROW EXECUTE FUNCTION refuse_support()".to_string(),
        ]
    } else {
        vec![format!("CREATE TRIGGER refuse_support BEFORE INSERT ON supports WHEN NEW.user_id = {bad} BEGIN SELECT RAISE(ABORT, 'refused by the test'); END")]
    };
    for sql in &trigger {
        store.db.exec(sql, &[]).await.unwrap();
    }
    let mut tasks = Vec::new();
    for a in &actors {
        let (s, t, a) = (store.clone(), tenant.clone(), a.clone());
        tasks.push(tokio::spawn(async move {
            let r = s.proposals().support(&t, &a, proposal, None).await;
            (a.user_id, r)
        }));
    }
    let mut ok = 0;
    for t in tasks {
        match t.await.unwrap() {
            (_, Ok(n)) => {
                assert!(n >= 1);
                ok += 1;
            }
            (Some(u), Err(StoreError::Db(_))) if u == bad => {}
            (u, Err(e)) => panic!("{u:?}: unexpected {e:?}"),
        }
    }
    assert_eq!(ok, 59);
    let count = |sql: &'static str| {
        let store = store.clone();
        async move { store.db.one(sql, &[]).await.unwrap().i64("n").unwrap() }
    };
    assert_eq!(count("SELECT COUNT(*) AS n FROM supports").await, 59);
    assert_eq!(count("SELECT support_count AS n FROM proposals").await, 59);
    assert_eq!(
        count("SELECT COUNT(*) AS n FROM audit_log WHERE action = 'support.added'").await,
        59
    );
    let v = store.audit().verify(&tenant).await.unwrap();
    assert!(v.first_break.is_none() && !v.head_mismatch, "{v:?}");
}
