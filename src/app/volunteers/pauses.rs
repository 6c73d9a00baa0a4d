//! Ending pauses on their date: a step of the mail worker's pass.
//!
//! A pause has a last day (`volunteer_status_changes.until`). From the next
//! day (in Copenhagen) the worker makes the volunteer active again, logged
//! as a status change by nobody (the system), and tells the volunteer and
//! their branch's coordinators. Coming back does not wait for the gate: a
//! volunteer left paused would be exempt from supervision for ever, while an
//! active one with something missing (a requirement that came while they
//! were away) counts towards supervision and is refused what needs the gate
//! (`Gate::may_work`) with the checklist that says what to do; both emails
//! say whether something is missing.

use chrono::NaiveDateTime;
use diesel::result::Error as DieselError;
use diesel::{Connection, QueryResult};

use super::DASHBOARD;
use crate::db::volunteer_history::{self, Change, Note};
use crate::db::{DbConnection, gate, outbox, supervision, users, volunteers};
use crate::domain::events::{Message, Recipient};
use crate::domain::time;
use crate::domain::volunteer::{self, StatusChange};

/// Ends every pause whose last day is before `at`'s date in Copenhagen;
/// returns how many. Each volunteer is one transaction (status, history row,
/// emails); the status change is conditional on the volunteer still being
/// paused with that pause, so restarts and several instances end a pause
/// once and email once.
#[tracing::instrument(skip(conn), fields(ended = tracing::field::Empty))]
pub fn end_due(conn: &mut DbConnection, at: NaiveDateTime) -> QueryResult<usize> {
    let today = time::local(at).date_naive();
    let due: Vec<i64> = volunteer_history::paused(conn)?
        .into_iter()
        .filter(|(_, _, until)| until.is_some_and(|u| volunteer::pause_is_over(u, today)))
        .map(|(user_id, _, _)| user_id)
        .collect();
    if due.is_empty() {
        return Ok(0);
    }
    let curriculum = &crate::app::site_content::curriculum(conn)
        .map_err(|e| DieselError::QueryBuilderError(e.into()))?;
    let mut ended = 0;
    for user_id in due {
        let done = conn.transaction(|c| -> QueryResult<bool> {
            // Lock, then read again: the volunteer may have come back, or
            // paused anew, since the list was read (here or elsewhere).
            if !volunteers::lock(c, user_id)? {
                return Ok(false);
            }
            let Some((_, branch_id, Some(until))) = volunteer_history::paused_one(c, user_id)?
            else {
                return Ok(false);
            };
            if !volunteer::pause_is_over(until, today) {
                return Ok(false);
            }
            let changed = volunteer_history::change(
                c,
                &Change {
                    user_id,
                    change: StatusChange::Resume,
                    note: Note::default(),
                },
            )?;
            if changed.is_err() {
                return Ok(false);
            }
            let g = gate::volunteer_gate(c, curriculum, user_id)?;
            let until_at = until.and_hms_opt(12, 0, 0).ok_or(DieselError::NotFound)?;
            let person = users::find(c, user_id)?;
            outbox::enqueue(
                c,
                &Recipient::from(&person),
                &Message::PauseEnded {
                    until: until_at,
                    may_work: g.may_work(),
                    link: DASHBOARD.to_string(),
                },
            )?;
            for coordinator in supervision::coordinators_of(c, branch_id)? {
                outbox::enqueue(
                    c,
                    &coordinator,
                    &Message::VolunteerPauseEnded {
                        volunteer: person.name.clone(),
                        until: until_at,
                        may_work: g.may_work(),
                        link: format!("/koordinator/brobyggere/{user_id}"),
                    },
                )?;
            }
            Ok(true)
        })?;
        if done {
            ended += 1;
        }
    }
    tracing::Span::current().record("ended", ended);
    Ok(ended)
}
