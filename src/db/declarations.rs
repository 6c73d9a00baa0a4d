//! The confidentiality declaration: which version everyone must have signed
//! (raised by an administrator when a new text is published), and who
//! signed which version when.

use std::collections::HashMap;

use chrono::NaiveDateTime;
use diesel::prelude::*;
use serde::Serialize;

use super::id_list::in_list;
use super::schema::{declaration_requirements as reqs, declaration_signatures as sigs};
use super::{DbConnection, now};
use crate::db::{Direct, columns_of};
use crate::domain::Lang;
use crate::domain::declaration;
use crate::domain::events::Recipient;
use crate::domain::volunteer::VolunteerStatus;

#[derive(Debug, Clone, Queryable, Selectable, Serialize)]
#[diesel(table_name = sigs)]
pub struct Signature {
    pub id: i64,
    pub user_id: i64,
    pub version: i32,
    pub typed_name: String,
    #[diesel(deserialize_as = crate::db::Stamp)]
    pub signed_at: NaiveDateTime,
    /// Signed on paper before Brobyg and imported then (`signed_at` is the
    /// paper's date), by `imported_by` (`None`: the command line).
    #[diesel(deserialize_as = crate::db::MaybeStamp)]
    pub imported_at: Option<NaiveDateTime>,
    pub imported_by: Option<i64>,
}

/// The version everyone must have signed now.
pub fn required_version(conn: &mut DbConnection) -> QueryResult<i32> {
    let versions: Vec<i32> = reqs::table.select(reqs::version).load_direct(conn)?;
    Ok(declaration::required_version(&versions))
}

/// When the current requirement was set (none: version 1 from the start).
pub fn required_since(conn: &mut DbConnection) -> QueryResult<Option<(i32, NaiveDateTime)>> {
    reqs::table
        .order(reqs::version.desc())
        .select((reqs::version, reqs::required_at))
        .first_direct(conn)
        .optional()
}

/// Requires `version` of everyone from now on.
pub fn add_requirement(conn: &mut DbConnection, version: i32, by: i64) -> QueryResult<()> {
    diesel::insert_into(reqs::table)
        .values((
            reqs::version.eq(version),
            reqs::required_at.eq(now()),
            reqs::required_by.eq(by),
        ))
        .execute_direct(conn)?;
    Ok(())
}

/// Records a signature; signing the same version twice keeps the first.
pub fn sign(
    conn: &mut DbConnection,
    user_id: i64,
    version: i32,
    typed_name: &str,
) -> QueryResult<()> {
    let exists: i64 = sigs::table
        .filter(sigs::user_id.eq(user_id))
        .filter(sigs::version.eq(version))
        .count()
        .get_result_direct(conn)?;
    if exists == 0 {
        diesel::insert_into(sigs::table)
            .values((
                sigs::user_id.eq(user_id),
                sigs::version.eq(version),
                sigs::typed_name.eq(typed_name),
                sigs::signed_at.eq(now()),
            ))
            .execute_direct(conn)?;
    }
    Ok(())
}

/// Records a declaration signed on paper before Brobyg, dated `signed_at`
/// and marked as imported; a version already signed keeps its signature.
pub fn sign_imported(
    conn: &mut DbConnection,
    user_id: i64,
    version: i32,
    typed_name: &str,
    signed_at: NaiveDateTime,
    by: Option<i64>,
) -> QueryResult<()> {
    let exists: i64 = sigs::table
        .filter(sigs::user_id.eq(user_id))
        .filter(sigs::version.eq(version))
        .count()
        .get_result_direct(conn)?;
    if exists == 0 {
        diesel::insert_into(sigs::table)
            .values((
                sigs::user_id.eq(user_id),
                sigs::version.eq(version),
                sigs::typed_name.eq(typed_name),
                sigs::signed_at.eq(signed_at),
                sigs::imported_at.eq(Some(now())),
                sigs::imported_by.eq(by),
            ))
            .execute_direct(conn)?;
    }
    Ok(())
}

/// Everyone's signatures among these people, oldest first, in one query.
pub fn of_many(
    conn: &mut DbConnection,
    user_ids: &[i64],
) -> QueryResult<HashMap<i64, Vec<Signature>>> {
    let rows: Vec<Signature> = sigs::table
        .filter(in_list(sigs::user_id, user_ids.iter().copied()))
        .order(sigs::signed_at)
        .select(columns_of::<Signature>())
        .load_direct(conn)?;
    let mut out: HashMap<i64, Vec<Signature>> = HashMap::new();
    for s in rows {
        out.entry(s.user_id).or_default().push(s);
    }
    Ok(out)
}

/// Moves a signature's time. For demo content only.
#[doc(hidden)]
pub fn backdate(
    conn: &mut DbConnection,
    user_id: i64,
    version: i32,
    at: NaiveDateTime,
) -> QueryResult<()> {
    diesel::update(
        sigs::table
            .filter(sigs::user_id.eq(user_id))
            .filter(sigs::version.eq(version)),
    )
    .set(sigs::signed_at.eq(at))
    .execute_direct(conn)?;
    Ok(())
}

/// Who must sign `version`: volunteers in one of `statuses`, with an
/// account that is not deactivated, who have signed no version from
/// `version` up (a later version includes an earlier one), with their
/// status, by id.
pub fn to_sign(
    conn: &mut DbConnection,
    version: i32,
    statuses: &[VolunteerStatus],
) -> QueryResult<Vec<(Recipient, VolunteerStatus)>> {
    use super::schema::{users, volunteers};
    let signed = sigs::table
        .filter(sigs::user_id.eq(volunteers::user_id))
        .filter(sigs::version.ge(version));
    let rows: Vec<(i64, String, String, Lang, VolunteerStatus)> = volunteers::table
        .inner_join(users::table)
        .filter(in_list(volunteers::status, statuses.iter().copied()))
        .filter(users::deactivated_at.is_null())
        .filter(diesel::dsl::not(diesel::dsl::exists(signed)))
        .select((
            users::id,
            users::email,
            users::name,
            users::language,
            volunteers::status,
        ))
        .order(users::id)
        .load_direct(conn)?;
    Ok(rows
        .into_iter()
        .map(|(id, email, name, language, status)| {
            (Recipient::from((id, email, name, language)), status)
        })
        .collect())
}
