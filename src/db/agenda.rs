//! A person's meetings across every kind of session they hold a seat in
//! (course cohorts, supervision, brobyggeraftener, GenLær), as one list:
//! what is coming and what has been. A new kind of session appears here by
//! itself, since this reads only the engine's tables.

use chrono::NaiveDateTime;
use diesel::prelude::*;
use serde::Serialize;

use super::DbConnection;
use super::schema::{attendance, enrolments, meetings, sessions};
use crate::domain::attendance::AttendanceStatus;
use crate::domain::enrolment::EnrolmentStatus;
use crate::domain::session::{SessionKind, SessionStatus};

#[derive(Debug, Clone, Serialize)]
pub struct AgendaItem {
    pub session_id: i64,
    pub kind: SessionKind,
    pub title: String,
    /// The session's own page.
    pub path: String,
    pub meeting_id: i64,
    pub starts_at: NaiveDateTime,
    pub ends_at: NaiveDateTime,
    pub location: String,
    pub online_url: Option<String>,
    /// For past meetings: the attendance recorded, if any.
    pub attendance: Option<AttendanceStatus>,
}

/// How many past meetings the page shows.
pub const PAST: usize = 20;

/// The person's meetings with a confirmed seat: upcoming (soonest first)
/// and past (latest first, at most `PAST`). The past is read with a limit,
/// so a brobygger with years of meetings costs no more than a new one.
pub fn of_user(
    conn: &mut DbConnection,
    user_id: i64,
    at: NaiveDateTime,
) -> QueryResult<(Vec<AgendaItem>, Vec<AgendaItem>)> {
    type Row = (
        i64,
        SessionKind,
        String,
        String,
        Option<String>,
        i64,
        NaiveDateTime,
        NaiveDateTime,
        Option<String>,
        Option<String>,
        Option<AttendanceStatus>,
    );
    let mine = || {
        enrolments::table
            .inner_join(sessions::table.inner_join(meetings::table))
            .left_join(
                attendance::table.on(attendance::meeting_id
                    .eq(meetings::id)
                    .and(attendance::user_id.eq(enrolments::user_id))),
            )
            .filter(enrolments::user_id.eq(user_id))
            .filter(enrolments::status.eq(EnrolmentStatus::Confirmed))
            .filter(sessions::status.ne(SessionStatus::Cancelled))
            .filter(meetings::cancelled_at.is_null())
            .select((
                sessions::id,
                sessions::kind,
                sessions::title,
                sessions::location,
                sessions::online_url,
                meetings::id,
                meetings::starts_at,
                meetings::ends_at,
                meetings::location,
                meetings::online_url,
                attendance::status.nullable(),
            ))
            .into_boxed()
    };
    let skipped = super::cohorts::skipped_by_makeups(conn, &[user_id])?;
    let coming: Vec<Row> = mine()
        .filter(meetings::ends_at.gt(at))
        .order((meetings::starts_at, meetings::id))
        .load(conn)?;
    // Meetings made up elsewhere are dropped after the limit: read enough.
    let past: Vec<Row> = mine()
        .filter(meetings::ends_at.le(at))
        .order((meetings::starts_at.desc(), meetings::id.desc()))
        .limit((PAST + skipped.len()) as i64)
        .load(conn)?;
    // The two reads already split coming from past: each is only turned
    // into items, without what was made up elsewhere.
    let items = |rows: Vec<Row>| {
        rows.into_iter()
            .filter(|r| !skipped.contains(&(r.5, user_id)))
            .map(
                |(
                    session_id,
                    kind,
                    title,
                    location,
                    online_url,
                    meeting_id,
                    starts_at,
                    ends_at,
                    place,
                    link,
                    seen,
                )| AgendaItem {
                    session_id,
                    kind,
                    title,
                    path: kind.path(session_id),
                    meeting_id,
                    starts_at,
                    ends_at,
                    location: place.unwrap_or(location),
                    online_url: link.or(online_url),
                    attendance: seen,
                },
            )
    };
    let upcoming = items(coming).collect();
    let past = items(past).take(PAST).collect();
    Ok((upcoming, past))
}
