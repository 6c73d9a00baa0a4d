//! Cohorts (hold) of the preparation course. For coordinators: their
//! branch's cohorts, creating one with the modules each meeting teaches,
//! one cohort's overview (participants' hours, make-ups) and its
//! graduation evening. For volunteers: a cohort's own page, enrolling in a
//! cohort of their branch, joining one of any branch to make up a missing
//! module, and leaving.

use std::collections::HashMap;

use chrono::NaiveDateTime;
use serde::Serialize;

use super::{App, Error, activation, coordinates, curriculum, label, label_of};
use crate::app::audit::{self, Actor, Object};
use crate::app::sessions::managed;
use crate::app::{Abort, engine};
use crate::db::branches::{self, Branch};
use crate::db::cohorts::{self, Graduation, MeetingPlan, NewCohort};
use crate::db::enrolments::{self, Enrolment};
use crate::db::sessions::{self, MeetingTimes, Session};
use crate::db::users::Account;
use crate::db::{DbConnection, gate, now, volunteer_history, volunteers};
use crate::domain::audit::Action;
use crate::domain::curriculum::Curriculum;
use crate::domain::enrolment::{EnrolmentStatus, Refusal};
use crate::domain::session::{Availability, SessionKind, SessionStatus};
use crate::domain::volunteer::{StatusChange, VolunteerStatus, is_accepted};

/// A cohort of any branch; `NotFound` for sessions of other kinds.
fn cohort(conn: &mut DbConnection, id: i64) -> Result<Session, Error> {
    is_cohort(sessions::find(conn, id)?)
}

fn is_cohort(session: Session) -> Result<Session, Error> {
    if session.kind == SessionKind::Cohort {
        Ok(session)
    } else {
        Err(Error::NotFound)
    }
}

/// The cohort, if this coordinator manages it.
fn own_cohort(conn: &mut DbConnection, actor: &Account, id: i64) -> Result<Session, Error> {
    is_cohort(managed(conn, actor, id)?)
}

/// The labels of the modules with these ids, in teaching order.
fn titles(curriculum: &Curriculum, ids: &[String]) -> Vec<String> {
    let mut known: Vec<_> = ids.iter().filter_map(|id| curriculum.module(id)).collect();
    known.sort_by_key(|m| m.order);
    known.into_iter().map(label).collect()
}

/// A cohort in a list, with whether it is still open.
#[derive(Debug, Serialize)]
pub struct CohortLine {
    #[serde(flatten)]
    pub session: Session,
    pub open: bool,
}

/// A branch's cohorts, newest first, and the modules a new one can teach.
#[derive(Debug, Serialize)]
pub struct BranchCohorts {
    pub branch: Branch,
    pub cohorts: Vec<CohortLine>,
    /// (id, label) of every module of the course.
    pub modules: Vec<(String, String)>,
}

#[tracing::instrument(skip(app, actor), fields(actor = actor.user.id))]
pub async fn of_branch(app: &App, actor: &Account, branch_id: i64) -> Result<BranchCohorts, Error> {
    coordinates(actor, branch_id)?;
    let curriculum = curriculum(app).await?;
    let known = actor.coordinated_branch(branch_id).cloned();
    let (branch, list) = app
        .read(move |c| {
            Ok((
                branches::known_or_find(c, known, branch_id)?,
                cohorts::in_branch(c, branch_id)?,
            ))
        })
        .await?;
    Ok(BranchCohorts {
        branch,
        cohorts: list
            .into_iter()
            .map(|session| CohortLine {
                open: session.status == SessionStatus::Open,
                session,
            })
            .collect(),
        modules: curriculum
            .modules()
            .iter()
            .map(|m| (m.id.clone(), label(m)))
            .collect(),
    })
}

/// A new cohort: its meetings, each with the modules it teaches.
#[derive(Debug, Clone)]
pub struct NewCohortPlan {
    pub title: String,
    pub location: String,
    pub capacity: Option<i32>,
    pub meetings: Vec<(MeetingTimes, Vec<String>)>,
}

/// Creates a cohort in a branch this coordinator coordinates.
#[tracing::instrument(skip(app, actor, plan), fields(actor = actor.user.id, meetings = plan.meetings.len()))]
pub async fn create(
    app: &App,
    actor: &Account,
    who: Actor,
    branch_id: i64,
    plan: NewCohortPlan,
) -> Result<i64, Error> {
    coordinates(actor, branch_id)?;
    app.write(move |c| {
        let id = cohorts::create(
            c,
            &NewCohort {
                branch_id,
                title: &plan.title,
                location: &plan.location,
                capacity: plan.capacity,
                enrol_deadline: None,
            },
            &plan.meetings,
        )?;
        let object = Object::session(id).labelled(plan.title.as_str());
        audit::record(c, &who, Action::SessionCreated, &object, Some("cohort"))?;
        Ok(id)
    })
    .await
}

#[derive(Debug, Serialize)]
pub struct MeetingRow {
    pub id: i64,
    pub starts_at: NaiveDateTime,
    pub ends_at: NaiveDateTime,
    pub location: Option<String>,
    pub cancelled: bool,
    /// The labels of the modules it teaches, in teaching order.
    pub modules: Vec<String>,
}

#[derive(Debug, Serialize)]
pub struct ParticipantRow {
    pub user_id: i64,
    pub name: String,
    pub email: String,
    pub status: Option<VolunteerStatus>,
    /// Hours done of the course, in minutes.
    pub done_minutes: Option<i32>,
    pub clear: bool,
    /// Nothing unmet and on the way to active: a coordinator may activate.
    pub ready: bool,
    /// The module they joined to make up.
    pub makeup: Option<String>,
}

#[derive(Debug, Serialize)]
pub struct Graduate {
    pub user_id: i64,
    pub name: String,
    pub at: NaiveDateTime,
}

/// One cohort as its coordinator manages it.
#[derive(Debug, Serialize)]
pub struct Overview {
    pub session: Session,
    pub open: bool,
    pub cancelled: bool,
    pub meetings: Vec<MeetingRow>,
    /// Mandatory modules no meeting teaches.
    pub uncovered: Vec<String>,
    pub participants: Vec<ParticipantRow>,
    /// How many wait for a seat.
    pub waiting: usize,
    pub graduation: Graduation,
    /// Who became active in the cohort.
    pub graduates: Vec<Graduate>,
    /// The whole course, in minutes.
    pub total_minutes: i32,
}

#[tracing::instrument(skip(app, actor), fields(actor = actor.user.id))]
pub async fn overview(app: &App, actor: &Account, id: i64) -> Result<Overview, Error> {
    let curriculum = curriculum(app).await?;
    let actor = actor.clone();
    app.read(move |c| {
        let session = own_cohort(c, &actor, id)?;
        let plan = cohorts::plan(c, id)?;
        let (seated, waiting) = enrolments::participants(c, id)?;
        let ids: Vec<i64> = seated.iter().map(|p| p.enrolment.user_id).collect();
        let gates: HashMap<i64, gate::Gate> = gate::gates(c, &curriculum, &ids)?
            .into_iter()
            .map(|g| (g.user_id, g))
            .collect();
        let makeups = cohorts::makeups_in(c, id)?;
        let covered: Vec<&String> = plan
            .iter()
            .filter(|p| p.meeting.cancelled_at.is_none())
            .flat_map(|p| &p.modules)
            .collect();
        let uncovered = curriculum
            .modules()
            .iter()
            .filter(|m| m.mandatory && !covered.contains(&&m.id))
            .map(label)
            .collect();
        let meetings = plan
            .iter()
            .map(|p| MeetingRow {
                id: p.meeting.id,
                starts_at: p.meeting.starts_at,
                ends_at: p.meeting.ends_at,
                location: p.meeting.location.clone(),
                cancelled: p.meeting.cancelled_at.is_some(),
                modules: titles(&curriculum, &p.modules),
            })
            .collect();
        let participants = seated
            .into_iter()
            .map(|p| {
                let user_id = p.enrolment.user_id;
                let g = gates.get(&user_id);
                let clear = g.is_some_and(gate::Gate::is_clear);
                ParticipantRow {
                    user_id,
                    name: p.name,
                    email: p.email,
                    status: g.map(|g| g.status),
                    done_minutes: g.map(|g| g.progress.done_minutes),
                    clear,
                    ready: clear
                        && g.is_some_and(|g| StatusChange::Activate.apply(g.status).is_some()),
                    makeup: makeups.get(&user_id).and_then(|m| label_of(&curriculum, m)),
                }
            })
            .collect();
        let graduates = volunteer_history::activated_in_cohort(c, id)?
            .into_iter()
            .map(|(user_id, name, at)| Graduate { user_id, name, at })
            .collect();
        Ok(Overview {
            open: session.status == SessionStatus::Open,
            cancelled: session.status == SessionStatus::Cancelled,
            meetings,
            uncovered,
            participants,
            waiting: waiting.len(),
            graduation: cohorts::graduation(c, id)?,
            graduates,
            total_minutes: curriculum.total_minutes(),
            session,
        })
    })
    .await
}

/// Marks the cohort's end with a graduation evening.
#[tracing::instrument(skip(app, actor, location), fields(actor = actor.user.id))]
pub async fn set_graduation(
    app: &App,
    actor: &Account,
    who: Actor,
    id: i64,
    at: NaiveDateTime,
    location: Option<String>,
) -> Result<(), Error> {
    let actor = actor.clone();
    app.write(move |c| {
        own_cohort(c, &actor, id)?;
        cohorts::set_graduation(c, id, at, location.as_deref())?;
        let detail = format!(
            "Dimission {}",
            crate::domain::time::local(at).format("%d-%m-%Y %H:%M")
        );
        audit::record(
            c,
            &who,
            Action::SessionUpdated,
            &Object::session(id),
            Some(&detail),
        )
    })
    .await
}

#[derive(Debug, Serialize)]
pub struct MeetingView {
    pub plan: MeetingPlan,
    /// The labels of the modules it teaches, in teaching order.
    pub titles: Vec<String>,
}

/// What the page offers the signed-in volunteer.
#[derive(Debug, Serialize, Default)]
pub struct Mine {
    pub enrolment: Option<Enrolment>,
    /// Holds a seat or a place in the queue.
    pub holds_place: bool,
    pub position: Option<i64>,
    pub can_enrol: bool,
    /// Modules they miss that this cohort teaches later: (id, label).
    pub makeups: Vec<(String, String)>,
    pub makeup_for: Option<String>,
}

/// A cohort's own page, the one emails and calendar entries link to.
#[derive(Debug, Serialize)]
pub struct CohortPage {
    pub session: Session,
    pub branch: Option<Branch>,
    pub meetings: Vec<MeetingView>,
    pub availability: Availability,
    /// Open for enrolment with seats left.
    pub available: bool,
    /// Open, with a waiting list only.
    pub full: bool,
    pub seats_left: Option<i32>,
    /// The viewer is a volunteer (of any branch).
    pub is_volunteer: bool,
    pub mine: Mine,
}

fn mine(
    c: &mut DbConnection,
    curriculum: &Curriculum,
    session: &Session,
    plan: &[MeetingPlan],
    user_id: i64,
) -> Result<Mine, Error> {
    let mut mine = Mine::default();
    let Some(v) = volunteers::find(c, user_id)? else {
        return Ok(mine);
    };
    mine.enrolment = enrolments::find(c, session.id, user_id)?;
    if let Some(e) = &mine.enrolment
        && e.status == EnrolmentStatus::Waitlisted
    {
        mine.position = Some(enrolments::position(c, e)?);
    }
    let active = mine
        .enrolment
        .as_ref()
        .is_some_and(|e| e.status.is_active());
    mine.holds_place = active;
    mine.can_enrol = !active
        && session.branch_id == Some(v.branch_id)
        && matches!(
            v.status,
            VolunteerStatus::Approved | VolunteerStatus::InTraining
        );
    mine.makeup_for = cohorts::makeups_of(c, user_id)?.remove(&session.id);
    if !active && is_accepted(v.status) {
        let g = gate::volunteer_gate(c, curriculum, user_id)?;
        let later: Vec<&String> = plan
            .iter()
            .filter(|p| p.meeting.starts_at > now() && p.meeting.cancelled_at.is_none())
            .flat_map(|p| &p.modules)
            .collect();
        mine.makeups = g
            .progress
            .missing()
            .filter(|m| later.contains(&&m.module.id))
            .map(|m| (m.module.id.clone(), label(&m.module)))
            .collect();
    }
    Ok(mine)
}

#[tracing::instrument(skip(app, viewer))]
pub async fn page(app: &App, viewer: Option<&Account>, id: i64) -> Result<CohortPage, Error> {
    let curriculum = curriculum(app).await?;
    let user_id = viewer.map(|a| a.user.id);
    let is_volunteer = viewer.is_some_and(|a| a.volunteer_branch.is_some());
    app.read(move |c| {
        let session = cohort(c, id)?;
        let branch = match session.branch_id {
            Some(b) => Some(branches::find(c, b)?),
            None => None,
        };
        let plan = cohorts::plan(c, id)?;
        let mine = match user_id {
            Some(uid) => mine(c, &curriculum, &session, &plan, uid)?,
            None => Mine::default(),
        };
        let availability = session.availability(now());
        Ok(CohortPage {
            available: availability == Availability::Open,
            full: availability == Availability::Full,
            availability,
            seats_left: session.seats_left(),
            meetings: plan
                .into_iter()
                .map(|plan| MeetingView {
                    titles: titles(&curriculum, &plan.modules),
                    plan,
                })
                .collect(),
            session,
            branch,
            is_volunteer,
            mine,
        })
    })
    .await
}

/// Why a volunteer's enrolment in a cohort did not happen.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum CohortRefusal {
    /// Not (or no longer) accepted into the programme.
    NotAccepted,
    /// The module to make up is not missing.
    ModuleNotMissing,
    /// The cohort teaches that module at no later meeting.
    ModuleNotTaught,
    Enrolment(Refusal),
}

impl CohortRefusal {
    pub fn message_key(self) -> &'static str {
        match self {
            CohortRefusal::NotAccepted => "cohort-not-accepted",
            CohortRefusal::ModuleNotMissing => "cohort-module-not-missing",
            CohortRefusal::ModuleNotTaught => "cohort-module-not-taught",
            CohortRefusal::Enrolment(r) => r.message_key(),
        }
    }
}

/// Locks the session, if it is a cohort: every enrolment here begins with
/// it (on SQLite a transaction that writes must begin by writing).
fn lock_cohort(c: &mut DbConnection, id: i64) -> Result<Session, Error> {
    is_cohort(sessions::lock(c, id)?)
}

/// An accepted volunteer enrols in a cohort of their own branch: a seat
/// (which starts their training) or the waiting list.
#[tracing::instrument(skip(app))]
pub async fn enrol(
    app: &App,
    user_id: i64,
    id: i64,
) -> Result<Result<EnrolmentStatus, CohortRefusal>, Error> {
    app.write_or_refuse(move |c| {
        let session = lock_cohort(c, id)?;
        let v = volunteers::find(c, user_id)?.ok_or(Error::Forbidden)?;
        if session.branch_id != Some(v.branch_id) {
            return Err(Abort::Failed(Error::Forbidden));
        }
        if !matches!(
            v.status,
            VolunteerStatus::Approved | VolunteerStatus::InTraining
        ) {
            return Err(Abort::Refused(CohortRefusal::NotAccepted));
        }
        let placed = engine::enrol_locked(c, &session, user_id, false)?
            .map_err(|r| Abort::Refused(CohortRefusal::Enrolment(r)))?;
        if placed.status == EnrolmentStatus::Confirmed {
            activation::start_training(c, user_id, Some(user_id))?;
        }
        Ok(placed.status)
    })
    .await
}

/// A volunteer joins a cohort, of any branch, to make up a missing module
/// at one of its later meetings. The engine's enrolment deadline is the
/// cohort's first meeting, which a make-up comes after by nature, so it
/// enrols as staff would; the seat limit and the waiting list still hold.
#[tracing::instrument(skip(app))]
pub async fn make_up(
    app: &App,
    user_id: i64,
    id: i64,
    module: String,
) -> Result<Result<EnrolmentStatus, CohortRefusal>, Error> {
    let curriculum = curriculum(app).await?;
    app.write_or_refuse(move |c| {
        let session = lock_cohort(c, id)?;
        let g = gate::volunteer_gate(c, &curriculum, user_id)?;
        if !is_accepted(g.status) {
            return Err(Abort::Refused(CohortRefusal::NotAccepted));
        }
        if !g.progress.missing().any(|m| m.module.id == module) {
            return Err(Abort::Refused(CohortRefusal::ModuleNotMissing));
        }
        if !cohorts::teaches_later(c, id, &module, now())? {
            return Err(Abort::Refused(CohortRefusal::ModuleNotTaught));
        }
        // Recorded first, so that the confirmation lists (and invites to)
        // only the meetings that teach the module.
        cohorts::record_makeup(c, id, user_id, &module)?;
        let placed = engine::enrol_locked(c, &session, user_id, true)?
            .map_err(|r| Abort::Refused(CohortRefusal::Enrolment(r)))?;
        Ok(placed.status)
    })
    .await
}

/// A volunteer leaves a cohort (or its waiting list) while the engine
/// allows it.
#[tracing::instrument(skip(app))]
pub async fn leave(app: &App, user_id: i64, id: i64) -> Result<Result<(), Refusal>, Error> {
    app.write(move |c| {
        cohort(c, id)?;
        Ok(match engine::cancel(c, id, user_id, None)? {
            Ok(_) => {
                cohorts::remove_makeup(c, id, user_id)?;
                Ok(())
            }
            Err(refusal) => Err(refusal),
        })
    })
    .await
}
