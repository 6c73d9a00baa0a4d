//! The rules of erasure (GDPR Art. 17): what an erased account looks like,
//! and what the registry says becomes of each kind of data, for the page
//! that shows a person and an administrator what erasure will do.

use super::{Category, Erasure, entries};
use crate::domain::Code;

/// The name an erased account and its anonymised rows carry. Stored, like
/// every name, in the NGO's language.
pub const ERASED_NAME: &str = "Slettet person";

/// The address an erased account carries: unique (the column is), never
/// deliverable (`.invalid` is reserved, RFC 2606), naming nobody.
pub fn erased_email(user_id: i64) -> String {
    format!("slettet-{user_id}@invalid")
}

/// Whether an address is one that erasure gave.
pub fn is_erased_email(email: &str) -> bool {
    email.starts_with("slettet-") && email.ends_with("@invalid")
}

/// One line of the erasure overview: a kind of data and what becomes of it.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct Line {
    #[serde(skip)]
    pub category: Category,
    #[serde(skip)]
    pub erasure: Erasure,
    /// The codes the texts are keyed by (`privacy-category-{code}`,
    /// `privacy-erasure-{code}`).
    pub category_code: &'static str,
    pub erasure_code: &'static str,
    /// The registry entries behind the line, for their purpose texts
    /// (`privacy-purpose-{id}`).
    pub entries: Vec<&'static str>,
}

/// The registry's entries grouped by what erasure does to them, then by
/// category, in the registry's order: deleted first, then anonymised, then
/// what is kept and why.
pub fn overview() -> Vec<Line> {
    let mut lines: Vec<Line> = Vec::new();
    for action in [
        Erasure::Delete,
        Erasure::Anonymise,
        Erasure::KeepForBookkeeping,
        Erasure::KeepCertificate,
    ] {
        for (_, e) in entries().filter(|(t, e)| e.erasure == action && !programme(t)) {
            match lines
                .iter_mut()
                .find(|l| l.erasure == action && l.category == e.category)
            {
                Some(line) => line.entries.push(e.id),
                None => lines.push(Line {
                    category: e.category,
                    erasure: action,
                    category_code: e.category.as_str(),
                    erasure_code: action.as_str(),
                    entries: vec![e.id],
                }),
            }
        }
    }
    lines
}

/// Names on a programme (teachers, supervisors, speakers) are the
/// programme's, not an account's: erasing a person does not touch them.
fn programme(table: &str) -> bool {
    matches!(
        table,
        "genlaer_sessions" | "supervision_details" | "evening_details"
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_erased_address_is_unique_and_recognised() {
        assert_eq!(erased_email(42), "slettet-42@invalid");
        assert_ne!(erased_email(1), erased_email(11));
        assert!(is_erased_email(&erased_email(7)));
        assert!(!is_erased_email("slettet@example.dk"));
    }

    #[test]
    fn the_overview_keeps_invoices_and_certificates_and_deletes_needs() {
        let lines = overview();
        let kept: Vec<_> = lines
            .iter()
            .filter(|l| {
                matches!(
                    l.erasure,
                    Erasure::KeepForBookkeeping | Erasure::KeepCertificate
                )
            })
            .map(|l| l.category)
            .collect();
        assert!(kept.contains(&Category::Invoice));
        assert!(kept.contains(&Category::GenlaerParticipation));
        assert!(
            lines
                .iter()
                .any(|l| l.category == Category::Needs && l.erasure == Erasure::Delete)
        );
        // Deleted comes first, what is kept last.
        assert_eq!(lines.first().map(|l| l.erasure), Some(Erasure::Delete));
        assert!(
            lines
                .iter()
                .all(|l| !l.entries.contains(&"genlaer-teachers"))
        );
    }
}
