//! The preparation course's modules and the confidentiality declaration's
//! versions as administrators edit them in the site. Empty tables mean the
//! database was never seeded from `course-material/`.

use chrono::{NaiveDate, NaiveDateTime};
use diesel::prelude::*;

use super::schema::{course_modules as modules, declaration_versions as versions};
use super::{DbConnection, now};
use crate::db::{Direct, columns_of};

#[derive(Debug, Clone, Queryable, Selectable, Insertable)]
#[diesel(table_name = modules)]
pub struct ModuleRow {
    pub id: String,
    pub title: String,
    pub minutes: i32,
    pub position: i32,
    pub mandatory: bool,
    /// Markdown.
    pub body: String,
    #[diesel(deserialize_as = crate::db::Stamp)]
    pub updated_at: NaiveDateTime,
    pub updated_by: Option<i64>,
}

#[derive(Debug, Clone, Queryable, Selectable, Insertable)]
#[diesel(table_name = versions)]
pub struct DeclarationRow {
    pub version: i32,
    pub title: String,
    /// Markdown.
    pub body: String,
    pub valid_from: NaiveDate,
    #[diesel(deserialize_as = crate::db::Stamp)]
    pub published_at: NaiveDateTime,
    pub published_by: Option<i64>,
}

/// A module without its text: id, title, minutes, position, mandatory.
pub type ModuleHead = (String, String, i32, i32, bool);

/// The modules in teaching order, without their texts.
pub fn module_heads(conn: &mut DbConnection) -> QueryResult<Vec<ModuleHead>> {
    modules::table
        .order(modules::position)
        .select((
            modules::id,
            modules::title,
            modules::minutes,
            modules::position,
            modules::mandatory,
        ))
        .load_direct(conn)
}

/// The modules in teaching order, with their texts.
pub fn modules(conn: &mut DbConnection) -> QueryResult<Vec<ModuleRow>> {
    modules::table
        .order(modules::position)
        .select(columns_of::<ModuleRow>())
        .load_direct(conn)
}

pub fn module_count(conn: &mut DbConnection) -> QueryResult<i64> {
    modules::table.count().get_result_direct(conn)
}

/// One row at a time: the multi-backend connection has no batch insert.
pub fn insert_modules(conn: &mut DbConnection, rows: &[ModuleRow]) -> QueryResult<()> {
    for row in rows {
        diesel::insert_into(modules::table)
            .values(row)
            .execute_direct(conn)?;
    }
    Ok(())
}

/// Changes a module's title, hours and text; its id and place stay.
pub fn update_module(
    conn: &mut DbConnection,
    id: &str,
    title: &str,
    minutes: i32,
    body: &str,
    by: i64,
) -> QueryResult<usize> {
    diesel::update(modules::table.find(id))
        .set((
            modules::title.eq(title),
            modules::minutes.eq(minutes),
            modules::body.eq(body),
            modules::updated_at.eq(now()),
            modules::updated_by.eq(Some(by)),
        ))
        .execute_direct(conn)
}

/// Every version, oldest first.
pub fn declarations(conn: &mut DbConnection) -> QueryResult<Vec<DeclarationRow>> {
    versions::table
        .order(versions::version)
        .select(columns_of::<DeclarationRow>())
        .load_direct(conn)
}

pub fn declaration(conn: &mut DbConnection, version: i32) -> QueryResult<Option<DeclarationRow>> {
    versions::table
        .find(version)
        .select(columns_of::<DeclarationRow>())
        .first_direct(conn)
        .optional()
}

pub fn declaration_count(conn: &mut DbConnection) -> QueryResult<i64> {
    versions::table.count().get_result_direct(conn)
}

pub fn insert_declarations(conn: &mut DbConnection, rows: &[DeclarationRow]) -> QueryResult<()> {
    for row in rows {
        diesel::insert_into(versions::table)
            .values(row)
            .execute_direct(conn)?;
    }
    Ok(())
}

/// Publishes a new version, numbered after the highest one; returns it.
pub fn publish_declaration(
    conn: &mut DbConnection,
    title: &str,
    body: &str,
    by: i64,
) -> QueryResult<i32> {
    let highest: Option<i32> = versions::table
        .select(diesel::dsl::max(versions::version))
        .first_direct(conn)?;
    let at = now();
    let row = DeclarationRow {
        version: highest.unwrap_or(0) + 1,
        title: title.to_string(),
        body: body.to_string(),
        valid_from: crate::domain::time::local(at).date_naive(),
        published_at: at,
        published_by: Some(by),
    };
    insert_declarations(conn, std::slice::from_ref(&row))?;
    Ok(row.version)
}
