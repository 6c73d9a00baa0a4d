//! Requests for individual supervision, as the branch's coordinators see
//! them: open ones first with the time to answer by, each answered by
//! planning an individual session for the volunteer or by marking it
//! handled (a phone call, say). Both tell the volunteer.

use actix_web::{HttpResponse, web};
use tera::Context;

use super::PlanForm;
use crate::app::audit::Actor;
use crate::app::supervision::{self as supervision_app, AnswerRefusal, Plan, staff};
use crate::domain::Code;
use crate::domain::FieldErrors;
use crate::domain::supervision::{Format, SupervisorKind};
use crate::error::AppError;
use crate::web::page::redirect;
use crate::web::{CoordinatorUser, Form, Page};

const LIST: &str = "/koordinator/supervision/anmodninger";

pub async fn list(user: CoordinatorUser, page: Page) -> Result<HttpResponse, AppError> {
    let rows = staff::requests(&page.state.app, user.account()).await?;
    let mut ctx = Context::new();
    ctx.insert("rows", &rows);
    page.render("supervision/staff/requests.html", ctx)
}

/// One request with the form that plans an individual session for it.
async fn render_one(
    page: &Page,
    user: &CoordinatorUser,
    id: i64,
    form: &PlanForm,
    errors: &FieldErrors,
) -> Result<HttpResponse, AppError> {
    let row = staff::request(&page.state.app, user.account(), id).await?;
    let mut ctx = Context::new();
    ctx.insert("r", &row);
    ctx.insert("form", form);
    ctx.insert("errors", errors);
    ctx.insert("supervisor_kinds", &SupervisorKind::ALL);
    if errors.is_empty() {
        page.render("supervision/staff/request.html", ctx)
    } else {
        page.render_invalid("supervision/staff/request.html", ctx)
    }
}

pub async fn show(
    user: CoordinatorUser,
    page: Page,
    path: web::Path<i64>,
) -> Result<HttpResponse, AppError> {
    let blank = PlanForm {
        format: Format::Individual.as_str().into(),
        title: page.t("supervision-individual-title"),
        supervisor_kind: SupervisorKind::Staff.as_str().into(),
        supervisor_name: user.user.name.clone(),
        capacity: "1".into(),
        ..PlanForm::default()
    };
    render_one(&page, &user, path.into_inner(), &blank, &FieldErrors::new()).await
}

fn report(page: &Page, result: Result<(), AnswerRefusal>, done: &str) {
    match result {
        Ok(()) => page.success(done),
        Err(AnswerRefusal::AlreadyAnswered) => page.info("supervision-request-already-answered"),
        Err(AnswerRefusal::Enrolment(r)) => page.error(r.message_key()),
    }
}

/// Plans an individual session for the volunteer who asked: one seat,
/// theirs, with the invitation and the answer in the same transaction.
pub async fn schedule(
    user: CoordinatorUser,
    by: Actor,
    page: Page,
    path: web::Path<i64>,
    Form(mut form): Form<PlanForm>,
) -> Result<HttpResponse, AppError> {
    let id = path.into_inner();
    // Fixed for an answer: one person, individual.
    form.format = Format::Individual.as_str().into();
    form.capacity = "1".into();
    let plan = match Plan::try_from(&form) {
        Ok(plan) => plan,
        Err(errors) => return render_one(&page, &user, id, &form, &errors).await,
    };
    let result =
        supervision_app::answer_with_session(&page.state.app, user.account(), by, id, plan).await?;
    report(&page, result.map(|_| ()), "supervision-request-scheduled");
    Ok(redirect(LIST))
}

/// Marks a request answered another way.
pub async fn handled(
    user: CoordinatorUser,
    by: Actor,
    page: Page,
    path: web::Path<i64>,
) -> Result<HttpResponse, AppError> {
    let result =
        supervision_app::answer_handled(&page.state.app, user.account(), by, path.into_inner())
            .await?;
    report(&page, result, "supervision-request-handled");
    Ok(redirect(LIST))
}
