//! The outbox as administrators see it: every email the site has queued,
//! readable in full, with its delivery status; failed messages with the
//! reason and a button to send again; and, when no SMTP server is
//! configured, the `.eml` files the site wrote instead.

use crate::domain::Code;
use actix_web::http::header::{CONTENT_DISPOSITION, CONTENT_TYPE};
use actix_web::{HttpResponse, web};
use serde::{Deserialize, Serialize};
use tera::Context;

use crate::app::admin;
use crate::app::audit::Actor;
use crate::db::outbox::Status;
use crate::error::AppError;
use crate::mail::{delivery, mime, render, worker};
use crate::web::page::redirect;
use crate::web::paging::base_href;
use crate::web::{Admin, Page};

#[derive(Deserialize, Default)]
#[serde(default)]
pub struct ListQuery {
    status: String,
    side: i64,
}

/// A row of the list with the subject as its recipient gets (or got) it.
#[derive(Serialize)]
struct ListRow<'a> {
    #[serde(flatten)]
    message: &'a admin::MessageRow,
    subject_line: String,
}

/// The subject kept when the body was cleared, else the one rendered from
/// the message; the kind's name when neither can be had.
fn subject_line(page: &Page, row: &crate::db::outbox::OutboxRow) -> String {
    row.subject
        .clone()
        .or_else(|| {
            row.message()
                .ok()
                .and_then(|m| render::subject(&row.recipient(), &m))
        })
        .unwrap_or_else(|| page.t(&format!("message-kind-{}", row.kind)))
}

fn delivery_mode(page: &Page) -> String {
    match page.state.settings.smtp_host.as_deref() {
        Some(h) if !h.trim().is_empty() => format!("SMTP {h}"),
        _ => page.state.settings.mail_dir().display().to_string(),
    }
}

pub async fn list(
    _admin: Admin,
    page: Page,
    query: web::Query<ListQuery>,
) -> Result<HttpResponse, AppError> {
    let status = Status::parse(&query.status);
    let shown = admin::messages(&page.state.app, status, query.side).await?;
    let rows: Vec<ListRow> = shown
        .rows
        .iter()
        .map(|message| ListRow {
            message,
            subject_line: subject_line(&page, &message.row),
        })
        .collect();
    let mut ctx = Context::new();
    ctx.insert("messages", &rows);
    ctx.insert("counts", &shown.counts);
    ctx.insert("filtered", &status.is_some());
    ctx.insert("pager", &shown.pager);
    ctx.insert(
        "pager_base",
        &base_href(
            "/admin/beskeder",
            &[("status", status.map_or("", |s| s.as_str()))],
        ),
    );
    ctx.insert("uses_files", &page.state.settings.smtp_host.is_none());
    ctx.insert("delivery", &delivery_mode(&page));
    page.render("admin/messages.html", ctx)
}

pub async fn show(
    _admin: Admin,
    page: Page,
    path: web::Path<i64>,
) -> Result<HttpResponse, AppError> {
    let id = path.into_inner();
    let shown = admin::message(&page.state.app, id).await?;
    let row = &shown.row;
    if row.body_cleared() {
        return show_cleared(&page, &shown);
    }
    let message = mime::message_of(row, &page.state.links)
        .map_err(|e| AppError::Internal(anyhow::anyhow!("outbox row {id}: {e}")))?;
    let email = render::render(&page.state.templates, &row.recipient(), &message)?;
    let sender = worker::sender(&page.state.settings)?;
    let invitation = mime::calendar_of(row, &message, &sender).map(|(_, text)| text);
    let mut ctx = Context::new();
    ctx.insert("row", &shown);
    ctx.insert("email", &email);
    ctx.insert("cleared", &false);
    ctx.insert("message_id", &mime::message_id(&row.message_id, &sender));
    ctx.insert("invitation", &invitation);
    page.render("admin/message.html", ctx)
}

/// A message whose body retention cleared: the envelope and the subject
/// it was sent with, nothing to render.
fn show_cleared(page: &Page, shown: &admin::MessageRow) -> Result<HttpResponse, AppError> {
    let row = &shown.row;
    let subject = subject_line(page, row);
    let sender = worker::sender(&page.state.settings)?;
    let mut ctx = Context::new();
    ctx.insert("row", shown);
    ctx.insert("email", &serde_json::json!({ "subject": subject }));
    ctx.insert("cleared", &true);
    ctx.insert("message_id", &mime::message_id(&row.message_id, &sender));
    ctx.insert("invitation", &None::<String>);
    page.render("admin/message.html", ctx)
}

/// Sends a failed message again (at the worker's next pass, which is woken).
pub async fn retry(
    _admin: Admin,
    by: Actor,
    page: Page,
    path: web::Path<i64>,
) -> Result<HttpResponse, AppError> {
    let id = path.into_inner();
    let again = admin::retry_message(&page.state.app, by, id).await?;
    if again {
        if let Some(w) = &page.state.mail_worker {
            w.wake();
        }
        page.success("flash-message-retry");
    }
    Ok(redirect(&format!("/admin/beskeder/{id}")))
}

pub async fn files(_admin: Admin, page: Page) -> Result<HttpResponse, AppError> {
    let dir = page.state.settings.mail_dir();
    let listed = web::block(move || delivery::eml_files(&dir))
        .await?
        .map_err(|e| AppError::Internal(e.into()))?;
    let mut ctx = Context::new();
    ctx.insert("files", &listed);
    ctx.insert("delivery", &delivery_mode(&page));
    page.render("admin/mail_files.html", ctx)
}

/// One written message as a file; the download is an export of personal
/// data, so it is logged.
pub async fn file(
    _admin: Admin,
    by: Actor,
    page: Page,
    path: web::Path<String>,
) -> Result<HttpResponse, AppError> {
    let name = path.into_inner();
    if !delivery::is_eml_name(&name) {
        return Err(AppError::NotFound);
    }
    let bytes = admin::mail_file(&page.state.app, by, name.clone()).await?;
    Ok(HttpResponse::Ok()
        .insert_header((CONTENT_TYPE, "message/rfc822"))
        .insert_header((
            CONTENT_DISPOSITION,
            format!("attachment; filename=\"{name}\""),
        ))
        .body(bytes))
}
