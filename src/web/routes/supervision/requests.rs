//! Requests for individual supervision, as the branch's coordinators see
//! them: open ones first with the time to answer by, each answered by
//! planning an individual session for the volunteer or by marking it
//! handled (a phone call, say). Both tell the volunteer.

use actix_web::{HttpResponse, web};
use diesel::Connection;
use tera::Context;

use super::{PlanForm, validate};
use crate::db::supervision::{self, AnswerRefusal};
use crate::db::{DbConnection, now};
use crate::domain::FieldErrors;
use crate::domain::supervision::{Format, RequestStatus, SupervisorKind};
use crate::error::AppError;
use crate::web::page::redirect;
use crate::web::{CoordinatorUser, Form, Page};

const LIST: &str = "/koordinator/supervision/anmodninger";

pub async fn list(user: CoordinatorUser, page: Page) -> Result<HttpResponse, AppError> {
    let account = (**user.account()).clone();
    let rows = page
        .db()
        .run(move |c| {
            let branches = super::branch_choices(c, &account)?;
            let ids: Vec<i64> = branches.iter().map(|b| b.id).collect();
            Ok(supervision::requests_in(c, &ids, now())?)
        })
        .await?;
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
    let account = (**user.account()).clone();
    let row = page
        .db()
        .run(move |c| {
            let r = own(c, &account, id)?;
            supervision::requests_in(c, &[r.branch_id], now())?
                .into_iter()
                .find(|row| row.request.id == id)
                .ok_or(AppError::NotFound)
        })
        .await?;
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

/// The request, if this coordinator answers for its branch.
fn own(
    conn: &mut DbConnection,
    account: &crate::db::users::Account,
    id: i64,
) -> Result<supervision::Request, AppError> {
    let r = supervision::find_request(conn, id)?;
    if !account.coordinates(r.branch_id) {
        return Err(AppError::Forbidden);
    }
    Ok(r)
}

fn report(page: &Page, result: Result<(), AnswerRefusal>, done: &str) {
    match result {
        Ok(()) => page.flash("success", done),
        Err(AnswerRefusal::AlreadyAnswered) => {
            page.flash("info", "supervision-request-already-answered")
        }
        Err(AnswerRefusal::Enrolment(r)) => page.flash("error", r.message_key()),
    }
}

/// Plans an individual session for the volunteer who asked: one seat,
/// theirs, with the invitation and the answer in the same transaction.
pub async fn schedule(
    user: CoordinatorUser,
    page: Page,
    path: web::Path<i64>,
    Form(mut form): Form<PlanForm>,
) -> Result<HttpResponse, AppError> {
    let id = path.into_inner();
    // Fixed for an answer: one person, individual.
    form.format = Format::Individual.as_str().into();
    form.capacity = "1".into();
    let account = (**user.account()).clone();
    let by = account.user.id;
    let base = page.state.settings.base_url().to_string();
    let mut errors = FieldErrors::new();
    let Some(plan) = validate(&form, &mut errors) else {
        return render_one(&page, &user, id, &form, &errors).await;
    };
    let result = page
        .db()
        .run(move |c| {
            let r = own(c, &account, id)?;
            let outcome = c.transaction(|c| {
                match supervision::schedule(c, id, &plan.new_supervision(r.branch_id), by, &base)? {
                    Ok(_) => Ok(Ok(())),
                    // Nothing was written before an already-answered
                    // refusal; a refused seat must undo the new session.
                    Err(AnswerRefusal::AlreadyAnswered) => Ok(Err(AnswerRefusal::AlreadyAnswered)),
                    Err(other) => Err(Undo::Refused(other)),
                }
            });
            match outcome {
                Ok(r) => Ok(r),
                Err(Undo::Refused(refusal)) => Ok(Err(refusal)),
                Err(Undo::Database(e)) => Err(e.into()),
            }
        })
        .await?;
    report(&page, result, "supervision-request-scheduled");
    Ok(redirect(LIST))
}

/// Why the transaction of an answer was undone.
enum Undo {
    Refused(AnswerRefusal),
    Database(diesel::result::Error),
}

impl From<diesel::result::Error> for Undo {
    fn from(e: diesel::result::Error) -> Self {
        Undo::Database(e)
    }
}

/// Marks a request answered another way.
pub async fn handled(
    user: CoordinatorUser,
    page: Page,
    path: web::Path<i64>,
) -> Result<HttpResponse, AppError> {
    let id = path.into_inner();
    let account = (**user.account()).clone();
    let by = account.user.id;
    let base = page.state.settings.base_url().to_string();
    let result = page
        .db()
        .transaction(move |c| {
            let r = own(c, &account, id)?;
            if r.status != RequestStatus::Open.as_str() {
                return Ok(Err(AnswerRefusal::AlreadyAnswered));
            }
            Ok(supervision::mark_handled(c, id, by, &base)?)
        })
        .await?;
    report(&page, result, "supervision-request-handled");
    Ok(redirect(LIST))
}
