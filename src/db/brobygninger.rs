//! Brobygninger as stored: one row per accompaniment, counts only (see
//! `domain::brobygning`). Reads for the brobygger's own list, a branch's
//! month and the history the gate's date rule needs; grouped queries for
//! the figures, whatever the number of rows.

use std::collections::HashMap;

use chrono::{NaiveDate, NaiveDateTime};
use diesel::prelude::*;
use serde::Serialize;

use super::DbConnection;
use super::id_list::in_list;
use super::schema::{
    brobygning_month_people, brobygning_month_totals, brobygninger, coordinator_branches, users,
    volunteer_status_changes,
};
use crate::db::{Direct, columns_of};
use crate::domain::brobygning::{Programme, Registration};
use crate::domain::volunteer::VolunteerStatus;

/// A stored registration. Serialized for the pages that list it with what
/// they show: the ids of the people behind it and its bookkeeping stay
/// out (the lists name the people instead), and so cost a month's page of
/// fifty rows nothing to write into the template's values (BENCHMARKS.md).
#[derive(Debug, Clone, Queryable, Selectable, Serialize)]
#[diesel(table_name = brobygninger)]
pub struct Row {
    pub id: i64,
    /// `None` once the brobygger was erased.
    #[serde(skip_serializing)]
    pub user_id: Option<i64>,
    #[serde(skip_serializing)]
    pub branch_id: i64,
    pub done_on: NaiveDate,
    pub programme: Programme,
    pub minutes: i32,
    pub briefing: bool,
    #[serde(skip_serializing)]
    pub briefed_by: Option<i64>,
    pub debriefing: bool,
    #[serde(skip_serializing)]
    pub debriefed_by: Option<i64>,
    #[serde(skip_serializing)]
    #[diesel(deserialize_as = crate::db::Stamp)]
    pub created_at: NaiveDateTime,
    #[serde(skip_serializing)]
    #[diesel(deserialize_as = crate::db::Stamp)]
    pub updated_at: NaiveDateTime,
    #[serde(skip_serializing)]
    pub updated_by: Option<i64>,
}

impl Row {
    /// The registration's values, for comparing and for a form.
    pub fn registration(&self) -> Registration {
        Registration {
            done_on: self.done_on,
            programme: self.programme,
            minutes: self.minutes,
            briefing: self.briefing,
            briefed_by: self.briefed_by,
            debriefing: self.debriefing,
            debriefed_by: self.debriefed_by,
        }
    }
}

/// Records a brobygning; gives its id.
pub fn insert(
    conn: &mut DbConnection,
    user_id: i64,
    branch_id: i64,
    r: &Registration,
    at: NaiveDateTime,
) -> QueryResult<i64> {
    crate::db::insert_returning_id!(
        conn,
        brobygninger,
        (
            brobygninger::user_id.eq(user_id),
            brobygninger::branch_id.eq(branch_id),
            brobygninger::done_on.eq(r.done_on),
            brobygninger::programme.eq(r.programme),
            brobygninger::minutes.eq(r.minutes),
            brobygninger::briefing.eq(r.briefing),
            brobygninger::briefed_by.eq(r.briefed_by),
            brobygninger::debriefing.eq(r.debriefing),
            brobygninger::debriefed_by.eq(r.debriefed_by),
            brobygninger::created_at.eq(at),
            brobygninger::updated_at.eq(at),
            brobygninger::updated_by.eq(user_id),
        )
    )
}

pub fn find(conn: &mut DbConnection, id: i64) -> QueryResult<Row> {
    brobygninger::table
        .find(id)
        .select(columns_of::<Row>())
        .first_direct(conn)
}

/// Changes a registration's values (the branch and the brobygger stay).
pub fn update(
    conn: &mut DbConnection,
    id: i64,
    r: &Registration,
    by: i64,
    at: NaiveDateTime,
) -> QueryResult<()> {
    diesel::update(brobygninger::table.find(id))
        .set((
            brobygninger::done_on.eq(r.done_on),
            brobygninger::programme.eq(r.programme),
            brobygninger::minutes.eq(r.minutes),
            brobygninger::briefing.eq(r.briefing),
            brobygninger::briefed_by.eq(r.briefed_by),
            brobygninger::debriefing.eq(r.debriefing),
            brobygninger::debriefed_by.eq(r.debriefed_by),
            brobygninger::updated_at.eq(at),
            brobygninger::updated_by.eq(by),
        ))
        .execute_direct(conn)?;
    Ok(())
}

pub fn delete(conn: &mut DbConnection, id: i64) -> QueryResult<()> {
    diesel::delete(brobygninger::table.find(id)).execute_direct(conn)?;
    Ok(())
}

/// A person's registrations from `from` on, newest first.
pub fn of_user_since(
    conn: &mut DbConnection,
    user_id: i64,
    from: NaiveDate,
) -> QueryResult<Vec<Row>> {
    brobygninger::table
        .filter(brobygninger::user_id.eq(user_id))
        .filter(brobygninger::done_on.ge(from))
        .order((brobygninger::done_on.desc(), brobygninger::id.desc()))
        .select(columns_of::<Row>())
        .load_direct(conn)
}

/// One page of a branch's registrations in `[from, to)`, oldest first:
/// `limit` rows after skipping `offset` (a busy branch's month holds
/// hundreds).
pub fn of_branch(
    conn: &mut DbConnection,
    branch_id: i64,
    from: NaiveDate,
    to: NaiveDate,
    offset: i64,
    limit: i64,
) -> QueryResult<Vec<Row>> {
    brobygninger::table
        .filter(brobygninger::branch_id.eq(branch_id))
        .filter(brobygninger::done_on.ge(from))
        .filter(brobygninger::done_on.lt(to))
        .order((brobygninger::done_on, brobygninger::id))
        .select(columns_of::<Row>())
        .offset(offset)
        .limit(limit)
        .load_direct(conn)
}

/// The names of these accounts, in one query.
pub fn names(conn: &mut DbConnection, ids: &[i64]) -> QueryResult<HashMap<i64, String>> {
    Ok(users::table
        .filter(in_list(users::id, ids.iter().copied()))
        .select((users::id, users::name))
        .load_direct::<(i64, String)>(conn)?
        .into_iter()
        .collect())
}

/// The rådgivere a brobygger may name: the branch's coordinators (id and
/// name, by name).
pub fn counsellors(conn: &mut DbConnection, branch_id: i64) -> QueryResult<Vec<(i64, String)>> {
    coordinator_branches::table
        .inner_join(users::table)
        .filter(coordinator_branches::branch_id.eq(branch_id))
        .filter(users::deactivated_at.is_null())
        .order((users::name, users::id))
        .select((users::id, users::name))
        .load_direct(conn)
}

/// A volunteer's status history as (when, from, to), in order.
pub fn history(
    conn: &mut DbConnection,
    user_id: i64,
) -> QueryResult<Vec<(NaiveDateTime, Option<VolunteerStatus>, VolunteerStatus)>> {
    volunteer_status_changes::table
        .filter(volunteer_status_changes::user_id.eq(user_id))
        .order(volunteer_status_changes::id)
        .select((
            volunteer_status_changes::created_at,
            volunteer_status_changes::from_status,
            volunteer_status_changes::to_status,
        ))
        .load_direct(conn)
}

/// One group of a period's brobygninger: a day, a programme and whether
/// briefing and debriefing took place, with how many and their minutes.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct Group {
    pub branch_id: i64,
    pub done_on: NaiveDate,
    pub programme: Programme,
    pub briefing: bool,
    pub debriefing: bool,
    pub count: i64,
    pub minutes: i64,
}

/// The brobygninger in `[from, to)` grouped by branch, day, programme,
/// briefing and debriefing (one query, summed in the database); every
/// branch when `branch_ids` is `None`.
pub fn groups(
    conn: &mut DbConnection,
    branch_ids: Option<&[i64]>,
    from: NaiveDate,
    to: NaiveDate,
) -> QueryResult<Vec<Group>> {
    // Diesel cannot group a boxed query: every branch is the list of all.
    let ids: Vec<i64> = match branch_ids {
        Some(ids) => ids.to_vec(),
        None => super::schema::branches::table
            .select(super::schema::branches::id)
            .load_direct(conn)?,
    };
    type R = (i64, NaiveDate, Programme, bool, bool, i64, Option<i64>);
    let rows: Vec<R> = brobygninger::table
        .filter(brobygninger::done_on.ge(from))
        .filter(brobygninger::done_on.lt(to))
        .filter(in_list(brobygninger::branch_id, ids.iter().copied()))
        .group_by((
            brobygninger::branch_id,
            brobygninger::done_on,
            brobygninger::programme,
            brobygninger::briefing,
            brobygninger::debriefing,
        ))
        .select((
            brobygninger::branch_id,
            brobygninger::done_on,
            brobygninger::programme,
            brobygninger::briefing,
            brobygninger::debriefing,
            diesel::dsl::count_star(),
            diesel::dsl::sum(brobygninger::minutes),
        ))
        .load_direct(conn)?;
    Ok(rows
        .into_iter()
        .map(
            |(branch_id, done_on, programme, briefing, debriefing, count, minutes)| Group {
                branch_id,
                done_on,
                programme,
                briefing,
                debriefing,
                count,
                minutes: minutes.unwrap_or(0),
            },
        )
        .collect())
}

/// One brobygger's part of a month: `None` for the erased, counted
/// together (their registrations keep no person).
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct PersonCount {
    pub user_id: Option<i64>,
    pub name: Option<String>,
    pub count: i64,
    pub minutes: i64,
}

/// One of a month's sums: its brobygninger of a programme, with or
/// without briefing and debriefing, how many and their minutes.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Queryable)]
pub struct MonthSum {
    pub programme: Programme,
    pub briefing: bool,
    pub debriefing: bool,
    pub count: i64,
    pub minutes: i64,
}

/// A branch's month (`month`: its first day) by programme, briefing and
/// debriefing: read from the sums the triggers keep
/// (`brobygning_month_totals`), a handful of rows however busy the month.
pub fn month_sums(
    conn: &mut DbConnection,
    branch_id: i64,
    month: NaiveDate,
) -> QueryResult<Vec<MonthSum>> {
    brobygning_month_totals::table
        .filter(brobygning_month_totals::branch_id.eq(branch_id))
        .filter(brobygning_month_totals::month.eq(month))
        .select((
            brobygning_month_totals::programme,
            brobygning_month_totals::briefing,
            brobygning_month_totals::debriefing,
            brobygning_month_totals::count,
            brobygning_month_totals::minutes,
        ))
        .load_direct(conn)
}

/// One page of a branch's brobyggere in a month (`month`: its first day)
/// by name, the erased last, each with how many and their minutes:
/// `limit` after skipping `offset`. Read in name order from the sums the
/// triggers keep (`brobygning_month_people`): a busy branch's month has
/// hundreds of people, and a page reads only its own.
pub fn per_person(
    conn: &mut DbConnection,
    branch_id: i64,
    month: NaiveDate,
    offset: i64,
    limit: i64,
) -> QueryResult<Vec<PersonCount>> {
    use brobygning_month_people as p;
    let of_month = p::table
        .filter(p::branch_id.eq(branch_id))
        .filter(p::month.eq(month));
    let named: Vec<(i64, String, i64, i64)> = of_month
        .filter(p::user_id.ne(ERASED))
        .order((p::user_name, p::user_id))
        .select((p::user_id, p::user_name, p::count, p::minutes))
        .offset(offset)
        .limit(limit)
        .load_direct(conn)?;
    let mut lines: Vec<PersonCount> = named
        .into_iter()
        .map(|(user_id, name, count, minutes)| PersonCount {
            user_id: Some(user_id),
            name: Some(name),
            count,
            minutes,
        })
        .collect();
    // A page that is not full holds the end of the named: the erased
    // line, if any, comes after them.
    if (lines.len() as i64) < limit {
        let erased: Option<(i64, i64)> = of_month
            .filter(p::user_id.eq(ERASED))
            .select((p::count, p::minutes))
            .first_direct(conn)
            .optional()?;
        lines.extend(erased.map(|(count, minutes)| PersonCount {
            user_id: None,
            name: None,
            count,
            minutes,
        }));
    }
    Ok(lines)
}

/// The `user_id` under which `brobygning_month_people` sums the erased.
const ERASED: i64 = 0;

/// How many lines `per_person` has for the month: the people, and one
/// for the erased if any.
pub fn people_count(conn: &mut DbConnection, branch_id: i64, month: NaiveDate) -> QueryResult<i64> {
    brobygning_month_people::table
        .filter(brobygning_month_people::branch_id.eq(branch_id))
        .filter(brobygning_month_people::month.eq(month))
        .count()
        .get_result_direct(conn)
}

/// The people with a brobygning in `[from, to)` in these branches (every
/// branch when `None`), once each.
pub fn people(
    conn: &mut DbConnection,
    branch_ids: Option<&[i64]>,
    from: NaiveDate,
    to: NaiveDate,
) -> QueryResult<Vec<i64>> {
    let rows: Vec<Option<i64>> = crate::db::direct!(conn, |c| {
        let mut q = brobygninger::table
            .filter(brobygninger::done_on.ge(from))
            .filter(brobygninger::done_on.lt(to))
            .filter(brobygninger::user_id.is_not_null())
            .into_boxed();
        if let Some(ids) = branch_ids {
            q = q.filter(in_list(brobygninger::branch_id, ids.iter().copied()));
        }
        q.select(brobygninger::user_id).distinct().load(c)
    })?;
    Ok(rows.into_iter().flatten().collect())
}
