//! Coordinators' invoices: made in one step for a held GenLær session or
//! an accepted booking, sent, paid, corrected while drafts, credited; the
//! UBL file (Peppol BIS Billing 3.0) and the PDF of each, and the
//! bookkeeping file of a period.

use actix_web::http::header::{CONTENT_DISPOSITION, CONTENT_TYPE};
use actix_web::{HttpResponse, web};
use serde::{Deserialize, Serialize};
use tera::Context;

use crate::app::audit::Actor;
use crate::app::invoices::{self, Credit, DraftChanges};
use crate::domain::billing::{PayerKind, Refusal};
use crate::domain::money::decimal;
use crate::domain::time;
use crate::domain::validation::{optional_text, required_text};
use crate::domain::{Code, FieldErrors};
use crate::einvoice;
use crate::error::AppError;
use crate::web::csv as excel;
use crate::web::page::redirect;
use crate::web::{CoordinatorUser, Form, Page};

pub fn configure(cfg: &mut web::ServiceConfig) {
    cfg.route("/koordinator/fakturaer", web::get().to(list))
        .route(
            "/koordinator/fakturaer/bogfoering.csv",
            web::get().to(bookkeeping),
        )
        .route(
            "/koordinator/fakturaer/ubl.zip",
            web::get().to(access_point_files),
        )
        .route(
            "/koordinator/fakturaer/hold/{id}",
            web::post().to(create_for_session),
        )
        .route(
            "/koordinator/fakturaer/bestilling/{id}",
            web::post().to(create_for_booking),
        )
        .route("/koordinator/fakturaer/{id}.xml", web::get().to(xml))
        .route("/koordinator/fakturaer/{id}.pdf", web::get().to(pdf))
        .route("/koordinator/fakturaer/{id}", web::get().to(show))
        .route("/koordinator/fakturaer/{id}/ret", web::post().to(edit))
        .route("/koordinator/fakturaer/{id}/send", web::post().to(send))
        .route("/koordinator/fakturaer/{id}/betalt", web::post().to(paid))
        .route(
            "/koordinator/fakturaer/{id}/krediter",
            web::post().to(credit),
        )
        .route(
            "/koordinator/fakturaer/{id}/eftergiv/{line}",
            web::post().to(waive),
        );
}

#[derive(Debug, Deserialize, Serialize, Default)]
#[serde(default)]
pub struct PeriodQuery {
    fra: String,
    til: String,
}

pub async fn list(
    user: CoordinatorUser,
    page: Page,
    query: web::Query<PeriodQuery>,
) -> Result<HttpResponse, AppError> {
    let rows = invoices::list(&page.state.app, user.account()).await?;
    let today = time::local(crate::db::now()).date_naive();
    let mut ctx = Context::new();
    let q = query.into_inner();
    ctx.insert(
        "from",
        &if q.fra.is_empty() {
            today.format("%Y-01-01").to_string()
        } else {
            q.fra
        },
    );
    ctx.insert(
        "to",
        &if q.til.is_empty() {
            today.to_string()
        } else {
            q.til
        },
    );
    ctx.insert("rows", &rows);
    page.render("invoices/list.html", ctx)
}

async fn render_show(
    page: &Page,
    user: &CoordinatorUser,
    id: i64,
    form: Option<EditForm>,
    errors: &FieldErrors,
) -> Result<HttpResponse, AppError> {
    let view = invoices::show(&page.state.app, user.account(), id).await?;
    let form = form.unwrap_or_else(|| EditForm {
        buyer_name: view.invoice.buyer_name.clone(),
        buyer_address: view.invoice.buyer_address.clone().unwrap_or_default(),
        reference: view.invoice.reference.clone().unwrap_or_default(),
    });
    let mut ctx = Context::new();
    ctx.insert("v", &view);
    ctx.insert("form", &form);
    ctx.insert("errors", errors);
    page.render_form(errors, "invoices/show.html", ctx)
}

pub async fn show(
    user: CoordinatorUser,
    page: Page,
    id: web::Path<i64>,
) -> Result<HttpResponse, AppError> {
    render_show(&page, &user, id.into_inner(), None, &FieldErrors::new()).await
}

fn refused(page: &Page, refusal: Refusal) {
    page.error(refusal.message_key());
}

pub async fn create_for_session(
    user: CoordinatorUser,
    by: Actor,
    page: Page,
    id: web::Path<i64>,
) -> Result<HttpResponse, AppError> {
    let id = id.into_inner();
    match invoices::create_for_session(&page.state.app, user.account(), by, id).await? {
        Ok(made) if made.without_details.is_empty() => {
            page.success("invoice-created");
            Ok(redirect("/koordinator/fakturaer"))
        }
        // Back to the session, whose page lists who was left out.
        Ok(_) => {
            page.info("invoice-created-some-without-details");
            Ok(redirect(&format!("/koordinator/genlaer/hold/{id}")))
        }
        Err(r) => {
            refused(&page, r);
            Ok(redirect(&format!("/koordinator/genlaer/hold/{id}")))
        }
    }
}

pub async fn create_for_booking(
    user: CoordinatorUser,
    by: Actor,
    page: Page,
    id: web::Path<i64>,
) -> Result<HttpResponse, AppError> {
    let id = id.into_inner();
    match invoices::create_for_booking(&page.state.app, user.account(), by, id).await? {
        Ok(invoice) => {
            page.success("invoice-created");
            Ok(redirect(&format!("/koordinator/fakturaer/{invoice}")))
        }
        Err(r) => {
            refused(&page, r);
            Ok(redirect(&format!("/koordinator/genlaer/bestillinger/{id}")))
        }
    }
}

#[derive(Debug, Deserialize, Serialize, Default)]
#[serde(default)]
pub struct EditForm {
    buyer_name: String,
    buyer_address: String,
    reference: String,
}

impl EditForm {
    fn parse(&self) -> Result<DraftChanges, FieldErrors> {
        let mut errors = FieldErrors::new();
        let buyer_name = errors.check("buyer_name", required_text(&self.buyer_name, 200));
        let buyer_address = errors.check("buyer_address", optional_text(&self.buyer_address, 500));
        let reference = errors.check("reference", optional_text(&self.reference, 100));
        match (buyer_name, buyer_address, reference) {
            (Some(buyer_name), Some(buyer_address), Some(reference)) if errors.is_empty() => {
                Ok(DraftChanges {
                    buyer_name,
                    buyer_address,
                    reference,
                })
            }
            _ => Err(errors),
        }
    }
}

pub async fn edit(
    user: CoordinatorUser,
    by: Actor,
    page: Page,
    id: web::Path<i64>,
    Form(form): Form<EditForm>,
) -> Result<HttpResponse, AppError> {
    let id = id.into_inner();
    let changes = match form.parse() {
        Ok(c) => c,
        Err(errors) => return render_show(&page, &user, id, Some(form), &errors).await,
    };
    match invoices::update_draft(&page.state.app, user.account(), by, id, changes).await? {
        Ok(()) => page.success("invoice-updated"),
        Err(r) => refused(&page, r),
    }
    Ok(redirect(&format!("/koordinator/fakturaer/{id}")))
}

pub async fn send(
    user: CoordinatorUser,
    by: Actor,
    page: Page,
    id: web::Path<i64>,
) -> Result<HttpResponse, AppError> {
    let id = id.into_inner();
    match invoices::mark_sent(&page.state.app, user.account(), by, id).await? {
        Ok(()) => page.success("invoice-sent"),
        Err(r) => refused(&page, r),
    }
    Ok(redirect(&format!("/koordinator/fakturaer/{id}")))
}

pub async fn paid(
    user: CoordinatorUser,
    by: Actor,
    page: Page,
    id: web::Path<i64>,
) -> Result<HttpResponse, AppError> {
    let id = id.into_inner();
    match invoices::mark_paid(&page.state.app, user.account(), by, id).await? {
        Ok(()) => page.success("invoice-paid"),
        Err(r) => refused(&page, r),
    }
    Ok(redirect(&format!("/koordinator/fakturaer/{id}")))
}

#[derive(Debug, Deserialize, Default)]
#[serde(default)]
pub struct CreditForm {
    /// The lines to credit; none: the whole invoice.
    line: Vec<String>,
}

pub async fn credit(
    user: CoordinatorUser,
    by: Actor,
    page: Page,
    id: web::Path<i64>,
    Form(form): Form<CreditForm>,
) -> Result<HttpResponse, AppError> {
    let id = id.into_inner();
    let which = if form.line.is_empty() {
        Credit::All
    } else {
        // A line id that is not a number is no line of this invoice.
        let ids: Vec<i64> = form.line.iter().filter_map(|l| l.parse().ok()).collect();
        Credit::Lines(ids)
    };
    match invoices::credit(&page.state.app, user.account(), by, id, which).await? {
        Ok(note) => {
            page.success("invoice-credit-created");
            Ok(redirect(&format!("/koordinator/fakturaer/{note}")))
        }
        Err(r) => {
            refused(&page, r);
            Ok(redirect(&format!("/koordinator/fakturaer/{id}")))
        }
    }
}

pub async fn waive(
    user: CoordinatorUser,
    by: Actor,
    page: Page,
    path: web::Path<(i64, i64)>,
) -> Result<HttpResponse, AppError> {
    let (id, line) = path.into_inner();
    match invoices::waive_line(&page.state.app, user.account(), by, id, line).await? {
        Ok(note) => {
            page.success("invoice-credit-created");
            Ok(redirect(&format!("/koordinator/fakturaer/{note}")))
        }
        Err(r) => {
            refused(&page, r);
            Ok(redirect(&format!("/koordinator/fakturaer/{id}")))
        }
    }
}

fn file(body: Vec<u8>, content_type: &str, name: &str) -> HttpResponse {
    HttpResponse::Ok()
        .insert_header((CONTENT_TYPE, content_type.to_string()))
        .insert_header((
            CONTENT_DISPOSITION,
            format!("attachment; filename=\"{name}\""),
        ))
        .body(body)
}

/// The UBL file (Peppol BIS Billing 3.0) of an invoice or credit note.
pub async fn xml(
    user: CoordinatorUser,
    by: Actor,
    page: Page,
    id: web::Path<String>,
) -> Result<HttpResponse, AppError> {
    let id: i64 = id.parse().map_err(|_| AppError::NotFound)?;
    let doc = invoices::document(
        &page.state.app,
        user.account(),
        by,
        id,
        format!("faktura-{id}.xml"),
    )
    .await?;
    let name = einvoice::file_name(&doc);
    let body = einvoice::ubl(&doc).map_err(|e| AppError::Internal(e.into()))?;
    Ok(file(
        body.into_bytes(),
        "application/xml; charset=utf-8",
        &name,
    ))
}

/// The PDF of an invoice or credit note.
pub async fn pdf(
    user: CoordinatorUser,
    by: Actor,
    page: Page,
    id: web::Path<String>,
) -> Result<HttpResponse, AppError> {
    let id: i64 = id.parse().map_err(|_| AppError::NotFound)?;
    let doc = invoices::document(
        &page.state.app,
        user.account(),
        by,
        id,
        format!("faktura-{id}.pdf"),
    )
    .await?;
    let name = einvoice::file_name(&doc).replace(".xml", ".pdf");
    let body = web::block(move || crate::pdf::invoice::pdf(&doc))
        .await?
        .map_err(|e| AppError::Internal(e.into()))?;
    Ok(file(body, "application/pdf", &name))
}

/// The bookkeeping file of a period: one row per invoice and credit note
/// (credit notes negative), for the accounting system.
/// The period a download asks for; `None` (with the error shown on the
/// invoices page) when it is not two dates in order.
fn period(page: &Page, query: &PeriodQuery) -> Option<(chrono::NaiveDate, chrono::NaiveDate)> {
    match (time::date(&query.fra), time::date(&query.til)) {
        (Ok(from), Ok(to)) if from <= to => Some((from, to)),
        _ => {
            page.error("invoice-period-invalid");
            None
        }
    }
}

/// The period's UBL files for EAN buyers in one zip file, ready to upload
/// to an access point or NemHandel's own tools.
pub async fn access_point_files(
    user: CoordinatorUser,
    by: Actor,
    page: Page,
    query: web::Query<PeriodQuery>,
) -> Result<HttpResponse, AppError> {
    let Some((from, to)) = period(&page, &query) else {
        return Ok(redirect("/koordinator/fakturaer"));
    };
    let documents =
        invoices::access_point_documents(&page.state.app, user.account(), by, from, to).await?;
    let mut files = Vec::with_capacity(documents.len());
    for doc in &documents {
        let xml = einvoice::ubl(doc).map_err(|e| AppError::Internal(e.into()))?;
        files.push((einvoice::file_name(doc), xml));
    }
    let body = einvoice::archive(&files).map_err(|e| AppError::Internal(e.into()))?;
    Ok(file(
        body,
        "application/zip",
        &format!("fakturaer-{from}-{to}-ubl.zip"),
    ))
}

pub async fn bookkeeping(
    user: CoordinatorUser,
    by: Actor,
    page: Page,
    query: web::Query<PeriodQuery>,
) -> Result<HttpResponse, AppError> {
    let Some((from, to)) = period(&page, &query) else {
        return Ok(redirect("/koordinator/fakturaer"));
    };
    let rows = invoices::bookkeeping(&page.state.app, user.account(), by, from, to).await?;
    let header: Vec<String> = [
        "invoice-csv-date",
        "invoice-csv-number",
        "invoice-csv-kind",
        "invoice-csv-customer",
        "invoice-csv-cvr-ean",
        "invoice-csv-amount",
        "invoice-csv-account",
        "invoice-csv-credits",
    ]
    .iter()
    .map(|k| page.t(k))
    .collect();
    let header: Vec<&str> = header.iter().map(String::as_str).collect();
    let lines: Vec<Vec<String>> = rows
        .iter()
        .map(|b| {
            let i = &b.invoice;
            vec![
                i.issue_date.format("%d-%m-%Y").to_string(),
                i.number.clone(),
                page.t(&format!("invoice-kind-{}", i.kind.as_str())),
                i.buyer_name.clone(),
                match i.payer_kind {
                    PayerKind::Ean => format!("EAN {}", i.payer_id),
                    PayerKind::Cvr => format!("CVR {}", i.payer_id),
                },
                decimal(b.signed_ore).replace('.', ","),
                ACCOUNT.to_string(),
                b.credits_number.clone().unwrap_or_default(),
            ]
        })
        .collect();
    let body = excel::build(&header, &lines)?;
    Ok(excel::download(&format!("fakturaer-{from}-{to}.csv"), body))
}

/// The revenue account GenLær is booked on in the NGO's chart of accounts.
const ACCOUNT: &str = "1100 Kursusindtægter (GenLær)";
