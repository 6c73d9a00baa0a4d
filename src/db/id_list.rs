//! `column IN (ids)` as a statement that stays prepared. Diesel's `eq_any`
//! writes one placeholder per id on SQLite, so it never keeps the statement
//! and parses and plans it again on every request: on the volunteer's page
//! that was 9 statements of 21. `in_ids` writes one of two texts, each kept
//! prepared: `= ?` for one id (the common case: one person, one branch,
//! planned exactly as before), and for any other number the list bound as
//! one JSON array (`IN (SELECT value FROM json_each(?))`). PostgreSQL binds
//! the list as one array either way (`= ANY($1)`), as `eq_any` does there.

use diesel::QueryResult;
use diesel::expression::{AppearsOnTable, Expression, SelectableExpression, ValidGrouping};
use diesel::pg::Pg;
use diesel::query_builder::{AstPass, QueryFragment, QueryId};
use diesel::sql_types::{Array, BigInt, Bool, Text};
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

impl<C: QueryFragment<Pg>> QueryFragment<Pg> for InIds<C> {
    fn walk_ast<'b>(&'b self, mut out: AstPass<'_, 'b, Pg>) -> QueryResult<()> {
        out.push_sql("(");
        self.column.walk_ast(out.reborrow())?;
        out.push_sql(" = ANY(");
        out.push_bind_param::<Array<BigInt>, Vec<i64>>(&self.ids)?;
        out.push_sql("))");
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
