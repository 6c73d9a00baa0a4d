//! Electronic invoices as pure functions: a `domain::billing::Document` as a
//! UBL 2.1 Invoice or CreditNote following Peppol BIS Billing 3.0
//! (EN 16931), the format NemHandel takes from Danish public buyers.
//!
//! Written with `quick-xml`'s writer (escaping is the writer's, never ours).
//! The seller is Social Sundhed with its CVR (Peppol scheme 0184); a buyer
//! paying by EAN is addressed by it (scheme 0088), a CVR buyer by its CVR.
//! Social Sundhed's courses are exempt from VAT: every line is in VAT
//! category E with the exemption reason. Amounts are DKK with two decimals.
//! CI validates every file the tests write (`scripts/check_einvoices.py`).

use std::io::Cursor;

use quick_xml::Writer;
use quick_xml::events::{BytesDecl, BytesText, Event};

use crate::domain::billing::{self, Document, DocumentKind, PayerKind};
use crate::domain::money::decimal;

pub const CUSTOMIZATION_ID: &str =
    "urn:cen.eu:en16931:2017#compliant#urn:fdc:peppol.eu:2017:poacc:billing:3.0";
pub const PROFILE_ID: &str = "urn:fdc:peppol.eu:2017:poacc:billing:01:1.0";
/// Peppol's scheme of a GLN/EAN number as an electronic address.
pub const SCHEME_EAN: &str = "0088";
/// Peppol's scheme of a Danish CVR number (DK:CVR). Its identifiers are
/// written "DK" and the eight digits (rule PEPPOL-COMMON-R042).
pub const SCHEME_CVR: &str = "0184";

/// A CVR number as scheme 0184 writes it: "DK29189404".
pub fn cvr_id(cvr: &str) -> String {
    format!("DK{cvr}")
}

const CAC: &str = "urn:oasis:names:specification:ubl:schema:xsd:CommonAggregateComponents-2";
const CBC: &str = "urn:oasis:names:specification:ubl:schema:xsd:CommonBasicComponents-2";

type W = Writer<Cursor<Vec<u8>>>;
type R = std::io::Result<()>;

fn text(w: &mut W, name: &str, value: &str) -> R {
    w.create_element(name)
        .write_text_content(BytesText::new(value))?;
    Ok(())
}

fn text_attr(w: &mut W, name: &str, attr: (&str, &str), value: &str) -> R {
    w.create_element(name)
        .with_attribute(attr)
        .write_text_content(BytesText::new(value))?;
    Ok(())
}

fn amount(w: &mut W, name: &str, ore: i64) -> R {
    text_attr(w, name, ("currencyID", "DKK"), &decimal(ore))
}

fn inner(w: &mut W, name: &str, f: impl FnOnce(&mut W) -> R) -> R {
    w.create_element(name).write_inner_content(f)?;
    Ok(())
}

/// VAT category E (exempt), as a tax category of the totals or a line.
fn exempt_category(w: &mut W, name: &str, with_reason: bool) -> R {
    inner(w, name, |w| {
        text(w, "cbc:ID", "E")?;
        text(w, "cbc:Percent", "0")?;
        if with_reason {
            text(w, "cbc:TaxExemptionReason", billing::VAT_EXEMPTION)?;
        }
        inner(w, "cac:TaxScheme", |w| text(w, "cbc:ID", "VAT"))
    })
}

fn postal_address(w: &mut W, address: Option<&str>) -> R {
    let (street, code, town) = billing::split_address(address.unwrap_or_default());
    inner(w, "cac:PostalAddress", |w| {
        if !street.is_empty() {
            text(w, "cbc:StreetName", &street)?;
        }
        if let Some(town) = &town {
            text(w, "cbc:CityName", town)?;
        }
        if let Some(code) = &code {
            text(w, "cbc:PostalZone", code)?;
        }
        inner(w, "cac:Country", |w| {
            text(w, "cbc:IdentificationCode", "DK")
        })
    })
}

fn seller(w: &mut W, doc: &Document) -> R {
    let s = &doc.seller;
    inner(w, "cac:AccountingSupplierParty", |w| {
        inner(w, "cac:Party", |w| {
            text_attr(
                w,
                "cbc:EndpointID",
                ("schemeID", SCHEME_CVR),
                &cvr_id(&s.cvr),
            )?;
            inner(w, "cac:PartyName", |w| text(w, "cbc:Name", &s.name))?;
            postal_address(w, Some(&s.address))?;
            inner(w, "cac:PartyTaxScheme", |w| {
                text(w, "cbc:CompanyID", &format!("DK{}", s.cvr))?;
                inner(w, "cac:TaxScheme", |w| text(w, "cbc:ID", "VAT"))
            })?;
            inner(w, "cac:PartyLegalEntity", |w| {
                text(w, "cbc:RegistrationName", &s.name)?;
                text_attr(
                    w,
                    "cbc:CompanyID",
                    ("schemeID", SCHEME_CVR),
                    &cvr_id(&s.cvr),
                )
            })
        })
    })
}

fn buyer(w: &mut W, doc: &Document) -> R {
    let (scheme, address) = match doc.payer_kind {
        PayerKind::Ean => (SCHEME_EAN, doc.payer_id.clone()),
        PayerKind::Cvr => (SCHEME_CVR, cvr_id(&doc.payer_id)),
    };
    inner(w, "cac:AccountingCustomerParty", |w| {
        inner(w, "cac:Party", |w| {
            text_attr(w, "cbc:EndpointID", ("schemeID", scheme), &address)?;
            inner(w, "cac:PartyName", |w| text(w, "cbc:Name", &doc.buyer_name))?;
            postal_address(w, doc.buyer_address.as_deref())?;
            inner(w, "cac:PartyLegalEntity", |w| {
                text(w, "cbc:RegistrationName", &doc.buyer_name)?;
                if doc.payer_kind == PayerKind::Cvr {
                    text_attr(w, "cbc:CompanyID", ("schemeID", SCHEME_CVR), &address)?;
                }
                Ok(())
            })
        })
    })
}

fn body(w: &mut W, doc: &Document) -> R {
    let credit_note = doc.kind == DocumentKind::CreditNote;
    text(w, "cbc:CustomizationID", CUSTOMIZATION_ID)?;
    text(w, "cbc:ProfileID", PROFILE_ID)?;
    text(w, "cbc:ID", &doc.number)?;
    text(w, "cbc:IssueDate", &doc.issue_date.to_string())?;
    if credit_note {
        text(w, "cbc:CreditNoteTypeCode", "381")?;
    } else {
        text(w, "cbc:DueDate", &doc.due_date.to_string())?;
        text(w, "cbc:InvoiceTypeCode", "380")?;
    }
    text(w, "cbc:Note", &doc.course_title)?;
    text(w, "cbc:DocumentCurrencyCode", "DKK")?;
    // BT-10: the buyer's reference; public buyers route on it. Without
    // one, the invoice number keeps the element present (Peppol asks for
    // BT-10 or an order reference).
    text(
        w,
        "cbc:BuyerReference",
        doc.reference.as_deref().unwrap_or(&doc.number),
    )?;
    if let Some(reference) = &doc.reference {
        inner(w, "cac:OrderReference", |w| text(w, "cbc:ID", reference))?;
    }
    if let Some((number, date)) = &doc.credits {
        inner(w, "cac:BillingReference", |w| {
            inner(w, "cac:InvoiceDocumentReference", |w| {
                text(w, "cbc:ID", number)?;
                text(w, "cbc:IssueDate", &date.to_string())
            })
        })?;
    }
    seller(w, doc)?;
    buyer(w, doc)?;
    if !credit_note {
        inner(w, "cac:PaymentMeans", |w| {
            // 58: SEPA credit transfer, to the IBAN below.
            text(w, "cbc:PaymentMeansCode", "58")?;
            text(w, "cbc:PaymentID", &doc.number)?;
            inner(w, "cac:PayeeFinancialAccount", |w| {
                text(w, "cbc:ID", &doc.seller.iban)
            })
        })?;
        inner(w, "cac:PaymentTerms", |w| {
            text(
                w,
                "cbc:Note",
                &format!("Betales senest {}", doc.due_date.format("%d.%m.%Y")),
            )
        })?;
    }
    inner(w, "cac:TaxTotal", |w| {
        amount(w, "cbc:TaxAmount", 0)?;
        inner(w, "cac:TaxSubtotal", |w| {
            amount(w, "cbc:TaxableAmount", doc.total_ore)?;
            amount(w, "cbc:TaxAmount", 0)?;
            exempt_category(w, "cac:TaxCategory", true)
        })
    })?;
    inner(w, "cac:LegalMonetaryTotal", |w| {
        amount(w, "cbc:LineExtensionAmount", doc.total_ore)?;
        amount(w, "cbc:TaxExclusiveAmount", doc.total_ore)?;
        amount(w, "cbc:TaxInclusiveAmount", doc.total_ore)?;
        amount(w, "cbc:PayableAmount", doc.total_ore)
    })?;
    let (line_name, quantity_name) = if credit_note {
        ("cac:CreditNoteLine", "cbc:CreditedQuantity")
    } else {
        ("cac:InvoiceLine", "cbc:InvoicedQuantity")
    };
    for l in &doc.lines {
        inner(w, line_name, |w| {
            text(w, "cbc:ID", &l.position.to_string())?;
            text_attr(w, quantity_name, ("unitCode", "C62"), "1")?;
            amount(w, "cbc:LineExtensionAmount", l.amount_ore)?;
            inner(w, "cac:Item", |w| {
                if let Some(name) = &l.participant_name {
                    text(w, "cbc:Description", &format!("Deltager: {name}"))?;
                }
                text(w, "cbc:Name", &l.description)?;
                exempt_category(w, "cac:ClassifiedTaxCategory", false)
            })?;
            inner(w, "cac:Price", |w| {
                amount(w, "cbc:PriceAmount", l.amount_ore)
            })
        })?;
    }
    Ok(())
}

/// The document as UBL XML (UTF-8).
pub fn ubl(doc: &Document) -> std::io::Result<String> {
    let mut w = Writer::new_with_indent(Cursor::new(Vec::new()), b' ', 2);
    w.write_event(Event::Decl(BytesDecl::new("1.0", Some("UTF-8"), None)))?;
    let (root, ns) = match doc.kind {
        DocumentKind::Invoice => (
            "Invoice",
            "urn:oasis:names:specification:ubl:schema:xsd:Invoice-2",
        ),
        DocumentKind::CreditNote => (
            "CreditNote",
            "urn:oasis:names:specification:ubl:schema:xsd:CreditNote-2",
        ),
    };
    w.create_element(root)
        .with_attributes([("xmlns", ns), ("xmlns:cac", CAC), ("xmlns:cbc", CBC)])
        .write_inner_content(|w| body(w, doc))?;
    String::from_utf8(w.into_inner().into_inner())
        .map_err(|e| std::io::Error::new(std::io::ErrorKind::InvalidData, e))
}

/// The file name of a document's UBL file.
pub fn file_name(doc: &Document) -> String {
    match doc.kind {
        DocumentKind::Invoice => format!("faktura-{}.xml", doc.number),
        DocumentKind::CreditNote => format!("kreditnota-{}.xml", doc.number),
    }
}

/// Files packed in one zip archive (deflated): a period's documents in one
/// upload.
pub fn archive(files: &[(String, String)]) -> zip::result::ZipResult<Vec<u8>> {
    use std::io::Write;
    let mut archive = zip::ZipWriter::new(Cursor::new(Vec::new()));
    let options = zip::write::SimpleFileOptions::default()
        .compression_method(zip::CompressionMethod::Deflated);
    for (name, body) in files {
        archive.start_file(name.as_str(), options)?;
        archive.write_all(body.as_bytes())?;
    }
    Ok(archive.finish()?.into_inner())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::billing::sample_document;

    #[test]
    fn an_ean_buyer_is_addressed_by_its_ean_and_the_seller_by_its_cvr() {
        let mut doc = sample_document();
        doc.payer_kind = PayerKind::Ean;
        doc.payer_id = "5798000416604".into();
        let xml = ubl(&doc).expect("xml");
        assert!(xml.contains(r#"<cbc:EndpointID schemeID="0088">5798000416604</cbc:EndpointID>"#));
        assert!(xml.contains(r#"<cbc:EndpointID schemeID="0184">DK29189404</cbc:EndpointID>"#));
        assert!(xml.contains(CUSTOMIZATION_ID) && xml.contains(PROFILE_ID));
        assert!(xml.contains("<cbc:BuyerReference>PO-2026-17</cbc:BuyerReference>"));
        assert!(xml.contains(r#"<cbc:PayableAmount currencyID="DKK">1250.00</cbc:PayableAmount>"#));
        assert!(xml.contains("<cbc:ID>E</cbc:ID>"));
    }

    #[test]
    fn a_credit_note_refers_to_its_invoice_and_text_is_escaped() {
        let mut doc = sample_document();
        doc.kind = DocumentKind::CreditNote;
        doc.credits = Some(("2026-0001".into(), doc.issue_date));
        doc.buyer_name = "Møller & Co <ApS>".into();
        let xml = ubl(&doc).expect("xml");
        assert!(xml.contains(
            "<CreditNote xmlns=\"urn:oasis:names:specification:ubl:schema:xsd:CreditNote-2\""
        ));
        assert!(xml.contains("<cbc:CreditNoteTypeCode>381</cbc:CreditNoteTypeCode>"));
        assert!(xml.contains("<cac:CreditNoteLine>"));
        assert!(xml.contains("Møller &amp; Co &lt;ApS&gt;"));
        assert!(!xml.contains("cbc:DueDate"));
    }
}
