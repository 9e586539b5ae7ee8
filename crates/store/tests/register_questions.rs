//! Questions and objections on register entries: asked by anyone signed
//! in, answered publicly by the responsible department only, objections
//! due after the municipality's deadline and overdue after it, the asker
//! and followers notified, moderators hide with a reason, following is
//! idempotent, every change audited. Runs on SQLite, or PostgreSQL via
//! the testkit.
#![allow(clippy::unwrap_used)] // a test or tool stops at its first unexpected error

use teilhabe_domain::{Actor, Denied};
use teilhabe_store::follows::Followed;
use teilhabe_store::moderation::{Content, Queue, Report};
use teilhabe_store::questions::{RegisterInboxItem, RegisterQuestion};
use teilhabe_store::register::RegisterSummary;
use teilhabe_store::{Store, StoreError, Tenant};
use teilhabe_testkit::{count, sample, Fixture, TestDb};

const DAY: i64 = 86_400_000;

/// The shared fixture, a follower and an entry of `fx.dept`, with the
/// use cases of these tests on that entry.
struct Setup {
    fx: Fixture,
    follower: Actor,
    entry: RegisterSummary,
    _db: TestDb,
}

teilhabe_testkit::deref_to_fixture!(Setup);

async fn setup() -> Setup {
    let db = TestDb::new().await;
    let fx = Fixture::new(&db.store().await).await;
    let follower = fx.actor("follower@t.example", &[]).await;
    let entry = fx.entry(sample("Ampelsteuerung")).await;
    Setup {
        fx,
        follower,
        entry,
        _db: db,
    }
}

type Res<T> = Result<T, StoreError>;

impl Setup {
    fn slug(&self) -> &str {
        &self.entry.slug
    }

    async fn ask(
        &self,
        who: &Actor,
        kind: &str,
        aspect: &str,
        body: &str,
    ) -> Res<RegisterQuestion> {
        let q = self.store.questions();
        q.ask(&self.tenant, who, self.slug(), kind, aspect, body)
            .await
    }

    async fn answer(&self, who: &Actor, id: i64, text: &str) -> Res<RegisterQuestion> {
        let q = self.store.questions();
        q.answer(&self.tenant, who, self.slug(), id, text).await
    }

    async fn question(&self, id: i64) -> RegisterQuestion {
        let q = self.store.questions();
        q.get(&self.tenant, self.entry.id, id).await.unwrap()
    }

    async fn questions(&self) -> Vec<RegisterQuestion> {
        let q = self.store.questions();
        q.of_entry(&self.tenant, self.entry.id).await.unwrap()
    }

    async fn inbox(&self, who: &Actor) -> Res<Vec<RegisterInboxItem>> {
        self.store.questions().inbox(&self.tenant, who).await
    }

    async fn follow(&self, who: &Actor, on: bool) -> Res<()> {
        let target = Followed::RegisterEntry(self.entry.id);
        self.store
            .follows()
            .follow(&self.tenant, who, target, on)
            .await
    }

    async fn followers(&self) -> i64 {
        let target = Followed::RegisterEntry(self.entry.id);
        self.store.follows().followers(target).await.unwrap()
    }

    fn content(&self, id: i64) -> Content {
        Content::RegisterQuestion {
            entry: self.entry.id,
            id,
        }
    }

    async fn hide(&self, who: &Actor, id: i64, reason: &str) -> Res<i64> {
        let m = self.store.moderation();
        m.hide(&self.tenant, who, self.content(id), reason).await
    }

    async fn report(&self, who: &Actor, id: i64, reason: &str) -> Res<()> {
        let m = self.store.moderation();
        m.report(&self.tenant, who, self.content(id), reason).await
    }

    async fn open_reports(&self, who: &Actor, queue: Queue) -> Res<Vec<Report>> {
        let m = self.store.moderation();
        m.open_reports(&self.tenant, who, queue).await
    }

    async fn audit_actions(&self) -> Vec<(String, String)> {
        let page = self.store.audit().page(&self.tenant, 1, 100).await;
        let items = page.unwrap().items.into_iter();
        items.map(|e| (e.action, e.target)).collect()
    }

    async fn kinds(&self, user: &Actor) -> Vec<String> {
        let a = self.store.accounts();
        let list = a.notifications(&self.tenant, user.user_id.unwrap(), 50);
        list.await.unwrap().into_iter().map(|n| n.kind).collect()
    }
}

fn field_key(e: StoreError, field: &str) -> &'static str {
    match e {
        StoreError::Invalid(fe) => fe.get(field).unwrap_or_else(|| panic!("{field}: {fe}")).key,
        other => panic!("expected invalid, got {other:?}"),
    }
}

#[tokio::test]
async fn citizens_ask_and_object_and_both_are_public() {
    let fx = setup().await;
    let q = fx
        .ask(
            &fx.citizen,
            "question",
            "ignored for questions",
            "  Wie lange werden die Kamerabilder gespeichert?  ",
        )
        .await
        .unwrap();
    assert_eq!(q.kind, "question");
    assert_eq!(q.aspect, "");
    assert_eq!(q.body, "Wie lange werden die Kamerabilder gespeichert?");
    assert_eq!(q.deadline_at, None);
    assert_eq!(q.entry_version, 1);
    assert_eq!(q.author_name, "Test"); // the shared fixture's display name
    let o = fx
        .ask(
            &fx.citizen,
            "objection",
            "data",
            "Die Erfassung von Kennzeichen ist für die Ampelsteuerung nicht nötig.",
        )
        .await
        .unwrap();
    assert_eq!(o.aspect, "data");
    assert_eq!(o.aspect_label_key, "register-group-data");
    let list = fx.questions().await;
    assert_eq!(
        list.iter().map(|q| q.id).collect::<Vec<_>>(),
        vec![q.id, o.id]
    );
    let audit = fx.audit_actions().await;
    assert!(audit.contains(&(
        "register.question_asked".into(),
        format!("register_question:{}", q.id)
    )));
    assert!(audit.contains(&(
        "register.objection_filed".into(),
        format!("register_question:{}", o.id)
    )));
}

#[tokio::test]
async fn bad_submissions_name_the_field_and_write_nothing() {
    let fx = setup().await;
    let e = fx
        .ask(&fx.citizen, "objection", "", "kurz")
        .await
        .unwrap_err();
    match &e {
        StoreError::Invalid(fe) => {
            assert_eq!(fe.get("question_aspect").unwrap().key, "error-required");
            assert_eq!(fe.get("question_text").unwrap().key, "error-too-short");
        }
        other => panic!("{other:?}"),
    }
    let text = "Ein ausreichend langer Text.";
    let e = fx.ask(&fx.citizen, "petition", "", text).await.unwrap_err();
    assert_eq!(field_key(e, "question_kind"), "error-invalid-choice");
    let e = fx
        .ask(&Actor::visitor(), "question", "", text)
        .await
        .unwrap_err();
    assert!(matches!(e, StoreError::Denied(Denied::LoginRequired)));
    let e = fx
        .store
        .questions()
        .ask(
            &fx.tenant,
            &fx.citizen,
            "gibt-es-nicht",
            "question",
            "",
            text,
        )
        .await
        .unwrap_err();
    assert!(matches!(e, StoreError::NotFound));
    assert!(fx.questions().await.is_empty());
}

#[tokio::test]
async fn the_objection_deadline_comes_from_the_setting_at_filing_time() {
    let fx = setup().await;
    let questions = fx.store.questions();
    let days = || questions.objection_deadline_days(&fx.tenant);
    assert_eq!(days().await.unwrap(), 30);
    let reasons = "Die Kennzeichen werden ohne Rechtsgrundlage erfasst.";
    let first = fx
        .ask(&fx.citizen, "objection", "why", reasons)
        .await
        .unwrap();
    assert_eq!(first.deadline_at, Some(first.created_at + 30 * DAY));

    // Only admins change the setting, within 1 to 365 days.
    let e = questions
        .set_objection_deadline_days(&fx.tenant, &fx.staff, 14)
        .await
        .unwrap_err();
    assert!(matches!(e, StoreError::Denied(Denied::Forbidden)));
    let e = questions
        .set_objection_deadline_days(&fx.tenant, &fx.admin, 0)
        .await
        .unwrap_err();
    assert_eq!(
        field_key(e, "objection_deadline_days"),
        "error-deadline-range"
    );
    questions
        .set_objection_deadline_days(&fx.tenant, &fx.admin, 14)
        .await
        .unwrap();
    assert_eq!(days().await.unwrap(), 14);
    let second = fx
        .ask(&fx.citizen, "objection", "risks", reasons)
        .await
        .unwrap();
    assert_eq!(second.deadline_at, Some(second.created_at + 14 * DAY));
    // The earlier objection keeps its deadline.
    let again = fx.question(first.id).await;
    assert_eq!(again.deadline_at, first.deadline_at);
    assert!(fx
        .audit_actions()
        .await
        .iter()
        .any(|(a, _)| a == "municipality.objection_deadline_changed"));
}

#[tokio::test]
async fn unanswered_objections_become_overdue_after_the_deadline() {
    let fx = setup().await;
    let store = &fx.store;
    let o = fx
        .ask(
            &fx.citizen,
            "objection",
            "other",
            "Ich widerspreche der Auswertung meiner Fahrten.",
        )
        .await
        .unwrap();
    let q = fx
        .ask(
            &fx.citizen,
            "question",
            "",
            "Gibt es einen Bericht über den Testbetrieb?",
        )
        .await
        .unwrap();
    assert!(!o.overdue);
    store.clock.advance_days(30);
    let o30 = fx.question(o.id).await;
    assert!(!o30.overdue, "due on day 30, not yet overdue");
    store.clock.advance_days(1);
    let list = fx.questions().await;
    let o31 = list.iter().find(|x| x.id == o.id).unwrap();
    let q31 = list.iter().find(|x| x.id == q.id).unwrap();
    assert!(o31.overdue);
    assert!(!q31.overdue, "questions have no deadline");
    // The inbox of the department: the overdue objection first.
    let inbox = fx.inbox(&fx.staff).await.unwrap();
    assert_eq!(
        inbox.iter().map(|i| i.question.id).collect::<Vec<_>>(),
        vec![o.id, q.id]
    );
    assert_eq!(inbox[0].entry_slug, fx.entry.slug);
    // Another department's inbox does not show them; citizens have none.
    assert!(fx.inbox(&fx.other_staff).await.unwrap().is_empty());
    assert!(matches!(
        fx.inbox(&fx.citizen).await,
        Err(StoreError::Denied(Denied::Forbidden))
    ));
    // Answered late: no longer overdue, gone from the inbox.
    let answered = fx
        .answer(
            &fx.staff,
            o.id,
            "Die Fahrten werden nicht personenbezogen ausgewertet.",
        )
        .await
        .unwrap();
    assert!(!answered.overdue);
    assert!(answered.answered_late, "answered after the deadline");
    let inbox = fx.inbox(&fx.admin).await.unwrap();
    assert_eq!(
        inbox.iter().map(|i| i.question.id).collect::<Vec<_>>(),
        vec![q.id]
    );
}

#[tokio::test]
async fn only_the_responsible_department_answers_and_asker_and_followers_hear_of_it() {
    let fx = setup().await;
    let (store, slug) = (&fx.store, fx.slug());
    fx.follow(&fx.follower, true).await.unwrap();
    let q = fx
        .ask(
            &fx.citizen,
            "question",
            "",
            "Wer hat Zugriff auf die Messdaten?",
        )
        .await
        .unwrap();
    let text = "Nur das Amt für Mobilität; die Daten verlassen die Stadt nicht.";
    for who in [&fx.other_staff, &fx.citizen, &fx.moderator] {
        let e = fx.answer(who, q.id, text).await.unwrap_err();
        assert!(matches!(e, StoreError::Denied(Denied::Forbidden)), "{e:?}");
    }
    let e = fx.answer(&fx.staff, q.id, " ").await.unwrap_err();
    assert_eq!(field_key(e, "answer"), "error-required");
    assert!(fx.kinds(&fx.citizen).await.is_empty());

    let a = fx.answer(&fx.staff, q.id, text).await.unwrap();
    assert_eq!(a.answer.as_deref(), Some(text));
    assert!(a.answered_at.is_some());
    assert_eq!(a.answer_corrected_at, None);
    assert!(!a.answered_late, "questions have no deadline");
    assert_eq!(fx.kinds(&fx.citizen).await, vec!["register_answer_own"]);
    assert_eq!(fx.kinds(&fx.follower).await, vec!["register_answer"]);
    assert!(fx.kinds(&fx.staff).await.is_empty(), "not the actor");
    let n = store
        .accounts()
        .notifications(&fx.tenant, fx.follower.user_id.unwrap(), 1)
        .await
        .unwrap();
    assert_eq!(
        n[0].link,
        format!("/data-register/{slug}#question-{}", q.id)
    );

    // A correction: shown as corrected, both texts audited, people told.
    store.clock.advance_days(2);
    let e = fx.answer(&fx.staff, q.id, text).await.unwrap_err();
    assert_eq!(field_key(e, "answer"), "error-register-answer-unchanged");
    let corrected = "Nur das Amt für Mobilität und der beauftragte Dienstleister.";
    let c = fx.answer(&fx.admin, q.id, corrected).await.unwrap();
    assert_eq!(c.answer.as_deref(), Some(corrected));
    assert_eq!(c.answered_at, a.answered_at, "first answer date stays");
    assert!(c.answer_corrected_at.unwrap() > a.answered_at.unwrap());
    assert_eq!(
        fx.kinds(&fx.follower).await,
        vec!["register_answer_corrected", "register_answer"]
    );
    let entries = store.audit().page(&fx.tenant, 1, 5).await.unwrap().items;
    let corr = entries
        .iter()
        .find(|e| e.action == "register.answer_corrected")
        .unwrap();
    let details = &corr.details;
    assert!(
        details.contains(text) && details.contains(corrected),
        "{details}"
    );
    assert!(entries
        .iter()
        .any(|e| e.action == "register.question_answered"));
}

#[tokio::test]
async fn an_asker_who_follows_is_notified_once() {
    let fx = setup().await;
    fx.follow(&fx.citizen, true).await.unwrap();
    let q = fx
        .ask(
            &fx.citizen,
            "question",
            "",
            "Wird die Steuerung extern gewartet?",
        )
        .await
        .unwrap();
    fx.answer(
        &fx.staff,
        q.id,
        "Ja, durch den Hersteller, ohne Zugriff auf Rohdaten.",
    )
    .await
    .unwrap();
    assert_eq!(fx.kinds(&fx.citizen).await, vec!["register_answer"]);
}

#[tokio::test]
async fn moderators_hide_with_a_public_reason() {
    let fx = setup().await;
    let q = fx
        .ask(
            &fx.citizen,
            "objection",
            "who_decides",
            "Ein beleidigender Text über eine Mitarbeiterin.",
        )
        .await
        .unwrap();
    let e = fx.hide(&fx.staff, q.id, "Beleidigung").await.unwrap_err();
    assert!(matches!(e, StoreError::Denied(Denied::Forbidden)));
    let e = fx.hide(&fx.moderator, q.id, "x").await.unwrap_err();
    assert_eq!(field_key(e, "reason"), "error-too-short");
    let reason = "Beleidigung einer Mitarbeiterin";
    fx.hide(&fx.moderator, q.id, reason).await.unwrap();
    let h = fx.question(q.id).await;
    assert!(h.hidden);
    assert_eq!(h.hidden_reason.as_deref(), Some(reason));
    assert_eq!(h.body, "", "the text is not published any more");
    assert_eq!(h.author_name, "");
    assert!(!h.overdue, "hidden objections are never overdue");
    assert_eq!(fx.kinds(&fx.citizen).await, vec!["hidden"]);
    let e = fx
        .hide(&fx.moderator, q.id, "Noch einmal")
        .await
        .unwrap_err();
    assert!(matches!(e, StoreError::Conflict("error-already-hidden")));
    let e = fx
        .answer(&fx.staff, q.id, "Eine Antwort auf den ausgeblendeten Text.")
        .await
        .unwrap_err();
    assert!(matches!(
        e,
        StoreError::Conflict("error-register-question-hidden")
    ));
    assert!(fx.inbox(&fx.staff).await.unwrap().is_empty());
    assert!(fx.audit_actions().await.contains(&(
        "register.question_hidden".into(),
        format!("register_question:{}", q.id)
    )));
}

#[tokio::test]
async fn following_is_idempotent_and_brings_new_versions() {
    let fx = setup().await;
    let (register, slug) = (fx.store.register(), fx.slug());
    assert!(matches!(
        fx.follow(&Actor::visitor(), true).await,
        Err(StoreError::Denied(Denied::LoginRequired))
    ));
    for _ in 0..2 {
        fx.follow(&fx.follower, true).await.unwrap();
    }
    assert_eq!(fx.followers().await, 1);
    let v1 = register.version(&fx.tenant, fx.entry.id, 1).await.unwrap();
    register
        .save_version(
            &fx.tenant,
            &fx.staff,
            slug,
            1,
            v1.entry.clone(),
            "Kontakt ergänzt.",
        )
        .await
        .unwrap();
    assert_eq!(fx.kinds(&fx.follower).await, vec!["register_version"]);
    for _ in 0..2 {
        fx.follow(&fx.follower, false).await.unwrap();
    }
    assert_eq!(fx.followers().await, 0);
    register
        .save_version(&fx.tenant, &fx.staff, slug, 2, v1.entry, "Zurück.")
        .await
        .unwrap();
    assert_eq!(fx.kinds(&fx.follower).await.len(), 1);
}

/// The demo account `{name}@musterstadt.example`.
async fn demo_user(store: &Store, tenant: &Tenant, name: &str) -> teilhabe_store::accounts::User {
    let email = format!("{name}@musterstadt.example");
    let user = store.accounts().user_by_email(tenant, &email).await;
    user.unwrap().unwrap()
}

#[tokio::test]
async fn the_demo_has_answered_open_hidden_and_overdue_submissions() {
    let db = TestDb::new().await;
    let store = db.store().await;
    let tenant = teilhabe_store::demo::load(&store)
        .await
        .expect("demo loads");
    let admin = demo_user(&store, &tenant, "admin").await;
    let admin = store.actor_of(&admin).await.unwrap();
    let entries = store
        .register()
        .entries(&tenant, &Default::default())
        .await
        .unwrap();
    let mut all = Vec::new();
    for e in &entries {
        all.extend(store.questions().of_entry(&tenant, e.id).await.unwrap());
    }
    assert!(all.len() >= 10, "{} submissions", all.len());
    let overdue: Vec<_> = all.iter().filter(|q| q.overdue).collect();
    assert_eq!(overdue.len(), 1, "one overdue objection");
    assert_eq!(overdue[0].kind, "objection");
    let open_questions = all
        .iter()
        .filter(|q| q.kind == "question" && q.answered_at.is_none() && !q.hidden)
        .count();
    assert_eq!(open_questions, 1);
    let answered = all.iter().filter(|q| q.answered_at.is_some()).count();
    assert!(answered * 2 > all.len(), "most are answered");
    assert!(all.iter().any(|q| q.answer_corrected_at.is_some()));
    assert!(all.iter().any(|q| q.answered_late));
    assert_eq!(
        store
            .moderation()
            .open_reports(&tenant, &admin, Queue::RegisterQuestions)
            .await
            .unwrap()
            .len(),
        1
    );
    assert!(all.iter().any(|q| q.hidden));
    // An objection within its deadline, open.
    assert!(all
        .iter()
        .any(|q| q.kind == "objection" && q.answered_at.is_none() && !q.overdue && !q.hidden));
    // Anna follows entries, and the department's inbox shows the overdue one first.
    let anna = demo_user(&store, &tenant, "anna").await;
    let follows = count(
        &store,
        &format!("SELECT COUNT(*) AS n FROM follows WHERE target_kind = 'register_entry' AND user_id = {}", anna.id),
    )
    .await;
    assert!(follows >= 1);
    let inbox = store.questions().inbox(&tenant, &admin).await.unwrap();
    assert!(inbox[0].question.overdue);
    let v = store.audit().verify(&tenant).await.unwrap();
    assert!(v.first_break.is_none() && !v.head_mismatch);
}

#[tokio::test]
async fn reports_reach_the_moderators_and_hiding_settles_them() {
    let fx = setup().await;
    let q = fx
        .ask(
            &fx.citizen,
            "question",
            "",
            "Ein Text mit der Telefonnummer einer Nachbarin.",
        )
        .await
        .unwrap();
    let e = fx
        .report(&Actor::visitor(), q.id, "Persönliche Daten")
        .await
        .unwrap_err();
    assert!(matches!(e, StoreError::Denied(Denied::LoginRequired)));
    let e = fx.report(&fx.follower, q.id, "x").await.unwrap_err();
    assert_eq!(field_key(e, "reason"), "error-too-short");
    fx.report(&fx.follower, q.id, "Persönliche Daten einer Dritten")
        .await
        .unwrap();
    assert!(matches!(
        fx.open_reports(&fx.citizen, Queue::RegisterQuestions).await,
        Err(StoreError::Denied(Denied::Forbidden))
    ));
    let open = fx
        .open_reports(&fx.moderator, Queue::RegisterQuestions)
        .await
        .unwrap();
    assert_eq!(open.len(), 1);
    assert_eq!(open[0].target_id, q.id);
    assert_eq!(open[0].entry_slug, fx.slug());
    assert!(open[0].excerpt.contains("Telefonnummer"));
    // Reports on register questions stay out of the proposal queue.
    assert!(fx
        .open_reports(&fx.moderator, Queue::Contributions)
        .await
        .unwrap()
        .is_empty());
    fx.hide(&fx.moderator, q.id, "Persönliche Daten")
        .await
        .unwrap();
    assert!(fx
        .open_reports(&fx.moderator, Queue::RegisterQuestions)
        .await
        .unwrap()
        .is_empty());
    let e = fx
        .report(&fx.follower, q.id, "Noch einmal melden")
        .await
        .unwrap_err();
    assert!(matches!(e, StoreError::Conflict("error-already-hidden")));
}

#[tokio::test]
async fn staff_record_what_came_on_paper_and_it_is_answered_like_the_rest() {
    use teilhabe_domain::proposal::Channel;
    use teilhabe_store::questions::Offline;
    let fx = setup().await;
    let (store, slug) = (&fx.store, fx.slug());
    let letter = Offline {
        channel: Channel::Paper,
        name: "  Frau M. aus der Nordstadt ".into(),
    };
    let text = "Ich widerspreche der Auswertung der Verkehrsdaten vor meinem Haus.";
    for who in [&fx.other_staff, &fx.citizen, &fx.moderator] {
        let e = store
            .questions()
            .record(&fx.tenant, who, slug, &letter, "objection", "data", text)
            .await
            .unwrap_err();
        assert!(matches!(e, StoreError::Denied(Denied::Forbidden)), "{e:?}");
    }
    let online = Offline {
        channel: Channel::Online,
        name: String::new(),
    };
    let e = store
        .questions()
        .record(&fx.tenant, &fx.staff, slug, &online, "objection", "", text)
        .await
        .unwrap_err();
    match e {
        StoreError::Invalid(fe) => {
            assert_eq!(fe.get("channel").unwrap().key, "error-invalid-choice");
            assert_eq!(fe.get("question_aspect").unwrap().key, "error-required");
        }
        other => panic!("{other:?}"),
    }
    let q = store
        .questions()
        .record(
            &fx.tenant,
            &fx.staff,
            slug,
            &letter,
            "objection",
            "data",
            text,
        )
        .await
        .unwrap();
    assert_eq!(q.channel, "paper");
    assert_eq!(q.author_name, "Frau M. aus der Nordstadt");
    assert_eq!(q.author_id, None);
    assert_eq!(q.deadline_at, Some(q.created_at + 30 * DAY));
    let audit = store.audit().page(&fx.tenant, 1, 1).await.unwrap().items;
    assert_eq!(audit[0].action, "register.objection_filed");
    assert!(audit[0].details.contains("paper"));
    assert!(
        !audit[0].details.contains("Nordstadt"),
        "the name stays out of the log"
    );
    // In the inbox and answered like any other; nobody to notify directly.
    let inbox = fx.inbox(&fx.staff).await.unwrap();
    assert_eq!(inbox[0].question.id, q.id);
    fx.answer(
        &fx.staff,
        q.id,
        "Vor Ihrem Haus werden keine Daten ausgewertet.",
    )
    .await
    .unwrap();
    assert_eq!(
        count(store, "SELECT COUNT(*) AS n FROM notifications").await,
        0
    );
}
