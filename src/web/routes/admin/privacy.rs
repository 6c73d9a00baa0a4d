//! The record of processing activities (GDPR Art. 30) for administrators,
//! as a page and as a CSV file, generated from the registry of personal
//! data. It describes what the site stores and holds nobody's data, so,
//! unlike the exports of personal data, the download neither asks for a
//! fresh password nor is written to the audit log.

use actix_web::HttpResponse;
use tera::Context;

use crate::app::privacy;
use crate::error::AppError;
use crate::web::csv as excel;
use crate::web::{Admin, Page};

pub async fn record(_admin: Admin, page: Page) -> Result<HttpResponse, AppError> {
    let mut ctx = Context::new();
    ctx.insert("rows", &privacy::record());
    ctx.insert("free_tables", &privacy::free_tables());
    page.render("admin/privacy.html", ctx)
}

/// One row per registry entry, the texts in the administrator's language.
pub async fn csv(_admin: Admin, page: Page) -> Result<HttpResponse, AppError> {
    let t = |k: &str| page.t(k);
    let header = [
        t("privacy-col-table"),
        t("privacy-col-columns"),
        t("privacy-col-category"),
        t("privacy-col-purpose"),
        t("privacy-col-basis"),
        t("privacy-col-retention"),
        t("privacy-col-erasure"),
    ];
    let header: Vec<&str> = header.iter().map(String::as_str).collect();
    let rows: Vec<Vec<String>> = privacy::record()
        .iter()
        .map(|r| {
            let basis: Vec<String> = r
                .basis_keys
                .iter()
                .zip(&r.articles)
                .map(|(k, a)| format!("{a}: {}", t(k)))
                .collect();
            vec![
                r.table.to_string(),
                r.columns.join(", "),
                t(&r.category_key),
                t(&r.purpose_key),
                basis.join("; "),
                t(&r.retention_key),
                t(&r.erasure_key),
            ]
        })
        .collect();
    let body = excel::build(&header, &rows)?;
    Ok(excel::download("behandlingsfortegnelse.csv", body))
}
