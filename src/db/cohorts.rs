//! Cohorts (hold) of the preparation course: a session of kind `cohort` in
//! the enrolment engine, plus what only cohorts have: the modules each
//! meeting teaches, the make-up enrolments, and the graduation evening.

use std::collections::{HashMap, HashSet};

use chrono::NaiveDateTime;
use diesel::prelude::*;
use serde::Serialize;

use super::id_list::in_ids;
use super::schema::{
    attendance, branches, cohort_details, cohort_makeups, cohort_meeting_modules as cmm,
    enrolments, meetings, sessions as sessions_t,
};
use super::sessions::{self, Meeting, MeetingTimes, NewSession, Session};
use super::{DbConnection, now};
use crate::db::{Direct, columns_of};
use crate::domain::curriculum::TaughtMeeting;
use crate::domain::enrolment::EnrolmentStatus;
use crate::domain::session::{SessionKind, SessionStatus};

pub struct NewCohort<'a> {
    pub branch_id: i64,
    pub title: &'a str,
    pub location: &'a str,
    pub capacity: Option<i32>,
    pub enrol_deadline: Option<NaiveDateTime>,
}

/// Creates a cohort with its meetings, each teaching the given modules.
pub fn create(
    conn: &mut DbConnection,
    new: &NewCohort<'_>,
    plan: &[(MeetingTimes, Vec<String>)],
) -> QueryResult<i64> {
    let times: Vec<MeetingTimes> = plan.iter().map(|(t, _)| t.clone()).collect();
    let id = sessions::create(
        conn,
        &NewSession {
            kind: SessionKind::Cohort,
            branch_id: Some(new.branch_id),
            title: new.title,
            location: new.location,
            online_url: None,
            capacity: new.capacity,
            enrol_deadline: new.enrol_deadline,
            cancel_deadline: None,
        },
        &times,
    )?;
    diesel::insert_into(cohort_details::table)
        .values(cohort_details::session_id.eq(id))
        .execute_direct(conn)?;
    // The engine inserts the meetings in the order given, so their ids
    // follow the plan.
    let mut created = sessions::meetings(conn, id)?;
    created.sort_by_key(|m| m.id);
    for (meeting, (_, modules)) in created.iter().zip(plan) {
        for module in modules {
            diesel::insert_into(cmm::table)
                .values((cmm::meeting_id.eq(meeting.id), cmm::module_id.eq(module)))
                .execute_direct(conn)?;
        }
    }
    Ok(id)
}

/// The modules each of these meetings teaches, in one query.
pub fn modules_of_meetings(
    conn: &mut DbConnection,
    meeting_ids: &[i64],
) -> QueryResult<HashMap<i64, Vec<String>>> {
    let rows: Vec<(i64, String)> = cmm::table
        .filter(in_ids(cmm::meeting_id, meeting_ids))
        .select((cmm::meeting_id, cmm::module_id))
        .load_direct(conn)?;
    let mut out: HashMap<i64, Vec<String>> = HashMap::new();
    for (meeting, module) in rows {
        out.entry(meeting).or_default().push(module);
    }
    Ok(out)
}

#[derive(Debug, Clone, Serialize)]
pub struct MeetingPlan {
    pub meeting: Meeting,
    pub modules: Vec<String>,
}

/// A cohort's meetings in order with the modules each teaches.
pub fn plan(conn: &mut DbConnection, session_id: i64) -> QueryResult<Vec<MeetingPlan>> {
    let meetings = sessions::meetings(conn, session_id)?;
    let ids: Vec<i64> = meetings.iter().map(|m| m.id).collect();
    let mut modules = modules_of_meetings(conn, &ids)?;
    Ok(meetings
        .into_iter()
        .map(|meeting| MeetingPlan {
            modules: modules.remove(&meeting.id).unwrap_or_default(),
            meeting,
        })
        .collect())
}

/// A branch's cohorts, newest first.
pub fn in_branch(conn: &mut DbConnection, branch_id: i64) -> QueryResult<Vec<Session>> {
    sessions_t::table
        .filter(sessions_t::branch_id.eq(branch_id))
        .filter(sessions_t::kind.eq(SessionKind::Cohort))
        .order(sessions_t::starts_at.desc())
        .select(columns_of::<Session>())
        .load_direct(conn)
}

#[derive(Debug, Clone, Default, Serialize)]
pub struct Graduation {
    pub at: Option<NaiveDateTime>,
    pub location: Option<String>,
}

pub fn graduation(conn: &mut DbConnection, session_id: i64) -> QueryResult<Graduation> {
    let row: Option<(Option<NaiveDateTime>, Option<String>)> = cohort_details::table
        .find(session_id)
        .select((
            cohort_details::graduation_at,
            cohort_details::graduation_location,
        ))
        .first_direct(conn)
        .optional()?;
    Ok(row
        .map(|(at, location)| Graduation { at, location })
        .unwrap_or_default())
}

pub fn set_graduation(
    conn: &mut DbConnection,
    session_id: i64,
    at: NaiveDateTime,
    location: Option<&str>,
) -> QueryResult<()> {
    diesel::delete(cohort_details::table.find(session_id)).execute_direct(conn)?;
    diesel::insert_into(cohort_details::table)
        .values((
            cohort_details::session_id.eq(session_id),
            cohort_details::graduation_at.eq(at),
            cohort_details::graduation_location.eq(location),
        ))
        .execute_direct(conn)?;
    Ok(())
}

/// Where a module is taught: one upcoming meeting of an open cohort.
#[derive(Debug, Clone, Serialize)]
pub struct Teaching {
    pub module_id: String,
    pub session_id: i64,
    pub title: String,
    pub branch_id: Option<i64>,
    pub branch_name: Option<String>,
    pub meeting_id: i64,
    pub starts_at: NaiveDateTime,
    pub ends_at: NaiveDateTime,
    pub location: String,
    pub seats_left: Option<i32>,
}

/// The next `per_module` meetings after `after` that teach each of these
/// modules, in open cohorts of any branch, soonest first. One query.
pub fn next_teaching(
    conn: &mut DbConnection,
    module_ids: &[String],
    after: NaiveDateTime,
    per_module: usize,
) -> QueryResult<HashMap<String, Vec<Teaching>>> {
    type Row = (
        String,
        Session,
        Option<String>,
        i64,
        NaiveDateTime,
        NaiveDateTime,
        Option<String>,
    );
    // Nothing missing, nothing to look up. PostgreSQL would still plan
    // the four-table join, which costs more than running it.
    if module_ids.is_empty() {
        return Ok(HashMap::new());
    }
    let rows: Vec<Row> = cmm::table
        .inner_join(meetings::table.inner_join(sessions_t::table.left_join(branches::table)))
        .filter(cmm::module_id.eq_any(module_ids))
        .filter(meetings::starts_at.gt(after))
        .filter(meetings::cancelled_at.is_null())
        .filter(sessions_t::kind.eq(SessionKind::Cohort))
        .filter(sessions_t::status.eq(SessionStatus::Open))
        .order((meetings::starts_at, meetings::id))
        .limit(500)
        .select((
            cmm::module_id,
            columns_of::<Session>(),
            branches::name.nullable(),
            meetings::id,
            meetings::starts_at,
            meetings::ends_at,
            meetings::location,
        ))
        .load_direct(conn)?;
    let mut out: HashMap<String, Vec<Teaching>> = HashMap::new();
    for (module_id, session, branch_name, meeting_id, starts_at, ends_at, location) in rows {
        let list = out.entry(module_id.clone()).or_default();
        if list.len() >= per_module {
            continue;
        }
        list.push(Teaching {
            module_id,
            session_id: session.id,
            title: session.title.clone(),
            branch_id: session.branch_id,
            branch_name,
            meeting_id,
            starts_at,
            ends_at,
            location: location.unwrap_or_else(|| session.location.clone()),
            seats_left: session.seats_left(),
        });
    }
    Ok(out)
}

/// Whether this cohort has a meeting after `after` teaching `module_id`.
pub fn teaches_later(
    conn: &mut DbConnection,
    session_id: i64,
    module_id: &str,
    after: NaiveDateTime,
) -> QueryResult<bool> {
    let n: i64 = cmm::table
        .inner_join(meetings::table)
        .filter(meetings::session_id.eq(session_id))
        .filter(meetings::starts_at.gt(after))
        .filter(meetings::cancelled_at.is_null())
        .filter(cmm::module_id.eq(module_id))
        .count()
        .get_result_direct(conn)?;
    Ok(n > 0)
}

pub fn record_makeup(
    conn: &mut DbConnection,
    session_id: i64,
    user_id: i64,
    module_id: &str,
) -> QueryResult<()> {
    remove_makeup(conn, session_id, user_id)?;
    diesel::insert_into(cohort_makeups::table)
        .values((
            cohort_makeups::session_id.eq(session_id),
            cohort_makeups::user_id.eq(user_id),
            cohort_makeups::module_id.eq(module_id),
            cohort_makeups::created_at.eq(now()),
        ))
        .execute_direct(conn)?;
    Ok(())
}

pub fn remove_makeup(conn: &mut DbConnection, session_id: i64, user_id: i64) -> QueryResult<()> {
    diesel::delete(
        cohort_makeups::table
            .filter(cohort_makeups::session_id.eq(session_id))
            .filter(cohort_makeups::user_id.eq(user_id)),
    )
    .execute_direct(conn)?;
    Ok(())
}

/// The meetings make-up participants do not attend, as (meeting, person):
/// a make-up holds a seat in another cohort only for the meetings that
/// teach the module being made up, so reminders, agendas, calendars,
/// messages and attendance sheets leave the others out. Two queries,
/// whatever the number of people.
pub fn skipped_by_makeups(
    conn: &mut DbConnection,
    user_ids: &[i64],
) -> QueryResult<HashSet<(i64, i64)>> {
    if user_ids.is_empty() {
        return Ok(HashSet::new());
    }
    let rows: Vec<(i64, i64, String)> = cohort_makeups::table
        .inner_join(meetings::table.on(meetings::session_id.eq(cohort_makeups::session_id)))
        .filter(in_ids(cohort_makeups::user_id, user_ids))
        .select((
            meetings::id,
            cohort_makeups::user_id,
            cohort_makeups::module_id,
        ))
        .load_direct(conn)?;
    if rows.is_empty() {
        return Ok(HashSet::new());
    }
    let meeting_ids: Vec<i64> = rows.iter().map(|(m, _, _)| *m).collect();
    let taught: HashSet<(i64, String)> = cmm::table
        .filter(in_ids(cmm::meeting_id, &meeting_ids))
        .select((cmm::meeting_id, cmm::module_id))
        .load_direct::<(i64, String)>(conn)?
        .into_iter()
        .collect();
    Ok(rows
        .into_iter()
        .filter(|(meeting, _, module)| !taught.contains(&(*meeting, module.clone())))
        .map(|(meeting, user, _)| (meeting, user))
        .collect())
}

/// A session as one person attends it: without the meetings a make-up
/// leaves out.
pub fn as_attended_by(
    conn: &mut DbConnection,
    summary: &crate::domain::events::SessionSummary,
    user_id: i64,
) -> QueryResult<crate::domain::events::SessionSummary> {
    let mut mine = summary.clone();
    if summary.kind == SessionKind::Cohort {
        let skipped = skipped_by_makeups(conn, &[user_id])?;
        mine.meetings
            .retain(|m| !skipped.contains(&(m.id, user_id)));
    }
    Ok(mine)
}

/// A person's make-up enrolments: cohort → module made up.
pub fn makeups_of(conn: &mut DbConnection, user_id: i64) -> QueryResult<HashMap<i64, String>> {
    let rows: Vec<(i64, String)> = cohort_makeups::table
        .filter(cohort_makeups::user_id.eq(user_id))
        .select((cohort_makeups::session_id, cohort_makeups::module_id))
        .load_direct(conn)?;
    Ok(rows.into_iter().collect())
}

/// Who is in a cohort only to make up a module: person → module.
pub fn makeups_in(conn: &mut DbConnection, session_id: i64) -> QueryResult<HashMap<i64, String>> {
    let rows: Vec<(i64, String)> = cohort_makeups::table
        .filter(cohort_makeups::session_id.eq(session_id))
        .select((cohort_makeups::user_id, cohort_makeups::module_id))
        .load_direct(conn)?;
    Ok(rows.into_iter().collect())
}

/// The cohort a person trains in: their latest cohort seat that is not a
/// make-up (or, failing that, any cohort seat).
pub fn home_cohort(conn: &mut DbConnection, user_id: i64) -> QueryResult<Option<i64>> {
    let seats: Vec<i64> = enrolments::table
        .inner_join(sessions_t::table)
        .filter(enrolments::user_id.eq(user_id))
        .filter(enrolments::status.eq(EnrolmentStatus::Confirmed))
        .filter(enrolments::session_kind.eq(SessionKind::Cohort))
        .order(sessions_t::starts_at.desc())
        .select(sessions_t::id)
        .load_direct(conn)?;
    let makeups = makeups_of(conn, user_id)?;
    Ok(seats
        .iter()
        .find(|id| !makeups.contains_key(id))
        .or(seats.first())
        .copied())
}

/// Minutes attended per meeting, per person.
pub type Attended = HashMap<i64, HashMap<i64, i32>>;

/// What the gate needs to credit hours: per person the minutes attended at
/// cohort meetings, and every taught (not cancelled) meeting of the cohorts
/// they attended with its modules. Three queries, whatever the number of
/// people.
pub fn training_of(
    conn: &mut DbConnection,
    user_ids: &[i64],
) -> QueryResult<(Attended, Vec<TaughtMeeting>)> {
    // The kind beside each row (`attendance_user_kind_idx`): only the
    // course's rows are read, however many supervisions and evenings
    // the person has attended since.
    let attended: Vec<(i64, i64, i64, i32)> = attendance::table
        .inner_join(meetings::table)
        .filter(in_ids(attendance::user_id, user_ids))
        .filter(attendance::session_kind.eq(super::code_in_sql(SessionKind::Cohort).nullable()))
        .select((
            attendance::user_id,
            attendance::meeting_id,
            meetings::session_id,
            attendance::minutes,
        ))
        .load_direct(conn)?;
    let mut per_user: HashMap<i64, HashMap<i64, i32>> = HashMap::new();
    let mut cohorts: Vec<i64> = Vec::new();
    for (user, meeting, session, minutes) in attended {
        per_user.entry(user).or_default().insert(meeting, minutes);
        if !cohorts.contains(&session) {
            cohorts.push(session);
        }
    }
    let taught_meetings: Vec<Meeting> = meetings::table
        .filter(in_ids(meetings::session_id, &cohorts))
        .filter(meetings::cancelled_at.is_null())
        .select(columns_of::<Meeting>())
        .load_direct(conn)?;
    let ids: Vec<i64> = taught_meetings.iter().map(|m| m.id).collect();
    let mut modules = modules_of_meetings(conn, &ids)?;
    let taught = taught_meetings
        .into_iter()
        .map(|m| TaughtMeeting {
            cohort_id: m.session_id,
            meeting_id: m.id,
            minutes: m.minutes(),
            modules: modules.remove(&m.id).unwrap_or_default(),
        })
        .collect();
    Ok((per_user, taught))
}
