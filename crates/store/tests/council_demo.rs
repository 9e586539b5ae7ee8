//! The demo's data council: finished reviews with the administration's
//! answer (a high-risk one among them), a recommendation awaiting its
//! answer, and a pilot whose review is open with a discussion in progress.
#![allow(clippy::unwrap_used)] // a test or tool stops at its first unexpected error

use teilhabe_domain::Actor;
use teilhabe_testkit::TestDb;

#[tokio::test]
async fn the_demo_council_has_finished_and_open_reviews() {
    let db = TestDb::new().await;
    let store = db.store().await;
    let tenant = teilhabe_store::demo::load(&store)
        .await
        .expect("demo loads");
    let chair = store
        .accounts()
        .user_by_email(&tenant, "beirat@musterstadt.example")
        .await
        .unwrap()
        .unwrap();
    let chair = store.actor_of(&chair).await.unwrap();
    let open = store.council().open_reviews(&tenant, &chair).await.unwrap();
    let closed = store
        .council()
        .closed_reviews(&tenant, &chair)
        .await
        .unwrap();
    assert!(closed.len() >= 6, "{} closed", closed.len());
    assert!(open.len() >= 2, "{} open", open.len());
    // The high-risk benefits score: closed, with votes of several members,
    // a recommendation and the administration's answer.
    let risk = store
        .register()
        .entry(&tenant, "risikobewertung-bei-sozialleistungen")
        .await
        .unwrap();
    assert_eq!(risk.risk_category, "high risk");
    let reviews = store
        .council()
        .entry_reviews(&tenant, risk.id)
        .await
        .unwrap();
    let first = reviews.iter().find(|r| r.version == 1).unwrap();
    assert_eq!(first.outcome.as_deref(), Some("approve_with_conditions"));
    assert_eq!(
        first.approve + first.approve_with_conditions + first.reject + first.abstain,
        4
    );
    assert_eq!(first.response.as_deref(), Some("partly_followed"));
    assert!(first
        .recommendation
        .as_deref()
        .unwrap()
        .contains("zwei Sachbearbeitenden"));
    // One recommendation waits for its answer.
    assert!(closed.iter().any(|r| r.response.is_none()));
    // The adaptive traffic lights (pilot): open, with discussion and votes.
    let lights = open
        .iter()
        .find(|r| r.entry_slug == "adaptive-ampelsteuerung-ringstrasse")
        .expect("open review of the traffic lights");
    assert!(lights.required);
    let d = store
        .council()
        .review(&tenant, &chair, lights.id)
        .await
        .unwrap();
    assert!(d.comments.len() >= 3);
    assert_eq!(d.votes.len(), 2);
    // The discussion is not public.
    assert!(store
        .council()
        .review(&tenant, &Actor::visitor(), lights.id)
        .await
        .is_err());
    // The chatbot went operational after its review closed: no override.
    let bot = store
        .register()
        .entry(&tenant, "chatbot-frag-musterstadt")
        .await
        .unwrap();
    assert_eq!(bot.status, "operational");
    assert!(
        !open.iter().any(|r| r.entry_id == bot.id),
        "its reviews are done"
    );
    assert!(store
        .council()
        .overrides(&tenant, bot.id)
        .await
        .unwrap()
        .is_empty());
    assert!(store
        .audit()
        .verify(&tenant)
        .await
        .unwrap()
        .first_break
        .is_none());
}
