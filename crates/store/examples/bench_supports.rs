//! Write benchmark: durable supports per second through the real service
//! (permission check, unique constraint, counter, audit entry, commit).
//!
//!   cargo run --release -p teilhabe-store --example bench_supports -- [DATABASE_URL] [SUPPORTS] [CONCURRENCY]
//!
//! Default: a fresh SQLite file (WAL, synchronous=FULL) with 20,000
//! supports from 64 concurrent tasks. For PostgreSQL pass a URL of an
//! empty database (synchronous_commit stays on).
#![allow(clippy::unwrap_used)] // a test or tool stops at its first unexpected error

use std::time::Instant;
use teilhabe_domain::process::{Form, ProcessRules};
use teilhabe_domain::proposal::ProposalDraft;
use teilhabe_store::processes::{PhaseInput, ProcessInput};
use teilhabe_store::{Clock, DbOptions, Store};

#[tokio::main]
async fn main() -> Result<(), Box<dyn std::error::Error>> {
    let args: Vec<String> = std::env::args().collect();
    let dir = std::env::temp_dir().join(format!("teilhabe-bench-{}", std::process::id()));
    std::fs::create_dir_all(&dir)?;
    let url = args
        .get(1)
        .filter(|s| !s.is_empty())
        .cloned()
        .unwrap_or_else(|| format!("sqlite:{}", dir.join("bench.db").display()));
    let total: usize = args.get(2).and_then(|s| s.parse().ok()).unwrap_or(20_000);
    let concurrency: usize = args.get(3).and_then(|s| s.parse().ok()).unwrap_or(64);
    let store = Store::open(
        &url,
        &DbOptions {
            max_connections: 32,
        },
        Clock::System,
    )
    .await?;
    let tenant = store.create_tenant("bench", "Benchstadt", &[]).await?;
    let dept = store.create_department(&tenant, "Amt").await?;
    let hash = teilhabe_store::accounts::hash_password("bench-passwort")?;
    let admin = store
        .create_user_with_hash(
            &tenant,
            "admin@bench.example",
            "Admin",
            &hash,
            "de",
            &[(teilhabe_domain::Role::Admin, None)],
        )
        .await?;
    let admin = store.actor_of(&admin).await?;
    let input = ProcessInput {
        title: "Benchmark-Beteiligung".into(),
        slug: "bench".into(),
        summary: "Prozess für den Schreib-Benchmark.".into(),
        body: String::new(),
        department_id: Some(dept),
        area: String::new(),
        image_url: String::new(),
        status: "published".into(),
        rules: ProcessRules::default(),
        phases: vec![PhaseInput {
            title: "Offen".into(),
            starts_on: "2020-01-01".into(),
            ends_on: "2099-12-31".into(),
            forms: Form::ALL.to_vec(),
        }],
        active_phase: Some(0),
    };
    store.create_process(&tenant, &admin, &input).await?;
    let proposals = 50usize;
    let mut ids = Vec::new();
    for i in 0..proposals {
        let d = ProposalDraft {
            title: format!("Vorschlag Nummer {i}"),
            body: "Ein Vorschlag für den Benchmark mit genug Text.".into(),
            ..Default::default()
        };
        ids.push(
            store
                .proposals()
                .create(&tenant, &admin, "bench", &d, None)
                .await?
                .id,
        );
    }
    let users = total.div_ceil(proposals);
    eprintln!("creating {users} accounts ...");
    let mut actors = Vec::new();
    for u in 0..users {
        let user = store
            .create_user_with_hash(
                &tenant,
                &format!("b{u}@bench.example"),
                &format!("B {u}"),
                &hash,
                "de",
                &[],
            )
            .await?;
        actors.push(store.actor_of(&user).await?);
    }
    let work: Vec<(usize, usize)> = (0..total).map(|i| (i / proposals, i % proposals)).collect();
    let work = std::sync::Arc::new(work);
    let next = std::sync::Arc::new(std::sync::atomic::AtomicUsize::new(0));
    let actors = std::sync::Arc::new(actors);
    let ids = std::sync::Arc::new(ids);
    let start = Instant::now();
    let mut tasks = Vec::new();
    for _ in 0..concurrency {
        let (store, tenant, work, next, actors, ids) = (
            store.clone(),
            tenant.clone(),
            work.clone(),
            next.clone(),
            actors.clone(),
            ids.clone(),
        );
        tasks.push(tokio::spawn(async move {
            loop {
                let i = next.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
                let Some(&(u, p)) = work.get(i) else { break };
                store
                    .proposals()
                    .support(&tenant, &actors[u], ids[p], None)
                    .await
                    .expect("support");
            }
        }));
    }
    for t in tasks {
        t.await?;
    }
    let secs = start.elapsed().as_secs_f64();
    let n = store
        .db
        .one("SELECT COUNT(*) AS n FROM supports", &[])
        .await?
        .i64("n")?;
    assert_eq!(n as usize, total);
    let v = store.audit().verify(&tenant).await?;
    assert!(v.first_break.is_none());
    println!(
        "{} supports in {secs:.2} s = {:.0} supports/s ({} concurrent, {})",
        total,
        total as f64 / secs,
        concurrency,
        if store.db.is_postgres() {
            "PostgreSQL"
        } else {
            "SQLite WAL synchronous=FULL"
        }
    );
    let _ = std::fs::remove_dir_all(&dir);
    Ok(())
}
