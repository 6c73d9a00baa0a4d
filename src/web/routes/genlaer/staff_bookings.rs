//! Coordinators handle organisations' booking requests: accept (a closed
//! session for the organisation, with a private enrolment link limited to
//! the booked seats) or decline with a reason. Either way the requester is
//! told, in the same transaction.

use actix_web::{HttpResponse, web};
use serde::{Deserialize, Serialize};
use tera::Context;

use super::bookings::summary;
use super::{link_token, manages_branch};
use crate::auth::token;
use crate::db::bookings::{self, Booking};
use crate::db::courses::{self, Course};
use crate::db::genlaer::{self, Link};
use crate::db::sessions::{self, MeetingTimes};
use crate::db::users::Account;
use crate::db::{DbConnection, branches, outbox, users};
use crate::domain::FieldErrors;
use crate::domain::genlaer::{BookingStatus, participants};
use crate::domain::time;
use crate::domain::validation::{optional_text, required_text};
use crate::error::AppError;
use crate::mail::{Message, Recipient};
use crate::web::page::redirect;
use crate::web::{CoordinatorUser, Form, Page};

pub async fn list(user: CoordinatorUser, page: Page) -> Result<HttpResponse, AppError> {
    let account = (**user.account()).clone();
    let rows = page
        .db()
        .run(move |c| {
            let branches = (!account.is_admin()).then(|| account.branches.clone());
            Ok(bookings::for_branches(c, branches.as_deref())?)
        })
        .await?;
    let mut ctx = Context::new();
    ctx.insert("rows", &rows);
    page.render("genlaer/staff/bookings.html", ctx)
}

fn managed(conn: &mut DbConnection, account: &Account, id: i64) -> Result<Booking, AppError> {
    let booking = bookings::find(conn, id)?;
    if manages_branch(account, booking.branch_id) {
        Ok(booking)
    } else {
        Err(AppError::Forbidden)
    }
}

#[derive(Debug, Deserialize, Serialize, Default, Clone)]
#[serde(default)]
pub struct AcceptForm {
    date: String,
    start: String,
    end: String,
    location: String,
    seats: String,
    teachers: String,
    enrol_deadline: String,
}

#[derive(Deserialize, Serialize, Default)]
#[serde(default)]
pub struct DeclineForm {
    reason: String,
}

#[derive(Serialize)]
struct View {
    booking: Booking,
    course: Course,
    branch: Option<String>,
    requester_email: String,
    session_id: Option<i64>,
}

async fn render(
    page: &Page,
    account: Account,
    id: i64,
    accept: Option<AcceptForm>,
    errors: &FieldErrors,
) -> Result<HttpResponse, AppError> {
    let view = page
        .db()
        .run(move |c| {
            let booking = managed(c, &account, id)?;
            let course = courses::find(c, booking.course_id)?;
            let branch = match booking.branch_id {
                Some(b) => Some(branches::find(c, b)?.name),
                None => None,
            };
            let requester_email = users::find(c, booking.requester_id)?.email;
            let session_id = genlaer::of_booking(c, id)?.map(|(s, _)| s.id);
            Ok(View {
                booking,
                course,
                branch,
                requester_email,
                session_id,
            })
        })
        .await?;
    let accept = accept.unwrap_or_else(|| AcceptForm {
        date: view.booking.wished_from.format("%Y-%m-%d").to_string(),
        start: "09:00".into(),
        end: "15:00".into(),
        location: view.booking.place.clone(),
        seats: view.booking.participants.to_string(),
        ..AcceptForm::default()
    });
    let mut ctx = Context::new();
    ctx.insert("v", &view);
    ctx.insert("accept", &accept);
    ctx.insert("errors", errors);
    let status = if errors.is_empty() {
        actix_web::http::StatusCode::OK
    } else {
        actix_web::http::StatusCode::UNPROCESSABLE_ENTITY
    };
    page.render_status(status, "genlaer/staff/booking.html", ctx)
}

pub async fn show(
    user: CoordinatorUser,
    page: Page,
    id: web::Path<i64>,
) -> Result<HttpResponse, AppError> {
    render(
        &page,
        (**user.account()).clone(),
        id.into_inner(),
        None,
        &FieldErrors::new(),
    )
    .await
}

pub async fn accept(
    user: CoordinatorUser,
    page: Page,
    id: web::Path<i64>,
    Form(form): Form<AcceptForm>,
) -> Result<HttpResponse, AppError> {
    let id = id.into_inner();
    let account = (**user.account()).clone();
    let mut errors = FieldErrors::new();
    let times = match time::meeting(&form.date, &form.start, &form.end) {
        Ok((starts_at, ends_at)) => Some(MeetingTimes {
            starts_at,
            ends_at,
            location: None,
        }),
        Err(why) => {
            errors.add("date", why);
            None
        }
    };
    let location = errors.check("location", required_text(&form.location, 300));
    let seats = errors.check("seats", participants(&form.seats));
    let teachers = errors.check("teachers", optional_text(&form.teachers, 300));
    let enrol_deadline = if form.enrol_deadline.trim().is_empty() {
        Some(None)
    } else {
        errors
            .check(
                "enrol_deadline",
                time::date(&form.enrol_deadline).and_then(|d| {
                    time::local_to_utc(
                        d,
                        chrono::NaiveTime::from_hms_opt(23, 59, 0).unwrap_or_default(),
                    )
                }),
            )
            .map(Some)
    };
    let (Some(times), Some(location), Some(seats), Some(teachers), Some(enrol_deadline), true) = (
        times,
        location,
        seats,
        teachers,
        enrol_deadline,
        errors.is_empty(),
    ) else {
        return render(&page, account, id, Some(form), &errors).await;
    };
    let base = page.state.settings.base_url().to_string();
    let secret = page.state.settings.secret_key.clone();
    let state = page.state.clone();
    let staff = account.user.id;
    let accepted = page
        .db()
        .transaction(move |c| {
            let booking = managed(c, &account, id)?;
            if !bookings::decide(c, id, BookingStatus::Accepted, None, staff)? {
                return Ok(false);
            }
            let course = courses::find(c, booking.course_id)?;
            let salt = token::generate();
            let raw = link_token(&secret, &salt);
            let hash = token::digest(&raw);
            let new = genlaer::new_session(
                booking.branch_id,
                &course.title,
                &location,
                None,
                Some(seats),
                enrol_deadline,
                None,
            );
            let session_id = genlaer::create(
                c,
                &new,
                &[times],
                course.id,
                teachers.as_deref().unwrap_or_default(),
                Some((
                    id,
                    Link {
                        token_hash: &hash,
                        salt: &salt,
                    },
                )),
            )?;
            let requester = users::find(c, booking.requester_id)?;
            let booking = bookings::find(c, id)?;
            let message = Message::BookingAccepted {
                booking: summary(c, &booking, &|p| state.link(p))?,
                session: sessions::summary(c, session_id, &base)?,
                enrol_link: state.link(&format!("/genlaer/tilmelding/{raw}")),
            };
            outbox::enqueue(c, &Recipient::from(&requester), &message)?;
            Ok(true)
        })
        .await?;
    if accepted {
        page.flash("success", "genlaer-booking-accepted");
    } else {
        page.flash("error", "genlaer-booking-already-decided");
    }
    Ok(redirect(&format!("/koordinator/genlaer/bestillinger/{id}")))
}

pub async fn decline(
    user: CoordinatorUser,
    page: Page,
    id: web::Path<i64>,
    Form(form): Form<DeclineForm>,
) -> Result<HttpResponse, AppError> {
    let id = id.into_inner();
    let account = (**user.account()).clone();
    let reason = match required_text(&form.reason, 1000) {
        Ok(r) => r,
        Err(why) => {
            let mut errors = FieldErrors::new();
            errors.add("reason", why);
            return render(&page, account, id, None, &errors).await;
        }
    };
    let state = page.state.clone();
    let staff = account.user.id;
    let declined = page
        .db()
        .transaction(move |c| {
            managed(c, &account, id)?;
            if !bookings::decide(c, id, BookingStatus::Declined, Some(&reason), staff)? {
                return Ok(false);
            }
            let booking = bookings::find(c, id)?;
            let requester = users::find(c, booking.requester_id)?;
            let message = Message::BookingDeclined {
                booking: summary(c, &booking, &|p| state.link(p))?,
                reason: Some(reason),
            };
            outbox::enqueue(c, &Recipient::from(&requester), &message)?;
            Ok(true)
        })
        .await?;
    if declined {
        page.flash("success", "genlaer-booking-declined");
    } else {
        page.flash("error", "genlaer-booking-already-decided");
    }
    Ok(redirect(&format!("/koordinator/genlaer/bestillinger/{id}")))
}
