use actix_web::HttpResponse;
use actix_web::http::header::{CACHE_CONTROL, HeaderValue};
use actix_web::web;
use serde::Deserialize;

use crate::app::accounts;
use crate::domain::Lang;
use crate::error::AppError;
use crate::web::auth::safe_next;
use crate::web::lang::cookie;
use crate::web::page::redirect;
use crate::web::{Form, Page};

#[derive(Deserialize, Default)]
#[serde(default)]
pub struct Switch {
    lang: String,
    next: String,
}

/// Remembers the chosen language in a cookie, and on the account so that
/// emails follow the same choice: the switch of a signed-in visitor's
/// header.
pub async fn switch(page: Page, Form(form): Form<Switch>) -> Result<HttpResponse, AppError> {
    let lang = chosen(&form)?;
    if let Some(account) = &page.account {
        accounts::set_language(&page.state.app, account.user.id, lang).await?;
    }
    remembered(&page, lang, &form.next)
}

/// The anonymous visitor's switch, a link: it only sets the cookie, which
/// a cross-site link may do as harmlessly as the visitor. Being a link, it
/// needs no CSRF token, so a page whose only form was this switch sets no
/// session cookie on a visitor who is only reading (and the public pages
/// are served from the page cache without one). A signed-in visitor who
/// follows such a link gets the cookie too, but their account's language
/// changes only through the form.
pub async fn switch_link(
    page: Page,
    web::Query(form): web::Query<Switch>,
) -> Result<HttpResponse, AppError> {
    let lang = chosen(&form)?;
    let mut response = remembered(&page, lang, &form.next)?;
    response
        .headers_mut()
        .insert(CACHE_CONTROL, HeaderValue::from_static("no-store"));
    Ok(response)
}

fn chosen(form: &Switch) -> Result<Lang, AppError> {
    Lang::from_tag(&form.lang).ok_or_else(|| AppError::BadRequest("unknown language".into()))
}

/// Back to where the visitor was, with the language kept in its cookie.
fn remembered(page: &Page, lang: Lang, next: &str) -> Result<HttpResponse, AppError> {
    let mut response = redirect(&safe_next(Some(next)));
    response
        .add_cookie(&cookie(lang, page.state.settings.secure_cookies()))
        .map_err(|e| AppError::Internal(e.into()))?;
    Ok(response)
}
