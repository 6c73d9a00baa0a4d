//! A branch's settings for activating volunteers: extra requirements beyond
//! the fixed core (a børneattest, off by default), whether the last
//! requirement met activates automatically or a coordinator confirms, and
//! how often active volunteers must attend supervision.

use actix_web::{HttpResponse, web};
use serde::Deserialize;
use tera::Context;

use crate::db::{branches, supervision, volunteer_settings};
use crate::domain::FieldErrors;
use crate::domain::activation::BranchRequirements;
use crate::domain::supervision::window_months;
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
    render(&page, branch_id, None, &FieldErrors::new()).await
}

/// The page; `typed` keeps what was typed when it is shown again with
/// mistakes.
async fn render(
    page: &Page,
    branch_id: i64,
    typed: Option<&SettingsForm>,
    errors: &FieldErrors,
) -> Result<HttpResponse, AppError> {
    let (branch, mut settings, window) = page
        .db()
        .run(move |c| {
            Ok((
                branches::find(c, branch_id)?,
                volunteer_settings::of_branch(c, branch_id)?,
                supervision::window(c, branch_id)?,
            ))
        })
        .await?;
    let mut window = window.to_string();
    if let Some(f) = typed {
        settings.child_certificate = f.child_certificate.is_some();
        settings.auto_activate = f.auto_activate.is_some();
        if let Some(typed) = &f.supervision_window_months {
            window = typed.clone();
        }
    }
    let mut ctx = Context::new();
    ctx.insert("branch", &branch);
    ctx.insert("settings", &settings);
    ctx.insert("supervision_window", &window);
    ctx.insert("errors", errors);
    if errors.is_empty() {
        page.render("volunteers/settings.html", ctx)
    } else {
        page.render_invalid("volunteers/settings.html", ctx)
    }
}

/// Checkboxes: present when ticked, absent otherwise.
#[derive(Deserialize, Default)]
#[serde(default)]
pub struct SettingsForm {
    child_certificate: Option<String>,
    auto_activate: Option<String>,
    /// Absent (an older form): the window stays as it is.
    supervision_window_months: Option<String>,
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
    let mut errors = FieldErrors::new();
    let window = match &form.supervision_window_months {
        Some(typed) => match errors.check("supervision_window_months", window_months(typed)) {
            Some(months) => Some(months),
            None => return render(&page, branch_id, Some(&form), &errors).await,
        },
        None => None,
    };
    let settings = BranchRequirements {
        child_certificate: form.child_certificate.is_some(),
        auto_activate: form.auto_activate.is_some(),
    };
    let by = user.user.id;
    page.db()
        .transaction(move |c| {
            branches::find(c, branch_id)?;
            volunteer_settings::save(c, branch_id, &settings, by)?;
            if let Some(months) = window {
                supervision::set_window(c, branch_id, months, by)?;
            }
            Ok(())
        })
        .await?;
    page.flash("success", "flash-saved");
    Ok(redirect(&format!(
        "/koordinator/afdelinger/{branch_id}/indstillinger"
    )))
}
