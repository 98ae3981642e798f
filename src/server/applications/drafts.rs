//! The applications table: a draft's answers, its state, and its expiry.

use crate::domain::reference;
use crate::forms::answers::Answers;
use crate::forms::definition::FormDef;
use rand::Rng;
use sqlx::SqlitePool;
use std::time::{SystemTime, UNIX_EPOCH};

/// How long a draft is kept after its last save.
pub const KEEP_DAYS: i64 = 90;

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum State {
    Draft,
    ReadyToPay,
    Sent,
}

impl State {
    pub fn as_str(self) -> &'static str {
        match self {
            State::Draft => "draft",
            State::ReadyToPay => "ready-to-pay",
            State::Sent => "sent",
        }
    }

    fn parse(text: &str) -> Option<State> {
        [State::Draft, State::ReadyToPay, State::Sent].into_iter().find(|s| s.as_str() == text)
    }
}

#[derive(Clone, Debug)]
pub struct Draft {
    pub id: i64,
    pub public_id: String,
    pub kind: String,
    pub version: i64,
    pub state: State,
    pub answers: Answers,
    pub reference: Option<String>,
    pub updated_at: i64,
    pub expires_at: i64,
    /// How many times it has been saved: a save names the revision it read.
    pub revision: i64,
}

/// Another request saved the draft between this one reading it and writing it back (the
/// applicant has it open in two tabs). Nothing was written; the caller reads the draft again
/// and applies its change to the newer answers, so neither save is lost.
#[derive(Debug)]
pub struct Changed;

impl std::fmt::Display for Changed {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("the draft was saved by another request in the meantime")
    }
}

impl std::error::Error for Changed {}

pub fn now() -> i64 {
    SystemTime::now().duration_since(UNIX_EPOCH).map_or(0, |d| d.as_secs() as i64)
}

fn expiry(from: i64) -> i64 {
    from + KEEP_DAYS * 86_400
}

/// A new random public id: 20 characters of the reference alphabet (about 85 bits).
fn new_public_id() -> String {
    let mut rng = rand::rng();
    (0..20)
        .map(|_| reference::ALPHABET[rng.random_range(0..reference::ALPHABET.len())] as char)
        .collect::<String>()
        .to_lowercase()
}

/// Starts an application of `def` for `user_id`; returns its public id.
pub async fn create(pool: &SqlitePool, user_id: i64, def: &FormDef) -> anyhow::Result<String> {
    let public_id = new_public_id();
    let now = now();
    sqlx::query(
        "INSERT INTO applications (public_id, user_id, kind, version, answers, created_at, updated_at, expires_at)
         VALUES ($1, $2, $3, $4, $5, $6, $6, $7)",
    )
    .bind(&public_id)
    .bind(user_id)
    .bind(def.kind)
    .bind(i64::from(def.version))
    .bind(serde_json::to_string(&Answers::default())?)
    .bind(now)
    .bind(expiry(now))
    .execute(pool)
    .await?;
    Ok(public_id)
}

type Row = (i64, String, String, i64, String, String, Option<String>, i64, i64, i64);

fn from_row(
    (id, public_id, kind, version, state, answers, reference, updated_at, expires_at, revision): Row,
) -> anyhow::Result<Draft> {
    Ok(Draft {
        id,
        public_id,
        kind,
        version,
        state: State::parse(&state).ok_or_else(|| anyhow::anyhow!("unknown application state {state:?}"))?,
        answers: serde_json::from_str(&answers)?,
        reference,
        updated_at,
        expires_at,
        revision,
    })
}

const COLUMNS: &str = "id, public_id, kind, version, state, answers, reference, updated_at, expires_at, revision";

/// The user's application with this public id; nobody else's.
pub async fn find(pool: &SqlitePool, user_id: i64, public_id: &str) -> anyhow::Result<Option<Draft>> {
    let row: Option<Row> =
        sqlx::query_as(&format!("SELECT {COLUMNS} FROM applications WHERE public_id = $1 AND user_id = $2"))
            .bind(public_id)
            .bind(user_id)
            .fetch_optional(pool)
            .await?;
    row.map(from_row).transpose()
}

/// The user's applications, the latest saved first.
pub async fn list(pool: &SqlitePool, user_id: i64) -> anyhow::Result<Vec<Draft>> {
    let rows: Vec<Row> = sqlx::query_as(&format!(
        "SELECT {COLUMNS} FROM applications WHERE user_id = $1 ORDER BY updated_at DESC, id DESC"
    ))
    .bind(user_id)
    .fetch_all(pool)
    .await?;
    rows.into_iter().map(from_row).collect()
}

/// Saves the answers of a draft as read (`draft`), and moves its expiry on. `false` when it is
/// no longer a draft; the error [`Changed`] when it was saved since it was read.
pub async fn save(pool: &SqlitePool, draft: &Draft, answers: &Answers) -> anyhow::Result<bool> {
    let now = now();
    let result = sqlx::query(
        "UPDATE applications SET answers = $1, updated_at = $2, expires_at = $3, revision = revision + 1
         WHERE id = $4 AND state = 'draft' AND revision = $5",
    )
    .bind(serde_json::to_string(answers)?)
    .bind(now)
    .bind(expiry(now))
    .bind(draft.id)
    .bind(draft.revision)
    .execute(pool)
    .await?;
    written_or_why_not(pool, draft, result.rows_affected()).await
}

/// After an update of `draft` that changed `rows`: whether it was written, or else whether the
/// draft is gone on (`false`) or was changed in between (the error [`Changed`]).
async fn written_or_why_not(pool: &SqlitePool, draft: &Draft, rows: u64) -> anyhow::Result<bool> {
    if rows == 1 {
        return Ok(true);
    }
    let state: Option<String> =
        sqlx::query_scalar("SELECT state FROM applications WHERE id = $1").bind(draft.id).fetch_optional(pool).await?;
    match state.as_deref() {
        Some(state) if state == State::Draft.as_str() => Err(Changed.into()),
        _ => Ok(false),
    }
}

/// Moves a draft, as read and found complete (`draft`), on to "ready to pay" with a new
/// reference. `None` when it is no longer a draft; the error [`Changed`] when it was saved since
/// it was read, so its completeness must be checked again.
pub async fn declare(pool: &SqlitePool, draft: &Draft) -> anyhow::Result<Option<String>> {
    // A clash of references is unlikely; the unique index catches it, and a new one is drawn.
    for _ in 0..5 {
        let numbers: [u32; 10] = rand::rng().random();
        let reference = reference::from_numbers(numbers);
        let result = sqlx::query(
            "UPDATE applications SET state = 'ready-to-pay', reference = $1, updated_at = $2, revision = revision + 1
             WHERE id = $3 AND state = 'draft' AND revision = $4",
        )
        .bind(&reference)
        .bind(now())
        .bind(draft.id)
        .bind(draft.revision)
        .execute(pool)
        .await;
        match result {
            Ok(done) => {
                let written = written_or_why_not(pool, draft, done.rows_affected()).await?;
                return Ok(written.then_some(reference));
            }
            Err(sqlx::Error::Database(e)) if e.is_unique_violation() => continue,
            Err(e) => return Err(e.into()),
        }
    }
    anyhow::bail!("could not draw a free application reference")
}

/// Deletes drafts whose time is up; returns how many.
pub async fn delete_expired(pool: &SqlitePool) -> anyhow::Result<u64> {
    let result = sqlx::query("DELETE FROM applications WHERE state = 'draft' AND expires_at < $1")
        .bind(now())
        .execute(pool)
        .await?;
    Ok(result.rows_affected())
}

/// Deletes the user's applications that were not sent (when the account is deleted).
pub async fn delete_unsent(pool: &SqlitePool, user_id: i64) -> anyhow::Result<()> {
    sqlx::query("DELETE FROM applications WHERE user_id = $1 AND state <> 'sent'").bind(user_id).execute(pool).await?;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::forms::catalogue::FIRST_WORK;
    use crate::server::accounts::users;
    use crate::server::db;

    #[tokio::test]
    async fn a_draft_is_its_owners_only_and_frozen_once_declared() {
        let pool = db::connect_scratch().await;
        let maria = users::create_for_test(&pool, "maria@example.fi", true).await;
        let other = users::create_for_test(&pool, "other@example.fi", true).await;
        let public_id = create(&pool, maria, &FIRST_WORK).await.unwrap();
        assert_eq!(public_id.len(), 20);
        assert!(find(&pool, other, &public_id).await.unwrap().is_none(), "not another user's");
        let draft = find(&pool, maria, &public_id).await.unwrap().unwrap();
        assert_eq!((draft.state, draft.kind.as_str()), (State::Draft, "first-work"));
        assert!(draft.expires_at - draft.updated_at == KEEP_DAYS * 86_400);

        let mut answers = Answers::default();
        answers.values.insert("surname".into(), "VIRTANEN".into());
        assert!(save(&pool, &draft, &answers).await.unwrap());
        let saved = find(&pool, maria, &public_id).await.unwrap().unwrap();
        let reference = declare(&pool, &saved).await.unwrap().expect("a reference");
        assert!(reference::parse(&reference).is_some());
        assert!(!save(&pool, &saved, &Answers::default()).await.unwrap(), "no change after the declaration");
        assert_eq!(declare(&pool, &saved).await.unwrap(), None);
        assert_eq!(find(&pool, maria, &public_id).await.unwrap().unwrap().answers, answers);
    }

    #[tokio::test]
    async fn a_save_from_a_stale_read_is_refused_not_written() {
        let pool = db::connect_scratch().await;
        let maria = users::create_for_test(&pool, "maria@example.fi", true).await;
        let public_id = create(&pool, maria, &FIRST_WORK).await.unwrap();
        let first_tab = find(&pool, maria, &public_id).await.unwrap().unwrap();
        let second_tab = first_tab.clone();

        let mut answers = Answers::default();
        answers.values.insert("surname".into(), "VIRTANEN".into());
        assert!(save(&pool, &first_tab, &answers).await.unwrap());
        let stale = save(&pool, &second_tab, &Answers::default()).await.unwrap_err();
        assert!(stale.is::<Changed>(), "{stale}");
        assert!(declare(&pool, &second_tab).await.unwrap_err().is::<Changed>(), "declared only as last read");
        let now = find(&pool, maria, &public_id).await.unwrap().unwrap();
        assert_eq!((now.answers, now.state), (answers, State::Draft), "the stale saves wrote nothing");
    }

    #[tokio::test]
    async fn expired_drafts_are_deleted_and_sent_applications_kept() {
        let pool = db::connect_scratch().await;
        let maria = users::create_for_test(&pool, "maria@example.fi", true).await;
        let old = create(&pool, maria, &FIRST_WORK).await.unwrap();
        let sent = create(&pool, maria, &FIRST_WORK).await.unwrap();
        sqlx::query("UPDATE applications SET expires_at = 0").execute(&pool).await.unwrap();
        sqlx::query("UPDATE applications SET state = 'sent' WHERE public_id = $1")
            .bind(&sent)
            .execute(&pool)
            .await
            .unwrap();
        assert_eq!(delete_expired(&pool).await.unwrap(), 1);
        assert!(find(&pool, maria, &old).await.unwrap().is_none());
        assert!(find(&pool, maria, &sent).await.unwrap().is_some());
    }
}
