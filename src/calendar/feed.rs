//! The personal calendar feed: its secret address and its content.
//!
//! The address holds a token derived from the site's secret key, the user id
//! and a random salt kept on the user. The database stores the salt and the
//! token's hash: a copy of the database alone opens no feed, while the
//! account page can show the same address again. A new salt is a new
//! address, and the old one stops working at once.

use chrono::{Duration, NaiveDateTime};
use secrecy::SecretString;

use super::ics::{self, Person};
use crate::domain::events::SessionSummary;

/// Meetings this long past stay in the feed, so that a calendar does not
/// lose last week's entries at its next refresh.
pub const KEEP_PAST: Duration = Duration::days(30);

/// The token in a user's feed address (43 URL-safe characters, 256 bits).
/// The user id is part of the message, so one salt on two users (a copied
/// row) still gives two addresses.
pub fn token(secret_key: &SecretString, user_id: i64, salt: &str) -> String {
    crate::auth::token::derive(
        secret_key,
        "brobyg-calendar-feed",
        &format!("{user_id}\0{salt}"),
    )
}

/// The feed's path on the site.
pub fn path(token: &str) -> String {
    format!("/kalender/{token}.ics")
}

/// Whether a string can be a feed token at all (checked before any lookup).
pub fn plausible(token: &str) -> bool {
    token.len() == 43
        && token
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || b == b'-' || b == b'_')
}

/// The feed of one person's meetings, with the UIDs of their invitations.
pub fn render(
    name: &str,
    sessions: &[SessionSummary],
    owner: Person<'_>,
    user_id: i64,
    fallback_organizer: Person<'_>,
    now: NaiveDateTime,
) -> String {
    ics::publish(
        name,
        sessions,
        Some((owner, user_id)),
        fallback_organizer,
        now,
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tokens_depend_on_key_user_and_salt() {
        let (k, j) = (
            SecretString::from("k".repeat(40)),
            SecretString::from("j".repeat(40)),
        );
        let t = token(&k, 1, "salt");
        assert!(plausible(&t), "{t}");
        assert_eq!(t, token(&k, 1, "salt"), "stable");
        assert_ne!(t, token(&k, 2, "salt"));
        assert_ne!(t, token(&k, 1, "other"));
        assert_ne!(t, token(&j, 1, "salt"));
        assert_eq!(path("abc"), "/kalender/abc.ics");
    }

    #[test]
    fn only_well_formed_tokens_are_looked_up() {
        assert!(!plausible(""));
        assert!(!plausible("../../etc/passwd"));
        assert!(!plausible(&"a".repeat(44)));
        assert!(plausible(&"a".repeat(43)));
    }
}
