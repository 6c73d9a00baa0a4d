//! GenLær enrolment: the public form (with invoice details), an
//! organisation's private link (the booking pays), and cancelling one's own
//! seat.
//!
//! Each use case locks the session once, makes or finds the account of
//! someone who enrols by email, enrols through the engine and saves what
//! they typed, in one transaction behind the write queue: the enrolment,
//! its messages and its details land together or not at all.

pub mod bookings;
pub mod catalogue;
pub mod certificates;
pub mod courses;
pub mod mine;
pub mod staff;

use super::engine::{self, Cancelled, Placed};
use super::{Abort, App, Error, accounts};
use crate::db::bookings::Booking;
use crate::db::branches;
use crate::db::courses::Course;
use crate::db::genlaer::{self, Person};
use crate::db::sessions::{self, Session};
use crate::db::users::Account;
use crate::db::{DbConnection, enrolments, now};
use crate::domain::enrolment::{EnrolmentStatus, Refusal};
use crate::domain::genlaer::BookingStatus;
use crate::domain::invoice::Invoice;
use crate::domain::{EmailAddress, Lang, Role};

/// Who enrols: the signed-in account, or whoever owns the typed address
/// (their account is made if there is none).
#[derive(Debug, Clone)]
pub enum Participant {
    SignedIn(i64),
    ByEmail { email: EmailAddress, language: Lang },
}

/// A valid enrolment form.
#[derive(Debug, Clone)]
pub struct Enrolment {
    pub participant: Participant,
    pub person: Person,
    pub invoice: Invoice,
}

/// What an enrolment came to.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Enrolled {
    Placed(EnrolmentStatus),
    /// Said the same way as a success to someone who is not signed in, so
    /// that the form tells nobody about another person's enrolments.
    AlreadyEnrolled,
    Refused(Refusal),
    /// An organisation's booked seats are all taken.
    SeatsTaken,
}

/// Why an enrolment did not happen, once everything is rolled back.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum NotPlaced {
    Refused(Refusal),
    SeatsTaken,
}

impl From<Result<EnrolmentStatus, NotPlaced>> for Enrolled {
    fn from(result: Result<EnrolmentStatus, NotPlaced>) -> Self {
        match result {
            Ok(status) => Enrolled::Placed(status),
            Err(NotPlaced::Refused(Refusal::AlreadyEnrolled)) => Enrolled::AlreadyEnrolled,
            Err(NotPlaced::Refused(r)) => Enrolled::Refused(r),
            Err(NotPlaced::SeatsTaken) => Enrolled::SeatsTaken,
        }
    }
}

fn participant_id(conn: &mut DbConnection, e: &Enrolment) -> diesel::QueryResult<i64> {
    match &e.participant {
        Participant::SignedIn(id) => Ok(*id),
        Participant::ByEmail { email, language } => accounts::for_email(
            conn,
            email.as_str(),
            &e.person.name,
            *language,
            Some(Role::Professional),
        ),
    }
}

/// Enrols through the public form of a session in the catalogue: a seat or
/// the waiting list. An organisation's own session is not found here (it
/// takes enrolments through its link only).
#[tracing::instrument(skip(app, e))]
pub async fn enrol(app: &App, session_id: i64, e: Enrolment) -> Result<Enrolled, Error> {
    let result = app
        .write_or_refuse(move |c| {
            // The lock first: on SQLite a transaction that writes must
            // begin by writing, or concurrent ones cannot wait their turn.
            let session = sessions::lock(c, session_id)?;
            if genlaer::detail(c, session_id)?.is_closed() {
                return Err(Abort::Failed(Error::NotFound));
            }
            let uid = participant_id(c, &e)?;
            let placed = engine::enrol_locked(c, &session, uid, false)?
                .map_err(|r| Abort::Refused(NotPlaced::Refused(r)))?;
            genlaer::save_details(c, placed.enrolment_id, placed.reused, &e.person, &e.invoice)?;
            Ok(placed.status)
        })
        .await?;
    Ok(result.into())
}

/// Enrols through an organisation's private link (`session_id` is the
/// session the link opened): a seat if one of the booked seats is free,
/// never the waiting list.
#[tracing::instrument(skip(app, e))]
pub async fn enrol_by_link(app: &App, session_id: i64, e: Enrolment) -> Result<Enrolled, Error> {
    let result = app
        .write_or_refuse(move |c| {
            let session = sessions::lock(c, session_id)?;
            let uid = participant_id(c, &e)?;
            let placed = booked_seat(c, &session, uid, false)?;
            genlaer::save_details(c, placed.enrolment_id, placed.reused, &e.person, &e.invoice)?;
            Ok(placed.status)
        })
        .await?;
    Ok(result.into())
}

/// One of an organisation's booked seats for `user_id`, in a session whose
/// lock the caller holds: refused when all are taken (never the waiting
/// list) or when the person already has one.
fn booked_seat(
    conn: &mut DbConnection,
    session: &Session,
    user_id: i64,
    by_staff: bool,
) -> Result<Placed, Abort<NotPlaced>> {
    if let Some(current) = enrolments::find(conn, session.id, user_id)?
        && current.status.is_active()
    {
        return Err(Abort::Refused(NotPlaced::Refused(Refusal::AlreadyEnrolled)));
    }
    if session
        .capacity
        .is_some_and(|c| session.confirmed_count >= c)
    {
        return Err(Abort::Refused(NotPlaced::SeatsTaken));
    }
    match engine::enrol_locked(conn, session, user_id, by_staff)? {
        Ok(placed) if placed.status == EnrolmentStatus::Confirmed => Ok(placed),
        Ok(_) => Err(Abort::Refused(NotPlaced::SeatsTaken)),
        Err(refusal) => Err(Abort::Refused(NotPlaced::Refused(refusal))),
    }
}

/// A participant cancels their seat (until the cancellation deadline) or
/// leaves the waiting list (always).
#[tracing::instrument(skip(app))]
pub async fn cancel(
    app: &App,
    session_id: i64,
    user_id: i64,
) -> Result<Result<Cancelled, Refusal>, Error> {
    app.write(move |c| {
        // Only GenLær sessions here: `NotFound` for other kinds.
        genlaer::detail(c, session_id)?;
        Ok(engine::cancel(c, session_id, user_id, None)?)
    })
    .await
}

/// The booking, if this account made it or manages it.
pub fn visible_booking(
    conn: &mut DbConnection,
    account: &Account,
    id: i64,
) -> Result<Booking, Error> {
    let booking = crate::db::bookings::find(conn, id)?;
    if booking.requester_id == account.user.id || account.manages(booking.branch_id) {
        Ok(booking)
    } else {
        Err(Error::Forbidden)
    }
}

/// A colleague who takes over a booked seat.
#[derive(Debug, Clone)]
pub struct Colleague {
    pub email: EmailAddress,
    pub person: Person,
    pub language: Lang,
}

/// Gives a named participant's seat in an organisation's session to a
/// colleague, in one transaction: the old seat is cancelled and the
/// colleague enrolled, or nothing changes. Allowed to the booker (and the
/// booking's coordinators) until the session starts.
#[tracing::instrument(skip(app, actor, colleague), fields(actor = actor.user.id))]
pub async fn swap(
    app: &App,
    actor: &Account,
    booking_id: i64,
    participant: i64,
    colleague: Colleague,
) -> Result<Enrolled, Error> {
    let actor = actor.clone();
    let result = app
        .write_or_refuse(move |c| {
            let booking = visible_booking(c, &actor, booking_id)?;
            if booking.status != BookingStatus::Accepted {
                return Err(Abort::Failed(Error::NotFound));
            }
            let (session, _) = genlaer::of_booking(c, booking_id)?.ok_or(Error::NotFound)?;
            let session = sessions::lock(c, session.id)?;
            if now() >= session.starts_at {
                return Err(Abort::Refused(NotPlaced::Refused(Refusal::DeadlinePassed)));
            }
            let seated = enrolments::find(c, session.id, participant)?
                .is_some_and(|e| e.status == EnrolmentStatus::Confirmed);
            if !seated {
                return Err(Abort::Refused(NotPlaced::Refused(Refusal::NotEnrolled)));
            }
            engine::cancel(c, session.id, participant, Some(actor.user.id))?
                .map_err(|r| Abort::Refused(NotPlaced::Refused(r)))?;
            let uid = accounts::for_email(
                c,
                colleague.email.as_str(),
                &colleague.person.name,
                colleague.language,
                Some(Role::Professional),
            )?;
            // The cancellation changed the counters: read the row again.
            let session = sessions::find(c, session.id)?;
            let placed = booked_seat(c, &session, uid, true)?;
            genlaer::save_details(
                c,
                placed.enrolment_id,
                placed.reused,
                &colleague.person,
                &Invoice::booking(),
            )?;
            Ok(placed.status)
        })
        .await?;
    Ok(result.into())
}

/// The regions a coordinator works in (through their branches).
pub fn regions_of(conn: &mut DbConnection, account: &Account) -> diesel::QueryResult<Vec<i64>> {
    let mut ids: Vec<i64> = branches::by_ids(conn, &account.branches)?
        .into_iter()
        .map(|b| b.region_id)
        .collect();
    ids.sort_unstable();
    ids.dedup();
    Ok(ids)
}

/// Who edits a course: administrators every course (and alone the national
/// ones); a coordinator the courses of the regions they work in.
pub fn may_edit_course(
    conn: &mut DbConnection,
    account: &Account,
    course: &Course,
) -> diesel::QueryResult<bool> {
    if account.is_admin() {
        return Ok(true);
    }
    Ok(match course.region_id {
        Some(region) => regions_of(conn, account)?.contains(&region),
        None => false,
    })
}

/// The private enrolment link of an organisation's session, derived from
/// the salt stored with it (only the link's digest is stored).
pub fn link_token(secret: &secrecy::SecretString, salt: &str) -> String {
    crate::auth::token::derive(secret, "genlaer-enrolment-link", salt)
}
