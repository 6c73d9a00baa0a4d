//! Statements run on the connection beneath `DbConnection`.
//!
//! `#[derive(MultiConnection)]` runs a statement by wrapping it in a type
//! whose `walk_ast` writes the whole SQL text on every pass diesel makes
//! over it (is it safe to keep prepared, collect its bound values, and for
//! a statement cached by its text, find it), two or three times per call,
//! also when the statement is found in the cache by its Rust type and its
//! text is never read: a quarter of the start page's instructions on SQLite
//! (callgrind, BENCHMARKS.md, issue 20). The derive's query builder is
//! private, so that cannot be changed from here; running the statement on
//! the connection beneath skips the wrapper. Its SQL, its prepared-statement
//! cache, its transaction and its instrumentation are the same: they all
//! belong to the connection beneath. The price is that each statement is
//! compiled for both backends, as the wrapper's did already for its leaves.
//!
//! Storage functions run their statements through `Direct`'s methods,
//! named as diesel's with `_direct`, and select a struct's columns with
//! `columns_of::<T>()` rather than `T::as_select()`, which is typed for one
//! backend. A boxed statement (`into_boxed`) is typed for one backend too:
//! it is built in a `direct!` body, once for each.

use diesel::Selectable;
use diesel::pg::PgConnection;
use diesel::query_dsl::LoadQuery;
use diesel::query_dsl::methods::{ExecuteDsl, LimitDsl};
use diesel::sqlite::Sqlite;
use diesel::sqlite::SqliteConnection;
use diesel::{QueryResult, RunQueryDsl};

use super::DbConnection;

pub trait Direct: Sized {
    /// `RunQueryDsl::load`, on the connection beneath.
    fn load_direct<'q, U>(self, conn: &mut DbConnection) -> QueryResult<Vec<U>>
    where
        Self: LoadQuery<'q, PgConnection, U> + LoadQuery<'q, SqliteConnection, U>,
    {
        match conn {
            DbConnection::Pg(c) => RunQueryDsl::<PgConnection>::load(self, c),
            DbConnection::Sqlite(c) => RunQueryDsl::<SqliteConnection>::load(self, c),
        }
    }

    /// `RunQueryDsl::get_result`, on the connection beneath.
    fn get_result_direct<'q, U>(self, conn: &mut DbConnection) -> QueryResult<U>
    where
        Self: LoadQuery<'q, PgConnection, U> + LoadQuery<'q, SqliteConnection, U>,
    {
        match conn {
            DbConnection::Pg(c) => RunQueryDsl::<PgConnection>::get_result(self, c),
            DbConnection::Sqlite(c) => RunQueryDsl::<SqliteConnection>::get_result(self, c),
        }
    }

    /// `RunQueryDsl::first`, on the connection beneath.
    fn first_direct<'q, U>(self, conn: &mut DbConnection) -> QueryResult<U>
    where
        Self: LimitDsl,
        <Self as LimitDsl>::Output:
            LoadQuery<'q, PgConnection, U> + LoadQuery<'q, SqliteConnection, U>,
    {
        self.limit(1).get_result_direct(conn)
    }

    /// `RunQueryDsl::execute`, on the connection beneath.
    fn execute_direct(self, conn: &mut DbConnection) -> QueryResult<usize>
    where
        Self: ExecuteDsl<PgConnection> + ExecuteDsl<SqliteConnection>,
    {
        match conn {
            DbConnection::Pg(c) => ExecuteDsl::<PgConnection>::execute(self, c),
            DbConnection::Sqlite(c) => ExecuteDsl::<SqliteConnection>::execute(self, c),
        }
    }
}

impl<T> Direct for T {}

/// `T::as_select()` for a statement run on either backend: the columns of
/// `T`'s `Selectable`, read back by its `Queryable`. `as_select` wraps
/// them in a type tied to one backend, so a statement selecting through it
/// could only run on the multi-backend connection. Both derives follow the
/// struct's field order, so the columns come in the order `Queryable`
/// reads them; a field of the wrong type fails to compile as before.
pub fn columns_of<T: Selectable<Sqlite>>() -> T::SelectExpression {
    T::construct_selection()
}
