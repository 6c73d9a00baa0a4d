//! Coordinators' pages for their branch's cohorts: the list, creating a
//! cohort with its meetings and the modules each teaches, one cohort's
//! overview (participants' hours, make-ups, links to the generic attendance
//! page per meeting) and its graduation evening.

use std::collections::HashMap;

use actix_web::{HttpResponse, web};
use serde::{Deserialize, Serialize};
use tera::Context;

use crate::content::preparation::{self, Material};
use crate::db::cohorts::{self, NewCohort};
use crate::db::sessions::{MeetingTimes, Session};
use crate::db::{branches, enrolments, gate, volunteer_history};
use crate::domain::session::{self as session_rules, SessionKind};
use crate::domain::validation::{optional_text, required_text};
use crate::domain::{FieldErrors, Invalid, time};
use crate::error::AppError;
use crate::i18n::format;
use crate::web::page::redirect;
use crate::web::routes::sessions::managed;
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

fn module_choices(material: &Material) -> Vec<(String, String)> {
    material
        .curriculum
        .modules()
        .iter()
        .map(|m| (m.id.clone(), format!("{}. {}", m.order, m.title)))
        .collect()
}

async fn render_list(
    page: &Page,
    branch_id: i64,
    form: &CohortForm,
    errors: &FieldErrors,
    invalid: bool,
) -> Result<HttpResponse, AppError> {
    let (branch, list) = page
        .db()
        .run(move |c| {
            Ok((
                branches::find(c, branch_id)?,
                cohorts::in_branch(c, branch_id)?,
            ))
        })
        .await?;
    let mut ctx = Context::new();
    ctx.insert("branch", &branch);
    ctx.insert("cohorts", &list);
    ctx.insert("form", form);
    ctx.insert("errors", errors);
    ctx.insert("modules", &module_choices(preparation::material()?));
    if invalid {
        page.render_invalid("volunteers/cohorts.html", ctx)
    } else {
        page.render("volunteers/cohorts.html", ctx)
    }
}

pub async fn list(
    user: CoordinatorUser,
    page: Page,
    path: web::Path<i64>,
) -> Result<HttpResponse, AppError> {
    let branch_id = path.into_inner();
    if !user.coordinates(branch_id) {
        return Err(AppError::Forbidden);
    }
    let form = CohortForm {
        rows: vec![RowForm::default(); ROWS],
        ..CohortForm::default()
    };
    render_list(&page, branch_id, &form, &FieldErrors::new(), false).await
}

pub async fn create(
    user: CoordinatorUser,
    page: Page,
    path: web::Path<i64>,
    Form(fields): Form<Vec<(String, String)>>,
) -> Result<HttpResponse, AppError> {
    let branch_id = path.into_inner();
    if !user.coordinates(branch_id) {
        return Err(AppError::Forbidden);
    }
    let material = preparation::material()?;
    let mut form = CohortForm {
        title: field(&fields, "title").to_string(),
        location: field(&fields, "location").to_string(),
        capacity: field(&fields, "capacity").to_string(),
        rows: Vec::with_capacity(ROWS),
    };
    let mut errors = FieldErrors::new();
    let title = errors.check("title", required_text(&form.title, 200));
    let location = errors.check("location", required_text(&form.location, 300));
    let capacity = errors.check("capacity", session_rules::capacity(&form.capacity));
    let mut plan: Vec<(MeetingTimes, Vec<String>)> = Vec::new();
    for i in 1..=ROWS {
        let mut row = RowForm {
            date: field(&fields, &format!("date-{i}")).to_string(),
            start: field(&fields, &format!("start-{i}")).to_string(),
            end: field(&fields, &format!("end-{i}")).to_string(),
            modules: fields
                .iter()
                .filter(|(k, _)| *k == format!("modules-{i}"))
                .map(|(_, v)| v.clone())
                .collect(),
            error: None,
        };
        let blank = row.date.trim().is_empty()
            && row.start.trim().is_empty()
            && row.end.trim().is_empty()
            && row.modules.is_empty();
        if !blank {
            match time::meeting(&row.date, &row.start, &row.end) {
                Err(e) => row.error = Some(e.0),
                Ok(_) if row.modules.is_empty() => row.error = Some("error-cohort-modules"),
                Ok(_)
                    if row
                        .modules
                        .iter()
                        .any(|m| material.curriculum.module(m).is_none()) =>
                {
                    row.error = Some("error-cohort-modules")
                }
                Ok((starts_at, ends_at)) => plan.push((
                    MeetingTimes {
                        starts_at,
                        ends_at,
                        location: None,
                    },
                    row.modules.clone(),
                )),
            }
        }
        form.rows.push(row);
    }
    if form.rows.iter().any(|r| r.error.is_some()) {
        errors.add("meetings", Invalid("error-cohort-rows"));
    } else if plan.is_empty() {
        errors.add("meetings", Invalid("error-cohort-no-meetings"));
    }
    let (Some(title), Some(location), Some(capacity), true) =
        (title, location, capacity, errors.is_empty())
    else {
        return render_list(&page, branch_id, &form, &errors, true).await;
    };
    let id = page
        .db()
        .transaction(move |c| {
            Ok(cohorts::create(
                c,
                &NewCohort {
                    branch_id,
                    title: &title,
                    location: &location,
                    capacity,
                    enrol_deadline: None,
                },
                &plan,
            )?)
        })
        .await?;
    page.flash("success", "cohort-created");
    Ok(redirect(&format!("/koordinator/forberedelse/{id}")))
}

#[derive(Serialize)]
struct MeetingRow {
    id: i64,
    starts_at: chrono::NaiveDateTime,
    ends_at: chrono::NaiveDateTime,
    location: Option<String>,
    cancelled: bool,
    modules: Vec<String>,
}

#[derive(Serialize)]
struct ParticipantRow {
    user_id: i64,
    name: String,
    email: String,
    status: Option<String>,
    done: String,
    clear: bool,
    makeup: Option<String>,
}

#[derive(Serialize)]
struct Graduate {
    user_id: i64,
    name: String,
    at: chrono::NaiveDateTime,
}

/// The cohort, if this coordinator manages it and it is a cohort.
fn own_cohort(
    conn: &mut crate::db::DbConnection,
    account: &crate::db::users::Account,
    id: i64,
) -> Result<Session, AppError> {
    let s = managed(conn, account, id)?;
    if s.kind() != SessionKind::Cohort {
        return Err(AppError::NotFound);
    }
    Ok(s)
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
    let account = (**user.account()).clone();
    let material = preparation::material()?;
    let lang = page.lang;
    let label = |m: &str| {
        material
            .curriculum
            .module(m)
            .map(|m| (m.order, format!("{}. {}", m.order, m.title)))
    };
    let (session, plan, seated, waiting, gates, makeups, grad, graduates) = page
        .db()
        .run(move |c| {
            let session = own_cohort(c, &account, id)?;
            let plan = cohorts::plan(c, id)?;
            let (seated, waiting) = enrolments::participants(c, id)?;
            let ids: Vec<i64> = seated.iter().map(|p| p.enrolment.user_id).collect();
            let gates: HashMap<i64, gate::Gate> = gate::gates(c, &material.curriculum, &ids)?
                .into_iter()
                .map(|g| (g.user_id, g))
                .collect();
            let makeups = cohorts::makeups_in(c, id)?;
            let grad = cohorts::graduation(c, id)?;
            let graduates = volunteer_history::activated_in_cohort(c, id)?;
            Ok((
                session, plan, seated, waiting, gates, makeups, grad, graduates,
            ))
        })
        .await?;
    let mut covered: Vec<String> = Vec::new();
    let meetings: Vec<MeetingRow> = plan
        .into_iter()
        .map(|p| {
            let mut labels: Vec<(i32, String)> =
                p.modules.iter().filter_map(|m| label(m)).collect();
            labels.sort();
            if p.meeting.cancelled_at.is_none() {
                covered.extend(p.modules.iter().cloned());
            }
            MeetingRow {
                id: p.meeting.id,
                starts_at: p.meeting.starts_at,
                ends_at: p.meeting.ends_at,
                location: p.meeting.location.clone(),
                cancelled: p.meeting.cancelled_at.is_some(),
                modules: labels.into_iter().map(|(_, l)| l).collect(),
            }
        })
        .collect();
    let uncovered: Vec<String> = material
        .curriculum
        .modules()
        .iter()
        .filter(|m| m.mandatory && !covered.contains(&m.id))
        .map(|m| format!("{}. {}", m.order, m.title))
        .collect();
    let participants: Vec<ParticipantRow> = seated
        .iter()
        .map(|p| {
            let g = gates.get(&p.enrolment.user_id);
            ParticipantRow {
                user_id: p.enrolment.user_id,
                name: p.name.clone(),
                email: p.email.clone(),
                status: g.map(|g| g.status.as_str().to_string()),
                done: g
                    .map(|g| format::hours(lang, g.progress.done_minutes))
                    .unwrap_or_default(),
                clear: g.is_some_and(gate::Gate::is_clear),
                makeup: makeups
                    .get(&p.enrolment.user_id)
                    .and_then(|m| label(m).map(|(_, l)| l)),
            }
        })
        .collect();
    let graduates: Vec<Graduate> = graduates
        .into_iter()
        .map(|(user_id, name, at)| Graduate { user_id, name, at })
        .collect();
    let mut ctx = Context::new();
    ctx.insert("session", &session);
    ctx.insert("meetings", &meetings);
    ctx.insert("uncovered", &uncovered);
    ctx.insert("participants", &participants);
    ctx.insert("waiting", &waiting.len());
    ctx.insert("graduation", &grad);
    ctx.insert("graduates", &graduates);
    ctx.insert(
        "total_hours",
        &format::hours(lang, material.curriculum.total_minutes()),
    );
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

/// Marks the cohort's end with a graduation evening. The page lists who
/// became active in the cohort.
pub async fn graduation(
    user: CoordinatorUser,
    page: Page,
    path: web::Path<i64>,
    Form(form): Form<GraduationForm>,
) -> Result<HttpResponse, AppError> {
    let id = path.into_inner();
    let account = (**user.account()).clone();
    let mut errors = FieldErrors::new();
    let day = errors.check("date", time::date(&form.date));
    let clock = errors.check("time", time::clock(&form.time));
    let at = match (day, clock) {
        (Some(d), Some(t)) => errors.check("time", time::local_to_utc(d, t)),
        _ => None,
    };
    let location = errors.check("location", optional_text(&form.location, 300));
    let (Some(at), Some(location)) = (at, location) else {
        return render_show(&page, &user, id, &form, &errors).await;
    };
    page.db()
        .transaction(move |c| {
            own_cohort(c, &account, id)?;
            cohorts::set_graduation(c, id, at, location.as_deref())?;
            Ok(())
        })
        .await?;
    page.flash("success", "cohort-graduation-saved");
    Ok(redirect(&format!("/koordinator/forberedelse/{id}")))
}
