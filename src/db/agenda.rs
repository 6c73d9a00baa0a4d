//! A person's meetings across every kind of session they hold a seat in
//! (course cohorts, supervision, brobyggeraftener, GenLær), as one list:
//! what is coming and what has been. A new kind of session appears here by
//! itself, since this reads only the engine's tables.

use chrono::NaiveDateTime;
use diesel::prelude::*;
use serde::Serialize;

use super::DbConnection;
use super::id_list::in_list;
use super::schema::{attendance, enrolments, meetings, sessions};
use crate::db::{Direct, Stamp};
use crate::domain::attendance::AttendanceStatus;
use crate::domain::enrolment::EnrolmentStatus;
use crate::domain::session::{SessionKind, SessionStatus};

/// The ids are for Rust callers: the volunteer's page links by `path`,
/// and every field serialised is built and dropped on each view.
#[derive(Debug, Clone, Serialize)]
pub struct AgendaItem {
    #[serde(skip)]
    pub session_id: i64,
    pub kind: SessionKind,
    pub title: String,
    /// The session's own page.
    pub path: String,
    #[serde(skip)]
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
/// and past (latest ended first, at most `PAST`). Both are read from the
/// seats' index by the session's last moment (`enrolments.session_ends_at`),
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
        Stamp,
        Stamp,
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
    };
    let skipped = super::cohorts::skipped_by_makeups(conn, &[user_id])?;
    // Of the sessions over, the latest by their end, enough to fill the
    // page after what was made up elsewhere is dropped: the latest meetings
    // held are theirs, since each one's last meeting ends no earlier than
    // any meeting of a session further back.
    let latest_over: Vec<i64> = enrolments::table
        .inner_join(sessions::table)
        .filter(enrolments::user_id.eq(user_id))
        .filter(enrolments::status.eq(EnrolmentStatus::Confirmed))
        .filter(enrolments::session_ends_at.le(at))
        .filter(sessions::status.ne(SessionStatus::Cancelled))
        .order(enrolments::session_ends_at.desc())
        .limit((PAST + skipped.len()) as i64)
        .select(enrolments::session_id)
        .load_direct(conn)?;
    // Those and the sessions not over yet, with every meeting of theirs.
    let (coming, mut past): (Vec<Row>, Vec<Row>) = mine()
        .filter(
            enrolments::session_ends_at
                .gt(at)
                .or(in_list(enrolments::session_id, latest_over.iter().copied())),
        )
        .order((meetings::starts_at, meetings::id))
        .load_direct::<Row>(conn)?
        .into_iter()
        .partition(|r| r.7.0 > at);
    // Latest ended first.
    past.sort_by_key(|r| std::cmp::Reverse((r.7.0, r.5)));
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
                    starts_at: starts_at.0,
                    ends_at: ends_at.0,
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
