//! A branch's pipeline of volunteers for its coordinators (new applications,
//! accepted, in training with their hours, ready to activate, active,
//! paused, alumni) and the roster of active brobyggere as a page and a CSV
//! file.

use actix_web::{HttpResponse, web};
use chrono::NaiveDateTime;
use tera::Context;

use crate::app::audit::Actor;
use crate::app::volunteers::pipeline::{self, RosterEntry};
use crate::error::AppError;
use crate::web::csv as excel;
use crate::web::paging::{PageQuery, base_href};
use crate::web::{CoordinatorUser, FreshCoordinator, Page};

pub async fn show(
    user: CoordinatorUser,
    page: Page,
    path: web::Path<i64>,
) -> Result<HttpResponse, AppError> {
    let view = pipeline::pipeline(&page.state.app, user.account(), path.into_inner()).await?;
    page.render("volunteers/pipeline.html", Context::from_serialize(&view)?)
}

pub async fn roster(
    user: CoordinatorUser,
    page: Page,
    path: web::Path<i64>,
    query: web::Query<PageQuery>,
) -> Result<HttpResponse, AppError> {
    let branch_id = path.into_inner();
    let view =
        pipeline::roster(&page.state.app, user.account(), branch_id, Some(query.side)).await?;
    let mut ctx = Context::from_serialize(&view)?;
    ctx.insert(
        "pager_base",
        &base_href(&format!("/koordinator/afdelinger/{branch_id}/aktive"), &[]),
    );
    page.render("volunteers/roster.html", ctx)
}

pub async fn roster_csv(
    user: FreshCoordinator,
    by: Actor,
    page: Page,
    path: web::Path<i64>,
) -> Result<HttpResponse, AppError> {
    let view =
        pipeline::roster_export(&page.state.app, user.account(), by, path.into_inner()).await?;
    let with_certificate = view.settings.child_certificate;
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
    if with_certificate {
        header.push(t("roster-csv-child-certificate"));
    }
    let header: Vec<&str> = header.iter().map(String::as_str).collect();
    let rows: Vec<Vec<String>> = view
        .roster
        .iter()
        .map(|e| csv_row(e, with_certificate))
        .collect();
    let body = excel::build(&header, &rows)?;
    Ok(excel::download(
        &format!("brobyggere-{}.csv", view.branch.slug),
        body,
    ))
}

/// One line of the CSV file; dates as Copenhagen days.
fn csv_row(e: &RosterEntry, with_certificate: bool) -> Vec<String> {
    let date = |d: Option<NaiveDateTime>| {
        d.map(|d| crate::domain::time::local(d).format("%d-%m-%Y").to_string())
            .unwrap_or_default()
    };
    let mut row = vec![
        e.name.clone(),
        e.email.clone(),
        e.phone.clone(),
        e.study_programme.clone(),
        e.institution.clone(),
        date(e.active_since),
        e.declaration.map(|v| v.to_string()).unwrap_or_default(),
    ];
    if with_certificate {
        row.push(date(e.child_certificate));
    }
    row
}
