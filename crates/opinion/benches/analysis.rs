//! Full analysis of vtaiwan.uberx (1,921 participants, 197 statements, 49k votes).
#![allow(clippy::unwrap_used)] // a test or tool stops at its first unexpected error
use std::path::PathBuf;

use criterion::{criterion_group, criterion_main, Criterion};
use teilhabe_opinion::{analyze, PolisExport, Settings};

fn uberx() -> PathBuf {
    let root = PathBuf::from(env!("CARGO_MANIFEST_DIR"));
    let root = root.canonicalize().unwrap_or(root);
    root.join("../../testdata/polis/vtaiwan.uberx")
}

fn bench(c: &mut Criterion) {
    let dir = uberx();
    let export = match PolisExport::load(&dir) {
        Ok(e) => e,
        Err(e) => {
            eprintln!("cannot load {}: {e}", dir.display());
            return;
        }
    };
    let conv = match export.conversation() {
        Ok(c) => c,
        Err(e) => {
            eprintln!("{e}");
            return;
        }
    };
    let settings = Settings::default();
    c.bench_function(
        "uberx analyze (matrix → groups, repness, consensus)",
        |b| b.iter(|| analyze(std::hint::black_box(&conv), &settings)),
    );
    c.bench_function("uberx load CSV + analyze", |b| {
        b.iter(|| {
            let e = PolisExport::load(&dir).ok()?;
            let conv = e.conversation().ok()?;
            analyze(&conv, &settings).ok()
        })
    });
}

criterion_group! {
    name = benches;
    config = Criterion::default().sample_size(30);
    targets = bench
}
criterion_main!(benches);
