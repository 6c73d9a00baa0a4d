//! A person's data read by an administrator on their behalf (a request
//! made by letter or at the office): the same page and download as the
//! person's own `/konto/data`, after a fresh proof, each read written to
//! the audit log.

use actix_web::{HttpResponse, web};

use crate::app::audit::Actor;
use crate::app::data_export;
use crate::error::AppError;
use crate::web::routes::account::data;
use crate::web::{FreshAdmin, Page};

pub async fn show(
    _admin: FreshAdmin,
    by: Actor,
    page: Page,
    path: web::Path<i64>,
) -> Result<HttpResponse, AppError> {
    let id = path.into_inner();
    let export = data_export::on_behalf(&page.state.app, by, id, "data").await?;
    data::render(&page, &export, Some(id))
}

pub async fn download(
    _admin: FreshAdmin,
    by: Actor,
    page: Page,
    path: web::Path<i64>,
) -> Result<HttpResponse, AppError> {
    let id = path.into_inner();
    let export = data_export::on_behalf(&page.state.app, by, id, "data.json").await?;
    data::json(&page, &export)
}
