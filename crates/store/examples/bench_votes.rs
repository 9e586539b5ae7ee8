//! Write benchmark: durable opinion-map votes per second through the real
//! service (permission check, participant lookup or creation, vote upsert,
//! statement/participant/map counters, commit). No analysis runs on this
//! path; it happens in the background.
//!
//!   cargo run --release -p teilhabe-store --example bench_votes -- [DATABASE_URL] [VOTES] [CONCURRENCY]
//!
//! Default: a fresh SQLite file (WAL, synchronous=FULL), 20,000 votes of
//! anonymous visitors on 40 statements from 64 concurrent tasks. For
//! PostgreSQL pass the URL of an empty database.
#![allow(clippy::unwrap_used)] // a test or tool stops at its first unexpected error

mod bench;

use bench::{Bench, Error};
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::Arc;
use std::time::Instant;
use teilhabe_domain::opinion::OpinionVote;
use teilhabe_domain::process::Form;
use teilhabe_domain::Actor;
use teilhabe_store::opinion::VoterId;

#[tokio::main]
async fn main() -> Result<(), Error> {
    let bench = Bench::open(
        "teilhabe-bench-votes",
        "Benchmark-Meinungsbild",
        vec![Form::OpinionMap],
    )
    .await?;
    let (total, concurrency) = (bench.total, bench.concurrency);
    let (store, tenant, admin) = (&bench.store, &bench.tenant, &bench.admin);
    let statements = 40usize;
    let mut ids = Vec::new();
    for i in 0..statements {
        ids.push(
            store
                .opinion()
                .add_seed_statement(
                    tenant,
                    admin,
                    "bench",
                    &format!("Aussage Nummer {i} für den Benchmark"),
                )
                .await?,
        );
    }
    let ids = Arc::new(ids);
    let next = Arc::new(AtomicUsize::new(0));
    let start = Instant::now();
    let mut tasks = Vec::new();
    for _ in 0..concurrency {
        let (store, tenant, ids, next) = (store.clone(), tenant.clone(), ids.clone(), next.clone());
        tasks.push(tokio::spawn(async move {
            let visitor = Actor::visitor();
            loop {
                let i = next.fetch_add(1, Ordering::Relaxed);
                if i >= total {
                    break;
                }
                // Each person votes on every statement in turn.
                let voter = VoterId::Browser(format!("{:064}", i / statements));
                let vote = [OpinionVote::Agree, OpinionVote::Disagree, OpinionVote::Pass][i % 3];
                store
                    .opinion()
                    .vote(
                        &tenant,
                        &visitor,
                        "bench",
                        &voter,
                        ids[i % statements],
                        vote,
                    )
                    .await
                    .expect("vote");
            }
        }));
    }
    for t in tasks {
        t.await?;
    }
    let secs = start.elapsed().as_secs_f64();
    assert_eq!(bench.rows("opinion_votes").await?, total);
    println!(
        "{total} votes in {secs:.2} s = {:.0} votes/s ({concurrency} concurrent, {})",
        total as f64 / secs,
        if store.db.is_postgres() {
            "PostgreSQL"
        } else {
            "SQLite"
        }
    );
    let t = Instant::now();
    let p = store.processes().get(tenant, admin, "bench").await?;
    store.opinion().analyze(tenant.id, p.id).await?;
    println!(
        "background analysis of {} participants: {:.0} ms (load + analyse + store)",
        total / statements,
        t.elapsed().as_secs_f64() * 1000.0
    );
    bench.clean_up();
    Ok(())
}
