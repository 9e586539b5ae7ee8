#![allow(clippy::unwrap_used)] // a test or tool stops at its first unexpected error
use teilhabe_testkit::{count, TestDb, OPINION_COUNTER_DRIFT};

#[tokio::test]
async fn demo_loads_consistently_and_its_audit_chain_verifies() {
    let db = TestDb::new().await;
    let store = db.store().await;
    let tenant = teilhabe_store::demo::load(&store)
        .await
        .expect("demo loads");
    let counts = store
        .db
        .one(
            "SELECT (SELECT COUNT(*) FROM processes) AS processes, (SELECT COUNT(*) FROM proposals) AS proposals, (SELECT COUNT(*) FROM comments) AS comments, (SELECT COUNT(*) FROM supports) AS supports, (SELECT COUNT(*) FROM departments) AS departments",
            &[],
        )
        .await
        .unwrap();
    // Four processes of the foundation, an opinion map, two participatory
    // budgets, and last year's closed budget of the catalog's demo.
    assert_eq!(counts.i64("processes").unwrap(), 9);
    assert_eq!(counts.i64("departments").unwrap(), 3);
    let proposals = counts.i64("proposals").unwrap();
    assert!((90..=110).contains(&proposals), "{proposals} proposals");
    let comments = counts.i64("comments").unwrap();
    assert!((250..=400).contains(&comments), "{comments} comments");
    assert!(counts.i64("supports").unwrap() > 200);
    // Counters equal the rows they count.
    let drift = store
        .db
        .one(
            "SELECT COUNT(*) AS n FROM proposals p WHERE p.support_count <> (SELECT COUNT(*) FROM supports s WHERE s.proposal_id = p.id) OR p.comment_count <> (SELECT COUNT(*) FROM comments c WHERE c.proposal_id = p.id)",
            &[],
        )
        .await
        .unwrap();
    assert_eq!(drift.i64("n").unwrap(), 0);
    // The opinion map: counters equal the votes, and the analysis found the
    // planted camps.
    assert_eq!(count(&store, OPINION_COUNTER_DRIFT).await, 0);
    // Ballot secrecy (issue #12): every online ballot's voter key is a
    // keyed hash, written so (not left to the rewrite at the next open).
    let plain = "SELECT COUNT(*) AS n FROM budget_ballots WHERE voter_key NOT LIKE 'v:%' AND voter_key NOT LIKE 'paper:%'";
    assert_eq!(count(&store, plain).await, 0);
    assert!(
        count(
            &store,
            "SELECT COUNT(*) AS n FROM budget_ballots WHERE voter_key LIKE 'v:%'"
        )
        .await
            > 1000
    );
    let map = store
        .db
        .one(
            "SELECT m.process_id, m.vote_count, m.participant_count, (SELECT COUNT(*) FROM opinion_votes v WHERE v.process_id = m.process_id) AS votes, (SELECT COUNT(*) FROM opinion_participants p WHERE p.process_id = m.process_id) AS people FROM opinion_maps m",
            &[],
        )
        .await
        .unwrap();
    assert_eq!(map.i64("vote_count").unwrap(), map.i64("votes").unwrap());
    assert_eq!(
        map.i64("participant_count").unwrap(),
        map.i64("people").unwrap()
    );
    assert!(map.i64("votes").unwrap() > 4000);
    let result = store
        .opinion()
        .result(map.i64("process_id").unwrap())
        .await
        .unwrap()
        .unwrap()
        .result
        .unwrap();
    assert!(result.grouped);
    assert!((2..=4).contains(&result.k), "k = {}", result.k);
    assert!(!result.consensus.is_empty());
    // Every status occurs.
    for status in [
        "submitted",
        "in_review",
        "accepted",
        "rejected",
        "in_implementation",
        "done",
    ] {
        let n = store
            .db
            .one(
                "SELECT COUNT(*) AS n FROM proposals WHERE status = $1",
                teilhabe_store::params![status],
            )
            .await
            .unwrap()
            .i64("n")
            .unwrap();
        assert!(n > 0, "no proposal in status {status}");
    }
    // The register: the 12 sample entries, three with later versions, and
    // each entry's current version number equals its versions.
    let reg = store
        .db
        .one(
            "SELECT (SELECT COUNT(*) FROM register_entries) AS entries, (SELECT COUNT(*) FROM register_entries WHERE current_version > 1) AS edited, (SELECT COUNT(*) FROM register_entries e WHERE e.current_version <> (SELECT COUNT(*) FROM register_versions v WHERE v.entry_id = e.id)) AS off",
            &[],
        )
        .await
        .unwrap();
    assert_eq!(reg.i64("entries").unwrap(), 12);
    assert_eq!(reg.i64("edited").unwrap(), 4);
    assert_eq!(reg.i64("off").unwrap(), 0);
    let v = store.audit().verify(&tenant).await.unwrap();
    assert!(v.first_break.is_none(), "{:?}", v.first_break);
    assert!(!v.head_mismatch);
    assert!(v.entries > 500);
    budget_demo_is_published_and_rules_differ(&store, &tenant).await;
    lifecycle_and_evaluation_demo(&store, &tenant).await;
    catalog_demo(&store, &tenant).await;
    // A second load is refused rather than duplicating everything.
    assert!(teilhabe_store::demo::load(&store).await.is_err());
}

async fn budget_demo_is_published_and_rules_differ(
    store: &teilhabe_store::Store,
    tenant: &teilhabe_store::Tenant,
) {
    let visitor = teilhabe_domain::Actor::visitor();
    let (_, budgets) = store
        .budgets()
        .of_process(tenant, &visitor, "buergerhaushalt-2027")
        .await
        .unwrap();
    assert_eq!(budgets.len(), 4);
    let projects: i64 = store
        .db
        .one(
            "SELECT COUNT(*) AS n FROM budget_projects bp JOIN budgets b ON b.id = bp.budget_id JOIN processes p ON p.id = b.process_id WHERE p.slug = 'buergerhaushalt-2027' AND bp.feasible = 1",
            &[],
        )
        .await
        .unwrap()
        .i64("n")
        .unwrap();
    assert_eq!(projects, 25);
    let mut total = 0;
    for b in &budgets {
        assert!(b.published_at.is_some(), "{} not published", b.name);
        let r = store
            .budgets()
            .results(tenant, &visitor, b.id)
            .await
            .unwrap();
        total += r.result.voters;
        if b.district.is_empty() {
            // Under equal shares the minorities get projects that greedy
            // would not select: the difference is visible.
            let differ = r
                .result
                .projects
                .iter()
                .filter(|p| p.selected != p.greedy_selected)
                .count();
            assert!(differ >= 2, "{:#?}", r.result.projects);
            assert!(r.result.voters > 2500);
            assert!(!r.result.receipt_hashes.is_empty());
        }
    }
    assert!(total > 5000, "{total} ballots");
    let sheets = store
        .budgets()
        .paper_sheets(
            tenant,
            &store
                .actor_of(&store.accounts().user(tenant, 1).await.unwrap())
                .await
                .unwrap(),
            budgets[0].id,
        )
        .await
        .unwrap();
    let mismatches = sheets
        .iter()
        .filter(|s| s.status == teilhabe_store::budget::PaperOutcome::Mismatch)
        .count();
    assert_eq!(mismatches, 2);
    // The open youth budget takes ballots.
    let (p, youth) = store
        .budgets()
        .of_process(tenant, &visitor, "jugendbudget-2027")
        .await
        .unwrap();
    assert!(p
        .facts()
        .form_open(teilhabe_domain::process::Form::BudgetVoting));
    assert_eq!(youth[0].ballot_count, 180);
}

/// The heat warning entry has processes in two lifecycle phases; the
/// closed climate protection plan has a published evaluation with figures.
async fn lifecycle_and_evaluation_demo(
    store: &teilhabe_store::Store,
    tenant: &teilhabe_store::Tenant,
) {
    let visitor = teilhabe_domain::Actor::visitor();
    let entry = store
        .db
        .one(
            "SELECT id AS n FROM register_entries WHERE title = 'Hitzewarnung für Risikogruppen'",
            &[],
        )
        .await
        .unwrap()
        .i64("n")
        .unwrap();
    let links = store
        .evaluations()
        .entry_processes(tenant, &visitor, entry)
        .await
        .unwrap();
    let phases: Vec<(&str, &str)> = links
        .iter()
        .map(|l| (l.process_slug.as_str(), l.lifecycle_status.as_str()))
        .collect();
    assert_eq!(
        phases,
        vec![
            ("klimaschutzplan-2035", "planned"),
            ("hitzewarnung-mitgestalten", "design")
        ]
    );
    let (_, ev, _) = store
        .evaluations()
        .published(tenant, &visitor, "klimaschutzplan-2035", None)
        .await
        .unwrap();
    let f = &ev.snapshot.figures;
    assert!(f.participants > 10 && f.by_form.proposals > 0 && f.by_form.comments > 0);
    assert!(f.proposals_answered > 0 && f.median_answer_days.is_some());
    assert!(f.by_channel.len() > 1, "offline channels in the demo");
    // The climate plan's impact goal is frozen into the evaluation with
    // its state and each indicator's state.
    let goal = ev
        .snapshot
        .goals
        .first()
        .expect("the climate plan's linked impact goal");
    let states = ["achieved", "on_track", "off_track", "no_data"];
    assert!(states.contains(&goal.state.as_str()), "{}", goal.state);
    assert!(!goal.indicators.is_empty());
    assert!(goal
        .indicators
        .iter()
        .all(|i| states.contains(&i.state.as_str())));
}

/// The open data catalog: the municipality's own datasets by their fixed
/// names and the participation results of the closed processes, each
/// with at least one distribution; every file's SHA-256 matches its bytes;
/// the budget's .pb reads back.
async fn catalog_demo(store: &teilhabe_store::Store, tenant: &teilhabe_store::Tenant) {
    use sha2::{Digest, Sha256};
    let c = store.catalog();
    let all = c.all(tenant).await.unwrap();
    assert!((14..=18).contains(&all.len()), "{} datasets", all.len());
    let own = [
        "radverkehrszaehlungen",
        "kfz-verkehrszaehlungen",
        "baumkataster",
        "hitzemessungen-innenstadt",
        "luftqualitaet",
        "parkraumauslastung",
        "laermkartierung",
        "haushaltsplan-2026",
        "einwohner-nach-stadtteil",
        "spielplaetze",
        "wahlbezirke",
    ];
    for name in own {
        let d = c.by_name(tenant, name).await.unwrap();
        assert_eq!(d.origin, "own", "{name}");
    }
    let participation: Vec<&str> = all
        .iter()
        .filter(|d| d.origin == "participation")
        .map(|d| d.name.as_str())
        .collect();
    for name in [
        "klimaschutzplan-2035-vorschlaege",
        "klimaschutzplan-2035-auswertung",
        "buergerhaushalt-2026-vorschlaege",
        "buergerhaushalt-2026-abstimmung",
        "buergerhaushalt-2026-auswertung",
    ] {
        assert!(participation.contains(&name), "{name} in {participation:?}");
    }
    assert!(all
        .iter()
        .filter(|d| d.origin == "participation")
        .all(|d| d.suppression_threshold == Some(5) && d.process_id.is_some()));
    // Spread over departments, themes, licences and frequencies.
    let departments: std::collections::BTreeSet<_> =
        all.iter().filter_map(|d| d.department_id).collect();
    assert_eq!(departments.len(), 3);
    let frequencies: std::collections::BTreeSet<_> =
        all.iter().map(|d| d.accrual_periodicity.clone()).collect();
    assert!(frequencies.len() >= 5, "{frequencies:?}");
    let mut licences = std::collections::BTreeSet::new();
    let mut files = 0;
    for d in &all {
        let dists = c.distributions(tenant, d.id).await.unwrap();
        assert!(!dists.is_empty(), "{} has no distribution", d.name);
        for dist in dists {
            licences.insert(dist.license.clone());
            if dist.kind != "file" {
                assert!(dist.access_url.starts_with("https://"));
                continue;
            }
            let f = c.file(tenant, dist.id).await.unwrap();
            assert_eq!(hex::encode(Sha256::digest(&f.content)), dist.sha256);
            assert_eq!(Some(f.content.len() as i64), dist.byte_size);
            files += 1;
            if f.file_name.ends_with(".pb") {
                let e = teilhabe_budget::pb::Election::parse(&f.content).unwrap();
                assert!(e.num_voters() > 20, "{} voters", e.num_voters());
            }
        }
    }
    assert!(licences.len() >= 4, "{licences:?}");
    assert!(files >= 20, "{files} files");
    // The tree inventory has 300 trees; the counts 12 points x 24 months.
    let trees = c.by_name(tenant, "baumkataster").await.unwrap();
    let geo = &c.distributions(tenant, trees.id).await.unwrap()[0];
    let geo: serde_json::Value =
        serde_json::from_slice(&c.file(tenant, geo.id).await.unwrap().content).unwrap();
    assert_eq!(geo["features"].as_array().unwrap().len(), 300);
    let counts = c.by_name(tenant, "radverkehrszaehlungen").await.unwrap();
    let counts = &c.distributions(tenant, counts.id).await.unwrap()[0];
    let counts = c.file(tenant, counts.id).await.unwrap().content;
    assert_eq!(counts.iter().filter(|&&b| b == b'\n').count(), 1 + 12 * 24);
}
