//! Property test of the `.pb` parser (issue #12): whatever bytes come in -
//! a real file with random edits, or text built from the format's own
//! pieces - parsing never panics; it returns an election or an error that
//! names what is wrong. An election it accepts writes out and reads back
//! as the same election. Bounded (256 cases a property) so it runs in
//! every `cargo test`.
#![allow(clippy::unwrap_used)] // a test or tool stops at its first unexpected error

use proptest::prelude::*;
use teilhabe_budget::Election;

const SEED: &str = "META\nkey;value\ndescription;Musterstadt 2026\nnum_projects;3\nnum_votes;3\nbudget;10.5\nvote_type;cumulative\nmax_sum_points;5\nPROJECTS\nproject_id;cost;name\n1;4,25;\"Park \"\"Süd\"\"; mit Bank\"\n2;6;Radweg\n3;1;Bank\nVOTES\nvoter_id;vote;points\na;1,2;3,1.5\nb;2;2\nc;3,1;1,1\n";

/// Bytes that matter to the format: separators, quotes, line ends,
/// digits and the section names' letters.
const NASTY: &[u8] = b";,.\n\r\"\t -0123456789eEMETAPROJVS\xc3\xff\x00";

/// `seed` after up to 10 random edits (overwrite, insert, delete,
/// truncate, duplicate a line).
fn mutated(seed: &'static str) -> impl Strategy<Value = Vec<u8>> {
    let byte = prop_oneof![prop::sample::select(NASTY.to_vec()), any::<u8>()];
    prop::collection::vec((any::<prop::sample::Index>(), 0u8..5, byte), 0..10).prop_map(
        move |edits| {
            let mut b = seed.as_bytes().to_vec();
            for (at, kind, byte) in edits {
                let i = at.index(b.len().max(1)).min(b.len());
                match kind {
                    0 if i < b.len() => b[i] = byte,
                    1 => b.insert(i, byte),
                    2 if i < b.len() => {
                        b.remove(i);
                    }
                    3 => b.truncate(i),
                    _ => {
                        let start = b[..i]
                            .iter()
                            .rposition(|&c| c == b'\n')
                            .map_or(0, |p| p + 1);
                        let end = b[i..]
                            .iter()
                            .position(|&c| c == b'\n')
                            .map_or(b.len(), |p| i + p + 1);
                        let line = b[start..end].to_vec();
                        b.splice(start..start, line);
                    }
                }
            }
            b
        },
    )
}

/// Lines made of the format's pieces, in any order.
fn pieces() -> impl Strategy<Value = Vec<u8>> {
    let piece = prop::sample::select(vec![
        "META",
        "PROJECTS",
        "VOTES",
        "key;value",
        "project_id;cost",
        "voter_id;vote",
        "voter_id;vote;points",
        "budget;10",
        "budget;-1",
        "budget;1e400",
        "vote_type;approval",
        "vote_type;ordinal",
        "vote_type;cumulative",
        "vote_type;choose-1",
        "1;5",
        "1;0",
        "2;99999999999999999999",
        "a;1",
        "a;1,1",
        "a;",
        ";",
        "a;1;2",
        "a;1,2;1",
        "\"",
        "max_sum_points;0",
        "min_length;3",
        "max_length;-1",
        "num_projects;x",
        "",
    ]);
    prop::collection::vec(piece, 0..24).prop_map(|lines| lines.join("\n").into_bytes())
}

fn check(bytes: &[u8]) {
    match Election::parse(bytes) {
        Ok(e) => {
            let mut out = Vec::new();
            e.write(&mut out).unwrap();
            let back = Election::parse(&out);
            assert!(
                back.is_ok(),
                "accepted but its own output is refused: {back:?}"
            );
        }
        Err(e) => assert!(
            !e.to_string().trim().is_empty(),
            "an error without a message"
        ),
    }
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 256, failure_persistence: None, ..ProptestConfig::default() })]

    #[test]
    fn a_mutated_file_is_an_election_or_a_clear_error(bytes in mutated(SEED)) {
        check(&bytes);
    }

    #[test]
    fn pieces_of_the_format_in_any_order_never_panic(bytes in pieces()) {
        check(&bytes);
    }

    #[test]
    fn random_bytes_never_panic(bytes in prop::collection::vec(any::<u8>(), 0..512)) {
        check(&bytes);
    }
}
