use actix_web::{HttpResponse, web};

use crate::web::AppState;

/// 200 when the database answers, 503 otherwise: what a load balancer needs
/// to take an instance out of rotation.
pub async fn check(state: web::Data<AppState>) -> HttpResponse {
    match state.app.database_answers().await {
        Ok(()) => HttpResponse::Ok().content_type("text/plain").body("ok"),
        Err(e) => {
            tracing::warn!(error = %crate::error::error_chain(&e), "health check failed");
            HttpResponse::ServiceUnavailable()
                .content_type("text/plain")
                .body("database unavailable")
        }
    }
}
