//! PCA of the vote matrix the way Polis does it, computed sparsely.
//!
//! Polis imputes every missing vote with the statement's mean vote, centres
//! each column by that same mean, and takes the top two principal components
//! of the result. Imputing with the column mean and then centring makes every
//! missing cell exactly zero, so the centred matrix has the same sparsity as
//! the votes: `c_ij = v_ij - mean_j` where participant `i` voted on `j`, else 0.
//! We never build a dense matrix: small conversations form the statement ×
//! statement scatter matrix `CᵀC` and solve it with nalgebra's symmetric
//! eigen decomposition; large ones use block subspace iteration with the
//! sparse operator `v ↦ Cᵀ(Cv)`.
//!
//! Each participant is then projected with Polis's sparsity-aware
//! projection (`sparsity-aware-project-ptpt` in polismath's `pca.clj`): the
//! dot product over the statements they voted on only, scaled by
//! `sqrt(n_statements / n_votes)`, which pushes participants who voted on few
//! statements out from the centre as if they had voted on all of them.

use nalgebra::{DMatrix, SymmetricEigen};
use rand::{Rng, SeedableRng};
use rand_chacha::ChaCha8Rng;

use crate::matrix::VoteMatrix;

/// Statements up to this count use the dense scatter matrix + exact eigen solver.
const DENSE_LIMIT: usize = 600;

/// Result of the PCA.
#[derive(Debug, Clone, PartialEq)]
pub struct Pca {
    /// For each matrix column, its index among the PCA columns, or `None` if
    /// the statement is excluded (moderated out or without votes).
    pub column_index: Vec<Option<usize>>,
    /// Mean vote of each PCA column (the centre).
    pub center: Vec<f64>,
    /// The two principal components, each of length `center.len()`.
    pub components: [Vec<f64>; 2],
    /// Share of the total variance that each component explains (0..1).
    pub explained: [f64; 2],
    /// Statements that count as voted on by everyone in the sparsity scaling
    /// (Polis zeroes moderated-out columns, turning them into passes).
    pub zeroed_columns: usize,
}

impl Pca {
    /// Number of statements that take part in the PCA.
    pub fn n_columns(&self) -> usize {
        self.center.len()
    }

    /// Polis's sparsity-aware projection of participant `i`.
    pub fn project(&self, votes: &VoteMatrix, i: usize) -> [f64; 2] {
        let (cols, vals) = votes.row(i);
        let mut n = 0usize;
        let (mut p1, mut p2) = (0.0, 0.0);
        for (&c, &v) in cols.iter().zip(vals) {
            if let Some(Some(j)) = self.column_index.get(c as usize) {
                let x = f64::from(v) - self.center[*j];
                p1 += x * self.components[0][*j];
                p2 += x * self.components[1][*j];
                n += 1;
            }
        }
        let total = (self.n_columns() + self.zeroed_columns) as f64;
        let scale = (total / (n + self.zeroed_columns).max(1) as f64).sqrt();
        [p1 * scale, p2 * scale]
    }
}

/// Fit the PCA on the rows where `fit_rows` is true, using the columns where
/// `keep_column` is true. Returns `None` when fewer than two columns have votes.
pub fn fit(votes: &VoteMatrix, fit_rows: &[bool], keep_column: &[bool], seed: u64) -> Option<Pca> {
    let n_cols = votes.n_statements();
    let mut sum = vec![0.0f64; n_cols];
    let mut count = vec![0u64; n_cols];
    for i in (0..votes.n_participants()).filter(|&i| fit_rows.get(i).copied().unwrap_or(false)) {
        let (cols, vals) = votes.row(i);
        for (&c, &v) in cols.iter().zip(vals) {
            sum[c as usize] += f64::from(v);
            count[c as usize] += 1;
        }
    }
    let mut column_index = vec![None; n_cols];
    let mut center = Vec::new();
    for j in 0..n_cols {
        if keep_column.get(j).copied().unwrap_or(false) && count[j] > 0 {
            column_index[j] = Some(center.len());
            center.push(sum[j] / count[j] as f64);
        }
    }
    let m = center.len();
    if m < 2 {
        return None;
    }
    let op = Operator {
        votes,
        fit_rows,
        column_index: &column_index,
        center: &center,
    };
    let (components, eigenvalues, total) = if m <= DENSE_LIMIT {
        dense_top2(&op, m)
    } else {
        subspace_top2(&op, m, seed)
    };
    let explained = if total > 0.0 {
        [eigenvalues[0] / total, eigenvalues[1] / total]
    } else {
        [0.0, 0.0]
    };
    Some(Pca {
        column_index,
        center,
        components,
        explained,
        zeroed_columns: 0,
    })
}

struct Operator<'a> {
    votes: &'a VoteMatrix,
    fit_rows: &'a [bool],
    column_index: &'a [Option<usize>],
    center: &'a [f64],
}

impl Operator<'_> {
    /// Centred entries of row `i` as (PCA column, value).
    fn centred_row(&self, i: usize, buf: &mut Vec<(usize, f64)>) {
        buf.clear();
        let (cols, vals) = self.votes.row(i);
        for (&c, &v) in cols.iter().zip(vals) {
            if let Some(Some(j)) = self.column_index.get(c as usize) {
                buf.push((*j, f64::from(v) - self.center[*j]));
            }
        }
    }

    fn fit_row(&self, i: usize) -> bool {
        self.fit_rows.get(i).copied().unwrap_or(false)
    }

    /// `W = Cᵀ C V` for `V` stored row-major as m × b. Also returns ‖C‖².
    fn gram_apply(&self, v: &[f64], b: usize, m: usize) -> (Vec<f64>, f64) {
        let n = self.votes.n_participants();
        let threads = if self.votes.n_votes() < 200_000 {
            1
        } else {
            std::thread::available_parallelism()
                .map(|t| t.get())
                .unwrap_or(1)
                .clamp(1, 8)
        };
        let chunk = n.div_ceil(threads).max(1);
        let work = |lo: usize, hi: usize| -> (Vec<f64>, f64) {
            let mut w = vec![0.0f64; m * b];
            let mut s = vec![0.0f64; b];
            let mut buf = Vec::new();
            let mut total = 0.0;
            for i in lo..hi {
                if !self.fit_row(i) {
                    continue;
                }
                self.centred_row(i, &mut buf);
                s.iter_mut().for_each(|x| *x = 0.0);
                for &(j, c) in &buf {
                    total += c * c;
                    let vj = &v[j * b..j * b + b];
                    for k in 0..b {
                        s[k] += c * vj[k];
                    }
                }
                for &(j, c) in &buf {
                    let wj = &mut w[j * b..j * b + b];
                    for k in 0..b {
                        wj[k] += c * s[k];
                    }
                }
            }
            (w, total)
        };
        if threads == 1 {
            return work(0, n);
        }
        let parts: Vec<(Vec<f64>, f64)> = std::thread::scope(|scope| {
            let handles: Vec<_> = (0..threads)
                .map(|t| {
                    let lo = (t * chunk).min(n);
                    let hi = ((t + 1) * chunk).min(n);
                    let work = &work;
                    scope.spawn(move || work(lo, hi))
                })
                .collect();
            handles
                .into_iter()
                .map(|h| h.join().unwrap_or_else(|_| (vec![0.0; m * b], 0.0)))
                .collect()
        });
        let mut w = vec![0.0f64; m * b];
        let mut total = 0.0;
        for (p, t) in parts {
            for (a, x) in w.iter_mut().zip(p) {
                *a += x;
            }
            total += t;
        }
        (w, total)
    }
}

/// Make a component's sign canonical: the entry of largest magnitude is positive.
fn canonical_sign(v: &mut [f64]) {
    let mut best = 0.0f64;
    for &x in v.iter() {
        if x.abs() > best.abs() + 1e-12 {
            best = x;
        }
    }
    if best < 0.0 {
        v.iter_mut().for_each(|x| *x = -*x);
    }
}

fn dense_top2(op: &Operator<'_>, m: usize) -> ([Vec<f64>; 2], [f64; 2], f64) {
    let mut g = DMatrix::<f64>::zeros(m, m);
    let mut buf = Vec::new();
    let mut total = 0.0;
    for i in 0..op.votes.n_participants() {
        if !op.fit_row(i) {
            continue;
        }
        op.centred_row(i, &mut buf);
        for &(a, ca) in &buf {
            total += ca * ca;
            for &(b, cb) in &buf {
                g[(a, b)] += ca * cb;
            }
        }
    }
    let (vectors, values) = top2_eigen(g, |y| y.to_vec());
    (vectors, values, total)
}

/// The top two eigenpairs of the symmetric `h`, largest first: each
/// eigenvector mapped by `vector`, zeroed if not finite and signed
/// canonically; each eigenvalue at least zero.
fn top2_eigen(h: DMatrix<f64>, vector: impl Fn(&[f64]) -> Vec<f64>) -> ([Vec<f64>; 2], [f64; 2]) {
    let eig = SymmetricEigen::new(h);
    let mut order: Vec<usize> = (0..eig.eigenvalues.len()).collect();
    order.sort_by(|&a, &b| {
        eig.eigenvalues[b]
            .partial_cmp(&eig.eigenvalues[a])
            .unwrap_or(std::cmp::Ordering::Equal)
    });
    let take = |k: usize| -> (Vec<f64>, f64) {
        let idx = order[k];
        let y: Vec<f64> = eig.eigenvectors.column(idx).iter().copied().collect();
        let mut v = vector(&y);
        if v.iter().any(|x| !x.is_finite()) {
            v = vec![0.0; v.len()];
        }
        canonical_sign(&mut v);
        (v, eig.eigenvalues[idx].max(0.0))
    };
    let (v1, l1) = take(0);
    let (v2, l2) = take(1);
    ([v1, v2], [l1, l2])
}

/// Orthonormalise the columns of the row-major m × b block (modified Gram–Schmidt,
/// twice for stability). Columns that vanish are replaced by zeros.
fn orthonormalise(v: &mut [f64], m: usize, b: usize) {
    for _ in 0..2 {
        for k in 0..b {
            for p in 0..k {
                let mut d = 0.0;
                for j in 0..m {
                    d += v[j * b + k] * v[j * b + p];
                }
                for j in 0..m {
                    v[j * b + k] -= d * v[j * b + p];
                }
            }
            let mut norm = 0.0;
            for j in 0..m {
                norm += v[j * b + k] * v[j * b + k];
            }
            let norm = norm.sqrt();
            for j in 0..m {
                v[j * b + k] = if norm > 1e-300 {
                    v[j * b + k] / norm
                } else {
                    0.0
                };
            }
        }
    }
}

/// `Vᵀ W` of two row-major m × b blocks (b × b), symmetrised.
fn block_product(v: &[f64], w: &[f64], m: usize, b: usize) -> DMatrix<f64> {
    let mut h = DMatrix::<f64>::zeros(b, b);
    for p in 0..b {
        for q in 0..b {
            let mut d = 0.0;
            for j in 0..m {
                d += v[j * b + p] * w[j * b + q];
            }
            h[(p, q)] = d;
        }
    }
    (&h + h.transpose()) * 0.5
}

/// The two largest eigenvalues of `Vᵀ W` (b × b, symmetrised).
fn top2_ritz(v: &[f64], w: &[f64], m: usize, b: usize) -> [f64; 2] {
    let h = block_product(v, w, m, b);
    let mut e: Vec<f64> = SymmetricEigen::new(h).eigenvalues.iter().copied().collect();
    e.sort_by(|a, b| b.total_cmp(a));
    [
        e.first().copied().unwrap_or(0.0),
        e.get(1).copied().unwrap_or(0.0),
    ]
}

fn subspace_top2(op: &Operator<'_>, m: usize, seed: u64) -> ([Vec<f64>; 2], [f64; 2], f64) {
    let b = m.min(6);
    let mut rng = ChaCha8Rng::seed_from_u64(seed ^ 0x9e37_79b9_7f4a_7c15);
    let mut v: Vec<f64> = (0..m * b).map(|_| rng.gen_range(-1.0..1.0)).collect();
    orthonormalise(&mut v, m, b);
    let mut total = 0.0;
    let mut last = [f64::NAN; 2];
    for _ in 0..200 {
        let (w, t) = op.gram_apply(&v, b, m);
        total = t;
        // Ritz values of the current block: eigenvalues of H = Vᵀ A V. They
        // converge fast even when the top eigenvalues are close to each other.
        let ritz = top2_ritz(&v, &w, m, b);
        v = w;
        orthonormalise(&mut v, m, b);
        let close = |a: f64, c: f64| (a - c).abs() <= 1e-11 * a.abs().max(1e-300);
        if close(ritz[0], last[0]) && close(ritz[1], last[1]) {
            break;
        }
        last = ritz;
    }
    // Rayleigh–Ritz on the final block: H = Vᵀ Cᵀ C V.
    let (w, _) = op.gram_apply(&v, b, m);
    let h = block_product(&v, &w, m, b);
    let (vectors, values) = top2_eigen(h, |y| {
        let mut out = vec![0.0; m];
        for (j, o) in out.iter_mut().enumerate() {
            for p in 0..b {
                *o += v[j * b + p] * y[p];
            }
        }
        out
    });
    (vectors, values, total)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::matrix::Vote;

    fn random_matrix(n: usize, m: usize, seed: u64) -> VoteMatrix {
        let mut rng = ChaCha8Rng::seed_from_u64(seed);
        let mut mat = VoteMatrix::new(m);
        for i in 0..n {
            let mut row = Vec::new();
            for j in 0..m {
                if rng.gen_bool(0.5) {
                    let group = (i % 2) as i32;
                    let lean = if (j as i32 % 2) == group { 0.8 } else { 0.2 };
                    let v = if rng.gen_bool(lean) {
                        Vote::Agree
                    } else {
                        Vote::Disagree
                    };
                    row.push((j as u32, v));
                }
            }
            mat.push_row(&mut row).unwrap();
        }
        mat
    }

    #[test]
    fn dense_and_subspace_agree() {
        let mat = random_matrix(300, 40, 1);
        let rows = vec![true; 300];
        let cols = vec![true; 40];
        let mut column_index = vec![None; 40];
        let mut center = Vec::new();
        let p = fit(&mat, &rows, &cols, 3).unwrap();
        for (j, ci) in column_index.iter_mut().enumerate() {
            *ci = Some(j);
            center.push(p.center[j]);
        }
        let op = Operator {
            votes: &mat,
            fit_rows: &rows,
            column_index: &column_index,
            center: &center,
        };
        let (dc, dl, _) = dense_top2(&op, 40);
        let (sc, sl, _) = subspace_top2(&op, 40, 7);
        assert!((dl[0] - sl[0]).abs() < 1e-6 * dl[0]);
        let dot: f64 = dc[0].iter().zip(&sc[0]).map(|(a, b)| a * b).sum();
        assert!((dot.abs() - 1.0).abs() < 1e-6, "dot {dot}");
        assert!(p.explained[0] > p.explained[1]);
    }
}
