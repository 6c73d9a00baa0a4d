//! What the rota, the monthly statistics and the annual figures count of
//! the vagter: places taken per person, how the vagter were staffed.

use std::collections::HashMap;

use chrono::NaiveDate;
use diesel::prelude::*;
use serde::Serialize;

use crate::db::DbConnection;
use crate::db::Direct;
use crate::db::id_list::in_list;
use crate::db::schema::{duty_shifts, enrolments, sessions as sessions_t};
use crate::domain::enrolment::EnrolmentStatus;
use crate::domain::session::SessionStatus;

/// How many vagter of `from`..=`to` each of these people holds.
pub fn taken_counts(
    conn: &mut DbConnection,
    user_ids: &[i64],
    from: NaiveDate,
    to: NaiveDate,
) -> QueryResult<HashMap<i64, i64>> {
    let rows: Vec<i64> = enrolments::table
        .inner_join(duty_shifts::table.on(duty_shifts::session_id.eq(enrolments::session_id)))
        .filter(in_list(enrolments::user_id, user_ids.iter().copied()))
        .filter(enrolments::status.eq(EnrolmentStatus::Confirmed))
        .filter(duty_shifts::day.between(from, to))
        .select(enrolments::user_id)
        .load_direct(conn)?;
    Ok(per_person(rows))
}

/// How many vagter of `from`..=`to` at `branch_id` each person holds, read
/// from the branch's vagter of those dates (an index range) rather than
/// from every active brobygger's enrolments, which a big branch has
/// thousands of.
pub fn taken_counts_at(
    conn: &mut DbConnection,
    branch_id: i64,
    from: NaiveDate,
    to: NaiveDate,
) -> QueryResult<HashMap<i64, i64>> {
    let rows: Vec<i64> = duty_shifts::table
        .inner_join(enrolments::table.on(enrolments::session_id.eq(duty_shifts::session_id)))
        .filter(duty_shifts::branch_id.eq(branch_id))
        .filter(duty_shifts::day.between(from, to))
        .filter(enrolments::status.eq(EnrolmentStatus::Confirmed))
        .select(enrolments::user_id)
        .load_direct(conn)?;
    Ok(per_person(rows))
}

/// How many times each person appears among `rows`.
fn per_person(rows: Vec<i64>) -> HashMap<i64, i64> {
    let mut out: HashMap<i64, i64> = HashMap::new();
    for u in rows {
        *out.entry(u).or_insert(0) += 1;
    }
    out
}

/// How the vagter of some branches over some dates were staffed: how
/// many there were (cancelled ones not counted), with at least one
/// brobygger, with none, and with every place taken. For the monthly
/// branch statistics.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize)]
pub struct Coverage {
    pub vagter: i64,
    pub covered: i64,
    pub uncovered: i64,
    pub fully_staffed: i64,
}

/// `Coverage` of the vagter of `branch_ids` dated `from`..=`to`
/// (Copenhagen dates, both included). One query.
pub fn coverage(
    conn: &mut DbConnection,
    branch_ids: &[i64],
    from: NaiveDate,
    to: NaiveDate,
) -> QueryResult<Coverage> {
    let rows: Vec<(i32, Option<i32>)> = duty_shifts::table
        .inner_join(sessions_t::table)
        .filter(in_list(duty_shifts::branch_id, branch_ids.iter().copied()))
        .filter(duty_shifts::day.between(from, to))
        .filter(sessions_t::status.ne(SessionStatus::Cancelled))
        .select((sessions_t::confirmed_count, sessions_t::capacity))
        .load_direct(conn)?;
    let mut c = Coverage::default();
    for (taken, wanted) in rows {
        c.vagter += 1;
        if taken > 0 {
            c.covered += 1;
        } else {
            c.uncovered += 1;
        }
        if wanted.is_some_and(|w| taken >= w) {
            c.fully_staffed += 1;
        }
    }
    Ok(c)
}

/// The vagter of a calendar year in some branches, for the annual
/// figures: how many had at least one brobygger, and how many places
/// (one brobygger on one vagt) were taken.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize)]
pub struct YearOfVagter {
    pub vagter: i64,
    pub places: i64,
}

pub fn held_in_year(
    conn: &mut DbConnection,
    branch_ids: &[i64],
    year: i32,
) -> QueryResult<YearOfVagter> {
    let (Some(from), Some(to)) = (
        NaiveDate::from_ymd_opt(year, 1, 1),
        NaiveDate::from_ymd_opt(year, 12, 31),
    ) else {
        return Ok(YearOfVagter::default());
    };
    let rows: Vec<i32> = duty_shifts::table
        .inner_join(sessions_t::table)
        .filter(in_list(duty_shifts::branch_id, branch_ids.iter().copied()))
        .filter(duty_shifts::day.between(from, to))
        .filter(sessions_t::status.ne(SessionStatus::Cancelled))
        .filter(sessions_t::confirmed_count.gt(0))
        .select(sessions_t::confirmed_count)
        .load_direct(conn)?;
    Ok(YearOfVagter {
        vagter: rows.len() as i64,
        places: rows.iter().map(|n| i64::from(*n)).sum(),
    })
}
