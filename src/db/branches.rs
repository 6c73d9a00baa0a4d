//! Regions and their branches (afdelinger).

use chrono::NaiveDateTime;
use diesel::prelude::*;
use serde::Serialize;

use super::id_list::in_list;
use super::schema::{branches, regions};
use super::{DbConnection, now};
use crate::db::{Direct, columns_of};

#[derive(Debug, Clone, Queryable, Selectable, Serialize)]
#[diesel(table_name = regions)]
pub struct Region {
    pub id: i64,
    pub name: String,
    pub slug: String,
    #[diesel(deserialize_as = crate::db::Stamp)]
    pub created_at: NaiveDateTime,
}

#[derive(Debug, Clone, Queryable, Selectable, Serialize)]
#[diesel(table_name = branches)]
pub struct Branch {
    pub id: i64,
    pub region_id: i64,
    pub name: String,
    pub slug: String,
    pub is_head_office: bool,
    pub email: String,
    pub phone: String,
    pub address: String,
    #[diesel(deserialize_as = crate::db::Stamp)]
    pub created_at: NaiveDateTime,
}

/// A branch with its region's name, for lists.
#[derive(Debug, Clone, Serialize)]
pub struct BranchInRegion {
    #[serde(flatten)]
    pub branch: Branch,
    pub region_name: String,
}

pub struct BranchFields<'a> {
    pub region_id: i64,
    pub name: &'a str,
    pub slug: &'a str,
    pub is_head_office: bool,
    pub email: &'a str,
    pub phone: &'a str,
    pub address: &'a str,
}

pub fn regions(conn: &mut DbConnection) -> QueryResult<Vec<Region>> {
    regions::table
        .select(columns_of::<Region>())
        .order(regions::name)
        .load_direct(conn)
}

pub fn region(conn: &mut DbConnection, id: i64) -> QueryResult<Region> {
    regions::table
        .find(id)
        .select(columns_of::<Region>())
        .first_direct(conn)
}

pub fn create_region(conn: &mut DbConnection, name: &str, slug: &str) -> QueryResult<i64> {
    crate::db::insert_returning_id!(
        conn,
        regions,
        (
            regions::name.eq(name),
            regions::slug.eq(slug),
            regions::created_at.eq(now()),
        )
    )
}

pub fn rename_region(conn: &mut DbConnection, id: i64, name: &str, slug: &str) -> QueryResult<()> {
    let n = diesel::update(regions::table.find(id))
        .set((regions::name.eq(name), regions::slug.eq(slug)))
        .execute_direct(conn)?;
    if n == 0 {
        return Err(diesel::result::Error::NotFound);
    }
    Ok(())
}

pub fn region_name_taken(
    conn: &mut DbConnection,
    slug: &str,
    except: Option<i64>,
) -> QueryResult<bool> {
    let n: i64 = crate::db::direct!(conn, |c| {
        let mut q = regions::table.filter(regions::slug.eq(slug)).into_boxed();
        if let Some(id) = except {
            q = q.filter(regions::id.ne(id));
        }
        q.count().get_result(c)
    })?;
    Ok(n > 0)
}

pub fn branch_name_taken(
    conn: &mut DbConnection,
    slug: &str,
    except: Option<i64>,
) -> QueryResult<bool> {
    let n: i64 = crate::db::direct!(conn, |c| {
        let mut q = branches::table.filter(branches::slug.eq(slug)).into_boxed();
        if let Some(id) = except {
            q = q.filter(branches::id.ne(id));
        }
        q.count().get_result(c)
    })?;
    Ok(n > 0)
}

/// Every branch with its region, ordered by region and name, in one query.
pub fn all(conn: &mut DbConnection) -> QueryResult<Vec<BranchInRegion>> {
    let rows: Vec<(Branch, String)> = branches::table
        .inner_join(regions::table)
        .select((columns_of::<Branch>(), regions::name))
        .order((regions::name, branches::name))
        .load_direct(conn)?;
    Ok(rows
        .into_iter()
        .map(|(branch, region_name)| BranchInRegion {
            branch,
            region_name,
        })
        .collect())
}

pub fn find(conn: &mut DbConnection, id: i64) -> QueryResult<Branch> {
    branches::table
        .find(id)
        .select(columns_of::<Branch>())
        .first_direct(conn)
}

/// A branch already at hand (a coordinator's, read with the account), or
/// else from the database.
pub fn known_or_find(
    conn: &mut DbConnection,
    known: Option<Branch>,
    id: i64,
) -> QueryResult<Branch> {
    match known {
        Some(branch) => Ok(branch),
        None => find(conn, id),
    }
}

pub fn by_ids(conn: &mut DbConnection, ids: &[i64]) -> QueryResult<Vec<Branch>> {
    branches::table
        .filter(in_list(branches::id, ids.iter().copied()))
        .select(columns_of::<Branch>())
        .order(branches::name)
        .load_direct(conn)
}

pub fn create(conn: &mut DbConnection, f: &BranchFields<'_>) -> QueryResult<i64> {
    crate::db::insert_returning_id!(
        conn,
        branches,
        (
            branches::region_id.eq(f.region_id),
            branches::name.eq(f.name),
            branches::slug.eq(f.slug),
            branches::is_head_office.eq(f.is_head_office),
            branches::email.eq(f.email),
            branches::phone.eq(f.phone),
            branches::address.eq(f.address),
            branches::created_at.eq(now()),
        )
    )
}

pub fn update(conn: &mut DbConnection, id: i64, f: &BranchFields<'_>) -> QueryResult<()> {
    let n = diesel::update(branches::table.find(id))
        .set((
            branches::region_id.eq(f.region_id),
            branches::name.eq(f.name),
            branches::slug.eq(f.slug),
            branches::is_head_office.eq(f.is_head_office),
            branches::email.eq(f.email),
            branches::phone.eq(f.phone),
            branches::address.eq(f.address),
        ))
        .execute_direct(conn)?;
    if n == 0 {
        return Err(diesel::result::Error::NotFound);
    }
    Ok(())
}

pub fn region_by_slug(conn: &mut DbConnection, slug: &str) -> QueryResult<Option<Region>> {
    regions::table
        .filter(regions::slug.eq(slug))
        .select(columns_of::<Region>())
        .first_direct(conn)
        .optional()
}

pub fn by_slug(conn: &mut DbConnection, slug: &str) -> QueryResult<Option<Branch>> {
    branches::table
        .filter(branches::slug.eq(slug))
        .select(columns_of::<Branch>())
        .first_direct(conn)
        .optional()
}
