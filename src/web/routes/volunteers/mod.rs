//! Brobyggere: the public application form, the volunteer's own pages
//! (status and checklist, course material, the confidentiality declaration,
//! cohorts and make-ups), and the coordinators' pages for their branch's
//! pipeline, applications, cohorts, roster and settings.

mod applications;
mod apply;
pub mod checklist;
mod cohort_admin;
mod cohort_public;
mod content_admin;
mod dashboard;
mod declaration;
mod material;
mod people;
mod pipeline;
mod settings;

use actix_web::web;
use chrono::NaiveDate;

use crate::domain::validation::optional_text;
use crate::domain::volunteer as rules;
use crate::domain::{FieldErrors, time};

pub use checklist::ActiveVolunteer;

pub fn configure(cfg: &mut web::ServiceConfig) {
    cfg.service(
        web::resource("/bliv-brobygger")
            .route(web::get().to(apply::form))
            .route(web::post().to(apply::submit)),
    )
    .route("/bliv-brobygger/tak", web::get().to(apply::thanks))
    .route("/frivillig", web::get().to(dashboard::index))
    .route("/frivillig/aktiv", web::get().to(dashboard::active))
    .route("/frivillig/pause", web::post().to(dashboard::pause))
    .route("/frivillig/tilbage", web::post().to(dashboard::resume))
    .route("/frivillig/materiale", web::get().to(material::index))
    .route("/frivillig/materiale/{id}", web::get().to(material::module))
    .service(
        web::resource("/frivillig/tavshedserklaering")
            .route(web::get().to(declaration::form))
            .route(web::post().to(declaration::sign)),
    )
    .route(
        "/frivillig/tavshedserklaering/{version}",
        web::get().to(declaration::own_signed),
    )
    .service(
        web::resource("/admin/tavshedserklaering")
            .route(web::get().to(declaration::admin))
            .route(web::post().to(declaration::require)),
    )
    .route(
        "/admin/tavshedserklaering/ny",
        web::post().to(declaration::publish),
    )
    .route(
        "/admin/forberedelseskursus",
        web::get().to(content_admin::modules),
    )
    .service(
        web::resource("/admin/forberedelseskursus/{id}")
            .route(web::get().to(content_admin::edit))
            .route(web::post().to(content_admin::save)),
    )
    .route(
        "/forberedelse/hold/{id}",
        web::get().to(cohort_public::show),
    )
    .route(
        "/forberedelse/hold/{id}/tilmeld",
        web::post().to(cohort_public::enrol),
    )
    .route(
        "/forberedelse/hold/{id}/indhent",
        web::post().to(cohort_public::make_up),
    )
    .route(
        "/forberedelse/hold/{id}/afmeld",
        web::post().to(cohort_public::cancel),
    )
    .route(
        "/koordinator/afdelinger/{id}/brobyggere",
        web::get().to(pipeline::show),
    )
    .route(
        "/koordinator/afdelinger/{id}/aktive",
        web::get().to(pipeline::roster),
    )
    .route(
        "/koordinator/afdelinger/{id}/aktive.csv",
        web::get().to(pipeline::roster_csv),
    )
    .service(
        web::resource("/koordinator/afdelinger/{id}/indstillinger")
            .route(web::get().to(settings::form))
            .route(web::post().to(settings::save)),
    )
    .service(
        web::resource("/koordinator/afdelinger/{id}/hold")
            .route(web::get().to(cohort_admin::list))
            .route(web::post().to(cohort_admin::create)),
    )
    .route(
        "/koordinator/forberedelse/{id}",
        web::get().to(cohort_admin::show),
    )
    .route(
        "/koordinator/forberedelse/{id}/dimission",
        web::post().to(cohort_admin::graduation),
    )
    .route(
        "/koordinator/ansoegninger/{id}",
        web::get().to(applications::show),
    )
    .route(
        "/koordinator/ansoegninger/{id}/samtale",
        web::post().to(applications::intro),
    )
    .route(
        "/koordinator/ansoegninger/{id}/godkend",
        web::post().to(applications::accept),
    )
    .route(
        "/koordinator/ansoegninger/{id}/afvis",
        web::post().to(applications::decline),
    )
    .route(
        "/koordinator/brobyggere/{user_id}",
        web::get().to(people::show),
    )
    .route(
        "/koordinator/brobyggere/{user_id}/flyt",
        web::post().to(people::move_volunteer),
    )
    .route(
        "/koordinator/brobyggere/{user_id}/{action}",
        web::post().to(people::act),
    )
    .route(
        "/koordinator/brobyggere/{user_id}/tavshedserklaering/{version}",
        web::get().to(declaration::signed_of),
    );
}

/// Today in Copenhagen.
fn today() -> NaiveDate {
    time::local(chrono::Utc::now().naive_utc()).date_naive()
}

/// A pause's last day and reason, as the volunteer's and the coordinator's
/// forms both ask them.
fn parse_pause(until: &str, reason: &str) -> Result<(NaiveDate, Option<String>), FieldErrors> {
    let mut errors = FieldErrors::new();
    let until = errors.check("until", rules::pause_until(until, today()));
    let reason = errors.check("reason", optional_text(reason, 500));
    until.zip(reason).ok_or(errors)
}
