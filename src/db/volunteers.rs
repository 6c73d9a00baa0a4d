//! Volunteer records (brobyggere): branch and status.

use crate::db::{Direct, columns_of};
use crate::domain::Code;
use chrono::NaiveDateTime;
use diesel::prelude::*;
use serde::Serialize;

use super::id_list::{InList, in_list};
use super::schema::{users, volunteer_counts, volunteers};
use super::{
    BoolInSql, DbConnection, Keep, bool_in_sql, branch_in_sql, code_in_sql, day_in_sql, lower, now,
};
use crate::domain::paging::{PER_PAGE, Pager};
use crate::domain::volunteer::VolunteerStatus;

#[derive(Debug, Clone, Queryable, Selectable, Serialize)]
#[diesel(table_name = volunteers)]
pub struct Volunteer {
    pub user_id: i64,
    pub branch_id: i64,
    pub status: VolunteerStatus,
    #[diesel(deserialize_as = crate::db::Stamp)]
    pub created_at: NaiveDateTime,
    #[diesel(deserialize_as = crate::db::Stamp)]
    pub updated_at: NaiveDateTime,
}

pub fn create(
    conn: &mut DbConnection,
    user_id: i64,
    branch_id: i64,
    status: VolunteerStatus,
) -> QueryResult<()> {
    let at = now();
    diesel::insert_into(volunteers::table)
        .values((
            volunteers::user_id.eq(user_id),
            volunteers::branch_id.eq(branch_id),
            volunteers::status.eq(status),
            volunteers::created_at.eq(at),
            volunteers::updated_at.eq(at),
        ))
        .execute_direct(conn)?;
    Ok(())
}

/// Sets the time of the volunteer's last supervision (an import's date
/// from before Brobyg; attendance in Brobyg sets it otherwise).
pub fn set_last_supervision(
    conn: &mut DbConnection,
    user_id: i64,
    at: NaiveDateTime,
) -> QueryResult<()> {
    diesel::update(volunteers::table.find(user_id))
        .set(volunteers::last_supervision_at.eq(Some(at)))
        .execute_direct(conn)?;
    super::supervision::store_due_of(conn, user_id)?;
    Ok(())
}

/// Takes the volunteer's row for the caller's transaction before it reads:
/// a row lock on PostgreSQL, the write lock on SQLite (a transaction that
/// writes begins by writing). For work outside a request that several
/// instances may do at once (ending a pause). Whether the row exists.
pub fn lock(conn: &mut DbConnection, user_id: i64) -> QueryResult<bool> {
    let n = diesel::update(volunteers::table.find(user_id))
        .set(volunteers::updated_at.eq(volunteers::updated_at))
        .execute_direct(conn)?;
    Ok(n > 0)
}

pub fn find(conn: &mut DbConnection, user_id: i64) -> QueryResult<Option<Volunteer>> {
    volunteers::table
        .find(user_id)
        .select(columns_of::<Volunteer>())
        .first_direct(conn)
        .optional()
}

/// A volunteer with their branch, in one statement: the pages that show a
/// volunteer's record name the branch, and reading it after the record was
/// a round trip of its own on every view of the volunteer's page.
pub fn find_with_branch(
    conn: &mut DbConnection,
    user_id: i64,
) -> QueryResult<Option<(Volunteer, super::branches::Branch)>> {
    volunteers::table
        .inner_join(super::schema::branches::table)
        .filter(volunteers::user_id.eq(user_id))
        .select((
            columns_of::<Volunteer>(),
            columns_of::<super::branches::Branch>(),
        ))
        .first_direct(conn)
        .optional()
}

#[derive(Debug, Clone, Serialize)]
pub struct RosterRow {
    pub user_id: i64,
    pub name: String,
    pub email: String,
    pub status: VolunteerStatus,
}

/// A branch's volunteers in the given statuses with their names and
/// addresses, by name, in one join.
pub fn in_branch_with_status(
    conn: &mut DbConnection,
    branch_id: i64,
    statuses: &[VolunteerStatus],
) -> QueryResult<Vec<RosterRow>> {
    let rows: Vec<(i64, String, String, VolunteerStatus)> = volunteers::table
        .inner_join(users::table)
        .filter(volunteers::branch_id.eq(branch_id))
        .filter(in_list(volunteers::status, statuses.iter().copied()))
        .select((users::id, users::name, users::email, volunteers::status))
        // The copy of the name beside the branch: read in index order.
        .order((volunteers::user_name, volunteers::user_id))
        .load_direct(conn)?;
    Ok(rows.into_iter().map(RosterRow::from).collect())
}

/// A volunteer as a list names them.
#[derive(Debug, Clone, Queryable, Serialize)]
pub struct Named {
    pub user_id: i64,
    pub name: String,
}

/// The first `limit` of a branch's volunteers in `status`, by name, on
/// the (branch, status, name) index alone: the names are the copies kept
/// beside the volunteers, so no account is read.
pub fn first_named(
    conn: &mut DbConnection,
    branch_id: i64,
    status: VolunteerStatus,
    limit: i64,
) -> QueryResult<Vec<Named>> {
    volunteers::table
        .filter(volunteers::branch_id.eq(branch_id))
        .filter(volunteers::status.eq(status))
        .order((volunteers::user_name, volunteers::user_id))
        .select((volunteers::user_id, volunteers::user_name))
        .limit_in_sql(limit)
        .load_direct(conn)
}

impl From<(i64, String, String, VolunteerStatus)> for RosterRow {
    fn from((user_id, name, email, status): (i64, String, String, VolunteerStatus)) -> Self {
        RosterRow {
            user_id,
            name,
            email,
            status,
        }
    }
}

/// One page of a branch's volunteers by name, optionally in one status and
/// matching a name or email search, with how many match in all. The count
/// and the page are two indexed queries, whatever the branch's size.
pub fn page_in_branch(
    conn: &mut DbConnection,
    branch_id: i64,
    status: Option<VolunteerStatus>,
    search: &str,
    requested_page: i64,
) -> QueryResult<(Vec<RosterRow>, Pager)> {
    use super::schema::users;
    let pattern = super::contains_pattern(search);
    let (rows, pager) = crate::db::direct!(conn, |c| {
        let matching = || {
            let mut q = volunteers::table
                .inner_join(users::table)
                .filter(volunteers::branch_id.eq(branch_id))
                .into_boxed();
            if let Some(status) = status {
                q = q.filter(volunteers::status.eq(status));
            }
            if let Some(pattern) = &pattern {
                q = q.filter(
                    lower(users::email)
                        .like(pattern.clone())
                        .escape('\\')
                        .or(lower(users::name).like(pattern.clone()).escape('\\')),
                );
            }
            q
        };
        // Without a search every volunteer row has its user: count the
        // volunteers alone, from their (branch, status) index.
        let total: i64 = if pattern.is_none() {
            let mut q = volunteers::table
                .filter(volunteers::branch_id.eq(branch_id))
                .into_boxed();
            if let Some(status) = status {
                q = q.filter(volunteers::status.eq(status));
            }
            q.count().get_result(c)?
        } else {
            matching().count().get_result(c)?
        };
        let pager = Pager::new(requested_page, PER_PAGE, total);
        let rows: Vec<(i64, String, String, VolunteerStatus)> = matching()
            .select((users::id, users::name, users::email, volunteers::status))
            // The copy of the name beside the branch: read in index order.
            .order((volunteers::user_name, volunteers::user_id))
            .page_in_sql(pager.limit(), pager.offset())
            .load(c)?;
        QueryResult::Ok((rows, pager))
    })?;
    Ok((rows.into_iter().map(RosterRow::from).collect(), pager))
}

/// (branch, status, how many) for the given branches and statuses, the
/// statuses with nobody left out. Read from `volunteer_counts`, which
/// triggers keep beside every write of `volunteers`: counting the rows
/// meant reading an entry for every volunteer a branch ever had, the
/// alumni and the declined who pile up over the years included. Kept
/// prepared: a coordinator's branches give it a handful of shapes.
pub fn counts_by_branch(
    conn: &mut DbConnection,
    branch_ids: &[i64],
    statuses: &[VolunteerStatus],
) -> QueryResult<Vec<(i64, VolunteerStatus, i64)>> {
    volunteer_counts::table
        .filter(in_list(
            volunteer_counts::branch_id,
            branch_ids.iter().copied(),
        ))
        .filter(in_list(volunteer_counts::status, statuses.iter().copied()))
        .filter(volunteer_counts::people.ne(0))
        .select((
            volunteer_counts::branch_id,
            volunteer_counts::status,
            volunteer_counts::people,
        ))
        .kept()
        .load_direct(conn)
}

/// How many volunteers of one branch are in each status, every status
/// included (0 where none), in `VolunteerStatus::ALL` order.
pub fn counts_in_branch(
    conn: &mut DbConnection,
    branch_id: i64,
) -> QueryResult<Vec<(VolunteerStatus, i64)>> {
    let counted = counts_by_branch(conn, &[branch_id], VolunteerStatus::ALL)?;
    Ok(VolunteerStatus::ALL
        .iter()
        .map(|&s| {
            let n = counted
                .iter()
                .find(|(_, status, _)| *status == s)
                .map_or(0, |(_, _, n)| *n);
            (s, n)
        })
        .collect())
}

/// One line of a branch's roster of active brobyggere.
#[derive(Debug, Clone, Serialize)]
pub struct ActiveRow {
    pub user_id: i64,
    pub name: String,
    pub email: String,
    pub phone: Option<String>,
}

/// A branch's active volunteers with their contact details, by name, in one
/// join.
pub fn active_in_branch(conn: &mut DbConnection, branch_id: i64) -> QueryResult<Vec<ActiveRow>> {
    active_rows(conn, branch_id, None)
}

/// One page of `active_in_branch`, with how many there are in all.
pub fn active_page_in_branch(
    conn: &mut DbConnection,
    branch_id: i64,
    requested_page: i64,
) -> QueryResult<(Vec<ActiveRow>, Pager)> {
    let total: i64 = volunteers::table
        .filter(volunteers::branch_id.eq(branch_id))
        .filter(volunteers::status.eq(VolunteerStatus::Active))
        .count()
        .get_result_direct(conn)?;
    let pager = Pager::new(requested_page, PER_PAGE, total);
    Ok((active_rows(conn, branch_id, Some(&pager))?, pager))
}

fn active_rows(
    conn: &mut DbConnection,
    branch_id: i64,
    page: Option<&Pager>,
) -> QueryResult<Vec<ActiveRow>> {
    use super::schema::users;
    let rows: Vec<(i64, String, String, Option<String>)> = crate::db::direct!(conn, |c| {
        let mut q = volunteers::table
            .inner_join(users::table)
            .filter(volunteers::branch_id.eq(branch_id))
            .filter(volunteers::status.eq(VolunteerStatus::Active))
            .select((users::id, users::name, users::email, users::phone))
            .order((volunteers::user_name, volunteers::user_id))
            .into_boxed();
        if let Some(p) = page {
            q = q.limit(p.limit()).offset(p.offset());
        }
        q.load(c)
    })?;
    Ok(rows
        .into_iter()
        .map(|(user_id, name, email, phone)| ActiveRow {
            user_id,
            name,
            email,
            phone,
        })
        .collect())
}

/// Whether a volunteer's stored readiness (`db::gate::refresh`) says ready
/// on `today`: `activation::Readiness::ready_on` in SQL, for the pipeline
/// and the coordinator's tasks.
#[diesel::dsl::auto_type(no_type_alias)]
pub fn ready_on(today: chrono::NaiveDate) -> _ {
    // Written into the SQL, so that PostgreSQL's plan for any date still
    // finds the few ready on the (branch, status, ready) index.
    let ready: BoolInSql = bool_in_sql(true);
    volunteers::ready.eq(ready).and(
        volunteers::ready_until
            .is_null()
            .or(volunteers::ready_until.ge(today)),
    )
}

/// The volunteer's account is open: not among the few closed ones, read
/// from their partial index (`users_deactivated_idx`). Cheaper than a join
/// with `users` to plan and to run, for lists of a branch's people.
#[diesel::dsl::auto_type(no_type_alias)]
pub fn account_open() -> _ {
    let closed: diesel::dsl::Select<
        diesel::dsl::Filter<users::table, diesel::dsl::IsNotNull<users::deactivated_at>>,
        users::id,
    > = users::table
        .filter(users::deactivated_at.is_not_null())
        .select(users::id);
    volunteers::user_id.ne_all(closed)
}

/// One person on the pipeline's lists: what the page shows of them, and
/// their course minutes done.
#[derive(Debug, Clone, Queryable, Serialize)]
pub struct InPipeline {
    pub user_id: i64,
    pub name: String,
    pub status: VolunteerStatus,
    pub done_minutes: i32,
}

/// One of the pipeline's two lists of a branch's volunteers in training
/// (approved or in training): those whose stored readiness
/// (`db::gate::refresh`) says ready on `today`, or the others. The first
/// `limit` by name with their course minutes, in one query on the
/// (branch, status, ready) index, whatever the history. "Ready on
/// `today`" is `ready_on`; `ready_count` counts those, and the others are
/// the rest of the kept counts of the pipeline's statuses.
pub fn in_pipeline(
    conn: &mut DbConnection,
    branch_id: i64,
    ready: bool,
    today: chrono::NaiveDate,
    limit: i64,
) -> QueryResult<Vec<InPipeline>> {
    // Boxed for its two orders, and so typed for one backend: built and run
    // on each. The name is the copy beside the volunteer (kept equal to the
    // account's by triggers): joined to `users` for it, PostgreSQL fetched
    // a page of accounts one by one (BENCHMARKS.md).
    crate::db::direct!(conn, |c| {
        let first = volunteers::table.into_boxed();
        // By the name stored with the volunteer, as the roster: ordered by the
        // user's, PostgreSQL joined every volunteer in the pipeline to `users`
        // before keeping a page of them.
        let first = if ready {
            // The ready are few (people waiting to be activated): found on the
            // (branch, status, ready) index and sorted. Ordered by the bare
            // column, SQLite, whose statistics cannot tell that `ready` is
            // rare, walks the whole branch in name order instead (3,683 rows
            // for none at national scale, BENCHMARKS.md); the same name with
            // nothing added is no column an index keeps in order.
            first
                .filter(in_branch_pipeline(branch_id))
                .filter(ready_on(today))
                .order((volunteers::user_name.concat(""), volunteers::user_id))
        } else {
            // Most of the pipeline is not ready: the pipeline's own name
            // index (partial, on the two statuses written as here, or
            // SQLite would not use it) hands out a page of them early.
            // Nothing is bound: with the branch, the statuses or the day
            // bound, PostgreSQL planned it again on every call (0.3 ms a
            // view at national scale), its plan for any branch never as
            // cheap as the one for the largest.
            let [first_status, second_status] = crate::domain::activation::PIPELINE_STATUSES;
            first
                .filter(volunteers::branch_id.eq(branch_in_sql(branch_id)))
                .filter(
                    volunteers::status
                        .eq(code_in_sql(first_status))
                        .or(volunteers::status.eq(code_in_sql(second_status))),
                )
                .filter(
                    volunteers::ready
                        .eq(bool_in_sql(false))
                        .or(volunteers::ready_until.lt(day_in_sql(today).nullable())),
                )
                .order((volunteers::user_name, volunteers::user_id))
        };
        first
            .select((
                volunteers::user_id,
                volunteers::user_name,
                volunteers::status,
                volunteers::done_minutes,
            ))
            .limit_in_sql(limit)
            .load(c)
    })
}

/// How many of a branch's volunteers in training are ready on `today`
/// (`ready_on`): the few waiting to be activated, counted on the
/// (branch, status, ready) index. The not ready, most of the pipeline,
/// are not counted here: they are the rest of the kept counts.
pub fn ready_count(
    conn: &mut DbConnection,
    branch_id: i64,
    today: chrono::NaiveDate,
) -> QueryResult<i64> {
    volunteers::table
        .filter(in_branch_pipeline(branch_id))
        .filter(ready_on(today))
        .count()
        .get_result_direct(conn)
}

/// The branch's volunteers in the pipeline (approved or in training), for
/// its two lists and the count of the ready.
fn in_branch_pipeline(branch_id: i64) -> InBranchPipeline {
    volunteers::branch_id.eq(branch_id).and(in_list(
        volunteers::status,
        crate::domain::activation::PIPELINE_STATUSES,
    ))
}

type InBranchPipeline = diesel::dsl::And<
    diesel::dsl::Eq<volunteers::branch_id, i64>,
    InList<volunteers::status, VolunteerStatus>,
>;
