use std::collections::HashMap;

use actix_web::{HttpResponse, web};
use serde::Serialize;
use tera::Context;

use crate::db::branches::{self, Branch};
use crate::db::volunteers;
use crate::error::AppError;
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

/// One branch: its volunteers and where each one is. Only for the branch's
/// own coordinators (and administrators).
pub async fn branch(
    user: CoordinatorUser,
    page: Page,
    path: web::Path<i64>,
) -> Result<HttpResponse, AppError> {
    let id = path.into_inner();
    if !user.coordinates(id) {
        return Err(AppError::Forbidden);
    }
    let (branch, roster) = page
        .db()
        .run(move |c| Ok((branches::find(c, id)?, volunteers::in_branch(c, id)?)))
        .await?;
    let mut ctx = Context::new();
    ctx.insert("branch", &branch);
    ctx.insert("roster", &roster);
    page.render("coordinator/branch.html", ctx)
}
