//! GenLær sessions on top of the shared engine: each session's detail row
//! (course, teachers, the organisation's booking and private link), what a
//! participant typed when enrolling, and the accounts made for people who
//! enrol without one.

use chrono::NaiveDateTime;
use diesel::prelude::*;
use serde::Serialize;

use super::schema;
use super::schema::{
    branches, enrolments, genlaer_enrolments, genlaer_sessions, sessions as sessions_t, users,
};
use super::sessions::{self, MeetingTimes, NewSession, Session};
use super::{DbConnection, Keep, now};
use crate::db::{Direct, columns_of};
use crate::domain::enrolment::EnrolmentStatus;
use crate::domain::invoice::Invoice;
use crate::domain::invoice::InvoiceKind;
use crate::domain::session::SessionKind;

#[derive(Debug, Clone, Queryable, Selectable, Serialize)]
#[diesel(table_name = genlaer_sessions)]
pub struct Detail {
    pub session_id: i64,
    pub course_id: i64,
    pub teachers: String,
    pub booking_id: Option<i64>,
    #[serde(skip)]
    pub link_token_hash: Option<String>,
    #[serde(skip)]
    pub link_salt: Option<String>,
}

impl Detail {
    /// An organisation's own session: not in the catalogue, enrolment only
    /// through its private link.
    pub fn is_closed(&self) -> bool {
        self.booking_id.is_some()
    }
}

/// A private link for a closed session: what the database keeps of it.
pub struct Link<'a> {
    pub token_hash: &'a str,
    pub salt: &'a str,
}

/// Creates a GenLær session (the engine's row, its meetings, and the
/// detail row). The caller's transaction holds it together.
pub fn create(
    conn: &mut DbConnection,
    new: &NewSession<'_>,
    times: &[MeetingTimes],
    course_id: i64,
    teachers: &str,
    booking: Option<(i64, Link<'_>)>,
) -> QueryResult<i64> {
    let id = sessions::create(conn, new, times)?;
    let (booking_id, hash, salt) = match booking {
        Some((b, link)) => (Some(b), Some(link.token_hash), Some(link.salt)),
        None => (None, None, None),
    };
    diesel::insert_into(genlaer_sessions::table)
        .values((
            genlaer_sessions::session_id.eq(id),
            genlaer_sessions::course_id.eq(course_id),
            genlaer_sessions::teachers.eq(teachers),
            genlaer_sessions::booking_id.eq(booking_id),
            genlaer_sessions::link_token_hash.eq(hash),
            genlaer_sessions::link_salt.eq(salt),
        ))
        .execute_direct(conn)?;
    Ok(id)
}

pub fn set_teachers(conn: &mut DbConnection, session_id: i64, teachers: &str) -> QueryResult<()> {
    diesel::update(genlaer_sessions::table.find(session_id))
        .set(genlaer_sessions::teachers.eq(teachers))
        .execute_direct(conn)?;
    Ok(())
}

/// The session with its GenLær details; `NotFound` for other kinds.
pub fn find(conn: &mut DbConnection, session_id: i64) -> QueryResult<(Session, Detail)> {
    sessions_t::table
        .inner_join(genlaer_sessions::table.on(genlaer_sessions::session_id.eq(sessions_t::id)))
        .filter(sessions_t::id.eq(session_id))
        .select((columns_of::<Session>(), columns_of::<Detail>()))
        .first_direct(conn)
}

/// The GenLær details of a session; `NotFound` for other kinds.
pub fn detail(conn: &mut DbConnection, session_id: i64) -> QueryResult<Detail> {
    genlaer_sessions::table
        .find(session_id)
        .select(columns_of::<Detail>())
        .first_direct(conn)
}

/// What a course costs, as an enrolment's receipt states it.
#[derive(Debug, Clone, Queryable)]
pub struct Price {
    pub price_ore: i64,
    pub vat_note: String,
}

/// `detail` with its course's price: on the enrolment path, one statement
/// instead of two.
pub fn detail_and_price(conn: &mut DbConnection, session_id: i64) -> QueryResult<(Detail, Price)> {
    genlaer_sessions::table
        .inner_join(schema::courses::table)
        .filter(genlaer_sessions::session_id.eq(session_id))
        .select((
            columns_of::<Detail>(),
            (schema::courses::price_ore, schema::courses::vat_note),
        ))
        .first_direct(conn)
}

/// What an enrolment reads of its session, the lock held.
#[derive(Debug, Clone)]
pub struct Locked {
    pub session: Session,
    pub detail: Detail,
    pub price: Price,
}

/// Locks a GenLær session for an enrolment, with its detail and its
/// course's price: `ahead`, if they were read before the transaction
/// (neither changes under an enrolment, see `app::genlaer`). On PostgreSQL
/// without them this is one statement: its join is read as it stood when
/// the statement began, which is only right for what cannot change under
/// the lock. Anything a lock holder may change (the meetings, the
/// organiser) is read by a later statement.
pub fn lock_for_enrolment(
    conn: &mut DbConnection,
    session_id: i64,
    ahead: Option<(Detail, Price)>,
) -> QueryResult<Locked> {
    let (session, (detail, price)) = match (ahead, &mut *conn) {
        (None, DbConnection::Pg(pg)) => {
            let (session, detail, price) = sessions_t::table
                .inner_join(
                    genlaer_sessions::table.on(genlaer_sessions::session_id.eq(sessions_t::id)),
                )
                .inner_join(
                    schema::courses::table.on(schema::courses::id.eq(genlaer_sessions::course_id)),
                )
                .filter(sessions_t::id.eq(session_id))
                .select((
                    columns_of::<Session>(),
                    columns_of::<Detail>(),
                    (schema::courses::price_ore, schema::courses::vat_note),
                ))
                .for_update_of("sessions")
                .get_result(pg)?;
            (session, (detail, price))
        }
        (ahead, _) => {
            let session = sessions::lock(conn, session_id)?;
            let ahead = match ahead {
                Some(ahead) => ahead,
                None => detail_and_price(conn, session_id)?,
            };
            (session, ahead)
        }
    };
    Ok(Locked {
        session,
        detail,
        price,
    })
}

/// The closed session a private link opens.
pub fn by_link(
    conn: &mut DbConnection,
    token_hash: &str,
) -> QueryResult<Option<(Session, Detail)>> {
    sessions_t::table
        .inner_join(genlaer_sessions::table.on(genlaer_sessions::session_id.eq(sessions_t::id)))
        .filter(genlaer_sessions::link_token_hash.eq(token_hash))
        .select((columns_of::<Session>(), columns_of::<Detail>()))
        .first_direct(conn)
        .optional()
}

pub fn of_booking(
    conn: &mut DbConnection,
    booking_id: i64,
) -> QueryResult<Option<(Session, Detail)>> {
    sessions_t::table
        .inner_join(genlaer_sessions::table.on(genlaer_sessions::session_id.eq(sessions_t::id)))
        .filter(genlaer_sessions::booking_id.eq(booking_id))
        .select((columns_of::<Session>(), columns_of::<Detail>()))
        .first_direct(conn)
        .optional()
}

/// A session in a list, with its organising branch's name.
#[derive(Debug, Clone, Serialize)]
pub struct Listed {
    pub session: Session,
    pub detail: Detail,
    pub branch: Option<String>,
}

/// The sessions of a course, soonest first, in one query. `public_only`
/// leaves out organisations' closed sessions; `from` leaves out those that
/// began before it; `branch_ids` keeps those branches' sessions (and, with
/// `national`, the national ones).
pub fn of_course(
    conn: &mut DbConnection,
    course_id: i64,
    public_only: bool,
    from: Option<NaiveDateTime>,
) -> QueryResult<Vec<Listed>> {
    let rows: Vec<(Session, Detail, Option<String>)> = crate::db::direct!(conn, |c| {
        let mut q = sessions_t::table
            .inner_join(genlaer_sessions::table.on(genlaer_sessions::session_id.eq(sessions_t::id)))
            .left_join(branches::table.on(sessions_t::branch_id.eq(branches::id.nullable())))
            .filter(genlaer_sessions::course_id.eq(course_id))
            .into_boxed();
        if public_only {
            q = q.filter(genlaer_sessions::booking_id.is_null());
        }
        if let Some(from) = from {
            q = q.filter(sessions_t::starts_at.gt(from));
        }
        q.order((sessions_t::starts_at, sessions_t::id))
            .select((
                columns_of::<Session>(),
                columns_of::<Detail>(),
                branches::name.nullable(),
            ))
            .load(c)
    })?;
    Ok(rows
        .into_iter()
        .map(|(session, detail, branch)| Listed {
            session,
            detail,
            branch,
        })
        .collect())
}

/// Every GenLær session a coordinator manages (their branches; all for
/// administrators), newest first, with the course id, in one query.
pub fn managed(
    conn: &mut DbConnection,
    branch_ids: Option<&[i64]>,
    limit: i64,
) -> QueryResult<Vec<Listed>> {
    let rows: Vec<(Session, Detail, Option<String>)> = crate::db::direct!(conn, |c| {
        let mut q = sessions_t::table
            .inner_join(genlaer_sessions::table.on(genlaer_sessions::session_id.eq(sessions_t::id)))
            .left_join(branches::table.on(sessions_t::branch_id.eq(branches::id.nullable())))
            .into_boxed();
        if let Some(ids) = branch_ids {
            q = q.filter(sessions_t::branch_id.eq_any(ids.to_vec()));
        }
        q.order((sessions_t::starts_at.desc(), sessions_t::id.desc()))
            .limit(limit)
            .select((
                columns_of::<Session>(),
                columns_of::<Detail>(),
                branches::name.nullable(),
            ))
            .load(c)
    })?;
    Ok(rows
        .into_iter()
        .map(|(session, detail, branch)| Listed {
            session,
            detail,
            branch,
        })
        .collect())
}

/// What a participant typed when enrolling.
#[derive(Debug, Clone, Queryable, Selectable, Serialize)]
#[diesel(table_name = genlaer_enrolments)]
pub struct EnrolmentDetails {
    pub enrolment_id: i64,
    pub name: String,
    pub workplace: String,
    pub job_title: String,
    pub needs: Option<String>,
    pub invoice_kind: InvoiceKind,
    pub ean: Option<String>,
    pub cvr: Option<String>,
    pub invoice_address: Option<String>,
    pub reference: Option<String>,
    #[diesel(deserialize_as = crate::db::Stamp)]
    pub created_at: NaiveDateTime,
}

/// The participant's own words, validated.
#[derive(Debug, Clone)]
pub struct Person {
    pub name: String,
    pub workplace: String,
    pub job_title: String,
    pub needs: Option<String>,
}

/// Keeps the details of an enrolment; a `reused` enrolment row (someone
/// coming back after cancelling) has its old details replaced.
pub fn save_details(
    conn: &mut DbConnection,
    enrolment_id: i64,
    reused: bool,
    person: &Person,
    invoice: &Invoice,
) -> QueryResult<()> {
    if reused {
        diesel::delete(genlaer_enrolments::table.find(enrolment_id)).execute_direct(conn)?;
    }
    let insert = diesel::insert_into(genlaer_enrolments::table).values((
        genlaer_enrolments::enrolment_id.eq(enrolment_id),
        genlaer_enrolments::name.eq(&person.name),
        genlaer_enrolments::workplace.eq(&person.workplace),
        genlaer_enrolments::job_title.eq(&person.job_title),
        genlaer_enrolments::needs.eq(person.needs.as_deref()),
        genlaer_enrolments::invoice_kind.eq(invoice.kind),
        genlaer_enrolments::ean.eq(invoice.ean.as_deref()),
        genlaer_enrolments::cvr.eq(invoice.cvr.as_deref()),
        genlaer_enrolments::invoice_address.eq(invoice.address.as_deref()),
        genlaer_enrolments::reference.eq(invoice.reference.as_deref()),
        genlaer_enrolments::created_at.eq(now()),
    ));
    crate::db::direct!(conn, |c| insert.execute(c))?;
    Ok(())
}

/// The details of every enrolment in a session, by user id, in one query.
pub fn details_of_session(
    conn: &mut DbConnection,
    session_id: i64,
) -> QueryResult<Vec<(i64, EnrolmentDetails)>> {
    enrolments::table
        .inner_join(
            genlaer_enrolments::table.on(genlaer_enrolments::enrolment_id.eq(enrolments::id)),
        )
        .filter(enrolments::session_id.eq(session_id))
        .select((enrolments::user_id, columns_of::<EnrolmentDetails>()))
        .load_direct(conn)
}

/// What was typed with one enrolment, if it was made through a form.
pub fn details_of_enrolment(
    conn: &mut DbConnection,
    enrolment_id: i64,
) -> QueryResult<Option<EnrolmentDetails>> {
    genlaer_enrolments::table
        .find(enrolment_id)
        .select(columns_of::<EnrolmentDetails>())
        .first_direct(conn)
        .optional()
}

/// Who booked seats in a closed session, with what they typed: for the
/// booker's page (names only, never other accounts' data).
#[derive(Debug, Clone, Serialize)]
pub struct BookedSeat {
    pub user_id: i64,
    pub name: String,
    pub email: String,
    pub job_title: String,
}

/// user id, account name, email, typed name, job title.
type SeatRow = (i64, String, String, Option<String>, Option<String>);

pub fn booked_seats(conn: &mut DbConnection, session_id: i64) -> QueryResult<Vec<BookedSeat>> {
    let rows: Vec<SeatRow> = enrolments::table
        .inner_join(users::table.on(users::id.eq(enrolments::user_id)))
        .left_join(
            genlaer_enrolments::table.on(genlaer_enrolments::enrolment_id.eq(enrolments::id)),
        )
        .filter(enrolments::session_id.eq(session_id))
        .filter(enrolments::status.eq(EnrolmentStatus::Confirmed))
        // Erased people leave the lists; the session's counts keep them.
        .filter(users::erased_at.is_null())
        .order((enrolments::queued_at, enrolments::id))
        .select((
            enrolments::user_id,
            users::name,
            users::email,
            genlaer_enrolments::name.nullable(),
            genlaer_enrolments::job_title.nullable(),
        ))
        .load_direct(conn)?;
    Ok(rows
        .into_iter()
        .map(|(user_id, account_name, email, typed, job)| BookedSeat {
            user_id,
            name: typed.unwrap_or(account_name),
            email,
            job_title: job.unwrap_or_default(),
        })
        .collect())
}

/// New GenLær session fields shared by coordinators' forms and bookings.
pub fn new_session<'a>(
    branch_id: Option<i64>,
    title: &'a str,
    location: &'a str,
    online_url: Option<&'a str>,
    capacity: Option<i32>,
    enrol_deadline: Option<NaiveDateTime>,
    cancel_deadline: Option<NaiveDateTime>,
) -> NewSession<'a> {
    NewSession {
        kind: SessionKind::Genlaer,
        branch_id,
        title,
        location,
        online_url,
        capacity,
        enrol_deadline,
        cancel_deadline,
    }
}

/// Open, upcoming sessions of one course and one booking (`None`: the
/// public ones) in the given branches (all when `None`), soonest first.
pub fn upcoming_like(
    conn: &mut DbConnection,
    course_id: i64,
    booking_id: Option<i64>,
    branch_ids: Option<&[i64]>,
    after: NaiveDateTime,
    limit: i64,
) -> QueryResult<Vec<Session>> {
    crate::db::direct!(conn, |c| {
        let mut q = schema::sessions::table
            .inner_join(genlaer_sessions::table)
            .filter(genlaer_sessions::course_id.eq(course_id))
            .filter(schema::sessions::status.eq(crate::domain::session::SessionStatus::Open))
            .filter(schema::sessions::starts_at.gt(after))
            .into_boxed();
        q = match booking_id {
            Some(b) => q.filter(genlaer_sessions::booking_id.eq(b)),
            None => q.filter(genlaer_sessions::booking_id.is_null()),
        };
        if let Some(ids) = branch_ids {
            q = q.filter(schema::sessions::branch_id.eq_any(ids.to_vec()));
        }
        q.order((schema::sessions::starts_at, schema::sessions::id))
            .limit(limit)
            .select(columns_of::<Session>())
            .load(c)
    })
}
