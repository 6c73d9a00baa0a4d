//! Coordinators create and edit GenLær sessions (meetings, place, seats,
//! deadlines, teachers) and export the participants with their workplace
//! and invoice details. Everything else about a session (participants,
//! waiting list, attendance, cancelling, marking held) is on the generic
//! page at `/koordinator/hold/{id}`.

use std::collections::HashMap;

use actix_web::{HttpResponse, web};
use chrono::NaiveDateTime;
use diesel::Connection;
use serde::{Deserialize, Serialize};
use tera::Context;

use crate::db::branches::{self, Branch};
use crate::db::courses::{self, Course};
use crate::db::sessions::{self, MeetingTimes, SessionChanges};
use crate::db::{DbConnection, attendance, enrolments, genlaer, users::Account};
use crate::domain::session::capacity;
use crate::domain::time::{self, local_to_utc};
use crate::domain::validation::{optional_text, required_text};
use crate::domain::{FieldErrors, Invalid};
use crate::error::AppError;
use crate::web::csv as excel;
use crate::web::page::redirect;
use crate::web::routes::sessions::managed;
use crate::web::{CoordinatorUser, Form, Page};

/// Meetings a new session's form offers; more can be added afterwards.
const MEETING_ROWS: usize = 3;

#[derive(Debug, Deserialize, Serialize, Default, Clone)]
#[serde(default)]
pub struct SessionForm {
    branch: String,
    title: String,
    location: String,
    online_url: String,
    capacity: String,
    teachers: String,
    enrol_deadline: String,
    cancel_deadline: String,
    date_1: String,
    start_1: String,
    end_1: String,
    date_2: String,
    start_2: String,
    end_2: String,
    date_3: String,
    start_3: String,
    end_3: String,
}

impl SessionForm {
    fn meeting_rows(&self) -> [(&str, &str, &str); MEETING_ROWS] {
        [
            (&self.date_1, &self.start_1, &self.end_1),
            (&self.date_2, &self.start_2, &self.end_2),
            (&self.date_3, &self.start_3, &self.end_3),
        ]
    }
}

/// A deadline typed as a date: the end of that day in Copenhagen.
fn deadline(input: &str) -> Result<Option<NaiveDateTime>, Invalid> {
    if input.trim().is_empty() {
        return Ok(None);
    }
    let day = time::date(input)?;
    let end = chrono::NaiveTime::from_hms_opt(23, 59, 0).unwrap_or_default();
    local_to_utc(day, end).map(Some)
}

fn deadline_form(at: Option<NaiveDateTime>) -> String {
    at.map(|t| time::to_form(t).0).unwrap_or_default()
}

struct Details {
    title: String,
    location: String,
    online_url: Option<String>,
    capacity: Option<i32>,
    teachers: String,
    enrol_deadline: Option<NaiveDateTime>,
    cancel_deadline: Option<NaiveDateTime>,
}

fn validate_details(form: &SessionForm, errors: &mut FieldErrors) -> Option<Details> {
    let title = errors.check("title", required_text(&form.title, 200));
    let location = errors.check("location", required_text(&form.location, 300));
    let online_url = errors.check("online_url", optional_text(&form.online_url, 500));
    if online_url
        .as_ref()
        .and_then(Option::as_ref)
        .is_some_and(|u| !u.starts_with("https://"))
    {
        errors.add("online_url", Invalid("error-url"));
    }
    let capacity = errors.check("capacity", capacity(&form.capacity));
    let teachers = errors.check("teachers", optional_text(&form.teachers, 300));
    let enrol_deadline = errors.check("enrol_deadline", deadline(&form.enrol_deadline));
    let cancel_deadline = errors.check("cancel_deadline", deadline(&form.cancel_deadline));
    Some(Details {
        title: title?,
        location: location?,
        online_url: online_url?,
        capacity: capacity?,
        teachers: teachers?.unwrap_or_default(),
        enrol_deadline: enrol_deadline?,
        cancel_deadline: cancel_deadline?,
    })
}

/// The branches this account may put a session in; `None` in the list
/// stands for national (administrators only).
fn branch_choices(conn: &mut DbConnection, account: &Account) -> Result<Vec<Branch>, AppError> {
    if account.is_admin() {
        Ok(branches::all(conn)?.into_iter().map(|b| b.branch).collect())
    } else {
        Ok(branches::by_ids(conn, &account.branches)?)
    }
}

async fn render_new(
    page: &Page,
    account: Account,
    course: &Course,
    form: &SessionForm,
    errors: &FieldErrors,
    invalid: bool,
) -> Result<HttpResponse, AppError> {
    let is_admin = account.is_admin();
    let choices = page.db().run(move |c| branch_choices(c, &account)).await?;
    let mut ctx = Context::new();
    ctx.insert("course", course);
    ctx.insert("form", form);
    ctx.insert("errors", errors);
    ctx.insert("branches", &choices);
    ctx.insert("national_allowed", &is_admin);
    ctx.insert("rows", &(1..=MEETING_ROWS).collect::<Vec<_>>());
    if invalid {
        page.render_invalid("genlaer/staff/session_form.html", ctx)
    } else {
        page.render("genlaer/staff/session_form.html", ctx)
    }
}

async fn course(page: &Page, id: i64) -> Result<Course, AppError> {
    page.db().run(move |c| Ok(courses::find(c, id)?)).await
}

pub async fn new_form(
    user: CoordinatorUser,
    page: Page,
    id: web::Path<i64>,
) -> Result<HttpResponse, AppError> {
    let course = course(&page, id.into_inner()).await?;
    let account = (**user.account()).clone();
    let form = SessionForm {
        title: course.title.clone(),
        branch: account
            .branches
            .first()
            .map(|b| b.to_string())
            .unwrap_or_default(),
        start_1: "09:00".into(),
        end_1: "15:00".into(),
        ..SessionForm::default()
    };
    render_new(&page, account, &course, &form, &FieldErrors::new(), false).await
}

pub async fn create(
    user: CoordinatorUser,
    page: Page,
    id: web::Path<i64>,
    Form(form): Form<SessionForm>,
) -> Result<HttpResponse, AppError> {
    let course = course(&page, id.into_inner()).await?;
    let account = (**user.account()).clone();
    let mut errors = FieldErrors::new();
    let details = validate_details(&form, &mut errors);
    let branch = match form.branch.trim() {
        "" if account.is_admin() => Some(None),
        v => v
            .parse::<i64>()
            .ok()
            .filter(|b| account.coordinates(*b))
            .map(Some),
    };
    if branch.is_none() {
        errors.add("branch", Invalid("error-choose"));
    }
    let mut times = Vec::new();
    for (i, (date, start, end)) in form.meeting_rows().into_iter().enumerate() {
        if date.trim().is_empty() && i > 0 {
            continue;
        }
        match time::meeting(date, start, end) {
            Ok((starts_at, ends_at)) => times.push(MeetingTimes {
                starts_at,
                ends_at,
                location: None,
            }),
            Err(why) => errors.add(["date_1", "date_2", "date_3"][i], why),
        }
    }
    let (Some(d), Some(branch_id), true) = (details, branch, errors.is_empty()) else {
        return render_new(&page, account, &course, &form, &errors, true).await;
    };
    let course_id = course.id;
    let session_id = page
        .db()
        .transaction(move |c| {
            let new = genlaer::new_session(
                branch_id,
                &d.title,
                &d.location,
                d.online_url.as_deref(),
                d.capacity,
                d.enrol_deadline,
                d.cancel_deadline,
            );
            Ok(genlaer::create(
                c,
                &new,
                &times,
                course_id,
                &d.teachers,
                None,
            )?)
        })
        .await?;
    page.flash("success", "genlaer-session-created");
    Ok(redirect(&format!("/koordinator/genlaer/hold/{session_id}")))
}

#[derive(Deserialize, Default)]
#[serde(default)]
pub struct MeetingForm {
    date: String,
    start: String,
    end: String,
}

async fn render_edit(
    page: &Page,
    account: Account,
    id: i64,
    form: Option<SessionForm>,
    errors: &FieldErrors,
) -> Result<HttpResponse, AppError> {
    let (session, detail, course, meetings) = page
        .db()
        .run(move |c| {
            managed(c, &account, id)?;
            let (session, detail) = genlaer::find(c, id)?;
            let course = courses::find(c, detail.course_id)?;
            Ok((session, detail, course, sessions::meetings(c, id)?))
        })
        .await?;
    let form = form.unwrap_or_else(|| SessionForm {
        title: session.title.clone(),
        location: session.location.clone(),
        online_url: session.online_url.clone().unwrap_or_default(),
        capacity: session.capacity.map(|n| n.to_string()).unwrap_or_default(),
        teachers: detail.teachers.clone(),
        enrol_deadline: deadline_form(session.enrol_deadline),
        cancel_deadline: deadline_form(session.cancel_deadline),
        ..SessionForm::default()
    });
    let mut ctx = Context::new();
    ctx.insert("session", &session);
    ctx.insert("detail", &detail);
    ctx.insert("course", &course);
    ctx.insert("meetings", &meetings);
    ctx.insert("form", &form);
    ctx.insert("errors", errors);
    let status = if errors.is_empty() {
        actix_web::http::StatusCode::OK
    } else {
        actix_web::http::StatusCode::UNPROCESSABLE_ENTITY
    };
    page.render_status(status, "genlaer/staff/session_edit.html", ctx)
}

pub async fn edit(
    user: CoordinatorUser,
    page: Page,
    id: web::Path<i64>,
) -> Result<HttpResponse, AppError> {
    render_edit(
        &page,
        (**user.account()).clone(),
        id.into_inner(),
        None,
        &FieldErrors::new(),
    )
    .await
}

/// Saves place, seats, deadlines and teachers in one transaction. More
/// seats go to the waiting list at once; a new place is announced.
pub async fn update(
    user: CoordinatorUser,
    page: Page,
    id: web::Path<i64>,
    Form(form): Form<SessionForm>,
) -> Result<HttpResponse, AppError> {
    let id = id.into_inner();
    let account = (**user.account()).clone();
    let mut errors = FieldErrors::new();
    let Some(d) = validate_details(&form, &mut errors).filter(|_| errors.is_empty()) else {
        return render_edit(&page, account, id, Some(form), &errors).await;
    };
    let base = page.state.settings.base_url().to_string();
    let acc = account.clone();
    page.db()
        .run(move |c| {
            managed(c, &acc, id)?;
            genlaer::find(c, id)?;
            c.transaction(|c| {
                sessions::update(
                    c,
                    id,
                    &SessionChanges {
                        title: &d.title,
                        location: &d.location,
                        online_url: d.online_url.as_deref(),
                        capacity: d.capacity,
                        enrol_deadline: d.enrol_deadline,
                        cancel_deadline: d.cancel_deadline,
                    },
                    &base,
                )?;
                genlaer::set_teachers(c, id, &d.teachers)
            })?;
            Ok(())
        })
        .await?;
    page.flash("success", "genlaer-session-saved");
    Ok(redirect(&format!("/koordinator/genlaer/hold/{id}")))
}

pub async fn add_meeting(
    user: CoordinatorUser,
    page: Page,
    id: web::Path<i64>,
    Form(form): Form<MeetingForm>,
) -> Result<HttpResponse, AppError> {
    let id = id.into_inner();
    let account = (**user.account()).clone();
    let times = match time::meeting(&form.date, &form.start, &form.end) {
        Ok((starts_at, ends_at)) => MeetingTimes {
            starts_at,
            ends_at,
            location: None,
        },
        Err(why) => {
            let mut errors = FieldErrors::new();
            errors.add("date", why);
            return render_edit(&page, account, id, None, &errors).await;
        }
    };
    let base = page.state.settings.base_url().to_string();
    page.db()
        .run(move |c| {
            managed(c, &account, id)?;
            genlaer::find(c, id)?;
            c.transaction(|c| sessions::add_meeting(c, id, &times, &base))?;
            Ok(())
        })
        .await?;
    page.flash("success", "genlaer-meeting-added");
    Ok(redirect(&format!("/koordinator/genlaer/hold/{id}")))
}

/// Participants and waiting list with workplace, job title, needs and
/// invoice details, for Danish Excel.
pub async fn csv(
    user: CoordinatorUser,
    page: Page,
    id: web::Path<i64>,
) -> Result<HttpResponse, AppError> {
    let id = id.into_inner();
    let account = (**user.account()).clone();
    let (seated, waiting, details, minutes) = page
        .db()
        .run(move |c| {
            managed(c, &account, id)?;
            genlaer::find(c, id)?;
            let (seated, waiting) = enrolments::participants(c, id)?;
            let details: HashMap<i64, genlaer::EnrolmentDetails> =
                genlaer::details_of_session(c, id)?.into_iter().collect();
            let mut minutes: HashMap<i64, i32> = HashMap::new();
            for a in attendance::for_session(c, id)? {
                *minutes.entry(a.user_id).or_insert(0) += a.minutes;
            }
            Ok((seated, waiting, details, minutes))
        })
        .await?;
    let t = |k: &str| page.t(k);
    let header: Vec<String> = [
        "csv-name",
        "csv-email",
        "genlaer-csv-workplace",
        "genlaer-csv-job-title",
        "genlaer-csv-needs",
        "csv-status",
        "csv-enrolled-at",
        "genlaer-csv-invoice",
        "genlaer-csv-ean",
        "genlaer-csv-cvr",
        "genlaer-csv-invoice-address",
        "genlaer-csv-reference",
        "csv-hours-attended",
    ]
    .iter()
    .map(|k| t(k))
    .collect();
    let header: Vec<&str> = header.iter().map(String::as_str).collect();
    let rows: Vec<Vec<String>> = seated
        .iter()
        .map(|p| (p, t("csv-status-confirmed")))
        .chain(waiting.iter().map(|p| {
            (
                p,
                format!(
                    "{} {}",
                    t("csv-status-waitlisted"),
                    p.position.unwrap_or_default()
                ),
            )
        }))
        .map(|(p, status)| {
            let d = details.get(&p.enrolment.user_id);
            let text = |f: fn(&genlaer::EnrolmentDetails) -> Option<String>| {
                d.and_then(f).unwrap_or_default()
            };
            vec![
                d.map_or_else(|| p.name.clone(), |d| d.name.clone()),
                p.email.clone(),
                text(|d| Some(d.workplace.clone())),
                text(|d| Some(d.job_title.clone())),
                text(|d| d.needs.clone()),
                status,
                excel::danish_datetime(p.enrolment.queued_at),
                text(|d| Some(d.invoice_kind.to_uppercase())),
                text(|d| d.ean.clone()),
                text(|d| d.cvr.clone()),
                text(|d| d.invoice_address.clone()),
                text(|d| d.reference.clone()),
                crate::i18n::format::hours(
                    page.lang,
                    minutes.get(&p.enrolment.user_id).copied().unwrap_or(0),
                ),
            ]
        })
        .collect();
    let body = excel::build(&header, &rows)?;
    Ok(excel::download(
        &format!("genlaer-deltagere-{id}.csv"),
        body,
    ))
}
