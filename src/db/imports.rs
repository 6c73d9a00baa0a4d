//! What imports record: the modules of the preparation course a person
//! completed before Brobyg (`prior_training`, credited in full by the gate)
//! and what else the file said of them (`volunteer_imports`). Signatures on
//! paper are in `declarations` (`sign_imported`).

use std::collections::{BTreeMap, HashMap};

use chrono::{NaiveDate, NaiveDateTime};
use diesel::prelude::*;
use serde::Serialize;

use super::id_list::in_ids;
use super::schema::{
    coordinator_branches, declaration_signatures as sigs, prior_training as prior, users,
    volunteer_imports as imports, volunteers,
};
use super::{DbConnection, now};
use crate::db::Direct;
use crate::domain::volunteer::VolunteerStatus;

/// The module ids each of these people completed before Brobyg, in one
/// query: what the gate adds to their credit.
pub fn prior_modules_of_many(
    conn: &mut DbConnection,
    user_ids: &[i64],
) -> QueryResult<HashMap<i64, Vec<String>>> {
    let rows: Vec<(i64, String)> = prior::table
        .filter(in_ids(prior::user_id, user_ids))
        .select((prior::user_id, prior::module_id))
        .load_direct(conn)?;
    let mut out: HashMap<i64, Vec<String>> = HashMap::new();
    for (user, module) in rows {
        out.entry(user).or_default().push(module);
    }
    Ok(out)
}

/// The modules (with their dates) each of these people completed before
/// Brobyg, in one query: what a new import is compared with.
pub fn prior_training_of_many(
    conn: &mut DbConnection,
    user_ids: &[i64],
) -> QueryResult<HashMap<i64, BTreeMap<String, Option<NaiveDate>>>> {
    let rows: Vec<(i64, String, Option<NaiveDate>)> = prior::table
        .filter(prior::user_id.eq_any(user_ids))
        .select((prior::user_id, prior::module_id, prior::completed_on))
        .load_direct(conn)?;
    let mut out: HashMap<i64, BTreeMap<String, Option<NaiveDate>>> = HashMap::new();
    for (user, module, on) in rows {
        out.entry(user).or_default().insert(module, on);
    }
    Ok(out)
}

/// Makes the person's prior modules exactly `modules`.
pub fn replace_prior_training(
    conn: &mut DbConnection,
    user_id: i64,
    modules: &BTreeMap<String, Option<NaiveDate>>,
    by: Option<i64>,
) -> QueryResult<()> {
    diesel::delete(prior::table.filter(prior::user_id.eq(user_id))).execute_direct(conn)?;
    let at = now();
    // One row at a time: the multi-backend connection has no batch insert.
    for (module, on) in modules {
        diesel::insert_into(prior::table)
            .values((
                prior::user_id.eq(user_id),
                prior::module_id.eq(module),
                prior::completed_on.eq(on),
                prior::imported_at.eq(at),
                prior::imported_by.eq(by),
            ))
            .execute_direct(conn)?;
    }
    Ok(())
}

/// Study, institution and notes as an import gave them.
pub type Details = (Option<String>, Option<String>, Option<String>);

/// The imported details of each of these people, in one query.
pub fn details_of_many(
    conn: &mut DbConnection,
    user_ids: &[i64],
) -> QueryResult<HashMap<i64, Details>> {
    let rows: Vec<(i64, Details)> = imports::table
        .filter(imports::user_id.eq_any(user_ids))
        .select((
            imports::user_id,
            (
                imports::study_programme,
                imports::institution,
                imports::coordinator_notes,
            ),
        ))
        .load_direct(conn)?;
    Ok(rows.into_iter().collect())
}

/// Records (or updates) what the file said of a person. An empty value
/// keeps what an earlier import stored.
pub fn save_details(
    conn: &mut DbConnection,
    user_id: i64,
    details: &Details,
    by: Option<i64>,
) -> QueryResult<()> {
    let at = now();
    let existing: Option<Details> = details_of_many(conn, &[user_id])?.remove(&user_id);
    let (study, institution, notes) = details.clone();
    match existing {
        None => {
            diesel::insert_into(imports::table)
                .values((
                    imports::user_id.eq(user_id),
                    imports::study_programme.eq(study),
                    imports::institution.eq(institution),
                    imports::coordinator_notes.eq(notes),
                    imports::imported_at.eq(at),
                    imports::imported_by.eq(by),
                    imports::updated_at.eq(at),
                ))
                .execute_direct(conn)?;
        }
        Some((old_s, old_i, old_n)) => {
            diesel::update(imports::table.find(user_id))
                .set((
                    imports::study_programme.eq(study.or(old_s)),
                    imports::institution.eq(institution.or(old_i)),
                    imports::coordinator_notes.eq(notes.or(old_n)),
                    imports::updated_at.eq(at),
                ))
                .execute_direct(conn)?;
        }
    }
    Ok(())
}

/// A person's history from before Brobyg, as their pages show it.
#[derive(Debug, Clone, Default, Serialize)]
pub struct Imported {
    /// The modules completed before Brobyg, by id, with their dates.
    pub modules: BTreeMap<String, Option<NaiveDate>>,
    /// When the training was imported, and by whom (`None`: the command
    /// line).
    pub training_imported_at: Option<NaiveDateTime>,
    pub training_imported_by: Option<String>,
    pub study_programme: Option<String>,
    pub institution: Option<String>,
    pub coordinator_notes: Option<String>,
    /// When the person was first imported, and by whom.
    pub imported_at: Option<NaiveDateTime>,
    pub imported_by: Option<String>,
}

/// The person's imported history; `None` if they were never imported.
pub fn imported_of(conn: &mut DbConnection, user_id: i64) -> QueryResult<Option<Imported>> {
    let row: Option<(Details, NaiveDateTime, Option<String>)> = imports::table
        .left_join(users::table.on(imports::imported_by.eq(users::id.nullable())))
        .filter(imports::user_id.eq(user_id))
        .select((
            (
                imports::study_programme,
                imports::institution,
                imports::coordinator_notes,
            ),
            imports::imported_at,
            users::name.nullable(),
        ))
        .first_direct(conn)
        .optional()?;
    let Some(((study_programme, institution, coordinator_notes), imported_at, imported_by)) = row
    else {
        return Ok(None);
    };
    let modules: Vec<(String, Option<NaiveDate>, NaiveDateTime, Option<String>)> = prior::table
        .left_join(users::table.on(prior::imported_by.eq(users::id.nullable())))
        .filter(prior::user_id.eq(user_id))
        .select((
            prior::module_id,
            prior::completed_on,
            prior::imported_at,
            users::name.nullable(),
        ))
        .load_direct(conn)?;
    let mut out = Imported {
        study_programme,
        institution,
        coordinator_notes,
        imported_at: Some(imported_at),
        imported_by,
        ..Imported::default()
    };
    for (module, on, at, by) in modules {
        out.modules.insert(module, on);
        out.training_imported_at = Some(at);
        out.training_imported_by = by;
    }
    Ok(Some(out))
}

/// A declaration signed on paper and imported: version, the paper's date,
/// when imported and by whom (`None`: the command line).
pub type ImportedSignature = (i32, NaiveDateTime, NaiveDateTime, Option<String>);

/// The person's imported signatures, oldest version first.
pub fn imported_signatures(
    conn: &mut DbConnection,
    user_id: i64,
) -> QueryResult<Vec<ImportedSignature>> {
    let rows: Vec<(i32, NaiveDateTime, Option<NaiveDateTime>, Option<String>)> = sigs::table
        .left_join(users::table.on(sigs::imported_by.eq(users::id.nullable())))
        .filter(sigs::user_id.eq(user_id))
        .filter(sigs::imported_at.is_not_null())
        .order(sigs::version)
        .select((
            sigs::version,
            sigs::signed_at,
            sigs::imported_at,
            users::name.nullable(),
        ))
        .load_direct(conn)?;
    Ok(rows
        .into_iter()
        .filter_map(|(v, signed, at, by)| at.map(|at| (v, signed, at, by)))
        .collect())
}

/// The last supervision before Brobyg of those of these people who were
/// imported with one, in one query.
pub fn last_supervision_before_brobyg(
    conn: &mut DbConnection,
    user_ids: &[i64],
) -> QueryResult<HashMap<i64, NaiveDateTime>> {
    let rows: Vec<(i64, Option<NaiveDateTime>)> = imports::table
        .filter(imports::user_id.eq_any(user_ids))
        .filter(imports::last_supervision_at.is_not_null())
        .select((imports::user_id, imports::last_supervision_at))
        .load_direct(conn)?;
    Ok(rows
        .into_iter()
        .filter_map(|(u, at)| at.map(|at| (u, at)))
        .collect())
}

/// Records the last supervision before Brobyg (the person's import row
/// exists: `save_details` runs first for a new person).
pub fn set_last_supervision_before_brobyg(
    conn: &mut DbConnection,
    user_id: i64,
    at: NaiveDateTime,
) -> QueryResult<()> {
    diesel::update(imports::table.find(user_id))
        .set(imports::last_supervision_at.eq(Some(at)))
        .execute_direct(conn)?;
    Ok(())
}

/// An imported person who has no password yet (and is not deactivated).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AwaitingWelcome {
    pub user_id: i64,
    /// When the brobygger was first imported; `None`: a coordinator
    /// (coordinator imports leave no row of their own).
    pub imported_at: Option<NaiveDateTime>,
    /// A welcome link has been sent before (it may have run out).
    pub welcomed: bool,
}

/// Everyone an import made who still has no password: brobyggere (by their
/// `volunteer_imports` row) and coordinators without one. Three queries
/// whatever their number.
pub fn awaiting_welcome(conn: &mut DbConnection) -> QueryResult<Vec<AwaitingWelcome>> {
    use super::schema::{user_roles, user_tokens};
    let volunteers: Vec<(i64, NaiveDateTime)> = imports::table
        .inner_join(users::table.on(users::id.eq(imports::user_id)))
        .filter(users::password_hash.is_null())
        .filter(users::deactivated_at.is_null())
        .order((imports::imported_at, imports::user_id))
        .select((imports::user_id, imports::imported_at))
        .load_direct(conn)?;
    let coordinators: Vec<i64> = user_roles::table
        .inner_join(users::table)
        .filter(user_roles::role.eq(crate::domain::Role::Coordinator))
        .filter(users::password_hash.is_null())
        .filter(users::deactivated_at.is_null())
        .order(users::id)
        .select(users::id)
        .load_direct(conn)?;
    let ids: Vec<i64> = volunteers
        .iter()
        .map(|(id, _)| *id)
        .chain(coordinators.iter().copied())
        .collect();
    let welcomed: std::collections::HashSet<i64> = user_tokens::table
        .filter(user_tokens::user_id.eq_any(&ids))
        .filter(user_tokens::purpose.eq(super::tokens::Purpose::Welcome))
        .select(user_tokens::user_id)
        .distinct()
        .load_direct::<i64>(conn)?
        .into_iter()
        .collect();
    let seen: std::collections::HashSet<i64> = volunteers.iter().map(|(id, _)| *id).collect();
    Ok(volunteers
        .into_iter()
        .map(|(user_id, at)| (user_id, Some(at)))
        .chain(
            coordinators
                .into_iter()
                .filter(|id| !seen.contains(id))
                .map(|id| (id, None)),
        )
        .map(|(user_id, imported_at)| AwaitingWelcome {
            user_id,
            imported_at,
            welcomed: welcomed.contains(&user_id),
        })
        .collect())
}

/// An account as an import compares with it: (id, email, name, phone).
pub type Account = (i64, String, String, Option<String>);

/// A volunteer record as an import compares with it: (person, branch,
/// status, last supervision).
pub type VolunteerRecord = (i64, i64, VolunteerStatus, Option<NaiveDateTime>);

/// The accounts with these addresses: who the rows of an import already
/// are.
pub fn accounts_by_email(conn: &mut DbConnection, emails: &[&str]) -> QueryResult<Vec<Account>> {
    users::table
        .filter(users::email.eq_any(emails))
        .select((users::id, users::email, users::name, users::phone))
        .load_direct(conn)
}

/// These people's volunteer records.
pub fn volunteer_records_of(
    conn: &mut DbConnection,
    ids: &[i64],
) -> QueryResult<Vec<VolunteerRecord>> {
    volunteers::table
        .filter(volunteers::user_id.eq_any(ids))
        .select((
            volunteers::user_id,
            volunteers::branch_id,
            volunteers::status,
            volunteers::last_supervision_at,
        ))
        .load_direct(conn)
}

/// The branches these people coordinate, as (person, branch).
pub fn coordinated_branches_of(
    conn: &mut DbConnection,
    ids: &[i64],
) -> QueryResult<Vec<(i64, i64)>> {
    coordinator_branches::table
        .filter(coordinator_branches::user_id.eq_any(ids))
        .select((
            coordinator_branches::user_id,
            coordinator_branches::branch_id,
        ))
        .load_direct(conn)
}

/// Of these people, those without a password and not deactivated, by id:
/// who a welcome is for.
pub fn without_password(conn: &mut DbConnection, ids: &[i64]) -> QueryResult<Vec<i64>> {
    users::table
        .filter(users::id.eq_any(ids))
        .filter(users::password_hash.is_null())
        .filter(users::deactivated_at.is_null())
        .order(users::id)
        .select(users::id)
        .load_direct(conn)
}
