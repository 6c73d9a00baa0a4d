//! How many failed logins are tolerated before further attempts are refused
//! for a while. Counted per email address (guessing one account's password)
//! and per client address (trying many accounts).

use chrono::{Duration, NaiveDateTime};

pub const WINDOW_MINUTES: i64 = 15;
pub const MAX_FAILURES_PER_EMAIL: i64 = 5;
pub const MAX_FAILURES_PER_IP: i64 = 20;

pub fn window_start(now: NaiveDateTime) -> NaiveDateTime {
    now - Duration::minutes(WINDOW_MINUTES)
}

/// Whether another attempt may be checked, given the failures inside the
/// window. A refused attempt is refused before the password is looked at,
/// so even the right password does not get through while locked.
pub fn login_allowed(failures_for_email: i64, failures_for_ip: i64) -> bool {
    failures_for_email < MAX_FAILURES_PER_EMAIL && failures_for_ip < MAX_FAILURES_PER_IP
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn attempts_are_refused_at_the_limits() {
        assert!(login_allowed(0, 0));
        assert!(login_allowed(
            MAX_FAILURES_PER_EMAIL - 1,
            MAX_FAILURES_PER_IP - 1
        ));
        assert!(!login_allowed(MAX_FAILURES_PER_EMAIL, 0));
        assert!(!login_allowed(0, MAX_FAILURES_PER_IP));
    }
}
