//! Course certificates: the participant's PDF, and the public page that
//! confirms a certificate is genuine (showing only what it states).

use actix_web::http::StatusCode;
use actix_web::http::header::{CACHE_CONTROL, CONTENT_DISPOSITION, CONTENT_TYPE};
use actix_web::{HttpResponse, web};
use serde::Deserialize;
use tera::Context;

use crate::app::genlaer::certificates;
use crate::content;
use crate::db::certificates::Certificate;
use crate::domain::Lang;
use crate::domain::genlaer::normalise_code;
use crate::error::AppError;
use crate::i18n::{self, format};
use crate::pdf::{self, Line, Role};
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

/// A translation with one argument.
fn t_with(lang: Lang, key: &str, name: &'static str, value: &str) -> String {
    let mut args = std::collections::HashMap::new();
    args.insert(
        std::borrow::Cow::Borrowed(name),
        fluent_templates::fluent_bundle::FluentValue::from(value.to_string()),
    );
    i18n::t_args(lang, key, &args)
}

/// The certificate as a tagged PDF: who took part in what, when and for how
/// long, the learning goals, the organiser with a line to sign on, and the
/// code to verify it by. Labels are in the reader's language; the course's
/// own text is stored in Danish.
fn document(lang: Lang, cert: &Certificate, verify_url: &str) -> Result<Vec<u8>, pdf::Error> {
    let t = |k: &str| i18n::t(lang, k);
    let hours = format::hours(lang, cert.minutes);
    let goals = content::markdown_blocks(&cert.learning_goals);
    // The course's own text is written in Danish.
    let course_lang = (lang != Lang::Da).then_some("da");
    let mut lines = vec![
        Line::new("Social Sundhed", 16.0).bold().plum().space(6.0),
        Line::new(t("certificate-title"), 32.0)
            .bold()
            .role(Role::Title)
            .space(30.0),
        Line::new(t("certificate-confirms"), 13.0).space(26.0),
        Line::new(cert.name.clone(), 24.0).bold().space(14.0),
        Line::new(t("certificate-attended"), 13.0).space(14.0),
        Line::new(cert.course_title.clone(), 18.0)
            .bold()
            .plum()
            .lang(course_lang)
            .space(12.0),
        Line::new(dates(lang, cert), 12.0).space(16.0),
        Line::new(t_with(lang, "certificate-hours", "hours", &hours), 12.0),
    ];
    if !goals.is_empty() {
        lines.push(
            Line::new(t("certificate-goals"), 13.0)
                .bold()
                .role(Role::Heading)
                .space(24.0),
        );
        lines.extend(goals.into_iter().map(|g| {
            Line::new(g, 10.5)
                .role(Role::Item)
                .lang(course_lang)
                .space(4.0)
        }));
    }
    lines.extend([
        Line::new(
            t_with(lang, "certificate-organiser", "organiser", &cert.issuer),
            12.0,
        )
        .space(22.0),
        Line::new(
            t_with(lang, "certificate-signature", "organiser", &cert.issuer),
            10.0,
        )
        .signature()
        .space(12.0),
        Line::new(
            format!(
                "{} {}",
                t("certificate-issued"),
                format::short_date(lang, cert.issued_at)
            ),
            10.0,
        )
        .space(18.0),
        Line::new(format!("{} {}", t("certificate-code"), cert.code), 10.0),
        Line::new(t("certificate-verify"), 9.0).space(10.0),
        Line::new(verify_url.to_string(), 9.0).space(3.0),
    ]);
    pdf::document(&pdf::Document {
        title: &format!("{} – {}", t("certificate-title"), cert.course_title),
        author: &cert.issuer,
        lang: lang.code(),
        lines: &lines,
    })
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
    let bytes = web::block(move || document(lang, &cert, &url))
        .await?
        .map_err(|e| AppError::Internal(e.into()))?;
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
