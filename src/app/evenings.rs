//! Brobyggeraftener and info evenings: the volunteers' and the public's
//! side here (the list, one evening's page, answering an invitation,
//! signing up for an info evening), the coordinators' in `staff`
//! (announcing an evening with its invitations, changing it, who comes).

pub mod staff;

use diesel::QueryResult;
use serde::Serialize;

use super::{Abort, App, Error, accounts, engine};
use crate::db::evenings::{self, Detail, EveningChanges, Listed, Viewer};
use crate::db::sessions::{self, Meeting, Session, SessionChanges};
use crate::db::users::Account;
use crate::db::{DbConnection, branches, enrolments, gate, now};
use crate::domain::enrolment::{EnrolmentStatus, Refusal};
use crate::domain::evening::{self, Answer, Reply, Step};
use crate::domain::session::{Availability, SessionStatus};
use crate::domain::{EmailAddress, Lang};

/// Records a volunteer's answer and makes the engine agree: a "yes" takes
/// a seat (or a place in the queue), a "no" gives it back. In the caller's
/// transaction; a refusal rolls it back.
pub fn answer(
    conn: &mut DbConnection,
    session_id: i64,
    user_id: i64,
    answer: Answer,
) -> Result<Reply, Abort<Refusal>> {
    let session = sessions::lock(conn, session_id)?;
    let current = enrolments::find(conn, session_id, user_id)?.map(|e| e.status);
    match evening::step(current, answer) {
        Step::Enrol => {
            engine::enrol_locked(conn, &session, user_id, false)?.map_err(Abort::Refused)?;
        }
        Step::Cancel => {
            engine::cancel(conn, session_id, user_id, None)?.map_err(Abort::Refused)?;
        }
        Step::Nothing => {
            // Answering on a closed evening is refused even when the seat
            // would not change.
            match session.status {
                SessionStatus::Cancelled => return Err(Abort::Refused(Refusal::SessionCancelled)),
                SessionStatus::Held => return Err(Abort::Refused(Refusal::SessionHeld)),
                SessionStatus::Open => {}
            }
        }
    }
    evenings::save_answer(conn, session_id, user_id, answer)?;
    Ok(evenings::reply_of(conn, session_id, user_id)?)
}

/// Saves changes through the engine, which tells everyone with a seat when
/// time or place changed (an updated calendar invitation) and gives seats
/// freed by a larger capacity to the waiting list. In the caller's
/// transaction.
pub fn update(conn: &mut DbConnection, id: i64, c: &EveningChanges<'_>) -> QueryResult<()> {
    let before = sessions::lock(conn, id)?;
    // An evening has one meeting; session and meeting change together, so
    // that each person hears of it once.
    let meeting = sessions::meetings(conn, id)?.first().map(|m| m.id);
    // The topic first: a changed invitation states the new one.
    evenings::set_topic(conn, id, c.topic, c.speaker)?;
    engine::update_session_and_meeting(
        conn,
        id,
        &SessionChanges {
            title: c.title,
            location: c.location,
            online_url: before.online_url.as_deref(),
            capacity: c.capacity,
            enrol_deadline: before.enrol_deadline,
            cancel_deadline: before.cancel_deadline,
        },
        meeting.map(|m| (m, &c.times)),
    )
}

/// The evenings one may attend, as `/aftener` lists them.
#[derive(Debug, Clone, Serialize)]
pub struct Upcoming {
    pub evenings: Vec<Listed>,
    /// An active brobygger, who sees their branch's and national evenings.
    pub is_active: bool,
    /// A volunteer (active or not).
    pub is_volunteer: bool,
}

/// Upcoming evenings for whoever looks: public info evenings for everyone;
/// for an active brobygger also their branch's and the national ones, with
/// their answers.
#[tracing::instrument(skip(app, viewer), fields(viewer = viewer.map(|a| a.user.id)))]
pub async fn upcoming(app: &App, viewer: Option<&Account>) -> Result<Upcoming, Error> {
    let viewer = viewer.map(|a| (a.user.id, a.volunteer_branch));
    let curriculum = crate::app::site_content::current_curriculum(app).await?;
    app.read(move |c| {
        // The branch of a volunteer who may do what activation unlocks.
        let active_in = match viewer {
            Some((user_id, Some(_))) => {
                let gate = gate::volunteer_gate(c, &curriculum, user_id)?;
                gate.may_work().then_some(gate.branch_id)
            }
            _ => None,
        };
        let evenings = evenings::upcoming_for(
            c,
            viewer.map(|(user_id, _)| Viewer { user_id, active_in }),
            now(),
        )?;
        Ok(Upcoming {
            evenings,
            is_active: active_in.is_some(),
            is_volunteer: viewer.is_some_and(|(_, branch)| branch.is_some()),
        })
    })
    .await
}

/// One evening as its page shows it.
#[derive(Debug, Clone, Serialize)]
pub struct Evening {
    pub session: Session,
    pub detail: Detail,
    pub meetings: Vec<Meeting>,
    pub branch_name: Option<String>,
    pub national: bool,
    /// An info evening: anyone signs up; no answers.
    pub public: bool,
    pub availability: Availability,
    /// A seat, or the waiting list when `full`, can still be had.
    pub takes_sign_ups: bool,
    pub full: bool,
    pub seats_left: Option<i32>,
}

/// An evening with where the viewer stands.
#[derive(Debug, Clone, Serialize)]
pub struct EveningPage {
    pub v: Evening,
    pub reply: Reply,
    /// Coming or waiting: they hold a seat or a place in the queue.
    pub has_place: bool,
    pub coming: bool,
    /// They said no (or lost their seat).
    pub declined: bool,
}

fn evening_of(conn: &mut DbConnection, id: i64) -> Result<Evening, Error> {
    let (session, detail) = evenings::find(conn, id)?;
    let meetings = sessions::meetings(conn, id)?;
    let branch_name = match session.branch_id {
        Some(b) => Some(branches::find(conn, b)?.name),
        None => None,
    };
    let audience = detail.audience(&session);
    let availability = session.availability(now());
    Ok(Evening {
        takes_sign_ups: matches!(availability, Availability::Open | Availability::Full),
        full: availability == Availability::Full,
        availability,
        seats_left: session.seats_left(),
        national: audience.is_national(),
        public: audience.is_public(),
        session,
        detail,
        meetings,
        branch_name,
    })
}

/// An evening's page, with the reply of `viewer` (a user id). Who may see a
/// brobyggeraften (an active brobygger it welcomes) is the page's to check,
/// since the refusal shows the volunteer's checklist.
#[tracing::instrument(skip(app))]
pub async fn evening(app: &App, viewer: Option<i64>, id: i64) -> Result<EveningPage, Error> {
    app.read(move |c| {
        let v = evening_of(c, id)?;
        let reply = match viewer {
            Some(uid) => evenings::reply_of(c, id, uid)?,
            None => Reply::NotAnswered,
        };
        Ok(EveningPage {
            v,
            has_place: matches!(reply, Reply::Coming | Reply::Waiting),
            coming: reply == Reply::Coming,
            declined: reply == Reply::NotComing,
            reply,
        })
    })
    .await
}

/// A volunteer answers an evening's invitation.
#[tracing::instrument(skip(app))]
pub async fn answer_invitation(
    app: &App,
    session_id: i64,
    user_id: i64,
    given: Answer,
) -> Result<Result<Reply, Refusal>, Error> {
    app.write_or_refuse(move |c| answer(c, session_id, user_id, given))
        .await
}

/// Who signs up for a public info evening: the signed-in account, or
/// whoever owns the typed address (their account is made if need be).
#[derive(Debug, Clone)]
pub enum Guest {
    SignedIn(i64),
    ByEmail {
        name: String,
        email: EmailAddress,
        language: Lang,
    },
}

/// `NotFound` unless the evening is a public info evening: the others take
/// answers from brobyggere, not sign-ups.
fn info_evening(conn: &mut DbConnection, session: &Session) -> Result<(), Error> {
    let (_, detail) = evenings::find(conn, session.id)?;
    if detail.audience(session).is_public() {
        Ok(())
    } else {
        Err(Error::NotFound)
    }
}

/// Signs up for a public info evening: a seat or the waiting list.
#[tracing::instrument(skip(app, guest))]
pub async fn sign_up(
    app: &App,
    session_id: i64,
    guest: Guest,
) -> Result<Result<EnrolmentStatus, Refusal>, Error> {
    app.write_or_refuse(move |c| {
        // The lock first: on SQLite a transaction that writes must begin by
        // writing, or concurrent ones cannot wait their turn.
        let session = sessions::lock(c, session_id)?;
        info_evening(c, &session)?;
        let uid = match &guest {
            Guest::SignedIn(uid) => *uid,
            Guest::ByEmail {
                name,
                email,
                language,
            } => accounts::for_email(c, email.as_str(), name, *language, None)?,
        };
        let placed = engine::enrol_locked(c, &session, uid, false)?.map_err(Abort::Refused)?;
        Ok(placed.status)
    })
    .await
}

/// Someone signed up for an info evening gives their seat back.
#[tracing::instrument(skip(app))]
pub async fn cancel_sign_up(
    app: &App,
    session_id: i64,
    user_id: i64,
) -> Result<Result<engine::Cancelled, Refusal>, Error> {
    app.write(move |c| {
        let session = sessions::find(c, session_id)?;
        info_evening(c, &session)?;
        Ok(engine::cancel(c, session_id, user_id, None)?)
    })
    .await
}
