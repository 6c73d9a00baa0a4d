//! Static assets (CSS, icons), served by the site itself: no CDN, nothing
//! fetched from elsewhere.

use actix_web::http::header::{CACHE_CONTROL, CONTENT_TYPE};
use actix_web::{HttpResponse, web};

use crate::error::AppError;
use crate::templates::TemplateFiles;

pub async fn serve(path: web::Path<String>) -> Result<HttpResponse, AppError> {
    let name = path.into_inner();
    let file = TemplateFiles::get(&format!("assets/{name}")).ok_or(AppError::NotFound)?;
    let content_type = match name.rsplit('.').next() {
        Some("css") => "text/css; charset=utf-8",
        Some("svg") => "image/svg+xml",
        Some("png") => "image/png",
        Some("ico") => "image/x-icon",
        Some("js") => "text/javascript; charset=utf-8",
        Some("woff2") => "font/woff2",
        _ => "application/octet-stream",
    };
    Ok(HttpResponse::Ok()
        .insert_header((CONTENT_TYPE, content_type))
        // URLs carry the asset version, so the content behind one never changes.
        .insert_header((CACHE_CONTROL, "public, max-age=31536000, immutable"))
        .body(file.data.into_owned()))
}
