//! Sessions and their meetings: creating, changing and cancelling them, and
//! the summaries that emails and calendar entries are made from.

use chrono::NaiveDateTime;
use diesel::prelude::*;
use serde::Serialize;

use super::enrolments;
use super::schema::{branches, enrolments as enrolments_t, meetings, sessions, users};
use super::{DbConnection, now, outbox};
use crate::domain::enrolment::{EnrolmentStatus, SessionFacts};
use crate::domain::session::{self, Availability, SessionKind, SessionStatus};
use crate::mail::message::{MeetingInfo, Organizer, SessionSummary};
use crate::mail::{Message, Recipient};

#[derive(Debug, Clone, Queryable, Selectable, Serialize)]
#[diesel(table_name = sessions)]
pub struct Session {
    pub id: i64,
    pub kind: String,
    pub branch_id: Option<i64>,
    pub title: String,
    pub location: String,
    pub online_url: Option<String>,
    pub capacity: Option<i32>,
    pub enrol_deadline: Option<NaiveDateTime>,
    pub cancel_deadline: Option<NaiveDateTime>,
    pub status: String,
    pub cancel_reason: Option<String>,
    pub confirmed_count: i32,
    pub waitlist_count: i32,
    pub starts_at: NaiveDateTime,
    pub ends_at: NaiveDateTime,
    pub version: i64,
    pub created_at: NaiveDateTime,
    pub updated_at: NaiveDateTime,
}

impl Session {
    pub fn kind(&self) -> SessionKind {
        SessionKind::parse(&self.kind).unwrap_or(SessionKind::Genlaer)
    }

    pub fn status(&self) -> SessionStatus {
        SessionStatus::parse(&self.status).unwrap_or(SessionStatus::Open)
    }

    pub fn facts(&self) -> SessionFacts {
        SessionFacts {
            status: self.status(),
            capacity: self.capacity,
            confirmed: self.confirmed_count,
            enrol_deadline: self.enrol_deadline,
            cancel_deadline: self.cancel_deadline,
            starts_at: self.starts_at,
        }
    }

    pub fn availability(&self, at: NaiveDateTime) -> Availability {
        session::availability(
            self.status(),
            self.capacity,
            self.confirmed_count,
            self.enrol_deadline,
            self.starts_at,
            at,
        )
    }

    pub fn seats_left(&self) -> Option<i32> {
        session::seats_left(self.capacity, self.confirmed_count)
    }
}

#[derive(Debug, Clone, Queryable, Selectable, Serialize)]
#[diesel(table_name = meetings)]
pub struct Meeting {
    pub id: i64,
    pub session_id: i64,
    pub starts_at: NaiveDateTime,
    pub ends_at: NaiveDateTime,
    pub location: Option<String>,
    pub sequence: i32,
    pub cancelled_at: Option<NaiveDateTime>,
    pub created_at: NaiveDateTime,
}

impl Meeting {
    pub fn minutes(&self) -> i32 {
        (self.ends_at - self.starts_at).num_minutes() as i32
    }
}

pub struct NewSession<'a> {
    pub kind: SessionKind,
    pub branch_id: Option<i64>,
    pub title: &'a str,
    pub location: &'a str,
    pub online_url: Option<&'a str>,
    pub capacity: Option<i32>,
    pub enrol_deadline: Option<NaiveDateTime>,
    pub cancel_deadline: Option<NaiveDateTime>,
}

/// One meeting's time (UTC) and, if it differs from the session's, place.
#[derive(Debug, Clone, PartialEq)]
pub struct MeetingTimes {
    pub starts_at: NaiveDateTime,
    pub ends_at: NaiveDateTime,
    pub location: Option<String>,
}

/// Creates a session with its meetings (at least one).
pub fn create(
    conn: &mut DbConnection,
    new: &NewSession<'_>,
    times: &[MeetingTimes],
) -> QueryResult<i64> {
    let (Some(first), Some(last)) = (
        times.iter().map(|t| t.starts_at).min(),
        times.iter().map(|t| t.ends_at).max(),
    ) else {
        return Err(diesel::result::Error::QueryBuilderError(
            "a session needs at least one meeting".into(),
        ));
    };
    let at = now();
    let id = crate::db::insert_returning_id!(
        conn,
        sessions,
        (
            sessions::kind.eq(new.kind.as_str()),
            sessions::branch_id.eq(new.branch_id),
            sessions::title.eq(new.title),
            sessions::location.eq(new.location),
            sessions::online_url.eq(new.online_url),
            sessions::capacity.eq(new.capacity),
            sessions::enrol_deadline.eq(new.enrol_deadline),
            sessions::cancel_deadline.eq(new.cancel_deadline),
            sessions::status.eq(SessionStatus::Open.as_str()),
            sessions::confirmed_count.eq(0),
            sessions::waitlist_count.eq(0),
            sessions::starts_at.eq(first),
            sessions::ends_at.eq(last),
            sessions::version.eq(0),
            sessions::created_at.eq(at),
            sessions::updated_at.eq(at),
        )
    )?;
    for t in times {
        insert_meeting(conn, id, t)?;
    }
    Ok(id)
}

fn insert_meeting(conn: &mut DbConnection, session_id: i64, t: &MeetingTimes) -> QueryResult<i64> {
    crate::db::insert_returning_id!(
        conn,
        meetings,
        (
            meetings::session_id.eq(session_id),
            meetings::starts_at.eq(t.starts_at),
            meetings::ends_at.eq(t.ends_at),
            meetings::location.eq(t.location.as_deref()),
            meetings::sequence.eq(0),
            meetings::created_at.eq(now()),
        )
    )
}

pub fn find(conn: &mut DbConnection, id: i64) -> QueryResult<Session> {
    sessions::table
        .find(id)
        .select(Session::as_select())
        .first(conn)
}

/// Takes the session's lock for the rest of the transaction and returns it
/// as it is now. The `UPDATE` blocks other transactions on the same session
/// (a row lock on PostgreSQL, the write lock on SQLite), so seats are
/// counted by one transaction at a time, whatever the concurrency.
pub fn lock(conn: &mut DbConnection, id: i64) -> QueryResult<Session> {
    let n = diesel::update(sessions::table.find(id))
        .set(sessions::version.eq(sessions::version + 1))
        .execute(conn)?;
    if n == 0 {
        return Err(diesel::result::Error::NotFound);
    }
    find(conn, id)
}

pub fn meetings(conn: &mut DbConnection, session_id: i64) -> QueryResult<Vec<Meeting>> {
    meetings::table
        .filter(meetings::session_id.eq(session_id))
        .select(Meeting::as_select())
        .order((meetings::starts_at, meetings::id))
        .load(conn)
}

/// The meetings of many sessions in one query, for lists.
pub fn meetings_of(conn: &mut DbConnection, session_ids: &[i64]) -> QueryResult<Vec<Meeting>> {
    meetings::table
        .filter(meetings::session_id.eq_any(session_ids))
        .select(Meeting::as_select())
        .order((meetings::session_id, meetings::starts_at, meetings::id))
        .load(conn)
}

pub fn meeting(conn: &mut DbConnection, id: i64) -> QueryResult<Meeting> {
    meetings::table
        .find(id)
        .select(Meeting::as_select())
        .first(conn)
}

/// The session as messages describe it. `base_url` makes its link absolute.
pub fn summary(conn: &mut DbConnection, id: i64, base_url: &str) -> QueryResult<SessionSummary> {
    let s = find(conn, id)?;
    summary_of(conn, &s, base_url)
}

/// `summary` of a session row already read.
pub fn summary_of(
    conn: &mut DbConnection,
    s: &Session,
    base_url: &str,
) -> QueryResult<SessionSummary> {
    let id = s.id;
    let organizer = match s.branch_id {
        Some(b) => branches::table
            .find(b)
            .select((branches::name, branches::email, branches::phone))
            .first::<(String, String, String)>(conn)
            .optional()?
            .map(|(name, email, phone)| Organizer { name, email, phone }),
        None => None,
    };
    let meetings = meetings(conn, id)?
        .into_iter()
        .map(|m| MeetingInfo {
            id: m.id,
            starts_at: m.starts_at,
            ends_at: m.ends_at,
            location: m.location.clone().unwrap_or_else(|| s.location.clone()),
            sequence: m.sequence,
            cancelled: m.cancelled_at.is_some(),
        })
        .collect();
    Ok(SessionSummary {
        id: s.id,
        kind: s.kind(),
        title: s.title.clone(),
        location: s.location.clone(),
        online_url: s.online_url.clone(),
        url: format!("{}{}", base_url.trim_end_matches('/'), s.kind().path(s.id)),
        organizer,
        meetings,
    })
}

/// Everyone holding a seat or a place in the queue, as recipients.
fn active_people(
    conn: &mut DbConnection,
    session_id: i64,
) -> QueryResult<Vec<(Recipient, EnrolmentStatus)>> {
    let rows: Vec<(i64, String, String, String, String)> = enrolments_t::table
        .inner_join(users::table.on(users::id.eq(enrolments_t::user_id)))
        .filter(enrolments_t::session_id.eq(session_id))
        .filter(enrolments_t::status.eq_any([
            EnrolmentStatus::Confirmed.as_str(),
            EnrolmentStatus::Waitlisted.as_str(),
        ]))
        .select((
            users::id,
            users::email,
            users::name,
            users::language,
            enrolments_t::status,
        ))
        .load(conn)?;
    Ok(rows
        .into_iter()
        .filter_map(|(id, email, name, language, status)| {
            let status = EnrolmentStatus::parse(&status)?;
            Some((
                Recipient {
                    user_id: Some(id),
                    email,
                    name,
                    language,
                },
                status,
            ))
        })
        .collect())
}

/// Tells everyone with a seat that time or place changed (an updated
/// calendar invitation, with the raised SEQUENCE).
fn announce_change(conn: &mut DbConnection, session_id: i64, base_url: &str) -> QueryResult<()> {
    let summary = summary(conn, session_id, base_url)?;
    for (to, status) in active_people(conn, session_id)? {
        if status == EnrolmentStatus::Confirmed {
            outbox::enqueue(
                conn,
                &to,
                &Message::SessionChanged {
                    session: summary.clone(),
                },
            )?;
        }
    }
    Ok(())
}

fn refresh_span(conn: &mut DbConnection, session_id: i64) -> QueryResult<()> {
    let active: Vec<Meeting> = meetings(conn, session_id)?
        .into_iter()
        .filter(|m| m.cancelled_at.is_none())
        .collect();
    if let (Some(first), Some(last)) = (
        active.iter().map(|m| m.starts_at).min(),
        active.iter().map(|m| m.ends_at).max(),
    ) {
        diesel::update(sessions::table.find(session_id))
            .set((
                sessions::starts_at.eq(first),
                sessions::ends_at.eq(last),
                sessions::updated_at.eq(now()),
            ))
            .execute(conn)?;
    }
    Ok(())
}

/// What a coordinator may change about a session after creating it.
pub struct SessionChanges<'a> {
    pub title: &'a str,
    pub location: &'a str,
    pub online_url: Option<&'a str>,
    pub capacity: Option<i32>,
    pub enrol_deadline: Option<NaiveDateTime>,
    pub cancel_deadline: Option<NaiveDateTime>,
}

/// Saves changes. A new place raises the SEQUENCE of every meeting held
/// there and tells the participants; a larger capacity gives freed seats to
/// the waiting list at once.
pub fn update(
    conn: &mut DbConnection,
    id: i64,
    c: &SessionChanges<'_>,
    base_url: &str,
) -> QueryResult<()> {
    let before = lock(conn, id)?;
    let place_changed =
        before.location != c.location || before.online_url.as_deref() != c.online_url;
    diesel::update(sessions::table.find(id))
        .set((
            sessions::title.eq(c.title),
            sessions::location.eq(c.location),
            sessions::online_url.eq(c.online_url),
            sessions::capacity.eq(c.capacity),
            sessions::enrol_deadline.eq(c.enrol_deadline),
            sessions::cancel_deadline.eq(c.cancel_deadline),
            sessions::updated_at.eq(now()),
        ))
        .execute(conn)?;
    if place_changed {
        diesel::update(
            meetings::table
                .filter(meetings::session_id.eq(id))
                .filter(meetings::location.is_null()),
        )
        .set(meetings::sequence.eq(meetings::sequence + 1))
        .execute(conn)?;
        announce_change(conn, id, base_url)?;
    }
    let session = find(conn, id)?;
    enrolments::promote_waiting(conn, &session, base_url)?;
    Ok(())
}

/// Moves a meeting or changes its place: the SEQUENCE goes up and everyone
/// with a seat gets the updated invitation.
pub fn reschedule_meeting(
    conn: &mut DbConnection,
    meeting_id: i64,
    times: &MeetingTimes,
    base_url: &str,
) -> QueryResult<()> {
    let m = meeting(conn, meeting_id)?;
    lock(conn, m.session_id)?;
    if m.starts_at == times.starts_at && m.ends_at == times.ends_at && m.location == times.location
    {
        return Ok(());
    }
    diesel::update(meetings::table.find(meeting_id))
        .set((
            meetings::starts_at.eq(times.starts_at),
            meetings::ends_at.eq(times.ends_at),
            meetings::location.eq(times.location.as_deref()),
            meetings::sequence.eq(meetings::sequence + 1),
        ))
        .execute(conn)?;
    refresh_span(conn, m.session_id)?;
    announce_change(conn, m.session_id, base_url)
}

/// Adds a meeting to a session; participants get it in their calendar.
pub fn add_meeting(
    conn: &mut DbConnection,
    session_id: i64,
    times: &MeetingTimes,
    base_url: &str,
) -> QueryResult<i64> {
    lock(conn, session_id)?;
    let id = insert_meeting(conn, session_id, times)?;
    refresh_span(conn, session_id)?;
    announce_change(conn, session_id, base_url)?;
    Ok(id)
}

/// Cancels the whole session: every seat and queue place ends, and everyone
/// is told (with a calendar cancellation for those who had a seat).
pub fn cancel(
    conn: &mut DbConnection,
    id: i64,
    reason: Option<&str>,
    by: i64,
    base_url: &str,
) -> QueryResult<()> {
    let session = lock(conn, id)?;
    if session.status() == SessionStatus::Cancelled {
        return Ok(());
    }
    let people = active_people(conn, id)?;
    let at = now();
    diesel::update(sessions::table.find(id))
        .set((
            sessions::status.eq(SessionStatus::Cancelled.as_str()),
            sessions::cancel_reason.eq(reason),
            sessions::confirmed_count.eq(0),
            sessions::waitlist_count.eq(0),
            sessions::updated_at.eq(at),
        ))
        .execute(conn)?;
    diesel::update(meetings::table.filter(meetings::session_id.eq(id)))
        .set((
            meetings::cancelled_at.eq(at),
            meetings::sequence.eq(meetings::sequence + 1),
        ))
        .execute(conn)?;
    diesel::update(
        enrolments_t::table
            .filter(enrolments_t::session_id.eq(id))
            .filter(enrolments_t::status.eq_any([
                EnrolmentStatus::Confirmed.as_str(),
                EnrolmentStatus::Waitlisted.as_str(),
            ])),
    )
    .set((
        enrolments_t::status.eq(EnrolmentStatus::Cancelled.as_str()),
        enrolments_t::cancelled_at.eq(at),
        enrolments_t::cancelled_by.eq(by),
        enrolments_t::updated_at.eq(at),
    ))
    .execute(conn)?;
    let summary = summary(conn, id, base_url)?;
    for (to, status) in people {
        outbox::enqueue(
            conn,
            &to,
            &Message::SessionCancelled {
                session: summary.clone(),
                reason: reason.map(str::to_string),
                had_seat: status == EnrolmentStatus::Confirmed,
            },
        )?;
    }
    Ok(())
}

/// Marks the session as held: attendance and certificates follow.
pub fn mark_held(conn: &mut DbConnection, id: i64) -> QueryResult<()> {
    lock(conn, id)?;
    diesel::update(
        sessions::table
            .find(id)
            .filter(sessions::status.eq(SessionStatus::Open.as_str())),
    )
    .set((
        sessions::status.eq(SessionStatus::Held.as_str()),
        sessions::updated_at.eq(now()),
    ))
    .execute(conn)?;
    Ok(())
}

/// Open sessions of a kind that start after `after`, in the given branches
/// (all branches when `None`), soonest first: the choices for moving a
/// participant or making up a missed meeting.
pub fn upcoming_of_kind(
    conn: &mut DbConnection,
    kind: SessionKind,
    branch_ids: Option<&[i64]>,
    after: NaiveDateTime,
    limit: i64,
) -> QueryResult<Vec<Session>> {
    let mut q = sessions::table
        .filter(sessions::kind.eq(kind.as_str()))
        .filter(sessions::status.eq(SessionStatus::Open.as_str()))
        .filter(sessions::starts_at.gt(after))
        .into_boxed();
    if let Some(ids) = branch_ids {
        q = q.filter(sessions::branch_id.eq_any(ids.to_vec()));
    }
    q.order((sessions::starts_at, sessions::id))
        .limit(limit)
        .select(Session::as_select())
        .load(conn)
}
