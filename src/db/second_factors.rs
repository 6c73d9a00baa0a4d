//! Second factors (TOTP secrets) and their single-use recovery codes. The
//! recovery codes are stored as hashes, like link tokens.

use chrono::NaiveDateTime;
use diesel::prelude::*;

use super::schema::{recovery_codes, second_factors};
use super::{DbConnection, now};
use crate::db::{Direct, columns_of};

#[derive(Debug, Clone, Queryable, Selectable)]
#[diesel(table_name = second_factors)]
pub struct SecondFactor {
    pub user_id: i64,
    pub secret: String,
    #[diesel(deserialize_as = crate::db::Stamp)]
    pub confirmed_at: NaiveDateTime,
    pub last_step: i64,
}

/// The user's second factor, if they have one.
pub fn of_user(conn: &mut DbConnection, user_id: i64) -> QueryResult<Option<SecondFactor>> {
    second_factors::table
        .find(user_id)
        .select(columns_of::<SecondFactor>())
        .first_direct(conn)
        .optional()
}

/// Which of these users have a second factor.
pub fn among(conn: &mut DbConnection, user_ids: &[i64]) -> QueryResult<Vec<i64>> {
    second_factors::table
        .filter(second_factors::user_id.eq_any(user_ids))
        .select(second_factors::user_id)
        .load_direct(conn)
}

/// Confirms a new secret, replacing any earlier factor and its recovery
/// codes, and stores the new codes' hashes.
pub fn confirm(
    conn: &mut DbConnection,
    user_id: i64,
    secret: &str,
    step: i64,
    code_hashes: &[String],
) -> QueryResult<()> {
    remove(conn, user_id)?;
    diesel::insert_into(second_factors::table)
        .values((
            second_factors::user_id.eq(user_id),
            second_factors::secret.eq(secret),
            second_factors::confirmed_at.eq(now()),
            second_factors::last_step.eq(step),
        ))
        .execute_direct(conn)?;
    replace_recovery_codes(conn, user_id, code_hashes)
}

/// Puts these recovery codes' hashes in place of the user's earlier ones,
/// which stop working.
pub fn replace_recovery_codes(
    conn: &mut DbConnection,
    user_id: i64,
    code_hashes: &[String],
) -> QueryResult<()> {
    diesel::delete(recovery_codes::table.filter(recovery_codes::user_id.eq(user_id)))
        .execute_direct(conn)?;
    // One by one: the multi-backend connection has no batch insert (ten
    // rows, once per set-up).
    for hash in code_hashes {
        diesel::insert_into(recovery_codes::table)
            .values((
                recovery_codes::user_id.eq(user_id),
                recovery_codes::code_hash.eq(hash),
            ))
            .execute_direct(conn)?;
    }
    Ok(())
}

/// Takes a time step as used, if it is later than the last one used: a
/// code works once (checked and set in one statement, so two requests
/// racing with the same code cannot both win).
pub fn use_step(conn: &mut DbConnection, user_id: i64, step: i64) -> QueryResult<bool> {
    let n = diesel::update(
        second_factors::table
            .find(user_id)
            .filter(second_factors::last_step.lt(step)),
    )
    .set(second_factors::last_step.eq(step))
    .execute_direct(conn)?;
    Ok(n == 1)
}

/// Uses up an unused recovery code with this hash; false if there is none.
pub fn use_recovery_code(conn: &mut DbConnection, user_id: i64, hash: &str) -> QueryResult<bool> {
    let n = diesel::update(
        recovery_codes::table
            .filter(recovery_codes::user_id.eq(user_id))
            .filter(recovery_codes::code_hash.eq(hash))
            .filter(recovery_codes::used_at.is_null()),
    )
    .set(recovery_codes::used_at.eq(Some(now())))
    .execute_direct(conn)?;
    Ok(n == 1)
}

/// Unused recovery codes left.
pub fn recovery_codes_left(conn: &mut DbConnection, user_id: i64) -> QueryResult<i64> {
    recovery_codes::table
        .filter(recovery_codes::user_id.eq(user_id))
        .filter(recovery_codes::used_at.is_null())
        .count()
        .get_result_direct(conn)
}

/// Removes the user's second factor and recovery codes.
pub fn remove(conn: &mut DbConnection, user_id: i64) -> QueryResult<bool> {
    diesel::delete(recovery_codes::table.filter(recovery_codes::user_id.eq(user_id)))
        .execute_direct(conn)?;
    let n = diesel::delete(second_factors::table.find(user_id)).execute_direct(conn)?;
    Ok(n > 0)
}
