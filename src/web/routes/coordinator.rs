use actix_web::{HttpResponse, web};
use serde::Deserialize;
use tera::Context;

use crate::app::{dashboard, tasks};
use crate::domain::Code;
use crate::domain::volunteer::VolunteerStatus;
use crate::error::AppError;
use crate::web::paging::base_href;
use crate::web::{CoordinatorUser, Page};

/// The coordinator's start page: what to do across their branches, most
/// urgent first, then the branches with the volunteers in each status.
/// Administrators see every branch and the national matters.
pub async fn index(user: CoordinatorUser, page: Page) -> Result<HttpResponse, AppError> {
    let start = tasks::start_page(&page.state.app, user.account()).await?;
    let mut ctx = Context::new();
    ctx.insert("groups", &start.groups);
    ctx.insert("total", &start.total);
    ctx.insert("branches", &start.branches);
    ctx.insert("choice", &start.choice);
    ctx.insert("regions", &start.overseen.regions);
    ctx.insert("own_regions", &start.overseen.own_names);
    page.render("coordinator/index.html", ctx)
}

#[derive(Deserialize, Default)]
#[serde(default)]
pub struct RosterQuery {
    /// A volunteer status code; anything else shows every status.
    status: String,
    /// Part of a name or an email address.
    q: String,
    side: i64,
}

/// One branch: its volunteers and where each one is, a page at a time, with
/// the count in each status as filters. Only for the branch's own
/// coordinators (and administrators).
pub async fn branch(
    user: CoordinatorUser,
    page: Page,
    path: web::Path<i64>,
    query: web::Query<RosterQuery>,
) -> Result<HttpResponse, AppError> {
    let id = path.into_inner();
    let RosterQuery { status, q, side } = query.into_inner();
    let only = VolunteerStatus::parse(&status);
    let list =
        dashboard::branch_volunteers(&page.state.app, user.account(), id, only, &q, side).await?;
    let status = only.map(VolunteerStatus::as_str).unwrap_or("");
    let mut ctx = Context::new();
    ctx.insert("branch", &list.branch);
    ctx.insert("roster", &list.rows);
    ctx.insert("counts", &list.counts);
    ctx.insert("all", &list.all);
    ctx.insert("status", status);
    ctx.insert("q", &q);
    ctx.insert("pager", &list.pager);
    ctx.insert(
        "pager_base",
        &base_href(
            &format!("/koordinator/afdelinger/{id}"),
            &[("status", status), ("q", &q)],
        ),
    );
    page.render("coordinator/branch.html", ctx)
}
