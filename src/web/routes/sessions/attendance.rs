//! Registering attendance at one meeting, on a page made for a phone: one
//! row per participant, present / absent / partial with hours.

use std::collections::HashMap;

use actix_web::{HttpResponse, web};
use diesel::Connection;
use serde::Serialize;
use tera::Context;

use super::managed;
use crate::db::attendance;
use crate::db::enrolments::{self, Participant};
use crate::db::sessions::{self, Meeting, Session};
use crate::domain::attendance::{self as rules, AttendanceStatus};
use crate::error::AppError;
use crate::web::page::redirect;
use crate::web::routes::volunteers::AttendanceHook;
use crate::web::{CoordinatorUser, Form, Page};

#[derive(Serialize)]
struct Row {
    participant: Participant,
    status: String,
    hours: String,
    error: Option<&'static str>,
}

async fn load(
    page: &Page,
    user: &CoordinatorUser,
    id: i64,
    meeting_id: i64,
) -> Result<
    (
        Session,
        Meeting,
        Vec<Participant>,
        HashMap<i64, (String, i32)>,
    ),
    AppError,
> {
    let account = (**user.account()).clone();
    page.db()
        .run(move |c| {
            let session = managed(c, &account, id)?;
            let meeting = sessions::meeting(c, meeting_id)?;
            if meeting.session_id != id {
                return Err(AppError::NotFound);
            }
            let (seated, _) = enrolments::participants(c, id)?;
            let recorded = attendance::for_session(c, id)?
                .into_iter()
                .filter(|a| a.meeting_id == meeting_id)
                .map(|a| (a.user_id, (a.status, a.minutes)))
                .collect();
            Ok((session, meeting, seated, recorded))
        })
        .await
}

fn hours_text(page: &Page, minutes: i32) -> String {
    crate::i18n::format::hours(page.lang, minutes)
}

fn render(
    page: &Page,
    session: &Session,
    meeting: &Meeting,
    rows: &[Row],
    invalid: bool,
) -> Result<HttpResponse, AppError> {
    let mut ctx = Context::new();
    ctx.insert("session", session);
    ctx.insert("meeting", meeting);
    ctx.insert("rows", rows);
    ctx.insert("meeting_hours", &hours_text(page, meeting.minutes()));
    if invalid {
        page.render_invalid("sessions/attendance.html", ctx)
    } else {
        page.render("sessions/attendance.html", ctx)
    }
}

pub async fn form(
    user: CoordinatorUser,
    page: Page,
    p: web::Path<(i64, i64)>,
) -> Result<HttpResponse, AppError> {
    let (id, meeting_id) = p.into_inner();
    let (session, meeting, seated, recorded) = load(&page, &user, id, meeting_id).await?;
    let rows: Vec<Row> = seated
        .into_iter()
        .map(|participant| {
            let (status, hours) = match recorded.get(&participant.enrolment.user_id) {
                Some((status, minutes)) if status == AttendanceStatus::Partial.as_str() => {
                    (status.clone(), hours_text(&page, *minutes))
                }
                Some((status, _)) => (status.clone(), String::new()),
                None => (String::new(), String::new()),
            };
            Row {
                participant,
                status,
                hours,
                error: None,
            }
        })
        .collect();
    render(&page, &session, &meeting, &rows, false)
}

/// Saves the whole meeting at once, or nothing: a mistake in one row shows
/// beside that row with every typed value kept.
pub async fn submit(
    user: CoordinatorUser,
    page: Page,
    p: web::Path<(i64, i64)>,
    Form(fields): Form<HashMap<String, String>>,
) -> Result<HttpResponse, AppError> {
    let (id, meeting_id) = p.into_inner();
    let (session, meeting, seated, before) = load(&page, &user, id, meeting_id).await?;
    let mut rows = Vec::with_capacity(seated.len());
    let mut records = Vec::new();
    for participant in seated {
        let uid = participant.enrolment.user_id;
        let status = fields
            .get(&format!("status-{uid}"))
            .cloned()
            .unwrap_or_default();
        let hours = fields
            .get(&format!("hours-{uid}"))
            .cloned()
            .unwrap_or_default();
        let mut error = None;
        if let Some(parsed) = AttendanceStatus::parse(&status) {
            match rules::minutes(parsed, &hours, meeting.minutes()) {
                Ok(m) => records.push((uid, parsed, m)),
                Err(e) => error = Some(e.0),
            }
        }
        rows.push(Row {
            participant,
            status,
            hours,
            error,
        });
    }
    if rows.iter().any(|r| r.error.is_some()) {
        return render(&page, &session, &meeting, &rows, true);
    }
    let by = user.user.id;
    let hook = AttendanceHook::for_session(&session, page.state.settings.base_url())?;
    let changed: Vec<(i64, AttendanceStatus)> = records
        .iter()
        .filter(|(uid, status, minutes)| {
            before.get(uid) != Some(&(status.as_str().to_string(), *minutes))
        })
        .map(|(uid, status, _)| (*uid, *status))
        .collect();
    page.db()
        .run(move |c| {
            c.transaction(|c| {
                for (uid, status, minutes) in &records {
                    attendance::record(c, meeting_id, *uid, *status, *minutes, by)?;
                }
                if let Some(hook) = &hook {
                    hook.run(c, meeting_id, &changed, by)?;
                }
                Ok::<_, diesel::result::Error>(())
            })?;
            Ok(())
        })
        .await?;
    page.flash("success", "attendance-saved");
    Ok(redirect(&format!("/koordinator/hold/{id}")))
}
