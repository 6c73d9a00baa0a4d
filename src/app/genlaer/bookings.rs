//! An organisation books a GenLær course for its own staff; coordinators
//! accept (a closed session of the organisation's own, with a private
//! enrolment link limited to the booked seats) or decline with a reason.
//! Each step tells the requester by email, in the same transaction.

use chrono::NaiveDateTime;
use serde::Serialize;

use super::{link_token, visible_booking};
use crate::app::audit::{self, Actor, Object};
use crate::app::{App, Error, accounts};
use crate::auth::token;
use crate::db::bookings::{self, Booking, Listed, NewBooking};
use crate::db::branches::{self, BranchInRegion};
use crate::db::courses::{self, Course};
use crate::db::genlaer::{self, BookedSeat, Link};
use crate::db::sessions::{self, MeetingTimes, Session};
use crate::db::users::Account;
use crate::db::{DbConnection, now, outbox, users};
use crate::domain::audit::{Action, ObjectKind};
use crate::domain::events::{BookingSummary, Message, Recipient};
use crate::domain::genlaer::BookingStatus;
use crate::domain::session::SessionStatus;
use crate::domain::{EmailAddress, Lang, Role};

/// What the booking form offers: the bookable courses and every branch.
pub struct Choices {
    pub courses: Vec<Course>,
    pub branches: Vec<BranchInRegion>,
}

pub async fn choices(app: &App) -> Result<Choices, Error> {
    app.read(|c| {
        Ok(Choices {
            courses: courses::bookable(c)?,
            branches: branches::all(c)?,
        })
    })
    .await
}

/// The id of the course a link to the form names (`?kursus=slug`).
pub async fn course_named(app: &App, slug: String) -> Result<Option<i64>, Error> {
    app.read(move |c| Ok(courses::by_slug(c, &slug)?.map(|c| c.id)))
        .await
}

/// A valid booking request; the requester is the signed-in account or the
/// owner of the contact address (made if there is none).
pub struct Request {
    pub booking: NewBooking,
    pub email: EmailAddress,
}

/// Records the request and tells the requester it arrived.
#[tracing::instrument(skip_all)]
pub async fn request(
    app: &App,
    account: Option<&Account>,
    language: Lang,
    request: Request,
) -> Result<i64, Error> {
    let signed_in = account.map(|a| a.user.id);
    app.write(move |c| {
        let Request { mut booking, email } = request;
        booking.requester_id = match signed_in {
            Some(id) => id,
            None => accounts::for_email(
                c,
                email.as_str(),
                &booking.contact_name,
                language,
                Some(Role::Professional),
            )?,
        };
        let id = bookings::create(c, &booking)?;
        let saved = bookings::find(c, id)?;
        let requester = users::find(c, saved.requester_id)?;
        let booking = summary(c, &saved)?;
        crate::app::tasks::tell_new_booking(c, booking.clone(), saved.branch_id)?;
        let message = Message::BookingReceived { booking };
        outbox::enqueue(c, &Recipient::from(&requester), &message)?;
        Ok(id)
    })
    .await
}

/// The booking as its emails describe it.
fn summary(conn: &mut DbConnection, booking: &Booking) -> diesel::QueryResult<BookingSummary> {
    Ok(BookingSummary {
        id: booking.id,
        course_title: courses::find(conn, booking.course_id)?.title,
        organisation: booking.organisation.clone(),
        participants: booking.participants,
        wished_from: booking.wished_from,
        wished_to: booking.wished_to,
        url: format!("/genlaer/bestillinger/{}", booking.id),
    })
}

/// The requester's page of a booking.
#[derive(Serialize)]
pub struct BookingView {
    pub booking: Booking,
    pub course: Course,
    pub branch: Option<String>,
    pub session: Option<Session>,
    pub seats: Vec<BookedSeat>,
    /// The path of the private enrolment link, once accepted.
    pub link: Option<String>,
    pub may_swap: bool,
    pub pending: bool,
    pub declined: bool,
}

/// A booking as its requester (or a coordinator managing it) sees it.
pub async fn booking(app: &App, viewer: &Account, id: i64) -> Result<BookingView, Error> {
    let viewer = viewer.clone();
    let secret = app.settings.secret_key.clone();
    app.read(move |c| {
        let booking = visible_booking(c, &viewer, id)?;
        let course = courses::find(c, booking.course_id)?;
        let branch = branch_name(c, booking.branch_id)?;
        let (session, seats, link) = match genlaer::of_booking(c, id)? {
            Some((session, detail)) => {
                let seats = genlaer::booked_seats(c, session.id)?;
                let link = detail
                    .link_salt
                    .as_deref()
                    .map(|salt| format!("/genlaer/tilmelding/{}", link_token(&secret, salt)));
                (Some(session), seats, link)
            }
            None => (None, Vec::new(), None),
        };
        let may_swap = session
            .as_ref()
            .is_some_and(|s| s.status == SessionStatus::Open && now() < s.starts_at);
        Ok(BookingView {
            pending: booking.status == BookingStatus::Pending,
            declined: booking.status == BookingStatus::Declined,
            booking,
            course,
            branch,
            session,
            seats,
            link,
            may_swap,
        })
    })
    .await
}

fn branch_name(conn: &mut DbConnection, id: Option<i64>) -> diesel::QueryResult<Option<String>> {
    id.map(|b| branches::find(conn, b).map(|b| b.name))
        .transpose()
}

/// The bookings a coordinator handles (all, for administrators).
pub async fn handled_by(app: &App, account: &Account) -> Result<Vec<Listed>, Error> {
    let branches = (!account.is_admin()).then(|| account.branches.clone());
    app.read(move |c| Ok(bookings::for_branches(c, branches.as_deref())?))
        .await
}

/// The booking, if this account manages it.
fn managed(conn: &mut DbConnection, account: &Account, id: i64) -> Result<Booking, Error> {
    let booking = bookings::find(conn, id)?;
    if account.manages(booking.branch_id) {
        Ok(booking)
    } else {
        Err(Error::Forbidden)
    }
}

/// A booking as the coordinator deciding it sees it.
#[derive(Serialize)]
pub struct Handling {
    pub booking: Booking,
    pub course: Course,
    pub branch: Option<String>,
    pub requester_email: String,
    pub session_id: Option<i64>,
    pub pending: bool,
}

pub async fn handling(app: &App, account: &Account, id: i64) -> Result<Handling, Error> {
    let account = account.clone();
    app.read(move |c| {
        let booking = managed(c, &account, id)?;
        Ok(Handling {
            course: courses::find(c, booking.course_id)?,
            branch: branch_name(c, booking.branch_id)?,
            requester_email: users::find(c, booking.requester_id)?.email,
            session_id: genlaer::of_booking(c, id)?.map(|(s, _)| s.id),
            pending: booking.status == BookingStatus::Pending,
            booking,
        })
    })
    .await
}

/// What accepting a booking plans: the organisation's session.
pub struct Acceptance {
    pub times: MeetingTimes,
    pub location: String,
    pub seats: i32,
    pub teachers: Option<String>,
    pub enrol_deadline: Option<NaiveDateTime>,
    /// The agreed price of the whole booking, in øre: what it is invoiced.
    pub price_ore: i64,
}

/// Accepts a pending booking: its closed session with a private link, and
/// the requester told. `false` when someone decided it first.
#[tracing::instrument(skip(app, account, plan), fields(actor = account.user.id))]
pub async fn accept(
    app: &App,
    account: &Account,
    by: Actor,
    id: i64,
    plan: Acceptance,
) -> Result<bool, Error> {
    let account = account.clone();
    let secret = app.settings.secret_key.clone();
    app.write(move |c| {
        let booking = managed(c, &account, id)?;
        if !bookings::decide(
            c,
            id,
            BookingStatus::Accepted,
            None,
            Some(plan.price_ore),
            account.user.id,
        )? {
            return Ok(false);
        }
        let course = courses::find(c, booking.course_id)?;
        let salt = token::generate();
        let raw = link_token(&secret, &salt);
        let hash = token::digest(&raw);
        let new = genlaer::new_session(
            booking.branch_id,
            &course.title,
            &plan.location,
            None,
            Some(plan.seats),
            plan.enrol_deadline,
            None,
        );
        let link = Link {
            token_hash: &hash,
            salt: &salt,
        };
        let session_id = genlaer::create(
            c,
            &new,
            &[plan.times],
            course.id,
            plan.teachers.as_deref().unwrap_or_default(),
            Some((id, link)),
        )?;
        let booking = bookings::find(c, id)?;
        let message = Message::BookingAccepted {
            booking: summary(c, &booking)?,
            session: sessions::summary(c, session_id)?,
            enrol_link: format!("/genlaer/tilmelding/{raw}"),
        };
        tell_requester(c, &booking, &message)?;
        let object = Object::new(ObjectKind::Booking, id).labelled(course.title.as_str());
        let detail = format!("Hold #{session_id}");
        audit::record(c, &by, Action::BookingAccepted, &object, Some(&detail))?;
        Ok(true)
    })
    .await
}

/// Declines a pending booking with a reason the requester is told.
/// `false` when someone decided it first.
#[tracing::instrument(skip(app, account, reason), fields(actor = account.user.id))]
pub async fn decline(
    app: &App,
    account: &Account,
    by: Actor,
    id: i64,
    reason: String,
) -> Result<bool, Error> {
    let account = account.clone();
    app.write(move |c| {
        managed(c, &account, id)?;
        if !bookings::decide(
            c,
            id,
            BookingStatus::Declined,
            Some(&reason),
            None,
            account.user.id,
        )? {
            return Ok(false);
        }
        let booking = bookings::find(c, id)?;
        let object = Object::new(ObjectKind::Booking, id);
        audit::record(c, &by, Action::BookingDeclined, &object, Some(&reason))?;
        let message = Message::BookingDeclined {
            booking: summary(c, &booking)?,
            reason: Some(reason),
        };
        tell_requester(c, &booking, &message)?;
        Ok(true)
    })
    .await
}

fn tell_requester(
    conn: &mut DbConnection,
    booking: &Booking,
    message: &Message,
) -> diesel::QueryResult<()> {
    let requester = users::find(conn, booking.requester_id)?;
    outbox::enqueue(conn, &Recipient::from(&requester), message)?;
    Ok(())
}
