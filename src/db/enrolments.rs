//! Enrolments: who holds a seat or a place in the queue of a session, and
//! the row-level writes the enrolment engine (`app::engine`) is made of.
//! Every write here is meant to run in the engine's transaction, after it
//! has locked the session.

use std::collections::HashMap;

use chrono::NaiveDateTime;
use diesel::prelude::*;
use serde::Serialize;

use super::schema::{enrolments, sessions as sessions_t, users};
use super::sessions::Session;
use super::{DbConnection, Prepared};
use crate::db::{Direct, columns_of};
use crate::domain::Code;
use crate::domain::enrolment::EnrolmentStatus;

#[derive(Debug, Clone, Queryable, Selectable, Serialize)]
#[diesel(table_name = enrolments)]
pub struct Enrolment {
    pub id: i64,
    pub session_id: i64,
    pub user_id: i64,
    pub status: EnrolmentStatus,
    #[diesel(deserialize_as = crate::db::Stamp)]
    pub queued_at: NaiveDateTime,
    #[diesel(deserialize_as = crate::db::MaybeStamp)]
    pub confirmed_at: Option<NaiveDateTime>,
    #[diesel(deserialize_as = crate::db::MaybeStamp)]
    pub cancelled_at: Option<NaiveDateTime>,
    pub cancelled_by: Option<i64>,
    pub late_cancellation: bool,
    pub refilled: bool,
    #[diesel(deserialize_as = crate::db::Stamp)]
    pub created_at: NaiveDateTime,
    #[diesel(deserialize_as = crate::db::Stamp)]
    pub updated_at: NaiveDateTime,
}

pub fn find(
    conn: &mut DbConnection,
    session_id: i64,
    user_id: i64,
) -> QueryResult<Option<Enrolment>> {
    enrolments::table
        .filter(enrolments::session_id.eq(session_id))
        .filter(enrolments::user_id.eq(user_id))
        .select(columns_of::<Enrolment>())
        .first_direct(conn)
        .optional()
}

/// Counts the session's seats and waiting list again from its enrolments,
/// in one statement: the counters can never drift from the rows.
pub fn set_counts(conn: &mut DbConnection, session_id: i64) -> QueryResult<()> {
    // Correlated subqueries on the updated row: no values to bind, the
    // same SQL on both databases.
    let count = |status: EnrolmentStatus| {
        diesel::dsl::sql::<diesel::sql_types::Integer>(&format!(
            "(SELECT CAST(COUNT(*) AS INTEGER) FROM enrolments e \
             WHERE e.session_id = sessions.id AND e.status = '{}')",
            status.as_str()
        ))
    };
    Prepared(diesel::update(sessions_t::table.find(session_id)).set((
        sessions_t::confirmed_count.eq(count(EnrolmentStatus::Confirmed)),
        sessions_t::waitlist_count.eq(count(EnrolmentStatus::Waitlisted)),
    )))
    .execute_direct(conn)?;
    Ok(())
}

/// How a new place of `status` changes the session's counters:
/// (confirmed, waiting).
fn place_counts(status: EnrolmentStatus) -> (i32, i32) {
    (
        i32::from(status == EnrolmentStatus::Confirmed),
        i32::from(status == EnrolmentStatus::Waitlisted),
    )
}

/// Adds a new place of `status` to the counters of a session whose lock
/// the caller holds. Recounting (`set_counts`) would read the whole waiting
/// list on every enrolment; the lock makes the addition exact, and every
/// other change (a cancellation, a promotion, a shift) still recounts.
fn count_new_place(
    conn: &mut DbConnection,
    session_id: i64,
    status: EnrolmentStatus,
) -> QueryResult<()> {
    let (confirmed, waiting) = place_counts(status);
    // On neither list (`enrolment::place` gives only the two): nothing to
    // count, as in `insert_counted`.
    if (confirmed, waiting) == (0, 0) {
        return Ok(());
    }
    let update = Prepared(diesel::update(sessions_t::table.find(session_id)).set((
        sessions_t::confirmed_count.eq(sessions_t::confirmed_count + confirmed),
        sessions_t::waitlist_count.eq(sessions_t::waitlist_count + waiting),
    )));
    crate::db::direct!(conn, |c| update.execute(c))?;
    Ok(())
}

/// Place in the waiting list: 1 + everyone queued before.
pub fn position(conn: &mut DbConnection, e: &Enrolment) -> QueryResult<i64> {
    position_of(conn, e.session_id, e.queued_at, e.id)
}

/// Place in the waiting list of the enrolment `id`, queued at `queued_at`.
pub fn position_of(
    conn: &mut DbConnection,
    session_id: i64,
    queued_at: NaiveDateTime,
    id: i64,
) -> QueryResult<i64> {
    let ahead: i64 = enrolments::table
        .filter(enrolments::session_id.eq(session_id))
        .filter(enrolments::status.eq(EnrolmentStatus::Waitlisted))
        .filter(
            enrolments::queued_at.lt(queued_at).or(enrolments::queued_at
                .eq(queued_at)
                .and(enrolments::id.lt(id))),
        )
        .count()
        .get_result_direct(conn)?;
    Ok(ahead + 1)
}

/// Places `user_id` in the session with `status`, reusing their earlier
/// enrolment (`existing`, no longer active) if there is one, and adds the
/// place to the session's counters. The caller holds the session's lock,
/// and `session` is the row read under it: the seat keeps its last moment.
pub fn place(
    conn: &mut DbConnection,
    session: &Session,
    user_id: i64,
    existing: Option<i64>,
    status: EnrolmentStatus,
    at: NaiveDateTime,
) -> QueryResult<i64> {
    let confirmed_at = (status == EnrolmentStatus::Confirmed).then_some(at);
    let id = match (existing, &mut *conn) {
        (Some(id), _) => {
            diesel::update(enrolments::table.find(id))
                .set((
                    enrolments::status.eq(status),
                    enrolments::queued_at.eq(at),
                    enrolments::confirmed_at.eq(confirmed_at),
                    enrolments::cancelled_at.eq(None::<NaiveDateTime>),
                    enrolments::cancelled_by.eq(None::<i64>),
                    enrolments::late_cancellation.eq(false),
                    enrolments::refilled.eq(false),
                    enrolments::updated_at.eq(at),
                    enrolments::session_ends_at.eq(session.ends_at),
                ))
                .execute_direct(conn)?;
            id
        }
        // Every first enrolment passes here: on PostgreSQL the row and the
        // counter are one statement.
        (None, DbConnection::Pg(pg)) => {
            return insert_counted(pg, session, user_id, status, confirmed_at, at);
        }
        (None, DbConnection::Sqlite(_)) => crate::db::insert_returning_id!(
            conn,
            enrolments,
            (
                enrolments::session_id.eq(session.id),
                enrolments::user_id.eq(user_id),
                enrolments::status.eq(status),
                enrolments::queued_at.eq(at),
                enrolments::confirmed_at.eq(confirmed_at),
                enrolments::late_cancellation.eq(false),
                enrolments::refilled.eq(false),
                enrolments::created_at.eq(at),
                enrolments::updated_at.eq(at),
                enrolments::session_ends_at.eq(session.ends_at),
                enrolments::session_kind.eq(session.kind),
            )
        )?,
    };
    count_new_place(conn, session.id, status)?;
    Ok(id)
}

/// `place`'s new row and its count in one statement (PostgreSQL only: the
/// insert is a common table expression of the counters' update).
fn insert_counted(
    pg: &mut diesel::PgConnection,
    session: &Session,
    user_id: i64,
    status: EnrolmentStatus,
    confirmed_at: Option<NaiveDateTime>,
    at: NaiveDateTime,
) -> QueryResult<i64> {
    use diesel::sql_types::{BigInt, Integer, Nullable, Text, Timestamp};
    #[derive(QueryableByName)]
    struct Placed {
        #[diesel(sql_type = BigInt)]
        id: i64,
    }
    let (confirmed, waiting) = place_counts(status);
    let placed: Placed = Prepared(
        diesel::sql_query(
            "WITH placed AS (INSERT INTO enrolments (session_id, user_id, status, queued_at, \
                 confirmed_at, late_cancellation, refilled, created_at, updated_at, \
                 session_ends_at, session_kind) \
                 VALUES ($1, $2, $3, $4, $5, FALSE, FALSE, $4, $4, $8, $9) RETURNING id) \
             UPDATE sessions SET confirmed_count = confirmed_count + $6, \
                 waitlist_count = waitlist_count + $7 \
             WHERE id = $1 RETURNING (SELECT id FROM placed) AS id",
        )
        .bind::<BigInt, _>(session.id)
        .bind::<BigInt, _>(user_id)
        .bind::<Text, _>(status.as_str())
        .bind::<Timestamp, _>(at)
        .bind::<Nullable<Timestamp>, _>(confirmed_at)
        .bind::<Integer, _>(confirmed)
        .bind::<Integer, _>(waiting)
        .bind::<Timestamp, _>(session.ends_at)
        .bind::<Text, _>(session.kind.as_str()),
    )
    .get_result(pg)?;
    Ok(placed.id)
}

/// Keeps the session's last moment on its seats after its meetings changed.
pub fn set_session_ends(
    conn: &mut DbConnection,
    session_id: i64,
    ends_at: NaiveDateTime,
) -> QueryResult<()> {
    diesel::update(
        enrolments::table
            .filter(enrolments::session_id.eq(session_id))
            .filter(
                enrolments::session_ends_at
                    .ne(ends_at)
                    .or(enrolments::session_ends_at.is_null()),
            ),
    )
    .set(enrolments::session_ends_at.eq(ends_at))
    .execute_direct(conn)?;
    Ok(())
}

/// Gives the seats written by an older binary during a rolling upgrade,
/// which knows nothing of `session_ends_at`, their session's last moment.
/// Returns how many there were.
pub fn fill_session_ends(conn: &mut DbConnection) -> QueryResult<usize> {
    use super::schema::sessions;
    let ends = sessions::table
        .filter(sessions::id.eq(enrolments::session_id))
        .select(sessions::ends_at.nullable())
        .single_value();
    diesel::update(enrolments::table.filter(enrolments::session_ends_at.is_null()))
        .set(enrolments::session_ends_at.eq(ends))
        .execute_direct(conn)
}

/// Ends an enrolment (`Cancelled` or `Withdrawn`); `by` is the member of
/// staff who did it, `late` whether it came after the deadline.
pub fn end(
    conn: &mut DbConnection,
    id: i64,
    status: EnrolmentStatus,
    by: Option<i64>,
    late: bool,
    at: NaiveDateTime,
) -> QueryResult<()> {
    diesel::update(enrolments::table.find(id))
        .set((
            enrolments::status.eq(status),
            enrolments::cancelled_at.eq(at),
            enrolments::cancelled_by.eq(by),
            enrolments::late_cancellation.eq(late),
            enrolments::updated_at.eq(at),
        ))
        .execute_direct(conn)?;
    Ok(())
}

/// Records that a late cancellation's seat went to the waiting list.
pub fn mark_refilled(conn: &mut DbConnection, id: i64) -> QueryResult<()> {
    diesel::update(enrolments::table.find(id))
        .set(enrolments::refilled.eq(true))
        .execute_direct(conn)?;
    Ok(())
}

/// The first `n` of the waiting list, in queue order: (enrolment, user).
pub fn first_waiting(
    conn: &mut DbConnection,
    session_id: i64,
    n: i64,
) -> QueryResult<Vec<(i64, i64)>> {
    enrolments::table
        .filter(enrolments::session_id.eq(session_id))
        .filter(enrolments::status.eq(EnrolmentStatus::Waitlisted))
        .order((enrolments::queued_at, enrolments::id))
        .limit(n)
        .select((enrolments::id, enrolments::user_id))
        .load_direct(conn)
}

/// Gives these enrolments a seat.
pub fn confirm(conn: &mut DbConnection, ids: &[i64], at: NaiveDateTime) -> QueryResult<()> {
    diesel::update(enrolments::table.filter(enrolments::id.eq_any(ids)))
        .set((
            enrolments::status.eq(EnrolmentStatus::Confirmed),
            enrolments::confirmed_at.eq(at),
            enrolments::updated_at.eq(at),
        ))
        .execute_direct(conn)?;
    Ok(())
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
        .filter(
            enrolments::status.eq_any([EnrolmentStatus::Confirmed, EnrolmentStatus::Waitlisted]),
        )
        // Erased people leave the lists; the session's counts keep them.
        .filter(users::erased_at.is_null())
        .order((enrolments::queued_at, enrolments::id))
        .select((
            columns_of::<Enrolment>(),
            users::name,
            users::email,
            users::phone,
        ))
        .load_direct(conn)?;
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
        if p.enrolment.status == EnrolmentStatus::Confirmed {
            seated.push(p);
        } else {
            let position = Some(waiting.len() as i64 + 1);
            waiting.push(Participant { position, ..p });
        }
    }
    seated.sort_by(|a, b| a.name.cmp(&b.name));
    Ok((seated, waiting))
}

/// Late cancellations of a session (whether their seat was refilled is on
/// the enrolment), by name: billing decides which of them are paid for.
pub fn late_cancelled(conn: &mut DbConnection, session_id: i64) -> QueryResult<Vec<Participant>> {
    let rows: Vec<(Enrolment, String, String, Option<String>)> = enrolments::table
        .inner_join(users::table.on(users::id.eq(enrolments::user_id)))
        .filter(enrolments::session_id.eq(session_id))
        .filter(enrolments::status.eq(EnrolmentStatus::Cancelled))
        .filter(enrolments::late_cancellation.eq(true))
        .filter(users::erased_at.is_null())
        .order((users::name, enrolments::id))
        .select((
            columns_of::<Enrolment>(),
            users::name,
            users::email,
            users::phone,
        ))
        .load_direct(conn)?;
    Ok(rows
        .into_iter()
        .map(|(enrolment, name, email, phone)| Participant {
            enrolment,
            name,
            email,
            phone,
            position: None,
        })
        .collect())
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
    // Boxed for the optional kind, and so typed for one backend: built and
    // run on each.
    let rows: Vec<(Enrolment, Session)> = crate::db::direct!(conn, |c| {
        let mut query = enrolments::table
            .inner_join(sessions_t::table)
            .filter(enrolments::user_id.eq(user_id))
            .into_boxed();
        // The seat's own copy of the kind: the person's index then skips
        // their seats of other kinds without reading a session for each (a
        // brobygger has a few cohort seats among a hundred evenings).
        // Written into the SQL, as each caller fixes it: bound, PostgreSQL
        // plans for the commoner kinds and so planned every call again.
        if let Some(kind) = kind {
            query = query.filter(enrolments::session_kind.eq(super::code_in_sql(kind).nullable()));
        }
        query
            .order(sessions_t::starts_at.desc())
            .select((columns_of::<Enrolment>(), columns_of::<Session>()))
            .load(c)
    })?;
    let waiting_in: Vec<i64> = rows
        .iter()
        .filter(|(e, _)| e.status == EnrolmentStatus::Waitlisted)
        .map(|(e, _)| e.session_id)
        .collect();
    // Most people wait nowhere: no statement then.
    let queue: Vec<(i64, i64)> = if waiting_in.is_empty() {
        Vec::new()
    } else {
        enrolments::table
            .filter(enrolments::session_id.eq_any(&waiting_in))
            .filter(enrolments::status.eq(EnrolmentStatus::Waitlisted))
            .order((
                enrolments::session_id,
                enrolments::queued_at,
                enrolments::id,
            ))
            .select((enrolments::session_id, enrolments::user_id))
            .load_direct(conn)?
    };
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
