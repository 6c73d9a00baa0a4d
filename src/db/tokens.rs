//! One-time tokens for links sent by email: verify an address, reset a
//! password, accept an invitation. Only a hash of the token is stored, so a
//! copy of the database does not hold working links.

use chrono::{Duration, NaiveDateTime};
use diesel::prelude::*;

use super::schema::user_tokens;
use super::{DbConnection, now};
use crate::db::Direct;
use crate::domain::Code;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Purpose {
    VerifyEmail,
    ResetPassword,
    Invitation,
    /// An account made for someone who enrolled without one: choose a
    /// password.
    Welcome,
    /// An administrator made on the command line (`brobyg admin create
    /// --link`): choose a password.
    AdminSetup,
    /// Confirm a new address (`users.pending_email`) from that address.
    ChangeEmail,
}

impl Code for Purpose {
    const ALL: &'static [Purpose] = &[
        Purpose::VerifyEmail,
        Purpose::ResetPassword,
        Purpose::Invitation,
        Purpose::Welcome,
        Purpose::AdminSetup,
        Purpose::ChangeEmail,
    ];

    fn as_str(self) -> &'static str {
        match self {
            Purpose::VerifyEmail => "verify_email",
            Purpose::ResetPassword => "reset_password",
            Purpose::Invitation => "invitation",
            Purpose::Welcome => "welcome",
            Purpose::AdminSetup => "admin_setup",
            Purpose::ChangeEmail => "change_email",
        }
    }
}

impl Purpose {
    /// Reset links are short-lived because they grant access; invitations
    /// wait for people who read their email once a week. An administrator's
    /// first link grants the most and is handed over by the operator, who
    /// is at hand: a day.
    pub fn lifetime(self) -> Duration {
        match self {
            Purpose::VerifyEmail | Purpose::ChangeEmail => Duration::days(2),
            Purpose::ResetPassword => Duration::hours(1),
            Purpose::AdminSetup => Duration::hours(24),
            Purpose::Invitation | Purpose::Welcome => Duration::days(14),
        }
    }
}

pub fn store(
    conn: &mut DbConnection,
    user_id: i64,
    purpose: Purpose,
    token_hash: &str,
) -> QueryResult<NaiveDateTime> {
    let at = now();
    let expires_at = at + purpose.lifetime();
    let insert = diesel::insert_into(user_tokens::table).values((
        user_tokens::user_id.eq(user_id),
        user_tokens::purpose.eq(purpose),
        user_tokens::token_hash.eq(token_hash),
        user_tokens::expires_at.eq(expires_at),
        user_tokens::created_at.eq(at),
    ));
    crate::db::direct!(conn, |c| insert.execute(c))?;
    Ok(expires_at)
}

/// The user a valid (unused, unexpired) token belongs to, without using it.
pub fn peek(
    conn: &mut DbConnection,
    purpose: Purpose,
    token_hash: &str,
) -> QueryResult<Option<i64>> {
    user_tokens::table
        .filter(user_tokens::token_hash.eq(token_hash))
        .filter(user_tokens::purpose.eq(purpose))
        .filter(user_tokens::used_at.is_null())
        .filter(user_tokens::expires_at.gt(now()))
        .select(user_tokens::user_id)
        .first_direct(conn)
        .optional()
}

/// Uses a token: returns its user if it was valid, and makes sure it (and
/// every other open token of the same purpose for that user) cannot be
/// used again. The conditional update makes a double submit use it once.
pub fn consume(
    conn: &mut DbConnection,
    purpose: Purpose,
    token_hash: &str,
) -> QueryResult<Option<i64>> {
    let Some(user_id) = peek(conn, purpose, token_hash)? else {
        return Ok(None);
    };
    let at = now();
    let used = diesel::update(
        user_tokens::table
            .filter(user_tokens::token_hash.eq(token_hash))
            .filter(user_tokens::used_at.is_null()),
    )
    .set(user_tokens::used_at.eq(at))
    .execute_direct(conn)?;
    if used == 0 {
        return Ok(None);
    }
    diesel::update(
        user_tokens::table
            .filter(user_tokens::user_id.eq(user_id))
            .filter(user_tokens::purpose.eq(purpose))
            .filter(user_tokens::used_at.is_null()),
    )
    .set(user_tokens::used_at.eq(at))
    .execute_direct(conn)?;
    Ok(Some(user_id))
}

/// Makes every open token of this purpose for the user unusable: a new
/// request replaces what an older link would have confirmed.
pub fn revoke(conn: &mut DbConnection, user_id: i64, purpose: Purpose) -> QueryResult<()> {
    diesel::update(
        user_tokens::table
            .filter(user_tokens::user_id.eq(user_id))
            .filter(user_tokens::purpose.eq(purpose))
            .filter(user_tokens::used_at.is_null()),
    )
    .set(user_tokens::used_at.eq(now()))
    .execute_direct(conn)?;
    Ok(())
}
