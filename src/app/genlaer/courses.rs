//! Coordinators' GenLær start page and the course editor. Administrators
//! edit every course and alone the national ones; a coordinator edits the
//! courses of the regions their branches belong to.

use serde::Serialize;

use super::{may_edit_course, regions_of};
use crate::app::audit::{self, Actor, Object};
use crate::app::{Abort, App, Error};
use crate::db::branches::{self, Region};
use crate::db::courses::{self, Course, CourseFields};
use crate::db::genlaer::{self, Listed};
use crate::db::users::Account;
use crate::db::{DbConnection, bookings};
use crate::domain::audit::{Action, ObjectKind};
use crate::domain::genlaer::BookingStatus;
use crate::domain::{FieldErrors, Invalid};

/// The number of sessions the start page lists, soonest first.
const SESSIONS_LISTED: i64 = 200;

#[derive(Serialize)]
pub struct CourseRow {
    pub course: Course,
    pub editable: bool,
}

/// The coordinator's start page: every course (marked where they may edit
/// it), the sessions they manage and the bookings awaiting an answer.
pub struct Overview {
    pub courses: Vec<CourseRow>,
    pub sessions: Vec<Listed>,
    pub pending_bookings: usize,
}

pub async fn overview(app: &App, account: &Account) -> Result<Overview, Error> {
    let account = account.clone();
    app.read(move |c| {
        let regions = regions_of(&account);
        let courses = courses::all(c)?
            .into_iter()
            .map(|course| CourseRow {
                editable: account.is_admin()
                    || course.region_id.is_some_and(|r| regions.contains(&r)),
                course,
            })
            .collect();
        let branches = (!account.is_admin()).then(|| account.branches.clone());
        let sessions = genlaer::managed(c, branches.as_deref(), SESSIONS_LISTED)?;
        let pending_bookings = bookings::for_branches(c, branches.as_deref())?
            .into_iter()
            .filter(|b| b.booking.status == BookingStatus::Pending)
            .count();
        Ok(Overview {
            courses,
            sessions,
            pending_bookings,
        })
    })
    .await
}

/// The regions this account may put a course in.
pub async fn regions_for(app: &App, account: &Account) -> Result<Vec<Region>, Error> {
    let account = account.clone();
    app.read(move |c| allowed_regions(c, &account)).await
}

fn allowed_regions(conn: &mut DbConnection, account: &Account) -> Result<Vec<Region>, Error> {
    let all = branches::regions(conn)?;
    if account.is_admin() {
        return Ok(all);
    }
    let mine = regions_of(account);
    Ok(all.into_iter().filter(|r| mine.contains(&r.id)).collect())
}

/// A course the account may edit, with its sessions and the regions it may
/// be moved to.
pub struct Editing {
    pub course: Course,
    pub sessions: Vec<Listed>,
    pub regions: Vec<Region>,
}

pub async fn editing(app: &App, account: &Account, id: i64) -> Result<Editing, Error> {
    let account = account.clone();
    app.read(move |c| {
        let course = editable(c, &account, id)?;
        Ok(Editing {
            sessions: genlaer::of_course(c, id, false, None)?,
            regions: allowed_regions(c, &account)?,
            course,
        })
    })
    .await
}

/// The course, if this account may edit it.
pub async fn editable_course(app: &App, account: &Account, id: i64) -> Result<Course, Error> {
    let account = account.clone();
    app.read(move |c| editable(c, &account, id)).await
}

fn editable(conn: &mut DbConnection, account: &Account, id: i64) -> Result<Course, Error> {
    let course = courses::find(conn, id)?;
    if may_edit_course(account, &course) {
        Ok(course)
    } else {
        Err(Error::Forbidden)
    }
}

/// Saves a new course (`existing` None) or the changes to one, checking
/// again that the account may edit it and place it in its region; a slug
/// another course has is a mistake beside the field.
#[tracing::instrument(skip(app, account, fields), fields(actor = account.user.id))]
pub async fn save(
    app: &App,
    account: &Account,
    by: Actor,
    existing: Option<i64>,
    mut fields: CourseFields,
) -> Result<Result<i64, FieldErrors>, Error> {
    let account = account.clone();
    fields.title = fields.title.trim().to_string();
    app.write_or_refuse(move |c| {
        if let Some(id) = existing {
            editable(c, &account, id)?;
        }
        let region_allowed = match fields.region_id {
            Some(r) => account.is_admin() || regions_of(&account).contains(&r),
            None => account.is_admin(),
        };
        if !region_allowed {
            return Err(Abort::Failed(Error::Forbidden));
        }
        if courses::slug_taken(c, &fields.slug, existing)? {
            let mut errors = FieldErrors::new();
            errors.add("slug", Invalid("error-slug-taken"));
            return Err(Abort::Refused(errors));
        }
        let (action, id) = match existing {
            Some(id) => {
                courses::update(c, id, &fields)?;
                (Action::CourseUpdated, id)
            }
            None => (Action::CourseCreated, courses::create(c, &fields)?),
        };
        let object = Object::new(ObjectKind::Course, id).labelled(fields.title.as_str());
        audit::record(c, &by, action, &object, None)?;
        Ok(id)
    })
    .await
}
