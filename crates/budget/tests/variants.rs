//! Format variants that pabutools 1.2.3 reads, one small file each in
//! testdata/pabulib/variants/ (their selections: tests/pabutools.rs), and votes
//! that name a project twice (warnings, `--strict`).
#![allow(clippy::unwrap_used)] // a test or tool stops at its first unexpected error

mod common;

use teilhabe_budget::cli::{run_tally_to, Format, TallyArgs};
use teilhabe_budget::{Election, ParseErrorKind, Rule, Section, VoteType, Warning};

fn variant(name: &str) -> std::path::PathBuf {
    common::testdata().join(format!("variants/{name}.pb"))
}

fn read(name: &str) -> (Election, Vec<Warning>) {
    Election::from_path_with(variant(name), false).unwrap()
}

/// (line, voter, project) of each warning.
fn places(w: &[Warning]) -> Vec<(u64, &str, &str)> {
    w.iter()
        .map(|w| (w.line, w.voter.as_str(), w.project.as_str()))
        .collect()
}

fn ballot(e: &Election, v: usize) -> (Vec<&str>, &[i64]) {
    let ids = e.ballots.projects(v).iter();
    let ids = ids.map(|&p| e.projects[p as usize].id.as_str()).collect();
    (ids, e.ballots.points(v))
}

fn strict_error(name: &str) -> (Section, u64, ParseErrorKind) {
    let e = Election::from_path_with(variant(name), true).unwrap_err();
    (
        e.section().unwrap(),
        e.line().unwrap(),
        e.kind().unwrap().clone(),
    )
}

#[test]
fn repeated_project_in_approval_vote_counts_once() {
    let (e, w) = read("repeated_approval");
    assert_eq!(places(&w), [(15, "a", "1"), (16, "b", "1")]);
    assert_eq!(ballot(&e, 0).0, ["1"]);
    assert_eq!(ballot(&e, 1).0, ["1", "2"]);
    assert_eq!(ballot(&e, 3).0, ["2", "3"]);
    assert_eq!(
        w[0].to_string(),
        "VOTES section, line 15: voter `a` names project `1` more than once; read once, as pabutools does"
    );
    let dup = ParseErrorKind::DuplicateProjectInVote("1".into());
    assert_eq!(strict_error("repeated_approval"), (Section::Votes, 15, dup));
}

#[test]
fn repeated_project_in_cumulative_vote_keeps_last_points() {
    let (e, w) = read("repeated_cumulative");
    assert_eq!(places(&w), [(15, "a", "1"), (16, "b", "1")]);
    assert_eq!(ballot(&e, 0), (vec!["1"], &[1][..]));
    // `1,2,1` with points `5,2,1`: project 1 keeps its place and the last points
    assert_eq!(ballot(&e, 1), (vec!["1", "2"], &[1, 2][..]));
    assert_eq!(ballot(&e, 3), (vec!["2", "3"], &[2, 1][..]));
    assert!(matches!(
        strict_error("repeated_cumulative"),
        (
            Section::Votes,
            15,
            ParseErrorKind::DuplicateProjectInVote(_)
        )
    ));
}

#[test]
fn repeated_project_in_ordinal_vote_keeps_first_position() {
    let (e, w) = read("repeated_ordinal");
    assert_eq!(places(&w), [(16, "a", "3"), (17, "b", "2"), (18, "c", "1")]);
    assert_eq!(ballot(&e, 0).0, ["3", "1"]);
    assert_eq!(ballot(&e, 1).0, ["2", "3"]);
    assert_eq!(ballot(&e, 2).0, ["1", "2", "3"]);
    assert_eq!(ballot(&e, 3).0, ["1"]);
}

/// The one warning of a Pabulib pitfall file (`common::FILES[i]`) and the ballot
/// of the voter it names, as (projects, points).
fn check_pitfall(i: usize, warning: (u64, &str, &str), projects: &[&str], points: &[i64]) {
    let path = common::testdata().join(format!("{}.pb", common::FILES[i]));
    let (e, w) = Election::from_path_with(path, false).unwrap();
    assert_eq!(places(&w), [warning]);
    let v = (0..e.num_voters())
        .position(|v| e.voter_ids.get(v) == warning.1)
        .unwrap();
    assert_eq!(ballot(&e, v), (projects.to_vec(), points));
}

#[test]
fn pitfall_files_from_pabulib() {
    let blonia = ["1481", "1977", "674", "2021"];
    check_pitfall(7, (268, "255664", "1481"), &blonia, &[]);
    // `579,579,579,579` with points `1,1,1,1`: one point, not four
    check_pitfall(8, (11740, "13026", "579"), &["579"], &[1]);
}

#[test]
fn bom_crlf_and_empty_lines_read_like_plain_lf() {
    let raw = std::fs::read_to_string(variant("bom_crlf_empty_lines")).unwrap();
    assert!(raw.starts_with('\u{feff}') && raw.contains("\r\n\r\n"));
    let plain: String = raw
        .trim_start_matches('\u{feff}')
        .split("\r\n")
        .filter(|l| !l.is_empty())
        .map(|l| format!("{l}\n"))
        .collect();
    let (e, w) = read("bom_crlf_empty_lines");
    assert!(w.is_empty());
    assert_eq!(e, Election::parse(plain.as_bytes()).unwrap());
    assert_eq!(e.num_voters(), 4);
    assert_eq!(e.meta("description"), Some("BOM, CRLF and empty lines"));
}

#[test]
fn optional_columns_are_kept() {
    let (e, _) = read("optional_columns");
    assert_eq!(
        e.project_field(0, "category"),
        Some("environment,public space")
    );
    assert_eq!(e.project_field(1, "target"), Some("none"));
    assert_eq!(e.project_field(2, "name"), Some("Library"));
    assert_eq!(e.meta("max_sum_cost"), Some("100"));
    let extra: Vec<(&str, &str)> = e
        .voter_extra
        .iter()
        .map(|(c, a)| (e.vote_header[*c].as_str(), a.get(1)))
        .collect();
    assert_eq!(
        extra,
        [("age", "none"), ("sex", "M"), ("voting_method", "paper")]
    );
    let mut out = Vec::new();
    e.write(&mut out).unwrap();
    assert_eq!(Election::parse(&out).unwrap(), e);
}

#[test]
fn points_column_of_ordinal_file_is_kept_but_not_counted() {
    let (e, _) = read("ordinal_with_points");
    assert_eq!(e.vote_type, VoteType::Ordinal);
    assert_eq!(ballot(&e, 0), (vec!["1", "2", "3"], &[][..]));
    let (c, points) = &e.voter_extra[0];
    assert_eq!(
        (e.vote_header[*c].as_str(), points.get(0)),
        ("points", "3,2,1")
    );
    let mut out = Vec::new();
    e.write(&mut out).unwrap();
    assert!(String::from_utf8(out.clone())
        .unwrap()
        .contains("a;1,2,3;3,2,1\n"));
    assert_eq!(Election::parse(&out).unwrap(), e);
}

#[test]
fn quoting_and_decimal_commas() {
    let (e, _) = read("quoting_decimal_comma");
    assert_eq!(
        e.meta("description"),
        Some("quoted; with \"quotes\" and a semicolon")
    );
    assert_eq!((e.money_scale, e.budget), (2, 10050));
    let costs: Vec<i128> = e.projects.iter().map(|p| p.cost).collect();
    assert_eq!(costs, [6025, 4000, 3050]);
    assert_eq!(e.project_field(0, "name"), Some("Park \"Süd\"; mit Bank"));
    assert_eq!(e.project_field(1, "name"), Some("two; \"2\""));
    assert_eq!(ballot(&e, 0), (vec!["1", "2"], &[3, 2][..]));
}

fn tally_json(
    file: std::path::PathBuf,
    strict: bool,
) -> Result<(serde_json::Value, String), String> {
    let args = TallyArgs {
        file,
        rule: Rule::Greedy,
        format: Format::Json,
        strict,
    };
    let (mut out, mut warn) = (Vec::new(), Vec::new());
    run_tally_to(&args, &mut out, &mut warn).map_err(|e| e.to_string())?;
    let doc = serde_json::from_slice(&out).unwrap();
    Ok((doc, String::from_utf8(warn).unwrap()))
}

#[test]
fn tally_reports_warnings_and_strict_refuses() {
    let file = variant("repeated_cumulative");
    let (doc, warn) = tally_json(file.clone(), false).unwrap();
    assert_eq!(
        doc["warnings"],
        serde_json::json!([
            {"line": 15, "voter": "a", "project": "1"},
            {"line": 16, "voter": "b", "project": "1"},
        ])
    );
    // the last points count: 1 gets 2 points, 2 gets 4, 3 gets 5
    assert_eq!(doc["selected"], serde_json::json!(["3", "2"]));
    let lines: Vec<&str> = warn.lines().collect();
    assert_eq!(lines.len(), 2);
    assert_eq!(
        lines[1],
        format!(
            "warning: {}: VOTES section, line 16: voter `b` names project `1` more than once; read once, as pabutools does",
            file.display()
        )
    );
    assert_eq!(
        tally_json(file, true).unwrap_err(),
        "VOTES section, line 15: project `1` appears twice in one vote"
    );
    let (doc, warn) = tally_json(variant("optional_columns"), false).unwrap();
    assert_eq!(
        (doc["warnings"].clone(), warn.as_str()),
        (serde_json::json!([]), "")
    );
}
