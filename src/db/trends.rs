//! What a branch's monthly trends are counted from, read in a fixed number
//! of queries whatever the size of the history (the people read in slices
//! of 10,000, as SQLite takes at most 32,766 bound values): the volunteers
//! who were the branch's at some point of the period with their moves,
//! status changes and supervision attended, and the branch's GenLær
//! sessions of the period. Times come back as stored (UTC); which month
//! they fall in is `domain::trends`'.

use std::collections::HashMap;

use chrono::NaiveDateTime;
use diesel::dsl::{exists, max};
use diesel::prelude::*;

use super::DbConnection;
use super::schema::{
    attendance, meetings, sessions, volunteer_imports, volunteer_moves as moves,
    volunteer_status_changes as changes, volunteers,
};
use crate::db::Direct;
use crate::domain::attendance::AttendanceStatus;
use crate::domain::session::{SessionKind, SessionStatus};
use crate::domain::trends::{Change, History, Move};
use crate::domain::volunteer::VolunteerStatus;

const SLICE: usize = 10_000;

/// The facts behind a branch's trends for the period `from`..`to`.
#[derive(Debug, Clone, Default)]
pub struct TrendFacts {
    /// Everyone who may have been the branch's during the period: in the
    /// branch now or moved into or out of it, and either active or paused
    /// now or with a status change since `from`.
    pub people: Vec<History>,
    /// The branch's GenLær sessions that began in the period and were not
    /// cancelled: when each began and its confirmed participants.
    pub genlaer: Vec<(NaiveDateTime, i64)>,
    /// The branch's supervision window today (its history is not kept).
    pub window_months: i32,
}

pub fn facts(
    conn: &mut DbConnection,
    branch: i64,
    from: NaiveDateTime,
    to: NaiveDateTime,
) -> QueryResult<TrendFacts> {
    let moved_here = moves::table
        .filter(
            moves::from_branch_id
                .eq(branch)
                .or(moves::to_branch_id.eq(branch)),
        )
        .select(moves::user_id);
    let people: Vec<(i64, i64)> = volunteers::table
        .filter(
            volunteers::branch_id
                .eq(branch)
                .or(volunteers::user_id.eq_any(moved_here)),
        )
        .filter(
            volunteers::status
                .eq_any([VolunteerStatus::Active, VolunteerStatus::Paused])
                .or(exists(
                    changes::table
                        .filter(changes::user_id.eq(volunteers::user_id))
                        .filter(changes::created_at.ge(from)),
                )),
        )
        .select((volunteers::user_id, volunteers::branch_id))
        .load_direct(conn)?;
    let ids: Vec<i64> = people.iter().map(|p| p.0).collect();

    let mut moves_of: HashMap<i64, Vec<Move>> = HashMap::new();
    let mut changes_of: HashMap<i64, Vec<Change>> = HashMap::new();
    let mut supervised: HashMap<i64, Vec<NaiveDateTime>> = HashMap::new();
    let mut before: HashMap<i64, NaiveDateTime> = HashMap::new();
    for slice in ids.chunks(SLICE) {
        let rows: Vec<(i64, NaiveDateTime, i64, i64)> = moves::table
            .filter(moves::user_id.eq_any(slice))
            .select((
                moves::user_id,
                moves::created_at,
                moves::from_branch_id,
                moves::to_branch_id,
            ))
            .load_direct(conn)?;
        for (u, at, from, to) in rows {
            moves_of.entry(u).or_default().push(Move { at, from, to });
        }
        let rows: Vec<(i64, NaiveDateTime, Option<VolunteerStatus>, VolunteerStatus)> =
            changes::table
                .filter(changes::user_id.eq_any(slice))
                .filter(changes::created_at.lt(to))
                .order(changes::id)
                .select((
                    changes::user_id,
                    changes::created_at,
                    changes::from_status,
                    changes::to_status,
                ))
                .load_direct(conn)?;
        for (u, at, from, to) in rows {
            changes_of
                .entry(u)
                .or_default()
                .push(Change { at, from, to });
        }
        let attended = attendance::table
            .inner_join(meetings::table)
            .filter(attendance::user_id.eq_any(slice))
            .filter(attendance::session_kind.eq(SessionKind::Supervision))
            .filter(
                attendance::status.eq_any([AttendanceStatus::Present, AttendanceStatus::Partial]),
            );
        let rows: Vec<(i64, NaiveDateTime)> = attended
            .clone()
            .filter(meetings::starts_at.ge(from))
            .filter(meetings::starts_at.lt(to))
            .select((attendance::user_id, meetings::starts_at))
            .load_direct(conn)?;
        for (u, at) in rows {
            supervised.entry(u).or_default().push(at);
        }
        // Before the period only the last one matters.
        let rows: Vec<(i64, Option<NaiveDateTime>)> = attended
            .filter(meetings::starts_at.lt(from))
            .group_by(attendance::user_id)
            .select((attendance::user_id, max(meetings::starts_at)))
            .load_direct(conn)?;
        for (u, at) in rows {
            if let Some(at) = at {
                supervised.entry(u).or_default().push(at);
            }
        }
        let rows: Vec<(i64, Option<NaiveDateTime>)> = volunteer_imports::table
            .filter(volunteer_imports::user_id.eq_any(slice))
            .filter(volunteer_imports::last_supervision_at.is_not_null())
            .select((
                volunteer_imports::user_id,
                volunteer_imports::last_supervision_at,
            ))
            .load_direct(conn)?;
        for (u, at) in rows {
            if let Some(at) = at {
                before.insert(u, at);
            }
        }
    }

    let genlaer: Vec<(NaiveDateTime, i32)> = sessions::table
        .filter(sessions::branch_id.eq(branch))
        .filter(sessions::kind.eq(SessionKind::Genlaer))
        .filter(sessions::starts_at.ge(from))
        .filter(sessions::starts_at.lt(to))
        .filter(sessions::status.ne(SessionStatus::Cancelled))
        .select((sessions::starts_at, sessions::confirmed_count))
        .load_direct(conn)?;

    Ok(TrendFacts {
        people: people
            .into_iter()
            .map(|(u, branch_now)| History {
                branch_now,
                moves: moves_of.remove(&u).unwrap_or_default(),
                changes: changes_of.remove(&u).unwrap_or_default(),
                supervised: supervised.remove(&u).unwrap_or_default(),
                supervised_before_brobyg: before.get(&u).copied(),
            })
            .collect(),
        genlaer: genlaer
            .into_iter()
            .map(|(at, n)| (at, i64::from(n)))
            .collect(),
        window_months: super::supervision::window(conn, branch)?,
    })
}
