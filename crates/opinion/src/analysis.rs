//! The Polis pipeline: filter, PCA, k-means with silhouette, repness,
//! consensus and divisive statements.

use serde::Serialize;

use crate::cluster::{
    kmeans, kmeans_first_distinct, kmeans_polis_ties, kmeans_sorted_distinct, sample_indices,
    Restarts, SilhouetteSample,
};
use crate::error::Error;
use crate::matrix::Conversation;
use crate::pca::{self, Pca};
use crate::repness::{self, Consensus, Counts, Divisive, Representative};

/// How participants are clustered.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub enum Clustering {
    /// k-means directly on the participants' projected positions.
    Direct,
    /// Polis's two levels: k-means into `base_k` small "base clusters", then
    /// weighted k-means of the base-cluster centres into groups, the silhouette
    /// computed on the base-cluster centres.
    BaseClusters {
        /// Number of base clusters (Polis uses 100).
        base_k: usize,
    },
}

/// How k-means picks its initial centres.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub enum Init {
    /// k-means++ with `n_init` seeded restarts; the lowest inertia wins.
    PlusPlus,
    /// Polis: the first k distinct points in participant order (no randomness).
    FirstDistinct,
    /// red-dwarf's "polis" init: the k smallest distinct points in (x, y) order.
    SortedDistinct,
    /// k-means++ restarts plus Polis's start; the lowest inertia wins, but
    /// Polis's start is kept unless a restart beats it by more than one
    /// participant's share of the inertia (near-ties are decided the way Polis
    /// decides them, independently of the seed).
    PolisTieBreak,
    /// All of the above; for each k the run with the best silhouette wins
    /// (k-means is only locally optimal, and the silhouette that chooses k
    /// also chooses between the local optima).
    Ensemble,
}

/// Which participants the PCA is fitted on.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub enum PcaRows {
    /// Every participant with a vote (as Polis does).
    All,
    /// Only the participants in the analysis (at least `min_votes` votes).
    InAnalysis,
}

/// Settings of the analysis.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Settings {
    /// Participants need at least this many votes on statements not moderated
    /// out to be clustered (Polis: 7, or all statements if there are fewer).
    pub min_votes: usize,
    /// Fewer participants in the analysis than this gives "not enough votes yet".
    pub min_participants: usize,
    /// Smallest number of groups tried.
    pub k_min: usize,
    /// Largest number of groups tried (also limited to 2 + participants / 12, as Polis).
    pub k_max: usize,
    /// The smallest k whose silhouette is within this margin of the best one
    /// wins (0: the best silhouette wins). Two clearly separated groups must
    /// not be split because a third group scores a hair better on a sample.
    pub k_margin: f64,
    /// Seed of every random choice; the result is a function of the input and the seed.
    pub seed: u64,
    /// k-means restarts per k (the best inertia wins).
    pub n_init: usize,
    /// Maximum Lloyd iterations per k-means run.
    pub max_iter: usize,
    /// The silhouette is computed on at most this many participants (sampled deterministically).
    pub silhouette_sample: usize,
    /// Clustering method.
    pub clustering: Clustering,
    /// Rows the PCA is fitted on.
    pub pca_rows: PcaRows,
    /// k-means initialisation.
    pub init: Init,
    /// Representative statements per group (Polis: 5).
    pub max_representative: usize,
    /// Consensus statements per direction.
    pub max_consensus: usize,
    /// Divisive statements.
    pub max_divisive: usize,
    /// Treat moderated-out statements as Polis does internally: they still
    /// count towards a participant's vote count for `min_votes`, and in the
    /// sparsity-aware projection they count as passes by everyone (Polis
    /// zeroes their columns instead of removing them). They never influence
    /// the principal components, groups' statements or consensus.
    pub polis_moderation: bool,
}

impl Default for Settings {
    fn default() -> Self {
        Settings {
            min_votes: 7,
            min_participants: 10,
            k_min: 2,
            k_max: 5,
            k_margin: 0.02,
            seed: 0,
            n_init: 10,
            max_iter: 300,
            silhouette_sample: 3000,
            clustering: Clustering::Direct,
            pca_rows: PcaRows::All,
            init: Init::PolisTieBreak,
            max_representative: 5,
            max_consensus: 5,
            max_divisive: 5,
            polis_moderation: true,
        }
    }
}

/// The result of an analysis.
#[derive(Debug, Clone, PartialEq)]
pub enum Outcome {
    /// Too few participants or statements to find groups yet.
    NotEnoughVotes(NotEnoughVotes),
    /// Opinion groups were found.
    Groups(Box<Analysis>),
}

/// Why a conversation cannot be clustered yet.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct NotEnoughVotes {
    /// Participants with at least `min_votes` votes.
    pub participants_in_analysis: usize,
    /// Participants required.
    pub participants_required: usize,
    /// Statements (not moderated out) with at least one vote.
    pub statements_with_votes: usize,
    /// Votes the analysis looked at.
    pub votes_covered: usize,
    /// Human-readable explanation.
    pub message: String,
}

/// An opinion group.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Group {
    /// Group id, 0-based; groups are numbered by size, largest first.
    pub id: usize,
    /// Number of participants.
    pub size: usize,
    /// Centre in the PCA plane.
    pub center: [f64; 2],
    /// Representative statements (Polis repness), agrees first.
    pub representative: Vec<Representative>,
}

/// The analysis of a conversation.
#[derive(Debug, Clone, PartialEq)]
pub struct Analysis {
    /// Participants clustered (enough votes).
    pub participants_in_analysis: usize,
    /// Number of groups.
    pub k: usize,
    /// Silhouette of each k tried.
    pub silhouette_by_k: Vec<(usize, f64)>,
    /// The PCA.
    pub pca: Pca,
    /// Position in the PCA plane of every participant with a vote on a kept statement.
    pub positions: Vec<Option<[f64; 2]>>,
    /// Group of every participant in the analysis.
    pub group_of: Vec<Option<usize>>,
    /// The groups.
    pub groups: Vec<Group>,
    /// Statements every group agrees with, or rejects.
    pub consensus: Vec<Consensus>,
    /// Statements that split the groups.
    pub divisive: Vec<Divisive>,
    /// Votes the analysis covers (on statements not moderated out).
    pub votes_covered: usize,
}

fn not_enough(
    in_analysis: usize,
    settings: &Settings,
    statements: usize,
    votes: usize,
    why: &str,
) -> Outcome {
    Outcome::NotEnoughVotes(NotEnoughVotes {
        participants_in_analysis: in_analysis,
        participants_required: settings.min_participants.max(settings.k_min + 1),
        statements_with_votes: statements,
        votes_covered: votes,
        message: format!("not enough votes yet: {why}"),
    })
}

/// Run the analysis. Never panics; conversations too small to cluster give
/// [`Outcome::NotEnoughVotes`]. Errors only for invalid settings or shapes.
pub fn analyze(conv: &Conversation, settings: &Settings) -> Result<Outcome, Error> {
    analyze_keeping(conv, settings, None)
}

/// Like [`analyze`], but participants where `keep` is true are clustered even
/// with fewer than `min_votes` votes (as Polis keeps participants in the
/// conversation once they are in, and red-dwarf's `keep_participant_ids`).
pub fn analyze_keeping(
    conv: &Conversation,
    settings: &Settings,
    keep: Option<&[bool]>,
) -> Result<Outcome, Error> {
    let votes = &conv.votes;
    let n = votes.n_participants();
    let m = votes.n_statements();
    if conv.moderated_out.len() != m || conv.participant_ids.len() != n {
        return Err(Error::Invalid(
            "conversation labels do not match the vote matrix".into(),
        ));
    }
    if settings.k_min < 2 || settings.k_max < settings.k_min {
        return Err(Error::Invalid(format!(
            "k range {}..={} is invalid (need 2 ≤ k_min ≤ k_max)",
            settings.k_min, settings.k_max
        )));
    }
    let keep_col: Vec<bool> = conv.moderated_out.iter().map(|&o| !o).collect();

    // Votes on kept statements, statements with votes.
    let mut kept_votes = vec![0usize; n];
    let mut all_votes = vec![0usize; n];
    let mut col_has_vote = vec![false; m];
    let mut any_vote = vec![false; m];
    for i in 0..n {
        let (cols, _) = votes.row(i);
        all_votes[i] = cols.len();
        for &c in cols {
            any_vote[c as usize] = true;
            if keep_col[c as usize] {
                kept_votes[i] += 1;
                col_has_vote[c as usize] = true;
            }
        }
    }
    let votes_covered: usize = kept_votes.iter().sum();
    let statements_with_votes = col_has_vote.iter().filter(|&&b| b).count();
    let zeroed = (0..m).filter(|&j| any_vote[j] && !keep_col[j]).count();
    let (counted, n_cols) = if settings.polis_moderation {
        (&all_votes, statements_with_votes + zeroed)
    } else {
        (&kept_votes, statements_with_votes)
    };
    let threshold = settings.min_votes.min(n_cols).max(1);
    let in_analysis: Vec<bool> = counted
        .iter()
        .zip(&kept_votes)
        .enumerate()
        .map(|(i, (&c, &k))| {
            k > 0 && (c >= threshold || keep.and_then(|x| x.get(i)).copied().unwrap_or(false))
        })
        .collect();
    let n_in = in_analysis.iter().filter(|&&b| b).count();
    let required = settings.min_participants.max(settings.k_min + 1);
    let too_few = |why: &str| {
        Ok(not_enough(
            n_in,
            settings,
            statements_with_votes,
            votes_covered,
            why,
        ))
    };
    if statements_with_votes < 2 {
        return too_few("fewer than two statements have votes");
    }
    if n_in < required {
        return too_few(&format!(
            "{n_in} participants have at least {threshold} votes, {required} are needed"
        ));
    }

    let fit_rows: Vec<bool> = match settings.pca_rows {
        PcaRows::All => kept_votes.iter().map(|&c| c > 0).collect(),
        PcaRows::InAnalysis => in_analysis.clone(),
    };
    let Some(mut pca) = pca::fit(votes, &fit_rows, &keep_col, settings.seed) else {
        return too_few("fewer than two statements have votes");
    };
    if settings.polis_moderation {
        pca.zeroed_columns = zeroed;
    }
    let positions: Vec<Option<[f64; 2]>> = (0..n)
        .map(|i| {
            if kept_votes[i] == 0 {
                return None;
            }
            let p = pca.project(votes, i);
            if p[0].is_finite() && p[1].is_finite() {
                Some(p)
            } else {
                Some([0.0, 0.0])
            }
        })
        .collect();
    let members: Vec<usize> = (0..n).filter(|&i| in_analysis[i]).collect();
    let points: Vec<[f64; 2]> = members
        .iter()
        .map(|&i| positions[i].unwrap_or([0.0, 0.0]))
        .collect();

    let Some((labels, k, silhouette_by_k)) = cluster_points(&points, settings) else {
        return too_few("participants' positions do not differ enough to form groups");
    };

    // Relabel groups by size (largest first), ties by centre.
    let mut sizes = vec![0usize; k];
    let mut sums = vec![[0.0f64; 2]; k];
    for (p, &l) in points.iter().zip(&labels) {
        sizes[l] += 1;
        sums[l][0] += p[0];
        sums[l][1] += p[1];
    }
    let centers: Vec<[f64; 2]> = (0..k)
        .map(|g| {
            let s = sizes[g].max(1) as f64;
            [sums[g][0] / s, sums[g][1] / s]
        })
        .collect();
    let mut order: Vec<usize> = (0..k).filter(|&g| sizes[g] > 0).collect();
    order.sort_by(|&a, &b| {
        sizes[b].cmp(&sizes[a]).then(
            centers[a][0]
                .partial_cmp(&centers[b][0])
                .unwrap_or(std::cmp::Ordering::Equal),
        )
    });
    let mut new_id = vec![0usize; k];
    for (new, &old) in order.iter().enumerate() {
        new_id[old] = new;
    }
    let k = order.len();
    if k < 2 {
        return too_few("participants' positions do not differ enough to form groups");
    }
    let mut group_of = vec![None; n];
    for (&i, &l) in members.iter().zip(&labels) {
        group_of[i] = Some(new_id[l]);
    }

    // Vote counts per group and statement (kept statements only).
    let mut counts = vec![vec![Counts::default(); m]; k];
    for (&i, &l) in members.iter().zip(&labels) {
        let g = new_id[l];
        let (cols, vals) = votes.row(i);
        for (&c, &v) in cols.iter().zip(vals) {
            if keep_col[c as usize] {
                counts[g][c as usize].add(v);
            }
        }
    }
    let included: Vec<bool> = (0..m).map(|s| keep_col[s] && col_has_vote[s]).collect();
    let stats = repness::group_stats(&counts, &included);
    let groups: Vec<Group> = order
        .iter()
        .enumerate()
        .map(|(g, &old)| Group {
            id: g,
            size: sizes[old],
            center: centers[old],
            representative: repness::select_representative(&stats[g], settings.max_representative),
        })
        .collect();
    let consensus = repness::consensus(&counts, &included, settings.max_consensus);
    let divisive = repness::divisive(&counts, &included, settings.max_divisive);
    Ok(Outcome::Groups(Box::new(Analysis {
        participants_in_analysis: n_in,
        k,
        silhouette_by_k,
        pca,
        positions,
        group_of,
        groups,
        consensus,
        divisive,
        votes_covered,
    })))
}

type Clustered = (Vec<usize>, usize, Vec<(usize, f64)>);

/// Cluster the points; returns labels, k and the silhouette of every k tried,
/// or `None` if fewer than two distinct positions exist.
fn cluster_points(points: &[[f64; 2]], s: &Settings) -> Option<Clustered> {
    let distinct = count_distinct(points, s.k_max + 1);
    if distinct < 2 {
        return None;
    }
    match s.clustering {
        Clustering::Direct => {
            let weights = vec![1.0; points.len()];
            let (labels, k, sil) = choose_k(points, &weights, s, distinct)?;
            Some((labels, k, sil))
        }
        Clustering::BaseClusters { base_k } => {
            let base_k = base_k.max(s.k_max + 1).min(count_distinct(points, base_k));
            let weights = vec![1.0; points.len()];
            let base = run_kmeans(points, &weights, base_k, s, s.seed ^ 0xba5e);
            // Keep non-empty base clusters; weight by membership.
            let mut size = vec![0usize; base.centers.len()];
            for &l in &base.labels {
                size[l] += 1;
            }
            let mut index = vec![usize::MAX; size.len()];
            let mut centers = Vec::new();
            let mut w = Vec::new();
            for (b, &sz) in size.iter().enumerate() {
                if sz > 0 {
                    index[b] = centers.len();
                    centers.push(base.centers[b]);
                    w.push(sz as f64);
                }
            }
            let distinct_base = count_distinct(&centers, s.k_max + 1);
            if distinct_base < 2 {
                return None;
            }
            let (blabels, k, sil) = choose_k(&centers, &w, s, distinct_base)?;
            let labels = base.labels.iter().map(|&b| blabels[index[b]]).collect();
            Some((labels, k, sil))
        }
    }
}

fn run_kmeans(
    points: &[[f64; 2]],
    weights: &[f64],
    k: usize,
    s: &Settings,
    seed: u64,
) -> crate::cluster::KMeans {
    let restarts = Restarts {
        n_init: s.n_init,
        max_iter: s.max_iter,
        seed,
    };
    match s.init {
        Init::PlusPlus => kmeans(points, weights, k, restarts),
        Init::FirstDistinct => kmeans_first_distinct(points, weights, k, s.max_iter),
        Init::SortedDistinct => kmeans_sorted_distinct(points, weights, k, s.max_iter),
        Init::PolisTieBreak => kmeans_polis_ties(points, weights, k, restarts),
        Init::Ensemble => kmeans(points, weights, k, restarts),
    }
}

fn count_distinct(points: &[[f64; 2]], cap: usize) -> usize {
    let mut seen: Vec<[u64; 2]> = Vec::new();
    for p in points {
        let key = [p[0].to_bits(), p[1].to_bits()];
        if !seen.contains(&key) {
            seen.push(key);
            if seen.len() >= cap {
                break;
            }
        }
    }
    seen.len()
}

/// k-means for each k, silhouette (unweighted, on a sample) chooses: the
/// smallest k within `k_margin` of the best silhouette.
fn choose_k(
    points: &[[f64; 2]],
    weights: &[f64],
    s: &Settings,
    distinct: usize,
) -> Option<Clustered> {
    let k_hi = s
        .k_max
        .min(2 + points.len() / 12)
        .min(distinct)
        .max(s.k_min.min(distinct));
    let k_lo = s.k_min.min(k_hi);
    if k_lo < 2 {
        return None;
    }
    let sample = SilhouetteSample::new(
        points,
        &sample_indices(points.len(), s.silhouette_sample, s.seed),
    );
    let restarts = Restarts {
        n_init: if points.len() > 200_000 {
            s.n_init.min(3)
        } else {
            s.n_init
        },
        max_iter: s.max_iter,
        seed: s.seed,
    };
    let mut tried: Vec<(usize, f64, Vec<usize>)> = Vec::new();
    for k in k_lo..=k_hi {
        let runs = match s.init {
            Init::PlusPlus => vec![kmeans(points, weights, k, restarts)],
            Init::FirstDistinct => vec![kmeans_first_distinct(points, weights, k, s.max_iter)],
            Init::SortedDistinct => vec![kmeans_sorted_distinct(points, weights, k, s.max_iter)],
            Init::PolisTieBreak => vec![kmeans_polis_ties(points, weights, k, restarts)],
            Init::Ensemble => vec![
                kmeans(points, weights, k, restarts),
                kmeans_sorted_distinct(points, weights, k, s.max_iter),
                kmeans_first_distinct(points, weights, k, s.max_iter),
            ],
        };
        let mut best_k: Option<(f64, Vec<usize>)> = None;
        for km in runs {
            let sc = sample.score(&km.labels, k);
            let sc = if sc.is_finite() { sc } else { -1.0 };
            if best_k.as_ref().is_none_or(|(b, _)| sc > *b + 1e-12) {
                best_k = Some((sc, km.labels));
            }
        }
        let Some((sc, labels)) = best_k else { continue };
        tried.push((k, sc, labels));
    }
    let best = tried.iter().map(|t| t.1).fold(f64::NEG_INFINITY, f64::max);
    let sil = tried.iter().map(|(k, sc, _)| (*k, *sc)).collect();
    // `tried` is in increasing k, so the first within the margin is the smallest.
    let chosen = tried
        .into_iter()
        .find(|(_, sc, _)| *sc >= best - s.k_margin - 1e-12)?;
    Some((chosen.2, chosen.0, sil))
}
