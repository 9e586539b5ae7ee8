//! `cargo run --example separated -- OUT_DIR`: writes the ten conversations
//! of `perfectly_separated_two_groups_give_k_2` (tests/support/separated.rs)
//! as Polis export folders `OUT_DIR/<case name>/`, with the planted groups in
//! participants-votes.csv's `group-id` column (as Polis writes its groups
//! when it separates them perfectly). Used by scripts/test-opinion-reddwarf.sh.
#![allow(clippy::unwrap_used)] // a test or tool stops at its first unexpected error

#[path = "../tests/support/separated.rs"]
mod separated;

use std::path::PathBuf;

use teilhabe_opinion::polis::{Comment, VoteRecord};
use teilhabe_opinion::PolisExport;

/// 2023-11-14T22:13:20Z, in milliseconds: the first vote's time.
const T0: i64 = 1_700_000_000_000;

fn main() {
    let out = PathBuf::from(std::env::args().nth(1).expect("usage: separated OUT_DIR"));
    for case in &separated::CASES {
        let (rows, truth) = case.votes();
        let comments = (0..case.m)
            .map(|j| Comment {
                id: j.to_string(),
                timestamp: T0,
                datetime: String::new(),
                author_id: "0".to_string(),
                moderated: 0,
                body: format!("statement {j}"),
            })
            .collect();
        let mut votes = Vec::new();
        for (p, row) in rows.iter().enumerate() {
            for &(s, vote) in row {
                votes.push(VoteRecord {
                    timestamp: T0 + votes.len() as i64,
                    comment: s,
                    voter: p as u32,
                    vote,
                });
            }
        }
        let export = PolisExport {
            comments,
            voters: (0..case.n).map(|p| p.to_string()).collect(),
            votes,
            polis_groups: truth
                .iter()
                .enumerate()
                .map(|(p, &g)| (p.to_string(), Some(g)))
                .collect(),
            ..PolisExport::default()
        };
        let dir = out.join(case.name());
        export.write(&dir, None).unwrap();
        println!(
            "{} (ARI floor of our groups in the test: {})",
            dir.display(),
            case.floor
        );
    }
}
