//! A branch's settings for activating volunteers: extra requirements beyond
//! the fixed core (a børneattest, off by default), whether the last
//! requirement met activates automatically or a coordinator confirms, and
//! how often active volunteers must attend supervision.

use serde::Serialize;

use super::{App, Error, coordinates};
use crate::app::audit::{self, Actor, Object};
use crate::db::branches::{self, Branch};
use crate::db::users::Account;
use crate::db::{supervision, volunteer_settings};
use crate::domain::activation::BranchRequirements;
use crate::domain::audit::Action;

#[derive(Debug, Serialize)]
pub struct SettingsPage {
    pub branch: Branch,
    pub settings: BranchRequirements,
    /// Months between supervisions.
    pub supervision_window: i32,
}

#[tracing::instrument(skip(app, actor), fields(actor = actor.user.id))]
pub async fn page(app: &App, actor: &Account, branch_id: i64) -> Result<SettingsPage, Error> {
    coordinates(actor, branch_id)?;
    app.read(move |c| {
        Ok(SettingsPage {
            branch: branches::find(c, branch_id)?,
            settings: volunteer_settings::of_branch(c, branch_id)?,
            supervision_window: supervision::window(c, branch_id)?,
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
}

#[tracing::instrument(skip(app, actor), fields(actor = actor.user.id))]
pub async fn save(
    app: &App,
    actor: &Account,
    who: Actor,
    branch_id: i64,
    s: Settings,
) -> Result<(), Error> {
    coordinates(actor, branch_id)?;
    let by = actor.user.id;
    app.write(move |c| {
        let branch = branches::find(c, branch_id)?;
        volunteer_settings::save(c, branch_id, &s.requirements, by)?;
        if let Some(months) = s.supervision_window {
            supervision::set_window(c, branch_id, months, by)?;
        }
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
        let object = Object::branch(branch_id).labelled(branch.name.as_str());
        audit::record(
            c,
            &who,
            Action::BranchSettingsChanged,
            &object,
            Some(&detail),
        )
    })
    .await
}
