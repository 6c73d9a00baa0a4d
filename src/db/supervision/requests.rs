//! Requests for individual supervision after a hard task: asked by the
//! volunteer, answered by one of the branch's coordinators.

use super::*;
use crate::db::id_list::in_list;
use crate::db::{Direct, columns_of};
use crate::domain::Lang;

#[derive(Debug, Clone, Queryable, Selectable, Serialize)]
#[diesel(table_name = supervision_requests)]
pub struct Request {
    pub id: i64,
    pub user_id: i64,
    pub branch_id: i64,
    pub status: RequestStatus,
    #[diesel(deserialize_as = crate::db::Stamp)]
    pub respond_by: NaiveDateTime,
    pub session_id: Option<i64>,
    pub answered_by: Option<i64>,
    #[diesel(deserialize_as = crate::db::MaybeStamp)]
    pub answered_at: Option<NaiveDateTime>,
    #[diesel(deserialize_as = crate::db::Stamp)]
    pub created_at: NaiveDateTime,
}

/// A volunteer's open request, if any.
pub fn open_request_of(conn: &mut DbConnection, user_id: i64) -> QueryResult<Option<Request>> {
    supervision_requests::table
        .filter(supervision_requests::user_id.eq(user_id))
        .filter(supervision_requests::status.eq(RequestStatus::Open))
        .select(columns_of::<Request>())
        .first_direct(conn)
        .optional()
}

/// The coordinators of a branch, as recipients.
pub fn coordinators_of(conn: &mut DbConnection, branch_id: i64) -> QueryResult<Vec<Recipient>> {
    let rows: Vec<(i64, String, String, Lang)> = coordinator_branches::table
        .inner_join(users::table)
        .filter(coordinator_branches::branch_id.eq(branch_id))
        .filter(users::deactivated_at.is_null())
        .order(users::id)
        .select((users::id, users::email, users::name, users::language))
        .load_direct(conn)?;
    Ok(rows.into_iter().map(Recipient::from).collect())
}

/// Records a volunteer's request, in the caller's transaction.
/// `Ok(None)`: the volunteer already has one open.
pub fn insert_request(
    conn: &mut DbConnection,
    user_id: i64,
    branch_id: i64,
    at: NaiveDateTime,
) -> QueryResult<Option<i64>> {
    // Writing first takes SQLite's write lock, so two quick clicks cannot
    // both find no open request.
    diesel::update(volunteers::table.find(user_id))
        .set(volunteers::updated_at.eq(at))
        .execute_direct(conn)?;
    if open_request_of(conn, user_id)?.is_some() {
        return Ok(None);
    }
    let id = crate::db::insert_returning_id!(
        conn,
        supervision_requests,
        (
            supervision_requests::user_id.eq(user_id),
            supervision_requests::branch_id.eq(branch_id),
            supervision_requests::status.eq(RequestStatus::Open),
            supervision_requests::respond_by.eq(rules::respond_by(at)),
            supervision_requests::created_at.eq(at),
        )
    )?;
    Ok(Some(id))
}

/// A request as the coordinators' list shows it.
#[derive(Debug, Clone, Serialize)]
pub struct RequestRow {
    pub request: Request,
    pub name: String,
    pub email: String,
    pub phone: Option<String>,
    pub branch_name: String,
    /// Still waiting for an answer.
    pub open: bool,
    /// Past the time to answer and still open.
    pub late: bool,
}

/// The requests of these branches: open ones first (the earliest deadline
/// at the top), then the latest answered. One query.
pub fn requests_in(
    conn: &mut DbConnection,
    branch_ids: &[i64],
    at: NaiveDateTime,
) -> QueryResult<Vec<RequestRow>> {
    let rows: Vec<(Request, String, String, Option<String>, String)> = supervision_requests::table
        .inner_join(users::table.on(users::id.eq(supervision_requests::user_id)))
        .inner_join(branches::table)
        .filter(in_list(
            supervision_requests::branch_id,
            branch_ids.iter().copied(),
        ))
        .filter(
            supervision_requests::status
                .eq(RequestStatus::Open)
                .or(supervision_requests::created_at.gt(at - chrono::Duration::days(60))),
        )
        .order(supervision_requests::respond_by)
        .select((
            columns_of::<Request>(),
            users::name,
            users::email,
            users::phone,
            branches::name,
        ))
        .load_direct(conn)?;
    let mut out: Vec<RequestRow> = rows
        .into_iter()
        .map(|(request, name, email, phone, branch_name)| RequestRow {
            open: request.status == RequestStatus::Open,
            late: request.status == RequestStatus::Open && request.respond_by < at,
            request,
            name,
            email,
            phone,
            branch_name,
        })
        .collect();
    out.sort_by_key(|r| {
        (
            r.request.status != RequestStatus::Open,
            r.request.respond_by,
        )
    });
    Ok(out)
}

pub fn find_request(conn: &mut DbConnection, id: i64) -> QueryResult<Request> {
    supervision_requests::table
        .find(id)
        .select(columns_of::<Request>())
        .first_direct(conn)
}

/// Marks an open request answered; false if someone got there first.
pub fn close_request(
    conn: &mut DbConnection,
    id: i64,
    status: RequestStatus,
    session_id: Option<i64>,
    by: i64,
) -> QueryResult<bool> {
    let n = diesel::update(
        supervision_requests::table
            .find(id)
            .filter(supervision_requests::status.eq(RequestStatus::Open)),
    )
    .set((
        supervision_requests::status.eq(status),
        supervision_requests::session_id.eq(session_id),
        supervision_requests::answered_by.eq(by),
        supervision_requests::answered_at.eq(now()),
    ))
    .execute_direct(conn)?;
    Ok(n == 1)
}

/// Links the individual session planned to answer a request.
pub fn set_request_session(
    conn: &mut DbConnection,
    request_id: i64,
    session_id: i64,
) -> QueryResult<()> {
    diesel::update(supervision_requests::table.find(request_id))
        .set(supervision_requests::session_id.eq(session_id))
        .execute_direct(conn)?;
    Ok(())
}

/// How many open requests each of these branches has, in one query.
pub fn open_counts(conn: &mut DbConnection, branch_ids: &[i64]) -> QueryResult<HashMap<i64, i64>> {
    let rows: Vec<(i64, i64)> = supervision_requests::table
        .filter(in_list(
            supervision_requests::branch_id,
            branch_ids.iter().copied(),
        ))
        .filter(supervision_requests::status.eq(RequestStatus::Open))
        .group_by(supervision_requests::branch_id)
        .select((supervision_requests::branch_id, diesel::dsl::count_star()))
        .load_direct(conn)?;
    Ok(rows.into_iter().collect())
}
