//! A cohort's own page (`/forberedelse/hold/{id}`), the one emails and
//! calendar entries link to: its meetings and the modules each teaches, and
//! for a volunteer their place in it. Accepted volunteers enrol in a cohort
//! of their branch; any volunteer missing a module may join a cohort of any
//! branch to make it up at a later meeting.

use actix_web::{HttpResponse, web};
use serde::Deserialize;
use tera::Context;

use crate::app::volunteers::cohorts::{self, CohortRefusal};
use crate::domain::enrolment::EnrolmentStatus;
use crate::error::AppError;
use crate::web::page::redirect;
use crate::web::{Form, MaybeUser, Page, VolunteerUser};

pub async fn show(
    user: MaybeUser,
    page: Page,
    path: web::Path<i64>,
) -> Result<HttpResponse, AppError> {
    let view = cohorts::page(&page.state.app, user.0.as_deref(), path.into_inner()).await?;
    page.render("volunteers/cohort.html", Context::from_serialize(&view)?)
}

fn back(id: i64) -> HttpResponse {
    redirect(&format!("/forberedelse/hold/{id}"))
}

fn report(page: &Page, result: Result<EnrolmentStatus, CohortRefusal>) {
    match result {
        Ok(EnrolmentStatus::Waitlisted) => page.info("cohort-waitlisted"),
        Ok(_) => page.success("cohort-enrolled"),
        Err(refusal) => page.error(refusal.message_key()),
    }
}

/// Enrols an accepted volunteer in a cohort of their own branch. A seat
/// starts their training.
pub async fn enrol(
    user: VolunteerUser,
    page: Page,
    path: web::Path<i64>,
) -> Result<HttpResponse, AppError> {
    let id = path.into_inner();
    let result = cohorts::enrol(&page.state.app, user.user.id, id).await?;
    report(&page, result);
    Ok(back(id))
}

#[derive(Deserialize, Default)]
#[serde(default)]
pub struct MakeUpForm {
    module: String,
}

/// Joins a cohort, of any branch, to make up a missing module at one of
/// its later meetings.
pub async fn make_up(
    user: VolunteerUser,
    page: Page,
    path: web::Path<i64>,
    Form(form): Form<MakeUpForm>,
) -> Result<HttpResponse, AppError> {
    let id = path.into_inner();
    let module = form.module.trim().to_string();
    let result = cohorts::make_up(&page.state.app, user.user.id, id, module).await?;
    report(&page, result);
    Ok(back(id))
}

/// Leaves the cohort (or its waiting list) while the engine allows it.
pub async fn cancel(
    user: VolunteerUser,
    page: Page,
    path: web::Path<i64>,
) -> Result<HttpResponse, AppError> {
    let id = path.into_inner();
    match cohorts::leave(&page.state.app, user.user.id, id).await? {
        Ok(()) => page.success("cohort-left"),
        Err(refusal) => page.error(refusal.message_key()),
    }
    Ok(back(id))
}
