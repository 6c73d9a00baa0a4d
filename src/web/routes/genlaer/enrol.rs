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
use diesel::Connection;
use serde::{Deserialize, Serialize};
use tera::Context;

use super::catalogue::{SessionView, build_view, session_view};
use crate::auth::token;
use crate::content::markdown_to_html;
use crate::db::genlaer::{self, Person, TxError};
use crate::db::users::Account;
use crate::db::{enrolments, sessions};
use crate::domain::enrolment::{EnrolmentStatus, Refusal};
use crate::domain::invoice::{Invoice, InvoiceInput};
use crate::domain::validation::{optional_text, required_text};
use crate::domain::{EmailAddress, FieldErrors, Invalid, names};
use crate::error::AppError;
use crate::web::page::redirect;
use crate::web::{Form, MaybeUser, Page, SignedIn};

#[derive(Debug, Deserialize, Serialize, Default, Clone)]
#[serde(default)]
pub struct EnrolForm {
    pub name: String,
    pub email: String,
    pub workplace: String,
    pub job_title: String,
    pub needs: String,
    pub invoice_kind: String,
    pub ean: String,
    pub cvr: String,
    pub invoice_address: String,
    pub reference: String,
}

impl EnrolForm {
    fn for_account(account: Option<&Account>) -> EnrolForm {
        EnrolForm {
            name: account.map(|a| a.user.name.clone()).unwrap_or_default(),
            email: account.map(|a| a.user.email.clone()).unwrap_or_default(),
            invoice_kind: "ean".into(),
            ..EnrolForm::default()
        }
    }

    fn invoice_input(&self) -> InvoiceInput {
        InvoiceInput {
            invoice_kind: self.invoice_kind.clone(),
            ean: self.ean.clone(),
            cvr: self.cvr.clone(),
            invoice_address: self.invoice_address.clone(),
            reference: self.reference.clone(),
        }
    }

    /// Every field checked in one pass; `with_invoice` is false on a
    /// private link, where the organisation's booking pays.
    fn validate(
        &self,
        account: Option<&Account>,
        with_invoice: bool,
    ) -> Result<(Person, EmailAddress, Invoice), FieldErrors> {
        let mut errors = FieldErrors::new();
        let name = errors.check("name", names::person_name(&self.name));
        let email = match account {
            Some(a) => EmailAddress::parse(&a.user.email).ok(),
            None => errors.check("email", EmailAddress::parse(&self.email)),
        };
        let workplace = errors.check("workplace", required_text(&self.workplace, 200));
        let job_title = errors.check("job_title", required_text(&self.job_title, 200));
        let needs = errors.check("needs", optional_text(&self.needs, 1000));
        let invoice = if with_invoice {
            self.invoice_input().validate(&mut errors)
        } else {
            Some(Invoice::booking())
        };
        match (name, email, workplace, job_title, needs, invoice) {
            (
                Some(name),
                Some(email),
                Some(workplace),
                Some(job_title),
                Some(needs),
                Some(invoice),
            ) if errors.is_empty() => Ok((
                Person {
                    name,
                    workplace,
                    job_title,
                    needs,
                },
                email,
                invoice,
            )),
            _ => Err(errors),
        }
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

async fn public_view(
    page: &Page,
    account: Option<Account>,
    id: i64,
) -> Result<SessionView, AppError> {
    let view = page
        .db()
        .run(move |c| session_view(c, account.as_ref(), id))
        .await?;
    // An organisation's session takes enrolments only through its link.
    if view.detail.is_closed() {
        return Err(AppError::NotFound);
    }
    Ok(view)
}

pub async fn form(
    page: Page,
    user: MaybeUser,
    id: web::Path<i64>,
) -> Result<HttpResponse, AppError> {
    let id = id.into_inner();
    let account = user.0.map(|a| (*a).clone());
    let view = public_view(&page, account.clone(), id).await?;
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

/// What an enrolment came to.
enum Outcome {
    Placed(EnrolmentStatus),
    /// Said the same way as a success when the visitor is not signed in.
    AlreadyEnrolled,
    Refused(Refusal),
    SeatsTaken,
}

fn outcome(result: Result<EnrolmentStatus, TxError>) -> Result<Outcome, AppError> {
    match result {
        Ok(status) => Ok(Outcome::Placed(status)),
        Err(TxError::Refused(Refusal::AlreadyEnrolled)) => Ok(Outcome::AlreadyEnrolled),
        Err(TxError::Refused(r)) => Ok(Outcome::Refused(r)),
        Err(TxError::SeatsTaken) => Ok(Outcome::SeatsTaken),
        Err(TxError::Db(e)) => Err(e.into()),
    }
}

/// Who the enrolment is for: the signed-in account, or the account for the
/// typed email (made if need be). Runs inside the enrolment's transaction,
/// after the session's lock.
fn person_id(
    c: &mut crate::db::DbConnection,
    account: Option<&Account>,
    email: &EmailAddress,
    name: &str,
    language: &str,
    welcome: &str,
) -> Result<i64, TxError> {
    Ok(match account {
        Some(a) => a.user.id,
        None => genlaer::account_for(c, email.as_str(), name, language, welcome)?,
    })
}

pub async fn submit(
    page: Page,
    user: MaybeUser,
    id: web::Path<i64>,
    Form(form): Form<EnrolForm>,
) -> Result<HttpResponse, AppError> {
    let id = id.into_inner();
    let account = user.0.map(|a| (*a).clone());
    let (person, email, invoice) = match form.validate(account.as_ref(), true) {
        Ok(valid) => valid,
        Err(errors) => {
            let view = public_view(&page, account.clone(), id).await?;
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
    let base = page.state.settings.base_url().to_string();
    let welcome = page.state.link("/konto/velkommen/");
    let language = page.lang.code();
    let who = account.clone();
    let result = page
        .db()
        .write(move |c| {
            outcome(c.transaction(|c| {
                // The lock first: on SQLite a transaction that writes must
                // begin by writing, or concurrent ones cannot wait their turn.
                let session = sessions::lock(c, id)?;
                // Only GenLær sessions in the catalogue take enrolments here;
                // an organisation's own session only through its link. The
                // page is not read before: a valid form needs only this.
                if genlaer::detail(c, id)?.is_closed() {
                    return Err(TxError::Db(diesel::result::Error::NotFound));
                }
                let uid = person_id(c, who.as_ref(), &email, &person.name, language, &welcome)?;
                let placed = enrolments::enrol_locked(c, &session, uid, false, &base)?
                    .map_err(TxError::Refused)?;
                genlaer::save_details(c, &placed, &person, &invoice)?;
                Ok(placed.status)
            }))
        })
        .await?;
    finish(&page, account.as_ref(), id, result)
}

fn finish(
    page: &Page,
    account: Option<&Account>,
    id: i64,
    result: Outcome,
) -> Result<HttpResponse, AppError> {
    let thanks = format!("/genlaer/hold/{id}/tak");
    match (result, account) {
        (Outcome::Placed(_) | Outcome::AlreadyEnrolled, None) => Ok(redirect(&thanks)),
        (Outcome::Placed(status), Some(_)) => {
            page.flash(
                "success",
                if status == EnrolmentStatus::Confirmed {
                    "genlaer-enrolled-confirmed"
                } else {
                    "genlaer-enrolled-waitlisted"
                },
            );
            Ok(redirect("/genlaer/mine-kurser"))
        }
        (Outcome::AlreadyEnrolled, Some(_)) => {
            page.flash("error", Refusal::AlreadyEnrolled.message_key());
            Ok(redirect(&format!("/genlaer/hold/{id}")))
        }
        (Outcome::Refused(refusal), _) => {
            page.flash("error", refusal.message_key());
            Ok(redirect(&format!("/genlaer/hold/{id}")))
        }
        (Outcome::SeatsTaken, _) => {
            page.flash("error", "genlaer-seats-taken");
            Ok(redirect(&thanks))
        }
    }
}

pub async fn thanks(page: Page) -> Result<HttpResponse, AppError> {
    page.render("genlaer/enrol_thanks.html", Context::new())
}

async fn link_view(
    page: &Page,
    account: Option<Account>,
    raw: &str,
) -> Result<SessionView, AppError> {
    let digest = token::digest(raw);
    page.db()
        .run(move |c| {
            // The link itself admits to the session.
            let (session, detail) = genlaer::by_link(c, &digest)?.ok_or(AppError::NotFound)?;
            build_view(c, account.as_ref(), session, detail)
        })
        .await
}

pub async fn link_form(
    page: Page,
    user: MaybeUser,
    raw: web::Path<String>,
) -> Result<HttpResponse, AppError> {
    let raw = raw.into_inner();
    let account = user.0.map(|a| (*a).clone());
    let view = link_view(&page, account.clone(), &raw).await?;
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
    let view = link_view(&page, account.clone(), &raw).await?;
    let id = view.session.id;
    let action = format!("/genlaer/tilmelding/{raw}");
    let (person, email, invoice) = match form.validate(account.as_ref(), false) {
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
    let base = page.state.settings.base_url().to_string();
    let welcome = page.state.link("/konto/velkommen/");
    let language = page.lang.code();
    let who = account.clone();
    let result = page
        .db()
        .write(move |c| {
            outcome(c.transaction(|c| {
                sessions::lock(c, id)?;
                let uid = person_id(c, who.as_ref(), &email, &person.name, language, &welcome)?;
                let enrolment = genlaer::enrol_booked(c, id, uid, false, &base)?;
                genlaer::save_details(c, &enrolment, &person, &invoice)?;
                Ok(EnrolmentStatus::Confirmed)
            }))
        })
        .await?;
    if matches!(result, Outcome::SeatsTaken) {
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
    let uid = user.user.id;
    let base = page.state.settings.base_url().to_string();
    let result = page
        .db()
        .write(move |c| {
            genlaer::find(c, id)?;
            let was = enrolments::find(c, id, uid)?.map(|e| e.status());
            let done = c.transaction(|c| enrolments::cancel(c, id, uid, None, &base))?;
            Ok(done.map(|_| was))
        })
        .await?;
    match result {
        Ok(Some(EnrolmentStatus::Waitlisted)) => page.flash("success", "genlaer-left-queue"),
        Ok(_) => page.flash("success", "genlaer-cancelled"),
        Err(refusal) => page.flash("error", refusal.message_key()),
    }
    Ok(redirect("/genlaer/mine-kurser"))
}
