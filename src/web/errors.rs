//! Turns error responses into translated pages in the site's layout.
//!
//! Applies to responses with an error status whose body is not already a
//! page or JSON: `AppError`s (which carry no body) and actix's own plain
//! text errors (unknown route, bad path segment, wrong method).

use actix_web::HttpResponse;
use actix_web::body::MessageBody;
use actix_web::dev::ServiceResponse;
use actix_web::http::StatusCode;
use actix_web::http::header::{CACHE_CONTROL, CONTENT_TYPE, ContentType, HeaderValue};
use actix_web::middleware::ErrorHandlerResponse;
use tera::Context;

use super::page::Page;
use crate::error::{AppError, ErrorPage};

pub fn render<B: MessageBody + 'static>(
    res: ServiceResponse<B>,
) -> actix_web::Result<ErrorHandlerResponse<B>> {
    let content_type = res
        .headers()
        .get(CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .unwrap_or("");
    let status = res.status();
    if !(status.is_client_error() || status.is_server_error())
        || !(content_type.is_empty() || content_type.starts_with("text/plain"))
    {
        return Ok(ErrorHandlerResponse::Response(res.map_into_left_body()));
    }
    let csrf = res
        .response()
        .extensions()
        .get::<ErrorPage>()
        .is_some_and(|m| m.csrf);
    let (req, original) = res.into_parts();
    Ok(ErrorHandlerResponse::Future(Box::pin(async move {
        let body = match Page::for_request(req.clone()).await {
            Ok(page) => {
                let mut ctx = Context::new();
                ctx.insert("status", &status.as_u16());
                ctx.insert("key", error_key(status, csrf));
                page.draw("error.html", &{
                    let mut full = page.context();
                    full.extend(ctx);
                    full
                })
                .ok()
            }
            Err(_) => None,
        };
        let response = match body {
            Some(html) => {
                let mut r = HttpResponse::build(status)
                    .content_type(ContentType::html())
                    .body(html);
                r.headers_mut()
                    .insert(CACHE_CONTROL, HeaderValue::from_static("no-store"));
                r.map_into_right_body()
            }
            // Rendering the error page failed too: keep the plain answer.
            None => original.map_into_left_body(),
        };
        Ok(ServiceResponse::new(req, response))
    })))
}

fn error_key(status: StatusCode, csrf: bool) -> &'static str {
    match status {
        StatusCode::NOT_FOUND => "error-page-404",
        StatusCode::FORBIDDEN if csrf => "error-page-csrf",
        StatusCode::FORBIDDEN => "error-page-403",
        StatusCode::BAD_REQUEST => "error-page-400",
        StatusCode::METHOD_NOT_ALLOWED => "error-page-405",
        StatusCode::PAYLOAD_TOO_LARGE => "error-page-413",
        s if s.is_client_error() => "error-page-400",
        _ => "error-page-500",
    }
}

/// The fallback for paths no route matches.
pub async fn not_found() -> Result<HttpResponse, AppError> {
    Err(AppError::NotFound)
}
