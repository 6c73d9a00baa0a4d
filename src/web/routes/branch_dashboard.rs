//! A branch at a glance for its coordinators: volunteers by status,
//! evenings held this year and how many came, with charts drawn by the site
//! (`web::charts`). A fixed number of grouped queries, whatever the size of
//! the branch.

use actix_web::{HttpResponse, web};
use chrono::{Datelike, NaiveDate, NaiveDateTime, NaiveTime};
use tera::Context;

use crate::app::dashboard::{self, StatusCount};
use crate::app::regional;
use crate::db::evenings::YearEvening;
use crate::db::now;
use crate::domain::session::SessionStatus;
use crate::domain::supervision::Compliance;
use crate::domain::time::local_to_utc;
use crate::domain::{Code, Lang};
use crate::error::AppError;
use crate::i18n::{self, format};
use crate::web::charts::{self, Chart, Row};
use crate::web::{CoordinatorUser, Page};

fn supervision_chart(lang: Lang, compliance: &Compliance) -> String {
    let rows: Vec<Row> = compliance
        .counts
        .iter()
        .map(|(s, n)| Row {
            label: i18n::t(lang, &format!("supervision-standing-{}", s.as_str())),
            values: vec![*n],
        })
        .collect();
    count_chart(
        lang,
        "chart-supervision",
        "dashboard-chart-supervision",
        &rows,
    )
}

fn status_chart(lang: Lang, counts: &[StatusCount]) -> String {
    let rows: Vec<Row> = counts
        .iter()
        .map(|c| Row {
            label: i18n::t(lang, &format!("volunteer-status-{}", c.status.as_str())),
            values: vec![c.count],
        })
        .collect();
    count_chart(lang, "chart-statuses", "dashboard-chart-statuses", &rows)
}

/// A chart of one series of counts, its description spelling out every
/// number for screen readers.
fn count_chart(lang: Lang, id: &str, title_key: &str, rows: &[Row]) -> String {
    let description = rows
        .iter()
        .map(|r| format!("{}: {}", r.label, r.values[0]))
        .collect::<Vec<_>>()
        .join(", ");
    let title = i18n::t(lang, title_key);
    let series = i18n::t(lang, "dashboard-series-count");
    charts::bar_chart(&Chart {
        id,
        title: &title,
        description: &description,
        series: &[&series],
        rows,
    })
}

fn evenings_chart(lang: Lang, evenings: &[YearEvening]) -> String {
    let held: Vec<&YearEvening> = evenings
        .iter()
        .filter(|e| e.status == SessionStatus::Held)
        .collect();
    let yes = i18n::t(lang, "dashboard-series-yes");
    let present = i18n::t(lang, "dashboard-series-present");
    let rows: Vec<Row> = held
        .iter()
        .map(|e| Row {
            label: format!("{} {}", format::short_date(lang, e.starts_at), e.title),
            values: vec![e.yes, e.present],
        })
        .collect();
    let description = if held.is_empty() {
        i18n::t(lang, "dashboard-no-evenings")
    } else {
        rows.iter()
            .map(|r| {
                format!(
                    "{}: {} {yes}, {} {present}",
                    r.label, r.values[0], r.values[1]
                )
            })
            .collect::<Vec<_>>()
            .join("; ")
    };
    let title = i18n::t(lang, "dashboard-chart-evenings");
    charts::bar_chart(&Chart {
        id: "chart-evenings",
        title: &title,
        description: &description,
        series: &[&yes, &present],
        rows: &rows,
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
