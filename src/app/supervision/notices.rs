//! The due-soon and overdue notices, queued by the mail worker every pass.

use chrono::NaiveDateTime;
use diesel::result::{DatabaseErrorKind, Error as DieselError};
use diesel::{Connection, QueryResult};

use crate::db::supervision::{self, VolunteerStanding, Whose};
use crate::db::{DbConnection, outbox};
use crate::domain::events::Message;
use crate::domain::supervision::Standing;

/// The notice a standing calls for, if any.
fn notice(s: &VolunteerStanding) -> Option<Message> {
    let link = "/supervision".to_string();
    match s.standing {
        Standing::Overdue => Some(Message::SupervisionOverdue {
            due_on: s.due_on,
            link,
        }),
        Standing::DueSoon => Some(Message::SupervisionDueSoon {
            due_on: s.due_on,
            link,
        }),
        Standing::Ok | Standing::Paused => None,
    }
}

/// Queues the due-soon and overdue notices of every active volunteer that
/// has not had that notice for that due date; returns how many. Each notice
/// is its own transaction with its record, whose primary key refuses a
/// second one, so restarts and several instances send nothing twice. A new
/// due date (after supervision, or a pause) is a new notice.
#[tracing::instrument(skip(conn))]
pub fn enqueue(conn: &mut DbConnection, at: NaiveDateTime) -> QueryResult<usize> {
    let due: Vec<(VolunteerStanding, Message)> = supervision::standings(conn, Whose::Everyone, at)?
        .into_iter()
        .filter_map(|s| notice(&s).map(|m| (s, m)))
        .collect();
    let due_ids: Vec<i64> = due.iter().map(|(s, _)| s.user_id).collect();
    let sent = supervision::notices_sent(conn, &due_ids)?;
    let mut queued = 0;
    for (s, message) in due {
        if sent
            .iter()
            .any(|(u, k, d)| *u == s.user_id && *k == s.standing && *d == s.due_date)
        {
            continue;
        }
        let result = conn.transaction(|c| {
            supervision::record_notice(c, s.user_id, s.standing, s.due_date, at)?;
            outbox::enqueue(c, &s.recipient(), &message)
        });
        match result {
            Ok(_) => queued += 1,
            Err(DieselError::DatabaseError(DatabaseErrorKind::UniqueViolation, _)) => {
                tracing::debug!(user = s.user_id, "supervision notice recorded elsewhere");
            }
            Err(e) => return Err(e),
        }
    }
    Ok(queued)
}
