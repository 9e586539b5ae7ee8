//! Scale run: a generated conversation with planted opinion groups.
//!
//! `cargo run --release -p teilhabe-opinion --example scale [PARTICIPANTS STATEMENTS VOTES_PER_PARTICIPANT]`
//! (defaults 1,000,000 × 2,000 × 50 = 50,000,000 votes). Prints the time of
//! generation and analysis, peak memory (VmHWM) and the adjusted Rand index
//! of the groups found against the planted ones.
//!
//! Four groups are planted on a 2 × 2 grid: on the first half of the
//! statements groups 0 and 1 tend to agree and groups 2 and 3 to disagree; on
//! the second half groups 0 and 2 agree and 1 and 3 disagree. Each vote
//! follows the group's lean with probability 0.8, 10 % of votes are passes.
#![allow(clippy::unwrap_used)] // a test or tool stops at its first unexpected error

use std::time::Instant;

use rand::{Rng, SeedableRng};
use rand_chacha::ChaCha8Rng;
use teilhabe_opinion::{adjusted_rand_index, analyze, Conversation, Outcome, Settings, VoteMatrix};

fn peak_memory_kb() -> Option<u64> {
    let status = std::fs::read_to_string("/proc/self/status").ok()?;
    status
        .lines()
        .find(|l| l.starts_with("VmHWM:"))
        .and_then(|l| l.split_whitespace().nth(1))
        .and_then(|v| v.parse().ok())
}

fn arg(i: usize, default: usize) -> usize {
    std::env::args()
        .nth(i)
        .and_then(|a| a.replace('_', "").parse().ok())
        .unwrap_or(default)
}

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let n = arg(1, 1_000_000);
    let m = arg(2, 2_000);
    let per = arg(3, 50).min(m);
    let t0 = Instant::now();
    let mut rng = ChaCha8Rng::seed_from_u64(2024);
    let mut mat = VoteMatrix::with_capacity(m, n, n * per);
    let mut truth = Vec::with_capacity(n);
    let mut cols: Vec<u32> = Vec::with_capacity(per);
    let mut vals: Vec<i8> = Vec::with_capacity(per);
    let half = m / 2;
    for _ in 0..n {
        let g: usize = rng.gen_range(0..4);
        truth.push(g);
        cols.clear();
        cols.extend(
            rand::seq::index::sample(&mut rng, m, per)
                .iter()
                .map(|s| s as u32),
        );
        cols.sort_unstable();
        vals.clear();
        for &s in &cols {
            let agrees = if (s as usize) < half {
                g < 2
            } else {
                g % 2 == 0
            };
            let r: f64 = rng.gen();
            let v = if r < 0.1 {
                0
            } else if (r < 0.1 + 0.9 * 0.8) == agrees {
                1
            } else {
                -1
            };
            vals.push(v);
        }
        mat.push_sorted_row(&cols, &vals)?;
    }
    let conv = Conversation::new(
        mat,
        (0..n).map(|i| i.to_string()).collect(),
        (0..m).map(|j| j.to_string()).collect(),
        vec![false; m],
    )?;
    let gen_time = t0.elapsed();
    println!(
        "generated {} participants × {} statements, {} votes in {:.1} s (matrix {:.0} MB)",
        n,
        m,
        conv.votes.n_votes(),
        gen_time.as_secs_f64(),
        conv.votes.heap_bytes() as f64 / 1e6
    );

    let t1 = Instant::now();
    let outcome = analyze(&conv, &Settings::default())?;
    let analysis_time = t1.elapsed();
    let Outcome::Groups(a) = outcome else {
        return Err("not enough votes".into());
    };
    let ours: Vec<usize> = a.group_of.iter().map(|g| g.unwrap_or(usize::MAX)).collect();
    let (mut o, mut t) = (Vec::new(), Vec::new());
    for (x, y) in ours.iter().zip(&truth) {
        if *x != usize::MAX {
            o.push(*x);
            t.push(*y);
        }
    }
    let ari = adjusted_rand_index(&o, &t);
    println!(
        "analysis: {:.1} s, k = {}, participants in analysis {}, ARI vs planted groups {:.4}",
        analysis_time.as_secs_f64(),
        a.k,
        a.participants_in_analysis,
        ari
    );
    println!(
        "total {:.1} s, peak memory (VmHWM) {:.0} MB",
        t0.elapsed().as_secs_f64(),
        peak_memory_kb().unwrap_or(0) as f64 / 1024.0
    );
    Ok(())
}
