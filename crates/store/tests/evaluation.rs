//! Participation along the lifecycle of a register entry (links with the
//! entry's phase, removal, visibility) and the evaluation of a closed
//! process: figures on a process with known counts, publication only when
//! closed, the frozen snapshot and corrected revisions. Runs on SQLite, or
//! PostgreSQL via the testkit.
#![allow(clippy::unwrap_used)] // a test or tool stops at its first unexpected error

use teilhabe_domain::opinion::OpinionVote;
use teilhabe_domain::process::{Form, ProcessRules};
use teilhabe_domain::proposal::{Channel, ProposalDraft};
use teilhabe_domain::{Actor, Denied};
use teilhabe_register::sample::sample_entries;
use teilhabe_store::opinion::VoterId;
use teilhabe_store::processes::{PhaseInput, ProcessInput};
use teilhabe_store::proposals::Offline;
use teilhabe_store::{Store, StoreError};
use teilhabe_testkit::{Fixture, TestDb};

/// The shared fixture with three citizens, the first and the last of
/// them verified residents.
struct Fx {
    fx: Fixture,
    citizens: Vec<Actor>,
}

impl std::ops::Deref for Fx {
    type Target = Fixture;
    fn deref(&self) -> &Fixture {
        &self.fx
    }
}

async fn setup(store: &Store) -> Fx {
    let fx = Fixture::new(store).await;
    let citizens = fx.citizens(3).await;
    let admin = fx.admin.user_id.unwrap();
    let codes = store
        .accounts()
        .generate_verification_codes(&fx.tenant, admin, "Test", 2)
        .await
        .unwrap();
    let mut verified = Vec::new();
    for (i, c) in citizens.iter().enumerate() {
        let id = c.user_id.unwrap();
        match i {
            0 => store
                .accounts()
                .redeem_code(&fx.tenant, id, &codes[0])
                .await
                .unwrap(),
            2 => store
                .accounts()
                .redeem_code(&fx.tenant, id, &codes[1])
                .await
                .unwrap(),
            _ => {}
        }
        let u = store.accounts().user(&fx.tenant, id).await.unwrap();
        verified.push(store.actor_of(&u).await.unwrap());
    }
    Fx {
        fx,
        citizens: verified,
    }
}

fn input(slug: &str, dept: i64, status: &str) -> ProcessInput {
    ProcessInput {
        title: format!("Beteiligung {slug}"),
        slug: slug.into(),
        summary: "Eine Beteiligung zum Testen der Auswertung.".into(),
        body: String::new(),
        department_id: Some(dept),
        area: String::new(),
        image_url: String::new(),
        status: status.into(),
        rules: ProcessRules::default(),
        phases: vec![PhaseInput {
            title: "Beteiligung".into(),
            starts_on: "2026-11-01".into(),
            ends_on: "2027-01-31".into(),
            forms: Form::ALL.to_vec(),
        }],
        active_phase: Some(0),
    }
}

fn draft(title: &str) -> ProposalDraft {
    ProposalDraft {
        title: title.into(),
        body: "Eine ausreichend lange Begründung für den Vorschlag.".into(),
        category: String::new(),
        latitude: None,
        longitude: None,
    }
}

fn offline(channel: Channel) -> Option<Offline> {
    Some(Offline {
        channel,
        name: String::new(),
    })
}

const ACCEPT: &str = "Wir setzen den Vorschlag im kommenden Jahr um.";
const REJECT: &str = "Die Straße gehört dem Land, nicht der Stadt.";

/// A process with known contributions, answers after known days, then
/// closed on day 50.
async fn known_process(store: &Store, fx: &Fx) -> String {
    let t = &fx.tenant;
    let [c1, c2, c3] = [&fx.citizens[0], &fx.citizens[1], &fx.citizens[2]];
    let p = store
        .create_process(t, &fx.staff, &input("bekannt", fx.dept, "published"))
        .await
        .unwrap();
    let a = store
        .proposals()
        .create(t, c1, &p.slug, &draft("Vorschlag A online"), None)
        .await
        .unwrap()
        .id;
    let b = store
        .proposals()
        .create(t, c2, &p.slug, &draft("Vorschlag B online"), None)
        .await
        .unwrap()
        .id;
    let c = store
        .proposals()
        .create(
            t,
            &fx.staff,
            &p.slug,
            &draft("Vorschlag C auf Papier"),
            offline(Channel::Paper),
        )
        .await
        .unwrap()
        .id;
    for (who, on) in [(c1, b), (c1, b), (c3, a)] {
        store
            .proposals()
            .comment(t, who, on, None, "Ein Kommentar zum Vorschlag.", None)
            .await
            .unwrap();
    }
    store
        .proposals()
        .comment(
            t,
            &fx.staff,
            a,
            None,
            "Beim Bürgerdialog genannt.",
            offline(Channel::Meeting),
        )
        .await
        .unwrap();
    for (who, on) in [(c1, b), (c3, a), (c3, b)] {
        store.proposals().support(t, who, on, None).await.unwrap();
    }
    store
        .proposals()
        .support(t, &fx.staff, a, offline(Channel::Paper))
        .await
        .unwrap();
    let statement = store
        .opinion()
        .add_seed_statement(t, &fx.staff, &p.slug, "Die Stadt braucht mehr Radwege.")
        .await
        .unwrap();
    store
        .opinion()
        .vote(
            t,
            c2,
            &p.slug,
            &VoterId::User(c2.user_id.unwrap()),
            statement,
            OpinionVote::Agree,
        )
        .await
        .unwrap();
    store
        .opinion()
        .record_questionnaire(
            t,
            &fx.staff,
            &p.slug,
            "1",
            &[(statement, OpinionVote::Disagree)],
        )
        .await
        .unwrap();
    // A: first answered after 2 days, done (answered again) on day 12.
    store.clock.advance_days(2);
    store
        .proposals()
        .answer(t, &fx.staff, a, "accepted", ACCEPT, None, "")
        .await
        .unwrap();
    store.clock.advance_days(1);
    // C: in review without a written answer; waits until the end.
    store
        .proposals()
        .answer(t, &fx.staff, c, "in_review", "", None, "")
        .await
        .unwrap();
    store.clock.advance_days(9);
    store
        .proposals()
        .answer(t, &fx.staff, a, "done", "Umgesetzt.", Some(100), "")
        .await
        .unwrap();
    // B: answered after 40 days, past the 30-day deadline.
    store.clock.advance_days(28);
    store
        .proposals()
        .answer(t, &fx.staff, b, "rejected", REJECT, None, "")
        .await
        .unwrap();
    // D: by phone on day 45, waiting 5 days at the end.
    store.clock.advance_days(5);
    store
        .proposals()
        .create(
            t,
            &fx.staff,
            &p.slug,
            &draft("Vorschlag D am Telefon"),
            offline(Channel::Phone),
        )
        .await
        .unwrap();
    store.clock.advance_days(5);
    p.slug
}

async fn close(store: &Store, fx: &Fx, slug: &str) {
    store
        .processes()
        .update(&fx.tenant, &fx.staff, slug, &input(slug, fx.dept, "closed"))
        .await
        .unwrap();
}

async fn n(store: &Store, sql: &str) -> i64 {
    store.db.one(sql, &[]).await.unwrap().i64("n").unwrap()
}

#[tokio::test]
async fn figures_of_a_process_with_known_counts() {
    let db = TestDb::new().await;
    let store = db.store().await;
    let fx = setup(&store).await;
    let slug = known_process(&store, &fx).await;
    let p = store
        .processes()
        .get(&fx.tenant, &fx.staff, &slug)
        .await
        .unwrap();
    let f = store.evaluations().figures(&fx.tenant, p.id).await.unwrap();
    // Accounts c1, c2, c3; offline: proposals C and D, the meeting
    // comment, the paper support, questionnaire 1.
    assert_eq!(f.participants_accounts, 3);
    assert_eq!(f.participants_anonymous, 0);
    assert_eq!(f.participants_offline, 5);
    assert_eq!(f.participants, 8);
    assert_eq!(f.verified_accounts, 2);
    assert_eq!(f.verified_share, Some(2.0 / 3.0));
    assert_eq!(f.by_form.proposals, 4);
    assert_eq!(f.by_form.comments, 4);
    assert_eq!(f.by_form.supports, 4);
    assert_eq!(f.by_form.opinion_votes, 2);
    assert_eq!(
        f.by_form.opinion_statements, 0,
        "seed statements are staff's"
    );
    assert_eq!(f.by_form.budget_ballots, 0);
    assert_eq!(f.contributions, 14);
    let channels: Vec<_> = f
        .by_channel
        .iter()
        .map(|c| {
            (
                c.channel,
                c.forms.proposals,
                c.forms.comments,
                c.forms.supports,
                c.forms.opinion_votes,
                c.total,
            )
        })
        .collect();
    assert_eq!(
        channels,
        vec![
            (Channel::Online, 2, 3, 3, 1, 9),
            (Channel::Paper, 1, 0, 1, 1, 3),
            (Channel::Phone, 1, 0, 0, 0, 1),
            (Channel::Meeting, 0, 1, 0, 0, 1),
        ]
    );
    assert_eq!(f.offline_share, Some(5.0 / 14.0));
    // A first answered after 2 days (not 12: the later answer does not
    // count), B after 40.
    assert_eq!(f.proposals_answered, 2);
    assert_eq!(f.median_answer_days, Some(21.0));
    assert_eq!((f.answered_within_deadline, f.answered_late), (1, 1));
    // C waits 50 days (overdue), D 5 days.
    assert_eq!((f.awaiting_answer, f.overdue), (2, 1));
    assert_eq!(
        (
            f.proposals_accepted,
            f.proposals_implemented,
            f.proposals_rejected
        ),
        (1, 1, 1)
    );
}

#[tokio::test]
async fn only_closed_processes_are_evaluated_and_publications_are_frozen() {
    let db = TestDb::new().await;
    let store = db.store().await;
    let fx = setup(&store).await;
    let t = &fx.tenant;
    let slug = known_process(&store, &fx).await;
    let lessons = "Die Sprechstunde im Rathaus hat viele Menschen ohne Internet erreicht.";
    // Still open: refused with a clear reason, nothing written.
    let e = store
        .evaluations()
        .publish(t, &fx.staff, &slug, lessons, "")
        .await
        .unwrap_err();
    assert!(
        matches!(e, StoreError::Conflict("error-evaluation-not-closed")),
        "{e:?}"
    );
    let e = store
        .evaluations()
        .draft(t, &fx.staff, &slug)
        .await
        .unwrap_err();
    assert!(matches!(
        e,
        StoreError::Conflict("error-evaluation-not-closed")
    ));
    close(&store, &fx, &slug).await;
    // Another department, a citizen: refused.
    let e = store
        .evaluations()
        .publish(t, &fx.other_staff, &slug, lessons, "")
        .await
        .unwrap_err();
    assert!(matches!(e, StoreError::Denied(Denied::Forbidden)), "{e:?}");
    let e = store
        .evaluations()
        .publish(t, &fx.citizens[0], &slug, lessons, "")
        .await
        .unwrap_err();
    assert!(matches!(e, StoreError::Denied(Denied::Forbidden)));
    // Lessons learned are required.
    let e = store
        .evaluations()
        .publish(t, &fx.staff, &slug, "kurz", "")
        .await
        .unwrap_err();
    match e {
        StoreError::Invalid(fe) => assert_eq!(fe.0[0].field, "lessons"),
        other => panic!("{other:?}"),
    }
    assert_eq!(
        n(&store, "SELECT COUNT(*) AS n FROM process_evaluations").await,
        0
    );

    let draft = store
        .evaluations()
        .draft(t, &fx.staff, &slug)
        .await
        .unwrap();
    assert!(draft.latest.is_none());
    assert_eq!(draft.preview.figures.contributions, 14);
    let first = store
        .evaluations()
        .publish(t, &fx.staff, &slug, lessons, "")
        .await
        .unwrap();
    assert_eq!(first.revision, 1);
    assert_eq!(first.snapshot.figures, draft.preview.figures);
    assert_eq!(first.snapshot.process_slug, slug);
    assert_eq!(first.snapshot.period_start.as_deref(), Some("2026-11-01"));
    assert_eq!(first.snapshot.answer_deadline_days, 30);
    assert!(first.snapshot.goals.is_empty());

    // The data changes after publication: C gets its answer.
    let c = store
        .db
        .one(
            "SELECT id AS n FROM proposals WHERE title = 'Vorschlag C auf Papier'",
            &[],
        )
        .await
        .unwrap()
        .i64("n")
        .unwrap();
    store.clock.advance_days(1);
    store
        .proposals()
        .answer(t, &fx.staff, c, "rejected", REJECT, None, "")
        .await
        .unwrap();
    let p = store.processes().get(t, &fx.staff, &slug).await.unwrap();
    let live = store.evaluations().figures(t, p.id).await.unwrap();
    assert_eq!(live.proposals_answered, 3);
    // The published evaluation did not change.
    let visitor = Actor::visitor();
    let (_, shown, revisions) = store
        .evaluations()
        .published(t, &visitor, &slug, None)
        .await
        .unwrap();
    assert_eq!(shown.revision, 1);
    assert_eq!(shown.snapshot, first.snapshot);
    assert_eq!(shown.snapshot.figures.proposals_answered, 2);
    assert_eq!(revisions.len(), 1);

    // A correction needs a note; then it is revision 2 with new figures,
    // and revision 1 stays readable.
    let e = store
        .evaluations()
        .publish(t, &fx.staff, &slug, lessons, "")
        .await
        .unwrap_err();
    match e {
        StoreError::Invalid(fe) => assert_eq!(fe.0[0].field, "correction_note"),
        other => panic!("{other:?}"),
    }
    let second = store
        .evaluations()
        .publish(
            t,
            &fx.staff,
            &slug,
            lessons,
            "Antwort auf Vorschlag C nachgetragen.",
        )
        .await
        .unwrap();
    assert_eq!(second.revision, 2);
    assert_eq!(second.snapshot.figures.proposals_answered, 3);
    let (_, latest, revisions) = store
        .evaluations()
        .published(t, &visitor, &slug, None)
        .await
        .unwrap();
    assert_eq!(latest.revision, 2);
    assert_eq!(
        revisions.iter().map(|r| r.revision).collect::<Vec<_>>(),
        vec![2, 1]
    );
    let (_, old, _) = store
        .evaluations()
        .published(t, &visitor, &slug, Some(1))
        .await
        .unwrap();
    assert_eq!(old.snapshot, first.snapshot);
    assert!(matches!(
        store
            .evaluations()
            .published(t, &visitor, &slug, Some(3))
            .await,
        Err(StoreError::NotFound)
    ));
    assert_eq!(
        n(
            &store,
            "SELECT COUNT(*) AS n FROM audit_log WHERE action = 'process.evaluation_published'"
        )
        .await,
        2
    );
    let v = store.audit().verify(t).await.unwrap();
    assert!(v.first_break.is_none() && !v.head_mismatch);
}

#[tokio::test]
async fn processes_are_linked_to_entries_by_lifecycle_phase() {
    let db = TestDb::new().await;
    let store = db.store().await;
    let fx = setup(&store).await;
    let t = &fx.tenant;
    let mut sample = sample_entries()
        .into_iter()
        .find(|e| e.get("name").contains("Parkraumsensoren"))
        .unwrap();
    sample.set("status", "planned");
    let entry = store
        .register()
        .create_entry(t, &fx.staff, Some(fx.dept), sample.clone(), "")
        .await
        .unwrap();
    let consult = store
        .create_process(t, &fx.staff, &input("vorab", fx.dept, "published"))
        .await
        .unwrap();
    // Link an existing process in the phase "planned".
    let link = store
        .evaluations()
        .link_process(t, &fx.staff, &entry.slug, &consult.slug)
        .await
        .unwrap();
    assert_eq!(link.lifecycle_status, "planned");
    assert_eq!(link.entry_version, 1);
    assert_eq!(link.process_slug, "vorab");
    // Twice: refused; other department: refused; unknown process: a field error.
    assert!(matches!(
        store
            .evaluations()
            .link_process(t, &fx.staff, &entry.slug, "vorab")
            .await,
        Err(StoreError::Conflict("error-lifecycle-already-linked"))
    ));
    assert!(matches!(
        store
            .evaluations()
            .link_process(t, &fx.other_staff, &entry.slug, "vorab")
            .await,
        Err(StoreError::Denied(Denied::Forbidden))
    ));
    match store
        .evaluations()
        .link_process(t, &fx.staff, &entry.slug, "gibt-es-nicht")
        .await
    {
        Err(StoreError::Invalid(fe)) => {
            assert_eq!(fe.0[0].field, "process");
            assert_eq!(fe.0[0].key, "error-invalid-choice");
        }
        other => panic!("{other:?}"),
    }

    // The entry moves on to the pilot; a new process is opened for it.
    store
        .register()
        .save_version(
            t,
            &fx.staff,
            &entry.slug,
            1,
            sample.clone().with("status", "pilot"),
            "Testbetrieb beginnt.",
        )
        .await
        .unwrap();
    // Invalid input writes nothing: no process, no link.
    let processes_before = n(&store, "SELECT COUNT(*) AS n FROM processes").await;
    let mut bad = input("pilot-beteiligung", fx.dept, "draft");
    bad.title = "Kurz".into();
    assert!(matches!(
        store
            .evaluations()
            .create_process_for_entry(t, &fx.staff, &entry.slug, &bad)
            .await,
        Err(StoreError::Invalid(_))
    ));
    assert_eq!(
        n(&store, "SELECT COUNT(*) AS n FROM processes").await,
        processes_before
    );
    let pilot = store
        .evaluations()
        .create_process_for_entry(
            t,
            &fx.staff,
            &entry.slug,
            &input("pilot-beteiligung", fx.dept, "draft"),
        )
        .await
        .unwrap();
    let staff_view = store
        .evaluations()
        .entry_processes(t, &fx.staff, entry.id)
        .await
        .unwrap();
    assert_eq!(
        staff_view
            .iter()
            .map(|l| (
                l.process_slug.as_str(),
                l.lifecycle_status.as_str(),
                l.entry_version
            ))
            .collect::<Vec<_>>(),
        vec![("vorab", "planned", 1), ("pilot-beteiligung", "pilot", 2)]
    );
    // The draft is not shown to the public.
    let public = store
        .evaluations()
        .entry_processes(t, &Actor::visitor(), entry.id)
        .await
        .unwrap();
    assert_eq!(public.len(), 1);
    // The process page links back.
    let back = store
        .evaluations()
        .process_entries(t, pilot.id)
        .await
        .unwrap();
    assert_eq!(back[0].entry_slug, entry.slug);
    // Linkable: visible processes not yet linked.
    let linkable = store
        .evaluations()
        .linkable_processes(t, &fx.staff, entry.id)
        .await
        .unwrap();
    assert!(linkable
        .iter()
        .all(|p| p.slug != "vorab" && p.slug != "pilot-beteiligung"));

    // Removing a link is audited; removing it again is refused.
    store
        .evaluations()
        .unlink_process(t, &fx.staff, &entry.slug, "vorab")
        .await
        .unwrap();
    assert!(matches!(
        store
            .evaluations()
            .unlink_process(t, &fx.staff, &entry.slug, "vorab")
            .await,
        Err(StoreError::Conflict("error-lifecycle-not-linked"))
    ));
    assert!(matches!(
        store
            .evaluations()
            .unlink_process(t, &fx.other_staff, &entry.slug, "pilot-beteiligung")
            .await,
        Err(StoreError::Denied(Denied::Forbidden))
    ));
    assert_eq!(
        store
            .evaluations()
            .entry_processes(t, &fx.staff, entry.id)
            .await
            .unwrap()
            .len(),
        1
    );
    for (action, count) in [
        ("register.process_linked", 2),
        ("register.process_unlinked", 1),
    ] {
        assert_eq!(
            n(
                &store,
                &format!("SELECT COUNT(*) AS n FROM audit_log WHERE action = '{action}'")
            )
            .await,
            count,
            "{action}"
        );
    }
    let v = store.audit().verify(t).await.unwrap();
    assert!(v.first_break.is_none() && !v.head_mismatch);
}

#[tokio::test]
async fn followers_hear_of_participation_and_evaluations() {
    let db = TestDb::new().await;
    let store = db.store().await;
    let fx = setup(&store).await;
    let t = &fx.tenant;
    let entry = store
        .register()
        .create_entry(t, &fx.staff, Some(fx.dept), sample_entries().remove(0), "")
        .await
        .unwrap();
    let follower = &fx.citizens[0];
    let uid = follower.user_id.unwrap();
    store
        .db
        .exec(
            "INSERT INTO follows (municipality_id, user_id, target_kind, target_id, created_at) VALUES ($1, $2, 'register_entry', $3, 0)",
            &[t.id.into(), uid.into(), entry.id.into()],
        )
        .await
        .unwrap();
    let slug = known_process(&store, &fx).await;
    store
        .evaluations()
        .link_process(t, &fx.staff, &entry.slug, &slug)
        .await
        .unwrap();
    let p = store.processes().get(t, &fx.staff, &slug).await.unwrap();
    store
        .follows()
        .follow(
            t,
            follower,
            teilhabe_store::follows::Followed::Process(p.id),
            true,
        )
        .await
        .unwrap();
    close(&store, &fx, &slug).await;
    store
        .evaluations()
        .publish(
            t,
            &fx.staff,
            &slug,
            "Viele Beiträge kamen auf Papier; das behalten wir bei.",
            "",
        )
        .await
        .unwrap();
    let kinds: Vec<String> = store
        .db
        .all(
            "SELECT kind FROM notifications WHERE user_id = $1 ORDER BY id",
            &[uid.into()],
        )
        .await
        .unwrap()
        .iter()
        .map(|r| r.str("kind").unwrap())
        .collect();
    assert!(
        kinds.contains(&"register_participation".to_string()),
        "{kinds:?}"
    );
    assert!(
        kinds.contains(&"evaluation_published".to_string()),
        "{kinds:?}"
    );
}
