//! `/metrics`: what an operator's Prometheus scrapes, and only they.

use brobyg::domain::Role;
use reqwest::StatusCode;

use crate::helpers::{spawn_app, spawn_app_with};

async fn scrape(app: &crate::helpers::TestApp) -> String {
    let response = app.browser().get("/metrics").await;
    assert_eq!(response.status(), StatusCode::OK);
    assert!(
        response
            .headers()
            .get("content-type")
            .and_then(|v| v.to_str().ok())
            .is_some_and(|v| v.starts_with("text/plain; version=0.0.4"))
    );
    response.text().await.expect("body")
}

/// The value of the first sample line starting with `series`.
fn value(text: &str, series: &str) -> Option<f64> {
    text.lines()
        .find(|l| l.starts_with(series))
        .and_then(|l| l.rsplit(' ').next())
        .and_then(|v| v.parse().ok())
}

#[tokio::test]
async fn requests_are_counted_by_route_pattern_and_status() {
    let app = spawn_app().await;
    let browser = app.browser();
    browser.get("/healthz").await;
    browser.get("/healthz").await;
    // An id in the path is not a series of its own.
    browser.get("/koordinator/hold/12345").await;
    let text = scrape(&app).await;
    assert_eq!(
        value(
            &text,
            r#"brobyg_http_requests_total{method="GET",route="/healthz",status="200"}"#
        ),
        Some(2.0),
        "{text}"
    );
    assert_eq!(
        value(
            &text,
            r#"brobyg_http_requests_total{method="GET",route="/koordinator/hold/{id}",status="303"}"#
        ),
        Some(1.0)
    );
    assert!(!text.contains("12345"));
    assert!(
        text.contains(
            r#"brobyg_http_request_duration_seconds_bucket{route="/healthz",le="0.005"}"#
        )
    );
    assert!(value(&text, "brobyg_db_pool_max_connections").is_some_and(|v| v > 0.0));
}

#[tokio::test]
async fn the_outbox_is_measured() {
    let app = spawn_app().await;
    let text = scrape(&app).await;
    assert_eq!(value(&text, "brobyg_outbox_pending"), Some(0.0));
    // Inviting a coordinator queues one message.
    let (admin, _) = app.signed_in(Role::Admin).await;
    let branch = app.create_branch("Afdeling Måling");
    admin
        .post_form(
            "/admin/brugere/inviter",
            &[
                ("name", "Ny Koordinator"),
                ("email", "ny-koordinator@example.dk"),
                ("branches", &branch.to_string()),
            ],
        )
        .await;
    let queued = app
        .outbox()
        .iter()
        .filter(|r| r.status == brobyg::db::outbox::Status::Pending)
        .count() as f64;
    assert!(queued >= 1.0);
    let text = scrape(&app).await;
    assert_eq!(value(&text, "brobyg_outbox_pending"), Some(queued));
    assert_eq!(value(&text, "brobyg_outbox_failed"), Some(0.0));
    assert!(value(&text, "brobyg_outbox_oldest_due_seconds").is_some_and(|v| v >= 0.0));
    assert!(text.contains("brobyg_mail_worker_last_pass_timestamp_seconds"));
}

#[tokio::test]
async fn only_local_unproxied_clients_or_the_token_bearer_read_them() {
    let app = spawn_app_with(|s| s.metrics_token = Some("skraber-hemmelighed-123".into())).await;
    let client = reqwest::Client::new();
    let url = app.browser().url("/metrics");
    // Through a reverse proxy on this machine: someone from outside.
    let proxied = client
        .get(&url)
        .header("x-forwarded-for", "203.0.113.5")
        .send()
        .await
        .expect("GET");
    assert_eq!(proxied.status(), StatusCode::NOT_FOUND);
    let wrong = client
        .get(&url)
        .header("x-forwarded-for", "203.0.113.5")
        .bearer_auth("gaet")
        .send()
        .await
        .expect("GET");
    assert_eq!(wrong.status(), StatusCode::NOT_FOUND);
    let scraper = client
        .get(&url)
        .header("x-forwarded-for", "203.0.113.5")
        .bearer_auth("skraber-hemmelighed-123")
        .send()
        .await
        .expect("GET");
    assert_eq!(scraper.status(), StatusCode::OK);
}
