//! The `attachment_files` table: which files an application has for which attachment.

use crate::domain::application_state::ApplicationState as State;
use crate::server::clock::Clock;
use crate::server::db::{self, Dialect, Pool};
use sha2::{Digest, Sha256};

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
    pub application_id: i64,
    pub requirement: &'a str,
    pub display_name: &'a str,
    pub content_type: &'a str,
    pub bytes: &'a [u8],
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
    /// The application is no longer a draft.
    Locked,
}

/// Adds the row of a stored file, in place of `replacing` when given (one step: the old row
/// goes in the same transaction), while the application is still a draft and the files stay
/// within `quota`. The owner's row is locked first on PostgreSQL (SQLite's write transaction
/// holds the whole database), so that uploads at the same time count each other's files.
pub async fn add(
    pool: &Pool,
    clock: &Clock,
    file: NewFile<'_>,
    quota: Quota,
    replacing: Option<&StoredFile>,
) -> anyhow::Result<Added> {
    let lock = db::row_lock(Dialect::of(pool));
    let mut tx = db::begin_write(pool).await?;
    let owner: Option<(String, i64)> = sqlx::query_as(&format!(
        "SELECT a.state, u.id FROM applications a JOIN users u ON u.id = a.user_id WHERE a.id = $1{lock}"
    ))
    .bind(file.application_id)
    .fetch_optional(&mut *tx)
    .await?;
    let Some((_, user_id)) = owner.filter(|(state, _)| state == State::Draft.code()) else {
        return Ok(Added::Locked);
    };
    let (of_application, of_account): (i64, i64) = sqlx::query_as(
        "SELECT CAST(COALESCE(SUM(CASE WHEN f.application_id = $1 THEN f.size_bytes ELSE 0 END), 0) AS BIGINT),
                CAST(COALESCE(SUM(f.size_bytes), 0) AS BIGINT)
         FROM attachment_files f JOIN applications a ON a.id = f.application_id
         WHERE a.user_id = $2 AND f.id <> $3",
    )
    .bind(file.application_id)
    .bind(user_id)
    .bind(replacing.map_or(0, |old| old.id))
    .fetch_one(&mut *tx)
    .await?;
    let size = i64::try_from(file.bytes.len())?;
    if of_application + size > quota.application_bytes {
        return Ok(Added::OverApplicationQuota);
    }
    if of_account + size > quota.account_bytes {
        return Ok(Added::OverAccountQuota);
    }
    if let Some(old) = replacing {
        sqlx::query("DELETE FROM attachment_files WHERE id = $1 AND application_id = $2")
            .bind(old.id)
            .bind(file.application_id)
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
    .bind(file.application_id)
    .bind(file.requirement)
    .bind(file.display_name)
    .bind(file.content_type)
    .bind(size)
    .bind(hex::encode(Sha256::digest(file.bytes)))
    .bind(file.storage_key)
    .bind(clock.now())
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

/// The file `file` of the application `application` (public ids) if `user_id` owns it; nobody
/// else's.
pub async fn find_owned(
    pool: &Pool,
    user_id: i64,
    application: &str,
    file: &str,
) -> anyhow::Result<Option<StoredFile>> {
    Ok(sqlx::query_as(&format!(
        "SELECT {COLUMNS} FROM attachment_files f JOIN applications a ON a.id = f.application_id
         WHERE f.public_id = $1 AND a.public_id = $2 AND a.user_id = $3"
    ))
    .bind(file)
    .bind(application)
    .bind(user_id)
    .fetch_optional(pool)
    .await?)
}

/// Deletes the row of `file` while its application is a draft; true when it went.
pub async fn delete(pool: &Pool, file: &StoredFile) -> anyhow::Result<bool> {
    let deleted = sqlx::query(
        "DELETE FROM attachment_files WHERE id = $1
           AND application_id IN (SELECT id FROM applications WHERE id = $2 AND state = $3)",
    )
    .bind(file.id)
    .bind(file.application_id)
    .bind(State::Draft.code())
    .execute(pool)
    .await?;
    Ok(deleted.rows_affected() == 1)
}

/// Whether a row names `storage_key`.
pub async fn key_in_use(pool: &Pool, storage_key: &str) -> anyhow::Result<bool> {
    let n: i64 = sqlx::query_scalar("SELECT COUNT(*) FROM attachment_files WHERE storage_key = $1")
        .bind(storage_key)
        .fetch_one(pool)
        .await?;
    Ok(n > 0)
}
