//! The rows behind a coordinator's task list: what waits in their branches
//! (and, for administrators, in national matters). Each kind is one query
//! for its first rows and, when those fill a page, one for how many there
//! are, whatever the size of the history; `app::tasks` turns them into
//! tasks.

use chrono::{Duration, NaiveDate, NaiveDateTime};
use diesel::dsl::exists;
use diesel::prelude::*;

use super::id_list::in_list;
use super::schema::{
    bookings, branches, courses, erasure_requests, meetings, requirement_grace, sessions,
    supervision_requests, users, volunteer_applications as apps, volunteers,
};
use super::{DbConnection, Keep, code_in_sql, day_in_sql, direct, in_first};
use crate::db::Direct;
use crate::domain::application::ApplicationStatus;
use crate::domain::genlaer::BookingStatus;
use crate::domain::session::SessionStatus;
use crate::domain::supervision::RequestStatus;
use crate::domain::tasks::ATTENDANCE_LOOKBACK_DAYS;
use crate::domain::volunteer::VolunteerStatus;

/// Whose tasks: these branches, and matters without a branch (national
/// GenLær bookings and sessions, erasure requests) when `national`.
#[derive(Debug, Clone, Copy)]
pub struct Scope<'a> {
    pub branches: &'a [i64],
    pub national: bool,
}

/// One waiting thing, as stored.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Row {
    /// The id its page is found by (an application, a request, a person…).
    pub id: i64,
    /// The session of a meeting whose attendance is missing.
    pub session_id: Option<i64>,
    pub subject: String,
    /// What the subject is about, where it helps (a booking's course).
    pub detail: Option<String>,
    pub branch: Option<String>,
    pub due: Option<NaiveDateTime>,
    pub since: NaiveDateTime,
}

impl Row {
    /// A row with no session, detail or deadline: what most kinds are.
    fn plain(id: i64, subject: String, branch: Option<String>, since: NaiveDateTime) -> Row {
        Row {
            id,
            session_id: None,
            subject,
            detail: None,
            branch,
            due: None,
            since,
        }
    }
}

/// The first `limit` rows of a kind and how many there are in all.
pub type Rows = (Vec<Row>, i64);

/// How many there are of a kind whose first `limit` were read: a list
/// that came back shorter than its limit is all of them, so only a full
/// one is counted. On most days most kinds have fewer than a page, and
/// each count was a statement of its own (a round trip to PostgreSQL) on
/// every view of the start page.
fn total_of<T>(
    read: &[T],
    limit: i64,
    count: impl FnOnce() -> QueryResult<i64>,
) -> QueryResult<i64> {
    match i64::try_from(read.len()) {
        Ok(n) if n < limit => Ok(n),
        _ => count(),
    }
}

type Plain = (i64, String, Option<String>, NaiveDateTime);

fn plain(rows: Vec<Plain>) -> Vec<Row> {
    rows.into_iter()
        .map(|(id, subject, branch, since)| Row::plain(id, subject, branch, since))
        .collect()
}

/// Pending applications, the oldest first, of both kinds: waiting for the
/// intro conversation, and after it (`intro_on` recorded). One count
/// serves both kinds; each list picks its few from the index, a branch at
/// a time (`across`), and joins only those (joined before the limit, every
/// pending application's person was read to sort them). A kind with none
/// sends no list query.
pub fn applications(
    conn: &mut DbConnection,
    branch_ids: &[i64],
    limit: i64,
) -> QueryResult<(Rows, Rows)> {
    let (all, after_intro) = super::applications::pending_counts(conn, branch_ids)?;
    let before_intro = all - after_intro;
    let mut list = |intro_held: bool, n: i64| {
        if n == 0 {
            Ok(Vec::new())
        } else {
            super::across::first_of_branches(
                branch_ids,
                limit,
                |row: &Plain| (row.3, row.0),
                |branch| first_pending(conn, branch, intro_held, limit),
            )
            .map(plain)
        }
    };
    Ok((
        (list(false, before_intro)?, before_intro),
        (list(true, after_intro)?, after_intro),
    ))
}

/// One branch's first `limit` pending applications of a kind, the oldest
/// first.
fn first_pending(
    conn: &mut DbConnection,
    branch_id: i64,
    intro_held: bool,
    limit: i64,
) -> QueryResult<Vec<Plain>> {
    let picked = diesel::alias!(super::schema::volunteer_applications as picked);
    let pending = picked
        .filter(picked.field(apps::branch_id).eq(branch_id))
        .filter(picked.field(apps::status).eq(ApplicationStatus::Pending));
    let order = (picked.field(apps::created_at), picked.field(apps::id));
    // The two kinds' subqueries differ in type, and a boxed subquery
    // cannot be sent through the connection for either database.
    macro_rules! named {
        ($first:expr) => {
            apps::table
                .inner_join(users::table.on(users::id.eq(apps::user_id)))
                .inner_join(branches::table.on(branches::id.eq(apps::branch_id)))
                .filter(in_first(apps::id, $first, limit))
                .order((apps::created_at, apps::id))
                .select((
                    apps::id,
                    users::name,
                    branches::name.nullable(),
                    apps::created_at,
                ))
                .kept()
                .load_direct::<Plain>(conn)
        };
    }
    if intro_held {
        let with = pending.filter(picked.field(apps::intro_on).is_not_null());
        named!(with.order(order).select(picked.field(apps::id)))
    } else {
        let without = pending.filter(picked.field(apps::intro_on).is_null());
        named!(without.order(order).select(picked.field(apps::id)))
    }
}

/// Open requests for individual supervision, the nearest deadline first.
pub fn supervision_requests(
    conn: &mut DbConnection,
    branch_ids: &[i64],
    limit: i64,
) -> QueryResult<Rows> {
    let open = || {
        supervision_requests::table
            .filter(in_list(
                supervision_requests::branch_id,
                branch_ids.iter().copied(),
            ))
            .filter(supervision_requests::status.eq(RequestStatus::Open))
    };
    let rows: Vec<(i64, String, Option<String>, NaiveDateTime, NaiveDateTime)> = open()
        .inner_join(users::table.on(users::id.eq(supervision_requests::user_id)))
        .inner_join(branches::table.on(branches::id.eq(supervision_requests::branch_id)))
        .order((supervision_requests::respond_by, supervision_requests::id))
        .select((
            supervision_requests::id,
            users::name,
            branches::name.nullable(),
            supervision_requests::respond_by,
            supervision_requests::created_at,
        ))
        .limit_in_sql(limit)
        .load_direct(conn)?;
    let total = total_of(&rows, limit, || {
        open().count().kept().get_result_direct(conn)
    })?;
    Ok((
        rows.into_iter()
            .map(|(id, subject, branch, due, since)| Row {
                due: Some(due),
                ..Row::plain(id, subject, branch, since)
            })
            .collect(),
        total,
    ))
}

/// Organisations' GenLær requests without an answer, the oldest first.
/// The subject is the organisation; the due date the first day they wish
/// the course (at midnight UTC: the app adds the time of day).
pub fn bookings(conn: &mut DbConnection, scope: Scope<'_>, limit: i64) -> QueryResult<Rows> {
    let branch_ids = scope.branches;
    let national = scope.national;
    // Boxed for the national branch's extra condition, and so typed for one
    // backend: built and run on each (`direct!`).
    let (rows, total) = direct!(conn, |c| {
        let pending = || {
            let q = bookings::table
                .filter(bookings::status.eq(BookingStatus::Pending))
                .into_boxed();
            if national {
                q.filter(
                    in_list(bookings::branch_id, branch_ids.iter().copied())
                        .or(bookings::branch_id.is_null()),
                )
            } else {
                q.filter(in_list(bookings::branch_id, branch_ids.iter().copied()))
            }
        };
        let rows: Vec<(
            i64,
            String,
            String,
            Option<String>,
            chrono::NaiveDate,
            NaiveDateTime,
        )> = pending()
            .inner_join(courses::table.on(courses::id.eq(bookings::course_id)))
            .left_join(branches::table.on(branches::id.nullable().eq(bookings::branch_id)))
            .order((bookings::created_at, bookings::id))
            .select((
                bookings::id,
                bookings::organisation,
                courses::title,
                branches::name.nullable(),
                bookings::wished_from,
                bookings::created_at,
            ))
            .limit_in_sql(limit)
            .load(c)?;
        let total = total_of(&rows, limit, || pending().count().kept().get_result(c))?;
        QueryResult::Ok((rows, total))
    })?;
    Ok((
        rows.into_iter()
            .map(|(id, organisation, course, branch, wished, since)| Row {
                detail: Some(course),
                due: wished.and_hms_opt(0, 0, 0),
                ..Row::plain(id, organisation, branch, since)
            })
            .collect(),
        total,
    ))
}

/// Sessions that have ended in the last `ATTENDANCE_LOOKBACK_DAYS` and are
/// still open (not marked held), the oldest first. The status is written
/// into the SQL so that both databases read the index of open sessions
/// only, not every session that ended in the window.
pub fn sessions_to_mark_held(
    conn: &mut DbConnection,
    scope: Scope<'_>,
    at: NaiveDateTime,
    limit: i64,
) -> QueryResult<Rows> {
    let branch_ids = scope.branches;
    let national = scope.national;
    let since = at - Duration::days(ATTENDANCE_LOOKBACK_DAYS);
    let (rows, total) = direct!(conn, |c| {
        let ended = || {
            let q = sessions::table
                .filter(sessions::status.eq(code_in_sql(SessionStatus::Open)))
                .filter(sessions::ends_at.lt(at))
                .filter(sessions::ends_at.ge(since))
                .into_boxed();
            if national {
                q.filter(
                    in_list(sessions::branch_id, branch_ids.iter().copied())
                        .or(sessions::branch_id.is_null()),
                )
            } else {
                q.filter(in_list(sessions::branch_id, branch_ids.iter().copied()))
            }
        };
        let rows: Vec<Plain> = ended()
            .left_join(branches::table.on(branches::id.nullable().eq(sessions::branch_id)))
            .order((sessions::ends_at, sessions::id))
            .select((
                sessions::id,
                sessions::title,
                branches::name.nullable(),
                sessions::ends_at,
            ))
            .limit_in_sql(limit)
            .load(c)?;
        let total = total_of(&rows, limit, || ended().count().kept().get_result(c))?;
        QueryResult::Ok((rows, total))
    })?;
    Ok((plain(rows), total))
}

/// Meetings that ended in the last `ATTENDANCE_LOOKBACK_DAYS`, of sessions
/// with seats taken, whose attendance nobody has registered
/// (`meetings.attendance_recorded_at`), the oldest first. The row's id is
/// the meeting's. The partial index holds only the meetings still waiting,
/// so the search starts from those few, not from every meeting of the
/// window; one query reads them all and counts them here.
pub fn attendance_missing(
    conn: &mut DbConnection,
    scope: Scope<'_>,
    at: NaiveDateTime,
    limit: i64,
) -> QueryResult<Rows> {
    let branch_ids = scope.branches;
    let national = scope.national;
    let since = at - Duration::days(ATTENDANCE_LOOKBACK_DAYS);
    let rows: Vec<(i64, i64, String, Option<String>, NaiveDateTime)> = direct!(conn, |c| {
        let q = meetings::table
            .inner_join(sessions::table)
            .filter(meetings::cancelled_at.is_null())
            .filter(meetings::attendance_recorded_at.is_null())
            .filter(meetings::ends_at.lt(at))
            .filter(meetings::ends_at.ge(since))
            .filter(sessions::status.ne(SessionStatus::Cancelled))
            .filter(sessions::confirmed_count.gt(0))
            .into_boxed();
        let q = if national {
            q.filter(
                in_list(sessions::branch_id, branch_ids.iter().copied())
                    .or(sessions::branch_id.is_null()),
            )
        } else {
            q.filter(in_list(sessions::branch_id, branch_ids.iter().copied()))
        };
        q.left_join(branches::table.on(branches::id.nullable().eq(sessions::branch_id)))
            .order((meetings::ends_at, meetings::id))
            .select((
                meetings::id,
                sessions::id,
                sessions::title,
                branches::name.nullable(),
                meetings::ends_at,
            ))
            .kept()
            .load(c)
    })?;
    let total = i64::try_from(rows.len()).unwrap_or(i64::MAX);
    Ok((
        rows.into_iter()
            .take(usize::try_from(limit).unwrap_or_default())
            .map(|(id, session_id, subject, branch, since)| Row {
                session_id: Some(session_id),
                ..Row::plain(id, subject, branch, since)
            })
            .collect(),
        total,
    ))
}

/// Open requests to erase an account (administrators' task), the oldest
/// first.
pub fn erasure_requests(conn: &mut DbConnection, limit: i64) -> QueryResult<Rows> {
    let open = || {
        erasure_requests::table
            .filter(erasure_requests::withdrawn_at.is_null())
            .filter(erasure_requests::carried_out_at.is_null())
    };
    let rows: Vec<(i64, String, NaiveDateTime)> = open()
        .inner_join(users::table.on(users::id.eq(erasure_requests::user_id)))
        .order((erasure_requests::requested_at, erasure_requests::id))
        .select((
            erasure_requests::id,
            users::name,
            erasure_requests::requested_at,
        ))
        .limit_in_sql(limit)
        .load_direct(conn)?;
    let total = total_of(&rows, limit, || open().count().get_result_direct(conn))?;
    Ok((
        rows.into_iter()
            .map(|(id, subject, since)| Row::plain(id, subject, None, since))
            .collect(),
        total,
    ))
}

/// A volunteer of the branches, with their name and branch.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Person {
    pub user_id: i64,
    pub name: String,
    pub branch: String,
    pub since: NaiveDateTime,
}

/// A volunteer as a task names them, as stored: id, name, branch, since.
type PersonRow = (i64, String, String, NaiveDateTime);

/// The columns of a `PersonRow`, from `volunteers` joined with `branches`.
#[diesel::dsl::auto_type(no_type_alias)]
fn person() -> _ {
    (
        volunteers::user_id,
        volunteers::user_name,
        branches::name,
        volunteers::updated_at,
    )
}

/// The first `limit` of the branches' paused volunteers whose current
/// pause ends by `horizon` (its last day), soonest first, with that day,
/// and how many there are, in one statement: the (branch, status, last
/// day) index (`volunteers.pause_until`, kept with each status change)
/// holds only those, so all of them are read and counted here. Not every
/// paused person and the history of their pauses, as before: that grew
/// with the branch.
pub fn pauses_ending(
    conn: &mut DbConnection,
    branch_ids: &[i64],
    horizon: NaiveDate,
    limit: i64,
) -> QueryResult<(Vec<(Person, NaiveDate)>, i64)> {
    let rows: Vec<(PersonRow, Option<NaiveDate>)> = volunteers::table
        .inner_join(branches::table)
        .filter(in_list(volunteers::branch_id, branch_ids.iter().copied()))
        // Both written into the SQL, so that PostgreSQL keeps one plan
        // (bound, it planned this on every call: 0.32 ms of the start
        // page's 0.9 ms of planning, BENCHMARKS.md).
        .filter(volunteers::status.eq(code_in_sql(VolunteerStatus::Paused)))
        .filter(volunteers::pause_until.le(day_in_sql(horizon).nullable()))
        .filter(super::volunteers::account_open())
        .select((person(), volunteers::pause_until))
        .kept()
        .load_direct(conn)?;
    let mut ending: Vec<(Person, NaiveDate)> = rows
        .into_iter()
        .filter_map(|(row, end)| Some((Person::from(row), end?)))
        .collect();
    ending.sort_by_key(|(p, end)| (*end, p.user_id));
    let total = i64::try_from(ending.len()).unwrap_or(i64::MAX);
    ending.truncate(usize::try_from(limit).unwrap_or(0));
    Ok((ending, total))
}

/// Active volunteers of the branches who were given time to meet a new
/// requirement (they are the only active ones who can miss one).
pub fn active_with_grace(conn: &mut DbConnection, branch_ids: &[i64]) -> QueryResult<Vec<Person>> {
    let rows: Vec<PersonRow> = volunteers::table
        .inner_join(branches::table)
        .filter(in_list(volunteers::branch_id, branch_ids.iter().copied()))
        .filter(volunteers::status.eq(VolunteerStatus::Active))
        .filter(super::volunteers::account_open())
        .filter(exists(
            requirement_grace::table.filter(requirement_grace::user_id.eq(volunteers::user_id)),
        ))
        .order(volunteers::user_id)
        .select(person())
        .kept()
        .load_direct(conn)?;
    Ok(rows.into_iter().map(Person::from).collect())
}

/// The first `limit` of the branches' volunteers in training whose stored
/// readiness (`db::gate::refresh`) says ready on `today`, longest waiting
/// first, and how many there are: the (branch, status, ready) index, not
/// the gate of everyone in training.
pub fn ready_to_activate(
    conn: &mut DbConnection,
    branch_ids: &[i64],
    today: NaiveDate,
    limit: i64,
) -> QueryResult<(Vec<Person>, i64)> {
    use crate::domain::activation::PIPELINE_STATUSES;
    let ready = || {
        volunteers::table
            .filter(in_list(volunteers::branch_id, branch_ids.iter().copied()))
            .filter(in_list(volunteers::status, PIPELINE_STATUSES))
            .filter(super::volunteers::ready_on(today))
            .filter(super::volunteers::account_open())
    };
    let rows: Vec<PersonRow> = ready()
        .inner_join(branches::table)
        .order((
            volunteers::updated_at.asc(),
            volunteers::user_name.asc(),
            volunteers::user_id.asc(),
        ))
        .select(person())
        .limit_in_sql(limit)
        .load_direct(conn)?;
    let total = total_of(&rows, limit, || {
        ready().count().kept().get_result_direct(conn)
    })?;
    Ok((rows.into_iter().map(Person::from).collect(), total))
}

/// The first `limit` of the branches' active volunteers whose stored
/// supervision due date (`volunteers.supervision_due_on`) puts them past
/// the overdue line on `today` (`due_bounds`, as the overview counts
/// them), longest overdue first, with that date, and how many there
/// are: the (branch, status, due date) index, not everyone's history,
/// read a branch at a time (`across`). Deactivated accounts keep no date.
pub fn overdue_supervision(
    conn: &mut DbConnection,
    branch_ids: &[i64],
    today: NaiveDate,
    limit: i64,
) -> QueryResult<(Vec<(Person, NaiveDate)>, i64)> {
    let (overdue_before, _) = crate::domain::supervision::due_bounds(today);
    // One definition for the lists and the count: a total taken from a
    // short list must be the count of the same rows.
    let overdue = || {
        volunteers::table
            .filter(volunteers::status.eq(VolunteerStatus::Active))
            .filter(volunteers::supervision_due_on.lt(overdue_before))
    };
    type Overdue = (PersonRow, Option<NaiveDate>);
    let rows = super::across::first_of_branches(
        branch_ids,
        limit,
        |((id, name, _, _), due): &Overdue| (*due, name.clone(), *id),
        |branch| {
            overdue()
                .filter(volunteers::branch_id.eq(branch))
                .inner_join(branches::table)
                .order((
                    volunteers::supervision_due_on.asc(),
                    volunteers::user_name.asc(),
                    volunteers::user_id.asc(),
                ))
                .select((person(), volunteers::supervision_due_on))
                .limit_in_sql(limit)
                .load_direct::<Overdue>(conn)
        },
    )?;
    // Fewer than the limit over all branches: no branch had more.
    let total = total_of(&rows, limit, || {
        overdue()
            .filter(in_list(volunteers::branch_id, branch_ids.iter().copied()))
            .count()
            .kept()
            .get_result_direct(conn)
    })?;
    Ok((
        rows.into_iter()
            .filter_map(|(person, due)| Some((Person::from(person), due?)))
            .collect(),
        total,
    ))
}

impl From<PersonRow> for Person {
    fn from((user_id, name, branch, since): PersonRow) -> Self {
        Person {
            user_id,
            name,
            branch,
            since,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_list_shorter_than_its_limit_is_counted_without_asking() {
        let asked = std::cell::Cell::new(false);
        let count = || {
            asked.set(true);
            Ok(99)
        };
        assert_eq!(total_of(&[1, 2, 3, 4], 5, count).expect("counted"), 4);
        assert!(!asked.get());
        assert_eq!(total_of::<u8>(&[], 5, || Ok(99)).expect("counted"), 0);
    }

    #[test]
    fn a_full_list_is_counted() {
        assert_eq!(total_of(&[1, 2, 3, 4, 5], 5, || Ok(5)).expect("counted"), 5);
        assert_eq!(
            total_of(&[1, 2, 3, 4, 5], 5, || Ok(812)).expect("counted"),
            812
        );
    }
}
