//! A branch's settings for activating volunteers: extra requirements beyond
//! the fixed core (a børneattest, off by default), and whether the last
//! requirement met activates automatically or a coordinator confirms.

use actix_web::{HttpResponse, web};
use serde::Deserialize;
use tera::Context;

use crate::db::{branches, volunteer_settings};
use crate::domain::activation::BranchRequirements;
use crate::error::AppError;
use crate::web::page::redirect;
use crate::web::{CoordinatorUser, Form, Page};

pub async fn form(
    user: CoordinatorUser,
    page: Page,
    path: web::Path<i64>,
) -> Result<HttpResponse, AppError> {
    let branch_id = path.into_inner();
    if !user.coordinates(branch_id) {
        return Err(AppError::Forbidden);
    }
    let (branch, settings) = page
        .db()
        .run(move |c| {
            Ok((
                branches::find(c, branch_id)?,
                volunteer_settings::of_branch(c, branch_id)?,
            ))
        })
        .await?;
    let mut ctx = Context::new();
    ctx.insert("branch", &branch);
    ctx.insert("settings", &settings);
    page.render("volunteers/settings.html", ctx)
}

/// Checkboxes: present when ticked, absent otherwise.
#[derive(Deserialize, Default)]
#[serde(default)]
pub struct SettingsForm {
    child_certificate: Option<String>,
    auto_activate: Option<String>,
}

pub async fn save(
    user: CoordinatorUser,
    page: Page,
    path: web::Path<i64>,
    Form(form): Form<SettingsForm>,
) -> Result<HttpResponse, AppError> {
    let branch_id = path.into_inner();
    if !user.coordinates(branch_id) {
        return Err(AppError::Forbidden);
    }
    let settings = BranchRequirements {
        child_certificate: form.child_certificate.is_some(),
        auto_activate: form.auto_activate.is_some(),
    };
    let by = user.user.id;
    page.db()
        .transaction(move |c| {
            branches::find(c, branch_id)?;
            Ok(volunteer_settings::save(c, branch_id, &settings, by)?)
        })
        .await?;
    page.flash("success", "flash-saved");
    Ok(redirect(&format!(
        "/koordinator/afdelinger/{branch_id}/indstillinger"
    )))
}
