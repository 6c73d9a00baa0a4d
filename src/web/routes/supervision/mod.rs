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

use crate::app::supervision::Plan;
use crate::db::sessions::MeetingTimes;
use crate::domain::Code;
use crate::domain::session as session_rules;
use crate::domain::supervision::{Format, SupervisorKind};
use crate::domain::validation::{optional_https_url, optional_text, required_text};
use crate::domain::{FieldErrors, Invalid, time};

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

impl PlanForm {
    /// The branch chosen, if it is a number at all.
    pub fn branch_id(&self) -> Option<i64> {
        self.branch.trim().parse::<i64>().ok()
    }

    /// A new session: the branch and the plan, every mistake beside its
    /// field.
    pub fn parse_new(&self) -> Result<(i64, Plan), FieldErrors> {
        let mut errors = FieldErrors::new();
        let branch = self.branch_id();
        if branch.is_none() {
            errors.add("branch", Invalid("error-required"));
        }
        match (branch, self.check(&mut errors)) {
            (Some(branch), Some(plan)) if errors.is_empty() => Ok((branch, plan)),
            _ => Err(errors),
        }
    }

    /// Checks a plan; every mistake goes beside its field. A session needs
    /// a place or an online link (or both).
    fn check(&self, errors: &mut FieldErrors) -> Option<Plan> {
        let format = Format::parse(&self.format);
        if format.is_none() {
            errors.add("format", Invalid("error-required"));
        }
        let title = errors.check("title", required_text(&self.title, 200));
        let supervisor_name =
            errors.check("supervisor_name", required_text(&self.supervisor_name, 200));
        let supervisor_kind = SupervisorKind::parse(&self.supervisor_kind);
        if supervisor_kind.is_none() {
            errors.add("supervisor_kind", Invalid("error-required"));
        }
        let times = errors.check("date", time::meeting(&self.date, &self.start, &self.end));
        let location = errors.check("location", optional_text(&self.location, 300));
        let online_url = errors.check("online_url", optional_https_url(&self.online_url, 500));
        if matches!((&location, &online_url), (Some(None), Some(None))) {
            errors.add("location", Invalid("error-supervision-place"));
        }
        let capacity = errors.check("capacity", session_rules::capacity(&self.capacity));
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
                online_url: None,
            },
        })
        .filter(|_| errors.is_empty())
    }
}

impl TryFrom<&PlanForm> for Plan {
    type Error = FieldErrors;

    fn try_from(form: &PlanForm) -> Result<Plan, FieldErrors> {
        let mut errors = FieldErrors::new();
        form.check(&mut errors).ok_or(errors)
    }
}
