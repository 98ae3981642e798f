//! Limits on how fast anyone can try passwords and codes: per client address on every account
//! form, and per account address on login. Over a limit, the answer is a translated 429 page,
//! the same whether or not an account exists.

use governor::{DefaultKeyedRateLimiter, Quota, RateLimiter};
use std::num::NonZeroU32;
use std::time::Duration;

/// Logins to one address: five in a row, then one more every three minutes.
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

    /// Counts a login attempt to `email` as typed, whether or not it has an account.
    pub fn allow_account(&self, email: &str) -> bool {
        self.accounts.check_key(&email.trim().to_lowercase()).is_ok()
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
            assert!(limits.allow_account("maria@example.fi"));
        }
        assert!(!limits.allow_account(" MARIA@example.fi"), "the same address however typed");
        assert!(limits.allow_account("other@example.fi"));
    }
}
