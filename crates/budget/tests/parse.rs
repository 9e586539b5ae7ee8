#![allow(clippy::unwrap_used)] // a test or tool stops at its first unexpected error
mod common;

use teilhabe_budget::{Election, ParseErrorKind, Section, VoteType};

#[test]
fn parses_all_files() {
    // (file, vote type, voters, projects, budget)
    let expected = [
        (common::FILES[0], VoteType::Approval, 378, 16, "180000"),
        (common::FILES[1], VoteType::Cumulative, 1494, 30, "1000000"),
        (common::FILES[2], VoteType::Cumulative, 22899, 93, "2367122"),
        (common::FILES[3], VoteType::Ordinal, 7262, 50, "2917710.16"),
        (common::FILES[4], VoteType::Approval, 90494, 160, "6112868"),
        (common::FILES[5], VoteType::Approval, 12933, 98, "7147577"),
        (common::FILES[6], VoteType::Approval, 61668, 83, "24186815"),
        (common::FILES[7], VoteType::Approval, 593, 12, "846539"),
        (common::FILES[8], VoteType::Cumulative, 16978, 90, "2367122"),
    ];
    for (f, vt, voters, projects, budget) in expected {
        let e = Election::from_path(common::testdata().join(format!("{f}.pb"))).unwrap();
        assert_eq!(e.vote_type, vt, "{f}");
        assert_eq!(e.num_voters(), voters, "{f}");
        assert_eq!(e.projects.len(), projects, "{f}");
        assert_eq!(e.format_money(e.budget), budget, "{f}");
        assert_eq!(e.meta("num_votes").unwrap(), voters.to_string());
    }
}

#[test]
fn crlf_lf_quotes_and_points() {
    let crlf = "META\r\nkey;value\r\nbudget;10.5\r\nvote_type;cumulative\r\nPROJECTS\r\nproject_id;cost;name\r\n1;4,25;\"Park \"\"Süd\"\"; mit Bank\"\r\n2;6;x\r\nVOTES\r\nvoter_id;vote;points\r\na;1,2;3,1.5\r\nb;2;2\r\n";
    let lf = crlf.replace("\r\n", "\n");
    let a = Election::parse(crlf.as_bytes()).unwrap();
    let b = Election::parse(lf.as_bytes()).unwrap();
    assert_eq!(a, b);
    assert_eq!(a.money_scale, 2);
    assert_eq!(a.budget, 1050);
    assert_eq!(a.projects[0].cost, 425);
    assert_eq!(a.project_field(0, "name"), Some("Park \"Süd\"; mit Bank"));
    assert_eq!(a.points_scale, 1);
    assert_eq!(a.ballots.projects(0), &[0, 1]);
    assert_eq!(a.ballots.points(0), &[30, 15]);
    assert_eq!(a.ballots.points(1), &[20]);
    // BOM is accepted
    let mut bom = b"\xEF\xBB\xBF".to_vec();
    bom.extend_from_slice(lf.as_bytes());
    assert_eq!(Election::parse(&bom).unwrap(), a);
}

#[test]
fn quoted_fields_in_lodz() {
    let e = Election::from_path(common::testdata().join("Poland_Lodz_2022.pb")).unwrap();
    let raw = std::fs::read_to_string(common::testdata().join("Poland_Lodz_2022.pb")).unwrap();
    let n = e
        .projects
        .iter()
        .filter(|p| p.fields.iter().any(|f| f.contains('"')))
        .count();
    assert!(raw.contains("\"\"") == (n > 0));
}

#[test]
fn write_then_read_is_identical() {
    for f in common::FILES {
        let e = Election::from_path(common::testdata().join(format!("{f}.pb"))).unwrap();
        let mut out = Vec::new();
        e.write(&mut out).unwrap();
        let again = Election::parse(&out).unwrap();
        assert_eq!(e, again, "{f}");
    }
}

/// The refusal in strict mode (the same as by default for every reason but a
/// project named twice in one vote, which `tests/variants.rs` checks).
fn err(s: &str) -> (Section, u64, ParseErrorKind) {
    let place = |e: teilhabe_budget::Error| {
        (
            e.section().unwrap(),
            e.line().unwrap(),
            e.kind().unwrap().clone(),
        )
    };
    let strict = place(Election::parse_with(s.as_bytes(), true).unwrap_err());
    if !matches!(strict.2, ParseErrorKind::DuplicateProjectInVote(_)) {
        assert_eq!(place(Election::parse(s.as_bytes()).unwrap_err()), strict);
    }
    strict
}

const HEAD: &str = "META\nkey;value\nbudget;100\nvote_type;approval\nPROJECTS\nproject_id;cost\n1;50\n2;60\nVOTES\nvoter_id;vote\n";

#[test]
fn missing_budget() {
    let s = "META\nkey;value\nvote_type;approval\nPROJECTS\nproject_id;cost\n1;50\nVOTES\nvoter_id;vote\na;1\n";
    assert_eq!(err(s), (Section::Meta, 1, ParseErrorKind::MissingBudget));
    let msg = Election::parse(s.as_bytes()).unwrap_err().to_string();
    assert_eq!(
        msg,
        "META section, line 1: missing budget (META key `budget`)"
    );
}

#[test]
fn budget_not_a_number() {
    let s = HEAD.replace("budget;100", "budget;hundred");
    let (sec, line, kind) = err(&s);
    assert_eq!((sec, line), (Section::Meta, 3));
    assert!(matches!(
        kind,
        ParseErrorKind::NotANumber {
            field: "budget",
            ..
        }
    ));
}

#[test]
fn unknown_project_in_vote() {
    let s = format!("{HEAD}a;1\nb;1,7\n");
    assert_eq!(
        err(&s),
        (
            Section::Votes,
            12,
            ParseErrorKind::UnknownProject("7".into())
        )
    );
}

#[test]
fn cost_not_a_number() {
    let s = HEAD.replace("2;60", "2;sixty");
    assert_eq!(
        err(&s),
        (
            Section::Projects,
            8,
            ParseErrorKind::NotANumber {
                field: "cost",
                value: "sixty".into()
            }
        )
    );
    let msg = Election::parse(s.as_bytes()).unwrap_err().to_string();
    assert_eq!(
        msg,
        "PROJECTS section, line 8: cost is not a number: `sixty`"
    );
}

#[test]
fn duplicate_voter_id() {
    let s = format!("{HEAD}a;1\nb;2\na;2\n");
    assert_eq!(
        err(&s),
        (
            Section::Votes,
            13,
            ParseErrorKind::DuplicateVoterId("a".into())
        )
    );
}

#[test]
fn duplicate_project_and_other_errors() {
    let s = HEAD.replace("2;60", "1;60");
    assert_eq!(
        err(&s),
        (
            Section::Projects,
            8,
            ParseErrorKind::DuplicateProjectId("1".into())
        )
    );
    let s = format!("{HEAD}a;1,1\n");
    assert_eq!(
        err(&s),
        (
            Section::Votes,
            11,
            ParseErrorKind::DuplicateProjectInVote("1".into())
        )
    );
    let s = HEAD.replace("vote_type;approval", "vote_type;borda");
    assert_eq!(
        err(&s),
        (
            Section::Meta,
            1,
            ParseErrorKind::UnknownVoteType("borda".into())
        )
    );
    let s = "META\nkey;value\nbudget;1\nvote_type;cumulative\nPROJECTS\nproject_id;cost\n1;1\nVOTES\nvoter_id;vote;points\na;1;2,3\n";
    assert_eq!(
        err(s),
        (
            Section::Votes,
            10,
            ParseErrorKind::PointsMismatch {
                votes: 1,
                points: 2
            }
        )
    );
    let s = "hello\nMETA\n";
    assert_eq!(
        err(s),
        (Section::Preamble, 1, ParseErrorKind::RowOutsideSection)
    );
    let s = "META\nkey;value\nbudget;1\nvote_type;approval\nPROJECTS\nproject_id;cost\n1;1\n";
    assert_eq!(err(s).2, ParseErrorKind::MissingSection("VOTES"));
    let s = HEAD.replace("1;50", "1;-50");
    assert!(matches!(
        err(&s),
        (Section::Projects, 7, ParseErrorKind::Negative { .. })
    ));
}

#[test]
fn crlf_line_numbers() {
    let s = format!("{HEAD}a;1\nb;9\n").replace('\n', "\r\n");
    assert_eq!(
        err(&s),
        (
            Section::Votes,
            12,
            ParseErrorKind::UnknownProject("9".into())
        )
    );
}
