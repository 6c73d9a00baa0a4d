//! Staying signed in safely: sessions that end on the server, the login
//! throttle that falls on the guesser only, two-factor login, and proving
//! who one is again before a sensitive action.

pub(crate) mod second_factor;
mod sessions;
mod step_up;
mod throttle;
