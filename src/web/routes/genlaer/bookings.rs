//! An organisation books a GenLær course for its own staff: the request
//! form, the requester's page following it, and swapping a named
//! participant for a colleague until the session starts.

use actix_web::{HttpResponse, web};
use serde::{Deserialize, Serialize};
use tera::Context;

use crate::app::genlaer::bookings::{self, Choices, Request};
use crate::app::genlaer::{self as genlaer_app, Colleague, Enrolled};
use crate::db::bookings::NewBooking;
use crate::db::genlaer::Person;
use crate::domain::Code;
use crate::domain::enrolment::Refusal;
use crate::domain::genlaer::{self as rules, OrganisationKind};
use crate::domain::invoice::InvoiceInput;
use crate::domain::validation::{optional_text, required_text};
use crate::domain::{EmailAddress, FieldErrors, Invalid, names};
use crate::error::AppError;
use crate::web::page::redirect;
use crate::web::{Form, MaybeUser, Page, SignedIn};

#[derive(Debug, Deserialize, Serialize, Default, Clone)]
#[serde(default)]
pub struct BookingForm {
    course: String,
    organisation: String,
    organisation_kind: String,
    branch: String,
    wished_from: String,
    wished_to: String,
    participants: String,
    place: String,
    contact_name: String,
    contact_email: String,
    contact_phone: String,
    /// Who pays, as typed (`invoice_kind`, `ean`, …).
    #[serde(flatten)]
    invoice: InvoiceInput,
    message: String,
}

#[derive(Deserialize, Default)]
#[serde(default)]
pub struct FormQuery {
    kursus: String,
}

impl BookingForm {
    /// The form as a request, every field checked in one pass against the
    /// courses and branches it offered.
    fn parse(&self, choices: &Choices) -> Result<Request, FieldErrors> {
        let mut errors = FieldErrors::new();
        self.check(choices, &mut errors)
            .filter(|_| errors.is_empty())
            .ok_or(errors)
    }

    fn check(&self, choices: &Choices, errors: &mut FieldErrors) -> Option<Request> {
        let course = self
            .course
            .parse::<i64>()
            .ok()
            .filter(|id| choices.courses.iter().any(|c| c.id == *id));
        if course.is_none() {
            errors.add("course", Invalid("error-choose"));
        }
        let organisation = errors.check("organisation", required_text(&self.organisation, 200));
        let kind = errors.check(
            "organisation_kind",
            rules::organisation_kind(&self.organisation_kind),
        );
        let branch = match self.branch.trim() {
            "" => Some(None),
            v => v
                .parse::<i64>()
                .ok()
                .filter(|id| choices.branches.iter().any(|b| b.branch.id == *id))
                .map(Some),
        };
        if branch.is_none() {
            errors.add("branch", Invalid("error-choose"));
        }
        let period = match rules::period(&self.wished_from, &self.wished_to) {
            Ok(p) => Some(p),
            Err((field, why)) => {
                errors.add(
                    if field == "wished_from" {
                        "wished_from"
                    } else {
                        "wished_to"
                    },
                    why,
                );
                None
            }
        };
        let participants = errors.check("participants", rules::participants(&self.participants));
        let place = errors.check("place", required_text(&self.place, 300));
        let contact_name = errors.check("contact_name", names::person_name(&self.contact_name));
        let email = errors.check("contact_email", EmailAddress::parse(&self.contact_email));
        let phone = errors.check("contact_phone", optional_text(&self.contact_phone, 40));
        let message = errors.check("message", optional_text(&self.message, 2000));
        let invoice = self.invoice.validate(errors);
        let (wished_from, wished_to) = period?;
        let email = email?;
        Some(Request {
            booking: NewBooking {
                course_id: course?,
                branch_id: branch?,
                // The use case fills in who asked.
                requester_id: 0,
                organisation: organisation?,
                organisation_kind: kind?,
                wished_from,
                wished_to,
                participants: participants?,
                place: place?,
                contact_name: contact_name?,
                contact_email: email.as_str().to_string(),
                contact_phone: phone?.unwrap_or_default(),
                invoice: invoice?,
                message: message?,
            },
            email,
        })
    }
}

fn render(
    page: &Page,
    choices: &Choices,
    form: &BookingForm,
    errors: &FieldErrors,
) -> Result<HttpResponse, AppError> {
    let mut ctx = Context::new();
    ctx.insert("courses", &choices.courses);
    ctx.insert("branches", &choices.branches);
    ctx.insert("kinds", OrganisationKind::ALL);
    ctx.insert("form", form);
    ctx.insert("errors", errors);
    if errors.is_empty() {
        page.render("genlaer/booking_form.html", ctx)
    } else {
        page.render_invalid("genlaer/booking_form.html", ctx)
    }
}

pub async fn form(
    page: Page,
    user: MaybeUser,
    q: web::Query<FormQuery>,
) -> Result<HttpResponse, AppError> {
    let app = &page.state.app;
    let course_id = bookings::course_named(app, q.into_inner().kursus).await?;
    let choices = bookings::choices(app).await?;
    let account = user.0.as_ref();
    let form = BookingForm {
        course: course_id.map(|id| id.to_string()).unwrap_or_default(),
        contact_name: account.map(|a| a.user.name.clone()).unwrap_or_default(),
        contact_email: account.map(|a| a.user.email.clone()).unwrap_or_default(),
        invoice: InvoiceInput::paid_by_ean(),
        ..BookingForm::default()
    };
    render(&page, &choices, &form, &FieldErrors::new())
}

pub async fn submit(
    page: Page,
    user: MaybeUser,
    Form(form): Form<BookingForm>,
) -> Result<HttpResponse, AppError> {
    let app = &page.state.app;
    let choices = bookings::choices(app).await?;
    let request = match form.parse(&choices) {
        Ok(valid) => valid,
        Err(errors) => return render(&page, &choices, &form, &errors),
    };
    let account = user.0.as_deref();
    let id = bookings::request(app, account, page.lang, request).await?;
    if account.is_some() {
        page.success("genlaer-booking-received");
        Ok(redirect(&format!("/genlaer/bestillinger/{id}")))
    } else {
        Ok(redirect("/genlaer/bestil/tak"))
    }
}

pub async fn thanks(page: Page) -> Result<HttpResponse, AppError> {
    page.render("genlaer/booking_thanks.html", Context::new())
}

pub async fn show(
    user: SignedIn,
    page: Page,
    id: web::Path<i64>,
) -> Result<HttpResponse, AppError> {
    let mut view = bookings::booking(&page.state.app, user.account(), id.into_inner()).await?;
    // The link is sent on by the organisation, so it is shown whole.
    view.link = view.link.map(|path| page.state.links.absolute(&path));
    let mut ctx = Context::new();
    ctx.insert("v", &view);
    page.render("genlaer/booking.html", ctx)
}

#[derive(Deserialize, Default)]
#[serde(default)]
pub struct SwapForm {
    name: String,
    email: String,
    workplace: String,
    job_title: String,
}

/// Gives a named participant's seat to a colleague, in one transaction:
/// the old seat is cancelled and the colleague enrolled, or nothing
/// changes. Allowed to the booker (and coordinators) until the start.
pub async fn swap(
    user: SignedIn,
    page: Page,
    p: web::Path<(i64, i64)>,
    Form(form): Form<SwapForm>,
) -> Result<HttpResponse, AppError> {
    let (id, person) = p.into_inner();
    let back = format!("/genlaer/bestillinger/{id}");
    let mut errors = FieldErrors::new();
    let name = errors.check("name", names::person_name(&form.name));
    let email = errors.check("email", EmailAddress::parse(&form.email));
    let workplace = errors.check("workplace", required_text(&form.workplace, 200));
    let job_title = errors.check("job_title", required_text(&form.job_title, 200));
    let (Some(name), Some(email), Some(workplace), Some(job_title)) =
        (name, email, workplace, job_title)
    else {
        page.error("genlaer-swap-invalid");
        return Ok(redirect(&back));
    };
    let colleague = Colleague {
        email,
        person: Person {
            name,
            workplace,
            job_title,
            needs: None,
        },
        language: page.lang,
    };
    let result =
        match genlaer_app::swap(&page.state.app, user.account(), id, person, colleague).await? {
            Enrolled::Placed { .. } => None,
            Enrolled::AlreadyEnrolled => Some(Refusal::AlreadyEnrolled.message_key()),
            Enrolled::Refused(r) => Some(r.message_key()),
            Enrolled::SeatsTaken => Some("genlaer-seats-taken"),
        };
    match result {
        None => page.success("genlaer-swapped"),
        Some(key) => page.error(key),
    }
    Ok(redirect(&back))
}
