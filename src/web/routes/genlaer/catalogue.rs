//! The public catalogue: courses with their next sessions, one course, and
//! one session's page.

use actix_web::{HttpResponse, web};
use chrono::Datelike;
use serde::{Deserialize, Serialize};
use tera::Context;

use crate::app::genlaer::catalogue;
use crate::content::markdown_to_html;
use crate::db::branches::Region;
use crate::db::courses::{CatalogueEntry, Filter};
use crate::db::now;
use crate::domain::Code;
use crate::domain::genlaer::{self as rules, Audience};
use crate::error::AppError;
use crate::web::{MaybeUser, Page};

/// The catalogue's filter as the query string carries it.
#[derive(Debug, Deserialize, Serialize, Default, Clone)]
#[serde(default)]
pub struct Query {
    /// Region id.
    pub region: String,
    /// "2026-03".
    pub month: String,
    /// An `Audience` code.
    pub audience: String,
    pub q: String,
}

impl Query {
    pub fn filter(&self) -> Filter {
        Filter {
            region_id: self.region.trim().parse().ok(),
            between: rules::month(&self.month).and_then(|(y, m)| rules::month_bounds(y, m)),
            audience: Audience::parse(self.audience.trim()),
            text: Some(self.q.trim().to_string()).filter(|t| !t.is_empty()),
        }
    }
}

/// The catalogue for this query and the regions of the filter, as loaded
/// within the last second (`web::cache`): the busiest public page costs
/// the database one load per second and filter.
pub async fn cached(
    page: &Page,
    query: &Query,
) -> Result<std::sync::Arc<(Vec<CatalogueEntry>, Vec<Region>)>, AppError> {
    let key = serde_urlencoded::to_string(query).unwrap_or_default();
    if let Some(hit) = page.state.catalogue.get(&key) {
        return Ok(hit);
    }
    let loaded = std::sync::Arc::new(catalogue::catalogue(&page.state.app, query.filter()).await?);
    page.state.catalogue.put(key, loaded.clone());
    Ok(loaded)
}

pub async fn index(page: Page, query: web::Query<Query>) -> Result<HttpResponse, AppError> {
    let query = query.into_inner();
    let loaded = cached(&page, &query).await?;
    let (entries, regions) = (&loaded.0, &loaded.1);
    let today = crate::domain::time::local(now()).date_naive();
    let months: Vec<(String, String)> = rules::coming_months(today)
        .into_iter()
        .map(|(y, m)| {
            let first = chrono::NaiveDate::from_ymd_opt(y, m, 1).unwrap_or(today);
            let label = crate::i18n::format::day(page.lang, first);
            // "1. marts 2026" → "marts 2026"
            let label = label
                .split_once(' ')
                .map_or(label.clone(), |(_, r)| r.to_string());
            (format!("{y}-{m:02}"), label)
        })
        .collect();
    let mut ctx = Context::new();
    ctx.insert("entries", &entries);
    ctx.insert("regions", &regions);
    ctx.insert("months", &months);
    ctx.insert(
        "audiences",
        &Audience::ALL.iter().map(|a| a.as_str()).collect::<Vec<_>>(),
    );
    ctx.insert("query", &query);
    ctx.insert("year", &today.year());
    page.render("genlaer/catalogue.html", ctx)
}

/// A course with its description and upcoming public sessions.
pub async fn course(page: Page, slug: web::Path<String>) -> Result<HttpResponse, AppError> {
    let p = catalogue::course(&page.state.app, slug.into_inner()).await?;
    let mut ctx = Context::new();
    ctx.insert("description_html", &markdown_to_html(&p.course.description));
    ctx.insert("goals_html", &markdown_to_html(&p.course.learning_goals));
    ctx.insert("bookable", &p.course.format.bookable());
    ctx.insert("course", &p.course);
    ctx.insert("sessions", &p.sessions);
    ctx.insert("availability", &p.availability);
    ctx.insert("region", &p.region);
    page.render("genlaer/course.html", ctx)
}

pub async fn session(
    page: Page,
    user: MaybeUser,
    id: web::Path<i64>,
) -> Result<HttpResponse, AppError> {
    let id = id.into_inner();
    let viewer = user.0.map(|a| (*a).clone());
    let view = match catalogue::session_page(&page.state.app, viewer, id).await? {
        catalogue::SessionPage::Shown(view) => view,
        catalogue::SessionPage::SignInFirst => {
            return Err(AppError::LoginRequired {
                next: format!("/genlaer/hold/{id}"),
            });
        }
    };
    let mut ctx = Context::new();
    ctx.insert("v", &view);
    ctx.insert(
        "terms_html",
        &markdown_to_html(&view.course.cancellation_terms),
    );
    page.render("genlaer/session.html", ctx)
}
