//! The coordinators' overview of one branch: every active (and paused)
//! brobygger with their last supervision, the next one booked and the days
//! until they are overdue, overdue ones first; filtered by standing, and as
//! a CSV file.

use actix_web::{HttpResponse, web};
use serde::Deserialize;
use tera::Context;

use super::branch_choices;
use crate::db::branches::Branch;
use crate::db::supervision::{self, VolunteerStanding};
use crate::db::{branches, now};
use crate::domain::supervision::Standing;
use crate::error::AppError;
use crate::web::csv as excel;
use crate::web::{CoordinatorUser, Page};

#[derive(Deserialize, Default)]
#[serde(default)]
pub struct Filter {
    afdeling: Option<i64>,
    /// A standing code; anything else shows everyone.
    vis: String,
}

async fn load(
    page: &Page,
    user: &CoordinatorUser,
    filter: &Filter,
) -> Result<
    (
        Branch,
        Vec<Branch>,
        Vec<VolunteerStanding>,
        i32,
        Option<Standing>,
    ),
    AppError,
> {
    let branch_id = filter
        .afdeling
        .or_else(|| user.branches.first().copied())
        .ok_or(AppError::NotFound)?;
    if !user.coordinates(branch_id) {
        return Err(AppError::Forbidden);
    }
    let only = Standing::parse(&filter.vis);
    let account = (**user.account()).clone();
    let (branch, choices, rows, window) = page
        .db()
        .run(move |c| {
            let branch = branches::find(c, branch_id)?;
            let choices = branch_choices(c, &account)?;
            let rows = supervision::overview(c, branch_id, now())?;
            let window = supervision::window(c, branch_id)?;
            Ok((branch, choices, rows, window))
        })
        .await?;
    let rows = rows
        .into_iter()
        .filter(|r| only.is_none_or(|s| r.standing == s))
        .collect();
    Ok((branch, choices, rows, window, only))
}

pub async fn show(
    user: CoordinatorUser,
    page: Page,
    q: web::Query<Filter>,
) -> Result<HttpResponse, AppError> {
    let (branch, choices, rows, window, only) = load(&page, &user, &q).await?;
    let mut ctx = Context::new();
    ctx.insert("branch", &branch);
    ctx.insert("branches", &choices);
    ctx.insert("rows", &rows);
    ctx.insert("window", &window);
    ctx.insert("only", &only.map(Standing::as_str).unwrap_or(""));
    ctx.insert("standings", &Standing::ALL);
    page.render("supervision/staff/overview.html", ctx)
}

pub async fn csv(
    user: CoordinatorUser,
    page: Page,
    q: web::Query<Filter>,
) -> Result<HttpResponse, AppError> {
    let (branch, _, rows, _, _) = load(&page, &user, &q).await?;
    let t = |k: &str| page.t(k);
    let header = [
        t("csv-name"),
        t("csv-email"),
        t("csv-phone"),
        t("supervision-csv-standing"),
        t("supervision-csv-last"),
        t("supervision-csv-next"),
        t("supervision-csv-due"),
        t("supervision-csv-days-left"),
    ];
    let header: Vec<&str> = header.iter().map(String::as_str).collect();
    let date = |d: Option<chrono::NaiveDateTime>| {
        d.map(|d| crate::i18n::format::local(d).format("%d-%m-%Y").to_string())
            .unwrap_or_default()
    };
    let body_rows: Vec<Vec<String>> = rows
        .iter()
        .map(|r| {
            vec![
                r.name.clone(),
                r.email.clone(),
                r.phone.clone().unwrap_or_default(),
                t(&format!("supervision-standing-{}", r.standing.as_str())),
                date(r.last_attended),
                date(r.next_booked),
                r.due_date.format("%d-%m-%Y").to_string(),
                r.days_left.to_string(),
            ]
        })
        .collect();
    let body = excel::build(&header, &body_rows)?;
    Ok(excel::download(
        &format!("supervision-{}.csv", branch.slug),
        body,
    ))
}
