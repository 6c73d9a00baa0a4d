//! `/admin/import`: an administrator imports brobyggere (or coordinators)
//! from before Brobyg. The file's content is pasted (or, from a browser
//! that reads the chosen file into the field, loaded) into the form; the
//! first submit is the dry run, the second ("Importér") carries the same
//! content in a hidden field and is checked again before anything is
//! written.

use actix_web::{HttpResponse, web};
use serde::{Deserialize, Serialize};
use tera::Context;

use crate::app::audit::Actor;
use crate::app::imports::{self, Kind};
use crate::domain::import::welcome;
use crate::domain::{FieldErrors, Invalid};
use crate::error::AppError;
use crate::web::page::redirect;
use crate::web::{Admin, Form, Page};

#[derive(Deserialize, Serialize)]
#[serde(default)]
pub struct ImportForm {
    kind: Kind,
    content: String,
    /// The name of the file, for the audit log.
    filename: String,
    /// Present on the confirming submit.
    confirm: Option<String>,
}

impl Default for ImportForm {
    fn default() -> Self {
        ImportForm {
            kind: Kind::Volunteers,
            content: String::new(),
            filename: String::new(),
            confirm: None,
        }
    }
}

/// The form; `waiting`: the imported people still without a password,
/// offered their welcome below it (none on a form sent back with errors).
fn form_page(
    page: &Page,
    form: &ImportForm,
    errors: &FieldErrors,
    waiting: &[welcome::Group],
) -> Result<HttpResponse, AppError> {
    let mut ctx = Context::new();
    ctx.insert("form", form);
    ctx.insert("errors", errors);
    ctx.insert("waiting", waiting);
    if errors.is_empty() {
        page.render("admin/import.html", ctx)
    } else {
        page.render_invalid("admin/import.html", ctx)
    }
}

pub async fn form(_admin: Admin, page: Page) -> Result<HttpResponse, AppError> {
    let waiting = imports::awaiting_welcome(&page.state.app).await?;
    form_page(&page, &ImportForm::default(), &FieldErrors::new(), &waiting)
}

/// The dry run, or (confirmed) the import.
pub async fn submit(
    _admin: Admin,
    by: Actor,
    page: Page,
    Form(form): Form<ImportForm>,
) -> Result<HttpResponse, AppError> {
    if form.content.trim().is_empty() {
        let mut errors = FieldErrors::new();
        errors.add("content", Invalid("error-required"));
        return form_page(&page, &form, &errors, &[]);
    }
    let bytes = form.content.clone().into_bytes();
    let app = &page.state.app;
    let preview = if form.confirm.is_some() {
        // Only a label in the audit log: printable characters (PostgreSQL
        // refuses a NUL), shortened.
        let name: String = form
            .filename
            .chars()
            .filter(|c| !c.is_control() && *c != crate::domain::validation::REPLACEMENT)
            .take(100)
            .collect();
        let label = match name.trim() {
            "" => "/admin/import".to_string(),
            name => name.to_string(),
        };
        match imports::apply(app, form.kind, bytes, by, label).await? {
            Ok(summary) => {
                let mut ctx = Context::new();
                ctx.insert("summary", &summary);
                return page.render("admin/import_done.html", ctx);
            }
            Err(preview) => preview,
        }
    } else {
        imports::preview(app, form.kind, bytes).await?
    };
    let mut ctx = Context::new();
    ctx.insert("form", &form);
    ctx.insert("preview", &preview);
    if preview.is_clean() {
        page.render("admin/import_preview.html", ctx)
    } else {
        page.render_invalid("admin/import_preview.html", ctx)
    }
}

#[derive(Deserialize, Default)]
#[serde(default)]
pub struct WelcomeForm {
    people: Vec<i64>,
}

/// "Send velkomstmail" to an import's people who have no password yet.
pub async fn welcome_many(
    _admin: Admin,
    by: Actor,
    page: Page,
    Form(form): Form<WelcomeForm>,
) -> Result<HttpResponse, AppError> {
    let sent = imports::send_welcome(&page.state.app, by, form.people).await?;
    if sent > 0 {
        page.success("flash-welcome-sent");
    } else {
        page.info("flash-welcome-none");
    }
    Ok(redirect("/admin/import"))
}

/// "Send velkomstmail" to one person without a password.
pub async fn welcome_one(
    _admin: Admin,
    by: Actor,
    page: Page,
    path: web::Path<i64>,
) -> Result<HttpResponse, AppError> {
    let id = path.into_inner();
    let sent = imports::send_welcome(&page.state.app, by, vec![id]).await?;
    if sent > 0 {
        page.success("flash-welcome-sent");
    } else {
        page.info("flash-welcome-none");
    }
    Ok(redirect(&format!("/admin/brugere/{id}")))
}
