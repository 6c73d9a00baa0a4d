//! Volunteer applications: the public form creates the account, the
//! volunteer record and the application together; coordinators record the
//! intro conversation and accept or decline.

use chrono::{NaiveDate, NaiveDateTime};
use diesel::prelude::*;
use serde::Serialize;

use super::schema::{branches, users, volunteer_applications as apps, volunteers};
use super::{DbConnection, now, outbox, volunteer_history, volunteers as vols};
use crate::domain::Role;
use crate::domain::application::ApplicationStatus;
use crate::domain::volunteer::{StatusChange, VolunteerStatus};
use crate::mail::{Message, Recipient};

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
    pub status: String,
    pub intro_on: Option<NaiveDate>,
    pub intro_outcome: Option<String>,
    pub intro_by: Option<i64>,
    pub decided_at: Option<NaiveDateTime>,
    pub decided_by: Option<i64>,
    pub decision_reason: Option<String>,
    pub created_at: NaiveDateTime,
    pub updated_at: NaiveDateTime,
}

impl Application {
    pub fn status(&self) -> ApplicationStatus {
        ApplicationStatus::parse(&self.status).unwrap_or(ApplicationStatus::Pending)
    }
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

/// Records an application by an existing account: the volunteer role, the
/// volunteer record (status applicant, logged) and the application, with
/// the receipt to the applicant. The caller's transaction holds it
/// together; `verify_link` is for a new, unconfirmed account.
pub fn submit(
    conn: &mut DbConnection,
    user_id: i64,
    new: &NewApplication,
    phone: &str,
    verify_link: Option<String>,
    dashboard_link: String,
) -> QueryResult<i64> {
    let at = now();
    diesel::update(users::table.find(user_id))
        .set((users::phone.eq(phone), users::updated_at.eq(at)))
        .execute(conn)?;
    super::users::grant_role(conn, user_id, Role::Volunteer)?;
    vols::create(conn, user_id, new.branch_id, VolunteerStatus::Applicant)?;
    volunteer_history::record_start(conn, user_id, Some(user_id))?;
    let id = crate::db::insert_returning_id!(
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
            apps::status.eq(ApplicationStatus::Pending.as_str()),
            apps::created_at.eq(at),
            apps::updated_at.eq(at),
        )
    )?;
    let branch: String = branches::table
        .find(new.branch_id)
        .select(branches::name)
        .first(conn)?;
    let user = super::users::find(conn, user_id)?;
    outbox::enqueue(
        conn,
        &Recipient::from(&user),
        &Message::ApplicationReceived {
            branch,
            verify_link,
            link: dashboard_link,
        },
    )?;
    Ok(id)
}

pub fn find(conn: &mut DbConnection, id: i64) -> QueryResult<Application> {
    apps::table
        .find(id)
        .select(Application::as_select())
        .first(conn)
}

/// A person's newest application.
pub fn latest_of(conn: &mut DbConnection, user_id: i64) -> QueryResult<Option<Application>> {
    apps::table
        .filter(apps::user_id.eq(user_id))
        .order(apps::id.desc())
        .select(Application::as_select())
        .first(conn)
        .optional()
}

/// The newest application of each of these people, in one query.
pub fn latest_of_many(
    conn: &mut DbConnection,
    user_ids: &[i64],
) -> QueryResult<std::collections::HashMap<i64, Application>> {
    let rows: Vec<Application> = apps::table
        .filter(apps::user_id.eq_any(user_ids))
        .order(apps::id)
        .select(Application::as_select())
        .load(conn)?;
    Ok(rows.into_iter().map(|a| (a.user_id, a)).collect())
}

/// The status of the newest application of each of these people, in one
/// query of two columns (the activation gate needs no more).
pub fn latest_status_of_many(
    conn: &mut DbConnection,
    user_ids: &[i64],
) -> QueryResult<std::collections::HashMap<i64, ApplicationStatus>> {
    let rows: Vec<(i64, String)> = apps::table
        .filter(apps::user_id.eq_any(user_ids))
        .order(apps::id)
        .select((apps::user_id, apps::status))
        .load(conn)?;
    Ok(rows
        .into_iter()
        .map(|(u, s)| {
            (
                u,
                ApplicationStatus::parse(&s).unwrap_or(ApplicationStatus::Pending),
            )
        })
        .collect())
}

/// An application with its applicant, for the coordinator.
#[derive(Debug, Clone, Serialize)]
pub struct WithApplicant {
    pub application: Application,
    pub name: String,
    pub email: String,
    pub phone: Option<String>,
    pub volunteer_status: String,
}

/// How many applications of a branch wait for a decision.
pub fn pending_count(conn: &mut DbConnection, branch_id: i64) -> QueryResult<i64> {
    apps::table
        .filter(apps::branch_id.eq(branch_id))
        .filter(apps::status.eq(ApplicationStatus::Pending.as_str()))
        .count()
        .get_result(conn)
}

/// The `limit` oldest pending applications of a branch, in one query.
pub fn pending_in_branch(
    conn: &mut DbConnection,
    branch_id: i64,
    limit: i64,
) -> QueryResult<Vec<WithApplicant>> {
    let rows: Vec<(Application, String, String, Option<String>, String)> = apps::table
        .inner_join(users::table.on(users::id.eq(apps::user_id)))
        .inner_join(volunteers::table.on(volunteers::user_id.eq(apps::user_id)))
        .filter(apps::branch_id.eq(branch_id))
        .filter(apps::status.eq(ApplicationStatus::Pending.as_str()))
        .order((apps::created_at, apps::id))
        .limit(limit)
        .select((
            Application::as_select(),
            users::name,
            users::email,
            users::phone,
            volunteers::status,
        ))
        .load(conn)?;
    Ok(rows
        .into_iter()
        .map(
            |(application, name, email, phone, volunteer_status)| WithApplicant {
                application,
                name,
                email,
                phone,
                volunteer_status,
            },
        )
        .collect())
}

pub fn with_applicant(conn: &mut DbConnection, id: i64) -> QueryResult<WithApplicant> {
    let (application, name, email, phone, volunteer_status) = apps::table
        .find(id)
        .inner_join(users::table.on(users::id.eq(apps::user_id)))
        .inner_join(volunteers::table.on(volunteers::user_id.eq(apps::user_id)))
        .select((
            Application::as_select(),
            users::name,
            users::email,
            users::phone,
            volunteers::status,
        ))
        .first::<(Application, String, String, Option<String>, String)>(conn)?;
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
        .execute(conn)?;
    if n == 0 {
        return Err(diesel::result::Error::NotFound);
    }
    Ok(())
}

/// Why a decision was not recorded.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum DecisionRefused {
    /// Someone decided first (or the volunteer moved on).
    AlreadyDecided,
}

/// Accepts or declines a pending application: the application, the
/// volunteer's status (logged) and the message to the applicant change
/// together. A decline needs a reason; it goes to the applicant.
pub fn decide(
    conn: &mut DbConnection,
    id: i64,
    accept: bool,
    reason: Option<&str>,
    by: i64,
    dashboard_link: String,
) -> QueryResult<Result<(), DecisionRefused>> {
    let app = find(conn, id)?;
    let change = if accept {
        StatusChange::Accept
    } else {
        StatusChange::Decline
    };
    let status = vols::find(conn, app.user_id)?
        .and_then(|v| VolunteerStatus::parse(&v.status))
        .ok_or(diesel::result::Error::NotFound)?;
    if change.apply(status).is_none() {
        return Ok(Err(DecisionRefused::AlreadyDecided));
    }
    let to = if accept {
        ApplicationStatus::Accepted
    } else {
        ApplicationStatus::Declined
    };
    let at = now();
    let n = diesel::update(
        apps::table
            .find(id)
            .filter(apps::status.eq(ApplicationStatus::Pending.as_str())),
    )
    .set((
        apps::status.eq(to.as_str()),
        apps::decided_at.eq(at),
        apps::decided_by.eq(by),
        apps::decision_reason.eq(reason),
        apps::updated_at.eq(at),
    ))
    .execute(conn)?;
    if n == 0 {
        return Ok(Err(DecisionRefused::AlreadyDecided));
    }
    let changed = volunteer_history::change(
        conn,
        &volunteer_history::Change {
            user_id: app.user_id,
            change,
            note: volunteer_history::Note {
                by: Some(by),
                reason,
                ..Default::default()
            },
        },
    )?;
    if changed.is_err() {
        // Checked above; only a concurrent change gets here. Undo it all.
        return Err(diesel::result::Error::RollbackTransaction);
    }
    let branch: String = branches::table
        .find(app.branch_id)
        .select(branches::name)
        .first(conn)?;
    let user = super::users::find(conn, app.user_id)?;
    let message = if accept {
        Message::ApplicationAccepted {
            branch,
            link: dashboard_link,
        }
    } else {
        Message::ApplicationDeclined {
            branch,
            reason: reason.unwrap_or_default().to_string(),
        }
    };
    outbox::enqueue(conn, &Recipient::from(&user), &message)?;
    Ok(Ok(()))
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
        .execute(conn)?;
    Ok(())
}
