//! Every request that can change something (anything but GET, HEAD and
//! OPTIONS) must carry the session's CSRF token, as the form field `csrf`
//! or the header `X-CSRF-Token`. Checked here, once, for every route, so no
//! handler can forget it.

use actix_web::body::{EitherBody, MessageBody};
use actix_web::dev::{Payload, ServiceRequest, ServiceResponse};
use actix_web::http::Method;
use actix_web::middleware::Next;
use actix_web::web::Bytes;

use super::session;
use crate::auth::token;
use crate::error::AppError;

pub const FIELD: &str = "csrf";
pub const HEADER: &str = "x-csrf-token";

pub async fn verify<B: MessageBody + 'static>(
    mut req: ServiceRequest,
    next: Next<B>,
) -> Result<ServiceResponse<EitherBody<B>>, actix_web::Error> {
    if matches!(*req.method(), Method::GET | Method::HEAD | Method::OPTIONS) {
        return next
            .call(req)
            .await
            .map(ServiceResponse::map_into_left_body);
    }
    let expected = session::expected_csrf(req.request());
    let from_header = req
        .headers()
        .get(HEADER)
        .and_then(|v| v.to_str().ok())
        .map(str::to_owned);
    // A body over the limit is answered here (413), as a response rather
    // than an error, so that the error-page renderer outside can show it.
    let body = match req.extract::<Bytes>().await {
        Ok(body) => body,
        Err(e) => return Ok(req.error_response(e).map_into_right_body()),
    };
    let presented = from_header.or_else(|| {
        form_urlencoded::parse(&body)
            .find(|(k, _)| k == FIELD)
            .map(|(_, v)| v.into_owned())
    });
    let valid = matches!((&expected, &presented), (Some(e), Some(p)) if token::same(e, p));
    if !valid {
        tracing::warn!(
            path = req.path(),
            "refused a request without a valid CSRF token"
        );
        return Ok(req.error_response(AppError::Csrf).map_into_right_body());
    }
    // The handler reads the form again: hand the body back.
    req.set_payload(bytes_to_payload(body));
    next.call(req)
        .await
        .map(ServiceResponse::map_into_left_body)
}

fn bytes_to_payload(body: Bytes) -> Payload {
    let (_, mut payload) = actix_http::h1::Payload::create(true);
    payload.unread_data(body);
    Payload::from(payload)
}
