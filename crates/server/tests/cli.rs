//! The binary's subcommands, run as a person would run them.
#![allow(clippy::unwrap_used)] // a test or tool stops at its first unexpected error

mod common;

use common::{assert_help, demo_db, teilhabe};
use std::process::Command;

/// `teilhabe user <verb> --email <email> <rest>`.
fn user(db: &str, verb: &str, email: &str, rest: &[&str]) -> (bool, String) {
    teilhabe(db, &[&["user", verb, "--email", email], rest].concat())
}

/// `teilhabe <import|export> polis <folder> --process <process>`.
fn polis(db: &str, direction: &str, folder: &str, process: &str) -> (bool, String) {
    teilhabe(db, &[direction, "polis", folder, "--process", process])
}

const PLAYGROUND: &str = "spielplatz-lindenpark";

const NEW: &str = "neu@musterstadt.example";

#[test]
fn migrate_demo_users_and_audit_verify() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("t.db");
    let db = format!("sqlite:{}", path.display());
    let (ok, out) = teilhabe(&db, &["migrate"]);
    assert!(ok, "{out}");
    let (ok, out) = user(
        &db,
        "create",
        "x@y.de",
        &["--name", "X", "--password", "langes-passwort"],
    );
    assert!(!ok && out.contains("no municipality"), "{out}");
    let (ok, out) = teilhabe(&db, &["demo"]);
    assert!(ok, "{out}");
    assert!(out.contains("admin@musterstadt.example") && out.contains("demo-passwort"));
    let (ok, out) = teilhabe(&db, &["demo"]);
    assert!(!ok && out.contains("only into an empty database"), "{out}");
    // The new colleague, with a password and more options.
    let create = |password: &str, more: &[&str]| {
        let person = ["--name", "Neue Mitarbeiterin", "--password", password];
        user(&db, "create", NEW, &[&person[..], more].concat())
    };
    let (ok, out) = create("kurz", &[]);
    assert!(
        !ok && out.contains("password: The password must be at least 10 characters long"),
        "{out}"
    );
    let (ok, out) = create("langes-passwort", &["--role", "moderator"]);
    assert!(ok, "{out}");
    let (ok, out) = user(&db, "grant", NEW, &["--role", "staff"]);
    assert!(!ok && out.contains("choose a department"), "{out}");
    let staff = ["--role", "staff", "--department", "1"];
    let (ok, out) = user(&db, "grant", NEW, &staff);
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
    assert_help(&[
        &[],
        &["serve"],
        &["migrate"],
        &["demo"],
        &["user", "create"],
        &["user", "grant"],
        &["audit", "verify"],
        &["audit", "checkpoint"],
        &["pb", "tally"],
        &["opinion", "analyze"],
        &["import", "polis"],
        &["export", "polis"],
    ]);
    let (_, out) = teilhabe("sqlite::memory:", &["serve", "--help"]);
    assert!(out.contains("TEILHABE_BIND") && out.contains("TEILHABE_DATABASE_URL"));
}

#[test]
fn polis_import_and_export_round_trip_and_bad_files_write_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let db = demo_db(dir.path());
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
    let (ok, out) = polis(&db, "import", bad.to_str().unwrap(), PLAYGROUND);
    assert!(!ok, "{out}");
    assert!(out.contains("votes.csv:3: vote 2 outside -1..1"), "{out}");
    // An unknown process is refused clearly.
    let (ok, out) = polis(&db, "import", seattle, "gibt-es-nicht");
    assert!(!ok && out.contains("not found"), "{out}");

    let (ok, out) = polis(&db, "import", seattle, PLAYGROUND);
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
    let (ok, out) = polis(&db, "import", seattle, PLAYGROUND);
    assert!(!ok && out.contains("already has statements"), "{out}");

    let exported = dir.path().join("out");
    let (ok, out) = polis(&db, "export", exported.to_str().unwrap(), PLAYGROUND);
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

/// Issue #12: the key file is created next to the database (owner only),
/// another key file is refused, and `audit verify` checks the chain
/// against signed checkpoints and expected hashes kept outside.
#[test]
fn key_file_checkpoints_and_verify_against_kept_hashes() {
    let dir = tempfile::tempdir().unwrap();
    let db = demo_db(dir.path());
    let key = dir.path().join("t.db.key");
    let text = std::fs::read_to_string(&key).unwrap();
    assert_eq!(text.trim().len(), 64, "{text}");
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        let mode = std::fs::metadata(&key).unwrap().permissions().mode();
        assert_eq!(mode & 0o777, 0o600);
    }
    let other = dir.path().join("other.key");
    let other = other.to_str().unwrap();
    let (ok, out) = teilhabe(&db, &["--key-file", other, "audit", "verify"]);
    assert!(!ok && out.contains("key file does not belong"), "{out}");

    let (ok, out) = teilhabe(&db, &["audit", "checkpoint"]);
    assert!(
        ok && out.contains("musterstadt: checkpoint at entry"),
        "{out}"
    );
    let (seq, hash, public_key) = {
        let rest = out.split("checkpoint at entry ").nth(1).unwrap();
        let mut w = rest.split_whitespace();
        let seq = w.next().unwrap().to_string();
        assert_eq!(w.next(), Some("hash"));
        let hash = w.next().unwrap().to_string();
        assert_eq!((w.next(), w.next()), (Some("(public"), Some("key")));
        (
            seq,
            hash,
            w.next().unwrap().trim_end_matches(')').to_string(),
        )
    };
    let (ok, out) = teilhabe(&db, &["audit", "checkpoint"]);
    assert!(ok && out.contains("no new entries"), "{out}");
    let (ok, out) = teilhabe(
        &db,
        &["audit", "verify", "--expect", &format!("{seq}:{hash}")],
    );
    assert!(ok && out.contains("musterstadt: ok"), "{out}");
    let wrong = format!("{seq}:{}", "0".repeat(64));
    let (ok, out) = teilhabe(&db, &["audit", "verify", "--expect", &wrong]);
    assert!(
        !ok && out.contains(&format!("REWRITTEN: --expect: entry {seq} has hash {hash}")),
        "{out}"
    );
    let (ok, out) = teilhabe(&db, &["audit", "verify", "--expect", "7"]);
    assert!(!ok && out.contains("SEQ:HASH"), "{out}");
    // A saved checkpoints file whose hash was changed: its signature fails.
    let file = dir.path().join("checkpoints.json");
    let doc = |h: &str, sig: &str, pk: &str| {
        format!(
            r#"{{"municipality":"musterstadt","public_key":"{pk}","checkpoints":[{{"seq":{seq},"hash":"{h}","at_ms":1,"signature":"{sig}"}}]}}"#
        )
    };
    let verify_file = || {
        teilhabe(
            &db,
            &["audit", "verify", "--checkpoints", file.to_str().unwrap()],
        )
    };
    std::fs::write(&file, doc(&hash, &"ab".repeat(64), &public_key)).unwrap();
    let (ok, out) = verify_file();
    assert!(
        !ok && out.contains(&format!(
            "--checkpoints: checkpoint at entry {seq}: the signature is not valid"
        )),
        "{out}"
    );
    std::fs::write(&file, doc(&hash, &"ab".repeat(64), &"cd".repeat(32))).unwrap();
    let (ok, out) = verify_file();
    assert!(!ok && out.contains("signed by the key"), "{out}");
    // The published document itself (as the API gives it), from a file
    // and over http://: it verifies.
    let path = dir.path().join("t.db");
    let rows = Command::new("sqlite3")
        .arg("-json")
        .arg(&path)
        .arg("SELECT seq, hash, at_ms, signature FROM audit_checkpoints ORDER BY seq DESC")
        .output()
        .expect("the sqlite3 command-line tool is needed for this test");
    let rows = String::from_utf8(rows.stdout).unwrap();
    let published = format!(
        r#"{{"municipality":"musterstadt","public_key":"{public_key}","checkpoints":{rows}}}"#
    );
    std::fs::write(&file, &published).unwrap();
    let (ok, out) = verify_file();
    assert!(ok && out.contains("musterstadt: ok"), "{out}");
    let listener = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
    let url = format!(
        "http://{}/api/audit/checkpoints",
        listener.local_addr().unwrap()
    );
    let server = std::thread::spawn(move || {
        use std::io::{Read, Write};
        let (mut conn, _) = listener.accept().unwrap();
        let mut request = [0u8; 1024];
        let n = conn.read(&mut request).unwrap();
        let request = String::from_utf8_lossy(&request[..n]).to_string();
        let answer = format!(
            "HTTP/1.0 200 OK\r\nContent-Type: application/json\r\nContent-Length: {}\r\n\r\n{published}",
            published.len()
        );
        conn.write_all(answer.as_bytes()).unwrap();
        request
    });
    let (ok, out) = teilhabe(&db, &["audit", "verify", "--checkpoints", &url]);
    assert!(ok && out.contains("musterstadt: ok"), "{out}");
    let request = server.join().unwrap();
    assert!(
        request.starts_with("GET /api/audit/checkpoints HTTP/1.0"),
        "{request}"
    );
    std::fs::write(&file, "kein json").unwrap();
    let (ok, out) = verify_file();
    assert!(
        !ok && out.contains("is not a checkpoints document"),
        "{out}"
    );
}
