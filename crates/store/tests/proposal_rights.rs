//! The proposal page's rights are decided by the service: `proposals().get`
//! returns what the reader may do (`ProposalDetail::can`), so the page
//! shows buttons and forms without deciding anything itself.
#![allow(clippy::unwrap_used)] // a test or tool stops at its first unexpected error

use teilhabe_domain::process::{Form, ProcessRules};
use teilhabe_domain::proposal::ProposalDraft;
use teilhabe_domain::Actor;
use teilhabe_store::processes::{PhaseInput, ProcessInput};
use teilhabe_testkit::{Fixture, TestDb};

#[tokio::test]
async fn proposal_detail_says_what_the_reader_may_do() {
    let db = TestDb::new().await;
    let store = db.store().await;
    let fx = Fixture::new(&store).await;
    let input = ProcessInput {
        title: "Beteiligung zum Testen".into(),
        slug: "p".into(),
        summary: "Eine Zusammenfassung.".into(),
        department_id: Some(fx.dept),
        status: "published".into(),
        rules: ProcessRules {
            supports_require_verification: true,
            ..ProcessRules::default()
        },
        phases: vec![PhaseInput {
            title: "Offen".into(),
            starts_on: "2026-01-01".into(),
            ends_on: "2026-12-31".into(),
            forms: vec![Form::Proposals, Form::Comments, Form::Supports],
        }],
        active_phase: Some(0),
        ..ProcessInput::default()
    };
    store
        .create_process(&fx.tenant, &fx.admin, &input)
        .await
        .unwrap();
    let draft = ProposalDraft {
        title: "Ein Vorschlag zum Testen".into(),
        body: "Eine ausreichend lange Begründung.".into(),
        ..Default::default()
    };
    let id = store
        .proposals()
        .create(&fx.tenant, &fx.citizen, "p", &draft, None)
        .await
        .unwrap()
        .id;
    let can = |a: Actor| {
        let store = store.clone();
        let tenant = fx.tenant.clone();
        async move { store.proposals().get(&tenant, &a, id).await.unwrap().can }
    };

    let visitor = can(Actor::visitor()).await;
    assert!(!visitor.support && !visitor.comment && !visitor.answer && !visitor.moderate);
    assert_eq!(visitor.support_denied, Some("denied-login-required"));
    assert_eq!(visitor.comment_denied, Some("denied-login-required"));

    // The author: comments and edits, but supporting needs verification.
    let author = can(fx.citizen.clone()).await;
    assert!(author.comment && author.edit && !author.answer && !author.moderate);
    assert!(!author.support);
    assert_eq!(author.support_denied, Some("denied-verification-required"));
    assert_eq!(author.comment_denied, None);

    // Staff of the process's department answer and record; others do not.
    let staff = can(fx.staff.clone()).await;
    assert!(staff.answer && staff.record && !staff.edit);
    let other = can(fx.other_staff.clone()).await;
    assert!(!other.answer);

    let moderator = can(fx.moderator.clone()).await;
    assert!(moderator.moderate && !moderator.answer);
}
