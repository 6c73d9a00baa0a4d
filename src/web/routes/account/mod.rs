//! Signing up, in and out, and everything about one's own account.

mod login;
mod password;
mod profile;
mod signup;

use actix_web::web;

pub fn configure(cfg: &mut web::ServiceConfig) {
    cfg.service(
        web::resource("/log-ind")
            .route(web::get().to(login::form))
            .route(web::post().to(login::submit)),
    )
    .route("/log-ud", web::post().to(login::logout))
    .service(
        web::resource("/konto/opret")
            .route(web::get().to(signup::form))
            .route(web::post().to(signup::submit)),
    )
    .route("/konto/tjek-din-email", web::get().to(signup::check_email))
    .route("/konto/bekraeft/{token}", web::get().to(signup::verify))
    .service(
        web::resource("/konto/glemt-adgangskode")
            .route(web::get().to(password::forgot_form))
            .route(web::post().to(password::forgot_submit)),
    )
    .service(
        web::resource("/konto/nulstil/{token}")
            .route(web::get().to(password::reset_form))
            .route(web::post().to(password::reset_submit)),
    )
    .service(
        web::resource("/konto/invitation/{token}")
            .route(web::get().to(password::invitation_form))
            .route(web::post().to(password::invitation_submit)),
    )
    .service(
        web::resource("/konto/velkommen/{token}")
            .route(web::get().to(password::welcome_form))
            .route(web::post().to(password::welcome_submit)),
    )
    .service(
        web::resource("/konto/adgangskode")
            .route(web::get().to(password::change_form))
            .route(web::post().to(password::change_submit)),
    )
    .route("/konto", web::get().to(profile::show));
}
