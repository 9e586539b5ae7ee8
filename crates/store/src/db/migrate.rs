//! Migrations embedded in the binary, one set per backend, collected from
//! the modules' manifests (`crate::module`).

use super::{Db, DbError, Pools};

/// The migrations of all modules ([`crate::module::MODULES`]) for one
/// backend, embedded in the binary.
#[derive(Debug, Clone, Copy)]
enum Embedded {
    Sqlite,
    Postgres,
}

impl<'s> sqlx::migrate::MigrationSource<'s> for Embedded {
    fn resolve(
        self,
    ) -> futures_core::future::BoxFuture<
        's,
        Result<Vec<sqlx::migrate::Migration>, sqlx::error::BoxDynError>,
    > {
        Box::pin(async move {
            Ok(crate::module::migrations()
                .into_iter()
                .map(|m| {
                    let sql = match self {
                        Embedded::Sqlite => m.sqlite,
                        Embedded::Postgres => m.postgres,
                    };
                    sqlx::migrate::Migration::new(
                        m.version,
                        m.description.into(),
                        sqlx::migrate::MigrationType::Simple,
                        sql.into(),
                        false,
                    )
                })
                .collect())
        })
    }
}

impl Db {
    /// Applies pending migrations; safe to call at every start.
    pub async fn migrate(&self) -> Result<(), DbError> {
        match &self.pools {
            Pools::Sqlite { write, .. } => {
                let m = sqlx::migrate::Migrator::new(Embedded::Sqlite).await?;
                m.run(write).await?;
            }
            Pools::Postgres(pool) => {
                let m = sqlx::migrate::Migrator::new(Embedded::Postgres).await?;
                // An application role without DDL rights (README,
                // "Prüfprotokoll und Stimmgeheimnis") cannot even run
                // sqlx's CREATE TABLE IF NOT EXISTS: when every migration
                // is applied with its checksum, there is nothing to run.
                if !all_applied(pool, &m).await {
                    m.run(pool).await?;
                }
            }
        }
        Ok(())
    }
}

/// Whether every migration of `m` is recorded as applied, with the same
/// checksum, in `_sqlx_migrations` (false if that table cannot be read).
async fn all_applied(pool: &sqlx::PgPool, m: &sqlx::migrate::Migrator) -> bool {
    let applied: Vec<(i64, Vec<u8>)> =
        match sqlx::query_as("SELECT version, checksum FROM _sqlx_migrations WHERE success")
            .fetch_all(pool)
            .await
        {
            Ok(rows) => rows,
            Err(_) => return false,
        };
    let applied: std::collections::HashMap<i64, Vec<u8>> = applied.into_iter().collect();
    m.iter()
        .all(|mig| applied.get(&mig.version).map(|c| c.as_slice()) == Some(&*mig.checksum))
}
