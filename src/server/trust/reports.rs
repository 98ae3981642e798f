//! Reports of suspicious messages and calls: taken from anyone through a public form, kept
//! sealed (they can hold the reporter's contact), listed for staff newest first with counts
//! per week, and marked handled (audited). A handled report goes a year later.
//!
//! The form is open to everyone, so it resists spam without a third party's CAPTCHA: limits
//! per client and for everyone (server::accounts::limits), a signed token from the form page
//! that expires and files one report ([`Token`]), a field hidden from people that only robots
//! fill in, and a length limit on every field (`page_data::ScamReport::problems`).

use crate::domain::date::Date;
use crate::page_data::{ScamReport, ScamReportEntry, ScamReports};
use crate::server::clock::Clock;
use crate::server::db::Pool;
use crate::server::secrets::SecretBox;

/// What the form's token is signed for, and what the hash of a used token is kept for.
const TOKEN_PURPOSE: &str = "scam-report-form";
const USED_PURPOSE: &str = "scam-report-token";
/// What a report is sealed for.
const SEAL_PURPOSE: &str = "scam-report";

/// How long a form's token is good for: time to write a long report, not to be harvested.
pub const TOKEN_SECONDS: i64 = 2 * 3600;

/// A week of seconds, and how far the Unix epoch (a Thursday) is from the Monday before it.
const WEEK: i64 = 7 * 86_400;
const MONDAY_BEFORE_EPOCH: i64 = 3 * 86_400;

/// How many reports the staff's page lists.
const SHOWN: i64 = 100;

/// The form's token: when it was made and a random nonce, signed with the service's key
/// (`{made}.{nonce}.{signature}`).
pub struct Token;

/// Why a token was not taken.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum TokenRefused {
    /// None, or not one the service made.
    Invalid,
    /// Older than [`TOKEN_SECONDS`].
    Expired,
}

impl Token {
    /// A new token, made now.
    pub fn issue(secrets: &SecretBox, clock: &Clock) -> String {
        let signed = format!("{}.{}", clock.now(), hex::encode(rand::random::<[u8; 16]>()));
        let signature = secrets.keyed_hash(TOKEN_PURPOSE, &signed);
        format!("{signed}.{signature}")
    }

    /// Checks `token`'s signature (in constant time) and age.
    pub fn verify(secrets: &SecretBox, clock: &Clock, token: &str) -> Result<(), TokenRefused> {
        let Some((signed, signature)) = token.rsplit_once('.') else { return Err(TokenRefused::Invalid) };
        if !secrets.verify_keyed_hash(TOKEN_PURPOSE, signed, signature) {
            return Err(TokenRefused::Invalid);
        }
        let made: i64 = signed.split('.').next().and_then(|made| made.parse().ok()).ok_or(TokenRefused::Invalid)?;
        let age = clock.now() - made;
        if !(0..=TOKEN_SECONDS).contains(&age) {
            return Err(TokenRefused::Expired);
        }
        Ok(())
    }
}

/// What filing a report came to.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Filed {
    Kept,
    /// Its token had filed a report already.
    TokenUsed,
}

/// Keeps `report`, which came with the verified `token`: once per token.
pub async fn file(
    db: &Pool,
    secrets: &SecretBox,
    clock: &Clock,
    token: &str,
    report: &ScamReport,
) -> anyhow::Result<Filed> {
    let sealed = secrets.seal(&serde_json::to_string(report)?, SEAL_PURPOSE);
    let kept = sqlx::query(
        "INSERT INTO suspicious_reports (received_at, token, content) VALUES ($1, $2, $3)
         ON CONFLICT (token) DO NOTHING",
    )
    .bind(clock.now())
    .bind(secrets.keyed_hash(USED_PURPOSE, token))
    .bind(sealed)
    .execute(db)
    .await?;
    Ok(if kept.rows_affected() == 1 { Filed::Kept } else { Filed::TokenUsed })
}

/// The staff's page: the counts of the last twelve weeks, the newest reports, and how many are
/// still to handle.
pub async fn overview(db: &Pool, secrets: &SecretBox, clock: &Clock) -> anyhow::Result<ScamReports> {
    let this_week = (clock.now() + MONDAY_BEFORE_EPOCH).div_euclid(WEEK);
    let since = (this_week - 11) * WEEK - MONDAY_BEFORE_EPOCH;
    let counted: Vec<(i64, i64)> = sqlx::query_as(
        "SELECT (received_at + $1) / $2 AS week, COUNT(*) FROM suspicious_reports
         WHERE received_at >= $3 GROUP BY week",
    )
    .bind(MONDAY_BEFORE_EPOCH)
    .bind(WEEK)
    .bind(since)
    .fetch_all(db)
    .await?;
    let weeks = (0..12)
        .map(|back| {
            let week = this_week - back;
            let monday = Date::from_unix_seconds(week * WEEK - MONDAY_BEFORE_EPOCH).display();
            (monday, counted.iter().find(|(w, _)| *w == week).map_or(0, |(_, count)| *count))
        })
        .collect();
    let rows: Vec<(i64, i64, String, Option<i64>)> = sqlx::query_as(
        "SELECT id, received_at, content, handled_at FROM suspicious_reports ORDER BY received_at DESC, id DESC LIMIT $1",
    )
    .bind(SHOWN)
    .fetch_all(db)
    .await?;
    let mut reports = Vec::with_capacity(rows.len());
    for (id, received_at, content, handled_at) in rows {
        let report = serde_json::from_str(&secrets.open(&content, SEAL_PURPOSE)?)?;
        reports.push(ScamReportEntry {
            id,
            received: date_time(received_at),
            report,
            handled: handled_at.map(date_time),
        });
    }
    let open =
        sqlx::query_scalar("SELECT COUNT(*) FROM suspicious_reports WHERE handled_at IS NULL").fetch_one(db).await?;
    Ok(ScamReports { weeks, reports, open })
}

/// Marks the report `id` handled by the member of staff `user_id`: whether it was open.
pub async fn mark_handled(db: &Pool, clock: &Clock, id: i64, user_id: i64) -> anyhow::Result<bool> {
    let done = sqlx::query(
        "UPDATE suspicious_reports SET handled_at = $1, handled_by = $2 WHERE id = $3 AND handled_at IS NULL",
    )
    .bind(clock.now())
    .bind(user_id)
    .bind(id)
    .execute(db)
    .await?;
    Ok(done.rows_affected() == 1)
}

/// Drops the reports handled more than a year ago (a scheduled job). How many.
pub async fn forget_handled(db: &Pool, clock: &Clock) -> anyhow::Result<u64> {
    let done = sqlx::query("DELETE FROM suspicious_reports WHERE handled_at < $1")
        .bind(clock.now() - 365 * 86_400)
        .execute(db)
        .await?;
    Ok(done.rows_affected())
}

/// `7.12.2026 14.03` (UTC), as the staff's pages write times.
fn date_time(unix_seconds: i64) -> String {
    let minutes = unix_seconds.rem_euclid(86_400) / 60;
    format!("{} {}.{:02}", Date::from_unix_seconds(unix_seconds).display(), minutes / 60, minutes % 60)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn secrets() -> SecretBox {
        SecretBox::new(&SecretBox::new_key(), &[]).unwrap()
    }

    #[test]
    fn a_token_is_good_for_two_hours_and_only_as_signed() {
        let (secrets, clock) = (secrets(), Clock::system());
        let token = Token::issue(&secrets, &clock);
        assert_eq!(Token::verify(&secrets, &clock, &token), Ok(()));
        let mut forged = token.clone();
        forged.replace_range(..1, if token.starts_with('9') { "8" } else { "9" });
        assert_eq!(Token::verify(&secrets, &clock, &forged), Err(TokenRefused::Invalid), "its time changed");
        assert_eq!(Token::verify(&self::secrets(), &clock, &token), Err(TokenRefused::Invalid), "another key");
        for bad in ["", "1.2", "x.y.z", "..."] {
            assert_eq!(Token::verify(&secrets, &clock, bad), Err(TokenRefused::Invalid), "{bad:?}");
        }
        clock.advance(TOKEN_SECONDS + 1);
        assert_eq!(Token::verify(&secrets, &clock, &token), Err(TokenRefused::Expired));
    }

    #[test]
    fn times_read_as_staff_write_them() {
        assert_eq!(date_time(1_796_653_380), "7.12.2026 14.23");
    }
}
