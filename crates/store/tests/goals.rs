//! Impact goals in the store: staff of the department create and edit
//! goals, indicators and links (others write nothing), every change is
//! audited, measurements are entered, replaced, deleted and imported from
//! CSV all or nothing, computed indicators count the platform's own data,
//! and the demo has goals in every state. Runs on SQLite, or PostgreSQL via
//! the testkit.
#![allow(clippy::unwrap_used)] // a test or tool stops at its first unexpected error

use teilhabe_domain::goals::csv::CsvErrors;
use teilhabe_domain::goals::input::{Computation, GoalDraft, IndicatorDraft, MeasurementDraft};
use teilhabe_domain::goals::IndicatorState;
use teilhabe_domain::process::Form;
use teilhabe_domain::proposal::ProposalDraft;
use teilhabe_domain::{Actor, Denied};
use teilhabe_register::sample::sample_entries;
use teilhabe_store::goals::{
    GoalData, GoalInput, GoalRecord, ImportReport, IndicatorInput, StoredIndicator,
};
use teilhabe_store::processes::ProcessInput;
use teilhabe_store::StoreError;
use teilhabe_testkit::{assert_chain_unbroken, count, Fixture, TestDb};

/// The shared fixture with three citizens, a process and a register
/// entry of `dept`, and the goals' use cases as these tests call them.
struct Fx {
    fx: Fixture,
    citizens: Vec<Actor>,
    process_id: i64,
    entry_id: i64,
    _db: TestDb,
}

teilhabe_testkit::deref_to_fixture!(Fx);

async fn setup() -> Fx {
    let db = TestDb::new().await;
    let fx = Fixture::new(&db.store().await).await;
    let citizens = fx.citizens(3).await;
    let input = ProcessInput {
        summary: "Wo fehlen Radwege?".into(),
        ..fx.open_process("Radwege für alle", "radwege", &Form::ALL)
    };
    let process = fx.store.create_process(&fx.tenant, &fx.staff, &input);
    let process_id = process.await.unwrap().id;
    let entry_id = fx.entry(sample_entries().remove(0)).await.id;
    Fx {
        fx,
        citizens,
        process_id,
        entry_id,
        _db: db,
    }
}

type Res<T> = Result<T, StoreError>;

impl Fx {
    async fn create_goal(&self, who: &Actor, input: &GoalInput) -> Res<GoalRecord> {
        self.store.goals().create(&self.tenant, who, input).await
    }

    /// A goal of the department, created by its staff.
    async fn goal(&self, statement: &str) -> GoalRecord {
        let input = goal_input(self, statement);
        self.create_goal(&self.staff, &input).await.unwrap()
    }

    async fn update_goal(&self, who: &Actor, slug: &str, input: &GoalInput) -> Res<()> {
        let goals = self.store.goals();
        goals.update(&self.tenant, who, slug, input).await
    }

    async fn get(&self, slug: &str) -> GoalData {
        self.store.goals().get(&self.tenant, slug).await.unwrap()
    }

    async fn add_indicator(&self, slug: &str, input: &IndicatorInput) -> Res<StoredIndicator> {
        let goals = self.store.goals();
        goals
            .create_indicator(&self.tenant, &self.staff, slug, input)
            .await
    }

    async fn measure(
        &self,
        who: &Actor,
        slug: &str,
        ind: i64,
        date: &str,
        value: &str,
    ) -> Res<Option<f64>> {
        let m = measurement(date, value);
        let goals = self.store.goals();
        goals
            .add_measurement(&self.tenant, who, slug, ind, &m)
            .await
    }

    async fn delete_measurement(&self, slug: &str, id: i64) -> bool {
        let goals = self.store.goals();
        let deleted = goals.delete_measurement(&self.tenant, &self.staff, slug, id);
        deleted.await.unwrap()
    }

    async fn delete_indicator(&self, who: &Actor, slug: &str, id: i64) -> Res<bool> {
        let goals = self.store.goals();
        goals.delete_indicator(&self.tenant, who, slug, id).await
    }

    async fn import(
        &self,
        who: &Actor,
        slug: &str,
        csv: &str,
    ) -> Res<Result<ImportReport, CsvErrors>> {
        let goals = self.store.goals();
        goals
            .import_measurements(&self.tenant, who, slug, csv)
            .await
    }

    /// The value of `computation` now, for one process or all.
    async fn computed(&self, computation: Computation, process: Option<i64>) -> Option<f64> {
        let (goals, now) = (self.store.goals(), self.store.now());
        let value = goals.computed_value(&self.tenant, computation, process, now);
        value.await.unwrap()
    }

    async fn compute(&self, who: &Actor, slug: &str, id: i64) -> Res<Option<f64>> {
        let goals = self.store.goals();
        goals.compute_indicator(&self.tenant, who, slug, id).await
    }

    /// The goals' audit actions, oldest first.
    async fn goal_actions(&self) -> Vec<String> {
        let sql = "SELECT action FROM audit_log WHERE action LIKE 'goal.%' ORDER BY seq";
        let rows = self.store.db.all(sql, &[]).await.unwrap();
        rows.iter().map(|r| r.str("action").unwrap()).collect()
    }

    async fn propose(&self, who: &Actor, title: &str) -> i64 {
        let draft = ProposalDraft {
            title: title.into(),
            body: "Eine ausreichend lange Begründung für den Vorschlag.".into(),
            ..Default::default()
        };
        let p = self.store.proposals();
        let created = p.create(&self.tenant, who, "radwege", &draft, None);
        created.await.unwrap().id
    }

    async fn comment(&self, who: &Actor, proposal: i64, text: &str) {
        let p = self.store.proposals();
        p.comment(&self.tenant, who, proposal, None, text, None)
            .await
            .unwrap();
    }
}

fn goal_input(fx: &Fx, statement: &str) -> GoalInput {
    GoalInput {
        draft: GoalDraft {
            statement: statement.into(),
            description: "Warum dieses Ziel wichtig ist.".into(),
        },
        department_id: Some(fx.dept),
        process_ids: vec![fx.process_id],
        entry_ids: vec![fx.entry_id],
    }
}

fn indicator(key: &str, computation: &str) -> IndicatorInput {
    IndicatorInput {
        draft: IndicatorDraft {
            key: key.into(),
            name: "Anteil sicherer Radwege".into(),
            unit: "%".into(),
            direction: "higher_is_better".into(),
            baseline_value: "20".into(),
            baseline_date: "2026-01-01".into(),
            target_value: "45".into(),
            target_date: "2027-01-01".into(),
            data_source: "Radwegekataster".into(),
            computation: computation.into(),
        },
        computation_process_id: None,
    }
}

fn measurement(date: &str, value: &str) -> MeasurementDraft {
    MeasurementDraft {
        date: date.into(),
        value: value.into(),
        note: String::new(),
    }
}

/// Field and key of each error, for an `Invalid` error.
fn field_keys(e: StoreError) -> Vec<(&'static str, &'static str)> {
    match e {
        StoreError::Invalid(fe) => fe.0.iter().map(|x| (x.field, x.key)).collect(),
        other => panic!("invalid expected, got {other:?}"),
    }
}

/// Line, column and key of each bad line of a CSV import.
fn csv_errors(errors: &CsvErrors) -> Vec<(u64, &str, &str)> {
    let bad = errors.0.iter();
    bad.map(|e| (e.line, e.column.as_str(), e.key)).collect()
}

#[tokio::test]
async fn staff_of_the_department_manage_goals_and_links_and_everything_is_audited() {
    let fx = setup().await;
    let store = &fx.store;
    let audit_before = count(store, "SELECT COUNT(*) AS n FROM audit_log").await;

    // Another department, a citizen and a visitor write nothing.
    for (actor, denied) in [
        (&fx.other_staff, Denied::Forbidden),
        (&fx.citizens[0], Denied::Forbidden),
        (&Actor::visitor(), Denied::LoginRequired),
    ] {
        let input = goal_input(&fx, "Mehr Radverkehr");
        let e = fx.create_goal(actor, &input).await.unwrap_err();
        assert!(matches!(e, StoreError::Denied(d) if d == denied), "{e:?}");
    }
    assert_eq!(count(store, "SELECT COUNT(*) AS n FROM goals").await, 0);

    // Bad input names every field, and writes nothing.
    let mut bad = goal_input(&fx, " ");
    bad.process_ids.push(9999);
    bad.entry_ids = vec![8888];
    let e = fx.create_goal(&fx.staff, &bad).await.unwrap_err();
    let fields: Vec<&str> = field_keys(e).into_iter().map(|x| x.0).collect();
    assert_eq!(fields, vec!["statement", "process_ids", "entry_ids"]);
    assert_eq!(count(store, "SELECT COUNT(*) AS n FROM goals").await, 0);

    let goal = fx.goal("Mehr Radverkehr in der Stadt").await;
    assert_eq!(goal.slug, "mehr-radverkehr-in-der-stadt");
    let again = fx.goal("Mehr Radverkehr in der Stadt").await;
    assert_eq!(again.slug, "mehr-radverkehr-in-der-stadt-2");

    // Linked both ways, with the state of a goal without indicators.
    let goals = store.goals();
    let for_process = || goals.for_process(&fx.tenant, fx.process_id);
    let linked = for_process().await.unwrap();
    assert_eq!(linked.len(), 2);
    assert_eq!(linked[0].summary.overall, IndicatorState::NoData);
    let for_entry = store
        .goals()
        .for_register_entry(&fx.tenant, fx.entry_id)
        .await
        .unwrap();
    assert_eq!(for_entry.len(), 2);
    assert_eq!(for_entry[0].entries[0].id, fx.entry_id);

    // Edit: unlink the process; another department may not edit.
    let mut edit = goal_input(&fx, "Mehr sicherer Radverkehr");
    edit.process_ids.clear();
    assert!(matches!(
        fx.update_goal(&fx.other_staff, &goal.slug, &edit).await,
        Err(StoreError::Denied(Denied::Forbidden))
    ));
    // Moving the goal to a department one does not run is refused.
    let mut moved = edit.clone();
    moved.department_id = None;
    assert!(matches!(
        fx.update_goal(&fx.staff, &goal.slug, &moved).await,
        Err(StoreError::Denied(Denied::Forbidden))
    ));
    fx.update_goal(&fx.staff, &goal.slug, &edit).await.unwrap();
    let g = fx.get(&goal.slug).await;
    assert_eq!(g.goal.statement, "Mehr sicherer Radverkehr");
    assert!(g.processes.is_empty());
    assert_eq!(for_process().await.unwrap().len(), 1);
    assert_eq!(
        fx.goal_actions().await,
        vec!["goal.created", "goal.created", "goal.updated"]
    );
    assert_eq!(
        count(store, "SELECT COUNT(*) AS n FROM audit_log").await,
        audit_before + 3
    );
    assert_chain_unbroken(store, &fx.tenant).await;
}

#[tokio::test]
async fn measurements_give_the_state_and_replace_values_of_the_same_day() {
    let fx = setup().await;
    let (staff, other) = (&fx.staff, &fx.other_staff);
    let slug = &fx.goal("Mehr Radverkehr").await.slug;
    let ind = fx.add_indicator(slug, &indicator("radwege", "")).await;
    let ind = ind.unwrap().id;
    // The same key twice in one goal is refused with the field named.
    let e = fx.add_indicator(slug, &indicator("radwege", "")).await;
    assert_eq!(
        field_keys(e.unwrap_err())[0],
        ("key", "error-indicator-key-taken")
    );
    // Another department cannot add measurements.
    assert!(matches!(
        fx.measure(other, slug, ind, "2026-03-01", "25").await,
        Err(StoreError::Denied(Denied::Forbidden))
    ));
    // Bad values name the fields.
    let e = fx.measure(staff, slug, ind, "31.02.2026", "viel").await;
    assert_eq!(
        field_keys(e.unwrap_err()),
        vec![("date", "error-date"), ("value", "error-number")]
    );

    // Not yet measured: the clock says 27 November 2026.
    let e = fx.measure(staff, slug, ind, "2026-11-28", "30").await;
    assert_eq!(field_keys(e.unwrap_err())[0].1, "error-date-future");

    // Rising steadily towards 45 % by 2027: on track (the clock says
    // 27 November 2026).
    for (d, v) in [
        ("2026-03-01", "25"),
        ("2026-06-01", "32,5"),
        ("2026-09-01", "40"),
    ] {
        let replaced = fx.measure(staff, slug, ind, d, v).await.unwrap();
        assert_eq!(replaced, None);
    }
    let g = fx.get(slug).await;
    assert_eq!(g.indicators[0].state, IndicatorState::OnTrack);
    assert_eq!(g.indicators[0].measurements[1].value, 32.5);
    assert_eq!(g.summary.overall, IndicatorState::OnTrack);

    // A correction of the same day replaces the value: now flat, off track.
    let replaced = fx.measure(staff, slug, ind, "01.09.2026", "26").await;
    assert_eq!(replaced.unwrap(), Some(40.0));
    let g = fx.get(slug).await;
    assert_eq!(g.indicators[0].measurements.len(), 3);
    assert_eq!(g.indicators[0].state, IndicatorState::OffTrack);

    // The target reached: achieved.
    fx.measure(staff, slug, ind, "2026-11-01", "51")
        .await
        .unwrap();
    let g = fx.get(slug).await;
    assert_eq!(g.indicators[0].state, IndicatorState::Achieved);

    // Deleting the last value goes back.
    let last = g.indicators[0].latest.clone().unwrap();
    assert!(fx.delete_measurement(slug, last.id).await);
    // Again: already gone, nothing written.
    assert!(!fx.delete_measurement(slug, last.id).await);
    let g = fx.get(slug).await;
    assert_eq!(g.indicators[0].state, IndicatorState::OffTrack);

    // Editing the indicator keeps the measurements; a lower target makes
    // the flat line achieved.
    let mut lower = indicator("radwege", "");
    lower.draft.target_value = "26".into();
    fx.store
        .goals()
        .update_indicator(&fx.tenant, staff, slug, ind, &lower)
        .await
        .unwrap();
    let g = fx.get(slug).await;
    assert_eq!(g.indicators[0].measurements.len(), 3);
    assert_eq!(g.indicators[0].state, IndicatorState::Achieved);

    // Deleting the indicator takes its measurements along; other
    // departments may not; a second delete finds nothing.
    assert!(matches!(
        fx.delete_indicator(other, slug, ind).await,
        Err(StoreError::Denied(Denied::Forbidden))
    ));
    assert!(fx.delete_indicator(staff, slug, ind).await.unwrap());
    assert!(!fx.delete_indicator(staff, slug, ind).await.unwrap());
    assert_eq!(
        count(&fx.store, "SELECT COUNT(*) AS n FROM measurements").await,
        0
    );
    let g = fx.get(slug).await;
    assert!(g.indicators.is_empty());
    assert_eq!(g.summary.overall, IndicatorState::NoData);

    assert_eq!(
        fx.goal_actions().await,
        vec![
            "goal.created",
            "goal.indicator_created",
            "goal.measurement_entered",
            "goal.measurement_entered",
            "goal.measurement_entered",
            "goal.measurement_entered",
            "goal.measurement_entered",
            "goal.measurement_deleted",
            "goal.indicator_updated",
            "goal.indicator_deleted",
        ]
    );
}

#[tokio::test]
async fn csv_import_is_all_or_nothing_and_names_every_bad_line() {
    let fx = setup().await;
    let store = &fx.store;
    let slug = &fx.goal("Mehr Radverkehr").await.slug;
    fx.add_indicator(slug, &indicator("radwege", ""))
        .await
        .unwrap();
    let mut second = indicator("unfaelle", "");
    second.draft.direction = "lower_is_better".into();
    second.draft.baseline_value = "120".into();
    second.draft.target_value = "80".into();
    fx.add_indicator(slug, &second).await.unwrap();

    let bad = "indicator,date,value,note\nradwege,2026-02-01,22,\nradwege,2026-02-30,23,\nparken,2026-03-01,5,\nunfaelle,2026-03-01,zwölf,\nradwege,2026-04-01,24,gut\n";
    let errors = fx.import(&fx.staff, slug, bad).await.unwrap().unwrap_err();
    let expected = vec![
        (3, "date", "error-date"),
        (4, "indicator", "error-unknown-indicator"),
        (5, "value", "error-number"),
    ];
    assert_eq!(csv_errors(&errors), expected);
    assert_eq!(
        count(store, "SELECT COUNT(*) AS n FROM measurements").await,
        0
    );
    assert_eq!(fx.audited("goal.measurements_imported").await, 0);
    // Another department may not import.
    assert!(matches!(
        fx.import(&fx.other_staff, slug, "indicator,date,value\n")
            .await,
        Err(StoreError::Denied(Denied::Forbidden))
    ));

    // The German spreadsheet dialect, all good.
    let good = "indicator;date;value;note\nradwege;01.02.2026;22,5;\nunfaelle;01.02.2026;118;Polizeistatistik\nradwege;01.03.2026;24;\n";
    let report = fx.import(&fx.staff, slug, good).await.unwrap().unwrap();
    assert_eq!(
        report,
        ImportReport {
            added: 3,
            replaced: 0
        }
    );
    // Importing a corrected file replaces the values of the same days.
    let corrected = "indicator,date,value\nradwege,2026-03-01,25\nradwege,2026-04-01,27\n";
    let report = fx.import(&fx.staff, slug, corrected).await.unwrap();
    assert_eq!(
        report.unwrap(),
        ImportReport {
            added: 1,
            replaced: 1
        }
    );

    // The export reads back the same values.
    let csv = store
        .goals()
        .export_measurements(&fx.tenant, slug)
        .await
        .unwrap();
    assert_eq!(
        csv,
        "indicator,date,value,note\nradwege,2026-02-01,22.5,\nradwege,2026-03-01,25,\nradwege,2026-04-01,27,\nunfaelle,2026-02-01,118,Polizeistatistik\n"
    );
    let g = fx.get(slug).await;
    let sources: Vec<&str> = g.indicators[0]
        .measurements
        .iter()
        .map(|m| m.source.as_str())
        .collect();
    assert_eq!(sources, vec!["csv", "csv", "csv"]);
}

#[tokio::test]
async fn computed_indicators_count_the_platforms_own_data() {
    let fx = setup().await;
    let (store, c) = (&fx.store, &fx.citizens);
    // Two proposals, two comments, three supports.
    let p1 = fx.propose(&c[0], "Radweg am Markt bauen").await;
    let p2 = fx.propose(&c[1], "Fahrradständer am Bahnhof").await;
    fx.comment(&c[1], p1, "Gute Idee, unbedingt!").await;
    fx.comment(&c[2], p2, "Ja, das fehlt dort.").await;
    for (who, p) in [(&c[1], p1), (&c[2], p1), (&c[0], p2)] {
        let proposals = store.proposals();
        proposals.support(&fx.tenant, who, p, None).await.unwrap();
    }
    let process = Some(fx.process_id);
    let contributions = fx.computed(Computation::Contributions, process).await;
    assert_eq!(contributions, Some(7.0));
    assert_eq!(
        fx.computed(Computation::Contributions, None).await,
        Some(7.0)
    );

    // Verified participants: citizen 0 only.
    let (now, uid) = (store.now(), c[0].user_id.unwrap());
    store
        .db
        .exec(
            "UPDATE users SET verified_at = $1 WHERE id = $2",
            &[(now - 1000).into(), uid.into()],
        )
        .await
        .unwrap();
    assert_eq!(
        fx.computed(Computation::VerifiedParticipants, process)
            .await,
        Some(1.0)
    );

    // Answers: nothing due yet, so no share.
    assert_eq!(
        fx.computed(Computation::AnswersWithinDeadline, None).await,
        None
    );
    // p1 answered after 10 days; p2 never: after 31 days it is overdue.
    store.clock.advance_days(10);
    store
        .proposals()
        .answer(
            &fx.tenant,
            &fx.staff,
            p1,
            "accepted",
            "Wir bauen den Radweg im nächsten Jahr.",
            None,
            "",
        )
        .await
        .unwrap();
    store.clock.advance_days(21);
    let share = fx.computed(Computation::AnswersWithinDeadline, None).await;
    assert_eq!(share, Some(50.0));

    // A computed indicator stores today's value at once, once per day by
    // the job, and a later computation in the same month replaces it.
    let slug = &fx.goal("Mehr Radverkehr").await.slug;
    let mut ind = indicator("beitraege", "contributions");
    ind.computation_process_id = Some(fx.process_id);
    ind.draft.unit = "Beiträge".into();
    ind.draft.baseline_value = "0".into();
    ind.draft.target_value = "100".into();
    let ind = fx.add_indicator(slug, &ind).await.unwrap();
    let g = fx.get(slug).await;
    assert_eq!(g.indicators[0].measurements.len(), 1);
    // The answer is no contribution.
    assert_eq!(g.indicators[0].measurements[0].value, 7.0);
    assert_eq!(store.goals().run_computed_indicators().await.unwrap(), 0);
    store.clock.advance_days(1);
    fx.comment(&c[0], p2, "Noch ein Gedanke dazu.").await;
    assert_eq!(store.goals().run_computed_indicators().await.unwrap(), 1);
    let g = fx.get(slug).await;
    let ms = &g.indicators[0].measurements;
    let same_month = ms[0].date[..7] == store.clock.today().to_string()[..7];
    if same_month {
        assert_eq!(ms.len(), 1, "the month's value is replaced");
    } else {
        assert_eq!(ms.len(), 2, "a new month gets its own value");
    }
    assert_eq!(ms.last().unwrap().value, 8.0);
    // Staff press "update now"; manual indicators cannot be computed.
    assert_eq!(
        fx.compute(&fx.staff, slug, ind.id).await.unwrap(),
        Some(8.0)
    );
    assert!(matches!(
        fx.compute(&fx.other_staff, slug, ind.id).await,
        Err(StoreError::Denied(Denied::Forbidden))
    ));
    let manual = fx.add_indicator(slug, &indicator("radwege", "")).await;
    assert!(matches!(
        fx.compute(&fx.staff, slug, manual.unwrap().id).await,
        Err(StoreError::Conflict("error-indicator-not-computed"))
    ));
    assert!(fx.audited("goal.measurement_computed").await >= 3);
}

#[tokio::test]
async fn the_demo_has_five_goals_in_every_state_and_a_computed_indicator() {
    let db = TestDb::new().await;
    let store = db.store().await;
    let tenant = teilhabe_store::demo::load(&store).await.unwrap();
    let goals = store.goals().all(&tenant).await.unwrap();
    assert_eq!(goals.len(), 5);
    for g in &goals {
        assert!(
            (2..=3).contains(&g.indicators.len()),
            "{}",
            g.goal.statement
        );
    }
    let states: std::collections::BTreeSet<IndicatorState> = goals
        .iter()
        .flat_map(|g| g.indicators.iter().map(|i| i.state))
        .collect();
    for s in [
        IndicatorState::Achieved,
        IndicatorState::OnTrack,
        IndicatorState::OffTrack,
        IndicatorState::NoData,
    ] {
        assert!(states.contains(&s), "no indicator {s:?}");
    }
    // Two to three years of monthly values for the measured ones.
    let most = goals
        .iter()
        .flat_map(|g| g.indicators.iter().map(|i| i.measurements.len()))
        .max()
        .unwrap();
    assert!(most >= 24, "{most}");
    let computed: Vec<_> = goals
        .iter()
        .flat_map(|g| g.indicators.iter())
        .filter(|i| !i.indicator.computation.is_empty())
        .collect();
    assert_eq!(computed.len(), 1);
    assert_eq!(computed[0].measurements.len(), 1);
    assert!(computed[0].measurements[0].value > 0.0);
    let mobility = goals
        .iter()
        .find(|g| g.goal.statement.starts_with("Weniger Parksuchverkehr"))
        .unwrap();
    assert_eq!(
        mobility.goal.slug,
        "weniger-parksuchverkehr-und-mehr-bus-und-rad-in-der"
    );
    assert!(!mobility.processes.is_empty());
    assert!(!mobility.entries.is_empty());
}
