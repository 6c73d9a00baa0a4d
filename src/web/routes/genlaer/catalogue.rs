//! The public catalogue: courses with their next sessions, one course, and
//! one session's page, from the page cache (`web::page_cache`) when they
//! may be shared.

use actix_web::{HttpResponse, web};
use chrono::Datelike;
use serde::{Deserialize, Serialize};
use tera::Context;

use crate::app::genlaer::catalogue;
use crate::cache::Admit;
use crate::content::markdown_to_html;
use crate::db::branches::Region;
use crate::db::courses::{CatalogueEntry, Filter};
use crate::db::now;
use crate::domain::Code;
use crate::domain::genlaer::{self as rules, Audience};
use crate::error::AppError;
use crate::web::page::SharedWith;
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

    /// The same filter, spelled one way: what the filter ignores (spaces
    /// around values, an unknown region, month or audience) is dropped, so
    /// that every spelling shares one cache entry and the page shows the
    /// filter it applied.
    pub fn canonical(&self) -> Query {
        let filter = self.filter();
        Query {
            region: filter.region_id.map(|r| r.to_string()).unwrap_or_default(),
            month: match filter.between {
                Some(_) => self.month.trim().to_string(),
                None => String::new(),
            },
            audience: filter
                .audience
                .map(|a| a.as_str().to_string())
                .unwrap_or_default(),
            q: filter.text.unwrap_or_default(),
        }
    }

    /// `path` with this query, its empty fields left out.
    pub fn address(&self, path: &str) -> String {
        let mut query = form_urlencoded::Serializer::new(String::new());
        for (name, value) in [
            ("region", &self.region),
            ("month", &self.month),
            ("audience", &self.audience),
            ("q", &self.q),
        ] {
            if !value.is_empty() {
                query.append_pair(name, value);
            }
        }
        let query = query.finish();
        if query.is_empty() {
            path.to_string()
        } else {
            format!("{path}?{query}")
        }
    }

    /// A free-text search is rarely asked for twice: it may take only part
    /// of a cache.
    pub fn admit(&self) -> Admit {
        if self.q.is_empty() {
            Admit::Shared
        } else {
            Admit::Rare
        }
    }
}

/// The catalogue for this (canonical) query and the regions of its filter.
/// Not kept itself: the pages and the JSON made from it are
/// (`web::page_cache`).
pub async fn load(
    page: &Page,
    query: &Query,
) -> Result<(Vec<CatalogueEntry>, Vec<Region>), AppError> {
    Ok(catalogue::catalogue(&page.state.app, query.filter()).await?)
}

pub async fn index(page: Page, query: web::Query<Query>) -> Result<HttpResponse, AppError> {
    let query = query.into_inner().canonical();
    let slot = page.public_slot(
        &query.address("/genlaer"),
        query.admit(),
        SharedWith::SameHeader,
    );
    if let Some(hit) = page.from_cache(slot.as_ref()) {
        return Ok(hit);
    }
    let loaded = load(&page, &query).await?;
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
    page.render_public(slot, "genlaer/catalogue.html", ctx)
}

/// A course with its description and upcoming public sessions.
pub async fn course(page: Page, slug: web::Path<String>) -> Result<HttpResponse, AppError> {
    let slot = page.public_slot(page.req.path(), Admit::Shared, SharedWith::SameHeader);
    if let Some(hit) = page.from_cache(slot.as_ref()) {
        return Ok(hit);
    }
    let p = catalogue::course(&page.state.app, slug.into_inner()).await?;
    let mut ctx = Context::new();
    ctx.insert("description_html", &markdown_to_html(&p.course.description));
    ctx.insert("goals_html", &markdown_to_html(&p.course.learning_goals));
    ctx.insert("bookable", &p.course.format.bookable());
    ctx.insert("course", &p.course);
    ctx.insert("sessions", &p.sessions);
    ctx.insert("availability", &p.availability);
    ctx.insert("region", &p.region);
    page.render_public(slot, "genlaer/course.html", ctx)
}

pub async fn session(
    page: Page,
    user: MaybeUser,
    id: web::Path<i64>,
) -> Result<HttpResponse, AppError> {
    let id = id.into_inner();
    // A signed-in visitor sees their own seat here.
    let slot = page.public_slot(
        &format!("/genlaer/hold/{id}"),
        Admit::Shared,
        SharedWith::Anonymous,
    );
    if let Some(hit) = page.from_cache(slot.as_ref()) {
        return Ok(hit);
    }
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
    page.render_public(slot, "genlaer/session.html", ctx)
}
