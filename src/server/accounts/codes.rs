//! One-time codes sent by e-mail: six digits, valid for 15 minutes, five tries. Only a hash is
//! stored; a new code replaces the unused ones of the same purpose.

use crate::server::clock::Clock;
use crate::server::db::Pool;
use rand::Rng;
use sha2::{Digest, Sha256};

pub const VALID_MINUTES: i64 = 15;
pub const MAX_ATTEMPTS: i64 = 5;

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Purpose {
    VerifyEmail,
    ResetPassword,
    /// Sent to a new address; the address waits with the code until it is entered.
    ChangeEmail,
}

impl Purpose {
    fn as_str(self) -> &'static str {
        match self {
            Purpose::VerifyEmail => "verify-email",
            Purpose::ResetPassword => "reset-password",
            Purpose::ChangeEmail => "change-email",
        }
    }
}

#[derive(Debug, PartialEq, Eq)]
pub enum Check {
    /// The code was right; it carries the new address of a [`Purpose::ChangeEmail`] code.
    Accepted(Option<String>),
    /// Wrong, expired, used up or never sent: the user is told the same in every case.
    Refused,
}

fn hash(code: &str) -> String {
    format!("{:x}", Sha256::digest(code.as_bytes()))
}

/// Makes a new code for `user_id`, replacing any unused one of the same purpose.
pub async fn issue(pool: &Pool, clock: &Clock, user_id: i64, purpose: Purpose) -> anyhow::Result<String> {
    issue_with(pool, clock, user_id, purpose, None).await
}

/// Makes a code that confirms `new_email` as the account's address.
pub async fn issue_for_new_email(pool: &Pool, clock: &Clock, user_id: i64, new_email: &str) -> anyhow::Result<String> {
    issue_with(pool, clock, user_id, Purpose::ChangeEmail, Some(new_email)).await
}

async fn issue_with(
    pool: &Pool,
    clock: &Clock,
    user_id: i64,
    purpose: Purpose,
    new_email: Option<&str>,
) -> anyhow::Result<String> {
    let code = format!("{:06}", rand::rng().random_range(0..1_000_000));
    let mut tx = crate::server::db::begin_write(pool).await?;
    sqlx::query("DELETE FROM email_codes WHERE user_id = $1 AND purpose = $2 AND used_at IS NULL")
        .bind(user_id)
        .bind(purpose.as_str())
        .execute(&mut *tx)
        .await?;
    sqlx::query(
        "INSERT INTO email_codes (user_id, purpose, code_hash, new_email, expires_at) VALUES ($1, $2, $3, $4, $5)",
    )
    .bind(user_id)
    .bind(purpose.as_str())
    .bind(hash(&code))
    .bind(new_email)
    .bind(clock.now() + VALID_MINUTES * 60)
    .execute(&mut *tx)
    .await?;
    tx.commit().await?;
    Ok(code)
}

/// Checks a typed code. Every try counts, right or wrong; a right code is used up.
pub async fn check(pool: &Pool, clock: &Clock, user_id: i64, purpose: Purpose, typed: &str) -> anyhow::Result<Check> {
    let mut tx = crate::server::db::begin_write(pool).await?;
    let current: Option<(i64, String, Option<String>, i64, i64)> = sqlx::query_as(
        "SELECT id, code_hash, new_email, expires_at, attempts FROM email_codes
         WHERE user_id = $1 AND purpose = $2 AND used_at IS NULL ORDER BY id DESC LIMIT 1",
    )
    .bind(user_id)
    .bind(purpose.as_str())
    .fetch_optional(&mut *tx)
    .await?;
    let Some((id, code_hash, new_email, expires_at, attempts)) = current else { return Ok(Check::Refused) };
    let now = clock.now();
    let accepted = attempts < MAX_ATTEMPTS && expires_at > now && hash(typed) == code_hash;
    // Only if the code is still as read: of two checks at once, one counts and the other is
    // refused, so a code is never used twice nor tried more often than allowed.
    let counted = sqlx::query(
        "UPDATE email_codes SET attempts = attempts + 1, used_at = CASE WHEN $1 THEN $2 END
         WHERE id = $3 AND attempts = $4 AND used_at IS NULL",
    )
    .bind(accepted)
    .bind(now)
    .bind(id)
    .bind(attempts)
    .execute(&mut *tx)
    .await?;
    tx.commit().await?;
    Ok(if accepted && counted.rows_affected() == 1 { Check::Accepted(new_email) } else { Check::Refused })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::server::accounts::users;
    use crate::server::db;

    #[tokio::test]
    async fn a_code_works_once() {
        let (pool, clock) = (db::scratch::connect().await, Clock::system());
        let user = users::create_for_test(&pool, "maria@example.fi", false).await;
        let code = issue(&pool, &clock, user, Purpose::VerifyEmail).await.unwrap();
        assert!(code.len() == 6 && code.chars().all(|c| c.is_ascii_digit()), "{code}");
        assert_eq!(check(&pool, &clock, user, Purpose::VerifyEmail, &code).await.unwrap(), Check::Accepted(None));
        assert_eq!(check(&pool, &clock, user, Purpose::VerifyEmail, &code).await.unwrap(), Check::Refused);
    }

    /// The right code sent eight times at once is accepted once.
    #[tokio::test(flavor = "multi_thread", worker_threads = 4)]
    async fn a_code_sent_at_once_many_times_works_once() {
        let (pool, clock) = (db::scratch::connect().await, Clock::system());
        let user = users::create_for_test(&pool, "maria@example.fi", false).await;
        let code = issue(&pool, &clock, user, Purpose::VerifyEmail).await.unwrap();
        let checks = (0..8).map(|_| {
            let (pool, clock, code) = (pool.clone(), clock.clone(), code.clone());
            tokio::spawn(async move { check(&pool, &clock, user, Purpose::VerifyEmail, &code).await.unwrap() })
        });
        let accepted = futures::future::join_all(checks)
            .await
            .into_iter()
            .filter(|c| *c.as_ref().unwrap() != Check::Refused)
            .count();
        assert_eq!(accepted, 1);
    }

    #[tokio::test]
    async fn five_wrong_tries_use_a_code_up() {
        let (pool, clock) = (db::scratch::connect().await, Clock::system());
        let user = users::create_for_test(&pool, "maria@example.fi", false).await;
        let code = issue(&pool, &clock, user, Purpose::VerifyEmail).await.unwrap();
        let wrong = if code == "000000" { "000001" } else { "000000" };
        for _ in 0..MAX_ATTEMPTS {
            assert_eq!(check(&pool, &clock, user, Purpose::VerifyEmail, wrong).await.unwrap(), Check::Refused);
        }
        assert_eq!(check(&pool, &clock, user, Purpose::VerifyEmail, &code).await.unwrap(), Check::Refused);
    }

    #[tokio::test]
    async fn an_old_code_expires_and_a_new_one_replaces_it() {
        let (pool, clock) = (db::scratch::connect().await, Clock::system());
        let user = users::create_for_test(&pool, "maria@example.fi", false).await;
        let first = issue(&pool, &clock, user, Purpose::VerifyEmail).await.unwrap();
        let second = issue(&pool, &clock, user, Purpose::VerifyEmail).await.unwrap();
        if first != second {
            assert_eq!(check(&pool, &clock, user, Purpose::VerifyEmail, &first).await.unwrap(), Check::Refused);
        }
        let third = issue(&pool, &clock, user, Purpose::VerifyEmail).await.unwrap();
        let other_purpose = issue(&pool, &clock, user, Purpose::ResetPassword).await.unwrap();
        assert_eq!(
            check(&pool, &clock, user, Purpose::VerifyEmail, &other_purpose).await.unwrap() == Check::Refused,
            third != other_purpose,
            "a code only serves its own purpose"
        );
        clock.advance(VALID_MINUTES * 60);
        assert_eq!(check(&pool, &clock, user, Purpose::VerifyEmail, &third).await.unwrap(), Check::Refused);
    }

    #[tokio::test]
    async fn a_change_of_address_code_carries_the_new_address() {
        let (pool, clock) = (db::scratch::connect().await, Clock::system());
        let user = users::create_for_test(&pool, "maria@example.fi", false).await;
        let code = issue_for_new_email(&pool, &clock, user, "maria.uusi@example.fi").await.unwrap();
        assert_eq!(
            check(&pool, &clock, user, Purpose::ChangeEmail, &code).await.unwrap(),
            Check::Accepted(Some("maria.uusi@example.fi".into()))
        );
    }
}
