use actix_web::HttpResponse;
use tera::Context;

use crate::error::AppError;
use crate::web::Page;

/// The front door: what Brobyg is for visitors, and for signed-in users a
/// way straight to what their roles let them do (the layout knows the
/// roles from the base context).
pub async fn index(page: Page) -> Result<HttpResponse, AppError> {
    page.render("home.html", Context::new())
}
