//! Operations against the real binary: backups taken under write load
//! restore into a fresh file that passes the integrity check and `audit
//! verify`; every write answered with success before SIGTERM or kill -9 is
//! in the database afterwards; header, body and idle timeouts close slow
//! connections; `/ready` answers; logs can be JSON.
#![cfg(unix)]
#![allow(clippy::unwrap_used)] // a test stops at its first unexpected error

mod common;

use common::{assert_help, demo_db, teilhabe};
use std::io::{Read, Write};
use std::net::{TcpListener, TcpStream};
use std::path::{Path, PathBuf};
use std::process::{Child, Command, ExitStatus, Stdio};
use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};
use teilhabe_store::{Clock, Db, DbOptions, Store, P};

/// Generous: the bound is about hanging, not speed.
const LIMIT: Duration = Duration::from_secs(120);

struct Server {
    child: Child,
    addr: String,
    log: PathBuf,
}

impl Server {
    /// `teilhabe serve` on a free port; returns once `/ready` answers 200.
    fn start(db: &str, dir: &Path, extra: &[&str], env: &[(&str, &str)]) -> Server {
        let port = TcpListener::bind("127.0.0.1:0")
            .unwrap()
            .local_addr()
            .unwrap()
            .port();
        let addr = format!("127.0.0.1:{port}");
        let log = dir.join(format!("server-{port}.log"));
        let mut cmd = Command::new(env!("CARGO_BIN_EXE_teilhabe"));
        cmd.args([
            "serve",
            "--bind",
            &addr,
            "--contributions-per-minute",
            "1000000",
        ])
        .args(extra)
        .env("TEILHABE_DATABASE_URL", db)
        .env("TEILHABE_LOG", "info")
        .stdout(Stdio::null())
        .stderr(std::fs::File::create(&log).unwrap());
        for (k, v) in env {
            cmd.env(k, v);
        }
        let mut server = Server {
            child: cmd.spawn().expect("start teilhabe serve"),
            addr,
            log,
        };
        let start = Instant::now();
        loop {
            if let Some((200, body)) = http(&server.addr, "GET", "/ready", None, None) {
                assert!(body.contains(r#""status":"ready""#), "{body}");
                return server;
            }
            if start.elapsed() > LIMIT || server.child.try_wait().unwrap().is_some() {
                let _ = server.child.kill();
                panic!("the server did not start:\n{}", server.log());
            }
            std::thread::sleep(Duration::from_millis(100));
        }
    }

    fn log(&self) -> String {
        std::fs::read_to_string(&self.log).unwrap_or_default()
    }

    fn signal(&self, signal: &str) {
        let sent = Command::new("kill")
            .args([signal, &self.child.id().to_string()])
            .status()
            .unwrap();
        assert!(sent.success());
    }

    fn wait(&mut self) -> ExitStatus {
        let start = Instant::now();
        loop {
            if let Some(status) = self.child.try_wait().unwrap() {
                return status;
            }
            if start.elapsed() > LIMIT {
                let _ = self.child.kill();
                panic!("the server did not stop:\n{}", self.log());
            }
            std::thread::sleep(Duration::from_millis(50));
        }
    }
}

impl Drop for Server {
    fn drop(&mut self) {
        if let Ok(None) = self.child.try_wait() {
            let _ = self.child.kill();
            let _ = self.child.wait();
        }
    }
}

/// One request on its own connection: the status and body, or `None` if
/// no complete answer came (refused, reset, the server died).
fn http(
    addr: &str,
    method: &str,
    path: &str,
    token: Option<&str>,
    json: Option<&str>,
) -> Option<(u16, String)> {
    let mut s = TcpStream::connect(addr).ok()?;
    s.set_read_timeout(Some(LIMIT)).ok()?;
    let mut req = format!("{method} {path} HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n");
    if let Some(t) = token {
        req.push_str(&format!("Authorization: Bearer {t}\r\n"));
    }
    let body = json.unwrap_or("");
    if json.is_some() {
        req.push_str("Content-Type: application/json\r\n");
    }
    req.push_str(&format!("Content-Length: {}\r\n\r\n{body}", body.len()));
    s.write_all(req.as_bytes()).ok()?;
    let mut out = String::new();
    s.read_to_string(&mut out).ok()?;
    let status = out.get(9..12)?.parse().ok()?;
    let (head, body) = out.split_once("\r\n\r\n")?;
    // The whole body arrived (the load's answers are small, not chunked).
    let length: usize = head
        .lines()
        .find_map(|l| {
            l.to_ascii_lowercase()
                .strip_prefix("content-length: ")
                .map(str::to_string)
        })
        .and_then(|v| v.trim().parse().ok())
        .unwrap_or(body.len());
    (body.len() == length).then(|| (status, body.to_string()))
}

/// A write the server answered with success.
#[derive(Clone, Debug)]
enum Done {
    Support { user: i64, proposal: i64 },
    Comment(String),
}

/// API tokens of `n` citizens of the demo (the database is not served yet).
fn tokens(db: &str, n: i64) -> Vec<(i64, String)> {
    block_on(async {
        let key = teilhabe_store::keys::InstanceKey::for_database(db, None).unwrap();
        let store = Store::open(db, &DbOptions::default(), Clock::System, key)
            .await
            .unwrap();
        let t = store.tenants().all().await.unwrap().remove(0);
        let users = store
            .db
            .all(
                "SELECT id FROM users ORDER BY id DESC LIMIT $1",
                &[P::from(n)],
            )
            .await
            .unwrap();
        let mut out = Vec::new();
        for u in users {
            let id = u.i64("id").unwrap();
            let token = store
                .accounts()
                .create_api_token(&t, id, "Lasttest")
                .await
                .unwrap();
            out.push((id, token));
        }
        store.db.close().await;
        out
    })
}

fn block_on<F: std::future::Future>(f: F) -> F::Output {
    tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .unwrap()
        .block_on(f)
}

/// Writers on the API: each supports and comments on every proposal in
/// turn (many answers are refusals: closed phases, a second support) and
/// records each success.
struct Load {
    stop: Arc<AtomicBool>,
    count: Arc<AtomicUsize>,
    done: Arc<Mutex<Vec<Done>>>,
    workers: Vec<std::thread::JoinHandle<()>>,
}

impl Load {
    fn start(addr: &str, tokens: Vec<(i64, String)>) -> Load {
        let stop = Arc::new(AtomicBool::new(false));
        let count = Arc::new(AtomicUsize::new(0));
        let done = Arc::new(Mutex::new(Vec::new()));
        let workers = tokens
            .into_iter()
            .map(|(user, token)| {
                let (addr, stop, count, done) =
                    (addr.to_string(), stop.clone(), count.clone(), done.clone());
                std::thread::spawn(move || {
                    let mut n = 0;
                    'run: loop {
                        for proposal in 1..=105 {
                            if stop.load(Ordering::SeqCst) {
                                break 'run;
                            }
                            let support = format!("/api/proposals/{proposal}/support");
                            if let Some((200, _)) =
                                http(&addr, "POST", &support, Some(&token), None)
                            {
                                done.lock().unwrap().push(Done::Support { user, proposal });
                                count.fetch_add(1, Ordering::SeqCst);
                            }
                            n += 1;
                            let text = format!("Lasttest Kommentar {user}-{n}");
                            let json = format!(r#"{{"body":"{text}"}}"#);
                            let path = format!("/api/proposals/{proposal}/comments");
                            match http(&addr, "POST", &path, Some(&token), Some(&json)) {
                                Some((201, _)) => {
                                    done.lock().unwrap().push(Done::Comment(text));
                                    count.fetch_add(1, Ordering::SeqCst);
                                }
                                Some(_) => {}
                                // The server is gone or stopping: do not spin.
                                None => std::thread::sleep(Duration::from_millis(20)),
                            }
                        }
                    }
                })
            })
            .collect();
        Load {
            stop,
            count,
            done,
            workers,
        }
    }

    /// Waits until `n` more writes succeeded.
    fn wait_for(&self, n: usize, server: &Server) {
        let target = self.count.load(Ordering::SeqCst) + n;
        let start = Instant::now();
        while self.count.load(Ordering::SeqCst) < target {
            assert!(
                start.elapsed() < LIMIT,
                "the load made no progress:\n{}",
                server.log()
            );
            std::thread::sleep(Duration::from_millis(20));
        }
    }

    fn snapshot(&self) -> Vec<Done> {
        self.done.lock().unwrap().clone()
    }

    fn finish(self) -> Vec<Done> {
        self.stop.store(true, Ordering::SeqCst);
        for w in self.workers {
            w.join().unwrap();
        }
        let done = self.done.lock().unwrap().clone();
        done
    }
}

/// The successful writes that the database at `db` does not hold.
fn missing(db: &str, done: &[Done]) -> Vec<Done> {
    block_on(async {
        let d = Db::connect(db, &DbOptions::default()).await.unwrap();
        let mut out = Vec::new();
        for w in done {
            let rows = match w {
                Done::Support { user, proposal } => d
                    .all(
                        "SELECT 1 AS x FROM supports WHERE user_id = $1 AND proposal_id = $2",
                        &[P::from(*user), P::from(*proposal)],
                    )
                    .await
                    .unwrap(),
                Done::Comment(text) => d
                    .all(
                        "SELECT 1 AS x FROM comments WHERE body = $1",
                        &[P::from(text.as_str())],
                    )
                    .await
                    .unwrap(),
            };
            if rows.is_empty() {
                out.push(w.clone());
            }
        }
        d.close().await;
        out
    })
}

fn supports_and_comments(done: &[Done]) -> (usize, usize) {
    let s = done
        .iter()
        .filter(|d| matches!(d, Done::Support { .. }))
        .count();
    (s, done.len() - s)
}

#[test]
fn backup_and_restore_have_help() {
    assert_help(&[&["backup"], &["restore"]]);
}

#[test]
fn backups_under_write_load_restore_and_verify() {
    let dir = tempfile::tempdir().unwrap();
    let db = demo_db(dir.path());
    // A restore takes the key file of the installation the backup is from.
    let key = format!("{}.key", db.trim_start_matches("sqlite:"));
    let server = Server::start(&db, dir.path(), &[], &[]);
    let load = Load::start(&server.addr, tokens(&db, 6));
    for i in 0..3 {
        load.wait_for(15, &server);
        let before = load.snapshot();
        let file = dir.path().join(format!("backup-{i}.db"));
        let file = file.to_str().unwrap();
        let (ok, out) = teilhabe(&db, &["backup", "--output", file]);
        assert!(ok, "{out}");
        assert!(out.contains("integrity check ok"), "{out}");
        use std::os::unix::fs::PermissionsExt;
        let mode = std::fs::metadata(file).unwrap().permissions().mode();
        assert_eq!(mode & 0o777, 0o600, "a backup is for its owner only");
        let fresh = format!("sqlite:{}", dir.path().join(format!("r{i}.db")).display());
        let (ok, out) = teilhabe(&fresh, &["restore", file]);
        assert!(!ok && out.contains("instance key file"), "{out}");
        let (ok, out) = teilhabe(&fresh, &["restore", file, "--key-file", &key]);
        assert!(ok, "{out}");
        assert!(out.contains("musterstadt: audit trail ok"), "{out}");
        let (ok, out) = teilhabe(&fresh, &["audit", "verify", "--key-file", &key]);
        assert!(ok && out.contains("musterstadt: ok"), "{out}");
        let integrity = block_on(async {
            let d = Db::connect(&fresh, &DbOptions::default()).await.unwrap();
            let r = d.one("PRAGMA integrity_check", &[]).await.unwrap();
            d.close().await;
            r.str("integrity_check").unwrap()
        });
        assert_eq!(integrity, "ok");
        // Consistent and not stale: every write answered before the backup
        // started is in it.
        let lost = missing(&fresh, &before);
        assert!(lost.is_empty(), "backup {i} lacks {lost:?}");
    }
    let done = load.finish();
    let (supports, comments) = supports_and_comments(&done);
    assert!(supports > 0 && comments > 0, "{supports} {comments}");

    // An existing file is kept unless --force; a filled database is no
    // restore target.
    let first = dir.path().join("backup-0.db");
    let first = first.to_str().unwrap();
    let (ok, out) = teilhabe(&db, &["backup", "--output", first]);
    assert!(!ok && out.contains("exists already"), "{out}");
    let (ok, out) = teilhabe(&db, &["backup", "--output", first, "--force"]);
    assert!(ok, "{out}");
    let (ok, out) = teilhabe(&db, &["restore", first]);
    assert!(!ok && out.contains("is not empty"), "{out}");
    // A damaged copy fails the check and leaves the target empty.
    let mut bytes = std::fs::read(first).unwrap();
    bytes[8192..8292].fill(0xff);
    let damaged = dir.path().join("damaged.db");
    std::fs::write(&damaged, bytes).unwrap();
    let target = dir.path().join("r-damaged.db");
    let (ok, out) = teilhabe(
        &format!("sqlite:{}", target.display()),
        &["restore", damaged.to_str().unwrap(), "--key-file", &key],
    );
    assert!(!ok && out.contains("failed its check"), "{out}");
    assert!(!target.exists());
    let text = dir.path().join("not-a-backup.txt");
    std::fs::write(&text, "hallo").unwrap();
    let fresh = format!("sqlite:{}", dir.path().join("r-text.db").display());
    let (ok, out) = teilhabe(
        &fresh,
        &["restore", text.to_str().unwrap(), "--key-file", &key],
    );
    assert!(!ok && out.contains("no teilhabe backup"), "{out}");
    drop(server);
}

/// Starts a server under load, waits for some successes, sends `signal`,
/// and returns the successes and the exit status.
fn load_then_signal(
    db: &str,
    dir: &Path,
    signal: &str,
    env: &[(&str, &str)],
) -> (Vec<Done>, ExitStatus, String) {
    let mut server = Server::start(db, dir, &[], env);
    let load = Load::start(&server.addr, tokens(db, 6));
    load.wait_for(40, &server);
    server.signal(signal);
    let status = server.wait();
    let done = load.finish();
    (done, status, server.log())
}

#[test]
fn every_write_answered_before_sigterm_is_stored() {
    let dir = tempfile::tempdir().unwrap();
    let db = demo_db(dir.path());
    let (done, status, log) =
        load_then_signal(&db, dir.path(), "-TERM", &[("TEILHABE_LOG_FORMAT", "json")]);
    assert!(status.success(), "exit status {status}:\n{log}");
    // The log is JSON, one object per line, and says the shutdown finished.
    let lines: Vec<serde_json::Value> = log
        .lines()
        .filter(|l| l.starts_with('{'))
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    assert!(
        lines
            .iter()
            .any(|l| l["message"] == "shutdown complete" && l["level"] == "INFO"),
        "{log}"
    );
    let (supports, comments) = supports_and_comments(&done);
    assert!(supports > 0 && comments > 0, "{supports} {comments}");
    let lost = missing(&db, &done);
    assert!(lost.is_empty(), "answered but not stored: {lost:?}");
    let (ok, out) = teilhabe(&db, &["audit", "verify"]);
    assert!(ok, "{out}");
}

#[test]
fn every_write_answered_before_kill_9_is_stored_after_a_restart() {
    let dir = tempfile::tempdir().unwrap();
    let db = demo_db(dir.path());
    let (done, status, log) = load_then_signal(&db, dir.path(), "-KILL", &[]);
    assert!(!status.success(), "{log}");
    let (supports, comments) = supports_and_comments(&done);
    assert!(supports > 0 && comments > 0, "{supports} {comments}");
    // The restarted server recovers the database from its journal.
    let server = Server::start(&db, dir.path(), &[], &[]);
    let lost = missing(&db, &done);
    assert!(lost.is_empty(), "answered but not stored: {lost:?}");
    drop(server);
    let (ok, out) = teilhabe(&db, &["audit", "verify"]);
    assert!(ok, "{out}");
}

/// Reads until the server closes the connection; what it sent, or `None`
/// if it kept the connection open for the whole LIMIT.
fn until_closed(s: &mut TcpStream) -> Option<String> {
    s.set_read_timeout(Some(LIMIT)).unwrap();
    let mut out = Vec::new();
    let mut buf = [0u8; 4096];
    loop {
        match s.read(&mut buf) {
            Ok(0) => return Some(String::from_utf8_lossy(&out).into_owned()),
            Ok(n) => out.extend_from_slice(&buf[..n]),
            Err(e)
                if e.kind() == std::io::ErrorKind::WouldBlock
                    || e.kind() == std::io::ErrorKind::TimedOut =>
            {
                return None
            }
            // Reset by the server: closed as well.
            Err(_) => return Some(String::from_utf8_lossy(&out).into_owned()),
        }
    }
}

#[test]
fn slow_headers_slow_bodies_and_idle_connections_are_closed() {
    let dir = tempfile::tempdir().unwrap();
    let db = format!("sqlite:{}", dir.path().join("t.db").display());
    let (ok, out) = teilhabe(&db, &["demo"]);
    assert!(ok, "{out}");
    let server = Server::start(
        &db,
        dir.path(),
        &["--header-timeout", "1", "--request-timeout", "2"],
        &[],
    );

    // Half-sent headers: closed without an answer to the request.
    let mut s = TcpStream::connect(&server.addr).unwrap();
    s.write_all(b"GET / HTTP/1.1\r\nHost: localhost\r\n")
        .unwrap();
    let got = until_closed(&mut s).expect("half-sent headers kept the connection open");
    assert!(!got.contains(" 200 "), "{got}");

    // A declared body that never arrives: 408, then closed.
    let mut s = TcpStream::connect(&server.addr).unwrap();
    s.write_all(
        b"POST /login HTTP/1.1\r\nHost: localhost\r\nContent-Type: application/x-www-form-urlencoded\r\nContent-Length: 100000\r\n\r\nemail=a",
    )
    .unwrap();
    let got = until_closed(&mut s).expect("a stalled body kept the connection open");
    assert!(got.starts_with("HTTP/1.1 408"), "{got}");

    // A declared 1 GB body that never comes: the same.
    let mut s = TcpStream::connect(&server.addr).unwrap();
    s.write_all(
        b"POST /login HTTP/1.1\r\nHost: localhost\r\nContent-Type: application/x-www-form-urlencoded\r\nContent-Length: 1000000000\r\n\r\nemail=a",
    )
    .unwrap();
    let got = until_closed(&mut s).expect("a declared 1 GB body kept the connection open");
    assert!(got.starts_with("HTTP/1.1 408"), "{got}");

    // An idle keep-alive connection: answered, then closed.
    let mut s = TcpStream::connect(&server.addr).unwrap();
    s.write_all(b"GET /health HTTP/1.1\r\nHost: localhost\r\n\r\n")
        .unwrap();
    let got = until_closed(&mut s).expect("an idle keep-alive connection stayed open");
    assert!(got.starts_with("HTTP/1.1 200"), "{got}");

    // Requests within the limits are answered as before.
    assert_eq!(
        http(&server.addr, "GET", "/health", None, None),
        Some((200, "ok".to_string()))
    );
    drop(server);
}

/// On PostgreSQL (with TEILHABE_TEST_POSTGRES_URL, an admin URL, and the
/// client tools installed): pg_dump, pg_restore into a new database, the
/// audit chain verifies; a filled database and a SQLite backup are refused.
#[test]
fn backup_and_restore_on_postgres() {
    let Ok(admin) = std::env::var("TEILHABE_TEST_POSTGRES_URL") else {
        eprintln!("skipped: TEILHABE_TEST_POSTGRES_URL is not set");
        return;
    };
    if Command::new("pg_dump").arg("--version").output().is_err() {
        eprintln!("skipped: pg_dump is not installed");
        return;
    }
    let suffix = std::process::id();
    let (src, dst) = (format!("ops_src_{suffix}"), format!("ops_dst_{suffix}"));
    let url = |name: &str| {
        let (base, _) = admin.rsplit_once('/').unwrap();
        format!("{base}/{name}")
    };
    block_on(async {
        let d = Db::connect(&admin, &DbOptions::default()).await.unwrap();
        for name in [&src, &dst] {
            d.exec(&format!("DROP DATABASE IF EXISTS {name}"), &[])
                .await
                .unwrap();
            d.exec(&format!("CREATE DATABASE {name}"), &[])
                .await
                .unwrap();
        }
        d.close().await;
    });
    let (src, dst) = (url(&src), url(&dst));
    let dir = tempfile::tempdir().unwrap();
    // PostgreSQL needs the instance key file given; the restore takes the
    // one of the installation the backup is from.
    let key = dir.path().join("instance.key");
    let key = key.to_str().unwrap();
    let teilhabe = |db: &str, args: &[&str]| teilhabe(db, &[args, &["--key-file", key]].concat());
    let (ok, out) = teilhabe(&src, &["demo"]);
    assert!(ok, "{out}");
    let file = dir.path().join("pg.dump");
    let file = file.to_str().unwrap();
    let (ok, out) = teilhabe(&src, &["backup", "--output", file]);
    assert!(ok && out.contains("backup written"), "{out}");
    let (ok, out) = teilhabe(&dst, &["restore", file]);
    assert!(ok && out.contains("musterstadt: audit trail ok"), "{out}");
    let (ok, out) = teilhabe(&dst, &["audit", "verify"]);
    assert!(ok && out.contains("musterstadt: ok"), "{out}");
    let (ok, out) = teilhabe(&dst, &["restore", file]);
    assert!(!ok && out.contains("is not empty"), "{out}");
    let sqlite = dir.path().join("s.db");
    let sqlite_url = format!("sqlite:{}", sqlite.display());
    let (ok, out) = teilhabe(&sqlite_url, &["migrate"]);
    assert!(ok, "{out}");
    let (ok, out) = teilhabe(&sqlite_url, &["backup", "--output", file, "--force"]);
    assert!(ok, "{out}");
    let (ok, out) = teilhabe(&dst, &["restore", file]);
    assert!(!ok && out.contains("is a SQLite backup"), "{out}");
}
