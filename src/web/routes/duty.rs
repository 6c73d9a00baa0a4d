//! Vagter (the duty rota). Brobyggere (`/vagter`): the coming month's
//! vagter of their branch, where they stand against the monthly target,
//! taking a vagt and giving one away (active brobyggere only: anyone else
//! gets their checklist). Coordinators: the branch's slots, days off and
//! target (`/koordinator/afdelinger/{id}/vagtplan`) and the rota
//! (`/koordinator/afdelinger/{id}/vagter`), where they release someone.
//!
//! No form here has a free-text field: choices, numbers, dates and times
//! only, and nothing about a citizen.

use actix_web::{HttpResponse, web};
use serde::{Deserialize, Serialize};
use tera::Context;

use crate::app::audit::Actor;
use crate::app::duty::staff::{self, NotReleased};
use crate::app::duty::volunteer::{self, Took};
use crate::db::duty::Settings;
use crate::domain::brobygning::Programme;
use crate::domain::duty::{self as rules, SlotInput};
use crate::domain::{Code, FieldErrors, Invalid, time};
use crate::error::AppError;
use crate::web::page::redirect;
use crate::web::paging::{PageQuery, base_href};
use crate::web::routes::volunteers::ActiveVolunteer;
use crate::web::{CoordinatorUser, Form, Page, SignedIn};

pub fn configure(cfg: &mut web::ServiceConfig) {
    cfg.route("/vagter", web::get().to(index))
        .route("/vagter/{id}", web::get().to(show))
        .route("/vagter/{id}/tag", web::post().to(take))
        .route("/vagter/{id}/giv-vaek", web::post().to(give_away))
        .route("/vagter/{id}/behold", web::post().to(keep))
        .service(
            web::resource("/koordinator/afdelinger/{id}/vagtplan")
                .route(web::get().to(plan))
                .route(web::post().to(add_slot)),
        )
        .route(
            "/koordinator/afdelinger/{id}/vagtplan/fridage",
            web::post().to(add_day_off),
        )
        .route(
            "/koordinator/afdelinger/{id}/vagtplan/fridage/fortryd",
            web::post().to(remove_day_off),
        )
        .route(
            "/koordinator/afdelinger/{id}/vagtplan/indstillinger",
            web::post().to(save_settings),
        )
        .route(
            "/koordinator/afdelinger/{id}/vagtplan/{slot}/fjern",
            web::post().to(remove_slot),
        )
        .route("/koordinator/afdelinger/{id}/vagter", web::get().to(rota))
        .route(
            "/koordinator/afdelinger/{id}/vagter/{session}/frigiv",
            web::post().to(release),
        );
}

// ---- Brobyggere ----

pub async fn index(user: ActiveVolunteer, page: Page) -> Result<HttpResponse, AppError> {
    let home = volunteer::home(&page.state.app, user.account.user.id, user.gate.branch_id).await?;
    let mut ctx = Context::from_serialize(&home)?;
    ctx.insert(
        "month_name",
        &crate::i18n::format::month_name(page.lang, home.month.date()),
    );
    page.render("duty/index.html", ctx)
}

/// A vagt's page, as emails and calendars link to it: its place in the
/// list.
pub async fn show(_user: SignedIn, path: web::Path<i64>) -> HttpResponse {
    redirect(&format!("/vagter#vagt-{}", path.into_inner()))
}

pub async fn take(
    user: ActiveVolunteer,
    page: Page,
    path: web::Path<i64>,
) -> Result<HttpResponse, AppError> {
    let id = path.into_inner();
    let result = volunteer::take(
        &page.state.app,
        user.account.user.id,
        user.gate.branch_id,
        id,
    )
    .await?;
    match result {
        Ok(Took::FreePlace) => page.success("duty-taken"),
        Ok(Took::TakenOver) => page.success("duty-taken-over"),
        Err(refusal) => page.error(refusal.message_key()),
    }
    Ok(redirect("/vagter"))
}

pub async fn give_away(
    user: ActiveVolunteer,
    page: Page,
    path: web::Path<i64>,
) -> Result<HttpResponse, AppError> {
    let id = path.into_inner();
    let result = volunteer::give_away(
        &page.state.app,
        user.account.user.id,
        user.gate.branch_id,
        id,
    )
    .await?;
    match result {
        Ok(_) => page.success("duty-offered"),
        Err(refusal) => page.error(refusal.message_key()),
    }
    Ok(redirect("/vagter"))
}

pub async fn keep(
    user: ActiveVolunteer,
    page: Page,
    path: web::Path<i64>,
) -> Result<HttpResponse, AppError> {
    if volunteer::keep(&page.state.app, user.account.user.id, path.into_inner()).await? {
        page.success("duty-kept");
    }
    Ok(redirect("/vagter"))
}

// ---- Coordinators ----

/// The slot form as typed.
#[derive(Deserialize, Serialize, Default, Clone)]
#[serde(default)]
pub struct SlotForm {
    pub weekday: String,
    pub start: String,
    pub end: String,
    pub programme: String,
    pub wanted: String,
    pub from: String,
    pub to: String,
}

#[derive(Deserialize, Serialize, Default, Clone)]
#[serde(default)]
pub struct DayForm {
    pub day: String,
}

#[derive(Deserialize, Serialize, Default, Clone)]
#[serde(default)]
pub struct SettingsForm {
    pub target_min: String,
    pub target_max: String,
    pub opens: String,
    pub closes: String,
}

/// The three forms of the plan page, as typed, with their mistakes.
#[derive(Default)]
struct Forms {
    slot: SlotForm,
    slot_errors: FieldErrors,
    day: DayForm,
    day_errors: FieldErrors,
    settings: Option<SettingsForm>,
    settings_errors: FieldErrors,
}

fn today() -> chrono::NaiveDate {
    crate::db::supervision::local_date(crate::db::now())
}

async fn render_plan(
    page: &Page,
    user: &CoordinatorUser,
    branch_id: i64,
    forms: Forms,
) -> Result<HttpResponse, AppError> {
    let plan = staff::plan_page(&page.state.app, user.account(), branch_id).await?;
    let invalid = !(forms.slot_errors.is_empty()
        && forms.day_errors.is_empty()
        && forms.settings_errors.is_empty());
    let settings = forms.settings.unwrap_or_else(|| SettingsForm {
        target_min: plan.settings.target.min.to_string(),
        target_max: plan.settings.target.max.to_string(),
        opens: plan.opens.clone(),
        closes: plan.closes.clone(),
    });
    let mut slot = forms.slot;
    if slot.start.is_empty() && slot.end.is_empty() && slot.from.is_empty() {
        let today = today();
        slot = SlotForm {
            weekday: "1".into(),
            start: plan.opens.clone(),
            end: plan.closes.clone(),
            programme: Programme::Health.as_str().into(),
            wanted: "1".into(),
            from: today.to_string(),
            to: (today + chrono::Duration::days(90)).to_string(),
        };
    }
    let mut ctx = Context::from_serialize(&plan)?;
    ctx.insert("slot_form", &slot);
    ctx.insert("slot_errors", &forms.slot_errors);
    ctx.insert("day_form", &forms.day);
    ctx.insert("day_errors", &forms.day_errors);
    ctx.insert("settings_form", &settings);
    ctx.insert("settings_errors", &forms.settings_errors);
    ctx.insert("programmes", &Programme::ALL);
    ctx.insert("weekdays", &(1..=7).collect::<Vec<i32>>());
    if invalid {
        page.render_invalid("duty/plan.html", ctx)
    } else {
        page.render("duty/plan.html", ctx)
    }
}

pub async fn plan(
    user: CoordinatorUser,
    page: Page,
    path: web::Path<i64>,
) -> Result<HttpResponse, AppError> {
    render_plan(&page, &user, path.into_inner(), Forms::default()).await
}

fn back(branch_id: i64) -> String {
    format!("/koordinator/afdelinger/{branch_id}/vagtplan")
}

pub async fn add_slot(
    user: CoordinatorUser,
    by: Actor,
    page: Page,
    path: web::Path<i64>,
    Form(form): Form<SlotForm>,
) -> Result<HttpResponse, AppError> {
    let branch_id = path.into_inner();
    if !user.coordinates(branch_id) {
        return Err(AppError::Forbidden);
    }
    let settings = staff::settings_of(&page.state.app, branch_id).await?;
    let mut errors = FieldErrors::new();
    let input = SlotInput {
        weekday: &form.weekday,
        start: &form.start,
        end: &form.end,
        programme: &form.programme,
        wanted: &form.wanted,
        from: &form.from,
        to: &form.to,
    };
    let Some(slot) = rules::slot(
        &input,
        settings.opens,
        settings.closes,
        today(),
        &mut errors,
    ) else {
        let forms = Forms {
            slot: form,
            slot_errors: errors,
            ..Forms::default()
        };
        return render_plan(&page, &user, branch_id, forms).await;
    };
    let made = staff::add_slot(&page.state.app, user.account(), by, branch_id, slot).await?;
    if made == 0 {
        page.info("duty-slot-added-none");
    } else {
        page.success("duty-slot-added");
    }
    Ok(redirect(&back(branch_id)))
}

pub async fn remove_slot(
    user: CoordinatorUser,
    by: Actor,
    page: Page,
    path: web::Path<(i64, i64)>,
) -> Result<HttpResponse, AppError> {
    let (branch_id, slot_id) = path.into_inner();
    staff::remove_slot(&page.state.app, user.account(), by, branch_id, slot_id).await?;
    page.success("duty-slot-removed");
    Ok(redirect(&back(branch_id)))
}

pub async fn add_day_off(
    user: CoordinatorUser,
    by: Actor,
    page: Page,
    path: web::Path<i64>,
    Form(form): Form<DayForm>,
) -> Result<HttpResponse, AppError> {
    let branch_id = path.into_inner();
    if !user.coordinates(branch_id) {
        return Err(AppError::Forbidden);
    }
    let mut errors = FieldErrors::new();
    let day = errors.check("day", time::date(&form.day));
    let Some(day) = day.filter(|d| {
        let ok = *d >= today();
        if !ok {
            errors.add("day", Invalid("error-duty-day-past"));
        }
        ok
    }) else {
        let forms = Forms {
            day: form,
            day_errors: errors,
            ..Forms::default()
        };
        return render_plan(&page, &user, branch_id, forms).await;
    };
    match staff::add_day_off(&page.state.app, user.account(), by, branch_id, day).await? {
        Some(_) => page.success("duty-day-off-added"),
        None => page.info("duty-day-off-exists"),
    }
    Ok(redirect(&back(branch_id)))
}

pub async fn remove_day_off(
    user: CoordinatorUser,
    by: Actor,
    page: Page,
    path: web::Path<i64>,
    Form(form): Form<DayForm>,
) -> Result<HttpResponse, AppError> {
    let branch_id = path.into_inner();
    let Ok(day) = time::date(&form.day) else {
        return Err(AppError::BadRequest("a day off's date".into()));
    };
    match staff::remove_day_off(&page.state.app, user.account(), by, branch_id, day).await? {
        Some(_) => page.success("duty-day-off-removed"),
        None => page.info("duty-day-off-none"),
    }
    Ok(redirect(&back(branch_id)))
}

pub async fn save_settings(
    user: CoordinatorUser,
    by: Actor,
    page: Page,
    path: web::Path<i64>,
    Form(form): Form<SettingsForm>,
) -> Result<HttpResponse, AppError> {
    let branch_id = path.into_inner();
    if !user.coordinates(branch_id) {
        return Err(AppError::Forbidden);
    }
    let mut errors = FieldErrors::new();
    let target = rules::target(&form.target_min, &form.target_max, &mut errors);
    let opens = errors.check("opens", time::clock(&form.opens).map(rules::minutes));
    let closes = errors.check("closes", time::clock(&form.closes).map(rules::minutes));
    if let (Some(o), Some(c)) = (opens, closes)
        && c <= o
    {
        errors.add("closes", Invalid("error-end-before-start"));
    }
    let (Some(target), Some(opens), Some(closes), true) =
        (target, opens, closes, errors.is_empty())
    else {
        let forms = Forms {
            settings: Some(form),
            settings_errors: errors,
            ..Forms::default()
        };
        return render_plan(&page, &user, branch_id, forms).await;
    };
    let settings = Settings {
        target,
        opens,
        closes,
    };
    staff::save_settings(&page.state.app, user.account(), by, branch_id, settings).await?;
    page.success("duty-settings-saved");
    Ok(redirect(&back(branch_id)))
}

pub async fn rota(
    user: CoordinatorUser,
    page: Page,
    path: web::Path<i64>,
    query: web::Query<PageQuery>,
) -> Result<HttpResponse, AppError> {
    let branch_id = path.into_inner();
    let rota = staff::rota(&page.state.app, user.account(), branch_id, query.side).await?;
    let mut ctx = Context::from_serialize(&rota)?;
    ctx.insert(
        "pager_base",
        &base_href(&format!("/koordinator/afdelinger/{branch_id}/vagter"), &[]),
    );
    ctx.insert(
        "month_name",
        &crate::i18n::format::month_name(page.lang, rota.month.date()),
    );
    page.render("duty/rota.html", ctx)
}

#[derive(Deserialize, Default)]
#[serde(default)]
pub struct ReleaseForm {
    user_id: String,
}

pub async fn release(
    user: CoordinatorUser,
    by: Actor,
    page: Page,
    path: web::Path<(i64, i64)>,
    Form(form): Form<ReleaseForm>,
) -> Result<HttpResponse, AppError> {
    let (branch_id, session_id) = path.into_inner();
    let Ok(person) = form.user_id.trim().parse::<i64>() else {
        return Err(AppError::BadRequest("the person to release".into()));
    };
    let back = format!("/koordinator/afdelinger/{branch_id}/vagter");
    match staff::release(
        &page.state.app,
        user.account(),
        by,
        branch_id,
        session_id,
        person,
    )
    .await?
    {
        Ok(()) => page.success("duty-released"),
        Err(NotReleased::NotOnIt) => page.error("duty-refused-not-on-it"),
    }
    Ok(redirect(&back))
}
