//! Method of Equal Shares (pabutools `method_of_equal_shares`), exact.
//!
//! Each run is computed in `f64` with an error bound on every affordability
//! value (rho). A decision is taken in floating point only when it is certain;
//! otherwise (ties, near-ties, supporters' money almost exactly equal to the
//! cost) the voters' shares are replayed in exact rational arithmetic, grouped
//! by equal share, and the decision is taken exactly, with pabutools'
//! lexicographic tie-breaking on project ids.

use std::collections::{BTreeMap, HashMap};

use num_bigint::BigInt;
use num_rational::BigRational;
use num_traits::{ToPrimitive, Zero};
use serde::Serialize;

use super::{exhaustive, MesSummary, Prepared, ProjectExplanation};
use crate::error::Error;

/// Relative error allowed on floating-point values before a decision is taken exactly.
const TOL: f64 = 1e-8;

/// The MES stage of a project.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(tag = "result", rename_all = "kebab-case")]
pub enum MesNote {
    /// Bought as the `step`-th project. `rho` is pabutools' affordability: for
    /// approval ballots the fraction of the cost each supporter with enough money
    /// paid; for points, the price of one point in currency units.
    Selected {
        step: usize,
        rho: f64,
        /// What the supporters paid, grouped by amount (currency units).
        payments: Vec<PaymentGroup>,
    },
    /// Cost 0 and supported: selected before the first round.
    SelectedFree,
    /// The supporters' remaining shares were too small to pay for it.
    Unaffordable {
        /// Project after whose purchase this became unaffordable (None: from the start).
        after: Option<usize>,
        /// Money its supporters had left then (currency units).
        supporters_money: f64,
    },
    /// Nobody gave it a positive score.
    NoSupporters,
}

/// Supporters who paid the same amount for a project.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct PaymentGroup {
    /// Amount each of them paid (currency units, rounded to cents).
    pub amount: f64,
    /// Number of supporters.
    pub voters: u32,
    /// They paid all they had left (their share was smaller than the equal part).
    pub whole_share: bool,
}

struct MesData<'a> {
    prep: &'a Prepared,
    n: usize,
    off: Vec<usize>,
    voters: Vec<u32>,
    sat: Vec<i128>,
    sat_f: Vec<f64>,
    cost_f: Vec<f64>,
    total_sat_f: Vec<f64>,
    projects: Vec<usize>,
    zero_cost: Vec<usize>,
    unit_f: f64,
}

struct Run {
    selected: Vec<usize>,
    cost: i128,
    over: bool,
}

enum Eval {
    Unaffordable,
    Rho { rho: f64, err: f64, near: bool },
}

struct Exact {
    class_of: Vec<u32>,
    budget: Vec<BigRational>,
    done: usize,
}

fn big(v: i128) -> BigInt {
    BigInt::from(v)
}

impl<'a> MesData<'a> {
    fn new(prep: &'a Prepared) -> MesData<'a> {
        let np = prep.num_projects();
        let mut off = Vec::with_capacity(np + 1);
        off.push(0);
        let mut voters = Vec::new();
        let mut sat = Vec::new();
        let mut projects = Vec::new();
        let mut zero_cost = Vec::new();
        let mut total_sat_f = Vec::with_capacity(np);
        for p in 0..np {
            let mut total: i128 = 0;
            for j in prep.off[p]..prep.off[p + 1] {
                let s = if prep.approval {
                    prep.cost[p]
                } else {
                    i128::from(prep.score[j])
                };
                if s > 0 {
                    voters.push(prep.voters[j]);
                    sat.push(s);
                    total += s;
                }
            }
            off.push(voters.len());
            total_sat_f.push(total as f64);
            if total > 0 {
                if prep.cost[p] > 0 {
                    projects.push(p);
                } else {
                    zero_cost.push(p);
                }
            }
        }
        let sat_f = sat.iter().map(|&s| s as f64).collect();
        MesData {
            prep,
            n: prep.n,
            off,
            voters,
            sat,
            sat_f,
            cost_f: prep.cost.iter().map(|&c| c as f64).collect(),
            total_sat_f,
            projects,
            zero_cost,
            unit_f: prep.money_unit as f64,
        }
    }

    fn avail_f64(&self, p: usize, budgets: &[f64]) -> f64 {
        self.voters[self.off[p]..self.off[p + 1]]
            .iter()
            .map(|&v| budgets[v as usize])
            .sum()
    }

    fn eval_f64(&self, p: usize, budgets: &[f64]) -> Eval {
        let r = self.off[p]..self.off[p + 1];
        let vs = &self.voters[r.clone()];
        let ss = &self.sat_f[r];
        let cost = self.cost_f[p];
        let mut near = false;
        let mut rho = cost / self.total_sat_f[p];
        let mut last_np = 0usize;
        for it in 0..30 {
            let mut poor_sum = 0.0;
            let mut rich_sat = 0.0;
            let mut np = 0usize;
            let mut avail = 0.0;
            for (&v, &s) in vs.iter().zip(ss) {
                let b = budgets[v as usize];
                avail += b;
                if b < rho * s {
                    poor_sum += b;
                    np += 1;
                } else {
                    rich_sat += s;
                }
            }
            if it == 0 {
                // can the supporters pay for it at all?
                let tol_av = TOL * (cost + avail);
                if avail < cost - tol_av {
                    return Eval::Unaffordable;
                }
                near = avail < cost + tol_av;
            }
            if rich_sat <= 0.0 {
                return self.all_poor(vs, ss, budgets);
            }
            let nr = (cost - poor_sum) / rich_sat;
            if np == last_np {
                let err = TOL * (cost + poor_sum) / rich_sat;
                return Eval::Rho { rho: nr, err, near };
            }
            rho = nr;
            last_np = np;
        }
        // Slow path: sort supporters by share / satisfaction (as pabutools does).
        let mut order: Vec<(f64, f64, f64)> = vs
            .iter()
            .zip(ss)
            .map(|(&v, &s)| (budgets[v as usize] / s, budgets[v as usize], s))
            .collect();
        order.sort_by(|a, b| a.0.total_cmp(&b.0));
        let mut contrib = 0.0;
        let mut denom = self.total_sat_f[p];
        for &(_, b, s) in &order {
            let a = (cost - contrib) / denom;
            if a * s <= b {
                let err = TOL * (cost + contrib) / denom;
                return Eval::Rho { rho: a, err, near };
            }
            contrib += b;
            denom -= s;
        }
        self.all_poor(vs, ss, budgets)
    }

    fn all_poor(&self, vs: &[u32], ss: &[f64], budgets: &[f64]) -> Eval {
        let rho = vs
            .iter()
            .zip(ss)
            .map(|(&v, &s)| budgets[v as usize] / s)
            .fold(0.0, f64::max);
        Eval::Rho {
            rho,
            err: TOL * rho.max(f64::MIN_POSITIVE),
            near: true,
        }
    }

    /// Supporters of `p` grouped by (exact share class, satisfaction).
    fn groups(&self, p: usize, ex: &Exact) -> (Vec<(u32, usize, u64)>, Vec<u32>) {
        let mut map: HashMap<(u32, usize), u32> = HashMap::new();
        let mut groups: Vec<(u32, usize, u64)> = Vec::new();
        let mut of = Vec::with_capacity(self.off[p + 1] - self.off[p]);
        for j in self.off[p]..self.off[p + 1] {
            let c = ex.class_of[self.voters[j] as usize];
            // group key: class and index of the first entry with the same satisfaction value
            let key = (c, self.sat_key(p, j));
            let g = *map.entry(key).or_insert_with(|| {
                groups.push((c, j, 0));
                (groups.len() - 1) as u32
            });
            groups[g as usize].2 += 1;
            of.push(g);
        }
        (groups, of)
    }

    fn sat_key(&self, p: usize, j: usize) -> usize {
        if self.prep.approval {
            p
        } else {
            // satisfaction values are small integers in practice; use the value itself
            self.sat[j] as usize
        }
    }

    /// Exact rho of `p` given exact shares, or None if its supporters cannot pay for it.
    fn exact_rho(&self, p: usize, ex: &Exact, groups: &[(u32, usize, u64)]) -> Option<BigRational> {
        let cost = BigRational::from(big(self.prep.cost[p]));
        let mut avail = BigRational::zero();
        let mut denom = BigInt::zero();
        for &(c, j, cnt) in groups {
            avail += &ex.budget[c as usize] * BigRational::from(BigInt::from(cnt));
            denom += big(self.sat[j]) * BigInt::from(cnt);
        }
        if avail < cost {
            return None;
        }
        let mut order: Vec<(BigRational, usize)> = groups
            .iter()
            .enumerate()
            .map(|(g, &(c, j, _))| {
                (
                    &ex.budget[c as usize] / BigRational::from(big(self.sat[j])),
                    g,
                )
            })
            .collect();
        order.sort_by(|a, b| a.0.cmp(&b.0));
        let mut contrib = BigRational::zero();
        for (_, g) in order {
            let (c, j, cnt) = groups[g];
            if denom.is_zero() {
                break;
            }
            let afford = (&cost - &contrib) / BigRational::from(denom.clone());
            let s = BigRational::from(big(self.sat[j]));
            let b = &ex.budget[c as usize];
            if &(&afford * &s) <= b {
                return Some(afford);
            }
            contrib += b * BigRational::from(BigInt::from(cnt));
            denom -= big(self.sat[j]) * BigInt::from(cnt);
        }
        None
    }

    /// Brings the exact shares up to date with the history of purchases.
    fn sync(&self, ex: &mut Exact, hist: &mut [(usize, Option<BigRational>)]) -> Result<(), Error> {
        while ex.done < hist.len() {
            let p = hist[ex.done].0;
            let (groups, of) = self.groups(p, ex);
            let rho = match hist[ex.done].1.take() {
                Some(r) => r,
                None => self.exact_rho(p, ex, &groups).ok_or_else(|| {
                    Error::Unsupported("internal error: exact replay disagrees".to_string())
                })?,
            };
            let mut new_class = Vec::with_capacity(groups.len());
            for &(c, j, _) in &groups {
                let b = &ex.budget[c as usize];
                let pay = &rho * BigRational::from(big(self.sat[j]));
                let nb = if &pay >= b {
                    BigRational::zero()
                } else {
                    b - pay
                };
                ex.budget.push(nb);
                new_class.push((ex.budget.len() - 1) as u32);
            }
            for (k, j) in (self.off[p]..self.off[p + 1]).enumerate() {
                ex.class_of[self.voters[j] as usize] = new_class[of[k] as usize];
            }
            hist[ex.done].1 = Some(rho);
            ex.done += 1;
        }
        Ok(())
    }

    /// One run of MES with the given share per voter (scaled units).
    fn run(
        &self,
        share: &BigRational,
        stop_over: bool,
        mut notes: Option<&mut [ProjectExplanation]>,
    ) -> Result<Run, Error> {
        let np = self.prep.num_projects();
        let share_f = share.to_f64().unwrap_or(f64::MAX);
        let mut budgets = vec![share_f; self.n];
        let mut alive: Vec<usize> = self.projects.clone();
        let mut stale: Vec<f64> = (0..np)
            .map(|p| self.cost_f[p] / self.total_sat_f[p] * (1.0 - 1e-9))
            .collect();
        let mut removed = vec![false; np];
        let mut hist: Vec<(usize, Option<BigRational>)> = Vec::new();
        let mut exact: Option<Exact> = None;
        let mut selected = self.zero_cost.clone();
        let mut cost: i128 = selected.iter().map(|&p| self.prep.cost[p]).sum();
        let mut over = false;
        let mut cands: Vec<(usize, f64, f64, bool)> = Vec::new();
        if let Some(notes) = notes.as_deref_mut() {
            for n in notes.iter_mut() {
                n.mes = Some(MesNote::NoSupporters);
            }
            for &p in &self.zero_cost {
                notes[p].mes = Some(MesNote::SelectedFree);
            }
            for &p in &self.projects {
                notes[p].mes = None;
            }
            self.note_unaffordable(&alive, &budgets, None, notes);
        }
        loop {
            alive.sort_by(|&a, &b| {
                stale[a]
                    .total_cmp(&stale[b])
                    .then(self.prep.rank[a].cmp(&self.prep.rank[b]))
            });
            let mut best_hi = f64::INFINITY;
            cands.clear();
            for &p in &alive {
                if stale[p] > best_hi {
                    break;
                }
                match self.eval_f64(p, &budgets) {
                    Eval::Unaffordable => removed[p] = true,
                    Eval::Rho { rho, err, near } => {
                        stale[p] = rho - err;
                        best_hi = best_hi.min(rho + err);
                        cands.push((p, rho, err, near));
                    }
                }
            }
            alive.retain(|&p| !removed[p]);
            cands.retain(|c| c.1 - c.2 <= best_hi);
            if cands.is_empty() {
                break;
            }
            let (p, rho_f, rho_exact) = if cands.len() == 1 && !cands[0].3 {
                (cands[0].0, cands[0].1, None)
            } else {
                let ex = exact.get_or_insert_with(|| Exact {
                    class_of: vec![0; self.n],
                    budget: vec![share.clone()],
                    done: 0,
                });
                self.sync(ex, &mut hist)?;
                let mut best: Option<(BigRational, usize)> = None;
                let mut dropped = false;
                for &(p, ..) in cands.iter() {
                    let (groups, _) = self.groups(p, ex);
                    match self.exact_rho(p, ex, &groups) {
                        None => {
                            removed[p] = true;
                            dropped = true;
                        }
                        Some(r) => {
                            let better = match &best {
                                None => true,
                                Some((br, bp)) => {
                                    r < *br || (r == *br && self.prep.rank[p] < self.prep.rank[*bp])
                                }
                            };
                            if better {
                                best = Some((r, p));
                            }
                        }
                    }
                }
                if dropped {
                    // the set of candidates changed: evaluate the round again
                    alive.retain(|&p| !removed[p]);
                    continue;
                }
                match best {
                    Some((r, p)) => (p, r.to_f64().unwrap_or(f64::MAX), Some(r)),
                    None => break,
                }
            };
            // pay
            let r = self.off[p]..self.off[p + 1];
            if let Some(notes) = notes.as_deref_mut() {
                let mut groups: BTreeMap<(bool, i64), u32> = BTreeMap::new();
                for j in r.clone() {
                    let b = budgets[self.voters[j] as usize];
                    let pay = rho_f * self.sat_f[j];
                    let whole = b <= pay;
                    let amount = if whole { b } else { pay };
                    let cents = (amount / self.unit_f * 100.0).round() as i64;
                    *groups.entry((whole, cents)).or_default() += 1;
                }
                let mut payments: Vec<PaymentGroup> = groups
                    .into_iter()
                    .map(|((whole, cents), voters)| PaymentGroup {
                        amount: cents as f64 / 100.0,
                        voters,
                        whole_share: whole,
                    })
                    .collect();
                payments
                    .sort_by(|a, b| b.voters.cmp(&a.voters).then(b.amount.total_cmp(&a.amount)));
                notes[p].mes = Some(MesNote::Selected {
                    step: hist.len() + 1,
                    rho: if self.prep.approval {
                        rho_f
                    } else {
                        rho_f / self.unit_f
                    },
                    payments,
                });
            }
            for j in r {
                let v = self.voters[j] as usize;
                let pay = rho_f * self.sat_f[j];
                if budgets[v] <= pay {
                    budgets[v] = 0.0;
                } else {
                    budgets[v] -= pay;
                }
            }
            hist.push((p, rho_exact));
            alive.retain(|&q| q != p);
            selected.push(p);
            cost += self.prep.cost[p];
            if let Some(notes) = notes.as_deref_mut() {
                self.note_unaffordable(&alive, &budgets, Some(p), notes);
            }
            if stop_over && cost > self.prep.budget {
                over = true;
                break;
            }
        }
        if let Some(notes) = notes {
            let last = hist.last().map(|h| h.0);
            for &p in &self.projects {
                if notes[p].mes.is_none() {
                    notes[p].mes = Some(MesNote::Unaffordable {
                        after: last,
                        supporters_money: self.avail_f64(p, &budgets) / self.unit_f,
                    });
                }
            }
        }
        Ok(Run {
            selected,
            cost,
            over,
        })
    }

    fn note_unaffordable(
        &self,
        alive: &[usize],
        budgets: &[f64],
        after: Option<usize>,
        notes: &mut [ProjectExplanation],
    ) {
        for &q in alive {
            if notes[q].mes.is_none() {
                let avail = self.avail_f64(q, budgets);
                if avail < self.cost_f[q] * (1.0 - TOL) {
                    notes[q].mes = Some(MesNote::Unaffordable {
                        after,
                        supporters_money: avail / self.unit_f,
                    });
                }
            }
        }
    }
}

/// MES (`add1 == false`) or MES with the add1 completion; fills the MES notes.
pub(crate) fn mes(
    prep: &Prepared,
    add1: bool,
    notes: &mut [ProjectExplanation],
) -> Result<(Vec<usize>, MesSummary), Error> {
    let summary = |share: &BigRational, k: u64, runs: u64| MesSummary {
        voter_share: share.to_f64().unwrap_or(f64::MAX) / prep.money_unit as f64,
        voter_share_exact: format!("{}/{}", share.numer(), share.denom()),
        increments: k,
        runs,
    };
    if prep.n == 0 {
        for n in notes.iter_mut() {
            n.mes = Some(MesNote::NoSupporters);
        }
        return Ok((Vec::new(), summary(&BigRational::zero(), 0, 0)));
    }
    let data = MesData::new(prep);
    let share0 = BigRational::new(big(prep.budget), BigInt::from(prep.n));
    if !add1 {
        let run = data.run(&share0, false, Some(notes))?;
        return Ok((run.selected, summary(&share0, 0, 1)));
    }
    let unit = BigRational::from(big(prep.money_unit));
    let mut k: u64 = 0;
    let mut runs = 0u64;
    let chosen: Option<u64> = loop {
        let share = &share0 + &unit * BigRational::from(BigInt::from(k));
        let run = data.run(&share, true, None)?;
        runs += 1;
        if run.over || run.cost > prep.budget {
            break k.checked_sub(1);
        }
        if exhaustive(prep, &run.selected, data.projects.iter().copied()) {
            break Some(k);
        }
        k += 1;
    };
    match chosen {
        Some(k) => {
            let share = &share0 + &unit * BigRational::from(BigInt::from(k));
            let run = data.run(&share, false, Some(notes))?;
            Ok((run.selected, summary(&share, k, runs + 1)))
        }
        None => {
            // pabutools returns the initial allocation (projects of cost 0)
            for n in notes.iter_mut() {
                n.mes = Some(MesNote::NoSupporters);
            }
            for &p in &data.zero_cost {
                notes[p].mes = Some(MesNote::SelectedFree);
            }
            Ok((data.zero_cost.clone(), summary(&share0, 0, runs)))
        }
    }
}
