//! When a failed login makes the next attempt wait. Failures are counted
//! per account and client together, so that someone guessing an account's
//! password from one place does not lock its owner out from another, and
//! a correct password from a client that has not failed always gets in. A
//! generous ceiling per client address stops one machine from trying many
//! accounts (a hospital's NAT stays well under it with honest typos).

use chrono::{Duration, NaiveDateTime};

/// Failures older than this are forgotten.
pub const WINDOW_MINUTES: i64 = 60;
/// Wrong attempts for one account from one client before any wait.
pub const FREE_ATTEMPTS: i64 = 3;
/// The first wait; each further failure doubles it.
pub const FIRST_DELAY_SECONDS: i64 = 30;
/// The longest wait.
pub const MAX_DELAY_MINUTES: i64 = 15;
/// Failures from one client address (all accounts) within the window
/// before it must wait for the window to pass.
pub const MAX_FAILURES_PER_IP: i64 = 100;

pub fn window_start(now: NaiveDateTime) -> NaiveDateTime {
    now - Duration::minutes(WINDOW_MINUTES)
}

/// The recent failures that matter to one login attempt.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Failures {
    /// For this account from this client, inside the window.
    pub pair: i64,
    /// The latest of those.
    pub pair_last: Option<NaiveDateTime>,
    /// From this client for any account, inside the window.
    pub client: i64,
}

/// The wait after `failures` wrong attempts in a row: none for the first
/// few, then 30 s, 1 min, 2 min, ... up to 15 min.
pub fn delay_after(failures: i64) -> Duration {
    if failures < FREE_ATTEMPTS {
        return Duration::zero();
    }
    let doublings = u32::try_from(failures - FREE_ATTEMPTS)
        .unwrap_or(u32::MAX)
        .min(16);
    let delay = Duration::seconds(FIRST_DELAY_SECONDS.saturating_mul(1 << doublings));
    delay.min(Duration::minutes(MAX_DELAY_MINUTES))
}

/// Whether an attempt may be checked now. A refused attempt is refused
/// before the password is looked at, so the right password does not get
/// through a wait either; but the wait only ever falls on the client that
/// made the failures.
pub fn login_allowed(failures: Failures, now: NaiveDateTime) -> bool {
    if failures.client >= MAX_FAILURES_PER_IP {
        return false;
    }
    match failures.pair_last {
        Some(last) => now >= last + delay_after(failures.pair),
        None => true,
    }
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
    fn waits_grow_with_each_failure_up_to_a_ceiling() {
        assert_eq!(delay_after(0), Duration::zero());
        assert_eq!(delay_after(FREE_ATTEMPTS - 1), Duration::zero());
        assert_eq!(delay_after(FREE_ATTEMPTS), Duration::seconds(30));
        assert_eq!(delay_after(FREE_ATTEMPTS + 1), Duration::minutes(1));
        assert_eq!(delay_after(FREE_ATTEMPTS + 2), Duration::minutes(2));
        assert_eq!(delay_after(FREE_ATTEMPTS + 10), Duration::minutes(15));
        assert_eq!(delay_after(i64::MAX), Duration::minutes(15));
    }

    #[test]
    fn a_client_waits_after_its_own_failures_only() {
        let now = chrono::DateTime::from_timestamp(1_800_000_000, 0)
            .expect("time")
            .naive_utc();
        // Someone else's failures for the account are not this client's.
        assert!(login_allowed(Failures::default(), now));
        let failed = Failures {
            pair: FREE_ATTEMPTS + 1,
            pair_last: Some(now - Duration::seconds(59)),
            client: FREE_ATTEMPTS + 1,
        };
        assert!(!login_allowed(failed, now));
        assert!(login_allowed(failed, now + Duration::seconds(1)));
        let few = Failures {
            pair: FREE_ATTEMPTS - 1,
            pair_last: Some(now),
            client: FREE_ATTEMPTS - 1,
        };
        assert!(login_allowed(few, now));
    }

    #[test]
    fn a_client_that_fails_for_many_accounts_meets_the_ceiling() {
        let now = chrono::DateTime::from_timestamp(1_800_000_000, 0)
            .expect("time")
            .naive_utc();
        let busy = Failures {
            client: MAX_FAILURES_PER_IP,
            ..Failures::default()
        };
        assert!(!login_allowed(busy, now));
        let below = Failures {
            client: MAX_FAILURES_PER_IP - 1,
            ..Failures::default()
        };
        assert!(login_allowed(below, now));
    }
}
