//! The enrolment engine: seats, the waiting list, cancellations and
//! promotions, for every kind of session. Each operation locks its session
//! first (`sessions::lock`) and is meant to run inside one transaction with
//! the messages it records, so that capacity holds under any concurrency.

use std::collections::HashMap;

use chrono::NaiveDateTime;
use diesel::prelude::*;
use serde::Serialize;

use super::schema::{enrolments, sessions as sessions_t, users};
use super::sessions::{self, Session};
use super::{DbConnection, now, outbox};
use crate::domain::enrolment::{self, EnrolmentStatus, Refusal};
use crate::mail::{Message, Recipient};

#[derive(Debug, Clone, Queryable, Selectable, Serialize)]
#[diesel(table_name = enrolments)]
pub struct Enrolment {
    pub id: i64,
    pub session_id: i64,
    pub user_id: i64,
    pub status: String,
    pub queued_at: NaiveDateTime,
    pub confirmed_at: Option<NaiveDateTime>,
    pub cancelled_at: Option<NaiveDateTime>,
    pub cancelled_by: Option<i64>,
    pub late_cancellation: bool,
    pub refilled: bool,
    pub created_at: NaiveDateTime,
    pub updated_at: NaiveDateTime,
}

impl Enrolment {
    pub fn status(&self) -> EnrolmentStatus {
        EnrolmentStatus::parse(&self.status).unwrap_or(EnrolmentStatus::Cancelled)
    }
}

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
}

pub fn find(
    conn: &mut DbConnection,
    session_id: i64,
    user_id: i64,
) -> QueryResult<Option<Enrolment>> {
    enrolments::table
        .filter(enrolments::session_id.eq(session_id))
        .filter(enrolments::user_id.eq(user_id))
        .select(Enrolment::as_select())
        .first(conn)
        .optional()
}

fn recipient(conn: &mut DbConnection, user_id: i64) -> QueryResult<Recipient> {
    let user = super::users::find(conn, user_id)?;
    Ok(Recipient::from(&user))
}

/// Counts the session's seats and waiting list again from its enrolments,
/// in one statement: the counters can never drift from the rows.
fn set_counts(conn: &mut DbConnection, session_id: i64) -> QueryResult<()> {
    // Correlated subqueries on the updated row: no values to bind, the
    // same SQL on both databases.
    let count = |status: EnrolmentStatus| {
        diesel::dsl::sql::<diesel::sql_types::Integer>(&format!(
            "(SELECT CAST(COUNT(*) AS INTEGER) FROM enrolments e \
             WHERE e.session_id = sessions.id AND e.status = '{}')",
            status.as_str()
        ))
    };
    diesel::update(sessions_t::table.find(session_id))
        .set((
            sessions_t::confirmed_count.eq(count(EnrolmentStatus::Confirmed)),
            sessions_t::waitlist_count.eq(count(EnrolmentStatus::Waitlisted)),
        ))
        .execute(conn)?;
    Ok(())
}

/// Place in the waiting list: 1 + everyone queued before.
pub fn position(conn: &mut DbConnection, e: &Enrolment) -> QueryResult<i64> {
    position_of(conn, e.session_id, e.queued_at, e.id)
}

/// Place in the waiting list of the enrolment `id`, queued at `queued_at`.
fn position_of(
    conn: &mut DbConnection,
    session_id: i64,
    queued_at: NaiveDateTime,
    id: i64,
) -> QueryResult<i64> {
    let ahead: i64 = enrolments::table
        .filter(enrolments::session_id.eq(session_id))
        .filter(enrolments::status.eq(EnrolmentStatus::Waitlisted.as_str()))
        .filter(
            enrolments::queued_at.lt(queued_at).or(enrolments::queued_at
                .eq(queued_at)
                .and(enrolments::id.lt(id))),
        )
        .count()
        .get_result(conn)?;
    Ok(ahead + 1)
}

/// Enrols a person: a seat if one is free, else the waiting list, and the
/// matching message. `by_staff` lets a coordinator enrol after the deadline.
pub fn enrol(
    conn: &mut DbConnection,
    session_id: i64,
    user_id: i64,
    by_staff: bool,
    base_url: &str,
) -> QueryResult<Result<Placed, Refusal>> {
    let session = sessions::lock(conn, session_id)?;
    enrol_locked(conn, &session, user_id, by_staff, base_url)
}

/// `enrol` for a caller that already holds the session's lock
/// (`sessions::lock`, earlier in the same transaction) and its row.
pub fn enrol_locked(
    conn: &mut DbConnection,
    session: &Session,
    user_id: i64,
    by_staff: bool,
    base_url: &str,
) -> QueryResult<Result<Placed, Refusal>> {
    let session_id = session.id;
    let current = find(conn, session_id, user_id)?;
    let at = now();
    let status = match enrolment::place(
        &session.facts(),
        current.as_ref().map(Enrolment::status),
        at,
        by_staff,
    ) {
        Ok(s) => s,
        Err(refusal) => return Ok(Err(refusal)),
    };
    let confirmed_at = (status == EnrolmentStatus::Confirmed).then_some(at);
    let reused = current.is_some();
    let enrolment_id = match current {
        // Coming back after cancelling: the same row, at the end of the queue.
        Some(existing) => {
            diesel::update(enrolments::table.find(existing.id))
                .set((
                    enrolments::status.eq(status.as_str()),
                    enrolments::queued_at.eq(at),
                    enrolments::confirmed_at.eq(confirmed_at),
                    enrolments::cancelled_at.eq(None::<NaiveDateTime>),
                    enrolments::cancelled_by.eq(None::<i64>),
                    enrolments::late_cancellation.eq(false),
                    enrolments::refilled.eq(false),
                    enrolments::updated_at.eq(at),
                ))
                .execute(conn)?;
            existing.id
        }
        None => crate::db::insert_returning_id!(
            conn,
            enrolments,
            (
                enrolments::session_id.eq(session_id),
                enrolments::user_id.eq(user_id),
                enrolments::status.eq(status.as_str()),
                enrolments::queued_at.eq(at),
                enrolments::confirmed_at.eq(confirmed_at),
                enrolments::late_cancellation.eq(false),
                enrolments::refilled.eq(false),
                enrolments::created_at.eq(at),
                enrolments::updated_at.eq(at),
            )
        )?,
    };
    set_counts(conn, session_id)?;
    let summary = sessions::summary_of(conn, session, base_url)?;
    let to = recipient(conn, user_id)?;
    let placed = if status == EnrolmentStatus::Waitlisted {
        let pos = position_of(conn, session_id, at, enrolment_id)?;
        outbox::enqueue(
            conn,
            &to,
            &Message::Waitlisted {
                session: summary,
                position: pos,
            },
        )?;
        Placed {
            enrolment_id,
            reused,
            status,
            position: Some(pos),
        }
    } else {
        outbox::enqueue(conn, &to, &Message::Enrolled { session: summary })?;
        Placed {
            enrolment_id,
            reused,
            status,
            position: None,
        }
    };
    Ok(Ok(placed))
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
    base_url: &str,
) -> QueryResult<Result<Cancelled, Refusal>> {
    let session = sessions::lock(conn, session_id)?;
    let Some(current) = find(conn, session_id, user_id)? else {
        return Ok(Err(Refusal::NotEnrolled));
    };
    let at = now();
    let was = current.status();
    let late = match enrolment::cancellation(&session.facts(), Some(was), at, by_staff.is_some()) {
        Ok(late) => late,
        Err(refusal) => return Ok(Err(refusal)),
    };
    let new_status = if was == EnrolmentStatus::Waitlisted {
        EnrolmentStatus::Withdrawn
    } else {
        EnrolmentStatus::Cancelled
    };
    diesel::update(enrolments::table.find(current.id))
        .set((
            enrolments::status.eq(new_status.as_str()),
            enrolments::cancelled_at.eq(at),
            enrolments::cancelled_by.eq(by_staff),
            enrolments::late_cancellation.eq(late),
            enrolments::updated_at.eq(at),
        ))
        .execute(conn)?;
    set_counts(conn, session_id)?;
    let summary = sessions::summary(conn, session_id, base_url)?;
    let to = recipient(conn, user_id)?;
    let message = if new_status == EnrolmentStatus::Withdrawn {
        Message::LeftWaitlist { session: summary }
    } else {
        Message::EnrolmentCancelled {
            session: summary,
            by_staff: by_staff.is_some_and(|staff| staff != user_id),
        }
    };
    outbox::enqueue(conn, &to, &message)?;
    let session = sessions::find(conn, session_id)?;
    let promoted = promote_waiting(conn, &session, base_url)?;
    let refilled = late && !promoted.is_empty();
    if refilled {
        diesel::update(enrolments::table.find(current.id))
            .set(enrolments::refilled.eq(true))
            .execute(conn)?;
    }
    Ok(Ok(Cancelled { late, refilled }))
}

/// Gives free seats to the first in the waiting list, in queue order, and
/// tells them. The caller holds the session's lock. Returns who got a seat.
pub fn promote_waiting(
    conn: &mut DbConnection,
    session: &Session,
    base_url: &str,
) -> QueryResult<Vec<i64>> {
    if session.status() != crate::domain::session::SessionStatus::Open {
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
    let next: Vec<(i64, i64)> = enrolments::table
        .filter(enrolments::session_id.eq(session.id))
        .filter(enrolments::status.eq(EnrolmentStatus::Waitlisted.as_str()))
        .order((enrolments::queued_at, enrolments::id))
        .limit(i64::from(n))
        .select((enrolments::id, enrolments::user_id))
        .load(conn)?;
    if next.is_empty() {
        return Ok(Vec::new());
    }
    let at = now();
    let ids: Vec<i64> = next.iter().map(|(id, _)| *id).collect();
    diesel::update(enrolments::table.filter(enrolments::id.eq_any(&ids)))
        .set((
            enrolments::status.eq(EnrolmentStatus::Confirmed.as_str()),
            enrolments::confirmed_at.eq(at),
            enrolments::updated_at.eq(at),
        ))
        .execute(conn)?;
    set_counts(conn, session.id)?;
    let summary = sessions::summary(conn, session.id, base_url)?;
    let mut promoted = Vec::with_capacity(next.len());
    for (_, user_id) in next {
        let to = recipient(conn, user_id)?;
        outbox::enqueue(
            conn,
            &to,
            &Message::Promoted {
                session: summary.clone(),
            },
        )?;
        promoted.push(user_id);
    }
    Ok(promoted)
}

/// Moves a participant to another session of the coordinator's choosing: the
/// old seat is released (and refilled from its queue), the new one taken
/// even if that session is full (then they wait there).
pub fn move_participant(
    conn: &mut DbConnection,
    from_session: i64,
    to_session: i64,
    user_id: i64,
    staff: i64,
    base_url: &str,
) -> QueryResult<Result<Placed, Refusal>> {
    // Always lock in id order, so two opposite moves cannot deadlock.
    let (first, second) = if from_session < to_session {
        (from_session, to_session)
    } else {
        (to_session, from_session)
    };
    sessions::lock(conn, first)?;
    sessions::lock(conn, second)?;
    if let Err(refusal) = cancel(conn, from_session, user_id, Some(staff), base_url)? {
        return Ok(Err(refusal));
    }
    enrol(conn, to_session, user_id, true, base_url)
}

/// Someone on a session's list, with what the coordinator needs to see.
#[derive(Debug, Clone, Serialize)]
pub struct Participant {
    pub enrolment: Enrolment,
    pub name: String,
    pub email: String,
    pub phone: Option<String>,
    /// For the waiting list: 1 = next.
    pub position: Option<i64>,
}

/// The seated participants (by name) and the waiting list (in queue order)
/// of a session, in one query.
pub fn participants(
    conn: &mut DbConnection,
    session_id: i64,
) -> QueryResult<(Vec<Participant>, Vec<Participant>)> {
    let rows: Vec<(Enrolment, String, String, Option<String>)> = enrolments::table
        .inner_join(users::table.on(users::id.eq(enrolments::user_id)))
        .filter(enrolments::session_id.eq(session_id))
        .filter(enrolments::status.eq_any([
            EnrolmentStatus::Confirmed.as_str(),
            EnrolmentStatus::Waitlisted.as_str(),
        ]))
        .order((enrolments::queued_at, enrolments::id))
        .select((
            Enrolment::as_select(),
            users::name,
            users::email,
            users::phone,
        ))
        .load(conn)?;
    let mut seated = Vec::new();
    let mut waiting = Vec::new();
    for (enrolment, name, email, phone) in rows {
        let p = Participant {
            enrolment,
            name,
            email,
            phone,
            position: None,
        };
        if p.enrolment.status() == EnrolmentStatus::Confirmed {
            seated.push(p);
        } else {
            let position = Some(waiting.len() as i64 + 1);
            waiting.push(Participant { position, ..p });
        }
    }
    seated.sort_by(|a, b| a.name.cmp(&b.name));
    Ok((seated, waiting))
}

/// One of a person's enrolments with its session.
#[derive(Debug, Clone, Serialize)]
pub struct MyEnrolment {
    pub enrolment: Enrolment,
    pub session: Session,
    pub position: Option<i64>,
}

/// A person's enrolments of one kind (or all kinds), newest session first,
/// with waiting-list positions, in three queries whatever their number.
pub fn of_user(
    conn: &mut DbConnection,
    user_id: i64,
    kind: Option<crate::domain::session::SessionKind>,
) -> QueryResult<Vec<MyEnrolment>> {
    let mut query = enrolments::table
        .inner_join(sessions_t::table)
        .filter(enrolments::user_id.eq(user_id))
        .into_boxed();
    if let Some(kind) = kind {
        query = query.filter(sessions_t::kind.eq(kind.as_str()));
    }
    let rows: Vec<(Enrolment, Session)> = query
        .order(sessions_t::starts_at.desc())
        .select((Enrolment::as_select(), Session::as_select()))
        .load(conn)?;
    let waiting_in: Vec<i64> = rows
        .iter()
        .filter(|(e, _)| e.status() == EnrolmentStatus::Waitlisted)
        .map(|(e, _)| e.session_id)
        .collect();
    let queue: Vec<(i64, i64)> = enrolments::table
        .filter(enrolments::session_id.eq_any(&waiting_in))
        .filter(enrolments::status.eq(EnrolmentStatus::Waitlisted.as_str()))
        .order((
            enrolments::session_id,
            enrolments::queued_at,
            enrolments::id,
        ))
        .select((enrolments::session_id, enrolments::user_id))
        .load(conn)?;
    let mut positions: HashMap<i64, i64> = HashMap::new();
    let mut counter: HashMap<i64, i64> = HashMap::new();
    for (session_id, uid) in queue {
        let n = counter.entry(session_id).or_insert(0);
        *n += 1;
        if uid == user_id {
            positions.insert(session_id, *n);
        }
    }
    Ok(rows
        .into_iter()
        .map(|(enrolment, session)| {
            let position = positions.get(&session.id).copied();
            MyEnrolment {
                enrolment,
                session,
                position,
            }
        })
        .collect())
}
