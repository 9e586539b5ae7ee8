//! `teilhabe catalog publish|files`: the catalog's participation results from the
//! command line. `publish` runs what the catalog's job runs every ten
//! minutes (for one process or all closed ones); `files` writes the files
//! of a dataset into a folder (each checked against its SHA-256) and
//! lists them with their download address.

use crate::municipality::tenant;
use anyhow::{bail, Context, Result};
use clap::Subcommand;
use sha2::{Digest, Sha256};
use teilhabe_store::Store;

#[derive(Subcommand)]
pub enum OpenDataCommand {
    /// Publish the anonymous results of closed processes as datasets (or
    /// bring them up to date); prints one line per result
    Publish {
        /// Only this process (slug); default: every closed or archived one
        #[arg(long)]
        process: Option<String>,
        #[arg(long)]
        municipality: Option<String>,
    },
    /// Write the files of a dataset into DIR; prints "id<TAB>file<TAB>sha256<TAB>/daten/NAME/dateien/ID" per file
    Files {
        /// The dataset's name (as in /daten/NAME)
        name: String,
        dir: std::path::PathBuf,
        #[arg(long)]
        municipality: Option<String>,
    },
}

pub async fn run(store: &Store, cmd: OpenDataCommand) -> Result<()> {
    match cmd {
        OpenDataCommand::Publish {
            process,
            municipality,
        } => {
            let t = tenant(store, &municipality).await?;
            let ids: Vec<i64> = match process {
                Some(slug) => {
                    let visitor = teilhabe_domain::Actor::administrator();
                    vec![
                        store
                            .processes()
                            .get(&t, &visitor, &slug)
                            .await
                            .with_context(|| format!("no process '{slug}'"))?
                            .id,
                    ]
                }
                None => store
                    .processes()
                    .list(&t, &teilhabe_domain::Actor::administrator(), None)
                    .await?
                    .into_iter()
                    .filter(|p| {
                        matches!(
                            p.status,
                            teilhabe_domain::process::ProcessStatus::Closed
                                | teilhabe_domain::process::ProcessStatus::Archived
                        )
                    })
                    .map(|p| p.id)
                    .collect(),
            };
            for id in ids {
                for p in store.catalog().publish_results(&t, id).await? {
                    let action = serde_json::to_value(p.action)?;
                    println!(
                        "{}\t{}\t{}",
                        p.name,
                        p.origin_ref,
                        action.as_str().unwrap_or_default()
                    );
                }
            }
            Ok(())
        }
        OpenDataCommand::Files {
            name,
            dir,
            municipality,
        } => {
            let t = tenant(store, &municipality).await?;
            let d = store
                .catalog()
                .by_name(&t, &name)
                .await
                .with_context(|| format!("no dataset '{name}'"))?;
            std::fs::create_dir_all(&dir)
                .with_context(|| format!("cannot create {}", dir.display()))?;
            for dist in store.catalog().distributions(&t, d.id).await? {
                if dist.kind != "file" {
                    continue;
                }
                let f = store.catalog().file(&t, dist.id).await?;
                let sha = hex::encode(Sha256::digest(&f.content));
                if sha != dist.sha256 {
                    bail!(
                        "{}: SHA-256 {sha} differs from the stored {}",
                        f.file_name,
                        dist.sha256
                    );
                }
                // Only a plain file name is written (no path from the database).
                let file_name = std::path::Path::new(&f.file_name)
                    .file_name()
                    .context("file name")?;
                std::fs::write(dir.join(file_name), &f.content)?;
                println!(
                    "{}\t{}\t{}\t/daten/{}/dateien/{}",
                    dist.id, f.file_name, sha, d.name, dist.id
                );
            }
            Ok(())
        }
    }
}
