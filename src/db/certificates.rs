//! Course certificates (kursusbeviser): what each one states, frozen when
//! it is first issued, and its public verification code.

use chrono::NaiveDateTime;
use diesel::prelude::*;
use serde::Serialize;

use super::schema::certificates;
use super::{DbConnection, now};
use crate::db::{Direct, columns_of};

#[derive(Debug, Clone, Queryable, Selectable, Serialize)]
#[diesel(table_name = certificates)]
pub struct Certificate {
    pub id: i64,
    pub code: String,
    pub session_id: i64,
    pub user_id: i64,
    pub name: String,
    pub course_title: String,
    #[diesel(deserialize_as = crate::db::Stamp)]
    pub first_day: NaiveDateTime,
    #[diesel(deserialize_as = crate::db::Stamp)]
    pub last_day: NaiveDateTime,
    pub minutes: i32,
    pub issuer: String,
    #[diesel(deserialize_as = crate::db::Stamp)]
    pub issued_at: NaiveDateTime,
    /// The course's learning goals as they were at issue (Markdown).
    pub learning_goals: String,
}

pub struct NewCertificate<'a> {
    pub code: &'a str,
    pub session_id: i64,
    pub user_id: i64,
    pub name: &'a str,
    pub course_title: &'a str,
    pub first_day: NaiveDateTime,
    pub last_day: NaiveDateTime,
    pub minutes: i32,
    pub issuer: &'a str,
    pub learning_goals: &'a str,
}

pub fn find(
    conn: &mut DbConnection,
    session_id: i64,
    user_id: i64,
) -> QueryResult<Option<Certificate>> {
    certificates::table
        .filter(certificates::session_id.eq(session_id))
        .filter(certificates::user_id.eq(user_id))
        .select(columns_of::<Certificate>())
        .first_direct(conn)
        .optional()
}

pub fn by_code(conn: &mut DbConnection, code: &str) -> QueryResult<Option<Certificate>> {
    certificates::table
        .filter(certificates::code.eq(code))
        .select(columns_of::<Certificate>())
        .first_direct(conn)
        .optional()
}

/// The certificate of a person for a session: the one issued before, or a
/// new one. The caller holds the session's lock, so two downloads at once
/// cannot issue two.
pub fn issue(conn: &mut DbConnection, new: &NewCertificate<'_>) -> QueryResult<Certificate> {
    if let Some(existing) = find(conn, new.session_id, new.user_id)? {
        return Ok(existing);
    }
    diesel::insert_into(certificates::table)
        .values((
            certificates::code.eq(new.code),
            certificates::session_id.eq(new.session_id),
            certificates::user_id.eq(new.user_id),
            certificates::name.eq(new.name),
            certificates::course_title.eq(new.course_title),
            certificates::first_day.eq(new.first_day),
            certificates::last_day.eq(new.last_day),
            certificates::minutes.eq(new.minutes),
            certificates::issuer.eq(new.issuer),
            certificates::issued_at.eq(now()),
            certificates::learning_goals.eq(new.learning_goals),
        ))
        .execute_direct(conn)?;
    find(conn, new.session_id, new.user_id)?.ok_or(diesel::result::Error::NotFound)
}

/// Session ids (of those given) for which the person has a certificate.
pub fn issued_for(
    conn: &mut DbConnection,
    user_id: i64,
    session_ids: &[i64],
) -> QueryResult<Vec<Certificate>> {
    certificates::table
        .filter(certificates::user_id.eq(user_id))
        .filter(certificates::session_id.eq_any(session_ids))
        .select(columns_of::<Certificate>())
        .load_direct(conn)
}
