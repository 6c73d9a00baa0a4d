//! Retention: the administrators' settings, the daily runs and the rows
//! each rule deletes or clears (`app::retention` decides when and how
//! many days).
//!
//! Lists of ids are cut into chunks so that no statement carries more bind
//! parameters than a backend accepts (SQLite's limit is the lower).

use chrono::{NaiveDate, NaiveDateTime};
use diesel::dsl::{exists, max, not};
use diesel::prelude::*;
use serde::Serialize;

use super::DbConnection;
use super::schema::{
    attendance, bookings, certificates, coordinator_branches, enrolments, evening_answers,
    genlaer_enrolments, meetings, outbox, requirement_grace, retention_runs, retention_settings,
    sessions, supervision_notices, supervision_requests, user_roles, users, volunteer_applications,
    volunteer_checks, volunteer_imports, volunteer_status_changes, volunteers,
};
use crate::db::{Direct, columns_of};
use crate::domain::application::ApplicationStatus;
use crate::domain::retention::Rule;
use crate::domain::session::SessionKind;
use crate::domain::volunteer::VolunteerStatus;

const CHUNK: usize = 500;

/// The days administrators chose, per rule that has a row.
pub fn settings(conn: &mut DbConnection) -> QueryResult<Vec<(Rule, i32)>> {
    retention_settings::table
        .select((retention_settings::rule, retention_settings::days))
        .load_direct(conn)
}

/// The days chosen for one rule, if any.
pub fn setting(conn: &mut DbConnection, rule: Rule) -> QueryResult<Option<i32>> {
    retention_settings::table
        .find(rule)
        .select(retention_settings::days)
        .first_direct(conn)
        .optional()
}

/// Stores the days for a rule, replacing what was there.
pub fn save(
    conn: &mut DbConnection,
    rule: Rule,
    days: i32,
    by: Option<i64>,
    at: NaiveDateTime,
) -> QueryResult<()> {
    let insert = diesel::insert_into(retention_settings::table)
        .values((
            retention_settings::rule.eq(rule),
            retention_settings::days.eq(days),
            retention_settings::updated_at.eq(Some(at)),
            retention_settings::updated_by.eq(by),
        ))
        .on_conflict(retention_settings::rule)
        .do_update()
        .set((
            retention_settings::days.eq(days),
            retention_settings::updated_at.eq(Some(at)),
            retention_settings::updated_by.eq(by),
        ));
    crate::db::direct!(conn, |c| insert.execute(c))?;
    Ok(())
}

/// Takes `rule` for `day`: true for the one caller whose row went in,
/// false for every other (another instance, or an earlier pass today).
/// The count is filled in by `record_count` in the same transaction.
pub fn claim(
    conn: &mut DbConnection,
    day: NaiveDate,
    rule: Rule,
    at: NaiveDateTime,
) -> QueryResult<bool> {
    let insert = diesel::insert_into(retention_runs::table)
        .values((
            retention_runs::day.eq(day),
            retention_runs::rule.eq(rule),
            retention_runs::ran_at.eq(at),
            retention_runs::deleted.eq(0),
        ))
        .on_conflict((retention_runs::day, retention_runs::rule))
        .do_nothing();
    let inserted = crate::db::direct!(conn, |c| insert.execute(c))?;
    Ok(inserted == 1)
}

pub fn record_count(
    conn: &mut DbConnection,
    day: NaiveDate,
    rule: Rule,
    deleted: i32,
) -> QueryResult<()> {
    diesel::update(retention_runs::table.find((day, rule)))
        .set(retention_runs::deleted.eq(deleted))
        .execute_direct(conn)?;
    Ok(())
}

/// One rule's run on one day: how many rows it deleted or cleared.
#[derive(Debug, Clone, Queryable, Selectable, Serialize)]
#[diesel(table_name = retention_runs)]
pub struct Run {
    pub day: NaiveDate,
    pub rule: Rule,
    #[diesel(deserialize_as = crate::db::Stamp)]
    pub ran_at: NaiveDateTime,
    pub deleted: i32,
}

/// Every run from `from` on, newest day first.
pub fn runs_since(conn: &mut DbConnection, from: NaiveDate) -> QueryResult<Vec<Run>> {
    retention_runs::table
        .filter(retention_runs::day.ge(from))
        .order((retention_runs::day.desc(), retention_runs::rule))
        .select(columns_of::<Run>())
        .load_direct(conn)
}

/// The latest run of `rule`, however old.
pub fn last_run(conn: &mut DbConnection, rule: Rule) -> QueryResult<Option<Run>> {
    retention_runs::table
        .filter(retention_runs::rule.eq(rule))
        .order(retention_runs::day.desc())
        .select(columns_of::<Run>())
        .first_direct(conn)
        .optional()
}

/// Deletes declined applications decided before `before`.
pub fn delete_declined_applications(
    conn: &mut DbConnection,
    before: NaiveDateTime,
) -> QueryResult<usize> {
    diesel::delete(
        volunteer_applications::table
            .filter(volunteer_applications::status.eq(ApplicationStatus::Declined))
            .filter(volunteer_applications::decided_at.le(before)),
    )
    .execute_direct(conn)
}

/// Accounts made before `before` whose address was never confirmed and
/// that nothing else refers to: no enrolment, application, role, branch,
/// volunteer record, booking, certificate or evening answer.
pub fn unconfirmed_accounts(
    conn: &mut DbConnection,
    before: NaiveDateTime,
) -> QueryResult<Vec<i64>> {
    users::table
        .filter(users::email_verified_at.is_null())
        .filter(users::created_at.le(before))
        .filter(not(exists(
            enrolments::table.filter(enrolments::user_id.eq(users::id)),
        )))
        .filter(not(exists(
            volunteer_applications::table.filter(volunteer_applications::user_id.eq(users::id)),
        )))
        .filter(not(exists(
            user_roles::table.filter(user_roles::user_id.eq(users::id)),
        )))
        .filter(not(exists(
            coordinator_branches::table.filter(coordinator_branches::user_id.eq(users::id)),
        )))
        .filter(not(exists(
            volunteers::table.filter(volunteers::user_id.eq(users::id)),
        )))
        .filter(not(exists(
            bookings::table.filter(bookings::requester_id.eq(users::id)),
        )))
        .filter(not(exists(
            certificates::table.filter(certificates::user_id.eq(users::id)),
        )))
        .filter(not(exists(
            evening_answers::table.filter(evening_answers::user_id.eq(users::id)),
        )))
        .select(users::id)
        .load_direct(conn)
}

/// Deletes accounts and the messages sent to them (the envelope is kept
/// with the account, so it goes with it); the rest of what an account
/// holds goes by the foreign keys' cascades. Returns the accounts deleted.
pub fn delete_accounts(conn: &mut DbConnection, ids: &[i64]) -> QueryResult<usize> {
    let mut deleted = 0;
    for chunk in ids.chunks(CHUNK) {
        diesel::delete(outbox::table.filter(outbox::user_id.eq_any(chunk))).execute_direct(conn)?;
        deleted +=
            diesel::delete(users::table.filter(users::id.eq_any(chunk))).execute_direct(conn)?;
    }
    Ok(deleted)
}

/// Clears the needs of enrolments in sessions that ended before `before`.
pub fn clear_needs(conn: &mut DbConnection, before: NaiveDateTime) -> QueryResult<usize> {
    let ended = sessions::table
        .filter(sessions::ends_at.le(before))
        .select(sessions::id);
    let seats = enrolments::table
        .filter(enrolments::session_id.eq_any(ended))
        .select(enrolments::id);
    diesel::update(
        genlaer_enrolments::table
            .filter(genlaer_enrolments::needs.is_not_null())
            .filter(genlaer_enrolments::enrolment_id.eq_any(seats)),
    )
    .set(genlaer_enrolments::needs.eq(None::<String>))
    .execute_direct(conn)
}

/// A brobygger who left (alumne): when their status last changed, and
/// when the history says they became alumne, if it does.
#[derive(Debug, Clone, Copy)]
pub struct Leaver {
    pub user_id: i64,
    pub status_updated: NaiveDateTime,
    pub became_alumni: Option<NaiveDateTime>,
}

pub fn leavers(conn: &mut DbConnection) -> QueryResult<Vec<Leaver>> {
    let rows: Vec<(i64, NaiveDateTime)> = volunteers::table
        .filter(volunteers::status.eq(VolunteerStatus::Alumni))
        .select((volunteers::user_id, volunteers::updated_at))
        .load_direct(conn)?;
    let mut changes: std::collections::HashMap<i64, NaiveDateTime> =
        std::collections::HashMap::new();
    let ids: Vec<i64> = rows.iter().map(|(id, _)| *id).collect();
    for chunk in ids.chunks(CHUNK) {
        let found: Vec<(i64, Option<NaiveDateTime>)> = volunteer_status_changes::table
            .filter(volunteer_status_changes::user_id.eq_any(chunk))
            .filter(volunteer_status_changes::to_status.eq(VolunteerStatus::Alumni))
            .group_by(volunteer_status_changes::user_id)
            .select((
                volunteer_status_changes::user_id,
                max(volunteer_status_changes::created_at),
            ))
            .load_direct(conn)?;
        changes.extend(found.into_iter().filter_map(|(id, at)| Some((id, at?))));
    }
    Ok(rows
        .into_iter()
        .map(|(user_id, status_updated)| Leaver {
            user_id,
            status_updated,
            became_alumni: changes.get(&user_id).copied(),
        })
        .collect())
}

/// Deletes the supervision record of these people: attendance at
/// supervision meetings, requests, notices and the date of their last
/// supervision. Returns the rows deleted or cleared.
pub fn delete_supervision_of(conn: &mut DbConnection, ids: &[i64]) -> QueryResult<usize> {
    let mut n = 0;
    for chunk in ids.chunks(CHUNK) {
        let supervision_meetings = meetings::table
            .inner_join(sessions::table)
            .filter(sessions::kind.eq(SessionKind::Supervision))
            .select(meetings::id);
        n += diesel::delete(
            attendance::table
                .filter(attendance::user_id.eq_any(chunk))
                .filter(attendance::meeting_id.eq_any(supervision_meetings)),
        )
        .execute_direct(conn)?;
        n += diesel::delete(
            supervision_requests::table.filter(supervision_requests::user_id.eq_any(chunk)),
        )
        .execute_direct(conn)?;
        n += diesel::delete(
            supervision_notices::table.filter(supervision_notices::user_id.eq_any(chunk)),
        )
        .execute_direct(conn)?;
        n += diesel::update(
            volunteers::table
                .filter(volunteers::user_id.eq_any(chunk))
                .filter(
                    volunteers::last_supervision_at
                        .is_not_null()
                        .or(volunteers::supervision_due_on.is_not_null()),
                ),
        )
        .set((
            volunteers::last_supervision_at.eq(None::<NaiveDateTime>),
            volunteers::supervision_due_on.eq(None::<chrono::NaiveDate>),
        ))
        .execute_direct(conn)?;
        n += diesel::update(
            volunteer_imports::table
                .filter(volunteer_imports::user_id.eq_any(chunk))
                .filter(volunteer_imports::last_supervision_at.is_not_null()),
        )
        .set(volunteer_imports::last_supervision_at.eq(None::<NaiveDateTime>))
        .execute_direct(conn)?;
    }
    Ok(n)
}

/// Deletes the checks (børneattest dates) and requirement grace of these
/// people. Returns the rows deleted.
pub fn delete_checks_of(conn: &mut DbConnection, ids: &[i64]) -> QueryResult<usize> {
    let mut n = 0;
    for chunk in ids.chunks(CHUNK) {
        n +=
            diesel::delete(volunteer_checks::table.filter(volunteer_checks::user_id.eq_any(chunk)))
                .execute_direct(conn)?;
        n += diesel::delete(
            requirement_grace::table.filter(requirement_grace::user_id.eq_any(chunk)),
        )
        .execute_direct(conn)?;
    }
    Ok(n)
}
