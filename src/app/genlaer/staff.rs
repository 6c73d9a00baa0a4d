//! Coordinators plan GenLær sessions (meetings, place, seats, deadlines,
//! teachers) and export their participants with workplace and invoice
//! details. Everything else about a session (participants, waiting list,
//! attendance, cancelling, marking held) is `app::sessions`'.

use std::collections::HashMap;

use chrono::NaiveDateTime;

use crate::app::audit::{self, Actor, Object};
use crate::app::sessions::managed;
use crate::app::{App, Error, engine};
use crate::db::branches::Branch;
use crate::db::courses::{self, Course};
use crate::db::enrolments::{self, Participant};
use crate::db::genlaer::{self, Detail, EnrolmentDetails};
use crate::db::sessions::{self, Meeting, MeetingTimes, Session, SessionChanges};
use crate::db::users::Account;
use crate::db::{DbConnection, attendance};
use crate::domain::audit::Action;
use crate::domain::billing;

/// What a coordinator plans of a session besides its meetings.
#[derive(Debug, Clone)]
pub struct Plan {
    pub title: String,
    pub location: String,
    pub online_url: Option<String>,
    pub capacity: Option<i32>,
    pub teachers: String,
    pub enrol_deadline: Option<NaiveDateTime>,
    pub cancel_deadline: Option<NaiveDateTime>,
}

/// The branches this account may put a session in (administrators may also
/// leave it national).
pub async fn branch_choices(app: &App, account: &Account) -> Result<Vec<Branch>, Error> {
    let account = account.clone();
    app.read(move |c| Ok(crate::app::sessions::branch_choices(c, &account)?))
        .await
}

pub async fn course(app: &App, id: i64) -> Result<Course, Error> {
    app.read(move |c| Ok(courses::find(c, id)?)).await
}

/// A new session of a course in `branch_id` (`None`: national, for
/// administrators), with its first meetings.
#[tracing::instrument(skip(app, account, plan, times), fields(actor = account.user.id))]
pub async fn create(
    app: &App,
    account: &Account,
    by: Actor,
    course_id: i64,
    branch_id: Option<i64>,
    plan: Plan,
    times: Vec<MeetingTimes>,
) -> Result<i64, Error> {
    if !account.manages(branch_id) {
        return Err(Error::Forbidden);
    }
    app.write(move |c| {
        courses::find(c, course_id)?;
        if let Some(b) = branch_id {
            crate::app::sessions::known_branch(c, b)?;
        }
        let new = genlaer::new_session(
            branch_id,
            &plan.title,
            &plan.location,
            plan.online_url.as_deref(),
            plan.capacity,
            plan.enrol_deadline,
            plan.cancel_deadline,
        );
        let id = genlaer::create(c, &new, &times, course_id, &plan.teachers, None)?;
        let object = Object::session(id).labelled(plan.title.as_str());
        audit::record(c, &by, Action::SessionCreated, &object, Some("genlaer"))?;
        Ok(id)
    })
    .await
}

/// A GenLær session its coordinator edits.
pub struct Editing {
    pub session: Session,
    pub detail: Detail,
    pub course: Course,
    pub meetings: Vec<Meeting>,
    /// Once held: who should pay but gave no EAN or CVR.
    pub without_invoice_details: Vec<String>,
}

pub async fn editing(app: &App, account: &Account, id: i64) -> Result<Editing, Error> {
    let account = account.clone();
    app.read(move |c| {
        managed(c, &account, id)?;
        let (session, detail) = genlaer::find(c, id)?;
        let course = courses::find(c, detail.course_id)?;
        Ok(Editing {
            without_invoice_details: crate::app::invoices::without_details_in(
                c, &session, &course,
            )?,
            course,
            meetings: sessions::meetings(c, id)?,
            session,
            detail,
        })
    })
    .await
}

/// A GenLær session this account manages; `NotFound` for other kinds.
fn managed_genlaer(conn: &mut DbConnection, account: &Account, id: i64) -> Result<(), Error> {
    managed(conn, account, id)?;
    genlaer::detail(conn, id)?;
    Ok(())
}

/// Saves place, seats, deadlines and teachers in one transaction. More
/// seats go to the waiting list at once; a new place is announced.
#[tracing::instrument(skip(app, account, plan), fields(actor = account.user.id))]
pub async fn update(
    app: &App,
    account: &Account,
    by: Actor,
    id: i64,
    plan: Plan,
) -> Result<(), Error> {
    let account = account.clone();
    app.write(move |c| {
        managed_genlaer(c, &account, id)?;
        let changes = SessionChanges {
            title: &plan.title,
            location: &plan.location,
            online_url: plan.online_url.as_deref(),
            capacity: plan.capacity,
            enrol_deadline: plan.enrol_deadline,
            cancel_deadline: plan.cancel_deadline,
        };
        engine::update_session(c, id, &changes)?;
        genlaer::set_teachers(c, id, &plan.teachers)?;
        let object = Object::session(id).labelled(plan.title.as_str());
        audit::record(c, &by, Action::SessionUpdated, &object, Some("genlaer"))
    })
    .await
}

/// A session's participants for the export: the seated, the waiting list,
/// what each typed when enrolling and the minutes each attended.
pub struct Participants {
    pub seated: Vec<Participant>,
    pub waiting: Vec<Participant>,
    /// Cancelled after the deadline and billed all the same
    /// (`domain::billing::billed_as`): on the invoice file, with their
    /// invoice details.
    pub late_billed: Vec<Participant>,
    pub details: HashMap<i64, EnrolmentDetails>,
    pub minutes: HashMap<i64, i32>,
}

/// Read for the CSV file; the download is logged.
pub async fn participants(
    app: &App,
    account: &Account,
    by: Actor,
    id: i64,
) -> Result<Participants, Error> {
    let account = account.clone();
    let detail = format!("genlaer-deltagere-{id}.csv");
    audit::exported(app, by, Object::session(id), detail, move |c| {
        managed_genlaer(c, &account, id)?;
        let (seated, waiting) = enrolments::participants(c, id)?;
        let course_id = genlaer::detail(c, id)?.course_id;
        let course = courses::find(c, course_id)?;
        let late_billed = enrolments::late_cancelled(c, id)?
            .into_iter()
            .filter(|p| {
                let seat = billing::SeatFacts {
                    status: p.enrolment.status,
                    late_cancellation: p.enrolment.late_cancellation,
                    refilled: p.enrolment.refilled,
                };
                billing::billed_as(seat, course.late_free_if_refilled).is_some()
            })
            .collect();
        let details = genlaer::details_of_session(c, id)?.into_iter().collect();
        let mut minutes: HashMap<i64, i32> = HashMap::new();
        for a in attendance::for_session(c, id)? {
            *minutes.entry(a.user_id).or_insert(0) += a.minutes;
        }
        Ok(Participants {
            seated,
            waiting,
            late_billed,
            details,
            minutes,
        })
    })
    .await
}
