//! The connections of the reads every signed-in page makes: its session (with the account) and
//! its application.
//!
//! sqlx's pool tests each connection as it comes back (`ping`): a round trip to PostgreSQL, a
//! hand-off to the connection's thread on SQLite, as dear as the read itself, and paid on every
//! query. These reads are single statements outside any transaction, so a connection that has
//! answered one is ready for the next; one whose read failed or was abandoned half-way (the
//! request was cancelled) is closed instead of being kept, which is what the ping guards
//! against. Everything else, writes and transactions first, goes through the [`Pool`].

use super::{prepare, Dialect, Pool};
use deadpool::managed::{self, Metrics, Object, PoolError, RecycleResult, TimeoutType};
use deadpool::Runtime;
use sqlx::any::AnyConnectOptions;
use sqlx::{AnyConnection, ConnectOptions};
use std::sync::Arc;
use std::time::Duration;

/// How long a read waits for a connection, or for a new one to open: sqlx's pool's default.
const WAIT: Duration = Duration::from_secs(30);

/// A small pool of connections to the [`Pool`]'s database for the pages' reads. Cheap to clone.
#[derive(Clone, Debug)]
pub struct Readers(managed::Pool<Opener>);

impl Readers {
    /// Readers of the database `pool` talks to, opened as they are first needed: a few on
    /// SQLite, whose every connection is a thread of this process, more on PostgreSQL, whose
    /// reads wait on the network.
    pub fn of(pool: &Pool) -> Readers {
        let dialect = Dialect::of(pool);
        let opener = Opener { options: pool.connect_options(), dialect };
        let size = match dialect {
            Dialect::Sqlite => 4,
            Dialect::Postgres => 8,
        };
        let readers = managed::Pool::builder(opener)
            .max_size(size)
            .wait_timeout(Some(WAIT))
            .create_timeout(Some(WAIT))
            .runtime(Runtime::Tokio1)
            .build()
            .expect("a runtime and a size are given");
        Readers(readers)
    }

    /// Runs `read` (one statement, no transaction) on a connection of its own, which is kept
    /// for the next read only when this one answered.
    pub async fn read<T>(&self, read: impl AsyncFnOnce(&mut AnyConnection) -> sqlx::Result<T>) -> sqlx::Result<T> {
        let connection = self.0.get().await.map_err(|error| match error {
            PoolError::Backend(error) => error,
            PoolError::Timeout(TimeoutType::Wait) => sqlx::Error::PoolTimedOut,
            other => sqlx::Error::Io(std::io::Error::other(other.to_string())),
        })?;
        let mut lent = Lent(Some(connection));
        let result = read(lent.connection()).await;
        if result.is_ok() {
            lent.give_back();
        }
        result
    }

    /// How many connections are open.
    #[cfg(test)]
    fn open(&self) -> usize {
        self.0.status().size
    }
}

/// A connection being read on. Dropped without [`Lent::give_back`] (its read failed, or the
/// future reading was dropped mid-read), it is closed rather than returned to the pool.
struct Lent(Option<Object<Opener>>);

impl Lent {
    fn connection(&mut self) -> &mut AnyConnection {
        self.0.as_mut().expect("lent until given back")
    }

    fn give_back(mut self) {
        // Dropping the pool's object returns it to the pool.
        drop(self.0.take());
    }
}

impl Drop for Lent {
    fn drop(&mut self) {
        if let Some(connection) = self.0.take() {
            drop(Object::take(connection));
        }
    }
}

/// Opens reader connections as the pool's own are opened; takes them back untested.
#[derive(Debug)]
struct Opener {
    options: Arc<AnyConnectOptions>,
    dialect: Dialect,
}

impl managed::Manager for Opener {
    type Type = AnyConnection;
    type Error = sqlx::Error;

    async fn create(&self) -> sqlx::Result<AnyConnection> {
        let mut connection = self.options.connect().await?;
        prepare(&mut connection, self.dialect).await?;
        Ok(connection)
    }

    async fn recycle(&self, _: &mut AnyConnection, _: &Metrics) -> RecycleResult<sqlx::Error> {
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    async fn readers() -> Readers {
        Readers::of(&super::super::scratch::connect().await)
    }

    async fn one(readers: &Readers, sql: &'static str) -> sqlx::Result<i64> {
        readers.read(async |c| sqlx::query_scalar(sql).fetch_one(c).await).await
    }

    #[tokio::test]
    async fn a_connection_that_answered_is_read_on_again() {
        let readers = readers().await;
        for _ in 0..3 {
            assert_eq!(one(&readers, "SELECT 1").await.unwrap(), 1);
        }
        assert_eq!(readers.open(), 1);
    }

    #[tokio::test]
    async fn a_connection_whose_read_failed_is_closed() {
        let readers = readers().await;
        one(&readers, "SELECT 1").await.unwrap();
        assert!(one(&readers, "SELECT no_such_column").await.is_err());
        assert_eq!(readers.open(), 0, "the failed read's connection is not kept");
        assert_eq!(one(&readers, "SELECT 2").await.unwrap(), 2, "a new one is opened");
    }

    #[tokio::test]
    async fn a_connection_left_mid_read_is_closed() {
        let readers = readers().await;
        one(&readers, "SELECT 1").await.unwrap();
        let (started, wait) = tokio::sync::oneshot::channel();
        let abandoned = readers.read(async |_| {
            started.send(()).unwrap();
            std::future::pending::<sqlx::Result<()>>().await
        });
        tokio::select! {
            _ = abandoned => unreachable!("the read never ends"),
            _ = wait => {}
        }
        assert_eq!(readers.open(), 0, "the abandoned read's connection is not kept");
    }
}
