//! Changing what is planned, for every kind of session: moving a meeting
//! (date, time, place, online link), adding one, removing one, each with a preview of
//! who will be told; and writing to the participants ("Skriv til
//! deltagerne"). The engine tells people (one message each); these use
//! cases check who may, record the audit row and say what follows (a
//! cohort's module left without a date).

use std::collections::{HashMap, HashSet};

use serde::Serialize;

use super::{managed, managed_meeting};
use crate::app::audit::{self, Actor, Object};
use crate::app::engine::{self, NotRemoved, Told};
use crate::app::site_content;
use crate::app::volunteers::readiness;
use crate::app::{App, Error};
use crate::db::cohorts;
use crate::db::session_messages::{self, NewMessage, Sent};
use crate::db::sessions::{self, Meeting, MeetingTimes, Session};
use crate::db::users::Account;
use crate::db::{DbConnection, now, outbox};
use crate::domain::audit::Action;
use crate::domain::curriculum::Curriculum;
use crate::domain::enrolment::EnrolmentStatus;
use crate::domain::events::Message;
use crate::domain::session::{SessionKind, SessionStatus};

/// Who a change will reach, as the preview lists them.
#[derive(Debug, Clone, Default, Serialize)]
pub struct Preview {
    /// Names of those with a seat (an updated invitation each).
    pub seated: Vec<String>,
    /// Names of those invited to an evening who have not answered.
    pub unanswered: Vec<String>,
    pub count: usize,
}

impl From<&Told> for Preview {
    fn from(t: &Told) -> Preview {
        Preview {
            seated: t.seated.iter().map(|(r, _)| r.name.clone()).collect(),
            unanswered: t.unanswered.iter().map(|r| r.name.clone()).collect(),
            count: t.people().len(),
        }
    }
}

/// One meeting with what changing it would do.
#[derive(Debug, Clone, Serialize)]
pub struct MeetingPage {
    pub session: Session,
    pub meeting: Meeting,
    /// The labels of the modules the meeting teaches (cohorts).
    pub modules: Vec<String>,
    /// Who hears of a move.
    pub moved: Preview,
    /// Who hears of a removal (those who attend this meeting).
    pub removed: Preview,
    /// The only meeting left: it cannot be removed.
    pub last: bool,
}

/// Why a meeting was not changed.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Refused {
    /// A cancelled or held session is not planned any more.
    SessionClosed,
    /// The meeting is already removed.
    MeetingRemoved,
    /// A session keeps at least one meeting.
    LastMeeting,
}

impl Refused {
    pub fn message_key(self) -> &'static str {
        match self {
            Refused::SessionClosed => "meetings-session-closed",
            Refused::MeetingRemoved => "meetings-already-removed",
            Refused::LastMeeting => "meetings-last-meeting",
        }
    }
}

fn open(session: &Session) -> Result<(), Refused> {
    match session.status {
        SessionStatus::Open => Ok(()),
        _ => Err(Refused::SessionClosed),
    }
}

/// The labels of these modules, in teaching order.
fn labels(curriculum: &Curriculum, ids: &[String]) -> Vec<String> {
    if ids.is_empty() {
        return Vec::new();
    }
    let mut known: Vec<_> = ids.iter().filter_map(|id| curriculum.module(id)).collect();
    known.sort_by_key(|m| m.order);
    known.dedup_by_key(|m| m.id.clone());
    known
        .into_iter()
        .map(|m| format!("{}. {}", m.order, m.title))
        .collect()
}

/// The labels of the modules a cohort meeting teaches, in teaching order.
fn module_labels(conn: &mut DbConnection, meeting_id: i64) -> Result<Vec<String>, Error> {
    let ids = cohorts::modules_of_meetings(conn, &[meeting_id])?
        .remove(&meeting_id)
        .unwrap_or_default();
    Ok(labels(&site_content::curriculum(conn)?, &ids))
}

/// Module labels per meeting id (a string key, for templates).
pub type ModulesPerMeeting = HashMap<String, Vec<String>>;

/// A cohort's modules per meeting (string keys, for templates), and the
/// modules that only removed meetings teach: they keep their modules, so
/// the page can say which now need a new date.
pub fn cohort_modules(
    conn: &mut DbConnection,
    meetings: &[Meeting],
) -> Result<(ModulesPerMeeting, Vec<String>), Error> {
    let ids: Vec<i64> = meetings.iter().map(|m| m.id).collect();
    let of = cohorts::modules_of_meetings(conn, &ids)?;
    let taught: HashSet<&String> = meetings
        .iter()
        .filter(|m| m.cancelled_at.is_none())
        .filter_map(|m| of.get(&m.id))
        .flatten()
        .collect();
    let unplanned: Vec<String> = meetings
        .iter()
        .filter(|m| m.cancelled_at.is_some())
        .filter_map(|m| of.get(&m.id))
        .flatten()
        .filter(|id| !taught.contains(id))
        .cloned()
        .collect();
    let curriculum = site_content::curriculum(conn)?;
    let mut per_meeting = HashMap::new();
    for (meeting, modules) in &of {
        per_meeting.insert(meeting.to_string(), labels(&curriculum, modules));
    }
    Ok((per_meeting, labels(&curriculum, &unplanned)))
}

/// "30-03-2026 09:00" in Copenhagen, for the audit log's note.
fn when(at: chrono::NaiveDateTime) -> String {
    crate::domain::time::local(at)
        .format("%d-%m-%Y %H:%M")
        .to_string()
}

#[tracing::instrument(skip(app, actor), fields(actor = actor.user.id))]
pub async fn meeting_page(
    app: &App,
    actor: &Account,
    id: i64,
    meeting_id: i64,
) -> Result<MeetingPage, Error> {
    let actor = actor.clone();
    app.read(move |c| {
        let (session, meeting) = managed_meeting(c, &actor, id, meeting_id)?;
        let moved = Preview::from(&engine::told_of_change(c, id, None)?);
        let removed = Preview::from(&engine::told_of_change(c, id, Some(meeting_id))?);
        let active = sessions::meetings(c, id)?
            .iter()
            .filter(|m| m.cancelled_at.is_none())
            .count();
        Ok(MeetingPage {
            modules: module_labels(c, meeting_id)?,
            last: active <= 1,
            session,
            meeting,
            moved,
            removed,
        })
    })
    .await
}

/// Moves a meeting or changes its place; `Ok(None)` if nothing changed,
/// else how many were told.
#[tracing::instrument(skip(app, actor, times), fields(actor = actor.user.id))]
pub async fn move_meeting(
    app: &App,
    actor: &Account,
    by: Actor,
    id: i64,
    meeting_id: i64,
    times: MeetingTimes,
) -> Result<Result<Option<usize>, Refused>, Error> {
    let actor = actor.clone();
    app.write(move |c| {
        let (session, meeting) = managed_meeting(c, &actor, id, meeting_id)?;
        if let Err(r) = open(&session) {
            return Ok(Err(r));
        }
        if meeting.cancelled_at.is_some() {
            return Ok(Err(Refused::MeetingRemoved));
        }
        let told = engine::reschedule_meeting(c, meeting_id, &times)?;
        // A cohort's meeting hours are its attendees' course hours.
        readiness::refresh_attendees(c, id)?;
        if told.is_some() {
            let detail = format!("{} → {}", when(meeting.starts_at), when(times.starts_at));
            let object = Object::of_session(&session);
            audit::record(c, &by, Action::MeetingMoved, &object, Some(&detail))?;
        }
        Ok(Ok(told))
    })
    .await
}

/// Adds a meeting to any kind of session; those with a seat get it in
/// their calendars.
#[tracing::instrument(skip(app, actor, times), fields(actor = actor.user.id))]
pub async fn add_meeting(
    app: &App,
    actor: &Account,
    by: Actor,
    id: i64,
    times: MeetingTimes,
) -> Result<Result<i64, Refused>, Error> {
    let actor = actor.clone();
    app.write(move |c| {
        let session = managed(c, &actor, id)?;
        if let Err(r) = open(&session) {
            return Ok(Err(r));
        }
        let meeting_id = engine::add_meeting(c, id, &times)?;
        // A module taught over more meetings is split between them.
        readiness::refresh_attendees(c, id)?;
        let object = Object::of_session(&session);
        let detail = when(times.starts_at);
        audit::record(c, &by, Action::MeetingAdded, &object, Some(&detail))?;
        Ok(Ok(meeting_id))
    })
    .await
}

/// What removing a meeting did.
#[derive(Debug, Clone, Serialize)]
pub struct Removed {
    pub told: usize,
    /// Modules the meeting taught that no other meeting teaches: they now
    /// need a new date (cohorts).
    pub modules: Vec<String>,
}

/// Removes one meeting; each person who was to come gets a cancellation
/// of that meeting alone. The last meeting is refused (cancel the session
/// instead).
#[tracing::instrument(skip(app, actor), fields(actor = actor.user.id))]
pub async fn remove_meeting(
    app: &App,
    actor: &Account,
    by: Actor,
    id: i64,
    meeting_id: i64,
) -> Result<Result<Removed, Refused>, Error> {
    let actor = actor.clone();
    app.write(move |c| {
        let (session, meeting) = managed_meeting(c, &actor, id, meeting_id)?;
        if let Err(r) = open(&session) {
            return Ok(Err(r));
        }
        let told = match engine::remove_meeting(c, meeting_id)? {
            Ok(told) => told,
            Err(NotRemoved::LastMeeting) => return Ok(Err(Refused::LastMeeting)),
            Err(NotRemoved::AlreadyRemoved) => return Ok(Err(Refused::MeetingRemoved)),
        };
        // A removed meeting teaches nothing any more.
        readiness::refresh_attendees(c, id)?;
        // Only what no other meeting still teaches needs a new date.
        let modules = if session.kind == SessionKind::Cohort {
            let taught_here = module_labels(c, meeting_id)?;
            let all = sessions::meetings(c, id)?;
            let (_, unplanned) = cohort_modules(c, &all)?;
            unplanned
                .into_iter()
                .filter(|m| taught_here.contains(m))
                .collect()
        } else {
            Vec::new()
        };
        let object = Object::of_session(&session);
        let detail = when(meeting.starts_at);
        audit::record(c, &by, Action::MeetingRemoved, &object, Some(&detail))?;
        Ok(Ok(Removed { told, modules }))
    })
    .await
}

/// The page to write to a session's participants: how many each choice
/// reaches, and what was written before.
#[derive(Debug, Clone, Serialize)]
pub struct Letters {
    pub session: Session,
    pub seated: usize,
    pub waiting: usize,
    pub sent: Vec<Sent>,
}

#[tracing::instrument(skip(app, actor), fields(actor = actor.user.id))]
pub async fn letters(app: &App, actor: &Account, id: i64) -> Result<Letters, Error> {
    let actor = actor.clone();
    app.read(move |c| {
        let session = managed(c, &actor, id)?;
        Ok(Letters {
            seated: session.confirmed_count.max(0) as usize,
            waiting: session.waitlist_count.max(0) as usize,
            sent: session_messages::of_session(c, id)?,
            session,
        })
    })
    .await
}

/// The messages written to a session's participants, newest first.
pub fn sent(conn: &mut DbConnection, id: i64) -> Result<Vec<Sent>, Error> {
    Ok(session_messages::of_session(conn, id)?)
}

/// A message to the participants, checked.
#[derive(Debug, Clone)]
pub struct Letter {
    pub subject: String,
    pub body: String,
    pub waiting_list: bool,
}

/// Writes to everyone with a seat (and the waiting list if asked): one
/// email each, recorded in the outbox, and the message once for the
/// session's page, in the caller's transaction. Returns how many it went
/// to.
pub fn send_letter(
    c: &mut DbConnection,
    session: &Session,
    letter: &Letter,
    sent_by: i64,
) -> diesel::QueryResult<usize> {
    let message = Message::ParticipantsMessage {
        session: sessions::summary_of(c, session)?,
        subject: letter.subject.clone(),
        body: letter.body.clone(),
    };
    let mut count = 0;
    for (to, status) in sessions::active_people(c, session.id)? {
        let wanted = status == EnrolmentStatus::Confirmed
            || (letter.waiting_list && status == EnrolmentStatus::Waitlisted);
        if wanted {
            outbox::enqueue(c, &to, &message)?;
            count += 1;
        }
    }
    session_messages::insert(
        c,
        &NewMessage {
            session_id: session.id,
            subject: &letter.subject,
            body: &letter.body,
            sent_by,
            sent_at: now(),
            recipients: i32::try_from(count).unwrap_or(i32::MAX),
            waiting_list: letter.waiting_list,
        },
    )?;
    Ok(count)
}

/// `send_letter` for a coordinator who manages the session, with the
/// audit row.
#[tracing::instrument(skip(app, actor, letter), fields(actor = actor.user.id))]
pub async fn write(
    app: &App,
    actor: &Account,
    by: Actor,
    id: i64,
    letter: Letter,
) -> Result<usize, Error> {
    let actor = actor.clone();
    app.write(move |c| {
        let session = managed(c, &actor, id)?;
        let count = send_letter(c, &session, &letter, actor.user.id)?;
        let object = Object::of_session(&session);
        audit::record(
            c,
            &by,
            Action::ParticipantsMessaged,
            &object,
            Some(&letter.subject),
        )?;
        Ok(count)
    })
    .await
}
