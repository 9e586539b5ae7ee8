//! The binary's subcommands, run as a person would run them.
#![allow(clippy::unwrap_used)] // a test or tool stops at its first unexpected error

use std::process::Command;

fn teilhabe(db: &str, args: &[&str]) -> (bool, String) {
    let out = Command::new(env!("CARGO_BIN_EXE_teilhabe"))
        .args(args)
        .env("TEILHABE_DATABASE_URL", db)
        .env("TEILHABE_LOG", "warn")
        .output()
        .expect("run teilhabe");
    (
        out.status.success(),
        format!(
            "{}{}",
            String::from_utf8_lossy(&out.stdout),
            String::from_utf8_lossy(&out.stderr)
        ),
    )
}

#[test]
fn migrate_demo_users_and_audit_verify() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("t.db");
    let db = format!("sqlite:{}", path.display());
    let (ok, out) = teilhabe(&db, &["migrate"]);
    assert!(ok, "{out}");
    let (ok, out) = teilhabe(
        &db,
        &[
            "user",
            "create",
            "--email",
            "x@y.de",
            "--name",
            "X",
            "--password",
            "langes-passwort",
        ],
    );
    assert!(!ok && out.contains("no municipality"), "{out}");
    let (ok, out) = teilhabe(&db, &["demo"]);
    assert!(ok, "{out}");
    assert!(out.contains("admin@musterstadt.example") && out.contains("demo-passwort"));
    let (ok, out) = teilhabe(&db, &["demo"]);
    assert!(!ok && out.contains("only into an empty database"), "{out}");
    let (ok, out) = teilhabe(
        &db,
        &[
            "user",
            "create",
            "--email",
            "neu@musterstadt.example",
            "--name",
            "Neue Mitarbeiterin",
            "--password",
            "kurz",
        ],
    );
    assert!(
        !ok && out.contains("password: The password must be at least 10 characters long"),
        "{out}"
    );
    let (ok, out) = teilhabe(
        &db,
        &[
            "user",
            "create",
            "--email",
            "neu@musterstadt.example",
            "--name",
            "Neue Mitarbeiterin",
            "--password",
            "langes-passwort",
            "--role",
            "moderator",
        ],
    );
    assert!(ok, "{out}");
    let (ok, out) = teilhabe(
        &db,
        &[
            "user",
            "grant",
            "--email",
            "neu@musterstadt.example",
            "--role",
            "staff",
        ],
    );
    assert!(!ok && out.contains("choose a department"), "{out}");
    let (ok, out) = teilhabe(
        &db,
        &[
            "user",
            "grant",
            "--email",
            "neu@musterstadt.example",
            "--role",
            "staff",
            "--department",
            "1",
        ],
    );
    assert!(ok, "{out}");
    let (ok, out) = teilhabe(&db, &["audit", "verify"]);
    assert!(ok && out.contains("musterstadt: ok"), "{out}");
    // Tamper with one entry behind the database's back.
    let conn = format!("file:{}", path.display());
    let status = Command::new("sqlite3").arg(&conn).arg("DROP TRIGGER audit_log_no_update; UPDATE audit_log SET actor = 'p-falsch' WHERE seq = 7;").status();
    if let Ok(s) = status {
        assert!(s.success());
        let (ok, out) = teilhabe(&db, &["audit", "verify"]);
        assert!(!ok && out.contains("BROKEN at entry 7"), "{out}");
    } else {
        panic!("the sqlite3 command-line tool is needed for this test (apt-get install sqlite3)");
    }
}

#[test]
fn every_subcommand_has_help() {
    for args in [
        &["--help"][..],
        &["serve", "--help"],
        &["migrate", "--help"],
        &["demo", "--help"],
        &["user", "create", "--help"],
        &["user", "grant", "--help"],
        &["audit", "verify", "--help"],
        &["pb", "tally", "--help"],
        &["opinion", "analyze", "--help"],
        &["import", "polis", "--help"],
        &["export", "polis", "--help"],
    ] {
        let (ok, out) = teilhabe("sqlite::memory:", args);
        assert!(ok && out.contains("Usage:"), "{args:?}: {out}");
    }
    let (_, out) = teilhabe("sqlite::memory:", &["serve", "--help"]);
    assert!(out.contains("TEILHABE_BIND") && out.contains("TEILHABE_DATABASE_URL"));
}

#[test]
fn polis_import_and_export_round_trip_and_bad_files_write_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let db = format!("sqlite:{}", dir.path().join("t.db").display());
    let (ok, out) = teilhabe(&db, &["demo"]);
    assert!(ok, "{out}");
    let seattle = concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/../../testdata/polis/15-per-hour-seattle"
    );

    // A folder with a bad row: named with file and line, nothing written.
    let bad = dir.path().join("bad");
    std::fs::create_dir(&bad).unwrap();
    std::fs::copy(format!("{seattle}/comments.csv"), bad.join("comments.csv")).unwrap();
    let votes = std::fs::read_to_string(format!("{seattle}/votes.csv")).unwrap();
    let mut lines: Vec<String> = votes.lines().map(str::to_string).collect();
    lines[2] = lines[2]
        .rsplit_once(',')
        .map(|(a, _)| format!("{a},2"))
        .unwrap();
    std::fs::write(bad.join("votes.csv"), lines.join("\n")).unwrap();
    let (ok, out) = teilhabe(
        &db,
        &[
            "import",
            "polis",
            bad.to_str().unwrap(),
            "--process",
            "spielplatz-lindenpark",
        ],
    );
    assert!(!ok, "{out}");
    assert!(out.contains("votes.csv:3: vote 2 outside -1..1"), "{out}");
    // An unknown process is refused clearly.
    let (ok, out) = teilhabe(
        &db,
        &["import", "polis", seattle, "--process", "gibt-es-nicht"],
    );
    assert!(!ok && out.contains("not found"), "{out}");

    let (ok, out) = teilhabe(
        &db,
        &[
            "import",
            "polis",
            seattle,
            "--process",
            "spielplatz-lindenpark",
        ],
    );
    assert!(ok, "{out}");
    let original = teilhabe_opinion::PolisExport::load(std::path::Path::new(seattle)).unwrap();
    let conv = original.conversation().unwrap();
    assert!(
        out.contains(&format!(
            "{} statements, {} participants, {} votes",
            original.comments.len(),
            original.voters.len(),
            conv.votes.n_votes()
        )),
        "{out}"
    );
    // A second import into the same map is refused.
    let (ok, out) = teilhabe(
        &db,
        &[
            "import",
            "polis",
            seattle,
            "--process",
            "spielplatz-lindenpark",
        ],
    );
    assert!(!ok && out.contains("already has statements"), "{out}");

    let exported = dir.path().join("out");
    let (ok, out) = teilhabe(
        &db,
        &[
            "export",
            "polis",
            exported.to_str().unwrap(),
            "--process",
            "spielplatz-lindenpark",
        ],
    );
    assert!(ok, "{out}");
    let back = teilhabe_opinion::PolisExport::load(&exported).unwrap();
    let back_conv = back.conversation().unwrap();
    assert_eq!(back_conv.statement_ids, conv.statement_ids);
    assert_eq!(back_conv.participant_ids, conv.participant_ids);
    assert_eq!(back_conv.moderated_out, conv.moderated_out);
    for i in 0..conv.votes.n_participants() {
        assert_eq!(back_conv.votes.row(i), conv.votes.row(i));
    }
    // Texts survive, and our groups are in participants-votes.csv.
    for c in &original.comments {
        let b = back.comments.iter().find(|b| b.id == c.id).unwrap();
        assert_eq!((&b.body, b.moderated), (&c.body, c.moderated));
    }
    assert!(back.polis_groups.values().any(|g| g.is_some()));
    let (ok, out) = teilhabe(&db, &["audit", "verify"]);
    assert!(ok, "{out}");
}
