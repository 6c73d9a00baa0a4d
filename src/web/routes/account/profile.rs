use actix_web::HttpResponse;
use tera::Context;

use crate::app::accounts;
use crate::error::AppError;
use crate::web::{Page, SignedIn};

/// One's own account: who the site thinks you are and what you may do,
/// and the address of one's calendar feed.
pub async fn show(user: SignedIn, page: Page) -> Result<HttpResponse, AppError> {
    let profile = accounts::profile(&page.state.app, user.account(), user.session().id).await?;
    let feed_url = page.state.links.absolute(&profile.feed_path);
    // Apple's and Outlook's desktop clients subscribe from a webcal:// link.
    let webcal_url = feed_url
        .split_once("://")
        .map(|(_, rest)| format!("webcal://{rest}"))
        .unwrap_or_else(|| feed_url.clone());
    let mut ctx = Context::new();
    ctx.insert("account", user.account().as_ref());
    ctx.insert("branches", &profile.branches);
    ctx.insert("feed_url", &feed_url);
    ctx.insert("webcal_url", &webcal_url);
    ctx.insert("sessions", &profile.sessions);
    ctx.insert("second_factor", &profile.second_factor);
    page.render("account/profile.html", ctx)
}
