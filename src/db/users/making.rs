//! Making accounts: from an administrator, a sign-up, or an address typed
//! into a public form (`find_or_create`, on every enrolment's path).

use diesel::prelude::*;

use super::super::schema::users;
use super::super::tokens::{self, Purpose};
use super::super::{DbConnection, Prepared, now};
use super::{User, add_first_role, find_by_email};
use crate::domain::{Code, Lang, Role};

pub struct NewUser<'a> {
    pub email: &'a str,
    pub name: &'a str,
    pub phone: Option<&'a str>,
    pub password_hash: Option<&'a str>,
    pub verified: bool,
    pub language: Lang,
}

/// Makes the account; an address already taken is the unique violation
/// the database would report.
pub fn create(conn: &mut DbConnection, new: &NewUser<'_>) -> QueryResult<i64> {
    create_unless_taken(conn, new)?.ok_or_else(|| {
        diesel::result::Error::DatabaseError(
            diesel::result::DatabaseErrorKind::UniqueViolation,
            Box::new(format!("the address {} has an account", new.email)),
        )
    })
}

/// Makes the account unless its address is taken, also by a transaction
/// that commits meanwhile (two first enrolments of one new address at
/// once): `None` then, and the caller reads the account that won.
pub fn create_unless_taken(conn: &mut DbConnection, new: &NewUser<'_>) -> QueryResult<Option<i64>> {
    let at = now();
    let insert = diesel::insert_into(users::table)
        .values((
            users::email.eq(new.email),
            users::name.eq(new.name),
            users::phone.eq(new.phone),
            users::password_hash.eq(new.password_hash),
            users::email_verified_at.eq(new.verified.then_some(at)),
            users::language.eq(new.language),
            users::session_epoch.eq(0),
            users::created_at.eq(at),
            users::updated_at.eq(at),
        ))
        .on_conflict(users::email)
        .do_nothing();
    // No row back when the address was taken.
    crate::db::direct!(conn, |c| insert
        .returning(users::id)
        .get_result(c)
        .optional())
}

/// What `find_or_create` found for an address.
#[derive(Debug, Clone)]
pub enum FoundOrMade {
    /// The account that had the address; nothing of it was changed.
    Found(User),
    /// The account made now, with its role and its first link.
    Made(i64),
}

/// The account with `new.email`, or a new one with `role` and a first
/// one-time link for `purpose` (stored as `link_digest`), in the caller's
/// transaction. Two first uses of one new address at once make one
/// account: the later finds the earlier's once it has committed.
pub fn find_or_create(
    conn: &mut DbConnection,
    new: &NewUser<'_>,
    role: Option<Role>,
    purpose: Purpose,
    link_digest: &str,
) -> QueryResult<FoundOrMade> {
    let found = match conn {
        // Every public form with an address passes here (an enrolment
        // among them): on PostgreSQL one statement looks the address up
        // and makes the account, its role and its link, where SQLite, whose
        // common table expressions cannot write, needs four.
        DbConnection::Pg(pg) => find_or_create_at_once(pg, new, role, purpose, link_digest)?,
        DbConnection::Sqlite(_) => find_or_create_in_steps(conn, new, role, purpose, link_digest)?,
    };
    match found {
        Some(found) => Ok(found),
        // Another transaction made the account between the look-up and
        // the insert (PostgreSQL's insert waited for it to commit), and
        // this statement's snapshot could not see it; the next one can.
        None => find_by_email(conn, new.email)?
            .map(FoundOrMade::Found)
            .ok_or(diesel::result::Error::NotFound),
    }
}

fn find_or_create_in_steps(
    conn: &mut DbConnection,
    new: &NewUser<'_>,
    role: Option<Role>,
    purpose: Purpose,
    link_digest: &str,
) -> QueryResult<Option<FoundOrMade>> {
    if let Some(existing) = find_by_email(conn, new.email)? {
        return Ok(Some(FoundOrMade::Found(existing)));
    }
    let Some(id) = create_unless_taken(conn, new)? else {
        return Ok(None);
    };
    if let Some(role) = role {
        add_first_role(conn, id, role)?;
    }
    tokens::store(conn, id, purpose, link_digest)?;
    Ok(Some(FoundOrMade::Made(id)))
}

/// The columns of `User`, as the statement below returns them.
const USER_COLUMNS: &str = "id, email, name, phone, password_hash, email_verified_at, language, \
     deactivated_at, session_epoch, created_at, updated_at, erased_at";

fn find_or_create_at_once(
    pg: &mut diesel::PgConnection,
    new: &NewUser<'_>,
    role: Option<Role>,
    purpose: Purpose,
    link_digest: &str,
) -> QueryResult<Option<FoundOrMade>> {
    use diesel::sql_types::{BigInt, Bool, Nullable, Text, Timestamp};
    #[derive(QueryableByName)]
    struct Row {
        #[diesel(embed)]
        user: User,
        #[diesel(sql_type = Bool)]
        made: bool,
    }
    let at = now();
    // `made` inserts only when `found` is empty; its rows are not visible
    // to `found` in the same statement, so exactly one of the two answers
    // (or neither, when a concurrent transaction took the address).
    let sql = format!(
        "WITH found AS (SELECT {USER_COLUMNS} FROM users WHERE email = $1), \
         made AS (INSERT INTO users (email, name, phone, password_hash, email_verified_at, \
                  language, session_epoch, created_at, updated_at) \
             SELECT $1, $2, $3, $4, $5, $6, $7, $8, $8 WHERE NOT EXISTS (SELECT 1 FROM found) \
             ON CONFLICT (email) DO NOTHING RETURNING {USER_COLUMNS}), \
         first_role AS (INSERT INTO user_roles (user_id, role, created_at) \
             SELECT id, $9, $8 FROM made WHERE $9 IS NOT NULL), \
         first_link AS (INSERT INTO user_tokens (user_id, purpose, token_hash, expires_at, created_at) \
             SELECT id, $10, $11, $12, $8 FROM made) \
         SELECT *, FALSE AS made FROM found UNION ALL SELECT *, TRUE AS made FROM made"
    );
    let row: Option<Row> = Prepared(
        diesel::sql_query(sql)
            .bind::<Text, _>(new.email)
            .bind::<Text, _>(new.name)
            .bind::<Nullable<Text>, _>(new.phone)
            .bind::<Nullable<Text>, _>(new.password_hash)
            .bind::<Nullable<Timestamp>, _>(new.verified.then_some(at))
            .bind::<Text, _>(new.language)
            .bind::<BigInt, _>(0_i64)
            .bind::<Timestamp, _>(at)
            .bind::<Nullable<Text>, _>(role.map(|r| r.as_str()))
            .bind::<Text, _>(purpose.as_str())
            .bind::<Text, _>(link_digest)
            .bind::<Timestamp, _>(at + purpose.lifetime()),
    )
    .get_result(pg)
    .optional()?;
    Ok(row.map(|r| {
        if r.made {
            FoundOrMade::Made(r.user.id)
        } else {
            FoundOrMade::Found(r.user)
        }
    }))
}
