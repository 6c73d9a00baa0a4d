//! The public catalogue: courses with their next sessions, one course, and
//! one session's page.

use actix_web::{HttpResponse, web};
use chrono::Datelike;
use serde::{Deserialize, Serialize};
use tera::Context;

use crate::content::markdown_to_html;
use crate::db::branches::Region;
use crate::db::courses::{self, CatalogueEntry, Course, Filter};
use crate::db::genlaer::{self, Detail, Listed};
use crate::db::sessions::{self, Meeting, Session};
use crate::db::{DbConnection, bookings, branches, enrolments, now, users::Account};
use crate::domain::genlaer::{self as rules, Audience};
use crate::domain::session::Availability;
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
            audience: Audience::parse(self.audience.trim()).map(|a| a.as_str().to_string()),
            text: Some(self.q.trim().to_string()).filter(|t| !t.is_empty()),
        }
    }
}

pub fn load(conn: &mut DbConnection, query: &Query) -> Result<Vec<CatalogueEntry>, AppError> {
    Ok(courses::catalogue(conn, &query.filter(), now())?)
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
    let q = query.clone();
    let loaded = std::sync::Arc::new(
        page.db()
            .run(move |c| Ok((load(c, &q)?, branches::regions(c)?)))
            .await?,
    );
    page.state.catalogue.put(key, loaded.clone());
    Ok(loaded)
}

pub async fn index(page: Page, query: web::Query<Query>) -> Result<HttpResponse, AppError> {
    let query = query.into_inner();
    let loaded = cached(&page, &query).await?;
    let (entries, regions) = (&loaded.0, &loaded.1);
    let today = crate::i18n::format::local(now()).date_naive();
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
    ctx.insert("audiences", &Audience::ALL.map(Audience::as_str));
    ctx.insert("query", &query);
    ctx.insert("year", &today.year());
    page.render("genlaer/catalogue.html", ctx)
}

/// A course with its description and upcoming public sessions.
pub async fn course(page: Page, slug: web::Path<String>) -> Result<HttpResponse, AppError> {
    let slug = slug.into_inner();
    let (course, sessions, region) = page
        .db()
        .run(move |c| {
            let course = courses::by_slug(c, &slug)?
                .filter(|c| c.published)
                .ok_or(AppError::NotFound)?;
            let sessions = genlaer::of_course(c, course.id, true, Some(now()))?
                .into_iter()
                .filter(|l| l.session.status() == crate::domain::session::SessionStatus::Open)
                .collect::<Vec<_>>();
            let region = match course.region_id {
                Some(r) => Some(branches::region(c, r)?.name),
                None => None,
            };
            Ok((course, sessions, region))
        })
        .await?;
    let at = now();
    let availability: Vec<Availability> = sessions
        .iter()
        .map(|l| l.session.availability(at))
        .collect();
    let mut ctx = Context::new();
    ctx.insert("description_html", &markdown_to_html(&course.description));
    ctx.insert("goals_html", &markdown_to_html(&course.learning_goals));
    ctx.insert("course", &course);
    ctx.insert("sessions", &sessions);
    ctx.insert("availability", &availability);
    ctx.insert("region", &region);
    ctx.insert(
        "bookable",
        &rules::CourseFormat::parse(&course.format).is_some_and(rules::CourseFormat::bookable),
    );
    page.render("genlaer/course.html", ctx)
}

/// Everything the session page shows.
#[derive(Serialize)]
pub struct SessionView {
    pub session: Session,
    pub detail: Detail,
    pub course: Course,
    pub meetings: Vec<Meeting>,
    pub availability: Availability,
    pub branch: Option<String>,
    /// The viewer's own enrolment status and queue place, if any.
    pub mine: Option<(String, Option<i64>)>,
    /// Whether the viewer may still cancel it themselves.
    pub may_cancel: bool,
    pub manages: bool,
}

/// A closed (organisation's) session is shown only to the people in it,
/// its booker and those who manage it.
fn may_see_closed(
    conn: &mut DbConnection,
    account: Option<&Account>,
    session: &Session,
    detail: &Detail,
) -> Result<bool, AppError> {
    let Some(a) = account else { return Ok(false) };
    if super::manages_branch(a, session.branch_id) {
        return Ok(true);
    }
    if enrolments::find(conn, session.id, a.user.id)?.is_some() {
        return Ok(true);
    }
    if let Some(b) = detail.booking_id {
        return Ok(bookings::find(conn, b)?.requester_id == a.user.id);
    }
    Ok(false)
}

pub fn session_view(
    conn: &mut DbConnection,
    account: Option<&Account>,
    id: i64,
) -> Result<SessionView, AppError> {
    let (session, detail) = genlaer::find(conn, id)?;
    if detail.is_closed() && !may_see_closed(conn, account, &session, &detail)? {
        return Err(AppError::NotFound);
    }
    build_view(conn, account, session, detail)
}

/// The page's content, for a session the viewer may see.
pub fn build_view(
    conn: &mut DbConnection,
    account: Option<&Account>,
    session: Session,
    detail: Detail,
) -> Result<SessionView, AppError> {
    let id = session.id;
    let course = courses::find(conn, detail.course_id)?;
    let meetings = sessions::meetings(conn, id)?;
    let branch = match session.branch_id {
        Some(b) => Some(branches::find(conn, b)?.name),
        None => None,
    };
    let at = now();
    let (mine, may_cancel) = match account {
        Some(a) => match enrolments::find(conn, id, a.user.id)? {
            Some(e) if e.status().is_active() => {
                let position =
                    if e.status() == crate::domain::enrolment::EnrolmentStatus::Waitlisted {
                        Some(enrolments::position(conn, &e)?)
                    } else {
                        None
                    };
                let may = crate::domain::enrolment::cancellation(
                    &session.facts(),
                    Some(e.status()),
                    at,
                    false,
                )
                .is_ok();
                (Some((e.status.clone(), position)), may)
            }
            _ => (None, false),
        },
        None => (None, false),
    };
    let manages = account.is_some_and(|a| super::manages_branch(a, session.branch_id));
    Ok(SessionView {
        availability: session.availability(at),
        session,
        detail,
        course,
        meetings,
        branch,
        mine,
        may_cancel,
        manages,
    })
}

pub async fn session(
    page: Page,
    user: MaybeUser,
    id: web::Path<i64>,
) -> Result<HttpResponse, AppError> {
    let id = id.into_inner();
    let account = user.0.map(|a| (*a).clone());
    let view = page
        .db()
        .run(move |c| session_view(c, account.as_ref(), id))
        .await?;
    let mut ctx = Context::new();
    ctx.insert("v", &view);
    ctx.insert(
        "terms_html",
        &markdown_to_html(&view.course.cancellation_terms),
    );
    page.render("genlaer/session.html", ctx)
}

/// Sessions listed with the availability each has now.
pub fn with_availability(list: &[Listed]) -> Vec<Availability> {
    let at = now();
    list.iter().map(|l| l.session.availability(at)).collect()
}
