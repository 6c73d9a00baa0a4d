//! Brobygninger as counts. Volunteers (`/frivillig/brobygninger`, active
//! brobyggere only: others get their checklist): register each
//! accompaniment, see this month's and last month's, correct or delete
//! their own for two weeks. Coordinators: a branch's month
//! (`/koordinator/afdelinger/{id}/brobygninger?maaned=YYYY-MM`) and
//! correcting a registration (`/koordinator/brobygninger/{id}`, audited).
//! Administrators: the annual figures (`/admin/statistik`, `.csv`, `.pdf`).
//!
//! No form here has a free-text field: every field is a date, a select, a
//! radio button or hidden, so nothing about a citizen can be typed in.

mod staff;
mod statistics;
mod volunteer;

use actix_web::web;
use serde::{Deserialize, Serialize};

use crate::domain::FieldErrors;
use crate::domain::brobygning::{self as rules, Answers, Registration};

pub fn configure(cfg: &mut web::ServiceConfig) {
    cfg.service(
        web::resource("/frivillig/brobygninger")
            .route(web::get().to(volunteer::index))
            .route(web::post().to(volunteer::create)),
    )
    .service(
        web::resource("/frivillig/brobygninger/{id}")
            .route(web::get().to(volunteer::edit))
            .route(web::post().to(volunteer::update)),
    )
    .route(
        "/frivillig/brobygninger/{id}/slet",
        web::post().to(volunteer::delete),
    )
    .route(
        "/koordinator/afdelinger/{id}/brobygninger",
        web::get().to(staff::month),
    )
    .service(
        web::resource("/koordinator/brobygninger/{id}")
            .route(web::get().to(staff::edit))
            .route(web::post().to(staff::correct)),
    )
    .route("/admin/statistik", web::get().to(statistics::show))
    .route("/koordinator/statistik", web::get().to(statistics::mine))
    .route("/admin/statistik.csv", web::get().to(statistics::csv))
    .route("/admin/statistik.pdf", web::get().to(statistics::pdf));
}

/// The registration form as sent and as drawn again: every value is a
/// choice, kept as the text the browser sent.
#[derive(Debug, Clone, Default, Deserialize, Serialize)]
#[serde(default)]
pub struct RegistrationForm {
    pub date: String,
    pub programme: String,
    pub minutes: String,
    pub briefing: String,
    pub briefed_by: String,
    pub debriefing: String,
    pub debriefed_by: String,
}

impl RegistrationForm {
    /// A new form: today, four hours, nothing else chosen.
    pub fn fresh(today: chrono::NaiveDate) -> RegistrationForm {
        RegistrationForm {
            date: today.format("%Y-%m-%d").to_string(),
            minutes: rules::TYPICAL_MINUTES.to_string(),
            ..RegistrationForm::default()
        }
    }

    /// The form filled with a stored registration.
    pub fn of(r: &Registration) -> RegistrationForm {
        let yn = |b: bool| if b { "yes" } else { "no" }.to_string();
        let id = |i: Option<i64>| i.map(|i| i.to_string()).unwrap_or_default();
        RegistrationForm {
            date: r.done_on.format("%Y-%m-%d").to_string(),
            programme: crate::domain::Code::as_str(r.programme).to_string(),
            minutes: r.minutes.to_string(),
            briefing: yn(r.briefing),
            briefed_by: id(r.briefed_by),
            debriefing: yn(r.debriefing),
            debriefed_by: id(r.debriefed_by),
        }
    }

    /// Checks every field (`domain::brobygning::check`); the date from
    /// `earliest` up to `today`.
    pub fn parse(
        &self,
        today: chrono::NaiveDate,
        earliest: chrono::NaiveDate,
        counsellors: &[(i64, String)],
    ) -> Result<Registration, FieldErrors> {
        let ids: Vec<i64> = counsellors.iter().map(|(id, _)| *id).collect();
        let mut errors = FieldErrors::new();
        let r = rules::check(
            &Answers {
                date: &self.date,
                programme: &self.programme,
                minutes: &self.minutes,
                briefing: &self.briefing,
                briefed_by: &self.briefed_by,
                debriefing: &self.debriefing,
                debriefed_by: &self.debriefed_by,
            },
            today,
            earliest,
            &ids,
            &mut errors,
        );
        r.filter(|_| errors.is_empty()).ok_or(errors)
    }
}

/// What the form's selects offer: quarter hours with their text, and the
/// programmes' codes.
pub fn choices(ctx: &mut tera::Context, lang: crate::domain::Lang) {
    use crate::domain::Code;
    use crate::domain::brobygning::Programme;
    let minutes: Vec<(i32, String)> = rules::minute_choices()
        .into_iter()
        .map(|m| (m, crate::i18n::format::hours(lang, m)))
        .collect();
    ctx.insert("minute_choices", &minutes);
    let programmes: Vec<&str> = Programme::ALL.iter().map(|p| p.as_str()).collect();
    ctx.insert("programmes", &programmes);
}
