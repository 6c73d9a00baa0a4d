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

/// Reset links sent to one address within an hour: enough for a lost
/// email and a second try, too few to flood an inbox.
pub const MAX_RESETS_PER_EMAIL_PER_HOUR: i64 = 3;
/// Reset requests from one client within an hour, whatever the addresses
/// (an office behind one address may have a few people who forgot).
pub const MAX_RESETS_PER_IP_PER_HOUR: i64 = 20;

/// Whether a reset link may be sent, given the requests of the past hour
/// before this one. Refused requests get the same answer on the page, so
/// the limit tells nobody anything about the address.
pub fn reset_allowed(requests_for_email: i64, requests_for_ip: i64) -> bool {
    requests_for_email < MAX_RESETS_PER_EMAIL_PER_HOUR
        && requests_for_ip < MAX_RESETS_PER_IP_PER_HOUR
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reset_links_are_limited_per_address_and_per_client() {
        assert!(reset_allowed(0, 0));
        assert!(reset_allowed(MAX_RESETS_PER_EMAIL_PER_HOUR - 1, 0));
        assert!(!reset_allowed(MAX_RESETS_PER_EMAIL_PER_HOUR, 0));
        assert!(!reset_allowed(0, MAX_RESETS_PER_IP_PER_HOUR));
    }

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
