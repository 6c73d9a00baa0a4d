//! Attendance per meeting and person. Holds only presence and minutes: no
//! free text, so nothing about the people a volunteer met can end up here.

use chrono::NaiveDateTime;
use diesel::prelude::*;
use serde::Serialize;

use super::schema::{attendance, meetings, sessions};
use super::{DbConnection, now};
use crate::db::{Direct, columns_of};
use crate::domain::attendance::AttendanceStatus;
use crate::domain::session::SessionKind;

#[derive(Debug, Clone, Queryable, Selectable, Serialize)]
#[diesel(table_name = attendance)]
pub struct Attendance {
    pub meeting_id: i64,
    pub user_id: i64,
    pub status: AttendanceStatus,
    pub minutes: i32,
    pub recorded_by: Option<i64>,
    #[diesel(deserialize_as = crate::db::Stamp)]
    pub recorded_at: NaiveDateTime,
}

/// Records (or corrects) one person's attendance at one meeting. What
/// follows from it for the meeting's kind is `app::sessions::record_one`'s.
pub fn record(
    conn: &mut DbConnection,
    meeting_id: i64,
    user_id: i64,
    status: AttendanceStatus,
    minutes: i32,
    by: i64,
) -> QueryResult<()> {
    let at = now();
    // Delete-then-insert: a portable upsert for both backends, safe inside
    // the caller's transaction.
    diesel::delete(
        attendance::table
            .filter(attendance::meeting_id.eq(meeting_id))
            .filter(attendance::user_id.eq(user_id)),
    )
    .execute_direct(conn)?;
    diesel::insert_into(attendance::table)
        .values((
            attendance::meeting_id.eq(meeting_id),
            attendance::user_id.eq(user_id),
            attendance::status.eq(status),
            attendance::minutes.eq(minutes),
            attendance::recorded_by.eq(by),
            attendance::recorded_at.eq(at),
        ))
        .execute_direct(conn)?;
    // The meeting leaves the coordinators' "attendance missing" task
    // (`db::tasks::attendance_missing`); the first registration is kept.
    diesel::update(
        meetings::table
            .find(meeting_id)
            .filter(meetings::attendance_recorded_at.is_null()),
    )
    .set(meetings::attendance_recorded_at.eq(at))
    .execute_direct(conn)?;
    Ok(())
}

/// The kind of session a meeting belongs to.
pub fn kind_of_meeting(conn: &mut DbConnection, meeting_id: i64) -> QueryResult<SessionKind> {
    meetings::table
        .inner_join(sessions::table)
        .filter(meetings::id.eq(meeting_id))
        .select(sessions::kind)
        .first_direct(conn)
}

/// Everything recorded for one meeting.
pub fn for_meeting(conn: &mut DbConnection, meeting_id: i64) -> QueryResult<Vec<Attendance>> {
    attendance::table
        .filter(attendance::meeting_id.eq(meeting_id))
        .select(columns_of::<Attendance>())
        .load_direct(conn)
}

/// Everything recorded for a session's meetings.
pub fn for_session(conn: &mut DbConnection, session_id: i64) -> QueryResult<Vec<Attendance>> {
    attendance::table
        .inner_join(meetings::table)
        .filter(meetings::session_id.eq(session_id))
        .select(columns_of::<Attendance>())
        .load_direct(conn)
}

/// A person's attendance at the given meetings.
pub fn of_user(
    conn: &mut DbConnection,
    user_id: i64,
    meeting_ids: &[i64],
) -> QueryResult<Vec<Attendance>> {
    attendance::table
        .filter(attendance::user_id.eq(user_id))
        .filter(attendance::meeting_id.eq_any(meeting_ids))
        .select(columns_of::<Attendance>())
        .load_direct(conn)
}

/// Everyone with attendance recorded at a cohort's meetings (nobody for a
/// session of another kind): whose course hours follow its meetings.
pub fn people_of_session(conn: &mut DbConnection, session_id: i64) -> QueryResult<Vec<i64>> {
    attendance::table
        .inner_join(meetings::table.inner_join(sessions::table))
        .filter(meetings::session_id.eq(session_id))
        .filter(sessions::kind.eq(SessionKind::Cohort))
        .select(attendance::user_id)
        .distinct()
        .load_direct(conn)
}
