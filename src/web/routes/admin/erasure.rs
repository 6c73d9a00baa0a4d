//! Erasure requests for administrators: the open ones (`/admin/sletning`),
//! the review of one (`/admin/sletning/{id}`) with what erasure deletes
//! and keeps for this person, carrying it out (`/admin/sletning/{id}/udfoer`),
//! and erasing on a person's behalf (`/admin/brugere/{id}/slet`). Carrying
//! out asks the administrator to prove who they are again.

use actix_web::{HttpResponse, web};
use tera::Context;

use crate::app::audit::Actor;
use crate::app::erasure::{self, Review};
use crate::error::AppError;
use crate::web::page::redirect;
use crate::web::{Admin, FreshAdmin, Page};

pub async fn list(_admin: Admin, page: Page) -> Result<HttpResponse, AppError> {
    let requests = erasure::requests(&page.state.app).await?;
    let mut ctx = Context::new();
    ctx.insert("open", &requests.open);
    ctx.insert("done", &requests.done);
    page.render("admin/erasures.html", ctx)
}

fn render(page: &Page, review: &Review, action: &str) -> Result<HttpResponse, AppError> {
    let mut ctx = Context::new();
    ctx.insert("review", review);
    ctx.insert("action", action);
    page.render("admin/erasure.html", ctx)
}

pub async fn review(
    _admin: Admin,
    page: Page,
    path: web::Path<i64>,
) -> Result<HttpResponse, AppError> {
    let id = path.into_inner();
    let review = erasure::review_request(&page.state.app, id).await?;
    render(&page, &review, &format!("/admin/sletning/{id}/udfoer"))
}

pub async fn carry_out(
    admin: FreshAdmin,
    by: Actor,
    page: Page,
    path: web::Path<i64>,
) -> Result<HttpResponse, AppError> {
    let id = path.into_inner();
    match erasure::carry_out(&page.state.app, &admin, by, id).await? {
        Ok(_) => {
            page.success("flash-erasure-done");
            Ok(redirect("/admin/sletning"))
        }
        Err(refusal) => {
            page.error(refusal.message_key());
            Ok(redirect(&format!("/admin/sletning/{id}")))
        }
    }
}

pub async fn review_user(
    _admin: Admin,
    page: Page,
    path: web::Path<i64>,
) -> Result<HttpResponse, AppError> {
    let id = path.into_inner();
    let review = erasure::review_user(&page.state.app, id).await?;
    render(&page, &review, &format!("/admin/brugere/{id}/slet"))
}

pub async fn erase_user(
    admin: FreshAdmin,
    by: Actor,
    page: Page,
    path: web::Path<i64>,
) -> Result<HttpResponse, AppError> {
    let id = path.into_inner();
    match erasure::erase_on_behalf(&page.state.app, &admin, by, id).await? {
        Ok(()) => {
            page.success("flash-erasure-done");
            Ok(redirect("/admin/sletning"))
        }
        Err(refusal) => {
            page.error(refusal.message_key());
            Ok(redirect(&format!("/admin/brugere/{id}/slet")))
        }
    }
}
