//! The volunteer's own page: status and application, the activation
//! checklist, hours done of the course and where each missing module is
//! taught next, cohorts, material, the declaration and the history. Also
//! pausing and coming back, and the page activation unlocks.

use actix_web::HttpResponse;
use serde::{Deserialize, Serialize};
use tera::Context;

use super::checklist::{self, ActiveVolunteer};
use super::parse_pause;
use crate::app::volunteers::{activation, people};
use crate::domain::FieldErrors;
use crate::domain::activation::ActivationRefusal;
use crate::domain::volunteer::VolunteerStatus;
use crate::error::AppError;
use crate::web::page::redirect;
use crate::web::{Form, Page, VolunteerUser};

#[derive(Deserialize, Serialize, Default)]
#[serde(default)]
pub struct PauseForm {
    until: String,
    reason: String,
}

async fn render(
    page: &Page,
    user_id: i64,
    pause: &PauseForm,
    errors: &FieldErrors,
) -> Result<HttpResponse, AppError> {
    let view = people::dashboard(&page.state.app, user_id).await?;
    let mut ctx = Context::from_serialize(&view)?;
    checklist::insert(&mut ctx, page.lang, &view.record.gate);
    // `Gate::may_work` is a method: the template needs it as a value.
    ctx.insert("may_work", &view.record.gate.may_work());
    ctx.insert("pause", pause);
    ctx.insert("errors", errors);
    if errors.is_empty() {
        page.render("volunteer/index.html", ctx)
    } else {
        page.render_invalid("volunteer/index.html", ctx)
    }
}

pub async fn index(user: VolunteerUser, page: Page) -> Result<HttpResponse, AppError> {
    let form = PauseForm::default();
    render(&page, user.user.id, &form, &FieldErrors::new()).await
}

/// A volunteer pauses themselves, e.g. around exams, until a date.
pub async fn pause(
    user: VolunteerUser,
    page: Page,
    Form(form): Form<PauseForm>,
) -> Result<HttpResponse, AppError> {
    let (until, reason) = match parse_pause(&form.until, &form.reason) {
        Ok(valid) => valid,
        Err(errors) => return render(&page, user.user.id, &form, &errors).await,
    };
    match activation::pause_self(&page.state.app, user.user.id, until, reason).await? {
        Ok(()) => page.success("volunteer-paused"),
        Err(_) => page.error("volunteer-cannot-pause"),
    }
    Ok(redirect("/frivillig"))
}

/// Back from a pause: only with nothing unmet, like activation.
pub async fn resume(user: VolunteerUser, page: Page) -> Result<HttpResponse, AppError> {
    match activation::resume_self(&page.state.app, user.user.id).await? {
        Ok(()) => page.success("volunteer-resumed"),
        Err(ActivationRefusal::Status(VolunteerStatus::Active)) => {}
        Err(refusal) => page.error(refusal.message_key()),
    }
    Ok(redirect("/frivillig"))
}

/// What activation unlocks, for active brobyggere only (others see their
/// checklist).
pub async fn active(user: ActiveVolunteer, page: Page) -> Result<HttpResponse, AppError> {
    let branch = people::active_branch(&page.state.app, user.gate.branch_id).await?;
    let mut ctx = Context::new();
    ctx.insert("branch", &branch);
    ctx.insert("name", &user.account.user.name);
    page.render("volunteers/active.html", ctx)
}
