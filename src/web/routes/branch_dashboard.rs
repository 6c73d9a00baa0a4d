//! A branch at a glance for its coordinators: volunteers by status,
//! evenings held this year and how many came, with charts drawn by the site
//! (`web::charts`). A fixed number of grouped queries, whatever the size of
//! the branch.

use std::collections::HashMap;

use actix_web::{HttpResponse, web};
use chrono::{Datelike, NaiveDate, NaiveTime};
use serde::Serialize;
use tera::Context;

use crate::db::evenings::{self, YearEvening};
use crate::db::supervision::{self, VolunteerStanding};
use crate::db::{branches, now, volunteers};
use crate::domain::evening::attendance_percent;
use crate::domain::session::SessionStatus;
use crate::domain::supervision::Standing;
use crate::domain::time::local_to_utc;
use crate::domain::volunteer::VolunteerStatus;
use crate::error::AppError;
use crate::i18n::{self, Lang, format};
use crate::web::charts::{self, Chart, Row};
use crate::web::{CoordinatorUser, Page};

/// The statuses the dashboard counts, in path order.
const STATUSES: [VolunteerStatus; 5] = [
    VolunteerStatus::Applicant,
    VolunteerStatus::Approved,
    VolunteerStatus::InTraining,
    VolunteerStatus::Active,
    VolunteerStatus::Paused,
];

#[derive(Serialize)]
struct Numbers {
    counts: HashMap<String, i64>,
    evenings_held: i64,
    evenings_planned: i64,
    yes: i64,
    present: i64,
    attendance_percent: Option<i64>,
}

fn numbers(counts: HashMap<String, i64>, evenings: &[YearEvening]) -> Numbers {
    let held: Vec<&YearEvening> = evenings
        .iter()
        .filter(|e| e.status == SessionStatus::Held.as_str())
        .collect();
    let yes = held.iter().map(|e| e.yes).sum();
    let present = held.iter().map(|e| e.present).sum();
    Numbers {
        counts,
        evenings_held: held.len() as i64,
        evenings_planned: (evenings.len() - held.len()) as i64,
        yes,
        present,
        attendance_percent: attendance_percent(present, yes),
    }
}

/// How the branch's active and paused brobyggere stand against the
/// supervision window, by standing in `Standing::ALL` order.
#[derive(Serialize)]
struct Compliance {
    counts: HashMap<&'static str, i64>,
    /// Active brobyggere (those on pause are exempt and left out).
    active: i64,
    /// Share of the active who are within the window (ok or due soon).
    within_percent: Option<i64>,
}

fn compliance(standings: &[VolunteerStanding]) -> Compliance {
    let mut counts: HashMap<&'static str, i64> =
        Standing::ALL.iter().map(|s| (s.as_str(), 0)).collect();
    for s in standings {
        *counts.entry(s.standing.as_str()).or_default() += 1;
    }
    let get = |s: Standing| counts.get(s.as_str()).copied().unwrap_or(0);
    let within = get(Standing::Ok) + get(Standing::DueSoon);
    let active = within + get(Standing::Overdue);
    Compliance {
        within_percent: (active > 0)
            .then(|| ((within * 100) as f64 / active as f64).round() as i64),
        active,
        counts,
    }
}

fn supervision_chart(lang: Lang, compliance: &Compliance) -> String {
    let rows: Vec<Row> = Standing::ALL
        .iter()
        .map(|s| Row {
            label: i18n::t(lang, &format!("supervision-standing-{}", s.as_str())),
            values: vec![compliance.counts.get(s.as_str()).copied().unwrap_or(0)],
        })
        .collect();
    count_chart(
        lang,
        "chart-supervision",
        "dashboard-chart-supervision",
        &rows,
    )
}

fn status_chart(lang: Lang, counts: &HashMap<String, i64>) -> String {
    let rows: Vec<Row> = STATUSES
        .iter()
        .map(|s| Row {
            label: i18n::t(lang, &format!("volunteer-status-{}", s.as_str())),
            values: vec![counts.get(s.as_str()).copied().unwrap_or(0)],
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
        .filter(|e| e.status == SessionStatus::Held.as_str())
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

pub async fn show(
    user: CoordinatorUser,
    page: Page,
    path: web::Path<i64>,
) -> Result<HttpResponse, AppError> {
    let id = path.into_inner();
    if !user.coordinates(id) {
        return Err(AppError::Forbidden);
    }
    // This calendar year in Copenhagen.
    let year = format::local(now()).year();
    let bound = |y: i32| {
        NaiveDate::from_ymd_opt(y, 1, 1)
            .and_then(|d| local_to_utc(d, NaiveTime::MIN).ok())
            .ok_or_else(|| AppError::Internal(anyhow::anyhow!("no start of year {y}")))
    };
    let (from, to) = (bound(year)?, bound(year + 1)?);
    let at = now();
    let (branch, counts, evenings, standings) = page
        .db()
        .run(move |c| {
            let branch = branches::find(c, id)?;
            let counts: HashMap<String, i64> = volunteers::counts_by_branch(c, &[id])?
                .into_iter()
                .map(|(_, status, n)| (status, n))
                .collect();
            let evenings = evenings::in_period(c, id, from, to)?;
            // The supervision overview's own rule and batch queries.
            let standings = supervision::overview(c, id, at)?;
            Ok((branch, counts, evenings, standings))
        })
        .await?;
    let lang = page.lang;
    let mut ctx = Context::new();
    ctx.insert("status_chart", &status_chart(lang, &counts));
    ctx.insert("evenings_chart", &evenings_chart(lang, &evenings));
    ctx.insert("numbers", &numbers(counts, &evenings));
    ctx.insert("evenings", &evenings);
    ctx.insert("branch", &branch);
    ctx.insert("year", &year);
    let compliance = compliance(&standings);
    ctx.insert("supervision_chart", &supervision_chart(lang, &compliance));
    ctx.insert("supervision", &compliance);
    page.render("coordinator/dashboard.html", ctx)
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::NaiveDateTime;

    fn evening(status: &str, yes: i64, present: i64) -> YearEvening {
        YearEvening {
            session_id: 1,
            title: "Aften".into(),
            starts_at: NaiveDateTime::default(),
            status: status.into(),
            yes,
            present,
        }
    }

    #[test]
    fn only_held_evenings_count_towards_attendance() {
        let n = numbers(
            HashMap::new(),
            &[
                evening("held", 10, 8),
                evening("held", 5, 4),
                evening("open", 20, 0),
            ],
        );
        assert_eq!(n.evenings_held, 2);
        assert_eq!(n.evenings_planned, 1);
        assert_eq!(n.yes, 15);
        assert_eq!(n.present, 12);
        assert_eq!(n.attendance_percent, Some(80));
    }
}
