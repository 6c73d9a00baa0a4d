//! An invoice or credit note as a PDF, for a buyer paying by CVR (no
//! electronic address): the same content as the UBL file, as lines in the
//! house style.

use super::{Document, Error, Line, Role, document};
use crate::domain::billing::{self, DocumentKind, PayerKind};
use crate::domain::money;

/// The lines of the document: seller, buyer, lines, total, payment.
fn lines(doc: &billing::Document) -> Vec<Line> {
    let title = match doc.kind {
        DocumentKind::Invoice => format!("Faktura {}", doc.number),
        DocumentKind::CreditNote => format!("Kreditnota {}", doc.number),
    };
    let day = |d: chrono::NaiveDate| d.format("%d.%m.%Y").to_string();
    let mut out = vec![
        Line::new(title, 22.0).bold().plum().role(Role::Title),
        Line::new(
            format!(
                "{}, {}, CVR {}",
                doc.seller.name, doc.seller.address, doc.seller.cvr
            ),
            10.0,
        )
        .space(6.0),
        Line::new("Til", 13.0)
            .bold()
            .role(Role::Heading)
            .space(16.0),
        Line::new(doc.buyer_name.clone(), 11.0),
    ];
    if let Some(address) = &doc.buyer_address {
        out.push(Line::new(address.replace('\n', ", "), 11.0));
    }
    let id = match doc.payer_kind {
        PayerKind::Cvr => format!("CVR {}", doc.payer_id),
        PayerKind::Ean => format!("EAN {}", doc.payer_id),
    };
    out.push(Line::new(id, 11.0));
    if let Some(reference) = &doc.reference {
        out.push(Line::new(format!("Jeres reference: {reference}"), 11.0));
    }
    out.push(Line::new(format!("Fakturadato: {}", day(doc.issue_date)), 11.0).space(8.0));
    match (&doc.credits, doc.kind) {
        (Some((number, _)), DocumentKind::CreditNote) => {
            out.push(Line::new(format!("Krediterer faktura {number}"), 11.0));
        }
        _ => out.push(Line::new(
            format!("Betales senest: {}", day(doc.due_date)),
            11.0,
        )),
    }
    out.push(
        Line::new("Linjer", 13.0)
            .bold()
            .role(Role::Heading)
            .space(16.0),
    );
    for l in &doc.lines {
        let who = l
            .participant_name
            .as_deref()
            .map(|n| format!(" – {n}"))
            .unwrap_or_default();
        out.push(
            Line::new(
                format!("{}{who}: {}", l.description, money::danish(l.amount_ore)),
                11.0,
            )
            .role(Role::Item),
        );
    }
    out.push(
        Line::new(format!("I alt: {}", money::danish(doc.total_ore)), 13.0)
            .bold()
            .space(12.0),
    );
    out.push(Line::new(
        format!("Moms: 0,00 kr. ({})", billing::VAT_EXEMPTION),
        10.0,
    ));
    if doc.kind == DocumentKind::Invoice {
        out.push(
            Line::new(
                format!(
                    "Betaling til IBAN {} med fakturanummer {} som tekst.",
                    doc.seller.iban, doc.number
                ),
                10.0,
            )
            .space(12.0),
        );
    }
    out
}

pub fn pdf(doc: &billing::Document) -> Result<Vec<u8>, Error> {
    let title = match doc.kind {
        DocumentKind::Invoice => format!("Faktura {}", doc.number),
        DocumentKind::CreditNote => format!("Kreditnota {}", doc.number),
    };
    document(&Document {
        title: &title,
        author: "Social Sundhed",
        lang: "da",
        lines: &lines(doc),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_invoice_prints_as_a_pdf() {
        let bytes = pdf(&billing::sample_document()).expect("pdf");
        assert!(bytes.starts_with(b"%PDF-"));
    }
}
