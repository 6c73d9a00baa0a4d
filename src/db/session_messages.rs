//! What coordinators wrote to a session's participants ("Skriv til
//! deltagerne"), kept once per message for the session's page; each
//! recipient's copy is an outbox row.

use chrono::NaiveDateTime;
use diesel::prelude::*;
use serde::Serialize;

use super::DbConnection;
use super::schema::{session_messages, users};
use crate::db::Direct;

/// A message as the session's page lists it, with its writer's name.
#[derive(Debug, Clone, Queryable, Serialize)]
pub struct Sent {
    pub id: i64,
    pub subject: String,
    pub body: String,
    #[diesel(deserialize_as = crate::db::Stamp)]
    pub sent_at: NaiveDateTime,
    pub recipients: i32,
    pub waiting_list: bool,
    pub sent_by: Option<String>,
}

pub struct NewMessage<'a> {
    pub session_id: i64,
    pub subject: &'a str,
    pub body: &'a str,
    pub sent_by: i64,
    pub sent_at: NaiveDateTime,
    pub recipients: i32,
    pub waiting_list: bool,
}

pub fn insert(conn: &mut DbConnection, m: &NewMessage<'_>) -> QueryResult<i64> {
    crate::db::insert_returning_id!(
        conn,
        session_messages,
        (
            session_messages::session_id.eq(m.session_id),
            session_messages::subject.eq(m.subject),
            session_messages::body.eq(m.body),
            session_messages::sent_by.eq(m.sent_by),
            session_messages::sent_at.eq(m.sent_at),
            session_messages::recipients.eq(m.recipients),
            session_messages::waiting_list.eq(m.waiting_list),
        )
    )
}

/// A session's messages, newest first.
pub fn of_session(conn: &mut DbConnection, session_id: i64) -> QueryResult<Vec<Sent>> {
    session_messages::table
        .left_join(users::table.on(users::id.nullable().eq(session_messages::sent_by)))
        .filter(session_messages::session_id.eq(session_id))
        .order((
            session_messages::sent_at.desc(),
            session_messages::id.desc(),
        ))
        .select((
            session_messages::id,
            session_messages::subject,
            session_messages::body,
            session_messages::sent_at,
            session_messages::recipients,
            session_messages::waiting_list,
            users::name.nullable(),
        ))
        .load_direct(conn)
}
