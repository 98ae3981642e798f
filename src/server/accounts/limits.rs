//! Limits on how fast anyone can try passwords and codes: per client address on every account
//! form, per account address, and for logins per pair of account and client. Over a limit, the
//! answer is a translated 429 page with `Retry-After`, the same whether or not an account
//! exists.
//!
//! Logins (OWASP ASVS 5.0 §6.3, NIST SP 800-63B §5.2.2): a stranger who knows an address must
//! not be able to lock its owner out. Wrong passwords are counted per account *and client*
//! (five, then one every three minutes), so guessing from one place is slow and locks only that
//! place; and per account from everywhere with a far higher ceiling (a hundred, then one every
//! 36 seconds: at most about a hundred an hour, the most NIST allows), which only a guesser
//! spread over many addresses reaches. Even then the owner gets back in: a password reset by
//! e-mail moves the account's session generation on, and the counts are keyed by it. Only
//! failed logins count: a user who logs in and out all day is never slowed.

use crate::server::clock::Clock;
use crate::server::config::Hourly;
use crate::server::db::Pool;
use crate::server::secrets::SecretBox;
use std::num::NonZeroU32;
use std::sync::Arc;
use std::time::Duration;

/// What is being tried against one account. Each has its own allowance, so a user who
/// mistypes a password a few times can still ask for a reset code.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Guarded {
    SecondFactor,
    ResetRequest,
    ResetCode,
    /// The current password, asked again before a change to the account.
    CurrentPassword,
}

impl Guarded {
    fn as_str(self) -> &'static str {
        match self {
            Guarded::SecondFactor => "second-factor",
            Guarded::ResetRequest => "reset-request",
            Guarded::ResetCode => "reset-code",
            Guarded::CurrentPassword => "current-password",
        }
    }
}

/// How many tries a key has: `burst` in a row, then one more every `refill`.
#[derive(Clone, Copy, Debug)]
struct Quota {
    burst: u32,
    refill: Duration,
}

impl Quota {
    /// `per_hour` in a row, then one more every hour / `per_hour`.
    fn hourly(per_hour: NonZeroU32) -> Quota {
        Quota { burst: per_hour.get(), refill: Duration::from_secs(3600) / per_hour.get() }
    }

    fn refill_ms(self) -> i64 {
        self.refill.as_millis().max(1) as i64
    }
}

/// Tries against one account (or, for logins, from one client): five in a row, then one more
/// every three minutes.
const ACCOUNT: Quota = Quota { burst: 5, refill: Duration::from_secs(180) };
/// Logins to one account from everywhere: a hundred, then one every 36 seconds.
const LOGIN_CEILING: Quota = Quota { burst: 100, refill: Duration::from_secs(36) };
/// Confirmation codes tried against one account, whichever code and from wherever: ten, then
/// one every fifteen minutes (about a hundred a day, not thousands).
const CODES: Quota = Quota { burst: 10, refill: Duration::from_secs(900) };

/// Uploads to one account: thirty, then one every minute, so that one account cannot keep the
/// checks busy or fill the disk (besides each application's quota).
const UPLOADS: Quota = Quota { burst: 30, refill: Duration::from_secs(60) };

/// New payment attempts of one application ("Start a new payment"): each is an order at the
/// provider, so five, then one every ten minutes.
const PAYMENT_RESTARTS: Quota = Quota { burst: 5, refill: Duration::from_secs(600) };

/// How long until the next try is allowed: sent as `Retry-After`.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Wait(pub Duration);

impl Wait {
    /// Whole seconds, at least one.
    pub fn seconds(self) -> u64 {
        self.0.as_secs_f64().ceil().max(1.0) as u64
    }
}

/// A refused try, or the database failing to count it (then the try is refused too: a limit
/// that cannot count does not let everything through).
#[derive(Debug)]
pub enum Refused {
    TooMany(Wait),
    Failed(anyhow::Error),
}

impl From<sqlx::Error> for Refused {
    fn from(error: sqlx::Error) -> Refused {
        Refused::Failed(error.into())
    }
}

/// The counts, kept in the database (`rate_limits`) so that every instance of the portal
/// counts the same tries: two instances do not double an attacker's allowance. Each key is
/// counted by GCRA, as a token bucket without a timer: the row holds the key's "theoretical
/// arrival time"; a try moves it one refill on from now or from where it was, and is let in
/// while it stays no more than `burst` refills ahead of now. One `INSERT … ON CONFLICT DO
/// UPDATE … WHERE` does the check and the count at once, so tries arriving together at
/// several instances are counted one after another by the database's row lock. Keys are keyed
/// hashes ([`SecretBox::keyed_hash`]): the table never holds an address in the clear.
pub struct Limits {
    db: Pool,
    clock: Clock,
    secrets: Arc<SecretBox>,
    client: Quota,
}

impl Limits {
    pub fn new(db: Pool, clock: Clock, secrets: Arc<SecretBox>, client_attempts_per_minute: NonZeroU32) -> Limits {
        let client = Quota {
            burst: client_attempts_per_minute.get(),
            refill: Duration::from_secs(60) / client_attempts_per_minute.get(),
        };
        Limits { db, clock, secrets, client }
    }

    /// Counts an attempt from `client` (its address; unknown clients share one allowance).
    pub async fn client(&self, client: Option<&str>) -> Result<(), Refused> {
        self.take(&format!("client:{}", client.unwrap_or("unknown")), self.client).await
    }

    /// Counts a try of `what` against `account` (an address as typed, whether or not it has
    /// an account, or an account number).
    pub async fn account(&self, what: Guarded, account: &str) -> Result<(), Refused> {
        self.take(&format!("account:{}:{}", what.as_str(), account_key(account)), ACCOUNT).await
    }

    /// Counts a login to `account` (as typed) from `client`. `generation` is the account's
    /// session generation when the address has an account, so that a password reset starts the
    /// counts afresh. A login takes its try before the password is checked, so that guesses
    /// sent at once cannot all pass a look that takes nothing, and gives it back when the
    /// password was right ([`Limits::give_back_login`]).
    pub async fn login(&self, account: &str, generation: Option<i64>, client: Option<&str>) -> Result<(), Refused> {
        let (everywhere, from_client) = login_keys(account, generation, client);
        self.take(&everywhere, LOGIN_CEILING).await?;
        let taken = self.take(&from_client, ACCOUNT).await;
        if taken.is_err() {
            self.give_back(&everywhere, LOGIN_CEILING).await?;
        }
        taken
    }

    /// Gives back the try that [`Limits::login`] counted: its password was right, or it was
    /// never checked.
    pub async fn give_back_login(
        &self,
        account: &str,
        generation: Option<i64>,
        client: Option<&str>,
    ) -> anyhow::Result<()> {
        let (everywhere, from_client) = login_keys(account, generation, client);
        self.give_back(&everywhere, LOGIN_CEILING).await?;
        self.give_back(&from_client, ACCOUNT).await?;
        Ok(())
    }

    /// Counts a try of an e-mailed code against the account `user_id`.
    pub async fn code(&self, user_id: i64) -> Result<(), Refused> {
        self.take(&format!("code:{user_id}"), CODES).await
    }

    /// Counts an upload of attachment files by the account `user_id`.
    pub async fn upload(&self, user_id: i64) -> Result<(), Refused> {
        self.take(&format!("upload:{user_id}"), UPLOADS).await
    }

    /// Counts a use of the public form `form` (one anyone can use without an account: checking
    /// a message's code, reporting a scam) from `client`: within the form's hourly allowance per
    /// client, and then within its allowance for everyone together, which only a crowd of
    /// clients reaches.
    pub async fn public_form(&self, form: &str, client: Option<&str>, hourly: Hourly) -> Result<(), Refused> {
        self.take(&format!("{form}:{}", client.unwrap_or("unknown")), Quota::hourly(hourly.client)).await?;
        self.take(&format!("{form}:everyone"), Quota::hourly(hourly.everyone)).await
    }

    pub async fn payment_restart(&self, application_id: i64) -> Result<(), Refused> {
        self.take(&format!("payment-restart:{application_id}"), PAYMENT_RESTARTS).await
    }

    /// Drops the counts of keys that have been quiet long enough to have their whole
    /// allowance again (a scheduled job).
    pub async fn forget_idle(&self) -> anyhow::Result<u64> {
        let done = sqlx::query("DELETE FROM rate_limits WHERE arrival_ms <= $1")
            .bind(self.clock.now_millis())
            .execute(&self.db)
            .await?;
        Ok(done.rows_affected())
    }

    /// How many keys the limits hold, for tests of their size.
    #[cfg(any(test, feature = "test-support"))]
    pub async fn keys(&self) -> anyhow::Result<i64> {
        Ok(sqlx::query_scalar("SELECT COUNT(*) FROM rate_limits").fetch_one(&self.db).await?)
    }

    fn row_key(&self, key: &str) -> String {
        self.secrets.keyed_hash("rate-limit", key)
    }

    async fn take(&self, key: &str, quota: Quota) -> Result<(), Refused> {
        let (key, now, refill) = (self.row_key(key), self.clock.now_millis(), quota.refill_ms());
        let limit = now + refill * i64::from(quota.burst);
        let taken: Option<i64> = sqlx::query_scalar(
            "INSERT INTO rate_limits (key, arrival_ms) VALUES ($1, $2 + $3)
             ON CONFLICT (key) DO UPDATE
               SET arrival_ms = CASE WHEN rate_limits.arrival_ms > $2 THEN rate_limits.arrival_ms ELSE $2 END + $3
               WHERE CASE WHEN rate_limits.arrival_ms > $2 THEN rate_limits.arrival_ms ELSE $2 END + $3 <= $4
             RETURNING arrival_ms",
        )
        .bind(&key)
        .bind(now)
        .bind(refill)
        .bind(limit)
        .fetch_optional(&self.db)
        .await?;
        if taken.is_some() {
            return Ok(());
        }
        let arrival: Option<i64> = sqlx::query_scalar("SELECT arrival_ms FROM rate_limits WHERE key = $1")
            .bind(&key)
            .fetch_optional(&self.db)
            .await?;
        let wait_ms = arrival.map_or(refill, |at| at.max(now) + refill - limit).max(1);
        Err(Refused::TooMany(Wait(Duration::from_millis(wait_ms as u64))))
    }

    async fn give_back(&self, key: &str, quota: Quota) -> sqlx::Result<()> {
        sqlx::query(
            "UPDATE rate_limits SET arrival_ms = CASE WHEN arrival_ms - $2 > $3 THEN arrival_ms - $2 ELSE $3 END
             WHERE key = $1",
        )
        .bind(self.row_key(key))
        .bind(quota.refill_ms())
        .bind(self.clock.now_millis())
        .execute(&self.db)
        .await?;
        Ok(())
    }
}

/// The keys of a login to `account` (as typed, of `generation`): from everywhere, and from
/// `client`.
fn login_keys(account: &str, generation: Option<i64>, client: Option<&str>) -> (String, String) {
    let account = format!("login:{}#{}", account_key(account), generation.unwrap_or(0));
    let from_client = format!("{account}:{}", client.unwrap_or("unknown"));
    (account, from_client)
}

/// The key of an account as typed: trimmed, lower-cased, and no longer than an address can be,
/// so that the same address however typed has one allowance, and a key takes bounded memory
/// whatever a client sends.
fn account_key(typed: &str) -> String {
    typed.trim().chars().take(crate::domain::text::EMAIL_MAX).collect::<String>().to_lowercase()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::server::db;

    async fn limits(client_attempts_per_minute: u32) -> Limits {
        let secrets = Arc::new(SecretBox::new(&SecretBox::new_key(), &[]).unwrap());
        Limits::new(
            db::scratch::connect().await,
            Clock::system(),
            secrets,
            NonZeroU32::new(client_attempts_per_minute).unwrap(),
        )
    }

    fn wait_of(refused: Result<(), Refused>) -> Wait {
        match refused {
            Err(Refused::TooMany(wait)) => wait,
            other => panic!("not refused for too many tries: {other:?}"),
        }
    }

    #[tokio::test]
    async fn each_client_and_each_address_has_its_own_allowance() {
        let limits = limits(3).await;
        for _ in 0..3 {
            assert!(limits.client(Some("192.0.2.1")).await.is_ok());
        }
        let wait = wait_of(limits.client(Some("192.0.2.1")).await);
        assert!((1..=20).contains(&wait.seconds()), "{wait:?}");
        assert!(limits.client(Some("192.0.2.2")).await.is_ok());

        for _ in 0..ACCOUNT.burst {
            assert!(limits.account(Guarded::ResetCode, "maria@example.fi").await.is_ok());
        }
        let wait = wait_of(limits.account(Guarded::ResetCode, " MARIA@example.fi").await);
        assert!((170..=180).contains(&wait.seconds()), "the same address however typed: {wait:?}");
        assert!(limits.account(Guarded::ResetCode, "other@example.fi").await.is_ok());
        assert!(
            limits.account(Guarded::ResetRequest, "maria@example.fi").await.is_ok(),
            "a reset has its own allowance"
        );
    }

    #[tokio::test]
    async fn a_stranger_guessing_a_login_locks_only_themselves_and_a_reset_unlocks_the_owner() {
        let limits = limits(10_000).await;
        let (stranger, owner) = (Some("198.51.100.7"), Some("192.0.2.1"));
        for _ in 0..ACCOUNT.burst {
            assert!(limits.login("maria@example.fi", Some(0), stranger).await.is_ok());
        }
        assert!(limits.login("maria@example.fi", Some(0), stranger).await.is_err(), "the guesser is slowed");
        assert!(limits.login("maria@example.fi", Some(0), owner).await.is_ok(), "the owner still logs in");

        // Guessers spread over many addresses reach the ceiling of the account…
        for n in 0..LOGIN_CEILING.burst {
            let _ = limits.login("maria@example.fi", Some(0), Some(&format!("203.0.113.{n}"))).await;
        }
        assert!(limits.login("maria@example.fi", Some(0), owner).await.is_err());
        // …until a reset by e-mail moves the account's generation on.
        assert!(limits.login("maria@example.fi", Some(1), owner).await.is_ok());
    }

    #[tokio::test]
    async fn only_failed_logins_count() {
        let limits = limits(10_000).await;
        let owner = Some("192.0.2.1");
        for _ in 0..3 * ACCOUNT.burst {
            assert!(limits.login("maria@example.fi", Some(0), owner).await.is_ok());
            limits.give_back_login("maria@example.fi", Some(0), owner).await.unwrap();
        }
        // The failures still add up, and the wait is the refill of one.
        for _ in 0..ACCOUNT.burst {
            assert!(limits.login("maria@example.fi", Some(0), owner).await.is_ok());
        }
        let wait = wait_of(limits.login("maria@example.fi", Some(0), owner).await);
        assert!((170..=180).contains(&wait.seconds()), "{wait:?}");
        // A refused try takes nothing from the account's allowance from everywhere.
        for n in 0..LOGIN_CEILING.burst - ACCOUNT.burst {
            assert!(limits.login("maria@example.fi", Some(0), Some(&format!("203.0.113.{n}"))).await.is_ok(), "{n}");
        }
    }

    #[tokio::test]
    async fn a_public_form_is_limited_per_client_and_for_everyone() {
        let limits = limits(10_000).await;
        let hourly = Hourly { client: NonZeroU32::new(3).unwrap(), everyone: NonZeroU32::new(5).unwrap() };
        for _ in 0..3 {
            assert!(limits.public_form("check", Some("192.0.2.1"), hourly).await.is_ok());
        }
        let wait = wait_of(limits.public_form("check", Some("192.0.2.1"), hourly).await);
        assert!((1190..=1200).contains(&wait.seconds()), "one more every 20 minutes: {wait:?}");
        assert!(limits.public_form("report", Some("192.0.2.1"), hourly).await.is_ok(), "each form its own");
        for _ in 0..2 {
            assert!(limits.public_form("check", Some("192.0.2.2"), hourly).await.is_ok());
        }
        assert!(limits.public_form("check", Some("192.0.2.3"), hourly).await.is_err(), "everyone's allowance is used");
    }

    #[tokio::test]
    async fn codes_are_limited_per_account_whoever_tries() {
        let limits = limits(10_000).await;
        for _ in 0..CODES.burst {
            assert!(limits.code(7).await.is_ok());
        }
        assert!(limits.code(7).await.is_err());
        assert!(limits.code(8).await.is_ok());
    }

    /// The allowance comes back with time, and a quiet key's row goes.
    #[tokio::test]
    async fn time_gives_the_tries_back_and_idle_keys_are_forgotten() {
        let limits = limits(10_000).await;
        for _ in 0..CODES.burst {
            limits.code(7).await.unwrap();
        }
        assert!(limits.code(7).await.is_err());
        limits.clock.advance(CODES.refill.as_secs() as i64);
        assert!(limits.code(7).await.is_ok(), "one more after one refill");
        assert_eq!(limits.keys().await.unwrap(), 1);
        limits.clock.advance(CODES.refill.as_secs() as i64 * i64::from(CODES.burst + 1));
        assert_eq!(limits.forget_idle().await.unwrap(), 1);
        assert_eq!(limits.keys().await.unwrap(), 0);
    }

    /// The table never holds the address that was tried.
    #[tokio::test]
    async fn the_database_holds_no_address() {
        let limits = limits(10_000).await;
        limits.login("maria@example.fi", None, Some("192.0.2.1")).await.unwrap();
        let keys: Vec<String> = sqlx::query_scalar("SELECT key FROM rate_limits").fetch_all(&limits.db).await.unwrap();
        assert_eq!(keys.len(), 2);
        assert!(keys.iter().all(|key| !key.contains("maria") && !key.contains("192.0")), "{keys:?}");
    }

    #[test]
    fn a_key_takes_no_more_than_an_address_can_be_long() {
        assert_eq!(account_key(&format!("  {}  ", "A".repeat(2_000_000))).len(), crate::domain::text::EMAIL_MAX);
    }
}
