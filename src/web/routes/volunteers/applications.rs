//! A coordinator handles one application from their branch: reads it,
//! records the intro conversation (date and outcome), and accepts or
//! declines it with a reason.

use actix_web::{HttpResponse, web};
use chrono::NaiveDate;
use serde::{Deserialize, Serialize};
use tera::Context;

use crate::app::audit::Actor;
use crate::app::volunteers::applications::{self, Decision, DecisionRefused};
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

impl IntroForm {
    /// The date and the outcome.
    fn parse(&self) -> Result<(NaiveDate, String), FieldErrors> {
        let mut errors = FieldErrors::new();
        let on = errors.check("intro_on", time::date(&self.intro_on));
        let outcome = errors.check("intro_outcome", required_text(&self.intro_outcome, 2000));
        on.zip(outcome).ok_or(errors)
    }
}

#[derive(Deserialize, Serialize, Default)]
#[serde(default)]
pub struct DecisionForm {
    reason: String,
}

impl DecisionForm {
    /// The reason is optional for an acceptance and required for a
    /// decline.
    fn parse(&self, accept: bool) -> Result<Decision, FieldErrors> {
        let mut errors = FieldErrors::new();
        let decision = if accept {
            errors
                .check("reason", optional_text(&self.reason, 2000))
                .map(Decision::Accept)
        } else {
            errors
                .check("reason", required_text(&self.reason, 2000))
                .map(Decision::Decline)
        };
        decision.ok_or(errors)
    }
}

async fn render(
    page: &Page,
    user: &CoordinatorUser,
    by: &Actor,
    id: i64,
    intro: &IntroForm,
    decision: &DecisionForm,
    errors: &FieldErrors,
) -> Result<HttpResponse, AppError> {
    let view = applications::page(&page.state.app, user.account(), by.clone(), id).await?;
    let mut ctx = Context::from_serialize(&view)?;
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
    by: Actor,
    page: Page,
    path: web::Path<i64>,
) -> Result<HttpResponse, AppError> {
    render(
        &page,
        &user,
        &by,
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
    by: Actor,
    page: Page,
    path: web::Path<i64>,
    Form(form): Form<IntroForm>,
) -> Result<HttpResponse, AppError> {
    let id = path.into_inner();
    let (on, outcome) = match form.parse() {
        Ok(valid) => valid,
        Err(errors) => {
            let no_decision = DecisionForm::default();
            return render(&page, &user, &by, id, &form, &no_decision, &errors).await;
        }
    };
    applications::record_intro(&page.state.app, user.account(), by, id, on, outcome).await?;
    page.success("application-intro-saved");
    Ok(redirect(&back(id)))
}

async fn decide(
    user: CoordinatorUser,
    by: Actor,
    page: Page,
    id: i64,
    accept: bool,
    form: DecisionForm,
) -> Result<HttpResponse, AppError> {
    let decision = match form.parse(accept) {
        Ok(valid) => valid,
        Err(errors) => {
            let no_intro = IntroForm::default();
            return render(&page, &user, &by, id, &no_intro, &form, &errors).await;
        }
    };
    let decided = applications::decide(&page.state.app, user.account(), by, id, decision).await?;
    match decided.result {
        Ok(()) if accept => page.success("application-accepted"),
        Ok(()) => page.success("application-declined"),
        Err(DecisionRefused::AlreadyDecided) => page.error("application-already-decided"),
    }
    if accept {
        Ok(redirect(&format!(
            "/koordinator/brobyggere/{}",
            decided.applicant
        )))
    } else {
        Ok(redirect(&back(id)))
    }
}

pub async fn accept(
    user: CoordinatorUser,
    by: Actor,
    page: Page,
    path: web::Path<i64>,
    Form(form): Form<DecisionForm>,
) -> Result<HttpResponse, AppError> {
    decide(user, by, page, path.into_inner(), true, form).await
}

pub async fn decline(
    user: CoordinatorUser,
    by: Actor,
    page: Page,
    path: web::Path<i64>,
    Form(form): Form<DecisionForm>,
) -> Result<HttpResponse, AppError> {
    decide(user, by, page, path.into_inner(), false, form).await
}
