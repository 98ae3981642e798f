//! The database: SQLite in a file under the data directory by default, PostgreSQL when
//! `PORTAL_DATABASE_URL` is a `postgres://` URL (several instances share it).
//!
//! One repository layer serves both through sqlx's `Any` driver: every query is written once,
//! in SQL both dialects read (`$1` placeholders, `RETURNING`, `ON CONFLICT`, `CAST`), and binds
//! and reads only the types both have (integers and text; facts are read as 0 or 1, since
//! SQLite gives no booleans). Times the portal reasons
//! about are Unix seconds from the [`Clock`](super::clock::Clock). Where the dialects really
//! differ, the difference is in this file, side by side:
//! - how a write transaction starts ([`begin_write`]);
//! - how JSON is written into a `JSONB` column ([`json_param`]) and how a `TIMESTAMPTZ` is
//!   read as text ([`timestamp_text`]);
//! - the schema itself (`migrations/sqlite` and `migrations/postgres`, which a test applies
//!   and compares column by column).

use anyhow::Context;
use sqlx::any::AnyPoolOptions;
use sqlx::migrate::Migrator;
use sqlx::Executor;

mod readers;
pub use readers::Readers;

/// The pool every repository function takes.
pub type Pool = sqlx::AnyPool;
/// A transaction on the [`Pool`].
pub type Tx = sqlx::Transaction<'static, sqlx::Any>;

/// The schemas, compiled into the binary so a deployment cannot run against the wrong one.
pub static SQLITE_MIGRATOR: Migrator = sqlx::migrate!("./migrations/sqlite");
pub static POSTGRES_MIGRATOR: Migrator = sqlx::migrate!("./migrations/postgres");

/// Which database a pool talks to.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Dialect {
    Sqlite,
    Postgres,
}

impl Dialect {
    /// The dialect of a database URL, or an error naming what is accepted.
    pub fn of_url(url: &str) -> anyhow::Result<Dialect> {
        match url.split_once(':').map(|(scheme, _)| scheme) {
            Some("sqlite") => Ok(Dialect::Sqlite),
            Some("postgres" | "postgresql") => Ok(Dialect::Postgres),
            _ => anyhow::bail!("PORTAL_DATABASE_URL must start with sqlite:// or postgres://"),
        }
    }

    /// The dialect of the database a transaction runs on.
    pub fn of_tx(tx: &mut Tx) -> Dialect {
        if tx.backend_name().eq_ignore_ascii_case("sqlite") {
            Dialect::Sqlite
        } else {
            Dialect::Postgres
        }
    }

    pub fn of(pool: &Pool) -> Dialect {
        match pool.connect_options().database_url.scheme() {
            "sqlite" => Dialect::Sqlite,
            _ => Dialect::Postgres,
        }
    }

    fn migrator(self) -> &'static Migrator {
        match self {
            Dialect::Sqlite => &SQLITE_MIGRATOR,
            Dialect::Postgres => &POSTGRES_MIGRATOR,
        }
    }
}

/// Opens the database (creating a SQLite file if needed) and brings its schema up to date.
/// Several instances may start at once against one PostgreSQL: sqlx's migrator holds an
/// advisory lock while it migrates, so one applies the migrations and the others wait.
pub async fn connect(database_url: &str) -> anyhow::Result<Pool> {
    sqlx::any::install_default_drivers();
    let dialect = Dialect::of_url(database_url)?;
    let (url, options) = match dialect {
        Dialect::Sqlite => (sqlite_url(database_url), AnyPoolOptions::new().max_connections(8)),
        Dialect::Postgres => (database_url.to_string(), AnyPoolOptions::new().max_connections(16)),
    };
    let pool = options
        // A connection to a file in this process does not go stale, and a PostgreSQL
        // connection that broke fails its query, which the pool then drops; pinging before
        // every query doubled each query's round trips.
        .test_before_acquire(false)
        .after_connect(move |connection, _| Box::pin(prepare(connection, dialect)))
        .connect(&url)
        .await
        .context("could not open the database")?;
    dialect.migrator().run(&pool).await.context("could not apply the database migrations")?;
    Ok(pool)
}

/// Sets up a new connection: on SQLite, write-ahead logging (pages read while a save is being
/// written), foreign keys, and waiting for the write lock instead of failing at once.
async fn prepare(connection: &mut sqlx::AnyConnection, dialect: Dialect) -> sqlx::Result<()> {
    if dialect == Dialect::Sqlite {
        connection
            .execute(
                "PRAGMA journal_mode = WAL; PRAGMA synchronous = NORMAL; PRAGMA foreign_keys = ON;
                 PRAGMA busy_timeout = 5000;",
            )
            .await?;
    }
    Ok(())
}

/// A SQLite URL that creates its file when missing (`mode=rwc`), unless it names a mode.
fn sqlite_url(url: &str) -> String {
    if url.contains("mode=") {
        url.to_string()
    } else {
        format!("{url}{}mode=rwc", if url.contains('?') { '&' } else { '?' })
    }
}

/// Starts a transaction that will write.
///
/// SQLite: its default (deferred) transaction takes the write lock only at its first write; if
/// it read first and another connection wrote in between, SQLite fails it at once with
/// "database is locked" (SQLITE_BUSY_SNAPSHOT) instead of waiting. `BEGIN IMMEDIATE` takes the
/// write lock up front, so the busy timeout applies and concurrent saves queue.
///
/// PostgreSQL: a plain `BEGIN` (read committed). Rows locked by a concurrent write are waited
/// for, and every read-then-write in the portal states what it read in its `UPDATE … WHERE`, so
/// a row changed in between is not overwritten.
pub async fn begin_write(pool: &Pool) -> sqlx::Result<Tx> {
    match Dialect::of(pool) {
        Dialect::Sqlite => pool.begin_with("BEGIN IMMEDIATE").await,
        Dialect::Postgres => pool.begin().await,
    }
}

/// What a `SELECT` ends with to lock the rows it reads until the transaction ends: `FOR UPDATE`
/// on PostgreSQL; nothing on SQLite, whose write transaction ([`begin_write`]) already holds
/// the whole database.
pub fn row_lock(dialect: Dialect) -> &'static str {
    match dialect {
        Dialect::Postgres => " FOR UPDATE",
        Dialect::Sqlite => "",
    }
}

/// The placeholder `param` (such as `$3`) as a JSON value for a `JSONB` column: PostgreSQL
/// does not turn text into `JSONB` by itself; SQLite keeps JSON as text.
pub fn json_param(dialect: Dialect, param: &str) -> String {
    match dialect {
        Dialect::Sqlite => param.to_string(),
        Dialect::Postgres => format!("CAST({param} AS JSONB)"),
    }
}

/// `column`, a time written by the database (`CURRENT_TIMESTAMP`), as `YYYY-MM-DD HH:MM:SS`
/// in UTC: SQLite keeps that text, PostgreSQL a `TIMESTAMPTZ`.
pub fn timestamp_text(dialect: Dialect, column: &str) -> String {
    match dialect {
        Dialect::Sqlite => column.to_string(),
        Dialect::Postgres => format!("to_char({column} AT TIME ZONE 'UTC', 'YYYY-MM-DD HH24:MI:SS')"),
    }
}

/// Whether the database answers a query now.
pub async fn is_ready(pool: &Pool) -> bool {
    sqlx::query("SELECT 1").execute(pool).await.is_ok()
}

/// The database URL of a test: a new SQLite file under the temporary directory, or a new
/// PostgreSQL database when `PORTAL_TEST_POSTGRES` names a server (`postgres://…/`), made
/// from a template that holds the migrated schema (much faster than migrating each).
#[cfg(any(test, feature = "test-support"))]
pub mod scratch {
    use super::*;
    use std::sync::atomic::{AtomicUsize, Ordering};
    use tokio::sync::OnceCell;

    /// The server the tests run against, if PostgreSQL: the `PORTAL_TEST_POSTGRES` variable.
    pub fn postgres_server() -> Option<String> {
        std::env::var("PORTAL_TEST_POSTGRES").ok().filter(|url| !url.is_empty())
    }

    /// A fresh, migrated database of its own for one test.
    pub async fn url() -> String {
        static COUNTER: AtomicUsize = AtomicUsize::new(0);
        let n = COUNTER.fetch_add(1, Ordering::Relaxed);
        let name = format!("portal_test_{}_{n}", std::process::id());
        match postgres_server() {
            None => {
                let path = std::env::temp_dir().join(format!("{name}.db"));
                for stale in ["", "-wal", "-shm"] {
                    let _ = std::fs::remove_file(format!("{}{stale}", path.display()));
                }
                format!("sqlite://{}", path.display())
            }
            Some(server) => {
                let template = template(&server).await;
                let admin = admin_pool(&server).await;
                admin
                    .execute(format!("CREATE DATABASE {name} TEMPLATE {template}").as_str())
                    .await
                    .expect("a test database is made from the template");
                admin.close().await;
                database_on(&server, &name)
            }
        }
    }

    /// A fresh database of its own for one test, connected.
    pub async fn connect() -> Pool {
        super::connect(&url().await).await.expect("a scratch database opens")
    }

    /// `server` (a URL ending in `/` or naming a database) with the database `name`.
    pub fn database_on(server: &str, name: &str) -> String {
        let (base, query) = server.split_once('?').map_or((server, None), |(base, query)| (base, Some(query)));
        let base = match base.rsplit_once('/') {
            Some((host, _)) if host.contains("//") && !host.ends_with('/') => host,
            _ => base.trim_end_matches('/'),
        };
        match query {
            Some(query) => format!("{base}/{name}?{query}"),
            None => format!("{base}/{name}"),
        }
    }

    async fn admin_pool(server: &str) -> Pool {
        sqlx::any::install_default_drivers();
        AnyPoolOptions::new()
            .max_connections(1)
            .connect(&database_on(server, "postgres"))
            .await
            .expect("the test PostgreSQL server answers")
    }

    /// The template database of this test process, migrated once.
    async fn template(server: &str) -> &'static str {
        static TEMPLATE: OnceCell<String> = OnceCell::const_new();
        TEMPLATE
            .get_or_init(|| async {
                let name = format!("portal_template_{}", std::process::id());
                let admin = admin_pool(server).await;
                admin.execute(format!("CREATE DATABASE {name}").as_str()).await.expect("the template is made");
                admin.close().await;
                let pool = super::connect(&database_on(server, &name)).await.expect("the template migrates");
                pool.close().await;
                name
            })
            .await
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_test_database_is_named_on_the_server() {
        use scratch::database_on;
        assert_eq!(database_on("postgres://u@127.0.0.1:5432/", "t1"), "postgres://u@127.0.0.1:5432/t1");
        assert_eq!(database_on("postgres://u@127.0.0.1:5432", "t1"), "postgres://u@127.0.0.1:5432/t1");
        assert_eq!(database_on("postgres://u@127.0.0.1:5432/postgres", "t1"), "postgres://u@127.0.0.1:5432/t1");
        assert_eq!(database_on("postgres://u@localhost/?host=/run/pg", "t1"), "postgres://u@localhost/t1?host=/run/pg");
    }

    #[test]
    fn the_dialect_comes_from_the_url() {
        assert_eq!(Dialect::of_url("sqlite://data/portal.db").unwrap(), Dialect::Sqlite);
        assert_eq!(Dialect::of_url("postgres://portal@db/portal").unwrap(), Dialect::Postgres);
        assert!(Dialect::of_url("mysql://db/portal").is_err());
    }

    /// Many transactions that read before they write, running at once, all commit: the way a
    /// code check or a draft save uses the database under load.
    #[tokio::test(flavor = "multi_thread", worker_threads = 4)]
    async fn concurrent_read_then_write_transactions_all_commit() {
        let pool = scratch::connect().await;
        sqlx::query("CREATE TABLE counter (n BIGINT NOT NULL)").execute(&pool).await.unwrap();
        sqlx::query("INSERT INTO counter (n) VALUES (0)").execute(&pool).await.unwrap();
        let tasks: Vec<_> = (0..32)
            .map(|_| {
                let pool = pool.clone();
                tokio::spawn(async move {
                    loop {
                        let mut tx = begin_write(&pool).await?;
                        let n: i64 = sqlx::query_scalar("SELECT n FROM counter").fetch_one(&mut *tx).await?;
                        tokio::task::yield_now().await;
                        // As the portal's updates do: only if the row is still as read.
                        let done = sqlx::query("UPDATE counter SET n = $1 WHERE n = $2")
                            .bind(n + 1)
                            .bind(n)
                            .execute(&mut *tx)
                            .await?;
                        tx.commit().await?;
                        if done.rows_affected() == 1 {
                            return Ok::<(), sqlx::Error>(());
                        }
                    }
                })
            })
            .collect();
        for task in tasks {
            task.await.unwrap().expect("the transaction commits");
        }
        let n: i64 = sqlx::query_scalar("SELECT n FROM counter").fetch_one(&pool).await.unwrap();
        assert_eq!(n, 32, "no update was lost");
    }
}
