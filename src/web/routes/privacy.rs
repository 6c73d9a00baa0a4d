//! The privacy notice (`/privatliv`), public, in the visitor's language;
//! generated from the registry of personal data so that it says exactly
//! what the site stores, and with the retention periods in force.

use actix_web::HttpResponse;
use tera::Context;

use crate::app::privacy;
use crate::error::AppError;
use crate::web::Page;

pub async fn notice(page: Page) -> Result<HttpResponse, AppError> {
    let mut ctx = Context::new();
    ctx.insert("sections", &privacy::notice());
    ctx.insert(
        "periods",
        &crate::app::retention::periods(&page.state.app).await?,
    );
    page.render("privacy.html", ctx)
}
