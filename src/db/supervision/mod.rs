//! Supervision over stored records: sessions of kind `supervision` with
//! their detail row, each volunteer's standing against the branch's
//! rolling window (loaded for many at once in a fixed number of queries),
//! requests for individual supervision, and the record of the due-soon and
//! overdue notices sent.

mod requests;
mod standing;
mod stored;

pub use requests::{
    Request, RequestRow, close_request, coordinators_of, find_request, insert_request, open_counts,
    open_request_of, requests_in, set_request_session,
};
pub use standing::{
    VolunteerStanding, Whose, fill_next_booked, notices_sent, overview, record_notice,
    refresh_last_attended, set_window, standing_of, standings, window,
};
pub use stored::{due_never_stored, store_due, store_due_of, stored_counts, stored_page};

use std::collections::HashMap;

use chrono::{NaiveDate, NaiveDateTime};
use diesel::prelude::*;
use serde::Serialize;

use super::schema::{
    attendance, branch_volunteer_settings, branches, coordinator_branches, enrolments, meetings,
    sessions as sessions_t, supervision_details, supervision_notices, supervision_requests, users,
    volunteer_status_changes as changes, volunteers,
};
use super::sessions::{self, MeetingTimes, NewSession, Session};
use super::{DbConnection, now};
use crate::db::Direct;
use crate::db::columns_of;
use crate::domain::attendance::AttendanceStatus;
use crate::domain::enrolment::EnrolmentStatus;
use crate::domain::events::Recipient;
use crate::domain::session::{SessionKind, SessionStatus};
use crate::domain::supervision::{
    self as rules, Format, Pause, Record, RequestStatus, Standing, SupervisorKind,
};
use crate::domain::volunteer::VolunteerStatus;

/// A date shown by the date filters: noon UTC is the same date in
/// Copenhagen all year.
fn noon(d: NaiveDate) -> NaiveDateTime {
    d.and_hms_opt(12, 0, 0).unwrap_or_default()
}

/// The Copenhagen date of a UTC instant.
pub fn local_date(at: NaiveDateTime) -> NaiveDate {
    crate::domain::time::local(at).date_naive()
}

#[derive(Debug, Clone, Queryable, Selectable, Serialize)]
#[diesel(table_name = supervision_details)]
pub struct Details {
    pub session_id: i64,
    pub format: Format,
    pub supervisor_name: String,
    pub supervisor_kind: SupervisorKind,
}

pub struct NewSupervision<'a> {
    pub branch_id: i64,
    pub format: Format,
    pub title: &'a str,
    pub supervisor_name: &'a str,
    pub supervisor_kind: SupervisorKind,
    pub location: &'a str,
    pub online_url: Option<&'a str>,
    pub capacity: Option<i32>,
    pub times: MeetingTimes,
}

/// Plans a supervision session (one meeting) with its details.
pub fn create(conn: &mut DbConnection, new: &NewSupervision<'_>) -> QueryResult<i64> {
    let id = sessions::create(
        conn,
        &NewSession {
            kind: SessionKind::Supervision,
            branch_id: Some(new.branch_id),
            title: new.title,
            location: new.location,
            online_url: new.online_url,
            capacity: new.capacity,
            enrol_deadline: None,
            cancel_deadline: None,
        },
        std::slice::from_ref(&new.times),
    )?;
    diesel::insert_into(supervision_details::table)
        .values((
            supervision_details::session_id.eq(id),
            supervision_details::format.eq(new.format),
            supervision_details::supervisor_name.eq(new.supervisor_name),
            supervision_details::supervisor_kind.eq(new.supervisor_kind),
        ))
        .execute_direct(conn)?;
    Ok(id)
}

/// A supervision session with its details and branch.
#[derive(Debug, Clone, Serialize)]
pub struct SupervisionSession {
    pub session: Session,
    pub details: Details,
    pub branch_name: String,
}

/// One session of kind supervision; `NotFound` for any other kind.
pub fn find(conn: &mut DbConnection, id: i64) -> QueryResult<SupervisionSession> {
    let (session, details, branch_name) = sessions_t::table
        .inner_join(supervision_details::table)
        .inner_join(branches::table)
        .filter(sessions_t::id.eq(id))
        .filter(sessions_t::kind.eq(SessionKind::Supervision))
        .select((
            columns_of::<Session>(),
            columns_of::<Details>(),
            branches::name,
        ))
        .first_direct(conn)?;
    Ok(SupervisionSession {
        session,
        details,
        branch_name,
    })
}

/// Supervision sessions of these branches that end after `from`, soonest
/// first; only group sessions when `group_only`. One query.
pub fn in_branches(
    conn: &mut DbConnection,
    branch_ids: &[i64],
    from: NaiveDateTime,
    group_only: bool,
) -> QueryResult<Vec<SupervisionSession>> {
    let rows: Vec<(Session, Details, String)> = crate::db::direct!(conn, |c| {
        let mut q = sessions_t::table
            .inner_join(supervision_details::table)
            .inner_join(branches::table)
            .filter(sessions_t::kind.eq(SessionKind::Supervision))
            .filter(sessions_t::branch_id.eq_any(branch_ids.to_vec()))
            .filter(sessions_t::ends_at.gt(from))
            .into_boxed();
        if group_only {
            q = q.filter(supervision_details::format.eq(Format::Group));
        }
        q.order((sessions_t::starts_at, sessions_t::id))
            .select((
                columns_of::<Session>(),
                columns_of::<Details>(),
                branches::name,
            ))
            .load(c)
    })?;
    Ok(rows
        .into_iter()
        .map(|(session, details, branch_name)| SupervisionSession {
            session,
            details,
            branch_name,
        })
        .collect())
}
