//! The one error type of the web layer.
//!
//! Handlers and extractors return `AppError`. Form mistakes are not errors:
//! handlers re-render the form with messages beside the fields. `AppError`
//! is for what the user cannot fix on the page: a missing record (404), a
//! refused role (403), a stale form (CSRF, 403) or a fault (500, logged with
//! its cause chain). The response carries only a marker; `web::errors`
//! renders the translated page, because only there is the request (and so
//! the language and the templates) at hand.

use actix_web::http::StatusCode;
use actix_web::http::header::LOCATION;
use actix_web::{HttpResponse, ResponseError};

#[derive(Debug, thiserror::Error)]
pub enum AppError {
    #[error("not found")]
    NotFound,
    #[error("forbidden")]
    Forbidden,
    #[error("login required")]
    LoginRequired { next: String },
    /// Staff in production without a second factor: set one up first.
    #[error("second factor required")]
    SecondFactorRequired { next: String },
    /// A sensitive action and an old proof: the password or a code again.
    #[error("fresh proof required")]
    ProofRequired { next: String },
    #[error("missing or invalid CSRF token")]
    Csrf,
    #[error("bad request: {0}")]
    BadRequest(String),
    #[error("the request body is over the limit")]
    PayloadTooLarge,
    #[error("storage failed")]
    Storage(#[source] crate::db::Error),
    #[error("blocking task failed")]
    Blocking(#[from] actix_web::error::BlockingError),
    #[error("template error")]
    Template(#[from] tera::Error),
    #[error(transparent)]
    Internal(#[from] anyhow::Error),
}

/// A use case's failure: a missing record is a 404, a refused caller a
/// 403, anything else a fault.
impl From<crate::app::Error> for AppError {
    fn from(e: crate::app::Error) -> Self {
        match e {
            crate::app::Error::NotFound => AppError::NotFound,
            crate::app::Error::Forbidden => AppError::Forbidden,
            crate::app::Error::BadRequest(why) => AppError::BadRequest(why),
            crate::app::Error::Storage(e) => AppError::Storage(e),
            crate::app::Error::Internal(e) => AppError::Internal(e),
        }
    }
}

/// Put on error responses so that the error-page renderer knows to replace
/// the (empty) body with the translated page.
#[derive(Debug, Clone, Copy)]
pub struct ErrorPage {
    pub csrf: bool,
}

impl ResponseError for AppError {
    fn status_code(&self) -> StatusCode {
        match self {
            AppError::NotFound => StatusCode::NOT_FOUND,
            AppError::Forbidden | AppError::Csrf => StatusCode::FORBIDDEN,
            AppError::LoginRequired { .. }
            | AppError::SecondFactorRequired { .. }
            | AppError::ProofRequired { .. } => StatusCode::SEE_OTHER,
            AppError::BadRequest(_) => StatusCode::BAD_REQUEST,
            AppError::PayloadTooLarge => StatusCode::PAYLOAD_TOO_LARGE,
            _ => StatusCode::INTERNAL_SERVER_ERROR,
        }
    }

    fn error_response(&self) -> HttpResponse {
        let detour = match self {
            AppError::LoginRequired { next } => Some(("/log-ind", next)),
            AppError::SecondFactorRequired { next } => Some(("/konto/totrinslogin", next)),
            AppError::ProofRequired { next } => Some(("/konto/bekraeft-identitet", next)),
            _ => None,
        };
        if let Some((page, next)) = detour {
            tracing::debug!(to = page, "sent elsewhere first");
            let target = format!(
                "{page}?{}",
                serde_urlencoded::to_string([("next", next.as_str())]).unwrap_or_default()
            );
            return HttpResponse::SeeOther()
                .insert_header((LOCATION, target))
                .finish();
        }
        let status = self.status_code();
        // Faults are errors; refusals are the site working as meant, so
        // they are noted quietly, by kind only (never a body or a form).
        if status.is_server_error() {
            tracing::error!(error = %error_chain(self), "request failed");
        } else {
            tracing::debug!(status = status.as_u16(), refusal = %self, "request refused");
        }
        let mut response = HttpResponse::build(status).finish();
        response.extensions_mut().insert(ErrorPage {
            csrf: matches!(self, AppError::Csrf),
        });
        response
    }
}

/// "outer: inner: innermost", so a log line shows the root cause.
pub fn error_chain(e: &dyn std::error::Error) -> String {
    let mut text = e.to_string();
    let mut source = e.source();
    while let Some(s) = source {
        text.push_str(": ");
        text.push_str(&s.to_string());
        source = s.source();
    }
    text
}
