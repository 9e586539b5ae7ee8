//! Running the `teilhabe` binary as a person would, for the CLI tests.

use std::path::Path;
use std::process::Command;

/// Runs `teilhabe args` on the database `db`: whether it succeeded, and
/// what it printed (stdout, then stderr).
pub fn teilhabe(db: &str, args: &[&str]) -> (bool, String) {
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

/// Each of `commands` answers `--help` with its usage.
pub fn assert_help(commands: &[&[&str]]) {
    for command in commands {
        let args = [*command, &["--help"]].concat();
        let (ok, out) = teilhabe("sqlite::memory:", &args);
        assert!(ok && out.contains("Usage:"), "{args:?}: {out}");
    }
}

/// A new SQLite database `t.db` in `dir` with the demo loaded; its URL.
pub fn demo_db(dir: &Path) -> String {
    let db = format!("sqlite:{}", dir.join("t.db").display());
    let (ok, out) = teilhabe(&db, &["demo"]);
    assert!(ok, "{out}");
    db
}
