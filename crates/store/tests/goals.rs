//! Impact goals in the store: staff of the department create and edit
//! goals, indicators and links (others write nothing), every change is
//! audited, measurements are entered, replaced, deleted and imported from
//! CSV all or nothing, computed indicators count the platform's own data,
//! and the demo has goals in every state. Runs on SQLite, or PostgreSQL via
//! the testkit.
#![allow(clippy::unwrap_used)] // a test or tool stops at its first unexpected error

use teilhabe_domain::goals::input::{Computation, GoalDraft, IndicatorDraft, MeasurementDraft};
use teilhabe_domain::goals::IndicatorState;
use teilhabe_domain::process::{Form, ProcessRules};
use teilhabe_domain::proposal::ProposalDraft;
use teilhabe_domain::{Actor, Denied};
use teilhabe_register::sample::sample_entries;
use teilhabe_store::goals::{GoalInput, ImportReport, IndicatorInput};
use teilhabe_store::processes::{PhaseInput, ProcessInput};
use teilhabe_store::{Store, StoreError};
use teilhabe_testkit::{Fixture, TestDb};

/// The shared fixture with three citizens, a process and a register
/// entry of `dept`.
struct Fx {
    fx: Fixture,
    citizens: Vec<Actor>,
    process_id: i64,
    entry_id: i64,
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
    let (tenant, dept, staff) = (&fx.tenant, fx.dept, &fx.staff);
    let input = ProcessInput {
        title: "Radwege für alle".into(),
        slug: "radwege".into(),
        summary: "Wo fehlen Radwege?".into(),
        department_id: Some(dept),
        status: "published".into(),
        rules: ProcessRules::default(),
        phases: vec![PhaseInput {
            title: "Offen".into(),
            starts_on: "2026-01-01".into(),
            ends_on: "2026-12-31".into(),
            forms: Form::ALL.to_vec(),
        }],
        active_phase: Some(0),
        ..ProcessInput::default()
    };
    let process_id = store
        .create_process(tenant, staff, &input)
        .await
        .unwrap()
        .id;
    let entry = sample_entries().into_iter().next().unwrap();
    let entry_id = store
        .register()
        .create_entry(tenant, staff, Some(dept), entry, "")
        .await
        .unwrap()
        .id;
    Fx {
        fx,
        citizens,
        process_id,
        entry_id,
    }
}

async fn n(store: &Store, sql: &str) -> i64 {
    store.db.one(sql, &[]).await.unwrap().i64("n").unwrap()
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

#[tokio::test]
async fn staff_of_the_department_manage_goals_and_links_and_everything_is_audited() {
    let db = TestDb::new().await;
    let store = db.store().await;
    let fx = setup(&store).await;
    let audit_before = n(&store, "SELECT COUNT(*) AS n FROM audit_log").await;

    // Another department, a citizen and a visitor write nothing.
    for (actor, denied) in [
        (&fx.other_staff, Denied::Forbidden),
        (&fx.citizens[0], Denied::Forbidden),
        (&Actor::visitor(), Denied::LoginRequired),
    ] {
        let e = store
            .goals()
            .create(&fx.tenant, actor, &goal_input(&fx, "Mehr Radverkehr"))
            .await
            .unwrap_err();
        assert!(matches!(e, StoreError::Denied(d) if d == denied), "{e:?}");
    }
    assert_eq!(n(&store, "SELECT COUNT(*) AS n FROM goals").await, 0);

    // Bad input names every field, and writes nothing.
    let mut bad = goal_input(&fx, " ");
    bad.process_ids.push(9999);
    bad.entry_ids = vec![8888];
    let StoreError::Invalid(e) = store
        .goals()
        .create(&fx.tenant, &fx.staff, &bad)
        .await
        .unwrap_err()
    else {
        panic!("invalid expected")
    };
    let fields: Vec<&str> = e.0.iter().map(|x| x.field).collect();
    assert_eq!(fields, vec!["statement", "process_ids", "entry_ids"]);
    assert_eq!(n(&store, "SELECT COUNT(*) AS n FROM goals").await, 0);

    let goal = store
        .goals()
        .create(
            &fx.tenant,
            &fx.staff,
            &goal_input(&fx, "Mehr Radverkehr in der Stadt"),
        )
        .await
        .unwrap();
    assert_eq!(goal.slug, "mehr-radverkehr-in-der-stadt");
    let again = store
        .goals()
        .create(
            &fx.tenant,
            &fx.staff,
            &goal_input(&fx, "Mehr Radverkehr in der Stadt"),
        )
        .await
        .unwrap();
    assert_eq!(again.slug, "mehr-radverkehr-in-der-stadt-2");

    // Linked both ways, with the state of a goal without indicators.
    let for_process = store
        .goals()
        .for_process(&fx.tenant, fx.process_id)
        .await
        .unwrap();
    assert_eq!(for_process.len(), 2);
    assert_eq!(for_process[0].summary.overall, IndicatorState::NoData);
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
        store
            .goals()
            .update(&fx.tenant, &fx.other_staff, &goal.slug, &edit)
            .await,
        Err(StoreError::Denied(Denied::Forbidden))
    ));
    // Moving the goal to a department one does not run is refused.
    let mut moved = edit.clone();
    moved.department_id = None;
    assert!(matches!(
        store
            .goals()
            .update(&fx.tenant, &fx.staff, &goal.slug, &moved)
            .await,
        Err(StoreError::Denied(Denied::Forbidden))
    ));
    store
        .goals()
        .update(&fx.tenant, &fx.staff, &goal.slug, &edit)
        .await
        .unwrap();
    let g = store.goals().get(&fx.tenant, &goal.slug).await.unwrap();
    assert_eq!(g.goal.statement, "Mehr sicherer Radverkehr");
    assert!(g.processes.is_empty());
    assert_eq!(
        store
            .goals()
            .for_process(&fx.tenant, fx.process_id)
            .await
            .unwrap()
            .len(),
        1
    );
    let audit: Vec<String> = store
        .db
        .all(
            "SELECT action FROM audit_log WHERE action LIKE 'goal.%' ORDER BY seq",
            &[],
        )
        .await
        .unwrap()
        .iter()
        .map(|r| r.str("action").unwrap())
        .collect();
    assert_eq!(audit, vec!["goal.created", "goal.created", "goal.updated"]);
    assert_eq!(
        n(&store, "SELECT COUNT(*) AS n FROM audit_log").await,
        audit_before + 3
    );
    assert!(store
        .audit()
        .verify(&fx.tenant)
        .await
        .unwrap()
        .first_break
        .is_none());
}

#[tokio::test]
async fn measurements_give_the_state_and_replace_values_of_the_same_day() {
    let db = TestDb::new().await;
    let store = db.store().await;
    let fx = setup(&store).await;
    let goal = store
        .goals()
        .create(&fx.tenant, &fx.staff, &goal_input(&fx, "Mehr Radverkehr"))
        .await
        .unwrap();
    let ind = store
        .goals()
        .create_indicator(&fx.tenant, &fx.staff, &goal.slug, &indicator("radwege", ""))
        .await
        .unwrap();
    // The same key twice in one goal is refused with the field named.
    let StoreError::Invalid(e) = store
        .goals()
        .create_indicator(&fx.tenant, &fx.staff, &goal.slug, &indicator("radwege", ""))
        .await
        .unwrap_err()
    else {
        panic!("invalid expected")
    };
    assert_eq!(e.0[0].field, "key");
    assert_eq!(e.0[0].key, "error-indicator-key-taken");
    // Another department cannot add measurements.
    assert!(matches!(
        store
            .goals()
            .add_measurement(
                &fx.tenant,
                &fx.other_staff,
                &goal.slug,
                ind.id,
                &measurement("2026-03-01", "25")
            )
            .await,
        Err(StoreError::Denied(Denied::Forbidden))
    ));
    // Bad values name the fields.
    let StoreError::Invalid(e) = store
        .goals()
        .add_measurement(
            &fx.tenant,
            &fx.staff,
            &goal.slug,
            ind.id,
            &measurement("31.02.2026", "viel"),
        )
        .await
        .unwrap_err()
    else {
        panic!("invalid expected")
    };
    assert_eq!(
        e.0.iter().map(|x| (x.field, x.key)).collect::<Vec<_>>(),
        vec![("date", "error-date"), ("value", "error-number")]
    );

    // Not yet measured: the clock says 27 November 2026.
    let StoreError::Invalid(e) = store
        .goals()
        .add_measurement(
            &fx.tenant,
            &fx.staff,
            &goal.slug,
            ind.id,
            &measurement("2026-11-28", "30"),
        )
        .await
        .unwrap_err()
    else {
        panic!("invalid expected")
    };
    assert_eq!(e.0[0].key, "error-date-future");

    // Rising steadily towards 45 % by 2027: on track (the clock says
    // 27 November 2026).
    for (d, v) in [
        ("2026-03-01", "25"),
        ("2026-06-01", "32,5"),
        ("2026-09-01", "40"),
    ] {
        let replaced = store
            .goals()
            .add_measurement(
                &fx.tenant,
                &fx.staff,
                &goal.slug,
                ind.id,
                &measurement(d, v),
            )
            .await
            .unwrap();
        assert_eq!(replaced, None);
    }
    let g = store.goals().get(&fx.tenant, &goal.slug).await.unwrap();
    assert_eq!(g.indicators[0].state, IndicatorState::OnTrack);
    assert_eq!(g.indicators[0].measurements[1].value, 32.5);
    assert_eq!(g.summary.overall, IndicatorState::OnTrack);

    // A correction of the same day replaces the value: now flat, off track.
    let replaced = store
        .goals()
        .add_measurement(
            &fx.tenant,
            &fx.staff,
            &goal.slug,
            ind.id,
            &measurement("01.09.2026", "26"),
        )
        .await
        .unwrap();
    assert_eq!(replaced, Some(40.0));
    let g = store.goals().get(&fx.tenant, &goal.slug).await.unwrap();
    assert_eq!(g.indicators[0].measurements.len(), 3);
    assert_eq!(g.indicators[0].state, IndicatorState::OffTrack);

    // The target reached: achieved.
    store
        .goals()
        .add_measurement(
            &fx.tenant,
            &fx.staff,
            &goal.slug,
            ind.id,
            &measurement("2026-11-01", "51"),
        )
        .await
        .unwrap();
    let g = store.goals().get(&fx.tenant, &goal.slug).await.unwrap();
    assert_eq!(g.indicators[0].state, IndicatorState::Achieved);

    // Deleting the last value goes back.
    let last = g.indicators[0].latest.clone().unwrap();
    assert!(store
        .goals()
        .delete_measurement(&fx.tenant, &fx.staff, &goal.slug, last.id)
        .await
        .unwrap());
    // Again: already gone, nothing written.
    assert!(!store
        .goals()
        .delete_measurement(&fx.tenant, &fx.staff, &goal.slug, last.id)
        .await
        .unwrap());
    let g = store.goals().get(&fx.tenant, &goal.slug).await.unwrap();
    assert_eq!(g.indicators[0].state, IndicatorState::OffTrack);

    // Editing the indicator keeps the measurements; a lower target makes
    // the flat line achieved.
    let mut lower = indicator("radwege", "");
    lower.draft.target_value = "26".into();
    store
        .goals()
        .update_indicator(&fx.tenant, &fx.staff, &goal.slug, ind.id, &lower)
        .await
        .unwrap();
    let g = store.goals().get(&fx.tenant, &goal.slug).await.unwrap();
    assert_eq!(g.indicators[0].measurements.len(), 3);
    assert_eq!(g.indicators[0].state, IndicatorState::Achieved);

    // Deleting the indicator takes its measurements along; other
    // departments may not; a second delete finds nothing.
    assert!(matches!(
        store
            .goals()
            .delete_indicator(&fx.tenant, &fx.other_staff, &goal.slug, ind.id)
            .await,
        Err(StoreError::Denied(Denied::Forbidden))
    ));
    assert!(store
        .goals()
        .delete_indicator(&fx.tenant, &fx.staff, &goal.slug, ind.id)
        .await
        .unwrap());
    assert!(!store
        .goals()
        .delete_indicator(&fx.tenant, &fx.staff, &goal.slug, ind.id)
        .await
        .unwrap());
    assert_eq!(n(&store, "SELECT COUNT(*) AS n FROM measurements").await, 0);
    let g = store.goals().get(&fx.tenant, &goal.slug).await.unwrap();
    assert!(g.indicators.is_empty());
    assert_eq!(g.summary.overall, IndicatorState::NoData);

    let actions: Vec<String> = store
        .db
        .all(
            "SELECT action FROM audit_log WHERE action LIKE 'goal.%' ORDER BY seq",
            &[],
        )
        .await
        .unwrap()
        .iter()
        .map(|r| r.str("action").unwrap())
        .collect();
    assert_eq!(
        actions,
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
    let db = TestDb::new().await;
    let store = db.store().await;
    let fx = setup(&store).await;
    let goal = store
        .goals()
        .create(&fx.tenant, &fx.staff, &goal_input(&fx, "Mehr Radverkehr"))
        .await
        .unwrap();
    store
        .goals()
        .create_indicator(&fx.tenant, &fx.staff, &goal.slug, &indicator("radwege", ""))
        .await
        .unwrap();
    let mut second = indicator("unfaelle", "");
    second.draft.direction = "lower_is_better".into();
    second.draft.baseline_value = "120".into();
    second.draft.target_value = "80".into();
    store
        .goals()
        .create_indicator(&fx.tenant, &fx.staff, &goal.slug, &second)
        .await
        .unwrap();

    let bad = "indicator,date,value,note\nradwege,2026-02-01,22,\nradwege,2026-02-30,23,\nparken,2026-03-01,5,\nunfaelle,2026-03-01,zwölf,\nradwege,2026-04-01,24,gut\n";
    let errors = store
        .goals()
        .import_measurements(&fx.tenant, &fx.staff, &goal.slug, bad)
        .await
        .unwrap()
        .unwrap_err();
    let got: Vec<(u64, &str, &str)> = errors
        .0
        .iter()
        .map(|e| (e.line, e.column.as_str(), e.key))
        .collect();
    assert_eq!(
        got,
        vec![
            (3, "date", "error-date"),
            (4, "indicator", "error-unknown-indicator"),
            (5, "value", "error-number"),
        ]
    );
    assert_eq!(n(&store, "SELECT COUNT(*) AS n FROM measurements").await, 0);
    assert_eq!(
        n(
            &store,
            "SELECT COUNT(*) AS n FROM audit_log WHERE action = 'goal.measurements_imported'"
        )
        .await,
        0
    );
    // Another department may not import.
    assert!(matches!(
        store
            .goals()
            .import_measurements(
                &fx.tenant,
                &fx.other_staff,
                &goal.slug,
                "indicator,date,value\n"
            )
            .await,
        Err(StoreError::Denied(Denied::Forbidden))
    ));

    // The German spreadsheet dialect, all good.
    let good = "indicator;date;value;note\nradwege;01.02.2026;22,5;\nunfaelle;01.02.2026;118;Polizeistatistik\nradwege;01.03.2026;24;\n";
    let report = store
        .goals()
        .import_measurements(&fx.tenant, &fx.staff, &goal.slug, good)
        .await
        .unwrap()
        .unwrap();
    assert_eq!(
        report,
        ImportReport {
            added: 3,
            replaced: 0
        }
    );
    // Importing a corrected file replaces the values of the same days.
    let report = store
        .goals()
        .import_measurements(
            &fx.tenant,
            &fx.staff,
            &goal.slug,
            "indicator,date,value\nradwege,2026-03-01,25\nradwege,2026-04-01,27\n",
        )
        .await
        .unwrap()
        .unwrap();
    assert_eq!(
        report,
        ImportReport {
            added: 1,
            replaced: 1
        }
    );

    // The export reads back the same values.
    let csv = store
        .goals()
        .export_measurements(&fx.tenant, &goal.slug)
        .await
        .unwrap();
    assert_eq!(
        csv,
        "indicator,date,value,note\nradwege,2026-02-01,22.5,\nradwege,2026-03-01,25,\nradwege,2026-04-01,27,\nunfaelle,2026-02-01,118,Polizeistatistik\n"
    );
    let g = store.goals().get(&fx.tenant, &goal.slug).await.unwrap();
    let sources: Vec<&str> = g.indicators[0]
        .measurements
        .iter()
        .map(|m| m.source.as_str())
        .collect();
    assert_eq!(sources, vec!["csv", "csv", "csv"]);
}

#[tokio::test]
async fn computed_indicators_count_the_platforms_own_data() {
    let db = TestDb::new().await;
    let store = db.store().await;
    let fx = setup(&store).await;
    // Two proposals, two comments, three supports.
    let draft = |t: &str| ProposalDraft {
        title: t.into(),
        body: "Eine ausreichend lange Begründung für den Vorschlag.".into(),
        ..Default::default()
    };
    let p1 = store
        .proposals()
        .create(
            &fx.tenant,
            &fx.citizens[0],
            "radwege",
            &draft("Radweg am Markt bauen"),
            None,
        )
        .await
        .unwrap();
    let p2 = store
        .proposals()
        .create(
            &fx.tenant,
            &fx.citizens[1],
            "radwege",
            &draft("Fahrradständer am Bahnhof"),
            None,
        )
        .await
        .unwrap();
    store
        .proposals()
        .comment(
            &fx.tenant,
            &fx.citizens[1],
            p1.id,
            None,
            "Gute Idee, unbedingt!",
            None,
        )
        .await
        .unwrap();
    store
        .proposals()
        .comment(
            &fx.tenant,
            &fx.citizens[2],
            p2.id,
            None,
            "Ja, das fehlt dort.",
            None,
        )
        .await
        .unwrap();
    store
        .proposals()
        .support(&fx.tenant, &fx.citizens[1], p1.id, None)
        .await
        .unwrap();
    store
        .proposals()
        .support(&fx.tenant, &fx.citizens[2], p1.id, None)
        .await
        .unwrap();
    store
        .proposals()
        .support(&fx.tenant, &fx.citizens[0], p2.id, None)
        .await
        .unwrap();
    let now = store.now();
    let contributions = store
        .goals()
        .computed_value(
            &fx.tenant,
            Computation::Contributions,
            Some(fx.process_id),
            now,
        )
        .await
        .unwrap();
    assert_eq!(contributions, Some(7.0));
    assert_eq!(
        store
            .goals()
            .computed_value(&fx.tenant, Computation::Contributions, None, now)
            .await
            .unwrap(),
        Some(7.0)
    );

    // Verified participants: citizen 0 only.
    let uid = fx.citizens[0].user_id.unwrap();
    store
        .db
        .exec(
            "UPDATE users SET verified_at = $1 WHERE id = $2",
            &[(now - 1000).into(), uid.into()],
        )
        .await
        .unwrap();
    assert_eq!(
        store
            .goals()
            .computed_value(
                &fx.tenant,
                Computation::VerifiedParticipants,
                Some(fx.process_id),
                now
            )
            .await
            .unwrap(),
        Some(1.0)
    );

    // Answers: nothing due yet, so no share.
    assert_eq!(
        store
            .goals()
            .computed_value(&fx.tenant, Computation::AnswersWithinDeadline, None, now)
            .await
            .unwrap(),
        None
    );
    // p1 answered after 10 days; p2 never: after 31 days it is overdue.
    store.clock.advance_days(10);
    store
        .proposals()
        .answer(
            &fx.tenant,
            &fx.staff,
            p1.id,
            "accepted",
            "Wir bauen den Radweg im nächsten Jahr.",
            None,
            "",
        )
        .await
        .unwrap();
    store.clock.advance_days(21);
    let share = store
        .goals()
        .computed_value(
            &fx.tenant,
            Computation::AnswersWithinDeadline,
            None,
            store.now(),
        )
        .await
        .unwrap();
    assert_eq!(share, Some(50.0));

    // A computed indicator stores today's value at once, once per day by
    // the job, and a later computation in the same month replaces it.
    let goal = store
        .goals()
        .create(&fx.tenant, &fx.staff, &goal_input(&fx, "Mehr Radverkehr"))
        .await
        .unwrap();
    let mut ind = indicator("beitraege", "contributions");
    ind.computation_process_id = Some(fx.process_id);
    ind.draft.unit = "Beiträge".into();
    ind.draft.baseline_value = "0".into();
    ind.draft.target_value = "100".into();
    let ind = store
        .goals()
        .create_indicator(&fx.tenant, &fx.staff, &goal.slug, &ind)
        .await
        .unwrap();
    let g = store.goals().get(&fx.tenant, &goal.slug).await.unwrap();
    assert_eq!(g.indicators[0].measurements.len(), 1);
    // The answer is no contribution.
    assert_eq!(g.indicators[0].measurements[0].value, 7.0);
    assert_eq!(store.goals().run_computed_indicators().await.unwrap(), 0);
    store.clock.advance_days(1);
    store
        .proposals()
        .comment(
            &fx.tenant,
            &fx.citizens[0],
            p2.id,
            None,
            "Noch ein Gedanke dazu.",
            None,
        )
        .await
        .unwrap();
    assert_eq!(store.goals().run_computed_indicators().await.unwrap(), 1);
    let g = store.goals().get(&fx.tenant, &goal.slug).await.unwrap();
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
        store
            .goals()
            .compute_indicator(&fx.tenant, &fx.staff, &goal.slug, ind.id)
            .await
            .unwrap(),
        Some(8.0)
    );
    assert!(matches!(
        store
            .goals()
            .compute_indicator(&fx.tenant, &fx.other_staff, &goal.slug, ind.id)
            .await,
        Err(StoreError::Denied(Denied::Forbidden))
    ));
    let manual = store
        .goals()
        .create_indicator(&fx.tenant, &fx.staff, &goal.slug, &indicator("radwege", ""))
        .await
        .unwrap();
    assert!(matches!(
        store
            .goals()
            .compute_indicator(&fx.tenant, &fx.staff, &goal.slug, manual.id)
            .await,
        Err(StoreError::Conflict("error-indicator-not-computed"))
    ));
    assert!(
        n(
            &store,
            "SELECT COUNT(*) AS n FROM audit_log WHERE action = 'goal.measurement_computed'"
        )
        .await
            >= 3
    );
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
