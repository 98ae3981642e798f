//! The one clock of the server. Every service that reads the time (codes, the second factor,
//! drafts, session limits, and later payments and retries) asks the [`Clock`] in the
//! application's state, so tests move time on instead of waiting for it.

use std::sync::atomic::{AtomicI64, Ordering};
use std::sync::Arc;
use std::time::{SystemTime, UNIX_EPOCH};

/// The system's time, moved by an offset that only tests set. Cheap to clone: clones share
/// the offset, so a test that moves its clock moves the server's.
#[derive(Clone, Debug, Default)]
pub struct Clock {
    offset_seconds: Arc<AtomicI64>,
}

impl Clock {
    /// The system's time, as every deployment uses it.
    pub fn system() -> Clock {
        Clock::default()
    }

    /// Unix seconds now.
    pub fn now(&self) -> i64 {
        let system = SystemTime::now().duration_since(UNIX_EPOCH).map_or(0, |d| d.as_secs() as i64);
        system + self.offset_seconds.load(Ordering::Relaxed)
    }

    /// Unix milliseconds now.
    pub fn now_millis(&self) -> i64 {
        let system = SystemTime::now().duration_since(UNIX_EPOCH).map_or(0, |d| d.as_millis() as i64);
        system + self.offset_seconds.load(Ordering::Relaxed) * 1000
    }

    /// A time of the system's clock (Unix seconds) as this clock reads it: the expiry that a
    /// library computed from the system's time, moved with this clock.
    pub fn from_system(&self, system_seconds: i64) -> i64 {
        system_seconds + self.offset_seconds.load(Ordering::Relaxed)
    }

    /// Today's date (UTC; what matters here is the day).
    pub fn today(&self) -> crate::domain::date::Date {
        crate::domain::date::Date::from_unix_seconds(self.now())
    }

    /// Moves this clock, and every clone of it, `seconds` on (or back, when negative).
    #[cfg(any(test, feature = "test-support"))]
    pub fn advance(&self, seconds: i64) {
        self.offset_seconds.fetch_add(seconds, Ordering::Relaxed);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_moved_clock_moves_its_clones() {
        let clock = Clock::system();
        let clone = clock.clone();
        let before = clone.now();
        clock.advance(86_400);
        let after = clone.now();
        assert!((86_400..86_400 + 5).contains(&(after - before)), "{before} → {after}");
    }
}
