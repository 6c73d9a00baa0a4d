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
//! It overrides `QueryFragment::is_safe_to_cache_prepared`, which diesel
//! documents for connection implementations; diesel is pinned in
//! Cargo.lock, and the statement-budget tests use it on both databases.

use diesel::backend::Backend;
use diesel::query_builder::{AstPass, Query, QueryFragment, QueryId};
use diesel::{QueryResult, RunQueryDsl};

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
}

impl<Q: Query> Keep for Q {}
