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
use crate::web::paging::{PER_PAGE, Pager, base_href};
use crate::web::{CoordinatorUser, Page};

#[derive(Deserialize, Default)]
#[serde(default)]
pub struct Filter {
    afdeling: Option<i64>,
    /// A standing code; anything else shows everyone.
    vis: String,
    side: i64,
}

/// What the overview of one branch shows.
struct Overview {
    branch: Branch,
    choices: Vec<Branch>,
    /// The rows the filter lets through, overdue first: one page of them,
    /// or all for the CSV file.
    rows: Vec<VolunteerStanding>,
    pager: Pager,
    /// How many volunteers are in each standing, unfiltered.
    counts: Vec<(Standing, usize)>,
    window: i32,
    only: Option<Standing>,
}

/// The branch's standings; `paged` keeps only the requested page.
async fn load(
    page: &Page,
    user: &CoordinatorUser,
    filter: &Filter,
    paged: bool,
) -> Result<Overview, AppError> {
    let branch_id = filter
        .afdeling
        .or_else(|| user.branches.first().copied())
        .ok_or(AppError::NotFound)?;
    if !user.coordinates(branch_id) {
        return Err(AppError::Forbidden);
    }
    let only = Standing::parse(&filter.vis);
    let side = filter.side;
    let account = (**user.account()).clone();
    page.db()
        .run(move |c| {
            let at = now();
            let everyone = supervision::overview(c, branch_id, at)?;
            let counts = Standing::ALL
                .into_iter()
                .map(|s| (s, everyone.iter().filter(|r| r.standing == s).count()))
                .collect();
            let rows: Vec<VolunteerStanding> = everyone
                .into_iter()
                .filter(|r| only.is_none_or(|s| r.standing == s))
                .collect();
            let pager = Pager::new(
                side,
                if paged { PER_PAGE } else { rows.len() as i64 },
                rows.len() as i64,
            );
            let mut rows = pager.slice(rows);
            supervision::fill_next_booked(c, &mut rows, at)?;
            Ok(Overview {
                branch: branches::find(c, branch_id)?,
                choices: branch_choices(c, &account)?,
                rows,
                pager,
                counts,
                window: supervision::window(c, branch_id)?,
                only,
            })
        })
        .await
}

/// One page of the overview; the overdue come first, so the first page is
/// the one that needs acting on.
pub async fn show(
    user: CoordinatorUser,
    page: Page,
    q: web::Query<Filter>,
) -> Result<HttpResponse, AppError> {
    let o = load(&page, &user, &q, true).await?;
    let only = o.only.map(Standing::as_str).unwrap_or("");
    let mut ctx = Context::new();
    ctx.insert("branch", &o.branch);
    ctx.insert("branches", &o.choices);
    ctx.insert("rows", &o.rows);
    ctx.insert("pager", &o.pager);
    ctx.insert(
        "pager_base",
        &base_href(
            "/koordinator/supervision/oversigt",
            &[("afdeling", &o.branch.id.to_string()), ("vis", only)],
        ),
    );
    ctx.insert("counts", &o.counts);
    ctx.insert("window", &o.window);
    ctx.insert("only", only);
    page.render("supervision/staff/overview.html", ctx)
}

pub async fn csv(
    user: CoordinatorUser,
    page: Page,
    q: web::Query<Filter>,
) -> Result<HttpResponse, AppError> {
    let Overview { branch, rows, .. } = load(&page, &user, &q, false).await?;
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
