//! Invoices for GenLær: made in one step for a held session (one per
//! paying organisation) or an accepted booking, numbered in the year's
//! series in the same transaction, sent, paid, and reversed by credit
//! notes. What is billed is `domain::billing`'s; every change is audited.

use std::collections::HashMap;

use serde::Serialize;

use crate::app::audit::{self, Actor, Object};
use crate::app::{App, Error};
use crate::db::invoices::{self, Invoice, Line, NewInvoice, NewLine};
use crate::db::users::Account;
use crate::db::{DbConnection, bookings, courses, enrolments, genlaer, now, sessions};
use crate::domain::audit::{Action, ObjectKind};
use crate::domain::billing::{
    self, Document, DocumentKind, DocumentLine, InvoiceStatus, LineKind, Payer, PayerKind, Refusal,
    SeatFacts, Seller,
};
use crate::domain::events::{Message, Recipient};
use crate::domain::genlaer::BookingStatus;
use crate::domain::time;

/// Today in Copenhagen: invoice dates are Danish dates.
fn today() -> chrono::NaiveDate {
    time::local(now()).date_naive()
}

fn object(invoice: &Invoice) -> Object {
    Object::new(ObjectKind::Invoice, invoice.id).labelled(invoice.number.as_str())
}

/// The invoice, if this account manages its branch.
fn managed(conn: &mut DbConnection, account: &Account, id: i64) -> Result<Invoice, Error> {
    let invoice = invoices::find(conn, id)?;
    if account.manages(invoice.branch_id) {
        Ok(invoice)
    } else {
        Err(Error::Forbidden)
    }
}

/// One billable line before it has an invoice.
struct Pending {
    kind: LineKind,
    description: String,
    participant_name: Option<String>,
    enrolment_id: Option<i64>,
    amount_ore: i64,
}

/// Who an invoice is to, as typed when enrolling or booking.
struct Buyer {
    payer: Payer,
    name: String,
    address: Option<String>,
    email: Option<String>,
}

/// What creating invoices needs to know besides its lines.
struct Source {
    branch_id: Option<i64>,
    session_id: Option<i64>,
    booking_id: Option<i64>,
    course_title: String,
}

/// Writes one invoice with its number and lines, and its audit row.
fn write_invoice(
    conn: &mut DbConnection,
    by: &Actor,
    due_days: u32,
    source: &Source,
    buyer: &Buyer,
    lines: &[Pending],
) -> Result<i64, Error> {
    let issued = today();
    let year = billing::series(issued);
    let seq = invoices::next_number(conn, year)?;
    let at = now();
    let id = invoices::insert(
        conn,
        &NewInvoice {
            kind: DocumentKind::Invoice,
            year,
            seq,
            number: billing::number(year, seq),
            status: InvoiceStatus::Draft,
            credits_id: None,
            branch_id: source.branch_id,
            session_id: source.session_id,
            booking_id: source.booking_id,
            course_title: source.course_title.clone(),
            buyer_name: buyer.name.clone(),
            payer_kind: buyer.payer.kind,
            payer_id: buyer.payer.id.clone(),
            buyer_address: buyer.address.clone(),
            reference: buyer.payer.reference.clone(),
            buyer_email: buyer.email.clone(),
            issue_date: issued,
            due_date: billing::due_date(issued, due_days),
            total_ore: lines.iter().map(|l| l.amount_ore).sum(),
            created_by: by.user_id,
            created_at: at,
            updated_at: at,
        },
    )?;
    for (i, l) in lines.iter().enumerate() {
        invoices::insert_line(
            conn,
            &NewLine {
                invoice_id: id,
                position: i32::try_from(i + 1).unwrap_or(i32::MAX),
                line_kind: l.kind,
                description: l.description.clone(),
                participant_name: l.participant_name.clone(),
                enrolment_id: l.enrolment_id,
                amount_ore: l.amount_ore,
                credits_line_id: None,
            },
        )?;
    }
    let invoice = invoices::find(conn, id)?;
    audit::record(conn, by, Action::InvoiceCreated, &object(&invoice), None)?;
    Ok(id)
}

/// Invoices made for a session, and who was left out.
#[derive(Debug, Default)]
pub struct Created {
    pub ids: Vec<i64>,
    /// Participants who should pay but gave no EAN or CVR: not invoiced.
    pub without_details: Vec<String>,
}

/// Invoices a held session: one draft per paying organisation (the same
/// EAN or CVR and order reference), a line per billed participant. Seats
/// paid through a booking are on the booking's invoice instead.
#[tracing::instrument(skip(app, account), fields(actor = account.user.id))]
pub async fn create_for_session(
    app: &App,
    account: &Account,
    by: Actor,
    session_id: i64,
) -> Result<Result<Created, Refusal>, Error> {
    let account = account.clone();
    let due_days = app.settings.invoice_due_days;
    app.write(move |c| {
        // The session's lock: two coordinators invoicing it at once
        // queue here, and the second finds the first one's invoices.
        let session = sessions::lock(c, session_id)?;
        if !account.manages(session.branch_id) {
            return Err(Error::Forbidden);
        }
        session_in(c, &by, due_days, session_id)
    })
    .await
}

/// What a held session bills under the cancellation terms: the items per
/// payer, and who should pay but gave no EAN or CVR.
struct Billable {
    items: Vec<(Payer, Pending)>,
    buyers: HashMap<Payer, Buyer>,
    without_details: Vec<String>,
}

fn billable(
    c: &mut DbConnection,
    session: &sessions::Session,
    course: &courses::Course,
) -> Result<Billable, Error> {
    let (seated, _) = enrolments::participants(c, session.id)?;
    let late = enrolments::late_cancelled(c, session.id)?;
    let details: HashMap<i64, genlaer::EnrolmentDetails> =
        genlaer::details_of_session(c, session.id)?
            .into_iter()
            .collect();
    let day = time::local(session.starts_at)
        .format("%d.%m.%Y")
        .to_string();
    let mut out = Billable {
        items: Vec::new(),
        buyers: HashMap::new(),
        without_details: Vec::new(),
    };
    for p in seated.iter().chain(late.iter()) {
        let seat = SeatFacts {
            status: p.enrolment.status,
            late_cancellation: p.enrolment.late_cancellation,
            refilled: p.enrolment.refilled,
        };
        let Some(kind) = billing::billed_as(seat, course.late_free_if_refilled) else {
            continue;
        };
        let d = details.get(&p.enrolment.user_id);
        // A seat paid through the booking is on the booking's invoice.
        if d.is_some_and(|d| d.invoice_kind == crate::domain::invoice::InvoiceKind::Booking) {
            continue;
        }
        let payer = d.and_then(|d| {
            Payer::of(
                d.invoice_kind,
                d.ean.as_deref(),
                d.cvr.as_deref(),
                d.reference.as_deref(),
            )
        });
        let (Some(d), Some(payer)) = (d, payer) else {
            out.without_details.push(p.name.clone());
            continue;
        };
        let description = match kind {
            LineKind::LateCancellation => {
                format!("{} {day} (afmeldt for sent)", course.title)
            }
            _ => format!("{} {day}", course.title),
        };
        out.buyers.entry(payer.clone()).or_insert_with(|| Buyer {
            payer: payer.clone(),
            name: d.workplace.clone(),
            address: d.invoice_address.clone(),
            email: Some(p.email.clone()),
        });
        out.items.push((
            payer,
            Pending {
                kind,
                description,
                participant_name: Some(d.name.clone()),
                enrolment_id: Some(p.enrolment.id),
                amount_ore: course.price_ore,
            },
        ));
    }
    Ok(out)
}

/// Who of a held session's participants should pay but gave no EAN or
/// CVR, by name, for a caller that has checked who may see them: the
/// session's page lists them, since its invoices cannot include them.
pub fn without_details_in(
    c: &mut DbConnection,
    session: &sessions::Session,
    course: &courses::Course,
) -> Result<Vec<String>, Error> {
    if !billing::session_billable(session.status) || course.price_ore <= 0 {
        return Ok(Vec::new());
    }
    Ok(billable(c, session, course)?.without_details)
}

/// `create_for_session` inside the caller's transaction, after it has
/// locked the session and checked who may (the demo uses it too).
pub fn session_in(
    c: &mut DbConnection,
    by: &Actor,
    due_days: u32,
    session_id: i64,
) -> Result<Result<Created, Refusal>, Error> {
    let session = sessions::find(c, session_id)?;
    let detail = genlaer::detail(c, session_id)?;
    if !billing::session_billable(session.status) {
        return Ok(Err(Refusal::NothingToBill));
    }
    if !invoices::of_source(c, Some(session_id), None)?.is_empty() {
        return Ok(Err(Refusal::AlreadyInvoiced));
    }
    let course = courses::find(c, detail.course_id)?;
    let Billable {
        items,
        buyers,
        without_details,
    } = billable(c, &session, &course)?;
    let groups = billing::by_payer(items);
    if course.price_ore <= 0 {
        return Ok(Err(Refusal::NothingToBill));
    }
    if groups.is_empty() {
        return Ok(Err(if without_details.is_empty() {
            Refusal::NothingToBill
        } else {
            Refusal::NoInvoiceDetails
        }));
    }
    let source = Source {
        branch_id: session.branch_id,
        session_id: Some(session_id),
        booking_id: detail.booking_id,
        course_title: course.title.clone(),
    };
    let mut ids = Vec::new();
    for (payer, lines) in groups {
        let Some(buyer) = buyers.get(&payer) else {
            continue;
        };
        ids.push(write_invoice(c, by, due_days, &source, buyer, &lines)?);
    }
    Ok(Ok(Created {
        ids,
        without_details,
    }))
}

/// Invoices an accepted booking at its agreed price: one draft to the
/// organisation, with the requester's order reference.
#[tracing::instrument(skip(app, account), fields(actor = account.user.id))]
pub async fn create_for_booking(
    app: &App,
    account: &Account,
    by: Actor,
    booking_id: i64,
) -> Result<Result<i64, Refusal>, Error> {
    let account = account.clone();
    let due_days = app.settings.invoice_due_days;
    app.write(move |c| {
        let booking = bookings::find(c, booking_id)?;
        if !account.manages(booking.branch_id) {
            return Err(Error::Forbidden);
        }
        booking_in(c, &by, due_days, booking_id)
    })
    .await
}

/// `create_for_booking` inside the caller's transaction, after it has
/// checked who may (the demo uses it too).
pub fn booking_in(
    c: &mut DbConnection,
    by: &Actor,
    due_days: u32,
    booking_id: i64,
) -> Result<Result<i64, Refusal>, Error> {
    {
        let booking = bookings::find(c, booking_id)?;
        // The booking's session (if any) is the lock two coordinators
        // queue on.
        let session = genlaer::of_booking(c, booking_id)?.map(|(s, _)| s.id);
        if let Some(s) = session {
            sessions::lock(c, s)?;
        }
        if booking.status != BookingStatus::Accepted {
            return Ok(Err(Refusal::NothingToBill));
        }
        let Some(price) = billing::booking_price(booking.price_ore) else {
            return Ok(Err(Refusal::NoPrice));
        };
        if invoices::of_source(c, None, Some(booking_id))?
            .iter()
            .any(|i| i.kind == DocumentKind::Invoice && i.session_id.is_none())
        {
            return Ok(Err(Refusal::AlreadyInvoiced));
        }
        let Some(payer) = Payer::of(
            booking.invoice_kind,
            booking.ean.as_deref(),
            booking.cvr.as_deref(),
            booking.reference.as_deref(),
        ) else {
            return Ok(Err(Refusal::NothingToBill));
        };
        let course = courses::find(c, booking.course_id)?;
        let buyer = Buyer {
            payer,
            name: booking.organisation.clone(),
            address: booking.invoice_address.clone(),
            email: Some(booking.contact_email.clone()),
        };
        let line = Pending {
            kind: LineKind::Booking,
            description: format!(
                "{} for {} ({} deltagere)",
                course.title, booking.organisation, booking.participants
            ),
            participant_name: None,
            enrolment_id: None,
            amount_ore: price,
        };
        let source = Source {
            branch_id: booking.branch_id,
            session_id: None,
            booking_id: Some(booking_id),
            course_title: course.title,
        };
        Ok(Ok(write_invoice(
            c,
            by,
            due_days,
            &source,
            &buyer,
            &[line],
        )?))
    }
}

/// An invoice with its lines, what has been credited, and its credit notes.
#[derive(Debug, Serialize)]
pub struct InvoiceView {
    pub invoice: Invoice,
    pub lines: Vec<ViewLine>,
    pub credit_notes: Vec<Invoice>,
    /// For a credit note: the invoice it reverses.
    pub credits: Option<Invoice>,
    pub draft: bool,
    pub may_send: bool,
    pub may_pay: bool,
    pub may_credit: bool,
    pub electronic: bool,
    pub overdue: bool,
}

#[derive(Debug, Serialize)]
pub struct ViewLine {
    pub line: Line,
    pub credited_ore: i64,
    pub left_ore: i64,
}

fn view_of(conn: &mut DbConnection, invoice: Invoice) -> Result<InvoiceView, Error> {
    let lines = invoices::lines(conn, invoice.id)?;
    let credited = invoices::credited(conn, invoice.id)?;
    let lines: Vec<ViewLine> = lines
        .into_iter()
        .map(|line| {
            let credited_ore = credited.get(&line.id).copied().unwrap_or(0);
            ViewLine {
                left_ore: line.amount_ore - credited_ore,
                credited_ore,
                line,
            }
        })
        .collect();
    let credit_notes = invoices::credit_notes(conn, invoice.id)?;
    let credits = invoice
        .credits_id
        .map(|id| invoices::find(conn, id))
        .transpose()?;
    let is_invoice = invoice.kind == DocumentKind::Invoice;
    Ok(InvoiceView {
        draft: invoice.status == InvoiceStatus::Draft,
        may_send: invoice.status.send().is_ok(),
        may_pay: is_invoice && invoice.status.pay().is_ok(),
        may_credit: is_invoice && invoice.status.may_credit().is_ok(),
        electronic: invoice.payer_kind == PayerKind::Ean,
        overdue: is_invoice && invoice.status.overdue(invoice.due_date, today()),
        invoice,
        lines,
        credit_notes,
        credits,
    })
}

pub async fn show(app: &App, account: &Account, id: i64) -> Result<InvoiceView, Error> {
    let account = account.clone();
    app.read(move |c| {
        let invoice = managed(c, &account, id)?;
        view_of(c, invoice)
    })
    .await
}

/// The invoices and credit notes of the account's branches (every one for
/// administrators), newest first.
pub async fn list(app: &App, account: &Account) -> Result<Vec<Invoice>, Error> {
    let branches = (!account.is_admin()).then(|| account.branches.clone());
    app.read(move |c| Ok(invoices::for_branches(c, branches.as_deref())?))
        .await
}

/// The documents of a session or booking (for their pages).
pub async fn of_source(
    app: &App,
    session_id: Option<i64>,
    booking_id: Option<i64>,
) -> Result<Vec<Invoice>, Error> {
    app.read(move |c| Ok(invoices::of_source(c, session_id, booking_id)?))
        .await
}

/// A draft's buyer and order reference, as the coordinator corrects them.
pub struct DraftChanges {
    pub buyer_name: String,
    pub buyer_address: Option<String>,
    pub reference: Option<String>,
}

/// Corrects a draft; a sent invoice is never edited (credit it instead).
#[tracing::instrument(skip(app, account, changes), fields(actor = account.user.id))]
pub async fn update_draft(
    app: &App,
    account: &Account,
    by: Actor,
    id: i64,
    changes: DraftChanges,
) -> Result<Result<(), Refusal>, Error> {
    let account = account.clone();
    app.write(move |c| {
        let invoice = managed(c, &account, id)?;
        if let Err(r) = invoice.status.may_edit() {
            return Ok(Err(r));
        }
        if !invoices::update_draft(
            c,
            id,
            &changes.buyer_name,
            changes.buyer_address.as_deref(),
            changes.reference.as_deref(),
            now(),
        )? {
            return Ok(Err(Refusal::NotDraft));
        }
        audit::record(c, &by, Action::InvoiceUpdated, &object(&invoice), None)?;
        Ok(Ok(()))
    })
    .await
}

pub fn seller(settings: &crate::config::Settings) -> Seller {
    Seller {
        name: "Social Sundhed".into(),
        cvr: settings.invoice_seller_cvr.clone(),
        address: settings.invoice_seller_address.clone(),
        iban: settings.invoice_iban.clone(),
    }
}

/// The document as it is written out (UBL, PDF).
fn document_of(
    conn: &mut DbConnection,
    seller: Seller,
    invoice: Invoice,
) -> Result<Document, Error> {
    Ok(documents_of(conn, &seller, vec![invoice])?.remove(0))
}

/// Several documents as they are written out, in three queries whatever
/// their number.
fn documents_of(
    conn: &mut DbConnection,
    seller: &Seller,
    invoices: Vec<Invoice>,
) -> Result<Vec<Document>, Error> {
    let ids: Vec<i64> = invoices.iter().map(|i| i.id).collect();
    let mut lines: HashMap<i64, Vec<DocumentLine>> = HashMap::new();
    for l in invoices::lines_of(conn, &ids)? {
        lines.entry(l.invoice_id).or_default().push(DocumentLine {
            position: l.position,
            description: l.description,
            participant_name: l.participant_name,
            amount_ore: l.amount_ore,
        });
    }
    let credited: Vec<i64> = invoices.iter().filter_map(|i| i.credits_id).collect();
    let numbers = invoices::numbers_of(conn, &credited)?;
    Ok(invoices
        .into_iter()
        .map(|invoice| Document {
            kind: invoice.kind,
            credits: invoice.credits_id.and_then(|id| numbers.get(&id).cloned()),
            lines: lines.remove(&invoice.id).unwrap_or_default(),
            number: invoice.number,
            issue_date: invoice.issue_date,
            due_date: invoice.due_date,
            seller: seller.clone(),
            buyer_name: invoice.buyer_name,
            payer_kind: invoice.payer_kind,
            payer_id: invoice.payer_id,
            buyer_address: invoice.buyer_address,
            reference: invoice.reference,
            course_title: invoice.course_title,
            total_ore: invoice.total_ore,
        })
        .collect())
}

/// The document of an invoice or credit note for download; the download
/// leaves the site, so it is logged.
pub async fn document(
    app: &App,
    account: &Account,
    by: Actor,
    id: i64,
    file: String,
) -> Result<Document, Error> {
    let account = account.clone();
    let seller = seller(&app.settings);
    let object = Object::new(ObjectKind::Invoice, id);
    audit::exported(app, by, object, file, move |c| {
        let invoice = managed(c, &account, id)?;
        document_of(c, seller, invoice)
    })
    .await
}

/// Marks a draft sent (it can no longer be edited). A buyer paying by CVR
/// has no electronic address: the PDF invoice is emailed to them, in the
/// same transaction.
#[tracing::instrument(skip(app, account), fields(actor = account.user.id))]
pub async fn mark_sent(
    app: &App,
    account: &Account,
    by: Actor,
    id: i64,
) -> Result<Result<(), Refusal>, Error> {
    let account = account.clone();
    let seller = seller(&app.settings);
    app.write(move |c| {
        let invoice = managed(c, &account, id)?;
        send_in(c, &by, seller, &invoice)
    })
    .await
}

/// `mark_sent` inside the caller's transaction (the demo uses it too).
pub fn send_in(
    c: &mut DbConnection,
    by: &Actor,
    seller: Seller,
    invoice: &Invoice,
) -> Result<Result<(), Refusal>, Error> {
    let id = invoice.id;
    {
        let to = match invoice.status.send() {
            Ok(to) => to,
            Err(r) => return Ok(Err(r)),
        };
        if !invoices::set_status(c, id, invoice.status, to, now())? {
            return Ok(Err(Refusal::AlreadySent));
        }
        if invoice.payer_kind == PayerKind::Cvr
            && let Some(email) = invoice.buyer_email.clone()
        {
            let document = document_of(c, seller, invoice.clone())?;
            let recipient = Recipient {
                user_id: None,
                email,
                name: invoice.buyer_name.clone(),
                language: crate::domain::Lang::Da,
            };
            crate::db::outbox::enqueue(c, &recipient, &Message::InvoiceIssued { document })?;
        }
        audit::record(c, by, Action::InvoiceSent, &object(invoice), None)?;
        Ok(Ok(()))
    }
}

#[tracing::instrument(skip(app, account), fields(actor = account.user.id))]
pub async fn mark_paid(
    app: &App,
    account: &Account,
    by: Actor,
    id: i64,
) -> Result<Result<(), Refusal>, Error> {
    let account = account.clone();
    app.write(move |c| {
        let invoice = managed(c, &account, id)?;
        pay_in(c, &by, &invoice)
    })
    .await
}

/// `mark_paid` inside the caller's transaction (the demo uses it too).
pub fn pay_in(
    c: &mut DbConnection,
    by: &Actor,
    invoice: &Invoice,
) -> Result<Result<(), Refusal>, Error> {
    let id = invoice.id;
    {
        let to = match invoice.status.pay() {
            Ok(to) => to,
            Err(r) => return Ok(Err(r)),
        };
        if invoice.kind != DocumentKind::Invoice
            || !invoices::set_status(c, id, invoice.status, to, now())?
        {
            return Ok(Err(Refusal::NotSent));
        }
        audit::record(c, by, Action::InvoicePaid, &object(invoice), None)?;
        Ok(Ok(()))
    }
}

/// Which lines a credit note reverses: all that is left, or these lines
/// in full (what is left of each).
#[derive(Debug, Clone)]
pub enum Credit {
    All,
    Lines(Vec<i64>),
}

/// Writes a credit note reversing lines of a sent or paid invoice, in the
/// same number series, inside the caller's transaction; the invoice is
/// credited when nothing is left of it.
pub fn credit_in(
    conn: &mut DbConnection,
    by: &Actor,
    invoice: &Invoice,
    which: &Credit,
) -> Result<Result<i64, Refusal>, Error> {
    if let Err(r) = invoice.status.may_credit() {
        return Ok(Err(r));
    }
    if invoice.kind != DocumentKind::Invoice {
        return Ok(Err(Refusal::NotCreditable));
    }
    let lines = invoices::lines(conn, invoice.id)?;
    let credited = invoices::credited(conn, invoice.id)?;
    let mut reversed = Vec::new();
    for l in &lines {
        let wanted = match which {
            Credit::All => true,
            Credit::Lines(ids) => ids.contains(&l.id),
        };
        if !wanted {
            continue;
        }
        let before = credited.get(&l.id).copied().unwrap_or(0);
        let left = l.amount_ore - before;
        if left <= 0 {
            continue;
        }
        match billing::credit(l.amount_ore, before, left) {
            Ok(amount) => reversed.push((l, amount)),
            Err(r) => return Ok(Err(r)),
        }
    }
    if reversed.is_empty() {
        return Ok(Err(Refusal::NothingToCredit));
    }
    let issued = today();
    let year = billing::series(issued);
    let seq = invoices::next_number(conn, year)?;
    let at = now();
    let total: i64 = reversed.iter().map(|(_, a)| a).sum();
    let id = invoices::insert(
        conn,
        &NewInvoice {
            kind: DocumentKind::CreditNote,
            year,
            seq,
            number: billing::number(year, seq),
            // A credit note is issued at once: it only reverses.
            status: InvoiceStatus::Sent,
            credits_id: Some(invoice.id),
            branch_id: invoice.branch_id,
            session_id: invoice.session_id,
            booking_id: invoice.booking_id,
            course_title: invoice.course_title.clone(),
            buyer_name: invoice.buyer_name.clone(),
            payer_kind: invoice.payer_kind,
            payer_id: invoice.payer_id.clone(),
            buyer_address: invoice.buyer_address.clone(),
            reference: invoice.reference.clone(),
            buyer_email: invoice.buyer_email.clone(),
            issue_date: issued,
            due_date: issued,
            total_ore: total,
            created_by: by.user_id,
            created_at: at,
            updated_at: at,
        },
    )?;
    for (i, (l, amount)) in reversed.iter().enumerate() {
        invoices::insert_line(
            conn,
            &NewLine {
                invoice_id: id,
                position: i32::try_from(i + 1).unwrap_or(i32::MAX),
                line_kind: l.line_kind,
                description: l.description.clone(),
                participant_name: l.participant_name.clone(),
                enrolment_id: l.enrolment_id,
                amount_ore: *amount,
                credits_line_id: Some(l.id),
            },
        )?;
    }
    let left: i64 = lines
        .iter()
        .map(|l| l.amount_ore - credited.get(&l.id).copied().unwrap_or(0))
        .sum::<i64>()
        - total;
    let after = billing::after_credit(invoice.status, left);
    if after != invoice.status {
        invoices::set_status(conn, invoice.id, invoice.status, after, at)?;
    }
    let note = invoices::find(conn, id)?;
    let detail = format!("Krediterer {}", invoice.number);
    audit::record(
        conn,
        by,
        Action::CreditNoteCreated,
        &object(&note),
        Some(&detail),
    )?;
    Ok(Ok(id))
}

/// A credit note for all or some lines of an invoice.
#[tracing::instrument(skip(app, account), fields(actor = account.user.id))]
pub async fn credit(
    app: &App,
    account: &Account,
    by: Actor,
    id: i64,
    which: Credit,
) -> Result<Result<i64, Refusal>, Error> {
    let account = account.clone();
    app.write(move |c| {
        let invoice = managed(c, &account, id)?;
        credit_in(c, &by, &invoice, &which)
    })
    .await
}

/// Lets a late cancellation off: its line is credited (a credit note for
/// that line), when the enrolment's session is one the account manages.
#[tracing::instrument(skip(app, account), fields(actor = account.user.id))]
pub async fn waive_line(
    app: &App,
    account: &Account,
    by: Actor,
    id: i64,
    line_id: i64,
) -> Result<Result<i64, Refusal>, Error> {
    let account = account.clone();
    app.write(move |c| {
        let invoice = managed(c, &account, id)?;
        let lines = invoices::lines(c, id)?;
        let Some(line) = lines.iter().find(|l| l.id == line_id) else {
            return Err(Error::NotFound);
        };
        if line.line_kind != LineKind::LateCancellation {
            return Ok(Err(Refusal::NotCreditable));
        }
        credit_in(c, &by, &invoice, &Credit::Lines(vec![line.id]))
    })
    .await
}

/// One row of the bookkeeping file.
#[derive(Debug, Serialize)]
pub struct Booked {
    pub invoice: Invoice,
    /// Negative for a credit note.
    pub signed_ore: i64,
    /// For a credit note: the number of the invoice it reverses.
    pub credits_number: Option<String>,
}

/// Invoices and credit notes dated in a period, for the bookkeeping file;
/// the download is logged.
pub async fn bookkeeping(
    app: &App,
    account: &Account,
    by: Actor,
    from: chrono::NaiveDate,
    to: chrono::NaiveDate,
) -> Result<Vec<Booked>, Error> {
    let branches = (!account.is_admin()).then(|| account.branches.clone());
    let detail = format!("fakturaer-{from}-{to}.csv");
    audit::exported(
        app,
        by,
        Object::whole(ObjectKind::Invoice),
        detail,
        move |c| {
            let documents = invoices::in_period(c, branches.as_deref(), from, to)?;
            let credited: Vec<i64> = documents.iter().filter_map(|i| i.credits_id).collect();
            let numbers = invoices::numbers_of(c, &credited)?;
            let mut out = Vec::new();
            for invoice in documents {
                let credits_number = invoice
                    .credits_id
                    .and_then(|id| numbers.get(&id))
                    .map(|(number, _)| number.clone());
                out.push(Booked {
                    signed_ore: match invoice.kind {
                        DocumentKind::Invoice => invoice.total_ore,
                        DocumentKind::CreditNote => -invoice.total_ore,
                    },
                    credits_number,
                    invoice,
                });
            }
            Ok(out)
        },
    )
    .await
}

/// The UBL documents of a period that go through an access point: the
/// issued invoices and credit notes to EAN buyers (a CVR buyer's invoice
/// is emailed as a PDF when it is sent, so it is not delivered twice). The
/// download is logged.
pub async fn access_point_documents(
    app: &App,
    account: &Account,
    by: Actor,
    from: chrono::NaiveDate,
    to: chrono::NaiveDate,
) -> Result<Vec<Document>, Error> {
    let branches = (!account.is_admin()).then(|| account.branches.clone());
    let seller = seller(&app.settings);
    let detail = format!("fakturaer-{from}-{to}-ubl.zip");
    audit::exported(
        app,
        by,
        Object::whole(ObjectKind::Invoice),
        detail,
        move |c| {
            let documents: Vec<Invoice> = invoices::in_period(c, branches.as_deref(), from, to)?
                .into_iter()
                .filter(|i| i.payer_kind == PayerKind::Ean)
                .collect();
            documents_of(c, &seller, documents)
        },
    )
    .await
}

/// Sent invoices of the account's branches past their due date.
pub fn overdue_in(conn: &mut DbConnection, account: &Account) -> Result<Vec<Invoice>, Error> {
    let branches = (!account.is_admin()).then(|| account.branches.clone());
    Ok(invoices::overdue(conn, branches.as_deref(), today())?)
}
