//! Signed-in sessions as rows: the cookie holds a random token, the row its
//! hash. Ending a session deletes its row, after which the cookie opens
//! nothing, however long it was meant to live.

use chrono::{Duration, NaiveDateTime};
use diesel::prelude::*;

use super::schema::{
    coordinator_regions, login_sessions, second_factors, user_roles, users, volunteers,
};
use super::users::{Account, User, roles_and_regions, with_branches};
use super::{DbConnection, now};
use crate::db::{Direct, columns_of};
use crate::domain::Role;

/// How long a session lives without being used, like the cookie.
pub const IDLE_LIFETIME_DAYS: i64 = 14;

#[derive(Debug, Clone, Queryable, Selectable)]
#[diesel(table_name = login_sessions)]
pub struct LoginSession {
    pub id: i64,
    pub user_id: i64,
    #[diesel(deserialize_as = crate::db::Stamp)]
    pub created_at: NaiveDateTime,
    #[diesel(deserialize_as = crate::db::Stamp)]
    pub last_seen_at: NaiveDateTime,
    #[diesel(deserialize_as = crate::db::Stamp)]
    pub proved_at: NaiveDateTime,
    pub user_agent: String,
    pub ip: String,
}

/// Starts a session for the user; the person just proved who they are.
pub fn start(
    conn: &mut DbConnection,
    user_id: i64,
    token_hash: &str,
    user_agent: &str,
    ip: &str,
) -> QueryResult<i64> {
    let at = now();
    // Sessions nobody used for the lifetime are dead anyway; dropping them
    // at each login keeps the table to the live ones without a clean-up job.
    diesel::delete(
        login_sessions::table
            .filter(login_sessions::last_seen_at.lt(at - Duration::days(IDLE_LIFETIME_DAYS))),
    )
    .execute_direct(conn)?;
    super::insert_returning_id!(
        conn,
        login_sessions,
        (
            login_sessions::user_id.eq(user_id),
            login_sessions::token_hash.eq(token_hash),
            login_sessions::created_at.eq(at),
            login_sessions::last_seen_at.eq(at),
            login_sessions::proved_at.eq(at),
            login_sessions::user_agent.eq(user_agent),
            login_sessions::ip.eq(ip),
        )
    )
}

/// The live session behind a token, with its account and whether that
/// account has a second factor: what every signed-in request needs. The
/// session, user, roles, volunteer branch, second factor and coordinated
/// regions come in one query (a row per role and region), the coordinated
/// branches in a second (`users::with_branches`), where separate lookups
/// took six.
pub fn find_with_account(
    conn: &mut DbConnection,
    token_hash: &str,
    user_id: i64,
) -> QueryResult<Option<(LoginSession, Account, bool)>> {
    // A row per role and coordinated region: session, user, role,
    // volunteer branch, second factor, region.
    type Row = (
        LoginSession,
        User,
        Option<Role>,
        Option<i64>,
        Option<i64>,
        Option<i64>,
    );
    let rows: Vec<Row> = login_sessions::table
        .inner_join(
            users::table
                .left_join(user_roles::table)
                .left_join(volunteers::table)
                .left_join(second_factors::table)
                .left_join(coordinator_regions::table),
        )
        .filter(login_sessions::token_hash.eq(token_hash))
        .filter(login_sessions::user_id.eq(user_id))
        .filter(login_sessions::last_seen_at.gt(now() - Duration::days(IDLE_LIFETIME_DAYS)))
        .select((
            columns_of::<LoginSession>(),
            columns_of::<User>(),
            user_roles::role.nullable(),
            volunteers::branch_id.nullable(),
            second_factors::user_id.nullable(),
            coordinator_regions::region_id.nullable(),
        ))
        .load_direct(conn)?;
    let Some((session, user, _, volunteer_branch, factor, _)) = rows.first().cloned() else {
        return Ok(None);
    };
    let (roles, regions) =
        roles_and_regions(rows.into_iter().map(|(_, _, role, _, _, g)| (role, g)));
    let account = with_branches(conn, user, roles, volunteer_branch, regions)?;
    Ok(Some((session, account, factor.is_some())))
}

/// Marks the session as used now, from this client.
pub fn touch(conn: &mut DbConnection, id: i64, ip: &str) -> QueryResult<()> {
    diesel::update(login_sessions::table.find(id))
        .set((
            login_sessions::last_seen_at.eq(now()),
            login_sessions::ip.eq(ip),
        ))
        .execute_direct(conn)?;
    Ok(())
}

/// The person proved who they are again (password or code) in this session.
pub fn proved(conn: &mut DbConnection, id: i64) -> QueryResult<()> {
    let at = now();
    diesel::update(login_sessions::table.find(id))
        .set((
            login_sessions::proved_at.eq(at),
            login_sessions::last_seen_at.eq(at),
        ))
        .execute_direct(conn)?;
    Ok(())
}

/// A user's live sessions, most recently used first.
pub fn of_user(conn: &mut DbConnection, user_id: i64) -> QueryResult<Vec<LoginSession>> {
    login_sessions::table
        .filter(login_sessions::user_id.eq(user_id))
        .filter(login_sessions::last_seen_at.gt(now() - Duration::days(IDLE_LIFETIME_DAYS)))
        .order(login_sessions::last_seen_at.desc())
        .select(columns_of::<LoginSession>())
        .load_direct(conn)
}

/// Ends one of the user's sessions; false if they have no such session.
pub fn end(conn: &mut DbConnection, user_id: i64, id: i64) -> QueryResult<bool> {
    let n = diesel::delete(
        login_sessions::table
            .filter(login_sessions::id.eq(id))
            .filter(login_sessions::user_id.eq(user_id)),
    )
    .execute_direct(conn)?;
    Ok(n > 0)
}

/// Ends all of the user's sessions but `keep` (if any).
pub fn end_all(conn: &mut DbConnection, user_id: i64, keep: Option<i64>) -> QueryResult<usize> {
    let mine = login_sessions::table.filter(login_sessions::user_id.eq(user_id));
    match keep {
        Some(keep) => diesel::delete(mine.filter(login_sessions::id.ne(keep))).execute_direct(conn),
        None => diesel::delete(mine).execute_direct(conn),
    }
}
