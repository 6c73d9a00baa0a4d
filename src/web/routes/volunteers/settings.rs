//! A branch's settings for activating volunteers: extra requirements beyond
//! the fixed core (a børneattest, off by default), whether the last
//! requirement met activates automatically or a coordinator confirms, and
//! how often active volunteers must attend supervision.

use actix_web::{HttpResponse, web};
use serde::Deserialize;
use tera::Context;

use crate::app::audit::Actor;
use crate::app::volunteers::settings::{self, Settings};
use crate::domain::FieldErrors;
use crate::domain::activation::BranchRequirements;
use crate::domain::application::reapply_months;
use crate::domain::supervision::window_months;
use crate::error::AppError;
use crate::web::page::redirect;
use crate::web::{CoordinatorUser, Form, Page};

/// Checkboxes: present when ticked, absent otherwise.
#[derive(Deserialize, Default)]
#[serde(default)]
pub struct SettingsForm {
    child_certificate: Option<String>,
    auto_activate: Option<String>,
    /// Absent (an older form): the window stays as it is.
    supervision_window_months: Option<String>,
    /// Likewise: the waiting period of declined applicants stays.
    reapply_months: Option<String>,
}

impl SettingsForm {
    fn requirements(&self) -> BranchRequirements {
        BranchRequirements {
            child_certificate: self.child_certificate.is_some(),
            auto_activate: self.auto_activate.is_some(),
        }
    }
}

impl TryFrom<&SettingsForm> for Settings {
    type Error = FieldErrors;

    fn try_from(form: &SettingsForm) -> Result<Settings, FieldErrors> {
        let mut errors = FieldErrors::new();
        let supervision_window = form
            .supervision_window_months
            .as_deref()
            .map(|typed| errors.check("supervision_window_months", window_months(typed)));
        let reapply = form
            .reapply_months
            .as_deref()
            .map(|typed| errors.check("reapply_months", reapply_months(typed)));
        if !errors.is_empty() {
            return Err(errors);
        }
        Ok(Settings {
            requirements: form.requirements(),
            supervision_window: supervision_window.flatten(),
            reapply_months: reapply.flatten(),
        })
    }
}

pub async fn form(
    user: CoordinatorUser,
    page: Page,
    path: web::Path<i64>,
) -> Result<HttpResponse, AppError> {
    render(&page, &user, path.into_inner(), None, &FieldErrors::new()).await
}

/// The page; `typed` keeps what was typed when it is shown again with
/// mistakes.
async fn render(
    page: &Page,
    user: &CoordinatorUser,
    branch_id: i64,
    typed: Option<&SettingsForm>,
    errors: &FieldErrors,
) -> Result<HttpResponse, AppError> {
    let view = settings::page(&page.state.app, user.account(), branch_id).await?;
    let mut settings = view.settings;
    let mut window = view.supervision_window.to_string();
    let mut reapply = view.reapply_months.to_string();
    if let Some(f) = typed {
        settings = f.requirements();
        if let Some(typed) = &f.supervision_window_months {
            window = typed.clone();
        }
        if let Some(typed) = &f.reapply_months {
            reapply = typed.clone();
        }
    }
    let mut ctx = Context::new();
    ctx.insert("branch", &view.branch);
    ctx.insert("settings", &settings);
    ctx.insert("supervision_window", &window);
    ctx.insert("reapply_months", &reapply);
    ctx.insert("saved", &view.settings);
    ctx.insert("lacking_child_certificate", &view.lacking_child_certificate);
    ctx.insert("grace_deadline", &view.grace_deadline);
    ctx.insert("errors", errors);
    if errors.is_empty() {
        page.render("volunteers/settings.html", ctx)
    } else {
        page.render_invalid("volunteers/settings.html", ctx)
    }
}

pub async fn save(
    user: CoordinatorUser,
    by: Actor,
    page: Page,
    path: web::Path<i64>,
    Form(form): Form<SettingsForm>,
) -> Result<HttpResponse, AppError> {
    let branch_id = path.into_inner();
    let valid = match Settings::try_from(&form) {
        Ok(valid) => valid,
        Err(errors) => return render(&page, &user, branch_id, Some(&form), &errors).await,
    };
    let granted = settings::save(&page.state.app, user.account(), by, branch_id, valid).await?;
    page.success(if granted > 0 {
        "flash-saved-grace"
    } else {
        "flash-saved"
    });
    Ok(redirect(&format!(
        "/koordinator/afdelinger/{branch_id}/indstillinger"
    )))
}
