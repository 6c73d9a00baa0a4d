//! The enrolment engine: seats, the waiting list, cancellations,
//! promotions and changes to a session, for every kind of session, with the
//! messages each step owes the people concerned.
//!
//! Each step locks its session first (`db::sessions::lock`: a row lock on
//! PostgreSQL, the write lock on SQLite) and runs inside its caller's
//! transaction, so that capacity holds under any concurrency and a step and
//! its messages land together or not at all. A caller that already holds
//! the lock passes the locked row (`enrol_locked`) rather than locking twice.
//! Who gets a seat, who waits and who may cancel when are rules in
//! `domain::enrolment`.

use std::collections::HashSet;

use diesel::{OptionalExtension, QueryResult};
use serde::Serialize;

use crate::db::cohorts::as_attended_by;
use crate::db::sessions::{self, MeetingTimes, Session, SessionChanges};
use crate::db::{DbConnection, enrolments, evenings, now, outbox, users};
use crate::domain::enrolment::{self, EnrolmentStatus, Refusal};
use crate::domain::events::{Message, Receipt, Recipient, SessionSummary};
use crate::domain::session::{SessionKind, SessionStatus};

/// The result of an enrolment that went through.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct Placed {
    pub enrolment_id: i64,
    /// The row of an earlier, cancelled enrolment was taken up again.
    pub reused: bool,
    pub status: EnrolmentStatus,
    /// Place in the waiting list (1 = next), when waitlisted.
    pub position: Option<i64>,
}

/// The result of a cancellation that went through.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct Cancelled {
    pub late: bool,
    /// Whether the freed seat went to someone from the waiting list.
    pub refilled: bool,
    /// What the person held before: a seat or a place in the queue.
    pub was: EnrolmentStatus,
}

fn recipient(conn: &mut DbConnection, user_id: i64) -> QueryResult<Recipient> {
    Ok(Recipient::from(&users::find(conn, user_id)?))
}

/// The person an enrolment places, with what the caller has already read
/// of them: on the public form, the busiest write of the site, each spares
/// a statement per enrolment.
#[derive(Debug, Clone)]
pub struct Enrollee {
    pub user_id: i64,
    /// Their address for the message; read from their account when `None`.
    pub recipient: Option<Recipient>,
    /// Their account was made in this transaction, so they hold no earlier
    /// enrolment to take up again.
    pub new_account: bool,
}

impl From<i64> for Enrollee {
    fn from(user_id: i64) -> Self {
        Enrollee {
            user_id,
            recipient: None,
            new_account: false,
        }
    }
}

/// Enrols a person: a seat if one is free, else the waiting list, and the
/// matching message. `by_staff` lets a coordinator enrol after the deadline.
pub fn enrol(
    conn: &mut DbConnection,
    session_id: i64,
    user_id: i64,
    by_staff: bool,
) -> QueryResult<Result<Placed, Refusal>> {
    let session = sessions::lock(conn, session_id)?;
    enrol_locked(conn, &session, user_id, by_staff)
}

/// `enrol` for a caller that already holds the session's lock, with the
/// row it read under it.
pub fn enrol_locked(
    conn: &mut DbConnection,
    session: &Session,
    user_id: i64,
    by_staff: bool,
) -> QueryResult<Result<Placed, Refusal>> {
    enrol_with_receipt(conn, session, user_id.into(), by_staff, None)
}

/// `enrol_locked` whose message (seat or waiting list) also carries the
/// `receipt` of a GenLær enrolment.
pub fn enrol_with_receipt(
    conn: &mut DbConnection,
    session: &Session,
    who: Enrollee,
    by_staff: bool,
    receipt: Option<Receipt>,
) -> QueryResult<Result<Placed, Refusal>> {
    let receipt = receipt.map(Box::new);
    let user_id = who.user_id;
    let current = if who.new_account {
        None
    } else {
        enrolments::find(conn, session.id, user_id)?
    };
    let at = now();
    let status = match enrolment::place(
        &session.facts(),
        current.as_ref().map(|e| e.status),
        at,
        by_staff,
    ) {
        Ok(s) => s,
        Err(refusal) => return Ok(Err(refusal)),
    };
    let reused = current.is_some();
    // Counted as a new place: `current`, if any, is no longer active
    // (`enrolment::place` refuses an active one), so it is in neither
    // counter.
    let enrolment_id =
        enrolments::place(conn, session, user_id, current.map(|e| e.id), status, at)?;
    let whole = sessions::summary_of(conn, session)?;
    let summary = as_attended_by(conn, &whole, user_id)?;
    let to = match who.recipient {
        Some(to) => to,
        None => recipient(conn, user_id)?,
    };
    let position = if status == EnrolmentStatus::Waitlisted {
        // Last in the queue: everyone waiting before, whom the counter
        // read under the session's lock holds (every change keeps it equal
        // to the rows, as promotions rely on).
        let position = i64::from(session.waitlist_count.max(0)) + 1;
        outbox::enqueue(
            conn,
            &to,
            &Message::Waitlisted {
                session: summary,
                position,
                receipt,
            },
        )?;
        Some(position)
    } else {
        outbox::enqueue(
            conn,
            &to,
            &Message::Enrolled {
                session: summary,
                receipt,
            },
        )?;
        None
    };
    Ok(Ok(Placed {
        enrolment_id,
        reused,
        status,
        position,
    }))
}

/// Cancels a seat or leaves the waiting list. Participants may cancel until
/// the cancellation deadline; `by_staff` (the coordinator's user id) may
/// cancel later, which is recorded as late, and as refilled if the seat
/// went to the waiting list.
pub fn cancel(
    conn: &mut DbConnection,
    session_id: i64,
    user_id: i64,
    by_staff: Option<i64>,
) -> QueryResult<Result<Cancelled, Refusal>> {
    let session = sessions::lock(conn, session_id)?;
    let Some(current) = enrolments::find(conn, session_id, user_id)? else {
        return Ok(Err(Refusal::NotEnrolled));
    };
    let at = now();
    let was = current.status;
    let late = match enrolment::cancellation(&session.facts(), Some(was), at, by_staff.is_some()) {
        Ok(late) => late,
        Err(refusal) => return Ok(Err(refusal)),
    };
    let ended = if was == EnrolmentStatus::Waitlisted {
        EnrolmentStatus::Withdrawn
    } else {
        EnrolmentStatus::Cancelled
    };
    enrolments::end(conn, current.id, ended, by_staff, late, at)?;
    enrolments::set_counts(conn, session_id)?;
    let summary = sessions::summary_of(conn, &session)?;
    let to = recipient(conn, user_id)?;
    let message = if ended == EnrolmentStatus::Withdrawn {
        Message::LeftWaitlist { session: summary }
    } else {
        Message::EnrolmentCancelled {
            session: summary,
            by_staff: by_staff.is_some_and(|staff| staff != user_id),
        }
    };
    outbox::enqueue(conn, &to, &message)?;
    // The counters changed: read the row again before promoting.
    let session = sessions::find(conn, session_id)?;
    let promoted = promote_waiting(conn, &session)?;
    let refilled = late && !promoted.is_empty();
    if refilled {
        enrolments::mark_refilled(conn, current.id)?;
    }
    Ok(Ok(Cancelled {
        late,
        refilled,
        was,
    }))
}

/// Gives free seats to the first in the waiting list, in queue order, and
/// tells them. The caller holds the session's lock. Returns who got a seat.
pub fn promote_waiting(conn: &mut DbConnection, session: &Session) -> QueryResult<Vec<i64>> {
    if session.status != SessionStatus::Open {
        return Ok(Vec::new());
    }
    let n = enrolment::promotions(
        session.capacity,
        session.confirmed_count,
        session.waitlist_count,
    );
    if n <= 0 {
        return Ok(Vec::new());
    }
    let next = enrolments::first_waiting(conn, session.id, i64::from(n))?;
    if next.is_empty() {
        return Ok(Vec::new());
    }
    let ids: Vec<i64> = next.iter().map(|(id, _)| *id).collect();
    enrolments::confirm(conn, &ids, now())?;
    enrolments::set_counts(conn, session.id)?;
    let summary = sessions::summary_of(conn, session)?;
    let mut promoted = Vec::with_capacity(next.len());
    for (_, user_id) in next {
        let to = recipient(conn, user_id)?;
        let session = as_attended_by(conn, &summary, user_id)?;
        outbox::enqueue(conn, &to, &Message::Promoted { session })?;
        promoted.push(user_id);
    }
    Ok(promoted)
}

/// A coordinator's move of one participant between two sessions. Named
/// fields, since four ids in a row are easy to swap.
#[derive(Debug, Clone, Copy)]
pub struct Move {
    pub from_session: i64,
    pub to_session: i64,
    pub user_id: i64,
    /// The coordinator who moves them.
    pub by: i64,
}

/// Moves a participant to another session of the coordinator's choosing: the
/// old seat is released (and refilled from its queue), the new one taken
/// even if that session is full (then they wait there).
pub fn move_participant(conn: &mut DbConnection, m: Move) -> QueryResult<Result<Placed, Refusal>> {
    // Always lock in id order, so two opposite moves cannot deadlock.
    let (first, second) = if m.from_session < m.to_session {
        (m.from_session, m.to_session)
    } else {
        (m.to_session, m.from_session)
    };
    sessions::lock(conn, first)?;
    sessions::lock(conn, second)?;
    if let Err(refusal) = cancel(conn, m.from_session, m.user_id, Some(m.by))? {
        return Ok(Err(refusal));
    }
    enrol(conn, m.to_session, m.user_id, true)
}

/// Who hears of a change to a session: everyone with a seat, each with
/// the session as they attend it (a make-up participant has only the
/// meetings they come to), and at a brobyggeraften those invited who have
/// not answered yet. The preview of a change and the change itself use the
/// same list, so the page says exactly who will be told.
#[derive(Debug, Clone, Default)]
pub struct Told {
    pub seated: Vec<(Recipient, SessionSummary)>,
    /// Invited to an evening, not answered (nor enrolled by staff).
    pub unanswered: Vec<Recipient>,
}

impl Told {
    /// Everyone, seated first, for a preview.
    pub fn people(&self) -> Vec<&Recipient> {
        self.seated
            .iter()
            .map(|(r, _)| r)
            .chain(&self.unanswered)
            .collect()
    }
}

/// `Told` for a change to the session, or (`only`) to one of its meetings:
/// then those who do not attend that meeting are left out.
pub fn told_of_change(
    conn: &mut DbConnection,
    session_id: i64,
    only: Option<i64>,
) -> QueryResult<Told> {
    let summary = sessions::summary(conn, session_id)?;
    let mut told = Told::default();
    let mut seen = HashSet::new();
    for (to, status) in sessions::active_people(conn, session_id)? {
        if status != EnrolmentStatus::Confirmed {
            continue;
        }
        let mine = match to.user_id {
            Some(user_id) => as_attended_by(conn, &summary, user_id)?,
            None => summary.clone(),
        };
        if let Some(id) = only
            && !mine.meetings.iter().any(|m| m.id == id)
        {
            continue;
        }
        if let Some(user_id) = to.user_id {
            seen.insert(user_id);
        }
        told.seated.push((to, mine));
    }
    if summary.kind == SessionKind::Evening
        && let Some((session, detail)) = evenings::find(conn, session_id).optional()?
    {
        let answered: HashSet<i64> = evenings::answered(conn, session_id)?.into_iter().collect();
        told.unanswered =
            evenings::active_volunteers(conn, detail.audience(&session).announce_to())?
                .into_iter()
                .filter(|r| {
                    r.user_id
                        .is_some_and(|u| !answered.contains(&u) && !seen.contains(&u))
                })
                .collect();
    }
    Ok(told)
}

/// Tells everyone concerned that time or place changed, one message each:
/// an updated calendar invitation (with the raised SEQUENCE) to those with
/// a seat, the invitation again to those invited to an evening who have
/// not answered.
fn announce_change(conn: &mut DbConnection, session_id: i64) -> QueryResult<usize> {
    let told = told_of_change(conn, session_id, None)?;
    for (to, session) in &told.seated {
        let message = Message::SessionChanged {
            session: session.clone(),
        };
        outbox::enqueue(conn, to, &message)?;
    }
    if !told.unanswered.is_empty() {
        let (_, detail) = evenings::find(conn, session_id)?;
        let message = Message::EveningChanged {
            session: sessions::summary(conn, session_id)?,
            topic: detail.topic,
            speaker: detail.speaker,
        };
        for to in &told.unanswered {
            outbox::enqueue(conn, to, &message)?;
        }
    }
    Ok(told.seated.len() + told.unanswered.len())
}

/// Saves changes. A new place raises the SEQUENCE of every meeting held
/// there and tells the participants; a larger capacity gives freed seats to
/// the waiting list at once.
pub fn update_session(
    conn: &mut DbConnection,
    id: i64,
    changes: &SessionChanges<'_>,
) -> QueryResult<()> {
    update_session_and_meeting(conn, id, changes, None)
}

/// `update_session` that may also move one meeting (an evening's form
/// changes both): whatever changed, each person is told once.
pub fn update_session_and_meeting(
    conn: &mut DbConnection,
    id: i64,
    changes: &SessionChanges<'_>,
    meeting: Option<(i64, &MeetingTimes)>,
) -> QueryResult<()> {
    let before = sessions::lock(conn, id)?;
    let place_changed =
        before.location != changes.location || before.online_url.as_deref() != changes.online_url;
    sessions::set_fields(conn, id, changes)?;
    if place_changed {
        sessions::raise_sequence_at_session_place(conn, id)?;
    }
    let moved = match meeting {
        Some((meeting_id, times)) => move_quietly(conn, id, meeting_id, times)?,
        None => false,
    };
    if place_changed || moved {
        announce_change(conn, id)?;
    }
    let session = sessions::find(conn, id)?;
    promote_waiting(conn, &session)?;
    Ok(())
}

/// Moves a meeting of a locked session without telling anyone; `false` if
/// nothing changed.
fn move_quietly(
    conn: &mut DbConnection,
    session_id: i64,
    meeting_id: i64,
    times: &MeetingTimes,
) -> QueryResult<bool> {
    let m = sessions::meeting(conn, meeting_id)?;
    if m.session_id != session_id {
        return Err(diesel::result::Error::NotFound);
    }
    if m.starts_at == times.starts_at
        && m.ends_at == times.ends_at
        && m.location == times.location
        && m.online_url == times.online_url
    {
        return Ok(false);
    }
    sessions::move_meeting(conn, meeting_id, times)?;
    sessions::refresh_span(conn, session_id)?;
    Ok(true)
}

/// Moves a meeting or changes its place: the SEQUENCE goes up and everyone
/// concerned (`told_of_change`) gets one message. Returns how many were
/// told, `None` if nothing changed.
pub fn reschedule_meeting(
    conn: &mut DbConnection,
    meeting_id: i64,
    times: &MeetingTimes,
) -> QueryResult<Option<usize>> {
    let m = sessions::meeting(conn, meeting_id)?;
    sessions::lock(conn, m.session_id)?;
    if !move_quietly(conn, m.session_id, meeting_id, times)? {
        return Ok(None);
    }
    announce_change(conn, m.session_id).map(Some)
}

/// Adds a meeting to a session; participants get it in their calendar.
pub fn add_meeting(
    conn: &mut DbConnection,
    session_id: i64,
    times: &MeetingTimes,
) -> QueryResult<i64> {
    sessions::lock(conn, session_id)?;
    let id = sessions::insert_meeting(conn, session_id, times)?;
    sessions::refresh_span(conn, session_id)?;
    announce_change(conn, session_id)?;
    Ok(id)
}

/// Why a meeting was not removed.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub enum NotRemoved {
    /// A session keeps at least one meeting: cancel the session instead.
    LastMeeting,
    AlreadyRemoved,
}

/// Removes one meeting (the session goes on): it is marked cancelled with
/// a raised SEQUENCE, and each person who was to come gets one message
/// whose invitation cancels that meeting alone. Returns how many were told.
pub fn remove_meeting(
    conn: &mut DbConnection,
    meeting_id: i64,
) -> QueryResult<Result<usize, NotRemoved>> {
    let m = sessions::meeting(conn, meeting_id)?;
    sessions::lock(conn, m.session_id)?;
    if m.cancelled_at.is_some() {
        return Ok(Err(NotRemoved::AlreadyRemoved));
    }
    let others = sessions::meetings(conn, m.session_id)?
        .into_iter()
        .filter(|o| o.id != meeting_id && o.cancelled_at.is_none())
        .count();
    if others == 0 {
        return Ok(Err(NotRemoved::LastMeeting));
    }
    sessions::cancel_meeting(conn, meeting_id, now())?;
    sessions::refresh_span(conn, m.session_id)?;
    let told = told_of_change(conn, m.session_id, Some(meeting_id))?;
    for (to, session) in &told.seated {
        let message = Message::MeetingRemoved {
            session: session.clone(),
            meeting_id,
        };
        outbox::enqueue(conn, to, &message)?;
    }
    Ok(Ok(told.seated.len()))
}

/// Cancels the whole session: every seat and queue place ends, and everyone
/// is told (with a calendar cancellation for those who had a seat).
pub fn cancel_session(
    conn: &mut DbConnection,
    id: i64,
    reason: Option<&str>,
    by: i64,
) -> QueryResult<()> {
    let session = sessions::lock(conn, id)?;
    if session.status == SessionStatus::Cancelled {
        return Ok(());
    }
    let people = sessions::active_people(conn, id)?;
    sessions::set_cancelled(conn, id, reason, by, now())?;
    let summary = sessions::summary(conn, id)?;
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
