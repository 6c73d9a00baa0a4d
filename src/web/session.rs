//! What the signed, encrypted session cookie holds: the signed-in user, the
//! CSRF token, one-shot flash messages and the enrolment just made. Nothing else is kept between
//! requests, so any instance can serve any request.

use actix_session::{Session, SessionExt};
use actix_web::HttpRequest;
use serde::{Deserialize, Serialize};

use crate::auth::token;

const USER_ID: &str = "uid";
const EPOCH: &str = "epoch";
/// The server-side session's token (its hash is the `login_sessions` row).
const TOKEN: &str = "sid";
/// Between a right password and the code: who, and since when.
const PENDING: &str = "pending";
/// A second factor being set up, until its first code confirms it.
const SETUP_SECRET: &str = "setup_secret";
const CSRF: &str = "csrf";
const FLASH: &str = "flash";
/// Who enrolled in which session from this browser without signing in:
/// their thank-you page may show that enrolment, and nobody else's.
const ENROLLED: &str = "enrolled";

/// How a flash message is shown: its colour, and whether screen readers
/// announce it at once (errors) or politely.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Level {
    Success,
    Info,
    Error,
}

#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct Flash {
    pub level: Level,
    /// Translation key of the text.
    pub key: String,
    /// Announced at once (`role="alert"`) rather than politely.
    #[serde(default)]
    pub alert: bool,
}

/// What the cookie says about who is signed in.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SignedIn {
    pub user_id: i64,
    pub epoch: i64,
    pub token: String,
}

pub fn signed_in_user(session: &Session) -> Option<SignedIn> {
    Some(SignedIn {
        user_id: session.get::<i64>(USER_ID).ok().flatten()?,
        epoch: session.get::<i64>(EPOCH).ok().flatten()?,
        token: session.get::<String>(TOKEN).ok().flatten()?,
    })
}

/// Starts a fresh session for the user: renewing the cookie on login stops
/// a session fixed before login from being taken over.
pub fn sign_in(session: &Session, started: &crate::app::signin::Started) {
    let flashes = take_flashes(session);
    // Not `purge`: actix-session ignores inserts after a purge.
    session.clear();
    session.renew();
    let _ = session.insert(USER_ID, started.user_id);
    let _ = session.insert(EPOCH, started.epoch);
    let _ = session.insert(TOKEN, &started.token);
    let _ = session.insert(FLASH, flashes);
}

/// Between the password and the code at login.
#[derive(Debug, Clone, Copy, Serialize, Deserialize)]
pub struct Pending {
    pub user_id: i64,
    pub epoch: i64,
    pub password_at: chrono::NaiveDateTime,
    /// The browser had the account's device cookie at the password step.
    pub known_device: bool,
}

/// Remembers a right password while the code is asked for. Not signed in:
/// every page treats the visitor as anonymous until the code is right.
pub fn await_code(session: &Session, user_id: i64, epoch: i64, known_device: bool) {
    session.clear();
    session.renew();
    let _ = session.insert(
        PENDING,
        Pending {
            user_id,
            epoch,
            password_at: chrono::Utc::now().naive_utc(),
            known_device,
        },
    );
}

pub fn pending(session: &Session) -> Option<Pending> {
    session.get::<Pending>(PENDING).ok().flatten()
}

/// The secret of a second factor being set up, if any.
pub fn setup_secret(session: &Session) -> Option<String> {
    session.get::<String>(SETUP_SECRET).ok().flatten()
}

pub fn set_setup_secret(session: &Session, secret: Option<&str>) {
    match secret {
        Some(s) => {
            let _ = session.insert(SETUP_SECRET, s);
        }
        None => {
            session.remove(SETUP_SECRET);
        }
    }
}

/// Remembers that this browser just enrolled `user_id` in `session_id`.
pub fn remember_enrolment(session: &Session, session_id: i64, user_id: i64) {
    let _ = session.insert(ENROLLED, (session_id, user_id));
}

/// The account this browser last enrolled in `session_id`, if any.
pub fn enrolled_in(session: &Session, session_id: i64) -> Option<i64> {
    match session.get::<(i64, i64)>(ENROLLED).ok().flatten() {
        Some((s, user_id)) if s == session_id => Some(user_id),
        _ => None,
    }
}

pub fn update_epoch(session: &Session, epoch: i64) {
    let _ = session.insert(EPOCH, epoch);
}

/// Forgets the user (and the CSRF token) but keeps a session to carry a
/// flash message to the next page.
pub fn sign_out(session: &Session) {
    session.clear();
    session.renew();
}

/// The session's CSRF token, created on first use.
pub fn csrf_token(session: &Session) -> String {
    if let Some(existing) = existing_csrf_token(session) {
        return existing;
    }
    let fresh = token::generate();
    let _ = session.insert(CSRF, &fresh);
    fresh
}

/// The session's CSRF token if it has one (none is made).
pub fn existing_csrf_token(session: &Session) -> Option<String> {
    session.get::<String>(CSRF).ok().flatten()
}

pub fn expected_csrf(req: &HttpRequest) -> Option<String> {
    req.get_session().get::<String>(CSRF).ok().flatten()
}

pub fn flash(session: &Session, level: Level, key: &str) {
    let mut all = session
        .get::<Vec<Flash>>(FLASH)
        .ok()
        .flatten()
        .unwrap_or_default();
    all.push(Flash {
        level,
        key: key.into(),
        alert: level == Level::Error,
    });
    let _ = session.insert(FLASH, all);
}

/// Whether a message waits for the next page (which then is this
/// visitor's own).
pub fn has_flashes(session: &Session) -> bool {
    session
        .get::<Vec<Flash>>(FLASH)
        .ok()
        .flatten()
        .is_some_and(|all| !all.is_empty())
}

pub fn take_flashes(session: &Session) -> Vec<Flash> {
    let all = session
        .get::<Vec<Flash>>(FLASH)
        .ok()
        .flatten()
        .unwrap_or_default();
    if !all.is_empty() {
        session.remove(FLASH);
    }
    all
}
