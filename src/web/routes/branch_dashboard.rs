//! A branch at a glance for its coordinators: volunteers by status,
//! evenings held this year and how many came, and the last twelve months
//! by month, with charts drawn by the site as tables (`web::charts::
//! bar_table`, readable on a phone). A fixed number of grouped queries, whatever the size of
//! the branch.

use actix_web::{HttpResponse, web};
use chrono::{Datelike, NaiveDate, NaiveDateTime, NaiveTime};
use tera::Context;

use crate::app::dashboard::{self, StatusCount, Trends};
use crate::app::regional;
use crate::db::evenings::YearEvening;
use crate::db::now;
use crate::domain::session::SessionStatus;
use crate::domain::supervision::Compliance;
use crate::domain::time::local_to_utc;
use crate::domain::{Code, Lang};
use crate::error::AppError;
use crate::i18n::{self, format};
use crate::web::charts::{self, BarTable, Cell, TableRow};
use crate::web::{CoordinatorUser, Page};

fn supervision_chart(lang: Lang, compliance: &Compliance) -> String {
    let rows: Vec<(String, i64)> = compliance
        .counts
        .iter()
        .map(|(s, n)| {
            (
                i18n::t(lang, &format!("supervision-standing-{}", s.as_str())),
                *n,
            )
        })
        .collect();
    count_chart(
        lang,
        "chart-supervision",
        "dashboard-chart-supervision",
        "dashboard-col-standing",
        rows,
    )
}

fn status_chart(lang: Lang, counts: &[StatusCount]) -> String {
    let rows: Vec<(String, i64)> = counts
        .iter()
        .map(|c| {
            (
                i18n::t(lang, &format!("volunteer-status-{}", c.status.as_str())),
                c.count,
            )
        })
        .collect();
    count_chart(
        lang,
        "chart-statuses",
        "dashboard-chart-statuses",
        "dashboard-col-status",
        rows,
    )
}

fn count_cell(lang: Lang, n: i64) -> Cell {
    Cell::count(n, format::integer(lang, n))
}

/// A chart of one series of counts: a label and a number per row.
fn count_chart(
    lang: Lang,
    id: &str,
    caption_key: &str,
    heading_key: &str,
    rows: Vec<(String, i64)>,
) -> String {
    let rows: Vec<TableRow> = rows
        .into_iter()
        .map(|(label, n)| TableRow {
            label,
            cells: vec![count_cell(lang, n)],
        })
        .collect();
    let caption = i18n::t(lang, caption_key);
    let heading = i18n::t(lang, heading_key);
    let series = i18n::t(lang, "dashboard-series-count");
    charts::bar_table(&BarTable {
        id,
        caption: &caption,
        label_heading: &heading,
        series: &[&series],
        rows: &rows,
        full: None,
    })
}

/// The held evenings with who said yes and who came; nothing when none
/// has been held (the page says so instead).
fn evenings_chart(lang: Lang, evenings: &[YearEvening]) -> Option<String> {
    let rows: Vec<TableRow> = evenings
        .iter()
        .filter(|e| e.status == SessionStatus::Held)
        .map(|e| TableRow {
            label: format!("{} {}", format::short_date(lang, e.starts_at), e.title),
            cells: vec![count_cell(lang, e.yes), count_cell(lang, e.present)],
        })
        .collect();
    if rows.is_empty() {
        return None;
    }
    let yes = i18n::t(lang, "dashboard-series-yes");
    let present = i18n::t(lang, "dashboard-series-present");
    let caption = i18n::t(lang, "dashboard-chart-evenings");
    let heading = i18n::t(lang, "dashboard-col-evening");
    Some(charts::bar_table(&BarTable {
        id: "chart-evenings",
        caption: &caption,
        label_heading: &heading,
        series: &[&yes, &present],
        rows: &rows,
        full: None,
    }))
}

fn month_labels(lang: Lang, trends: &Trends) -> Vec<String> {
    trends
        .months
        .iter()
        .map(|m| format::month(lang, m.year, m.month))
        .collect()
}

/// A trend chart of counts, one row per month, a column per series.
fn trend_chart(
    lang: Lang,
    trends: &Trends,
    id: &str,
    caption_key: &str,
    series: &[(&str, &[i64])],
) -> String {
    let rows: Vec<TableRow> = month_labels(lang, trends)
        .into_iter()
        .enumerate()
        .map(|(i, label)| TableRow {
            label,
            cells: series
                .iter()
                .map(|(_, values)| count_cell(lang, values.get(i).copied().unwrap_or(0)))
                .collect(),
        })
        .collect();
    let names: Vec<String> = series.iter().map(|(key, _)| i18n::t(lang, key)).collect();
    let names: Vec<&str> = names.iter().map(String::as_str).collect();
    let caption = i18n::t(lang, caption_key);
    let heading = i18n::t(lang, "dashboard-col-month");
    charts::bar_table(&BarTable {
        id,
        caption: &caption,
        label_heading: &heading,
        series: &names,
        rows: &rows,
        full: None,
    })
}

/// Supervision compliance by month: the share as a bar against 100 %,
/// and beside it how many were active (the share's base) in text.
fn compliance_chart(lang: Lang, trends: &Trends) -> String {
    let rows: Vec<TableRow> = month_labels(lang, trends)
        .into_iter()
        .zip(&trends.compliance)
        .map(|(label, c)| TableRow {
            label,
            cells: vec![
                Cell {
                    value: c.percent,
                    text: c
                        .percent
                        .map_or_else(|| "–".to_string(), |p| format!("{p} %")),
                },
                Cell {
                    value: None,
                    text: format::integer(lang, c.active),
                },
            ],
        })
        .collect();
    let caption = i18n::t(lang, "dashboard-trend-compliance");
    let heading = i18n::t(lang, "dashboard-col-month");
    let within = i18n::t(lang, "dashboard-series-within");
    let active = i18n::t(lang, "dashboard-series-active");
    charts::bar_table(&BarTable {
        id: "trend-compliance",
        caption: &caption,
        label_heading: &heading,
        series: &[&within, &active],
        rows: &rows,
        full: Some(100),
    })
}

/// This calendar year in Copenhagen, and its bounds in UTC.
fn this_year() -> Result<(i32, NaiveDateTime, NaiveDateTime), AppError> {
    let year = crate::domain::time::local(now()).year();
    let bound = |y: i32| {
        NaiveDate::from_ymd_opt(y, 1, 1)
            .and_then(|d| local_to_utc(d, NaiveTime::MIN).ok())
            .ok_or_else(|| AppError::Internal(anyhow::anyhow!("no start of year {y}")))
    };
    Ok((year, bound(year)?, bound(year + 1)?))
}

pub async fn show(
    user: CoordinatorUser,
    page: Page,
    path: web::Path<i64>,
) -> Result<HttpResponse, AppError> {
    let id = path.into_inner();
    let (year, from, to) = this_year()?;
    let d = dashboard::dashboard(&page.state.app, user.account(), id, from, to, now()).await?;
    let lang = page.lang;
    let mut ctx = Context::new();
    ctx.insert("status_chart", &status_chart(lang, &d.charted));
    ctx.insert("evenings_chart", &evenings_chart(lang, &d.evenings));
    ctx.insert(
        "people_trend",
        &trend_chart(
            lang,
            &d.trends,
            "trend-people",
            "dashboard-trend-people",
            &[
                ("dashboard-series-applications", &d.trends.applications),
                ("dashboard-series-activations", &d.trends.activations),
            ],
        ),
    );
    ctx.insert(
        "genlaer_trend",
        &trend_chart(
            lang,
            &d.trends,
            "trend-genlaer",
            "dashboard-trend-genlaer",
            &[("dashboard-series-participants", &d.trends.genlaer)],
        ),
    );
    ctx.insert("compliance_trend", &compliance_chart(lang, &d.trends));
    ctx.insert(
        "supervision_chart",
        &supervision_chart(lang, &d.supervision),
    );
    ctx.insert(
        "region_link",
        &user.account().oversees_region(d.branch.region_id),
    );
    ctx.insert("d", &d);
    ctx.insert("year", &year);
    page.render("coordinator/dashboard.html", ctx)
}

/// A region's branches side by side with the dashboard's figures, for the
/// region's coordinators (and administrators); 403 for anyone else.
pub async fn region(
    user: CoordinatorUser,
    page: Page,
    path: web::Path<i64>,
) -> Result<HttpResponse, AppError> {
    let (year, from, to) = this_year()?;
    let view = regional::region(
        &page.state.app,
        user.account(),
        path.into_inner(),
        from,
        to,
        now(),
    )
    .await?;
    let mut ctx = Context::new();
    ctx.insert("v", &view);
    ctx.insert("year", &year);
    page.render("coordinator/region.html", ctx)
}
