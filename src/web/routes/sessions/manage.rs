use actix_web::{HttpResponse, web};
use diesel::Connection;
use serde::{Deserialize, Serialize};
use tera::Context;

use super::managed;
use crate::db::enrolments::{self, Participant};
use crate::db::sessions::{self, Meeting, Session};
use crate::db::{attendance, gate, now, users};
use crate::domain::EmailAddress;
use crate::domain::enrolment::Refusal;
use crate::domain::session::{SessionKind, can_mark_held};
use crate::domain::validation::optional_text;
use crate::error::AppError;
use crate::web::csv as excel;
use crate::web::page::redirect;
use crate::web::{CoordinatorUser, Form, Page};

#[derive(Serialize)]
struct Overview {
    session: Session,
    meetings: Vec<Meeting>,
    seated: Vec<Participant>,
    waiting: Vec<Participant>,
    /// Hours attended per user id (string keys for templates), written the
    /// page language's way.
    hours: std::collections::HashMap<String, String>,
    /// Where a participant can be moved: open sessions of the same kind.
    alternatives: Vec<Session>,
    can_mark_held: bool,
}

fn path(id: i64) -> String {
    format!("/koordinator/hold/{id}")
}

pub async fn show(
    user: CoordinatorUser,
    page: Page,
    p: web::Path<i64>,
) -> Result<HttpResponse, AppError> {
    let id = p.into_inner();
    let account = (**user.account()).clone();
    let lang = page.lang;
    let overview = page
        .db()
        .run(move |c| {
            let session = managed(c, &account, id)?;
            let meetings = sessions::meetings(c, id)?;
            let (seated, waiting) = enrolments::participants(c, id)?;
            let mut minutes = std::collections::HashMap::new();
            for a in attendance::for_session(c, id)? {
                *minutes.entry(a.user_id.to_string()).or_insert(0) += a.minutes;
            }
            let hours = minutes
                .into_iter()
                .map(|(k, m)| (k, crate::i18n::format::hours(lang, m)))
                .collect();
            let branches = (!account.is_admin()).then(|| account.branches.clone());
            let alternatives =
                sessions::upcoming_of_kind(c, session.kind(), branches.as_deref(), now(), 50)?
                    .into_iter()
                    .filter(|s| s.id != id)
                    .collect();
            let can_mark_held = can_mark_held(session.status(), session.starts_at, now());
            Ok(Overview {
                session,
                meetings,
                seated,
                waiting,
                hours,
                alternatives,
                can_mark_held,
            })
        })
        .await?;
    let mut ctx = Context::new();
    ctx.insert("o", &overview);
    ctx.insert("public_path", &overview.session.kind().path(id));
    page.render("sessions/manage.html", ctx)
}

/// Says how an engine operation went, as a flash message on the next page.
fn report(page: &Page, result: Result<(), Refusal>, done: &str) {
    match result {
        Ok(()) => page.flash("success", done),
        Err(refusal) => page.flash("error", refusal.message_key()),
    }
}

#[derive(Deserialize, Default)]
#[serde(default)]
pub struct EnrolForm {
    email: String,
}

/// Enrols someone who already has an account (staff may do so after the
/// enrolment deadline; a full session puts them on the waiting list).
pub async fn enrol(
    user: CoordinatorUser,
    page: Page,
    p: web::Path<i64>,
    Form(form): Form<EnrolForm>,
) -> Result<HttpResponse, AppError> {
    let id = p.into_inner();
    let account = (**user.account()).clone();
    let base = page.state.settings.base_url().to_string();
    let Ok(email) = EmailAddress::parse(&form.email) else {
        page.flash("error", "error-email-invalid");
        return Ok(redirect(&path(id)));
    };
    let material = crate::content::preparation::material()?;
    let outcome = page
        .db()
        .run(move |c| {
            let session = managed(c, &account, id)?;
            let Some(person) = users::find_by_email(c, email.as_str())? else {
                return Ok(None);
            };
            // Supervision is for the branch's active brobyggere only,
            // however they are signed up.
            if session.kind() == SessionKind::Supervision {
                let may = match gate::volunteer_gate(c, &material.curriculum, person.id) {
                    Ok(g) => g.may_work() && Some(g.branch_id) == session.branch_id,
                    Err(diesel::result::Error::NotFound) => false,
                    Err(e) => return Err(e.into()),
                };
                if !may {
                    return Ok(Some(Err("supervision-assign-not-active")));
                }
            }
            let placed = c.transaction(|c| enrolments::enrol(c, id, person.id, true, &base))?;
            Ok(Some(placed.map(|_| ()).map_err(Refusal::message_key)))
        })
        .await?;
    match outcome {
        None => page.flash("error", "sessions-no-account"),
        Some(Ok(())) => page.flash("success", "sessions-enrolled"),
        Some(Err(key)) => page.flash("error", key),
    }
    Ok(redirect(&path(id)))
}

pub async fn cancel_participant(
    user: CoordinatorUser,
    page: Page,
    p: web::Path<(i64, i64)>,
) -> Result<HttpResponse, AppError> {
    let (id, person) = p.into_inner();
    let account = (**user.account()).clone();
    let staff = account.user.id;
    let base = page.state.settings.base_url().to_string();
    let result = page
        .db()
        .run(move |c| {
            managed(c, &account, id)?;
            Ok(c.transaction(|c| enrolments::cancel(c, id, person, Some(staff), &base))?)
        })
        .await?;
    report(&page, result.map(|_| ()), "sessions-cancelled-participant");
    Ok(redirect(&path(id)))
}

#[derive(Deserialize, Default)]
#[serde(default)]
pub struct MoveForm {
    to: i64,
}

pub async fn move_participant(
    user: CoordinatorUser,
    page: Page,
    p: web::Path<(i64, i64)>,
    Form(form): Form<MoveForm>,
) -> Result<HttpResponse, AppError> {
    let (id, person) = p.into_inner();
    let account = (**user.account()).clone();
    let staff = account.user.id;
    let base = page.state.settings.base_url().to_string();
    let result =
        page.db()
            .run(move |c| {
                let from = managed(c, &account, id)?;
                let to = managed(c, &account, form.to)?;
                if to.kind != from.kind {
                    return Err(AppError::BadRequest("sessions of different kinds".into()));
                }
                Ok(c.transaction(|c| {
                    enrolments::move_participant(c, id, to.id, person, staff, &base)
                })?)
            })
            .await?;
    report(&page, result.map(|_| ()), "sessions-moved");
    Ok(redirect(&path(id)))
}

#[derive(Deserialize, Default)]
#[serde(default)]
pub struct CancelForm {
    reason: String,
}

pub async fn cancel_session(
    user: CoordinatorUser,
    page: Page,
    p: web::Path<i64>,
    Form(form): Form<CancelForm>,
) -> Result<HttpResponse, AppError> {
    let id = p.into_inner();
    let account = (**user.account()).clone();
    let staff = account.user.id;
    let base = page.state.settings.base_url().to_string();
    let reason = optional_text(&form.reason, 500)
        .map_err(|_| AppError::BadRequest("reason too long".into()))?;
    page.db()
        .run(move |c| {
            managed(c, &account, id)?;
            Ok(c.transaction(|c| sessions::cancel(c, id, reason.as_deref(), staff, &base))?)
        })
        .await?;
    page.flash("success", "sessions-session-cancelled");
    Ok(redirect(&path(id)))
}

pub async fn mark_held(
    user: CoordinatorUser,
    page: Page,
    p: web::Path<i64>,
) -> Result<HttpResponse, AppError> {
    let id = p.into_inner();
    let account = (**user.account()).clone();
    let done = page
        .db()
        .run(move |c| {
            let session = managed(c, &account, id)?;
            if !can_mark_held(session.status(), session.starts_at, now()) {
                return Ok(false);
            }
            c.transaction(|c| sessions::mark_held(c, id))?;
            Ok(true)
        })
        .await?;
    if done {
        page.flash("success", "sessions-marked-held");
    } else {
        page.flash("error", "sessions-cannot-mark-held");
    }
    Ok(redirect(&path(id)))
}

/// Participants and waiting list as a CSV file for Danish Excel.
pub async fn csv(
    user: CoordinatorUser,
    page: Page,
    p: web::Path<i64>,
) -> Result<HttpResponse, AppError> {
    let id = p.into_inner();
    let account = (**user.account()).clone();
    let (session, seated, waiting, minutes) = page
        .db()
        .run(move |c| {
            let session = managed(c, &account, id)?;
            let (seated, waiting) = enrolments::participants(c, id)?;
            let mut minutes = std::collections::HashMap::new();
            for a in attendance::for_session(c, id)? {
                *minutes.entry(a.user_id).or_insert(0) += a.minutes;
            }
            Ok((session, seated, waiting, minutes))
        })
        .await?;
    let t = |k: &str| page.t(k);
    let header = [
        t("csv-name"),
        t("csv-email"),
        t("csv-phone"),
        t("csv-status"),
        t("csv-enrolled-at"),
        t("csv-hours-attended"),
    ];
    let header: Vec<&str> = header.iter().map(String::as_str).collect();
    let hours = |m: i32| crate::i18n::format::hours(page.lang, m);
    let rows: Vec<Vec<String>> = seated
        .iter()
        .map(|p| (p, t("csv-status-confirmed")))
        .chain(waiting.iter().map(|p| {
            let label = format!(
                "{} {}",
                t("csv-status-waitlisted"),
                p.position.unwrap_or_default()
            );
            (p, label)
        }))
        .map(|(p, status)| {
            vec![
                p.name.clone(),
                p.email.clone(),
                p.phone.clone().unwrap_or_default(),
                status,
                excel::danish_datetime(p.enrolment.queued_at),
                hours(minutes.get(&p.enrolment.user_id).copied().unwrap_or(0)),
            ]
        })
        .collect();
    let body = excel::build(&header, &rows)?;
    Ok(excel::download(
        &format!("deltagere-{}.csv", session.id),
        body,
    ))
}
