//! Ten synthetic conversations with two planted groups that Polis separates
//! perfectly. One definition, used by the test
//! `perfectly_separated_two_groups_give_k_2` (tests/analysis.rs) and by the
//! example `separated`, which writes them as Polis export folders for the
//! red-dwarf stage (scripts/test-opinion-reddwarf.sh).

use rand::{Rng, SeedableRng};
use rand_chacha::ChaCha8Rng;
use teilhabe_opinion::Vote;

/// One conversation: `n` participants, `m` statements of which the first
/// `sep` separate the groups, `per` votes each, the generator's `seed`, and
/// the ARI floor the test asserts for our groups.
pub struct Case {
    pub n: usize,
    pub m: usize,
    pub sep: usize,
    pub per: usize,
    pub seed: u64,
    pub floor: f64,
}

const fn case(n: usize, m: usize, sep: usize, per: usize, seed: u64, floor: f64) -> Case {
    Case {
        n,
        m,
        sep,
        per,
        seed,
        floor,
    }
}

pub const CASES: [Case; 10] = [
    case(200, 20, 10, 20, 1, 1.0),
    case(300, 30, 15, 30, 2, 1.0),
    case(120, 12, 6, 12, 3, 1.0),
    case(400, 8, 4, 8, 4, 1.0),
    case(300, 30, 6, 30, 9, 1.0),
    case(300, 50, 5, 50, 10, 1.0),
    case(300, 30, 10, 12, 5, 0.95),
    case(300, 40, 8, 15, 6, 0.95),
    case(500, 60, 10, 20, 7, 0.95),
    // sparse: about one participant in nine sees no separating statement,
    // and k = 3 scores a silhouette 0.004 above k = 2
    case(200, 30, 5, 10, 8, 0.65),
];

impl Case {
    /// A short name: `n200-m20-sep10-per20-seed1`.
    pub fn name(&self) -> String {
        let Case {
            n,
            m,
            sep,
            per,
            seed,
            ..
        } = self;
        format!("n{n}-m{m}-sep{sep}-per{per}-seed{seed}")
    }

    /// Each participant's votes as (statement, vote), and the planted group
    /// of each participant (participant i is in group i % 2). Each votes on
    /// `per` random statements; on the first `sep` statements group 0 always
    /// agrees and group 1 always disagrees; on the rest both vote
    /// agree/disagree at random (so each group is spread out, and a
    /// silhouette-only choice may be tempted to split it).
    pub fn votes(&self) -> (Vec<Vec<(u32, Vote)>>, Vec<usize>) {
        let mut rng = ChaCha8Rng::seed_from_u64(self.seed);
        let mut rows = Vec::new();
        let mut truth = Vec::new();
        for i in 0..self.n {
            let g = i % 2;
            truth.push(g);
            let row = rand::seq::index::sample(&mut rng, self.m, self.per)
                .into_iter()
                .map(|s| {
                    let v = if s < self.sep {
                        [Vote::Agree, Vote::Disagree][g]
                    } else if rng.gen_bool(0.5) {
                        Vote::Agree
                    } else {
                        Vote::Disagree
                    };
                    (s as u32, v)
                })
                .collect();
            rows.push(row);
        }
        (rows, truth)
    }
}
