//! The volunteer's and the public's side: upcoming evenings one may attend,
//! one evening's page, answering yes or no (active brobyggere), and signing
//! up for a public info evening (anyone; an account is made or reused by
//! email, and the page says the same whatever happened).

use actix_web::dev::Payload;
use actix_web::http::StatusCode;
use actix_web::{FromRequest, HttpRequest, HttpResponse, web};
use diesel::Connection;
use serde::{Deserialize, Serialize};
use tera::Context;

use crate::db::evenings::{self, Detail, TxError, Viewer};
use crate::db::sessions::{self, Meeting, Session};
use crate::db::users::Account;
use crate::db::{enrolments, now};
use crate::domain::enrolment::{EnrolmentStatus, Refusal};
use crate::domain::evening::{Answer, Reply};
use crate::domain::{EmailAddress, FieldErrors, names};
use crate::error::AppError;
use crate::web::page::redirect;
use crate::web::routes::volunteers::{ActiveVolunteer, checklist};
use crate::web::{Form, MaybeUser, Page, SignedIn};

fn path(id: i64) -> String {
    format!("/aftener/{id}")
}

/// The branch of a signed-in brobygger who may do what activation unlocks.
async fn active_branch(page: &Page, account: Option<&Account>) -> Result<Option<i64>, AppError> {
    let Some(a) = account.filter(|a| a.volunteer_branch.is_some()) else {
        return Ok(None);
    };
    let gate = checklist::load(page, a.user.id).await?;
    Ok(gate.may_work().then_some(gate.branch_id))
}

pub async fn list(page: Page, user: MaybeUser) -> Result<HttpResponse, AppError> {
    let account = user.0.map(|a| (*a).clone());
    let active_in = active_branch(&page, account.as_ref()).await?;
    let viewer = account.as_ref().map(|a| Viewer {
        user_id: a.user.id,
        active_in,
    });
    let listed = page
        .db()
        .run(move |c| Ok(evenings::upcoming_for(c, viewer, now())?))
        .await?;
    let mut ctx = Context::new();
    ctx.insert("evenings", &listed);
    ctx.insert("is_active", &active_in.is_some());
    ctx.insert(
        "is_volunteer",
        &account
            .as_ref()
            .is_some_and(|a| a.volunteer_branch.is_some()),
    );
    page.render("evenings/list.html", ctx)
}

#[derive(Serialize)]
struct EveningView {
    session: Session,
    detail: Detail,
    meetings: Vec<Meeting>,
    branch_name: Option<String>,
    national: bool,
    public: bool,
    availability: crate::domain::session::Availability,
    seats_left: Option<i32>,
}

async fn load(page: &Page, id: i64) -> Result<EveningView, AppError> {
    page.db()
        .run(move |c| {
            let (session, detail) = evenings::find(c, id)?;
            let meetings = sessions::meetings(c, id)?;
            let branch_name = match session.branch_id {
                Some(b) => Some(crate::db::branches::find(c, b)?.name),
                None => None,
            };
            let audience = detail.audience(&session);
            Ok(EveningView {
                availability: session.availability(now()),
                seats_left: session.seats_left(),
                national: audience.is_national(),
                public: audience.is_public(),
                session,
                detail,
                meetings,
                branch_name,
            })
        })
        .await
}

/// Who may open a brobyggeraften: an active brobygger it welcomes. Others
/// get their checklist (not active) or 403 (another branch's evening).
async fn admitted(
    req: &HttpRequest,
    view: &EveningView,
) -> Result<ActiveVolunteer, actix_web::Error> {
    let active = ActiveVolunteer::from_request(req, &mut Payload::None).await?;
    if view
        .detail
        .audience(&view.session)
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

fn render(
    page: &Page,
    view: &EveningView,
    reply: Reply,
    form: &SignupForm,
    errors: &FieldErrors,
    status: StatusCode,
) -> Result<HttpResponse, AppError> {
    let mut ctx = Context::new();
    ctx.insert("v", view);
    ctx.insert("reply", &reply);
    ctx.insert("form", form);
    ctx.insert("errors", errors);
    ctx.insert(
        "calendar_path",
        &crate::web::routes::calendar::download_path(view.session.id),
    );
    page.render_status(status, "evenings/show.html", ctx)
}

pub async fn show(
    req: HttpRequest,
    page: Page,
    user: MaybeUser,
    id: web::Path<i64>,
) -> Result<HttpResponse, actix_web::Error> {
    let id = id.into_inner();
    let view = load(&page, id).await?;
    let me = if view.public {
        user.0.as_ref().map(|a| a.user.id)
    } else {
        Some(admitted(&req, &view).await?.account.user.id)
    };
    let reply = match me {
        Some(uid) => {
            page.db()
                .run(move |c| Ok(evenings::reply_of(c, id, uid)?))
                .await?
        }
        None => Reply::NotAnswered,
    };
    Ok(render(
        &page,
        &view,
        reply,
        &SignupForm::default(),
        &FieldErrors::new(),
        StatusCode::OK,
    )?)
}

#[derive(Deserialize, Default)]
#[serde(default)]
pub struct AnswerForm {
    answer: String,
}

/// An active brobygger answers yes or no, and may change their mind.
pub async fn answer(
    req: HttpRequest,
    page: Page,
    id: web::Path<i64>,
    Form(form): Form<AnswerForm>,
) -> Result<HttpResponse, actix_web::Error> {
    let id = id.into_inner();
    let view = load(&page, id).await?;
    if view.public {
        // Info evenings take sign-ups, not answers.
        return Err(AppError::NotFound.into());
    }
    let active = admitted(&req, &view).await?;
    let Some(answer) = Answer::parse(&form.answer) else {
        return Err(AppError::BadRequest("answer must be yes or no".into()).into());
    };
    let uid = active.account.user.id;
    let base = page.state.settings.base_url().to_string();
    let result = page
        .db()
        .run(
            move |c| match c.transaction(|c| evenings::answer(c, id, uid, answer, &base)) {
                Ok(reply) => Ok(Ok(reply)),
                Err(TxError::Refused(r)) => Ok(Err(r)),
                Err(TxError::Db(e)) => Err(e.into()),
            },
        )
        .await?;
    match result {
        Ok(Reply::Coming) => page.flash("success", "evening-answered-yes"),
        Ok(Reply::Waiting) => page.flash("success", "evening-answered-waiting"),
        Ok(_) => page.flash("success", "evening-answered-no"),
        Err(refusal) => page.flash("error", refusal.message_key()),
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
    let view = load(&page, id).await?;
    if !view.public {
        return Err(AppError::NotFound);
    }
    let account = user.0.map(|a| (*a).clone());
    let who = match &account {
        Some(_) => Ok(None),
        None => {
            let mut errors = FieldErrors::new();
            let name = errors.check("name", names::person_name(&form.name));
            let email = errors.check("email", EmailAddress::parse(&form.email));
            match (name, email) {
                (Some(n), Some(e)) if errors.is_empty() => Ok(Some((n, e))),
                _ => Err(errors),
            }
        }
    };
    let typed = match who {
        Ok(t) => t,
        Err(errors) => {
            return render(
                &page,
                &view,
                Reply::NotAnswered,
                &form,
                &errors,
                StatusCode::UNPROCESSABLE_ENTITY,
            );
        }
    };
    let signed_in = account.as_ref().map(|a| a.user.id);
    let base = page.state.settings.base_url().to_string();
    let welcome = page.state.link("/konto/velkommen/");
    let language = page.lang.code();
    let result = page
        .db()
        .run(move |c| {
            let done = c.transaction(|c| {
                // The lock first: on SQLite a transaction that writes must
                // begin by writing, or concurrent ones cannot wait their turn.
                sessions::lock(c, id)?;
                let uid = match (&typed, signed_in) {
                    (_, Some(uid)) => uid,
                    (Some((name, email)), None) => {
                        evenings::account_for(c, email.as_str(), name, language, &welcome)?
                    }
                    (None, None) => return Err(TxError::Db(diesel::result::Error::NotFound)),
                };
                let placed = enrolments::enrol(c, id, uid, false, &base)?;
                placed.map(|p| p.status).map_err(TxError::Refused)
            });
            match done {
                Ok(status) => Ok(Ok(status)),
                Err(TxError::Refused(r)) => Ok(Err(r)),
                Err(TxError::Db(e)) => Err(AppError::from(e)),
            }
        })
        .await?;
    match (result, signed_in) {
        // Said the same way whether or not the email had an account.
        (Ok(_) | Err(Refusal::AlreadyEnrolled), None) => {
            Ok(redirect(&format!("/aftener/{id}/tak")))
        }
        (Ok(EnrolmentStatus::Confirmed), Some(_)) => {
            page.flash("success", "evening-signed-up");
            Ok(redirect(&path(id)))
        }
        (Ok(_), Some(_)) => {
            page.flash("success", "evening-answered-waiting");
            Ok(redirect(&path(id)))
        }
        (Err(refusal), _) => {
            page.flash("error", refusal.message_key());
            Ok(redirect(&path(id)))
        }
    }
}

pub async fn thanks(page: Page, id: web::Path<i64>) -> Result<HttpResponse, AppError> {
    let view = load(&page, id.into_inner()).await?;
    if !view.public {
        return Err(AppError::NotFound);
    }
    let mut ctx = Context::new();
    ctx.insert("v", &view);
    page.render("evenings/thanks.html", ctx)
}

/// Someone signed up for an info evening cancels their seat.
pub async fn cancel(
    user: SignedIn,
    page: Page,
    id: web::Path<i64>,
) -> Result<HttpResponse, AppError> {
    let id = id.into_inner();
    let view = load(&page, id).await?;
    if !view.public {
        return Err(AppError::NotFound);
    }
    let uid = user.user.id;
    let base = page.state.settings.base_url().to_string();
    let result = page
        .db()
        .run(move |c| Ok(c.transaction(|c| enrolments::cancel(c, id, uid, None, &base))?))
        .await?;
    match result {
        Ok(_) => page.flash("success", "evening-signup-cancelled"),
        Err(refusal) => page.flash("error", refusal.message_key()),
    }
    Ok(redirect(&path(id)))
}
