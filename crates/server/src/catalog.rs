//! The open data catalog on the command line: `teilhabe catalog harvest`
//! runs the harvest sources (other CKAN catalogs) of a municipality now;
//! `catalog publish` and `catalog files` (in `opendata.rs`) publish
//! participation results and write a dataset's files.

use anyhow::{Context, Result};
use clap::Subcommand;
use teilhabe_domain::Actor;
use teilhabe_store::catalog::harvest::HarvestNet;
use teilhabe_store::Store;

#[derive(Subcommand)]
pub enum CatalogCommand {
    #[command(flatten)]
    Results(crate::opendata::OpenDataCommand),
    /// Harvest other catalogs into this one (every source, or one)
    Harvest {
        #[arg(long)]
        municipality: Option<String>,
        /// Only this source (its id, see /admin/harvest)
        #[arg(long)]
        source: Option<i64>,
        /// Ask for every remote dataset (not only those changed since the
        /// last run) and withdraw the ones that vanished
        #[arg(long)]
        full: bool,
        /// Also fetch from private and loopback addresses (an intranet
        /// catalog; off by default)
        #[arg(long)]
        allow_private: bool,
    },
}

pub async fn run(store: &Store, cmd: CatalogCommand) -> Result<()> {
    match cmd {
        CatalogCommand::Results(cmd) => crate::opendata::run(store, cmd).await,
        CatalogCommand::Harvest {
            municipality,
            source,
            full,
            allow_private,
        } => {
            let tenant = crate::municipality::tenant(store, &municipality).await?;
            let net = HarvestNet {
                allow_private,
                ..HarvestNet::from_env()
            };
            let catalog = store.catalog();
            let sources = match source {
                Some(id) => vec![catalog
                    .harvest_source(&tenant, id)
                    .await
                    .with_context(|| format!("no harvest source {id}"))?],
                None => catalog.harvest_sources(&tenant).await?,
            };
            let admin = Actor::administrator();
            for s in sources {
                let r = catalog.harvest(&tenant, &admin, s.id, full, &net).await?;
                println!(
                    "{} ({}): {} fetched, {} new, {} updated, {} unchanged, {} withdrawn, {} skipped{}",
                    s.title,
                    s.url,
                    r.fetched,
                    r.created,
                    r.updated,
                    r.unchanged,
                    r.withdrawn,
                    r.skipped.len(),
                    r.error
                        .map(|e| format!(", error: {} {}", e.key, e.detail))
                        .unwrap_or_default()
                );
                for k in &r.skipped {
                    println!(
                        "  skipped {} \"{}\": {} {}",
                        k.remote_id, k.title, k.reason.key, k.reason.detail
                    );
                }
            }
            Ok(())
        }
    }
}
