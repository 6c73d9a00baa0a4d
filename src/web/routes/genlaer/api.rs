//! `GET /api/v1/genlaer`: the public catalogue as JSON, for the NGO's own
//! website. Same filters as the page (`region`, `month`, `audience`, `q`).
//! The shape is documented in the README and pinned by tests.

use actix_web::http::header::ACCESS_CONTROL_ALLOW_ORIGIN;
use actix_web::{HttpResponse, web};
use serde::Serialize;

use super::catalogue::{Query, load};
use crate::db::branches::Region;
use crate::db::courses::CatalogueEntry;
use crate::domain::time::local;
use crate::error::AppError;
use crate::web::Page;
use crate::web::page_cache::Rendered;

#[derive(Serialize)]
struct Catalogue {
    courses: Vec<CourseJson>,
}

#[derive(Serialize)]
struct Price {
    ore: i64,
    text: String,
}

#[derive(Serialize)]
struct CourseJson {
    slug: String,
    title: String,
    summary: String,
    target_group: String,
    audience: crate::domain::genlaer::Audience,
    hours: f64,
    format: crate::domain::genlaer::CourseFormat,
    price: Price,
    vat_note: String,
    /// `null`: national.
    region: Option<String>,
    url: String,
    sessions: Vec<SessionJson>,
}

#[derive(Serialize)]
struct SessionJson {
    id: i64,
    /// RFC 3339 with the Copenhagen offset.
    starts_at: String,
    ends_at: String,
    location: String,
    online: bool,
    capacity: Option<i32>,
    /// `null`: no limit.
    seats_left: Option<i32>,
    availability: crate::domain::session::Availability,
    branch: Option<String>,
    url: String,
    enrol_url: String,
}

pub async fn catalogue(page: Page, query: web::Query<Query>) -> Result<HttpResponse, AppError> {
    let query = query.into_inner().canonical();
    let address = query.address("/api/v1/genlaer");
    // The same for every visitor, signed in or not.
    let slot = page.slot(format!("api:{address}"), &address, query.admit());
    if let Some(hit) = page.from_cache(Some(&slot)) {
        return Ok(hit);
    }
    let (entries, regions) = load(&page, &query).await?;
    let courses = as_json(entries, &regions, |path| page.state.links.absolute(&path));
    let body =
        serde_json::to_vec(&Catalogue { courses }).map_err(|e| AppError::Internal(e.into()))?;
    Ok(page.store(
        slot,
        Rendered::public(
            body,
            "application/json",
            // Anyone may keep it, but asks again each time (the ETag makes
            // that cheap): seats left change with every enrolment.
            "public, no-cache",
            // Public data, meant to be fetched by other sites' pages.
            vec![(ACCESS_CONTROL_ALLOW_ORIGIN, "*")],
        ),
    ))
}

/// The catalogue as the API writes it, with absolute links (`link` makes a
/// path absolute).
fn as_json(
    entries: Vec<CatalogueEntry>,
    regions: &[Region],
    link: impl Fn(String) -> String,
) -> Vec<CourseJson> {
    let regions: std::collections::HashMap<i64, &str> =
        regions.iter().map(|r| (r.id, r.name.as_str())).collect();
    entries
        .into_iter()
        .map(|e| CourseJson {
            url: link(format!("/genlaer/{}", e.course.slug)),
            slug: e.course.slug,
            title: e.course.title,
            summary: e.course.summary,
            target_group: e.course.target_group,
            audience: e.course.audience,
            hours: f64::from(e.course.minutes) / 60.0,
            format: e.course.format,
            price: Price {
                ore: e.course.price_ore,
                text: crate::domain::money::danish(e.course.price_ore),
            },
            vat_note: e.course.vat_note,
            region: e
                .course
                .region_id
                .and_then(|r| regions.get(&r).map(|name| (*name).to_string())),
            sessions: e
                .sessions
                .into_iter()
                .map(|s| SessionJson {
                    id: s.id,
                    starts_at: local(s.starts_at).to_rfc3339(),
                    ends_at: local(s.ends_at).to_rfc3339(),
                    location: s.location,
                    online: s.online,
                    capacity: s.capacity,
                    seats_left: s.seats_left,
                    availability: s.availability,
                    branch: s.branch,
                    url: link(format!("/genlaer/hold/{}", s.id)),
                    enrol_url: link(format!("/genlaer/hold/{}/tilmeld", s.id)),
                })
                .collect(),
        })
        .collect()
}
