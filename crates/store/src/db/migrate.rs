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
                m.run(pool).await?;
            }
        }
        Ok(())
    }
}
