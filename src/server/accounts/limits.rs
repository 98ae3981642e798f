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

use governor::clock::{Clock, DefaultClock};
use governor::{DefaultKeyedRateLimiter, Quota, RateLimiter};
use std::collections::HashMap;
use std::num::NonZeroU32;
use std::sync::Mutex;
use std::time::{Duration, Instant};

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

/// Tries against one account (or, for logins, from one client): five in a row, then one more
/// every three minutes.
const ACCOUNT_BURST: u32 = 5;
const ACCOUNT_REFILL: Duration = Duration::from_secs(180);
/// Logins to one account from everywhere: a hundred, then one every 36 seconds.
const LOGIN_CEILING: u32 = 100;
const LOGIN_CEILING_REFILL: Duration = Duration::from_secs(36);
/// Confirmation codes tried against one account, whichever code and from wherever: ten, then
/// one every fifteen minutes (about a hundred a day, not thousands).
const CODE_BURST: u32 = 10;
const CODE_REFILL: Duration = Duration::from_secs(900);

/// How long until the next try is allowed: sent as `Retry-After`.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Wait(pub Duration);

impl Wait {
    /// Whole seconds, at least one.
    pub fn seconds(self) -> u64 {
        self.0.as_secs_f64().ceil().max(1.0) as u64
    }
}

pub struct Limits {
    clients: DefaultKeyedRateLimiter<String>,
    accounts: DefaultKeyedRateLimiter<String>,
    logins_everywhere: Refundable,
    logins_from_client: Refundable,
    codes: DefaultKeyedRateLimiter<String>,
}

/// Tries counted per key by GCRA, as `governor` counts them, but a try can be given back. A
/// login takes its try before the password is checked, so that guesses sent at once cannot all
/// pass a look that takes nothing, and gives it back when the password was right.
struct Refundable {
    refill: Duration,
    burst: u32,
    /// Per key, the "theoretical arrival time": each try moves it one refill on from now or from
    /// where it was, and a try is let in while it stays no more than `burst` refills ahead.
    keys: Mutex<HashMap<String, Instant>>,
}

impl Refundable {
    fn new(burst: u32, refill: Duration) -> Refundable {
        Refundable { refill, burst, keys: Mutex::new(HashMap::new()) }
    }

    fn keys(&self) -> std::sync::MutexGuard<'_, HashMap<String, Instant>> {
        // The map is consistent after any panic (every change is one insert), so a poisoned lock is
        // still usable.
        self.keys.lock().unwrap_or_else(|poisoned| poisoned.into_inner())
    }

    fn take(&self, key: &str) -> Result<(), Wait> {
        let now = Instant::now();
        let mut keys = self.keys();
        let next = keys.get(key).map_or(now, |at| (*at).max(now)) + self.refill;
        let limit = now + self.refill * self.burst;
        if next > limit {
            return Err(Wait(next - limit));
        }
        keys.insert(key.to_string(), next);
        Ok(())
    }

    fn give_back(&self, key: &str) {
        let now = Instant::now();
        if let Some(at) = self.keys().get_mut(key) {
            *at = at.checked_sub(self.refill).map_or(now, |earlier| earlier.max(now));
        }
    }

    fn forget_idle(&self) {
        let now = Instant::now();
        self.keys().retain(|_, at| *at > now);
    }

    fn len(&self) -> usize {
        self.keys().len()
    }
}

fn quota(burst: u32, refill: Duration) -> Quota {
    Quota::with_period(refill).expect("a non-zero period").allow_burst(NonZeroU32::new(burst).expect("non-zero"))
}

impl Limits {
    pub fn new(client_attempts_per_minute: NonZeroU32) -> Limits {
        Limits {
            clients: RateLimiter::keyed(Quota::per_minute(client_attempts_per_minute)),
            accounts: RateLimiter::keyed(quota(ACCOUNT_BURST, ACCOUNT_REFILL)),
            logins_everywhere: Refundable::new(LOGIN_CEILING, LOGIN_CEILING_REFILL),
            logins_from_client: Refundable::new(ACCOUNT_BURST, ACCOUNT_REFILL),
            codes: RateLimiter::keyed(quota(CODE_BURST, CODE_REFILL)),
        }
    }

    /// Counts an attempt from `client` (its address; unknown clients share one allowance).
    pub fn client(&self, client: Option<&str>) -> Result<(), Wait> {
        check(&self.clients, client.unwrap_or("unknown").to_string())
    }

    /// Counts a try of `what` against `account` (an address as typed, whether or not it has
    /// an account, or an account number).
    pub fn account(&self, what: Guarded, account: &str) -> Result<(), Wait> {
        check(&self.accounts, format!("{}:{}", what.as_str(), account_key(account)))
    }

    /// Counts a login to `account` (as typed) from `client`. `generation` is the account's
    /// session generation when the address has an account, so that a password reset starts the
    /// counts afresh.
    pub fn login(&self, account: &str, generation: Option<i64>, client: Option<&str>) -> Result<(), Wait> {
        let (everywhere, from_client) = login_keys(account, generation, client);
        self.logins_everywhere.take(&everywhere)?;
        self.logins_from_client.take(&from_client).inspect_err(|_| self.logins_everywhere.give_back(&everywhere))
    }

    /// Gives back the try that [`Limits::login`] counted: its password was right, or it was
    /// never checked.
    pub fn give_back_login(&self, account: &str, generation: Option<i64>, client: Option<&str>) {
        let (everywhere, from_client) = login_keys(account, generation, client);
        self.logins_everywhere.give_back(&everywhere);
        self.logins_from_client.give_back(&from_client);
    }

    /// Counts a try of an e-mailed code against the account `user_id`.
    pub fn code(&self, user_id: i64) -> Result<(), Wait> {
        check(&self.codes, user_id.to_string())
    }

    /// Drops the counts of clients and addresses that have been quiet long enough.
    pub fn forget_idle(&self) {
        self.clients.retain_recent();
        self.accounts.retain_recent();
        self.logins_everywhere.forget_idle();
        self.logins_from_client.forget_idle();
        self.codes.retain_recent();
    }

    /// How many keys the limits hold, for tests and benchmarks of their memory.
    pub fn keys(&self) -> usize {
        self.clients.len()
            + self.accounts.len()
            + self.logins_everywhere.len()
            + self.logins_from_client.len()
            + self.codes.len()
    }
}

/// The keys of a login to `account` (as typed, of `generation`): from everywhere, and from
/// `client`.
fn login_keys(account: &str, generation: Option<i64>, client: Option<&str>) -> (String, String) {
    let account = format!("{}#{}", account_key(account), generation.unwrap_or(0));
    let from_client = format!("{account}:{}", client.unwrap_or("unknown"));
    (account, from_client)
}

fn check(limiter: &DefaultKeyedRateLimiter<String>, key: String) -> Result<(), Wait> {
    limiter.check_key(&key).map_err(|not_until| Wait(not_until.wait_time_from(DefaultClock::default().now())))
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

    #[test]
    fn each_client_and_each_address_has_its_own_allowance() {
        let limits = Limits::new(NonZeroU32::new(3).unwrap());
        for _ in 0..3 {
            assert!(limits.client(Some("192.0.2.1")).is_ok());
        }
        let wait = limits.client(Some("192.0.2.1")).unwrap_err();
        assert!((1..=20).contains(&wait.seconds()), "{wait:?}");
        assert!(limits.client(Some("192.0.2.2")).is_ok());

        for _ in 0..ACCOUNT_BURST {
            assert!(limits.account(Guarded::ResetCode, "maria@example.fi").is_ok());
        }
        let wait = limits.account(Guarded::ResetCode, " MARIA@example.fi").unwrap_err();
        assert!((170..=180).contains(&wait.seconds()), "the same address however typed: {wait:?}");
        assert!(limits.account(Guarded::ResetCode, "other@example.fi").is_ok());
        assert!(limits.account(Guarded::ResetRequest, "maria@example.fi").is_ok(), "a reset has its own allowance");
    }

    #[test]
    fn a_stranger_guessing_a_login_locks_only_themselves_and_a_reset_unlocks_the_owner() {
        let limits = Limits::new(NonZeroU32::new(10_000).unwrap());
        let (stranger, owner) = (Some("198.51.100.7"), Some("192.0.2.1"));
        for _ in 0..ACCOUNT_BURST {
            assert!(limits.login("maria@example.fi", Some(0), stranger).is_ok());
        }
        assert!(limits.login("maria@example.fi", Some(0), stranger).is_err(), "the guesser is slowed");
        assert!(limits.login("maria@example.fi", Some(0), owner).is_ok(), "the owner still logs in");

        // Guessers spread over many addresses reach the ceiling of the account…
        for n in 0..LOGIN_CEILING {
            let _ = limits.login("maria@example.fi", Some(0), Some(&format!("203.0.113.{n}")));
        }
        assert!(limits.login("maria@example.fi", Some(0), owner).is_err());
        // …until a reset by e-mail moves the account's generation on.
        assert!(limits.login("maria@example.fi", Some(1), owner).is_ok());
    }

    #[test]
    fn only_failed_logins_count() {
        let limits = Limits::new(NonZeroU32::new(10_000).unwrap());
        let owner = Some("192.0.2.1");
        for _ in 0..3 * ACCOUNT_BURST {
            assert!(limits.login("maria@example.fi", Some(0), owner).is_ok());
            limits.give_back_login("maria@example.fi", Some(0), owner);
        }
        // The failures still add up, and the wait is the refill of one.
        for _ in 0..ACCOUNT_BURST {
            assert!(limits.login("maria@example.fi", Some(0), owner).is_ok());
        }
        let wait = limits.login("maria@example.fi", Some(0), owner).unwrap_err();
        assert!((170..=180).contains(&wait.seconds()), "{wait:?}");
        // A refused try takes nothing from the account's allowance from everywhere.
        for n in 0..LOGIN_CEILING - ACCOUNT_BURST {
            assert!(limits.login("maria@example.fi", Some(0), Some(&format!("203.0.113.{n}"))).is_ok(), "{n}");
        }
    }

    #[test]
    fn codes_are_limited_per_account_whoever_tries() {
        let limits = Limits::new(NonZeroU32::new(10_000).unwrap());
        for _ in 0..CODE_BURST {
            assert!(limits.code(7).is_ok());
        }
        assert!(limits.code(7).is_err());
        assert!(limits.code(8).is_ok());
    }

    #[test]
    fn a_key_takes_no_more_than_an_address_can_be_long() {
        assert_eq!(account_key(&format!("  {}  ", "A".repeat(2_000_000))).len(), crate::domain::text::EMAIL_MAX);
    }
}
