//! Participatory budgeting services on both backends: one ballot per person
//! even under concurrent submissions, the rule locked by the first ballot,
//! paper ballots with double entry, tally, publication and export.
#![allow(clippy::unwrap_used)] // a test or tool stops at its first unexpected error

use teilhabe_domain::budget::{BallotChoice, BudgetInput};
use teilhabe_domain::process::{Form, ProcessRules};
use teilhabe_domain::proposal::ProposalDraft;
use teilhabe_domain::{Actor, Role};
use teilhabe_store::budget::PaperOutcome;
use teilhabe_store::processes::{PhaseInput, ProcessInput};
use teilhabe_store::{Store, StoreError, Tenant};
use teilhabe_testkit::{Fixture, TestDb};

struct Fx {
    store: Store,
    tenant: Tenant,
    admin: Actor,
    staff: Actor,
    staff2: Actor,
    voters: Vec<Actor>,
    unverified: Actor,
    budget: i64,
    projects: Vec<i64>,
    proposals: Vec<i64>,
    input: ProcessInput,
}

fn process_input(dept: i64, forms: &[Form]) -> ProcessInput {
    ProcessInput {
        title: "Bürgerhaushalt 2027".into(),
        slug: "buergerhaushalt".into(),
        summary: "Entscheiden Sie mit über 100.000 Euro.".into(),
        department_id: Some(dept),
        status: "published".into(),
        rules: ProcessRules::default(),
        phases: vec![PhaseInput {
            title: "Abstimmung".into(),
            starts_on: "2026-11-01".into(),
            ends_on: "2026-12-31".into(),
            forms: forms.to_vec(),
        }],
        active_phase: Some(0),
        ..ProcessInput::default()
    }
}

fn approval(limit: &str, rule: &str) -> BudgetInput {
    BudgetInput {
        name: "Gesamtstadt".into(),
        amount: "100000".into(),
        ballot_kind: "approval".into(),
        ballot_limit: limit.into(),
        rule: rule.into(),
        ..BudgetInput::default()
    }
}

fn ch(ids: &[i64]) -> Vec<BallotChoice> {
    ids.iter()
        .map(|&project| BallotChoice { project, points: 1 })
        .collect()
}

async fn fixture(voters: usize) -> (TestDb, Fx) {
    let db = TestDb::new().await;
    let store = db.store().await;
    let base = Fixture::new(&store).await;
    let (tenant, dept) = (base.tenant.clone(), base.dept);
    // A second member of the same department for the double entry.
    let staff2 = base
        .actor("staff2@t.example", &[(Role::Staff, Some(dept))])
        .await;
    let codes = store
        .accounts()
        .generate_verification_codes(&tenant, base.admin.user_id.unwrap(), "Test", voters)
        .await
        .unwrap();
    let mut voter_actors = Vec::new();
    for (citizen, code) in base.citizens(voters).await.iter().zip(&codes) {
        let id = citizen.user_id.unwrap();
        store
            .accounts()
            .redeem_code(&tenant, id, code)
            .await
            .unwrap();
        voter_actors.push(
            store
                .actor_of(&store.accounts().user(&tenant, id).await.unwrap())
                .await
                .unwrap(),
        );
    }
    let Fixture {
        admin,
        staff,
        citizen: unverified,
        ..
    } = base;
    // Projects are put on the ballot and reviewed before voting opens.
    let input = process_input(dept, &[Form::Proposals, Form::BudgetVoting]);
    let before = process_input(dept, &[Form::Proposals]);
    store
        .create_process(&tenant, &admin, &before)
        .await
        .unwrap();
    let mut proposals = Vec::new();
    for (i, t) in ["Bänke im Park", "Trinkbrunnen", "Radbügel", "Spielplatz"]
        .iter()
        .enumerate()
    {
        let d = ProposalDraft {
            title: format!("{t} für alle Menschen"),
            body: format!("Begründung {i}: eine ausreichend lange Begründung."),
            ..Default::default()
        };
        proposals.push(
            store
                .proposals()
                .create(&tenant, &voter_actors[0], "buergerhaushalt", &d, None)
                .await
                .unwrap()
                .id,
        );
    }
    let budget = store
        .budgets()
        .create(&tenant, &staff, "buergerhaushalt", &approval("2", "mes"))
        .await
        .unwrap()
        .id;
    let mut projects = Vec::new();
    for (p, cost) in proposals.iter().zip([50_000, 50_000, 30_000, 20_000]) {
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
        .update(&tenant, &admin, "buergerhaushalt", &input)
        .await
        .unwrap();
    // Voting is open: the ballot is fixed.
    let e = store
        .budgets()
        .review_project(
            &tenant,
            &staff,
            projects[0],
            false,
            "Doch zu teuer.",
            50_000,
        )
        .await
        .unwrap_err();
    assert!(matches!(
        e,
        StoreError::Conflict("error-budget-voting-open")
    ));
    (
        db,
        Fx {
            store,
            tenant,
            admin,
            staff,
            staff2,
            voters: voter_actors,
            unverified,
            budget,
            projects,
            proposals,
            input,
        },
    )
}

impl Fx {
    async fn close_voting(&self) {
        let mut closed = self.input.clone();
        closed.phases[0].forms = vec![];
        self.store
            .processes()
            .update(&self.tenant, &self.admin, "buergerhaushalt", &closed)
            .await
            .unwrap();
    }
    async fn ballots(&self) -> i64 {
        self.store
            .db
            .one("SELECT COUNT(*) AS n FROM budget_ballots", &[])
            .await
            .unwrap()
            .i64("n")
            .unwrap()
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn concurrent_ballots_of_one_person_leave_exactly_one() {
    let (_db, fx) = fixture(2).await;
    let mut tasks = Vec::new();
    for i in 0..12 {
        let (s, t, a) = (fx.store.clone(), fx.tenant.clone(), fx.voters[0].clone());
        let (b, p) = (fx.budget, fx.projects.clone());
        tasks.push(tokio::spawn(async move {
            s.budgets()
                .cast_ballot(&t, &a, b, &ch(&[p[i % 4]]), "")
                .await
        }));
    }
    for t in tasks {
        t.await.unwrap().expect("every submission is accepted");
    }
    assert_eq!(fx.ballots().await, 1);
    // The audit records each submission, none with its content.
    let r = fx
        .store
        .db
        .one(
            "SELECT COUNT(*) AS n, MAX(details) AS d FROM audit_log WHERE action LIKE 'budget.ballot_%'",
            &[],
        )
        .await
        .unwrap();
    assert_eq!(r.i64("n").unwrap(), 12);
    assert_eq!(
        r.opt_str("d").unwrap().as_deref(),
        Some(r#"{"channel":"online"}"#)
    );
    let v = fx.store.audit().verify(&fx.tenant).await.unwrap();
    assert!(v.first_break.is_none());
}

#[tokio::test]
async fn ballots_are_checked_and_replaced_and_the_rule_is_locked() {
    let (_db, fx) = fixture(3).await;
    let (s, t, b, p) = (&fx.store, &fx.tenant, fx.budget, &fx.projects);
    // Not verified: refused.
    let e = s
        .budgets()
        .cast_ballot(t, &fx.unverified, b, &ch(&[p[0]]), "")
        .await;
    assert!(matches!(
        e,
        Err(StoreError::Denied(
            teilhabe_domain::Denied::VerificationRequired
        ))
    ));
    // Over the limit: refused with the limit named, nothing written.
    match s
        .budgets()
        .cast_ballot(t, &fx.voters[0], b, &ch(&[p[0], p[1], p[2]]), "")
        .await
    {
        Err(StoreError::Invalid(e)) => {
            let f = e.get("ballot").unwrap();
            assert_eq!(f.key, "error-ballot-too-many-projects");
            assert_eq!(f.args[0], ("max", "2".to_string()));
        }
        other => panic!("{other:?}"),
    }
    assert_eq!(fx.ballots().await, 0);
    // The rule may change before the first ballot...
    s.budgets()
        .update(t, &fx.staff, b, &approval("2", "mes-add1-greedy"))
        .await
        .expect_err("not while voting is open");
    let first = s
        .budgets()
        .cast_ballot(t, &fx.voters[0], b, &ch(&[p[0]]), "")
        .await
        .unwrap();
    assert!(!first.replaced);
    let second = s
        .budgets()
        .cast_ballot(t, &fx.voters[0], b, &ch(&[p[1], p[3]]), "")
        .await
        .unwrap();
    assert!(second.replaced);
    assert_ne!(first.code, second.code);
    assert_eq!(fx.ballots().await, 1);
    let detail = s.budgets().detail(t, &fx.voters[0], b).await.unwrap();
    assert_eq!(detail.my_ballot.unwrap(), ch(&[p[1], p[3]]));
    // ... but not after it, even with voting closed.
    fx.close_voting().await;
    let e = s
        .budgets()
        .update(t, &fx.staff, b, &approval("2", "greedy"))
        .await
        .unwrap_err();
    assert!(
        matches!(e, StoreError::Conflict("error-budget-locked")),
        "{e:?}"
    );
    // Renaming is fine.
    let mut renamed = approval("2", "mes");
    renamed.name = "Ganze Stadt".into();
    s.budgets().update(t, &fx.staff, b, &renamed).await.unwrap();
    // Voting closed: no more ballots.
    let e = s
        .budgets()
        .cast_ballot(t, &fx.voters[1], b, &ch(&[p[0]]), "")
        .await;
    assert!(matches!(
        e,
        Err(StoreError::Denied(teilhabe_domain::Denied::NotOpen))
    ));
}

#[tokio::test]
async fn paper_ballots_count_when_two_staff_entries_match() {
    let (_db, fx) = fixture(1).await;
    let (s, t, b, p) = (&fx.store, &fx.tenant, fx.budget, &fx.projects);
    let one = ch(&[p[0], p[2]]);
    assert_eq!(
        s.budgets()
            .enter_paper_ballot(t, &fx.staff, b, "P-001", &one)
            .await
            .unwrap(),
        PaperOutcome::Pending
    );
    // The same staff member cannot confirm their own entry.
    let e = s
        .budgets()
        .enter_paper_ballot(t, &fx.staff, b, "P-001", &one)
        .await
        .unwrap_err();
    assert!(matches!(
        e,
        StoreError::Conflict("error-paper-already-entered")
    ));
    assert_eq!(fx.ballots().await, 0);
    assert_eq!(
        s.budgets()
            .enter_paper_ballot(t, &fx.staff2, b, "P-001", &one)
            .await
            .unwrap(),
        PaperOutcome::Counted
    );
    // A sheet entered differently is flagged and not counted.
    s.budgets()
        .enter_paper_ballot(t, &fx.staff, b, "P-002", &ch(&[p[1]]))
        .await
        .unwrap();
    assert_eq!(
        s.budgets()
            .enter_paper_ballot(t, &fx.staff2, b, "P-002", &ch(&[p[3]]))
            .await
            .unwrap(),
        PaperOutcome::Mismatch
    );
    assert_eq!(fx.ballots().await, 1);
    // Over the limit on paper is refused as online.
    let e = s
        .budgets()
        .enter_paper_ballot(t, &fx.staff, b, "P-003", &ch(&[p[0], p[1], p[2]]))
        .await
        .unwrap_err();
    assert!(matches!(e, StoreError::Invalid(_)));
    // Citizens cannot enter paper ballots.
    let e = s
        .budgets()
        .enter_paper_ballot(t, &fx.voters[0], b, "P-009", &one)
        .await
        .unwrap_err();
    assert!(matches!(
        e,
        StoreError::Denied(teilhabe_domain::Denied::Forbidden)
    ));
    let sheets = s.budgets().paper_sheets(t, &fx.staff, b).await.unwrap();
    let status: Vec<_> = sheets
        .iter()
        .map(|x| (x.sheet.as_str(), x.status))
        .collect();
    assert_eq!(
        status,
        vec![
            ("P-001", PaperOutcome::Counted),
            ("P-002", PaperOutcome::Mismatch)
        ]
    );
    assert_eq!(sheets[1].entries.len(), 2);
}

#[tokio::test]
async fn publication_tallies_lists_receipts_accepts_winners_and_exports() {
    let (_db, fx) = fixture(6).await;
    let (s, t, b, p) = (&fx.store, &fx.tenant, fx.budget, &fx.projects);
    // Costs 50k, 50k, 30k, 20k; budget 100k. Greedy by approvals takes the
    // two big projects of the majority; equal shares gives the majority one
    // and the minority (a third of the voters) a project too.
    let ballots = [
        vec![p[0], p[1]],
        vec![p[0], p[1]],
        vec![p[0], p[1]],
        vec![p[0], p[1]],
        vec![p[2], p[3]],
        vec![p[2], p[3]],
    ];
    let mut receipts = Vec::new();
    for (v, bl) in fx.voters.iter().zip(&ballots) {
        receipts.push(s.budgets().cast_ballot(t, v, b, &ch(bl), "").await.unwrap());
    }
    let e = s
        .budgets()
        .publish(t, &fx.staff, b, "Im Bürgerhaushalt ausgewählt.")
        .await;
    assert!(matches!(
        e,
        Err(StoreError::Conflict("error-budget-voting-open"))
    ));
    fx.close_voting().await;
    let r = s
        .budgets()
        .publish(t, &fx.staff, b, "Im Bürgerhaushalt ausgewählt.")
        .await
        .unwrap();
    assert_eq!(r.voters, 6);
    for rc in &receipts {
        assert!(r.receipt_hashes.contains(&rc.hash));
        assert_eq!(rc.hash, teilhabe_domain::budget::receipt_hash(&rc.code));
    }
    let mut sel = r.selected.clone();
    sel.sort();
    assert_eq!(sel, vec![p[0], p[2]], "{r:#?}");
    let greedy: Vec<i64> = r
        .projects
        .iter()
        .filter(|x| x.greedy_selected)
        .map(|x| x.project_id)
        .collect();
    assert!(
        greedy.contains(&p[1]),
        "greedy takes the second big project"
    );
    assert!(r.projects.iter().all(|x| x.mes.is_some()));
    // Winners continue in the implementation tracking.
    let won =
        s.db.one(
            "SELECT COUNT(*) AS n FROM proposals WHERE status = 'accepted' AND answer IS NOT NULL",
            &[],
        )
        .await
        .unwrap()
        .i64("n")
        .unwrap();
    assert_eq!(won, 2);
    // The author follows their proposals and hears of the decision.
    let notified =
        s.db.one(
            "SELECT COUNT(*) AS n FROM notifications WHERE kind = 'status_changed'",
            &[],
        )
        .await
        .unwrap()
        .i64("n")
        .unwrap();
    assert_eq!(notified, 2);
    // Results and export are public.
    let visitor = Actor::visitor();
    let res = s.budgets().results(t, &visitor, b).await.unwrap();
    assert_eq!(res.result, r);
    assert_eq!(res.turnout.iter().map(|x| x.ballots).sum::<i64>(), 6);
    let (_, election, anon) = s.budgets().export(t, &visitor, b).await.unwrap();
    assert_eq!(anon.len(), 6);
    let mut out = Vec::new();
    election.write(&mut out).unwrap();
    let back = teilhabe_budget::pb::Election::parse(&out).unwrap();
    assert_eq!(back.num_voters(), 6);
    let o = teilhabe_budget::rules::tally(&back, teilhabe_budget::rules::Rule::Mes).unwrap();
    let mut ids: Vec<String> = o
        .selected
        .iter()
        .map(|&i| back.projects[i].id.clone())
        .collect();
    ids.sort();
    let mut ours: Vec<String> = r.selected.iter().map(|x| x.to_string()).collect();
    ours.sort();
    assert_eq!(ids, ours);
    // Published: no second publication, no more paper ballots.
    assert!(s
        .budgets()
        .publish(t, &fx.staff, b, "Noch einmal veröffentlicht.")
        .await
        .is_err());
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn one_district_per_person_even_at_the_same_moment() {
    let (_db, fx) = fixture(1).await;
    let (s, t) = (&fx.store, &fx.tenant);
    fx.close_voting().await;
    let mut districts = Vec::new();
    for d in ["Nord", "Süd"] {
        let mut i = approval("1", "greedy");
        i.name = format!("Stadtteil {d}");
        i.district = d.into();
        let b = s
            .budgets()
            .create(t, &fx.staff, "buergerhaushalt", &i)
            .await
            .unwrap()
            .id;
        let p = s
            .budgets()
            .add_project(t, &fx.staff, b, fx.proposals[0], 1_000)
            .await
            .unwrap();
        s.budgets()
            .review_project(t, &fx.staff, p, true, "Machbar im Stadtteil.", 1_000)
            .await
            .unwrap();
        districts.push((b, p));
    }
    s.processes()
        .update(t, &fx.admin, "buergerhaushalt", &fx.input)
        .await
        .unwrap();
    let mut tasks = Vec::new();
    for i in 0..8 {
        let (s, t, a) = (fx.store.clone(), fx.tenant.clone(), fx.voters[0].clone());
        let (b, p) = districts[i % 2];
        tasks.push(tokio::spawn(async move {
            s.budgets().cast_ballot(&t, &a, b, &ch(&[p]), "").await
        }));
    }
    let mut ok = 0;
    for task in tasks {
        match task.await.unwrap() {
            Ok(_) => ok += 1,
            Err(StoreError::Conflict("error-ballot-other-district")) => {}
            Err(e) => panic!("{e:?}"),
        }
    }
    assert_eq!(
        ok, 4,
        "all ballots of one district are accepted (replacing)"
    );
    let n =
        s.db.one(
            "SELECT COUNT(DISTINCT budget_id) AS n FROM budget_ballots",
            &[],
        )
        .await
        .unwrap()
        .i64("n")
        .unwrap();
    assert_eq!(n, 1, "ballots in one district only");
    assert_eq!(fx.ballots().await, 1);
    // The city-wide budget is open to the same person.
    s.budgets()
        .cast_ballot(t, &fx.voters[0], fx.budget, &ch(&[fx.projects[0]]), "")
        .await
        .unwrap();
}

/// Every row of every table of a SQLite file, each value as text.
async fn dump_sqlite(path: &std::path::Path) -> Vec<(String, Vec<String>)> {
    use sqlx::{Column, Row, TypeInfo, ValueRef};
    let opts = sqlx::sqlite::SqliteConnectOptions::new()
        .filename(path)
        .read_only(true);
    let pool = sqlx::SqlitePool::connect_with(opts).await.unwrap();
    let tables: Vec<String> = sqlx::query_scalar(
        "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'",
    )
    .fetch_all(&pool)
    .await
    .unwrap();
    assert!(tables.len() > 20, "{tables:?}");
    let mut out = Vec::new();
    for t in tables {
        for row in sqlx::query(&format!("SELECT * FROM \"{t}\""))
            .fetch_all(&pool)
            .await
            .unwrap()
        {
            let mut values = Vec::new();
            for c in row.columns() {
                let i = c.ordinal();
                let raw = row.try_get_raw(i).unwrap();
                let v = if raw.is_null() {
                    String::new()
                } else {
                    match raw.type_info().name() {
                        "INTEGER" => row.get::<i64, _>(i).to_string(),
                        "REAL" => row.get::<f64, _>(i).to_string(),
                        "BLOB" => hex::encode(row.get::<Vec<u8>, _>(i)),
                        _ => row.get::<String, _>(i),
                    }
                };
                values.push(format!("{}={v}", c.name()));
            }
            out.push((t.clone(), values));
        }
    }
    pool.close().await;
    out
}

/// Issue #12, ballot secrecy: after a finished budget, neither the
/// database nor a backup of it (`VACUUM INTO`) links a resident to their
/// ballot; with the instance key the store still finds each person's own
/// ballot, keeps one per person, and rewrites keys of the old form.
#[tokio::test]
async fn the_database_and_its_backup_do_not_tell_who_cast_which_ballot() {
    let (db, fx) = fixture(4).await;
    let (s, t, b, p) = (&fx.store, &fx.tenant, fx.budget, &fx.projects);
    let ballots = [vec![p[0], p[1]], vec![p[2]], vec![p[1], p[3]], vec![p[0]]];
    for (v, bl) in fx.voters.iter().zip(&ballots) {
        s.budgets().cast_ballot(t, v, b, &ch(bl), "").await.unwrap();
    }
    // The first voter changes their mind: still one ballot each.
    s.budgets()
        .cast_ballot(t, &fx.voters[0], b, &ch(&[p[3]]), "")
        .await
        .unwrap();
    assert_eq!(fx.ballots().await, 4);
    // Each person sees their own ballot, through the store's lookup.
    for (i, v) in fx.voters.iter().enumerate() {
        let mine = if i == 0 {
            vec![p[3]]
        } else {
            ballots[i].clone()
        };
        let d = s.budgets().detail(t, v, b).await.unwrap();
        assert_eq!(d.my_ballot, Some(ch(&mine)));
        let own = s.budgets().ballots_of(t, v.user_id.unwrap()).await.unwrap();
        assert_eq!(own.len(), 1);
        assert_eq!((own[0].budget_id, own[0].choices.clone()), (b, ch(&mine)));
    }
    fx.close_voting().await;
    s.budgets()
        .publish(t, &fx.staff, b, "Im Bürgerhaushalt ausgewählt.")
        .await
        .unwrap();
    // The evaluation still counts the ballots as the voters' (it maps the
    // keyed hashes back with the key).
    let process = s
        .processes()
        .get(t, &Actor::administrator(), "buergerhaushalt")
        .await
        .unwrap();
    let f = s.evaluations().figures(t, process.id).await.unwrap();
    assert_eq!(
        (
            f.participants_accounts,
            f.participants_anonymous,
            f.verified_accounts
        ),
        (4, 0, 4)
    );

    // The audit log records the ballots without anybody named.
    let unnamed = teilhabe_testkit::count(
        s,
        "SELECT COUNT(*) AS n FROM audit_log WHERE action LIKE 'budget.ballot_%' AND actor = ''",
    )
    .await;
    assert_eq!(unnamed, 5);
    if teilhabe_testkit::backend() != "sqlite" {
        return;
    }
    // What identifies a voter anywhere: their account id in the old key
    // form, their e-mail, and every pseudonym of theirs in the log.
    let mut who: Vec<Vec<String>> = Vec::new();
    for (i, v) in fx.voters.iter().enumerate() {
        let id = v.user_id.unwrap();
        let mut ids = vec![format!("u:{id}"), format!("c{i}@t.example")];
        ids.push(teilhabe_domain::audit::pseudonym(&t.audit_secret, id));
        for a in ["proposal.created", "budget.ballot_cast", "user.verified"] {
            let p = teilhabe_domain::audit::event_actor(&t.audit_secret, id, a);
            if !p.is_empty() {
                ids.push(p);
            }
        }
        who.push(ids);
    }
    let file = db.url.trim_start_matches("sqlite:").to_string();
    let backup = format!("{file}.backup");
    s.db.exec(&format!("VACUUM INTO '{backup}'"), &[])
        .await
        .unwrap();
    for path in [file.as_str(), backup.as_str()] {
        let rows = dump_sqlite(std::path::Path::new(path)).await;
        let ballot_rows: Vec<&Vec<String>> = rows
            .iter()
            .filter(|(t, _)| t == "budget_ballots" || t == "budget_voter_districts")
            .map(|(_, r)| r)
            .collect();
        assert_eq!(ballot_rows.len(), 4, "{path}");
        // Nothing of a person in a ballot row ...
        for r in &ballot_rows {
            let text = r.join("|");
            assert!(!text.contains("user"), "{path}: {text}");
            for ids in &who {
                for id in ids {
                    assert!(!text.contains(id.as_str()), "{path}: {id} in {text}");
                }
            }
        }
        // ... and nothing of a ballot row (its voter key, its receipt) in
        // any other table, where it could meet a person. The receipt
        // hashes are published with the result (in `budgets`), by design:
        // each voter finds their own receipt there.
        let links: Vec<(&str, String)> = ballot_rows
            .iter()
            .flat_map(|r| r.iter())
            .filter_map(|v| v.split_once('='))
            .filter(|(c, _)| *c == "voter_key" || *c == "receipt_hash")
            .map(|(c, v)| (c, v.to_string()))
            .collect();
        assert_eq!(links.len(), 8, "{links:?}");
        for (table, r) in &rows {
            if table == "budget_ballots" || table == "budget_voter_districts" {
                continue;
            }
            for v in r {
                for (c, l) in &links {
                    if *c == "receipt_hash" && table == "budgets" {
                        continue;
                    }
                    assert!(!v.contains(l.as_str()), "{path}: {table} has {c} {l}");
                }
            }
        }
        // The old key form is nowhere.
        for (table, r) in &rows {
            for v in r {
                assert!(
                    !who.iter().any(|ids| v.ends_with(&format!("={}", ids[0]))),
                    "{path}: {table}: {v}"
                );
            }
        }
    }

    // A ballot key of the old form (written before keys existed) is
    // rewritten once when the store is opened again with its key.
    let id0 = fx.voters[0].user_id.unwrap();
    let keyed = s.budgets().voter_key(id0);
    s.db.exec(
        &format!("UPDATE budget_ballots SET voter_key = 'u:{id0}' WHERE voter_key = '{keyed}'"),
        &[],
    )
    .await
    .unwrap();
    let reopened = db.store().await;
    let old = teilhabe_testkit::count(
        &reopened,
        "SELECT COUNT(*) AS n FROM budget_ballots WHERE voter_key LIKE 'u:%'",
    )
    .await;
    assert_eq!(old, 0);
    let own = reopened.budgets().ballots_of(t, id0).await.unwrap();
    assert_eq!(own.len(), 1);
    // Another key file is refused: it would not find anybody's ballot.
    let other = teilhabe_store::Store::open(
        &db.url,
        &teilhabe_store::DbOptions { max_connections: 2 },
        teilhabe_store::Clock::fixed(teilhabe_testkit::TEST_NOW_MS),
        teilhabe_store::keys::InstanceKey::from_bytes([9u8; 32]),
    )
    .await;
    let e = other.err().map(|e| e.to_string()).unwrap_or_default();
    assert!(e.contains("key file does not belong"), "{e}");
}
