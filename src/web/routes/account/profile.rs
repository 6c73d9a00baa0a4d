use actix_web::HttpResponse;
use tera::Context;

use crate::db::branches;
use crate::error::AppError;
use crate::web::{Page, SignedIn};

/// One's own account: who the site thinks you are and what you may do.
pub async fn show(user: SignedIn, page: Page) -> Result<HttpResponse, AppError> {
    let mut ids = user.branches.clone();
    ids.extend(user.volunteer_branch);
    let named = page
        .db()
        .run(move |c| Ok(branches::by_ids(c, &ids)?))
        .await?;
    let mut ctx = Context::new();
    ctx.insert("account", user.account().as_ref());
    ctx.insert("branches", &named);
    page.render("account/profile.html", ctx)
}
