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

use super::engine::{self, Cancelled, Enrollee, Placed};
use super::{Abort, App, Error, accounts};
use crate::db::bookings::Booking;
use crate::db::courses::Course;
use crate::db::genlaer::{self, Person, Price};
use crate::db::sessions::{self, Session};
use crate::db::users::Account;
use crate::db::{DbConnection, enrolments, now};
use crate::domain::enrolment::{EnrolmentStatus, Refusal};
use crate::domain::events::{Receipt, SessionSummary};
use crate::domain::genlaer::BookingStatus;
use crate::domain::invoice::Invoice;
use crate::domain::{EmailAddress, Lang, Role};
use serde::Serialize;

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
    /// A seat or a waiting-list place for the account `user_id`.
    Placed {
        status: EnrolmentStatus,
        user_id: i64,
    },
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

impl From<Result<(EnrolmentStatus, i64), NotPlaced>> for Enrolled {
    fn from(result: Result<(EnrolmentStatus, i64), NotPlaced>) -> Self {
        match result {
            Ok((status, user_id)) => Enrolled::Placed { status, user_id },
            Err(NotPlaced::Refused(Refusal::AlreadyEnrolled)) => Enrolled::AlreadyEnrolled,
            Err(NotPlaced::Refused(r)) => Enrolled::Refused(r),
            Err(NotPlaced::SeatsTaken) => Enrolled::SeatsTaken,
        }
    }
}

/// The participant's account, and for an account made now its link to
/// choose a password, which the enrolment's own message carries.
fn participant(
    conn: &mut DbConnection,
    e: &Enrolment,
) -> diesel::QueryResult<(Enrollee, Option<String>)> {
    match &e.participant {
        Participant::SignedIn(id) => Ok(((*id).into(), None)),
        Participant::ByEmail { email, language } => {
            let account = accounts::for_email_unannounced(
                conn,
                email.as_str(),
                &e.person.name,
                *language,
                Some(Role::Professional),
            )?;
            let who = Enrollee {
                user_id: account.id,
                new_account: account.is_new(),
                recipient: Some(account.owner),
            };
            Ok((who, account.link))
        }
    }
}

/// What the confirmation of an enrolment in `session` says beyond the
/// session: the same on the thank-you page and in the email.
fn receipt(
    session: &Session,
    price: Price,
    invoice: &Invoice,
    account_link: Option<String>,
) -> Receipt {
    Receipt {
        price_ore: price.price_ore,
        vat_note: price.vat_note,
        invoice_kind: invoice.kind,
        ean: invoice.ean.clone(),
        cvr: invoice.cvr.clone(),
        invoice_address: invoice.address.clone(),
        reference: invoice.reference.clone(),
        cancel_deadline: session.cancel_deadline,
        // "Mine kurser" holds the cancel button (and asks a new account to
        // sign in first); the calendar file is `web::routes::calendar`'s.
        cancel_url: "/genlaer/mine-kurser".into(),
        calendar_url: format!("/kalender/hold/{}.ics", session.id),
        account_link,
    }
}

/// A person's enrolment in a GenLær session as its thank-you page shows it.
#[derive(Debug, Clone, Serialize)]
pub struct Confirmation {
    pub status: EnrolmentStatus,
    /// Their number in the queue, on the waiting list.
    pub position: Option<i64>,
    pub session: SessionSummary,
    pub receipt: Receipt,
}

/// The active enrolment of `user_id` in the GenLær session, confirmed as
/// the email confirmed it; `None` when there is none.
pub async fn confirmation(
    app: &App,
    session_id: i64,
    user_id: i64,
) -> Result<Option<Confirmation>, Error> {
    app.read(move |c| {
        let (_, price) = genlaer::detail_and_price(c, session_id)?;
        let Some(enrolment) =
            enrolments::find(c, session_id, user_id)?.filter(|e| e.status.is_active())
        else {
            return Ok(None);
        };
        let Some(typed) = genlaer::details_of_enrolment(c, enrolment.id)? else {
            return Ok(None);
        };
        let session = sessions::find(c, session_id)?;
        let invoice = Invoice {
            kind: typed.invoice_kind,
            ean: typed.ean,
            cvr: typed.cvr,
            address: typed.invoice_address,
            reference: typed.reference,
        };
        let position = match enrolment.status {
            EnrolmentStatus::Waitlisted => Some(enrolments::position(c, &enrolment)?),
            _ => None,
        };
        let whole = sessions::summary_of(c, &session)?;
        Ok(Some(Confirmation {
            status: enrolment.status,
            position,
            session: crate::db::cohorts::as_attended_by(c, &whole, user_id)?,
            receipt: receipt(&session, price, &invoice, None),
        }))
    })
    .await
}

/// What an enrolment reads of its session before it takes its turn to
/// write, where writers take turns (SQLite): every read taken out of the
/// turn lets the next enrolment in sooner. Neither can change under the
/// enrolment: a session is an organisation's from the day it is made, and
/// a price changed a moment later is a change after this enrolment. On
/// PostgreSQL the lock reads them in its own statement (`None` here).
async fn before_writing(
    app: &App,
    session_id: i64,
) -> Result<Option<(genlaer::Detail, Price)>, Error> {
    if !app.db.writes_in_turns() {
        return Ok(None);
    }
    app.read(move |c| Ok(genlaer::detail_and_price(c, session_id)?))
        .await
        .map(Some)
}

/// Enrols through the public form of a session in the catalogue: a seat or
/// the waiting list. An organisation's own session is not found here (it
/// takes enrolments through its link only).
#[tracing::instrument(skip(app, e))]
pub async fn enrol(app: &App, session_id: i64, e: Enrolment) -> Result<Enrolled, Error> {
    let ahead = before_writing(app, session_id).await?;
    if ahead.as_ref().is_some_and(|(detail, _)| detail.is_closed()) {
        return Err(Error::NotFound);
    }
    let result = app
        .write_or_refuse(move |c| {
            // The lock first: on SQLite a transaction that writes must
            // begin by writing, or concurrent ones cannot wait their turn.
            let locked = genlaer::lock_for_enrolment(c, session_id, ahead)?;
            if locked.detail.is_closed() {
                return Err(Abort::Failed(Error::NotFound));
            }
            let (who, account_link) = participant(c, &e)?;
            let uid = who.user_id;
            let receipt = receipt(&locked.session, locked.price, &e.invoice, account_link);
            let placed = engine::enrol_with_receipt(c, &locked.session, who, false, Some(receipt))?
                .map_err(|r| Abort::Refused(NotPlaced::Refused(r)))?;
            genlaer::save_details(c, placed.enrolment_id, placed.reused, &e.person, &e.invoice)?;
            Ok((placed.status, uid))
        })
        .await?;
    Ok(result.into())
}

/// Enrols through an organisation's private link (`session_id` is the
/// session the link opened): a seat if one of the booked seats is free,
/// never the waiting list.
#[tracing::instrument(skip(app, e))]
pub async fn enrol_by_link(app: &App, session_id: i64, e: Enrolment) -> Result<Enrolled, Error> {
    let ahead = before_writing(app, session_id).await?;
    let result = app
        .write_or_refuse(move |c| {
            let locked = genlaer::lock_for_enrolment(c, session_id, ahead)?;
            let (who, account_link) = participant(c, &e)?;
            let uid = who.user_id;
            let receipt = receipt(&locked.session, locked.price, &e.invoice, account_link);
            let placed = booked_seat(c, &locked.session, who, false, Some(receipt))?;
            genlaer::save_details(c, placed.enrolment_id, placed.reused, &e.person, &e.invoice)?;
            Ok((placed.status, uid))
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
    who: Enrollee,
    by_staff: bool,
    receipt: Option<Receipt>,
) -> Result<Placed, Abort<NotPlaced>> {
    if !who.new_account
        && let Some(current) = enrolments::find(conn, session.id, who.user_id)?
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
    match engine::enrol_with_receipt(conn, session, who, by_staff, receipt)? {
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
            let placed = booked_seat(c, &session, uid.into(), true, None)?;
            genlaer::save_details(
                c,
                placed.enrolment_id,
                placed.reused,
                &colleague.person,
                &Invoice::booking(),
            )?;
            Ok((placed.status, uid))
        })
        .await?;
    Ok(result.into())
}

/// The regions a coordinator works in (through their branches).
pub fn regions_of(account: &Account) -> Vec<i64> {
    let mut ids: Vec<i64> = account.coordinated.iter().map(|b| b.region_id).collect();
    ids.sort_unstable();
    ids.dedup();
    ids
}

/// Who edits a course: administrators every course (and alone the national
/// ones); a coordinator the courses of the regions they work in.
pub fn may_edit_course(account: &Account, course: &Course) -> bool {
    if account.is_admin() {
        return true;
    }
    match course.region_id {
        Some(region) => regions_of(account).contains(&region),
        None => false,
    }
}

/// The private enrolment link of an organisation's session, derived from
/// the salt stored with it (only the link's digest is stored).
pub fn link_token(secret: &secrecy::SecretString, salt: &str) -> String {
    crate::auth::token::derive(secret, "genlaer-enrolment-link", salt)
}
