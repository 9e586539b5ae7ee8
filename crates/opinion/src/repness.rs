//! Polis's representativeness ("repness") statistics and the consensus and
//! divisive statements, following polismath's `repness.clj` and `stats.clj`.
//!
//! Counts per group and statement: `na` agrees, `nd` disagrees, `ns` votes
//! seen (agree + disagree + pass). With Polis's pseudo-count priors:
//! `pa = (na + 1) / (ns + 2)`, `ra = pa / ((na_rest + 1) / (ns_rest + 2))`,
//! `pat` a one-proportion z-test of `na` against ½, `rat` a two-proportion
//! z-test of the group against the rest (all counts incremented by one).
//! A statement represents a group when both tests pass at 90 % one-sided
//! (z > 1.2816) for agree, or both for disagree.

use serde::Serialize;

/// z value for one-sided 90 % significance, as in Polis.
pub const Z_90: f64 = 1.2816;

/// Vote counts on one statement by one set of participants.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize)]
pub struct Counts {
    /// Agrees.
    pub agree: u64,
    /// Disagrees.
    pub disagree: u64,
    /// Passes.
    pub pass: u64,
}

impl Counts {
    /// All votes seen.
    pub fn seen(&self) -> u64 {
        self.agree + self.disagree + self.pass
    }

    /// Add a vote value (+1, -1, 0).
    pub fn add(&mut self, v: i8) {
        match v {
            1 => self.agree += 1,
            -1 => self.disagree += 1,
            _ => self.pass += 1,
        }
    }

    fn plus(self, o: Counts) -> Counts {
        Counts {
            agree: self.agree + o.agree,
            disagree: self.disagree + o.disagree,
            pass: self.pass + o.pass,
        }
    }

    /// Shares of agree, disagree, pass among votes seen (0 when nothing seen).
    pub fn shares(&self) -> Shares {
        let s = self.seen();
        if s == 0 {
            return Shares::default();
        }
        let s = s as f64;
        Shares {
            agree: self.agree as f64 / s,
            disagree: self.disagree as f64 / s,
            pass: self.pass as f64 / s,
            votes: self.seen(),
        }
    }
}

/// Shares of votes, for display.
#[derive(Debug, Clone, Copy, Default, PartialEq, Serialize)]
pub struct Shares {
    /// Share agreeing.
    pub agree: f64,
    /// Share disagreeing.
    pub disagree: f64,
    /// Share passing.
    pub pass: f64,
    /// Number of votes the shares are based on.
    pub votes: u64,
}

/// Polis `prop-test`: z of `succ` successes in `n` trials against ½, with +1 priors.
pub fn prop_test(succ: u64, n: u64) -> f64 {
    let succ = succ as f64 + 1.0;
    let n = n as f64 + 1.0;
    2.0 * n.sqrt() * (succ / n - 0.5)
}

/// Polis `two-prop-test`: z of the in-group proportion against the rest, with +1 priors.
pub fn two_prop_test(succ_in: u64, succ_out: u64, pop_in: u64, pop_out: u64) -> f64 {
    let (s1, s2, n1, n2) = (
        succ_in as f64 + 1.0,
        succ_out as f64 + 1.0,
        pop_in as f64 + 1.0,
        pop_out as f64 + 1.0,
    );
    let p1 = s1 / n1;
    let p2 = s2 / n2;
    let p = (s1 + s2) / (n1 + n2);
    let denom = (p * (1.0 - p) * (1.0 / n1 + 1.0 / n2)).sqrt();
    if denom.is_nan() || denom <= 0.0 || !denom.is_finite() {
        return 0.0;
    }
    (p1 - p2) / denom
}

/// Which way a statement is representative or consensual.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Direction {
    /// The group agrees (more than the rest).
    Agree,
    /// The group disagrees (more than the rest).
    Disagree,
}

/// Polis's per-group, per-statement statistics.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Stats {
    /// Counts inside the group.
    pub inside: Counts,
    /// Counts in all other groups together.
    pub outside: Counts,
    /// `(na + 1) / (ns + 2)`.
    pub pa: f64,
    /// `(nd + 1) / (ns + 2)`.
    pub pd: f64,
    /// `prop_test(na, ns)`.
    pub pat: f64,
    /// `prop_test(nd, ns)`.
    pub pdt: f64,
    /// Agree ratio to the rest.
    pub ra: f64,
    /// Disagree ratio to the rest.
    pub rd: f64,
    /// Two-proportion z of agreeing, group vs rest.
    pub rat: f64,
    /// Two-proportion z of disagreeing, group vs rest.
    pub rdt: f64,
}

impl Stats {
    /// Compute from counts inside and outside the group.
    pub fn new(inside: Counts, outside: Counts) -> Stats {
        let (na, nd, ns) = (inside.agree, inside.disagree, inside.seen());
        let (oa, od, os) = (outside.agree, outside.disagree, outside.seen());
        let pa = (na as f64 + 1.0) / (ns as f64 + 2.0);
        let pd = (nd as f64 + 1.0) / (ns as f64 + 2.0);
        Stats {
            inside,
            outside,
            pa,
            pd,
            pat: prop_test(na, ns),
            pdt: prop_test(nd, ns),
            ra: pa / ((oa as f64 + 1.0) / (os as f64 + 2.0)),
            rd: pd / ((od as f64 + 1.0) / (os as f64 + 2.0)),
            rat: two_prop_test(na, oa, ns, os),
            rdt: two_prop_test(nd, od, ns, os),
        }
    }

    fn passes(&self) -> bool {
        (self.rat > Z_90 && self.pat > Z_90) || (self.rdt > Z_90 && self.pdt > Z_90)
    }

    /// Polis `finalize-cmt-stats`: the more representative direction.
    fn finalize(&self, statement: usize) -> Representative {
        let (dir, p, pt, r, rt) = if self.rat > self.rdt {
            (Direction::Agree, self.pa, self.pat, self.ra, self.rat)
        } else {
            (Direction::Disagree, self.pd, self.pdt, self.rd, self.rdt)
        };
        Representative {
            statement,
            repful_for: dir,
            p_success: p,
            p_test: pt,
            repness: r,
            repness_test: rt,
            inside: self.inside.shares(),
            outside: self.outside.shares(),
            best_agree: false,
        }
    }
}

/// A representative statement of a group.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Representative {
    /// Statement index (column of the vote matrix).
    pub statement: usize,
    /// Whether the group stands out by agreeing or by disagreeing.
    pub repful_for: Direction,
    /// Probability (with priors) that a group member agrees (or disagrees).
    pub p_success: f64,
    /// z of that probability against ½.
    pub p_test: f64,
    /// Ratio of the group's probability to the rest's.
    pub repness: f64,
    /// Two-proportion z of group vs rest.
    pub repness_test: f64,
    /// Vote shares inside the group.
    pub inside: Shares,
    /// Vote shares among all other grouped participants.
    pub outside: Shares,
    /// Polis's "best agree" statement, put first.
    pub best_agree: bool,
}

impl Representative {
    fn metric(&self) -> f64 {
        self.repness * self.repness_test * self.p_success * self.p_test
    }
}

/// Polis `select-rep-comments` for one group: up to `max` representative
/// statements (agrees first), never empty if any statement has votes.
/// `stats[s]` is `None` for statements excluded from the analysis.
pub fn select_representative(stats: &[Option<Stats>], max: usize) -> Vec<Representative> {
    let mut sufficient: Vec<Representative> = Vec::new();
    let mut best: Option<Representative> = None;
    let mut best_agree: Option<(usize, Stats)> = None;
    for (s, st) in stats.iter().enumerate() {
        let Some(st) = st else { continue };
        if st.passes() {
            sufficient.push(st.finalize(s));
        }
        if sufficient.is_empty()
            && best
                .as_ref()
                .is_none_or(|b| st.rat.max(st.rdt) > b.repness_test)
        {
            best = Some(st.finalize(s));
        }
        if beats_best_agree(st, best_agree.as_ref().map(|(_, b)| b)) {
            best_agree = Some((s, *st));
        }
    }
    let best_agree = best_agree.map(|(s, st)| {
        let mut r = st.finalize(s);
        // Polis reports the best-agree statement as an agree statement.
        r.repful_for = Direction::Agree;
        r.p_success = st.pa;
        r.p_test = st.pat;
        r.repness = st.ra;
        r.repness_test = st.rat;
        r.best_agree = true;
        r
    });
    if sufficient.is_empty() {
        return match (best_agree, best) {
            (Some(a), _) => vec![a],
            (None, Some(b)) => vec![b],
            _ => Vec::new(),
        };
    }
    let ba_statement = best_agree.as_ref().map(|b| b.statement);
    sufficient.retain(|r| Some(r.statement) != ba_statement);
    sufficient.sort_by(|a, b| {
        b.metric()
            .partial_cmp(&a.metric())
            .unwrap_or(std::cmp::Ordering::Equal)
            .then(a.statement.cmp(&b.statement))
    });
    let mut out: Vec<Representative> = best_agree.into_iter().chain(sufficient).take(max).collect();
    // Agrees before disagrees (stable).
    out.sort_by_key(|r| r.repful_for == Direction::Disagree);
    out
}

fn beats_best_agree(st: &Stats, current: Option<&Stats>) -> bool {
    if st.inside.agree == 0 && st.inside.disagree == 0 {
        return false;
    }
    match current {
        Some(c) if c.ra > 1.0 => st.ra * st.rat * st.pa * st.pat > c.ra * c.rat * c.pa * c.pat,
        Some(c) => st.pa * st.pat > c.pa * c.pat,
        None => st.pat > Z_90 || (st.ra > 1.0 && st.pa > 0.5),
    }
}

/// Per-group statistics for every statement: `result[g][s]`.
pub fn group_stats(counts: &[Vec<Counts>], included: &[bool]) -> Vec<Vec<Option<Stats>>> {
    let n_s = included.len();
    let totals: Vec<Counts> = (0..n_s)
        .map(|s| {
            counts
                .iter()
                .fold(Counts::default(), |acc, g| acc.plus(g[s]))
        })
        .collect();
    counts
        .iter()
        .map(|g| {
            (0..n_s)
                .map(|s| {
                    if !included[s] {
                        return None;
                    }
                    let inside = g[s];
                    let outside = Counts {
                        agree: totals[s].agree - inside.agree,
                        disagree: totals[s].disagree - inside.disagree,
                        pass: totals[s].pass - inside.pass,
                    };
                    Some(Stats::new(inside, outside))
                })
                .collect()
        })
        .collect()
}

/// A statement that every group agrees with, or every group rejects.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Consensus {
    /// Statement index.
    pub statement: usize,
    /// Agree or disagree.
    pub direction: Direction,
    /// Product over groups of each group's probability (with priors) — Polis's
    /// group-aware consensus.
    pub score: f64,
    /// Vote shares per group.
    pub groups: Vec<Shares>,
}

/// Consensus statements: in every group the probability (with priors) of the
/// direction is above ½ and significant at 90 % (Polis's `prop-test`). Sorted
/// by Polis's group-aware consensus (product of the groups' probabilities);
/// at most `max` per direction.
pub fn consensus(counts: &[Vec<Counts>], included: &[bool], max: usize) -> Vec<Consensus> {
    let mut out = Vec::new();
    for dir in [Direction::Agree, Direction::Disagree] {
        let mut list: Vec<Consensus> = Vec::new();
        for (s, &inc) in included.iter().enumerate() {
            if !inc || counts.is_empty() {
                continue;
            }
            let mut ok = true;
            let mut score = 1.0;
            for g in counts {
                let c = g[s];
                let succ = match dir {
                    Direction::Agree => c.agree,
                    Direction::Disagree => c.disagree,
                };
                let p = (succ as f64 + 1.0) / (c.seen() as f64 + 2.0);
                score *= p;
                if !(p > 0.5 && prop_test(succ, c.seen()) > Z_90) {
                    ok = false;
                }
            }
            if ok {
                list.push(Consensus {
                    statement: s,
                    direction: dir,
                    score,
                    groups: counts.iter().map(|g| g[s].shares()).collect(),
                });
            }
        }
        list.sort_by(|a, b| {
            b.score
                .partial_cmp(&a.score)
                .unwrap_or(std::cmp::Ordering::Equal)
                .then(a.statement.cmp(&b.statement))
        });
        list.truncate(max);
        out.extend(list);
    }
    out
}

/// A statement on which groups take opposite sides.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Divisive {
    /// Statement index.
    pub statement: usize,
    /// Spread of net agreement `(agree − disagree) / (seen + 2)` between the
    /// most agreeing and the most disagreeing group (0..2).
    pub spread: f64,
    /// Group whose majority agrees most.
    pub agreeing_group: usize,
    /// Group whose majority disagrees most.
    pub disagreeing_group: usize,
    /// Vote shares per group.
    pub groups: Vec<Shares>,
}

/// Divisive statements: some group agrees significantly (Polis `prop-test`
/// on agrees > 1.2816) while another disagrees significantly. Sorted by the
/// spread of net agreement; at most `max`.
pub fn divisive(counts: &[Vec<Counts>], included: &[bool], max: usize) -> Vec<Divisive> {
    let mut list = Vec::new();
    for (s, &inc) in included.iter().enumerate() {
        if !inc {
            continue;
        }
        let mut hi: Option<(f64, usize)> = None;
        let mut lo: Option<(f64, usize)> = None;
        for (g, gc) in counts.iter().enumerate() {
            let c = gc[s];
            let net = (c.agree as f64 - c.disagree as f64) / (c.seen() as f64 + 2.0);
            if prop_test(c.agree, c.seen()) > Z_90 && hi.is_none_or(|(h, _)| net > h) {
                hi = Some((net, g));
            }
            if prop_test(c.disagree, c.seen()) > Z_90 && lo.is_none_or(|(l, _)| net < l) {
                lo = Some((net, g));
            }
        }
        if let (Some((h, hg)), Some((l, lg))) = (hi, lo) {
            if hg != lg {
                list.push(Divisive {
                    statement: s,
                    spread: h - l,
                    agreeing_group: hg,
                    disagreeing_group: lg,
                    groups: counts.iter().map(|g| g[s].shares()).collect(),
                });
            }
        }
    }
    list.sort_by(|a, b| {
        b.spread
            .partial_cmp(&a.spread)
            .unwrap_or(std::cmp::Ordering::Equal)
            .then(a.statement.cmp(&b.statement))
    });
    list.truncate(max);
    list
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn polis_tests_match_reference_values() {
        // prop-test(8, 10): succ 9, n 11 → 2·√11·(9/11 − ½)
        let z = prop_test(8, 10);
        assert!((z - 2.0 * 11f64.sqrt() * (9.0 / 11.0 - 0.5)).abs() < 1e-12);
        assert_eq!(two_prop_test(0, 0, 0, 0), 0.0);
        assert!(two_prop_test(9, 1, 10, 10) > Z_90);
    }

    #[test]
    fn representative_prefers_group_specific_agreement() {
        let g0 = vec![
            Counts {
                agree: 20,
                disagree: 0,
                pass: 0,
            },
            Counts {
                agree: 10,
                disagree: 10,
                pass: 0,
            },
        ];
        let g1 = vec![
            Counts {
                agree: 0,
                disagree: 20,
                pass: 0,
            },
            Counts {
                agree: 10,
                disagree: 10,
                pass: 0,
            },
        ];
        let st = group_stats(&[g0.clone(), g1.clone()], &[true, true]);
        let r0 = select_representative(&st[0], 5);
        assert_eq!(r0[0].statement, 0);
        assert_eq!(r0[0].repful_for, Direction::Agree);
        let r1 = select_representative(&st[1], 5);
        assert_eq!(
            r1.iter().find(|r| !r.best_agree).map(|r| r.repful_for),
            Some(Direction::Disagree)
        );
        let d = divisive(&[g0, g1], &[true, true], 5);
        assert_eq!(d.len(), 1);
        assert_eq!(d[0].statement, 0);
    }
}
