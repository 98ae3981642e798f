//! Message codes (`domain::message_code`): every message the service sends carries one, and
//! anyone can check it on the public page "Is this message from us?" (server::trust). The table
//! keeps only the code's keyed hash (server::secrets), which message it was and when it was
//! made, until it expires (`PORTAL_MESSAGE_CODE_DAYS`): a copy of the database gives nobody a
//! code, and without the key its hashes cannot be tried offline.

use super::Kind;
use crate::domain::date::Date;
use crate::domain::message_code;
use crate::server::clock::Clock;
use crate::server::db::Pool;
use crate::server::secrets::SecretBox;
use crate::server::AppState;

/// What the keyed hash of a code is for.
const PURPOSE: &str = "message-code";

/// Makes the code of a message of `kind`, kept on `conn` (the transaction that queues the
/// message). Two messages alive with one code would answer for each other, so a code already
/// taken is made again (about one in a hundred thousand with ten million codes alive).
pub async fn issue(conn: &mut sqlx::AnyConnection, state: &AppState, kind: Kind) -> anyhow::Result<String> {
    let now = state.clock.now();
    let expires_at = now + state.config.message_code_days * 86_400;
    for _ in 0..4 {
        let code = message_code::from_numbers(std::array::from_fn(|_| rand::random_range(0..message_code::RADIX)));
        let kept = sqlx::query(
            "INSERT INTO message_codes (hash, kind, sent_at, expires_at) VALUES ($1, $2, $3, $4)
             ON CONFLICT (hash) DO NOTHING",
        )
        .bind(state.secrets.keyed_hash(PURPOSE, &code))
        .bind(kind.name())
        .bind(now)
        .bind(expires_at)
        .execute(&mut *conn)
        .await?;
        if kept.rows_affected() == 1 {
            return Ok(code);
        }
    }
    anyhow::bail!("no free message code in four tries: is the random source broken?")
}

/// What a code checks as.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Checked {
    /// A message of `kind` that the service sent on `on` (UTC day).
    Sent { kind: Kind, on: Date },
    /// No message alive has this code.
    Unknown,
}

/// Checks `code` (canonical, `domain::message_code::parse`). The same work whether it is found
/// or not: a look for each key's hash (one, unless the key was rotated), none cut short.
pub async fn check(db: &Pool, secrets: &SecretBox, clock: &Clock, code: &str) -> anyhow::Result<Checked> {
    let mut found = None;
    for hash in secrets.keyed_hashes(PURPOSE, code) {
        let row: Option<(String, i64)> =
            sqlx::query_as("SELECT kind, sent_at FROM message_codes WHERE hash = $1 AND expires_at > $2")
                .bind(hash)
                .bind(clock.now())
                .fetch_optional(db)
                .await?;
        found = found.or(row);
    }
    Ok(match found.and_then(|(kind, sent_at)| Some((Kind::from_name(&kind)?, sent_at))) {
        Some((kind, sent_at)) => Checked::Sent { kind, on: Date::from_unix_seconds(sent_at) },
        None => Checked::Unknown,
    })
}

/// Drops the codes that have expired (a scheduled job). How many.
pub async fn forget_expired(db: &Pool, clock: &Clock) -> anyhow::Result<u64> {
    let done = sqlx::query("DELETE FROM message_codes WHERE expires_at <= $1").bind(clock.now()).execute(db).await?;
    Ok(done.rows_affected())
}
