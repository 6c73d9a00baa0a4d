//! Status changes along the volunteer's path that carry a message: starting
//! training, activating (by a coordinator or automatically), pausing,
//! coming back and stopping. Each writes the status, its history row and
//! the email in the caller's transaction; the volunteer's own pause and
//! return are use cases of their own.

use chrono::NaiveDate;
use diesel::QueryResult;

use super::{App, DASHBOARD, Error, curriculum};
use crate::db::volunteer_history::{self, Change, Note};
use crate::db::{DbConnection, branches, cohorts, gate, outbox, sessions, users, volunteers};
use crate::domain::activation::{self, ActivationRefusal};
use crate::domain::attendance::AttendanceStatus;
use crate::domain::curriculum::Curriculum;
use crate::domain::events::MissingModule;
use crate::domain::events::{Message, Recipient};
use crate::domain::volunteer::{StatusChange, VolunteerStatus};

fn recipient(conn: &mut DbConnection, user_id: i64) -> QueryResult<Recipient> {
    Ok(Recipient::from(&users::find(conn, user_id)?))
}

/// Makes the volunteer active (`Activate`) or brings them back from a pause
/// (`Resume`) if the gate is clear; otherwise says why not. `by`: the
/// coordinator or the volunteer; `None` when automatic.
pub fn make_active(
    conn: &mut DbConnection,
    curriculum: &Curriculum,
    user_id: i64,
    change: StatusChange,
    by: Option<i64>,
    reason: Option<&str>,
) -> QueryResult<Result<(), ActivationRefusal>> {
    let g = gate::volunteer_gate(conn, curriculum, user_id)?;
    if let Err(refusal) = activation::may_become_active(g.status, change, &g.unmet) {
        return Ok(Err(refusal));
    }
    let cohort_id = if change == StatusChange::Activate {
        cohorts::home_cohort(conn, user_id)?
    } else {
        None
    };
    let changed = volunteer_history::change(
        conn,
        &Change {
            user_id,
            change,
            note: Note {
                by,
                reason,
                until: None,
                cohort_id,
            },
        },
    )?;
    if let Err(now) = changed {
        return Ok(Err(ActivationRefusal::Status(now)));
    }
    let to = recipient(conn, user_id)?;
    let link = DASHBOARD.to_string();
    let message = if change == StatusChange::Activate {
        let branch = branches::find(conn, g.branch_id)?.name;
        Message::VolunteerActivated { branch, link }
    } else {
        Message::VolunteerResumed { link }
    };
    outbox::enqueue(conn, &to, &message)?;
    Ok(Ok(()))
}

/// Activates the volunteer if their branch activates automatically and
/// nothing is missing any more. Called after every change that can meet a
/// requirement (attendance, a signature, a check). Returns whether it did.
pub fn activate_if_automatic(
    conn: &mut DbConnection,
    curriculum: &Curriculum,
    user_id: i64,
) -> QueryResult<bool> {
    let Ok(g) = gate::volunteer_gate(conn, curriculum, user_id) else {
        return Ok(false);
    };
    if !activation::activates_automatically(g.status, &g.settings, &g.unmet) {
        return Ok(false);
    }
    Ok(make_active(
        conn,
        curriculum,
        user_id,
        StatusChange::Activate,
        None,
        None,
    )?
    .is_ok())
}

/// An approved volunteer with a cohort seat is in training.
pub fn start_training(conn: &mut DbConnection, user_id: i64, by: Option<i64>) -> QueryResult<()> {
    let current = volunteers::find(conn, user_id)?.map(|v| v.status);
    if current == Some(VolunteerStatus::Approved) {
        volunteer_history::change(
            conn,
            &Change {
                user_id,
                change: StatusChange::StartTraining,
                note: Note {
                    by,
                    ..Note::default()
                },
            },
        )?
        .ok();
    }
    Ok(())
}

/// Pauses an active volunteer until a date. `by_staff`: a coordinator
/// paused them (rather than they themselves).
pub fn pause(
    conn: &mut DbConnection,
    user_id: i64,
    until: NaiveDate,
    reason: Option<&str>,
    by: i64,
) -> QueryResult<Result<(), VolunteerStatus>> {
    let changed = volunteer_history::change(
        conn,
        &Change {
            user_id,
            change: StatusChange::Pause,
            note: Note {
                by: Some(by),
                reason,
                until: Some(until),
                cohort_id: None,
            },
        },
    )?;
    if let Err(status) = changed {
        return Ok(Err(status));
    }
    // A paused brobygger takes no vagter: those they hold are released
    // and the branch's coordinators told (`app::duty::release_held`).
    crate::app::duty::release_held(conn, user_id, by, crate::db::now())?;
    let to = recipient(conn, user_id)?;
    outbox::enqueue(
        conn,
        &to,
        &Message::VolunteerPaused {
            until: until
                .and_hms_opt(12, 0, 0)
                .ok_or(diesel::result::Error::NotFound)?,
            by_staff: by != user_id,
            link: DASHBOARD.to_string(),
        },
    )?;
    Ok(Ok(()))
}

/// The volunteer stops and becomes an alumne.
pub fn retire(
    conn: &mut DbConnection,
    user_id: i64,
    reason: Option<&str>,
    by: i64,
) -> QueryResult<Result<(), VolunteerStatus>> {
    let changed = volunteer_history::change(
        conn,
        &Change {
            user_id,
            change: StatusChange::Retire,
            note: Note {
                by: Some(by),
                reason,
                ..Note::default()
            },
        },
    )?
    .map(|_| ());
    if changed.is_ok() {
        // An alumne takes no vagter either.
        crate::app::duty::release_held(conn, user_id, by, crate::db::now())?;
    }
    Ok(changed)
}

/// After attendance at a cohort meeting is saved: who attended is in
/// training; who was absent or partly absent is told which of the
/// meeting's modules now lack hours (and where to make them up, on their
/// page); and anyone whose last requirement this was is activated if their
/// branch does that automatically. `changed` holds only the people whose
/// attendance differs from what was recorded before, so that correcting
/// one row does not send everyone a new email.
pub fn after_cohort_attendance(
    conn: &mut DbConnection,
    curriculum: &Curriculum,
    meeting_id: i64,
    changed: &[(i64, AttendanceStatus)],
    by: i64,
) -> QueryResult<()> {
    if changed.is_empty() {
        return Ok(());
    }
    let meeting = sessions::meeting(conn, meeting_id)?;
    let session = sessions::find(conn, meeting.session_id)?;
    let taught = cohorts::modules_of_meetings(conn, &[meeting_id])?
        .remove(&meeting_id)
        .unwrap_or_default();
    for (user_id, status) in changed {
        if *status != AttendanceStatus::Absent {
            start_training(conn, *user_id, Some(by))?;
        }
    }
    let user_ids: Vec<i64> = changed.iter().map(|(u, _)| *u).collect();
    for g in gate::gates(conn, curriculum, &user_ids)? {
        let status = changed
            .iter()
            .find(|(u, _)| *u == g.user_id)
            .map(|(_, s)| *s);
        if status != Some(AttendanceStatus::Present) {
            let to = recipient(conn, g.user_id)?;
            let missing: Vec<MissingModule> = g
                .progress
                .missing()
                .filter(|m| taught.contains(&m.module.id))
                .map(|m| MissingModule {
                    order: m.module.order,
                    title: m.module.title.clone(),
                    missing_minutes: m.missing_minutes,
                })
                .collect();
            if !missing.is_empty() {
                outbox::enqueue(
                    conn,
                    &to,
                    &Message::AttendanceMissing {
                        session_title: session.title.clone(),
                        meeting_at: meeting.starts_at,
                        missing,
                        link: DASHBOARD.to_string(),
                    },
                )?;
            }
        }
        if activation::activates_automatically(g.status, &g.settings, &g.unmet) {
            make_active(
                conn,
                curriculum,
                g.user_id,
                StatusChange::Activate,
                None,
                None,
            )?
            .ok();
        }
    }
    Ok(())
}

/// One volunteer's gate; `NotFound` without a volunteer record.
#[tracing::instrument(skip(app))]
pub async fn gate_of(app: &App, user_id: i64) -> Result<gate::Gate, Error> {
    let curriculum = curriculum(app).await?;
    app.read(move |c| Ok(gate::volunteer_gate(c, &curriculum, user_id)?))
        .await
}

/// A volunteer pauses themselves (around exams, say) until a date.
/// `Err(status)`: their status cannot be paused.
#[tracing::instrument(skip(app, until, reason))]
pub async fn pause_self(
    app: &App,
    user_id: i64,
    until: NaiveDate,
    reason: Option<String>,
) -> Result<Result<(), VolunteerStatus>, Error> {
    app.write(move |c| Ok(pause(c, user_id, until, reason.as_deref(), user_id)?))
        .await
}

/// A volunteer comes back from a pause: only with nothing unmet, like
/// activation.
#[tracing::instrument(skip(app))]
pub async fn resume_self(app: &App, user_id: i64) -> Result<Result<(), ActivationRefusal>, Error> {
    let curriculum = curriculum(app).await?;
    app.write(move |c| {
        Ok(make_active(
            c,
            &curriculum,
            user_id,
            StatusChange::Resume,
            Some(user_id),
            None,
        )?)
    })
    .await
}
