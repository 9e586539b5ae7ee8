//! Schema parity: the SQLite and the PostgreSQL migrations must give the
//! same schema, because the same SQL text runs on both. The test migrates a
//! fresh database per backend, reads each schema back from the database's
//! own catalogue (not from the migration text) and compares tables, columns
//! (normalised type, NOT NULL, order), primary keys, unique constraints,
//! foreign keys (columns, referenced table and columns, ON DELETE/UPDATE)
//! and indexes (name, table, columns, unique, partial).
//!
//! The SQLite schema is always read; the comparison needs PostgreSQL, so it
//! runs when `TEILHABE_TEST_POSTGRES_URL` is set (the PostgreSQL stage of
//! `scripts/test`). Without it the test only checks that the SQLite schema
//! could be read and says that the comparison was skipped.
//!
//! Type mapping (strict; a declared type outside it fails the test so that a
//! new type is a decision, not an accident):
//!
//! | SQLite declared | PostgreSQL         | normalised | Rust side            |
//! |-----------------|--------------------|------------|----------------------|
//! | `INTEGER`       | `bigint`           | `int`      | `i64`, flags as 0/1  |
//! | `REAL`          | `double precision` | `float`    | `f64`                |
//! | `TEXT`          | `text`             | `text`     | `String`             |
//! | `BLOB`          | `bytea`            | `bytes`    | `Vec<u8>`            |
//!
//! PostgreSQL `integer`, `smallint`, `boolean` or `real` are not accepted:
//! SQLite's `INTEGER` holds 64 bits, and flags are 0/1 integers on both
//! backends, so a PG `boolean` column would break `$1`-bound integers.
//!
//! NOT NULL is taken as the database enforces it: PostgreSQL makes every
//! primary-key column NOT NULL; SQLite does so only for the rowid alias
//! (`INTEGER PRIMARY KEY`) - its other primary-key columns accept NULL
//! unless declared NOT NULL.
//!
//! Backend-specific by design and left out: full-text search (SQLite's FTS5
//! table `search_fts` with its shadow tables; PostgreSQL's
//! `search_documents` with a generated `tsvector` and a GIN index), the
//! append-only triggers (compared by the audit tests through behaviour), and
//! sqlx's `_sqlx_migrations`.

use std::collections::{BTreeMap, BTreeSet};
use teilhabe_store::{Db, DbOptions, P};

const SQLITE_ONLY: &[&str] = &[
    "search_fts",
    "search_fts_config",
    "search_fts_content",
    "search_fts_data",
    "search_fts_docsize",
    "search_fts_idx",
];
const POSTGRES_ONLY: &[&str] = &["search_documents"];

#[derive(Debug, Clone, PartialEq, Eq)]
struct Column {
    name: String,
    ty: String,
    not_null: bool,
}

#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
struct ForeignKey {
    columns: Vec<String>,
    ref_table: String,
    ref_columns: Vec<String>,
    on_delete: String,
    on_update: String,
}

#[derive(Debug, Default, Clone, PartialEq, Eq)]
struct Table {
    columns: Vec<Column>,
    primary_key: Vec<String>,
    uniques: BTreeSet<Vec<String>>,
    foreign_keys: BTreeSet<ForeignKey>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
struct Index {
    table: String,
    columns: Vec<String>,
    unique: bool,
    partial: bool,
}

#[derive(Debug, Default)]
struct Schema {
    tables: BTreeMap<String, Table>,
    indexes: BTreeMap<String, Index>,
}

fn sqlite_type(declared: &str) -> String {
    match declared.to_ascii_uppercase().as_str() {
        "INTEGER" => "int".into(),
        "REAL" => "float".into(),
        "TEXT" => "text".into(),
        "BLOB" => "bytes".into(),
        other => format!("unmapped SQLite type {other}"),
    }
}

fn pg_type(data_type: &str) -> String {
    match data_type {
        "bigint" => "int".into(),
        "double precision" => "float".into(),
        "text" => "text".into(),
        "bytea" => "bytes".into(),
        other => format!("unmapped PostgreSQL type {other}"),
    }
}

fn split(list: &str) -> Vec<String> {
    list.split(',')
        .filter(|s| !s.is_empty())
        .map(str::to_string)
        .collect()
}

fn pg_action(code: &str) -> String {
    match code {
        "a" => "NO ACTION",
        "r" => "RESTRICT",
        "c" => "CASCADE",
        "n" => "SET NULL",
        "d" => "SET DEFAULT",
        other => panic!("unknown PostgreSQL foreign key action {other}"),
    }
    .into()
}

async fn sqlite_schema(db: &Db) -> Schema {
    #[derive(serde::Deserialize)]
    struct Name {
        name: String,
    }
    #[derive(serde::Deserialize)]
    struct Col {
        name: String,
        #[serde(rename = "type")]
        ty: String,
        notnull: bool,
        pk: i64,
    }
    #[derive(serde::Deserialize)]
    struct Fk {
        id: i64,
        seq: i64,
        table: String,
        from: String,
        to: Option<String>,
        on_update: String,
        on_delete: String,
    }
    #[derive(serde::Deserialize)]
    struct Idx {
        name: String,
        unique: bool,
        origin: String,
        partial: bool,
    }

    let names: Vec<Name> = db
        .all_as(
            "SELECT name FROM sqlite_master WHERE type = 'table' \
             AND name NOT LIKE 'sqlite_%' AND name <> '_sqlx_migrations' ORDER BY name",
            &[],
        )
        .await
        .expect("sqlite_master");
    let mut schema = Schema::default();
    for Name { name: table } in names {
        let t = P::from(table.as_str());
        let cols: Vec<Col> = db
            .all_as(
                "SELECT * FROM pragma_table_info($1) ORDER BY cid",
                std::slice::from_ref(&t),
            )
            .await
            .expect("table_info");
        let mut pk: Vec<(i64, String)> = cols
            .iter()
            .filter(|c| c.pk > 0)
            .map(|c| (c.pk, c.name.clone()))
            .collect();
        pk.sort();
        let rowid_alias = match cols.iter().filter(|c| c.pk > 0).collect::<Vec<_>>()[..] {
            [c] if c.ty.eq_ignore_ascii_case("INTEGER") => Some(c.name.clone()),
            _ => None,
        };
        let columns = cols
            .iter()
            .map(|c| Column {
                name: c.name.clone(),
                ty: sqlite_type(&c.ty),
                not_null: c.notnull || rowid_alias.as_deref() == Some(&c.name),
            })
            .collect();

        let mut fks: BTreeMap<i64, Vec<Fk>> = BTreeMap::new();
        let fk_rows: Vec<Fk> = db
            .all_as(
                "SELECT * FROM pragma_foreign_key_list($1) ORDER BY id, seq",
                std::slice::from_ref(&t),
            )
            .await
            .expect("foreign_key_list");
        for fk in fk_rows {
            fks.entry(fk.id).or_default().push(fk);
        }
        let mut foreign_keys = BTreeSet::new();
        for (_, parts) in fks {
            let first = &parts[0];
            assert!(parts.windows(2).all(|w| w[0].seq < w[1].seq));
            foreign_keys.insert(ForeignKey {
                columns: parts.iter().map(|p| p.from.clone()).collect(),
                ref_table: first.table.clone(),
                ref_columns: parts
                    .iter()
                    .map(|p| {
                        p.to.clone().unwrap_or_else(|| {
                            panic!("{table}: foreign key without referenced column")
                        })
                    })
                    .collect(),
                on_delete: first.on_delete.clone(),
                on_update: first.on_update.clone(),
            });
        }

        let idx: Vec<Idx> = db
            .all_as(
                "SELECT * FROM pragma_index_list($1)",
                std::slice::from_ref(&t),
            )
            .await
            .expect("index_list");
        let mut uniques = BTreeSet::new();
        for i in idx {
            let info: Vec<Name> = db
                .all_as(
                    "SELECT name FROM pragma_index_info($1) ORDER BY seqno",
                    &[P::from(i.name.as_str())],
                )
                .await
                .expect("index_info");
            let columns: Vec<String> = info.into_iter().map(|n| n.name).collect();
            match i.origin.as_str() {
                "pk" => {}
                "u" => {
                    uniques.insert(columns);
                }
                _ => {
                    schema.indexes.insert(
                        i.name,
                        Index {
                            table: table.clone(),
                            columns,
                            unique: i.unique,
                            partial: i.partial,
                        },
                    );
                }
            }
        }
        schema.tables.insert(
            table,
            Table {
                columns,
                primary_key: pk.into_iter().map(|(_, n)| n).collect(),
                uniques,
                foreign_keys,
            },
        );
    }
    schema
}

async fn pg_schema(db: &Db) -> Schema {
    #[derive(serde::Deserialize)]
    struct Name {
        table_name: String,
    }
    #[derive(serde::Deserialize)]
    struct Col {
        column_name: String,
        data_type: String,
        not_null: bool,
    }
    #[derive(serde::Deserialize)]
    struct Con {
        contype: String,
        table_name: String,
        columns: String,
        ref_table: Option<String>,
        ref_columns: Option<String>,
        on_delete: String,
        on_update: String,
    }
    #[derive(serde::Deserialize)]
    struct Idx {
        name: String,
        table_name: String,
        columns: String,
        is_unique: bool,
        partial: bool,
    }

    let mut schema = Schema::default();
    let names: Vec<Name> = db
        .all_as(
            "SELECT table_name::text AS table_name FROM information_schema.tables \
             WHERE table_schema = current_schema() AND table_type = 'BASE TABLE' \
             AND table_name <> '_sqlx_migrations' ORDER BY table_name",
            &[],
        )
        .await
        .expect("information_schema.tables");
    for Name { table_name } in names {
        let cols: Vec<Col> = db
            .all_as(
                "SELECT column_name::text AS column_name, data_type::text AS data_type, \
                 (is_nullable = 'NO') AS not_null FROM information_schema.columns \
                 WHERE table_schema = current_schema() AND table_name = $1 \
                 ORDER BY ordinal_position",
                &[P::from(table_name.as_str())],
            )
            .await
            .expect("information_schema.columns");
        let columns = cols
            .into_iter()
            .map(|c| Column {
                name: c.column_name,
                ty: pg_type(&c.data_type),
                not_null: c.not_null,
            })
            .collect();
        schema.tables.insert(
            table_name,
            Table {
                columns,
                ..Table::default()
            },
        );
    }

    // Column lists in key order: conkey/confkey/indkey are attribute numbers.
    let cons: Vec<Con> = db
        .all_as(
            "SELECT c.contype::text AS contype, t.relname::text AS table_name, \
               (SELECT string_agg(a.attname::text, ',' ORDER BY k.ord) \
                  FROM unnest(c.conkey) WITH ORDINALITY AS k(attnum, ord) \
                  JOIN pg_attribute a ON a.attrelid = c.conrelid AND a.attnum = k.attnum) AS columns, \
               r.relname::text AS ref_table, \
               (SELECT string_agg(a.attname::text, ',' ORDER BY k.ord) \
                  FROM unnest(c.confkey) WITH ORDINALITY AS k(attnum, ord) \
                  JOIN pg_attribute a ON a.attrelid = c.confrelid AND a.attnum = k.attnum) AS ref_columns, \
               c.confdeltype::text AS on_delete, c.confupdtype::text AS on_update \
             FROM pg_constraint c \
             JOIN pg_class t ON t.oid = c.conrelid \
             JOIN pg_namespace n ON n.oid = t.relnamespace \
             LEFT JOIN pg_class r ON r.oid = c.confrelid \
             WHERE n.nspname = current_schema() AND c.contype IN ('p', 'u', 'f')",
            &[],
        )
        .await
        .expect("pg_constraint");
    for c in cons {
        let Some(table) = schema.tables.get_mut(&c.table_name) else {
            continue;
        };
        let columns = split(&c.columns);
        match c.contype.as_str() {
            "p" => table.primary_key = columns,
            "u" => {
                table.uniques.insert(columns);
            }
            _ => {
                table.foreign_keys.insert(ForeignKey {
                    columns,
                    ref_table: c.ref_table.unwrap_or_default(),
                    ref_columns: split(&c.ref_columns.unwrap_or_default()),
                    on_delete: pg_action(&c.on_delete),
                    on_update: pg_action(&c.on_update),
                });
            }
        }
    }

    // Indexes created by CREATE INDEX, not those backing a primary key or
    // unique constraint (foreign keys also name an index in conindid: the
    // referenced key's, so only p/u/x count here).
    let idx: Vec<Idx> = db
        .all_as(
            "SELECT i.relname::text AS name, t.relname::text AS table_name, \
               ix.indisunique AS is_unique, (ix.indpred IS NOT NULL) AS partial, \
               COALESCE((SELECT string_agg(a.attname::text, ',' ORDER BY k.ord) \
                  FROM unnest(ix.indkey::int2[]) WITH ORDINALITY AS k(attnum, ord) \
                  JOIN pg_attribute a ON a.attrelid = t.oid AND a.attnum = k.attnum), '') AS columns \
             FROM pg_index ix \
             JOIN pg_class i ON i.oid = ix.indexrelid \
             JOIN pg_class t ON t.oid = ix.indrelid \
             JOIN pg_namespace n ON n.oid = t.relnamespace \
             WHERE n.nspname = current_schema() \
               AND NOT EXISTS (SELECT 1 FROM pg_constraint c \
                 WHERE c.conindid = ix.indexrelid AND c.contype IN ('p', 'u', 'x'))",
            &[],
        )
        .await
        .expect("pg_index");
    for i in idx {
        schema.indexes.insert(
            i.name,
            Index {
                table: i.table_name,
                columns: split(&i.columns),
                unique: i.is_unique,
                partial: i.partial,
            },
        );
    }
    schema
}

/// Takes the backend-specific tables (and their indexes) out, after checking
/// that each is really there, so that the exclusion list cannot go stale.
fn without(mut schema: Schema, only: &[&str], backend: &str) -> Schema {
    for name in only {
        assert!(
            schema.tables.remove(*name).is_some(),
            "{backend}: expected backend-specific table {name} is missing; update the exclusion list"
        );
    }
    schema
        .indexes
        .retain(|_, i| !only.contains(&i.table.as_str()));
    schema
}

fn differences(lite: &Schema, pg: &Schema) -> Vec<String> {
    let mut out = Vec::new();
    let names: BTreeSet<&String> = lite.tables.keys().chain(pg.tables.keys()).collect();
    for name in names {
        let (l, p) = match (lite.tables.get(name), pg.tables.get(name)) {
            (Some(l), Some(p)) => (l, p),
            (Some(_), None) => {
                out.push(format!("table {name}: only in SQLite"));
                continue;
            }
            _ => {
                out.push(format!("table {name}: only in PostgreSQL"));
                continue;
            }
        };
        let lc: Vec<&str> = l.columns.iter().map(|c| c.name.as_str()).collect();
        let pc: Vec<&str> = p.columns.iter().map(|c| c.name.as_str()).collect();
        if lc != pc {
            out.push(format!(
                "table {name}: columns differ\n    SQLite:     {lc:?}\n    PostgreSQL: {pc:?}"
            ));
        }
        for lcol in &l.columns {
            let Some(pcol) = p.columns.iter().find(|c| c.name == lcol.name) else {
                continue;
            };
            if lcol.ty != pcol.ty {
                out.push(format!(
                    "{name}.{}: type {} (SQLite) vs {} (PostgreSQL)",
                    lcol.name, lcol.ty, pcol.ty
                ));
            }
            if lcol.not_null != pcol.not_null {
                out.push(format!(
                    "{name}.{}: NOT NULL {} (SQLite) vs {} (PostgreSQL)",
                    lcol.name, lcol.not_null, pcol.not_null
                ));
            }
        }
        if l.primary_key != p.primary_key {
            out.push(format!(
                "{name}: primary key {:?} (SQLite) vs {:?} (PostgreSQL)",
                l.primary_key, p.primary_key
            ));
        }
        if l.uniques != p.uniques {
            out.push(format!(
                "{name}: unique constraints {:?} (SQLite) vs {:?} (PostgreSQL)",
                l.uniques, p.uniques
            ));
        }
        for fk in l.foreign_keys.difference(&p.foreign_keys) {
            out.push(format!("{name}: foreign key only in SQLite: {fk:?}"));
        }
        for fk in p.foreign_keys.difference(&l.foreign_keys) {
            out.push(format!("{name}: foreign key only in PostgreSQL: {fk:?}"));
        }
    }
    let names: BTreeSet<&String> = lite.indexes.keys().chain(pg.indexes.keys()).collect();
    for name in names {
        match (lite.indexes.get(name), pg.indexes.get(name)) {
            (Some(l), Some(p)) if l == p => {}
            (Some(l), Some(p)) => out.push(format!(
                "index {name}: {l:?} (SQLite) vs {p:?} (PostgreSQL)"
            )),
            (Some(l), None) => out.push(format!("index {name}: only in SQLite: {l:?}")),
            (None, Some(p)) => out.push(format!("index {name}: only in PostgreSQL: {p:?}")),
            (None, None) => unreachable!(),
        }
    }
    out
}

#[tokio::test]
async fn sqlite_and_postgres_migrations_give_the_same_schema() {
    let dir = tempfile::tempdir().expect("temp dir");
    let url = format!("sqlite:{}", dir.path().join("parity.db").display());
    let lite_db = Db::connect(&url, &DbOptions::default())
        .await
        .expect("open SQLite");
    lite_db.migrate().await.expect("migrate SQLite");
    let lite = without(sqlite_schema(&lite_db).await, SQLITE_ONLY, "SQLite");
    lite_db.close().await;
    assert!(
        lite.tables.len() > 20 && !lite.indexes.is_empty(),
        "the SQLite schema looks empty: {lite:?}"
    );
    for (name, t) in &lite.tables {
        for c in &t.columns {
            assert!(
                !c.ty.starts_with("unmapped"),
                "{name}.{}: {} - extend the type mapping in this test",
                c.name,
                c.ty
            );
        }
    }

    if std::env::var("TEILHABE_TEST_POSTGRES_URL").is_err() {
        println!(
            "schema parity: SQLite schema read ({} tables, {} indexes); \
             the comparison with PostgreSQL needs TEILHABE_TEST_POSTGRES_URL (scripts/test sets it)",
            lite.tables.len(),
            lite.indexes.len()
        );
        return;
    }
    let test_db = teilhabe_testkit::TestDb::new().await;
    let pg_db = Db::connect(&test_db.url, &DbOptions::default())
        .await
        .expect("open PostgreSQL");
    pg_db.migrate().await.expect("migrate PostgreSQL");
    let pg = without(pg_schema(&pg_db).await, POSTGRES_ONLY, "PostgreSQL");
    pg_db.close().await;

    let diffs = differences(&lite, &pg);
    assert!(
        diffs.is_empty(),
        "the SQLite and PostgreSQL schemas differ ({} differences):\n  {}",
        diffs.len(),
        diffs.join("\n  ")
    );
    let count = |f: fn(&Table) -> usize| lite.tables.values().map(f).sum::<usize>();
    println!(
        "schema parity: equal on SQLite and PostgreSQL: {} tables, {} columns, \
         {} unique constraints, {} foreign keys, {} indexes",
        lite.tables.len(),
        count(|t| t.columns.len()),
        count(|t| t.uniques.len()),
        count(|t| t.foreign_keys.len()),
        lite.indexes.len()
    );
}
