//! Enrolling in a GenLær session: the public form (with invoice details)
//! and an organisation's private link (the booking pays), and cancelling
//! one's own seat or leaving the waiting list.
//!
//! Someone who is not signed in enrols by email: the account with that
//! address is used, or a new one is made (with a link to choose a
//! password). The page then says the same whatever happened, and the
//! account's owner hears by email, so the form reveals nothing about
//! anybody's account.

use actix_web::http::StatusCode;
use actix_web::{HttpResponse, web};
use serde::{Deserialize, Serialize};
use tera::Context;

use crate::app::genlaer::catalogue::{self, SessionView};
use crate::app::genlaer::{self as genlaer_app, Enrolled, Enrolment, Participant};
use crate::content::markdown_to_html;
use crate::db::genlaer::Person;
use crate::db::users::Account;
use crate::domain::enrolment::{EnrolmentStatus, Refusal};
use crate::domain::invoice::{Invoice, InvoiceInput};
use crate::domain::validation::{optional_text, required_text};
use crate::domain::{EmailAddress, FieldErrors, Invalid, Lang, names};
use crate::error::AppError;
use crate::web::page::redirect;
use crate::web::session;
use crate::web::{Form, MaybeUser, Page, SignedIn};
use actix_session::SessionExt;

#[derive(Debug, Deserialize, Serialize, Default, Clone)]
#[serde(default)]
pub struct EnrolForm {
    pub name: String,
    pub email: String,
    pub workplace: String,
    pub job_title: String,
    pub needs: String,
    /// Who pays, as typed (`invoice_kind`, `ean`, …).
    #[serde(flatten)]
    pub invoice: InvoiceInput,
}

impl EnrolForm {
    fn for_account(account: Option<&Account>) -> EnrolForm {
        EnrolForm {
            name: account.map(|a| a.user.name.clone()).unwrap_or_default(),
            email: account.map(|a| a.user.email.clone()).unwrap_or_default(),
            invoice: InvoiceInput::paid_by_ean(),
            ..EnrolForm::default()
        }
    }

    /// The form as an enrolment, every field checked in one pass. On a
    /// private link (`with_invoice` false) the organisation's booking pays.
    fn parse(
        &self,
        account: Option<&Account>,
        language: Lang,
        with_invoice: bool,
    ) -> Result<Enrolment, FieldErrors> {
        let mut errors = FieldErrors::new();
        self.check(account, language, with_invoice, &mut errors)
            .filter(|_| errors.is_empty())
            .ok_or(errors)
    }

    fn check(
        &self,
        account: Option<&Account>,
        language: Lang,
        with_invoice: bool,
        errors: &mut FieldErrors,
    ) -> Option<Enrolment> {
        let name = errors.check("name", names::person_name(&self.name));
        let participant = match account {
            Some(a) => Some(Participant::SignedIn(a.user.id)),
            None => errors
                .check("email", EmailAddress::parse(&self.email))
                .map(|email| Participant::ByEmail { email, language }),
        };
        let workplace = errors.check("workplace", required_text(&self.workplace, 200));
        let job_title = errors.check("job_title", required_text(&self.job_title, 200));
        let needs = errors.check("needs", optional_text(&self.needs, 1000));
        let invoice = if with_invoice {
            self.invoice.validate(errors)
        } else {
            Some(Invoice::booking())
        };
        Some(Enrolment {
            participant: participant?,
            person: Person {
                name: name?,
                workplace: workplace?,
                job_title: job_title?,
                needs: needs?,
            },
            invoice: invoice?,
        })
    }
}

fn render(
    page: &Page,
    view: &SessionView,
    form: &EnrolForm,
    errors: &FieldErrors,
    action: &str,
    status: StatusCode,
) -> Result<HttpResponse, AppError> {
    let mut ctx = Context::new();
    ctx.insert("v", view);
    ctx.insert("form", form);
    ctx.insert("errors", errors);
    ctx.insert("action", action);
    ctx.insert("private_link", &view.detail.is_closed());
    ctx.insert(
        "terms_html",
        &markdown_to_html(&view.course.cancellation_terms),
    );
    page.render_status(status, "genlaer/enrol.html", ctx)
}

pub async fn form(
    page: Page,
    user: MaybeUser,
    id: web::Path<i64>,
) -> Result<HttpResponse, AppError> {
    let id = id.into_inner();
    let account = user.0.map(|a| (*a).clone());
    let view = catalogue::open_for_enrolment(&page.state.app, account.clone(), id).await?;
    let form = EnrolForm::for_account(account.as_ref());
    render(
        &page,
        &view,
        &form,
        &FieldErrors::new(),
        &format!("/genlaer/hold/{id}/tilmeld"),
        StatusCode::OK,
    )
}

pub async fn submit(
    page: Page,
    user: MaybeUser,
    id: web::Path<i64>,
    Form(form): Form<EnrolForm>,
) -> Result<HttpResponse, AppError> {
    let id = id.into_inner();
    let account = user.0.map(|a| (*a).clone());
    let enrolment = match form.parse(account.as_ref(), page.lang, true) {
        Ok(valid) => valid,
        Err(errors) => {
            let view = catalogue::open_for_enrolment(&page.state.app, account.clone(), id).await?;
            let action = format!("/genlaer/hold/{id}/tilmeld");
            return render(
                &page,
                &view,
                &form,
                &errors,
                &action,
                StatusCode::UNPROCESSABLE_ENTITY,
            );
        }
    };
    let result = genlaer_app::enrol(&page.state.app, id, enrolment).await?;
    finish(&page, account.as_ref(), id, result)
}

fn finish(
    page: &Page,
    account: Option<&Account>,
    id: i64,
    result: Enrolled,
) -> Result<HttpResponse, AppError> {
    let thanks = format!("/genlaer/hold/{id}/tak");
    match (result, account) {
        (Enrolled::Placed { user_id, .. }, None) => {
            // Only this browser may see what it just enrolled.
            session::remember_enrolment(&page.req.get_session(), id, user_id);
            Ok(redirect(&thanks))
        }
        (Enrolled::Placed { .. }, Some(_)) => Ok(redirect(&thanks)),
        // Said like a success (the page without the seat, since it is not
        // this browser's to show), so the form tells nobody about another
        // person's enrolments; the owner hears by email.
        (Enrolled::AlreadyEnrolled, None) => Ok(redirect(&thanks)),
        (Enrolled::AlreadyEnrolled, Some(_)) => {
            page.error(Refusal::AlreadyEnrolled.message_key());
            Ok(redirect(&format!("/genlaer/hold/{id}")))
        }
        (Enrolled::Refused(refusal), _) => {
            page.error(refusal.message_key());
            Ok(redirect(&format!("/genlaer/hold/{id}")))
        }
        (Enrolled::SeatsTaken, _) => {
            page.error("genlaer-seats-taken");
            Ok(redirect(&thanks))
        }
    }
}

/// The booking confirmation: seat or waiting list (and the number in the
/// queue), with what was booked, the same as the email. For the signed-in
/// participant, or for the browser that just enrolled someone; anybody
/// else sees the general thanks.
pub async fn thanks(
    page: Page,
    user: MaybeUser,
    id: web::Path<i64>,
) -> Result<HttpResponse, AppError> {
    let id = id.into_inner();
    let user_id = match &user.0 {
        Some(account) => Some(account.user.id),
        None => session::enrolled_in(&page.req.get_session(), id),
    };
    let confirmation = match user_id {
        Some(uid) => genlaer_app::confirmation(&page.state.app, id, uid).await?,
        None => None,
    };
    let mut ctx = Context::new();
    ctx.insert("c", &confirmation);
    ctx.insert("session_id", &id);
    page.render("genlaer/enrol_thanks.html", ctx)
}

pub async fn link_form(
    page: Page,
    user: MaybeUser,
    raw: web::Path<String>,
) -> Result<HttpResponse, AppError> {
    let raw = raw.into_inner();
    let account = user.0.map(|a| (*a).clone());
    let view = catalogue::by_link(&page.state.app, account.clone(), &raw).await?;
    let form = EnrolForm::for_account(account.as_ref());
    render(
        &page,
        &view,
        &form,
        &FieldErrors::new(),
        &format!("/genlaer/tilmelding/{raw}"),
        StatusCode::OK,
    )
}

pub async fn link_submit(
    page: Page,
    user: MaybeUser,
    raw: web::Path<String>,
    Form(form): Form<EnrolForm>,
) -> Result<HttpResponse, AppError> {
    let raw = raw.into_inner();
    let account = user.0.map(|a| (*a).clone());
    let view = catalogue::by_link(&page.state.app, account.clone(), &raw).await?;
    let id = view.session.id;
    let action = format!("/genlaer/tilmelding/{raw}");
    let enrolment = match form.parse(account.as_ref(), page.lang, false) {
        Ok(valid) => valid,
        Err(errors) => {
            return render(
                &page,
                &view,
                &form,
                &errors,
                &action,
                StatusCode::UNPROCESSABLE_ENTITY,
            );
        }
    };
    let result = genlaer_app::enrol_by_link(&page.state.app, id, enrolment).await?;
    if matches!(result, Enrolled::SeatsTaken) {
        let mut errors = FieldErrors::new();
        errors.add("name", Invalid("genlaer-seats-taken"));
        return render(&page, &view, &form, &errors, &action, StatusCode::CONFLICT);
    }
    finish(&page, account.as_ref(), id, result)
}

/// A participant cancels their seat (until the cancellation deadline) or
/// leaves the waiting list (always).
pub async fn cancel(
    user: SignedIn,
    page: Page,
    id: web::Path<i64>,
) -> Result<HttpResponse, AppError> {
    let id = id.into_inner();
    let result = genlaer_app::cancel(&page.state.app, id, user.user.id).await?;
    match result {
        Ok(c) if c.was == EnrolmentStatus::Waitlisted => page.success("genlaer-left-queue"),
        Ok(_) => page.success("genlaer-cancelled"),
        Err(refusal) => page.error(refusal.message_key()),
    }
    Ok(redirect("/genlaer/mine-kurser"))
}
