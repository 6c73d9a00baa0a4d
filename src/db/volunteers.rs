//! Volunteer records (brobyggere): branch and status.

use chrono::NaiveDateTime;
use diesel::prelude::*;
use serde::Serialize;

use super::schema::volunteers;
use super::{DbConnection, now};
use crate::domain::volunteer::VolunteerStatus;

#[derive(Debug, Clone, Queryable, Selectable, Serialize)]
#[diesel(table_name = volunteers)]
pub struct Volunteer {
    pub user_id: i64,
    pub branch_id: i64,
    pub status: String,
    pub created_at: NaiveDateTime,
    pub updated_at: NaiveDateTime,
}

pub fn create(
    conn: &mut DbConnection,
    user_id: i64,
    branch_id: i64,
    status: VolunteerStatus,
) -> QueryResult<()> {
    let at = now();
    diesel::insert_into(volunteers::table)
        .values((
            volunteers::user_id.eq(user_id),
            volunteers::branch_id.eq(branch_id),
            volunteers::status.eq(status.as_str()),
            volunteers::created_at.eq(at),
            volunteers::updated_at.eq(at),
        ))
        .execute(conn)?;
    Ok(())
}

pub fn find(conn: &mut DbConnection, user_id: i64) -> QueryResult<Option<Volunteer>> {
    volunteers::table
        .find(user_id)
        .select(Volunteer::as_select())
        .first(conn)
        .optional()
}

#[derive(Debug, Clone, Serialize)]
pub struct RosterRow {
    pub user_id: i64,
    pub name: String,
    pub email: String,
    pub status: String,
}

/// A branch's volunteers with their names, in one join.
pub fn in_branch(conn: &mut DbConnection, branch_id: i64) -> QueryResult<Vec<RosterRow>> {
    use super::schema::users;
    let rows: Vec<(i64, String, String, String)> = volunteers::table
        .inner_join(users::table)
        .filter(volunteers::branch_id.eq(branch_id))
        .select((users::id, users::name, users::email, volunteers::status))
        .order(users::name)
        .load(conn)?;
    Ok(rows
        .into_iter()
        .map(|(user_id, name, email, status)| RosterRow {
            user_id,
            name,
            email,
            status,
        })
        .collect())
}

/// (branch, status, how many) for the given branches, in one grouped query.
pub fn counts_by_branch(
    conn: &mut DbConnection,
    branch_ids: &[i64],
) -> QueryResult<Vec<(i64, String, i64)>> {
    volunteers::table
        .filter(volunteers::branch_id.eq_any(branch_ids))
        .group_by((volunteers::branch_id, volunteers::status))
        .select((
            volunteers::branch_id,
            volunteers::status,
            diesel::dsl::count_star(),
        ))
        .load(conn)
}

/// One line of a branch's roster of active brobyggere.
#[derive(Debug, Clone, Serialize)]
pub struct ActiveRow {
    pub user_id: i64,
    pub name: String,
    pub email: String,
    pub phone: Option<String>,
}

/// A branch's active volunteers with their contact details, by name, in one
/// join.
pub fn active_in_branch(conn: &mut DbConnection, branch_id: i64) -> QueryResult<Vec<ActiveRow>> {
    use super::schema::users;
    let rows: Vec<(i64, String, String, Option<String>)> = volunteers::table
        .inner_join(users::table)
        .filter(volunteers::branch_id.eq(branch_id))
        .filter(volunteers::status.eq(VolunteerStatus::Active.as_str()))
        .select((users::id, users::name, users::email, users::phone))
        .order((users::name, users::id))
        .load(conn)?;
    Ok(rows
        .into_iter()
        .map(|(user_id, name, email, phone)| ActiveRow {
            user_id,
            name,
            email,
            phone,
        })
        .collect())
}
