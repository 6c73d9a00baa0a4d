//! The audit log's rows: one insert, and the administrators' filtered,
//! paged reads. There is deliberately no update or delete here (and the
//! migration's triggers refuse them).

use chrono::NaiveDateTime;
use diesel::prelude::*;
use serde::Serialize;

use super::DbConnection;
use super::schema::{audit_log, users};
use crate::db::Direct;
use crate::domain::audit::{Action, ObjectKind};

/// A row as `app::audit::record` writes it.
#[derive(Debug, Clone, Insertable)]
#[diesel(table_name = audit_log)]
pub struct NewEntry<'a> {
    pub at: NaiveDateTime,
    pub actor_id: Option<i64>,
    pub client: &'a str,
    pub action: Action,
    pub object_kind: ObjectKind,
    pub object_id: Option<i64>,
    pub object_label: Option<&'a str>,
    pub detail: Option<&'a str>,
}

pub fn insert(conn: &mut DbConnection, entry: &NewEntry<'_>) -> QueryResult<()> {
    diesel::insert_into(audit_log::table)
        .values(entry)
        .execute_direct(conn)?;
    Ok(())
}

/// A row for the log's page and file, with the actor's account as it is
/// now (`None`: the system, or an account that no longer exists).
#[derive(Debug, Clone, Serialize)]
pub struct Entry {
    pub id: i64,
    pub at: NaiveDateTime,
    pub actor_id: Option<i64>,
    pub actor_name: Option<String>,
    pub actor_email: Option<String>,
    pub client: String,
    pub action: Action,
    pub object_kind: ObjectKind,
    pub object_id: Option<i64>,
    pub object_label: Option<String>,
    pub detail: Option<String>,
}

/// Which rows to show; every part is optional.
#[derive(Debug, Clone, Default)]
pub struct Filter {
    /// Part of the actor's name or email.
    pub actor: Option<String>,
    pub action: Option<Action>,
    pub object_kind: Option<ObjectKind>,
    pub object_id: Option<i64>,
    /// From this moment (UTC), inclusive.
    pub from: Option<NaiveDateTime>,
    /// Until this moment (UTC), exclusive.
    pub until: Option<NaiveDateTime>,
}

type Columns = (
    audit_log::id,
    audit_log::at,
    audit_log::actor_id,
    diesel::helper_types::Nullable<users::name>,
    diesel::helper_types::Nullable<users::email>,
    audit_log::client,
    audit_log::action,
    audit_log::object_kind,
    audit_log::object_id,
    audit_log::object_label,
    audit_log::detail,
);

type Row = (
    i64,
    NaiveDateTime,
    Option<i64>,
    Option<String>,
    Option<String>,
    String,
    Action,
    ObjectKind,
    Option<i64>,
    Option<String>,
    Option<String>,
);

fn columns() -> Columns {
    (
        audit_log::id,
        audit_log::at,
        audit_log::actor_id,
        users::name.nullable(),
        users::email.nullable(),
        audit_log::client,
        audit_log::action,
        audit_log::object_kind,
        audit_log::object_id,
        audit_log::object_label,
        audit_log::detail,
    )
}

fn entry(r: Row) -> Entry {
    Entry {
        id: r.0,
        at: r.1,
        actor_id: r.2,
        actor_name: r.3,
        actor_email: r.4,
        client: r.5,
        action: r.6,
        object_kind: r.7,
        object_id: r.8,
        object_label: r.9,
        detail: r.10,
    }
}

/// How many rows match `filter`, and the rows matching it newest first:
/// the slice that `pick` chooses from the count, as (offset, limit).
pub fn search<P>(
    conn: &mut DbConnection,
    filter: &Filter,
    pick: P,
) -> QueryResult<(Vec<Entry>, P::Out)>
where
    P: Pick,
{
    let (rows, out) = crate::db::direct!(conn, |c| {
        let filtered = || {
            let mut q = audit_log::table
                .left_join(users::table.on(users::id.nullable().eq(audit_log::actor_id)))
                .into_boxed();
            if let Some(actor) = &filter.actor {
                let pattern = format!("%{}%", actor.trim().to_lowercase());
                q = q.filter(
                    super::lower(users::email)
                        .like(pattern.clone())
                        .or(super::lower(users::name).like(pattern)),
                );
            }
            if let Some(action) = filter.action {
                q = q.filter(audit_log::action.eq(action));
            }
            if let Some(kind) = filter.object_kind {
                q = q.filter(audit_log::object_kind.eq(kind));
            }
            if let Some(id) = filter.object_id {
                q = q.filter(audit_log::object_id.eq(id));
            }
            if let Some(from) = filter.from {
                q = q.filter(audit_log::at.ge(from));
            }
            if let Some(until) = filter.until {
                q = q.filter(audit_log::at.lt(until));
            }
            q
        };
        let total: i64 = filtered().count().get_result(c)?;
        let (offset, limit, out) = pick.pick(total);
        let rows: Vec<Row> = filtered()
            .select(columns())
            .order((audit_log::at.desc(), audit_log::id.desc()))
            .offset(offset)
            .limit(limit)
            .load(c)?;
        QueryResult::Ok((rows, out))
    })?;
    Ok((rows.into_iter().map(entry).collect(), out))
}

/// The rows concerning one person, oldest first: actions done to their
/// account, and actions they did themselves (as staff).
pub fn concerning(conn: &mut DbConnection, user_id: i64) -> QueryResult<Vec<Entry>> {
    let rows: Vec<Row> = audit_log::table
        .left_join(users::table.on(users::id.nullable().eq(audit_log::actor_id)))
        .filter(
            audit_log::object_kind
                .eq(ObjectKind::User)
                .and(audit_log::object_id.eq(user_id))
                .or(audit_log::actor_id.eq(user_id)),
        )
        .select(columns())
        .order((audit_log::at.asc(), audit_log::id.asc()))
        .load_direct(conn)?;
    Ok(rows.into_iter().map(entry).collect())
}

/// Which slice of the matching rows to read, once their number is known.
pub trait Pick {
    type Out;
    /// (offset, limit, what to hand back with the rows).
    fn pick(self, total: i64) -> (i64, i64, Self::Out);
}

impl<F: FnOnce(i64) -> (i64, i64, T), T> Pick for F {
    type Out = T;
    fn pick(self, total: i64) -> (i64, i64, T) {
        self(total)
    }
}

/// How many rows the log holds (for tests and the dashboard).
pub fn count(conn: &mut DbConnection) -> QueryResult<i64> {
    audit_log::table.count().get_result_direct(conn)
}
