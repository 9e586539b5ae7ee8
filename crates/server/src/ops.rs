//! `teilhabe backup` and `teilhabe restore`. A plain copy of a SQLite file
//! under write load is stale (the WAL is missing) or even corrupt, so the
//! backup asks SQLite itself for a consistent copy (`VACUUM INTO`, a read
//! transaction: the server keeps writing meanwhile) and checks it before it
//! takes the file's name. PostgreSQL is dumped and restored by its own
//! tools (`pg_dump` / `pg_restore`, custom format); without them the exact
//! command is printed.

use crate::{open, DbArgs};
use anyhow::{bail, Context, Result};
use clap::Args;
use std::io::Read;
use std::path::{Path, PathBuf};
use std::process::Command;
use teilhabe_store::{Db, DbOptions, P};

#[derive(Args)]
pub struct BackupArgs {
    /// File to write: a SQLite database file, or for PostgreSQL a pg_dump
    /// archive (custom format)
    #[arg(long)]
    output: PathBuf,
    /// Overwrite the file if it exists
    #[arg(long)]
    force: bool,
}

#[derive(Args)]
pub struct RestoreArgs {
    /// A file written by `teilhabe backup`; the database (--database-url)
    /// must be empty: a new SQLite file or a new PostgreSQL database
    file: PathBuf,
}

fn is_postgres(url: &str) -> bool {
    url.starts_with("postgres://") || url.starts_with("postgresql://")
}

/// The file of a `sqlite:` URL (without its `?options`); none for memory.
fn sqlite_path(url: &str) -> Option<PathBuf> {
    let rest = url
        .strip_prefix("sqlite://")
        .or_else(|| url.strip_prefix("sqlite:"))?;
    let path = rest.split('?').next().unwrap_or_default();
    (!path.is_empty() && path != ":memory:").then(|| PathBuf::from(path))
}

/// A connection without migrations: backup and restore change nothing in
/// the database they read or check.
async fn connect(url: &str) -> Result<Db> {
    Db::connect(url, &DbOptions { max_connections: 2 })
        .await
        .with_context(|| format!("cannot open database {url}"))
}

/// `file.partial` next to `file`: written first, renamed when complete.
fn partial(file: &Path) -> PathBuf {
    let mut name = file.as_os_str().to_owned();
    name.push(".partial");
    PathBuf::from(name)
}

pub async fn backup(db: &DbArgs, args: BackupArgs) -> Result<()> {
    let url = db.database_url.as_str();
    let out = &args.output;
    if out.exists() && !args.force {
        bail!(
            "{} exists already: choose another file, or pass --force to overwrite it",
            out.display()
        );
    }
    if is_postgres(url) {
        let tmp = partial(out);
        let file = tmp.display().to_string();
        let dumped = pg_tool(
            url,
            "pg_dump",
            &["--format=custom", "--no-owner", "--file", &file],
        );
        if let Err(e) = dumped.and_then(|()| private(&tmp)) {
            let _ = std::fs::remove_file(&tmp);
            return Err(e);
        }
        std::fs::rename(&tmp, out)
            .with_context(|| format!("cannot rename {} to {}", tmp.display(), out.display()))?;
        println!("backup written to {}", out.display());
        key_reminder(db);
        return Ok(());
    }
    let Some(source) = sqlite_path(url) else {
        bail!("cannot back up {url}: expected sqlite:PATH (a file) or postgres://...");
    };
    if !source.exists() {
        bail!("no database at {}: nothing to back up", source.display());
    }
    let tmp = partial(out);
    remove_if_exists(&tmp)?;
    let live = connect(url).await?;
    let copied = live
        .all("VACUUM INTO $1", &[P::from(tmp.display().to_string())])
        .await
        .with_context(|| format!("cannot write the backup to {}", tmp.display()));
    live.close().await;
    copied?;
    let checked = integrity(&format!("sqlite:{}", tmp.display())).await;
    if let Err(e) = checked {
        let _ = std::fs::remove_file(&tmp);
        return Err(e.context("the backup copy failed its check and was removed"));
    }
    private(&tmp)?;
    std::fs::File::open(&tmp)
        .and_then(|f| f.sync_all())
        .with_context(|| format!("cannot sync {}", tmp.display()))?;
    std::fs::rename(&tmp, out)
        .with_context(|| format!("cannot rename {} to {}", tmp.display(), out.display()))?;
    let bytes = std::fs::metadata(out).map(|m| m.len()).unwrap_or(0);
    println!(
        "backup written to {} ({bytes} bytes, integrity check ok)",
        out.display()
    );
    key_reminder(db);
    Ok(())
}

/// A backup restores only with the instance key file, which is kept out
/// of the database on purpose: say where it is.
fn key_reminder(db: &DbArgs) {
    let key = match &db.key_file {
        Some(p) => Some(p.clone()),
        None => teilhabe_store::keys::InstanceKey::default_path(&db.database_url)
            .ok()
            .flatten(),
    };
    if let Some(key) = key {
        println!(
            "keep a copy of the instance key file {} apart from the backups: a restore needs it",
            key.display()
        );
    }
}

pub async fn restore(db: &DbArgs, args: RestoreArgs) -> Result<()> {
    let url = db.database_url.as_str();
    let file = &args.file;
    let mut head = [0u8; 16];
    let n = std::fs::File::open(file)
        .and_then(|mut f| f.read(&mut head))
        .with_context(|| format!("cannot read {}", file.display()))?;
    let sqlite_backup = head[..n] == *b"SQLite format 3\0";
    let pg_backup = head[..n].starts_with(b"PGDMP");
    if !sqlite_backup && !pg_backup {
        bail!(
            "{} is no teilhabe backup (neither a SQLite database nor a pg_dump archive in custom format)",
            file.display()
        );
    }
    // The backup's ballot keys and checkpoint signatures belong to the
    // instance key of the installation it was taken from: a restore with
    // a new key would be refused when opened, so ask for it before writing.
    let key = match &db.key_file {
        Some(p) => Some(p.clone()),
        None => teilhabe_store::keys::InstanceKey::default_path(url)?,
    };
    if let Some(key) = key.filter(|k| !k.exists()) {
        bail!(
            "restore needs the instance key file of the installation the backup comes from: give it with --key-file PATH (TEILHABE_KEY_FILE) or copy it to {} (nothing was written)",
            key.display()
        );
    }
    if is_postgres(url) {
        if !pg_backup {
            bail!("{} is a SQLite backup; it restores only into a SQLite database (--database-url sqlite:PATH)", file.display());
        }
        let target = connect(url).await?;
        let empty = ensure_empty(&target, url).await;
        target.close().await;
        empty?;
        let path = file.display().to_string();
        pg_tool(
            url,
            "pg_restore",
            &[
                "--clean",
                "--if-exists",
                "--no-owner",
                "--no-privileges",
                "--exit-on-error",
                &path,
            ],
        )?;
    } else {
        if !sqlite_backup {
            bail!("{} is a PostgreSQL backup (pg_dump); it restores only into a PostgreSQL database (--database-url postgres://...)", file.display());
        }
        let Some(path) = sqlite_path(url) else {
            bail!("cannot restore into {url}: expected sqlite:PATH (a file) or postgres://...");
        };
        if path.exists() {
            let target = connect(url).await?;
            let empty = ensure_empty(&target, url).await;
            target.close().await;
            empty?;
        }
        let tmp = partial(&path);
        std::fs::copy(file, &tmp)
            .with_context(|| format!("cannot copy {} to {}", file.display(), tmp.display()))?;
        std::fs::File::open(&tmp)
            .and_then(|f| f.sync_all())
            .with_context(|| format!("cannot sync {}", tmp.display()))?;
        // The empty database's journal must not be applied to the copy.
        for ext in ["-wal", "-shm"] {
            let mut side = path.as_os_str().to_owned();
            side.push(ext);
            remove_if_exists(Path::new(&side))?;
        }
        std::fs::rename(&tmp, &path)
            .with_context(|| format!("cannot rename {} to {}", tmp.display(), path.display()))?;
        if let Err(e) = integrity(url).await {
            // Leave the database empty, as it was.
            for ext in ["", "-wal", "-shm"] {
                let mut file = path.as_os_str().to_owned();
                file.push(ext);
                let _ = std::fs::remove_file(&file);
            }
            return Err(e.context("the restored copy failed its check and was removed"));
        }
    }
    // Migrations bring an older backup up to this version.
    let store = open(db).await?;
    let mut broken = 0;
    for t in store.tenants().all().await? {
        let v = store.audit().verify(&t).await?;
        if v.first_break.is_some() || v.head_mismatch {
            broken += 1;
            println!(
                "{}: audit trail BROKEN (see `teilhabe audit verify`)",
                t.slug
            );
        } else {
            println!("{}: audit trail ok, {} entries", t.slug, v.entries);
        }
    }
    store.db.close().await;
    if broken > 0 {
        bail!("restored, but the audit trail of {broken} municipality(ies) does not verify");
    }
    println!("restored {} into {}", file.display(), redact(url).0);
    Ok(())
}

/// A backup holds personal data: readable by its owner only.
fn private(path: &Path) -> Result<()> {
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        std::fs::set_permissions(path, std::fs::Permissions::from_mode(0o600))
            .with_context(|| format!("cannot restrict the permissions of {}", path.display()))?;
    }
    #[cfg(not(unix))]
    let _ = path;
    Ok(())
}

fn remove_if_exists(path: &Path) -> Result<()> {
    match std::fs::remove_file(path) {
        Err(e) if e.kind() != std::io::ErrorKind::NotFound => {
            Err(e).with_context(|| format!("cannot remove {}", path.display()))
        }
        _ => Ok(()),
    }
}

/// `PRAGMA integrity_check` of a SQLite database must answer "ok".
async fn integrity(url: &str) -> Result<()> {
    let db = connect(url).await?;
    let rows = db.all("PRAGMA integrity_check", &[]).await;
    db.close().await;
    let problems: Vec<String> = rows?
        .iter()
        .filter_map(|r| r.str("integrity_check").ok())
        .filter(|s| s != "ok")
        .collect();
    if !problems.is_empty() {
        bail!("integrity check failed: {}", problems.join("; "));
    }
    Ok(())
}

/// Refuses a database in which any table (but the migration log) has rows.
async fn ensure_empty(db: &Db, url: &str) -> Result<()> {
    let sql = if db.is_postgres() {
        "SELECT table_name AS name FROM information_schema.tables WHERE table_schema = current_schema() AND table_type = 'BASE TABLE' AND table_name <> '_sqlx_migrations' ORDER BY 1"
    } else {
        // Only ordinary tables: a full-text index's shadow tables have
        // rows even in a new database.
        "SELECT name FROM pragma_table_list WHERE schema = 'main' AND type = 'table' AND name NOT LIKE 'sqlite_%' AND name <> '_sqlx_migrations' ORDER BY 1"
    };
    let mut filled = Vec::new();
    for row in db.all(sql, &[]).await? {
        let table = row.str("name")?;
        let quoted = table.replace('"', "\"\"");
        let probe = format!("SELECT 1 AS x FROM \"{quoted}\" LIMIT 1");
        if !db.all(&probe, &[]).await?.is_empty() {
            filled.push(table);
        }
    }
    if !filled.is_empty() {
        let shown: Vec<&str> = filled.iter().take(5).map(String::as_str).collect();
        bail!(
            "the database {} is not empty (rows in {}{}): a backup is restored only into an empty database, e.g. a new file or a new PostgreSQL database (createdb)",
            redact(url).0,
            shown.join(", "),
            if filled.len() > 5 { ", ..." } else { "" }
        );
    }
    Ok(())
}

/// The URL without its password, and the password.
fn redact(url: &str) -> (String, Option<String>) {
    let Some((scheme, rest)) = url.split_once("://") else {
        return (url.to_string(), None);
    };
    let authority_end = rest.find('/').unwrap_or(rest.len());
    let (authority, tail) = rest.split_at(authority_end);
    let Some((userinfo, host)) = authority.rsplit_once('@') else {
        return (url.to_string(), None);
    };
    match userinfo.split_once(':') {
        Some((user, password)) => (
            format!("{scheme}://{user}@{host}{tail}"),
            Some(password.to_string()),
        ),
        None => (url.to_string(), None),
    }
}

/// Runs `pg_dump` / `pg_restore` on the database (the password passed in
/// PGPASSWORD, not on the command line); without the tool, prints the
/// command to run and fails, so that no script takes it for a backup.
fn pg_tool(url: &str, tool: &str, args: &[&str]) -> Result<()> {
    let (bare, password) = redact(url);
    let mut cmd = Command::new(tool);
    cmd.args(args).arg("--dbname").arg(&bare);
    if let Some(p) = &password {
        cmd.env("PGPASSWORD", p);
    }
    let shown = format!(
        "{}{tool} {} --dbname '{bare}'",
        if password.is_some() {
            "PGPASSWORD=... "
        } else {
            ""
        },
        args.iter()
            .map(|a| format!("'{a}'"))
            .collect::<Vec<_>>()
            .join(" ")
    );
    match cmd.status() {
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => {
            println!("{tool} was not found (install the PostgreSQL client tools); run:\n  {shown}");
            bail!("{tool} not found: nothing was done");
        }
        Err(e) => Err(e).with_context(|| format!("cannot run {tool}")),
        Ok(s) if !s.success() => bail!("{tool} failed ({s}): {shown}"),
        Ok(_) => {
            println!("{tool} done: {shown}");
            Ok(())
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn urls() {
        assert_eq!(sqlite_path("sqlite:a/b.db"), Some(PathBuf::from("a/b.db")));
        assert_eq!(
            sqlite_path("sqlite:///tmp/x.db?mode=rwc"),
            Some(PathBuf::from("/tmp/x.db"))
        );
        assert_eq!(sqlite_path("sqlite::memory:"), None);
        assert_eq!(sqlite_path("postgres://h/db"), None);
        assert_eq!(
            redact("postgres://u:secret@h:5432/db?sslmode=require"),
            (
                "postgres://u@h:5432/db?sslmode=require".to_string(),
                Some("secret".to_string())
            )
        );
        assert_eq!(
            redact("postgres://u@h/db"),
            ("postgres://u@h/db".to_string(), None)
        );
        assert_eq!(
            partial(Path::new("/x/b.db")),
            PathBuf::from("/x/b.db.partial")
        );
    }
}
