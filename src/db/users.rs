//! Accounts, their roles and the branches they belong to.

use chrono::NaiveDateTime;
use diesel::prelude::*;
use serde::Serialize;

use super::branches::Branch;
use super::id_list::in_list;
use super::schema::{
    branches, coordinator_branches, coordinator_regions, user_roles, users, volunteers,
};
use super::{DbConnection, direct, now};
use crate::db::{Direct, columns_of};
use crate::domain::Lang;
use crate::domain::Role;

#[derive(Debug, Clone, Queryable, QueryableByName, Selectable, Serialize)]
#[diesel(table_name = users)]
pub struct User {
    pub id: i64,
    pub email: String,
    pub name: String,
    pub phone: Option<String>,
    #[serde(skip)]
    pub password_hash: Option<String>,
    #[diesel(deserialize_as = crate::db::MaybeStamp)]
    pub email_verified_at: Option<NaiveDateTime>,
    pub language: Lang,
    #[diesel(deserialize_as = crate::db::MaybeStamp)]
    pub deactivated_at: Option<NaiveDateTime>,
    #[serde(skip)]
    pub session_epoch: i64,
    #[diesel(deserialize_as = crate::db::Stamp)]
    pub created_at: NaiveDateTime,
    #[diesel(deserialize_as = crate::db::Stamp)]
    pub updated_at: NaiveDateTime,
    /// Set when the person was erased: what is left names nobody.
    #[diesel(deserialize_as = crate::db::MaybeStamp)]
    pub erased_at: Option<NaiveDateTime>,
}

/// A user with what they may do: enough to authorise any request.
#[derive(Debug, Clone, Serialize)]
pub struct Account {
    #[serde(flatten)]
    pub user: User,
    pub roles: Vec<Role>,
    /// Branches this user coordinates: their own and every branch of the
    /// regions they coordinate, so that every branch check grants a
    /// regional coordinator the region's branches.
    pub branches: Vec<i64>,
    /// The same branches' rows, by name, read with the account: the
    /// branch a coordinator's page is about, and the branches to choose
    /// among, cost no statement of their own.
    #[serde(skip)]
    pub coordinated: Vec<Branch>,
    /// Regions this user coordinates as a whole (a regional coordinator).
    pub regions: Vec<i64>,
    /// The branch of this user's volunteer record, if any.
    pub volunteer_branch: Option<i64>,
}

impl Account {
    pub fn has(&self, role: Role) -> bool {
        self.roles.contains(&role)
    }

    pub fn is_admin(&self) -> bool {
        self.has(Role::Admin)
    }

    /// Whether this user may act as coordinator for `branch_id`. National
    /// administrators oversee every branch.
    pub fn coordinates(&self, branch_id: i64) -> bool {
        self.is_admin() || (self.has(Role::Coordinator) && self.branches.contains(&branch_id))
    }

    /// A branch this user coordinates, as read with the account (`None`
    /// for one they do not, and for an administrator's other branches).
    pub fn coordinated_branch(&self, branch_id: i64) -> Option<&Branch> {
        self.coordinated.iter().find(|b| b.id == branch_id)
    }

    /// Whether this user may see a region's branches side by side: its
    /// regional coordinators, and administrators.
    pub fn oversees_region(&self, region_id: i64) -> bool {
        self.is_admin() || (self.has(Role::Coordinator) && self.regions.contains(&region_id))
    }

    /// Whether this user manages what belongs to `branch_id`: its
    /// coordinators, and administrators, who alone manage what is national
    /// (`None`).
    pub fn manages(&self, branch_id: Option<i64>) -> bool {
        match branch_id {
            Some(b) => self.coordinates(b),
            None => self.is_admin(),
        }
    }
}

// Here rather than in `mail`, so that mail does not depend on storage.
impl From<&User> for crate::domain::events::Recipient {
    fn from(u: &User) -> Self {
        crate::domain::events::Recipient {
            user_id: Some(u.id),
            email: u.email.clone(),
            name: u.name.clone(),
            language: u.language,
        }
    }
}

mod making;
pub use making::{FoundOrMade, NewUser, create, create_unless_taken, find_or_create};

pub fn find(conn: &mut DbConnection, id: i64) -> QueryResult<User> {
    users::table
        .find(id)
        .select(columns_of::<User>())
        .first_direct(conn)
}

pub fn find_by_email(conn: &mut DbConnection, email: &str) -> QueryResult<Option<User>> {
    direct!(conn, |c| users::table
        .filter(users::email.eq(email))
        .select(columns_of::<User>())
        .first(c)
        .optional())
}

/// The user with roles and branches: the user, roles, volunteer branch and
/// regions in one query, then `with_branches`.
pub fn load_account(conn: &mut DbConnection, id: i64) -> QueryResult<Option<Account>> {
    // A row per role and coordinated region.
    type Row = (User, Option<Role>, Option<i64>, Option<i64>);
    let rows: Vec<Row> = users::table
        .left_join(user_roles::table)
        .left_join(volunteers::table)
        .left_join(coordinator_regions::table)
        .filter(users::id.eq(id))
        .select((
            columns_of::<User>(),
            user_roles::role.nullable(),
            volunteers::branch_id.nullable(),
            coordinator_regions::region_id.nullable(),
        ))
        .load_direct(conn)?;
    let Some((user, _, volunteer_branch, _)) = rows.first().cloned() else {
        return Ok(None);
    };
    let (roles, regions) = roles_and_regions(rows.into_iter().map(|(_, r, _, g)| (r, g)));
    Ok(Some(with_branches(
        conn,
        user,
        roles,
        volunteer_branch,
        regions,
    )?))
}

/// The roles and regions of an account read a row per role and region.
pub(super) fn roles_and_regions(
    rows: impl Iterator<Item = (Option<Role>, Option<i64>)>,
) -> (Vec<Role>, Vec<i64>) {
    let (mut roles, mut regions) = (Vec::new(), Vec::new());
    for (role, region) in rows {
        roles.extend(role);
        regions.extend(region);
    }
    (roles, regions)
}

/// Completes an account from its user, roles, volunteer branch and the
/// regions it coordinates (read with the user, a row for each role and
/// region) with the branches it coordinates, in one query. A regional
/// coordinator's regions are expanded into their branches in the same
/// query as their own branches, so a branch added to the region later is
/// theirs at once.
pub fn with_branches(
    conn: &mut DbConnection,
    user: User,
    mut roles: Vec<Role>,
    volunteer_branch: Option<i64>,
    mut regions: Vec<i64>,
) -> QueryResult<Account> {
    roles.sort();
    roles.dedup();
    let id = user.id;
    // Regions are read with the user whatever the roles; only a
    // coordinator's count.
    if roles.contains(&Role::Coordinator) {
        regions.sort_unstable();
        regions.dedup();
    } else {
        regions.clear();
    }
    // Volunteers and participants coordinate nothing: every signed-in
    // page of theirs is spared the look-up.
    let staff = roles.contains(&Role::Coordinator) || roles.contains(&Role::Admin);
    let own = coordinator_branches::table
        .filter(coordinator_branches::user_id.eq(id))
        .select(coordinator_branches::branch_id);
    let coordinated: Vec<Branch> = if !staff {
        Vec::new()
    } else {
        branches::table
            .filter(
                branches::id
                    .eq_any(own)
                    .or(in_list(branches::region_id, regions.iter().copied())),
            )
            .select(columns_of::<Branch>())
            .order((branches::name, branches::id))
            .load_direct(conn)?
    };
    let mut branches: Vec<i64> = coordinated.iter().map(|b| b.id).collect();
    branches.sort_unstable();
    Ok(Account {
        user,
        roles,
        branches,
        coordinated,
        regions,
        volunteer_branch,
    })
}

pub fn grant_role(conn: &mut DbConnection, user_id: i64, role: Role) -> QueryResult<()> {
    let exists: i64 = user_roles::table
        .filter(user_roles::user_id.eq(user_id))
        .filter(user_roles::role.eq(role))
        .count()
        .get_result_direct(conn)?;
    if exists == 0 {
        insert_role(conn, user_id, role)?;
    }
    Ok(())
}

/// The first role of an account made in this transaction: nothing to check
/// for (one statement fewer on busy paths like enrolment).
pub fn add_first_role(conn: &mut DbConnection, user_id: i64, role: Role) -> QueryResult<()> {
    insert_role(conn, user_id, role)
}

fn insert_role(conn: &mut DbConnection, user_id: i64, role: Role) -> QueryResult<()> {
    let insert = diesel::insert_into(user_roles::table).values((
        user_roles::user_id.eq(user_id),
        user_roles::role.eq(role),
        user_roles::created_at.eq(now()),
    ));
    direct!(conn, |c| insert.execute(c))?;
    Ok(())
}

pub fn revoke_role(conn: &mut DbConnection, user_id: i64, role: Role) -> QueryResult<()> {
    diesel::delete(
        user_roles::table
            .filter(user_roles::user_id.eq(user_id))
            .filter(user_roles::role.eq(role)),
    )
    .execute_direct(conn)?;
    Ok(())
}

/// The regions a coordinator coordinates as a whole.
pub fn regions_of(conn: &mut DbConnection, user_id: i64) -> QueryResult<Vec<i64>> {
    coordinator_regions::table
        .filter(coordinator_regions::user_id.eq(user_id))
        .select(coordinator_regions::region_id)
        .order(coordinator_regions::region_id)
        .load_direct(conn)
}

/// The branches given to a coordinator one by one (without their regions').
pub fn own_branches(conn: &mut DbConnection, user_id: i64) -> QueryResult<Vec<i64>> {
    coordinator_branches::table
        .filter(coordinator_branches::user_id.eq(user_id))
        .select(coordinator_branches::branch_id)
        .order(coordinator_branches::branch_id)
        .load_direct(conn)
}

/// Grants the coordinator role to someone with a branch or a region, and
/// takes it from someone with neither, so that no coordinator is left
/// without a branch.
fn settle_coordinator_role(conn: &mut DbConnection, user_id: i64) -> QueryResult<()> {
    if own_branches(conn, user_id)?.is_empty() && regions_of(conn, user_id)?.is_empty() {
        revoke_role(conn, user_id, Role::Coordinator)
    } else {
        grant_role(conn, user_id, Role::Coordinator)
    }
}

/// Replaces the regions a coordinator coordinates as a whole.
pub fn set_coordinator_regions(
    conn: &mut DbConnection,
    user_id: i64,
    region_ids: &[i64],
) -> QueryResult<()> {
    diesel::delete(coordinator_regions::table.filter(coordinator_regions::user_id.eq(user_id)))
        .execute_direct(conn)?;
    for region_id in region_ids {
        diesel::insert_into(coordinator_regions::table)
            .values((
                coordinator_regions::user_id.eq(user_id),
                coordinator_regions::region_id.eq(*region_id),
            ))
            .execute_direct(conn)?;
    }
    settle_coordinator_role(conn, user_id)
}

/// Replaces the branches a coordinator works for. Without branches or
/// regions left, the coordinator role goes too.
pub fn set_coordinator_branches(
    conn: &mut DbConnection,
    user_id: i64,
    branch_ids: &[i64],
) -> QueryResult<()> {
    diesel::delete(coordinator_branches::table.filter(coordinator_branches::user_id.eq(user_id)))
        .execute_direct(conn)?;
    if branch_ids.is_empty() {
        return settle_coordinator_role(conn, user_id);
    }
    // One row at a time: the multi-backend connection has no batch insert.
    for branch_id in branch_ids {
        diesel::insert_into(coordinator_branches::table)
            .values((
                coordinator_branches::user_id.eq(user_id),
                coordinator_branches::branch_id.eq(*branch_id),
            ))
            .execute_direct(conn)?;
    }
    grant_role(conn, user_id, Role::Coordinator)
}

/// Sets the name and, when given, the phone number (an import's update).
pub fn set_contact(
    conn: &mut DbConnection,
    user_id: i64,
    name: &str,
    phone: Option<&str>,
) -> QueryResult<()> {
    let at = now();
    diesel::update(users::table.find(user_id))
        .set((users::name.eq(name), users::updated_at.eq(at)))
        .execute_direct(conn)?;
    if let Some(phone) = phone {
        diesel::update(users::table.find(user_id))
            .set(users::phone.eq(phone))
            .execute_direct(conn)?;
    }
    Ok(())
}

/// Sets a new password and ends every other session of the user (their
/// cookies carry the old epoch). Proving control of the address by a
/// reset link also verifies it.
pub fn set_password(conn: &mut DbConnection, user_id: i64, hash: &str) -> QueryResult<i64> {
    let at = now();
    diesel::update(users::table.find(user_id))
        .set((
            users::password_hash.eq(hash),
            users::session_epoch.eq(users::session_epoch + 1),
            users::updated_at.eq(at),
        ))
        .execute_direct(conn)?;
    diesel::update(
        users::table
            .find(user_id)
            .filter(users::email_verified_at.is_null()),
    )
    .set(users::email_verified_at.eq(at))
    .execute_direct(conn)?;
    users::table
        .find(user_id)
        .select(users::session_epoch)
        .first_direct(conn)
}

/// A login: the activity the retention of unused accounts counts from.
pub fn record_login(conn: &mut DbConnection, user_id: i64, at: NaiveDateTime) -> QueryResult<()> {
    diesel::update(users::table.find(user_id))
        .set(users::last_login_at.eq(at))
        .execute_direct(conn)?;
    Ok(())
}

pub fn mark_verified(conn: &mut DbConnection, user_id: i64) -> QueryResult<()> {
    diesel::update(
        users::table
            .find(user_id)
            .filter(users::email_verified_at.is_null()),
    )
    .set(users::email_verified_at.eq(now()))
    .execute_direct(conn)?;
    Ok(())
}

pub fn set_language(conn: &mut DbConnection, user_id: i64, language: Lang) -> QueryResult<()> {
    diesel::update(users::table.find(user_id))
        .set(users::language.eq(language))
        .execute_direct(conn)?;
    Ok(())
}

/// One's own name, phone and language, as the account page edits them.
pub fn set_details(
    conn: &mut DbConnection,
    user_id: i64,
    name: &str,
    phone: Option<&str>,
    language: Lang,
) -> QueryResult<()> {
    diesel::update(users::table.find(user_id))
        .set((
            users::name.eq(name),
            users::phone.eq(phone),
            users::language.eq(language),
            users::updated_at.eq(now()),
        ))
        .execute_direct(conn)?;
    Ok(())
}

/// Remembers the address the user asked to change to (or forgets it).
pub fn set_pending_email(
    conn: &mut DbConnection,
    user_id: i64,
    email: Option<&str>,
) -> QueryResult<()> {
    diesel::update(users::table.find(user_id))
        .set(users::pending_email.eq(email))
        .execute_direct(conn)?;
    Ok(())
}

/// The address waiting to be confirmed, if any.
pub fn pending_email(conn: &mut DbConnection, user_id: i64) -> QueryResult<Option<String>> {
    users::table
        .find(user_id)
        .select(users::pending_email)
        .first_direct(conn)
}

/// Makes the pending address the account's address, confirmed now. The
/// caller has checked that no other account has it; the unique index is
/// the last word if one took it meanwhile.
pub fn adopt_pending_email(conn: &mut DbConnection, user_id: i64, email: &str) -> QueryResult<()> {
    let at = now();
    diesel::update(users::table.find(user_id))
        .set((
            users::email.eq(email),
            users::pending_email.eq(None::<String>),
            users::email_verified_at.eq(Some(at)),
            users::updated_at.eq(at),
        ))
        .execute_direct(conn)?;
    Ok(())
}

/// Deactivating also ends the user's sessions at once.
pub fn set_active(conn: &mut DbConnection, user_id: i64, active: bool) -> QueryResult<()> {
    let at = now();
    diesel::update(users::table.find(user_id))
        .set((
            users::deactivated_at.eq((!active).then_some(at)),
            users::session_epoch.eq(users::session_epoch + 1),
            users::updated_at.eq(at),
        ))
        .execute_direct(conn)?;
    // A deactivated account leaves the supervision overview's counts.
    super::supervision::store_due_of(conn, user_id)
}

#[derive(Debug, Serialize)]
pub struct UserRow {
    pub id: i64,
    pub name: String,
    pub email: String,
    pub deactivated: bool,
    pub roles: Vec<Role>,
}

pub const PAGE_SIZE: i64 = 50;

/// A page of users matching `query` (name or email), with their roles
/// fetched in one extra query for the whole page.
pub fn search(conn: &mut DbConnection, query: &str, page: i64) -> QueryResult<(Vec<UserRow>, i64)> {
    let pattern = format!("%{}%", query.trim().to_lowercase());
    let filtered = || {
        users::table.filter(users::erased_at.is_null()).filter(
            users::email
                .like(pattern.clone())
                .or(users::name.like(pattern.clone())),
        )
    };
    let total: i64 = filtered().count().get_result_direct(conn)?;
    let found: Vec<(i64, String, String, Option<NaiveDateTime>)> = filtered()
        .select((users::id, users::name, users::email, users::deactivated_at))
        .order((users::name, users::id))
        .limit(PAGE_SIZE)
        .offset(page.max(0) * PAGE_SIZE)
        .load_direct(conn)?;
    let ids: Vec<i64> = found.iter().map(|u| u.0).collect();
    let roles: Vec<(i64, Role)> = user_roles::table
        .filter(in_list(user_roles::user_id, ids.iter().copied()))
        .select((user_roles::user_id, user_roles::role))
        .load_direct(conn)?;
    let rows = found
        .into_iter()
        .map(|(id, name, email, deactivated_at)| {
            let mut user_roles: Vec<Role> = roles
                .iter()
                .filter(|(u, _)| *u == id)
                .map(|(_, r)| *r)
                .collect();
            user_roles.sort();
            UserRow {
                id,
                name,
                email,
                deactivated: deactivated_at.is_some(),
                roles: user_roles,
            }
        })
        .collect();
    Ok((rows, total))
}

pub fn count(conn: &mut DbConnection) -> QueryResult<i64> {
    users::table.count().get_result_direct(conn)
}

/// An administrator as `brobyg admin list` shows them.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Administrator {
    pub name: String,
    pub email: String,
    pub created_at: NaiveDateTime,
    pub deactivated: bool,
    /// A confirmed second factor (`second_factors` holds only confirmed ones).
    pub two_factor: bool,
}

/// Every account with the administrator role, oldest first.
pub fn administrators(conn: &mut DbConnection) -> QueryResult<Vec<Administrator>> {
    use super::schema::second_factors;
    type Row = (
        String,
        String,
        NaiveDateTime,
        Option<NaiveDateTime>,
        Option<i64>,
    );
    let rows: Vec<Row> = users::table
        .inner_join(user_roles::table)
        .left_join(second_factors::table)
        .filter(user_roles::role.eq(Role::Admin))
        .order((users::created_at, users::id))
        .select((
            users::name,
            users::email,
            users::created_at,
            users::deactivated_at,
            second_factors::user_id.nullable(),
        ))
        .load_direct(conn)?;
    Ok(rows
        .into_iter()
        .map(
            |(name, email, created_at, deactivated_at, factor)| Administrator {
                name,
                email,
                created_at,
                deactivated: deactivated_at.is_some(),
                two_factor: factor.is_some(),
            },
        )
        .collect())
}
