//! The volunteer's side: their standing against the window, their sessions
//! and the group sessions of their branch, one session's page, signing up
//! and cancelling.

use std::collections::HashMap;

use serde::Serialize;

use crate::app::engine::{self, Cancelled, Placed};
use crate::app::{App, Error};
use crate::db::enrolments::{self, Enrolment};
use crate::db::gate::{self, Gate};
use crate::db::supervision::{self, Request, SupervisionSession, VolunteerStanding};
use crate::db::users::Account;
use crate::db::{DbConnection, now, volunteers};
use crate::domain::enrolment::{EnrolmentStatus, Refusal};
use crate::domain::session::{Availability, SessionKind, SessionStatus};
use crate::domain::supervision::Format;

/// A session in the volunteer's lists, with their place in it.
#[derive(Debug, Clone, Serialize)]
pub struct Listed {
    #[serde(flatten)]
    pub s: SupervisionSession,
    pub mine: Option<EnrolmentStatus>,
    pub position: Option<i64>,
}

/// What `/supervision` shows a volunteer.
#[derive(Debug, Clone)]
pub struct Home {
    /// Their activation gate: only those who may work sign up or ask.
    pub gate: Gate,
    /// Their standing, if active or paused.
    pub standing: Option<VolunteerStanding>,
    /// Sessions they hold a seat or a queue place in.
    pub mine: Vec<Listed>,
    /// Open group sessions of their branch they are not in.
    pub open: Vec<Listed>,
    pub request: Option<Request>,
}

/// A volunteer's supervision page; `Forbidden` for anyone without a
/// volunteer record.
#[tracing::instrument(skip(app))]
pub async fn home(app: &App, user_id: i64) -> Result<Home, Error> {
    let curriculum = crate::app::site_content::current_curriculum(app).await?;
    app.read(move |c| {
        let v = volunteers::find(c, user_id)?.ok_or(Error::Forbidden)?;
        let gate = gate::volunteer_gate(c, &curriculum, user_id)?;
        let at = now();
        let standing = supervision::standing_of(c, user_id, at)?;
        let list = supervision::in_branches(c, &[v.branch_id], at, false)?;
        let ids: Vec<i64> = list.iter().map(|s| s.session.id).collect();
        let my: HashMap<i64, (EnrolmentStatus, Option<i64>)> =
            enrolments::of_user(c, user_id, Some(SessionKind::Supervision))?
                .into_iter()
                .filter(|e| ids.contains(&e.session.id) && e.enrolment.status.is_active())
                .map(|e| (e.session.id, (e.enrolment.status, e.position)))
                .collect();
        let (mine, open): (Vec<Listed>, Vec<Listed>) = list
            .into_iter()
            .map(|s| {
                let entry = my.get(&s.session.id).copied();
                Listed {
                    s,
                    mine: entry.map(|e| e.0),
                    position: entry.and_then(|e| e.1),
                }
            })
            .filter(|r| r.mine.is_some() || r.s.details.format == Format::Group)
            .filter(|r| r.mine.is_some() || r.s.session.status == SessionStatus::Open)
            .partition(|r| r.mine.is_some());
        let request = supervision::open_request_of(c, user_id)?;
        Ok(Home {
            gate,
            standing,
            mine,
            open,
            request,
        })
    })
    .await
}

/// One session as the volunteer's page shows it.
#[derive(Debug, Clone, Serialize)]
pub struct SessionPage {
    pub s: SupervisionSession,
    pub enrolment: Option<Enrolment>,
    /// Their place in the queue (1 = next), when waiting.
    pub position: Option<i64>,
    /// They hold a seat or a place in the queue.
    pub active: bool,
    /// They wait for a seat.
    pub waiting: bool,
    /// They may give their seat or place back (open group sessions).
    pub may_cancel: bool,
    /// They may sign up: a seat, or the queue when `full`.
    pub may_enrol: bool,
    pub full: bool,
    pub seats_left: Option<i32>,
}

/// Who may see a session: the branch's volunteers (an individual session
/// only its participant) and the branch's coordinators.
fn visible(
    conn: &mut DbConnection,
    account: &Account,
    s: &SupervisionSession,
    enrolment: Option<&Enrolment>,
) -> Result<(), Error> {
    let branch = s.session.branch_id.unwrap_or_default();
    if account.coordinates(branch) || enrolment.is_some() {
        return Ok(());
    }
    let own_branch =
        volunteers::find(conn, account.user.id)?.is_some_and(|v| v.branch_id == branch);
    if own_branch && s.details.format == Format::Group {
        Ok(())
    } else {
        Err(Error::Forbidden)
    }
}

/// A session's page, which emails and calendars link to.
#[tracing::instrument(skip(app, viewer), fields(viewer = viewer.user.id))]
pub async fn session_page(app: &App, viewer: &Account, id: i64) -> Result<SessionPage, Error> {
    let viewer = viewer.clone();
    app.read(move |c| {
        let s = supervision::find(c, id)?;
        let enrolment = enrolments::find(c, id, viewer.user.id)?;
        visible(c, &viewer, &s, enrolment.as_ref())?;
        let position = match &enrolment {
            Some(e) if e.status == EnrolmentStatus::Waitlisted => Some(enrolments::position(c, e)?),
            _ => None,
        };
        let active = enrolment.as_ref().is_some_and(|e| e.status.is_active());
        let group = s.details.format == Format::Group;
        let availability = s.session.availability(now());
        let can_enrol = !active && group && viewer.volunteer_branch.is_some();
        Ok(SessionPage {
            waiting: enrolment
                .as_ref()
                .is_some_and(|e| e.status == EnrolmentStatus::Waitlisted),
            may_cancel: s.session.status == SessionStatus::Open && group,
            may_enrol: can_enrol && matches!(availability, Availability::Open | Availability::Full),
            full: availability == Availability::Full,
            seats_left: s.session.seats_left(),
            active,
            position,
            enrolment,
            s,
        })
    })
    .await
}

/// Signs an active brobygger up for a group session of their branch
/// (`branch_id`: the branch their gate gives them).
#[tracing::instrument(skip(app))]
pub async fn enrol(
    app: &App,
    user_id: i64,
    branch_id: i64,
    session_id: i64,
) -> Result<Result<Placed, Refusal>, Error> {
    app.write(move |c| {
        let s = supervision::find(c, session_id)?;
        if s.session.branch_id != Some(branch_id) || s.details.format != Format::Group {
            return Err(Error::Forbidden);
        }
        Ok(engine::enrol(c, session_id, user_id, false)?)
    })
    .await
}

/// Gives the volunteer's own seat or place in the queue back.
#[tracing::instrument(skip(app))]
pub async fn cancel(
    app: &App,
    user_id: i64,
    session_id: i64,
) -> Result<Result<Cancelled, Refusal>, Error> {
    app.write(move |c| {
        // Supervision sessions only: `NotFound` for other kinds.
        supervision::find(c, session_id)?;
        Ok(engine::cancel(c, session_id, user_id, None)?)
    })
    .await
}
