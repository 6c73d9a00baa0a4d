//! Erasure requests, and the rows that erasing a person deletes or
//! anonymises, table by table, as the registry of personal data
//! (`domain::privacy`) says. `ERASED_TABLES` names every table this module
//! looks at, and a unit test holds it to the registry, so a new table with
//! personal data cannot be forgotten here.

use chrono::NaiveDateTime;
use diesel::prelude::*;
use serde::Serialize;

use super::schema::{
    attendance, bookings, certificates, coordinator_branches, declaration_signatures, enrolments,
    erasure_requests, evening_answers, genlaer_enrolments, login_failures, login_sessions,
    meetings, outbox, recovery_codes, reminders_sent, requirement_grace, reset_requests,
    second_factors, session_messages, sessions, supervision_notices, supervision_requests,
    user_roles, user_tokens, users, volunteer_applications, volunteer_checks, volunteer_imports,
    volunteer_status_changes, volunteers,
};
use super::{DbConnection, lower};
use crate::db::{Direct, columns_of};
use crate::domain::enrolment::EnrolmentStatus;
use crate::domain::privacy::erasure::{ERASED_NAME, erased_email};
use crate::domain::session::SessionKind;

/// Every table with personal data that erasure deals with, by deleting,
/// anonymising or keeping on purpose (`certificates`, the invoice details
/// of `genlaer_enrolments` and `bookings`, `prior_training`'s module facts,
/// the append-only `audit_log`).
pub const ERASED_TABLES: &[&str] = &[
    "users",
    // Kept for the bookkeeping act (five years): nothing is changed.
    "invoices",
    "invoice_lines",
    "user_roles",
    "coordinator_branches",
    "volunteers",
    "user_tokens",
    "login_failures",
    "reset_requests",
    "login_sessions",
    "second_factors",
    "recovery_codes",
    "outbox",
    "enrolments",
    "attendance",
    "reminders_sent",
    "volunteer_applications",
    "volunteer_status_changes",
    "declaration_signatures",
    "volunteer_checks",
    "requirement_grace",
    "coordinator_regions",
    "volunteer_moves",
    "cohort_makeups",
    "prior_training",
    "volunteer_imports",
    "bookings",
    "genlaer_enrolments",
    "certificates",
    "supervision_requests",
    "supervision_notices",
    "evening_answers",
    "duty_offers",
    "audit_log",
    "erasure_requests",
    "staff_notification_settings",
    "task_digests",
    "evaluation_links",
    "session_messages",
    "brobygninger",
    // Follows `brobygninger` by its triggers: clearing the person there
    // moves their sums to the erased's line, and their named rows go.
    "brobygning_month_people",
];

/// A request to be erased.
#[derive(Debug, Clone, Queryable, Selectable, Serialize)]
#[diesel(table_name = erasure_requests)]
pub struct Request {
    pub id: i64,
    pub user_id: i64,
    #[diesel(deserialize_as = crate::db::Stamp)]
    pub requested_at: NaiveDateTime,
    pub requested_by: Option<i64>,
    #[diesel(deserialize_as = crate::db::MaybeStamp)]
    pub withdrawn_at: Option<NaiveDateTime>,
    #[diesel(deserialize_as = crate::db::MaybeStamp)]
    pub carried_out_at: Option<NaiveDateTime>,
    pub carried_out_by: Option<i64>,
}

impl Request {
    pub fn is_open(&self) -> bool {
        self.withdrawn_at.is_none() && self.carried_out_at.is_none()
    }
}

/// An open request with the person it is about, for the administrators.
#[derive(Debug, Clone, Serialize)]
pub struct OpenRequest {
    pub request: Request,
    pub name: String,
    pub email: String,
}

fn open() -> diesel::dsl::And<
    diesel::dsl::IsNull<erasure_requests::withdrawn_at>,
    diesel::dsl::IsNull<erasure_requests::carried_out_at>,
> {
    erasure_requests::withdrawn_at
        .is_null()
        .and(erasure_requests::carried_out_at.is_null())
}

/// Records a request unless the person already has an open one (a second
/// click, two tabs): the unique index makes that hold under concurrency.
/// True when this call made it.
pub fn request(
    conn: &mut DbConnection,
    user_id: i64,
    by: i64,
    at: NaiveDateTime,
) -> QueryResult<bool> {
    let insert = diesel::insert_into(erasure_requests::table)
        .values((
            erasure_requests::user_id.eq(user_id),
            erasure_requests::requested_at.eq(at),
            erasure_requests::requested_by.eq(by),
        ))
        .on_conflict_do_nothing();
    let made = crate::db::direct!(conn, |c| insert.execute(c))?;
    Ok(made == 1)
}

/// The person's open request, if any.
pub fn open_of(conn: &mut DbConnection, user_id: i64) -> QueryResult<Option<Request>> {
    erasure_requests::table
        .filter(erasure_requests::user_id.eq(user_id))
        .filter(open())
        .select(columns_of::<Request>())
        .first_direct(conn)
        .optional()
}

/// Withdraws the person's open request; false when there was none.
pub fn withdraw(conn: &mut DbConnection, user_id: i64, at: NaiveDateTime) -> QueryResult<bool> {
    let n = diesel::update(
        erasure_requests::table
            .filter(erasure_requests::user_id.eq(user_id))
            .filter(open()),
    )
    .set(erasure_requests::withdrawn_at.eq(at))
    .execute_direct(conn)?;
    Ok(n > 0)
}

pub fn find(conn: &mut DbConnection, id: i64) -> QueryResult<Request> {
    erasure_requests::table
        .find(id)
        .select(columns_of::<Request>())
        .first_direct(conn)
}

/// Open requests, oldest first: the order in which they are owed an answer.
pub fn open_requests(conn: &mut DbConnection) -> QueryResult<Vec<OpenRequest>> {
    let rows: Vec<(Request, String, String)> = erasure_requests::table
        .inner_join(users::table.on(users::id.eq(erasure_requests::user_id)))
        .filter(open())
        .order((erasure_requests::requested_at, erasure_requests::id))
        .select((columns_of::<Request>(), users::name, users::email))
        .load_direct(conn)?;
    Ok(rows
        .into_iter()
        .map(|(request, name, email)| OpenRequest {
            request,
            name,
            email,
        })
        .collect())
}

/// The latest erasures carried out: dates and ids only, as the people are
/// gone.
pub fn carried_out(conn: &mut DbConnection, limit: i64) -> QueryResult<Vec<Request>> {
    erasure_requests::table
        .filter(erasure_requests::carried_out_at.is_not_null())
        .order(erasure_requests::carried_out_at.desc())
        .limit(limit)
        .select(columns_of::<Request>())
        .load_direct(conn)
}

/// Closes the person's open request as carried out, or, when there was
/// none (an administrator erased on the person's behalf, or retention
/// did), records one that is carried out at once: every erasure leaves
/// its dated trace.
pub fn close_carried_out(
    conn: &mut DbConnection,
    user_id: i64,
    by: Option<i64>,
    at: NaiveDateTime,
) -> QueryResult<()> {
    let closed = diesel::update(
        erasure_requests::table
            .filter(erasure_requests::user_id.eq(user_id))
            .filter(open()),
    )
    .set((
        erasure_requests::carried_out_at.eq(at),
        erasure_requests::carried_out_by.eq(by),
    ))
    .execute_direct(conn)?;
    if closed == 0 {
        diesel::insert_into(erasure_requests::table)
            .values((
                erasure_requests::user_id.eq(user_id),
                erasure_requests::requested_at.eq(at),
                erasure_requests::requested_by.eq(by),
                erasure_requests::carried_out_at.eq(at),
                erasure_requests::carried_out_by.eq(by),
            ))
            .execute_direct(conn)?;
    }
    Ok(())
}

/// A seat or waiting-list place the person holds in something that has
/// not ended: erasure gives it back through the engine.
#[derive(Debug, Clone, Serialize)]
pub struct LiveSeat {
    pub session_id: i64,
    pub title: String,
    pub starts_at: NaiveDateTime,
    pub waitlisted: bool,
}

pub fn live_seats(
    conn: &mut DbConnection,
    user_id: i64,
    at: NaiveDateTime,
) -> QueryResult<Vec<LiveSeat>> {
    let rows: Vec<(i64, String, NaiveDateTime, EnrolmentStatus)> = enrolments::table
        .inner_join(sessions::table)
        .filter(enrolments::user_id.eq(user_id))
        .filter(
            enrolments::status.eq_any([EnrolmentStatus::Confirmed, EnrolmentStatus::Waitlisted]),
        )
        .filter(sessions::ends_at.gt(at))
        .order(sessions::starts_at)
        .select((
            sessions::id,
            sessions::title,
            sessions::starts_at,
            enrolments::status,
        ))
        .load_direct(conn)?;
    Ok(rows
        .into_iter()
        .map(|(session_id, title, starts_at, status)| LiveSeat {
            session_id,
            title,
            starts_at,
            waitlisted: status == EnrolmentStatus::Waitlisted,
        })
        .collect())
}

/// Accounts nobody has used since `cutoff`, oldest first, at most
/// `limit`: no login, no change to the account, no seat in anything that
/// ended later, no booking, application or status change since; never
/// staff, and never a brobygger who has not left. Retention anonymises
/// them (alumni and inactive professionals, three years by default).
pub fn inactive_since(
    conn: &mut DbConnection,
    cutoff: NaiveDateTime,
    limit: i64,
) -> QueryResult<Vec<i64>> {
    use crate::domain::volunteer::VolunteerStatus;
    use diesel::dsl::{exists, not};
    users::table
        .filter(users::erased_at.is_null())
        .filter(users::created_at.lt(cutoff))
        .filter(users::updated_at.lt(cutoff))
        .filter(
            users::last_login_at
                .is_null()
                .or(users::last_login_at.lt(cutoff)),
        )
        .filter(not(exists(
            user_roles::table
                .filter(user_roles::user_id.eq(users::id))
                .filter(
                    user_roles::role
                        .eq_any([crate::domain::Role::Admin, crate::domain::Role::Coordinator]),
                ),
        )))
        .filter(not(exists(
            coordinator_branches::table.filter(coordinator_branches::user_id.eq(users::id)),
        )))
        .filter(not(exists(
            volunteers::table
                .filter(volunteers::user_id.eq(users::id))
                .filter(
                    volunteers::status
                        .ne_all([VolunteerStatus::Alumni, VolunteerStatus::Rejected])
                        .or(volunteers::updated_at.ge(cutoff)),
                ),
        )))
        .filter(not(exists(
            volunteer_status_changes::table
                .filter(volunteer_status_changes::user_id.eq(users::id))
                .filter(volunteer_status_changes::created_at.ge(cutoff)),
        )))
        .filter(not(exists(
            volunteer_applications::table
                .filter(volunteer_applications::user_id.eq(users::id))
                .filter(volunteer_applications::updated_at.ge(cutoff)),
        )))
        .filter(not(exists(
            enrolments::table
                .inner_join(sessions::table)
                .filter(enrolments::user_id.eq(users::id))
                .filter(
                    sessions::ends_at
                        .ge(cutoff)
                        .or(enrolments::updated_at.ge(cutoff)),
                ),
        )))
        .filter(not(exists(
            bookings::table
                .filter(bookings::requester_id.eq(users::id))
                .filter(bookings::updated_at.ge(cutoff)),
        )))
        .order((users::created_at, users::id))
        .limit(limit)
        .select(users::id)
        .load_direct(conn)
}

/// What erasure keeps, counted for the administrator who reviews it.
#[derive(Debug, Clone, Copy, Default, Serialize)]
pub struct Kept {
    /// Course certificates, kept verifiable with the name on them.
    pub certificates: i64,
    /// GenLær enrolments whose invoice details are kept for bookkeeping.
    pub invoice_lines: i64,
    /// Bookings the person asked for: the organisation's invoice details
    /// are kept, the contact person is anonymised.
    pub bookings: i64,
}

pub fn kept(conn: &mut DbConnection, user_id: i64, email: &str) -> QueryResult<Kept> {
    let certificates = certificates::table
        .filter(certificates::user_id.eq(user_id))
        .count()
        .get_result_direct(conn)?;
    let invoice_lines = genlaer_enrolments::table
        .inner_join(enrolments::table)
        .filter(enrolments::user_id.eq(user_id))
        .count()
        .get_result_direct(conn)?;
    let bookings = bookings::table
        .filter(
            bookings::requester_id
                .eq(user_id)
                .or(lower(bookings::contact_email).eq(email.to_lowercase())),
        )
        .count()
        .get_result_direct(conn)?;
    Ok(Kept {
        certificates,
        invoice_lines,
        bookings,
    })
}

/// The person as they are before erasure: what to look for in rows that
/// name them by address or by name rather than by account.
pub struct Person<'a> {
    pub id: i64,
    pub email: &'a str,
    pub name: &'a str,
}

/// Deletes or anonymises every row about the person, in the caller's
/// transaction, after their live seats were given back. The account row
/// stays, anonymised, so that histories and counts that point at it
/// (attendance at an evening, a status change) stay right and name nobody.
pub fn erase(conn: &mut DbConnection, p: &Person<'_>, at: NaiveDateTime) -> QueryResult<()> {
    let id = p.id;
    let email = p.email.to_lowercase();

    // Logging in and being staff.
    diesel::delete(user_roles::table.filter(user_roles::user_id.eq(id))).execute_direct(conn)?;
    diesel::delete(coordinator_branches::table.filter(coordinator_branches::user_id.eq(id)))
        .execute_direct(conn)?;
    diesel::delete(
        super::schema::coordinator_regions::table
            .filter(super::schema::coordinator_regions::user_id.eq(id)),
    )
    .execute_direct(conn)?;
    diesel::delete(user_tokens::table.filter(user_tokens::user_id.eq(id))).execute_direct(conn)?;
    // Their evaluation links; the answers were never theirs in storage.
    super::evaluations::delete_of_user(conn, id)?;
    diesel::delete(login_sessions::table.filter(login_sessions::user_id.eq(id)))
        .execute_direct(conn)?;
    diesel::delete(second_factors::table.filter(second_factors::user_id.eq(id)))
        .execute_direct(conn)?;
    diesel::delete(recovery_codes::table.filter(recovery_codes::user_id.eq(id)))
        .execute_direct(conn)?;
    diesel::delete(login_failures::table.filter(lower(login_failures::email).eq(&email)))
        .execute_direct(conn)?;
    diesel::delete(reset_requests::table.filter(lower(reset_requests::email).eq(&email)))
        .execute_direct(conn)?;

    // Messages to them, and messages to others that name them (a
    // coordinator told of their supervision request): the envelope and
    // body of what was sent is not needed once the person is gone.
    diesel::delete(
        outbox::table.filter(
            outbox::user_id
                .eq(id)
                .or(lower(outbox::to_email).eq(&email)),
        ),
    )
    .execute_direct(conn)?;
    for needle in mentions(p) {
        diesel::delete(outbox::table.filter(outbox::payload.like(needle).escape('\\')))
            .execute_direct(conn)?;
    }
    // A body cleared by retention left its subject, which may name them.
    for needle in [p.email, p.name].iter().filter(|s| s.len() > 2) {
        let pattern = format!("%{}%", escape_like(needle));
        diesel::delete(outbox::table.filter(outbox::subject.like(pattern).escape('\\')))
            .execute_direct(conn)?;
    }

    // Volunteering.
    diesel::delete(volunteers::table.filter(volunteers::user_id.eq(id))).execute_direct(conn)?;
    diesel::delete(volunteer_applications::table.filter(volunteer_applications::user_id.eq(id)))
        .execute_direct(conn)?;
    // The history of status changes stays for the statistics; a reason is
    // free text written about the person.
    diesel::update(
        volunteer_status_changes::table.filter(volunteer_status_changes::user_id.eq(id)),
    )
    .set(volunteer_status_changes::reason.eq(None::<String>))
    .execute_direct(conn)?;
    diesel::delete(declaration_signatures::table.filter(declaration_signatures::user_id.eq(id)))
        .execute_direct(conn)?;
    diesel::delete(volunteer_checks::table.filter(volunteer_checks::user_id.eq(id)))
        .execute_direct(conn)?;
    diesel::delete(requirement_grace::table.filter(requirement_grace::user_id.eq(id)))
        .execute_direct(conn)?;
    // Which branches they moved between says where they lived.
    diesel::delete(
        super::schema::volunteer_moves::table
            .filter(super::schema::volunteer_moves::user_id.eq(id)),
    )
    .execute_direct(conn)?;
    diesel::delete(
        super::schema::staff_notification_settings::table
            .filter(super::schema::staff_notification_settings::user_id.eq(id)),
    )
    .execute_direct(conn)?;
    diesel::delete(
        super::schema::task_digests::table.filter(super::schema::task_digests::user_id.eq(id)),
    )
    .execute_direct(conn)?;
    // What a coordinator wrote to participants stays with the session,
    // without its writer.
    diesel::update(session_messages::table.filter(session_messages::sent_by.eq(id)))
        .set(session_messages::sent_by.eq(None::<i64>))
        .execute_direct(conn)?;
    diesel::delete(
        super::schema::cohort_makeups::table.filter(super::schema::cohort_makeups::user_id.eq(id)),
    )
    .execute_direct(conn)?;
    diesel::delete(volunteer_imports::table.filter(volunteer_imports::user_id.eq(id)))
        .execute_direct(conn)?;
    diesel::delete(reminders_sent::table.filter(reminders_sent::user_id.eq(id)))
        .execute_direct(conn)?;
    diesel::delete(evening_answers::table.filter(evening_answers::user_id.eq(id)))
        .execute_direct(conn)?;
    // Vagter given away: the offers go (the seats went back before).
    diesel::delete(
        super::schema::duty_offers::table.filter(super::schema::duty_offers::user_id.eq(id)),
    )
    .execute_direct(conn)?;

    // Brobygninger stay as counts for the annual figures; who made them,
    // and which rådgiver briefed them, goes.
    {
        use super::schema::brobygninger as b;
        diesel::update(b::table.filter(b::user_id.eq(id)))
            .set(b::user_id.eq(None::<i64>))
            .execute_direct(conn)?;
        diesel::update(b::table.filter(b::briefed_by.eq(id)))
            .set(b::briefed_by.eq(None::<i64>))
            .execute_direct(conn)?;
        diesel::update(b::table.filter(b::debriefed_by.eq(id)))
            .set(b::debriefed_by.eq(None::<i64>))
            .execute_direct(conn)?;
        diesel::update(b::table.filter(b::updated_by.eq(id)))
            .set(b::updated_by.eq(None::<i64>))
            .execute_direct(conn)?;
    }

    // Supervision: whether someone sought support is deleted outright,
    // attendance included; the groups' stored counts are left as they were.
    diesel::delete(supervision_requests::table.filter(supervision_requests::user_id.eq(id)))
        .execute_direct(conn)?;
    diesel::delete(supervision_notices::table.filter(supervision_notices::user_id.eq(id)))
        .execute_direct(conn)?;
    let supervision = || {
        sessions::table
            .filter(sessions::kind.eq(SessionKind::Supervision))
            .select(sessions::id)
    };
    let supervision_meetings = meetings::table
        .filter(meetings::session_id.eq_any(supervision()))
        .select(meetings::id);
    diesel::delete(
        attendance::table
            .filter(attendance::user_id.eq(id))
            .filter(attendance::meeting_id.eq_any(supervision_meetings)),
    )
    .execute_direct(conn)?;
    diesel::delete(
        enrolments::table
            .filter(enrolments::user_id.eq(id))
            .filter(enrolments::session_id.eq_any(supervision())),
    )
    .execute_direct(conn)?;

    // GenLær: the participant's own details go, the invoice details stay
    // for the bookkeeping act; needs (possibly health data) go.
    let theirs = enrolments::table
        .filter(enrolments::user_id.eq(id))
        .select(enrolments::id);
    diesel::update(
        genlaer_enrolments::table.filter(genlaer_enrolments::enrolment_id.eq_any(theirs)),
    )
    .set((
        genlaer_enrolments::name.eq(ERASED_NAME),
        genlaer_enrolments::workplace.eq(""),
        genlaer_enrolments::job_title.eq(""),
        genlaer_enrolments::needs.eq(None::<String>),
    ))
    .execute_direct(conn)?;
    diesel::update(
        bookings::table.filter(
            bookings::requester_id
                .eq(id)
                .or(lower(bookings::contact_email).eq(&email)),
        ),
    )
    .set((
        bookings::contact_name.eq(ERASED_NAME),
        bookings::contact_email.eq(erased_email(id)),
        bookings::contact_phone.eq(""),
        bookings::message.eq(None::<String>),
    ))
    .execute_direct(conn)?;

    // The account itself, last: nothing above looks it up again.
    diesel::update(users::table.find(id))
        .set((
            users::name.eq(ERASED_NAME),
            users::email.eq(erased_email(id)),
            users::phone.eq(None::<String>),
            users::pending_email.eq(None::<String>),
            users::password_hash.eq(None::<String>),
            users::email_verified_at.eq(None::<NaiveDateTime>),
            users::calendar_salt.eq(None::<String>),
            users::calendar_token_hash.eq(None::<String>),
            users::deactivated_at.eq(at),
            users::erased_at.eq(at),
            users::session_epoch.eq(users::session_epoch + 1),
            users::updated_at.eq(at),
        ))
        .execute_direct(conn)?;
    Ok(())
}

/// LIKE patterns for a message body that names the person: their address,
/// or their name as a whole JSON string (so "Anna" does not match "Anna
/// Jensen").
fn mentions(p: &Person<'_>) -> Vec<String> {
    let json_name = serde_json::to_string(p.name).unwrap_or_default();
    [p.email.to_string(), json_name]
        .into_iter()
        .filter(|s| s.len() > 2)
        .map(|s| format!("%{}%", escape_like(&s)))
        .collect()
}

fn escape_like(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        if matches!(c, '\\' | '%' | '_') {
            out.push('\\');
        }
        out.push(c);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::privacy::{Holds, REGISTRY};

    #[test]
    fn every_table_with_personal_data_is_dealt_with() {
        for t in REGISTRY {
            let personal = matches!(t.holds, Holds::Personal { .. });
            let owned = !matches!(
                t.name,
                // Names on a programme (teachers, supervisors, speakers)
                // belong to the programme, not to an account.
                "genlaer_sessions" | "supervision_details" | "evening_details"
            );
            assert_eq!(
                personal && owned,
                ERASED_TABLES.contains(&t.name),
                "{}: add it to ERASED_TABLES and to `erase`, or explain",
                t.name
            );
        }
    }

    #[test]
    fn like_patterns_are_escaped() {
        assert_eq!(escape_like("a_b%c\\"), "a\\_b\\%c\\\\");
        let p = Person {
            id: 1,
            email: "a_b@x.dk",
            name: "Anna",
        };
        assert_eq!(mentions(&p), vec!["%a\\_b@x.dk%", "%\"Anna\"%"]);
    }
}
