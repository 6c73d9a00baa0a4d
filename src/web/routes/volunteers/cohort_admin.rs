//! Coordinators' pages for their branch's cohorts: the list, creating a
//! cohort with its meetings and the modules each teaches, one cohort's
//! overview (participants' hours, make-ups, links to the generic attendance
//! page per meeting) and its graduation evening.

use actix_web::{HttpResponse, web};
use chrono::NaiveDateTime;
use serde::{Deserialize, Serialize};
use tera::Context;

use crate::app::audit::Actor;
use crate::app::volunteers::cohorts::{self, NewCohortPlan};
use crate::db::sessions::MeetingTimes;
use crate::domain::curriculum::Curriculum;
use crate::domain::session as session_rules;
use crate::domain::validation::{optional_text, required_text};
use crate::domain::{FieldErrors, Invalid, time};
use crate::error::AppError;
use crate::web::page::redirect;
use crate::web::{CoordinatorUser, Form, Page};

/// Blank meeting rows on the form: a cohort of the 20-hour course rarely
/// has more (no JavaScript adds rows).
pub const ROWS: usize = 8;

#[derive(Serialize, Default, Clone)]
struct RowForm {
    date: String,
    start: String,
    end: String,
    modules: Vec<String>,
    error: Option<&'static str>,
}

impl RowForm {
    fn is_blank(&self) -> bool {
        self.date.trim().is_empty()
            && self.start.trim().is_empty()
            && self.end.trim().is_empty()
            && self.modules.is_empty()
    }

    /// The meeting this row plans, or why it cannot.
    fn parse(&self, curriculum: &Curriculum) -> Result<(MeetingTimes, Vec<String>), Invalid> {
        let (starts_at, ends_at) = time::meeting(&self.date, &self.start, &self.end)?;
        if self.modules.is_empty() || self.modules.iter().any(|m| curriculum.module(m).is_none()) {
            return Err(Invalid("error-cohort-modules"));
        }
        let times = MeetingTimes {
            starts_at,
            ends_at,
            location: None,
            online_url: None,
        };
        Ok((times, self.modules.clone()))
    }
}

#[derive(Serialize, Default)]
struct CohortForm {
    title: String,
    location: String,
    capacity: String,
    rows: Vec<RowForm>,
}

fn field<'a>(fields: &'a [(String, String)], name: &str) -> &'a str {
    fields
        .iter()
        .find(|(k, _)| k == name)
        .map(|(_, v)| v.as_str())
        .unwrap_or("")
}

impl CohortForm {
    fn blank() -> CohortForm {
        CohortForm {
            rows: vec![RowForm::default(); ROWS],
            ..CohortForm::default()
        }
    }

    /// The form as typed: `date-1`, `start-1`, `end-1` and the checked
    /// `modules-1` for each row.
    fn read(fields: &[(String, String)]) -> CohortForm {
        let rows = (1..=ROWS)
            .map(|i| RowForm {
                date: field(fields, &format!("date-{i}")).to_string(),
                start: field(fields, &format!("start-{i}")).to_string(),
                end: field(fields, &format!("end-{i}")).to_string(),
                modules: fields
                    .iter()
                    .filter(|(k, _)| *k == format!("modules-{i}"))
                    .map(|(_, v)| v.clone())
                    .collect(),
                error: None,
            })
            .collect();
        CohortForm {
            title: field(fields, "title").to_string(),
            location: field(fields, "location").to_string(),
            capacity: field(fields, "capacity").to_string(),
            rows,
        }
    }

    /// The form as a new cohort. A row's mistake is marked on the row,
    /// where the page shows it.
    fn parse(&mut self, curriculum: &Curriculum) -> Result<NewCohortPlan, FieldErrors> {
        let mut errors = FieldErrors::new();
        let title = errors.check("title", required_text(&self.title, 200));
        let location = errors.check("location", required_text(&self.location, 300));
        let capacity = errors.check("capacity", session_rules::capacity(&self.capacity));
        let mut meetings = Vec::new();
        for row in self.rows.iter_mut().filter(|r| !r.is_blank()) {
            match row.parse(curriculum) {
                Ok(meeting) => meetings.push(meeting),
                Err(e) => row.error = Some(e.0),
            }
        }
        if self.rows.iter().any(|r| r.error.is_some()) {
            errors.add("meetings", Invalid("error-cohort-rows"));
        } else if meetings.is_empty() {
            errors.add("meetings", Invalid("error-cohort-no-meetings"));
        }
        match (title, location, capacity) {
            (Some(title), Some(location), Some(capacity)) if errors.is_empty() => {
                Ok(NewCohortPlan {
                    title,
                    location,
                    capacity,
                    meetings,
                })
            }
            _ => Err(errors),
        }
    }
}

async fn render_list(
    page: &Page,
    user: &CoordinatorUser,
    branch_id: i64,
    form: &CohortForm,
    errors: &FieldErrors,
) -> Result<HttpResponse, AppError> {
    let view = cohorts::of_branch(&page.state.app, user.account(), branch_id).await?;
    let mut ctx = Context::from_serialize(&view)?;
    ctx.insert("form", form);
    ctx.insert("errors", errors);
    if errors.is_empty() {
        page.render("volunteers/cohorts.html", ctx)
    } else {
        page.render_invalid("volunteers/cohorts.html", ctx)
    }
}

pub async fn list(
    user: CoordinatorUser,
    page: Page,
    path: web::Path<i64>,
) -> Result<HttpResponse, AppError> {
    let form = CohortForm::blank();
    render_list(&page, &user, path.into_inner(), &form, &FieldErrors::new()).await
}

pub async fn create(
    user: CoordinatorUser,
    by: Actor,
    page: Page,
    path: web::Path<i64>,
    Form(fields): Form<Vec<(String, String)>>,
) -> Result<HttpResponse, AppError> {
    let branch_id = path.into_inner();
    let mut form = CohortForm::read(&fields);
    let curriculum = crate::app::site_content::current_curriculum(&page.state.app).await?;
    let plan = match form.parse(&curriculum) {
        Ok(valid) => valid,
        Err(errors) => return render_list(&page, &user, branch_id, &form, &errors).await,
    };
    let id = cohorts::create(&page.state.app, user.account(), by, branch_id, plan).await?;
    page.success("cohort-created");
    Ok(redirect(&format!("/koordinator/forberedelse/{id}")))
}

pub async fn show(
    user: CoordinatorUser,
    page: Page,
    path: web::Path<i64>,
) -> Result<HttpResponse, AppError> {
    let form = GraduationForm::default();
    render_show(&page, &user, path.into_inner(), &form, &FieldErrors::new()).await
}

async fn render_show(
    page: &Page,
    user: &CoordinatorUser,
    id: i64,
    form: &GraduationForm,
    errors: &FieldErrors,
) -> Result<HttpResponse, AppError> {
    let view = cohorts::overview(&page.state.app, user.account(), id).await?;
    let mut ctx = Context::from_serialize(&view)?;
    ctx.insert("form", form);
    ctx.insert("errors", errors);
    if errors.is_empty() {
        page.render("volunteers/cohort_manage.html", ctx)
    } else {
        page.render_invalid("volunteers/cohort_manage.html", ctx)
    }
}

#[derive(Deserialize, Serialize, Default)]
#[serde(default)]
pub struct GraduationForm {
    date: String,
    time: String,
    location: String,
}

impl GraduationForm {
    /// When (UTC) and where.
    fn parse(&self) -> Result<(NaiveDateTime, Option<String>), FieldErrors> {
        let mut errors = FieldErrors::new();
        let day = errors.check("date", time::date(&self.date));
        let clock = errors.check("time", time::clock(&self.time));
        let at = match (day, clock) {
            (Some(d), Some(t)) => errors.check("time", time::local_to_utc(d, t)),
            _ => None,
        };
        let location = errors.check("location", optional_text(&self.location, 300));
        at.zip(location).ok_or(errors)
    }
}

/// Marks the cohort's end with a graduation evening. The page lists who
/// became active in the cohort.
pub async fn graduation(
    user: CoordinatorUser,
    by: Actor,
    page: Page,
    path: web::Path<i64>,
    Form(form): Form<GraduationForm>,
) -> Result<HttpResponse, AppError> {
    let id = path.into_inner();
    let (at, location) = match form.parse() {
        Ok(valid) => valid,
        Err(errors) => return render_show(&page, &user, id, &form, &errors).await,
    };
    cohorts::set_graduation(&page.state.app, user.account(), by, id, at, location).await?;
    page.success("cohort-graduation-saved");
    Ok(redirect(&format!("/koordinator/forberedelse/{id}")))
}
