//! The page of one session (`/koordinator/hold/{id}`) and what its forms
//! do: each handler parses, calls one use case of `app::sessions::manage`
//! and says how it went in a flash message.

use actix_web::{HttpResponse, web};
use serde::Deserialize;
use tera::Context;

use crate::app::audit::Actor;
use crate::app::sessions::manage::{self, NotMoved};
use crate::domain::EmailAddress;
use crate::domain::enrolment::Refusal;
use crate::domain::validation::optional_text;
use crate::error::AppError;
use crate::web::csv as excel;
use crate::web::page::redirect;
use crate::web::{CoordinatorUser, Form, FreshCoordinator, Page};

fn path(id: i64) -> String {
    format!("/koordinator/hold/{id}")
}

pub async fn show(
    user: CoordinatorUser,
    page: Page,
    p: web::Path<i64>,
) -> Result<HttpResponse, AppError> {
    let overview = manage::overview(&page.state.app, user.account(), p.into_inner()).await?;
    let mut ctx = Context::new();
    ctx.insert("o", &overview);
    ctx.insert("add", &super::meetings::MeetingForm::default());
    ctx.insert("errors", &crate::domain::FieldErrors::new());
    page.render("sessions/manage.html", ctx)
}

/// Says how an engine operation went, as a flash message on the next page.
fn report(page: &Page, result: Result<(), Refusal>, done: &str) {
    match result {
        Ok(()) => page.success(done),
        Err(refusal) => page.error(refusal.message_key()),
    }
}

#[derive(Deserialize, Default)]
#[serde(default)]
pub struct EnrolForm {
    email: String,
}

/// Enrols someone who already has an account (staff may do so after the
/// enrolment deadline; a full session puts them on the waiting list).
pub async fn enrol(
    user: CoordinatorUser,
    by: Actor,
    page: Page,
    p: web::Path<i64>,
    Form(form): Form<EnrolForm>,
) -> Result<HttpResponse, AppError> {
    let id = p.into_inner();
    let Ok(email) = EmailAddress::parse(&form.email) else {
        page.error("error-email-invalid");
        return Ok(redirect(&path(id)));
    };
    match manage::enrol_by_email(&page.state.app, user.account(), by, id, email).await? {
        Ok(_) => page.success("sessions-enrolled"),
        Err(not) => page.error(not.message_key()),
    }
    Ok(redirect(&path(id)))
}

pub async fn cancel_participant(
    user: CoordinatorUser,
    by: Actor,
    page: Page,
    p: web::Path<(i64, i64)>,
) -> Result<HttpResponse, AppError> {
    let (id, person) = p.into_inner();
    let result =
        manage::cancel_participant(&page.state.app, user.account(), by, id, person).await?;
    report(&page, result.map(|_| ()), "sessions-cancelled-participant");
    Ok(redirect(&path(id)))
}

#[derive(Deserialize, Default)]
#[serde(default)]
pub struct MoveForm {
    to: i64,
}

pub async fn move_participant(
    user: CoordinatorUser,
    by: Actor,
    page: Page,
    p: web::Path<(i64, i64)>,
    Form(form): Form<MoveForm>,
) -> Result<HttpResponse, AppError> {
    let (id, person) = p.into_inner();
    let result =
        manage::move_participant(&page.state.app, user.account(), by, id, person, form.to).await?;
    let result = match result {
        Ok(_) => Ok(()),
        Err(NotMoved::DifferentKinds) => {
            return Err(AppError::BadRequest("sessions of different kinds".into()));
        }
        Err(NotMoved::OtherCourse) => {
            page.error("sessions-move-other-course");
            return Ok(redirect(&path(id)));
        }
        Err(NotMoved::DutyFull) => {
            page.error("duty-refused-full");
            return Ok(redirect(&path(id)));
        }
        Err(NotMoved::Refused(refusal)) => Err(refusal),
    };
    report(&page, result, "sessions-moved");
    Ok(redirect(&path(id)))
}

#[derive(Deserialize, Default)]
#[serde(default)]
pub struct CancelForm {
    reason: String,
}

pub async fn cancel_session(
    user: CoordinatorUser,
    by: Actor,
    page: Page,
    p: web::Path<i64>,
    Form(form): Form<CancelForm>,
) -> Result<HttpResponse, AppError> {
    let id = p.into_inner();
    let reason = optional_text(&form.reason, 500)
        .map_err(|_| AppError::BadRequest("reason too long".into()))?;
    manage::cancel_session(&page.state.app, user.account(), by, id, reason).await?;
    page.success("sessions-session-cancelled");
    Ok(redirect(&path(id)))
}

pub async fn mark_held(
    user: CoordinatorUser,
    by: Actor,
    page: Page,
    p: web::Path<i64>,
) -> Result<HttpResponse, AppError> {
    let id = p.into_inner();
    if manage::mark_held(&page.state.app, user.account(), by, id).await? {
        page.success("sessions-marked-held");
    } else {
        page.error("sessions-cannot-mark-held");
    }
    Ok(redirect(&path(id)))
}

/// Participants and waiting list as a CSV file for Danish Excel.
pub async fn csv(
    user: FreshCoordinator,
    by: Actor,
    page: Page,
    p: web::Path<i64>,
) -> Result<HttpResponse, AppError> {
    let export = manage::export(&page.state.app, user.account(), by, p.into_inner()).await?;
    let t = |k: &str| page.t(k);
    let header = [
        t("csv-name"),
        t("csv-email"),
        t("csv-phone"),
        t("csv-status"),
        t("csv-enrolled-at"),
        t("csv-hours-attended"),
    ];
    let header: Vec<&str> = header.iter().map(String::as_str).collect();
    let hours = |m: i32| crate::i18n::format::hours(page.lang, m);
    let rows: Vec<Vec<String>> = export
        .seated
        .iter()
        .map(|p| (p, t("csv-status-confirmed")))
        .chain(export.waiting.iter().map(|p| {
            let label = format!(
                "{} {}",
                t("csv-status-waitlisted"),
                p.position.unwrap_or_default()
            );
            (p, label)
        }))
        .map(|(p, status)| {
            vec![
                p.name.clone(),
                p.email.clone(),
                p.phone.clone().unwrap_or_default(),
                status,
                excel::danish_datetime(p.enrolment.queued_at),
                hours(
                    export
                        .minutes
                        .get(&p.enrolment.user_id)
                        .copied()
                        .unwrap_or(0),
                ),
            ]
        })
        .collect();
    let body = excel::build(&header, &rows)?;
    Ok(excel::download(
        &format!("deltagere-{}.csv", export.session.id),
        body,
    ))
}
