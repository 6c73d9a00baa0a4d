//! The raw reads behind a person's data export (`app::data_export`): the
//! live catalogue of columns, and one query per table that returns the
//! person's rows as the database's own JSON. Table and column names come
//! from the registry and the catalogue only (and are checked to be plain
//! identifiers); the person's id and email are bind parameters.

use diesel::prelude::*;
use diesel::sql_types::{BigInt, Nullable, Text};

use super::DbConnection;
use crate::db::Direct;
use crate::domain::privacy::export::{Owner, Split};

/// One column as the database declares it.
#[derive(Debug, Clone, QueryableByName)]
pub struct CatalogueColumn {
    #[diesel(sql_type = Text)]
    pub table_name: String,
    #[diesel(sql_type = Text)]
    pub column_name: String,
    #[diesel(sql_type = Text)]
    pub data_type: String,
}

/// Every column of every table, in each table's own order.
pub fn catalogue(conn: &mut DbConnection) -> QueryResult<Vec<CatalogueColumn>> {
    let query = match conn {
        DbConnection::Pg(_) => {
            "SELECT table_name::text AS table_name, column_name::text AS column_name, \
             data_type::text AS data_type FROM information_schema.columns \
             WHERE table_schema = current_schema() \
             ORDER BY table_name, ordinal_position"
        }
        DbConnection::Sqlite(_) => {
            "SELECT m.name AS table_name, p.name AS column_name, p.type AS data_type \
             FROM sqlite_master m JOIN pragma_table_info(m.name) p \
             WHERE m.type = 'table' ORDER BY m.name, p.cid"
        }
    };
    diesel::sql_query(query).load_direct(conn)
}

/// Which of a table's rows to read, and how.
#[derive(Debug, Clone)]
pub struct TableRead<'a> {
    pub table: &'a str,
    /// The columns to read, in order.
    pub columns: &'a [String],
    /// A row is the person's when any of these says so.
    pub owners: &'a [Owner],
    /// Also read the kind of the row's session.
    pub split: Option<Split>,
}

/// A row as the database wrote it in JSON, and the kind of its session
/// when the read asked for it.
#[derive(Debug, Clone, QueryableByName)]
pub struct RawRow {
    #[diesel(sql_type = Text)]
    pub doc: String,
    #[diesel(sql_type = Nullable<Text>)]
    pub kind: Option<String>,
}

/// A name from the registry or the catalogue, quoted; anything but a
/// plain lower-case identifier is refused rather than put into SQL.
fn ident(name: &str) -> QueryResult<String> {
    let plain = !name.is_empty()
        && name
            .chars()
            .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '_');
    if plain {
        Ok(format!("\"{name}\""))
    } else {
        Err(diesel::result::Error::QueryBuilderError(
            format!("not a plain identifier: {name:?}").into(),
        ))
    }
}

/// The SQL of one read: `?1`/`$1` is the person's id, `?2`/`$2` their
/// email (each only if a condition uses it); the parameters to bind
/// follow in order.
fn sql(read: &TableRead<'_>, pg: bool) -> QueryResult<(String, bool, bool)> {
    let id = if pg { "$1" } else { "?1" };
    let mut pairs = Vec::with_capacity(read.columns.len());
    for c in read.columns {
        pairs.push(format!("'{}', t.{}", c, ident(c)?));
    }
    let object = if pg {
        format!("json_build_object({})::text", pairs.join(", "))
    } else {
        format!("json_object({})", pairs.join(", "))
    };
    let kind = match read.split {
        None => "NULL".to_string(),
        Some(Split::Session(col)) => format!(
            "(SELECT s.kind FROM sessions s WHERE s.id = t.{})",
            ident(col)?
        ),
        Some(Split::Meeting(col)) => format!(
            "(SELECT s.kind FROM meetings m JOIN sessions s ON s.id = m.session_id \
             WHERE m.id = t.{})",
            ident(col)?
        ),
    };
    let uses_id = read
        .owners
        .iter()
        .any(|o| matches!(o, Owner::Account(_) | Owner::Through { .. }));
    let email = match (pg, uses_id) {
        (true, true) => "$2",
        (true, false) => "$1",
        (false, true) => "?2",
        (false, false) => "?1",
    };
    let mut conditions = Vec::new();
    let mut uses_email = false;
    for owner in read.owners {
        conditions.push(match owner {
            Owner::Account(col) => format!("t.{} = {id}", ident(col)?),
            Owner::Email(col) => {
                uses_email = true;
                format!("lower(t.{}) = lower({email})", ident(col)?)
            }
            Owner::Through {
                column,
                table,
                key,
                owner,
            } => format!(
                "t.{} IN (SELECT {} FROM {} WHERE {} = {id})",
                ident(column)?,
                ident(key)?,
                ident(table)?,
                ident(owner)?
            ),
            Owner::StaffActions | Owner::NoAccount => continue,
        });
    }
    let order = match read.columns.first() {
        Some(first) => format!(" ORDER BY t.{}", ident(first)?),
        None => String::new(),
    };
    if conditions.is_empty() {
        conditions.push("1 = 0".into());
    }
    let text = format!(
        "SELECT {object} AS doc, {kind} AS kind FROM {} t WHERE {}{order}",
        ident(read.table)?,
        conditions.join(" OR ")
    );
    Ok((text, uses_id, uses_email))
}

/// The person's rows of one table, in one query.
pub fn rows(
    conn: &mut DbConnection,
    read: &TableRead<'_>,
    user_id: i64,
    email: &str,
) -> QueryResult<Vec<RawRow>> {
    match conn {
        DbConnection::Pg(c) => {
            let (text, uses_id, uses_email) = sql(read, true)?;
            let mut q = diesel::sql_query(text).into_boxed::<diesel::pg::Pg>();
            if uses_id {
                q = q.bind::<BigInt, _>(user_id);
            }
            if uses_email {
                q = q.bind::<Text, _>(email.to_string());
            }
            q.load(c)
        }
        DbConnection::Sqlite(c) => {
            let (text, uses_id, uses_email) = sql(read, false)?;
            let mut q = diesel::sql_query(text).into_boxed::<diesel::sqlite::Sqlite>();
            if uses_id {
                q = q.bind::<BigInt, _>(user_id);
            }
            if uses_email {
                q = q.bind::<Text, _>(email.to_string());
            }
            q.load(c)
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn cols(names: &[&str]) -> Vec<String> {
        names.iter().map(|c| c.to_string()).collect()
    }

    #[test]
    fn a_read_binds_only_what_it_uses() {
        let columns = cols(&["id", "email"]);
        let read = TableRead {
            table: "login_failures",
            columns: &columns,
            owners: &[Owner::Email("email")],
            split: None,
        };
        let (text, id, email) = sql(&read, false).expect("sql");
        assert!(!id && email);
        assert!(text.contains("lower(t.\"email\") = lower(?1)"), "{text}");
        let (text, _, _) = sql(&read, true).expect("sql");
        assert!(text.contains("json_build_object('id', t.\"id\", 'email', t.\"email\")::text"));
        assert!(text.contains("lower($1)"), "{text}");
    }

    #[test]
    fn names_that_are_not_plain_identifiers_are_refused() {
        let columns = cols(&["id\"; DROP TABLE users; --"]);
        let read = TableRead {
            table: "users",
            columns: &columns,
            owners: &[Owner::Account("id")],
            split: None,
        };
        assert!(sql(&read, false).is_err());
    }
}
