//! The server's notion of "now": real time plus an offset that tests can move, so lockouts
//! (R-AUTH-2), one-time-code steps (R-AUTH-5) and "today" (R-BOA-8) can be tested without waiting.

use std::sync::atomic::{AtomicI64, Ordering};
use std::sync::Arc;
use std::time::{SystemTime, UNIX_EPOCH};

use contract::CalendarDate;

#[derive(Debug, Clone, Default)]
pub struct Clock {
    offset_seconds: Arc<AtomicI64>,
}

impl Clock {
    /// Unix seconds.
    pub fn now(&self) -> i64 {
        let real = SystemTime::now()
            .duration_since(UNIX_EPOCH)
            .map_or(0, |elapsed| elapsed.as_secs() as i64);
        real + self.offset_seconds.load(Ordering::Relaxed)
    }

    /// Moves this clock (and every clone of it) forward by `seconds`.
    pub fn advance(&self, seconds: i64) {
        self.offset_seconds.fetch_add(seconds, Ordering::Relaxed);
    }

    /// Moves this clock so that `now()` answers about `unix_seconds`.
    pub fn set(&self, unix_seconds: i64) {
        let current = self.now();
        self.advance(unix_seconds - current);
    }

    /// The civil date of `now()` in Eastern time: an end date is the last day in North
    /// Carolina, not in UTC.
    pub fn today(&self) -> CalendarDate {
        CalendarDate::eastern_of_unix_seconds(self.now())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn clones_share_their_offset() {
        let clock = Clock::default();
        let clone = clock.clone();
        let before = clone.now();
        clock.advance(3_600);
        assert!(clone.now() >= before + 3_600);
        clock.set(1_795_435_200);
        assert_eq!(clone.today().to_string(), "2026-11-23");
    }
}
