//! What coordinators do to any session, whatever its kind: who may manage
//! it, and recording a meeting's attendance with what follows from it for
//! that kind (hours towards the preparation course, the volunteer's last
//! supervision). The page that manages one session is `manage`'s.

pub mod manage;
pub mod meetings;

use std::collections::HashMap;

use diesel::QueryResult;

use super::audit::{self, Actor, Object};
use super::volunteers::{activation, readiness};
use super::{App, Error};
use crate::db::branches::{self, Branch};
use crate::db::enrolments::{self, Participant};
use crate::db::sessions::{self, Meeting, Session};
use crate::db::users::Account;
use crate::db::{DbConnection, attendance, now, supervision};
use crate::domain::attendance::{self as attendance_rules, AttendanceStatus};
use crate::domain::audit::Action;
use crate::domain::session::{SessionKind, SessionStatus};

/// The session, if this account may manage it: coordinators of its branch,
/// and administrators (who alone manage national sessions).
pub fn managed(conn: &mut DbConnection, account: &Account, id: i64) -> Result<Session, Error> {
    let session = sessions::find(conn, id)?;
    if account.manages(session.branch_id) {
        Ok(session)
    } else {
        Err(Error::Forbidden)
    }
}

/// A branch id from a form that names no branch is refused, not left to the
/// foreign key (a 500): every kind of session is planned in a branch.
pub fn known_branch(conn: &mut DbConnection, id: i64) -> Result<(), Error> {
    if branches::by_ids(conn, &[id])?.is_empty() {
        return Err(Error::Forbidden);
    }
    Ok(())
}

/// A meeting of a session this account manages; `NotFound` for a meeting
/// of another session.
pub fn managed_meeting(
    conn: &mut DbConnection,
    account: &Account,
    session_id: i64,
    meeting_id: i64,
) -> Result<(Session, Meeting), Error> {
    let session = managed(conn, account, session_id)?;
    let meeting = sessions::meeting(conn, meeting_id)?;
    if meeting.session_id != session_id {
        return Err(Error::NotFound);
    }
    Ok((session, meeting))
}

/// One person's attendance at one meeting, as the coordinator registered it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Presence {
    pub user_id: i64,
    pub status: AttendanceStatus,
    pub minutes: i32,
}

/// Records (or corrects) one person's attendance at one meeting, with what
/// follows for the meeting's kind that does not depend on the others: a
/// supervision meeting sets the volunteer's last supervision again, the
/// input of their standing. In the caller's transaction.
pub fn record_one(
    conn: &mut DbConnection,
    meeting_id: i64,
    p: Presence,
    by: i64,
) -> QueryResult<()> {
    attendance::record(conn, meeting_id, p.user_id, p.status, p.minutes, by)?;
    if attendance::kind_of_meeting(conn, meeting_id)? == SessionKind::Supervision {
        supervision::refresh_last_attended(conn, &[p.user_id])?;
    }
    Ok(())
}

/// Saves a whole meeting's attendance at once, and what follows for the
/// session's kind: at a cohort, who attended is in training, who missed
/// hours is told which modules now lack them, and whoever completed their
/// training is activated if their branch does that automatically. Only the
/// people whose attendance changed are followed up, so that correcting one
/// row does not email everyone again.
#[tracing::instrument(skip(app, actor, rows), fields(actor = actor.user.id, rows = rows.len()))]
pub async fn record_attendance(
    app: &App,
    actor: &Account,
    by: Actor,
    session_id: i64,
    meeting_id: i64,
    rows: Vec<Presence>,
) -> Result<Result<(), NotStarted>, Error> {
    let actor = actor.clone();
    // The course as it stands now, for counting attended hours per module.
    let curriculum = match app
        .read({
            let actor = actor.clone();
            move |c| managed(c, &actor, session_id).map(|s| s.kind)
        })
        .await?
    {
        SessionKind::Cohort => Some(super::site_content::current_curriculum(app).await?),
        _ => None,
    };
    app.write(move |c| {
        let (session, meeting) = managed_meeting(c, &actor, session_id, meeting_id)?;
        if !attendance_rules::may_record(meeting.starts_at, now()) {
            return Ok(Err(NotStarted));
        }
        let before = attendance::for_meeting(c, meeting_id)?;
        let mut changed = Vec::new();
        for p in &rows {
            let was = before.iter().find(|a| a.user_id == p.user_id);
            if was.is_none_or(|a| (a.status, a.minutes) != (p.status, p.minutes)) {
                changed.push((p.user_id, p.status));
            }
            record_one(c, meeting_id, *p, actor.user.id)?;
        }
        if let Some(curriculum) = curriculum {
            activation::after_cohort_attendance(
                c,
                &curriculum,
                meeting_id,
                &changed,
                actor.user.id,
            )?;
            // The pipeline's stored readiness follows the hours.
            let ids: Vec<i64> = rows.iter().map(|p| p.user_id).collect();
            readiness::refresh(c, &ids)?;
        }
        // Someone recorded after a GenLær session was marked held gets
        // their evaluation link now; nobody gets a second.
        if session.kind == SessionKind::Genlaer && session.status == SessionStatus::Held {
            super::evaluations::invite_attendees(c, session_id)?;
        }
        let detail = format!(
            "Møde #{meeting_id}: {} deltagere, {} ændret",
            rows.len(),
            changed.len()
        );
        let object = Object::of_session(&session);
        audit::record(c, &by, Action::AttendanceRecorded, &object, Some(&detail))?;
        Ok(Ok(()))
    })
    .await
}

/// Attendance is not recorded for a meeting that has not begun.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct NotStarted;

/// A meeting's attendance sheet: who holds a seat, and what is recorded
/// for them (status and minutes, by user id).
#[derive(Debug, Clone)]
pub struct Sheet {
    pub session: Session,
    pub meeting: Meeting,
    pub seated: Vec<Participant>,
    pub recorded: HashMap<i64, (AttendanceStatus, i32)>,
    /// The meeting has begun: attendance may be recorded.
    pub begun: bool,
}

/// The attendance page of a meeting of a session this account manages.
#[tracing::instrument(skip(app, actor), fields(actor = actor.user.id))]
pub async fn sheet(
    app: &App,
    actor: &Account,
    session_id: i64,
    meeting_id: i64,
) -> Result<Sheet, Error> {
    let actor = actor.clone();
    app.read(move |c| {
        let (session, meeting) = managed_meeting(c, &actor, session_id, meeting_id)?;
        let (mut seated, _) = enrolments::participants(c, session_id)?;
        // Make-up participants come to the meetings teaching their module.
        let people: Vec<i64> = seated.iter().map(|p| p.enrolment.user_id).collect();
        let skipped = crate::db::cohorts::skipped_by_makeups(c, &people)?;
        seated.retain(|p| !skipped.contains(&(meeting_id, p.enrolment.user_id)));
        let recorded = attendance::for_meeting(c, meeting_id)?
            .into_iter()
            .map(|a| (a.user_id, (a.status, a.minutes)))
            .collect();
        Ok(Sheet {
            begun: attendance_rules::may_record(meeting.starts_at, now()),
            session,
            meeting,
            seated,
            recorded,
        })
    })
    .await
}

/// The branches a coordinator plans sessions in (administrators: all). A
/// coordinator's come with the account, read with it on each request.
pub fn branch_choices(conn: &mut DbConnection, account: &Account) -> QueryResult<Vec<Branch>> {
    if account.is_admin() {
        Ok(branches::all(conn)?.into_iter().map(|b| b.branch).collect())
    } else {
        Ok(account.coordinated.clone())
    }
}
