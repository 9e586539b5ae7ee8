//! Property test of the Polis CSV reader (issue #12): a Polis export
//! folder whose files got random edits - or whose files are random text -
//! never makes the reader panic; it returns the export or an error naming
//! the file (and line). An export it accepts also builds its conversation
//! (the analysis input) or says why not. Bounded (256 cases a property).
#![allow(clippy::unwrap_used)] // a test or tool stops at its first unexpected error

use proptest::prelude::*;
use teilhabe_opinion::PolisExport;

const COMMENTS: &str = include_str!("../../../testdata/polis/variants/xid/comments.csv");
const VOTES: &str = include_str!("../../../testdata/polis/variants/xid/votes.csv");
const PARTICIPANTS: &str =
    include_str!("../../../testdata/polis/variants/xid/participants-votes.csv");
const SUMMARY: &str = include_str!("../../../testdata/polis/variants/summary/summary.csv");

/// Bytes that matter to CSV and to Polis's columns.
const NASTY: &[u8] = b",\n\r\"\t -0123456789.e\xc3\xff\x00";

/// `seed` after up to 8 random edits (overwrite, insert, delete, truncate,
/// duplicate a line).
fn mutated(seed: &'static str) -> impl Strategy<Value = Vec<u8>> {
    let byte = prop_oneof![prop::sample::select(NASTY.to_vec()), any::<u8>()];
    prop::collection::vec((any::<prop::sample::Index>(), 0u8..5, byte), 0..8).prop_map(
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

/// Writes the files (a `None` file is left out) and reads the folder.
fn check(files: [(&str, Option<Vec<u8>>); 4]) {
    let dir = tempfile::tempdir().unwrap();
    for (name, bytes) in &files {
        if let Some(b) = bytes {
            std::fs::write(dir.path().join(name), b).unwrap();
        }
    }
    match PolisExport::load(dir.path()) {
        Ok(export) => {
            if let Err(e) = export.conversation() {
                assert!(
                    !e.to_string().trim().is_empty(),
                    "an error without a message"
                );
            }
        }
        Err(e) => {
            let msg = e.to_string();
            assert!(msg.contains(".csv"), "the error names no file: {msg}");
        }
    }
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 256, failure_persistence: None, ..ProptestConfig::default() })]

    #[test]
    fn mutated_exports_load_or_name_the_file(
        comments in mutated(COMMENTS),
        votes in mutated(VOTES),
        participants in prop::option::of(mutated(PARTICIPANTS)),
        summary in prop::option::of(mutated(SUMMARY)),
    ) {
        check([
            ("comments.csv", Some(comments)),
            ("votes.csv", Some(votes)),
            ("participants-votes.csv", participants),
            ("summary.csv", summary),
        ]);
    }

    #[test]
    fn random_files_never_panic(
        comments in prop::collection::vec(any::<u8>(), 0..256),
        votes in prop::collection::vec(any::<u8>(), 0..256),
    ) {
        check([
            ("comments.csv", Some(comments)),
            ("votes.csv", Some(votes)),
            ("participants-votes.csv", None),
            ("summary.csv", None),
        ]);
    }
}
