//! The volunteer's side: `/supervision` (standing, my sessions, group
//! sessions of my branch, a request for individual supervision) and one
//! session's page `/supervision/{id}`, which emails and calendars link to.

use actix_web::{HttpResponse, web};
use tera::Context;

use crate::app::supervision::{self as supervision_app, volunteer as app};
use crate::domain::enrolment::EnrolmentStatus;
use crate::error::AppError;
use crate::web::page::redirect;
use crate::web::routes::volunteers::{ActiveVolunteer, checklist};
use crate::web::{Page, SignedIn, VolunteerUser};

pub async fn index(user: VolunteerUser, page: Page) -> Result<HttpResponse, AppError> {
    let home = app::home(&page.state.app, user.user.id).await?;
    let mut ctx = Context::new();
    checklist::insert(&mut ctx, page.lang, &home.gate);
    ctx.insert("may_work", &home.gate.may_work());
    ctx.insert("standing", &home.standing);
    ctx.insert("mine", &home.mine);
    ctx.insert("open", &home.open);
    ctx.insert("request", &home.request);
    page.render("supervision/index.html", ctx)
}

pub async fn show(
    user: SignedIn,
    page: Page,
    path: web::Path<i64>,
) -> Result<HttpResponse, AppError> {
    let id = path.into_inner();
    let session = app::session_page(&page.state.app, user.account(), id).await?;
    let mut ctx = Context::from_serialize(&session)?;
    ctx.insert(
        "calendar_path",
        &crate::web::routes::calendar::download_path(id),
    );
    page.render("supervision/session.html", ctx)
}

fn back(id: i64) -> String {
    format!("/supervision/{id}")
}

/// Signs an active brobygger up for a group session of their branch. Anyone
/// else gets their activation checklist (`ActiveVolunteer`).
pub async fn enrol(
    user: ActiveVolunteer,
    page: Page,
    path: web::Path<i64>,
) -> Result<HttpResponse, AppError> {
    let id = path.into_inner();
    let result = app::enrol(
        &page.state.app,
        user.account.user.id,
        user.gate.branch_id,
        id,
    )
    .await?;
    match result {
        Ok(p) if p.status == EnrolmentStatus::Waitlisted => {
            page.info("supervision-waitlisted");
        }
        Ok(_) => page.success("supervision-enrolled"),
        Err(refusal) => page.error(refusal.message_key()),
    }
    Ok(redirect(&back(id)))
}

/// Cancels the volunteer's own seat or place in the queue.
pub async fn cancel(
    user: VolunteerUser,
    page: Page,
    path: web::Path<i64>,
) -> Result<HttpResponse, AppError> {
    let id = path.into_inner();
    match app::cancel(&page.state.app, user.user.id, id).await? {
        Ok(_) => page.success("supervision-cancelled"),
        Err(refusal) => page.error(refusal.message_key()),
    }
    Ok(redirect(&back(id)))
}

/// Asks the branch's coordinators for individual supervision after a hard
/// task. Nothing about the task is asked for or kept.
pub async fn request(user: ActiveVolunteer, page: Page) -> Result<HttpResponse, AppError> {
    let made =
        supervision_app::ask(&page.state.app, user.account.user.id, user.gate.branch_id).await?;
    match made {
        Some(_) => page.success("supervision-request-sent"),
        None => page.info("supervision-request-already-open"),
    }
    Ok(redirect("/supervision"))
}
