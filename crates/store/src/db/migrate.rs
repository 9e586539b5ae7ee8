//! Migrations embedded in the binary, one set per backend.

use super::{Db, DbError, Pools};

/// Migrations embedded in the binary, one set per backend.
#[derive(Debug)]
struct Embedded(&'static [(i64, &'static str, &'static str)]);

impl<'s> sqlx::migrate::MigrationSource<'s> for Embedded {
    fn resolve(
        self,
    ) -> futures_core::future::BoxFuture<
        's,
        Result<Vec<sqlx::migrate::Migration>, sqlx::error::BoxDynError>,
    > {
        Box::pin(async move {
            Ok(self
                .0
                .iter()
                .map(|(v, d, sql)| {
                    sqlx::migrate::Migration::new(
                        *v,
                        (*d).into(),
                        sqlx::migrate::MigrationType::Simple,
                        (*sql).into(),
                        false,
                    )
                })
                .collect())
        })
    }
}

const SQLITE_MIGRATIONS: &[(i64, &str, &str)] = &[
    (
        1,
        "foundation",
        include_str!("../../migrations/sqlite/0001_foundation.sql"),
    ),
    (
        2,
        "images",
        include_str!("../../migrations/sqlite/0002_images.sql"),
    ),
    (
        3,
        "outbox claims",
        include_str!("../../migrations/sqlite/0003_outbox_claims.sql"),
    ),
    (
        4,
        "opinion maps",
        include_str!("../../migrations/sqlite/0004_opinion.sql"),
    ),
    (
        5,
        "budget",
        include_str!("../../migrations/sqlite/0005_budget.sql"),
    ),
    (
        6,
        "register",
        include_str!("../../migrations/sqlite/0006_register.sql"),
    ),
    (
        7,
        "council",
        include_str!("../../migrations/sqlite/0007_council.sql"),
    ),
    (
        8,
        "register questions",
        include_str!("../../migrations/sqlite/0008_register_questions.sql"),
    ),
    (
        9,
        "goals",
        include_str!("../../migrations/sqlite/0009_goals.sql"),
    ),
    (
        10,
        "evaluation",
        include_str!("../../migrations/sqlite/0010_evaluation.sql"),
    ),
    (
        11,
        "text keys not null",
        include_str!("../../migrations/sqlite/0011_text_keys_not_null.sql"),
    ),
];
const POSTGRES_MIGRATIONS: &[(i64, &str, &str)] = &[
    (
        1,
        "foundation",
        include_str!("../../migrations/postgres/0001_foundation.sql"),
    ),
    (
        2,
        "images",
        include_str!("../../migrations/postgres/0002_images.sql"),
    ),
    (
        3,
        "outbox claims",
        include_str!("../../migrations/postgres/0003_outbox_claims.sql"),
    ),
    (
        4,
        "opinion maps",
        include_str!("../../migrations/postgres/0004_opinion.sql"),
    ),
    (
        5,
        "budget",
        include_str!("../../migrations/postgres/0005_budget.sql"),
    ),
    (
        6,
        "register",
        include_str!("../../migrations/postgres/0006_register.sql"),
    ),
    (
        7,
        "council",
        include_str!("../../migrations/postgres/0007_council.sql"),
    ),
    (
        8,
        "register questions",
        include_str!("../../migrations/postgres/0008_register_questions.sql"),
    ),
    (
        9,
        "goals",
        include_str!("../../migrations/postgres/0009_goals.sql"),
    ),
    (
        10,
        "evaluation",
        include_str!("../../migrations/postgres/0010_evaluation.sql"),
    ),
    (
        11,
        "text keys not null",
        include_str!("../../migrations/postgres/0011_text_keys_not_null.sql"),
    ),
];

impl Db {
    /// Applies pending migrations; safe to call at every start.
    pub async fn migrate(&self) -> Result<(), DbError> {
        match &self.pools {
            Pools::Sqlite { write, .. } => {
                let m = sqlx::migrate::Migrator::new(Embedded(SQLITE_MIGRATIONS)).await?;
                m.run(write).await?;
            }
            Pools::Postgres(pool) => {
                let m = sqlx::migrate::Migrator::new(Embedded(POSTGRES_MIGRATIONS)).await?;
                m.run(pool).await?;
            }
        }
        Ok(())
    }
}
