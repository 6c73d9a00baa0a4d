//! A coordinator's view of one volunteer of their branch: the same
//! checklist and course progress the volunteer sees, their application,
//! cohorts, declaration and history, and the status changes a coordinator
//! makes (activate, pause, back from pause, alumne) and extra checks.

use actix_web::http::StatusCode;
use actix_web::{HttpResponse, web};
use chrono::NaiveDateTime;
use serde::{Deserialize, Serialize};
use tera::Context;

use super::checklist;
use super::dashboard::module_rows;
use super::noon;
use crate::content::preparation;
use crate::db::applications::{self, Application};
use crate::db::enrolments::{self, MyEnrolment};
use crate::db::gate::{self, Gate};
use crate::db::volunteer_history::{self, HistoryEntry};
use crate::db::{
    activation, branches, cohorts, declarations, now, users, volunteer_settings, volunteers,
};
use crate::domain::activation::{ActivationRefusal, ExtraCheck};
use crate::domain::session::SessionKind;
use crate::domain::validation::optional_text;
use crate::domain::volunteer::{self as rules, StatusChange, VolunteerStatus};
use crate::domain::{FieldErrors, Invalid, time};
use crate::error::AppError;
use crate::i18n::format;
use crate::web::page::redirect;
use crate::web::{CoordinatorUser, Form, Page};

#[derive(Deserialize, Serialize, Default)]
#[serde(default)]
pub struct ActForm {
    reason: String,
    until: String,
    checked_on: String,
}

struct Person {
    user: users::User,
    volunteer: volunteers::Volunteer,
    branch: branches::Branch,
    application: Option<Application>,
    gate: Gate,
    teaching: std::collections::HashMap<String, Vec<cohorts::Teaching>>,
    cohorts: Vec<(MyEnrolment, Option<String>)>,
    history: Vec<HistoryEntry>,
    checks: Vec<(ExtraCheck, Option<NaiveDateTime>)>,
    signatures: Vec<declarations::Signature>,
    pause_until: Option<NaiveDateTime>,
}

async fn load(page: &Page, user: &CoordinatorUser, user_id: i64) -> Result<Person, AppError> {
    let material = preparation::material()?;
    let account = (**user.account()).clone();
    page.db()
        .run(move |c| {
            let volunteer = volunteers::find(c, user_id)?.ok_or(AppError::NotFound)?;
            if !account.coordinates(volunteer.branch_id) {
                return Err(AppError::Forbidden);
            }
            let gate = gate::volunteer_gate(c, &material.curriculum, user_id)?;
            let missing: Vec<String> = gate
                .progress
                .missing()
                .map(|m| m.module.id.clone())
                .collect();
            let makeups = cohorts::makeups_of(c, user_id)?;
            Ok(Person {
                user: users::find(c, user_id)?,
                branch: branches::find(c, volunteer.branch_id)?,
                application: applications::latest_of(c, user_id)?,
                teaching: cohorts::next_teaching(c, &missing, now(), 3)?,
                cohorts: enrolments::of_user(c, user_id, Some(SessionKind::Cohort))?
                    .into_iter()
                    .map(|e| {
                        let m = makeups.get(&e.session.id).cloned();
                        (e, m)
                    })
                    .collect(),
                history: volunteer_history::of_user(c, user_id)?,
                checks: volunteer_settings::checks_of_many(c, &[user_id])?
                    .remove(&user_id)
                    .unwrap_or_default()
                    .into_iter()
                    .map(|(k, d)| (k, noon(d)))
                    .collect(),
                signatures: declarations::of_many(c, &[user_id])?
                    .remove(&user_id)
                    .unwrap_or_default(),
                pause_until: volunteer_history::pause_ends(c, &[user_id])?
                    .remove(&user_id)
                    .and_then(noon),
                volunteer,
                gate,
            })
        })
        .await
}

#[derive(Serialize)]
struct CohortRow {
    #[serde(flatten)]
    mine: MyEnrolment,
    makeup: Option<String>,
}

async fn render(
    page: &Page,
    user: &CoordinatorUser,
    user_id: i64,
    form: &ActForm,
    errors: &FieldErrors,
    status: StatusCode,
) -> Result<HttpResponse, AppError> {
    let p = load(page, user, user_id).await?;
    let material = preparation::material()?;
    let enrolled_in: Vec<i64> = p
        .cohorts
        .iter()
        .filter(|(e, _)| e.enrolment.status().is_active())
        .map(|(e, _)| e.session.id)
        .collect();
    let mut ctx = Context::new();
    ctx.insert(
        "modules",
        &module_rows(
            page.lang,
            &p.gate.progress,
            &p.teaching,
            p.branch.id,
            &enrolled_in,
        ),
    );
    ctx.insert(
        "done_hours",
        &format::hours(page.lang, p.gate.progress.done_minutes),
    );
    ctx.insert(
        "total_hours",
        &format::hours(page.lang, p.gate.progress.total_minutes),
    );
    checklist::insert(&mut ctx, page.lang, &p.gate);
    let s = p.gate.status;
    ctx.insert("can_activate", &StatusChange::Activate.apply(s).is_some());
    ctx.insert("can_pause", &StatusChange::Pause.apply(s).is_some());
    ctx.insert("can_resume", &StatusChange::Resume.apply(s).is_some());
    ctx.insert("can_retire", &StatusChange::Retire.apply(s).is_some());
    ctx.insert("accepted", &rules::is_accepted(s));
    ctx.insert("person", &p.user);
    ctx.insert("volunteer", &p.volunteer);
    ctx.insert("branch", &p.branch);
    ctx.insert("application", &p.application);
    ctx.insert("gate", &p.gate);
    let cohorts: Vec<CohortRow> = p
        .cohorts
        .into_iter()
        .map(|(mine, m)| CohortRow {
            mine,
            makeup: m.and_then(|id| {
                material
                    .curriculum
                    .module(&id)
                    .map(|m| format!("{}. {}", m.order, m.title))
            }),
        })
        .collect();
    ctx.insert("cohorts", &cohorts);
    ctx.insert("history", &p.history);
    ctx.insert("checks", &p.checks);
    ctx.insert("signatures", &p.signatures);
    ctx.insert("pause_until", &p.pause_until);
    ctx.insert("form", form);
    ctx.insert("errors", errors);
    page.render_status(status, "volunteers/volunteer.html", ctx)
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
        &ActForm::default(),
        &FieldErrors::new(),
        StatusCode::OK,
    )
    .await
}

fn back(user_id: i64) -> HttpResponse {
    redirect(&format!("/koordinator/brobyggere/{user_id}"))
}

/// Activation and coming back need a clear checklist; a refusal answers
/// 409 with the page, the reason and the list.
async fn make_active(
    user: CoordinatorUser,
    page: Page,
    user_id: i64,
    change: StatusChange,
    form: ActForm,
) -> Result<HttpResponse, AppError> {
    let mut errors = FieldErrors::new();
    let Some(reason) = errors.check("reason", optional_text(&form.reason, 500)) else {
        return render(
            &page,
            &user,
            user_id,
            &form,
            &errors,
            StatusCode::UNPROCESSABLE_ENTITY,
        )
        .await;
    };
    let material = preparation::material()?;
    let by = user.user.id;
    let base = page.state.settings.base_url().to_string();
    let result = page
        .db()
        .transaction(move |c| {
            Ok(activation::make_active(
                c,
                &material.curriculum,
                user_id,
                change,
                Some(by),
                reason.as_deref(),
                &base,
            )?)
        })
        .await?;
    match result {
        Ok(()) => {
            page.flash(
                "success",
                if change == StatusChange::Activate {
                    "volunteer-activated"
                } else {
                    "volunteer-resumed-by-staff"
                },
            );
            Ok(back(user_id))
        }
        Err(refusal) => {
            errors.add(
                "activate",
                Invalid(match refusal {
                    ActivationRefusal::Unmet => "gate-refused-unmet",
                    ActivationRefusal::Status(_) => "gate-refused-status",
                }),
            );
            render(&page, &user, user_id, &form, &errors, StatusCode::CONFLICT).await
        }
    }
}

pub async fn act(
    user: CoordinatorUser,
    page: Page,
    path: web::Path<(i64, String)>,
    Form(form): Form<ActForm>,
) -> Result<HttpResponse, AppError> {
    let (user_id, action) = path.into_inner();
    // Authorises before anything is parsed or written.
    let current = load(&page, &user, user_id).await?.gate.status;
    let by = user.user.id;
    let base = page.state.settings.base_url().to_string();
    let invalid = StatusCode::UNPROCESSABLE_ENTITY;
    match action.as_str() {
        "aktiver" => make_active(user, page, user_id, StatusChange::Activate, form).await,
        "tilbage" => make_active(user, page, user_id, StatusChange::Resume, form).await,
        "pause" => {
            let today = format::local(now()).date_naive();
            let mut errors = FieldErrors::new();
            let until = errors.check("until", rules::pause_until(&form.until, today));
            let reason = errors.check("reason", optional_text(&form.reason, 500));
            let (Some(until), Some(reason)) = (until, reason) else {
                return render(&page, &user, user_id, &form, &errors, invalid).await;
            };
            let result = page
                .db()
                .transaction(move |c| {
                    Ok(activation::pause(
                        c,
                        user_id,
                        until,
                        reason.as_deref(),
                        by,
                        &base,
                    )?)
                })
                .await?;
            flash_status(&page, result, "volunteer-paused-by-staff");
            Ok(back(user_id))
        }
        "alumne" => {
            let mut errors = FieldErrors::new();
            let Some(reason) = errors.check("reason", optional_text(&form.reason, 500)) else {
                return render(&page, &user, user_id, &form, &errors, invalid).await;
            };
            let result = page
                .db()
                .transaction(move |c| Ok(activation::retire(c, user_id, reason.as_deref(), by)?))
                .await?;
            flash_status(&page, result, "volunteer-retired");
            Ok(back(user_id))
        }
        "boerneattest" => {
            let mut errors = FieldErrors::new();
            let today = format::local(now()).date_naive();
            let on = errors.check(
                "checked_on",
                time::date(&form.checked_on).and_then(|d| {
                    if d > today {
                        Err(Invalid("error-date-future"))
                    } else {
                        Ok(d)
                    }
                }),
            );
            let Some(on) = on else {
                return render(&page, &user, user_id, &form, &errors, invalid).await;
            };
            if matches!(current, VolunteerStatus::Rejected) {
                return Err(AppError::BadRequest("declined volunteer".into()));
            }
            let material = preparation::material()?;
            page.db()
                .transaction(move |c| {
                    volunteer_settings::record_check(
                        c,
                        user_id,
                        ExtraCheck::ChildCertificate,
                        on,
                        by,
                    )?;
                    activation::activate_if_automatic(c, &material.curriculum, user_id, &base)?;
                    Ok(())
                })
                .await?;
            page.flash("success", "volunteer-check-saved");
            Ok(back(user_id))
        }
        _ => Err(AppError::NotFound),
    }
}

fn flash_status(page: &Page, result: Result<(), VolunteerStatus>, done: &str) {
    match result {
        Ok(()) => page.flash("success", done),
        Err(_) => page.flash("error", "volunteer-status-refused"),
    }
}
