//! Setting up a real municipality (issue #11), as its IT would: from an
//! empty database, `municipality create` with an admin, `serve`, log in,
//! import the register and export it again; and the errors on the way.
#![allow(clippy::unwrap_used)] // a test or tool stops at its first unexpected error
#![cfg(unix)]

mod common;

use common::{assert_help, demo_db, teilhabe};
use std::io::{Read, Write};
use std::net::{TcpListener, TcpStream};
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

/// Generous: the bound is about hanging, not speed.
const LIMIT: Duration = Duration::from_secs(60);

const ATS_EXAMPLE: &str = concat!(
    env!("CARGO_MANIFEST_DIR"),
    "/../../testdata/algorithm-register/eurocities-ats-0.3.1/example-record.json"
);

/// One HTTP/1.1 request with `Connection: close`: status, headers, body.
fn http(addr: &str, request: &str) -> (u16, String, String) {
    let mut s = TcpStream::connect(addr).unwrap();
    s.write_all(request.as_bytes()).unwrap();
    let mut response = String::new();
    s.read_to_string(&mut response).unwrap();
    let (head, body) = response.split_once("\r\n\r\n").unwrap_or((&response, ""));
    let status = head
        .split(' ')
        .nth(1)
        .and_then(|s| s.parse().ok())
        .unwrap_or(0);
    (status, head.to_string(), body.to_string())
}

fn get(addr: &str, path: &str, cookie: &str) -> (u16, String, String) {
    http(
        addr,
        &format!("GET {path} HTTP/1.1\r\nHost: beteiligung.beispielheim.de\r\nAccept: text/html\r\nAccept-Language: de\r\nCookie: {cookie}\r\nConnection: close\r\n\r\n"),
    )
}

/// The `name=value` of every Set-Cookie header.
fn cookies(head: &str) -> String {
    head.lines()
        .filter_map(|l| {
            l.strip_prefix("set-cookie: ")
                .or(l.strip_prefix("Set-Cookie: "))
        })
        .map(|c| c.split(';').next().unwrap_or("").to_string())
        .collect::<Vec<_>>()
        .join("; ")
}

struct Server(Child, String);

impl Drop for Server {
    fn drop(&mut self) {
        let _ = self.0.kill();
        let _ = self.0.wait();
    }
}

fn serve(db: &str) -> Server {
    let port = TcpListener::bind("127.0.0.1:0")
        .unwrap()
        .local_addr()
        .unwrap()
        .port();
    let addr = format!("127.0.0.1:{port}");
    let mut child = Command::new(env!("CARGO_BIN_EXE_teilhabe"))
        .args(["serve", "--bind", &addr])
        .env("TEILHABE_DATABASE_URL", db)
        .env("TEILHABE_LOG", "warn")
        .env("TEILHABE_PAGE_CACHE_MS", "0")
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .expect("start teilhabe serve");
    let start = Instant::now();
    while TcpStream::connect(&addr).is_err() {
        if start.elapsed() > LIMIT || child.try_wait().unwrap().is_some() {
            let _ = child.kill();
            panic!("the server did not start");
        }
        std::thread::sleep(Duration::from_millis(100));
    }
    Server(child, addr)
}

#[test]
fn a_real_municipality_from_an_empty_database() {
    let dir = tempfile::tempdir().unwrap();
    let db = format!("sqlite:{}", dir.path().join("t.db").display());
    let (ok, out) = teilhabe(&db, &["migrate"]);
    assert!(ok, "{out}");

    // Before any municipality, every page says how to create one.
    let server = serve(&db);
    let (status, _, body) = get(&server.1, "/", "");
    assert_eq!(status, 404, "{body}");
    assert!(body.contains("Noch keine Kommune eingerichtet"), "{body}");
    assert!(body.contains("teilhabe municipality create"), "{body}");
    assert!(body.contains("No municipality set up yet"), "{body}");

    let password = dir.path().join("admin-password");
    std::fs::write(&password, "ein-langes-passwort\n").unwrap();
    let password = password.display().to_string();
    let (ok, out) = teilhabe(
        &db,
        &[
            "municipality",
            "create",
            "--name",
            "Stadt Beispielheim",
            "--host",
            "beteiligung.beispielheim.de",
            "--host",
            "localhost",
            "--admin-email",
            "it@beispielheim.de",
            "--admin-password-file",
            &password,
        ],
    );
    assert!(ok, "{out}");
    assert!(
        out.contains("created municipality 'stadt-beispielheim'")
            && out.contains("created admin it@beispielheim.de"),
        "{out}"
    );
    let (ok, out) = teilhabe(&db, &["municipality", "list"]);
    assert!(ok, "{out}");
    assert_eq!(
        out.trim(),
        "stadt-beispielheim\tStadt Beispielheim\tbeteiligung.beispielheim.de localhost"
    );

    // The running server serves it now (a missing municipality is not cached).
    let (status, _, body) = get(&server.1, "/", "");
    assert_eq!(status, 200, "{body}");
    assert!(body.contains("<html lang=\"de\">"), "{body}");
    assert!(body.contains("Stadt Beispielheim"), "{body}");

    // The admin logs in and reaches the settings.
    let (status, head, body) = get(&server.1, "/login", "");
    assert_eq!(status, 200, "{body}");
    let csrf = body
        .split("name=\"_csrf\" value=\"")
        .nth(1)
        .and_then(|s| s.split('"').next())
        .unwrap()
        .to_string();
    let form = format!(
        "_csrf={}&next=%2Fadmin%2Fsettings&email=it%40beispielheim.de&password=ein-langes-passwort",
        csrf
    );
    let (status, head, body) = http(
        &server.1,
        &format!(
            "POST /login HTTP/1.1\r\nHost: beteiligung.beispielheim.de\r\nContent-Type: application/x-www-form-urlencoded\r\nContent-Length: {}\r\nCookie: {}\r\nConnection: close\r\n\r\n{form}",
            form.len(),
            cookies(&head)
        ),
    );
    assert_eq!(status, 303, "{head}\n{body}");
    let session = cookies(&head);
    assert!(session.contains("th_session="), "{head}");
    let (status, _, body) = get(&server.1, "/admin/settings", &session);
    assert_eq!(status, 200, "{body}");
    assert!(body.contains("name=\"brand_primary\""), "{body}");
    drop(server);

    // The register: its department is created on import, and the export
    // gives the same entry back (importing it again changes nothing).
    let (ok, out) = teilhabe(&db, &["register", "import", ATS_EXAMPLE]);
    assert!(ok, "{out}");
    assert!(
        out.contains("created department 'Amt für Mobilität'") && out.contains("1 new entries"),
        "{out}"
    );
    let (ok, out) = teilhabe(&db, &["department", "list"]);
    assert!(ok && out.contains("\tAmt für Mobilität"), "{out}");
    let exported = dir.path().join("export.json");
    let (ok, out) = teilhabe(
        &db,
        &[
            "register",
            "export",
            "--format",
            "ats",
            "--output",
            &exported.display().to_string(),
        ],
    );
    assert!(ok, "{out}");
    let original: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(ATS_EXAMPLE).unwrap()).unwrap();
    let back: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(&exported).unwrap()).unwrap();
    let back = back.as_array().unwrap();
    assert_eq!(back.len(), 1);
    // Every field of the source comes back as it was, but the two dates
    // the register keeps itself (stamped on import).
    let fields = original.as_object().unwrap();
    assert!(fields.len() > 20, "{original}");
    let differ: Vec<&String> = fields
        .iter()
        .filter(|(k, _)| !["publication_date", "last_change_date"].contains(&k.as_str()))
        .filter(|(k, v)| !v.is_null() && back[0][k.as_str()] != **v)
        .map(|(k, _)| k)
        .collect();
    assert!(differ.is_empty(), "fields that differ: {differ:?}");
    assert!(!original["department"].is_null() && !original["name"].is_null());
    let (ok, out) = teilhabe(
        &db,
        &["register", "import", &exported.display().to_string()],
    );
    assert!(ok, "{out}");
    assert!(
        out.contains("0 new entries, 0 new versions, 1 unchanged"),
        "{out}"
    );
    let (ok, out) = teilhabe(&db, &["audit", "verify"]);
    assert!(ok && out.contains("stadt-beispielheim: ok"), "{out}");
}

#[test]
fn set_up_errors_are_clear_and_write_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let db = format!("sqlite:{}", dir.path().join("t.db").display());
    let create = |more: &[&str]| {
        teilhabe(
            &db,
            &[&["municipality", "create", "--name", "Stadt A"], more].concat(),
        )
    };
    let (ok, out) = create(&["--host", "a.example", "--slug", "ort-a"]);
    assert!(ok, "{out}");
    // A taken host, a taken slug, a bad host.
    let (ok, out) = create(&["--host", "A.example", "--slug", "ort-b"]);
    assert!(
        !ok && out.contains("The host name a.example belongs to another municipality"),
        "{out}"
    );
    let (ok, out) = create(&["--host", "b.example", "--slug", "ort-a"]);
    assert!(
        !ok && out.contains("Another municipality has the short name “ort-a”"),
        "{out}"
    );
    let (ok, out) = create(&["--host", "https://b.example/x", "--slug", "ort-b"]);
    assert!(!ok && out.contains("is not a host name"), "{out}");
    // The admin: a missing password file, an e-mail without password.
    let missing = dir.path().join("nope").display().to_string();
    let (ok, out) = create(&[
        "--host",
        "b.example",
        "--slug",
        "ort-b",
        "--admin-email",
        "it@b.example",
        "--admin-password-file",
        &missing,
    ]);
    assert!(
        !ok && out.contains("cannot read the password file"),
        "{out}"
    );
    let (ok, out) = create(&["--host", "b.example", "--admin-email", "it@b.example"]);
    assert!(!ok && out.contains("--admin-password-file"), "{out}");
    let (ok, out) = teilhabe(&db, &["municipality", "list"]);
    assert!(ok, "{out}");
    assert_eq!(
        out.trim(),
        "ort-a\tStadt A\ta.example",
        "nothing else written"
    );

    // Update: a second municipality cannot take a's host.
    let (ok, out) = create(&["--host", "b.example", "--slug", "ort-b"]);
    assert!(ok, "{out}");
    let update = |more: &[&str]| teilhabe(&db, &[&["municipality", "update"], more].concat());
    let (ok, out) = update(&["--slug", "ort-b", "--add-host", "a.example"]);
    assert!(
        !ok && out.contains("belongs to another municipality"),
        "{out}"
    );
    let (ok, out) = update(&[
        "--slug",
        "ort-b",
        "--add-host",
        "www.b.example",
        "--remove-host",
        "b.example",
        "--name",
        "Gemeinde B",
        "--base-url",
        "https://www.b.example/",
    ]);
    assert!(ok, "{out}");
    assert!(
        out.contains("ort-b\tGemeinde B\twww.b.example\tbase URL: https://www.b.example"),
        "{out}"
    );
    let (ok, out) = update(&["--slug", "ort-b", "--base-url", "ftp://b"]);
    assert!(!ok && out.contains("base_url"), "{out}");

    // Departments of a chosen municipality.
    let (ok, out) = teilhabe(&db, &["department", "list"]);
    assert!(!ok && out.contains("--municipality SLUG"), "{out}");
    let (ok, out) = teilhabe(
        &db,
        &[
            "department",
            "create",
            "--name",
            "Bauamt",
            "--municipality",
            "ort-b",
        ],
    );
    assert!(ok && out.contains("created department"), "{out}");
    let (ok, out) = teilhabe(
        &db,
        &[
            "department",
            "create",
            "--name",
            "Bauamt",
            "--municipality",
            "ort-b",
        ],
    );
    assert!(!ok && out.contains("exists already"), "{out}");

    // Strict departments: the unknown one is named with its record, and
    // nothing is imported.
    let (ok, out) = teilhabe(
        &db,
        &[
            "register",
            "import",
            ATS_EXAMPLE,
            "--municipality",
            "ort-b",
            "--departments",
            "strict",
        ],
    );
    assert!(!ok, "{out}");
    assert!(
        out.contains(
            "record 1, field department: Record 1: there is no department “Amt für Mobilität”"
        ),
        "{out}"
    );
    assert!(out.contains("nothing was imported"), "{out}");
    let (ok, out) = teilhabe(
        &db,
        &[
            "register",
            "export",
            "--format",
            "ats",
            "--output",
            "-",
            "--municipality",
            "ort-b",
        ],
    );
    assert!(ok && out.trim() == "[]", "{out}");
    let (ok, out) = teilhabe(&db, &["department", "list", "--municipality", "ort-b"]);
    assert!(
        ok && out.trim().ends_with("\tBauamt") && out.lines().count() == 1,
        "{out}"
    );
}

#[test]
fn a_second_municipality_beside_the_demo() {
    assert_help(&[
        &["municipality", "create"],
        &["municipality", "list"],
        &["municipality", "update"],
        &["department", "create"],
        &["department", "list"],
    ]);
    let dir = tempfile::tempdir().unwrap();
    let db = demo_db(dir.path());
    let (ok, out) = teilhabe(
        &db,
        &[
            "municipality",
            "create",
            "--name",
            "Nachbarort",
            "--host",
            "nachbarort.example",
        ],
    );
    assert!(ok, "{out}");
    let (ok, out) = teilhabe(&db, &["municipality", "list"]);
    assert!(ok, "{out}");
    let slugs: Vec<&str> = out.lines().filter_map(|l| l.split('\t').next()).collect();
    assert_eq!(slugs, ["musterstadt", "nachbarort"], "{out}");
    // Commands without --municipality now ask for one.
    let (ok, out) = teilhabe(&db, &["department", "list"]);
    assert!(!ok && out.contains("several municipalities"), "{out}");
    let (ok, out) = teilhabe(&db, &["audit", "verify"]);
    assert!(ok && out.contains("nachbarort: ok"), "{out}");
}
