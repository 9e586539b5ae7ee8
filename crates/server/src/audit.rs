//! `teilhabe audit`: verify the hash chains (against the stored head, the
//! signed checkpoints, expected `SEQ:HASH` pairs or a saved checkpoints
//! file) and make a signed checkpoint on demand.

use anyhow::{bail, Context, Result};
use clap::{Args, Subcommand};
use teilhabe_store::checkpoints::{check_published, parse_expect, Published};
use teilhabe_store::Store;

#[derive(Subcommand)]
pub enum AuditCommand {
    /// Check every municipality's hash chain; names the first broken entry.
    /// Also checks the stored signed checkpoints, and with --expect or
    /// --checkpoints the chain against hashes kept outside the database
    Verify(VerifyArgs),
    /// Sign the current head of every municipality's chain now (the server
    /// also does it every 15 minutes) and print it
    Checkpoint,
}

#[derive(Args)]
pub struct VerifyArgs {
    /// An entry number and the hash it must have, e.g. 1200:3fa4…
    /// (repeatable; from a checkpoint or a printed head you kept)
    #[arg(long, value_name = "SEQ:HASH")]
    expect: Vec<String>,
    /// Checkpoints as /api/audit/checkpoints returns them: a saved JSON file,
    /// or an http:// URL (for https save the file first, e.g. with curl)
    #[arg(long, value_name = "URL|FILE")]
    checkpoints: Option<String>,
    /// Municipality slug for --expect (default: the only one)
    #[arg(long)]
    municipality: Option<String>,
}

pub async fn run(store: &Store, cmd: AuditCommand) -> Result<()> {
    match cmd {
        AuditCommand::Verify(args) => verify(store, args).await,
        AuditCommand::Checkpoint => {
            for t in store.tenants().all().await? {
                match store.audit().checkpoint(&t).await? {
                    Some(c) => println!(
                        "{}: checkpoint at entry {} hash {} (public key {})",
                        t.slug,
                        c.seq,
                        c.hash,
                        store.key().public_key_hex()
                    ),
                    None => println!("{}: no new entries since the last checkpoint", t.slug),
                }
            }
            Ok(())
        }
    }
}

async fn verify(store: &Store, args: VerifyArgs) -> Result<()> {
    let expect = args
        .expect
        .iter()
        .map(|e| parse_expect(e).map_err(|err| anyhow::anyhow!("{e}: {err}")))
        .collect::<Result<Vec<_>>>()?;
    let expect_tenant = if expect.is_empty() {
        None
    } else {
        Some(super::tenant(store, &args.municipality).await?.id)
    };
    let published = match &args.checkpoints {
        Some(src) => Some(load_checkpoints(src).await?),
        None => None,
    };
    if let Some(p) = &published {
        if store.tenants().by_slug(&p.municipality).await.is_err() {
            bail!(
                "the checkpoints are of the municipality '{}', which this database does not have",
                p.municipality
            );
        }
    }
    let mut broken = false;
    for t in store.tenants().all().await? {
        let v = store.audit().verify(&t).await?;
        match (&v.first_break, v.head_mismatch) {
            (Some((seq, why)), _) => {
                broken = true;
                println!(
                    "{}: BROKEN at entry {seq}: {why} ({} entries verified before it)",
                    t.slug, v.entries
                );
            }
            (None, true) => {
                broken = true;
                println!("{}: BROKEN: the stored head does not match the last entry (entries removed at the end?); {} entries verified, last hash {}", t.slug, v.entries, v.head);
            }
            (None, false) => {
                println!("{}: ok, {} entries, head {}", t.slug, v.entries, v.head)
            }
        }
        let mut problems = store.audit().check_stored_checkpoints(&t).await?;
        if expect_tenant == Some(t.id) {
            for m in store.audit().compare(&t, &expect).await? {
                problems.push(format!("--expect: {m}"));
            }
        }
        if let Some(p) = published.as_ref().filter(|p| p.municipality == t.slug) {
            for m in check_published(&store.audit(), &t, p).await? {
                problems.push(format!("--checkpoints: {m}"));
            }
        }
        for p in &problems {
            println!("{}: REWRITTEN: {p}", t.slug);
        }
        broken |= !problems.is_empty();
    }
    if broken {
        bail!("audit trail verification failed");
    }
    Ok(())
}

/// Reads published checkpoints from a file or an http:// URL.
async fn load_checkpoints(src: &str) -> Result<Published> {
    let text = if let Some(rest) = src.strip_prefix("http://") {
        http_get(rest)
            .await
            .with_context(|| format!("cannot fetch {src}"))?
    } else if src.starts_with("https://") {
        bail!("--checkpoints: https is not supported here; save the JSON first (curl -o checkpoints.json {src}) and give the file");
    } else {
        std::fs::read_to_string(src).with_context(|| format!("cannot read {src}"))?
    };
    serde_json::from_str(&text).with_context(|| {
        format!("{src} is not a checkpoints document as /api/audit/checkpoints returns it")
    })
}

/// A plain HTTP/1.0 GET of `host[:port]/path`; the body if the status is 200.
async fn http_get(rest: &str) -> Result<String> {
    use tokio::io::{AsyncReadExt, AsyncWriteExt};
    let (authority, path) = match rest.find('/') {
        Some(i) => (&rest[..i], &rest[i..]),
        None => (rest, "/"),
    };
    let addr = if authority.contains(':') {
        authority.to_string()
    } else {
        format!("{authority}:80")
    };
    let host = authority.split(':').next().unwrap_or(authority);
    let mut stream = tokio::time::timeout(
        std::time::Duration::from_secs(10),
        tokio::net::TcpStream::connect(&addr),
    )
    .await
    .context("timed out connecting")??;
    let request = format!(
        "GET {path} HTTP/1.0\r\nHost: {host}\r\nAccept: application/json\r\nConnection: close\r\n\r\n"
    );
    stream.write_all(request.as_bytes()).await?;
    let mut body = Vec::new();
    tokio::time::timeout(
        std::time::Duration::from_secs(30),
        stream.take(16 * 1024 * 1024).read_to_end(&mut body),
    )
    .await
    .context("timed out reading")??;
    let text = String::from_utf8(body).context("the answer is not UTF-8")?;
    let (head, body) = text
        .split_once("\r\n\r\n")
        .context("the answer is not HTTP")?;
    let status = head.lines().next().unwrap_or("");
    if status.split_whitespace().nth(1) != Some("200") {
        bail!("the server answered {status}");
    }
    Ok(body.to_string())
}
