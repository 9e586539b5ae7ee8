//! `cargo bench -p teilhabe-budget`: parsing and every rule on the largest files.
#![allow(clippy::unwrap_used)] // a test or tool stops at its first unexpected error

use std::path::PathBuf;
use std::time::Duration;

use criterion::{criterion_group, criterion_main, Criterion};
use teilhabe_budget::{tally_prepared, Election, Prepared, Rule};

const FILES: [(&str, &str); 2] = [
    ("lodz_2022", "Poland_Lodz_2022"),
    ("warszawa_2026", "Poland_Warszawa_2026"),
];

fn path(f: &str) -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join(format!("../../testdata/pabulib/{f}.pb"))
}

fn bench(c: &mut Criterion) {
    for (short, file) in FILES {
        let bytes = std::fs::read(path(file)).expect("test data");
        let mut g = c.benchmark_group(short);
        g.sample_size(10).measurement_time(Duration::from_secs(5));
        g.bench_function("parse", |b| {
            b.iter(|| Election::parse(&bytes).expect("parse"))
        });
        let e = Election::parse(&bytes).expect("parse");
        g.bench_function("prepare", |b| {
            b.iter(|| Prepared::new(&e).expect("prepare"))
        });
        let prep = Prepared::new(&e).expect("prepare");
        for rule in Rule::ALL {
            g.bench_function(rule.as_str(), |b| {
                b.iter(|| tally_prepared(&prep, rule).expect("tally"))
            });
        }
        g.finish();
    }
}

criterion_group!(benches, bench);
criterion_main!(benches);
