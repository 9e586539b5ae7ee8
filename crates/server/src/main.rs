//! The `teilhabe` binary: serve the platform, migrate, load the demo,
//! manage users, verify the audit trail.

mod audit;
mod catalog;
mod hardening;
mod jobs;
mod municipality;
mod opendata;
mod ops;
mod serve;
mod twofactor;

use anyhow::{bail, Context, Result};
use clap::{Args, Parser, Subcommand};
use municipality::tenant;
use std::str::FromStr;
use teilhabe_domain::Role;
use teilhabe_store::{accounts, demo, Clock, DbOptions, Store};

#[derive(Parser)]
#[command(
    name = "teilhabe",
    version,
    about = "Smart Governance platform: participation, transparency of data use, impact goals."
)]
struct Cli {
    #[command(flatten)]
    db: DbArgs,
    /// Log format on standard error: text or json
    #[arg(
        long,
        global = true,
        env = "TEILHABE_LOG_FORMAT",
        value_enum,
        default_value = "text"
    )]
    log_format: serve::LogFormat,
    #[command(subcommand)]
    command: Command,
}

#[derive(Args)]
struct DbArgs {
    /// Database: sqlite:PATH (default, created if missing) or postgres://USER@HOST/DB
    #[arg(
        long,
        global = true,
        env = "TEILHABE_DATABASE_URL",
        default_value = "sqlite:teilhabe.db"
    )]
    database_url: String,
    /// Largest number of database connections per pool
    #[arg(
        long,
        global = true,
        env = "TEILHABE_DB_CONNECTIONS",
        default_value_t = 16
    )]
    db_connections: u32,
    /// The instance key file (ballot secrecy, audit checkpoint signatures),
    /// created with a new key if missing. Default for SQLite: the database
    /// file with ".key" appended; PostgreSQL needs it given.
    #[arg(long, global = true, env = "TEILHABE_KEY_FILE")]
    key_file: Option<std::path::PathBuf>,
}

#[derive(Subcommand)]
enum Command {
    /// Run the web server (applies pending migrations first)
    Serve(serve::ServeArgs),
    /// Apply pending database migrations and exit
    Migrate,
    /// Write a consistent copy of the database while the server runs
    Backup(ops::BackupArgs),
    /// Restore a backup into an empty database
    Restore(ops::RestoreArgs),
    /// Load the demo municipality "Musterstadt" into an empty database
    Demo,
    /// Set up municipalities: create, list, update (name, hosts, base URL)
    #[command(subcommand)]
    Municipality(municipality::MunicipalityCommand),
    /// A municipality's departments: create, list
    #[command(subcommand)]
    Department(municipality::DepartmentCommand),
    /// Manage user accounts and roles
    #[command(subcommand)]
    User(UserCommand),
    /// Audit trail commands
    #[command(subcommand)]
    Audit(audit::AuditCommand),
    /// Opinion maps (Polis-style analysis)
    #[command(subcommand)]
    Opinion(OpinionCommand),
    /// Participatory budgeting: allocation rules on Pabulib .pb files
    #[command(subcommand)]
    Pb(PbCommand),
    /// Import data from other platforms into a process
    #[command(subcommand)]
    Import(ImportCommand),
    /// Export a process's data in other platforms' formats
    #[command(subcommand)]
    Export(ExportCommand),
    /// Exchange the register of data uses with other registers
    #[command(subcommand)]
    Register(RegisterCommand),
    /// Impact goals (Wirkungsziele): measurements in and out, computed indicators
    #[command(subcommand)]
    Goals(GoalsCommand),
    /// The open data catalog: harvest other catalogs, publish participation results, write a dataset's files
    #[command(subcommand)]
    Catalog(catalog::CatalogCommand),
}

#[derive(Clone, Copy, clap::ValueEnum)]
enum RegisterFormat {
    /// Eurocities Algorithmic Transparency Standard 0.3.1 (one record per entry, lang "de")
    Ats,
    /// Dutch Algoritmeregister Publicatiestandaard 1.0
    Nl,
}

#[derive(Subcommand)]
enum RegisterCommand {
    /// Write the current version of every register entry as a JSON array
    /// of records
    Export {
        /// ats (Eurocities ATS 0.3.1) or nl (Algoritmeregister 1.0)
        #[arg(long, value_enum)]
        format: RegisterFormat,
        /// File to write ("-" for standard output)
        #[arg(long)]
        output: std::path::PathBuf,
        /// Municipality slug (default: the only one)
        #[arg(long)]
        municipality: Option<String>,
    },
    /// Import an ATS 0.3.1 JSON file (an array of records, or one record).
    /// Every record is validated first; with any error, every error is
    /// listed with its record and field, and nothing is written. Records
    /// whose uuid is already in the register become new versions.
    Import {
        /// The ATS JSON file
        file: std::path::PathBuf,
        /// Change note stored with each new version
        #[arg(long, default_value = "Import aus einem anderen Register (ATS 0.3.1)")]
        note: String,
        /// Municipality slug (default: the only one)
        #[arg(long)]
        municipality: Option<String>,
        /// New entries of a department that does not exist: create it
        /// (default), or `strict`: list them as errors and import nothing
        #[arg(long, value_enum, default_value = "create")]
        departments: DepartmentsMode,
    },
}

#[derive(Clone, Copy, PartialEq, clap::ValueEnum)]
enum DepartmentsMode {
    Create,
    Strict,
}

#[derive(Subcommand)]
enum GoalsCommand {
    /// Import measurements of a goal's indicators from a CSV file
    /// (indicator,date,value[,note]; `;` and decimal comma work too). A file
    /// with errors is reported line by line and nothing is written.
    ImportMeasurements {
        /// The CSV file
        file: std::path::PathBuf,
        /// Slug of the goal (as in /goals/SLUG)
        #[arg(long)]
        goal: String,
        /// Municipality slug (default: the only one)
        #[arg(long)]
        municipality: Option<String>,
    },
    /// Write all measurements of a goal as CSV (to stdout or --output)
    ExportMeasurements {
        /// Slug of the goal
        #[arg(long)]
        goal: String,
        /// File to write (default: stdout)
        #[arg(long)]
        output: Option<std::path::PathBuf>,
        /// Municipality slug (default: the only one)
        #[arg(long)]
        municipality: Option<String>,
    },
    /// Compute today's values of all computed indicators now (the server
    /// does this every hour)
    Compute,
}

#[derive(Subcommand)]
enum ImportCommand {
    /// Import a Polis export folder (comments.csv, votes.csv, optional
    /// participants-votes.csv and summary.csv) into the opinion map of a
    /// process. The map must have no statements yet; a file with errors is
    /// reported with file and line, and nothing is written.
    Polis {
        /// The export folder
        dir: std::path::PathBuf,
        #[command(flatten)]
        at: ProcessArgs,
    },
}

/// Which process, in which municipality.
#[derive(Args)]
struct ProcessArgs {
    /// Slug of the process (as in /processes/SLUG)
    #[arg(long)]
    process: String,
    /// Municipality slug (default: the only one)
    #[arg(long)]
    municipality: Option<String>,
}

#[derive(Subcommand)]
enum ExportCommand {
    /// Write a process's opinion map as a Polis export folder: comments.csv,
    /// votes.csv, participants-votes.csv (with our opinion groups) and
    /// summary.csv
    Polis {
        /// Folder to write (created if missing)
        dir: std::path::PathBuf,
        #[command(flatten)]
        at: ProcessArgs,
    },
}

#[derive(Subcommand)]
enum PbCommand {
    /// Allocate a budget by a rule (greedy, mes, mes-add1, mes-add1-greedy) and explain the result
    Tally(teilhabe_budget::cli::TallyArgs),
}

#[derive(Subcommand)]
enum UserCommand {
    /// Create an account (a citizen unless --role is given)
    Create {
        /// Municipality slug (default: the only one)
        #[arg(long)]
        municipality: Option<String>,
        #[arg(long)]
        email: String,
        #[arg(long)]
        name: String,
        /// Password (at least 10 characters); read from TEILHABE_PASSWORD if unset
        #[arg(long, env = "TEILHABE_PASSWORD", hide_env_values = true)]
        password: String,
        /// Extra role: staff, moderator, council or admin
        #[arg(long)]
        role: Option<String>,
        /// Department id for the staff role
        #[arg(long)]
        department: Option<i64>,
    },
    /// Grant a role to an existing account
    Grant {
        #[arg(long)]
        municipality: Option<String>,
        #[arg(long)]
        email: String,
        /// staff, moderator, council or admin
        #[arg(long)]
        role: String,
        /// Department id for the staff role
        #[arg(long)]
        department: Option<i64>,
    },
    /// Remove an account's two-factor authentication (lost device); audited
    #[command(name = "reset-2fa")]
    Reset2fa {
        #[arg(long)]
        municipality: Option<String>,
        #[arg(long)]
        email: String,
    },
}

#[derive(Subcommand)]
enum OpinionCommand {
    /// Analyse a Polis export folder and print groups and consensus
    Analyze(teilhabe_opinion::cli::AnalyzeArgs),
}

#[tokio::main]
async fn main() {
    let cli = Cli::parse();
    serve::init_logging(cli.log_format);
    if let Err(e) = run(cli).await {
        eprintln!("error: {e:#}");
        std::process::exit(1);
    }
}

async fn open(db: &DbArgs) -> Result<Store> {
    let key =
        teilhabe_store::keys::InstanceKey::for_database(&db.database_url, db.key_file.as_deref())?;
    Store::open(
        &db.database_url,
        &DbOptions {
            max_connections: db.db_connections,
        },
        Clock::System,
        key,
    )
    .await
    .with_context(|| format!("cannot open database {}", db.database_url))
}

async fn run(cli: Cli) -> Result<()> {
    match cli.command {
        Command::Opinion(OpinionCommand::Analyze(args)) => {
            let mut out = std::io::stdout().lock();
            teilhabe_opinion::cli::run_analyze(&args, &mut out)?;
            Ok(())
        }
        Command::Pb(PbCommand::Tally(args)) => {
            let mut out = std::io::stdout().lock();
            teilhabe_budget::cli::run_tally(&args, &mut out)?;
            Ok(())
        }
        Command::Import(ImportCommand::Polis {
            dir,
            at: ProcessArgs {
                process,
                municipality,
            },
        }) => {
            let export = teilhabe_opinion::PolisExport::load(&dir)
                .with_context(|| format!("cannot import {}", dir.display()))?;
            for w in &export.warnings {
                eprintln!("warning: {w}");
            }
            let store = open(&cli.db).await?;
            let t = tenant(&store, &municipality).await?;
            let total = export.conversation()?.votes.n_votes() as u64;
            let bar = indicatif::ProgressBar::new(total).with_style(
                indicatif::ProgressStyle::with_template(
                    "{msg} [{bar:40}] {pos}/{len} votes ({eta})",
                )?
                .progress_chars("=> "),
            );
            bar.set_message("importing");
            let summary = store
                .opinion()
                .import_polis(&t, &process, &export, |n| bar.set_position(n as u64))
                .await
                .map_err(describe)?;
            bar.finish_and_clear();
            println!(
                "imported into process '{process}': {} statements, {} participants, {} votes ({} superseded votes skipped)",
                summary.statements, summary.participants, summary.votes, summary.superseded_votes
            );
            let p = store
                .processes()
                .get(&t, &teilhabe_domain::Actor::administrator(), &process)
                .await
                .map_err(describe)?;
            store.opinion().analyze(t.id, p.id).await?;
            println!("analysis stored; see /processes/{process}/opinion/results");
            Ok(())
        }
        Command::Export(ExportCommand::Polis {
            dir,
            at: ProcessArgs {
                process,
                municipality,
            },
        }) => {
            let store = open(&cli.db).await?;
            let t = tenant(&store, &municipality).await?;
            let p = store
                .processes()
                .get(&t, &teilhabe_domain::Actor::administrator(), &process)
                .await
                .map_err(describe)?;
            let files = store.opinion().polis_files(&t, &p).await?;
            std::fs::create_dir_all(&dir)
                .with_context(|| format!("cannot create {}", dir.display()))?;
            for (name, bytes) in files {
                let path = dir.join(name);
                std::fs::write(&path, bytes)
                    .with_context(|| format!("cannot write {}", path.display()))?;
                println!("wrote {}", path.display());
            }
            Ok(())
        }
        Command::Register(cmd) => register(&open(&cli.db).await?, cmd).await,
        Command::Goals(cmd) => goals(&open(&cli.db).await?, cmd).await,
        Command::Migrate => {
            open(&cli.db).await?;
            println!("migrations applied to {}", cli.db.database_url);
            Ok(())
        }
        Command::Demo => {
            let store = open(&cli.db).await?;
            load_demo(&store).await
        }
        Command::User(cmd) => user(&open(&cli.db).await?, cmd).await,
        Command::Municipality(cmd) => municipality::municipality(&open(&cli.db).await?, cmd).await,
        Command::Department(cmd) => municipality::department(&open(&cli.db).await?, cmd).await,
        Command::Audit(cmd) => audit::run(&open(&cli.db).await?, cmd).await,
        Command::Catalog(cmd) => catalog::run(&open(&cli.db).await?, cmd).await,
        Command::Serve(args) => serve::serve(&cli.db, args).await,
        Command::Backup(args) => ops::backup(&cli.db, args).await,
        Command::Restore(args) => ops::restore(&cli.db, args).await,
    }
}

async fn register(store: &Store, cmd: RegisterCommand) -> Result<()> {
    use teilhabe_register::exchange;
    match cmd {
        RegisterCommand::Export {
            format,
            output,
            municipality,
        } => {
            let t = tenant(store, &municipality).await?;
            let entries = store.register().current_entries(&t).await?;
            let json = match format {
                RegisterFormat::Ats => exchange::export_ats_string(&entries),
                RegisterFormat::Nl => {
                    let export = exchange::export_nl(&entries);
                    for w in &export.warnings {
                        eprintln!("note: record {} field {}: {}", w.record, w.field, w.note);
                    }
                    serde_json::to_string_pretty(&export.records)? + "\n"
                }
            };
            if output.as_os_str() == "-" {
                print!("{json}");
            } else {
                std::fs::write(&output, json)
                    .with_context(|| format!("cannot write {}", output.display()))?;
                eprintln!("wrote {} entries to {}", entries.len(), output.display());
            }
            Ok(())
        }
        RegisterCommand::Import {
            file,
            note,
            municipality,
            departments,
        } => {
            let text = std::fs::read_to_string(&file)
                .with_context(|| format!("cannot read {}", file.display()))?;
            let entries = match exchange::import_ats(&text) {
                Ok(e) => e,
                Err(errors) => {
                    let i18n = teilhabe_web::i18n::I18n::new();
                    let lang = teilhabe_web::i18n::Lang::En;
                    for e in &errors.0 {
                        let args: Vec<(&str, String)> =
                            e.args.iter().map(|(k, v)| (*k, v.clone())).collect();
                        let place = match (e.record, e.field.as_str()) {
                            (Some(r), "") => format!("record {r}"),
                            (Some(r), f) => format!("record {r}, field {f}"),
                            (None, _) => "file".to_string(),
                        };
                        eprintln!(
                            "{}: {place}: {}",
                            file.display(),
                            i18n.t(lang, e.key, &args)
                        );
                    }
                    bail!(
                        "{} error(s) in {}; nothing was imported",
                        errors.0.len(),
                        file.display()
                    );
                }
            };
            let t = tenant(store, &municipality).await?;
            let summary = match store
                .register()
                .import_with(
                    &t,
                    &teilhabe_domain::Actor::administrator(),
                    entries,
                    &note,
                    match departments {
                        DepartmentsMode::Create => {
                            teilhabe_store::register::UnknownDepartments::Create
                        }
                        DepartmentsMode::Strict => {
                            teilhabe_store::register::UnknownDepartments::Strict
                        }
                    },
                )
                .await
            {
                Ok(s) => s,
                // Errors found against the register (duplicate UUIDs, the
                // data council's block) name their record, like the file's.
                Err(teilhabe_store::StoreError::Invalid(fe)) => {
                    let i18n = teilhabe_web::i18n::I18n::new();
                    for e in &fe.0 {
                        let record = teilhabe_web::pages::register_exchange::record_of(e)
                            .map(|v| format!("record {v}, "))
                            .unwrap_or_default();
                        eprintln!(
                            "{}: {record}field {}: {}",
                            file.display(),
                            e.field,
                            i18n.t(teilhabe_web::i18n::Lang::En, e.key, &e.args)
                        );
                    }
                    bail!("{} error(s); nothing was imported", fe.0.len());
                }
                Err(e) => return Err(describe(e)),
            };
            for name in &summary.created_departments {
                println!("created department '{name}'");
            }
            for (record, name) in &summary.unknown_departments {
                eprintln!(
                    "note: record {record}: no department named '{name}'; the entry is kept by the administration"
                );
            }
            println!(
                "imported {}: {} new entries, {} new versions, {} unchanged",
                file.display(),
                summary.created,
                summary.updated,
                summary.unchanged
            );
            Ok(())
        }
    }
}

async fn load_demo(store: &Store) -> Result<()> {
    eprintln!("loading the demo municipality Musterstadt ...");
    demo::load(store).await.map_err(|e| match e {
        teilhabe_store::StoreError::Conflict(_) => anyhow::anyhow!(
            "the database already holds a municipality; the demo loads only into an empty database"
        ),
        e => anyhow::Error::new(e),
    })?;
    print_logins();
    Ok(())
}

fn print_logins() {
    println!("Demo logins (password for all: {}):", demo::DEMO_PASSWORD);
    for (email, role) in demo::DEMO_LOGINS {
        println!("  {email:<34} {role}");
    }
}

async fn user(store: &Store, cmd: UserCommand) -> Result<()> {
    match cmd {
        UserCommand::Create {
            municipality,
            email,
            name,
            password,
            role,
            department,
        } => {
            let t = tenant(store, &municipality).await?;
            let reg = accounts::Signup {
                email: email.clone(),
                display_name: name,
                password: password.clone(),
                password_confirm: password,
                locale: "de".into(),
            };
            let u = store.accounts().signup(&t, &reg).await.map_err(describe)?;
            if let Some(r) = role {
                let role = Role::from_str(&r)?;
                store
                    .accounts()
                    .set_role(&t, None, u.id, role, department, true)
                    .await
                    .map_err(describe)?;
            }
            println!("created user {} ({})", u.email, u.id);
            Ok(())
        }
        UserCommand::Grant {
            municipality,
            email,
            role,
            department,
        } => {
            let t = tenant(store, &municipality).await?;
            let u = store
                .accounts()
                .user_by_email(&t, &email)
                .await?
                .with_context(|| format!("no account with e-mail {email}"))?;
            let role = Role::from_str(&role)?;
            store
                .accounts()
                .set_role(&t, None, u.id, role, department, true)
                .await
                .map_err(describe)?;
            println!("granted {role} to {}", u.email);
            Ok(())
        }
        UserCommand::Reset2fa {
            municipality,
            email,
        } => twofactor::reset(store, &tenant(store, &municipality).await?, &email).await,
    }
}

/// Field errors as plain text for the terminal.
fn describe(e: teilhabe_store::StoreError) -> anyhow::Error {
    match e {
        teilhabe_store::StoreError::Invalid(fe) => {
            let i18n = teilhabe_web::i18n::I18n::new();
            let lines: Vec<String> =
                fe.0.iter()
                    .map(|f| {
                        let args: Vec<(&str, String)> =
                            f.args.iter().map(|(k, v)| (*k, v.clone())).collect();
                        format!(
                            "{}: {}",
                            f.field,
                            i18n.t(teilhabe_web::i18n::Lang::En, f.key, &args)
                        )
                    })
                    .collect();
            anyhow::anyhow!("invalid input: {}", lines.join("; "))
        }
        teilhabe_store::StoreError::Conflict(key) => anyhow::anyhow!(
            "{}",
            teilhabe_web::i18n::I18n::new().t(teilhabe_web::i18n::Lang::En, key, &[])
        ),
        teilhabe_store::StoreError::NotFound => anyhow::anyhow!("not found"),
        e => anyhow::Error::new(e),
    }
}

/// The `goals` commands; they act with an administrator's rights.
async fn goals(store: &Store, cmd: GoalsCommand) -> Result<()> {
    let admin = teilhabe_domain::Actor::administrator();
    match cmd {
        GoalsCommand::ImportMeasurements {
            file,
            goal,
            municipality,
        } => {
            let t = tenant(store, &municipality).await?;
            let text = std::fs::read_to_string(&file)
                .with_context(|| format!("cannot read {} (UTF-8 CSV expected)", file.display()))?;
            match store
                .goals()
                .import_measurements(&t, &admin, &goal, &text)
                .await
                .map_err(|e| match e {
                    teilhabe_store::StoreError::NotFound => anyhow::anyhow!("no goal '{goal}'"),
                    e => describe(e),
                })? {
                Ok(r) => {
                    println!(
                        "imported into goal '{goal}': {} new measurements, {} replaced",
                        r.added, r.replaced
                    );
                    Ok(())
                }
                Err(errors) => {
                    let i18n = teilhabe_web::i18n::I18n::new();
                    for e in &errors.0 {
                        let args: Vec<(&str, String)> =
                            e.args.iter().map(|(k, v)| (*k, v.clone())).collect();
                        let message = i18n.t(teilhabe_web::i18n::Lang::En, e.key, &args);
                        if e.column.is_empty() {
                            eprintln!("{}:{}: {message}", file.display(), e.line);
                        } else {
                            eprintln!("{}:{}: {}: {message}", file.display(), e.line, e.column);
                        }
                    }
                    bail!(
                        "{} error(s) in {}; nothing was imported",
                        errors.0.len(),
                        file.display()
                    )
                }
            }
        }
        GoalsCommand::ExportMeasurements {
            goal,
            output,
            municipality,
        } => {
            let t = tenant(store, &municipality).await?;
            let csv = store
                .goals()
                .export_measurements(&t, &goal)
                .await
                .map_err(|e| match e {
                    teilhabe_store::StoreError::NotFound => anyhow::anyhow!("no goal '{goal}'"),
                    e => describe(e),
                })?;
            match output {
                Some(path) => {
                    std::fs::write(&path, csv)
                        .with_context(|| format!("cannot write {}", path.display()))?;
                    println!("wrote {}", path.display());
                }
                None => print!("{csv}"),
            }
            Ok(())
        }
        GoalsCommand::Compute => {
            let n = store.goals().run_computed_indicators().await?;
            println!("{n} computed indicator value(s) stored");
            Ok(())
        }
    }
}
