//! Coordinators' pages for any session, whatever its kind: participants and
//! waiting list, enrolling and cancelling people, moving them, attendance per
//! meeting, CSV, cancelling the session and marking it held, moving,
//! adding and removing meetings and writing to the participants. The pages of
//! each kind (GenLær, cohorts, supervision, evenings) link here.

mod attendance;
mod manage;
mod meetings;

use actix_web::web;

pub fn configure(cfg: &mut web::ServiceConfig) {
    cfg.route("/koordinator/hold/{id}", web::get().to(manage::show))
        .route(
            "/koordinator/hold/{id}/deltagere.csv",
            web::get().to(manage::csv),
        )
        .route(
            "/koordinator/hold/{id}/tilmeld",
            web::post().to(manage::enrol),
        )
        .route(
            "/koordinator/hold/{id}/afmeld/{user_id}",
            web::post().to(manage::cancel_participant),
        )
        .route(
            "/koordinator/hold/{id}/flyt/{user_id}",
            web::post().to(manage::move_participant),
        )
        .route(
            "/koordinator/hold/{id}/aflys",
            web::post().to(manage::cancel_session),
        )
        .route(
            "/koordinator/hold/{id}/afholdt",
            web::post().to(manage::mark_held),
        )
        .route(
            "/koordinator/hold/{id}/moeder",
            web::post().to(meetings::add),
        )
        .service(
            web::resource("/koordinator/hold/{id}/moeder/{meeting_id}")
                .route(web::get().to(meetings::show))
                .route(web::post().to(meetings::save)),
        )
        .service(
            web::resource("/koordinator/hold/{id}/moeder/{meeting_id}/fjern")
                .route(web::get().to(meetings::confirm_remove))
                .route(web::post().to(meetings::remove)),
        )
        .service(
            web::resource("/koordinator/hold/{id}/skriv")
                .route(web::get().to(meetings::compose))
                .route(web::post().to(meetings::send)),
        )
        .service(
            web::resource("/koordinator/hold/{id}/moeder/{meeting_id}/fremmoede")
                .route(web::get().to(attendance::form))
                .route(web::post().to(attendance::submit)),
        );
}
