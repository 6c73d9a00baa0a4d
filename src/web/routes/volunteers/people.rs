//! A coordinator's view of one volunteer of their branch: the same
//! checklist and course progress the volunteer sees, their application,
//! cohorts, declaration and history, and the status changes a coordinator
//! makes (activate, pause, back from pause, alumne) and extra checks.

use actix_web::http::StatusCode;
use actix_web::{HttpResponse, web};
use serde::{Deserialize, Serialize};
use tera::Context;

use super::{checklist, parse_pause, today};
use crate::app::audit::Actor;
use crate::app::volunteers::moves;
use crate::app::volunteers::people::{self, ActRefusal, StaffAction};
use crate::domain::validation::optional_text;
use crate::domain::{FieldErrors, Invalid, time};
use crate::error::AppError;
use crate::web::page::redirect;
use crate::web::{CoordinatorUser, Form, Page};

#[derive(Deserialize, Serialize, Default)]
#[serde(default)]
pub struct ActForm {
    reason: String,
    until: String,
    checked_on: String,
    /// The branch to move the volunteer to.
    branch: String,
}

impl ActForm {
    /// The action named in the path with what the form says;
    /// `Ok(None)` for a name that is no action.
    fn parse(&self, action: &str) -> Result<Option<StaffAction>, FieldErrors> {
        let reason = || {
            let mut errors = FieldErrors::new();
            errors
                .check("reason", optional_text(&self.reason, 500))
                .ok_or(errors)
        };
        Ok(Some(match action {
            "aktiver" => StaffAction::Activate { reason: reason()? },
            "tilbage" => StaffAction::Resume { reason: reason()? },
            "pause" => {
                let (until, reason) = parse_pause(&self.until, &self.reason)?;
                StaffAction::Pause { until, reason }
            }
            "alumne" => StaffAction::Retire { reason: reason()? },
            "boerneattest" => {
                let mut errors = FieldErrors::new();
                let on = time::date(&self.checked_on).and_then(|d| {
                    if d > today() {
                        Err(Invalid("error-date-future"))
                    } else {
                        Ok(d)
                    }
                });
                let on = errors.check("checked_on", on).ok_or(errors)?;
                StaffAction::ChildCertificate { on }
            }
            _ => return Ok(None),
        }))
    }
}

async fn render(
    page: &Page,
    user: &CoordinatorUser,
    by: &Actor,
    user_id: i64,
    form: &ActForm,
    errors: &FieldErrors,
    status: StatusCode,
) -> Result<HttpResponse, AppError> {
    let view = people::person(&page.state.app, user.account(), by.clone(), user_id).await?;
    let mut ctx = Context::from_serialize(&view)?;
    checklist::insert(&mut ctx, page.lang, &view.record.gate);
    ctx.insert("form", form);
    ctx.insert("errors", errors);
    page.render_status(status, "volunteers/volunteer.html", ctx)
}

pub async fn show(
    user: CoordinatorUser,
    by: Actor,
    page: Page,
    path: web::Path<i64>,
) -> Result<HttpResponse, AppError> {
    let form = ActForm::default();
    let no_errors = FieldErrors::new();
    render(
        &page,
        &user,
        &by,
        path.into_inner(),
        &form,
        &no_errors,
        StatusCode::OK,
    )
    .await
}

pub async fn act(
    user: CoordinatorUser,
    by: Actor,
    page: Page,
    path: web::Path<(i64, String)>,
    Form(form): Form<ActForm>,
) -> Result<HttpResponse, AppError> {
    let (user_id, name) = path.into_inner();
    let action = match form.parse(&name) {
        Ok(Some(action)) => action,
        Ok(None) => {
            // Who may not act on this volunteer hears that first.
            people::authorize(&page.state.app, user.account(), user_id).await?;
            return Err(AppError::NotFound);
        }
        Err(errors) => {
            let invalid = StatusCode::UNPROCESSABLE_ENTITY;
            return render(&page, &user, &by, user_id, &form, &errors, invalid).await;
        }
    };
    let done = match &action {
        StaffAction::Activate { .. } => "volunteer-activated",
        StaffAction::Resume { .. } => "volunteer-resumed-by-staff",
        StaffAction::Pause { .. } => "volunteer-paused-by-staff",
        StaffAction::Retire { .. } => "volunteer-retired",
        StaffAction::ChildCertificate { .. } => "volunteer-check-saved",
    };
    match people::act(&page.state.app, user.account(), by.clone(), user_id, action).await? {
        Ok(()) => page.success(done),
        Err(ActRefusal::Status(_)) => page.error("volunteer-status-refused"),
        Err(ActRefusal::Declined) => return Err(AppError::BadRequest("declined volunteer".into())),
        // Activation and coming back need a clear checklist: the refusal
        // answers 409 with the page, the reason and the list.
        Err(ActRefusal::Activation(refusal)) => {
            let mut errors = FieldErrors::new();
            errors.add("activate", Invalid(refusal.message_key()));
            let conflict = StatusCode::CONFLICT;
            return render(&page, &user, &by, user_id, &form, &errors, conflict).await;
        }
    }
    Ok(redirect(&format!("/koordinator/brobyggere/{user_id}")))
}

/// Moves the volunteer to another branch. A refusal (the same branch, an
/// applicant, moved meanwhile) answers 409 with the page and the reason.
pub async fn move_volunteer(
    user: CoordinatorUser,
    by: Actor,
    page: Page,
    path: web::Path<i64>,
    Form(form): Form<ActForm>,
) -> Result<HttpResponse, AppError> {
    let user_id = path.into_inner();
    let Ok(to) = form.branch.trim().parse::<i64>() else {
        // Who may not act on this volunteer hears that first.
        people::authorize(&page.state.app, user.account(), user_id).await?;
        let mut errors = FieldErrors::new();
        errors.add("branch", Invalid("move-choose-branch"));
        let invalid = StatusCode::UNPROCESSABLE_ENTITY;
        return render(&page, &user, &by, user_id, &form, &errors, invalid).await;
    };
    match moves::move_to(&page.state.app, user.account(), by.clone(), user_id, to).await? {
        Ok(()) => {
            page.success("move-done");
            Ok(redirect(&format!("/koordinator/brobyggere/{user_id}")))
        }
        Err(refusal) => {
            let mut errors = FieldErrors::new();
            errors.add("branch", Invalid(refusal.message_key()));
            let conflict = StatusCode::CONFLICT;
            render(&page, &user, &by, user_id, &form, &errors, conflict).await
        }
    }
}
