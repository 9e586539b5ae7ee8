//! Mail with several app instances: claims keep two senders apart, and a
//! digest is queued once even if two instances try at the same moment.
#![allow(clippy::unwrap_used)] // a test or tool stops at its first unexpected error

use teilhabe_testkit::{Fixture, TestDb};

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn claimed_mails_go_to_one_sender_and_come_back_after_the_lease() {
    let db = TestDb::new().await;
    let store = db.store().await;
    let tenant = store.create_tenant("t", "T", &[]).await.unwrap();
    for i in 0..5 {
        store
            .mail()
            .queue(&tenant, &format!("p{i}@t.example"), "Betreff", "Text")
            .await
            .unwrap();
    }
    let mail = store.mail();
    let (a, b) = tokio::join!(mail.claim(3, 60_000), mail.claim(3, 60_000));
    let (a, b) = (a.unwrap(), b.unwrap());
    let mut ids: Vec<i64> = a.iter().chain(&b).map(|m| m.id).collect();
    ids.sort();
    ids.dedup();
    assert_eq!(
        ids.len(),
        a.len() + b.len(),
        "no mail handed to both senders"
    );
    assert_eq!(ids.len(), 5);
    assert!(
        store.mail().claim(10, 60_000).await.unwrap().is_empty(),
        "all claimed"
    );
    store.mail().mark(ids[0], None).await.unwrap();
    store
        .mail()
        .mark(ids[1], Some("551 mailbox unavailable"))
        .await
        .unwrap();
    // A sender that died: after the lease its mails are claimed again, but
    // not the one that was sent.
    store.clock.advance_days(1);
    let again = store.mail().claim(10, 60_000).await.unwrap();
    assert_eq!(again.len(), 4);
    assert!(again.iter().all(|m| m.id != ids[0]));
    assert_eq!(
        again
            .iter()
            .find(|m| m.id == ids[1])
            .unwrap()
            .last_error
            .as_deref(),
        Some("551 mailbox unavailable")
    );
}

#[tokio::test]
async fn a_digest_is_queued_once() {
    let db = TestDb::new().await;
    let store = db.store().await;
    let fx = Fixture::new(&store).await;
    let tenant = fx.tenant.clone();
    let user_id = fx.citizen.user_id.unwrap();
    store
        .accounts()
        .set_preferences(&tenant, user_id, "de", "daily")
        .await
        .unwrap();
    for kind in ["answered", "reply"] {
        store
            .db
            .exec(
                "INSERT INTO notifications (municipality_id, user_id, kind, title, link, created_at) VALUES ($1, $2, $3, 'Titel', '/proposals/1', $4)",
                teilhabe_store::params![tenant.id, user_id, kind, store.now()],
            )
            .await
            .unwrap();
    }
    store.clock.advance_days(2);
    let due = store.mail().due_digests(&tenant).await.unwrap();
    assert_eq!(due.len(), 1);
    let (u, notes) = &due[0];
    assert_eq!(notes.len(), 2);
    // Two instances found the same due digest.
    assert!(store
        .mail()
        .queue_digest(&tenant, u, notes, "Neuigkeiten", "Text")
        .await
        .unwrap());
    assert!(!store
        .mail()
        .queue_digest(&tenant, u, notes, "Neuigkeiten", "Text")
        .await
        .unwrap());
    assert_eq!(store.mail().outbox(&tenant, 10).await.unwrap().len(), 1);
    assert!(store.mail().due_digests(&tenant).await.unwrap().is_empty());
}
