//! The audit log of account events: who, what, when, from where. It never holds a password,
//! an identity code or anything typed into a form.

use sqlx::SqlitePool;

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
}

impl Event {
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
        }
    }
}

pub async fn record(pool: &SqlitePool, event: Event, user_id: Option<i64>, client: Option<&str>) -> anyhow::Result<()> {
    sqlx::query("INSERT INTO audit_log (event, user_id, client) VALUES ($1, $2, $3)")
        .bind(event.as_str())
        .bind(user_id)
        .bind(client)
        .execute(pool)
        .await?;
    Ok(())
}

/// The account's own events, oldest first: when, what, and from where.
pub async fn for_user(pool: &SqlitePool, user_id: i64) -> anyhow::Result<Vec<(String, String, Option<String>)>> {
    Ok(sqlx::query_as("SELECT occurred_at, event, client FROM audit_log WHERE user_id = $1 ORDER BY id")
        .bind(user_id)
        .fetch_all(pool)
        .await?)
}

/// The newest `limit` events of all accounts, newest first.
pub async fn latest(
    pool: &SqlitePool,
    limit: i64,
) -> anyhow::Result<Vec<(String, String, Option<i64>, Option<String>)>> {
    Ok(sqlx::query_as("SELECT occurred_at, event, user_id, client FROM audit_log ORDER BY id DESC LIMIT $1")
        .bind(limit)
        .fetch_all(pool)
        .await?)
}
