//! Variants of Polis export files, one small folder of our own each in
//! testdata/polis/variants/ (see testdata/polis/SOURCE.md).
#![allow(clippy::unwrap_used)] // a test or tool stops at its first unexpected error

use std::collections::{BTreeMap, BTreeSet};
use std::path::PathBuf;

use teilhabe_opinion::cli::{run_analyze, AnalyzeArgs, Format};
use teilhabe_opinion::{Error, PolisExport, RowProblem};

fn variant(name: &str) -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("../../testdata/polis/variants")
        .join(name)
}

fn load(name: &str) -> PolisExport {
    PolisExport::load(&variant(name)).unwrap()
}

/// A file written by [`PolisExport::csv_files`] (without analysis), as text.
fn written(e: &PolisExport, file: &str) -> String {
    let files = e.csv_files(None).unwrap();
    let (_, bytes) = files.into_iter().find(|(n, _)| *n == file).unwrap();
    String::from_utf8(bytes).unwrap()
}

/// Writes the export to a scratch folder and reads it back.
fn round_trip(e: &PolisExport, name: &str) -> PolisExport {
    let dir = std::env::temp_dir().join(format!("teilhabe-polis-{}-{name}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    e.write(&dir, None).unwrap();
    let back = PolisExport::load(&dir).unwrap();
    std::fs::remove_dir_all(&dir).unwrap();
    back
}

#[test]
fn xid_column_is_read_kept_and_written_back() {
    let e = load("xid");
    let want: BTreeMap<String, String> = [("0", ""), ("1", "ext-17"), ("2", "")]
        .iter()
        .map(|(p, x)| (p.to_string(), x.to_string()))
        .collect();
    assert_eq!(e.xids.as_ref(), Some(&want));
    assert_eq!(e.polis_groups.get("2"), Some(&Some(1)));
    let pv = written(&e, "participants-votes.csv");
    let mut lines = pv.lines();
    assert_eq!(
        lines.next(),
        Some("participant,xid,group-id,n-comments,n-votes,n-agree,n-disagree,0,1,2")
    );
    assert_eq!(lines.next(), Some("0,,0,2,2,1,1,1,-1,"));
    assert_eq!(lines.next(), Some("1,ext-17,0,1,2,2,0,1,1,"));
    let back = round_trip(&e, "xid");
    assert_eq!(back.xids, e.xids);
    assert_eq!(back.polis_groups, e.polis_groups);
    // the command that refused such files ("unknown comment id xid")
    let args = AnalyzeArgs {
        polis: variant("xid"),
        format: Format::Json,
        seed: 0,
        min_votes: 1,
    };
    run_analyze(&args, &mut Vec::new()).unwrap();
}

#[test]
fn without_xid_column_none_is_written() {
    let e = load("summary");
    assert_eq!(e.xids, None);
    let pv = written(&e, "participants-votes.csv");
    assert!(pv.starts_with("participant,group-id,n-comments,"), "{pv}");
}

#[test]
fn comment_columns_named_comment_id() {
    let e = load("comment-prefix");
    let groups: Vec<(&str, Option<usize>)> = e
        .polis_groups
        .iter()
        .map(|(p, g)| (p.as_str(), *g))
        .collect();
    assert_eq!(groups, [("0", Some(0)), ("1", Some(0)), ("2", Some(1))]);
    assert_eq!(e.xids, None);
}

#[test]
fn is_meta_column_is_read_and_written_back() {
    let e = load("is-meta");
    let want: BTreeSet<String> = ["1".to_string()].into();
    assert_eq!(e.meta_comments.as_ref(), Some(&want));
    let comments = written(&e, "comments.csv");
    let lines: Vec<&str> = comments.lines().collect();
    assert!(lines[0].ends_with(",comment-body,is-meta"), "{}", lines[0]);
    assert!(
        lines[1].ends_with("More benches in the park,false"),
        "{}",
        lines[1]
    );
    assert!(lines[2].ends_with("\"Longer opening hours, also on Sundays\",true"));
    assert_eq!(round_trip(&e, "is-meta").meta_comments, e.meta_comments);
    // without the column it is not written
    let plain = written(&load("xid"), "comments.csv");
    assert!(plain
        .lines()
        .next()
        .unwrap()
        .ends_with(",moderated,comment-body"));
    assert_eq!(load("xid").meta_comments, None);
}

#[test]
fn bad_is_meta_value_names_file_and_line() {
    let dir = std::env::temp_dir().join(format!("teilhabe-polis-{}-badmeta", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    let comments = std::fs::read_to_string(variant("is-meta").join("comments.csv")).unwrap();
    let comments = comments.replace(",true\n", ",maybe\n");
    std::fs::write(dir.join("comments.csv"), comments).unwrap();
    std::fs::copy(variant("is-meta").join("votes.csv"), dir.join("votes.csv")).unwrap();
    match PolisExport::load(&dir) {
        Err(Error::Row { line, problem, .. }) => {
            assert_eq!(line, 3);
            assert!(matches!(problem, RowProblem::Malformed(m) if m.contains("maybe")));
        }
        other => panic!("expected a row error, got {other:?}"),
    }
    std::fs::remove_dir_all(&dir).unwrap();
}

#[test]
fn votes_with_modified_instead_of_timestamp() {
    let e = load("modified");
    let plain = load("summary");
    assert_eq!(e.votes, plain.votes);
    assert_eq!(e.conversation().unwrap(), plain.conversation().unwrap());
    assert_eq!(e.votes[0].timestamp, 1_700_000_010_000);
}

#[test]
fn summary_fields_are_kept() {
    let e = load("summary");
    let get = |k: &str| {
        e.summary
            .iter()
            .find(|(key, _)| key == k)
            .map(|(_, v)| v.as_str())
    };
    assert_eq!(get("topic"), Some("Parks, libraries and \"more\""));
    assert_eq!(get("url"), Some("https://pol.is/2example"));
    assert_eq!(
        get("conversation-description"),
        Some("Two lines,\nwith a comma")
    );
    assert_eq!(get("voters-in-conv"), Some("3"));
    let back = round_trip(&e, "summary");
    let keys: Vec<&str> = back.summary.iter().map(|(k, _)| k.as_str()).collect();
    assert_eq!(
        keys,
        [
            "topic",
            "url",
            "voters",
            "voters-in-conv",
            "commenters",
            "comments",
            "groups",
            "conversation-description"
        ]
    );
    assert_eq!(back.summary[0], e.summary[0]);
    assert_eq!(back.summary[7], e.summary[7]);
}

#[test]
fn timestamps_in_seconds_are_read_as_seconds() {
    let e = load("seconds");
    let ms = load("summary");
    assert_eq!(e.votes, ms.votes);
    assert_eq!(e.votes[0].timestamp, 1_700_000_010_000);
    let stamps = |x: &PolisExport| x.comments.iter().map(|c| c.timestamp).collect::<Vec<_>>();
    assert_eq!(stamps(&e), stamps(&ms));
    let votes = written(&e, "votes.csv");
    assert_eq!(
        votes.lines().nth(1),
        Some("1700000010000,Tue Nov 14 22:13:30 UTC 2023,0,0,1")
    );
}
