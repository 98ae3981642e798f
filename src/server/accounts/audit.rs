//! The audit log of account events: who, what, when, from where. It never holds a password,
//! an identity code or anything typed into a form.

use sqlx::SqlitePool;

/// What happened to an account.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Event {
    StaffCreated,
    LoginSucceeded,
    LoginFailed,
    LoggedOut,
    Registered,
    EmailVerified,
}

impl Event {
    fn as_str(self) -> &'static str {
        match self {
            Event::StaffCreated => "staff-created",
            Event::LoginSucceeded => "login-succeeded",
            Event::LoginFailed => "login-failed",
            Event::LoggedOut => "logged-out",
            Event::Registered => "registered",
            Event::EmailVerified => "email-verified",
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
