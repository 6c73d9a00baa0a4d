//! Signing up, in and out, and everything about one's own account.

pub(crate) mod data;
mod details;
mod erasure;
mod login;
mod notifications;
mod password;
mod profile;
mod security;
mod signup;

use actix_web::web;

pub fn configure(cfg: &mut web::ServiceConfig) {
    cfg.service(
        web::resource("/log-ind")
            .route(web::get().to(login::form))
            .route(web::post().to(login::submit)),
    )
    .service(
        web::resource("/log-ind/kode")
            .route(web::get().to(login::code_form))
            .route(web::post().to(login::code_submit)),
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
        web::resource("/konto/administrator/{token}")
            .route(web::get().to(password::admin_setup_form))
            .route(web::post().to(password::admin_setup_submit)),
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
    .route("/konto", web::get().to(profile::show))
    .service(
        web::resource("/konto/notifikationer")
            .route(web::get().to(notifications::form))
            .route(web::post().to(notifications::submit)),
    )
    .route("/konto/data", web::get().to(data::show))
    .route("/konto/data.json", web::get().to(data::download))
    .service(
        web::resource("/konto/oplysninger")
            .route(web::get().to(details::form))
            .route(web::post().to(details::submit)),
    )
    .route("/konto/e-mail", web::post().to(details::change_email))
    .service(
        web::resource("/konto/sletning")
            .route(web::get().to(erasure::page))
            .route(web::post().to(erasure::ask)),
    )
    .route("/konto/sletning/fortryd", web::post().to(erasure::withdraw))
    .route(
        "/konto/ny-email/{token}",
        web::get().to(details::confirm_email),
    )
    .route(
        "/konto/sessioner/{id}/log-ud",
        web::post().to(security::end_session),
    )
    .route(
        "/konto/log-ud-overalt",
        web::post().to(security::log_out_everywhere),
    )
    .service(
        web::resource("/konto/totrinslogin")
            .route(web::get().to(security::two_factor_page))
            .route(web::post().to(security::two_factor_confirm)),
    )
    .route(
        "/konto/totrinslogin/ny",
        web::post().to(security::two_factor_replace),
    )
    .route(
        "/konto/totrinslogin/nye-koder",
        web::post().to(security::new_recovery_codes),
    )
    .route(
        "/konto/totrinslogin/fjern",
        web::post().to(security::two_factor_remove),
    )
    .service(
        web::resource("/konto/bekraeft-identitet")
            .route(web::get().to(security::reprove_form))
            .route(web::post().to(security::reprove_submit)),
    );
}
