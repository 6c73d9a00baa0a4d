//! The device cookie: a browser that has logged in to an account keeps a
//! long-lived mark of it, derived from the site's secret key and the
//! address, so it cannot be made without logging in. The login throttle
//! counts such a browser apart from its network address, so the owner's
//! own browser is never made to wait by strangers' failures behind the same
//! address (after OWASP's "device cookies" against lockouts).

use actix_web::HttpRequest;
use actix_web::cookie::{Cookie, SameSite, time::Duration};

use crate::auth::token;
use crate::config::Settings;

fn name(settings: &Settings) -> &'static str {
    if settings.secure_cookies() {
        "__Host-brobyg-device"
    } else {
        "brobyg-device"
    }
}

fn value(settings: &Settings, email: &str) -> String {
    token::derive(
        &settings.secret_key,
        "known-device",
        &email.trim().to_lowercase(),
    )
}

/// Whether the request carries the device cookie of this address.
pub fn is_known(req: &HttpRequest, settings: &Settings, email: &str) -> bool {
    req.cookie(name(settings))
        .is_some_and(|c| token::same(c.value(), &value(settings, email)))
}

/// The request's client for a login-like check of `email`: its address,
/// browser, and whether it holds that account's device cookie.
pub fn client_for(
    req: &HttpRequest,
    settings: &Settings,
    email: &str,
) -> crate::app::signin::Client {
    crate::app::signin::Client {
        known_device: is_known(req, settings, email),
        ..super::auth::client(req, settings.trust_proxy)
    }
}

/// The device cookie for an address, set after a successful login.
pub fn cookie(settings: &Settings, email: &str) -> Cookie<'static> {
    Cookie::build(name(settings), value(settings, email))
        .path("/")
        .http_only(true)
        .secure(settings.secure_cookies())
        .same_site(SameSite::Lax)
        .max_age(Duration::days(365))
        .finish()
}
