//! The binary's subcommands, run as a person would run them.

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
    ] {
        let (ok, out) = teilhabe("sqlite::memory:", args);
        assert!(ok && out.contains("Usage:"), "{args:?}: {out}");
    }
    let (_, out) = teilhabe("sqlite::memory:", &["serve", "--help"]);
    assert!(out.contains("TEILHABE_BIND") && out.contains("TEILHABE_DATABASE_URL"));
}
