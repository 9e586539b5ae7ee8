//! Opinion maps in the store: votes keep their counters, the background
//! analysis finds planted groups, a Polis export imports all-or-nothing and
//! exports back to files that Polis's format reader accepts.
#![allow(clippy::unwrap_used)] // a test or tool stops at its first unexpected error

use std::path::PathBuf;
use teilhabe_domain::opinion::{Moderation, OpinionSettings, OpinionVote, StatementState, Voters};
use teilhabe_domain::process::{Form, ProcessRules};
use teilhabe_domain::Actor;
use teilhabe_opinion::PolisExport;
use teilhabe_store::opinion::VoterId;
use teilhabe_store::processes::{PhaseInput, ProcessInput};
use teilhabe_store::{Store, StoreError, Tenant};
use teilhabe_testkit::{Fixture, TestDb};

async fn setup(store: &Store) -> (Tenant, Actor) {
    let fx = Fixture::new(store).await;
    let input = ProcessInput {
        title: "Meinungsbild Innenstadt".into(),
        slug: "p".into(),
        summary: "Eine Zusammenfassung.".into(),
        department_id: Some(fx.dept),
        status: "published".into(),
        rules: ProcessRules::default(),
        phases: vec![PhaseInput {
            title: "Offen".into(),
            starts_on: "2026-01-01".into(),
            ends_on: "2026-12-31".into(),
            forms: vec![Form::OpinionMap],
        }],
        active_phase: Some(0),
        ..ProcessInput::default()
    };
    store
        .create_process(&fx.tenant, &fx.staff, &input)
        .await
        .unwrap();
    (fx.tenant, fx.staff)
}

fn testdata(name: &str) -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("../../testdata/polis")
        .join(name)
}

#[tokio::test]
async fn votes_counters_and_background_analysis() {
    let db = TestDb::new().await;
    let store = db.store().await;
    let (tenant, staff) = setup(&store).await;
    store
        .opinion()
        .save_settings(
            &tenant,
            &staff,
            "p",
            &OpinionSettings {
                voters: Voters::Anyone,
                participant_statements: true,
                moderation: Moderation::Pre,
            },
        )
        .await
        .unwrap();
    let mut statements = Vec::new();
    for i in 0..8 {
        statements.push(
            store
                .opinion()
                .add_seed_statement(
                    &tenant,
                    &staff,
                    "p",
                    &format!("Aussage Nummer {i} zur Innenstadt"),
                )
                .await
                .unwrap(),
        );
    }
    // Two planted groups of 12: group A agrees with the first half and
    // rejects the second, group B the other way round.
    let visitor = Actor::visitor();
    for person in 0..24 {
        let voter = VoterId::Browser(format!("browser-{person}"));
        for (j, &s) in statements.iter().enumerate() {
            let a_side = (person < 12) == (j < 4);
            let vote = if a_side {
                OpinionVote::Agree
            } else {
                OpinionVote::Disagree
            };
            store
                .opinion()
                .vote(&tenant, &visitor, "p", &voter, s, vote)
                .await
                .unwrap();
        }
    }
    // Changing a vote moves the counters, does not add a vote.
    let first = VoterId::Browser("browser-0".into());
    store
        .opinion()
        .vote(
            &tenant,
            &visitor,
            "p",
            &first,
            statements[0],
            OpinionVote::Pass,
        )
        .await
        .unwrap();
    let (process, map) = store
        .opinion()
        .process_map(&tenant, &visitor, "p")
        .await
        .unwrap();
    assert_eq!(map.vote_count, 24 * 8);
    assert_eq!(map.participant_count, 24);
    let list = store
        .opinion()
        .statements(&tenant, &map, true, None)
        .await
        .unwrap();
    assert_eq!(
        (
            list[0].agree_count,
            list[0].disagree_count,
            list[0].pass_count
        ),
        (11, 12, 1)
    );
    let ballot = store
        .opinion()
        .ballot(&tenant, &map, Some(&first))
        .await
        .unwrap();
    assert_eq!((ballot.voted, ballot.total), (8, 8));
    assert!(ballot.next.is_none());

    // The vote path did not analyse; the job does, once quiet.
    assert!(store.opinion().result(process.id).await.unwrap().is_none());
    assert_eq!(
        store.opinion().run_due_analyses(0, 60_000).await.unwrap(),
        1
    );
    let stored = store.opinion().result(process.id).await.unwrap().unwrap();
    let result = stored.result.unwrap();
    assert!(result.grouped);
    assert_eq!(result.k, 2);
    assert_eq!(stored.votes_covered, 24 * 8);
    let group_of = |pid: i64| result.points.iter().find(|p| p.0 == pid).unwrap().3;
    let ids: Vec<i64> = {
        let mut v = Vec::new();
        for person in 0..24 {
            let voter = VoterId::Browser(format!("browser-{person}"));
            v.push(
                store
                    .opinion()
                    .participant_id(process.id, &voter)
                    .await
                    .unwrap()
                    .unwrap(),
            );
        }
        v
    };
    for i in 1..12 {
        assert_eq!(group_of(ids[i]), group_of(ids[0]));
        assert_eq!(group_of(ids[12 + i]), group_of(ids[12]));
    }
    assert_ne!(group_of(ids[0]), group_of(ids[12]));
    // Nothing changed: nothing to do.
    assert_eq!(store.opinion().run_due_analyses(0, 0).await.unwrap(), 0);
}

#[tokio::test]
async fn statements_moderation_and_paper_questionnaires() {
    let db = TestDb::new().await;
    let store = db.store().await;
    let (tenant, staff) = setup(&store).await;
    let seed = store
        .opinion()
        .add_seed_statement(&tenant, &staff, "p", "Die Innenstadt braucht mehr Bänke.")
        .await
        .unwrap();
    let visitor = Actor::visitor();
    let voter = VoterId::Browser("abc".into());
    let own = store
        .opinion()
        .submit_statement(
            &tenant,
            &visitor,
            "p",
            &voter,
            "Mehr Trinkbrunnen am Marktplatz.",
        )
        .await
        .unwrap();
    let (_, map) = store
        .opinion()
        .process_map(&tenant, &visitor, "p")
        .await
        .unwrap();
    // Pre-moderation: the new statement is not shown and cannot be voted on.
    let ballot = store
        .opinion()
        .ballot(&tenant, &map, Some(&voter))
        .await
        .unwrap();
    assert_eq!(ballot.total, 1);
    let err = store
        .opinion()
        .vote(&tenant, &visitor, "p", &voter, own, OpinionVote::Agree)
        .await
        .unwrap_err();
    assert!(matches!(err, StoreError::Invalid(_)), "{err:?}");
    // A visitor cannot moderate.
    let err = store
        .opinion()
        .moderate_statement(&tenant, &visitor, own, StatementState::Accepted)
        .await
        .unwrap_err();
    assert!(matches!(err, StoreError::Denied(_)), "{err:?}");
    store
        .opinion()
        .moderate_statement(&tenant, &staff, own, StatementState::Accepted)
        .await
        .unwrap();
    let ballot = store
        .opinion()
        .ballot(&tenant, &map, Some(&voter))
        .await
        .unwrap();
    assert_eq!(ballot.total, 2);
    // Invalid statement: named field, nothing written.
    let err = store
        .opinion()
        .submit_statement(&tenant, &visitor, "p", &voter, "kurz")
        .await
        .unwrap_err();
    assert!(matches!(err, StoreError::Invalid(_)));

    // Paper questionnaire, entered twice: the second entry corrects the first.
    let votes = [(seed, OpinionVote::Agree), (own, OpinionVote::Disagree)];
    let p1 = store
        .opinion()
        .record_questionnaire(&tenant, &staff, "p", "17", &votes)
        .await
        .unwrap();
    let p2 = store
        .opinion()
        .record_questionnaire(&tenant, &staff, "p", "17", &[(own, OpinionVote::Pass)])
        .await
        .unwrap();
    assert_eq!(p1, p2);
    let (_, map) = store
        .opinion()
        .process_map(&tenant, &visitor, "p")
        .await
        .unwrap();
    assert_eq!(map.vote_count, 2);
    let list = store
        .opinion()
        .statements(&tenant, &map, true, None)
        .await
        .unwrap();
    let own_s = list.iter().find(|s| s.id == own).unwrap();
    assert_eq!((own_s.disagree_count, own_s.pass_count), (0, 1));
    // A visitor may not record questionnaires; unknown statements are refused.
    assert!(store
        .opinion()
        .record_questionnaire(&tenant, &visitor, "p", "18", &votes)
        .await
        .is_err());
    let err = store
        .opinion()
        .record_questionnaire(&tenant, &staff, "p", "18", &[(999_999, OpinionVote::Agree)])
        .await
        .unwrap_err();
    assert!(matches!(err, StoreError::Invalid(_)));
}

#[tokio::test]
async fn polis_import_then_export_round_trips() {
    let db = TestDb::new().await;
    let store = db.store().await;
    let (tenant, _staff) = setup(&store).await;
    let export = PolisExport::load(&testdata("15-per-hour-seattle")).unwrap();
    let mut calls = 0;
    let summary = store
        .opinion()
        .import_polis(&tenant, "p", &export, |_| calls += 1)
        .await
        .unwrap();
    assert!(calls > 0);
    assert_eq!(summary.statements, export.comments.len());
    assert_eq!(summary.participants, export.voters.len());
    let conv = export.conversation().unwrap();
    assert_eq!(summary.votes, conv.votes.n_votes());

    // A second import into the same map is refused and writes nothing.
    let err = store
        .opinion()
        .import_polis(&tenant, "p", &export, |_| {})
        .await
        .unwrap_err();
    assert!(matches!(err, StoreError::Conflict(_)));

    let visitor = Actor::visitor();
    let (process, _) = store
        .opinion()
        .process_map(&tenant, &visitor, "p")
        .await
        .unwrap();
    let files = store
        .opinion()
        .polis_files(&tenant, &process)
        .await
        .unwrap();
    let dir = tempfile::tempdir().unwrap();
    for (name, bytes) in &files {
        std::fs::write(dir.path().join(name), bytes).unwrap();
    }
    let back = PolisExport::load(dir.path()).unwrap();
    let back_conv = back.conversation().unwrap();
    assert_eq!(back_conv.statement_ids, conv.statement_ids);
    assert_eq!(back_conv.participant_ids, conv.participant_ids);
    assert_eq!(back_conv.votes.n_votes(), conv.votes.n_votes());
    for i in 0..conv.votes.n_participants() {
        assert_eq!(back_conv.votes.row(i), conv.votes.row(i));
    }
    assert_eq!(back_conv.moderated_out, conv.moderated_out);
    // Our groups are written to participants-votes.csv.
    assert!(back.polis_groups.values().any(|g| g.is_some()));
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn concurrent_votes_share_commits_and_keep_counters_exact() {
    let db = TestDb::new().await;
    let store = db.store().await;
    let (tenant, staff) = setup(&store).await;
    let mut statements = Vec::new();
    for i in 0..10 {
        statements.push(
            store
                .opinion()
                .add_seed_statement(
                    &tenant,
                    &staff,
                    "p",
                    &format!("Aussage Nummer {i} zum Parallelbetrieb"),
                )
                .await
                .unwrap(),
        );
    }
    // 20 people vote on every statement twice, all at once: first vote and
    // a change, racing each other and the first-vote participant creation.
    let mut tasks = Vec::new();
    for person in 0..20 {
        for (j, &s) in statements.iter().enumerate() {
            for round in 0..2 {
                let (store, tenant) = (store.clone(), tenant.clone());
                tasks.push(tokio::spawn(async move {
                    let vote = [OpinionVote::Agree, OpinionVote::Disagree, OpinionVote::Pass]
                        [(person + j + round) % 3];
                    store
                        .opinion()
                        .vote(
                            &tenant,
                            &Actor::visitor(),
                            "p",
                            &VoterId::Browser(format!("person-{person}")),
                            s,
                            vote,
                        )
                        .await
                }));
            }
        }
    }
    for t in tasks {
        t.await.unwrap().unwrap();
    }
    let (_, map) = store
        .opinion()
        .process_map(&tenant, &Actor::visitor(), "p")
        .await
        .unwrap();
    assert_eq!(map.vote_count, 200);
    assert_eq!(map.participant_count, 20);
    let rows = store
        .db
        .one("SELECT COUNT(*) AS n FROM opinion_votes", &[])
        .await
        .unwrap()
        .i64("n")
        .unwrap();
    assert_eq!(rows, 200);
    let drift = store
        .db
        .one(
            "SELECT COUNT(*) AS n FROM opinion_statements s WHERE s.agree_count <> (SELECT COUNT(*) FROM opinion_votes v WHERE v.statement_id = s.id AND v.vote = 1) OR s.disagree_count <> (SELECT COUNT(*) FROM opinion_votes v WHERE v.statement_id = s.id AND v.vote = -1) OR s.pass_count <> (SELECT COUNT(*) FROM opinion_votes v WHERE v.statement_id = s.id AND v.vote = 0)",
            &[],
        )
        .await
        .unwrap()
        .i64("n")
        .unwrap();
    assert_eq!(drift, 0);
    let people = store
        .db
        .one(
            "SELECT COUNT(*) AS n FROM opinion_participants WHERE vote_count = 10",
            &[],
        )
        .await
        .unwrap()
        .i64("n")
        .unwrap();
    assert_eq!(people, 20);
}
