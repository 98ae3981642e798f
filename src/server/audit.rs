//! The audit log: account events and refused requests, with who, what, when and from where.
//! It never holds a password, an identity code, a concrete address with an id in it, or
//! anything typed into a form.

use crate::server::db::{timestamp_text, Dialect, Pool};

/// What happened to an account.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Event {
    CreatedByAdministrator,
    LoginSucceeded,
    LoginFailed,
    LoggedOut,
    Registered,
    EmailVerified,
    PasswordResetRequested,
    PasswordReset,
    PasswordChanged,
    EmailChanged,
    TwoFactorEnabled,
    TwoFactorDisabled,
    RecoveryCodesRenewed,
    AccountDeleted,
    /// A request the route's rule did not let in; its detail names the method and the route
    /// pattern (`GET /staff/preview/{kind}`), never the concrete path.
    AccessRefused,
    /// An application's fee was paid; the detail says how the portal learnt it (`return`,
    /// `callback`, `status`).
    PaymentPaid,
    /// A second attempt of an application succeeded after one was paid: to be refunded.
    PaymentRefundDue,
    /// A redirect, callback or answer of the payment provider was not believed; the detail
    /// says why (`bad-signature`, `stale`, `malformed`, `mismatch`, `unknown`).
    PaymentRefused,
    /// A member of staff put a dead-lettered job back in the queue (detail: its id).
    JobRequeued,
    /// An event of the case backend was refused; the detail says why (`bad-signature`,
    /// `bad-key`, `not-an-event`, `unknown-case`).
    CaseEventRefused,
    /// An employer's session began to act for an organisation (detail: its Business ID).
    ActingForOrganisation,
    /// e-Authorizations did not let an employer act for an organisation (detail: why, a fixed
    /// word: `disallowed`, `refused`, `unavailable`).
    MandateRefused,
    /// A member of staff marked a report of a suspicious message or call handled (detail: its
    /// number).
    ScamReportHandled,
}

impl Event {
    pub const ALL: [Event; 23] = [
        Event::CreatedByAdministrator,
        Event::LoginSucceeded,
        Event::LoginFailed,
        Event::LoggedOut,
        Event::Registered,
        Event::EmailVerified,
        Event::PasswordResetRequested,
        Event::PasswordReset,
        Event::PasswordChanged,
        Event::EmailChanged,
        Event::TwoFactorEnabled,
        Event::TwoFactorDisabled,
        Event::RecoveryCodesRenewed,
        Event::AccountDeleted,
        Event::AccessRefused,
        Event::PaymentPaid,
        Event::PaymentRefundDue,
        Event::PaymentRefused,
        Event::JobRequeued,
        Event::CaseEventRefused,
        Event::ActingForOrganisation,
        Event::MandateRefused,
        Event::ScamReportHandled,
    ];

    fn as_str(self) -> &'static str {
        match self {
            Event::CreatedByAdministrator => "created-by-administrator",
            Event::LoginSucceeded => "login-succeeded",
            Event::LoginFailed => "login-failed",
            Event::LoggedOut => "logged-out",
            Event::Registered => "registered",
            Event::EmailVerified => "email-verified",
            Event::PasswordResetRequested => "password-reset-requested",
            Event::PasswordReset => "password-reset",
            Event::PasswordChanged => "password-changed",
            Event::EmailChanged => "email-changed",
            Event::TwoFactorEnabled => "two-factor-enabled",
            Event::TwoFactorDisabled => "two-factor-disabled",
            Event::RecoveryCodesRenewed => "recovery-codes-renewed",
            Event::AccountDeleted => "account-deleted",
            Event::AccessRefused => "access-refused",
            Event::PaymentPaid => "payment-paid",
            Event::PaymentRefundDue => "payment-refund-due",
            Event::PaymentRefused => "payment-refused",
            Event::JobRequeued => "job-requeued",
            Event::CaseEventRefused => "case-event-refused",
            Event::ActingForOrganisation => "acting-for-organisation",
            Event::MandateRefused => "mandate-refused",
            Event::ScamReportHandled => "scam-report-handled",
        }
    }
}

pub async fn record(pool: &Pool, event: Event, user_id: Option<i64>, client: Option<&str>) -> anyhow::Result<()> {
    record_with(pool, event, user_id, client, None).await
}

/// Records a payment event; its detail is a fixed word, never an amount, name or reference.
pub async fn record_payment(pool: &Pool, event: Event, detail: &str) -> anyhow::Result<()> {
    record_with(pool, event, None, None, Some(detail)).await
}

/// Rows per client written for events anyone can cause (a refused request, a refused payment
/// message): enough to see who probes what; beyond them, a request like one already written is
/// counted on that row (`repeats`), so that a flood neither fills the log nor pushes real events
/// out of the staff's view.
pub const ROWS_PER_CLIENT_A_MINUTE: u32 = 10;

/// The per-client share of rows, and the last row written for each client, event and detail.
pub struct Throttle {
    rows: governor::DefaultKeyedRateLimiter<String>,
    last_rows: std::sync::Mutex<std::collections::HashMap<(String, &'static str, String), i64>>,
}

impl Default for Throttle {
    fn default() -> Throttle {
        let quota = governor::Quota::per_minute(std::num::NonZeroU32::new(ROWS_PER_CLIENT_A_MINUTE).expect("non-zero"));
        Throttle { rows: governor::RateLimiter::keyed(quota), last_rows: Default::default() }
    }
}

/// Remembered last rows at most (a flood from many addresses forgets the oldest).
const LAST_ROWS_KEPT: usize = 100_000;

impl Throttle {
    /// Records `event` (with `detail`, a route or a fixed word) from `client`, or counts it as a
    /// repeat of the client's last such row when the client has had its share this minute.
    pub async fn record(
        &self,
        pool: &Pool,
        event: Event,
        user_id: Option<i64>,
        client: Option<&str>,
        detail: &str,
    ) -> anyhow::Result<()> {
        let key = (client.unwrap_or_default().to_string(), event.as_str(), detail.to_string());
        if self.rows.len() > LAST_ROWS_KEPT {
            self.rows.retain_recent();
        }
        let repeat_of = match self.rows.check_key(&key.0) {
            Ok(()) => None,
            Err(_) => self.last_rows.lock().expect("the last rows").get(&key).copied(),
        };
        if let Some(id) = repeat_of {
            sqlx::query("UPDATE audit_log SET repeats = repeats + 1 WHERE id = $1").bind(id).execute(pool).await?;
            return Ok(());
        }
        let id: i64 = sqlx::query_scalar(
            "INSERT INTO audit_log (event, user_id, client, detail) VALUES ($1, $2, $3, $4) RETURNING id",
        )
        .bind(event.as_str())
        .bind(user_id)
        .bind(client)
        .bind(detail)
        .fetch_one(pool)
        .await?;
        let mut last_rows = self.last_rows.lock().expect("the last rows");
        if last_rows.len() >= LAST_ROWS_KEPT {
            last_rows.clear();
        }
        last_rows.insert(key, id);
        Ok(())
    }
}

/// How many `event`s were recorded since `since` (Unix seconds, the database's clock), their
/// repeats counted, by detail.
pub async fn counts_since(pool: &Pool, event: Event, since: i64) -> anyhow::Result<Vec<(String, i64)>> {
    let occurred_at = timestamp_text(Dialect::of(pool), "occurred_at");
    let since = jiff::Timestamp::from_second(since)?.strftime("%Y-%m-%d %H:%M:%S").to_string();
    Ok(sqlx::query_as(&format!(
        "SELECT COALESCE(detail, ''), CAST(SUM(1 + repeats) AS BIGINT) FROM audit_log
         WHERE event = $1 AND {occurred_at} >= $2 GROUP BY detail ORDER BY detail"
    ))
    .bind(event.as_str())
    .bind(since)
    .fetch_all(pool)
    .await?)
}

/// Records `event` with a detail of its own (an id or a fixed word, never personal data).
pub async fn record_with(
    pool: &Pool,
    event: Event,
    user_id: Option<i64>,
    client: Option<&str>,
    detail: Option<&str>,
) -> anyhow::Result<()> {
    sqlx::query("INSERT INTO audit_log (event, user_id, client, detail) VALUES ($1, $2, $3, $4)")
        .bind(event.as_str())
        .bind(user_id)
        .bind(client)
        .bind(detail)
        .execute(pool)
        .await?;
    Ok(())
}

/// The account's own events, oldest first: when, what, and from where.
pub async fn for_user(pool: &Pool, user_id: i64) -> anyhow::Result<Vec<(String, String, Option<String>)>> {
    let occurred_at = timestamp_text(Dialect::of(pool), "occurred_at");
    Ok(sqlx::query_as(&format!("SELECT {occurred_at}, event, client FROM audit_log WHERE user_id = $1 ORDER BY id"))
        .bind(user_id)
        .fetch_all(pool)
        .await?)
}

/// An event as the staff's page lists it: when, what (and its detail), which account, from
/// where, and how many like it followed uncounted ([`Throttle`]).
pub type Entry = (String, String, Option<String>, Option<i64>, Option<String>, i64);

/// The newest `limit` events, newest first.
pub async fn latest(pool: &Pool, limit: i64) -> anyhow::Result<Vec<Entry>> {
    let occurred_at = timestamp_text(Dialect::of(pool), "occurred_at");
    Ok(sqlx::query_as(&format!(
        "SELECT {occurred_at}, event, detail, user_id, client, repeats FROM audit_log ORDER BY id DESC LIMIT $1"
    ))
    .bind(limit)
    .fetch_all(pool)
    .await?)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::i18n::Lang;

    /// The staff page names each event in words (`audit-{code}`), in every language.
    #[test]
    fn every_event_has_a_name_in_every_language() {
        for event in Event::ALL {
            for lang in Lang::ALL {
                let name = lang.t(&crate::pages::audit_event_message(event.as_str()));
                assert!(!name.starts_with("[missing"), "{event:?} in {lang:?}");
            }
        }
    }
}
