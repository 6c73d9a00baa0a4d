//! Logging in and staying in: the password, the second factor, the
//! server-side session every request is checked against, ending sessions,
//! and proving who one is again before a sensitive action.
//!
//! The cookie holds the user id, the account's session epoch and a random
//! session token; the `login_sessions` row holds the token's hash. A
//! request is signed in only while all three agree with the database, so
//! logging out (deleting the row), changing the password (raising the
//! epoch) and deactivation each end a session at once, on every instance.

use chrono::{Duration, NaiveDateTime};
use diesel::QueryResult;

use crate::auth::token;
use crate::db::users::{self, Account, User};
use crate::db::{DbConnection, login_sessions, login_throttle, now, outbox, second_factors};
use crate::domain::events::{Message, Recipient};
use crate::domain::{device, second_factor, throttle};

/// Where a request comes from: what the throttle counts by and what the
/// list of one's sessions shows.
#[derive(Debug, Clone)]
pub struct Client {
    pub ip: String,
    pub user_agent: String,
    /// The browser holds the account's device cookie: it has logged in to
    /// this account before (see `throttle_key`).
    pub known_device: bool,
}

/// What login failures are counted by for this client: a browser that has
/// logged in to the account before counts apart from its address, so that
/// neither strangers behind the same address (a hospital's NAT) nor the
/// ceiling per address ever make the owner's own browser wait; any other
/// client counts by its address.
const KNOWN_DEVICE: &str = "known-device";

impl Client {
    fn throttle_key(&self) -> &str {
        if self.known_device {
            KNOWN_DEVICE
        } else {
            &self.ip
        }
    }

    fn allowed(&self, c: &mut DbConnection, email: &str) -> QueryResult<bool> {
        let mut failures = login_throttle::recent_failures(c, email, self.throttle_key())?;
        if self.known_device {
            failures.client = 0;
        }
        Ok(throttle::login_allowed(failures, now()))
    }
}

/// A session just started: what the cookie must hold.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Started {
    pub user_id: i64,
    pub email: String,
    pub epoch: i64,
    pub token: String,
}

/// What a login attempt came to.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum LogIn {
    SignedIn(Started),
    /// The password was right; the account has a second factor, whose code
    /// comes next (`second_step`).
    CodeNeeded {
        user_id: i64,
        epoch: i64,
    },
    /// This client failed too often lately: it waits.
    Throttled,
    Failed,
    /// The password was right but the address is not confirmed: a fresh
    /// link is on its way.
    Unverified,
    Deactivated,
}

/// Checks a login. Failures count towards the throttle for this address
/// and client; the password is checked outside any transaction, since
/// hashing is slow on purpose.
#[tracing::instrument(skip_all)]
pub async fn log_in(
    app: &super::App,
    email: &str,
    password: &str,
    client: &Client,
) -> Result<LogIn, super::Error> {
    let email = email.trim().to_lowercase();
    let (allowed, user) = {
        let (email, client) = (email.clone(), client.clone());
        app.read(move |c| Ok((client.allowed(c, &email)?, users::find_by_email(c, &email)?)))
            .await?
    };
    if !allowed {
        return Ok(LogIn::Throttled);
    }
    let stored = user.as_ref().and_then(|u| u.password_hash.clone());
    let matches = super::verify_password(password, stored).await?;
    let client = client.clone();
    app.write(move |c| {
        let user = match user {
            Some(u) if matches => u,
            _ => {
                login_throttle::record_failure(c, &email, client.throttle_key())?;
                return Ok(LogIn::Failed);
            }
        };
        if user.deactivated_at.is_some() {
            return Ok(LogIn::Deactivated);
        }
        if user.email_verified_at.is_none() {
            // They proved they know the password: send a fresh link.
            let link = super::accounts::verify_link(c, user.id)?;
            outbox::enqueue(c, &Recipient::from(&user), &Message::VerifyEmail { link })?;
            return Ok(LogIn::Unverified);
        }
        if second_factors::of_user(c, user.id)?.is_some() {
            // The failures are forgiven only when the code is right too:
            // otherwise a known password would reset the wait between
            // guesses at the code.
            return Ok(LogIn::CodeNeeded {
                user_id: user.id,
                epoch: user.session_epoch,
            });
        }
        login_throttle::clear(c, &email, client.throttle_key())?;
        Ok(LogIn::SignedIn(start(c, &user, &client)?))
    })
    .await
}

/// What the code at login came to.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum SecondStep {
    SignedIn(Started),
    Wrong,
    Throttled,
    /// The password step is too old or no longer matches the account (the
    /// password changed, the factor was reset): start again.
    StartAgain,
}

/// The second step of a login: the code from the app or a recovery code,
/// within a few minutes of the password. Wrong codes count towards the
/// same throttle as wrong passwords.
#[tracing::instrument(skip_all, fields(user = user_id))]
pub async fn second_step(
    app: &super::App,
    user_id: i64,
    epoch: i64,
    password_at: NaiveDateTime,
    code: &str,
    client: &Client,
) -> Result<SecondStep, super::Error> {
    if now() - password_at > Duration::minutes(second_factor::CODE_WAIT_MINUTES) {
        return Ok(SecondStep::StartAgain);
    }
    let (code, client) = (code.to_string(), client.clone());
    app.write(move |c| {
        let Some(user) = diesel::OptionalExtension::optional(users::find(c, user_id))? else {
            return Ok(SecondStep::StartAgain);
        };
        if user.session_epoch != epoch || user.deactivated_at.is_some() {
            return Ok(SecondStep::StartAgain);
        }
        if !client.allowed(c, &user.email)? {
            return Ok(SecondStep::Throttled);
        }
        match prove_code(c, user_id, &code)? {
            Proof::None => Ok(SecondStep::StartAgain),
            Proof::Wrong => {
                login_throttle::record_failure(c, &user.email, client.throttle_key())?;
                Ok(SecondStep::Wrong)
            }
            Proof::Right => {
                login_throttle::clear(c, &user.email, client.throttle_key())?;
                Ok(SecondStep::SignedIn(start(c, &user, &client)?))
            }
        }
    })
    .await
}

enum Proof {
    /// The account has no second factor (any more).
    None,
    Wrong,
    Right,
}

/// Checks a code from the app (each time step is good once) or an unused
/// recovery code (used up by this).
fn prove_code(c: &mut DbConnection, user_id: i64, code: &str) -> QueryResult<Proof> {
    let Some(factor) = second_factors::of_user(c, user_id)? else {
        return Ok(Proof::None);
    };
    let right = if second_factor::looks_like_recovery_code(code) {
        let hash = super::two_factor::recovery_code_hash(code);
        second_factors::use_recovery_code(c, user_id, &hash)?
    } else {
        match second_factor::check(&factor.secret, code, unix_now()) {
            Some(step) => second_factors::use_step(c, user_id, step)?,
            None => false,
        }
    };
    Ok(if right { Proof::Right } else { Proof::Wrong })
}

fn unix_now() -> u64 {
    u64::try_from(chrono::Utc::now().timestamp()).unwrap_or(0)
}

/// Starts a server-side session for the user (in the caller's
/// transaction).
pub fn start(c: &mut DbConnection, user: &User, client: &Client) -> QueryResult<Started> {
    let raw = token::generate();
    login_sessions::start(
        c,
        user.id,
        &token::digest(&raw),
        &truncate(&client.user_agent, 400),
        &client.ip,
    )?;
    crate::db::users::record_login(c, user.id, crate::db::now())?;
    Ok(Started {
        user_id: user.id,
        email: user.email.clone(),
        epoch: user.session_epoch,
        token: raw,
    })
}

fn truncate(s: &str, max: usize) -> String {
    s.chars().take(max).collect()
}

/// The signed-in person behind a request, and their session.
#[derive(Debug, Clone)]
pub struct Current {
    pub account: Account,
    pub session: SessionState,
}

/// What the site knows of the session a request belongs to.
#[derive(Debug, Clone, Copy)]
pub struct SessionState {
    pub id: i64,
    pub proved_at: NaiveDateTime,
    pub has_second_factor: bool,
}

impl SessionState {
    /// Whether a sensitive action may go ahead without asking again.
    pub fn proof_is_fresh(&self) -> bool {
        second_factor::proof_is_fresh(self.proved_at, now())
    }
}

/// How stale `last_seen_at` may get before a request refreshes it: one
/// write per session every few minutes rather than one per request.
const TOUCH_AFTER_MINUTES: i64 = 5;

/// The account and session a cookie stands for, if the session is still
/// live and the account's epoch still matches; `None` otherwise.
pub async fn current(
    app: &super::App,
    user_id: i64,
    epoch: i64,
    raw_token: &str,
    client_ip: &str,
) -> Result<Option<Current>, super::Error> {
    let digest = token::digest(raw_token);
    let found = app
        .read(move |c| Ok(login_sessions::find_with_account(c, &digest, user_id)?))
        .await?;
    let Some((session, account, has_second_factor)) = found else {
        return Ok(None);
    };
    if account.user.session_epoch != epoch || account.user.deactivated_at.is_some() {
        return Ok(None);
    }
    if now() - session.last_seen_at > Duration::minutes(TOUCH_AFTER_MINUTES)
        || session.ip != client_ip
    {
        let (id, ip) = (session.id, client_ip.to_string());
        app.write(move |c| Ok(login_sessions::touch(c, id, &ip)?))
            .await?;
    }
    Ok(Some(Current {
        account,
        session: SessionState {
            id: session.id,
            proved_at: session.proved_at,
            has_second_factor,
        },
    }))
}

/// Logging out: this session ends for good.
pub async fn log_out(app: &super::App, user_id: i64, session_id: i64) -> Result<(), super::Error> {
    app.write(move |c| {
        login_sessions::end(c, user_id, session_id)?;
        Ok(())
    })
    .await
}

/// "Log out everywhere": every session of the user ends, this one too.
pub async fn log_out_everywhere(app: &super::App, user_id: i64) -> Result<usize, super::Error> {
    app.write(move |c| Ok(login_sessions::end_all(c, user_id, None)?))
        .await
}

/// Ends one of one's own sessions (another device); false if the user has
/// no such session.
pub async fn end_session(
    app: &super::App,
    user_id: i64,
    session_id: i64,
) -> Result<bool, super::Error> {
    app.write(move |c| Ok(login_sessions::end(c, user_id, session_id)?))
        .await
}

/// One line of the list of one's sessions.
#[derive(Debug, Clone, serde::Serialize)]
pub struct SessionLine {
    pub id: i64,
    pub device: String,
    pub ip: String,
    pub started: NaiveDateTime,
    pub last_seen: NaiveDateTime,
    pub current: bool,
}

/// One's live sessions, the current one first (in the caller's read).
pub fn session_lines(
    c: &mut DbConnection,
    user_id: i64,
    current_id: i64,
) -> QueryResult<Vec<SessionLine>> {
    let mut lines: Vec<SessionLine> = login_sessions::of_user(c, user_id)?
        .into_iter()
        .map(|s| SessionLine {
            id: s.id,
            device: device::describe(&s.user_agent),
            ip: s.ip,
            started: s.created_at,
            last_seen: s.last_seen_at,
            current: s.id == current_id,
        })
        .collect();
    lines.sort_by_key(|l| !l.current);
    Ok(lines)
}

/// What proving one's identity again came to.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Reproof {
    Proved,
    Wrong,
    Throttled,
}

/// Proves who one is again, for a sensitive action: the password, or a
/// code from the app if the account has a second factor. Wrong answers
/// count towards the login throttle.
#[tracing::instrument(skip_all, fields(user = account.user.id))]
pub async fn prove_again(
    app: &super::App,
    account: &Account,
    session_id: i64,
    answer: &str,
    client: &Client,
) -> Result<Reproof, super::Error> {
    let (user_id, email, client) = (account.user.id, account.user.email.clone(), client.clone());
    let allowed = {
        let (email, client) = (email.clone(), client.clone());
        app.read(move |c| Ok(client.allowed(c, &email)?)).await?
    };
    if !allowed {
        return Ok(Reproof::Throttled);
    }
    let password_ok = super::verify_password(answer, account.user.password_hash.clone()).await?;
    let answer = answer.to_string();
    app.write(move |c| {
        let right = password_ok
            || (!second_factor::looks_like_recovery_code(&answer)
                && matches!(prove_code(c, user_id, &answer)?, Proof::Right));
        if !right {
            login_throttle::record_failure(c, &email, client.throttle_key())?;
            return Ok(Reproof::Wrong);
        }
        login_sessions::proved(c, session_id)?;
        Ok(Reproof::Proved)
    })
    .await
}
