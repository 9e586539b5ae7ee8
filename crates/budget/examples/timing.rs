//! CPU seconds per file and rule (parsing included), for docs/budget.md:
//! `cargo run --release -p teilhabe-budget --example timing -- testdata/pabulib/*.pb`
//!
//! Reads the process CPU time from /proc/self/stat (Linux), so the figures do not
//! depend on other load on the machine.
#![allow(clippy::unwrap_used)] // a test or tool stops at its first unexpected error

use teilhabe_budget::{tally, Election, Rule};

fn cpu_seconds() -> f64 {
    let stat = std::fs::read_to_string("/proc/self/stat").unwrap_or_default();
    let after = stat.rsplit(')').next().unwrap_or("");
    let f: Vec<&str> = after.split_whitespace().collect();
    // fields 14 and 15 (utime, stime) are at 11 and 12 after the command name
    let t = |i: usize| f.get(i).and_then(|s| s.parse::<f64>().ok()).unwrap_or(0.0);
    (t(11) + t(12)) / 100.0
}

fn measure(mut f: impl FnMut()) -> f64 {
    let start = cpu_seconds();
    let mut n = 0u32;
    while cpu_seconds() - start < 2.0 || n < 3 {
        f();
        n += 1;
    }
    (cpu_seconds() - start) / f64::from(n)
}

fn main() -> Result<(), teilhabe_budget::Error> {
    println!(
        "file\tparse\tgreedy\tmes\tmes-add1\tmes-add1-greedy (CPU seconds, each including parse)"
    );
    for path in std::env::args().skip(1) {
        let bytes = std::fs::read(&path).map_err(|source| teilhabe_budget::Error::Read {
            path: path.clone(),
            source,
        })?;
        let parse = measure(|| {
            let _ = Election::parse(&bytes);
        });
        let mut row = vec![format!("{parse:.4}")];
        for rule in Rule::ALL {
            let t = measure(|| {
                if let Ok(e) = Election::parse(&bytes) {
                    let _ = tally(&e, rule);
                }
            });
            row.push(format!("{t:.4}"));
        }
        let name = std::path::Path::new(&path)
            .file_stem()
            .and_then(|s| s.to_str())
            .unwrap_or("")
            .to_string();
        println!("{name}\t{}", row.join("\t"));
    }
    Ok(())
}
