//! Registering attendance at one meeting, on a page made for a phone: one
//! row per participant, present / absent / partial with hours.

use std::collections::HashMap;

use actix_web::{HttpResponse, web};
use serde::Serialize;
use tera::Context;

use crate::app::audit::Actor;
use crate::app::sessions::{self as sessions_app, NotStarted, Presence, Sheet};
use crate::db::enrolments::Participant;
use crate::domain::Code;
use crate::domain::Lang;
use crate::domain::attendance::{self as rules, AttendanceStatus};
use crate::error::AppError;
use crate::i18n::format::hours;
use crate::web::page::redirect;
use crate::web::{CoordinatorUser, Form, Page};

/// One participant's row as the form shows it: what is recorded, or what
/// was typed (kept as typed when the form comes back with a mistake).
#[derive(Serialize)]
struct Row {
    participant: Participant,
    status: String,
    hours: String,
    error: Option<&'static str>,
}

/// The rows of a meeting as recorded.
fn recorded_rows(sheet: &Sheet, lang: Lang) -> Vec<Row> {
    sheet
        .seated
        .iter()
        .map(|participant| {
            let (status, hours) = match sheet.recorded.get(&participant.enrolment.user_id) {
                Some((status, minutes)) if *status == AttendanceStatus::Partial => {
                    (status.as_str().to_string(), hours(lang, *minutes))
                }
                Some((status, _)) => (status.as_str().to_string(), String::new()),
                None => (String::new(), String::new()),
            };
            Row {
                participant: participant.clone(),
                status,
                hours,
                error: None,
            }
        })
        .collect()
}

/// The form's rows parsed against the sheet: every row's attendance, or
/// the rows with a mistake beside each wrong one. A row without a status is
/// left as it is.
fn parse(fields: &HashMap<String, String>, sheet: &Sheet) -> Result<Vec<Presence>, Vec<Row>> {
    let meeting_minutes = sheet.meeting.minutes();
    let mut rows = Vec::with_capacity(sheet.seated.len());
    let mut presences = Vec::new();
    for participant in &sheet.seated {
        let uid = participant.enrolment.user_id;
        let field = |name: &str| fields.get(&format!("{name}-{uid}")).cloned();
        let status = field("status").unwrap_or_default();
        let hours = field("hours").unwrap_or_default();
        let mut error = None;
        if let Some(parsed) = AttendanceStatus::parse(&status) {
            match rules::minutes(parsed, &hours, meeting_minutes) {
                Ok(minutes) => presences.push(Presence {
                    user_id: uid,
                    status: parsed,
                    minutes,
                }),
                Err(e) => error = Some(e.0),
            }
        }
        rows.push(Row {
            participant: participant.clone(),
            status,
            hours,
            error,
        });
    }
    if rows.iter().any(|r| r.error.is_some()) {
        Err(rows)
    } else {
        Ok(presences)
    }
}

fn render(
    page: &Page,
    sheet: &Sheet,
    rows: &[Row],
    invalid: bool,
) -> Result<HttpResponse, AppError> {
    let mut ctx = Context::new();
    ctx.insert("session", &sheet.session);
    ctx.insert("meeting", &sheet.meeting);
    ctx.insert("rows", rows);
    ctx.insert("begun", &sheet.begun);
    ctx.insert("statuses", AttendanceStatus::ALL);
    ctx.insert("meeting_hours", &hours(page.lang, sheet.meeting.minutes()));
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
    let sheet = sessions_app::sheet(&page.state.app, user.account(), id, meeting_id).await?;
    let rows = recorded_rows(&sheet, page.lang);
    render(&page, &sheet, &rows, false)
}

/// Saves the whole meeting at once, or nothing: a mistake in one row shows
/// beside that row with every typed value kept. The sheet is read first:
/// the form is checked against who holds a seat.
pub async fn submit(
    user: CoordinatorUser,
    by: Actor,
    page: Page,
    p: web::Path<(i64, i64)>,
    Form(fields): Form<HashMap<String, String>>,
) -> Result<HttpResponse, AppError> {
    let (id, meeting_id) = p.into_inner();
    let sheet = sessions_app::sheet(&page.state.app, user.account(), id, meeting_id).await?;
    let presences = match parse(&fields, &sheet) {
        Ok(valid) => valid,
        Err(rows) => return render(&page, &sheet, &rows, true),
    };
    match sessions_app::record_attendance(
        &page.state.app,
        user.account(),
        by,
        id,
        meeting_id,
        presences,
    )
    .await?
    {
        Ok(()) => page.success("attendance-saved"),
        Err(NotStarted) => page.error("attendance-not-started"),
    }
    Ok(redirect(&format!("/koordinator/hold/{id}")))
}
