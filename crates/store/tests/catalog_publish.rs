//! Participation results as open data: a closed process's proposals,
//! opinion map, budget and evaluation become datasets of the catalog,
//! once (publishing again writes nothing), with a new version when a
//! result changes; no published file names a person or holds a count of
//! fewer people than the threshold. Runs on SQLite, or PostgreSQL via the
//! testkit.
#![allow(clippy::unwrap_used)] // a test or tool stops at its first unexpected error

use sha2::{Digest, Sha256};
use std::collections::BTreeMap;
use teilhabe_domain::budget::{BallotChoice, BudgetInput};
use teilhabe_domain::opinion::{Moderation, OpinionSettings, Voters};
use teilhabe_domain::process::{Form, ProcessRules};
use teilhabe_domain::proposal::{Channel, ProposalDraft};
use teilhabe_domain::{Actor, Denied, Role};
use teilhabe_opinion::polis::{Comment, VoteRecord};
use teilhabe_opinion::{PolisExport, Vote};
use teilhabe_store::catalog::publish::PublishAction;
use teilhabe_store::processes::{PhaseInput, ProcessInput};
use teilhabe_store::proposals::Offline;
use teilhabe_store::{Store, StoreError, Tenant};
use teilhabe_testkit::{assert_chain_unbroken, Fixture, TestDb};

const SLUG: &str = "buergerhaushalt";
const OFFLINE_NAME: &str = "Hermine Offlinerova";
const COMMENT: &str = "Kommentar von Quirinus Kommentator, bitte nicht veröffentlichen.";
const XID: &str = "geheime-xid-";

fn input(dept: i64, status: &str, forms: &[Form]) -> ProcessInput {
    ProcessInput {
        title: "Bürgerhaushalt am Lindenpark".into(),
        slug: SLUG.into(),
        summary: "Entscheiden Sie mit über 100.000 Euro.".into(),
        department_id: Some(dept),
        status: status.into(),
        rules: ProcessRules::default(),
        phases: vec![PhaseInput {
            title: "Beteiligung".into(),
            starts_on: "2026-10-01".into(),
            ends_on: "2026-11-30".into(),
            forms: forms.to_vec(),
        }],
        active_phase: Some(0),
        ..ProcessInput::default()
    }
}

struct Fx {
    store: Store,
    tenant: Tenant,
    admin: Actor,
    staff: Actor,
    process_id: i64,
    proposals: Vec<i64>,
    /// Every account's e-mail and name.
    people: Vec<String>,
}

/// A process with proposals (one recorded offline, one commented), an
/// opinion map of 40 participants (with external ids), a budget with 7
/// online ballots and 1 paper ballot; then closed and evaluated.
async fn closed_process() -> (TestDb, Fx) {
    let db = TestDb::new().await;
    let store = db.store().await;
    let base = Fixture::new(&store).await;
    let (tenant, dept) = (base.tenant.clone(), base.dept);
    let staff2 = base
        .actor("staff2@t.example", &[(Role::Staff, Some(dept))])
        .await;
    let hash = teilhabe_store::accounts::hash_password("passwort-passwort").unwrap();
    let codes = store
        .accounts()
        .generate_verification_codes(&tenant, base.admin.user_id.unwrap(), "Test", 7)
        .await
        .unwrap();
    let mut voters = Vec::new();
    for (i, code) in codes.iter().enumerate() {
        let user = store
            .create_user_with_hash(
                &tenant,
                &format!("waehlerin{i}@t.example"),
                &format!("Wählerin Zyxwa{i}"),
                &hash,
                "de",
                &[],
            )
            .await
            .unwrap();
        store
            .accounts()
            .redeem_code(&tenant, user.id, code)
            .await
            .unwrap();
        let user = store.accounts().user(&tenant, user.id).await.unwrap();
        voters.push(store.actor_of(&user).await.unwrap());
    }
    let (admin, staff) = (base.admin.clone(), base.staff.clone());
    store
        .create_process(
            &tenant,
            &admin,
            &input(
                dept,
                "published",
                &[Form::Proposals, Form::Comments, Form::OpinionMap],
            ),
        )
        .await
        .unwrap();
    let mut proposals = Vec::new();
    for (i, t) in ["Bänke im Park", "Trinkbrunnen", "Radbügel"]
        .iter()
        .enumerate()
    {
        let d = ProposalDraft {
            title: format!("{t} am Lindenpark"),
            body: format!("Begründung {i}: eine ausreichend lange Begründung."),
            ..Default::default()
        };
        let p = store
            .proposals()
            .create(&tenant, &voters[i], SLUG, &d, None)
            .await
            .unwrap();
        proposals.push(p.id);
    }
    let offline = ProposalDraft {
        title: "Mehr Schatten am Spielplatz".into(),
        body: "Per Brief eingereicht: Sonnensegel über dem Sandkasten.".into(),
        ..Default::default()
    };
    proposals.push(
        store
            .proposals()
            .create(
                &tenant,
                &staff,
                SLUG,
                &offline,
                Some(Offline {
                    channel: Channel::Paper,
                    name: OFFLINE_NAME.into(),
                }),
            )
            .await
            .unwrap()
            .id,
    );
    store
        .proposals()
        .comment(&tenant, &voters[1], proposals[0], None, COMMENT, None)
        .await
        .unwrap();
    // The opinion map: 40 participants in two camps, imported with
    // external ids (Polis xids), which must not leave.
    store
        .opinion()
        .save_settings(
            &tenant,
            &admin,
            SLUG,
            &OpinionSettings {
                voters: Voters::Anyone,
                participant_statements: false,
                moderation: Moderation::Pre,
            },
        )
        .await
        .unwrap();
    let mut export = PolisExport::default();
    for i in 0..6u32 {
        export.comments.push(Comment {
            id: i.to_string(),
            timestamp: 1_780_000_000_000 + i as i64,
            datetime: String::new(),
            author_id: String::new(),
            moderated: if i == 5 { -1 } else { 1 },
            body: format!("Aussage Nummer {i} über den Lindenpark."),
        });
    }
    let mut xids = BTreeMap::new();
    for p in 0..40u32 {
        export.voters.push(p.to_string());
        xids.insert(p.to_string(), format!("{XID}{p}"));
        for c in 0..6u32 {
            let agree = (p % 2 == 0) == (c % 2 == 0);
            export.votes.push(VoteRecord {
                timestamp: 1_780_000_100_000 + (p * 10 + c) as i64,
                comment: c,
                voter: p,
                vote: if agree { Vote::Agree } else { Vote::Disagree },
            });
        }
    }
    export.xids = Some(xids);
    store
        .opinion()
        .import_polis(&tenant, SLUG, &export, |_| {})
        .await
        .unwrap();
    // The budget: projects from the first three proposals.
    let budget = store
        .budgets()
        .create(
            &tenant,
            &staff,
            SLUG,
            &BudgetInput {
                name: "Gesamtstadt".into(),
                amount: "100000".into(),
                ballot_kind: "approval".into(),
                ballot_limit: "2".into(),
                rule: "mes".into(),
                ..BudgetInput::default()
            },
        )
        .await
        .unwrap()
        .id;
    let mut projects = Vec::new();
    for (p, cost) in proposals.iter().take(3).zip([60_000, 30_000, 20_000]) {
        let id = store
            .budgets()
            .add_project(&tenant, &staff, budget, *p, cost)
            .await
            .unwrap();
        store
            .budgets()
            .review_project(&tenant, &staff, id, true, "Machbar und sinnvoll.", cost)
            .await
            .unwrap();
        projects.push(id);
    }
    store
        .processes()
        .update(
            &tenant,
            &admin,
            SLUG,
            &input(dept, "published", &[Form::BudgetVoting]),
        )
        .await
        .unwrap();
    for (i, v) in voters.iter().enumerate() {
        let choice = [BallotChoice {
            project: projects[i % 3],
            points: 1,
        }];
        store
            .budgets()
            .cast_ballot(&tenant, v, budget, &choice, "")
            .await
            .unwrap();
    }
    let paper = [BallotChoice {
        project: projects[1],
        points: 1,
    }];
    for who in [&staff, &staff2] {
        store
            .budgets()
            .enter_paper_ballot(&tenant, who, budget, "P-1", &paper)
            .await
            .unwrap();
    }
    store
        .processes()
        .update(&tenant, &admin, SLUG, &input(dept, "closed", &[]))
        .await
        .unwrap();
    store
        .budgets()
        .publish(&tenant, &staff, budget, "Im Bürgerhaushalt ausgewählt.")
        .await
        .unwrap();
    store
        .evaluations()
        .publish(&tenant, &staff, SLUG, "Wir haben viel gelernt.", "")
        .await
        .unwrap();
    let process_id = store
        .processes()
        .get(&tenant, &admin, SLUG)
        .await
        .unwrap()
        .id;
    let mut people = Vec::new();
    for r in store
        .db
        .all("SELECT email, display_name FROM users", &[])
        .await
        .unwrap()
    {
        people.push(r.str("email").unwrap());
        people.push(r.str("display_name").unwrap());
    }
    (
        db,
        Fx {
            store,
            tenant,
            admin,
            staff,
            process_id,
            proposals,
            people,
        },
    )
}

/// Every published file of the process's datasets: (dataset name,
/// file name, text).
async fn files(fx: &Fx) -> Vec<(String, String, String)> {
    let c = fx.store.catalog();
    let mut out = Vec::new();
    let mut all = c.all(&fx.tenant).await.unwrap();
    all.sort_by_key(|d| d.id);
    for d in all {
        if d.process_id != Some(fx.process_id) {
            continue;
        }
        for dist in c.distributions(&fx.tenant, d.id).await.unwrap() {
            let f = c.file(&fx.tenant, dist.id).await.unwrap();
            assert_eq!(
                hex::encode(Sha256::digest(&f.content)),
                dist.sha256,
                "{}",
                dist.file_name
            );
            out.push((
                d.name.clone(),
                f.file_name,
                String::from_utf8(f.content).unwrap(),
            ));
        }
    }
    out
}

fn actions(done: &[teilhabe_store::catalog::publish::Published]) -> Vec<(&str, PublishAction)> {
    done.iter()
        .map(|p| (p.origin_ref.as_str(), p.action))
        .collect()
}

#[tokio::test]
async fn closed_processes_publish_their_results_once_without_personal_data() {
    let (_db, fx) = closed_process().await;
    let (s, t) = (&fx.store, &fx.tenant);
    let done = s.catalog().publish_results(t, fx.process_id).await.unwrap();
    assert_eq!(
        actions(&done),
        vec![
            ("proposals", PublishAction::Created),
            ("opinion", PublishAction::Created),
            ("budget", PublishAction::Created),
            ("evaluation", PublishAction::Created),
        ]
    );
    let names: Vec<&str> = done.iter().map(|p| p.name.as_str()).collect();
    assert_eq!(
        names,
        vec![
            "buergerhaushalt-vorschlaege",
            "buergerhaushalt-meinungsbild",
            "buergerhaushalt-abstimmung",
            "buergerhaushalt-auswertung"
        ]
    );
    for name in &names {
        let d = s.catalog().by_name(t, name).await.unwrap();
        assert_eq!(d.origin, "participation");
        assert_eq!(d.process_id, Some(fx.process_id));
        assert_eq!(d.suppression_threshold, Some(5));
        assert_eq!(d.department_id, Some(fx.staff.departments[0]));
        assert_eq!(d.temporal_start.as_deref(), Some("2026-10-01"));
    }
    let files = files(&fx).await;
    let names: Vec<&str> = files.iter().map(|f| f.1.as_str()).collect();
    assert_eq!(
        names,
        vec![
            "vorschlaege.csv",
            "comments.csv",
            "votes.csv",
            "participants-votes.csv",
            "summary.csv",
            "gesamtstadt.pb",
            "gesamtstadt-ergebnis.csv",
            "nach-stadtteil-und-kanal.csv",
            "kennzahlen.csv",
            "nach-kanal.csv"
        ]
    );
    // No person: no e-mail or name of any account, no offline name, no
    // comment, no external id, no column of accounts.
    for (_, name, text) in &files {
        for p in &fx.people {
            assert!(!text.contains(p.as_str()), "{name} names {p}");
        }
        for secret in [OFFLINE_NAME, COMMENT, XID] {
            assert!(!text.contains(secret), "{name} contains {secret}");
        }
        if name.ends_with(".csv") {
            let header = text.lines().next().unwrap();
            for col in header.split(',') {
                assert!(
                    !["xid", "email", "name", "author", "user_id", "account"]
                        .contains(&col.trim_matches('"')),
                    "{name} has column {col}"
                );
            }
        }
    }
    // The offline proposal is there (its text), without its sender.
    let proposals = &files[0].2;
    assert!(proposals.contains("Sonnensegel über dem Sandkasten"));
    assert_eq!(proposals.lines().count(), 1 + fx.proposals.len());
    // The statement moderated out keeps its row, not its text.
    assert!(!files[1].2.contains("Aussage Nummer 5"));
    assert!(files[1].2.contains("Aussage Nummer 4"));
    // Breakdowns: no count of 1 to 4 people; the one paper ballot and the
    // one offline proposal are suppressed, the online counts are not.
    for (_, name, text) in files.iter().filter(|f| f.1.starts_with("nach-")) {
        let mut r = csv::Reader::from_reader(text.as_bytes());
        for row in r.records() {
            for cell in row.unwrap().iter() {
                if let Ok(n) = cell.parse::<i64>() {
                    assert!(n == 0 || n >= 5, "{name}: cell {n}");
                }
            }
        }
    }
    let turnout = &files[7].2;
    assert!(turnout.contains("Gesamtstadt,,online,7"), "{turnout}");
    assert!(turnout.contains("Gesamtstadt,,paper,\n"), "{turnout}");
    let channels = &files[9].2;
    assert!(channels.contains("paper,,,,,,,,"), "{channels}");
    // Opinion groups: none under the threshold carries its number.
    let mut r = csv::Reader::from_reader(files[3].2.as_bytes());
    let col = r
        .headers()
        .unwrap()
        .iter()
        .position(|h| h == "group-id")
        .unwrap();
    let mut sizes: BTreeMap<String, usize> = BTreeMap::new();
    for row in r.records() {
        let g = row.unwrap()[col].to_string();
        if !g.is_empty() {
            *sizes.entry(g).or_default() += 1;
        }
    }
    assert!(!sizes.is_empty());
    assert!(sizes.values().all(|&n| n >= 5), "{sizes:?}");
    // The .pb reads back: 8 voters (7 online, 1 paper), 3 projects.
    let pb = teilhabe_budget::pb::Election::parse(files[5].2.as_bytes()).unwrap();
    assert_eq!(pb.num_voters(), 8);
    assert_eq!(pb.projects.len(), 3);

    // Again: nothing changes, nothing is written.
    let events = audit_events(&fx).await;
    let again = s.catalog().publish_results(t, fx.process_id).await.unwrap();
    assert!(again.iter().all(|p| p.action == PublishAction::Unchanged));
    assert_eq!(files_count(&fx).await, (4, 10));
    assert_eq!(audit_events(&fx).await, events);
    assert_chain_unbroken(s, t).await;
}

async fn audit_events(fx: &Fx) -> i64 {
    fx.store
        .db
        .one("SELECT COUNT(*) AS n FROM audit_log", &[])
        .await
        .unwrap()
        .i64("n")
        .unwrap()
}

async fn files_count(fx: &Fx) -> (i64, i64) {
    let n = |sql: &'static str| async move {
        fx.store.db.one(sql, &[]).await.unwrap().i64("n").unwrap()
    };
    (
        n("SELECT COUNT(*) AS n FROM datasets").await,
        n("SELECT COUNT(*) AS n FROM distributions").await,
    )
}

#[tokio::test]
async fn changed_results_get_a_new_version_and_the_threshold_is_a_setting() {
    let (_db, fx) = closed_process().await;
    let (s, t) = (&fx.store, &fx.tenant);
    s.catalog().publish_results(t, fx.process_id).await.unwrap();
    // An answer after the close changes the proposals, nothing else.
    s.proposals()
        .answer(
            t,
            &fx.staff,
            fx.proposals[3],
            "rejected",
            "Leider nicht möglich: der Sandkasten wird 2027 verlegt.",
            None,
            "",
        )
        .await
        .unwrap();
    let done = s.catalog().publish_results(t, fx.process_id).await.unwrap();
    assert_eq!(
        actions(&done),
        vec![
            ("proposals", PublishAction::Updated),
            ("opinion", PublishAction::Unchanged),
            ("budget", PublishAction::Unchanged),
            ("evaluation", PublishAction::Unchanged),
        ]
    );
    let d = s
        .catalog()
        .by_name(t, "buergerhaushalt-vorschlaege")
        .await
        .unwrap();
    assert_eq!(d.version, 2);
    assert_eq!(s.catalog().versions(t, d.id).await.unwrap().len(), 2);
    let dist = &s.catalog().distributions(t, d.id).await.unwrap()[0];
    let text = String::from_utf8(s.catalog().file(t, dist.id).await.unwrap().content).unwrap();
    assert!(text.contains("der Sandkasten wird 2027 verlegt"));
    assert_eq!(files_count(&fx).await, (4, 10));

    // The threshold: admins only, in its range; a new threshold is a new
    // version of the results with breakdowns.
    let e = s
        .catalog()
        .set_suppression_threshold(t, &fx.staff, 10)
        .await
        .unwrap_err();
    assert!(matches!(e, StoreError::Denied(Denied::Forbidden)), "{e:?}");
    let e = s
        .catalog()
        .set_suppression_threshold(t, &fx.admin, 1)
        .await
        .unwrap_err();
    match e {
        StoreError::Invalid(f) => assert!(f.get("suppression_threshold").is_some()),
        other => panic!("{other:?}"),
    }
    assert_eq!(
        s.catalog().settings(t).await.unwrap().suppression_threshold,
        5
    );
    s.catalog()
        .set_suppression_threshold(t, &fx.admin, 10)
        .await
        .unwrap();
    let done = s.catalog().publish_results(t, fx.process_id).await.unwrap();
    let budget = done.iter().find(|p| p.origin_ref == "budget").unwrap();
    assert_eq!(budget.action, PublishAction::Updated);
    let d = s
        .catalog()
        .by_name(t, "buergerhaushalt-abstimmung")
        .await
        .unwrap();
    assert_eq!(d.suppression_threshold, Some(10));
    for (_, name, text) in files(&fx).await {
        if name == "nach-stadtteil-und-kanal.csv" {
            // 7 online ballots are now under the threshold.
            assert!(text.contains("Gesamtstadt,,online,\n"), "{text}");
        }
    }
    // The catalog's job publishes every closed process; nothing left.
    let job = teilhabe_store::module::jobs()
        .find(|j| j.name == "publish participation results")
        .unwrap();
    (job.run)(s).await.unwrap();
    assert_eq!(files_count(&fx).await, (4, 10));
    assert_chain_unbroken(s, t).await;
}

#[tokio::test]
async fn open_processes_publish_nothing() {
    let db = TestDb::new().await;
    let store = db.store().await;
    let fx = Fixture::new(&store).await;
    let p = store
        .create_process(
            &fx.tenant,
            &fx.admin,
            &fx.open_process("Offene Beteiligung", "offen", &[Form::Proposals]),
        )
        .await
        .unwrap();
    let e = store
        .catalog()
        .publish_results(&fx.tenant, p.id)
        .await
        .unwrap_err();
    assert!(matches!(
        e,
        StoreError::Conflict("catalog-publish-error-not-closed")
    ));
    let job = teilhabe_store::module::jobs()
        .find(|j| j.name == "publish participation results")
        .unwrap();
    (job.run)(&store).await.unwrap();
    assert!(store.catalog().all(&fx.tenant).await.unwrap().is_empty());
}
