//! Calendar storage: the secret of each person's feed address, the
//! meetings a feed shows, and who may download a session's calendar.

use crate::db::{Direct, columns_of};
use crate::domain::Code;
use std::collections::HashMap;

use chrono::NaiveDateTime;
use diesel::prelude::*;

use super::schema::{branches, enrolments, sessions, users};
use super::sessions::{Session, meetings_of};
use super::users::User;
use super::{DbConnection, now};
use crate::domain::enrolment::EnrolmentStatus;
use crate::domain::events::{MeetingInfo, Organizer, SessionSummary};
use crate::domain::session::SessionStatus;

/// The salt of a user's feed address, made on first use. `hash_of` turns a
/// salt into the hash of the token it gives; the stored hash follows it
/// (it changes only if the site's secret key changed).
pub fn feed_salt(
    conn: &mut DbConnection,
    user_id: i64,
    new_salt: &str,
    hash_of: impl Fn(&str) -> String,
) -> QueryResult<String> {
    // Two first visits at once both try; the condition lets one win.
    diesel::update(
        users::table
            .find(user_id)
            .filter(users::calendar_salt.is_null()),
    )
    .set(users::calendar_salt.eq(new_salt))
    .execute_direct(conn)?;
    let (salt, stored): (Option<String>, Option<String>) = users::table
        .find(user_id)
        .select((users::calendar_salt, users::calendar_token_hash))
        .first_direct(conn)?;
    let salt = salt.ok_or(diesel::result::Error::NotFound)?;
    let hash = hash_of(&salt);
    if stored.as_deref() != Some(hash.as_str()) {
        diesel::update(users::table.find(user_id))
            .set(users::calendar_token_hash.eq(hash))
            .execute_direct(conn)?;
    }
    Ok(salt)
}

/// The salt of a user's feed address and the hash stored for it, as they
/// are: `feed_salt` makes them on first use.
pub fn feed_secret(
    conn: &mut DbConnection,
    user_id: i64,
) -> QueryResult<(Option<String>, Option<String>)> {
    users::table
        .find(user_id)
        .select((users::calendar_salt, users::calendar_token_hash))
        .first_direct(conn)
}

/// A new feed address: the old token stops working with this update.
pub fn renew_feed(
    conn: &mut DbConnection,
    user_id: i64,
    salt: &str,
    token_hash: &str,
) -> QueryResult<()> {
    diesel::update(users::table.find(user_id))
        .set((
            users::calendar_salt.eq(salt),
            users::calendar_token_hash.eq(token_hash),
            users::updated_at.eq(now()),
        ))
        .execute_direct(conn)?;
    Ok(())
}

/// The active user whose feed token has this hash.
pub fn user_by_feed(conn: &mut DbConnection, token_hash: &str) -> QueryResult<Option<User>> {
    users::table
        .filter(users::calendar_token_hash.eq(token_hash))
        .filter(users::deactivated_at.is_null())
        .select(columns_of::<User>())
        .first_direct(conn)
        .optional()
}

/// The sessions a person holds a confirmed seat in, with the meetings that
/// end after `since` and are not cancelled, as calendar entries describe
/// them. Two queries, whatever the number of sessions.
pub fn feed_sessions(
    conn: &mut DbConnection,
    user_id: i64,
    since: NaiveDateTime,
) -> QueryResult<Vec<SessionSummary>> {
    type Row = (Session, Option<(String, String, String)>);
    let rows: Vec<Row> = sessions::table
        .inner_join(enrolments::table)
        .left_join(branches::table)
        .filter(enrolments::user_id.eq(user_id))
        .filter(enrolments::status.eq(EnrolmentStatus::Confirmed))
        .filter(sessions::status.ne(SessionStatus::Cancelled))
        .filter(sessions::ends_at.ge(since))
        .order((sessions::starts_at, sessions::id))
        .select((
            columns_of::<Session>(),
            (branches::name, branches::email, branches::phone).nullable(),
        ))
        .load_direct(conn)?;
    let ids: Vec<i64> = rows.iter().map(|(s, _)| s.id).collect();
    let mut meetings: HashMap<i64, Vec<MeetingInfo>> = HashMap::new();
    let by_id: HashMap<i64, &Session> = rows.iter().map(|(s, _)| (s.id, s)).collect();
    let skipped = super::cohorts::skipped_by_makeups(conn, &[user_id])?;
    for m in meetings_of(conn, &ids)? {
        if m.cancelled_at.is_some() || m.ends_at < since || skipped.contains(&(m.id, user_id)) {
            continue;
        }
        let session = by_id.get(&m.session_id);
        let default_place = session.map(|s| s.location.clone()).unwrap_or_default();
        let default_link = session.and_then(|s| s.online_url.clone());
        meetings.entry(m.session_id).or_default().push(MeetingInfo {
            id: m.id,
            starts_at: m.starts_at,
            ends_at: m.ends_at,
            location: m.location.clone().unwrap_or(default_place),
            online_url: m.online_url.clone().or(default_link),
            sequence: m.sequence,
            cancelled: false,
        });
    }
    Ok(rows
        .into_iter()
        .filter_map(|(s, branch)| {
            let meetings = meetings.remove(&s.id)?;
            Some(SessionSummary {
                id: s.id,
                kind: s.kind,
                title: s.title.clone(),
                location: s.location.clone(),
                online_url: s.online_url.clone(),
                url: s.kind.path(s.id),
                organizer: branch.map(|(name, email, phone)| Organizer { name, email, phone }),
                meetings,
            })
        })
        .collect())
}

/// The status of a person's enrolment in a session, if any.
pub fn enrolment_status(
    conn: &mut DbConnection,
    session_id: i64,
    user_id: i64,
) -> QueryResult<Option<EnrolmentStatus>> {
    let status: Option<String> = enrolments::table
        .filter(enrolments::session_id.eq(session_id))
        .filter(enrolments::user_id.eq(user_id))
        .select(enrolments::status)
        .first_direct(conn)
        .optional()?;
    Ok(status.as_deref().and_then(EnrolmentStatus::parse))
}
