//! What the write benchmarks share: their arguments
//! (`[DATABASE_URL] [COUNT] [CONCURRENCY]`) and a fresh store with a
//! municipality, an administrator and an open process "bench".

use std::path::PathBuf;
use teilhabe_domain::process::{Form, ProcessRules};
use teilhabe_domain::{Actor, Role};
use teilhabe_store::processes::{PhaseInput, ProcessInput};
use teilhabe_store::{Clock, DbOptions, Store, Tenant};

pub type Error = Box<dyn std::error::Error>;

pub struct Bench {
    /// The temporary folder of the default SQLite file.
    pub dir: PathBuf,
    /// How many writes to make (default 20,000).
    pub total: usize,
    /// How many tasks write at once (default 64).
    pub concurrency: usize,
    pub store: Store,
    pub tenant: Tenant,
    pub admin: Actor,
}

impl Bench {
    /// Opens the database of the arguments (by default a SQLite file in
    /// a temporary folder named `name`) and creates the published process
    /// "bench" titled `title`, open from 2020 to 2099 with `forms`.
    pub async fn open(name: &str, title: &str, forms: Vec<Form>) -> Result<Bench, Error> {
        let args: Vec<String> = std::env::args().collect();
        let dir = std::env::temp_dir().join(format!("{name}-{}", std::process::id()));
        std::fs::create_dir_all(&dir)?;
        let url = args
            .get(1)
            .filter(|s| !s.is_empty())
            .cloned()
            .unwrap_or_else(|| format!("sqlite:{}", dir.join("bench.db").display()));
        let total: usize = args.get(2).and_then(|s| s.parse().ok()).unwrap_or(20_000);
        let concurrency: usize = args.get(3).and_then(|s| s.parse().ok()).unwrap_or(64);
        let store = Store::open(
            &url,
            &DbOptions {
                max_connections: 32,
            },
            Clock::System,
            teilhabe_store::keys::InstanceKey::ephemeral(),
        )
        .await?;
        let tenant = store.create_tenant("bench", "Benchstadt", &[]).await?;
        let dept = store.create_department(&tenant, "Amt").await?;
        let hash = teilhabe_store::accounts::hash_password("bench-passwort")?;
        let admin = store
            .create_user_with_hash(
                &tenant,
                "admin@bench.example",
                "Admin",
                &hash,
                "de",
                &[(Role::Admin, None)],
            )
            .await?;
        let admin = store.actor_of(&admin).await?;
        let input = ProcessInput {
            title: title.into(),
            slug: "bench".into(),
            summary: "Prozess für den Schreib-Benchmark.".into(),
            department_id: Some(dept),
            status: "published".into(),
            rules: ProcessRules::default(),
            phases: vec![PhaseInput {
                title: "Offen".into(),
                starts_on: "2020-01-01".into(),
                ends_on: "2099-12-31".into(),
                forms,
            }],
            active_phase: Some(0),
            ..ProcessInput::default()
        };
        store.create_process(&tenant, &admin, &input).await?;
        Ok(Bench {
            dir,
            total,
            concurrency,
            store,
            tenant,
            admin,
        })
    }

    /// How many rows `table` has.
    pub async fn rows(&self, table: &str) -> Result<usize, Error> {
        let sql = format!("SELECT COUNT(*) AS n FROM {table}");
        let n = self.store.db.one(&sql, &[]).await?.i64("n")?;
        Ok(usize::try_from(n)?)
    }

    /// Removes the temporary folder.
    pub fn clean_up(&self) {
        let _ = std::fs::remove_dir_all(&self.dir);
    }
}
