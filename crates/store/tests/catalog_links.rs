//! Links of the open data catalog in the store: a register entry names the
//! datasets it reads (its department links and unlinks, audited), an
//! indicator names its source dataset (who manages the goal), the dataset
//! lists its data uses with the data council's latest published
//! recommendation and the indicators using it; residents' questions on a
//! dataset reach the staff of its department and of every data use that
//! reads it, who answer publicly. Runs on SQLite, or PostgreSQL via the
//! testkit.
#![allow(clippy::unwrap_used)] // a test or tool stops at its first unexpected error

use teilhabe_domain::catalog::DatasetDraft;
use teilhabe_domain::goals::input::{GoalDraft, IndicatorDraft};
use teilhabe_domain::{Denied, Role};
use teilhabe_store::catalog::DatasetRecord;
use teilhabe_store::goals::{GoalInput, IndicatorInput};
use teilhabe_store::StoreError;
use teilhabe_testkit::{assert_chain_unbroken, count, sample, Fixture, TestDb};

fn draft(title: &str) -> DatasetDraft {
    DatasetDraft {
        title: title.into(),
        description: "Tägliche Höchstwerte an acht Messstellen.".into(),
        keywords: vec!["Hitze".into()],
        themes: vec!["ENVI".into()],
        temporal_start: Some("2024-01-01".into()),
        temporal_end: None,
        accrual_periodicity: "DAILY".into(),
        contact_name: "Umweltamt".into(),
        contact_email: "umwelt@musterstadt.example".into(),
        landing_page: String::new(),
        access_rights: "PUBLIC".into(),
    }
}

/// A dataset of `dept`, created by an admin.
async fn dataset(fx: &Fixture, dept: i64, title: &str) -> DatasetRecord {
    fx.store
        .catalog()
        .create(&fx.tenant, &fx.admin, Some(dept), draft(title))
        .await
        .unwrap()
}

async fn notified(fx: &Fixture, user: Option<i64>, kind: &str) -> i64 {
    count(
        &fx.store,
        &format!(
            "SELECT COUNT(*) AS n FROM notifications WHERE user_id = {} AND kind = '{kind}'",
            user.unwrap()
        ),
    )
    .await
}

#[tokio::test]
async fn entries_link_datasets_and_the_dataset_shows_the_councils_recommendation() {
    let db = TestDb::new().await;
    let fx = Fixture::new(&db.store().await).await;
    let catalog = fx.store.catalog();
    // The dataset belongs to the other department; the data use to ours.
    let d = dataset(&fx, fx.other_dept, "Hitzemessungen Innenstadt").await;
    let e = fx.entry(sample("Hitzewarnung")).await;

    // Only who may edit the entry links: not the dataset's department,
    // not a citizen, not a visitor.
    for (who, denied) in [
        (&fx.other_staff, Denied::Forbidden),
        (&fx.citizen, Denied::Forbidden),
        (&teilhabe_domain::Actor::visitor(), Denied::LoginRequired),
    ] {
        let r = catalog.link_entry(&fx.tenant, who, &e.slug, d.id).await;
        assert!(
            matches!(r, Err(StoreError::Denied(x)) if x == denied),
            "{r:?}"
        );
    }
    catalog
        .link_entry(&fx.tenant, &fx.staff, &e.slug, d.id)
        .await
        .unwrap();
    // Twice is refused; an unknown dataset is not found.
    assert!(matches!(
        catalog
            .link_entry(&fx.tenant, &fx.staff, &e.slug, d.id)
            .await,
        Err(StoreError::Conflict("error-catalog-link-exists"))
    ));
    assert!(matches!(
        catalog
            .link_entry(&fx.tenant, &fx.staff, &e.slug, 9_999)
            .await,
        Err(StoreError::NotFound)
    ));
    assert_eq!(fx.audited("catalog.entry_dataset_linked").await, 1);

    let read = catalog.entry_datasets(&fx.tenant, e.id).await.unwrap();
    assert_eq!(read.iter().map(|x| x.id).collect::<Vec<_>>(), vec![d.id]);

    // The entry's required review is still open: no recommendation yet.
    let uses = catalog.data_uses(&fx.tenant, d.id).await.unwrap();
    assert_eq!(uses.len(), 1);
    assert_eq!(uses[0].slug, e.slug);
    assert_eq!(uses[0].recommendation, None);

    // The council closes the review: the dataset shows its recommendation.
    let mut members = Vec::new();
    for i in 1..=3 {
        members.push(
            fx.actor(&format!("m{i}@t.example"), &[(Role::Council, None)])
                .await,
        );
    }
    let council = fx.store.council();
    let review = council.entry_reviews(&fx.tenant, e.id).await.unwrap()[0].id;
    for m in &members {
        council
            .cast_vote(&fx.tenant, m, review, "approve", "")
            .await
            .unwrap();
    }
    council
        .close_review(
            &fx.tenant,
            &members[0],
            review,
            "Zustimmung; Daten nach 30 Tagen löschen.",
        )
        .await
        .unwrap();
    let uses = catalog.data_uses(&fx.tenant, d.id).await.unwrap();
    assert_eq!(uses[0].review_id, Some(review));
    assert_eq!(uses[0].outcome.as_deref(), Some("approve"));
    assert_eq!(
        uses[0].recommendation.as_deref(),
        Some("Zustimmung; Daten nach 30 Tagen löschen.")
    );

    // Unlinking: the other department may not, the entry's may; a second
    // time there is nothing left to unlink.
    assert!(matches!(
        catalog
            .unlink_entry(&fx.tenant, &fx.other_staff, &e.slug, d.id)
            .await,
        Err(StoreError::Denied(Denied::Forbidden))
    ));
    catalog
        .unlink_entry(&fx.tenant, &fx.staff, &e.slug, d.id)
        .await
        .unwrap();
    assert!(matches!(
        catalog
            .unlink_entry(&fx.tenant, &fx.staff, &e.slug, d.id)
            .await,
        Err(StoreError::Conflict("error-catalog-link-missing"))
    ));
    assert!(catalog
        .data_uses(&fx.tenant, d.id)
        .await
        .unwrap()
        .is_empty());
    assert_eq!(fx.audited("catalog.entry_dataset_unlinked").await, 1);
    assert_chain_unbroken(&fx.store, &fx.tenant).await;
}

#[tokio::test]
async fn an_indicator_names_its_source_dataset() {
    let db = TestDb::new().await;
    let fx = Fixture::new(&db.store().await).await;
    let (catalog, goals) = (fx.store.catalog(), fx.store.goals());
    let d = dataset(&fx, fx.other_dept, "Baumkataster").await;
    let g = goals
        .create(
            &fx.tenant,
            &fx.staff,
            &GoalInput {
                draft: GoalDraft {
                    statement: "Stadtbäume überstehen heiße Sommer".into(),
                    description: "Warum dieses Ziel wichtig ist.".into(),
                },
                department_id: Some(fx.dept),
                process_ids: vec![],
                entry_ids: vec![],
            },
        )
        .await
        .unwrap();
    let i = goals
        .create_indicator(
            &fx.tenant,
            &fx.staff,
            &g.slug,
            &IndicatorInput {
                draft: IndicatorDraft {
                    key: "gegossene-baeume".into(),
                    name: "Gegossene Bäume".into(),
                    unit: "Anzahl".into(),
                    direction: "higher_is_better".into(),
                    baseline_value: "200".into(),
                    baseline_date: "2026-01-01".into(),
                    target_value: "900".into(),
                    target_date: "2027-01-01".into(),
                    data_source: "Baumkataster".into(),
                    computation: String::new(),
                },
                computation_process_id: None,
            },
        )
        .await
        .unwrap();
    // The goal's department decides, not the dataset's.
    assert!(matches!(
        catalog
            .set_indicator_dataset(&fx.tenant, &fx.other_staff, &g.slug, i.id, Some(d.id))
            .await,
        Err(StoreError::Denied(Denied::Forbidden))
    ));
    // An indicator of another goal is not found.
    assert!(matches!(
        catalog
            .set_indicator_dataset(&fx.tenant, &fx.staff, &g.slug, i.id + 100, Some(d.id))
            .await,
        Err(StoreError::NotFound)
    ));
    catalog
        .set_indicator_dataset(&fx.tenant, &fx.staff, &g.slug, i.id, Some(d.id))
        .await
        .unwrap();
    assert!(matches!(
        catalog
            .set_indicator_dataset(&fx.tenant, &fx.staff, &g.slug, i.id, Some(d.id))
            .await,
        Err(StoreError::Conflict("error-catalog-link-unchanged"))
    ));
    let using = catalog.indicators_using(&fx.tenant, d.id).await.unwrap();
    assert_eq!(using.len(), 1);
    assert_eq!(using[0].indicator_id, i.id);
    assert_eq!(using[0].goal_slug, g.slug);
    let sources = catalog.indicator_sources(&fx.tenant, g.id).await.unwrap();
    assert_eq!(sources.len(), 1);
    assert_eq!(sources[0].name, d.name);
    // Cleared.
    catalog
        .set_indicator_dataset(&fx.tenant, &fx.staff, &g.slug, i.id, None)
        .await
        .unwrap();
    assert!(catalog
        .indicators_using(&fx.tenant, d.id)
        .await
        .unwrap()
        .is_empty());
    assert_eq!(fx.audited("catalog.indicator_dataset_set").await, 2);
    assert_chain_unbroken(&fx.store, &fx.tenant).await;
}

#[tokio::test]
async fn a_question_reaches_the_staff_of_both_departments_who_answer_publicly() {
    let db = TestDb::new().await;
    let fx = Fixture::new(&db.store().await).await;
    let catalog = fx.store.catalog();
    let third = fx
        .store
        .create_department(&fx.tenant, "Amt C")
        .await
        .unwrap();
    let outsider = fx
        .actor("third@t.example", &[(Role::Staff, Some(third))])
        .await;
    // The dataset is the other department's; our department's data use
    // reads it.
    let d = dataset(&fx, fx.other_dept, "Luftqualität").await;
    let e = fx.entry(sample("Hitzewarnung")).await;
    catalog
        .link_entry(&fx.tenant, &fx.staff, &e.slug, d.id)
        .await
        .unwrap();

    // Visitors must log in; bad input names its fields, writes nothing.
    assert!(matches!(
        catalog
            .ask(
                &fx.tenant,
                &teilhabe_domain::Actor::visitor(),
                &d.name,
                "question",
                "Wie oft wird gemessen?"
            )
            .await,
        Err(StoreError::Denied(Denied::LoginRequired))
    ));
    match catalog
        .ask(&fx.tenant, &fx.citizen, &d.name, "complaint", "kurz")
        .await
    {
        Err(StoreError::Invalid(e)) => {
            assert_eq!(e.get("question_kind").unwrap().key, "error-invalid-choice");
            assert_eq!(e.get("question_text").unwrap().key, "error-too-short");
        }
        other => panic!("expected field errors, got {other:?}"),
    }
    assert_eq!(
        count(&fx.store, "SELECT COUNT(*) AS n FROM dataset_questions").await,
        0
    );

    let q = catalog
        .ask(
            &fx.tenant,
            &fx.citizen,
            &d.name,
            "objection",
            "Die Messstelle am Markt liegt zu nah an der Straße.",
        )
        .await
        .unwrap();
    assert_eq!(q.kind, "objection");
    let due = q.deadline_at.unwrap();
    assert_eq!(due - q.created_at, 30 * teilhabe_domain::questions::DAY_MS);
    // Both departments' staff hear of it, an unrelated one does not.
    assert_eq!(notified(&fx, fx.staff.user_id, "catalog_question").await, 1);
    assert_eq!(
        notified(&fx, fx.other_staff.user_id, "catalog_question").await,
        1
    );
    assert_eq!(notified(&fx, outsider.user_id, "catalog_question").await, 0);
    // ... and see it in their inbox with its deadline.
    for who in [&fx.staff, &fx.other_staff, &fx.admin] {
        let inbox = catalog.question_inbox(&fx.tenant, who).await.unwrap();
        assert_eq!(inbox.len(), 1);
        assert_eq!(inbox[0].question.id, q.id);
        assert_eq!(inbox[0].question.deadline_at, Some(due));
        assert_eq!(inbox[0].dataset_name, d.name);
    }
    assert!(catalog
        .question_inbox(&fx.tenant, &outsider)
        .await
        .unwrap()
        .is_empty());
    assert!(catalog
        .question_inbox(&fx.tenant, &fx.citizen)
        .await
        .is_err());

    // Who answers: either department, not a third one, not the asker.
    for who in [&outsider, &fx.citizen] {
        assert!(matches!(
            catalog
                .answer(
                    &fx.tenant,
                    who,
                    &d.name,
                    q.id,
                    "Die Messstelle wird geprüft."
                )
                .await,
            Err(StoreError::Denied(Denied::Forbidden))
        ));
    }
    let a = catalog
        .answer(
            &fx.tenant,
            &fx.staff,
            &d.name,
            q.id,
            "Die Messstelle wird im Frühjahr versetzt.",
        )
        .await
        .unwrap();
    assert_eq!(
        a.answer.as_deref(),
        Some("Die Messstelle wird im Frühjahr versetzt.")
    );
    assert_eq!(
        notified(&fx, fx.citizen.user_id, "catalog_answer_own").await,
        1
    );
    // Publicly listed, out of the inbox; the dataset's department corrects.
    let public = catalog.questions(&fx.tenant, d.id).await.unwrap();
    assert_eq!(public.len(), 1);
    assert!(public[0].answered_at.is_some());
    assert!(catalog
        .question_inbox(&fx.tenant, &fx.staff)
        .await
        .unwrap()
        .is_empty());
    let c = catalog
        .answer(
            &fx.tenant,
            &fx.other_staff,
            &d.name,
            q.id,
            "Die Messstelle wird im Mai versetzt.",
        )
        .await
        .unwrap();
    assert!(c.answer_corrected_at.is_some());
    assert_eq!(fx.audited("catalog.objection_filed").await, 1);
    assert_eq!(fx.audited("catalog.question_answered").await, 1);
    assert_eq!(fx.audited("catalog.answer_corrected").await, 1);
    assert_chain_unbroken(&fx.store, &fx.tenant).await;
}

/// The demo's links: the catalog demo creates its datasets, then
/// `demo_links` links them to fitting register entries and indicators and
/// files one question.
#[tokio::test]
async fn the_demo_links_its_datasets() {
    let db = TestDb::new().await;
    let store = db.store().await;
    let tenant = teilhabe_store::demo::load(&store).await.unwrap();
    assert_eq!(
        count(&store, "SELECT COUNT(*) AS n FROM register_entry_datasets").await,
        10
    );
    assert_eq!(
        count(&store, "SELECT COUNT(*) AS n FROM indicator_datasets").await,
        5
    );
    assert_eq!(
        count(&store, "SELECT COUNT(*) AS n FROM dataset_questions").await,
        1
    );
    let catalog = store.catalog();
    let heat = catalog
        .by_name(&tenant, "hitzemessungen-innenstadt")
        .await
        .unwrap();
    let uses = catalog.data_uses(&tenant, heat.id).await.unwrap();
    let titles: Vec<&str> = uses.iter().map(|u| u.title.as_str()).collect();
    assert_eq!(
        titles,
        vec![
            "Baumgesundheit aus Luftbildern",
            "Hitzewarnung für Risikogruppen"
        ]
    );
    assert_eq!(
        catalog
            .indicators_using(&tenant, heat.id)
            .await
            .unwrap()
            .len(),
        1
    );
    assert_chain_unbroken(&store, &tenant).await;
}
