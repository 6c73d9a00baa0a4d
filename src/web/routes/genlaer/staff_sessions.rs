//! Coordinators create and edit GenLær sessions (meetings, place, seats,
//! deadlines, teachers) and export the participants with their workplace
//! and invoice details. Everything else about a session (participants,
//! waiting list, attendance, cancelling, marking held) is on the generic
//! page at `/koordinator/hold/{id}`.

use actix_web::{HttpResponse, web};
use serde::{Deserialize, Serialize};
use tera::Context;

use crate::app::audit::Actor;
use crate::app::genlaer::staff::{self, Editing, Participants, Plan};
use crate::app::sessions::meetings;
use crate::db::branches::Branch;
use crate::db::courses::Course;
use crate::db::enrolments::Participant;
use crate::db::genlaer::EnrolmentDetails;
use crate::db::sessions::MeetingTimes;
use crate::db::users::Account;
use crate::domain::Code;
use crate::domain::genlaer as rules;
use crate::domain::session::capacity;
use crate::domain::time;
use crate::domain::validation::{optional_https_url, optional_text, required_text};
use crate::domain::{FieldErrors, Invalid};
use crate::error::AppError;
use crate::web::csv as excel;
use crate::web::page::redirect;
use crate::web::{CoordinatorUser, Form, FreshCoordinator, Page};

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

    /// Everything but the meetings, each mistake beside its field.
    fn plan(&self, errors: &mut FieldErrors) -> Option<Plan> {
        let title = errors.check("title", required_text(&self.title, 200));
        let location = errors.check("location", required_text(&self.location, 300));
        let online_url = errors.check("online_url", optional_https_url(&self.online_url, 500));
        let capacity = errors.check("capacity", capacity(&self.capacity));
        let teachers = errors.check("teachers", optional_text(&self.teachers, 300));
        let enrol_deadline = errors.check("enrol_deadline", time::deadline(&self.enrol_deadline));
        let cancel_deadline =
            errors.check("cancel_deadline", time::deadline(&self.cancel_deadline));
        Some(Plan {
            title: title?,
            location: location?,
            online_url: online_url?,
            capacity: capacity?,
            teachers: teachers?.unwrap_or_default(),
            enrol_deadline: enrol_deadline?,
            cancel_deadline: cancel_deadline?,
        })
    }

    /// The meetings typed: the first row is required, the others count when
    /// a date is filled in.
    fn meetings(&self, errors: &mut FieldErrors) -> Vec<MeetingTimes> {
        let mut times = Vec::new();
        for (i, (date, start, end)) in self.meeting_rows().into_iter().enumerate() {
            if date.trim().is_empty() && i > 0 {
                continue;
            }
            match planned_meeting(date, start, end) {
                Ok((starts_at, ends_at)) => times.push(MeetingTimes {
                    starts_at,
                    ends_at,
                    location: None,
                    online_url: None,
                }),
                Err(why) => errors.add(["date_1", "date_2", "date_3"][i], why),
            }
        }
        times
    }

    /// A new session: branch, plan and meetings. The branch must be one
    /// the account manages (national: administrators).
    fn parse_new(
        &self,
        account: &Account,
        choices: &[Branch],
    ) -> Result<(Option<i64>, Plan, Vec<MeetingTimes>), FieldErrors> {
        let mut errors = FieldErrors::new();
        let plan = self.plan(&mut errors);
        // One of the branches the form offered (so one that exists), or
        // national for administrators.
        let branch = match self.branch.trim() {
            "" => Some(None),
            v => v
                .parse::<i64>()
                .ok()
                .filter(|id| choices.iter().any(|b| b.id == *id))
                .map(Some),
        }
        .filter(|b| account.manages(*b));
        if branch.is_none() {
            errors.add("branch", Invalid("error-choose"));
        }
        let times = self.meetings(&mut errors);
        if let (Some(plan), Some(first)) = (&plan, times.iter().map(|t| t.starts_at).min()) {
            deadlines_before(plan, first, &mut errors);
        }
        match (branch, plan) {
            (Some(branch), Some(plan)) if errors.is_empty() => Ok((branch, plan, times)),
            _ => Err(errors),
        }
    }
}

/// A meeting of a GenLær session as typed, within sensible dates.
pub(super) fn planned_meeting(
    date: &str,
    start: &str,
    end: &str,
) -> Result<(chrono::NaiveDateTime, chrono::NaiveDateTime), Invalid> {
    let (starts_at, ends_at) = time::meeting(date, start, end)?;
    rules::plausible_meeting(starts_at, crate::db::now())?;
    Ok((starts_at, ends_at))
}

/// The deadlines end before the first meeting; a mistake beside each.
fn deadlines_before(plan: &Plan, first: chrono::NaiveDateTime, errors: &mut FieldErrors) {
    for (field, deadline) in [
        ("enrol_deadline", plan.enrol_deadline),
        ("cancel_deadline", plan.cancel_deadline),
    ] {
        if let Err(why) = rules::deadline_before_start(deadline, first) {
            errors.add(field, why);
        }
    }
}

fn render_new(
    page: &Page,
    user: &CoordinatorUser,
    course: &Course,
    choices: &[Branch],
    form: &SessionForm,
    errors: &FieldErrors,
) -> Result<HttpResponse, AppError> {
    let mut ctx = Context::new();
    ctx.insert("course", course);
    ctx.insert("form", form);
    ctx.insert("errors", errors);
    ctx.insert("branches", choices);
    ctx.insert("national_allowed", &user.account().is_admin());
    ctx.insert("rows", &(1..=MEETING_ROWS).collect::<Vec<_>>());
    if errors.is_empty() {
        page.render("genlaer/staff/session_form.html", ctx)
    } else {
        page.render_invalid("genlaer/staff/session_form.html", ctx)
    }
}

pub async fn new_form(
    user: CoordinatorUser,
    page: Page,
    id: web::Path<i64>,
) -> Result<HttpResponse, AppError> {
    let course = staff::course(&page.state.app, id.into_inner()).await?;
    let form = SessionForm {
        title: course.title.clone(),
        branch: user
            .account()
            .branches
            .first()
            .map(|b| b.to_string())
            .unwrap_or_default(),
        start_1: "09:00".into(),
        end_1: "15:00".into(),
        ..SessionForm::default()
    };
    let choices = staff::branch_choices(&page.state.app, user.account()).await?;
    render_new(&page, &user, &course, &choices, &form, &FieldErrors::new())
}

pub async fn create(
    user: CoordinatorUser,
    by: Actor,
    page: Page,
    id: web::Path<i64>,
    Form(form): Form<SessionForm>,
) -> Result<HttpResponse, AppError> {
    let app = &page.state.app;
    let course = staff::course(app, id.into_inner()).await?;
    let choices = staff::branch_choices(app, user.account()).await?;
    let (branch, plan, times) = match form.parse_new(user.account(), &choices) {
        Ok(valid) => valid,
        Err(errors) => return render_new(&page, &user, &course, &choices, &form, &errors),
    };
    let session_id = staff::create(app, user.account(), by, course.id, branch, plan, times).await?;
    page.success("genlaer-session-created");
    Ok(redirect(&format!("/koordinator/genlaer/hold/{session_id}")))
}

#[derive(Deserialize, Default)]
#[serde(default)]
pub struct MeetingForm {
    date: String,
    start: String,
    end: String,
}

fn render_edit(
    page: &Page,
    e: &Editing,
    form: Option<SessionForm>,
    errors: &FieldErrors,
) -> Result<HttpResponse, AppError> {
    let form = form.unwrap_or_else(|| SessionForm {
        title: e.session.title.clone(),
        location: e.session.location.clone(),
        online_url: e.session.online_url.clone().unwrap_or_default(),
        capacity: e
            .session
            .capacity
            .map(|n| n.to_string())
            .unwrap_or_default(),
        teachers: e.detail.teachers.clone(),
        enrol_deadline: time::deadline_to_form(e.session.enrol_deadline),
        cancel_deadline: time::deadline_to_form(e.session.cancel_deadline),
        ..SessionForm::default()
    });
    let mut ctx = Context::new();
    ctx.insert("session", &e.session);
    ctx.insert("detail", &e.detail);
    ctx.insert("course", &e.course);
    ctx.insert("meetings", &e.meetings);
    ctx.insert("without_invoice_details", &e.without_invoice_details);
    ctx.insert("form", &form);
    ctx.insert("errors", errors);
    page.render_form(errors, "genlaer/staff/session_edit.html", ctx)
}

pub async fn edit(
    user: CoordinatorUser,
    page: Page,
    id: web::Path<i64>,
) -> Result<HttpResponse, AppError> {
    let e = staff::editing(&page.state.app, user.account(), id.into_inner()).await?;
    render_edit(&page, &e, None, &FieldErrors::new())
}

/// Saves place, seats, deadlines and teachers in one transaction. More
/// seats go to the waiting list at once; a new place is announced.
pub async fn update(
    user: CoordinatorUser,
    by: Actor,
    page: Page,
    id: web::Path<i64>,
    Form(form): Form<SessionForm>,
) -> Result<HttpResponse, AppError> {
    let id = id.into_inner();
    let editing = staff::editing(&page.state.app, user.account(), id).await?;
    let mut errors = FieldErrors::new();
    let plan = form.plan(&mut errors);
    if let Some(plan) = &plan {
        deadlines_before(plan, editing.session.starts_at, &mut errors);
    }
    let Some(plan) = plan.filter(|_| errors.is_empty()) else {
        return render_edit(&page, &editing, Some(form), &errors);
    };
    staff::update(&page.state.app, user.account(), by, id, plan).await?;
    page.success("genlaer-session-saved");
    Ok(redirect(&format!("/koordinator/genlaer/hold/{id}")))
}

pub async fn add_meeting(
    user: CoordinatorUser,
    by: Actor,
    page: Page,
    id: web::Path<i64>,
    Form(form): Form<MeetingForm>,
) -> Result<HttpResponse, AppError> {
    let id = id.into_inner();
    let times = match planned_meeting(&form.date, &form.start, &form.end) {
        Ok((starts_at, ends_at)) => MeetingTimes {
            starts_at,
            ends_at,
            location: None,
            online_url: None,
        },
        Err(why) => {
            let mut errors = FieldErrors::new();
            errors.add("date", why);
            let e = staff::editing(&page.state.app, user.account(), id).await?;
            return render_edit(&page, &e, None, &errors);
        }
    };
    // The shared use case of every kind of session (`/koordinator/hold/{id}`).
    match meetings::add_meeting(&page.state.app, user.account(), by, id, times).await? {
        Ok(_) => page.success("genlaer-meeting-added"),
        Err(refused) => page.error(refused.message_key()),
    }
    Ok(redirect(&format!("/koordinator/genlaer/hold/{id}")))
}

/// The export's columns, as message keys.
const CSV_COLUMNS: [&str; 13] = [
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
];

/// One participant's line: what they typed when enrolling (their account's
/// name if nothing), their place and the hours they attended.
fn csv_row(page: &Page, all: &Participants, p: &Participant, status: String) -> Vec<String> {
    let d = all.details.get(&p.enrolment.user_id);
    let text = |f: fn(&EnrolmentDetails) -> Option<String>| d.and_then(f).unwrap_or_default();
    let minutes = all.minutes.get(&p.enrolment.user_id).copied().unwrap_or(0);
    vec![
        d.map_or_else(|| p.name.clone(), |d| d.name.clone()),
        p.email.clone(),
        text(|d| Some(d.workplace.clone())),
        text(|d| Some(d.job_title.clone())),
        text(|d| d.needs.clone()),
        status,
        excel::danish_datetime(p.enrolment.queued_at),
        text(|d| Some(d.invoice_kind.as_str().to_uppercase())),
        text(|d| d.ean.clone()),
        text(|d| d.cvr.clone()),
        text(|d| d.invoice_address.clone()),
        text(|d| d.reference.clone()),
        crate::i18n::format::hours(page.lang, minutes),
    ]
}

/// Participants and waiting list with workplace, job title, needs and
/// invoice details, for Danish Excel.
pub async fn csv(
    user: FreshCoordinator,
    by: Actor,
    page: Page,
    id: web::Path<i64>,
) -> Result<HttpResponse, AppError> {
    let id = id.into_inner();
    let all = staff::participants(&page.state.app, user.account(), by, id).await?;
    let header: Vec<String> = CSV_COLUMNS.iter().map(|k| page.t(k)).collect();
    let header: Vec<&str> = header.iter().map(String::as_str).collect();
    let seated = all
        .seated
        .iter()
        .map(|p| csv_row(&page, &all, p, page.t("csv-status-confirmed")));
    let waiting = all.waiting.iter().map(|p| {
        let place = p.position.unwrap_or_default();
        let status = format!("{} {place}", page.t("csv-status-waitlisted"));
        csv_row(&page, &all, p, status)
    });
    // A late cancellation whose seat nobody took is paid for: it stays on
    // the file that invoicing reads.
    let late = all
        .late_billed
        .iter()
        .map(|p| csv_row(&page, &all, p, page.t("csv-status-late-cancelled")));
    let rows: Vec<Vec<String>> = seated.chain(late).chain(waiting).collect();
    let body = excel::build(&header, &rows)?;
    Ok(excel::download(
        &format!("genlaer-deltagere-{id}.csv"),
        body,
    ))
}
