//! The registry of personal data (`domain::privacy`) as the privacy notice
//! and the record of processing show it. Nothing is read from the
//! database: the pages describe what the site stores, never whom, so they
//! can only change with the registry.

use serde::Serialize;

use crate::domain::Code;
use crate::domain::privacy::{self, Category, Holds, REGISTRY};

/// One registry entry with the text keys the pages translate.
#[derive(Serialize)]
pub struct Row {
    pub table: &'static str,
    pub id: &'static str,
    pub columns: Vec<&'static str>,
    pub category: &'static str,
    pub category_key: String,
    pub purpose_key: String,
    /// "GDPR art. 6(1)(b)", the same in both languages.
    pub articles: Vec<&'static str>,
    pub basis_keys: Vec<String>,
    pub retention: &'static str,
    pub retention_key: String,
    pub erasure: &'static str,
    pub erasure_key: String,
}

fn row(table: &'static str, e: &'static privacy::Entry) -> Row {
    Row {
        table,
        id: e.id,
        columns: e.columns.to_vec(),
        category: e.category.as_str(),
        category_key: format!("privacy-category-{}", e.category.as_str()),
        purpose_key: e.purpose_key(),
        articles: e.basis.iter().map(|b| b.article()).collect(),
        basis_keys: e
            .basis
            .iter()
            .map(|b| format!("privacy-basis-{}", b.as_str()))
            .collect(),
        retention: e.retention.as_str(),
        retention_key: format!("privacy-retention-{}", e.retention.as_str()),
        erasure: e.erasure.as_str(),
        erasure_key: format!("privacy-erasure-{}", e.erasure.as_str()),
    }
}

/// The record of processing (Art. 30): every entry, in registry order.
pub fn record() -> Vec<Row> {
    privacy::entries().map(|(t, e)| row(t, e)).collect()
}

/// A table the registry declares free of personal data, and the key of
/// the text that says why.
#[derive(Serialize)]
pub struct FreeTable {
    pub table: &'static str,
    pub reason_key: String,
}

/// The tables without personal data, so the record shows that they were
/// considered, not forgotten.
pub fn free_tables() -> Vec<FreeTable> {
    REGISTRY
        .iter()
        .filter_map(|t| match t.holds {
            Holds::Nothing => Some(FreeTable {
                table: t.name,
                reason_key: format!("privacy-free-{}", t.name),
            }),
            Holds::Personal { .. } => None,
        })
        .collect()
}

/// One section of the privacy notice: a category and its entries.
#[derive(Serialize)]
pub struct Section {
    pub category: &'static str,
    pub name_key: String,
    pub text_key: String,
    pub rows: Vec<Row>,
}

/// The privacy notice: every category, in the order `Category::ALL` gives,
/// with what is kept under it.
pub fn notice() -> Vec<Section> {
    Category::ALL
        .iter()
        .map(|c| Section {
            category: c.as_str(),
            name_key: format!("privacy-category-{}", c.as_str()),
            text_key: format!("privacy-category-{}-text", c.as_str()),
            rows: privacy::entries()
                .filter(|(_, e)| e.category == *c)
                .map(|(t, e)| row(t, e))
                .collect(),
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_notice_has_every_category_and_every_entry_once() {
        let sections = notice();
        assert_eq!(sections.len(), Category::ALL.len());
        assert!(sections.iter().all(|s| !s.rows.is_empty()));
        let shown: usize = sections.iter().map(|s| s.rows.len()).sum();
        assert_eq!(shown, record().len());
    }
}
