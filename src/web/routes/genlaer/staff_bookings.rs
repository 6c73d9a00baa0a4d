//! Coordinators handle organisations' booking requests: accept (a closed
//! session for the organisation, with a private enrolment link limited to
//! the booked seats) or decline with a reason. Either way the requester is
//! told, in the same transaction.

use actix_web::{HttpResponse, web};
use serde::{Deserialize, Serialize};
use tera::Context;

use crate::app::audit::Actor;
use crate::app::genlaer::bookings::{self, Acceptance};
use crate::db::sessions::MeetingTimes;
use crate::domain::FieldErrors;
use crate::domain::genlaer::{self as rules, participants};
use crate::domain::money::{parse_kroner, to_form};
use crate::domain::time;
use crate::domain::validation::{optional_text, required_text};
use crate::error::AppError;
use crate::web::page::redirect;
use crate::web::{CoordinatorUser, Form, Page};

pub async fn list(user: CoordinatorUser, page: Page) -> Result<HttpResponse, AppError> {
    let rows = bookings::handled_by(&page.state.app, user.account()).await?;
    let mut ctx = Context::new();
    ctx.insert("rows", &rows);
    page.render("genlaer/staff/bookings.html", ctx)
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
    price: String,
}

impl TryFrom<&AcceptForm> for Acceptance {
    type Error = FieldErrors;

    fn try_from(form: &AcceptForm) -> Result<Acceptance, FieldErrors> {
        let mut errors = FieldErrors::new();
        form.check(&mut errors)
            .filter(|_| errors.is_empty())
            .ok_or(errors)
    }
}

impl AcceptForm {
    fn check(&self, errors: &mut FieldErrors) -> Option<Acceptance> {
        let times = errors.check(
            "date",
            super::staff_sessions::planned_meeting(&self.date, &self.start, &self.end),
        );
        let location = errors.check("location", required_text(&self.location, 300));
        let seats = errors.check("seats", participants(&self.seats));
        let teachers = errors.check("teachers", optional_text(&self.teachers, 300));
        let enrol_deadline = errors.check("enrol_deadline", time::deadline(&self.enrol_deadline));
        let price_ore = errors.check("price", agreed_price(&self.price));
        let (starts_at, ends_at) = times?;
        if let Err(why) = rules::deadline_before_start(enrol_deadline.flatten(), starts_at) {
            errors.add("enrol_deadline", why);
        }
        Some(Acceptance {
            times: MeetingTimes {
                starts_at,
                ends_at,
                location: None,
                online_url: None,
            },
            location: location?,
            seats: seats?,
            teachers: teachers?,
            enrol_deadline: enrol_deadline?,
            price_ore: price_ore?,
        })
    }
}

/// The agreed price must be stated (zero is a free course, typed as 0).
fn agreed_price(input: &str) -> Result<i64, crate::domain::Invalid> {
    if input.trim().is_empty() {
        return Err(crate::domain::Invalid("error-required"));
    }
    parse_kroner(input)
}

#[derive(Deserialize, Serialize, Default)]
#[serde(default)]
pub struct DeclineForm {
    reason: String,
}

async fn render(
    page: &Page,
    user: &CoordinatorUser,
    id: i64,
    accept: Option<AcceptForm>,
    errors: &FieldErrors,
) -> Result<HttpResponse, AppError> {
    let view = bookings::handling(&page.state.app, user.account(), id).await?;
    let accept = accept.unwrap_or_else(|| AcceptForm {
        date: view.booking.wished_from.format("%Y-%m-%d").to_string(),
        start: "09:00".into(),
        end: "15:00".into(),
        location: view.booking.place.clone(),
        seats: view.booking.participants.to_string(),
        // The course's price per participant times the seats asked for.
        price: to_form(view.course.price_ore * i64::from(view.booking.participants)),
        ..AcceptForm::default()
    });
    let mut ctx = Context::new();
    ctx.insert("v", &view);
    ctx.insert("accept", &accept);
    ctx.insert("errors", errors);
    page.render_form(errors, "genlaer/staff/booking.html", ctx)
}

pub async fn show(
    user: CoordinatorUser,
    page: Page,
    id: web::Path<i64>,
) -> Result<HttpResponse, AppError> {
    render(&page, &user, id.into_inner(), None, &FieldErrors::new()).await
}

pub async fn accept(
    user: CoordinatorUser,
    by: Actor,
    page: Page,
    id: web::Path<i64>,
    Form(form): Form<AcceptForm>,
) -> Result<HttpResponse, AppError> {
    let id = id.into_inner();
    let plan = match Acceptance::try_from(&form) {
        Ok(plan) => plan,
        Err(errors) => return render(&page, &user, id, Some(form), &errors).await,
    };
    if bookings::accept(&page.state.app, user.account(), by, id, plan).await? {
        page.success("genlaer-booking-accepted");
    } else {
        page.error("genlaer-booking-already-decided");
    }
    Ok(redirect(&format!("/koordinator/genlaer/bestillinger/{id}")))
}

pub async fn decline(
    user: CoordinatorUser,
    by: Actor,
    page: Page,
    id: web::Path<i64>,
    Form(form): Form<DeclineForm>,
) -> Result<HttpResponse, AppError> {
    let id = id.into_inner();
    let reason = match required_text(&form.reason, 1000) {
        Ok(r) => r,
        Err(why) => {
            let mut errors = FieldErrors::new();
            errors.add("reason", why);
            return render(&page, &user, id, None, &errors).await;
        }
    };
    if bookings::decline(&page.state.app, user.account(), by, id, reason).await? {
        page.success("genlaer-booking-declined");
    } else {
        page.error("genlaer-booking-already-decided");
    }
    Ok(redirect(&format!("/koordinator/genlaer/bestillinger/{id}")))
}
