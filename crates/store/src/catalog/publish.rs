//! Participation results as open data: when a process is closed (or
//! archived), each of its anonymous results (`results.rs`: proposals,
//! opinion map, budget, evaluation) becomes a dataset of the catalog
//! (origin `participation`, the process, `origin_ref` naming the result,
//! the process's department, the municipality as contact).
//!
//! Publishing is idempotent: a result is one dataset, found again by
//! (process, `origin_ref`); unchanged files write nothing; changed files
//! (an evaluation published after the close, a corrected answer, another
//! suppression threshold) replace the dataset's distributions and save a
//! new version. A dataset staff withdrew stays withdrawn. The catalog's
//! job [`publish_job`] runs it for every closed process every ten
//! minutes; `store.catalog().publish_results(tenant, process_id)` runs it
//! for one.

use super::distributions as upload;
use super::results::{results, ResultSet};
use super::{Catalog, DatasetRecord, NewDataset, DATASET_COLS, DATASET_FROM};
use crate::{params, Result, Store, StoreError, Tenant};
use serde::{Deserialize, Serialize};
use teilhabe_domain::catalog::{DatasetDraft, DistributionDraft, Origin};
use teilhabe_domain::permission::{decide, Action, Target};
use teilhabe_domain::process::ProcessStatus;
use teilhabe_domain::{Actor, FieldErrors};

/// Counts of fewer people than this are suppressed unless the
/// municipality sets another threshold.
pub const DEFAULT_SUPPRESSION_THRESHOLD: i64 = 5;
/// The range a municipality may choose from.
pub const SUPPRESSION_THRESHOLD_RANGE: std::ops::RangeInclusive<i64> = 2..=100;

/// The catalog's settings of a municipality.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct CatalogSettings {
    pub suppression_threshold: i64,
}

/// What publishing did with one result.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Published {
    pub origin_ref: String,
    /// The dataset's CKAN name.
    pub name: String,
    pub action: PublishAction,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum PublishAction {
    Created,
    Updated,
    Unchanged,
    /// Staff withdrew the dataset; it is left alone.
    Withdrawn,
}

#[derive(Deserialize)]
struct ThresholdRow {
    suppression_threshold: i64,
}

#[derive(Deserialize)]
struct FileKey {
    file_name: String,
    sha256: String,
}

#[derive(Deserialize)]
struct IdRow {
    id: i64,
}

impl Catalog<'_> {
    /// The municipality's catalog settings (defaults when never set).
    pub async fn settings(&self, tenant: &Tenant) -> Result<CatalogSettings> {
        let r: Option<ThresholdRow> = self
            .store
            .db
            .opt_as(
                "SELECT suppression_threshold FROM catalog_settings WHERE municipality_id = $1",
                params![tenant.id],
            )
            .await?;
        Ok(CatalogSettings {
            suppression_threshold: r
                .map_or(DEFAULT_SUPPRESSION_THRESHOLD, |r| r.suppression_threshold),
        })
    }

    /// Administrators set the threshold under which published counts are
    /// suppressed. Published results get it at their next publication (a
    /// new version where their files change).
    pub async fn set_suppression_threshold(
        &self,
        tenant: &Tenant,
        actor: &Actor,
        threshold: i64,
    ) -> Result<CatalogSettings> {
        decide(actor, Action::ManageMunicipality, &Target::Municipality)?;
        if !SUPPRESSION_THRESHOLD_RANGE.contains(&threshold) {
            let mut e = FieldErrors::new();
            e.add_with(
                "suppression_threshold",
                "error-number-range",
                vec![
                    ("min", SUPPRESSION_THRESHOLD_RANGE.start().to_string()),
                    ("max", SUPPRESSION_THRESHOLD_RANGE.end().to_string()),
                ],
            );
            return Err(e.into());
        }
        let before = self.settings(tenant).await?;
        let mut w = self.store.write(tenant).await?;
        let now = w.now;
        w.exec(
            "INSERT INTO catalog_settings (municipality_id, suppression_threshold, updated_at) VALUES ($1, $2, $3) ON CONFLICT (municipality_id) DO UPDATE SET suppression_threshold = $2, updated_at = $3",
            params![tenant.id, threshold, now],
        )
        .await?;
        w.audit(
            actor,
            "catalog.settings_updated",
            "municipality",
            serde_json::json!({ "suppression_threshold": [before.suppression_threshold, threshold] }),
        );
        w.commit().await?;
        self.settings(tenant).await
    }

    /// Publishes the anonymous results of a closed (or archived) process
    /// as datasets, or brings them up to date. Refused (conflict) while
    /// the process is not closed.
    pub async fn publish_results(
        &self,
        tenant: &Tenant,
        process_id: i64,
    ) -> Result<Vec<Published>> {
        let process = self.store.processes().by_id(tenant, process_id).await?;
        if !matches!(
            process.status,
            ProcessStatus::Closed | ProcessStatus::Archived
        ) {
            return Err(StoreError::Conflict("catalog-publish-error-not-closed"));
        }
        let threshold = self.settings(tenant).await?.suppression_threshold;
        let sets = results(self.store, tenant, &process, threshold).await?;
        let mut done = Vec::new();
        for set in sets {
            done.push(self.publish_one(tenant, &process, &set, threshold).await?);
        }
        Ok(done)
    }

    /// The process a participation dataset comes from: (slug, title), if
    /// the dataset is one and the process is public.
    pub async fn result_process(
        &self,
        tenant: &Tenant,
        dataset: &DatasetRecord,
    ) -> Result<Option<(String, String)>> {
        let Some(id) = dataset
            .process_id
            .filter(|_| dataset.origin == "participation")
        else {
            return Ok(None);
        };
        let p = self.store.processes().by_id(tenant, id).await?;
        Ok(p.status
            .is_public()
            .then_some((p.slug.clone(), p.title.clone())))
    }

    async fn publish_one(
        &self,
        tenant: &Tenant,
        process: &crate::processes::Process,
        set: &ResultSet,
        threshold: i64,
    ) -> Result<Published> {
        let actor = Actor::administrator();
        let draft = draft_of(tenant, process, set);
        let existing: Option<DatasetRecord> = self
            .store
            .db
            .opt_as(
                &format!("SELECT {DATASET_COLS} FROM {DATASET_FROM} WHERE ds.municipality_id = $1 AND ds.process_id = $2 AND ds.origin = 'participation' AND ds.origin_ref = $3 ORDER BY ds.id LIMIT 1"),
                params![tenant.id, process.id, set.origin_ref],
            )
            .await?;
        let drafts: Vec<(DistributionDraft, upload::Upload)> = set
            .files
            .iter()
            .map(|f| {
                (
                    DistributionDraft {
                        title: f.title.clone(),
                        description: String::new(),
                        format: f.format.to_string(),
                        license: teilhabe_domain::catalog::vocab::DEFAULT_LICENSE.to_string(),
                        access_url: String::new(),
                    },
                    upload::Upload {
                        file_name: f.file_name.clone(),
                        bytes: f.bytes.clone(),
                    },
                )
            })
            .collect();
        let published = |name: &str, action| Published {
            origin_ref: set.origin_ref.to_string(),
            name: name.to_string(),
            action,
        };
        let Some(current) = existing else {
            let mut w = self.store.write(tenant).await?;
            let new = NewDataset {
                name: format!("{}-{}", process.slug, slug_of(set.origin_ref)),
                origin: Origin::Participation,
                process_id: Some(process.id),
                origin_ref: set.origin_ref.to_string(),
                suppression_threshold: Some(threshold),
                ..NewDataset::own(process.department_id, draft)
            };
            let id = self.insert(&mut w, &actor, &new).await?;
            for (d, u) in &drafts {
                self.insert_distribution(&mut w, id, d, Some(u)).await?;
            }
            w.commit().await?;
            let name = self.by_id(tenant, id).await?.name;
            return Ok(published(&name, PublishAction::Created));
        };
        if current.withdrawn_at.is_some() {
            return Ok(published(&current.name, PublishAction::Withdrawn));
        }
        let mut old: Vec<(String, String)> = self
            .store
            .db
            .all_as::<FileKey>(
                "SELECT file_name, sha256 FROM distributions WHERE municipality_id = $1 AND dataset_id = $2",
                params![tenant.id, current.id],
            )
            .await?
            .into_iter()
            .map(|k| (k.file_name, k.sha256))
            .collect();
        old.sort();
        let mut new: Vec<(String, String)> = set
            .files
            .iter()
            .map(|f| (f.file_name.clone(), sha256_hex(&f.bytes)))
            .collect();
        new.sort();
        if old == new && current.suppression_threshold == Some(threshold) {
            return Ok(published(&current.name, PublishAction::Unchanged));
        }
        let mut w = self.store.write(tenant).await?;
        let removed: Vec<IdRow> = w
            .all_as(
                "SELECT id FROM distributions WHERE dataset_id = $1",
                params![current.id],
            )
            .await?;
        w.exec(
            "DELETE FROM distributions WHERE dataset_id = $1",
            params![current.id],
        )
        .await?;
        self.save_version(
            &mut w,
            &actor,
            &current,
            current.department_id,
            &draft,
            "Ergebnisse aktualisiert",
        )
        .await?;
        w.exec(
            "UPDATE datasets SET suppression_threshold = $1 WHERE id = $2",
            params![threshold, current.id],
        )
        .await?;
        for (d, u) in &drafts {
            self.insert_distribution(&mut w, current.id, d, Some(u))
                .await?;
        }
        w.audit(
            &actor,
            "dataset.results_updated",
            format!("dataset:{}", current.id),
            serde_json::json!({
                "name": current.name,
                "version": current.version + 1,
                "removed": removed.iter().map(|r| r.id).collect::<Vec<_>>(),
                "files": new.iter().map(|(n, h)| serde_json::json!({"file": n, "sha256": h})).collect::<Vec<_>>(),
            }),
        );
        w.commit().await?;
        Ok(published(&current.name, PublishAction::Updated))
    }
}

fn sha256_hex(bytes: &[u8]) -> String {
    use sha2::{Digest, Sha256};
    hex::encode(Sha256::digest(bytes))
}

/// The part of a result's dataset name after the process's slug.
fn slug_of(origin_ref: &str) -> &'static str {
    match origin_ref {
        "proposals" => "vorschlaege",
        "opinion" => "meinungsbild",
        "budget" => "abstimmung",
        _ => "auswertung",
    }
}

/// The description of a result's dataset: the process's period, the
/// municipality as contact, the threshold stated.
fn draft_of(tenant: &Tenant, process: &crate::processes::Process, set: &ResultSet) -> DatasetDraft {
    let start = process.phases.iter().map(|p| p.starts_on.clone()).min();
    let end = process.phases.iter().map(|p| p.ends_on.clone()).max();
    DatasetDraft {
        title: set
            .title
            .chars()
            .take(teilhabe_domain::catalog::TITLE_MAX)
            .collect(),
        description: set.description.clone(),
        keywords: set.keywords.clone(),
        themes: set.themes.clone(),
        temporal_start: start,
        temporal_end: end,
        accrual_periodicity: "IRREG".to_string(),
        contact_name: tenant.name.clone(),
        contact_email: tenant.contact_email.clone(),
        landing_page: String::new(),
        access_rights: "PUBLIC".to_string(),
    }
}

/// The catalog's job: publishes (or brings up to date) the results of
/// every closed or archived process of every municipality. A failure of
/// one process is logged and the others go on; the job reports the first.
pub(crate) async fn publish_job(store: &Store) -> Result<()> {
    let mut first_error = None;
    for tenant in store.tenants().all().await? {
        let ids: Vec<IdRow> = store
            .db
            .all_as(
                "SELECT id FROM processes WHERE municipality_id = $1 AND status IN ('closed', 'archived') ORDER BY id",
                params![tenant.id],
            )
            .await?;
        for IdRow { id } in ids {
            if let Err(e) = store.catalog().publish_results(&tenant, id).await {
                tracing::warn!(process = id, error = %e, "publishing results failed");
                first_error.get_or_insert(e);
            }
        }
    }
    first_error.map_or(Ok(()), Err)
}
