//! The volunteer's and the public's side: upcoming evenings one may attend,
//! one evening's page, answering yes or no (active brobyggere), and signing
//! up for a public info evening (anyone; an account is made or reused by
//! email, and the page says the same whatever happened).

use actix_web::dev::Payload;
use actix_web::http::StatusCode;
use actix_web::{FromRequest, HttpRequest, HttpResponse, web};
use serde::{Deserialize, Serialize};
use tera::Context;

use crate::app::evenings::{self as app, Evening, EveningPage, Guest};
use crate::db::users::Account;
use crate::domain::enrolment::{EnrolmentStatus, Refusal};
use crate::domain::evening::{Answer, Reply};
use crate::domain::{Code, EmailAddress, FieldErrors, Lang, names};
use crate::error::AppError;
use crate::web::page::redirect;
use crate::web::routes::volunteers::ActiveVolunteer;
use crate::web::{Form, MaybeUser, Page, SignedIn};

fn path(id: i64) -> String {
    format!("/aftener/{id}")
}

pub async fn list(page: Page, user: MaybeUser) -> Result<HttpResponse, AppError> {
    let upcoming = app::upcoming(&page.state.app, user.0.as_deref()).await?;
    page.render("evenings/list.html", Context::from_serialize(&upcoming)?)
}

/// Who may open a brobyggeraften: an active brobygger it welcomes. Others
/// get their checklist (not active) or 403 (another branch's evening).
async fn admitted(
    req: &HttpRequest,
    evening: &Evening,
) -> Result<ActiveVolunteer, actix_web::Error> {
    let active = ActiveVolunteer::from_request(req, &mut Payload::None).await?;
    if evening
        .detail
        .audience(&evening.session)
        .welcomes(active.gate.branch_id)
    {
        Ok(active)
    } else {
        Err(AppError::Forbidden.into())
    }
}

#[derive(Deserialize, Serialize, Default, Clone)]
#[serde(default)]
pub struct SignupForm {
    name: String,
    email: String,
}

impl SignupForm {
    /// Who signs up: the signed-in account with one click, else the name
    /// and address typed.
    fn parse(&self, account: Option<&Account>, language: Lang) -> Result<Guest, FieldErrors> {
        if let Some(a) = account {
            return Ok(Guest::SignedIn(a.user.id));
        }
        let mut errors = FieldErrors::new();
        let name = errors.check("name", names::person_name(&self.name));
        let email = errors.check("email", EmailAddress::parse(&self.email));
        match (name, email) {
            (Some(name), Some(email)) if errors.is_empty() => Ok(Guest::ByEmail {
                name,
                email,
                language,
            }),
            _ => Err(errors),
        }
    }
}

fn render(
    page: &Page,
    evening: &EveningPage,
    form: &SignupForm,
    errors: &FieldErrors,
    status: StatusCode,
) -> Result<HttpResponse, AppError> {
    let mut ctx = Context::from_serialize(evening)?;
    ctx.insert("form", form);
    ctx.insert("errors", errors);
    ctx.insert(
        "calendar_path",
        &crate::web::routes::calendar::download_path(evening.v.session.id),
    );
    page.render_status(status, "evenings/show.html", ctx)
}

pub async fn show(
    req: HttpRequest,
    page: Page,
    user: MaybeUser,
    id: web::Path<i64>,
) -> Result<HttpResponse, actix_web::Error> {
    let viewer = user.0.as_ref().map(|a| a.user.id);
    let evening = app::evening(&page.state.app, viewer, id.into_inner())
        .await
        .map_err(AppError::from)?;
    if !evening.v.public {
        admitted(&req, &evening.v).await?;
    }
    let blank = SignupForm::default();
    Ok(render(
        &page,
        &evening,
        &blank,
        &FieldErrors::new(),
        StatusCode::OK,
    )?)
}

#[derive(Deserialize, Default)]
#[serde(default)]
pub struct AnswerForm {
    answer: String,
}

/// The active brobygger a brobyggeraften welcomes, who may answer it;
/// `NotFound` for an info evening, which takes sign-ups, not answers.
async fn invited(
    req: &HttpRequest,
    page: &Page,
    id: i64,
) -> Result<ActiveVolunteer, actix_web::Error> {
    let evening = app::evening(&page.state.app, None, id)
        .await
        .map_err(AppError::from)?;
    if evening.v.public {
        return Err(AppError::NotFound.into());
    }
    admitted(req, &evening.v).await
}

/// An active brobygger answers yes or no, and may change their mind.
pub async fn answer(
    req: HttpRequest,
    page: Page,
    id: web::Path<i64>,
    Form(form): Form<AnswerForm>,
) -> Result<HttpResponse, actix_web::Error> {
    let id = id.into_inner();
    let active = invited(&req, &page, id).await?;
    let Some(answer) = Answer::parse(&form.answer) else {
        return Err(AppError::BadRequest("answer must be yes or no".into()).into());
    };
    let result = app::answer_invitation(&page.state.app, id, active.account.user.id, answer)
        .await
        .map_err(AppError::from)?;
    match result {
        Ok(Reply::Coming) => page.success("evening-answered-yes"),
        Ok(Reply::Waiting) => page.success("evening-answered-waiting"),
        Ok(_) => page.success("evening-answered-no"),
        Err(refusal) => page.error(refusal.message_key()),
    }
    Ok(redirect(&path(id)))
}

/// Signing up for a public info evening: signed in with one click, else by
/// name and email.
pub async fn signup(
    page: Page,
    user: MaybeUser,
    id: web::Path<i64>,
    Form(form): Form<SignupForm>,
) -> Result<HttpResponse, AppError> {
    let id = id.into_inner();
    let account = user.0.as_deref();
    let guest = match form.parse(account, page.lang) {
        Ok(guest) => guest,
        Err(errors) => {
            let evening = app::evening(&page.state.app, None, id).await?;
            if !evening.v.public {
                return Err(AppError::NotFound);
            }
            let status = StatusCode::UNPROCESSABLE_ENTITY;
            return render(&page, &evening, &form, &errors, status);
        }
    };
    let result = app::sign_up(&page.state.app, id, guest).await?;
    match (result, account) {
        // Said the same way whether or not the email had an account.
        (Ok(_) | Err(Refusal::AlreadyEnrolled), None) => {
            Ok(redirect(&format!("/aftener/{id}/tak")))
        }
        (Ok(EnrolmentStatus::Confirmed), Some(_)) => {
            page.success("evening-signed-up");
            Ok(redirect(&path(id)))
        }
        (Ok(_), Some(_)) => {
            page.success("evening-answered-waiting");
            Ok(redirect(&path(id)))
        }
        (Err(refusal), _) => {
            page.error(refusal.message_key());
            Ok(redirect(&path(id)))
        }
    }
}

pub async fn thanks(page: Page, id: web::Path<i64>) -> Result<HttpResponse, AppError> {
    let evening = app::evening(&page.state.app, None, id.into_inner()).await?;
    if !evening.v.public {
        return Err(AppError::NotFound);
    }
    let mut ctx = Context::new();
    ctx.insert("v", &evening.v);
    page.render("evenings/thanks.html", ctx)
}

/// Someone signed up for an info evening cancels their seat.
pub async fn cancel(
    user: SignedIn,
    page: Page,
    id: web::Path<i64>,
) -> Result<HttpResponse, AppError> {
    let id = id.into_inner();
    match app::cancel_sign_up(&page.state.app, id, user.user.id).await? {
        Ok(_) => page.success("evening-signup-cancelled"),
        Err(refusal) => page.error(refusal.message_key()),
    }
    Ok(redirect(&path(id)))
}
