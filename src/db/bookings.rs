//! Organisations' requests for an in-house GenLær course, from request to
//! accepted (a closed session of their own) or declined.

use chrono::{NaiveDate, NaiveDateTime};
use diesel::prelude::*;
use serde::Serialize;

use super::schema::{bookings, branches, courses};
use super::{DbConnection, now};
use crate::db::Direct;
use crate::db::columns_of;
use crate::domain::genlaer::BookingStatus;
use crate::domain::genlaer::OrganisationKind;
use crate::domain::invoice::Invoice;
use crate::domain::invoice::InvoiceKind;

#[derive(Debug, Clone, Queryable, Selectable, Serialize)]
#[diesel(table_name = bookings)]
pub struct Booking {
    pub id: i64,
    pub course_id: i64,
    pub branch_id: Option<i64>,
    pub requester_id: i64,
    pub organisation: String,
    pub organisation_kind: OrganisationKind,
    pub wished_from: NaiveDate,
    pub wished_to: NaiveDate,
    pub participants: i32,
    pub place: String,
    pub contact_name: String,
    pub contact_email: String,
    pub contact_phone: String,
    pub invoice_kind: InvoiceKind,
    pub ean: Option<String>,
    pub cvr: Option<String>,
    pub invoice_address: Option<String>,
    pub reference: Option<String>,
    pub message: Option<String>,
    pub status: BookingStatus,
    pub decline_reason: Option<String>,
    pub decided_by: Option<i64>,
    #[diesel(deserialize_as = crate::db::MaybeStamp)]
    pub decided_at: Option<NaiveDateTime>,
    #[diesel(deserialize_as = crate::db::Stamp)]
    pub created_at: NaiveDateTime,
    #[diesel(deserialize_as = crate::db::Stamp)]
    pub updated_at: NaiveDateTime,
    /// The price agreed when the booking was accepted, in øre.
    pub price_ore: Option<i64>,
}

pub struct NewBooking {
    pub course_id: i64,
    pub branch_id: Option<i64>,
    pub requester_id: i64,
    pub organisation: String,
    pub organisation_kind: OrganisationKind,
    pub wished_from: NaiveDate,
    pub wished_to: NaiveDate,
    pub participants: i32,
    pub place: String,
    pub contact_name: String,
    pub contact_email: String,
    pub contact_phone: String,
    pub invoice: Invoice,
    pub message: Option<String>,
}

pub fn create(conn: &mut DbConnection, b: &NewBooking) -> QueryResult<i64> {
    let at = now();
    crate::db::insert_returning_id!(
        conn,
        bookings,
        (
            bookings::course_id.eq(b.course_id),
            bookings::branch_id.eq(b.branch_id),
            bookings::requester_id.eq(b.requester_id),
            bookings::organisation.eq(&b.organisation),
            bookings::organisation_kind.eq(&b.organisation_kind),
            bookings::wished_from.eq(b.wished_from),
            bookings::wished_to.eq(b.wished_to),
            bookings::participants.eq(b.participants),
            bookings::place.eq(&b.place),
            bookings::contact_name.eq(&b.contact_name),
            bookings::contact_email.eq(&b.contact_email),
            bookings::contact_phone.eq(&b.contact_phone),
            bookings::invoice_kind.eq(b.invoice.kind),
            bookings::ean.eq(b.invoice.ean.as_deref()),
            bookings::cvr.eq(b.invoice.cvr.as_deref()),
            bookings::invoice_address.eq(b.invoice.address.as_deref()),
            bookings::reference.eq(b.invoice.reference.as_deref()),
            bookings::message.eq(b.message.as_deref()),
            bookings::status.eq(BookingStatus::Pending),
            bookings::created_at.eq(at),
            bookings::updated_at.eq(at),
        )
    )
}

pub fn find(conn: &mut DbConnection, id: i64) -> QueryResult<Booking> {
    bookings::table
        .find(id)
        .select(columns_of::<Booking>())
        .first_direct(conn)
}

/// A booking in a list, with its course's title and branch's name.
#[derive(Debug, Clone, Serialize)]
pub struct Listed {
    pub booking: Booking,
    pub course_title: String,
    pub branch: Option<String>,
    /// Awaiting a coordinator's answer.
    pub pending: bool,
}

fn listed(rows: Vec<(Booking, String, Option<String>)>) -> Vec<Listed> {
    rows.into_iter()
        .map(|(booking, course_title, branch)| Listed {
            pending: booking.status == BookingStatus::Pending,
            booking,
            course_title,
            branch,
        })
        .collect()
}

/// Requests for the given branches (every branch and the national ones
/// when `None`), pending first, newest first, in one query.
pub fn for_branches(
    conn: &mut DbConnection,
    branch_ids: Option<&[i64]>,
) -> QueryResult<Vec<Listed>> {
    let mut rows = listed(crate::db::direct!(conn, |c| {
        let mut q = bookings::table
            .inner_join(courses::table)
            .left_join(branches::table)
            .into_boxed();
        if let Some(ids) = branch_ids {
            q = q.filter(bookings::branch_id.eq_any(ids.to_vec()));
        }
        q.order(bookings::created_at.desc())
            .select((
                columns_of::<Booking>(),
                courses::title,
                branches::name.nullable(),
            ))
            .load(c)
    })?);
    rows.sort_by_key(|l| !l.pending);
    Ok(rows)
}

/// A requester's own bookings, newest first.
pub fn of_requester(conn: &mut DbConnection, user_id: i64) -> QueryResult<Vec<Listed>> {
    Ok(listed(
        bookings::table
            .inner_join(courses::table)
            .left_join(branches::table)
            .filter(bookings::requester_id.eq(user_id))
            .order(bookings::created_at.desc())
            .select((
                columns_of::<Booking>(),
                courses::title,
                branches::name.nullable(),
            ))
            .load_direct(conn)?,
    ))
}

/// Records the decision, once: a booking already decided stays as it was
/// (returns false), so two coordinators deciding at once cannot both win.
pub fn decide(
    conn: &mut DbConnection,
    id: i64,
    status: BookingStatus,
    reason: Option<&str>,
    price_ore: Option<i64>,
    by: i64,
) -> QueryResult<bool> {
    let at = now();
    let n = diesel::update(
        bookings::table
            .find(id)
            .filter(bookings::status.eq(BookingStatus::Pending)),
    )
    .set((
        bookings::status.eq(status),
        bookings::decline_reason.eq(reason),
        bookings::price_ore.eq(price_ore),
        bookings::decided_by.eq(by),
        bookings::decided_at.eq(at),
        bookings::updated_at.eq(at),
    ))
    .execute_direct(conn)?;
    Ok(n == 1)
}
