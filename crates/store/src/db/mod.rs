//! A thin layer over the two database pools. sqlx's `Any` driver does not
//! handle PostgreSQL's types well and its query macros would compile both
//! drivers a second time, so queries are plain SQL with `$1` placeholders
//! (both SQLite and PostgreSQL accept them) and rows are decoded into a
//! small dynamic [`Row`]. Every statement passes through here, which is
//! also where the per-store statement counter lives (a test asserts that
//! pages run a constant number of statements).

use sqlx::postgres::{PgConnectOptions, PgPoolOptions, PgRow};
use sqlx::sqlite::{
    SqliteConnectOptions, SqliteJournalMode, SqlitePoolOptions, SqliteRow, SqliteSynchronous,
};
use sqlx::{Column, Postgres, Row as _, Sqlite, TypeInfo, ValueRef};
use std::str::FromStr;
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::Arc;
use std::time::Duration;

mod migrate;
mod row;
pub use row::{Row, V};
use serde::de::DeserializeOwned;

#[derive(Debug, thiserror::Error)]
pub enum DbError {
    #[error("database error: {0}")]
    Sqlx(#[from] sqlx::Error),
    #[error("migration failed: {0}")]
    Migrate(#[from] sqlx::migrate::MigrateError),
    #[error("unsupported database URL '{0}' (expected sqlite:PATH or postgres://...)")]
    UnsupportedUrl(String),
    #[error("column '{0}' missing or of an unexpected type")]
    Column(String),
    #[error("column '{0}' is NULL where a value is required")]
    Null(String),
    #[error("row does not fit its type: {0}")]
    Decode(String),
    #[error("a batched write failed and was rolled back: {0}")]
    Batch(String),
}

impl DbError {
    /// A unique or primary-key constraint was violated (e.g. a second support).
    pub fn is_unique_violation(&self) -> bool {
        match self {
            DbError::Sqlx(sqlx::Error::Database(e)) => e.is_unique_violation(),
            _ => false,
        }
    }
}

/// A query parameter. Typed even when NULL, because PostgreSQL needs the type.
#[derive(Debug, Clone, PartialEq)]
pub enum P {
    I(Option<i64>),
    F(Option<f64>),
    T(Option<String>),
    B(Option<Vec<u8>>),
}

impl From<i64> for P {
    fn from(v: i64) -> Self {
        P::I(Some(v))
    }
}
impl From<Option<i64>> for P {
    fn from(v: Option<i64>) -> Self {
        P::I(v)
    }
}
impl From<i32> for P {
    fn from(v: i32) -> Self {
        P::I(Some(v as i64))
    }
}
impl From<u32> for P {
    fn from(v: u32) -> Self {
        P::I(Some(v as i64))
    }
}
impl From<bool> for P {
    fn from(v: bool) -> Self {
        P::I(Some(v as i64))
    }
}
impl From<f64> for P {
    fn from(v: f64) -> Self {
        P::F(Some(v))
    }
}
impl From<Option<f64>> for P {
    fn from(v: Option<f64>) -> Self {
        P::F(v)
    }
}
impl From<&str> for P {
    fn from(v: &str) -> Self {
        P::T(Some(v.to_string()))
    }
}
impl From<String> for P {
    fn from(v: String) -> Self {
        P::T(Some(v))
    }
}
impl From<&String> for P {
    fn from(v: &String) -> Self {
        P::T(Some(v.clone()))
    }
}
impl From<Option<String>> for P {
    fn from(v: Option<String>) -> Self {
        P::T(v)
    }
}
impl From<Vec<u8>> for P {
    fn from(v: Vec<u8>) -> Self {
        P::B(Some(v))
    }
}
impl From<Option<Vec<u8>>> for P {
    fn from(v: Option<Vec<u8>>) -> Self {
        P::B(v)
    }
}
impl From<Option<&str>> for P {
    fn from(v: Option<&str>) -> Self {
        P::T(v.map(str::to_string))
    }
}

/// Builds a parameter list: `params![a, b, c]`.
#[macro_export]
macro_rules! params {
    ($($x:expr),* $(,)?) => { &[$($crate::db::P::from($x)),*][..] };
}

/// The SQL of a multi-row insert: `head` (up to `VALUES `), then `tuple`
/// once per row, joined by ", ", with each `$n` in row `r` renumbered to
/// `$(r * width + n)`, so that every row binds its own `width` parameters
/// in order. Text in `tuple` without a `$` (a literal) stays as it is.
pub(crate) fn multi_row_sql(head: &str, tuple: &str, width: usize, rows: usize) -> String {
    let mut sql = String::from(head);
    for r in 0..rows {
        if r > 0 {
            sql.push_str(", ");
        }
        let mut rest = tuple;
        while let Some(at) = rest.find('$') {
            sql.push_str(&rest[..=at]);
            let after = &rest[at + 1..];
            let digits = after.len() - after.trim_start_matches(|c: char| c.is_ascii_digit()).len();
            match after[..digits].parse::<usize>() {
                Ok(n) => sql.push_str(&(r * width + n).to_string()),
                Err(_) => sql.push_str(&after[..digits]),
            }
            rest = &after[digits..];
        }
        sql.push_str(rest);
    }
    sql
}

fn names_of<R: sqlx::Row>(row: &R) -> Arc<Vec<String>> {
    Arc::new(row.columns().iter().map(|c| c.name().to_string()).collect())
}

/// Decodes rows of either backend into [`Row`]s; `value` reads one
/// non-NULL column by the backend's type name.
fn decode<R: sqlx::Row>(
    rows: Vec<R>,
    value: fn(&R, usize, &str) -> Result<V, sqlx::Error>,
) -> Result<Vec<Row>, DbError>
where
    usize: sqlx::ColumnIndex<R>,
{
    let Some(first) = rows.first() else {
        return Ok(Vec::new());
    };
    let names = names_of(first);
    rows.iter()
        .map(|r| {
            let mut values = Vec::with_capacity(names.len());
            for i in 0..names.len() {
                let raw = r.try_get_raw(i)?;
                let v = if raw.is_null() {
                    V::Null
                } else {
                    let type_info = raw.type_info();
                    value(r, i, type_info.name())?
                };
                values.push(v);
            }
            Ok(Row::new(names.clone(), values))
        })
        .collect()
}

fn decode_sqlite(rows: Vec<SqliteRow>) -> Result<Vec<Row>, DbError> {
    decode(rows, |r, i, type_name| {
        Ok(match type_name {
            "INTEGER" | "BOOLEAN" => V::I(r.try_get::<i64, _>(i)?),
            "REAL" => V::F(r.try_get::<f64, _>(i)?),
            "BLOB" => V::B(r.try_get::<Vec<u8>, _>(i)?),
            _ => V::T(r.try_get::<String, _>(i)?),
        })
    })
}

fn decode_pg(rows: Vec<PgRow>) -> Result<Vec<Row>, DbError> {
    decode(rows, |r, i, type_name| {
        Ok(match type_name {
            "INT8" => V::I(r.try_get::<i64, _>(i)?),
            "INT4" => V::I(r.try_get::<i32, _>(i)? as i64),
            "INT2" => V::I(r.try_get::<i16, _>(i)? as i64),
            "BOOL" => V::I(r.try_get::<bool, _>(i)? as i64),
            "FLOAT8" => V::F(r.try_get::<f64, _>(i)?),
            "FLOAT4" => V::F(r.try_get::<f32, _>(i)? as f64),
            "BYTEA" => V::B(r.try_get::<Vec<u8>, _>(i)?),
            _ => V::T(r.try_get::<String, _>(i)?),
        })
    })
}

macro_rules! bind_all {
    ($q:expr, $params:expr) => {{
        let mut q = $q;
        for p in $params {
            q = match p {
                P::I(v) => q.bind(*v),
                P::F(v) => q.bind(*v),
                P::T(v) => q.bind(v.clone()),
                P::B(v) => q.bind(v.clone()),
            };
        }
        q
    }};
}

/// The connection pools. SQLite writes go through a single connection so
/// that transactions never fight over the write lock inside one process.
#[derive(Clone)]
pub enum Pools {
    Sqlite {
        read: sqlx::SqlitePool,
        write: sqlx::SqlitePool,
    },
    Postgres(sqlx::PgPool),
}

#[derive(Clone)]
pub struct Db {
    pub(crate) pools: Pools,
    statements: Arc<AtomicU64>,
}

/// Options that decide durability and pool sizes.
#[derive(Debug, Clone)]
pub struct DbOptions {
    pub max_connections: u32,
}

impl Default for DbOptions {
    fn default() -> Self {
        Self {
            max_connections: 16,
        }
    }
}

/// The row-level queries built on `all`, for both [`Db`] and [`Tx`] (the
/// receiver differs: `&self` for the pool, `&mut self` for a transaction).
macro_rules! row_queries {
    ($($recv:tt)+) => {
        /// The first row, if any.
        pub async fn opt(self: $($recv)+ Self, sql: &str, params: &[P]) -> Result<Option<Row>, DbError> {
            Ok(self.all(sql, params).await?.into_iter().next())
        }

        /// Exactly the first row; none is `RowNotFound`.
        pub async fn one(self: $($recv)+ Self, sql: &str, params: &[P]) -> Result<Row, DbError> {
            self.opt(sql, params)
                .await?
                .ok_or(DbError::Sqlx(sqlx::Error::RowNotFound))
        }

        /// All rows as typed structs (see [`Row::to`]).
        pub async fn all_as<T: DeserializeOwned>(
            self: $($recv)+ Self,
            sql: &str,
            params: &[P],
        ) -> Result<Vec<T>, DbError> {
            self.all(sql, params).await?.iter().map(Row::to).collect()
        }

        /// The first row, if any, as a typed struct.
        pub async fn opt_as<T: DeserializeOwned>(
            self: $($recv)+ Self,
            sql: &str,
            params: &[P],
        ) -> Result<Option<T>, DbError> {
            self.opt(sql, params).await?.as_ref().map(Row::to).transpose()
        }

        /// Exactly the first row as a typed struct; none is `RowNotFound`.
        pub async fn one_as<T: DeserializeOwned>(
            self: $($recv)+ Self,
            sql: &str,
            params: &[P],
        ) -> Result<T, DbError> {
            self.one(sql, params).await?.to()
        }
    };
}

impl Db {
    pub async fn connect(url: &str, opts: &DbOptions) -> Result<Db, DbError> {
        let pools = if url.starts_with("sqlite:") {
            let base = SqliteConnectOptions::from_str(url)?
                .create_if_missing(true)
                .journal_mode(SqliteJournalMode::Wal)
                // FULL: a commit is on disk before the answer is sent.
                .synchronous(SqliteSynchronous::Full)
                .foreign_keys(true)
                .busy_timeout(Duration::from_secs(10));
            let write = SqlitePoolOptions::new()
                .max_connections(1)
                .connect_with(base.clone())
                .await?;
            let read = SqlitePoolOptions::new()
                .max_connections(opts.max_connections)
                .connect_with(base.read_only(false))
                .await?;
            Pools::Sqlite { read, write }
        } else if url.starts_with("postgres://") || url.starts_with("postgresql://") {
            let o = PgConnectOptions::from_str(url)?;
            let pool = PgPoolOptions::new()
                .max_connections(opts.max_connections)
                .connect_with(o)
                .await?;
            Pools::Postgres(pool)
        } else {
            return Err(DbError::UnsupportedUrl(url.to_string()));
        };
        Ok(Db {
            pools,
            statements: Arc::new(AtomicU64::new(0)),
        })
    }

    pub fn is_postgres(&self) -> bool {
        matches!(self.pools, Pools::Postgres(_))
    }

    /// Statements run so far through this handle (and its clones).
    pub fn statement_count(&self) -> u64 {
        self.statements.load(Ordering::Relaxed)
    }

    fn count(&self) {
        self.statements.fetch_add(1, Ordering::Relaxed);
    }

    pub async fn all(&self, sql: &str, params: &[P]) -> Result<Vec<Row>, DbError> {
        self.count();
        match &self.pools {
            Pools::Sqlite { read, .. } => decode_sqlite(
                bind_all!(sqlx::query::<Sqlite>(sql), params)
                    .fetch_all(read)
                    .await?,
            ),
            Pools::Postgres(pool) => decode_pg(
                bind_all!(sqlx::query::<Postgres>(sql), params)
                    .fetch_all(pool)
                    .await?,
            ),
        }
    }

    row_queries!(&);

    /// A write outside an explicit transaction (sessions, outbox marks).
    pub async fn exec(&self, sql: &str, params: &[P]) -> Result<u64, DbError> {
        self.count();
        Ok(match &self.pools {
            Pools::Sqlite { write, .. } => bind_all!(sqlx::query::<Sqlite>(sql), params)
                .execute(write)
                .await?
                .rows_affected(),
            Pools::Postgres(pool) => bind_all!(sqlx::query::<Postgres>(sql), params)
                .execute(pool)
                .await?
                .rows_affected(),
        })
    }

    pub async fn begin(&self) -> Result<Tx, DbError> {
        self.count();
        Ok(match &self.pools {
            // IMMEDIATE takes the write lock up front, so a transaction that
            // reads and then writes cannot fail half-way on a busy database.
            Pools::Sqlite { write, .. } => {
                Tx::Sqlite(write.begin_with("BEGIN IMMEDIATE").await?, self.clone())
            }
            Pools::Postgres(pool) => Tx::Postgres(pool.begin().await?, self.clone()),
        })
    }

    pub async fn close(&self) {
        match &self.pools {
            Pools::Sqlite { read, write } => {
                read.close().await;
                write.close().await;
            }
            Pools::Postgres(p) => p.close().await,
        }
    }
}

/// A transaction; dropped without [`Tx::commit`] it rolls back, so an
/// error anywhere in a service leaves nothing half-written.
pub enum Tx {
    Sqlite(sqlx::Transaction<'static, Sqlite>, Db),
    Postgres(sqlx::Transaction<'static, Postgres>, Db),
}

impl Tx {
    pub fn is_postgres(&self) -> bool {
        matches!(self, Tx::Postgres(..))
    }

    pub async fn all(&mut self, sql: &str, params: &[P]) -> Result<Vec<Row>, DbError> {
        match self {
            Tx::Sqlite(tx, db) => {
                db.count();
                decode_sqlite(
                    bind_all!(sqlx::query::<Sqlite>(sql), params)
                        .fetch_all(&mut **tx)
                        .await?,
                )
            }
            Tx::Postgres(tx, db) => {
                db.count();
                decode_pg(
                    bind_all!(sqlx::query::<Postgres>(sql), params)
                        .fetch_all(&mut **tx)
                        .await?,
                )
            }
        }
    }

    row_queries!(&mut);

    pub async fn exec(&mut self, sql: &str, params: &[P]) -> Result<u64, DbError> {
        Ok(match self {
            Tx::Sqlite(tx, db) => {
                db.count();
                bind_all!(sqlx::query::<Sqlite>(sql), params)
                    .execute(&mut **tx)
                    .await?
                    .rows_affected()
            }
            Tx::Postgres(tx, db) => {
                db.count();
                bind_all!(sqlx::query::<Postgres>(sql), params)
                    .execute(&mut **tx)
                    .await?
                    .rows_affected()
            }
        })
    }

    /// Inserts and returns the new row's id (`RETURNING id` works on both).
    pub async fn insert(&mut self, sql: &str, params: &[P]) -> Result<i64, DbError> {
        self.one(sql, params).await?.i64("id")
    }

    pub async fn commit(self) -> Result<(), DbError> {
        match self {
            Tx::Sqlite(tx, db) => {
                db.count();
                tx.commit().await?
            }
            Tx::Postgres(tx, db) => {
                db.count();
                tx.commit().await?
            }
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    #[test]
    fn multi_row_sql_renumbers_each_row() {
        assert_eq!(
            super::multi_row_sql(
                "INSERT INTO t (a, b, c, d) VALUES ",
                "($1, $2, $2, 7)",
                2,
                3
            ),
            "INSERT INTO t (a, b, c, d) VALUES ($1, $2, $2, 7), ($3, $4, $4, 7), ($5, $6, $6, 7)"
        );
    }
}
