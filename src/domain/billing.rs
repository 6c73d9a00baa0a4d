//! What is billed, and the rules of an invoice's life.
//!
//! GenLær is paid work. A session's participants are billed per seat at the
//! course's price when the session was held: a confirmed seat, and a late
//! cancellation unless its seat was refilled from the waiting list (the
//! engine records both flags on the enrolment) and the course lets a
//! refilled seat go free. An organisation's booking is billed once, by the
//! price the coordinator stated when accepting it. Participants with the
//! same payer (EAN or CVR, and the same order reference) share one invoice.
//!
//! Invoices are numbered in one series per year without gaps
//! (`number`), are drafts until sent, are never edited once sent, and are
//! reversed by a credit note (`InvoiceStatus`).

use chrono::{Datelike, Duration, NaiveDate};
use serde::{Deserialize, Serialize};

use super::Code;
use super::enrolment::EnrolmentStatus;
use super::invoice::InvoiceKind;
use super::session::SessionStatus;

/// Default days from the invoice date to the due date.
pub const DEFAULT_DUE_DAYS: u32 = 30;

/// Why a line is on an invoice.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum LineKind {
    /// A seat someone held at a held session.
    Seat,
    /// A cancellation after the deadline whose seat nobody took.
    LateCancellation,
    /// An organisation's own session, at the agreed price.
    Booking,
}

impl Code for LineKind {
    const ALL: &'static [LineKind] = &[
        LineKind::Seat,
        LineKind::LateCancellation,
        LineKind::Booking,
    ];

    fn as_str(self) -> &'static str {
        match self {
            LineKind::Seat => "seat",
            LineKind::LateCancellation => "late_cancellation",
            LineKind::Booking => "booking",
        }
    }
}

/// What the engine knows about one enrolment, for billing.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct SeatFacts {
    pub status: EnrolmentStatus,
    pub late_cancellation: bool,
    pub refilled: bool,
}

/// Whether (and as what) an enrolment is billed. `free_if_refilled` is the
/// course's term "a late cancellation is free if the seat is taken by
/// someone from the waiting list".
pub fn billed_as(seat: SeatFacts, free_if_refilled: bool) -> Option<LineKind> {
    match seat.status {
        EnrolmentStatus::Confirmed => Some(LineKind::Seat),
        EnrolmentStatus::Cancelled if seat.late_cancellation => {
            (!(seat.refilled && free_if_refilled)).then_some(LineKind::LateCancellation)
        }
        EnrolmentStatus::Cancelled | EnrolmentStatus::Waitlisted | EnrolmentStatus::Withdrawn => {
            None
        }
    }
}

/// A session's seats are billed once it was held, never before nor when it
/// was cancelled.
pub fn session_billable(status: SessionStatus) -> bool {
    status == SessionStatus::Held
}

/// A booking is billed by the price agreed when it was accepted; a booking
/// without one (accepted before prices were asked) cannot be billed until a
/// coordinator states it.
pub fn booking_price(agreed: Option<i64>) -> Option<i64> {
    agreed.filter(|p| *p >= 0)
}

/// Who pays: the invoice goes to the EAN (electronic) or the CVR (PDF),
/// and the order reference is the payer's own, so it separates invoices.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
pub struct Payer {
    pub kind: PayerKind,
    /// The EAN or the CVR number, digits only.
    pub id: String,
    pub reference: Option<String>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum PayerKind {
    Ean,
    Cvr,
}

impl Code for PayerKind {
    const ALL: &'static [PayerKind] = &[PayerKind::Ean, PayerKind::Cvr];

    fn as_str(self) -> &'static str {
        match self {
            PayerKind::Ean => "ean",
            PayerKind::Cvr => "cvr",
        }
    }
}

impl Payer {
    /// The payer of invoice details as a participant or a booking typed
    /// them; `None` for "paid through the booking" (billed on the booking's
    /// own invoice) or details missing their number.
    pub fn of(
        kind: InvoiceKind,
        ean: Option<&str>,
        cvr: Option<&str>,
        reference: Option<&str>,
    ) -> Option<Payer> {
        let reference = reference
            .map(str::trim)
            .filter(|r| !r.is_empty())
            .map(str::to_string);
        match kind {
            InvoiceKind::Ean => Some(Payer {
                kind: PayerKind::Ean,
                id: ean?.to_string(),
                reference,
            }),
            InvoiceKind::Cvr => Some(Payer {
                kind: PayerKind::Cvr,
                id: cvr?.to_string(),
                reference,
            }),
            InvoiceKind::Booking => None,
        }
    }
}

/// Puts billable items into one group per payer, payers in a stable order
/// and items in the order given.
pub fn by_payer<T>(items: impl IntoIterator<Item = (Payer, T)>) -> Vec<(Payer, Vec<T>)> {
    let mut groups: std::collections::BTreeMap<Payer, Vec<T>> = std::collections::BTreeMap::new();
    for (payer, item) in items {
        groups.entry(payer).or_default().push(item);
    }
    groups.into_iter().collect()
}

/// The invoice number: the year and the running number, "2026-0001".
pub fn number(year: i32, seq: i64) -> String {
    format!("{year}-{seq:04}")
}

/// The year whose series an invoice dated `date` belongs to.
pub fn series(date: NaiveDate) -> i32 {
    date.year()
}

pub fn due_date(issued: NaiveDate, days: u32) -> NaiveDate {
    issued + Duration::days(i64::from(days))
}

/// A document of the series: an invoice or a credit note reversing one.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum DocumentKind {
    Invoice,
    CreditNote,
}

impl Code for DocumentKind {
    const ALL: &'static [DocumentKind] = &[DocumentKind::Invoice, DocumentKind::CreditNote];

    fn as_str(self) -> &'static str {
        match self {
            DocumentKind::Invoice => "invoice",
            DocumentKind::CreditNote => "credit_note",
        }
    }
}

/// kladde → sendt → betalt; a sent or paid invoice is krediteret when credit
/// notes cover all of it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum InvoiceStatus {
    Draft,
    Sent,
    Paid,
    Credited,
}

impl Code for InvoiceStatus {
    const ALL: &'static [InvoiceStatus] = &[
        InvoiceStatus::Draft,
        InvoiceStatus::Sent,
        InvoiceStatus::Paid,
        InvoiceStatus::Credited,
    ];

    fn as_str(self) -> &'static str {
        match self {
            InvoiceStatus::Draft => "draft",
            InvoiceStatus::Sent => "sent",
            InvoiceStatus::Paid => "paid",
            InvoiceStatus::Credited => "credited",
        }
    }
}

/// Why a change to an invoice is refused; each is a message key.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Refusal {
    /// Only a draft's lines and buyer may change.
    NotDraft,
    /// Only a draft can be sent.
    AlreadySent,
    /// Only a sent invoice can be paid.
    NotSent,
    /// A draft is edited, not credited; a credited one has nothing left.
    NotCreditable,
    /// The credit note would reverse more than is left of a line.
    NothingToCredit,
    /// Nothing billable: the session is not held, or nobody pays.
    NothingToBill,
    /// The session or booking already has its invoices.
    AlreadyInvoiced,
    /// The booking has no agreed price.
    NoPrice,
    /// Everyone who should pay lacks an EAN or CVR.
    NoInvoiceDetails,
}

impl Refusal {
    pub fn message_key(self) -> &'static str {
        match self {
            Refusal::NotDraft => "invoice-refused-not-draft",
            Refusal::AlreadySent => "invoice-refused-already-sent",
            Refusal::NotSent => "invoice-refused-not-sent",
            Refusal::NotCreditable => "invoice-refused-not-creditable",
            Refusal::NothingToCredit => "invoice-refused-nothing-to-credit",
            Refusal::NothingToBill => "invoice-refused-nothing-to-bill",
            Refusal::AlreadyInvoiced => "invoice-refused-already-invoiced",
            Refusal::NoPrice => "invoice-refused-no-price",
            Refusal::NoInvoiceDetails => "invoice-refused-no-details",
        }
    }
}

impl InvoiceStatus {
    /// Lines, buyer and reference change only on a draft.
    pub fn may_edit(self) -> Result<(), Refusal> {
        match self {
            InvoiceStatus::Draft => Ok(()),
            _ => Err(Refusal::NotDraft),
        }
    }

    pub fn send(self) -> Result<InvoiceStatus, Refusal> {
        match self {
            InvoiceStatus::Draft => Ok(InvoiceStatus::Sent),
            _ => Err(Refusal::AlreadySent),
        }
    }

    pub fn pay(self) -> Result<InvoiceStatus, Refusal> {
        match self {
            InvoiceStatus::Sent => Ok(InvoiceStatus::Paid),
            _ => Err(Refusal::NotSent),
        }
    }

    /// A sent or paid invoice may be credited (a draft is edited instead).
    pub fn may_credit(self) -> Result<(), Refusal> {
        match self {
            InvoiceStatus::Sent | InvoiceStatus::Paid => Ok(()),
            _ => Err(Refusal::NotCreditable),
        }
    }

    /// Sent and not paid after the due date: on the coordinator's task list.
    pub fn overdue(self, due: NaiveDate, today: NaiveDate) -> bool {
        self == InvoiceStatus::Sent && today > due
    }
}

/// How much of each line a credit note may still reverse: the line's
/// amount less what earlier credit notes reversed. Refuses a request for
/// more than is left, or for nothing.
pub fn credit(amount: i64, credited_before: i64, requested: i64) -> Result<i64, Refusal> {
    let left = amount - credited_before;
    if requested <= 0 || requested > left {
        return Err(Refusal::NothingToCredit);
    }
    Ok(requested)
}

/// After a credit note: fully credited when nothing is left of any line.
pub fn after_credit(status: InvoiceStatus, left_ore: i64) -> InvoiceStatus {
    if left_ore <= 0 {
        InvoiceStatus::Credited
    } else {
        status
    }
}

/// The seller on every invoice: Social Sundhed (from the settings).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Seller {
    pub name: String,
    pub cvr: String,
    /// "Fredensgade 27, 8000 Aarhus C": street, then postcode and town.
    pub address: String,
    pub iban: String,
}

/// One line of a document, as it is written out.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct DocumentLine {
    pub position: i32,
    pub description: String,
    pub participant_name: Option<String>,
    pub amount_ore: i64,
}

/// Everything an invoice or credit note states, for the UBL file, the PDF
/// and the email that carries it: built once from the stored rows.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Document {
    pub kind: DocumentKind,
    pub number: String,
    pub issue_date: NaiveDate,
    pub due_date: NaiveDate,
    /// For a credit note: the number and date of the invoice it reverses.
    pub credits: Option<(String, NaiveDate)>,
    pub seller: Seller,
    pub buyer_name: String,
    pub payer_kind: PayerKind,
    pub payer_id: String,
    pub buyer_address: Option<String>,
    pub reference: Option<String>,
    pub course_title: String,
    pub lines: Vec<DocumentLine>,
    pub total_ore: i64,
}

/// Why every invoice is without VAT (the exemption reason, BT-120).
pub const VAT_EXEMPTION: &str = "Momsfritaget efter momslovens § 13, stk. 1, nr. 3 (undervisning)";

/// Splits "Street 1, 8000 Town" into street, postcode and town; a
/// postcode is four digits at the start of the last part.
pub fn split_address(address: &str) -> (String, Option<String>, Option<String>) {
    let parts: Vec<&str> = address
        .split([',', '\n'])
        .map(str::trim)
        .filter(|p| !p.is_empty())
        .collect();
    let Some((last, rest)) = parts.split_last() else {
        return (String::new(), None, None);
    };
    let (code, town) = match last.split_once(' ') {
        Some((c, t)) if c.len() == 4 && c.chars().all(|ch| ch.is_ascii_digit()) => {
            (Some(c.to_string()), Some(t.trim().to_string()))
        }
        _ => (None, None),
    };
    if code.is_some() {
        (rest.join(", "), code, town)
    } else {
        (parts.join(", "), None, None)
    }
}

/// A CVR buyer's invoice, for tests of rendering and delivery.
#[doc(hidden)]
pub fn sample_document() -> Document {
    let day = |m: u32, d: u32| NaiveDate::from_ymd_opt(2026, m, d).unwrap_or_default();
    Document {
        kind: DocumentKind::Invoice,
        number: "2026-0007".into(),
        issue_date: day(3, 31),
        due_date: day(4, 30),
        credits: None,
        seller: Seller {
            name: "Social Sundhed".into(),
            cvr: "29189404".into(),
            address: "Fredensgade 27, 8000 Aarhus C".into(),
            iban: "DK5000400440116243".into(),
        },
        buyer_name: "Eksempel ApS".into(),
        payer_kind: PayerKind::Cvr,
        payer_id: "12345674".into(),
        buyer_address: Some("Vestergade 1, 8000 Aarhus C".into()),
        reference: Some("PO-2026-17".into()),
        course_title: "LGBT+ venlig praksis i sundhedsvæsenet".into(),
        lines: vec![DocumentLine {
            position: 1,
            description: "LGBT+ venlig praksis i sundhedsvæsenet 30.03.2026".into(),
            participant_name: Some("Åse Ørum".into()),
            amount_ore: 125_000,
        }],
        total_ore: 125_000,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn seat(status: EnrolmentStatus, late: bool, refilled: bool) -> SeatFacts {
        SeatFacts {
            status,
            late_cancellation: late,
            refilled,
        }
    }

    #[test]
    fn confirmed_seats_and_late_unrefilled_cancellations_are_billed() {
        use EnrolmentStatus::*;
        assert_eq!(
            billed_as(seat(Confirmed, false, false), true),
            Some(LineKind::Seat)
        );
        assert_eq!(
            billed_as(seat(Cancelled, true, false), true),
            Some(LineKind::LateCancellation)
        );
        assert_eq!(
            billed_as(seat(Cancelled, true, true), true),
            None,
            "refilled"
        );
        assert_eq!(
            billed_as(seat(Cancelled, true, true), false),
            Some(LineKind::LateCancellation),
            "the course bills late cancellations even when refilled"
        );
        assert_eq!(
            billed_as(seat(Cancelled, false, false), true),
            None,
            "in time"
        );
        assert_eq!(billed_as(seat(Waitlisted, false, false), true), None);
        assert_eq!(billed_as(seat(Withdrawn, false, false), true), None);
    }

    #[test]
    fn only_held_sessions_and_priced_bookings_are_billed() {
        assert!(session_billable(SessionStatus::Held));
        assert!(!session_billable(SessionStatus::Open));
        assert!(!session_billable(SessionStatus::Cancelled));
        assert_eq!(booking_price(Some(1_500_000)), Some(1_500_000));
        assert_eq!(booking_price(None), None);
    }

    #[test]
    fn payers_with_the_same_number_and_reference_share_an_invoice() {
        let ean = |r: Option<&str>| {
            Payer::of(InvoiceKind::Ean, Some("5798000416604"), None, r).expect("payer")
        };
        let cvr = Payer::of(InvoiceKind::Cvr, None, Some("29189404"), Some(" ")).expect("payer");
        assert_eq!(cvr.reference, None, "blank reference is none");
        assert_eq!(
            Payer::of(InvoiceKind::Booking, Some("5798000416604"), None, None),
            None
        );
        let groups = by_payer([
            (ean(Some("PO-1")), "Anna"),
            (cvr.clone(), "Bo"),
            (ean(Some("PO-1")), "Cai"),
            (ean(Some("PO-2")), "Dina"),
        ]);
        assert_eq!(groups.len(), 3);
        assert_eq!(groups[0].1, vec!["Anna", "Cai"]);
        assert_eq!(groups[1].1, vec!["Dina"]);
        assert_eq!(groups[2], (cvr, vec!["Bo"]));
    }

    #[test]
    fn numbers_run_per_year_and_fall_due() {
        assert_eq!(number(2026, 7), "2026-0007");
        assert_eq!(number(2027, 12345), "2027-12345");
        let d = NaiveDate::from_ymd_opt(2026, 12, 15).expect("date");
        assert_eq!(series(d), 2026);
        assert_eq!(
            due_date(d, 30),
            NaiveDate::from_ymd_opt(2027, 1, 14).expect("date")
        );
    }

    #[test]
    fn a_sent_invoice_is_never_edited_only_credited() {
        use InvoiceStatus::*;
        assert_eq!(Draft.may_edit(), Ok(()));
        assert_eq!(Sent.may_edit(), Err(Refusal::NotDraft));
        assert_eq!(Paid.may_edit(), Err(Refusal::NotDraft));
        assert_eq!(Draft.send(), Ok(Sent));
        assert_eq!(Sent.send(), Err(Refusal::AlreadySent));
        assert_eq!(Sent.pay(), Ok(Paid));
        assert_eq!(Draft.pay(), Err(Refusal::NotSent));
        assert_eq!(Draft.may_credit(), Err(Refusal::NotCreditable));
        assert_eq!(Sent.may_credit(), Ok(()));
        assert_eq!(Paid.may_credit(), Ok(()));
        assert_eq!(Credited.may_credit(), Err(Refusal::NotCreditable));
    }

    #[test]
    fn credit_notes_reverse_what_is_left() {
        assert_eq!(credit(1000, 0, 1000), Ok(1000));
        assert_eq!(credit(1000, 400, 600), Ok(600));
        assert_eq!(credit(1000, 400, 601), Err(Refusal::NothingToCredit));
        assert_eq!(credit(1000, 0, 0), Err(Refusal::NothingToCredit));
        assert_eq!(
            after_credit(InvoiceStatus::Sent, 0),
            InvoiceStatus::Credited
        );
        assert_eq!(after_credit(InvoiceStatus::Paid, 5), InvoiceStatus::Paid);
    }

    #[test]
    fn addresses_split_into_street_postcode_and_town() {
        assert_eq!(
            split_address("Fredensgade 27, 8000 Aarhus C"),
            (
                "Fredensgade 27".into(),
                Some("8000".into()),
                Some("Aarhus C".into())
            )
        );
        assert_eq!(
            split_address("Firma A/S\nVejen 2\n2100 København Ø"),
            (
                "Firma A/S, Vejen 2".into(),
                Some("2100".into()),
                Some("København Ø".into())
            )
        );
        assert_eq!(split_address("Et sted"), ("Et sted".into(), None, None));
    }

    #[test]
    fn overdue_is_sent_and_past_the_due_date() {
        let due = NaiveDate::from_ymd_opt(2026, 1, 31).expect("date");
        let next = due + Duration::days(1);
        assert!(InvoiceStatus::Sent.overdue(due, next));
        assert!(!InvoiceStatus::Sent.overdue(due, due));
        assert!(!InvoiceStatus::Paid.overdue(due, next));
        assert!(!InvoiceStatus::Draft.overdue(due, next));
    }
}
