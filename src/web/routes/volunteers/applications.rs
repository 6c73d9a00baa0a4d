//! A coordinator handles one application from their branch: reads it,
//! records the intro conversation (date and outcome), and accepts or
//! declines it with a reason.

use actix_web::{HttpResponse, web};
use serde::{Deserialize, Serialize};
use tera::Context;

use crate::db::applications::{self, DecisionRefused, WithApplicant};
use crate::db::branches;
use crate::domain::validation::{optional_text, required_text};
use crate::domain::{FieldErrors, time};
use crate::error::AppError;
use crate::web::page::redirect;
use crate::web::{CoordinatorUser, Form, Page};

#[derive(Deserialize, Serialize, Default)]
#[serde(default)]
pub struct IntroForm {
    intro_on: String,
    intro_outcome: String,
}

#[derive(Deserialize, Serialize, Default)]
#[serde(default)]
pub struct DecisionForm {
    reason: String,
}

/// The application, if this coordinator handles its branch.
async fn load(
    page: &Page,
    user: &CoordinatorUser,
    id: i64,
) -> Result<(WithApplicant, branches::Branch), AppError> {
    let found = page
        .db()
        .run(move |c| {
            let a = applications::with_applicant(c, id)?;
            let b = branches::find(c, a.application.branch_id)?;
            Ok((a, b))
        })
        .await?;
    if !user.coordinates(found.0.application.branch_id) {
        return Err(AppError::Forbidden);
    }
    Ok(found)
}

async fn render(
    page: &Page,
    user: &CoordinatorUser,
    id: i64,
    intro: &IntroForm,
    decision: &DecisionForm,
    errors: &FieldErrors,
) -> Result<HttpResponse, AppError> {
    let (a, branch) = load(page, user, id).await?;
    let mut ctx = Context::new();
    ctx.insert("a", &a);
    ctx.insert("intro_on_at", &a.application.intro_on.and_then(super::noon));
    ctx.insert("branch", &branch);
    ctx.insert("intro", intro);
    ctx.insert("decision", decision);
    ctx.insert("errors", errors);
    if errors.is_empty() {
        page.render("volunteers/application.html", ctx)
    } else {
        page.render_invalid("volunteers/application.html", ctx)
    }
}

pub async fn show(
    user: CoordinatorUser,
    page: Page,
    path: web::Path<i64>,
) -> Result<HttpResponse, AppError> {
    render(
        &page,
        &user,
        path.into_inner(),
        &IntroForm::default(),
        &DecisionForm::default(),
        &FieldErrors::new(),
    )
    .await
}

fn back(id: i64) -> String {
    format!("/koordinator/ansoegninger/{id}")
}

pub async fn intro(
    user: CoordinatorUser,
    page: Page,
    path: web::Path<i64>,
    Form(form): Form<IntroForm>,
) -> Result<HttpResponse, AppError> {
    let id = path.into_inner();
    load(&page, &user, id).await?;
    let mut errors = FieldErrors::new();
    let on = errors.check("intro_on", time::date(&form.intro_on));
    let outcome = errors.check("intro_outcome", required_text(&form.intro_outcome, 2000));
    let (Some(on), Some(outcome)) = (on, outcome) else {
        return render(&page, &user, id, &form, &DecisionForm::default(), &errors).await;
    };
    let by = user.user.id;
    page.db()
        .transaction(move |c| Ok(applications::record_intro(c, id, on, &outcome, by)?))
        .await?;
    page.flash("success", "application-intro-saved");
    Ok(redirect(&back(id)))
}

async fn decide(
    user: CoordinatorUser,
    page: Page,
    id: i64,
    accept: bool,
    form: DecisionForm,
) -> Result<HttpResponse, AppError> {
    let (a, _) = load(&page, &user, id).await?;
    let mut errors = FieldErrors::new();
    let reason = if accept {
        errors.check("reason", optional_text(&form.reason, 2000))
    } else {
        errors.check("reason", required_text(&form.reason, 2000).map(Some))
    };
    let Some(reason) = reason else {
        return render(&page, &user, id, &IntroForm::default(), &form, &errors).await;
    };
    let by = user.user.id;
    let dashboard = page.state.link("/frivillig");
    let result = page
        .db()
        .transaction(move |c| {
            Ok(applications::decide(
                c,
                id,
                accept,
                reason.as_deref(),
                by,
                dashboard,
            )?)
        })
        .await?;
    match result {
        Ok(()) if accept => page.flash("success", "application-accepted"),
        Ok(()) => page.flash("success", "application-declined"),
        Err(DecisionRefused::AlreadyDecided) => page.flash("error", "application-already-decided"),
    }
    if accept {
        Ok(redirect(&format!(
            "/koordinator/brobyggere/{}",
            a.application.user_id
        )))
    } else {
        Ok(redirect(&back(id)))
    }
}

pub async fn accept(
    user: CoordinatorUser,
    page: Page,
    path: web::Path<i64>,
    Form(form): Form<DecisionForm>,
) -> Result<HttpResponse, AppError> {
    decide(user, page, path.into_inner(), true, form).await
}

pub async fn decline(
    user: CoordinatorUser,
    page: Page,
    path: web::Path<i64>,
    Form(form): Form<DecisionForm>,
) -> Result<HttpResponse, AppError> {
    decide(user, page, path.into_inner(), false, form).await
}
