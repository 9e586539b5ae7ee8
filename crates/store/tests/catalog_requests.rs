//! Data requests of the open data catalog in the store: a resident with a
//! confirmed address asks, staff answer publicly (published in a dataset,
//! planned by a date, refused with a reason) and may correct the answer;
//! the deadline is the objection deadline, overdue ones are marked, the
//! computed indicator counts the share answered in time; every step is
//! audited and the author is notified. Runs on SQLite, or PostgreSQL via
//! the testkit.
#![allow(clippy::unwrap_used)] // a test or tool stops at its first unexpected error

use teilhabe_domain::goals::input::Computation;
use teilhabe_domain::proposal::Channel;
use teilhabe_domain::{Actor, Denied};
use teilhabe_store::catalog::requests::{DataRequest, RequestFilter};
use teilhabe_store::proposals::Offline;
use teilhabe_store::StoreError;
use teilhabe_testkit::{assert_chain_unbroken, Fixture, TestDb};

fn draft(title: &str) -> teilhabe_domain::catalog::DatasetDraft {
    teilhabe_domain::catalog::DatasetDraft {
        title: title.into(),
        description: "Alle Straßenbäume der Stadt mit Art und Standort.".into(),
        keywords: vec!["Bäume".into()],
        themes: vec!["ENVI".into()],
        temporal_start: None,
        temporal_end: None,
        accrual_periodicity: "ANNUAL".into(),
        contact_name: "Grünflächenamt".into(),
        contact_email: "gruen@musterstadt.example".into(),
        landing_page: String::new(),
        access_rights: "PUBLIC".into(),
    }
}

const WHAT: &str = "Alle Straßenbäume mit Art, Pflanzjahr und Standort.";

async fn ask(fx: &Fixture, who: &Actor, title: &str) -> Result<DataRequest, StoreError> {
    fx.store
        .catalog()
        .ask_for_data(
            &fx.tenant,
            who,
            title,
            WHAT,
            "Für eine Karte der Schattenplätze.",
        )
        .await
}

async fn answer(
    fx: &Fixture,
    id: i64,
    (status, dataset, planned): (&str, &str, &str),
    text: &str,
) -> Result<DataRequest, StoreError> {
    fx.store
        .catalog()
        .answer_request(
            &fx.tenant, &fx.staff, id, status, dataset, planned, text, None,
        )
        .await
}

fn field_key(e: StoreError, field: &str) -> &'static str {
    match e {
        StoreError::Invalid(fe) => fe.get(field).unwrap_or_else(|| panic!("{field}: {fe}")).key,
        other => panic!("expected invalid, got {other:?}"),
    }
}

async fn kinds(fx: &Fixture, user: &Actor) -> Vec<String> {
    let a = fx.store.accounts();
    let list = a.notifications(&fx.tenant, user.user_id.unwrap(), 50);
    list.await.unwrap().into_iter().map(|n| n.kind).collect()
}

#[tokio::test]
async fn residents_ask_and_only_confirmed_ones() {
    let db = TestDb::new().await;
    let fx = Fixture::new(&db.store().await).await;
    let r = ask(&fx, &fx.citizen, "Baumkataster").await.unwrap();
    assert_eq!(r.status, "open");
    assert_eq!(r.channel, "online");
    assert_eq!(r.author_id, fx.citizen.user_id);
    assert_eq!(r.reason, "Für eine Karte der Schattenplätze.");
    // Due after the municipality's objection deadline (30 days by default).
    assert_eq!(r.due_at - r.created_at, 30 * 86_400_000);
    assert!(!r.overdue);
    assert_eq!(fx.audited("catalog.data_requested").await, 1);

    // A visitor and an unconfirmed account write nothing.
    let e = ask(&fx, &Actor::visitor(), "Baumkataster")
        .await
        .unwrap_err();
    assert!(
        matches!(e, StoreError::Denied(Denied::LoginRequired)),
        "{e:?}"
    );
    let mut unconfirmed = fx.citizens(1).await.remove(0);
    unconfirmed.unconfirmed = true;
    assert!(matches!(
        ask(&fx, &unconfirmed, "Baumkataster").await.unwrap_err(),
        StoreError::Denied(_)
    ));
    // Bad input names its fields, nothing is written.
    let e = fx
        .store
        .catalog()
        .ask_for_data(&fx.tenant, &fx.citizen, "", "kurz", "")
        .await
        .unwrap_err();
    let StoreError::Invalid(fe) = e else { panic!() };
    assert_eq!(fe.get("request_title").unwrap().key, "error-required");
    assert_eq!(fe.get("request_what").unwrap().key, "error-too-short");
    let all = fx
        .store
        .catalog()
        .requests(&fx.tenant, RequestFilter::All)
        .await;
    assert_eq!(all.unwrap().len(), 1);
}

#[tokio::test]
async fn staff_answer_each_kind_and_correct_with_audit_and_notice() {
    let db = TestDb::new().await;
    let fx = Fixture::new(&db.store().await).await;
    let ds = fx
        .store
        .catalog()
        .create(&fx.tenant, &fx.staff, Some(fx.dept), draft("Baumkataster"))
        .await
        .unwrap();
    let a = ask(&fx, &fx.citizen, "Baumkataster").await.unwrap();
    let b = ask(&fx, &fx.citizen, "Parkhausbelegung").await.unwrap();
    let c = ask(&fx, &fx.citizen, "Meldedaten je Haus").await.unwrap();

    // Citizens may not answer.
    let e = fx
        .store
        .catalog()
        .answer_request(
            &fx.tenant,
            &fx.citizen,
            a.id,
            "refused",
            "",
            "",
            "Nein, das geht nicht, leider nicht.",
            None,
        )
        .await
        .unwrap_err();
    assert!(matches!(e, StoreError::Denied(_)), "{e:?}");

    // Published: the dataset must exist in the catalog.
    let text = "Die Daten stehen jetzt im Katalog.";
    let e = answer(&fx, a.id, ("published", "gibt-es-nicht", ""), text).await;
    assert_eq!(
        field_key(e.unwrap_err(), "request_dataset"),
        "catalog-request-error-dataset"
    );
    let pa = answer(&fx, a.id, ("published", &ds.name, ""), text)
        .await
        .unwrap();
    assert_eq!(pa.status, "published");
    assert_eq!(pa.dataset_name.as_deref(), Some(ds.name.as_str()));
    assert!(pa.answered_at.is_some() && pa.answer_corrected_at.is_none());

    // Planned: a date, not in the past.
    let today = fx.store.clock.today();
    let yesterday = (today - time::Duration::days(1)).to_string();
    let e = answer(&fx, b.id, ("planned", "", &yesterday), "Kommt im Herbst.").await;
    assert_eq!(
        field_key(e.unwrap_err(), "request_planned_for"),
        "catalog-request-error-date-past"
    );
    let e = answer(&fx, b.id, ("planned", "", ""), "Kommt im Herbst.").await;
    assert_eq!(
        field_key(e.unwrap_err(), "request_planned_for"),
        "error-required"
    );
    let later = (today + time::Duration::days(60)).to_string();
    let pb = answer(&fx, b.id, ("planned", "", &later), "Kommt im Herbst.")
        .await
        .unwrap();
    assert_eq!(
        (pb.status.as_str(), pb.planned_for.as_deref()),
        ("planned", Some(later.as_str()))
    );

    // Refused: with a reason of at least 30 characters.
    let e = answer(&fx, c.id, ("refused", "", ""), "Datenschutz.").await;
    assert_eq!(
        field_key(e.unwrap_err(), "request_answer"),
        "error-too-short"
    );
    let reason = "Die Daten beziehen sich auf einzelne Personen und sind nicht zu anonymisieren.";
    let pc = answer(&fx, c.id, ("refused", "", ""), reason)
        .await
        .unwrap();
    assert_eq!(pc.status, "refused");
    assert_eq!(pc.answer, reason);

    // A correction: shown as corrected, the earlier answer in the audit.
    let same = answer(&fx, b.id, ("planned", "", &later), "Kommt im Herbst.").await;
    assert_eq!(
        field_key(same.unwrap_err(), "request_answer"),
        "catalog-request-error-unchanged"
    );
    let cb = answer(
        &fx,
        b.id,
        ("published", &ds.name, ""),
        "Schon jetzt veröffentlicht.",
    )
    .await
    .unwrap();
    assert_eq!(cb.status, "published");
    assert_eq!(cb.planned_for, None);
    assert!(cb.answer_corrected_at.is_some());
    assert_eq!(fx.audited("catalog.data_request_answered").await, 3);
    assert_eq!(fx.audited("catalog.data_request_answer_corrected").await, 1);
    let details = teilhabe_testkit::count(
        &fx.store,
        "SELECT COUNT(*) AS n FROM audit_log WHERE action = 'catalog.data_request_answer_corrected' AND details LIKE '%Kommt im Herbst.%'",
    )
    .await;
    assert_eq!(details, 1, "the earlier answer is in the audit entry");
    assert_chain_unbroken(&fx.store, &fx.tenant).await;

    // The author hears of each answer and of the correction.
    let mut k = kinds(&fx, &fx.citizen).await;
    k.sort();
    assert_eq!(
        k,
        vec![
            "data_request_answered",
            "data_request_answered",
            "data_request_answered",
            "data_request_corrected"
        ]
    );
    // Filters of the list.
    let cat = fx.store.catalog();
    let ids = |l: Vec<DataRequest>| l.into_iter().map(|r| r.id).collect::<Vec<_>>();
    assert_eq!(
        ids(cat
            .requests(&fx.tenant, RequestFilter::parse("refused"))
            .await
            .unwrap()),
        vec![c.id]
    );
    assert_eq!(
        ids(cat
            .requests(&fx.tenant, RequestFilter::parse("open"))
            .await
            .unwrap()),
        Vec::<i64>::new()
    );
    assert_eq!(
        cat.requests(&fx.tenant, RequestFilter::parse("answered"))
            .await
            .unwrap()
            .len(),
        3
    );
}

#[tokio::test]
async fn deadlines_overdue_inbox_and_the_computed_indicator() {
    let db = TestDb::new().await;
    let fx = Fixture::new(&db.store().await).await;
    let store = &fx.store;
    store
        .questions()
        .set_objection_deadline_days(&fx.tenant, &fx.admin, 14)
        .await
        .unwrap();
    let share = || async {
        let goals = fx.store.goals();
        let c = Computation::DataRequestsWithinDeadline;
        goals
            .computed_value(&fx.tenant, c, None, fx.store.now())
            .await
            .unwrap()
    };
    assert_eq!(share().await, None, "nothing due, no share");
    let a = ask(&fx, &fx.citizen, "Baumkataster").await.unwrap();
    store.clock.advance_days(1);
    // Staff record one that came by phone, with the name given.
    let offline = Offline {
        channel: Channel::Phone,
        name: "Frau Muster".into(),
    };
    let b = store
        .catalog()
        .record_request(
            &fx.tenant,
            &fx.staff,
            &offline,
            "Parkhausbelegung",
            WHAT,
            "",
        )
        .await
        .unwrap();
    assert_eq!(
        (b.channel.as_str(), b.author_name.as_str(), b.author_id),
        ("phone", "Frau Muster", None)
    );
    let online = Offline {
        channel: Channel::Online,
        name: String::new(),
    };
    let e = store
        .catalog()
        .record_request(&fx.tenant, &fx.staff, &online, "Parkhausbelegung", WHAT, "")
        .await;
    assert_eq!(field_key(e.unwrap_err(), "channel"), "error-invalid-choice");
    let e = store
        .catalog()
        .record_request(
            &fx.tenant,
            &fx.citizen,
            &offline,
            "Parkhausbelegung",
            WHAT,
            "",
        )
        .await;
    assert!(matches!(e.unwrap_err(), StoreError::Denied(_)));

    // The inbox: the one due first first; residents have none.
    let inbox = store
        .catalog()
        .open_requests(&fx.tenant, &fx.staff)
        .await
        .unwrap();
    assert_eq!(
        inbox.iter().map(|r| r.id).collect::<Vec<_>>(),
        vec![a.id, b.id]
    );
    assert!(store
        .catalog()
        .open_requests(&fx.tenant, &fx.citizen)
        .await
        .is_err());

    // a is due on day 14: not overdue then, overdue the moment after.
    store.clock.advance_days(13);
    assert!(
        !store
            .catalog()
            .request(&fx.tenant, a.id)
            .await
            .unwrap()
            .overdue
    );
    assert_eq!(share().await, None);
    store.clock.advance_days(1);
    let a15 = store.catalog().request(&fx.tenant, a.id).await.unwrap();
    assert!(a15.overdue);
    let overdue = store
        .catalog()
        .requests(&fx.tenant, RequestFilter::Overdue)
        .await
        .unwrap();
    assert_eq!(overdue.iter().map(|r| r.id).collect::<Vec<_>>(), vec![a.id]);
    // Due so far: a (overdue); b is due right now, not yet counted.
    assert_eq!(share().await, Some(0.0));
    // b is answered on its last day (in time), a late: 1 of 2 in time.
    answer(
        &fx,
        b.id,
        ("refused", "", ""),
        "Die Belegung wird nicht gespeichert, nur angezeigt.",
    )
    .await
    .unwrap();
    assert_eq!(share().await, Some(50.0));
    let late = answer(
        &fx,
        a.id,
        ("refused", "", ""),
        "Das Kataster ist noch nicht digital vorhanden.",
    )
    .await
    .unwrap();
    assert!(late.answered_late && !late.overdue);
    let b_now = store.catalog().request(&fx.tenant, b.id).await.unwrap();
    assert!(!b_now.answered_late);
    assert_eq!(share().await, Some(50.0));
}
