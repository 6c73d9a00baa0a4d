//! Sessions and their meetings as stored: creating them, the lock every
//! change takes first, the writes that change them, and the summaries that
//! messages and calendar entries are made from. What a change means for
//! the people enrolled (promotions, emails) is `app::engine`'s.

use chrono::NaiveDateTime;
use diesel::prelude::*;
use serde::Serialize;

use super::id_list::in_list;
use super::schema::{branches, enrolments as enrolments_t, meetings, sessions, users};
use super::{DbConnection, Prepared, direct, now};
use crate::db::{Direct, columns_of};
use crate::domain::Lang;
use crate::domain::enrolment::{EnrolmentStatus, SessionFacts};
use crate::domain::events::Recipient;
use crate::domain::events::{MeetingInfo, Organizer, SessionSummary};
use crate::domain::session::{self, Availability, SessionKind, SessionStatus};

/// Serialized by hand (at the end of this file) to give templates flags.
#[derive(Debug, Clone, Queryable, Selectable)]
#[diesel(table_name = sessions)]
pub struct Session {
    pub id: i64,
    pub kind: SessionKind,
    pub branch_id: Option<i64>,
    pub title: String,
    pub location: String,
    pub online_url: Option<String>,
    pub capacity: Option<i32>,
    #[diesel(deserialize_as = crate::db::MaybeStamp)]
    pub enrol_deadline: Option<NaiveDateTime>,
    #[diesel(deserialize_as = crate::db::MaybeStamp)]
    pub cancel_deadline: Option<NaiveDateTime>,
    pub status: SessionStatus,
    pub cancel_reason: Option<String>,
    pub confirmed_count: i32,
    pub waitlist_count: i32,
    #[diesel(deserialize_as = crate::db::Stamp)]
    pub starts_at: NaiveDateTime,
    #[diesel(deserialize_as = crate::db::Stamp)]
    pub ends_at: NaiveDateTime,
    pub version: i64,
    #[diesel(deserialize_as = crate::db::Stamp)]
    pub created_at: NaiveDateTime,
    #[diesel(deserialize_as = crate::db::Stamp)]
    pub updated_at: NaiveDateTime,
}

impl Session {
    pub fn facts(&self) -> SessionFacts {
        SessionFacts {
            status: self.status,
            capacity: self.capacity,
            confirmed: self.confirmed_count,
            enrol_deadline: self.enrol_deadline,
            cancel_deadline: self.cancel_deadline,
            starts_at: self.starts_at,
        }
    }

    pub fn availability(&self, at: NaiveDateTime) -> Availability {
        session::availability(
            self.status,
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
    #[diesel(deserialize_as = crate::db::Stamp)]
    pub starts_at: NaiveDateTime,
    #[diesel(deserialize_as = crate::db::Stamp)]
    pub ends_at: NaiveDateTime,
    pub location: Option<String>,
    pub sequence: i32,
    #[diesel(deserialize_as = crate::db::MaybeStamp)]
    pub cancelled_at: Option<NaiveDateTime>,
    #[diesel(deserialize_as = crate::db::Stamp)]
    pub created_at: NaiveDateTime,
    /// Its own online link; `None`: the session's.
    pub online_url: Option<String>,
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

/// One meeting's time (UTC) and, where they differ from the session's,
/// place and online link.
#[derive(Debug, Clone, PartialEq)]
pub struct MeetingTimes {
    pub starts_at: NaiveDateTime,
    pub ends_at: NaiveDateTime,
    pub location: Option<String>,
    pub online_url: Option<String>,
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
            sessions::kind.eq(new.kind),
            sessions::branch_id.eq(new.branch_id),
            sessions::title.eq(new.title),
            sessions::location.eq(new.location),
            sessions::online_url.eq(new.online_url),
            sessions::capacity.eq(new.capacity),
            sessions::enrol_deadline.eq(new.enrol_deadline),
            sessions::cancel_deadline.eq(new.cancel_deadline),
            sessions::status.eq(SessionStatus::Open),
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

pub fn insert_meeting(
    conn: &mut DbConnection,
    session_id: i64,
    t: &MeetingTimes,
) -> QueryResult<i64> {
    crate::db::insert_returning_id!(
        conn,
        meetings,
        (
            meetings::session_id.eq(session_id),
            meetings::starts_at.eq(t.starts_at),
            meetings::ends_at.eq(t.ends_at),
            meetings::location.eq(t.location.as_deref()),
            meetings::online_url.eq(t.online_url.as_deref()),
            meetings::sequence.eq(0),
            meetings::created_at.eq(now()),
        )
    )
}

pub fn find(conn: &mut DbConnection, id: i64) -> QueryResult<Session> {
    sessions::table
        .find(id)
        .select(columns_of::<Session>())
        .first_direct(conn)
}

/// Takes the session's lock for the rest of the transaction and returns it
/// as it is now, so that seats are counted by one transaction at a time,
/// whatever the concurrency.
pub fn lock(conn: &mut DbConnection, id: i64) -> QueryResult<Session> {
    match conn {
        // A row lock, which writes no new version of the row (an update
        // would, and the counters' update writes one anyway).
        DbConnection::Pg(pg) => sessions::table
            .find(id)
            .select(columns_of::<Session>())
            .for_update()
            .get_result(pg),
        // SQLite locks the whole database for a writer, and a transaction
        // that will write must begin by writing, or concurrent ones cannot
        // wait their turn: the update takes the lock and returns the row.
        DbConnection::Sqlite(sqlite) => Prepared(
            diesel::update(sessions::table.find(id))
                .set(sessions::version.eq(sessions::version + 1))
                .returning(Session::as_returning()),
        )
        .get_result(sqlite),
    }
}

pub fn meetings(conn: &mut DbConnection, session_id: i64) -> QueryResult<Vec<Meeting>> {
    meetings::table
        .filter(meetings::session_id.eq(session_id))
        .select(columns_of::<Meeting>())
        .order((meetings::starts_at, meetings::id))
        .load_direct(conn)
}

/// The meetings of many sessions in one query, for lists.
pub fn meetings_of(conn: &mut DbConnection, session_ids: &[i64]) -> QueryResult<Vec<Meeting>> {
    meetings::table
        .filter(in_list(meetings::session_id, session_ids.iter().copied()))
        .select(columns_of::<Meeting>())
        .order((meetings::session_id, meetings::starts_at, meetings::id))
        .load_direct(conn)
}

pub fn meeting(conn: &mut DbConnection, id: i64) -> QueryResult<Meeting> {
    meetings::table
        .find(id)
        .select(columns_of::<Meeting>())
        .first_direct(conn)
}

/// The session as messages describe it, with its page as a path.
pub fn summary(conn: &mut DbConnection, id: i64) -> QueryResult<SessionSummary> {
    let s = find(conn, id)?;
    summary_of(conn, &s)
}

/// `summary` of a session row already read: its organising branch and its
/// meetings in one query (every enrolment, cancellation and promotion
/// sends one, inside the session's lock).
pub fn summary_of(conn: &mut DbConnection, s: &Session) -> QueryResult<SessionSummary> {
    type Held = (
        i64,
        NaiveDateTime,
        NaiveDateTime,
        Option<String>,
        Option<String>,
        i32,
        Option<NaiveDateTime>,
    );
    // The branch's name, email and phone, repeated on every meeting.
    type Organising = Option<(String, String, String)>;
    let rows: Vec<(Organising, Option<Held>)> = direct!(conn, |c| sessions::table
        .left_join(branches::table)
        .left_join(meetings::table)
        .filter(sessions::id.eq(s.id))
        .select((
            (branches::name, branches::email, branches::phone).nullable(),
            (
                meetings::id,
                meetings::starts_at,
                meetings::ends_at,
                meetings::location,
                meetings::online_url,
                meetings::sequence,
                meetings::cancelled_at,
            )
                .nullable(),
        ))
        .order((meetings::starts_at, meetings::id))
        .load(c))?;
    // Every row repeats the branch; a session without meetings is one
    // row without a meeting.
    let organizer = rows
        .first()
        .and_then(|(branch, _)| branch.clone())
        .map(|(name, email, phone)| Organizer { name, email, phone });
    let meetings = rows
        .into_iter()
        .filter_map(|(_, m)| m)
        .map(
            |(id, starts_at, ends_at, location, online_url, sequence, cancelled_at)| MeetingInfo {
                id,
                starts_at,
                ends_at,
                location: location.unwrap_or_else(|| s.location.clone()),
                online_url: online_url.or_else(|| s.online_url.clone()),
                sequence,
                cancelled: cancelled_at.is_some(),
            },
        )
        .collect();
    Ok(SessionSummary {
        id: s.id,
        kind: s.kind,
        title: s.title.clone(),
        location: s.location.clone(),
        online_url: s.online_url.clone(),
        url: s.kind.path(s.id),
        organizer,
        meetings,
    })
}

/// Everyone holding a seat or a place in the queue, as recipients.
pub fn active_people(
    conn: &mut DbConnection,
    session_id: i64,
) -> QueryResult<Vec<(Recipient, EnrolmentStatus)>> {
    let rows: Vec<(i64, String, String, Lang, EnrolmentStatus)> = enrolments_t::table
        .inner_join(users::table.on(users::id.eq(enrolments_t::user_id)))
        .filter(enrolments_t::session_id.eq(session_id))
        .filter(in_list(
            enrolments_t::status,
            [EnrolmentStatus::Confirmed, EnrolmentStatus::Waitlisted],
        ))
        .select((
            users::id,
            users::email,
            users::name,
            users::language,
            enrolments_t::status,
        ))
        .load_direct(conn)?;
    Ok(rows
        .into_iter()
        .map(|(id, email, name, language, status)| {
            (Recipient::from((id, email, name, language)), status)
        })
        .collect())
}

/// Sets the session's first and last moment from its meetings that are not
/// cancelled, and the last on its seats (`enrolments.session_ends_at`).
pub fn refresh_span(conn: &mut DbConnection, session_id: i64) -> QueryResult<()> {
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
            .execute_direct(conn)?;
        super::enrolments::set_session_ends(conn, session_id, last)?;
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

/// Writes the changes to the session row.
pub fn set_fields(conn: &mut DbConnection, id: i64, c: &SessionChanges<'_>) -> QueryResult<()> {
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
        .execute_direct(conn)?;
    Ok(())
}

/// Raises the calendar SEQUENCE of the meetings held at the session's own
/// place (those without a place of their own), after that place changed.
pub fn raise_sequence_at_session_place(conn: &mut DbConnection, id: i64) -> QueryResult<()> {
    diesel::update(
        meetings::table
            .filter(meetings::session_id.eq(id))
            .filter(meetings::location.is_null()),
    )
    .set(meetings::sequence.eq(meetings::sequence + 1))
    .execute_direct(conn)?;
    Ok(())
}

/// Moves a meeting or changes its place, raising its SEQUENCE.
pub fn move_meeting(
    conn: &mut DbConnection,
    meeting_id: i64,
    times: &MeetingTimes,
) -> QueryResult<()> {
    diesel::update(meetings::table.find(meeting_id))
        .set((
            meetings::starts_at.eq(times.starts_at),
            meetings::ends_at.eq(times.ends_at),
            meetings::location.eq(times.location.as_deref()),
            meetings::online_url.eq(times.online_url.as_deref()),
            meetings::sequence.eq(meetings::sequence + 1),
        ))
        .execute_direct(conn)?;
    Ok(())
}

/// Marks one meeting cancelled, raising its SEQUENCE for the calendar
/// cancellation.
pub fn cancel_meeting(
    conn: &mut DbConnection,
    meeting_id: i64,
    at: NaiveDateTime,
) -> QueryResult<()> {
    diesel::update(meetings::table.find(meeting_id))
        .set((
            meetings::cancelled_at.eq(at),
            meetings::sequence.eq(meetings::sequence + 1),
        ))
        .execute_direct(conn)?;
    Ok(())
}

/// Marks the session, its meetings and every seat and queue place
/// cancelled.
pub fn set_cancelled(
    conn: &mut DbConnection,
    id: i64,
    reason: Option<&str>,
    by: i64,
    at: NaiveDateTime,
) -> QueryResult<()> {
    diesel::update(sessions::table.find(id))
        .set((
            sessions::status.eq(SessionStatus::Cancelled),
            sessions::cancel_reason.eq(reason),
            sessions::confirmed_count.eq(0),
            sessions::waitlist_count.eq(0),
            sessions::updated_at.eq(at),
        ))
        .execute_direct(conn)?;
    diesel::update(meetings::table.filter(meetings::session_id.eq(id)))
        .set((
            meetings::cancelled_at.eq(at),
            meetings::sequence.eq(meetings::sequence + 1),
        ))
        .execute_direct(conn)?;
    diesel::update(
        enrolments_t::table
            .filter(enrolments_t::session_id.eq(id))
            .filter(
                enrolments_t::status
                    .eq_any([EnrolmentStatus::Confirmed, EnrolmentStatus::Waitlisted]),
            ),
    )
    .set((
        enrolments_t::status.eq(EnrolmentStatus::Cancelled),
        enrolments_t::cancelled_at.eq(at),
        enrolments_t::cancelled_by.eq(by),
        enrolments_t::updated_at.eq(at),
    ))
    .execute_direct(conn)?;
    Ok(())
}

/// Marks the session as held: attendance and certificates follow.
pub fn mark_held(conn: &mut DbConnection, id: i64) -> QueryResult<()> {
    lock(conn, id)?;
    diesel::update(
        sessions::table
            .find(id)
            .filter(sessions::status.eq(SessionStatus::Open)),
    )
    .set((
        sessions::status.eq(SessionStatus::Held),
        sessions::updated_at.eq(now()),
    ))
    .execute_direct(conn)?;
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
    crate::db::direct!(conn, |c| {
        let mut q = sessions::table
            .filter(sessions::kind.eq(kind))
            .filter(sessions::status.eq(SessionStatus::Open))
            .filter(sessions::starts_at.gt(after))
            .into_boxed();
        if let Some(ids) = branch_ids {
            // One placeholder per branch (`in_list`), not the JSON array of
            // `in_ids`: bound as one value, SQLite no longer knows how many
            // branches and walked every branch's upcoming sessions by date.
            q = q.filter(in_list(sessions::branch_id, ids.iter().copied()));
        }
        q.order((sessions::starts_at, sessions::id))
            .limit(limit)
            .select(columns_of::<Session>())
            .load(c)
    })
}

/// Templates get a session's columns under their own names, and what its
/// status decides as booleans (`open`, `cancelled`, `held`), so that no
/// template compares status codes.
impl Serialize for Session {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        use serde::ser::SerializeStruct;
        // Destructured without `..`: a new column cannot be forgotten here.
        let Session {
            id,
            kind,
            branch_id,
            title,
            location,
            online_url,
            capacity,
            enrol_deadline,
            cancel_deadline,
            status,
            cancel_reason,
            confirmed_count,
            waitlist_count,
            starts_at,
            ends_at,
            version,
            created_at,
            updated_at,
        } = self;
        let mut s = serializer.serialize_struct("Session", 21)?;
        s.serialize_field("id", id)?;
        s.serialize_field("kind", kind)?;
        s.serialize_field("branch_id", branch_id)?;
        s.serialize_field("title", title)?;
        s.serialize_field("location", location)?;
        s.serialize_field("online_url", online_url)?;
        s.serialize_field("capacity", capacity)?;
        s.serialize_field("enrol_deadline", enrol_deadline)?;
        s.serialize_field("cancel_deadline", cancel_deadline)?;
        s.serialize_field("status", status)?;
        s.serialize_field("cancel_reason", cancel_reason)?;
        s.serialize_field("confirmed_count", confirmed_count)?;
        s.serialize_field("waitlist_count", waitlist_count)?;
        s.serialize_field("starts_at", starts_at)?;
        s.serialize_field("ends_at", ends_at)?;
        s.serialize_field("version", version)?;
        s.serialize_field("created_at", created_at)?;
        s.serialize_field("updated_at", updated_at)?;
        s.serialize_field("open", &(*status == SessionStatus::Open))?;
        s.serialize_field("cancelled", &(*status == SessionStatus::Cancelled))?;
        s.serialize_field("held", &(*status == SessionStatus::Held))?;
        s.end()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_session_serializes_its_columns_and_what_its_status_decides() {
        let at = chrono::DateTime::from_timestamp(1_800_000_000, 0)
            .map(|t| t.naive_utc())
            .unwrap_or_default();
        let session = Session {
            id: 7,
            kind: SessionKind::Evening,
            branch_id: Some(2),
            title: "Aften".into(),
            location: "Aarhus".into(),
            online_url: None,
            capacity: Some(10),
            enrol_deadline: None,
            cancel_deadline: None,
            status: SessionStatus::Held,
            cancel_reason: None,
            confirmed_count: 3,
            waitlist_count: 0,
            starts_at: at,
            ends_at: at,
            version: 1,
            created_at: at,
            updated_at: at,
        };
        let value = serde_json::to_value(&session).expect("serializes");
        let keys: Vec<&str> = value
            .as_object()
            .map(|o| o.keys().map(String::as_str).collect())
            .unwrap_or_default();
        assert_eq!(keys.len(), 21, "{keys:?}");
        assert_eq!(value["status"], "held");
        assert_eq!(value["kind"], "evening");
        assert_eq!(value["starts_at"], serde_json::to_value(at).expect("time"));
        assert_eq!(
            (&value["open"], &value["cancelled"], &value["held"]),
            (&false.into(), &false.into(), &true.into())
        );
    }
}
