//! Opinion maps in the store: votes keep their counters, the background
//! analysis finds planted groups, a Polis export imports all-or-nothing and
//! exports back to files that Polis's format reader accepts.
#![allow(clippy::unwrap_used)] // a test or tool stops at its first unexpected error

use std::path::PathBuf;
use teilhabe_domain::opinion::{Moderation, OpinionSettings, OpinionVote, StatementState, Voters};
use teilhabe_domain::process::Form;
use teilhabe_domain::Actor;
use teilhabe_opinion::PolisExport;
use teilhabe_store::opinion::{Ballot, OpinionMap, Statement, VoterId};
use teilhabe_store::processes::Process;
use teilhabe_store::{Store, StoreError, Tenant};
use teilhabe_testkit::{count, Fixture, TestDb, OPINION_COUNTER_DRIFT};

/// A municipality with an open opinion map on process "p", and the
/// map's use cases as these tests call them.
struct Map {
    store: Store,
    tenant: Tenant,
    staff: Actor,
    _db: TestDb,
}

async fn setup() -> Map {
    let db = TestDb::new().await;
    let fx = Fixture::new(&db.store().await).await;
    let input = fx.open_process("Meinungsbild Innenstadt", "p", &[Form::OpinionMap]);
    let process = fx.store.create_process(&fx.tenant, &fx.staff, &input);
    process.await.unwrap();
    Map {
        store: fx.store,
        tenant: fx.tenant,
        staff: fx.staff,
        _db: db,
    }
}

type Res<T> = Result<T, StoreError>;

impl Map {
    async fn seed(&self, text: &str) -> i64 {
        let o = self.store.opinion();
        let added = o.add_seed_statement(&self.tenant, &self.staff, "p", text);
        added.await.unwrap()
    }

    /// `n` seed statements "Aussage Nummer {i} {about}".
    async fn seeds(&self, n: usize, about: &str) -> Vec<i64> {
        let mut ids = Vec::new();
        for i in 0..n {
            ids.push(self.seed(&format!("Aussage Nummer {i} {about}")).await);
        }
        ids
    }

    /// A visitor's vote.
    async fn vote(&self, voter: &VoterId, statement: i64, vote: OpinionVote) -> Res<()> {
        let (o, visitor) = (self.store.opinion(), Actor::visitor());
        o.vote(&self.tenant, &visitor, "p", voter, statement, vote)
            .await
    }

    /// The process and its map as a visitor sees them.
    /// The map exported as Polis files and read back.
    async fn polis_export(&self) -> PolisExport {
        let (process, _) = self.map().await;
        let opinion = self.store.opinion();
        let files = opinion.polis_files(&self.tenant, &process).await.unwrap();
        let dir = tempfile::tempdir().unwrap();
        for (name, bytes) in &files {
            std::fs::write(dir.path().join(name), bytes).unwrap();
        }
        PolisExport::load(dir.path()).unwrap()
    }

    async fn map(&self) -> (Process, OpinionMap) {
        let (o, visitor) = (self.store.opinion(), Actor::visitor());
        o.process_map(&self.tenant, &visitor, "p").await.unwrap()
    }

    async fn ballot(&self, map: &OpinionMap, voter: &VoterId) -> Ballot {
        let o = self.store.opinion();
        o.ballot(&self.tenant, map, Some(voter)).await.unwrap()
    }

    async fn statements(&self, map: &OpinionMap) -> Vec<Statement> {
        let o = self.store.opinion();
        o.statements(&self.tenant, map, true, None).await.unwrap()
    }

    async fn record(&self, who: &Actor, number: &str, votes: &[(i64, OpinionVote)]) -> Res<i64> {
        let o = self.store.opinion();
        o.record_questionnaire(&self.tenant, who, "p", number, votes)
            .await
    }
}

fn testdata(name: &str) -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("../../testdata/polis")
        .join(name)
}

#[tokio::test]
async fn votes_counters_and_background_analysis() {
    let m = setup().await;
    let store = &m.store;
    store
        .opinion()
        .save_settings(
            &m.tenant,
            &m.staff,
            "p",
            &OpinionSettings {
                voters: Voters::Anyone,
                participant_statements: true,
                moderation: Moderation::Pre,
            },
        )
        .await
        .unwrap();
    let statements = m.seeds(8, "zur Innenstadt").await;
    // Two planted groups of 12: group A agrees with the first half and
    // rejects the second, group B the other way round.
    for person in 0..24 {
        let voter = VoterId::Browser(format!("browser-{person}"));
        for (j, &s) in statements.iter().enumerate() {
            let a_side = (person < 12) == (j < 4);
            let vote = if a_side {
                OpinionVote::Agree
            } else {
                OpinionVote::Disagree
            };
            m.vote(&voter, s, vote).await.unwrap();
        }
    }
    // Changing a vote moves the counters, does not add a vote.
    let first = VoterId::Browser("browser-0".into());
    m.vote(&first, statements[0], OpinionVote::Pass)
        .await
        .unwrap();
    let (process, map) = m.map().await;
    assert_eq!(map.vote_count, 24 * 8);
    assert_eq!(map.participant_count, 24);
    let list = m.statements(&map).await;
    assert_eq!(
        (
            list[0].agree_count,
            list[0].disagree_count,
            list[0].pass_count
        ),
        (11, 12, 1)
    );
    let ballot = m.ballot(&map, &first).await;
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
    let m = setup().await;
    let (opinion, tenant, staff) = (m.store.opinion(), &m.tenant, &m.staff);
    let seed = m.seed("Die Innenstadt braucht mehr Bänke.").await;
    let visitor = Actor::visitor();
    let voter = VoterId::Browser("abc".into());
    let own = opinion
        .submit_statement(
            tenant,
            &visitor,
            "p",
            &voter,
            "Mehr Trinkbrunnen am Marktplatz.",
        )
        .await
        .unwrap();
    let (_, map) = m.map().await;
    // Pre-moderation: the new statement is not shown and cannot be voted on.
    assert_eq!(m.ballot(&map, &voter).await.total, 1);
    let err = m.vote(&voter, own, OpinionVote::Agree).await.unwrap_err();
    assert!(matches!(err, StoreError::Invalid(_)), "{err:?}");
    // A visitor cannot moderate.
    let accept = |who| opinion.moderate_statement(tenant, who, own, StatementState::Accepted);
    let err = accept(&visitor).await.unwrap_err();
    assert!(matches!(err, StoreError::Denied(_)), "{err:?}");
    accept(staff).await.unwrap();
    assert_eq!(m.ballot(&map, &voter).await.total, 2);
    // Invalid statement: named field, nothing written.
    let err = opinion
        .submit_statement(tenant, &visitor, "p", &voter, "kurz")
        .await
        .unwrap_err();
    assert!(matches!(err, StoreError::Invalid(_)));

    // Paper questionnaire, entered twice: the second entry corrects the first.
    let votes = [(seed, OpinionVote::Agree), (own, OpinionVote::Disagree)];
    let p1 = m.record(staff, "17", &votes).await.unwrap();
    let p2 = m.record(staff, "17", &[(own, OpinionVote::Pass)]).await;
    assert_eq!(p1, p2.unwrap());
    let (_, map) = m.map().await;
    assert_eq!(map.vote_count, 2);
    let list = m.statements(&map).await;
    let own_s = list.iter().find(|s| s.id == own).unwrap();
    assert_eq!((own_s.disagree_count, own_s.pass_count), (0, 1));
    // A visitor may not record questionnaires; unknown statements are refused.
    assert!(m.record(&visitor, "18", &votes).await.is_err());
    let unknown = [(999_999, OpinionVote::Agree)];
    let err = m.record(staff, "18", &unknown).await.unwrap_err();
    assert!(matches!(err, StoreError::Invalid(_)));
}

#[tokio::test]
async fn polis_import_then_export_round_trips() {
    let m = setup().await;
    let (store, tenant) = (&m.store, &m.tenant);
    let export = PolisExport::load(&testdata("15-per-hour-seattle")).unwrap();
    let mut calls = 0;
    let summary = store
        .opinion()
        .import_polis(tenant, "p", &export, |_| calls += 1)
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
        .import_polis(tenant, "p", &export, |_| {})
        .await
        .unwrap_err();
    assert!(matches!(err, StoreError::Conflict(_)));

    let back = m.polis_export().await;
    // Seattle's export has no xid column, so ours has none either.
    assert_eq!(back.xids, None);
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

/// A Polis export with the `xid` column keeps each participant's xid
/// through import and export.
#[tokio::test]
async fn polis_xid_is_kept_through_import_and_export() {
    let m = setup().await;
    let export = PolisExport::load(&testdata("variants/xid")).unwrap();
    assert!(export.xids.as_ref().unwrap()["1"] == "ext-17");
    m.store
        .opinion()
        .import_polis(&m.tenant, "p", &export, |_| {})
        .await
        .unwrap();
    let back = m.polis_export().await;
    assert_eq!(back.xids, export.xids);
}

/// A statement that a spreadsheet would run as a formula is exported with
/// a leading `'`; ordinary statements are unchanged.
#[tokio::test]
async fn polis_export_neutralises_spreadsheet_formulas() {
    let m = setup().await;
    m.seed("=HYPERLINK(\"http://evil.example\";\"Klick\")")
        .await;
    m.seed("-1 Parkplatz weniger").await;
    m.seed("Mehr Bäume am Marktplatz").await;
    let back = m.polis_export().await;
    let mut bodies: Vec<&str> = back.comments.iter().map(|c| c.body.as_str()).collect();
    bodies.sort_unstable();
    assert_eq!(
        bodies,
        [
            "'-1 Parkplatz weniger",
            "'=HYPERLINK(\"http://evil.example\";\"Klick\")",
            "Mehr Bäume am Marktplatz",
        ]
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn concurrent_votes_share_commits_and_keep_counters_exact() {
    let m = std::sync::Arc::new(setup().await);
    let statements = m.seeds(10, "zum Parallelbetrieb").await;
    // 20 people vote on every statement twice, all at once: first vote and
    // a change, racing each other and the first-vote participant creation.
    let mut tasks = Vec::new();
    for person in 0..20 {
        for (j, &s) in statements.iter().enumerate() {
            for round in 0..2 {
                let m = m.clone();
                tasks.push(tokio::spawn(async move {
                    let vote = [OpinionVote::Agree, OpinionVote::Disagree, OpinionVote::Pass]
                        [(person + j + round) % 3];
                    let voter = VoterId::Browser(format!("person-{person}"));
                    m.vote(&voter, s, vote).await
                }));
            }
        }
    }
    for t in tasks {
        t.await.unwrap().unwrap();
    }
    let (_, map) = m.map().await;
    assert_eq!(map.vote_count, 200);
    assert_eq!(map.participant_count, 20);
    let store = &m.store;
    assert_eq!(
        count(store, "SELECT COUNT(*) AS n FROM opinion_votes").await,
        200
    );
    assert_eq!(count(store, OPINION_COUNTER_DRIFT).await, 0);
    assert_eq!(
        count(
            store,
            "SELECT COUNT(*) AS n FROM opinion_participants WHERE vote_count = 10"
        )
        .await,
        20
    );
}
