//! Coordinators: the supervision sessions of their branches, planning one,
//! one session's participants with attendance, and assigning volunteers.

use actix_web::{HttpResponse, web};
use serde::Deserialize;
use tera::Context;

use super::PlanForm;
use crate::app::audit::Actor;
use crate::app::supervision::staff as app;
use crate::domain::Code;
use crate::domain::FieldErrors;
use crate::domain::enrolment::EnrolmentStatus;
use crate::domain::supervision::{Format, SupervisorKind};
use crate::error::AppError;
use crate::web::page::redirect;
use crate::web::{CoordinatorUser, Form, Page};

async fn render_index(
    page: &Page,
    user: &CoordinatorUser,
    form: &PlanForm,
    errors: &FieldErrors,
) -> Result<HttpResponse, AppError> {
    let planning = app::planning(&page.state.app, user.account()).await?;
    let mut ctx = Context::from_serialize(&planning)?;
    ctx.insert("form", form);
    ctx.insert("errors", errors);
    ctx.insert("formats", &Format::ALL);
    ctx.insert("supervisor_kinds", &SupervisorKind::ALL);
    if errors.is_empty() {
        page.render("supervision/staff/index.html", ctx)
    } else {
        page.render_invalid("supervision/staff/index.html", ctx)
    }
}

#[derive(Deserialize, Default)]
#[serde(default)]
pub struct BranchQuery {
    afdeling: Option<i64>,
}

pub async fn index(
    user: CoordinatorUser,
    page: Page,
    q: web::Query<BranchQuery>,
) -> Result<HttpResponse, AppError> {
    let form = PlanForm {
        branch: q
            .afdeling
            .or_else(|| user.branches.first().copied())
            .map(|b| b.to_string())
            .unwrap_or_default(),
        format: Format::Group.as_str().into(),
        title: page.t("supervision-default-title"),
        supervisor_kind: SupervisorKind::Staff.as_str().into(),
        capacity: "12".into(),
        ..PlanForm::default()
    };
    render_index(&page, &user, &form, &FieldErrors::new()).await
}

pub async fn create(
    user: CoordinatorUser,
    by: Actor,
    page: Page,
    Form(form): Form<PlanForm>,
) -> Result<HttpResponse, AppError> {
    let (branch, plan) = match form.parse_new() {
        Ok(valid) => valid,
        // Another branch's coordinator is refused before any mistake is
        // shown.
        Err(_) if form.branch_id().is_some_and(|b| !user.coordinates(b)) => {
            return Err(AppError::Forbidden);
        }
        Err(errors) => return render_index(&page, &user, &form, &errors).await,
    };
    let id = app::plan(&page.state.app, user.account(), by, branch, plan).await?;
    page.success("supervision-created");
    Ok(redirect(&format!("/koordinator/supervision/{id}")))
}

pub async fn show(
    user: CoordinatorUser,
    page: Page,
    path: web::Path<i64>,
) -> Result<HttpResponse, AppError> {
    let session = app::session(&page.state.app, user.account(), path.into_inner()).await?;
    page.render(
        "supervision/staff/session.html",
        Context::from_serialize(&session)?,
    )
}

#[derive(Deserialize, Default)]
#[serde(default)]
pub struct AssignForm {
    user_id: String,
}

/// Gives a volunteer of the branch a seat (or a place in the queue). Only
/// brobyggere who may work can be assigned, like signing up themselves.
pub async fn assign(
    user: CoordinatorUser,
    by: Actor,
    page: Page,
    path: web::Path<i64>,
    Form(form): Form<AssignForm>,
) -> Result<HttpResponse, AppError> {
    let id = path.into_inner();
    let back = format!("/koordinator/supervision/{id}");
    let Ok(person) = form.user_id.trim().parse::<i64>() else {
        page.error("supervision-assign-choose");
        return Ok(redirect(&back));
    };
    match app::assign(&page.state.app, user.account(), by, id, person).await? {
        Ok(p) if p.status == EnrolmentStatus::Waitlisted => {
            page.info("supervision-assigned-waitlist");
        }
        Ok(_) => page.success("supervision-assigned"),
        Err(not) => page.error(not.message_key()),
    }
    Ok(redirect(&back))
}
