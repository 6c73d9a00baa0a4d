//! Brobyggere: the public application form, the volunteer's own pages
//! (status and checklist, course material, the confidentiality declaration,
//! cohorts and make-ups), and the coordinators' pages for their branch's
//! pipeline, applications, cohorts, roster and settings.

mod applications;
mod apply;
pub mod checklist;
mod cohort_admin;
mod cohort_public;
mod dashboard;
mod declaration;
mod material;
mod people;
mod pipeline;
mod settings;

use actix_web::web;

use crate::content::preparation::{self, Material};
use crate::db::sessions::Session;
use crate::db::{DbConnection, activation};
use crate::domain::attendance::AttendanceStatus;
use crate::domain::session::SessionKind;
use crate::error::AppError;

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
    .service(
        web::resource("/admin/tavshedserklaering")
            .route(web::get().to(declaration::admin))
            .route(web::post().to(declaration::require)),
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
        "/koordinator/brobyggere/{user_id}/{action}",
        web::post().to(people::act),
    );
}

/// What to do after attendance at a meeting is saved, for sessions whose
/// kind cares (cohorts count hours towards modules). The generic attendance
/// page asks before its transaction and runs it inside.
pub struct AttendanceHook {
    material: &'static Material,
    base_url: String,
}

impl AttendanceHook {
    pub fn for_session(session: &Session, base_url: &str) -> Result<Option<Self>, AppError> {
        if session.kind() != SessionKind::Cohort {
            return Ok(None);
        }
        Ok(Some(AttendanceHook {
            material: preparation::material()?,
            base_url: base_url.to_string(),
        }))
    }

    /// `changed`: the people whose attendance differs from before.
    pub fn run(
        &self,
        conn: &mut DbConnection,
        meeting_id: i64,
        changed: &[(i64, AttendanceStatus)],
        by: i64,
    ) -> diesel::QueryResult<()> {
        activation::after_cohort_attendance(
            conn,
            &self.material.curriculum,
            meeting_id,
            changed,
            by,
            &self.base_url,
        )
    }
}

/// A date (no time) as the date filters want it: noon UTC, which is the
/// same date in Copenhagen all year.
pub(crate) fn noon(date: chrono::NaiveDate) -> Option<chrono::NaiveDateTime> {
    date.and_hms_opt(12, 0, 0)
}
