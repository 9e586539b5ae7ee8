//! The data council in the store: reviews open automatically in the same
//! transaction as a save (risk, status, material field) and join an open
//! one; staff request reviews by hand; the discussion is internal; one
//! vote per member, changeable while open; closing applies quorum and
//! majority; the administration answers once; an entry cannot become
//! operational during a required review unless an admin overrides it in
//! public; everything is in the audit trail. Runs on SQLite, or
//! PostgreSQL via the testkit.
#![allow(clippy::unwrap_used)] // a test or tool stops at its first unexpected error

use teilhabe_domain::council::Outcome;
use teilhabe_domain::{Actor, Denied, Role};
use teilhabe_store::council::CouncilReview;
use teilhabe_store::register::RegisterSummary;
use teilhabe_store::StoreError;
use teilhabe_testkit::{assert_chain_unbroken, count, sample, Fixture, TestDb};

/// The shared fixture and four council members, with the council's use
/// cases as these tests call them.
struct Setup {
    fx: Fixture,
    members: Vec<Actor>,
    _db: TestDb,
}

teilhabe_testkit::deref_to_fixture!(Setup);

async fn setup() -> Setup {
    let db = TestDb::new().await;
    let fx = Fixture::new(&db.store().await).await;
    let mut members = Vec::new();
    for i in 1..=4 {
        members.push(
            fx.actor(&format!("m{i}@t.example"), &[(Role::Council, None)])
                .await,
        );
    }
    Setup {
        fx,
        members,
        _db: db,
    }
}

type Res<T> = Result<T, StoreError>;

impl Setup {
    /// An entry of the department made from the sample entry `name`.
    async fn sample_entry(&self, name: &str) -> RegisterSummary {
        self.entry(sample(name)).await
    }

    async fn reviews(&self, entry_id: i64) -> Vec<CouncilReview> {
        let c = self.store.council();
        c.entry_reviews(&self.tenant, entry_id).await.unwrap()
    }

    /// The id of the entry's first review.
    async fn review_id(&self, entry_id: i64) -> i64 {
        self.reviews(entry_id).await[0].id
    }

    async fn comment(&self, who: &Actor, id: i64, body: &str) -> Res<i64> {
        let c = self.store.council();
        c.add_comment(&self.tenant, who, id, body).await
    }

    async fn vote(&self, who: &Actor, id: i64, vote: &str, conditions: &str) -> Res<()> {
        let c = self.store.council();
        c.cast_vote(&self.tenant, who, id, vote, conditions).await
    }

    async fn close(&self, who: &Actor, id: i64, recommendation: &str) -> Res<Outcome> {
        let c = self.store.council();
        c.close_review(&self.tenant, who, id, recommendation).await
    }

    async fn respond(&self, who: &Actor, id: i64, response: &str, text: &str) -> Res<()> {
        let c = self.store.council();
        c.answer_recommendation(&self.tenant, who, id, response, text)
            .await
    }

    async fn notified(&self, kind: &str) -> i64 {
        let sql = format!("SELECT COUNT(*) AS n FROM notifications WHERE kind = '{kind}'");
        count(&self.store, &sql).await
    }
}

fn field_keys(e: StoreError) -> Vec<(&'static str, &'static str)> {
    match e {
        StoreError::Invalid(fe) => fe.0.iter().map(|e| (e.field, e.key)).collect(),
        other => panic!("expected field errors, got {other:?}"),
    }
}

#[tokio::test]
async fn reviews_open_automatically_and_join_the_open_one() {
    let fx = setup().await;
    let store = &fx.store;
    // Minimal risk, in development: no review.
    let minimal = sample("Baumgesundheit");
    let e = fx.entry(minimal.clone()).await;
    assert!(fx.reviews(e.id).await.is_empty());
    // Moving to pilot asks for a review (status changed).
    let pilot = minimal.clone().with("status", "pilot");
    fx.save_entry(&fx.staff, &e.slug, 1, pilot, "Testbetrieb")
        .await
        .unwrap();
    let reviews = fx.reviews(e.id).await;
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
    let sourced = minimal
        .clone()
        .with("status", "pilot")
        .with("source_data", "Luftbilder und Baumkataster");
    fx.save_entry(&fx.staff, &e.slug, 2, sourced, "Datenquelle ergänzt")
        .await
        .unwrap();
    let reviews = fx.reviews(e.id).await;
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
    let limited = fx.sample_entry("Hitzewarnung").await;
    let r = &fx.reviews(limited.id).await[0];
    assert_eq!(r.reasons[0].kind, "created_with_risk");
    assert_eq!(r.reasons[0].detail, "limited risk");
    assert_eq!(
        fx.notified("council_review_requested").await,
        8,
        "4 members × 2 opened reviews"
    );
    assert_eq!(fx.audited("council.review_opened").await, 2);
    assert_eq!(fx.audited("council.review_reasons_added").await, 1);
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
    let fx = setup().await;
    let council = fx.store.council();
    let e = fx.sample_entry("Baumgesundheit").await;
    // A reason is required; other departments and citizens may not ask.
    let err = council
        .request_review(&fx.tenant, &fx.staff, &e.slug, "  ")
        .await
        .unwrap_err();
    assert_eq!(field_keys(err), vec![("reason", "error-required")]);
    for a in [&fx.other_staff, &fx.citizen, &fx.members[0]] {
        assert!(matches!(
            council
                .request_review(&fx.tenant, a, &e.slug, "Bitte prüfen")
                .await,
            Err(StoreError::Denied(Denied::Forbidden))
        ));
    }
    let id = council
        .request_review(&fx.tenant, &fx.staff, &e.slug, "Neue Datenquelle geplant")
        .await
        .unwrap();
    let open_reviews = || council.open_reviews(&fx.tenant, &fx.members[0]);
    let open = open_reviews().await.unwrap();
    assert_eq!(open.len(), 1);
    assert_eq!(open[0].id, id);
    assert!(!open[0].required, "a request by hand does not block");
    assert_eq!(open[0].reasons[0].kind, "manual");
    assert_eq!(open[0].reasons[0].detail, "Neue Datenquelle geplant");
    // Not required: the entry may become operational.
    let operational = sample("Baumgesundheit").with("status", "operational");
    fx.save_entry(&fx.staff, &e.slug, 1, operational, "In Betrieb")
        .await
        .unwrap();
    // ... which is a rule's reason: the same review is now required.
    let open = open_reviews().await.unwrap();
    assert_eq!(open.len(), 1);
    assert!(open[0].required);
}

#[tokio::test]
async fn discussion_is_internal_and_each_member_has_one_changeable_vote() {
    let fx = setup().await;
    let council = fx.store.council();
    let e = fx.sample_entry("Hitzewarnung").await;
    let id = fx.review_id(e.id).await;
    // Citizens and visitors learn nothing.
    assert!(matches!(
        council.review(&fx.tenant, &fx.citizen, id).await,
        Err(StoreError::NotFound)
    ));
    assert!(matches!(
        council.review(&fx.tenant, &Actor::visitor(), id).await,
        Err(StoreError::Denied(Denied::LoginRequired))
    ));
    assert!(matches!(
        fx.comment(&fx.citizen, id, "Hallo").await,
        Err(StoreError::NotFound)
    ));
    assert!(matches!(
        council.open_reviews(&fx.tenant, &fx.citizen).await,
        Err(StoreError::Denied(Denied::Forbidden))
    ));
    assert!(matches!(
        council.published_review(&fx.tenant, id).await,
        Err(StoreError::NotFound)
    ));
    // Members and the department's staff discuss; other staff only read.
    fx.comment(&fx.members[0], id, "Welche Daten?")
        .await
        .unwrap();
    fx.comment(&fx.staff, id, "Nur Wetterdaten.").await.unwrap();
    assert!(matches!(
        fx.comment(&fx.other_staff, id, "Auch ich").await,
        Err(StoreError::Denied(Denied::Forbidden))
    ));
    let err = fx.comment(&fx.members[0], id, "").await.unwrap_err();
    assert_eq!(field_keys(err), vec![("body", "error-required")]);
    let d = council.review(&fx.tenant, &fx.other_staff, id).await;
    let d = d.unwrap();
    assert_eq!(d.comments.len(), 2);
    assert!(d.comments[0].by_member && !d.comments[1].by_member);
    // Votes: only members; conditions required for a conditional vote.
    assert!(matches!(
        fx.vote(&fx.admin, id, "approve", "").await,
        Err(StoreError::Denied(Denied::Forbidden))
    ));
    let m = &fx.members;
    let err = fx
        .vote(&m[0], id, "approve_with_conditions", " ")
        .await
        .unwrap_err();
    assert_eq!(field_keys(err), vec![("conditions", "error-required")]);
    let err = fx.vote(&m[0], id, "yes", "").await.unwrap_err();
    assert_eq!(field_keys(err), vec![("vote", "error-invalid-choice")]);
    fx.vote(&m[0], id, "reject", "").await.unwrap();
    fx.vote(&m[0], id, "approve_with_conditions", "Nur mit Opt-in")
        .await
        .unwrap();
    let d = council.review(&fx.tenant, &m[1], id).await.unwrap();
    assert_eq!(d.votes.len(), 1, "one vote per member");
    assert_eq!(d.votes[0].vote, "approve_with_conditions");
    assert_eq!(d.votes[0].conditions, "Nur mit Opt-in");
    assert_eq!(d.tally.approve_with_conditions, 1);
    assert_eq!(d.would_be, "no_decision_quorum");
    assert_eq!(fx.audited("council.vote_changed").await, 1);
    // The comment text is not in the public log, only that one was written.
    assert_eq!(
        count(&fx.store, "SELECT COUNT(*) AS n FROM audit_log WHERE action = 'council.comment_added' AND details NOT LIKE '%Wetterdaten%'").await,
        2
    );
}

#[tokio::test]
async fn closing_applies_quorum_and_majority_and_publishes() {
    let fx = setup().await;
    let store = &fx.store;
    let e = fx.sample_entry("Hitzewarnung").await;
    // A citizen follows the entry.
    store
        .db
        .exec(
            "INSERT INTO follows (municipality_id, user_id, target_kind, target_id, created_at) VALUES ($1, $2, 'register_entry', $3, 0)",
            teilhabe_store::params![fx.tenant.id, fx.citizen.user_id, e.id],
        )
        .await
        .unwrap();
    let id = fx.review_id(e.id).await;
    let m = &fx.members;
    // Recommendation required; staff may not close.
    let err = fx.close(&m[0], id, "").await.unwrap_err();
    assert_eq!(field_keys(err), vec![("recommendation", "error-required")]);
    assert!(matches!(
        fx.close(&fx.staff, id, "Empfehlung").await,
        Err(StoreError::Denied(Denied::Forbidden))
    ));
    // An answer before the review is closed is refused.
    assert!(matches!(
        fx.respond(&fx.staff, id, "followed", "ok").await,
        Err(StoreError::Conflict("error-council-review-not-closed"))
    ));
    for (i, v, c) in [
        (0, "approve", ""),
        (1, "approve_with_conditions", "Opt-in"),
        (2, "approve_with_conditions", "Löschfrist"),
        (3, "reject", ""),
    ] {
        fx.vote(&m[i], id, v, c).await.unwrap();
    }
    let outcome = fx
        .close(&m[0], id, "Zustimmung mit Opt-in und Löschfrist.")
        .await
        .unwrap();
    assert_eq!(outcome.as_str(), "approve_with_conditions");
    let council = store.council();
    let published = || council.published_review(&fx.tenant, id);
    let r = published().await.unwrap();
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
        fx.vote(&m[3], id, "approve", "").await,
        Err(StoreError::Conflict("error-council-review-closed"))
    ));
    assert!(matches!(
        fx.close(&m[0], id, "x").await,
        Err(StoreError::Conflict("error-council-review-closed"))
    ));
    // The follower was told.
    assert_eq!(fx.notified("council_recommendation").await, 1);
    // The department answers once, with reasons.
    let err = fx.respond(&fx.staff, id, "maybe", "").await.unwrap_err();
    assert_eq!(
        field_keys(err),
        vec![
            ("response", "error-invalid-choice"),
            ("response_text", "error-required")
        ]
    );
    assert!(matches!(
        fx.respond(&fx.other_staff, id, "followed", "ok").await,
        Err(StoreError::Denied(Denied::Forbidden))
    ));
    fx.respond(
        &fx.staff,
        id,
        "partly_followed",
        "Opt-in ja, Löschfrist später.",
    )
    .await
    .unwrap();
    assert!(matches!(
        fx.respond(&fx.admin, id, "followed", "ok").await,
        Err(StoreError::Conflict("error-council-already-answered"))
    ));
    let r = published().await.unwrap();
    assert_eq!(r.response.as_deref(), Some("partly_followed"));
    assert_eq!(fx.notified("council_answer").await, 1);
    for action in ["council.review_closed", "council.recommendation_answered"] {
        assert_eq!(fx.audited(action).await, 1, "{action}");
    }
    assert_chain_unbroken(store, &fx.tenant).await;
}

#[tokio::test]
async fn quorum_missed_or_tie_is_no_decision() {
    let fx = setup().await;
    let m = &fx.members;
    let a = fx.sample_entry("Hitzewarnung").await;
    let a = fx.review_id(a.id).await;
    fx.vote(&m[0], a, "approve", "").await.unwrap();
    fx.vote(&m[1], a, "approve", "").await.unwrap();
    let o = fx.close(&m[0], a, "Zu wenige Stimmen.").await.unwrap();
    assert_eq!(o.as_str(), "no_decision_quorum");
    let b = fx.sample_entry("Übersetzungshilfe").await;
    let b = fx.review_id(b.id).await;
    for (i, v) in [(0, "approve"), (1, "reject"), (2, "abstain")] {
        fx.vote(&m[i], b, v, "").await.unwrap();
    }
    let o = fx.close(&m[2], b, "Patt.").await.unwrap();
    assert_eq!(o.as_str(), "no_decision_majority");
}

#[tokio::test]
async fn operational_is_blocked_during_a_required_review_unless_an_admin_overrides() {
    let fx = setup().await;
    let store = &fx.store;
    let pilot = sample("Hitzewarnung").with("status", "pilot");
    let e = fx.entry(pilot.clone()).await;
    let review = fx.review_id(e.id).await;
    let operational = pilot.clone().with("status", "operational");
    let err = fx
        .save_entry(&fx.staff, &e.slug, 1, operational.clone(), "Regelbetrieb")
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
    let goal = pilot.clone().with("goal", "Hitzetote vermeiden.");
    fx.save_entry(&fx.staff, &e.slug, 1, goal, "Ziel geschärft")
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
        count(store, "SELECT COUNT(*) AS n FROM audit_log WHERE action = 'council.operational_override' AND details LIKE '%Hitzewelle%'").await,
        1
    );
    // The review stays open (the council still reviews) and gains the reason.
    let r = &fx.reviews(e.id).await[0];
    assert!(r.is_open());
    assert!(r.reasons.iter().any(|x| x.detail == "operational"));
    // Once closed, no override is needed.
    let translation = sample("Übersetzungshilfe");
    let other = fx.entry(translation.clone().with("status", "pilot")).await;
    let rid = fx.review_id(other.id).await;
    fx.close(&fx.members[0], rid, "Keine Einwände.")
        .await
        .unwrap();
    let operational = translation.with("status", "operational");
    fx.save_entry(&fx.staff, &other.slug, 1, operational, "Regelbetrieb")
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
    let fx = setup().await;
    let council = fx.store.council();
    assert!(matches!(
        council
            .update_rules(&fx.tenant, &fx.members[0], "3", "simple", &[])
            .await,
        Err(StoreError::Denied(Denied::Forbidden))
    ));
    let err = council
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
        council.rules(&fx.tenant).await.unwrap(),
        teilhabe_domain::council::CouncilRules::default()
    );
    assert_eq!(fx.audited("council.settings_updated").await, 0);
}
