//! Who pays: a public institution by its EAN number (electronic invoice via
//! NemHandel), a private one by its CVR number and address.

use crate::domain::Code;
use serde::{Deserialize, Serialize};

use super::validation::{FieldErrors, Invalid, optional_text, required_text};

fn digits(input: &str) -> String {
    input
        .chars()
        .filter(|c| !c.is_whitespace() && *c != '-' && *c != '.')
        .collect()
}

/// A 13-digit EAN (GLN) number whose last digit is the GS1 check digit:
/// the first twelve digits weighted 1, 3, 1, 3 … from the left.
pub fn ean(input: &str) -> Result<String, Invalid> {
    let v = digits(input);
    if v.is_empty() {
        return Err(Invalid("error-required"));
    }
    if v.len() != 13 || !v.chars().all(|c| c.is_ascii_digit()) {
        return Err(Invalid("error-ean-format"));
    }
    let d: Vec<u32> = v.chars().filter_map(|c| c.to_digit(10)).collect();
    let sum: u32 = d[..12]
        .iter()
        .enumerate()
        .map(|(i, x)| if i % 2 == 0 { *x } else { x * 3 })
        .sum();
    if (10 - sum % 10) % 10 != d[12] {
        return Err(Invalid("error-ean-check"));
    }
    Ok(v)
}

/// An 8-digit CVR number passing the modulus-11 check (weights
/// 2, 7, 6, 5, 4, 3, 2, 1); it never starts with 0.
pub fn cvr(input: &str) -> Result<String, Invalid> {
    let v = digits(
        input
            .trim()
            .trim_start_matches("DK")
            .trim_start_matches("dk"),
    );
    if v.is_empty() {
        return Err(Invalid("error-required"));
    }
    if v.len() != 8 || !v.chars().all(|c| c.is_ascii_digit()) || v.starts_with('0') {
        return Err(Invalid("error-cvr-format"));
    }
    let sum: u32 = v
        .chars()
        .filter_map(|c| c.to_digit(10))
        .zip([2, 7, 6, 5, 4, 3, 2, 1])
        .map(|(d, w)| d * w)
        .sum();
    if !sum.is_multiple_of(11) {
        return Err(Invalid("error-cvr-check"));
    }
    Ok(v)
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum InvoiceKind {
    /// A public institution: EAN.
    Ean,
    /// A private one: CVR and address.
    Cvr,
    /// Paid through the organisation's booking.
    Booking,
}

impl Code for InvoiceKind {
    const ALL: &'static [InvoiceKind] = &[InvoiceKind::Ean, InvoiceKind::Cvr, InvoiceKind::Booking];

    fn as_str(self) -> &'static str {
        match self {
            InvoiceKind::Ean => "ean",
            InvoiceKind::Cvr => "cvr",
            InvoiceKind::Booking => "booking",
        }
    }
}

/// Validated invoice details.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Invoice {
    pub kind: InvoiceKind,
    pub ean: Option<String>,
    pub cvr: Option<String>,
    pub address: Option<String>,
    pub reference: Option<String>,
}

impl Invoice {
    pub fn booking() -> Invoice {
        Invoice {
            kind: InvoiceKind::Booking,
            ean: None,
            cvr: None,
            address: None,
            reference: None,
        }
    }
}

/// The invoice fields of a form, as typed. Field names are shared by every
/// form that asks who pays (`invoice_kind`, `ean`, `cvr`, `invoice_address`,
/// `reference`).
#[derive(Debug, Clone, Default, Serialize, Deserialize)]
#[serde(default)]
pub struct InvoiceInput {
    pub invoice_kind: String,
    pub ean: String,
    pub cvr: String,
    pub invoice_address: String,
    pub reference: String,
}

impl InvoiceInput {
    /// An empty form's choice: EAN, as public bodies pay.
    pub fn paid_by_ean() -> InvoiceInput {
        InvoiceInput {
            invoice_kind: "ean".into(),
            ..InvoiceInput::default()
        }
    }

    /// Checks the fields the chosen kind needs and records mistakes beside
    /// them; the other kind's fields are ignored.
    pub fn validate(&self, errors: &mut FieldErrors) -> Option<Invoice> {
        let reference = errors.check("reference", optional_text(&self.reference, 100))?;
        match self.invoice_kind.as_str() {
            "ean" => {
                let ean = errors.check("ean", ean(&self.ean))?;
                Some(Invoice {
                    kind: InvoiceKind::Ean,
                    ean: Some(ean),
                    cvr: None,
                    address: None,
                    reference,
                })
            }
            "cvr" => {
                let cvr = errors.check("cvr", cvr(&self.cvr));
                let address =
                    errors.check("invoice_address", required_text(&self.invoice_address, 500));
                Some(Invoice {
                    kind: InvoiceKind::Cvr,
                    ean: None,
                    cvr: Some(cvr?),
                    address: Some(address?),
                    reference,
                })
            }
            _ => {
                errors.add("invoice_kind", Invalid("error-invoice-kind"));
                None
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ean_numbers_need_thirteen_digits_and_a_valid_check_digit() {
        assert_eq!(ean("5798000416604"), Ok("5798000416604".into()));
        assert_eq!(ean(" 5798 0004 1660 4 "), Ok("5798000416604".into()));
        assert_eq!(ean("5798009876546"), Ok("5798009876546".into()));
        assert_eq!(ean("5798000416605"), Err(Invalid("error-ean-check")));
        assert_eq!(ean("579800041660"), Err(Invalid("error-ean-format")));
        assert_eq!(ean("57980004166O4"), Err(Invalid("error-ean-format")));
        assert_eq!(ean(""), Err(Invalid("error-required")));
    }

    #[test]
    fn cvr_numbers_pass_modulus_eleven() {
        for good in ["29189404", "30715063", "25063783", "12345674"] {
            assert_eq!(cvr(good), Ok(good.to_string()), "{good}");
        }
        assert_eq!(cvr("DK 2918 9404"), Ok("29189404".into()));
        assert_eq!(cvr("29189405"), Err(Invalid("error-cvr-check")));
        assert_eq!(cvr("12345678"), Err(Invalid("error-cvr-check")));
        assert_eq!(cvr("1234567"), Err(Invalid("error-cvr-format")));
        assert_eq!(cvr("01234567"), Err(Invalid("error-cvr-format")));
        assert_eq!(cvr(""), Err(Invalid("error-required")));
    }

    #[test]
    fn only_the_chosen_kinds_fields_are_checked() {
        let mut errors = FieldErrors::new();
        let input = InvoiceInput {
            invoice_kind: "ean".into(),
            ean: "5798000416604".into(),
            cvr: "ugyldigt".into(),
            ..Default::default()
        };
        let invoice = input.validate(&mut errors).expect("valid");
        assert_eq!(invoice.kind, InvoiceKind::Ean);
        assert!(errors.is_empty());

        let mut errors = FieldErrors::new();
        let input = InvoiceInput {
            invoice_kind: "cvr".into(),
            cvr: "29189405".into(),
            ..Default::default()
        };
        assert!(input.validate(&mut errors).is_none());
        assert_eq!(errors.get("cvr"), Some(Invalid("error-cvr-check")));
        assert_eq!(
            errors.get("invoice_address"),
            Some(Invalid("error-required"))
        );

        let mut errors = FieldErrors::new();
        assert!(InvoiceInput::default().validate(&mut errors).is_none());
        assert_eq!(
            errors.get("invoice_kind"),
            Some(Invalid("error-invoice-kind"))
        );
    }
}
