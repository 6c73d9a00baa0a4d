//! Invoices for GenLær over HTTP (issue 19): what is billed (late
//! cancellations unless refilled), one invoice per paying organisation,
//! numbers without gaps (also when coordinators invoice at once), the UBL
//! file with the EAN as the buyer's address, credit notes, sent invoices
//! never edited, other branches refused, the CVR buyer's PDF by email and
//! the bookkeeping file. Every UBL file made here is kept in
//! `target/einvoice-samples/` for `scripts/check_einvoices.py`.

use brobyg::db::invoices::{self, Invoice};
use brobyg::domain::Role;
use brobyg::domain::billing::{DocumentKind, InvoiceStatus};
use brobyg::domain::events::Message;
use chrono::Datelike;
use reqwest::StatusCode;

use crate::genlaer::{VALID_CVR, VALID_EAN, course, enrol_fields, in_days, session};
use crate::helpers::{Browser, PASSWORD, TestApp, TestUser, spawn_app, texts};

/// Another EAN with a correct check digit.
const OTHER_EAN: &str = "5798000416611";

fn year() -> i32 {
    brobyg::domain::time::local(chrono::Utc::now().naive_utc()).year()
}

/// Keeps a UBL file for the independent validator in CI.
fn keep_sample(name: &str, xml: &str) {
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("target/einvoice-samples");
    std::fs::create_dir_all(&dir).expect("samples folder");
    let backend = if std::env::var("TEST_DATABASE_URL").is_ok() {
        "pg"
    } else {
        "sqlite"
    };
    std::fs::write(dir.join(format!("{name}-{backend}.xml")), xml).expect("sample written");
}

struct Shop {
    app: TestApp,
    coordinator: TestUser,
    staff: Browser,
    course: i64,
    branch: i64,
}

async fn shop() -> Shop {
    let app = spawn_app().await;
    let branch = app.create_branch("Aarhus");
    let coordinator = app.create_user("k@example.dk", &[Role::Coordinator], Some(branch));
    let staff = app.browser();
    staff.login(&coordinator.email, PASSWORD).await;
    let course = course(&app, "lgbt", "LGBT+ venlig praksis", None);
    Shop {
        app,
        coordinator,
        staff,
        course,
        branch,
    }
}

impl Shop {
    /// A session whose cancellation deadline has passed (so staff
    /// cancellations are late).
    fn session(&self, capacity: i32) -> i64 {
        session(
            &self.app,
            self.course,
            Some(self.branch),
            Some(capacity),
            10,
            Some(in_days(-1)),
        )
    }

    /// Enrols through the public form, paying as `pay` says.
    async fn enrol(&self, s: i64, name: &str, email: &str, pay: &[(&'static str, &'static str)]) {
        let mut fields = enrol_fields(name, email);
        for (k, v) in pay {
            for f in fields.iter_mut() {
                if f.0 == *k {
                    f.1 = v;
                }
            }
        }
        let r = self
            .app
            .browser()
            .post_form(&format!("/genlaer/hold/{s}/tilmeld"), &fields)
            .await;
        assert_eq!(r.status(), StatusCode::SEE_OTHER, "enrolled {name}");
    }

    fn user_id(&self, email: &str) -> i64 {
        let mut conn = self.app.db.conn().expect("connection");
        brobyg::db::users::find_by_email(&mut conn, email)
            .expect("query")
            .expect("user")
            .id
    }

    async fn cancel(&self, s: i64, email: &str) {
        let user = self.user_id(email);
        let r = self
            .staff
            .post_form(&format!("/koordinator/hold/{s}/afmeld/{user}"), &[])
            .await;
        assert_eq!(r.status(), StatusCode::SEE_OTHER);
    }

    fn held(&self, s: i64) {
        let mut conn = self.app.db.conn().expect("connection");
        brobyg::db::sessions::mark_held(&mut conn, s).expect("held");
    }

    async fn invoice_session(&self, s: i64) -> Vec<Invoice> {
        let r = self
            .staff
            .post_form(&format!("/koordinator/fakturaer/hold/{s}"), &[])
            .await;
        assert_eq!(r.status(), StatusCode::SEE_OTHER);
        self.invoices_of(s)
    }

    /// Invoicing refused (nothing to bill, or done already): no audit row.
    async fn invoice_session_refused(&self, s: i64) -> Vec<Invoice> {
        let r = self
            .staff
            .post_refused(&format!("/koordinator/fakturaer/hold/{s}"), &[])
            .await;
        assert_eq!(r.status(), StatusCode::SEE_OTHER);
        self.invoices_of(s)
    }

    fn invoices_of(&self, s: i64) -> Vec<Invoice> {
        let mut conn = self.app.db.conn().expect("connection");
        invoices::of_source(&mut conn, Some(s), None).expect("invoices")
    }

    fn names_on(&self, invoice: i64) -> Vec<String> {
        let mut conn = self.app.db.conn().expect("connection");
        invoices::lines(&mut conn, invoice)
            .expect("lines")
            .into_iter()
            .filter_map(|l| l.participant_name)
            .collect()
    }

    fn find(&self, id: i64) -> Invoice {
        let mut conn = self.app.db.conn().expect("connection");
        invoices::find(&mut conn, id).expect("invoice")
    }
}

/// A late cancellation whose seat nobody took is paid for: on the invoice
/// file and on the invoice; one whose seat went to the waiting list is not.
#[tokio::test]
async fn a_late_cancellation_is_billed_unless_its_seat_was_refilled() {
    let shop = shop().await;
    let s = shop.session(2);
    shop.enrol(s, "Anna Refilled", "anna@example.dk", &[]).await;
    shop.enrol(s, "Bo Late", "bo@example.dk", &[]).await;
    shop.enrol(s, "Cai Waiting", "cai@example.dk", &[]).await;
    // Anna cancels late; Cai takes her seat: refilled, free.
    shop.cancel(s, "anna@example.dk").await;
    // Bo cancels late with nobody waiting: to be paid.
    shop.cancel(s, "bo@example.dk").await;

    let csv = shop
        .staff
        .get(&format!("/koordinator/genlaer/hold/{s}/deltagere.csv"))
        .await;
    assert_eq!(csv.status(), StatusCode::OK);
    let csv = csv.text().await.expect("body");
    assert!(
        csv.contains("Bo Late"),
        "late, not refilled: on the file\n{csv}"
    );
    assert!(csv.contains("Afmeldt for sent (betales)"), "{csv}");
    assert!(
        !csv.contains("Anna Refilled"),
        "refilled: not on the file\n{csv}"
    );

    // Nothing is billed before the session is held.
    let none = shop.invoice_session_refused(s).await;
    assert!(none.is_empty());
    shop.held(s);
    let made = shop.invoice_session(s).await;
    assert_eq!(made.len(), 1, "one payer");
    let mut names = shop.names_on(made[0].id);
    names.sort();
    assert_eq!(names, vec!["Bo Late", "Cai Waiting"]);
    assert_eq!(made[0].total_ore, 2 * 125_000);
    assert_eq!(made[0].status, InvoiceStatus::Draft);
    // Invoicing again makes nothing more.
    assert_eq!(shop.invoice_session_refused(s).await.len(), 1);
}

/// Participants with the same EAN and reference share an invoice; another
/// reference, another EAN or a CVR each get their own. Numbers run in the
/// year's series.
#[tokio::test]
async fn one_invoice_per_paying_organisation_numbered_in_the_years_series() {
    let shop = shop().await;
    let s = shop.session(10);
    shop.enrol(s, "Anna", "a@example.dk", &[]).await;
    shop.enrol(s, "Bo", "b@example.dk", &[]).await;
    shop.enrol(s, "Cai", "c@example.dk", &[("reference", "PO-2")])
        .await;
    shop.enrol(s, "Dina", "d@example.dk", &[("ean", OTHER_EAN)])
        .await;
    shop.enrol(
        s,
        "Eik",
        "e@example.dk",
        &[
            ("invoice_kind", "cvr"),
            ("cvr", VALID_CVR),
            (
                "invoice_address",
                "Eksempel ApS, Vestergade 1, 8000 Aarhus C",
            ),
        ],
    )
    .await;
    shop.held(s);
    let made = shop.invoice_session(s).await;
    assert_eq!(made.len(), 4);
    let numbers: Vec<String> = made.iter().map(|i| i.number.clone()).collect();
    let y = year();
    assert_eq!(
        numbers,
        (1..=4).map(|n| format!("{y}-{n:04}")).collect::<Vec<_>>()
    );
    let shared = made
        .iter()
        .find(|i| i.payer_id == VALID_EAN && i.reference.as_deref() == Some("PO-1"))
        .expect("shared invoice");
    let mut names = shop.names_on(shared.id);
    names.sort();
    assert_eq!(names, vec!["Anna", "Bo"]);
    assert_eq!(shared.buyer_name, "Aarhus Universitetshospital");
    let cvr = made.iter().find(|i| i.payer_id == VALID_CVR).expect("cvr");
    assert_eq!(shop.names_on(cvr.id), vec!["Eik"]);
}

/// Coordinators invoicing several sessions at the same moment get numbers
/// 1..n, each once, none skipped.
#[tokio::test]
async fn numbers_have_no_gaps_when_coordinators_invoice_at_once() {
    let shop = shop().await;
    let mut sessions = Vec::new();
    for i in 0..6 {
        let s = shop.session(5);
        shop.enrol(
            s,
            &format!("Deltager {i}"),
            &format!("p{i}@example.dk"),
            &[],
        )
        .await;
        shop.enrol(
            s,
            &format!("Anden {i}"),
            &format!("q{i}@example.dk"),
            &[("ean", OTHER_EAN)],
        )
        .await;
        shop.held(s);
        sessions.push(s);
    }
    let mut browsers = Vec::new();
    for _ in &sessions {
        let b = shop.app.browser();
        b.login(&shop.coordinator.email, PASSWORD).await;
        browsers.push(b);
    }
    let posts = sessions.iter().zip(&browsers).map(|(s, b)| async move {
        b.post_form(&format!("/koordinator/fakturaer/hold/{s}"), &[])
            .await
            .status()
    });
    for status in futures_util::future::join_all(posts).await {
        assert_eq!(status, StatusCode::SEE_OTHER);
    }
    let mut seqs: Vec<i64> = sessions
        .iter()
        .flat_map(|s| shop.invoices_of(*s))
        .map(|i| i.seq)
        .collect();
    seqs.sort();
    assert_eq!(seqs, (1..=12).collect::<Vec<i64>>());
}

/// The UBL file: Peppol BIS 3.0, the EAN as the buyer's electronic
/// address, the order reference; sent, it cannot be edited, only credited
/// (in full or a line), and the credit note refers to it.
#[tokio::test]
async fn the_ubl_invoice_addresses_the_ean_and_a_sent_invoice_is_only_credited() {
    let shop = shop().await;
    let s = shop.session(2);
    shop.enrol(s, "Anna Ærø", "anna@example.dk", &[]).await;
    shop.enrol(s, "Bo Late", "bo@example.dk", &[]).await;
    shop.cancel(s, "bo@example.dk").await;
    shop.held(s);
    let id = shop.invoice_session(s).await[0].id;

    let page = shop
        .staff
        .get_html(&format!("/koordinator/fakturaer/{id}"))
        .await;
    assert!(page.contains("Anna Ærø") && page.contains("Kladde"));
    let r = shop
        .staff
        .get(&format!("/koordinator/fakturaer/{id}.xml"))
        .await;
    assert_eq!(r.status(), StatusCode::OK);
    let xml = r.text().await.expect("xml");
    assert!(xml.contains(&format!(
        r#"<cbc:EndpointID schemeID="0088">{VALID_EAN}</cbc:EndpointID>"#
    )));
    assert!(xml.contains(r#"<cbc:EndpointID schemeID="0184">DK29189404</cbc:EndpointID>"#));
    assert!(xml.contains("<cbc:BuyerReference>PO-1</cbc:BuyerReference>"));
    assert!(xml.contains("<cac:OrderReference>"));
    assert!(xml.contains("Deltager: Anna Ærø"));
    assert!(xml.contains(r#"<cbc:PayableAmount currencyID="DKK">2500.00</cbc:PayableAmount>"#));
    keep_sample("invoice-ean", &xml);

    // A draft is corrected.
    let r = shop
        .staff
        .post_form(
            &format!("/koordinator/fakturaer/{id}/ret"),
            &[
                ("buyer_name", "Aarhus Universitetshospital, Akutafdelingen"),
                (
                    "buyer_address",
                    "Palle Juul-Jensens Boulevard 99, 8200 Aarhus N",
                ),
                ("reference", "PO-1"),
            ],
        )
        .await;
    assert_eq!(r.status(), StatusCode::SEE_OTHER);
    assert_eq!(
        shop.find(id).buyer_name,
        "Aarhus Universitetshospital, Akutafdelingen"
    );
    // Sent: never edited again.
    shop.staff
        .post_form(&format!("/koordinator/fakturaer/{id}/send"), &[])
        .await;
    assert_eq!(shop.find(id).status, InvoiceStatus::Sent);
    shop.staff
        .post_refused(
            &format!("/koordinator/fakturaer/{id}/ret"),
            &[("buyer_name", "Noget andet"), ("reference", "X")],
        )
        .await;
    assert_eq!(
        shop.find(id).buyer_name,
        "Aarhus Universitetshospital, Akutafdelingen"
    );
    let page = shop
        .staff
        .get_html(&format!("/koordinator/fakturaer/{id}"))
        .await;
    assert!(!page.contains("/ret\""), "no edit form once sent");
    let xml = shop
        .staff
        .get(&format!("/koordinator/fakturaer/{id}.xml"))
        .await
        .text()
        .await
        .expect("xml");
    keep_sample("invoice-ean-with-address", &xml);

    // The coordinator lets the late cancellation off: a credit note for
    // that line, next in the series.
    let late_line = {
        let mut conn = shop.app.db.conn().expect("connection");
        invoices::lines(&mut conn, id)
            .expect("lines")
            .into_iter()
            .find(|l| l.participant_name.as_deref() == Some("Bo Late"))
            .expect("late line")
            .id
    };
    let r = shop
        .staff
        .post_form(
            &format!("/koordinator/fakturaer/{id}/eftergiv/{late_line}"),
            &[],
        )
        .await;
    assert_eq!(r.status(), StatusCode::SEE_OTHER);
    let notes = {
        let mut conn = shop.app.db.conn().expect("connection");
        invoices::credit_notes(&mut conn, id).expect("notes")
    };
    assert_eq!(notes.len(), 1);
    let note = &notes[0];
    assert_eq!(note.kind, DocumentKind::CreditNote);
    assert_eq!(note.total_ore, 125_000);
    assert_eq!(note.number, format!("{}-0002", year()));
    assert_eq!(shop.find(id).status, InvoiceStatus::Sent, "partly credited");
    let xml = shop
        .staff
        .get(&format!("/koordinator/fakturaer/{}.xml", note.id))
        .await
        .text()
        .await
        .expect("xml");
    assert!(xml.contains("<CreditNote"));
    assert!(xml.contains("<cac:BillingReference>"));
    assert!(xml.contains(&format!("<cbc:ID>{}</cbc:ID>", shop.find(id).number)));
    keep_sample("credit-note-line", &xml);

    // The rest, in full: the invoice is credited.
    shop.staff
        .post_form(&format!("/koordinator/fakturaer/{id}/krediter"), &[])
        .await;
    assert_eq!(shop.find(id).status, InvoiceStatus::Credited);
    // Nothing left: a further credit note is refused.
    shop.staff
        .post_refused(&format!("/koordinator/fakturaer/{id}/krediter"), &[])
        .await;
    let last = {
        let mut conn = shop.app.db.conn().expect("connection");
        invoices::credit_notes(&mut conn, id).expect("notes")
    };
    assert_eq!(last.len(), 2);
    let xml = shop
        .staff
        .get(&format!("/koordinator/fakturaer/{}.xml", last[1].id))
        .await
        .text()
        .await
        .expect("xml");
    keep_sample("credit-note-rest", &xml);
}

/// Another branch's coordinator sees, downloads and changes nothing.
#[tokio::test]
async fn another_branchs_coordinator_is_refused() {
    let shop = shop().await;
    let s = shop.session(2);
    shop.enrol(s, "Anna", "anna@example.dk", &[]).await;
    shop.held(s);
    let id = shop.invoice_session(s).await[0].id;
    let (other, _) = shop.app.signed_in(Role::Coordinator).await;
    for path in [
        format!("/koordinator/fakturaer/{id}"),
        format!("/koordinator/fakturaer/{id}.xml"),
        format!("/koordinator/fakturaer/{id}.pdf"),
    ] {
        assert_eq!(
            other.get(&path).await.status(),
            StatusCode::FORBIDDEN,
            "{path}"
        );
    }
    for path in [
        format!("/koordinator/fakturaer/{id}/send"),
        format!("/koordinator/fakturaer/{id}/betalt"),
        format!("/koordinator/fakturaer/{id}/krediter"),
        format!("/koordinator/fakturaer/hold/{s}"),
    ] {
        let r = other.post_refused(&path, &[]).await;
        assert_eq!(r.status(), StatusCode::FORBIDDEN, "{path}");
    }
    let list = other.get_html("/koordinator/fakturaer").await;
    assert!(!list.contains(&shop.find(id).number));
    assert_eq!(shop.find(id).status, InvoiceStatus::Draft);
    // Not even a participant may look.
    let (someone, _) = shop.app.signed_in(Role::Professional).await;
    assert_eq!(
        someone
            .get(&format!("/koordinator/fakturaer/{id}"))
            .await
            .status(),
        StatusCode::FORBIDDEN
    );
}

/// A buyer paying by CVR has no electronic address: sending the invoice
/// emails it as a PDF.
#[tokio::test]
async fn a_cvr_buyer_gets_the_invoice_as_a_pdf_by_email() {
    let shop = shop().await;
    let s = shop.session(2);
    shop.enrol(
        s,
        "Eik Privat",
        "eik@example.dk",
        &[
            ("invoice_kind", "cvr"),
            ("cvr", VALID_CVR),
            (
                "invoice_address",
                "Eksempel ApS, Vestergade 1, 8000 Aarhus C",
            ),
        ],
    )
    .await;
    shop.held(s);
    let invoice = shop.invoice_session(s).await.remove(0);
    shop.staff
        .post_form(&format!("/koordinator/fakturaer/{}/send", invoice.id), &[])
        .await;
    let Message::InvoiceIssued { document } = shop.app.last_message_to("eik@example.dk") else {
        panic!("expected the invoice by email");
    };
    assert_eq!(document.number, invoice.number);
    assert_eq!(document.payer_id, VALID_CVR);
    let (name, pdf) = brobyg::mail::mime::attachment_of(&Message::InvoiceIssued { document })
        .expect("composes")
        .expect("an attachment");
    assert_eq!(name, format!("faktura-{}.pdf", invoice.number));
    assert!(pdf.starts_with(b"%PDF-"));
    let r = shop
        .staff
        .get(&format!("/koordinator/fakturaer/{}.pdf", invoice.id))
        .await;
    assert_eq!(r.status(), StatusCode::OK);
    let xml = shop
        .staff
        .get(&format!("/koordinator/fakturaer/{}.xml", invoice.id))
        .await
        .text()
        .await
        .expect("xml");
    assert!(xml.contains(&format!(
        r#"<cbc:EndpointID schemeID="0184">DK{VALID_CVR}</cbc:EndpointID>"#
    )));
    keep_sample("invoice-cvr", &xml);
}

/// An accepted booking is invoiced at the price agreed on acceptance,
/// with the requester's order reference; paid, and the bookkeeping file
/// of the period lists invoices and (negative) credit notes.
#[tokio::test]
async fn a_booking_is_invoiced_at_its_agreed_price_and_booked() {
    let shop = shop().await;
    let requester = shop
        .app
        .create_user("booker@example.dk", &[Role::Professional], None);
    let booking = {
        use brobyg::db::bookings::{self, NewBooking};
        let mut conn = shop.app.db.conn().expect("connection");
        bookings::create(
            &mut conn,
            &NewBooking {
                course_id: shop.course,
                branch_id: Some(shop.branch),
                requester_id: requester.id,
                organisation: "Præhospitalet Region Midtjylland".into(),
                organisation_kind: brobyg::domain::genlaer::OrganisationKind::Region,
                wished_from: in_days(20).date(),
                wished_to: in_days(40).date(),
                participants: 12,
                place: "Olof Palmes Allé 34, 8200 Aarhus N".into(),
                contact_name: "Birgitte Dahl".into(),
                contact_email: "booker@example.dk".into(),
                contact_phone: String::new(),
                invoice: brobyg::domain::invoice::Invoice {
                    kind: brobyg::domain::invoice::InvoiceKind::Ean,
                    ean: Some(VALID_EAN.into()),
                    cvr: None,
                    address: None,
                    reference: Some("Rekv. 4711".into()),
                },
                message: None,
            },
        )
        .expect("booking")
    };
    // Accepting needs a price: without one the form comes back.
    let date = in_days(30).format("%Y-%m-%d").to_string();
    let mut fields = vec![
        ("date", date.as_str()),
        ("start", "09:00"),
        ("end", "15:00"),
        ("location", "Olof Palmes Allé 34"),
        ("seats", "12"),
        ("teachers", ""),
        ("enrol_deadline", ""),
        ("price", ""),
    ];
    let r = shop
        .staff
        .post_refused(
            &format!("/koordinator/genlaer/bestillinger/{booking}/accepter"),
            &fields,
        )
        .await;
    assert_eq!(r.status(), StatusCode::UNPROCESSABLE_ENTITY);
    fields.pop();
    fields.push(("price", "18.000"));
    let r = shop
        .staff
        .post_form(
            &format!("/koordinator/genlaer/bestillinger/{booking}/accepter"),
            &fields,
        )
        .await;
    assert_eq!(r.status(), StatusCode::SEE_OTHER);
    let r = shop
        .staff
        .post_form(&format!("/koordinator/fakturaer/bestilling/{booking}"), &[])
        .await;
    assert_eq!(r.status(), StatusCode::SEE_OTHER);
    let invoice = {
        let mut conn = shop.app.db.conn().expect("connection");
        invoices::of_source(&mut conn, None, Some(booking))
            .expect("invoices")
            .remove(0)
    };
    assert_eq!(invoice.total_ore, 1_800_000);
    assert_eq!(invoice.reference.as_deref(), Some("Rekv. 4711"));
    assert_eq!(invoice.buyer_name, "Præhospitalet Region Midtjylland");
    let xml = shop
        .staff
        .get(&format!("/koordinator/fakturaer/{}.xml", invoice.id))
        .await
        .text()
        .await
        .expect("xml");
    assert!(xml.contains("<cbc:BuyerReference>Rekv. 4711</cbc:BuyerReference>"));
    keep_sample("invoice-booking", &xml);
    // A second invoice for the same booking is refused.
    shop.staff
        .post_refused(&format!("/koordinator/fakturaer/bestilling/{booking}"), &[])
        .await;

    shop.staff
        .post_form(&format!("/koordinator/fakturaer/{}/send", invoice.id), &[])
        .await;
    shop.staff
        .post_form(
            &format!("/koordinator/fakturaer/{}/betalt", invoice.id),
            &[],
        )
        .await;
    assert_eq!(shop.find(invoice.id).status, InvoiceStatus::Paid);
    shop.staff
        .post_form(
            &format!("/koordinator/fakturaer/{}/krediter", invoice.id),
            &[],
        )
        .await;

    let today = brobyg::domain::time::local(chrono::Utc::now().naive_utc()).date_naive();
    let r = shop
        .staff
        .get(&format!(
            "/koordinator/fakturaer/bogfoering.csv?fra={}&til={}",
            today - chrono::Duration::days(31),
            today
        ))
        .await;
    assert_eq!(r.status(), StatusCode::OK);
    let csv = r.text().await.expect("csv");
    let lines: Vec<&str> = csv.lines().collect();
    assert_eq!(lines.len(), 3, "header, invoice, credit note:\n{csv}");
    assert!(lines[1].contains(&invoice.number) && lines[1].contains("18000,00"));
    assert!(lines[1].contains(&format!("EAN {VALID_EAN}")));
    assert!(lines[2].contains("Kreditnota") && lines[2].contains("-18000,00"));
    assert!(
        lines[2].ends_with(&invoice.number),
        "the credit note names the invoice it reverses: {}",
        lines[2]
    );
}

/// A sent invoice past its due date is on the coordinator's task list.
#[tokio::test]
async fn an_overdue_invoice_is_on_the_task_list() {
    let shop = shop().await;
    let s = shop.session(2);
    shop.enrol(s, "Anna", "anna@example.dk", &[]).await;
    shop.held(s);
    let invoice = shop.invoice_session(s).await.remove(0);
    shop.staff
        .post_form(&format!("/koordinator/fakturaer/{}/send", invoice.id), &[])
        .await;
    let start = shop.staff.get_html("/koordinator").await;
    assert!(!start.contains(&invoice.number), "not due yet");
    {
        use brobyg::db::schema::invoices as t;
        use diesel::prelude::*;
        let mut conn = shop.app.db.conn().expect("connection");
        diesel::update(t::table.find(invoice.id))
            .set(t::due_date.eq(in_days(-3).date()))
            .execute(&mut *conn)
            .expect("due date moved");
    }
    let start = shop.staff.get_html("/koordinator").await;
    assert!(start.contains(&invoice.number), "overdue: a task");
    assert!(start.contains("forfalden"));
    let _ = &shop.coordinator;
}

/// The access point takes XML files: a period's issued invoices and credit
/// notes to EAN buyers download as one zip file. Drafts are not in it, nor
/// a CVR buyer's invoice (emailed as a PDF), nor another branch's.
#[tokio::test]
async fn a_periods_ean_documents_download_as_one_zip_for_the_access_point() {
    let shop = shop().await;
    let s = shop.session(3);
    shop.enrol(s, "Anna", "anna@example.dk", &[]).await;
    shop.enrol(
        s,
        "Eik Privat",
        "eik@example.dk",
        &[
            ("invoice_kind", "cvr"),
            ("cvr", VALID_CVR),
            (
                "invoice_address",
                "Eksempel ApS, Vestergade 1, 8000 Aarhus C",
            ),
        ],
    )
    .await;
    shop.held(s);
    let made = shop.invoice_session(s).await;
    assert_eq!(made.len(), 2);
    for invoice in &made {
        shop.staff
            .post_form(&format!("/koordinator/fakturaer/{}/send", invoice.id), &[])
            .await;
    }
    let ean = made
        .iter()
        .find(|i| i.payer_id == VALID_EAN)
        .expect("the EAN invoice");
    shop.staff
        .post_form(&format!("/koordinator/fakturaer/{}/krediter", ean.id), &[])
        .await;
    let credit_note = shop
        .invoices_of(s)
        .into_iter()
        .find(|i| i.kind == DocumentKind::CreditNote)
        .expect("a credit note");
    // A draft of another session: not issued, so not in the files.
    let other = shop.session(3);
    shop.enrol(other, "Bo", "bo@example.dk", &[]).await;
    shop.held(other);
    let draft = shop.invoice_session(other).await.remove(0);
    assert_eq!(draft.status, InvoiceStatus::Draft);

    let today = brobyg::domain::time::local(chrono::Utc::now().naive_utc()).date_naive();
    let path = format!(
        "/koordinator/fakturaer/ubl.zip?fra={}&til={today}",
        today - chrono::Duration::days(31)
    );
    let files = unzip(&shop.staff, &path).await;
    let names: Vec<&str> = files.iter().map(|(n, _)| n.as_str()).collect();
    assert_eq!(
        names,
        vec![
            format!("faktura-{}.xml", ean.number),
            format!("kreditnota-{}.xml", credit_note.number),
        ]
    );
    for (name, xml) in &files {
        assert!(xml.contains(&format!(
            r#"<cbc:EndpointID schemeID="0088">{VALID_EAN}</cbc:EndpointID>"#
        )));
        keep_sample(&format!("zip-{}", name.trim_end_matches(".xml")), xml);
    }

    // Another branch's coordinator gets none of these.
    let (other_staff, _) = shop.app.signed_in(Role::Coordinator).await;
    assert!(unzip(&other_staff, &path).await.is_empty());
    // A period that is not one goes back to the list with the reason.
    let r = shop
        .staff
        .get("/koordinator/fakturaer/ubl.zip?fra=2026-12-31&til=2026-01-01")
        .await;
    assert_eq!(r.status(), StatusCode::SEE_OTHER);
    let page = shop.staff.get_html("/koordinator/fakturaer").await;
    assert!(page.contains("Vælg en gyldig periode"), "{page}");
}

/// The zip file at `path`: its files' names and text, in order.
pub async fn unzip(browser: &Browser, path: &str) -> Vec<(String, String)> {
    use std::io::Read;
    let r = browser.get(path).await;
    assert_eq!(r.status(), StatusCode::OK);
    assert_eq!(
        r.headers()
            .get("content-type")
            .and_then(|v| v.to_str().ok()),
        Some("application/zip")
    );
    let bytes = r.bytes().await.expect("body");
    let mut archive = zip::ZipArchive::new(std::io::Cursor::new(bytes)).expect("a zip file");
    (0..archive.len())
        .map(|i| {
            let mut file = archive.by_index(i).expect("file");
            let mut text = String::new();
            file.read_to_string(&mut text).expect("text");
            (file.name().expect("name").to_string(), text)
        })
        .collect()
}

/// Someone who should pay but gave no EAN or CVR (enrolled by staff) is not
/// silently left off: the session's page names them, before and after
/// invoicing, and invoicing says so.
#[tokio::test]
async fn participants_without_invoice_details_are_named_on_the_session() {
    let shop = shop().await;
    let s = shop.session(3);
    shop.enrol(s, "Anna", "anna@example.dk", &[]).await;
    shop.app.create_user("bo@example.dk", &[], None);
    let r = shop
        .staff
        .post_form(
            &format!("/koordinator/hold/{s}/tilmeld"),
            &[("email", "bo@example.dk")],
        )
        .await;
    assert_eq!(r.status(), StatusCode::SEE_OTHER);
    let page = format!("/koordinator/genlaer/hold/{s}");
    let html = shop.staff.get_html(&page).await;
    assert!(
        !html.contains("invoice-missing-details"),
        "nothing to say before the session is held"
    );
    shop.held(s);
    let missing = |html: &str| texts(html, "#invoice-missing-details li");
    let html = shop.staff.get_html(&page).await;
    assert_eq!(missing(&html), vec!["Test bo@example.dk".to_string()]);

    let r = shop
        .staff
        .post_form(&format!("/koordinator/fakturaer/hold/{s}"), &[])
        .await;
    assert_eq!(
        r.headers().get("location").and_then(|v| v.to_str().ok()),
        Some(page.as_str()),
        "back to the session, which names who was left out"
    );
    let html = shop.staff.get_html(&page).await;
    assert!(html.contains("Nogle deltagere mangler faktureringsoplysninger"));
    assert_eq!(missing(&html), vec!["Test bo@example.dk".to_string()]);
    let made = shop.invoices_of(s);
    assert_eq!(made.len(), 1);
    assert_eq!(shop.names_on(made[0].id), vec!["Anna".to_string()]);

    // When nobody who pays has details, nothing is made, and the reason
    // says why.
    let alone = shop.session(3);
    let r = shop
        .staff
        .post_form(
            &format!("/koordinator/hold/{alone}/tilmeld"),
            &[("email", "bo@example.dk")],
        )
        .await;
    assert_eq!(r.status(), StatusCode::SEE_OTHER);
    shop.held(alone);
    assert!(shop.invoice_session_refused(alone).await.is_empty());
    let html = shop
        .staff
        .get_html(&format!("/koordinator/genlaer/hold/{alone}"))
        .await;
    assert!(
        html.contains("mangler EAN- eller CVR-oplysninger"),
        "{html}"
    );
    assert_eq!(missing(&html), vec!["Test bo@example.dk".to_string()]);
}
