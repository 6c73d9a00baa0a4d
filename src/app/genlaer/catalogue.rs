//! What the public sees of GenLær: the catalogue, a course, and a session's
//! page (also reached through an organisation's private link).

use serde::Serialize;

use crate::app::{App, Error};
use crate::auth::token;
use crate::db::branches::{self, Region};
use crate::db::courses::{self, CatalogueEntry, Course, Filter};
use crate::db::genlaer::{self, Detail, Listed};
use crate::db::sessions::{self, Meeting, Session};
use crate::db::users::Account;
use crate::db::{DbConnection, bookings, enrolments, now};
use crate::domain::enrolment::{self as enrolment_rules, EnrolmentStatus};
use crate::domain::session::{Availability, SessionStatus};

/// The catalogue's courses with their next sessions, and the regions of its
/// filter.
pub async fn catalogue(
    app: &App,
    filter: Filter,
) -> Result<(Vec<CatalogueEntry>, Vec<Region>), Error> {
    app.read(move |c| {
        Ok((
            courses::catalogue(c, &filter, now())?,
            branches::regions(c)?,
        ))
    })
    .await
}

/// A published course with its open, upcoming public sessions.
#[derive(Serialize)]
pub struct CoursePage {
    pub course: Course,
    pub sessions: Vec<Listed>,
    pub availability: Vec<Availability>,
    /// `None`: a national course.
    pub region: Option<String>,
}

pub async fn course(app: &App, slug: String) -> Result<CoursePage, Error> {
    app.read(move |c| {
        let course = courses::by_slug(c, &slug)?
            .filter(|c| c.published)
            .ok_or(Error::NotFound)?;
        let sessions: Vec<Listed> = genlaer::of_course(c, course.id, true, Some(now()))?
            .into_iter()
            .filter(|l| l.session.status == SessionStatus::Open)
            .collect();
        let region = match course.region_id {
            Some(r) => Some(branches::region(c, r)?.name),
            None => None,
        };
        Ok(CoursePage {
            availability: with_availability(&sessions),
            course,
            sessions,
            region,
        })
    })
    .await
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
    pub mine: Option<(EnrolmentStatus, Option<i64>)>,
    /// Whether the viewer may still cancel it themselves.
    pub may_cancel: bool,
    pub manages: bool,
}

/// What a session's address shows.
pub enum SessionPage {
    Shown(Box<SessionView>),
    /// An organisation's session, asked for by someone not signed in: its
    /// participants follow links in their emails, so they sign in first
    /// (or choose their password) and come back.
    SignInFirst,
}

/// A session's page. A closed (organisation's) session is shown only to
/// the people in it, its booker and those who manage it; to anyone else
/// signed in it is not found.
pub async fn session_page(
    app: &App,
    viewer: Option<Account>,
    id: i64,
) -> Result<SessionPage, Error> {
    app.read(move |c| {
        let (session, detail) = genlaer::find(c, id)?;
        if detail.is_closed() && !may_see_closed(c, viewer.as_ref(), &session, &detail)? {
            return match viewer {
                None => Ok(SessionPage::SignInFirst),
                Some(_) => Err(Error::NotFound),
            };
        }
        Ok(SessionPage::Shown(Box::new(view(
            c,
            viewer.as_ref(),
            session,
            detail,
        )?)))
    })
    .await
}

/// A session's page for someone who may see it; not found otherwise.
pub async fn session(app: &App, viewer: Option<Account>, id: i64) -> Result<SessionView, Error> {
    match session_page(app, viewer, id).await? {
        SessionPage::Shown(view) => Ok(*view),
        SessionPage::SignInFirst => Err(Error::NotFound),
    }
}

/// A session of the catalogue as its enrolment form shows it: an
/// organisation's session takes enrolments only through its link.
pub async fn open_for_enrolment(
    app: &App,
    viewer: Option<Account>,
    id: i64,
) -> Result<SessionView, Error> {
    let view = session(app, viewer, id).await?;
    if view.detail.is_closed() {
        return Err(Error::NotFound);
    }
    Ok(view)
}

/// The session an organisation's private link opens: the link itself
/// admits to it.
pub async fn by_link(app: &App, viewer: Option<Account>, raw: &str) -> Result<SessionView, Error> {
    let digest = token::digest(raw);
    app.read(move |c| {
        let (session, detail) = genlaer::by_link(c, &digest)?.ok_or(Error::NotFound)?;
        view(c, viewer.as_ref(), session, detail)
    })
    .await
}

fn may_see_closed(
    conn: &mut DbConnection,
    viewer: Option<&Account>,
    session: &Session,
    detail: &Detail,
) -> Result<bool, Error> {
    let Some(a) = viewer else { return Ok(false) };
    if a.manages(session.branch_id) {
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

/// The page's content, for a session the viewer may see.
fn view(
    conn: &mut DbConnection,
    viewer: Option<&Account>,
    session: Session,
    detail: Detail,
) -> Result<SessionView, Error> {
    let id = session.id;
    let course = courses::find(conn, detail.course_id)?;
    let meetings = sessions::meetings(conn, id)?;
    let branch = match session.branch_id {
        Some(b) => Some(branches::find(conn, b)?.name),
        None => None,
    };
    let at = now();
    let (mine, may_cancel) = match viewer {
        Some(a) => match enrolments::find(conn, id, a.user.id)? {
            Some(e) if e.status.is_active() => {
                let position = if e.status == EnrolmentStatus::Waitlisted {
                    Some(enrolments::position(conn, &e)?)
                } else {
                    None
                };
                let may =
                    enrolment_rules::cancellation(&session.facts(), Some(e.status), at, false)
                        .is_ok();
                (Some((e.status, position)), may)
            }
            _ => (None, false),
        },
        None => (None, false),
    };
    let manages = viewer.is_some_and(|a| a.manages(session.branch_id));
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

/// Sessions listed with the availability each has now.
pub fn with_availability(list: &[Listed]) -> Vec<Availability> {
    let at = now();
    list.iter().map(|l| l.session.availability(at)).collect()
}
