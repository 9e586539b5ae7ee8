//! Graceful shutdown: the real binary, sent SIGTERM while serving, stops
//! accepting, lets the background jobs finish, closes the database, logs
//! each step and exits 0.
#![cfg(unix)]

use std::io::{Read, Write};
use std::net::{TcpListener, TcpStream};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

/// Generous: the bound is about hanging, not speed.
const LIMIT: Duration = Duration::from_secs(60);

#[test]
fn sigterm_stops_the_server_cleanly() {
    let dir = tempfile::tempdir().unwrap();
    let db = format!("sqlite:{}", dir.path().join("t.db").display());
    let port = TcpListener::bind("127.0.0.1:0")
        .unwrap()
        .local_addr()
        .unwrap()
        .port();
    let addr = format!("127.0.0.1:{port}");
    let stderr_path = dir.path().join("stderr.log");
    let mut child = Command::new(env!("CARGO_BIN_EXE_teilhabe"))
        .args(["serve", "--bind", &addr])
        .env("TEILHABE_DATABASE_URL", &db)
        .env("TEILHABE_LOG", "info")
        .stdout(Stdio::null())
        .stderr(std::fs::File::create(&stderr_path).unwrap())
        .spawn()
        .expect("start teilhabe serve");
    let log = || std::fs::read_to_string(&stderr_path).unwrap_or_default();

    // Up once it answers a request.
    let start = Instant::now();
    let answered = loop {
        if let Ok(mut s) = TcpStream::connect(&addr) {
            s.write_all(b"GET /health HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n")
                .unwrap();
            let mut response = String::new();
            let _ = s.read_to_string(&mut response);
            break response;
        }
        if start.elapsed() > LIMIT || child.try_wait().unwrap().is_some() {
            let _ = child.kill();
            panic!("the server did not start:\n{}", log());
        }
        std::thread::sleep(Duration::from_millis(100));
    };
    assert!(answered.starts_with("HTTP/1.1 "), "{answered}");

    let killed = Command::new("kill")
        .args(["-TERM", &child.id().to_string()])
        .status()
        .unwrap();
    assert!(killed.success());
    let start = Instant::now();
    let status = loop {
        if let Some(status) = child.try_wait().unwrap() {
            break status;
        }
        if start.elapsed() > LIMIT {
            let _ = child.kill();
            panic!("the server did not stop after SIGTERM:\n{}", log());
        }
        std::thread::sleep(Duration::from_millis(50));
    };
    let log = log();
    assert!(status.success(), "exit status {status}:\n{log}");
    for step in [
        "shutdown requested",
        "SIGTERM",
        "background jobs stopped",
        "shutdown complete",
    ] {
        assert!(log.contains(step), "the log does not say {step:?}:\n{log}");
    }
    assert!(
        TcpStream::connect(&addr).is_err(),
        "still accepting connections"
    );
}
