//! A branch's settings for activating volunteers: extra requirements beyond
//! the fixed core (a børneattest, off by default), whether the last
//! requirement met activates automatically or a coordinator confirms, and
//! how often active volunteers must attend supervision.
//!
//! A requirement added while volunteers are already active does not lock
//! them out: the page names who lacks it before it is saved, and saving
//! gives each of them grace until a deadline (`activation::GRACE_DAYS`),
//! shown on their page and the coordinators', and tells them by email.

use chrono::{NaiveDate, NaiveDateTime};
use serde::Serialize;

use super::{App, DASHBOARD, Error, coordinates, noon};
use crate::app::audit::{self, Actor, Object};
use crate::db::branches::{self, Branch};
use crate::db::users::Account;
use crate::db::{DbConnection, outbox, supervision, users, volunteer_settings, volunteers};
use crate::domain::activation::{self, BranchRequirements, ExtraCheck};
use crate::domain::audit::Action;
use crate::domain::events::{Message, Recipient};
use crate::domain::time;
use crate::domain::volunteer::VolunteerStatus;

/// An active brobygger (or one on a break) without the børneattest.
#[derive(Debug, Serialize)]
pub struct Lacking {
    pub user_id: i64,
    pub name: String,
    pub paused: bool,
    /// Their grace's last day (noon UTC), if they have one for it.
    pub grace_until: Option<NaiveDateTime>,
    /// The grace has run out: the requirement stops them now.
    pub grace_over: bool,
}

#[derive(Debug, Serialize)]
pub struct SettingsPage {
    pub branch: Branch,
    pub settings: BranchRequirements,
    /// Months between supervisions.
    pub supervision_window: i32,
    /// Months a declined applicant waits before applying again.
    pub reapply_months: i32,
    /// Who would be (or is) affected by requiring a børneattest.
    pub lacking_child_certificate: Vec<Lacking>,
    /// The deadline that turning a requirement on now gives them (noon UTC).
    pub grace_deadline: Option<NaiveDateTime>,
}

fn today() -> NaiveDate {
    time::local(crate::db::now()).date_naive()
}

/// The branch's active brobyggere and those on a break who lack `check`,
/// with their grace.
fn lacking(
    c: &mut DbConnection,
    branch_id: i64,
    check: ExtraCheck,
    today: NaiveDate,
) -> Result<Vec<Lacking>, Error> {
    let people = volunteers::in_branch_with_status(
        c,
        branch_id,
        &[VolunteerStatus::Active, VolunteerStatus::Paused],
    )?;
    let ids: Vec<i64> = people.iter().map(|p| p.user_id).collect();
    let checks = volunteer_settings::checks_of_many(c, &ids)?;
    let grace = volunteer_settings::grace_of_many(c, &ids)?;
    Ok(people
        .into_iter()
        .filter(|p| {
            let has: Vec<ExtraCheck> = checks
                .get(&p.user_id)
                .map(|c| c.iter().map(|(k, _)| *k).collect())
                .unwrap_or_default();
            activation::gets_grace(p.status, &has, check)
        })
        .map(|p| {
            let g = grace
                .get(&p.user_id)
                .and_then(|g| g.iter().find(|g| g.check == check).copied());
            Lacking {
                grace_until: g.and_then(|g| noon(g.until)),
                grace_over: g.is_some_and(|g| !g.running(today)),
                paused: p.status == VolunteerStatus::Paused,
                user_id: p.user_id,
                name: p.name,
            }
        })
        .collect())
}

#[tracing::instrument(skip(app, actor), fields(actor = actor.user.id))]
pub async fn page(app: &App, actor: &Account, branch_id: i64) -> Result<SettingsPage, Error> {
    coordinates(actor, branch_id)?;
    let known = actor.coordinated_branch(branch_id).cloned();
    app.read(move |c| {
        let today = today();
        Ok(SettingsPage {
            branch: branches::known_or_find(c, known, branch_id)?,
            settings: volunteer_settings::of_branch(c, branch_id)?,
            supervision_window: supervision::window(c, branch_id)?,
            reapply_months: volunteer_settings::reapply_months(c, branch_id)?,
            lacking_child_certificate: lacking(c, branch_id, ExtraCheck::ChildCertificate, today)?,
            grace_deadline: noon(activation::grace_deadline(today)),
        })
    })
    .await
}

/// The settings as a coordinator saves them.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Settings {
    pub requirements: BranchRequirements,
    /// `None`: the window stays as it is (an older form without it).
    pub supervision_window: Option<i32>,
    /// `None`: the waiting period stays as it is (likewise).
    pub reapply_months: Option<i32>,
}

/// Saves the settings. A requirement turned on gives every active
/// brobygger (or one on a break) who lacks it grace until
/// `activation::grace_deadline` and an email saying so, in the same
/// transaction. Returns how many were given grace.
#[tracing::instrument(skip(app, actor), fields(actor = actor.user.id))]
pub async fn save(
    app: &App,
    actor: &Account,
    who: Actor,
    branch_id: i64,
    s: Settings,
) -> Result<usize, Error> {
    coordinates(actor, branch_id)?;
    let by = actor.user.id;
    app.write(move |c| {
        let granted = apply(c, branch_id, &s, by, today())?;
        let branch = branches::find(c, branch_id)?;
        let yes = |b: bool| if b { "ja" } else { "nej" };
        let r = &s.requirements;
        let mut detail = format!(
            "Børneattest: {}, automatisk aktivering: {}",
            yes(r.child_certificate),
            yes(r.auto_activate)
        );
        if let Some(months) = s.supervision_window {
            detail.push_str(&format!(", supervision hver {months}. måned"));
        }
        if let Some(months) = s.reapply_months {
            detail.push_str(&format!(", ny ansøgning efter {months} måneder"));
        }
        if granted > 0 {
            detail.push_str(&format!(", frist givet til {granted}"));
        }
        let object = Object::branch(branch_id).labelled(branch.name.as_str());
        audit::record(
            c,
            &who,
            Action::BranchSettingsChanged,
            &object,
            Some(&detail),
        )?;
        Ok(granted)
    })
    .await
}

/// `save` inside the caller's transaction, as if on `today` (the demo's
/// requirement was added a while ago).
pub fn apply(
    c: &mut DbConnection,
    branch_id: i64,
    s: &Settings,
    by: i64,
    today: NaiveDate,
) -> Result<usize, Error> {
    let branch = branches::find(c, branch_id)?;
    let before = volunteer_settings::of_branch(c, branch_id)?;
    volunteer_settings::save(c, branch_id, &s.requirements, by)?;
    if let Some(months) = s.supervision_window {
        supervision::set_window(c, branch_id, months, by)?;
    }
    if let Some(months) = s.reapply_months {
        volunteer_settings::set_reapply_months(c, branch_id, months, by)?;
    }
    let until = activation::grace_deadline(today);
    let deadline = noon(until).ok_or(Error::NotFound)?;
    let mut granted = 0;
    for check in activation::newly_required(&before, &s.requirements) {
        let people = lacking(c, branch_id, check, today)?;
        let ids: Vec<i64> = people.iter().map(|p| p.user_id).collect();
        volunteer_settings::grant_grace(c, &ids, check, until, by)?;
        for id in ids {
            let to = Recipient::from(&users::find(c, id)?);
            outbox::enqueue(
                c,
                &to,
                &Message::RequirementGrace {
                    check,
                    branch: branch.name.clone(),
                    deadline,
                    link: DASHBOARD.to_string(),
                },
            )?;
            granted += 1;
        }
    }
    // What the branch requires now decides who in its pipeline is ready.
    super::readiness::refresh_branches(c, &[branch_id])?;
    Ok(granted)
}
