//! Which language a request is answered in: the visitor's explicit choice
//! (a cookie), else their account's setting, else the browser's
//! `Accept-Language`, else Danish.

use actix_web::HttpRequest;
use actix_web::cookie::{Cookie, SameSite, time::Duration};
use actix_web::http::header::ACCEPT_LANGUAGE;

use crate::db::users::Account;
use crate::domain::Lang;

pub const COOKIE: &str = "lang";

pub fn resolve(req: &HttpRequest, account: Option<&Account>) -> Lang {
    if let Some(lang) = req.cookie(COOKIE).and_then(|c| Lang::from_tag(c.value())) {
        return lang;
    }
    if let Some(lang) = account.map(|a| a.user.language) {
        return lang;
    }
    req.headers()
        .get(ACCEPT_LANGUAGE)
        .and_then(|h| h.to_str().ok())
        .map(Lang::negotiate)
        .unwrap_or_default()
}

pub fn cookie(lang: Lang, secure: bool) -> Cookie<'static> {
    Cookie::build(COOKIE, lang.code())
        .path("/")
        .max_age(Duration::days(365))
        .same_site(SameSite::Lax)
        .secure(secure)
        .http_only(true)
        .finish()
}
