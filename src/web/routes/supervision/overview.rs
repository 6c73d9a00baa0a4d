//! The coordinators' overview of one branch: every active (and paused)
//! brobygger with their last supervision, the next one booked and the days
//! until they are overdue, overdue ones first; filtered by standing, and as
//! a CSV file.

use actix_web::{HttpResponse, web};
use serde::Deserialize;
use tera::Context;

use crate::app::audit::Actor;
use crate::app::supervision::staff::{self as app, OverviewQuery};
use crate::domain::Code;
use crate::domain::supervision::Standing;
use crate::error::AppError;
use crate::web::csv as excel;
use crate::web::paging::base_href;
use crate::web::{CoordinatorUser, FreshCoordinator, Page};

#[derive(Deserialize, Default)]
#[serde(default)]
pub struct Filter {
    afdeling: Option<i64>,
    /// A standing code; anything else shows everyone.
    vis: String,
    side: i64,
}

impl Filter {
    /// `paged`: one page of rows; else all of them (for the CSV file).
    fn query(&self, paged: bool) -> OverviewQuery {
        OverviewQuery {
            branch_id: self.afdeling,
            only: Standing::parse(&self.vis),
            page: paged.then_some(self.side),
        }
    }
}

/// One page of the overview; the overdue come first, so the first page is
/// the one that needs acting on.
pub async fn show(
    user: CoordinatorUser,
    page: Page,
    q: web::Query<Filter>,
) -> Result<HttpResponse, AppError> {
    let o = app::overview(&page.state.app, user.account(), q.query(true)).await?;
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
    user: FreshCoordinator,
    by: Actor,
    page: Page,
    q: web::Query<Filter>,
) -> Result<HttpResponse, AppError> {
    let app::Overview { branch, rows, .. } =
        app::overview_export(&page.state.app, user.account(), by, q.query(false)).await?;
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
        d.map(|d| crate::domain::time::local(d).format("%d-%m-%Y").to_string())
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
