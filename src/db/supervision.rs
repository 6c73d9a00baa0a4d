//! Supervision over stored records: sessions of kind `supervision` with
//! their detail row, each volunteer's standing against the branch's
//! rolling window (loaded for many at once in a fixed number of queries),
//! requests for individual supervision, and the due-soon and overdue
//! notices.

use std::collections::HashMap;

use chrono::{NaiveDate, NaiveDateTime};
use diesel::prelude::*;
use diesel::result::{DatabaseErrorKind, Error};
use serde::Serialize;

use super::schema::{
    attendance, branch_volunteer_settings, branches, coordinator_branches, enrolments, meetings,
    sessions as sessions_t, supervision_details, supervision_notices, supervision_requests, users,
    volunteer_status_changes as changes, volunteers,
};
use super::sessions::{self, MeetingTimes, NewSession, Session};
use super::{DbConnection, enrolments as engine, last_insert_id, now, outbox, volunteer_history};
use crate::domain::attendance::AttendanceStatus;
use crate::domain::enrolment::{EnrolmentStatus, Refusal};
use crate::domain::session::{SessionKind, SessionStatus};
use crate::domain::supervision::{
    self as rules, Format, Pause, Record, RequestStatus, Standing, SupervisorKind,
};
use crate::domain::volunteer::VolunteerStatus;
use crate::mail::{Message, Recipient};

/// A date shown by the date filters: noon UTC is the same date in
/// Copenhagen all year.
fn noon(d: NaiveDate) -> NaiveDateTime {
    d.and_hms_opt(12, 0, 0).unwrap_or_default()
}

/// The Copenhagen date of a UTC instant.
pub fn local_date(at: NaiveDateTime) -> NaiveDate {
    crate::i18n::format::local(at).date_naive()
}

#[derive(Debug, Clone, Queryable, Selectable, Serialize)]
#[diesel(table_name = supervision_details)]
pub struct Details {
    pub session_id: i64,
    pub format: String,
    pub supervisor_name: String,
    pub supervisor_kind: String,
}

impl Details {
    pub fn format(&self) -> Format {
        Format::parse(&self.format).unwrap_or(Format::Group)
    }
}

pub struct NewSupervision<'a> {
    pub branch_id: i64,
    pub format: Format,
    pub title: &'a str,
    pub supervisor_name: &'a str,
    pub supervisor_kind: SupervisorKind,
    pub location: &'a str,
    pub online_url: Option<&'a str>,
    pub capacity: Option<i32>,
    pub times: MeetingTimes,
}

/// Plans a supervision session (one meeting) with its details.
pub fn create(conn: &mut DbConnection, new: &NewSupervision<'_>) -> QueryResult<i64> {
    let id = sessions::create(
        conn,
        &NewSession {
            kind: SessionKind::Supervision,
            branch_id: Some(new.branch_id),
            title: new.title,
            location: new.location,
            online_url: new.online_url,
            capacity: new.capacity,
            enrol_deadline: None,
            cancel_deadline: None,
        },
        std::slice::from_ref(&new.times),
    )?;
    diesel::insert_into(supervision_details::table)
        .values((
            supervision_details::session_id.eq(id),
            supervision_details::format.eq(new.format.as_str()),
            supervision_details::supervisor_name.eq(new.supervisor_name),
            supervision_details::supervisor_kind.eq(new.supervisor_kind.as_str()),
        ))
        .execute(conn)?;
    Ok(id)
}

/// A supervision session with its details and branch.
#[derive(Debug, Clone, Serialize)]
pub struct SupervisionSession {
    pub session: Session,
    pub details: Details,
    pub branch_name: String,
}

/// One session of kind supervision; `NotFound` for any other kind.
pub fn find(conn: &mut DbConnection, id: i64) -> QueryResult<SupervisionSession> {
    let (session, details, branch_name) = sessions_t::table
        .inner_join(supervision_details::table)
        .inner_join(branches::table)
        .filter(sessions_t::id.eq(id))
        .filter(sessions_t::kind.eq(SessionKind::Supervision.as_str()))
        .select((Session::as_select(), Details::as_select(), branches::name))
        .first(conn)?;
    Ok(SupervisionSession {
        session,
        details,
        branch_name,
    })
}

/// Supervision sessions of these branches that end after `from`, soonest
/// first; only group sessions when `group_only`. One query.
pub fn in_branches(
    conn: &mut DbConnection,
    branch_ids: &[i64],
    from: NaiveDateTime,
    group_only: bool,
) -> QueryResult<Vec<SupervisionSession>> {
    let mut q = sessions_t::table
        .inner_join(supervision_details::table)
        .inner_join(branches::table)
        .filter(sessions_t::kind.eq(SessionKind::Supervision.as_str()))
        .filter(sessions_t::branch_id.eq_any(branch_ids.to_vec()))
        .filter(sessions_t::ends_at.gt(from))
        .into_boxed();
    if group_only {
        q = q.filter(supervision_details::format.eq(Format::Group.as_str()));
    }
    let rows: Vec<(Session, Details, String)> = q
        .order((sessions_t::starts_at, sessions_t::id))
        .select((Session::as_select(), Details::as_select(), branches::name))
        .load(conn)?;
    Ok(rows
        .into_iter()
        .map(|(session, details, branch_name)| SupervisionSession {
            session,
            details,
            branch_name,
        })
        .collect())
}

// ---------------------------------------------------------------------
// The rolling window.

/// Each branch's window in months (the default without a settings row).
pub fn windows(conn: &mut DbConnection, branch_ids: &[i64]) -> QueryResult<HashMap<i64, i32>> {
    let rows: Vec<(i64, i32)> = branch_volunteer_settings::table
        .filter(branch_volunteer_settings::branch_id.eq_any(branch_ids))
        .select((
            branch_volunteer_settings::branch_id,
            branch_volunteer_settings::supervision_window_months,
        ))
        .load(conn)?;
    let mut out: HashMap<i64, i32> = branch_ids
        .iter()
        .map(|b| (*b, rules::DEFAULT_WINDOW_MONTHS))
        .collect();
    out.extend(rows);
    Ok(out)
}

pub fn window(conn: &mut DbConnection, branch_id: i64) -> QueryResult<i32> {
    Ok(windows(conn, &[branch_id])?
        .remove(&branch_id)
        .unwrap_or(rules::DEFAULT_WINDOW_MONTHS))
}

/// Sets a branch's window, keeping its other volunteer settings.
pub fn set_window(
    conn: &mut DbConnection,
    branch_id: i64,
    months: i32,
    by: i64,
) -> QueryResult<()> {
    let n = diesel::update(branch_volunteer_settings::table.find(branch_id))
        .set((
            branch_volunteer_settings::supervision_window_months.eq(months),
            branch_volunteer_settings::updated_by.eq(by),
            branch_volunteer_settings::updated_at.eq(now()),
        ))
        .execute(conn)?;
    if n == 0 {
        diesel::insert_into(branch_volunteer_settings::table)
            .values((
                branch_volunteer_settings::branch_id.eq(branch_id),
                branch_volunteer_settings::auto_activate.eq(false),
                branch_volunteer_settings::child_certificate.eq(false),
                branch_volunteer_settings::supervision_window_months.eq(months),
                branch_volunteer_settings::updated_by.eq(by),
                branch_volunteer_settings::updated_at.eq(now()),
            ))
            .execute(conn)?;
    }
    Ok(())
}

/// One volunteer against the window, with what the overview shows.
#[derive(Debug, Clone, Serialize)]
pub struct VolunteerStanding {
    pub user_id: i64,
    pub name: String,
    pub email: String,
    pub phone: Option<String>,
    pub language: String,
    pub branch_id: i64,
    pub volunteer_status: String,
    /// Start of the last supervision attended (UTC).
    pub last_attended: Option<NaiveDateTime>,
    /// Start of the next supervision with a seat (UTC).
    pub next_booked: Option<NaiveDateTime>,
    pub standing: Standing,
    /// The due date at noon UTC, for the date filters.
    pub due_on: NaiveDateTime,
    pub due_date: NaiveDate,
    pub days_left: i64,
    /// Days overdue (0 unless overdue).
    pub days_overdue: i64,
    pub window_months: i32,
}

impl VolunteerStanding {
    pub fn recipient(&self) -> Recipient {
        Recipient {
            user_id: Some(self.user_id),
            email: self.email.clone(),
            name: self.name.clone(),
            language: self.language.clone(),
        }
    }
}

/// The standing of these volunteers (active or paused; others are left
/// out), in eight queries whatever their number, in the overview's order.
pub fn standings(
    conn: &mut DbConnection,
    user_ids: &[i64],
    at: NaiveDateTime,
) -> QueryResult<Vec<VolunteerStanding>> {
    type Row = (
        i64,
        String,
        String,
        Option<String>,
        String,
        i64,
        String,
        NaiveDateTime,
    );
    let people: Vec<Row> = volunteers::table
        .inner_join(users::table)
        .filter(volunteers::user_id.eq_any(user_ids))
        .filter(volunteers::status.eq_any([
            VolunteerStatus::Active.as_str(),
            VolunteerStatus::Paused.as_str(),
        ]))
        .filter(users::deactivated_at.is_null())
        .select((
            users::id,
            users::name,
            users::email,
            users::phone,
            users::language,
            volunteers::branch_id,
            volunteers::status,
            volunteers::created_at,
        ))
        .load(conn)?;
    let ids: Vec<i64> = people.iter().map(|p| p.0).collect();
    let mut branch_ids: Vec<i64> = people.iter().map(|p| p.5).collect();
    branch_ids.sort_unstable();
    branch_ids.dedup();
    let windows = windows(conn, &branch_ids)?;

    let attended: HashMap<i64, NaiveDateTime> = attendance::table
        .inner_join(meetings::table.inner_join(sessions_t::table))
        .filter(attendance::user_id.eq_any(&ids))
        .filter(sessions_t::kind.eq(SessionKind::Supervision.as_str()))
        .filter(attendance::status.eq_any([
            AttendanceStatus::Present.as_str(),
            AttendanceStatus::Partial.as_str(),
        ]))
        .filter(meetings::starts_at.le(at))
        .group_by(attendance::user_id)
        .select((attendance::user_id, diesel::dsl::max(meetings::starts_at)))
        .load::<(i64, Option<NaiveDateTime>)>(conn)?
        .into_iter()
        .filter_map(|(u, t)| t.map(|t| (u, t)))
        .collect();

    let booked: HashMap<i64, NaiveDateTime> = enrolments::table
        .inner_join(sessions_t::table)
        .filter(enrolments::user_id.eq_any(&ids))
        .filter(enrolments::status.eq(EnrolmentStatus::Confirmed.as_str()))
        .filter(sessions_t::kind.eq(SessionKind::Supervision.as_str()))
        .filter(sessions_t::status.eq(SessionStatus::Open.as_str()))
        .filter(sessions_t::starts_at.gt(at))
        .group_by(enrolments::user_id)
        .select((enrolments::user_id, diesel::dsl::min(sessions_t::starts_at)))
        .load::<(i64, Option<NaiveDateTime>)>(conn)?
        .into_iter()
        .filter_map(|(u, t)| t.map(|t| (u, t)))
        .collect();

    let activated = volunteer_history::activated_at(conn, &ids)?;

    let history: Vec<(i64, NaiveDateTime, Option<String>, String)> = changes::table
        .filter(changes::user_id.eq_any(&ids))
        .filter(
            changes::to_status
                .eq(VolunteerStatus::Paused.as_str())
                .or(changes::from_status.eq(VolunteerStatus::Paused.as_str())),
        )
        .order(changes::id)
        .select((
            changes::user_id,
            changes::created_at,
            changes::from_status,
            changes::to_status,
        ))
        .load(conn)?;
    let mut pauses_of: HashMap<i64, Vec<(NaiveDate, Option<String>, String)>> = HashMap::new();
    for (u, t, from, to) in history {
        pauses_of
            .entry(u)
            .or_default()
            .push((local_date(t), from, to));
    }

    let today = local_date(at);
    let mut out: Vec<VolunteerStanding> = people
        .into_iter()
        .map(
            |(user_id, name, email, phone, language, branch_id, status, created_at)| {
                let window = windows
                    .get(&branch_id)
                    .copied()
                    .unwrap_or(rules::DEFAULT_WINDOW_MONTHS);
                let changes: Vec<(NaiveDate, Option<&str>, &str)> = pauses_of
                    .get(&user_id)
                    .map(|list| {
                        list.iter()
                            .map(|(d, f, t)| (*d, f.as_deref(), t.as_str()))
                            .collect()
                    })
                    .unwrap_or_default();
                let pauses: Vec<Pause> = rules::pauses(&changes);
                let last = attended.get(&user_id).copied();
                let record = Record {
                    paused_now: status == VolunteerStatus::Paused.as_str(),
                    last_attended: last.map(local_date),
                    activated_on: local_date(
                        activated.get(&user_id).copied().unwrap_or(created_at),
                    ),
                    pauses,
                };
                let s = rules::status(&record, window, today);
                VolunteerStanding {
                    user_id,
                    name,
                    email,
                    phone,
                    language,
                    branch_id,
                    volunteer_status: status,
                    last_attended: last,
                    next_booked: booked.get(&user_id).copied(),
                    standing: s.standing,
                    due_on: noon(s.due_on),
                    due_date: s.due_on,
                    days_left: s.days_left,
                    days_overdue: if s.standing == Standing::Overdue {
                        -s.days_left
                    } else {
                        0
                    },
                    window_months: window,
                }
            },
        )
        .collect();
    out.sort_by(|a, b| {
        let sa = rules::Status {
            standing: a.standing,
            due_on: a.due_date,
            days_left: a.days_left,
        };
        let sb = rules::Status {
            standing: b.standing,
            due_on: b.due_date,
            days_left: b.days_left,
        };
        rules::overview_order(&sa, &sb).then(a.name.cmp(&b.name))
    });
    Ok(out)
}

/// Every active or paused volunteer of a branch against the window.
pub fn overview(
    conn: &mut DbConnection,
    branch_id: i64,
    at: NaiveDateTime,
) -> QueryResult<Vec<VolunteerStanding>> {
    let ids: Vec<i64> = volunteers::table
        .filter(volunteers::branch_id.eq(branch_id))
        .filter(volunteers::status.eq_any([
            VolunteerStatus::Active.as_str(),
            VolunteerStatus::Paused.as_str(),
        ]))
        .select(volunteers::user_id)
        .load(conn)?;
    standings(conn, &ids, at)
}

/// One volunteer's standing, if active or paused.
pub fn standing_of(
    conn: &mut DbConnection,
    user_id: i64,
    at: NaiveDateTime,
) -> QueryResult<Option<VolunteerStanding>> {
    Ok(standings(conn, &[user_id], at)?.pop())
}

/// The kind of notice recorded in `supervision_notices`.
fn notice_kind(s: Standing) -> Option<&'static str> {
    match s {
        Standing::DueSoon => Some("due_soon"),
        Standing::Overdue => Some("overdue"),
        Standing::Ok | Standing::Paused => None,
    }
}

/// Queues the due-soon and overdue notices of every active volunteer that
/// has not had that notice for that due date; returns how many. Each notice
/// is its own transaction with its `supervision_notices` row, whose primary
/// key refuses a second one, so restarts and several instances send
/// nothing twice. A new due date (after supervision, or a pause) is a new
/// notice.
pub fn enqueue_notices(
    conn: &mut DbConnection,
    at: NaiveDateTime,
    base_url: &str,
) -> QueryResult<usize> {
    let ids: Vec<i64> = volunteers::table
        .filter(volunteers::status.eq(VolunteerStatus::Active.as_str()))
        .select(volunteers::user_id)
        .load(conn)?;
    if ids.is_empty() {
        return Ok(0);
    }
    let due: Vec<VolunteerStanding> = standings(conn, &ids, at)?
        .into_iter()
        .filter(|s| notice_kind(s.standing).is_some())
        .collect();
    let due_ids: Vec<i64> = due.iter().map(|s| s.user_id).collect();
    let sent: Vec<(i64, String, NaiveDate)> = supervision_notices::table
        .filter(supervision_notices::user_id.eq_any(&due_ids))
        .select((
            supervision_notices::user_id,
            supervision_notices::kind,
            supervision_notices::due_on,
        ))
        .load(conn)?;
    let link = format!("{}/supervision", base_url.trim_end_matches('/'));
    let mut queued = 0;
    for s in due {
        let Some(kind) = notice_kind(s.standing) else {
            continue;
        };
        if sent
            .iter()
            .any(|(u, k, d)| *u == s.user_id && k == kind && *d == s.due_date)
        {
            continue;
        }
        let message = match s.standing {
            Standing::Overdue => Message::SupervisionOverdue {
                due_on: s.due_on,
                link: link.clone(),
            },
            _ => Message::SupervisionDueSoon {
                due_on: s.due_on,
                link: link.clone(),
            },
        };
        let result = conn.transaction(|c| {
            diesel::insert_into(supervision_notices::table)
                .values((
                    supervision_notices::user_id.eq(s.user_id),
                    supervision_notices::kind.eq(kind),
                    supervision_notices::due_on.eq(s.due_date),
                    supervision_notices::sent_at.eq(at),
                ))
                .execute(c)?;
            outbox::enqueue(c, &s.recipient(), &message)
        });
        match result {
            Ok(_) => queued += 1,
            Err(Error::DatabaseError(DatabaseErrorKind::UniqueViolation, _)) => {
                tracing::debug!(user = s.user_id, "supervision notice recorded elsewhere");
            }
            Err(e) => return Err(e),
        }
    }
    Ok(queued)
}

// ---------------------------------------------------------------------
// Requests for individual supervision.

#[derive(Debug, Clone, Queryable, Selectable, Serialize)]
#[diesel(table_name = supervision_requests)]
pub struct Request {
    pub id: i64,
    pub user_id: i64,
    pub branch_id: i64,
    pub status: String,
    pub respond_by: NaiveDateTime,
    pub session_id: Option<i64>,
    pub answered_by: Option<i64>,
    pub answered_at: Option<NaiveDateTime>,
    pub created_at: NaiveDateTime,
}

/// A volunteer's open request, if any.
pub fn open_request_of(conn: &mut DbConnection, user_id: i64) -> QueryResult<Option<Request>> {
    supervision_requests::table
        .filter(supervision_requests::user_id.eq(user_id))
        .filter(supervision_requests::status.eq(RequestStatus::Open.as_str()))
        .select(Request::as_select())
        .first(conn)
        .optional()
}

/// The coordinators of a branch, as recipients.
fn coordinators_of(conn: &mut DbConnection, branch_id: i64) -> QueryResult<Vec<Recipient>> {
    let rows: Vec<(i64, String, String, String)> = coordinator_branches::table
        .inner_join(users::table)
        .filter(coordinator_branches::branch_id.eq(branch_id))
        .filter(users::deactivated_at.is_null())
        .order(users::id)
        .select((users::id, users::email, users::name, users::language))
        .load(conn)?;
    Ok(rows
        .into_iter()
        .map(|(id, email, name, language)| Recipient {
            user_id: Some(id),
            email,
            name,
            language,
        })
        .collect())
}

/// Records a request and tells the branch's coordinators, in the caller's
/// transaction. `Ok(None)`: the volunteer already has one open.
pub fn request(
    conn: &mut DbConnection,
    user_id: i64,
    branch_id: i64,
    base_url: &str,
) -> QueryResult<Option<i64>> {
    // Writing first takes SQLite's write lock, so two quick clicks cannot
    // both find no open request.
    diesel::update(volunteers::table.find(user_id))
        .set(volunteers::updated_at.eq(now()))
        .execute(conn)?;
    if open_request_of(conn, user_id)?.is_some() {
        return Ok(None);
    }
    let at = now();
    let respond_by = rules::respond_by(at);
    diesel::insert_into(supervision_requests::table)
        .values((
            supervision_requests::user_id.eq(user_id),
            supervision_requests::branch_id.eq(branch_id),
            supervision_requests::status.eq(RequestStatus::Open.as_str()),
            supervision_requests::respond_by.eq(respond_by),
            supervision_requests::created_at.eq(at),
        ))
        .execute(conn)?;
    let id = last_insert_id(conn)?;
    let volunteer = super::users::find(conn, user_id)?;
    let branch = super::branches::find(conn, branch_id)?;
    let link = format!(
        "{}/koordinator/supervision/anmodninger",
        base_url.trim_end_matches('/')
    );
    for to in coordinators_of(conn, branch_id)? {
        outbox::enqueue(
            conn,
            &to,
            &Message::SupervisionRequestReceived {
                volunteer: volunteer.name.clone(),
                branch: branch.name.clone(),
                respond_by,
                link: link.clone(),
            },
        )?;
    }
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
        .filter(supervision_requests::branch_id.eq_any(branch_ids))
        .filter(
            supervision_requests::status
                .eq(RequestStatus::Open.as_str())
                .or(supervision_requests::created_at.gt(at - chrono::Duration::days(60))),
        )
        .order(supervision_requests::respond_by)
        .select((
            Request::as_select(),
            users::name,
            users::email,
            users::phone,
            branches::name,
        ))
        .load(conn)?;
    let mut out: Vec<RequestRow> = rows
        .into_iter()
        .map(|(request, name, email, phone, branch_name)| RequestRow {
            late: request.status == RequestStatus::Open.as_str() && request.respond_by < at,
            request,
            name,
            email,
            phone,
            branch_name,
        })
        .collect();
    out.sort_by_key(|r| {
        (
            r.request.status != RequestStatus::Open.as_str(),
            r.request.respond_by,
        )
    });
    Ok(out)
}

pub fn find_request(conn: &mut DbConnection, id: i64) -> QueryResult<Request> {
    supervision_requests::table
        .find(id)
        .select(Request::as_select())
        .first(conn)
}

/// Why answering a request did not go through.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum AnswerRefusal {
    AlreadyAnswered,
    Enrolment(Refusal),
}

/// Marks an open request answered; false if someone got there first.
fn close_request(
    conn: &mut DbConnection,
    id: i64,
    status: RequestStatus,
    session_id: Option<i64>,
    by: i64,
) -> QueryResult<bool> {
    let n = diesel::update(
        supervision_requests::table
            .find(id)
            .filter(supervision_requests::status.eq(RequestStatus::Open.as_str())),
    )
    .set((
        supervision_requests::status.eq(status.as_str()),
        supervision_requests::session_id.eq(session_id),
        supervision_requests::answered_by.eq(by),
        supervision_requests::answered_at.eq(now()),
    ))
    .execute(conn)?;
    Ok(n == 1)
}

/// Answers a request by planning an individual session for the volunteer
/// and giving them its seat; they get the invitation and the answer. In
/// the caller's transaction; a refusal means it must be rolled back.
pub fn schedule(
    conn: &mut DbConnection,
    request_id: i64,
    new: &NewSupervision<'_>,
    by: i64,
    base_url: &str,
) -> QueryResult<Result<i64, AnswerRefusal>> {
    let request = find_request(conn, request_id)?;
    // The conditional update comes first: it is the lock, and it refuses
    // a second answer before anything is written.
    if !close_request(conn, request_id, RequestStatus::Scheduled, None, by)? {
        return Ok(Err(AnswerRefusal::AlreadyAnswered));
    }
    let session_id = create(conn, new)?;
    diesel::update(supervision_requests::table.find(request_id))
        .set(supervision_requests::session_id.eq(session_id))
        .execute(conn)?;
    if let Err(refusal) = engine::enrol(conn, session_id, request.user_id, true, base_url)? {
        return Ok(Err(AnswerRefusal::Enrolment(refusal)));
    }
    let summary = sessions::summary(conn, session_id, base_url)?;
    let to = Recipient::from(&super::users::find(conn, request.user_id)?);
    outbox::enqueue(
        conn,
        &to,
        &Message::SupervisionRequestAnswered {
            session: Some(summary),
            link: format!("{}/supervision", base_url.trim_end_matches('/')),
        },
    )?;
    Ok(Ok(session_id))
}

/// Answers a request another way (a phone call, say).
pub fn mark_handled(
    conn: &mut DbConnection,
    request_id: i64,
    by: i64,
    base_url: &str,
) -> QueryResult<Result<(), AnswerRefusal>> {
    let request = find_request(conn, request_id)?;
    if !close_request(conn, request_id, RequestStatus::Handled, None, by)? {
        return Ok(Err(AnswerRefusal::AlreadyAnswered));
    }
    let to = Recipient::from(&super::users::find(conn, request.user_id)?);
    outbox::enqueue(
        conn,
        &to,
        &Message::SupervisionRequestAnswered {
            session: None,
            link: format!("{}/supervision", base_url.trim_end_matches('/')),
        },
    )?;
    Ok(Ok(()))
}

/// How many open requests each of these branches has, in one query.
pub fn open_counts(conn: &mut DbConnection, branch_ids: &[i64]) -> QueryResult<HashMap<i64, i64>> {
    let rows: Vec<(i64, i64)> = supervision_requests::table
        .filter(supervision_requests::branch_id.eq_any(branch_ids))
        .filter(supervision_requests::status.eq(RequestStatus::Open.as_str()))
        .group_by(supervision_requests::branch_id)
        .select((supervision_requests::branch_id, diesel::dsl::count_star()))
        .load(conn)?;
    Ok(rows.into_iter().collect())
}
