//! A fresh, migrated database per test. The backend is chosen by the
//! environment: with `TEILHABE_TEST_POSTGRES_URL` set (an admin URL of a
//! throwaway server, as `scripts/test` starts one), every test gets its own
//! PostgreSQL database; otherwise its own SQLite file. So the same tests
//! run against both backends.

mod fixture;
pub use fixture::{assert_chain_unbroken, count, sample, Fixture, OPINION_COUNTER_DRIFT, PASSWORD};

use std::str::FromStr;
use teilhabe_store::{Clock, DbOptions, Store};

/// Midday on 2026-11-27 UTC: tests run on a fixed clock.
pub const TEST_NOW_MS: i64 = 1_795_780_800_000;

pub struct TestDb {
    pub url: String,
    _dir: Option<tempfile::TempDir>,
}

pub fn backend() -> &'static str {
    if std::env::var("TEILHABE_TEST_POSTGRES_URL").is_ok() {
        "postgres"
    } else {
        "sqlite"
    }
}

impl TestDb {
    pub async fn new() -> TestDb {
        match std::env::var("TEILHABE_TEST_POSTGRES_URL") {
            Ok(admin_url) => {
                use rand::Rng;
                let name = format!("t_{:016x}", rand::thread_rng().gen::<u64>());
                let opts = sqlx::postgres::PgConnectOptions::from_str(&admin_url)
                    .expect("TEILHABE_TEST_POSTGRES_URL is not a valid URL");
                use sqlx::ConnectOptions;
                let mut conn = opts
                    .connect()
                    .await
                    .expect("cannot connect to the test PostgreSQL server");
                sqlx::Executor::execute(&mut conn, format!("CREATE DATABASE {name}").as_str())
                    .await
                    .expect("CREATE DATABASE failed");
                let base = admin_url
                    .rsplit_once('/')
                    .map(|(b, _)| b.to_string())
                    .unwrap_or(admin_url.clone());
                TestDb {
                    url: format!("{base}/{name}"),
                    _dir: None,
                }
            }
            Err(_) => {
                let dir = tempfile::tempdir().expect("temp dir");
                let url = format!("sqlite:{}", dir.path().join("test.db").display());
                TestDb {
                    url,
                    _dir: Some(dir),
                }
            }
        }
    }

    /// A migrated store on a fixed clock.
    pub async fn store(&self) -> Store {
        Store::open(
            &self.url,
            &DbOptions { max_connections: 4 },
            Clock::fixed(TEST_NOW_MS),
            teilhabe_store::keys::InstanceKey::fixed_for_tests(),
        )
        .await
        .expect("open test store")
    }
}
