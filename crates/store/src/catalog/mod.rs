//! The open data catalog (issue #13): datasets described after
//! DCAT-AP.de 3.0 (`teilhabe_domain::catalog`), their versions and their
//! distributions (an uploaded file with size and SHA-256, or a link).
//! Staff of a dataset's department edit it; every change is a new version
//! with its audit entry in the same transaction, like register entries.
//!
//! The use cases, on `store.catalog()`:
//! - `datasets`: create and edit datasets, one by name, id or
//!   identifier, the versions;
//! - `distributions`: add a file or a link, edit, remove, read a file;
//! - `requests`: residents' data requests and the public answers;
//! - `preview`: the stored table previews of a dataset's files, the
//!   newest datasets (feed) and the search index of datasets;
//! - `links`: the datasets a register entry reads, an indicator's source
//!   dataset, a process's datasets, and the reverse reads;
//! - `questions`: residents' questions and objections on a dataset;
//! - `browse`: the public list with its filters, pages and facet counts;
//! - `export`: a page of the published datasets with their distributions
//!   for the DCAT-AP.de export;
//! - `harvest`: the catalogs harvested into this one and the runs;
//! - `publish` (with `results`): participation results of closed
//!   processes as datasets, the suppression threshold, the job;
//! - `demo`: the demo municipality's datasets.

pub mod browse;
pub mod ckan;
pub mod datasets;
pub(crate) mod demo;
mod demo_files;
pub mod distributions;
pub mod export;
pub mod harvest;
pub mod links;
pub mod preview;
pub mod publish;
pub mod questions;
pub mod requests;
pub mod results;

use serde::{Deserialize, Serialize};
use teilhabe_domain::catalog::DatasetDraft;
use teilhabe_domain::permission::Target;

/// The catalog module in the store's manifest (`crate::module::MODULES`).
pub const MODULE: crate::module::StoreModule = {
    use crate::module::{Job, Migration, StoreModule};
    StoreModule {
        name: "catalog",
        migrations: &[
            Migration {
                version: 18,
                description: "catalog",
                sqlite: include_str!("migrations/sqlite/0018_catalog.sql"),
                postgres: include_str!("migrations/postgres/0018_catalog.sql"),
            },
            Migration {
                version: 19,
                description: "dataset questions",
                sqlite: include_str!("migrations/sqlite/0019_dataset_questions.sql"),
                postgres: include_str!("migrations/postgres/0019_dataset_questions.sql"),
            },
            Migration {
                version: 20,
                description: "catalog settings",
                sqlite: include_str!("migrations/sqlite/0020_catalog_settings.sql"),
                postgres: include_str!("migrations/postgres/0020_catalog_settings.sql"),
            },
            Migration {
                version: 21,
                description: "data requests",
                sqlite: include_str!("migrations/sqlite/0021_data_requests.sql"),
                postgres: include_str!("migrations/postgres/0021_data_requests.sql"),
            },
            Migration {
                version: 22,
                description: "catalog preview",
                sqlite: include_str!("migrations/sqlite/0022_preview.sql"),
                postgres: include_str!("migrations/postgres/0022_preview.sql"),
            },
        ],
        demo: Some(|s, d| Box::pin(demo::load(s, d))),
        jobs: &[
            Job {
                name: "publish participation results",
                every: std::time::Duration::from_secs(600),
                run: |s| Box::pin(publish::publish_job(s)),
            },
            Job {
                // Every harvest source, incrementally (datasets modified since
                // the last run).
                name: "catalog harvest",
                every: std::time::Duration::from_secs(3600),
                run: |s| Box::pin(async move { s.catalog().run_harvests().await.map(|_| ()) }),
            },
        ],
        contributions: None,
    }
};

crate::service!(
    Catalog,
    catalog,
    "The open data catalog: datasets, their versions and distributions."
);

/// The columns of [`DatasetRecord`] (table alias `ds`, departments `d`).
pub const DATASET_COLS: &str = "ds.id, ds.name, ds.identifier, ds.department_id, d.name AS department_name, ds.title, ds.description, ds.keywords, ds.themes, ds.temporal_start, ds.temporal_end, ds.accrual_periodicity, ds.contact_name, ds.contact_email, ds.landing_page, ds.access_rights, ds.origin, ds.process_id, ds.origin_ref, ds.harvest_source_id, ds.suppression_threshold, ds.version, ds.issued_at, ds.modified_at, ds.withdrawn_at";

/// The `FROM` part that goes with [`DATASET_COLS`].
pub const DATASET_FROM: &str = "datasets ds LEFT JOIN departments d ON d.id = ds.department_id";

/// A dataset as stored (keywords and themes as JSON text; see
/// [`DatasetRecord::draft`] for the parsed description).
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct DatasetRecord {
    pub id: i64,
    /// The CKAN name, used in addresses (`/daten/{name}`).
    pub name: String,
    /// `dct:identifier` (a UUID).
    pub identifier: String,
    pub department_id: Option<i64>,
    pub department_name: Option<String>,
    pub title: String,
    pub description: String,
    pub keywords: String,
    pub themes: String,
    pub temporal_start: Option<String>,
    pub temporal_end: Option<String>,
    pub accrual_periodicity: String,
    pub contact_name: String,
    pub contact_email: String,
    pub landing_page: String,
    pub access_rights: String,
    /// own | participation | harvested
    pub origin: String,
    pub process_id: Option<i64>,
    pub origin_ref: String,
    pub harvest_source_id: Option<i64>,
    pub suppression_threshold: Option<i64>,
    pub version: i64,
    pub issued_at: i64,
    pub modified_at: i64,
    pub withdrawn_at: Option<i64>,
}

impl DatasetRecord {
    pub fn target(&self) -> Target<'static> {
        Target::Dataset {
            department_id: self.department_id,
        }
    }
    pub fn keyword_list(&self) -> Vec<String> {
        serde_json::from_str(&self.keywords).unwrap_or_default()
    }
    pub fn theme_list(&self) -> Vec<String> {
        serde_json::from_str(&self.themes).unwrap_or_default()
    }
    /// The description as staff edit it.
    pub fn draft(&self) -> DatasetDraft {
        DatasetDraft {
            title: self.title.clone(),
            description: self.description.clone(),
            keywords: self.keyword_list(),
            themes: self.theme_list(),
            temporal_start: self.temporal_start.clone(),
            temporal_end: self.temporal_end.clone(),
            accrual_periodicity: self.accrual_periodicity.clone(),
            contact_name: self.contact_name.clone(),
            contact_email: self.contact_email.clone(),
            landing_page: self.landing_page.clone(),
            access_rights: self.access_rights.clone(),
        }
    }
}

/// The columns of [`DistributionRecord`] (without the file's bytes).
pub const DISTRIBUTION_COLS: &str = "id, dataset_id, kind, title, description, format, license, access_url, file_name, media_type, byte_size, sha256, position, created_at, modified_at";

/// A distribution as stored, without its bytes.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct DistributionRecord {
    pub id: i64,
    pub dataset_id: i64,
    /// file | link
    pub kind: String,
    pub title: String,
    pub description: String,
    pub format: String,
    pub license: String,
    pub access_url: String,
    pub file_name: String,
    pub media_type: String,
    pub byte_size: Option<i64>,
    pub sha256: String,
    pub position: i64,
    pub created_at: i64,
    pub modified_at: i64,
}

/// One saved state of a dataset's description.
#[derive(Debug, Clone, Serialize)]
pub struct DatasetVersion {
    pub version: i64,
    pub draft: DatasetDraft,
    pub author_id: Option<i64>,
    pub change_note: String,
    pub created_at: i64,
}

/// Who a new dataset belongs to and where it comes from.
#[derive(Debug, Clone)]
pub struct NewDataset {
    pub department_id: Option<i64>,
    pub draft: DatasetDraft,
    /// Wished CKAN name; empty for one made from the title. A taken name
    /// gets `-2`, `-3`, ….
    pub name: String,
    pub origin: teilhabe_domain::catalog::Origin,
    pub process_id: Option<i64>,
    pub origin_ref: String,
    pub harvest_source_id: Option<i64>,
    pub suppression_threshold: Option<i64>,
}

impl NewDataset {
    /// A dataset of the municipality's own staff.
    pub fn own(department_id: Option<i64>, draft: DatasetDraft) -> Self {
        NewDataset {
            department_id,
            draft,
            name: String::new(),
            origin: teilhabe_domain::catalog::Origin::Own,
            process_id: None,
            origin_ref: String::new(),
            harvest_source_id: None,
            suppression_threshold: None,
        }
    }
}

/// What the reader may do in the catalog (decided here; pages read it).
#[derive(Debug, Clone, Copy, Default, Serialize)]
pub struct DatasetRights {
    /// Open the form for a new dataset.
    pub create: bool,
    /// Edit the dataset at hand, its distributions and links.
    pub manage: bool,
}

impl DatasetRights {
    pub fn decide(actor: &teilhabe_domain::Actor, dataset: Option<&DatasetRecord>) -> Self {
        use teilhabe_domain::permission::{decide, Action};
        DatasetRights {
            create: decide(actor, Action::CreateDataset, &Target::Municipality).is_ok(),
            manage: dataset
                .is_some_and(|d| decide(actor, Action::ManageDataset, &d.target()).is_ok()),
        }
    }
}

/// A CKAN name from a title: lower-case ASCII letters, digits and `-`,
/// at most 90 characters (CKAN allows 100; room for `-NN`).
pub fn ckan_name(title: &str) -> String {
    let slug = teilhabe_domain::validation::slugify(title);
    let mut s: String = slug
        .chars()
        .filter(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || *c == '-' || *c == '_')
        .take(90)
        .collect();
    while s.ends_with('-') {
        s.pop();
    }
    if s.chars().count() < 2 {
        s = "datensatz".to_string();
    }
    s
}

/// The words the search looks in.
fn search_text(d: &DatasetDraft) -> String {
    format!("{}\n{}\n{}", d.title, d.description, d.keywords.join(" ")).to_lowercase()
}
