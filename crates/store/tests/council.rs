//! The data council in the store: reviews open automatically in the same
//! transaction as a save (risk, status, material field) and join an open
//! one; staff request reviews by hand; the discussion is internal; one
//! vote per member, changeable while open; closing applies quorum and
//! majority; the administration answers once; an entry cannot become
//! operational during a required review unless an admin overrides it in
//! public; everything is in the audit trail. Runs on SQLite, or
//! PostgreSQL via the testkit.
#![allow(clippy::unwrap_used)] // a test or tool stops at its first unexpected error

use teilhabe_domain::register::RegisterEntry;
use teilhabe_domain::{Actor, Denied, Role};
use teilhabe_register::sample::sample_entries;
use teilhabe_store::{Store, StoreError};
use teilhabe_testkit::{Fixture, TestDb};

/// The shared fixture and four council members.
struct Setup {
    fx: Fixture,
    members: Vec<Actor>,
}

impl std::ops::Deref for Setup {
    type Target = Fixture;
    fn deref(&self) -> &Fixture {
        &self.fx
    }
}

async fn setup(store: &Store) -> Setup {
    let fx = Fixture::new(store).await;
    let mut members = Vec::new();
    for i in 1..=4 {
        members.push(
            fx.actor(&format!("m{i}@t.example"), &[(Role::Council, None)])
                .await,
        );
    }
    Setup { fx, members }
}

fn sample(name: &str) -> RegisterEntry {
    sample_entries()
        .into_iter()
        .find(|e| e.get("name").contains(name))
        .unwrap()
}

async fn n(store: &Store, sql: &str) -> i64 {
    store.db.one(sql, &[]).await.unwrap().i64("n").unwrap()
}

fn field_keys(e: StoreError) -> Vec<(&'static str, &'static str)> {
    match e {
        StoreError::Invalid(fe) => fe.0.iter().map(|e| (e.field, e.key)).collect(),
        other => panic!("expected field errors, got {other:?}"),
    }
}

#[tokio::test]
async fn reviews_open_automatically_and_join_the_open_one() {
    let db = TestDb::new().await;
    let store = db.store().await;
    let fx = setup(&store).await;
    // Minimal risk, in development: no review.
    let minimal = sample("Baumgesundheit");
    let e = store
        .register()
        .create_entry(&fx.tenant, &fx.staff, Some(fx.dept), minimal.clone(), "")
        .await
        .unwrap();
    assert!(store
        .council()
        .entry_reviews(&fx.tenant, e.id)
        .await
        .unwrap()
        .is_empty());
    // Moving to pilot asks for a review (status changed).
    store
        .register()
        .save_version(
            &fx.tenant,
            &fx.staff,
            &e.slug,
            1,
            minimal.clone().with("status", "pilot"),
            "Testbetrieb",
        )
        .await
        .unwrap();
    let reviews = store
        .council()
        .entry_reviews(&fx.tenant, e.id)
        .await
        .unwrap();
    assert_eq!(reviews.len(), 1);
    let r = &reviews[0];
    assert!(r.is_open() && r.required);
    assert_eq!(r.version, 2);
    assert_eq!(r.reasons.len(), 1);
    assert_eq!(
        (r.reasons[0].kind.as_str(), r.reasons[0].detail.as_str()),
        ("status_changed", "pilot")
    );
    // A material field changed (default: source_data): joins the open review.
    store
        .register()
        .save_version(
            &fx.tenant,
            &fx.staff,
            &e.slug,
            2,
            minimal
                .clone()
                .with("status", "pilot")
                .with("source_data", "Luftbilder und Baumkataster"),
            "Datenquelle ergänzt",
        )
        .await
        .unwrap();
    let reviews = store
        .council()
        .entry_reviews(&fx.tenant, e.id)
        .await
        .unwrap();
    assert_eq!(reviews.len(), 1, "no second open review");
    let kinds: Vec<(&str, &str, i64)> = reviews[0]
        .reasons
        .iter()
        .map(|x| (x.kind.as_str(), x.detail.as_str(), x.version))
        .collect();
    assert_eq!(
        kinds,
        vec![
            ("status_changed", "pilot", 2),
            ("material_field_changed", "source_data", 3)
        ]
    );
    // A limited-risk entry is reviewed from its creation; council members
    // are notified.
    let limited = store
        .register()
        .create_entry(
            &fx.tenant,
            &fx.staff,
            Some(fx.dept),
            sample("Hitzewarnung"),
            "",
        )
        .await
        .unwrap();
    let r = &store
        .council()
        .entry_reviews(&fx.tenant, limited.id)
        .await
        .unwrap()[0];
    assert_eq!(r.reasons[0].kind, "created_with_risk");
    assert_eq!(r.reasons[0].detail, "limited risk");
    assert_eq!(
        n(
            &store,
            "SELECT COUNT(*) AS n FROM notifications WHERE kind = 'council_review_requested'"
        )
        .await,
        8,
        "4 members × 2 opened reviews"
    );
    assert_eq!(
        n(
            &store,
            "SELECT COUNT(*) AS n FROM audit_log WHERE action = 'council.review_opened'"
        )
        .await,
        2
    );
    assert_eq!(
        n(
            &store,
            "SELECT COUNT(*) AS n FROM audit_log WHERE action = 'council.review_reasons_added'"
        )
        .await,
        1
    );
    // Changed material fields follow the council's settings.
    let rules = store
        .council()
        .update_rules(&fx.tenant, &fx.admin, "2", "two_thirds", &["goal".into()])
        .await
        .unwrap();
    assert_eq!(rules.material(), vec!["goal"]);
    assert_eq!(store.council().rules(&fx.tenant).await.unwrap(), rules);
}

#[tokio::test]
async fn staff_request_a_review_by_hand() {
    let db = TestDb::new().await;
    let store = db.store().await;
    let fx = setup(&store).await;
    let e = store
        .register()
        .create_entry(
            &fx.tenant,
            &fx.staff,
            Some(fx.dept),
            sample("Baumgesundheit"),
            "",
        )
        .await
        .unwrap();
    // A reason is required; other departments and citizens may not ask.
    let err = store
        .council()
        .request_review(&fx.tenant, &fx.staff, &e.slug, "  ")
        .await
        .unwrap_err();
    assert_eq!(field_keys(err), vec![("reason", "error-required")]);
    for a in [&fx.other_staff, &fx.citizen, &fx.members[0]] {
        assert!(matches!(
            store
                .council()
                .request_review(&fx.tenant, a, &e.slug, "Bitte prüfen")
                .await,
            Err(StoreError::Denied(Denied::Forbidden))
        ));
    }
    let id = store
        .council()
        .request_review(&fx.tenant, &fx.staff, &e.slug, "Neue Datenquelle geplant")
        .await
        .unwrap();
    let open = store
        .council()
        .open_reviews(&fx.tenant, &fx.members[0])
        .await
        .unwrap();
    assert_eq!(open.len(), 1);
    assert_eq!(open[0].id, id);
    assert!(!open[0].required, "a request by hand does not block");
    assert_eq!(open[0].reasons[0].kind, "manual");
    assert_eq!(open[0].reasons[0].detail, "Neue Datenquelle geplant");
    // Not required: the entry may become operational.
    store
        .register()
        .save_version(
            &fx.tenant,
            &fx.staff,
            &e.slug,
            1,
            sample("Baumgesundheit").with("status", "operational"),
            "In Betrieb",
        )
        .await
        .unwrap();
    // ... which is a rule's reason: the same review is now required.
    let open = store
        .council()
        .open_reviews(&fx.tenant, &fx.members[0])
        .await
        .unwrap();
    assert_eq!(open.len(), 1);
    assert!(open[0].required);
}

#[tokio::test]
async fn discussion_is_internal_and_each_member_has_one_changeable_vote() {
    let db = TestDb::new().await;
    let store = db.store().await;
    let fx = setup(&store).await;
    let e = store
        .register()
        .create_entry(
            &fx.tenant,
            &fx.staff,
            Some(fx.dept),
            sample("Hitzewarnung"),
            "",
        )
        .await
        .unwrap();
    let id = store
        .council()
        .entry_reviews(&fx.tenant, e.id)
        .await
        .unwrap()[0]
        .id;
    // Citizens and visitors learn nothing.
    assert!(matches!(
        store.council().review(&fx.tenant, &fx.citizen, id).await,
        Err(StoreError::NotFound)
    ));
    assert!(matches!(
        store
            .council()
            .review(&fx.tenant, &Actor::visitor(), id)
            .await,
        Err(StoreError::Denied(Denied::LoginRequired))
    ));
    assert!(matches!(
        store
            .council()
            .add_comment(&fx.tenant, &fx.citizen, id, "Hallo")
            .await,
        Err(StoreError::NotFound)
    ));
    assert!(matches!(
        store.council().open_reviews(&fx.tenant, &fx.citizen).await,
        Err(StoreError::Denied(Denied::Forbidden))
    ));
    assert!(matches!(
        store.council().published_review(&fx.tenant, id).await,
        Err(StoreError::NotFound)
    ));
    // Members and the department's staff discuss; other staff only read.
    store
        .council()
        .add_comment(&fx.tenant, &fx.members[0], id, "Welche Daten?")
        .await
        .unwrap();
    store
        .council()
        .add_comment(&fx.tenant, &fx.staff, id, "Nur Wetterdaten.")
        .await
        .unwrap();
    assert!(matches!(
        store
            .council()
            .add_comment(&fx.tenant, &fx.other_staff, id, "Auch ich")
            .await,
        Err(StoreError::Denied(Denied::Forbidden))
    ));
    let err = store
        .council()
        .add_comment(&fx.tenant, &fx.members[0], id, "")
        .await
        .unwrap_err();
    assert_eq!(field_keys(err), vec![("body", "error-required")]);
    let d = store
        .council()
        .review(&fx.tenant, &fx.other_staff, id)
        .await
        .unwrap();
    assert_eq!(d.comments.len(), 2);
    assert!(d.comments[0].by_member && !d.comments[1].by_member);
    // Votes: only members; conditions required for a conditional vote.
    assert!(matches!(
        store
            .council()
            .cast_vote(&fx.tenant, &fx.admin, id, "approve", "")
            .await,
        Err(StoreError::Denied(Denied::Forbidden))
    ));
    let err = store
        .council()
        .cast_vote(
            &fx.tenant,
            &fx.members[0],
            id,
            "approve_with_conditions",
            " ",
        )
        .await
        .unwrap_err();
    assert_eq!(field_keys(err), vec![("conditions", "error-required")]);
    let err = store
        .council()
        .cast_vote(&fx.tenant, &fx.members[0], id, "yes", "")
        .await
        .unwrap_err();
    assert_eq!(field_keys(err), vec![("vote", "error-invalid-choice")]);
    store
        .council()
        .cast_vote(&fx.tenant, &fx.members[0], id, "reject", "")
        .await
        .unwrap();
    store
        .council()
        .cast_vote(
            &fx.tenant,
            &fx.members[0],
            id,
            "approve_with_conditions",
            "Nur mit Opt-in",
        )
        .await
        .unwrap();
    let d = store
        .council()
        .review(&fx.tenant, &fx.members[1], id)
        .await
        .unwrap();
    assert_eq!(d.votes.len(), 1, "one vote per member");
    assert_eq!(d.votes[0].vote, "approve_with_conditions");
    assert_eq!(d.votes[0].conditions, "Nur mit Opt-in");
    assert_eq!(d.tally.approve_with_conditions, 1);
    assert_eq!(d.would_be, "no_decision_quorum");
    assert_eq!(
        n(
            &store,
            "SELECT COUNT(*) AS n FROM audit_log WHERE action = 'council.vote_changed'"
        )
        .await,
        1
    );
    // The comment text is not in the public log, only that one was written.
    assert_eq!(
        n(&store, "SELECT COUNT(*) AS n FROM audit_log WHERE action = 'council.comment_added' AND details NOT LIKE '%Wetterdaten%'").await,
        2
    );
}

#[tokio::test]
async fn closing_applies_quorum_and_majority_and_publishes() {
    let db = TestDb::new().await;
    let store = db.store().await;
    let fx = setup(&store).await;
    let e = store
        .register()
        .create_entry(
            &fx.tenant,
            &fx.staff,
            Some(fx.dept),
            sample("Hitzewarnung"),
            "",
        )
        .await
        .unwrap();
    // A citizen follows the entry.
    store
        .db
        .exec(
            "INSERT INTO follows (municipality_id, user_id, target_kind, target_id, created_at) VALUES ($1, $2, 'register_entry', $3, 0)",
            teilhabe_store::params![fx.tenant.id, fx.citizen.user_id, e.id],
        )
        .await
        .unwrap();
    let id = store
        .council()
        .entry_reviews(&fx.tenant, e.id)
        .await
        .unwrap()[0]
        .id;
    let m = &fx.members;
    // Recommendation required; staff may not close.
    let err = store
        .council()
        .close_review(&fx.tenant, &m[0], id, "")
        .await
        .unwrap_err();
    assert_eq!(field_keys(err), vec![("recommendation", "error-required")]);
    assert!(matches!(
        store
            .council()
            .close_review(&fx.tenant, &fx.staff, id, "Empfehlung")
            .await,
        Err(StoreError::Denied(Denied::Forbidden))
    ));
    // An answer before the review is closed is refused.
    assert!(matches!(
        store
            .council()
            .answer_recommendation(&fx.tenant, &fx.staff, id, "followed", "ok")
            .await,
        Err(StoreError::Conflict("error-council-review-not-closed"))
    ));
    for (i, v, c) in [
        (0, "approve", ""),
        (1, "approve_with_conditions", "Opt-in"),
        (2, "approve_with_conditions", "Löschfrist"),
        (3, "reject", ""),
    ] {
        store
            .council()
            .cast_vote(&fx.tenant, &m[i], id, v, c)
            .await
            .unwrap();
    }
    let outcome = store
        .council()
        .close_review(
            &fx.tenant,
            &m[0],
            id,
            "Zustimmung mit Opt-in und Löschfrist.",
        )
        .await
        .unwrap();
    assert_eq!(outcome.as_str(), "approve_with_conditions");
    let r = store
        .council()
        .published_review(&fx.tenant, id)
        .await
        .unwrap();
    assert_eq!(r.status, "closed");
    assert_eq!(
        (r.approve, r.approve_with_conditions, r.reject, r.abstain),
        (1, 2, 1, 0)
    );
    assert_eq!((r.quorum, r.majority.as_deref()), (Some(3), Some("simple")));
    assert_eq!(
        r.recommendation.as_deref(),
        Some("Zustimmung mit Opt-in und Löschfrist.")
    );
    // Closed: no more votes, comments or closing.
    assert!(matches!(
        store
            .council()
            .cast_vote(&fx.tenant, &m[3], id, "approve", "")
            .await,
        Err(StoreError::Conflict("error-council-review-closed"))
    ));
    assert!(matches!(
        store
            .council()
            .close_review(&fx.tenant, &m[0], id, "x")
            .await,
        Err(StoreError::Conflict("error-council-review-closed"))
    ));
    // The follower was told.
    assert_eq!(
        n(
            &store,
            "SELECT COUNT(*) AS n FROM notifications WHERE kind = 'council_recommendation'"
        )
        .await,
        1
    );
    // The department answers once, with reasons.
    let err = store
        .council()
        .answer_recommendation(&fx.tenant, &fx.staff, id, "maybe", "")
        .await
        .unwrap_err();
    assert_eq!(
        field_keys(err),
        vec![
            ("response", "error-invalid-choice"),
            ("response_text", "error-required")
        ]
    );
    assert!(matches!(
        store
            .council()
            .answer_recommendation(&fx.tenant, &fx.other_staff, id, "followed", "ok")
            .await,
        Err(StoreError::Denied(Denied::Forbidden))
    ));
    store
        .council()
        .answer_recommendation(
            &fx.tenant,
            &fx.staff,
            id,
            "partly_followed",
            "Opt-in ja, Löschfrist später.",
        )
        .await
        .unwrap();
    assert!(matches!(
        store
            .council()
            .answer_recommendation(&fx.tenant, &fx.admin, id, "followed", "ok")
            .await,
        Err(StoreError::Conflict("error-council-already-answered"))
    ));
    let r = store
        .council()
        .published_review(&fx.tenant, id)
        .await
        .unwrap();
    assert_eq!(r.response.as_deref(), Some("partly_followed"));
    assert_eq!(
        n(
            &store,
            "SELECT COUNT(*) AS n FROM notifications WHERE kind = 'council_answer'"
        )
        .await,
        1
    );
    for action in ["council.review_closed", "council.recommendation_answered"] {
        assert_eq!(
            n(
                &store,
                &format!("SELECT COUNT(*) AS n FROM audit_log WHERE action = '{action}'")
            )
            .await,
            1,
            "{action}"
        );
    }
    assert!(store
        .audit()
        .verify(&fx.tenant)
        .await
        .unwrap()
        .first_break
        .is_none());
}

#[tokio::test]
async fn quorum_missed_or_tie_is_no_decision() {
    let db = TestDb::new().await;
    let store = db.store().await;
    let fx = setup(&store).await;
    let m = &fx.members;
    let mk = |name: &'static str| {
        let store = store.clone();
        let fx_t = fx.tenant.clone();
        let staff = fx.staff.clone();
        let dept = fx.dept;
        async move {
            let e = store
                .register()
                .create_entry(&fx_t, &staff, Some(dept), sample(name), "")
                .await
                .unwrap();
            store.council().entry_reviews(&fx_t, e.id).await.unwrap()[0].id
        }
    };
    let a = mk("Hitzewarnung").await;
    store
        .council()
        .cast_vote(&fx.tenant, &m[0], a, "approve", "")
        .await
        .unwrap();
    store
        .council()
        .cast_vote(&fx.tenant, &m[1], a, "approve", "")
        .await
        .unwrap();
    let o = store
        .council()
        .close_review(&fx.tenant, &m[0], a, "Zu wenige Stimmen.")
        .await
        .unwrap();
    assert_eq!(o.as_str(), "no_decision_quorum");
    let b = mk("Übersetzungshilfe").await;
    for (i, v) in [(0, "approve"), (1, "reject"), (2, "abstain")] {
        store
            .council()
            .cast_vote(&fx.tenant, &m[i], b, v, "")
            .await
            .unwrap();
    }
    let o = store
        .council()
        .close_review(&fx.tenant, &m[2], b, "Patt.")
        .await
        .unwrap();
    assert_eq!(o.as_str(), "no_decision_majority");
}

#[tokio::test]
async fn operational_is_blocked_during_a_required_review_unless_an_admin_overrides() {
    let db = TestDb::new().await;
    let store = db.store().await;
    let fx = setup(&store).await;
    let pilot = sample("Hitzewarnung").with("status", "pilot");
    let e = store
        .register()
        .create_entry(&fx.tenant, &fx.staff, Some(fx.dept), pilot.clone(), "")
        .await
        .unwrap();
    let review = store
        .council()
        .entry_reviews(&fx.tenant, e.id)
        .await
        .unwrap()[0]
        .id;
    let operational = pilot.clone().with("status", "operational");
    let err = store
        .register()
        .save_version(
            &fx.tenant,
            &fx.staff,
            &e.slug,
            1,
            operational.clone(),
            "Regelbetrieb",
        )
        .await
        .unwrap_err();
    assert_eq!(
        field_keys(err),
        vec![("status", "error-council-review-open")]
    );
    // Staff cannot override.
    assert!(matches!(
        store
            .register()
            .save_version_with_override(
                &fx.tenant,
                &fx.staff,
                &e.slug,
                1,
                operational.clone(),
                "Regelbetrieb",
                Some("Eilt")
            )
            .await,
        Err(StoreError::Denied(Denied::Forbidden))
    ));
    assert_eq!(
        store
            .register()
            .entry(&fx.tenant, &e.slug)
            .await
            .unwrap()
            .current_version,
        1
    );
    // Other edits stay possible.
    store
        .register()
        .save_version(
            &fx.tenant,
            &fx.staff,
            &e.slug,
            1,
            pilot.clone().with("goal", "Hitzetote vermeiden."),
            "Ziel geschärft",
        )
        .await
        .unwrap();
    // An admin overrides with a public justification.
    let v = store
        .register()
        .save_version_with_override(
            &fx.tenant,
            &fx.admin,
            &e.slug,
            2,
            operational.clone().with("goal", "Hitzetote vermeiden."),
            "Regelbetrieb",
            Some("Hitzewelle angekündigt; der Beirat tagt erst in drei Wochen."),
        )
        .await
        .unwrap();
    assert_eq!(v, 3);
    let o = store.council().overrides(&fx.tenant, e.id).await.unwrap();
    assert_eq!(o.len(), 1);
    assert_eq!(o[0].review_id, review);
    assert_eq!(o[0].version, 3);
    assert!(o[0].admin.starts_with("p-"));
    assert_eq!(
        n(&store, "SELECT COUNT(*) AS n FROM audit_log WHERE action = 'council.operational_override' AND details LIKE '%Hitzewelle%'").await,
        1
    );
    // The review stays open (the council still reviews) and gains the reason.
    let r = &store
        .council()
        .entry_reviews(&fx.tenant, e.id)
        .await
        .unwrap()[0];
    assert!(r.is_open());
    assert!(r.reasons.iter().any(|x| x.detail == "operational"));
    // Once closed, no override is needed.
    let other = store
        .register()
        .create_entry(
            &fx.tenant,
            &fx.staff,
            Some(fx.dept),
            sample("Übersetzungshilfe").with("status", "pilot"),
            "",
        )
        .await
        .unwrap();
    let rid = store
        .council()
        .entry_reviews(&fx.tenant, other.id)
        .await
        .unwrap()[0]
        .id;
    store
        .council()
        .close_review(&fx.tenant, &fx.members[0], rid, "Keine Einwände.")
        .await
        .unwrap();
    store
        .register()
        .save_version(
            &fx.tenant,
            &fx.staff,
            &other.slug,
            1,
            sample("Übersetzungshilfe").with("status", "operational"),
            "Regelbetrieb",
        )
        .await
        .unwrap();
    assert!(store
        .council()
        .overrides(&fx.tenant, other.id)
        .await
        .unwrap()
        .is_empty());
}

#[tokio::test]
async fn settings_are_admin_only_and_checked() {
    let db = TestDb::new().await;
    let store = db.store().await;
    let fx = setup(&store).await;
    assert!(matches!(
        store
            .council()
            .update_rules(&fx.tenant, &fx.members[0], "3", "simple", &[])
            .await,
        Err(StoreError::Denied(Denied::Forbidden))
    ));
    let err = store
        .council()
        .update_rules(&fx.tenant, &fx.admin, "0", "most", &["nope".into()])
        .await
        .unwrap_err();
    assert_eq!(
        field_keys(err),
        vec![
            ("quorum", "error-council-quorum"),
            ("majority", "error-invalid-choice"),
            ("material_fields", "error-council-unknown-field")
        ]
    );
    // Nothing was written: the defaults still hold.
    assert_eq!(
        store.council().rules(&fx.tenant).await.unwrap(),
        teilhabe_domain::council::CouncilRules::default()
    );
    assert_eq!(
        n(
            &store,
            "SELECT COUNT(*) AS n FROM audit_log WHERE action = 'council.settings_updated'"
        )
        .await,
        0
    );
}
