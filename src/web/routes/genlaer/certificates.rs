//! Course certificates: the participant's PDF, and the public page that
//! confirms a certificate is genuine (showing only what it states).

use actix_web::http::StatusCode;
use actix_web::http::header::{CACHE_CONTROL, CONTENT_DISPOSITION, CONTENT_TYPE};
use actix_web::{HttpResponse, web};
use serde::Deserialize;
use tera::Context;

use crate::app::genlaer::certificates;
use crate::db::certificates::Certificate;
use crate::domain::Lang;
use crate::domain::genlaer::normalise_code;
use crate::error::AppError;
use crate::i18n::{self, format};
use crate::pdf::{self, Line};
use crate::web::page::redirect;
use crate::web::{Page, SignedIn};

fn dates(lang: Lang, cert: &Certificate) -> String {
    let first = format::short_date(lang, cert.first_day);
    let last = format::short_date(lang, cert.last_day);
    if first == last {
        first
    } else {
        format!("{first} – {last}")
    }
}

fn hours_line(lang: Lang, hours: &str) -> String {
    let mut args = std::collections::HashMap::new();
    args.insert(
        std::borrow::Cow::Borrowed("hours"),
        fluent_templates::fluent_bundle::FluentValue::from(hours.to_string()),
    );
    i18n::t_args(lang, "certificate-hours", &args)
}

fn document(lang: Lang, cert: &Certificate, verify_url: &str) -> Vec<u8> {
    let t = |k: &str| i18n::t(lang, k);
    let hours = format::hours(lang, cert.minutes);
    let lines = vec![
        Line::new("Social Sundhed", 16.0).bold().plum().space(10.0),
        Line::new(t("certificate-title"), 34.0).bold().space(50.0),
        Line::new(t("certificate-confirms"), 13.0).space(40.0),
        Line::new(cert.name.clone(), 26.0).bold().space(18.0),
        Line::new(t("certificate-attended"), 13.0).space(18.0),
        Line::new(cert.course_title.clone(), 19.0)
            .bold()
            .plum()
            .space(16.0),
        Line::new(dates(lang, cert), 13.0).space(30.0),
        Line::new(hours_line(lang, &hours), 13.0),
        Line::new(format!("{} {}", t("certificate-issuer"), cert.issuer), 13.0).space(40.0),
        Line::new(
            format!(
                "{} {}",
                t("certificate-issued"),
                format::short_date(lang, cert.issued_at)
            ),
            11.0,
        ),
        Line::new(format!("{} {}", t("certificate-code"), cert.code), 11.0).space(60.0),
        Line::new(t("certificate-verify"), 10.0),
        Line::new(verify_url.to_string(), 10.0).space(4.0),
    ];
    pdf::document(&t("certificate-title"), &cert.issuer, &lines)
}

pub async fn download(
    user: SignedIn,
    page: Page,
    id: web::Path<i64>,
) -> Result<HttpResponse, AppError> {
    let id = id.into_inner();
    let uid = user.user.id;
    let cert = certificates::of_participant(&page.state.app, id, uid)
        .await?
        .ok_or(AppError::NotFound)?;
    let url = page.state.links.absolute(&format!("/bevis/{}", cert.code));
    let lang = page.lang;
    let bytes = web::block(move || document(lang, &cert, &url)).await?;
    Ok(HttpResponse::Ok()
        .insert_header((CONTENT_TYPE, "application/pdf"))
        .insert_header((
            CONTENT_DISPOSITION,
            format!("attachment; filename=\"kursusbevis-{id}.pdf\""),
        ))
        .insert_header((CACHE_CONTROL, "no-store"))
        .body(bytes))
}

#[derive(Deserialize, Default)]
#[serde(default)]
pub struct LookupQuery {
    kode: String,
}

/// The form to type a code from a paper certificate.
pub async fn lookup(page: Page, q: web::Query<LookupQuery>) -> Result<HttpResponse, AppError> {
    if !q.kode.trim().is_empty() {
        let code = normalise_code(&q.kode).unwrap_or_else(|| q.kode.trim().to_string());
        return Ok(redirect(&format!(
            "/bevis/{}",
            form_urlencoded::byte_serialize(code.as_bytes()).collect::<String>()
        )));
    }
    let mut ctx = Context::new();
    ctx.insert("cert", &None::<Certificate>);
    ctx.insert("asked", &false);
    page.render("genlaer/verify.html", ctx)
}

pub async fn verify(page: Page, code: web::Path<String>) -> Result<HttpResponse, AppError> {
    let code = normalise_code(&code.into_inner());
    let found = match code {
        Some(code) => certificates::by_code(&page.state.app, code).await?,
        None => None,
    };
    let mut ctx = Context::new();
    ctx.insert("asked", &true);
    if let Some(cert) = &found {
        ctx.insert("dates", &dates(page.lang, cert));
        ctx.insert("hours", &format::hours(page.lang, cert.minutes));
    }
    ctx.insert("cert", &found);
    let status = if found.is_some() {
        StatusCode::OK
    } else {
        StatusCode::NOT_FOUND
    };
    page.render_status(status, "genlaer/verify.html", ctx)
}
