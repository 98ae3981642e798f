//! Signed-in sessions: a random id in a cookie, the rest in the database.
//!
//! - The id is renewed at login, so an id planted before login is useless afterwards.
//! - 30 minutes without a request ends the session: requests move the expiry forward (by
//!   saving the session, at most once a minute: see [`keep_alive`]), and the store refuses an
//!   expired id.
//! - 12 hours after login the session ends however busy it was.
//! - Logout deletes the session from the database, not just the cookie.
//! - The database keeps a hash of each id, not the id: a copy of it (a backup) holds no
//!   session anyone could use.
//! - Sessions live in the database, so every instance of the portal reads the same ones.
//! - A password change or reset can end every other session: each session remembers the
//!   account's session generation at login, and a newer generation refuses it.
//! - A signed-in session is read with its account in one query: the row names its account
//!   (`user_id`), and the store joins the account's row and hands it on with the session's
//!   data ([`LOADED_USER_KEY`], never saved), so a page costs one read fewer.

use super::users::{self, User};
use crate::server::clock::Clock;
use crate::server::db::{Pool, Readers};
use sha2::{Digest, Sha256};
use std::collections::HashMap;
use tower_sessions::cookie::time::{Duration, OffsetDateTime};
use tower_sessions::cookie::SameSite;
use tower_sessions::session::{Id, Record};
use tower_sessions::session_store::{self, SessionStore};
use tower_sessions::{Expiry, Session, SessionManagerLayer};

pub const IDLE_TIMEOUT: Duration = Duration::minutes(30);
pub const ABSOLUTE_LIFETIME: Duration = Duration::hours(12);

const USER_KEY: &str = "account.user_id";
const SIGNED_IN_AT_KEY: &str = "account.signed_in_at";
const GENERATION_KEY: &str = "account.generation";
const SAVED_AT_KEY: &str = "session.saved_at";
/// Where the store puts the account it read with the session (the row its `user_id` names):
/// never saved; [`signed_in_user`] reads it instead of asking the database again.
const LOADED_USER_KEY: &str = "account.loaded_user";

/// Saving a session moves its expiry on. Saving it on every request cost a database write per
/// page; a session is saved when it changed, and otherwise once its last save is this old, so
/// the idle limit holds to a minute.
const SAVE_EVERY_SECONDS: i64 = 60;

/// The sessions of every instance: the `sessions` table, read against the portal's clock.
#[derive(Clone, Debug)]
pub struct Store {
    db: Pool,
    /// Where a session is read, every signed-in request.
    readers: Readers,
    clock: Clock,
}

impl Store {
    pub fn new(db: Pool, readers: Readers, clock: Clock) -> Store {
        Store { db, readers, clock }
    }

    /// Deletes the rows of expired sessions (a scheduled job; an expired session is refused
    /// at once, this only clears it away).
    pub async fn delete_expired(&self) -> anyhow::Result<u64> {
        let done =
            sqlx::query("DELETE FROM sessions WHERE expires_at <= $1").bind(self.clock.now()).execute(&self.db).await?;
        Ok(done.rows_affected())
    }

    /// The row of `record`: the hash of its id, its data as JSON (without the account the
    /// store read with it), when it expires on the portal's clock (tower-sessions computes the
    /// expiry from the system's), and the account it is signed in as.
    fn row(&self, record: &Record) -> session_store::Result<(String, String, i64, Option<i64>)> {
        let kept: HashMap<&String, &serde_json::Value> =
            record.data.iter().filter(|(key, _)| key.as_str() != LOADED_USER_KEY).collect();
        let data = serde_json::to_string(&kept).map_err(|e| session_store::Error::Encode(e.to_string()))?;
        let user_id = record.data.get(USER_KEY).and_then(serde_json::Value::as_i64);
        Ok((row_id(&record.id), data, self.clock.from_system(record.expiry_date.unix_timestamp()), user_id))
    }

    /// Inserts the row of `record`, doing `on_conflict` (`DO NOTHING`, `DO UPDATE …`) when its
    /// id is taken; returns how many rows were written.
    async fn write(&self, record: &Record, on_conflict: &str) -> session_store::Result<u64> {
        let (id, data, expires_at, user_id) = self.row(record)?;
        let written = sqlx::query(&format!(
            "INSERT INTO sessions (id, record, expires_at, user_id) VALUES ($1, $2, $3, $4)
             ON CONFLICT (id) {on_conflict}"
        ))
        .bind(id)
        .bind(data)
        .bind(expires_at)
        .bind(user_id)
        .execute(&self.db)
        .await
        .map_err(backend)?;
        Ok(written.rows_affected())
    }
}

/// What the table keeps of a session id.
fn row_id(id: &Id) -> String {
    hex::encode(Sha256::digest(id.to_string().as_bytes()))
}

fn backend(error: sqlx::Error) -> session_store::Error {
    session_store::Error::Backend(error.to_string())
}

#[async_trait::async_trait]
impl SessionStore for Store {
    async fn create(&self, record: &mut Record) -> session_store::Result<()> {
        loop {
            if self.write(record, "DO NOTHING").await? == 1 {
                return Ok(());
            }
            // 128 random bits clashed: draw again rather than take over another session.
            record.id = Id::default();
        }
    }

    async fn save(&self, record: &Record) -> session_store::Result<()> {
        let update =
            "DO UPDATE SET record = excluded.record, expires_at = excluded.expires_at, user_id = excluded.user_id";
        self.write(record, update).await?;
        Ok(())
    }

    /// The session, with the row of the account it is signed in as (one query, joined).
    async fn load(&self, id: &Id) -> session_store::Result<Option<Record>> {
        use sqlx::{FromRow, Row};
        let sql = format!(
            "SELECT s.record, s.expires_at, {} FROM sessions s LEFT JOIN users u ON u.id = s.user_id
             WHERE s.id = $1 AND s.expires_at > $2",
            users::user_columns("u")
        );
        let query = sqlx::query(&sql).bind(row_id(id)).bind(self.clock.now());
        let row = self.readers.read(async |c| query.fetch_optional(c).await).await.map_err(backend)?;
        let Some(row) = row else { return Ok(None) };
        let (data, expires_at): (String, i64) =
            (row.try_get("record").map_err(backend)?, row.try_get("expires_at").map_err(backend)?);
        let mut data: HashMap<String, serde_json::Value> =
            serde_json::from_str(&data).map_err(|e| session_store::Error::Decode(e.to_string()))?;
        if row.try_get::<Option<i64>, _>("id").map_err(backend)?.is_some() {
            let user = users::UserRow::from_row(&row).map_err(backend)?;
            let user = serde_json::to_value(user).map_err(|e| session_store::Error::Encode(e.to_string()))?;
            data.insert(LOADED_USER_KEY.to_string(), user);
        }
        let system_expiry = expires_at - self.clock.from_system(0);
        let expiry_date = OffsetDateTime::from_unix_timestamp(system_expiry)
            .map_err(|e| session_store::Error::Decode(e.to_string()))?;
        Ok(Some(Record { id: *id, data, expiry_date }))
    }

    async fn delete(&self, id: &Id) -> session_store::Result<()> {
        sqlx::query("DELETE FROM sessions WHERE id = $1").bind(row_id(id)).execute(&self.db).await.map_err(backend)?;
        Ok(())
    }
}

/// The session middleware. Over https the cookie is `Secure` and named `__Host-session`,
/// which browsers only accept from this exact host, over TLS, for the whole site.
pub fn layer(store: Store, https: bool) -> SessionManagerLayer<Store> {
    SessionManagerLayer::new(store)
        .with_name(if https { "__Host-session" } else { "session" })
        .with_secure(https)
        .with_http_only(true)
        .with_same_site(SameSite::Lax)
        .with_path("/")
        .with_expiry(Expiry::OnInactivity(IDLE_TIMEOUT))
}

/// A cookie apart from the session's, holding nothing but `1`, that says this browser signed in
/// within the absolute lifetime: when its session then ends by itself (30 idle minutes), the
/// login page it is sent to can say why. Logout clears it with the other cookies
/// (`Clear-Site-Data`).
pub const SIGNED_IN_BEFORE: &str = "signed-in-before";

/// The `Set-Cookie` value of [`SIGNED_IN_BEFORE`].
pub fn signed_in_before_cookie(https: bool) -> String {
    let secure = if https { "; Secure" } else { "" };
    format!(
        "{SIGNED_IN_BEFORE}=1; Path=/; Max-Age={}; HttpOnly; SameSite=Lax{secure}",
        ABSOLUTE_LIFETIME.whole_seconds()
    )
}

/// Whether the request carries [`SIGNED_IN_BEFORE`].
pub fn was_signed_in(headers: &http::HeaderMap) -> bool {
    headers
        .get_all(http::header::COOKIE)
        .iter()
        .filter_map(|value| value.to_str().ok())
        .any(|cookies| cookies.split(';').any(|cookie| cookie.trim().strip_prefix(SIGNED_IN_BEFORE) == Some("=1")))
}

/// Marks a session in use, so that it is saved (and its idle expiry moved on) when its last
/// save is [`SAVE_EVERY_SECONDS`] old. A session without anything in it is not kept at all.
pub async fn keep_alive(session: &Session, clock: &Clock) -> anyhow::Result<()> {
    if session.is_empty().await {
        return Ok(());
    }
    let now = clock.now();
    let saved_at = session.get::<i64>(SAVED_AT_KEY).await?.unwrap_or(0);
    if now - saved_at >= SAVE_EVERY_SECONDS {
        session.insert(SAVED_AT_KEY, now).await?;
    }
    Ok(())
}

/// Signs `user` in on a fresh session id.
pub async fn sign_in(session: &Session, clock: &Clock, user: &User) -> anyhow::Result<()> {
    session.cycle_id().await?;
    session.insert(USER_KEY, user.id).await?;
    session.insert(SIGNED_IN_AT_KEY, clock.now()).await?;
    session.insert(GENERATION_KEY, user.session_generation).await?;
    Ok(())
}

/// Keeps this session valid after its account moved to `generation` (which ended the others),
/// on a fresh id, as after any change to what the session may do.
pub async fn renew(session: &Session, generation: i64) -> anyhow::Result<()> {
    session.cycle_id().await?;
    session.insert(GENERATION_KEY, generation).await?;
    Ok(())
}

/// Ends the session everywhere: the database row goes, and the browser is told to drop the
/// cookie.
pub async fn sign_out(session: &Session) -> anyhow::Result<()> {
    session.flush().await?;
    Ok(())
}

/// Whether a login at `signed_in_at` is past the absolute lifetime at `now` (Unix seconds).
pub fn outlived(signed_in_at: i64, now: i64) -> bool {
    now - signed_in_at >= ABSOLUTE_LIFETIME.whole_seconds()
}

/// The signed-in user of this session, if any. Ends a session that has outlived its
/// absolute lifetime, whose account is gone, or that an account change has ended.
pub async fn signed_in_user(pool: &Pool, clock: &Clock, session: &Session) -> anyhow::Result<Option<User>> {
    let Some(user_id) = session.get::<i64>(USER_KEY).await? else { return Ok(None) };
    let signed_in_at = session.get::<i64>(SIGNED_IN_AT_KEY).await?.unwrap_or(0);
    if outlived(signed_in_at, clock.now()) {
        sign_out(session).await?;
        return Ok(None);
    }
    let generation = session.get::<i64>(GENERATION_KEY).await?.unwrap_or(0);
    // Read with the session, unless its row was written before it named its account.
    let user = match session.get::<users::UserRow>(LOADED_USER_KEY).await? {
        Some(row) if row.id == user_id => Some(users::user_from_row(row)?),
        _ => users::find(pool, user_id).await?,
    };
    let user = user.filter(|user| user.session_generation == generation);
    if user.is_none() {
        sign_out(session).await?;
    }
    Ok(user)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_login_lasts_twelve_hours_at_most() {
        let at = 1_795_000_000;
        assert!(!outlived(at, at + (Duration::hours(11) + Duration::minutes(59)).whole_seconds()));
        assert!(outlived(at, at + Duration::hours(12).whole_seconds()));
    }
}
