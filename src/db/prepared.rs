//! Statements kept prepared on their connection although diesel would
//! prepare them afresh on every call.
//!
//! Diesel keeps a statement prepared only when it can prove that its SQL
//! never varies, so every `UPDATE`, every upsert and every raw SQL
//! statement is parsed and planned again each time. On the enrolment path
//! that was a fifth of PostgreSQL's CPU (measured with `perf`, see
//! BENCHMARKS.md). `Prepared` marks a statement whose SQL is the same on
//! every call as safe to keep: the connection's cache then keys it by its
//! SQL text and bind types, so a statement whose SQL did vary would only
//! take more room in the cache, never run the wrong SQL.
//!
//! An `IN` list is kept by `db::id_list::in_list`, once for each length up
//! to a bound. The start page's statements over a coordinator's branches
//! are also marked here, as a whole (`Keep::kept`): without the mark, its
//! instructions per view rose by 1 % (BENCHMARKS.md).
//!
//! A statement's limit is written into its SQL (`limit_in_sql`,
//! `in_first`) where it is a fixed number of the page's, not bound: for a
//! bound limit PostgreSQL's plan for any values assumes a tenth of the
//! rows, so it never looked as cheap as a plan for the values, and
//! PostgreSQL planned the statement again on every call (the start page's
//! pending applications: 0.69 ms of its 1.54 ms of planning per view,
//! BENCHMARKS.md). SQLite plans once at prepare either way. A boolean
//! that a statement always compares with the same value is written in
//! too (`bool_in_sql`): bound, PostgreSQL's plan for any value could not
//! tell that `ready = $1` picks the few ready people, and took another
//! index (5 ms against 0.4). So is a code fixed at the call site
//! (`code_in_sql`: a session's kind): bound, PostgreSQL's plan for any
//! value assumed the commoner half of the rows, and the volunteer's page
//! planned its reads of their course attendance and of their seats of
//! one kind on every call. So is a day fixed for the whole day
//! (`day_in_sql`: the start page's pauses ending by a horizon): bound, a
//! date range was assumed to keep a third of the rows. And a branch, where
//! nothing else would do (`branch_in_sql`: the pipeline's page of those in
//! training): branches differ so much in size that the plan for the
//! largest always looked cheaper than one for any branch.
//!
//! It overrides `QueryFragment::is_safe_to_cache_prepared`, which diesel
//! documents for connection implementations; diesel is pinned in
//! Cargo.lock, and the statement-budget tests use it on both databases.

use chrono::{Datelike, NaiveDate};
use diesel::backend::Backend;
use diesel::expression::{AppearsOnTable, Expression, SelectableExpression, ValidGrouping};
use diesel::pg::Pg;
use diesel::query_builder::{AstPass, Query, QueryFragment, QueryId};
use diesel::serialize::ToSql;
use diesel::sql_types::{BigInt, Bool, Date, HasSqlType, Text};
use diesel::{QueryResult, RunQueryDsl};

use crate::domain::Code;

/// A statement with the same SQL on every call, kept prepared.
#[derive(Debug, Clone, Copy)]
pub struct Prepared<Q>(pub Q);

impl<Q, DB> QueryFragment<DB> for Prepared<Q>
where
    DB: Backend,
    Q: QueryFragment<DB>,
{
    fn walk_ast<'b>(&'b self, pass: AstPass<'_, 'b, DB>) -> QueryResult<()> {
        self.0.walk_ast(pass)
    }

    fn is_safe_to_cache_prepared(&self, _backend: &DB) -> QueryResult<bool> {
        Ok(true)
    }
}

// Keyed by its SQL text, never by its Rust type: a type says nothing about
// which columns an `UPDATE` sets.
impl<Q> QueryId for Prepared<Q> {
    type QueryId = ();
    const HAS_STATIC_QUERY_ID: bool = false;
}

impl<Q: Query> Query for Prepared<Q> {
    type SqlType = Q::SqlType;
}

impl<Q, Conn> RunQueryDsl<Conn> for Prepared<Q> {}

/// `query.kept()` at the end of a chain: the same as `Prepared(query)`.
pub trait Keep: Sized {
    fn kept(self) -> Prepared<Self> {
        Prepared(self)
    }

    /// `query LIMIT n`, kept, with `n` in the SQL (see the module's
    /// comment). In place of diesel's `.limit(n)`, last in the chain: the
    /// query must have no limit, offset or locking clause of its own.
    fn limit_in_sql(self, n: i64) -> Prepared<LimitInSql<Self>> {
        self.page_in_sql(n, 0)
    }

    /// A page: `limit_in_sql`, then `OFFSET` bound when not 0. The first
    /// page, which most views are, is then one statement with a plan for
    /// any values; a later one is planned for its offset.
    fn page_in_sql(self, limit: i64, offset: i64) -> Prepared<LimitInSql<Self>> {
        Prepared(LimitInSql {
            query: self,
            n: limit,
            offset,
        })
    }

    /// `query FOR UPDATE OF table`, kept: the rows one table gives the
    /// statement are locked and the rest only read. Diesel's `for_update`
    /// locks the rows of every table in the join (all sessions of a course
    /// would then wait on each other), and PostgreSQL refuses it on the
    /// nullable side of an outer join. PostgreSQL only; last in the chain.
    fn for_update_of(self, table: &'static str) -> Prepared<ForUpdateOf<Self>> {
        Prepared(ForUpdateOf { query: self, table })
    }
}

/// See `Keep::for_update_of`.
#[derive(Debug, Clone, Copy)]
pub struct ForUpdateOf<Q> {
    query: Q,
    table: &'static str,
}

impl<Q: Query> Query for ForUpdateOf<Q> {
    type SqlType = Q::SqlType;
}

/// Kept under its text, as `Prepared` is.
impl<Q> QueryId for ForUpdateOf<Q> {
    type QueryId = ();
    const HAS_STATIC_QUERY_ID: bool = false;
}

impl<Q: QueryFragment<Pg>> QueryFragment<Pg> for ForUpdateOf<Q> {
    fn walk_ast<'b>(&'b self, mut pass: AstPass<'_, 'b, Pg>) -> QueryResult<()> {
        self.query.walk_ast(pass.reborrow())?;
        pass.push_sql(" FOR UPDATE OF ");
        pass.push_identifier(self.table)
    }
}

/// A value written into the SQL as an expression of type `$sql`: it
/// belongs to no table, so any query may use it, and it is kept under its
/// text (`HAS_STATIC_QUERY_ID` false), one prepared statement per value.
macro_rules! written_in_sql {
    ($name:ident $(<$t:ident>)?: $sql:ty) => {
        impl$(<$t>)? Expression for $name$(<$t>)? {
            type SqlType = $sql;
        }

        impl<QS $(, $t)?> AppearsOnTable<QS> for $name$(<$t>)? {}

        impl<QS $(, $t)?> SelectableExpression<QS> for $name$(<$t>)? {}

        impl<GB $(, $t)?> ValidGrouping<GB> for $name$(<$t>)? {
            type IsAggregate = diesel::expression::is_aggregate::Never;
        }

        impl$(<$t>)? QueryId for $name$(<$t>)? {
            type QueryId = ();
            const HAS_STATIC_QUERY_ID: bool = false;
        }
    };
}

/// `TRUE` or `FALSE` in the SQL, for a comparison whose value never
/// varies (see the module's comment). Both databases read the keywords.
pub fn bool_in_sql(value: bool) -> BoolInSql {
    BoolInSql(value)
}

/// See `bool_in_sql`.
#[derive(Debug, Clone, Copy)]
pub struct BoolInSql(bool);

written_in_sql!(BoolInSql: Bool);

impl<DB: Backend> QueryFragment<DB> for BoolInSql {
    fn walk_ast<'b>(&'b self, mut pass: AstPass<'_, 'b, DB>) -> QueryResult<()> {
        pass.push_sql(if self.0 { "TRUE" } else { "FALSE" });
        Ok(())
    }
}

/// A code (`domain::Code`) as a quoted literal in the SQL, for a
/// comparison with a value fixed at the call site (see the module's
/// comment): a kind, never anything a user typed. A code of anything but
/// lowercase letters, digits and `_` is bound instead, so nothing can
/// reach the SQL text but such a word.
pub fn code_in_sql<T: Code>(value: T) -> CodeInSql<T> {
    CodeInSql(value)
}

/// See `code_in_sql`.
#[derive(Debug, Clone, Copy)]
pub struct CodeInSql<T>(T);

written_in_sql!(CodeInSql<T>: Text);

impl<T, DB> QueryFragment<DB> for CodeInSql<T>
where
    T: Code,
    DB: Backend + HasSqlType<Text>,
    str: ToSql<Text, DB>,
{
    fn walk_ast<'b>(&'b self, mut pass: AstPass<'_, 'b, DB>) -> QueryResult<()> {
        let code = self.0.as_str();
        if is_plain_word(code) {
            pass.push_sql(&format!("'{code}'"));
            Ok(())
        } else {
            pass.push_bind_param::<Text, str>(code)
        }
    }
}

/// A day as a quoted literal in the SQL (`'2026-12-21'`), for a
/// comparison with a day the call site fixes for the whole day (today's
/// horizon): bound, PostgreSQL's plan for any value assumed a date range
/// keeps a third of the rows, so it never looked as cheap as the plan for
/// the value, and the statement was planned again on every call. The
/// statement is a new one each day, as the day changes. Dates both
/// databases read in that layout only (years 1 to 9999); any other is bound.
pub fn day_in_sql(day: NaiveDate) -> DayInSql {
    DayInSql(day)
}

/// See `day_in_sql`.
#[derive(Debug, Clone, Copy)]
pub struct DayInSql(NaiveDate);

written_in_sql!(DayInSql: Date);

impl<DB> QueryFragment<DB> for DayInSql
where
    DB: Backend + HasSqlType<Date>,
    NaiveDate: ToSql<Date, DB>,
{
    fn walk_ast<'b>(&'b self, mut pass: AstPass<'_, 'b, DB>) -> QueryResult<()> {
        if (1..=9999).contains(&self.0.year()) {
            pass.push_sql(&format!("'{}'", self.0.format("%Y-%m-%d")));
            Ok(())
        } else {
            pass.push_bind_param::<Date, NaiveDate>(&self.0)
        }
    }
}

/// A branch's id as a number in the SQL, for a list of one branch whose
/// sizes differ so much that PostgreSQL's plan for any branch never looks
/// as cheap as its plan for the largest: bound, the statement was planned
/// again on every call. One statement per branch and connection; the
/// branches are a few dozen. A number is all that can reach the SQL text.
pub fn branch_in_sql(id: i64) -> BranchInSql {
    BranchInSql(id)
}

/// See `branch_in_sql`.
#[derive(Debug, Clone, Copy)]
pub struct BranchInSql(i64);

written_in_sql!(BranchInSql: BigInt);

impl<DB: Backend> QueryFragment<DB> for BranchInSql {
    fn walk_ast<'b>(&'b self, mut pass: AstPass<'_, 'b, DB>) -> QueryResult<()> {
        pass.push_sql(&self.0.to_string());
        Ok(())
    }
}

fn is_plain_word(code: &str) -> bool {
    !code.is_empty()
        && code
            .bytes()
            .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'_')
}

/// See `Keep::limit_in_sql`.
#[derive(Debug, Clone, Copy)]
pub struct LimitInSql<Q> {
    query: Q,
    n: i64,
    offset: i64,
}

impl<Q: Query> Query for LimitInSql<Q> {
    type SqlType = Q::SqlType;
}

impl<Q, DB> QueryFragment<DB> for LimitInSql<Q>
where
    DB: Backend + HasSqlType<BigInt>,
    Q: QueryFragment<DB>,
    i64: ToSql<BigInt, DB>,
{
    fn walk_ast<'b>(&'b self, mut pass: AstPass<'_, 'b, DB>) -> QueryResult<()> {
        self.query.walk_ast(pass.reborrow())?;
        pass.push_sql(&format!(" LIMIT {}", self.n.max(0)));
        if self.offset > 0 {
            pass.push_sql(" OFFSET ");
            pass.push_bind_param::<BigInt, i64>(&self.offset)?;
        }
        Ok(())
    }
}

/// `(column IN (subquery LIMIT n))` with `n` in the SQL: the first `n`
/// rows picked by an index before anything is joined to them (see the
/// module's comment). The subquery has no limit of its own.
pub fn in_first<C, Q>(column: C, subquery: Q, n: i64) -> InFirst<C, Q>
where
    C: Expression,
    Q: Query<SqlType = C::SqlType>,
{
    InFirst {
        column,
        first: LimitInSql {
            query: subquery,
            n,
            offset: 0,
        },
    }
}

/// See `in_first`.
#[derive(Debug, Clone, Copy)]
pub struct InFirst<C, Q> {
    column: C,
    first: LimitInSql<Q>,
}

impl<C: Expression, Q> Expression for InFirst<C, Q> {
    type SqlType = Bool;
}

impl<C, Q, QS> AppearsOnTable<QS> for InFirst<C, Q> where C: AppearsOnTable<QS> {}

impl<C, Q, QS> SelectableExpression<QS> for InFirst<C, Q> where C: SelectableExpression<QS> {}

impl<C, Q, GB> ValidGrouping<GB> for InFirst<C, Q>
where
    C: ValidGrouping<GB>,
{
    type IsAggregate = C::IsAggregate;
}

/// Kept under its text, as `Prepared` is.
impl<C, Q> QueryId for InFirst<C, Q> {
    type QueryId = ();
    const HAS_STATIC_QUERY_ID: bool = false;
}

impl<C, Q, DB> QueryFragment<DB> for InFirst<C, Q>
where
    DB: Backend,
    C: QueryFragment<DB>,
    LimitInSql<Q>: QueryFragment<DB>,
{
    fn walk_ast<'b>(&'b self, mut pass: AstPass<'_, 'b, DB>) -> QueryResult<()> {
        pass.push_sql("(");
        self.column.walk_ast(pass.reborrow())?;
        pass.push_sql(" IN (");
        self.first.walk_ast(pass.reborrow())?;
        pass.push_sql("))");
        Ok(())
    }
}

impl<Q: Query> Keep for Q {}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_a_plain_word_is_written_into_the_sql() {
        assert!(is_plain_word("in_training"));
        assert!(is_plain_word("cohort"));
        assert!(!is_plain_word(""));
        assert!(!is_plain_word("x' OR '1'='1"));
        assert!(!is_plain_word("Cohort"));
        assert!(!is_plain_word("a-b"));
    }
}
