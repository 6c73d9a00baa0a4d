//! The form extractor: HTML forms, including repeated fields such as a group
//! of checkboxes (`Vec<T>`), which actix's own `Form` cannot read.

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
