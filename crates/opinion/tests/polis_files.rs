//! Loading and writing Polis export folders; bad input.
#![allow(clippy::unwrap_used)] // a test or tool stops at its first unexpected error

use std::path::{Path, PathBuf};

use teilhabe_opinion::cli::{run_analyze, AnalyzeArgs, Format};
use teilhabe_opinion::{analyze, Error, Outcome, PolisExport, RowProblem, Settings, Vote};

fn data(name: &str) -> PathBuf {
    let root = PathBuf::from(env!("CARGO_MANIFEST_DIR"));
    let root = root.canonicalize().unwrap_or(root);
    root.join("../../testdata/polis").join(name)
}

fn scratch(name: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("teilhabe-opinion-{}-{name}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).expect("scratch dir");
    dir
}

fn write(dir: &Path, comments: &str, votes: &str) {
    std::fs::write(dir.join("comments.csv"), comments).expect("write");
    std::fs::write(dir.join("votes.csv"), votes).expect("write");
}

const COMMENTS: &str =
    "timestamp,datetime,comment-id,author-id,agrees,disagrees,moderated,comment-body\n\
1,x,0,1,0,0,1,\"First, with comma\"\n\
2,x,1,1,0,0,-1,Second\n";

#[test]
fn latest_vote_wins_and_moderation_is_read() {
    let dir = scratch("latest");
    write(
        &dir,
        COMMENTS,
        "timestamp,datetime,comment-id,voter-id,vote\n\
         10,x,0,7,1\n\
         30,x,1,7,0\n\
         20,x,0,7,-1\n\
         5,x,0,8,1\n",
    );
    let e = PolisExport::load(&dir).expect("load");
    let c = e.conversation().expect("conv");
    assert_eq!(c.participant_ids, vec!["7", "8"]);
    assert_eq!(c.statement_ids, vec!["0", "1"]);
    assert_eq!(c.moderated_out, vec![false, true]);
    assert_eq!(c.votes.get(0, 0), Some(Vote::Disagree));
    assert_eq!(c.votes.get(0, 1), Some(Vote::Pass));
    assert_eq!(c.votes.get(1, 0), Some(Vote::Agree));
    assert_eq!(e.comments[0].body, "First, with comma");
}

fn expect_row_error(votes: &str, file: &str, line: u64) -> RowProblem {
    let dir = scratch(&format!("bad{line}{}", votes.len()));
    write(&dir, COMMENTS, votes);
    match PolisExport::load(&dir) {
        Err(Error::Row {
            file: f,
            line: l,
            problem,
        }) => {
            assert!(f.ends_with(file), "{f:?}");
            assert_eq!(l, line, "{problem}");
            let msg = Error::Row {
                file: f,
                line: l,
                problem: problem.clone(),
            }
            .to_string();
            assert!(msg.contains(&format!("{file}:{line}:")), "{msg}");
            problem
        }
        other => panic!("expected a row error, got {other:?}"),
    }
}

#[test]
fn bad_csv_names_file_and_line() {
    let h = "timestamp,datetime,comment-id,voter-id,vote\n";
    let p = expect_row_error(&format!("{h}1,x,0,1,1\n2,x,0,2,2\n"), "votes.csv", 3);
    assert_eq!(p, RowProblem::VoteOutOfRange("2".into()));
    let p = expect_row_error(
        &format!("{h}1,x,0,1,1\n1,x,0,2,1\n2,x,9,2,1\n"),
        "votes.csv",
        4,
    );
    assert_eq!(p, RowProblem::UnknownComment("9".into()));
    let p = expect_row_error(&format!("{h}1,x,0,1\n"), "votes.csv", 2);
    assert!(matches!(p, RowProblem::Malformed(_)));
    let p = expect_row_error(&format!("{h}abc,x,0,1,1\n"), "votes.csv", 2);
    assert!(matches!(p, RowProblem::NotANumber { .. }));
    let p = expect_row_error(&format!("{h}5,x,0,1,1\n5,x,0,1,-1\n"), "votes.csv", 3);
    assert!(matches!(p, RowProblem::Duplicate { first_line: 2, .. }));
    let p = expect_row_error("timestamp,comment-id,voter-id\n", "votes.csv", 1);
    assert_eq!(p, RowProblem::MissingColumn("vote".into()));

    // Duplicate comment id.
    let dir = scratch("dupcomment");
    write(&dir, &format!("{COMMENTS}3,x,1,1,0,0,0,again\n"), h);
    match PolisExport::load(&dir) {
        Err(Error::Row {
            line: 4,
            problem: RowProblem::Duplicate { first_line: 3, .. },
            ..
        }) => {}
        other => panic!("{other:?}"),
    }
}

#[test]
fn exact_duplicate_rows_are_collapsed_with_a_warning() {
    let dir = scratch("exactdup");
    write(
        &dir,
        COMMENTS,
        "timestamp,datetime,comment-id,voter-id,vote\n5,x,0,1,1\n5,x,0,1,1\n",
    );
    let e = PolisExport::load(&dir).expect("load");
    assert_eq!(e.votes.len(), 1);
    assert_eq!(e.warnings.len(), 1);
    assert!(e.warnings[0].contains("votes.csv:3"));
}

#[test]
fn real_exports_load_and_match_participants_votes() {
    for name in ["15-per-hour-seattle", "scoop-hivemind.ubi"] {
        let e = PolisExport::load(&data(name)).expect("load");
        let c = e.conversation().expect("conv");
        // participants-votes.csv holds exactly the latest vote per voter × comment.
        let text =
            std::fs::read_to_string(data(name).join("participants-votes.csv")).expect("read");
        let mut rdr = csv::Reader::from_reader(text.as_bytes());
        let headers = rdr.headers().expect("headers").clone();
        for rec in rdr.records() {
            let rec = rec.expect("record");
            let Some(i) = c.participant_ids.iter().position(|p| p == &rec[0]) else {
                continue;
            };
            for (h, v) in headers.iter().zip(rec.iter()).skip(6) {
                let j = c.statement_ids.iter().position(|s| s == h).expect("column") as u32;
                let ours = c
                    .votes
                    .get(i, j)
                    .map(|v| v.value().to_string())
                    .unwrap_or_default();
                assert_eq!(ours, v, "{name} participant {} comment {h}", &rec[0]);
            }
        }
    }
}

#[test]
fn export_round_trips() {
    let e = PolisExport::load(&data("15-per-hour-seattle")).expect("load");
    let conv = e.conversation().expect("conv");
    let outcome = analyze(&conv, &Settings::default()).expect("analysis");
    let dir = scratch("export");
    e.write(&dir, Some((&conv, &outcome))).expect("write");
    let back = PolisExport::load(&dir).expect("reload");
    assert_eq!(back.conversation().expect("conv"), conv);
    let by_id = |v: &[teilhabe_opinion::polis::Comment]| {
        let mut v = v.to_vec();
        v.sort_by(|a, b| a.id.cmp(&b.id));
        v
    };
    assert_eq!(by_id(&back.comments), by_id(&e.comments));
    assert_eq!(back.votes.len(), e.votes.len());
    let Outcome::Groups(a) = outcome else {
        panic!("groups")
    };
    for (p, g) in conv.participant_ids.iter().zip(&a.group_of) {
        assert_eq!(back.polis_groups.get(p).copied().flatten(), *g);
    }
    assert!(back
        .summary
        .iter()
        .any(|(k, v)| k == "groups" && v == &a.k.to_string()));
}

#[test]
fn cli_prints_the_json_contract() {
    let args = AnalyzeArgs {
        polis: data("15-per-hour-seattle"),
        format: Format::Json,
        seed: 0,
        min_votes: 7,
    };
    let mut out = Vec::new();
    run_analyze(&args, &mut out).expect("run");
    let v: serde_json::Value = serde_json::from_slice(&out).expect("json");
    assert!(v["participants_in_analysis"].as_u64().expect("n") > 100);
    let k = v["k"].as_u64().expect("k");
    assert!((2..=5).contains(&k));
    assert!(v["groups"].as_object().expect("groups").len() > 100);
    assert!(v["consensus"].is_array());
    assert_eq!(
        v["representative"].as_object().expect("rep").len() as u64,
        k
    );

    let mut table = Vec::new();
    run_analyze(
        &AnalyzeArgs {
            format: Format::Table,
            ..args.clone()
        },
        &mut table,
    )
    .expect("table");
    assert!(String::from_utf8_lossy(&table).contains("group 0"));

    let bad = AnalyzeArgs {
        polis: data("does-not-exist"),
        ..args
    };
    let err = run_analyze(&bad, &mut Vec::new()).expect_err("missing folder");
    assert!(err.to_string().contains("comments.csv"));
}
