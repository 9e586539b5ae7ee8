//! Write benchmark: durable supports per second through the real service
//! (permission check, unique constraint, counter, audit entry, commit).
//!
//!   cargo run --release -p teilhabe-store --example bench_supports -- [DATABASE_URL] [SUPPORTS] [CONCURRENCY]
//!
//! Default: a fresh SQLite file (WAL, synchronous=FULL) with 20,000
//! supports from 64 concurrent tasks. For PostgreSQL pass a URL of an
//! empty database (synchronous_commit stays on).
#![allow(clippy::unwrap_used)] // a test or tool stops at its first unexpected error

mod bench;

use bench::{Bench, Error};
use std::time::Instant;
use teilhabe_domain::process::Form;
use teilhabe_domain::proposal::ProposalDraft;

#[tokio::main]
async fn main() -> Result<(), Error> {
    let bench = Bench::open(
        "teilhabe-bench",
        "Benchmark-Beteiligung",
        Form::ALL.to_vec(),
    )
    .await?;
    let (total, concurrency) = (bench.total, bench.concurrency);
    let (store, tenant, admin) = (&bench.store, &bench.tenant, &bench.admin);
    let hash = teilhabe_store::accounts::hash_password("bench-passwort")?;
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
                .create(tenant, admin, "bench", &d, None)
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
                tenant,
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
    assert_eq!(bench.rows("supports").await?, total);
    let v = store.audit().verify(tenant).await?;
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
    bench.clean_up();
    Ok(())
}
