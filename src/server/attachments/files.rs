//! The `attachment_files` table: which files an application has for which attachment.

use crate::domain::application_state::ApplicationState as State;
use crate::server::clock::Clock;
use crate::server::db::Pool;
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

/// What adding a file's row came to.
#[derive(Debug, PartialEq, Eq)]
pub enum Added {
    Added(String),
    /// The application's files would be over `quota_bytes` with this one.
    OverQuota,
    /// The application is no longer a draft.
    Locked,
}

/// Adds the row of a stored file, in one statement that also checks that the application is
/// still a draft and that its files stay within `quota_bytes`.
pub async fn add(pool: &Pool, clock: &Clock, file: NewFile<'_>, quota_bytes: i64) -> anyhow::Result<Added> {
    let public_id = hex::encode(rand::random::<[u8; 12]>());
    let size = i64::try_from(file.bytes.len())?;
    let inserted = sqlx::query(
        "INSERT INTO attachment_files
           (public_id, application_id, requirement, display_name, content_type, size_bytes, sha256, storage_key, created_at)
         SELECT $1, $2, $3, $4, $5, $6, $7, $8, $9
         WHERE EXISTS (SELECT 1 FROM applications WHERE id = $2 AND state = $10)
           AND (SELECT COALESCE(SUM(size_bytes), 0) FROM attachment_files WHERE application_id = $2) + $6 <= $11",
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
    .bind(State::Draft.code())
    .bind(quota_bytes)
    .execute(pool)
    .await?;
    if inserted.rows_affected() == 1 {
        return Ok(Added::Added(public_id));
    }
    let state: Option<String> = sqlx::query_scalar("SELECT state FROM applications WHERE id = $1")
        .bind(file.application_id)
        .fetch_optional(pool)
        .await?;
    Ok(if state.as_deref() == Some(State::Draft.code()) { Added::OverQuota } else { Added::Locked })
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
