use actix_web::HttpResponse;
use tera::Context;

use crate::auth::token;
use crate::calendar::feed;
use crate::db::{branches, calendar};
use crate::error::AppError;
use crate::web::{Page, SignedIn};

/// One's own account: who the site thinks you are and what you may do,
/// and the address of one's calendar feed.
pub async fn show(user: SignedIn, page: Page) -> Result<HttpResponse, AppError> {
    let mut ids = user.branches.clone();
    ids.extend(user.volunteer_branch);
    let user_id = user.user.id;
    let secret = page.state.settings.secret_key.clone();
    let (named, salt) = page
        .db()
        .run(move |c| {
            let named = branches::by_ids(c, &ids)?;
            let salt = calendar::feed_salt(c, user_id, &token::generate(), |salt| {
                token::digest(&feed::token(&secret, user_id, salt))
            })?;
            Ok((named, salt))
        })
        .await?;
    let feed_url = page.state.link(&feed::path(&feed::token(
        &page.state.settings.secret_key,
        user_id,
        &salt,
    )));
    // Apple's and Outlook's desktop clients subscribe from a webcal:// link.
    let webcal_url = feed_url
        .split_once("://")
        .map(|(_, rest)| format!("webcal://{rest}"))
        .unwrap_or_else(|| feed_url.clone());
    let mut ctx = Context::new();
    ctx.insert("account", user.account().as_ref());
    ctx.insert("branches", &named);
    ctx.insert("feed_url", &feed_url);
    ctx.insert("webcal_url", &webcal_url);
    page.render("account/profile.html", ctx)
}
