//! k-means on the 2-D participant projections, silhouette, adjusted Rand index.

use rand::{Rng, SeedableRng};
use rand_chacha::ChaCha8Rng;

/// A k-means result.
#[derive(Debug, Clone, PartialEq)]
pub struct KMeans {
    /// Cluster centres.
    pub centers: Vec<[f64; 2]>,
    /// Cluster of each point.
    pub labels: Vec<usize>,
    /// Weighted sum of squared distances to the assigned centre.
    pub inertia: f64,
}

fn d2(a: [f64; 2], b: [f64; 2]) -> f64 {
    let dx = a[0] - b[0];
    let dy = a[1] - b[1];
    dx * dx + dy * dy
}

fn nearest(p: [f64; 2], centers: &[[f64; 2]]) -> (usize, f64) {
    let mut best = (0usize, f64::INFINITY);
    for (c, &ctr) in centers.iter().enumerate() {
        let d = d2(p, ctr);
        if d < best.1 {
            best = (c, d);
        }
    }
    best
}

/// k-means++ seeding (weighted), deterministic for the RNG state.
fn plus_plus(
    points: &[[f64; 2]],
    weights: &[f64],
    k: usize,
    rng: &mut ChaCha8Rng,
) -> Vec<[f64; 2]> {
    let n = points.len();
    let total_w: f64 = weights.iter().sum();
    let pick = |probs: &[f64], total: f64, rng: &mut ChaCha8Rng| -> usize {
        if total.is_nan() || total <= 0.0 {
            return rng.gen_range(0..n);
        }
        let mut r = rng.gen_range(0.0..total);
        for (i, &p) in probs.iter().enumerate() {
            if r < p {
                return i;
            }
            r -= p;
        }
        n - 1
    };
    let first = pick(weights, total_w, rng);
    let mut centers = vec![points[first]];
    let mut dist: Vec<f64> = points.iter().map(|&p| d2(p, points[first])).collect();
    // Greedy k-means++ as in scikit-learn: try 2 + ln(k) candidates, keep the best.
    let trials = 2 + (k as f64).ln().floor() as usize;
    while centers.len() < k {
        let probs: Vec<f64> = dist.iter().zip(weights).map(|(d, w)| d * w).collect();
        let total: f64 = probs.iter().sum();
        let mut best: Option<(f64, usize)> = None;
        for _ in 0..trials {
            let cand = pick(&probs, total, rng);
            let pot: f64 = points
                .iter()
                .zip(&dist)
                .zip(weights)
                .map(|((&p, &d), &w)| w * d.min(d2(p, points[cand])))
                .sum();
            if best.is_none_or(|(b, _)| pot < b) {
                best = Some((pot, cand));
            }
        }
        let cand = best.map(|(_, c)| c).unwrap_or(0);
        centers.push(points[cand]);
        for (d, &p) in dist.iter_mut().zip(points) {
            *d = d.min(d2(p, points[cand]));
        }
    }
    centers
}

/// Lloyd iterations from given centres.
fn lloyd(
    points: &[[f64; 2]],
    weights: &[f64],
    mut centers: Vec<[f64; 2]>,
    max_iter: usize,
) -> KMeans {
    let k = centers.len();
    let mut labels = vec![usize::MAX; points.len()];
    for _ in 0..max_iter.max(1) {
        let mut changed = false;
        let mut sums = vec![[0.0f64; 3]; k];
        for (i, &p) in points.iter().enumerate() {
            let (c, _) = nearest(p, &centers);
            if labels[i] != c {
                labels[i] = c;
                changed = true;
            }
            let w = weights[i];
            sums[c][0] += w * p[0];
            sums[c][1] += w * p[1];
            sums[c][2] += w;
        }
        for (c, s) in sums.iter().enumerate() {
            if s[2] > 0.0 {
                centers[c] = [s[0] / s[2], s[1] / s[2]];
            }
        }
        if !changed {
            break;
        }
    }
    let mut inertia = 0.0;
    for (i, &p) in points.iter().enumerate() {
        let (c, d) = nearest(p, &centers);
        labels[i] = c;
        inertia += weights[i] * d;
    }
    KMeans {
        centers,
        labels,
        inertia,
    }
}

/// Polis's initialisation (`init-clusters` in polismath's `clusters.clj`):
/// the first `k` distinct points, in data order. Deterministic, no seed.
pub fn kmeans_first_distinct(
    points: &[[f64; 2]],
    weights: &[f64],
    k: usize,
    max_iter: usize,
) -> KMeans {
    let mut init: Vec<[f64; 2]> = Vec::with_capacity(k);
    for &p in points {
        if init.len() >= k {
            break;
        }
        if !init
            .iter()
            .any(|q| q[0].to_bits() == p[0].to_bits() && q[1].to_bits() == p[1].to_bits())
        {
            init.push(p);
        }
    }
    lloyd(points, weights, init, max_iter)
}

/// red-dwarf's "polis" initialisation: the first `k` distinct points in
/// lexicographic (x, y) order. Deterministic, no seed.
pub fn kmeans_sorted_distinct(
    points: &[[f64; 2]],
    weights: &[f64],
    k: usize,
    max_iter: usize,
) -> KMeans {
    let mut sorted: Vec<[f64; 2]> = points.to_vec();
    sorted.sort_by(|a, b| a[0].total_cmp(&b[0]).then(a[1].total_cmp(&b[1])));
    sorted.dedup_by(|a, b| a[0].to_bits() == b[0].to_bits() && a[1].to_bits() == b[1].to_bits());
    sorted.truncate(k);
    lloyd(points, weights, sorted, max_iter)
}

/// How k-means++ restarts run: how many (`n_init`), at most how many
/// Lloyd iterations each, and the seed of their random starts.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Restarts {
    pub n_init: usize,
    pub max_iter: usize,
    pub seed: u64,
}

/// Weighted k-means with k-means++ seeding and `n_init` restarts; the run with
/// the lowest inertia wins. Deterministic for `seed`. `k` must be ≥ 1 and
/// ≤ the number of points (checked by the caller).
pub fn kmeans(points: &[[f64; 2]], weights: &[f64], k: usize, restarts: Restarts) -> KMeans {
    let Restarts {
        n_init,
        max_iter,
        seed,
    } = restarts;
    let mut rng = ChaCha8Rng::seed_from_u64(seed.wrapping_mul(0x2545_f491_4f6c_dd1d) ^ k as u64);
    let mut best: Option<KMeans> = None;
    for _ in 0..n_init.max(1) {
        let init = plus_plus(points, weights, k, &mut rng);
        let run = lloyd(points, weights, init, max_iter);
        if best.as_ref().is_none_or(|b| run.inertia < b.inertia) {
            best = Some(run);
        }
    }
    best.unwrap_or(KMeans {
        centers: Vec::new(),
        labels: vec![0; points.len()],
        inertia: 0.0,
    })
}

/// k-means++ restarts ([`kmeans`]) and Polis's start
/// ([`kmeans_first_distinct`]), judged by inertia, with ties going to Polis's
/// start: its run is kept unless the best restart's inertia is lower by more
/// than one participant's share (the best inertia divided by the total
/// weight, i.e. the mean squared distance of a point to its centre).
/// k-means solutions that differ by less than that move only a few
/// participants on the boundary between two groups and are equally good
/// fits; among them, the one Polis's own procedure reaches is chosen, so the
/// result does not depend on the seed. Deterministic for `seed`.
pub fn kmeans_polis_ties(
    points: &[[f64; 2]],
    weights: &[f64],
    k: usize,
    restarts: Restarts,
) -> KMeans {
    let best = kmeans(points, weights, k, restarts);
    let polis = kmeans_first_distinct(points, weights, k, restarts.max_iter);
    let total_w: f64 = weights.iter().sum();
    let tolerance = if total_w > 0.0 {
        best.inertia / total_w
    } else {
        0.0
    };
    if polis.centers.len() == k && polis.inertia <= best.inertia + tolerance {
        polis
    } else {
        best
    }
}

/// The points on which silhouettes are computed (a deterministic sample of
/// the participants), reused for every k.
#[derive(Debug, Clone)]
pub struct SilhouetteSample {
    idx: Vec<usize>,
    pts: Vec<[f64; 2]>,
}

/// Sum of distances from (x, y) to the points (xs, ys); eight independent
/// accumulators so that the compiler can vectorise the square roots.
fn dist_sum(x: f64, y: f64, xs: &[f64], ys: &[f64]) -> f64 {
    let mut acc = [0.0f64; 8];
    let n8 = xs.len() / 8 * 8;
    for (cx, cy) in xs[..n8].chunks_exact(8).zip(ys[..n8].chunks_exact(8)) {
        for l in 0..8 {
            let dx = cx[l] - x;
            let dy = cy[l] - y;
            acc[l] += (dx * dx + dy * dy).sqrt();
        }
    }
    let mut total: f64 = acc.iter().sum();
    for (cx, cy) in xs[n8..].iter().zip(&ys[n8..]) {
        let dx = cx - x;
        let dy = cy - y;
        total += (dx * dx + dy * dy).sqrt();
    }
    total
}

impl SilhouetteSample {
    /// The points `points[sample[..]]`.
    pub fn new(points: &[[f64; 2]], sample: &[usize]) -> Self {
        SilhouetteSample {
            idx: sample.to_vec(),
            pts: sample.iter().map(|&i| points[i]).collect(),
        }
    }

    /// Mean silhouette coefficient of `labels` (cluster per point, `k`
    /// clusters) over the sample. Points in singleton clusters count 0, as
    /// in scikit-learn.
    pub fn score(&self, labels: &[usize], k: usize) -> f64 {
        let s = self.idx.len();
        if k < 2 || s < 2 {
            return 0.0;
        }
        let lab: Vec<usize> = self.idx.iter().map(|&i| labels[i].min(k - 1)).collect();
        // Points grouped by cluster, so each cluster is one contiguous block.
        let mut order: Vec<usize> = (0..s).collect();
        order.sort_by_key(|&a| lab[a]);
        let xs: Vec<f64> = order.iter().map(|&a| self.pts[a][0]).collect();
        let ys: Vec<f64> = order.iter().map(|&a| self.pts[a][1]).collect();
        let mut start = vec![0usize; k + 1];
        for &l in &lab {
            start[l + 1] += 1;
        }
        for c in 0..k {
            start[c + 1] += start[c];
        }
        let mut total = 0.0;
        for (a, p) in self.pts.iter().enumerate() {
            let own = lab[a];
            let own_size = start[own + 1] - start[own];
            if own_size <= 1 {
                continue;
            }
            let mut in_mean = 0.0;
            let mut out_mean = f64::INFINITY;
            for c in 0..k {
                let r = start[c]..start[c + 1];
                if r.is_empty() {
                    continue;
                }
                let n = r.len();
                let sum = dist_sum(p[0], p[1], &xs[r.clone()], &ys[r]);
                if c == own {
                    in_mean = sum / (n - 1) as f64;
                } else {
                    out_mean = out_mean.min(sum / n as f64);
                }
            }
            if out_mean.is_finite() {
                let m = in_mean.max(out_mean);
                if m > 0.0 {
                    total += (out_mean - in_mean) / m;
                }
            }
        }
        total / s as f64
    }
}

/// Mean silhouette coefficient of a clustering over the points `sample`
/// (indices into `points`), computed against the same sample.
pub fn silhouette(points: &[[f64; 2]], labels: &[usize], k: usize, sample: &[usize]) -> f64 {
    SilhouetteSample::new(points, sample).score(labels, k)
}

/// A deterministic sample of at most `max` indices out of `0..n`.
pub fn sample_indices(n: usize, max: usize, seed: u64) -> Vec<usize> {
    if n <= max {
        return (0..n).collect();
    }
    let mut rng = ChaCha8Rng::seed_from_u64(seed ^ 0x5111_0e77);
    let mut idx = rand::seq::index::sample(&mut rng, n, max).into_vec();
    idx.sort_unstable();
    idx
}

/// Adjusted Rand index of two labelings of the same items (Hubert & Arabie).
/// Returns 1.0 for identical partitions, about 0 for chance agreement; 1.0 when
/// both partitions are trivial (fewer than two items or one cluster each).
pub fn adjusted_rand_index(a: &[usize], b: &[usize]) -> f64 {
    let n = a.len().min(b.len());
    if n < 2 {
        return 1.0;
    }
    let ka = a.iter().take(n).max().map_or(0, |m| m + 1);
    let kb = b.iter().take(n).max().map_or(0, |m| m + 1);
    let mut table = vec![0u64; ka * kb];
    for i in 0..n {
        table[a[i] * kb + b[i]] += 1;
    }
    let c2 = |x: u64| (x as f64) * (x as f64 - 1.0) / 2.0;
    let sum_ij: f64 = table.iter().map(|&x| c2(x)).sum();
    let sum_a: f64 = (0..ka)
        .map(|i| c2(table[i * kb..(i + 1) * kb].iter().sum()))
        .sum();
    let sum_b: f64 = (0..kb)
        .map(|j| c2((0..ka).map(|i| table[i * kb + j]).sum()))
        .sum();
    let total = c2(n as u64);
    let expected = sum_a * sum_b / total;
    let max = 0.5 * (sum_a + sum_b);
    if (max - expected).abs() < 1e-12 {
        return 1.0;
    }
    (sum_ij - expected) / (max - expected)
}

#[cfg(test)]
mod tests {
    use super::*;

    const RESTARTS: Restarts = Restarts {
        n_init: 4,
        max_iter: 100,
        seed: 1,
    };

    #[test]
    fn ari_basics() {
        assert!((adjusted_rand_index(&[0, 0, 1, 1], &[1, 1, 0, 0]) - 1.0).abs() < 1e-12);
        let x = adjusted_rand_index(&[0, 0, 0, 1, 1, 1], &[0, 0, 1, 1, 2, 2]);
        // scikit-learn gives 0.24242424...
        assert!((x - 0.242_424_242_4).abs() < 1e-6, "{x}");
    }

    #[test]
    fn kmeans_separates_blobs_and_silhouette_prefers_true_k() {
        let mut rng = ChaCha8Rng::seed_from_u64(5);
        let centres = [[0.0, 0.0], [5.0, 0.0], [0.0, 5.0]];
        let mut pts = Vec::new();
        let mut truth = Vec::new();
        for i in 0..300 {
            let c = centres[i % 3];
            pts.push([
                c[0] + rng.gen_range(-1.0..1.0),
                c[1] + rng.gen_range(-1.0..1.0),
            ]);
            truth.push(i % 3);
        }
        let w = vec![1.0; pts.len()];
        let sample = sample_indices(pts.len(), 1000, 1);
        let s: Vec<f64> = (2..=5)
            .map(|k| {
                let km = kmeans(&pts, &w, k, RESTARTS);
                silhouette(&pts, &km.labels, k, &sample)
            })
            .collect();
        let best = s
            .iter()
            .enumerate()
            .max_by(|a, b| a.1.partial_cmp(b.1).unwrap())
            .unwrap()
            .0
            + 2;
        assert_eq!(best, 3, "{s:?}");
        let km = kmeans(&pts, &w, 3, RESTARTS);
        assert!((adjusted_rand_index(&km.labels, &truth) - 1.0).abs() < 1e-9);
    }
}
