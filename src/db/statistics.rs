//! The storage side of the annual figures (`app::statistics`): sessions
//! held in a period with the people who came, and the status histories the
//! volunteer counts are worked out from. Grouped queries, a fixed number
//! whatever the size of the year.

use chrono::NaiveDateTime;
use diesel::prelude::*;

use super::DbConnection;
use super::schema::{
    attendance, evening_details, meetings, sessions, volunteer_status_changes, volunteers,
};
use crate::db::Direct;
use crate::domain::attendance::AttendanceStatus;
use crate::domain::evening::EveningKind;
use crate::domain::session::{SessionKind, SessionStatus};
use crate::domain::volunteer::VolunteerStatus;

/// Sessions of `kind` held (marked held) that began in `[from, to)` (UTC),
/// in these branches (every session, national ones included, when `None`),
/// and the people recorded present, each counted once per session.
pub fn held(
    conn: &mut DbConnection,
    kind: SessionKind,
    branch_ids: Option<&[i64]>,
    from: NaiveDateTime,
    to: NaiveDateTime,
) -> QueryResult<(i64, i64)> {
    let ids: Vec<i64> = crate::db::direct!(conn, |c| {
        let mut q = sessions::table
            .filter(sessions::kind.eq(kind))
            .filter(sessions::status.eq(SessionStatus::Held))
            .filter(sessions::starts_at.ge(from))
            .filter(sessions::starts_at.lt(to))
            .into_boxed();
        if let Some(ids) = branch_ids {
            q = q.filter(sessions::branch_id.eq_any(ids.to_vec()));
        }
        if kind == SessionKind::Evening {
            // Brobyggeraftener only, not the public info evenings.
            q = q.filter(
                sessions::id.eq_any(
                    evening_details::table
                        .filter(evening_details::evening_kind.eq(EveningKind::Branch))
                        .select(evening_details::session_id),
                ),
            );
        }
        q.select(sessions::id).load(c)
    })?;
    if ids.is_empty() {
        return Ok((0, 0));
    }
    // Counted per session by the database: a national year is a few
    // thousand sessions but hundreds of thousands of attendance rows.
    let mut present = 0;
    for slice in ids.chunks(10_000) {
        let per_session: Vec<(i64, i64)> = attendance::table
            .inner_join(meetings::table)
            .filter(meetings::session_id.eq_any(slice))
            .filter(attendance::status.ne(AttendanceStatus::Absent))
            .group_by(meetings::session_id)
            .select((
                meetings::session_id,
                diesel::dsl::count(attendance::user_id).aggregate_distinct(),
            ))
            .load_direct(conn)?;
        present += per_session.iter().map(|(_, n)| n).sum::<i64>();
    }
    Ok((ids.len() as i64, present))
}

/// The status changes before `to` (UTC) of the volunteers now in these
/// branches (every volunteer when `None`), as (person, when, from, to),
/// ordered by person and then as they happened.
pub type Change = (i64, NaiveDateTime, Option<VolunteerStatus>, VolunteerStatus);

pub fn changes(
    conn: &mut DbConnection,
    branch_ids: Option<&[i64]>,
    to: NaiveDateTime,
) -> QueryResult<Vec<Change>> {
    crate::db::direct!(conn, |c| {
        let mut q = volunteer_status_changes::table
            .inner_join(
                volunteers::table.on(volunteers::user_id.eq(volunteer_status_changes::user_id)),
            )
            .filter(volunteer_status_changes::created_at.lt(to))
            .into_boxed();
        if let Some(ids) = branch_ids {
            q = q.filter(volunteers::branch_id.eq_any(ids.to_vec()));
        }
        q.order((
            volunteer_status_changes::user_id,
            volunteer_status_changes::id,
        ))
        .select((
            volunteer_status_changes::user_id,
            volunteer_status_changes::created_at,
            volunteer_status_changes::from_status,
            volunteer_status_changes::to_status,
        ))
        .load(c)
    })
}
