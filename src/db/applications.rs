//! Volunteer applications as stored: the application with the volunteer
//! record it starts, the intro conversation and the decision. What a
//! decision means for the volunteer and the messages it sends are
//! `app::volunteers::applications`'.

use chrono::{NaiveDate, NaiveDateTime};
use diesel::prelude::*;
use serde::Serialize;

use super::id_list::in_list;
use super::schema::{users, volunteer_applications as apps, volunteers};
use super::{DbConnection, Keep, in_first, now, volunteer_history, volunteers as vols};
use crate::db::{Direct, columns_of};
use crate::domain::Role;
use crate::domain::application::ApplicationStatus;
use crate::domain::volunteer::VolunteerStatus;

#[derive(Debug, Clone, Queryable, Selectable, Serialize)]
#[diesel(table_name = apps)]
pub struct Application {
    pub id: i64,
    pub user_id: i64,
    pub branch_id: i64,
    pub study_programme: String,
    pub institution: String,
    pub semester: String,
    pub motivation: String,
    pub availability: String,
    pub heard_from: Option<String>,
    pub birth_year: Option<i32>,
    pub status: ApplicationStatus,
    pub intro_on: Option<NaiveDate>,
    pub intro_outcome: Option<String>,
    pub intro_by: Option<i64>,
    #[diesel(deserialize_as = crate::db::MaybeStamp)]
    pub decided_at: Option<NaiveDateTime>,
    pub decided_by: Option<i64>,
    pub decision_reason: Option<String>,
    #[diesel(deserialize_as = crate::db::Stamp)]
    pub created_at: NaiveDateTime,
    #[diesel(deserialize_as = crate::db::Stamp)]
    pub updated_at: NaiveDateTime,
}

/// What the applicant wrote, validated.
#[derive(Debug, Clone)]
pub struct NewApplication {
    pub branch_id: i64,
    pub study_programme: String,
    pub institution: String,
    pub semester: String,
    pub motivation: String,
    pub availability: String,
    pub heard_from: Option<String>,
    pub birth_year: Option<i32>,
}

/// Records an application by an existing account: their phone number, the
/// volunteer role, the volunteer record (status applicant, logged) and the
/// application, in the caller's transaction. Returns the application's id.
pub fn submit(
    conn: &mut DbConnection,
    user_id: i64,
    new: &NewApplication,
    phone: &str,
) -> QueryResult<i64> {
    let at = now();
    diesel::update(users::table.find(user_id))
        .set((users::phone.eq(phone), users::updated_at.eq(at)))
        .execute_direct(conn)?;
    super::users::grant_role(conn, user_id, Role::Volunteer)?;
    if vols::find(conn, user_id)?.is_some() {
        // Declined before and applying again (the caller has checked the
        // branch's waiting period): the same record, applicant again.
        if !volunteer_history::reopen(conn, user_id, new.branch_id, Some(user_id))? {
            return Err(diesel::result::Error::RollbackTransaction);
        }
    } else {
        vols::create(conn, user_id, new.branch_id, VolunteerStatus::Applicant)?;
        volunteer_history::record_start(conn, user_id, Some(user_id))?;
    }
    crate::db::insert_returning_id!(
        conn,
        apps,
        (
            apps::user_id.eq(user_id),
            apps::branch_id.eq(new.branch_id),
            apps::study_programme.eq(&new.study_programme),
            apps::institution.eq(&new.institution),
            apps::semester.eq(&new.semester),
            apps::motivation.eq(&new.motivation),
            apps::availability.eq(&new.availability),
            apps::heard_from.eq(new.heard_from.as_deref()),
            apps::birth_year.eq(new.birth_year),
            apps::status.eq(ApplicationStatus::Pending),
            apps::created_at.eq(at),
            apps::updated_at.eq(at),
        )
    )
}

pub fn find(conn: &mut DbConnection, id: i64) -> QueryResult<Application> {
    apps::table
        .find(id)
        .select(columns_of::<Application>())
        .first_direct(conn)
}

/// A person's newest application.
pub fn latest_of(conn: &mut DbConnection, user_id: i64) -> QueryResult<Option<Application>> {
    apps::table
        .filter(apps::user_id.eq(user_id))
        .order(apps::id.desc())
        .select(columns_of::<Application>())
        .first_direct(conn)
        .optional()
}

/// The newest application of each of these people, in one query.
pub fn latest_of_many(
    conn: &mut DbConnection,
    user_ids: &[i64],
) -> QueryResult<std::collections::HashMap<i64, Application>> {
    let rows: Vec<Application> = apps::table
        .filter(in_list(apps::user_id, user_ids.iter().copied()))
        .order(apps::id)
        .select(columns_of::<Application>())
        .load_direct(conn)?;
    Ok(rows.into_iter().map(|a| (a.user_id, a)).collect())
}

/// The status of the newest application of each of these people, in one
/// query of two columns (the activation gate needs no more).
pub fn latest_status_of_many(
    conn: &mut DbConnection,
    user_ids: &[i64],
) -> QueryResult<std::collections::HashMap<i64, ApplicationStatus>> {
    let rows: Vec<(i64, ApplicationStatus)> = apps::table
        .filter(in_list(apps::user_id, user_ids.iter().copied()))
        .order(apps::id)
        .select((apps::user_id, apps::status))
        .load_direct(conn)?;
    Ok(rows.into_iter().collect())
}

/// An application with its applicant, for the coordinator.
#[derive(Debug, Clone, Serialize)]
pub struct WithApplicant {
    pub application: Application,
    pub name: String,
    pub email: String,
    pub phone: Option<String>,
    pub volunteer_status: VolunteerStatus,
}

/// How many applications of a branch wait for a decision.
pub fn pending_count(conn: &mut DbConnection, branch_id: i64) -> QueryResult<i64> {
    Ok(pending_counts(conn, &[branch_id])?.0)
}

/// How many applications of these branches wait for a decision, and how
/// many of those have had their intro conversation: the counts kept
/// beside them (`pending_application_counts`, a row per branch), not an
/// index entry read for every pending application.
pub fn pending_counts(conn: &mut DbConnection, branch_ids: &[i64]) -> QueryResult<(i64, i64)> {
    use super::schema::pending_application_counts as counts;
    Ok(counts::table
        .filter(in_list(counts::branch_id, branch_ids.iter().copied()))
        .select((counts::pending, counts::after_intro))
        .kept()
        .load_direct::<(i64, i64)>(conn)?
        .into_iter()
        .fold((0, 0), |(all, after), (p, a)| (all + p, after + a)))
}

/// A pending application as the pipeline lists it: who, what they study,
/// since when, and whether the intro conversation is held. Not what they
/// wrote: the list has no use for it, and fifty motivations read, copied
/// and serialised were a sixth of the page's work.
#[derive(Debug, Clone, Queryable, Serialize)]
pub struct PendingRow {
    pub id: i64,
    pub name: String,
    pub study_programme: String,
    pub institution: String,
    pub intro_on: Option<NaiveDate>,
    #[diesel(deserialize_as = crate::db::Stamp)]
    pub created_at: NaiveDateTime,
}

/// The `limit` oldest pending applications of a branch, in one query.
pub fn pending_in_branch(
    conn: &mut DbConnection,
    branch_id: i64,
    limit: i64,
) -> QueryResult<Vec<PendingRow>> {
    // The page's applications are picked by the index first, and only
    // they are joined: with the join around the limit, PostgreSQL joined
    // every pending application of a busy branch (1,500 at national
    // scale) before sorting, 13 ms against 2.
    let picked = diesel::alias!(crate::db::schema::volunteer_applications as picked);
    let first = picked
        .filter(picked.field(apps::branch_id).eq(branch_id))
        .filter(picked.field(apps::status).eq(ApplicationStatus::Pending))
        .order((picked.field(apps::created_at), picked.field(apps::id)))
        .select(picked.field(apps::id));
    apps::table
        .inner_join(users::table.on(users::id.eq(apps::user_id)))
        .filter(in_first(apps::id, first, limit))
        .order((apps::created_at, apps::id))
        .select((
            apps::id,
            users::name,
            apps::study_programme,
            apps::institution,
            apps::intro_on,
            apps::created_at,
        ))
        .kept()
        .load_direct(conn)
}

pub fn with_applicant(conn: &mut DbConnection, id: i64) -> QueryResult<WithApplicant> {
    let (application, name, email, phone, volunteer_status) = apps::table
        .find(id)
        .inner_join(users::table.on(users::id.eq(apps::user_id)))
        .inner_join(volunteers::table.on(volunteers::user_id.eq(apps::user_id)))
        .select((
            columns_of::<Application>(),
            users::name,
            users::email,
            users::phone,
            volunteers::status,
        ))
        .first_direct::<(Application, String, String, Option<String>, VolunteerStatus)>(conn)?;
    Ok(WithApplicant {
        application,
        name,
        email,
        phone,
        volunteer_status,
    })
}

pub fn record_intro(
    conn: &mut DbConnection,
    id: i64,
    on: NaiveDate,
    outcome: &str,
    by: i64,
) -> QueryResult<()> {
    let n = diesel::update(apps::table.find(id))
        .set((
            apps::intro_on.eq(on),
            apps::intro_outcome.eq(outcome),
            apps::intro_by.eq(by),
            apps::updated_at.eq(now()),
        ))
        .execute_direct(conn)?;
    if n == 0 {
        return Err(diesel::result::Error::NotFound);
    }
    Ok(())
}

/// Records the decision on a pending application: `to` is accepted or
/// declined. Conditional on the application still pending, so that two
/// coordinators deciding at once cannot both; returns whether it was.
pub fn set_decision(
    conn: &mut DbConnection,
    id: i64,
    to: ApplicationStatus,
    reason: Option<&str>,
    by: i64,
) -> QueryResult<bool> {
    let at = now();
    let n = diesel::update(
        apps::table
            .find(id)
            .filter(apps::status.eq(ApplicationStatus::Pending)),
    )
    .set((
        apps::status.eq(to),
        apps::decided_at.eq(at),
        apps::decided_by.eq(by),
        apps::decision_reason.eq(reason),
        apps::updated_at.eq(at),
    ))
    .execute_direct(conn)?;
    Ok(n == 1)
}

/// Moves an application's dates. For demo content only.
#[doc(hidden)]
pub fn backdate(
    conn: &mut DbConnection,
    id: i64,
    created: NaiveDateTime,
    decided: Option<NaiveDateTime>,
) -> QueryResult<()> {
    diesel::update(apps::table.find(id))
        .set((
            apps::created_at.eq(created),
            apps::updated_at.eq(decided.unwrap_or(created)),
            apps::decided_at.eq(decided),
        ))
        .execute_direct(conn)?;
    Ok(())
}
