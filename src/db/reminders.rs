//! Reminders two days before each meeting, one per person and meeting,
//! ever. The `reminders_sent` row and the outbox row are written in one
//! transaction, and the row's primary key refuses a second one, so a
//! restart or a second instance doing the same pass sends nothing twice.

use chrono::NaiveDateTime;
use diesel::prelude::*;

use super::DbConnection;
use super::schema::{enrolments, meetings, reminders_sent, sessions, users};
use crate::db::Direct;
use crate::domain::Lang;
use crate::domain::delivery::{REMINDER_AHEAD, reminder_due};
use crate::domain::enrolment::EnrolmentStatus;
use crate::domain::events::Recipient;
use crate::domain::session::SessionStatus;

/// A reminder that is due and not yet recorded.
#[derive(Debug, Clone)]
pub struct Due {
    pub meeting_id: i64,
    pub session_id: i64,
    pub starts_at: NaiveDateTime,
    pub to: Recipient,
}

/// Everyone with a confirmed seat in a meeting that starts within the
/// reminder window and has not been reminded of it.
pub fn due(conn: &mut DbConnection, at: NaiveDateTime) -> QueryResult<Vec<Due>> {
    let rows: Vec<(i64, i64, NaiveDateTime, i64, String, String, Lang)> = meetings::table
        .inner_join(sessions::table)
        .inner_join(
            enrolments::table.on(enrolments::session_id
                .eq(meetings::session_id)
                .and(enrolments::status.eq(EnrolmentStatus::Confirmed))),
        )
        .inner_join(users::table.on(users::id.eq(enrolments::user_id)))
        .left_join(
            reminders_sent::table.on(reminders_sent::meeting_id
                .eq(meetings::id)
                .and(reminders_sent::user_id.eq(enrolments::user_id))),
        )
        .filter(meetings::starts_at.gt(at))
        .filter(meetings::starts_at.le(at + REMINDER_AHEAD))
        .filter(meetings::cancelled_at.is_null())
        .filter(sessions::status.eq(SessionStatus::Open))
        .filter(users::deactivated_at.is_null())
        .filter(reminders_sent::meeting_id.nullable().is_null())
        .order((meetings::starts_at, meetings::id, users::id))
        .select((
            meetings::id,
            meetings::session_id,
            meetings::starts_at,
            users::id,
            users::email,
            users::name,
            users::language,
        ))
        .load_direct(conn)?;
    let people: Vec<i64> = rows.iter().map(|r| r.3).collect();
    let skipped = super::cohorts::skipped_by_makeups(conn, &people)?;
    Ok(rows
        .into_iter()
        .filter(|r| reminder_due(r.2, at))
        .filter(|r| !skipped.contains(&(r.0, r.3)))
        .map(
            |(meeting_id, session_id, starts_at, user_id, email, name, language)| Due {
                meeting_id,
                session_id,
                starts_at,
                to: Recipient {
                    user_id: Some(user_id),
                    email,
                    name,
                    language,
                },
            },
        )
        .collect())
}

/// Records that this person is reminded of this meeting. A second record
/// (another instance got there first) is refused by the primary key.
pub fn record_sent(
    conn: &mut DbConnection,
    meeting_id: i64,
    user_id: i64,
    at: NaiveDateTime,
) -> QueryResult<()> {
    diesel::insert_into(reminders_sent::table)
        .values((
            reminders_sent::meeting_id.eq(meeting_id),
            reminders_sent::user_id.eq(user_id),
            reminders_sent::sent_at.eq(at),
        ))
        .execute_direct(conn)?;
    Ok(())
}

/// Whether this person has been reminded of this meeting.
pub fn sent(conn: &mut DbConnection, meeting_id: i64, user_id: i64) -> QueryResult<bool> {
    let n: i64 = reminders_sent::table
        .filter(reminders_sent::meeting_id.eq(meeting_id))
        .filter(reminders_sent::user_id.eq(user_id))
        .count()
        .get_result_direct(conn)?;
    Ok(n > 0)
}
