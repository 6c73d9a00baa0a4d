//! `GET /metrics` in Prometheus' text format: requests by route and status,
//! their latency, the outbox, the mail worker and the database pool. Each
//! instance counts its own requests (Prometheus scrapes every instance);
//! the outbox figures come from the shared database.
//!
//! Only for the operator: answered to a client on this machine that did
//! not come through a proxy, or to a bearer of `METRICS_TOKEN`.

use actix_web::body::MessageBody;
use actix_web::dev::{ServiceRequest, ServiceResponse};
use actix_web::http::header::{AUTHORIZATION, CACHE_CONTROL, CONTENT_TYPE};
use actix_web::middleware::Next;
use actix_web::{HttpRequest, HttpResponse, web};
use prometheus::{
    Encoder, HistogramOpts, HistogramVec, IntCounterVec, IntGauge, Opts, Registry, TextEncoder,
};
use secrecy::ExposeSecret;

use super::state::AppState;
use crate::auth::token;
use crate::error::AppError;

/// The instance's counters, registered once at start.
pub struct Metrics {
    registry: Registry,
    requests: IntCounterVec,
    latency: HistogramVec,
    outbox_pending: IntGauge,
    outbox_failed: IntGauge,
    oldest_due_seconds: prometheus::Gauge,
    worker_last_pass: IntGauge,
    pool_connections: IntGauge,
    pool_idle: IntGauge,
    pool_max: IntGauge,
    statements: prometheus::IntCounter,
    /// Two scrapes at once would both add the same difference.
    statements_catch_up: std::sync::Mutex<()>,
    page_cache: IntCounterVec,
}

impl Metrics {
    pub fn new() -> Result<Metrics, prometheus::Error> {
        let registry = Registry::new_custom(Some("brobyg".into()), None)?;
        let requests = IntCounterVec::new(
            Opts::new("http_requests_total", "HTTP requests by route and status"),
            &["method", "route", "status"],
        )?;
        let latency = HistogramVec::new(
            HistogramOpts::new(
                "http_request_duration_seconds",
                "Time to answer an HTTP request, by route",
            )
            .buckets(vec![
                0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1.0, 2.5, 5.0, 10.0,
            ]),
            &["route"],
        )?;
        let outbox_pending = IntGauge::new("outbox_pending", "Messages waiting to be sent")?;
        let outbox_failed = IntGauge::new("outbox_failed", "Messages that failed for good")?;
        let oldest_due_seconds = prometheus::Gauge::new(
            "outbox_oldest_due_seconds",
            "Seconds since the oldest pending message became due",
        )?;
        let worker_last_pass = IntGauge::new(
            "mail_worker_last_pass_timestamp_seconds",
            "When this instance's mail worker last finished a pass (0: never or no worker)",
        )?;
        let pool_connections = IntGauge::new("db_pool_connections", "Database connections open")?;
        let pool_idle = IntGauge::new("db_pool_idle_connections", "Database connections idle")?;
        let pool_max = IntGauge::new("db_pool_max_connections", "The pool's ceiling")?;
        let statements = prometheus::IntCounter::new(
            "db_statements_total",
            "Statements sent to the database (BEGIN and COMMIT included)",
        )?;
        registry.register(Box::new(requests.clone()))?;
        registry.register(Box::new(latency.clone()))?;
        registry.register(Box::new(outbox_pending.clone()))?;
        registry.register(Box::new(outbox_failed.clone()))?;
        registry.register(Box::new(oldest_due_seconds.clone()))?;
        registry.register(Box::new(worker_last_pass.clone()))?;
        registry.register(Box::new(pool_connections.clone()))?;
        registry.register(Box::new(pool_idle.clone()))?;
        let page_cache = IntCounterVec::new(
            Opts::new(
                "page_cache_total",
                "Public pages answered from the page cache (hit) or rendered (miss)",
            ),
            &["outcome"],
        )?;
        registry.register(Box::new(pool_max.clone()))?;
        registry.register(Box::new(statements.clone()))?;
        registry.register(Box::new(page_cache.clone()))?;
        Ok(Metrics {
            registry,
            requests,
            latency,
            outbox_pending,
            outbox_failed,
            oldest_due_seconds,
            worker_last_pass,
            pool_connections,
            pool_idle,
            pool_max,
            statements,
            statements_catch_up: std::sync::Mutex::new(()),
            page_cache,
        })
    }

    /// A public page answered from the page cache, or rendered for it.
    pub fn page_cache(&self, hit: bool) {
        self.page_cache
            .with_label_values(&[if hit { "hit" } else { "miss" }])
            .inc();
    }
}

/// Counts every request by its route pattern (`/koordinator/hold/{id}`,
/// never the ids themselves, so the series stay few) and status.
pub async fn record(
    req: ServiceRequest,
    next: Next<impl MessageBody>,
) -> Result<ServiceResponse<impl MessageBody>, actix_web::Error> {
    let started = std::time::Instant::now();
    let state = req.app_data::<web::Data<AppState>>().cloned();
    let method = req.method().to_string();
    let response = next.call(req).await?;
    if let Some(state) = state {
        let route = response
            .request()
            .match_pattern()
            .unwrap_or_else(|| "unmatched".into());
        let status = response.status().as_u16().to_string();
        let m = &state.metrics;
        m.requests
            .with_label_values(&[method.as_str(), route.as_str(), status.as_str()])
            .inc();
        m.latency
            .with_label_values(&[route.as_str()])
            .observe(started.elapsed().as_secs_f64());
    }
    Ok(response)
}

/// Whether the caller may read the metrics.
fn allowed(req: &HttpRequest, token_setting: Option<&secrecy::SecretString>) -> bool {
    if let Some(expected) = token_setting {
        let presented = req
            .headers()
            .get(AUTHORIZATION)
            .and_then(|v| v.to_str().ok())
            .and_then(|v| v.strip_prefix("Bearer "));
        if presented.is_some_and(|p| token::same(p, expected.expose_secret())) {
            return true;
        }
    }
    // A reverse proxy on the same machine also connects from loopback, but
    // says whom it forwards for.
    let loopback = req.peer_addr().is_some_and(|a| a.ip().is_loopback());
    loopback && !req.headers().contains_key("x-forwarded-for")
}

pub async fn show(req: HttpRequest, state: web::Data<AppState>) -> Result<HttpResponse, AppError> {
    if !allowed(&req, state.settings.metrics_token.as_ref()) {
        return Err(AppError::NotFound);
    }
    let outbox = crate::app::monitoring::outbox(&state.app).await?;
    let m = &state.metrics;
    m.outbox_pending.set(outbox.pending);
    m.outbox_failed.set(outbox.failed);
    m.oldest_due_seconds.set(outbox.oldest_due_seconds);
    m.worker_last_pass
        .set(state.mail_worker.as_ref().map_or(0, |w| w.last_pass()));
    let (open, idle) = state.app.db.pool_state();
    m.pool_connections.set(i64::from(open));
    m.pool_idle.set(i64::from(idle));
    m.pool_max.set(i64::from(state.app.db.pool_size()));
    // The pool counts; the counter catches up at each scrape.
    if let Ok(_turn) = m.statements_catch_up.lock() {
        let sent = state.app.db.statements();
        m.statements.inc_by(sent.saturating_sub(m.statements.get()));
    }
    let mut body = Vec::new();
    TextEncoder::new()
        .encode(&m.registry.gather(), &mut body)
        .map_err(|e| AppError::Internal(e.into()))?;
    Ok(HttpResponse::Ok()
        .insert_header((CONTENT_TYPE, "text/plain; version=0.0.4; charset=utf-8"))
        .insert_header((CACHE_CONTROL, "no-store"))
        .body(body))
}
