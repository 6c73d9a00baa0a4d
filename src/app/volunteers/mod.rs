//! Brobyggere: the volunteers' path from the application to active (and on
//! to a pause or alumne), the preparation course's cohorts and make-ups,
//! the confidentiality declaration, and the coordinators' pipeline, roster,
//! people pages and branch settings.
//!
//! Reads return view data for one page; writes run in one transaction
//! behind the write queue and record their own messages. Who may do what
//! beyond the extractors (a coordinator's branch, a volunteer's status) is
//! decided here: `Error::Forbidden` and `Error::NotFound` say no.

pub mod activation;
pub mod applications;
pub mod cohorts;
pub mod declaration;
pub mod material;
pub mod moves;
pub mod pauses;
pub mod people;
pub mod pipeline;
pub mod readiness;
pub mod reapply;
pub mod settings;

use chrono::{NaiveDate, NaiveDateTime};

use super::{App, Error};
use std::sync::Arc;

use crate::db::users::Account;
use crate::domain::curriculum::{Curriculum, Module};

/// Where every message to a volunteer points: their own page.
pub(crate) const DASHBOARD: &str = "/frivillig";

/// The preparation course as it stands now (`app::site_content`).
async fn curriculum(app: &App) -> Result<Arc<Curriculum>, Error> {
    super::site_content::current_curriculum(app).await
}

/// Refuses anyone but the coordinators of `branch_id`.
fn coordinates(account: &Account, branch_id: i64) -> Result<(), Error> {
    if account.coordinates(branch_id) {
        Ok(())
    } else {
        Err(Error::Forbidden)
    }
}

/// A module as lists name it: "5. Tavshedspligt og etik".
fn label(module: &Module) -> String {
    format!("{}. {}", module.order, module.title)
}

/// The label of a module by its id, if the course has it.
fn label_of(curriculum: &Curriculum, id: &str) -> Option<String> {
    curriculum.module(id).map(label)
}

/// A date (no time) as the date filters want it: noon UTC, which is the
/// same date in Copenhagen all year.
pub fn noon(date: NaiveDate) -> Option<NaiveDateTime> {
    date.and_hms_opt(12, 0, 0)
}
