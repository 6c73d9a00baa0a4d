//! The outbox: every email is a row, written in the transaction of the
//! change that causes it, so that an event and its message exist together
//! or not at all. The mail worker (`mail::worker`) takes due rows, sends
//! them and records the outcome here.
//!
//! A worker *claims* a row by setting `locked_until` (a lease) before it
//! sends; the outcome clears it. A worker that dies in between leaves the
//! lease to run out, and the row is taken again: at worst one duplicate,
//! with the same Message-ID.

use crate::db::{Direct, columns_of};
use crate::domain::Code;
use chrono::NaiveDateTime;
use diesel::prelude::*;
use serde::Serialize;

use super::schema::outbox;
use super::{DbConnection, now};
use crate::domain::Lang;
use crate::domain::events::{Message, Recipient};

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Status {
    Pending,
    Sent,
    Failed,
}

impl Code for Status {
    const ALL: &'static [Status] = &[Status::Pending, Status::Sent, Status::Failed];

    fn as_str(self) -> &'static str {
        match self {
            Status::Pending => "pending",
            Status::Sent => "sent",
            Status::Failed => "failed",
        }
    }
}

#[derive(Debug, Clone, Queryable, Selectable, Serialize)]
#[diesel(table_name = outbox)]
pub struct OutboxRow {
    pub id: i64,
    pub kind: String,
    pub user_id: Option<i64>,
    pub to_email: String,
    pub to_name: String,
    pub language: Lang,
    pub payload: String,
    pub status: Status,
    pub attempts: i32,
    #[diesel(deserialize_as = crate::db::Stamp)]
    pub next_attempt_at: NaiveDateTime,
    pub last_error: Option<String>,
    #[diesel(deserialize_as = crate::db::MaybeStamp)]
    pub sent_at: Option<NaiveDateTime>,
    #[diesel(deserialize_as = crate::db::Stamp)]
    pub created_at: NaiveDateTime,
    /// The local part of the Message-ID, the same on every try.
    pub message_id: String,
    #[diesel(deserialize_as = crate::db::MaybeStamp)]
    pub locked_until: Option<NaiveDateTime>,
    /// The subject as it was rendered when retention cleared the body;
    /// `None` while the body is there (the subject is rendered from it).
    pub subject: Option<String>,
}

impl OutboxRow {
    pub fn message(&self) -> Result<Message, serde_json::Error> {
        serde_json::from_str(&self.payload)
    }

    /// Whether retention has cleared the body (`clear_body`).
    pub fn body_cleared(&self) -> bool {
        self.payload.is_empty()
    }

    pub fn recipient(&self) -> Recipient {
        Recipient {
            user_id: self.user_id,
            email: self.to_email.clone(),
            name: self.to_name.clone(),
            language: self.language,
        }
    }
}

pub fn enqueue(conn: &mut DbConnection, to: &Recipient, message: &Message) -> QueryResult<i64> {
    let payload = serde_json::to_string(message)
        .map_err(|e| diesel::result::Error::SerializationError(Box::new(e)))?;
    let at = now();
    let id = crate::db::insert_returning_id!(
        conn,
        outbox,
        (
            outbox::kind.eq(message.kind()),
            outbox::user_id.eq(to.user_id),
            outbox::to_email.eq(&to.email),
            outbox::to_name.eq(&to.name),
            outbox::language.eq(&to.language),
            outbox::payload.eq(payload),
            outbox::status.eq(Status::Pending),
            outbox::attempts.eq(0),
            outbox::next_attempt_at.eq(at),
            outbox::created_at.eq(at),
            outbox::message_id.eq(crate::auth::token::generate()),
        )
    )?;
    tracing::info!(id, kind = message.kind(), to = %to.email, "email queued");
    Ok(id)
}

/// Up to `limit` delivered messages sent before `before` whose body is
/// still there, with ids above `after`, in id order: retention clears them
/// a batch at a time, so the first run on years of mail stays small in
/// memory.
pub fn bodies_delivered_before(
    conn: &mut DbConnection,
    before: NaiveDateTime,
    after: i64,
    limit: i64,
) -> QueryResult<Vec<OutboxRow>> {
    outbox::table
        .filter(outbox::status.eq(Status::Sent))
        .filter(outbox::sent_at.le(before))
        .filter(outbox::payload.ne(""))
        .filter(outbox::id.gt(after))
        .order(outbox::id)
        .limit(limit)
        .select(columns_of::<OutboxRow>())
        .load_direct(conn)
}

/// Clears a message's body, keeping the subject it was sent with.
/// Recipient, status and times stay.
pub fn clear_body(conn: &mut DbConnection, id: i64, subject: Option<&str>) -> QueryResult<usize> {
    diesel::update(outbox::table.find(id).filter(outbox::payload.ne("")))
        .set((outbox::payload.eq(""), outbox::subject.eq(subject)))
        .execute_direct(conn)
}

/// The newest messages first; only those with `status` if given.
pub fn recent(conn: &mut DbConnection, limit: i64) -> QueryResult<Vec<OutboxRow>> {
    recent_with(conn, None, 0, limit)
}

/// One page of the newest messages first, for the administrators' page:
/// `limit` rows after skipping `offset`, only those with `status` if given
/// (served by the primary key, or by `outbox_status_id_idx`).
pub fn recent_with(
    conn: &mut DbConnection,
    status: Option<Status>,
    offset: i64,
    limit: i64,
) -> QueryResult<Vec<OutboxRow>> {
    crate::db::direct!(conn, |c| {
        let mut query = outbox::table
            .select(columns_of::<OutboxRow>())
            .order(outbox::id.desc())
            .offset(offset)
            .limit(limit)
            .into_boxed();
        if let Some(s) = status {
            query = query.filter(outbox::status.eq(s));
        }
        query.load(c)
    })
}

/// The oldest due time among pending messages, if any: how far behind
/// the worker is.
pub fn oldest_due(conn: &mut DbConnection) -> QueryResult<Option<NaiveDateTime>> {
    outbox::table
        .filter(outbox::status.eq(Status::Pending))
        .select(diesel::dsl::min(outbox::next_attempt_at))
        .first_direct(conn)
}

/// How many messages have this status (an index range, unlike `counts`).
pub fn count_with(conn: &mut DbConnection, status: Status) -> QueryResult<i64> {
    outbox::table
        .filter(outbox::status.eq(status))
        .count()
        .get_result_direct(conn)
}

/// How many messages have each status.
pub fn counts(conn: &mut DbConnection) -> QueryResult<Vec<(Status, i64)>> {
    outbox::table
        .group_by(outbox::status)
        .select((outbox::status, diesel::dsl::count_star()))
        .order(outbox::status)
        .load_direct(conn)
}

pub fn find(conn: &mut DbConnection, id: i64) -> QueryResult<OutboxRow> {
    outbox::table
        .find(id)
        .select(columns_of::<OutboxRow>())
        .first_direct(conn)
}

/// Takes up to `limit` due messages for this worker until `lease_until`.
/// Each row goes to one worker: on PostgreSQL rows another worker is
/// taking are skipped (`FOR UPDATE SKIP LOCKED`); on SQLite, which has one
/// writer at a time, a conditional update takes each row or finds it taken.
pub fn claim(
    conn: &mut DbConnection,
    at: NaiveDateTime,
    limit: i64,
    lease_until: NaiveDateTime,
) -> QueryResult<Vec<OutboxRow>> {
    let pending = Status::Pending;
    let ids: Vec<i64> = match conn {
        DbConnection::Pg(pg) => pg.transaction(|pg| {
            let ids: Vec<i64> = outbox::table
                .filter(outbox::status.eq(pending))
                .filter(outbox::next_attempt_at.le(at))
                .filter(
                    outbox::locked_until
                        .is_null()
                        .or(outbox::locked_until.le(at)),
                )
                .order((outbox::next_attempt_at, outbox::id))
                .limit(limit)
                .select(outbox::id)
                .for_update()
                .skip_locked()
                .load(pg)?;
            diesel::update(outbox::table.filter(outbox::id.eq_any(&ids)))
                .set(outbox::locked_until.eq(lease_until))
                .execute(pg)?;
            Ok::<_, diesel::result::Error>(ids)
        })?,
        DbConnection::Sqlite(_) => {
            let candidates: Vec<i64> = outbox::table
                .filter(outbox::status.eq(pending))
                .filter(outbox::next_attempt_at.le(at))
                .filter(
                    outbox::locked_until
                        .is_null()
                        .or(outbox::locked_until.le(at)),
                )
                .order((outbox::next_attempt_at, outbox::id))
                .limit(limit)
                .select(outbox::id)
                .load_direct(conn)?;
            let mut taken = Vec::with_capacity(candidates.len());
            for id in candidates {
                let n = diesel::update(
                    outbox::table
                        .find(id)
                        .filter(outbox::status.eq(pending))
                        .filter(
                            outbox::locked_until
                                .is_null()
                                .or(outbox::locked_until.le(at)),
                        ),
                )
                .set(outbox::locked_until.eq(lease_until))
                .execute_direct(conn)?;
                if n == 1 {
                    taken.push(id);
                }
            }
            taken
        }
    };
    if ids.is_empty() {
        return Ok(Vec::new());
    }
    outbox::table
        .filter(outbox::id.eq_any(&ids))
        .select(columns_of::<OutboxRow>())
        .order((outbox::next_attempt_at, outbox::id))
        .load_direct(conn)
}

/// The server took the message.
pub fn mark_sent(conn: &mut DbConnection, id: i64, at: NaiveDateTime) -> QueryResult<()> {
    diesel::update(outbox::table.find(id))
        .set((
            outbox::status.eq(Status::Sent),
            outbox::sent_at.eq(at),
            outbox::attempts.eq(outbox::attempts + 1),
            outbox::last_error.eq(None::<String>),
            outbox::locked_until.eq(None::<NaiveDateTime>),
        ))
        .execute_direct(conn)?;
    Ok(())
}

/// A temporary failure: try again at `next`.
pub fn mark_retry(
    conn: &mut DbConnection,
    id: i64,
    next: NaiveDateTime,
    error: &str,
) -> QueryResult<()> {
    diesel::update(outbox::table.find(id))
        .set((
            outbox::attempts.eq(outbox::attempts + 1),
            outbox::next_attempt_at.eq(next),
            outbox::last_error.eq(error),
            outbox::locked_until.eq(None::<NaiveDateTime>),
        ))
        .execute_direct(conn)?;
    Ok(())
}

/// A permanent failure: the message stops until an administrator retries.
pub fn mark_failed(conn: &mut DbConnection, id: i64, error: &str) -> QueryResult<()> {
    diesel::update(outbox::table.find(id))
        .set((
            outbox::status.eq(Status::Failed),
            outbox::attempts.eq(outbox::attempts + 1),
            outbox::last_error.eq(error),
            outbox::locked_until.eq(None::<NaiveDateTime>),
        ))
        .execute_direct(conn)?;
    Ok(())
}

/// An administrator sends a failed message again: it is due at once, with
/// a fresh count of tries. Returns whether the message had failed.
pub fn retry(conn: &mut DbConnection, id: i64, at: NaiveDateTime) -> QueryResult<bool> {
    let n = diesel::update(
        outbox::table
            .find(id)
            .filter(outbox::status.eq(Status::Failed)),
    )
    .set((
        outbox::status.eq(Status::Pending),
        outbox::attempts.eq(0),
        outbox::next_attempt_at.eq(at),
        outbox::locked_until.eq(None::<NaiveDateTime>),
    ))
    .execute_direct(conn)?;
    Ok(n == 1)
}
