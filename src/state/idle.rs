//! The idle timeout: the server ends a session after `idle_timeout_seconds` without a request;
//! the client warns `IDLE_WARNING_SECONDS` before and leaves at the end.

use contract::auth::IDLE_WARNING_SECONDS;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum IdlePhase {
    Active,
    /// The "You will be signed out soon" dialog shows.
    Warning {
        seconds_left: i64,
    },
    Expired,
}

/// Times in milliseconds since the epoch, as the browser's clock gives them.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct IdleClock {
    timeout_ms: i64,
    warning_ms: i64,
    last_activity_ms: i64,
}

impl IdleClock {
    pub fn new(idle_timeout_seconds: i64, now_ms: i64) -> Self {
        let timeout_ms = idle_timeout_seconds.max(1) * 1000;
        Self {
            timeout_ms,
            // A short timeout (a test server) still leaves time before the warning.
            warning_ms: (IDLE_WARNING_SECONDS * 1000).min(timeout_ms / 2),
            last_activity_ms: now_ms,
        }
    }

    /// Each answered request restarts the server's idle period; an older time changes nothing.
    pub fn record_activity(&mut self, at_ms: i64) {
        self.last_activity_ms = self.last_activity_ms.max(at_ms);
    }

    pub fn phase(&self, now_ms: i64) -> IdlePhase {
        let left_ms = self.last_activity_ms + self.timeout_ms - now_ms;
        if left_ms <= 0 {
            IdlePhase::Expired
        } else if left_ms <= self.warning_ms {
            IdlePhase::Warning {
                // Round up: "1 second" is shown until the very end, never "0 seconds".
                seconds_left: (left_ms + 999) / 1000,
            }
        } else {
            IdlePhase::Active
        }
    }

    pub fn timeout_minutes(&self) -> i64 {
        (self.timeout_ms / 1000 + 59) / 60
    }
}

/// "2 minutes", "1 minute 5 seconds", "40 seconds".
pub fn describe_duration(seconds: i64) -> String {
    fn unit(n: i64, word: &str) -> String {
        format!("{n} {word}{}", if n == 1 { "" } else { "s" })
    }
    let (minutes, seconds) = (seconds / 60, seconds % 60);
    match (minutes, seconds) {
        (0, s) => unit(s, "second"),
        (m, 0) => unit(m, "minute"),
        (m, s) => format!("{} {}", unit(m, "minute"), unit(s, "second")),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use contract::auth::IDLE_TIMEOUT_SECONDS;

    const START: i64 = 1_000_000;

    #[test]
    fn the_warning_comes_two_minutes_before_the_end() {
        let clock = IdleClock::new(IDLE_TIMEOUT_SECONDS, START);
        assert_eq!(clock.phase(START + 12 * 60_000), IdlePhase::Active);
        assert_eq!(
            clock.phase(START + 13 * 60_000),
            IdlePhase::Warning { seconds_left: 120 }
        );
        assert_eq!(
            clock.phase(START + 15 * 60_000 - 1),
            IdlePhase::Warning { seconds_left: 1 }
        );
        assert_eq!(clock.phase(START + 15 * 60_000), IdlePhase::Expired);
    }

    #[test]
    fn activity_restarts_the_period_and_never_goes_back() {
        let mut clock = IdleClock::new(IDLE_TIMEOUT_SECONDS, START);
        clock.record_activity(START + 14 * 60_000);
        assert_eq!(clock.phase(START + 20 * 60_000), IdlePhase::Active);
        clock.record_activity(START);
        assert_eq!(clock.phase(START + 20 * 60_000), IdlePhase::Active);
        assert_eq!(clock.phase(START + 29 * 60_000), IdlePhase::Expired);
    }

    #[test]
    fn a_short_timeout_warns_in_its_second_half() {
        let clock = IdleClock::new(60, START);
        assert_eq!(clock.phase(START + 29_000), IdlePhase::Active);
        assert_eq!(
            clock.phase(START + 30_000),
            IdlePhase::Warning { seconds_left: 30 }
        );
        assert_eq!(clock.timeout_minutes(), 1);
    }

    #[test]
    fn durations_read_as_words() {
        assert_eq!(describe_duration(120), "2 minutes");
        assert_eq!(describe_duration(65), "1 minute 5 seconds");
        assert_eq!(describe_duration(1), "1 second");
        assert_eq!(describe_duration(40), "40 seconds");
    }
}
