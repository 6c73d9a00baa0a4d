//! Supervision: the volunteers' side (`volunteer`: their standing, signing
//! up, a request for individual supervision), the coordinators' side
//! (`staff`: planning, assigning, the overview, answering requests) and the
//! due-soon and overdue notices of the mail worker's pass (`notices`).
//!
//! Requests for individual supervision after a hard task are asked by the
//! volunteer and answered by one of the branch's coordinators (with a
//! planned session, or another way), each with the messages it owes; the
//! steps are here, over a connection, so that the demo can use them too.

pub mod notices;
pub mod staff;
pub mod volunteer;

use diesel::QueryResult;

use super::audit::{self, Actor, Object};
use super::{Abort, App, Error, engine};
use crate::db::branches;
use crate::db::supervision::{self, NewSupervision, Request};
use crate::db::users::Account;
use crate::db::{DbConnection, gate, now, outbox, sessions, users};
use crate::domain::audit::{Action, ObjectKind};
use crate::domain::curriculum::Curriculum;
use crate::domain::enrolment::Refusal;
use crate::domain::events::{Message, Recipient};
use crate::domain::supervision::{Format, RequestStatus, SupervisorKind};

/// Why answering a request did not go through.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum AnswerRefusal {
    AlreadyAnswered,
    Enrolment(Refusal),
}

/// A session as a coordinator plans it (the checked form).
#[derive(Debug, Clone)]
pub struct Plan {
    pub format: Format,
    pub title: String,
    pub supervisor_name: String,
    pub supervisor_kind: SupervisorKind,
    pub location: String,
    pub online_url: Option<String>,
    pub capacity: Option<i32>,
    pub times: sessions::MeetingTimes,
}

impl Plan {
    pub fn new_supervision(&self, branch_id: i64) -> NewSupervision<'_> {
        NewSupervision {
            branch_id,
            format: self.format,
            title: &self.title,
            supervisor_name: &self.supervisor_name,
            supervisor_kind: self.supervisor_kind,
            location: &self.location,
            online_url: self.online_url.as_deref(),
            capacity: self.capacity,
            times: self.times.clone(),
        }
    }
}

/// Whether someone may take a seat at a supervision session of `branch`:
/// an active brobygger of that branch with nothing unmet, however they are
/// signed up (by themselves, assigned, or enrolled by email).
pub fn may_take_part(
    conn: &mut DbConnection,
    curriculum: &Curriculum,
    user_id: i64,
    branch_id: Option<i64>,
) -> QueryResult<bool> {
    match gate::volunteer_gate(conn, curriculum, user_id) {
        Ok(g) => Ok(g.may_work() && Some(g.branch_id) == branch_id),
        Err(diesel::result::Error::NotFound) => Ok(false),
        Err(e) => Err(e),
    }
}

/// Records a request and tells the branch's coordinators, in the caller's
/// transaction. `Ok(None)`: the volunteer already has one open.
pub fn request(conn: &mut DbConnection, user_id: i64, branch_id: i64) -> QueryResult<Option<i64>> {
    let at = now();
    let Some(id) = supervision::insert_request(conn, user_id, branch_id, at)? else {
        return Ok(None);
    };
    let request = supervision::find_request(conn, id)?;
    let volunteer = users::find(conn, user_id)?;
    let branch = branches::find(conn, branch_id)?;
    for to in crate::db::notifications::told_at_once(conn, Some(branch_id))? {
        outbox::enqueue(
            conn,
            &to,
            &Message::SupervisionRequestReceived {
                volunteer: volunteer.name.clone(),
                branch: branch.name.clone(),
                respond_by: request.respond_by,
                link: "/koordinator/supervision/anmodninger".to_string(),
            },
        )?;
    }
    Ok(Some(id))
}

/// Answers a request by planning an individual session for the volunteer
/// and giving them its seat; they get the invitation and the answer. In
/// the caller's transaction; a refusal must roll it back (a refused seat
/// would leave the new session behind).
pub fn schedule(
    conn: &mut DbConnection,
    request_id: i64,
    new: &NewSupervision<'_>,
    by: i64,
) -> Result<i64, Abort<AnswerRefusal>> {
    let request = supervision::find_request(conn, request_id)?;
    // The conditional update comes first: it is the lock, and it refuses
    // a second answer before anything is written.
    if !supervision::close_request(conn, request_id, RequestStatus::Scheduled, None, by)? {
        return Err(Abort::Refused(AnswerRefusal::AlreadyAnswered));
    }
    let session_id = supervision::create(conn, new)?;
    supervision::set_request_session(conn, request_id, session_id)?;
    engine::enrol(conn, session_id, request.user_id, true)?
        .map_err(|r| Abort::Refused(AnswerRefusal::Enrolment(r)))?;
    let summary = sessions::summary(conn, session_id)?;
    let to = Recipient::from(&users::find(conn, request.user_id)?);
    outbox::enqueue(
        conn,
        &to,
        &Message::SupervisionRequestAnswered {
            session: Some(summary),
            link: "/supervision".to_string(),
        },
    )?;
    Ok(session_id)
}

/// Answers a request another way (a phone call, say).
pub fn mark_handled(
    conn: &mut DbConnection,
    request_id: i64,
    by: i64,
) -> QueryResult<Result<(), AnswerRefusal>> {
    let request = supervision::find_request(conn, request_id)?;
    if !supervision::close_request(conn, request_id, RequestStatus::Handled, None, by)? {
        return Ok(Err(AnswerRefusal::AlreadyAnswered));
    }
    let to = Recipient::from(&users::find(conn, request.user_id)?);
    outbox::enqueue(
        conn,
        &to,
        &Message::SupervisionRequestAnswered {
            session: None,
            link: "/supervision".to_string(),
        },
    )?;
    Ok(Ok(()))
}

/// The request, if this coordinator answers for its branch.
fn own_request(conn: &mut DbConnection, account: &Account, id: i64) -> Result<Request, Error> {
    let r = supervision::find_request(conn, id)?;
    if account.coordinates(r.branch_id) {
        Ok(r)
    } else {
        Err(Error::Forbidden)
    }
}

/// A volunteer asks their branch's coordinators for individual supervision
/// after a hard task. `None`: they already have a request open.
#[tracing::instrument(skip(app))]
pub async fn ask(app: &App, user_id: i64, branch_id: i64) -> Result<Option<i64>, Error> {
    app.write(move |c| Ok(request(c, user_id, branch_id)?))
        .await
}

/// A coordinator answers a request by planning an individual session for
/// the volunteer: one seat, theirs, with the invitation and the answer, or
/// nothing at all.
#[tracing::instrument(skip(app, actor, plan), fields(actor = actor.user.id))]
pub async fn answer_with_session(
    app: &App,
    actor: &Account,
    by: Actor,
    request_id: i64,
    plan: Plan,
) -> Result<Result<i64, AnswerRefusal>, Error> {
    let actor = actor.clone();
    app.write_or_refuse(move |c| {
        let r = own_request(c, &actor, request_id)?;
        let session_id = schedule(
            c,
            request_id,
            &plan.new_supervision(r.branch_id),
            actor.user.id,
        )?;
        let object = Object::new(ObjectKind::SupervisionRequest, request_id);
        let detail = format!("Hold #{session_id}");
        let action = Action::SupervisionRequestScheduled;
        audit::record(c, &by, action, &object, Some(&detail))?;
        Ok(session_id)
    })
    .await
}

/// A coordinator marks a request answered another way.
#[tracing::instrument(skip(app, actor), fields(actor = actor.user.id))]
pub async fn answer_handled(
    app: &App,
    actor: &Account,
    by: Actor,
    request_id: i64,
) -> Result<Result<(), AnswerRefusal>, Error> {
    let actor = actor.clone();
    app.write(move |c| {
        let r = own_request(c, &actor, request_id)?;
        if r.status != RequestStatus::Open {
            return Ok(Err(AnswerRefusal::AlreadyAnswered));
        }
        let handled = mark_handled(c, request_id, actor.user.id)?;
        let object = Object::new(ObjectKind::SupervisionRequest, request_id);
        let action = Action::SupervisionRequestHandled;
        audit::record_ok(c, &by, action, &object, None, &handled)?;
        Ok(handled)
    })
    .await
}
