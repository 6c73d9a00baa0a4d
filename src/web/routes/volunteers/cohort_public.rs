//! A cohort's own page (`/forberedelse/hold/{id}`), the one emails and
//! calendar entries link to: its meetings and the modules each teaches, and
//! for a volunteer their place in it. Accepted volunteers enrol in a cohort
//! of their branch; any volunteer missing a module may join a cohort of any
//! branch to make it up at a later meeting.

use actix_web::{HttpResponse, web};
use serde::{Deserialize, Serialize};
use tera::Context;

use crate::content::preparation::{self, Material};
use crate::db::cohorts::{self, MeetingPlan};
use crate::db::enrolments::{self, Enrolment};
use crate::db::sessions::{self, Session};
use crate::db::{DbConnection, activation, branches, gate, now, volunteers};
use crate::domain::enrolment::EnrolmentStatus;
use crate::domain::session::SessionKind;
use crate::domain::volunteer::{VolunteerStatus, is_accepted};
use crate::error::AppError;
use crate::web::page::redirect;
use crate::web::{Form, MaybeUser, Page, VolunteerUser};

fn cohort(conn: &mut DbConnection, id: i64) -> Result<Session, AppError> {
    let s = sessions::find(conn, id)?;
    if s.kind() != SessionKind::Cohort {
        return Err(AppError::NotFound);
    }
    Ok(s)
}

#[derive(Serialize)]
struct MeetingView {
    plan: MeetingPlan,
    titles: Vec<String>,
}

fn titles(material: &Material, ids: &[String]) -> Vec<String> {
    let mut known: Vec<_> = ids
        .iter()
        .filter_map(|id| material.curriculum.module(id))
        .collect();
    known.sort_by_key(|m| m.order);
    known
        .iter()
        .map(|m| format!("{}. {}", m.order, m.title))
        .collect()
}

/// What the page offers the signed-in volunteer.
#[derive(Serialize, Default)]
struct Mine {
    enrolment: Option<Enrolment>,
    position: Option<i64>,
    can_enrol: bool,
    /// Modules they miss that this cohort teaches later: (id, label).
    makeups: Vec<(String, String)>,
    makeup_for: Option<String>,
}

pub async fn show(
    user: MaybeUser,
    page: Page,
    path: web::Path<i64>,
) -> Result<HttpResponse, AppError> {
    let id = path.into_inner();
    let material = preparation::material()?;
    let viewer = user.0.as_ref().map(|a| a.user.id);
    let (session, branch, plan, mine) = page
        .db()
        .run(move |c| {
            let session = cohort(c, id)?;
            let branch = match session.branch_id {
                Some(b) => Some(branches::find(c, b)?),
                None => None,
            };
            let plan = cohorts::plan(c, id)?;
            let mut mine = Mine::default();
            if let Some(uid) = viewer
                && let Some(v) = volunteers::find(c, uid)?
            {
                let status = VolunteerStatus::parse(&v.status);
                mine.enrolment = enrolments::find(c, id, uid)?;
                if let Some(e) = &mine.enrolment
                    && e.status() == EnrolmentStatus::Waitlisted
                {
                    mine.position = Some(enrolments::position(c, e)?);
                }
                let active = mine
                    .enrolment
                    .as_ref()
                    .is_some_and(|e| e.status().is_active());
                mine.can_enrol = !active
                    && session.branch_id == Some(v.branch_id)
                    && matches!(
                        status,
                        Some(VolunteerStatus::Approved | VolunteerStatus::InTraining)
                    );
                mine.makeup_for = cohorts::makeups_of(c, uid)?.remove(&id);
                if !active && status.is_some_and(is_accepted) {
                    let g = gate::volunteer_gate(c, &material.curriculum, uid)?;
                    let later: Vec<String> = plan
                        .iter()
                        .filter(|p| p.meeting.starts_at > now() && p.meeting.cancelled_at.is_none())
                        .flat_map(|p| p.modules.clone())
                        .collect();
                    mine.makeups = g
                        .progress
                        .missing()
                        .filter(|m| later.contains(&m.module.id))
                        .map(|m| {
                            (
                                m.module.id.clone(),
                                format!("{}. {}", m.module.order, m.module.title),
                            )
                        })
                        .collect();
                }
            }
            Ok((session, branch, plan, mine))
        })
        .await?;
    let meetings: Vec<MeetingView> = plan
        .into_iter()
        .map(|p| MeetingView {
            titles: titles(material, &p.modules),
            plan: p,
        })
        .collect();
    let mut ctx = Context::new();
    ctx.insert("availability", &session.availability(now()));
    ctx.insert("seats_left", &session.seats_left());
    ctx.insert("session", &session);
    ctx.insert("branch", &branch);
    ctx.insert("meetings", &meetings);
    ctx.insert("mine", &mine);
    ctx.insert(
        "is_volunteer",
        &user
            .0
            .as_ref()
            .is_some_and(|a| a.volunteer_branch.is_some()),
    );
    page.render("volunteers/cohort.html", ctx)
}

fn back(id: i64) -> String {
    format!("/forberedelse/hold/{id}")
}

fn report(page: &Page, result: Result<EnrolmentStatus, &'static str>) {
    match result {
        Ok(EnrolmentStatus::Waitlisted) => page.flash("info", "cohort-waitlisted"),
        Ok(_) => page.flash("success", "cohort-enrolled"),
        Err(key) => page.flash("error", key),
    }
}

/// Enrols an accepted volunteer in a cohort of their own branch. A seat
/// starts their training.
pub async fn enrol(
    user: VolunteerUser,
    page: Page,
    path: web::Path<i64>,
) -> Result<HttpResponse, AppError> {
    let id = path.into_inner();
    let uid = user.user.id;
    let base = page.state.settings.base_url().to_string();
    let result = page
        .db()
        .transaction(move |c| {
            let session = cohort(c, id)?;
            let v = volunteers::find(c, uid)?.ok_or(AppError::Forbidden)?;
            if session.branch_id != Some(v.branch_id) {
                return Err(AppError::Forbidden);
            }
            if !matches!(
                VolunteerStatus::parse(&v.status),
                Some(VolunteerStatus::Approved | VolunteerStatus::InTraining)
            ) {
                return Ok(Err("cohort-not-accepted"));
            }
            match enrolments::enrol(c, id, uid, false, &base)? {
                Ok(placed) => {
                    if placed.status == EnrolmentStatus::Confirmed {
                        activation::start_training(c, uid, Some(uid))?;
                    }
                    Ok(Ok(placed.status))
                }
                Err(refusal) => Ok(Err(refusal.message_key())),
            }
        })
        .await?;
    report(&page, result);
    Ok(redirect(&back(id)))
}

#[derive(Deserialize, Default)]
#[serde(default)]
pub struct MakeUpForm {
    module: String,
}

/// Joins a cohort, of any branch, to make up a missing module at one of its
/// later meetings. The engine's enrolment deadline is the cohort's first
/// meeting, which a make-up comes after by nature, so it enrols as staff
/// would; the seat limit and the waiting list still hold.
pub async fn make_up(
    user: VolunteerUser,
    page: Page,
    path: web::Path<i64>,
    Form(form): Form<MakeUpForm>,
) -> Result<HttpResponse, AppError> {
    let id = path.into_inner();
    let uid = user.user.id;
    let material = preparation::material()?;
    let base = page.state.settings.base_url().to_string();
    let module = form.module.trim().to_string();
    let result = page
        .db()
        .transaction(move |c| {
            cohort(c, id)?;
            let g = gate::volunteer_gate(c, &material.curriculum, uid)?;
            if !is_accepted(g.status) {
                return Ok(Err("cohort-not-accepted"));
            }
            if !g.progress.missing().any(|m| m.module.id == module) {
                return Ok(Err("cohort-module-not-missing"));
            }
            if !cohorts::teaches_later(c, id, &module, now())? {
                return Ok(Err("cohort-module-not-taught"));
            }
            match enrolments::enrol(c, id, uid, true, &base)? {
                Ok(placed) => {
                    cohorts::record_makeup(c, id, uid, &module)?;
                    Ok(Ok(placed.status))
                }
                Err(refusal) => Ok(Err(refusal.message_key())),
            }
        })
        .await?;
    report(&page, result);
    Ok(redirect(&back(id)))
}

/// Leaves the cohort (or its waiting list) while the engine allows it.
pub async fn cancel(
    user: VolunteerUser,
    page: Page,
    path: web::Path<i64>,
) -> Result<HttpResponse, AppError> {
    let id = path.into_inner();
    let uid = user.user.id;
    let base = page.state.settings.base_url().to_string();
    let result = page
        .db()
        .transaction(move |c| {
            cohort(c, id)?;
            match enrolments::cancel(c, id, uid, None, &base)? {
                Ok(_) => {
                    cohorts::remove_makeup(c, id, uid)?;
                    Ok(Ok(()))
                }
                Err(refusal) => Ok(Err(refusal.message_key())),
            }
        })
        .await?;
    match result {
        Ok(()) => page.flash("success", "cohort-left"),
        Err(key) => page.flash("error", key),
    }
    Ok(redirect(&back(id)))
}
