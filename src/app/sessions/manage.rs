//! The coordinators' page of any session (`/koordinator/hold/{id}`):
//! participants and waiting list with the hours they attended, enrolling
//! someone by email, cancelling and moving people, the CSV file,
//! cancelling the session and marking it held. Each use case checks that
//! the actor manages the session.

use std::collections::HashMap;

use diesel::{OptionalExtension, QueryResult};
use serde::Serialize;

use super::managed;
use crate::app::audit::{self, Actor, Object};
use crate::app::engine::{self, Cancelled, Move, Placed};
use crate::app::volunteers::readiness;
use crate::app::{Abort, App, Error, supervision};
use crate::db::enrolments::{self, Participant};
use crate::db::sessions::{self, Meeting, Session};
use crate::db::users::Account;
use crate::db::{DbConnection, attendance, genlaer, now, users};
use crate::domain::EmailAddress;
use crate::domain::audit::Action;
use crate::domain::enrolment::EnrolmentStatus;
use crate::domain::enrolment::Refusal;
use crate::domain::genlaer as genlaer_rules;
use crate::domain::session::{SessionKind, can_mark_held};

/// How many sessions the page offers to move someone to.
const ALTERNATIVES: i64 = 50;

/// What the page of one session shows its coordinators.
#[derive(Debug, Clone, Serialize)]
pub struct Overview {
    pub session: Session,
    pub meetings: Vec<Meeting>,
    pub seated: Vec<Participant>,
    pub waiting: Vec<Participant>,
    /// Minutes attended per user id (string keys for templates).
    pub minutes: HashMap<String, i32>,
    /// Where a participant can be moved: open sessions of the same kind.
    pub alternatives: Vec<Session>,
    pub can_mark_held: bool,
    /// The session's page for its participants.
    pub public_path: String,
    /// What coordinators wrote to the participants, newest first.
    pub messages: Vec<crate::db::session_messages::Sent>,
    /// A cohort's modules per meeting (meeting id as a string key).
    pub modules: HashMap<String, Vec<String>>,
    /// A cohort's modules that only removed meetings taught: they need a
    /// new date.
    pub unplanned: Vec<String>,
}

/// Minutes attended per person over all of a session's meetings.
fn minutes_attended(
    conn: &mut DbConnection,
    session_id: i64,
) -> diesel::QueryResult<HashMap<i64, i32>> {
    let mut minutes = HashMap::new();
    for a in attendance::for_session(conn, session_id)? {
        *minutes.entry(a.user_id).or_insert(0) += a.minutes;
    }
    Ok(minutes)
}

#[tracing::instrument(skip(app, actor), fields(actor = actor.user.id))]
pub async fn overview(app: &App, actor: &Account, id: i64) -> Result<Overview, Error> {
    let actor = actor.clone();
    app.read(move |c| {
        let session = managed(c, &actor, id)?;
        let meetings = sessions::meetings(c, id)?;
        let (seated, waiting) = enrolments::participants(c, id)?;
        let minutes = minutes_attended(c, id)?
            .into_iter()
            .map(|(user, m)| (user.to_string(), m))
            .collect();
        let branches = (!actor.is_admin()).then(|| actor.branches.clone());
        let at = now();
        let place = match session.kind {
            SessionKind::Genlaer => genlaer_place(c, id)?,
            _ => None,
        };
        let alternatives = match place {
            // Only where a GenLær participant may go (`may_move`).
            Some((course, booking)) => {
                genlaer::upcoming_like(c, course, booking, branches.as_deref(), at, ALTERNATIVES)?
            }
            None => {
                sessions::upcoming_of_kind(c, session.kind, branches.as_deref(), at, ALTERNATIVES)?
            }
        }
        .into_iter()
        .filter(|s| s.id != id)
        .collect();
        let (modules, unplanned) = match session.kind {
            SessionKind::Cohort => super::meetings::cohort_modules(c, &meetings)?,
            _ => (HashMap::new(), Vec::new()),
        };
        Ok(Overview {
            modules,
            unplanned,
            can_mark_held: can_mark_held(session.status, session.starts_at, at),
            public_path: session.kind.path(id),
            messages: super::meetings::sent(c, id)?,
            session,
            meetings,
            seated,
            waiting,
            minutes,
            alternatives,
        })
    })
    .await
}

/// Participants and waiting list with the minutes each attended, for the
/// CSV file.
#[derive(Debug, Clone)]
pub struct Export {
    pub session: Session,
    pub seated: Vec<Participant>,
    pub waiting: Vec<Participant>,
    pub minutes: HashMap<i64, i32>,
}

#[tracing::instrument(skip(app, actor), fields(actor = actor.user.id))]
pub async fn export(app: &App, actor: &Account, by: Actor, id: i64) -> Result<Export, Error> {
    let actor = actor.clone();
    let object = Object::session(id);
    let detail = format!("deltagere-{id}.csv");
    audit::exported(app, by, object, detail, move |c| {
        let session = managed(c, &actor, id)?;
        let (seated, waiting) = enrolments::participants(c, id)?;
        Ok(Export {
            session,
            seated,
            waiting,
            minutes: minutes_attended(c, id)?,
        })
    })
    .await
}

/// Why a coordinator could not give someone a seat.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum NotEnrolled {
    /// Nobody has an account with that address.
    NoAccount,
    /// Supervision is for the branch's brobyggere who may work.
    MayNotWork,
    /// A vagt has no waiting list: a full one refuses.
    DutyFull,
    Refused(Refusal),
}

impl NotEnrolled {
    pub fn message_key(self) -> &'static str {
        match self {
            NotEnrolled::NoAccount => "sessions-no-account",
            NotEnrolled::MayNotWork => "supervision-assign-not-active",
            NotEnrolled::DutyFull => "duty-refused-full",
            NotEnrolled::Refused(r) => r.message_key(),
        }
    }
}

/// Enrols someone who already has an account: staff may do so after the
/// enrolment deadline, and a full session puts them on the waiting list.
#[tracing::instrument(skip(app, actor, email), fields(actor = actor.user.id))]
pub async fn enrol_by_email(
    app: &App,
    actor: &Account,
    by: Actor,
    id: i64,
    email: EmailAddress,
) -> Result<Result<Placed, NotEnrolled>, Error> {
    let actor = actor.clone();
    // Read before the transaction, so that a broken file cannot leave it
    // half done.
    let curriculum = crate::app::site_content::current_curriculum(app).await?;
    app.write(move |c| {
        let session = managed(c, &actor, id)?;
        let Some(person) = users::find_by_email(c, email.as_str())? else {
            return Ok(Err(NotEnrolled::NoAccount));
        };
        // Supervision is for the branch's active brobyggere only, however
        // they are signed up.
        if matches!(session.kind, SessionKind::Supervision | SessionKind::Duty)
            && !supervision::may_take_part(c, &curriculum, person.id, session.branch_id)?
        {
            return Ok(Err(NotEnrolled::MayNotWork));
        }
        // A vagt has no waiting list: a full one refuses here too.
        if session.kind == SessionKind::Duty && session.seats_left() == Some(0) {
            return Ok(Err(NotEnrolled::DutyFull));
        }
        let placed = engine::enrol(c, id, person.id, true)?.map_err(NotEnrolled::Refused);
        let detail = format!("{}: {}", session.title, enrolment_word(&placed));
        let object = Object::user(person.id);
        audit::record_ok(
            c,
            &by,
            Action::ParticipantEnrolled,
            &object,
            Some(&detail),
            &placed,
        )?;
        Ok(placed)
    })
    .await
}

/// A coordinator cancels someone's seat or takes them off the waiting list,
/// at any time (late cancellations are recorded as such).
#[tracing::instrument(skip(app, actor), fields(actor = actor.user.id))]
pub async fn cancel_participant(
    app: &App,
    actor: &Account,
    by: Actor,
    id: i64,
    user_id: i64,
) -> Result<Result<Cancelled, Refusal>, Error> {
    let actor = actor.clone();
    app.write(move |c| {
        let session = managed(c, &actor, id)?;
        let cancelled = engine::cancel(c, id, user_id, Some(actor.user.id))?;
        let object = Object::user(user_id);
        let detail = Some(session.title.as_str());
        audit::record_ok(
            c,
            &by,
            Action::ParticipantRemoved,
            &object,
            detail,
            &cancelled,
        )?;
        Ok(cancelled)
    })
    .await
}

/// A GenLær session's course and booking: what decides where its
/// participants may move. Every GenLær session has them; a session of that
/// kind made without (by hand, in a test) is not restricted.
fn genlaer_place(conn: &mut DbConnection, id: i64) -> QueryResult<Option<(i64, Option<i64>)>> {
    Ok(genlaer::detail(conn, id)
        .optional()?
        .map(|d| (d.course_id, d.booking_id)))
}

/// Why a participant was not moved.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum NotMoved {
    /// People move between sessions of one kind only.
    DifferentKinds,
    /// A GenLær participant moves within one course and one booking.
    OtherCourse,
    /// A vagt has no waiting list.
    DutyFull,
    Refused(Refusal),
}

/// Moves a participant to another session of the same kind that the
/// coordinator also manages (see `engine::move_participant`).
#[tracing::instrument(skip(app, actor), fields(actor = actor.user.id))]
pub async fn move_participant(
    app: &App,
    actor: &Account,
    by: Actor,
    from: i64,
    user_id: i64,
    to: i64,
) -> Result<Result<Placed, NotMoved>, Error> {
    let actor = actor.clone();
    // The old seat is given up before the new one is asked for: a refusal
    // there must undo it, or the participant would lose both.
    app.write_or_refuse(move |c| {
        let from_session = managed(c, &actor, from)?;
        let to_session = managed(c, &actor, to)?;
        if to_session.kind != from_session.kind {
            return Err(Abort::Refused(NotMoved::DifferentKinds));
        }
        // Never onto a vagt's waiting list: a full vagt refuses.
        if to_session.kind == SessionKind::Duty && to_session.seats_left() == Some(0) {
            return Err(Abort::Refused(NotMoved::DutyFull));
        }
        if from_session.kind == SessionKind::Genlaer
            && let (Some(here), Some(there)) = (genlaer_place(c, from)?, genlaer_place(c, to)?)
            && !genlaer_rules::may_move(here, there)
        {
            return Err(Abort::Refused(NotMoved::OtherCourse));
        }
        let moved = engine::move_participant(
            c,
            Move {
                from_session: from,
                to_session: to,
                user_id,
                by: actor.user.id,
            },
        )?;
        let placed = moved.map_err(|r| Abort::Refused(NotMoved::Refused(r)))?;
        let detail = format!(
            "{} (#{from}) → {} (#{to})",
            from_session.title, to_session.title
        );
        let object = Object::user(user_id);
        audit::record(c, &by, Action::ParticipantMoved, &object, Some(&detail))?;
        Ok(placed)
    })
    .await
}

/// Cancels the whole session; everyone is told (see
/// `engine::cancel_session`).
#[tracing::instrument(skip(app, actor, reason), fields(actor = actor.user.id))]
pub async fn cancel_session(
    app: &App,
    actor: &Account,
    by: Actor,
    id: i64,
    reason: Option<String>,
) -> Result<(), Error> {
    let actor = actor.clone();
    app.write(move |c| {
        let session = managed(c, &actor, id)?;
        engine::cancel_session(c, id, reason.as_deref(), actor.user.id)?;
        // A cancelled cohort's meetings teach nothing any more.
        readiness::refresh_attendees(c, id)?;
        let object = Object::of_session(&session);
        audit::record(c, &by, Action::SessionCancelled, &object, reason.as_deref())
    })
    .await
}

/// Marks the session held, once it has begun; `false` if it may not be.
#[tracing::instrument(skip(app, actor), fields(actor = actor.user.id))]
pub async fn mark_held(app: &App, actor: &Account, by: Actor, id: i64) -> Result<bool, Error> {
    let actor = actor.clone();
    app.write(move |c| {
        let session = managed(c, &actor, id)?;
        if !can_mark_held(session.status, session.starts_at, now()) {
            return Ok(false);
        }
        sessions::mark_held(c, id)?;
        // A GenLær session's participants who attended get their
        // evaluation link (the email also points to the certificate).
        crate::app::evaluations::invite_attendees(c, id)?;
        let object = Object::of_session(&session);
        audit::record(c, &by, Action::SessionHeld, &object, None)?;
        Ok(true)
    })
    .await
}

/// How an enrolment ended, for the audit log's note.
fn enrolment_word<R>(placed: &Result<Placed, R>) -> &'static str {
    match placed {
        Ok(p) if p.status == EnrolmentStatus::Waitlisted => "venteliste",
        Ok(_) => "plads",
        Err(_) => "afvist",
    }
}
