//! Rules of email delivery: which failures are worth another try, when the
//! next try is, when to give up, and when a meeting's reminder is due.

use chrono::{Duration, NaiveDateTime};

/// How a failed delivery is treated.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Failure {
    /// The server was down, timed out or said "try later" (4xx): the message
    /// waits and is tried again.
    Temporary,
    /// The server refused the message for good (5xx), or the message cannot
    /// be built: it stops, and an administrator sees why.
    Permanent,
}

impl Failure {
    /// Classifies by the SMTP reply code, if the server gave one. Without a
    /// code (no connection, a timeout, a broken TLS handshake) nothing says
    /// the message itself is wrong, so it is tried again.
    pub fn from_smtp_code(code: Option<u16>) -> Failure {
        match code {
            Some(c) if (500..600).contains(&c) => Failure::Permanent,
            _ => Failure::Temporary,
        }
    }
}

/// The first retry waits this long; each further one twice as long as the
/// one before, up to `MAX_DELAY`.
pub const FIRST_DELAY: Duration = Duration::minutes(1);
pub const MAX_DELAY: Duration = Duration::hours(4);
/// Tries in all before a temporary failure becomes a permanent one. With
/// the delays above this is a little over a day of trying (see the test).
pub const MAX_ATTEMPTS: i32 = 14;

/// The wait before the next try after `attempts` failed tries.
pub fn backoff(attempts: i32) -> Duration {
    let doublings = attempts.clamp(1, 20) - 1;
    let delay = FIRST_DELAY * 2i32.pow(doublings as u32);
    delay.min(MAX_DELAY)
}

/// When to try again after the `attempts`-th try failed temporarily, or
/// `None` when it is time to give up.
pub fn next_attempt(attempts: i32, now: NaiveDateTime) -> Option<NaiveDateTime> {
    (attempts < MAX_ATTEMPTS).then(|| now + backoff(attempts))
}

/// How long a worker may hold a message it took before another worker may
/// take it: longer than any SMTP conversation (lettre's timeout is a minute).
pub const LEASE: Duration = Duration::minutes(5);

/// Reminders go out this long before a meeting starts.
pub const REMINDER_AHEAD: Duration = Duration::hours(48);

/// Whether a meeting starting at `starts_at` is within its reminder window:
/// not begun yet, and at most two days away.
pub fn reminder_due(starts_at: NaiveDateTime, now: NaiveDateTime) -> bool {
    starts_at > now && starts_at - now <= REMINDER_AHEAD
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::NaiveDate;

    fn at(day: u32, hour: u32) -> NaiveDateTime {
        NaiveDate::from_ymd_opt(2026, 3, day)
            .and_then(|d| d.and_hms_opt(hour, 0, 0))
            .expect("date")
    }

    #[test]
    fn five_hundreds_are_permanent_and_everything_else_is_tried_again() {
        assert_eq!(Failure::from_smtp_code(Some(550)), Failure::Permanent);
        assert_eq!(Failure::from_smtp_code(Some(554)), Failure::Permanent);
        assert_eq!(Failure::from_smtp_code(Some(451)), Failure::Temporary);
        assert_eq!(Failure::from_smtp_code(Some(421)), Failure::Temporary);
        assert_eq!(Failure::from_smtp_code(None), Failure::Temporary);
    }

    #[test]
    fn retries_back_off_exponentially_up_to_a_ceiling() {
        assert_eq!(backoff(1), Duration::minutes(1));
        assert_eq!(backoff(2), Duration::minutes(2));
        assert_eq!(backoff(5), Duration::minutes(16));
        assert_eq!(backoff(9), Duration::hours(4));
        assert_eq!(backoff(40), Duration::hours(4), "no overflow");
        assert_eq!(backoff(0), Duration::minutes(1));
    }

    #[test]
    fn temporary_failures_are_retried_for_at_least_a_day() {
        let start = at(1, 8);
        let mut now = start;
        let mut attempts = 1;
        while let Some(next) = next_attempt(attempts, now) {
            assert!(next > now);
            now = next;
            attempts += 1;
        }
        assert_eq!(attempts, MAX_ATTEMPTS);
        assert!(now - start >= Duration::days(1), "{}", now - start);
        assert!(now - start <= Duration::days(2), "{}", now - start);
    }

    #[test]
    fn a_reminder_is_due_within_two_days_before_the_meeting() {
        let meeting = at(10, 9);
        assert!(!reminder_due(meeting, at(8, 8)), "more than two days ahead");
        assert!(reminder_due(meeting, at(8, 9)), "exactly two days ahead");
        assert!(reminder_due(meeting, at(10, 8)));
        assert!(!reminder_due(meeting, at(10, 9)), "it has begun");
        assert!(!reminder_due(meeting, at(11, 9)));
    }
}
