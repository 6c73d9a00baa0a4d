//! The brobygger's registrations: the form, this month's and last month's
//! list, correcting and deleting their own for two weeks.

use actix_web::{HttpResponse, web};
use tera::Context;

use super::{RegistrationForm, choices};
use crate::app::brobygninger::{self as app, Mine};
use crate::domain::brobygning::oldest;
use crate::domain::{FieldErrors, Invalid};
use crate::error::AppError;
use crate::web::page::redirect;
use crate::web::routes::volunteers::ActiveVolunteer;
use crate::web::{Form, Page};

const HOME: &str = "/frivillig/brobygninger";

fn render_index(
    page: &Page,
    mine: &Mine,
    form: &RegistrationForm,
    errors: &FieldErrors,
) -> Result<HttpResponse, AppError> {
    let mut ctx = Context::new();
    ctx.insert("mine", mine);
    ctx.insert("form", form);
    ctx.insert("errors", errors);
    ctx.insert("counsellors", &mine.counsellors);
    ctx.insert("max_date", &mine.today.format("%Y-%m-%d").to_string());
    ctx.insert("min_date", &mine.oldest.format("%Y-%m-%d").to_string());
    choices(&mut ctx, page.lang);
    if errors.is_empty() {
        page.render("brobygninger/index.html", ctx)
    } else {
        page.render_invalid("brobygninger/index.html", ctx)
    }
}

pub async fn index(user: ActiveVolunteer, page: Page) -> Result<HttpResponse, AppError> {
    let mine = app::mine(&page.state.app, user.account.user.id, user.gate.branch_id).await?;
    let form = RegistrationForm::fresh(mine.today);
    render_index(&page, &mine, &form, &FieldErrors::new())
}

/// Registers a brobygning. Mistakes and a day the brobygger was not active
/// (on a pause, before activation) come back on the form, input kept.
pub async fn create(
    user: ActiveVolunteer,
    page: Page,
    Form(form): Form<RegistrationForm>,
) -> Result<HttpResponse, AppError> {
    let (user_id, branch_id) = (user.account.user.id, user.gate.branch_id);
    let counsellors = app::counsellors(&page.state.app, branch_id).await?;
    let errors = match form.parse(app::today(), oldest(app::today()), &counsellors) {
        Ok(r) => match app::register(&page.state.app, user_id, branch_id, r).await? {
            Ok(_) => {
                page.success("brobygning-registered");
                return Ok(redirect(HOME));
            }
            Err(refusal) => {
                let mut errors = FieldErrors::new();
                errors.add("date", Invalid(refusal.message_key()));
                errors
            }
        },
        Err(errors) => errors,
    };
    let mine = app::mine(&page.state.app, user_id, branch_id).await?;
    render_index(&page, &mine, &form, &errors)
}

fn render_edit(
    page: &Page,
    listed: &app::Listed,
    counsellors: &[(i64, String)],
    form: &RegistrationForm,
    errors: &FieldErrors,
) -> Result<HttpResponse, AppError> {
    let today = app::today();
    let mut ctx = Context::new();
    ctx.insert("row", listed);
    ctx.insert("form", form);
    ctx.insert("errors", errors);
    ctx.insert("counsellors", counsellors);
    ctx.insert("max_date", &today.format("%Y-%m-%d").to_string());
    ctx.insert(
        "min_date",
        &crate::domain::brobygning::oldest(today)
            .format("%Y-%m-%d")
            .to_string(),
    );
    ctx.insert("action", &format!("{HOME}/{}", listed.row.id));
    ctx.insert("back", HOME);
    ctx.insert("own", &true);
    choices(&mut ctx, page.lang);
    if errors.is_empty() {
        page.render("brobygninger/edit.html", ctx)
    } else {
        page.render_invalid("brobygninger/edit.html", ctx)
    }
}

/// One of their own registrations to correct (within two weeks).
pub async fn edit(
    user: ActiveVolunteer,
    page: Page,
    path: web::Path<i64>,
) -> Result<HttpResponse, AppError> {
    let listed = app::own(&page.state.app, user.account.user.id, path.into_inner()).await?;
    let counsellors = app::counsellors(&page.state.app, listed.row.branch_id).await?;
    let form = RegistrationForm::of(&listed.row.registration());
    render_edit(&page, &listed, &counsellors, &form, &FieldErrors::new())
}

pub async fn update(
    user: ActiveVolunteer,
    page: Page,
    path: web::Path<i64>,
    Form(form): Form<RegistrationForm>,
) -> Result<HttpResponse, AppError> {
    let (user_id, id) = (user.account.user.id, path.into_inner());
    let listed = app::own(&page.state.app, user_id, id).await?;
    let counsellors = app::counsellors(&page.state.app, listed.row.branch_id).await?;
    let errors = match form.parse(app::today(), oldest(app::today()), &counsellors) {
        Ok(r) => match app::correct_own(&page.state.app, user_id, id, r).await? {
            Ok(()) => {
                page.success("brobygning-corrected");
                return Ok(redirect(HOME));
            }
            Err(refusal) => {
                let mut errors = FieldErrors::new();
                errors.add("date", Invalid(refusal.message_key()));
                errors
            }
        },
        Err(errors) => errors,
    };
    render_edit(&page, &listed, &counsellors, &form, &errors)
}

pub async fn delete(
    user: ActiveVolunteer,
    page: Page,
    path: web::Path<i64>,
) -> Result<HttpResponse, AppError> {
    app::delete_own(&page.state.app, user.account.user.id, path.into_inner()).await?;
    page.success("brobygning-deleted");
    Ok(redirect(HOME))
}
