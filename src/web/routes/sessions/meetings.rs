//! Changing what is planned, on the common page of any session: moving a
//! meeting (with a preview of who will be told), removing one after a
//! confirmation page, adding one, and writing to the participants. Each
//! handler parses, calls one use case of `app::sessions::meetings` and
//! says how it went.

use actix_web::{HttpResponse, web};
use serde::{Deserialize, Serialize};
use tera::Context;

use crate::app::audit::Actor;
use crate::app::sessions::manage;
use crate::app::sessions::meetings::{self, Letter, MeetingPage};
use crate::db::sessions::MeetingTimes;
use crate::domain::genlaer as rules;
use crate::domain::time;
use crate::domain::validation::{optional_https_url, optional_text, required_text, single_line};
use crate::domain::{FieldErrors, Invalid};
use crate::error::AppError;
use crate::web::page::redirect;
use crate::web::{CoordinatorUser, Form, Page};

fn path(id: i64) -> String {
    format!("/koordinator/hold/{id}")
}

/// A meeting as typed: a Copenhagen date, start and end, a place and an
/// online link (each empty: the session's own).
#[derive(Deserialize, Serialize, Default, Clone)]
#[serde(default)]
pub struct MeetingForm {
    pub date: String,
    pub start: String,
    pub end: String,
    pub location: String,
    pub online_url: String,
}

impl MeetingForm {
    fn of(m: &crate::db::sessions::Meeting) -> MeetingForm {
        let (date, start) = time::to_form(m.starts_at);
        let (_, end) = time::to_form(m.ends_at);
        MeetingForm {
            date,
            start,
            end,
            location: m.location.clone().unwrap_or_default(),
            online_url: m.online_url.clone().unwrap_or_default(),
        }
    }

    /// The meeting in UTC, or the mistakes beside their fields.
    pub fn times(&self, errors: &mut FieldErrors) -> Option<MeetingTimes> {
        let when = errors.check("date", planned(&self.date, &self.start, &self.end));
        let location = errors.check(
            "location",
            optional_text(&self.location, 300).and_then(|l| {
                if let Some(l) = &l {
                    single_line(l)?;
                }
                Ok(l)
            }),
        );
        let online_url = errors.check("online_url", optional_https_url(&self.online_url, 500));
        let ((starts_at, ends_at), location, online_url) = (when?, location?, online_url?);
        Some(MeetingTimes {
            starts_at,
            ends_at,
            location,
            online_url,
        })
    }
}

/// A meeting's time typed in Copenhagen, as UTC; within a plausible range.
pub fn planned(
    date: &str,
    start: &str,
    end: &str,
) -> Result<(chrono::NaiveDateTime, chrono::NaiveDateTime), Invalid> {
    let (starts_at, ends_at) = time::meeting(date, start, end)?;
    rules::plausible_meeting(starts_at, crate::db::now())?;
    Ok((starts_at, ends_at))
}

fn render_meeting(
    page: &Page,
    p: &MeetingPage,
    form: &MeetingForm,
    errors: &FieldErrors,
) -> Result<HttpResponse, AppError> {
    let mut ctx = Context::new();
    ctx.insert("p", p);
    ctx.insert("form", form);
    ctx.insert("errors", errors);
    page.render_form(errors, "sessions/meeting.html", ctx)
}

/// The form to move a meeting, with who will be told.
pub async fn show(
    user: CoordinatorUser,
    page: Page,
    p: web::Path<(i64, i64)>,
) -> Result<HttpResponse, AppError> {
    let (id, meeting_id) = p.into_inner();
    let p = meetings::meeting_page(&page.state.app, user.account(), id, meeting_id).await?;
    let form = MeetingForm::of(&p.meeting);
    render_meeting(&page, &p, &form, &FieldErrors::new())
}

/// Saves the move; everyone concerned gets one updated invitation.
pub async fn save(
    user: CoordinatorUser,
    by: Actor,
    page: Page,
    p: web::Path<(i64, i64)>,
    Form(form): Form<MeetingForm>,
) -> Result<HttpResponse, AppError> {
    let (id, meeting_id) = p.into_inner();
    let mut errors = FieldErrors::new();
    let Some(times) = form.times(&mut errors) else {
        let p = meetings::meeting_page(&page.state.app, user.account(), id, meeting_id).await?;
        return render_meeting(&page, &p, &form, &errors);
    };
    let result =
        meetings::move_meeting(&page.state.app, user.account(), by, id, meeting_id, times).await?;
    match result {
        Ok(Some(_)) => page.success("meetings-moved"),
        Ok(None) => page.info("meetings-unchanged"),
        Err(refused) => page.error(refused.message_key()),
    }
    Ok(redirect(&path(id)))
}

/// The confirmation page before a meeting is removed.
pub async fn confirm_remove(
    user: CoordinatorUser,
    page: Page,
    p: web::Path<(i64, i64)>,
) -> Result<HttpResponse, AppError> {
    let (id, meeting_id) = p.into_inner();
    let p = meetings::meeting_page(&page.state.app, user.account(), id, meeting_id).await?;
    let mut ctx = Context::new();
    ctx.insert("p", &p);
    page.render("sessions/meeting_remove.html", ctx)
}

/// Removes the meeting; a cohort's modules it taught are named as needing a
/// new date.
pub async fn remove(
    user: CoordinatorUser,
    by: Actor,
    page: Page,
    p: web::Path<(i64, i64)>,
) -> Result<HttpResponse, AppError> {
    let (id, meeting_id) = p.into_inner();
    let result =
        meetings::remove_meeting(&page.state.app, user.account(), by, id, meeting_id).await?;
    match result {
        Ok(removed) if removed.modules.is_empty() => page.success("meetings-removed"),
        Ok(_) => {
            page.success("meetings-removed");
            page.info("meetings-removed-modules");
        }
        Err(refused) => page.error(refused.message_key()),
    }
    Ok(redirect(&path(id)))
}

/// Adds a meeting; mistakes re-render the session's page with the input.
pub async fn add(
    user: CoordinatorUser,
    by: Actor,
    page: Page,
    p: web::Path<i64>,
    Form(form): Form<MeetingForm>,
) -> Result<HttpResponse, AppError> {
    let id = p.into_inner();
    let mut errors = FieldErrors::new();
    let Some(times) = form.times(&mut errors) else {
        let overview = manage::overview(&page.state.app, user.account(), id).await?;
        let mut ctx = Context::new();
        ctx.insert("o", &overview);
        ctx.insert("add", &form);
        ctx.insert("errors", &errors);
        return page.render_form(&errors, "sessions/manage.html", ctx);
    };
    match meetings::add_meeting(&page.state.app, user.account(), by, id, times).await? {
        Ok(_) => page.success("meetings-added"),
        Err(refused) => page.error(refused.message_key()),
    }
    Ok(redirect(&path(id)))
}

#[derive(Deserialize, Serialize, Default, Clone)]
#[serde(default)]
pub struct LetterForm {
    subject: String,
    body: String,
    waiting_list: Option<String>,
}

impl LetterForm {
    fn letter(&self, errors: &mut FieldErrors) -> Option<Letter> {
        let subject = errors.check(
            "subject",
            required_text(&self.subject, 200).and_then(|s| single_line(&s).map(|()| s)),
        );
        let body = errors.check("body", required_text(&self.body, 10_000));
        Some(Letter {
            subject: subject?,
            body: body?,
            waiting_list: self.waiting_list.is_some(),
        })
    }
}

fn render_letter(
    page: &Page,
    letters: &meetings::Letters,
    form: &LetterForm,
    errors: &FieldErrors,
) -> Result<HttpResponse, AppError> {
    let mut ctx = Context::new();
    ctx.insert("l", letters);
    ctx.insert("form", form);
    ctx.insert("errors", errors);
    page.render_form(errors, "sessions/write.html", ctx)
}

/// "Skriv til deltagerne": the form, with how many it reaches.
pub async fn compose(
    user: CoordinatorUser,
    page: Page,
    p: web::Path<i64>,
) -> Result<HttpResponse, AppError> {
    let letters = meetings::letters(&page.state.app, user.account(), p.into_inner()).await?;
    render_letter(&page, &letters, &LetterForm::default(), &FieldErrors::new())
}

pub async fn send(
    user: CoordinatorUser,
    by: Actor,
    page: Page,
    p: web::Path<i64>,
    Form(form): Form<LetterForm>,
) -> Result<HttpResponse, AppError> {
    let id = p.into_inner();
    let mut errors = FieldErrors::new();
    let Some(letter) = form.letter(&mut errors) else {
        let letters = meetings::letters(&page.state.app, user.account(), id).await?;
        return render_letter(&page, &letters, &form, &errors);
    };
    meetings::write(&page.state.app, user.account(), by, id, letter).await?;
    page.success("meetings-message-sent");
    Ok(redirect(&path(id)))
}
