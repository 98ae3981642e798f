//! Limits on how fast anyone can try passwords and codes: per client address on every account
//! form, and per account address on login. Over a limit, the answer is a translated 429 page,
//! the same whether or not an account exists.

use governor::{DefaultKeyedRateLimiter, Quota, RateLimiter};
use std::num::NonZeroU32;
use std::time::Duration;

/// What is being tried against one account. Each has its own allowance, so a user who
/// mistypes a password a few times can still ask for a reset code.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Guarded {
    Login,
    SecondFactor,
    ResetRequest,
    ResetCode,
    /// The current password, asked again before a change to the account.
    CurrentPassword,
}

impl Guarded {
    fn as_str(self) -> &'static str {
        match self {
            Guarded::Login => "login",
            Guarded::SecondFactor => "second-factor",
            Guarded::ResetRequest => "reset-request",
            Guarded::ResetCode => "reset-code",
            Guarded::CurrentPassword => "current-password",
        }
    }
}

/// Tries against one account: five in a row, then one more every three minutes.
const ACCOUNT_BURST: u32 = 5;
const ACCOUNT_REFILL: Duration = Duration::from_secs(180);

pub struct Limits {
    clients: DefaultKeyedRateLimiter<String>,
    accounts: DefaultKeyedRateLimiter<String>,
}

impl Limits {
    pub fn new(client_attempts_per_minute: NonZeroU32) -> Limits {
        let account_quota = Quota::with_period(ACCOUNT_REFILL)
            .expect("a non-zero period")
            .allow_burst(NonZeroU32::new(ACCOUNT_BURST).expect("non-zero"));
        Limits {
            clients: RateLimiter::keyed(Quota::per_minute(client_attempts_per_minute)),
            accounts: RateLimiter::keyed(account_quota),
        }
    }

    /// Counts an attempt from `client` (its address; unknown clients share one allowance).
    pub fn allow_client(&self, client: Option<&str>) -> bool {
        self.clients.check_key(&client.unwrap_or("unknown").to_string()).is_ok()
    }

    /// Counts a try of `what` against `account` (an address as typed, whether or not it has
    /// an account, or an account number).
    pub fn allow_account(&self, what: Guarded, account: &str) -> bool {
        self.accounts.check_key(&format!("{}:{}", what.as_str(), account.trim().to_lowercase())).is_ok()
    }

    /// Drops the counts of clients and addresses that have been quiet long enough.
    pub fn forget_idle(&self) {
        self.clients.retain_recent();
        self.accounts.retain_recent();
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn each_client_and_each_address_has_its_own_allowance() {
        let limits = Limits::new(NonZeroU32::new(3).unwrap());
        for _ in 0..3 {
            assert!(limits.allow_client(Some("192.0.2.1")));
        }
        assert!(!limits.allow_client(Some("192.0.2.1")));
        assert!(limits.allow_client(Some("192.0.2.2")));

        for _ in 0..ACCOUNT_BURST {
            assert!(limits.allow_account(Guarded::Login, "maria@example.fi"));
        }
        assert!(!limits.allow_account(Guarded::Login, " MARIA@example.fi"), "the same address however typed");
        assert!(limits.allow_account(Guarded::Login, "other@example.fi"));
        assert!(limits.allow_account(Guarded::ResetRequest, "maria@example.fi"), "a reset has its own allowance");
    }
}
