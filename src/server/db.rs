//! The database: SQLite in a file under the data directory by default. Queries are written at
//! run time with `$1` placeholders, which SQLite and PostgreSQL both read, so the PostgreSQL
//! store can follow behind the same functions.

use anyhow::Context;
use sqlx::migrate::Migrator;
use sqlx::sqlite::{SqliteConnectOptions, SqliteJournalMode, SqlitePoolOptions, SqliteSynchronous};
use sqlx::SqlitePool;
use std::str::FromStr;
use std::time::Duration;

/// The schema, compiled into the binary so a deployment cannot run against the wrong one.
pub static MIGRATOR: Migrator = sqlx::migrate!("./migrations/sqlite");

/// Opens (creating if needed) the database and brings its schema up to date.
pub async fn connect(database_url: &str) -> anyhow::Result<SqlitePool> {
    let options = SqliteConnectOptions::from_str(database_url)
        .with_context(|| format!("PORTAL_DATABASE_URL is not a SQLite URL: {database_url}"))?
        .create_if_missing(true)
        // Write-ahead logging lets pages read while a save is being written.
        .journal_mode(SqliteJournalMode::Wal)
        .synchronous(SqliteSynchronous::Normal)
        .foreign_keys(true)
        .busy_timeout(Duration::from_secs(5));
    let pool = SqlitePoolOptions::new()
        .max_connections(8)
        // A connection to a file in this process does not go stale; pinging it before every
        // query doubled each query's round trips to its worker thread.
        .test_before_acquire(false)
        .connect_with(options)
        .await
        .context("could not open the database")?;
    MIGRATOR.run(&pool).await.context("could not apply the database migrations")?;
    // The session store keeps its own table, created here with the rest of the schema.
    tower_sessions_sqlx_store::SqliteStore::new(pool.clone())
        .migrate()
        .await
        .context("could not create the session table")?;
    Ok(pool)
}

/// Starts a transaction that will write. SQLite's default (deferred) transaction takes the
/// write lock only at its first write; if it read first and another connection wrote in
/// between, SQLite fails it at once with "database is locked" (SQLITE_BUSY_SNAPSHOT) instead of
/// waiting. `BEGIN IMMEDIATE` takes the write lock up front, so the busy timeout applies and
/// concurrent saves queue instead of failing.
pub async fn begin_write(pool: &SqlitePool) -> sqlx::Result<sqlx::Transaction<'static, sqlx::Sqlite>> {
    pool.begin_with("BEGIN IMMEDIATE").await
}

/// Whether the database answers a query now.
pub async fn is_ready(pool: &SqlitePool) -> bool {
    sqlx::query("SELECT 1").execute(pool).await.is_ok()
}

/// A database of its own in a fresh file, for one test.
#[cfg(test)]
pub async fn connect_scratch() -> SqlitePool {
    use std::sync::atomic::{AtomicUsize, Ordering};
    static COUNTER: AtomicUsize = AtomicUsize::new(0);
    let n = COUNTER.fetch_add(1, Ordering::Relaxed);
    let path = std::env::temp_dir().join(format!("portal-unit-{}-{n}.db", std::process::id()));
    for stale in ["", "-wal", "-shm"] {
        let _ = std::fs::remove_file(format!("{}{stale}", path.display()));
    }
    connect(&format!("sqlite://{}", path.display())).await.expect("a scratch database opens")
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The PostgreSQL schema follows the SQLite one version for version.
    #[test]
    fn both_databases_have_the_same_migration_versions() {
        let versions = |dir: &str| {
            let mut names: Vec<String> = std::fs::read_dir(dir)
                .unwrap()
                .filter_map(|entry| entry.ok()?.file_name().into_string().ok())
                .filter(|name| name.ends_with(".sql"))
                .collect();
            names.sort();
            names
        };
        assert_eq!(versions("migrations/sqlite"), versions("migrations/postgres"));
    }

    /// Many transactions that read before they write, running at once, all commit: the way a
    /// code check or a draft save uses the database under load.
    #[tokio::test(flavor = "multi_thread", worker_threads = 4)]
    async fn concurrent_read_then_write_transactions_all_commit() {
        let pool = connect_scratch().await;
        sqlx::query("CREATE TABLE counter (n INTEGER NOT NULL)").execute(&pool).await.unwrap();
        sqlx::query("INSERT INTO counter (n) VALUES (0)").execute(&pool).await.unwrap();
        let tasks: Vec<_> = (0..32)
            .map(|_| {
                let pool = pool.clone();
                tokio::spawn(async move {
                    let mut tx = begin_write(&pool).await?;
                    let n: i64 = sqlx::query_scalar("SELECT n FROM counter").fetch_one(&mut *tx).await?;
                    tokio::task::yield_now().await;
                    sqlx::query("UPDATE counter SET n = $1").bind(n + 1).execute(&mut *tx).await?;
                    tx.commit().await
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
