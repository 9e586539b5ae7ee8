//! The links between datasets and the rest of the platform: a register
//! entry (data use) names the datasets it reads, an impact indicator names
//! its source dataset, a process produced datasets (`datasets.process_id`,
//! set when its results are published). Staff who may edit the entry
//! link and unlink; who manages the goal sets or clears an indicator's
//! dataset; both audited. The reads serve the dataset page (which data
//! uses read it, with the data council's latest published recommendation,
//! which indicators use it), the register entry, the goal page and the
//! process page.

use super::{Catalog, DatasetRecord, DATASET_COLS, DATASET_FROM};
use crate::demo::Demo;
use crate::{params, Result, Store, StoreError, Tenant};
use serde::{Deserialize, Serialize};
use teilhabe_domain::permission::{decide, Action};
use teilhabe_domain::Actor;

/// A data use (register entry) that reads a dataset, with the data
/// council's latest published recommendation on it, if any.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct DataUse {
    pub entry_id: i64,
    pub slug: String,
    pub title: String,
    pub status: String,
    pub department_id: Option<i64>,
    pub department_name: Option<String>,
    /// The latest closed review's outcome (approve, approve_with_conditions,
    /// reject, …), its recommendation and when it was closed.
    pub review_id: Option<i64>,
    pub outcome: Option<String>,
    pub recommendation: Option<String>,
    pub closed_at: Option<i64>,
}

/// An impact indicator that takes its values from a dataset, with its goal.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct IndicatorUse {
    pub indicator_id: i64,
    pub name: String,
    pub unit: String,
    pub goal_slug: String,
    pub goal_statement: String,
}

/// An indicator's source dataset (for the goal page).
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct IndicatorSource {
    pub indicator_id: i64,
    pub dataset_id: i64,
    pub name: String,
    pub title: String,
}

#[derive(Deserialize)]
struct IdRow {
    id: i64,
}

impl Catalog<'_> {
    /// Staff who may edit the register entry `entry_slug` record that it
    /// reads the dataset `dataset_id`. A withdrawn dataset or one already
    /// linked is refused.
    pub async fn link_entry(
        &self,
        tenant: &Tenant,
        actor: &Actor,
        entry_slug: &str,
        dataset_id: i64,
    ) -> Result<()> {
        let entry = self.store.register().entry(tenant, entry_slug).await?;
        decide(actor, Action::EditRegisterEntry, &entry.target())?;
        let dataset = self.by_id(tenant, dataset_id).await?;
        if dataset.withdrawn_at.is_some() {
            return Err(StoreError::Conflict("error-catalog-link-withdrawn"));
        }
        let mut w = self.store.write(tenant).await?;
        let exists = w
            .opt(
                "SELECT 1 AS x FROM register_entry_datasets WHERE entry_id = $1 AND dataset_id = $2",
                params![entry.id, dataset.id],
            )
            .await?
            .is_some();
        if exists {
            return Err(StoreError::Conflict("error-catalog-link-exists"));
        }
        w.exec(
            "INSERT INTO register_entry_datasets (entry_id, dataset_id, municipality_id) VALUES ($1, $2, $3)",
            params![entry.id, dataset.id, tenant.id],
        )
        .await?;
        w.audit(
            actor,
            "catalog.entry_dataset_linked",
            format!("register_entry:{}", entry.id),
            serde_json::json!({ "dataset": dataset.id, "name": dataset.name }),
        );
        w.commit().await
    }

    /// Undoes [`Catalog::link_entry`]; a link that does not exist (any
    /// more) is refused.
    pub async fn unlink_entry(
        &self,
        tenant: &Tenant,
        actor: &Actor,
        entry_slug: &str,
        dataset_id: i64,
    ) -> Result<()> {
        let entry = self.store.register().entry(tenant, entry_slug).await?;
        decide(actor, Action::EditRegisterEntry, &entry.target())?;
        let mut w = self.store.write(tenant).await?;
        let n = w
            .exec(
                "DELETE FROM register_entry_datasets WHERE municipality_id = $1 AND entry_id = $2 AND dataset_id = $3",
                params![tenant.id, entry.id, dataset_id],
            )
            .await?;
        if n != 1 {
            return Err(StoreError::Conflict("error-catalog-link-missing"));
        }
        w.audit(
            actor,
            "catalog.entry_dataset_unlinked",
            format!("register_entry:{}", entry.id),
            serde_json::json!({ "dataset": dataset_id }),
        );
        w.commit().await
    }

    /// Who manages the goal `goal_slug` names the dataset its indicator
    /// `indicator_id` takes its values from (`None` clears it).
    pub async fn set_indicator_dataset(
        &self,
        tenant: &Tenant,
        actor: &Actor,
        goal_slug: &str,
        indicator_id: i64,
        dataset_id: Option<i64>,
    ) -> Result<()> {
        let goal = self.store.goals().record(tenant, goal_slug).await?;
        decide(actor, Action::ManageGoals, &goal.target())?;
        let indicator = self
            .store
            .db
            .opt_as::<IdRow>(
                "SELECT id FROM indicators WHERE municipality_id = $1 AND goal_id = $2 AND id = $3",
                params![tenant.id, goal.id, indicator_id],
            )
            .await?
            .ok_or(StoreError::NotFound)?;
        let dataset = match dataset_id {
            Some(id) => {
                let d = self.by_id(tenant, id).await?;
                if d.withdrawn_at.is_some() {
                    return Err(StoreError::Conflict("error-catalog-link-withdrawn"));
                }
                Some(d)
            }
            None => None,
        };
        let mut w = self.store.write(tenant).await?;
        let previous = w
            .opt_as::<IdRow>(
                "SELECT dataset_id AS id FROM indicator_datasets WHERE indicator_id = $1",
                params![indicator.id],
            )
            .await?
            .map(|r| r.id);
        if previous == dataset.as_ref().map(|d| d.id) {
            return Err(StoreError::Conflict("error-catalog-link-unchanged"));
        }
        w.exec(
            "DELETE FROM indicator_datasets WHERE indicator_id = $1",
            params![indicator.id],
        )
        .await?;
        if let Some(d) = &dataset {
            w.exec(
                "INSERT INTO indicator_datasets (indicator_id, dataset_id, municipality_id) VALUES ($1, $2, $3)",
                params![indicator.id, d.id, tenant.id],
            )
            .await?;
        }
        w.audit(
            actor,
            "catalog.indicator_dataset_set",
            format!("indicator:{}", indicator.id),
            serde_json::json!({
                "goal": goal.id,
                "previous": previous,
                "dataset": dataset.as_ref().map(|d| d.id),
                "name": dataset.as_ref().map(|d| d.name.as_str()),
            }),
        );
        w.commit().await
    }

    /// The data uses reading a dataset, each with the data council's
    /// latest published (closed) review, by title.
    pub async fn data_uses(&self, tenant: &Tenant, dataset_id: i64) -> Result<Vec<DataUse>> {
        Ok(self
            .store
            .db
            .all_as(
                "SELECT e.id AS entry_id, e.slug, e.title, e.status, e.department_id, d.name AS department_name, r.id AS review_id, r.outcome, r.recommendation, r.closed_at FROM register_entry_datasets l JOIN register_entries e ON e.id = l.entry_id LEFT JOIN departments d ON d.id = e.department_id LEFT JOIN council_reviews r ON r.id = (SELECT r2.id FROM council_reviews r2 WHERE r2.entry_id = e.id AND r2.status = 'closed' ORDER BY r2.closed_at DESC, r2.id DESC LIMIT 1) WHERE l.municipality_id = $1 AND l.dataset_id = $2 ORDER BY e.title, e.id",
                params![tenant.id, dataset_id],
            )
            .await?)
    }

    /// The impact indicators taking their values from a dataset, with
    /// their goals.
    pub async fn indicators_using(
        &self,
        tenant: &Tenant,
        dataset_id: i64,
    ) -> Result<Vec<IndicatorUse>> {
        Ok(self
            .store
            .db
            .all_as(
                "SELECT i.id AS indicator_id, i.name, i.unit, g.slug AS goal_slug, g.statement AS goal_statement FROM indicator_datasets l JOIN indicators i ON i.id = l.indicator_id JOIN goals g ON g.id = i.goal_id WHERE l.municipality_id = $1 AND l.dataset_id = $2 ORDER BY g.statement, i.position, i.id",
                params![tenant.id, dataset_id],
            )
            .await?)
    }

    /// The datasets a register entry reads, by title.
    pub async fn entry_datasets(
        &self,
        tenant: &Tenant,
        entry_id: i64,
    ) -> Result<Vec<DatasetRecord>> {
        self.linked(
            tenant,
            "ds.id IN (SELECT dataset_id FROM register_entry_datasets WHERE entry_id = $2)",
            entry_id,
        )
        .await
    }

    /// The datasets a process produced (its published results), by title.
    pub async fn process_datasets(
        &self,
        tenant: &Tenant,
        process_id: i64,
    ) -> Result<Vec<DatasetRecord>> {
        self.linked(tenant, "ds.process_id = $2", process_id).await
    }

    /// The source datasets of a goal's indicators.
    pub async fn indicator_sources(
        &self,
        tenant: &Tenant,
        goal_id: i64,
    ) -> Result<Vec<IndicatorSource>> {
        Ok(self
            .store
            .db
            .all_as(
                "SELECT l.indicator_id, ds.id AS dataset_id, ds.name, ds.title FROM indicator_datasets l JOIN indicators i ON i.id = l.indicator_id JOIN datasets ds ON ds.id = l.dataset_id WHERE l.municipality_id = $1 AND i.goal_id = $2 ORDER BY i.position, i.id",
                params![tenant.id, goal_id],
            )
            .await?)
    }

    async fn linked(&self, tenant: &Tenant, filter: &str, id: i64) -> Result<Vec<DatasetRecord>> {
        Ok(self
            .store
            .db
            .all_as(
                &format!("SELECT {DATASET_COLS} FROM {DATASET_FROM} WHERE ds.municipality_id = $1 AND ds.withdrawn_at IS NULL AND {filter} ORDER BY ds.title, ds.id"),
                params![tenant.id, id],
            )
            .await?)
    }
}

/// Which demo data use (register entry, by title) reads which demo
/// datasets (CKAN names of the catalog demo).
const DEMO_ENTRY_LINKS: &[(&str, &[&str])] = &[
    (
        "Parkraumsensoren und Parkleitsystem Innenstadt",
        &["parkraumauslastung", "kfz-verkehrszaehlungen"],
    ),
    (
        "Adaptive Ampelsteuerung Ringstraße",
        &[
            "kfz-verkehrszaehlungen",
            "radverkehrszaehlungen",
            "luftqualitaet",
        ],
    ),
    (
        "Baumgesundheit aus Luftbildern",
        &["baumkataster", "hitzemessungen-innenstadt"],
    ),
    (
        "Hitzewarnung für Risikogruppen",
        &["hitzemessungen-innenstadt", "einwohner-nach-stadtteil"],
    ),
    ("Schulplatz-Prognose", &["einwohner-nach-stadtteil"]),
];

/// Which demo indicator (goal statement prefix, indicator key) takes its
/// values from which demo dataset.
const DEMO_INDICATOR_LINKS: &[(&str, &str, &str)] = &[
    (
        "Weniger Parksuchverkehr",
        "parksuchzeit",
        "parkraumauslastung",
    ),
    (
        "Weniger Parksuchverkehr",
        "modal-split-umweltverbund",
        "radverkehrszaehlungen",
    ),
    ("Stadtbäume", "trockenstress", "hitzemessungen-innenstadt"),
    ("Stadtbäume", "gegossene-baeume", "baumkataster"),
    (
        "Genug Schulplätze",
        "prognosefehler",
        "einwohner-nach-stadtteil",
    ),
];

#[derive(Deserialize)]
struct SlugRow {
    slug: String,
}

/// Links the demo datasets to fitting demo register entries and
/// indicators, and files one demo question on a dataset. Datasets,
/// entries or indicators that are missing are skipped, so the demo loads
/// whatever parts are there.
pub async fn demo_links(s: &Store, demo: &Demo) -> Result<()> {
    let tenant = &demo.tenant;
    let admin = &demo.admin;
    let catalog = s.catalog();
    for (title, names) in DEMO_ENTRY_LINKS {
        let Some(entry) =
            s.db.opt_as::<SlugRow>(
                "SELECT slug FROM register_entries WHERE municipality_id = $1 AND title = $2",
                params![tenant.id, *title],
            )
            .await?
        else {
            continue;
        };
        for name in *names {
            if let Ok(d) = catalog.by_name(tenant, name).await {
                catalog.link_entry(tenant, admin, &entry.slug, d.id).await?;
            }
        }
    }
    for (statement, key, name) in DEMO_INDICATOR_LINKS {
        let Some(goal) = s
            .db
            .opt_as::<SlugRow>(
                "SELECT slug FROM goals WHERE municipality_id = $1 AND statement LIKE $2 ORDER BY id LIMIT 1",
                params![tenant.id, format!("{statement}%")],
            )
            .await?
        else {
            continue;
        };
        let (Ok(g), Ok(d)) = (
            s.goals().get(tenant, &goal.slug).await,
            catalog.by_name(tenant, name).await,
        ) else {
            continue;
        };
        if let Some(i) = g.indicators.iter().find(|i| i.indicator.key == *key) {
            catalog
                .set_indicator_dataset(tenant, admin, &goal.slug, i.indicator.id, Some(d.id))
                .await?;
        }
    }
    if let (Some(anna), Ok(d)) = (
        demo.citizens.first(),
        catalog.by_name(tenant, "radverkehrszaehlungen").await,
    ) {
        catalog
            .ask(
                tenant,
                anna,
                &d.name,
                "question",
                "Werden die Zählstellen an der Ringstraße auch nach dem Umbau weiter gezählt?",
            )
            .await?;
    }
    Ok(())
}
