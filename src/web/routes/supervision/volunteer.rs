//! The volunteer's side: `/supervision` (standing, my sessions, group
//! sessions of my branch, a request for individual supervision) and one
//! session's page `/supervision/{id}`, which emails and calendars link to.

use actix_web::{HttpResponse, web};
use serde::Serialize;
use tera::Context;

use crate::content::preparation;
use crate::db::enrolments::{self, Enrolment};
use crate::db::supervision::{self, SupervisionSession};
use crate::db::{DbConnection, gate, now, volunteers};
use crate::domain::enrolment::EnrolmentStatus;
use crate::domain::supervision::Format;
use crate::error::AppError;
use crate::web::page::redirect;
use crate::web::routes::volunteers::{ActiveVolunteer, checklist};
use crate::web::{Page, SignedIn, VolunteerUser};

/// A session in a list, with the viewer's place in it.
#[derive(Serialize)]
struct Row {
    #[serde(flatten)]
    s: SupervisionSession,
    mine: Option<String>,
    position: Option<i64>,
}

pub async fn index(user: VolunteerUser, page: Page) -> Result<HttpResponse, AppError> {
    let uid = user.user.id;
    let material = preparation::material()?;
    let (gate, standing, mine, open, request) = page
        .db()
        .run(move |c| {
            let v = volunteers::find(c, uid)?.ok_or(AppError::Forbidden)?;
            let gate = gate::volunteer_gate(c, &material.curriculum, uid)?;
            let at = now();
            let standing = supervision::standing_of(c, uid, at)?;
            let list = supervision::in_branches(c, &[v.branch_id], at, false)?;
            let ids: Vec<i64> = list.iter().map(|s| s.session.id).collect();
            let my: std::collections::HashMap<i64, (String, Option<i64>)> = enrolments::of_user(
                c,
                uid,
                Some(crate::domain::session::SessionKind::Supervision),
            )?
            .into_iter()
            .filter(|e| ids.contains(&e.session.id) && e.enrolment.status().is_active())
            .map(|e| (e.session.id, (e.enrolment.status.clone(), e.position)))
            .collect();
            let (mine, open): (Vec<Row>, Vec<Row>) = list
                .into_iter()
                .map(|s| {
                    let entry = my.get(&s.session.id).cloned();
                    Row {
                        s,
                        mine: entry.as_ref().map(|e| e.0.clone()),
                        position: entry.and_then(|e| e.1),
                    }
                })
                .filter(|r| r.mine.is_some() || r.s.details.format() == Format::Group)
                .filter(|r| r.mine.is_some() || r.s.session.status == "open")
                .partition(|r| r.mine.is_some());
            let request = supervision::open_request_of(c, uid)?;
            Ok((gate, standing, mine, open, request))
        })
        .await?;
    let mut ctx = Context::new();
    checklist::insert(&mut ctx, page.lang, &gate);
    ctx.insert("may_work", &gate.may_work());
    ctx.insert("standing", &standing);
    ctx.insert("mine", &mine);
    ctx.insert("open", &open);
    ctx.insert("request", &request);
    page.render("supervision/index.html", ctx)
}

/// Who may see a session: the branch's volunteers (an individual session
/// only its participant) and the branch's coordinators.
fn visible(
    conn: &mut DbConnection,
    account: &crate::db::users::Account,
    s: &SupervisionSession,
    enrolment: Option<&Enrolment>,
) -> Result<(), AppError> {
    let branch = s.session.branch_id.unwrap_or_default();
    if account.coordinates(branch) || enrolment.is_some() {
        return Ok(());
    }
    let own_branch =
        volunteers::find(conn, account.user.id)?.is_some_and(|v| v.branch_id == branch);
    if own_branch && s.details.format() == Format::Group {
        Ok(())
    } else {
        Err(AppError::Forbidden)
    }
}

pub async fn show(
    user: SignedIn,
    page: Page,
    path: web::Path<i64>,
) -> Result<HttpResponse, AppError> {
    let id = path.into_inner();
    let account = (**user.account()).clone();
    let (s, enrolment, position) = page
        .db()
        .run(move |c| {
            let s = supervision::find(c, id)?;
            let enrolment = enrolments::find(c, id, account.user.id)?;
            visible(c, &account, &s, enrolment.as_ref())?;
            let position = match &enrolment {
                Some(e) if e.status() == EnrolmentStatus::Waitlisted => {
                    Some(enrolments::position(c, e)?)
                }
                _ => None,
            };
            Ok((s, enrolment, position))
        })
        .await?;
    let active = enrolment.as_ref().is_some_and(|e| e.status().is_active());
    let mut ctx = Context::new();
    ctx.insert("availability", &s.session.availability(now()));
    ctx.insert("seats_left", &s.session.seats_left());
    ctx.insert("s", &s);
    ctx.insert("enrolment", &enrolment);
    ctx.insert("active", &active);
    ctx.insert("position", &position);
    ctx.insert(
        "can_enrol",
        &(!active && s.details.format() == Format::Group && user.volunteer_branch.is_some()),
    );
    ctx.insert(
        "calendar_path",
        &crate::web::routes::calendar::download_path(id),
    );
    page.render("supervision/session.html", ctx)
}

fn back(id: i64) -> String {
    format!("/supervision/{id}")
}

/// Signs an active brobygger up for a group session of their branch. Anyone
/// else gets their activation checklist (`ActiveVolunteer`).
pub async fn enrol(
    user: ActiveVolunteer,
    page: Page,
    path: web::Path<i64>,
) -> Result<HttpResponse, AppError> {
    let id = path.into_inner();
    let uid = user.account.user.id;
    let branch = user.gate.branch_id;
    let base = page.state.settings.base_url().to_string();
    let result = page
        .db()
        .transaction(move |c| {
            let s = supervision::find(c, id)?;
            if s.session.branch_id != Some(branch) || s.details.format() != Format::Group {
                return Err(AppError::Forbidden);
            }
            Ok(enrolments::enrol(c, id, uid, false, &base)?)
        })
        .await?;
    match result {
        Ok(p) if p.status == EnrolmentStatus::Waitlisted => {
            page.flash("info", "supervision-waitlisted");
        }
        Ok(_) => page.flash("success", "supervision-enrolled"),
        Err(refusal) => page.flash("error", refusal.message_key()),
    }
    Ok(redirect(&back(id)))
}

/// Cancels the volunteer's own seat or place in the queue.
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
            supervision::find(c, id)?;
            Ok(enrolments::cancel(c, id, uid, None, &base)?)
        })
        .await?;
    match result {
        Ok(_) => page.flash("success", "supervision-cancelled"),
        Err(refusal) => page.flash("error", refusal.message_key()),
    }
    Ok(redirect(&back(id)))
}

/// Asks the branch's coordinators for individual supervision after a hard
/// task. Nothing about the task is asked for or kept.
pub async fn request(user: ActiveVolunteer, page: Page) -> Result<HttpResponse, AppError> {
    let uid = user.account.user.id;
    let branch = user.gate.branch_id;
    let base = page.state.settings.base_url().to_string();
    let made = page
        .db()
        .transaction(move |c| Ok(supervision::request(c, uid, branch, &base)?))
        .await?;
    match made {
        Some(_) => page.flash("success", "supervision-request-sent"),
        None => page.flash("info", "supervision-request-already-open"),
    }
    Ok(redirect("/supervision"))
}
