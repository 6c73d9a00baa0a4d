//! Supervision. Volunteers (`/supervision`): their standing against the
//! branch's rolling window, group sessions of their branch to sign up for
//! (active brobyggere only), and a request for individual supervision after
//! a hard task. Coordinators (`/koordinator/supervision`): planning
//! sessions, assigning volunteers, requests with their deadline, and the
//! overview of who is overdue. Attendance, the participant CSV and
//! cancelling a session stay on the generic pages at `/koordinator/hold/{id}`.
//!
//! No form here has a free-text field about a supervision or a citizen:
//! the records hold who attended, nothing of what was said.

mod overview;
mod requests;
mod staff;
mod volunteer;

use actix_web::web;
use serde::{Deserialize, Serialize};

use crate::db::sessions::MeetingTimes;
use crate::db::supervision::NewSupervision;
use crate::db::users::Account;
use crate::db::{DbConnection, branches::Branch};
use crate::domain::session as session_rules;
use crate::domain::supervision::{Format, SupervisorKind};
use crate::domain::validation::{optional_text, required_text};
use crate::domain::{FieldErrors, Invalid, time};
use crate::error::AppError;

pub fn configure(cfg: &mut web::ServiceConfig) {
    cfg.route("/supervision", web::get().to(volunteer::index))
        .route("/supervision/anmod", web::post().to(volunteer::request))
        .route("/supervision/{id}", web::get().to(volunteer::show))
        .route(
            "/supervision/{id}/tilmeld",
            web::post().to(volunteer::enrol),
        )
        .route(
            "/supervision/{id}/afmeld",
            web::post().to(volunteer::cancel),
        )
        .service(
            web::resource("/koordinator/supervision")
                .route(web::get().to(staff::index))
                .route(web::post().to(staff::create)),
        )
        .route(
            "/koordinator/supervision/oversigt",
            web::get().to(overview::show),
        )
        .route(
            "/koordinator/supervision/oversigt.csv",
            web::get().to(overview::csv),
        )
        .route(
            "/koordinator/supervision/anmodninger",
            web::get().to(requests::list),
        )
        .route(
            "/koordinator/supervision/anmodninger/{id}",
            web::get().to(requests::show),
        )
        .route(
            "/koordinator/supervision/anmodninger/{id}/planlaeg",
            web::post().to(requests::schedule),
        )
        .route(
            "/koordinator/supervision/anmodninger/{id}/besvaret",
            web::post().to(requests::handled),
        )
        .route("/koordinator/supervision/{id}", web::get().to(staff::show))
        .route(
            "/koordinator/supervision/{id}/tildel",
            web::post().to(staff::assign),
        );
}

/// The branches a coordinator works with here (administrators: all).
pub fn branch_choices(conn: &mut DbConnection, account: &Account) -> Result<Vec<Branch>, AppError> {
    use crate::db::branches;
    if account.is_admin() {
        Ok(branches::all(conn)?.into_iter().map(|b| b.branch).collect())
    } else {
        Ok(branches::by_ids(conn, &account.branches)?)
    }
}

/// What a coordinator types to plan a session (also when answering a
/// request: then format and seats are fixed).
#[derive(Deserialize, Serialize, Default, Clone)]
#[serde(default)]
pub struct PlanForm {
    pub branch: String,
    pub format: String,
    pub title: String,
    pub supervisor_name: String,
    pub supervisor_kind: String,
    pub date: String,
    pub start: String,
    pub end: String,
    pub location: String,
    pub online_url: String,
    pub capacity: String,
}

/// A validated plan.
pub struct Plan {
    pub format: Format,
    pub title: String,
    pub supervisor_name: String,
    pub supervisor_kind: SupervisorKind,
    pub location: String,
    pub online_url: Option<String>,
    pub capacity: Option<i32>,
    pub times: MeetingTimes,
}

impl Plan {
    pub fn new_supervision(&self, branch_id: i64) -> NewSupervision<'_> {
        NewSupervision {
            branch_id,
            format: self.format,
            title: &self.title,
            supervisor_name: &self.supervisor_name,
            supervisor_kind: self.supervisor_kind,
            location: &self.location,
            online_url: self.online_url.as_deref(),
            capacity: self.capacity,
            times: self.times.clone(),
        }
    }
}

/// Checks a plan; every mistake goes beside its field. A session needs a
/// place or an online link (or both).
pub fn validate(form: &PlanForm, errors: &mut FieldErrors) -> Option<Plan> {
    let format = Format::parse(&form.format);
    if format.is_none() {
        errors.add("format", Invalid("error-required"));
    }
    let title = errors.check("title", required_text(&form.title, 200));
    let supervisor_name =
        errors.check("supervisor_name", required_text(&form.supervisor_name, 200));
    let supervisor_kind = SupervisorKind::parse(&form.supervisor_kind);
    if supervisor_kind.is_none() {
        errors.add("supervisor_kind", Invalid("error-required"));
    }
    let times = errors.check("date", time::meeting(&form.date, &form.start, &form.end));
    let location = errors.check("location", optional_text(&form.location, 300));
    let online_url = errors.check("online_url", optional_text(&form.online_url, 500));
    if online_url
        .as_ref()
        .and_then(Option::as_ref)
        .is_some_and(|u| !u.starts_with("https://"))
    {
        errors.add("online_url", Invalid("error-url"));
    }
    if matches!((&location, &online_url), (Some(None), Some(None))) {
        errors.add("location", Invalid("error-supervision-place"));
    }
    let capacity = errors.check("capacity", session_rules::capacity(&form.capacity));
    let (starts_at, ends_at) = times?;
    Some(Plan {
        format: format?,
        title: title?,
        supervisor_name: supervisor_name?,
        supervisor_kind: supervisor_kind?,
        location: location?.unwrap_or_default(),
        online_url: online_url?,
        capacity: capacity?,
        times: MeetingTimes {
            starts_at,
            ends_at,
            location: None,
        },
    })
    .filter(|_| errors.is_empty())
}
