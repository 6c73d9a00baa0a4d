//! GenLær: the public course catalogue and its JSON twin, enrolment (open,
//! and through an organisation's private link), "Mine kurser", bookings by
//! organisations, certificates, and the coordinators' GenLær pages. Seats,
//! waiting lists and cancellations are the shared engine's; participants,
//! attendance and cancelling a whole session are on the generic pages at
//! `/koordinator/hold/{id}`. Course evaluations: the participant's form
//! (`/evaluering/{token}`) and the results (`evaluations`).

mod api;
mod bookings;
mod catalogue;
mod certificates;
mod enrol;
mod evaluations;

pub use evaluations::average_text;
mod mine;
mod staff_bookings;
mod staff_courses;
mod staff_sessions;

use actix_web::web;

pub fn configure(cfg: &mut web::ServiceConfig) {
    cfg.route("/genlaer", web::get().to(catalogue::index))
        .route("/api/v1/genlaer", web::get().to(api::catalogue))
        .route("/genlaer/mine-kurser", web::get().to(mine::index))
        .route("/genlaer/hold/{id}", web::get().to(catalogue::session))
        .service(
            web::resource("/genlaer/hold/{id}/tilmeld")
                .route(web::get().to(enrol::form))
                .route(web::post().to(enrol::submit)),
        )
        .route("/genlaer/hold/{id}/tak", web::get().to(enrol::thanks))
        .route("/genlaer/hold/{id}/afmeld", web::post().to(enrol::cancel))
        .route(
            "/genlaer/hold/{id}/kursusbevis.pdf",
            web::get().to(certificates::download),
        )
        .service(
            web::resource("/genlaer/tilmelding/{token}")
                .route(web::get().to(enrol::link_form))
                .route(web::post().to(enrol::link_submit)),
        )
        .service(
            web::resource("/genlaer/bestil")
                .route(web::get().to(bookings::form))
                .route(web::post().to(bookings::submit)),
        )
        .route("/genlaer/bestil/tak", web::get().to(bookings::thanks))
        .route("/genlaer/bestillinger/{id}", web::get().to(bookings::show))
        .route(
            "/genlaer/bestillinger/{id}/byt/{user_id}",
            web::post().to(bookings::swap),
        )
        .route("/genlaer/{slug}", web::get().to(catalogue::course))
        .route("/evaluering/tak", web::get().to(evaluations::thanks))
        .route(
            "/evaluering/hold/{id}/{key}",
            web::get().to(evaluations::session_results_for_teachers),
        )
        .route(
            "/evaluering/kursus/{id}/{branches}/{key}",
            web::get().to(evaluations::course_results_for_teachers),
        )
        .service(
            web::resource("/evaluering/{token}")
                .route(web::get().to(evaluations::form))
                .route(web::post().to(evaluations::submit)),
        )
        .route("/bevis", web::get().to(certificates::lookup))
        .route("/bevis/{code}", web::get().to(certificates::verify))
        .route("/koordinator/genlaer", web::get().to(staff_courses::index))
        .service(
            web::resource("/koordinator/genlaer/kurser/ny")
                .route(web::get().to(staff_courses::new_form))
                .route(web::post().to(staff_courses::create)),
        )
        .service(
            web::resource("/koordinator/genlaer/kurser/{id}")
                .route(web::get().to(staff_courses::edit))
                .route(web::post().to(staff_courses::update)),
        )
        .service(
            web::resource("/koordinator/genlaer/kurser/{id}/nyt-hold")
                .route(web::get().to(staff_sessions::new_form))
                .route(web::post().to(staff_sessions::create)),
        )
        .service(
            web::resource("/koordinator/genlaer/hold/{id}")
                .route(web::get().to(staff_sessions::edit))
                .route(web::post().to(staff_sessions::update)),
        )
        .route(
            "/koordinator/genlaer/hold/{id}/moeder",
            web::post().to(staff_sessions::add_meeting),
        )
        .route(
            "/koordinator/genlaer/hold/{id}/evaluering",
            web::get().to(evaluations::session_results),
        )
        .route(
            "/koordinator/genlaer/kurser/{id}/evaluering",
            web::get().to(evaluations::course_results),
        )
        .route(
            "/koordinator/genlaer/hold/{id}/deltagere.csv",
            web::get().to(staff_sessions::csv),
        )
        .route(
            "/koordinator/genlaer/bestillinger",
            web::get().to(staff_bookings::list),
        )
        .route(
            "/koordinator/genlaer/bestillinger/{id}",
            web::get().to(staff_bookings::show),
        )
        .route(
            "/koordinator/genlaer/bestillinger/{id}/accepter",
            web::post().to(staff_bookings::accept),
        )
        .route(
            "/koordinator/genlaer/bestillinger/{id}/afvis",
            web::post().to(staff_bookings::decline),
        );
}
