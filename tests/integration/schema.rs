//! The two migration sets make the same schema: both are applied, to a new SQLite file and a
//! new PostgreSQL database, and what each database then reports of itself (tables, columns
//! with their types, nullability and defaults, primary keys, unique constraints, indexes with
//! their predicates, foreign keys with their actions, and the values each CHECK allows) is
//! compared line by line. Runs in the test command's PostgreSQL pass.

use portal::server::db::{self, Pool};
use std::collections::BTreeSet;

/// Columns whose types differ on purpose, and what the code does about it (`server::db`):
/// `JSONB` is written through `json_param` and read with `CAST(… AS TEXT)`; `TIMESTAMPTZ` is
/// written by the database and read through `timestamp_text`.
const TYPED_APART: [(&str, &str, &str); 4] = [
    ("applications", "answers", "json"),
    ("audit_log", "occurred_at", "timestamp"),
    ("users", "created_at", "timestamp"),
    ("users", "email_verified_at", "timestamp"),
];

#[tokio::test]
async fn both_migration_sets_make_the_same_schema() {
    let Some(_) = db::scratch::postgres_server() else {
        portal::server::test_servers::skip_without("postgres", "PORTAL_TEST_POSTGRES");
        return;
    };
    let sqlite_file = std::env::temp_dir().join(format!("portal-schema-{}.db", std::process::id()));
    let _ = std::fs::remove_file(&sqlite_file);
    let sqlite = db::connect(&format!("sqlite://{}", sqlite_file.display())).await.unwrap();
    let postgres = db::connect(&db::scratch::url().await).await.unwrap();
    let (sqlite, postgres) = (sqlite_schema(&sqlite).await, postgres_schema(&postgres).await);
    let only_sqlite: Vec<_> = sqlite.difference(&postgres).collect();
    let only_postgres: Vec<_> = postgres.difference(&sqlite).collect();
    assert!(
        only_sqlite.is_empty() && only_postgres.is_empty(),
        "the schemas differ\n only in SQLite:\n  {}\n only in PostgreSQL:\n  {}",
        only_sqlite.iter().map(|s| s.as_str()).collect::<Vec<_>>().join("\n  "),
        only_postgres.iter().map(|s| s.as_str()).collect::<Vec<_>>().join("\n  "),
    );
    assert!(sqlite.len() > 60, "a schema was read: {sqlite:#?}");
}

/// A type as both sides name it.
fn portable_type(table: &str, column: &str, declared: &str) -> String {
    if let Some((_, _, kind)) = TYPED_APART.iter().find(|(t, c, _)| *t == table && *c == column) {
        return kind.to_string();
    }
    match declared.to_lowercase().as_str() {
        "integer" | "bigint" | "smallint" => "integer",
        "text" => "text",
        "blob" | "bytea" => "blob",
        "jsonb" => "json",
        "timestamp with time zone" => "timestamp",
        other => return format!("unknown type {other}"),
    }
    .to_string()
}

/// A default or a predicate in one spelling: PostgreSQL's casts and parentheses gone.
fn normalised(sql: &str) -> String {
    let sql = sql.replace("::text", "").replace(['(', ')'], "").to_lowercase();
    let sql = sql.split_whitespace().collect::<Vec<_>>().join(" ");
    if sql == "now" {
        "current_timestamp".into()
    } else {
        sql
    }
}

/// The column a CHECK is about and the quoted values it allows.
fn check_line(table: &str, expression: &str) -> String {
    let column = expression
        .split(|c: char| !(c.is_ascii_alphanumeric() || c == '_'))
        .find(|word| !word.is_empty() && !word.eq_ignore_ascii_case("check"))
        .unwrap_or_default();
    let values: Vec<&str> = expression.split('\'').skip(1).step_by(2).collect();
    format!("check {table}.{column} in {values:?}")
}

/// Every `CHECK (…)` in a CREATE TABLE statement, with its balanced parentheses.
fn checks_in(sql: &str) -> Vec<String> {
    let mut found = Vec::new();
    let upper = sql.to_uppercase();
    let mut from = 0;
    while let Some(at) = upper[from..].find("CHECK (").map(|i| from + i) {
        let mut depth = 0;
        let mut end = at;
        for (i, c) in sql[at..].char_indices() {
            match c {
                '(' => depth += 1,
                ')' => {
                    depth -= 1;
                    if depth == 0 {
                        end = at + i + 1;
                        break;
                    }
                }
                _ => {}
            }
        }
        found.push(sql[at..end].to_string());
        from = end.max(at + 1);
    }
    found
}

async fn sqlite_schema(pool: &Pool) -> BTreeSet<String> {
    let mut schema = BTreeSet::new();
    let tables: Vec<(String, String)> = sqlx::query_as(
        "SELECT name, sql FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' AND name <> '_sqlx_migrations'",
    )
    .fetch_all(pool)
    .await
    .unwrap();
    for (table, sql) in tables {
        schema.insert(format!("table {table}"));
        let columns: Vec<(String, String, i64, Option<String>, i64)> =
            sqlx::query_as("SELECT name, type, \"notnull\", dflt_value, pk FROM pragma_table_info($1)")
                .bind(&table)
                .fetch_all(pool)
                .await
                .unwrap();
        let mut key: Vec<(i64, String)> = Vec::new();
        for (column, declared, not_null, default, pk) in columns {
            // A primary key's columns are never null, whether or not SQLite's table says so.
            let null = if not_null != 0 || pk > 0 { "not null" } else { "null" };
            let default = default.map(|d| normalised(&d)).unwrap_or_default();
            schema.insert(format!(
                "column {table}.{column} {} {null} default '{default}'",
                portable_type(&table, &column, &declared)
            ));
            if pk > 0 {
                key.push((pk, column));
            }
        }
        key.sort();
        schema.insert(format!(
            "primary key {table} ({})",
            key.into_iter().map(|(_, c)| c).collect::<Vec<_>>().join(", ")
        ));
        let indexes: Vec<(String, i64, String)> =
            sqlx::query_as("SELECT name, \"unique\", origin FROM pragma_index_list($1)")
                .bind(&table)
                .fetch_all(pool)
                .await
                .unwrap();
        for (index, unique, origin) in indexes {
            if origin == "pk" {
                continue;
            }
            let columns: Vec<String> = sqlx::query_scalar("SELECT name FROM pragma_index_info($1) ORDER BY seqno")
                .bind(&index)
                .fetch_all(pool)
                .await
                .unwrap();
            let columns = columns.join(", ");
            if origin == "u" {
                schema.insert(format!("unique {table} ({columns})"));
                continue;
            }
            let index_sql: String = sqlx::query_scalar("SELECT sql FROM sqlite_master WHERE name = $1")
                .bind(&index)
                .fetch_one(pool)
                .await
                .unwrap();
            let predicate = index_sql.split_once(" WHERE ").map(|(_, p)| normalised(p)).unwrap_or_default();
            let kind = if unique != 0 { "unique index" } else { "index" };
            schema.insert(format!("{kind} {table}.{index} ({columns}) where '{predicate}'"));
        }
        let keys: Vec<(String, String, String, String)> =
            sqlx::query_as("SELECT \"from\", \"table\", \"to\", on_delete FROM pragma_foreign_key_list($1)")
                .bind(&table)
                .fetch_all(pool)
                .await
                .unwrap();
        for (from, to_table, to, on_delete) in keys {
            schema.insert(format!(
                "foreign key {table} ({from}) -> {to_table} ({to}) on delete {}",
                on_delete.to_lowercase()
            ));
        }
        for check in checks_in(&sql) {
            schema.insert(check_line(&table, &check["CHECK".len()..]));
        }
    }
    schema
}

async fn postgres_schema(pool: &Pool) -> BTreeSet<String> {
    let mut schema = BTreeSet::new();
    let tables: Vec<String> = sqlx::query_scalar(
        "SELECT CAST(table_name AS TEXT) FROM information_schema.tables
         WHERE table_schema = 'public' AND table_type = 'BASE TABLE' AND table_name <> '_sqlx_migrations'",
    )
    .fetch_all(pool)
    .await
    .unwrap();
    for table in &tables {
        schema.insert(format!("table {table}"));
    }
    let columns: Vec<(String, String, String, String, Option<String>)> = sqlx::query_as(
        "SELECT CAST(table_name AS TEXT), CAST(column_name AS TEXT), CAST(data_type AS TEXT),
                CAST(is_nullable AS TEXT), CAST(column_default AS TEXT)
         FROM information_schema.columns WHERE table_schema = 'public' AND table_name <> '_sqlx_migrations'",
    )
    .fetch_all(pool)
    .await
    .unwrap();
    for (table, column, declared, nullable, default) in columns {
        let null = if nullable == "NO" { "not null" } else { "null" };
        let default = default.map(|d| normalised(&d)).unwrap_or_default();
        schema.insert(format!(
            "column {table}.{column} {} {null} default '{default}'",
            portable_type(&table, &column, &declared)
        ));
    }
    // Constraints as PostgreSQL writes them back.
    let constraints: Vec<(String, String, String)> = sqlx::query_as(
        "SELECT CAST(t.relname AS TEXT), CAST(c.contype AS TEXT), pg_get_constraintdef(c.oid)
         FROM pg_constraint c JOIN pg_class t ON t.oid = c.conrelid JOIN pg_namespace n ON n.oid = t.relnamespace
         WHERE n.nspname = 'public' AND t.relname <> '_sqlx_migrations'",
    )
    .fetch_all(pool)
    .await
    .unwrap();
    let inside = |definition: &str, keyword: &str| -> String {
        let start = definition.find(keyword).map(|i| i + keyword.len()).unwrap_or(0);
        let rest = &definition[start..];
        let open = rest.find('(').unwrap_or(0);
        let close = rest[open..].find(')').map(|i| open + i).unwrap_or(rest.len());
        rest[open + 1..close].to_string()
    };
    for (table, kind, definition) in constraints {
        match kind.as_str() {
            "p" => {
                schema.insert(format!("primary key {table} ({})", inside(&definition, "PRIMARY KEY")));
            }
            "u" => {
                schema.insert(format!("unique {table} ({})", inside(&definition, "UNIQUE")));
            }
            "f" => {
                let from = inside(&definition, "FOREIGN KEY");
                let references = definition.split_once("REFERENCES ").map(|(_, r)| r).unwrap_or_default();
                let to_table = references.split('(').next().unwrap_or_default().trim();
                let to = inside(references, "");
                let on_delete = definition
                    .split_once("ON DELETE ")
                    .map(|(_, action)| action.trim().to_lowercase())
                    .unwrap_or_else(|| "no action".into());
                schema.insert(format!("foreign key {table} ({from}) -> {to_table} ({to}) on delete {on_delete}"));
            }
            "c" => {
                schema.insert(check_line(&table, &definition["CHECK".len()..]));
            }
            other => panic!("a constraint of kind {other} on {table}: compare it too"),
        }
    }
    // Indexes made by CREATE INDEX (those of primary keys and unique constraints are above).
    let indexes: Vec<(String, String, bool, Option<String>, String)> = sqlx::query_as(
        "SELECT CAST(t.relname AS TEXT), CAST(i.relname AS TEXT), ix.indisunique,
                pg_get_expr(ix.indpred, ix.indrelid),
                array_to_string(ARRAY(SELECT pg_get_indexdef(ix.indexrelid, k + 1, true)
                                      FROM generate_subscripts(ix.indkey, 1) AS k ORDER BY k), ', ')
         FROM pg_index ix JOIN pg_class i ON i.oid = ix.indexrelid JOIN pg_class t ON t.oid = ix.indrelid
         JOIN pg_namespace n ON n.oid = t.relnamespace
         WHERE n.nspname = 'public' AND t.relname <> '_sqlx_migrations'
           AND NOT EXISTS (SELECT 1 FROM pg_constraint c WHERE c.conindid = ix.indexrelid)",
    )
    .fetch_all(pool)
    .await
    .unwrap();
    for (table, index, unique, predicate, columns) in indexes {
        let kind = if unique { "unique index" } else { "index" };
        let predicate = predicate.map(|p| normalised(&p)).unwrap_or_default();
        schema.insert(format!("{kind} {table}.{index} ({columns}) where '{predicate}'"));
    }
    schema
}
