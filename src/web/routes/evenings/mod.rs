//! Brobyggeraftener and public info evenings: the volunteers' and the
//! public's pages under `/aftener`, the coordinators' under
//! `/koordinator/aftener`. An evening is an engine session of kind
//! `evening` (`db::evenings`); attendance, the participant CSV and
//! cancelling use the generic pages under `/koordinator/hold/{id}`.

mod public;
mod staff;

use actix_web::web;

pub fn configure(cfg: &mut web::ServiceConfig) {
    cfg.route("/aftener", web::get().to(public::list))
        .route("/aftener/{id}", web::get().to(public::show))
        .route("/aftener/{id}/svar", web::post().to(public::answer))
        .route("/aftener/{id}/tilmeld", web::post().to(public::signup))
        .route("/aftener/{id}/tak", web::get().to(public::thanks))
        .route("/aftener/{id}/afmeld", web::post().to(public::cancel))
        .route("/koordinator/aftener", web::get().to(staff::list))
        .service(
            web::resource("/koordinator/aftener/ny")
                .route(web::get().to(staff::form))
                .route(web::post().to(staff::create)),
        )
        .route("/koordinator/aftener/{id}", web::get().to(staff::show))
        .service(
            web::resource("/koordinator/aftener/{id}/rediger")
                .route(web::get().to(staff::edit_form))
                .route(web::post().to(staff::update)),
        );
}
