//! Reminders two days before a meeting, queued by the mail worker's passes.

use std::collections::HashMap;

use chrono::NaiveDateTime;
use diesel::result::{DatabaseErrorKind, Error};
use diesel::{Connection, QueryResult};

use crate::db::{DbConnection, outbox, reminders, sessions};
use crate::domain::events::{Message, SessionSummary};

/// Records and queues every due reminder; returns how many were queued.
/// Each reminder is its own transaction, so one that another instance got
/// first is skipped without undoing the others.
#[tracing::instrument(skip(conn), fields(queued = tracing::field::Empty))]
pub fn queue_due(conn: &mut DbConnection, at: NaiveDateTime) -> QueryResult<usize> {
    let mut summaries: HashMap<i64, SessionSummary> = HashMap::new();
    let mut queued = 0;
    for d in reminders::due(conn, at)? {
        let summary = match summaries.get(&d.session_id) {
            Some(s) => s.clone(),
            None => {
                let s = sessions::summary(conn, d.session_id)?;
                summaries.insert(d.session_id, s.clone());
                s
            }
        };
        let result = conn.transaction(|c| {
            reminders::record_sent(c, d.meeting_id, d.to.user_id.unwrap_or_default(), at)?;
            outbox::enqueue(
                c,
                &d.to,
                &Message::Reminder {
                    session: summary,
                    meeting_id: d.meeting_id,
                },
            )
        });
        match result {
            Ok(_) => queued += 1,
            Err(Error::DatabaseError(DatabaseErrorKind::UniqueViolation, _)) => {
                tracing::debug!(
                    meeting = d.meeting_id,
                    "reminder already recorded elsewhere"
                );
            }
            Err(e) => return Err(e),
        }
    }
    tracing::Span::current().record("queued", queued);
    Ok(queued)
}
