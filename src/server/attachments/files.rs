//! The `attachment_files` table: which files an application has for which attachment.

use crate::domain::application_state::ApplicationState as State;
use crate::server::applications::{drafts, Owner};
use crate::server::clock::Clock;
use crate::server::db::{self, Pool, Readers};

/// A stored file, as its row has it.
#[derive(Clone, Debug, PartialEq, Eq, sqlx::FromRow)]
pub struct StoredFile {
    pub id: i64,
    pub public_id: String,
    pub application_id: i64,
    pub requirement: String,
    pub display_name: String,
    pub content_type: String,
    pub size_bytes: i64,
    pub sha256: String,
    pub storage_key: String,
}

const COLUMNS: &str = "f.id, f.public_id, f.application_id, f.requirement, f.display_name, f.content_type,
    f.size_bytes, f.sha256, f.storage_key";

/// A file checked and stored, for its row.
pub struct NewFile<'a> {
    pub slot: &'a super::slot::Slot,
    pub display_name: &'a str,
    pub content_type: &'a str,
    pub size_bytes: i64,
    /// Its SHA-256, in hex.
    pub sha256: &'a str,
    pub storage_key: &'a str,
}

/// The most the files may take together: of one application, and of all one account's.
#[derive(Clone, Copy, Debug)]
pub struct Quota {
    pub application_bytes: i64,
    pub account_bytes: i64,
}

/// What adding a file's row came to.
#[derive(Debug, PartialEq, Eq)]
pub enum Added {
    Added(String),
    /// The application's files would be over its quota with this one.
    OverApplicationQuota,
    /// All the account's files would be over its quota with this one.
    OverAccountQuota,
    /// The slot takes no more files (the application is no longer a draft).
    Locked,
}

/// Adds the row of a stored file, in place of `replacing` when given (one step: the old row
/// goes in the same transaction), while its slot takes files and the files stay within
/// `quota`. The owner's row is locked first on PostgreSQL (SQLite's write transaction
/// holds the whole database), so that uploads at the same time count each other's files.
pub async fn add(
    state: &crate::server::AppState,
    file: NewFile<'_>,
    quota: Quota,
    replacing: Option<&StoredFile>,
) -> anyhow::Result<Added> {
    let mut tx = db::begin_write(&state.db).await?;
    let application_id = file.slot.application_id();
    let Some(held) = drafts::hold(&mut tx, application_id).await? else { return Ok(Added::Locked) };
    if !file.slot.takes_files(state, &held).await? {
        return Ok(Added::Locked);
    }
    // The owner's applications, as numbers read from the database, listed in the statement.
    let owned = match held.owner {
        Some(owner) => drafts::ids_of(&mut tx, owner).await?,
        None => vec![application_id],
    };
    let owners: Vec<String> = owned.iter().map(i64::to_string).collect();
    let (of_application, of_account): (i64, i64) = sqlx::query_as(&format!(
        "SELECT CAST(COALESCE(SUM(CASE WHEN application_id = $1 THEN size_bytes ELSE 0 END), 0) AS BIGINT),
                CAST(COALESCE(SUM(size_bytes), 0) AS BIGINT)
         FROM attachment_files WHERE application_id IN ({}) AND id <> $2",
        owners.join(", ")
    ))
    .bind(application_id)
    .bind(replacing.map_or(0, |old| old.id))
    .fetch_one(&mut *tx)
    .await?;
    let size = file.size_bytes;
    if of_application + size > quota.application_bytes {
        return Ok(Added::OverApplicationQuota);
    }
    if of_account + size > quota.account_bytes {
        return Ok(Added::OverAccountQuota);
    }
    if let Some(old) = replacing {
        sqlx::query("DELETE FROM attachment_files WHERE id = $1 AND application_id = $2")
            .bind(old.id)
            .bind(application_id)
            .execute(&mut *tx)
            .await?;
    }
    let public_id = hex::encode(rand::random::<[u8; 12]>());
    sqlx::query(
        "INSERT INTO attachment_files
           (public_id, application_id, requirement, display_name, content_type, size_bytes, sha256, storage_key, created_at)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)",
    )
    .bind(&public_id)
    .bind(application_id)
    .bind(file.slot.name())
    .bind(file.display_name)
    .bind(file.content_type)
    .bind(size)
    .bind(file.sha256)
    .bind(file.storage_key)
    .bind(state.clock.now())
    .execute(&mut *tx)
    .await?;
    tx.commit().await?;
    Ok(Added::Added(public_id))
}

/// The files of an application, oldest first.
pub async fn list(pool: &Pool, application_id: i64) -> anyhow::Result<Vec<StoredFile>> {
    Ok(sqlx::query_as(&format!("SELECT {COLUMNS} FROM attachment_files f WHERE f.application_id = $1 ORDER BY f.id"))
        .bind(application_id)
        .fetch_all(pool)
        .await?)
}

/// The files of an application as `tx` reads them (the ones a sent document lists).
pub async fn list_in(tx: &mut db::Tx, application_id: i64) -> anyhow::Result<Vec<StoredFile>> {
    Ok(sqlx::query_as(&format!("SELECT {COLUMNS} FROM attachment_files f WHERE f.application_id = $1 ORDER BY f.id"))
        .bind(application_id)
        .fetch_all(&mut **tx)
        .await?)
}

/// The file `public_id` of a sent application: the case backend may fetch it.
pub async fn of_sent(pool: &Pool, public_id: &str) -> anyhow::Result<Option<StoredFile>> {
    let file: Option<StoredFile> =
        sqlx::query_as(&format!("SELECT {COLUMNS} FROM attachment_files f WHERE f.public_id = $1"))
            .bind(public_id)
            .fetch_optional(pool)
            .await?;
    let Some(file) = file else { return Ok(None) };
    let sent = drafts::state_of(pool, file.application_id).await? == Some(State::Sent);
    Ok(sent.then_some(file))
}

/// Records that the case backend fetched the file `id` (once), which starts its grace period.
pub async fn mark_fetched(pool: &Pool, clock: &Clock, id: i64) -> anyhow::Result<()> {
    sqlx::query("UPDATE attachment_files SET fetched_at = $2 WHERE id = $1 AND fetched_at IS NULL")
        .bind(id)
        .bind(clock.now_millis())
        .execute(pool)
        .await?;
    Ok(())
}

/// Retention, part one: a sent application's files go from the portal once the case backend
/// fetched them (only a sent application's are fetched) and `grace` has passed. The rows go
/// here; the scheduled cleanup then removes the stored files no row names. How many went.
pub async fn forget_fetched(pool: &Pool, clock: &Clock, grace: std::time::Duration) -> anyhow::Result<u64> {
    let cutoff = clock.now_millis() - i64::try_from(grace.as_millis()).unwrap_or(i64::MAX / 2);
    let gone = sqlx::query("DELETE FROM attachment_files WHERE fetched_at IS NOT NULL AND fetched_at <= $1")
        .bind(cutoff)
        .execute(pool)
        .await?;
    Ok(gone.rows_affected())
}

/// The file `file` of the application `application` (public ids) if `owner` owns it; nobody
/// else's.
pub async fn find_owned(
    readers: &Readers,
    owner: Owner,
    application: &str,
    file: &str,
) -> anyhow::Result<Option<StoredFile>> {
    let Some(draft) = drafts::find(readers, owner, application).await? else { return Ok(None) };
    let sql = format!("SELECT {COLUMNS} FROM attachment_files f WHERE f.public_id = $1 AND f.application_id = $2");
    let query = sqlx::query_as(&sql).bind(file).bind(draft.id);
    Ok(readers.read(async |c| query.fetch_optional(c).await).await?)
}

/// Deletes the row of `file` while its slot gives up files (`slot::gives_up_files`: any of a
/// draft, a request's until it is answered); true when it went.
pub async fn delete(state: &crate::server::AppState, file: &StoredFile) -> anyhow::Result<bool> {
    let mut tx = db::begin_write(&state.db).await?;
    let Some(held) = drafts::hold(&mut tx, file.application_id).await? else { return Ok(false) };
    if !super::slot::gives_up_files(state, &held, &file.requirement).await? {
        return Ok(false);
    }
    let deleted = sqlx::query("DELETE FROM attachment_files WHERE id = $1 AND application_id = $2")
        .bind(file.id)
        .bind(file.application_id)
        .execute(&mut *tx)
        .await?;
    tx.commit().await?;
    Ok(deleted.rows_affected() == 1)
}

/// Whether a file's row names the storage key.
pub const KEY_IN_USE: super::storage::KeyInUse = |pool, storage_key| {
    Box::pin(async move {
        let n: i64 = sqlx::query_scalar("SELECT COUNT(*) FROM attachment_files WHERE storage_key = $1")
            .bind(storage_key)
            .fetch_one(pool)
            .await?;
        Ok(n > 0)
    })
};
