//! `column IN (ids)` as a statement that stays prepared. Diesel's `eq_any`
//! writes one placeholder per id on SQLite, so it never keeps the statement
//! and parses and plans it again on every request: on the volunteer's page
//! that was 9 statements of 21. `in_ids` writes one of two texts, each kept
//! prepared: `= ?` for one id (the common case: one person, one branch,
//! planned exactly as before), and for any other number the list bound as
//! one JSON array (`IN (SELECT value FROM json_each(?))`). PostgreSQL
//! gets `= $1` for one id too, and any other number as one array
//! (`= ANY($1)`), as `eq_any` writes it there.
//!
//! `in_list` is `eq_any` kept prepared, for the lists whose length has few
//! values: a fixed set of statuses, a coordinator's branches, a page of
//! people. On SQLite it is `eq_any`'s own text (one placeholder per
//! value), so the same plan; each length is a statement of its own, so a
//! list longer than `KEPT_UP_TO` is parsed every time as before, and the
//! cache of one call site holds at most that many. On PostgreSQL a short
//! list also gets a placeholder per value, so that PostgreSQL can keep one
//! plan for the statement instead of planning it on every call, and a
//! longer one is bound as one array as `eq_any` does (see
//! `PG_PLACEHOLDERS_UP_TO`). Where the JSON array gives a better plan
//! (the gate's reads), `in_ids` stays.

use diesel::QueryResult;
use diesel::expression::{AppearsOnTable, Expression, SelectableExpression, ValidGrouping};
use diesel::pg::Pg;
use diesel::query_builder::{AstPass, QueryFragment, QueryId};
use diesel::serialize::ToSql;
use diesel::sql_types::{Array, BigInt, Bool, HasSqlType, Text};
use diesel::sqlite::Sqlite;

use super::connection::MultiBackend;

/// `column IN (ids)`; see the module's comment.
#[derive(Debug, Clone)]
pub struct InIds<C> {
    column: C,
    ids: Vec<i64>,
    json: String,
}

/// `column IN (ids)` for an integer id column.
pub fn in_ids<C>(column: C, ids: &[i64]) -> InIds<C>
where
    C: Expression<SqlType = BigInt>,
{
    let json = format!(
        "[{}]",
        ids.iter().map(i64::to_string).collect::<Vec<_>>().join(",")
    );
    InIds {
        column,
        ids: ids.to_vec(),
        json,
    }
}

impl<C: Expression<SqlType = BigInt>> Expression for InIds<C> {
    type SqlType = Bool;
}

impl<C, QS> AppearsOnTable<QS> for InIds<C> where
    C: AppearsOnTable<QS> + Expression<SqlType = BigInt>
{
}

impl<C, QS> SelectableExpression<QS> for InIds<C> where
    C: SelectableExpression<QS> + Expression<SqlType = BigInt>
{
}

impl<C, GB> ValidGrouping<GB> for InIds<C>
where
    C: ValidGrouping<GB>,
{
    type IsAggregate = C::IsAggregate;
}

/// Not a static id: the statement is kept under its text, of which there
/// are two (see the module's comment).
impl<C> QueryId for InIds<C> {
    type QueryId = ();
    const HAS_STATIC_QUERY_ID: bool = false;
}

impl<C: QueryFragment<Sqlite>> QueryFragment<Sqlite> for InIds<C> {
    fn walk_ast<'b>(&'b self, mut out: AstPass<'_, 'b, Sqlite>) -> QueryResult<()> {
        out.push_sql("(");
        self.column.walk_ast(out.reborrow())?;
        if let [one] = self.ids.as_slice() {
            out.push_sql(" = ");
            out.push_bind_param::<BigInt, i64>(one)?;
        } else {
            out.push_sql(" IN (SELECT value FROM json_each(");
            out.push_bind_param::<Text, String>(&self.json)?;
            out.push_sql("))");
        }
        out.push_sql(")");
        Ok(())
    }
}

/// One id is `= $1` here too: as one array, PostgreSQL guessed ten ids
/// and planned the statement again on every call (see `InList`'s
/// `QueryFragment<Pg>`); a person's own page asks for one.
impl<C: QueryFragment<Pg>> QueryFragment<Pg> for InIds<C> {
    fn walk_ast<'b>(&'b self, mut out: AstPass<'_, 'b, Pg>) -> QueryResult<()> {
        out.push_sql("(");
        self.column.walk_ast(out.reborrow())?;
        if let [one] = self.ids.as_slice() {
            out.push_sql(" = ");
            out.push_bind_param::<BigInt, i64>(one)?;
        } else {
            out.push_sql(" = ANY(");
            out.push_bind_param::<Array<BigInt>, Vec<i64>>(&self.ids)?;
            out.push_sql(")");
        }
        out.push_sql(")");
        Ok(())
    }
}

impl<C> QueryFragment<MultiBackend> for InIds<C>
where
    C: QueryFragment<Sqlite> + QueryFragment<Pg>,
{
    fn walk_ast<'b>(&'b self, pass: AstPass<'_, 'b, MultiBackend>) -> QueryResult<()> {
        MultiBackend::walk_variant_ast(self, pass)
    }
}

/// The longest list `in_list` keeps prepared: a page of people (50) and
/// every branch (20) fit.
pub const KEPT_UP_TO: usize = 64;

/// `column IN (values)`, as `eq_any` writes it, kept prepared; see the
/// module's comment.
#[derive(Debug, Clone)]
pub struct InList<C, T> {
    column: C,
    values: Vec<T>,
}

/// `column IN (values)` for any column: `eq_any`, kept prepared up to
/// `KEPT_UP_TO` values.
pub fn in_list<C, T>(column: C, values: impl IntoIterator<Item = T>) -> InList<C, T>
where
    C: Expression,
{
    InList {
        column,
        values: values.into_iter().collect(),
    }
}

impl<C: Expression, T> Expression for InList<C, T> {
    type SqlType = Bool;
}

impl<C, T, QS> AppearsOnTable<QS> for InList<C, T> where C: AppearsOnTable<QS> {}

impl<C, T, QS> SelectableExpression<QS> for InList<C, T> where C: SelectableExpression<QS> {}

impl<C, T, GB> ValidGrouping<GB> for InList<C, T>
where
    C: ValidGrouping<GB>,
{
    type IsAggregate = C::IsAggregate;
}

/// Kept under its text: one per length of list.
impl<C, T> QueryId for InList<C, T> {
    type QueryId = ();
    const HAS_STATIC_QUERY_ID: bool = false;
}

impl<C, T> QueryFragment<Sqlite> for InList<C, T>
where
    C: Expression + QueryFragment<Sqlite>,
    T: ToSql<C::SqlType, Sqlite>,
    Sqlite: HasSqlType<C::SqlType>,
{
    fn walk_ast<'b>(&'b self, mut out: AstPass<'_, 'b, Sqlite>) -> QueryResult<()> {
        if self.values.len() > KEPT_UP_TO {
            out.unsafe_to_cache_prepared();
        }
        each_bound(&self.column, &self.values, out)
    }
}

/// `(column IN (?, ?, ...))`, a placeholder per value, as `eq_any` writes
/// it on SQLite; `1=0` for no value, as `eq_any` writes an empty list (it
/// matches nothing).
fn each_bound<'b, DB, C, T>(
    column: &'b C,
    values: &'b [T],
    mut out: AstPass<'_, 'b, DB>,
) -> QueryResult<()>
where
    DB: diesel::backend::Backend + HasSqlType<C::SqlType>,
    C: Expression + QueryFragment<DB>,
    T: ToSql<C::SqlType, DB>,
{
    if values.is_empty() {
        out.push_sql("1=0");
        return Ok(());
    }
    out.push_sql("(");
    column.walk_ast(out.reborrow())?;
    out.push_sql(" IN (");
    for (i, value) in values.iter().enumerate() {
        if i > 0 {
            out.push_sql(", ");
        }
        out.push_bind_param::<C::SqlType, T>(value)?;
    }
    out.push_sql("))");
    Ok(())
}

/// The longest list `in_list` writes with a placeholder per value on
/// PostgreSQL (see its `QueryFragment<Pg>`): a coordinator's branches, a
/// set of statuses. A page of fifty people stays one array: planned with
/// fifty placeholders, the supervision overview's statement was planned
/// on every call and cost more than with the array.
pub const PG_PLACEHOLDERS_UP_TO: usize = 10;

/// On PostgreSQL, a short list gets one placeholder per value, not one
/// array (`= ANY($1)`, as `eq_any` writes it). PostgreSQL plans a prepared
/// statement again on every call (a custom plan) until a plan for any
/// values (a generic plan) is estimated to cost no more. Of an array it
/// cannot know the length and guesses ten values, so for a coordinator's
/// two branches or a pair of statuses the generic plan never looked as
/// cheap, and every call was planned again: planning took more of
/// PostgreSQL's time than running the statements on most signed-in pages
/// (BENCHMARKS.md). With a placeholder per value, the generic plan counts
/// as many values as the call has. A longer list is bound as one array.
impl<C, T> QueryFragment<Pg> for InList<C, T>
where
    C: Expression + QueryFragment<Pg>,
    C::SqlType: 'static,
    T: ToSql<C::SqlType, Pg>,
    Pg: HasSqlType<C::SqlType>,
    Vec<T>: ToSql<Array<C::SqlType>, Pg>,
    Pg: HasSqlType<Array<C::SqlType>>,
{
    fn walk_ast<'b>(&'b self, mut out: AstPass<'_, 'b, Pg>) -> QueryResult<()> {
        if self.values.len() <= PG_PLACEHOLDERS_UP_TO {
            return each_bound(&self.column, &self.values, out);
        }
        out.push_sql("(");
        self.column.walk_ast(out.reborrow())?;
        out.push_sql(" = ANY(");
        out.push_bind_param::<Array<C::SqlType>, Vec<T>>(&self.values)?;
        out.push_sql("))");
        Ok(())
    }
}

impl<C, T> QueryFragment<MultiBackend> for InList<C, T>
where
    Self: QueryFragment<Sqlite> + QueryFragment<Pg>,
{
    fn walk_ast<'b>(&'b self, pass: AstPass<'_, 'b, MultiBackend>) -> QueryResult<()> {
        MultiBackend::walk_variant_ast(self, pass)
    }
}
