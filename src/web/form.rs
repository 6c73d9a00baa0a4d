//! The form extractor: HTML forms, including repeated fields such as a group
//! of checkboxes (`Vec<T>`), which actix's own `Form` cannot read.
//!
//! Bytes that are not UTF-8 (`%FF`) are decoded to U+FFFD
//! (`domain::validation::REPLACEMENT`) rather than refused here, so that the
//! page can show the form again with what was typed. Every check of typed
//! text (`validation::readable`, called by `required_text`, `optional_text`,
//! `single_line`, email, phone and password) refuses it, so such a form is
//! answered 422 with the message beside the field and nothing is stored.

use std::future::Future;
use std::pin::Pin;

use actix_web::dev::Payload;
use actix_web::{FromRequest, HttpRequest, web};
use serde::de::DeserializeOwned;

use crate::error::AppError;

const LIMIT: usize = 256 * 1024;

pub struct Form<T>(pub T);

impl<T: DeserializeOwned + 'static> FromRequest for Form<T> {
    type Error = AppError;
    type Future = Pin<Box<dyn Future<Output = Result<Self, AppError>>>>;

    fn from_request(req: &HttpRequest, payload: &mut Payload) -> Self::Future {
        let bytes = web::Bytes::from_request(req, payload);
        Box::pin(async move {
            let body = bytes
                .await
                .map_err(|e| AppError::BadRequest(e.to_string()))?;
            if body.len() > LIMIT {
                return Err(AppError::PayloadTooLarge);
            }
            serde_html_form::from_bytes(&body)
                .map(Form)
                .map_err(|e| AppError::BadRequest(e.to_string()))
        })
    }
}

#[cfg(test)]
mod tests {
    use serde::Deserialize;

    #[derive(Deserialize)]
    struct Fields {
        name: String,
        note: String,
    }

    /// What `validation::readable` relies on: invalid bytes, percent-encoded
    /// or raw, arrive as U+FFFD beside what was valid.
    #[test]
    fn bytes_that_are_not_utf8_become_the_replacement_character() {
        let parsed: Fields =
            serde_html_form::from_bytes(b"name=%C3%85se%FF&note=ok\xfe").expect("parsed");
        assert_eq!(parsed.name, "\u{c5}se\u{FFFD}");
        assert_eq!(parsed.note, "ok\u{FFFD}");
    }
}
