//! The GenLær course catalogue: courses, and the public catalogue of
//! courses with their next open sessions, in a constant number of queries
//! whatever the number of courses and sessions.

use std::collections::HashMap;

use chrono::NaiveDateTime;
use diesel::prelude::*;
use serde::Serialize;

use super::schema::{branches, courses, genlaer_sessions, sessions};
use super::sessions::Session;
use super::{DbConnection, lower, now};
use crate::db::{Direct, columns_of};
use crate::domain::genlaer::{Audience, CourseFormat};
use crate::domain::session::{Availability, SessionKind, SessionStatus};

#[derive(Debug, Clone, Queryable, Selectable, Serialize)]
#[diesel(table_name = courses)]
pub struct Course {
    pub id: i64,
    pub slug: String,
    pub title: String,
    pub summary: String,
    pub description: String,
    pub audience: Audience,
    pub target_group: String,
    pub learning_goals: String,
    pub minutes: i32,
    pub format: CourseFormat,
    pub price_ore: i64,
    pub vat_note: String,
    pub cancellation_terms: String,
    pub late_free_if_refilled: bool,
    pub region_id: Option<i64>,
    pub published: bool,
    #[diesel(deserialize_as = crate::db::Stamp)]
    pub created_at: NaiveDateTime,
    #[diesel(deserialize_as = crate::db::Stamp)]
    pub updated_at: NaiveDateTime,
}

/// Everything a course is made of, for creating and editing: one list of
/// columns for both (`None` in `region_id` stores national, hence
/// `treat_none_as_null`).
#[derive(Debug, Clone, Insertable, AsChangeset)]
#[diesel(table_name = courses, treat_none_as_null = true)]
pub struct CourseFields {
    pub slug: String,
    pub title: String,
    pub summary: String,
    pub description: String,
    pub audience: Audience,
    pub target_group: String,
    pub learning_goals: String,
    pub minutes: i32,
    pub format: CourseFormat,
    pub price_ore: i64,
    pub vat_note: String,
    pub cancellation_terms: String,
    pub late_free_if_refilled: bool,
    pub region_id: Option<i64>,
    pub published: bool,
}

pub fn create(conn: &mut DbConnection, f: &CourseFields) -> QueryResult<i64> {
    let at = now();
    crate::db::insert_returning_id!(
        conn,
        courses,
        (f, courses::created_at.eq(at), courses::updated_at.eq(at))
    )
}

pub fn update(conn: &mut DbConnection, id: i64, f: &CourseFields) -> QueryResult<()> {
    diesel::update(courses::table.find(id))
        .set((f, courses::updated_at.eq(now())))
        .execute_direct(conn)?;
    Ok(())
}

pub fn find(conn: &mut DbConnection, id: i64) -> QueryResult<Course> {
    courses::table
        .find(id)
        .select(columns_of::<Course>())
        .first_direct(conn)
}

pub fn by_slug(conn: &mut DbConnection, slug: &str) -> QueryResult<Option<Course>> {
    courses::table
        .filter(courses::slug.eq(slug))
        .select(columns_of::<Course>())
        .first_direct(conn)
        .optional()
}

pub fn slug_taken(conn: &mut DbConnection, slug: &str, except: Option<i64>) -> QueryResult<bool> {
    let n: i64 = crate::db::direct!(conn, |c| {
        let mut q = courses::table.filter(courses::slug.eq(slug)).into_boxed();
        if let Some(id) = except {
            q = q.filter(courses::id.ne(id));
        }
        q.count().get_result(c)
    })?;
    Ok(n > 0)
}

/// Every course (drafts too), by title: the coordinators' list.
pub fn all(conn: &mut DbConnection) -> QueryResult<Vec<Course>> {
    courses::table
        .select(columns_of::<Course>())
        .order((courses::title, courses::id))
        .load_direct(conn)
}

/// Published courses that organisations can book.
pub fn bookable(conn: &mut DbConnection) -> QueryResult<Vec<Course>> {
    courses::table
        .filter(courses::published.eq(true))
        .filter(courses::format.ne("open"))
        .select(columns_of::<Course>())
        .order((courses::title, courses::id))
        .load_direct(conn)
}

/// What the catalogue is asked for.
#[derive(Debug, Clone, Default)]
pub struct Filter {
    pub region_id: Option<i64>,
    /// UTC bounds of a month.
    pub between: Option<(NaiveDateTime, NaiveDateTime)>,
    pub audience: Option<Audience>,
    pub text: Option<String>,
}

/// An open session as the catalogue shows it.
#[derive(Debug, Clone, Serialize)]
pub struct SessionCard {
    pub id: i64,
    pub starts_at: NaiveDateTime,
    pub ends_at: NaiveDateTime,
    pub location: String,
    pub online: bool,
    pub capacity: Option<i32>,
    pub seats_left: Option<i32>,
    pub waiting: i32,
    pub availability: Availability,
    pub enrol_deadline: Option<NaiveDateTime>,
    /// The organising branch; `None` for national sessions.
    pub branch: Option<String>,
    pub region_id: Option<i64>,
}

impl SessionCard {
    fn new(s: &Session, branch: Option<String>, region_id: Option<i64>, at: NaiveDateTime) -> Self {
        SessionCard {
            id: s.id,
            starts_at: s.starts_at,
            ends_at: s.ends_at,
            location: s.location.clone(),
            online: s.online_url.is_some(),
            capacity: s.capacity,
            seats_left: s.seats_left(),
            waiting: s.waitlist_count,
            availability: s.availability(at),
            enrol_deadline: s.enrol_deadline,
            branch,
            region_id,
        }
    }
}

#[derive(Debug, Clone, Serialize)]
pub struct CatalogueEntry {
    pub course: Course,
    pub sessions: Vec<SessionCard>,
    /// How many upcoming open sessions there are in all (`sessions` holds
    /// the first few).
    pub session_count: usize,
}

/// How many upcoming sessions each course has, and the cards shown, by course.
pub type Upcoming = (HashMap<i64, usize>, Vec<(i64, SessionCard)>);

/// Upcoming public sessions of the given courses, soonest first: open (not
/// cancelled or held), not an organisation's closed session, not yet
/// begun. Returns how many each course has and the first `shown` of each.
///
/// Two queries: the first reads only ids (a national catalogue has
/// thousands of upcoming sessions), the second the few sessions shown, so
/// the work does not grow with the number of sessions.
pub fn upcoming_public(
    conn: &mut DbConnection,
    course_ids: &[i64],
    filter: &Filter,
    at: NaiveDateTime,
    shown: usize,
) -> QueryResult<Upcoming> {
    let all: Vec<(i64, i64)> = crate::db::direct!(conn, |c| {
        let mut q = sessions::table
            .inner_join(genlaer_sessions::table.on(genlaer_sessions::session_id.eq(sessions::id)))
            .left_join(branches::table.on(sessions::branch_id.eq(branches::id.nullable())))
            .filter(sessions::kind.eq(SessionKind::Genlaer))
            .filter(sessions::status.eq(SessionStatus::Open))
            .filter(sessions::starts_at.gt(at))
            .filter(genlaer_sessions::booking_id.is_null())
            .filter(genlaer_sessions::course_id.eq_any(course_ids.to_vec()))
            .into_boxed();
        if let Some((from, to)) = filter.between {
            q = q
                .filter(sessions::starts_at.ge(from))
                .filter(sessions::starts_at.lt(to));
        }
        if let Some(region) = filter.region_id {
            q = q.filter(branches::region_id.eq(region));
        }
        q.order((sessions::starts_at, sessions::id))
            .select((genlaer_sessions::course_id, sessions::id))
            .load(c)
    })?;
    let mut counts: HashMap<i64, usize> = HashMap::new();
    let mut wanted: Vec<i64> = Vec::new();
    for (course_id, id) in all {
        let n = counts.entry(course_id).or_default();
        *n += 1;
        if *n <= shown {
            wanted.push(id);
        }
    }
    let rows: Vec<(i64, Session, Option<String>, Option<i64>)> = sessions::table
        .inner_join(genlaer_sessions::table.on(genlaer_sessions::session_id.eq(sessions::id)))
        .left_join(branches::table.on(sessions::branch_id.eq(branches::id.nullable())))
        .filter(sessions::id.eq_any(wanted))
        .order((sessions::starts_at, sessions::id))
        .select((
            genlaer_sessions::course_id,
            columns_of::<Session>(),
            branches::name.nullable(),
            branches::region_id.nullable(),
        ))
        .load_direct(conn)?;
    let cards = rows
        .into_iter()
        .map(|(course_id, s, branch, region)| (course_id, SessionCard::new(&s, branch, region, at)))
        .collect();
    Ok((counts, cards))
}

/// How many sessions each catalogue entry lists.
pub const SESSIONS_SHOWN: usize = 5;

/// The public catalogue: published courses matching the filter, each with
/// its next open sessions. Three queries, whatever the numbers.
pub fn catalogue(
    conn: &mut DbConnection,
    filter: &Filter,
    at: NaiveDateTime,
) -> QueryResult<Vec<CatalogueEntry>> {
    let found: Vec<Course> = crate::db::direct!(conn, |c| {
        let mut q = courses::table
            .filter(courses::published.eq(true))
            .into_boxed();
        if let Some(audience) = &filter.audience {
            q = q.filter(courses::audience.eq(*audience));
        }
        if let Some(pattern) = filter.text.as_deref().and_then(super::contains_pattern) {
            q = q.filter(
                lower(courses::title)
                    .like(pattern.clone())
                    .escape('\\')
                    .or(lower(courses::summary).like(pattern.clone()).escape('\\'))
                    .or(lower(courses::target_group)
                        .like(pattern.clone())
                        .escape('\\'))
                    .or(lower(courses::description).like(pattern).escape('\\')),
            );
        }
        q.order((courses::title, courses::id))
            .select(columns_of::<Course>())
            .load(c)
    })?;
    let ids: Vec<i64> = found.iter().map(|c| c.id).collect();
    let (counts, cards) = upcoming_public(conn, &ids, filter, at, SESSIONS_SHOWN)?;
    let mut by_course: HashMap<i64, Vec<SessionCard>> = HashMap::new();
    for (course_id, card) in cards {
        by_course.entry(course_id).or_default().push(card);
    }
    // Filters on sessions (region, month) keep only courses that have a
    // matching session, or, for the region, courses of that region.
    let session_filtered = filter.between.is_some() || filter.region_id.is_some();
    Ok(found
        .into_iter()
        .filter_map(|course| {
            let sessions = by_course.remove(&course.id).unwrap_or_default();
            let regional = filter.between.is_none()
                && filter.region_id.is_some()
                && course.region_id == filter.region_id;
            if session_filtered && sessions.is_empty() && !regional {
                return None;
            }
            let session_count = counts.get(&course.id).copied().unwrap_or(0);
            Some(CatalogueEntry {
                course,
                sessions,
                session_count,
            })
        })
        .collect())
}
