//! The coordinators' side: a branch's month and correcting a registration.

use actix_web::{HttpResponse, web};
use serde::Deserialize;
use tera::Context;

use super::{RegistrationForm, choices};
use crate::app::audit::Actor;
use crate::app::brobygninger::{self as app, ForCorrection};
use crate::domain::{FieldErrors, Invalid};
use crate::error::AppError;
use crate::web::page::redirect;
use crate::web::paging::base_href;
use crate::web::{CoordinatorUser, Form, Page};

#[derive(Deserialize, Default)]
#[serde(default)]
pub struct MonthQuery {
    maaned: Option<String>,
    /// The page of the month's brobyggere.
    personer: i64,
    /// The page of the month's registrations (`web::paging`).
    side: i64,
}

/// A branch's brobygninger in a month: by programme, hours, briefings and
/// debriefings, per brobygger, every registration, and (once the duty
/// rota is merged) the month's vagter.
pub async fn month(
    user: CoordinatorUser,
    page: Page,
    path: web::Path<i64>,
    q: web::Query<MonthQuery>,
) -> Result<HttpResponse, AppError> {
    let month = app::month_or_this(q.maaned.as_deref());
    let branch_id = path.into_inner();
    let view = app::branch_month(
        &page.state.app,
        user.account(),
        branch_id,
        month,
        q.personer,
        q.side,
    )
    .await?;
    let mut ctx = Context::from_serialize(&view)?;
    let ym = |m: crate::domain::trends::Month| format!("{:04}-{:02}", m.year, m.month);
    // Each list's page links keep the month and the other list's page.
    let path = format!("/koordinator/afdelinger/{branch_id}/brobygninger");
    let month_param = ym(view.month);
    // The first page is the address without a number.
    let page_param = |n: i64| if n > 1 { n.to_string() } else { String::new() };
    let (people_page, rows_page) = (
        page_param(view.people_pager.number),
        page_param(view.pager.number),
    );
    ctx.insert(
        "pager_base",
        &base_href(
            &path,
            &[("maaned", &month_param), ("personer", &people_page)],
        ),
    );
    ctx.insert(
        "people_pager_base",
        &base_href(&path, &[("maaned", &month_param), ("side", &rows_page)]),
    );
    ctx.insert("month_param", &month_param);
    ctx.insert("previous_param", &ym(view.previous));
    ctx.insert("next_param", &view.next.map(ym));
    ctx.insert(
        "month_name",
        &crate::i18n::format::month(page.lang, view.month.year, view.month.month),
    );
    ctx.insert(
        "hours",
        &crate::i18n::format::hours(page.lang, view.totals.minutes as i32),
    );
    page.render("brobygninger/month.html", ctx)
}

fn render_edit(
    page: &Page,
    c: &ForCorrection,
    form: &RegistrationForm,
    errors: &FieldErrors,
) -> Result<HttpResponse, AppError> {
    let mut ctx = Context::new();
    ctx.insert("row", &c.listed);
    ctx.insert("form", form);
    ctx.insert("errors", errors);
    ctx.insert("counsellors", &c.counsellors);
    ctx.insert("max_date", &app::today().format("%Y-%m-%d").to_string());
    ctx.insert("min_date", "");
    ctx.insert(
        "action",
        &format!("/koordinator/brobygninger/{}", c.listed.row.id),
    );
    let month = crate::domain::trends::Month::of_date(c.listed.row.done_on);
    ctx.insert(
        "back",
        &format!(
            "/koordinator/afdelinger/{}/brobygninger?maaned={:04}-{:02}",
            c.listed.row.branch_id, month.year, month.month
        ),
    );
    ctx.insert("own", &false);
    choices(&mut ctx, page.lang);
    if errors.is_empty() {
        page.render("brobygninger/edit.html", ctx)
    } else {
        page.render_invalid("brobygninger/edit.html", ctx)
    }
}

pub async fn edit(
    user: CoordinatorUser,
    page: Page,
    path: web::Path<i64>,
) -> Result<HttpResponse, AppError> {
    let c = app::for_correction(&page.state.app, user.account(), path.into_inner()).await?;
    let form = RegistrationForm::of(&c.listed.row.registration());
    render_edit(&page, &c, &form, &FieldErrors::new())
}

/// A coordinator corrects a registration of their branch. The date may be
/// older than the brobygger's own window, never in the future.
pub async fn correct(
    user: CoordinatorUser,
    by: Actor,
    page: Page,
    path: web::Path<i64>,
    Form(form): Form<RegistrationForm>,
) -> Result<HttpResponse, AppError> {
    let id = path.into_inner();
    let c = app::for_correction(&page.state.app, user.account(), id).await?;
    // The age limit is the brobygger's: staff may correct an older one.
    let errors = match form.parse(app::today(), chrono::NaiveDate::MIN, &c.counsellors) {
        Ok(r) => return save(&page, user, by, id, r, &c, &form).await,
        Err(e) => e,
    };
    render_edit(&page, &c, &form, &errors)
}

async fn save(
    page: &Page,
    user: CoordinatorUser,
    by: Actor,
    id: i64,
    r: crate::domain::brobygning::Registration,
    c: &ForCorrection,
    form: &RegistrationForm,
) -> Result<HttpResponse, AppError> {
    match app::correct(&page.state.app, user.account(), by, id, r).await? {
        Ok(()) => {
            page.success("brobygning-corrected");
            let month = crate::domain::trends::Month::of_date(r.done_on);
            Ok(redirect(&format!(
                "/koordinator/afdelinger/{}/brobygninger?maaned={:04}-{:02}",
                c.listed.row.branch_id, month.year, month.month
            )))
        }
        Err(refusal) => {
            let mut errors = FieldErrors::new();
            errors.add("date", Invalid(refusal.message_key()));
            render_edit(page, c, form, &errors)
        }
    }
}
