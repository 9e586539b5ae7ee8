//! Hand-made instances with known results.
#![allow(clippy::unwrap_used)] // a test or tool stops at its first unexpected error

use teilhabe_budget::rules::MesNote;
use teilhabe_budget::{tally, Election, Rule};

fn ids(e: &Election, rule: Rule) -> Vec<String> {
    let o = tally(e, rule).unwrap();
    o.selected
        .iter()
        .map(|&p| e.projects[p].id.clone())
        .collect()
}

/// 10 voters with 10 each. Six approve A1 and A2 (50 each), four approve B (40).
/// Greedy takes A1 and A2 (6 approvals each; tie broken by id). MES: A1 costs each
/// of its six supporters 8.33 (rho 1/6), B costs its four supporters 10 (rho 1/4):
/// A1 first; then the six have 1.67 each, 10 in all, too little for A2; B is bought.
fn majority_minority() -> Election {
    let mut s = String::from(
        "META\nkey;value\nbudget;100\nvote_type;approval\nPROJECTS\nproject_id;cost\nA2;50\nA1;50\nB;40\nVOTES\nvoter_id;vote\n",
    );
    for v in 0..6 {
        s.push_str(&format!("{v};A2,A1\n"));
    }
    for v in 6..10 {
        s.push_str(&format!("{v};B\n"));
    }
    Election::parse(s.as_bytes()).unwrap()
}

#[test]
fn greedy_vs_mes() {
    let e = majority_minority();
    assert_eq!(ids(&e, Rule::Greedy), ["A1", "A2"]);
    assert_eq!(ids(&e, Rule::Mes), ["A1", "B"]);
    // 90 spent, A2 (50) no longer fits: exhaustive at once
    assert_eq!(ids(&e, Rule::MesAdd1), ["A1", "B"]);
    assert_eq!(ids(&e, Rule::MesAdd1Greedy), ["A1", "B"]);
    let o = tally(&e, Rule::Mes).unwrap();
    match &o.projects[1].mes {
        Some(MesNote::Selected { step, payments, .. }) => {
            assert_eq!(*step, 1);
            assert_eq!(payments.len(), 1);
            assert_eq!(payments[0].voters, 6);
            assert!((payments[0].amount - 8.33).abs() < 1e-9);
        }
        other => panic!("{other:?}"),
    }
    match &o.projects[0].mes {
        Some(MesNote::Unaffordable {
            after,
            supporters_money,
        }) => {
            assert_eq!(*after, Some(1));
            assert!((supporters_money - 10.0).abs() < 1e-6);
        }
        other => panic!("{other:?}"),
    }
}

/// Ties are broken on project ids as strings: "10" < "9".
#[test]
fn lexicographic_ties() {
    let s = "META\nkey;value\nbudget;100\nvote_type;approval\nPROJECTS\nproject_id;cost\n9;60\n10;60\nVOTES\nvoter_id;vote\na;9,10\nb;9,10\n";
    let e = Election::parse(s.as_bytes()).unwrap();
    assert_eq!(ids(&e, Rule::Greedy), ["10"]);
    assert_eq!(ids(&e, Rule::Mes), ["10"]);
}

/// Pure MES leaves money unspent; add1 raises the shares until a project more fits.
/// 3 voters, budget 30 (10 each). X (cost 12) approved by v1 and v2; Y (cost 9) by v3;
/// Z (cost 9) by v1. MES: X: rho = 12/24 -> 6 each (first, 1/2 < 1); Y: 9/9 -> v3 pays 9; Z: v1 has 4 left.
/// MES = {X, Y} (21). add1: with 11 each, v1 has 5 left, Z still unaffordable ... until
/// a share of 15: v1 has 9 left -> Z bought, total 30 = budget: exhaustive.
#[test]
fn add1_completion() {
    let s = "META\nkey;value\nbudget;30\nvote_type;approval\nPROJECTS\nproject_id;cost\nX;12\nY;9\nZ;9\nVOTES\nvoter_id;vote\n1;X,Z\n2;X\n3;Y\n";
    let e = Election::parse(s.as_bytes()).unwrap();
    assert_eq!(ids(&e, Rule::Mes), ["X", "Y"]);
    let o = tally(&e, Rule::MesAdd1).unwrap();
    let mut sel: Vec<&str> = o.selected_ids_sorted(&e);
    sel.sort();
    assert_eq!(sel, ["X", "Y", "Z"]);
    assert_eq!(o.mes.as_ref().unwrap().increments, 5);
    assert_eq!(o.total_cost, 30);
}

/// Cumulative ballots: satisfaction = points. Checked by hand and with pabutools.
/// Budget 12, 3 voters (4 each). a: P 3 points, Q 1; b: P 2; c: Q 3.
/// P (cost 8): rho = 8/5 -> a pays 4.8 > 4: a is poor, pays 4, b pays 2 * rho' with
/// rho' = (8-4)/2 = 2 -> b pays 4: affordable, rho = 2.  Q (cost 4): rho = 4/4 = 1 -> a pays 1,
/// c pays 3. Q first (1 < 2); then a has 3: P: a pays 3 (poor), b pays 4 = 7 < 8: unaffordable.
#[test]
fn cumulative_points() {
    let s = "META\nkey;value\nbudget;12\nvote_type;cumulative\nPROJECTS\nproject_id;cost\nP;8\nQ;4\nVOTES\nvoter_id;vote;points\na;P,Q;3,1\nb;P;2\nc;Q;3\n";
    let e = Election::parse(s.as_bytes()).unwrap();
    assert_eq!(ids(&e, Rule::Mes), ["Q"]);
    assert_eq!(ids(&e, Rule::Greedy), ["P", "Q"]);
}

/// Ordinal ballots score max_length - position: 2/1 for two ranks.
#[test]
fn ordinal_positions() {
    let s = "META\nkey;value\nbudget;10\nvote_type;ordinal\nmax_length;2\nPROJECTS\nproject_id;cost\nA;10\nB;10\nVOTES\nvoter_id;vote\n1;A,B\n2;B,A\n3;B\n";
    let e = Election::parse(s.as_bytes()).unwrap();
    let o = tally(&e, Rule::Greedy).unwrap();
    assert_eq!(o.projects[0].score, 3);
    assert_eq!(o.projects[1].score, 5);
    assert_eq!(ids(&e, Rule::Greedy), ["B"]);
}

#[test]
fn zero_cost_and_unsupported_projects() {
    let s = "META\nkey;value\nbudget;10\nvote_type;approval\nPROJECTS\nproject_id;cost\nA;5\nB;5\nC;3\nVOTES\nvoter_id;vote\n1;A\n2;A\n";
    let e = Election::parse(s.as_bytes()).unwrap();
    // greedy takes projects without votes if they fit (as pabutools does)
    assert_eq!(ids(&e, Rule::Greedy), ["A", "B"]);
    assert_eq!(ids(&e, Rule::Mes), ["A"]);
    assert_eq!(ids(&e, Rule::MesAdd1Greedy), ["A", "B"]);
}

/// The official greedy-threshold rule, recomputed, gives the files' `selected` column;
/// without the threshold, Warszawa 2026 would differ in one project (1664).
#[test]
fn official_results() {
    use teilhabe_budget::official::{recompute, Official};
    use teilhabe_budget::Prepared;
    let dir = std::path::PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../testdata/pabulib");
    for f in ["Poland_Warszawa_2026", "Poland_Lodz_2022"] {
        let e = Election::from_path(dir.join(format!("{f}.pb"))).unwrap();
        let prep = Prepared::new(&e).unwrap();
        let official = Official::of(&e);
        assert_eq!(official.rule.as_deref(), Some("greedy-threshold"));
        let mut ours = recompute(&e, &prep).unwrap();
        ours.sort_unstable();
        assert_eq!(Some(ours), official.selected, "{f}");
    }
    let e = Election::from_path(dir.join("Poland_Warszawa_2026.pb")).unwrap();
    let o = tally(&e, Rule::Greedy).unwrap();
    let official = Official::of(&e).selected.unwrap();
    let diff: Vec<&str> = o
        .selected
        .iter()
        .filter(|p| !official.contains(p))
        .chain(official.iter().filter(|p| !o.selected.contains(p)))
        .map(|&p| e.projects[p].id.as_str())
        .collect();
    assert_eq!(diff, ["1664"]);
}
