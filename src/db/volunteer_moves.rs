//! Volunteers moved from one branch to another (a student moving city).
//! The move changes `volunteers.branch_id` only: attendance, hours,
//! declarations and supervision belong to the person, wherever they are.

use chrono::NaiveDateTime;
use diesel::prelude::*;
use serde::Serialize;

use super::schema::{branches, enrolments, sessions, users, volunteer_moves as moves, volunteers};
use super::{DbConnection, now};
use crate::db::Direct;
use crate::domain::enrolment::EnrolmentStatus;
use crate::domain::session::{SessionKind, SessionStatus};

/// Moves the volunteer from `from` to `to` and records it, if they are
/// still in `from` (two coordinators moving them at once move them once).
/// Returns whether it moved them.
pub fn record(
    conn: &mut DbConnection,
    user_id: i64,
    from: i64,
    to: i64,
    by: Option<i64>,
) -> QueryResult<bool> {
    let at = now();
    let n = diesel::update(
        volunteers::table
            .find(user_id)
            .filter(volunteers::branch_id.eq(from)),
    )
    .set((volunteers::branch_id.eq(to), volunteers::updated_at.eq(at)))
    .execute_direct(conn)?;
    if n == 0 {
        return Ok(false);
    }
    diesel::insert_into(moves::table)
        .values((
            moves::user_id.eq(user_id),
            moves::from_branch_id.eq(from),
            moves::to_branch_id.eq(to),
            moves::moved_by.eq(by),
            moves::created_at.eq(at),
        ))
        .execute_direct(conn)?;
    // The new branch's window sets the due date.
    super::supervision::store_due_of(conn, user_id)?;
    Ok(true)
}

/// A move as the volunteer's history shows it.
#[derive(Debug, Clone, Serialize)]
pub struct MoveEntry {
    pub from_branch_id: i64,
    pub from_branch: String,
    pub to_branch: String,
    /// Who moved them (`None`: the account is gone, or the demo).
    pub by_name: Option<String>,
    pub created_at: NaiveDateTime,
}

/// A volunteer's moves, newest first, in two queries.
pub fn of_user(conn: &mut DbConnection, user_id: i64) -> QueryResult<Vec<MoveEntry>> {
    type Row = (i64, i64, Option<String>, NaiveDateTime);
    let rows: Vec<Row> = moves::table
        .left_join(users::table.on(moves::moved_by.eq(users::id.nullable())))
        .filter(moves::user_id.eq(user_id))
        .order(moves::id.desc())
        .select((
            moves::from_branch_id,
            moves::to_branch_id,
            users::name.nullable(),
            moves::created_at,
        ))
        .load_direct(conn)?;
    let ids: Vec<i64> = rows.iter().flat_map(|r| [r.0, r.1]).collect();
    let names: std::collections::HashMap<i64, String> = branches::table
        .filter(branches::id.eq_any(&ids))
        .select((branches::id, branches::name))
        .load_direct(conn)?
        .into_iter()
        .collect();
    let name = |id: i64| names.get(&id).cloned().unwrap_or_default();
    Ok(rows
        .into_iter()
        .map(|(from, to, by_name, created_at)| MoveEntry {
            from_branch_id: from,
            from_branch: name(from),
            to_branch: name(to),
            by_name,
            created_at,
        })
        .collect())
}

/// A coming session of another branch the volunteer holds a seat (or a
/// place in the queue) in.
#[derive(Debug, Clone, Serialize)]
pub struct Kept {
    pub session_id: i64,
    pub title: String,
    pub kind: SessionKind,
    pub starts_at: NaiveDateTime,
    pub branch_name: String,
}

/// The volunteer's coming sessions (of any kind, not cancelled) in these
/// branches, soonest first, in one query.
pub fn booked_in(
    conn: &mut DbConnection,
    user_id: i64,
    branch_ids: &[i64],
    at: NaiveDateTime,
) -> QueryResult<Vec<Kept>> {
    if branch_ids.is_empty() {
        return Ok(Vec::new());
    }
    let rows: Vec<(i64, String, SessionKind, NaiveDateTime, String)> = enrolments::table
        .inner_join(sessions::table.inner_join(branches::table))
        .filter(enrolments::user_id.eq(user_id))
        .filter(
            enrolments::status.eq_any([EnrolmentStatus::Confirmed, EnrolmentStatus::Waitlisted]),
        )
        .filter(sessions::branch_id.eq_any(branch_ids))
        .filter(sessions::status.eq(SessionStatus::Open))
        .filter(sessions::starts_at.gt(at))
        .order((sessions::starts_at, sessions::id))
        .select((
            sessions::id,
            sessions::title,
            sessions::kind,
            sessions::starts_at,
            branches::name,
        ))
        .load_direct(conn)?;
    Ok(rows
        .into_iter()
        .map(|(session_id, title, kind, starts_at, branch_name)| Kept {
            session_id,
            title,
            kind,
            starts_at,
            branch_name,
        })
        .collect())
}
