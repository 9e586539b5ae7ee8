//! The `goals` subcommands on the demo: export, a bad import that names
//! every line and writes nothing, a good import, and computing now.
#![allow(clippy::unwrap_used)] // a test or tool stops at its first unexpected error

mod common;

use common::{assert_help, demo_db, teilhabe};

const GOAL: &str = "weniger-parksuchverkehr-und-mehr-bus-und-rad-in-der";

#[test]
fn goals_measurements_in_and_out() {
    assert_help(&[
        &["goals", "import-measurements"],
        &["goals", "export-measurements"],
        &["goals", "compute"],
    ]);
    let dir = tempfile::tempdir().unwrap();
    let db = demo_db(dir.path());

    let (ok, before) = teilhabe(&db, &["goals", "export-measurements", "--goal", GOAL]);
    assert!(ok, "{before}");
    assert!(before.starts_with("indicator,date,value,note\n"));
    assert!(before.contains("parksuchzeit,"));

    let bad = dir.path().join("bad.csv");
    std::fs::write(
        &bad,
        "indicator,date,value\nparksuchzeit,2026-02-30,7\nparken,2026-03-01,5\nparksuchzeit,2026-04-01,sieben\n",
    )
    .unwrap();
    let (ok, out) = teilhabe(
        &db,
        &[
            "goals",
            "import-measurements",
            bad.to_str().unwrap(),
            "--goal",
            GOAL,
        ],
    );
    assert!(!ok, "{out}");
    assert!(out.contains("bad.csv:2: date:"), "{out}");
    assert!(
        out.contains("bad.csv:3: indicator: Unknown indicator \"parken\""),
        "{out}"
    );
    assert!(out.contains("bad.csv:4: value:"), "{out}");
    assert!(
        out.contains("3 error(s)") && out.contains("nothing was imported"),
        "{out}"
    );
    let (_, after) = teilhabe(&db, &["goals", "export-measurements", "--goal", GOAL]);
    assert_eq!(after, before, "a bad file writes nothing");

    let good = dir.path().join("good.csv");
    std::fs::write(
        &good,
        "indicator;date;value\nparksuchzeit;15.01.2020;12,5\n",
    )
    .unwrap();
    let (ok, out) = teilhabe(
        &db,
        &[
            "goals",
            "import-measurements",
            good.to_str().unwrap(),
            "--goal",
            GOAL,
        ],
    );
    assert!(
        ok && out.contains("1 new measurements, 0 replaced"),
        "{out}"
    );
    let out_file = dir.path().join("out.csv");
    let (ok, out) = teilhabe(
        &db,
        &[
            "goals",
            "export-measurements",
            "--goal",
            GOAL,
            "--output",
            out_file.to_str().unwrap(),
        ],
    );
    assert!(ok, "{out}");
    let written = std::fs::read_to_string(&out_file).unwrap();
    assert!(
        written.contains("parksuchzeit,2020-01-15,12.5,"),
        "{written}"
    );

    let (ok, out) = teilhabe(
        &db,
        &["goals", "export-measurements", "--goal", "gibt-es-nicht"],
    );
    assert!(!ok && out.contains("no goal 'gibt-es-nicht'"), "{out}");
    // The demo stored today's value already (1 only if the day changed
    // in between).
    let (ok, out) = teilhabe(&db, &["goals", "compute"]);
    assert!(
        ok && out.contains("computed indicator value(s) stored"),
        "{out}"
    );
    let (ok, out) = teilhabe(&db, &["audit", "verify"]);
    assert!(ok, "{out}");
}
