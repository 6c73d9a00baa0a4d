//! The coordinators' side: their branches' evenings with the counts,
//! announcing a new one (which invites the volunteers it is for), changing
//! it while it is open, and who comes.

use diesel::QueryResult;
use serde::Serialize;

use super::update;
use crate::app::audit::{self, Actor, Object};
use crate::app::sessions::{branch_choices, managed};
use crate::app::{App, Error};
use crate::db::branches::Branch;
use crate::db::evenings::{self, Detail, EveningChanges, Managed, NewEvening, WhoComes};
use crate::db::sessions::{self, Meeting, MeetingTimes, Session};
use crate::db::users::Account;
use crate::db::{DbConnection, now, outbox};
use crate::domain::audit::Action;
use crate::domain::evening::{Audience, EveningKind};
use crate::domain::events::Message;
use crate::domain::session::SessionStatus;

/// Stores an evening and, for a brobyggeraften, invites every active
/// brobygger it is for to answer, in the caller's transaction.
pub fn announce(
    conn: &mut DbConnection,
    new: &NewEvening<'_>,
    times: &MeetingTimes,
) -> QueryResult<i64> {
    // An info evening is for the public: never "open to other branches".
    let open = new.kind == EveningKind::Branch && new.open_to_other_branches;
    let id = evenings::insert(
        conn,
        &NewEvening {
            open_to_other_branches: open,
            ..*new
        },
        times,
    )?;
    let audience = Audience {
        kind: new.kind,
        branch_id: new.branch_id,
        open_to_other_branches: open,
    };
    let recipients = evenings::active_volunteers(conn, audience.announce_to())?;
    if !recipients.is_empty() {
        let message = Message::EveningInvitation {
            session: sessions::summary(conn, id)?,
            topic: new.topic.to_string(),
            speaker: new.speaker.to_string(),
            national: audience.is_national(),
        };
        for to in &recipients {
            outbox::enqueue(conn, to, &message)?;
        }
    }
    Ok(id)
}

/// What a coordinator types about an evening, checked; the same when
/// planning and when changing it.
#[derive(Debug, Clone)]
pub struct Details {
    pub title: String,
    pub topic: String,
    pub speaker: String,
    pub location: String,
    pub capacity: Option<i32>,
    pub times: MeetingTimes,
}

/// A new evening: its details, and whom it is for.
#[derive(Debug, Clone)]
pub struct Planned {
    pub kind: EveningKind,
    /// `None`: a national evening (administrators only).
    pub branch_id: Option<i64>,
    pub open_to_other_branches: bool,
    pub details: Details,
}

/// Announces an evening in one of the coordinator's branches (or, for an
/// administrator, a national one).
#[tracing::instrument(skip(app, actor, p), fields(actor = actor.user.id, branch = p.branch_id))]
pub async fn plan(app: &App, actor: &Account, by: Actor, p: Planned) -> Result<i64, Error> {
    if !actor.manages(p.branch_id) {
        return Err(Error::Forbidden);
    }
    app.write(move |c| {
        if let Some(b) = p.branch_id {
            crate::app::sessions::known_branch(c, b)?;
        }
        let d = &p.details;
        let id = announce(
            c,
            &NewEvening {
                kind: p.kind,
                branch_id: p.branch_id,
                title: &d.title,
                topic: &d.topic,
                speaker: &d.speaker,
                location: &d.location,
                capacity: d.capacity,
                open_to_other_branches: p.open_to_other_branches,
            },
            &d.times,
        )?;
        let object = Object::session(id).labelled(d.title.as_str());
        audit::record(c, &by, Action::SessionCreated, &object, Some("evening"))?;
        Ok(id)
    })
    .await
}

/// The branches a coordinator may plan evenings in (administrators may
/// also plan national ones, without a branch).
#[tracing::instrument(skip(app, actor), fields(actor = actor.user.id))]
pub async fn choices(app: &App, actor: &Account) -> Result<Vec<Branch>, Error> {
    let actor = actor.clone();
    app.read(move |c| Ok(branch_choices(c, &actor)?)).await
}

/// The coordinator's evenings with their counts.
#[derive(Debug, Clone, Serialize)]
pub struct List {
    /// Soonest first.
    pub upcoming: Vec<Managed>,
    /// Newest first.
    pub past: Vec<Managed>,
}

#[tracing::instrument(skip(app, actor), fields(actor = actor.user.id))]
pub async fn list(app: &App, actor: &Account) -> Result<List, Error> {
    let own = (!actor.is_admin()).then(|| actor.branches.clone());
    app.read(move |c| {
        let at = now();
        let (upcoming, past): (Vec<_>, Vec<_>) = evenings::managed(c, own.as_deref())?
            .into_iter()
            .partition(|e| e.session.ends_at > at);
        Ok(List {
            upcoming: upcoming.into_iter().rev().collect(),
            past,
        })
    })
    .await
}

/// Who comes to an evening, as its coordinators see it.
#[derive(Debug, Clone, Serialize)]
pub struct Attendees {
    pub session: Session,
    pub detail: Detail,
    pub who: WhoComes,
    pub meetings: Vec<Meeting>,
    pub national: bool,
    pub public: bool,
}

#[tracing::instrument(skip(app, actor), fields(actor = actor.user.id))]
pub async fn attendees(app: &App, actor: &Account, id: i64) -> Result<Attendees, Error> {
    let actor = actor.clone();
    app.read(move |c| {
        managed(c, &actor, id)?;
        let (session, detail) = evenings::find(c, id)?;
        let who = evenings::who_comes(c, &session, &detail)?;
        let meetings = sessions::meetings(c, id)?;
        let audience = detail.audience(&session);
        Ok(Attendees {
            national: audience.is_national(),
            public: audience.is_public(),
            session,
            detail,
            who,
            meetings,
        })
    })
    .await
}

/// Cancelled and held evenings keep what they were.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct NotEditable;

/// The evening, if this coordinator manages it and it can still change.
fn editable_of(
    conn: &mut DbConnection,
    actor: &Account,
    id: i64,
) -> Result<Result<(Session, Detail), NotEditable>, Error> {
    managed(conn, actor, id)?;
    let (session, detail) = evenings::find(conn, id)?;
    if session.status == SessionStatus::Open {
        Ok(Ok((session, detail)))
    } else {
        Ok(Err(NotEditable))
    }
}

/// An evening to change, as it stands.
#[tracing::instrument(skip(app, actor), fields(actor = actor.user.id))]
pub async fn editable(
    app: &App,
    actor: &Account,
    id: i64,
) -> Result<Result<(Session, Detail), NotEditable>, Error> {
    let actor = actor.clone();
    app.read(move |c| editable_of(c, &actor, id)).await
}

/// Saves changes to an announced evening; those with a seat hear of a new
/// time or place through the engine. Its kind, branch and audience stay.
#[tracing::instrument(skip(app, actor, d), fields(actor = actor.user.id))]
pub async fn change(
    app: &App,
    actor: &Account,
    by: Actor,
    id: i64,
    d: Details,
) -> Result<Result<(), NotEditable>, Error> {
    let actor = actor.clone();
    app.write(move |c| {
        if let Err(closed) = editable_of(c, &actor, id)? {
            return Ok(Err(closed));
        }
        update(
            c,
            id,
            &EveningChanges {
                title: &d.title,
                topic: &d.topic,
                speaker: &d.speaker,
                location: &d.location,
                capacity: d.capacity,
                times: d.times.clone(),
            },
        )?;
        let object = Object::session(id).labelled(d.title.as_str());
        audit::record(c, &by, Action::SessionUpdated, &object, Some("evening"))?;
        Ok(Ok(()))
    })
    .await
}
