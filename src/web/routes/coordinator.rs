use std::collections::HashMap;

use actix_web::{HttpResponse, web};
use serde::{Deserialize, Serialize};
use tera::Context;

use crate::db::branches::{self, Branch};
use crate::db::volunteers;
use crate::domain::volunteer::VolunteerStatus;
use crate::error::AppError;
use crate::web::paging::base_href;
use crate::web::{CoordinatorUser, Page};

#[derive(Serialize)]
struct BranchOverview {
    branch: Branch,
    /// Volunteers by status code.
    counts: HashMap<String, i64>,
}

/// The coordinator's start page: their branches with the volunteers in each
/// status. Administrators see every branch.
pub async fn index(user: CoordinatorUser, page: Page) -> Result<HttpResponse, AppError> {
    let is_admin = user.is_admin();
    let own = user.branches.clone();
    let overview = page
        .db()
        .run(move |c| {
            let mine: Vec<Branch> = if is_admin {
                branches::all(c)?.into_iter().map(|b| b.branch).collect()
            } else {
                branches::by_ids(c, &own)?
            };
            let ids: Vec<i64> = mine.iter().map(|b| b.id).collect();
            let counts = volunteers::counts_by_branch(c, &ids)?;
            Ok(mine
                .into_iter()
                .map(|branch| {
                    let counts = counts
                        .iter()
                        .filter(|(b, _, _)| *b == branch.id)
                        .map(|(_, status, n)| (status.clone(), *n))
                        .collect();
                    BranchOverview { branch, counts }
                })
                .collect::<Vec<_>>())
        })
        .await?;
    let mut ctx = Context::new();
    ctx.insert("branches", &overview);
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
    if !user.coordinates(id) {
        return Err(AppError::Forbidden);
    }
    let RosterQuery { status, q, side } = query.into_inner();
    let only = VolunteerStatus::parse(&status);
    let search = q.clone();
    let (branch, counts, (roster, pager)) = page
        .db()
        .run(move |c| {
            Ok((
                branches::find(c, id)?,
                volunteers::counts_in_branch(c, id)?,
                volunteers::page_in_branch(c, id, only, &search, side)?,
            ))
        })
        .await?;
    let counts: Vec<(&str, i64)> = counts
        .into_iter()
        .filter(|(_, n)| *n > 0)
        .map(|(s, n)| (s.as_str(), n))
        .collect();
    let status = only.map(VolunteerStatus::as_str).unwrap_or("");
    let mut ctx = Context::new();
    ctx.insert("branch", &branch);
    ctx.insert("roster", &roster);
    ctx.insert("counts", &counts);
    ctx.insert("all", &counts.iter().map(|(_, n)| n).sum::<i64>());
    ctx.insert("status", status);
    ctx.insert("q", &q);
    ctx.insert("pager", &pager);
    ctx.insert(
        "pager_base",
        &base_href(
            &format!("/koordinator/afdelinger/{id}"),
            &[("status", status), ("q", &q)],
        ),
    );
    page.render("coordinator/branch.html", ctx)
}
