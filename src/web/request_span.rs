//! The span each request runs in (`TracingLogger`'s root span).
//!
//! tracing-actix-web's default span works out, before routing and on every
//! request whether or not the span is logged, the route's pattern (by
//! matching the path against the routes, a regular expression each), a
//! request id and the connection's details: about a twentieth of a
//! coordinator's page in a profile. This span holds the method and the
//! path; the route and the status are recorded at the end, where routing
//! has already found the route, and only when the span is logged. The
//! query string is left out: a search may hold a name.

use actix_web::Error;
use actix_web::body::MessageBody;
use actix_web::dev::{ServiceRequest, ServiceResponse};
use tracing::Span;
use tracing_actix_web::RootSpanBuilder;

/// The target the span is logged under (`RUST_LOG=brobyg::request=info`);
/// off by default, as the default span's was.
pub const TARGET: &str = "brobyg::request";

pub struct RequestSpan;

impl RootSpanBuilder for RequestSpan {
    fn on_request_start(request: &ServiceRequest) -> Span {
        tracing::info_span!(
            target: TARGET,
            "HTTP request",
            http.method = %request.method(),
            http.target = %request.path(),
            http.route = tracing::field::Empty,
            http.status_code = tracing::field::Empty,
            exception.message = tracing::field::Empty,
        )
    }

    fn on_request_end<B: MessageBody>(span: Span, outcome: &Result<ServiceResponse<B>, Error>) {
        if span.is_disabled() {
            return;
        }
        match outcome {
            Ok(response) => {
                if let Some(route) = response.request().match_pattern() {
                    span.record("http.route", route.as_str());
                }
                span.record("http.status_code", response.status().as_u16());
                if let Some(error) = response.response().error() {
                    span.record("exception.message", tracing::field::display(error));
                }
            }
            Err(error) => {
                let status = error.as_response_error().status_code();
                span.record("http.status_code", status.as_u16());
                span.record("exception.message", tracing::field::display(error));
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use std::io::Write;
    use std::sync::{Arc, Mutex};

    use actix_web::{App, test, web};
    use tracing_actix_web::TracingLogger;
    use tracing_subscriber::fmt::format::FmtSpan;

    use super::*;

    #[derive(Clone, Default)]
    struct Captured(Arc<Mutex<Vec<u8>>>);

    impl Write for Captured {
        fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
            self.0.lock().expect("the log").extend_from_slice(buf);
            Ok(buf.len())
        }
        fn flush(&mut self) -> std::io::Result<()> {
            Ok(())
        }
    }

    #[actix_web::test]
    async fn a_logged_request_names_its_route_and_status_but_not_its_query() {
        let log = Captured::default();
        let writer = log.clone();
        let subscriber = tracing_subscriber::fmt()
            .with_env_filter(format!("{TARGET}=info"))
            .with_span_events(FmtSpan::CLOSE)
            .with_ansi(false)
            .with_writer(move || writer.clone())
            .finish();
        let _default = tracing::subscriber::set_default(subscriber);
        let app = test::init_service(
            App::new()
                .wrap(TracingLogger::<RequestSpan>::new())
                .route("/hold/{id}", web::get().to(|| async { "ok" })),
        )
        .await;
        let req = test::TestRequest::get()
            .uri("/hold/7?q=Jens+Hansen")
            .to_request();
        assert!(test::call_service(&app, req).await.status().is_success());
        let logged = String::from_utf8(log.0.lock().expect("the log").clone()).expect("utf-8");
        assert!(logged.contains("/hold/{id}"), "{logged}");
        assert!(logged.contains("http.status_code=200"), "{logged}");
        assert!(logged.contains("/hold/7"), "{logged}");
        assert!(!logged.contains("Jens"), "{logged}");
    }
}
