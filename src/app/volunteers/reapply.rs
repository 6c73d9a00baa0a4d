//! Applying again after a decline. A declined applicant may apply again
//! once their branch's waiting period (`branch_volunteer_settings.
//! reapply_months`, 6 months unless the branch says otherwise) has passed
//! since the decision; before that their page says from which day. The
//! new application may go to any branch; it reopens the same volunteer
//! record, so their history stays one.

use chrono::{NaiveDate, NaiveDateTime};
use serde::Serialize;

use super::{App, Error, noon};
use crate::db::volunteers::Volunteer;
use crate::db::{DbConnection, now, volunteer_history, volunteer_settings, volunteers};
use crate::domain::application::may_reapply_from;
use crate::domain::time;
use crate::domain::volunteer::VolunteerStatus;

/// When a declined applicant may apply again.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct Reapply {
    /// The first day they may (Copenhagen).
    pub from: NaiveDate,
    /// The same day at noon UTC, for the date filters.
    pub from_at: Option<NaiveDateTime>,
    /// That day has come.
    pub open: bool,
}

/// Where someone stands towards the application form.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Standing {
    /// No volunteer record: they may apply.
    New,
    /// On the path (or past it): their own page instead.
    OnPath,
    /// Declined: they may apply again from a day.
    Declined(Reapply),
}

impl Standing {
    /// Whether the form is theirs to fill in.
    pub fn may_apply(self) -> bool {
        match self {
            Standing::New => true,
            Standing::OnPath => false,
            Standing::Declined(r) => r.open,
        }
    }
}

fn today() -> NaiveDate {
    time::local(now()).date_naive()
}

/// Where this person stands, in the caller's transaction. The waiting
/// period is the declining branch's, counted from the last decline in
/// their history (without one, left by an import or erased, they may
/// apply at once).
pub(crate) fn standing_in(c: &mut DbConnection, user_id: i64) -> Result<Standing, Error> {
    match volunteers::find(c, user_id)? {
        Some(volunteer) => standing_of(c, &volunteer),
        None => Ok(Standing::New),
    }
}

/// Where a volunteer whose record the caller has read stands.
pub(crate) fn standing_of(c: &mut DbConnection, volunteer: &Volunteer) -> Result<Standing, Error> {
    let user_id = volunteer.user_id;
    if volunteer.status != VolunteerStatus::Rejected {
        return Ok(Standing::OnPath);
    }
    let today = today();
    let months = volunteer_settings::reapply_months(c, volunteer.branch_id)?;
    let from = volunteer_history::declined_at(c, user_id)?.map_or(today, |at| {
        may_reapply_from(time::local(at).date_naive(), months)
    });
    Ok(Standing::Declined(Reapply {
        from,
        from_at: noon(from),
        open: today >= from,
    }))
}

/// Where this person stands towards the application form.
#[tracing::instrument(skip(app))]
pub async fn standing(app: &App, user_id: i64) -> Result<Standing, Error> {
    app.read(move |c| standing_in(c, user_id)).await
}
