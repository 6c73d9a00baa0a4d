//! Coordinators: the supervision sessions of their branches, planning one,
//! one session's participants with attendance, and assigning volunteers.

use std::collections::HashMap;

use actix_web::{HttpResponse, web};
use serde::{Deserialize, Serialize};
use tera::Context;

use super::{PlanForm, branch_choices, validate};
use crate::content::preparation;
use crate::db::enrolments;
use crate::db::supervision::{self, SupervisionSession};
use crate::db::{attendance, gate, now, volunteers};
use crate::domain::FieldErrors;
use crate::domain::supervision::{Format, SupervisorKind};
use crate::error::AppError;
use crate::web::page::redirect;
use crate::web::routes::sessions::managed;
use crate::web::{CoordinatorUser, Form, Page};

/// How far back the list shows past sessions (for registering attendance).
const RECENT_DAYS: i64 = 60;

async fn render_index(
    page: &Page,
    user: &CoordinatorUser,
    form: &PlanForm,
    errors: &FieldErrors,
) -> Result<HttpResponse, AppError> {
    let account = (**user.account()).clone();
    let (branches, sessions, counts) = page
        .db()
        .run(move |c| {
            let branches = branch_choices(c, &account)?;
            let ids: Vec<i64> = branches.iter().map(|b| b.id).collect();
            let from = now() - chrono::Duration::days(RECENT_DAYS);
            let sessions = supervision::in_branches(c, &ids, from, false)?;
            let counts = supervision::open_counts(c, &ids)?;
            Ok((branches, sessions, counts))
        })
        .await?;
    let at = now();
    let (upcoming, past): (Vec<SupervisionSession>, Vec<SupervisionSession>) =
        sessions.into_iter().partition(|s| s.session.ends_at > at);
    let counts: HashMap<String, i64> = counts
        .into_iter()
        .map(|(b, n)| (b.to_string(), n))
        .collect();
    let mut ctx = Context::new();
    ctx.insert("branches", &branches);
    ctx.insert("upcoming", &upcoming);
    ctx.insert("past", &past.into_iter().rev().collect::<Vec<_>>());
    ctx.insert("open_requests", &counts);
    ctx.insert("form", form);
    ctx.insert("errors", errors);
    ctx.insert("formats", &Format::ALL);
    ctx.insert("supervisor_kinds", &SupervisorKind::ALL);
    if errors.is_empty() {
        page.render("supervision/staff/index.html", ctx)
    } else {
        page.render_invalid("supervision/staff/index.html", ctx)
    }
}

#[derive(Deserialize, Default)]
#[serde(default)]
pub struct BranchQuery {
    afdeling: Option<i64>,
}

pub async fn index(
    user: CoordinatorUser,
    page: Page,
    q: web::Query<BranchQuery>,
) -> Result<HttpResponse, AppError> {
    let form = PlanForm {
        branch: q
            .afdeling
            .or_else(|| user.branches.first().copied())
            .map(|b| b.to_string())
            .unwrap_or_default(),
        format: Format::Group.as_str().into(),
        title: page.t("supervision-default-title"),
        supervisor_kind: SupervisorKind::Staff.as_str().into(),
        capacity: "12".into(),
        ..PlanForm::default()
    };
    render_index(&page, &user, &form, &FieldErrors::new()).await
}

pub async fn create(
    user: CoordinatorUser,
    page: Page,
    Form(form): Form<PlanForm>,
) -> Result<HttpResponse, AppError> {
    let mut errors = FieldErrors::new();
    let branch = form.branch.trim().parse::<i64>().ok();
    let branch = match branch {
        Some(b) if user.coordinates(b) => Some(b),
        Some(_) => return Err(AppError::Forbidden),
        None => {
            errors.add("branch", crate::domain::Invalid("error-required"));
            None
        }
    };
    let plan = validate(&form, &mut errors);
    let (Some(branch), Some(plan)) = (branch, plan) else {
        return render_index(&page, &user, &form, &errors).await;
    };
    let id = page
        .db()
        .transaction(move |c| {
            crate::db::branches::find(c, branch)?;
            Ok(supervision::create(c, &plan.new_supervision(branch))?)
        })
        .await?;
    page.flash("success", "supervision-created");
    Ok(redirect(&format!("/koordinator/supervision/{id}")))
}

#[derive(Serialize)]
struct Candidate {
    user_id: i64,
    name: String,
}

fn own(
    conn: &mut crate::db::DbConnection,
    account: &crate::db::users::Account,
    id: i64,
) -> Result<SupervisionSession, AppError> {
    managed(conn, account, id)?;
    Ok(supervision::find(conn, id)?)
}

pub async fn show(
    user: CoordinatorUser,
    page: Page,
    path: web::Path<i64>,
) -> Result<HttpResponse, AppError> {
    let id = path.into_inner();
    let account = (**user.account()).clone();
    let material = preparation::material()?;
    let (s, seated, waiting, present, candidates) = page
        .db()
        .run(move |c| {
            let s = own(c, &account, id)?;
            let (seated, waiting) = enrolments::participants(c, id)?;
            let present: HashMap<String, String> = attendance::for_session(c, id)?
                .into_iter()
                .map(|a| (a.user_id.to_string(), a.status))
                .collect();
            let branch = s.session.branch_id.unwrap_or_default();
            let taken: Vec<i64> = seated
                .iter()
                .chain(waiting.iter())
                .map(|p| p.enrolment.user_id)
                .collect();
            let active = volunteers::active_in_branch(c, branch)?;
            let ids: Vec<i64> = active.iter().map(|a| a.user_id).collect();
            // Active in status is not enough: a new declaration version,
            // say, takes someone off the list until they sign it.
            let may: Vec<i64> = gate::gates(c, &material.curriculum, &ids)?
                .into_iter()
                .filter(gate::Gate::may_work)
                .map(|g| g.user_id)
                .collect();
            let candidates: Vec<Candidate> = active
                .into_iter()
                .filter(|a| may.contains(&a.user_id) && !taken.contains(&a.user_id))
                .map(|a| Candidate {
                    user_id: a.user_id,
                    name: a.name,
                })
                .collect();
            Ok((s, seated, waiting, present, candidates))
        })
        .await?;
    let mut ctx = Context::new();
    ctx.insert("s", &s);
    ctx.insert("seated", &seated);
    ctx.insert("waiting", &waiting);
    ctx.insert("present", &present);
    ctx.insert("candidates", &candidates);
    ctx.insert("open", &(s.session.status == "open"));
    page.render("supervision/staff/session.html", ctx)
}

#[derive(Deserialize, Default)]
#[serde(default)]
pub struct AssignForm {
    user_id: String,
}

/// Gives a volunteer of the branch a seat (or a place in the queue). Only
/// brobyggere who may work can be assigned, like signing up themselves.
pub async fn assign(
    user: CoordinatorUser,
    page: Page,
    path: web::Path<i64>,
    Form(form): Form<AssignForm>,
) -> Result<HttpResponse, AppError> {
    let id = path.into_inner();
    let account = (**user.account()).clone();
    let base = page.state.settings.base_url().to_string();
    let material = preparation::material()?;
    let Ok(person) = form.user_id.trim().parse::<i64>() else {
        page.flash("error", "supervision-assign-choose");
        return Ok(redirect(&format!("/koordinator/supervision/{id}")));
    };
    let outcome = page
        .db()
        .transaction(move |c| {
            let s = own(c, &account, id)?;
            let gate = match gate::volunteer_gate(c, &material.curriculum, person) {
                Ok(g) => g,
                Err(diesel::result::Error::NotFound) => {
                    return Ok(Err("supervision-assign-not-active"));
                }
                Err(e) => return Err(e.into()),
            };
            if Some(gate.branch_id) != s.session.branch_id || !gate.may_work() {
                return Ok(Err("supervision-assign-not-active"));
            }
            Ok(enrolments::enrol(c, id, person, true, &base)?.map_err(|r| r.message_key()))
        })
        .await?;
    match outcome {
        Ok(p) if p.status == crate::domain::enrolment::EnrolmentStatus::Waitlisted => {
            page.flash("info", "supervision-assigned-waitlist");
        }
        Ok(_) => page.flash("success", "supervision-assigned"),
        Err(key) => page.flash("error", key),
    }
    Ok(redirect(&format!("/koordinator/supervision/{id}")))
}
