//! Opinion maps for teilhabe: the Polis analysis of agree / disagree / pass
//! votes on short statements.
//!
//! The pipeline ([`analyze`]) follows the Polis math (`polismath`):
//! statements moderated out are dropped; participants with at least
//! `min_votes` votes are clustered; the vote matrix is reduced to two
//! principal components with missing votes imputed by the statement mean and
//! Polis's sparsity-aware projection; participants are grouped by k-means
//! (k = 2..5, chosen by silhouette; deterministic for a seed); each group's
//! representative statements use Polis's repness statistics and significance
//! tests; consensus and divisive statements are reported too.
//!
//! The vote matrix ([`VoteMatrix`]) is sparse (five bytes per vote), and the
//! PCA never forms a dense participant × statement matrix, so a million
//! participants fit in well under a gigabyte.
//!
//! [`polis`] reads and writes Polis export folders, [`cli`] is the
//! `teilhabe opinion analyze` command.

pub mod analysis;
pub mod cli;
pub mod cluster;
pub mod error;
pub mod matrix;
pub mod pca;
pub mod polis;
pub mod repness;

pub use analysis::{
    analyze, analyze_keeping, Analysis, Clustering, Group, Init, NotEnoughVotes, Outcome, PcaRows,
    Settings,
};
pub use cluster::adjusted_rand_index;
pub use error::{Error, RowProblem};
pub use matrix::{Conversation, ConversationBuilder, Vote, VoteMatrix};
pub use polis::PolisExport;
