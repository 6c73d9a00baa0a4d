//! A branch's pipeline of volunteers for its coordinators (new applications,
//! accepted, in training with their hours, ready to activate, active,
//! paused, alumni) and the roster of active brobyggere as a page and a CSV
//! file. Each page runs a fixed number of queries however many volunteers
//! the branch has.

use std::collections::HashMap;

use actix_web::{HttpResponse, web};
use chrono::NaiveDateTime;
use serde::{Deserialize, Serialize};
use tera::Context;

use super::noon;
use crate::content::preparation;
use crate::db::applications::{self, WithApplicant};
use crate::db::branches::{self, Branch};
use crate::db::volunteers::{self, RosterRow};
use crate::db::{declarations, gate, volunteer_history, volunteer_settings};
use crate::domain::activation::{BranchRequirements, ExtraCheck};
use crate::domain::volunteer::VolunteerStatus;
use crate::error::AppError;
use crate::i18n::format;
use crate::web::csv as excel;
use crate::web::paging::{PER_PAGE, Pager, base_href};
use crate::web::{CoordinatorUser, Page};

fn own(user: &CoordinatorUser, branch_id: i64) -> Result<(), AppError> {
    if user.coordinates(branch_id) {
        Ok(())
    } else {
        Err(AppError::Forbidden)
    }
}

#[derive(Serialize)]
struct InTraining {
    #[serde(flatten)]
    person: RosterRow,
    done: String,
    clear: bool,
}

#[derive(Serialize)]
struct PausedRow {
    #[serde(flatten)]
    person: RosterRow,
    until: Option<NaiveDateTime>,
}

/// The people a coordinator acts on are listed, the first `PER_PAGE` of
/// each kind with the total; active volunteers and alumni, who can be
/// thousands, are counted. The branch's paged list has everyone.
#[derive(Serialize, Default)]
struct Pipeline {
    applications: Vec<WithApplicant>,
    applications_total: i64,
    training: Vec<InTraining>,
    training_total: usize,
    ready: Vec<InTraining>,
    ready_total: usize,
    approved: i64,
    in_training: i64,
    active: i64,
    paused: Vec<PausedRow>,
    alumni: i64,
    rejected: i64,
}

pub async fn show(
    user: CoordinatorUser,
    page: Page,
    path: web::Path<i64>,
) -> Result<HttpResponse, AppError> {
    let branch_id = path.into_inner();
    own(&user, branch_id)?;
    let material = preparation::material()?;
    let lang = page.lang;
    let (branch, settings, pipeline) = page
        .db()
        .run(move |c| {
            let branch = branches::find(c, branch_id)?;
            let settings = volunteer_settings::of_branch(c, branch_id)?;
            let everyone = volunteers::in_branch_with_status(
                c,
                branch_id,
                &[
                    VolunteerStatus::Approved,
                    VolunteerStatus::InTraining,
                    VolunteerStatus::Paused,
                ],
            )?;
            let counts: HashMap<VolunteerStatus, i64> = volunteers::counts_in_branch(c, branch_id)?
                .into_iter()
                .collect();
            let count = |status: VolunteerStatus| counts[&status];
            let status_of = |r: &RosterRow| VolunteerStatus::parse(&r.status);
            let training_ids: Vec<i64> = everyone
                .iter()
                .filter(|r| status_of(r) != Some(VolunteerStatus::Paused))
                .map(|r| r.user_id)
                .collect();
            let gates: HashMap<i64, gate::Gate> =
                gate::gates(c, &material.curriculum, &training_ids)?
                    .into_iter()
                    .map(|g| (g.user_id, g))
                    .collect();
            let paused_ids: Vec<i64> = everyone
                .iter()
                .filter(|r| status_of(r) == Some(VolunteerStatus::Paused))
                .map(|r| r.user_id)
                .collect();
            let pause_ends = volunteer_history::pause_ends(c, &paused_ids)?;
            let mut p = Pipeline {
                applications: applications::pending_in_branch(c, branch_id, PER_PAGE)?,
                applications_total: applications::pending_count(c, branch_id)?,
                approved: count(VolunteerStatus::Approved),
                in_training: count(VolunteerStatus::InTraining),
                active: count(VolunteerStatus::Active),
                alumni: count(VolunteerStatus::Alumni),
                rejected: count(VolunteerStatus::Rejected),
                ..Pipeline::default()
            };
            for person in everyone {
                if status_of(&person) == Some(VolunteerStatus::Paused) {
                    p.paused.push(PausedRow {
                        until: pause_ends.get(&person.user_id).copied().and_then(noon),
                        person,
                    });
                    continue;
                }
                let g = gates.get(&person.user_id);
                let row = InTraining {
                    done: g
                        .map(|g| format::hours(lang, g.progress.done_minutes))
                        .unwrap_or_default(),
                    clear: g.is_some_and(gate::Gate::is_clear),
                    person,
                };
                if row.clear {
                    p.ready.push(row);
                } else {
                    p.training.push(row);
                }
            }
            p.training_total = p.training.len();
            p.ready_total = p.ready.len();
            p.training.truncate(PER_PAGE as usize);
            p.ready.truncate(PER_PAGE as usize);
            Ok((branch, settings, p))
        })
        .await?;
    let mut ctx = Context::new();
    ctx.insert("branch", &branch);
    ctx.insert("settings", &settings);
    ctx.insert("p", &pipeline);
    ctx.insert(
        "total_hours",
        &format::hours(lang, material.curriculum.total_minutes()),
    );
    page.render("volunteers/pipeline.html", ctx)
}

#[derive(Serialize)]
struct RosterEntry {
    user_id: i64,
    name: String,
    email: String,
    phone: String,
    study_programme: String,
    institution: String,
    active_since: Option<NaiveDateTime>,
    declaration: Option<i32>,
    /// A newer declaration version is required and not yet signed.
    needs_signature: bool,
    child_certificate: Option<NaiveDateTime>,
}

/// The branch's roster: one page of it (`Some(page number)`), or all of it
/// for the CSV file.
async fn roster_of(
    page: &Page,
    branch_id: i64,
    side: Option<i64>,
) -> Result<(Branch, BranchRequirements, Vec<RosterEntry>, Option<Pager>), AppError> {
    page.db()
        .run(move |c| {
            let branch = branches::find(c, branch_id)?;
            let settings = volunteer_settings::of_branch(c, branch_id)?;
            let (people, pager) = match side {
                Some(n) => {
                    let (rows, pager) = volunteers::active_page_in_branch(c, branch_id, n)?;
                    (rows, Some(pager))
                }
                None => (volunteers::active_in_branch(c, branch_id)?, None),
            };
            let ids: Vec<i64> = people.iter().map(|p| p.user_id).collect();
            let mut apps = applications::latest_of_many(c, &ids)?;
            let since = volunteer_history::activated_at(c, &ids)?;
            let required = declarations::required_version(c)?;
            let signatures = declarations::of_many(c, &ids)?;
            let checks = volunteer_settings::checks_of_many(c, &ids)?;
            let entries = people
                .into_iter()
                .map(|p| {
                    let app = apps.remove(&p.user_id);
                    let declaration = signatures
                        .get(&p.user_id)
                        .and_then(|s| s.iter().map(|s| s.version).max());
                    RosterEntry {
                        study_programme: app
                            .as_ref()
                            .map(|a| a.study_programme.clone())
                            .unwrap_or_default(),
                        institution: app.map(|a| a.institution).unwrap_or_default(),
                        active_since: since.get(&p.user_id).copied(),
                        needs_signature: declaration.is_none_or(|v| v < required),
                        declaration,
                        child_certificate: checks
                            .get(&p.user_id)
                            .and_then(|c| {
                                c.iter()
                                    .find(|(k, _)| *k == ExtraCheck::ChildCertificate)
                                    .map(|(_, d)| *d)
                            })
                            .and_then(noon),
                        user_id: p.user_id,
                        name: p.name,
                        email: p.email,
                        phone: p.phone.unwrap_or_default(),
                    }
                })
                .collect();
            Ok((branch, settings, entries, pager))
        })
        .await
}

#[derive(Deserialize, Default)]
#[serde(default)]
pub struct PageQuery {
    side: i64,
}

pub async fn roster(
    user: CoordinatorUser,
    page: Page,
    path: web::Path<i64>,
    query: web::Query<PageQuery>,
) -> Result<HttpResponse, AppError> {
    let branch_id = path.into_inner();
    own(&user, branch_id)?;
    let (branch, settings, entries, pager) = roster_of(&page, branch_id, Some(query.side)).await?;
    let mut ctx = Context::new();
    ctx.insert("branch", &branch);
    ctx.insert("settings", &settings);
    ctx.insert("roster", &entries);
    ctx.insert("pager", &pager);
    ctx.insert(
        "pager_base",
        &base_href(&format!("/koordinator/afdelinger/{branch_id}/aktive"), &[]),
    );
    page.render("volunteers/roster.html", ctx)
}

pub async fn roster_csv(
    user: CoordinatorUser,
    page: Page,
    path: web::Path<i64>,
) -> Result<HttpResponse, AppError> {
    let branch_id = path.into_inner();
    own(&user, branch_id)?;
    let (branch, settings, entries, _) = roster_of(&page, branch_id, None).await?;
    let t = |k: &str| page.t(k);
    let mut header = vec![
        t("csv-name"),
        t("csv-email"),
        t("csv-phone"),
        t("roster-csv-programme"),
        t("roster-csv-institution"),
        t("roster-csv-active-since"),
        t("roster-csv-declaration"),
    ];
    if settings.child_certificate {
        header.push(t("roster-csv-child-certificate"));
    }
    let header: Vec<&str> = header.iter().map(String::as_str).collect();
    let date = |d: Option<NaiveDateTime>| {
        d.map(|d| format::local(d).format("%d-%m-%Y").to_string())
            .unwrap_or_default()
    };
    let rows: Vec<Vec<String>> = entries
        .iter()
        .map(|e| {
            let mut row = vec![
                e.name.clone(),
                e.email.clone(),
                e.phone.clone(),
                e.study_programme.clone(),
                e.institution.clone(),
                date(e.active_since),
                e.declaration.map(|v| v.to_string()).unwrap_or_default(),
            ];
            if settings.child_certificate {
                row.push(date(e.child_certificate));
            }
            row
        })
        .collect();
    let body = excel::build(&header, &rows)?;
    Ok(excel::download(
        &format!("brobyggere-{}.csv", branch.slug),
        body,
    ))
}
