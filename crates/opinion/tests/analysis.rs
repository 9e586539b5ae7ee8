//! Unit-level tests of the pipeline on generated conversations.
#![allow(clippy::unwrap_used)] // a test or tool stops at its first unexpected error

#[path = "support/separated.rs"]
mod separated;

use rand::{Rng, SeedableRng};
use rand_chacha::ChaCha8Rng;
use teilhabe_opinion::{
    adjusted_rand_index, analyze, Conversation, Init, Outcome, Settings, Vote, VoteMatrix,
};

/// The conversation of `mat`, participants and statements named by their
/// index, nothing moderated.
fn numbered(mat: VoteMatrix) -> Conversation {
    let (n, m) = (mat.n_participants(), mat.n_statements());
    Conversation::new(
        mat,
        (0..n).map(|i| i.to_string()).collect(),
        (0..m).map(|j| j.to_string()).collect(),
        vec![false; m],
    )
    .expect("conversation")
}

/// `n` participants in `groups` planted groups, each voting on `per` of `m`
/// statements; group g agrees with statement s with probability 0.85 if
/// (s + g) is even, else 0.15.
fn planted(n: usize, m: usize, groups: usize, per: usize, seed: u64) -> (Conversation, Vec<usize>) {
    let mut rng = ChaCha8Rng::seed_from_u64(seed);
    let mut mat = VoteMatrix::new(m);
    let mut truth = Vec::new();
    for i in 0..n {
        let g = i % groups;
        truth.push(g);
        let mut row = Vec::new();
        for s in rand::seq::index::sample(&mut rng, m, per) {
            let lean = if (s / (g + 1)) % 2 == 0 { 0.85 } else { 0.15 };
            let r: f64 = rng.gen();
            let v = if r < 0.1 {
                Vote::Pass
            } else if rng.gen_bool(lean) {
                Vote::Agree
            } else {
                Vote::Disagree
            };
            row.push((s as u32, v));
        }
        mat.push_row(&mut row).expect("row");
    }
    (numbered(mat), truth)
}

#[test]
fn planted_groups_are_recovered() {
    for groups in [2, 3] {
        let (conv, truth) = planted(300, 40, groups, 20, 11);
        let Outcome::Groups(a) = analyze(&conv, &Settings::default()).expect("analysis") else {
            panic!("expected groups")
        };
        assert_eq!(a.k, groups, "silhouette {:?}", a.silhouette_by_k);
        let ours: Vec<usize> = a.group_of.iter().map(|g| g.expect("all placed")).collect();
        let ari = adjusted_rand_index(&ours, &truth);
        assert!(ari > 0.9, "ARI {ari}");
        // Every group has representative statements; sizes add up.
        assert_eq!(a.groups.iter().map(|g| g.size).sum::<usize>(), 300);
        assert!(a.groups.iter().all(|g| !g.representative.is_empty()));
        assert!(!a.divisive.is_empty());
    }
}

#[test]
fn same_seed_same_result_different_seed_same_groups() {
    let (conv, _) = planted(200, 30, 3, 15, 5);
    let s = Settings {
        seed: 42,
        ..Settings::default()
    };
    let a = analyze(&conv, &s).expect("a");
    let b = analyze(&conv, &s).expect("b");
    assert_eq!(a, b);
    let c = analyze(&conv, &Settings { seed: 7, ..s }).expect("c");
    if let (Outcome::Groups(a), Outcome::Groups(c)) = (&a, &c) {
        let la: Vec<usize> = a.group_of.iter().flatten().copied().collect();
        let lc: Vec<usize> = c.group_of.iter().flatten().copied().collect();
        assert!(adjusted_rand_index(&la, &lc) > 0.95);
    } else {
        panic!("expected groups");
    }
}

#[test]
fn too_small_conversations_say_not_enough_votes() {
    // Empty.
    let empty = Conversation::new(VoteMatrix::new(0), vec![], vec![], vec![]).expect("empty");
    assert!(matches!(
        analyze(&empty, &Settings::default()),
        Ok(Outcome::NotEnoughVotes(_))
    ));
    // Three participants.
    let (small, _) = planted(3, 10, 2, 8, 1);
    match analyze(&small, &Settings::default()).expect("small") {
        Outcome::NotEnoughVotes(n) => {
            assert_eq!(n.participants_in_analysis, 3);
            assert!(n.message.contains("not enough votes"));
        }
        Outcome::Groups(_) => panic!("3 participants cannot be clustered"),
    }
    // Everyone votes identically: no distinct positions.
    let mut mat = VoteMatrix::new(8);
    for _ in 0..20 {
        let mut row: Vec<(u32, Vote)> = (0..8).map(|s| (s, Vote::Agree)).collect();
        mat.push_row(&mut row).expect("row");
    }
    let same = Conversation::new(
        mat,
        (0..20).map(|i| i.to_string()).collect(),
        (0..8).map(|j| j.to_string()).collect(),
        vec![false; 8],
    )
    .expect("same");
    assert!(matches!(
        analyze(&same, &Settings::default()),
        Ok(Outcome::NotEnoughVotes(_))
    ));
    // All statements moderated out.
    let (mut conv, _) = planted(50, 10, 2, 8, 2);
    conv.moderated_out = vec![true; 10];
    assert!(matches!(
        analyze(&conv, &Settings::default()),
        Ok(Outcome::NotEnoughVotes(_))
    ));
    // Votes only on one statement.
    let mut mat = VoteMatrix::new(3);
    for i in 0..30 {
        let v = if i % 2 == 0 {
            Vote::Agree
        } else {
            Vote::Disagree
        };
        mat.push_row(&mut [(0, v)]).expect("row");
    }
    let one = Conversation::new(
        mat,
        (0..30).map(|i| i.to_string()).collect(),
        (0..3).map(|j| j.to_string()).collect(),
        vec![false; 3],
    )
    .expect("one");
    assert!(matches!(
        analyze(
            &one,
            &Settings {
                min_votes: 1,
                ..Settings::default()
            }
        ),
        Ok(Outcome::NotEnoughVotes(_))
    ));
}

#[test]
fn small_but_clusterable_conversation_has_no_nan() {
    let (conv, _) = planted(12, 8, 2, 8, 3);
    let out = analyze(&conv, &Settings::default()).expect("analysis");
    let json = teilhabe_opinion::cli::to_json(&conv, &out);
    let text = serde_json::to_string(&json).expect("json");
    assert!(!text.contains("NaN") && !text.contains("null"), "{text}");
}

#[test]
fn moderated_statements_are_ignored() {
    let (mut conv, _) = planted(200, 30, 2, 20, 9);
    conv.moderated_out[0] = true;
    conv.moderated_out[1] = true;
    let Outcome::Groups(a) = analyze(&conv, &Settings::default()).expect("analysis") else {
        panic!("expected groups")
    };
    assert_eq!(a.pca.column_index[0], None);
    for g in &a.groups {
        assert!(g.representative.iter().all(|r| r.statement > 1));
    }
    assert!(a.consensus.iter().all(|c| c.statement > 1));
}

/// The conversation of a [`separated::Case`] and its planted groups.
fn two_separated_groups(case: &separated::Case) -> (Conversation, Vec<usize>) {
    let (rows, truth) = case.votes();
    let mut mat = VoteMatrix::new(case.m);
    for mut row in rows {
        mat.push_row(&mut row).expect("row");
    }
    (numbered(mat), truth)
}

/// (k, ARI against the planted groups) of the analysis with `settings`.
fn k_and_ari(conv: &Conversation, truth: &[usize], settings: &Settings) -> (usize, f64) {
    let Outcome::Groups(a) = analyze(conv, settings).expect("analysis") else {
        panic!("expected groups")
    };
    let ours: Vec<usize> = a.group_of.iter().map(|g| g.expect("all placed")).collect();
    (a.k, adjusted_rand_index(&ours, truth))
}

/// Two groups that Polis separates perfectly come out as k = 2, and agree
/// with the planted groups at least as well as red-dwarf mode does:
/// red-dwarf's k-means start (`Init::SortedDistinct`) and its k choice (the
/// best silhouette, no margin), which reproduce the real red-dwarf 0.4.0's
/// figures on these ten conversations (the red-dwarf stage of
/// scripts/test-opinion-reddwarf.sh compares with the real one).
#[test]
fn perfectly_separated_two_groups_give_k_2() {
    let red_dwarf = Settings {
        init: Init::SortedDistinct,
        k_margin: 0.0,
        ..Settings::default()
    };
    for case in &separated::CASES {
        let (conv, truth) = two_separated_groups(case);
        let (k, ari) = k_and_ari(&conv, &truth, &Settings::default());
        let (_, rd_ari) = k_and_ari(&conv, &truth, &red_dwarf);
        let (name, floor) = (case.name(), case.floor);
        assert_eq!(k, 2, "{name}");
        assert!(ari >= floor - 1e-9, "{name}: ARI {ari:.3} below {floor}");
        assert!(
            ari >= rd_ari - 1e-9,
            "{name}: ARI {ari:.3} below red-dwarf mode's {rd_ari:.3}"
        );
    }
    // Without the margin the last case splits into three groups.
    let (conv, truth) = two_separated_groups(&separated::CASES[9]);
    let best_only = Settings {
        k_margin: 0.0,
        ..Settings::default()
    };
    assert_eq!(k_and_ari(&conv, &truth, &best_only).0, 3);
}
