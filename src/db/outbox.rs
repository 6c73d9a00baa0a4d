//! The outbox: every email is a row, written in the transaction of the
//! change that causes it, so that an event and its message exist together
//! or not at all. Delivery reads from here.

use chrono::NaiveDateTime;
use diesel::prelude::*;
use serde::Serialize;

use super::schema::outbox;
use super::{DbConnection, last_insert_id, now};
use crate::mail::{Message, Recipient};

#[derive(Debug, Clone, Queryable, Selectable, Serialize)]
#[diesel(table_name = outbox)]
pub struct OutboxRow {
    pub id: i64,
    pub kind: String,
    pub user_id: Option<i64>,
    pub to_email: String,
    pub to_name: String,
    pub language: String,
    pub payload: String,
    pub status: String,
    pub attempts: i32,
    pub next_attempt_at: NaiveDateTime,
    pub last_error: Option<String>,
    pub sent_at: Option<NaiveDateTime>,
    pub created_at: NaiveDateTime,
}

impl OutboxRow {
    pub fn message(&self) -> Result<Message, serde_json::Error> {
        serde_json::from_str(&self.payload)
    }

    pub fn recipient(&self) -> Recipient {
        Recipient {
            user_id: self.user_id,
            email: self.to_email.clone(),
            name: self.to_name.clone(),
            language: self.language.clone(),
        }
    }
}

pub fn enqueue(conn: &mut DbConnection, to: &Recipient, message: &Message) -> QueryResult<i64> {
    let payload = serde_json::to_string(message)
        .map_err(|e| diesel::result::Error::SerializationError(Box::new(e)))?;
    let at = now();
    diesel::insert_into(outbox::table)
        .values((
            outbox::kind.eq(message.kind()),
            outbox::user_id.eq(to.user_id),
            outbox::to_email.eq(&to.email),
            outbox::to_name.eq(&to.name),
            outbox::language.eq(&to.language),
            outbox::payload.eq(payload),
            outbox::status.eq("pending"),
            outbox::attempts.eq(0),
            outbox::next_attempt_at.eq(at),
            outbox::created_at.eq(at),
        ))
        .execute(conn)?;
    let id = last_insert_id(conn)?;
    tracing::info!(id, kind = message.kind(), to = %to.email, "email queued");
    Ok(id)
}

/// The newest messages first, for the administrators' page.
pub fn recent(conn: &mut DbConnection, limit: i64) -> QueryResult<Vec<OutboxRow>> {
    outbox::table
        .select(OutboxRow::as_select())
        .order(outbox::id.desc())
        .limit(limit)
        .load(conn)
}

pub fn find(conn: &mut DbConnection, id: i64) -> QueryResult<OutboxRow> {
    outbox::table
        .find(id)
        .select(OutboxRow::as_select())
        .first(conn)
}
