//! Setting up a municipality for real: `teilhabe municipality
//! create|list|update` and `teilhabe department create|list`, and the
//! `tenant` helper every command uses to choose a municipality.

use anyhow::{bail, Context, Result};
use clap::Subcommand;
use std::path::PathBuf;
use teilhabe_domain::{Actor, Role};
use teilhabe_store::municipality::{NewMunicipality, Profile};
use teilhabe_store::{accounts, Store, Tenant};

#[derive(Subcommand)]
pub enum MunicipalityCommand {
    /// Create a municipality (on a migrated database, empty or not),
    /// optionally with its first admin account
    Create {
        /// Name, e.g. "Stadt Beispielheim"
        #[arg(long)]
        name: String,
        /// Host name it is served under (repeat for more), e.g.
        /// beteiligung.beispielheim.de
        #[arg(long = "host", required = true)]
        hosts: Vec<String>,
        /// Short name in URLs and commands (default: made from the name)
        #[arg(long)]
        slug: Option<String>,
        /// E-mail of the first admin (needs --admin-password-file)
        #[arg(long, requires = "admin_password_file")]
        admin_email: Option<String>,
        /// File whose first line is the admin's password (at least 10 characters)
        #[arg(long, requires = "admin_email")]
        admin_password_file: Option<PathBuf>,
        /// Display name of the admin
        #[arg(long, default_value = "Administration")]
        admin_name: String,
    },
    /// List the municipalities: slug, name, host names
    List,
    /// Change a municipality's name, host names or public base URL
    Update {
        #[arg(long)]
        slug: String,
        #[arg(long)]
        name: Option<String>,
        /// Add a host name (repeatable)
        #[arg(long = "add-host")]
        add_hosts: Vec<String>,
        /// Remove a host name (repeatable)
        #[arg(long = "remove-host")]
        remove_hosts: Vec<String>,
        /// Public base URL its mails link to, e.g. https://beteiligung.beispielheim.de
        /// ("" = the server's --base-url)
        #[arg(long)]
        base_url: Option<String>,
    },
}

#[derive(Subcommand)]
pub enum DepartmentCommand {
    /// Create a department
    Create {
        #[arg(long)]
        name: String,
        /// Municipality slug (default: the only one)
        #[arg(long)]
        municipality: Option<String>,
    },
    /// List the departments with their ids
    List {
        /// Municipality slug (default: the only one)
        #[arg(long)]
        municipality: Option<String>,
    },
}

/// The municipality a command works on: the one named, or the only one.
pub async fn tenant(store: &Store, slug: &Option<String>) -> Result<Tenant> {
    match slug {
        Some(s) => {
            store.tenants().by_slug(s).await.with_context(|| {
                format!("no municipality '{s}' (see `teilhabe municipality list`)")
            })
        }
        None => {
            let all = store.tenants().all().await?;
            match all.len() {
                0 => bail!(
                    "the database has no municipality yet: create one with `teilhabe municipality create --name NAME --host HOST` (or load the demo with `teilhabe demo`)"
                ),
                1 => Ok(all.into_iter().next().context("municipality")?),
                _ => bail!("several municipalities: choose one with --municipality SLUG"),
            }
        }
    }
}

/// Reads the admin password: the file's first line, without its line end.
fn read_password(path: &PathBuf) -> Result<String> {
    let text = std::fs::read_to_string(path)
        .with_context(|| format!("cannot read the password file {}", path.display()))?;
    let password = text.lines().next().unwrap_or("").to_string();
    if password.chars().count() < accounts::PASSWORD_MIN {
        bail!(
            "the password in {} is too short: at least {} characters",
            path.display(),
            accounts::PASSWORD_MIN
        );
    }
    Ok(password)
}

pub async fn municipality(store: &Store, cmd: MunicipalityCommand) -> Result<()> {
    match cmd {
        MunicipalityCommand::Create {
            name,
            hosts,
            slug,
            admin_email,
            admin_password_file,
            admin_name,
        } => {
            // Everything about the admin is checked before anything is written.
            let admin = match (admin_email, admin_password_file) {
                (Some(email), Some(file)) => {
                    if !teilhabe_domain::validation::is_plausible_email(&email) {
                        bail!("--admin-email '{email}' is not an e-mail address");
                    }
                    Some((email, read_password(&file)?))
                }
                (Some(_), None) => bail!("--admin-email needs --admin-password-file"),
                (None, Some(_)) => bail!("--admin-password-file needs --admin-email"),
                (None, None) => None,
            };
            let slug = slug.unwrap_or_else(|| teilhabe_domain::validation::slugify(&name));
            let t = store
                .create_municipality(&NewMunicipality { slug, name, hosts })
                .await
                .map_err(crate::describe)?;
            println!(
                "created municipality '{}' ({}) at {}",
                t.slug,
                t.name,
                store.tenants().hosts(&t).await?.join(", ")
            );
            if let Some((email, password)) = admin {
                let reg = accounts::Signup {
                    email,
                    display_name: admin_name,
                    password: password.clone(),
                    password_confirm: password,
                    locale: "de".into(),
                };
                let u = store
                    .accounts()
                    .signup(&t, &reg)
                    .await
                    .map_err(crate::describe)?;
                store
                    .accounts()
                    .set_role(&t, None, u.id, Role::Admin, None, true)
                    .await
                    .map_err(crate::describe)?;
                println!("created admin {} (log in at /login)", u.email);
            } else {
                println!(
                    "no admin yet: add one with `teilhabe user create --municipality {} --email E --name N --role admin`",
                    t.slug
                );
            }
            Ok(())
        }
        MunicipalityCommand::List => {
            let all = store.tenants().all().await?;
            if all.is_empty() {
                println!("no municipality yet");
            }
            for t in all {
                let hosts = store.tenants().hosts(&t).await?;
                println!("{}\t{}\t{}", t.slug, t.name, hosts.join(" "));
            }
            Ok(())
        }
        MunicipalityCommand::Update {
            slug,
            name,
            add_hosts,
            remove_hosts,
            base_url,
        } => {
            let t = tenant(store, &Some(slug)).await?;
            let admin = Actor::administrator();
            for h in &add_hosts {
                store
                    .tenants()
                    .add_host(&t, &admin, h)
                    .await
                    .map_err(crate::describe)?;
            }
            for h in &remove_hosts {
                store
                    .tenants()
                    .remove_host(&t, &admin, h)
                    .await
                    .map_err(crate::describe)?;
            }
            if name.is_some() || base_url.is_some() {
                let mut p = Profile::of(&t);
                if let Some(n) = name {
                    p.name = n;
                }
                if let Some(u) = base_url {
                    p.base_url = u;
                }
                store
                    .tenants()
                    .update_profile(&t, &admin, &p)
                    .await
                    .map_err(crate::describe)?;
            }
            let t = store.tenants().reload(&t).await?;
            let hosts = store.tenants().hosts(&t).await?;
            println!(
                "{}\t{}\t{}\tbase URL: {}",
                t.slug,
                t.name,
                hosts.join(" "),
                if t.base_url.is_empty() {
                    "(the server's)"
                } else {
                    &t.base_url
                }
            );
            Ok(())
        }
    }
}

pub async fn department(store: &Store, cmd: DepartmentCommand) -> Result<()> {
    match cmd {
        DepartmentCommand::Create { name, municipality } => {
            let t = tenant(store, &municipality).await?;
            let id = store
                .create_department(&t, &name)
                .await
                .map_err(crate::describe)?;
            println!("created department {id}: {}", name.trim());
            Ok(())
        }
        DepartmentCommand::List { municipality } => {
            let t = tenant(store, &municipality).await?;
            for d in store.tenants().departments(&t).await? {
                println!("{}\t{}", d.id, d.name);
            }
            Ok(())
        }
    }
}
