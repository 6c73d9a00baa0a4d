//! Invoices and credit notes, their lines, and the yearly number series.
//! Every write here runs in the use case's transaction (`app::invoices`).

use std::collections::{HashMap, HashSet};

use chrono::{NaiveDate, NaiveDateTime};
use diesel::prelude::*;
use serde::Serialize;

use super::DbConnection;
use super::id_list::in_list;
use super::schema::{invoice_counters, invoice_lines, invoices};
use crate::db::{Direct, columns_of};
use crate::domain::billing::{DocumentKind, InvoiceStatus, LineKind, PayerKind};

#[derive(Debug, Clone, Queryable, Selectable, Serialize)]
#[diesel(table_name = invoices)]
pub struct Invoice {
    pub id: i64,
    pub kind: DocumentKind,
    pub year: i32,
    pub seq: i64,
    pub number: String,
    pub status: InvoiceStatus,
    pub credits_id: Option<i64>,
    pub branch_id: Option<i64>,
    pub session_id: Option<i64>,
    pub booking_id: Option<i64>,
    pub course_title: String,
    pub buyer_name: String,
    pub payer_kind: PayerKind,
    pub payer_id: String,
    pub buyer_address: Option<String>,
    pub reference: Option<String>,
    pub buyer_email: Option<String>,
    pub issue_date: NaiveDate,
    pub due_date: NaiveDate,
    pub total_ore: i64,
    #[diesel(deserialize_as = crate::db::MaybeStamp)]
    pub sent_at: Option<NaiveDateTime>,
    #[diesel(deserialize_as = crate::db::MaybeStamp)]
    pub paid_at: Option<NaiveDateTime>,
    pub created_by: Option<i64>,
    #[diesel(deserialize_as = crate::db::Stamp)]
    pub created_at: NaiveDateTime,
    #[diesel(deserialize_as = crate::db::Stamp)]
    pub updated_at: NaiveDateTime,
}

#[derive(Debug, Clone, Insertable)]
#[diesel(table_name = invoices)]
pub struct NewInvoice {
    pub kind: DocumentKind,
    pub year: i32,
    pub seq: i64,
    pub number: String,
    pub status: InvoiceStatus,
    pub credits_id: Option<i64>,
    pub branch_id: Option<i64>,
    pub session_id: Option<i64>,
    pub booking_id: Option<i64>,
    pub course_title: String,
    pub buyer_name: String,
    pub payer_kind: PayerKind,
    pub payer_id: String,
    pub buyer_address: Option<String>,
    pub reference: Option<String>,
    pub buyer_email: Option<String>,
    pub issue_date: NaiveDate,
    pub due_date: NaiveDate,
    pub total_ore: i64,
    pub created_by: Option<i64>,
    pub created_at: NaiveDateTime,
    pub updated_at: NaiveDateTime,
}

#[derive(Debug, Clone, Queryable, Selectable, Serialize)]
#[diesel(table_name = invoice_lines)]
pub struct Line {
    pub id: i64,
    pub invoice_id: i64,
    pub position: i32,
    pub line_kind: LineKind,
    pub description: String,
    pub participant_name: Option<String>,
    pub enrolment_id: Option<i64>,
    pub amount_ore: i64,
    pub credits_line_id: Option<i64>,
}

#[derive(Debug, Clone, Insertable)]
#[diesel(table_name = invoice_lines)]
pub struct NewLine {
    pub invoice_id: i64,
    pub position: i32,
    pub line_kind: LineKind,
    pub description: String,
    pub participant_name: Option<String>,
    pub enrolment_id: Option<i64>,
    pub amount_ore: i64,
    pub credits_line_id: Option<i64>,
}

/// The next number of `year`'s series. The counter row is updated in the
/// caller's transaction: on PostgreSQL the update locks the row until the
/// transaction ends, on SQLite the transaction holds the write lock, so
/// two documents never get the same number, and a rolled-back document
/// gives its number back (no gaps).
pub fn next_number(conn: &mut DbConnection, year: i32) -> QueryResult<i64> {
    let bump = |conn: &mut DbConnection| {
        diesel::update(invoice_counters::table.find(year))
            .set(invoice_counters::last_number.eq(invoice_counters::last_number + 1))
            .execute_direct(conn)
    };
    if bump(conn)? == 0 {
        // The year's first document: make its row, or find the one a
        // concurrent transaction just made (it waits for that one's end).
        let insert = diesel::insert_into(invoice_counters::table)
            .values((
                invoice_counters::year.eq(year),
                invoice_counters::last_number.eq(0_i64),
            ))
            .on_conflict(invoice_counters::year)
            .do_nothing();
        crate::db::direct!(conn, |c| insert.execute(c))?;
        bump(conn)?;
    }
    invoice_counters::table
        .find(year)
        .select(invoice_counters::last_number)
        .first_direct(conn)
}

pub fn insert(conn: &mut DbConnection, new: &NewInvoice) -> QueryResult<i64> {
    crate::db::insert_returning_id!(conn, invoices, new)
}

pub fn insert_line(conn: &mut DbConnection, new: &NewLine) -> QueryResult<i64> {
    crate::db::insert_returning_id!(conn, invoice_lines, new)
}

pub fn find(conn: &mut DbConnection, id: i64) -> QueryResult<Invoice> {
    invoices::table
        .find(id)
        .select(columns_of::<Invoice>())
        .first_direct(conn)
}

pub fn lines(conn: &mut DbConnection, invoice_id: i64) -> QueryResult<Vec<Line>> {
    invoice_lines::table
        .filter(invoice_lines::invoice_id.eq(invoice_id))
        .order((invoice_lines::position, invoice_lines::id))
        .select(columns_of::<Line>())
        .load_direct(conn)
}

/// The lines of several documents, in each one's order.
pub fn lines_of(conn: &mut DbConnection, invoice_ids: &[i64]) -> QueryResult<Vec<Line>> {
    invoice_lines::table
        .filter(in_list(
            invoice_lines::invoice_id,
            invoice_ids.iter().copied(),
        ))
        .order((
            invoice_lines::invoice_id,
            invoice_lines::position,
            invoice_lines::id,
        ))
        .select(columns_of::<Line>())
        .load_direct(conn)
}

/// Number and date of these documents: what a credit note names of the
/// invoice it reverses.
pub fn numbers_of(
    conn: &mut DbConnection,
    ids: &[i64],
) -> QueryResult<HashMap<i64, (String, NaiveDate)>> {
    let rows: Vec<(i64, String, NaiveDate)> = invoices::table
        .filter(in_list(invoices::id, ids.iter().copied()))
        .select((invoices::id, invoices::number, invoices::issue_date))
        .load_direct(conn)?;
    Ok(rows
        .into_iter()
        .map(|(id, number, date)| (id, (number, date)))
        .collect())
}

/// Moves an invoice from one status to another, only if it still has the
/// first: `false` when someone changed it meanwhile.
pub fn set_status(
    conn: &mut DbConnection,
    id: i64,
    from: InvoiceStatus,
    to: InvoiceStatus,
    at: NaiveDateTime,
) -> QueryResult<bool> {
    let target = invoices::table.find(id).filter(invoices::status.eq(from));
    let n = match to {
        InvoiceStatus::Sent => diesel::update(target)
            .set((
                invoices::status.eq(to),
                invoices::sent_at.eq(at),
                invoices::updated_at.eq(at),
            ))
            .execute_direct(conn)?,
        InvoiceStatus::Paid => diesel::update(target)
            .set((
                invoices::status.eq(to),
                invoices::paid_at.eq(at),
                invoices::updated_at.eq(at),
            ))
            .execute_direct(conn)?,
        _ => diesel::update(target)
            .set((invoices::status.eq(to), invoices::updated_at.eq(at)))
            .execute_direct(conn)?,
    };
    Ok(n == 1)
}

/// A draft's buyer name, address and order reference.
pub fn update_draft(
    conn: &mut DbConnection,
    id: i64,
    buyer_name: &str,
    buyer_address: Option<&str>,
    reference: Option<&str>,
    at: NaiveDateTime,
) -> QueryResult<bool> {
    let n = diesel::update(
        invoices::table
            .find(id)
            .filter(invoices::status.eq(InvoiceStatus::Draft)),
    )
    .set((
        invoices::buyer_name.eq(buyer_name),
        invoices::buyer_address.eq(buyer_address),
        invoices::reference.eq(reference),
        invoices::updated_at.eq(at),
    ))
    .execute_direct(conn)?;
    Ok(n == 1)
}

/// The documents of a session or a booking, in number order.
pub fn of_source(
    conn: &mut DbConnection,
    session_id: Option<i64>,
    booking_id: Option<i64>,
) -> QueryResult<Vec<Invoice>> {
    crate::db::direct!(conn, |c| {
        let mut q = invoices::table.into_boxed();
        if let Some(s) = session_id {
            q = q.filter(invoices::session_id.eq(s));
        }
        if let Some(b) = booking_id {
            q = q.filter(invoices::booking_id.eq(b));
        }
        q.order((invoices::year, invoices::seq))
            .select(columns_of::<Invoice>())
            .load(c)
    })
}

/// The credit notes of an invoice.
pub fn credit_notes(conn: &mut DbConnection, invoice_id: i64) -> QueryResult<Vec<Invoice>> {
    invoices::table
        .filter(invoices::credits_id.eq(invoice_id))
        .order((invoices::year, invoices::seq))
        .select(columns_of::<Invoice>())
        .load_direct(conn)
}

/// How much credit notes have reversed of each line of an invoice.
pub fn credited(conn: &mut DbConnection, invoice_id: i64) -> QueryResult<HashMap<i64, i64>> {
    let original: Vec<i64> = invoice_lines::table
        .filter(invoice_lines::invoice_id.eq(invoice_id))
        .select(invoice_lines::id)
        .load_direct(conn)?;
    let rows: Vec<(Option<i64>, i64)> = invoice_lines::table
        .filter(in_list(
            invoice_lines::credits_line_id,
            original.iter().copied(),
        ))
        .select((invoice_lines::credits_line_id, invoice_lines::amount_ore))
        .load_direct(conn)?;
    let mut out = HashMap::new();
    for (line, amount) in rows {
        if let Some(line) = line {
            *out.entry(line).or_insert(0) += amount;
        }
    }
    Ok(out)
}

/// Enrolments already on an invoice of the session.
pub fn invoiced_enrolments(conn: &mut DbConnection, session_id: i64) -> QueryResult<HashSet<i64>> {
    let ids: Vec<Option<i64>> = invoice_lines::table
        .inner_join(invoices::table)
        .filter(invoices::session_id.eq(session_id))
        .filter(invoices::kind.eq(DocumentKind::Invoice))
        .select(invoice_lines::enrolment_id)
        .load_direct(conn)?;
    Ok(ids.into_iter().flatten().collect())
}

/// Documents of these branches (all, for `None`), newest first.
pub fn for_branches(
    conn: &mut DbConnection,
    branches: Option<&[i64]>,
) -> QueryResult<Vec<Invoice>> {
    crate::db::direct!(conn, |c| {
        let mut q = invoices::table.into_boxed();
        if let Some(b) = branches {
            q = q.filter(in_list(invoices::branch_id, b.iter().copied()));
        }
        q.order((invoices::year.desc(), invoices::seq.desc()))
            .limit(500)
            .select(columns_of::<Invoice>())
            .load(c)
    })
}

/// Documents issued (not drafts) and dated in `[from, to]` of these
/// branches (all, for `None`), in number order: the bookkeeping export and
/// the XML files for the access point. A draft is not booked: it may still
/// change, and it is booked once sent.
pub fn in_period(
    conn: &mut DbConnection,
    branches: Option<&[i64]>,
    from: NaiveDate,
    to: NaiveDate,
) -> QueryResult<Vec<Invoice>> {
    crate::db::direct!(conn, |c| {
        let mut q = invoices::table
            .filter(invoices::issue_date.ge(from))
            .filter(invoices::issue_date.le(to))
            .filter(invoices::status.ne(InvoiceStatus::Draft))
            .into_boxed();
        if let Some(b) = branches {
            q = q.filter(in_list(invoices::branch_id, b.iter().copied()));
        }
        q.order((invoices::year, invoices::seq))
            .select(columns_of::<Invoice>())
            .load(c)
    })
}

/// Sent invoices of these branches due before `today`: not paid in time.
pub fn overdue(
    conn: &mut DbConnection,
    branches: Option<&[i64]>,
    today: NaiveDate,
) -> QueryResult<Vec<Invoice>> {
    crate::db::direct!(conn, |c| {
        let mut q = invoices::table
            .filter(invoices::kind.eq(DocumentKind::Invoice))
            .filter(invoices::status.eq(InvoiceStatus::Sent))
            .filter(invoices::due_date.lt(today))
            .into_boxed();
        if let Some(b) = branches {
            q = q.filter(in_list(invoices::branch_id, b.iter().copied()));
        }
        q.order(invoices::due_date)
            .select(columns_of::<Invoice>())
            .load(c)
    })
}

/// Held GenLær sessions without an invoice, oldest first (the demo
/// invoices them).
pub fn held_without_invoice(conn: &mut DbConnection) -> QueryResult<Vec<i64>> {
    use super::schema::sessions;
    use crate::domain::session::{SessionKind, SessionStatus};
    let invoiced = invoices::table
        .filter(invoices::session_id.is_not_null())
        .select(invoices::session_id.assume_not_null());
    sessions::table
        .filter(sessions::kind.eq(SessionKind::Genlaer))
        .filter(sessions::status.eq(SessionStatus::Held))
        .filter(sessions::id.ne_all(invoiced))
        .order(sessions::starts_at)
        .select(sessions::id)
        .load_direct(conn)
}

/// Accepted bookings with an agreed price and no invoice of their own.
pub fn bookings_without_invoice(conn: &mut DbConnection) -> QueryResult<Vec<i64>> {
    use super::schema::bookings;
    use crate::domain::genlaer::BookingStatus;
    let invoiced = invoices::table
        .filter(invoices::booking_id.is_not_null())
        .filter(invoices::session_id.is_null())
        .select(invoices::booking_id.assume_not_null());
    bookings::table
        .filter(bookings::status.eq(BookingStatus::Accepted))
        .filter(bookings::price_ore.is_not_null())
        .filter(bookings::id.ne_all(invoiced))
        .order(bookings::id)
        .select(bookings::id)
        .load_direct(conn)
}

/// Dates a draft earlier (the demo's invoice of a session held weeks ago).
pub fn set_dates(
    conn: &mut DbConnection,
    id: i64,
    issue_date: NaiveDate,
    due_date: NaiveDate,
) -> QueryResult<()> {
    diesel::update(
        invoices::table
            .find(id)
            .filter(invoices::status.eq(InvoiceStatus::Draft)),
    )
    .set((
        invoices::issue_date.eq(issue_date),
        invoices::due_date.eq(due_date),
    ))
    .execute_direct(conn)?;
    Ok(())
}
