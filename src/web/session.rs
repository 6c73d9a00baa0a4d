//! What the signed, encrypted session cookie holds: the signed-in user, the
//! CSRF token and one-shot flash messages. Nothing else is kept between
//! requests, so any instance can serve any request.

use actix_session::{Session, SessionExt};
use actix_web::HttpRequest;
use serde::{Deserialize, Serialize};

use crate::auth::token;

const USER_ID: &str = "uid";
const EPOCH: &str = "epoch";
const CSRF: &str = "csrf";
const FLASH: &str = "flash";

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

pub fn signed_in_user(session: &Session) -> Option<(i64, i64)> {
    let id = session.get::<i64>(USER_ID).ok().flatten()?;
    let epoch = session.get::<i64>(EPOCH).ok().flatten()?;
    Some((id, epoch))
}

/// Starts a fresh session for the user: renewing the cookie on login stops
/// a session fixed before login from being taken over.
pub fn sign_in(session: &Session, user_id: i64, epoch: i64) {
    let flashes = take_flashes(session);
    // Not `purge`: actix-session ignores inserts after a purge.
    session.clear();
    session.renew();
    let _ = session.insert(USER_ID, user_id);
    let _ = session.insert(EPOCH, epoch);
    let _ = session.insert(FLASH, flashes);
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
    if let Ok(Some(existing)) = session.get::<String>(CSRF) {
        return existing;
    }
    let fresh = token::generate();
    let _ = session.insert(CSRF, &fresh);
    fresh
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
