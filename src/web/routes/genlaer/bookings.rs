//! An organisation books a GenLær course for its own staff: the request
//! form, the requester's page following it, and swapping a named
//! participant for a colleague until the session starts.

use actix_web::{HttpResponse, web};
use diesel::Connection;
use serde::{Deserialize, Serialize};
use tera::Context;

use crate::db::bookings::{self, Booking, NewBooking};
use crate::db::courses::{self, Course};
use crate::db::genlaer::{self, BookedSeat, Person, TxError};
use crate::db::sessions::{self, Session};
use crate::db::users::Account;
use crate::db::{DbConnection, branches, enrolments, now, outbox, users};
use crate::domain::genlaer::{self as rules, BookingStatus, ORGANISATION_KINDS};
use crate::domain::invoice::{Invoice, InvoiceInput};
use crate::domain::validation::{optional_text, required_text};
use crate::domain::{EmailAddress, FieldErrors, Invalid, names};
use crate::error::AppError;
use crate::mail::message::BookingSummary;
use crate::mail::{Message, Recipient};
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
    invoice_kind: String,
    ean: String,
    cvr: String,
    invoice_address: String,
    reference: String,
    message: String,
}

#[derive(Deserialize, Default)]
#[serde(default)]
pub struct FormQuery {
    kursus: String,
}

async fn render(
    page: &Page,
    form: &BookingForm,
    errors: &FieldErrors,
    invalid: bool,
) -> Result<HttpResponse, AppError> {
    let (courses, branches) = page
        .db()
        .run(|c| Ok((courses::bookable(c)?, branches::all(c)?)))
        .await?;
    let mut ctx = Context::new();
    ctx.insert("courses", &courses);
    ctx.insert("branches", &branches);
    ctx.insert("kinds", &ORGANISATION_KINDS);
    ctx.insert("form", form);
    ctx.insert("errors", errors);
    if invalid {
        page.render_invalid("genlaer/booking_form.html", ctx)
    } else {
        page.render("genlaer/booking_form.html", ctx)
    }
}

pub async fn form(
    page: Page,
    user: MaybeUser,
    q: web::Query<FormQuery>,
) -> Result<HttpResponse, AppError> {
    let slug = q.into_inner().kursus;
    let course_id = page
        .db()
        .run(move |c| Ok(courses::by_slug(c, &slug)?.map(|c| c.id)))
        .await?;
    let form = BookingForm {
        course: course_id.map(|id| id.to_string()).unwrap_or_default(),
        contact_name: user
            .0
            .as_ref()
            .map(|a| a.user.name.clone())
            .unwrap_or_default(),
        contact_email: user
            .0
            .as_ref()
            .map(|a| a.user.email.clone())
            .unwrap_or_default(),
        invoice_kind: "ean".into(),
        ..BookingForm::default()
    };
    render(&page, &form, &FieldErrors::new(), false).await
}

struct Valid {
    booking: NewBooking,
    email: EmailAddress,
}

fn validate(form: &BookingForm, bookable: &[Course]) -> Result<Valid, FieldErrors> {
    let mut errors = FieldErrors::new();
    let course = form
        .course
        .parse::<i64>()
        .ok()
        .filter(|id| bookable.iter().any(|c| c.id == *id));
    if course.is_none() {
        errors.add("course", Invalid("error-choose"));
    }
    let organisation = errors.check("organisation", required_text(&form.organisation, 200));
    let kind = errors.check(
        "organisation_kind",
        rules::organisation_kind(&form.organisation_kind),
    );
    let branch = match form.branch.trim() {
        "" => Some(None),
        v => v.parse::<i64>().ok().map(Some),
    };
    if branch.is_none() {
        errors.add("branch", Invalid("error-choose"));
    }
    let period = match rules::period(&form.wished_from, &form.wished_to) {
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
    let participants = errors.check("participants", rules::participants(&form.participants));
    let place = errors.check("place", required_text(&form.place, 300));
    let contact_name = errors.check("contact_name", names::person_name(&form.contact_name));
    let email = errors.check("contact_email", EmailAddress::parse(&form.contact_email));
    let phone = errors.check("contact_phone", optional_text(&form.contact_phone, 40));
    let message = errors.check("message", optional_text(&form.message, 2000));
    let invoice = InvoiceInput {
        invoice_kind: form.invoice_kind.clone(),
        ean: form.ean.clone(),
        cvr: form.cvr.clone(),
        invoice_address: form.invoice_address.clone(),
        reference: form.reference.clone(),
    }
    .validate(&mut errors);
    match (
        course,
        organisation,
        kind,
        branch,
        period,
        participants,
        place,
        contact_name,
        email,
        phone,
        message,
        invoice,
    ) {
        (
            Some(course_id),
            Some(organisation),
            Some(organisation_kind),
            Some(branch_id),
            Some((wished_from, wished_to)),
            Some(participants),
            Some(place),
            Some(contact_name),
            Some(email),
            Some(phone),
            Some(message),
            Some(invoice),
        ) if errors.is_empty() => Ok(Valid {
            booking: NewBooking {
                course_id,
                branch_id,
                requester_id: 0,
                organisation,
                organisation_kind,
                wished_from,
                wished_to,
                participants,
                place,
                contact_name,
                contact_email: email.as_str().to_string(),
                contact_phone: phone.unwrap_or_default(),
                invoice,
                message,
            },
            email,
        }),
        _ => Err(errors),
    }
}

/// The booking as its emails describe it.
pub fn summary(
    conn: &mut DbConnection,
    booking: &Booking,
    link: &dyn Fn(&str) -> String,
) -> Result<BookingSummary, AppError> {
    Ok(BookingSummary {
        id: booking.id,
        course_title: courses::find(conn, booking.course_id)?.title,
        organisation: booking.organisation.clone(),
        participants: booking.participants,
        wished_from: booking.wished_from,
        wished_to: booking.wished_to,
        url: link(&format!("/genlaer/bestillinger/{}", booking.id)),
    })
}

pub async fn submit(
    page: Page,
    user: MaybeUser,
    Form(form): Form<BookingForm>,
) -> Result<HttpResponse, AppError> {
    let bookable = page.db().run(|c| Ok(courses::bookable(c)?)).await?;
    let valid = match validate(&form, &bookable) {
        Ok(v) => v,
        Err(errors) => return render(&page, &form, &errors, true).await,
    };
    if let Some(b) = valid.booking.branch_id {
        let exists = page
            .db()
            .run(move |c| Ok(branches::by_ids(c, &[b])?.len() == 1))
            .await?;
        if !exists {
            let mut errors = FieldErrors::new();
            errors.add("branch", Invalid("error-choose"));
            return render(&page, &form, &errors, true).await;
        }
    }
    let account = user.0.map(|a| (*a).clone());
    let signed_in = account.is_some();
    let welcome = page.state.link("/konto/velkommen/");
    let language = page.lang.code();
    let state = page.state.clone();
    let id = page
        .db()
        .transaction(move |c| {
            let Valid { mut booking, email } = valid;
            booking.requester_id = match &account {
                Some(a) => a.user.id,
                None => genlaer::account_for(
                    c,
                    email.as_str(),
                    &booking.contact_name,
                    language,
                    &welcome,
                )?,
            };
            let id = bookings::create(c, &booking)?;
            let saved = bookings::find(c, id)?;
            let requester = users::find(c, saved.requester_id)?;
            let summary = summary(c, &saved, &|p| state.link(p))?;
            outbox::enqueue(
                c,
                &Recipient::from(&requester),
                &Message::BookingReceived { booking: summary },
            )?;
            Ok(id)
        })
        .await?;
    if signed_in {
        page.flash("success", "genlaer-booking-received");
        Ok(redirect(&format!("/genlaer/bestillinger/{id}")))
    } else {
        Ok(redirect("/genlaer/bestil/tak"))
    }
}

pub async fn thanks(page: Page) -> Result<HttpResponse, AppError> {
    page.render("genlaer/booking_thanks.html", Context::new())
}

#[derive(Serialize)]
struct BookingView {
    booking: Booking,
    course: Course,
    branch: Option<String>,
    session: Option<Session>,
    seats: Vec<BookedSeat>,
    link: Option<String>,
    may_swap: bool,
}

/// The booking, if this account made it or manages it.
fn visible(conn: &mut DbConnection, account: &Account, id: i64) -> Result<Booking, AppError> {
    let booking = bookings::find(conn, id)?;
    if booking.requester_id == account.user.id || super::manages_branch(account, booking.branch_id)
    {
        Ok(booking)
    } else {
        Err(AppError::Forbidden)
    }
}

pub async fn show(
    user: SignedIn,
    page: Page,
    id: web::Path<i64>,
) -> Result<HttpResponse, AppError> {
    let id = id.into_inner();
    let account = (**user.account()).clone();
    let secret = page.state.settings.secret_key.clone();
    let state = page.state.clone();
    let view = page
        .db()
        .run(move |c| {
            let booking = visible(c, &account, id)?;
            let course = courses::find(c, booking.course_id)?;
            let branch = match booking.branch_id {
                Some(b) => Some(branches::find(c, b)?.name),
                None => None,
            };
            let (session, seats, link) = match genlaer::of_booking(c, id)? {
                Some((session, detail)) => {
                    let seats = genlaer::booked_seats(c, session.id)?;
                    let link = detail.link_salt.as_deref().map(|salt| {
                        state.link(&format!(
                            "/genlaer/tilmelding/{}",
                            super::link_token(&secret, salt)
                        ))
                    });
                    (Some(session), seats, link)
                }
                None => (None, Vec::new(), None),
            };
            let may_swap = session.as_ref().is_some_and(|s| {
                s.status() == crate::domain::session::SessionStatus::Open && now() < s.starts_at
            });
            Ok(BookingView {
                booking,
                course,
                branch,
                session,
                seats,
                link,
                may_swap,
            })
        })
        .await?;
    let mut ctx = Context::new();
    ctx.insert("v", &view);
    ctx.insert("status", &view.booking.status);
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
    let account = (**user.account()).clone();
    let back = format!("/genlaer/bestillinger/{id}");
    let mut errors = FieldErrors::new();
    let name = errors.check("name", names::person_name(&form.name));
    let email = errors.check("email", EmailAddress::parse(&form.email));
    let workplace = errors.check("workplace", required_text(&form.workplace, 200));
    let job_title = errors.check("job_title", required_text(&form.job_title, 200));
    let (Some(name), Some(email), Some(workplace), Some(job_title)) =
        (name, email, workplace, job_title)
    else {
        page.flash("error", "genlaer-swap-invalid");
        return Ok(redirect(&back));
    };
    let base = page.state.settings.base_url().to_string();
    let welcome = page.state.link("/konto/velkommen/");
    let language = page.lang.code();
    let actor = account.user.id;
    let result = page
        .db()
        .run(move |c| {
            let booking = visible(c, &account, id)?;
            if booking.status() != BookingStatus::Accepted {
                return Err(AppError::NotFound);
            }
            let (session, _) = genlaer::of_booking(c, id)?.ok_or(AppError::NotFound)?;
            let sid = session.id;
            let done: Result<(), TxError> = c.transaction(|c| {
                let session = sessions::lock(c, sid)?;
                if now() >= session.starts_at {
                    return Err(TxError::Refused(
                        crate::domain::enrolment::Refusal::DeadlinePassed,
                    ));
                }
                let seated = enrolments::find(c, sid, person)?.is_some_and(|e| {
                    e.status() == crate::domain::enrolment::EnrolmentStatus::Confirmed
                });
                if !seated {
                    return Err(TxError::Refused(
                        crate::domain::enrolment::Refusal::NotEnrolled,
                    ));
                }
                enrolments::cancel(c, sid, person, Some(actor), &base)?
                    .map_err(TxError::Refused)?;
                let colleague = genlaer::account_for(c, email.as_str(), &name, language, &welcome)?;
                let enrolment = genlaer::enrol_booked(c, sid, colleague, true, &base)?;
                genlaer::save_details(
                    c,
                    &enrolment,
                    &Person {
                        name: name.clone(),
                        workplace: workplace.clone(),
                        job_title: job_title.clone(),
                        needs: None,
                    },
                    &Invoice::booking(),
                )?;
                Ok(())
            });
            match done {
                Ok(()) => Ok(None),
                Err(TxError::Db(e)) => Err(e.into()),
                Err(TxError::Refused(r)) => Ok(Some(r.message_key())),
                Err(TxError::SeatsTaken) => Ok(Some("genlaer-seats-taken")),
            }
        })
        .await?;
    match result {
        None => page.flash("success", "genlaer-swapped"),
        Some(key) => page.flash("error", key),
    }
    Ok(redirect(&back))
}
