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

use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::Arc;
use std::time::Instant;
use teilhabe_domain::opinion::OpinionVote;
use teilhabe_domain::process::{Form, ProcessRules};
use teilhabe_domain::Actor;
use teilhabe_store::opinion::VoterId;
use teilhabe_store::processes::{PhaseInput, ProcessInput};
use teilhabe_store::{Clock, DbOptions, Store};

#[tokio::main]
async fn main() -> Result<(), Box<dyn std::error::Error>> {
    let args: Vec<String> = std::env::args().collect();
    let dir = std::env::temp_dir().join(format!("teilhabe-bench-votes-{}", std::process::id()));
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
        title: "Benchmark-Meinungsbild".into(),
        slug: "bench".into(),
        summary: "Prozess für den Schreib-Benchmark.".into(),
        status: "published".into(),
        department_id: Some(dept),
        rules: ProcessRules::default(),
        phases: vec![PhaseInput {
            title: "Offen".into(),
            starts_on: "2020-01-01".into(),
            ends_on: "2099-12-31".into(),
            forms: vec![Form::OpinionMap],
        }],
        active_phase: Some(0),
        ..ProcessInput::default()
    };
    store.create_process(&tenant, &admin, &input).await?;
    let statements = 40usize;
    let mut ids = Vec::new();
    for i in 0..statements {
        ids.push(
            store
                .opinion()
                .add_seed_statement(
                    &tenant,
                    &admin,
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
    let n = store
        .db
        .one("SELECT COUNT(*) AS n FROM opinion_votes", &[])
        .await?
        .i64("n")?;
    assert_eq!(n as usize, total);
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
    let p = store.processes().get(&tenant, &admin, "bench").await?;
    store.opinion().analyze(tenant.id, p.id).await?;
    println!(
        "background analysis of {} participants: {:.0} ms (load + analyse + store)",
        total / statements,
        t.elapsed().as_secs_f64() * 1000.0
    );
    let _ = std::fs::remove_dir_all(&dir);
    Ok(())
}
