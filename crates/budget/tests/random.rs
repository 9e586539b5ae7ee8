//! Random small elections (many exact ties) against a literal, exact
//! transcription of pabutools' MES and add1 loop (per voter, big rationals).
#![allow(clippy::unwrap_used)] // a test or tool stops at its first unexpected error

use num_bigint::BigInt;
use num_rational::BigRational;
use num_traits::Zero;
use teilhabe_budget::{tally, Election, Rule};

struct Lcg(u64);
impl Lcg {
    fn next(&mut self, n: u64) -> u64 {
        self.0 = self
            .0
            .wrapping_mul(6364136223846793005)
            .wrapping_add(1442695040888963407);
        (self.0 >> 33) % n
    }
}

fn r(v: i64) -> BigRational {
    BigRational::from(BigInt::from(v))
}

/// pabutools' method_of_equal_shares (resolute, lexicographic ties), one run.
fn naive_run(
    costs: &[i64],
    ids: &[String],
    sats: &[Vec<(usize, i64)>],
    share: &BigRational,
) -> Vec<usize> {
    let n = sats.len();
    let mut budget = vec![share.clone(); n];
    let np = costs.len();
    let supporters: Vec<Vec<(usize, i64)>> = (0..np)
        .map(|p| {
            (0..n)
                .filter_map(|v| {
                    sats[v]
                        .iter()
                        .find(|(q, s)| *q == p && *s > 0)
                        .map(|&(_, s)| (v, s))
                })
                .collect()
        })
        .collect();
    let mut sel = Vec::new();
    let mut remaining = Vec::new();
    for p in 0..np {
        if !supporters[p].is_empty() {
            if costs[p] > 0 {
                remaining.push(p);
            } else {
                sel.push(p);
            }
        }
    }
    loop {
        let mut best: Option<(BigRational, usize)> = None;
        let mut keep = Vec::new();
        for &p in &remaining {
            let avail: BigRational = supporters[p]
                .iter()
                .fold(BigRational::zero(), |a, &(v, _)| a + &budget[v]);
            if avail < r(costs[p]) {
                continue;
            }
            keep.push(p);
            let mut sup = supporters[p].clone();
            sup.sort_by(|a, b| (&budget[a.0] / r(a.1)).cmp(&(&budget[b.0] / r(b.1))));
            let mut contrib = BigRational::zero();
            let mut denom: i64 = sup.iter().map(|x| x.1).sum();
            for &(v, s) in &sup {
                let afford = (r(costs[p]) - &contrib) / r(denom);
                if &afford * r(s) <= budget[v] {
                    let better = match &best {
                        None => true,
                        Some((b, q)) => afford < *b || (afford == *b && ids[p] < ids[*q]),
                    };
                    if better {
                        best = Some((afford, p));
                    }
                    break;
                }
                contrib += &budget[v];
                denom -= s;
            }
        }
        remaining = keep;
        let Some((rho, p)) = best else { break };
        for &(v, s) in &supporters[p] {
            let pay = &rho * r(s);
            budget[v] = if pay >= budget[v] {
                BigRational::zero()
            } else {
                &budget[v] - pay
            };
        }
        remaining.retain(|&q| q != p);
        sel.push(p);
    }
    sel
}

fn naive(
    costs: &[i64],
    ids: &[String],
    sats: &[Vec<(usize, i64)>],
    budget: i64,
    add1: bool,
) -> Vec<usize> {
    let n = sats.len() as i64;
    if n == 0 {
        return Vec::new();
    }
    let share0 = BigRational::new(BigInt::from(budget), BigInt::from(n));
    if !add1 {
        return naive_run(costs, ids, sats, &share0);
    }
    let mes_projects: Vec<usize> = (0..costs.len())
        .filter(|&p| costs[p] > 0 && sats.iter().any(|b| b.iter().any(|&(q, s)| q == p && s > 0)))
        .collect();
    let mut prev: Vec<usize> = (0..costs.len())
        .filter(|&p| costs[p] == 0 && sats.iter().any(|b| b.iter().any(|&(q, s)| q == p && s > 0)))
        .collect();
    let mut k = 0;
    loop {
        let out = naive_run(costs, ids, sats, &(&share0 + r(k)));
        let cost: i64 = out.iter().map(|&p| costs[p]).sum();
        if cost > budget {
            return prev;
        }
        if mes_projects
            .iter()
            .all(|&p| out.contains(&p) || cost + costs[p] > budget)
        {
            return out;
        }
        prev = out;
        k += 1;
    }
}

fn check(cumulative: bool, seed: u64, cases: usize) {
    let names = ["1", "2", "10", "9", "a", "B", "b"];
    let mut rng = Lcg(seed);
    for case in 0..cases {
        let np = 1 + rng.next(6) as usize;
        let n = rng.next(9) as usize;
        let costs: Vec<i64> = (0..np).map(|_| rng.next(8) as i64 * 2).collect();
        let budget = 1 + rng.next(30) as i64;
        let ids: Vec<String> = names[..np].iter().map(|s| s.to_string()).collect();
        let mut ballots: Vec<Vec<(usize, i64)>> = Vec::new();
        for _ in 0..n {
            let mut b = Vec::new();
            for p in 0..np {
                if rng.next(2) == 0 {
                    b.push((p, 1 + rng.next(3) as i64));
                }
            }
            ballots.push(b);
        }
        let mut s = format!(
            "META\nkey;value\nbudget;{budget}\nvote_type;{}\nPROJECTS\nproject_id;cost\n",
            if cumulative { "cumulative" } else { "approval" }
        );
        for p in 0..np {
            s.push_str(&format!("{};{}\n", ids[p], costs[p]));
        }
        s.push_str(if cumulative {
            "VOTES\nvoter_id;vote;points\n"
        } else {
            "VOTES\nvoter_id;vote\n"
        });
        for (v, b) in ballots.iter().enumerate() {
            let vote: Vec<&str> = b.iter().map(|&(p, _)| ids[p].as_str()).collect();
            let pts: Vec<String> = b.iter().map(|&(_, x)| x.to_string()).collect();
            if cumulative {
                s.push_str(&format!("v{v};{};{}\n", vote.join(","), pts.join(",")));
            } else {
                s.push_str(&format!("v{v};{}\n", vote.join(",")));
            }
        }
        let e = Election::parse(s.as_bytes()).unwrap();
        // MES satisfaction: cost for approval, points for cumulative
        let sats: Vec<Vec<(usize, i64)>> = ballots
            .iter()
            .map(|b| {
                b.iter()
                    .map(|&(p, x)| (p, if cumulative { x } else { costs[p] }))
                    .collect()
            })
            .collect();
        for (rule, add1) in [(Rule::Mes, false), (Rule::MesAdd1, true)] {
            let mut want = naive(&costs, &ids, &sats, budget, add1);
            want.sort_unstable();
            let mut got = tally(&e, rule).unwrap().selected;
            got.sort_unstable();
            assert_eq!(got, want, "case {case} rule {rule:?}\n{s}");
        }
    }
}

#[test]
fn random_approval_against_naive_exact_mes() {
    check(false, 1, 1500);
}

#[test]
fn random_cumulative_against_naive_exact_mes() {
    check(true, 2, 1500);
}
