//! The outbox as administrators see it: every email the site has queued,
//! readable in full, so nothing is hidden even before mail is delivered.

use actix_web::{HttpResponse, web};
use tera::Context;

use crate::db::outbox;
use crate::error::AppError;
use crate::mail::render;
use crate::web::{Admin, Page};

pub async fn list(_admin: Admin, page: Page) -> Result<HttpResponse, AppError> {
    let rows = page.db().run(|c| Ok(outbox::recent(c, 200)?)).await?;
    let mut ctx = Context::new();
    ctx.insert("messages", &rows);
    page.render("admin/messages.html", ctx)
}

pub async fn show(
    _admin: Admin,
    page: Page,
    path: web::Path<i64>,
) -> Result<HttpResponse, AppError> {
    let id = path.into_inner();
    let row = page.db().run(move |c| Ok(outbox::find(c, id)?)).await?;
    let message = row
        .message()
        .map_err(|e| AppError::Internal(anyhow::anyhow!("outbox row {id}: {e}")))?;
    let email = render::render(&page.state.templates, &row.recipient(), &message)?;
    let mut ctx = Context::new();
    ctx.insert("row", &row);
    ctx.insert("email", &email);
    page.render("admin/message.html", ctx)
}
