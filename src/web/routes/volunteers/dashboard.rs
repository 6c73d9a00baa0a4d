//! The volunteer's own page: status and application, the activation
//! checklist, hours done of the course and where each missing module is
//! taught next, cohorts, material, the declaration and the history. Also
//! pausing and coming back, and the page activation unlocks.

use std::collections::HashMap;

use actix_web::HttpResponse;
use chrono::NaiveDateTime;
use serde::{Deserialize, Serialize};
use tera::Context;

use super::checklist::{self, ActiveVolunteer};
use super::noon;
use crate::content::preparation;
use crate::db::agenda::{self, AgendaItem};
use crate::db::applications::{self, Application};
use crate::db::branches::{self, Branch};
use crate::db::enrolments::{self, MyEnrolment};
use crate::db::gate::{self, Gate};
use crate::db::sessions::{self, Session};
use crate::db::volunteer_history::{self, HistoryEntry};
use crate::db::{activation, cohorts, declarations, now, volunteers};
use crate::domain::FieldErrors;
use crate::domain::activation::ActivationRefusal;
use crate::domain::curriculum::Progress;
use crate::domain::session::SessionKind;
use crate::domain::validation::optional_text;
use crate::domain::volunteer::{self as rules, StatusChange, VolunteerStatus};
use crate::error::AppError;
use crate::i18n::{Lang, format};
use crate::web::page::redirect;
use crate::web::{Form, Page, VolunteerUser};

#[derive(Serialize)]
pub struct TeachingView {
    pub session_id: i64,
    pub title: String,
    pub branch_name: Option<String>,
    pub own_branch: bool,
    pub starts_at: NaiveDateTime,
    pub ends_at: NaiveDateTime,
    pub location: String,
    pub seats_left: Option<i32>,
    /// Already enrolled in that cohort.
    pub enrolled: bool,
}

#[derive(Serialize)]
pub struct ModuleRow {
    pub id: String,
    pub order: i32,
    pub title: String,
    pub hours: String,
    pub done: String,
    pub missing: String,
    pub complete: bool,
    pub next: Vec<TeachingView>,
}

/// The course progress as the pages show it, with where each missing module
/// is taught next.
pub fn module_rows(
    lang: Lang,
    progress: &Progress,
    teaching: &HashMap<String, Vec<cohorts::Teaching>>,
    branch_id: i64,
    enrolled_in: &[i64],
) -> Vec<ModuleRow> {
    progress
        .modules
        .iter()
        .map(|m| ModuleRow {
            id: m.module.id.clone(),
            order: m.module.order,
            title: m.module.title.clone(),
            hours: format::hours(lang, m.module.minutes),
            done: format::hours(lang, m.done_minutes),
            missing: format::hours(lang, m.missing_minutes),
            complete: m.complete(),
            next: teaching
                .get(&m.module.id)
                .map(|list| {
                    list.iter()
                        .map(|t| TeachingView {
                            session_id: t.session_id,
                            title: t.title.clone(),
                            branch_name: t.branch_name.clone(),
                            own_branch: t.branch_id == Some(branch_id),
                            starts_at: t.starts_at,
                            ends_at: t.ends_at,
                            location: t.location.clone(),
                            seats_left: t.seats_left,
                            enrolled: enrolled_in.contains(&t.session_id),
                        })
                        .collect()
                })
                .unwrap_or_default(),
        })
        .collect()
}

#[derive(Serialize)]
struct CohortRow {
    #[serde(flatten)]
    mine: MyEnrolment,
    makeup: Option<String>,
}

struct Dashboard {
    volunteer: volunteers::Volunteer,
    branch: Branch,
    application: Option<Application>,
    gate: Gate,
    teaching: HashMap<String, Vec<cohorts::Teaching>>,
    cohorts: Vec<CohortRow>,
    history: Vec<HistoryEntry>,
    pause_until: Option<NaiveDateTime>,
    signed_at: Option<NaiveDateTime>,
    /// Cohorts of the volunteer's branch open for enrolment.
    upcoming: Vec<Session>,
    /// Meetings of every kind of session with a seat: coming and past.
    agenda: (Vec<AgendaItem>, Vec<AgendaItem>),
}

async fn load(page: &Page, user_id: i64) -> Result<Dashboard, AppError> {
    let material = preparation::material()?;
    page.db()
        .run(move |c| {
            let volunteer = volunteers::find(c, user_id)?.ok_or(AppError::Forbidden)?;
            let branch = branches::find(c, volunteer.branch_id)?;
            let application = applications::latest_of(c, user_id)?;
            let gate = gate::volunteer_gate(c, &material.curriculum, user_id)?;
            let missing: Vec<String> = gate
                .progress
                .missing()
                .map(|m| m.module.id.clone())
                .collect();
            let teaching = cohorts::next_teaching(c, &missing, now(), 3)?;
            let makeups = cohorts::makeups_of(c, user_id)?;
            let cohorts = enrolments::of_user(c, user_id, Some(SessionKind::Cohort))?
                .into_iter()
                .map(|mine| {
                    let makeup = makeups.get(&mine.session.id).and_then(|id| {
                        material
                            .curriculum
                            .module(id)
                            .map(|m| format!("{}. {}", m.order, m.title))
                    });
                    CohortRow { mine, makeup }
                })
                .collect();
            let history = volunteer_history::of_user(c, user_id)?;
            let pause_until = volunteer_history::pause_ends(c, &[user_id])?
                .remove(&user_id)
                .and_then(noon);
            let signed_at = declarations::of_many(c, &[user_id])?
                .remove(&user_id)
                .and_then(|s| s.last().map(|s| s.signed_at));
            let upcoming = sessions::upcoming_of_kind(
                c,
                SessionKind::Cohort,
                Some(&[volunteer.branch_id]),
                now(),
                10,
            )?;
            let agenda = agenda::of_user(c, user_id, now())?;
            Ok(Dashboard {
                agenda,
                upcoming,
                volunteer,
                branch,
                application,
                gate,
                teaching,
                cohorts,
                history,
                pause_until,
                signed_at,
            })
        })
        .await
}

#[derive(Deserialize, Serialize, Default)]
#[serde(default)]
pub struct PauseForm {
    until: String,
    reason: String,
}

async fn render(
    page: &Page,
    user_id: i64,
    pause: &PauseForm,
    errors: &FieldErrors,
    invalid: bool,
) -> Result<HttpResponse, AppError> {
    let d = load(page, user_id).await?;
    let enrolled_in: Vec<i64> = d
        .cohorts
        .iter()
        .filter(|r| r.mine.enrolment.status().is_active())
        .map(|r| r.mine.session.id)
        .collect();
    let mut ctx = Context::new();
    ctx.insert(
        "modules",
        &module_rows(
            page.lang,
            &d.gate.progress,
            &d.teaching,
            d.branch.id,
            &enrolled_in,
        ),
    );
    ctx.insert(
        "done_hours",
        &format::hours(page.lang, d.gate.progress.done_minutes),
    );
    ctx.insert(
        "total_hours",
        &format::hours(page.lang, d.gate.progress.total_minutes),
    );
    checklist::insert(&mut ctx, page.lang, &d.gate);
    ctx.insert("accepted", &rules::is_accepted(d.gate.status));
    ctx.insert("volunteer", &d.volunteer);
    ctx.insert("branch", &d.branch);
    ctx.insert("application", &d.application);
    ctx.insert("gate", &d.gate);
    ctx.insert("cohorts", &d.cohorts);
    ctx.insert("history", &d.history);
    ctx.insert("pause_until", &d.pause_until);
    ctx.insert("signed_at", &d.signed_at);
    ctx.insert("upcoming", &d.upcoming);
    ctx.insert("agenda_upcoming", &d.agenda.0);
    ctx.insert("agenda_past", &d.agenda.1);
    ctx.insert("pause", pause);
    ctx.insert("errors", errors);
    if invalid {
        page.render_invalid("volunteer/index.html", ctx)
    } else {
        page.render("volunteer/index.html", ctx)
    }
}

pub async fn index(user: VolunteerUser, page: Page) -> Result<HttpResponse, AppError> {
    render(
        &page,
        user.user.id,
        &PauseForm::default(),
        &FieldErrors::new(),
        false,
    )
    .await
}

/// A volunteer pauses themselves, e.g. around exams, until a date.
pub async fn pause(
    user: VolunteerUser,
    page: Page,
    Form(form): Form<PauseForm>,
) -> Result<HttpResponse, AppError> {
    let user_id = user.user.id;
    let today = crate::i18n::format::local(now()).date_naive();
    let mut errors = FieldErrors::new();
    let until = errors.check("until", rules::pause_until(&form.until, today));
    let reason = errors.check("reason", optional_text(&form.reason, 500));
    let (Some(until), Some(reason)) = (until, reason) else {
        return render(&page, user_id, &form, &errors, true).await;
    };
    let base = page.state.settings.base_url().to_string();
    let result = page
        .db()
        .transaction(move |c| {
            Ok(activation::pause(
                c,
                user_id,
                until,
                reason.as_deref(),
                user_id,
                &base,
            )?)
        })
        .await?;
    match result {
        Ok(()) => page.flash("success", "volunteer-paused"),
        Err(_) => page.flash("error", "volunteer-cannot-pause"),
    }
    Ok(redirect("/frivillig"))
}

/// Back from a pause: only with nothing unmet, like activation.
pub async fn resume(user: VolunteerUser, page: Page) -> Result<HttpResponse, AppError> {
    let user_id = user.user.id;
    let material = preparation::material()?;
    let base = page.state.settings.base_url().to_string();
    let result = page
        .db()
        .transaction(move |c| {
            Ok(activation::make_active(
                c,
                &material.curriculum,
                user_id,
                StatusChange::Resume,
                Some(user_id),
                None,
                &base,
            )?)
        })
        .await?;
    match result {
        Ok(()) => page.flash("success", "volunteer-resumed"),
        Err(ActivationRefusal::Status(VolunteerStatus::Active)) => {}
        Err(refusal) => page.flash("error", refusal.message_key()),
    }
    Ok(redirect("/frivillig"))
}

/// What activation unlocks, for active brobyggere only (others see their
/// checklist).
pub async fn active(user: ActiveVolunteer, page: Page) -> Result<HttpResponse, AppError> {
    let branch_id = user.gate.branch_id;
    let branch = page
        .db()
        .run(move |c| Ok(branches::find(c, branch_id)?))
        .await?;
    let mut ctx = Context::new();
    ctx.insert("branch", &branch);
    ctx.insert("name", &user.account.user.name);
    page.render("volunteers/active.html", ctx)
}
