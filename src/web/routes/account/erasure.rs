//! Asking to be erased (`/konto/sletning`): the page says what erasure
//! deletes, what must be kept and why, before the person asks; an
//! administrator carries the request out. Asking needs a fresh proof of
//! identity, as it ends the account; withdrawing does not.

use actix_web::HttpResponse;
use tera::Context;

use crate::app::erasure;
use crate::domain::privacy::erasure::overview;
use crate::error::AppError;
use crate::web::page::redirect;
use crate::web::{FreshSignedIn, Page, SignedIn};

pub async fn page(user: SignedIn, page: Page) -> Result<HttpResponse, AppError> {
    let request = erasure::own_request(&page.state.app, user.account().user.id).await?;
    let mut ctx = Context::new();
    ctx.insert("request", &request);
    ctx.insert("overview", &overview());
    page.render("account/erasure.html", ctx)
}

pub async fn ask(user: FreshSignedIn, page: Page) -> Result<HttpResponse, AppError> {
    if erasure::request(&page.state.app, user.account().user.id).await? {
        page.success("flash-erasure-requested");
    } else {
        page.info("flash-erasure-already-requested");
    }
    Ok(redirect("/konto/sletning"))
}

pub async fn withdraw(user: SignedIn, page: Page) -> Result<HttpResponse, AppError> {
    if erasure::withdraw(&page.state.app, user.account().user.id).await? {
        page.success("flash-erasure-withdrawn");
    }
    Ok(redirect("/konto/sletning"))
}
